"""councilwatch send_mail_queue: send whatever deliveries are queued or due for retry (resumes after a crash)."""

from django.core.management.base import BaseCommand, CommandError, CommandParser

from councilwatch.subscriptions import services
from councilwatch.subscriptions.models import DeliveryKind


class Command(BaseCommand):
    help = "Send queued and due-for-retry deliveries; recovers batches of senders that died."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--kind", action="append", choices=list(DeliveryKind.values), help="Only this kind.")
        parser.add_argument("--limit", type=int, help="Stop after this many deliveries.")

    def handle(self, *args: object, **options: object) -> None:
        report = services.send_pending(options["kind"], limit=options["limit"])
        self.stdout.write(str(report))
        if report.errors:
            raise CommandError("some mail could not be sent; run the command again to resume")
