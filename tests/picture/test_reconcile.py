from datetime import date

import pytest

from sitroom.picture.reconcile import Point, reconcile, values_disagree


def pt(i, value, day, source, verification="verified", place=None):
    return Point(observation_id=i, value=value, date=day, verification=verification,
                 source_key=f"source:{source}", source_label=f"outlet {source}", place_id=place, source_id=source)


def test_two_sources_disagreeing_in_the_same_window_are_disputed_and_both_kept():
    result = reconcile([pt(1, 53000, date(2021, 11, 26), 1), pt(2, 50000, date(2021, 11, 27), 2)], cumulative=True)
    assert len(result.windows) == 1
    window = result.windows[0]
    assert window.disputed
    assert sorted(p.value for p in window.points) == [50000, 53000]  # no averaging: both values stay


def test_sources_agreeing_up_to_rounding_are_not_disputed():
    result = reconcile([pt(1, 53000, date(2021, 11, 26), 1), pt(2, 53200, date(2021, 11, 26), 2)], cumulative=True)
    assert not result.windows[0].disputed


def test_one_source_correcting_itself_is_not_a_dispute():
    result = reconcile([pt(1, 100, date(2021, 1, 1), 1), pt(2, 140, date(2021, 1, 2), 1)], cumulative=False)
    assert not result.windows[0].disputed


def test_values_days_apart_fall_in_different_windows():
    result = reconcile([pt(1, 100, date(2021, 1, 1), 1), pt(2, 200, date(2021, 1, 10), 2)], cumulative=False)
    assert len(result.windows) == 2
    assert not any(w.disputed for w in result.windows)


def test_headline_is_latest_accepted_value_with_source_count_and_range():
    points = [
        pt(1, 40000, date(2021, 11, 1), 1),
        pt(2, 53000, date(2021, 11, 26), 2),
        pt(3, 51000, date(2021, 11, 25), 3),
        pt(4, 60000, date(2021, 11, 27), 4, verification="proposed"),  # machine-proposed: never the headline
    ]
    headline = reconcile(points, cumulative=True).headline
    assert headline.value == 53000
    assert headline.point.source_key == "source:2"
    assert headline.as_of == date(2021, 11, 26)
    assert headline.sources == 3
    assert (headline.low, headline.high) == (51000, 60000)
    assert headline.disputed


def test_no_headline_when_only_machine_proposed_values_exist():
    assert reconcile([pt(1, 5, date(2021, 1, 1), 1, verification="proposed")], cumulative=False).headline is None


def test_cumulative_figure_going_down_is_flagged():
    points = [pt(1, 30000, date(2021, 10, 1), 1), pt(2, 45000, date(2021, 10, 20), 1), pt(3, 41000, date(2021, 11, 5), 2)]
    flags = reconcile(points, cumulative=True).flags
    assert list(flags) == [3]
    assert "went down" in flags[3][0]


def test_non_cumulative_figure_going_down_is_not_flagged():
    points = [pt(1, 30000, date(2021, 10, 1), 1), pt(2, 45000, date(2021, 10, 20), 1), pt(3, 41000, date(2021, 11, 5), 2)]
    assert reconcile(points, cumulative=False).flags == {}


def test_value_far_from_its_neighbours_is_flagged():
    values = [1000, 1100, 1150, 12000, 1250, 1300]
    points = [pt(i, v, date(2021, 1, 1 + 5 * i), 1) for i, v in enumerate(values, start=1)]
    flags = reconcile(points, cumulative=False).flags
    assert list(flags) == [4]
    assert "neighbours" in flags[4][0]


@pytest.mark.parametrize(("values", "expected"), [([1, 1], False), ([100, 101], False), ([100, 110], True), ([5], False), ([0, 3], True)])
def test_values_disagree_beyond_tolerance(values, expected):
    assert values_disagree(values, 0.02) is expected


def test_undated_figures_are_kept_aside_not_dropped():
    result = reconcile([pt(1, 5, None, 1), pt(2, 6, date(2021, 1, 1), 2)], cumulative=False)
    assert [p.observation_id for p in result.undated] == [1]
