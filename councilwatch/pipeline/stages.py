"""The stage table: every stage of the pipeline, the queue it runs on, what it depends on and what follows.

One table serves both ways of running the pipeline: the in-process runner (``councilwatch run``) and the
Celery tasks (``councilwatch/pipeline/tasks.py``) both execute a stage through ``work.execute``, which looks the
stage up here. Each stage names:

* ``run``: the adapter calling the owning app's service function with the object's primary key;
* ``fingerprint``: what the stage's output would be made from right now (a document's sha256, a meeting's
  sources), or ``None`` when there is nothing to do yet; work whose last success had the same fingerprint is
  not queued again, so a change upstream redoes only what depends on it. Stages that ``checks_output`` look
  at their output itself (a document's ``extracted_sha256``): missing output is made again whatever ran before;
* ``council_of``: the council an object belongs to, for status per council;
* ``queue``: ``network`` (crawl, fetch, webcast), ``cpu`` (extract, read, index), ``model`` (transcribe, summarise), ``email`` (digests, alerts).
"""

from collections.abc import Callable
from dataclasses import dataclass

from councilwatch.pipeline import adapters, fingerprints

NETWORK = "network"
CPU = "cpu"
MODEL = "model"
EMAIL = "email"
QUEUES = (NETWORK, CPU, MODEL, EMAIL)


@dataclass(frozen=True)
class Stage:
    name: str
    queue: str
    run: Callable[[int, dict], None]
    fingerprint: Callable[[int], str | None]
    council_of: Callable[[int], int | None]
    depends_on: tuple[str, ...] = ()
    scheduled: bool = False  # its fingerprint is a date from the schedule, not made from upstream content
    checks_output: bool = False  # its fingerprint is None exactly when its output is present and current


STAGES: dict[str, Stage] = {
    stage.name: stage
    for stage in (
        Stage(
            "crawl",
            NETWORK,
            adapters.crawl,
            fingerprints.crawl,
            fingerprints.council_itself,
            scheduled=True,
        ),
        Stage(
            "fetch",
            NETWORK,
            adapters.fetch,
            fingerprints.fetch,
            fingerprints.council_of_document,
            depends_on=("crawl",),
            checks_output=True,
        ),
        Stage(
            "webcast",
            NETWORK,
            adapters.webcast,
            fingerprints.webcast,
            fingerprints.council_of_meeting,
            depends_on=("crawl",),
        ),
        Stage(
            "extract",
            CPU,
            adapters.extract,
            fingerprints.extract,
            fingerprints.council_of_document,
            depends_on=("fetch",),
            checks_output=True,
        ),
        Stage(
            "transcribe",
            MODEL,
            adapters.transcribe,
            fingerprints.transcribe,
            fingerprints.council_of_document,
            depends_on=("fetch", "webcast"),
            checks_output=True,
        ),
        Stage(
            "read",
            CPU,
            adapters.read,
            fingerprints.read,
            fingerprints.council_of_meeting,
            depends_on=("extract",),
            checks_output=True,
        ),
        Stage(
            "summarise",
            MODEL,
            adapters.summarise,
            fingerprints.summarise,
            fingerprints.council_of_meeting,
            depends_on=("read",),
        ),
        Stage(
            "index",
            CPU,
            adapters.index,
            fingerprints.index,
            fingerprints.council_of_meeting,
            depends_on=("summarise",),
        ),
        Stage(
            "digest",
            EMAIL,
            adapters.digest,
            fingerprints.digest,
            fingerprints.council_itself,
            depends_on=("summarise",),
            scheduled=True,
        ),
        Stage(
            "alerts",
            EMAIL,
            adapters.alerts,
            fingerprints.alerts,
            fingerprints.no_council,
            depends_on=("summarise",),
            scheduled=True,
        ),
    )
}

ORDER: tuple[str, ...] = tuple(STAGES)


class UnknownStageError(KeyError):
    pass


def get_stage(name: str) -> Stage:
    try:
        return STAGES[name]
    except KeyError:
        raise UnknownStageError(f"unknown pipeline stage {name!r}; stages are {', '.join(ORDER)}") from None
