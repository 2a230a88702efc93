"""Ingest: text, text PDFs, scanned PDFs and images into normalized text with an offset map."""

from __future__ import annotations

import hashlib
import io
import shutil
from pathlib import Path

import pypdf
import pytest
from PIL import Image

from clinllm.errors import ConfigError, InputError
from clinllm.pipeline.ingest import (
    CorruptDocument,
    DocumentTooLarge,
    EmptyDocument,
    EncryptedDocument,
    IngestError,
    OcrFailed,
    UnsupportedDocument,
    ingest,
)
from clinllm.pipeline.ocr import OcrPage, OcrUnavailable, OcrWord, TesseractOcr
from clinllm.samples.render import scanned_pdf, text_pdf, text_png

MB = 1 << 20
LETTER = (
    "SYNTHETIC SPINE CENTER\n"
    "RE: Patient: Testa Zyxwv   DOB: 01/02/1970\n"
    "Member ID: HPX448812093\n"
    "Requested: MRI lumbar spine (CPT 72148)\n"
    "NPI 1234567893  Phone (555) 555-0123"
)
needs_tesseract = pytest.mark.skipif(
    shutil.which("tesseract") is None, reason="tesseract-ocr is not installed"
)


def test_plain_text_pages_split_on_form_feed_and_map_back() -> None:
    raw = "first page  \r\nline two\t\n\n\fsecond ﬁle\u200b page\n"
    doc = ingest(raw.encode(), max_bytes=MB, source_name="letter.txt")
    assert doc.text == "first page\nline two\fsecond file page"
    assert doc.page_count == 2
    assert doc.media_type == "text/plain"
    assert doc.sha256 == hashlib.sha256(raw.encode()).hexdigest()
    assert len(doc.offsets) == len(doc.text)
    pages = raw.split("\f")
    for i, ch in enumerate(doc.text):
        pos = doc.offsets.locate(i)
        if ch == "\f":
            assert pos.page == 1
            continue
        source_char = pages[pos.page - 1][pos.offset]
        assert source_char == ch or (ch in "fi" and source_char == "ﬁ") or ch == "\n"
    second = doc.pages[1]
    assert doc.text[second.start : second.end] == "second file page"
    assert doc.offsets.locate(second.start).page == 2


def test_every_character_maps_into_its_page_raw_text(tmp_path: Path) -> None:
    path = tmp_path / "req.txt"
    path.write_text("a\u00a0b  \n\u00adc\r\nd", encoding="utf-8")
    doc = ingest(path, max_bytes=MB)
    assert doc.text == "a b\nc\nd"
    assert doc.source_name == "req.txt"
    assert [doc.offsets.locate(i).offset for i in range(len(doc.text))] == [0, 1, 2, 5, 7, 9, 10]


def test_utf8_bom_is_dropped() -> None:
    assert ingest("\ufeffhello".encode(), max_bytes=MB).text == "hello"


def test_invalid_utf8_names_the_file_and_offset_not_content() -> None:
    with pytest.raises(UnsupportedDocument) as info:
        ingest(b"Patient Zyxwv \xff\xfe", max_bytes=MB, source_name="note.txt")
    message = str(info.value)
    assert "note.txt" in message
    assert "UTF-8" in message
    assert "offset 14" in message
    assert "Zyxwv" not in message
    assert isinstance(info.value, InputError)


def test_binary_is_unsupported() -> None:
    with pytest.raises(UnsupportedDocument):
        ingest(b"\x00\x01\x02garbage", max_bytes=MB)


@pytest.mark.parametrize("data", [b"", b"   \n\n  ", b"\f\f"])
def test_empty_inputs_are_refused(data: bytes) -> None:
    with pytest.raises(EmptyDocument) as info:
        ingest(data, max_bytes=MB, source_name="empty.txt")
    assert "empty.txt" in str(info.value)


def test_oversized_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 2048)
    with pytest.raises(DocumentTooLarge) as info:
        ingest(path, max_bytes=1024)
    assert "big.txt" in str(info.value)
    assert "1024" in str(info.value)
    with pytest.raises(DocumentTooLarge):
        ingest(b"x" * 2048, max_bytes=1024)


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="no such file"):
        ingest(tmp_path / "nope.pdf", max_bytes=MB)


def test_text_pdf_reads_the_text_layer_per_page() -> None:
    doc = ingest(text_pdf([LETTER, "Page two: diagnosis M51.16"]), max_bytes=MB)
    assert doc.media_type == "application/pdf"
    assert doc.page_count == 2
    assert [p.method for p in doc.pages] == ["pdf_text", "pdf_text"]
    assert "CPT 72148" in doc.text
    assert doc.text.split("\f")[1] == "Page two: diagnosis M51.16"
    index = doc.text.index("M51.16")
    assert doc.offsets.locate(index).page == 2
    ((page, start, end),) = doc.offsets.span(index, index + 6)
    assert (page, end - start) == (2, 6)


def test_corrupt_pdf_is_refused() -> None:
    data = text_pdf([LETTER])
    with pytest.raises(CorruptDocument) as info:
        ingest(data[:200], max_bytes=MB, source_name="broken.pdf")
    assert "broken.pdf" in str(info.value)


def test_encrypted_pdf_is_refused() -> None:
    reader = pypdf.PdfReader(io.BytesIO(text_pdf([LETTER])))
    writer = pypdf.PdfWriter()
    for page in reader.pages:
        writer.add_page(page)
    writer.encrypt(user_password="secret", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(EncryptedDocument, match="password"):
        ingest(out.getvalue(), max_bytes=MB, source_name="locked.pdf")


def test_pdf_without_text_layer_and_ocr_disabled_is_empty() -> None:
    with pytest.raises(EmptyDocument, match="OCR is disabled"):
        ingest(scanned_pdf(["hello"]), max_bytes=MB, ocr="never")


def test_corrupt_image_is_refused() -> None:
    with pytest.raises(CorruptDocument):
        ingest(b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, max_bytes=MB, ocr_engine=_FakeOcr())


class _FakeOcr:
    """Returns fixed words; proves the offset map carries word boxes through normalization."""

    def __init__(self) -> None:
        self.calls = 0

    def read(self, image: Image.Image) -> OcrPage:
        self.calls += 1
        words = (
            OcrWord("CPT", (10, 20, 30, 12), line=1, block=1, confidence=90.0),
            OcrWord("72148", (45, 20, 50, 12), line=1, block=1, confidence=80.0),
            OcrWord("M51.16", (10, 40, 60, 12), line=2, block=2, confidence=None),
        )
        return OcrPage(words=words, size=image.size)


def test_ocr_pages_map_characters_to_word_boxes() -> None:
    engine = _FakeOcr()
    tiff = io.BytesIO()
    frames = [Image.new("L", (100, 60), 255), Image.new("L", (100, 60), 255)]
    frames[0].save(tiff, format="TIFF", save_all=True, append_images=frames[1:])
    doc = ingest(tiff.getvalue(), max_bytes=MB, ocr_engine=engine)
    assert engine.calls == 2
    assert doc.media_type == "image/tiff"
    assert doc.text == "CPT 72148\n\nM51.16\fCPT 72148\n\nM51.16"
    assert doc.ocr_used
    assert doc.pages[0].ocr_confidence == 85.0
    assert doc.pages[0].image_size == (100, 60)
    index = doc.text.index("72148")
    assert doc.offsets.locate(index).box == (45, 20, 50, 12)
    assert doc.offsets.locate(index - 1).box is None  # the space between words
    second = doc.text.rindex("M51.16")
    assert doc.offsets.boxes(second, second + 6) == [(2, (10, 40, 60, 12))]


def test_missing_tesseract_names_the_debian_package(monkeypatch: pytest.MonkeyPatch) -> None:
    import pytesseract

    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", "/nonexistent/tesseract")
    with pytest.raises(OcrUnavailable, match="tesseract-ocr") as info:
        TesseractOcr().read(Image.new("L", (10, 10), 255))
    assert isinstance(info.value, ConfigError)


@needs_tesseract
def test_scanned_pdf_is_ocrd_with_boxes() -> None:
    doc = ingest(scanned_pdf([LETTER], dpi=200, noise=0.0005), max_bytes=MB)
    assert doc.pages[0].method == "ocr"
    assert "72148" in doc.text
    assert "HPX448812093" in doc.text
    index = doc.text.index("72148")
    position = doc.offsets.locate(index)
    assert position.page == 1
    assert position.box is not None
    _, _, w, _ = position.box
    assert 0 < w < doc.pages[0].image_size[0]  # type: ignore[index]
    assert doc.pages[0].ocr_confidence is not None


@needs_tesseract
def test_png_is_ocrd() -> None:
    doc = ingest(text_png("Member ID: HPX448812093", dpi=200), max_bytes=MB)
    assert doc.media_type == "image/png"
    assert "HPX448812093" in doc.text


def _mixed_pdf() -> bytes:
    """Page 1 has a text layer, page 2 is a picture of text (no text layer)."""
    writer = pypdf.PdfWriter()
    for source in (text_pdf(["Typed page: CPT 72148"]), scanned_pdf(["scanned page"], dpi=72)):
        for page in pypdf.PdfReader(io.BytesIO(source)).pages:
            writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_pdf_page_without_text_layer_is_rendered_and_ocrd() -> None:
    engine = _FakeOcr()
    doc = ingest(_mixed_pdf(), max_bytes=MB, ocr_engine=engine)
    assert engine.calls == 1
    assert [p.method for p in doc.pages] == ["pdf_text", "ocr"]
    first, second = doc.text.split("\f")
    assert first == "Typed page: CPT 72148"
    assert second.startswith("CPT 72148")
    width, height = doc.pages[1].image_size  # type: ignore[misc]
    assert (round(width / 612 * 72), round(height / 792 * 72)) == (300, 300)  # 300 dpi render


def test_ocr_always_reads_text_pages_too() -> None:
    engine = _FakeOcr()
    doc = ingest(text_pdf(["a", "b"]), max_bytes=MB, ocr="always", ocr_engine=engine)
    assert engine.calls == 2
    assert [p.method for p in doc.pages] == ["ocr", "ocr"]


def test_jpeg_and_page_limit() -> None:
    jpeg = io.BytesIO()
    Image.new("L", (50, 50), 255).save(jpeg, format="JPEG")
    doc = ingest(jpeg.getvalue(), max_bytes=MB, ocr_engine=_FakeOcr())
    assert doc.media_type == "image/jpeg"
    with pytest.raises(DocumentTooLarge, match="pages"):
        ingest(text_pdf(["a", "b", "c"]), max_bytes=MB, max_pages=2)
    with pytest.raises(EmptyDocument, match="OCR is disabled"):
        ingest(jpeg.getvalue(), max_bytes=MB, ocr="never")


def test_poster_sized_scan_is_rendered_within_the_pixel_budget() -> None:
    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=14400, height=14400)  # 200 x 200 inches, no text layer
    out = io.BytesIO()
    writer.write(out)
    engine = _FakeOcr()
    doc = ingest(out.getvalue(), max_bytes=MB, ocr_engine=engine)
    width, height = doc.pages[0].image_size  # type: ignore[misc]
    assert width * height <= 40_000_000


class _BrokenOcr:
    def read(self, image: Image.Image) -> OcrPage:
        raise InputError("OCR timed out after 60s on a page")


def test_ocr_failure_on_a_page_is_an_ingest_error_naming_file_and_page() -> None:
    png = io.BytesIO()
    Image.new("L", (20, 20), 255).save(png, format="PNG")
    with pytest.raises(OcrFailed) as info:
        ingest(png.getvalue(), max_bytes=MB, ocr_engine=_BrokenOcr(), source_name="scan.png")
    assert isinstance(info.value, IngestError)
    assert "scan.png" in str(info.value)
    assert "page 1" in str(info.value)


@pytest.mark.parametrize(
    "text",
    [
        LETTER + "\nThe fax header said %PDF-1.4 (attachment missing).\n",
        "Re: attachment\n%PDF-1.7 was not received\n" + LETTER,
    ],
)
def test_text_that_mentions_the_pdf_marker_is_text(text: str) -> None:
    document = ingest(text.encode(), max_bytes=MB)
    assert document.media_type == "text/plain"
    assert "Member ID: HPX448812093" in document.text


def test_the_type_comes_from_the_leading_bytes() -> None:
    pdf = text_pdf([LETTER])
    assert ingest(b"\r\n " + pdf, max_bytes=MB).media_type == "application/pdf"
    assert ingest(b"\x00\xffenvelope" + pdf, max_bytes=MB).media_type == "application/pdf"
    with pytest.raises(CorruptDocument):  # declared a PDF by its first bytes, and is not one
        ingest(b"%PDF-1.4 " + LETTER.encode(), max_bytes=MB)


def test_page_limit_is_checked_before_any_page_is_read() -> None:
    with pytest.raises(DocumentTooLarge, match="3 pages, more than the limit of 2"):
        ingest(text_pdf([LETTER, LETTER, LETTER]), max_bytes=MB, max_pages=2)


def test_special_files_are_refused_without_blocking(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "fax.pdf"
    os.mkfifo(fifo)
    for path in (fifo, Path("/dev/zero"), tmp_path):
        with pytest.raises(IngestError, match="not a regular file"):
            ingest(path, max_bytes=MB)
