"""The quotes stage: quoted words and their speakers."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitroom.pipeline import entities, places, quotes
from sitroom.pipeline.clean import fold
from sitroom.pipeline.context import Context


def run(text: str) -> list[tuple[str | None, str]]:
    ctx = Context(text=text, clean=fold(text))
    places.run(ctx)
    entities.run(ctx)
    quotes.run(ctx)
    for q in ctx.quotes:
        assert text[q.span[0] : q.span[1]] == q.text
    return [(q.speaker, q.text) for q in ctx.quotes]


PUTIN = "Russian President Vladimir Putin spoke on Friday. "


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (PUTIN + '"We will keep the peace here," Putin said.', [("Vladimir Putin", "We will keep the peace here,")]),
        (PUTIN + "“We will keep the peace here,” said he.", [("Vladimir Putin", "We will keep the peace here,")]),
        (PUTIN + 'Putin said: "The roads are open again."', [("Vladimir Putin", "The roads are open again.")]),
        (
            PUTIN + "“Roads are open,” ARMENPRESS reports Putin as saying.",
            [("Vladimir Putin", "Roads are open,")],
        ),
        (
            "Minister Yevgeny Zinichev came. “Aid keeps coming in,” a ministry statement quoted Zinichev as saying.",
            [("Yevgeny Zinichev", "Aid keeps coming in,")],
        ),
        (
            "Minister Yevgeny Zinichev came. According to the Ministry of Civil Defense, he “expressed readiness to help”.",
            [("Ministry of Civil Defense", "expressed readiness to help")],
        ),
        (
            PUTIN + "The president also thanked them for their “personal active efforts” in the region.",
            [("Vladimir Putin", "personal active efforts")],
        ),
        (
            "Полковник Сергей Ладыгин прибыл.\n\n«Главная задача — обеспечить людей теплом», — сказал Ладыгин.",
            [("Сергей Ладыгин", "Главная задача — обеспечить людей теплом")],
        ),
        (
            "Полковник Сергей Ладыгин прибыл.\n\n— Главная задача — обеспечить людей теплом, — сказал Ладыгин.",
            [("Сергей Ладыгин", "Главная задача — обеспечить людей теплом")],
        ),
    ],
)
def test_speakers(text: str, expected: list[tuple[str | None, str]]) -> None:
    assert run(text) == expected


def test_a_quotation_over_several_paragraphs_ends_at_its_closing_mark() -> None:
    text = (
        "Ambassador Dmitry Polyanskiy stated at the meeting.\n\n"
        '"The first paragraph says one thing.\n\nThe second paragraph says another.\n\n'
        'The last one ends here," he said.'
    )
    [(speaker, words)] = run(text)
    assert speaker == "Dmitry Polyanskiy"
    assert words.startswith("The first paragraph") and words.endswith("ends here,")


def test_he_said_is_the_last_speaker_not_the_last_name() -> None:
    text = (
        "Ambassador Dmitry Polyanskiy stated at the meeting. He recalled that Russian President Vladimir Putin "
        'held talks. "Hope was expressed during the talks," he said.'
    )
    assert run(text)[0][0] == "Dmitry Polyanskiy"


@pytest.mark.parametrize("text", ['It opened a "center for humanitarian reaction."', 'He called it "terror".', 'The "Iron Fist" operation.'])
def test_names_and_scare_quotes_are_not_quotations(text: str) -> None:
    assert run(text) == []


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(list('ab ".,\n“”«»—-') + [" said Putin", " he said", "Vladimir Putin "]), max_size=40).map("".join))
def test_any_text_gives_well_formed_quotes(text: str) -> None:
    run(text)
