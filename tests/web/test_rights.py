"""The rights finder over HTTP: nothing of the answers is stored (only counts of cards shown),
texts per language with the Dutch fallback marked, a card's slip without answers, the desk's
texts and checked dates, and `kiosk rights load`."""

import json
import re
from datetime import UTC, datetime

import pytest

from kiosk import clock
from kiosk.db import connect
from kiosk.rights import store
from kiosk.rights.rules import Right
from tests.helpers import add_volunteer, audit_actions, form_fields, log_in

HX = {"HX-Request": "true"}
# Answers with words that would stand out anywhere they were kept.
ANSWERS = [("household", "others"), ("children", "yes"), ("benefit", "yes"), ("age65", "skip"),
           ("housing", "no"), ("disability", "no")]


def _dump(app) -> dict[str, list]:
    """Every row of every table, by table (what the kiosk keeps)."""
    db = connect(app.config["DATABASE"])
    try:
        names = [r[0] for r in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
        return {name: db.execute(f"SELECT * FROM [{name}]").fetchall() for name in names}
    finally:
        db.close()


def _answer_all(client, answers=ANSWERS):
    fields = form_fields(client.get("/rights").get_data(as_text=True))
    for question, answer in answers:
        page = client.post("/rights/step", data={**fields, "question": question,
                                                 "answer": answer}, headers=HX)
        assert page.status_code == 200
        fields = form_fields(page.get_data(as_text=True))
    return page.get_data(as_text=True), fields


def test_rights_the_answers_are_not_stored_only_a_count_of_the_cards_shown(app, client):
    before = _dump(app)
    html, fields = _answer_all(client)
    card = client.post("/rights/card/huurpremie", data=fields, headers=HX)
    back = client.post("/rights/results", data=form_fields(card.get_data(as_text=True)),
                       headers=HX)
    after = _dump(app)
    changed = {name for name in after if after[name] != before.get(name)}
    assert changed == {"rights_shown", "rights_keys"}
    shown = re.findall(r'data-right="([^"]+)" data-fit', html)
    assert sorted(code for _, code, _ in after["rights_shown"]) == sorted(shown)
    assert all(count == 1 for *_, count in after["rights_shown"])  # back to the list: no recount
    assert re.findall(r'data-right="([^"]+)" data-fit', back.get_data(as_text=True)) == shown
    assert [len(row[0]) for row in after["rights_keys"]] == [32]  # a random key, nothing else
    # Nor in the session cookie: the answers travel in the form only.
    cookie = client.get_cookie("kiosk_session")
    session = app.session_interface.get_signing_serializer(app).loads(cookie.value) \
        if cookie else {}
    assert not set(json.dumps(session).split('"')) & ({q for q, _ in ANSWERS} | {"others"})


def test_rights_a_double_tap_on_the_last_answer_counts_once(app, client):
    fields = form_fields(client.get("/rights").get_data(as_text=True))
    last = {**fields, **dict(ANSWERS[:-1]), "question": "disability", "answer": "no"}
    for _ in range(2):
        assert client.post("/rights/step", data=last, headers=HX).status_code == 200
    assert {count for *_, count in _dump(app)["rights_shown"]} == {1}


def test_rights_a_skipped_question_keeps_a_card_as_maybe(client):
    html, _ = _answer_all(client, [(q, "skip") for q, _ in ANSWERS])
    fits = dict(re.findall(r'data-right="([^"]+)" data-fit="([^"]+)"', html))
    assert fits["ocmw-steun"] == "yes" and fits["zorgbudget"] == "maybe"
    assert "Dit is een eerste aanwijzing, geen beslissing" in html


def test_rights_back_goes_to_the_last_question_and_forgets_its_answer(client):
    fields = form_fields(client.get("/rights").get_data(as_text=True))
    page = client.post("/rights/step", data={**fields, "question": "household",
                                             "answer": "alone"}, headers=HX)
    back = client.post("/rights/step", data={**form_fields(page.get_data(as_text=True)),
                                             "go": "back"}, headers=HX)
    assert 'data-question="household"' in back.get_data(as_text=True)
    assert "household" not in {k for k in form_fields(back.get_data(as_text=True))
                               if k != "question"}


def test_rights_every_card_says_it_is_a_first_indication(client):
    _, fields = _answer_all(client)
    for code in ("huurpremie", "ocmw-steun"):
        card = client.post(f"/rights/card/{code}", data=fields, headers=HX)
        assert "Dit is een eerste aanwijzing, geen beslissing." in card.get_data(as_text=True)


@pytest.fixture
def dutch_only(app):
    """A right with Dutch texts only."""
    db = connect(app.config["DATABASE"])
    store.save_right(db, Right("nieuw", "no", datetime(2026, 11, 1).date(),
                               texts={"nl": {"title": "Nieuwe premie", "what": "Iets nieuws."}},
                               position=99))
    db.close()


def test_rights_texts_in_the_visitors_language_and_dutch_marked_as_such(client, dutch_only):
    client.get("/lang/en")
    _, fields = _answer_all(client)
    english = client.post("/rights/card/huurpremie", data=fields, headers=HX)
    body = english.get_data(as_text=True)
    assert "Flanders pays part of your rent every month." in body and "data-fallback" not in body
    dutch = client.post("/rights/card/nieuw", data=fields, headers=HX).get_data(as_text=True)
    assert re.search(r'<h1 id="card-title" lang="nl">Nieuwe premie</h1>', dutch)
    assert "data-fallback" in dutch and '<dd lang="nl">Iets nieuws.</dd>' in dutch


def test_rights_a_card_prints_once_per_visit_with_its_qr_code_and_no_answers(app, client):
    _, fields = _answer_all(client)
    for _ in range(2):  # a double tap
        page = client.post("/rights/card/huurpremie/print", data=fields, headers=HX)
        assert 'id="slip-status"' in page.get_data(as_text=True)
    db = connect(app.config["DATABASE"])
    jobs = db.execute("SELECT kind, payload, ref FROM print_jobs").fetchall()
    db.close()
    assert len(jobs) == 1 and jobs[0][0] == "rights"
    slip = json.loads(jobs[0][1])
    assert slip["title"] == "Mijn rechten: een eerste aanwijzing"
    texts = " ".join(str(e.get("text", "")) for e in slip["body"])
    assert "Huurpremie of huursubsidie" in texts and "Gentsesteenweg 1" in texts
    assert "eerste aanwijzing, geen beslissing" in texts
    assert {"type": "qrcode", "data": store.get_right(connect(app.config["DATABASE"]),
                                                      "huurpremie").source,
            "size": 6, "caption": "Meer uitleg op je telefoon"} in slip["body"]
    for _, answer in ANSWERS:  # the card's general text, never what was answered
        assert f'"{answer}"' not in jobs[0][1]


def test_rights_an_unknown_card_is_a_404(client):
    assert client.post("/rights/card/bestaat-niet", data={}).status_code in (400, 404)


@pytest.fixture
def desk(app, client):
    log_in(client, add_volunteer(app))
    return client


def test_rights_desk_edits_a_text_in_one_language_and_logs_it(app, desk):
    page = desk.get("/desk/rights/zorgbudget?lang=en").get_data(as_text=True)
    fields = form_fields(page)
    answer = desk.post("/desk/rights/zorgbudget", headers=HX, data={
        **fields, "title": "Care budget", "what": "Money each month.", "checked": "2026-11-20"})
    assert answer.status_code == 200 and "De tekst is bewaard." in answer.get_data(as_text=True)
    right = store.get_right(connect(app.config["DATABASE"]), "zorgbudget")
    assert right.texts["en"] == {"title": "Care budget", "what": "Money each month."}
    assert right.texts["nl"]["title"].startswith("Zorgbudget")  # other languages untouched
    assert str(right.checked) == "2026-11-20"
    assert ("Anna", "rights-edit",
            "Zorgbudget van de Vlaamse sociale bescherming (en)") in audit_actions(app)


@pytest.mark.parametrize(("change", "message"), [
    ({"language": "nl", "title": ""}, "Schrijf de titel"),
    ({"checked": "2099-01-01"}, "niet in de toekomst"),
    ({"what": "x" * 601}, "te lang"),
])
def test_rights_desk_refuses_what_cannot_be_kept(app, desk, change, message):
    fields = form_fields(desk.get("/desk/rights/zorgbudget").get_data(as_text=True))
    answer = desk.post("/desk/rights/zorgbudget", headers=HX,
                       data={**fields, "title": "Zorgbudget", "checked": "2026-11-20", **change})
    assert answer.status_code == 422 and message in answer.get_data(as_text=True)
    assert store.get_right(connect(app.config["DATABASE"]), "zorgbudget").checked.isoformat() \
        == "2026-11-27"


def test_rights_desk_warns_about_a_text_checked_too_long_ago(app, desk, monkeypatch):
    assert "data-overdue" not in desk.get("/desk/rights").get_data(as_text=True)
    later = datetime(2027, 12, 1, 10, tzinfo=UTC)  # more than CHECK_AFTER_MONTHS (12) later
    monkeypatch.setattr(clock, "now", lambda: later)
    log_in(desk, {"id": 1, "name": "Anna"})
    page = desk.get("/desk/rights").get_data(as_text=True)
    assert re.search(r'data-overdue="9"', page)
    assert "langer dan 12 maanden niet nagekeken" in page


def test_rights_load_command_loads_or_names_the_line_and_changes_nothing(app, runner, tmp_path):
    good = tmp_path / "rechten.toml"
    good.write_text('[[rights]]\ncode = "een"\nautomatic = "yes"\nchecked = 2026-11-27\n'
                    '[rights.nl]\ntitle = "Een"\n', encoding="utf-8")
    result = runner.invoke(args=["rights", "load", str(good)])
    assert result.exit_code == 0 and "Rechten geladen: 1 rechten" in result.output
    bad = tmp_path / "kapot.toml"
    bad.write_text('[[rights]]\ncode = "twee"\nautomatic = "misschien"\nchecked = 2026-11-27\n'
                   '[rights.nl]\ntitle = "Twee"\n', encoding="utf-8")
    result = runner.invoke(args=["rights", "load", str(bad)])
    assert result.exit_code == 1
    assert "er is niets veranderd" in result.output and "regel 3:" in result.output
    assert store.get_right(connect(app.config["DATABASE"]), "twee") is None
