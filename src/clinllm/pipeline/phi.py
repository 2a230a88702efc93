"""PHI: apply each provider's data policy before a byte leaves the process.

For every provider the gateway is about to call, this stage decides what may be sent:

* **as is**: the call carries no PHI, or the provider may hold PHI (covered by a BAA, or
  running in this process: the embedded model, the rules);
* **pseudonymized**: the provider may not hold PHI and a :class:`~clinllm.domain.ports.PhiGuard`
  is configured: PHI is detected and replaced by consistent surrogates, and the answer's strings
  are restored before anything downstream sees them;
* **refused**: the provider may not hold PHI and there is no guard, or detection failed: a
  :class:`~clinllm.errors.DataPolicyViolation` is raised and nothing is sent. An unscanned text
  is never assumed to be clean.

The gateway calls :meth:`PhiDataPolicy.prepare` as its
:class:`~clinllm.domain.ports.OutboundGuard`; it holds no data policy of its own.
"""

from __future__ import annotations

from collections.abc import Sequence

from clinllm.domain.calls import DataPolicy, Message
from clinllm.domain.ports import Outbound, PhiGuard
from clinllm.errors import ClinLLMError, DataPolicyViolation
from clinllm.observability.logging import get_logger, log_event

__all__ = ["PhiDataPolicy"]

_log = get_logger("clinllm.pipeline.phi")


class PhiDataPolicy:
    """The PHI stage: send as is, pseudonymize, or refuse, per provider.

    Args:
        guard: Pseudonymizes for providers without a BAA; None refuses PHI to them.
        scope: Salt scope (the tenant), so surrogates are consistent within a tenant only.
    """

    def __init__(self, guard: PhiGuard | None, *, scope: str) -> None:
        self._guard = guard
        self._scope = scope

    def __repr__(self) -> str:
        return f"PhiDataPolicy(guard={type(self._guard).__name__}, scope={self._scope!r})"

    def prepare(
        self,
        messages: Sequence[Message],
        *,
        provider: str,
        data_policy: DataPolicy,
        contains_phi: bool,
    ) -> Outbound:
        """Clear ``messages`` for ``provider`` (see the module docstring).

        Raises:
            DataPolicyViolation: PHI may not go to ``provider`` in any form; its ``__cause__``
                is the detection failure, when detection failed.
        """
        if not contains_phi or data_policy.phi_allowed:
            return Outbound(messages=tuple(messages), decision="as_is")
        if self._guard is None:
            log_event(_log, "phi.refused", provider=provider, outcome="refused_phi")
            raise DataPolicyViolation(provider)
        try:
            protected = self._guard.protect([m.content for m in messages], scope=self._scope)
        except ClinLLMError as exc:
            log_event(
                _log, "phi.refused", provider=provider, outcome="refused_phi",
                error_type=type(exc).__name__,
            )  # fmt: skip
            raise DataPolicyViolation(provider) from exc
        log_event(
            _log, "gateway.pseudonymized", provider=provider, entity_counts=dict(protected.counts)
        )
        return Outbound(
            messages=tuple(
                Message(role=m.role, content=text)
                for m, text in zip(messages, protected.texts, strict=True)
            ),
            decision="pseudonymized",
            restore=protected.restore,
            counts=protected.counts,
        )
