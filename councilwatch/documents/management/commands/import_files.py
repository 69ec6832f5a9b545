"""councilwatch import_files CODE --committee NAME --start "YYYY-MM-DD HH:MM" [--title T] FILE...: a meeting from files."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from councilwatch.documents.local_import import ImportFilesError, import_local_files


class Command(BaseCommand):
    help = (
        "Create or update a meeting of a council from local files (agenda, reports, appendices, minutes, "
        "transcripts): store, extract, classify, create agenda items and apply printed minutes. Idempotent."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("code", help="the council's official code, e.g. KEN")
        parser.add_argument("--committee", required=True, help="committee name, e.g. Cabinet")
        parser.add_argument("--start", required=True, help='start in local time, "YYYY-MM-DD HH:MM"')
        parser.add_argument("--title", help="meeting title (default: committee and date)")
        parser.add_argument("files", nargs="+", type=Path, metavar="FILE")

    def handle(self, *args: object, **options: object) -> None:
        files: list[Path] = options["files"]  # type: ignore[assignment]
        try:
            with tqdm(total=len(files), unit="file", desc="extract", disable=None) as bar:
                report = import_local_files(
                    str(options["code"]),
                    str(options["committee"]),
                    str(options["start"]),
                    files,
                    title=options["title"],  # type: ignore[arg-type]
                    progress=lambda _name: bar.update(1),
                )
        except ImportFilesError as exc:
            raise CommandError(str(exc)) from exc
        meeting = report.meeting
        self.stdout.write(f"meeting {meeting.pk} ({meeting}): {'created' if report.meeting_created else 'existing'}")
        self.stdout.write(f"documents {report.documents}; agenda items {report.items or {}}")
        for name, kind in sorted(report.kinds.items()):
            self.stdout.write(f"  {kind:<10} {report.extraction.get(name, ''):<8} {name}")
        for line in report.minutes:
            self.stdout.write(f"  minutes: {line}")
