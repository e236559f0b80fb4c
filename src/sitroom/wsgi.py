"""WSGI entry point for gunicorn (`sitroom serve`)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sitroom.settings")
application = get_wsgi_application()
