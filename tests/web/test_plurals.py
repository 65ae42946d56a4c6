"""Counts on screen agree with their noun: "1 rol", "1 verkoop", never "1 rollen" or "0 buren"."""

import re

import pytest

import sales
from kiosk import create_app
from kiosk.db import connect
from kiosk.ideas import store as ideas
from tests.helpers import add_volunteer, csrf_token, log_in

HTMX = {"HX-Request": "true"}


@pytest.fixture
def app(tmp_path):
    return create_app({"INSTANCE_PATH": str(tmp_path / "instance"), "TESTING": True,
                       "RECEIPT_PRINTER": "dummy"})


@pytest.fixture
def db(app):
    db = connect(app.config["DATABASE"])
    yield db
    db.close()


@pytest.fixture
def desk(app, client):
    log_in(client, add_volunteer(app))
    client.environ_base["HTTP_X_CSRFTOKEN"] = csrf_token(client, "/desk")
    return client


def _text(response) -> str:
    """The page's words without markup, spaces (and non-breaking spaces) made plain."""
    return " ".join(re.sub(r"<[^>]+>", " ", response.get_data(as_text=True)).split())


def test_plurals_one_roll_of_stock_is_one_rol(db, desk):
    sales.record_intake(db, "PMD", rolls=1, volunteer="Anna")
    text = _text(desk.get("/desk/stock"))
    assert "1 rol + 0" in text and "1 rollen" not in text


def test_plurals_one_bag_delivered_and_one_bag_left(db, desk):
    text = _text(desk.post("/desk/stock/intake", data={"product": "REST30", "pieces": "1"},
                           headers=HTMX))
    assert "1 zak Restafvalzak 30 l erbij geteld." in text
    low = _text(desk.get("/desk"))
    assert "nog 1 zak" in low and "nog 1 zakken" not in low
    text = _text(desk.post("/desk/stock/correct", data={"product": "REST30", "pieces": "5",
                                                         "direction": "remove",
                                                         "reason": "geteld"}, headers=HTMX))
    assert "Er is maar 1 zak Restafvalzak 30 l" in text


def test_plurals_one_sale_is_one_verkoop(db, desk):
    sales.record_intake(db, "PMD", pieces=10, volunteer="Anna")
    sales.open_session(db, 5000, "Anna")
    sales.record_sale(db, {"PMD": 1}, sales.Payment("cash", 100), "Anna", "a" * 32, "BP1")
    journal = _text(desk.get("/desk/bonnen"))
    assert "1 verkoop," in journal and "1 verkopen" not in journal
    report = _text(desk.get("/desk/cash/x"))
    assert "1 verkoop, 0 geannuleerd" in report and "1 verkopen" not in report


def test_plurals_an_idea_nobody_joined_yet_says_so(db, client):
    draft = {"kind": "idee", "theme": "groen", "text": "Meer bomen", "place": "", "name": "",
             "phone": "", "email": "", "consent": ""}
    idea, _created = ideas.record_idea(db, draft, "b" * 32)
    ideas.set_public(db, idea["id"], True, "Meer bomen")
    text = _text(client.get("/ideas/wall"))
    assert "Nog niemand vindt dit ook" in text and "0 buren" not in text
