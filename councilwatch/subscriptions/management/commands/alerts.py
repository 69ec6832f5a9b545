"""councilwatch alerts: match new summaries against professionals' alerts and send those that are due."""

from django.core.management.base import BaseCommand, CommandError

from councilwatch.subscriptions import services


class Command(BaseCommand):
    help = "Match new summaries against alerts and send the due ones (immediate, daily, weekly)."

    def handle(self, *args: object, **options: object) -> None:
        report = services.send_alerts()
        self.stdout.write(str(report))
        if report.errors:
            raise CommandError("some alerts could not be sent; run the command again to resume")
