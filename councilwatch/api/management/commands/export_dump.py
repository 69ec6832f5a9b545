"""councilwatch export_dump: write the nightly bulk export files served at /api/v1/exports/."""

from django.core.management.base import BaseCommand

from councilwatch.api.exports import write_dump


class Command(BaseCommand):
    help = "Write today's gzipped exports (jsonl, csv, city-scrapers) under API_EXPORT_DIR; keeps API_EXPORT_KEEP days."

    def handle(self, *args, **options) -> None:
        for entry in write_dump():
            self.stdout.write(f"{entry.name}: {entry.rows} meetings, {entry.size} bytes, sha256 {entry.sha256}")
