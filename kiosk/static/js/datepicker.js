// A date picker for touch (air-datepicker, served from static/vendor) instead of the browser's
// small mm/dd/yyyy field: tapping a field with data-keyboard="date" opens a calendar with big days
// in a dialog. The day shows as dd/mm/yyyy; the hidden field beside it (data-date-value) carries
// YYYY-MM-DD to the server. A physical keyboard can type dd/mm/yyyy into the field as well.
(function () {
  "use strict";
  var tag = document.currentScript;  // its data-* words follow the language (js/boost.js)
  var FIELD = "[data-keyboard=date]";
  var dialog = null;
  var picker = null;
  var field = null;

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function iso(day) { return day.getFullYear() + "-" + pad(day.getMonth() + 1) + "-" + pad(day.getDate()); }
  function shown(day) { return pad(day.getDate()) + "/" + pad(day.getMonth() + 1) + "/" + day.getFullYear(); }

  // A real calendar day from year, month and day numbers (no 31/02 rolling into March).
  function day(year, month, date) {
    var result = new Date(year, month - 1, date);
    return result.getMonth() === month - 1 && result.getDate() === date ? result : null;
  }

  function parse(text) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    if (m) { return day(+m[1], +m[2], +m[3]); }
    m = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/.exec(text);
    return m ? day(+m[3], +m[2], +m[1]) : null;
  }

  function stored(input) { return input.parentElement.querySelector("[data-date-value]"); }

  function show(input) {
    var hidden = stored(input);
    var value = parse(hidden.value);
    input.value = value ? shown(value) : hidden.value;
  }

  // Day and month names in the page's language, weeks from Monday (Belgium).
  function locale() {
    var lang = document.documentElement.lang || "nl";
    var days = [], short = [], months = [], monthsShort = [];
    for (var i = 0; i < 7; i++) {
      var weekday = new Date(2024, 0, 7 + i);  // 7 January 2024 was a Sunday
      days.push(weekday.toLocaleDateString(lang, { weekday: "long" }));
      short.push(weekday.toLocaleDateString(lang, { weekday: "short" }));
    }
    for (var m = 0; m < 12; m++) {
      var first = new Date(2024, m, 1);
      months.push(first.toLocaleDateString(lang, { month: "long" }));
      monthsShort.push(first.toLocaleDateString(lang, { month: "short" }));
    }
    return { days: days, daysShort: short, daysMin: short, months: months,
             monthsShort: monthsShort, today: "", clear: "", dateFormat: "dd/MM/yyyy",
             timeFormat: "HH:mm", firstDay: 1 };
  }

  function button(text, css, onTap) {
    var element = document.createElement("button");
    element.type = "button";
    element.className = css;
    element.textContent = text;
    element.addEventListener("click", onTap);
    return element;
  }

  // A chevron drawn to scale (the picker's own arrow has no viewBox and stays tiny).
  function arrow(path) {
    return '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="' + path + '"></path></svg>';
  }

  function set(value) {
    var hidden = stored(field);
    hidden.value = value ? iso(value) : "";
    field.value = value ? shown(value) : "";
    field.dispatchEvent(new Event("change", { bubbles: true }));
    dialog.close();
  }

  function build() {
    dialog = document.createElement("dialog");
    dialog.className = "date-dialog";
    var title = document.createElement("h2");
    title.className = "date-title";
    title.id = "date-dialog-title";
    dialog.setAttribute("aria-labelledby", title.id);
    var calendar = document.createElement("div");
    calendar.className = "date-calendar";
    var actions = document.createElement("div");
    actions.className = "date-actions";
    var labels = (tag && tag.dataset) || {};
    actions.appendChild(button(labels.labelClear, "button", function () { set(null); }));
    actions.appendChild(button(labels.labelClose, "button primary", function () { dialog.close(); }));
    dialog.append(title, calendar, actions);
    document.body.appendChild(dialog);
    picker = new window.AirDatepicker(calendar, {
      inline: true, locale: locale(), firstDay: 1, keyboardNav: true, toggleSelected: false,
      navTitles: { days: "MMMM yyyy" }, prevHtml: arrow("m15 18-6-6 6-6"),
      nextHtml: arrow("m9 18 6-6-6-6"),
      onSelect: function (event) { if (event.date && dialog.open) { set(event.date); } }
    });
  }

  function open(input) {
    if (!window.AirDatepicker) { return; }
    if (!dialog || !dialog.isConnected) { build(); }  // a boosted tap took the old one away
    field = input;
    var label = input.closest("label");
    dialog.querySelector(".date-title").textContent = label ? label.textContent.trim() : "";
    var value = parse(stored(input).value);
    var after = parse(input.dataset.dateAfter || "");
    picker.update({ minDate: after ? new Date(after.getFullYear(), after.getMonth(), after.getDate() + 1) : false },
                  { silent: true });
    picker.clear({ silent: true });
    if (value) { picker.selectDate(value, { silent: true }); }
    picker.setCurrentView("days");
    picker.setViewDate(value || new Date());
    dialog.showModal();
  }

  function wire() {
    document.querySelectorAll(FIELD).forEach(function (input) {
      input.setAttribute("inputmode", "none");  // the calendar is the keyboard here
      if (document.activeElement !== input) { show(input); }
    });
  }

  document.addEventListener("click", function (event) {
    var input = event.target.closest && event.target.closest(FIELD);
    if (input) { open(input); }
  });
  // Typed on a physical keyboard: the hidden field gets the day, or the text as typed, so that
  // the server can say what is wrong with it.
  document.addEventListener("input", function (event) {
    if (!event.target.matches || !event.target.matches(FIELD)) { return; }
    var value = parse(event.target.value);
    stored(event.target).value = value ? iso(value) : event.target.value.trim();
  });
  document.addEventListener("htmx:afterSettle", wire);
  wire();
}());
