"""Open now, or closed and when it opens: at the minute a place opens or closes, over lunch, on a
holiday, on a closing day of the city's own, and across the changes to and from summer time."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from kiosk import hours

BRUSSELS = ZoneInfo("Europe/Brussels")
# The Sociaal Huis, as the city's page gives its hours.
SOCIAAL_HUIS = hours.parse("""
ma wo vr 09:00-12:00
afspraak ma-vr 09:00-12:00
afspraak ma-vr 13:30-16:00
afspraak di 16:00-19:00
""")
CALENDAR = hours.Calendar(closed=hours.parse_closed_days(["2026-12-24"]))


def local(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=BRUSSELS)


def at(text: str, slots=SOCIAAL_HUIS, calendar=CALENDAR) -> hours.Status:
    return hours.status(slots, local(text).astimezone(UTC), calendar)


@pytest.mark.parametrize(("moment", "state", "until", "opens"), [
    # Monday 30 November 2026: walk in from 09:00 to 12:00.
    ("2026-11-30 08:59", "closed", None, "2026-11-30 09:00"),
    ("2026-11-30 09:00", "open", "2026-11-30 12:00", None),
    ("2026-11-30 11:59", "open", "2026-11-30 12:00", None),
    ("2026-11-30 12:00", "closed", None, "2026-12-02 09:00"),  # lunch: no walk-in, no appointment
    ("2026-11-30 13:30", "appointment", "2026-11-30 16:00", "2026-12-02 09:00"),
    ("2026-11-30 15:59", "appointment", "2026-11-30 16:00", "2026-12-02 09:00"),
    ("2026-11-30 16:00", "closed", None, "2026-12-02 09:00"),
    # Tuesday: by appointment only, into the evening (13:30-16:00 and 16:00-19:00 run on).
    ("2026-12-01 10:00", "appointment", "2026-12-01 12:00", "2026-12-02 09:00"),
    ("2026-12-01 12:30", "closed", None, "2026-12-02 09:00"),
    ("2026-12-01 14:00", "appointment", "2026-12-01 19:00", "2026-12-02 09:00"),
    ("2026-12-01 18:59", "appointment", "2026-12-01 19:00", "2026-12-02 09:00"),
    # Friday, then the weekend: it opens again on Monday.
    ("2026-12-04 12:00", "closed", None, "2026-12-07 09:00"),
    ("2026-12-05 10:00", "closed", None, "2026-12-07 09:00"),
])
def test_hours_status_at_the_edges(moment, state, until, opens):
    found = at(moment)
    assert found.state == state
    assert found.until == (local(until) if until else None)
    assert found.opens == (local(opens) if opens else None)


def test_hours_a_public_holiday_is_closed_with_its_name_and_says_when_it_opens():
    found = at("2026-12-25 10:00")  # Christmas, a Friday
    assert (found.state, found.closed_for) == ("closed", "Kerstmis")
    assert found.opens == local("2026-12-28 09:00")
    assert hours.holiday_name("BE", local("2026-12-25 10:00").date(), "fr") == "Noël"


def test_hours_a_closing_day_of_its_own_is_closed_and_skipped():
    found = at("2026-12-24 10:00")  # a Thursday the city closes (CLOSED_DAYS)
    assert (found.state, found.closed_for) == ("closed", "")
    assert at("2026-12-23 12:00").opens == local("2026-12-28 09:00")  # 24, 25 skipped


def test_hours_without_a_country_a_public_holiday_is_an_ordinary_day():
    found = at("2026-12-25 10:00", calendar=hours.Calendar(country=""))
    assert found.state == "open"


@pytest.mark.parametrize(("utc", "state"), [
    # Summer time starts on Sunday 29 March 2026: 09:00 is 08:00 UTC before, 07:00 UTC after.
    ("2026-03-27 07:59", "closed"),
    ("2026-03-27 08:00", "open"),
    ("2026-03-30 06:59", "closed"),
    ("2026-03-30 07:00", "open"),
    ("2026-03-30 09:59", "open"),
    ("2026-03-30 10:00", "closed"),  # 12:00 in summer time
    # Summer time ends on Sunday 25 October 2026.
    ("2026-10-23 06:59", "closed"),
    ("2026-10-23 07:00", "open"),
    ("2026-10-26 07:00", "closed"),
    ("2026-10-26 08:00", "open"),
])
def test_hours_follow_the_clock_across_summer_time(utc, state):
    moment = datetime.fromisoformat(utc).replace(tzinfo=UTC)
    assert hours.status(SOCIAAL_HUIS, moment, CALENDAR).state == state


def test_hours_the_next_opening_after_a_weekend_with_a_time_change_is_in_the_new_time():
    spring = hours.status(SOCIAAL_HUIS, datetime(2026, 3, 28, 12, tzinfo=UTC), CALENDAR)
    autumn = hours.status(SOCIAAL_HUIS, datetime(2026, 10, 24, 12, tzinfo=UTC), CALENDAR)
    assert spring.opens.astimezone(UTC) == datetime(2026, 3, 30, 7, tzinfo=UTC)
    assert autumn.opens.astimezone(UTC) == datetime(2026, 10, 26, 8, tzinfo=UTC)


def test_hours_a_place_by_appointment_only_says_when_its_appointment_hours_start():
    slots = hours.parse("afspraak di 14:00-16:00")
    found = at("2026-11-30 10:00", slots)
    assert (found.state, found.opens, found.opens_by_appointment) == (
        "closed", local("2026-12-01 14:00"), True)


def test_hours_a_place_without_hours_never_opens():
    found = at("2026-11-30 10:00", ())
    assert (found.state, found.opens) == ("closed", None)


def test_hours_a_long_closure_is_crossed():
    summer = hours.Calendar(closed=hours.parse_closed_days(["2026-07-01/2026-08-16"]))
    assert at("2026-07-01 10:00", calendar=summer).opens == local("2026-08-17 09:00")


@pytest.mark.parametrize("line", ["ma 9-12", "maandag 09:00-12:00", "ma 12:00-09:00",
                                  "09:00-12:00", "ma 25:00-26:00", "afspraak"])
def test_hours_a_wrong_line_is_refused_with_how_to_write_it(line):
    with pytest.raises(hours.HoursError, match="schrijf|einduur|dagen"):
        hours.parse_line(line)


def test_hours_lines_are_written_back_as_they_are_read():
    assert hours.parse(hours.lines(SOCIAAL_HUIS)) == SOCIAAL_HUIS
    assert hours.lines(hours.parse("wo, vr 9.00-12.00")) == "wo vr 09:00-12:00"


def test_hours_closed_days_refuse_a_wrong_date():
    with pytest.raises(hours.HoursError):
        hours.parse_closed_days(["24/12/2026"])
    # A range is whole days, both ends included.
    assert len(hours.parse_closed_days(["2026-12-24/2026-12-26"])) == 3
