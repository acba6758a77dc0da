"""The course's build: one MkDocs plugin (plugin.py), the lesson model
(lessons.py) and Python-Markdown extensions (includes, formulas, mathml)."""
