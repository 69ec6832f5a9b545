from django.core.management.base import BaseCommand

from councilwatch.pipeline.logs import use_json_logs
from councilwatch.pipeline.management.commands._councils import councils_from_codes, parse_date
from councilwatch.pipeline.runner import run_forever, run_once
from councilwatch.pipeline.work import Outcome


class Command(BaseCommand):
    help = (
        "Run the pipeline in this process (no broker needed): crawl, fetch, extract, summarise, index, digests. "
        "Without --once it keeps running on the schedule."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--once", action="store_true", help="crawl now, run every stage that follows, then stop")
        parser.add_argument("--council", action="append", metavar="CODE", help="only this council (repeatable)")
        parser.add_argument("--since", help="with --once: crawl meetings from this date (YYYY-MM-DD)")
        parser.add_argument("--until", help="with --once: crawl meetings up to this date (YYYY-MM-DD)")
        parser.add_argument("--base-url", help="with --once: crawl the council at this mirror (e.g. the replay)")
        parser.add_argument("--force", action="store_true", help="with --once: crawl again even if done today")
        parser.add_argument("--json-logs", action="store_true", help="log one JSON object per line")

    def handle(self, *args, **options) -> None:
        if options["json_logs"]:
            use_json_logs()
        councils = councils_from_codes(options["council"])
        if not options["once"]:
            self.stdout.write("councilwatch pipeline running in-process; Ctrl-C stops it")
            run_forever(councils)
            return

        def progress(outcome: Outcome) -> None:
            if options["verbosity"] > 1:
                self.stdout.write(f"{outcome.stage} {outcome.object_id}: {outcome.result} ({outcome.seconds:.2f}s)")

        report = run_once(
            councils,
            since=parse_date(options["since"], "--since"),
            until=parse_date(options["until"], "--until"),
            base_url=options["base_url"],
            force=options["force"],
            progress=progress,
        )
        self.stdout.write(report.line())
