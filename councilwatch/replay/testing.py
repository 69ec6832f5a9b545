"""Running the replay server inside a test: ``with running_replay_server() as replay: ...``.

from councilwatch.replay.testing import running_replay_server

with running_replay_server(faults=["/mgWebService.asmx/GetMeeting*=http503:1"]) as replay:
    httpx.get(replay.url("/mgWebService.asmx/GetCommittees"))
    replay.set_faults(["/documents/*=truncated"])      # switch faults mid-run
    replay.clear_faults()
    assert replay.count("/documents/*") == 1           # politeness: requests per path
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from councilwatch.replay.faults import FaultRule, glob_matches, parse_rule, rule_from_json
from councilwatch.replay.server import RequestRecord, make_server
from councilwatch.replay.site import Recording

FaultSpec = str | dict | FaultRule


def _rules(faults: Sequence[FaultSpec] | str | None) -> list[FaultRule]:
    if faults is None:
        return []
    if isinstance(faults, str):
        faults = [faults]
    return [
        f if isinstance(f, FaultRule) else parse_rule(f) if isinstance(f, str) else rule_from_json(f) for f in faults
    ]


class ReplayServer:
    """A replay server on 127.0.0.1 and an ephemeral port, served from a background thread."""

    def __init__(
        self,
        faults: Sequence[FaultSpec] | str | None = None,
        *,
        timeout_seconds: float = 5.0,
        slow_seconds: float = 1.0,
        recording_dir: Path | None = None,
        stage: str = "published",
    ) -> None:
        self._server = make_server(
            "127.0.0.1",
            0,
            _rules(faults),
            recording_dir,
            timeout_seconds=timeout_seconds,
            slow_seconds=slow_seconds,
            stage=stage,
        )
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, name="replay-server", daemon=True
        )
        self._thread.start()

    @property
    def base_url(self) -> str:
        return self._server.base_url

    @property
    def recording(self) -> Recording:
        return self._server.recording

    def url(self, target: str) -> str:
        return self.base_url + (target if target.startswith("/") else "/" + target)

    def set_faults(self, faults: Sequence[FaultSpec] | str) -> None:
        """Replace the fault rules in force (each a 'PATTERN=KIND[:N]' string, a dict or a FaultRule)."""
        self._server.faults.set(_rules(faults))

    def add_faults(self, faults: Sequence[FaultSpec] | str) -> None:
        self._server.faults.add(_rules(faults))

    def clear_faults(self) -> None:
        self._server.faults.clear()

    def set_stage(self, stage: str) -> None:
        """'agenda': each meeting as it stood when its agenda was published (no minutes, attendees,
        supplementary papers or papers 'to follow'); 'published': everything (the default)."""
        self._server.recording.stage = stage

    @property
    def requests(self) -> list[RequestRecord]:
        return self._server.log.all()

    def clear_requests(self) -> None:
        self._server.log.clear()

    def count(self, pattern: str = "*") -> int:
        """How many requests had a path-and-query matching the glob ``pattern`` (matched as fault rules are)."""
        return sum(1 for r in self.requests if glob_matches(pattern, r.target))

    def per_path(self) -> dict[str, int]:
        return self._server.log.per_path()

    def stop(self) -> None:
        self._server.stop()
        self._thread.join(timeout=10)


@contextmanager
def running_replay_server(faults: Sequence[FaultSpec] | str | None = None, **options: object) -> Iterator[ReplayServer]:
    """A ReplayServer for the duration of the ``with`` block; stopped cleanly afterwards."""
    server = ReplayServer(faults, **options)  # type: ignore[arg-type]
    try:
        yield server
    finally:
        server.stop()
