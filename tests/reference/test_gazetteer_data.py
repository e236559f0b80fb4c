"""Invariants of the gazetteer reference file (pure pytest, no Django).

Run: .venv/bin/pytest tests/reference/test_gazetteer_data.py (or with -p no:django --noconftest,
since tests/conftest.py sets up Django)
"""
import json
import re
import unicodedata
from pathlib import Path

import pytest

GAZETTEER = Path(__file__).resolve().parents[2] / "src" / "sitroom" / "data" / "gazetteer.json"
KINDS = {"country", "region", "district", "city", "town", "village", "crossing", "corridor", "post", "site"}
LANGS = {"en", "hy", "ru", "az"}

# Names deliberately shared by two places: none at present. If one is ever needed,
# add it here as {normalised name: {id, id}} with the reason in a comment.
SHARED_NAMES: dict[str, set[str]] = {}

KEY_PLACES = [
    "armenia", "azerbaijan", "nagorno-karabakh", "karabakh", "stepanakert", "shusha", "lachin",
    "hadrut", "martuni", "martakert", "askeran", "khojaly", "kalbajar", "aghdam", "fuzuli",
    "jabrayil", "zangilan", "gubadly", "yerevan", "baku", "goris", "lachin-corridor",
]

SCRIPT = {
    "hy": re.compile(r"[\u0530-\u058F]"),
    "ru": re.compile(r"[\u0400-\u04FF]"),
}


def norm(name: str) -> str:
    return unicodedata.normalize("NFC", name).casefold().strip()


@pytest.fixture(scope="module")
def places():
    return json.loads(GAZETTEER.read_text(encoding="utf-8"))


def test_is_list_of_enough_places(places):
    assert isinstance(places, list)
    assert len(places) >= 60


def test_shape(places):
    for p in places:
        assert set(p) == {"id", "kind", "parent", "lat", "lon", "names"}, p.get("id")
        assert isinstance(p["id"], str) and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", p["id"]), p["id"]
        assert p["kind"] in KINDS, p["id"]
        assert set(p["names"]) <= LANGS, p["id"]
        for lang, names in p["names"].items():
            assert isinstance(names, list) and names, (p["id"], lang)
            for n in names:
                assert isinstance(n, str) and n == n.strip() and n, (p["id"], lang, n)


def test_unique_ids(places):
    ids = [p["id"] for p in places]
    assert len(ids) == len(set(ids))


def test_parents_exist_and_no_cycles(places):
    by_id = {p["id"]: p for p in places}
    for p in places:
        seen = {p["id"]}
        parent = p["parent"]
        while parent is not None:
            assert parent in by_id, (p["id"], parent)
            assert parent not in seen, ("cycle", p["id"])
            seen.add(parent)
            parent = by_id[parent]["parent"]


def test_coordinates_plausible(places):
    for p in places:
        lat, lon = p["lat"], p["lon"]
        assert isinstance(lat, (int, float)) and isinstance(lon, (int, float)), p["id"]
        assert round(lat, 4) == lat and round(lon, 4) == lon, p["id"]
        if p["kind"] == "country":
            assert -90 <= lat <= 90 and -180 <= lon <= 180, p["id"]
        else:
            # the operation area, the South Caucasus and the capitals/hubs (Moscow, Ankara, Tehran)
            assert 35.0 <= lat <= 56.5 and 32.0 <= lon <= 52.0, p["id"]
    by_id = {p["id"]: p for p in places}
    # places of the operation area proper lie in a tight box
    for pid in KEY_PLACES:
        p = by_id[pid]
        if p["kind"] in {"country", "region"} or pid in {"yerevan", "baku"}:
            continue
        assert 38.8 <= p["lat"] <= 40.8 and 45.5 <= p["lon"] <= 47.5, pid


def test_every_place_has_en_and_ru(places):
    for p in places:
        assert p["names"].get("en"), p["id"]
        assert p["names"].get("ru"), p["id"]


def test_key_places_have_all_scripts(places):
    by_id = {p["id"]: p for p in places}
    for pid in KEY_PLACES:
        assert pid in by_id, pid
        names = by_id[pid]["names"]
        assert names.get("hy"), pid
        assert names.get("az"), pid


def test_scripts_match_language(places):
    for p in places:
        for n in p["names"].get("hy", []):
            assert SCRIPT["hy"].search(n), (p["id"], n)
        for n in p["names"].get("ru", []):
            assert SCRIPT["ru"].search(n), (p["id"], n)
        for lang in ("en", "az"):
            for n in p["names"].get(lang, []):
                assert not SCRIPT["hy"].search(n) and not SCRIPT["ru"].search(n), (p["id"], n)


def test_no_name_shared_by_two_places(places):
    owners: dict[str, set[str]] = {}
    for p in places:
        for names in p["names"].values():
            for n in names:
                owners.setdefault(norm(n), set()).add(p["id"])
    shared = {n: ids for n, ids in owners.items() if len(ids) > 1}
    assert shared == {k: v for k, v in SHARED_NAMES.items()}, shared


def test_known_variants_resolve(places):
    index = {}
    for p in places:
        for names in p["names"].values():
            for n in names:
                index[norm(n)] = p["id"]
    expected = {
        "Khankendi": "stepanakert", "Xankəndi": "stepanakert", "Ստեփանակերտ": "stepanakert",
        "Shushi": "shusha", "Şuşa": "shusha", "Շուշի": "shusha", "Шуша": "shusha",
        "Berdzor": "lachin", "Laçın": "lachin", "Բերձոր": "lachin", "Бердзор": "lachin",
        "Karvachar": "kalbajar", "Kəlbəcər": "kalbajar", "Kelbajar": "kalbajar",
        "Aghdara": "martakert", "Agdere": "martakert", "Ağdərə": "martakert",
        "Asgaran": "askeran", "Əsgəran": "askeran",
        "Khojavend": "martuni", "Xocavənd": "martuni",
        "Erevan": "yerevan", "Երևան": "yerevan", "Ереван": "yerevan", "İrəvan": "yerevan",
        "Bakı": "baku", "Баку": "baku", "Բաքու": "baku",
        "Ivanyan": "khojaly", "Farrukh": "parukh",
    }
    for name, pid in expected.items():
        assert index.get(norm(name)) == pid, name


def test_first_en_name_is_display_name(places):
    # the display name should not be a lower-case or prefixed descriptive phrase
    for p in places:
        assert p["names"]["en"][0][0].isupper(), p["id"]
