"""wait, kill, stats, top, pause/unpause and rename of running containers."""

import docker

from berthpy import IMAGE, expect_error, main, wait_until


def scenario_wait_reports_the_exit_status(s):
    container = s.run(IMAGE, ["sh", "-c", "exit 7"], detach=True)
    assert container.wait() == {"Error": None, "StatusCode": 7}, container.wait()
    assert container.wait(condition="not-running")["StatusCode"] == 7
    container.reload()
    assert (container.status, container.attrs["State"]["ExitCode"]) == ("exited", 7), container.attrs["State"]


def scenario_kill_sends_the_signal(s):
    trapper = s.run(IMAGE, ["sh", "-c", "trap 'echo got-usr1; exit 5' USR1; echo ready; while :; do sleep 0.1; done"],
                    detach=True)
    wait_until(lambda: trapper.logs() == b"ready\n", "the trap to be set")
    trapper.kill(signal="SIGUSR1")
    assert trapper.wait()["StatusCode"] == 5
    assert trapper.logs() == b"ready\ngot-usr1\n", trapper.logs()

    numbered = s.run(IMAGE, ["sh", "-c", "trap 'exit 6' TERM; while :; do sleep 0.1; done"], detach=True)
    wait_until(lambda: b"sleep" in numbered.exec_run(["ps", "-o", "args"]).output, "the loop to run")
    numbered.kill(signal=15)
    assert numbered.wait()["StatusCode"] == 6

    sleeper = s.run(IMAGE, ["sleep", "300"], detach=True)
    sleeper.kill()
    assert sleeper.wait()["StatusCode"] == 137
    sleeper.reload()
    assert (sleeper.status, sleeper.attrs["State"]["ExitCode"]) == ("exited", 137), sleeper.attrs["State"]


def scenario_stats_once_and_streamed(s):
    container = s.run(IMAGE, ["sleep", "300"], detach=True, mem_limit="64m", pids_limit=50)
    stats = container.stats(stream=False)
    assert stats["id"] == container.id and stats["name"] == "/" + container.name, (stats["id"], stats["name"])
    assert stats["memory_stats"]["limit"] == 64 << 20, stats["memory_stats"]
    assert stats["memory_stats"]["usage"] > 0, stats["memory_stats"]
    assert stats["pids_stats"] == {"current": 1, "limit": 50}, stats["pids_stats"]
    assert stats["cpu_stats"]["cpu_usage"]["total_usage"] > 0, stats["cpu_stats"]
    assert stats["cpu_stats"]["online_cpus"] >= 1, stats["cpu_stats"]
    # Without streaming the daemon still samples twice, so that a CPU % can be computed from one answer.
    assert not stats["preread"].startswith("0001-") and stats["read"] > stats["preread"], (stats["read"], stats["preread"])
    assert stats["precpu_stats"]["system_cpu_usage"] < stats["cpu_stats"]["system_cpu_usage"], stats["precpu_stats"]

    samples = container.stats(stream=True, decode=True)
    first, second = next(samples), next(samples)
    samples.close()
    assert second["precpu_stats"]["cpu_usage"] == first["cpu_stats"]["cpu_usage"], (first, second)
    assert second["preread"] == first["read"], (first["read"], second["preread"])


def scenario_top_lists_the_processes(s):
    container = s.run(IMAGE, ["sh", "-c", "sleep 301 & exec sleep 302"], detach=True)
    wait_until(lambda: len(container.top()["Processes"]) == 2, "both sleeps to run")
    top = container.top()
    assert top["Titles"] == ["UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD"], top["Titles"]
    assert sorted(p[-1] for p in top["Processes"]) == ["sleep 301", "sleep 302"], top["Processes"]
    custom = container.top(ps_args="-o pid,args")
    assert custom["Titles"] == ["PID", "COMMAND"], custom["Titles"]
    assert sorted(p[1] for p in custom["Processes"]) == ["sleep 301", "sleep 302"], custom["Processes"]


def scenario_pause_and_unpause(s):
    container = s.run(IMAGE, ["sleep", "300"], detach=True)
    container.pause()
    container.reload()
    assert (container.status, container.attrs["State"]["Paused"]) == ("paused", True), container.attrs["State"]
    error = expect_error(docker.errors.APIError, lambda: container.exec_run(["true"]), "exec in a paused container")
    assert error.status_code == 409, error
    assert "is paused, unpause the container before exec" in str(error), error
    expect_error(docker.errors.APIError, container.pause, "pausing twice")
    container.unpause()
    container.reload()
    assert (container.status, container.attrs["State"]["Paused"]) == ("running", False), container.attrs["State"]
    assert container.exec_run(["echo", "thawed"]).output == b"thawed\n"


def scenario_rename(s):
    old, new, taken = s.name("old"), s.name("new"), s.name("taken")
    container = s.create(IMAGE, ["true"], name=old)
    s.create(IMAGE, ["true"], name=taken)
    container.rename(new)
    container.reload()
    assert container.name == new, container.name
    assert s.client.containers.get(new).id == container.id
    expect_error(docker.errors.NotFound, lambda: s.client.containers.get(old), "the old name")
    error = expect_error(docker.errors.APIError, lambda: container.rename(taken), "renaming to a name in use")
    assert error.status_code == 409, error
    container.reload()
    assert container.name == new, container.name


if __name__ == "__main__":
    main(globals())
