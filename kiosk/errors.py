"""Error pages in plain words, in the visitor's language; never a trace on the screen."""

import sqlite3

from flask import Flask
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from kiosk.htmx import render
from kiosk.selfcheck import is_disk_full, note_disk_full

MESSAGES = {
    400: _l("Dat begrijpen we niet. Probeer het nog eens."),
    403: _l("Deze pagina is hier niet beschikbaar."),
    404: _l("Deze pagina bestaat niet."),
    405: _l("Dat kan hier niet."),
    413: _l("Dat is te veel in één keer. Probeer het met minder."),
    500: _l("Er ging iets mis. Vraag het aan een vrijwilliger."),
    507: _l("Het geheugen van de kiosk is vol: er is niets bewaard. Vraag het aan een "
            "vrijwilliger."),
}


def _page(error: HTTPException):
    code = error.code or 500
    message = MESSAGES.get(code, MESSAGES[500])
    if isinstance(error, CSRFError):
        message = _l("Deze pagina was verlopen. Probeer het nog eens.")
    return render("errors/error.html", "errors/_message.html", status=code, message=message)


def _full(error: Exception):
    """A full disk: SQLite rolled the write back and nothing was stored; say so plainly."""
    if not is_disk_full(error):
        raise error
    note_disk_full()
    return render("errors/error.html", "errors/_message.html", status=507, message=MESSAGES[507])


def init_app(app: Flask) -> None:
    """Show every HTTP error as a calm page with a way back; a full disk as what it is."""
    app.register_error_handler(HTTPException, _page)
    app.register_error_handler(sqlite3.Error, _full)
    app.register_error_handler(OSError, _full)
