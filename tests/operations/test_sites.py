import datetime as dt

import pytest

from sitroom.errors import NotFound, ValidationError
from sitroom.operations.services.sites import (
    site_all_names,
    site_create,
    site_inspections,
    site_record_inspection,
    site_update,
    sites,
)


@pytest.fixture
def dadivank(analyst, place, org):
    return site_create(
        user=analyst, name="Dadivank monastery", kind="monastery", religion="Armenian Apostolic", place=place("dadivank"),
        names={"en": ["Dadivank"], "hy": ["Դադիվանք"], "ru": ["Дадиванк"], "az": ["Xudavəng"]},
        protection_status="protected", protected_by=org("ru-peacekeeping-contingent"),
    )


def test_site_takes_the_place_coordinates_and_shows_every_partys_name(dadivank, place):
    assert (dadivank.lat, dadivank.lon) == (place("dadivank").lat, place("dadivank").lon)
    assert site_all_names(dadivank) == "Dadivank / Դադիվանք / Дадиванк / Xudavəng"


def test_latest_inspection_sets_the_status_and_a_late_older_one_does_not(analyst, dadivank, org):
    site_record_inspection(user=analyst, site=dadivank, date=dt.date(2020, 11, 28), condition="at_risk", inspector=org("ru-peacekeeping-contingent"), note="fence broken")
    dadivank.refresh_from_db()
    assert dadivank.protection_status == "at_risk"
    site_record_inspection(user=analyst, site=dadivank, date=dt.date(2020, 11, 20), condition="protected")
    dadivank.refresh_from_db()
    assert dadivank.protection_status == "at_risk"
    assert [i.date.day for i in site_inspections(user=analyst, site=dadivank)] == [28, 20]


def test_inspection_rules(analyst, dadivank):
    with pytest.raises(ValidationError) as err:
        site_record_inspection(user=analyst, site=dadivank, date=dt.date(2020, 11, 28), condition="fine")
    assert err.value.field == "condition"
    with pytest.raises(ValidationError) as err:
        site_record_inspection(user=analyst, site=dadivank, date=dt.date.today() + dt.timedelta(days=1), condition="protected")
    assert err.value.field == "date"


def test_site_rules_and_visibility(analyst, party_am, place):
    with pytest.raises(ValidationError) as err:
        site_create(user=analyst, name="X", kind="mosque", place=place("aghdam"), lat=40.0)
    assert err.value.field == "lat"
    internal = site_create(user=analyst, name="Aghdam mosque", kind="mosque", place=place("aghdam-mosque"), sensitivity="internal")
    assert internal not in sites(party_am) and internal in sites(analyst)


def test_changing_a_sites_register_entry_keeps_its_protection(analyst, dadivank):
    site_update(user=analyst, site=dadivank, names={"en": " Dadivank monastery ", "fr": ["Dadivank"]}, lat=40.16, lon=46.29,
                note="bell tower restored in 2004")
    dadivank.refresh_from_db()
    assert dadivank.names == {"en": ["Dadivank monastery"], "fr": ["Dadivank"]}
    assert (dadivank.lat, dadivank.lon, dadivank.protection_status) == (40.16, 46.29, "protected")
    assert dadivank.history.first().history_change_reason == "updated"


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"name": ""}, "name"),
        ({"kind": "castle"}, "kind"),
        ({"place": None}, "place"),
        ({"names": ["Dadivank"]}, "names"),
        ({"names": {"armenian-old": "Դադիվանք"}}, "names"),
        ({"lat": None}, "lat"),  # longitude without latitude
        ({"lat": 95.0}, "lat"),
        ({"lon": "east"}, "lon"),
        ({"protection_status": "damaged"}, "protection_status"),  # through inspections and site_set_protection
        ({"sensitivity": "hidden"}, "sensitivity"),
    ],
)
def test_a_site_change_with_bad_input_names_the_field_and_stores_nothing(analyst, dadivank, refused, changes, field):
    assert refused(dadivank, site_update, user=analyst, site=dadivank, **changes).field == field


def test_a_party_cannot_change_a_site_it_cannot_see(analyst, party_am, place):
    internal = site_create(user=analyst, name="Aghdam mosque", kind="mosque", place=place("aghdam-mosque"), sensitivity="internal")
    with pytest.raises(NotFound):
        site_update(user=party_am, site=internal, name="Juma mosque")
    internal.refresh_from_db()
    assert internal.name == "Aghdam mosque"
