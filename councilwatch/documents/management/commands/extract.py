"""councilwatch extract [--pending | --meeting ID | --document ID]: extract stored documents page by page."""

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from councilwatch.documents.services import documents_to_extract, extract_documents


class Command(BaseCommand):
    help = "Extract the text of stored documents page by page (OCR for scans), in a capped child process."

    def add_arguments(self, parser: CommandParser) -> None:
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--pending", action="store_true", help="every document not yet extracted")
        which.add_argument("--meeting", type=int, metavar="ID", help="the documents of one meeting (database id)")
        which.add_argument("--document", type=int, metavar="ID", help="one document (database id)")
        parser.add_argument("--force", action="store_true", help="extract again even if the bytes are unchanged")

    def handle(self, *args: object, **options: object) -> None:
        ids = documents_to_extract(
            pending=bool(options["pending"]),
            meeting_id=options["meeting"],  # type: ignore[arg-type]
            document_id=options["document"],  # type: ignore[arg-type]
        )
        if not ids and not options["pending"]:
            raise CommandError("no such document or meeting, or the meeting has no documents")
        with tqdm(total=len(ids), unit="doc", desc="extract", disable=None) as bar:
            report = extract_documents(ids, force=bool(options["force"]), progress=lambda _doc: bar.update(1))
        self.stdout.write(
            f"{report.total} documents: {report.done} done, {report.partial} partial, {report.failed} failed, "
            f"{report.skipped} skipped, {report.unchanged} unchanged"
        )
