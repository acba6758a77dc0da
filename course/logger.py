"""The course's one logger (MkDocs shows a plugin's under mkdocs.plugins)."""
import logging

log = logging.getLogger("mkdocs.plugins.course")
