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


# Phrasing classes (P8): each sentence is written for the test, the classes are what any report could use.
BODY5 = "Situation report.\n\nThe body of the report starts here and goes on.\n\nSecond paragraph.\n\nThird one.\n\nFourth.\n\n"


@pytest.mark.parametrize(
    ("text", "value", "unit", "indicator"),
    [
        ("The agency opened 9 new child-friendly spaces this week.", 9, "centers", "facilities.established"),
        ("Firefighters responded to 7 fires.", 7, "incidents", "other"),
        ("Доставлено 750 электрообогревателей.", 750, "items", "aid.items"),
        ("Восстановлено 11 трансформаторных подстанций.", 11, "houses", "infrastructure.restored"),
        ("Engineers reconnected 3 substations.", 3, "houses", "infrastructure.restored"),
        ("Workers replaced 140 square metres of roofing.", 140, "m2", "infrastructure.restored"),
        ("UNHCR distributed 3,000 square metres of plastic sheeting.", 3000, "m2", "aid.items"),
        ("Sappers cleared 3,000 square metres of land of mines.", 3000, "m2", "demining.area_cleared"),
        ("Инженеры очистили от мин 640 гектаров.", 640, "hectares", "demining.area_cleared"),
        ("The survey covers 3,600 hectares of farmland.", 3600, "hectares", "other"),
        ("Fourteen patients were flown by helicopter to Yerevan.", 14, "people", "people.evacuated"),
        ("Some 600 people are sleeping in school gyms.", 600, "people", "people.sheltered"),
        ("The new hospital has 30 beds.", 30, "places", "other"),
        ("Общежитие рассчитано на 140 мест.", 140, "places", "other"),
        ("Около 60 военнослужащих попали в плен.", 60, "troops", "other"),
        ("Жертвами мин стали более 300 человек.", 300, "people", "other"),
        ("Обстрел унес жизни двух человек.", 2, "people", "casualties.killed"),
        ("Двое получили ранения.", 2, "people", "casualties.injured"),
        ("В больницу доставлены 142 пострадавших.", 142, "people", "casualties.injured"),
        ("Трое ранены.", 3, "people", "casualties.injured"),
    ],
)
def test_phrasing_classes(text, value, unit, indicator):
    found = [f for f in figures(text) if f.value == value]
    assert len(found) == 1, figures(text)
    assert (found[0].unit, found[0].indicator) == (unit, indicator)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Двое военнослужащих погибли, трое ранены.", [(2, "casualties.killed"), (3, "casualties.injured")]),
        ("Всего пострадали 120 человек, 45 из них погибли.", [(120, "casualties.injured"), (45, "casualties.killed")]),
        ("The shelling killed one civilian and injured 9.", [(1, "casualties.killed"), (9, "casualties.injured")]),
        ("Three servicemen were killed and five injured.", [(3, "casualties.killed"), (5, "casualties.injured")]),
        ("A convoy of 31 trucks brought 3,000 food parcels.", [(31, "other"), (3000, "aid.items")]),
        ("No one was hurt in the incident.", []),
        ("Families moved into 16 five-storey buildings.", [(16, "other")]),
    ],
)
def test_casualties_by_group_and_counts(text, expected):
    assert [(f.value, f.indicator) for f in figures(text)] == expected


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        ("Returns: 1,250\nHouses restored – 340\n• Evacuated: about 2,000\n",
         [(1250, "people.returned"), (340, "infrastructure.restored"), (2000, "people.evacuated")]),
        ("Key figures\n1,250 returnees\n340 houses restored\n", [(1250, "people.returned"), (340, "infrastructure.restored")]),
        ("Returns by district, 5 May\nDistrict | Returned | Houses\nAghdam | 12 | 340\nFuzuli | 7 | 120\n",
         [(12, "people.returned"), (340, "other"), (7, "people.returned"), (120, "other")]),
        ("Shelter by province\nProvince       Centres    Residents\nSyunik         41         3,950\nKotayk         35         3,410\n",
         [(41, "facilities.established"), (3950, "people.sheltered"), (35, "facilities.established"), (3410, "people.sheltered")]),
        ("Phone:   +374 10 123456\nYear      2020     2021\nPage: 3\n", []),
    ],
)
def test_label_lines_and_plain_text_tables(lines, expected):
    text = BODY5 + lines
    found = figures(text)
    assert [(f.value, f.indicator) for f in found] == expected
    for f in found:
        assert f.span[0] >= len(BODY5)


@pytest.mark.parametrize(
    "sentence",
    [
        "The woman, aged 65, was injured in the shelling.",
        "Call +374 10 123 456 for help; see page 12.",
        "1. The ceasefire held on 12 November 2020.",
        "The 44-day war ended in 2020.",
        "A 65-year-old man returned home.",
        "No one was killed.",
    ],
)
def test_precision_not_figures(sentence):
    assert figures(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "value", "indicator"),
    [
        # the capacity of a school or a shelter is no count of people
        ("A new school for 750 pupils opened in the town this week.", 750, "other"),
        ("The shelter can take up to 300 people.", 300, "other"),
        # people held or released, mines laid rather than cleared, staff hired
        ("Delegates visited 41 people detained during the fighting.", 41, "other"),
        ("The maps show some 12,000 mines laid along the former front line.", 12000, "other"),
        ("Thirty new teachers were hired for the autumn.", 30, "other"),
        # people who received something were assisted
        ("In two villages, 210 families received roofing materials.", 210, "people.assisted"),
        ("Awareness sessions reached some 4,000 people in the spring.", 4000, "people.assisted"),
        # transfers for treatment, moves to safety, people who left
        ("На лечение в Ереван доставлены 96 пациентов.", 96, "people.evacuated"),
        ("About 900 residents have been moved to Armenia since Monday.", 900, "people.evacuated"),
        ("Officials said 30,000 residents had left voluntarily.", 30000, "people.displaced"),
        # Armenian arrivals and shelter, Russian survey of land, Azerbaijani houses put into use
        ("Երեկ Գորիս է ժամանել 1200 մարդ։", 1200, "people.displaced"),
        ("Դպրոցներում տեղավորված է 900 մարդ։", 900, "people.sheltered"),
        ("Саперы обследовали 12 гектаров земли.", 12, "demining.area_cleared"),
    ],
)
def test_indicator_from_the_words_around_the_figure(sentence, value, indicator):
    found = {f.value: f.indicator for f in figures(BODY + sentence)}
    assert found.get(value) == indicator, found


def test_share_named_just_before_the_percent_in_the_same_clause():
    found = figures(BODY + "Women make up 53 per cent of the arrivals, and children about 30 per cent.")
    assert [(f.value, f.indicator) for f in found] == [(53, "population.share"), (30, "population.share")]


def test_share_of_those_who_fled():
    assert one(BODY + "Aid groups estimate that up to 40 percent of those who fled will not return.").indicator == "population.share"


def test_part_of_a_total_in_another_unit_does_not_take_its_indicator():
    found = {f.value: f.indicator for f in figures(BODY + "A convoy of 20 trucks brought 110 tons of aid, including 4,000 food parcels.")}
    assert found[110] == "aid.tons_delivered"
    assert found[4000] == "aid.items"


@pytest.mark.parametrize(
    ("text", "value", "date_of_fact"),
    [
        # a period with no day, or a plan: no date (not the publication date)
        ("Title\n\nBaku, 10 May 2021. Teams handed out 300 food parcels last week.", 300, None),
        ("Title\n\nBaku, 10 May 2021. In April the agency cleared 45 hectares near Aghdam.", 45, None),
        ("Title\n\nBaku, 10 May 2021. The ministry plans to hire 200 more deminers.", 200, None),
        ("Title\n\nБаку, 10 мая 2021. За неделю саперы обезвредили 412 мин.", 412, None),
        # a running total stays as of publication even with a month in the sentence
        ("Title\n\nBaku, 10 May 2021. Since November the teams have cleared 9,000 hectares so far.", 9000, "2021-05-10"),
        # the dateline's date is not the day of the event told right after it
        ("Title\n\nBAKU, May 10 (Test Wire) - Two workers were killed on Sunday when a mine exploded.\n\n(c) Test Wire 2021", 2, "2021-05-09"),
        # a sentence with no date of its own takes the day of the previous sentence of its paragraph
        ("Title\n\nBaku, 10 May 2021. A convoy reached the town on Saturday. The cargo includes 3,200 food parcels.", 3200, "2021-05-08"),
        # ... but not from another paragraph
        ("Title\n\nBaku, 10 May 2021. A convoy reached the town on Saturday.\n\nThe cargo includes 3,200 food parcels.", 3200, "2021-05-10"),
    ],
)
def test_date_of_fact_conventions(text, value, date_of_fact):
    (figure,) = [f for f in extract_text(text).figures if f.value == value]
    assert (figure.date_of_fact.isoformat() if figure.date_of_fact else None) == date_of_fact


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [
        ("Two military doctors and three paramedics will see patients daily.", 3, "troops"),
        ("WFP distributed 31,000 ready-to-eat rations at the crossing.", 31000, "items"),
        ("Yesterday 23 foreign diplomats visited the town.", 23, "people"),
        ("С пациентами выехали 187 сопровождающих лиц.", 187, "people"),
        ("За сутки через Лачинский коридор проследовали 300 автомашин.", 300, "vehicles"),
    ],
)
def test_more_unit_nouns(sentence, value, unit):
    found = {f.value: f.unit for f in figures(BODY + sentence)}
    assert found.get(value) == unit, found


@pytest.mark.parametrize(
    "sentence",
    [
        "Supplies were flown in by two Il-76 aircraft from Moscow.",
        "Два самолета Ил-76 доставили груз.",
        "A T-72 tank was seen near the village.",
    ],
)
def test_model_designations_are_not_quantities(sentence):
    assert all(f.value not in (76, 72) for f in figures(BODY + sentence))


def test_related_articles_block_is_not_read():
    text = BODY + "Teams restored 12 houses.\n\nRELATED ARTICLES\nMartakert: 45 families receive keys to new homes   09:30 | 21.05.2021\n"
    assert [f.value for f in figures(text)] == [12]


@pytest.mark.parametrize(
    ("sentence", "indicator"),
    [
        # a planned deployment keeps its indicator (its date is null)
        ("About 2,000 more peacekeepers will be deployed along the line of contact.", "personnel.deployed"),
        ("The agency said 150 more deminers would join the teams in February.", "personnel.deployed"),
        # planned quantities of other things are 'other'
        ("Up to 300 more hectares still need to be surveyed.", "other"),
        # people held or missing are 'other', troops too
        ("Four servicemen went missing near the village.", "other"),
    ],
)
def test_plans_and_captivity(sentence, indicator):
    (figure,) = figures(BODY + sentence)
    assert figure.indicator == indicator


def test_key_figures_box_repeating_the_body_is_annotated_once_in_the_body():
    text = (
        BODY5 + "KEY FIGURES\n  2,310   people in collective shelters\n  75 tons of food delivered\n\n"
        "SITUATION\nBy Sunday, 2,310 people were living in collective shelters in Goris.\n"
    )
    found = figures(text)
    assert [f.value for f in found] == [75, 2310]
    assert found[1].span[0] > text.index("SITUATION")


@pytest.mark.parametrize(
    ("sentence", "value", "indicator"),
    [
        # pupils of a school are its capacity, whatever the verbs around
        ("The school will take 640 pupils, including 90 children from displaced families.", 640, "other"),
        ("Kənddə 200 fərdi ev və 360 şagird yerlik məktəb istifadəyə verilib.", 200, "infrastructure.restored"),
        ("Kənddə 200 fərdi ev və 360 şagird yerlik məktəb istifadəyə verilib.", 360, "other"),
    ],
)
def test_pupils_are_a_capacity(sentence, value, indicator):
    found = {f.value: f.indicator for f in figures(BODY + sentence)}
    assert found.get(value) == indicator, found


def test_an_exception_in_the_previous_sentence_does_not_carry_over():
    text = BODY + "In June 15 detainees were released in exchange for maps.\n\nThe agency plans to have about 1,600 deminers by the spring."
    found = {f.value: f.indicator for f in figures(text)}
    assert found[1600] == "personnel.deployed"


@pytest.mark.parametrize(
    ("sentence", "indicator"),
    [
        # a country or town that "received" people hosts arrivals; people who received goods were assisted
        ("Armenia has received more than 100,000 refugees.", "people.displaced"),
        ("Some 2,000 families received food parcels.", "people.assisted"),
        # a total that "reached" a number is not assistance
        ("The death toll reached more than 200 people.", "casualties.killed"),
        ("The number of refugees reached 100,000 people on Friday.", "people.displaced"),
    ],
)
def test_received_and_reached_depend_on_what_follows(sentence, indicator):
    (figure,) = figures(BODY + sentence)
    assert figure.indicator == indicator


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [
        # a number in the years' range followed by a counted noun is a quantity
        ("В регион доставлены 1960 военнослужащих.", 1960, "troops"),
        ("Our teams cleared 2010 mines last month.", 2010, "items"),
        # the earlier value a figure is compared with takes its unit
        ("The monitors registered 52 violations, up from 49 on Tuesday.", 49, "incidents"),
        ("The kitchen now feeds 2,000 people, compared with 1,200 last week.", 1200, "people"),
        # Russian number words in oblique cases
        ("Повреждено порядка сорока школ.", 40, None),
        ("Вернулись более шестидесяти семей.", 60, "people"),
        ("Погибли девяносто шесть человек.", 96, "people"),
    ],
)
def test_more_number_styles_are_figures(sentence, value, unit):
    figures = extract_text("Title\n\n" + sentence).figures
    found = [f for f in figures if f.value == value]
    assert found and (unit is None or found[0].unit == unit)


@pytest.mark.parametrize(
    "sentence",
    [
        "In 2010 people began to return to the valley.",
        "В 2020 году вернулись домой.",
        "Since 2020 deminers have worked in the district.",
    ],
)
def test_a_year_introduced_as_a_year_stays_a_year(sentence):
    assert not [f for f in extract_text("Title\n\n" + sentence).figures if f.value in (2010, 2020)]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Some 5,000 people crossed the bridge on Monday. Arrivals peaked at more than 2,000 on a single day.", 2000),
        ("About 9,000 refugees are in collective centres and an estimated 4,500 with host families.", 4500),
        ("В субботу в Горис прибыли 300 беженцев. В понедельник было почти 500.", 500),
        ("Some 2,000 people arrived on Friday; on Saturday, more than 3,000.", 3000),
    ],
)
def test_a_hedged_count_without_a_noun_takes_the_people_of_the_figure_before(text, value):
    found = {f.value: f.unit for f in extract_text("Title\n\n" + text).figures}
    assert found.get(value) == "people"


def test_a_bare_small_or_unhedged_number_stays_no_figure():
    found = {f.value for f in extract_text("Title\n\nSome 5,000 people crossed on Monday. The road reopened at 40 on the dial.").figures}
    assert 40 not in found


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("Local officials put the population at 118,000 before the exodus.", 118000),
        ("The district had an estimated population of 14,500 when the refugees returned.", 14500),
        ("Население района составляло около 30 тысяч человек.", 30000),
    ],
)
def test_a_stated_population_is_a_people_count_with_no_movement(sentence, value):
    found = {f.value: (f.unit, f.indicator) for f in extract_text("Title\n\n" + sentence).figures}
    assert found.get(value) == ("people", "other")


@pytest.mark.parametrize(
    "sentence",
    [
        "The foreign ministers of the two countries met in Washington.",
        "Leaders of three states signed the statement.",
        "Министры двух стран встретились в Москве.",
    ],
)
def test_countries_counted_as_parties_are_no_figures(sentence):
    assert extract_text("Title\n\n" + sentence).figures == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Residents describe queues of several hundred people outside bakeries.",
        "Несколько тысяч человек вышли на митинг.",
        "One of the new residents said the flats were warm.",
        "Officials said one of its convoys was stopped at the bridge.",
    ],
)
def test_vague_amounts_and_one_member_of_a_group_are_no_figures(sentence):
    assert extract_text("Title\n\n" + sentence).figures == []


def test_one_of_a_group_killed_is_still_a_casualty_figure():
    (figure,) = extract_text("Title\n\nOne of its soldiers was killed near the post.").figures
    assert (figure.value, figure.indicator) == (1, "casualties.killed")


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("The hospital treated 120 injured people, 38 of them with burns.", 38, "people"),
        ("The delegates visited 40 detainees and helped 18 of them send messages home.", 18, "people"),
        ("Погибли 12 человек, 3 из них дети.", 3, None),
    ],
)
def test_a_part_of_the_group_just_counted_is_a_figure(text, value, unit):
    found = {f.value: f.unit for f in extract_text("Title\n\n" + text).figures}
    assert value in found and (unit is None or found[value] == unit)


def test_one_member_of_the_group_just_counted_is_no_new_figure():
    found = [f.value for f in extract_text("Title\n\nДвое мирных жителей ранены, один из них подросток.").figures]
    assert 1 not in found


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Peacekeepers set up 4 new observation posts, bringing the total in their zone to 23.", 23),
        ("Сейчас работают 16 постов, их число планируется довести до 23.", 23),
    ],
)
def test_a_total_brought_to_a_number_counts_what_the_figure_before_counted(text, value):
    figures = extract_text("Title\n\n" + text).figures
    assert [f.unit for f in figures if f.value == value] == [figures[0].unit]
