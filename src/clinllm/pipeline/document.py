r"""The ingested document: normalized text, its pages, and where each character came from.

Every later stage works on one string, :attr:`IngestedDocument.text`, with pages joined by a
form feed (``\f``). The offset map says where each character came from (page, position in the
page's raw text and, for OCR pages, the word box), so a reviewer can be shown the evidence on
the page itself. :func:`assemble` builds both from the pages a reader produced.
"""

from __future__ import annotations

import unicodedata
from array import array
from dataclasses import dataclass
from typing import Literal

__all__ = [
    "IngestedDocument",
    "OffsetMap",
    "PageInfo",
    "PageMethod",
    "RawPage",
    "SourcePosition",
    "assemble",
]

#: How a page's raw text was obtained.
PageMethod = Literal["text", "pdf_text", "ocr"]


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
class RawPage:
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


def assemble(raw_pages: list[RawPage]) -> tuple[str, OffsetMap, list[PageInfo]]:
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
