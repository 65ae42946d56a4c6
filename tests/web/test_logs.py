"""Log lines for journald: priorities, one traceback once, the access log switch."""

import logging
import os

import pytest

from kiosk import create_app, logs


@pytest.fixture
def journal(tmp_path, monkeypatch):
    """A file that systemd would have named as the journal's stream (JOURNAL_STREAM)."""
    with open(tmp_path / "journal", "w+", encoding="utf-8") as stream:
        stat = os.fstat(stream.fileno())
        monkeypatch.setenv("JOURNAL_STREAM", f"{stat.st_dev}:{stat.st_ino}")
        yield stream
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "kiosk", False)]:
        root.removeHandler(handler)


def _app(tmp_path, **config):
    # Not TESTING: a view's exception becomes a 500 page and a log record, as on the device.
    app = create_app({"INSTANCE_PATH": str(tmp_path / "instance"), **config})

    @app.get("/boom")
    def boom():
        raise RuntimeError("de printer viel om")

    return app


@pytest.mark.parametrize(("level", "number"), [
    (logging.CRITICAL, 2), (logging.ERROR, 3), (logging.WARNING, 4), (logging.INFO, 6),
    (logging.DEBUG, 7)])
def test_journal_formatter_gives_each_level_its_priority(level, number):
    record = logging.LogRecord("kiosk", level, __file__, 1, "papier op", None, None)
    assert logs.JournalFormatter().format(record) == f"<{number}>kiosk: papier op"


def test_journal_formatter_puts_the_priority_on_every_traceback_line():
    try:
        raise ValueError("kapot")
    except ValueError:
        record = logging.LogRecord("kiosk", logging.ERROR, __file__, 1, "mis", None,
                                   __import__("sys").exc_info())
    lines = logs.JournalFormatter().format(record).splitlines()
    assert len(lines) > 3
    assert all(line.startswith("<3>") for line in lines)
    assert lines[-1] == "<3>ValueError: kapot"


def test_an_error_in_a_request_is_one_error_with_its_traceback_once(tmp_path, journal):
    app = _app(tmp_path)
    logs.setup(app, journal)
    assert app.test_client().get("/boom").status_code == 500
    journal.seek(0)
    lines = journal.read().splitlines()
    assert sum("Traceback (most recent call last)" in line for line in lines) == 1
    assert sum("RuntimeError: de printer viel om" in line for line in lines) == 1
    assert lines and all(line.startswith("<3>") for line in lines)
    # Flask's own handler (to the same stderr under systemd) would have written it a second time.
    assert app.logger.handlers == []


def test_outside_journald_lines_carry_a_time_and_no_priority(tmp_path, monkeypatch):
    monkeypatch.delenv("JOURNAL_STREAM", raising=False)
    with open(tmp_path / "terminal", "w+", encoding="utf-8") as stream:
        handler = logs.setup(_app(tmp_path), stream)
        try:
            logging.getLogger("kiosk.test").warning("papier bijna op")
        finally:
            logging.getLogger().removeHandler(handler)
        stream.seek(0)
        line = stream.read().strip()
    assert line.endswith("WARNING kiosk.test: papier bijna op")
    assert not line.startswith("<")


def test_access_log_is_off_by_default_and_names_the_route_when_on(tmp_path, journal):
    quiet = _app(tmp_path)
    logs.setup(quiet, journal)
    quiet.test_client().get("/")
    journal.seek(0)
    assert journal.read() == ""
    loud = _app(tmp_path, ACCESS_LOG=True)
    logs.setup(loud, journal)
    loud.test_client().get("/lang/fr")
    loud.test_client().get("/u/" + "a" * 22)
    journal.seek(0)
    lines = journal.read().splitlines()
    assert lines[0].startswith("<6>kiosk.access: GET /lang/<code> 30")
    assert "a" * 22 not in "\n".join(lines)
