// On-screen keyboards for every field that takes typing (simple-keyboard, served from
// static/vendor). The field's data-keyboard says which keys it gets: text, multiline (the only one
// with "new line"), email, tel, numeric or decimal. A form with a [data-keyboard-host] keeps its
// keyboard there (the ideas steps); any other field gets its keyboard docked under the page while
// it has focus, and the page above it scrolls. Taps type at the caret; a physical keyboard keeps
// typing into the fields directly. No inline script: the CSP forbids it.
(function () {
  "use strict";
  var Keyboard = window.SimpleKeyboard && (window.SimpleKeyboard.default || window.SimpleKeyboard);
  // The keys' words ride on this script's tag; a boosted tap to another language updates them.
  var tag = document.currentScript;
  var FIELDS = "[data-keyboard]:not([data-keyboard=date])";
  var ACCENTS = "é è ë ê á à ä ç ï î ó ö ô ü û";
  var DIGITS = "1 2 3 4 5 6 7 8 9 0 {bksp}";
  // The capital key sits in the last row, where there is room for its word on one line.
  var LETTERS = ["q w e r t y u i o p", "a s d f g h j k l '", "z x c v b n m , . ?"];
  var MAIL = ["q w e r t y u i o p", "a s d f g h j k l", "{shift} z x c v b n m"];
  var LAYOUTS = {
    text: { "default": [DIGITS].concat(LETTERS, [ACCENTS, "{shift} @ - {space} !"]),
            shift: ["+ / ( ) € & : ; \" # {bksp}"].concat(upper(LETTERS),
                    [ACCENTS.toUpperCase(), "{shift} @ _ {space} !"]) },
    email: { "default": [DIGITS].concat(MAIL, ["@ . _ - +"]),
             shift: [DIGITS].concat(upper(MAIL), ["@ . _ - +"]) },
    tel: { "default": [DIGITS, "+ {space} - . / ( )"] },
    numeric: { "default": [DIGITS] },
    decimal: { "default": ["1 2 3 4 5 6 7 8 9 0 , {bksp}"] }
  };
  var board = null;   // the simple-keyboard instance
  var home = null;    // the element it is drawn in
  var shape = "";     // which layout it shows, and where
  var field = null;   // the field the keys type into
  var dock = null;
  var closing = null;

  function upper(rows) {
    return rows.map(function (row) {
      return row.split(" ").map(function (key) {
        return key.charAt(0) === "{" ? key : key.toUpperCase();
      }).join(" ");
    });
  }

  function escape(text) {
    return String(text || "").replace(/[&<>"]/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;" }[c];
    });
  }

  // simple-keyboard puts these labels in as HTML: they are escaped first.
  function display() {
    var labels = (tag && tag.dataset) || {};
    return {
      "{bksp}": "⌫ " + escape(labels.labelBksp), "{shift}": "⇧ " + escape(labels.labelShift),
      "{space}": escape(labels.labelSpace), "{enter}": "↵ " + escape(labels.labelEnter),
      "{done}": "✓ " + escape(labels.labelDone)
    };
  }

  function kindOf(input) {
    var kind = input.dataset.keyboard;
    return kind === "multiline" || LAYOUTS[kind] ? kind : "text";
  }

  // "New line" only where the field takes several lines; "done" only where the keyboard can go.
  function layoutFor(kind, docked) {
    var base = LAYOUTS[kind === "multiline" ? "text" : kind];
    var layout = {};
    Object.keys(base).forEach(function (name) {
      var rows = base[name].slice();
      var last = rows.length - 1;
      if (kind === "multiline") { rows[last] += " {enter}"; }
      if (docked) { rows[last] += " {done}"; }
      layout[name] = rows;
    });
    return layout;
  }

  function hostFor(input) {
    var scope = input.closest("form") || document;
    return scope.querySelector("[data-keyboard-host]");
  }

  function caret(input) {
    var start = input.selectionStart;  // null for a number field: it has no caret to read
    if (start === null || start === undefined) { return [input.value.length, input.value.length]; }
    return [start, input.selectionEnd === null ? start : input.selectionEnd];
  }

  function put(value, at) {
    field.value = value;
    if (field.selectionStart !== null && field.selectionStart !== undefined) {
      field.selectionStart = field.selectionEnd = at;
    }
    field.dispatchEvent(new Event("input", { bubbles: true }));
  }

  // Put text at the caret (replacing a selection), as a physical key would.
  function insert(text) {
    var range = caret(field);
    var limit = field.maxLength > 0 ? field.maxLength : Infinity;
    if (field.value.length - (range[1] - range[0]) + text.length > limit) { return; }
    put(field.value.slice(0, range[0]) + text + field.value.slice(range[1]), range[0] + text.length);
  }

  function erase() {
    var range = caret(field);
    if (range[0] === range[1] && range[0] > 0) { range[0] -= 1; }
    put(field.value.slice(0, range[0]) + field.value.slice(range[1]), range[0]);
  }

  function press(button) {
    if (!field || !field.isConnected) { return; }
    var shifted = board.options.layoutName === "shift";
    if (button === "{shift}") { board.setOptions({ layoutName: shifted ? "default" : "shift" }); return; }
    if (button === "{done}") { field.blur(); return; }
    if (button === "{bksp}") { erase(); }
    else if (button === "{space}") { insert(" "); }
    else if (button === "{enter}") { if (field.tagName === "TEXTAREA") { insert("\n"); } }
    else { insert(button); }
    // Shift works for one letter, as on a phone.
    if (shifted) { board.setOptions({ layoutName: "default" }); }
    field.focus({ preventScroll: true });
  }

  function draw(where, kind, docked) {
    if (!where.dataset.keyboardClasses) { where.dataset.keyboardClasses = where.className; }
    var wanted = kind + (docked ? " docked" : "");
    if (board && home === where && shape === wanted) { return; }
    var options = {
      // simple-keyboard rewrites the container's classes: ours go in through the theme.
      theme: "hg-theme-default touch-keyboard kb-" + kind + " " + where.dataset.keyboardClasses,
      layout: layoutFor(kind, docked), layoutName: "default"
    };
    shape = wanted;
    if (board && home === where) { board.setOptions(options); return; }
    if (board) { board.destroy(); }
    home = where;
    board = new Keyboard(where, Object.assign(options, {
      display: display(), mergeDisplay: false, disableButtonHold: true,
      preventMouseDownDefault: true, stopMouseDownPropagation: true,
      buttonAttributes: [{ attribute: "role", value: "button" }], onKeyPress: press
    }));
  }

  function makeDock() {
    dock = document.createElement("div");
    dock.className = "keyboard-dock";
    dock.hidden = true;
    var inner = document.createElement("div");
    inner.className = "simple-keyboard docked-keyboard";
    dock.appendChild(inner);
    // Tapping beside the keys must not take the focus away from the field either.
    ["pointerdown", "mousedown"].forEach(function (name) {
      dock.addEventListener(name, function (event) { event.preventDefault(); });
    });
    document.body.appendChild(dock);
  }

  function openDock(kind) {
    if (!dock) { makeDock(); }
    draw(dock.firstChild, kind, true);
    dock.hidden = false;
    document.body.classList.add("keyboard-open");
    // The field, and its form's buttons where they fit, stay in view above the keyboard.
    window.requestAnimationFrame(function () {
      if (!field) { return; }
      if (field.form) { field.form.scrollIntoView({ block: "nearest" }); }
      field.scrollIntoView({ block: "nearest" });
    });
  }

  function closeDock() {
    if (!dock || dock.hidden) { return; }
    dock.hidden = true;
    document.body.classList.remove("keyboard-open");
  }

  function show(input) {
    if (!Keyboard) { return; }
    window.clearTimeout(closing);
    field = input;
    var host = hostFor(input);
    if (host) { closeDock(); draw(host, kindOf(input), false); }
    else { openDock(kindOf(input)); }
  }

  // Keys typed on screen change the value without the browser noticing: report the change
  // when the field is left, as the browser does for typing (forms that react to "change").
  function reportChange(input) {
    if (input.value === input.dataset.keyboardStart) { return; }
    input.dataset.keyboardStart = input.value;
    input.dispatchEvent(new Event("change", { bubbles: true }));
  }

  // After a page load or an htmx swap: new fields, perhaps a new host, perhaps a field gone;
  // after a boosted tap the docked keyboard went with the old body.
  function wire() {
    if (dock && !dock.isConnected) {
      if (board && home === dock.firstChild) { board.destroy(); board = null; home = null; }
      dock = null;
    }
    document.querySelectorAll(FIELDS).forEach(function (input) {
      input.setAttribute("inputmode", "none");  // no second keyboard from the system
    });
    if (field && !field.isConnected) { field = null; }
    var active = document.activeElement;
    if (active && active.matches && active.matches(FIELDS)) { show(active); return; }
    var host = document.querySelector("[data-keyboard-host]");
    if (host) {
      var first = (host.closest("form") || document).querySelector(FIELDS);
      if (first) { show(first); }
    } else if (!field) {
      closeDock();
    }
  }

  document.addEventListener("focusin", function (event) {
    if (!event.target.matches || !event.target.matches(FIELDS)) { return; }
    event.target.dataset.keyboardStart = event.target.value;
    show(event.target);
  });
  document.addEventListener("focusout", function (event) {
    if (!event.target.matches || !event.target.matches(FIELDS)) { return; }
    reportChange(event.target);
    // Later, not now: the tap that moved the focus must land before the page below moves.
    window.clearTimeout(closing);
    closing = window.setTimeout(function () {
      var active = document.activeElement;
      if (!active || !active.matches || !active.matches(FIELDS)) { closeDock(); }
    }, 150);
  });
  document.addEventListener("change", function (event) {
    if (event.target.matches && event.target.matches(FIELDS)) {
      event.target.dataset.keyboardStart = event.target.value;
    }
  }, true);
  document.addEventListener("input", function (event) {
    var counter = event.target.id && document.querySelector('[data-count-for="' + event.target.id + '"]');
    if (counter) { counter.textContent = String(event.target.value.length); }
  });
  document.addEventListener("htmx:afterSettle", wire);
  wire();
}());
