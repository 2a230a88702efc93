"""Review integrity on the real store from the composition root: corrections are checked like
model output, a reviewer must be named, and claims expire after the configured time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr

from clinllm.bootstrap import build_store
from clinllm.domain.review import PRIOR_AUTH_EXTRACTION, NewReviewItem
from clinllm.errors import InputError, InvalidTransition
from clinllm.settings import Settings
from clinllm.store import Store

FAX = "Synthetic fax 2026-03-01. Member ID: ZZQ12345. CPT 72148. Dx M54.16."
GOOD: dict[str, Any] = {
    "procedures": [{"code": "72148", "system": "CPT"}],
    "diagnoses": [{"code": "M54.16"}],
    "member_id": "ZZQ12345",
    "requesting_provider": {"name": None, "npi": "1234567893"},
}


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return build_store(
        Settings(data_dir=tmp_path / "data", audit_key=SecretStr("k" * 32), review_claim_ttl_s=60)
    )


def _case(store: Store) -> int:
    document, _ = store.documents.register(sha256="c" * 64, source_name="fax", text=FAX, pages=1)
    extraction, _ = store.extractions.add(document.id, "prior_auth", {**GOOD, "member_id": None})
    item, _ = store.reviews.open(
        NewReviewItem(
            kind=PRIOR_AUTH_EXTRACTION, subject=str(extraction.id), document_id=document.id
        ),
        actor="system",
    )
    return item.id


@pytest.mark.parametrize(
    ("change", "says"),
    [
        ({"shoe_size": 11}, "fields the prior_auth schema does not"),
        ({"procedures": "72148"}, "schema at: procedures"),
        ({"procedures": [{"code": "7214", "system": "CPT"}]}, "procedures[0].code"),
        ({"urgency": "whenever"}, "schema at: urgency"),
        ({"diagnoses": [{"code": "Z99.999"}]}, "is not a code of ICD-10-CM"),
        ({"requesting_provider": {"name": None, "npi": "1234567890"}}, "npi_check_digit"),
    ],
)
def test_a_bad_correction_is_refused_and_nothing_is_written(
    store: Store, change: dict[str, Any], says: str
) -> None:
    item_id = _case(store)
    before = store.audit.verify().entries
    with pytest.raises(InputError, match=None) as caught:
        store.reviews.correct(item_id, {**GOOD, **change}, actor="rev.lee")
    assert says in str(caught.value)
    assert "ZZQ12345" not in str(caught.value)
    assert store.reviews.get(item_id).status == "pending"
    assert store.audit.verify().entries == before


def test_a_good_correction_is_stored_normalized(store: Store) -> None:
    item_id = _case(store)
    item, new = store.reviews.correct(item_id, GOOD, actor="rev.lee")
    assert item.status == "corrected"
    assert new.payload["member_id"] == "ZZQ12345"
    assert new.payload["urgency"] == "standard"  # the schema's default, filled in
    assert store.audit.verify().ok


@pytest.mark.parametrize("blank", ["", "   ", "\t", "a\nb"])
def test_a_blank_reviewer_is_refused(store: Store, blank: str) -> None:
    item_id = _case(store)
    with pytest.raises(InputError, match="reviewer id is required"):
        store.reviews.claim(item_id, actor=blank)
    assert store.reviews.get(item_id).claimed_by is None


def test_a_claim_expires_after_the_configured_time(tmp_path: Path) -> None:
    now = [datetime(2026, 3, 1, 9, 0, tzinfo=UTC)]
    settings = Settings(
        data_dir=tmp_path / "data", audit_key=SecretStr("k" * 32), review_claim_ttl_s=60
    )
    base = build_store(settings)
    store = Store(
        base.engine,
        clock=lambda: now[0],
        audit_key=None,
        claim_ttl=timedelta(seconds=settings.review_claim_ttl_s),
    )
    item_id = _case(store)
    store.reviews.claim(item_id, actor="rev.lee")
    now[0] += timedelta(seconds=30)
    with pytest.raises(InvalidTransition, match=r"claimed by rev\.lee"):
        store.reviews.accept(item_id, actor="rev.kim")
    now[0] += timedelta(seconds=31)  # the claim lapsed
    taken = store.reviews.claim(item_id, actor="rev.kim")
    assert (taken.status, taken.claimed_by) == ("claimed", "rev.kim")
    with pytest.raises(InvalidTransition, match=r"claimed by rev\.kim"):
        store.reviews.accept(item_id, actor="rev.lee")
    assert store.reviews.accept(item_id, actor="rev.kim").status == "accepted"
