"""Schema of the kiosk's own tables (Migrations("kiosk")); sales/ and printer/ own theirs."""

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("kiosk")

_CORE = [
    """CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    )""",
    """CREATE TABLE volunteers (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        pin_hash TEXT NOT NULL,
        failed_tries INTEGER NOT NULL DEFAULT 0,
        lockouts INTEGER NOT NULL DEFAULT 0,
        locked_until TEXT,
        active INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL
    )""",
    """CREATE TABLE visits (
        id INTEGER PRIMARY KEY,
        created_at TEXT NOT NULL,
        language TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('kiosk', 'desk')),
        request_key TEXT NOT NULL UNIQUE,
        volunteer_id INTEGER REFERENCES volunteers(id)
    )""",
    """CREATE TABLE visit_reasons (
        visit_id INTEGER NOT NULL REFERENCES visits(id),
        reason TEXT NOT NULL,
        PRIMARY KEY (visit_id, reason)
    )""",
    "CREATE INDEX visits_created_at ON visits(created_at)",
    """CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        volunteer_id INTEGER REFERENCES volunteers(id),
        volunteer_name TEXT,
        action TEXT NOT NULL,
        detail TEXT NOT NULL DEFAULT ''
    )""",
]


@migrations()
def m001_core(db: Database) -> None:
    """Settings, volunteers, anonymous visits with their reasons, and the desk's audit log."""
    for statement in _CORE:
        db.execute(statement)


_IDEAS = [
    """CREATE TABLE ideas (
        id INTEGER PRIMARY KEY,
        created_at TEXT NOT NULL,
        request_key TEXT NOT NULL UNIQUE,
        language TEXT NOT NULL DEFAULT 'nl',
        kind TEXT NOT NULL CHECK (kind IN ('idee', 'melding')),
        theme TEXT NOT NULL,
        text TEXT NOT NULL,
        place TEXT NOT NULL DEFAULT '',
        contact_name TEXT NOT NULL DEFAULT '',
        contact_phone TEXT NOT NULL DEFAULT '',
        contact_email TEXT NOT NULL DEFAULT '',
        consent_at TEXT,
        contact_purged_at TEXT,
        status TEXT NOT NULL DEFAULT 'nieuw',
        status_reason TEXT NOT NULL DEFAULT '',
        status_changed_at TEXT,
        closed_at TEXT,
        public INTEGER NOT NULL DEFAULT 0 CHECK (public IN (0, 1)),
        public_text TEXT NOT NULL DEFAULT '',
        notes TEXT NOT NULL DEFAULT '',
        updated_at TEXT NOT NULL
    )""",
    "CREATE INDEX ideas_created_at ON ideas(created_at)",
    "CREATE INDEX ideas_status ON ideas(status)",
    "CREATE INDEX ideas_public ON ideas(public)",
    "CREATE INDEX ideas_closed_at ON ideas(closed_at)",
    """CREATE TABLE idea_status_log (
        id INTEGER PRIMARY KEY,
        idea_id INTEGER NOT NULL REFERENCES ideas(id),
        at TEXT NOT NULL,
        volunteer_id INTEGER REFERENCES volunteers(id),
        volunteer_name TEXT,
        old_status TEXT NOT NULL,
        new_status TEXT NOT NULL,
        reason TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX idea_status_log_idea ON idea_status_log(idea_id)",
    """CREATE TABLE idea_notes (
        id INTEGER PRIMARY KEY,
        idea_id INTEGER NOT NULL REFERENCES ideas(id),
        at TEXT NOT NULL,
        volunteer_id INTEGER REFERENCES volunteers(id),
        volunteer_name TEXT,
        text TEXT NOT NULL
    )""",
    "CREATE INDEX idea_notes_idea ON idea_notes(idea_id)",
    """CREATE TABLE idea_votes (
        idea_id INTEGER NOT NULL REFERENCES ideas(id),
        voter TEXT NOT NULL,
        at TEXT NOT NULL,
        PRIMARY KEY (idea_id, voter)
    )""",
]


@migrations()
def m002_ideas(db: Database) -> None:
    """Ideas and reports from neighbours, their status history, desk notes and "ik ook" votes."""
    for statement in _IDEAS:
        db.execute(statement)


_DOCUMENTS = [
    """CREATE TABLE documents (
        id INTEGER PRIMARY KEY,
        token_hash TEXT NOT NULL UNIQUE,
        language TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('waiting', 'ready', 'paying', 'queued',
            'printing', 'done', 'failed', 'cancelled', 'expired', 'refused')),
        error TEXT,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        uploaded_at TEXT,
        file_path TEXT,
        thumb_path TEXT,
        file_name TEXT,
        pages INTEGER,
        copies INTEGER,
        page_from INTEGER,
        page_to INTEGER,
        colour INTEGER NOT NULL DEFAULT 0,
        price_cents INTEGER,
        receipt_number TEXT,
        printer_job TEXT,
        confirmed_at TEXT,
        printed_at TEXT,
        deleted_at TEXT
    )""",
    "CREATE INDEX documents_status ON documents(status)",
]


@migrations()
def m003_documents(db: Database) -> None:
    """Documents sent from a phone to print: only what it takes, the file itself on disk briefly."""
    for statement in _DOCUMENTS:
        db.execute(statement)


@migrations()
def m004_document_proof(db: Database) -> None:
    """The slip that proves a visitor's file was deleted: one per document, at most."""
    db.execute("ALTER TABLE documents ADD COLUMN proof_job INTEGER REFERENCES print_jobs(id)")


@migrations()
def m005_receipt_job_refs(db: Database) -> None:
    """Name each receipt's first print job after its receipt, as queue_receipt (printing) does."""
    # So a request retried across the upgrade finds its receipt's slip instead of printing it
    # again. Duplicates (reprints) keep no ref; the number is the slip's first row ("Bon").
    db.execute(
        "UPDATE print_jobs SET ref = 'receipt:' || json_extract(payload, '$.body[0].value') "
        "WHERE id IN (SELECT min(id) FROM print_jobs WHERE kind = 'receipt' AND ref IS NULL "
        "AND reprint_of IS NULL AND json_extract(payload, '$.duplicate') = 0 "
        "AND json_extract(payload, '$.body[0].label') = 'Bon' "
        "GROUP BY json_extract(payload, '$.body[0].value'))")


@migrations()
def m020_places(db: Database) -> None:
    """The places of the network (buurtpunten, Sociaal Huis, partners, online services)."""
    db.execute("""CREATE TABLE places (
        code TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('buurtpunt', 'sociaal-huis', 'partner', 'online')),
        position INTEGER NOT NULL DEFAULT 0,
        active INTEGER NOT NULL DEFAULT 1,
        address TEXT NOT NULL DEFAULT '',
        phones TEXT NOT NULL DEFAULT '',
        url TEXT NOT NULL DEFAULT '',
        hours TEXT NOT NULL DEFAULT '',
        texts TEXT NOT NULL DEFAULT '{}',
        checked TEXT NOT NULL DEFAULT '',
        updated_at TEXT NOT NULL
    )""")


@migrations()
def m020_rights(db: Database) -> None:
    """The rights finder's rules and texts, and how often each right was shown (nothing more)."""
    db.execute("""CREATE TABLE rights (
        code TEXT PRIMARY KEY,
        position INTEGER NOT NULL DEFAULT 0,
        active INTEGER NOT NULL DEFAULT 1,
        automatic TEXT NOT NULL CHECK (automatic IN ('yes', 'sometimes', 'no')),
        place TEXT NOT NULL DEFAULT '',
        source TEXT NOT NULL DEFAULT '',
        checked TEXT NOT NULL,
        conditions TEXT NOT NULL DEFAULT '[]',
        texts TEXT NOT NULL DEFAULT '{}',
        updated_at TEXT NOT NULL
    )""")
    # Per day and right, a count; never the answers, never a time of day.
    db.execute("""CREATE TABLE rights_shown (
        day TEXT NOT NULL,
        code TEXT NOT NULL,
        shown INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (day, code)
    )""")
    # The form keys already counted (a double tap counts once); a key says nothing else.
    db.execute("""CREATE TABLE rights_keys (
        key TEXT PRIMARY KEY,
        day TEXT NOT NULL
    )""")


@migrations()
def m020_referrals(db: Database) -> None:
    """Referrals from the desk to a partner: the day, the partner, the reason; never a name."""
    db.execute("""CREATE TABLE referrals (
        id INTEGER PRIMARY KEY,
        day TEXT NOT NULL,
        place TEXT NOT NULL,
        reason TEXT NOT NULL,
        request_key TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL
    )""")
    db.execute("CREATE INDEX referrals_day ON referrals(day)")


_ACTIVITIES = [
    """CREATE TABLE activities (
        id INTEGER PRIMARY KEY,
        series_id INTEGER REFERENCES activities(id),
        kind TEXT NOT NULL,
        title TEXT NOT NULL,
        starts_at TEXT NOT NULL,
        ends_at TEXT NOT NULL,
        place TEXT NOT NULL DEFAULT '',
        outside INTEGER NOT NULL DEFAULT 0 CHECK (outside IN (0, 1)),
        bring TEXT NOT NULL DEFAULT '',
        capacity INTEGER CHECK (capacity IS NULL OR capacity >= 1),
        cost_cents INTEGER NOT NULL DEFAULT 0 CHECK (cost_cents >= 0),
        texts TEXT NOT NULL DEFAULT '{}',
        cancelled_at TEXT,
        cancel_reason TEXT NOT NULL DEFAULT '',
        attended INTEGER CHECK (attended IS NULL OR attended >= 0),
        revision INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )""",
    "CREATE INDEX activities_starts_at ON activities(starts_at)",
    """CREATE TABLE activity_signups (
        id INTEGER PRIMARY KEY,
        activity_id INTEGER NOT NULL REFERENCES activities(id),
        number INTEGER NOT NULL,
        request_key TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL,
        language TEXT NOT NULL DEFAULT 'nl',
        name TEXT NOT NULL,
        people INTEGER NOT NULL CHECK (people >= 1),
        phone TEXT NOT NULL DEFAULT '',
        consent_at TEXT,
        phone_purged_at TEXT,
        cancelled_at TEXT,
        cancelled_by TEXT,
        UNIQUE (activity_id, number)
    )""",
    "CREATE INDEX activity_signups_activity ON activity_signups(activity_id)",
]


@migrations()
def m030_activities(db: Database) -> None:
    """Activities in and around the buurtpunt and who signed up (a phone number only by consent)."""
    for statement in _ACTIVITIES:
        db.execute(statement)


_VOLUNTEER_OFFERS = [
    """CREATE TABLE volunteer_offers (
        id INTEGER PRIMARY KEY,
        created_at TEXT NOT NULL,
        request_key TEXT NOT NULL UNIQUE,
        language TEXT NOT NULL DEFAULT 'nl',
        tasks TEXT NOT NULL DEFAULT '',
        other TEXT NOT NULL DEFAULT '',
        times TEXT NOT NULL DEFAULT '',
        activity_id INTEGER REFERENCES activities(id),
        contact_name TEXT NOT NULL DEFAULT '',
        contact_phone TEXT NOT NULL DEFAULT '',
        contact_email TEXT NOT NULL DEFAULT '',
        consent_at TEXT,
        contact_purged_at TEXT,
        status TEXT NOT NULL DEFAULT 'nieuw',
        status_changed_at TEXT,
        closed_at TEXT,
        updated_at TEXT NOT NULL
    )""",
    "CREATE INDEX volunteer_offers_status ON volunteer_offers(status)",
    "CREATE INDEX volunteer_offers_closed_at ON volunteer_offers(closed_at)",
    """CREATE TABLE volunteer_offer_log (
        id INTEGER PRIMARY KEY,
        offer_id INTEGER NOT NULL REFERENCES volunteer_offers(id),
        at TEXT NOT NULL,
        volunteer_id INTEGER REFERENCES volunteers(id),
        volunteer_name TEXT,
        old_status TEXT NOT NULL,
        new_status TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX volunteer_offer_log_offer ON volunteer_offer_log(offer_id)",
]


@migrations()
def m031_volunteering(db: Database) -> None:
    """Offers to help "op maat": what, when, how to reach (by consent), and their status log."""
    for statement in _VOLUNTEER_OFFERS:
        db.execute(statement)


@migrations()
def m040_heartbeat(db: Database) -> None:
    """One row the kiosk's self-check rewrites each round: proof that the database takes a write."""
    db.execute("CREATE TABLE heartbeat (id INTEGER PRIMARY KEY CHECK (id = 1), "
               "beats INTEGER NOT NULL, at TEXT NOT NULL)")


_HELP = [
    # The day's last number per kiosk: a ticket's number depends on nothing else.
    """CREATE TABLE help_counters (
        kiosk TEXT NOT NULL,
        day TEXT NOT NULL,
        last INTEGER NOT NULL,
        PRIMARY KEY (kiosk, day)
    )""",
    """CREATE TABLE help_tickets (
        id INTEGER PRIMARY KEY,
        kiosk TEXT NOT NULL,
        day TEXT NOT NULL,
        number INTEGER NOT NULL,
        topic TEXT NOT NULL,
        language TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('kiosk', 'desk')),
        request_key TEXT NOT NULL UNIQUE,
        token_hash TEXT NOT NULL UNIQUE,
        visit_id INTEGER REFERENCES visits(id),
        status TEXT NOT NULL CHECK (status IN ('waiting', 'called', 'done', 'absent')),
        outcome TEXT CHECK (outcome IN ('geholpen', 'doorverwezen', 'later')),
        created_at TEXT NOT NULL,
        called_at TEXT,
        last_called_at TEXT,
        calls INTEGER NOT NULL DEFAULT 0,
        finished_at TEXT,
        changed_at TEXT NOT NULL,
        -- one more with every change: screens that poll see a change whatever the clock does
        revision INTEGER NOT NULL DEFAULT 0,
        auto_closed INTEGER NOT NULL DEFAULT 0 CHECK (auto_closed IN (0, 1)),
        UNIQUE (kiosk, day, number)
    )""",
    "CREATE INDEX help_tickets_day ON help_tickets(kiosk, day, status)",
    "CREATE INDEX help_tickets_created_at ON help_tickets(created_at)",
    """CREATE TABLE help_ticket_log (
        id INTEGER PRIMARY KEY,
        ticket_id INTEGER NOT NULL REFERENCES help_tickets(id),
        at TEXT NOT NULL,
        action TEXT NOT NULL,
        from_status TEXT NOT NULL,
        to_status TEXT NOT NULL,
        outcome TEXT,
        volunteer_id INTEGER REFERENCES volunteers(id),
        volunteer_name TEXT,
        request_key TEXT UNIQUE,
        undone_at TEXT
    )""",
    "CREATE INDEX help_ticket_log_ticket ON help_ticket_log(ticket_id)",
]


@migrations()
def m010_help(db: Database) -> None:
    """The help queue: numbered tickets per day and kiosk, and every move they made (no names)."""
    for statement in _HELP:
        db.execute(statement)


_SHIFTS = [
    """CREATE TABLE shifts (
        id INTEGER PRIMARY KEY,
        volunteer_id INTEGER NOT NULL REFERENCES volunteers(id),
        volunteer_name TEXT NOT NULL,
        started_at TEXT NOT NULL,
        ended_at TEXT,
        auto_closed INTEGER NOT NULL DEFAULT 0 CHECK (auto_closed IN (0, 1)),
        checked_at TEXT
    )""",
    # At most one open shift per volunteer, whatever two taps at once try.
    "CREATE UNIQUE INDEX shifts_open ON shifts(volunteer_id) WHERE ended_at IS NULL",
    "CREATE INDEX shifts_started_at ON shifts(started_at)",
]


@migrations()
def m011_shifts(db: Database) -> None:
    """Volunteers' shifts: started and ended with their PIN, or closed at closing time (flagged)."""
    for statement in _SHIFTS:
        db.execute(statement)


@migrations()
def m010_help_referred_to(db: Database) -> None:
    """Where a ticket closed as doorverwezen was sent: a partner's code (none: elsewhere)."""
    db.execute("ALTER TABLE help_tickets ADD COLUMN referred_to TEXT")
    db.execute("ALTER TABLE help_ticket_log ADD COLUMN referred_to TEXT")
