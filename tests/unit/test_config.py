"""Configuration precedence: defaults < instance/kiosk.toml < KIOSK_* variables < test_config."""

import stat

from kiosk import create_app


def _app(tmp_path, **test_config):
    return create_app({"INSTANCE_PATH": str(tmp_path), **test_config})


def test_config_defaults_put_everything_in_the_instance_folder(tmp_path):
    config = _app(tmp_path).config
    assert config["DATABASE"] == str(tmp_path / "kiosk.db")
    assert config["RECEIPT_PRINTER"] == f"file:{tmp_path / 'receipts'}/"
    assert config["DOCUMENT_PRINTER"].startswith("file:")
    assert config["IDLE_SECONDS"] == 90
    assert config["DEFAULT_LANGUAGE"] == "nl"


def test_config_file_overrides_defaults_and_env_overrides_file(tmp_path, monkeypatch):
    (tmp_path / "kiosk.toml").write_text(
        'buurtpunt_name = "Buurtpunt Oud-Dendermonde"\nidle_seconds = 60\nport = 9000\n')
    monkeypatch.setenv("KIOSK_IDLE_SECONDS", "45")
    config = _app(tmp_path).config
    assert config["BUURTPUNT_NAME"] == "Buurtpunt Oud-Dendermonde"
    assert config["PORT"] == 9000
    assert config["IDLE_SECONDS"] == 45


def test_config_test_config_overrides_env(tmp_path, monkeypatch):
    monkeypatch.setenv("KIOSK_RECEIPT_PRINTER", "network:127.0.0.1:9100")
    assert _app(tmp_path).config["RECEIPT_PRINTER"] == "network:127.0.0.1:9100"
    assert _app(tmp_path, RECEIPT_PRINTER="dummy").config["RECEIPT_PRINTER"] == "dummy"


def test_config_secret_key_is_generated_once_and_private(tmp_path):
    first = _app(tmp_path).config["SECRET_KEY"]
    second = _app(tmp_path).config["SECRET_KEY"]
    assert first == second and len(first) == 64
    mode = (tmp_path / "secret_key").stat().st_mode
    assert stat.S_IMODE(mode) == 0o600


def test_config_env_secret_key_is_used(tmp_path, monkeypatch):
    monkeypatch.setenv("KIOSK_SECRET_KEY", "from-the-environment")
    assert _app(tmp_path).config["SECRET_KEY"] == "from-the-environment"
    assert not (tmp_path / "secret_key").exists()
