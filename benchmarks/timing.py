"""Side-by-side wall-clock timing of whole commands (shared by benchmarks)."""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import time
from collections.abc import Sequence
from pathlib import Path

Command = Sequence[str]


def runs_option(doc: str) -> int:
    """Parse the ``--runs`` option every benchmark takes (default 5), and
    silence MkDocs' 2.0 notice for the commands timed."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    return parser.parse_args().runs


def wall_time(commands: Sequence[Command], cwd: Path) -> float:
    """Seconds to run ``commands`` one after another.

    pytest's exit code 5 ("no tests ran") is what an empty run gives.
    """
    start = time.perf_counter()
    for command in commands:
        code = subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL).returncode
        if code not in (0, 5):
            print(f"warning: {' '.join(command)} exited {code}; "
                  "its timing is not meaningful")
    return time.perf_counter() - start


def compare(name: str, measured: Sequence[Command], baseline: Sequence[Command],
            cwd: Path, baseline_cwd: Path, runs: int, budget: float,
            warm_up: bool = True) -> bool:
    """Run measured and baseline in turn (A B A B ...) and print the ratio.

    Alternating keeps both sides under the same machine load; the median of
    the pair-by-pair ratios is the figure to quote.
    """
    if warm_up:  # file caches, MkDocs' and the notebooks' caches
        wall_time(measured, cwd)
        wall_time(baseline, baseline_cwd)
    pairs = [(wall_time(measured, cwd), wall_time(baseline, baseline_cwd))
             for _ in range(runs)]
    return report(name, pairs, budget)


def report(name: str, pairs: Sequence[tuple[float, float]], budget: float | None,
           unit: str = "s") -> bool:
    """Print the medians and the median pair-by-pair ratio vs the budget
    (none: a figure for the record), with the middle half of the ratios: on
    a shared machine one run's median can land on either side of a budget."""
    ratios = [a / b for a, b in pairs]
    ratio = statistics.median(ratios)
    a = statistics.median(a for a, _ in pairs)
    b = statistics.median(b for _, b in pairs)
    spread = ""
    if len(ratios) >= 4:
        low, _, high = statistics.quantiles(ratios, n=4)
        spread = f", middle half {low:.2f}-{high:.2f}"
    verdict = ("" if budget is None else
               f" (budget {budget}x, {'within' if ratio <= budget else 'OVER'})")
    print(f"{name}: {a:.2f} {unit} vs {b:.2f} {unit} -> ratio {ratio:.2f}"
          f"{spread}{verdict}")
    return budget is None or ratio <= budget
