"""The Python-Markdown extensions, and ``structure``: the one page reader."""
