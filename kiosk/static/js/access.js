// For every neighbour: read aloud (audio rendered by espeak-ng on the kiosk, /speak) and large
// text with high contrast. Both last for the visit (sessionStorage, which the idle reset clears)
// and are the same on every screen: the buttons are in the top bar of the page frame.
// Loaded in the head without defer, so large text is there before the first paint.
(function () {
  "use strict";
  var LARGE = "kiosk-large";
  var READ = "kiosk-read-aloud";
  // What counts as a choice on a screen; PIN keys are never said aloud.
  var CHOICES = "a[href], button, label.choice, [data-speak]";
  var SKIP = "[data-pin-key], [data-pin-clear], [data-speak-skip], .tools";
  var WAIT_MS = 4000;  // a tap never waits longer than this for its label to be said

  function stored(key) {
    try { return window.sessionStorage.getItem(key) === "1"; } catch (e) { return false; }
  }
  function store(key, on) {
    try {
      if (on) { window.sessionStorage.setItem(key, "1"); } else { window.sessionStorage.removeItem(key); }
    } catch (e) { /* storage off: it lasts for this page only */ }
  }
  document.documentElement.classList.toggle("large", stored(LARGE));

  var audio = null;
  var speakButton = null;

  function labelOf(el) {
    var text = el.getAttribute("data-speak") || el.getAttribute("aria-label") ||
      el.innerText || el.textContent || "";
    return text.replace(/\s+/g, " ").trim();
  }

  function shown(el) {
    return !el.checkVisibility || el.checkVisibility({ visibilityProperty: true, opacityProperty: true });
  }

  // The screen's question, then each choice's label, in reading order (a dialog when one is open).
  function screenText() {
    var dialog = document.querySelector("dialog[open]");
    var roots = dialog ? [dialog] : [document.getElementById("main"), document.getElementById("footer") ||
      document.querySelector(".bottombar")];
    var parts = [];
    roots.forEach(function (root) {
      if (!root) { return; }
      var question = root.querySelector("[data-speak-question]") || root.querySelector("h1, h2");
      var found = question ? [question] : [];
      found = found.concat(Array.prototype.slice.call(root.querySelectorAll(CHOICES)));
      found.forEach(function (el) {
        var text = shown(el) && !el.closest(SKIP) ? labelOf(el) : "";
        if (text && parts.indexOf(text) < 0) { parts.push(text); }
      });
    });
    return parts.join(". ");
  }

  function note(text) {
    var box = document.getElementById("speech-note");
    if (!box || !text) { return; }
    box.textContent = text;
    box.hidden = false;
    window.setTimeout(function () { box.hidden = true; }, 6000);
  }

  // Say a text in the page's language; `then` runs when it is said (or could not be).
  function say(text, then) {
    var done = false;
    function finish() {
      if (!done) { done = true; if (then) { then(); } }
    }
    if (!speakButton || !text) { finish(); return; }
    if (speakButton.dataset.noVoice) { note(speakButton.dataset.noVoice); finish(); return; }
    audio = audio || new Audio();
    audio.pause();
    audio.onended = finish;
    audio.onerror = function () { note(speakButton.dataset.speechFailed); finish(); };
    audio.src = speakButton.dataset.speakUrl + "?lang=" + encodeURIComponent(document.documentElement.lang) +
      "&text=" + encodeURIComponent(text.slice(0, 1400));
    var playing = audio.play();
    if (playing && playing.catch) { playing.catch(finish); }
    if (then) { window.setTimeout(finish, WAIT_MS); }
  }

  function stop() { if (audio) { audio.pause(); } }

  function setPressed(button, on) { if (button) { button.setAttribute("aria-pressed", on ? "true" : "false"); } }

  // Read aloud on: a tapped choice says its label first, then does what it does.
  var passing = null;
  function sayBeforeActing(event) {
    if (!stored(READ)) { return; }
    var el = event.target.closest && event.target.closest(CHOICES);
    if (!el || el === passing || el.closest(SKIP) || el.closest(".hg-theme-default")) { return; }
    event.preventDefault();
    event.stopImmediatePropagation();
    say(labelOf(el), function () {
      passing = el;
      el.click();
      passing = null;
    });
  }

  // A sentence a screen brings in to be said at once (the help queue's called number).
  function sayArrivals(root) {
    var found = root.querySelectorAll ? root.querySelectorAll("[data-speak-on-arrival]:not([data-spoken])") : [];
    Array.prototype.forEach.call(found, function (el) {
      el.setAttribute("data-spoken", "");
      say(el.getAttribute("data-speak-on-arrival") || labelOf(el));
    });
  }

  // The top bar's buttons: a boosted tap brings a new top bar, so the taps are heard on the
  // document and the buttons' state is set again after every swap.
  function showState() {
    speakButton = document.querySelector("[data-speak-button]");
    setPressed(speakButton, stored(READ));
    setPressed(document.querySelector("[data-large-toggle]"), stored(LARGE));
  }

  function toggle(event) {
    var button = event.target.closest && event.target.closest("[data-speak-button], [data-large-toggle]");
    if (!button) { return; }
    var key = button.hasAttribute("data-speak-button") ? READ : LARGE;
    var on = !stored(key);
    store(key, on);
    setPressed(button, on);
    if (key === LARGE) { document.documentElement.classList.toggle("large", on); }
    else if (on) { say(screenText()); }
    else { stop(); }
  }

  function wire() {
    showState();
    document.addEventListener("click", toggle);
    document.addEventListener("click", sayBeforeActing, true);
    document.body.addEventListener("htmx:afterSettle", function (event) {
      showState();
      sayArrivals(event.detail.elt || document);
      if (stored(READ) && event.detail.requestConfig && event.detail.requestConfig.triggeringEvent) {
        say(screenText());
      }
    });
    sayArrivals(document);
    if (stored(READ)) { say(screenText()); }  // the next screen of a visit reads itself
  }

  window.kioskSpeech = { say: say, screenText: screenText };
  document.addEventListener("DOMContentLoaded", wire);
}());
