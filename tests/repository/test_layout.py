"""Every folder of tests/ is collected: pytest skips folders its
``norecursedirs`` names (``build`` among its defaults), silently."""

from __future__ import annotations

from fnmatch import fnmatch

import pytest

from workbench.repository import ROOT


def test_no_test_folder_is_one_pytest_skips(pytestconfig: pytest.Config):
    skipped = pytestconfig.getini("norecursedirs")
    folders = [folder.name for folder in (ROOT / "tests").iterdir()
               if folder.is_dir() and any(folder.glob("test_*"))]
    assert folders
    assert not [name for name in folders
                if any(fnmatch(name, pattern) for pattern in skipped)], skipped
