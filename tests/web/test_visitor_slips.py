"""Slips a visitor takes home speak their language under a Dutch title; receipts stay Dutch."""

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from kiosk import clock
from kiosk.ideas.slips import thanks_slip
from kiosk.prints.slips import proof_slip
from kiosk.prints.store import Document
from printer.address import Profile
from printer.layout import layout
from printer.slip import BigNumber, Header, Text

HEADER = Header("Buurtpunt Dendermonde")
WINTER = datetime(2026, 11, 27, 13, 3, tzinfo=UTC)
IDEA = {"id": 12, "kind": "idee", "theme": "spelen", "created_at": clock.iso(WINTER),
        "language": "fr"}
DOC = Document(id=3, token_hash="x", language="en", status="done", error=None,
               created_at=clock.iso(WINTER), expires_at=clock.iso(WINTER),
               uploaded_at=clock.iso(WINTER), file_path=None, thumb_path=None, file_name=None,
               pages=3, copies=1, page_from=1, page_to=3, colour=0, price_cents=0,
               receipt_number=None, printer_job=None, confirmed_at=clock.iso(WINTER),
               printed_at=clock.iso(WINTER), deleted_at=clock.iso(WINTER))


@pytest.fixture
def in_request(app, monkeypatch):
    """A request in Dutch (the desk, a worker): the slip follows the record, not the request."""
    monkeypatch.setattr(clock, "now", lambda: WINTER)
    with app.test_request_context("/"):
        yield


def _printed(slip) -> str:
    return "\n".join(line.text for line in layout(slip, Profile()))


def test_visitor_slips_idea_thanks_in_french_under_a_dutch_title(in_request):
    slip = thanks_slip(IDEA, HEADER)
    assert slip.title == "Bedankt voor je idee!"
    assert slip.body[0] == Text("Merci pour votre idée !", align="center", bold=True)
    assert BigNumber("12", caption="Votre numéro") in slip.body
    assert (slip.language, slip.printed_at) == ("fr", "27/11/2026 14:03")
    paper = _printed(slip)
    assert "Merci pour votre idée" in paper and "Je nummer" not in paper


def test_visitor_slips_proof_of_deletion_in_english_under_a_dutch_title(in_request):
    slip = proof_slip(DOC, HEADER)
    assert slip.title == "Bewijs: je bestand is gewist"
    assert slip.body[0] == Text("Proof: your file is deleted", align="center", bold=True)
    paper = _printed(slip)
    assert "Deleted" in paper and "27/11/2026 14:03" in paper and "Gewist" not in paper


def test_visitor_slips_in_dutch_have_the_title_once(in_request):
    slip = thanks_slip({**IDEA, "language": "nl"}, HEADER)
    assert slip.title == "Bedankt voor je idee!"
    assert not any(isinstance(e, Text) and e.text == slip.title for e in slip.body)
    assert BigNumber("12", caption="Je nummer") in slip.body


def test_visitor_slips_an_unknown_language_falls_back_to_dutch(in_request):
    slip = proof_slip(replace(DOC, language="xx"), HEADER)
    assert (slip.language, slip.body[0].label) == ("nl", "Ontvangen")
