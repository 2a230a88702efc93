from __future__ import annotations

from clinllm.pipeline.confidence import score
from clinllm.pipeline.spec import Draft

from .toy import Toy


def test_caps_lower_present_fields_only_and_lists_take_their_weakest_item() -> None:
    draft: Draft[Toy] = Draft(Toy())
    draft.confidence.update({"member_id": 0.9, "diagnoses[0]": 0.8, "diagnoses[1]": 0.55})
    score(draft, {"member_id": 0.3, "absent": 0.1})
    assert draft.confidence == {
        "member_id": 0.3,
        "diagnoses[0]": 0.8,
        "diagnoses[1]": 0.55,
        "diagnoses": 0.55,
    }
