"""Why a payment was refused, in plain words: the amount handed over, the sale itself."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from kiosk.i18n import product_name_of
from kiosk.money import euro
from sales.errors import (
    ClockBehind,
    InsufficientStock,
    NoOpenSession,
    RequestInProgress,
    SalesError,
)

# A receipt is never dated before the one it follows (the clock went back after a power cut).
CLOCK_WRONG = _l("De klok van de kiosk staat niet juist: er is niets verkocht. Vraag een "
                 "vrijwilliger om de klok na te kijken.")


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
        short = ", ".join(_("%(name)s: nog %(left)s", left=left,
                              name=product_name_of(code, names.get(code, code)))
                          for code, (_wanted, left) in error.shortages.items())
        return _("Niet genoeg zakken in voorraad: %(names)s. Pas de aantallen aan; er is niets "
                 "verkocht.", names=short)
    if isinstance(error, NoOpenSession):
        return _("De kassa is nog niet open. Open ze eerst bij Balie, Kassa. Er is niets verkocht.")
    if isinstance(error, ClockBehind):
        return str(CLOCK_WRONG)
    if isinstance(error, RequestInProgress):
        return _("Deze betaling wordt al verwerkt. Even geduld.")
    return _("De verkoop lukte niet. Er is niets verkocht. Vraag het aan een vrijwilliger.")
