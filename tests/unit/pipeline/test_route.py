from __future__ import annotations

import dataclasses

from clinllm.domain.evidence import Evidence
from clinllm.domain.outcome import RouteDecision
from clinllm.pipeline.route import decide
from clinllm.pipeline.spec import Draft, ReviewPolicy

from .toy import TOY, Toy

EV = Evidence.at("AB123", 0, 5)


def _draft(**confidence: float) -> Draft[Toy]:
    draft: Draft[Toy] = Draft(Toy())
    draft.confidence.update(confidence)
    return draft


def test_accept_when_nothing_is_missing_low_or_wrong() -> None:
    assert decide(TOY, _draft(member_id=0.9), ()) == RouteDecision("accept")


def test_reasons_list_missing_then_low_then_errors() -> None:
    draft = _draft(member_id=0.5, **{"diagnoses[0]": 0.4})
    draft.find("bad_thing", "error", "fixed text", "member_id", (EV,))
    route = decide(TOY, draft, ("diagnosis",))
    assert route.action == "review"
    assert route.reasons == (
        "missing:diagnosis",
        "low_confidence:diagnoses[0]",
        "low_confidence:member_id",
        "finding:bad_thing",
    )


def test_items_and_exempt_fields_are_reasons_but_do_not_decide() -> None:
    spec = dataclasses.replace(TOY, review=ReviewPolicy(confidence_exempt=("hint",)))
    draft = _draft(hint=0.1, **{"diagnoses[0]": 0.1})
    assert decide(spec, draft, ()).action == "accept"
    item_level = dataclasses.replace(TOY, review=ReviewPolicy(item_level=True))
    assert decide(item_level, draft, ()).reasons == (
        "low_confidence:diagnoses[0]",
        "low_confidence:hint",
    )


def test_a_spec_route_goes_first() -> None:
    spec = dataclasses.replace(TOY, route=lambda d: RouteDecision("escalate", ("now",)))
    assert decide(spec, _draft(member_id=0.1), ("diagnosis",)) == RouteDecision(
        "escalate", ("now",)
    )


def test_errors_need_not_send_to_review() -> None:
    spec = dataclasses.replace(TOY, review=ReviewPolicy(review_on_error=False))
    draft = _draft()
    draft.find("bad_thing", "error", "fixed text")
    assert decide(spec, draft, ()).action == "accept"
