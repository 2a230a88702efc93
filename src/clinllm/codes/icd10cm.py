"""ICD-10-CM: the full code set offline, from ``simple-icd-10-cm``.

Why a wrapper: the library warns on import (a deprecated resource API) and accepts chapters
and blocks (``M50-M54``) as "valid items"; a diagnosis code must be a category or below. Here
codes are normalized (dot or no dot, OCR letter O for zero), checked, and cached.
"""

from __future__ import annotations

import re
import threading
import warnings
from functools import lru_cache
from types import ModuleType

__all__ = ["description", "exists", "is_billable", "library", "normalize"]

#: OCR letters that stand for digits in a code's digit positions.
_OCR = str.maketrans("OIL", "011")

_SHAPE = re.compile(r"^[A-Z][0-9][0-9A-Z](?:\.?[0-9A-Z]{1,4})?$")


_LOCK = threading.Lock()
_LOADED: list[ModuleType] = []


def library() -> ModuleType:
    """``simple_icd_10_cm``, imported once and with its code list filled: every caller's way in.

    The library fills its list of all codes lazily, on the first ``add_dot``/``get_all_codes``
    call, and two threads racing on that first call see a half-filled list (``TypeError``
    from a failed index lookup). Pipeline stages run in worker threads, so the first fill
    happens here, under a lock, before any caller can use the module.
    """
    if _LOADED:
        return _LOADED[0]
    with _LOCK:
        if not _LOADED:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)
                import simple_icd_10_cm

            simple_icd_10_cm.get_all_codes(True)  # fills both code lists, once
            _LOADED.append(simple_icd_10_cm)
    return _LOADED[0]


def _clean(code: str) -> str:
    raw = code.strip().upper().replace(" ", "")
    if not raw:
        return raw
    # OCR: letter O or I/L after the first character stand for 0 and 1 (ICD-10-CM uses no
    # letter O after the first position, and no I or L there either).
    head, tail = raw[0], raw[1:]
    tail = tail.translate(_OCR)
    return head + tail


@lru_cache(maxsize=8192)
def normalize(code: str) -> str | None:
    """Return the dotted form (``M54.16``) of an existing ICD-10-CM code, else None.

    Accepts ``M5416``, ``m54.16`` and OCR-ish ``M54.l6``. Chapters and blocks are rejected:
    they are not codes a claim can carry.
    """
    raw = _clean(code)
    if not _SHAPE.match(raw):
        return None
    lib = library()
    undotted = raw.replace(".", "")
    if raw.count(".") == 1 and raw.index(".") != 3:
        return None
    try:
        if not lib.is_category_or_subcategory(undotted):
            return None
    except (ValueError, KeyError):
        return None
    # The dot always follows the category's three characters. Not ``lib.add_dot``: it finds a
    # code's position by a linear scan of all 98,000 codes the first time it sees the code
    # (about 14 ms each), which made a search over the code set take minutes per note.
    return undotted if len(undotted) == 3 else f"{undotted[:3]}.{undotted[3:]}"


def exists(code: str) -> bool:
    """Whether ``code`` is an ICD-10-CM category, subcategory or full code."""
    return normalize(code) is not None


@lru_cache(maxsize=8192)
def is_billable(code: str) -> bool:
    """Whether ``code`` is a leaf (billable) code; a category with children is not."""
    dotted = normalize(code)
    if dotted is None:
        return False
    return bool(library().is_leaf(dotted))


@lru_cache(maxsize=8192)
def description(code: str) -> str | None:
    """The official description of an existing code, else None."""
    dotted = normalize(code)
    if dotted is None:
        return None
    text: str = library().get_description(dotted)
    return text
