// What is wrong with the layout of the screen as it stands, as a list of plain sentences.
// Every target (link, button, field, key) must lie inside the viewport with nothing on top of
// it at its centre; no two pieces of text may overlap each other or a target; no text may be cut
// off by the viewport, by the scrolling main area or by a box that hides what overflows.
(within) => {
  "use strict";
  const root = document.querySelector(within || "body");
  const TARGETS = "a[href], button, input:not([type=hidden]), select, textarea, summary, " +
    "[role=button], [data-skbtn], label:has(> input[type=checkbox]), label:has(> input[type=radio])";
  const FIELDS = "input, textarea, select";
  const SLACK = 1;
  const MIN_TEXT = 16;
  const width = window.innerWidth;
  const height = window.innerHeight;
  const problems = [];

  function describe(el) {
    if (!el || el.nodeType !== 1) { return String(el); }
    const id = el.id ? "#" + el.id : "";
    const cls = typeof el.className === "string" && el.className.trim()
      ? "." + el.className.trim().split(/\s+/).join(".") : "";
    const text = (el.getAttribute("aria-label") || el.textContent || el.value || "")
      .replace(/\s+/g, " ").trim().slice(0, 50);
    return `<${el.tagName.toLowerCase()}${id}${cls}>` + (text ? ` "${text}"` : "");
  }

  function shown(el) {
    return el.checkVisibility({ opacityProperty: true, visibilityProperty: true });
  }

  function outside(r, box) {
    return r.left < box.left - SLACK || r.top < box.top - SLACK ||
      r.right > box.right + SLACK || r.bottom > box.bottom + SLACK;
  }

  function overlap(a, b) {
    return Math.min(a.right, b.right) - Math.max(a.left, b.left) > SLACK &&
      Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > SLACK;
  }

  const screen = { left: 0, top: 0, right: width, bottom: height };

  // Targets: inside the screen, and the element at their centre is themselves.
  const targets = [...root.querySelectorAll(TARGETS)].filter(shown).map((el) => {
    return { el, rect: el.getBoundingClientRect() };
  }).filter((t) => t.rect.width > 2 && t.rect.height > 2);
  for (const { el, rect } of targets) {
    if (outside(rect, screen)) {
      problems.push(`${describe(el)} is outside the ${width}x${height} screen ` +
        `(${Math.round(rect.left)},${Math.round(rect.top)} to ` +
        `${Math.round(rect.right)},${Math.round(rect.bottom)})`);
      continue;
    }
    const hit = document.elementFromPoint((rect.left + rect.right) / 2, (rect.top + rect.bottom) / 2);
    const label = el.closest("label");
    if (hit && hit !== el && !el.contains(hit) && !(label && label.contains(hit))) {
      problems.push(`${describe(el)} is covered by ${describe(hit)}`);
    }
  }

  function clip(r, box) {
    const left = Math.max(r.left, box.left);
    const top = Math.max(r.top, box.top);
    const right = Math.min(r.right, box.right);
    const bottom = Math.min(r.bottom, box.bottom);
    return { left, top, right, bottom, width: right - left, height: bottom - top };
  }

  // The visible box of the scrolling box (not <main>) a piece of text is in, if any.
  function scrolledInto(el) {
    for (let up = el.parentElement; up && up.tagName !== "MAIN" && up !== document.body;
      up = up.parentElement) {
      const style = getComputedStyle(up);
      if (/(auto|scroll)/.test(style.overflowY) && up.scrollHeight > up.clientHeight) {
        return up.getBoundingClientRect();
      }
    }
    return null;
  }

  // Text: the boxes of every piece of text, one per line.
  const texts = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!node.textContent.trim() || !el || el.closest("script, style, title") || !shown(el)) {
      continue;
    }
    const range = document.createRange();
    range.selectNodeContents(node);
    const view = scrolledInto(el);
    for (const rect of range.getClientRects()) {
      // Text scrolled out of a scrolling box (not the screen's main area) is not on the screen.
      const seen = view ? clip(rect, view) : rect;
      if (seen.width > 2 && seen.height > 2) { texts.push({ el, rect: seen }); }
    }
  }

  // A box that clips its content without scrolling (or the main area, or an SVG drawing).
  function clippers(el) {
    const found = [];
    for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
      const style = getComputedStyle(up);
      const scrolls = /(auto|scroll)/.test(style.overflowX + style.overflowY);
      const clips = style.overflowX !== "visible" || style.overflowY !== "visible";
      if (up.tagName === "svg" || up.tagName === "MAIN" || (clips && !scrolls)) {
        found.push(up);
      }
    }
    return found;
  }

  const reported = new Set();
  function report(sentence) {
    if (!reported.has(sentence)) {
      reported.add(sentence);
      problems.push(sentence);
    }
  }

  for (const { el, rect } of texts) {
    if (outside(rect, screen)) {
      report(`the text of ${describe(el)} is outside the ${width}x${height} screen`);
      continue;
    }
    for (const box of clippers(el)) {
      if (outside(rect, box.getBoundingClientRect())) {
        report(`the text of ${describe(el)} is cut off by ${describe(box)}`);
      }
    }
  }
  for (let i = 0; i < texts.length; i++) {
    for (let j = i + 1; j < texts.length; j++) {
      const a = texts[i];
      const b = texts[j];
      if (a.el !== b.el && overlap(a.rect, b.rect)) {
        report(`the text of ${describe(a.el)} overlaps the text of ${describe(b.el)}`);
      }
    }
    for (const t of targets) {
      const a = texts[i];
      if (!t.el.contains(a.el) && !t.el.matches(FIELDS) && !a.el.contains(t.el) &&
          overlap(a.rect, t.rect)) {
        report(`the text of ${describe(a.el)} overlaps ${describe(t.el)}`);
      }
    }
  }
  // A target's own words stay inside its border (a word wider than a shrunk button runs over it).
  function inner(el, rect) {
    const style = getComputedStyle(el);
    return { left: rect.left + parseFloat(style.borderLeftWidth),
      right: rect.right - parseFloat(style.borderRightWidth),
      top: rect.top + parseFloat(style.borderTopWidth),
      bottom: rect.bottom - parseFloat(style.borderBottomWidth) };
  }
  for (const t of targets) {
    if (t.el.matches(FIELDS)) { continue; }
    const box = inner(t.el, t.rect);
    for (const { el, rect } of texts) {
      if (t.el.contains(el) && outside(rect, box)) {
        report(`the text of ${describe(el)} runs over the border of ${describe(t.el)}`);
      }
    }
  }
  // A visitor's screen: no text smaller than 16 px, for eyes that are not what they were (the
  // words in a drawing, a bag's "30 l", grow with the drawing and repeat its heading).
  if (document.body.classList.contains("visitor")) {
    for (const { el } of texts.filter((t) => !t.el.closest("svg"))) {
      const size = parseFloat(getComputedStyle(el).fontSize);
      if (size < MIN_TEXT - 0.05) {
        report(`the text of ${describe(el)} is ${Math.round(size * 10) / 10} px (at least ${MIN_TEXT})`);
      }
    }
  }
  // A key's word on one line: a label that wraps breaks its word (hoofdlette|r) or its sense.
  for (const key of root.querySelectorAll("[data-skbtn]")) {
    const label = key.querySelector("span") || key;
    if (!shown(label) || !label.textContent.trim()) { continue; }
    const range = document.createRange();
    range.selectNodeContents(label);
    const tops = new Set([...range.getClientRects()].filter((r) => r.width > 1)
      .map((r) => Math.round(r.top)));
    if (tops.size > 1) {
      report(`the label of ${describe(key)} takes ${tops.size} lines (one at most)`);
    }
  }
  // SVG shapes (a bar of a chart) must not lie over text either.
  for (const shape of root.querySelectorAll("svg rect")) {
    if (!shown(shape)) { continue; }
    const box = shape.getBoundingClientRect();
    for (const { el, rect } of texts) {
      if (el.closest("svg") === shape.closest("svg") && overlap(rect, box)) {
        report(`the text of ${describe(el)} lies under a shape of its drawing`);
      }
    }
  }
  return problems;
}
