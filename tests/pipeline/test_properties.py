from hypothesis import given, settings
from hypothesis import strategies as st

from sitroom.pipeline import extract_text

NEWSY = st.sampled_from(
    [
        "at least 42,000 refugees have returned", "on Sunday", "November 10", "YEREVAN (X - 23rd November, 2020)",
        "53 тысячи беженцев", "около пяти тысяч", "\u201c", "\u00a0", "\n", "Read more", "5-7 thousand", "13.00",
        "ավելի քան 30 հազար մարդ", "200-dən çox ev", "Մատչելիության հղումներ", "\ufffd", "%", "Putin said.",
    ]
)


def check(text: str) -> None:
    doc = extract_text(text)
    spans = (
        [(f.span, f.text) for f in doc.figures]
        + [(e.span, e.text) for e in doc.events]
        + [(q.span, q.text) for q in doc.quotes]
    )
    for (start, end), fragment in spans:
        assert 0 <= start <= end <= len(text)
        assert text[start:end] == fragment
    for mention in doc.places + doc.organizations + doc.people:
        assert 0 <= mention.span[0] <= mention.span[1] <= len(text)


@settings(max_examples=150, deadline=None)
@given(st.text())
def test_extract_never_raises_on_arbitrary_unicode(text):
    check(text)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(NEWSY, st.text(max_size=12)), max_size=30).map(" ".join))
def test_spans_are_valid_on_newsy_text(text):
    check(text)
