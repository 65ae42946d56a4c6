"""Money on the screen: amounts typed by a volunteer, amounts shown in euro, coins and notes."""

import re

from flask_babel import lazy_gettext as _l

from kiosk import i18n
from printer import formats
from sales.coins import EUR_DENOMINATIONS_CENTS

# The coins-and-notes counter (the till's float and close, the payment's till step), largest first.
DENOMINATIONS = tuple(sorted(EUR_DENOMINATIONS_CENTS, reverse=True))
# How the screen names a payment method (the cash page's own words are the till's).
PAYMENT_LABELS = {"cash": _l("Cash"), "bancontact_qr": _l("Bancontact (QR)"),
                  "wero_qr": _l("Wero (QR)")}
AMOUNT = re.compile(r"^\s*(?:€\s*)?([0-9]{1,6})(?:[.,]([0-9]{1,2}))?\s*€?\s*$")


def parse_euros(text: str) -> int | None:
    """Read "20", "20,5", "€ 20.50" or "20,50 €" as integer cents; None when it is no amount."""
    found = AMOUNT.match(text or "")
    if not found:
        return None
    euros, cents = found.groups()
    return int(euros) * 100 + int((cents or "0").ljust(2, "0"))


def euro(cents: int) -> str:
    """Cents as the screen shows them in the visitor's language: "€ 1,45", "1,45 €"."""
    # Plain spaces, as on paper; where an amount could wrap, its element does not (kiosk.css).
    return formats.plain(formats.money(int(cents), i18n.current()))


def quick_amounts(due_cents: int) -> list[int]:
    """What a visitor is likely to hand over: the exact amount, then the next round notes."""
    amounts = [due_cents]
    for step in (500, 1000, 2000, 5000):
        rounded = -(-due_cents // step) * step
        if rounded not in amounts:
            amounts.append(rounded)
    return amounts[:4]
