from django.core.management.base import BaseCommand, CommandParser

from councilwatch.search.services import reindex


class Command(BaseCommand):
    help = "Rebuild the full-text search index for every meeting, one council's, or the given meeting ids."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--council", default="", help="Only this council (official code, e.g. KEN).")
        parser.add_argument("meeting_ids", nargs="*", type=int, help="Only these meetings.")

    def handle(self, *args: object, council: str, meeting_ids: list[int], **options: object) -> None:
        count = reindex(meeting_ids or None, council_code=council)
        self.stdout.write(f"reindexed {count} meetings")
