from django.core.management.base import BaseCommand

from councilwatch.pipeline.management.commands._councils import councils_from_codes, parse_date
from councilwatch.pipeline.planner import schedule_crawls


class Command(BaseCommand):
    help = (
        "Queue crawls for the workers (Celery when a broker is set, else for `councilwatch run`): "
        "re-run a council with --force, backfill with --since/--until."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("codes", nargs="*", metavar="CODE", help="councils (default: every enabled council)")
        parser.add_argument("--since", help="crawl meetings from this date (YYYY-MM-DD)")
        parser.add_argument("--until", help="crawl meetings up to this date (YYYY-MM-DD)")
        parser.add_argument("--base-url", help="crawl at this mirror instead of the council's own site")
        parser.add_argument("--force", action="store_true", help="crawl again even if crawled today")

    def handle(self, *args, **options) -> None:
        queued = schedule_crawls(
            councils_from_codes(options["codes"]),
            since=parse_date(options["since"], "--since"),
            until=parse_date(options["until"], "--until"),
            base_url=options["base_url"],
            force=options["force"],
        )
        self.stdout.write(f"{len(queued)} crawl(s) queued")
