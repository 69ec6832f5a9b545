"""councilwatch read_papers --date YYYY-MM-DD FILE... [--json]: what the parsers read from a meeting's papers."""

import json
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from councilwatch.documents.reading_report import as_json, describe, read_files


class Command(BaseCommand):
    help = (
        "Read a meeting's papers without saving anything and print what was found: each paper's kind and whose "
        "minutes it holds, the agenda items, decisions, motions and votes, attendance and public participation."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", required=True, help="the meeting's date, YYYY-MM-DD (whose minutes are whose)")
        parser.add_argument("--committee", default="", help="the committee's name")
        parser.add_argument("--json", action="store_true", help="print JSON")
        parser.add_argument("files", nargs="+", type=Path, metavar="FILE")

    def handle(self, *args: object, **options: object) -> None:
        try:
            day = date.fromisoformat(str(options["date"])).isoformat()
        except ValueError as exc:
            raise CommandError(f"--date must look like 2025-01-30, got {options['date']!r}") from exc
        files: list[Path] = options["files"]  # type: ignore[assignment]
        missing = [str(f) for f in files if not f.is_file()]
        if missing:
            raise CommandError(f"no such file: {', '.join(missing)}")
        read = read_files(files, day, str(options["committee"]))
        if options["json"]:
            self.stdout.write(json.dumps(as_json(read), indent=2, ensure_ascii=False, default=str))
        else:
            self.stdout.write(describe(read))
