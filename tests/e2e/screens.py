"""Every visitor screen, and how a visitor gets there by touch: the walk the layout test takes.

A flow starts in a fresh session in one language; each screen is reached from the one before by
the actions listed, and is ready when its `ready` selector shows. Selectors never name a visible
text, so the same walk runs in every language. A new screen is one more line here.
"""

from collections.abc import Callable
from dataclasses import dataclass

from playwright.sync_api import expect

Action = Callable[..., None]
# htmx marks what it is fetching or swapping; a screen is judged once nothing carries these.
BUSY = ".htmx-request, .htmx-swapping, .htmx-settling, .htmx-added"


@dataclass(frozen=True)
class Screen:
    """One screen of a flow: how to reach it from the previous one, and when it is there."""

    name: str
    actions: tuple[Action, ...]
    ready: str
    within: str = "body"


def screen(name: str, *actions: Action, ready: str, within: str = "body") -> Screen:
    """A screen reached by these actions; only the part `within` is judged (a desk page scrolls)."""
    return Screen(name, actions, ready, within)


def go(path: str) -> Action:
    """Open a page, as the home screen's tiles and links do."""
    return lambda page, url: page.goto(url + path)


def tap(selector: str) -> Action:
    """Tap the first element that matches."""
    def action(page, url):
        page.locator(selector).first.tap()
        page.wait_for_load_state()
        expect(page.locator(BUSY)).to_have_count(0)
    return action


def keys(*names: str) -> Action:
    """Tap keys of the on-screen keyboard (simple-keyboard's names: "a", "{space}", "{bksp}")."""
    def action(page, url):
        for name in names:
            page.locator(f'[data-skbtn="{name}"]').first.tap()
    return action


def pin(digits: str) -> Action:
    """Tap a PIN on the PIN pad, then the OK key."""
    def action(page, url):
        for digit in digits:
            page.locator(f'[data-pin-key="{digit}"]').tap()
        tap(".pinpad .key.ok")(page, url)
    return action


NEXT = '#ideas button[name=go][value=next]'
SIGN_UP = "#signup button[value=send]"
HELP_NEXT = "#volunteer button[name=go][value=next]"
SUBMIT = "#checkin button[type=submit]"

FLOWS: dict[str, list[Screen]] = {
    "home": [screen("home", go("/"), ready=".tiles")],
    "checkin": [
        screen("checkin", go("/checkin"), ready="#checkin .choices"),
        screen("checkin-error", tap(SUBMIT), ready="#checkin .error"),
        screen("checkin-thanks", tap("#checkin label.choice"), tap(SUBMIT),
               ready="#checkin .thanks"),
    ],
    "shop": [
        screen("shop-empty", go("/shop"), ready="#basket .offers"),
        screen("shop-basket", tap('[data-code=REST30] .qty-key:not([disabled]) >> nth=-1'),
               tap('[data-code=PMD] .qty-key:not([disabled]) >> nth=-1'),
               ready='[data-code=PMD][data-qty="1"]'),
        screen("payment-who", tap("#basket .checkout button"), ready="#payment[data-step=who]"),
        screen("payment-pin", tap("#payment a.name"), ready="#payment[data-step=pin]"),
        screen("payment-pin-error", pin("1357"), ready="#payment .error"),
    ],
    "print": [screen("print-qr", go("/print"), ready="#print .qr svg")],
    "ideas": [
        screen("ideas-1-kind", go("/ideas"), ready="#ideas[data-step=kind]"),
        screen("ideas-2-theme", tap("#ideas button[name=kind][value=idee]"),
               ready="#ideas[data-step=theme]"),
        screen("ideas-3-text", tap("#ideas button[name=theme][value=spelen]"),
               ready="#ideas[data-step=text] .hg-button"),
        screen("ideas-3-text-error", tap(NEXT), ready="#ideas #error-text"),
        screen("ideas-4-place", keys("{shift}", "E", "e", "n", "{space}", "b", "a", "n", "k"),
               tap(NEXT), ready="#ideas[data-step=place] .hg-button"),
        screen("ideas-5-contact", tap(NEXT), ready="#ideas[data-step=contact] .hg-button"),
        # The most a visitor can get wrong at once: phone, e-mail and the box not ticked.
        screen("ideas-5-contact-error", tap("#ideas input[name=phone]"), keys("1", "2"),
               tap("#ideas input[name=email]"), keys("a", "b"), tap(NEXT),
               ready="#ideas #error-email"),
        screen("ideas-6-confirm", tap("#ideas input[name=phone]"), keys("{bksp}", "{bksp}"),
               tap("#ideas input[name=email]"), keys("{bksp}", "{bksp}"), tap(NEXT),
               ready="#ideas[data-step=confirm]"),
        screen("ideas-thanks", tap(NEXT), ready="#ideas [data-idea-number]"),
    ],
    "wall": [
        screen("wall", go("/ideas/wall"), ready="#wall .wall-card"),
        screen("wall-joined", tap("#wall .ik-ook button:not([disabled])"),
               ready="#wall .ik-ook .joined"),
    ],
    "rights": [
        screen("rights-1-household", go("/rights"), ready="#rights [data-question=household]"),
        screen("rights-2-children", tap("#rights button[name=answer][value=others]"),
               ready="#rights [data-question=children]"),
        # The rest answered and skipped so that every kind of card shows.
        screen("rights-results", tap("#rights button[name=answer][value=yes]"),
               tap("#rights button[name=answer][value=yes]"),
               tap("#rights button[name=answer][value=skip]"),
               tap("#rights button[name=answer][value=no]"),
               tap("#rights button[name=answer][value=skip]"),
               ready="#rights[data-step=results] .right-tile"),
        screen("rights-card", tap("#rights [data-right=huurpremie]"),
               ready="#rights[data-step=card] [data-open-now]"),
        screen("rights-card-printed", tap("#rights button.print"), ready="#rights #slip-status"),
    ],
    "info": [
        screen("info", go("/info"), ready="#info .place-tile"),
        screen("info-place", tap("#info [data-place=sociaal-huis]"),
               ready="#info[data-place=sociaal-huis] .week"),
        screen("info-place-printed", tap("#info button.print"), ready="#info #slip-status"),
        screen("info-online", go("/info/online"), ready="#info .online-card svg"),
    ],
    "activities": [
        # The list scrolls (two weeks of activities): the first week's cards are judged.
        screen("activities", go("/activities"), ready="#activities .activity-card",
               within="#activities .activity-cards"),
        screen("activities-signup", tap("#activities .activity-card .button.primary"),
               ready="#signup .signup-keyboard .hg-button"),
        screen("activities-signup-error", tap(SIGN_UP), ready="#signup .error"),
        screen("activities-signup-thanks", keys("{shift}", "M", "i", "a"), tap(SIGN_UP),
               ready="#signup [data-signup-number]"),
    ],
    "volunteer": [
        screen("volunteer-what", go("/volunteer"), ready="#volunteer[data-step=what]"),
        screen("volunteer-what-error", tap(HELP_NEXT), ready="#volunteer #error-tasks"),
        screen("volunteer-when", tap("#volunteer label.choice"), tap(HELP_NEXT),
               ready="#volunteer[data-step=when]"),
        screen("volunteer-contact", tap("#volunteer .when-cell"), tap(HELP_NEXT),
               ready="#volunteer[data-step=contact] .hg-button"),
        screen("volunteer-thanks", tap(HELP_NEXT), ready="#volunteer [data-offer-number]"),
    ],
    "help": [
        screen("help-topics", go("/help"), ready="#help .topics"),
        screen("help-ticket", tap("#help button[name=topic][value=papieren]"),
               ready="#help [data-ticket-number]"),
        # The home screen with the queue's panel under the tiles (a number is waiting now).
        screen("home-queue", go("/"), ready="#now-serving:not([hidden])"),
    ],
    "shifts": [
        screen("shifts-names", go("/shifts"), ready="#shifts .names"),
        screen("shifts-pin", tap("#shifts a.name"), ready="#shifts .pinpad"),
    ],
    "desk": [
        screen("desk-login", go("/desk/login"), ready="#login .names"),
        screen("desk-pin", tap("#login a.name"), ready="#login .pinpad"),
        # The desk's dashboard scrolls (its menu and log grow): its chart is judged, scrolled to.
        screen("desk-today", pin("2468"), ready="#today .chart", within="#today .chart"),
    ],
}
