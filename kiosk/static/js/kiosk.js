// The kiosk's own behaviour: idle reset (with its warning), CSRF header for htmx, clock, PIN pad,
// error notice. Served from our own origin: the Content-Security-Policy allows no inline script.
(function () {
  "use strict";
  var body = document.body;
  var idleTimer = null;
  var warnTimer = null;
  var countTimer = null;
  var returnTimer = null;
  var focusBefore = null;
  var lastContact = Date.now();

  function forgetAndGo(url) {
    try { window.sessionStorage.clear(); window.localStorage.clear(); } catch (e) { /* private mode */ }
    window.location.replace(url);
  }

  function idleSeconds() { return parseInt(body.dataset.idleSeconds || "0", 10); }

  // "Ben je er nog?" comes IDLE_WARNING_SECONDS before the end, or halfway through a short one.
  function showWarning(deadline) {
    var dialog = document.getElementById("idle-warning");
    if (!dialog || dialog.open) { return; }
    var count = dialog.querySelector("[data-idle-count]");
    var tick = function () {
      count.textContent = String(Math.max(0, Math.ceil((deadline - Date.now()) / 1000)));
    };
    tick();
    countTimer = window.setInterval(tick, 250);
    focusBefore = document.activeElement;
    dialog.showModal();
  }

  function hideWarning() {
    window.clearInterval(countTimer);
    var dialog = document.getElementById("idle-warning");
    if (!dialog || !dialog.open) { return; }
    dialog.close();
    // Back to where the person was: the field they were typing in gets its keyboard again.
    if (focusBefore && focusBefore.isConnected && focusBefore.focus) {
      focusBefore.focus({ preventScroll: true });
    }
    focusBefore = null;
  }

  // Any touch restarts the countdown; when it runs out the screen returns home.
  function armIdle() {
    window.clearTimeout(idleTimer);
    window.clearTimeout(warnTimer);
    hideWarning();
    var seconds = idleSeconds();
    var url = body.dataset.idleUrl;
    if (seconds > 0 && url) {
      var deadline = Date.now() + seconds * 1000;
      var lead = Math.min(parseInt(body.dataset.idleWarning || "0", 10), Math.floor(seconds / 2));
      if (lead > 0) {
        warnTimer = window.setTimeout(function () { showWarning(deadline); }, (seconds - lead) * 1000);
      }
      idleTimer = window.setTimeout(function () { forgetAndGo(url); }, seconds * 1000);
    }
  }

  // The desk's server logs out by itself after DESK_IDLE_SECONDS without a request: a touch
  // that sends nothing (typing on the on-screen keyboard, "Ik ben er nog") tells it now and then.
  function keepDeskSession() {
    var url = body.dataset.idlePingUrl;
    if (!url || Date.now() - lastContact < Math.min(30, idleSeconds() / 4) * 1000) { return; }
    lastContact = Date.now();
    var token = document.querySelector('meta[name="csrf-token"]');
    window.fetch(url, { method: "POST", credentials: "same-origin", cache: "no-store",
                        headers: token ? { "X-CSRFToken": token.content } : {} })
      .then(function (response) {
        if (response.status !== 204) { forgetAndGo(body.dataset.idleUrl); }  // already logged out
      })
      .catch(function () { /* no answer: the next request finds out */ });
  }

  function touched() {
    armIdle();
    keepDeskSession();
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
        // Home loaded afresh (a boosted tap left the address where the last page load was).
        var home = document.querySelector(".topbar a.brand");
        window.location.replace(home ? home.href : "/");
      }
      shownDay = shownDay || today;
      if (time) {
        time.textContent = now.toLocaleTimeString("en-GB", {
          hour: "2-digit", minute: "2-digit", hour12: false, timeZone: zone });
      }
    } catch (e) { /* keep the server's rendering */ }
  }

  // An error answer may say what went wrong (a full disk): show its words, else the general ones.
  function showFlash(event) {
    var flash = document.getElementById("flash");
    if (!flash) { return; }
    var xhr = event && event.detail && event.detail.xhr;
    var said = null;
    if (xhr && xhr.responseText) {
      said = new DOMParser().parseFromString(xhr.responseText, "text/html").querySelector("[data-flash]");
    }
    flash.textContent = said ? said.textContent.trim() : flash.dataset.message;
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
    if (config && config.triggeringEvent) {
      lastContact = Date.now();
      armIdle();
    }
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
    document.addEventListener(name, touched, { passive: true, capture: true });
  });
  // "Ik ben er nog" also from a screen reader or a switch, which click without a touch.
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("[data-idle-keep]")) { touched(); }
  });
  armIdle();
  armReturn(document);
  tickClock();
  window.setInterval(tickClock, 10000);
}());
