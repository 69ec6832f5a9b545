"""councilwatch summarise [--pending | --meeting ID] [--backend NAME]"""

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from councilwatch.summaries.backends import BACKENDS
from councilwatch.summaries.services import pending_meetings, summarise_many


class Command(BaseCommand):
    help = "Summarise meetings: those whose summary is missing or out of date (--pending) or one (--meeting ID)."

    def add_arguments(self, parser) -> None:
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--pending", action="store_true", help="Every meeting whose summary is missing or stale.")
        which.add_argument("--meeting", type=int, help="The id of one meeting.")
        parser.add_argument("--backend", choices=BACKENDS, help="Overrides the SUMMARY_BACKEND setting.")

    def handle(self, *args, pending: bool, meeting: int | None, backend: str | None, **options) -> None:
        ids = [m.pk for m in pending_meetings(backend)] if pending else [meeting]
        report: dict[str, list] = {"summarised": [], "skipped": [], "failed": []}
        for meeting_id in tqdm(ids, desc="summarising", unit="meeting", disable=len(ids) < 2):
            for key, values in summarise_many([meeting_id], backend=backend).items():
                report[key] += values
        for meeting_id, reason in report["failed"]:
            self.stderr.write(f"meeting {meeting_id}: {reason}")
        self.stdout.write(
            f"summarised {len(report['summarised'])}, skipped {len(report['skipped'])} (no extracted papers), "
            f"failed {len(report['failed'])}"
        )
        if report["failed"] and not pending:
            raise CommandError(f"meeting {meeting} could not be summarised")
