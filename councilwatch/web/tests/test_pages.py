"""Every page type renders its key content from Kent-shaped data."""

import re

import pytest

from councilwatch.web.formatting import clock, meeting_title, ordinal

pytestmark = pytest.mark.django_db


def test_meeting_title_format(kent):
    assert meeting_title(kent["cabinet"]) == "Cabinet - Thursday, 30th January, 2025 10.00 am"
    assert meeting_title(kent["full_council"]) == "County Council - Thursday, 9th January, 2025 10.00 am"
    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 31)] == [
        "1st",
        "2nd",
        "3rd",
        "4th",
        "11th",
        "12th",
        "13th",
        "21st",
        "22nd",
        "23rd",
        "31st",
    ]
    from datetime import datetime

    assert clock(datetime(2025, 1, 1, 12, 0)) == "12.00 pm" and clock(datetime(2025, 1, 1, 0, 5)) == "12.05 am"
    assert clock(datetime(2025, 1, 1, 18, 30)) == "6.30 pm"


def test_meeting_page_shows_full_summary_with_page_citations(client, kent):
    meeting = kent["cabinet"]
    response = client.get(f"/councils/KEN/meetings/{meeting.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Cabinet - Thursday, 30th January, 2025 10.00 am</h1>" in html
    assert "Cabinet endorsed the draft 2025-26 budget" in html
    for title in ("Revenue and Capital Budget Monitoring Report", "Integrated Care Strategy Delivery Plan"):
        assert title in html
    assert "Noted the forecast revenue overspend of £23.3m (excluding Schools)." in html
    # every sentence of the summary carries a citation link to our copy of the document page
    minutes = meeting.documents.get(kind="minutes")
    cites = re.findall(r'<a class="cite" href="(/documents/\d+/pages/\d+/)"', html)
    assert len(cites) == 8 + 2 + 2  # a citation per sentence, plus the headline's and the footnotes'
    sentence_cites = re.findall(r'class="item".*?</section>', html, re.S)
    assert sum(c.count('class="cite"') for c in sentence_cites) == 8
    assert f"/documents/{minutes.pk}/pages/17/" in cites
    for url in set(cites):
        page = client.get(url)
        assert page.status_code == 200, url
    # the cited page really says what the summary says
    assert "Commissioning Plan for Education" in client.get(f"/documents/{minutes.pk}/pages/17/").content.decode()
    assert meeting.web_url.replace("&", "&amp;") in html and "View this meeting on the council" in html
    assert "Roger Gough" in html and "Apologies" in html
    assert "MTFP" in html and "Medium Term Financial Plan" in html
    assert ">Budget</a>" in html and ">Education</a>" in html
    assert "Summary version 2" in html and "extractive" in html
    assert "Printed minutes 30th-Jan-2025 10.00 Cabinet" in html and "Minutes" in html
    assert f">{minutes.page_count}</td>" in html


def test_cancelled_meeting_shows_status(client, kent):
    html = client.get(f"/councils/KEN/meetings/{kent['cancelled'].pk}/").content.decode()
    assert "This meeting is cancelled." in html
    assert "No summary has been written for this meeting yet." in html


def test_meeting_of_another_council_is_404(client, kent):
    assert client.get(f"/councils/WGN/meetings/{kent['cabinet'].pk}/").status_code == 404


def test_home_finds_council_by_alternative_name_without_js(client, kent):
    html = client.get("/", {"council": "kcc"}).content.decode()
    assert 'href="/councils/KEN/"' in html and "Kent County Council" in html
    assert '<option value="Wigan Council">' in html  # suggestions for typing, no JavaScript needed
    assert "Latest summaries" in html and "Cabinet endorsed the draft 2025-26 budget" in html
    assert "No council matches" in client.get("/", {"council": "Atlantis"}).content.decode()


def test_council_list_shows_support_and_waiting(client, kent, monkeypatch):
    from councilwatch.web import views

    monkeypatch.setattr(views, "_waiting_counts", lambda: {kent["limited"].pk: 12})
    html = client.get("/councils/").content.decode()
    assert "Limited support" in html and "12 people waiting, place 1 in queue" in html


def test_council_page(client, kent):
    html = client.get("/councils/ken/").content.decode()
    assert "Upcoming meetings" in html and "Recent meetings" in html
    assert "Cabinet endorsed the draft 2025-26 budget" in html  # headline of a recent meeting
    assert "Cancelled" in html
    assert 'href="/councils/KEN/committees/cabinet/"' in html
    assert 'href="/topics/budget/"' in html
    assert "/councils/KEN/feed.atom" in html and "/councils/KEN/meetings.ics" in html
    limited = client.get("/councils/WGN/").content.decode()
    assert "Limited support for Wigan" in limited


def test_committee_person_topic_pages(client, kent):
    html = client.get("/councils/KEN/committees/cabinet/").content.decode()
    assert "<h1>Cabinet</h1>" in html and "Cabinet - Thursday, 30th January, 2025 10.00 am" in html
    assert 'Clair Bell</a> <span class="meta">attended 0 of 1' in html
    assert 'Roger Gough</a> <span class="meta">attended 1 of 1' in html
    assert client.get("/councils/KEN/committees/no-such/").status_code == 404
    bell = kent["cabinet"].attendances.get(person__name="Clair Bell").person
    html = client.get(f"/councils/KEN/people/{bell.pk}/").content.decode()
    assert "Attended 0 of 1 meeting" in html and "Apologies" in html
    gough = kent["cabinet"].attendances.get(person__name="Roger Gough").person
    assert (
        "Attended 1 of 1 meeting with a published attendance record (100%)"
        in client.get(f"/councils/KEN/people/{gough.pk}/").content.decode()
    )
    assert "Social care" in client.get("/topics/").content.decode()
    html = client.get("/topics/education/").content.decode()
    assert "Kent" in html and "Cabinet endorsed" in html


def test_document_is_served_inline_and_page_text(client, kent):
    document = kent["full_council"].documents.get(kind="report")
    response = client.get(f"/documents/{document.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    body = b"".join(response.streaming_content)
    assert body.startswith(b"%PDF") and len(body) == document.size
    html = client.get(f"/documents/{document.pk}/pages/1/").content.decode()
    assert "Devolution" in html and f"/documents/{document.pk}/#page=1" in html
    assert client.get(f"/documents/{document.pk}/pages/{document.page_count + 1}/").status_code == 404


def test_html_document_is_never_served_inline(client, kent):
    from councilwatch.documents.storage import store_bytes

    document = kent["full_council"].documents.get(kind="report")
    blob = store_bytes(b"<script>alert(1)</script>")
    document.storage_path, document.media_type = blob.path, "text/html"
    document.save()
    response = client.get(f"/documents/{document.pk}/")
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment")


def test_robots_and_sitemap(client, kent):
    robots = client.get("/robots.txt").content.decode()
    assert "Sitemap: http" in robots and "Disallow: /search/" in robots
    index = client.get("/sitemap.xml").content.decode()
    assert "sitemap-meetings.xml" in index
    meetings = client.get("/sitemap-meetings.xml").content.decode()
    assert f"/councils/KEN/meetings/{kent['cabinet'].pk}/" in meetings
    assert f"/meetings/{kent['cancelled'].pk}/" not in meetings  # no summary yet


def test_meeting_without_committee_summary_or_stored_papers(client, kent):
    from datetime import datetime

    from councilwatch.documents.models import Document
    from councilwatch.meetings.models import Meeting
    from councilwatch.testing.factories import LONDON

    meeting = Meeting.objects.create(
        council=kent["council"],
        title="Extraordinary meeting",
        start=datetime(2025, 2, 3, 18, 30, tzinfo=LONDON),
        upstream_id="x1",
    )
    Document.objects.create(
        council=meeting.council,
        meeting=meeting,
        title="Agenda",
        kind="agenda",
        upstream_id="d1",
        source_url="https://democracy.kent.gov.uk/documents/g1/agenda.pdf",
    )
    html = client.get(f"/councils/KEN/meetings/{meeting.pk}/").content.decode()
    assert "<h1>Extraordinary meeting - Monday, 3rd February, 2025 6.30 pm</h1>" in html
    assert 'href="https://democracy.kent.gov.uk/documents/g1/agenda.pdf"' in html  # not downloaded yet
    assert "No attendance has been published yet." in html
    assert client.get(f"/documents/{meeting.documents.get().pk}/").status_code == 404
