"""Printing from your own phone: the link, the upload checks, the choices, the purge."""

import io
import json
from datetime import timedelta

import pytest

from kiosk import clock, create_app
from kiosk.db import connect
from kiosk.prints import store as docs
from tests.helpers import csrf_token, form_fields, jpeg_bytes, pdf_bytes

LAN = {"REMOTE_ADDR": "192.168.1.40"}
HTMX = {"HX-Request": "true"}


@pytest.fixture
def app(tmp_path):
    return create_app({"INSTANCE_PATH": str(tmp_path / "instance"), "TESTING": True,
                       "DOCUMENT_PRINTER": f"file:{tmp_path / 'printed'}/",
                       "UPLOAD_BASE_URL": "http://192.168.1.10:8081"})


@pytest.fixture
def kiosk(client):
    """The kiosk screen's client, with a QR code on screen."""
    body = client.get("/print").get_data(as_text=True)
    client.upload_url = body.split("data-upload-url>")[1].split("<")[0]
    client.token = client.upload_url.rsplit("/", 1)[1]
    return client


@pytest.fixture
def phone(app):
    return app.test_client()


def _send(phone, url, data: bytes, name="brief.pdf", environ=LAN):
    path = url.split("8081", 1)[1]
    page = phone.get(path, environ_base=environ)
    fields = form_fields(page.get_data(as_text=True))
    return phone.post(path, environ_base=environ, content_type="multipart/form-data",
                      data={**fields, "file": (io.BytesIO(data), name)})


def _doc(app, token):
    db = connect(app.config["DATABASE"])
    try:
        return docs.by_token(db, token)
    finally:
        db.close()


def test_print_shows_a_qr_code_and_a_typed_address(kiosk):
    body = kiosk.get("/print").get_data(as_text=True)
    assert "<svg" in body and kiosk.upload_url.startswith("http://192.168.1.10:8081/u/")
    assert len(kiosk.token) >= 22  # 128 random bits


def test_print_status_poll_answers_nothing_while_nothing_changed(kiosk, phone):
    page = kiosk.get("/print").get_data(as_text=True)
    poll = page.split('hx-get="', 1)[1].split('"', 1)[0].replace("&amp;", "&")
    assert poll.startswith("/print/status?shown=")
    for _ in range(2):
        unchanged = kiosk.get(poll, headers=HTMX)
        assert unchanged.status_code == 200 and not unchanged.get_data()
        assert unchanged.headers["HX-Reswap"] == "none"
    _send(phone, kiosk.upload_url, pdf_bytes(2))
    changed = kiosk.get(poll, headers=HTMX)
    assert changed.status_code == 200
    assert 'data-status="ready"' in changed.get_data(as_text=True)


def test_upload_a_three_page_pdf_from_the_lan(app, kiosk, phone):
    response = _send(phone, kiosk.upload_url, pdf_bytes(3))
    assert response.status_code == 200
    assert "Gelukt!" in response.get_data(as_text=True)
    body = kiosk.get("/print/status", headers=HTMX).get_data(as_text=True)
    assert 'data-status="ready"' in body
    assert "data-pages>3<" in body and "brief.pdf" in body
    doc = _doc(app, kiosk.token)
    assert doc.pages == 3 and doc.file_path and "brief" not in doc.file_path
    assert app.static_folder not in doc.file_path
    with kiosk.get("/print/thumb") as thumb:
        assert thumb.data.startswith(b"\x89PNG")


def test_image_becomes_one_a4_page(app, kiosk, phone):
    assert _send(phone, kiosk.upload_url, jpeg_bytes(), name="foto.jpg").status_code == 200
    assert _doc(app, kiosk.token).pages == 1


@pytest.mark.parametrize(("data", "name", "code", "text"), [
    (pdf_bytes(1, password="geheim"), "slot.pdf", "encrypted", "wachtwoord"),
    (pdf_bytes(1, password=""), "formulier.pdf", None, None),  # locked against editing only
    (pdf_bytes(1, password="", printable=False), "formulier.pdf", "no-printing",
     "laat niet toe dat het wordt afgedrukt"),
    (b"%PDF-1.7\nthis is not really a pdf", "kapot.pdf", "corrupt", "kapot"),
    (jpeg_bytes(), "foto.pdf", None, None),  # judged by content: a JPEG named .pdf is a photo
    (b"Hallo, dit is tekst.", "tekst.pdf", "wrong-type", "Dit soort bestand"),
    (b"", "leeg.pdf", "empty", "Kies eerst een bestand"),
    (pdf_bytes(51), "dik.pdf", "too-many-pages", "te veel pagina"),
])
def test_upload_is_checked_on_content(app, kiosk, phone, data, name, code, text):
    response = _send(phone, kiosk.upload_url, data, name=name)
    doc = _doc(app, kiosk.token)
    if code is None:
        assert response.status_code == 200 and doc.status == "ready"
        return
    assert response.status_code == 422
    assert text in response.get_data(as_text=True)
    if code != "empty":
        assert doc.status == "refused" and doc.error == code
        assert text in kiosk.get("/print/status", headers=HTMX).get_data(as_text=True)
    assert list((app.extensions["printing"].uploads).iterdir()) == []


def test_upload_over_twenty_megabytes_is_refused_on_phone_and_kiosk(app, kiosk, phone):
    from werkzeug.test import EnvironBuilder

    path = kiosk.upload_url.split("8081", 1)[1]
    fields = form_fields(phone.get(path, environ_base=LAN).get_data(as_text=True))
    big = b"%PDF-1.7\n" + b"0" * (21 * 1024 * 1024)
    builder = EnvironBuilder(path=path, method="POST", environ_base=LAN,
                             data={**fields, "file": (io.BytesIO(big), "groot.pdf")})
    environ = builder.get_environ()
    try:
        response = phone.open(environ)
    finally:
        # The kiosk refuses before reading the body; the test client's spooled body is ours.
        environ["wsgi.input"].close()
        builder.close()
    assert response.status_code == 413
    assert "te groot" in response.get_data(as_text=True)
    assert _doc(app, kiosk.token).error == "too-large"
    assert "te groot" in kiosk.get("/print/status", headers=HTMX).get_data(as_text=True)


def test_link_works_once(app, kiosk, phone):
    _send(phone, kiosk.upload_url, pdf_bytes(1))
    again = phone.get(kiosk.upload_url.split("8081")[1], environ_base=LAN)
    assert again.status_code == 410
    assert "al gebruikt" in again.get_data(as_text=True)


def test_link_expires_after_fifteen_minutes(app, kiosk, phone, monkeypatch):
    later = clock.now() + timedelta(minutes=15, seconds=1)
    monkeypatch.setattr(clock, "now", lambda: later)
    response = phone.get(kiosk.upload_url.split("8081")[1], environ_base=LAN)
    assert response.status_code == 410 and "verlopen" in response.get_data(as_text=True)


def test_guessed_links_are_refused_and_rate_limited(phone):
    codes = [phone.get(f"/u/guess{n}", environ_base={"REMOTE_ADDR": "192.168.1.99"}).status_code
             for n in range(25)]
    assert codes[:20] == [404] * 20 and set(codes[20:]) == {429}


def test_lan_reaches_only_the_upload_page(kiosk, phone):
    assert phone.get(kiosk.upload_url.split("8081")[1], environ_base=LAN).status_code == 200
    for path in ("/print", "/print/status", "/print/thumb", "/", "/desk"):
        assert phone.get(path, environ_base=LAN).status_code == 403


def test_phone_page_speaks_the_visitors_language(app, client, phone):
    client.get("/lang/fr")
    body = client.get("/print").get_data(as_text=True)
    path = body.split("data-upload-url>")[1].split("<")[0].split("8081")[1]
    assert '<html lang="fr"' in phone.get(path, environ_base=LAN).get_data(as_text=True)


def _ready(app, kiosk, phone, pages=3):
    _send(phone, kiosk.upload_url, pdf_bytes(pages))
    kiosk.token_header = {**HTMX, "X-CSRFToken": csrf_token(kiosk, "/print")}


@pytest.mark.parametrize(("copies", "first", "last", "message"), [
    ("0", "1", "3", "Kies tussen 1 en 10"), ("11", "1", "3", "Kies tussen 1 en 10"),
    ("x", "1", "3", "Typ gewone getallen"), ("1", "2", "5", "bestaan niet"),
    ("1", "3", "2", "bestaan niet"),
])
def test_print_options_are_checked(app, kiosk, phone, copies, first, last, message):
    _ready(app, kiosk, phone)
    response = kiosk.post("/print/confirm", headers=kiosk.token_header,
                          data={"copies": copies, "page_from": first, "page_to": last})
    assert response.status_code == 422 and message in response.get_data(as_text=True)
    assert _doc(app, kiosk.token).status == "ready"


def test_free_print_is_queued_printed_and_forgotten(app, kiosk, phone, tmp_path):
    _ready(app, kiosk, phone)
    response = kiosk.post("/print/confirm", headers=kiosk.token_header,
                          data={"copies": "2", "page_from": "2", "page_to": "3"})
    assert 'data-status="queued"' in response.get_data(as_text=True)
    doc = _doc(app, kiosk.token)
    assert (doc.pages_to_print, doc.price_cents) == (4, 0)
    from kiosk.prints.worker import DocumentWorker

    glue = app.extensions["printing"]
    worker = DocumentWorker(app.config["DATABASE"], glue.documents, glue.uploads)
    db = connect(app.config["DATABASE"])
    worker.step(db)
    db.close()
    doc = _doc(app, kiosk.token)
    assert doc.status == "done" and doc.deleted_at and doc.file_path is None
    assert doc.file_name is None and list(glue.uploads.iterdir()) == []
    assert len(list((tmp_path / "printed").glob("*.pdf"))) == 1
    body = kiosk.get("/print/status", headers=HTMX).get_data(as_text=True)
    assert "Je bestand is gewist om" in body and "Bewijs op papier" in body
    kiosk.post("/print/proof", headers=kiosk.token_header)
    slip = json.dumps(json.loads(_proof_jobs(app)[0]["payload"]), ensure_ascii=False)
    assert "4 pagina's" in slip and "Afgedrukt" in slip


def _proof_jobs(app):
    db = connect(app.config["DATABASE"])
    try:
        return list(db.query("SELECT id, payload FROM print_jobs WHERE kind = 'proof'"))
    finally:
        db.close()


def test_proof_slip_only_after_deletion_once_and_without_the_file_name(app, kiosk, phone):
    _ready(app, kiosk, phone)
    early = kiosk.post("/print/proof", headers=kiosk.token_header)
    assert early.status_code == 200 and _proof_jobs(app) == []
    assert "Bewijs op papier" not in early.get_data(as_text=True)
    kiosk.post("/print/cancel", headers=kiosk.token_header)
    pages = [kiosk.post("/print/proof", headers=kiosk.token_header).get_data(as_text=True)
             for _ in range(3)]  # a double (triple) tap
    jobs = _proof_jobs(app)
    assert len(jobs) == 1
    assert "Bewijs op papier" not in pages[-1] and 'id="slip-status"' in pages[-1]
    slip = json.loads(jobs[0]["payload"])
    text = json.dumps(slip, ensure_ascii=False)
    assert slip["title"] == "Bewijs: je bestand is gewist"
    assert "Gewist" in text and "brief" not in text


def test_print_is_refused_while_the_a4_printer_has_an_error(app, kiosk, phone):
    from printer.document import DocumentPrinterState

    _ready(app, kiosk, phone)

    class Broken:
        def state(self):
            return DocumentPrinterState(False, "Papier vast.")

    app.extensions["printing"].a4 = Broken()
    response = kiosk.post("/print/confirm", headers=kiosk.token_header, data={"copies": "1"})
    assert response.status_code == 409 and "Papier vast." in response.get_data(as_text=True)
    assert _doc(app, kiosk.token).status == "ready"


def test_cancel_deletes_the_file_at_once(app, kiosk, phone):
    _ready(app, kiosk, phone)
    body = kiosk.post("/print/cancel", headers=kiosk.token_header).get_data(as_text=True)
    doc = _doc(app, kiosk.token)
    assert doc.status == "cancelled" and doc.deleted_at and "gewist om" in body
    assert list(app.extensions["printing"].uploads.iterdir()) == []


def test_purge_deletes_files_thirty_minutes_after_upload(app, kiosk, phone, monkeypatch):
    _ready(app, kiosk, phone)
    uploads = app.extensions["printing"].uploads
    assert len(list(uploads.iterdir())) == 2  # the clean PDF and its thumbnail
    db = connect(app.config["DATABASE"])
    assert docs.purge(db, uploads) == 0
    later = clock.now() + timedelta(minutes=30, seconds=1)
    monkeypatch.setattr(clock, "now", lambda: later)
    assert docs.purge(db, uploads) == 1
    db.close()
    doc = _doc(app, kiosk.token)
    assert doc.status == "expired" and doc.file_path is None and doc.pages == 3
    assert list(uploads.iterdir()) == []


def test_purge_command(app):
    result = app.test_cli_runner().invoke(args=["purge"])
    assert result.exit_code == 0 and "Opgeruimd" in result.output


def test_paid_print_goes_through_the_shop_journal(app, kiosk, phone):
    import sales
    from tests.helpers import add_volunteer, stock_and_open_till

    stock_and_open_till(app)
    anna = add_volunteer(app)
    db = connect(app.config["DATABASE"])
    db.execute("INSERT INTO prices (product, effective_from, price_cents, created_at) "
               "VALUES ('PRINT', '2026-02-01', 10, '2026-01-20T10:00:00+00:00')")
    db.close()
    app.config["PRINT_FREE_PAGES"] = 1
    _ready(app, kiosk, phone)
    response = kiosk.post("/print/confirm", headers=kiosk.token_header, data={"copies": "2"})
    assert response.headers["HX-Redirect"] == "/shop/pay"
    assert _doc(app, kiosk.token).status == "paying"
    for path, data in [("/shop/pay/pin", {"volunteer_id": anna["id"], "pin": "2468"}),
                       ("/shop/pay/method", {"method": "cash"}),
                       ("/shop/pay/received", {"received": "1"})]:
        assert kiosk.post(path, headers=kiosk.token_header, data=data).status_code == 200
    done = kiosk.post("/shop/pay/confirm", headers=kiosk.token_header)
    assert done.headers["HX-Redirect"] == "/print"
    doc = _doc(app, kiosk.token)
    assert (doc.status, doc.price_cents, doc.receipt_number) == ("queued", 50, "BP1-000001")
    db = connect(app.config["DATABASE"])
    receipt = sales.get_receipt(db, "BP1-000001")
    db.close()
    assert [(line.code, line.qty, line.unit_price_cents) for line in receipt.lines] == [
        ("PRINT", 5, 10)]


def test_document_round_trip_through_cups(app, kiosk, phone, cups_pdf, tmp_path):
    import time

    from kiosk.prints.worker import DocumentWorker
    from printer.document import CupsPrinter

    _ready(app, kiosk, phone)
    kiosk.post("/print/confirm", headers=kiosk.token_header, data={"copies": "1"})
    glue = app.extensions["printing"]
    worker = DocumentWorker(app.config["DATABASE"], CupsPrinter(cups_pdf), glue.uploads)
    db = connect(app.config["DATABASE"])
    worker.step(db)
    doc = _doc(app, kiosk.token)
    assert doc.printer_job.startswith(f"{cups_pdf}-") and doc.file_path is None
    deadline = time.monotonic() + 15
    while _doc(app, kiosk.token).status != "done":
        assert time.monotonic() < deadline, "CUPS did not finish the job"
        time.sleep(0.3)
        worker.step(db)
    db.close()
    assert list(glue.uploads.iterdir()) == []


def test_idle_reset_deletes_an_unconfirmed_document(app, kiosk, phone):
    _ready(app, kiosk, phone)
    assert kiosk.get("/reset").status_code == 303
    doc = _doc(app, kiosk.token)
    assert doc.status == "cancelled" and doc.deleted_at
    assert list(app.extensions["printing"].uploads.iterdir()) == []
