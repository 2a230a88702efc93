"""A regular expression compiled on first use, so importing the recognizers costs nothing.

The name patterns are large (Unicode letter classes repeated per token); compiling them all
at import would put ~70 ms of work into ``import clinllm.phi``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

__all__ = ["LazyPattern"]


class LazyPattern:
    """Wraps ``re.compile(pattern, flags)``, compiling it the first time it is used.

    Args:
        pattern: The regular expression source.
        flags: ``re`` flags.
    """

    __slots__ = ("_compiled", "_flags", "_pattern")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._pattern = pattern
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern."""
        if self._compiled is None:
            self._compiled = re.compile(self._pattern, self._flags)
        return self._compiled

    def finditer(
        self, text: str, pos: int = 0, endpos: int | None = None
    ) -> Iterator[re.Match[str]]:
        """Like :meth:`re.Pattern.finditer`."""
        return self.compiled.finditer(text, pos, len(text) if endpos is None else endpos)

    def match(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        """Like :meth:`re.Pattern.match`."""
        return self.compiled.match(text, pos, len(text) if endpos is None else endpos)

    def fullmatch(self, text: str) -> re.Match[str] | None:
        """Like :meth:`re.Pattern.fullmatch`."""
        return self.compiled.fullmatch(text)

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        """Like :meth:`re.Pattern.search`."""
        return self.compiled.search(text, pos, len(text) if endpos is None else endpos)

    def findall(self, text: str) -> list[str]:
        """Like :meth:`re.Pattern.findall`."""
        return self.compiled.findall(text)
