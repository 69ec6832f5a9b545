"""Attendance lists of printed minutes: PRESENT, IN ATTENDANCE (in person or virtually) and apologies."""

import re

from councilwatch.documents.structure.lines import Line, flat, undot_names
from councilwatch.documents.structure.types import AttendanceEntry

# "PRESENT:", "Present:", "IN ATTENDANCE VIRTUALLY:", "Also present:", "Apologies:" at the start of a line.
LABEL = re.compile(
    r"^(?P<label>(?:Committee\s+|Council\s+|Cabinet\s+)?(?:Members?|Councillors)\s+(?:present|in\s+attendance)"
    r"|PRESENT|Present|Those\s+(?:present|attending|in\s+attendance)|Attendees|Attendance|Also\s+present|ALSO\s+PRESENT"
    r"|(?:IN\s+ATTENDANCE|In\s+[Aa]ttendance)(?:\s+(?:VIRTUALLY|REMOTELY|[Vv]irtually|[Rr]emotely|online))?"
    r"|(?:OFFICERS?|Officers?)(?:\s+(?:PRESENT|IN\s+ATTENDANCE|present|in\s+attendance))?"
    r"|(?:Also\s+)?(?:attending|present)\s+(?:virtually|remotely|online)"
    r"|APOLOGIES(?:\s+FOR\s+ABSENCE)?|Apologies(?:\s+for\s+[Aa]bsence)?(?:\s+(?:were\s+)?received)?"
    r"|ABSENT|Absent|Substitutes?|SUBSTITUTES?|Clerk|CLERK)"
    r"(?:\s*\([^)]{0,40}\))?\s*(?::-?|(?-i:(?<=[A-Z)]))\s+[-–](?=\s))\s*(?:[-–]\s*)?(?P<rest>.*)$|^(?P<alone>PRESENT|Present|APOLOGIES|Apologies|IN ATTENDANCE|In attendance)\s*$",
    re.I,
)
# Who, in a list of those present, is not a member of the body meeting: its officers, councillors of another
# tier (a county councillor at a parish meeting), the police, and the public.
_OTHER_TIER = re.compile(r"^(?:County|Borough|District|City|Unitary|Town)\s+(?:Councillor|Cllr)\b\.?\s*", re.I)
_OFFICER_ROLE = re.compile(
    r"\b(?:clerk|officer|director|head\s+of|manager|secretary|solicitor|counsel|monitoring|chief\s+executive|"
    r"minute[- ]taker|advisor|adviser|democratic|services|p\.?c\.?s\.?o|police|treasurer|rfo)\b",
    re.I,
)
_PUBLIC = re.compile(r"\bmembers?\s+of\s+(?:the\s+)?(?:public|press)\b|\bpublic\b|\bresidents?\b|\bpress\b", re.I)
_ROLE_WORDS = re.compile(
    r"^(?:Leader|Deputy|Chair|Vice|Cabinet|Shadow|Spokes|Lead|Member\s+for|Portfolio|Mayor|Group\s+Leader|"
    r"Leader\s+of)\b|\bof\s+the\b",
    re.I,
)
_POSTNOMINALS = {"OBE", "MBE", "CBE", "KBE", "DBE", "JP", "DL", "QC", "KC", "BEM", "MP", "PhD", "FRSA", "CB", "KCB"}


_PLURAL_TITLE = re.compile(r"^(Councillors|Cllrs\.?|Messrs\.?)\s*:?\s+", re.I)
_PLURAL_TITLE_SINGULAR = {
    "councillors": "Councillor",
    "cllrs": "Cllr",
    "cllrs.": "Cllr",
    "messrs": "Mr",
    "messrs.": "Mr",
}
_LEADING_ROLE = re.compile(
    r"^((?:Vice[- ])?Chair(?:man|woman|person)?|Mayor|Deputy Mayor)\s+(?=(?:Councillor|Cllr|Mr|Mrs|Ms|Miss|Dr)\b)", re.I
)
_HONORIFIC = re.compile(r"^(?:Councillor|Cllr|Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lady|Lord|Rev|Prof)\b\.?", re.I)


def label_status(label: str) -> tuple[str, str]:
    """Which list a label opens (present / in_attendance / apologies / absent / substitutes) and its status."""
    lower = label.lower()
    if lower.startswith("apolog"):
        return "apologies", "apologies"
    if lower.startswith("absent"):
        return "absent", "absent"
    if lower.startswith("clerk"):
        return "in_attendance", "in_attendance"
    if lower.startswith("substitut"):
        return "present", "present"
    if "virtual" in lower or "remote" in lower or "online" in lower:
        return (
            ("present", "virtual")
            if lower.startswith(("member", "councillor", "committee"))
            else ("in_attendance", "virtual")
        )
    if lower.startswith(("member", "councillor", "committee", "council ", "cabinet ")):
        return "present", "present"
    if "attendance" in lower or lower.startswith("officer") or lower.startswith("also"):
        return "in_attendance", "in_attendance"
    return "present", "present"


def split_names(text: str) -> list[tuple[str, str]]:
    """Split 'Mr A (Chairman), Mrs B, OBE and Ms C (Director of X, Y and Z)' into (name, role) pairs.

    Commas and ' and ' split only outside parentheses; post-nominal letters (OBE, MBE ...) are dropped.
    """
    pieces: list[str] = []
    depth, current, i = 0, "", 0
    text = undot_names(flat(text)).rstrip(".;")
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
        if (
            out
            and not _HONORIFIC.match(piece)
            and _ROLE_WORDS.search(piece)
            and not out[-1][1]
            and not _PUBLIC.search(piece)
        ):
            out[-1] = (out[-1][0], piece.strip(" ."))  # "Councillor Emma Edwards, Leader of the Green Group"
            continue
        leading = _LEADING_ROLE.match(piece)
        lead_role = ""
        if leading:  # "Chairman Cllr Mrs Shewell"
            lead_role, piece = leading.group(1), piece[leading.end() :]
        plural = _PLURAL_TITLE.match(piece)
        if plural:
            shared_title = _PLURAL_TITLE_SINGULAR.get(plural.group(1).lower(), "")
            piece = f"{shared_title} {piece[plural.end() :]}".strip()
        elif shared_title and not _HONORIFIC.match(piece) and not _OTHER_TIER.match(piece) and piece[:1].isupper():
            piece = f"{shared_title} {piece}"
        elif (
            out
            and re.fullmatch(r"[A-Z][\w'’-]+", piece)
            and piece not in _POSTNOMINALS
            and (title := _HONORIFIC.match(out[-1][0]))
        ):
            piece = f"{title.group(0)} {piece}"  # "Cllr Ashman, Hoskins, Shewell": each a Cllr
        if not piece or piece.rstrip(".") in _POSTNOMINALS:
            continue
        role = ""
        match = re.match(r"^(?P<name>[^()]*?)\s*\((?P<role>[^()]*(?:\([^()]*\)[^()]*)*)\)\s*(?P<tail>.*)$", piece)
        if match:
            piece, role = match["name"].strip(), match["role"].strip()
            if re.fullmatch(r"[A-Z]{2,4}", role):  # "Claire Cann (CC) – Chairman": initials, not a role
                role = re.sub(r"^[-–—:\s]+", "", match["tail"]).strip()
        else:
            dashed = re.match(r"^(?P<name>.+?)\s+[–—-]\s+(?P<role>[A-Z][\w -]{2,40})$", piece)
            if dashed and _HONORIFIC.match(dashed["name"]) is None and len(dashed["name"].split()) <= 4:
                piece, role = dashed["name"], dashed["role"]
        words = [w for w in piece.split() if w.strip(".,") not in _POSTNOMINALS]
        name = " ".join(words).strip(" .,")
        if name and len(name) <= 120 and re.search(r"[A-Za-z]", name):
            out.append((name, role or lead_role))
    return out


_LIST_END = re.compile(
    r"^(?:UNRESTRICTED|EXEMPT|PART\s+[12AB]\b|Deadline\b|\(a\)|Minutes?\b|The\s+meeting\b|Meeting\s+(?:started|began|opened)"
    r"|[A-Z][a-z]+\s+[A-Z][a-z]+\s+(?:held|met)\b)",
)


_PROSE = re.compile(
    r"\b(?:proposed|seconded|welcomed|was|were|took|opened|elected|declared|received|noted|reported|held)\b", re.I
)


def _entries(which: str, status: str, text: str, page: int) -> list[tuple[str, AttendanceEntry]]:
    """The people of one labelled list, each filed under the list it belongs to (a present list's clerk and
    county councillors are in attendance; the public are no one's name)."""
    out: list[tuple[str, AttendanceEntry]] = []
    text = undot_names(flat(text))
    ended = re.search(r"\.\s+(?=[A-Z])|\s+\d+\s+(?:members|people|residents)\b", text)
    if ended:  # the list is one sentence; what follows ("Members of the public – …") is not part of it
        text = text[: ended.start()]
    for name, role in split_names(text):
        if _PUBLIC.search(name) and not _HONORIFIC.match(name):
            continue
        if re.fullmatch(r"(?:the\s+)?(?:clerk|chair(?:man)?|rfo|minute taker)", name, re.I):
            continue  # a role without a name
        target, entry_status = which, status
        other_tier = _OTHER_TIER.match(name)
        if which == "present" and (other_tier or _OFFICER_ROLE.search(role) or _OFFICER_ROLE.search(name)):
            target, entry_status = "in_attendance", ("virtual" if status == "virtual" else "in_attendance")
            if other_tier and not role:
                role = flat(other_tier.group(0)).title().replace("Cllr", "Councillor")
        if target == "present":
            if re.search(r"\bin\s+the\s+chair\b", role, re.I):
                role = "Chair"
            role = role or "Member"
        elif target == "in_attendance" and not role:
            role = "Officer"
        out.append((target, AttendanceEntry(name=name, role=role, status=entry_status, page=page)))
    return out


_PRESENT_INLINE = re.compile(r"\s+(PRESENT\b(?:\s*\([^)]{0,40}\))?\s*:)")
_INLINE_LABEL = re.compile(
    r"(?<=[.;)])\s+(?=(?:Clerk|Apologies(?:\s+for\s+absence)?|In\s+attendance|Also\s+present|Officers?(?:\s+present)?)"
    r"(?:\s*\([^)]{0,40}\))?\s*:)",
    re.I,
)


def parse_header(lines: list[Line]) -> dict[str, list[AttendanceEntry]]:
    """Read the labelled attendance lists at the top of the minutes (before the first minute)."""
    lists: dict[str, list[AttendanceEntry]] = {"present": [], "in_attendance": [], "apologies": [], "absent": []}
    blocks: list[tuple[str, str, list[Line]]] = []
    split: list[Line] = []
    lines = [Line(_PRESENT_INLINE.sub(r"\n\1", line.text), line.page, line.strong) for line in lines]
    lines = [Line(part, line.page, line.strong) for line in lines for part in line.text.split("\n")]
    for line in lines:  # "PRESENT: … Pam Walker (PW). Clerk: - Sarah Thorpe": one label a line
        split.extend(Line(part, line.page, line.strong) for part in _INLINE_LABEL.split(line.text) if part.strip())
    for line in split:
        match = LABEL.match(line.text)
        if match:
            which, status = label_status(match["label"] or match["alone"])
            blocks.append((which, status, [Line(match["rest"] or "", line.page)]))
        elif (
            blocks
            and not _LIST_END.match(line.text)
            and not _PROSE.search(line.text)
            and not blocks[-1][2][-1].text.rstrip().endswith(".")
        ):
            blocks[-1][2].append(line)
    for which, status, block in blocks:
        page = block[0].page
        for target, entry in _entries(which, status, " ".join(b.text for b in block), page):
            lists.setdefault(target, []).append(entry)
    return lists


_APOLOGIES_FROM = re.compile(
    r"apologies(?: for absence)?\s+(?:were\s+|had been\s+)?(?:received|reported|given|submitted|tendered)?\s*"
    r"(?:(?:later|subsequently|also|late)\s+)?"
    r"(?:from|by|on behalf of)\s+(?P<names>.+?)(?:\.(?=\s|$)|$|\]|,\s+(?:with|who|as|because|due|for)\b)",
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


_HON = r"(?:Councillor|Cllr|Mr|Mrs|Ms|Miss|Dr|Sir|Dame)\b"
_NAME = (
    rf"(?:(?:County\s+|Borough\s+|District\s+)?{_HON}\.?\s+)"
    rf"(?:(?!{_HON})(?:[A-Z]\.?|[A-Z][\w'’-]+)\s+){{0,3}}?(?!{_HON})[A-Z][\w'’-]+"
)
_SUBSTITUTE = re.compile(
    rf"(?P<who>{_NAME})\s+(?:attended|was\s+present|acted|sat)\s+as\s+(?:a\s+|the\s+)?substitute"
    rf"(?:\s+(?:member\s+)?for\s+(?P<for>{_NAME}))?"
    rf"|(?P<who2>{_NAME})\s+(?:substituted|was\s+substituting|substituting|deputised)\s+for\s+(?P<for2>{_NAME})"
)
_BARE_LIST = re.compile(r"^(?P<names>(?:Cllrs?\.?|Councillors?|Mr|Mrs|Ms|Miss|Dr)\s[^.\[]{1,200}?)(?:\.|\[|$)")


def substitutes_in_text(text: str, page: int) -> list[AttendanceEntry]:
    """'Councillor Jos Clark attended as substitute (for Councillor Coombes)': present, as a substitute."""
    text = undot_names(flat(text))
    out: list[AttendanceEntry] = []
    for match in _SUBSTITUTE.finditer(text):
        who = match["who"] or match["who2"]
        instead = match["for"] or match["for2"] or ""
        out.append(AttendanceEntry(name=who, role="Substitute", status="present", page=page, substitute_for=instead))
    return out


def apologies_in_item(text: str, page: int) -> list[AttendanceEntry]:
    """Apologies an 'Apologies' item records: in a sentence, or as a bare list of names opening the item."""
    text = undot_names(flat(text))
    found = apologies_in_text(text, page)
    bare = _BARE_LIST.match(text)
    if bare and not re.search(r"\b(?:took|welcomed|attended|was|were|declared)\b", bare["names"]):
        known = {a.name for a in found}
        found = [
            AttendanceEntry(name=name, role=role or "Member", status="apologies", page=page)
            for name, role in split_names(bare["names"])
            if name not in known
        ] + found
    substitutes = {s.name for s in substitutes_in_text(text, page)}
    return [a for a in found if a.name not in substitutes]
