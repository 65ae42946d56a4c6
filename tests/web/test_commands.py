"""The `kiosk` commands: init-db, set-pin, backup, serve; each one the CLI has is in the README."""

import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import click

from kiosk.db import connect

README = Path(__file__).parents[2] / "README.md"


def test_init_db_is_idempotent(app, runner):
    for _ in range(2):
        result = runner.invoke(args=["init-db"])
        assert result.exit_code == 0, result.output
    db = connect(app.config["DATABASE"])
    names = [r[0] for r in db.execute("SELECT name FROM _sqlite_migrations").fetchall()]
    db.close()
    assert len(names) == len(set(names))


def test_set_pin_asks_twice_and_creates_the_volunteer(app, runner):
    result = runner.invoke(args=["set-pin", "Fatima"], input="7391\n7391\n")
    assert result.exit_code == 0, result.output
    assert "aangemaakt" in result.output
    db = connect(app.config["DATABASE"])
    assert db.execute("SELECT name FROM volunteers").fetchall() == [("Fatima",)]
    db.close()


def test_set_pin_refuses_an_obvious_pin(app, runner):
    result = runner.invoke(args=["set-pin", "Fatima"], input="1234\n1234\n")
    assert result.exit_code != 0
    assert "te makkelijk" in result.output


def test_set_pin_refuses_different_pins(runner):
    result = runner.invoke(args=["set-pin", "Fatima"], input="7391\n7392\n")
    assert result.exit_code != 0


def test_backup_writes_a_consistent_snapshot(app, runner, tmp_path):
    runner.invoke(args=["set-pin", "Fatima"], input="7391\n7391\n")
    out = tmp_path / "backups" / "kiosk-backup.db"
    result = runner.invoke(args=["backup", "--out", str(out)])
    assert result.exit_code == 0, result.output
    snapshot = sqlite3.connect(out)
    assert snapshot.execute("SELECT name FROM volunteers").fetchall() == [("Fatima",)]
    snapshot.close()
    again = runner.invoke(args=["backup", "--out", str(out)])
    assert again.exit_code != 0 and "already exists" in again.output


def test_backup_while_another_connection_writes(app, runner, tmp_path):
    writer = connect(app.config["DATABASE"])
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("INSERT INTO settings (key, value) VALUES ('pending', 'x')")
    out = tmp_path / "snap.db"
    result = runner.invoke(args=["backup", "--out", str(out)])
    writer.rollback()
    writer.close()
    assert result.exit_code == 0, result.output
    snapshot = sqlite3.connect(out)
    assert snapshot.execute("SELECT count(*) FROM settings").fetchone()[0] == 0
    snapshot.close()


def _command_names(group: click.Group, prefix: str = ""):
    """Every command of the app's CLI, subcommands as "group command"."""
    context = click.Context(group)
    for name in group.list_commands(context):
        command = group.get_command(context, name)
        if isinstance(command, click.Group):
            yield from _command_names(command, f"{prefix}{name} ")
        else:
            yield f"{prefix}{name}"


def test_every_command_has_help_and_is_in_the_readme(app, runner):
    commands = list(_command_names(app.cli))
    assert {"init-db", "serve", "purge", "export", "products load"} <= set(commands)
    readme = README.read_text(encoding="utf-8")
    for command in commands:
        assert runner.invoke(args=[*command.split(), "--help"]).exit_code == 0, command
    assert [command for command in commands if f"kiosk {command}" not in readme] == []


def test_console_script_runs(tmp_path):
    env = {"KIOSK_INSTANCE_PATH": str(tmp_path), "PATH": str(Path(sys.executable).parent)}
    result = subprocess.run([str(Path(sys.executable).parent / "kiosk"), "init-db"],
                            capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    assert re.search(r"Database ready: .*kiosk\.db", result.stdout)


def test_every_setting_is_in_the_readme():
    from kiosk.features import defaults

    readme = README.read_text(encoding="utf-8")
    missing = [key for key in defaults()
               if f"`{key}`" not in readme and f"`{key.rsplit('_', 1)[0]}_*`" not in readme]
    assert missing == []
