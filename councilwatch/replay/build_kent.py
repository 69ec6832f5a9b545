"""Build the Kent recording (``data/replay/kent``) from the real papers in ``data/kent``.

Run ``councilwatch build_replay_kent`` to regenerate. Facts come from ``metadata.json`` (document URLs, titles,
sha256) and from the papers themselves (``kent_papers``: times, places, agenda items, minutes, attendees).
What the papers do not say is left empty; the ids the papers do not give are chosen as README.md explains.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

from councilwatch.replay.kent_papers import Attendee, Frontsheet, Minutes, read_frontsheet, read_minutes
from councilwatch.replay.xmlshape import El, boolean, count, render, word_html

ORIGIN = "https://democracy.kent.gov.uk"
# Cabinet's id is Kent's own: the budget report links "Cabinet 9 January 2025" to ieListDocuments.aspx?CId=115.
# The County Council's id appears in none of the papers; 900000 is chosen outside Kent's range (README.md).
COMMITTEES = {"Cabinet": 115, "County Council": 900000}
MEMBER_ID_BASE = 900001  # people's ids are not in the papers either (README.md)
MEETINGS = ("cabinet_2025-01-30", "full_council_2025-01-09")
# A meeting as it stood when its agenda was published ("agenda": no minutes, attendees, supplementary papers or
# papers marked "To follow"), or as it stands now, with everything ("published").
STAGES = ("published", "agenda")
# Documents that neither an "Item N" prefix, a decision number nor their title ties to an agenda item:
# the budget report lists Appendices E-P as its own (Cabinet item 6); the devolution report and its
# Appendices A and B are the papers of County Council item 3, the only item with papers.
ITEM_OF_DOCUMENT = {
    **{f"s{n}": 6 for n in range(128756, 128768)},
    "s128315": 3,
    "s128319": 3,
    "s128320": 3,
}


@dataclass
class Doc:
    url: str
    key: str  # "s128883" or "g9475?T=0"
    title: str
    file: Path
    sha256: str
    category: str
    attachment_id: int | None
    item_number: int | None = None
    stage: str = "agenda"  # "published" for papers that came after the agenda: minutes, supplements


@dataclass
class KentMeeting:
    folder: str
    meeting_id: int
    committee_id: int
    committee_title: str
    day: date
    frontsheet: Frontsheet
    minutes: Minutes
    meeting_docs: list[Doc]
    item_docs: list[Doc]
    missing: list[dict] = field(default_factory=list)


class BuildError(ValueError):
    """The Kent papers did not fit together; the message says which file and why."""


def document_key(url: str) -> str:
    """'…/documents/s128883/x.pdf' -> 's128883'; '…/documents/g9475/x.pdf?T=0' -> 'g9475?T=0'."""
    parts = urlsplit(url)
    m = re.match(r"^/documents/([sg]\d+)/", parts.path)
    if not m:
        raise BuildError(f"not a ModernGov document URL: {url}")
    return f"{m[1]}?{parts.query}" if m[1].startswith("g") and parts.query else m[1]


def _title_of(url: str) -> str:
    return unquote(urlsplit(url).path.rsplit("/", 1)[-1]).removesuffix(".pdf")


def _item_of(doc: Doc, titles: dict[int, str]) -> int | None:
    m = re.match(r"Item (\d+) -", doc.title)
    if m:
        return int(m[1])
    decision = re.match(r"(\d{2})-(\d{5})\b", doc.title)
    for number, title in titles.items():
        if decision and title.startswith(f"{decision[1]}/{decision[2]}"):
            return number
        if doc.title.lower() == title.lower():
            return number
    return ITEM_OF_DOCUMENT.get(doc.key)


def load_meeting(data_dir: Path, folder: str) -> KentMeeting:
    base = data_dir / "kent" / folder
    entries = json.loads((base / "metadata.json").read_text())
    docs, missing = [], []
    for entry in entries:
        path = base / "originals" / entry["filename"]
        if not path.exists():
            missing.append({"url": entry["url"], "sha256": entry["hash"], "reason": f"{path.name} is not in data/kent"})
            continue
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if digest != entry["hash"]:
            raise BuildError(f"{path}: sha256 {digest} differs from metadata.json's {entry['hash']}")
        key = document_key(entry["url"])
        attachment = int(key[1:]) if key.startswith("s") else None
        rel = path.relative_to(data_dir)
        docs.append(
            Doc(entry["url"], key, _title_of(entry["url"]), rel, digest, entry["document_category"], attachment)
        )
    meeting_docs = [d for d in docs if d.key.startswith("g")]
    front = next((d for d in meeting_docs if d.key.endswith("?T=0")), None)
    printed = next((d for d in meeting_docs if d.key.endswith("?T=1")), None)
    if front is None or printed is None:
        raise BuildError(f"{base}/metadata.json: needs an agenda frontsheet (?T=0) and printed minutes (?T=1)")
    m = re.fullmatch(r"Agenda frontsheet (\d{2})\w{2}-(\w{3})-(\d{4}) [\d.]+ (.+)", front.title)
    if not m:
        raise BuildError(f"{front.url}: frontsheet title does not name a date and committee")
    day = datetime.strptime(f"{m[1]} {m[2]} {m[3]}", "%d %b %Y").date()
    committee_title = m[4]
    frontsheet = read_frontsheet(data_dir / front.file)
    minutes = read_minutes(data_dir / printed.file)
    titles = {i.number: i.title for i in frontsheet.items}
    notes = {i.number: i.note for i in frontsheet.items}
    item_docs = [d for d in docs if d.attachment_id is not None]
    for doc in item_docs:
        doc.item_number = _item_of(doc, titles)
        if doc.item_number is None:
            raise BuildError(f"{doc.url}: no agenda item of {folder} claims this document")
        if re.match(r"Item \d+ - Supplementary", doc.title) or notes.get(doc.item_number) == "To follow":
            doc.stage = "published"
    printed.stage = "published"
    item_docs.sort(key=lambda d: (d.item_number, d.attachment_id))
    return KentMeeting(
        folder,
        int(front.key[1:].split("?")[0]),
        COMMITTEES[committee_title],
        committee_title,
        day,
        frontsheet,
        minutes,
        sorted(meeting_docs, key=lambda d: d.key),
        item_docs,
        missing,
    )


def _d(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def member_ids(meetings: list[KentMeeting]) -> dict[str, int]:
    """Every person named in the minutes, by printed name, numbered in alphabetical order."""
    names = sorted({a.name for m in meetings for a in m.minutes.attendees})
    return {name: MEMBER_ID_BASE + i for i, name in enumerate(names)}


def get_committees(meetings: list[KentMeeting]) -> str:
    root = El("committees")
    committees = sorted({(m.committee_title, m.committee_id) for m in meetings})
    root.add("committeescount", count(len(committees)))
    for title, cid in committees:
        c = root.add("committee")
        c.add("committeeid", str(cid))
        c.add("committeetitle", title)
        c.add("committeedeleted", boolean(False))
        c.add("committeeexpired", boolean(False))
        c.add("committeecategory")
    return render(root)


def get_meetings(committee_id: int, committee_title: str, meetings: list[dict]) -> str:
    """GetMeetings for one committee; ``meetings`` are manifest rows, already filtered to the window."""
    root = El("getmeetings")
    root.add("meetingscount", count(len(meetings)))
    root.add("committeescount", count(1))
    c = root.add("committee")
    c.add("committeeid", str(committee_id))
    c.add("committeetitle", committee_title)
    c.add("committeemeetingcount", count(len(meetings)))
    listing = c.add("committeemeetings")
    for row in meetings:
        m = listing.add("meeting")
        m.add("meetingid", str(row["id"]))
        m.add("meetingdate", _d(date.fromisoformat(row["date"])))
        m.add("meetingstatus", row["status"])
        m.add("meetingtime", row["time"])
        m.add("iswebcast", row["iswebcast"])
    return render(root)


def _linkeddoc(parent: El, doc: Doc, n: int, meeting: KentMeeting, owner: str) -> None:
    ld = parent.add("linkeddoc")
    ld.add("attachmentid", str(doc.attachment_id))
    ld.add("title", doc.title)
    ld.add("isurl", boolean(False))
    ld.add("url", doc.url)
    ld.add("isrestricted", boolean(False))
    ld.add("restrictionsRef")
    ld.add("itemnum", str(n))
    ld.add("publicationdate")
    ld.add("meetingdate", _d(meeting.day))
    ld.add("decisiondate")
    ld.add("committeetitle", meeting.committee_title)
    ld.add("isdecisionattachment")
    ld.add("ownertitle", owner)


def _shown(docs: list[Doc], stage: str) -> list[Doc]:
    return [d for d in docs if stage == "published" or d.stage == "agenda"]


def get_meeting(meeting: KentMeeting, ids: dict[str, int], stage: str = "published") -> str:
    published = stage == "published"
    root = El("meeting")
    for tag, value in (
        ("meetingid", str(meeting.meeting_id)),
        ("meetingdate", _d(meeting.day)),
        ("meetingstatus", STATUS),
        ("isdisplayallowed", boolean(True)),
        ("meetingtime", meeting.frontsheet.time),
        ("meetingactualstarttime", ""),
        ("meetingplannedfinishtime", meeting.frontsheet.planned_finish),
        ("meetingactualfinishtime", ""),
        ("meetinglocation", meeting.minutes.location),
        ("iswebcast", ""),
        ("agendaid", str(meeting.meeting_id)),
        ("agendapublished", boolean(True)),
        ("decisionpublished", ""),
        ("minutepublished", boolean(published)),
        ("meetingroom", ""),
    ):
        root.add(tag, value)
    items = root.add("agendaitems")
    minutes = {mi.item_number: mi for mi in meeting.minutes.items} if published else {}
    for line in meeting.frontsheet.items:
        minute = minutes.get(line.number)
        item = items.add("agendaitem")
        decided = bool(minute and any(p.lstrip("0123456789.) ").startswith("RESOLVED") for p in minute.paragraphs))
        for tag, value in (
            ("agendaitemid", str(meeting.meeting_id * 100 + line.number)),
            ("agendaitemtitle", line.title),
            ("agendatext", word_html([line.note]) if line.note else ""),
            ("actualmeetingdate", _d(meeting.day)),
            ("agendaitemnumber", str(line.number)),
            ("agendaitemsubnumber", ""),
            ("fulldisplaynumberformat", f"{line.number}."),
            ("authorusername", ""),
            ("commentlabel1", ""),
            ("commenttext1", ""),
            ("commentlabel2", ""),
            ("commenttext2", ""),
            ("minutesnonemptyhtmlbody", word_html(minute.paragraphs) if minute else ""),
            ("declarationcount", ""),
            ("iscallin", ""),
            ("iscomment", ""),
            ("isdecision", boolean(decided) if minute else ""),
            ("isdecisionpublished", ""),
            ("isminutepublished", boolean(minute is not None)),
            ("ispubliccanspeak", ""),
            ("isrestricted", boolean(False)),
            ("isdisplayallowed", boolean(True)),
            ("meetingdate", _d(meeting.day)),
            ("meetingtime", meeting.frontsheet.time),
            ("minutesitemnumber", str(minute.minute_number) if minute else ""),
            ("minutesitemsubnumber", ""),
            ("preferreddate", ""),
            ("refertocommittee", ""),
        ):
            item.add(tag, value)
        linked = item.add("linkeddocuments")
        docs = [d for d in _shown(meeting.item_docs, stage) if d.item_number == line.number]
        for n, doc in enumerate(docs, start=1):
            _linkeddoc(linked, doc, n, meeting, line.title)
    attendees = root.add("attendees")
    for a in meeting.minutes.attendees if published else []:
        attendees.add("attendee", attrs=_attendee_attrs(a, ids))
    return render(root)


STATUS = "Confirmed"  # both meetings took place: their printed minutes are published


def _attendee_attrs(a: Attendee, ids: dict[str, int]) -> list[tuple[str, str]]:
    return [
        ("membertype", ""),
        ("memberid", str(ids[a.name])),
        ("name", a.name),
        ("roledescription", a.role),
        ("attendance", a.attendance),
        ("politicalparty", ""),
        ("ward", ""),
    ]


def get_councillors_by_ward(meetings: list[KentMeeting], ids: dict[str, int]) -> str:
    """The members named in the minutes. The papers name no wards or parties: one ward with an empty title."""
    members = sorted({a.name for m in meetings for a in m.minutes.attendees if a.is_member})
    root = El("councillorsbyward")
    ward = root.add("wards").add("ward")
    ward.add("wardtitle")
    councillors = ward.add("councillors")
    councillors.add("councillorcount", count(len(members)))
    for name in members:
        c = councillors.add("councillor")
        c.add("councillorid", str(ids[name]))
        c.add("fullusername", name)
        for tag in ("politicalpartytitle", "districttitle", "representing", "keyposts", "workaddress", "homeaddress"):
            c.add(tag)
    return render(root)


def meeting_page(meeting: KentMeeting, stage: str = "published") -> str:
    """ieListDocuments.aspx: a plain page in the shape of ModernGov's meeting page, linking every document."""
    e = html.escape
    day = meeting.day.strftime("%A, %d %B, %Y").replace(" 0", " ")
    rows = []
    for line in meeting.frontsheet.items:
        docs = [d for d in _shown(meeting.item_docs, stage) if d.item_number == line.number]
        links = "".join(f'<li><a href="{e(d.url)}">{e(d.title)}</a></li>' for d in docs)
        rows.append(
            f'<tr><td class="mgItemNumberCell"><p>{line.number}.</p></td><td><p class="mgAiTitleTxt">{e(line.title)}</p>'
            + (f'<ul class="mgBulletList">{links}</ul>' if links else "")
            + "</td></tr>"
        )
    labels = {"?T=0": "Agenda frontsheet", "?T=1": "Printed minutes"}
    meeting_links = "".join(
        f'<li><a href="{e(d.url)}">{labels[d.key[d.key.index("?") :]]} PDF file</a></li>'
        for d in _shown(meeting.meeting_docs, stage)
    )
    title = f"Agenda for {meeting.committee_title} on {day}, {meeting.frontsheet.time}"
    return (
        '<!DOCTYPE html>\n<html lang="en-GB"><head><meta charset="utf-8">'
        f"<title>{e(title)}</title></head><body>\n"
        f'<h1 class="mgMainTitleTxt">{e(title)}</h1>\n'
        f'<div class="mgSubTitle"><p>Venue: {e(meeting.minutes.location)}</p></div>\n'
        f'<ul class="mgActionList">{meeting_links}</ul>\n'
        f'<table class="mgItemTable"><caption>Items</caption>{"".join(rows)}</table>\n'
        "<p>Replayed by councilwatch from Kent County Council's published papers.</p>\n</body></html>\n"
    )


def build(data_dir: Path, out_dir: Path) -> list[Path]:
    """Write the recording into ``out_dir``; returns the files written."""
    meetings = [load_meeting(data_dir, folder) for folder in MEETINGS]
    ids = member_ids(meetings)
    (out_dir / "agenda").mkdir(parents=True, exist_ok=True)
    written: dict[str, str] = {"GetCommittees.xml": get_committees(meetings)}
    rows = [
        {
            "id": m.meeting_id,
            "committee_id": m.committee_id,
            "date": m.day.isoformat(),
            "time": m.frontsheet.time,
            "status": STATUS,
            "iswebcast": "",
        }
        for m in meetings
    ]
    for m in meetings:
        written[f"GetMeetings_{m.committee_id}.xml"] = get_meetings(
            m.committee_id, m.committee_title, [r for r in rows if r["committee_id"] == m.committee_id]
        )
        written[f"GetMeeting_{m.meeting_id}.xml"] = get_meeting(m, ids)
        written[f"ieListDocuments_{m.meeting_id}.html"] = meeting_page(m)
        written[f"agenda/GetMeeting_{m.meeting_id}.xml"] = get_meeting(m, ids, "agenda")
        written[f"agenda/ieListDocuments_{m.meeting_id}.html"] = meeting_page(m, "agenda")
    written["GetCouncillorsByWard.xml"] = get_councillors_by_ward(meetings, ids)
    manifest = {
        "origin": ORIGIN,
        "committees": [{"id": m.committee_id, "title": m.committee_title} for m in meetings],
        "meetings": rows,
        "documents": [
            {
                "key": d.key,
                "url": d.url,
                "file": d.file.as_posix(),
                "sha256": d.sha256,
                "size": (data_dir / d.file).stat().st_size,
                "meeting_id": m.meeting_id,
                "item_number": d.item_number,
                "title": d.title,
                "category": d.category,
                "stage": d.stage,
            }
            for m in meetings
            for d in m.meeting_docs + m.item_docs
        ],
        "not_served": [dict(x, meeting_id=m.meeting_id) for m in meetings for x in m.missing],
    }
    written["manifest.json"] = json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"
    paths = []
    for name, text in written.items():
        path = out_dir / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
