"""Header-row tables: labels across the top, values under them (issue 16).

Text written here for each mechanism: an aligned grid and a pipe table whose header row is
field labels give each value to the label above it; an empty cell is a missing field; a row
that is not all labels is no header.
"""

from __future__ import annotations

import pytest

from clinllm.workflows.prior_auth.columns import header_tables
from clinllm.workflows.prior_auth.slots import find_slots

from .conftest import Extract

pytestmark = pytest.mark.anyio

GRID = """Harborview Health Plan - request for review 03/02/2026
Patient Name          DOB            Member ID
Dana Okonkwo          04/05/1977     {member}
Ordering Physician    NPI            Date of Service
Maria Okafor MD       1245319599     03/20/2026
CPT 72148   MRI lumbar spine without contrast
ICD-10 M54.16  radiculopathy, lumbar region
Clinical summary: ten weeks of radicular pain, failed 6 weeks of PT and NSAIDs.
"""

PIPES = """Prior auth request 03/02/2026
| Patient | DOB | Plan | Member ID |
|---|---|---|---|
| Dana Okonkwo | 04/05/1977 | Harborview Health Plan | {member} |
| Provider | NPI | CPT | ICD-10 | DOS |
|---|---|---|---|---|
| Maria Okafor MD | 1245319599 | 72148 | M54.16 | 03/20/2026 |
Clinical summary: ten weeks of radicular pain, failed 6 weeks of PT and NSAIDs.
"""


def _is_label(cell: str) -> bool:
    return cell in {"Name", "DOB", "Plan"}


def test_each_value_goes_to_the_label_above_it() -> None:
    lines = ["Name      DOB        Plan", "Ann Lee   1/2/1960   Acme Care"]
    cells, used = header_tables(lines, [0, len(lines[0]) + 1], _is_label)
    text = "\n".join(lines)
    assert [(c.label, text[c.start : c.end]) for c in cells] == [
        ("Name", "Ann Lee"),
        ("DOB", "1/2/1960"),
        ("Plan", "Acme Care"),
    ]
    assert used == {0, 1}


def test_an_empty_column_is_an_empty_cell() -> None:
    lines = ["Name      DOB        Plan", "Ann Lee              Acme Care"]
    cells, _ = header_tables(lines, [0, len(lines[0]) + 1], _is_label)
    (dob,) = [c for c in cells if c.label == "DOB"]
    assert dob.start == dob.end


def test_a_row_that_is_not_all_labels_is_no_header() -> None:
    lines = ["Name: Ann Lee   DOB: 1/2/1960", "Plan   Acme Care"]
    cells, used = header_tables(lines, [0, len(lines[0]) + 1], _is_label)
    assert cells == []
    assert used == set()


@pytest.mark.parametrize("layout", [GRID, PIPES])
async def test_a_filled_grid_misses_nothing(layout: str, extract: Extract) -> None:
    ex, _ = await extract(layout.format(member="HHP204118937"))
    assert ex.missing_fields == []
    assert ex.member_id == "HHP204118937"


@pytest.mark.parametrize("layout", [GRID, PIPES])
async def test_an_empty_cell_is_missing(layout: str, extract: Extract) -> None:
    text = layout.format(member="")
    assert [s.filled for s in find_slots(text)["member_id"]] == [False]
    ex, _ = await extract(text)
    assert ex.missing_fields == ["member_id"]
