"""The PHI guard: pseudonymize what goes to a provider without a BAA, restore the answer.

The PHI stage (:mod:`clinllm.pipeline.phi`) calls :meth:`PhiGuard.protect` with the message
texts of one call, for each provider without a BAA. The guard returns texts safe to send, a
``restore`` function for the model's answer and per-type counts for the audit record. If
detection fails for any reason the guard raises :class:`PhiDetectionFailed` and nothing is
sent: an unscanned text is never assumed to be clean.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from types import MappingProxyType

from clinllm.domain.ports import PhiGuard, ProtectedTexts
from clinllm.errors import ClinLLMError, PhiDetectionFailed
from clinllm.phi.pseudonymize import Pseudonymizer
from clinllm.phi.vault import Vault

__all__ = ["PhiDetectionFailed", "PhiGuard", "ProtectedTexts", "PseudonymizingGuard"]


class PseudonymizingGuard:
    """A :class:`PhiGuard` backed by a :class:`~clinllm.phi.pseudonymize.Pseudonymizer`.

    Each call gets a fresh :class:`~clinllm.phi.vault.Vault`, shared by the texts of that
    call, so the system prompt and the document agree on surrogates and nothing outlives
    the request.

    Args:
        pseudonymizer: Holds the detector, the tenant salt and the surrogate style.
    """

    def __init__(self, pseudonymizer: Pseudonymizer) -> None:
        self._pseudonymizer = pseudonymizer

    def protect(self, texts: Sequence[str], *, scope: str) -> ProtectedTexts:
        """Pseudonymize ``texts``; raise :class:`PhiDetectionFailed` if anything goes wrong."""
        vault = Vault()
        counts: Counter[str] = Counter()
        out: list[str] = []
        try:
            for i, text in enumerate(texts):
                result = self._pseudonymizer.pseudonymize(text, scope=scope, vault=vault, doc=i)
                out.append(result.text)
                counts.update(result.counts)
        except ClinLLMError:
            raise
        except Exception as exc:  # noqa: BLE001 - any failure must stop the send
            # ``from None``: the original exception may quote the text it choked on.
            raise PhiDetectionFailed(type(exc).__name__) from None
        return ProtectedTexts(
            texts=tuple(out),
            restore=vault.restore_text,
            counts=MappingProxyType(dict(counts)),
        )
