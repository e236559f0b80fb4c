"""Pages for situation reports, exports and imports (engineer A)."""

from django.urls import path

from sitroom.web.views import exchange

urlpatterns = [
    path("sitrep/", exchange.sitrep, name="sitrep"),
    path("export/", exchange.export, name="export"),
    path("import/", exchange.import_page, name="import"),
]
