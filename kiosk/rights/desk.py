"""The desk's rights: every card's texts per language and the day they were last checked.

A text not checked for CHECK_AFTER_MONTHS months is flagged here, so that someone compares it
with its source before a visitor relies on an old rule.
"""

from datetime import date

from flask import Blueprint, abort, current_app, request
from flask_babel import lazy_gettext as _l

from kiosk import audit, clock
from kiosk.db import get_db
from kiosk.forms import one_line
from kiosk.htmx import render
from kiosk.places import stale
from kiosk.rights import rules, store
from kiosk.security import current_volunteer, desk_required

bp = Blueprint("rights_desk", __name__, url_prefix="/desk/rights")

MAX_TEXT = 600
ACTIONS = {
    "rights-edit": (_l("recht: tekst veranderd"), "%(title)s (%(language)s)"),
}
MESSAGES = {
    "title": _l("Schrijf de titel. In het Nederlands is die verplicht."),
    "long": _l("Een tekst is te lang: hoogstens %(max)s tekens.", max=MAX_TEXT),
    "checked": _l("Kies de dag waarop je de tekst naging (niet in de toekomst)."),
}


def _today() -> date:
    return store.local_day(clock.now(), current_app.config["TIMEZONE"])


def _language(value: str | None) -> str:
    return value if value in current_app.config["LANGUAGES"] else "nl"


@bp.get("")
@desk_required
def index():
    """Every right, with the languages it has and whether its check is overdue."""
    months = current_app.config["CHECK_AFTER_MONTHS"]
    rights = [(r, stale(r.checked, _today(), months))
              for r in store.list_rights(get_db(), with_inactive=True)]
    return render("rights_desk/index.html", "rights_desk/_list.html", rights=rights,
                  months=months, overdue=sum(1 for _, old in rights if old))


@bp.get("/<code>")
@desk_required
def edit(code: str):
    """One right's texts in one language (Dutch first; another from the tabs)."""
    return _edit(code, _language(request.args.get("lang")))


def _edit(code: str, language: str, status: int = 200, **context):
    right = store.get_right(get_db(), code)
    if right is None:
        abort(404)
    months = current_app.config["CHECK_AFTER_MONTHS"]
    return render("rights_desk/edit.html", "rights_desk/_edit.html", status=status, right=right,
                  language=language, fields=rules.TEXTS, max_text=MAX_TEXT,
                  overdue=stale(right.checked, _today(), months), months=months,
                  values=context.pop("values", right.texts.get(language, {})),
                  today=_today(), **context)


@bp.post("/<code>")
@desk_required
def save(code: str):
    """Keep the texts of one language and the day they were checked."""
    language = _language(request.form.get("language"))
    values = {name: one_line(request.form.get(name)) for name in rules.TEXTS}
    error = _problem(language, values)
    checked = _checked(request.form.get("checked", ""))
    if error is None and checked is None:
        error = "checked"
    if error:
        return _edit(code, language, 422, values=values, error=MESSAGES[error], field=error)
    right = store.get_right(get_db(), code)
    if right is None or not store.edit_right(get_db(), code, language, values, checked):
        abort(404)
    audit.log(get_db(), "rights-edit", volunteer=current_volunteer(),
              title=right.texts["nl"]["title"], language=language)
    return _edit(code, language, message=_l("De tekst is bewaard."))


def _problem(language: str, values: dict) -> str | None:
    if language == "nl" and not values["title"]:
        return "title"
    if any(len(v) > MAX_TEXT for v in values.values()):
        return "long"
    return None


def _checked(value: str) -> date | None:
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return None
    return day if day <= _today() else None
