from clinllm.workflows.note_summary.context import analyze, negated_items


def _negated(text: str) -> list[str]:
    return [text[s:e] for s, e in negated_items(text)]


def test_denies_list_is_split_into_conditions() -> None:
    text = "Denies chest pain, shortness of breath, blurred vision or numbness."
    assert _negated(text) == ["chest pain", "shortness of breath", "blurred vision", "numbness"]


def test_backward_triggers_negate_the_words_before_them() -> None:
    text = "Costochondritis. PE ruled out by CTA. Pericarditis not supported."
    assert _negated(text) == ["PE", "Pericarditis"]


def test_uncertainty_is_not_negation_and_not_assertion() -> None:
    text = "Bacteremia not yet excluded (culture pending)."
    ctx = analyze(text)
    assert ctx.categories_at(0, 10) == {"possible"}
    assert _negated(text) == []


def test_scope_stops_at_the_next_trigger_and_at_termination_terms() -> None:
    text = "No fever but reports cough."
    ctx = analyze(text)
    assert "negated" in ctx.categories_at(3, 8)
    assert not ctx.categories_at(text.index("cough"), text.index("cough") + 5)


def test_pseudo_negation_does_not_trigger() -> None:
    text = "No change in the rash."
    assert _negated(text) == []
