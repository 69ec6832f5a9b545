"""The ``councilwatch`` console command: Django's management commands under one name."""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    """Run a management command, e.g. ``councilwatch load_councils``; ``councilwatch --help`` lists them."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "councilwatch.settings")
    from django.core.management import execute_from_command_line

    argv = list(sys.argv if argv is None else argv)
    if len(argv) > 1 and argv[1] in ("--help", "-h"):
        argv[1] = "help"
    execute_from_command_line(argv)
