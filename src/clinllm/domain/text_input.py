"""What text given directly (a portal message, the API's text) must be before any stage sees it.

A file is bounded by its bytes and pages (:mod:`clinllm.files`, ingest); text that arrives as a
``str`` (``app.run("triage", message)``, a line of a JSON Lines file, an HTTP body) is bounded
here, by the same rule wherever it comes from, so the CLI can check a whole file of messages
before it runs the first one, and the runner checks every text it is handed.
"""

from __future__ import annotations

from clinllm.errors import BinaryInput, InputTooLarge, InvalidUtf8

__all__ = ["check_text"]


def check_text(text: str, *, max_chars: int) -> None:
    """Refuse text given directly that no stage should see: too long, NUL, lone surrogates.

    The limit comes first and costs nothing, so a multi-megabyte message is refused before any
    stage spends time on it. A NUL character is what binary data looks like once decoded (and
    PostgreSQL cannot store it); a lone surrogate cannot be encoded to UTF-8, so it could be
    neither hashed nor stored. Errors give a count or an offset, never the text.

    Raises:
        InputTooLarge: More than ``max_chars`` characters.
        BinaryInput: A NUL character.
        InvalidUtf8: A lone surrogate (only possible in text from the Python API).
    """
    if len(text) > max_chars:
        raise InputTooLarge(f"text of {len(text)} characters, more than the limit of {max_chars}")
    nul = text.find("\x00")
    if nul >= 0:
        raise BinaryInput(f"text holds a NUL character (offset {nul}): binary, not text")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InvalidUtf8(
            f"text holds a lone surrogate (offset {exc.start}): not encodable as UTF-8"
        ) from None
