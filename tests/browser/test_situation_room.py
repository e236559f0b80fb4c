import re

import pytest

from sitroom.reference.services import reference_load

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REPORT = (
    "STEPANAKERT, 26 November 2020. The humanitarian response centre said 53,000 people had returned to "
    "Stepanakert since the ceasefire. Engineers cleared 12 hectares near Shusha."
)


def login(page, live_server, username):
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}/")


def test_upload_accept_dashboard_evidence_and_place_filter(page, live_server, user_of, shot):
    reference_load()
    analyst = user_of("analyst")
    login(page, live_server, analyst.username)
    shot(page, "01-dashboard-empty")

    # upload (paste) a report
    page.get_by_role("link", name="Add a report").first.click()
    page.get_by_label("Or paste the report's text").fill(REPORT)
    page.get_by_label("Title").fill("Returns to Stepanakert")
    page.get_by_label("Outlet").fill("Response centre")
    shot(page, "02-source-new")
    page.get_by_role("button", name="Store and extract").click()
    page.wait_for_url(re.compile(r".*/sources/\d+/.*"))
    assert page.locator("mark.claim-figure").count() >= 1
    shot(page, "03-source-reader")

    # accept the figure with the keyboard: j selects the first claim, a accepts it
    figure_item = page.locator(".claim-item.kind-figure").first
    claim_id = figure_item.get_attribute("data-claim")
    figure_item.locator('button[data-key="a"]').click()
    page.wait_for_load_state()
    assert page.locator(f'#item-{claim_id} .tag-accepted').count() == 1 or "Accepted" in page.content()

    # the dashboard shows the accepted figure, linked to its sentence
    page.goto(f"{live_server.url}/")
    card_value = page.locator(".number-card .value").filter(has_text="53,000")
    assert card_value.count() == 1
    shot(page, "04-dashboard-with-figure")
    card_value.click()
    page.wait_for_url(re.compile(rf".*/sources/\d+/#claim-{claim_id}$"))
    mark = page.locator(f"#claim-{claim_id}")
    assert "53,000" in mark.inner_text()
    assert "is-current" in mark.get_attribute("class")
    shot(page, "05-figure-in-its-sentence")

    # filter the dashboard by place: the filter lives in the URL
    page.goto(f"{live_server.url}/")
    page.get_by_label("Place", exact=True).select_option(label="Shusha")
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url(re.compile(r".*place=.*"))
    assert page.locator(".number-card .value").filter(has_text="53,000").count() == 0
    shot(page, "06-dashboard-filtered-by-place")
    assert not page.console_errors


@pytest.mark.parametrize("path,name", [
    ("/map/", "07-map"), ("/timeline/", "08-timeline"), ("/charts/", "09-charts"), ("/review/", "10-review"),
    ("/indicators/people.returned/", "11-reconciliation"), ("/records/observations/", "12-observations"),
    ("/records/events/", "13-events"), ("/records/activities/", "14-activities"), ("/sources/", "15-sources"),
])
def test_pages_load_without_script_errors(page, live_server, user_of, shot, path, name):
    reference_load()
    login(page, live_server, user_of("viewer").username)
    page.goto(f"{live_server.url}{path}")
    page.wait_for_load_state("networkidle")
    shot(page, name)
    assert not page.console_errors, page.console_errors
    if path == "/map/":
        assert page.locator("#map.leaflet-container").count() == 1


def test_review_is_usable_with_the_keyboard(page, live_server, user_of, shot):
    reference_load()
    from sitroom.evidence.services.ingest import source_ingest

    analyst = user_of("analyst")
    result = source_ingest(data=REPORT.encode(), filename="r.txt", user=analyst)
    login(page, live_server, analyst.username)
    page.goto(f"{live_server.url}/sources/{result.source.pk}/")
    page.locator("body").press("j")
    current = page.locator(".claim-item.is-current")
    assert current.count() == 1
    claim_id = current.get_attribute("data-claim")
    assert page.locator(f'mark.is-current[data-claim="{claim_id}"]').count() >= 1
    shot(page, "16-keyboard-review")
