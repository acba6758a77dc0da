"""The course's build, Material's way: the MkDocs plugin (plugin.py) and its
typed config (config.py), the lesson model (lessons.py), the Markdown
extensions (markdown/), the notebooks (notebooks/), the stamp and the embed."""
