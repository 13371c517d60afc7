using System.Security.Cryptography;
using System.Text;
using Berth.Storage.Interop;

namespace Berth.Tests.Storage;

/// <summary>A directory tree as sorted text lines (type, mode, owner, content hash or link target, device numbers,
/// extended attributes, mtime of non-directories), so two trees compare with one Assert.Equal and differ legibly.</summary>
internal static class TreeListing
{
    internal static string Of(string root)
    {
        var lines = new List<string>();
        Walk(root, "", lines);
        return string.Join('\n', lines);
    }

    private static void Walk(string dir, string prefix, List<string> lines)
    {
        foreach (var path in Directory.EnumerateFileSystemEntries(dir).Order(StringComparer.Ordinal))
        {
            var name = prefix + Path.GetFileName(path);
            var st = Fs.Lstat(path)!.Value;
            var line = new StringBuilder($"{name} {Convert.ToString(st.Mode, 8)} {st.Uid}:{st.Gid}");
            if (st.IsRegular) line.Append(' ').Append(Convert.ToHexStringLower(SHA256.HashData(System.IO.File.ReadAllBytes(path)))[..12]);
            if (st.IsSymlink) line.Append(" -> ").Append(Fs.ReadLink(path));
            if (st.Type is Libc.S_IFCHR or Libc.S_IFBLK) line.Append($" dev {st.RdevMajor}:{st.RdevMinor}");
            if (!st.IsDirectory) line.Append(' ').Append(st.ModifiedTime.ToUnixTimeSeconds());
            foreach (var x in Fs.ListXattrs(path).Where(x => !x.StartsWith("trusted.overlay.", StringComparison.Ordinal)))
                line.Append($" {x}={Encoding.UTF8.GetString(Fs.GetXattr(path, x) ?? [])}");
            lines.Add(line.ToString());
            if (st.IsDirectory) Walk(path, name + "/", lines);
        }
    }
}
