"""Summary backends behind one interface, in one registry checked when the app loads; chosen by the
SUMMARY_BACKEND setting or ``--backend``.

A backend is a class with a ``name`` and, where it reads settings, a ``from_settings`` constructor; add it to
``BACKENDS`` (and a line to docs/summaries.md, "Backends": a test checks both).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from councilwatch.summaries.backends.base import Backend, BackendError, Sentence
from councilwatch.summaries.backends.extractive import ExtractiveBackend
from councilwatch.summaries.backends.llama_cpp import LlamaCppBackend
from councilwatch.summaries.backends.openai import OpenAIBackend

BACKENDS: dict[str, type] = {cls.name: cls for cls in (ExtractiveBackend, LlamaCppBackend, OpenAIBackend)}


def check_registry(registry: dict[str, type] | None = None) -> None:
    """Every backend is registered under its own name and can be built; the configured one exists."""
    registry = BACKENDS if registry is None else registry
    for name, cls in registry.items():
        if getattr(cls, "name", None) != name:
            raise ImproperlyConfigured(f"summary backend registered as {name!r} calls itself {cls.name!r}")
        missing = [m for m in ("write_item", "write_headline") if not callable(getattr(cls, m, None))]
        if missing:
            raise ImproperlyConfigured(f"summary backend {name!r} lacks {', '.join(missing)}")
    if settings.SUMMARY_BACKEND not in registry:
        raise ImproperlyConfigured(
            f"SUMMARY_BACKEND={settings.SUMMARY_BACKEND!r} is not one of {', '.join(sorted(registry))}"
        )


def get_backend(name: str) -> Backend:
    """The backend called ``name``: extractive, llama_cpp or openai."""
    try:
        cls = BACKENDS[name]
    except KeyError:
        raise BackendError(f"unknown summary backend {name!r}: choose one of {', '.join(BACKENDS)}") from None
    return getattr(cls, "from_settings", cls)()


__all__ = ["BACKENDS", "Backend", "BackendError", "Sentence", "check_registry", "get_backend"]
