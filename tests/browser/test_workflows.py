"""The main form of each workflow, driven in chromium: fill it, submit, see the record and its rule."""

import datetime as dt
import os
import re

import pytest

from sitroom.reference.services import reference_load

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def analyst(user_of):
    reference_load()
    return user_of("analyst")


def login(page, live_server, user):
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("User name").fill(user.username)
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}/")


def test_report_an_incident_and_record_positions(page, live_server, analyst, shot):
    login(page, live_server, analyst)
    page.goto(f"{live_server.url}/incidents/")
    page.get_by_role("link", name="Report an incident").click()
    page.get_by_label("Title").fill("Shots fired near Khramort")
    page.get_by_label("Kind").select_option("shooting")
    page.get_by_label("Date", exact=True).fill("2020-11-28")
    page.get_by_label("Place").select_option("khramort")
    page.get_by_label("Injured: civilians").fill("2")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(re.compile(r".*/incidents/\d+/$"))
    assert "Shots fired near Khramort" in page.locator("h1").inner_text()

    page.get_by_label("On behalf of").select_option("az-government")
    page.get_by_label("Position", exact=True).select_option("disputed")
    page.get_by_role("textbox", name="Note").fill("No firing by our units")
    page.get_by_label("Internal note (hidden from other parties)").check()
    page.get_by_role("button", name="Record position").click()
    page.wait_for_url(re.compile(r".*/incidents/\d+/$"))
    positions = page.locator("section[aria-labelledby=positions-title] table")
    assert "Government of Azerbaijan" in positions.inner_text() or "az-government" in positions.inner_text().lower()
    assert "No firing by our units" in positions.inner_text()
    shot(page, "wf-incident")
    assert page.console_errors == []


def test_consignment_form_and_status_buttons_offer_only_legal_moves(page, live_server, analyst, shot):
    login(page, live_server, analyst)
    page.goto(f"{live_server.url}/consignments/new/")
    page.get_by_label("Reference").fill("EMR-99")
    page.get_by_label("Donor").select_option("ru-emercom")
    page.get_by_label("From").select_option("yerevan")
    page.get_by_label("To", exact=True).select_option("stepanakert")
    page.get_by_label("Item 1: kind").fill("construction materials")
    page.get_by_label("Item 1: quantity").fill("40")
    page.get_by_label("Item 1: unit").fill("tons")
    page.get_by_label("Item 2: kind").fill("heaters")
    page.get_by_label("Item 2: quantity").fill("500")
    page.get_by_label("Item 2: weight (t)").fill("2.5")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(re.compile(r".*/consignments/\d+/$"))
    assert page.get_by_role("button", name="Mark delivered").count() == 0
    page.get_by_label("Date of the change").fill("2020-11-21")
    page.get_by_role("button", name="Dispatch (in transit)").click()
    page.wait_for_url(re.compile(r".*/consignments/\d+/$"))
    assert page.locator("#consignment-status").inner_text() == "In transit"
    page.get_by_label("Date of the change").fill("2020-11-22")
    page.get_by_role("button", name="Mark delivered").click()
    page.wait_for_url(re.compile(r".*/consignments/\d+/$"))
    assert page.locator("#consignment-status").inner_text() == "Delivered"
    assert page.get_by_role("button", name="Cancel").count() == 0
    assert "42.5" in page.locator("tfoot").inner_text()
    shot(page, "wf-consignment")


def test_shelter_occupancy_above_capacity_is_flagged(page, live_server, analyst, shot):
    login(page, live_server, analyst)
    page.goto(f"{live_server.url}/shelters/new/")
    page.get_by_label("Name").fill("Goris sports school")
    page.get_by_label("Place").select_option("goris")
    page.get_by_label("Capacity (people)").fill("100")
    page.get_by_label("Hot meals").check()
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(re.compile(r".*/shelters/\d+/$"))
    page.get_by_label("Date").fill("2020-11-20")
    page.get_by_label("People in the shelter").fill("130")
    page.get_by_role("button", name="Record occupancy").click()
    page.wait_for_url(re.compile(r".*/shelters/\d+/$"))
    assert page.locator("#overcrowded-flag").is_visible()
    assert page.locator("#current-occupancy").inner_text() == "130"
    shot(page, "wf-shelter")


def test_clearance_task_over_the_area_estimate_is_refused_on_the_form(page, live_server, analyst, shot):
    login(page, live_server, analyst)
    page.goto(f"{live_server.url}/demining/areas/new/")
    page.get_by_label("Name").fill("Fields south of Martuni")
    page.get_by_label("Place").select_option("martuni")
    page.get_by_label("Estimated area (m²)").fill("10000")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(re.compile(r".*/demining/areas/\d+/$"))
    page.get_by_label("Organisation").select_option("halo-trust")
    page.get_by_label("Start").fill("2020-11-20")
    page.get_by_label("Area cleared (m²)").fill("12000")
    page.get_by_label("Items destroyed (one per line: type: count)").fill("UXO: 4\nanti-tank mine: 1")
    page.get_by_role("button", name="Record task").click()
    assert "exceeds the estimated" in page.locator(".errorlist").first.inner_text()
    page.get_by_label("Area cleared (m²)").fill("4000")
    page.get_by_role("button", name="Record task").click()
    page.wait_for_url(re.compile(r".*/demining/areas/\d+/$"))
    assert page.locator("#area-cleared").inner_text() == "4000"
    shot(page, "wf-demining")


def test_site_inspection_updates_the_status(page, live_server, analyst):
    login(page, live_server, analyst)
    page.goto(f"{live_server.url}/sites/new/")
    page.get_by_label("Name (English)").fill("Dadivank monastery")
    page.get_by_label("Name in Armenian").fill("Դադիվանք")
    page.get_by_label("Kind").select_option("monastery")
    page.get_by_label("Place").select_option("dadivank")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(re.compile(r".*/sites/\d+/$"))
    assert "Դադիվանք" in page.locator("h1").inner_text()
    page.get_by_label("Date").fill((dt.date(2020, 11, 25)).isoformat())
    page.get_by_label("Condition found").select_option("protected")
    page.get_by_role("button", name="Record inspection").click()
    page.wait_for_url(re.compile(r".*/sites/\d+/$"))
    assert page.locator("#site-status").inner_text() == "Under protection"


def test_activity_form_fills_the_3w_matrix_and_exports_csv(page, live_server, analyst, shot):
    login(page, live_server, analyst)
    page.goto(f"{live_server.url}/activities/new/")
    page.get_by_label("Activity", exact=True).fill("Road clearance")
    page.get_by_label("Organisation").select_option("halo-trust")
    page.get_by_label("Sector").select_option("demining")
    page.get_by_label("Place").select_option("martuni")
    page.get_by_label("Status").select_option("ongoing")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(re.compile(r".*/3w/$"))
    assert "Martuni" in page.locator("table").inner_text()
    with page.expect_download() as info:
        page.get_by_role("link", name="Export CSV (with HXL tags)").click()
    text = open(info.value.path(), encoding="utf-8").read()
    assert "#org+name" in text and "Road clearance" in text
    shot(page, "wf-3w")
