from councilwatch.replay.fixtures import kent_recording, replay_server  # noqa: F401
