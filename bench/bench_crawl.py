"""Crawl throughput against the replay server (rate limit off) and the importer's cost per record.

Baselines measured in the same run: plain httpx GETs of exactly the URLs the crawl requested, and a bare
bulk_create of the same rows the importer saves.
"""

import logging
import time
from datetime import date

from _django import best_of, setup_django

JAN = {"since": date(2025, 1, 1), "until": date(2025, 1, 31)}


def main() -> None:
    setup_django()
    logging.disable(logging.INFO)
    import httpx
    from django.conf import settings
    from django.test.utils import override_settings

    from councilwatch.councils.models import Council, Person
    from councilwatch.documents.models import Document
    from councilwatch.ingest.importer import Importer
    from councilwatch.ingest.services import crawl_council
    from councilwatch.meetings.models import AgendaItem, Attendance, Meeting
    from councilwatch.replay.testing import running_replay_server

    kent = Council.objects.create(
        code="KEN", gss_code="E10000016", official_name="Kent County Council", name="Kent", nation="England",
        la_type="CTY", la_type_name="County", platform="moderngov",
        platform_base_url="https://democracy.kent.gov.uk", support_level="full",
    )  # fmt: skip

    def wipe() -> None:
        Meeting.objects.filter(council=kent).delete()
        Document.objects.filter(council=kent).delete()
        Person.objects.filter(council=kent).delete()
        kent.committees.all().delete()

    with override_settings(HTTP_RATE_LIMIT=0), running_replay_server() as replay:
        crawls: list[float] = []
        for _ in range(3):
            wipe()
            replay.clear_requests()
            started = time.perf_counter()
            run = crawl_council(kent, base_url=replay.base_url, **JAN)
            crawls.append(time.perf_counter() - started)
            assert run.status == "succeeded", run.failures
        urls = [replay.url(r.target) for r in replay.requests]
        recrawl = best_of(3, lambda: crawl_council(kent, base_url=replay.base_url, **JAN))

        def raw_gets() -> None:
            with httpx.Client() as client:
                for url in urls:
                    client.get(url).raise_for_status()

        baseline = best_of(3, raw_gets)
    meetings, documents = run.count("meeting", "inserted"), run.count("file", "inserted")
    crawl = min(crawls)
    print(f"replay crawl of Kent (rate limit off): {len(urls)} requests, {meetings} meetings, {documents} documents")
    print(
        f"first crawl:   {crawl:.2f}s = {meetings / crawl * 60:.0f} meetings/min, {documents / crawl * 60:.0f} documents/min"
    )
    print(f"re-crawl:      {recrawl:.2f}s (nothing changed)")
    print(f"baseline raw httpx GETs of the same {len(urls)} URLs: {baseline:.2f}s; crawl is {crawl / baseline:.1f}x")

    # The importer alone: the same records saved into an empty database, against a bare bulk_create of the rows.
    from councilwatch.ingest.connectors.moderngov import parse_committees, parse_councillors, parse_meeting
    from councilwatch.ingest.records import MeetingStub

    folder = settings.DATA_DIR / "replay" / "kent"
    committees = parse_committees("x", (folder / "GetCommittees.xml").read_bytes())
    people = parse_councillors("x", (folder / "GetCouncillorsByWard.xml").read_bytes())
    records = []
    for mid, cid in (("9475", "115"), ("9645", "900000")):
        stub = MeetingStub(mid, cid, run.started_at, "confirmed", "x")
        records.append(parse_meeting("x", (folder / f"GetMeeting_{mid}.xml").read_bytes(), stub))
    n = (
        len(committees)
        + len(people)
        + sum(1 + len(r.items) + len(r.documents) + len(r.attendances) + len(r.decisions) for r in records)
    )

    def import_all() -> None:
        wipe()
        importer = Importer(kent)
        importer.save_committees(committees)
        importer.save_people(people)
        for record in records:
            importer.save_meeting(record)

    def bulk_create_all() -> None:
        wipe()
        from councilwatch.councils.models import Committee

        made = Committee.objects.bulk_create(
            [Committee(council=kent, upstream_id=c.upstream_id, name=c.name) for c in committees]
        )
        by_id = {c.upstream_id: c for c in made}
        persons = {
            p.upstream_id: p
            for p in Person.objects.bulk_create(
                [Person(council=kent, upstream_id=p.upstream_id, name=p.name) for p in people]
            )
        }
        for r in records:
            meeting = Meeting.objects.create(
                council=kent, upstream_id=r.upstream_id, committee=by_id[r.committee_upstream_id],
                title=r.title, status=r.status, start=r.start, location=r.location,
            )  # fmt: skip
            items = {
                i.upstream_id: i
                for i in AgendaItem.objects.bulk_create(
                    [AgendaItem(meeting=meeting, upstream_id=i.upstream_id, title=i.title, order=i.order,
                                description=i.description, minutes_text=i.minutes_text) for i in r.items]
                )
            }  # fmt: skip
            Document.objects.bulk_create(
                [Document(council=kent, meeting=meeting, item=items.get(d.item_upstream_id or ""),
                          upstream_id=d.upstream_id, title=d.title, kind=d.kind, source_url=d.url)
                 for d in r.documents]
            )  # fmt: skip
            missing = [a.person for a in r.attendances if a.person.upstream_id not in persons]
            for p in Person.objects.bulk_create(
                [
                    Person(council=kent, upstream_id=p.upstream_id, name=p.name)
                    for p in {p.upstream_id: p for p in missing}.values()
                ]
            ):
                persons[p.upstream_id] = p
            Attendance.objects.bulk_create(
                [Attendance(meeting=meeting, person=persons[a.person.upstream_id], role=a.role, status=a.status)
                 for a in r.attendances]
            )  # fmt: skip

    def reimport() -> None:
        importer = Importer(kent)
        importer.save_committees(committees)
        importer.save_people(people)
        for record in records:
            importer.save_meeting(record)

    bulk = best_of(5, bulk_create_all)
    first = best_of(5, import_all)
    again = best_of(5, reimport)
    print(f"importer, {n} records into an empty database: {first / n * 1e3:.2f} ms/record ({first * 1e3:.0f} ms)")
    print(f"importer, the same records unchanged:        {again / n * 1e3:.2f} ms/record ({again * 1e3:.0f} ms)")
    print(f"baseline bare bulk_create of the same rows:   {bulk / n * 1e3:.2f} ms/record ({bulk * 1e3:.0f} ms)")
    print(f"ratio: insert {first / bulk:.1f}x baseline, unchanged re-import {again / bulk:.1f}x baseline")
