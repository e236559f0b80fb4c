"""Data exchange: exports (CSV+HXL, XLSX, GeoJSON, JSON), bulk import, situation reports, history
("as reported on"), the change feed, backup and restore. Pure Django code, no app of its own: it reads
and writes the other apps' models through their selectors and services and the access rule."""
