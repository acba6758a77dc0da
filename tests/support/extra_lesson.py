'''A throwaway fifth lesson, added as the README says a lesson is added:
one Markdown page, one snippet file, one nav line, in a copy of the course.'''

from __future__ import annotations

import re
import shutil
from pathlib import Path

from workbench.repository import ROOT

NAME = "extra"
PAGE = f'''# 5. Extra

A throwaway lesson: a 1 x 1 convolution keeps height and width.

```python
--8<-- "{NAME}.py:demo"
```

## Exercise

Make `conv` map the 3 channels to 5, keeping 7 x 7.

```python
--8<-- "{NAME}.py:exercise"
--8<-- "{NAME}.py:blank"
--8<-- "{NAME}.py:check"
```

??? success "Solution"

    ```python
    --8<-- "{NAME}.py:exercise"
    --8<-- "{NAME}.py:solution"
    --8<-- "{NAME}.py:check"
    ```
'''
SNIPPETS = '''# --8<-- [start:demo]
import torch
from torch import nn
print(nn.Conv2d(3, 5, kernel_size=1)(torch.randn(1, 3, 7, 7)).shape)
# --8<-- [end:demo]

# --8<-- [start:exercise]
import torch
from torch import nn
x = torch.randn(2, 3, 7, 7)
# --8<-- [end:exercise]

# --8<-- [start:blank]
to_5_maps = ...
# --8<-- [end:blank]

# --8<-- [start:solution]
to_5_maps = nn.Conv2d(3, 5, kernel_size=1)
# --8<-- [end:solution]

# --8<-- [start:check]
assert to_5_maps is not ..., "Missing: write your layer in place of the ..."
assert to_5_maps(x).shape == (2, 5, 7, 7), "Expected (2, 5, 7, 7)"
# --8<-- [end:check]

# --8<-- [start:wrong_layers]
to_5_maps = nn.Conv2d(3, 5, kernel_size=3)
# --8<-- [end:wrong_layers]
'''
# What the copy needs to build and to collect the tests (the build reads the
# widgets' shared names from docs/javascripts/widgets.json).
COPIED = ("course", "shapes", "workbench", "tests", "snippets", "docs/javascripts",
          "pyproject.toml")
# The copy's build cache outlives the copy, so that a test run runs the extra
# lesson's solutions notebook only when its code (or torch) changed, as the
# course's own build does; the site build and the raising-cell build prove
# that a build runs its notebooks.
CACHE = ROOT / ".cache" / "extra-lesson"


def extra_lesson_copy(root: Path) -> Path:
    """A copy of the course whose only lesson (and nav line) is the extra one."""
    for name in COPIED:
        copy = shutil.copytree if (ROOT / name).is_dir() else shutil.copy
        copy(ROOT / name, root / name)
    (root / "docs" / "lessons").mkdir(parents=True)
    (root / "docs" / "lessons" / f"{NAME}.md").write_text(PAGE)
    (root / "snippets" / f"{NAME}.py").write_text(SNIPPETS)
    CACHE.mkdir(parents=True, exist_ok=True)
    (root / ".cache").symlink_to(CACHE, target_is_directory=True)
    config = (ROOT / "mkdocs.yml").read_text()
    (root / "mkdocs.yml").write_text(re.sub(
        r"^nav:\n(?:[ -].*\n)+", f"nav:\n  - Extra: lessons/{NAME}.md\n",
        config, count=1, flags=re.M))
    return root
