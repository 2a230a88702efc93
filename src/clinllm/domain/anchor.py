"""The anchor: the chain's head, signed, for a store the database's writers cannot reach.

The keyed chain proves every entry up to its head; it cannot prove that no entries were cut
off the end, since a shorter chain is still a valid chain. An anchor written now (``clinllm
audit anchor``) and kept elsewhere (a ticket, a WORM bucket, an auditor's mailbox) closes that
gap: later, the entry at the anchor's ``seq`` must still carry the anchor's hash. The anchor is
signed with the audit key so that a forged or edited anchor is refused rather than believed.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from clinllm.domain.audit import GENESIS_HASH, AuditEntry, AuditKey
from clinllm.domain.hashing import canonical_json

__all__ = ["Anchor", "check_anchor", "make_anchor"]

_HEX64 = r"^[0-9a-f]{64}$"


class Anchor(BaseModel):
    """A signed statement: "the chain had ``entries`` entries and this head hash"."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    format: Literal["clinllm-audit-anchor/1"] = "clinllm-audit-anchor/1"
    entries: int = Field(ge=0)
    head_seq: int = Field(ge=0)
    head_hash: str = Field(pattern=_HEX64)
    key_id: str = Field(pattern=r"^[0-9a-f]{16}$")
    anchored_at: str = Field(max_length=40)
    signature: str = Field(pattern=_HEX64)

    def signed_fields(self) -> str:
        """The canonical JSON the signature covers (every field but the signature)."""
        return canonical_json(self.model_dump(exclude={"signature"}))


def make_anchor(head: AuditEntry | None, key: AuditKey, *, now: datetime | None = None) -> Anchor:
    """The signed anchor of a chain whose newest entry is ``head`` (None: an empty chain)."""
    unsigned = Anchor(
        entries=head.seq if head is not None else 0,
        head_seq=head.seq if head is not None else 0,
        head_hash=head.hash if head is not None else GENESIS_HASH,
        key_id=key.key_id,
        anchored_at=(now or datetime.now(UTC)).astimezone(UTC).isoformat(),
        signature="0" * 64,
    )
    return unsigned.model_copy(update={"signature": key.sign_anchor(unsigned.signed_fields())})


def check_anchor(anchor: Anchor, entry: AuditEntry | None, key: AuditKey) -> str | None:
    """Why the chain no longer matches ``anchor``, or None when it does.

    Args:
        anchor: The anchor read back from outside the database.
        entry: The chain's entry at ``anchor.head_seq`` now (None if there is none).
        key: The audit key.
    """
    if anchor.key_id != key.key_id:
        return f"the anchor was signed with another audit key (key id {anchor.key_id})"
    if key.sign_anchor(anchor.signed_fields()) != anchor.signature:
        return "the anchor's signature does not verify: the anchor was edited or forged"
    if anchor.head_seq == 0:
        return None
    if entry is None:
        return (
            f"the chain no longer holds entry {anchor.head_seq} that the anchor names: "
            "entries were removed from the end"
        )
    if entry.hash != anchor.head_hash:
        return f"entry {anchor.head_seq} differs from the anchored head: the chain was rewritten"
    return None
