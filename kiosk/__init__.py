"""The buurtpunt kiosk: create_app() is the only place that wires things together."""

import importlib
import os

from flask import Flask

__version__ = "0.1.0"


def create_app(test_config: dict | None = None) -> Flask:
    """Build the kiosk app: config, database, security, languages, blueprints, commands."""
    instance_path = (test_config or {}).get("INSTANCE_PATH") or os.environ.get(
        "KIOSK_INSTANCE_PATH"
    )
    app = Flask(
        __name__,
        instance_path=os.path.abspath(instance_path) if instance_path else None,
        instance_relative_config=True,
        template_folder="../templates",
    )
    from kiosk import config

    config.load(app, test_config)

    from kiosk import db, errors, forms, htmx, i18n, pagecache, printing, security, templating

    forms.init_app(app)
    printing.init_app(app)
    db.init_app(app)
    htmx.init_app(app)
    i18n.init_app(app)
    security.init_app(app)
    templating.init_app(app)
    errors.init_app(app)
    pagecache.init_app(app)

    from kiosk import registry

    for name in registry.BLUEPRINTS:
        app.register_blueprint(importlib.import_module(name).bp)
    for name in registry.COMMAND_MODULES:
        importlib.import_module(name).init_app_commands(app)
    return app
