"""Summary backends are registered and checked when the app loads, like connectors; the docs list every one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from councilwatch.summaries.backends import BACKENDS, BackendError, check_registry, get_backend
from councilwatch.summaries.backends.extractive import ExtractiveBackend


def test_the_registry_is_checked_and_names_each_backend_by_its_own_name(settings):
    check_registry()
    assert isinstance(get_backend("extractive"), ExtractiveBackend)
    with pytest.raises(BackendError, match="unknown summary backend 'gpt9'"):
        get_backend("gpt9")

    class Misnamed(ExtractiveBackend):
        name = "other"

    with pytest.raises(ImproperlyConfigured, match="registered as 'extractive' calls itself 'other'"):
        check_registry({"extractive": Misnamed})
    settings.SUMMARY_BACKEND = "gpt9"
    with pytest.raises(ImproperlyConfigured, match="SUMMARY_BACKEND='gpt9' is not one of"):
        check_registry()


def _documented(doc: str, heading: str) -> set[str]:
    text = (Path(settings.BASE_DIR) / "docs" / doc).read_text(encoding="utf-8")
    section = text.split(heading, 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^[*-] `([a-z_]+)`", section, re.M))


def test_the_docs_list_every_summary_and_transcription_backend():
    from councilwatch.webcasts.backends import BACKENDS as TRANSCRIBERS

    assert _documented("summaries.md", "## Backends") == set(BACKENDS)
    assert _documented("webcasts.md", "## Backends") == set(TRANSCRIBERS)
