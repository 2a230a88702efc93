"""Instructions first, the message last; the labels the prompt names are the schema's."""

from __future__ import annotations

from clinllm.workflows.message_triage.prompt import (
    INSTRUCTIONS,
    PROMPT_VERSION,
    draft_messages,
    triage_messages,
)
from clinllm.workflows.message_triage.schema import CATEGORIES, URGENCIES


def test_shared_instructions_come_first_and_the_message_last() -> None:
    messages = triage_messages("my message")
    assert messages[0].content == INSTRUCTIONS
    assert messages[-1].role == "user"
    assert messages[-1].content == "my message"
    assert draft_messages("my message", "other")[-1].content == "my message"


def test_the_prompt_names_every_label_and_forbids_advice() -> None:
    for label in (*CATEGORIES, *URGENCIES):
        assert label in INSTRUCTIONS
    normalized = " ".join(INSTRUCTIONS.split())
    assert "never give medical advice" in normalized
    assert PROMPT_VERSION.startswith("triage-")
