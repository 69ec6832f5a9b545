"""Reading settings from the environment, recording each one so docs/settings.md can be checked."""

import os
from dataclasses import dataclass

DECLARED: dict[str, "Setting"] = {}


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    help: str


def env(name: str, default: str, help: str) -> str:
    """Return the environment variable ``name`` or ``default``; ``help`` is its one-line description."""
    DECLARED[name] = Setting(name, default, help)
    return os.environ.get(name, default)


def env_bool(name: str, default: bool, help: str) -> bool:
    value = env(name, "1" if default else "0", help)
    return value.strip().lower() in ("1", "true", "yes", "on")


def env_int(name: str, default: int, help: str) -> int:
    value = env(name, str(default), help)
    try:
        return int(value)
    except ValueError as exc:
        raise ValueError(f"setting {name} must be a whole number, got {value!r}") from exc


def env_float(name: str, default: float, help: str) -> float:
    value = env(name, str(default), help)
    try:
        return float(value)
    except ValueError as exc:
        raise ValueError(f"setting {name} must be a number, got {value!r}") from exc
