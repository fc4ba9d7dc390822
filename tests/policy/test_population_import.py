"""import_population: one transaction, Dutch messages, unknown is never 0."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from places.models import Area
from tests.helpers.paths import DATA

pytestmark = pytest.mark.django_db


def populations():
    return dict(Area.objects.values_list("code", "population"))


def write(tmp_path, text):
    path = tmp_path / "inwoners.csv"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_a_bad_row_refuses_the_whole_file_in_dutch(tmp_path, city):
    before = populations()
    path = write(tmp_path, "code;inwoners\nBU99990101;4100\nBU99990102;veel\nWK999901;-5\n")
    with pytest.raises(CommandError) as refused:
        call_command("import_population", path, "--commit")
    message = str(refused.value)
    assert message.startswith("Er is niets geïmporteerd: deze regels hebben geen geldig aantal")
    assert "regel 3: geen geldig aantal inwoners voor BU99990102" in message
    assert "regel 4: geen geldig aantal inwoners voor WK999901" in message
    assert "regel 2" not in message
    assert populations() == before  # B1's valid 4100 was not written either


def test_an_empty_cell_makes_the_figure_unknown_not_zero(tmp_path, city, capsys):
    path = write(tmp_path, "code,aantal_inwoners\nBU99990101,\nBU99990102,0\n")
    call_command("import_population", path, "--commit")
    assert Area.objects.get(code="BU99990101").population is None
    assert Area.objects.get(code="BU99990102").population == 0  # a published zero stays 0
    assert "regel 2: geen cijfer voor BU99990101: inwonertal onbekend" in capsys.readouterr().out


def test_the_real_file_gives_muidenbuurt_oost_no_figure(real_areas, capsys):
    call_command("import_population", str(DATA / "population-amsterdam-2024.csv"), "--commit")
    assert Area.objects.get(code="GM0363").population == 931_298
    assert Area.objects.get(code="BU0363AA01").population == 345
    assert Area.objects.get(code="BU0363MK06").population is None  # not in CBS 2024
    assert Area.objects.filter(population=None).count() == 1
    assert "Bijgewerkt: 628; geweigerd: 0." in capsys.readouterr().out


def test_rerunning_the_import_changes_nothing(real_areas):
    path = str(DATA / "population-amsterdam-2024.csv")
    call_command("import_population", path, "--commit")
    first = populations()
    call_command("import_population", path, "--commit")
    assert populations() == first
