"""Coins and notes in integer cents: Belgian cash rounding and the coins-and-notes counter."""

from collections.abc import Mapping

from sales.errors import InvalidPayment

# Euro coins and notes in cents. 1 and 2 cent coins stay legal tender in Belgium even though
# cash totals are rounded, so the counter accepts them.
EUR_DENOMINATIONS_CENTS: tuple[int, ...] = (
    1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000,
)


def cash_rounding(total_cents: int) -> int:
    """Return the rounding (in cents, may be negative) that makes a cash total a multiple of 5."""
    # Belgian rule (in force since 1 December 2019): the total of a cash payment is
    # rounded to the nearest 5 cents: ends in 1 or 2 -> down to 0, 3 or 4 -> up to 5,
    # 6 or 7 -> down to 5, 8 or 9 -> up to 10. Only the total is rounded, never a line, and a
    # negative total (a refund) is rounded symmetrically so that a void undoes its sale exactly.
    _require_int(total_cents)
    magnitude = abs(total_cents)
    rounded = (magnitude + 2) // 5 * 5
    return (rounded - magnitude) * (1 if total_cents >= 0 else -1)


def count_cash(counts: Mapping[int, int]) -> int:
    """Return the value in cents of a count of coins and notes ({denomination_cents: pieces})."""
    total = 0
    for denomination, pieces in counts.items():
        _require_int(denomination)
        _require_int(pieces)
        if denomination not in EUR_DENOMINATIONS_CENTS:
            raise InvalidPayment(f"{denomination} cent is geen euromunt of -biljet")
        if pieces < 0:
            raise InvalidPayment("een aantal munten of biljetten kan niet negatief zijn")
        total += denomination * pieces
    return total


def _require_int(value: object) -> None:
    # bool is an int subclass and floats would sneak rounding errors into the journal.
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"money and counts are whole numbers (int), not {type(value).__name__}")
