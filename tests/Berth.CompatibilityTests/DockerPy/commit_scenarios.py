"""commit of a changed container, and the new image through images.get and a run of it."""

import docker

from berthpy import IMAGE, expect_error, main


def scenario_commit_keeps_the_changes(s):
    container = s.run(IMAGE, ["sh", "-c", "echo committed > /data.txt && rm /etc/group"], detach=True)
    assert container.wait()["StatusCode"] == 0
    repository = "py-commit-" + s.tag
    image = container.commit(repository=repository, tag="v1", message="made by docker-py",
                             author="Berth Tests <tests@example.org>",
                             changes=["ENV COMMITTED=yes", 'CMD ["cat", "/data.txt"]'])
    s.images.append(image.id)

    got = s.client.images.get(image.id)
    assert got.id == image.id and got.tags == [f"{repository}:v1"], (got.id, got.tags)
    assert got.attrs["Author"] == "Berth Tests <tests@example.org>", got.attrs["Author"]
    assert "COMMITTED=yes" in got.attrs["Config"]["Env"], got.attrs["Config"]["Env"]
    assert got.attrs["Config"]["Cmd"] == ["cat", "/data.txt"], got.attrs["Config"]["Cmd"]
    base = s.client.images.get(IMAGE)
    assert got.attrs["RootFS"]["Layers"][:-1] == base.attrs["RootFS"]["Layers"], "the new layer sits on busybox's"
    assert len(got.attrs["RootFS"]["Layers"]) == len(base.attrs["RootFS"]["Layers"]) + 1, got.attrs["RootFS"]
    # dockerd keeps the message in the new history entry (the image's own Comment stays empty).
    assert got.history()[0]["Comment"] == "made by docker-py", got.history()[0]

    assert s.run(f"{repository}:v1") == b"committed\n", "the image's CMD reads the committed file"
    assert s.run(image.id, ["sh", "-c", "echo $COMMITTED"]) == b"yes\n"
    error = expect_error(docker.errors.ContainerError, lambda: s.run(image.id, ["cat", "/etc/group"]),
                         "reading the file deleted before the commit")
    assert b"No such file" in error.stderr, error.stderr


if __name__ == "__main__":
    main(globals())
