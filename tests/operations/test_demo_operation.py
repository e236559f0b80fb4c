from collections import Counter

from sitroom.operations.models import Consignment, Event, Observation, Shelter
from sitroom.samples.operation import load_operation_demo


def test_demo_month_fills_every_workflow_feeds_indicators_and_loads_once(analyst):
    added = load_operation_demo(analyst)
    assert all(n > 0 for n in added.values()), added
    statuses = Counter(Consignment.objects.values_list("status", flat=True))
    assert set(statuses) == {"planned", "in_transit", "delivered", "distributed", "cancelled"} and sum(statuses.values()) >= 10
    fed = Counter(Observation.objects.active().filter(derived_type__isnull=False).values_list("indicator__code", flat=True))
    for code in ("people.evacuated", "people.sheltered", "people.returned", "aid.tons_delivered", "demining.area_cleared",
                 "demining.items_destroyed", "infrastructure.restored"):
        assert fed[code] > 0, code
    assert any(s.overcrowded for s in Shelter.objects.all()) or Observation.objects.filter(note__startswith="overcrowded").exists()
    assert Event.objects.filter(kind="incident", merged_into__isnull=False).count() == 1
    assert Event.objects.filter(kind__in=["meeting", "negotiation", "ceasefire_agreement"]).count() == 5
    before = (Observation.objects.count(), Event.objects.count(), Consignment.objects.count())
    again = load_operation_demo(analyst)
    assert set(again.values()) == {0}
    assert (Observation.objects.count(), Event.objects.count(), Consignment.objects.count()) == before
