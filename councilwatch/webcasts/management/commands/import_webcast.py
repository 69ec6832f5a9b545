from django.core.management.base import BaseCommand, CommandError

from councilwatch.webcasts.services import import_webcast
from councilwatch.webcasts.types import TranscriptionError


class Command(BaseCommand):
    help = (
        "Store a meeting's recording (a media file or an http(s) URL) as its transcript document; the pipeline's "
        "transcribe stage transcribes it, or --now transcribes it at once."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("meeting_id", type=int)
        parser.add_argument("source", help="a media file's path or an http(s) URL")
        parser.add_argument("--now", action="store_true", help="transcribe at once in this process")

    def handle(self, *args, **options) -> None:
        try:
            document = import_webcast(options["meeting_id"], options["source"], now=options["now"])
        except TranscriptionError as exc:
            raise CommandError(str(exc)) from exc
        if not options["now"]:
            code = document.council.code
            self.stdout.write(
                f"document {document.pk}: recording stored ({document.size:,} bytes); the pipeline's transcribe "
                f"stage transcribes it (`councilwatch run --once --council {code}`, or the workers)"
            )
            return
        if document.extraction_error:
            raise CommandError(f"transcribing {options['source']} failed: {document.extraction_error}")
        self.stdout.write(f"document {document.pk}: {document.page_count} pages, {document.segments.count()} segments")
