"""The entities stage: organisations and people."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitroom.pipeline import entities, places
from sitroom.pipeline.context import Context


def run(text: str, source: str | None = None) -> Context:
    ctx = Context(text=text, clean=text)
    ctx.info.source = source
    places.run(ctx)
    entities.run(ctx)
    return ctx


def orgs(text: str, source: str | None = None) -> list[str]:
    return [m.name for m in run(text, source).organizations]


def people(text: str) -> list[tuple[str, str | None]]:
    return [(p.name, p.role) for p in run(text).people]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The UN Security Council met. The UN said nothing.", ["UN Security Council", "UN"]),
        ("Staff of the Noginsk Rescue Center left.", ["Noginsk Rescue Center"]),
        ("According to the Ministry of Civil Defense and Emergencies, aid left.", ["Ministry of Civil Defense and Emergencies"]),
        ("A unit of the Russian Emergencies Ministry arrived.", ["Russian Emergencies Ministry"]),
        ("Talks involved the Foreign Ministry.", ["Foreign Ministry"]),
        ("The Russian-Turkish monitoring center is working.", ["Russian-Turkish monitoring center"]),
        ("Peacekeepers on patrol, May 3, 2021. /CFP", ["CFP"]),
        ("It opened a “center for humanitarian reaction.”", ["center for humanitarian reaction"]),
        ("Сотрудники МЧС России прибыли.", ["МЧС России"]),
        ("Работу координирует Межведомственного центра гуманитарного реагирования штаб.", ["Межведомственного центра гуманитарного реагирования"]),
    ],
)
def test_organisations(text: str, expected: list[str]) -> None:
    assert orgs(text) == expected


def test_the_source_is_split_into_its_outlets() -> None:
    text = "YEREVAN (Caucasus Daily / Sputnik - 1st May, 2021) Nothing happened."
    assert orgs(text, "Caucasus Daily / Sputnik") == ["Caucasus Daily", "Sputnik"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russian President Vladimir Putin spoke.", [("Vladimir Putin", "Russian President")]),
        ("President of Russia Vladimir Putin spoke.", [("Vladimir Putin", "President of Russia")]),
        ("It was headed by Lieutenant General Rustam Muradov.", [("Rustam Muradov", "Lieutenant General")]),
        ("Armenian PM Nikol Pashinyan arrived.", [("Nikol Pashinyan", "Armenian PM")]),
        (
            "Arayik Harutyunyan, the president of the self-proclaimed republic, spoke.",
            [("Arayik Harutyunyan", "president of the self-proclaimed republic")],
        ),
        (
            "First Deputy Permanent Representative of the Russian Federation to the UN Dmitry Polyanskiy stated it.",
            [("Dmitry Polyanskiy", "First Deputy Permanent Representative of the Russian Federation to the UN")],
        ),
        ("Генерал-лейтенант Рустам Мурадов прибыл.", [("Рустам Мурадов", "Генерал-лейтенант")]),
        ("Встреча Владимира Путина и Никола Пашиняна прошла.", [("Владимир Путин", None), ("Никол Пашинян", None)]),
        ("Пресс-секретарь Зара Амирян сообщила.", [("Зара Амирян", "Пресс-секретарь")]),
    ],
)
def test_people_and_roles(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert people(text) == expected


def test_a_surname_alone_is_the_same_person() -> None:
    text = "Putin praises peacekeepers\nRussian President Vladimir Putin spoke. Later Putin left."
    assert people(text) == [("Vladimir Putin", "Russian President")]


@pytest.mark.parametrize(
    "text",
    [
        "The Minister of Defense of the Russian Federation, five centres opened.",
        "The Deputy Prime Ministers of Armenia, Azerbaijan and Russia met.",
        "Nagorno-Karabakh President said nothing.",
        "On Sunday President Monday came.",
    ],
)
def test_no_false_people(text: str) -> None:
    assert people(text) == []


@settings(max_examples=50, deadline=None)
@given(st.lists(st.sampled_from(["Pr", "esid", "ent ", "Vladimir", " Putin", "of", " ", ",", ".", "\n", "Ministry", " UN ", "Center", "Russia"]), max_size=30).map("".join))
def test_spans_always_slice_the_text(text: str) -> None:
    ctx = run(text)
    for m in ctx.organizations:
        assert text[m.span[0] : m.span[1]] == m.name
    for p in ctx.people:
        assert 0 <= p.span[0] < p.span[1] <= len(text)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("MOSCOW, Nov 28 (Caucasus Wire) - Peacekeepers arrived in the region.", {"Caucasus Wire"}),
        ("The Humanitarian Country Team (HCT) met in Yerevan.", {"Humanitarian Country Team", "HCT"}),
        ("«Колонна прибыла», — сообщили в Министерстве обороны России.", {"Министерстве обороны России"}),
    ],
)
def test_credits_acronym_definitions_and_ru_genitive_bodies(text: str, names: set[str]) -> None:
    from sitroom.pipeline import extract_text

    assert names <= {o.name for o in extract_text(text).organizations}


@pytest.mark.parametrize(
    "text",
    [
        "(Reporting by Olga Petrova; Editing by John Marsh)",
        "(Reporting by agency staff; Writing by Peter Holm)",
        "Photo: Valley Herald / Ani Petrosyan",
        "Беседовала Мария Смирнова",
        "Записал Олег Иванов",
        "Press contacts:\nNarine Hakobyan, ICRC Yerevan, tel: +374 10 000 000",
        "The talks were led by the Minsk Group co-chairs.\n\nWithin days, both sides met.",
        "A UN spokesperson in New York said the mission would go ahead.",
        "Critics call it a Georgian Orthodox church, the region's Caucasian Albanian heritage.",
        "Azərbaycan Milli Agentliyinin məlumatına görə.",
    ],
)
def test_credits_and_non_person_shapes_are_not_people(text: str) -> None:
    assert people(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Руководитель центра Сергей Котов рассказал о работе.\n— Сергей Николаевич, с чего начали?",
            ["Сергей Котов"],
        ),
        ("— Анна Петровна, как дела?", []),
        (
            '"We are ready," said Ewa Lindqvist, an official with the International Committee of the Red Cross in Yerevan.',
            ["Ewa Lindqvist"],
        ),
    ],
)
def test_patronymic_address_and_officials(text: str, expected: list[str]) -> None:
    assert [name for name, _ in people(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Among them was a 70-year-old Hasmik from Martuni.", [("Hasmik", "70-year-old")]),
        ("Одна из жительниц, 58-летняя Гоар, рассказала о дороге.", [("Гоар", "58-летняя")]),
        ("Lusine, 45, said the bus was late.", [("Lusine", "45")]),
        # an age before a word that is not a given name names nobody
        ("A 40-year-old Soviet bridge was repaired.", []),
    ],
)
def test_a_person_given_by_first_name_and_age(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert people(text) == expected


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Как рассказал представитель агентства дорог Азербайджана Эльчин Гулиев, трасса готова.", "Эльчин Гулиев"),
        ("The head of the office in Armenia Anahit Sargsyan spoke.", "Anahit Sargsyan"),
    ],
)
def test_a_place_before_a_given_name_is_not_part_of_the_name(text: str, name: str) -> None:
    assert name in [p for p, _ in people(text)]


@pytest.mark.parametrize("name", ["Gareth Lowry", "Ingrid Sandberg", "Nargiz Aliyeva", "Seda Hakobyan"])
def test_given_names_of_aid_workers_and_officials_are_known(name: str) -> None:
    assert [p for p, _ in people(f"{name} has run the programme since 2019.")] == [name]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("По данным Минобороны непризнанной НКР, обстрел продолжался.", ["Минобороны непризнанной НКР"]),
        ("Генпрокуратура Азербайджана возбудила дело.", ["Генпрокуратура Азербайджана"]),
        ("По данным мэрии Гориса, пунктов одиннадцать.", ["мэрии Гориса"]),
        ("Об этом сообщили в российском Минобороны.", ["российском Минобороны"]),
        ("Пресс-служба МЧС России сообщила о рейсе.", ["Пресс-служба МЧС России"]),
        ("Представитель Детского фонда ООН посетил школу.", ["Детского фонда ООН"]),
        ("Делегация Управления ООН по делам беженцев прибыла.", ["Управления ООН по делам беженцев"]),
        ("Депутаты Милли Меджлиса посетили город.", ["Милли Меджлиса"]),
    ],
)
def test_russian_body_names_with_their_owner(text: str, expected: list[str]) -> None:
    assert orgs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Families were housed by Goris municipality in two schools.", ["Goris municipality"]),
        # a place body needs a place the document names
        ("The Green municipality was not involved.", []),
        # menu items separated by double spaces are not one name
        ("Home  Politics  Society\n\nThe school reopened.", []),
        # a photographer after the slash is a person, not an agency
        ("Children in the hall. Photo: Martuni Voice / Hasmik Avanesyan\n", []),
        # a lower-case description is not a name (the acronym in it still names the UN)
        ("UNHCR, the UN refugee agency, said so.", ["UNHCR", "UN"]),
    ],
)
def test_organisation_name_edges(text: str, expected: list[str]) -> None:
    assert orgs(text) == expected


def test_the_outlet_is_named_without_a_note_in_brackets() -> None:
    text = "Peacekeepers' Bulletin (unofficial English translation)\n\nConvoys passed."
    assert orgs(text, source="Peacekeepers' Bulletin (unofficial English translation)") == ["Peacekeepers' Bulletin"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("По словам Марии Захаровой, переговоры продолжатся.", "Мария Захарова"),
        ("Встреча с Анной Ковалевой прошла в Ереване.", "Анна Ковалева"),
        ("Журналисты спросили Ольгу Смирнову о колонне.", "Ольга Смирнова"),
        ("Письмо передали Лусине Мкртчян утром.", "Лусине Мкртчян"),
    ],
)
def test_feminine_russian_names_in_oblique_cases_are_given_in_the_nominative(text: str, name: str) -> None:
    assert name in [p for p, _ in people(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Azerbaijan's Ministry of Internal Affairs and the State Border Service reported calm.",
            ["Ministry of Internal Affairs", "State Border Service"],
        ),
        ("The Ministry of Labour and Social Affairs registered them.", ["Ministry of Labour and Social Affairs"]),
        ("Save the Children and World Vision opened centres.", ["Save the Children", "World Vision"]),
        ("Представители Государственной пограничной службы провели встречу.", ["Государственной пограничной службы"]),
        (
            "Управление верховного комиссара ООН по делам беженцев помогло людям.",
            ["Управление верховного комиссара ООН по делам беженцев"],
        ),
    ],
)
def test_lists_of_bodies_and_russian_adjective_chains(text: str, expected: list[str]) -> None:
    assert orgs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ԿԽՄԿ-ն հայտնեց, որ Կարմիր Խաչի միջազգային կոմիտեն օգնում է։", ["ԿԽՄԿ", "Կարմիր Խաչի միջազգային կոմիտեն"]),
        ("Ռուսաստանի պաշտպանության նախարարությունը հայտնեց։", ["Ռուսաստանի պաշտպանության նախարարությունը"]),
        ("Azərbaycan Milli Mina Təmizləmə Agentliyinin məlumatına görə.", ["Azərbaycan Milli Mina Təmizləmə Agentliyinin"]),
    ],
)
def test_armenian_and_azerbaijani_names_of_bodies(text: str, expected: list[str]) -> None:
    assert orgs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("UN peacekeeping chief Jean-Pierre Lacroix met officials.", ["Jean-Pierre Lacroix"]),
        ("Pierre Dumas spoke first.", ["Pierre Dumas"]),
    ],
)
def test_hyphenated_given_names_are_one_name(text: str, expected: list[str]) -> None:
    assert [p for p, _ in people(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "The Roman Catholic church and the Armenian Apostolic Church sent aid.",
        "Trucks crossed the Hakari Bridge and the Lachin Corridor checkpoint.",
        "The Grand Hotel Yerevan housed 40 families.",
    ],
)
def test_places_and_institutions_after_a_given_name_are_not_people(text: str) -> None:
    assert people(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Office of the UN Resident Coordinator in Armenia issued the update.", ["Office of the UN Resident Coordinator"]),
        ("The Humanitarian Country Team met on Monday.", ["Humanitarian Country Team"]),
        ("The Department of Health counted the cases.", ["Department of Health"]),
    ],
)
def test_names_built_as_office_of_the_and_teams(text: str, expected: list[str]) -> None:
    assert orgs(text) == expected


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Ծառայության պետ Արմեն Մանուկյանը այցելեց դպրոց։", ["Արմեն Մանուկյան"]),
        # '-ության' ends nouns ('Հանրապետության'), never a surname
        ("Արցախի Հանրապետության կառավարությունը հայտնեց։", []),
        ("Agentliyin sözçüsü Ramil Əzizov bildirib ki, yollar yoxlanılıb.", ["Ramil Əzizov"]),
    ],
)
def test_armenian_and_azerbaijani_script_names(text: str, names: list[str]) -> None:
    assert [p.name for p in run(text).people] == names



@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a title 'in <place>' before a name whose given name is not in the lexicon
        ("IOM Representative in Armenia Ilona Verhoeven visited the shelters.", "Ilona Verhoeven"),
        ("He called the Minister of Foreign Affairs of Lithuania Gabrielius Landsbergis on Monday.", "Gabrielius Landsbergis"),
        # a full name with an age between commas
        ("Elif Kaya, 34, runs a bakery in the old town.", "Elif Kaya"),
        # a full name after the verb of a quotation
        ('"The camps are full," said Ruth Okafor, who heads the office in Goris.', "Ruth Okafor"),
    ],
)
def test_people_named_by_their_context_whatever_the_given_name(text: str, name: str) -> None:
    assert name in [p.name for p in run(text).people]


def test_a_name_after_said_is_not_taken_from_a_body() -> None:
    assert [p.name for p in run('"Access is limited," said Amnesty International.').people] == []


def test_the_press_service_of_the_ministry_names_no_body() -> None:
    assert "пресс-службе министерства" not in orgs("Об этом ТАСС сообщили в пресс-службе министерства.")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Samvel Harutyunyan repairs his roof. His wife, Gayane, nodded.", "Gayane"),
        ("Others, like Harutyunyan's neighbour Vardan, simply left.", "Vardan"),
    ],
)
def test_a_relative_named_by_the_given_name_is_a_person(text: str, name: str) -> None:
    assert name in [p.name for p in run(text).people]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("По данным минздрава Армении, ранены 12 человек.", "минздрава Армении"),
        ("Как сообщили в МВД непризнанной республики, огонь открыт.", "МВД непризнанной республики"),
    ],
)
def test_russian_short_ministry_heads_with_their_owner(text: str, name: str) -> None:
    assert orgs(text) == [name]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Հայաստանի Առողջապահության նախարարությունը հայտնել է։", ["Հայաստանի Առողջապահության նախարարությունը"]),
        # a plural head names no single body ('the medical centres of Yerevan')
        ("Հիվանդները տեղափոխվել են Երևանի բժշկական կենտրոններ։", []),
    ],
)
def test_armenian_bodies_named_with_their_owner(text: str, expected: list[str]) -> None:
    assert orgs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Fövqəladə Hallar Nazirliyinin məlumatına görə, yanğın söndürülüb.", ["Fövqəladə Hallar Nazirliyinin"]),
        ("Dövlət Sərhəd Xidməti bildirib ki, keçid açıqdır.", ["Dövlət Sərhəd Xidməti"]),
    ],
)
def test_azerbaijani_bodies_with_their_case_endings(text: str, expected: list[str]) -> None:
    assert orgs(text) == expected


def test_a_title_with_an_of_part_before_a_lone_surname_keeps_the_title_words() -> None:
    assert [(p.name, p.role) for p in run("Minister of Defence Shoigu arrived in Goris.").people] == [("Shoigu", "Minister of Defence")]
