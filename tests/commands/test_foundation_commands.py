import pytest

from sitroom.accounts.models import User
from sitroom.cli import main
from sitroom.reference.models import Place

pytestmark = pytest.mark.django_db(transaction=True)


def test_init_loads_reference_data_and_is_idempotent(capsys):
    assert main(["init"]) == 0
    first = Place.objects.count()
    assert first >= 60
    assert main(["init"]) == 0
    assert Place.objects.count() == first
    assert "reference data" in capsys.readouterr().out


def test_createuser_takes_the_password_from_the_environment(monkeypatch, capsys):
    main(["init", "--quiet"])
    monkeypatch.setenv("SITROOM_PASSWORD", "a long passphrase 1")
    assert main(["createuser", "amira", "--role", "analyst", "--org", "icrc"]) == 0
    user = User.objects.get(username="amira")
    assert user.role == "analyst" and user.organization.key == "icrc"
    assert user.check_password("a long passphrase 1")


def test_createuser_with_an_unknown_organisation_fails_with_a_message(monkeypatch, capsys):
    main(["init", "--quiet"])
    monkeypatch.setenv("SITROOM_PASSWORD", "a long passphrase 1")
    assert main(["createuser", "x", "--role", "viewer", "--org", "nowhere"]) != 0
    assert "no organisation with key 'nowhere'" in capsys.readouterr().err
    assert not User.objects.filter(username="x").exists()


def test_createuser_without_a_password_source_fails_cleanly(monkeypatch, capsys):
    monkeypatch.delenv("SITROOM_PASSWORD", raising=False)
    monkeypatch.setattr("sys.stdin", open("/dev/null"))
    assert main(["createuser", "y", "--role", "viewer"]) != 0
    assert "SITROOM_PASSWORD" in capsys.readouterr().err


def test_serve_builds_a_gunicorn_command_with_host_and_port():
    from sitroom.cli import build_parser
    from sitroom.commands.serve import gunicorn_argv

    args = build_parser().parse_args(["serve", "--host", "0.0.0.0", "--port", "9000"])
    argv = gunicorn_argv(args)
    assert "gunicorn" in argv and "0.0.0.0:9000" in argv and "sitroom.wsgi:application" in argv
