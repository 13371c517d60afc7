"""Streams: logs(stream=True) following new output, attach before start, attach_socket carrying stdin, and
exec_run in its plain, demultiplexed, streamed and tty forms."""

import docker
from docker.utils.socket import next_frame_header, read_exactly

from berthpy import IMAGE, main, wait_until

# Prints "ready", waits until an exec creates /tmp/go, then prints "done" (and "err" to stderr) and exits.
GATED = "echo ready; while [ ! -e /tmp/go ]; do sleep 0.1; done; echo done; echo err >&2"


def scenario_logs_stream_follows_new_output(s):
    container = s.run(IMAGE, ["sh", "-c", GATED], detach=True)
    stream = container.logs(stream=True, follow=True, stderr=False)
    first = next(stream)
    assert first == b"ready\n", f"first streamed chunk: {first!r}"
    container.reload()
    assert container.status == "running", f"the gate is still closed, yet the container is {container.status}"
    container.exec_run(["touch", "/tmp/go"])
    rest = b"".join(stream)
    assert rest == b"done\n", f"the rest of the stream: {rest!r}"
    assert container.wait()["StatusCode"] == 0
    assert container.logs(stdout=False, stderr=True) == b"err\n", container.logs(stdout=False, stderr=True)
    # tail counts the lines of both streams before choosing which to show, as dockerd does.
    assert sorted(container.logs(tail=2).splitlines()) == [b"done", b"err"], container.logs(tail=2)
    stamped = container.logs(stderr=False, timestamps=True).decode().splitlines()
    assert [line.split(" ", 1)[1] for line in stamped] == ["ready", "done"], stamped
    assert all(line[:4].isdigit() and "T" in line.split(" ")[0] for line in stamped), stamped


def scenario_attach_before_start_streams_the_output(s):
    container = s.create(IMAGE, ["sh", "-c", "echo one; echo two >&2; echo three"])
    output = container.attach(stdout=True, stderr=False, stream=True)
    container.start()
    joined = b"".join(output)
    assert joined == b"one\nthree\n", f"attached stdout: {joined!r}"
    assert container.wait()["StatusCode"] == 0


def scenario_attach_socket_carries_stdin_and_stdout(s):
    container = s.create(IMAGE, ["cat"], stdin_open=True)
    container.start()
    sock = container.attach_socket(params={"stdin": 1, "stdout": 1, "stderr": 1, "stream": 1})
    try:
        sock._sock.sendall(b"ping\n")
        stream, size = next_frame_header(sock)
        assert stream == 1, f"frame on stream {stream}, not stdout"
        payload = read_exactly(sock, size)
        assert payload == b"ping\n", f"echoed payload: {payload!r}"
    finally:
        sock.close()
    container.reload()
    assert container.status == "running", "closing an attach ends nothing when StdinOnce is false"
    container.kill()
    assert container.wait()["StatusCode"] == 137


def scenario_exec_run_forms(s):
    container = s.run(IMAGE, ["sleep", "300"], detach=True)

    result = container.exec_run(["sh", "-c", "echo out; echo err >&2; exit 4"], demux=True)
    assert result.exit_code == 4, result.exit_code
    assert result.output == (b"out\n", b"err\n"), f"demultiplexed output: {result.output!r}"

    result = container.exec_run(["sh", "-c", "echo $FOO; pwd; id -u"], environment={"FOO": "bar"}, workdir="/tmp",
                                user="1000")
    assert (result.exit_code, result.output) == (0, b"bar\n/tmp\n1000\n"), result

    result = container.exec_run(["sh", "-c", "echo one; echo two >&2; echo three"], stream=True, demux=True)
    assert result.exit_code is None, "a streamed exec_run has no exit code yet"
    frames = list(result.output)
    out = b"".join(o for o, _ in frames if o)
    err = b"".join(e for _, e in frames if e)
    assert (out, err) == (b"one\nthree\n", b"two\n"), f"streamed frames: {frames!r}"

    result = container.exec_run(["tty"], tty=True)
    assert result.exit_code == 0 and result.output.startswith(b"/dev/pts/"), result

    result = container.exec_run(["no-such-program"])
    assert result.exit_code == 126, result
    assert b"no-such-program" in result.output, result

    result = container.exec_run(["sh", "-c", "sleep 30"], detach=True)
    assert not result.output, f"a detached exec returns no output: {result!r}"
    wait_until(lambda: b"sleep 30" in container.exec_run(["ps", "-o", "args"]).output, "the detached exec to run")


if __name__ == "__main__":
    main(globals())
