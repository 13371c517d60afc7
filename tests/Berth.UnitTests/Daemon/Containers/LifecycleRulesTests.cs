using Berth.Daemon.Api.Models;
using Berth.Daemon.Containers.Lifecycle;
using Berth.Daemon.Containers.Store;
using Berth.Daemon.Errors;

namespace Berth.UnitTests.Daemon.Containers;

/// <summary>dockerd's rules for names, signals, restart policies, log options and resolv.conf.</summary>
public sealed class LifecycleRulesTests
{
    [Theory]
    [InlineData("web", "/web")]
    [InlineData("/web-1.a_b", "/web-1.a_b")]
    public void ValidNames(string name, string stored) => Assert.Equal(stored, ContainerNames.Normalize(name));

    [Theory]
    [InlineData("a")]
    [InlineData("-web")]
    [InlineData("we b")]
    public void InvalidNamesGetDockerdsMessage(string name)
    {
        var e = Assert.Throws<BadRequestError>(() => ContainerNames.Normalize(name));
        Assert.Equal($"Invalid container name ({name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed", e.Message);
    }

    [Fact]
    public void GeneratedNamesAvoidTakenOnes()
    {
        var taken = new HashSet<string>();
        for (var i = 0; i < 200; i++) Assert.True(taken.Add(ContainerNames.Generate(taken.Contains)));
        Assert.All(taken, n => Assert.Matches("^/[a-z]+_[a-z]+[0-9]*$", n));
    }

    [Theory]
    [InlineData("SIGKILL", 9)]
    [InlineData("kill", 9)]
    [InlineData("TERM", 15)]
    [InlineData("10", 10)]
    [InlineData("SIGRTMIN+1", 35)]
    [InlineData("RTMAX-2", 62)]
    public void Signals(string text, int number) => Assert.Equal(number, Berth.Daemon.Containers.Lifecycle.Signals.Parse(text));

    [Theory]
    [InlineData("SIGNOPE")]
    [InlineData("0")]
    [InlineData("65")]
    public void BadSignals(string text)
        => Assert.Equal($"Invalid signal: {text}", Assert.Throws<BadRequestError>(() => Berth.Daemon.Containers.Lifecycle.Signals.Parse(text)).Message);

    [Fact]
    public void RestartPolicyChecks()
    {
        Assert.Equal("maximum retry count cannot be used with restart policy 'always'", Assert.Throws<BadRequestError>(() =>
            RestartPolicies.Validate(new HostConfig { RestartPolicy = new RestartPolicy { Name = "always", MaximumRetryCount = 2 } })).Message);
        Assert.Equal("can't create 'AutoRemove' container with restart policy", Assert.Throws<BadRequestError>(() =>
            RestartPolicies.Validate(new HostConfig { AutoRemove = true, RestartPolicy = new RestartPolicy { Name = "always" } })).Message);
        RestartPolicies.Validate(new HostConfig { RestartPolicy = new RestartPolicy { Name = "on-failure", MaximumRetryCount = 3 } });
    }

    [Fact]
    public void RestartDecisions()
    {
        var onFailure = new RestartPolicy { Name = "on-failure", MaximumRetryCount = 2 };
        Assert.True(RestartPolicies.ShouldRestart(onFailure, 1, false, 1));
        Assert.False(RestartPolicies.ShouldRestart(onFailure, 1, false, 2));
        Assert.False(RestartPolicies.ShouldRestart(onFailure, 0, false, 0));
        Assert.True(RestartPolicies.ShouldRestart(new RestartPolicy { Name = "always" }, 0, false, 5));
        Assert.False(RestartPolicies.ShouldRestart(new RestartPolicy { Name = "always" }, 0, true, 0));
        Assert.False(RestartPolicies.ShouldRestart(new RestartPolicy { Name = "no" }, 1, false, 0));
    }

    [Fact]
    public void BackOffDoublesAndResets()
    {
        var d = RestartPolicies.NextDelay(TimeSpan.Zero, TimeSpan.FromSeconds(1));
        Assert.Equal(TimeSpan.FromMilliseconds(100), d);
        d = RestartPolicies.NextDelay(d, TimeSpan.FromSeconds(1));
        Assert.Equal(TimeSpan.FromMilliseconds(200), d);
        Assert.Equal(TimeSpan.FromMilliseconds(100), RestartPolicies.NextDelay(d, TimeSpan.FromSeconds(11)));
        Assert.Equal(TimeSpan.FromMinutes(1), RestartPolicies.NextDelay(TimeSpan.FromSeconds(50), TimeSpan.Zero));
    }

    [Fact]
    public void LogOptions()
    {
        var host = new HostConfig { LogConfig = new LogConfig { Type = "", Config = new() { ["max-size"] = "10m", ["max-file"] = "3" } } };
        Berth.Daemon.Containers.Lifecycle.LogOptions.Validate(host);
        Assert.Equal("json-file", host.LogConfig!.Type);
        var paths = new Berth.Daemon.Containers.ContainerPaths("/d", "/r");
        var settings = Berth.Daemon.Containers.Lifecycle.LogOptions.Settings(host, paths, "abc");
        Assert.Equal((10L << 20, 3, "/d/containers/abc/abc-json.log"), (settings.MaxSize, settings.MaxFile, settings.Path));
        Assert.Equal("failed to create logger: logger: no log driver named 'syslogx' is registered", Assert.Throws<BadRequestError>(() =>
            Berth.Daemon.Containers.Lifecycle.LogOptions.Validate(new HostConfig { LogConfig = new LogConfig { Type = "syslogx" } })).Message);
        Assert.Equal("unknown log opt 'nope' for none log driver", Assert.Throws<BadRequestError>(() =>
            Berth.Daemon.Containers.Lifecycle.LogOptions.Validate(new HostConfig { LogConfig = new LogConfig { Type = "none", Config = new() { ["nope"] = "1" } } })).Message);
    }

    [Fact]
    public void ResolvConfDropsLoopbackResolvers()
    {
        const string host = "search lan\nnameserver 127.0.0.53\nnameserver 10.0.0.2\noptions edns0\n";
        Assert.Equal("search lan\nnameserver 10.0.0.2\noptions edns0\n", EtcFiles.ResolvConf(host, hostNetwork: false));
        Assert.Equal(host, EtcFiles.ResolvConf(host, hostNetwork: true));
    }
}
