"""What the tests and the benchmarks both use on a checkout of the course:
its paths and configuration (``repository``), the built site served on
127.0.0.1 (``served_site``) and Debian's Chromium (``chromium``).

Neither the build nor a test module: ``course/`` builds any site from
MkDocs' own configuration and ships without it, and a benchmark measures
the course without importing its tests.
"""
