"""Plain-words messages for refusals that several screens share."""

from flask_babel import gettext as _
from flask_babel import ngettext

from kiosk.money import euro
from kiosk.products import name_of
from kiosk.volunteers import LoginResult
from sales.errors import InsufficientStock, NoOpenSession, RequestInProgress, SalesError


def pin_message(result: LoginResult) -> str:
    """Why a PIN was not accepted, and what to do now."""
    if result.locked_seconds:
        minutes = (result.locked_seconds + 59) // 60
        return ngettext("Te veel foute pogingen. Probeer opnieuw over %(num)s minuut.",
                        "Te veel foute pogingen. Probeer opnieuw over %(num)s minuten.", minutes)
    if result.tries_left:
        return ngettext("Die pincode klopt niet. Nog %(num)s poging.",
                        "Die pincode klopt niet. Nog %(num)s pogingen.", result.tries_left)
    return _("Kies eerst je naam.")


def duration(seconds: int) -> str:
    """A setting's seconds in words: "3 minuten" when whole minutes, else "45 seconden"."""
    if seconds >= 60 and seconds % 60 == 0:
        return ngettext("%(num)s minuut", "%(num)s minuten", seconds // 60)
    return ngettext("%(num)s seconde", "%(num)s seconden", seconds)


def received_message(amount: int | None, due: int) -> str:
    """Why an amount handed over cannot be taken."""
    if amount is None:
        return _("Typ het bedrag dat je kreeg, bijvoorbeeld 10 of 7,50.")
    if amount < due:
        return _("Dat is te weinig: te betalen is %(due)s.", due=euro(due))
    return _("Dat bedrag is te groot. Kijk het na.")


def sale_message(error: SalesError, names: dict[str, str]) -> str:
    """Why a sale was refused; nothing was sold. `names` maps bag type codes to their names."""
    if isinstance(error, InsufficientStock):
        short = ", ".join(_("%(name)s: nog %(left)s", name=name_of(code, names.get(code, code)),
                              left=left)
                          for code, (_wanted, left) in error.shortages.items())
        return _("Niet genoeg zakken in voorraad: %(names)s. Pas de aantallen aan; er is niets "
                 "verkocht.", names=short)
    if isinstance(error, NoOpenSession):
        return _("De kassa is nog niet open. Open ze eerst bij Balie, Kassa. Er is niets verkocht.")
    if isinstance(error, RequestInProgress):
        return _("Deze betaling wordt al verwerkt. Even geduld.")
    return _("De verkoop lukte niet. Er is niets verkocht. Vraag het aan een vrijwilliger.")
