r"""Fast, exact regex scans for the triage rules: try a pattern only where it can start.

The rules run about ninety patterns over every message. Python's regex engine tries each
pattern at every position, and a pattern that starts with a word boundary and an alternation
of words gets none of the engine's own prefix shortcuts: on a megabyte of text the scans
alone took several seconds. But nearly every rule pattern starts with ``\b`` and then one of
a known set of literal words ("chest", "can't", "dolor"...). So the message's words are
indexed once by their first characters, and each pattern is tried (``pattern.match``) only at
the starts of words that begin with one of its literal prefixes.

This is exact, not a heuristic: every match of such a pattern starts at a word start with one
of its prefixes, and trying the candidates in order, resuming after each match, yields the
same matches as ``pattern.finditer``. Patterns whose start cannot be proven that way (no
leading word boundary, a repeat or a character category first), and messages where a
pattern has too many candidates to be worth it, use the plain scan. The test compares the
two on every corpus message and on random text.
"""

from __future__ import annotations

import bisect
import importlib
import re
from collections.abc import Iterator
from typing import Any

__all__ = ["WordIndex", "literal_prefixes"]

_PREFIX_CHARS = 4  # index key: the first characters of a word
_WORD = re.compile(r"\w+")
# CJK has no word boundaries: the index keeps every CJK character as a token of its own.
_CJK_RANGE = "\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff"
_CJK = re.compile(f"[{_CJK_RANGE}]")
_END = "\0"  # a prefix that is a whole word ("a", "im"): only words equal to it qualify
_TOKEN = re.compile(f"(?=(\\w{{1,{_PREFIX_CHARS}}}))(?:[{_CJK_RANGE}]|[^\\W{_CJK_RANGE}]+)")
_sre: Any = importlib.import_module("re._parser")
_const: Any = importlib.import_module("re._constants")
_cache: dict[re.Pattern[str], frozenset[str] | None] = {}


def literal_prefixes(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Prefixes one of which starts every match, at the start of an index token, or None.

    None means the pattern cannot be accelerated: some way to match does not begin with a
    word boundary and a literal word character (or with a CJK character, which the index
    keeps at every position).
    """
    if pattern in _cache:
        return _cache[pattern]
    found: frozenset[str] | None
    try:
        parsed = _sre.parse(pattern.pattern, pattern.flags)
        prefixes = _prefixes(tuple(parsed.data), "", anchored=False)
        found = frozenset(prefixes) if prefixes else None
    except (RecursionError, TypeError, ValueError, AttributeError, re.error):
        found = None
    _cache[pattern] = found
    return found


def _chars(op: Any, av: Any) -> list[str] | None:
    """The characters a single-character item can match, when few and literal."""
    if op is _const.LITERAL:
        return [chr(av)]
    if op is _const.IN:
        chars: list[str] = []
        for sub_op, sub_av in av:
            if sub_op is _const.LITERAL:
                chars.append(chr(sub_av))
            elif sub_op is _const.CATEGORY and sub_av is _const.CATEGORY_DIGIT:
                chars.extend("0123456789")
            else:
                return None
        return chars if len(chars) <= 12 else None
    return None


def _prefixes(items: tuple[Any, ...], done: str, *, anchored: bool) -> set[str] | None:
    """Every prefix (up to the index key length) that a match of ``items`` can start with.

    ``done`` is the prefix matched so far; ``anchored`` says a word boundary precedes it.
    Returns None when some match may start where the index has no token.
    """
    if done.endswith(_END) or len(done) >= _PREFIX_CHARS:
        return {done[:_PREFIX_CHARS]}
    if not items:
        return {done} if done else None
    (op, av), rest = items[0], items[1:]
    if op in (_const.ASSERT, _const.ASSERT_NOT):
        return _prefixes(rest, done, anchored=anchored)
    if op is _const.AT and not done:
        return _prefixes(rest, done, anchored=anchored or av is _const.AT_BOUNDARY)
    if op is _const.AT:
        # A word boundary after a prefix ends the word there.
        return {done + _END} if av is _const.AT_BOUNDARY else {done}
    chars = _chars(op, av)
    if chars is not None:
        out: set[str] = set()
        for char in chars:
            if not _WORD.fullmatch(char):
                if not done:
                    return None
                out.add(done + _END)
            elif not done and not (anchored or _CJK.fullmatch(char)):
                return None
            else:
                found = _prefixes(rest, done + char, anchored=anchored)
                if found is None:
                    return None
                out |= found
        return out
    if op is _const.SUBPATTERN:
        return _prefixes(tuple(av[-1].data) + rest, done, anchored=anchored)
    if op is _const.BRANCH:
        out = set()
        for alternative in av[1]:
            found = _prefixes(tuple(alternative.data) + rest, done, anchored=anchored)
            if found is None:
                return None
            out |= found
        return out
    if op in (_const.MAX_REPEAT, _const.MIN_REPEAT):
        low, _, body = av
        # One pass of the body starts the match; what follows may be the body again, so the
        # prefix ends with the body's own.
        first = _prefixes(tuple(body.data), done, anchored=anchored)
        if first is None:
            return None
        if low == 0:
            skipped = _prefixes(rest, done, anchored=anchored)
            if skipped is None:
                return None
            first |= skipped
        return first
    return {done} if done else None


class WordIndex:
    """The start offsets of a text's words, by their first characters."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._by_key: dict[str, list[int]] = {}
        words = 0
        by_key = self._by_key
        for m in _TOKEN.finditer(text):
            # The key is the text from the token on, up to the first non-word character: a
            # CJK token is one character, but a prefix may run on into the next.
            by_key.setdefault(m.group(1), []).append(m.start())
            words += 1
        self._keys = sorted(self._by_key)
        self._words = words

    def candidates(self, prefixes: frozenset[str]) -> list[int] | None:
        """Sorted word starts that begin with a prefix; None when there are too many."""
        # A match attempt at a candidate costs about what the full scan spends per word.
        limit = self._words // 2 + 64
        starts: list[int] = []
        for prefix in prefixes:
            if prefix.endswith(_END):
                word = prefix[:-1]
                key = word[:_PREFIX_CHARS]
                if len(word) < _PREFIX_CHARS:
                    starts.extend(self._by_key.get(key, ()))
                else:
                    i = bisect.bisect_left(self._keys, key)
                    while i < len(self._keys) and self._keys[i].startswith(key):
                        starts.extend(self._by_key[self._keys[i]])
                        i += 1
            elif len(prefix) >= _PREFIX_CHARS:
                starts.extend(self._by_key.get(prefix[:_PREFIX_CHARS], ()))
            else:
                i = bisect.bisect_left(self._keys, prefix)
                while i < len(self._keys) and self._keys[i].startswith(prefix):
                    starts.extend(self._by_key[self._keys[i]])
                    i += 1
            if len(starts) > limit:
                return None
        return sorted(set(starts))

    def scan(self, pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
        """The matches of ``pattern`` in the text, exactly as ``pattern.finditer`` gives them."""
        prefixes = literal_prefixes(pattern)
        starts = self.candidates(prefixes) if prefixes is not None else None
        if starts is None:
            yield from pattern.finditer(self._text)
            return
        resume = 0
        for start in starts:
            if start < resume:
                continue
            m = pattern.match(self._text, start)
            if m is not None:
                yield m
                resume = m.end() if m.end() > m.start() else m.start() + 1
