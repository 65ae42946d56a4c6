// Boosted taps (hx-boost on a visitor page's body): a link or a plain form swaps the body instead
// of loading a new page, which on a Pi is most of what a tap costs. What a page load would do
// besides is done here: the language and direction on <html>, the body's attributes (idle reset,
// page class), the head's meta tags, the page's style sheets (the screen waits for a new one, so it
// never shows unstyled) and its scripts (each runs once; later pages update its data-* words).
(function () {
  "use strict";
  var root = document.documentElement;
  var ran = {};  // scripts already run, by address: a swap never runs one twice
  var KEEP = /^data-chime/;  // the body's own counters (static/js/help.js), not the server's

  function remember() {
    Array.prototype.forEach.call(document.scripts, function (s) { if (s.src) { ran[s.src] = true; } });
  }

  function tags(text, name) { return text.match(new RegExp("<" + name + "\\b[^>]*>", "gi")) || []; }

  // The new page without its content: <html>, <head>, <body> and the body's scripts and sheets.
  function outline(text) {
    var head = /<head\b[^>]*>[\s\S]*?<\/head>/i.exec(text);
    var rest = head ? text.slice(head.index + head[0].length) : text;
    var extras = tags(rest, "link").join("") + tags(rest, "script").join("</script>") +
      (tags(rest, "script").length ? "</script>" : "");
    return new DOMParser().parseFromString((tags(text, "html")[0] || "<html>") +
      (head ? head[0] : "") + (tags(rest, "body")[0] || "<body>") + extras, "text/html");
  }

  function copyAttributes(from, to, only) {
    Array.prototype.slice.call(to.attributes).forEach(function (a) {
      if (!only && !from.hasAttribute(a.name) && !KEEP.test(a.name)) { to.removeAttribute(a.name); }
    });
    Array.prototype.forEach.call(from.attributes, function (a) {
      if ((!only || only.indexOf(a.name) >= 0) && to.getAttribute(a.name) !== a.value) {
        to.setAttribute(a.name, a.value);
      }
    });
  }

  // A sheet a page has in its body (the home screen's panels) is kept in the head for the next
  // time the page comes: moved, which keeps it loaded, instead of loaded again then.
  function keepBodySheets() {
    if (!document.head.moveBefore) { return; }
    document.body.querySelectorAll("link[rel=stylesheet]").forEach(function (link) {
      var href = link.getAttribute("href");
      if (!document.head.querySelector('link[rel=stylesheet][href="' + href + '"]')) {
        document.head.moveBefore(link, null);
      }
    });
  }

  function load(href) {
    return new Promise(function (done) {
      var link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = href;
      link.onload = link.onerror = done;
      document.head.appendChild(link);
      window.setTimeout(done, 3000);  // a sheet that never answers does not hide the screen
    });
  }

  // The page's sheets on, the others off (a sheet of another page must not restyle this one);
  // until a sheet not loaded before is there, the screen stays hidden (kiosk.css). The home
  // screen has the sheets of the screens its tiles lead to loaded but off (media "not all",
  // data-boost-spare): such a sheet is turned on, not loaded (one not in yet is asked for as any
  // other, which takes the answer already on its way). A sheet marked data-boost-later (a
  // keyboard the first screen does not show) is asked for once the screen is painted, so it does
  // not weigh on that frame; the promise is kept when every sheet is in (the page's scripts wait
  // for it).
  function useSheets(page) {
    var wanted = {};
    var spare = {};
    page.querySelectorAll("link[rel=stylesheet]").forEach(function (link) {
      if (link.hasAttribute("data-boost-spare")) { spare[link.getAttribute("href")] = link; return; }
      wanted[link.getAttribute("href")] = link.hasAttribute("data-boost-later");
    });
    var have = {};
    document.head.querySelectorAll("link[rel=stylesheet]").forEach(function (link) {
      var href = link.getAttribute("href");
      delete spare[href];
      if (link.hasAttribute("data-boost-spare")) {
        if (!(href in wanted)) { return; }  // stays off, and is not stopped from loading
        if (!link.sheet) { link.remove(); return; }
        link.removeAttribute("data-boost-spare");
        link.removeAttribute("media");
      }
      have[href] = true;
      link.disabled = !(href in wanted);
    });
    // The new page's spares this document lacks (it was loaded as another page): loaded, off.
    Object.keys(spare).forEach(function (href) {
      if (!(href in wanted)) { document.head.appendChild(document.importNode(spare[href], false)); }
    });
    var missing = Object.keys(wanted).filter(function (href) { return !have[href]; });
    var now = missing.filter(function (href) { return !wanted[href]; }).map(load);
    var later = missing.filter(function (href) { return wanted[href]; });
    if (now.length) { root.setAttribute("data-boost-loading", ""); }
    return Promise.all(now).then(function () {
      root.removeAttribute("data-boost-loading");
      if (!later.length) { return null; }
      return new Promise(function (painted) { afterPaint(painted); }).then(function () {
        return Promise.all(later.map(load));
      });
    });
  }

  // After the new screen is painted: its scripts then take no time from showing it.
  function afterPaint(then) {
    window.requestAnimationFrame(function () { window.setTimeout(then, 0); });
  }

  function scripts(page) {
    return Array.prototype.map.call(page.querySelectorAll("script[src]"), function (tag) {
      return { tag: tag, src: new URL(tag.getAttribute("src"), document.baseURI).href,
               mine: document.head.querySelector('script[src="' + tag.getAttribute("src") + '"]') };
    });
  }

  // A script already run gets the new page's words (its data-*), before the swap settles.
  function updateScripts(page) {
    scripts(page).forEach(function (s) {
      if (!ran[s.src] || !s.mine) { return; }
      copyAttributes(s.tag, s.mine, s.tag.getAttributeNames().filter(function (name) {
        return name.indexOf("data-") === 0;
      }));
    });
  }

  // Scripts new to this visit run once, in their order.
  function addScripts(page) {
    scripts(page).forEach(function (s) {
      if (ran[s.src]) { return; }
      var script = document.createElement("script");
      copyAttributes(s.tag, script);
      script.async = false;
      ran[s.src] = true;
      document.head.appendChild(script);
    });
  }

  function isPage(detail) {
    return detail.target === document.body && /^\s*(<!doctype html|<html)/i.test(detail.serverResponse || "");
  }

  document.addEventListener("htmx:beforeSwap", function (event) {
    var detail = event.detail;
    if (!isPage(detail)) { return; }
    // An error page shows as a page, as it would after a page load (not as a notice).
    if (detail.xhr.status >= 400) { detail.shouldSwap = true; detail.isError = false; }
    if (!detail.shouldSwap) { return; }
    var page = outline(detail.serverResponse);
    // What the screen keeps (hx-preserve: the top bar, the notices) is in its old language.
    if (page.documentElement.getAttribute("lang") !== root.getAttribute("lang")) {
      detail.serverResponse = detail.serverResponse.replace(/\shx-preserve(?=[\s>])/g, "");
    }
    copyAttributes(page.documentElement, root, ["lang", "dir"]);
    copyAttributes(page.body, document.body);
    page.head.querySelectorAll("meta[name]").forEach(function (meta) {
      var mine = document.head.querySelector('meta[name="' + meta.getAttribute("name") + '"]');
      if (mine) { mine.setAttribute("content", meta.getAttribute("content")); }
    });
    remember();
    keepBodySheets();
    updateScripts(page);
    useSheets(page).then(function () { afterPaint(function () { addScripts(page); }); });
  });
  remember();
}());
