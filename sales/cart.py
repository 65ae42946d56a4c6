"""Cart pricing: validated quantities times the price that applies on the day, in whole cents."""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from sqlite_utils import Database

from sales._db import as_utc, one, utc_now
from sales.catalogue import price_at
from sales.coins import cash_rounding
from sales.errors import EmptyCart, InvalidPayment, InvalidQuantity, UnknownProduct

DEFAULT_MAX_QTY = 20
PAYMENT_METHODS = ("cash", "bancontact_qr", "wero_qr")
QR_METHODS = ("bancontact_qr", "wero_qr")
_WHOLE = re.compile(r"-?[0-9]{1,9}")


@dataclass(frozen=True)
class CartLine:
    """One bag type in a basket: qty x unit price (the price valid from price_from)."""

    code: str
    name: str
    qty: int
    unit_price_cents: int
    price_from: date
    line_total_cents: int


@dataclass(frozen=True)
class PricedCart:
    """A priced basket; the cash figures are what a cash payment would be rounded to."""

    lines: tuple[CartLine, ...]
    total_cents: int
    cash_rounding_cents: int
    cash_total_cents: int
    priced_at: datetime

    def rounding_for(self, method: str) -> int:
        """Return the rounding that applies to a payment method (only cash is rounded)."""
        check_method(method)
        return self.cash_rounding_cents if method == "cash" else 0

    def due_for(self, method: str) -> int:
        """Return the amount to pay with a payment method."""
        return self.total_cents + self.rounding_for(method)

    def items(self) -> dict[str, int]:
        """Return the basket as {code: qty}."""
        return {line.code: line.qty for line in self.lines}


def check_method(method: str) -> None:
    """Refuse a payment method that is not cash, bancontact_qr or wero_qr."""
    if method not in PAYMENT_METHODS:
        raise InvalidPayment(f"onbekende betaalwijze: {method!r}")


def normalise_cart(items: Mapping[str, object], max_qty: int = DEFAULT_MAX_QTY) -> dict[str, int]:
    """Return {code: qty} with whole quantities 1..max_qty; strings of digits are accepted."""
    if not items:
        raise EmptyCart("het mandje is leeg")
    cart: dict[str, int] = {}
    for code, raw in items.items():
        qty = _quantity(code, raw)
        if not 1 <= qty <= max_qty:
            raise InvalidQuantity(f"{code}: aantal moet tussen 1 en {max_qty} liggen, niet {qty}")
        cart[str(code)] = qty
    return cart


def _quantity(code: object, raw: object) -> int:
    # Booleans and floats are refused: True would count as 1 bag and 2.5 bags cannot be sold.
    if isinstance(raw, int) and not isinstance(raw, bool):
        return raw
    if isinstance(raw, str) and _WHOLE.fullmatch(raw.strip()):
        return int(raw.strip())
    raise InvalidQuantity(f"{code}: aantal moet een geheel getal zijn, niet {raw!r}")


def price_cart(
    db: Database,
    items: Mapping[str, object],
    at: datetime | None = None,
    *,
    max_qty: int = DEFAULT_MAX_QTY,
) -> PricedCart:
    """Price a basket {code: qty} at a moment (default now) with the tariff of that day."""
    moment = as_utc(at) if at is not None else utc_now()
    cart = normalise_cart(items, max_qty)
    lines = []
    for code, qty in cart.items():
        product = one(
            db, "SELECT name, position FROM products WHERE code = ? AND active = 1", [code]
        )
        if product is None:
            raise UnknownProduct(f"onbekend product: {code}")
        price = price_at(db, code, moment)
        line = CartLine(
            code, product["name"], qty, price.price_cents, price.effective_from,
            qty * price.price_cents,
        )
        lines.append((product["position"], code, line))
    ordered = tuple(line for _, _, line in sorted(lines))
    total = sum(line.line_total_cents for line in ordered)
    rounding = cash_rounding(total)
    return PricedCart(ordered, total, rounding, total + rounding, moment)
