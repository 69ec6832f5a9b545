"""Reading the facts of a Kent meeting out of its own papers: the agenda frontsheet and the printed minutes.

Everything the Kent recording says about a meeting comes from here (or from ``metadata.json``); a paper that
does not read as expected stops the build with an error naming the file, rather than guessing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2

HONOURS = ("OBE", "MBE", "CBE")
TITLES = ("Mr", "Mrs", "Ms", "Miss", "Dr", "Sir", "Cllr")


class PaperError(ValueError):
    """A paper did not contain what the build needs; the message names the file and what was missing."""


@dataclass(frozen=True)
class AgendaLine:
    number: int
    title: str
    note: str  # e.g. "To follow", as printed under the item


@dataclass(frozen=True)
class Attendee:
    name: str  # as printed, honours included ("Mr R C Love, OBE")
    role: str  # "Chairman", an officer's post, or ""
    attendance: str  # "Present", "Apologies", "In attendance", "In attendance virtually"
    is_member: bool


@dataclass
class MinuteItem:
    minute_number: int
    item_number: int
    title: str
    paragraphs: list[str] = field(default_factory=list)


@dataclass
class Frontsheet:
    time: str  # "10.00 am"
    planned_finish: str  # "4.30 pm" or ""
    items: list[AgendaLine]


@dataclass
class Minutes:
    location: str
    attendees: list[Attendee]
    items: list[MinuteItem]


def pdf_lines(path: Path) -> list[str]:
    """The text lines of a PDF, page by page, without page-number lines."""
    pdf = pypdfium2.PdfDocument(str(path))
    try:
        lines: list[str] = []
        for page in pdf:
            text = page.get_textpage().get_text_range()
            # pdfium marks a hyphen at a line break as U+FFFE: keep it as the hyphen it is.
            text = text.replace("\ufffe", "-")
            text = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", "", text)
            for line in re.split(r"\r\n|\n|\r", text):
                line = re.sub(r"\s+", " ", line).strip()
                if line and not line.isdigit():
                    lines.append(line)
        return lines
    finally:
        pdf.close()


def _clock(value: str) -> str:
    """'10.00am' or '10.00 am' -> '10.00 am', the web service's form."""
    m = re.fullmatch(r"(\d{1,2})[.:](\d{2})\s*([ap])\.?m\.?", value.strip(), re.I)
    if not m:
        raise ValueError(f"not a time: {value!r}")
    return f"{int(m[1])}.{m[2]} {m[3].lower()}m"


def read_frontsheet(path: Path) -> Frontsheet:
    lines = pdf_lines(path)
    text = " ".join(lines)
    time = re.search(r"\bat (\d{1,2}\.\d{2}\s*[ap]m)\b", text)
    if not time:
        raise PaperError(f"{path.name}: no meeting time ('at 10.00 am') on the frontsheet")
    finish = re.search(r"scheduled to end at (\d{1,2}\.\d{2}\s*[ap]m)", text)
    # Items follow "UNRESTRICTED ITEMS" (Cabinet) or "A G E N D A" (County Council); "AGENDA" above the title is
    # not the list's heading.
    start = next((i for i, ln in enumerate(lines) if ln in ("UNRESTRICTED ITEMS", "A G E N D A")), None)
    if start is None:
        raise PaperError(f"{path.name}: no agenda heading")
    items: list[AgendaLine] = []
    title_parts: list[str] = []
    number = 0
    note = ""

    def close() -> None:
        if number:
            title = re.sub(r"\s*\(Pages\s+\d+\s*-\s*\d+\)\s*", " ", " ".join(title_parts)).strip()
            items.append(AgendaLine(number, re.sub(r"\s+", " ", title), note))

    for line in lines[start + 1 :]:
        if line.startswith(("EXEMPT ITEMS", "Benjamin Watts")):
            break
        m = re.match(r"^(\d{1,2})\.\s+(.*)$", line)
        if m:
            close()
            number, title_parts, note = int(m[1]), [m[2]], ""
        elif number and line.startswith("- "):
            note = line[2:].strip()
        elif number:
            title_parts.append(line)
    close()
    if not items or [i.number for i in items] != list(range(1, len(items) + 1)):
        raise PaperError(f"{path.name}: agenda items not numbered 1..n: {[i.number for i in items]}")
    return Frontsheet(_clock(time[1]), _clock(finish[1]) if finish else "", items)


def split_names(text: str) -> list[str]:
    """'Mr A, Mr R C Love, OBE and Ms B' -> ['Mr A', 'Mr R C Love, OBE', 'Ms B'] (honours stay with the name)."""
    parts = [p.strip() for p in re.split(r",\s*|\s+and\s+", text.strip().rstrip(".")) if p.strip()]
    names: list[str] = []
    for part in parts:
        if part in HONOURS and names:
            names[-1] = f"{names[-1]}, {part}"
        else:
            names.append(part)
    return names


def _split_people_with_posts(text: str) -> list[tuple[str, str]]:
    """'Dr A Ghosh (Director of Public Health), ... and McKay (Acting Chief Accountant)' -> [(name, post)]."""
    people = []
    for m in re.finditer(r"(?:^|,\s*|\s+and\s+)([^,()]+?)\s*\(([^()]*)\)", text):
        people.append((m[1].strip(), re.sub(r"\s+", " ", m[2]).strip()))
    return people


def _section(text: str, start: str, ends: tuple[str, ...]) -> str:
    i = text.find(start)
    if i < 0:
        return ""
    i += len(start)
    stops = [j for j in (text.find(e, i) for e in ends) if j >= 0]
    return text[i : min(stops) if stops else len(text)].strip()


def read_minutes(path: Path) -> Minutes:
    lines = pdf_lines(path)
    first_heading = next((i for i, ln in enumerate(lines) if ln == "UNRESTRICTED ITEMS"), None)
    if first_heading is None:
        raise PaperError(f"{path.name}: no 'UNRESTRICTED ITEMS' heading in the minutes")
    head = " ".join(lines[:first_heading])
    place = re.search(r"held in the (.+?) on \w+day, \d{1,2} \w+ \d{4}", head)
    if not place:
        raise PaperError(f"{path.name}: no 'held in the ... on <date>' sentence")
    attendees: list[Attendee] = []
    present = _section(head, "PRESENT:", ("IN ATTENDANCE",))
    if not present:
        raise PaperError(f"{path.name}: no PRESENT list")
    for name in split_names(present):
        role = ""
        m = re.fullmatch(r"(.+?)\s*\((Chairman|Chair|Vice-Chairman)\)", name)
        if m:
            name, role = m[1], m[2]
        attendees.append(Attendee(name, role, "Present", True))
    for heading, attendance in (
        ("IN ATTENDANCE:", "In attendance"),
        ("IN ATTENDANCE VIRTUALLY:", "In attendance virtually"),
    ):
        section = _section(head, heading, ("IN ATTENDANCE",))
        for name, post in _split_people_with_posts(section):
            attendees.append(Attendee(name, post, attendance, False))
    items = _minute_items(path, lines[first_heading + 1 :])
    attendees += _apologies(items)
    return Minutes(place[1], attendees, items)


def _minute_items(path: Path, lines: list[str]) -> list[MinuteItem]:
    """Split the minutes at each '(Item N)' marker; the minute number and title sit on the lines above it."""
    markers = [i for i, ln in enumerate(lines) if re.fullmatch(r"\(Item \d+\)", ln)]
    if not markers:
        raise PaperError(f"{path.name}: no '(Item N)' markers in the minutes")
    starts: list[int] = []
    for marker in markers:
        start = next(
            (j for j in range(marker - 1, max(marker - 4, -1), -1) if re.match(r"^\d{1,3}\. ", lines[j])), None
        )
        if start is None:
            raise PaperError(f"{path.name}: no minute number above {lines[marker]!r}")
        starts.append(start)
    items = []
    for k, (start, marker) in enumerate(zip(starts, markers, strict=True)):
        heading = " ".join(lines[start:marker])
        m = re.match(r"^(\d{1,3})\.\s+(.*)$", heading)
        assert m  # checked above
        end = starts[k + 1] if k + 1 < len(starts) else len(lines)
        item_number = int(re.findall(r"\d+", lines[marker])[0])
        items.append(MinuteItem(int(m[1]), item_number, m[2].strip(), paragraphs(lines[marker + 1 : end])))
    return items


_NEW_PARAGRAPH = re.compile(r"^(\d{1,2}[.)]\s|\(\w{1,4}\)\s|•|RESOLVED\b|For \(\d+\)|Against \(\d+\)|Abstain \(\d+\))")


def paragraphs(lines: list[str]) -> list[str]:
    """Join wrapped lines into paragraphs: a numbered, lettered or bulleted line starts a new one, and so does
    a line after one that ends a sentence well short of the text width."""
    lengths = sorted(len(ln) for ln in lines)
    width = lengths[(3 * len(lengths)) // 4] if lengths else 0  # a typical full line, ignoring wide tables
    out: list[list[str]] = []
    for line in lines:
        prev = out[-1][-1] if out else ""
        starts_new = (
            not out
            or _NEW_PARAGRAPH.match(line)
            or (prev.endswith((".", ":")) and len(prev) < 0.8 * width)
            or (len(prev) < 0.5 * width and not prev.endswith((",", "-", "–")))
        )
        if starts_new:
            out.append([line])
        else:
            out[-1].append(line)
    return [" ".join(p) for p in out]


_VIRTUAL_APOLOGY = re.compile(
    "((?:" + "|".join(TITLES) + r") \w+) had given (?:his|her|their) formal apologies but was attending the "
    r"meeting virtually"
)


def _apologies(items: list[MinuteItem]) -> list[Attendee]:
    """Apologies recorded under the 'Apologies' item, and members who gave apologies but attended virtually."""
    found: list[Attendee] = []
    for item in items:
        if not item.title.lower().startswith("apologies"):
            continue
        for para in item.paragraphs:
            m = re.search(r"apologies (?:were received )?from ([^.]+)", para, re.I)
            if m:
                found += [Attendee(n, "", "Apologies", True) for n in split_names(m[1])]
            for v in _VIRTUAL_APOLOGY.finditer(para):
                found.append(Attendee(v[1], "", "In attendance virtually", True))
    return found
