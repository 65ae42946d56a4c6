#!/bin/bash
# Install or update the buurtpunt kiosk on Raspberry Pi OS Bookworm (64-bit), as root, from this
# checkout (normally /opt/buurtpunt-kiosk). Safe to run again: every step checks first.
#   deploy/install.sh [--check] [--desktop-user NAME] [--a4-uri URI]
# --check: a dry run; says what it would do and changes nothing (root not needed).
# --a4-uri: add the A4 printer to CUPS as queue A4 (a URI from `lpinfo -v`).
set -euo pipefail

APP="$(cd "$(dirname "$0")/.." && pwd)"
STATE=/var/lib/buurtpunt-kiosk
SETTINGS="$STATE/kiosk.toml"
UDEV_RULE=/etc/udev/rules.d/60-buurtpunt-receipt-printer.rules
NO_USBLP=/etc/modprobe.d/buurtpunt-no-usblp.conf
# USB vendors of common ESC/POS receipt printers (Epson, Star, Xprinter, Rongta, SNBC, Winbond...).
RECEIPT_VENDORS="04b8 0519 0416 0483 0fe6 1fc9 28e9 154f 20d1 1504 0dd4 6868"
CHECK=0
DESKTOP_USER="${SUDO_USER:-$(getent passwd 1000 | cut -d: -f1 || true)}"
A4_URI=""
TODO=()

while [ $# -gt 0 ]; do
  case "$1" in
    --check) CHECK=1 ;;
    --desktop-user) DESKTOP_USER="$2"; shift ;;
    --a4-uri) A4_URI="$2"; shift ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) echo "Onbekende optie: $1" >&2; exit 2 ;;
  esac
  shift
done

say() { printf '\n== %s\n' "$*"; }
# Every change goes through do_: in a dry run it is only shown.
do_() {
  if [ "$CHECK" = 1 ]; then printf 'zou doen: %s\n' "$*"; else "$@"; fi
}
# put FILE MODE: write standard input to FILE unless it already says exactly that.
put() {
  local file="$1" mode="$2" text
  text="$(cat)"
  if [ -f "$file" ] && [ "$(cat "$file")" = "$text" ]; then return; fi
  if [ "$CHECK" = 1 ]; then printf 'zou schrijven: %s (%s regels)\n' "$file" "$(wc -l <<<"$text")"; return; fi
  mkdir -p "$(dirname "$file")"
  printf '%s\n' "$text" > "$file"
  chmod "$mode" "$file"
}
as_kiosk() { do_ runuser -u kiosk -- env KIOSK_INSTANCE_PATH="$STATE" "$APP/.venv/bin/kiosk" "$@"; }

check_system() {
  say "Systeem"
  if [ "$CHECK" = 0 ] && [ "$(id -u)" != 0 ]; then
    echo "Start dit als root: sudo $0" >&2; exit 1
  fi
  # shellcheck disable=SC1091 # the running system's file
  . /etc/os-release
  echo "Gevonden: ${PRETTY_NAME:-onbekend}, $(dpkg --print-architecture)"
  if [ "${VERSION_CODENAME:-}" != bookworm ] || [ "$(dpkg --print-architecture)" != arm64 ]; then
    echo "Let op: gemaakt voor Raspberry Pi OS Bookworm 64-bit (arm64)."
  fi
}

install_packages() {
  say "Debian-pakketten"
  local wanted=(git make curl python3-venv npm chromium cups cups-client usbutils libusb-1.0-0
                fonts-dejavu-core) missing=()
  for package in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" \
      || missing+=("$package")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    do_ apt-get update
    do_ env DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
  else
    echo "Alles staat er al."
  fi
}

create_user() {
  say "Gebruiker kiosk en mappen"
  if ! id kiosk >/dev/null 2>&1; then
    do_ useradd --system --user-group --home-dir "$STATE" --shell /usr/sbin/nologin kiosk
  fi
  # lp: USB receipt printers and CUPS; dialout: serial printers.
  do_ usermod -a -G lp,dialout kiosk
  do_ install -d -o kiosk -g kiosk -m 0750 "$STATE" "$STATE/escpos-cache" "$STATE/backups"
  if [ ! -f "$SETTINGS" ]; then
    do_ install -o kiosk -g kiosk -m 0640 "$APP/deploy/kiosk.toml.example" "$SETTINGS"
    TODO+=("Vul de gegevens van het buurtpunt en de printers in: $SETTINGS")
  fi
}

install_code() {
  say "De kiosk, zijn vaste versies en de schermbestanden"
  (cd "$APP" && do_ make assets)
  [ -x "$APP/.venv/bin/python" ] || do_ python3 -m venv "$APP/.venv"
  do_ "$APP/.venv/bin/python" -m pip install --quiet --upgrade pip
  do_ "$APP/.venv/bin/python" -m pip install --quiet --constraint "$APP/constraints.txt" \
    -e "${APP}[usb,serial]"
  do_ "$APP/.venv/bin/pybabel" compile --statistics -d "$APP/kiosk/translations"
  do_ chmod -R a+rX "$APP"
}

receipt_printer_usb() {
  say "Bonnenprinter op USB"
  local ids="" wanted candidate
  # The printer in the settings if lsusb sees it, else the first known receipt printer it sees.
  wanted="$(grep -oiE '^receipt_printer *= *"usb:0x[0-9a-f]{4}:0x[0-9a-f]{4}' "$SETTINGS" 2>/dev/null \
            | grep -oiE '[0-9a-f]{4}:0x[0-9a-f]{4}' | sed 's/0x//' || true)"
  if command -v lsusb >/dev/null; then
    for candidate in $wanted $RECEIPT_VENDORS; do
      ids="$(lsusb | grep -oiE "ID ${candidate%%:*}:[0-9a-f]{4}" | cut -d' ' -f2 \
             | grep -i "^$candidate" | head -n1 || true)"
      [ -n "$ids" ] && break
    done
  fi
  ids="${ids:-$wanted}"  # a printer switched off now still gets its rule
  if [ -z "$ids" ]; then
    echo "Geen USB-bonnenprinter gevonden (lsusb). Een netwerkprinter heeft dit niet nodig."
    return
  fi
  local vendor="${ids%%:*}" product="${ids##*:}"
  echo "Bonnenprinter: $vendor:$product (instelling: receipt_printer = \"usb:0x$vendor:0x$product\")"
  put "$UDEV_RULE" 0644 <<RULE
# The buurtpunt kiosk's receipt printer: the kiosk user (group lp) may use it.
SUBSYSTEM=="usb", ATTRS{idVendor}=="$vendor", ATTRS{idProduct}=="$product", MODE="0660", GROUP="lp"
RULE
  do_ udevadm control --reload-rules
  do_ udevadm trigger --subsystem-match=usb --attr-match=idVendor="$vendor"
  # usblp takes the printer for itself; python-escpos talks to it through libusb instead.
  if [ -d /sys/bus/usb/drivers/usblp ] || lsmod 2>/dev/null | grep -q '^usblp'; then
    put "$NO_USBLP" 0644 <<<"blacklist usblp"
    do_ modprobe -r usblp
  fi
}

a4_printer() {
  say "A4-printer (CUPS)"
  # CUPS must not keep copies of visitors' documents.
  do_ cupsctl PreserveJobFiles=No PreserveJobHistory=No
  if [ -n "$A4_URI" ]; then
    # "everywhere": driverless, for printers that speak IPP Everywhere (most since 2015).
    do_ lpadmin -p A4 -E -v "$A4_URI" -m everywhere
    do_ lpoptions -d A4
    return
  fi
  if lpstat -p A4 >/dev/null 2>&1; then
    echo "De wachtrij A4 bestaat al."
    return
  fi
  echo "Printers die CUPS ziet (lpinfo -v; zoek de regel van je printer):"
  if [ "$CHECK" = 1 ]; then
    echo "zou tonen: lpinfo -v"
  else
    timeout 60 lpinfo -v 2>/dev/null | grep -E '^(network|direct) (ipps?|dnssd|usb|socket)://' || true
  fi
  TODO+=("A4-printer: sudo $0 --a4-uri 'URI uit de lijst hierboven', en zet document_printer = \"cups:A4\" in $SETTINGS")
}

services() {
  say "systemd: de kiosk en zijn timers"
  local unit name
  for unit in "$APP/kiosk.service" "$APP"/deploy/*.service "$APP"/deploy/*.timer; do
    [ -f "$unit" ] || continue
    name="$(basename "$unit")"
    # The units name /opt/buurtpunt-kiosk: point them at this checkout wherever it is.
    sed "s#/opt/buurtpunt-kiosk#$APP#g" "$unit" | put "/etc/systemd/system/$name" 0644
  done
  do_ systemctl daemon-reload
  do_ systemctl enable kiosk.service
  do_ systemctl restart kiosk.service
  for unit in "$APP"/deploy/*.timer; do
    if [ -f "$unit" ]; then do_ systemctl enable --now "$(basename "$unit")"; fi
  done
  for unit in "$APP"/deploy/*.service; do
    [ -f "$unit" ] || continue
    # `if`, not `&&`: a unit without [Install] must not end the script under `set -e`.
    if grep -q '^\[Install\]' "$unit"; then
      TODO+=("Zet aan wanneer ingesteld: systemctl enable --now $(basename "$unit")")
    fi
  done
}

screen() {
  say "Scherm: niet uitgaan, geen systeemtoetsenbord, automatisch aanmelden"
  if ! command -v raspi-config >/dev/null; then
    echo "Geen raspi-config (geen Raspberry Pi OS): stel dit zelf in."
    return
  fi
  do_ raspi-config nonint do_blanking 1           # 1: screen blanking off
  do_ raspi-config nonint do_squeekboard S3       # S3: the system's on-screen keyboard off
  do_ raspi-config nonint do_boot_behaviour B4    # B4: desktop, logged in automatically
}

autostart() {
  say "De browser start met het bureaublad (labwc, Wayfire en X11)"
  if [ -z "$DESKTOP_USER" ] || ! getent passwd "$DESKTOP_USER" >/dev/null; then
    TODO+=("Geen gebruiker voor het bureaublad gevonden: start opnieuw met --desktop-user NAAM")
    return
  fi
  local home launcher="$APP/deploy/kiosk-browser.sh"
  home="$(getent passwd "$DESKTOP_USER" | cut -d: -f6)"
  # labwc (Bookworm's default since late 2024): one command per line.
  append_line "$home/.config/labwc/autostart" "$launcher &"
  # Wayfire (Bookworm until then): a line in the [autostart] section.
  if ! grep -qs 'kiosk-browser' "$home/.config/wayfire.ini"; then
    if grep -qs '^\[autostart\]' "$home/.config/wayfire.ini"; then
      do_ sed -i "/^\[autostart\]/a kiosk = $launcher" "$home/.config/wayfire.ini"
    else
      append_line "$home/.config/wayfire.ini" "$(printf '\n[autostart]\nkiosk = %s' "$launcher")"
    fi
  fi
  # X11 (LXDE's session reads XDG autostart entries).
  sed "s#/opt/buurtpunt-kiosk#$APP#g" "$APP/deploy/kiosk-browser.desktop" \
    | put "$home/.config/autostart/kiosk-browser.desktop" 0644
  do_ chown -R "$DESKTOP_USER": "$home/.config"
}

append_line() {
  grep -qsF "$2" "$1" && return
  if [ "$CHECK" = 1 ]; then printf 'zou toevoegen aan %s: %s\n' "$1" "$2"; return; fi
  mkdir -p "$(dirname "$1")"
  printf '%s\n' "$2" >> "$1"
}

finish() {
  say "Controle"
  as_kiosk printer-test || TODO+=("De testbon lukte niet: zie hierboven, kijk receipt_printer na")
  as_kiosk printer-test --document \
    || TODO+=("De A4-testpagina lukte niet: zie hierboven, kijk document_printer na")
  if [ "$CHECK" = 1 ]; then
    echo "zou controleren: curl http://127.0.0.1:8080/healthz"
  elif ! curl -fsS --retry 15 --retry-delay 2 --retry-all-errors -o /dev/null \
        http://127.0.0.1:8080/healthz; then
    TODO+=("/healthz antwoordt niet goed: kijk met journalctl -u kiosk -p warning en kiosk status")
  fi
  TODO+=("Maak de eerste vrijwilliger: sudo -u kiosk KIOSK_INSTANCE_PATH=$STATE $APP/.venv/bin/kiosk set-pin NAAM")
  say "Nog te doen"
  printf -- '- %s\n' "${TODO[@]}"
  echo "Daarna: herstart de Pi (reboot); het scherm toont de kiosk."
}

check_system
install_packages
create_user
install_code
receipt_printer_usb
a4_printer
services
screen
autostart
finish
