// The home screen's "now serving" panel: a short chime when a number is called (or called
// again), then the number said aloud. The panel says when the latest call was made; the chime sounds when that moves on,
// never for the call already shown when the page loaded. Chromium in kiosk mode is started with
// --autoplay-policy=no-user-gesture-required (deploy/kiosk-browser.sh), so no tap is needed.
(function () {
  "use strict";
  var url = document.currentScript && document.currentScript.dataset.chimeUrl;
  var sound = null;
  var heard = null;
  var SAY_AFTER_MS = 1200;  // the chime is about a second long

  function chime() {
    if (!sound) {
      sound = new Audio(url);
      sound.preload = "auto";
    }
    sound.currentTime = 0;
    var played = sound.play();
    var count = function (name) {
      document.body.dataset[name] = String(parseInt(document.body.dataset[name] || "0", 10) + 1);
    };
    if (played && played.then) {
      played.then(function () { count("chimes"); }, function () { count("chimesBlocked"); });
    } else {
      count("chimes");
    }
  }

  document.addEventListener("htmx:afterSettle", function () {
    var panel = document.getElementById("now-serving");
    if (!panel || !panel.hasAttribute("data-call")) { return; }
    var call = panel.dataset.call;
    if (heard !== null && call && call > heard && panel.dataset.chime === "1" && url) {
      chime();
      // Then the number is said in the screen's language (kiosk/speech), after the chime.
      var words = panel.dataset.sayCall;
      window.setTimeout(function () {
        if (window.kioskSpeech) { window.kioskSpeech.say(words); }
      }, SAY_AFTER_MS);
    }
    if (heard === null || call > heard) { heard = call; }
  });
}());
