"""Pages for imports and exports (engineer A)."""

urlpatterns: list = []
