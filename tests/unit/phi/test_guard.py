from __future__ import annotations

from collections.abc import Sequence

import pytest

from clinllm.errors import ClinLLMError
from clinllm.phi import (
    PhiDetectionFailed,
    PhiDetector,
    PhiFinding,
    PhiGuard,
    Pseudonymizer,
    PseudonymizingGuard,
)

SENTINEL = "Zebulon Quixtar-Vantablack"


class _Exploding(PhiDetector):
    def __init__(self) -> None:
        super().__init__(())

    def detect(self, text: str) -> list[PhiFinding]:
        raise RuntimeError(f"choked on {text}")


def _guard(detector: PhiDetector) -> PhiGuard:
    return PseudonymizingGuard(Pseudonymizer(detector, salt=b"guard-test-salt-0001"))


def test_protect_pseudonymizes_every_text_with_one_vault() -> None:
    texts: Sequence[str] = ("Summarize for the patient.", f"Patient: {SENTINEL}, MRN: 5510077.")
    protected = _guard(PhiDetector.default()).protect(texts, scope="tenant-a")
    assert len(protected.texts) == 2
    assert SENTINEL not in "".join(protected.texts)
    assert protected.counts == {"NAME": 1, "MRN": 1}
    assert protected.restore('{"name": "[NAME_1]"}') == f'{{"name": "{SENTINEL}"}}'
    assert SENTINEL not in repr(protected)


def test_detection_failure_raises_a_clinllm_error_without_content() -> None:
    with pytest.raises(PhiDetectionFailed) as info:
        _guard(_Exploding()).protect([f"Patient: {SENTINEL}"], scope="t")
    assert isinstance(info.value, ClinLLMError)
    assert SENTINEL not in str(info.value)
    assert info.value.__cause__ is None
    assert info.value.__suppress_context__
