from __future__ import annotations

import pytest

from clinllm.domain.policies import PolicyDocument, Reader, content_terms


def test_reader_names_are_identifiers() -> None:
    with pytest.raises(ValueError, match="group"):
        Reader(user="u1", groups=frozenset({"billing,compliance"}))
    with pytest.raises(ValueError, match="user"):
        Reader(user="u 1", groups=frozenset({"billing"}))
    with pytest.raises(ValueError, match="tenant"):
        Reader(user="u1", groups=frozenset({"a"}), tenant="t'; drop")


def test_the_permission_rule_is_tenant_and_one_shared_group() -> None:
    reader = Reader(user="u1", groups=frozenset({"billing", "all_staff"}), tenant="t1")
    assert reader.may_read("t1", ["all_staff", "hr"])
    assert not reader.may_read("t1", ["compliance_legal"])
    assert not reader.may_read("t2", ["billing"])
    assert not Reader(user="u1", groups=frozenset(), tenant="t1").may_read("t1", ["billing"])


def test_a_document_needs_a_group() -> None:
    with pytest.raises(ValueError, match="at least one group"):
        PolicyDocument(key="d", tenant="t", groups=frozenset(), title="x", sha256="0" * 64)


def test_content_terms_drop_stop_and_framing_words() -> None:
    assert content_terms("How often can my patient get a new full-face CPAP mask?") == [
        "new",
        "full",
        "face",
        "cpap",
        "mask",
    ]
    assert content_terms("What's the member's copay?") == ["copay"]
