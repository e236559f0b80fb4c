"""Pages of the workflow records (engineer O): consignments, shelters, demining, incidents, sites, agreements.

The navigation's Records menu shows these URL names when they exist: incident_list, consignment_list,
shelter_list, demining_list, site_list, agreement_list; and the Sitrep link: sitrep."""

urlpatterns: list = []
