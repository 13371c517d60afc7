"""docker-py's error types for the daemon's error answers."""

import docker

from berthpy import IMAGE, expect_error, main


def scenario_unknown_image_raises_image_not_found(s):
    error = expect_error(docker.errors.ImageNotFound, lambda: s.client.images.get("py-missing:latest"), "images.get")
    assert error.status_code == 404, error
    error = expect_error(docker.errors.ImageNotFound, lambda: s.create("py-missing", ["true"]), "containers.create")
    assert error.explanation == "No such image: py-missing:latest", error.explanation
    assert s.client.containers.list(all=True, filters={"label": s.label_filter}) == [], "a failed create made nothing"


def scenario_unknown_container_raises_not_found(s):
    error = expect_error(docker.errors.NotFound, lambda: s.client.containers.get("py-missing"), "containers.get")
    assert not isinstance(error, docker.errors.ImageNotFound), error
    assert (error.status_code, error.explanation) == (404, "No such container: py-missing"), error
    expect_error(docker.errors.NotFound, lambda: s.client.api.kill("py-missing"), "kill")
    expect_error(docker.errors.NotFound, lambda: s.client.api.remove_container("py-missing"), "remove")


def scenario_conflicts_answer_409(s):
    container = s.run(IMAGE, ["sleep", "300"], detach=True)
    error = expect_error(docker.errors.APIError, container.remove, "removing a running container")
    assert error.status_code == 409, error
    assert error.explanation == (f"You cannot remove a running container {container.id}. Stop the container before "
                                 "attempting removal or force remove"), error.explanation
    container.reload()
    assert container.status == "running", "the refused remove changed nothing"

    container.kill()
    container.wait()
    error = expect_error(docker.errors.APIError, container.kill, "killing a stopped container")
    assert error.status_code == 409, error
    container.remove()
    expect_error(docker.errors.NotFound, container.reload, "the removed container")


if __name__ == "__main__":
    main(globals())
