from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from councilwatch.replay.build_kent import build
from councilwatch.replay.kent_papers import PaperError


class Command(BaseCommand):
    help = "Regenerate the Kent replay recording (data/replay/kent) from the real papers in data/kent."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--out", type=Path, help="output folder (default data/replay/kent)")

    def handle(self, *args, out: Path | None, **options) -> None:
        data_dir = Path(settings.DATA_DIR)
        try:
            written = build(data_dir, out or data_dir / "replay" / "kent")
        except (PaperError, ValueError) as exc:
            raise CommandError(f"Kent recording not built: {exc}") from exc
        for path in written:
            self.stdout.write(f"wrote {path}")
