"""Read a note out of a FHIR DocumentReference, or a Bundle holding one.

The note travels as ``content[].attachment`` with base64 ``data`` and a ``contentType``
(text, PDF or an image); the bytes then go through the same ingest as a file. A reference by
``url`` is not fetched: clinllm never downloads anything at run time. The one ``url`` that is
followed points at a Binary inside the same Bundle (the IHE MHD / XDS layout of the official
R4 example ``Bundle-xds``): that is local data, not a download.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from dataclasses import dataclass
from typing import Any

from clinllm.errors import InputError

__all__ = ["NoteAttachment", "is_fhir_json", "read_note"]

_TYPE_NAME = re.compile(r"^[A-Z][A-Za-z]{1,39}$")


@dataclass(frozen=True, slots=True)
class NoteAttachment:
    """The note's bytes and what the resource says about them.

    Attributes:
        data: The decoded attachment.
        content_type: The attachment's ``contentType`` (None when absent).
        document_id: The DocumentReference's ``id``, when it has one.
    """

    data: bytes
    content_type: str | None
    document_id: str | None


def is_fhir_json(data: bytes) -> bool:
    """Whether ``data`` looks like a FHIR JSON resource (cheap check before parsing)."""
    head = data[:200].lstrip()
    return head.startswith(b"{") and b'"resourceType"' in data[:4096]


def _document_reference(resource: dict[str, Any]) -> dict[str, Any]:
    kind = resource.get("resourceType")
    if kind == "DocumentReference":
        return resource
    if kind == "Bundle":
        for entry in _items(resource.get("entry")):
            inner = entry.get("resource") if isinstance(entry, dict) else None
            if isinstance(inner, dict) and inner.get("resourceType") == "DocumentReference":
                return inner
        raise InputError("Bundle holds no DocumentReference")
    # The type is named only when it is a plain FHIR type name: a file can put anything there.
    named = kind if isinstance(kind, str) and _TYPE_NAME.match(kind) else "(not a type name)"
    raise InputError(f"unsupported FHIR resource type {named}")


def _items(value: object) -> list[Any]:
    """A JSON array's items; nothing for a value of the wrong type (a hostile file's choice)."""
    return value if isinstance(value, list) else []


def _decode(raw: object, what: str) -> bytes:
    try:
        return base64.b64decode(str(raw), validate=True)
    except (binascii.Error, ValueError):
        raise InputError(f"{what} is not base64") from None


def _bundled_binary(bundle: dict[str, Any], url: str) -> dict[str, Any] | None:
    """The Binary entry of ``bundle`` whose fullUrl is ``url`` (or ends with its Binary/id)."""
    for entry in _items(bundle.get("entry")):
        inner = entry.get("resource") if isinstance(entry, dict) else None
        if not isinstance(inner, dict) or inner.get("resourceType") != "Binary":
            continue
        full = str(entry.get("fullUrl") or "")
        if full == url or (inner.get("id") and url.endswith(f"Binary/{inner['id']}")):
            return inner if "data" in inner else None
    return None


def read_note(data: bytes) -> NoteAttachment:
    """The first attachment with inline data of a DocumentReference (or of one in a Bundle).

    Raises:
        InputError: Not JSON, not a DocumentReference or Bundle, no inline attachment, or
            data that is not base64. Messages never quote the content.
    """
    try:
        resource = json.loads(data)
    except (UnicodeDecodeError, ValueError, RecursionError):  # ValueError: JSON, huge numbers
        raise InputError("not valid FHIR JSON") from None
    if not isinstance(resource, dict):
        raise InputError("not a FHIR resource")
    doc = _document_reference(resource)
    doc_id = doc.get("id")
    document_id = doc_id if isinstance(doc_id, str) else None
    for content in _items(doc.get("content")):
        attachment = content.get("attachment") if isinstance(content, dict) else None
        if not isinstance(attachment, dict):
            continue
        if "data" in attachment:
            raw = _decode(attachment["data"], "DocumentReference attachment")
            return NoteAttachment(raw, attachment.get("contentType"), document_id)
        url = attachment.get("url")
        if resource is not doc and isinstance(url, str):
            binary = _bundled_binary(resource, url)
            if binary is not None:
                raw = _decode(binary["data"], "Binary in the Bundle")
                kind = binary.get("contentType") or attachment.get("contentType")
                return NoteAttachment(raw, kind, document_id)
    raise InputError("DocumentReference has no inline attachment data (a url is never fetched)")
