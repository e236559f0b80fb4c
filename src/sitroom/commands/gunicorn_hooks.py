"""Gunicorn server hooks of `sitroom serve` (loaded with `-c python:sitroom.commands.gunicorn_hooks`)."""

from __future__ import annotations

# A short report in the shape the pipeline meets every day: a date, a figure, a place, an organisation.
WARM_UP_REPORT = (b"On 12 March 2022 the humanitarian response centre said 4,000 people had returned to "
                  b"Stepanakert, the Russian Defence Ministry said.")


def when_ready(server) -> None:
    """Load the extraction pipeline (lexicons, gazetteer, patterns) once in the master process before the
    workers are forked: they inherit it, so the first report uploaded after a start does not wait for it
    (about 0.75 s of CPU per worker otherwise). The pipeline is pure Python, no database."""
    from sitroom.pipeline import extract_bytes

    extract_bytes(WARM_UP_REPORT, filename="warm-up.txt")
    server.log.info("extraction pipeline loaded")
