"""`sitroom serve` defaults: worker processes scale with the cores (CPU-bound pages), few threads each."""

from __future__ import annotations

from sitroom.cli import build_parser
from sitroom.commands import serve


def _argv(monkeypatch, cpus, **env):
    monkeypatch.setattr(serve.os, "cpu_count", lambda: cpus)
    for name in ("SITROOM_WORKERS", "SITROOM_THREADS"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    argv = serve.gunicorn_argv(build_parser().parse_args(["serve"]))
    return int(argv[argv.index("--workers") + 1]), int(argv[argv.index("--threads") + 1])


def test_two_workers_per_core_with_two_threads_each(monkeypatch):
    assert _argv(monkeypatch, 2) == (4, 2)
    assert _argv(monkeypatch, 1) == (2, 2)
    assert _argv(monkeypatch, None) == (2, 2)


def test_workers_are_capped_and_the_environment_wins(monkeypatch):
    assert _argv(monkeypatch, 32) == (8, 2)
    assert _argv(monkeypatch, 2, SITROOM_WORKERS="3", SITROOM_THREADS="6") == (3, 6)


def test_the_master_loads_the_pipeline_before_forking_workers(monkeypatch):
    from sitroom.commands import gunicorn_hooks

    argv = serve.gunicorn_argv(build_parser().parse_args(["serve"]))
    assert argv[argv.index("--config") + 1] == "python:sitroom.commands.gunicorn_hooks"
    logged = []

    class Server:
        class log:  # noqa: N801 - gunicorn's server.log
            info = staticmethod(logged.append)

    gunicorn_hooks.when_ready(Server())
    assert logged == ["extraction pipeline loaded"]


def test_idle_connections_are_kept_for_the_next_click():
    argv = serve.gunicorn_argv(build_parser().parse_args(["serve"]))
    assert int(argv[argv.index("--keep-alive") + 1]) == serve.KEEP_ALIVE_SECONDS >= 5
