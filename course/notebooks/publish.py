"""The built notebooks, laid out as the notebooks branch holds them.

The Pages workflow (.github/workflows/pages.yml) runs this after its strict
build, then pushes the folder as the branch Colab opens the notebooks from:

    python -m course.notebooks.publish SITE FOLDER

It copies every lesson's two notebooks byte for byte from the built site
(the solutions with the outputs the build ran, the practice clean) into
FOLDER, each under its file name, with a README, and prints the repository
and branch of mkdocs.yml's course plugin as ``name=value`` lines for the
workflow's $GITHUB_OUTPUT: the links of the site and the branch the
workflow pushes come from that one setting. The lessons and the setting
are the plugin's own, from mkdocs.yml as MkDocs loads and checks it.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from mkdocs.config import load_config

from course.lessons import VARIANTS, Lesson

README = """\
# The Conv2d shapes course's notebooks

Every lesson's practice and solutions notebooks, as the site build wrote
them (the solutions run, with their outputs), for the site's "Open in
Colab" links. The Pages workflow replaces this branch on each push to
main: edit the lessons on main, never these files.
"""


def publish(lessons: list[Lesson], site: Path, folder: Path) -> list[Path]:
    """Copy the built notebooks into ``folder``; the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = [folder / "README.md"]
    written[0].write_text(README, encoding="utf-8")
    for lesson in lessons:
        for variant in VARIANTS:
            built = site / lesson.download_uri(variant)
            if not built.is_file():
                raise SystemExit(f"{built}: not in the built site (build it "
                                 "first: mkdocs build --strict)")
            written.append(Path(shutil.copyfile(
                built, folder / lesson.notebook_file(variant))))
    return written


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m course.notebooks.publish",
        description="Copy the built notebooks into the notebooks branch's folder.")
    parser.add_argument("site", type=Path, help="the built site (mkdocs build)")
    parser.add_argument("folder", type=Path, help="the branch's files go here")
    parser.add_argument("--config-file", default="mkdocs.yml",
                        help="the site's configuration (default: %(default)s)")
    arguments = parser.parse_args(argv)
    config = load_config(arguments.config_file)
    plugin = config.plugins["course"]
    publish(plugin.site_lessons(config), arguments.site, arguments.folder)
    branch = plugin.notebook_branch()
    print(f"repository={branch.repository}\nbranch={branch.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
