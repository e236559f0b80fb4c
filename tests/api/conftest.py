"""Fixtures for API tests: the exchange tests' reference data, users and seeded period (one definition)."""

from exchange.fixtures import analyst, editor, partner, reference, seeded, viewer  # noqa: F401
