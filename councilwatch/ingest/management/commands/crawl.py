import logging
from datetime import date

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from councilwatch.councils.models import Council
from councilwatch.ingest.models import RunStatus
from councilwatch.ingest.registry import CONNECTORS
from councilwatch.ingest.services import CrawlError, crawl_council


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"{value!r} is not a date like 2025-01-31") from exc


class TqdmProgress:
    """One progress bar per phase of a crawl."""

    def __init__(self, label: str) -> None:
        self.label, self.bar, self.phase = label, None, ""

    def __call__(self, phase: str, done: int, total: int) -> None:
        if phase != self.phase:
            self.close()
            self.phase = phase
            self.bar = tqdm(total=total, desc=f"{self.label} {phase}", unit="", leave=False)
        self.bar.n = done
        self.bar.refresh()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


class Command(BaseCommand):
    help = "Crawl a council's democracy platform (or every fully supported council) and save what changed."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("code", nargs="?", help="The council's official code, e.g. KEN")
        parser.add_argument("--enabled", action="store_true", help="Crawl every fully supported council")
        parser.add_argument("--since", type=_day, help="First day of the window (YYYY-MM-DD)")
        parser.add_argument("--until", type=_day, help="Last day of the window (YYYY-MM-DD)")
        parser.add_argument("--base-url", help="Read the platform from this mirror (e.g. the replay server)")
        parser.add_argument("--no-documents", action="store_true", help="Do not download the papers")
        parser.add_argument(
            "--wait",
            type=float,
            default=0.0,
            metavar="SECONDS",
            help="If a crawl of the council is already running, wait this long for it to end (default: do not wait)",
        )

    def handle(self, *args, code: str | None, enabled: bool, **options) -> None:
        if bool(code) == enabled:
            raise CommandError("give a council code or --enabled (not both)")
        if enabled:
            if options["base_url"]:
                raise CommandError("--base-url applies to one council, not to --enabled")
            councils = list(Council.objects.fully_supported().filter(platform__in=CONNECTORS).order_by("code"))
        else:
            council = Council.objects.filter(code=code.upper()).first()
            if council is None:
                raise CommandError(f"no council with code {code!r}; run 'councilwatch load_councils' first?")
            councils = [council]
        logging.getLogger("httpx").setLevel(logging.WARNING)  # one line per request would drown the progress bar
        failed = []
        for council in councils:
            progress = TqdmProgress(council.code)
            try:
                run = crawl_council(
                    council,
                    since=options["since"],
                    until=options["until"],
                    base_url=options["base_url"],
                    fetch_documents=not options["no_documents"],
                    progress=progress,
                    wait=options["wait"],
                )
            except (CrawlError, LookupError) as exc:
                if not enabled:
                    raise CommandError(f"{council.code}: {exc}") from exc
                self.stdout.write(f"{council.code}: not crawled: {exc}")  # the other councils still go on
                failed.append(council.code)
                continue
            finally:
                progress.close()
            self.stdout.write(run.summary())
            if run.status == RunStatus.FAILED:
                failed.append(council.code)
        if enabled:
            self.stdout.write(f"crawled {len(councils)} councils, {len(failed)} failed")
        if failed:
            raise CommandError(f"crawl failed for {', '.join(failed)}; see the IngestRun records for reasons")
