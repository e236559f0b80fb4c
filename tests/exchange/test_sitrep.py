"""Situation reports: every figure cited, disagreements as ranges, empty periods said so, access kept."""

from __future__ import annotations

import datetime as dt
import re

from sitroom.evidence.models import Claim
from sitroom.exchange.sitrep import build_sitrep, render_html, render_markdown, render_pdf

from .seed import PERIOD

ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
CITE = re.compile(r"\[(\d+)\]")


def _sources_list(md: str) -> dict[int, str]:
    part = md.split("## Sources", 1)[1]
    return {int(m.group(1)): m.group(2) for m in re.finditer(r"^(\d+)\. (.+)$", part, re.M)}


def test_every_figure_in_the_markdown_sitrep_cites_a_source_span(seeded, analyst):
    md = render_markdown(build_sitrep(user=analyst, date_from=PERIOD[0], date_to=PERIOD[1]))
    body, _ = md.split("## Sources", 1)
    sources = _sources_list(md)
    checked = 0
    for line in body.splitlines():
        if line.startswith("#") or line.startswith("_Generated") or line.startswith("| ---") or line.startswith("| Organisation"):
            continue
        without = CITE.sub("", ISO_DATE.sub("", line))
        if re.search(r"\d", without):
            numbers = [int(n) for n in CITE.findall(line)]
            assert numbers, f"figure without citation: {line!r}"
            for n in numbers:
                assert n in sources, f"citation [{n}] does not resolve"
            checked += 1
    assert checked >= 5
    # Figures from reports resolve to their claim's span, and that span says the figure.
    for entry in sources.values():
        m = re.search(r"/sources/(\d+)/#claim-(\d+)", entry)
        if m:
            claim = Claim.objects.get(pk=int(m.group(2)))
            assert claim.source_id == int(m.group(1))
            assert claim.source.text[claim.start:claim.end] == claim.text
    assert sum("/#claim-" in e for e in sources.values()) >= 5


def test_disputed_figures_are_ranges_citing_both_sources(seeded, analyst):
    report = build_sitrep(user=analyst, date_from=PERIOD[0], date_to=PERIOD[1])
    returned = [f for f in report.key_figures if f.indicator == "people.returned"][0]
    assert (returned.low, returned.high) == (51000, 53000)
    md = render_markdown(report)
    line = next(line for line in md.splitlines() if line.startswith("- People returned"))
    assert "between 51,000" in line and "53,000" in line
    labels = {c.number: c.label for c in report.citations}
    assert {labels[returned.low_citations[0]].split(",")[0], labels[returned.high_citations[0]].split(",")[0]} == {"Armenpress", "RIA Novosti"}


def test_change_over_the_period_is_given_with_its_baseline_cited(seeded, analyst):
    report = build_sitrep(user=analyst, date_from=dt.date(2021, 11, 26), date_to=PERIOD[1])
    report_all = build_sitrep(user=analyst, date_from=PERIOD[0], date_to=PERIOD[1])
    assert report_all.key_figures
    # 29 Nov is disputed (51,000 vs 53,000): no change is computed from a range.
    returned = [f for f in report.key_figures if f.indicator == "people.returned"][0]
    assert returned.disputed and returned.change is None


def test_undisputed_figure_shows_change_since_the_last_figure_before_the_period(seeded, partner):
    # With the Armenpress figure archived, 29 Nov has one figure (53,000) and 25 Nov is the baseline (48,000).
    from shipped_users import make_user
    from sitroom.exchange.kinds import KINDS
    from sitroom.exchange.writes import record_remove

    admin = make_user("admin", "admin", "ihrc")
    record_remove(kind=KINDS["observations"], record=seeded["observations"]["armenpress"], user=admin)
    report = build_sitrep(user=partner, date_from=dt.date(2021, 11, 26), date_to=PERIOD[1])
    returned = [f for f in report.key_figures if f.indicator == "people.returned"][0]
    assert not returned.disputed and returned.low == 53000
    assert returned.change == 5000 and returned.change_since == dt.date(2021, 11, 25)
    assert returned.change_citations
    assert "+5,000 since 2021-11-25 [" in render_markdown(report)


def test_a_period_with_no_data_says_so(seeded, analyst):
    report = build_sitrep(user=analyst, date_from=dt.date(2019, 1, 1), date_to=dt.date(2019, 1, 31))
    assert report.empty
    md = render_markdown(report)
    assert "No data for this period" in md
    assert not re.search(r"\d", CITE.sub("", ISO_DATE.sub("", md.split("\n", 3)[3])))


def test_partner_sitrep_leaves_out_internal_figures(seeded, partner, analyst):
    mine = render_markdown(build_sitrep(user=analyst, date_from=PERIOD[0], date_to=PERIOD[1]))
    theirs = render_markdown(build_sitrep(user=partner, date_from=PERIOD[0], date_to=PERIOD[1]))
    assert "People in shelters" in mine and "700" in mine
    assert "700" not in theirs and "IHRC" not in theirs


def test_place_filter_includes_the_places_under_it(seeded, analyst):
    from sitroom.reference.models import Place

    report = build_sitrep(user=analyst, date_from=PERIOD[0], date_to=PERIOD[1], place=Place.objects.get(key="lachin-district"))
    codes = {f.indicator for s in report.sections for f in s.figures}
    assert codes == {"people.sheltered"}


def test_html_has_sections_charts_and_links_to_spans(seeded, analyst):
    html = render_html(build_sitrep(user=analyst, date_from=PERIOD[0], date_to=PERIOD[1]))
    for title in ("Ceasefire and security", "Population movements", "Humanitarian aid", "Demining", "Reconstruction",
                  "Coordination"):
        assert title in html
    assert "<svg" in html and "/#claim-" in html
    assert "Shooting near Martuni" in html


def test_pdf_renders_with_charts(seeded, analyst):
    pdf = render_pdf(build_sitrep(user=analyst, date_from=PERIOD[0], date_to=PERIOD[1]))
    assert pdf.startswith(b"%PDF") and len(pdf) > 2000


def test_as_of_shows_the_figures_as_reported_then(seeded, analyst):
    from django.utils import timezone

    from sitroom.exchange.kinds import KINDS
    from sitroom.exchange.writes import record_change

    moment = timezone.now()
    obs = seeded["observations"]["displaced"]
    record_change(kind=KINDS["observations"], record=obs, user=analyst, fields={"value": 9000})
    then = build_sitrep(user=analyst, date_from=PERIOD[0], date_to=PERIOD[1], as_of=moment)
    now = build_sitrep(user=analyst, date_from=PERIOD[0], date_to=PERIOD[1])
    value = lambda r: [f.low for f in r.key_figures if f.indicator == "people.displaced"]  # noqa: E731
    assert value(then) == [2500] and value(now) == [9000]


def test_amounts_recorded_by_operation_records_are_totalled_not_taken_for_running_totals(seeded, analyst):
    from sitroom.operations.services.people import return_movement_create
    from sitroom.reference.models import Place

    stepanakert, martuni = Place.objects.get(key="stepanakert"), Place.objects.get(key="martuni")
    return_movement_create(user=analyst, destination=stepanakert, date=dt.date(2021, 11, 22), people=400)
    return_movement_create(user=analyst, destination=stepanakert, date=dt.date(2021, 11, 27), people=150)
    return_movement_create(user=analyst, destination=martuni, date=dt.date(2021, 11, 28), people=75)
    report = build_sitrep(user=analyst, date_from=PERIOD[0], date_to=PERIOD[1])
    figures = [f for s in report.sections for f in s.figures if f.indicator == "people.returned"]
    recorded = [f for f in figures if f.recorded]
    assert len(recorded) == 1
    assert (recorded[0].low, recorded[0].change) == (625, None)
    # The sources' running totals stay as reported: the movements neither join their range nor their change.
    reported = [f for f in figures if not f.recorded]
    assert reported and all(f.low >= 51000 for f in reported)
    md = render_markdown(report)
    line = next(line for line in md.splitlines() if "recorded by the operation" in line and "People returned" in line)
    number = int(CITE.search(line).group(1))
    assert "3 people returned records" in _sources_list(md)[number]


def test_machine_proposed_figures_stay_out_of_the_sitrep(seeded, analyst):
    from sitroom.operations.models import Observation

    proposed = Observation.objects.filter(derived_type__isnull=True).first()
    Observation.objects.filter(pk=proposed.pk).update(verification="proposed", value=987654)
    md = render_markdown(build_sitrep(user=analyst, date_from=PERIOD[0], date_to=PERIOD[1]))
    assert "987,654" not in md and "987654" not in md
    assert "Only human-verified figures" in md


def test_a_running_total_that_falls_is_flagged_not_reported_as_a_change():
    from sitroom.exchange.sitrep.build import Figure
    from sitroom.exchange.sitrep.render import figure_text

    fell = Figure(indicator="people.returned", label="People returned", place="", date=dt.date(2020, 12, 5), low=600,
                  high=600, citations=[2], change=-16800, change_since=dt.date(2020, 11, 25), change_citations=[3],
                  change_base=17400, cumulative=True, unit="people")
    text = figure_text(fell)
    assert "lower than the 17,400 reported on 2020-11-25 [3]" in text and "check" in text
    assert "−16,800" not in text
    grew = Figure(indicator="people.displaced", label="People displaced", place="", date=dt.date(2020, 12, 5), low=600,
                  high=600, citations=[2], change=-100, change_since=dt.date(2020, 11, 25), change_citations=[3],
                  change_base=700, cumulative=False, unit="people")
    assert "−100 since 2020-11-25 [3]" in figure_text(grew)
