"""Fault rules: which requests misbehave, how, and for how many requests.

A rule is written ``PATTERN=KIND[:N][:key=value...]`` (the last ``=`` before the kind separates them, so a
pattern may hold a query string), e.g. ``/mgWebService.asmx/GetMeeting*=http500:2`` or
``/documents/*=slow:seconds=0.5``. PATTERN is a shell glob matched against the request's path and query
(raw, and %-decoded), or a regular expression when it starts with ``re:``. ``N`` (or ``times=N``) limits the
rule to the first N matching requests; without it the rule applies to every match.

In a glob, ``*`` right after a letter never goes on with a letter: names are whole, so ``GetMeeting*`` matches
``GetMeeting?lMeetingId=9475`` but not ``GetMeetings?…`` (write ``GetMeeting[s]*`` or ``re:`` for both), while
``/documents/s*`` still matches ``/documents/s128315/…``.
"""

from __future__ import annotations

import fnmatch
import itertools
import re
import threading
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

KINDS = (
    "timeout",
    "disconnect",
    "http500",
    "http503",
    "truncated",
    "html_error",
    "js_redirect",
    "empty",
    "slow",
    "redirect_loop",
)
OPTIONS = {"seconds": float, "retry_after": int, "times": int}


class FaultSpecError(ValueError):
    """A fault rule could not be read; the message quotes it and says what was wrong."""


@dataclass
class FaultRule:
    pattern: str
    kind: str
    times: int | None = None  # None: every matching request
    seconds: float | None = None  # timeout: how long to hold; slow: how long to spread the body over
    retry_after: int = 1  # http503: the Retry-After header, in seconds
    used: int = field(default=0, compare=False)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise FaultSpecError(f"unknown fault kind {self.kind!r} for {self.pattern!r}; known: {', '.join(KINDS)}")
        if not self.pattern:
            raise FaultSpecError(f"fault {self.kind!r} has an empty pattern")
        if self.times is not None and self.times < 1:
            raise FaultSpecError(f"fault {self.pattern}={self.kind}: times must be at least 1, got {self.times}")
        if self.pattern.startswith("re:"):
            try:
                re.compile(self.pattern[3:])
            except re.error as exc:
                raise FaultSpecError(
                    f"fault pattern {self.pattern!r} is not a valid regular expression: {exc}"
                ) from exc

    def matches(self, target: str) -> bool:
        candidates = (target, unquote(target))
        if self.pattern.startswith("re:"):
            return any(re.search(self.pattern[3:], c) for c in candidates)
        return any(glob_matches(self.pattern, c) for c in candidates)

    @property
    def remaining(self) -> int | None:
        return None if self.times is None else max(self.times - self.used, 0)

    def as_dict(self) -> dict[str, Any]:
        return {
            "pattern": self.pattern,
            "kind": self.kind,
            "times": self.times,
            "seconds": self.seconds,
            "retry_after": self.retry_after,
            "used": self.used,
            "remaining": self.remaining,
        }


def _glob_piece(piece: str) -> str:
    """A glob without ``*`` as a regular expression (``?`` any one character, ``[…]`` a class), as fnmatch reads it."""
    translated = fnmatch.translate(piece)  # '(?s:…)\\Z'
    if not (translated.startswith("(?s:") and translated.endswith(")\\Z")):  # pragma: no cover - another Python
        raise FaultSpecError(f"cannot read the glob {piece!r} on this Python ({translated!r})")
    return translated[4:-3]


def glob_regex(pattern: str) -> re.Pattern[str]:
    """The shell glob ``pattern`` as a regular expression, whole names kept whole (see the module docstring)."""
    pieces = pattern.split("*")
    out = [_glob_piece(pieces[0])]
    for before, piece in itertools.pairwise(pieces):
        letter = before[-1:].isascii() and before[-1:].isalpha()
        out.append(("(?![A-Za-z])" if letter else "") + ".*" + _glob_piece(piece))
    return re.compile("".join(out) + r"\Z", re.S)


def glob_matches(pattern: str, target: str) -> bool:
    return glob_regex(pattern).match(target) is not None


_KIND_AT_END = re.compile("=(" + "|".join(KINDS) + r")((?::[^:=]+(?:=[^:]*)?)*)$")


def parse_rule(spec: str) -> FaultRule:
    """``'/path*=http503:2:retry_after=3'`` -> FaultRule."""
    if "=" not in spec:
        raise FaultSpecError(f"fault {spec!r} is not PATTERN=KIND[:N][:key=value]")
    # The kind part is the text after the last '=' that is followed by a known kind name.
    m = _KIND_AT_END.search(spec)
    if not m:
        raise FaultSpecError(f"fault {spec!r}: no known kind after '='; known: {', '.join(KINDS)}")
    pattern, kind, rest = spec[: m.start()], m[1], m[2]
    options: dict[str, Any] = {}
    for part in filter(None, rest.split(":")):
        key, sep, value = part.partition("=")
        if not sep:
            key, value = "times", part
        if key not in OPTIONS:
            raise FaultSpecError(f"fault {spec!r}: unknown option {key!r}; known: {', '.join(OPTIONS)}")
        try:
            options[key] = OPTIONS[key](value)
        except ValueError as exc:
            raise FaultSpecError(f"fault {spec!r}: {key} must be a number, got {value!r}") from exc
    return FaultRule(pattern, kind, **options)


def parse_rules(text: str) -> list[FaultRule]:
    """Rules separated by whitespace or ';' (as in the REPLAY_FAULTS setting)."""
    return [parse_rule(part) for part in re.split(r"[\s;]+", text.strip()) if part]


def rule_from_json(data: Any) -> FaultRule:
    """A rule from the control endpoint: ``{"pattern": ..., "kind": ..., "times": 2, ...}`` or a spec string."""
    if isinstance(data, str):
        return parse_rule(data)
    if not isinstance(data, dict):
        raise FaultSpecError(f"a fault must be an object or a 'PATTERN=KIND' string, got {data!r}")
    unknown = set(data) - {"pattern", "kind", *OPTIONS}
    if unknown:
        raise FaultSpecError(f"fault {data!r}: unknown fields {sorted(unknown)}")
    try:
        return FaultRule(
            str(data["pattern"]),
            str(data["kind"]),
            **{k: OPTIONS[k](data[k]) for k in OPTIONS if data.get(k) is not None},
        )
    except KeyError as exc:
        raise FaultSpecError(f"fault {data!r} needs {exc.args[0]!r}") from exc
    except (TypeError, ValueError) as exc:
        raise FaultSpecError(f"fault {data!r}: {exc}") from exc


class FaultTable:
    """The rules in force, shared by the server's threads. The first rule that matches and is not used up wins."""

    def __init__(self, rules: list[FaultRule] | None = None) -> None:
        self._lock = threading.Lock()
        self._rules = list(rules or [])

    def set(self, rules: list[FaultRule]) -> None:
        with self._lock:
            self._rules = list(rules)

    def add(self, rules: list[FaultRule]) -> None:
        with self._lock:
            self._rules.extend(rules)

    def clear(self) -> None:
        self.set([])

    def take(self, target: str) -> FaultRule | None:
        """The rule for this request, counting it as used."""
        with self._lock:
            for rule in self._rules:
                if rule.remaining != 0 and rule.matches(target):
                    rule.used += 1
                    return rule
        return None

    def snapshot(self) -> list[dict[str, Any]]:
        with self._lock:
            return [r.as_dict() for r in self._rules]
