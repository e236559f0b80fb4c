import csv
import datetime as dt
import io

import pytest

from sitroom.errors import ValidationError
from sitroom.operations.services.activities import (
    activity_create,
    activity_update,
    three_w_csv,
    three_w_matrix,
)


@pytest.fixture
def activities_3w(analyst, place, org):
    a = activity_create(user=analyst, title="Clearance of Martuni fields", organization=org("international-demining-center"), sector="demining", place=place("martuni"), start=dt.date(2020, 11, 20), status="ongoing", progress_value=5000, target_value=20000, progress_unit="m2")
    activity_create(user=analyst, title="Clearance of Stepanakert outskirts", organization=org("international-demining-center"), sector="demining", place=place("stepanakert"))
    activity_create(user=analyst, title="Family visits", organization=org("icrc"), sector="protection", place=place("stepanakert"))
    activity_create(user=analyst, title="=HYPERLINK(\"x\")", organization=org("icrc"), sector="health", place=place("martuni"), sensitivity="internal")
    return a


def test_matrix_lists_places_per_organisation_and_sector(analyst, activities_3w):
    matrix = three_w_matrix(user=analyst)
    rows = {org.key: [sorted(p.key for p in cell.place_list) if cell else None for cell in cells] for org, cells in matrix.rows()}
    assert [code for code, _ in matrix.sectors] == ["demining", "health", "protection"]
    assert rows == {"international-demining-center": [["martuni", "stepanakert"], None, None], "icrc": [None, ["martuni"], ["stepanakert"]]}


def test_csv_export_has_hxl_row_only_visible_rows_and_no_formulas(analyst, partner, activities_3w):
    rows = list(csv.reader(io.StringIO(three_w_csv(user=analyst))))
    assert rows[1][0] == "#org+name" and len(rows) == 2 + 4
    assert any(r[3].startswith("'=HYPERLINK") for r in rows[2:])
    partner_rows = list(csv.reader(io.StringIO(three_w_csv(user=partner))))
    assert len(partner_rows) == 2 + 3


def test_activity_rules(analyst, activities_3w, org):
    with pytest.raises(ValidationError) as err:
        activity_update(user=analyst, activity=activities_3w, end=dt.date(2020, 11, 1))
    assert err.value.field == "end"
    with pytest.raises(ValidationError) as err:
        activity_create(user=analyst, title="X", organization=org("icrc"), sector="knitting")
    assert err.value.field == "sector"
    with pytest.raises(ValidationError) as err:
        activity_update(user=analyst, activity=activities_3w, progress_value=-1)
    assert err.value.field == "progress_value"
