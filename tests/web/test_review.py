import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from sitroom.evidence.models import Claim
from sitroom.operations.models import Observation

pytestmark = pytest.mark.django_db


def test_viewer_sees_no_review_buttons(client_as, world):
    s2 = world["sources"][1]
    html = client_as("viewer").get(reverse("source_detail", args=[s2.pk])).content.decode()
    assert 'data-key="a"' not in html and 'data-key="r"' not in html and "claim_review" not in html
    assert 'action="/claims/' not in html


def test_analyst_sees_accept_edit_reject(client_as, world):
    s2 = world["sources"][1]
    html = client_as("analyst").get(reverse("source_detail", args=[s2.pk])).content.decode()
    assert 'data-key="a"' in html and 'data-key="r"' in html and 'data-key="e"' in html


@pytest.mark.parametrize("action", ["accept", "reject", "reopen"])
def test_viewer_review_post_is_refused_with_403_and_changes_nothing(client_as, world, action):
    c2 = world["claims"][1]
    response = client_as("viewer").post(reverse("claim_review", args=[c2.pk]), {"action": action})
    assert response.status_code == 403
    c2.refresh_from_db()
    assert c2.status == "proposed"


def test_viewer_cannot_open_the_upload_page(client_as, world):
    assert client_as("viewer").get(reverse("source_new")).status_code == 403


def test_accepting_a_figure_verifies_it_and_the_dashboard_shows_it(client_as, world):
    client = client_as("analyst")
    c2 = world["claims"][1]
    response = client.post(reverse("claim_review", args=[c2.pk]), {"action": "accept", "then": "stay"})
    assert response.status_code == 302
    c2.refresh_from_db()
    assert c2.status == "accepted"
    assert Observation.objects.active().get(claim=c2).verification == "verified"
    html = client.get(reverse("dashboard")).content.decode()
    assert "50,000" in html  # the later accepted value is the headline now
    assert f"#claim-{c2.pk}" in html


def test_accepting_with_an_edited_value(client_as, world):
    client = client_as("analyst")
    c2 = world["claims"][1]
    client.post(reverse("claim_review", args=[c2.pk]), {"action": "accept", "value": "51000", "then": "stay"})
    assert Observation.objects.active().get(claim=c2).value == 51000


def test_invalid_edit_is_reported_and_nothing_changes(client_as, world):
    client = client_as("analyst")
    c2 = world["claims"][1]
    response = client.post(reverse("claim_review", args=[c2.pk]), {"action": "accept", "indicator": "no.such", "then": "stay"}, follow=True)
    assert "Not saved" in response.content.decode()
    c2.refresh_from_db()
    assert c2.status == "proposed"


def test_rejecting_then_next_goes_to_the_next_unreviewed_claim(client_as, world):
    client = client_as("analyst")
    c2 = world["claims"][1]
    response = client.post(reverse("claim_review", args=[c2.pk]), {"action": "reject", "note": "duplicate", "then": "next"})
    assert response.status_code == 302
    assert Claim.objects.get(pk=c2.pk).status == "rejected"
    assert response["Location"] == reverse("review_queue")  # nothing else proposed in this small world


def test_uploading_pasted_text_stores_a_source_and_opens_it(client_as, indicators):
    client = client_as("analyst")
    text = "STEPANAKERT, 26 November 2020. The centre said 53,000 people had returned to Stepanakert."
    response = client.post(reverse("source_new"), {"text": text, "title": "Returns", "outlet": "Test Outlet", "sensitivity": "partners"})
    assert response.status_code == 302 and "/sources/" in response["Location"]
    html = client.get(response["Location"]).content.decode()
    assert "Returns" in html and "53,000" in html


def test_uploading_nothing_is_refused_with_a_message(client_as, indicators):
    response = client_as("analyst").post(reverse("source_new"), {"sensitivity": "partners"})
    assert response.status_code == 400
    assert "paste the report" in response.content.decode()


class _Cards(HTMLParser):
    """Collects, per headline card, the hrefs around its numbers."""

    def __init__(self):
        super().__init__()
        self.cards, self.depth, self.link = [], 0, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "article" and "number-card" in (attrs.get("class") or ""):
            self.cards.append({"numbers": [], "unlinked": []})
            self.depth = 1
        elif self.depth and tag == "article":
            self.depth += 1
        if self.depth and tag == "a":
            self.link = attrs.get("href")

    def handle_endtag(self, tag):
        if tag == "a":
            self.link = None
        if self.depth and tag == "article":
            self.depth -= 1

    def handle_data(self, data):
        if not self.depth or not any(ch.isdigit() for ch in data):
            return
        if self.link:
            self.cards[-1]["numbers"].append((data.strip(), self.link))
        else:
            self.cards[-1]["unlinked"].append(data.strip())


def test_every_number_card_on_the_dashboard_links_to_its_evidence(client_as, world):
    html = client_as("viewer").get(reverse("dashboard")).content.decode()
    parser = _Cards()
    parser.feed(html)
    assert len(parser.cards) >= 2
    for card in parser.cards:
        value_links = [href for text, href in card["numbers"]]
        assert value_links, card
        # the card's main value links to a claim span in a source or to the record's evidence page
        assert any("#claim-" in href or "/records/observations/" in href for href in value_links), card
        # numbers outside links are dates only ("as of 2020-11-26", the outlet's date)
        for text in card["unlinked"]:
            assert not re.search(r"\d", re.sub(r"\d{4}-\d{2}-\d{2}", "", text)), text
