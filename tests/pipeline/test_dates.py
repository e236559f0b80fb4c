import datetime as dt

import pytest

from sitroom.pipeline import clean, dates, extract_text, sentences
from sitroom.pipeline.context import Context


def run_dates(text: str, published: dt.date | None = None) -> list:
    ctx = Context(text=text)
    ctx.info.published = published
    clean.run(ctx)
    sentences.run(ctx)
    dates.run(ctx)
    return ctx.dates


def only(text: str, published: dt.date | None = None):
    tokens = run_dates(text, published)
    assert len(tokens) == 1, tokens
    return tokens[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("on November 20, 2020 they met", dt.date(2020, 11, 20)),
        ("on 20 November 2020 they met", dt.date(2020, 11, 20)),
        ("(Sputnik - 23rd November, 2020)", dt.date(2020, 11, 23)),
        ("updated 26.11.2021", dt.date(2021, 11, 26)),
        ("on 2020-11-26", dt.date(2020, 11, 26)),
        ("20 сентября 2023 года", dt.date(2023, 9, 20)),
        ("Ստեփանակերտ, դեկտեմբերի 5, 2020 թ.", dt.date(2020, 12, 5)),
        ("2023 թվականի հունվարի 10", dt.date(2023, 1, 10)),
        ("Bakı, 15 mart 2021.", dt.date(2021, 3, 15)),
    ],
)
def test_absolute_dates(text, expected):
    token = only(text)
    assert token.value == expected
    assert token.extra["precision"] == "day"
    assert token.extra["relative"] is False
    assert text[token.start : token.end] == token.extra["text"]


def test_weekday_is_the_most_recent_on_or_before_publication():
    published = dt.date(2020, 11, 23)  # a Monday
    assert only("he on Sunday thanked Russia", published).value == dt.date(2020, 11, 22)
    assert only("talks on Monday", published).value == dt.date(2020, 11, 23)
    assert only("в среду", dt.date(2021, 5, 18)).value == dt.date(2021, 5, 12)


def test_weekday_without_reference_stays_none():
    token = only("talks on Wednesday")
    assert token.value is None and token.extra["relative"] is True


def test_reference_is_the_latest_full_date_when_publication_is_unknown():
    tokens = run_dates("Caption, November 25, 2020.\nHe held talks on Wednesday.")
    assert tokens[-1].value == dt.date(2020, 11, 25)


def test_day_and_month_take_the_year_of_the_reference():
    tokens = run_dates("Caption, November 20, 2020.\nA statement on November 10 ended the war.")
    assert tokens[-1].value == dt.date(2020, 11, 10)


def test_december_before_a_january_reference_is_the_year_before():
    assert only("closed on December 12", dt.date(2023, 1, 18)).value == dt.date(2022, 12, 12)


def test_day_and_month_without_any_year_stay_none():
    token = only("December 11")
    assert token.value is None and token.extra["day"] == 11 and token.extra["month"] == 12


def test_relative_days():
    published = dt.date(2020, 12, 3)
    assert only("said yesterday", published).value == dt.date(2020, 12, 2)
    assert only("meeting today", published).value == dt.date(2020, 12, 3)
    assert only("сообщили вчера", published).value == dt.date(2020, 12, 2)


def test_part_of_month_has_no_value():
    token = only("broke out in late September")
    assert token.value is None and token.extra["precision"] == "part" and token.extra["part"] == "late"


def test_time_of_day_is_kept_on_the_date():
    token = only("on September 20, an agreement on a ceasefire from 13.00 was reached", dt.date(2023, 9, 21))
    assert token.extra["time"] == "13.00"


def test_lower_case_may_is_not_a_month():
    assert run_dates("Officials may 5 times check it") == []


def test_year_mentions_have_year_precision():
    token = only("disputed since 1988")
    assert token.extra["precision"] == "year" and token.value is None and token.extra["year"] == 1988


def test_pipeline_resolves_weekday_from_dateline():
    doc = extract_text("Title\n\nYEREVAN (Example News - 23rd November, 2020) The leader on Sunday thanked them.")
    assert doc.document.published == dt.date(2020, 11, 23)


def test_feed_posts_resolve_today_against_the_post():
    from sitroom.pipeline import extract_text

    text = (
        "Valley Watch\n1.2K subscribers\n\n03.04.2021 09:00\nToday the road was reopened.\n\n"
        "05.04.2021 10:30\nToday 12 families returned to Martakert.\n"
    )
    doc = extract_text(text)
    assert doc.document.published == __import__("datetime").date(2021, 4, 5)
    (figure,) = [f for f in doc.figures if f.value == 12]
    assert figure.date_of_fact == __import__("datetime").date(2021, 4, 5)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("04-03-2021", (2021, 3, 4)),
        ("31-12-2020", (2020, 12, 31)),
        ("04.03.2021", (2021, 3, 4)),
    ],
)
def test_numeric_dates_with_one_separator(text, expected):
    (mention,) = dates.find_mentions(text)
    assert (mention.year, mention.month, mention.day) == expected


@pytest.mark.parametrize("text", ["10-40-2020", "04-03.2021"])
def test_dash_numbers_that_are_no_date(text):
    assert all(m.precision != "day" for m in dates.find_mentions(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The first group arrived on the 9th.", "2023-01-09"),
        ("Shelling has continued since the 12th, officials said.", "2023-01-12"),
        # a day after the publication day is in the month before
        ("The road has been closed since the 28th.", "2022-12-28"),
    ],
)
def test_day_of_month_alone_is_in_the_reference_month(text, expected):
    found = [d for d in run_dates(text, dt.date(2023, 1, 19)) if d.extra.get("precision") == "day"]
    assert [d.value.isoformat() for d in found] == [expected]


@pytest.mark.parametrize("text", ["He lives on the 3rd floor.", "The 25th anniversary was marked.", "the 5th brigade moved"])
def test_ordinals_that_are_no_day_of_month(text):
    assert run_dates(text, dt.date(2023, 1, 19)) == []
