"""Driving the shape explorer in a browser tab, for the explorer's tests:
open a page and wait for its widgets, type into a field, read what shows."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from playwright.sync_api import Page

from browser.tour import EXPLORERS_BUILT
from support.recorder import RecordedPage


def open_explorers(page: Page, url: str) -> None:
    """Open ``url`` and wait until its explorers are built: their module
    loads after the page's load event and builds them once their stylesheet
    has loaded, so waiting for the network to idle is not needed."""
    page.goto(url, wait_until="load")
    page.wait_for_function(EXPLORERS_BUILT)


def field(page: Page, name: str):
    return page.locator(f".conv-explorer [name={name}]").first


def type_into(page: Page, name: str, text: str, paste: bool = False) -> None:
    """Focus a field and replace its text with keystrokes (or one paste)."""
    field(page, name).focus()
    page.keyboard.press("Control+A")
    if not text:
        page.keyboard.press("Backspace")
    elif paste:
        page.keyboard.insert_text(text)
    else:
        page.keyboard.type(text)


def result_shown(page: Page) -> bool:
    """Whether a shape, formulas and strips are on screen (and read out)."""
    shown = [page.locator(selector).first.is_visible()
             for selector in (".cx-shape", ".cx-result")]
    assert shown[0] == shown[1]
    return shown[0]


def shown_shape(page: Page) -> tuple[int, ...]:
    assert result_shown(page)
    return ast.literal_eval(page.locator(".cx-shape").first.text_content())


def copied_code(page: Page) -> str:
    page.locator("[data-copy]").first.focus()
    page.keyboard.press("Enter")
    page.locator(".cx-copied", has_text="Copied").first.wait_for()
    return page.evaluate("navigator.clipboard.readText()")


def explorer_page(site_page: RecordedPage) -> Iterator[RecordedPage]:
    """The explorer page, then a check for console errors and foreign
    requests: the body of each explorer test file's ``explorer`` fixture."""
    site_page.page.context.grant_permissions(["clipboard-read",
                                              "clipboard-write"])
    open_explorers(site_page.page, site_page.recorder.site_url + "explorer/")
    yield site_page
    assert site_page.console_errors == []
    assert site_page.foreign_requests() == []


def drawn_unseen(page: Page) -> list[list[int]]:
    """[rows, columns]: the input cells each strip draws red."""
    return page.locator(".cx-svg svg").evaluate_all("""svgs => svgs.map(svg =>
        [...svg.querySelectorAll("rect:not(.pad)")].flatMap((cell, i) =>
            cell.classList.contains("unseen") ? [i] : []))""")


def form_config(page: Page, root: str = ".conv-explorer") -> dict:
    """The configuration a widget's fields hold, as torch_oracle takes it."""
    v = page.locator(root).first.evaluate("""w => Object.fromEntries(
        [...w.querySelector("form").elements].filter(e => e.name)
        .map(e => [e.name, e.type === "checkbox" ? e.checked : e.value]))""")
    number = {key: int(value) for key, value in v.items()
              if key not in ("pad", "mode", "bias")}
    return {"input": [number[k] for k in "nchw"], "in_channels": number["i"],
            "out_channels": number["o"],
            "kernel_size": [number["kh"], number["kw"]],
            "stride": [number["sh"], number["sw"]],
            "padding": ([number["ph"], number["pw"]] if v["pad"] == "numbers"
                        else v["pad"]),
            "dilation": [number["dh"], number["dw"]], "groups": number["g"],
            "bias": v["bias"], "padding_mode": v["mode"]}


def drawn_grid(page: Page) -> dict:
    """The 2-D picture's input grid: ``read``, ``unseen`` (input cells, as
    (row, column) from 0), ``taps`` and ``pad`` (padded cells) and ``copies``
    (padded cell -> the input cell its title says it copies)."""
    width, cells = page.locator(".cx-input").first.evaluate(
        """grid => [Number(grid.parentElement.style.getPropertyValue("--n")),
                    [...grid.children].map(cell => [cell.className, cell.title])]""")
    kinds = {divmod(n, width): (kind.split(), title)
             for n, (kind, title) in enumerate(cells)}
    real = [cell for cell, (kind, _) in kinds.items() if "pad" not in kind]
    top, left = min(r for r, _ in real), min(c for _, c in real)

    def having(name: str, padded: bool = False) -> set[tuple[int, int]]:
        return {(r, c) if padded else (r - top, c - left)
                for (r, c), (kind, _) in kinds.items() if name in kind}
    return {"read": having("read"), "unseen": having("unseen"),
            "taps": having("tap", padded=True), "pad": having("pad", padded=True),
            "copies": {cell: ast.literal_eval(title.removeprefix("copy of input "))
                       for cell, (_, title) in kinds.items() if title}}
