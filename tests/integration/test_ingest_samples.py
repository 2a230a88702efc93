"""The bundled samples ingest end to end, including OCR of the scanned PDF."""

from __future__ import annotations

import shutil
from typing import Any

import pytest

from clinllm.pipeline.ingest import ingest
from clinllm.samples import sample_manifest, sample_paths

MB = 1 << 20


def test_manifest_lists_every_sample_and_they_are_small() -> None:
    paths = sample_paths()
    assert [p.name for p in paths] == sorted(m["file"] for m in sample_manifest())
    assert sum(p.stat().st_size for p in paths) < 300_000
    kinds = " ".join(m["kind"] for m in sample_manifest())
    assert "scanned" in kinds
    assert "text PDF" in kinds


def _luhn_npi(npi: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed("80840" + npi)):
        d = int(ch) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


@pytest.mark.parametrize("entry", sample_manifest(), ids=lambda m: m["file"])
def test_sample_text_grounds_its_expected_values(entry: dict[str, Any]) -> None:
    if "scanned" in entry["kind"] and shutil.which("tesseract") is None:
        pytest.skip("tesseract-ocr is not installed (Debian package tesseract-ocr)")
    (path,) = [p for p in sample_paths() if p.name == entry["file"]]
    doc = ingest(path, max_bytes=MB)
    expected = entry["expected"]
    for procedure in expected["procedures"]:
        assert procedure["code"] in doc.text
    for diagnosis in expected["diagnoses"]:
        assert diagnosis["code"] in doc.text
    if expected["member_id"]:
        assert expected["member_id"] in doc.text
    npi = expected["requesting_provider"]["npi"]
    assert _luhn_npi(npi)
    assert npi in doc.text
    index = doc.text.index(npi)
    position = doc.offsets.locate(index)
    assert 1 <= position.page <= doc.page_count
    if doc.ocr_used:
        assert position.box is not None
        assert doc.pages[0].ocr_confidence is not None
        assert doc.pages[0].ocr_confidence > 80
