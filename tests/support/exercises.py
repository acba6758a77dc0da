"""What the exercise and notebook tests share about an exercise."""

from __future__ import annotations

import re

from course.lessons import Lesson

BLANK = re.compile(r"^(?P<name>\w+) = \.\.\.", re.M)
MISSING = "Missing: write your"  # what a check prints for an answer left blank
CORRECT = "Correct: ("  # what it prints for a right answer, then the shape
# What every failed check says: what is wrong, in one line.
TOLD = re.compile(r"your [^\n]+; the exercise asks for [^\n]+")


def blank_name(lesson: Lesson) -> str:
    """The name the exercise's blank assigns (``to_32_maps = ...``)."""
    return BLANK.search(lesson.section("blank"))["name"]
