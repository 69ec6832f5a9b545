"""What the pipeline is doing, per council: ``councilwatch status`` and the admin's pipeline page."""

from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import datetime

from django.db.models import Count, F, OuterRef, Q, Subquery

from councilwatch.councils.models import Council
from councilwatch.documents.models import Document
from councilwatch.ingest.models import IngestRun
from councilwatch.ingest.services import settle_abandoned_runs
from councilwatch.pipeline.models import WorkItem, WorkState
from councilwatch.pipeline.planner import enabled_councils
from councilwatch.pipeline.stages import ORDER


@dataclass
class CouncilStatus:
    council_id: int
    code: str
    name: str
    last_crawl: datetime | None  # the latest crawl's end (its start while it runs), pipeline or manual
    last_crawl_state: str  # that crawl's IngestRun status (running, succeeded, partial, failed, abandoned)
    documents: int
    documents_pending: int  # not fetched yet, or not extracted from their current bytes
    summaries_waiting: int
    failed: int  # failed and waiting for a retry
    parked: int  # given up on: needs a person
    work: dict[str, dict[str, int]] = field(default_factory=dict)  # stage -> state -> count

    def as_dict(self) -> dict:
        row = asdict(self)
        row["last_crawl"] = self.last_crawl.isoformat() if self.last_crawl else None
        return row


@dataclass(frozen=True)
class ParkedWork:
    """Work given up on, with the first line of its reason (the whole reason is the item's ``last_error``)."""

    stage: str
    object_id: int
    council: str
    reason: str


@dataclass
class PipelineStatus:
    councils: list[CouncilStatus]
    totals: dict[str, int]
    parked: list[ParkedWork] = field(default_factory=list)  # the latest PARKED_SHOWN of the councils shown

    def as_dict(self) -> dict:
        return {
            "councils": [c.as_dict() for c in self.councils],
            "totals": self.totals,
            "parked": [asdict(p) for p in self.parked],
        }


PARKED_SHOWN = 20


def _parked(ids: list[int]) -> list[ParkedWork]:
    rows = (
        WorkItem.objects.filter(council_id__in=ids, state=WorkState.PARKED)
        .order_by("-updated_at", "-pk")
        .values_list("stage", "object_id", "council__code", "last_error")[:PARKED_SHOWN]
    )
    return [ParkedWork(stage, pk, code, error.split("\n", 1)[0]) for stage, pk, code, error in rows]


def _latest_runs(ids: list[int]) -> dict[int, IngestRun]:
    """Each council's latest crawl run, whoever started it (the pipeline or `councilwatch crawl`)."""
    latest = IngestRun.objects.filter(council=OuterRef("pk")).order_by("-started_at", "-pk").values("pk")[:1]
    run_ids = Council.objects.filter(pk__in=ids).annotate(run=Subquery(latest)).values_list("run", flat=True)
    return {run.council_id: run for run in IngestRun.objects.filter(pk__in=[r for r in run_ids if r])}


def pipeline_status(codes: list[str] | None = None) -> PipelineStatus:
    """Status of the given councils, or of every enabled council and every council with pipeline work or crawls."""
    settle_abandoned_runs()  # a crawl killed with kill -9 shows as abandoned, not running forever
    if codes:
        councils = list(Council.objects.filter(code__in=[c.upper() for c in codes]).order_by("code"))
    else:
        with_work = set(WorkItem.objects.exclude(council=None).values_list("council_id", flat=True).distinct())
        with_work |= set(IngestRun.objects.values_list("council_id", flat=True).distinct())
        councils = sorted(
            {c.pk: c for c in [*enabled_councils(), *Council.objects.filter(pk__in=with_work)]}.values(),
            key=lambda c: c.code,
        )
    ids = [c.pk for c in councils]
    work: dict[int, dict[str, Counter]] = {pk: {} for pk in ids}
    rows = WorkItem.objects.filter(council_id__in=ids).values("council_id", "stage", "state").annotate(n=Count("pk"))
    for row in rows:
        work[row["council_id"]].setdefault(row["stage"], Counter())[row["state"]] += row["n"]
    crawls = {
        item.council_id: item for item in WorkItem.objects.filter(stage="crawl", council_id__in=ids, object_id__in=ids)
    }
    runs = _latest_runs(ids)
    docs = (
        Document.objects.filter(council_id__in=ids)
        .values("council_id")
        .annotate(
            total=Count("pk"),
            pending=Count("pk", filter=Q(sha256="") | ~Q(extracted_sha256=F("sha256"))),
        )
    )
    doc_counts = {row["council_id"]: row for row in docs}
    result = []
    for council in councils:
        stages = work[council.pk]
        crawl, run = crawls.get(council.pk), runs.get(council.pk)
        counts = doc_counts.get(council.pk, {"total": 0, "pending": 0})
        if run is not None:
            last_crawl, last_state = run.finished_at or run.started_at, str(run.status)
        else:
            last_crawl, last_state = (crawl.finished_at, crawl.state) if crawl else (None, "never")
        result.append(
            CouncilStatus(
                council_id=council.pk,
                code=council.code,
                name=council.name,
                last_crawl=last_crawl,
                last_crawl_state=last_state,
                documents=counts["total"],
                documents_pending=counts["pending"],
                summaries_waiting=sum(stages.get("summarise", Counter())[s] for s in WorkState.waiting_states()),
                failed=sum(c[WorkState.FAILED] for c in stages.values()),
                parked=sum(c[WorkState.PARKED] for c in stages.values()),
                work={stage: dict(stages[stage]) for stage in ORDER if stage in stages},
            )
        )
    totals = Counter({state: 0 for state in WorkState.values})
    for row in WorkItem.objects.values("state").annotate(n=Count("pk")):
        totals[row["state"]] += row["n"]
    return PipelineStatus(result, dict(totals), _parked(ids))
