"""A regular expression compiled on first use, so importing the recognizers costs nothing.

The name patterns are large (Unicode letter classes repeated per token); compiling them all
at import would put ~70 ms of work into ``import clinllm.phi``. After the first call the
methods are the compiled pattern's own bound methods, so the hot path pays no wrapper cost.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

__all__ = ["LazyPattern"]


class LazyPattern:
    """Wraps ``re.compile(pattern, flags)``, compiling it the first time it is used.

    Args:
        pattern: The regular expression source.
        flags: ``re`` flags.
    """

    __slots__ = (
        "_compiled",
        "_flags",
        "_pattern",
        "findall",
        "finditer",
        "fullmatch",
        "match",
        "search",
    )

    finditer: Callable[..., Iterator[re.Match[str]]]
    match: Callable[..., re.Match[str] | None]
    search: Callable[..., re.Match[str] | None]
    fullmatch: Callable[..., re.Match[str] | None]
    findall: Callable[..., list[Any]]

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._pattern = pattern
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None
        for method in ("finditer", "match", "search", "fullmatch", "findall"):
            setattr(self, method, self._deferred(method))

    def _deferred(self, method: str) -> Callable[..., Any]:
        def call(*args: Any) -> Any:
            return getattr(self.compiled, method)(*args)

        return call

    @property
    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern (compiling it, and rebinding the methods, on first use)."""
        if self._compiled is None:
            compiled = re.compile(self._pattern, self._flags)
            self._compiled = compiled
            self.finditer = compiled.finditer
            self.match = compiled.match
            self.search = compiled.search
            self.fullmatch = compiled.fullmatch
            self.findall = compiled.findall
        return self._compiled
