"""Any OpenAI-compatible chat-completions endpoint (a hosted service, Ollama, vLLM, a llama.cpp server)."""

from __future__ import annotations

import httpx
from django.conf import settings

from councilwatch.summaries.backends.base import BackendError
from councilwatch.summaries.backends.generative import GenerativeBackend


class OpenAIBackend(GenerativeBackend):
    name = "openai"

    def __init__(self, base_url: str, model: str, api_key: str = "", timeout: float = 120.0) -> None:
        if not base_url or not model:
            raise BackendError("the openai backend needs SUMMARY_OPENAI_BASE_URL and SUMMARY_OPENAI_MODEL")
        self.url = base_url.rstrip("/") + "/chat/completions"
        self.model = model
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self.client = httpx.Client(timeout=timeout, headers=headers)

    @classmethod
    def from_settings(cls) -> OpenAIBackend:
        return cls(
            settings.SUMMARY_OPENAI_BASE_URL,
            settings.SUMMARY_OPENAI_MODEL,
            settings.SUMMARY_OPENAI_API_KEY,
            settings.SUMMARY_OPENAI_TIMEOUT,
        )

    def chat(self, messages: list[dict], max_tokens: int) -> str:
        payload = {"model": self.model, "messages": messages, "max_tokens": max_tokens, "temperature": 0}
        try:
            response = self.client.post(self.url, json=payload)
            response.raise_for_status()
            return response.json()["choices"][0]["message"]["content"] or ""
        except (httpx.HTTPError, KeyError, IndexError, ValueError) as exc:
            raise BackendError(f"chat completion at {self.url} failed: {exc}") from exc
