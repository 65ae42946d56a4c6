"""The rights finder: a few one-tap questions, then the rights that may apply, each as a card.

The answers ride along in hidden fields from screen to screen and are never stored, nor put in
the session: the server keeps only a count per day of which rights were shown (once per form
key), and a card's slip carries the card's general text, never the answers.
"""

import uuid

from flask import Blueprint, abort, current_app, request
from flask_babel import get_locale

from kiosk import clock, opennow
from kiosk.db import get_db, immediate
from kiosk.forms import KEY_PATTERN
from kiosk.htmx import render
from kiosk.pagecache import FORM_KEY, shared_page
from kiosk.places import get_place
from kiosk.printing import enqueue, header, printing
from kiosk.rights import questions, rules, store
from kiosk.rights.slips import card_slip
from printer import queue

bp = Blueprint("rights", __name__, url_prefix="/rights")


def _key() -> str:
    key = request.form.get("key", "")
    return key if KEY_PATTERN.match(key) else uuid.uuid4().hex


def _screen(step: str, answers: dict, key: str, status: int = 200, **context):
    return render("rights/index.html", "rights/_rights.html", status=status, step=step,
                  answers=answers, key=key, questions=questions.QUESTIONS, **context)


def _question(answers: dict, key: str):
    question = questions.next_question(answers)
    number = questions.CODES.index(question.code) + 1
    return _screen("question", answers, key, question=question, number=number,
                   steps=len(questions.QUESTIONS))


@bp.get("")
@shared_page()
def index():
    """The first question, with a fresh key for this visitor's answers."""
    return _question({}, FORM_KEY)


@bp.post("/step")
def step():
    """Keep the tapped answer (or the skip) and ask the next question, or show the cards."""
    answers, key = questions.clean(request.form), _key()
    if request.form.get("go") == "back":
        answered = [code for code in questions.CODES if code in answers]
        if answered:
            answers.pop(answered[-1])
        return _question(answers, key)
    question = request.form.get("question", "")
    answer = request.form.get("answer", "")
    if question in questions.ANSWERS and (answer in questions.ANSWERS[question]
                                          or answer == questions.SKIP):
        answers[question] = answer
    if questions.next_question(answers) is not None:
        return _question(answers, key)
    return _results(answers, key, count=True)


@bp.post("/results")
def results():
    """The cards again (back from one card): counted once already, so not counted again."""
    answers = questions.clean(request.form)
    if questions.next_question(answers) is not None:
        return _question(answers, _key())
    return _results(answers, _key(), count=False)


def _results(answers: dict, key: str, count: bool):
    db = get_db()
    cards = rules.matching(store.list_rights(db), answers)
    if count:
        day = store.local_day(clock.now(), current_app.config["TIMEZONE"])
        store.count_shown(db, [right.code for right, _ in cards], key, day)
    return _screen("results", answers, key, cards=cards)


@bp.post("/card/<code>")
def card(code: str):
    """One card: what, for whom, whether it comes by itself, where to ask, what to bring."""
    return _card(code, questions.clean(request.form), _key())


def _card(code: str, answers: dict, key: str, job=None):
    db = get_db()
    right = store.get_right(db, code)
    if right is None or not right.active:
        abort(404)
    place = get_place(db, right.place) if right.place else None
    language = str(get_locale())
    return _screen("card", answers, key, right=right, place=place, job=job,
                   open_words=opennow.words(place, language) if place else "",
                   week=opennow.week(place, language) if place else [])


@bp.post("/card/<code>/print")
def print_card(code: str):
    """Print the card as a slip to take home, once per card and visit (a double tap waits)."""
    db, key = get_db(), _key()
    right = store.get_right(db, code)
    if right is None or not right.active:
        abort(404)
    place = get_place(db, right.place) if right.place else None
    ref = f"rights:{key}:{code}"
    with immediate(db):  # find-or-queue in one transaction: two taps, one slip
        job = queue.find(db, ref)
        job_id = job.id if job else enqueue(
            db, "rights", card_slip(right, place, str(get_locale()), header()), ref=ref)
    printing().wake()
    return _card(code, questions.clean(request.form), key, job=queue.get_job(db, job_id))
