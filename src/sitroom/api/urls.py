"""/api/: one route per kind (named as in sitroom.exchange.kinds), token, change feed, schema and docs."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.routers import DefaultRouter

from sitroom.exchange.kinds import KINDS

from .apis import ChangesView, ExportView, SitrepView, viewset_for


class Router(DefaultRouter):
    # No `.json` suffix routes: `?format=json` does the same, and DRF's @action methods do not take `format`.
    include_format_suffixes = False


router = Router()
for _kind in KINDS.values():
    router.register(_kind.name, viewset_for(_kind), basename=_kind.name)

urlpatterns = [
    path("token/", ObtainAuthToken.as_view(), name="api-token"),
    path("changes/", ChangesView.as_view(), name="api-changes"),
    path("export/<str:kind>/", ExportView.as_view(), name="api-export"),
    path("sitrep/", SitrepView.as_view(), name="api-sitrep"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api-schema"), name="api-redoc"),
    path("", include(router.urls)),
]
