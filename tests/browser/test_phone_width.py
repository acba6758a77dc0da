"""Every page fits a phone's screen, 375 px wide (the site tour, tour.py,
looks with the solutions open): the page does not scroll sideways and none
of its content is cut off. Code blocks and wide formulas scroll in a box of
their own (their keyboard access: test_accessibility.py's "phone" run).

The last tests check the check on a page made up on the spot."""

from __future__ import annotations

from browser.phone import PHONE, STICKING_OUT


def misfits(found: dict, where: str) -> list[str]:
    """What does not fit, one line each: the page's width if too wide, then
    each element that sticks out or is cut off (empty if the page fits)."""
    cut = [item for item in found["sticking_out"] if item["cut_by"]]
    if found["width"] <= PHONE["width"] and not cut:
        return []
    lines = [f"{where}: {found['width']} px wide on a {PHONE['width']} px screen"]
    for item in found["sticking_out"]:
        how = (f"cut off by {item['cut_by']}" if item["cut_by"]
               else "sticks out of the screen")
        lines.append(f"  {item['element']} in {item['within']} "
                     f"“{item['text']}” reaches {item['right']} px: {how}")
    return lines


def test_every_page_fits_a_phone(site_tour):
    found = [line for path, visit in site_tour.items()
             for line in misfits(visit.phone, f"/{path}")]
    assert not found, "pages that do not fit a phone:\n" + "\n".join(found)


MADE_UP = """<!doctype html><body style="margin: 0">
<p class="long" style="width: 500px">A line no phone shows whole</p>
<pre style="overflow-x: auto"><code style="display: block; width: 900px">
scrolls in its own box</code></pre>
<div class="md-content">
 <div class="cell" style="overflow: hidden"><span class="formula"
  style="display: inline-block; width: 450px"><b>H</b> = 12</span></div>
</div>"""


def test_what_does_not_fit_is_named(site_page):
    site_page.page.route("**/wide.html", lambda route: route.fulfill(
        content_type="text/html", body=MADE_UP))
    site_page.page.set_viewport_size(PHONE)
    site_page.goto("wide.html")
    found = site_page.page.evaluate(STICKING_OUT)
    assert misfits(found, "/wide.html") == [
        "/wide.html: 500 px wide on a 375 px screen",
        "  p.long in body “A line no phone shows whole” reaches 500 px: "
        "sticks out of the screen",
        "  span.formula in div.cell “H = 12” reaches 450 px: cut off by div.cell"]

