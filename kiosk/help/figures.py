"""The help queue's figures for a month: tickets per topic per day, waiting and handling times."""

import re
from datetime import date, timedelta

from babel.dates import format_date
from flask import Blueprint, current_app, request

from kiosk import clock, i18n
from kiosk.db import get_db
from kiosk.help import choices, stats, store
from kiosk.help.desk import duration
from kiosk.htmx import render
from kiosk.security import desk_required
from printer import formats

bp = Blueprint("help_figures", __name__, url_prefix="/desk/help/cijfers")


def month_of(text: str | None) -> date:
    """The first day of the month asked for (YYYY-MM), else of this month."""
    found = re.fullmatch(r"([0-9]{4})-([0-9]{2})", text or "")
    if found and 2000 <= int(found.group(1)) <= 2999 and 1 <= int(found.group(2)) <= 12:
        return date(int(found.group(1)), int(found.group(2)), 1)
    today = date.fromisoformat(store.day_of(clock.now(), current_app.config["TIMEZONE"]))
    return today.replace(day=1)


def month_name(first: date) -> str:
    """A month in words in the desk's language: "maart 2026"."""
    return format_date(first, "LLLL y", locale=formats.locale(i18n.current()))


@bp.get("")
@desk_required
def index():
    """A month's tickets per day and topic, waiting and handling times, and what became of them."""
    first = month_of(request.args.get("month"))
    last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    figures = stats.period(get_db(), current_app.config["KIOSK_ID"], first.isoformat(),
                           last.isoformat())
    return render("help_desk/figures.html", "help_desk/_figures.html", first=first,
                  before=(first - timedelta(days=1)).strftime("%Y-%m"),
                  after=(last + timedelta(days=1)).strftime("%Y-%m"), figures=figures,
                  duration=duration, month_name=month_name,
                  partner_names=choices.partner_names(get_db()), **choices.labels())
