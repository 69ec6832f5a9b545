"""councilwatch digest build|send [--council CODE] [--week YYYY-Www]."""

from django.core.management.base import BaseCommand, CommandError, CommandParser

from councilwatch.subscriptions import services
from councilwatch.subscriptions.digests import DigestError
from councilwatch.subscriptions.weeks import BadWeek


class Command(BaseCommand):
    help = (
        "Build the weekly digests (build) or build, queue and send them (send). The week defaults to the last "
        "complete ISO week; resending a week only sends to people who have not had it."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["build", "send"])
        parser.add_argument("--council", help="Official council code, e.g. KEN (default: every fully supported one).")
        parser.add_argument("--week", help="ISO week, e.g. 2025-W05 (the week of 27 January 2025).")

    def handle(self, *args: object, **options: object) -> None:
        week, council = options["week"], options["council"]
        try:
            if options["action"] == "build":
                self.stdout.write(str(services.build_digests(week=week, council_code=council)))
                return
            built, sent = services.send_digests(week=week, council_code=council)
        except (BadWeek, DigestError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(str(built))
        self.stdout.write(str(sent))
        if sent.errors:
            raise CommandError("some mail could not be sent; run the command again to resume")
