#!/bin/sh
# Start Chromium full-screen on the kiosk once the kiosk service answers.
# Used by the desktop session's autostart (deploy/kiosk-browser.desktop).
set -eu
URL="${KIOSK_URL:-http://127.0.0.1:8080/}"
BROWSER="$(command -v chromium || command -v chromium-browser)"

# Wait (up to a minute) for the service, so the screen never shows a browser error.
i=0
until curl -fsS -o /dev/null "${URL%/}/healthz"; do
  i=$((i + 1))
  [ "$i" -ge 60 ] && break
  sleep 1
done

# Incognito: no history, cache or storage survives a restart of the browser.
# No swipe-back, no pinch zoom, no translate bar, no crash bubble, no update checks.
# Sound without a tap first (autoplay): the home screen chimes when a queue number is called.
exec "$BROWSER" \
  --kiosk "$URL" \
  --incognito \
  --noerrdialogs \
  --disable-infobars \
  --disable-session-crashed-bubble \
  --disable-features=Translate,TouchpadOverscrollHistoryNavigation \
  --overscroll-history-navigation=0 \
  --disable-pinch \
  --check-for-update-interval=31536000 \
  --disable-background-networking \
  --disable-component-update \
  --disable-sync \
  --password-store=basic \
  --autoplay-policy=no-user-gesture-required
