"""The one exception tree of clinllm.

Every error that leaves a clinllm module is one of these. Vendor SDK exceptions are
translated at the adapter boundary (``raise ProviderTimeout(...) from exc``) and never
reach pipeline or workflow code.

Errors carry identifiers, never content: a message names a provider, a setting, a status
code, a request id, a file line or a field path, never text from a document, a prompt or a
model reply. Anything that could be PHI stays out of ``str(exc)``.

```
ClinLLMError
├── ConfigError                 misuse: bad settings, unknown provider, missing key, bad model file
│   └── OcrUnavailable              OCR was needed and the OCR engine is not installed
├── InputError                  bad input from a caller: binary, invalid UTF-8, too large, malformed
│   ├── IngestError                 a document could not be ingested (names file and reason)
│   │   ├── EmptyDocument               no bytes, or no text after extraction and OCR
│   │   ├── DocumentTooLarge            more bytes, pages or pixels than allowed
│   │   ├── CorruptDocument             the PDF or image cannot be parsed
│   │   ├── EncryptedDocument           the PDF needs a password
│   │   ├── UnsupportedDocument         not UTF-8 text, PDF, PNG, TIFF or JPEG
│   │   ├── NotAFile                    a directory, FIFO, device or socket, not a regular file
│   │   └── OcrFailed                   the OCR engine failed or timed out on a page
│   ├── BinaryInput                 text input that holds NUL bytes
│   ├── InvalidUtf8                 text input that is not valid UTF-8
│   ├── InputTooLarge               text input larger than the configured limit
│   ├── RecordNotFound              a stored record id that does not exist
│   ├── InvalidTransition           a review action its item's current state does not allow
│   └── InvalidCorrection           a reviewer's correction the workflow's schema refuses
├── NotImplementedWorkflow      the workflow (or its eval suite) does not exist in this build
├── DataPolicyViolation         a PHI-bearing call refused for a provider without a BAA
├── PhiDetectionFailed          PHI detection failed, so nothing was sent anywhere
├── ProviderError               a world failure of one provider attempt
│   ├── ProviderTimeout             no answer within the attempt's share of the deadline
│   ├── ProviderConnectionError     connection refused, reset or broken
│   ├── ProviderUnavailable         5xx from the provider, or the embedded model cannot serve
│   │   └── ProviderCrashed             the embedded model's process died (segfault, abort, OOM)
│   ├── RateLimited                 429, with the Retry-After the provider asked for
│   ├── ProviderRejected            4xx other than 429: auth, bad request; retrying cannot help
│   └── CircuitOpen                 the provider's breaker is open; no request was sent
├── ContentError                the provider answered but the content is unusable
│   ├── SchemaViolation             not JSON, or JSON that does not validate against the schema
│   └── OutputTruncated             generation hit the token limit before the JSON closed
├── DeadlineExceeded            the logical call's deadline passed (covers retries and fallbacks)
└── AllProvidersFailed          every provider in the fallback chain failed; holds the attempts
```

A value a model proposes without evidence in the source text is not an error: grounding drops it
and counts it (``dropped_ungrounded`` on a workflow's outcome), because one bad value must not
cost the case its good ones.

Misuse (``ConfigError``, ``InputError``) is separate from world failures
(``ProviderError``) and from content failures (``ContentError``) so that callers can
decide: fix the configuration, retry later, or send the case to a human.
"""

from __future__ import annotations

__all__ = [
    "AllProvidersFailed",
    "BinaryInput",
    "CircuitOpen",
    "ClinLLMError",
    "ConfigError",
    "ContentError",
    "CorruptDocument",
    "DataPolicyViolation",
    "DeadlineExceeded",
    "DocumentTooLarge",
    "EmptyDocument",
    "EncryptedDocument",
    "IngestError",
    "InputError",
    "InputTooLarge",
    "InvalidCorrection",
    "InvalidTransition",
    "InvalidUtf8",
    "NotAFile",
    "NotImplementedWorkflow",
    "OcrFailed",
    "OcrUnavailable",
    "OutputTruncated",
    "PhiDetectionFailed",
    "ProviderConnectionError",
    "ProviderCrashed",
    "ProviderError",
    "ProviderRejected",
    "ProviderTimeout",
    "ProviderUnavailable",
    "RateLimited",
    "RecordNotFound",
    "SchemaViolation",
    "StaleVersion",
    "UnsupportedDocument",
]


class ClinLLMError(Exception):
    """Base of every clinllm error. Its message never holds document or model content."""


class ConfigError(ClinLLMError):
    """The configuration is wrong: the message names the setting to fix.

    Args:
        message: What is wrong, naming the setting (e.g. ``CLINLLM_OPENAI__API_KEY``).
        setting: The setting's name, for programmatic handling.
    """

    def __init__(self, message: str, *, setting: str | None = None) -> None:
        super().__init__(message)
        self.setting = setting


class OcrUnavailable(ConfigError):
    """OCR was needed but the OCR engine is not installed or cannot run.

    The fix is an installation step, so this is a configuration error, not an input error.
    """


class InputError(ClinLLMError):
    """A caller gave input clinllm cannot take (binary, invalid UTF-8, too large, malformed).

    The message says where (file, line, field) and why, never the offending content.
    """


class IngestError(InputError):
    """A document could not be ingested. Names the file and the reason, never content.

    Args:
        source: The file name (or ``<bytes>``) the caller gave.
        reason: A short fixed description of what is wrong.
    """

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class EmptyDocument(IngestError):
    """The file has no bytes, or no text could be read from it."""


class DocumentTooLarge(IngestError):
    """The file has more bytes, pages or pixels than the caller allows."""


class CorruptDocument(IngestError):
    """The file claims a format (PDF, PNG, TIFF, JPEG) but cannot be parsed."""


class EncryptedDocument(IngestError):
    """The PDF is encrypted with a password; clinllm does not guess passwords."""


class UnsupportedDocument(IngestError):
    """The bytes are neither UTF-8 text nor a supported PDF or image format."""


class NotAFile(IngestError):
    """The path is a directory, FIFO, device or socket: refused before anything is read.

    A FIFO would block the reader for ever and ``/dev/zero`` never ends, so only regular files
    are read (:func:`clinllm.files.read_bounded`).
    """


class OcrFailed(IngestError):
    """OCR ran but failed or timed out on a page (the engine is installed; the page is bad)."""


class BinaryInput(InputError):
    """The input holds NUL bytes: it is not a text document."""


class InvalidUtf8(InputError):
    """The input is not valid UTF-8."""


class InputTooLarge(InputError):
    """The input is larger than the configured limit."""


class RecordNotFound(InputError):
    """No record of this kind has this id.

    Args:
        kind: What was looked up (``document``, ``review item``, ...).
        record_id: The id that was asked for.
    """

    def __init__(self, kind: str, record_id: object) -> None:
        super().__init__(f"unknown {kind} id {record_id}")
        self.kind = kind
        self.record_id = record_id


class InvalidTransition(InputError):
    """The action is not allowed in the record's current state (e.g. accepting a closed item).

    Args:
        kind: The kind of record.
        record_id: Its id.
        state: Its current state.
        action: What was attempted.
    """

    def __init__(self, kind: str, record_id: object, *, state: str, action: str) -> None:
        super().__init__(f"cannot {action} {kind} {record_id}: it is {state}")
        self.kind = kind
        self.record_id = record_id
        self.state = state
        self.action = action


class StaleVersion(InputError):
    """A conditional step named a version the record has moved past (someone acted first).

    Args:
        kind: The kind of record.
        record_id: Its id.
        current: Its version now.
    """

    def __init__(self, kind: str, record_id: object, *, current: int) -> None:
        super().__init__(f"{kind} {record_id} is at version {current}")
        self.kind = kind
        self.record_id = record_id
        self.current = current


class InvalidCorrection(InputError):
    """A reviewer's correction does not validate against the workflow's output schema.

    Nothing is stored. The message and :attr:`problems` name field paths and the rule each
    breaks (``requesting_provider.npi: String should match pattern ...``), never the value typed.

    Args:
        record_id: The review item the correction was for.
        problems: ``(field path, what is wrong)`` pairs.
    """

    def __init__(self, record_id: object, problems: tuple[tuple[str, str], ...]) -> None:
        listed = "; ".join(f"{path}: {why}" for path, why in problems) or "invalid payload"
        super().__init__(f"correction of review item {record_id} refused: {listed}")
        self.record_id = record_id
        self.problems = problems


class NotImplementedWorkflow(ClinLLMError):
    """The workflow (or the eval suite that measures it) does not exist in this build.

    Nothing can be run or measured; the command line exits with code 4.

    Args:
        name: The workflow or suite name.
    """

    def __init__(self, name: str) -> None:
        super().__init__(f"suite {name} is not implemented yet (no workflow)")
        self.name = name
        self.suite = name


class DataPolicyViolation(ClinLLMError):
    """A call carrying PHI was refused for a provider that is not covered by a BAA.

    Raised (or recorded as an attempt) before any byte leaves the process.
    """

    def __init__(self, provider: str) -> None:
        super().__init__(
            f"refused to send PHI to provider {provider!r}: it is not configured as "
            "covered by a BAA (phi_allowed=false)"
        )
        self.provider = provider


class PhiDetectionFailed(ClinLLMError):
    """PHI detection failed, so the text was not pseudonymized and nothing was sent.

    An unscanned text is never assumed to be clean.

    Args:
        cause: The failure's type name, never the text it choked on.
    """

    def __init__(self, cause: str) -> None:
        super().__init__(f"PHI detection failed ({cause}); nothing was sent")
        self.cause = cause


class ProviderError(ClinLLMError):
    """One provider attempt failed for a reason in the world, not in the content.

    Args:
        provider: The provider string, e.g. ``openai:gpt-4o-mini``.
        status_code: HTTP status, when there was one.
        request_id: The provider's request id, when it sent one.
        detail: A short fixed description; never the provider's response body.
    """

    #: Whether trying the same provider again may succeed.
    retryable: bool = True
    #: Whether this failure counts against the provider's circuit breaker.
    trips_breaker: bool = True

    def __init__(
        self,
        provider: str,
        *,
        status_code: int | None = None,
        request_id: str | None = None,
        detail: str = "",
    ) -> None:
        parts = [f"{type(self).__name__} from {provider}"]
        if status_code is not None:
            parts.append(f"status={status_code}")
        if request_id:
            parts.append(f"request_id={request_id}")
        if detail:
            parts.append(detail)
        super().__init__(" ".join(parts))
        self.provider = provider
        self.status_code = status_code
        self.request_id = request_id


class ProviderTimeout(ProviderError):
    """The provider did not answer within the time left for this attempt."""


class ProviderConnectionError(ProviderError):
    """The connection to the provider was refused, reset or broken."""


class ProviderUnavailable(ProviderError):
    """The provider answered with a server error (5xx), or the embedded model cannot serve."""


class ProviderCrashed(ProviderUnavailable):
    """The embedded model's process died during the attempt (segfault, abort, OOM kill).

    Not retried: the same input would likely crash it again and each retry reloads the model,
    so the gateway falls back down the chain. The next call starts a fresh process.
    """

    retryable = False


class RateLimited(ProviderError):
    """The provider answered 429. Does not trip the breaker: the provider is healthy, only busy.

    Args:
        retry_after_s: Seconds the provider asked us to wait, from ``Retry-After``.
    """

    trips_breaker = False

    def __init__(
        self,
        provider: str,
        *,
        retry_after_s: float | None = None,
        status_code: int | None = 429,
        request_id: str | None = None,
        detail: str = "",
    ) -> None:
        if retry_after_s is not None:
            detail = (detail + f" retry_after_s={retry_after_s:g}").strip()
        super().__init__(provider, status_code=status_code, request_id=request_id, detail=detail)
        self.retry_after_s = retry_after_s


class ProviderRejected(ProviderError):
    """The provider refused the request (4xx other than 429): retrying the same cannot help."""

    retryable = False
    trips_breaker = False


class CircuitOpen(ProviderError):
    """The provider's circuit breaker is open: no request was sent."""

    retryable = False
    trips_breaker = False


class ContentError(ClinLLMError):
    """The provider answered, but the content cannot be used."""


class SchemaViolation(ContentError):
    """The output was not JSON or did not validate against the requested schema.

    Args:
        schema_name: The name of the output model.
        error_count: How many validation errors there were.
        locations: Field paths of the errors (e.g. ``procedures.0.code``); never values.
    """

    def __init__(
        self, schema_name: str, *, error_count: int = 1, locations: tuple[str, ...] = ()
    ) -> None:
        where = f" at {', '.join(locations[:5])}" if locations else ""
        super().__init__(
            f"output does not validate against {schema_name}: {error_count} error(s){where}"
        )
        self.schema_name = schema_name
        self.error_count = error_count
        self.locations = locations


class OutputTruncated(ContentError):
    """Generation stopped at the token limit before the output was complete."""


class DeadlineExceeded(ClinLLMError):
    """The deadline of the logical call passed; it covers every retry, fallback and re-ask."""

    def __init__(self, deadline_s: float) -> None:
        super().__init__(f"deadline of {deadline_s:g}s exceeded")
        self.deadline_s = deadline_s


class AllProvidersFailed(ClinLLMError):
    """Every provider in the chain failed. ``errors`` holds the last error of each provider.

    Args:
        providers: The chain that was tried, in order.
        errors: The typed error that ended each provider's turn.
    """

    def __init__(self, providers: tuple[str, ...], errors: tuple[ClinLLMError, ...]) -> None:
        summary = "; ".join(
            f"{p}: {type(e).__name__}" for p, e in zip(providers, errors, strict=False)
        )
        super().__init__(f"all providers failed ({summary})")
        self.providers = providers
        self.errors = errors
