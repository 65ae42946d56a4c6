"""Error pages in plain words, in the visitor's language; never a trace on the screen."""

from flask import Flask
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from kiosk.htmx import render

MESSAGES = {
    400: _l("Dat begrijpen we niet. Probeer het nog eens."),
    403: _l("Deze pagina is hier niet beschikbaar."),
    404: _l("Deze pagina bestaat niet."),
    405: _l("Dat kan hier niet."),
    413: _l("Dat is te veel in één keer. Probeer het met minder."),
    500: _l("Er ging iets mis. Vraag het aan een vrijwilliger."),
}


def _page(error: HTTPException):
    code = error.code or 500
    message = MESSAGES.get(code, MESSAGES[500])
    if isinstance(error, CSRFError):
        message = _l("Deze pagina was verlopen. Probeer het nog eens.")
    return render("errors/error.html", "errors/_message.html", status=code, message=message)


def init_app(app: Flask) -> None:
    """Show every HTTP error as a calm page with a way back."""
    app.register_error_handler(HTTPException, _page)
