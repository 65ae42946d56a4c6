"""The month file and its manifest without Flask: what check() accepts and what it refuses."""

import json
import sqlite3

import pytest

from kiosk import monthfile

TABLES = [("visits", ["kiosk", "time", "reasons"],
           [{"time": "2026-11-02 10:15:00", "reasons": "koffie"},
            {"time": "2026-11-03 11:00:00", "reasons": "digitaal+koffie"}]),
          ("figures", ["kiosk", "figure", "label", "value", "shown"],
           [{"figure": "languages", "label": "nl", "value": None, "shown": "< 5"}])]


@pytest.fixture
def written(tmp_path):
    manifest = monthfile.write(tmp_path, "2026-11", "BP1", "Buurtpunt Sint-Gillis", TABLES)
    return tmp_path / manifest["file"], manifest


def test_monthfile_a_written_file_passes_its_check(written):
    path, manifest = written
    assert path.name == "BP1-2026-11.db"
    assert monthfile.check(path) == manifest
    assert manifest["rows"] == {"visits": 2, "figures": 1}
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT DISTINCT kiosk FROM visits").fetchall() == [("BP1",)]
    conn.close()


def _rewrite(path, **changes):
    manifest_path = path.with_suffix(".json")
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest_path.write_text(json.dumps(manifest | changes), encoding="utf-8")


@pytest.mark.parametrize(("spoil", "said"), [
    (lambda path: path.with_suffix(".json").unlink(), "geen leesbaar manifest"),
    (lambda path: path.with_suffix(".json").write_text("[1, 2", encoding="utf-8"),
     "geen leesbaar manifest"),
    (lambda path: path.with_suffix(".json").write_text("[]", encoding="utf-8"),
     "onbekende schemaversie"),
    (lambda path: _rewrite(path, schema_version=2), "onbekende schemaversie"),
    (lambda path: path.write_bytes(path.read_bytes() + b"\0"), "controlesom"),
    (lambda path: _rewrite(path, sha256="0" * 64), "controlesom"),
])
def test_monthfile_check_refuses_a_file_that_does_not_match(written, spoil, said):
    path, _manifest = written
    spoil(path)
    with pytest.raises(monthfile.BadMonthFile, match=said):
        monthfile.check(path)


def test_monthfile_check_refuses_row_counts_that_do_not_match(written):
    path, manifest = written
    with sqlite3.connect(path) as conn:  # a row taken out, the checksum made to fit again
        conn.execute("DELETE FROM visits WHERE rowid = 1")
    conn.close()
    _rewrite(path, sha256=monthfile.sha256(path))
    with pytest.raises(monthfile.BadMonthFile, match="visits heeft 1 rijen, niet 2"):
        monthfile.check(path)
