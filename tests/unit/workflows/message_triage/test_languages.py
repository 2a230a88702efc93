"""Red-flag and request words beyond English and Spanish reach the same rules and labels."""

from __future__ import annotations

import pytest

from clinllm.workflows.message_triage.context import Text
from clinllm.workflows.message_triage.rules import classify

EMERGENCIES = [
    ("Bố tôi đau ngực dữ dội và toát mồ hôi", "chest_pain_now"),
    ("Mẹ tôi không thở được, môi tím", "trouble_breathing"),
    ("Manman m gen doulè nan pwatrin depi maten", "chest_pain_now"),
    ("Papa m pa ka respire byen", "trouble_breathing"),
    ("Ang tatay ko ay hindi makahinga", "trouble_breathing"),
    ("Nawalan ng malay ang lola ko", "unresponsive_or_seizure"),
    ("У отца сильная боль в груди", "chest_pain_now"),
    ("Маму перекосило лицо, невнятная речь", "stroke_signs"),
    ("아버지가 숨을 못 쉬어요", "trouble_breathing"),
    ("어머니가 갑자기 말이 어눌해졌어요", "stroke_signs"),
    ("والدي لا يستطيع التنفس", "trouble_breathing"),
    ("أبي فقد الوعي ولا يستجيب", "unresponsive_or_seizure"),
]

REQUESTS = [
    ("Chào bác sĩ, tôi muốn đổi lịch hẹn sang thứ Sáu.", "appointment_scheduling"),
    ("Mwen bezwen yon randevou pou pitit mwen", "appointment_scheduling"),
    ("Magkano po ang bayarin sa check-up?", "billing_question"),
    ("Хочу записаться на приём к врачу", "appointment_scheduling"),
    ("진료 예약을 바꾸고 싶어요", "appointment_scheduling"),
    ("أريد تغيير موعدي", "appointment_scheduling"),
    ("Cần toa thuốc mới cho huyết áp", "refill_request"),
]


@pytest.mark.parametrize(("message", "rule_id"), EMERGENCIES)
def test_an_emergency_in_another_language_is_escalated_by_its_rule(
    message: str, rule_id: str
) -> None:
    verdict = classify(message)
    assert (verdict.category, verdict.urgency) == ("symptom_escalation", "emergency")
    assert verdict.urgency_rule == f"rule:{rule_id}"


@pytest.mark.parametrize(("message", "category"), REQUESTS)
def test_a_routine_request_in_another_language_gets_its_category(
    message: str, category: str
) -> None:
    verdict = classify(message)
    assert (verdict.category, verdict.urgency) == (category, "routine")


def test_a_critical_medicine_run_out_in_another_language_is_an_urgent_refill() -> None:
    verdict = classify("Tôi hết thuốc insulin từ hôm qua")
    assert (verdict.category, verdict.urgency) == ("refill_request", "urgent")


def test_hangul_is_kept_whole_with_offsets_unchanged() -> None:
    message = "가슴이 아파요 chest"
    text = Text.of(message)
    assert text.norm == message
    assert len(text.norm) == len(message)
