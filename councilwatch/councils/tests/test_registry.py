import csv
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from councilwatch.councils.models import Council, Platform, SupportLevel
from councilwatch.councils.registry import RegistryError, default_paths, load_councils

pytestmark = pytest.mark.django_db


def _copy_register(tmp_path: Path, edit) -> Path:
    """Copy the shipped register, letting ``edit`` change the header and rows; return the new path."""
    register, _ = default_paths()
    with register.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    header, body = edit(rows[0], rows[1:])
    out = tmp_path / "register.csv"
    with out.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([header, *body])
    return out


def test_loads_every_current_authority_with_platforms():
    report = load_councils()
    assert report.created >= 390
    assert Council.objects.count() == report.created
    wigan = Council.objects.get(code="WGN")
    assert wigan.gss_code == "E08000010"
    assert wigan.platform == Platform.MODERNGOV
    assert wigan.platform_base_url == "http://democracy.wigan.gov.uk"
    assert wigan.support_level == SupportLevel.LIMITED
    kent = Council.objects.get(code="KEN")
    assert (kent.platform, kent.platform_base_url) == (Platform.MODERNGOV, "https://democracy.kent.gov.uk")
    assert Council.objects.filter(platform=Platform.CMIS).count() >= 25
    assert set(Council.objects.values_list("nation", flat=True)) == {
        "England",
        "Scotland",
        "Wales",
        "Northern Ireland",
    }
    # Abolished authorities are not loaded.
    assert not Council.objects.filter(code="ALL").exists()


def test_second_load_changes_nothing(capsys):
    call_command("load_councils")
    call_command("load_councils")
    out = capsys.readouterr().out.strip().splitlines()[-1]
    assert out.startswith("councils: 0 created, 0 changed,")


def test_reload_keeps_support_level_and_repairs_registry_fields():
    load_councils()
    Council.objects.filter(code="WGN").update(support_level=SupportLevel.FULL, name="Wrong")
    report = load_councils()
    assert (report.created, report.changed, report.changed_codes) == (0, 1, ["WGN"])
    wigan = Council.objects.get(code="WGN")
    assert wigan.name == "Wigan"
    assert wigan.support_level == SupportLevel.FULL


def test_missing_column_names_file_and_line(tmp_path):
    def drop_nation(header, body):
        i = header.index("nation")
        return header[:i] + header[i + 1 :], [r[:i] + r[i + 1 :] for r in body]

    path = _copy_register(tmp_path, drop_nation)
    with pytest.raises(RegistryError) as err:
        load_councils(register=path)
    assert str(err.value) == f"{path}, line 1: missing column(s) nation"
    assert Council.objects.count() == 0


def test_duplicated_code_names_line_and_writes_nothing(tmp_path):
    def duplicate_wigan(header, body):
        wigan = next(r for r in body if r[0] == "WGN")
        return header, [*body, wigan]

    path = _copy_register(tmp_path, duplicate_wigan)
    with pytest.raises(CommandError) as err:
        call_command("load_councils", register=path)
    message = str(err.value)
    assert str(path) in message
    assert "duplicated code WGN" in message
    assert "line 472" in message and "first on line" in message
    assert Council.objects.count() == 0


def test_unknown_nation_names_line_and_rolls_back(tmp_path):
    def bad_nation(header, body):
        i = header.index("nation")
        # The first councils would be created before the bad row is read if the load were not atomic.
        body[200][i] = "Atlantis"
        return header, body

    path = _copy_register(tmp_path, bad_nation)
    load_councils()
    Council.objects.filter(code="WGN").update(name="Before")
    with pytest.raises(RegistryError) as err:
        load_councils(register=path)
    assert "line 202" in str(err.value) and "unknown nation 'Atlantis'" in str(err.value)
    assert Council.objects.get(code="WGN").name == "Before"
