using System.Text;
using Berth.Monitor.Logs;

namespace Berth.IntegrationTests.Monitor;

/// <summary>The log drivers' files: dockerd's json-file lines, rotation, the local format, and the `logs` reader.</summary>
public sealed class LogFileTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "berth-logs-" + Guid.NewGuid().ToString("N")[..8]);

    private string LogPath => Path.Combine(_dir, "c-json.log");

    [Fact]
    public void JsonFile_EscapesAsGoAndCutsLongLinesAt16K()
    {
        using (var log = LogWriter.Create("json-file", LogPath, 0, 1, false)!)
        {
            log.Write(LogStream.Stdout, [.. "a<b>&\"c\\\t\u0001\u2028é"u8, 0xff, (byte)'\n']);
            log.Write(LogStream.Stderr, Encoding.ASCII.GetBytes(new string('x', 40000) + "\n"));
            log.EndOf(LogStream.Stdout);
        }
        var lines = File.ReadAllLines(LogPath);
        Assert.StartsWith("{\"log\":\"a\\u003cb\\u003e\\u0026\\\"c\\\\\\t\\u0001\\u2028é\\ufffd\\n\",\"stream\":\"stdout\",\"time\":\"", lines[0]);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith($"{{\"log\":\"{new string('x', 16384)}\",\"stream\":\"stderr\"", lines[1]);
        Assert.StartsWith($"{{\"log\":\"{new string('x', 16384)}\",\"stream\":\"stderr\"", lines[2]);
        Assert.StartsWith($"{{\"log\":\"{new string('x', 40000 - 32768)}\\n\",\"stream\":\"stderr\"", lines[3]);
    }

    [Fact]
    public void GoTime_TrimsTrailingZerosLikeRfc3339Nano()
    {
        Assert.Equal("2024-01-02T03:04:05.12Z", GoTime.Rfc3339Nano(new DateTimeOffset(2024, 1, 2, 3, 4, 5, 120, TimeSpan.Zero)));
        Assert.Equal("2024-01-02T03:04:05Z", GoTime.Rfc3339Nano(new DateTimeOffset(2024, 1, 2, 5, 4, 5, TimeSpan.FromHours(2))));
    }

    [Theory]
    [InlineData("json-file", false)]
    [InlineData("local", false)]
    [InlineData("json-file", true)]
    [InlineData("local", true)]
    public async Task Rotation_KeepsMaxFilesAndTheReaderTailsAcrossThem(string driver, bool compress)
    {
        using (var log = LogWriter.Create(driver, LogPath, 1000, 4, compress)!)
            for (var i = 0; i < 300; i++) log.Write(LogStream.Stdout, Encoding.ASCII.GetBytes($"line {i}\n"));
        // The newest rotated file stays plain; the older ones are gzipped with compress.
        Assert.True(File.Exists(LogPath + ".1"));
        Assert.True(new FileInfo(LogPath + ".1").Length is >= 1000 and < 1100);
        foreach (var n in new[] { 2, 3 })
        {
            Assert.Equal(!compress, File.Exists($"{LogPath}.{n}"));
            Assert.Equal(compress, File.Exists($"{LogPath}.{n}.gz"));
        }
        Assert.False(File.Exists(LogPath + ".4") || File.Exists(LogPath + ".4.gz"));
        if (compress)
        {
            using var gzip = new System.IO.Compression.GZipStream(File.OpenRead(LogPath + ".2.gz"), System.IO.Compression.CompressionMode.Decompress);
            using var plain = new MemoryStream();
            gzip.CopyTo(plain);
            Assert.True(plain.Length is >= 1000 and < 1100);
        }

        var all = await ReadAsync(driver, new LogReadOptions());
        Assert.Equal("line 299\n", all[^1]);
        Assert.True(all.Count > 40, $"only {all.Count} lines in 4 files");
        Assert.Equal(Enumerable.Range(300 - all.Count, all.Count).Select(i => $"line {i}\n"), all);
        Assert.Equal(["line 297\n", "line 298\n", "line 299\n"], await ReadAsync(driver, new LogReadOptions(Tail: 3)));
        Assert.Empty(await ReadAsync(driver, new LogReadOptions(Since: DateTimeOffset.UtcNow.AddMinutes(1))));
    }

    [Theory]
    [InlineData("json-file", false)]
    [InlineData("local", false)]
    [InlineData("local", true)]
    public async Task Follow_SeesNewEntriesAcrossRotationsUntilCancelled(string driver, bool compress)
    {
        var log = LogWriter.Create(driver, LogPath, 300, 5, compress)!;
        log.Write(LogStream.Stdout, "first\n"u8);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var seen = new List<string>();
        var follow = Task.Run(async () =>
        {
            await foreach (var m in LogReader.ReadAsync(driver, LogPath, new LogReadOptions(Tail: 1, Follow: true), cancel.Token))
            {
                seen.Add(Encoding.UTF8.GetString(m.Data.Span));
                if (seen.Count == 61) await cancel.CancelAsync();
            }
        });
        await Task.Delay(300);
        for (var i = 0; i < 60; i++)
        {
            log.Write(i % 2 == 0 ? LogStream.Stdout : LogStream.Stderr, Encoding.ASCII.GetBytes($"entry {i:D2}\n"));
            if (i % 10 == 0) await Task.Delay(250);
        }
        await follow;
        log.Dispose();
        Assert.Equal(["first\n", .. Enumerable.Range(0, 60).Select(i => $"entry {i:D2}\n")], seen);
    }

    [Theory]
    [InlineData("json-file")]
    [InlineData("local")]
    public async Task Follow_CancelledRightAfterTheLastWrite_StillReadsIt(string driver)
    {
        // berthd stops a follower at the container's exit, which the monitor reports once the output is in the log:
        // whatever the follower's poll was doing at that moment, the last entries must still come.
        var log = LogWriter.Create(driver, LogPath, 0, 1, false)!;
        log.Write(LogStream.Stdout, "first\n"u8);
        using var cancel = new CancellationTokenSource();
        var seen = new List<string>();
        var follow = Task.Run(async () =>
        {
            await foreach (var m in LogReader.ReadAsync(driver, LogPath, new LogReadOptions(Follow: true), cancel.Token))
                seen.Add(Encoding.UTF8.GetString(m.Data.Span));
        });
        for (var i = 0; i < 100 && seen.Count == 0; i++) await Task.Delay(20);
        log.Write(LogStream.Stderr, "last\n"u8);
        log.Dispose();
        await cancel.CancelAsync();
        await follow.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(["first\n", "last\n"], seen);
    }

    [Fact]
    public void UnsupportedOptions_AreRefusedClearly()
    {
        Assert.Null(LogWriter.Create("none", null, 0, 1, false));
        Assert.Contains("no log driver named 'syslog'", Assert.Throws<LogConfigException>(() => LogWriter.Create("syslog", LogPath, 0, 1, false)).Message);
    }

    private async Task<List<string>> ReadAsync(string driver, LogReadOptions options)
    {
        var lines = new List<string>();
        await foreach (var m in LogReader.ReadAsync(driver, LogPath, options, CancellationToken.None))
            lines.Add(Encoding.UTF8.GetString(m.Data.Span));
        return lines;
    }

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
