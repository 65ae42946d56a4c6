"""Help tickets: daily numbers per kiosk, gap-free under threads, states that only move forward."""

import uuid
from collections import Counter
from datetime import UTC, date, datetime, timedelta

import pytest

from kiosk.help import stats, store
from printer.dbtools import connect
from tests.helpers import in_threads

ZONE = "Europe/Brussels"
NOON = datetime(2026, 3, 12, 11, 0, tzinfo=UTC)  # 12:00 in Brussels (winter time)
ANNA = {"id": None, "name": "Anna"}


def key() -> str:
    return uuid.uuid4().hex


def take(db, now=NOON, kiosk="BP1", topic="digitaal", source="kiosk", request_key=None):
    ticket, _created = store.take(db, kiosk=kiosk, topic=topic, language="nl", source=source,
                                  request_key=request_key or key(), token=key(), now=now,
                                  zone=ZONE)
    return ticket


def move(db, ticket, action, now=NOON, **extra):
    return store.move(db, ticket["id"], action, volunteer=ANNA, now=now, **extra)[0]


def call_next(db, **extra):
    return store.call_next(db, "BP1", "2026-03-12", volunteer=ANNA, now=NOON, **extra)[0]


def test_help_numbers_start_at_one_each_day_per_kiosk(fresh_db):
    assert [take(fresh_db)["number"] for _ in range(3)] == [1, 2, 3]
    assert take(fresh_db, kiosk="BP2")["number"] == 1
    assert take(fresh_db, now=NOON + timedelta(days=1))["number"] == 1
    assert take(fresh_db)["number"] == 4


def test_help_the_day_turns_at_midnight_in_brussels_not_in_utc(fresh_db):
    late = datetime(2026, 7, 1, 21, 59, tzinfo=UTC)  # 23:59 in Brussels (summer time)
    assert (take(fresh_db, late)["day"], take(fresh_db, late)["number"]) == ("2026-07-01", 2)
    after = take(fresh_db, late + timedelta(minutes=2))  # 00:01 in Brussels, still 1 July in UTC
    assert (after["day"], after["number"]) == ("2026-07-02", 1)


def test_help_a_repeated_request_gives_the_same_ticket(fresh_db):
    request_key = key()
    first = take(fresh_db, request_key=request_key)
    again, created = store.take(fresh_db, kiosk="BP1", topic="rechten", language="fr",
                                source="kiosk", request_key=request_key, token=key(), now=NOON,
                                zone=ZONE)
    assert (again["id"], created) == (first["id"], False)
    assert fresh_db.execute("SELECT count(*) FROM help_tickets").fetchone()[0] == 1


def test_help_eight_threads_of_fifty_tickets_are_numbered_without_gaps_or_doubles(db_path,
                                                                                   fresh_db):
    def worker():
        db = connect(db_path)
        try:
            for _ in range(50):
                take(db)
        finally:
            db.close()

    assert in_threads(worker, 8) == []
    numbers = [row[0] for row in fresh_db.execute("SELECT number FROM help_tickets")]
    assert sorted(numbers) == list(range(1, 401))
    assert fresh_db.execute("SELECT last FROM help_counters").fetchall() == [(400,)]


@pytest.mark.parametrize(("path", "end"), [
    (["call"], "called"),
    (["call", "recall", "recall"], "called"),
    (["call", "absent"], "absent"),
    (["call", "done"], "done"),
])
def test_help_allowed_moves(fresh_db, path, end):
    ticket = take(fresh_db)
    for action in path:
        ticket = move(fresh_db, ticket, action, outcome="geholpen" if action == "done" else None)
    assert ticket["status"] == end
    assert ticket["calls"] == path.count("call") + path.count("recall")


@pytest.mark.parametrize(("path", "refused", "code"), [
    ([], "done", "state"),  # a ticket that was never called cannot be finished
    ([], "absent", "state"),
    ([], "recall", "state"),
    (["call"], "call", "state"),
    (["call", "done"], "call", "state"),
    (["call", "done"], "absent", "state"),
    (["call", "absent"], "done", "state"),
    (["call"], "done-without-outcome", "outcome"),
])
def test_help_refused_moves_change_nothing(fresh_db, path, refused, code):
    ticket = take(fresh_db)
    for action in path:
        ticket = move(fresh_db, ticket, action, outcome="geholpen" if action == "done" else None)
    action = "done" if refused == "done-without-outcome" else refused
    outcome = "geholpen" if refused == "done" else None
    with pytest.raises(store.TicketError) as error:
        move(fresh_db, ticket, action, outcome=outcome)
    assert error.value.args[0] == code
    assert store.get(fresh_db, ticket["id"]) == ticket


def test_help_done_needs_an_outcome_from_the_vocabulary(fresh_db):
    ticket = move(fresh_db, take(fresh_db), "call")
    with pytest.raises(store.TicketError):
        move(fresh_db, ticket, "done", outcome="Jan Peeters, Kerkstraat 3")
    assert move(fresh_db, ticket, "done", outcome="doorverwezen")["outcome"] == "doorverwezen"


def test_help_bad_input_is_refused(fresh_db):
    with pytest.raises(store.TicketError, match="topic"):
        take(fresh_db, topic="<script>")
    with pytest.raises(store.TicketError, match="key"):
        store.take(fresh_db, kiosk="BP1", topic="digitaal", language="nl", source="kiosk",
                   request_key="1 OR 1=1", token=key(), now=NOON, zone=ZONE)
    with pytest.raises(store.TicketError, match="not-found"):
        move(fresh_db, {"id": 999}, "call")
    assert fresh_db.execute("SELECT count(*) FROM help_tickets").fetchone()[0] == 0


def test_help_call_next_takes_the_lowest_waiting_number(fresh_db):
    first, second = take(fresh_db), take(fresh_db)
    move(fresh_db, first, "call")
    assert call_next(fresh_db)["id"] == second["id"]
    assert call_next(fresh_db) is None


def test_help_call_next_tapped_twice_calls_one_person(fresh_db):
    take(fresh_db), take(fresh_db)
    tap = key()
    calls = [store.call_next(fresh_db, "BP1", "2026-03-12", volunteer=ANNA, now=NOON,
                             request_key=tap) for _ in range(2)]
    assert [(ticket["number"], called) for ticket, called in calls] == [(1, True), (1, False)]
    assert store.waiting(fresh_db, "BP1", "2026-03-12") == 1


def test_help_parallel_call_next_never_calls_one_ticket_twice(db_path, fresh_db):
    for _ in range(30):
        take(fresh_db)
    called = []

    def volunteer():
        db = connect(db_path)
        try:
            for _ in range(6):
                ticket, _called = store.call_next(db, "BP1", "2026-03-12", volunteer=ANNA,
                                                  now=NOON, request_key=key())
                called.append(ticket and ticket["number"])  # list.append is atomic
        finally:
            db.close()

    assert in_threads(volunteer, 8) == []
    numbers = [n for n in called if n is not None]
    assert sorted(numbers) == list(range(1, 31)) and called.count(None) == 18
    log = Counter(r[0] for r in fresh_db.execute(
        "SELECT ticket_id FROM help_ticket_log WHERE action = 'call'"))
    assert set(log.values()) == {1}


def test_help_undo_within_a_minute_puts_the_ticket_back_and_is_logged(fresh_db):
    ticket = move(fresh_db, move(fresh_db, take(fresh_db), "call"), "done", outcome="later")
    back = store.undo(fresh_db, ticket["id"], volunteer=ANNA, now=NOON + timedelta(seconds=59))
    assert (back["status"], back["outcome"], back["finished_at"]) == ("called", None, None)
    with pytest.raises(store.TicketError, match="too-late"):  # one step back, not two
        store.undo(fresh_db, ticket["id"], volunteer=ANNA, now=NOON + timedelta(seconds=59))
    actions = [r[0] for r in fresh_db.execute(
        "SELECT action FROM help_ticket_log WHERE ticket_id = ? ORDER BY id", [ticket["id"]])]
    assert actions == ["call", "done", "undo"]


def test_help_undo_of_a_call_makes_the_ticket_wait_again(fresh_db):
    ticket = move(fresh_db, take(fresh_db), "call")
    back = store.undo(fresh_db, ticket["id"], volunteer=ANNA, now=NOON)
    assert (back["status"], back["calls"], back["called_at"]) == ("waiting", 0, None)
    assert store.called(fresh_db, "BP1", "2026-03-12") == []


def test_help_undo_after_a_minute_is_refused(fresh_db):
    ticket = move(fresh_db, move(fresh_db, take(fresh_db), "call"), "absent")
    with pytest.raises(store.TicketError, match="too-late"):
        store.undo(fresh_db, ticket["id"], volunteer=ANNA, now=NOON + timedelta(seconds=61))
    assert store.get(fresh_db, ticket["id"])["status"] == "absent"


def test_help_midnight_rollover_closes_yesterdays_open_tickets_as_absent(fresh_db):
    evening = datetime(2026, 3, 12, 22, 50, tzinfo=UTC)  # 23:50 in Brussels
    _waiting, called, done = (take(fresh_db, evening) for _ in range(3))
    move(fresh_db, called, "call", evening)
    move(fresh_db, move(fresh_db, done, "call", evening), "done", evening, outcome="geholpen")
    morning = evening + timedelta(minutes=15)  # 00:05 the next day
    first = take(fresh_db, morning)
    assert (first["day"], first["number"]) == ("2026-03-13", 1)
    rows = fresh_db.execute("SELECT number, status, outcome, auto_closed FROM help_tickets "
                            "WHERE day = '2026-03-12' ORDER BY number").fetchall()
    assert rows == [(1, "absent", None, 1), (2, "absent", None, 1), (3, "done", "geholpen", 0)]
    assert store.roll_over(fresh_db, "BP1", "2026-03-13", morning) == 0


def test_help_called_lists_the_latest_calls_first_and_a_recall_moves_to_the_top(fresh_db):
    tickets = [take(fresh_db) for _ in range(5)]
    for minute, ticket in enumerate(tickets):
        move(fresh_db, ticket, "call", NOON + timedelta(minutes=minute))
    move(fresh_db, tickets[1], "recall", NOON + timedelta(minutes=9))
    called = store.called(fresh_db, "BP1", "2026-03-12")
    assert [c["number"] for c in called] == [2, 5, 4, 3]
    assert called[0]["at"] == (NOON + timedelta(minutes=9)).isoformat(timespec="microseconds")
    walk_in = take(fresh_db, source="desk")
    assert walk_in["status"] == "called"
    assert 6 not in [c["number"] for c in store.called(fresh_db, "BP1", "2026-03-12")]


def test_help_people_before_counts_only_who_still_waits(fresh_db):
    tickets = [take(fresh_db) for _ in range(4)]
    move(fresh_db, tickets[0], "call")
    assert [store.before(fresh_db, store.get(fresh_db, t["id"])) for t in tickets] == [0, 0, 1, 2]


def test_help_figures_median_and_90th_percentile():
    assert stats.percentile([], 0.9) is None
    assert stats.percentile([5], 0.9) == 5
    assert stats.percentile(list(range(1, 11)), 0.9) == 9
    assert stats.spread([60, 120, 600]) == stats.Spread(3, 120, 600)


def test_help_figures_waiting_and_handling_times(fresh_db):
    one = take(fresh_db)
    two = take(fresh_db, NOON + timedelta(minutes=1))
    take(fresh_db, source="desk")  # a walk-in never waited: not in the waiting times
    move(fresh_db, one, "call", NOON + timedelta(minutes=10))
    move(fresh_db, one, "done", NOON + timedelta(minutes=25), outcome="geholpen")
    move(fresh_db, two, "call", NOON + timedelta(minutes=31))
    move(fresh_db, two, "absent", NOON + timedelta(minutes=33))
    figures = stats.period(fresh_db, "BP1", "2026-03-01", "2026-03-31")
    assert figures["total"] == 3 and figures["days"] == [(date(2026, 3, 12), {"digitaal": 3})]
    assert figures["waits"] == stats.Spread(2, 1200, 1800)
    assert figures["handling"] == stats.Spread(1, 900, 900)
    assert figures["outcomes"] == {"geholpen": 1, "absent": 1, "called": 1}


def test_help_estimate_comes_from_todays_handling_times(fresh_db):
    first, second, third = take(fresh_db), take(fresh_db), take(fresh_db)
    assert stats.estimate(fresh_db, third, NOON) is None  # nothing handled yet: no guess
    move(fresh_db, first, "call")
    move(fresh_db, first, "done", NOON + timedelta(minutes=12), outcome="geholpen")
    third = store.get(fresh_db, third["id"])
    assert stats.estimate(fresh_db, third, NOON) == 25  # two times 12 minutes, rounded up to 5
    move(fresh_db, second, "call")
    assert stats.estimate(fresh_db, store.get(fresh_db, third["id"]), NOON) == 15
