"""What the exercise and notebook tests share about an exercise."""

from __future__ import annotations

import ast
import re

from course.lessons import Lesson

BLANK = re.compile(r"^(?P<name>\w+) = \.\.\.", re.M)
MISSING = "Missing: write your"  # what a check prints for an answer left blank
CORRECT = "Correct: ("  # what it prints for a right answer, then the shape
# What every failed check says: what is wrong, in one line.
TOLD = re.compile(r"your [^\n]+; the exercise asks for [^\n]+")


def wrong_answers(lesson: Lesson) -> list[str]:
    """The layers of ``wrong_layers``, one statement each."""
    code = lesson.section("wrong_layers")
    return [ast.get_source_segment(code, statement)
            for statement in ast.parse(code).body]


def blank_name(lesson: Lesson) -> str:
    """The name the exercise's blank assigns (``to_32_maps = ...``)."""
    return BLANK.search(lesson.section("blank"))["name"]
