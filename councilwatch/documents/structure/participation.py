"""Public participation in an item: how many questions, statements, petitions and deputations, and whose.

Read from the item's own minutes: numbered lists under a "Questions" or "Statements" heading ("Question 1 -
Nigel Bryant - Noise Levels on Anchor Road", "Questions 4 & 5 - …", "07 Julie Levers"), counts in words
("12 questions were submitted"), "further statements were received … from A and B", petitions and their
signatures ("a petition signed by 1,234 people"). Entries of these lists are never agenda items.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from councilwatch.documents.structure.lines import Line, flat, page_lines
from councilwatch.documents.structure.types import Participation

PUBLIC_ITEM = re.compile(
    r"public\s+(?:forum|participation|questions?|speaking|statements?|session|question\s+time)"
    r"|items?\s+from\s+the\s+public|questions?\s+(?:from|by)\s+(?:the\s+)?(?:public|members)"
    r"|\bpetitions?\b|\bdeputations?\b|^\s*questions\s*$|^\s*(?:members'?\s+)?questions?\b|open\s+forum",
    re.I,
)
_KINDS = {"question": "question", "statement": "statement", "petition": "petition", "deputation": "deputation"}
_SUBHEADING = re.compile(
    r"^(?:public\s+forum\s+)?(?P<kind>questions?|statements?|petitions?|deputations?)\b[^.]{0,40}(?::|as\s+follows)\s*$"
    r"|^(?P<kind2>questions?|statements?|petitions?|deputations?)\s+(?:were\s+)?received\s+(?:as\s+follows|from)\s*:?",
    re.I,
)
_KEYED = re.compile(
    r"^(?P<kind>Questions?|Statements?|Petitions?|Deputations?)\s+(?P<numbers>\d{1,3}(?:\s*[A-Z](?:\s*,\s*[A-Z])*)?"
    r"(?:\s*(?:,|&|and)\s*\d{1,3}(?:\s*[A-Z](?:\s*,\s*[A-Z])*)?)*)\s*[-–:]\s*(?P<rest>.+)$"
)
_NUMBER_CELL = re.compile(r"^(?:[,&]\s*)?\d{1,3}(?:\s*(?:,|&|and)\s*\d{1,3})*(?:\s*[,&])?$")
_NUMBERED = re.compile(r"^(?P<number>\d{1,3})[.)]?\s+(?P<rest>[A-Z][^\d].{0,120})$")
_IN_WORDS = re.compile(
    r"\b(?P<n>\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:written\s+|public\s+|supplementary\s+)?"
    r"(?P<kind>questions?|statements?|petitions?|deputations?)\s+(?:had\s+been\s+|were\s+|was\s+)?"
    r"(?:submitted|received|asked|put|presented|tabled)",
    re.I,
)
_FURTHER = re.compile(
    r"further\s+(?P<kind>statements?|questions?)\s+(?:were\s+)?received(?:\s+and\s+noted)?\s+from\s+(?P<who>.+?)(?:\.|$)",
    re.I,
)
_SIGNATURES = re.compile(
    r"(?P<n>\d[\d,]*)\s+(?:signatures|signatories|people|residents)\b|signed\s+by\s+(?P<m>\d[\d,]*)", re.I
)
_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}


def _kind(word: str) -> str:
    return _KINDS[word.lower().rstrip("s")]


def _numbers(text: str) -> list[str]:
    return re.findall(r"\d{1,3}", text)


def find_participation(title: str, body: Sequence[Line]) -> tuple[list[Participation], dict[str, int]]:
    """The entries and counts of public participation in an item (nothing unless its title says it is one)."""
    if not PUBLIC_ITEM.search(title):
        return [], {}
    entries: list[Participation] = []
    stated: dict[str, int] = {}
    section: str | None = None
    pending: list[str] = []
    for index, line in enumerate(body):
        text = flat(line.text)
        heading = _SUBHEADING.match(text)
        if heading:
            section = _kind(heading["kind"] or heading["kind2"])
            continue
        keyed = _KEYED.match(text)
        if keyed:
            kind = _kind(keyed["kind"])
            person, _, subject = keyed["rest"].partition(" - ")
            for number in _numbers(keyed["numbers"]):
                entries.append(Participation(kind, number, flat(person), flat(subject), line.page))
            section = kind
            continue
        if section and _NUMBER_CELL.match(text):  # "01 &", "06, 07", "& 08": a row's numbers wrapped in their cell
            pending += _numbers(text.strip(" ,&"))
            continue
        numbered = _NUMBERED.match(text)
        if section and (numbered or pending) and len((numbered["rest"] if numbered else text).split()) <= 10:
            rest = numbered["rest"] if numbered else text
            person, _, subject = rest.partition(" - ")
            for number in pending + ([numbered["number"]] if numbered else []):
                entries.append(
                    Participation(section, number.lstrip("0") or "0", flat(person), flat(subject), line.page)
                )
            pending = []
            continue
        pending = []
        for match in _IN_WORDS.finditer(text):
            count = int(match["n"]) if match["n"].isdigit() else _WORDS[match["n"].lower()]
            kind = _kind(match["kind"])
            stated[kind] = max(stated.get(kind, 0), count)
        further = _FURTHER.search(text)
        if further and not text.endswith(".") and index + 1 < len(body):  # "… from A of B and" / "C of D."
            further = _FURTHER.search(f"{text} {flat(body[index + 1].text)}")
        if further:
            for who in re.split(r"\s+and\s+|,\s*", further["who"]):
                if who.strip():
                    entries.append(Participation(_kind(further["kind"]), "", flat(who), "", line.page))
        signatures = _SIGNATURES.search(text)
        if signatures and re.search(r"petition", text, re.I):
            value = int((signatures["n"] or signatures["m"]).replace(",", ""))
            entries.append(Participation("petition", "", "", text[:200], line.page, signatures=value))
    counts: dict[str, int] = {}
    for entry in entries:
        key = entry.kind + "s"
        counts[key] = counts.get(key, 0) + 1
    for kind, count in stated.items():
        counts[kind + "s"] = max(counts.get(kind + "s", 0), count)
    return entries, counts


def paper_participation(pages: Sequence[str]) -> tuple[list[Participation], dict[str, int]]:
    """The entries of a paper that is all questions or statements ("Question 1 – Andrew Lynch", one a page or
    more, answers between them): each numbered entry once, by the heading that opens it, in the paper's main
    kind (a statement quoting a question is no question). Numbered lists inside the entries are not entries."""
    found: dict[tuple[str, str], Participation] = {}
    for line in page_lines(list(pages)):
        keyed = _KEYED.match(flat(line.text))
        if keyed:
            kind = _kind(keyed["kind"])
            person, _, subject = keyed["rest"].partition(" - ")
            for number in _numbers(keyed["numbers"]):
                found.setdefault((kind, number), Participation(kind, number, flat(person), flat(subject), line.page))
    kinds = [kind for kind, _ in found]
    if not kinds:
        return [], {}
    main = max(set(kinds), key=kinds.count)
    entries = [entry for (kind, _), entry in found.items() if kind == main]
    return entries, {main + "s": len(entries)}
