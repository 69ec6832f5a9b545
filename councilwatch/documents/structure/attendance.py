"""Attendance lists of printed minutes: PRESENT, IN ATTENDANCE (in person or virtually) and apologies."""

import re

from councilwatch.documents.structure.lines import Line, flat
from councilwatch.documents.structure.types import AttendanceEntry

# "PRESENT:", "Present:", "IN ATTENDANCE VIRTUALLY:", "Also present:", "Apologies:" at the start of a line.
LABEL = re.compile(
    r"^(?P<label>PRESENT|Present|Members present|MEMBERS PRESENT|ALSO PRESENT|Also present|Also Present"
    r"|IN ATTENDANCE(?: VIRTUALLY| REMOTELY)?|In attendance(?: virtually| remotely)?|In Attendance(?: Virtually)?"
    r"|OFFICERS?(?: PRESENT| IN ATTENDANCE)?|Officers?(?: present| in attendance)?"
    r"|APOLOGIES(?: FOR ABSENCE)?|Apologies(?: for absence)?)\s*:\s*(?P<rest>.*)$"
)
_POSTNOMINALS = {"OBE", "MBE", "CBE", "KBE", "DBE", "JP", "DL", "QC", "KC", "BEM", "MP", "PhD", "FRSA", "CB", "KCB"}


_PLURAL_TITLE = re.compile(r"^(Councillors|Cllrs\.?|Messrs\.?)\s+", re.I)
_PLURAL_TITLE_SINGULAR = {
    "councillors": "Councillor",
    "cllrs": "Cllr",
    "cllrs.": "Cllr",
    "messrs": "Mr",
    "messrs.": "Mr",
}
_HONORIFIC = re.compile(r"^(?:Councillor|Cllr|Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lady|Lord|Rev|Prof)\b\.?", re.I)


def label_status(label: str) -> tuple[str, str]:
    """Which list a label opens (present / in_attendance / apologies) and the attendance status it means."""
    lower = label.lower()
    if lower.startswith("apolog"):
        return "apologies", "apologies"
    if "virtual" in lower or "remote" in lower:
        return "in_attendance", "virtual"
    if "attendance" in lower or lower.startswith("officer") or lower.startswith("also"):
        return "in_attendance", "in_attendance"
    return "present", "present"


def split_names(text: str) -> list[tuple[str, str]]:
    """Split 'Mr A (Chairman), Mrs B, OBE and Ms C (Director of X, Y and Z)' into (name, role) pairs.

    Commas and ' and ' split only outside parentheses; post-nominal letters (OBE, MBE ...) are dropped.
    """
    pieces: list[str] = []
    depth, current, i = 0, "", 0
    text = flat(text).rstrip(".;")
    while i < len(text):
        ch = text[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        if depth == 0 and ch in ",;":
            pieces.append(current)
            current, i = "", i + 1
            continue
        if depth == 0 and text.startswith(" and ", i):
            pieces.append(current)
            current, i = "", i + 5
            continue
        if depth == 0 and text.startswith(" & ", i):
            pieces.append(current)
            current, i = "", i + 3
            continue
        current += ch
        i += 1
    pieces.append(current)
    out: list[tuple[str, str]] = []
    shared_title = ""  # "Councillors A, B and C": each name is a Councillor
    for piece in pieces:
        piece = piece.strip()
        plural = _PLURAL_TITLE.match(piece)
        if plural:
            shared_title = _PLURAL_TITLE_SINGULAR.get(plural.group(1).lower(), "")
            piece = f"{shared_title} {piece[plural.end() :]}".strip()
        elif shared_title and not _HONORIFIC.match(piece):
            piece = f"{shared_title} {piece}"
        if not piece or piece.rstrip(".") in _POSTNOMINALS:
            continue
        role = ""
        match = re.match(r"^(?P<name>[^()]*?)\s*\((?P<role>[^()]*(?:\([^()]*\)[^()]*)*)\)\s*(?P<tail>.*)$", piece)
        if match:
            piece, role = match["name"].strip(), match["role"].strip()
        words = [w for w in piece.split() if w.strip(".,") not in _POSTNOMINALS]
        name = " ".join(words).strip(" .,")
        if name and len(name) <= 120 and re.search(r"[A-Za-z]", name):
            out.append((name, role))
    return out


def parse_header(lines: list[Line]) -> dict[str, list[AttendanceEntry]]:
    """Read the labelled attendance lists at the top of the minutes (before the first minute)."""
    lists: dict[str, list[AttendanceEntry]] = {"present": [], "in_attendance": [], "apologies": []}
    blocks: list[tuple[str, str, list[Line]]] = []
    for line in lines:
        match = LABEL.match(line.text)
        if match:
            which, status = label_status(match["label"])
            blocks.append((which, status, [Line(match["rest"], line.page)]))
        elif blocks:
            blocks[-1][2].append(line)
    for which, status, block in blocks:
        page = block[0].page
        for name, role in split_names(" ".join(b.text for b in block)):
            if which == "present":
                role = role or "Member"
            elif which == "in_attendance" and not role:
                role = "Officer"
            lists[which].append(AttendanceEntry(name=name, role=role, status=status, page=page))
    return lists


_APOLOGIES_FROM = re.compile(
    r"apologies(?: for absence)?\s+(?:were\s+|had been\s+)?(?:received|reported|given|submitted|tendered)?\s*"
    r"(?:from|by|on behalf of)\s+(?P<names>.+?)(?:\.(?=\s|$)|$)",
    re.IGNORECASE | re.DOTALL,
)
_NO_APOLOGIES = re.compile(r"\bno apologies\b|\bthere were no apologies\b", re.IGNORECASE)


def apologies_in_text(text: str, page: int) -> list[AttendanceEntry]:
    """Apologies given in the body of an 'Apologies' minute: 'Apologies were received from Mrs C Bell.'"""
    text = re.sub(r"\b(Mr|Mrs|Ms|Dr|Cllr|Councillor)\.", r"\1", flat(text))
    if _NO_APOLOGIES.search(text) and not re.search(r"\bfrom\b", text, re.I):
        return []
    out: list[AttendanceEntry] = []
    for match in _APOLOGIES_FROM.finditer(text):
        for name, role in split_names(match["names"]):
            out.append(AttendanceEntry(name=name, role=role or "Member", status="apologies", page=page))
    return out
