from __future__ import annotations

import pytest

from clinllm.workflows.prior_auth.layout import Layout, label_kind


@pytest.mark.parametrize(
    ("label", "kind"),
    [
        ("Requested service", "request"),
        ("Items requested (rental, capped)", "request"),
        ("CPT/HCPCS code", "request"),
        ("Diagnosis codes", "diagnosis"),
        ("ICD-10-CM", "diagnosis"),
        ("Past medical history", "history"),
        ("Prior procedures", "history"),
        ("PMH", "history"),
        ("Prior authorization request", "request"),
        ("Phone", "neutral"),
    ],
)
def test_label_kind(label: str, kind: str) -> None:
    assert label_kind(label) == kind


def test_indented_lines_inherit_their_block_and_headings_set_sections() -> None:
    text = (
        "Service requested: MRI brain without contrast,\n"
        "                   (CPT 70553)\n"
        "Other history\n"
        "M79.7 fibromyalgia\n"
    )
    layout = Layout(text)
    assert layout.lines[1].context == "request"
    assert layout.lines[3].section == "history"
    assert layout.line_at(text.index("70553")).index == 1


def test_dot_leader_labels() -> None:
    layout = Layout("Diagnoses .......... R06.83 Snoring\n")
    assert [lab.text for lab in layout.lines[0].labels] == ["Diagnoses"]
    assert layout.lines[0].context == "diagnosis"


def test_a_value_wrapped_at_the_margin_keeps_its_fields_kind() -> None:
    layout = Layout(
        "Requested service: occupational therapy evaluation and\n"
        "(97166) twice a week for six weeks\n"
        "Nothing else here.\n"
        "Requested service: wheelchair cushion.\n"
        "(E2603) on file already\n"
    )
    assert layout.lines[1].context == "request"
    assert layout.lines[2].context == "neutral"  # a new sentence, not a continuation
    assert layout.lines[4].context == "neutral"  # the value above ended with its full stop
