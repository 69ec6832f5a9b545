"""Paths of the real Kent papers in data/kent and their text page by page, read once per test session."""

from functools import cache
from pathlib import Path

from django.conf import settings

KENT = Path(settings.DATA_DIR) / "kent"
CABINET = KENT / "cabinet_2025-01-30" / "originals"
COUNCIL = KENT / "full_council_2025-01-09" / "originals"
CABINET_MINUTES = CABINET / "Printed minutes 30th-Jan-2025 10.00 Cabinet.pdf"


@cache
def pages_of(path: Path) -> tuple[str, ...]:
    from councilwatch.documents.extract import extract_bytes

    return tuple(page.text for page in extract_bytes(path.read_bytes()).pages)
