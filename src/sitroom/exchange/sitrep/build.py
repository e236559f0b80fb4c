"""Build a situation report for a period (and optionally a place and a past moment) as plain data.

Rules: every figure shown carries numbered citations (a source span, or the record and who entered it);
figures that sources disagree on are shown as a range with the sources of both ends; a section with
nothing in the period says so instead of inventing text. Only what the reader may see is used."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from sitroom.access import can_view
from sitroom.errors import InputError
from sitroom.operations.models.common import LEVEL_INDICATORS

from ..kinds import KINDS
from ..selectors import records_for

SECTIONS = [
    ("security", "Ceasefire and security", ["casualties.killed", "casualties.injured", "personnel.deployed"]),
    ("movements", "Population movements", ["people.displaced", "people.returned", "people.evacuated", "people.sheltered"]),
    ("aid", "Humanitarian aid", ["aid.tons_delivered", "aid.items", "people.assisted"]),
    ("demining", "Demining", ["demining.area_cleared", "demining.items_destroyed"]),
    ("reconstruction", "Reconstruction", ["infrastructure.restored", "facilities.established"]),
    ("coordination", "Coordination (who does what where)", []),
]
KEY_INDICATORS = ["people.returned", "people.displaced", "people.evacuated", "people.sheltered", "casualties.killed",
                  "casualties.injured", "aid.tons_delivered", "demining.area_cleared", "infrastructure.restored"]


def fmt_number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


@dataclass
class Citation:
    number: int
    label: str  # "TASS, 2021-11-25" or "sitroom record: event 12, entered by ana"
    url: str  # /sources/<id>/#claim-<id> or the record's page
    quote: str = ""
    source_id: int | None = None
    claim_id: int | None = None


@dataclass
class Figure:
    indicator: str
    label: str
    place: str
    date: dt.date | None
    low: float
    high: float
    citations: list[int]
    low_citations: list[int] = field(default_factory=list)
    high_citations: list[int] = field(default_factory=list)
    change: float | None = None
    change_since: dt.date | None = None
    change_citations: list[int] = field(default_factory=list)
    change_base: float | None = None  # the earlier value the change is counted from
    cumulative: bool = False  # a running total (returns so far): it should never fall
    unit: str = ""
    recorded: bool = False  # a total of the operation's own records, not a figure a source reported

    @property
    def disputed(self) -> bool:
        return self.low != self.high

    @property
    def value_text(self) -> str:
        if self.disputed:
            return f"{fmt_number(self.low)}–{fmt_number(self.high)}"
        return fmt_number(self.low)


@dataclass
class Item:
    """A line of a section about records (an incident, a delivery...): text and its citations."""

    text: str
    citations: list[int]


@dataclass
class Section:
    key: str
    title: str
    figures: list[Figure] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    table: list[list[str]] = field(default_factory=list)  # 3W rows: organisation, sector, place, status, progress
    table_citations: list[list[int]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.figures or self.items or self.table)


@dataclass
class Chart:
    title: str
    unit: str
    # (date, low, high) per date
    points: list[tuple[dt.date, float, float]]


@dataclass
class Sitrep:
    date_from: dt.date
    date_to: dt.date
    place: str
    as_of: dt.datetime | None
    generated_at: dt.datetime
    key_figures: list[Figure]
    sections: list[Section]
    citations: list[Citation]
    charts: list[Chart]

    @property
    def empty(self) -> bool:
        return all(s.empty for s in self.sections)

    @property
    def title(self) -> str:
        where = f" — {self.place}" if self.place else ""
        return f"Situation report {self.date_from.isoformat()} to {self.date_to.isoformat()}{where}"


class _Citations:
    def __init__(self, user: Any):
        self.user = user
        self.items: list[Citation] = []
        self._index: dict[tuple, int] = {}
        self._source_visible: dict[int, bool] = {}

    def _add(self, key: tuple, make) -> int:
        if key not in self._index:
            citation = make(len(self.items) + 1)
            self.items.append(citation)
            self._index[key] = citation.number
        return self._index[key]

    def _visible_source(self, source) -> bool:
        if source.pk not in self._source_visible:
            self._source_visible[source.pk] = can_view(self.user, source)
        return self._source_visible[source.pk]

    def source(self, source, claim=None) -> int:
        if not self._visible_source(source):
            return self._add(("hidden", source.pk), lambda n: Citation(n, "a source not shared with your organisation", ""))
        label = source.label
        if claim is not None:
            return self._add(("claim", claim.pk), lambda n: Citation(
                n, label, f"/sources/{source.pk}/#claim-{claim.pk}", claim.text, source.pk, claim.pk))
        return self._add(("source", source.pk), lambda n: Citation(n, label, f"/sources/{source.pk}/", "", source.pk))

    def record(self, obj, kind_name: str, page: str) -> int:
        who = getattr(getattr(obj, "created_by", None), "username", "") or "unknown user"
        when = obj.created_at.date().isoformat() if getattr(obj, "created_at", None) else ""
        label = f"sitroom record: {kind_name} {obj.pk}, entered by {who}" + (f" on {when}" if when else "")
        return self._add(("record", kind_name, obj.pk), lambda n: Citation(n, label, page, getattr(obj, "note", "") or ""))

    def records(self, code: str, label: str, count: int, first: dt.date | None, last: dt.date | None) -> int:
        """One citation for the operation records behind a recorded total: the list of them."""
        span = f", {first.isoformat()} to {last.isoformat()}" if first and last else ""
        text = f"sitroom records: {count} {label.lower()} record{'s' if count != 1 else ''}{span}"
        return self._add(("records", code, first, last), lambda n: Citation(n, text, f"/records/observations/?indicator={code}"))

    def evidence(self, obj, kind_name: str, page: str) -> int:
        """A record's best evidence: its claim's span, else its source, else the record itself."""
        claim = getattr(obj, "claim", None)
        source = getattr(obj, "source", None) or (claim.source if claim is not None else None)
        if source is not None:
            return self.source(source, claim)
        return self.record(obj, kind_name, page)


def _figures(observations: list, cites: _Citations, before: dict, names: dict[str, str],
             cumulative: frozenset[str] = frozenset()) -> list[Figure]:
    groups: dict[tuple[str, str], list] = defaultdict(list)
    for obs in observations:
        groups[(obs.indicator.code, obs.place.name if obs.place else "")].append(obs)
    figures = []
    for (code, place), rows in sorted(groups.items(), key=lambda kv: (kv[0][0], kv[0][1])):
        dated = [o for o in rows if o.date is not None] or rows
        last_date = max((o.date for o in dated if o.date), default=None)
        latest = [o for o in dated if o.date == last_date]
        page = "/records/observations/{}/"
        low = min(latest, key=lambda o: (o.value, o.pk))
        high = max(latest, key=lambda o: (o.value, -o.pk))
        all_cites = sorted({cites.evidence(o, "observation", page.format(o.pk)) for o in latest})
        low_c = sorted({cites.evidence(o, "observation", page.format(o.pk)) for o in latest if o.value == low.value})
        high_c = sorted({cites.evidence(o, "observation", page.format(o.pk)) for o in latest if o.value == high.value})
        figure = Figure(indicator=code, label=names.get(code, code), place=place, date=last_date, low=low.value,
                        high=high.value, citations=all_cites, low_citations=low_c, high_citations=high_c,
                        unit=low.unit or low.indicator.unit, cumulative=code in cumulative)
        earlier = [o for o in dated if o.date and last_date and o.date < last_date]
        base = before.get((code, place))
        if earlier:
            first_date = min(o.date for o in earlier)
            base_rows = [o for o in earlier if o.date == first_date]
        elif base:
            base_rows = base
        else:
            base_rows = []
        base_values = {o.value for o in base_rows}
        if base_rows and len(base_values) == 1 and not figure.disputed:
            figure.change = figure.low - base_rows[0].value
            figure.change_base = base_rows[0].value
            figure.change_since = base_rows[0].date
            figure.change_citations = sorted({cites.evidence(o, "observation", page.format(o.pk)) for o in base_rows})
        figures.append(figure)
    return figures


def _recorded_totals(observations: list, cites: _Citations, names: dict[str, str]) -> list[Figure]:
    """What the operation's own records add up to over the period, per indicator (and place for levels):
    amounts moved are summed; levels (people in shelters) are the latest count per place, summed."""
    groups: dict[str, list] = defaultdict(list)
    for obs in observations:
        groups[obs.indicator.code].append(obs)
    figures = []
    for code, rows in sorted(groups.items()):
        dates = [o.date for o in rows if o.date]
        first, last = (min(dates), max(dates)) if dates else (None, None)
        if code in LEVEL_INDICATORS:
            latest_day: dict[Any, dt.date] = {}
            for o in rows:
                if o.date and (o.place_id not in latest_day or o.date > latest_day[o.place_id]):
                    latest_day[o.place_id] = o.date
            total = sum(o.value for o in rows if o.date and latest_day.get(o.place_id) == o.date)
            label = f"{names.get(code, code)} (latest counts recorded by the operation)"
        else:
            total = sum(o.value for o in rows)
            label = f"{names.get(code, code)} (recorded by the operation over the period)"
        number = cites.records(code, names.get(code, code), len(rows), first, last)
        figures.append(Figure(indicator=code, label=label, place="", date=last, low=total, high=total,
                              citations=[number], unit=rows[0].unit or rows[0].indicator.unit, recorded=True))
    return figures


def build_sitrep(*, user: Any, date_from: dt.date, date_to: dt.date, place: Any = None,
                 as_of: dt.datetime | None = None) -> Sitrep:
    if date_to < date_from:
        raise InputError(f"the period ends ({date_to}) before it starts ({date_from})", field="to")
    cites = _Citations(user)
    scope = {"place": place, "as_of": as_of}
    from sitroom.reference.models import Indicator

    names = dict(Indicator.objects.values_list("code", "name"))
    cumulative = frozenset(Indicator.objects.filter(cumulative=True).values_list("code", flat=True))
    # A sitrep goes to ministries and agencies: only human-verified figures, never machine proposals.
    obs_qs = records_for(KINDS["observations"], user, date_from=date_from, date_to=date_to, **scope).filter(verification="verified")
    loaded = list(obs_qs.select_related("indicator", "place", "claim", "source", "created_by"))
    # Reported figures (often running totals) and amounts recorded by single operation records never mix.
    # (`as_of` gives historical rows, so the field is read directly rather than through Observation.is_recorded.)
    observations = [o for o in loaded if o.derived_type_id is None]
    recorded = [o for o in loaded if o.derived_type_id is not None]
    # The last figure before the period, for the change over it.
    before: dict[tuple[str, str], list] = {}
    earlier_qs = records_for(KINDS["observations"], user, date_to=date_from - dt.timedelta(days=1), **scope).filter(verification="verified")
    codes = {o.indicator.code for o in observations}
    for obs in earlier_qs.filter(derived_type__isnull=True, indicator__code__in=codes).select_related("indicator", "place", "claim", "source").order_by("-date", "-id")[:2000]:
        key = (obs.indicator.code, obs.place.name if obs.place else "")
        if key not in before:
            before[key] = [obs]
        elif before[key][0].date == obs.date:
            before[key].append(obs)

    by_indicator: dict[str, list] = defaultdict(list)
    for obs in observations:
        by_indicator[obs.indicator.code].append(obs)
    sections: list[Section] = []
    placed: set[str] = set()
    for key, title, codes_in in SECTIONS:
        section = Section(key, title)
        rows = [o for code in codes_in for o in by_indicator.get(code, [])]
        placed.update(codes_in)
        section.figures = _figures(rows, cites, before, names, cumulative)
        section.figures += _recorded_totals([o for o in recorded if o.indicator.code in codes_in], cites, names)
        sections.append(section)
    other = [o for code, rows in by_indicator.items() if code not in placed for o in rows]
    other_recorded = [o for o in recorded if o.indicator.code not in placed]
    if other or other_recorded:
        sections.insert(-1, Section("other", "Other figures", figures=_figures(other, cites, before, names, cumulative)
                                    + _recorded_totals(other_recorded, cites, names)))

    section_by_key = {s.key: s for s in sections}
    _security_items(section_by_key["security"], user, cites, date_from, date_to, scope)
    _movement_items(section_by_key["movements"], user, cites, date_from, date_to, scope)
    _aid_items(section_by_key["aid"], user, cites, date_from, date_to, scope)
    _demining_items(section_by_key["demining"], user, cites, date_from, date_to, scope)
    _reconstruction_items(section_by_key["reconstruction"], user, cites, date_from, date_to, scope)
    _coordination_table(section_by_key["coordination"], user, cites, date_from, date_to, scope)

    all_figures = [f for s in sections for f in s.figures]
    key_figures = sorted((f for f in all_figures if f.indicator in KEY_INDICATORS),
                         key=lambda f: (KEY_INDICATORS.index(f.indicator), f.place))[:12]
    charts = []
    for code in KEY_INDICATORS:
        rows = [o for o in by_indicator.get(code, []) if o.date]
        per_place: dict[str, list] = defaultdict(list)
        for o in rows:
            per_place[o.place.name if o.place else ""].append(o)
        for place_name, items in sorted(per_place.items()):
            by_date: dict[dt.date, list[float]] = defaultdict(list)
            for o in items:
                by_date[o.date].append(o.value)
            if len(by_date) >= 2:
                points = [(d, min(v), max(v)) for d, v in sorted(by_date.items())]
                title = names.get(code, code) + (f", {place_name}" if place_name else "")
                charts.append(Chart(title, items[0].unit or items[0].indicator.unit, points))
    place_name = place.all_names if place is not None else ""
    return Sitrep(date_from, date_to, place_name, as_of, timezone.now(), key_figures, sections, cites.items, charts[:6])


def _period_records(kind_name: str, user: Any, date_from: dt.date, date_to: dt.date, scope: dict):
    return records_for(KINDS[kind_name], user, date_from=date_from, date_to=date_to, **scope)


def _security_items(section: Section, user, cites: _Citations, date_from, date_to, scope) -> None:
    events = _period_records("events", user, date_from, date_to, scope).filter(
        kind__in=["incident", "hostilities", "ceasefire_agreement", "deployment"]).select_related("claim", "source", "created_by")
    for event in events.order_by("date", "id")[:200]:
        n = cites.evidence(event, "event", f"/records/events/{event.pk}/")
        parts = [f"{event.date.isoformat() if event.date else 'date unknown'}: {event.title}"]
        if event.incident_kind:
            parts.append(f"({event.get_incident_kind_display().lower()})")
        casualties = []
        for group in ("civilian", "military", "peacekeeper"):
            killed, injured = getattr(event, f"killed_{group}"), getattr(event, f"injured_{group}")
            if killed:
                casualties.append(f"{killed} {group} killed")
            if injured:
                casualties.append(f"{injured} {group} injured")
        text = " ".join(parts) + (f" — {', '.join(casualties)}" if casualties else "")
        text += f"; verification: {event.verification}"
        section.items.append(Item(text, [n]))


def _movement_items(section: Section, user, cites, date_from, date_to, scope) -> None:
    for evac in _period_records("evacuations", user, date_from, date_to, scope).select_related(
            "origin", "destination", "created_by").order_by("date", "id")[:200]:
        n = cites.record(evac, "evacuation", f"/records/evacuations/{evac.pk}/")
        route = " to ".join(p.name for p in (evac.origin, evac.destination) if p) or "place not recorded"
        section.items.append(Item(f"{evac.date.isoformat()}: {evac.people:,} people evacuated ({route})", [n]))
    for ret in _period_records("returns", user, date_from, date_to, scope).select_related(
            "destination", "created_by").order_by("date", "id")[:200]:
        n = cites.record(ret, "return movement", f"/records/returns/{ret.pk}/")
        section.items.append(Item(f"{ret.date.isoformat()}: {ret.people:,} people returned to {ret.destination.name}", [n]))


def _aid_items(section: Section, user, cites, date_from, date_to, scope) -> None:
    qs = records_for(KINDS["consignments"], user, **scope).filter(delivered_on__gte=date_from, delivered_on__lte=date_to)
    for c in qs.select_related("donor", "destination", "created_by").prefetch_related("items").order_by("delivered_on", "id")[:200]:
        n = cites.record(c, "consignment", f"/records/consignments/{c.pk}/")
        tons = c.weight_tons
        weight = f", {fmt_number(tons)} t" if tons else ""
        section.items.append(Item(f"{c.delivered_on.isoformat()}: consignment {c} from {c.donor} delivered to "
                                  f"{c.destination.name}{weight} (status {c.status})", [n]))


def _demining_items(section: Section, user, cites, date_from, date_to, scope) -> None:
    qs = records_for(KINDS["clearance-tasks"], user, date_to=date_to, **scope).exclude(end__lt=date_from)
    for task in qs.select_related("area", "organization", "created_by").order_by("start", "id")[:200]:
        n = cites.record(task, "clearance task", f"/records/clearance-tasks/{task.pk}/")
        destroyed = task.items_destroyed_total
        text = (f"{task.organization}: {task.area.name}, {task.area_cleared_m2:,} m² cleared, "
                f"{destroyed:,} items destroyed (status {task.status})")
        section.items.append(Item(text, [n]))


def _reconstruction_items(section: Section, user, cites, date_from, date_to, scope) -> None:
    qs = _period_records("reconstruction-objects", user, date_from, date_to, scope)
    for obj in qs.select_related("place", "created_by").order_by("restored_on", "id")[:200]:
        n = cites.record(obj, "reconstruction object", f"/records/reconstruction-objects/{obj.pk}/")
        section.items.append(Item(f"{obj.restored_on.isoformat()}: {obj.name} in {obj.place.name} restored "
                                  f"({obj.units:,} units)", [n]))


def _coordination_table(section: Section, user, cites, date_from, date_to, scope) -> None:
    qs = records_for(KINDS["activities"], user, **scope).exclude(end__lt=date_from).exclude(start__gt=date_to)
    for act in qs.select_related("organization", "place", "created_by").order_by("organization__name", "sector", "id")[:300]:
        n = cites.record(act, "activity", f"/records/activities/{act.pk}/")
        progress = ""
        if act.progress_value is not None:
            progress = fmt_number(act.progress_value)
            if act.target_value:
                progress += f" / {fmt_number(act.target_value)}"
            progress += f" {act.progress_unit}".rstrip()
        section.table.append([str(act.organization), act.get_sector_display(), act.place.name if act.place else "",
                              act.title, act.status, progress])
        section.table_citations.append([n])
    meetings = _period_records("meetings", user, date_from, date_to, scope)
    for meeting in meetings.select_related("place", "created_by").order_by("date", "id")[:100]:
        n = cites.record(meeting, "meeting", f"/records/meetings/{meeting.pk}/")
        where = f" in {meeting.place.name}" if meeting.place else ""
        section.items.append(Item(f"{meeting.date.isoformat()}: {meeting.title}{where}", [n]))
