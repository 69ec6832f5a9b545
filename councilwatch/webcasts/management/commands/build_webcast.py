from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from councilwatch.meetings.models import Meeting
from councilwatch.webcasts.reading import read_meeting_aloud
from councilwatch.webcasts.services import import_webcast


class Command(BaseCommand):
    help = "Read a meeting's agenda and papers aloud (espeak-ng) as a stand-in recording and transcribe it (demo)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("council", help="council code, e.g. KEN")
        parser.add_argument("date", help="the meeting's date, YYYY-MM-DD (the first meeting that day)")

    def handle(self, *args, council: str, date: str, **options) -> None:
        meeting = Meeting.objects.filter(council__code=council.upper(), start__date=date).order_by("start").first()
        if meeting is None:
            raise CommandError(f"no meeting of {council} on {date}")
        out = Path(settings.VAR_DIR) / "webcasts" / f"meeting-{meeting.pk}.wav"
        try:
            placed = read_meeting_aloud(meeting.pk, out)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        document = import_webcast(meeting.pk, str(out))
        if document.extraction_error:
            raise CommandError(f"transcribing {out} failed: {document.extraction_error}")
        self.stdout.write(
            f"{meeting}: {placed[-1].end:.0f} s recording, transcript document {document.pk} "
            f"({document.segments.count()} segments)"
        )
