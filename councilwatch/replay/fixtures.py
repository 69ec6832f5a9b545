"""Pytest fixtures for tests that need the replay server. Use them from any app's tests:

# councilwatch/ingest/tests/conftest.py
from councilwatch.replay.fixtures import replay_server, kent_recording  # noqa: F401

def test_crawl(replay_server):
    replay_server.set_faults(["/mgWebService.asmx/GetMeeting*=http503:1"])
    ...crawl replay_server.base_url...
    assert replay_server.count("/mgWebService.asmx/GetMeeting*") == 3
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from councilwatch.replay.site import Recording
from councilwatch.replay.testing import ReplayServer, running_replay_server


@pytest.fixture
def replay_server() -> Iterator[ReplayServer]:
    """A fresh replay server of the Kent recording for one test: no faults, an empty request log.

    ``timeout`` faults hold for 5 s and ``slow`` faults spread a body over 1 s unless a rule says otherwise
    (``seconds=``): give the client a shorter timeout than that.
    """
    with running_replay_server() as server:
        yield server


@pytest.fixture(scope="session")
def kent_recording() -> Recording:
    """The Kent recording itself (manifest, documents), to compare what a crawl stored with what was served."""
    return Recording()
