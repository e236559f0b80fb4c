"""Reads of evidence respect the access rule; the review queue runs oldest source first."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from factories import ClaimFactory, SourceFactory
from sitroom.errors import NotFound
from sitroom.evidence.models import ClaimStatus
from sitroom.evidence.selectors import (
    claim_get,
    claims_for_source,
    next_unreviewed_claim,
    review_queue,
    source_get,
    source_list,
)


@pytest.fixture
def sources(db):
    now = timezone.now()
    return {
        "old": SourceFactory(title="Old returns report", outlet="ARMENPRESS", published=dt.date(2020, 11, 20),
                             received_at=now - dt.timedelta(days=3), language="en"),
        "new": SourceFactory(title="New aid report", outlet="TASS", published=dt.date(2021, 5, 1),
                             received_at=now - dt.timedelta(days=1), language="ru"),
        "internal": SourceFactory(title="Internal note", sensitivity="internal", published=None,
                                  received_at=now - dt.timedelta(days=2)),
    }


def test_source_list_shows_what_the_user_may_see(sources, analyst_user, user_of):
    assert set(source_list(analyst_user)) == set(sources.values())
    partner = user_of("viewer", org="partner")
    assert set(source_list(partner)) == {sources["old"], sources["new"]}
    assert list(source_list(None)) == []  # anonymous: public only, and none is public


def test_source_list_filters(sources, analyst_user):
    assert list(source_list(analyst_user, q="aid")) == [sources["new"]]
    assert list(source_list(analyst_user, outlet="armen")) == [sources["old"]]
    assert list(source_list(analyst_user, language="ru")) == [sources["new"]]
    assert list(source_list(analyst_user, date_from=dt.date(2021, 1, 1))) == [sources["new"]]
    assert list(source_list(analyst_user, date_to=dt.date(2021, 1, 1))) == [sources["old"]]


def test_source_list_counts_claims(sources, analyst_user):
    ClaimFactory(source=sources["old"])
    ClaimFactory(source=sources["old"], status=ClaimStatus.ACCEPTED)
    row = source_list(analyst_user).get(pk=sources["old"].pk)
    assert (row.claim_count, row.proposed_count) == (2, 1)


def test_a_hidden_source_is_not_found(sources, user_of, analyst_user):
    partner = user_of("viewer", org="partner")
    with pytest.raises(NotFound):
        source_get(partner, sources["internal"].pk)
    with pytest.raises(NotFound):
        source_get(analyst_user, "not-a-number")
    assert source_get(analyst_user, sources["internal"].pk) == sources["internal"]
    claim = ClaimFactory(source=sources["internal"])
    with pytest.raises(NotFound):
        claim_get(partner, claim.pk)
    assert claim_get(analyst_user, claim.pk) == claim


def test_claims_of_a_source_come_in_reading_order(sources):
    source = sources["old"]
    later = ClaimFactory(source=source, fragment="people returned")
    earlier = ClaimFactory(source=source, fragment="1,200")
    assert list(claims_for_source(source)) == [earlier, later]


def test_the_review_queue_runs_oldest_source_first_and_skips_reviewed_and_hidden_claims(sources, analyst_user, user_of):
    new = ClaimFactory(source=sources["new"])
    old_b = ClaimFactory(source=sources["old"], fragment="people returned")
    old_a = ClaimFactory(source=sources["old"], fragment="1,200")
    internal = ClaimFactory(source=sources["internal"])
    ClaimFactory(source=sources["old"], status=ClaimStatus.REJECTED, fragment="Report")
    ClaimFactory(source=sources["old"], kind="place", fragment="Place")
    assert list(review_queue(analyst_user)) == [old_a, old_b, internal, new]
    assert list(review_queue(user_of("analyst", org="partner"))) == [old_a, old_b, new]


def test_next_unreviewed_claim_follows_the_queue_and_wraps_around(sources, analyst_user):
    new = ClaimFactory(source=sources["new"])
    old_b = ClaimFactory(source=sources["old"], fragment="people returned")
    old_a = ClaimFactory(source=sources["old"], fragment="1,200")
    internal = ClaimFactory(source=sources["internal"])
    assert next_unreviewed_claim(analyst_user) == old_a
    assert next_unreviewed_claim(analyst_user, after=old_a) == old_b
    assert next_unreviewed_claim(analyst_user, after=old_b) == internal
    assert next_unreviewed_claim(analyst_user, after_claim=internal) == new
    assert next_unreviewed_claim(analyst_user, after=new) == old_a


def test_next_unreviewed_claim_is_none_when_all_are_reviewed(sources, analyst_user):
    only = ClaimFactory(source=sources["old"])
    assert next_unreviewed_claim(analyst_user, after=only) is None
