"""Fixtures shared by the web and browser tests: a fresh kiosk app on a temporary instance."""

import pytest

from kiosk import create_app


@pytest.fixture
def app(tmp_path):
    """A kiosk on its own instance folder, with CSRF on as in production."""
    return create_app({"INSTANCE_PATH": str(tmp_path / "instance"), "TESTING": True})


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()
