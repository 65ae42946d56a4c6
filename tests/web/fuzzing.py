"""What the route fuzzer sends: each route's real fields and path values, read from the app.

The pages the app renders say which fields each route takes (its forms, its htmx buttons and
their hx-vals, its links' query strings) and which ids exist; the code says which fields it
reads. Nothing is listed by hand, so a new route or field is fuzzed as soon as a page offers it.
"""

import json
import re
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qsl, quote, urlsplit

from hypothesis import strategies as st
from werkzeug.exceptions import HTTPException

KIOSK = Path(__file__).parents[2] / "kiosk"
# What breaks naive parsing: numbers too big for SQLite, digits of other kinds (str.isdigit()
# takes "²", int() does not), signs and separators, control characters (SQLite's length() stops
# at a NUL), markup, too much text. Each is tried in each field and path value of every route.
BAD = [str(2**63 - 1), str(2**63), str(-(2**63) - 1), "9" * 20, "9" * 400, "²", "①", "٣", "１２",
       "-1", "0", "1.5", "12,50", "1e3", " 5 ", "+3", "1_000", "", "\x00", "\x00x", "\x1b@ x",
       "<script>", "x" * 5000]
NUMBERS = st.one_of(
    st.sampled_from(BAD),
    st.text(st.characters(categories=("Nd", "No")), min_size=1, max_size=4),
    st.integers().map(str),
)
_READ = re.compile(r"""(?:form\.get|form\.getlist|args\.get|whole_number|euro_cents|"""
                   r"""_future_date|reason_text)\(\s*f?["']([a-z_]+)""")
_ARGUMENT = re.compile(r"<(?:([^:<>]+):)?([^<>]+)>")


class _Offers(HTMLParser):
    """Every request a page can send: (method, url, fields) for forms, htmx triggers, links."""

    def __init__(self):
        super().__init__()
        self.found, self.form, self.select = [], None, None

    def handle_starttag(self, tag, attrs):
        a = {name: value or "" for name, value in attrs}
        if tag == "form":
            method = "POST" if "hx-post" in a or a.get("method", "").lower() == "post" else "GET"
            self.form = {"method": method, "fields": []}
            self.found.append((method, a.get("hx-post") or a.get("action") or "", self.form))
            return
        if tag == "select":
            self.select = a.get("name")
        own = [(self.select, a.get("value", ""))] if tag == "option" and self.select else []
        if a.get("name") and tag in ("input", "button", "select", "textarea"):
            own.append((a["name"], a.get("value", "")))
        own += [(k, str(v)) for k, v in json.loads(a.get("hx-vals") or "{}").items()]
        if self.form is not None:  # a button of a form sends the whole form
            self.form["fields"].extend(own)
        fields = self.form["fields"] if self.form is not None else own
        for attr, method in (("hx-post", "POST"), ("hx-get", "GET")):
            if a.get(attr):
                self.found.append((method, a[attr], {"fields": fields}))
        if a.get("href"):  # a link sends its own query string only
            self.found.append(("GET", a["href"], {"fields": []}))

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        if tag == "select":
            self.select = None


class Routes:
    """Per route (method, rule): the field values and path values seen for it in the pages."""

    def __init__(self, app):
        self.adapter = app.url_map.bind("localhost")
        self.fields = defaultdict(lambda: defaultdict(set))
        self.paths = defaultdict(lambda: defaultdict(set))
        self.sessions = defaultdict(set)
        self.names = {name for source in KIOSK.rglob("*.py")
                      for name in _READ.findall(source.read_text())}

    def read(self, html: str, session: str) -> None:
        """Note every request this page (seen in a session) offers against the route it goes to."""
        offers = _Offers()
        offers.feed(html)
        for method, url, form in offers.found:
            parts = urlsplit(url)
            if not parts.path:
                continue  # a form sent to the page itself is offered by its buttons
            try:
                rule, args = self.adapter.match(parts.path, method, return_rule=True)
            except HTTPException:
                continue
            key = (method, rule.rule)
            self.sessions[key].add(session)
            for name, value in [*form["fields"], *parse_qsl(parts.query, keep_blank_values=True)]:
                # A field the visitor fills in is empty on the page: "1" is something typed.
                self.fields[key][name].update({value, value or "1"})
                self.names.add(name)
            for name, value in args.items():
                self.paths[key][name].add(str(value))

    def form(self, key) -> st.SearchStrategy:
        """The route's own fields, each its seen value, a number, any text, or left out; extras."""
        own = {name: _mutated(values) for name, values in self.fields[key].items()}
        extra = st.dictionaries(st.sampled_from(sorted(self.names)) | st.text(max_size=8),
                                _values(), max_size=3)
        return st.builds(lambda mine, more: {**more, **{k: v for k, v in mine.items()
                                                        if v is not None}},
                         st.fixed_dictionaries(own), extra)

    def sweep(self, key, everyone) -> list[tuple[str, str, dict]]:
        """(session, path, fields): the page's own request with one value at a time made BAD."""
        form = {name: max(values) for name, values in self.fields[key].items()
                if name != "csrf_token"}
        args = {name: max(values) for name, values in self.paths[key].items()}
        session = min(self.sessions[key] or everyone)
        # One field of a family (n_500, n_200, ...) stands for all: they are read alike.
        family = {re.sub(r"\d+", "#", name): name for name in sorted(form, reverse=True)}
        cases = [(session, self._path(key, {**args, name: bad}), {**form}) for name in
                 _argument_names(key[1]) for bad in BAD]
        return cases + [(session, self._path(key, args), {**form, name: bad})
                        for name in family.values() for bad in BAD]

    def _path(self, key, args) -> str:
        return _ARGUMENT.sub(lambda m: quote(args.get(m.group(2)) or _first(m.group(1)), safe=""),
                             key[1])

    def session(self, key, everyone) -> st.SearchStrategy:
        """Mostly a session whose pages offer this route, else any session."""
        return st.sampled_from([_seen(self.sessions[key] or everyone)] * 3 + [
            _seen(everyone)]).flatmap(lambda strategy: strategy)

    def path(self, key, draw) -> str:
        """The rule with each <converter:name> filled: a seen value, a choice, a number, text."""
        seen = self.paths[key]

        def fill(match):
            spec, name = match.group(1) or "", match.group(2)
            choices = re.findall(r"\w+", spec)[1:] if spec.startswith("any(") else []
            value = draw(_mutated({*seen[name], *choices, "1"}), label=name)
            return quote(value or "1", safe="")

        return _ARGUMENT.sub(fill, key[1])


def _argument_names(rule: str) -> list[str]:
    return [match.group(2) for match in _ARGUMENT.finditer(rule)]


def _first(spec: str | None) -> str:
    """A value the converter takes: an any() converter's first choice, else 1."""
    choices = re.findall(r"\w+", spec or "")
    return choices[1] if spec and spec.startswith("any(") else "1"


def _seen(values) -> st.SearchStrategy:
    return st.sampled_from(sorted(values) or [""])


def _mutated(values) -> st.SearchStrategy:
    """Mostly what the page sends (so the request gets far), else a number, any text, or None."""
    return st.sampled_from([_seen(values)] * 4 + [NUMBERS] * 2 + [
        st.text(max_size=30), st.none()]).flatmap(lambda strategy: strategy)


def _values() -> st.SearchStrategy:
    return st.one_of(NUMBERS, st.text(max_size=30))
