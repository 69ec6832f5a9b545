"""councilwatch enable CODE: full support for a council, and one email to each person who was waiting."""

from django.core.management.base import BaseCommand, CommandError, CommandParser

from councilwatch.subscriptions import services


class Command(BaseCommand):
    help = "Move a limited-support council to full support and email its waiting subscribers (once, ever)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("code", help="Official council code, e.g. WGN.")

    def handle(self, *args: object, **options: object) -> None:
        try:
            report = services.enable_council(str(options["code"]))
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(str(report))
        if report.sent.errors:
            raise CommandError("some notices could not be sent; run the command again to resume")
