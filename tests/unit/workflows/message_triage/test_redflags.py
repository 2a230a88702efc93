"""Each red-flag rule: fires when asserted now, not when negated, hypothetical or past."""

from __future__ import annotations

import pytest

from clinllm.workflows.message_triage.redflags import RED_FLAG_RULES, find_red_flags

# rule id, positive (as patients write it), negated, hypothetical or past
CASES: list[tuple[str, str, str, str]] = [
    ("chest_pain_now",
     "my chst pain started 10 min ago and is crushing, sweating",
     "No chest pain, just a cough for a week.",
     "What should I do if I get chest pain on the new pill?"),
    ("chest_pain_now",
     "tengo dolor en el pecho desde hace una hora",
     "no tengo dolor de pecho, solo tos",
     "Last year I had chest pain and it was reflux. Refill my omeprazole."),
    ("stroke_signs",
     "Writing for my dad: his face started drooping on the left and his words are slurred",
     "His speech is fine and there is no slurred speech at all.",
     "If his face starts drooping what are the signs of a stroke?"),
    ("stroke_signs",
     "mi mama tiene la boca torcida y no puede hablar bien",
     "She denies any slurred speech or weakness.",
     "My father had a stroke in 2019, he needs a refill of clopidogrel."),
    ("anaphylaxis",
     "ate shrimp and now my lips are swelling and my throat is closing",
     "I had hives but no swelling of my lips or tongue.",
     "In case my son's lips swell again, should we keep an epipen?"),
    ("trouble_breathing",
     "mi papa can't breathe bien, his lips se ven azules",
     "mi papa no tiene problems breathing, solo tos",
     "what if my asthma gets bad and I can't breathe on the plane?"),
    ("trouble_breathing",
     "cant breath good, lips look kinda blue says my roommate",
     "No trouble breathing, just a runny nose.",
     "If I ever have trouble breathing on this inhaler, who do I call?"),
    ("suicidal_plan",
     "I dont want to live anymore. I have been saving up my pills and there's enough.",
     "I am not suicidal and have no thoughts of hurting myself.",
     "Years ago I had suicidal thoughts; doing well now, need a refill of sertraline."),
    ("suicidal_plan",
     "my husband dice que se quiere matar, he has a gun in the garage",
     "He is not suicidal and would never hurt himself, he needs his refill.",
     "What are the signs of suicide risk in teenagers?"),
    ("suicidal_plan",
     "my son texted that he wants to kill himself tonight",
     "My son denies wanting to kill himself, he is just stressed about exams.",
     "If a teen says he wants to kill himself, who should we call?"),
    ("heavy_bleeding",
     "2 weeks postpartum, soaking a pad every 20 minutes and passing big clots",
     "No heavy bleeding, just light spotting.",
     "What if the bleeding doesn't stop after my biopsy next week?"),
    ("infant_fever",
     "my 6 week old baby has a temp of 100.8 rectal and is sleepy",
     "my 6 week old has no fever, just a stuffy nose",
     "my 6 week old gets vaccines tomorrow, what if she gets a fever?"),
    ("overdose_poisoning",
     "my 2 year old got into my purse and swallowed some of my blood pressure pills",
     "I did not take too many pills, I counted and took the right dose.",
     "What happens if someone took too many Tylenol by accident?"),
    ("unresponsive_or_seizure",
     "he fell and now he wont wake up, breathing funny",
     "She is not unresponsive, she is talking to us normally.",
     "My son had a first seizure years ago, can we renew his rescue med?"),
    ("hypoglycemia_severe",
     "her sugar meter says 38 and she is confused and sweaty",
     "I no longer check, my sugar is fine at 110",
     "Last year my sugar was 45 once. Need new test strips."),
    ("thunderclap_headache",
     "worst headache of my life came on suddenly an hour ago",
     "Mild headache, not the worst headache of my life, just tension.",
     "What are the signs of a thunderclap headache?"),
    ("head_injury_high_risk",
     "Mom is on warfarin and fell this afternoon and hit her head",
     "Dad is on warfarin but he did not hit his head, no fall.",
     "If someone on eliquis hit their head, what should they do?"),
]  # fmt: skip


MORE_EMERGENCY_CASES: list[tuple[str, str, str, str]] = [
    # The finding-level reader (s27): a part in an abnormal state, no alarm word.
    ("finding_cyanosis",
     "he's wheezy and his lips look a little blue",
     "he's wheezy but his lips are not blue",
     "what should we do if his lips ever look blue?"),
    ("finding_mottled_skin",
     "her knees are mottled and she's very sleepy",
     "her skin is warm, not mottled",
     "what if her legs get mottled again?"),
    ("finding_respiratory_distress",
     "the baby is sucking in under her ribs with each breath",
     "no sucking in under the ribs, breathing easy",
     "signs of sucking in under the ribs I should watch for?"),
    ("finding_altered_mind",
     "dad suddenly isn't making sense",
     "dad is not confused, he is talking normally",
     "if dad suddenly stops making sense, do I call 911?"),
    ("finding_face_asymmetry",
     "one side of her face looks lower than the other",
     "her face looks the same on both sides, no droop",
     "what if one side of her face looks lower later?"),
    ("finding_child_ingestion",
     "my toddler drank some of the bleach from under the sink",
     "my toddler did not drink any bleach, the cap was on",
     "what if my toddler drinks bleach, is there a hotline?"),
    ("finding_cardiac_equivalent",
     "mom is in a cold sweat and her jaw aches",
     "mom has no cold sweat and no jaw ache",
     "if she gets a cold sweat with jaw ache is that her heart?"),
    ("finding_shock",
     "BP 80/50 and heart rate 130, she looks grey",
     "BP 80/50 is her normal, pulse 70, no symptoms",
     "if the BP drops to 80/50 with pulse 130 what do we do?"),
    ("purpuric_rash_fever",
     "fever of 102 and a purple rash on her legs that does not fade under a glass",
     "fever of 102, no rash at all",
     "If she gets a fever with a rash that doesn't fade, what do we do?"),
    ("hyperglycemia_crisis",
     "sugar is 480 and he keeps throwing up, breathing fast",
     "sugar was 480 this morning, no vomiting, just thirsty",
     "If my sugar is over 400 and I start vomiting, is that DKA?"),
    ("meningitis_signs",
     "fever of 103 since last night and a stiff neck, light hurts",
     "fever of 101 but no stiff neck at all",
     "What are the signs of meningitis like a stiff neck with fever?"),
    ("allergic_airway",
     "ate peanuts at lunch and now my throat feels tight and it is hard to swallow",
     "ate peanuts but my throat is not tight, no trouble swallowing",
     "If my throat gets tight after eating peanuts, should I use the epipen?"),
    ("harm_to_others",
     "I am going to hurt my boss tomorrow, I can't take it",
     "I would never hurt someone, I'm just venting about my boss",
     "What if I'm going to hurt someone by accident when I'm on this medication?"),
    ("fever_immunocompromised",
     "I'm on chemo and my temp is 100.9 tonight",
     "I'm on chemo and have no fever, just tired",
     "I'm on chemo, what if I get a fever over the weekend?"),
    ("hypertensive_emergency",
     "BP 210/125 with blurry vision and a pounding headache",
     "BP 190/100 but no vision changes and no headache",
     "If my BP is 200/120 with a severe headache should I go in?"),
    ("palpitations_with_symptoms",
     "heart racing and skipping beats for an hour and I feel faint",
     "no palpitations and no dizziness, just tired",
     "What if my heart starts racing and I feel faint on the new inhaler?"),
    ("preeclampsia_signs",
     "I'm 34 weeks pregnant with a terrible headache and seeing spots",
     "34 weeks pregnant, no headache and no vision changes",
     "34 weeks pregnant: what are the signs of preeclampsia like a severe headache?"),
    ("sepsis_signs",
     "his temp is 103.2 and he is confused and clammy, he has a catheter",
     "temp 103 yesterday but he is not confused and not clammy, eating well",
     "What are the signs of sepsis if she gets a fever of 102 and confusion?"),
    ("shock_signs",
     "my BP is 82/50 and I almost fainted getting up",
     "BP 82/50 is my normal, no dizziness and no fainting",
     "If my blood pressure drops to 85/50 and I feel faint, what do I do?"),
    ("gi_bleed_with_faintness",
     "black tarry stools since yesterday and I nearly passed out in the shower",
     "no black stools and no dizziness, just heartburn",
     "Last year I had black stools and fainted, it was an ulcer. Refill my omeprazole."),
    ("pulse_extreme_with_symptoms",
     "his pulse is 36 and he feels like he is going to faint",
     "pulse 36 is normal for him, he runs marathons, no dizziness",
     "what if her heart rate goes over 160 and she gets dizzy?"),
    ("oxygen_low",
     "her pulse ox says 82% and she looks tired",
     "oxygen 96% on room air, no shortness of breath",
     "what if his oxygen drops to 85 on the oximeter?"),
    ("pregnancy_pain_faint",
     "I'm 7 weeks pregnant with severe cramping low on the left and I nearly passed out",
     "I'm pregnant, no severe pain and no dizziness, just nausea",
     "If I get severe pain and feel faint while pregnant, where do I go?"),
    ("bleeding_with_faintness",
     "I'm on Eliquis and my gums have been bleeding all morning, I passed out in the kitchen",
     "I'm on Eliquis, no bleeding and no fainting, just need a refill",
     "If I start bleeding on warfarin and pass out, should I go in?"),
    ("infant_danger_signs",
     "our 4 week old daughter has stopped feeding and is grunting",
     "my 4 week old is feeding well, not floppy, just a question about vitamin D",
     "what if my 3 week old becomes floppy, when should I worry?"),
    ("testicular_pain",
     "my 15 yo woke up with sudden pain in his left testicle and he threw up",
     "no testicle pain or swelling, just a rash on his leg",
     "what if he gets testicle pain again after the hernia repair?"),
    ("worst_pain_ever",
     "worst belly pain of my life, low on the right, since 3 am",
     "it's not the worst pain of my life, just sore from the gym",
     "if I get the worst pain of my life again with a kidney stone, do I go to the ER?"),
    ("short_alarm",
     "heart attack??",
     "no heart attack, just need my refill",
     "my dad had a stroke years ago"),
    ("postictal_signs",
     "my 2 year old had a seizure with his fever at noon and now he won't wake up properly",
     "he had no seizure, he is sleepy because he skipped his nap",
     "she had seizures as a kid and was drowsy after them; refill her keppra please"),
    ("abdominal_trauma",
     "I was rear-ended this morning and now my stomach is swollen and hard",
     "I was in a car accident, my belly is not swollen or sore at all",
     "if I get in a car accident and my belly swells, do I go to the ER?"),
    ("angle_closure_glaucoma",
     "my eye is very painful, I see halos around the lights and I threw up",
     "no eye pain, no halos, just itchy eyes",
     "what if my eye hurts and I see halos after the dilating drops?"),
    ("critical_lab_value",
     "the lab called: my INR is 9.2, I take warfarin",
     "my INR was not 9.2, that was a typo, it's in range",
     "if my INR is ever 9 or more, what should I do?"),
    ("airway_obstruction",
     "high fever, he is drooling and can't swallow, leaning forward to breathe",
     "no drooling, he can swallow fine and his voice is normal",
     "what if he starts drooling and can't swallow?"),
]  # fmt: skip

URGENT_CASES: list[tuple[str, str, str, str]] = [
    ("suicidal_ideation",
     "I keep thinking everyone would be better off without me, but no plan and I'm safe",
     "I am not suicidal, just stressed",
     "What are the signs of suicidal thoughts in teens?"),
    ("severe_depression",
     "I've been so depressed I stopped eating and feel hopeless",
     "I'm not depressed, just busy at work",
     "What are the signs of depression in older adults?"),
    ("palpitations",
     "my heart keeps racing on and off since this morning",
     "no palpitations since the new dose",
     "If I get palpitations on this medicine should I call?"),
    ("short_of_breath",
     "short of breath walking to the mailbox since yesterday",
     "no shortness of breath, just a cough",
     "If I get short of breath on the new med, who do I call?"),
    ("asthma_flare",
     "wheezing all day and using my albuterol every 2 hours",
     "no wheezing, asthma is well controlled",
     "What if my asthma flares up on vacation?"),
    ("fever",
     "fever of 101.8 with burning when I pee",
     "no fever, just burning when I pee",
     "what should I do if I get a fever after the vaccine?"),
    ("dehydration",
     "can't keep anything down since this morning",
     "vomited once yesterday, not vomiting now and drinking fine",
     "If she can't keep fluids down, when should we come in?"),
    ("wound_infection",
     "my incision is red, warm and leaking yellow fluid",
     "the incision is not red and there is no drainage",
     "What are the signs of infection at an incision?"),
    ("eye_symptoms",
     "my right eye hurts and my vision is blurry since this morning",
     "no eye pain and no vision changes, just itchy",
     "If I get blurry vision on this drop, should I stop?"),
    ("shingles_face",
     "blistering rash on my forehead going toward my eye",
     "no rash at all, just a headache",
     "Can I get the shingles vaccine? I want to prevent shingles."),
    ("laceration",
     "he has a deep cut on his hand from a knife",
     "no deep cut, just a scratch",
     "If he gets a deep cut at camp, where should he go?"),
    ("possible_fracture",
     "she fell and her arm looks bent wrong",
     "X-ray done, no broken arm, just a bruise",
     "What if he broke his arm, does urgent care do casts?"),
    ("coughing_blood",
     "coughing up blood-streaked phlegm since Monday",
     "no blood when I cough, just phlegm",
     "If I start coughing up blood should I go to the ER?"),
    ("facial_swelling",
     "bad toothache and now my jaw is swollen",
     "toothache but no swelling in my jaw",
     "What if my face swells after the dental work?"),
    ("dvt_signs",
     "my left calf is swollen, red and warm after the long flight",
     "no calf swelling after the flight, legs feel fine",
     "How do I watch for leg swelling after surgery?"),
    ("syncope_dizziness",
     "I passed out at work this morning",
     "never passed out, no dizziness",
     "If I feel dizzy on the new pill, should I call?"),
    ("confusion",
     "Grandpa is confused since yesterday, mixing up days",
     "she is not confused at all, sharp as ever",
     "What are the signs of confusion after anesthesia?"),
    ("severe_pain",
     "severe stomach pain since lunch, 9 out of 10",
     "no severe pain, just mild cramps",
     "If the pain gets severe after surgery what do I do?"),
    ("allergic_reaction",
     "broke out in hives after the new antibiotic",
     "no hives and no allergic reaction to the antibiotic",
     "What are the signs of an allergic reaction to penicillin?"),
    ("bleeding_risk",
     "I'm on warfarin and my gums keep bleeding",
     "on warfarin, no bleeding anywhere",
     "On warfarin: what if I start bleeding after the dentist?"),
    ("pregnancy_warning",
     "36 weeks and my water broke an hour ago",
     "36 weeks, no contractions yet and my water has not broken",
     "What are the signs that my water broke?"),
    ("head_injury",
     "my son fell off the bed and hit his head, crying but awake",
     "he did not hit his head, landed on his bottom",
     "If he hits his head at football, when do we worry?"),
    ("glucose_out_of_range",
     "blood sugar 345 this morning",
     "my sugar is not high, 110 fasting",
     "What if my sugar goes over 300 on steroids?"),
    ("blood_pressure_high",
     "blood pressure 186/100 twice today",
     "my pressure is 128/80",
     "If my BP is 185/100 at home, should I call?"),
    ("asks_about_emergency_care",
     "my ankle is huge, should I go to the ER?",
     "no need for the ER, just booking a visit",
     "When to go to the ER versus urgent care in general?"),
    ("unsafe_at_home",
     "I'm not safe at home, he hits me",
     "I feel safe at home",
     "What if a patient is not safe at home, what resources exist?"),
    ("gi_bleeding",
     "my poop has been black for two days",
     "no blood in my stool, just constipation",
     "what if I see blood in the toilet after the colonoscopy prep?"),
    ("missed_critical_treatment",
     "I missed my chemo infusion today because my ride cancelled",
     "I did not miss any dialysis, just asking about parking",
     "What happens if I ever miss a dialysis session?"),
    ("pregnancy_exposure",
     "I'm 12 weeks pregnant and my niece has fifth disease, I held her all weekend",
     "not pregnant, my niece has fifth disease, can I visit?",
     "If I get pregnant, is it a problem to be around chickenpox?"),
    ("dangerous_interaction",
     "Can I take my husband's Cialis? I use isosorbide for my heart.",
     "I take lisinopril and metformin, is the flu shot ok?",
     "I take lithium, is acetaminophen ok for a headache?"),
    ("critical_medication_out",
     "I ran out of my Keppra this morning, please call the pharmacy",
     "I have plenty of Keppra left, no rush on the refill",
     "What if I run out of my Keppra while traveling next month?"),
    ("lab_deadline",
     "the hospital said I need a potassium check within 2 days of discharge, can I get a lab slot?",
     "my lab appointment next month is fine, no changes",
     "if I ever need a potassium recheck how do I book it?"),
    ("throat_swallowing",
     "my tonsils are huge and it's hard to swallow anything",
     "no trouble swallowing, just a cough",
     "what if it gets hard to swallow?"),
    ("wound_discharge",
     "the incision is draining pus since this morning",
     "no pus or drainage from the wound",
     "what if the wound starts draining?"),
    ("post_procedure_worse",
     "two days after the extraction the pain is getting worse",
     "the pain is not getting worse since the procedure",
     "if the pain gets worse after the procedure, should I call?"),
    ("heart_failure_gain",
     "heart failure, and I gained 4 pounds this week",
     "heart failure, and I have not gained 4 pounds",
     "heart failure: should I call if I have gained 4 pounds in a week?"),
    ("new_medication_reaction",
     "since starting the statin I have muscle cramps",
     "since starting the statin no cramps or rash at all",
     "if I get a rash since starting the statin, should I stop it?"),
]  # fmt: skip


def fired(message: str) -> set[str]:
    return {hit.rule_id for hit in find_red_flags(message)}


@pytest.mark.parametrize(
    ("rule_id", "positive", "negated", "hypothetical"),
    CASES + MORE_EMERGENCY_CASES + URGENT_CASES,
)
def test_rule_fires_only_when_asserted_now(
    rule_id: str, positive: str, negated: str, hypothetical: str
) -> None:
    assert rule_id in fired(positive)
    assert rule_id not in fired(negated)
    assert rule_id not in fired(hypothetical)


@pytest.mark.parametrize(
    ("rule_id", "positive", "negated", "hypothetical"), CASES + MORE_EMERGENCY_CASES
)
def test_emergency_rules_report_spans_from_the_original_text(
    rule_id: str, positive: str, negated: str, hypothetical: str
) -> None:
    hit = next(h for h in find_red_flags(positive) if h.rule_id == rule_id)
    assert hit.urgency == "emergency"
    for span in hit.spans:
        assert positive[span.start : span.end] == span.text


def test_every_rule_has_a_unique_id_a_stated_harm_and_cases() -> None:
    ids = [rule.id for rule in RED_FLAG_RULES]
    assert len(ids) == len(set(ids))
    assert all(rule.harm for rule in RED_FLAG_RULES)
    tested = {case[0] for case in CASES + MORE_EMERGENCY_CASES + URGENT_CASES}
    assert tested == set(ids)


@pytest.mark.parametrize(("rule_id", "positive", "negated", "hypothetical"), URGENT_CASES)
def test_urgent_rules_are_urgent(
    rule_id: str, positive: str, negated: str, hypothetical: str
) -> None:
    hit = next(h for h in find_red_flags(positive) if h.rule_id == rule_id)
    assert hit.urgency == "urgent"


def test_ideation_with_a_safety_statement_is_urgent_not_emergency() -> None:
    message = "Some days I think everyone would be better off without me, but no plan, I'm safe."
    hits = {h.rule_id: h.urgency for h in find_red_flags(message)}
    assert hits.get("suicidal_ideation") == "urgent"
    assert "suicidal_plan" not in hits


def test_hives_without_airway_signs_are_urgent_only() -> None:
    message = (
        "Itchy hives on my arms since the amoxicillin. No trouble breathing, no face swelling."
    )
    hits = {h.rule_id: h.urgency for h in find_red_flags(message)}
    assert hits == {"allergic_reaction": "urgent"}


@pytest.mark.parametrize(
    ("message", "rule_id"),
    [
        ("BP 196/118 this morning with a pounding headache and blurry vision",
         "hypertensive_emergency"),
        ("BP 184/104 twice this morning, mild headache, no vision changes", "blood_pressure_high"),
        ("sugars have been 280-320 all week", "glucose_out_of_range"),
        ("my 3 year old has a fever of 101.5", "fever"),
        ("can't keep any water down since last night", "dehydration"),
    ],
)  # fmt: skip
def test_numeric_and_same_day_rules(message: str, rule_id: str) -> None:
    assert rule_id in fired(message)


@pytest.mark.parametrize(
    ("message", "rule_id"),
    [
        ("im pretty sure hes having a stroke, his arm just dropped", "stroke_signs"),
        ("she told her friends she won't be around much longer and gave away her cat",
         "suicidal_plan"),
        ("he said he'd jump from the parking garage roof tonight", "suicidal_plan"),
        ("his nose bleed has gone on for over an hour now", "heavy_bleeding"),
        ("her tummy is rigid and she screams when I touch it", "worst_pain_ever"),
        ("after eating the pistachios his face is swelling up", "allergic_airway"),
        ("a ripping feeling in my upper back that started suddenly", "worst_pain_ever"),
        ("since lunch she doesn't understand anything we say to her", "stroke_signs"),
        ("after the new pill his eyelids puffed shut", "allergic_airway"),
        ("i think my brother OD'd in his room", "overdose_poisoning"),
        ("my albuterol isn't helping anymore and I'm wheezing", "trouble_breathing"),
        ("he says he's going to swallow the whole bottle of his oxycodone", "suicidal_plan"),
        ("she slipped off the roof and now she can't move her legs", "head_injury_high_risk"),
        ("at 35 weeks I can see the cord coming out", "worst_pain_ever"),
        ("my uncle says he wants to end it this weekend", "suicidal_plan"),
        ("she says she'll join grandpa in heaven soon", "suicidal_plan"),
    ],
)  # fmt: skip
def test_new_phrasings_of_red_flags(message: str, rule_id: str) -> None:
    assert rule_id in fired(message)


def test_not_wanting_to_die_of_an_illness_is_no_ideation() -> None:
    assert not fired("I don't want to die of a stroke like my mom, can I get my BP checked?") & {
        "suicidal_plan",
        "suicidal_ideation",
    }
    assert "overdose_poisoning" not in fired("he's been acting odd since the new med")
    assert "oxygen_low" not in fired("he is on oxygen 2 liters and his sats are 93")


@pytest.mark.parametrize(
    "message",
    [
        "My throat is sore and it hurts to swallow, can I get an antibiotic for my strep?",
        "I fell in the garden last week and my toes are numb, that's my neuropathy",
        "I'm 9 weeks pregnant with light spotting and I felt a bit dizzy this morning",
        "My 5 week old isn't eating as much as usual and has a stuffy nose",
        "My heart rate hit 160 on the bike and I felt weak afterwards",
        "My eyes keep tearing and the pain is worse in the wind",
        # Everyday senses of the new words: a bill, a refill, a newborn's cord, a waiting room.
        "I can't understand what you said in the letter about my deductible",
        "I'm going to take all my pills with me on the trip, can I get a 90 day supply?",
        "Should I take the rest of the antibiotics even though I feel better?",
        "I'm so tired lately I could sleep forever",
        "I can see the cord stump is still on, when does it fall off?",
        "I sat in the waiting room for 65 minutes and felt dizzy from hunger",
        "I waited 1 hr 35 min and my chest of drawers delivery never came",
    ],
)
def test_everyday_neighbours_of_the_new_rules_are_not_emergencies(message: str) -> None:
    # Written after the first blind run fell in precision: each of these tripped a broader
    # form of a new rule (allergen lists, any fall with numbness, dizziness with any bleed,
    # any feeding trouble in an infant, weakness at a high heart rate, tearing eyes).
    assert not any(h.urgency == "emergency" for h in find_red_flags(message))
