"""councilwatch mark_bounced EMAIL [--reason TEXT]: stop mailing an address that bounces."""

from django.core.management.base import BaseCommand, CommandError, CommandParser

from councilwatch.subscriptions import services


class Command(BaseCommand):
    help = "Mark an address as bouncing: nothing more is sent to it (clear it in the admin)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")
        parser.add_argument("--reason", default="bounced", help="Why, e.g. the bounce message.")

    def handle(self, *args: object, **options: object) -> None:
        if not services.mark_bounced(str(options["email"]), str(options["reason"])):
            raise CommandError("no subscriber has that address")
        self.stdout.write("marked bounced")
