"""A bare Flask app under waitress with the kiosk's settings: the floor we compare with.

`/` answers "hello"; `/insert` does one sqlite-utils insert with synchronous=FULL in WAL mode on a
per-thread connection, the floor for a route that writes. `/floor/a` and `/floor/b` are a bare
two-page static site, each page a link to the other: the floor of any navigation in a browser
(bench/bench_taps.py).
"""

import sqlite3
import sys
import threading

from flask import Flask
from sqlite_utils import Database
from waitress import serve

app = Flask(__name__)
local = threading.local()


@app.get("/")
def hello():
    """The smallest useful answer."""
    return "hello"


# Two static pages: a heading and one big link, no style sheet, no script.
FLOOR_PAGE = """<!doctype html>
<html lang="nl"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Pagina {name}</title>
</head><body><h1 id="page-{name}">Pagina {name}</h1>
<p><a id="go" href="/floor/{other}">Naar pagina {other}</a></p></body></html>
"""


@app.get("/floor/<any(a, b):name>")
def floor(name):
    """One page of the bare two-page site."""
    return FLOOR_PAGE.format(name=name, other="b" if name == "a" else "a")


@app.post("/insert")
def insert():
    """One durable insert."""
    if not hasattr(local, "db"):
        local.db = Database(sqlite3.connect(sys.argv[2]))
        local.db.execute("PRAGMA synchronous = FULL")
        local.db.enable_wal()
    local.db["rows"].insert({"value": "x"})
    return "ok"


if __name__ == "__main__":
    serve(app, listen=f"127.0.0.1:{sys.argv[1]}", threads=8, ident="bare")
