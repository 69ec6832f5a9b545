"""The replay command: its help, and a real run serving on 127.0.0.1 with a fault from the command line."""

import os
import subprocess
import sys

import httpx
from django.core.management import get_commands, load_command_class


def test_help_explains_port_host_and_faults():
    command = load_command_class(get_commands()["replay"], "replay")
    text = command.create_parser("councilwatch", "replay").format_help()
    for word in ("--port", "--host", "--fault", "PATTERN=KIND", "timeout", "redirect_loop", "127.0.0.1"):
        assert word in text


def test_command_serves_with_faults_from_the_command_line_and_setting():
    env = {**os.environ, "REPLAY_FAULTS": "/robots.txt=http503:1", "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "councilwatch", "replay", "--port", "0", "--fault", "/mgWebService.asmx/*=http500:1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        first = proc.stdout.readline()
        assert first.startswith("replaying Kent County Council on http://127.0.0.1:"), first
        base = first.split(" on ", 1)[1].split("/ ", 1)[0]
        committees = f"{base}/mgWebService.asmx/GetCommittees"
        assert [httpx.get(committees, timeout=5).status_code for _ in range(2)] == [500, 200]
        assert [httpx.get(f"{base}/robots.txt", timeout=5).status_code for _ in range(2)] == [503, 200]
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=10)
    assert "GET /mgWebService.asmx/GetCommittees 500 fault=http500" in err


def test_build_command_is_documented_with_replay():
    from pathlib import Path

    from django.conf import settings

    text = (Path(settings.BASE_DIR) / "docs" / "connectors.md").read_text()
    assert "## The replay server" in text and "build_replay_kent" in text and "councilwatch replay" in text
