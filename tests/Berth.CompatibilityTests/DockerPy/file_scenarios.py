"""Files of a container: put_archive/get_archive, diff and export."""

import io
import tarfile

import docker

from berthpy import IMAGE, expect_error, main


def tar_of(entries):
    """An in-memory tar of (name, content or None for a directory, mode) entries."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as archive:
        for name, content, mode in entries:
            info = tarfile.TarInfo(name)
            info.mode = mode
            if content is None:
                info.type = tarfile.DIRTYPE
                archive.addfile(info)
            else:
                info.size = len(content)
                archive.addfile(info, io.BytesIO(content))
    return buffer.getvalue()


def untar(chunks):
    """The members of a streamed tar by name: file content, or None for other entries."""
    with tarfile.open(fileobj=io.BytesIO(b"".join(chunks))) as archive:
        return {m.name: archive.extractfile(m).read() if m.isfile() else None for m in archive.getmembers()}


def scenario_put_archive_and_get_archive(s):
    container = s.run(IMAGE, ["sleep", "300"], detach=True)
    archive = tar_of([("hello.txt", b"hi\n", 0o640), ("sub", None, 0o755), ("sub/x", b"x", 0o600)])
    assert container.put_archive("/tmp", archive) is True

    result = container.exec_run(["sh", "-c", "cat /tmp/hello.txt; stat -c '%a %s' /tmp/hello.txt /tmp/sub/x"])
    assert result.output == b"hi\n640 3\n600 1\n", result

    chunks, stat = container.get_archive("/tmp/hello.txt")
    assert (stat["name"], stat["size"], stat["mode"] & 0o777) == ("hello.txt", 3, 0o640), stat
    assert untar(chunks) == {"hello.txt": b"hi\n"}
    chunks, stat = container.get_archive("/tmp/sub")
    assert stat["name"] == "sub" and stat["mode"] & 0o20000000000, stat
    assert untar(chunks) == {"sub": None, "sub/x": b"x"}

    expect_error(docker.errors.NotFound, lambda: container.get_archive("/no/such/file"), "get_archive of a missing path")
    expect_error(docker.errors.NotFound, lambda: container.put_archive("/no/such/dir", archive),
                 "put_archive into a missing directory")

    stopped = s.create(IMAGE, ["true"])
    assert stopped.put_archive("/", tar_of([("into-stopped", b"ok", 0o644)])) is True
    chunks, _ = stopped.get_archive("/into-stopped")
    assert untar(chunks) == {"into-stopped": b"ok"}, "archives work on a container that never ran"


def scenario_diff_lists_the_changes(s):
    container = s.run(IMAGE, ["sleep", "300"], detach=True)
    change = container.exec_run(["sh", "-c", "mkdir /newdir && echo a > /newdir/f && echo x >> /etc/passwd && rm /etc/group"])
    assert change.exit_code == 0, change
    kinds = {(c["Path"], c["Kind"]) for c in container.diff()}
    expected = {("/newdir", 1), ("/newdir/f", 1), ("/etc", 0), ("/etc/passwd", 0), ("/etc/group", 2)}
    assert kinds == expected, f"diff: {sorted(kinds)}"


def scenario_export_streams_the_filesystem(s):
    container = s.run(IMAGE, ["sh", "-c", "echo exported > /marker"], detach=True)
    assert container.wait()["StatusCode"] == 0
    files = untar(container.export())
    assert files.get("marker") == b"exported\n", "the container's change is in the export"
    assert "bin/sh" in files and "etc/passwd" in files, sorted(files)[:20]


if __name__ == "__main__":
    main(globals())
