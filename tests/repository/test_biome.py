"""The JavaScript is formatted and linted by Biome (biome.json: lines of at
most 88 characters, like the Python side, and Biome's recommended rules);
a failure shows Biome's report."""

from __future__ import annotations

import subprocess

import pytest

from workbench.repository import ROOT

BIOME = ROOT / "node_modules" / ".bin" / "biome"


def test_biome_finds_nothing_to_change():
    if not BIOME.exists():
        pytest.fail("Biome is missing: run `npm ci --ignore-scripts`")
    run = subprocess.run([BIOME, "ci", "--colors=off"], cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-6000:]
