"""A small operation in which every kind of record exists once per visibility variant (public, partners,
internal, each party's internal submission, joint monitoring), with users of every role in every
organisation access group. The access matrix and the header tests request every URL against it.

`expected_visible` is written out here by hand from the rule stated in the issue (not computed with
sitroom.access), so the matrix checks the code against the rule rather than against itself."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

from django.db import models

from sitroom.accounts.models import User
from sitroom.evidence.models import Claim, Source
from sitroom.operations import models as ops
from sitroom.reference.models import Indicator, Organization, Person, Place

ROLES = ("viewer", "analyst", "editor", "admin")
GROUPS = ("operation", "partner", "party_a", "party_b")

# variant -> (sensitivity, submitting organisation, joint monitoring)
VARIANTS: dict[str, tuple[str, str, bool]] = {
    "public": ("public", "operation", False),
    "partners": ("partners", "partner", False),
    "internal": ("internal", "operation", False),
    "party_a_own": ("internal", "party_a", False),
    "party_b_own": ("internal", "party_b", False),
    "joint": ("internal", "party_b", True),
}

# The rule of issue 6, item 10, by hand.
EXPECTED_VISIBLE: dict[str, set[str]] = {
    "operation": set(VARIANTS),
    "partner": {"public", "partners"},
    "party_a": {"public", "party_a_own", "joint"},
    "party_b": {"public", "party_b_own", "joint"},
}

# Text no one but the note's own party (and the operation) may read.
NOTE_MARK = {"party_a": "NOTE-OF-PARTY-A-INTERNAL", "party_b": "NOTE-OF-PARTY-B-INTERNAL"}


def mark(model: str, variant: str) -> str:
    """A unique word put into a record's title/name/note, searched for in pages and exports."""
    return f"zq{model}{variant.replace('_', '')}zq"


@dataclass
class World:
    orgs: dict[str, Organization]
    users: dict[tuple[str, str], User]  # (role, group) -> user
    records: dict[str, dict[str, models.Model]] = field(default_factory=dict)  # model key -> variant -> record
    extra: dict[str, models.Model] = field(default_factory=dict)

    def user(self, role: str, group: str = "operation") -> User:
        return self.users[(role, group)]

    def record(self, model_key: str, variant: str = "public") -> models.Model:
        return self.records[model_key][variant]

    def model_key_of(self, model: type[models.Model]) -> str | None:
        for key, by_variant in self.records.items():
            if type(next(iter(by_variant.values()))) is model:
                return key
        return None


def build_world() -> World:
    spec = {
        "operation": ("sec-operation", "Security test centre", "response_centre", "operation"),
        "partner": ("sec-partner", "Security test agency", "agency", "partner"),
        "party_a": ("sec-party-a", "Security test party A", "party", "party"),
        "party_b": ("sec-party-b", "Security test party B", "party", "party"),
    }
    orgs = {g: Organization.objects.get_or_create(key=k, defaults={"name": n, "kind": kd, "access_group": ag})[0]
            for g, (k, n, kd, ag) in spec.items()}
    users = {}
    for group in GROUPS:
        for role in ROLES:
            user = User(username=f"sec-{role}-{group}", role=role, organization=orgs[group])
            user.set_unusable_password()
            user.save()
            users[(role, group)] = user
    world = World(orgs=orgs, users=users)
    indicator, _ = Indicator.objects.get_or_create(code="people.returned", defaults={"name": "People returned", "unit": "people"})
    place = Place.objects.get_or_create(key="sec-town", defaults={"name": "Security Town", "kind": "town", "lat": 39.8, "lon": 46.7})[0]
    other = Place.objects.get_or_create(key="sec-village", defaults={"name": "Security Village", "kind": "village", "lat": 39.7, "lon": 46.6})[0]
    person = Person.objects.get_or_create(name="Security Person", defaults={"organization": orgs["partner"]})[0]
    world.extra.update(indicator=indicator, place=place, other_place=other, person=person)
    day = dt.date(2021, 11, 20)
    for variant, (sensitivity, org_name, joint) in VARIANTS.items():
        common = {"sensitivity": sensitivity, "submitted_by_org": orgs[org_name], "joint_monitoring": joint}
        add = lambda key, obj, v=variant: world.records.setdefault(key, {}).__setitem__(v, obj)  # noqa: E731
        m = lambda key, v=variant: mark(key, v)  # noqa: E731
        text = f"Report {m('source')}: 1,200 people returned to Security Town on 20 November 2021."
        data = text.encode()
        source = Source.objects.create(content_hash=hashlib.sha256(data).hexdigest(), original=data, text=text,
                                       title=m("source"), outlet="Security outlet", published=day, language="en",
                                       filename=f"{m('source')}.txt", **common)
        add("source", source)
        phrase = "1,200 people returned"
        start = text.index(phrase)
        claim = Claim.objects.create(source=source, kind="figure", start=start, end=start + len(phrase), text=phrase,
                                     payload={"value": 1200, "indicator": "people.returned", "unit": "people",
                                              "date_of_fact": day.isoformat(), "place": "Security Town"})
        add("claim", claim)
        add("observation", ops.Observation.objects.create(indicator=indicator, value=1200, date=day, place=place,
                                                          claim=claim, source=source, what=m("observation"),
                                                          note=m("observation"), **common))
        event = ops.Event.objects.create(kind="incident", incident_kind="shooting", title=m("event"), date=day, **common)
        event.places.set([place])
        for party in ("party_a", "party_b"):
            ops.EventPosition.objects.create(event=event, organization=orgs[party], position="disputed",
                                             note=NOTE_MARK[party], note_internal=True)
        add("event", event)
        add("activity", ops.Activity.objects.create(title=m("activity"), organization=orgs["partner"], sector="demining",
                                                    place=place, start=day, status="ongoing", **common))
        consignment = ops.Consignment.objects.create(reference=m("consignment"), donor=orgs["partner"], destination=place,
                                                     origin=other, planned_on=day, note=m("consignment"), **common)
        ops.ConsignmentItem.objects.create(consignment=consignment, kind="flour", quantity=10, unit="t", weight_tons=10)
        add("consignment", consignment)
        add("needs", ops.NeedsAssessment.objects.create(place=place, sector="food", item_kind=m("needs"), quantity_requested=5,
                                                        assessed_on=day, **common))
        area = ops.HazardousArea.objects.create(name=m("hazardousarea"), place=place, estimated_area_m2=5000, **common)
        add("hazardousarea", area)
        add("clearancetask", ops.ClearanceTask.objects.create(area=area, organization=orgs["partner"], team=m("clearancetask"),
                                                              start=day, **common))
        shelter = ops.Shelter.objects.create(name=m("shelter"), place=place, capacity=100, occupancy=10, **common)
        add("shelter", shelter)
        add("evacuation", ops.Evacuation.objects.create(origin=other, destination=place, shelter=shelter, date=day, people=12,
                                                        note=m("evacuation"), **common))
        add("returnmovement", ops.ReturnMovement.objects.create(destination=place, origin=other, date=day, people=30,
                                                                note=m("returnmovement"), **common))
        add("reconstructionobject", ops.ReconstructionObject.objects.create(name=m("reconstructionobject"), kind="house",
                                                                            place=place, **common))
        site = ops.Site.objects.create(name=m("site"), kind="church", place=place, **common)
        ops.SiteInspection.objects.create(site=site, date=day, condition="protected", note=m("site"))
        add("site", site)
        agreement = ops.Agreement.objects.create(title=m("agreement"), signed_on=day, **common)
        ops.AgreementTerm.objects.create(agreement=agreement, number="1", text=m("agreement"))
        add("agreement", agreement)
        add("meeting", ops.Meeting.objects.create(title=m("meeting"), date=day, place=place, agreement=agreement, **common))
    return world
