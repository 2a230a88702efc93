"""Make small synthetic PDFs and scans: the demo's sample documents and the tests' fixtures.

Why a hand-written PDF writer: a text PDF with one standard font needs about sixty lines of
PDF syntax, while a PDF-authoring library would be one more dependency to pin, audit and
ship for a demo. The scanned variant renders those pages with pdfium, adds a little noise and
a slight skew the way a fax machine would, and wraps the bitmaps in a PDF with no text layer,
so the ingest stage has to OCR it.

Everything here produces synthetic content only; it never reads a real document.
"""

from __future__ import annotations

import io
import random
import time
from collections.abc import Sequence

from PIL import Image, ImageFilter

__all__ = ["scanned_pdf", "text_pdf", "text_png"]

_PAGE_W = 612  # US Letter, in points
_PAGE_H = 792
_MARGIN = 54
_FONT_SIZE = 10
_LEADING = 12


def _escape(line: str) -> str:
    """Escape a line for a PDF literal string; the standard fonts only cover Latin-1."""
    safe = line.encode("latin-1", errors="replace").decode("latin-1")
    return safe.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def text_pdf(pages: Sequence[str], *, title: str = "synthetic sample") -> bytes:
    r"""Write a text PDF, one string per page, set in Courier like a typed fax.

    Args:
        pages: The text of each page; lines are split on ``\n``.
        title: The document title written into the PDF's info dictionary.

    Returns:
        The bytes of a valid PDF 1.4 file with a text layer.
    """
    objects: list[bytes] = []
    n_pages = len(pages)
    # Object numbers: 1 catalog, 2 pages, 3 font, 4 info, then (page, content) pairs.
    kids = " ".join(f"{5 + 2 * i} 0 R" for i in range(n_pages))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {n_pages} >>".encode())
    objects.append(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding >>"
    )
    objects.append(f"<< /Title ({_escape(title)}) /Producer (clinllm samples) >>".encode())
    for i, page in enumerate(pages):
        lines = page.split("\n")
        ops = [f"BT /F1 {_FONT_SIZE} Tf {_LEADING} TL {_MARGIN} {_PAGE_H - _MARGIN} Td"]
        for line in lines:
            ops.append(f"({_escape(line)}) Tj T*")
        ops.append("ET")
        stream = "\n".join(ops).encode("latin-1")
        objects.append(
            (
                f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {_PAGE_W} {_PAGE_H}] "
                f"/Resources << /Font << /F1 3 0 R >> >> /Contents {6 + 2 * i} 0 R >>"
            ).encode()
        )
        objects.append(
            b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream"
        )
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref_at = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info 4 0 R >>\n"
        f"startxref\n{xref_at}\n%%EOF\n".encode()
    )
    return out.getvalue()


def _render_pages(pdf_bytes: bytes, dpi: int) -> list[Image.Image]:
    """Render every page of a PDF to a grayscale image with pdfium."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf_bytes)
    try:
        images = []
        for index in range(len(doc)):
            page = doc[index]
            bitmap = page.render(scale=dpi / 72)
            images.append(bitmap.to_pil().convert("L"))
            page.close()
        return images
    finally:
        doc.close()


def _degrade(image: Image.Image, rng: random.Random, noise: float) -> Image.Image:
    """Make a clean render look faxed: a slight skew, salt-and-pepper specks, a soft edge."""
    skewed = image.rotate(rng.uniform(-0.6, 0.6), fillcolor=255, resample=Image.Resampling.BICUBIC)
    pixels = skewed.load()
    assert pixels is not None
    width, height = skewed.size
    for _ in range(int(width * height * noise)):
        x, y = rng.randrange(width), rng.randrange(height)
        pixels[x, y] = 0 if rng.random() < 0.5 else 255
    blurred = skewed.filter(ImageFilter.GaussianBlur(0.4))
    return blurred.point(lambda v: 0 if v < 150 else 255).convert("1")


def scanned_pdf(
    pages: Sequence[str], *, dpi: int = 150, noise: float = 0.0015, seed: int = 7
) -> bytes:
    """Write a PDF of page *images* with no text layer, as a fax machine or scanner would.

    Args:
        pages: The text of each page, typeset as in :func:`text_pdf` before rendering.
        dpi: Resolution of the page images; 150 keeps files small and OCR reliable.
        noise: Fraction of pixels flipped to black or white.
        seed: Seed of the noise, so that regenerated samples are byte-identical.

    Returns:
        The bytes of an image-only PDF.
    """
    rng = random.Random(seed)  # noqa: S311 - noise for a synthetic picture, not security
    images = [_degrade(img, rng, noise) for img in _render_pages(text_pdf(pages), dpi)]
    out = io.BytesIO()
    fixed = time.gmtime(1767225600)  # 2026-01-01, not the wall clock: reproducible bytes
    images[0].save(
        out,
        format="PDF",
        save_all=True,
        append_images=images[1:],
        resolution=float(dpi),
        creationDate=fixed,
        modDate=fixed,
    )
    return out.getvalue()


def text_png(text: str, *, dpi: int = 150, noise: float = 0.0, seed: int = 7) -> bytes:
    """Render one page of text to a PNG image, the fixture for image OCR.

    Args:
        text: The page text.
        dpi: Resolution of the image.
        noise: Fraction of pixels flipped, as in :func:`scanned_pdf`.
        seed: Seed of the noise.

    Returns:
        PNG bytes.
    """
    rng = random.Random(seed)  # noqa: S311 - noise for a synthetic picture, not security
    (image,) = _render_pages(text_pdf([text]), dpi)
    if noise:
        image = _degrade(image, rng, noise)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()
