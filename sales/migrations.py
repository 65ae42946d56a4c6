"""Numbered schema migrations for the tables that the sales package owns."""

import json

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("sales")

# The journal is evidence: rows are only ever added. These tables refuse UPDATE and DELETE
# at the database level, so that a bug or a hand-edited query cannot rewrite history.
APPEND_ONLY_TABLES = (
    "receipts",
    "receipt_lines",
    "stock_moves",
    "cash_sessions",
    "cash_moves",
    "cash_closes",
)


def _forbid_changes(db: Database, table: str) -> None:
    for action in ("UPDATE", "DELETE"):
        db.execute(
            f"""CREATE TRIGGER IF NOT EXISTS {table}_no_{action.lower()}
            BEFORE {action} ON {table}
            BEGIN SELECT RAISE(ABORT, '{table} is append-only: {action} is not allowed'); END"""
        )


@migrations()
def m001_catalogue(db: Database) -> None:
    """Bag types and their tariff history."""
    db.execute(
        """CREATE TABLE products (
            code TEXT PRIMARY KEY CHECK (code GLOB '[A-Z0-9]*' AND length(code) <= 16),
            name TEXT NOT NULL,
            volume_l INTEGER NOT NULL CHECK (volume_l > 0),
            colour TEXT NOT NULL,
            colour_name TEXT NOT NULL DEFAULT '',
            pieces_per_roll INTEGER NOT NULL CHECK (pieces_per_roll > 0),
            low_stock_threshold INTEGER NOT NULL DEFAULT 0 CHECK (low_stock_threshold >= 0),
            position INTEGER NOT NULL DEFAULT 0,
            active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
        )"""
    )
    db.execute(
        """CREATE TABLE prices (
            product TEXT NOT NULL REFERENCES products(code),
            effective_from TEXT NOT NULL CHECK (date(effective_from) = effective_from),
            price_cents INTEGER NOT NULL CHECK (price_cents >= 0),
            created_at TEXT NOT NULL,
            PRIMARY KEY (product, effective_from)
        )"""
    )


@migrations()
def m002_cash_sessions(db: Database) -> None:
    """Cash sessions: opening float, cash in/out, and the close with its stored Z-report."""
    db.execute(
        """CREATE TABLE cash_sessions (
            id INTEGER PRIMARY KEY,
            opened_at TEXT NOT NULL,
            opened_by TEXT NOT NULL CHECK (length(opened_by) > 0),
            float_cents INTEGER NOT NULL CHECK (float_cents >= 0),
            float_detail TEXT
        )"""
    )
    db.execute(
        """CREATE TABLE cash_moves (
            id INTEGER PRIMARY KEY,
            session_id INTEGER NOT NULL REFERENCES cash_sessions(id),
            kind TEXT NOT NULL CHECK (kind IN ('in', 'out')),
            amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
            reason TEXT NOT NULL CHECK (length(reason) > 0),
            volunteer TEXT NOT NULL CHECK (length(volunteer) > 0),
            created_at TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX cash_moves_session ON cash_moves(session_id)")
    db.execute(
        """CREATE TABLE cash_closes (
            session_id INTEGER PRIMARY KEY REFERENCES cash_sessions(id),
            closed_at TEXT NOT NULL,
            closed_by TEXT NOT NULL CHECK (length(closed_by) > 0),
            expected_cents INTEGER NOT NULL,
            counted_cents INTEGER NOT NULL,
            difference_cents INTEGER NOT NULL,
            counted_detail TEXT,
            bag_counts TEXT NOT NULL,
            chain_head_number TEXT,
            chain_head_hash TEXT,
            z_report TEXT NOT NULL
        )"""
    )


@migrations()
def m003_journal(db: Database) -> None:
    """Receipts and their lines: gap-free numbers per series, hash chain, idempotency key."""
    db.execute(
        """CREATE TABLE receipts (
            id INTEGER PRIMARY KEY,
            series TEXT NOT NULL,
            seq INTEGER NOT NULL CHECK (seq > 0),
            number TEXT NOT NULL UNIQUE,
            kiosk_prefix TEXT NOT NULL,
            created_at TEXT NOT NULL,
            session_id INTEGER REFERENCES cash_sessions(id),
            volunteer TEXT NOT NULL CHECK (length(volunteer) > 0),
            payment_method TEXT NOT NULL
                CHECK (payment_method IN ('cash', 'bancontact_qr', 'wero_qr')),
            subtotal_cents INTEGER NOT NULL,
            rounding_cents INTEGER NOT NULL,
            total_cents INTEGER NOT NULL,
            received_cents INTEGER,
            change_cents INTEGER,
            training INTEGER NOT NULL CHECK (training IN (0, 1)),
            void_of TEXT REFERENCES receipts(number),
            void_reason TEXT,
            idempotency_key TEXT NOT NULL UNIQUE,
            request_fingerprint TEXT NOT NULL,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL,
            UNIQUE (series, seq),
            CHECK ((void_of IS NULL) = (void_reason IS NULL))
        )"""
    )
    # One void per receipt, enforced by the database as well as by the code.
    db.execute(
        "CREATE UNIQUE INDEX receipts_one_void ON receipts(void_of) WHERE void_of IS NOT NULL"
    )
    db.execute("CREATE INDEX receipts_session ON receipts(session_id)")
    db.execute("CREATE INDEX receipts_created ON receipts(created_at)")
    db.execute(
        """CREATE TABLE receipt_lines (
            receipt_id INTEGER NOT NULL REFERENCES receipts(id),
            line_no INTEGER NOT NULL,
            product TEXT NOT NULL REFERENCES products(code),
            name TEXT NOT NULL,
            qty INTEGER NOT NULL CHECK (qty != 0),
            unit_price_cents INTEGER NOT NULL,
            price_from TEXT NOT NULL,
            line_total_cents INTEGER NOT NULL CHECK (line_total_cents = qty * unit_price_cents),
            PRIMARY KEY (receipt_id, line_no)
        )"""
    )
    db.execute(
        """CREATE TABLE stock_moves (
            id INTEGER PRIMARY KEY,
            product TEXT NOT NULL REFERENCES products(code),
            kind TEXT NOT NULL CHECK (kind IN ('intake', 'sale', 'void', 'correction')),
            pieces INTEGER NOT NULL CHECK (pieces != 0),
            rolls INTEGER,
            receipt_id INTEGER REFERENCES receipts(id),
            reason TEXT,
            volunteer TEXT NOT NULL,
            created_at TEXT NOT NULL,
            CHECK (kind != 'correction' OR length(reason) > 0)
        )"""
    )
    db.execute("CREATE INDEX stock_moves_product ON stock_moves(product, pieces)")
    db.execute("CREATE INDEX stock_moves_receipt ON stock_moves(receipt_id)")


@migrations()
def m004_sale_claims(db: Database) -> None:
    """In-flight idempotency keys, so that a repeat while a sale is running is recognised."""
    # Not part of the journal: a claim lives only while its sale runs (or until it goes stale).
    db.execute(
        """CREATE TABLE sale_claims (
            idempotency_key TEXT PRIMARY KEY,
            fingerprint TEXT NOT NULL,
            owner TEXT NOT NULL,
            claimed_at TEXT NOT NULL
        )"""
    )


@migrations()
def m005_append_only(db: Database) -> None:
    """Triggers that make UPDATE and DELETE on the journal tables fail."""
    for table in APPEND_ONLY_TABLES:
        _forbid_changes(db, table)


@migrations()
def m006_stock_balance(db: Database) -> None:
    """A running stock balance per bag type, kept by a trigger on stock_moves."""
    # Summing every move on each sale makes a sale slower as the journal grows; the balance is
    # derived data (rebuildable from stock_moves), so it may be updated.
    db.execute(
        """CREATE TABLE stock_balance (
            product TEXT PRIMARY KEY REFERENCES products(code),
            pieces INTEGER NOT NULL
        )"""
    )
    db.execute(
        "INSERT INTO stock_balance (product, pieces) "
        "SELECT product, sum(pieces) FROM stock_moves GROUP BY product"
    )
    db.execute(
        """CREATE TRIGGER stock_moves_balance AFTER INSERT ON stock_moves
        BEGIN
            INSERT INTO stock_balance (product, pieces) VALUES (NEW.product, NEW.pieces)
            ON CONFLICT(product) DO UPDATE SET pieces = pieces + NEW.pieces;
        END"""
    )


@migrations()
def m007_services(db: Database) -> None:
    """Products that are services (an A4 print): sold per unit, no stock kept."""
    db.execute(
        "ALTER TABLE products ADD COLUMN kind TEXT NOT NULL DEFAULT 'bag' "
        "CHECK (kind IN ('bag', 'service'))"
    )


# The names of Dendermonde's default catalogue in English and French, as they were when names per
# language came; a kiosk that renamed a product keeps its own name without translations.
_DEFAULT_NAMES = {
    "REST30": ("Restafvalzak 30 l", {"en": "Residual waste bag 30 l",
                                     "fr": "Sac pour déchets résiduels 30 l"}),
    "REST60": ("Restafvalzak 60 l", {"en": "Residual waste bag 60 l",
                                     "fr": "Sac pour déchets résiduels 60 l"}),
    "PMD": ("PMD-zak", {"en": "PMD bag", "fr": "Sac PMC"}),
    "PRINT": ("Afdruk A4", {"en": "A4 print", "fr": "Impression A4"}),
}


@migrations()
def m008_product_names(db: Database) -> None:
    """A product's name per language (JSON) for the visitor's screen; `name` stays Dutch."""
    db.execute(
        "ALTER TABLE products ADD COLUMN names TEXT NOT NULL DEFAULT '{}' "
        "CHECK (json_valid(names) AND json_type(names) = 'object')"
    )
    for code, (dutch, names) in _DEFAULT_NAMES.items():
        db.execute(
            "UPDATE products SET names = ? WHERE code = ? AND name = ?",
            [json.dumps(names, ensure_ascii=False, sort_keys=True), code, dutch],
        )
