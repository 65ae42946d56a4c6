// What keeps a visitor out of this screen, as plain sentences: targets under 48x48 CSS px or
// closer than 8 px to another, nothing to read aloud; in large-text mode also text under 150 %
// and a target that cannot be scrolled into view uncovered, or a page wider than the screen.
(large) => {
  "use strict";
  const TARGETS = "a[href], button, input:not([type=hidden]), select, textarea, summary, " +
    "[role=button], [data-skbtn], label.choice";
  const problems = [];
  function describe(el) {
    const text = (el.getAttribute("aria-label") || el.textContent || el.value || "")
      .replace(/\s+/g, " ").trim().slice(0, 40);
    return `<${el.tagName.toLowerCase()}${el.className && typeof el.className === "string" ?
      "." + el.className.trim().split(/\s+/).join(".") : ""}> "${text}"`;
  }
  const shown = (el) => el.checkVisibility({ opacityProperty: true, visibilityProperty: true });
  const targets = [...document.querySelectorAll(TARGETS)].filter(shown)
    .filter((el) => !el.closest("dialog:not([open])"));
  const all = targets.map((el) => ({ el, rect: el.getBoundingClientRect() }))
    .filter((t) => t.rect.width > 0 && t.rect.height > 0);
  for (const { el, rect } of all) {
    if (rect.width < 47.5 || rect.height < 47.5) {
      problems.push(`${describe(el)} is ${Math.round(rect.width)}x${Math.round(rect.height)} (under 48x48)`);
    }
  }
  // A pictogram beside every label (a language's own name, a key and a PIN digit are their own):
  // an image, or one the sheet draws (the − and + keys: a ::before with a size and a colour).
  function drawn(el) {
    const glyph = getComputedStyle(el, "::before");
    return glyph.content !== "none" && parseFloat(glyph.width) > 0 && parseFloat(glyph.height) > 0 &&
      glyph.backgroundColor !== "rgba(0, 0, 0, 0)";
  }
  for (const { el } of all) {
    if (el.matches("a, button, label.choice") && !el.matches(".lang:not(.more), [data-pin-key], .hg-button") &&
        !el.querySelector("svg, img") && !drawn(el)) {
      problems.push(`${describe(el)} has no pictogram`);
    }
  }
  // 8 px between targets as they show: a target in the scrolling main area counts for the part
  // of it that is in view (scrolled under the bottom bar, it is not next to the bar's buttons).
  function inView(el, rect) {
    const main = el.closest("main");
    if (!main) { return rect; }
    const m = main.getBoundingClientRect();
    const r = { left: Math.max(rect.left, m.left), right: Math.min(rect.right, m.right),
      top: Math.max(rect.top, m.top), bottom: Math.min(rect.bottom, m.bottom) };
    return r.right > r.left && r.bottom > r.top ? r : null;
  }
  const rects = all.map((t) => ({ el: t.el, rect: inView(t.el, t.rect) })).filter((t) => t.rect);
  for (let i = 0; i < rects.length; i++) {
    for (let j = i + 1; j < rects.length; j++) {
      const a = rects[i], b = rects[j];
      if (a.el.contains(b.el) || b.el.contains(a.el)) { continue; }
      const dx = Math.max(a.rect.left, b.rect.left) - Math.min(a.rect.right, b.rect.right);
      const dy = Math.max(a.rect.top, b.rect.top) - Math.min(a.rect.bottom, b.rect.bottom);
      if (Math.max(dx, dy) < 7.5) {
        problems.push(`${describe(a.el)} and ${describe(b.el)} are ${Math.round(Math.max(dx, dy))} px apart`);
      }
    }
  }
  if (!window.kioskSpeech || !window.kioskSpeech.screenText()) {
    problems.push("nothing to read aloud on this screen");
  }
  if (large) {
    const size = parseFloat(getComputedStyle(document.documentElement).fontSize);
    if (size < 33) { problems.push(`large text is ${size}px, under 150 % of 22px`); }
    if (document.documentElement.scrollWidth > window.innerWidth + 1) {
      problems.push(`the page is ${document.documentElement.scrollWidth}px wide`);
    }
    for (const { el } of all) {
      el.scrollIntoView({ block: "center", inline: "center" });
      const r = el.getBoundingClientRect();
      if (r.left < -1 || r.top < -1 || r.right > window.innerWidth + 1 || r.bottom > window.innerHeight + 1) {
        problems.push(`${describe(el)} cannot be brought into the screen`);
        continue;
      }
      const hit = document.elementFromPoint((r.left + r.right) / 2, (r.top + r.bottom) / 2);
      if (hit && hit !== el && !el.contains(hit) && !(el.closest("label") || el).contains(hit)) {
        problems.push(`${describe(el)} is covered by ${describe(hit)}`);
      }
    }
    window.scrollTo(0, 0);
    document.querySelectorAll("main").forEach((m) => { m.scrollTop = 0; });
  }
  return problems;
}
