"""The shop's commands: verify, products load and export (CSV in Brussels time)."""

import csv
import sqlite3
import uuid
from datetime import UTC, datetime

import pytest

from kiosk.db import connect
from sales import Payment, open_session, record_intake, record_sale

MARCH = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


@pytest.fixture
def shop(app):
    db = connect(app.config["DATABASE"])
    record_intake(db, "PMD", rolls=2, volunteer="Els", now=MARCH)
    open_session(db, 5000, "Els", now=MARCH)
    for n in range(3):
        record_sale(db, {"PMD": n + 1}, Payment("cash"), "Els", uuid.uuid4().hex, "BP1",
                    now=MARCH)
    db.close()
    return app


def _tamper(app, *statements):
    conn = sqlite3.connect(app.config["DATABASE"])
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'"):
        conn.execute(f"DROP TRIGGER {name}")
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()


@pytest.mark.parametrize("command", [["verify"], ["products", "load"], ["export"]])
def test_sales_command_has_help(runner, command):
    result = runner.invoke(args=[*command, "--help"])
    assert result.exit_code == 0 and "Usage" in result.output


def test_verify_says_ok_with_counts(shop, runner):
    result = runner.invoke(args=["verify"])
    assert result.exit_code == 0, result.output
    assert "Journaal in orde: 3 bonnen gecontroleerd (laatste BP1-000003)" in result.output


def test_verify_on_an_empty_journal(runner):
    result = runner.invoke(args=["verify"])
    assert result.exit_code == 0 and "0 bonnen" in result.output


@pytest.mark.parametrize(("statement", "why"), [
    ("UPDATE receipts SET volunteer = 'X' WHERE number = 'BP1-000002'", "inhoud werd veranderd"),
    ("DELETE FROM receipt_lines WHERE receipt_id = 2; "
     "DELETE FROM stock_moves WHERE receipt_id = 2; "
     "DELETE FROM receipts WHERE number = 'BP1-000002'", "ontbreekt een bon"),
])
def test_verify_names_the_first_bad_receipt(shop, runner, statement, why):
    _tamper(shop, *statement.split("; "))
    result = runner.invoke(args=["verify"])
    assert result.exit_code == 1
    assert "BP1-000002" in result.output and why in result.output


def test_products_load_a_new_tariff(app, runner, tmp_path):
    runner.invoke(args=["products", "load", "sales/tariffs/dendermonde-2026.toml"])
    tariff = tmp_path / "tarief-2027.toml"
    tariff.write_text('[[prices]]\nproduct = "PMD"\nfrom = 2027-01-01\ncents = 30\n',
                      encoding="utf-8")
    result = runner.invoke(args=["products", "load", str(tariff)])
    assert result.exit_code == 0, result.output
    assert "1 nieuwe prijzen" in result.output
    db = connect(app.config["DATABASE"])
    prices = db.execute("SELECT effective_from, price_cents FROM prices WHERE product = 'PMD' "
                        "ORDER BY effective_from").fetchall()
    db.close()
    assert prices == [("2026-01-01", 25), ("2027-01-01", 30)]


@pytest.mark.parametrize(("content", "message"), [
    (None, "bestaat niet"),
    ("[[prices]]\nproduct = \"PMD\"\nfrom = 2027-01-01\ncents = 0.3\n", "niets veranderd"),
    ("dit is geen toml", "niets veranderd"),
    ("[[prices]]\nproduct = \"NOPE\"\nfrom = 2027-01-01\ncents = 30\n", "niets veranderd"),
])
def test_products_load_refuses_a_bad_file(app, runner, tmp_path, content, message):
    path = tmp_path / "tarief.toml"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    result = runner.invoke(args=["products", "load", str(path)])
    assert result.exit_code == 1
    assert message in result.output


def test_export_writes_visits_and_sales_in_brussels_time(shop, runner, tmp_path):
    db = connect(shop.config["DATABASE"])
    for moment, reasons, key in ((MARCH, ["koffie", "digitaal"], "a" * 32),
                                 (datetime(2026, 2, 28, 23, 30, tzinfo=UTC), ["koffie"], "b" * 32),
                                 (datetime(2026, 4, 1, 9, tzinfo=UTC), ["koffie"], "c" * 32)):
        visit = db["visits"].insert({"created_at": moment.isoformat(), "language": "nl",
                                     "source": "kiosk", "request_key": key}).last_pk
        db["visit_reasons"].insert_all({"visit_id": visit, "reason": r} for r in reasons)
    db.close()
    out = tmp_path / "export"
    result = runner.invoke(args=["export", "--month", "2026-03", "--out", str(out)])
    assert result.exit_code == 0, result.output
    with (out / "visits.csv").open(encoding="utf-8", newline="") as fh:
        visits = list(csv.DictReader(fh))
    # 28 February 23:30 UTC is 1 March 00:30 in Brussels: it belongs to March.
    assert [(v["time"], v["reasons"]) for v in visits] == [
        ("2026-03-01 00:30:00", "koffie"), ("2026-03-02 11:00:00", "digitaal+koffie")]
    with (out / "sales.csv").open(encoding="utf-8", newline="") as fh:
        sales = list(csv.DictReader(fh))
    assert [(s["number"], s["qty"], s["total_cents"]) for s in sales] == [
        ("BP1-000001", "1", "25"), ("BP1-000002", "2", "50"), ("BP1-000003", "3", "75")]
    assert sales[0]["created_at"] == "2026-03-02 11:00:00"
    assert "visits.csv (2 bezoeken)" in result.output


@pytest.mark.parametrize("month", ["2026-13", "maart", "2026-3", ""])
def test_export_refuses_a_bad_month(runner, tmp_path, month):
    result = runner.invoke(args=["export", "--month", month, "--out", str(tmp_path / "x")])
    assert result.exit_code != 0
    assert "JJJJ-MM" in result.output
    assert not (tmp_path / "x").exists()


def test_export_writes_the_months_ideas_without_contact_details(app, tmp_path):
    import csv

    from kiosk.db import connect
    from kiosk.ideas import store as ideas

    db = connect(app.config["DATABASE"])
    draft = {"kind": "idee", "theme": "groen", "text": "Een ruilkast aan het plein",
             "place": "Kerkplein", "name": "Mia", "phone": "0470 12 34 56", "email": "",
             "consent": "1"}
    ideas.record_idea(db, draft, "f" * 32)
    db.close()
    from zoneinfo import ZoneInfo

    from kiosk import clock

    month = clock.now().astimezone(ZoneInfo("Europe/Brussels")).strftime("%Y-%m")
    result = app.test_cli_runner().invoke(args=["export", "--month", month, "--out",
                                                str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    with (tmp_path / "out" / "ideas.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["theme"] for r in rows] == ["groen"]
    written = (tmp_path / "out" / "ideas.csv").read_text(encoding="utf-8")
    assert "0470" not in written and "ruilkast" not in written and "Kerkplein" not in written
    assert "text" not in rows[0] and "public_text" in rows[0], "only the wall's text may leave"
