"""Where to go over HTTP: open now by the clock (holidays too), a place's slip, the online
services page, the desk's referral (no personal data, counted per partner), editing places,
`kiosk places load` and the export's anonymous counts."""

import csv
import json
import re
from datetime import UTC, datetime

import pytest

from kiosk import clock
from kiosk.db import connect
from kiosk.places import get_place
from tests.helpers import add_volunteer, audit_actions, form_fields, log_in

HX = {"HX-Request": "true"}
MONDAY_10 = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)  # 10:00 in Brussels
MONDAY_LUNCH = datetime(2026, 11, 30, 11, 30, tzinfo=UTC)  # 12:30
CHRISTMAS = datetime(2026, 12, 25, 9, 0, tzinfo=UTC)


def _states(client, path="/info") -> dict:
    html = client.get(path).get_data(as_text=True)
    return {code: (state, words) for code, state, words in re.findall(
        r'data-place="([^"]+)">.*?data-open-now="(\w+)">([^<]*)<', html, re.S)}


@pytest.mark.parametrize(("moment", "state", "words"), [
    (MONDAY_10, "open", "Nu open, tot 12:00"),
    (MONDAY_LUNCH, "closed", "Gesloten. Gaat open woensdag om 09:00"),
    (datetime(2026, 11, 30, 13, 0, tzinfo=UTC), "appointment",
     "Nu alleen op afspraak, tot 16:00"),
    (CHRISTMAS, "closed", "Gesloten. Gaat open maandag om 09:00"),
])
def test_info_says_open_now_or_when_it_opens_by_the_clock(client, monkeypatch, moment, state,
                                                          words):
    monkeypatch.setattr(clock, "now", lambda: moment)
    assert _states(client)["sociaal-huis"] == (state, words)


def test_info_a_holiday_is_named_on_the_place(client, monkeypatch):
    monkeypatch.setattr(clock, "now", lambda: CHRISTMAS)
    client.get("/lang/fr")
    assert "(Noël)" in client.get("/info/place/sociaal-huis").get_data(as_text=True)


def test_info_closed_days_from_the_settings(tmp_path, monkeypatch):
    from kiosk import create_app

    app = create_app({"INSTANCE_PATH": str(tmp_path / "i"), "CLOSED_DAYS": ["2026-11-30"]})
    monkeypatch.setattr(clock, "now", lambda: MONDAY_10)
    assert _states(app.test_client())["sociaal-huis"][0] == "closed"


def test_info_a_wrong_closed_day_stops_the_kiosk_with_the_setting_named(tmp_path):
    from kiosk import create_app
    from kiosk.config import ConfigError

    with pytest.raises(ConfigError, match="CLOSED_DAYS"):
        create_app({"INSTANCE_PATH": str(tmp_path / "i"), "CLOSED_DAYS": ["30/11/2026"]})


def test_info_places_in_the_visitors_language_with_dutch_marked(app, client):
    client.get("/lang/en")
    body = client.get("/info/place/sociaal-huis").get_data(as_text=True)
    assert "Sociaal Huis (social services)" in body and "data-fallback" not in body
    db = connect(app.config["DATABASE"])
    db.execute("UPDATE places SET texts = json_remove(texts, '$.en') WHERE code = 'stadswinkel'")
    db.close()
    body = client.get("/info/place/stadswinkel").get_data(as_text=True)
    assert '<h1 lang="nl">Stadswinkel</h1>' in body and "data-fallback" in body


def test_info_a_place_and_the_online_page_print_once_each(app, client):
    for path in ("/info/place/sociaal-huis", "/info/online"):
        fields = form_fields(client.get(path).get_data(as_text=True))
        for _ in range(2):
            page = client.post(f"{path}/print", data=fields, headers=HX)
            assert 'id="slip-status"' in page.get_data(as_text=True)
    db = connect(app.config["DATABASE"])
    jobs = [json.loads(p) for (p,) in db.execute("SELECT payload FROM print_jobs ORDER BY id")]
    db.close()
    assert [j["title"] for j in jobs] == ["Waar kan ik terecht?", "De stad online"]
    place = " ".join(e.get("text", "") for e in jobs[0]["body"])
    assert "ma, wo, vr 09:00-12:00" in place and "op afspraak: di 16:00-19:00" in place
    assert "052 37 85 42 (buurtopbouwwerk)" in place
    qr = [e["data"] for e in jobs[1]["body"] if e["type"] == "qrcode"]
    assert qr == ["https://www.dendermonde.be", "https://www.dds-verko.be",
                  "https://rechtenverkenner.dendermonde.be"]


@pytest.fixture
def desk(app, client):
    log_in(client, add_volunteer(app))
    return client


def _refer(desk, **values):
    fields = form_fields(desk.get("/desk/verwijzen").get_data(as_text=True))
    return desk.post("/desk/verwijzen", headers=HX, data={**fields, **values})


def test_info_referral_slip_and_record_carry_no_personal_data(app, desk):
    answer = _refer(desk, partner="sociaal-huis", reason="geld", language="en", name_line="1",
                    name="Fatima Janssens", phone="0470 12 34 56")
    assert answer.status_code == 200
    db = connect(app.config["DATABASE"])
    jobs = db.execute("SELECT payload FROM print_jobs").fetchall()
    rows = db.execute("SELECT * FROM referrals").fetchall()
    db.close()
    assert len(jobs) == 1 and len(rows) == 1
    slip = json.loads(jobs[0][0])
    printed = " ".join(e.get("text", "") for e in slip["body"])
    assert slip["title"] == "Doorverwijzing"
    # The visitor's language under the Dutch title line the partner reads.
    assert "Referred by the buurtpunt" in printed and "Gentsesteenweg 1" in printed
    assert "Name: ____" in printed  # a line the visitor fills in by hand, if they want
    assert "Fatima" not in jobs[0][0] and "0470" not in jobs[0][0]
    _, day, place, reason, key, _created = rows[0]
    assert (place, reason, len(key)) == ("sociaal-huis", "geld", 32)
    assert ("Anna", "referral", "Sociaal Huis") in audit_actions(app)


def test_info_referral_double_tap_records_and_prints_once_and_counts_per_partner(app, desk):
    fields = form_fields(desk.get("/desk/verwijzen").get_data(as_text=True))
    for _ in range(2):
        desk.post("/desk/verwijzen", headers=HX,
                  data={**fields, "partner": "buurtzorg", "reason": "zorg", "language": "nl"})
    page = _refer(desk, partner="buurtzorg", reason="wonen", language="nl")
    assert "2 keer deze maand" in page.get_data(as_text=True)
    db = connect(app.config["DATABASE"])
    assert db.execute("SELECT count(*) FROM referrals").fetchone()[0] == 2
    assert db.execute("SELECT count(*) FROM print_jobs").fetchone()[0] == 2
    db.close()


@pytest.mark.parametrize(("values", "message"), [
    ({"reason": "geld"}, "Kies waar je de bezoeker naartoe stuurt."),
    ({"partner": "afvalkalender", "reason": "geld"}, "Kies waar"),  # online, not a partner
    ({"partner": "sociaal-huis", "reason": "iets"}, "Kies waarvoor."),
])
def test_info_referral_without_a_partner_or_reason_records_nothing(app, desk, values, message):
    answer = _refer(desk, **values)
    assert answer.status_code == 422 and message in answer.get_data(as_text=True)
    db = connect(app.config["DATABASE"])
    assert db.execute("SELECT count(*) FROM referrals").fetchone()[0] == 0
    db.close()


def test_info_desk_changes_hours_and_the_visitor_sees_them(app, desk, monkeypatch):
    fields = form_fields(desk.get("/desk/info/stadswinkel").get_data(as_text=True))
    data = {**fields, "name": "Stadswinkel", "hours": "ma-vr 09:00-12:00\nwo 13:30-16:00",
            "checked": "2026-11-20", "address": "Franz Courtensstraat 11, 9200 Dendermonde",
            "url": "https://www.dendermonde.be", "phones": "052 52 92 00"}
    wrong = desk.post("/desk/info/stadswinkel", headers=HX, data={**data, "hours": "maandag"})
    assert wrong.status_code == 422 and "ma wo vr 09:00-12:00" in wrong.get_data(as_text=True)
    assert desk.post("/desk/info/stadswinkel", headers=HX, data=data).status_code == 200
    place = get_place(connect(app.config["DATABASE"]), "stadswinkel")
    assert place.hours == "ma di wo do vr 09:00-12:00\nwo 13:30-16:00"
    monkeypatch.setattr(clock, "now", lambda: MONDAY_10)
    assert _states(desk)["stadswinkel"] == ("open", "Nu open, tot 12:00")
    assert ("Anna", "place-edit", "Stadswinkel (nl)") in audit_actions(app)


def test_info_desk_flags_places_never_checked(desk):
    page = desk.get("/desk/info").get_data(as_text=True)
    assert 'data-overdue="2"' in page  # the two buurtpunten from the older city page


def test_info_places_load_command(app, runner, tmp_path):
    path = tmp_path / "plaatsen.toml"
    path.write_text('[[places]]\ncode = "bib"\nkind = "partner"\nhours = ["za 10:00-12:00"]\n'
                    '[places.nl]\nname = "Bibliotheek"\n', encoding="utf-8")
    result = runner.invoke(args=["places", "load", str(path)])
    assert result.exit_code == 0 and "Plaatsen geladen: 1" in result.output
    assert get_place(connect(app.config["DATABASE"]), "bib").hours == "za 10:00-12:00"


def test_info_export_writes_anonymous_counts(app, desk, runner, tmp_path, monkeypatch):
    monkeypatch.setattr(clock, "now", lambda: MONDAY_10)
    _refer(desk, partner="sociaal-huis", reason="geld", language="nl")
    fields = form_fields(desk.get("/rights").get_data(as_text=True))
    desk.post("/rights/step", headers=HX, data={
        **fields, "household": "alone", "children": "no", "benefit": "yes", "age65": "no",
        "housing": "no", "question": "disability", "answer": "no"})
    result = runner.invoke(args=["export", "--month", "2026-11", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    referrals = list(csv.DictReader(
        (tmp_path / "referrals.csv").read_text(encoding="utf-8").splitlines()))
    assert referrals == [{"kiosk": "BP1", "day": "2026-11-30", "partner": "sociaal-huis",
                          "reason": "geld", "referrals": "< 5"}]  # one person: hidden
    shown = list(csv.DictReader(
        (tmp_path / "rights_shown.csv").read_text(encoding="utf-8").splitlines()))
    assert {row["right"] for row in shown} >= {"verhoogde-tegemoetkoming", "ocmw-steun"}
    assert {tuple(row) for row in shown} == {("kiosk", "day", "right", "shown")}
