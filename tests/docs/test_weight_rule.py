"""Lesson 1's weight rule, (out, in, kh, kw), holds for groups=1 only
: wherever the site states it, the same paragraph says so, and
outside the groups lesson it links there for the general rule."""

from __future__ import annotations

import re

from support.pages import pages, prose, relative

RULE = re.compile(r"\(out(?:_channels)?, in(?:_channels)?, kh, kw\)")


def paragraphs(text: str) -> list[str]:
    """Paragraphs, and each row of a table on its own."""
    return [unit for block in re.split(r"\n[ \t]*\n", text)
            for unit in (block.splitlines() if block.lstrip().startswith("|")
                         else [block])]


def test_the_weight_rule_says_it_holds_for_groups_1():
    unqualified = [f"{relative(page)}: {paragraph.strip()[:80]}..."
                   for page in pages() for paragraph in paragraphs(prose(page))
                   if RULE.search(paragraph) and not (
                       "groups=1" in paragraph
                       and (page.name == "groups.md" or "groups.md" in paragraph))]
    assert not unqualified, ("the weight shape (out, in, kh, kw) stated "
                             "without `groups=1` and a link to lessons/groups.md:\n"
                             + "\n".join(unqualified))
