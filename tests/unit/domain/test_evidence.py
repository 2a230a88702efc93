from __future__ import annotations

import pytest
from pydantic import ValidationError

from clinllm.domain import Evidence, Finding, page_at


def test_evidence_at_fills_text_and_page() -> None:
    text = "page one\fpage two CPT 72148"
    start = text.index("72148")
    ev = Evidence.at(text, start, start + 5)
    assert ev.text == "72148"
    assert ev.page == 2
    assert ev.matches(text)


def test_evidence_that_does_not_sit_at_its_offsets_does_not_match() -> None:
    ev = Evidence(start=0, end=5, text="72148")
    assert not ev.matches("M54.16 and 72148")


def test_evidence_rejects_inconsistent_spans_without_echoing_text() -> None:
    with pytest.raises(ValidationError) as err:
        Evidence(start=5, end=2, text="Jane Roe")
    assert "Jane Roe" not in str(err.value)
    with pytest.raises(ValidationError):
        Evidence(start=0, end=3, text="Jane")


def test_page_at_counts_form_feeds() -> None:
    assert page_at("a\fb\fc", 0) == 1
    assert page_at("a\fb\fc", 4) == 3


def test_finding_code_is_a_machine_name() -> None:
    f = Finding(code="npi_check_digit", severity="error", message="fixed text", field="npi")
    assert f.severity == "error"
    with pytest.raises(ValidationError):
        Finding(code="Not A Code", severity="info", message="x")
