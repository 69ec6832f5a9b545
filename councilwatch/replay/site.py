"""The recorded site: answers a request path and query from ``data/replay/<council>`` as ModernGov would.

Pure: no sockets here (``server`` does the HTTP). Answers that name the real site's origin are rewritten to the
replay server's own base URL so that a crawler following links stays on 127.0.0.1.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

from councilwatch.replay.build_kent import STAGES, document_key, get_meetings

DATA_DIR = Path(__file__).resolve().parent.parent.parent / "data"
KENT_DIR = DATA_DIR / "replay" / "kent"
XML = "text/xml; charset=utf-8"
HTML = "text/html; charset=utf-8"
ROBOTS = "User-agent: *\nDisallow: /_replay/\n"


@dataclass
class Response:
    status: int
    content_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


def _text(status: int, text: str, content_type: str = "text/plain; charset=utf-8") -> Response:
    return Response(status, content_type, text.encode("utf-8"))


def parse_service_date(value: str | None) -> date | None:
    """dd/mm/yyyy as the web service reads it; anything else (an ISO date, say) is ignored, as it is there."""
    if not value:
        return None
    try:
        return datetime.strptime(value.strip(), "%d/%m/%Y").date()
    except ValueError:
        return None


class Recording:
    """One recorded council: its manifest, its web-service answers and the documents it serves."""

    def __init__(self, directory: Path = KENT_DIR, data_dir: Path = DATA_DIR, stage: str = "published") -> None:
        self.directory = directory
        self.stage = stage
        self.data_dir = data_dir
        self.manifest = json.loads((directory / "manifest.json").read_text(encoding="utf-8"))
        self.origin: str = self.manifest["origin"]
        self.documents = {d["key"]: d for d in self.manifest["documents"]}

    @property
    def stage(self) -> str:
        """'published' (everything) or 'agenda' (each meeting as it stood when its agenda was published)."""
        return self._stage

    @stage.setter
    def stage(self, value: str) -> None:
        if value not in STAGES:
            raise ValueError(f"unknown stage {value!r}; known: {', '.join(STAGES)}")
        self._stage = value

    @cached_property
    def _all_files(self) -> dict[str, dict[str, str]]:
        found = {}
        for stage in STAGES:
            folder = self.directory if stage == "published" else self.directory / stage
            found[stage] = {p.name: p.read_text(encoding="utf-8") for p in folder.glob("*.*ml")}
        return found

    @property
    def _files(self) -> dict[str, str]:
        return {**self._all_files["published"], **self._all_files[self.stage]}

    def document_bytes(self, key: str) -> bytes:
        return (self.data_dir / self.documents[key]["file"]).read_bytes()

    def answer(self, target: str, base_url: str) -> Response:
        """The answer to GET ``target`` (path and query, as sent) on a server reached at ``base_url``."""
        parts = urlsplit(target)
        path = unquote(parts.path)
        query = {k.lower(): v for k, v in parse_qsl(parts.query, keep_blank_values=True)}
        if path == "/robots.txt":
            return _text(200, ROBOTS)
        if path.startswith("/documents/"):
            return self._document(target)
        m = re.fullmatch(r"/mgWebService\.asmx/(\w+)", path)
        if m:
            return self._rewrite(self._service(m[1], query), base_url)
        if path.lower() == "/ielistdocuments.aspx":
            page = self._files.get(f"ieListDocuments_{query.get('mid', '')}.html")
            if page is None:
                return _text(404, f"no meeting MId={query.get('mid', '')!r} in this recording")
            return self._rewrite(_text(200, page, HTML), base_url)
        return _text(404, f"not in the recording: {path}")

    def _rewrite(self, response: Response, base_url: str) -> Response:
        response.body = response.body.replace(self.origin.encode(), base_url.rstrip("/").encode())
        return response

    def _document(self, target: str) -> Response:
        # ModernGov identifies a document by its s/g number (and ?T= for meeting papers); the file name after
        # the number is cosmetic, so any name is accepted, as long as the number is recorded.
        try:
            key = document_key(target)
        except ValueError:
            return _text(404, f"not a document URL: {target}")
        if key not in self.documents:
            return _text(404, f"document {key} is not in this recording")
        if self.stage == "agenda" and self.documents[key]["stage"] != "agenda":
            return _text(404, f"document {key} is not published yet (replay stage 'agenda')")
        return Response(200, "application/pdf", self.document_bytes(key))

    def _service(self, operation: str, query: dict[str, str]) -> Response:
        if operation == "GetCommittees":
            return _text(200, self._files["GetCommittees.xml"], XML)
        if operation == "GetCouncillorsByWard":
            return _text(200, self._files["GetCouncillorsByWard.xml"], XML)
        if operation == "GetMeeting":
            xml = self._files.get(f"GetMeeting_{query.get('lmeetingid', '')}.xml")
            if xml is None:
                return _text(500, f"no meeting lMeetingId={query.get('lmeetingid', '')!r} in this recording")
            return _text(200, xml, XML)
        if operation == "GetMeetings":
            return self._meetings(query)
        return _text(500, f"web method {operation!r} is not in this recording")

    def _meetings(self, query: dict[str, str]) -> Response:
        raw = query.get("lcommitteeid", "")
        committee = next((c for c in self.manifest["committees"] if str(c["id"]) == raw), None)
        if committee is None:
            return _text(500, f"no committee lCommitteeId={raw!r} in this recording")
        since, until = parse_service_date(query.get("sfromdate")), parse_service_date(query.get("stodate"))
        rows = [
            row
            for row in self.manifest["meetings"]
            if row["committee_id"] == committee["id"]
            and (since is None or date.fromisoformat(row["date"]) >= since)
            and (until is None or date.fromisoformat(row["date"]) <= until)
        ]
        return _text(200, get_meetings(committee["id"], committee["title"], rows), XML)
