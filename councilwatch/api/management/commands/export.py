"""councilwatch export --format jsonl|csv|city-scrapers [--council CODE] [--since DATE] [--output PATH]."""

from django.core.management.base import BaseCommand, CommandError, CommandParser

from councilwatch.api.exports import FORMATS, ExportError, parse_since, resolve_council, write_export


class Command(BaseCommand):
    help = (
        "Export meetings: jsonl (one meeting detail per line, as /api/v1/meetings/ID), csv (one row per meeting) "
        "or city-scrapers (one City Scrapers meeting per line). Writes to standard output unless --output."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", choices=FORMATS, default="jsonl")
        parser.add_argument("--council", help="Only this council, by code (e.g. KEN).")
        parser.add_argument(
            "--since", help="Only meetings changed (or re-summarised) on or after this date, YYYY-MM-DD."
        )
        parser.add_argument("--output", help="File to write (default: standard output).")

    def handle(self, *args, **options) -> None:
        try:
            council = resolve_council(options["council"])
            since = parse_since(options["since"])
            if options["output"]:
                with open(options["output"], "w", encoding="utf-8", newline="") as out:
                    count = write_export(out, options["format"], council, since)
            else:
                self.stdout.ending = ""
                count = write_export(self.stdout, options["format"], council, since)
        except ExportError as exc:
            raise CommandError(str(exc)) from exc
        self.stderr.write(f"exported {count} meetings as {options['format']}")
