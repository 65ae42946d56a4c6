"""`kiosk products|places|rights load FILE`: a missing or bad file says so, changes nothing."""

import pytest

from kiosk.db import connect

LOADERS = [("products", "products", "de zakken en prijzen"), ("places", "places", "de plaatsen"),
           ("rights", "rights", "de rechten")]


def _rows(app, table):
    db = connect(app.config["DATABASE"])
    try:
        return db.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()  # noqa: S608 - fixed names
    finally:
        db.close()


@pytest.mark.parametrize(("group", "table", "what"), LOADERS)
def test_load_a_missing_file_fails_and_changes_nothing(app, runner, tmp_path, group, table, what):
    runner.invoke(args=["init-db"])
    before = _rows(app, table)
    result = runner.invoke(args=[group, "load", str(tmp_path / "nergens.toml")])
    assert result.exit_code == 1 and "bestaat niet" in result.output
    assert _rows(app, table) == before


@pytest.mark.parametrize(("group", "table", "what"), LOADERS)
def test_load_a_broken_file_fails_and_changes_nothing(app, runner, tmp_path, group, table, what):
    runner.invoke(args=["init-db"])
    before = _rows(app, table)
    broken = tmp_path / "kapot.toml"
    broken.write_text("[[niet goed\n", encoding="utf-8")
    result = runner.invoke(args=[group, "load", str(broken)])
    assert result.exit_code == 1, result.output
    assert f"{what} werden niet geladen, er is niets veranderd: {broken}" in result.output
    assert _rows(app, table) == before
