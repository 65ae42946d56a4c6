# Buurtpunt kiosk: `make run` and `make test` install everything they need, then run.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
VENDOR := kiosk/static/vendor
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
APT := $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get
# Locked versions of every Python package (`make lock` refreshes them); the installer uses it too.
LOCK := constraints.txt
PIP_INSTALL := $(BIN)/python -m pip install --quiet --constraint $(LOCK)

.PHONY: run test install install-test assets translations system test-system bench bench-taps soak lint lock messages screenshots clean

run: install assets translations
	$(BIN)/kiosk init-db
	$(BIN)/kiosk serve

test: install-test assets translations test-system
	$(BIN)/pytest -n auto --dist worksteal

bench: install assets translations
	$(BIN)/python bench/bench_routes.py

# Tap to next screen painted in Chromium with the CPU throttled 4x (a Pi), against a bare site.
bench-taps: install-test assets translations test-system
	$(BIN)/python bench/bench_taps.py

# Power cuts, load, printer faults and hostile input on 127.0.0.1; a table, non-zero on any
# violation. Not part of `make test` (about an hour at the defaults); `python -m bench.soak --help`.
soak: install-test assets translations
	$(BIN)/python -m bench.soak

lint: install-test
	$(BIN)/ruff check .

# Debian packages the kiosk needs on a fresh machine (only those that are missing): espeak-ng
# reads the screens aloud, DejaVu Sans draws Arabic slips (printer/raster.py).
system:
	@command -v python3 >/dev/null && python3 -c 'import ensurepip' 2>/dev/null \
	  && command -v npm >/dev/null && command -v espeak-ng >/dev/null \
	  && [ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] \
	  || { $(APT) update && $(APT) install -y python3-venv npm espeak-ng fonts-dejavu-core; }

# The tests also need Debian's Chromium, CUPS with its virtual PDF printer, and systemd-analyze
# (package systemd: the units are checked offline, nothing is started).
test-system: system
	@command -v chromium >/dev/null && command -v cupsd >/dev/null && command -v lp >/dev/null \
	  && [ -e /usr/lib/cups/backend/cups-pdf ] && command -v systemd-analyze >/dev/null \
	  || { $(APT) update && $(APT) install -y chromium fonts-dejavu-core cups cups-client printer-driver-cups-pdf systemd; }

$(BIN)/python: | system
	python3 -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml $(LOCK) | $(BIN)/python
	$(PIP_INSTALL) -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(LOCK) | $(BIN)/python
	$(PIP_INSTALL) -e '.[test,city]'
	touch $@ $(VENV)/.installed

# Refresh the lock to the newest versions pyproject.toml allows, for every platform (a Pi is
# aarch64, CI x86-64) and Bookworm's Python 3.11. Run it after changing the dependencies.
lock: | $(BIN)/python
	$(BIN)/python -m pip install --quiet 'uv>=0.9,<1'
	$(BIN)/uv pip compile pyproject.toml --extra usb --extra serial --extra test --extra city --universal \
	  --python-version 3.11 --upgrade --quiet --custom-compile-command 'make lock' -o $(LOCK)

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

# Front-end packages come from npm at install time; none are committed.
$(VENDOR)/.installed: package.json package-lock.json | system
	npm ci --no-audit --no-fund --loglevel=error
	rm -rf $(VENDOR) && mkdir -p $(VENDOR)/icons
	cp node_modules/htmx.org/dist/htmx.min.js $(VENDOR)/
	cp node_modules/lucide-static/icons/*.svg $(VENDOR)/icons/
	mkdir -p $(VENDOR)/simple-keyboard
	cp node_modules/simple-keyboard/build/index.js node_modules/simple-keyboard/build/css/index.css $(VENDOR)/simple-keyboard/
	mkdir -p $(VENDOR)/air-datepicker
	cp node_modules/air-datepicker/air-datepicker.js node_modules/air-datepicker/air-datepicker.css $(VENDOR)/air-datepicker/
	touch $@

assets: $(VENDOR)/.installed

translations: install
	$(BIN)/pybabel compile -d kiosk/translations

# After changing visible strings: extract them and update the catalogues, then translate.
messages: install
	$(BIN)/pybabel extract -F babel.cfg -k _l -o kiosk/translations/messages.pot \
	  --project="Buurtpunt kiosk" --version="$$($(BIN)/python -c 'import kiosk; print(kiosk.__version__)')" \
	  --copyright-holder="Stad Dendermonde and the kiosk's contributors" \
	  --msgid-bugs-address="the buurtpunt kiosk's issue tracker" \
	  --header-comment="$$(printf '%s\n' \
	    '# The visible strings of the buurtpunt kiosk: Dutch (plain, B1) is the source.' \
	    '# Copyright (C) YEAR ORGANIZATION' \
	    '# This file is distributed under the same license as the PROJECT project (EUPL-1.2).' '#')" .
	$(BIN)/pybabel update -i kiosk/translations/messages.pot -d kiosk/translations

# Copy the screenshots the browser tests took into docs/ for the README.
screenshots:
	mkdir -p docs/screenshots
	cp test-output/screenshots/home-nl.png docs/screenshots/home.png
	cp test-output/screenshots/checkin-nl.png docs/screenshots/checkin.png
	cp test-output/screenshots/desk-dashboard.png docs/screenshots/desk.png
	cp test-output/screenshots/desk-printer.png docs/screenshots/printer.png
	cp test-output/screenshots/shop-basket.png docs/screenshots/shop.png
	cp test-output/screenshots/shop-change.png docs/screenshots/shop-change.png
	cp test-output/screenshots/cash-z.png docs/screenshots/cash-close.png
	cp test-output/screenshots/print-qr.png docs/screenshots/print.png
	cp test-output/screenshots/ideas-text.png docs/screenshots/ideas.png

clean:
	rm -rf $(VENV) node_modules $(VENDOR) test-output
