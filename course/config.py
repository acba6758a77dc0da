"""The course plugin's options (mkdocs.yml, under ``plugins: - course``)."""

from mkdocs.config import base
from mkdocs.config import config_options as options


class CourseConfig(base.Config):
    snippets = options.Type(str, default="snippets")  # next to mkdocs.yml
    cache = options.Type(str, default=".cache/notebooks")
