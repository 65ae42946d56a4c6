"""One SQLite file per month per kiosk (BP1-2026-11.db) and its manifest, for the city view.

Only the anonymous columns go in: what an Export declares `private` (free texts, names) stays
on the kiosk. The manifest (BP1-2026-11.json) names the kiosk and buurtpunt, the schema version,
the row count of every table and the file's sha256, so `kiosk combine` can refuse a bad file.
"""

import hashlib
import json
import sqlite3
from collections.abc import Iterable
from pathlib import Path

SCHEMA_VERSION = 1


def sha256(path: Path) -> str:
    """The file's SHA-256 as hex."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _table(conn: sqlite3.Connection, name: str, columns: list[str], rows: Iterable[dict],
           kiosk_id: str) -> int:
    conn.execute(f"CREATE TABLE {_quote(name)} ({', '.join(map(_quote, columns))})")
    # Names come from the features' declarations, quoted; values are bound.
    insert = f"INSERT INTO {_quote(name)} VALUES ({', '.join('?' * len(columns))})"  # noqa: S608
    count = 0
    for row in rows:
        conn.execute(insert, [kiosk_id if c == "kiosk" else row.get(c) for c in columns])
        count += 1
    return count


def write(out: Path, month: str, kiosk_id: str, buurtpunt: str,
          tables: Iterable[tuple[str, Iterable[str], Iterable[dict]]]) -> dict:
    """Write OUT/KIOSK-MONTH.db with one table per (name, columns, rows), and its manifest."""
    path = out / f"{kiosk_id}-{month}.db"
    path.unlink(missing_ok=True)
    counts = {}
    with sqlite3.connect(path) as conn:
        for name, columns, rows in tables:
            kept = ["kiosk"] + [c for c in columns if c != "kiosk"]
            counts[name] = _table(conn, name, kept, rows, kiosk_id)
    conn.close()
    manifest = {"kiosk": kiosk_id, "buurtpunt": buurtpunt, "month": month,
                "schema_version": SCHEMA_VERSION, "file": path.name, "rows": counts,
                "sha256": sha256(path)}
    path.with_suffix(".json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False),
                                         encoding="utf-8")
    return manifest


class BadMonthFile(ValueError):
    """A month file whose manifest is missing or does not match the file."""


def check(path: Path) -> dict:
    """The manifest of month file PATH, after checking its schema, checksum and row counts."""
    try:
        manifest = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise BadMonthFile(f"{path.name}: geen leesbaar manifest ({error})") from error
    if not isinstance(manifest, dict) or manifest.get("schema_version") != SCHEMA_VERSION:
        raise BadMonthFile(f"{path.name}: onbekende schemaversie")
    if manifest.get("sha256") != sha256(path):
        raise BadMonthFile(f"{path.name}: de controlesom klopt niet")
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        for table, count in dict(manifest.get("rows") or {}).items():
            found = conn.execute(f"SELECT count(*) FROM {_quote(table)}").fetchone()[0]  # noqa: S608
            if found != count:
                raise BadMonthFile(f"{path.name}: {table} heeft {found} rijen, niet {count}")
    conn.close()
    return manifest
