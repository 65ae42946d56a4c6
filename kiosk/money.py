"""Money on the screen: amounts typed by a volunteer, amounts shown in euro."""

import re

from printer.slip import format_cents

AMOUNT = re.compile(r"^\s*(?:€\s*)?([0-9]{1,6})(?:[.,]([0-9]{1,2}))?\s*€?\s*$")


def parse_euros(text: str) -> int | None:
    """Read "20", "20,5", "€ 20.50" or "20,50 €" as integer cents; None when it is no amount."""
    found = AMOUNT.match(text or "")
    if not found:
        return None
    euros, cents = found.groups()
    return int(euros) * 100 + int((cents or "0").ljust(2, "0"))


def euro(cents: int) -> str:
    """Cents as the screen shows them: "€ 1,45"."""
    return format_cents(int(cents))


def quick_amounts(due_cents: int) -> list[int]:
    """What a visitor is likely to hand over: the exact amount, then the next round notes."""
    amounts = [due_cents]
    for step in (500, 1000, 2000, 5000):
        rounded = -(-due_cents // step) * step
        if rounded not in amounts:
            amounts.append(rounded)
    return amounts[:4]
