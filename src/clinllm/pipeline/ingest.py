r"""Ingest: turn a file (text, PDF, scanned PDF, image) into normalized text with an offset map.

Every later stage works on one string, ``IngestedDocument.text``, with pages joined by a form
feed (``\f``). Grounding checks that each extracted value quotes that string; the offset map
then says where each character came from (page, position in the page's raw text and, for OCR
pages, the word box), so a reviewer can be shown the evidence on the page itself.

What goes wrong here is named, never guessed around: a corrupt, encrypted, empty, oversized
or unsupported file raises a subclass of :class:`IngestError` that names the file and the
reason, never its content, so the caller can record the document as failed (the classes live
in :mod:`clinllm.errors` with the rest of the tree; they are re-exported here)::

    InputError
    └── IngestError
        ├── EmptyDocument          no bytes, or no text after extraction and OCR
        ├── DocumentTooLarge       more bytes, pages or pixels than allowed
        ├── CorruptDocument        the PDF or image cannot be parsed
        ├── EncryptedDocument      the PDF needs a password
        ├── UnsupportedDocument    not UTF-8 text, PDF, PNG, TIFF or JPEG
        └── OcrFailed              tesseract failed or timed out on a page
    ConfigError
    └── OcrUnavailable             OCR was needed and tesseract is missing

PDF text comes from pypdfium2 (measured: 4x faster than pypdf on text PDFs, and it is needed
anyway to render the pages that have no text layer for OCR).
"""

from __future__ import annotations

import io
import unicodedata
import warnings
from array import array
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from clinllm.domain.hashing import sha256_hex
from clinllm.errors import (
    CorruptDocument,
    DocumentTooLarge,
    EmptyDocument,
    EncryptedDocument,
    IngestError,
    InputError,
    OcrFailed,
    OcrUnavailable,
    UnsupportedDocument,
)
from clinllm.pipeline.ocr import OcrEngine, OcrPage, TesseractOcr

if TYPE_CHECKING:
    from PIL import Image

__all__ = [
    "CorruptDocument",
    "DocumentTooLarge",
    "EmptyDocument",
    "EncryptedDocument",
    "IngestError",
    "IngestedDocument",
    "OcrFailed",
    "OcrMode",
    "OcrUnavailable",
    "OffsetMap",
    "PageInfo",
    "SourcePosition",
    "UnsupportedDocument",
    "ingest",
]

#: ``auto`` OCRs only pages without a text layer; ``always`` OCRs every page of a PDF;
#: ``never`` refuses to OCR (a scan then yields an :class:`EmptyDocument` error).
OcrMode = Literal["auto", "always", "never"]

#: How a page's raw text was obtained.
PageMethod = Literal["text", "pdf_text", "ocr"]

#: Pixels per point when a PDF page is rendered for OCR (300 dpi, what tesseract is tuned for).
_OCR_SCALE = 300 / 72
#: Most pixels a page is rendered to: a US Letter page at 300 dpi is 8.4 MP; a PDF that declares
#: a poster-sized page is rendered at a lower resolution instead of exhausting memory.
_MAX_RENDER_PIXELS = 40_000_000


@dataclass(frozen=True, slots=True)
class SourcePosition:
    """Where one character of the normalized text came from.

    Attributes:
        page: Page number, 1-based.
        offset: Index into that page's raw text (the PDF text layer, the OCR text or the
            plain-text page before normalization).
        box: For OCR pages, the word's ``(x, y, w, h)`` in pixels of the OCR image.
    """

    page: int
    offset: int
    box: tuple[int, int, int, int] | None = None


@dataclass(frozen=True, slots=True)
class PageInfo:
    r"""One page of the document.

    Attributes:
        number: Page number, 1-based.
        method: How its text was read: plain ``text``, the PDF text layer, or ``ocr``.
        start: Offset of the page's first character in the normalized text.
        end: Offset one past its last character (the ``\f`` separator is not included).
        raw_text_length: Length of the page's raw text, before normalization.
        ocr_confidence: Mean word confidence (0..100) for OCR pages, else ``None``.
        image_size: ``(width, height)`` of the OCR image, the space word boxes live in.
    """

    number: int
    method: PageMethod
    start: int
    end: int
    raw_text_length: int
    ocr_confidence: float | None = None
    image_size: tuple[int, int] | None = None


class OffsetMap:
    """Maps every character of the normalized text back to its page and raw position.

    Stored as flat integer arrays (two ints per character plus one per raw OCR character)
    rather than one object per character, so a 50-page packet costs kilobytes, not megabytes.
    """

    __slots__ = ("_boxes", "_char_word", "_page", "_pos")

    def __init__(
        self,
        page: array[int],
        pos: array[int],
        char_word: dict[int, array[int]],
        boxes: dict[int, tuple[tuple[int, int, int, int], ...]],
    ) -> None:
        self._page = page
        self._pos = pos
        self._char_word = char_word
        self._boxes = boxes

    def __len__(self) -> int:
        return len(self._page)

    def locate(self, index: int) -> SourcePosition:
        """Return where the character at ``index`` of the normalized text came from.

        Raises:
            IndexError: ``index`` is outside the normalized text.
        """
        if not 0 <= index < len(self._page):
            raise IndexError(f"offset {index} outside the text (length {len(self._page)})")
        page, pos = self._page[index], self._pos[index]
        box = None
        words = self._char_word.get(page)
        if words is not None and 0 <= pos < len(words) and words[pos] >= 0:
            box = self._boxes[page][words[pos]]
        return SourcePosition(page=page, offset=pos, box=box)

    def span(self, start: int, end: int) -> list[tuple[int, int, int]]:
        """Map ``text[start:end]`` to raw ranges ``(page, raw_start, raw_end)``, one per page.

        Used to turn an evidence span into something a viewer can highlight.
        """
        ranges: list[tuple[int, int, int]] = []
        for i in range(max(start, 0), min(end, len(self._page))):
            page, pos = self._page[i], self._pos[i]
            if ranges and ranges[-1][0] == page:
                _, first, last = ranges[-1]
                ranges[-1] = (page, min(first, pos), max(last, pos + 1))
            else:
                ranges.append((page, pos, pos + 1))
        return ranges

    def boxes(self, start: int, end: int) -> list[tuple[int, tuple[int, int, int, int]]]:
        """Return the distinct OCR word boxes ``(page, box)`` under ``text[start:end]``."""
        seen: list[tuple[int, tuple[int, int, int, int]]] = []
        for i in range(max(start, 0), min(end, len(self._page))):
            box = self.locate(i).box
            if box is not None and (self._page[i], box) not in seen:
                seen.append((self._page[i], box))
        return seen


@dataclass(frozen=True, slots=True)
class IngestedDocument:
    r"""A document read into normalized text, ready for PHI scanning and extraction.

    Attributes:
        text: Normalized text, pages joined by ``\f`` (may be PHI; never logged).
        sha256: Hex SHA-256 of the source bytes: the document's identity for idempotency.
        page_count: Number of pages.
        pages: Per-page details, in order.
        offsets: Map from each character of ``text`` to its source position.
        source_name: The file name (or ``<bytes>``).
        media_type: ``text/plain``, ``application/pdf``, ``image/png``, ``image/tiff``,
            ``image/jpeg``.
        byte_size: Size of the source in bytes.
    """

    text: str
    sha256: str
    page_count: int
    pages: tuple[PageInfo, ...]
    offsets: OffsetMap
    source_name: str
    media_type: str
    byte_size: int

    @property
    def ocr_used(self) -> bool:
        """Whether any page was read by OCR (its text may hold recognition errors)."""
        return any(p.method == "ocr" for p in self.pages)

    def __repr__(self) -> str:
        return (
            f"IngestedDocument(sha256={self.sha256[:12]}..., pages={self.page_count}, "
            f"media_type={self.media_type!r}, text=<{len(self.text)} chars>)"
        )

    __str__ = __repr__


@dataclass(slots=True)
class _RawPage:
    """A page's raw text before normalization, with OCR word boxes when it was OCR'd."""

    text: str
    method: PageMethod
    char_word: array[int] | None = None
    boxes: tuple[tuple[int, int, int, int], ...] = ()
    confidence: float | None = None
    image_size: tuple[int, int] | None = None


# --- normalization ---------------------------------------------------------------------


def _normalize_char(ch: str) -> str:
    """Normalize one raw character; ``""`` drops it.

    NFKC folds ligatures (``ﬁ`` → ``fi``), full-width digits and non-breaking spaces, which
    PDFs and OCR produce and which would otherwise hide a code from a recognizer. Format and
    control characters (zero-width spaces, soft hyphens, NUL) are dropped.
    """
    if ch in "\n\t":
        return ch
    category = unicodedata.category(ch)
    if category in ("Cc", "Cf", "Cs"):
        return ""
    if ch.isascii():
        return ch
    return unicodedata.normalize("NFKC", ch)


def _assemble(raw_pages: list[_RawPage]) -> tuple[str, OffsetMap, list[PageInfo]]:
    r"""Normalize each page and join them with ``\f``, recording the offset of every char.

    Line ends become ``\n``; spaces and tabs at line ends and blank lines at page ends are
    removed (they carry nothing and differ between extractors).
    """
    out: list[str] = []
    page_arr: array[int] = array("i")
    pos_arr: array[int] = array("i")
    infos: list[PageInfo] = []
    char_word: dict[int, array[int]] = {}
    boxes: dict[int, tuple[tuple[int, int, int, int], ...]] = {}
    for number, raw in enumerate(raw_pages, start=1):
        if number > 1:
            out.append("\f")
            page_arr.append(number - 1)
            pos_arr.append(len(raw_pages[number - 2].text))
        start = len(out)
        pending: list[tuple[str, int]] = []  # spaces held back until we know the line goes on
        text = raw.text
        i = 0
        while i < len(text):
            ch = text[i]
            if ch == "\r":
                ch = "\n"
                if i + 1 < len(text) and text[i + 1] == "\n":
                    i += 1  # "\r\n" -> one "\n", mapped to the "\n"
            normalized = _normalize_char(ch)
            for piece in normalized:
                if piece in " \t":
                    pending.append((piece, i))
                    continue
                if piece != "\n":
                    for held, held_pos in pending:
                        out.append(held)
                        page_arr.append(number)
                        pos_arr.append(held_pos)
                pending.clear()
                out.append(piece)
                page_arr.append(number)
                pos_arr.append(i)
            i += 1
        while len(out) > start and out[-1] == "\n":
            out.pop()
            page_arr.pop()
            pos_arr.pop()
        infos.append(
            PageInfo(
                number=number,
                method=raw.method,
                start=start,
                end=len(out),
                raw_text_length=len(text),
                ocr_confidence=raw.confidence,
                image_size=raw.image_size,
            )
        )
        if raw.char_word is not None:
            char_word[number] = raw.char_word
            boxes[number] = raw.boxes
    return "".join(out), OffsetMap(page_arr, pos_arr, char_word, boxes), infos


# --- readers -------------------------------------------------------------------------


def _sniff(data: bytes) -> str:
    """Return the media type from magic bytes; ``text/plain`` for anything else."""
    if b"%PDF-" in data[:1024]:  # the spec allows junk before the header
        return "application/pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith((b"II*\x00", b"MM\x00*")):
        return "image/tiff"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    return "text/plain"


def _read_text(data: bytes, source: str) -> list[_RawPage]:
    """Decode UTF-8 text (a BOM is dropped) and split pages on form feeds."""
    if b"\x00" in data:
        raise UnsupportedDocument(source, "binary content: not UTF-8 text, PDF, PNG, TIFF or JPEG")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnsupportedDocument(
            source, f"text is not valid UTF-8 (first bad byte at offset {exc.start})"
        ) from exc
    return [_RawPage(text=page, method="text") for page in text.split("\f")]


def _ocr_page(image: Image.Image, engine: OcrEngine, source: str, number: int) -> _RawPage:
    """OCR one image into a raw page whose characters each point at their word's box."""
    try:
        result: OcrPage = engine.read(image)
    except OcrUnavailable:
        raise
    except InputError as exc:  # the engine's message is fixed text with no page content
        raise OcrFailed(source, f"page {number}: {exc}") from exc
    parts: list[str] = []
    char_word: array[int] = array("i")
    prev_line: int | None = None
    prev_block: int | None = None
    for index, word in enumerate(result.words):
        if prev_line is not None:
            sep = " " if word.line == prev_line else ("\n\n" if word.block != prev_block else "\n")
            parts.append(sep)
            char_word.extend([-1] * len(sep))
        parts.append(word.text)
        char_word.extend([index] * len(word.text))
        prev_line, prev_block = word.line, word.block
    confidences = [w.confidence for w in result.words if w.confidence is not None]
    return _RawPage(
        text="".join(parts),
        method="ocr",
        char_word=char_word,
        boxes=tuple(w.box for w in result.words),
        confidence=round(sum(confidences) / len(confidences), 1) if confidences else None,
        image_size=result.size,
    )


def _read_pdf(
    data: bytes, source: str, *, ocr: OcrMode, engine: OcrEngine, max_pages: int
) -> list[_RawPage]:
    """Read each PDF page's text layer; render and OCR the pages that have none."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if exc.err_code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
            raise EncryptedDocument(source, "the PDF is encrypted and needs a password") from exc
        raise CorruptDocument(source, "the PDF cannot be parsed") from exc
    try:
        count = len(doc)
        if count == 0:
            raise EmptyDocument(source, "the PDF has no pages")
        if count > max_pages:
            raise DocumentTooLarge(source, f"{count} pages, more than the limit of {max_pages}")
        pages: list[_RawPage] = []
        for index in range(count):
            try:
                page = doc[index]
                textpage = page.get_textpage()
                text = textpage.get_text_range()
                textpage.close()
            except pdfium.PdfiumError as exc:
                raise CorruptDocument(source, f"page {index + 1} cannot be read") from exc
            if ocr == "always" or (ocr == "auto" and not text.strip()):
                width, height = page.get_size()
                budget = 0.999 * (_MAX_RENDER_PIXELS / max(width * height, 1.0)) ** 0.5
                scale = min(_OCR_SCALE, budget)
                image = page.render(scale=scale, grayscale=True).to_pil()
                pages.append(_ocr_page(image, engine, source, index + 1))
            else:
                pages.append(_RawPage(text=text, method="pdf_text"))
            page.close()
        return pages
    finally:
        doc.close()


def _read_image(
    data: bytes, source: str, *, ocr: OcrMode, engine: OcrEngine, max_pages: int
) -> list[_RawPage]:
    """OCR every frame of a PNG, JPEG or (multi-page) TIFF."""
    from PIL import Image, ImageSequence, UnidentifiedImageError

    if ocr == "never":
        raise EmptyDocument(source, "an image has no text layer and OCR is disabled")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            image.load()
            frames = [frame.convert("L") for frame in ImageSequence.Iterator(image)]
    except (Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:
        raise DocumentTooLarge(source, "the image has more pixels than allowed") from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise CorruptDocument(source, "the image cannot be decoded") from exc
    if len(frames) > max_pages:
        raise DocumentTooLarge(source, f"{len(frames)} pages, more than the limit of {max_pages}")
    return [_ocr_page(frame, engine, source, n) for n, frame in enumerate(frames, start=1)]


# --- entry point -----------------------------------------------------------------------


def ingest(
    path_or_bytes: str | Path | bytes,
    *,
    max_bytes: int,
    ocr: OcrMode = "auto",
    ocr_engine: OcrEngine | None = None,
    source_name: str | None = None,
    max_pages: int = 500,
) -> IngestedDocument:
    """Read a document into normalized text with an offset map back to its pages.

    Args:
        path_or_bytes: A file path, or the document's bytes.
        max_bytes: Largest accepted size in bytes; a bigger file is refused before it is read.
        ocr: When to OCR (see :data:`OcrMode`).
        ocr_engine: The OCR port; ``None`` uses :class:`TesseractOcr` (created only when a
            page actually needs OCR).
        source_name: Name used in errors and records; defaults to the file's name.
        max_pages: Largest accepted page count.

    Returns:
        The normalized document.

    Raises:
        IngestError: The file is empty, too large, corrupt, encrypted or unsupported.
        OcrUnavailable: A page needed OCR and tesseract is not installed.
    """
    if isinstance(path_or_bytes, bytes):
        name = source_name or "<bytes>"
        data = path_or_bytes
        if len(data) > max_bytes:
            raise DocumentTooLarge(name, f"{len(data)} bytes, more than the limit of {max_bytes}")
    else:
        path = Path(path_or_bytes)
        name = source_name or path.name
        try:
            size = path.stat().st_size
            if size > max_bytes:
                raise DocumentTooLarge(name, f"{size} bytes, more than the limit of {max_bytes}")
            data = path.read_bytes()
        except FileNotFoundError as exc:
            raise IngestError(name, "no such file") from exc
        except IsADirectoryError as exc:
            raise IngestError(name, "is a directory, not a file") from exc
        except PermissionError as exc:
            raise IngestError(name, "permission denied") from exc
        if len(data) > max_bytes:  # the file grew between stat and read
            raise DocumentTooLarge(name, f"more than the limit of {max_bytes} bytes")
    if not data:
        raise EmptyDocument(name, "the file is empty (0 bytes)")
    media_type = _sniff(data)
    engine: OcrEngine = ocr_engine if ocr_engine is not None else TesseractOcr()
    if media_type == "text/plain":
        raw_pages = _read_text(data, name)
    elif media_type == "application/pdf":
        raw_pages = _read_pdf(data, name, ocr=ocr, engine=engine, max_pages=max_pages)
    else:
        raw_pages = _read_image(data, name, ocr=ocr, engine=engine, max_pages=max_pages)
    text, offsets, infos = _assemble(raw_pages)
    if not text.replace("\f", "").strip():
        reason = "no text could be read"
        if ocr == "never" and media_type == "application/pdf":
            reason = "no text layer and OCR is disabled"
        raise EmptyDocument(name, reason)
    return IngestedDocument(
        text=text,
        sha256=sha256_hex(data),
        page_count=len(infos),
        pages=tuple(infos),
        offsets=offsets,
        source_name=name,
        media_type=media_type,
        byte_size=len(data),
    )
