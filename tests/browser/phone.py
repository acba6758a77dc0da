"""A phone's screen, and what on a page does not fit it.

The site is used at 375 px wide: the page must not scroll sideways, and
nothing in its content may be cut off. A box that scrolls sideways itself
(a code block, a wide formula) is fine: what is inside it can be reached.
"""

from __future__ import annotations

PHONE = {"width": 375, "height": 667}  # CSS pixels: an iPhone SE

# The page's width, and what sticks out past the right edge of the screen or,
# in the page's content, of a box that hides its overflow (it is cut off;
# the header and the drawer shorten long titles with an ellipsis on purpose):
# the outermost element of each, widest first, none inside a box that scrolls.
STICKING_OUT = """() => {
  const screen = document.documentElement.clientWidth;
  // A box's padding may run a few pixels past its clipping box (inline
  // code's, a cell toolbar's) with its text in sight: cut off is more.
  const SLACK = 8;
  const overflow = el => getComputedStyle(el).overflowX;
  // Children of a key: the nearest box around them that does not let
  // their overflow through (null: the page itself).
  const boxes = new Map([[document.body, null]]);
  const box = el => {
    const up = el.parentElement;
    if (!boxes.has(up)) boxes.set(up, overflow(up) !== "visible" ? up : box(up));
    return boxes.get(up);
  };
  const named = el => el.tagName.toLowerCase()
    + [...el.classList].slice(0, 2).map(name => "." + name).join("");
  const found = [];
  for (const el of document.body.querySelectorAll("*")) {
    const cut = box(el);
    if (cut && (/auto|scroll/.test(overflow(cut))
                || !el.closest(".md-content"))) continue;
    const edge = cut ? cut.getBoundingClientRect().right + SLACK : screen + 0.5;
    if (el.getBoundingClientRect().right <= edge
        || el.parentElement.getBoundingClientRect().right > edge) continue;
    found.push({element: named(el),
                within: named(el.parentElement.closest("[class]") || document.body),
                text: el.textContent.replace(/\\s+/g, " ").trim().slice(0, 40),
                right: Math.round(el.getBoundingClientRect().right),
                cut_by: cut && named(cut)});
  }
  found.sort((a, b) => b.right - a.right);
  return {width: document.documentElement.scrollWidth, sticking_out: found.slice(0, 5)};
}"""
