using Berth.Cli.CommandLine;
using Berth.Cli.Output;

namespace Berth.UnitTests.Cli;

/// <summary>berth shows a load's JSON messages as the docker CLI's jsonmessage package does.</summary>
public sealed class ProgressRendererTests
{
    private static readonly string[] Messages =
    [
        """{"status":"Loading layer","progressDetail":{"current":32768,"total":3010560},"progress":"[\u003e   ]  32.77kB/3.011MB","id":"aaaaaaaaaaaa"}""",
        """{"status":"Loading layer","progressDetail":{"current":3010560,"total":3010560},"progress":"[=====\u003e]  3.011MB/3.011MB","id":"aaaaaaaaaaaa"}""",
        """{"status":"Loading layer","progressDetail":{"current":1000,"total":2000},"progress":"[=\u003e ]  1kB/2kB","id":"bbbbbbbbbbbb"}""",
        """{"stream":"Loaded image: multi:1\n"}""",
    ];

    private static string Render(bool terminal, int width)
    {
        var output = new StringWriter();
        var renderer = new ProgressRenderer(output, terminal, width);
        foreach (var message in Messages) renderer.Show(message);
        return output.ToString();
    }

    [Fact]
    public void OffATerminal_OnlyThePlainLinesAppear() => Assert.Equal("Loaded image: multi:1\n", Render(false, 0));

    [Fact]
    public void OnAWideTerminal_EachLayerHasALineRedrawnInPlace()
    {
        const string bar0 = "[>                                                  ]  32.77kB/3.011MB";
        const string bar1 = "[==================================================>]  3.011MB/3.011MB";
        const string bar2 = "[=========================>                         ]      1kB/2kB";
        Assert.Equal(
            "\n\x1b[1A\x1b[2K\raaaaaaaaaaaa: Loading layer " + bar0 + "\r\x1b[1B"
            + "\x1b[1A\x1b[2K\raaaaaaaaaaaa: Loading layer " + bar1 + "\r\x1b[1B"
            + "\n\x1b[1A\x1b[2K\rbbbbbbbbbbbb: Loading layer " + bar2 + "\r\x1b[1B"
            + "Loaded image: multi:1\n",
            Render(true, 200));
    }

    [Fact]
    public void OnANarrowTerminal_OnlyTheCountsAppear()
        => Assert.Contains("aaaaaaaaaaaa: Loading layer  3.011MB/3.011MB\r", Render(true, 80));

    [Fact]
    public void AnErrorMessage_EndsTheCommandWithItsText()
    {
        var renderer = new ProgressRenderer(new StringWriter(), false, 0);
        var error = Assert.Throws<CliError>(() => renderer.Show("""{"errorDetail":{"message":"invalid diffID"},"error":"invalid diffID"}"""));
        Assert.Equal("invalid diffID", error.Message);
        Assert.Equal(1, error.ExitCode);
    }
}
