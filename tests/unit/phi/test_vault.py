from __future__ import annotations

import pickle

import pytest

from clinllm.phi import Vault


def test_restore_respects_word_boundaries_and_hides_values() -> None:
    vault = Vault()
    vault.add("NAME", "k", "Zebulon Quixtar-Vantablack", "Ann Lee")
    assert vault.restore_text("Ann Lee called; Annex Leeds did not") == (
        "Zebulon Quixtar-Vantablack called; Annex Leeds did not"
    )
    assert "Zebulon" not in repr(vault)
    assert vault.counts() == {"NAME": 1}


def test_vault_cannot_be_pickled() -> None:
    with pytest.raises(TypeError):
        pickle.dumps(Vault())
