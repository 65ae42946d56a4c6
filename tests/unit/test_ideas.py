"""kiosk.ideas on a fresh database, without Flask: checks, idempotency, votes, status, purge."""

from datetime import UTC, datetime, timedelta

import pytest

from kiosk import clock
from kiosk.ideas import store as ideas

T0 = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)
DRAFT = {"kind": "melding", "theme": "netheid", "text": "Zwerfvuil aan de Dender",
         "place": "", "name": "", "phone": "", "email": "", "consent": ""}


@pytest.fixture(autouse=True)
def frozen_clock(monkeypatch):
    monkeypatch.setattr(clock, "now", lambda: T0)


def test_clean_trims_normalises_and_drops_control_characters():
    draft = ideas.clean({"text": "  Twee\r\nregels\x00 é  ", "name": " Jan \t Peeters ",
                         "consent": "on", "place": "e\u0301"})
    assert draft["text"] == "Twee\nregels é"
    assert draft["name"] == "Jan Peeters"
    assert draft["place"] == "é"  # NFC: one character, as the keyboard types it
    assert draft["consent"] == "1" and draft["kind"] == ""


def test_validate_only_checks_the_steps_asked_for():
    assert ideas.validate({**DRAFT, "text": ""}, ("kind", "theme")) == {}
    assert ideas.validate({**DRAFT, "text": ""}) == {"text": "text-empty"}
    assert ideas.validate({**DRAFT, "text": "x" * 11}, max_chars=10) == {"text": "text-long"}
    assert ideas.validate({**DRAFT, "text": "x" * 10}, max_chars=10) == {}


def test_record_idea_once_per_key(fresh_db):
    first, created = ideas.record_idea(fresh_db, DRAFT, "a" * 32)
    again, created_again = ideas.record_idea(fresh_db, DRAFT, "a" * 32)
    other, _ = ideas.record_idea(fresh_db, DRAFT, "b" * 32)
    assert (created, created_again) == (True, False)
    assert first["id"] == again["id"] != other["id"]
    assert first["created_at"] == clock.iso(T0) and first["status"] == "nieuw"
    assert first["public"] == 0 and first["public_text"] == DRAFT["text"]


@pytest.mark.parametrize("key", ["", "short", "Z" * 32, "a" * 33])
def test_record_idea_refuses_a_bad_key(fresh_db, key):
    with pytest.raises(ideas.IdeaError) as error:
        ideas.record_idea(fresh_db, DRAFT, key)
    assert error.value.errors == {"key": "invalid-key"}


def test_record_idea_keeps_contact_only_with_consent(fresh_db):
    with pytest.raises(ideas.IdeaError) as error:
        ideas.record_idea(fresh_db, {**DRAFT, "email": "jan@voorbeeld.be"}, "c" * 32)
    assert error.value.errors == {"consent": "consent-missing"}
    idea, _ = ideas.record_idea(
        fresh_db, {**DRAFT, "email": "jan@voorbeeld.be", "consent": "1"}, "d" * 32)
    assert idea["contact_email"] == "jan@voorbeeld.be" and idea["consent_at"] == clock.iso(T0)


def test_vote_once_per_voter_and_only_on_public_ideas(fresh_db):
    idea = ideas.record_idea(fresh_db, DRAFT, "a" * 32)[0]["id"]
    assert not ideas.vote(fresh_db, idea, "v1")
    ideas.set_public(fresh_db, idea, True, "Zwerfvuil")
    assert ideas.vote(fresh_db, idea, "v1")
    assert not ideas.vote(fresh_db, idea, "v1")
    assert ideas.vote(fresh_db, idea, "v2")
    assert not ideas.vote(fresh_db, idea, "")
    wall = ideas.public_ideas(fresh_db, "v1")
    assert [(i["id"], i["votes"], i["voted"]) for i in wall] == [(idea, 2, 1)]


def test_change_status_reports_no_change_and_unknown_status(fresh_db):
    idea = ideas.record_idea(fresh_db, DRAFT, "a" * 32)[0]["id"]
    assert ideas.change_status(fresh_db, idea, "gebeurd", "", None)
    assert not ideas.change_status(fresh_db, idea, "gebeurd", "", None)
    with pytest.raises(ideas.IdeaError):
        ideas.change_status(fresh_db, idea, "weg", "", None)
    with pytest.raises(ideas.IdeaError):
        ideas.change_status(fresh_db, idea, "bekijken", "x" * 201, None)
    assert len(ideas.status_log(fresh_db, idea)) == 1


def test_closing_again_keeps_the_first_closing_time(fresh_db, monkeypatch):
    idea = ideas.record_idea(fresh_db, DRAFT, "a" * 32)[0]["id"]
    ideas.change_status(fresh_db, idea, "gebeurd", "", None)
    monkeypatch.setattr(clock, "now", lambda: T0 + timedelta(days=5))
    ideas.change_status(fresh_db, idea, "niet_mogelijk", "Toch niet", None)
    assert ideas.get_idea(fresh_db, idea)["closed_at"] == clock.iso(T0)


def test_purge_contacts_leaves_open_and_recent_ideas_alone(fresh_db):
    closed = ideas.record_idea(fresh_db, {**DRAFT, "phone": "0470123456", "consent": "1"},
                               "a" * 32)[0]["id"]
    still_open = ideas.record_idea(fresh_db, {**DRAFT, "phone": "052123456", "consent": "1"},
                                   "b" * 32)[0]["id"]
    ideas.change_status(fresh_db, closed, "gebeurd", "", None)
    assert ideas.purge_contacts(fresh_db, T0 + timedelta(days=89)) == 0
    assert ideas.purge_contacts(fresh_db, T0 + timedelta(days=90)) == 1
    row = ideas.get_idea(fresh_db, closed)
    assert row["contact_phone"] == "" and row["contact_purged_at"] == clock.iso(
        T0 + timedelta(days=90))
    assert ideas.get_idea(fresh_db, still_open)["contact_phone"] == "052123456"
    assert ideas.purge_contacts(fresh_db, T0 + timedelta(days=400)) == 0
