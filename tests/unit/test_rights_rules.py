"""The rights finder's rules: who gets which card (a table of households), and the TOML loader
that refuses a wrong file with the line to fix, loading all of a file or nothing."""

import pytest

from kiosk.places import load_places
from kiosk.rights import rules, store
from kiosk.tomlfile import DataFileError, read

RIGHTS = rules.parse_rights(*read(store.DEFAULTS))
EVERYONE = {"ocmw-steun"}
NO = {"household": "alone", "children": "no", "benefit": "no", "age65": "no", "housing": "no",
      "disability": "no"}


def shown(answers):
    return {right.code: how for right, how in rules.matching(RIGHTS, answers)}


@pytest.mark.parametrize(("household", "yes", "maybe"), [
    # Someone living alone who answers no to everything: only the OCMW's door, for everyone.
    (NO, EVERYONE, set()),
    # Nothing answered, every question skipped: nothing is ruled out, all "maybe".
    ({}, EVERYONE, {r.code for r in RIGHTS} - EVERYONE),
    # A family with children and a benefit, renting privately, nothing else.
    ({**NO, "household": "others", "children": "yes", "benefit": "yes"},
     EVERYONE | {"verhoogde-tegemoetkoming", "sociaal-tarief-energie",
                 "groeipakket-schooltoeslag", "uitpas-kansentarief", "huurpremie",
                 "gratis-huisvuilzakken"}, set()),
    # A pensioner of 65 in a social home.
    ({**NO, "age65": "yes", "housing": "yes"},
     EVERYONE | {"verhoogde-tegemoetkoming", "sociaal-tarief-energie", "uitpas-kansentarief",
                 "zorgbudget", "gratis-huisvuilzakken"}, set()),
    # A long illness, the other questions skipped: a card that needs another answer is "maybe".
    ({"disability": "yes"},
     EVERYONE | {"verhoogde-tegemoetkoming", "sociaal-tarief-energie", "uitpas-kansentarief",
                 "zorgbudget", "tegemoetkoming-handicap", "gratis-huisvuilzakken"},
     {"groeipakket-schooltoeslag", "huurpremie"}),
    # Children, the housing question skipped: the social tariff (some social tenants) may apply;
    # the rent allowance still needs a benefit, a disability or age.
    ({**NO, "household": "others", "children": "yes", "housing": "skip"},
     EVERYONE | {"groeipakket-schooltoeslag", "gratis-huisvuilzakken"},
     {"sociaal-tarief-energie"}),
])
def test_rights_rules_who_gets_which_card(household, yes, maybe):
    found = shown(household)
    assert {c for c, how in found.items() if how == "yes"} == yes
    assert {c for c, how in found.items() if how == "maybe"} == maybe


def test_rights_rules_cards_that_fit_come_before_the_maybes_in_the_files_order():
    order = [right.code for right, _ in rules.matching(RIGHTS, {"children": "yes"})]
    assert order[:3] == ["groeipakket-schooltoeslag", "gratis-huisvuilzakken", "ocmw-steun"]
    assert order[3] == "verhoogde-tegemoetkoming"  # the first "maybe"


def test_rights_rules_the_shipped_file_has_every_right_the_issue_asks_for():
    codes = {r.code for r in RIGHTS}
    assert {"verhoogde-tegemoetkoming", "sociaal-tarief-energie", "groeipakket-schooltoeslag",
            "uitpas-kansentarief", "ocmw-steun", "huurpremie", "zorgbudget",
            "gratis-huisvuilzakken"} <= codes
    for right in RIGHTS:
        assert right.source.startswith("https://") and right.checked
        assert all(right.texts["nl"].get(f) for f in rules.TEXTS), right.code
        assert set(right.texts) >= {"nl", "en", "fr"}, right.code


GOOD = '''[[rights]]
code = "een"
automatic = "yes"
checked = 2026-11-27
source = "https://example.org/een"

[rights.nl]
title = "Een"

[[rights]]
code = "twee"
automatic = "no"
checked = 2026-11-27
when = [{ benefit = "yes" }]

[rights.nl]
title = "Twee"
'''


@pytest.mark.parametrize(("broken", "line", "words"), [
    (GOOD.replace('automatic = "no"', 'automatic = "misschien"'), 12, "automatic"),
    (GOOD.replace('benefit = "yes"', 'income = "low"'), 14, "onbekende vraag 'income'"),
    (GOOD.replace('benefit = "yes"', 'benefit = "ja"'), 14, "benefit kan yes of no"),
    (GOOD.replace('title = "Twee"', 'titel = "Twee"'), 16, "onbekende of verkeerde tekst"),
    (GOOD.replace("checked = 2026-11-27\nwhen", "checked = \"gisteren\"\nwhen"), 13, "datum"),
    (GOOD.replace('code = "twee"', 'code = "een"'), 10, "twee keer"),
    (GOOD.replace('source = "https://example.org/een"', 'source = "example.org"'), 5, "https"),
    (GOOD.replace('[rights.nl]\ntitle = "Twee"', '[rights.en]\ntitle = "Two"'), 10,
     "Nederlandse title"),
    (GOOD.replace('automatic = "no"', 'automatic = no'), 12, "geen geldige TOML"),
])
def test_rights_load_refuses_a_wrong_file_naming_the_line_and_loads_nothing(
        fresh_db, tmp_path, broken, line, words):
    path = tmp_path / "rechten.toml"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(DataFileError) as refused:
        store.load_rights(fresh_db, path)
    assert refused.value.line == line and str(refused.value).startswith(f"regel {line}: ")
    assert words in str(refused.value)
    assert store.list_rights(fresh_db) == []  # not even the first, good right


def test_rights_load_loads_a_good_file_and_a_later_one_replaces_by_code(fresh_db, tmp_path):
    path = tmp_path / "rechten.toml"
    path.write_text(GOOD, encoding="utf-8")
    assert store.load_rights(fresh_db, path) == 2
    path.write_text(GOOD.split("[[rights]]")[0] + "[[rights]]" +
                    GOOD.split("[[rights]]")[2].replace('"Twee"', '"Twee, nieuw"'),
                    encoding="utf-8")
    assert store.load_rights(fresh_db, path) == 1
    assert [(r.code, r.texts["nl"]["title"]) for r in store.list_rights(fresh_db)] == [
        ("een", "Een"), ("twee", "Twee, nieuw")]


def test_places_load_refuses_wrong_hours_naming_the_line(fresh_db, tmp_path):
    path = tmp_path / "plaatsen.toml"
    path.write_text('[[places]]\ncode = "x"\nkind = "partner"\n\nhours = ["maandag 9-12"]\n'
                    '[places.nl]\nname = "X"\n', encoding="utf-8")
    with pytest.raises(DataFileError, match="^regel 5: x: 'maandag 9-12'"):
        load_places(fresh_db, path)
