import datetime as dt

import pytest

from sitroom.pipeline import extract_text


def figures(text: str, published: dt.date | None = None):
    doc = extract_text(text, published=published)
    for f in doc.figures:
        assert text[f.span[0] : f.span[1]] == f.text
    return doc.figures


def one(text: str, published: dt.date | None = None):
    found = figures(text, published)
    assert len(found) == 1, found
    return found[0]


BODY = "Body line one.\n\n"


@pytest.mark.parametrize(
    ("sentence", "value", "unit", "indicator"),
    [
        ("Officials say at least 42,000 refugees have returned to Karabakh.", 42000, "people", "people.returned"),
        ("Some five thousand civilians were evacuated from the most dangerous areas.", 5000, "people", "people.evacuated"),
        ("The war displaced an estimated 90,000 ethnic Armenian residents.", 90000, "people", "people.displaced"),
        ("Russia deployed about 2,000 peacekeeping troops in the region.", 2000, "troops", "personnel.deployed"),
        ("The ministry has sent a total of 1,500 tons of relief supplies.", 1500, "tons", "aid.tons_delivered"),
        ("Five additional centers have been formed in the city.", 5, "centers", "facilities.established"),
        ("Deminers have cleared 1,288 hectares of land.", 1288, "hectares", "demining.area_cleared"),
        ("Sappers destroyed 382 anti-personnel mines.", 382, "items", "demining.items_destroyed"),
        ("Workers restored 96 houses in the town.", 96, "houses", "infrastructure.restored"),
        ("At least 68 people were killed in the blast.", 68, "people", "casualties.killed"),
        ("Another 14 were wounded in the shelling.", 14, "people", "casualties.injured"),
        ("Доставлено более 1500 тонн гуманитарных грузов.", 1500, "tons", "aid.tons_delivered"),
        ("В Карабах вернулись 53 тысячи беженцев.", 53000, "people", "people.returned"),
        ("Эвакуировано около пяти тысяч человек.", 5000, "people", "people.evacuated"),
    ],
)
def test_figure_indicators(sentence, value, unit, indicator):
    figure = one(BODY + sentence)
    assert (figure.value, figure.unit, figure.indicator) == (value, unit, indicator)


def test_part_of_a_total_takes_the_total_indicator():
    found = figures(BODY + "Some five thousand civilians were evacuated, more than a thousand of them children.")
    assert [(f.value, f.unit, f.indicator) for f in found] == [
        (5000, "people", "people.evacuated"),
        (1000, "children", "people.evacuated"),
    ]


def test_percent_of_population_is_a_share():
    figure = one(BODY + "They made up 60 percent of the territory's population.")
    assert (figure.unit, figure.indicator) == ("percent", "population.share")


def test_percent_of_money_is_other():
    assert one(BODY + "Only 22 per cent of the appeal has been funded.").indicator == "other"


@pytest.mark.parametrize(
    "sentence",
    [
        "The six-week war ended in November.",
        "Quite much has been done in a year.",
        "The ceasefire took effect from 13.00 on Tuesday.",
        "The dispute dates back to 1988.",
        "It was the second convoy this week.",
        "The centre is some 20 kilometres from the city.",
        "Thousands of refugees are waiting.",
        "This is one of the greatest achievements.",
    ],
)
def test_not_figures(sentence):
    assert figures(BODY + sentence) == []


def test_headline_figure_repeating_the_body_is_skipped():
    found = figures("More than 50,000 refugees arrive in Armenia\n\nMore than 50,000 refugees have arrived in Armenia.")
    assert len(found) == 1 and found[0].span[0] > 40


def test_running_total_is_dated_by_publication():
    figure = one(BODY + "53 thousand refugees have already returned.", published=dt.date(2021, 11, 26))
    assert figure.date_of_fact == dt.date(2021, 11, 26)


def test_running_total_without_publication_date_has_no_date():
    assert one(BODY + "The ministry has sent 1,500 tons of relief supplies so far.").date_of_fact is None


def test_explicit_date_in_the_clause_dates_the_figure():
    figure = one(BODY + "On 27 September 2023, 120 people were evacuated.")
    assert figure.date_of_fact == dt.date(2023, 9, 27)


def test_date_after_since_does_not_date_the_figure():
    figure = one(BODY + "Since November 10, 2020 deminers have cleared 1,288 hectares.")
    assert figure.date_of_fact is None


def test_provenance_names_stage_and_rule():
    figure = one(BODY + "Workers restored 96 houses in the town.")
    assert figure.provenance.stage == "figures"
    assert "infrastructure.restored" in figure.provenance.rule
    assert 0 < figure.provenance.confidence <= 1


def test_money_is_other():
    figure = one(BODY + "The appeal requires US$ 62 million.")
    assert (figure.value, figure.unit, figure.indicator) == (62000000, "money", "other")


def test_rate_is_other():
    assert one(BODY + "Before the closure about 400 tons of goods a day reached the region.").indicator == "other"


@pytest.mark.parametrize(
    ("text", "value", "date_of_fact"),
    [
        # the date that the reporting verb carries, further off in the sentence
        ("Title\n\nBaku, 10 May 2021. The agency said on Friday that in the past weeks its teams found 45 mines.", 45, "2021-05-07"),
        # a date in a relative clause after the figure dates something else: the report's date
        ("Title\n\nBaku, 10 May 2021. Russia deployed about 300 peacekeepers after the agreement that ended the fighting on April 2.", 300, "2021-05-10"),
        # no date in the sentence: the report's date
        ("Title\n\nBaku, 10 May 2021. The teams cleared 45 hectares near Aghdam.", 45, "2021-05-10"),
        # a post on "the past day": the day before the post
        ("Channel\n\n03.04.2021 09:00\nOver the past day, 14 families returned.\n\n04.04.2021 09:00\nNo change.", 14, "2021-04-02"),
    ],
)
def test_date_of_fact_phrasing(text, value, date_of_fact):
    from sitroom.pipeline import extract_text

    (figure,) = [f for f in extract_text(text).figures if f.value == value]
    assert figure.date_of_fact.isoformat() == date_of_fact
