"""councilwatch import_files CODE --committee NAME --start "YYYY-MM-DD HH:MM" [--title T] FILE...: a meeting from files."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from councilwatch.ingest.files import ImportFilesError, import_files


class Command(BaseCommand):
    help = (
        "Create or update a meeting of a council from local files (agenda, reports, appendices, minutes, "
        "decision notices, a ModernGov meeting page, transcripts): store, extract, then read the papers "
        "(kinds, items, decisions, votes, attendance) through the same importer as a crawl. Idempotent."
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
                report = import_files(
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
        self.stdout.write(f"documents {report.counts('document')}; files {report.counts('file')}")
        for name, kind in sorted(report.kinds.items()):
            self.stdout.write(f"  {kind:<10} {report.extraction.get(name, ''):<8} {name}")
        reading = meeting.reading
        self.stdout.write(
            f"reading: {reading.get('kind', '?')} (items from {reading.get('items_source') or 'nowhere'})"
        )
        if report.reading.run is not None:
            counts = report.reading.run.counts
            self.stdout.write("  " + "; ".join(f"{k} {v}" for k, v in sorted(counts.items())))
        else:
            self.stdout.write("  unchanged since the last reading")
        for note in reading.get("notes", []):
            self.stdout.write(f"  note: {note}")
