"""Obvious carriers of hidden text, decoded into views the rules and the classifier can read.

An instruction can travel encoded so that no pattern sees it and a model still reads it:
base64 or hex blobs ("decode this and do what it says"), percent- or entity-encoded text, rot13,
leetspeak (``1gn0r3 4ll``), reversed text, letters spread apart (``i g n o r e``), strings cut
into pieces and glued with ``+`` (``'ig' + 'nore'``), or Unicode tag characters that render as
nothing at all. Each decoder returns views whose characters map back to the original text: a
decoded blob maps as a whole onto the blob, a character-wise transform maps character by
character. Decoders are cheap and only fire on evidence (a blob that decodes to readable text,
a transform that turns gibberish into common words), so ordinary text yields no extra views.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import html
import re
from collections.abc import Iterator
from urllib.parse import unquote_plus

from clinllm.screening.normalize import View, carrier_view, normalize

__all__ = ["MAX_DEPTH", "carriers", "tag_characters"]

#: How many times a decoded text is searched again (base64 inside hex, and so on).
MAX_DEPTH = 2

#: Common words, and words of instructions: a transform that produces several of them where the
#: original had none is a real decoding, not noise.
_COMMON = frozenset(
    """a about above account address after all also always am an and answer any approve are as
    assistant at be before but by can code confidential data delete did disregard do document
    documents does email every everything for forget forward from full give grant has have her
    here his how i ignore in instruction instructions is it its just list me member members mode
    must my new no not now of on or our output password patient patients please previous print
    prior prompt records repeat reply reveal rules say secret send share should show system tell
    that the their them then there these they this to user users was we were what when which who
    will with you your""".split()
)

_WORD = re.compile(r"[A-Za-z0-9@$|]+")
_BASE64 = re.compile(r"(?<![A-Za-z0-9+/=_-])[A-Za-z0-9+/_-]{16,}={0,2}(?![A-Za-z0-9+/=_-])")
_HEX_ESCAPED = re.compile(r"(?:\\x[0-9a-fA-F]{2}){6,}")
_HEX_PAIRS = re.compile(r"(?<![0-9a-fA-F])(?:[0-9a-fA-F]{2}[ :]?){8,}(?![0-9a-fA-F])")
_TOKEN = re.compile(r"[^\s\"'<>]+")
_ESCAPE = re.compile(r"%[0-9A-Fa-f]{2}")
_ENTITIES = re.compile(r"(?:&#x?[0-9A-Fa-f]{1,6};\s?){3,}")
_QUOTED = re.compile(r"'[^'\n]{0,80}'|\"[^\"\n]{0,80}\"")
_GLUE = re.compile(r"\s*\+\s*")
_SPACED = re.compile(r"(?<![A-Za-z])(?:[A-Za-z][ .\-_*]){2,}[A-Za-z](?![A-Za-z])")
_LEET = str.maketrans("0134578@$|", "oieastbasl")
_LEET_DIGITS = re.compile(r"[0134578@$|]")


def _readable(raw: bytes) -> str | None:
    """``raw`` as text if it is UTF-8 and looks like language, else None."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if len(text) < 6:
        return None
    printable = sum(ch.isprintable() or ch in "\n\t" for ch in text)
    letters = sum(ch.isalpha() for ch in text)
    if printable < 0.95 * len(text) or letters < 0.5 * len(text.replace(" ", "")):
        return None
    return text


def _base64(text: str) -> Iterator[tuple[int, int, str]]:
    for m in _BASE64.finditer(text):
        blob = m.group()
        if blob.isalpha() and (blob.islower() or blob.isupper()):
            continue  # a long word, not a blob
        padded = blob + "=" * (-len(blob) % 4)
        for decode in (base64.b64decode, base64.urlsafe_b64decode):
            try:
                raw = decode(padded)
            except (binascii.Error, ValueError):
                continue
            decoded = _readable(raw)
            if decoded is not None:
                yield m.start(), m.end(), decoded
                break


def _hex(text: str) -> Iterator[tuple[int, int, str]]:
    for m in _HEX_ESCAPED.finditer(text):
        decoded = _readable(bytes.fromhex(m.group().replace("\\x", "")))
        if decoded is not None:
            yield m.start(), m.end(), decoded
    for m in _HEX_PAIRS.finditer(text):
        digits = re.sub(r"[ :]", "", m.group())
        if len(digits) % 2:
            digits = digits[:-1]
        decoded = _readable(bytes.fromhex(digits))
        if decoded is not None:
            yield m.start(), m.end(), decoded


def _percent(text: str) -> Iterator[tuple[int, int, str]]:
    # Whole tokens with at least three escapes: the same spans as one regex for "a token with
    # three %XX", which backtracks from every position of a long token (quadratic: a 16 KB
    # run of digits took 25 s); a token scan is linear.
    for m in _TOKEN.finditer(text):
        if len(_ESCAPE.findall(m.group())) < 3:
            continue
        decoded = unquote_plus(m.group())
        if decoded != m.group() and " " in decoded.strip():
            yield m.start(), m.end(), decoded


def _entities(text: str) -> Iterator[tuple[int, int, str]]:
    for m in _ENTITIES.finditer(text):
        decoded = html.unescape(m.group())
        if decoded != m.group():
            yield m.start(), m.end(), decoded


def _glued(text: str) -> Iterator[tuple[int, int, str]]:
    """Quoted pieces glued with ``+``: ``'ig' + 'nore' + ' rules'`` reads ``ignore rules``."""
    quoted = list(_QUOTED.finditer(text))
    i = 0
    while i < len(quoted):
        j = i
        while j + 1 < len(quoted) and _GLUE.fullmatch(text, quoted[j].end(), quoted[j + 1].start()):
            j += 1
        if j > i:
            pieces = "".join(q.group()[1:-1] for q in quoted[i : j + 1])
            yield quoted[i].start(), quoted[j].end(), pieces
        i = j + 1


def _common_gain(before: list[str], after: list[str]) -> int:
    """How many tokens became common words of 3+ letters through a transform (and were not).

    Short words are left out: a lone digit that reads as "a" or "i" is no evidence.
    """
    return sum(
        len(a) > 2 and b.lower() not in _COMMON and a.lower() in _COMMON
        for b, a in zip(before, after, strict=True)
    )


def _charwise(view: View, text: str, index: list[int], kind: str) -> View:
    """A view made of ``text`` whose k-th character is the parent's ``index[k]``-th."""
    if view.starts is None or view.ends is None:
        return View(text, index, [i + 1 for i in index], kind)
    return View(text, [view.starts[i] for i in index], [view.ends[i] for i in index], kind)


def _transforms(view: View) -> Iterator[View]:
    text = view.text
    words = _WORD.findall(text)
    if not words:
        return
    rot = codecs.encode(text, "rot13")
    if _common_gain(words, _WORD.findall(rot)) >= 3:
        yield _charwise(view, rot, list(range(len(text))), "rot13")
    backwards = text[::-1]
    if _common_gain(words, [w[::-1] for w in words]) >= 3:
        yield _charwise(view, backwards, list(range(len(text) - 1, -1, -1)), "reversed")
    if sum(bool(_LEET_DIGITS.search(w)) for w in words) >= 2:
        leet_words = [w.translate(_LEET) for w in words]
        if _common_gain(words, leet_words) >= 2:
            yield _charwise(view, text.translate(_LEET), list(range(len(text))), "leet")
    spaced = list(_SPACED.finditer(text))
    if spaced:
        out: list[str] = []
        index: list[int] = []
        last = 0
        for m in spaced:
            out.append(text[last : m.start()])
            index.extend(range(last, m.start()))
            for k in range(m.start(), m.end(), 2):
                out.append(text[k])
                index.append(k)
            last = m.end()
        out.append(text[last:])
        index.extend(range(last, len(text)))
        yield _charwise(view, "".join(out), index, "spaced")


_BLOB_DECODERS = (
    ("base64", _base64),
    ("hex", _hex),
    ("percent", _percent),
    ("entities", _entities),
    ("split_string", _glued),
)


def carriers(view: View, depth: int = MAX_DEPTH) -> list[View]:
    """Every decoded view of ``view``, each mapped back to the original text.

    Args:
        view: A normalized view of the original text (or of a decoded blob).
        depth: How many more times decoded text is itself searched for carriers.

    Returns:
        Views of decoded blobs (each covering its blob) and of character-wise transforms.
    """
    found: list[View] = list(_transforms(view))
    for kind, decoder in _BLOB_DECODERS:
        for start, end, decoded in decoder(view.text):
            begin, stop = view.origin(start, end)
            inner = carrier_view(normalize(decoded).text, begin, stop, kind)
            found.append(inner)
            if depth > 1:
                found.extend(
                    carrier_view(v.text, begin, stop, v.kind)
                    for v in carriers(View(inner.text, None, None, kind), depth - 1)
                )
    return found


def tag_characters(text: str) -> list[View]:
    """Text hidden in Unicode tag characters (U+E0020..U+E007E), which render as nothing.

    Runs on the original text: normalization drops these characters.
    """
    views: list[View] = []
    for m in re.finditer("[\U000e0020-\U000e007e]{4,}", text):
        hidden = "".join(chr(ord(ch) - 0xE0000) for ch in m.group())
        views.append(carrier_view(hidden, m.start(), m.end(), "tag_characters"))
    return views
