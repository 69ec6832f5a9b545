"""councilwatch show_meeting ID [--json]"""

import json

from django.core.management.base import BaseCommand, CommandError

from councilwatch.meetings.models import Meeting
from councilwatch.summaries.services import meeting_json


class Command(BaseCommand):
    help = "Print a meeting and its latest summary (as JSON with --json)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("meeting_id", type=int)
        parser.add_argument("--json", action="store_true", help="Print JSON.")

    def handle(self, *args, meeting_id: int, json: bool, **options) -> None:
        try:
            data = meeting_json(meeting_id)
        except Meeting.DoesNotExist as exc:
            raise CommandError(f"no meeting with id {meeting_id}") from exc
        if json:
            self.stdout.write(_dumps(data))
            return
        meeting, summary = data["meeting"], data["summary"]
        self.stdout.write(f"{meeting['council']} – {meeting['committee']} – {meeting['start']} ({meeting['status']})")
        if summary is None:
            self.stdout.write("No summary yet.")
            return
        self.stdout.write(f"\n{summary['headline']}\n")
        for section in summary["sections"]:
            pages = ", ".join(f"{c['document']} p.{c['page']}" for c in section["citations"])
            self.stdout.write(f"{section['item_number']}. {section['title']}\n  {section['text']}\n  [{pages}]")


def _dumps(data: dict) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False)
