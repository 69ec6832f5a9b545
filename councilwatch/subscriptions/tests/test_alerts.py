from datetime import timedelta

import pytest
from django.utils import timezone

from councilwatch.subscriptions import services, tokens
from councilwatch.subscriptions.alerts import match_alerts, match_reasons, queue_alert_deliveries
from councilwatch.subscriptions.models import Alert, AlertFrequency, AlertMatch, Delivery
from councilwatch.subscriptions.tests.factories import london, make_council, make_meeting, make_subscriber, make_summary
from councilwatch.subscriptions.tests.mailtools import header_url, links, parts
from councilwatch.summaries.models import Topic

pytestmark = pytest.mark.django_db

# Wording from the Wigan seed summary (shared seeds) and an invented planning item for the match.
PLANNING = {
    "item_number": "5",
    "title": "Planning applications",
    "text": "The committee approved an application for a battery storage facility on land off Bickershaw Lane, "
    "subject to conditions on noise and landscaping agreed with officers.",
    "decisions": ["Approved subject to conditions."],
    "topics": ["planning"],
}


def _professional_alert(frequency: str = AlertFrequency.IMMEDIATE) -> Alert:
    kent, wigan = make_council(), make_council("WGN", "Wigan")
    pro = make_subscriber("planner@example.org", is_professional=True)
    planning, _ = Topic.objects.get_or_create(slug="planning", defaults={"name": "Planning"})
    alert = services.save_alert(
        pro, "Battery storage", ["battery storage"], [planning.pk], [kent.pk, wigan.pk], frequency
    )
    return alert


def test_match_reasons_say_why_with_a_snippet():
    wigan = make_council("WGN", "Wigan")
    summary = make_summary(make_meeting(wigan, "Planning Committee", london(2025, 9, 8, 18)), "Planning", [PLANNING])
    reasons = match_reasons(["Battery  Storage"], {"planning"}, summary, set())
    assert reasons[0]["kind"] == "keyword" and reasons[0]["where"] == "item 5: Planning applications"
    assert reasons[0]["hit"] == "battery storage"
    assert reasons[0]["before"].endswith("application for a ") and reasons[0]["after"].startswith(" facility")
    assert reasons[1] == {"kind": "topic", "term": "planning", "where": "topics"}
    assert match_reasons(["battery"], {"housing"}, summary, set()) == []  # keyword alone is not enough
    assert match_reasons(["storage heaters"], set(), summary, set()) == []
    assert match_reasons(["batter"], set(), summary, set()) == []  # whole words only


def test_alert_mail_shows_each_match_with_why_and_a_link(client, smtp):
    alert = _professional_alert()
    wigan = alert.councils.get(code="WGN")
    elsewhere = make_council("MAN", "Manchester")
    make_summary(make_meeting(wigan, "Planning Committee", london(2025, 9, 8, 18)), "Wigan planning", [PLANNING])
    make_summary(make_meeting(elsewhere, "Planning Committee", london(2025, 9, 9)), "Elsewhere", [PLANNING])
    make_summary(make_meeting(wigan, "Cabinet", london(2025, 9, 10)), "No match here", [])

    report = services.send_alerts()

    assert report.sent == 1
    [mail] = smtp.messages()
    assert mail["To"] == "planner@example.org" and "Battery storage" in mail["Subject"]
    text, html = parts(mail)
    assert "Wigan" in text and "Manchester" not in text and "No match here" not in text
    assert "[battery storage]" in text and "<mark>battery storage</mark>" in html
    assert "item 5: Planning applications" in text
    for path in links(text):
        assert client.get(path).status_code == 200, path
    # The mail's one-click unsubscribe stops this alert only.
    client.post(header_url(mail), "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")
    alert.refresh_from_db()
    assert not alert.is_active
    assert services.send_alerts().sent == 0


def test_daily_alerts_gather_matches_once_a_day(smtp):
    alert = _professional_alert(AlertFrequency.DAILY)
    wigan = alert.councils.get(code="WGN")
    make_summary(make_meeting(wigan, "Planning Committee", london(2025, 9, 8, 18)), "First", [PLANNING])
    assert services.send_alerts().sent == 1
    make_summary(make_meeting(wigan, "Planning Committee", london(2025, 9, 15, 18)), "Second", [PLANNING])
    assert services.send_alerts().sent == 0  # already mailed today
    assert AlertMatch.objects.filter(delivery__isnull=True).count() == 1
    tomorrow = timezone.now() + timedelta(days=1)
    match_alerts(tomorrow)
    assert queue_alert_deliveries(tomorrow) == 1
    assert Delivery.objects.filter(alert=alert).count() == 2


def test_alerts_are_for_professional_accounts(client):
    resident = make_subscriber("resident@example.org")
    with pytest.raises(PermissionError):
        services.save_alert(resident, "x", ["x"], [], [], AlertFrequency.DAILY)
    page = client.get(f"/alerts/{tokens.make_manage_token(resident)}/")
    assert page.status_code == 200 and b"professional accounts" in page.content and b"<form" not in page.content
    pro = make_subscriber("pro@example.org", is_professional=True)
    url = f"/alerts/{tokens.make_manage_token(pro)}/"
    assert client.post(url, {"name": "Empty", "frequency": "daily"}).status_code == 200  # needs a keyword or topic
    response = client.post(url, {"name": "Solar", "keywords": "solar farm\nbattery storage", "frequency": "weekly"})
    assert response.status_code == 302
    assert Alert.objects.get(subscriber=pro).keywords == ["solar farm", "battery storage"]
