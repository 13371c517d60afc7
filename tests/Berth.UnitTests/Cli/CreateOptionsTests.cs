using System.Text.Json.Nodes;
using Berth.Cli.Commands.Containers;
using Berth.Cli.CommandLine;

namespace Berth.UnitTests.Cli;

/// <summary>Each create/run flag lands in the create body as the docker CLI 28 puts it there.</summary>
public sealed class CreateOptionsTests
{
    private static CreateOptions Parse(params string[] args) => Parse(true, args);

    private static CreateOptions Parse(bool isRun, params string[] args) =>
        CreateOptions.Parse(args, isRun ? "berth run" : "berth create", isRun, name => name == "FROM_ENV" ? "env-value" : null);

    private static JsonNode Host(params string[] args) => Parse(args).Body["HostConfig"]!;

    private static string Json(JsonNode? node) => node?.ToJsonString() ?? "null";

    private static CliError Error(params string[] args) => Assert.ThrowsAny<CliError>(() => Parse(args));

    [Fact]
    public void FlagsStopAtTheImage()
    {
        var options = Parse("--name", "x", "alpine", "echo", "-m", "1", "--rm");
        Assert.Equal("alpine", options.Image);
        Assert.Equal("""["echo","-m","1","--rm"]""", Json(options.Body["Cmd"]));
        Assert.Equal("/containers/create?name=x", options.Path);
        Assert.Equal(0, Host("alpine", "-m", "1")["Memory"]!.GetValue<long>());
    }

    [Fact]
    public void ShorthandGroupsSplit()
    {
        var body = Parse("-dit", "alpine").Body;
        Assert.True(body["Tty"]!.GetValue<bool>());
        Assert.True(body["OpenStdin"]!.GetValue<bool>());
        Assert.False(body["AttachStdin"]!.GetValue<bool>());
        Assert.False(body["AttachStdout"]!.GetValue<bool>());
        Assert.Equal(67108864, Host("-im64m", "alpine")["Memory"]!.GetValue<long>());
    }

    [Fact]
    public void InteractiveAttachesStdinOnce()
    {
        var body = Parse(false, "-i", "alpine").Body;
        Assert.True(body["AttachStdin"]!.GetValue<bool>());
        Assert.True(body["StdinOnce"]!.GetValue<bool>());
        Assert.True(body["AttachStdout"]!.GetValue<bool>());
    }

    [Fact]
    public void CreateHasNoDetachFlag() => Assert.Contains("unknown shorthand flag: 'd'", Assert.Throws<UsageError>(() => Parse(false, "-d", "alpine")).Message);

    [Fact]
    public void MissingImageIsAUsageError() => Assert.StartsWith("'berth run' requires at least 1 argument", Error("--rm").Message);

    [Fact]
    public void EnvTakesTheCliEnvironmentAndCollapsesRepeats()
    {
        var env = Parse("-e", "A=1", "-e", "FROM_ENV", "-e", "UNSET", "-e", "A=2", "alpine").Body["Env"];
        Assert.Equal("""["A=2","FROM_ENV=env-value","UNSET"]""", Json(env));
        Assert.Equal("invalid argument \"=x\" for \"-e, --env\" flag: invalid environment variable: =x", Error("-e", "=x", "alpine").Message.Split('\n')[0]);
    }

    [Fact]
    public void EnvAndLabelFiles()
    {
        var dir = Directory.CreateTempSubdirectory("berth-unit-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "env"), "\uFEFF# c\nA=1\n\n  B= spaced \nFROM_ENV\nUNSET\n");
            File.WriteAllText(Path.Combine(dir, "labels"), "a=b\nbare\n");
            var body = Parse("--env-file", Path.Combine(dir, "env"), "--label-file", Path.Combine(dir, "labels"), "-l", "a=c", "-l", "d", "alpine").Body;
            Assert.Equal("""["A=1","B= spaced ","FROM_ENV=env-value"]""", Json(body["Env"]));
            Assert.Equal("""{"a":"c","d":""}""", Json(body["Labels"]));
            File.WriteAllText(Path.Combine(dir, "bad"), "A B=1\n");
            Assert.Equal($"invalid env file ({dir}/bad): variable 'A B' contains whitespaces", Error("--env-file", Path.Combine(dir, "bad"), "alpine").Message);
            Assert.Equal($"open {dir}/none: no such file or directory", Error("--label-file", Path.Combine(dir, "none"), "alpine").Message);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void StringFlags()
    {
        var body = Parse("-w", "/w", "-u", "1:2", "-h", "box", "--stop-signal", "SIGINT", "alpine").Body;
        Assert.Equal("/w", body["WorkingDir"]!.GetValue<string>());
        Assert.Equal("1:2", body["User"]!.GetValue<string>());
        Assert.Equal("box", body["Hostname"]!.GetValue<string>());
        Assert.Equal("SIGINT", body["StopSignal"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(new[] { "alpine" }, "null")]
    [InlineData(new[] { "--entrypoint", "/bin/sh", "alpine" }, """["/bin/sh"]""")]
    [InlineData(new[] { "--entrypoint=", "alpine" }, """[""]""")]
    public void Entrypoint(string[] args, string expected) => Assert.Equal(expected, Json(Parse(args).Body["Entrypoint"]));

    [Theory]
    [InlineData("64m", 67108864)]
    [InlineData("1.5g", 1610612736)]
    [InlineData("10KiB", 10240)]
    [InlineData("10kb", 10240)]
    [InlineData("100", 100)]
    [InlineData("7b", 7)]
    public void MemoryInBytes(string value, long bytes) => Assert.Equal(bytes, Host("--memory", value, "alpine")["Memory"]!.GetValue<long>());

    [Theory]
    [InlineData("12q", "invalid suffix: 'q'")]
    [InlineData("-1", "invalid size: '-1'")]
    [InlineData("abc", "invalid size: 'abc'")]
    [InlineData("1x2", "strconv.ParseFloat: parsing \"1x2\": invalid syntax")]
    [InlineData("1kbb", "invalid suffix: 'kbb'")]
    public void BadMemory(string value, string reason)
    {
        var error = Error("--memory", value, "alpine");
        Assert.Equal(125, error.ExitCode);
        Assert.Equal($"invalid argument \"{value}\" for \"-m, --memory\" flag: {reason}", error.Message.Split('\n')[0]);
    }

    [Fact]
    public void MemorySwapTakesMinusOne()
    {
        Assert.Equal(-1, Host("--memory-swap", "-1", "alpine")["MemorySwap"]!.GetValue<long>());
        Assert.Equal(33554432, Host("--memory-reservation", "32M", "alpine")["MemoryReservation"]!.GetValue<long>());
        Assert.Equal(1073741824, Host("--shm-size", "1g", "alpine")["ShmSize"]!.GetValue<long>());
    }

    [Theory]
    [InlineData("0.5", 500000000)]
    [InlineData("3/2", 1500000000)]
    [InlineData("1e-1", 100000000)]
    [InlineData("2", 2000000000)]
    public void Cpus(string value, long nanos) => Assert.Equal(nanos, Host("--cpus", value, "alpine")["NanoCpus"]!.GetValue<long>());

    [Theory]
    [InlineData("abc", "failed to parse abc as a rational number")]
    [InlineData("1/3", "value is too precise")]
    public void BadCpus(string value, string reason) =>
        Assert.Equal($"invalid argument \"{value}\" for \"--cpus\" flag: {reason}", Error("--cpus", value, "alpine").Message.Split('\n')[0]);

    [Fact]
    public void IntegerFlags()
    {
        var host = Host("-c", "512", "--pids-limit", "-1", "--blkio-weight", "300", "--oom-score-adj", "-10", "--cpuset-cpus", "0-1", "alpine");
        Assert.Equal(512, host["CpuShares"]!.GetValue<long>());
        Assert.Equal(-1, host["PidsLimit"]!.GetValue<long>());
        Assert.Equal(300, host["BlkioWeight"]!.GetValue<long>());
        Assert.Equal(-10, host["OomScoreAdj"]!.GetValue<long>());
        Assert.Equal("0-1", host["CpusetCpus"]!.GetValue<string>());
        Assert.Equal(16, Parse("--stop-timeout", "0x10", "alpine").Body["StopTimeout"]!.GetValue<long>());
        Assert.Equal("invalid argument \"70000\" for \"--blkio-weight\" flag: strconv.ParseUint: parsing \"70000\": value out of range",
            Error("--blkio-weight", "70000", "alpine").Message.Split('\n')[0]);
        Assert.Equal("invalid argument \"x\" for \"-c, --cpu-shares\" flag: strconv.ParseInt: parsing \"x\": invalid syntax",
            Error("-c", "x", "alpine").Message.Split('\n')[0]);
    }

    [Theory]
    [InlineData("no", """{"Name":"no","MaximumRetryCount":0}""")]
    [InlineData("on-failure:3", """{"Name":"on-failure","MaximumRetryCount":3}""")]
    [InlineData("always", """{"Name":"always","MaximumRetryCount":0}""")]
    [InlineData("unless-stopped", """{"Name":"unless-stopped","MaximumRetryCount":0}""")]
    public void Restart(string value, string expected) => Assert.Equal(expected, Json(Host("--restart", value, "alpine")["RestartPolicy"]));

    [Theory]
    [InlineData(new[] { "--restart", "on-failure:x" }, "invalid restart policy format: maximum retry count must be an integer")]
    [InlineData(new[] { "--restart", ":3" }, "invalid restart policy format: no policy provided before colon")]
    [InlineData(new[] { "--rm", "--restart", "always" }, "conflicting options: cannot specify both --restart and --rm")]
    public void BadRestart(string[] args, string message) => Assert.Equal(message, Error([.. args, "alpine"]).Message);

    [Fact]
    public void Ulimits()
    {
        Assert.Equal("""[{"Name":"nofile","Hard":-1,"Soft":-1},{"Name":"nproc","Hard":5,"Soft":5}]""",
            Json(Host("--ulimit", "nproc=5", "--ulimit", "nofile=10:20", "--ulimit", "nofile=-1", "alpine")["Ulimits"]));
        Assert.EndsWith("ulimit soft limit must be less than or equal to hard limit: 20 > 10", Error("--ulimit", "nofile=20:10", "alpine").Message.Split('\n')[0]);
        Assert.EndsWith("invalid ulimit type: bogus", Error("--ulimit", "bogus=1", "alpine").Message.Split('\n')[0]);
        Assert.EndsWith("invalid ulimit argument: nofile", Error("--ulimit", "nofile", "alpine").Message.Split('\n')[0]);
    }

    [Fact]
    public void Capabilities()
    {
        var host = Host("--cap-add", "net_admin", "--cap-add", "CAP_NET_ADMIN", "--cap-add", "ALL", "--cap-drop", "chown", "alpine");
        Assert.Equal("""["ALL","CAP_NET_ADMIN"]""", Json(host["CapAdd"]));
        Assert.Equal("""["CAP_CHOWN"]""", Json(host["CapDrop"]));
        Assert.Equal("null", Json(Host("alpine")["CapAdd"]));
    }

    [Fact]
    public void BooleanHostFlags()
    {
        var host = Host("--privileged", "--read-only", "--init", "--oom-kill-disable", "--rm", "alpine");
        Assert.True(host["Privileged"]!.GetValue<bool>());
        Assert.True(host["ReadonlyRootfs"]!.GetValue<bool>());
        Assert.True(host["Init"]!.GetValue<bool>());
        Assert.True(host["OomKillDisable"]!.GetValue<bool>());
        Assert.True(host["AutoRemove"]!.GetValue<bool>());
        Assert.False(Host("--init=false", "alpine")["Init"]!.GetValue<bool>());
        Assert.False(Host("alpine").AsObject().ContainsKey("Init"));
    }

    [Fact]
    public void SecurityOptions()
    {
        var host = Host("--security-opt", "no-new-privileges", "--security-opt", "apparmor:unconfined", "--security-opt", "systempaths=unconfined", "alpine");
        Assert.Equal("""["no-new-privileges","apparmor:unconfined"]""", Json(host["SecurityOpt"]));
        Assert.Equal("[]", Json(host["MaskedPaths"]));
        Assert.Equal("[]", Json(host["ReadonlyPaths"]));
        Assert.Equal("Invalid --security-opt: \"foo\"", Error("--security-opt", "foo", "alpine").Message);
    }

    [Fact]
    public void Devices()
    {
        Assert.Equal("""[{"PathOnHost":"/dev/null","PathInContainer":"/dev/x","CgroupPermissions":"rw"},""" +
                     """{"PathOnHost":"/dev/zero","PathInContainer":"/dev/zero","CgroupPermissions":"rwm"},""" +
                     """{"PathOnHost":"/dev/full","PathInContainer":"/dev/full","CgroupPermissions":"r"}]""",
            Json(Host("--device", "/dev/null:/dev/x:rw", "--device", "/dev/zero", "--device", "/dev/full:r", "alpine")["Devices"]));
        Assert.Equal("bad mode specified: rwx", Error("--device", "/dev/a:/dev/b:rwx", "alpine").Message);
        Assert.Equal("bad format for path: a:b:c:d", Error("--device", "a:b:c:d", "alpine").Message);
        Assert.Equal("rel is not an absolute path", Error("--device", "rel", "alpine").Message);
    }

    [Fact]
    public void TmpfsAndSysctls()
    {
        var host = Host("--tmpfs", "/run:rw,size=64m", "--tmpfs", "/t", "--sysctl", "net.ipv4.ip_forward=1", "--sysctl", "kernel.sem=1=2", "alpine");
        Assert.Equal("""{"/run":"rw,size=64m","/t":""}""", Json(host["Tmpfs"]));
        Assert.Equal("""{"net.ipv4.ip_forward":"1","kernel.sem":"1=2"}""", Json(host["Sysctls"]));
        Assert.EndsWith("sysctl 'kernel.foo=1' is not allowed", Error("--sysctl", "kernel.foo=1", "alpine").Message.Split('\n')[0]);
    }

    [Fact]
    public void Healthcheck()
    {
        var health = Parse("--health-cmd", "true", "--health-interval", "1h2m3.5s", "--health-timeout", "500ms", "--health-retries", "3", "--health-start-period", "2m", "alpine").Body["Healthcheck"];
        Assert.Equal("""{"Test":["CMD-SHELL","true"],"Interval":3723500000000,"Timeout":500000000,"StartPeriod":120000000000,"Retries":3}""", Json(health));
        Assert.Equal("""{"Test":["NONE"]}""", Json(Parse("--no-healthcheck", "alpine").Body["Healthcheck"]));
        Assert.Null(Parse("alpine").Body["Healthcheck"]);
        Assert.Equal("--no-healthcheck conflicts with --health-* options", Error("--no-healthcheck", "--health-cmd", "x", "alpine").Message);
        Assert.Equal("--health-interval cannot be negative", Error("--health-interval", "-1s", "alpine").Message);
        Assert.EndsWith("time: missing unit in duration \"5\"", Error("--health-timeout", "5", "alpine").Message.Split('\n')[0]);
        Assert.EndsWith("time: unknown unit \"q\" in duration \"5q\"", Error("--health-timeout", "5q", "alpine").Message.Split('\n')[0]);

        // docker 28's body for the newer flag: StartInterval between StartPeriod and Retries, nothing else set.
        var quick = Parse("--health-cmd", "true", "--health-start-period", "1m", "--health-start-interval", "300ms", "alpine");
        Assert.Equal("""{"Test":["CMD-SHELL","true"],"StartPeriod":60000000000,"StartInterval":300000000}""", Json(quick.Body["Healthcheck"]));
        Assert.True(quick.HealthStartInterval);
        Assert.Equal("""{"StartInterval":1000000000}""", Json(Parse("--health-start-interval", "1s", "alpine").Body["Healthcheck"]));
        Assert.Equal("--health-start-interval cannot be negative", Error("--health-start-interval", "-1s", "alpine").Message);
    }

    [Fact]
    public void Logging()
    {
        Assert.Equal("""{"Type":"local","Config":{"max-size":"10m","max-file":"3"}}""",
            Json(Host("--log-driver", "local", "--log-opt", "max-size=10m", "--log-opt", "max-file=3", "alpine")["LogConfig"]));
        Assert.Equal("invalid logging opts for driver none", Error("--log-driver", "none", "--log-opt", "a=b", "alpine").Message);
    }

    [Theory]
    [InlineData(new[] { "alpine" }, "default", true)]
    [InlineData(new[] { "--network", "none", "alpine" }, "none", false)]
    [InlineData(new[] { "--network", "host", "alpine" }, "host", false)]
    [InlineData(new[] { "--network=bridge", "alpine" }, "bridge", false)]
    public void Network(string[] args, string mode, bool defaultEndpoint)
    {
        var body = Parse(args).Body;
        Assert.Equal(mode, body["HostConfig"]!["NetworkMode"]!.GetValue<string>());
        Assert.Equal(defaultEndpoint, body["NetworkingConfig"]!["EndpointsConfig"]!.AsObject().ContainsKey("default"));
    }

    [Fact]
    public void GroupAdd() => Assert.Equal("""["audio","10"]""", Json(Host("--group-add", "audio", "--group-add", "10", "alpine")["GroupAdd"]));
}
