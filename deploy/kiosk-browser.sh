#!/bin/sh
# Chromium full-screen on the kiosk, brought back whenever it exits or crashes.
# Started by the desktop session's autostart (labwc, Wayfire or X11; see deploy/install.sh).
# Settings (environment): KIOSK_URL, KIOSK_BROWSER (the browser's path), KIOSK_WAIT_SECONDS
# (how long to wait for /healthz before showing the page anyway), KIOSK_RESTART_SECONDS.
set -u
URL="${KIOSK_URL:-http://127.0.0.1:8080/}"
HEALTH="${URL%/}/healthz"
WAIT="${KIOSK_WAIT_SECONDS:-120}"
PAUSE="${KIOSK_RESTART_SECONDS:-2}"
BROWSER="${KIOSK_BROWSER:-$(command -v chromium || command -v chromium-browser || true)}"
# A fresh profile for every start: nothing of a visitor survives a crash, and Chromium never
# finds an "exited uncleanly" profile to offer to restore.
PROFILE="${XDG_RUNTIME_DIR:-/tmp}/kiosk-browser-profile"

say() { printf '%s\n' "kiosk-browser: $*" >&2; }

if [ -z "$BROWSER" ]; then
  say "geen chromium gevonden (apt-get install chromium)"
  exit 1
fi

# Wait for the service, so the screen never shows a browser error; after $WAIT seconds show
# the page anyway, so a volunteer sees what is wrong instead of an empty desktop.
wait_for_kiosk() {
  waited=0
  until curl -fsS -o /dev/null --max-time 2 "$HEALTH"; do
    waited=$((waited + 1))
    if [ "$waited" -ge "$WAIT" ]; then
      say "$HEALTH antwoordt niet goed; de browser start toch"
      return
    fi
    sleep 1
  done
}

child=""
stop() {
  [ -n "$child" ] && kill "$child" 2>/dev/null
  exit 0
}
trap stop INT TERM HUP

# Flags: kiosk mode without first-run, default-browser, translate, crash, password or
# permission dialogs; no swipe-back or pinch zoom; no update checks or background traffic.
while :; do
  wait_for_kiosk
  rm -rf "$PROFILE"
  mkdir -p "$PROFILE"
  "$BROWSER" \
    --kiosk "$URL" \
    --user-data-dir="$PROFILE" \
    --incognito \
    --no-first-run \
    --no-default-browser-check \
    --noerrdialogs \
    --disable-infobars \
    --disable-session-crashed-bubble \
    --hide-crash-restore-bubble \
    --disable-features=Translate,TouchpadOverscrollHistoryNavigation,MediaRouter \
    --deny-permission-prompts \
    --disable-notifications \
    --overscroll-history-navigation=0 \
    --disable-pinch \
    --check-for-update-interval=31536000 \
    --disable-background-networking \
    --disable-component-update \
    --disable-sync \
    --password-store=basic \
    --ozone-platform-hint=auto \
    --autoplay-policy=no-user-gesture-required &
  child=$!
  wait "$child"
  status=$?
  child=""
  say "de browser stopte (code $status); hij start opnieuw over $PAUSE s"
  sleep "$PAUSE"
done
