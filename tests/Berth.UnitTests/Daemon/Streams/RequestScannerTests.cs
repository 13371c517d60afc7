using System.Buffers;
using System.Text;
using Berth.Daemon.Api.Streams;

namespace Berth.UnitTests.Daemon.Streams;

public sealed class RequestScannerTests
{
    [Fact]
    public void OrdinaryRequests_PassWhole_WithTheirBodies()
    {
        var text = "POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc"
            + "POST /b HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhi\r\n0\r\n\r\nGET /c HTTP/1.1\r\n";
        var (step, consumed) = Scan(new RequestScanner(), text);
        Assert.Equal(ScanKind.Pass, step.Kind);
        // Everything but the unfinished third head.
        Assert.Equal(text.IndexOf("GET /c", StringComparison.Ordinal), consumed);
    }

    [Fact]
    public void HijackRequest_KeepsItsBody_AndLeavesWhatFollows()
    {
        var before = "GET /_ping HTTP/1.1\r\nHost: x\r\n\r\n";
        var hijack = "POST /exec/e/start HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nUpgrade: tcp\r\nConnection: Upgrade\r\n\r\n{}\r\n";
        var (step, consumed) = Scan(new RequestScanner(), before + hijack + "stdin");
        Assert.Equal(ScanKind.Hijack, step.Kind);
        Assert.Equal("{}\r\n", Encoding.ASCII.GetString(step.Body!.Value.Span));
        Assert.Equal((before + hijack).Length, consumed);
        var rewritten = Encoding.ASCII.GetString(step.Head!.WithoutBody());
        Assert.DoesNotContain("Content-Length", rewritten);
        Assert.EndsWith("Upgrade: tcp\r\nConnection: Upgrade\r\n\r\n", rewritten);
    }

    [Fact]
    public void HijackRequest_ChunkedBodyOverSeveralReads_IsDechunked()
    {
        var scanner = new RequestScanner();
        var (first, _) = Scan(scanner, "POST /exec/e/start HTTP/1.1\r\nHost: x\r\nUpgrade: tcp\r\nTransfer-Encoding: chunked\r\n\r\n3\r\n{\"a");
        Assert.Equal(ScanKind.Pass, first.Kind);
        var (second, _) = Scan(scanner, "\r\n4\r\n\":1}\r\n");
        Assert.Equal(ScanKind.Pass, second.Kind);
        var (last, _) = Scan(scanner, "0\r\n\r\n");
        Assert.Equal(ScanKind.Hijack, last.Kind);
        Assert.Equal("{\"a\":1}", Encoding.ASCII.GetString(last.Body!.Value.Span));
    }

    [Fact]
    public void ExpectContinue_OnAHijackWithoutItsBody_AsksForContinueOnce()
    {
        var scanner = new RequestScanner();
        var (step, _) = Scan(scanner, "POST /exec/e/start HTTP/1.1\r\nHost: x\r\nUpgrade: tcp\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n");
        Assert.Equal(ScanKind.ContinueWanted, step.Kind);
        Assert.Equal(ScanKind.Hijack, Scan(scanner, "{}").Step.Kind);
    }

    [Theory]
    [InlineData("POST / HTTP/1.1\r\nContent-Length: x\r\n\r\n")]
    [InlineData("POST / HTTP/1.1\r\nno colon\r\n\r\n")]
    [InlineData("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")]
    public void Unframeable_GoesOpaque(string text) => Assert.Equal(ScanKind.Opaque, Scan(new RequestScanner(), text).Step.Kind);

    private static (ScanStep Step, long Consumed) Scan(RequestScanner scanner, string text)
    {
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(text)));
        var step = scanner.Advance(ref reader, 64 * 1024, 1024 * 1024);
        return (step, reader.Consumed);
    }
}
