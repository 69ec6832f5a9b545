from django.core.management.base import BaseCommand

from councilwatch.pipeline.backlog import unpark
from councilwatch.pipeline.management.commands._councils import councils_from_codes
from councilwatch.pipeline.models import WorkItem, WorkState


class Command(BaseCommand):
    help = "Queue parked pipeline work again (after fixing what made it fail)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--council", action="append", metavar="CODE", help="only this council (repeatable)")
        parser.add_argument("--stage", help="only this stage (crawl, fetch, extract, summarise, index, digest)")

    def handle(self, *args, **options) -> None:
        parked = WorkItem.objects.filter(state=WorkState.PARKED)
        councils = councils_from_codes(options["council"])
        if councils is not None:
            parked = parked.filter(council__in=councils)
        if options["stage"]:
            parked = parked.filter(stage=options["stage"])
        count = unpark(list(parked.values_list("pk", flat=True)))
        self.stdout.write(f"{count} parked item(s) queued again")
