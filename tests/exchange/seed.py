"""A small seeded period for exchange, API and sitrep tests: reference data, users of each access group,
reports with claims, and the records built from them (each figure with its claim)."""

from __future__ import annotations

import datetime as dt
import hashlib

from sitroom.evidence.models import Claim, Source
from sitroom.operations.models import Activity, Event, Observation
from sitroom.reference.models import Indicator, Organization, Place

PERIOD = (dt.date(2021, 11, 20), dt.date(2021, 11, 30))


def make_source(text: str, *, outlet: str, published: dt.date, sensitivity: str = "partners", title: str = "") -> Source:
    data = text.encode()
    return Source.objects.create(content_hash=hashlib.sha256(data).hexdigest(), original=data, text=text,
                                 title=title or f"{outlet} report", outlet=outlet, published=published,
                                 language="en", sensitivity=sensitivity, filename=f"{outlet}.txt")


def make_figure(source: Source, phrase: str, *, indicator: str, value: float, date: dt.date, place: str | None,
                sensitivity: str = "partners") -> Observation:
    start = source.text.index(phrase)
    claim = Claim.objects.create(source=source, kind="figure", start=start, end=start + len(phrase), text=phrase,
                                 payload={"value": value, "indicator": indicator}, status="accepted")
    return Observation.objects.create(indicator=Indicator.objects.get(code=indicator), value=value, date=date,
                                      place=Place.objects.get(key=place) if place else None, claim=claim,
                                      source=source, sensitivity=sensitivity)


def seed_period() -> dict:
    """Two agencies report returns to Stepanakert (and disagree on one day), a displaced figure, an
    internal figure, an incident and a 3W activity."""
    a = make_source("By 25 November, 48000 people had returned to Stepanakert. Some 2500 people remain displaced.",
                    outlet="TASS", published=dt.date(2021, 11, 25))
    b = make_source("On 29 November a total of 53000 people had returned to Stepanakert, the centre said.",
                    outlet="RIA Novosti", published=dt.date(2021, 11, 29))
    c = make_source("Armenpress: 51000 people had returned to Stepanakert by 29 November.",
                    outlet="Armenpress", published=dt.date(2021, 11, 29), sensitivity="public")
    d = make_source("Internal note: 700 people sheltered in Lachin.", outlet="IHRC", published=dt.date(2021, 11, 26),
                    sensitivity="internal")
    obs = {
        "before": make_figure(a, "48000 people had returned", indicator="people.returned", value=48000,
                              date=dt.date(2021, 11, 25), place="stepanakert"),
        "displaced": make_figure(a, "2500 people remain displaced", indicator="people.displaced", value=2500,
                                 date=dt.date(2021, 11, 25), place="stepanakert"),
        "ria": make_figure(b, "53000 people had returned", indicator="people.returned", value=53000,
                           date=dt.date(2021, 11, 29), place="stepanakert"),
        "armenpress": make_figure(c, "51000 people had returned", indicator="people.returned", value=51000,
                                  date=dt.date(2021, 11, 29), place="stepanakert", sensitivity="public"),
        "internal": make_figure(d, "700 people sheltered", indicator="people.sheltered", value=700,
                                date=dt.date(2021, 11, 26), place="lachin", sensitivity="internal"),
    }
    incident_text = make_source("A shooting near Martuni on 27 November injured one serviceman.", outlet="APA",
                                published=dt.date(2021, 11, 27), sensitivity="public")
    start = incident_text.text.index("A shooting near Martuni")
    claim = Claim.objects.create(source=incident_text, kind="event", start=start, end=start + 23,
                                 text="A shooting near Martuni", payload={"kind": "incident"}, status="accepted")
    event = Event.objects.create(kind="incident", incident_kind="shooting", title="Shooting near Martuni",
                                 date=dt.date(2021, 11, 27), injured_military=1, claim=claim, source=incident_text,
                                 sensitivity="public")
    event.places.set([Place.objects.get(key="martuni")])
    activity = Activity.objects.create(title="Clearance of the Lachin road", sector="demining", status="ongoing",
                                       organization=Organization.objects.get(key="international-demining-center"),
                                       place=Place.objects.get(key="lachin"), start=dt.date(2021, 11, 22))
    return {"sources": [a, b, c, d, incident_text], "observations": obs, "event": event, "activity": activity}
