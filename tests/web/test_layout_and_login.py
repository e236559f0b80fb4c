import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_healthz_answers_without_login(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_anonymous_visitor_is_sent_to_the_login_page(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_login_page_has_labelled_fields_and_no_inline_script(client):
    html = client.get(reverse("login")).content.decode()
    assert '<label for="id_username">' in html
    assert '<label for="id_password">' in html
    assert "<script>" not in html and "style=" not in html


def test_logging_in_then_out(client, django_user_model):
    django_user_model.objects.create_user("ana", password="a-long-password", role="analyst")
    response = client.post(reverse("login"), {"username": "ana", "password": "a-long-password"})
    assert response.status_code == 302
    page = client.get(reverse("dashboard")).content.decode()
    assert 'href="#main"' in page and 'aria-label="Main"' in page
    assert client.get(reverse("logout")).status_code == 405  # logout is a POST (CSRF-protected form)
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(reverse("dashboard")).status_code == 302


def test_wrong_password_is_refused_with_a_message(client, django_user_model):
    django_user_model.objects.create_user("ana", password="a-long-password")
    response = client.post(reverse("login"), {"username": "ana", "password": "wrong-password"})
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
