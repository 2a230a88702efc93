"""Optical character recognition for scanned and faxed pages: the port and its Tesseract adapter.

A large share of prior-authorization packets still arrives by fax, as pictures of text. The
ingest stage hands every page without a text layer to an :class:`OcrEngine` and gets back the
page's words with their boxes, so that an evidence span can later be drawn on the page image
a reviewer sees.

:class:`TesseractOcr` calls Debian's ``tesseract-ocr`` binary through ``pytesseract``. The
binary is a system package, not a Python one: when it is missing the adapter raises
:class:`OcrUnavailable` naming the package to install, instead of a bare ``FileNotFoundError``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from clinllm.errors import InputError, OcrUnavailable

if TYPE_CHECKING:
    from PIL import Image

__all__ = ["OcrEngine", "OcrPage", "OcrUnavailable", "OcrWord", "TesseractOcr"]


@dataclass(frozen=True, slots=True)
class OcrWord:
    """One recognized word and where it is on the page image.

    Attributes:
        text: The recognized characters (may be PHI; never logged).
        box: ``(x, y, w, h)`` in pixels of the image the engine read, origin top left.
        line: A line key; words with the same key are on the same line.
        block: A block key; a new block starts a new paragraph in the page text.
        confidence: The engine's confidence in 0..100, or ``None`` when it gives none.
    """

    text: str
    box: tuple[int, int, int, int]
    line: int
    block: int
    confidence: float | None


@dataclass(frozen=True, slots=True)
class OcrPage:
    """The words recognized on one page image, in reading order.

    Attributes:
        words: The recognized words.
        size: ``(width, height)`` in pixels of the image that was read.
    """

    words: tuple[OcrWord, ...]
    size: tuple[int, int]

    def __repr__(self) -> str:
        return f"OcrPage(words=<{len(self.words)}>, size={self.size})"


class OcrEngine(Protocol):
    """Reads the words of one page image. Implemented by :class:`TesseractOcr` and test fakes."""

    def read(self, image: Image.Image) -> OcrPage:
        """Recognize the words of ``image`` in reading order, with their boxes."""
        ...


class TesseractOcr:
    """OCR through the ``tesseract`` command line program (Debian: ``tesseract-ocr``).

    Args:
        lang: Tesseract language pack(s), e.g. ``"eng"`` (Debian: ``tesseract-ocr-eng``).
        timeout_s: Upper bound per page; a page that takes longer is reported as unreadable.
        psm: Tesseract page segmentation mode; 3 (automatic) handles letters and fax covers.
    """

    def __init__(self, *, lang: str = "eng", timeout_s: float = 60.0, psm: int = 3) -> None:
        self.lang = lang
        self.timeout_s = timeout_s
        self.psm = psm
        self._checked = False

    def _check(self) -> None:
        """Fail early and clearly when the binary or the language pack is missing."""
        if self._checked:
            return
        import pytesseract

        try:
            pytesseract.get_tesseract_version()
            langs = pytesseract.get_languages(config="")
        except (pytesseract.TesseractNotFoundError, OSError) as exc:
            raise OcrUnavailable(
                "OCR needs the tesseract program: install the Debian package "
                "'tesseract-ocr' (apt-get install tesseract-ocr tesseract-ocr-eng)",
                setting="tesseract",
            ) from exc
        missing = [lang for lang in self.lang.split("+") if lang not in langs]
        if missing:
            raise OcrUnavailable(
                f"tesseract has no language data for {', '.join(missing)}: install the Debian "
                f"package 'tesseract-ocr-{missing[0]}'",
                setting="tesseract",
            )
        self._checked = True

    def read(self, image: Image.Image) -> OcrPage:
        """Recognize the words of one page image.

        Raises:
            OcrUnavailable: The tesseract binary or its language data is missing.
            InputError: Tesseract failed or timed out on this image.
        """
        self._check()
        import pytesseract

        try:
            data = pytesseract.image_to_data(
                image,
                lang=self.lang,
                config=f"--psm {self.psm}",
                output_type=pytesseract.Output.DICT,
                timeout=self.timeout_s,
            )
        except RuntimeError as exc:  # pytesseract raises RuntimeError on timeout
            raise InputError(f"OCR timed out after {self.timeout_s:g}s on a page") from exc
        except pytesseract.TesseractError as exc:
            raise InputError(f"OCR failed on a page (tesseract status {exc.status})") from exc
        words = []
        for i, text in enumerate(data["text"]):
            if int(data["level"][i]) != 5 or not str(text).strip():
                continue
            conf = float(data["conf"][i])
            block = int(data["block_num"][i]) * 1000 + int(data["par_num"][i])
            words.append(
                OcrWord(
                    text=str(text).strip(),
                    box=(
                        int(data["left"][i]),
                        int(data["top"][i]),
                        int(data["width"][i]),
                        int(data["height"][i]),
                    ),
                    line=block * 1000 + int(data["line_num"][i]),
                    block=block,
                    confidence=conf if conf >= 0 else None,
                )
            )
        return OcrPage(words=tuple(words), size=image.size)
