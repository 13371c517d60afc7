using Xunit.Sdk;

namespace Berth.CompatibilityTests.DockerPy;

/// <summary>docker-py (Debian's python3-docker) against berthd: each case runs one scenario function of a script in
/// this folder, whose assertions are in Python; a failure shows the scenario's traceback.</summary>
public sealed class DockerPyTests(DockerPyFixture fixture) : IClassFixture<DockerPyFixture>
{
    /// <summary>Every scenario, by script.</summary>
    public static TheoryData<string, string> Scenarios { get; } = new()
    {
        { "run_scenarios.py", "run_captures_stdout" },
        { "run_scenarios.py", "run_with_remove_deletes_the_container" },
        { "run_scenarios.py", "run_detached_returns_a_running_container" },
        { "run_scenarios.py", "run_stream_returns_the_output_chunks" },
        { "run_scenarios.py", "run_of_a_failing_command_raises_container_error" },
        { "run_scenarios.py", "list_with_filters" },
        { "stream_scenarios.py", "logs_stream_follows_new_output" },
        { "stream_scenarios.py", "attach_before_start_streams_the_output" },
        { "stream_scenarios.py", "attach_socket_carries_stdin_and_stdout" },
        { "stream_scenarios.py", "exec_run_forms" },
        { "lifecycle_scenarios.py", "wait_reports_the_exit_status" },
        { "lifecycle_scenarios.py", "kill_sends_the_signal" },
        { "lifecycle_scenarios.py", "stats_once_and_streamed" },
        { "lifecycle_scenarios.py", "top_lists_the_processes" },
        { "lifecycle_scenarios.py", "pause_and_unpause" },
        { "lifecycle_scenarios.py", "rename" },
        { "file_scenarios.py", "put_archive_and_get_archive" },
        { "file_scenarios.py", "diff_lists_the_changes" },
        { "file_scenarios.py", "export_streams_the_filesystem" },
        { "commit_scenarios.py", "commit_keeps_the_changes" },
        { "event_scenarios.py", "events_between_since_and_until" },
        { "event_scenarios.py", "events_stream_live" },
        { "error_scenarios.py", "unknown_image_raises_image_not_found" },
        { "error_scenarios.py", "unknown_container_raises_not_found" },
        { "error_scenarios.py", "conflicts_answer_409" },
    };

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Scenario(string script, string scenario)
    {
        var result = await fixture.RunAsync(script, scenario);
        if (!result.Succeeded) throw new XunitException($"docker-py scenario {scenario} of {script} failed\n{result.Describe()}");
    }

    [Fact]
    public async Task EveryScenarioOfTheScriptsIsRun()
    {
        var expected = Scenarios.Select(row => $"{row[0]} {row[1]}").Order().ToList();
        var found = new List<string>();
        foreach (var script in Directory.GetFiles(DockerPyFixture.ScriptDirectory, "*_scenarios.py").Select(Path.GetFileName))
        {
            var list = await fixture.RunAsync(script!, "--list");
            if (!list.Succeeded) throw new XunitException(list.Describe());
            found.AddRange(list.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(name => $"{script} {name}"));
        }
        Assert.Equal(expected, found.Order().ToList());
    }
}
