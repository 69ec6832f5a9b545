"""councilwatch evaluate [--backends extractive,llama_cpp,openai] [--only TEXT] [--qmsum-limit N] [--output FILE]"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from councilwatch.summaries.backends import BACKENDS
from councilwatch.summaries.evaluation import default_backends, evaluate, format_report, problems_text


class Command(BaseCommand):
    help = (
        "Score reading and summaries on every meeting of data/ against its hand-written expected file, and the "
        "backends on QMSum (ROUGE), each against a lead baseline. Meetings are imported in a transaction that "
        "is rolled back: the database is left as it was."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--backends", help=f"Comma-separated, from {', '.join(BACKENDS)} (default: those available)."
        )
        parser.add_argument("--only", default="", help="Only meetings whose folder contains this text.")
        parser.add_argument("--qmsum-limit", type=int, help="Use only the first N QMSum meetings (0: none).")
        parser.add_argument("--problems", action="store_true", help="Also list every difference and missed fact.")
        parser.add_argument("--output", type=Path, help="Also write the figures as JSON to this file.")

    def handle(self, *args, backends: str | None, only: str, qmsum_limit: int | None, problems: bool,
               output: Path | None, **options) -> None:  # fmt: skip
        names = [b.strip() for b in backends.split(",")] if backends else default_backends()
        unknown = [n for n in names if n not in BACKENDS]
        if unknown:
            raise CommandError(f"unknown backend(s) {', '.join(unknown)}: choose from {', '.join(BACKENDS)}")
        bar = tqdm(desc="evaluating", unit="summary", disable=None)
        report = evaluate(names, qmsum_limit=qmsum_limit, only=only, progress=lambda *_: bar.update())
        bar.close()
        self.stdout.write(format_report(report))
        if problems:
            self.stdout.write("\n" + problems_text(report))
        if output:
            output.write_text(json.dumps(report, indent=2, default=str))
