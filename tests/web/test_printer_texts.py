"""The printer page speaks the desk's language: printer/ reports codes, the kiosk words them."""

import flask_babel
import pytest

from kiosk import create_app
from printer.document import DocumentPrinterState
from printer.status import PrinterStatus, parse_status
from printer.worker import WorkerState
from tests.helpers import add_volunteer, log_in

# Stand-ins for the English catalogue: the test checks that the page asks for these sentences.
WORDS = {
    "De laatste bon ging goed.": "The last slip printed fine.",
    "De bon kwam niet bij de printer; de kiosk probeert het opnieuw.":
        "The slip did not reach the printer; the kiosk tries again.",
    "CUPS antwoordt niet.": "CUPS does not answer.",
    "De printer meldt een storing (deksel open?).": "The printer reports a fault (cover open?).",
}


class _Words:
    """A catalogue that knows WORDS on top of the real one."""

    def __init__(self, base):
        self.base = base

    def ugettext(self, text):
        return WORDS.get(text) or self.base.ugettext(text)

    gettext = ugettext

    def __getattr__(self, name):
        return getattr(self.base, name)


@pytest.fixture
def app(tmp_path, monkeypatch):
    original = flask_babel.Domain.get_translations
    monkeypatch.setattr(flask_babel.Domain, "get_translations",
                        lambda self: _Words(original(self)))
    return create_app({"INSTANCE_PATH": str(tmp_path / "instance"), "TESTING": True,
                       "RECEIPT_PRINTER": "dummy"})


@pytest.fixture
def english_desk(app, client):
    client.get("/lang/en")
    log_in(client, add_volunteer(app))
    return client


def _printer_state(app, monkeypatch, state):
    monkeypatch.setattr(app.extensions["printing"], "state", lambda: state)


def test_printer_texts_status_and_last_error_in_the_desks_language(app, english_desk,
                                                                   monkeypatch):
    _printer_state(app, monkeypatch, WorkerState(
        status=PrinterStatus.of("online", reason="last_ok"),
        last_error="network:192.168.1.50:9100 antwoordt niet (Connection refused)",
        last_error_kind="unreachable", last_error_at="2026-11-27T13:03:00+00:00"))
    body = english_desk.get("/desk/printer").get_data(as_text=True)
    assert "The last slip printed fine." in body
    assert "De laatste bon ging goed." not in body
    assert "The slip did not reach the printer; the kiosk tries again." in body
    # The device's own words stay, as a technical detail for whoever fixes it.
    assert '<small class="technical">network:192.168.1.50:9100 antwoordt niet' in body


def test_printer_texts_a_reply_from_the_printer_is_worded_by_its_reason(app, english_desk,
                                                                        monkeypatch):
    status = parse_status(b"\x1a", b"\x12")  # offline bit set: a fault, e.g. the cover is open
    assert (status.state, status.reason) == ("offline", "cover_open")
    _printer_state(app, monkeypatch, WorkerState(status=status))
    body = english_desk.get("/desk/printer").get_data(as_text=True)
    assert "The printer reports a fault (cover open?)." in body
    assert 'class="technical"' not in body


def test_printer_texts_the_a4_printer_in_the_desks_language(app, english_desk, monkeypatch):
    monkeypatch.setattr(app.extensions["printing"], "a4_state", lambda: DocumentPrinterState(
        False, "CUPS antwoordt niet.", reason="cups_silent"))
    body = english_desk.get("/desk/printer/a4").get_data(as_text=True)
    assert "CUPS does not answer." in body and "CUPS antwoordt niet." not in body
