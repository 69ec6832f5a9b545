import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from councilwatch.subscriptions import services
from councilwatch.subscriptions.digests import build_digests, queue_digest
from councilwatch.subscriptions.models import Delivery, DeliveryState, Subscriber
from councilwatch.subscriptions.tests.factories import kent_cabinet, make_council, make_subscriber

pytestmark = pytest.mark.django_db


def test_mark_bounced_and_send_mail_queue_commands(smtp):
    kent = make_council()
    kent_cabinet(kent)
    make_subscriber("ok@example.org", kent)
    make_subscriber("bad@example.org", kent)
    [digest] = build_digests("2025-W05", "KEN").digests
    queue_digest(digest)
    call_command("mark_bounced", "BAD@example.org", "--reason", "550 mailbox unavailable")
    assert Subscriber.objects.get(email="bad@example.org").bounce_reason == "550 mailbox unavailable"
    with pytest.raises(CommandError, match="no subscriber"):
        call_command("mark_bounced", "nobody@example.org")
    call_command("send_mail_queue", "--kind", "digest")
    assert smtp.recipients() == ["ok@example.org"]
    assert Delivery.objects.get(subscriber__email="bad@example.org").state == DeliveryState.SKIPPED


def test_admin_pages_render(client, smtp):
    kent = make_council()
    kent_cabinet(kent)
    make_subscriber("pro@example.org", kent, is_professional=True)
    services.send_digests("2025-W05", "KEN")
    client.force_login(User.objects.create_superuser("staff", "staff@example.org", "x"))
    for model in ("subscriber", "subscription", "alert", "digest", "delivery"):
        assert client.get(f"/admin/subscriptions/{model}/").status_code == 200, model
    subscriber = Subscriber.objects.get()
    assert client.get(f"/admin/subscriptions/subscriber/{subscriber.pk}/change/").status_code == 200
    response = client.post(
        "/admin/subscriptions/subscriber/",
        {"action": "mark_bounced", "_selected_action": [subscriber.pk]},
    )
    assert response.status_code == 302
    assert Subscriber.objects.get().is_bounced
