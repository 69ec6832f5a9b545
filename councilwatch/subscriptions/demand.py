"""Demand for limited-support councils: confirmed, not-bounced subscribers waiting for each one."""

from dataclasses import dataclass

from django.db.models import Count

from councilwatch.councils.models import Council, SupportLevel
from councilwatch.subscriptions.models import Subscription


@dataclass(frozen=True)
class DemandRow:
    rank: int
    council: Council
    waiting: int


def waiting_counts() -> dict[int, int]:
    """Council id → confirmed subscribers waiting, for limited-support councils that have any."""
    rows = (
        Subscription.objects.filter(council__support_level=SupportLevel.LIMITED, subscriber__bounced_at__isnull=True)
        .values("council_id")
        .annotate(n=Count("subscriber_id", distinct=True))
    )
    return {row["council_id"]: row["n"] for row in rows}


def demand_ranking() -> list[DemandRow]:
    """Limited-support councils with anyone waiting, most wanted first (ties by name): the order we enable in."""
    counts = waiting_counts()
    councils = Council.objects.filter(pk__in=counts).only("code", "name", "official_name", "support_level")
    ordered = sorted(councils, key=lambda c: (-counts[c.pk], c.name))
    return [DemandRow(rank=i, council=c, waiting=counts[c.pk]) for i, c in enumerate(ordered, start=1)]


def queue_position(council: Council) -> tuple[int, int | None]:
    """(people waiting, place in the queue or None when nobody is waiting yet) for one limited council."""
    counts = waiting_counts()
    waiting = counts.get(council.pk, 0)
    if not waiting:
        return 0, None
    ahead = {cid for cid, n in counts.items() if n > waiting}
    tied_before = Council.objects.filter(
        pk__in=[cid for cid, n in counts.items() if n == waiting and cid != council.pk], name__lt=council.name
    ).count()
    return waiting, len(ahead) + tied_before + 1
