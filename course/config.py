"""The course plugin's options (mkdocs.yml, under ``plugins: - course``)."""

import re

from mkdocs.config import base
from mkdocs.config import config_options as options


class Matching(options.Type):
    """A string of a given form, or a message that shows the form."""

    def __init__(self, pattern: str, form: str, **kwargs) -> None:
        super().__init__(str, **kwargs)
        self.pattern, self.form = re.compile(pattern), form

    def run_validation(self, value: object) -> str:
        value = super().run_validation(value)
        if not self.pattern.fullmatch(value):
            raise base.ValidationError(f"expected {self.form}, got {value!r}")
        return value


class CourseConfig(base.Config):
    snippets = options.Type(str, default="snippets")  # next to mkdocs.yml
    cache = options.Type(str, default=".cache/notebooks")
    # Where the Pages workflow publishes the built notebooks and where "Open
    # in Colab" opens them: github.com/<notebooks_repository>, on its
    # branch <notebooks_branch> (course/notebooks/publish.py).
    notebooks_repository = Matching(r"[\w.-]+/[\w.-]+", "owner/name of a "
                                    "GitHub repository")
    notebooks_branch = Matching(r"[\w.-]+", "a branch name (letters, digits, "
                                "'.', '_', '-')")
