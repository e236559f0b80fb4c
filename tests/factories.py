"""factory_boy factories for records, shared by every test area. Add yours; don't rewrite others'."""

from __future__ import annotations

import datetime as dt
import hashlib

import factory
from factory.django import DjangoModelFactory

from sitroom.accounts.models import User
from sitroom.evidence.models import Claim, ClaimKind, Source
from sitroom.operations.models import Event, EventKind, Observation, Verification
from sitroom.reference.models import Indicator, Organization, Place, PlaceName
from sitroom.reference.services import normalize_name


class PlaceFactory(DjangoModelFactory):
    """A place with its English name registered as a lookup variant."""

    class Meta:
        model = Place
        django_get_or_create = ("key",)
        skip_postgeneration_save = True

    key = factory.Sequence(lambda n: f"place-{n}")
    name = factory.Sequence(lambda n: f"Place {n}")
    kind = "village"
    lat = 39.8
    lon = 46.7
    names = factory.LazyAttribute(lambda o: {"en": [o.name]})

    @factory.post_generation
    def variants(self, create, extracted, **kwargs):
        if not create:
            return
        for language, names in (self.names or {}).items():
            for name in names:
                PlaceName.objects.get_or_create(place=self, normalized=normalize_name(name), language=language,
                                                defaults={"name": name})


class OrganizationFactory(DjangoModelFactory):
    class Meta:
        model = Organization
        django_get_or_create = ("key",)

    key = factory.Sequence(lambda n: f"org-{n}")
    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = "agency"
    access_group = "partner"


class IndicatorFactory(DjangoModelFactory):
    class Meta:
        model = Indicator
        django_get_or_create = ("code",)

    code = "people.returned"
    name = factory.LazyAttribute(lambda o: o.code.replace(".", " ").capitalize())
    unit = "people"
    hxl = "#affected+returnees"
    cumulative = True


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    role = "analyst"
    organization = factory.SubFactory(OrganizationFactory, access_group="operation")
    password = factory.django.Password("a-long-test-password")


class SourceFactory(DjangoModelFactory):
    """A stored report; `text` is also its original bytes, so the content hash is consistent."""

    class Meta:
        model = Source

    text = factory.Sequence(lambda n: f"Report {n}: 1,200 people returned to Place {n} on 20 November 2020.")
    original = factory.LazyAttribute(lambda o: o.text.encode("utf-8"))
    content_hash = factory.LazyAttribute(lambda o: hashlib.sha256(o.original).hexdigest())
    filename = factory.Sequence(lambda n: f"report-{n}.txt")
    title = factory.Sequence(lambda n: f"Report {n}")
    outlet = "Test Agency"
    published = dt.date(2020, 11, 21)
    language = "en"
    sensitivity = "partners"


class ClaimFactory(DjangoModelFactory):
    """A proposed figure claim spanning the first `length` characters of its source (or `fragment`)."""

    class Meta:
        model = Claim
        exclude = ("fragment",)

    source = factory.SubFactory(SourceFactory)
    kind = ClaimKind.FIGURE
    fragment = "1,200 people returned"
    start = factory.LazyAttribute(lambda o: max(o.source.text.find(o.fragment), 0))
    end = factory.LazyAttribute(lambda o: o.start + len(o.fragment) if o.fragment in o.source.text else o.start)
    text = factory.LazyAttribute(lambda o: o.source.text[o.start:o.end])
    payload = factory.LazyAttribute(lambda o: {
        "value": 1200, "qualifier": None, "unit": "people", "indicator": "people.returned",
        "what": "people returned", "date_of_fact": "2020-11-20", "place": None,
        "span": [o.start, o.end], "text": o.source.text[o.start:o.end],
    })
    stage = "figures"
    stage_version = "1"
    rule = "test"
    confidence = 0.8


class ObservationFactory(DjangoModelFactory):
    class Meta:
        model = Observation

    indicator = factory.SubFactory(IndicatorFactory)
    value = 1200
    unit = "people"
    date = dt.date(2020, 11, 20)
    verification = Verification.VERIFIED
    sensitivity = "partners"


class EventFactory(DjangoModelFactory):
    class Meta:
        model = Event

    kind = EventKind.MEETING
    title = factory.Sequence(lambda n: f"Meeting {n}")
    date = dt.date(2020, 11, 20)
    sensitivity = "partners"
