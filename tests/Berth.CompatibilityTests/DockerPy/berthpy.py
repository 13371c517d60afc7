"""Shared pieces of the docker-py scenarios run against a private berthd: the client, a per-scenario label whose
containers (and the images a scenario registers) are removed afterwards, polling, and the command line."""

import os
import sys
import time
import uuid

import docker

IMAGE = "busybox"
LABEL = "berth.dockerpy"


class Scenario:
    """One scenario's client; containers made through run/create carry the scenario's label."""

    def __init__(self):
        self.client = docker.DockerClient(base_url="unix://" + os.environ["BERTH_SOCKET"], timeout=120)
        self.tag = uuid.uuid4().hex[:12]
        self.labels = {LABEL: self.tag}
        self.label_filter = f"{LABEL}={self.tag}"
        self.images = []

    def name(self, what):
        """A container name unique to this scenario."""
        return f"py-{what}-{self.tag}"

    def run(self, image, command=None, **kwargs):
        """containers.run with the scenario's label added."""
        kwargs["labels"] = {**self.labels, **kwargs.get("labels", {})}
        return self.client.containers.run(image, command, **kwargs)

    def create(self, image, command=None, **kwargs):
        """containers.create with the scenario's label added."""
        kwargs["labels"] = {**self.labels, **kwargs.get("labels", {})}
        return self.client.containers.create(image, command, **kwargs)

    def cleanup(self):
        for container in self.client.containers.list(all=True, filters={"label": self.label_filter}):
            container.remove(force=True)
        for image in self.images:
            self.client.images.remove(image, force=True)
        self.client.close()


def wait_until(condition, what, timeout=60):
    """Polls condition until it is true; fails naming what was awaited."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(0.1)


def expect_error(error_type, action, what):
    """Runs action, which must raise error_type; returns the error."""
    try:
        result = action()
    except error_type as error:
        return error
    raise AssertionError(f"{what}: expected {error_type.__name__}, got {result!r}")


def main(namespace):
    """`script.py --list` prints the scenario names; `script.py NAME` runs scenario_NAME with cleanup."""
    scenarios = {key[len("scenario_"):]: value for key, value in namespace.items() if key.startswith("scenario_")}
    if sys.argv[1:] == ["--list"]:
        print("\n".join(sorted(scenarios)))
        return
    if len(sys.argv) != 2 or sys.argv[1] not in scenarios:
        sys.exit(f"usage: {sys.argv[0]} --list | {' | '.join(sorted(scenarios))}")
    scenario = Scenario()
    try:
        scenarios[sys.argv[1]](scenario)
    finally:
        scenario.cleanup()
    print(f"{sys.argv[1]}: ok")
