from django.core.management.base import BaseCommand, CommandError

from councilwatch.webcasts.services import import_webcast
from councilwatch.webcasts.types import TranscriptionError


class Command(BaseCommand):
    help = "Store a meeting's recording (a media file or an http(s) URL) and transcribe it at once into its transcript."

    def add_arguments(self, parser) -> None:
        parser.add_argument("meeting_id", type=int)
        parser.add_argument("source", help="a media file's path or an http(s) URL")

    def handle(self, *args, **options) -> None:
        try:
            document = import_webcast(options["meeting_id"], options["source"], now=True)
        except TranscriptionError as exc:
            raise CommandError(str(exc)) from exc
        if document.extraction_error:
            raise CommandError(f"transcribing {options['source']} failed: {document.extraction_error}")
        self.stdout.write(f"document {document.pk}: {document.page_count} pages, {document.segments.count()} segments")
