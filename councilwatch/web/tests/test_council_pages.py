import pytest

from councilwatch.councils.registry import load_councils

pytestmark = pytest.mark.django_db


@pytest.fixture
def councils():
    load_councils()


def test_council_list_shows_every_council(client, councils):
    response = client.get("/councils/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Wigan" in body and "Kent" in body and "Aberdeenshire" in body
    assert body.count("<tr>") >= 391


def test_council_page_by_code(client, councils):
    response = client.get("/councils/WGN/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Wigan Metropolitan Borough Council" in body
    assert "E08000010" in body and "ModernGov" in body
    assert client.get("/councils/wgn/").status_code == 200
    assert client.get("/councils/ZZZ/").status_code == 404


def test_admin_requires_login(client):
    response = client.get("/admin/councils/council/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
