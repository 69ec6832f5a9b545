"""councilwatch verify [--council CODE] [--dry-run]: check every stored document file's size and sha256."""

from django.core.management.base import BaseCommand, CommandError, CommandParser

from councilwatch.documents.integrity import verify_documents


class Command(BaseCommand):
    help = (
        "Check the size and sha256 of every stored document file; a damaged one is set aside (under damaged/) "
        "and its document fetched and extracted again."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--council", default="", metavar="CODE", help="only this council's documents")
        parser.add_argument("--dry-run", action="store_true", help="only report; set nothing aside")

    def handle(self, *args: object, **options: object) -> None:
        report = verify_documents(str(options["council"]), repair=not options["dry_run"])
        for document_id, problem in report.damaged:
            self.stdout.write(f"document {document_id}: {problem}")
        action = "reported only (--dry-run)" if options["dry_run"] else "set aside, to be fetched again"
        self.stdout.write(
            f"checked {report.checked} stored files ({report.bytes / 1e6:.1f} MB): "
            f"{len(report.damaged)} damaged" + (f", {action}" if report.damaged else "")
        )
        if report.damaged and options["dry_run"]:
            raise CommandError(f"{len(report.damaged)} stored files are damaged")
