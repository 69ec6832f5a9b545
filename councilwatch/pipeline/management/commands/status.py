import json

from django.core.management.base import BaseCommand

from councilwatch.pipeline.status import pipeline_status


class Command(BaseCommand):
    help = "Show the pipeline per council: last crawl, pending documents, summaries waiting, failed and parked work."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--council", action="append", metavar="CODE", help="only this council (repeatable)")
        parser.add_argument("--json", action="store_true", help="print JSON instead of a table")

    def handle(self, *args, **options) -> None:
        status = pipeline_status(options["council"])
        if options["json"]:
            self.stdout.write(json.dumps(status.as_dict(), indent=2))
            return
        header = (
            f"{'council':<8}{'last crawl':<27}{'docs':>6}{'pending':>9}{'summ. waiting':>15}{'failed':>8}{'parked':>8}"
        )
        self.stdout.write(header)
        for row in status.councils:
            crawled = f"{row.last_crawl:%Y-%m-%d %H:%M}" if row.last_crawl else "never"
            self.stdout.write(
                f"{row.code:<8}{crawled + ' ' + row.last_crawl_state:<27}{row.documents:>6}{row.documents_pending:>9}"
                f"{row.summaries_waiting:>15}{row.failed:>8}{row.parked:>8}"
            )
        totals = ", ".join(f"{state} {n}" for state, n in status.totals.items())
        self.stdout.write(f"work: {totals}")
        if status.totals.get("parked"):
            self.stdout.write("parked work needs a person: see the admin's Work items, or `councilwatch unpark`")
        for parked in status.parked:
            self.stdout.write(f"  {parked.council} {parked.stage} #{parked.object_id}: {parked.reason}")
