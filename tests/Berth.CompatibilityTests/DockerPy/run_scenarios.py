"""containers.run in its forms (captured output, remove, auto_remove, detach, stream, failing command) and
containers.list with filters."""

import docker

from berthpy import IMAGE, expect_error, main, wait_until


def scenario_run_captures_stdout(s):
    out = s.run(IMAGE, ["sh", "-c", "echo 123; echo to-stderr >&2"])
    assert out == b"123\n", f"stdout of run: {out!r}"
    err = s.run(IMAGE, ["sh", "-c", "echo to-stdout; echo to-stderr >&2"], stdout=False, stderr=True)
    assert err == b"to-stderr\n", f"stderr of run: {err!r}"


def scenario_run_with_remove_deletes_the_container(s):
    name = s.name("remove")
    out = s.run(IMAGE, ["echo", "gone"], name=name, remove=True)
    assert out == b"gone\n", f"stdout of run: {out!r}"
    expect_error(docker.errors.NotFound, lambda: s.client.containers.get(name), "the removed container")

    auto = s.name("auto-remove")
    container = s.run(IMAGE, ["true"], name=auto, detach=True, auto_remove=True)
    assert container.name == auto, container.name

    def gone():
        try:
            s.client.containers.get(auto)
            return False
        except docker.errors.NotFound:
            return True

    wait_until(gone, "the auto_remove container to be removed by the daemon")


def scenario_run_detached_returns_a_running_container(s):
    name = s.name("detached")
    container = s.run(IMAGE, ["sleep", "300"], name=name, detach=True, environment={"GREETING": "hi"})
    container.reload()
    assert container.status == "running", container.status
    assert container.name == name, container.name
    assert container.attrs["Config"]["Cmd"] == ["sleep", "300"], container.attrs["Config"]["Cmd"]
    assert "GREETING=hi" in container.attrs["Config"]["Env"], container.attrs["Config"]["Env"]
    assert container.attrs["State"]["Pid"] > 0, container.attrs["State"]
    assert "busybox:latest" in container.image.tags, container.image.tags
    assert container.labels == s.labels, container.labels


def scenario_run_stream_returns_the_output_chunks(s):
    chunks = s.run(IMAGE, ["sh", "-c", "for i in 1 2 3; do echo line$i; done"], stream=True)
    assert not isinstance(chunks, bytes), "run(stream=True) returned bytes, not a generator"
    joined = b"".join(chunks)
    assert joined == b"line1\nline2\nline3\n", f"streamed output: {joined!r}"


def scenario_run_of_a_failing_command_raises_container_error(s):
    error = expect_error(docker.errors.ContainerError,
                         lambda: s.run(IMAGE, ["sh", "-c", "echo partial; echo broken >&2; exit 3"]), "exit 3")
    assert error.exit_status == 3, error.exit_status
    assert error.stderr == b"broken\n", f"stderr in ContainerError: {error.stderr!r}"


def scenario_list_with_filters(s):
    running_name, exited_name = s.name("running"), s.name("exited")
    running = s.run(IMAGE, ["sleep", "300"], name=running_name, detach=True, labels={"role": "server"})
    exited = s.create(IMAGE, ["true"], name=exited_name, labels={"role": "job"})
    exited.start()
    assert exited.wait()["StatusCode"] == 0

    def ids(all_=True, **filters):
        labels = [s.label_filter] + ([filters.pop("label")] if "label" in filters else [])
        found = s.client.containers.list(all=all_, filters={**filters, "label": labels})
        return sorted(c.id for c in found)

    both = sorted([running.id, exited.id])
    assert ids() == both, ids()
    assert ids(all_=False) == [running.id], "containers.list() shows running ones only"
    assert ids(status="exited") == [exited.id], ids(status="exited")
    assert ids(status="running") == [running.id], ids(status="running")
    assert ids(status="created") == [], ids(status="created")
    assert ids(name=running_name) == [running.id], ids(name=running_name)
    assert ids(id=exited.id[:12]) == [exited.id], ids(id=exited.id[:12])
    assert ids(label="role=job") == [exited.id], ids(label="role=job")
    assert ids(label="role") == both, ids(label="role")
    assert ids(ancestor=IMAGE) == both, ids(ancestor=IMAGE)
    assert ids(exited=0) == [exited.id], ids(exited=0)
    assert ids(exited=1) == [], ids(exited=1)
    listed = s.client.containers.list(all=True, filters={"id": running.id})
    assert [c.name for c in listed] == [running_name], [c.name for c in listed]
    expect_error(docker.errors.APIError,
                 lambda: s.client.containers.list(all=True, filters={"colour": "blue"}), "an unknown filter")


if __name__ == "__main__":
    main(globals())
