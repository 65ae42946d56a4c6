"""The desk's printer page, /healthz's printer part and the visitor's slip status."""

import time

import pytest

from kiosk import create_app
from kiosk.config import ConfigError
from kiosk.db import connect
from printer import queue
from printer.slip import Header, Slip, Text
from tests.helpers import add_volunteer, audit_actions, csrf_token, log_in

HTMX = {"HX-Request": "true"}


@pytest.fixture
def app(tmp_path):
    return create_app({"INSTANCE_PATH": str(tmp_path / "instance"), "TESTING": True,
                       "RECEIPT_PRINTER": "dummy"})


@pytest.fixture
def desk(app, client):
    log_in(client, add_volunteer(app))
    return client


def _slip(text="Bedankt voor je bezoek"):
    return Slip(header=Header("Buurtpunt Test"), body=[Text(text)], title="Proefbon")


def _db(app):
    return connect(app.config["DATABASE"])


def _job(app, status="queued", text="Bedankt voor je bezoek"):
    db = _db(app)
    job_id = queue.enqueue(db, "ticket", _slip(text))
    if status != "queued":
        claimed = queue.claim_next(db)
        assert claimed.id == job_id
        if status == "failed":
            queue.mark_failed(db, job_id, "De printer op 127.0.0.1:9100 antwoordt niet.",
                              reached_printer=True)
        elif status == "done":
            queue.mark_done(db, job_id)
    db.close()
    return job_id


def _status(app, job_id):
    db = _db(app)
    job = queue.get_job(db, job_id)
    db.close()
    return job.status


def test_printer_page_requires_login(client):
    assert client.get("/desk/printer").status_code == 302


def test_printer_page_shows_status_queue_and_recent_slips(app, desk):
    failed, done, waiting = _job(app, "failed"), _job(app, "done"), _job(app)
    body = desk.get("/desk/printer").get_data(as_text=True)
    assert 'id="printer-status"' in body
    assert f'data-job="{waiting}" data-status="queued"' in body
    assert f'data-job="{failed}" data-status="failed"' in body
    assert "antwoordt niet" in body
    assert f'data-job="{done}" data-status="done"' in body
    assert "testprinter in het geheugen" in body


def test_printer_retry_and_cancel(app, desk):
    failed, waiting = _job(app, "failed"), _job(app)
    token = csrf_token(desk, "/desk/printer")
    headers = {**HTMX, "X-CSRFToken": token}
    response = desk.post(f"/desk/printer/{failed}/retry", headers=headers)
    assert response.status_code == 200
    assert "<html" not in response.get_data(as_text=True)
    assert _status(app, failed) == "queued"
    assert desk.post(f"/desk/printer/{waiting}/cancel", headers=headers).status_code == 200
    assert _status(app, waiting) == "cancelled"
    assert desk.post(f"/desk/printer/{waiting}/cancel", headers=headers).status_code == 409
    actions = [a[1:] for a in audit_actions(app) if a[1].startswith("print-")]
    assert actions == [("print-retry", f"opdracht {failed}"),
                       ("print-cancel", f"opdracht {waiting}")]


def test_printer_reprint_makes_a_duplicate(app, desk):
    done = _job(app, "done")
    token = csrf_token(desk, "/desk/printer")
    response = desk.post(f"/desk/printer/{done}/reprint", headers={**HTMX, "X-CSRFToken": token})
    assert response.status_code == 200
    db = _db(app)
    copy = queue.recent(db, 1)[0]
    db.close()
    assert copy.reprint_of == done and copy.slip.duplicate and copy.status == "queued"
    preview = desk.get(f"/desk/printer/{copy.id}/preview").get_data(as_text=True)
    assert "DUPLICAAT" in preview


def test_printer_unknown_job_is_404(desk):
    token = csrf_token(desk, "/desk/printer")
    response = desk.post("/desk/printer/999/retry", headers={**HTMX, "X-CSRFToken": token})
    assert response.status_code == 404


def test_printer_test_button_queues_a_test_slip(app, desk):
    token = csrf_token(desk, "/desk/printer")
    response = desk.post("/desk/printer/test", headers={**HTMX, "X-CSRFToken": token})
    assert response.status_code == 200
    db = _db(app)
    job = queue.recent(db, 1)[0]
    db.close()
    assert job.kind == "test" and "€" in job.payload


def test_printer_preview_escapes_text(app, desk):
    job_id = _job(app, text="<script>alert(1)</script>")
    body = desk.get(f"/desk/printer/{job_id}/preview").get_data(as_text=True)
    assert "<script>" not in body and "&lt;script&gt;" in body
    assert "style=" not in body


def test_printer_polling_does_not_keep_the_desk_open(app, desk, monkeypatch):
    start = time.time()
    for step in (1, 2):
        moment = start + step * (app.config["DESK_IDLE_SECONDS"] - 30)
        monkeypatch.setattr(time, "time", lambda moment=moment: moment)
        response = desk.get("/desk/printer/status", headers=HTMX)
    assert response.status_code == 204
    assert response.headers["HX-Redirect"] == "/desk/login?idle=1"


def test_healthz_reports_the_receipt_printer_and_queue(app, client):
    _job(app, "done"), _job(app), _job(app)
    body = client.get("/healthz").get_json()
    assert body["queue_length"] == 2
    assert body["printers"]["receipt"]["address"] == "dummy"
    assert body["printers"]["receipt"]["state"] == "unknown"


@pytest.mark.parametrize(("status", "text"), [
    ("queued", "Je bonnetje wordt afgedrukt"),
    ("failed", "Vraag het aan een vrijwilliger"),
    ("done", "Je bonnetje is afgedrukt"),
])
def test_slip_status_speaks_plain_words(app, client, status, text):
    job_id = _job(app, status)
    response = client.get(f"/slip/{job_id}", headers=HTMX)
    body = response.get_data(as_text=True)
    assert text in body
    assert "antwoordt niet" not in body  # never the technical error
    assert ('hx-trigger="every 2s"' in body) == (status == "queued")


def test_slip_status_unknown_job_is_404(client):
    assert client.get("/slip/12345").status_code == 404


@pytest.mark.parametrize(("setting", "value"), [
    ("RECEIPT_PRINTER", "network:printer"),
    ("RECEIPT_PRINTER", "usb:zz:01"),
    ("RECEIPT_PRINTER", "bluetooth:aa"),
    ("PRINTER_PAPER_MM", 60),
])
def test_bad_printer_setting_stops_the_start_with_its_name(tmp_path, setting, value):
    with pytest.raises(ConfigError) as error:
        create_app({"INSTANCE_PATH": str(tmp_path), setting: value})
    message = str(error.value)
    assert "Voorbeeld" in message
    assert setting.split("_")[0] in message or "KIOSK_RECEIPT_PRINTER" in message
