"""`kiosk export` also writes the month's SQLite file for the city, with a manifest."""

import hashlib
import json
import sqlite3

import pytest

from kiosk import create_app
from kiosk.db import connect, migrate


def kiosk_app(tmp_path, kiosk_id, visits):
    """A kiosk KIOSK_ID with `visits` as (UTC time, reasons) already stored."""
    app = create_app({"INSTANCE_PATH": str(tmp_path / kiosk_id), "TESTING": True,
                      "KIOSK_ID": kiosk_id, "BUURTPUNT_NAME": f"Buurtpunt {kiosk_id}",
                      "REPORT_MIN_COUNT": 2})
    db = connect(app.config["DATABASE"])
    migrate(db)
    for number, (moment, reasons) in enumerate(visits):
        visit_id = db.execute(
            "INSERT INTO visits (created_at, language, source, request_key) VALUES (?, ?, ?, ?)",
            [moment, "nl", "kiosk", f"k{number:030d}"]).lastrowid
        db.conn.executemany("INSERT INTO visit_reasons (visit_id, reason) VALUES (?, ?)",
                            [(visit_id, reason) for reason in reasons])
    db.conn.commit()
    db.close()
    return app


def export(app, month, out):
    result = app.test_cli_runner().invoke(args=["export", "--month", month, "--out", str(out)])
    assert result.exit_code == 0, result.output
    return result


NOVEMBER = [("2026-11-02T09:15:00+00:00", ["koffie"]),
            ("2026-11-02T10:00:00+00:00", ["digitaal", "koffie"]),
            ("2026-11-30T23:30:00+00:00", ["rechten"]),  # 1 December in Brussels
            ("2026-10-31T23:30:00+00:00", ["buren"])]  # 1 November in Brussels


@pytest.fixture
def bp1(tmp_path):
    return kiosk_app(tmp_path, "BP1", NOVEMBER)


def test_reports_export_writes_the_month_file_and_its_manifest(bp1, tmp_path):
    out = tmp_path / "out"
    result = export(bp1, "2026-11", out)
    assert "BP1-2026-11.db" in result.output
    path = out / "BP1-2026-11.db"
    manifest = json.loads((out / "BP1-2026-11.json").read_text(encoding="utf-8"))
    assert manifest["kiosk"] == "BP1" and manifest["buurtpunt"] == "Buurtpunt BP1"
    assert manifest["month"] == "2026-11" and manifest["schema_version"] == 1
    assert manifest["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    with sqlite3.connect(path) as conn:
        visits = conn.execute("SELECT kiosk, time, reasons FROM visits ORDER BY time").fetchall()
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for table in tables:
            assert conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] \
                == manifest["rows"][table]
    assert [row[0] for row in visits] == ["BP1"] * 3
    assert [row[2] for row in visits] == ["buren", "koffie", "digitaal+koffie"]
    assert manifest["rows"]["visits"] == 3
    assert {"visits", "sales", "ideas", "shifts", "tickets"} <= set(tables)


def test_reports_the_month_file_keeps_free_texts_and_names_on_the_kiosk(bp1, tmp_path):
    export(bp1, "2026-11", tmp_path / "out")
    with sqlite3.connect(tmp_path / "out" / "BP1-2026-11.db") as conn:
        columns = {table: {r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')}
                   for table in ("ideas", "shifts")}
    assert not {"text", "place", "status_reason"} & columns["ideas"]
    assert "public_text" in columns["ideas"]
    assert "volunteer" not in columns["shifts"] and "hours" in columns["shifts"]


def combine(app, *args):
    return app.test_cli_runner().invoke(args=["combine", *map(str, args)])


def test_reports_combine_two_kiosks_and_a_repeated_file_counts_once(bp1, tmp_path):
    bp2 = kiosk_app(tmp_path, "BP2", NOVEMBER[:2])
    export(bp1, "2026-11", tmp_path / "a")
    export(bp2, "2026-11", tmp_path / "b")
    files = [tmp_path / "a" / "BP1-2026-11.db", tmp_path / "b" / "BP2-2026-11.db"]
    city = tmp_path / "city.db"
    result = combine(bp1, *files, files[0], "--out", city)
    assert result.exit_code == 0, result.output
    assert combine(bp1, files[0], "--out", city).exit_code == 0
    with sqlite3.connect(city) as conn:
        per_kiosk = dict(conn.execute("SELECT kiosk, value FROM figures WHERE "
                                      "figure = 'visits_per_day' AND label = 'totaal'"))
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        months = conn.execute("SELECT kiosk, month FROM months ORDER BY kiosk").fetchall()
    assert per_kiosk == {"BP1": 3, "BP2": 2}
    assert tables == {"figures", "months"}, "rows stay in the month files"
    assert months == [("BP1", "2026-11"), ("BP2", "2026-11")]


@pytest.mark.parametrize("spoil", ["checksum", "manifest", "schema", "kiosk", "no figures"])
def test_reports_combine_refuses_a_bad_file_and_writes_nothing(bp1, tmp_path, spoil):
    export(bp1, "2026-11", tmp_path / "a")
    path = tmp_path / "a" / "BP1-2026-11.db"
    manifest_path = path.with_suffix(".json")
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    if spoil == "checksum":
        with sqlite3.connect(path) as conn:
            conn.execute("DELETE FROM visits WHERE rowid = 1")
        conn.close()
    elif spoil == "manifest":
        manifest_path.write_text("{not json", encoding="utf-8")
    elif spoil == "schema":
        manifest_path.write_text(json.dumps(manifest | {"schema_version": 99}), encoding="utf-8")
    elif spoil == "kiosk":  # a file passed off as another kiosk's
        manifest_path.write_text(json.dumps(manifest | {"kiosk": "BP9"}), encoding="utf-8")
    else:
        rows = {k: v for k, v in manifest["rows"].items() if k != "figures"}
        manifest_path.write_text(json.dumps(manifest | {"rows": rows}), encoding="utf-8")
    result = combine(bp1, path, "--out", tmp_path / "city.db")
    assert result.exit_code != 0
    assert "BP1-2026-11.db" in result.output
    assert not (tmp_path / "city.db").exists()


def test_reports_combine_refuses_two_different_files_of_one_kiosk_and_month(bp1, tmp_path):
    export(bp1, "2026-11", tmp_path / "a")
    db = connect(bp1.config["DATABASE"])
    db.execute("INSERT INTO visits (created_at, language, source, request_key) "
               "VALUES ('2026-11-03T09:00:00+00:00', 'nl', 'kiosk', 'one-more')")
    db.conn.commit()
    db.close()
    export(bp1, "2026-11", tmp_path / "b")
    result = combine(bp1, tmp_path / "a" / "BP1-2026-11.db", tmp_path / "b" / "BP1-2026-11.db",
                     "--out", tmp_path / "city.db")
    assert result.exit_code != 0 and "tweede" in result.output
    assert not (tmp_path / "city.db").exists()


def test_reports_counts_of_people_leave_as_less_than_the_minimum(bp1, tmp_path):
    """Rows with counts in them (rights shown, referrals, sign-ups) hide the small ones."""
    from kiosk.reports.exporting import hide_small
    rows = [{"day": "2026-11-02", "shown": 1}, {"day": "2026-11-03", "shown": 0},
            {"day": "2026-11-04", "shown": 5}, {"day": "2026-11-05", "shown": 4}]
    assert [row["shown"] for row in hide_small(rows, ["shown"], 5)] == ["< 5", 0, 5, "< 5"]
    assert [row["day"] for row in hide_small(rows, ["shown"], 5)] == [r["day"] for r in rows]
