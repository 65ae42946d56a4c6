"""Take a number: one ticket, visit and slip per tap; the home screen's panel; your phone's page."""

import io
import re
import socket
import wave
from datetime import UTC, datetime, timedelta

import pytest

from kiosk import clock, create_app
from kiosk.db import connect
from kiosk.help import store
from printer import queue
from printer.address import Profile
from printer.escpos_render import render
from printer.worker import PrintWorker
from tests.helpers import Clock, form_fields, query

LAN = {"REMOTE_ADDR": "192.168.1.40"}
NOON = datetime(2026, 3, 12, 11, 0, tzinfo=UTC)


@pytest.fixture
def at(monkeypatch):
    """The kiosk's clock, set by the test."""
    return Clock(monkeypatch, NOON)


rows = query


def take(client, topic="digitaal", fields=None, htmx=False):
    fields = fields or form_fields(client.get("/help").get_data(as_text=True))
    return client.post("/help", data={**fields, "topic": topic},
                       headers={"HX-Request": "true"} if htmx else {})


def call(app, number, action="call", **extra):
    db = connect(app.config["DATABASE"])
    try:
        ticket = next(t for t in store.of_day(db, "BP1", store.day_of(clock.now(), "Europe/"
                                                                       "Brussels"))
                      if t["number"] == number)
        return store.move(db, ticket["id"], action, volunteer=None, now=clock.now(), **extra)[0]
    finally:
        db.close()


def test_help_topics_page_offers_five_topics_with_one_form_key(client):
    body = client.get("/help").get_data(as_text=True)
    assert re.findall(r'name="topic" value="(\w+)"', body) == [
        "digitaal", "papieren", "rechten", "printen", "anders"]
    assert len(re.findall(r'name="key" value="[0-9a-f]{32}"', body)) == 1


def test_help_a_ticket_is_numbered_counted_as_a_visit_and_its_slip_queued(app, client, at):
    response = take(client, "papieren")
    assert response.status_code == 303 and response.headers["Location"].endswith("/help/nummer")
    body = client.get("/help/nummer").get_data(as_text=True)
    assert "data-ticket-number>1<" in body and "Er is niemand voor jou." in body
    assert rows(app, "SELECT number, topic, status, source, language, visit_id FROM help_tickets"
                ) == [(1, "papieren", "waiting", "kiosk", "nl", 1)]
    assert rows(app, "SELECT reason FROM visit_reasons") == [("administratie",)]
    [(kind, ref, payload)] = rows(app, "SELECT kind, ref, payload FROM print_jobs")
    assert (kind, ref) == ("ticket", "help:1")
    slip = queue.get_job(connect(app.config["DATABASE"]), 1).slip
    assert slip.title == "Wachtnummer" and slip.printed_at == "12/03/2026 12:00"
    texts = [getattr(e, "text", "") for e in slip.body]
    assert "Papieren en formulieren" in texts
    assert "We roepen je nummer. Kijk op het scherm." in texts
    big = next(e for e in slip.body if type(e).__name__ == "BigNumber")
    assert (big.number, big.smooth) == ("1", True)
    qr = next(e for e in slip.body if type(e).__name__ == "QRCode")
    token = qr.data.rsplit("/q/", 1)[1]
    assert store.by_token(connect(app.config["DATABASE"]), token)["number"] == 1
    assert b"\x1dv0" in render(slip, Profile())  # the number goes to paper as a raster image


def test_help_people_before_you_on_screen_and_slip(app, client, at):
    for _ in range(3):
        take(client)
    body = client.get("/help/nummer").get_data(as_text=True)
    assert 'data-before="2"' in body and "Er zijn 2 mensen voor jou." in body
    slip = queue.get_job(connect(app.config["DATABASE"]), 3).slip
    assert "Er zijn 2 mensen voor jou." in [getattr(e, "text", "") for e in slip.body]


def test_help_double_tap_gives_one_ticket_one_visit_one_slip(app, client, at):
    fields = form_fields(client.get("/help").get_data(as_text=True))
    bodies = [take(client, "rechten", fields, htmx=True).get_data(as_text=True) for _ in range(3)]
    assert all("data-ticket-number>1<" in body for body in bodies)
    assert "<html" not in bodies[0]
    assert rows(app, "SELECT count(*) FROM help_tickets") == [(1,)]
    assert rows(app, "SELECT count(*) FROM visits") == [(1,)]
    assert rows(app, "SELECT count(*) FROM print_jobs") == [(1,)]
    assert len(set(re.findall(r"/q/([\w-]+)", "".join(bodies)))) == 1


def test_help_a_ticket_right_after_a_check_in_is_the_same_visit(app, client, at):
    checkin = form_fields(client.get("/checkin").get_data(as_text=True))
    client.post("/checkin", data={**checkin, "reason": "koffie"})
    at(NOON + timedelta(seconds=40))
    take(client, "rechten")
    assert rows(app, "SELECT count(*) FROM visits") == [(1,)]
    assert rows(app, "SELECT reason FROM visit_reasons ORDER BY reason") == [("koffie",),
                                                                            ("rechten",)]
    at(NOON + timedelta(minutes=10))  # the next visitor, long after
    take(client, "anders")
    assert rows(app, "SELECT v.id, r.reason FROM visits v JOIN visit_reasons r "
                     "ON r.visit_id = v.id WHERE v.id = 2") == [(2, "vraag")]


def test_help_the_slip_speaks_the_visitors_language(app, client, at):
    client.get("/lang/fr")
    take(client)
    slip = queue.get_job(connect(app.config["DATABASE"]), 1).slip
    assert slip.language == "fr" and slip.title == "Wachtnummer"
    assert next(e for e in slip.body if type(e).__name__ == "BigNumber").caption == "Votre numéro"
    assert rows(app, "SELECT language FROM help_tickets") == [("fr",)]


@pytest.mark.parametrize(("field", "value"), [("topic", "casino"), ("topic", "<b>x</b>"),
                                              ("topic", ""), ("key", "1' OR '1'='1")])
def test_help_bad_input_gets_a_message_and_stores_nothing(app, client, field, value):
    fields = form_fields(client.get("/help").get_data(as_text=True))
    response = client.post("/help", data={**fields, "topic": "digitaal", field: value},
                           headers={"HX-Request": "true"})
    assert response.status_code == 422
    assert 'role="alert"' in response.get_data(as_text=True)
    assert rows(app, "SELECT count(*) FROM help_tickets UNION ALL SELECT count(*) FROM visits "
                     "UNION ALL SELECT count(*) FROM print_jobs") == [(0,), (0,), (0,)]


def test_help_home_has_the_panel_that_fetches_itself(client):
    body = client.get("/").get_data(as_text=True)
    assert 'id="now-serving"' in body and 'hx-get="/help/now"' in body
    assert "Ik heb een vraag" in body and 'href="/help"' in body


def test_help_now_serving_shows_the_call_and_answers_nothing_while_unchanged(app, client, at):
    for _ in range(5):
        take(client)
    for number in (1, 2, 3, 4):
        at(NOON + timedelta(minutes=number))
        call(app, number)
    panel = client.get("/help/now", headers={"HX-Request": "true"}).get_data(as_text=True)
    assert "data-serving>4<" in panel and "<strong>3</strong><strong>2</strong><strong>1</strong>" \
        in panel and "data-waiting>1<" in panel
    assert 'data-say-call="Nu aan de beurt: 4"' in panel  # said after the chime (help.js)
    shown = re.search(r'hx-get="([^"]+)"', panel).group(1).replace("&amp;", "&")
    again = client.get(shown, headers={"HX-Request": "true"})
    assert again.get_data() == b"" and again.headers["HX-Reswap"] == "none"
    at(NOON + timedelta(minutes=5))
    call(app, 2, "recall")
    moved = client.get(shown, headers={"HX-Request": "true"}).get_data(as_text=True)
    assert "data-serving>2<" in moved


def test_help_a_call_survives_a_restart(app, client, at, tmp_path):
    take(client)
    call(app, 1)
    restarted = create_app({"INSTANCE_PATH": str(tmp_path / "instance"), "TESTING": True})
    assert "data-serving>1<" in restarted.test_client().get("/help/now").get_data(as_text=True)


def test_help_panel_is_hidden_on_a_day_without_tickets(client):
    assert "hidden" in client.get("/help/now").get_data(as_text=True).split(">")[0]


def test_help_chime_is_a_short_wav_made_here_and_can_be_off(tmp_path):
    app = create_app({"INSTANCE_PATH": str(tmp_path / "i"), "TESTING": True, "HELP_CHIME": False})
    response = app.test_client().get("/help/chime.wav")
    assert response.mimetype == "audio/wav"
    with wave.open(io.BytesIO(response.get_data())) as sound:
        seconds = sound.getnframes() / sound.getframerate()
        assert (sound.getnchannels(), sound.getsampwidth()) == (1, 2) and 0.5 < seconds < 2
    assert 'data-chime="0"' in app.test_client().get("/help/now").get_data(as_text=True)


def _phone_link(app, client):
    take(client)
    slip = queue.get_job(connect(app.config["DATABASE"]), len(rows(app, "SELECT id FROM "
                                                                         "print_jobs"))).slip
    url = next(e for e in slip.body if type(e).__name__ == "QRCode").data
    return "/q/" + url.rsplit("/q/", 1)[1]


def test_help_the_phone_follows_the_place_in_line_from_the_lan(app, client, at):
    take(client)
    link = _phone_link(app, client)
    phone = app.test_client()
    page = phone.get(link, environ_base=LAN)
    body = page.get_data(as_text=True)
    assert page.status_code == 200 and 'data-number>2<' in body and 'data-before="1"' in body
    assert "weten we nog niet" in body
    call(app, 1)
    at(NOON + timedelta(minutes=10))
    call(app, 1, "done", outcome="geholpen")
    status = re.search(r'hx-get="([^"]+)"', body).group(1).replace("&amp;", "&")
    moved = phone.get(status, environ_base=LAN).get_data(as_text=True)
    assert 'data-before="0"' in moved and "ongeveer 10 minuten" in moved
    call(app, 2)
    assert "Het is jouw beurt" in phone.get(link, environ_base=LAN).get_data(as_text=True)
    call(app, 2, "done", outcome="geholpen")
    assert phone.get(link, environ_base=LAN).status_code == 410


def test_help_the_phone_link_ends_with_the_day_and_guesses_are_refused(app, client, at):
    link = _phone_link(app, client)
    phone = app.test_client()
    at(NOON + timedelta(days=1))
    assert phone.get(link, environ_base=LAN).status_code == 410
    assert phone.get("/q/" + "A" * 22, environ_base=LAN).status_code == 404
    assert phone.get("/help", environ_base=LAN).status_code == 403  # only /q/ from the LAN
    assert phone.get("/help/now", environ_base=LAN).status_code == 403


def test_help_the_phone_page_speaks_the_visitors_language(app, client, at):
    client.get("/lang/fr")
    link = _phone_link(app, client)
    body = app.test_client().get(link, environ_base=LAN).get_data(as_text=True)
    assert '<html lang="fr">' in body


def test_help_with_the_printer_missing_the_number_still_shows_and_waits(tmp_path, at):
    with socket.socket() as unused:  # a port nobody listens on: the printer is unplugged
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    app = create_app({"INSTANCE_PATH": str(tmp_path / "i"), "TESTING": True,
                      "RECEIPT_PRINTER": f"network:127.0.0.1:{port}"})
    client = app.test_client()
    take(client)
    db = connect(app.config["DATABASE"])
    PrintWorker(lambda: db, app.extensions["printing"].printer, idle_poll=0).step(db)
    [(status, attempts)] = rows(app, "SELECT status, attempts FROM print_jobs")
    assert (status, attempts) == ("queued", 1)  # tried, and tried again later
    body = client.get("/help/nummer").get_data(as_text=True)
    assert "data-ticket-number>1<" in body and "/q/" in body  # the number and the phone's code
    assert "Vraag het aan een vrijwilliger." in body
    assert rows(app, "SELECT number, status FROM help_tickets") == [(1, "waiting")]
    assert 'data-waiting>1<' in client.get("/help/now").get_data(as_text=True)
