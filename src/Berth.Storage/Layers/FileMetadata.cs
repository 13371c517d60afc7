using System.Text;
using Berth.Storage.Interop;

namespace Berth.Storage.Layers;

/// <summary>Ownership, mode, extended attributes and times of one unpacked or copied path, applied in the order the
/// kernel requires: chown first (it clears setuid bits and file capabilities), then attributes, then mode.</summary>
internal static class FileMetadata
{
    /// <summary>Sets everything but times; a symlink gets owner and attributes only (its mode is meaningless).</summary>
    internal static void Apply(string path, bool isSymlink, int uid, int gid, uint mode, IEnumerable<KeyValuePair<string, byte[]>> xattrs)
    {
        // Without root the files stay the unpacking user's, as with rootless tools; chown would only fail.
        if (Fs.IsRoot) Fs.Lchown(path, uid, gid);
        foreach (var (name, value) in Settable(xattrs)) Fs.SetXattr(path, name, value);
        if (!isSymlink) Fs.Chmod(path, mode & 0xFFF);
    }

    /// <summary>The same for a file being created, through its descriptor.</summary>
    internal static void Apply(NewFile file, int uid, int gid, uint mode, IEnumerable<KeyValuePair<string, byte[]>> xattrs)
    {
        if (Fs.IsRoot) file.Chown(uid, gid);
        foreach (var (name, value) in Settable(xattrs)) file.SetXattr(name, value);
        file.Chmod(mode & 0xFFF);
    }

    // overlayfs's own attributes are never taken from a layer: they would forge whiteouts and opaque directories.
    private static IEnumerable<KeyValuePair<string, byte[]>> Settable(IEnumerable<KeyValuePair<string, byte[]>> xattrs)
        => xattrs.Where(x => !x.Key.StartsWith(Whiteouts.OverlayXattrPrefix, StringComparison.Ordinal));

    /// <summary>The extended attributes a PAX header carries as SCHILY.xattr.NAME.</summary>
    /// <remarks>System.Formats.Tar hands PAX values over as UTF-8 text, so a binary value that is not valid UTF-8
    /// cannot be restored byte for byte.</remarks>
    internal static IEnumerable<KeyValuePair<string, byte[]>> FromPax(IReadOnlyDictionary<string, string>? pax)
    {
        if (pax is null) yield break;
        const string prefix = "SCHILY.xattr.";
        foreach (var (key, value) in pax.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            if (key.StartsWith(prefix, StringComparison.Ordinal) && key.Length > prefix.Length)
                yield return new(key[prefix.Length..], Encoding.UTF8.GetBytes(value));
    }

    /// <summary>Path's own extended attributes, without overlayfs's private ones.</summary>
    internal static IEnumerable<KeyValuePair<string, byte[]>> Read(string path)
    {
        foreach (var name in Fs.ListXattrs(path))
        {
            if (name.StartsWith(Whiteouts.OverlayXattrPrefix, StringComparison.Ordinal)) continue;
            if (Fs.GetXattr(path, name) is { } value) yield return new(name, value);
        }
    }
}
