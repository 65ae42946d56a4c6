"""The buurtpunt kiosk: create_app() wires the core, then every feature declared in features.ALL."""

import os

from flask import Flask

__version__ = "0.1.0"
# A source checkout keeps the pages in templates/ beside the package; a wheel carries them inside.
_HERE = os.path.dirname(__file__)
TEMPLATES = "templates" if os.path.isdir(os.path.join(_HERE, "templates")) else "../templates"


def create_app(test_config: dict | None = None) -> Flask:
    """Build the kiosk app: config, database, security, languages, then the features."""
    instance_path = (test_config or {}).get("INSTANCE_PATH") or os.environ.get(
        "KIOSK_INSTANCE_PATH"
    )
    app = Flask(
        __name__,
        instance_path=os.path.abspath(instance_path) if instance_path else None,
        instance_relative_config=True,
        template_folder=TEMPLATES,
    )
    from kiosk import (
        cli,
        compression,
        config,
        db,
        errors,
        features,
        forms,
        htmx,
        i18n,
        logs,
        pagecache,
        printing,
        security,
        templating,
        voice,
    )

    declared = features.load()
    config.load(app, test_config, features.defaults(declared))
    forms.init_app(app)
    printing.init_app(app, features.a4_worker(declared))
    for core in (db, logs, htmx, i18n, security, templating, errors, pagecache, voice, compression):
        core.init_app(app)
    for commands in (db, cli):
        commands.init_app_commands(app)
    features.init_app(app, declared)
    return app
