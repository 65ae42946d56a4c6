"""Amounts, dates and times the Belgian way per language (Babel): one formatter, screen and paper.

Plain Python that takes a language code, so the kiosk's screens (in the visitor's language) and
its slips (the journal's in Dutch) say "€ 1,45", "1,45 €", "27/11/2026" and "14:03" alike.
"""

from datetime import datetime
from decimal import Decimal
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_datetime
from babel.numbers import format_currency

ZONE = "Europe/Brussels"
BRUSSELS = ZoneInfo(ZONE)
# Receipts and Z-reports are the journal's record: always in Dutch, whoever bought.
PAPER = "nl"
DATE = "dd/MM/yyyy"
TIME = "HH:mm"


@lru_cache(maxsize=32)
def locale(language: str) -> Locale:
    """The Belgian variant of a language ("fr" → fr_BE), else the language itself."""
    code = str(language or PAPER).replace("-", "_")
    base = code.split("_")[0]
    for candidate in (f"{base}_BE", code, base):
        try:
            return Locale.parse(candidate)
        except (UnknownLocaleError, ValueError):
            continue
    return Locale.parse(f"{PAPER}_BE")


def money(cents: int, language: str = PAPER) -> str:
    """Integer cents as euros: 145 → "€ 1,45" (nl), "1,45 €" (fr, en); never through a float."""
    if not isinstance(cents, int) or isinstance(cents, bool):
        raise TypeError(f"amounts are whole cents (int), not {type(cents).__name__}")
    return format_currency(Decimal(cents).scaleb(-2), "EUR", locale=locale(language))


def plain(text: str) -> str:
    """Ordinary spaces for the journal, logs and paper (the screen keeps Babel's no-break ones)."""
    return text.replace("\xa0", " ").replace("\u202f", " ")


def _local(moment: datetime, zone: str) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("a time to show needs a zone (UTC from the database)")
    return moment.astimezone(BRUSSELS if zone == ZONE else ZoneInfo(zone))


def day(moment: datetime, language: str = PAPER, zone: str = ZONE) -> str:
    """The local calendar day: "27/11/2026"."""
    return format_date(_local(moment, zone), DATE, locale=locale(language))


def clock(moment: datetime, language: str = PAPER, zone: str = ZONE) -> str:
    """The local time of day on a 24-hour clock: "14:03"."""
    local = _local(moment, zone)
    return format_datetime(local, TIME, tzinfo=local.tzinfo, locale=locale(language))


def stamp(moment: datetime, language: str = PAPER, zone: str = ZONE) -> str:
    """Day and time: "27/11/2026 14:03"."""
    return f"{day(moment, language, zone)} {clock(moment, language, zone)}"


def long_day(moment: datetime, language: str = PAPER, zone: str = ZONE) -> str:
    """The day written out, as the top bar shows it: "vrijdag 27 november 2026"."""
    return format_date(_local(moment, zone), "full", locale=locale(language))
