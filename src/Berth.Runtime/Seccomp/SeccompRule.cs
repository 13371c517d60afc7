using Berth.Oci.RuntimeSpec;

namespace Berth.Runtime.Seccomp;

/// <summary>A profile rule, checked: the syscalls it names, its verdict, and the argument conditions that must all hold.</summary>
internal sealed record SeccompRule(IReadOnlyList<string> Names, uint Verdict, ArgumentComparison[] Comparisons)
{
    /// <summary>Checks an OCI rule: its action, errno and comparisons; names stay unresolved until a section needs them.</summary>
    internal static SeccompRule From(LinuxSyscall syscall)
    {
        uint verdict = SeccompVerdict.FromAction(syscall.Action, syscall.ErrnoRet);
        var args = syscall.Args ?? [];
        var comparisons = new ArgumentComparison[args.Count];
        for (int i = 0; i < args.Count; i++) comparisons[i] = ArgumentComparison.From(args[i]);
        return new SeccompRule(syscall.Names ?? [], verdict, comparisons);
    }

    /// <summary>True when the rule decides for its syscalls whatever their arguments.</summary>
    internal bool IsUnconditional => Comparisons.Length == 0;
}
