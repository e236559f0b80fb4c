import pytest

from sitroom.pipeline.numbers import find_numbers


def one(text: str, language: str | None = None):
    tokens = find_numbers(text, language)
    assert len(tokens) == 1, tokens
    return tokens[0]


@pytest.mark.parametrize(
    ("text", "value", "qualifier"),
    [
        ("2,000 troops", 2000, None),
        ("90 000 people", 90000, None),
        ("1.5 tons", 1.5, None),
        ("1,5 тонны", 1.5, None),
        ("53 thousand refugees", 53000, None),
        ("1.2 million people", 1200000, None),
        ("some five thousand civilians", 5000, "about"),
        ("Some five thousand civilians", 5000, "about"),
        ("more than a thousand of them", 1000, "more than"),
        ("at least 42,000 refugees", 42000, "at least"),
        ("an estimated 90,000 residents", 90000, "estimated"),
        ("nearly 300 houses", 300, "about"),
        ("up to 450 people", 450, "up to"),
        ("less than 10 percent", 10, "less than"),
        ("over 100 posts", 100, "more than"),
        ("Forty-one families", 41, None),
        ("twenty-five teams", 25, None),
        ("53 тысячи беженцев", 53000, None),
        ("около пяти тысяч человек", 5000, "about"),
        ("более 1500 тонн", 1500, "more than"),
        ("свыше 300 объектов", 300, "more than"),
        ("порядка 40 тонн", 40, "about"),
        ("не менее 15 происшествий", 15, "at least"),
        ("2,4 тыс. гектаров", 2400, None),
        ("более тысячи детей", 1000, "more than"),
        ("трое жителей", 3, None),
    ],
)
def test_values_and_qualifiers(text, value, qualifier):
    token = one(text)
    assert token.value == value
    assert token.extra["qualifier"] == qualifier


def test_range_has_lower_bound_and_range_qualifier():
    token = one("5-7 thousand people")
    assert token.value == 5000
    assert token.extra["range"] == (5000, 7000)
    assert token.extra["qualifier"] == "range"


def test_words_flag():
    assert one("five centers").extra["words"] is True
    assert one("5 centers").extra["words"] is False


@pytest.mark.parametrize("text", ["from 13.00 local time", "18:16, said", "the 23rd of November", "thousands of refugees"])
def test_times_ordinals_and_vague_plurals_are_not_numbers(text):
    assert find_numbers(text) == []


def test_language_specific_scale_words():
    assert one("30 հազար մարդ", "hy").value == 30000
    assert one("5 min nəfər", "az").value == 5000
    assert one("5 min walk", "en").value == 5


def test_azerbaijani_postfix_qualifier():
    token = one("200-dən çox ev", "az")
    assert (token.value, token.extra["qualifier"]) == (200, "more than")


def test_spans_index_the_text():
    text = "Officials say that at least 42,000 refugees have returned."
    token = one(text)
    assert text[token.start : token.end] == "42,000"
    assert text[token.extra["qualifier_start"] : token.start] == "at least "
