import datetime as dt

import pytest

from sitroom.pipeline import extract_text


def info(text: str):
    return extract_text(text).document


@pytest.mark.parametrize(
    ("head", "published", "source"),
    [
        ("Title\n\nYEREVAN (Example Point News / Sputnik - 23rd November, 2020) Body text.", dt.date(2020, 11, 23), "Example Point News / Sputnik"),
        ("Title\n\n 18:16, 26 November, 2021\n\nYEREVAN, NOVEMBER 26, ARMENPRESS. Body.", dt.date(2021, 11, 26), "ARMENPRESS"),
        ("Title\n\nСТЕПАНАКЕРТ, 14 декабря 2020. /Кавказ-Пресс/. Тело.", dt.date(2020, 12, 14), "Кавказ-Пресс"),
        ("Title\n\nБаку, 9 июня 2021, 10:47\n\nТекст.", dt.date(2021, 6, 9), None),
        ("Title\n\nGeneva/Baku (ICRC) - 9 December 2020\n\nBody.", dt.date(2020, 12, 9), "ICRC"),
        ("Title\n\nLaçın, 26 oktyabr 2022 / Qarabağ Xəbər /\n\nBody.", dt.date(2022, 10, 26), "Qarabağ Xəbər"),
        ("Title\n\nBy our correspondent | 03.08.2022 | 16:20\n\nBody.", dt.date(2022, 8, 3), None),
        ("Title\n(as of 28 September 2023)\n\nBody.", dt.date(2023, 9, 28), None),
        ("Putin praises peacekeepers\nCGTN\nBody text here.", None, "CGTN"),
    ],
)
def test_published_and_source(head, published, source):
    document = info(head)
    assert document.published == published
    assert document.source == source


def test_date_without_year_gives_no_publication_date():
    assert info("December 11\nShow news feed\n\nThe text of the statement.").published is None


def test_caption_date_is_not_a_publication_date():
    text = "Title\nCGTN\nRussian President Vladimir Putin at the meeting on the mission on November 20, 2020. /@Kremlin\n\nBody."
    assert info(text).published is None


def test_title_is_the_first_meaningful_line():
    text = "\u0544\u0561\u057f\u0579\u0565\u056c\u056b\u0578\u0582\u0569\u0575\u0561\u0576 \u0570\u0572\u0578\u0582\u0574\u0576\u0565\u0580\n\nRussia Vows Continued Relief Aid\n\nBody text."
    assert info(text).title == "Russia Vows Continued Relief Aid"


def test_caller_values_win():
    doc = extract_text("Title\n\nYEREVAN, NOVEMBER 26, ARMENPRESS. Body.", published=dt.date(2021, 1, 1), source="X")
    assert (doc.document.published, doc.document.source) == (dt.date(2021, 1, 1), "X")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Russian peacekeepers have escorted refugees back to their homes in the region.", "en"),
        ("Российские миротворцы сопровождают беженцев, возвращающихся в свои дома.", "ru"),
        ("Ռուս խաղաղապահների ուղեկցությամբ Արցախ է վերադարձել ևս 1250 մարդ։", "hy"),
        ("Bu gün Laçın şəhərinə ilk köç karvanı çatıb və sakinlər evlərinə qayıdıblar.", "az"),
    ],
)
def test_language(text, language):
    assert info(text).language == language
