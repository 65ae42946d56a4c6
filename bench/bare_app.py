"""A bare Flask app under waitress with the kiosk's settings: the floor we compare with.

`/` answers "hello"; `/insert` does one sqlite-utils insert with synchronous=FULL in WAL mode on a
per-thread connection, the floor for a route that writes.
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
