"""Summary backends behind one interface; chosen by the SUMMARY_BACKEND setting or ``--backend``."""

from __future__ import annotations

from councilwatch.summaries.backends.base import Backend, BackendError, Sentence


def get_backend(name: str) -> Backend:
    """The backend called ``name``: extractive, llama_cpp or openai."""
    if name == "extractive":
        from councilwatch.summaries.backends.extractive import ExtractiveBackend

        return ExtractiveBackend()
    if name == "llama_cpp":
        from councilwatch.summaries.backends.llama_cpp import LlamaCppBackend

        return LlamaCppBackend.from_settings()
    if name == "openai":
        from councilwatch.summaries.backends.openai import OpenAIBackend

        return OpenAIBackend.from_settings()
    raise BackendError(f"unknown summary backend {name!r}: choose one of {', '.join(BACKENDS)}")


BACKENDS = ("extractive", "llama_cpp", "openai")
__all__ = ["BACKENDS", "Backend", "BackendError", "Sentence", "get_backend"]
