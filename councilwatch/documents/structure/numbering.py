"""Numbered headings of council papers, whatever the numbering scheme, and the run of them that is the agenda.

Agendas and minutes number their items ``1``, ``1.``, ``84.``, ``07``, ``Item 5``, ``Minute 23/24``,
``12/24``, ``2709.``, ``5(a)``. Any numbered line is a *candidate*; which candidates are the paper's items is
decided by the run they make (numbers rising one by one, one style throughout) and by what each line looks
like (set apart by the layout, a short title rather than a sentence, body text under it rather than the next
number of a list). ``best_run`` picks the run; lists inside an item (public-forum statements, accounts for
payment, a report's paragraphs) do not make one, because their lines look like list entries, not headings.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from councilwatch.documents.structure.lines import Line, flat

_KEYWORD = r"(?:(?P<kw>Agenda\s+Item|Item|Minute|Min\.?)\s+(?:No\.?\s*)?)"
_CANDIDATE = re.compile(
    r"^" + _KEYWORD + r"?(?P<num>\d{1,4})(?P<slash>/\d{2,4}(?!\d))?"
    r"(?P<sub>\s?\([a-z]\)|[a-z](?![a-z]))?"
    r"(?P<punct>\.(?!\d)|\)|:|\s*[-–—](?=\s))?\s*(?P<title>.*)$"
)
_DECIMAL = re.compile(r"^\d{1,3}\.\d")
_ITEM_ANCHOR = re.compile(
    r"^\(\s*(?:Agenda\s+)?Item\s+(?:No\.?\s*)?(?P<item>\d{1,3}[A-Za-z]?(?:\.\d{1,2})?(?:\([a-z0-9]{1,3}\))?)\s*\)\s*$",
    re.I,
)
_SENTENCE_END = re.compile(r"[.!?]['’\"”)]?$")
# "Police Report: Attached.", and "Accounts for payment:Merlin Waste" where the next column was run on
_TITLE_SPLIT = re.compile(r"^(?P<title>[^:.]{3,80}?)\s*(?::-?\s+|:(?=[A-Z]))(?P<rest>\S.*)$")
_TITLE_STOP = re.compile(r"^(?P<title>[A-Z][^.:;!?]{2,90}?)\.\s+(?P<rest>[A-Z0-9“\"‘'(].*)$")
_PAGES = re.compile(r"\(\s*Pages?\s+[\d\s\-–]+\)?\s*$", re.I)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_MONTHS = re.compile(
    r"^(?:january|february|march|april|may|june|july|august|september|october|november|december)\b", re.I
)


@dataclass(frozen=True)
class Candidate:
    """A line that starts with a number an item could have."""

    index: int  # position in the paper's lines
    line: Line
    number: str  # as printed, normalised: "7", "12/24", "5a"
    value: int  # the main number: 7, 12, 5
    sub: str  # "a" for 5(a) or 5a, else ""
    scheme: str  # "dot" (7.), "bare" (7), "paren" (7)), "colon", "dash", "keyword" (Item 7)
    zero: bool  # printed with a leading zero (07)
    title: str  # the text after the number on this line (without "(Pages 5 - 7)")
    rest: str = ""  # for "2709. Police Report: attached …", the text after the title
    anchor: str | None = None  # the agenda item a "(Item 5)" line under it names

    @property
    def style(self) -> tuple:
        return (self.line.strong, self.scheme, self.zero)


def candidate(index: int, line: Line) -> Candidate | None:
    """The line as a numbered heading candidate, or None (decimals such as 4.5 and bare numbers are not)."""
    text = line.text.strip()
    if _DECIMAL.match(text):
        return None
    match = _CANDIDATE.match(text)
    if not match:
        return None
    title = flat(match["title"] or "")
    if match["kw"] is None and not match["punct"] and not title and (match["slash"] or match["sub"] or len(text) > 3):
        return None  # "12/24" or a year on its own: a table cell
    glued = not re.match(r"\s", text[match.end("num") :][:1] or " ")  # "2Agriculture" (a number alone is not)
    if match["kw"] is None and not match["punct"] and glued and not match["slash"] and not match["sub"]:
        return None  # "2Agriculture", "100m"
    if title and _MONTHS.match(title):
        return None  # "13 March 2025": a date, not a heading
    if title.startswith(("%", "£", "x ", "×", "-")) or re.match(r"^(?:am|pm|mph|km|m|hours?)\b", title, re.I):
        return None
    sub = re.sub(r"[^a-z]", "", match["sub"] or "")
    scheme = (
        "keyword"
        if match["kw"]
        else {".": "dot", ")": "paren", ":": "colon"}.get(
            (match["punct"] or "").strip(), "dash" if match["punct"] else "bare"
        )
    )
    title = _PAGES.sub("", title).strip()
    rest = ""
    split = _TITLE_SPLIT.match(title)
    if split and len(split["title"].split()) <= 10:
        title, rest = split["title"].strip(), split["rest"].strip()
    elif scheme in ("dot", "bare", "keyword"):
        stop = _TITLE_STOP.match(title)  # "1. Apologies for absence. Apologies had been received from …"
        # A longer title is still one when its own first paragraph follows: "13. Other Business – … Agenda. 13.1 PW …"
        own_paragraph = bool(stop) and stop["rest"].startswith(f"{match['num']}.1")
        if stop and len(stop["title"].split()) <= (20 if own_paragraph else 12) and len(stop["rest"].split()) >= 2:
            title, rest = stop["title"].strip(), stop["rest"].strip()
    number = match["num"].lstrip("0") or "0"
    return Candidate(
        index=index,
        line=line,
        number=number + (match["slash"] or "") + sub,
        value=int(match["num"]),
        sub=sub,
        scheme=scheme,
        zero=len(match["num"]) > 1 and match["num"].startswith("0"),
        title=title,
        rest=rest,
    )


def candidates(lines: Sequence[Line]) -> list[Candidate]:
    """Every numbered line of a paper, with the agenda item a following "(Item N)" line names."""
    found: list[Candidate] = []
    for index, line in enumerate(lines):
        found_here = candidate(index, line)
        if found_here is None:
            continue
        # The "(Item 7)" line follows the title, which wraps over up to three lines and may start on the next
        # line when the number stands alone ("90." / "24/00109 - Transfer the …" / … / "(Item 7)").
        reach = 4 if found_here.title else 6
        for ahead in range(index + 1, min(index + reach, len(lines))):
            anchor = _ITEM_ANCHOR.match(lines[ahead].text.strip())
            if anchor:
                found_here = _with(found_here, anchor=anchor["item"])
                break
            if candidate(ahead, lines[ahead]) is not None:
                break
        found.append(found_here)
    return found


def _with(c: Candidate, **changes: object) -> Candidate:
    values = {f: getattr(c, f) for f in c.__dataclass_fields__}
    values.update(changes)
    return Candidate(**values)  # type: ignore[arg-type]


def is_anchor(text: str) -> bool:
    return _ITEM_ANCHOR.match(text.strip()) is not None


def heading_likeness(c: Candidate, lines: Sequence[Line], uses_emphasis: bool, *, in_minutes: bool) -> float:
    """How much a candidate looks like an item heading rather than a list entry or a numbered sentence."""
    score = 0.5
    words = _WORD.findall(c.title)
    if not c.title and not c.anchor:
        # "1." alone: a heading only when a short title follows on the next line (a meeting page's table)
        nxt = _PAGES.sub("", lines[c.index + 1].text).strip() if c.index + 1 < len(lines) else ""
        score += 0.3 if nxt and len(nxt.split()) <= 16 and candidate(0, Line(nxt, 0)) is None else -2.0
    elif c.title[:1].islower():
        score -= 2.5
    elif len(words) > 22 or (_SENTENCE_END.search(c.title) and len(words) > 12 and not c.rest):
        score -= 1.5  # a numbered sentence or paragraph
    elif len(words) <= 16:
        score += 0.3
    if c.title.isupper() and len(words) >= 1:
        score += 0.2
    if uses_emphasis:
        score += 1.0 if c.line.strong else -0.4
    if c.zero:
        score -= 0.6
    if c.anchor:
        score += 2.5
    if c.scheme == "keyword":
        score += 0.3
    if c.sub:
        score -= 0.3
    if c.scheme == "paren":
        score -= 0.5  # "1)" numbers a paragraph far more often than an item
    if in_minutes and _list_entry(c, lines):
        score -= 1.5
    if in_minutes and c.index > 0 and re.search(r"(?::-?|as follows)\s*$", lines[c.index - 1].text.strip(), re.I):
        score -= 1.5  # the first entry of a list the line above introduces
    return score


def dominant_style(run: Sequence[Candidate]) -> tuple[str, bool] | None:
    """The numbering scheme and zero-padding most of a run's headings share (None for a short run)."""
    if len(run) < 3:
        return None
    schemes: dict[tuple[str, bool], int] = {}
    for c in run:
        schemes[(c.scheme, c.zero)] = schemes.get((c.scheme, c.zero), 0) + 1
    style, count = max(schemes.items(), key=lambda kv: kv[1])
    return style if count >= len(run) * 0.6 else None


def style_penalty(c: Candidate, style: tuple[str, bool] | None) -> float:
    """Headings of one paper share one style: a candidate numbered otherwise is less likely one of them."""
    if style is None:
        return 0.0
    scheme, zero = style
    return (-1.0 if c.scheme != scheme else 0.0) + (-1.0 if c.zero != zero else 0.0)


def _list_entry(c: Candidate, lines: Sequence[Line]) -> bool:
    """A short numbered line followed straight away by the next number: an entry of a list."""
    if c.rest or c.anchor or len(c.title.split()) > 8:
        return False
    nxt = candidate(c.index + 1, lines[c.index + 1]) if c.index + 1 < len(lines) else None
    prv = candidate(c.index - 1, lines[c.index - 1]) if c.index > 0 else None
    follows = nxt is not None and nxt.value == c.value + 1 and not nxt.rest
    precedes = prv is not None and prv.value == c.value - 1 and not prv.rest
    return follows or precedes


def _step(previous: Candidate, current: Candidate) -> float | None:
    """What going from one item to the next costs: None where it cannot follow (numbers must rise)."""
    gap = current.value - previous.value
    if gap == 0:
        if current.sub and current.sub > previous.sub:
            return 0.2
        return None
    if gap < 0:
        return None
    if gap == 1:
        penalty = 0.0
    elif gap <= 3:
        penalty = -0.8 * (gap - 1)
    else:
        return None
    if current.scheme != previous.scheme:
        penalty -= 0.6
    if current.zero != previous.zero:
        penalty -= 0.6
    if previous.line.strong is not None and current.line.strong != previous.line.strong:
        penalty -= 0.5
    return penalty


def best_run(
    found: Sequence[Candidate], score: Callable[[Candidate], float], *, start_bonus: Callable[[Candidate], float]
) -> list[Candidate]:
    """The run of candidates, numbers rising, that scores most: each candidate's score plus its steps.

    Only candidates scoring above zero are worth taking; a dynamic programme over the paper's order finds
    the best run in O(n·k) for the k candidates a step may come from.
    """
    scores = [score(c) for c in found]
    best: list[float] = []
    back: list[int | None] = []
    for i, current in enumerate(found):
        own = scores[i]
        best_here, from_here = own + start_bonus(current), None
        for j in range(i - 1, max(-1, i - 400), -1):
            step = _step(found[j], current)
            if step is None:
                continue
            total = best[j] + own + step
            if total > best_here:
                best_here, from_here = total, j
        best.append(best_here)
        back.append(from_here)
    if not best:
        return []
    end = max(range(len(best)), key=lambda k: best[k])
    if best[end] <= 0:
        return []
    run: list[Candidate] = []
    cursor: int | None = end
    while cursor is not None:
        run.append(found[cursor])
        cursor = back[cursor]
    return run[::-1]


def uses_emphasis(lines: Sequence[Line]) -> bool:
    """Whether the paper's layout is known and sets some numbered lines apart (so emphasis means something)."""
    known = [line for line in lines if line.strong is not None]
    return bool(known) and any(line.strong for line in known if candidate(0, line) is not None)
