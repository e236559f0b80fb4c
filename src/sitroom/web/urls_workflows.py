"""Pages of the workflow records (engineer O): consignments, shelters, demining, incidents, sites, agreements.

The navigation's Records menu shows these URL names when they exist: incident_list, consignment_list,
shelter_list, demining_list, site_list, agreement_list; and the Sitrep link: sitrep."""

from django.urls import path

from sitroom.web.views.workflows import (
    activities,
    agreements,
    aid,
    demining,
    incidents,
    people,
    reconstruction,
    sites,
)

urlpatterns = [
    path("incidents/", incidents.incident_list, name="incident_list"),
    path("incidents/new/", incidents.incident_new, name="incident_new"),
    path("incidents/<int:pk>/", incidents.incident_detail, name="incident_detail"),
    path("incidents/<int:pk>/position/", incidents.incident_position, name="incident_position"),
    path("incidents/<int:pk>/merge/", incidents.incident_merge, name="incident_merge"),
    path("consignments/", aid.consignment_list, name="consignment_list"),
    path("consignments/new/", aid.consignment_new, name="consignment_new"),
    path("consignments/<int:pk>/", aid.consignment_detail, name="consignment_detail"),
    path("consignments/<int:pk>/status/", aid.consignment_transition, name="consignment_transition"),
    path("needs/new/", aid.need_new, name="need_new"),
    path("shelters/", people.shelter_list, name="shelter_list"),
    path("shelters/new/", people.shelter_new, name="shelter_new"),
    path("shelters/<int:pk>/", people.shelter_detail, name="shelter_detail"),
    path("shelters/<int:pk>/occupancy/", people.shelter_occupancy, name="shelter_occupancy"),
    path("evacuations/new/", people.evacuation_new, name="evacuation_new"),
    path("returns/new/", people.return_new, name="return_new"),
    path("demining/", demining.demining_list, name="demining_list"),
    path("demining/areas/new/", demining.hazardous_area_new, name="hazardous_area_new"),
    path("demining/areas/<int:pk>/", demining.hazardous_area_detail, name="hazardous_area_detail"),
    path("demining/areas/<int:pk>/tasks/", demining.clearance_task_new, name="clearance_task_new"),
    path("reconstruction/", reconstruction.reconstruction_list, name="reconstruction_list"),
    path("reconstruction/new/", reconstruction.reconstruction_new, name="reconstruction_new"),
    path("reconstruction/<int:pk>/status/", reconstruction.reconstruction_status, name="reconstruction_status"),
    path("sites/", sites.site_list, name="site_list"),
    path("sites/new/", sites.site_new, name="site_new"),
    path("sites/<int:pk>/", sites.site_detail, name="site_detail"),
    path("sites/<int:pk>/inspections/", sites.site_inspection, name="site_inspection"),
    path("agreements/", agreements.agreement_list, name="agreement_list"),
    path("agreements/<int:pk>/", agreements.agreement_detail, name="agreement_detail"),
    path("agreements/<int:pk>/terms/<int:term_pk>/", agreements.agreement_term_status, name="agreement_term_status"),
    path("meetings/new/", agreements.meeting_new, name="meeting_new"),
    path("3w/", activities.three_w, name="three_w"),
    path("3w.csv", activities.three_w_csv, name="three_w_csv"),
    path("activities/new/", activities.activity_new, name="activity_new"),
]
