"""PyTorch's messages whose words depend on the release.

The shape models (layers.py and the others, and their JavaScript twins)
and the pages speak the words of the newest release this table knows;
``as_printed_by`` gives what an older torch prints instead. The tests
compare what a page or a model says, in the installed torch's words, with
what that torch prints, so a release that rewords a message fails them
until the rewording has its line here. docs/javascripts/shapes/rewordings.js
mirrors this file (tests/model/test_rewordings.py compares them).
"""

from __future__ import annotations

import re
from typing import NamedTuple


class Rewording(NamedTuple):
    since: tuple[int, int]  # the release that changed the words
    now: str  # the message's start from that release on
    before: str  # the same start in the releases before it


REWORDINGS = (
    # nn.Linear's size mismatch names the product that failed: addmm with a
    # bias (bias + input @ weight.T), mm without one.
    Rewording((2, 15), "addmm: mat1 and mat2 shapes cannot be multiplied",
              "mat1 and mat2 shapes cannot be multiplied"),
    Rewording((2, 15), "mm: mat1 and mat2 shapes cannot be multiplied",
              "mat1 and mat2 shapes cannot be multiplied"),
)


def release(version: str) -> tuple[int, int]:
    """(major, minor) of a version string such as ``2.13.0+cpu``."""
    major, minor = re.match(r"(\d+)\.(\d+)", version).groups()
    return int(major), int(minor)


def older_releases(since: tuple[int, int]) -> str:
    """The releases before ``since``, as the pages name them."""
    major, minor = since
    return f"{major}.{minor - 1} and older" if minor else f"before {major}.0"


def as_printed_by(text: str, version: str) -> str:
    """``text``, in the newest release's words, as torch ``version`` prints
    it: each reworded start, where a word begins, in the older words."""
    for rewording in sorted(REWORDINGS, key=lambda r: r.since, reverse=True):
        if release(version) < rewording.since:
            text = re.sub(r"(^|\W)" + re.escape(rewording.now),
                          lambda match, r=rewording: match[1] + r.before, text)
    return text
