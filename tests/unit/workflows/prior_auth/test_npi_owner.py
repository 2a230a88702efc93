from __future__ import annotations

import pytest

from clinllm.workflows.prior_auth.layout import Layout
from clinllm.workflows.prior_auth.npi_owner import unowned_npi

VALID = "1245319599"
OTHER = "1497758544"


@pytest.mark.parametrize(
    "text",
    [
        # two pairs a line: the NPI's own pair, not the name's
        f"Clinician: Ana Ruiz, MD    Site: North\nMbr #: X12345    Ord NPI: {VALID}\n",
        # the value on the line under its label
        f"Doctor : Ana Ruiz, MD\nNPI :\n      {VALID}\n",
        # the NPI word inside a longer label
        f"Medica / Physician: Ana Ruiz\nNPI de la medica: {VALID}\n",
        # another party's NPI is not counted against the requester's
        f"Referring NPI: {OTHER}\nProvider NPI: {VALID}\n",
    ],
)
def test_the_one_npi_no_other_party_owns(text: str) -> None:
    found = unowned_npi(Layout(text))
    assert found is not None
    assert found.value == VALID
    assert text[found.start : found.end] == VALID
    assert found.confidence < 0.7  # by elimination: a person confirms it


@pytest.mark.parametrize(
    "text",
    [
        f"NPI: {VALID}\nNPI: {OTHER}\n",  # two candidates: no elimination
        f"Facility NPI: {VALID}\n",  # another party's
        "NPI: 1245319598\n",  # fails the check digit
        f"Phone {VALID}\n",  # ten digits with no NPI word
    ],
)
def test_no_npi_when_none_or_several_are_unowned(text: str) -> None:
    assert unowned_npi(Layout(text)) is None
