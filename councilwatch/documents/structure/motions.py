"""Motions, amendments and votes in one item's minutes: who moved and seconded, what was proposed, the result.

The minutes are read as a stream of events in the order printed — a motion moved ("Mr A proposed, and Mr B
seconded the motion that …", "Recommendation 2A was moved by Councillor A and seconded by Councillor B",
"Councillor C moved an amendment …", "It was proposed by Cllr D, seconded by Cllr E and unanimously agreed
…"), a seconder named later, a vote (counts in words, or "For (52)" with the names of a recorded vote), an
outcome ("CARRIED unanimously", "Amendment lost", "The amendment was withdrawn") — and each vote or outcome
is given to the motion it names: the one "set out in paragraph 2", the amendment, the recommendation, else
the last one still open.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from councilwatch.documents.structure.lines import LIST_MARKER, Line, ends_sentence, flat, split_sentences, undot_names
from councilwatch.documents.structure.mentions import find_money
from councilwatch.documents.structure.types import Motion

_TITLE = r"(?:County\s+|Borough\s+|District\s+|Town\s+)?(?:Councillors?|Cllrs?\.?|Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lady|Lord|Rev(?:d)?\.?|Prof)"
_HONORIFIC_WORD = r"(?:Councillors?|Cllrs?|Mr|Mrs|Ms|Miss|Dr|Sir|Dame|County|Borough)\b"
_NAMEWORD = rf"(?!{_HONORIFIC_WORD})[A-Z][\w'’-]*\.?"
NAME = (
    r"(?:(?:the\s+|The\s+)(?:Vice[- ]Chair(?:man)?|Chair(?:man)?|Leader(?:\s+of\s+the\s+Council)?|Mayor|Deputy\s+Leader)"
    rf"|{_TITLE}\s+(?:{_NAMEWORD}\s+){{0,3}}(?!{_HONORIFIC_WORD})[A-Z][\w'’-]+(?:\s+(?:OBE|MBE|CBE))?"
    rf"|[A-Z][a-z'’-]+\s+[A-Z][\w'’-]+|[Ss]he|[Hh]e)"
)
_KIND = r"(?P<kind>substantive\s+motion|motion|amendment|recommendations?|proposals?)"
_MOVED_SECONDED = re.compile(
    rf"(?P<mover>{NAME})\s*,?\s+(?:proposed|moved)\s*(?:,\s*|\s+)(?:and|&)\s*(?P<seconder>{NAME})\s*,?\s+seconded"
    rf"(?:\s*,)?(?:\s+the\s+(?:following\s+)?{_KIND}\b)?",
)
_WAS_MOVED = re.compile(
    r"(?P<label>(?i:(?:the\s+)?(?:report\s+and\s+)?(?:recommendations?|motion|amendment|proposals?))"
    r"(?:\s+(?:\d+[A-Za-z]?|[A-Z]))?(?:\s+as\s+amended)?)\s+(?:was|were)\s+(?:moved|proposed)\s+by\s+"
    rf"(?P<mover>{NAME})(?:\s*,?\s+and\s+seconded\s+by\s+(?P<seconder>{NAME}))?"
)
_MOVES_AMENDMENT = re.compile(
    rf"(?P<mover>{NAME})\s+(?:moved|proposed)\s+(?:an|a\s+further|the\s+following)\s+amendment"
    rf"(?:\s+(?:to\s+the\s+(?:report|motion|recommendations?)))?(?:\s*,?\s*which\s+was\s+seconded\s+by\s+(?P<seconder>{NAME}))?"
)
_PROPOSED_BY = re.compile(
    rf"\bproposed\s+by\s+(?P<mover>{NAME})\s*[,;]?\s*(?:and\s+)?seconded\s+by\s+(?P<seconder>{NAME})"
    r"(?P<tail>\s*,?\s*(?:and\s+)?(?:it\s+was\s+)?(?P<unan>unanimously\s+)?(?:agreed|approved|resolved|carried)\b)?"
)
_PROPOSED_SEMICOLON = re.compile(
    rf"(?P<mover>{NAME})\s+proposed\s+(?P<what>[^;]{{2,200}}?);\s*(?P<seconder>{NAME})\s+seconded\s*[;,.]\s*"
    r"(?P<outcome>carried|agreed|approved|lost)?",
    re.I,
)
_PERSON = re.compile(rf"{_TITLE}\s+(?:{_NAMEWORD}\s+){{0,3}}(?!{_HONORIFIC_WORD})[A-Z][\w'’-]+")
_IN_AGREEMENT = re.compile(
    r"\ball\s+(?:councillors|members)(?:\s+present)?\s+(?:were\s+)?in\s+(?:agreement|favour)\b", re.I
)
_SECONDED_LATER = re.compile(
    rf"\b(?:the\s+)?(?P<kind>amendment|motion|recommendation)\s+was\s+seconded\s+by\s+(?P<seconder>{NAME})", re.I
)
_COUNT_FOR = r"(?P<for>\d+|none|no)\s+(?:members?\s+|councillors?\s+)?(?:voting\s+|votes?\s+)?(?:in\s+favour|for)\b"
_COUNT_AGAINST = r"(?P<against>\d+|none|no)\s+(?:voting\s+|votes?\s+)?against"
_COUNT_ABSTAIN = r"(?P<abstain>\d+|none|no)\s+(?:members?\s+)?(?:abstentions?|abstaining|abstained)"
_INLINE_COUNTS = re.compile(
    _COUNT_FOR
    + r"[\s,;.]*(?:and\s+|with\s+)?"
    + _COUNT_AGAINST
    + r"(?:[\s,;.]*(?:and\s+|with\s+|there\s+(?:were|was)\s+)?"
    + _COUNT_ABSTAIN
    + r")?",
    re.I,
)
_ABSTAIN_ALONE = re.compile(
    r"\b(?:there\s+(?:were|was)\s+)?(?P<abstain>\d+|no|one|two|three)\s+(?:abstentions?|abstaining)\b", re.I
)
_VOTE_LINE = re.compile(
    r"^(?P<side>For|Against|Abstain(?:ed|ing)?|Abstentions?)\s*(?:\(\s*(?P<a>\d+)\s*\)|[:\-–]\s*(?P<b>\d+)|\s+(?P<c>\d+))\s*(?P<rest>.*)$",
    re.I,
)
_OUTCOME = re.compile(
    r"\b(?P<what>substantive\s+motion|motion|amendment|recommendations?|proposals?)?\s*(?:was\s+|were\s+|is\s+)?(?:then\s+)?"
    r"(?P<outcome>carried|lost|defeated|withdrawn|fell|agreed|not\s+carried|rejected|approved)\b"
    r"(?P<unan>\s+unanimously|\s+nem\.?\s*con\.?)?",
    re.I,
)
_UNANIMOUS = re.compile(
    r"\bunanimous(?:ly)?\b|\bnem\.?\s*con\b|\ball\s+(?:councillors|members)\s+present\s+were\s+in\s+agreement", re.I
)
_PUT = re.compile(
    r"\bput\s+(?:the\s+)?(?P<what>substantive\s+motion|motion|amendment|recommendations?|part\s+\d+\s+of\s+the\s+substantive\s+motion)"
    r"(?:[^.]{0,120}?(?:set\s+out\s+)?(?:in|at)\s+paragraph\s+(?P<para>\d+))?",
    re.I,
)
_VOTE_HELD = re.compile(
    r"\bvote\s+was\s+(?:then\s+)?held\s+(?:for|on)\s+(?P<label>recommendation\s+\d+[A-Za-z]?)", re.I
)
_AGREED_LIST = re.compile(
    r"\b(?P<unan>unanimously\s+)?(?:agreed|resolved|approved)\b[^.]*\b(?:as\s+follows|the\s+following)\s*:?\s*$", re.I
)
_LABEL_LINE = re.compile(r"^(?P<label>Recommendations?\s+\d{1,2}[A-Za-z]?)\s*(?:[-–—:]|$)")
_PARAGRAPH = re.compile(r"^(?P<open>\()?(?P<n>\d{1,2})(?P<close>[.)])(?:\s+|$)")
_FUNDING = re.compile(
    r"\b(?:funded|to\s+be\s+funded|met|financed|paid\s+for)\s+(?:through|from|by|out\s+of)\s+(?P<src>[^.;]{3,100})",
    re.I,
)
_WORD_NUMBERS = {"none": 0, "no": 0, "one": 1, "two": 2, "three": 3}


@dataclass
class _Open:
    motion: Motion
    paragraph: str | None
    closed: bool = False
    proposal: list[str] = field(default_factory=list)
    capturing: bool = True


@dataclass(frozen=True)
class _Unit:
    text: str
    page: int
    line: int
    paragraph: str | None  # the numbered paragraph ("2") it belongs to, where the minutes number them
    first: bool = False  # the first sentence of that numbered paragraph


def _count(value: str | None) -> int | None:
    if value is None:
        return None
    return int(value) if value.isdigit() else _WORD_NUMBERS.get(value.lower())


def _name(value: str | None) -> str:
    if not value or value.lower() in ("he", "she"):
        return ""
    return undot_names(flat(value)).strip(" ,.")


def _units(body: Sequence[Line], skip: set[int]) -> list[_Unit]:
    """Sentences of the item with their page, first line and numbered paragraph."""
    units: list[_Unit] = []
    paragraph_lines: list[tuple[int, Line]] = []
    current_para: str | None = None
    opening = False

    def close() -> None:
        nonlocal opening
        if not paragraph_lines:
            return
        text = flat(" ".join(line.text for _, line in paragraph_lines))
        first_index, first_line = paragraph_lines[0]
        pieces = [
            piece
            for sentence in split_sentences(text)
            for piece in re.split(r"(?<=[)”])\s+(?=[A-Z][a-z]*\s)|\s+(?=On\s+being\s+put\b)", sentence)
        ]
        for sentence in _rejoin_semicolons(pieces):
            sentence = sentence.strip()
            if not sentence:
                continue
            bare = _PARAGRAPH.sub("", sentence).strip()
            if not bare:
                continue  # "15)" alone on its line: the paragraph's first sentence is the next one
            units.append(
                _Unit(
                    bare if _PARAGRAPH.match(sentence) else sentence,
                    first_line.page,
                    first_index,
                    current_para,
                    opening,
                )
            )
            opening = False
        paragraph_lines.clear()

    style: tuple[bool, str] | None = None
    for index, line in enumerate(body):
        if index in skip:
            close()
            continue
        numbered = _PARAGRAPH.match(line.text)
        if numbered or LIST_MARKER.match(line.text) or (paragraph_lines and ends_sentence(paragraph_lines[-1][1].text)):
            close()
        if paragraph_lines and _LABEL_LINE.match(paragraph_lines[-1][1].text) and len(paragraph_lines) == 1:
            close()  # "Recommendation 5 - District Car Park Charging": a heading of its own
        if numbered:
            this_style = (bool(numbered["open"]), numbered["close"])
            expected = int(current_para) + 1 if current_para else 1
            if (style is None and int(numbered["n"]) == 1) or (this_style == style and int(numbered["n"]) == expected):
                style = this_style
                current_para, opening = numbered["n"], True
        paragraph_lines.append((index, line))
    close()
    return units


def _rejoin_semicolons(pieces: list[str]) -> list[str]:
    """'Cllr A proposed approval; Cllr B seconded; Carried.' is one record, though split at its semicolons."""
    out: list[str] = []
    i = 0
    while i < len(pieces):
        joined = " ".join(p.strip() for p in pieces[i : i + 3])
        match = _PROPOSED_SEMICOLON.match(joined)
        if match and pieces[i].rstrip().endswith(";"):
            used = 3 if match["outcome"] else 2
            out.append(" ".join(p.strip() for p in pieces[i : i + used]))
            i += used
            continue
        out.append(pieces[i])
        i += 1
    return out


def _vote_blocks(body: Sequence[Line]) -> tuple[list[tuple[int, dict]], set[int]]:
    """Recorded votes printed as "For (52)" / names / "Against (0)" / "Abstain (11)" / names: (line, vote)."""
    blocks: list[tuple[int, dict]] = []
    used: set[int] = set()
    i = 0
    while i < len(body):
        match = _VOTE_LINE.match(body[i].text.strip())
        if not match:
            i += 1
            continue
        start, vote = i, {"for": None, "against": None, "abstain": None, "names": {}, "page": body[i].page}
        side = None
        while i < len(body):
            text = body[i].text.strip()
            match = _VOTE_LINE.match(text)
            if match:
                side = {"f": "for", "a": "against"}.get(match["side"][:1].lower(), "abstain")
                if match["side"].lower().startswith("abst"):
                    side = "abstain"
                if vote[side] is not None:
                    break  # a second vote follows
                vote[side] = int(match["a"] or match["b"] or match["c"])
                rest = match["rest"].strip()
                if rest:
                    vote["names"].setdefault(side, []).append(rest)
                used.add(i)
                i += 1
                continue
            if (
                side
                and not _OUTCOME.search(text)
                and not _PARAGRAPH.match(text)
                and (
                    re.match(rf"^{_TITLE}\b|^[A-Z][\w'’-]+ [A-Z]", text)
                    or text.count(",") >= 1
                    or (re.match(r"^[A-Z][\w'’-]+$", text) and vote["names"].get(side))
                )
            ):
                vote["names"].setdefault(side, []).append(text)
                used.add(i)
                i += 1
                continue
            break
        blocks.append((start, vote))
        if i == start:
            i += 1
    return blocks, used


def _split_names(chunks: list[str]) -> tuple[str, ...]:
    names = []
    for part in re.split(r",|\band\b", " ".join(chunks)):
        part = flat(part).strip(" .;")
        if part and re.search(r"[A-Za-z]", part) and len(part) <= 60:
            names.append(part)
    return tuple(names)


def _new(units_kind: str, label: str, mover: str, seconder: str, unit: _Unit, order: int, parent: str | None) -> Motion:
    return Motion(
        key=f"m{order}",
        kind=units_kind,
        label=label,
        mover=mover,
        seconder=seconder,
        proposes="",
        page=unit.page,
        parent=parent,
    )


def _kind_of(word: str | None) -> str:
    word = (word or "").lower()
    if "amendment" in word:
        return "amendment"
    if "recommend" in word or "proposal" in word or "report" in word:
        return "recommendation"
    return "motion"


def find_motions(body: Sequence[Line]) -> list[Motion]:
    """Every motion, recommendation put to the vote and amendment in one item's minutes, with its result."""
    blocks, vote_lines = _vote_blocks(body)
    units = _units(body, vote_lines)
    events: list[tuple[int, int, str, object]] = [(u.line, n, "unit", u) for n, u in enumerate(units)]
    events += [(line, -1, "votes", vote) for line, vote in blocks]
    events.sort(key=lambda e: (e[0], e[1]))
    opened: list[_Open] = []
    pending_target: _Open | None = None

    def latest(kind: str | None = None) -> _Open | None:
        for o in reversed(opened):
            if not o.closed and (kind is None or o.motion.kind == kind):
                return o
        return None

    def open_motion(kind: str, label: str, mover: str, seconder: str, unit: _Unit, parent: str | None) -> _Open:
        for o in opened:
            o.capturing = False
        own_paragraph = unit.paragraph if unit.first else None
        created = _Open(_new(kind, label, mover, seconder, unit, len(opened) + 1, parent), own_paragraph)
        opened.append(created)
        return created

    def settle(target: _Open | None, outcome: str = "", counts: dict | None = None, unanimous: bool = False) -> None:
        if target is None:
            return
        motion = target.motion
        changes: dict = {}
        if counts:
            for key, field_name in (("for", "votes_for"), ("against", "votes_against"), ("abstain", "votes_abstain")):
                if counts.get(key) is not None and getattr(motion, field_name) is None:
                    changes[field_name] = counts[key]
            if counts.get("names"):
                named = tuple((name, side) for side, chunks in counts["names"].items() for name in _split_names(chunks))
                if named:
                    changes["named"] = motion.named + named
        if unanimous:
            changes["unanimous"] = True
        if outcome and not motion.outcome:
            changes["outcome"] = outcome
        target.motion = replace(motion, **changes)
        if outcome:
            target.closed = True
            target.capturing = False

    previous_heading = ""
    agreed_list = ""  # "It was unanimously agreed to donate as follows:" — the entries after it were agreed
    last_counted: _Open | None = None
    for _, _, what, payload in events:
        if what == "unit":
            heading = _LABEL_LINE.match(payload.text)  # type: ignore[attr-defined]
            if heading:
                previous_heading = flat(heading["label"])
            listing = _AGREED_LIST.search(payload.text)  # type: ignore[attr-defined]
            if listing:
                agreed_list = "unanimous" if listing["unan"] else "agreed"
        if what == "votes":
            vote: dict = payload  # type: ignore[assignment]
            target = pending_target or latest()
            settle(target, counts=vote)
            pending_target = target
            continue
        unit: _Unit = payload  # type: ignore[assignment]
        text = unit.text
        started = None
        moved = _MOVED_SECONDED.search(text)
        was_moved = _WAS_MOVED.search(text)
        amendment = _MOVES_AMENDMENT.search(text)
        proposed_by = _PROPOSED_BY.search(text)
        semicolon = _PROPOSED_SEMICOLON.search(text)
        if amendment:
            parent = latest()
            started = open_motion(
                "amendment",
                "Amendment",
                _name(amendment["mover"]),
                _name(amendment["seconder"]),
                unit,
                parent.motion.key if parent else None,
            )
            tail = text[amendment.end() :].strip(" :;,.")
            if tail and not tail.lower().startswith("as follows"):
                started.proposal.append(tail)
        elif moved:
            kind = _kind_of(moved["kind"])
            mover = _name(moved["mover"])
            if not mover:  # "Cllr Cobb explained … and she proposed": the person the sentence is about
                earlier = _PERSON.findall(text[: moved.start()])
                mover = _name(earlier[-1]) if earlier else ""
            if re.search(
                r"\bthat\s+the\s+(?:[\w()]+\s+){0,6}?(?:motion|question)\s+(?:\([^)]*\)\s+)?(?:[\w ]{0,30}\s)?be\s+put\b",
                text,
                re.I,
            ):
                kind, label = "procedural", "Motion that the question be put"
            else:
                label = "Amendment" if kind == "amendment" else "Motion"
            parent = latest() if kind == "amendment" else None
            started = open_motion(
                kind, label, mover, _name(moved["seconder"]), unit, parent.motion.key if parent else None
            )
            started.motion = replace(started.motion, record=text.strip())
            tail = re.sub(
                r"^(?:the\s+(?:following\s+)?(?:motion|amendment)\b)?\s*(?:that\b|:)?",
                "",
                text[moved.end() :].strip(" ,"),
                flags=re.I,
            )
            if tail.strip(' :.,“"'):
                started.proposal.append(tail.strip())
        elif was_moved:
            label = re.sub(r"^[Tt]he\s+", "", flat(was_moved["label"]).strip())
            label = label[:1].upper() + label[1:]
            if label.lower() in ("recommendation", "recommendations") and previous_heading:
                label = previous_heading
            kind = _kind_of(label)
            existing = next((o for o in opened if o.motion.label.lower() == label.lower() and not o.closed), None)
            if existing is None or label.lower() == "recommendation":
                started = open_motion(
                    kind, label[:120], _name(was_moved["mover"]), _name(was_moved["seconder"]), unit, None
                )
                # The recommendation's words are the report's (a quotation may follow), unless the minutes give
                # them: "An amendment was moved by Councillor X as follows:".
                started.capturing = kind == "amendment" and text.rstrip().endswith(":")
        elif semicolon:
            started = open_motion(
                "motion", "Motion", _name(semicolon["mover"]), _name(semicolon["seconder"]), unit, None
            )
            started.proposal.append(semicolon["what"])
            started.motion = replace(started.motion, record=text.strip())
            if semicolon["outcome"]:
                settle(started, outcome=_outcome_word(semicolon["outcome"]), unanimous=bool(_UNANIMOUS.search(text)))
            continue
        elif proposed_by:
            started = open_motion(
                "motion", "Motion", _name(proposed_by["mover"]), _name(proposed_by["seconder"]), unit, None
            )
            bracketed = text[: proposed_by.start()].rstrip().endswith("(")
            before = text[: proposed_by.start()].strip(" (,-–•")
            after = text[proposed_by.end() :].strip(" ),.")
            proposal = re.sub(r"^(?:it\s+was\s*)$", "", before, flags=re.I)
            if bracketed:  # "Wales Air Ambulance - £200 (proposed by …, seconded by …)": one entry of a list agreed
                started.proposal.append(before)
                if agreed_list:
                    settle(started, outcome="carried", unanimous=agreed_list == "unanimous")
                continue
            started.proposal.append(
                re.sub(r"^(?:,?\s*and\s+)?(?:unanimously\s+)?(?:agreed|approved|resolved)\s*,?\s*", "", after)
                if len(after.split()) >= 3
                else proposal
            )
            if proposed_by["tail"] or _UNANIMOUS.search(text):
                settle(started, outcome="carried", unanimous=bool(proposed_by["unan"] or _UNANIMOUS.search(text)))
            elif before and re.search(r"\bagreed\b", before, re.I):
                settle(started, outcome="carried")
            continue
        if started is not None:
            pending_target = None
            continue
        later = _SECONDED_LATER.search(text)
        if later:
            target = latest(_kind_of(later["kind"])) or latest()
            if target and not target.motion.seconder:
                target.motion = replace(target.motion, seconder=_name(later["seconder"]))
            if target:
                target.capturing = False  # the words moved end where the minutes go on to who seconded them
            continue
        put = _PUT.search(text) or _VOTE_HELD.search(text)
        put_what = (put.groupdict().get("what") or "").lower() if put else ""
        if put and put_what.startswith("part") and opened:
            part = flat(put_what)
            pending_target = open_motion(
                "motion",
                part[:1].upper() + part[1:],
                opened[0].motion.mover,
                opened[0].motion.seconder,
                unit,
                opened[0].motion.key,
            )
            pending_target.capturing = False
        elif put and "substantive" in put_what and opened:
            pending_target = next((o for o in opened if o.motion.label == "Substantive motion" and not o.closed), None)
            if pending_target is None:
                amended = next((o for o in opened if put.groupdict().get("para") and o.paragraph == put["para"]), None)
                first = opened[0]
                pending_target = open_motion(
                    "motion",
                    "Substantive motion",
                    first.motion.mover,
                    first.motion.seconder,
                    unit,
                    amended.motion.key if amended else first.motion.key,
                )
                pending_target.capturing = False
        elif put:
            pending_target = _target_of(put, opened, latest)
        alone = _ABSTAIN_ALONE.search(text)
        if alone and last_counted is not None and last_counted.motion.votes_abstain is None and alone.start() <= 12:
            last_counted.motion = replace(last_counted.motion, votes_abstain=_count(alone["abstain"]))
            continue  # "… 1 against. There were 3 abstentions)": the vote just counted
        if _IN_AGREEMENT.search(text) and latest() is not None:
            settle(latest(), outcome="carried", unanimous=True)
            continue
        if re.search(r"\bagreed\s+to\s+the\s+amendment\b.*\bsubstantive\s+motion\b", text, re.I):
            settle(latest("amendment"), outcome="carried")  # accepted into the motion by its mover
            continue
        counts = _INLINE_COUNTS.search(text)
        outcome = _OUTCOME.search(text)
        is_result = bool(outcome) and (
            bool(put)
            or bool(re.search(r"\bput\s+to\s+the\s+vote|\bon\s+being\s+put|voting|\bvote\b", text, re.I))
            or bool(outcome["what"])
            or len(text.split()) <= 6
            or bool(counts)
        )
        if counts or is_result:
            target = pending_target
            if target is None and outcome and outcome["what"]:
                wanted = _kind_of(outcome["what"])
                target = latest(wanted)
                if target is None and "substantive" in outcome["what"].lower() and opened:
                    first = opened[0]
                    target = open_motion(
                        "motion",
                        "Substantive motion",
                        first.motion.mover,
                        first.motion.seconder,
                        unit,
                        first.motion.key,
                    )
                    target.capturing = False
            target = target or latest()
            if target is None and (counts or (outcome and outcome["what"])):
                # "On being put to the vote there were 7 votes for, 2 against": a vote on what was before them
                target = open_motion(_kind_of(outcome["what"] if outcome else ""), "Motion", "", "", unit, None)
                target.capturing = False
            numbers = None
            if counts:
                numbers = {
                    "for": _count(counts["for"]),
                    "against": _count(counts["against"]),
                    "abstain": _count(counts["abstain"]),
                }
                if numbers["abstain"] is None:
                    alone = _ABSTAIN_ALONE.search(text[counts.end() :])
                    if alone:
                        numbers["abstain"] = _count(alone["abstain"])
            result = _outcome_word(outcome["outcome"]) if is_result and outcome else ""
            if result == "fell" and (numbers or re.search(r"\bvote\b", text, re.I)):
                result = "lost"  # "On being put to the vote the amendment FELL with 2 voting FOR": lost on the vote
            settle(
                target,
                outcome=result,
                counts=numbers,
                unanimous=bool(_UNANIMOUS.search(text)),
            )
            last_counted = target if numbers else None
            pending_target = None if is_result and outcome else target
            continue
        if re.search(r"\bwithdrawn\b", text, re.I):
            settle(latest("amendment") or latest(), outcome="withdrawn")
            continue
        capturing = latest()
        if capturing is not None and not capturing.capturing and not capturing.proposal and text.startswith(("“", '"')):
            capturing.capturing = True  # the minutes quote the recommendation put to the vote
        if (
            capturing is not None
            and capturing.capturing
            and (capturing.paragraph is None or unit.paragraph == capturing.paragraph)
        ) and sum(len(p) for p in capturing.proposal) < 1500:
            capturing.proposal.append(text)
    substantive = next((o for o in reversed(opened) if o.motion.label == "Substantive motion"), None)
    # The motion was put again as amended: its result is the substantive motion's.
    if (
        substantive is not None
        and substantive.motion.outcome
        and opened[0] is not substantive
        and not opened[0].motion.outcome
    ):
        opened[0].motion = replace(opened[0].motion, outcome=substantive.motion.outcome)
    return [_finish(o) for o in opened]


def _outcome_word(word: str) -> str:
    word = word.lower().replace("  ", " ")
    if word in ("carried", "agreed", "approved"):
        return "carried"
    if word in ("lost", "defeated", "not carried", "rejected"):
        return "lost"
    return word


def _target_of(match: re.Match[str], opened: list[_Open], latest) -> _Open | None:
    groups = match.groupdict()
    if groups.get("label"):
        label = flat(groups["label"]).lower()
        for o in reversed(opened):
            if o.motion.label.lower() == label:
                o.closed = False
                return o
        return latest("recommendation")
    para = groups.get("para")
    what = (groups.get("what") or "").lower()
    if para:
        for o in opened:
            if o.paragraph == para:
                o.closed = False
                return o
    if "substantive" in what:
        return next((o for o in reversed(opened) if o.motion.label == "Substantive motion"), None)
    return latest(_kind_of(what)) or latest()


def _finish(o: _Open) -> Motion:
    proposal = flat(" ".join(o.proposal)).strip(' “”"')
    proposal = re.sub(r"^(?:that\s+)", "", proposal, flags=re.I)
    money = find_money([proposal]) if proposal else []
    funding = _FUNDING.search(proposal)
    motion = o.motion
    return replace(
        motion,
        proposes=proposal[:2000],
        amount=money[0].text if money else "",
        funding=flat(funding["src"]) if funding else "",
    )
