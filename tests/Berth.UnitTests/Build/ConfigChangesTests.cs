using Berth.Build.Dockerfile;
using Berth.Oci.Image;

namespace Berth.UnitTests.Build;

/// <summary>`import -c` changes give the config dockerd 20.10 gave for the same changes (recorded from a real import).</summary>
public sealed class ConfigChangesTests
{
    private static ContainerConfig Apply(params string[] changes) => ConfigChanges.Apply(new ContainerConfig(), changes);

    private static string Error(params string[] changes) => Assert.Throws<DockerfileException>(() => Apply(changes)).Message;

    [Fact]
    public void CmdAndEntrypoint_TakeJsonOrShellForm()
    {
        Assert.Equal(["sh"], Apply("CMD [\"sh\"]").Cmd);
        Assert.Equal(["a", "b"], Apply("cmd [\"a\", \"b\"]").Cmd);
        Assert.Equal(["/bin/sh", "-c", "x # c"], Apply("CMD x # c").Cmd);
        Assert.Equal(["/bin/sh", "-c", "[bad"], Apply("CMD [bad").Cmd);
        Assert.Equal(["/bin/sh", "-c"], Apply("CMD").Cmd);
        Assert.Equal(["/bin/sh", "-c", "/bin/sh -c x"], Apply("ENTRYPOINT /bin/sh -c x").Entrypoint);
        Assert.Null(Apply("ENTRYPOINT []").Entrypoint);
    }

    [Fact]
    public void EnvAndLabel_TakeBothFormsWithQuotesAndExpansion()
    {
        Assert.Equal(["X=1", "Y=2 3", "Z=4 5"], Apply("ENV X=1 Y=\"2 3\"", "ENV Z 4 5").Env);
        Assert.Equal(["a="], Apply("ENV a=$HOME").Env);
        Assert.Equal(["A=1", "B=1/x"], Apply("ENV A=1", "ENV B=${A}/x").Env);
        Assert.Equal(new Dictionary<string, string> { ["a"] = "b", ["c"] = "d e" }, Apply("LABEL a=b c=\"d e\"").Labels);
        Assert.Equal(new Dictionary<string, string> { ["x y"] = "z" }, Apply("LABEL \"x y\"=z").Labels);
    }

    [Fact]
    public void ExposeVolumeUserWorkdir_AsDockerStoresThem()
    {
        Assert.Equal(["1/tcp", "2/tcp", "3/tcp", "90/udp"], Apply("EXPOSE 1-3 90/udp").ExposedPorts!.Keys.Order());
        Assert.Equal(["/j", "/v", "/w"], Apply("VOLUME /v /w", "VOLUME [\"/j\"]").Volumes!.Keys.Order());
        Assert.Equal("a b", Apply("USER a b").User);
        Assert.Equal("/rel/sub", Apply("WORKDIR rel", "WORKDIR sub").WorkingDir);
        Assert.Equal("/a/../b/", Apply("WORKDIR /a/../b/").WorkingDir);
        Assert.Equal(["RUN x"], Apply("ONBUILD RUN x").OnBuild);
        Assert.Equal("SIGKILL", Apply("STOPSIGNAL SIGKILL").StopSignal);
    }

    [Fact]
    public void Healthcheck_ParsesOptionsAndForms()
    {
        var health = Apply("HEALTHCHECK --interval=1m30s --timeout=2s --start-period=1s --retries=3 CMD echo hi").Healthcheck!;
        Assert.Equal(["CMD-SHELL", "echo hi"], health.Test);
        Assert.Equal(90_000_000_000, health.Interval);
        Assert.Equal(2_000_000_000, health.Timeout);
        Assert.Equal(1_000_000_000, health.StartPeriod);
        Assert.Equal(3, health.Retries);
        Assert.Equal(["CMD", "x", "y"], Apply("HEALTHCHECK CMD [\"x\",\"y\"]").Healthcheck!.Test);
        Assert.Equal(["NONE"], Apply("HEALTHCHECK NONE").Healthcheck!.Test);
    }

    [Theory]
    [InlineData("RUN x", "run is not a valid change command")]
    [InlineData("FOO x", "foo is not a valid change command")]
    [InlineData("", "file with no instructions")]
    [InlineData("# comment", "file with no instructions")]
    [InlineData("ENV", "ENV requires at least one argument")]
    [InlineData("ENV a", "ENV must have two arguments")]
    [InlineData("ENV =a", "ENV names can not be blank")]
    [InlineData("ENV a=b c", "Syntax error - can't find = in \"c\". Must be of the form: name=value")]
    [InlineData("LABEL a", "LABEL must have two arguments")]
    [InlineData("USER", "USER requires exactly one argument")]
    [InlineData("WORKDIR", "WORKDIR requires exactly one argument")]
    [InlineData("EXPOSE", "EXPOSE requires at least one argument")]
    [InlineData("EXPOSE abc", "Invalid containerPort: abc")]
    [InlineData("VOLUME", "VOLUME requires at least one argument")]
    [InlineData("VOLUME \"\"", "VOLUME specified can not be an empty string")]
    [InlineData("ONBUILD", "ONBUILD requires at least one argument")]
    [InlineData("ONBUILD FROM x", "FROM isn't allowed as an ONBUILD trigger")]
    [InlineData("ONBUILD ONBUILD x", "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed")]
    [InlineData("CMD [\"a\", 1]", "when using JSON array syntax, arrays must be comprised of strings only")]
    [InlineData("HEALTHCHECK", "HEALTHCHECK requires at least one argument")]
    [InlineData("HEALTHCHECK --foo=1 CMD x", "Unknown flag: foo")]
    [InlineData("HEALTHCHECK CMD", "Missing command after HEALTHCHECK CMD")]
    [InlineData("HEALTHCHECK BLA x", "Unknown type \"BLA\" in HEALTHCHECK (try CMD)")]
    [InlineData("STOPSIGNAL SIGNOPE", "Invalid signal: SIGNOPE")]
    public void RefusedChanges_GiveDockersMessage(string change, string message) => Assert.Equal(message, Error(change));
}
