// The kiosk's own behaviour: idle reset, CSRF header for htmx, clock, PIN pad, error notice.
// Served from our own origin: the Content-Security-Policy allows no inline script.
(function () {
  "use strict";
  var body = document.body;
  var idleTimer = null;
  var returnTimer = null;

  function forgetAndGo(url) {
    try { window.sessionStorage.clear(); window.localStorage.clear(); } catch (e) { /* private mode */ }
    window.location.replace(url);
  }

  // Any touch restarts the countdown; when it runs out the screen returns home.
  function armIdle() {
    window.clearTimeout(idleTimer);
    var seconds = parseInt(body.dataset.idleSeconds || "0", 10);
    var url = body.dataset.idleUrl;
    if (seconds > 0 && url) {
      idleTimer = window.setTimeout(function () { forgetAndGo(url); }, seconds * 1000);
    }
  }

  // A thank-you screen goes back home by itself after a few seconds.
  function armReturn(root) {
    var el = root.querySelector("[data-return-home]");
    window.clearTimeout(returnTimer);
    if (el) {
      var seconds = parseInt(el.dataset.returnHome, 10);
      returnTimer = window.setTimeout(function () {
        window.location.replace(el.dataset.returnUrl);
      }, seconds * 1000);
    }
  }

  // The date is written by the server (Babel, the same formatter as on paper); here only the
  // minutes move on. At midnight the home screen fetches itself again for the new date.
  var shownDay = null;
  function tickClock() {
    var zone = body.dataset.timezone || "Europe/Brussels";
    var now = new Date();
    var time = document.querySelector("[data-clock-time]");
    try {
      var today = now.toLocaleDateString("en-CA", { timeZone: zone });
      if (shownDay && today !== shownDay && body.classList.contains("home")) {
        window.location.reload();
      }
      shownDay = shownDay || today;
      if (time) {
        time.textContent = now.toLocaleTimeString("en-GB", {
          hour: "2-digit", minute: "2-digit", hour12: false, timeZone: zone });
      }
    } catch (e) { /* keep the server's rendering */ }
  }

  function showFlash() {
    var flash = document.getElementById("flash");
    if (!flash) { return; }
    flash.textContent = flash.dataset.message;
    flash.hidden = false;
    window.setTimeout(function () { flash.hidden = true; }, 8000);
  }

  // The on-screen PIN pad types into the PIN field; a physical keyboard works as well.
  document.addEventListener("click", function (event) {
    var key = event.target.closest("[data-pin-key], [data-pin-clear]");
    if (!key) { return; }
    var form = key.closest("form");
    var input = form && form.querySelector("[data-pin-input]");
    if (!input) { return; }
    if (key.hasAttribute("data-pin-clear")) {
      input.value = input.value.slice(0, -1);
    } else if (input.value.length < (input.maxLength > 0 ? input.maxLength : 8)) {
      input.value += key.dataset.pinKey;
    }
  });

  document.addEventListener("htmx:configRequest", function (event) {
    var token = document.querySelector('meta[name="csrf-token"]');
    if (token) { event.detail.headers["X-CSRFToken"] = token.content; }
  });
  document.addEventListener("htmx:afterSettle", function (event) {
    // A panel refreshing itself ("every 2s") is not a touch: only a person's action counts.
    var config = event.detail.requestConfig;
    if (config && config.triggeringEvent) { armIdle(); }
    armReturn(document);
  });
  // A self-refreshing list waits while a volunteer has a slip preview open in it.
  document.addEventListener("htmx:beforeRequest", function (event) {
    var elt = event.detail.elt;
    if (elt.hasAttribute("data-poll-pause-when-open") && elt.querySelector("details[open]")) {
      event.preventDefault();
    }
  });
  document.addEventListener("htmx:responseError", showFlash);
  document.addEventListener("htmx:sendError", showFlash);

  ["pointerdown", "keydown", "touchstart", "input", "wheel"].forEach(function (name) {
    document.addEventListener(name, armIdle, { passive: true, capture: true });
  });
  armIdle();
  armReturn(document);
  tickClock();
  window.setInterval(tickClock, 10000);
}());
