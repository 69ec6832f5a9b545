"""councilwatch evaluate [--backends extractive,llama_cpp,openai] [--qmsum-limit N] [--output FILE]"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from councilwatch.summaries.backends import BACKENDS
from councilwatch.summaries.evaluation import default_backends, evaluate, format_report


class Command(BaseCommand):
    help = "Compare the summary backends and a lead-sentences baseline on the Kent papers and QMSum."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--backends", help=f"Comma-separated, from {', '.join(BACKENDS)} (default: those available)."
        )
        parser.add_argument("--qmsum-limit", type=int, help="Use only the first N QMSum meetings.")
        parser.add_argument("--output", type=Path, help="Also write the figures as JSON to this file.")

    def handle(self, *args, backends: str | None, qmsum_limit: int | None, output: Path | None, **options) -> None:
        names = [b.strip() for b in backends.split(",")] if backends else default_backends()
        unknown = [n for n in names if n not in BACKENDS]
        if unknown:
            raise CommandError(f"unknown backend(s) {', '.join(unknown)}: choose from {', '.join(BACKENDS)}")
        bar = tqdm(desc="evaluating", unit="meeting")
        report = evaluate(names, qmsum_limit=qmsum_limit, progress=lambda *_: bar.update())
        bar.close()
        self.stdout.write(format_report(report))
        if output:
            output.write_text(json.dumps(report, indent=2))
