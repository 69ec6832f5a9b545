from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from councilwatch.councils.registry import RegistryError, load_councils


class Command(BaseCommand):
    help = "Load or update every current UK council from the registry files shipped in data/registry."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--register", type=Path, help="mySociety register CSV (default: the shipped copy)")
        parser.add_argument("--platforms", type=Path, help="Democracy Club platform CSV (default: shipped copy)")

    def handle(self, *args, register: Path | None, platforms: Path | None, **options) -> None:
        try:
            report = load_councils(register, platforms)
        except RegistryError as exc:
            raise CommandError(f"registry not loaded, nothing written: {exc}") from exc
        for warning in report.warnings:
            self.stderr.write(f"warning: {warning}")
        self.stdout.write(
            f"councils: {report.created} created, {report.changed} changed, {report.unchanged} unchanged "
            f"({report.total} current authorities)"
        )
