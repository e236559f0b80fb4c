import pytest

from sitroom.pipeline import clean
from sitroom.pipeline.clean import fold, mask_boilerplate
from sitroom.pipeline.context import Context


def cleaned(text: str) -> str:
    ctx = Context(text=text)
    clean.run(ctx)
    assert len(ctx.clean) == len(text)
    return ctx.clean


def test_fold_keeps_length_and_straightens_typography():
    text = "\u201cQuoted\u201d \u2018x\u2019 \u00ab\u0440\u0443\u00bb a\u00a0b 5\u20137"
    folded = fold(text)
    assert len(folded) == len(text)
    assert folded == "\"Quoted\" 'x' \"ру\" a b 5-7"


def test_newlines_are_kept_where_lines_are_masked():
    text = "Title\nRead more\nBody text here.\n"
    out = cleaned(text)
    assert out.count("\n") == text.count("\n")
    assert "Read more" not in out and "Body text here." in out


def test_size_picker_and_news_feed_lines_are_masked():
    out = cleaned("Headline\nShow news feed\nThe text.\nXS\nSM\nMD\nLG")
    assert out.split() == ["Headline", "The", "text."]


def test_repeated_caption_line_masks_the_second_copy():
    caption = "Residents repair a roof with materials supplied as aid, November 25, 2020."
    out = cleaned(f"Title\n\n{caption}\n{caption}\n\nBody.")
    assert out.count(caption) == 1


def test_block_after_you_may_also_like_is_masked():
    out = cleaned("Body sentence.\n\nYou may also like\n\nSomeone Else\nUnrelated sidebar quote.")
    assert out.strip() == "Body sentence."


def test_accessibility_label_in_another_script_is_masked():
    out = cleaned("\u0544\u0561\u057f\u0579\u0565\u056c\u056b\u0578\u0582\u0569\u0575\u0561\u0576 \u0570\u0572\u0578\u0582\u0574\u0576\u0565\u0580\n\nRussia vows aid to Karabakh\n\nThe ministry said aid was delivered.")
    assert out.lstrip().startswith("Russia vows aid")


def test_share_and_agency_lines_are_masked():
    out = cleaned("Body.\nShare this:\nFacebook   Twitter   Telegram\n(With input from agencies)\nThis text available in   Հայերեն and Русский")
    assert out.strip() == "Body."


def test_a_sentence_that_mentions_reading_more_is_kept():
    text = "Officials said people should read more about mine risks before they return."
    assert mask_boilerplate(text) == text



@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Body text.\n\nRead also:\n- School opens in Fuzuli (18.07)\n- 120 tons removed\n", ["Body", "text."]),
        ("Текст.\nЧитайте также:\n— В Физули открылась школа\n— Из Лачина вывезено 120 тонн\n", ["Текст."]),
        # the list ends at the first line that is not an item
        ("Intro.\nSee also:\n• Other story\nThe report goes on.", ["Intro.", "The", "report", "goes", "on."]),
    ],
)
def test_bulleted_list_of_other_stories_under_read_also_is_masked(text: str, kept: list[str]) -> None:
    assert cleaned(text).split() == kept


@pytest.mark.parametrize(
    "menu",
    ["Главная | Политика | Экономика | Карабах | Общество", "Home | World | Karabakh | Economy", "Ana səhifə | Siyasət | Qarabağ"],
)
def test_site_menu_starting_with_home_is_masked(menu: str) -> None:
    assert cleaned(f"{menu}\nThe report.").split() == ["The", "report."]


def test_table_header_with_pipes_is_kept():
    text = "Province | Sites | People | Share\nSyunik | 12 | 3,400 | 20%"
    assert cleaned(text) == text
