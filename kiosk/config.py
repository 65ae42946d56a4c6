"""Configuration: defaults in code (features declare their own), instance/kiosk.toml, KIOSK_*."""

import os
import secrets
import tomllib
from pathlib import Path

from flask import Flask

DEFAULTS = {
    "BUURTPUNT_NAME": "Buurtpunt Dendermonde",
    "BUURTPUNT_ADDRESS": "",
    "KIOSK_ID": "BP1",
    "DATABASE": "",  # empty: instance/kiosk.db
    "RECEIPT_PRINTER": "",  # empty: file:instance/receipts/
    "DOCUMENT_PRINTER": "",  # empty: file:instance/documents/
    "PRINTER_PAPER_MM": 80,  # 58 or 80
    "PRINTER_COLUMNS": 0,  # 0: 32 on 58 mm paper, 48 on 80 mm
    "PRINTER_CODEPAGE": "CP858",  # CP858 (€ at 0xD5), CP1252 or ISO_8859-15
    "PRINTER_STATUS_QUERIES": True,  # False for a printer that never answers status requests
    "HOST": "127.0.0.1",
    "PORT": 8080,
    # The phone-upload port on the buurtpunt's Wi-Fi; only /u/<token> answers there.
    "LAN_LISTEN": "0.0.0.0:8081",
    "THREADS": 8,
    "ACCESS_LOG": False,  # True: one log line per request (method, route, status, time)
    "LANGUAGES": ["nl", "en", "fr", "ar", "tr", "uk", "pl", "ro"],
    "DEFAULT_LANGUAGE": "nl",
    "TIMEZONE": "Europe/Brussels",
    "IDLE_SECONDS": 90,
    "DESK_IDLE_SECONDS": 180,
    "IDLE_WARNING_SECONDS": 15,  # "Ben je er nog?" this long before an idle reset or logout
    "THANKS_SECONDS": 8,
    "PIN_MAX_TRIES": 5,
    "PIN_LOCK_SECONDS": 30,
    "DESK_ADDRESSES": [],  # paired desk devices on the LAN that may reach the whole app
    # Kiosk forms are tiny; the phone upload raises its own limit per request.
    "MAX_CONTENT_LENGTH": 64 * 1024,
    "MAX_FORM_PARTS": 100,
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Strict",
    # The kiosk is served over plain http on 127.0.0.1; a Secure cookie would never be sent.
    "SESSION_COOKIE_SECURE": False,
    "SESSION_COOKIE_NAME": "kiosk_session",
    # The kiosk page may stay open for hours; the token lives as long as the session.
    "WTF_CSRF_TIME_LIMIT": None,
    "BABEL_DEFAULT_TIMEZONE": "Europe/Brussels",
    # Opening hours of the places the kiosk points to (kiosk/places.py, kiosk/hours.py):
    "HOLIDAYS_COUNTRY": "BE",  # whose public holidays close every place ("" for none)
    "CLOSED_DAYS": [],  # other closed days: "2026-12-24" or "2026-07-20/2026-08-02"
    "CHECK_AFTER_MONTHS": 12,  # the desk warns about a text last checked this long ago
    # Replication off the device with Litestream (kiosk/replication.py, deploy/litestream.yml).
    "REPLICA_URL": "",  # empty: none; file:///mnt/share/BP1, s3://BUCKET/PATH, sftp://USER@HOST/PATH
    "REPLICA_ENDPOINT": "",  # an S3-compatible storage that is not AWS: https://s3.example.be
    "REPLICA_REGION": "",
    "REPLICA_ACCESS_KEY_ID": "",
    "REPLICA_SECRET_ACCESS_KEY": "",
    "REPLICA_SFTP_KEY_PATH": "",  # the private key the kiosk logs in with
    "REPLICA_SFTP_HOST_KEY": "",  # the server's public host key: only that server is trusted
    "REPLICA_SYNC_INTERVAL": "1s",  # how often Litestream sends what changed
    "REPLICA_LAG_WARNING_SECONDS": 60,  # the desk warns when the replica is further behind
    # Local backups (`kiosk backup` without --out, nightly by deploy/kiosk-backup.timer).
    "BACKUP_DIR": "",  # empty: instance/backups; a second medium when there is one
    "BACKUP_DAILY": 7,
    "BACKUP_WEEKLY": 4,
}

SETTINGS_FILE = "kiosk.toml"


class ConfigError(ValueError):
    """A setting that cannot work; the message names it and shows a valid example."""


def load(app: Flask, test_config: dict | None, defaults: dict | None = None) -> None:
    """Apply defaults, instance/kiosk.toml, KIOSK_* variables and test_config, in that order."""
    app.config.from_mapping(DEFAULTS if defaults is None else defaults)
    settings = Path(app.instance_path, SETTINGS_FILE)
    if settings.exists():
        with settings.open("rb") as f:
            app.config.from_mapping({k.upper(): v for k, v in tomllib.load(f).items()})
    app.config.from_prefixed_env("KIOSK")
    if test_config:
        app.config.from_mapping(test_config)
    _fill_paths(app)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _secret_key(Path(app.instance_path))


def _fill_paths(app: Flask) -> None:
    instance = Path(app.instance_path)
    instance.mkdir(parents=True, exist_ok=True)
    if not app.config["DATABASE"]:
        app.config["DATABASE"] = str(instance / "kiosk.db")
    if not app.config["RECEIPT_PRINTER"]:
        app.config["RECEIPT_PRINTER"] = f"file:{instance / 'receipts'}/"
    if not app.config["DOCUMENT_PRINTER"]:
        app.config["DOCUMENT_PRINTER"] = f"file:{instance / 'documents'}/"
    app.config["BABEL_DEFAULT_LOCALE"] = app.config["DEFAULT_LANGUAGE"]


def _secret_key(instance: Path) -> str:
    """Read the instance's secret key, generating it (readable by the owner only) on first start."""
    path = instance / "secret_key"
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        pass
    else:
        with os.fdopen(fd, "w") as f:
            f.write(secrets.token_hex(32))
    return path.read_text().strip()
