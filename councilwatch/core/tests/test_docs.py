"""Docs list what the code declares: every setting and every councilwatch command."""

from pathlib import Path

from django.conf import settings
from django.core.management import get_commands

from councilwatch.env import DECLARED

DOCS = Path(settings.BASE_DIR) / "docs"


def test_every_setting_is_documented():
    text = (DOCS / "settings.md").read_text()
    missing = [name for name in DECLARED if f"`{name}`" not in text]
    assert not missing, f"docs/settings.md does not list: {', '.join(missing)}"


def test_every_councilwatch_command_is_documented():
    ours = sorted(name for name, app in get_commands().items() if app.startswith("councilwatch"))
    assert "load_councils" in ours
    text = "\n".join(p.read_text() for p in [Path(settings.BASE_DIR) / "README.md", *DOCS.glob("*.md")])
    missing = [name for name in ours if name not in text]
    assert not missing, f"no page in README.md or docs/ mentions: {', '.join(missing)}"
