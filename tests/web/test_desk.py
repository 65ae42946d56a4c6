"""The volunteers' desk through the test client: PIN login, lockout, idle logout, tally, audit."""

import time

import pytest

from kiosk import volunteers
from kiosk.db import connect
from tests.helpers import audit_actions, form_fields

PIN = "2468"


@pytest.fixture
def anna(app):
    db = connect(app.config["DATABASE"])
    volunteers.set_pin(db, "Anna", PIN)
    volunteer = volunteers.active(db)[0]
    db.close()
    return volunteer


def _log_in(client, volunteer, pin=PIN, htmx=True):
    page = client.get(f"/desk/login?v={volunteer['id']}").get_data(as_text=True)
    fields = form_fields(page)
    headers = {"HX-Request": "true"} if htmx else {}
    return client.post("/desk/login", data={**fields, "pin": pin}, headers=headers)


def _audit(app):
    db = connect(app.config["DATABASE"])
    try:
        return [(r["volunteer_name"], r["action"], r["detail"])
                for r in db.query("SELECT * FROM audit_log ORDER BY id")]
    finally:
        db.close()


def test_desk_without_volunteers_says_how_to_create_one(client):
    body = client.get("/desk/login").get_data(as_text=True)
    assert "kiosk set-pin NAAM" in body


def test_desk_requires_login(client, anna):
    response = client.get("/desk")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/desk/login")


def test_desk_login_lists_names_then_shows_the_pin_pad(client, anna):
    assert "Anna" in client.get("/desk/login").get_data(as_text=True)
    pad = client.get(f"/desk/login?v={anna['id']}", headers={"HX-Request": "true"})
    body = pad.get_data(as_text=True)
    assert "<html" not in body
    assert body.count("data-pin-key=") == 10


def test_desk_login_every_volunteer_gets_the_pin_pad_and_logs_in(app, client):
    db = connect(app.config["DATABASE"])
    for name, pin in (("Anna", "2468"), ("Bart", "3579"), ("Chris", "9753")):
        volunteers.set_pin(db, name, pin)
    everyone = volunteers.active(db)
    db.close()
    for volunteer, pin in zip(everyone, ("2468", "3579", "9753"), strict=True):
        pad = client.get(f"/desk/login?v={volunteer['id']}").get_data(as_text=True)
        assert f"Dag {volunteer['name']}!" in pad
        assert _log_in(client, volunteer, pin).status_code == 204
        assert client.get("/desk").status_code == 200
        client.post("/desk/logout", data=form_fields(client.get("/desk").get_data(as_text=True)))
    assert [a for _, a, _ in _audit(app) if a == "login"] == ["login"] * 3


def test_desk_login_with_the_right_pin_opens_the_desk(app, client, anna):
    response = _log_in(client, anna)
    assert response.status_code == 204
    assert response.headers["HX-Redirect"].endswith("/desk")
    body = client.get("/desk").get_data(as_text=True)
    assert "Aangemeld als Anna" in body
    assert ("Anna", "login", "") in _audit(app)


def test_desk_login_with_a_plain_form_redirects(client, anna):
    response = _log_in(client, anna, htmx=False)
    assert response.status_code == 303


def test_desk_wrong_pin_says_how_many_tries_are_left(client, anna):
    response = _log_in(client, anna, pin="9999")
    assert response.status_code == 422
    assert "Nog 4 pogingen" in response.get_data(as_text=True)
    assert client.get("/desk").status_code == 302


def test_desk_locks_after_five_wrong_pins_even_for_the_right_one(app, client, anna):
    for _ in range(5):
        response = _log_in(client, anna, pin="9999")
    assert "Te veel foute pogingen" in response.get_data(as_text=True)
    response = _log_in(client, anna, pin=PIN)
    assert response.status_code == 422
    assert client.get("/desk").status_code == 302
    assert ("Anna", "pin-locked", "") in _audit(app)


def test_desk_logs_out_after_idle(app, client, anna, monkeypatch):
    _log_in(client, anna)
    assert client.get("/desk").status_code == 200
    later = time.time() + app.config["DESK_IDLE_SECONDS"] + 1
    monkeypatch.setattr(time, "time", lambda: later)
    response = client.get("/desk")
    assert response.status_code == 302
    assert "idle=1" in response.headers["Location"]
    assert ("Anna", "idle-logout", "") in _audit(app)
    assert "3 minuten niets gedaan" in client.get("/desk/login?idle=1").get_data(as_text=True)


@pytest.mark.parametrize(("seconds", "said"), [(300, "5 minuten"), (60, "1 minuut"),
                                               (90, "90 seconden")])
def test_desk_idle_logout_names_the_configured_time(tmp_path, seconds, said):
    from kiosk import create_app

    app = create_app({"INSTANCE_PATH": str(tmp_path / "i"), "DESK_IDLE_SECONDS": seconds})
    page = app.test_client().get("/desk/login?idle=1").get_data(as_text=True)
    assert f"Je bent afgemeld: {said} niets gedaan." in page


def test_desk_stays_logged_in_while_used(app, client, anna, monkeypatch):
    _log_in(client, anna)
    start = time.time()
    for step in range(1, 4):
        moment = start + step * (app.config["DESK_IDLE_SECONDS"] - 10)
        monkeypatch.setattr(time, "time", lambda moment=moment: moment)
        assert client.get("/desk").status_code == 200


def test_desk_logout(app, client, anna):
    _log_in(client, anna)
    fields = form_fields(client.get("/desk").get_data(as_text=True))
    response = client.post("/desk/logout", data={"csrf_token": fields["csrf_token"]})
    assert response.status_code == 303
    assert client.get("/desk").status_code == 302
    assert ("Anna", "logout", "") in _audit(app)


def test_desk_tally_counts_one_visit_per_tap_and_shows_it(app, client, anna):
    _log_in(client, anna)
    fields = form_fields(client.get("/desk").get_data(as_text=True))
    for _ in range(2):  # a double tap sends the same key twice
        response = client.post("/desk/tally", data={**fields, "reason": "digitaal"},
                               headers={"HX-Request": "true"})
    body = response.get_data(as_text=True)
    assert "<html" not in body
    assert 'data-reason="digitaal" data-count="1"' in body
    assert [a for a in audit_actions(app) if a[1] == "tally"] == [
        ("Anna", "tally", "Digitale vraag")]
    fields = form_fields(body)
    client.post("/desk/tally", data={**fields, "reason": "digitaal"})
    assert 'data-reason="digitaal" data-count="2"' in client.get("/desk").get_data(as_text=True)


def test_desk_tally_refuses_an_unknown_reason(client, anna):
    _log_in(client, anna)
    fields = form_fields(client.get("/desk").get_data(as_text=True))
    response = client.post("/desk/tally", data={**fields, "reason": "casino"},
                           headers={"HX-Request": "true"})
    assert response.status_code == 422


def test_desk_shows_todays_checkins_per_reason(client, anna):
    fields = form_fields(client.get("/checkin").get_data(as_text=True))
    client.post("/checkin", data={**fields, "reason": ["koffie", "rechten"]})
    _log_in(client, anna)
    body = client.get("/desk").get_data(as_text=True)
    assert 'data-visits-total>1<' in body
    assert 'data-reason="koffie" data-count="1"' in body
    assert 'data-reason="rechten" data-count="1"' in body
    assert 'data-reason="buren" data-count="0"' in body


def test_desk_training_mode_switch(app, client, anna):
    from kiosk import settings
    from tests.helpers import audit_actions

    _log_in(client, anna)
    fields = form_fields(client.get("/desk").get_data(as_text=True))
    response = client.post("/desk/training", data={"csrf_token": fields["csrf_token"], "on": "1"},
                           headers={"HX-Request": "true"})
    assert 'data-training="1"' in response.get_data(as_text=True)
    db = connect(app.config["DATABASE"])
    assert settings.training(db)
    db.close()
    client.post("/desk/training", data={"csrf_token": fields["csrf_token"], "on": "0"})
    assert [a[1] for a in audit_actions(app) if a[1].startswith("training")] == [
        "training-on", "training-off"]


def test_desk_dashboard_warns_about_low_stock(client, anna):
    _log_in(client, anna)
    body = client.get("/desk").get_data(as_text=True)
    assert 'id="low-stock"' in body  # a new kiosk has no bags yet
    assert 'data-product="REST30"' in body
