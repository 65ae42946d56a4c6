"""Settings a volunteer changes at the desk (kept in the database, unlike kiosk.toml)."""

from sqlite_utils import Database

TRAINING = "training_mode"


def get(db: Database, key: str, default: str = "") -> str:
    """One setting's value, or the default."""
    row = db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    return row[0] if row else default


def put(db: Database, key: str, value: str) -> None:
    """Store one setting."""
    db.execute("INSERT INTO settings (key, value) VALUES (?, ?) "
               "ON CONFLICT (key) DO UPDATE SET value = excluded.value", [key, value])


def training(db: Database) -> bool:
    """True while the kiosk is in training mode: sales print OEFENING and never count."""
    return get(db, TRAINING) == "1"
