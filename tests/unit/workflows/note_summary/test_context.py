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


def test_an_approximated_negation_is_a_quantity_not_an_absence() -> None:
    # "almost no sleep" asserts a finding; before the fix "no" negated the whole clause.
    text = "4 nights with almost no sleep, pressured speech, spent $9,000, drove at 100 mph."
    assert _negated(text) == []
    assert not analyze(text).categories_at(text.index("mph") - 4, len(text))
    assert _negated("Little to no urine output overnight, hardly any appetite.") == []


def test_pseudo_triggers_do_not_trigger() -> None:
    text = "No increase in dyspnea. Not only fatigue but also syncope. No further chest pain."
    assert analyze(text).modifiers == ()


def test_a_colon_scope_stops_at_a_termination_term() -> None:
    assert _negated("Negative for: fever, chills, but positive for cough and hemoptysis.") == [
        "fever",
        "chills",
    ]
    text = "Pertinent negatives: no chest pain; reports palpitations and syncope."
    assert "syncope" not in " ".join(_negated(text))


def test_an_affirmation_ends_a_negated_scope() -> None:
    assert _negated("Denies chest pain, endorses exertional dyspnea.") == ["chest pain"]


def test_a_comma_before_a_new_clause_ends_a_negated_scope() -> None:
    assert _negated("He denies chest pain, he does have exertional dyspnea.") == ["chest pain"]
    text = "No evidence of DVT in the left leg, the right leg shows a clot in the popliteal vein."
    assert _negated(text) == ["DVT in the left leg"]


def test_a_post_trigger_leaves_the_verb_out_of_the_condition() -> None:
    text = "Pulmonary embolism was ruled out. Sepsis is unlikely. Pneumonia is felt to be unlikely."
    assert _negated(text) == ["Pulmonary embolism", "Sepsis", "Pneumonia"]


def test_a_long_denied_list_is_denied_to_its_end() -> None:
    # A review of systems runs past MAX_SCOPE_WORDS; every item in it is still denied.
    text = (
        "Denies fever, chills, night sweats, weight loss, chest pain, palpitations, orthopnea, "
        "cough, nausea, vomiting, diarrhea, constipation, dysuria, hematuria or rash."
    )
    assert _negated(text)[-3:] == ["dysuria", "hematuria", "rash"]


def test_a_long_clause_that_is_not_a_list_keeps_the_word_limit() -> None:
    text = (
        "No fever was documented during the long admission that followed the elective hip "
        "replacement surgery at the regional hospital in the spring of last year with sepsis."
    )
    assert "sepsis" not in " ".join(_negated(text))


def _hypothetical(text: str, words: str) -> bool:
    start = text.index(words)
    return "hypothetical" in analyze(text).categories_at(start, start + len(words))


def test_instructions_for_what_to_do_if_are_hypothetical_in_their_usual_wordings() -> None:
    # Return precautions come in many wordings; each sends the patient somewhere or names
    # what to watch for, and the findings after it are not the patient's.
    for text in (
        "Seek emergency care for melena or syncope.",
        "Call 911 for facial droop, slurred speech or new weakness.",
        "Told to go to the nearest emergency department with any melena.",
        "Advised to return to the ER for syncope.",
        "Warning signs: syncope, melena.",
        "Reasons to come back: fainting, melena.",
        "Should he develop syncope, he will present to the ED.",
        "Discussed red flag symptoms: aphasia, facial droop.",
    ):
        finding = "melena" if "melena" in text else "syncope" if "syncope" in text else "droop"
        assert _hypothetical(text, finding), text


def test_a_precaution_list_in_a_bracket_or_on_bullets_below_is_hypothetical() -> None:
    assert _hypothetical("ED precautions given (syncope, melena).", "melena")
    text = "Return precautions:\n- syncope\n- melena\nHypertension: continue losartan."
    assert _hypothetical(text, "melena")
    assert not _hypothetical(text, "Hypertension")


def test_a_finding_the_patient_has_is_not_made_hypothetical() -> None:
    text = "Presents to the ED with syncope. Went to the ER last week for melena."
    assert not _hypothetical(text, "syncope")
    assert not _hypothetical(text, "melena")
    assert not _hypothetical("Return to clinic in 3 months.", "3 months")


def _categories(text: str, words: str) -> set[str]:
    start = text.index(words)
    return set(analyze(text).categories_at(start, start + len(words)))


def test_a_relative_as_the_subject_of_a_condition_is_family_history() -> None:
    assert _categories("Crohn disease. Father has ulcerative colitis.", "colitis") == {"family"}
    assert _categories("His brother died of a myocardial infarction.", "infarction") == {"family"}
    assert _categories("Mom with breast cancer at 45.", "breast cancer") == {"family"}
    assert _categories("Maternal aunt had a history of stroke.", "stroke") == {"family"}


def test_a_relative_who_reports_the_patients_symptom_is_not_family_history() -> None:
    assert _categories("Mother has noticed wheezing at night.", "wheezing") == set()
    assert _categories("Lives with mother. Asthma, well controlled.", "Asthma") == set()
