"""Fixtures for exchange tests (defined once in fixtures.py, shared with the API tests)."""

from .fixtures import analyst, editor, partner, reference, seeded, viewer  # noqa: F401
