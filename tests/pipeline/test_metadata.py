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


@pytest.mark.parametrize(
    ("head", "published", "source"),
    [
        # bylines
        ("Road reopens to traffic\n\nBy Anna Petrosyan | Lowland Gazette | 4 March 2021\n\nBody.", dt.date(2021, 3, 4), "Lowland Gazette"),
        ("River Wire | Feature | 12.05.2021\n\nHeadline here\n\nBody.", dt.date(2021, 5, 12), "River Wire"),
        # datelines with the outlet in brackets after the date
        ("Title\n\nTBILISI, Jan 9 (Mountain Wire) - Body of the report.", None, "Mountain Wire"),
        ("Title\n\nGORIS/SISIAN, 02.03.2021 (Valley Newswire) - Body.", dt.date(2021, 3, 2), "Valley Newswire"),
        ("Title\n\nShusha district, 8 May 2021. Body of the report.", dt.date(2021, 5, 8), None),
        # mastheads
        ("Skip to content\n\nSyunik Courier\n\nTitle of the story\n\n2 June 2021 | 10:15\n\nBody.", dt.date(2021, 6, 2), "Syunik Courier"),
        ("Горный вестник › Новости\n\nЗаголовок\n\n3 июня 2021, 09:00\n\nТекст.", dt.date(2021, 6, 3), "Горный вестник"),
        ("Lake Review live desk\nLast updated: 5 May 2022, 18:00\n\nBody.", dt.date(2022, 5, 5), "Lake Review"),
        ("Valley Times (VT) - translated from the French edition\n\nBody.", None, "Valley Times"),
        # agencies and press-release headers
        ("Press release\nUnited Relief Agency (URA)\n\nTitle\n\nBody.", None, "United Relief Agency"),
        ("Ministry of Water Resources of Armenia\nMain page\nTitle\n\nBody.", None, "Ministry of Water Resources of Armenia"),
        ("STATEMENT\nof the Press Service of the Ministry of Transport\n\nBaku, 3 May 2021\n\nBody.", dt.date(2021, 5, 3), "Ministry of Transport"),
        # channels: the name over the subscriber counter, published = latest post
        ("Border Watch | Channel\n3.1K subscribers\n\n01.03.2021 10:00\nPost one.\n\n02.03.2021 12:30\nPost two.", dt.date(2021, 3, 2), "Border Watch | Channel"),
        # quoted outlet names lose the outer quotes, inner quotes stay
        ("Title\n\nМосква, 20 января 2021 года. РИА «Горный край»\n\nТекст.", dt.date(2021, 1, 20), "РИА «Горный край»"),
        # not outlets: a menu line, a back-link, a time in a byline
        ("HOME | NEWS | SOCIETY | CONTACTS\n\nTitle\n\nBody.", None, None),
        ("Title\n\nBy staff | 03.08.2022 | 16:20\n\nBody.", dt.date(2022, 8, 3), None),
    ],
)
def test_header_outlets(head, published, source):
    document = info(head)
    assert document.source == source
    assert document.published == published


def test_reporting_period_is_published_at_its_end():
    assert info("Sitrep No. 2\nReporting period: 1 May - 7 May 2022\n\nBody.").published == dt.date(2022, 5, 7)


@pytest.mark.parametrize(
    ("head", "published", "source"),
    [
        # a dateline without a year takes the year of the copyright line under the story
        ("Title\n\nGYUMRI, Mar 7 (Ararat Wire) - Body text.\n\n(c) Ararat Wire 2022. All rights reserved.", dt.date(2022, 3, 7), "Ararat Wire"),
        ("Title\n\nKAPAN, Feb. 2 (Valley Courier) - Body text.\n\n© 2024 Valley Courier", dt.date(2024, 2, 2), "Valley Courier"),
        ("Title\n\nKAPAN, Feb. 2 (Valley Courier) - Body text.", None, "Valley Courier"),
        # a day-month-year date line written with dashes
        ("News release 12/4\n11-05-2022\n\nTitle\n\nBody text.", dt.date(2022, 5, 11), None),
        # place - date - (outlet)
        ("Title\n\nSISIAN - 3 July 2022 - (Zangezur Herald) Families arrived.", dt.date(2022, 7, 3), "Zangezur Herald"),
        # the issue date wins over the end of the reporting period on the same line
        ("Title\nReporting period: 1 - 7 May 2023 | Issued: 9 May 2023\n\nBody.", dt.date(2023, 5, 9), None),
        # a statement headed by the issuing body
        ("Statement of the Ministry of Emergency Situations\n\n4 May, 2023\n\nToday ...", dt.date(2023, 5, 4), "Ministry of Emergency Situations"),
        # the outlet before its section
        ("Highland Notes | Interviews\n\nTitle\n\n2 June 2021\n\nBody text.", dt.date(2021, 6, 2), "Highland Notes"),
        # a live desk that is the outlet's own name
        ("LIVE | Border day\nMountain Live Desk\n25 November 2020 - last updated 18:40\n\n18:40\nBody.", dt.date(2020, 11, 25), "Mountain Live Desk"),
        # Armenian dateline with the year abbreviation and the outlet between slashes
        ("Title\n\nԳորիս, սեպտեմբերի 27, 2023 թ. /«Գորիսի լուր»/։ Տեքստ։", dt.date(2023, 9, 27), "Գորիսի լուր"),
    ],
)
def test_datelines_and_headers(head, published, source):
    document = info(head)
    assert (document.published, document.source) == (published, source)


def test_feed_with_day_headers_is_as_recent_as_its_last_day():
    text = (
        "Border Watch (unofficial translation)\n12 400 subscribers\n\n3 March 2023\n\n09:10\nPatrols went out.\n\n"
        "4 March 2023\n\n10:20\nQuiet night.\n\n5 March 2023\n\n08:00\nConvoy passed.\n"
    )
    document = info(text)
    assert (document.published, document.source) == (dt.date(2023, 3, 5), "Border Watch")


def test_channel_counter_written_label_first():
    document = info("Сводки границы\nподписчиков: 12 тыс.\n\n15 июня 2023\n\n10:05\nТекст.\n\n16 июня 2023\n\n11:00\nТекст.")
    assert (document.published, document.source) == (dt.date(2023, 6, 16), "Сводки границы")


@pytest.mark.parametrize(
    ("head", "published", "source"),
    [
        # Interfax style: "Place. date. AGENCY - text"
        ("Title\n\nМосква. 10 октября 2020. ИНТЕРФАКС - Текст новости.", dt.date(2020, 10, 10), "ИНТЕРФАКС"),
        # a known outlet beside the date on a header line
        ("Title\n\n28 September 2023 | OCHA\n\nBody.", dt.date(2023, 9, 28), "OCHA"),
        # a sentence that starts with a place and a full stop is no dateline
        ("Title\n\nStepanakert. Residents said the night was calm.", None, None),
    ],
)
def test_more_header_styles(head, published, source):
    document = info(head)
    assert (document.published, document.source) == (published, source)


@pytest.mark.parametrize(
    ("head", "source"),
    [
        # a statement header names its issuer; the topic after the name is cut off
        ("Statement of the Ministry of Defence of the Republic of Armenia on the shelling of Jermuk\n\nBody.", "Ministry of Defence of the Republic of Armenia"),
        ("Joint statement by UNHCR and IOM on the needs of families arriving in Goris\n\nBody.", "UNHCR and IOM"),
        # a country in brackets between the town and the agency
        ("Title\n\nGoris (Armenia) (AFP) - Trucks waited at the border on Monday.", "AFP"),
        # "Outlet, date" on a line of its own: a masthead name, not a town
        ("Title\n\nHighland Herald, 4 March 2022\n\nBody.", "Highland Herald"),
        # a byline with the outlet after a comma; a job title or a town there is no outlet
        ("Title\n\nBy Anna Novak, Caucasus Observer\n\nBody.", "Caucasus Observer"),
        ("Title\n\nBy Anna Novak, Staff Writer\n\nBody.", None),
        ("Title\n\nBy Anna Novak, Yerevan\n\nBody.", None),
        # a Cyrillic name between slashes after the date (only its first word capitalised)
        ("Заголовок\n\nГОРИС, 4 марта 2022 г. /Горный курьер/. Текст новости.", "Горный курьер"),
        # a "Source:" label on a header line
        ("Заголовок\n\nСегодня, 10:15 | Источник: Южный наблюдатель\n\nТекст.", "Южный наблюдатель"),
        # an agency that says it produced the report
        ("Flash update\n\nThis update is produced by OCHA with its partners.\n\nBody.", "OCHA"),
        ("Briefing\n\nThis is a summary of what was said by the UNICEF spokesperson at the briefing.", "UNICEF"),
        # a headline signed by a known agency
        ("Families keep arriving in Goris - UNHCR\n\nBody.", "UNHCR"),
        # the copyright line under a scraped page, as the last resort
        ("Title\n\nBody of the page.\n\n© 2023 Valley Courier. All rights reserved.", "Valley Courier"),
    ],
)
def test_source_beyond_datelines(head, source):
    assert info(head).source == source


def test_a_sentence_with_a_time_and_members_is_no_channel_counter():
    text = "Statement on the incident\n\nNo:12/22, 3 August 2022\n\nOn 3 August, at 14:00, members of an armed group opened fire."
    assert info(text).source is None


@pytest.mark.parametrize(
    ("text", "source"),
    [
        # signatures under the text
        ("Title\n\nBody of the bulletin.\n\nPress service of the Ministry of Emergency Situations", "Ministry of Emergency Situations"),
        ("Заголовок\n\nТекст сообщения.\n\nПресс-служба МЧС России", "МЧС России"),
        ("Title\n\nBody.\n\nPress Service Department\nMinistry of Defence of the Republic of Armenia", "Ministry of Defence of the Republic of Armenia"),
        ("Title\n\nBody.\n\nSource: Highland Post", "Highland Post"),
        ("Title\n\nBody.\n\nFor further information, please contact: OCHA Regional Office, Geneva", "OCHA"),
        ("Title\n\nBody.\n\nFor further information:\nMedia relations, ICRC Yerevan", "ICRC"),
        ("Title\n\nBody.\n\nReporting by Valley Newswire; editing by Ann Lee", "Valley Newswire"),
        ("Title\n\nBody.\n\nReporting by Ann Lee; editing by Tom Hale", None),
        # an issuer over a "Press Service" line; a byline of an outlet's staff
        ("Government of the Republic of Armenia\nPress Service\n\n02.11.2023\n\nBody.", "Government of the Republic of Armenia"),
        ("Title\n\nBy Valley Newswire staff | Thu 10 Aug 2023, 09:15 GMT\n\nBody.", "Valley Newswire"),
        # the outlet between slashes after a town, with or without a date after it
        ("Title\n\nYEREVAN /Ararat Courier/ 13.11.20 - Body.", "Ararat Courier"),
        ("Title\n\nGoris /Syunik Today/ - Body.", "Syunik Today"),
        # a known agency credited in the lead
        ("Title\n\nThe road reopened on Monday, TASS reports.", "TASS"),
        ("Заголовок\n\nДорогу открыли в понедельник, передает корреспондент ТАСС.", "ТАСС"),
    ],
)
def test_source_signed_or_credited(text, source):
    assert info(text).source == source


@pytest.mark.parametrize(
    ("text", "title"),
    [
        # navigation menus and single navigation words are skipped
        ("Valley Daily  |  Economy  |  Regions\n\nNew bridge opens over the Hakari\n\nBody.", "New bridge opens over the Hakari"),
        ("Home | Society | Politics | Economy | Region\n\nSchool reopens in Martuni\n\nBody.", "School reopens in Martuni"),
        ("Главная\nНовости\nПоказать ленту новостей\n\nВ Горисе открыли пункт помощи\n\nТекст.", "В Горисе открыли пункт помощи"),
        ("Главная / Новости / В мире\n\nВ Горисе открыли пункт помощи\n\nТекст.", "В Горисе открыли пункт помощи"),
        ("Южный вестник › Интервью\n\nВ Горисе открыли пункт помощи\n\nТекст.", "В Горисе открыли пункт помощи"),
        ("Next\nClose\nPrint\nCaucasus\nMonks stay at the monastery as pilgrims leave\n\nBody.", "Monks stay at the monastery as pilgrims leave"),
        ("We use cookies to improve your experience. [Accept]\n\nShelters open in Goris\n\nBody.", "Shelters open in Goris"),
        ("Press release\n\nShelters open in Goris\n\nBody.", "Shelters open in Goris"),
        # a Markdown heading mark and a trailing " | Outlet" are dropped
        ("# Winter supplies reach displaced families\n\nBody.", "Winter supplies reach displaced families"),
        ("Stepanakert opens four more shelters | Valley Herald\n\nBody.", "Stepanakert opens four more shelters"),
        ("INTERVIEW | The deputy head of the centre on winter\n\nBody.", "INTERVIEW | The deputy head of the centre on winter"),
        # the outlet's own masthead is no headline
        ("Valley Herald, 4 March 2022\n\nShelters open in Goris\n\nBody.", "Shelters open in Goris"),
        # a dateline that opens the lead gives the lead's first sentence
        (
            "28 November 2020 12:40\n\nBAKU, November 28, KurNews. Deminers have cleared 220 hectares near Fuzuli. Two men were hurt.",
            "Deminers have cleared 220 hectares near Fuzuli.",
        ),
        ("GORIS (Armenia) (AFP) - Trucks waited at the border on Monday. Drivers slept in cabs.", "Trucks waited at the border on Monday."),
    ],
)
def test_title_skips_page_furniture(text, title):
    assert info(text).title == title


def test_long_title_is_cut_at_a_word():
    title = info(("Word " * 60).strip() + "\n\nBody.").title
    assert len(title) <= 201 and title.endswith("Word…")


@pytest.mark.parametrize(
    ("line", "published"),
    [
        ("Posted on 3 October 2023 by Anna Petrosyan", dt.date(2023, 10, 3)),
        ("Saturday 14 November 2020 18:42", dt.date(2020, 11, 14)),
        ("2023-10-03T12:00:00+04:00", dt.date(2023, 10, 3)),
        ("Last updated on 2 October 2023 at 14:20", dt.date(2023, 10, 2)),
        ("2 October 2023, 14:20 - updated 3 October 2023, 09:00", dt.date(2023, 10, 2)),
    ],
)
def test_publication_date_lines(line, published):
    assert info(f"Headline of the story\n\n{line}\n\nThe report said 20 people returned.").published == published


def test_a_date_line_under_the_headline_is_no_title():
    assert info("Опубликовано 02.10.2023 в 14:20\n\nВ Горисе открыли пункт помощи\n\nТекст новости.").title == "В Горисе открыли пункт помощи"
