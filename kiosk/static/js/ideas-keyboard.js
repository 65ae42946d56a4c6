// The on-screen keyboard of the ideas flow: a Dutch layout with accents (simple-keyboard, served
// from static/vendor). Tapping a key types into the field that last had focus; a physical
// keyboard keeps typing into the fields directly. No inline script: the CSP forbids it.
(function () {
  "use strict";
  var Keyboard = window.SimpleKeyboard && (window.SimpleKeyboard.default || window.SimpleKeyboard);
  var keyboard = null;
  var container = null;
  var field = null;
  var ACCENTS = "é è ë ê á à ä ç ï î ó ö ô ü û";
  var LAYOUT = {
    "default": [
      "1 2 3 4 5 6 7 8 9 0 {bksp}",
      "q w e r t y u i o p",
      "a s d f g h j k l '",
      "{shift} z x c v b n m , . ?",
      ACCENTS,
      "@ - {space} ! {enter}"
    ],
    "shift": [
      "+ / ( ) € & : ; \" # {bksp}",
      "Q W E R T Y U I O P",
      "A S D F G H J K L '",
      "{shift} Z X C V B N M , . ?",
      ACCENTS.toUpperCase(),
      "@ _ {space} ! {enter}"
    ]
  };

  function fields(root) {
    return root.querySelectorAll("[data-keyboard-input]");
  }

  function updateCount(input) {
    var counter = document.querySelector('[data-count-for="' + input.id + '"]');
    if (counter) { counter.textContent = String(input.value.length); }
  }

  // Put text at the caret (replacing a selection), as a physical key would.
  function insert(text) {
    if (!field) { return; }
    var start = field.selectionStart === null ? field.value.length : field.selectionStart;
    var end = field.selectionEnd === null ? start : field.selectionEnd;
    var limit = field.maxLength > 0 ? field.maxLength : Infinity;
    if (field.value.length - (end - start) + text.length > limit) { return; }
    field.value = field.value.slice(0, start) + text + field.value.slice(end);
    field.selectionStart = field.selectionEnd = start + text.length;
    field.dispatchEvent(new Event("input", { bubbles: true }));
  }

  function erase() {
    if (!field) { return; }
    var start = field.selectionStart === null ? field.value.length : field.selectionStart;
    var end = field.selectionEnd === null ? start : field.selectionEnd;
    if (start === end && start > 0) { start -= 1; }
    field.value = field.value.slice(0, start) + field.value.slice(end);
    field.selectionStart = field.selectionEnd = start;
    field.dispatchEvent(new Event("input", { bubbles: true }));
  }

  function setShift(on) {
    keyboard.setOptions({ layoutName: on ? "shift" : "default" });
  }

  function press(button) {
    var shifted = keyboard.options.layoutName === "shift";
    if (button === "{shift}") { setShift(!shifted); return; }
    if (button === "{bksp}") { erase(); }
    else if (button === "{space}") { insert(" "); }
    else if (button === "{enter}") { if (field && field.tagName === "TEXTAREA") { insert("\n"); } }
    else { insert(button); }
    // Shift works for one letter, as on a phone.
    if (shifted) { setShift(false); }
    if (field) { field.focus({ preventScroll: true }); }
  }

  function attach() {
    var next = document.querySelector("[data-ideas-keyboard]");
    if (next === container) { return; }
    if (keyboard) { keyboard.destroy(); keyboard = null; }
    container = next;
    field = null;
    if (!container || !Keyboard) { return; }
    var labels = container.dataset;
    keyboard = new Keyboard(container, {
      // simple-keyboard rewrites the container's classes: ours go in through the theme.
      theme: "hg-theme-default ideas-keyboard",
      layout: LAYOUT,
      layoutName: "default",
      display: {
        "{bksp}": "⌫ " + labels.labelBksp,
        "{shift}": "⇧ " + labels.labelShift,
        "{space}": labels.labelSpace,
        "{enter}": "↵ " + labels.labelEnter
      },
      mergeDisplay: false,
      preventMouseDownDefault: true,
      stopMouseDownPropagation: true,
      disableButtonHold: true,
      onKeyPress: press
    });
    var first = fields(document)[0];
    field = document.activeElement && document.activeElement.hasAttribute("data-keyboard-input")
      ? document.activeElement : first || null;
  }

  document.addEventListener("focusin", function (event) {
    if (event.target.hasAttribute && event.target.hasAttribute("data-keyboard-input")) {
      field = event.target;
    }
  });
  document.addEventListener("input", function (event) {
    if (event.target.id) { updateCount(event.target); }
  });
  document.addEventListener("htmx:afterSettle", attach);
  attach();
}());
