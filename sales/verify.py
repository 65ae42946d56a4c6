"""Journal check for `kiosk verify`: gap-free numbers, sums, hash chain, Z-report anchors."""

from dataclasses import dataclass, field

from sqlite_utils import Database

from sales.receipts import (
    GENESIS_HASH,
    RECEIPT_SELECT,
    TRAINING_PREFIX,
    format_number,
    receipt_hash,
    split_row,
)


@dataclass(frozen=True)
class JournalCheck:
    """Outcome of verify_journal: the first bad receipt number and why, or ok."""

    ok: bool
    receipts_checked: int
    first_bad: str | None = None
    problem: str | None = None
    heads: dict[str, str] = field(default_factory=dict)


def verify_journal(db: Database) -> JournalCheck:
    """Check every series (real first, then training) and name the first bad receipt."""
    # Receipts are read in number order; the chain and the numbering are checked together,
    # so a deleted, inserted or edited receipt breaks one of them at the first place it happened.
    rows = db.query(
        f"{RECEIPT_SELECT} ORDER BY r.series LIKE '{TRAINING_PREFIX}-%', r.series, r.seq"
    )
    checked, series, expected_seq, prev = 0, None, 1, GENESIS_HASH
    heads: dict[str, str] = {}
    for row in rows:
        receipt, lines = split_row(row)
        if receipt["series"] != series:
            series, expected_seq, prev = receipt["series"], 1, GENESIS_HASH
        problem = _problem(receipt, lines, expected_seq, prev)
        if problem is not None:
            bad = receipt["number"] if receipt["seq"] == expected_seq else format_number(
                series, expected_seq)
            return JournalCheck(False, checked, bad, problem, heads)
        checked += 1
        expected_seq, prev = expected_seq + 1, receipt["hash"]
        heads[series] = receipt["number"]
    anchor = _check_anchors(db)
    if anchor is not None:
        return JournalCheck(False, checked, anchor[0], anchor[1], heads)
    return JournalCheck(True, checked, heads=heads)


def _problem(receipt: dict, lines: list[dict], expected_seq: int, prev: str) -> str | None:
    if receipt["seq"] != expected_seq:
        return "number missing from the journal (gap)"
    if receipt["number"] != format_number(receipt["series"], receipt["seq"]):
        return "number does not match its series and sequence"
    if receipt["prev_hash"] != prev:
        return "chain broken: prev_hash is not the hash of the previous receipt"
    if receipt_hash(prev, receipt, lines) != receipt["hash"]:
        return "content changed after it was recorded (hash mismatch)"
    if sum(line["line_total_cents"] for line in lines) != receipt["subtotal_cents"]:
        return "lines do not add up to the subtotal"
    if receipt["subtotal_cents"] + receipt["rounding_cents"] != receipt["total_cents"]:
        return "subtotal plus rounding is not the total"
    return None


def _check_anchors(db: Database) -> tuple[str, str] | None:
    """Each Z-report printed the chain head: that receipt must still carry that hash."""
    # This catches a journal cut short after a close, which a chain alone cannot notice.
    rows = db.query(
        "SELECT c.chain_head_number AS number, c.chain_head_hash AS hash, r.hash AS now_hash "
        "FROM cash_closes c LEFT JOIN receipts r ON r.number = c.chain_head_number "
        "WHERE c.chain_head_number IS NOT NULL ORDER BY c.session_id"
    )
    for row in rows:
        if row["now_hash"] != row["hash"]:
            return row["number"], "differs from the chain head printed on a Z-report"
    return None
