"""Stock in pieces: intake (in rolls or pieces), corrections with a reason, levels, low stock."""

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlite_utils import Database

from sales._db import iso, utc_now, write_transaction
from sales.catalogue import get_product
from sales.errors import InsufficientStock, InvalidQuantity, MissingInput


@dataclass(frozen=True)
class StockLevel:
    """Current stock of one bag type, in pieces."""

    code: str
    name: str
    pieces: int
    pieces_per_roll: int
    low_stock_threshold: int

    @property
    def low(self) -> bool:
        """True when the stock is at or below the bag type's threshold."""
        return self.pieces <= self.low_stock_threshold

    @property
    def rolls_and_pieces(self) -> tuple[int, int]:
        """The stock as (full rolls, loose pieces)."""
        return divmod(self.pieces, self.pieces_per_roll)


def bag_codes(db: Database, codes: Iterable[str]) -> list[str]:
    """The codes among these that are bags (services such as prints keep no stock)."""
    rows = db.execute(
        "SELECT code FROM products WHERE kind = 'bag' AND code IN (SELECT value FROM json_each(?))",
        [json.dumps(list(codes))],
    ).fetchall()
    return [row[0] for row in rows]


def stock_in(db: Database, codes: Iterable[str]) -> dict[str, int]:
    """Return the stock in pieces of the given bag types (0 when nothing moved yet)."""
    codes = list(codes)
    rows = db.query(
        "SELECT product, pieces FROM stock_balance "
        "WHERE product IN (SELECT value FROM json_each(?))",
        [json.dumps(codes)],
    )
    found = {r["product"]: r["pieces"] for r in rows}
    return {code: found.get(code, 0) for code in codes}


def stock_of(db: Database, code: str) -> int:
    """Return the stock of one bag type in pieces."""
    return stock_in(db, [code])[code]


def stock_levels(db: Database, *, include_inactive: bool = False) -> list[StockLevel]:
    """Return the stock of every bag type in display order."""
    rows = db.query(
        "SELECT p.code, p.name, "
        "coalesce((SELECT pieces FROM stock_balance WHERE product = p.code), 0) AS pieces, "
        "p.pieces_per_roll, p.low_stock_threshold "
        "FROM products p WHERE (p.active = 1 OR ?) AND p.kind = 'bag' "
        "ORDER BY p.position, p.code",
        [int(include_inactive)],
    )
    return [StockLevel(**r) for r in rows]


def low_stock(db: Database) -> list[StockLevel]:
    """Return the active bag types whose stock is at or below their threshold."""
    return [level for level in stock_levels(db) if level.low]


def record_intake(
    db: Database, code: str, *, volunteer: str, rolls: int = 0, pieces: int = 0,
    reason: str | None = None, now: datetime | None = None,
) -> int:
    """Record a delivery counted in rolls and/or loose pieces; return the new stock in pieces."""
    require_text(volunteer=volunteer)
    for value in (rolls, pieces):
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise InvalidQuantity("rollen en stuks zijn gehele getallen van 0 of meer")
    product = get_product(db, code)
    total = rolls * product.pieces_per_roll + pieces
    if total == 0:
        raise InvalidQuantity("een levering telt minstens 1 stuk")
    with write_transaction(db):
        add_move(db, code, "intake", total, volunteer, now, rolls=rolls or None, reason=reason)
        return stock_of(db, code)


def correct_stock(
    db: Database, code: str, delta_pieces: int, *, reason: str, volunteer: str,
    now: datetime | None = None,
) -> int:
    """Add or remove pieces (breakage, miscount) with a reason; return the new stock."""
    require_text(reason=reason, volunteer=volunteer)
    if not isinstance(delta_pieces, int) or isinstance(delta_pieces, bool) or delta_pieces == 0:
        raise InvalidQuantity("een correctie is een geheel aantal stuks, niet 0")
    get_product(db, code)
    # Read-then-write: the stock check and the move must see the same stock.
    with write_transaction(db):
        current = stock_of(db, code)
        if current + delta_pieces < 0:
            raise InsufficientStock({code: (-delta_pieces, current)})
        add_move(db, code, "correction", delta_pieces, volunteer, now, reason=reason)
        return current + delta_pieces


def set_counted_stock(
    db: Database, code: str, counted_pieces: int, *, reason: str, volunteer: str,
    now: datetime | None = None,
) -> int:
    """Record a stock count as a correction by the difference (nothing if it matches)."""
    require_text(reason=reason, volunteer=volunteer)
    if not _whole(counted_pieces) or counted_pieces < 0:
        raise InvalidQuantity("de telling is een geheel aantal stuks van 0 of meer")
    with write_transaction(db):
        difference = counted_pieces - stock_of(db, code)
        if difference:
            correct_stock(db, code, difference, reason=reason, volunteer=volunteer, now=now)
    return counted_pieces


def add_move(
    db: Database, code: str, kind: str, pieces: int, volunteer: str, now: datetime | None,
    *, rolls: int | None = None, reason: str | None = None, receipt_id: int | None = None,
) -> None:
    """Insert one stock move; runs inside the caller's transaction (a sale, void or intake)."""
    db.execute(
        "INSERT INTO stock_moves (product, kind, pieces, rolls, receipt_id, reason, volunteer, "
        "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [code, kind, pieces, rolls, receipt_id, reason, volunteer, iso(now or utc_now())],
    )


def require_text(**values: str) -> None:
    """Refuse empty text for the named values (volunteer first name, reason)."""
    for name, value in values.items():
        if not isinstance(value, str) or not value.strip():
            raise MissingInput(f"{name} is verplicht")


def _whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
