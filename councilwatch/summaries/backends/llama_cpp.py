"""A local model through llama-cpp-python (the optional extra ``[llm]``)."""

from __future__ import annotations

import atexit
import functools
from pathlib import Path

from django.conf import settings

from councilwatch.summaries.backends.base import BackendError
from councilwatch.summaries.backends.generative import GenerativeBackend
from councilwatch.summaries.backends.weights import resolve_model, sha256_of


@functools.cache
def _load(path: Path, threads: int, context: int):
    try:
        from llama_cpp import Llama
    except ImportError as exc:
        raise BackendError("llama-cpp-python is not installed: pip install -e '.[llm]'") from exc
    llm = Llama(model_path=str(path), n_ctx=context, n_threads=threads, seed=0, verbose=False)
    atexit.register(llm.close)  # free it before the interpreter tears llama_cpp's module down
    return llm


@functools.cache
def _checked(name: str) -> Path:
    path, expected = resolve_model(name)
    if expected and sha256_of(path) != expected:
        raise BackendError(f"{path} does not have the expected sha256 {expected}")
    return path


class LlamaCppBackend(GenerativeBackend):
    name = "llama_cpp"

    def __init__(self, model: str, threads: int = 2, context: int = 4096) -> None:
        self.model = model
        self.llm = _load(_checked(model), threads, context)

    @classmethod
    def from_settings(cls) -> LlamaCppBackend:
        return cls(settings.SUMMARY_LLAMA_MODEL, settings.SUMMARY_LLAMA_THREADS, settings.SUMMARY_LLAMA_CONTEXT)

    def chat(self, messages: list[dict], max_tokens: int) -> str:
        result = self.llm.create_chat_completion(messages=messages, max_tokens=max_tokens, temperature=0.0, seed=0)
        return result["choices"][0]["message"]["content"] or ""
