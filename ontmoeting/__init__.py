"""Ontmoeting: the register of a municipality's ontmoetingsplekken.

The version is kept here only; CHANGELOG.md, publiccode.yml and pyproject.toml say the same
(scripts/check_publiccode.py, run by `make lint`, compares them). It goes to Sentry as the
release and is never shown on a public page or probe.
"""

__version__ = "0.1.0"
RELEASE_DATE = "2026-12-03"
