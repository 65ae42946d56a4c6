"""The phone's side of printing: the one page the buurtpunt's Wi-Fi may reach."""

import errno
import secrets
import shutil

from flask import Blueprint, current_app, render_template, request
from flask_babel import lazy_gettext as _l

from kiosk.db import get_db
from kiosk.i18n import use_language
from kiosk.printing import printing
from kiosk.prints import store as documents
from kiosk.security import RateLimit, accepts_upload, lan_allowed
from printer.upload import UploadError, prepare, thumbnail

bp = Blueprint("upload", __name__, url_prefix="/u")

# Guessing links is useless (128 random bits); a client that keeps trying wrong links is
# still slowed down: 20 wrong links a minute per address.
GUESSES = 20

MESSAGES = {
    "unknown": _l("Deze link bestaat niet. Scan de QR-code op het scherm van de kiosk opnieuw."),
    "used": _l("Deze link is al gebruikt. Nog iets printen? Vraag op de kiosk een nieuwe "
               "QR-code."),
    "expired": _l("Deze link is verlopen (na 15 minuten). Tik op de kiosk op Opnieuw."),
    "empty": _l("Kies eerst een bestand."),
    "too-large": _l("Dit bestand is te groot. Het mag hoogstens %(mb)s MB zijn."),
    "wrong-type": _l("Dit soort bestand kunnen we niet afdrukken. Stuur een PDF, JPG of PNG."),
    "corrupt": _l("Dit bestand is kapot of we kunnen het niet lezen. Probeer een ander bestand."),
    "encrypted": _l("Dit PDF-bestand heeft een wachtwoord. Stuur een versie zonder wachtwoord."),
    "no-printing": _l("Wie dit PDF-bestand maakte, laat niet toe dat het wordt afgedrukt. "
                      "Vraag een andere versie."),
    "too-many-pages": _l("Dit bestand heeft te veel pagina's: hoogstens %(pages)s."),
    "timeout": _l("Het lukte niet om dit bestand te lezen. Probeer een ander bestand."),
    "busy": _l("Even wachten, en probeer het dan opnieuw."),
}


def message(code: str) -> str:
    """A refusal in plain words, for the phone and for the kiosk screen."""
    config = current_app.config
    return str(MESSAGES.get(code, MESSAGES["corrupt"])) % {
        "mb": config["PRINT_MAX_MB"], "pages": config["PRINT_MAX_PAGES"]}


def _page(doc, state: str, status: int = 200, error: str | None = None):
    if doc is not None:
        use_language(doc.language)  # the phone speaks the visitor's language
    return render_template("upload/phone.html", state=state, error=error, doc=doc,
                           message=message), status


@bp.route("/<token>", methods=["GET", "POST"])
@lan_allowed
@accepts_upload("PRINT_MAX_MB")
def phone(token: str):
    """Pick a file on the phone and send it to the kiosk."""
    limit = current_app.extensions.setdefault("upload_guesses", RateLimit(GUESSES, 60))
    client = request.remote_addr or "?"
    if limit.blocked(client):
        return _page(None, "busy", 429)
    db = get_db()
    doc = documents.by_token(db, token) if len(token) < 64 else None
    state = documents.link_state(doc)
    if state != "open":
        limit.hit(client)
        return _page(doc, state, 404 if state == "unknown" else 410)
    if request.method == "GET":
        return _page(doc, "open")
    return _receive(db, doc)


def _receive(db, doc):
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        return _page(doc, "open", 422, "empty")
    folder = printing().uploads
    name = secrets.token_hex(16)
    source, pdf, thumb = (folder / f"{name}.upload", folder / f"{name}.pdf",
                          folder / f"{name}.png")
    config = current_app.config
    try:
        upload.save(source)
        _room_for(source)
        found = prepare(source, pdf, max_pages=config["PRINT_MAX_PAGES"],
                        max_bytes=config["PRINT_MAX_MB"] * 1024 * 1024)
        thumbnail(pdf, thumb)
    except UploadError as error:
        _remove(pdf, thumb)
        documents.refuse(db, doc, error.code)
        return _page(doc, "refused", 422, error.code)
    except OSError:
        _remove(pdf, thumb)  # a full disk: nothing of it stays (the app says the disk is full)
        raise
    finally:
        source.unlink(missing_ok=True)
    try:
        documents.store_upload(db, doc, pdf, thumb, upload.filename, found.pages, found.colour)
    except BaseException:
        _remove(pdf, thumb)
        raise
    return _page(doc, "sent")


def _room_for(source) -> None:
    """The clean copy and its picture need about as much room again: refuse now, not halfway."""
    if shutil.disk_usage(source.parent).free < 2 * source.stat().st_size + 1024 * 1024:
        raise OSError(errno.ENOSPC, "no room for the clean copy", str(source.parent))


def _remove(*paths) -> None:
    for path in paths:
        path.unlink(missing_ok=True)


@bp.errorhandler(413)
def too_large(error):
    """A file over the limit never reached the view: still tell the phone and the kiosk why."""
    token = (request.view_args or {}).get("token", "")
    doc = documents.by_token(get_db(), token)
    if documents.link_state(doc) == "open":
        documents.refuse(get_db(), doc, "too-large")
    return render_template("upload/phone.html", state="refused", error="too-large", doc=None,
                           message=message), 413
