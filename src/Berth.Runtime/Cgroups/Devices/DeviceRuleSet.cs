using System.Globalization;
using Berth.Oci.RuntimeSpec;

namespace Berth.Runtime.Cgroups.Devices;

/// <summary>
/// The state the v1 devices controller keeps — a default (allow or deny) plus exceptions to it — computed from a
/// rule list exactly as the kernel would: an "a" rule sets the default and clears the exceptions; a rule against the
/// default adds (merges) an exception; a rule agreeing with the default removes those access bits from the exception
/// with the same type and numbers. Both the v1 writes and the v2 eBPF program are derived from this state, so both
/// versions enforce the same thing.
/// </summary>
internal sealed class DeviceRuleSet
{
    private readonly List<DeviceRule> _exceptions = [];

    /// <summary>Starts as a fresh cgroup under an unrestricted parent: everything allowed.</summary>
    public DeviceRuleSet(bool defaultAllow = true) => DefaultAllow = defaultAllow;

    /// <summary>Whether devices not named by an exception are allowed.</summary>
    public bool DefaultAllow { get; private set; }

    /// <summary>The exceptions: deny rules when the default allows, allow rules when it denies.</summary>
    public IReadOnlyList<DeviceRule> Exceptions => _exceptions;

    /// <summary>The state a list of spec rules leads to, validating each rule.</summary>
    public static DeviceRuleSet FromSpec(IEnumerable<LinuxDeviceCgroup> rules)
    {
        var set = new DeviceRuleSet();
        foreach (var rule in rules)
            set.Apply(DeviceRule.FromSpec(rule));
        return set;
    }

    /// <summary>Applies one rule as the kernel applies a line written to devices.allow or devices.deny.</summary>
    public void Apply(DeviceRule rule)
    {
        if (rule.IsBlanket)
        {
            DefaultAllow = rule.Allow;
            _exceptions.Clear();
            return;
        }
        int index = _exceptions.FindIndex(e => e.Type == rule.Type && e.Major == rule.Major && e.Minor == rule.Minor);
        if (rule.Allow != DefaultAllow)
        {
            if (index < 0)
                _exceptions.Add(rule);
            else
                _exceptions[index] = _exceptions[index] with { Access = _exceptions[index].Access | rule.Access };
            return;
        }
        if (index < 0) return;
        var remaining = _exceptions[index].Access & ~rule.Access;
        if (remaining == DeviceAccess.None)
            _exceptions.RemoveAt(index);
        else
            _exceptions[index] = _exceptions[index] with { Access = remaining };
    }

    /// <summary>
    /// The kernel's decision for one access: with a default deny, one allow exception must cover every requested
    /// bit; with a default allow, any deny exception sharing a requested bit refuses it.
    /// </summary>
    public bool IsAllowed(DeviceType type, long major, long minor, DeviceAccess access)
        => DefaultAllow
            ? !_exceptions.Any(e => e.Covers(type, major, minor) && (e.Access & access) != 0)
            : _exceptions.Any(e => e.Covers(type, major, minor) && (access & ~e.Access) == 0);

    /// <summary>Reads devices.list: "a *:* rwm" means allow-all (the kernel hides deny exceptions then); else the allow exceptions.</summary>
    public static DeviceRuleSet FromV1List(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Any(l => l.StartsWith('a')))
            return new DeviceRuleSet(defaultAllow: true);
        var set = new DeviceRuleSet(defaultAllow: false);
        foreach (var line in lines)
            set.Apply(ParseV1Line(line, allow: true));
        return set;
    }

    /// <summary>What devices.list shows for this state.</summary>
    public string ToV1List()
        => DefaultAllow
            ? "a *:* rwm\n"
            : string.Concat(_exceptions.Select(e => e.ToV1Line() + "\n"));

    /// <summary>
    /// The writes (file, line) that take a v1 cgroup from its current state to this one. The kernel hides deny
    /// exceptions of an allow-by-default cgroup, so from that state (or when the default changes) the list is reset
    /// with an "a" line first; otherwise only the difference is written, allows before denies, so that nothing the
    /// target allows is refused in between.
    /// </summary>
    public List<(string File, string Line)> V1WritesFrom(DeviceRuleSet current)
    {
        var writes = new List<(string File, string Line)>();
        var source = current;
        if (current.DefaultAllow || current.DefaultAllow != DefaultAllow)
        {
            writes.Add((DefaultAllow ? "devices.allow" : "devices.deny", "a *:* rwm"));
            source = new DeviceRuleSet(DefaultAllow);
        }
        string addFile = DefaultAllow ? "devices.deny" : "devices.allow";
        string removeFile = DefaultAllow ? "devices.allow" : "devices.deny";
        foreach (var target in _exceptions)
        {
            var missing = target.Access & ~source.AccessOf(target);
            if (missing != DeviceAccess.None)
                writes.Add((addFile, (target with { Access = missing }).ToV1Line()));
        }
        foreach (var existing in source._exceptions)
        {
            var extra = existing.Access & ~AccessOf(existing);
            if (extra != DeviceAccess.None)
                writes.Add((removeFile, (existing with { Access = extra }).ToV1Line()));
        }
        return writes;
    }

    /// <summary>Whether two states enforce the same thing (same default, same exceptions in any order).</summary>
    public bool SameAs(DeviceRuleSet other)
        => DefaultAllow == other.DefaultAllow
           && _exceptions.Count == other._exceptions.Count
           && _exceptions.All(e => other.AccessOf(e) == e.Access);

    private DeviceAccess AccessOf(DeviceRule key)
        => _exceptions.FirstOrDefault(e => e.Type == key.Type && e.Major == key.Major && e.Minor == key.Minor).Access;

    /// <summary>Parses a devices.list / devices.allow line: "c 1:3 rwm", "b *:* m".</summary>
    public static DeviceRule ParseV1Line(string line, bool allow)
    {
        var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 3 || fields[0].Length != 1)
            throw new RuntimeException($"malformed device rule \"{line}\"");
        var numbers = fields[1].Split(':');
        if (numbers.Length != 2)
            throw new RuntimeException($"malformed device rule \"{line}\"");
        var type = fields[0][0] switch
        {
            'a' => DeviceType.All,
            'c' => DeviceType.Char,
            'b' => DeviceType.Block,
            _ => throw new RuntimeException($"malformed device rule \"{line}\""),
        };
        return new DeviceRule(allow, type, ParseNumber(numbers[0], line), ParseNumber(numbers[1], line), DeviceAccessText.Parse(fields[2]));
    }

    private static long ParseNumber(string text, string line)
        => text == "*" ? DeviceRule.Wildcard
            : uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out uint value) ? value
            : throw new RuntimeException($"malformed device rule \"{line}\"");
}
