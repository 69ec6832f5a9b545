"""docs/connectors.md lists every registered connector and the crawl command."""

from pathlib import Path

from django.conf import settings

from councilwatch.ingest.registry import CONNECTORS

PAGE = Path(settings.BASE_DIR) / "docs" / "connectors.md"


def test_every_registered_connector_has_a_section():
    text = PAGE.read_text()
    missing = [cls.__name__ for platform, cls in CONNECTORS.items() if f"## {cls.__name__} (`{platform}`)" not in text]
    assert not missing, f"docs/connectors.md has no section for: {', '.join(missing)}"


def test_crawl_command_is_documented():
    text = PAGE.read_text()
    assert "councilwatch crawl <CODE>" in text and "councilwatch crawl --enabled" in text
