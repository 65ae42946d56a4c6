// Added to every document of the bench's tab (bench/bench_taps.py): times a tap until the next
// screen is painted, also when the tap loads a whole new page (sessionStorage carries the tap).
(function () {
  "use strict";
  var READY = "bench-ready";
  var TAP = "bench-tap";
  var now = function () { return performance.timeOrigin + performance.now(); };
  var waiting = false;

  window.benchTapTimer = {
    expect: function (selector) {
      sessionStorage.setItem(READY, selector);
      sessionStorage.removeItem(TAP);
    }
  };
  // Capturing on the window, added before any page script: the first to hear the tap.
  window.addEventListener("touchstart", function () {
    if (sessionStorage.getItem(READY) && !sessionStorage.getItem(TAP)) {
      sessionStorage.setItem(TAP, String(now()));
    }
  }, { capture: true, passive: true });

  function shown(selector) {
    var marker = document.querySelector(selector);
    return marker && marker.checkVisibility({ visibilityProperty: true });
  }

  // The marker is there and visible: the frame that shows it is painted before a task queued in
  // its animation-frame callback runs.
  function check() {
    var selector = sessionStorage.getItem(READY);
    var tap = sessionStorage.getItem(TAP);
    if (waiting || !selector || !tap || !shown(selector)) { return; }
    waiting = true;
    requestAnimationFrame(function () {
      setTimeout(function () {
        waiting = false;
        if (sessionStorage.getItem(READY) !== selector || !shown(selector)) { check(); return; }
        sessionStorage.removeItem(READY);
        sessionStorage.removeItem(TAP);
        console.log("bench-painted " + (now() - Number(tap)).toFixed(1));
      }, 0);
    });
  }
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true });
  check();
}());
