"""Staff create API keys in the admin and see the secret once; the command line does the same."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from councilwatch.api.models import ApiKey

pytestmark = pytest.mark.django_db


def test_staff_create_a_key_in_the_admin_and_see_it_once(admin_client, admin_user):
    response = admin_client.post(
        "/admin/api/apikey/add/",
        {"name": "Kent Online newsroom", "owner_email": "desk@example.org", "is_professional": "on", "is_active": "on"},
        follow=True,
    )
    assert response.status_code == 200
    shown = [str(m) for m in response.context["messages"]]
    raw = next(m for m in shown if "cw_" in m).split("is ")[1].split(" ")[0]
    key = ApiKey.objects.get()
    assert ApiKey.objects.find(raw) == key and key.created_by == admin_user and key.is_professional
    assert raw not in str(ApiKey.objects.values().get())  # only the hash is stored
    listing = admin_client.get("/admin/api/apikey/").content.decode()
    assert key.prefix in listing and raw not in listing


def test_create_api_key_command_prints_the_key(client):
    out = io.StringIO()
    call_command(
        "create_api_key", "Research unit", "lab@example.org", "--professional", stdout=out, stderr=io.StringIO()
    )
    raw = out.getvalue().strip()
    key = ApiKey.objects.find(raw)
    assert key is not None and key.owner_email == "lab@example.org" and key.is_professional
    assert client.get("/api/v1/councils", headers={"X-API-Key": raw}).status_code == 200
    with pytest.raises(CommandError, match="not an email address: 'lab-at-example'"):
        call_command("create_api_key", "x", "lab-at-example")
