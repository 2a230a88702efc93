"""Cutting a document into escaped segments with evidence marks."""

from __future__ import annotations

from clinllm.domain.evidence import Evidence
from clinllm.entrypoints.api.ui.document import segments

TEXT = "Member ID: ABC123. NPI 1234567893 <script>x</script>"


def _at(fragment: str, field: str) -> Evidence:
    start = TEXT.index(fragment)
    return Evidence(start=start, end=start + len(fragment), text=fragment, field=field)


def test_segments_rebuild_the_text_and_mark_each_span() -> None:
    parts, marks = segments(TEXT, [_at("ABC123", "member_id"), _at("1234567893", "npi")])
    assert "".join(p.text for p in parts) == TEXT
    marked = [(p.text, [m.field for m in p.marks]) for p in parts if p.marks]
    assert marked == [("ABC123", ["member_id"]), ("1234567893", ["npi"])]
    assert [m.anchor for m in marks] == ["ev-1", "ev-2"]


def test_overlapping_spans_are_cut_at_every_boundary() -> None:
    outer = _at("Member ID: ABC123", "quote")
    inner = _at("ABC123", "member_id")
    parts, _ = segments(TEXT, [outer, inner])
    covered = {p.text: sorted(m.field for m in p.marks) for p in parts if p.marks}
    assert covered == {"Member ID: ": ["quote"], "ABC123": ["member_id", "quote"]}
    starts = {p.text: [m.anchor for m in p.starts] for p in parts if p.starts}
    assert starts == {"Member ID: ": ["ev-1"], "ABC123": ["ev-2"]}


def test_a_span_that_does_not_sit_in_the_text_is_left_out() -> None:
    stale = Evidence(start=0, end=6, text="ZZZZZZ", field="member_id")
    beyond = Evidence(start=len(TEXT), end=len(TEXT) + 3, text="abc", field="payer")
    parts, marks = segments(TEXT, [stale, beyond])
    assert marks == []
    assert [p.text for p in parts] == [TEXT]


def test_a_page_break_is_a_segment_of_its_own_naming_the_next_page() -> None:
    text = "page one\fpage two\fthree"
    parts, _ = segments(text, [])
    assert [(p.text, p.page) for p in parts] == [
        ("page one", None),
        ("\f", 2),
        ("page two", None),
        ("\f", 3),
        ("three", None),
    ]
