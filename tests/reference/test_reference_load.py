import json

import pytest

from sitroom.errors import InputError
from sitroom.reference.models import Indicator, Organization, Place, PlaceName
from sitroom.reference.selectors import organization_find, place_find
from sitroom.reference.services import DATA_DIR, reference_load

pytestmark = pytest.mark.django_db


def test_reference_load_brings_every_place_indicator_and_organisation():
    summary = reference_load()
    gazetteer = json.loads((DATA_DIR / "gazetteer.json").read_text())
    assert Place.objects.count() == len(gazetteer) == summary.places
    assert Indicator.objects.count() == len(json.loads((DATA_DIR / "indicators.json").read_text()))
    assert Organization.objects.filter(key="ihrc").exists()
    assert Organization.objects.get(key="ihrc").parent.key == "ru-peacekeeping-contingent"


def test_reloading_reference_data_changes_nothing():
    reference_load()
    counts = (Place.objects.count(), PlaceName.objects.count(), Organization.objects.count(), Indicator.objects.count())
    history = Place.history.count()
    reference_load()
    assert (Place.objects.count(), PlaceName.objects.count(), Organization.objects.count(), Indicator.objects.count()) == counts
    # update_or_create saves again, but no new place or variant appears.
    assert Place.history.filter(history_type="+").count() == Place.objects.count()
    assert history <= Place.history.count()


@pytest.mark.parametrize(
    "variant",
    ["Stepanakert", "Khankendi", "Ստեփանակերտ", "Степанакерт", "STEPANAKERT", "  stepanakert "],
)
def test_a_place_is_found_by_any_of_its_names_in_any_script(variant):
    reference_load()
    place = place_find(variant)
    assert place is not None and place.key == "stepanakert"


def test_every_party_name_is_shown_for_a_place():
    reference_load()
    shown = Place.objects.get(key="stepanakert").all_names
    for script_sample in ("Stepanakert", "Ստեփանակերտ", "Степанакерт"):
        assert script_sample in shown


def test_organisation_found_by_alias():
    reference_load()
    assert organization_find("Russian Emergencies Ministry").key == "ru-emercom"
    assert organization_find("icrc").key == "icrc"
    assert organization_find("no such body") is None


def test_a_broken_data_file_is_named_in_the_error(tmp_path):
    for name in ("indicators.json", "organizations.json"):
        (tmp_path / name).write_text((DATA_DIR / name).read_text())
    (tmp_path / "gazetteer.json").write_text("[{broken")
    with pytest.raises(InputError, match="gazetteer.json: not valid JSON"):
        reference_load(data_dir=tmp_path)


def test_an_unknown_parent_is_refused_and_nothing_is_stored(tmp_path):
    for name in ("indicators.json", "organizations.json"):
        (tmp_path / name).write_text((DATA_DIR / name).read_text())
    (tmp_path / "gazetteer.json").write_text(
        json.dumps([{"id": "x", "kind": "town", "parent": "nowhere", "lat": 1, "lon": 1, "names": {"en": ["X"]}}])
    )
    with pytest.raises(InputError, match="unknown parent 'nowhere'"):
        reference_load(data_dir=tmp_path)
    assert Place.objects.count() == 0
