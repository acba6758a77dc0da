"""The GitHub Actions workflows as data, for the tests: jobs, steps, and
their ``if:`` expressions evaluated as GitHub would."""

from __future__ import annotations

import re

import yaml

from workbench.repository import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"


def workflow(name: str) -> dict:
    data = yaml.safe_load((WORKFLOWS / name).read_text())
    data["on"] = data.pop(True)  # YAML 1.1 reads the key `on` as True
    return data


def steps(name: str) -> list[dict]:
    return [step for job in workflow(name)["jobs"].values()
            for step in job.get("steps", [])]


def job_steps(name: str, job: str) -> list[dict]:
    return workflow(name)["jobs"][job]["steps"]


def runs(name: str) -> list[str]:
    return [line.strip() for step in steps(name)
            for line in step.get("run", "").splitlines()]


class Context(dict):
    """An expression context: dot access, and a missing property is ''
    (GitHub's null, which equals '' in an expression)."""

    def __getattr__(self, name: str):
        value = self.get(name, "")
        return Context(value) if isinstance(value, dict) else value


def evaluate(expression: str, **contexts: dict) -> object:
    """One of our workflows' expressions, evaluated as GitHub would: they
    use only contexts, strings, ==, !=, !, &&, || (which return an operand,
    as Python's and/or do), parentheses and cancelled()."""
    python = expression.strip().removeprefix("${{").removesuffix("}}")
    python = re.sub(r"!(?!=)", " not ", python)
    python = python.replace("&&", " and ").replace("||", " or ")
    assert set(re.findall(r"\w+\(", python)) <= {"cancelled("}, expression
    names = {name: Context(value) for name, value in contexts.items()}
    return eval(python, {"__builtins__": {}, "cancelled": lambda: False}, names)
