"""Check-in through the test client: stored once, anonymously, and bad input stores nothing."""

import pytest

from kiosk.db import connect
from tests.helpers import form_fields


def _visits(app):
    db = connect(app.config["DATABASE"])
    try:
        return list(db.query(
            "SELECT v.id, v.language, v.source, group_concat(r.reason) AS reasons FROM visits v "
            "JOIN visit_reasons r ON r.visit_id = v.id GROUP BY v.id ORDER BY v.id"))
    finally:
        db.close()


def _form(client):
    return form_fields(client.get("/checkin").get_data(as_text=True))


def test_checkin_stores_reasons_and_language_only(app, client):
    fields = _form(client)
    response = client.post("/checkin", data={**fields, "reason": ["koffie", "rechten"]})
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/checkin/bedankt")
    visits = _visits(app)
    assert [(v["language"], v["source"], v["reasons"]) for v in visits] == [
        ("nl", "kiosk", "koffie,rechten")]


def test_checkin_double_tap_stores_one_visit(app, client):
    fields = _form(client)
    for _ in range(3):
        response = client.post("/checkin", data={**fields, "reason": "koffie"},
                               headers={"HX-Request": "true"})
        assert response.status_code == 200
        assert "Bedankt" in response.get_data(as_text=True)
    assert len(_visits(app)) == 1


def test_checkin_htmx_gets_only_the_partial(client):
    fields = _form(client)
    response = client.post("/checkin", data={**fields, "reason": "buren"},
                           headers={"HX-Request": "true"})
    body = response.get_data(as_text=True)
    assert "<html" not in body
    assert body.lstrip().startswith('<section id="checkin"')
    assert "HX-Request" in response.headers["Vary"]


def test_checkin_records_the_visitors_language(app, client):
    client.get("/lang/fr")
    fields = _form(client)
    client.post("/checkin", data={**fields, "reason": "idee"})
    assert _visits(app)[0]["language"] == "fr"


@pytest.mark.parametrize(("reasons", "message"), [
    ([], "Kies minstens één reden."),
    (["koffie", "casino"], "Die reden kennen we niet."),
    (["<script>alert(1)</script>"], "Die reden kennen we niet."),
])
def test_checkin_bad_reasons_get_a_clear_message_and_store_nothing(app, client, reasons, message):
    fields = _form(client)
    response = client.post("/checkin", data={**fields, "reason": reasons},
                           headers={"HX-Request": "true"})
    body = response.get_data(as_text=True)
    assert response.status_code == 422
    assert message in body
    assert "<script>alert" not in body
    assert _visits(app) == []


def test_checkin_error_keeps_what_was_chosen(client):
    fields = _form(client)
    response = client.post("/checkin", data={**fields, "reason": ["koffie", "nope"]})
    assert response.status_code == 422
    assert 'value="koffie" checked' in response.get_data(as_text=True)


def test_checkin_bad_key_is_refused(app, client):
    fields = _form(client)
    response = client.post("/checkin", data={**fields, "key": "x' OR 1=1", "reason": "koffie"})
    assert response.status_code == 422
    assert _visits(app) == []


def test_checkin_oversize_request_is_refused_with_a_message(app, client):
    fields = _form(client)
    response = client.post("/checkin", data={**fields, "reason": "koffie", "pad": "x" * 100_000})
    assert response.status_code == 413
    assert "te veel" in response.get_data(as_text=True)
    assert _visits(app) == []


def test_checkin_thanks_page_returns_home_by_itself(client):
    body = client.get("/checkin/bedankt").get_data(as_text=True)
    assert 'data-return-home="8"' in body
