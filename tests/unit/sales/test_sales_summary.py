"""The desk's period summary: sales minus voids per payment method, training left out."""

from datetime import UTC, datetime, timedelta

import sales
from sales.summary import summarise


def _sell(db, key, method="cash", training=False, **cart):
    return sales.record_sale(db, cart or {"PMD": 2}, sales.Payment(method), "Anna", key, "BP1",
                             training=training)


def test_summary_nets_voids_and_leaves_out_training(fresh_db):
    sales.load_catalogue(fresh_db, sales.DEFAULT_CATALOGUE)
    sales.record_intake(fresh_db, "PMD", volunteer="Anna", pieces=50)
    sales.record_intake(fresh_db, "REST30", volunteer="Anna", pieces=50)
    sales.open_session(fresh_db, 0, "Anna")
    first = _sell(fresh_db, "a" * 32)
    _sell(fresh_db, "b" * 32, "bancontact_qr", REST30=1)
    _sell(fresh_db, "c" * 32, training=True)
    sales.void_sale(fresh_db, first.number, "Anna", "verkeerd aangerekend")
    now = datetime.now(UTC)
    summary = summarise(fresh_db, now - timedelta(hours=1), now + timedelta(hours=1))
    assert (summary.sales_count, summary.voids_count) == (2, 1)
    assert summary.per_method == {"cash": 0, "bancontact_qr": 145}
    assert summary.total_cents == 145
    earlier = summarise(fresh_db, now - timedelta(days=2), now - timedelta(days=1))
    assert earlier.sales_count == 0 and earlier.total_cents == 0
