"""What the tests share: log-in, factories, form data, geometry, survey rounds, the
permission matrices, browser helpers and paths. Fixtures stay in conftest.py."""
