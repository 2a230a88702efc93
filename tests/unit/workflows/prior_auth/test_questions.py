"""The prior-auth questions: the model's answers move the rules' guesses into or out of review.

The shipped spec asks no kind by default (the model did not beat the rules' guesses, s27);
``ASKING`` asks every kind, as ``CLINLLM_PRIOR_AUTH_QUESTIONS=code,provider,...`` does.
"""

from __future__ import annotations

import pytest
from pydantic import BaseModel

from clinllm.domain.calls import CallPolicy
from clinllm.pipeline.runner import Runner
from clinllm.screening import RuleScreen
from clinllm.settings import load_settings
from clinllm.testing.fakes import FakeStructuredModel
from clinllm.workflows.prior_auth import PRIOR_AUTH, PriorAuthModelOutput, prior_auth_spec
from clinllm.workflows.prior_auth.questions import KINDS, QUESTIONS, open_questions
from clinllm.workflows.prior_auth.rules import recognize

pytestmark = pytest.mark.anyio

ANSWERS = QUESTIONS.schema
ASKING = prior_auth_spec(KINDS)

# A letter: the request is labelled, one code sits only in narrative with request words.
LETTER = """\
Lakeside Health Plan - Utilization Management             Date: 03/02/2026
Patient: Jane Q. Sample          DOB: 01/02/1970
Member ID: LHP-1234-5678
Ordering provider: Maria Okafor, MD      NPI: 1245319599
Requested service: MRI lumbar spine without contrast (CPT 72148)
Diagnosis: M54.16 Radiculopathy, lumbar region
Requested date of service: 03/14/2026

Clinical summary: 57 y/o with ten weeks of radicular pain, failed 6 weeks of PT and NSAIDs.
We also ask approval of a lumbar epidural injection (62323) if the MRI confirms it.
"""

# A signature beside a referring physician: no label says who requests.
SIGNED = """\
Re: Jane Q. Sample, DOB 01/02/1970, member ID LHP-1234-5678
Health plan: Lakeside Health Plan
Requested: MRI lumbar spine without contrast, code(s) 72148
Diagnosis: M54.16
Date of service: 03/14/2026
Ten weeks of radicular pain despite six weeks of physical therapy and NSAIDs.

Sincerely,
Maria Okafor, MD
NPI: 1245319599
Attending: Lucas Brennan, MD   NPI 1679576722
"""


def runner(
    answers: list[str] | None, *, use_model: bool = True
) -> tuple[Runner, FakeStructuredModel]:
    table: dict[type[BaseModel], BaseModel | None] = {
        ANSWERS: ANSWERS(answers=answers) if answers is not None else None
    }
    fake = FakeStructuredModel(table)
    return (
        Runner(
            model=fake,
            screen=RuleScreen(),
            base_policy=CallPolicy(deadline_s=5),
            use_model=use_model,
        ),
        fake,
    )


def test_only_narrative_guesses_are_asked() -> None:
    qs = open_questions(LETTER, recognize(LETTER))
    assert [q.key for q in qs] == ["code:62323"]  # 72148 and M54.16 sit in labelled fields
    assert qs[0].options == ("requested", "not_requested")
    assert "62323" in qs[0].excerpt
    assert len(qs[0].excerpt) <= 260


async def test_a_refuted_guess_is_kept_and_goes_to_review() -> None:
    r, fake = runner(["not_requested"])
    out = await r.run(ASKING, LETTER)
    assert [p.code for p in out.output.procedures] == ["72148", "62323"]
    (call,) = fake.calls
    assert call.output is ANSWERS  # the questions, not the full schema
    assert call.messages[0].content == QUESTIONS.instructions
    assert out.confidence["procedures[1]"] < 0.7
    assert out.route.action == "review"
    assert [f.field for f in out.findings if f.code == "model_disputes"] == ["procedures[1]"]


async def test_the_shipped_spec_asks_nothing_so_no_call_is_made() -> None:
    assert open_questions(LETTER, recognize(LETTER), ()) == []
    r, fake = runner(["requested"])
    out = await r.run(PRIOR_AUTH, LETTER)
    assert fake.calls == []
    assert [p.code for p in out.output.procedures] == ["72148", "62323"]
    assert out.route.action == "review"  # the guess stays below the threshold


def test_the_kinds_asked_are_a_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    from clinllm.bootstrap.specs import workflow_specs

    monkeypatch.setenv("CLINLLM_PRIOR_AUTH_QUESTIONS", "code, service_date")
    settings = load_settings()
    assert settings.prior_auth_questions == ("code", "service_date")
    spec = workflow_specs(settings)["prior_auth"]
    assert spec.questions is not None
    assert spec.questions.version.endswith("+code,service_date")
    assert [q.key for q in spec.questions.open(ROLES, recognize(ROLES))] == ["service_date"]
    with pytest.raises(ValueError, match="unknown prior-auth question kind"):
        prior_auth_spec(["dates"])


async def test_a_confirmed_guess_is_kept_and_accepted() -> None:
    r, _ = runner(["requested"])
    out = await r.run(ASKING, LETTER)
    assert [p.code for p in out.output.procedures] == ["72148", "62323"]
    assert out.confidence["procedures[1]"] >= 0.7
    assert out.route.action == "accept"


async def test_an_unanswered_guess_stays_and_goes_to_review() -> None:
    for use_model, answers in ((False, None), (True, None)):
        r, _ = runner(answers, use_model=use_model)
        out = await r.run(ASKING, LETTER)
        assert [p.code for p in out.output.procedures] == ["72148", "62323"]
        assert out.confidence["procedures[1]"] < 0.7
        assert out.route.action == "review"


async def test_an_unlabelled_requester_is_asked_and_a_no_keeps_the_choice_for_review() -> None:
    c = recognize(SIGNED)
    qs = open_questions(SIGNED, c)
    assert [q.key for q in qs] == ["provider"]
    assert c.provider_name is not None
    assert c.provider_others
    pick, other = c.provider_name.value, c.provider_others[0][0].value
    assert {pick, other} == {"Maria Okafor", "Lucas Brennan"}
    assert pick in qs[0].ask
    r, _ = runner(["yes"])
    yes = await r.run(ASKING, SIGNED)
    assert yes.output.requesting_provider.name == pick
    assert yes.confidence["requesting_provider.name"] >= 0.7
    r, _ = runner(["no"])
    no = await r.run(ASKING, SIGNED)
    assert no.output.requesting_provider.name == pick  # never replaced on the model's word
    assert no.confidence["requesting_provider.name"] < 0.7
    assert no.route.action == "review"
    assert any(f.code == "model_disputes" for f in no.findings)
    r, _ = runner(None, use_model=False)
    alone = await r.run(PRIOR_AUTH, SIGNED)
    assert alone.output.requesting_provider.name == pick
    assert alone.route.action == "review"


async def test_answers_cannot_add_a_code_the_rules_settled_as_history() -> None:
    text = LETTER.replace("We also ask", "PMH: lumbar fusion (22612) in 2019.\nWe also ask")
    r, _ = runner(["requested", "requested"])
    out = await r.run(ASKING, text)
    assert "22612" not in [p.code for p in out.output.procedures]


def test_the_full_schema_is_no_longer_the_models_job() -> None:
    assert PRIOR_AUTH.questions is not None
    assert PRIOR_AUTH.questions.replaces_extraction  # asking nothing is no call at all
    assert QUESTIONS.replaces_extraction
    assert PriorAuthModelOutput is PRIOR_AUTH.model_schema  # still the rules provider's schema


# Roles read without a field label: a service date in running text, an id after "Patient ID".
ROLES = """\
Lakeside Health Plan - Utilization Management             Date: 03/02/2026
Patient: Jane Q. Sample          DOB: 01/02/1970
Patient ID: LHP-1234-5678        Group: GR-4411
Ordering provider: Maria Okafor, MD      NPI: 1245319599
Requested service: MRI lumbar spine without contrast (CPT 72148)
Diagnosis: M54.16 Radiculopathy, lumbar region

Clinical summary: 57 y/o with ten weeks of radicular pain, failed 6 weeks of PT and NSAIDs.
The study is planned for 03/14/2026 at the imaging center.
"""


def test_roles_read_without_a_label_are_asked() -> None:
    qs = open_questions(ROLES, recognize(ROLES))
    by_key = {q.key: q for q in qs}
    assert set(by_key) == {"service_date", "member_id"}
    assert by_key["service_date"].options == ("service", "other")
    assert "03/14/2026" in by_key["service_date"].ask
    assert by_key["member_id"].options == ("yes", "no")
    assert "LHP-1234-5678" in by_key["member_id"].excerpt


async def test_a_role_answer_moves_the_value_into_or_out_of_review_never_removes_it() -> None:
    keys = [q.key for q in open_questions(ROLES, recognize(ROLES))]
    confirm = ["service" if k == "service_date" else "yes" for k in keys]
    r, _ = runner(confirm)
    yes = await r.run(ASKING, ROLES)
    assert str(yes.output.service_date) == "2026-03-14"
    assert yes.output.member_id == "LHP-1234-5678"
    assert yes.confidence["service_date"] >= 0.85
    assert yes.confidence["member_id"] >= 0.85
    refute = ["other" if k == "service_date" else "no" for k in keys]
    r, _ = runner(refute)
    no = await r.run(ASKING, ROLES)
    assert str(no.output.service_date) == "2026-03-14"
    assert no.output.member_id == "LHP-1234-5678"
    assert not {"service_date", "member_id"} & set(no.output.missing_fields)
    assert no.confidence["service_date"] < 0.7
    assert no.confidence["member_id"] < 0.7
    disputed = {f.field for f in no.findings if f.code == "model_disputes"}
    assert disputed == {"service_date", "member_id"}
    assert no.route.action == "review"
    r, _ = runner(None, use_model=False)
    alone = await r.run(PRIOR_AUTH, ROLES)  # rules alone: the values stay as read
    assert str(alone.output.service_date) == "2026-03-14"
    assert alone.output.member_id == "LHP-1234-5678"
