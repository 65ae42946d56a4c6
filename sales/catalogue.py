"""Catalogue: bag types and a tariff history whose prices take effect by date on their own."""

import json
import re
import sqlite3
import tomllib
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from pathlib import Path

from sqlite_utils import Database

from sales._db import iso, local_date, one, utc_now, write_transaction
from sales.errors import CatalogueError, UnknownProduct

DEFAULT_CATALOGUE = Path(__file__).parent / "tariffs" / "dendermonde-2026.toml"

_PRODUCT_FIELDS = ("code", "name", "volume_l", "colour", "pieces_per_roll")
_SERVICE_FIELDS = ("code", "name")
_PRODUCT_DEFAULTS = {"colour_name": "", "low_stock_threshold": 0, "position": 0, "active": True}
# A service (an A4 print) has a price per unit but no stock, volume or colour.
_SERVICE_DEFAULTS = {"volume_l": 1, "colour": "#ffffff", "pieces_per_roll": 1}
KINDS = ("bag", "service")
_LANGUAGE = re.compile(r"[a-z]{2,3}")


@dataclass(frozen=True)
class Product:
    """A bag type sold per piece (stock is kept in pieces)."""

    code: str
    name: str
    volume_l: int
    colour: str
    pieces_per_roll: int
    colour_name: str = ""
    low_stock_threshold: int = 0
    position: int = 0
    active: bool = True
    kind: str = "bag"
    # The name in other languages ({"en": ..., "fr": ...}); `name` is the Dutch one.
    names: dict[str, str] = field(default_factory=dict, hash=False)

    def name_in(self, language: str) -> str:
        """The name in a language, falling back to the Dutch name."""
        return self.names.get(language) or self.name


@dataclass(frozen=True)
class Price:
    """A price per piece in cents, valid from a Brussels calendar day until the next one."""

    product: str
    price_cents: int
    effective_from: date


@dataclass(frozen=True)
class CatalogueLoad:
    """What load_catalogue changed."""

    products: int
    prices_added: int
    prices_unchanged: int


def load_catalogue(
    db: Database, toml_path: str | Path, *, now: datetime | None = None
) -> CatalogueLoad:
    """Load bag types and prices from a TOML file in one all-or-nothing transaction."""
    try:
        with open(toml_path, "rb") as fh:
            data = tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise CatalogueError(f"{toml_path}: {exc}") from exc
    products, prices = parse_catalogue(data)
    added = unchanged = 0
    with write_transaction(db):
        for product in products:
            save_product(db, product)
        for price in prices:
            if set_price(db, price.product, price.price_cents, price.effective_from, now=now):
                added += 1
            else:
                unchanged += 1
    return CatalogueLoad(len(products), added, unchanged)


def parse_catalogue(data: dict) -> tuple[list[Product], list[Price]]:
    """Turn parsed TOML into products and prices ([[products]] with inline prices, [[prices]])."""
    products: list[Product] = []
    prices: list[Price] = []
    for position, raw in enumerate(data.get("products", [])):
        service = raw.get("kind") == "service"
        missing = [f for f in (_SERVICE_FIELDS if service else _PRODUCT_FIELDS) if f not in raw]
        if missing:
            raise CatalogueError(f"product {raw.get('code', position)}: missing {missing}")
        if raw.get("kind", "bag") not in KINDS:
            raise CatalogueError(f"product {raw['code']}: kind must be one of {KINDS}")
        defaults = {**_PRODUCT_DEFAULTS, **(_SERVICE_DEFAULTS if service else {})}
        fields = {**defaults, "position": position, **raw}
        fields["names"] = _parse_names(raw["code"], raw.get("names", {}))
        prices += [_parse_price(raw["code"], p) for p in fields.pop("prices", [])]
        try:
            products.append(Product(**fields))
        except TypeError as exc:
            raise CatalogueError(f"product {raw['code']}: {exc}") from exc
    for raw in data.get("prices", []):
        prices.append(_parse_price(raw.get("product"), raw))
    return products, prices


def _parse_names(code: str, names: object) -> dict[str, str]:
    """Names per language, e.g. names = { en = "PMD bag", fr = "Sac PMC" }."""
    if not isinstance(names, dict) or not all(
            isinstance(k, str) and _LANGUAGE.fullmatch(k) and isinstance(v, str) and v.strip()
            for k, v in names.items()):
        raise CatalogueError(f"product {code}: names must be like {{ en = \"...\", fr = \"...\" }}")
    return {language: " ".join(name.split()) for language, name in names.items()}


def _parse_price(code: object, raw: dict) -> Price:
    cents, start = raw.get("cents"), raw.get("from")
    # Prices are whole cents: a TOML float such as 1.45 is refused rather than rounded.
    if not isinstance(cents, int) or isinstance(cents, bool) or cents < 0:
        raise CatalogueError(f"price of {code}: 'cents' must be a whole number >= 0, not {cents!r}")
    if not isinstance(start, date) or isinstance(start, datetime):
        raise CatalogueError(f"price of {code}: 'from' must be a date like 2026-01-01")
    if not isinstance(code, str):
        raise CatalogueError("a [[prices]] entry needs 'product'")
    return Price(code, cents, start)


def save_product(db: Database, product: Product) -> None:
    """Create a bag type or change its description (receipts keep their own copy of the name)."""
    row = asdict(product)
    row["active"] = int(bool(row["active"]))
    row["names"] = json.dumps(row["names"], ensure_ascii=False, sort_keys=True)
    # Column names come from the Product dataclass, never from input; values are parameters.
    columns = ", ".join(row)
    marks = ", ".join(":" + c for c in row)
    updates = ", ".join(f"{c} = excluded.{c}" for c in row if c != "code")
    try:
        db.execute(
            f"INSERT INTO products ({columns}) VALUES ({marks}) "  # noqa: S608
            f"ON CONFLICT(code) DO UPDATE SET {updates}",
            row,
        )
    except (sqlite3.IntegrityError, sqlite3.InterfaceError) as exc:
        raise CatalogueError(f"product {product.code}: {exc}") from exc


def set_price(
    db: Database, code: str, price_cents: int, effective_from: date, *, now: datetime | None = None
) -> bool:
    """Add a price from a date; return False if it was already there. Prices in force are final."""
    get_product(db, code)
    existing = one(
        db, "SELECT price_cents FROM prices WHERE product = ? AND effective_from = ?",
        [code, effective_from.isoformat()],
    )
    if existing and existing["price_cents"] == price_cents:
        return False
    today = local_date(now or utc_now())
    if existing and effective_from <= today:
        # A price that already applied may be on receipts: it can only be superseded by a later one.
        raise CatalogueError(
            f"{code}: the price from {effective_from} is already in force; add a new date instead"
        )
    db.execute(
        "INSERT INTO prices (product, effective_from, price_cents, created_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(product, effective_from) DO UPDATE SET price_cents = excluded.price_cents",
        [code, effective_from.isoformat(), price_cents, iso(now or utc_now())],
    )
    return True


def get_product(db: Database, code: str) -> Product:
    """Return one bag type (active or not)."""
    row = one(db, "SELECT * FROM products WHERE code = ?", [code])
    if row is None:
        raise UnknownProduct(f"onbekend product: {code}")
    return _product(row)


def list_products(
    db: Database, *, include_inactive: bool = False, kind: str | None = "bag"
) -> list[Product]:
    """Return the bag types (or the services, or with kind=None everything) in display order."""
    sql = ("SELECT * FROM products WHERE (active = 1 OR ?) AND (? IS NULL OR kind = ?) "
           "ORDER BY position, code")
    return [_product(r) for r in db.query(sql, [int(include_inactive), kind, kind])]


def price_at(db: Database, code: str, at: datetime) -> Price:
    """Return the price of a bag type that applies on the Brussels day of `at`."""
    row = one(
        db,
        "SELECT price_cents, effective_from FROM prices WHERE product = ? AND effective_from <= ? "
        "ORDER BY effective_from DESC LIMIT 1",
        [code, local_date(at).isoformat()],
    )
    if row is None:
        raise UnknownProduct(f"{code} heeft nog geen prijs op {local_date(at)}")
    return Price(code, row["price_cents"], date.fromisoformat(row["effective_from"]))


def price_history(db: Database, code: str) -> list[Price]:
    """Return every price of a bag type, oldest first (including ones not yet in force)."""
    rows = db.query(
        "SELECT price_cents, effective_from FROM prices WHERE product = ? ORDER BY effective_from",
        [code],
    )
    return [Price(code, r["price_cents"], date.fromisoformat(r["effective_from"])) for r in rows]


def _product(row: dict) -> Product:
    return Product(**{**row, "active": bool(row["active"]), "names": json.loads(row["names"])})
