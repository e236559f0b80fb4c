"""A month of the centre's work (15 November - 15 December 2020) for `sitroom demo`: incidents with the
parties' positions, demining, evacuations, shelters with daily occupancy, returns, aid consignments in
every status, reconstruction, heritage sites, the 10 November 2020 statement with its terms, meetings
and 3W activities.

Everything is created through the workflow services, so the indicators are fed exactly as when staff
enter the work. The magnitudes follow the sample reports (about 30,000 returns and 1,150 t of aid by mid
December) but the individual records, names of teams, figures and notes are illustrative demo data,
not a record of real events. Loading twice adds nothing: each record is looked up by a natural key
first, and its follow-up steps run only when it was created."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.db.models import Model, QuerySet

from sitroom.operations.models import (
    Activity,
    Agreement,
    Consignment,
    Evacuation,
    Event,
    HazardousArea,
    Meeting,
    NeedsAssessment,
    ReconstructionObject,
    ReturnMovement,
    Shelter,
    Site,
)
from sitroom.operations.services import (
    activities,
    agreements,
    aid,
    demining,
    incidents,
    people,
    reconstruction,
    sites,
)
from sitroom.reference.models import Organization, Place

START, END = dt.date(2020, 11, 15), dt.date(2020, 12, 15)

# Organisations the demo needs that the shipped list may lack: key -> fields.
EXTRA_ORGANIZATIONS = {
    "ru-government": {"name": "Government of the Russian Federation", "short_name": "Russia", "kind": "government", "access_group": "partner"},
}


def d(month: int, day: int) -> dt.date:
    return dt.date(2020, month, day)


class _Refs:
    """Places and organisations by key, with a clear error when the reference data lacks one."""

    def __init__(self) -> None:
        self._places: dict[str, Place] = {}
        self._orgs: dict[str, Organization] = {}

    def place(self, key: str) -> Place:
        if key not in self._places:
            found = Place.objects.filter(key=key).first()
            if found is None:
                from sitroom.errors import ConfigurationError

                raise ConfigurationError(f"the demo needs place {key!r}: load the gazetteer first (sitroom init)")
            self._places[key] = found
        return self._places[key]

    def org(self, key: str) -> Organization:
        if key not in self._orgs:
            found = Organization.objects.filter(key=key).first()
            if found is None:
                extra = EXTRA_ORGANIZATIONS.get(key, {"name": key.replace("-", " ").title(), "kind": "other", "access_group": "public"})
                found, _ = Organization.objects.get_or_create(key=key, defaults=extra)
            self._orgs[key] = found
        return self._orgs[key]


def _once(existing: QuerySet, create: Callable[[], Model]) -> tuple[Model, bool]:
    found = existing.first()
    if found is not None:
        return found, False
    return create(), True


# --- incidents --------------------------------------------------------------------------------------

INCIDENTS = [
    # (key date, kind, title, place, reported_by, casualties, description, positions [(org, position, note, internal)])
    (d(11, 20), "mine", "Anti-tank mine blast on the road to Aghdam", "aghdam", "az-mod", {"killed_military": 1, "injured_military": 2},
     "A military truck hit an anti-tank mine on a road being prepared for the handover of Aghdam district.",
     [("az-government", "confirmed", "Our servicemen; the road had not been cleared yet.", False),
      ("ru-peacekeeping-contingent", "unverifiable", "No patrol in the area on that day.", False)]),
    (d(11, 22), "mine", "Civilian injured by unexploded ordnance in Martuni", "martuni", "ihrc-martuni", {"injured_civilian": 1},
     "A resident returning to his house was injured by a submunition in his garden.",
     [("ru-peacekeeping-contingent", "confirmed", "Deminers of the centre cleared the garden the next day.", False),
      ("nk-authorities", "confirmed", "", False)]),
    (d(11, 28), "shooting", "Shots fired near Khramort", "khramort", "nk-authorities", {},
     "Residents reported automatic fire from the direction of the former line of contact in the evening.",
     [("nk-authorities", "confirmed", "Two houses hit; nobody injured.", False),
      ("az-government", "disputed", "No firing by our units; sounds came from controlled destruction of ammunition.", True),
      ("ru-peacekeeping-contingent", "unverifiable", "Patrol arrived after the firing stopped; cartridges not found.", False)]),
    (d(11, 29), "shooting", "Exchange of fire reported near Askeran", "askeran", "az-mod", {},
     "A statement reports provocative firing at positions near Askeran district.",
     [("az-government", "confirmed", "", False)]),
    (d(12, 5), "mine", "Deminer injured during clearance near Stepanakert", "stepanakert", "international-demining-center",
     {"injured_peacekeeper": 1}, "A sapper was lightly injured while clearing a field on the city's outskirts.",
     [("ru-peacekeeping-contingent", "confirmed", "Evacuated to the field hospital; condition stable.", False)]),
    (d(12, 8), "shooting", "Firing reported near Sos", "sos", "nk-authorities", {}, "Single shots heard near the village at night.",
     [("nk-authorities", "confirmed", "", False), ("az-government", "disputed", "", False)]),
    (d(12, 11), "border_incident", "Armed group reported near Hin Tagher and Khtsaberd", "hin-tagher", "nk-authorities",
     {"injured_military": 6}, "Local authorities report an advance on the two villages of Hadrut district and injured servicemen.",
     [("nk-authorities", "confirmed", "Contact with the unit in the villages lost on 12 December.", False),
      ("az-government", "disputed", "Our units responded to a sabotage group that stayed behind after the ceasefire.", False),
      ("ru-peacekeeping-contingent", "confirmed", "Peacekeepers moved to the area; the ceasefire was restored on 13 December.", False)]),
    (d(12, 12), "border_incident", "Counter-operation near Hadrut: servicemen detained", "khtsaberd", "az-mod", {"killed_military": 4},
     "A statement reports an operation against an armed group in Hadrut district; detainees are reported.",
     [("az-government", "confirmed", "Internal: detainee lists to be passed through the ICRC only.", True)]),
]


def _load_incidents(user: Any, refs: _Refs) -> int:
    created_count = 0
    made: dict[str, Event] = {}
    for date, kind, title, place, reporter, casualties, description, positions in INCIDENTS:
        event, created = _once(
            Event.objects.filter(kind="incident", title=title, date=date),
            lambda date=date, kind=kind, title=title, place=place, reporter=reporter, casualties=casualties, description=description:
                incidents.incident_create(user=user, incident_kind=kind, title=title, date=date, places=[refs.place(place)],
                                          description=description, casualties=casualties, reported_by=refs.org(reporter),
                                          joint_monitoring=True),
        )
        made[title] = event
        if created:
            created_count += 1
            for org_key, position, note, internal in positions:
                incidents.incident_record_position(user=user, incident=event, organization=refs.org(org_key), position=position,
                                                   note=note, internal=internal)
    # The two reports of the Hadrut clash are one incident: merged, keeping both sides' figures per field.
    survivor = made["Armed group reported near Hin Tagher and Khtsaberd"]
    other = made["Counter-operation near Hadrut: servicemen detained"]
    if other.merged_into_id is None and other.archived_at is None:
        incidents.incident_merge(user=user, survivor=survivor, duplicates=[other], reason="one clash reported by both sides")
    return created_count


# --- demining ---------------------------------------------------------------------------------------

AREAS = [
    ("Stepanakert: outskirts and residential districts", "stepanakert", 1_200_000, "cluster submunitions, UXO"),
    ("Martuni - Stepanakert road and shoulders", "martuni", 400_000, "anti-tank mines, UXO"),
    ("Shusha: roads and approaches", "shusha", 650_000, "anti-personnel and anti-tank mines, UXO"),
    ("Aghdam district: access road and town", "aghdam", 2_500_000, "anti-personnel and anti-tank mines"),
]
TASKS = [
    # area index, org, team, start, end, cleared m2, found, destroyed
    (0, "international-demining-center", "Team 1 (engineer battalion)", d(11, 16), d(11, 26), 420_000,
     {"cluster submunition": 610, "artillery shell": 380}, {"cluster submunition": 610, "artillery shell": 380}),
    (0, "international-demining-center", "Team 2", d(11, 27), d(12, 10), 360_000,
     {"cluster submunition": 540, "rocket": 90, "artillery shell": 420}, {"cluster submunition": 540, "rocket": 90, "artillery shell": 420}),
    (1, "international-demining-center", "Road team", d(11, 18), d(12, 2), 310_000, {"anti-tank mine": 46, "artillery shell": 120},
     {"anti-tank mine": 46, "artillery shell": 120}),
    (1, "halo-trust", "HALO team 4", d(12, 3), None, 40_000, {"anti-tank mine": 5, "artillery shell": 31}, {"anti-tank mine": 5, "artillery shell": 31}),
    (2, "anama", "ANAMA Shusha group", d(11, 20), d(12, 12), 480_000, {"anti-personnel mine": 210, "anti-tank mine": 64, "UXO": 900},
     {"anti-personnel mine": 210, "anti-tank mine": 64, "UXO": 900}),
    (3, "anama", "ANAMA Aghdam group", d(11, 21), None, 1_300_000, {"anti-personnel mine": 420, "anti-tank mine": 180, "UXO": 650},
     {"anti-personnel mine": 400, "anti-tank mine": 170, "UXO": 650}),
]


def _load_demining(user: Any, refs: _Refs) -> int:
    areas = []
    count = 0
    for name, place, size, contamination in AREAS:
        area, _ = _once(HazardousArea.objects.filter(name=name),
                        lambda name=name, place=place, size=size, contamination=contamination: demining.hazardous_area_create(
                            user=user, name=name, place=refs.place(place), estimated_area_m2=size, contamination=contamination,
                            submitted_by_org=refs.org("international-demining-center")))
        areas.append(area)
    for index, org, team, start, end, cleared, found, destroyed in TASKS:
        area = areas[index]
        _, created = _once(
            area.tasks.filter(team=team, start=start),
            lambda area=area, org=org, team=team, start=start, end=end, cleared=cleared, found=found, destroyed=destroyed:
                demining.clearance_task_create(user=user, area=area, organization=refs.org(org), team=team, start=start, end=end,
                                               status="completed" if end else "ongoing", area_cleared_m2=cleared, items_found=found,
                                               items_destroyed=destroyed, reported_on=END, submitted_by_org=refs.org(org)))
        count += created
    return count


# --- people -----------------------------------------------------------------------------------------

SHELTERS = [
    # name, place, operator, capacity, services (meals, medical), occupancy curve (start, end, peak day, peak)
    ("Stepanakert: temporary accommodation centre (hotel)", "stepanakert", "ihrc-stepanakert", 400, (True, True), (180, 140, d(11, 27), 436)),
    ("Goris: sports school", "goris", "am-mes", 250, (True, False), (230, 60, d(11, 16), 240)),
    ("Kapan: kindergarten no. 5", "kapan", "armenian-red-cross", 120, (True, True), (110, 35, d(11, 15), 110)),
    ("Barda: school no. 2", "barda", "azerbaijan-red-crescent", 150, (True, False), (140, 70, d(11, 15), 140)),
]


def _curve(day: dt.date, start: int, end: int, peak_day: dt.date, peak: int) -> int:
    """Occupancy rising to the peak day, then falling towards the end value (deterministic)."""
    total = (END - START).days
    if day <= peak_day:
        span = max(1, (peak_day - START).days)
        value = start + (peak - start) * (day - START).days / span
    else:
        span = max(1, (END - peak_day).days)
        value = peak + (end - peak) * (day - peak_day).days / span
    wobble = ((day.toordinal() * 7) % 11) - 5 if total else 0
    return max(0, int(round(value + wobble)))


EVACUATIONS = [
    (d(11, 15), "kalbajar", "goris", "Goris: sports school", 180, 62, "ihrc", "Residents leaving Kalbajar district before its handover"),
    (d(11, 28), "aghavno", "goris", "Goris: sports school", 95, 31, "ihrc-lachin", "Residents of Aghavno before the Lachin district handover"),
    (d(11, 30), "sus", "kapan", "Kapan: kindergarten no. 5", 40, 12, "ihrc-lachin", "Residents of Sus"),
    (d(11, 19), "stepanakert", "yerevan", None, 26, 4, "ru-emercom", "Patients transferred to hospitals in Yerevan by air ambulance"),
    (d(12, 2), "tartar", "barda", "Barda: school no. 2", 35, 14, "az-mes", "Families from damaged houses in Tartar"),
]

RETURN_TOTALS = {"stepanakert": 16_500, "martuni": 4_200, "askeran": 3_100, "martakert": 3_900, "chartar": 1_100, "karmir-shuka": 700, "sarushen": 500}


def _load_people(user: Any, refs: _Refs) -> int:
    count = 0
    by_name = {}
    for name, place, operator, capacity, (meals, medical), curve in SHELTERS:
        shelter, created = _once(Shelter.objects.filter(name=name),
                                 lambda name=name, place=place, operator=operator, capacity=capacity, meals=meals, medical=medical:
                                     people.shelter_create(user=user, name=name, place=refs.place(place), operator=refs.org(operator),
                                                           capacity=capacity, has_meals=meals, has_medical=medical,
                                                           submitted_by_org=refs.org(operator)))
        by_name[name] = shelter
        if created:
            count += 1
            day = START
            while day <= END:
                people.shelter_record_occupancy(user=user, shelter=shelter, date=day, occupancy=_curve(day, *curve))
                day += dt.timedelta(days=1)
    for date, origin, destination, shelter_name, n, children, org, note in EVACUATIONS:
        _, created = _once(Evacuation.objects.filter(date=date, note=note),
                           lambda date=date, origin=origin, destination=destination, shelter_name=shelter_name, n=n, children=children, org=org, note=note:
                               people.evacuation_create(user=user, date=date, origin=refs.place(origin), destination=refs.place(destination),
                                                        shelter=by_name.get(shelter_name), people=n, children=children,
                                                        organization=refs.org(org), note=note))
        count += created
    # Escorted returns through the Lachin corridor every day but Sunday, settlements in turn.
    days = [START + dt.timedelta(days=i) for i in range((END - START).days + 1)]
    days = [day for day in days if day.weekday() != 6]
    keys = list(RETURN_TOTALS)
    plan = [(day, keys[i % len(keys)]) for i, day in enumerate(days)]
    trips = {key: sum(1 for _, k in plan if k == key) for key in keys}
    for day, place_key in plan:
        n = max(50, RETURN_TOTALS[place_key] // trips[place_key] + ((day.day * 37) % 90) - 45)
        note = f"escorted return {day.isoformat()}"
        _, created = _once(ReturnMovement.objects.filter(date=day, note=note),
                           lambda day=day, place_key=place_key, n=n, note=note: people.return_movement_create(
                               user=user, destination=refs.place(place_key), origin=refs.place("yerevan" if day.day % 2 else "goris"),
                               date=day, people=n, escorted_by=refs.org("ru-peacekeeping-contingent"), note=note,
                               submitted_by_org=refs.org("ihrc")))
        count += created
    return count


# --- aid --------------------------------------------------------------------------------------------

CONSIGNMENTS = [
    # reference, donor, origin, destination, sector, escort, planned, route [(status, date)], items
    ("EMR-01", "ru-emercom", "yerevan", "stepanakert", "shelter", "ru-peacekeeping-contingent", d(11, 16),
     [("in_transit", d(11, 17)), ("delivered", d(11, 18)), ("distributed", d(11, 21))],
     [("construction materials", 180, "tons", None), ("electric heaters", 1200, "pieces", 6.0)]),
    ("EMR-02", "ru-emercom", "yerevan", "stepanakert", "food", "ru-peacekeeping-contingent", d(11, 22),
     [("in_transit", d(11, 23)), ("delivered", d(11, 24)), ("distributed", d(11, 27))],
     [("food parcels", 8000, "parcels", 96.0), ("flour", 40, "tons", None)]),
    ("EMR-03", "ru-emercom", "yerevan", "martuni", "shelter", "ru-peacekeeping-contingent", d(11, 29),
     [("in_transit", d(11, 30)), ("delivered", d(12, 1))],
     [("window glass", 60, "tons", None), ("roofing sheets", 3500, "pieces", 52.0)]),
    ("EMR-04", "ru-emercom", "yerevan", "stepanakert", "shelter", "ru-peacekeeping-contingent", d(12, 6),
     [("in_transit", d(12, 7)), ("delivered", d(12, 8)), ("distributed", d(12, 12))],
     [("construction materials", 260, "tons", None), ("power generators", 40, "pieces", 24.0)]),
    ("EMR-05", "ru-emercom", "yerevan", "martakert", "shelter", "ru-peacekeeping-contingent", d(12, 14),
     [("in_transit", d(12, 15))], [("construction materials", 150, "tons", None)]),
    ("ICRC-11", "icrc", "yerevan", "stepanakert", "health", "ru-peacekeeping-contingent", d(11, 20),
     [("in_transit", d(11, 21)), ("delivered", d(11, 22)), ("distributed", d(11, 25))],
     [("medical supplies", 14, "tons", None), ("hygiene kits", 3000, "kits", 9.0)]),
    ("ICRC-12", "icrc", "baku", "barda", "food", None, d(11, 25),
     [("in_transit", d(11, 26)), ("delivered", d(11, 27))], [("food parcels", 2500, "parcels", 30.0)]),
    ("UNHCR-03", "unhcr", "yerevan", "goris", "shelter", None, d(11, 18),
     [("in_transit", d(11, 19)), ("delivered", d(11, 20)), ("distributed", d(11, 23))],
     [("blankets", 6000, "pieces", 12.0), ("mattresses", 1500, "pieces", 15.0)]),
    ("WFP-07", "wfp", "yerevan", "stepanakert", "food", "ru-peacekeeping-contingent", d(12, 10), [("in_transit", d(12, 12)), ("delivered", d(12, 14))],
     [("wheat flour", 110, "tons", None), ("vegetable oil", 12, "tons", None)]),
    ("UNICEF-02", "unicef", "yerevan", "stepanakert", "education", None, d(12, 16), [], [("school kits", 5000, "kits", 7.5)]),
    ("AM-GOV-09", "am-government", "yerevan", "stepanakert", "shelter", "ru-peacekeeping-contingent", d(11, 27),
     [("in_transit", d(11, 28)), ("delivered", d(11, 29)), ("distributed", d(12, 2))],
     [("heating fuel", 90, "tons", None), ("warm clothing", 4000, "sets", 8.0)]),
    ("AZ-MES-04", "az-mes", "baku", "tartar", "shelter", None, d(11, 24),
     [("in_transit", d(11, 25)), ("delivered", d(11, 26)), ("distributed", d(11, 28))],
     [("construction materials", 75, "tons", None), ("window glass", 18, "tons", None)]),
    ("ARC-05", "armenian-red-cross", "yerevan", "kapan", "food", None, d(11, 19), [("cancelled", d(11, 19))],
     [("hot meal supplies", 4, "tons", None)]),
    ("WHO-01", "who", "yerevan", "stepanakert", "health", "ru-peacekeeping-contingent", d(12, 18), [],
     [("trauma kits", 20, "kits", 2.4), ("medicines", 3, "tons", None)]),
]

NEEDS = [
    ("stepanakert", "shelter", "construction materials", 800, "tons", d(11, 16), "ihrc-stepanakert"),
    ("stepanakert", "food", "food", 350, "tons", d(11, 16), "wfp"),
    ("stepanakert", "health", "medical supplies", 25, "tons", d(11, 17), "who"),
    ("martuni", "shelter", "construction materials", 200, "tons", d(11, 20), "ihrc-martuni"),
    ("martakert", "shelter", "construction materials", 250, "tons", d(11, 25), "ihrc"),
    ("goris", "shelter", "blankets", 8000, "pieces", d(11, 17), "unhcr"),
    ("barda", "food", "food", 50, "tons", d(11, 22), "azerbaijan-red-crescent"),
    ("tartar", "shelter", "construction materials", 120, "tons", d(11, 22), "az-mes"),
]


def _load_aid(user: Any, refs: _Refs) -> int:
    count = 0
    for ref, donor, origin, destination, sector, escort, planned, route, items in CONSIGNMENTS:
        consignment, created = _once(
            Consignment.objects.filter(reference=ref),
            lambda ref=ref, donor=donor, origin=origin, destination=destination, sector=sector, escort=escort, planned=planned, items=items:
                aid.consignment_create(user=user, reference=ref, donor=refs.org(donor), origin=refs.place(origin),
                                       destination=refs.place(destination), sector=sector, escort=refs.org(escort) if escort else None,
                                       convoy=f"convoy {ref}", planned_on=planned, submitted_by_org=refs.org(donor),
                                       items=[{"kind": k, "quantity": q, "unit": u, "weight_tons": w} for k, q, u, w in items]))
        if created:
            count += 1
            for status, on in route:
                aid.consignment_transition(user=user, consignment=consignment, to=status, on=on,
                                           note="road through Lachin corridor closed by snow" if status == "cancelled" else "")
    for place, sector, kind, quantity, unit, assessed_on, by in NEEDS:
        _, created = _once(NeedsAssessment.objects.filter(place__key=place, sector=sector, item_kind=kind, assessed_on=assessed_on),
                           lambda place=place, sector=sector, kind=kind, quantity=quantity, unit=unit, assessed_on=assessed_on, by=by:
                               aid.needs_assessment_create(user=user, place=refs.place(place), sector=sector, item_kind=kind,
                                                           quantity_requested=quantity, unit=unit, assessed_on=assessed_on,
                                                           assessed_by=refs.org(by)))
        count += created
    return count


# --- reconstruction ---------------------------------------------------------------------------------

OBJECTS = [
    # name, kind, place, units, damage, organisation, route [(status, date)]
    ("Apartment block, Tigran Mets avenue 23", "apartment_block", "stepanakert", 36, "moderate", "ihrc-stepanakert",
     [("in_progress", d(11, 20)), ("restored", d(12, 9))]),
    ("Apartment block, Azatamartikneri street 9", "apartment_block", "stepanakert", 24, "severe", "ihrc-stepanakert", [("in_progress", d(11, 25))]),
    ("Republican hospital, surgical wing", "hospital", "stepanakert", 1, "moderate", "ru-emercom", [("in_progress", d(11, 18)), ("restored", d(12, 4))]),
    ("School no. 10", "school", "stepanakert", 1, "light", "ihrc-stepanakert", [("in_progress", d(11, 23)), ("restored", d(12, 1))]),
    ("Substation 110 kV", "power", "stepanakert", 1, "severe", "ru-emercom", [("in_progress", d(11, 17)), ("restored", d(11, 30))]),
    ("Water main Martuni - Chartar", "water", "martuni", 1, "moderate", "ihrc-martuni", [("planned", d(12, 3))]),
    ("Private houses, Martuni", "house", "martuni", 48, "moderate", "ihrc-martuni", [("in_progress", d(11, 26)), ("restored", d(12, 14))]),
    ("Road Stepanakert - Martakert, km 12-18", "road", "martakert", 1, "moderate", "ru-mod", [("in_progress", d(12, 2))]),
    ("Private houses, Tartar", "house", "tartar", 60, "severe", "az-mes", [("in_progress", d(11, 20)), ("restored", d(12, 11))]),
    ("Residential block, Barda", "apartment_block", "barda", 18, "moderate", "az-mes", [("planned", d(11, 30))]),
    ("Kindergarten, Askeran", "school", "askeran", 1, "destroyed", None, []),
]


def _load_reconstruction(user: Any, refs: _Refs) -> int:
    count = 0
    for name, kind, place, units, damage, org, route in OBJECTS:
        obj, created = _once(ReconstructionObject.objects.filter(name=name, place__key=place),
                             lambda name=name, kind=kind, place=place, units=units, damage=damage, org=org:
                                 reconstruction.reconstruction_object_create(user=user, name=name, kind=kind, place=refs.place(place), units=units,
                                                                             damage=damage, organization=refs.org(org) if org else None))
        if created:
            count += 1
            for status, on in route:
                obj = reconstruction.reconstruction_object_set_status(user=user, obj=obj, status=status, on=on)
    return count


# --- sites ------------------------------------------------------------------------------------------

SITES = [
    ("Dadivank monastery", {"hy": ["Դադիվանք"], "ru": ["Дадиванк"], "az": ["Xudavəng monastırı"]}, "monastery", "Armenian Apostolic", "dadivank",
     "protected", "ru-peacekeeping-contingent", [(d(11, 25), "protected", "ru-peacekeeping-contingent", "Post at the monastery; services held.")]),
    ("Gandzasar monastery", {"hy": ["Գանձասար"], "ru": ["Гандзасар"], "az": ["Gəncəsər monastırı"]}, "monastery", "Armenian Apostolic", "gandzasar",
     "unknown", None, [(d(12, 2), "protected", "ihrc", "No damage found.")]),
    ("Amaras monastery", {"hy": ["Ամարաս"], "ru": ["Амарас"], "az": ["Amaras monastırı"]}, "monastery", "Armenian Apostolic", "amaras",
     "unknown", None, [(d(11, 30), "at_risk", "ru-peacekeeping-contingent", "Close to the line of contact; patrolled.")]),
    ("Holy Saviour (Ghazanchetsots) Cathedral", {"hy": ["Ղազանչեցոց"], "ru": ["Газанчецоц"], "az": ["Qazançı kilsəsi"]}, "church",
     "Armenian Apostolic", "ghazanchetsots", "damaged", None, [(d(12, 4), "damaged", "unesco", "Roof damaged in October; request for an assessment mission.")]),
    ("Yukhari Govhar Agha mosque", {"hy": ["Վերին Գոհար Աղա մզկիթ"], "ru": ["Мечеть Юхары Говхар-ага"], "az": ["Yuxarı Gövhər Ağa məscidi"]},
     "mosque", "Shia Islam", "govhar-agha-mosque", "damaged", None,
     [(d(11, 27), "damaged", "az-government", "Damage to the minarets and interior."), (d(12, 10), "at_risk", "unesco", "Interior cleared; restoration planned.")]),
    ("Aghdam Juma mosque", {"hy": ["Աղդամի մզկիթ"], "ru": ["Джума-мечеть Агдама"], "az": ["Ağdam Cümə məscidi"]}, "mosque", "Shia Islam",
     "aghdam-mosque", "damaged", None, [(d(11, 21), "damaged", "az-government", "Inspected after the handover of Aghdam district.")]),
    ("St. John the Baptist church (Kanach Zham), Shusha", {"hy": ["Կանաչ Ժամ"], "ru": ["Церковь Иоанна Крестителя (Канач Жам)"],
     "az": ["Kanaç Jam kilsəsi"]}, "church", "Armenian Apostolic", "shusha", "unknown", None,
     [(d(12, 6), "at_risk", "unesco", "Access requested for an independent mission.")]),
]


def _load_sites(user: Any, refs: _Refs) -> int:
    count = 0
    for name, names, kind, religion, place, status, protector, inspections in SITES:
        site, created = _once(Site.objects.filter(name=name),
                              lambda name=name, names=names, kind=kind, religion=religion, place=place, status=status, protector=protector:
                                  sites.site_create(user=user, name=name, names={"en": [name], **names}, kind=kind, religion=religion,
                                                    place=refs.place(place), protection_status=status,
                                                    protected_by=refs.org(protector) if protector else None))
        if created:
            count += 1
            for date, condition, inspector, note in inspections:
                sites.site_record_inspection(user=user, site=site, date=date, condition=condition, inspector=refs.org(inspector), note=note)
    return count


# --- agreement, meetings, 3W --------------------------------------------------------------------------

STATEMENT = "Statement by the President of Azerbaijan, the Prime Minister of Armenia and the President of Russia (10 November 2020)"
TERMS = [
    ("1", "A complete ceasefire and cessation of all hostilities in the area of the Nagorno-Karabakh conflict from 00:00 Moscow time on 10 November 2020; the parties stop at the positions they hold.",
     "partly", "Ceasefire largely holds; incidents reported near Khramort and in Hadrut district (11-13 December)."),
    ("2", "The Aghdam district is returned to Azerbaijan by 20 November 2020.", "implemented", "Handed over on 20 November."),
    ("3", "A peacekeeping contingent of the Russian Federation (1,960 troops with small arms, 90 armoured personnel carriers, 380 vehicles and special equipment) is deployed along the line of contact and the Lachin corridor.",
     "implemented", "Deployment completed by late November."),
    ("4", "The peacekeepers are deployed in parallel with the withdrawal of the Armenian armed forces, for five years, extended automatically for further five-year periods unless a party objects.",
     "partly", ""),
    ("5", "A peacekeeping centre is set up to monitor the ceasefire.", "pending", "Joint monitoring centre in preparation."),
    ("6", "Armenia returns the Kalbajar district by 15 November and the Lachin district by 1 December 2020; the Lachin corridor (5 km wide) stays under the peacekeepers' control.",
     "implemented", "Kalbajar handed over on 25 November after an extension; Lachin on 1 December."),
    ("7", "Internally displaced persons and refugees return to Nagorno-Karabakh and adjacent areas under the supervision of UNHCR.",
     "partly", "Returns escorted through the Lachin corridor."),
    ("8", "The parties exchange prisoners of war, hostages and other detained persons and the bodies of the dead.",
     "partly", "First exchange on 14 December."),
    ("9", "All economic and transport links in the region are unblocked, including transport links between the western regions of Azerbaijan and Nakhchivan.",
     "pending", ""),
]
MEETINGS = [
    ("Visit of the Russian foreign and defence ministers to Baku and Yerevan", "negotiation", d(11, 21), "baku",
     ["ru-government", "az-government", "am-government"], "", "Implementation of the statement, humanitarian questions, return of refugees."),
    ("Coordination meeting of the response centre with UN agencies and the ICRC", "meeting", d(11, 26), "stepanakert",
     ["ihrc", "unhcr", "icrc", "wfp", "unicef"], "", "Agreed weekly coordination; needs assessment of Stepanakert and Martuni shared."),
    ("Working meeting on the handover of Lachin district", "meeting", d(11, 30), "lachin",
     ["ru-peacekeeping-contingent", "az-mod", "am-mod"], "", "Schedule of the handover on 1 December agreed; corridor checkpoints set."),
    ("Talks on the exchange of detained persons", "negotiation", d(12, 9), "moscow",
     ["ru-government", "az-government", "am-government", "icrc"], "", "Exchange on the principle all-for-all agreed; first stage on 14 December."),
]
ACTIVITIES = [
    ("Humanitarian demining of Stepanakert", "international-demining-center", "demining", "stepanakert", d(11, 16), None, "ongoing", 780_000, 1_200_000, "m2"),
    ("Road clearance Martuni - Stepanakert", "international-demining-center", "demining", "martuni", d(11, 18), d(12, 2), "completed", 310_000, 310_000, "m2"),
    ("Clearance of Shusha approaches", "anama", "demining", "shusha", d(11, 20), d(12, 12), "completed", 480_000, 480_000, "m2"),
    ("Clearance in Aghdam district", "anama", "demining", "aghdam", d(11, 21), None, "ongoing", 1_300_000, 2_500_000, "m2"),
    ("Survey of Martuni district", "halo-trust", "demining", "martuni", d(12, 3), None, "ongoing", 40_000, 150_000, "m2"),
    ("Escort of returning residents through the Lachin corridor", "ru-peacekeeping-contingent", "escort", "lachin-corridor", d(11, 14), None, "ongoing", None, None, ""),
    ("Escort of aid convoys", "ru-peacekeeping-contingent", "escort", "stepanakert", d(11, 16), None, "ongoing", 14, None, "convoys"),
    ("Restoration of apartment blocks", "ihrc-stepanakert", "reconstruction", "stepanakert", d(11, 20), None, "ongoing", 60, 400, "flats"),
    ("Restoration of houses in Martuni", "ihrc-martuni", "reconstruction", "martuni", d(11, 26), None, "ongoing", 48, 300, "houses"),
    ("Repair of houses in Tartar", "az-mes", "reconstruction", "tartar", d(11, 20), None, "ongoing", 60, 250, "houses"),
    ("Food distributions", "wfp", "food", "stepanakert", d(12, 10), None, "ongoing", 122, 350, "tons"),
    ("Food parcels for displaced families", "icrc", "food", "barda", d(11, 25), None, "ongoing", 2500, 4000, "parcels"),
    ("Family links and visits to detainees", "icrc", "protection", "stepanakert", d(11, 15), None, "ongoing", None, None, ""),
    ("Shelter kits for collective centres", "unhcr", "shelter", "goris", d(11, 18), None, "ongoing", 7500, 8000, "items"),
    ("Field hospital", "ru-mod", "health", "stepanakert", d(11, 17), None, "ongoing", 1900, None, "patients"),
    ("Psychosocial support in schools", "unicef", "education", "stepanakert", d(12, 16), None, "planned", None, 5000, "children"),
    ("Medical supplies to hospitals", "who", "health", "stepanakert", d(12, 18), None, "planned", None, None, ""),
]


def _load_agreements(user: Any, refs: _Refs) -> int:
    count = 0
    statement, created = _once(
        Agreement.objects.filter(title=STATEMENT),
        lambda: agreements.agreement_create(
            user=user, title=STATEMENT, signed_on=d(11, 10), kind="ceasefire",
            parties=[refs.org("az-government"), refs.org("am-government"), refs.org("ru-government")],
            summary="Trilateral statement ending the hostilities; nine points.", sensitivity="public",
            terms=[{"number": n, "text": text} for n, text, _, _ in TERMS]))
    if created:
        count += 1
        terms = {t.number: t for t in statement.terms.all()}
        for number, _, status, note in TERMS:
            if status != "pending" or note:
                agreements.agreement_term_set_status(user=user, term=terms[number], status=status, note=note)
    for title, kind, date, place, participants, text, outcome in MEETINGS:
        _, created = _once(Meeting.objects.filter(title=title, date=date),
                           lambda title=title, kind=kind, date=date, place=place, participants=participants, text=text, outcome=outcome:
                               agreements.meeting_create(user=user, title=title, kind=kind, date=date, place=refs.place(place),
                                                         participants=[refs.org(k) for k in participants], participants_text=text,
                                                         outcome=outcome, agreement=statement, sensitivity="public"))
        count += created
    return count


def _load_activities(user: Any, refs: _Refs) -> int:
    count = 0
    for title, org, sector, place, start, end, status, progress, target, unit in ACTIVITIES:
        _, created = _once(Activity.objects.filter(title=title, organization__key=org),
                           lambda title=title, org=org, sector=sector, place=place, start=start, end=end, status=status, progress=progress, target=target, unit=unit:
                               activities.activity_create(user=user, title=title, organization=refs.org(org), sector=sector, place=refs.place(place),
                                                          start=start, end=end, status=status, progress_value=progress, target_value=target,
                                                          progress_unit=unit, submitted_by_org=refs.org(org)))
        count += created
    return count


@transaction.atomic
def load_operation_demo(user: Any) -> dict[str, int]:
    """Create (once) a month of the centre's work as `user` (an analyst of the operation); returns how
    many records of each workflow were added this time."""
    refs = _Refs()
    return {
        "incidents": _load_incidents(user, refs),
        "demining_tasks": _load_demining(user, refs),
        "people": _load_people(user, refs),
        "aid": _load_aid(user, refs),
        "reconstruction": _load_reconstruction(user, refs),
        "sites": _load_sites(user, refs),
        "agreements_meetings": _load_agreements(user, refs),
        "activities": _load_activities(user, refs),
    }
