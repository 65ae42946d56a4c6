"""Is a database file sound? SQLite's integrity and foreign keys, then the sales journal's chain."""

import contextlib
import sqlite3
from pathlib import Path

from printer.dbtools import connect
from sales import JournalCheck, verify_journal

# verify_journal explains in English (it is a library); the volunteer reads Dutch.
PROBLEMS = {
    "gap": "er ontbreekt een bon (gat in de nummering)",
    "does not match its series": "het nummer past niet bij de reeks",
    "chain broken": "de keten is gebroken: de vorige hash klopt niet",
    "hash mismatch": "de inhoud werd veranderd nadat de bon werd opgeslagen",
    "lines do not add up": "de lijnen tellen niet op tot het subtotaal",
    "subtotal plus rounding": "subtotaal plus afronding is niet het totaal",
    "Z-report": "verschilt van de laatste bon die op een Z-rapport staat",
}


class CheckFailed(Exception):
    """The file is damaged or its journal does not add up; the message says what, in Dutch."""


def journal_words(check: JournalCheck) -> str:
    """What `kiosk verify` says about a journal check, in Dutch."""
    if not check.ok:
        why = next((dutch for key, dutch in PROBLEMS.items() if key in (check.problem or "")),
                   check.problem)
        return (f"het journaal klopt niet vanaf bon {check.first_bad}: {why}. "
                f"{check.receipts_checked} bonnen ervoor zijn in orde.")
    heads = ", ".join(f"laatste {number}" for number in check.heads.values()) or "nog geen bonnen"
    return f"Journaal in orde: {check.receipts_checked} bonnen gecontroleerd ({heads})."


def check_file(path: Path) -> str:
    """Check a copy of the database (a backup, a restore); the journal's summary, or CheckFailed."""
    if not path.is_file():
        raise CheckFailed(f"{path} bestaat niet.")
    try:
        with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as raw:
            integrity = raw.execute("PRAGMA integrity_check").fetchone()[0]
            broken = raw.execute("PRAGMA foreign_key_check").fetchall()
            has_journal = raw.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table' "
                                      "AND name = 'receipts'").fetchone()[0]
    except sqlite3.DatabaseError as error:
        raise CheckFailed(f"{path} is geen leesbare database: {error}.") from error
    if integrity != "ok":
        raise CheckFailed(f"{path} is beschadigd (integrity_check: {integrity}).")
    if broken:
        raise CheckFailed(f"{path} heeft {len(broken)} verwijzingen naar rijen die er niet zijn.")
    if not has_journal:
        raise CheckFailed(f"{path} is geen database van de kiosk (geen journaal).")
    with contextlib.closing(connect(path)) as db:
        check = verify_journal(db)
    if not check.ok:
        raise CheckFailed(journal_words(check))
    return journal_words(check)
