"""client.events: a past window read back with since/until and filters, and the live stream."""

import time

from berthpy import IMAGE, main


def scenario_events_between_since_and_until(s):
    since = int(time.time()) - 1
    name = s.name("events")
    container = s.run(IMAGE, ["sh", "-c", "exit 2"], name=name, detach=True, labels={"colour": "green"})
    assert container.wait()["StatusCode"] == 2
    container.remove()
    until = int(time.time()) + 1

    events = list(s.client.events(since=since, until=until, decode=True, filters={"container": container.id}))
    assert [e["Action"] for e in events] == ["create", "start", "die", "destroy"], events
    for event in events:
        assert event["Type"] == "container" and event["Actor"]["ID"] == container.id, event
        attributes = event["Actor"]["Attributes"]
        assert (attributes["name"], attributes["image"], attributes["colour"]) == (name, IMAGE, "green"), event
        assert (event["status"], event["id"], event["from"]) == (event["Action"], container.id, IMAGE), event
        assert since <= event["time"] <= until and event["timeNano"] // 1_000_000_000 == event["time"], event
    assert events[2]["Actor"]["Attributes"]["exitCode"] == "2", events[2]

    dies = list(s.client.events(since=since, until=until, decode=True,
                                filters={"container": name, "event": "die", "type": "container"}))
    assert [e["Actor"]["ID"] for e in dies] == [container.id], dies
    labelled = list(s.client.events(since=since, until=until, decode=True, filters={"label": s.label_filter}))
    assert [e["Action"] for e in labelled] == ["create", "start", "die", "destroy"], labelled


def scenario_events_stream_live(s):
    name = s.name("live")
    stream = s.client.events(decode=True, filters={"container": name})
    try:
        container = s.run(IMAGE, ["sleep", "300"], name=name, detach=True)
        container.kill()
        actions = [next(stream)["Action"] for _ in range(4)]
        assert actions == ["create", "start", "kill", "die"], actions
    finally:
        stream.close()


if __name__ == "__main__":
    main(globals())
