"""Request bodies a route reads itself: JSON text, or a multipart file upload.

Document endpoints take either a JSON object (text) or ``multipart/form-data`` with one
``file`` part (a PDF, a fax image, a text file). FastAPI declares one body per route, so these
routes read the body here and publish both media types through :func:`document_body`. Anything
else is 415. Validation errors go through the same sanitizing handler as FastAPI's own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ValidationError
from starlette.datastructures import UploadFile

from clinllm.entrypoints.api.problems import ApiProblem

__all__ = ["Upload", "document_body", "read_json", "read_upload", "wants_multipart"]

ModelT = TypeVar("ModelT", bound=BaseModel)

_UPLOAD_SCHEMA = {
    "type": "object",
    "required": ["file"],
    "properties": {
        "file": {"type": "string", "format": "binary"},
        "source_name": {"type": "string", "pattern": r"^[A-Za-z0-9_.:@\-]{1,128}$"},
    },
}


@dataclass(frozen=True, slots=True)
class Upload:
    """An uploaded file: its bytes and a safe name."""

    data: bytes
    name: str


def document_body(model: type[BaseModel]) -> dict[str, Any]:
    """``openapi_extra`` for a route that takes ``model`` as JSON or a multipart upload."""
    return {
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": {"$ref": f"#/components/schemas/{model.__name__}"}},
                "multipart/form-data": {"schema": _UPLOAD_SCHEMA},
            },
        }
    }


def json_body(model: type[BaseModel]) -> dict[str, Any]:
    """``openapi_extra`` for a route that reads ``model`` as JSON itself."""
    return {
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": {"$ref": f"#/components/schemas/{model.__name__}"}}
            },
        }
    }


def _media_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";", 1)[0].strip().lower()


def wants_multipart(request: Request) -> bool:
    """Whether the body is a multipart upload (else it must be JSON)."""
    media = _media_type(request)
    if media == "multipart/form-data":
        return True
    if media != "application/json" and not media.endswith("+json"):
        raise ApiProblem(415, "send application/json or multipart/form-data")
    return False


async def read_json(request: Request, model: type[ModelT]) -> tuple[ModelT, bytes]:
    """The body validated as ``model``, and its raw bytes (for the idempotency fingerprint)."""
    media = _media_type(request)
    if media != "application/json" and not media.endswith("+json"):
        raise ApiProblem(415, "send application/json")
    raw = await request.body()
    try:
        return model.model_validate_json(raw), raw
    except ValidationError as exc:
        raise RequestValidationError(
            [{"loc": ("body", *e["loc"]), "type": e["type"]} for e in exc.errors()]
        ) from None


async def read_upload(request: Request, *, max_bytes: int) -> Upload:
    """The ``file`` part of a multipart body (one file, few fields, bounded size)."""
    try:
        form = await request.form(max_files=1, max_fields=8, max_part_size=max_bytes)
    except Exception:  # noqa: BLE001 - malformed multipart: the parser's text may quote it
        raise ApiProblem(400, "malformed multipart/form-data body") from None
    part = form.get("file")
    if not isinstance(part, UploadFile):
        raise RequestValidationError([{"loc": ("body", "file"), "type": "missing"}])
    data = await part.read()
    await form.close()
    name = form.get("source_name")
    if not isinstance(name, str) or not name or len(name) > 128:
        name = "upload"
    elif not all(ch.isalnum() or ch in "_.:@-" for ch in name):
        raise RequestValidationError([{"loc": ("body", "source_name"), "type": "string_pattern"}])
    return Upload(data=data, name=name)
