"""The NegEx/ConText trigger lists the context scoper reads (see :mod:`.context`).

Data only, kept apart from the scoping so each can be read in one sitting: the published
trigger lists (Chapman et al. 2001, Harkema et al. 2009) with their categories and directions,
the pseudo-triggers, the termination terms, and the frames (return-precaution instructions, a
relative as a subject) that are patterns rather than fixed phrases.
"""

from __future__ import annotations

from typing import Literal

__all__ = [
    "APPROXIMATE",
    "FAMILY_SUBJECT",
    "INSTRUCTION",
    "PSEUDO",
    "TERMINATORS",
    "TRIGGERS",
    "Category",
]

#: What a trigger says about the words in its scope.
Category = Literal["negated", "possible", "family", "hypothetical"]

# (trigger, category, direction) — direction "f" modifies the words after, "b" before.
TRIGGERS: tuple[tuple[str, Category, str], ...] = (
    # Pseudo-negations are handled separately (see PSEUDO); uncertainty phrases that contain a
    # negation word are listed before the plain negations so the longer trigger wins.
    ("cannot be excluded", "possible", "b"),
    ("cannot be ruled out", "possible", "b"),
    ("can not be excluded", "possible", "b"),
    ("not yet excluded", "possible", "b"),
    ("not excluded", "possible", "b"),
    ("not ruled out", "possible", "b"),
    ("not been ruled out", "possible", "b"),
    ("cannot exclude", "possible", "f"),
    ("cannot rule out", "possible", "f"),
    ("can't rule out", "possible", "f"),
    ("rule out", "possible", "f"),
    ("r/o", "possible", "f"),
    ("rule-out", "possible", "f"),
    ("to exclude", "possible", "f"),
    ("evaluate for", "possible", "f"),
    ("evaluation for", "possible", "f"),
    ("concern for", "possible", "f"),
    ("concerning for", "possible", "f"),
    ("suspicious for", "possible", "f"),
    ("suspicion of", "possible", "f"),
    ("question of", "possible", "f"),
    ("questionable", "possible", "f"),
    ("possible", "possible", "f"),
    ("possibly", "possible", "f"),
    ("probable", "possible", "f"),
    ("probably", "possible", "f"),
    ("presumed", "possible", "f"),
    ("suspected", "possible", "f"),
    ("suspect", "possible", "f"),
    ("likely", "possible", "f"),
    ("may have", "possible", "f"),
    ("might have", "possible", "f"),
    ("versus", "possible", "b"),
    ("vs", "possible", "b"),
    ("is possible", "possible", "b"),
    ("is suspected", "possible", "b"),
    ("is likely", "possible", "b"),
    ("differential includes", "possible", "f"),
    ("family history of", "family", "f"),
    ("family hx of", "family", "f"),
    ("fh of", "family", "f"),
    ("family history", "family", "f"),
    ("family hx", "family", "f"),
    ("fhx", "family", "f"),
    *(
        (f"in {whose}{relative}", "family", "b")
        for whose in ("", "his ", "her ", "their ", "the patient's ")
        for relative in (
            "father",
            "mother",
            "sister",
            "brother",
            "sibling",
            "parent",
            "son",
            "daughter",
            "grandmother",
            "grandfather",
            "aunt",
            "uncle",
        )
    ),
    ("return if", "hypothetical", "f"),
    ("return for", "hypothetical", "f"),
    ("return precautions", "hypothetical", "f"),
    ("precautions", "hypothetical", "f"),
    ("call for", "hypothetical", "f"),
    ("call if", "hypothetical", "f"),
    ("watch for", "hypothetical", "f"),
    ("if", "hypothetical", "f"),
    ("in case of", "hypothetical", "f"),
    ("risk of", "hypothetical", "f"),
    ("risk for", "hypothetical", "f"),
    ("counselled on", "hypothetical", "f"),
    ("counseled on", "hypothetical", "f"),
    ("no evidence of", "negated", "f"),
    ("no signs of", "negated", "f"),
    ("no sign of", "negated", "f"),
    ("no clinical signs of", "negated", "f"),
    ("no features of", "negated", "f"),
    ("no history of", "negated", "f"),
    ("no hx of", "negated", "f"),
    ("no prior", "negated", "f"),
    ("no personal or family history of", "negated", "f"),
    ("negative for", "negated", "f"),
    ("pertinent negatives", "negated", "f"),
    ("negatives", "negated", "f"),
    ("neg for", "negated", "f"),
    ("neg", "negated", "f"),
    ("(-)", "negated", "f"),
    ("free of", "negated", "f"),
    ("absence of", "negated", "f"),
    ("denies", "negated", "f"),
    ("denied", "negated", "f"),
    ("deny", "negated", "f"),
    ("denying", "negated", "f"),
    ("without", "negated", "f"),
    ("w/o", "negated", "f"),
    ("never had", "negated", "f"),
    ("never", "negated", "f"),
    ("not", "negated", "f"),
    ("no", "negated", "f"),
    ("nor", "negated", "f"),
    ("ruled out", "negated", "b"),
    ("was ruled out", "negated", "b"),
    ("excluded", "negated", "b"),
    ("not supported", "negated", "b"),
    ("not suspected", "negated", "b"),
    ("not present", "negated", "b"),
    ("unlikely", "negated", "b"),
    ("very unlikely", "negated", "b"),
    ("absent", "negated", "b"),
    ("not seen", "negated", "b"),
    ("not identified", "negated", "b"),
    ("not found", "negated", "b"),
    ("negative", "negated", "b"),
    # The same in Spanish ("niega fiebre", "sin complicaciones", "probable apnea del sueño, a
    # descartar", "sospecha de", "se descarta", "antecedentes familiares:").
    ("a descartar", "possible", "b"),
    ("por descartar", "possible", "b"),
    ("en estudio", "possible", "b"),
    ("descartar", "possible", "f"),
    ("sospecha de", "possible", "f"),
    ("probable", "possible", "f"),
    ("posible", "possible", "f"),
    ("compatible con", "possible", "f"),
    ("antecedentes familiares", "family", "f"),
    ("antecedente familiar", "family", "f"),
    ("se descarta", "negated", "f"),
    ("sin evidencia de", "negated", "f"),
    ("sin datos de", "negated", "f"),
    ("ausencia de", "negated", "f"),
    ("negativo para", "negated", "f"),
    ("no refiere", "negated", "f"),
    ("niega", "negated", "f"),
    ("niegan", "negated", "f"),
    ("negó", "negated", "f"),
    ("sin", "negated", "f"),
    ("descartado", "negated", "b"),
    ("descartada", "negated", "b"),
    ("descartados", "negated", "b"),
    ("descartadas", "negated", "b"),
)

# Phrases that look like triggers but are not (NegEx pseudo-negation list, abridged).
PSEUDO = (
    "no increase",
    "no change",
    "no further",
    "not only",
    "not necessarily",
    "not certain if",
    "not certain whether",
    "without difficulty",
    "gram negative",
    "no acute distress",
    "not drain",
    "not extend",
    "if needed",
    "if tolerated",
    "if not improving",
    "likely from",
    "likely due to",
    "not at goal",
    "not on",
    "not yet on",
    "not started",
    "not given",
    "not required",
)

# A negation word after an approximator states a quantity, not an absence: "almost no sleep",
# "little to no urine output", "hardly any appetite", "next to nothing" describe a finding that
# is there (the patient barely sleeps), so the word never opens a negated scope.
APPROXIMATE = (
    r"(?:almost|nearly|virtually|practically|essentially|next\s+to|little(?:\s+|-)(?:to|or)|"
    r"hardly|barely|scarcely|minimal(?:\s+|-)(?:to|or))(?:\s+|-)(?:no|none|nothing|never|any)"
)

# Instructions for what to do if something happens (return precautions, warning signs): the
# findings they name are things the patient is to watch for, not things the patient has, in
# whatever words the instruction comes ("call 911 for facial droop", "seek urgent care for
# melena", "go to the nearest ER with any syncope", "warning signs: ...", "should she develop
# chest pain"). They open a hypothetical scope like "return if". Frames, not phrases: the verb
# of the instruction and where it sends the patient, each in its usual variants.
_EMERGENCY_PLACE = (
    r"(?:the\s+|an?\s+)?(?:nearest\s+|closest\s+)?(?:ED|ER|A&E|emergency(?:\s+(?:department|"
    r"room|dept|services|care))?|urgent\s+care|hospital|L&D|labor\s+and\s+delivery)"
)
INSTRUCTION = (
    r"(?:call|dial|phone)\s+(?:911|999|112|ems|an?\s+ambulance)",
    r"seek\s+(?:[\w-]+\s+){0,2}?(?:care|attention|help|evaluation|treatment)",
    r"(?:go|present|come|return|head|proceed|report)\s+(?:back\s+|directly\s+|immediately\s+|"
    rf"straight\s+|right\s+)?to\s+{_EMERGENCY_PLACE}",
    r"come\s+back",
    r"(?:warning|alarm|red[- ]flag|danger)\s+(?:signs?|symptoms?)",
    r"reasons?\s+to\s+(?:return|come\s+back|call|seek\s+care)",
    r"when\s+to\s+(?:seek|call|return|come\s+back)",
    r"should\s+(?:he|she|they|the\s+patient|the\s+child|pt|patient)\s+"
    r"(?:develop|experience|have|notice|get)",
    r"in\s+the\s+event\s+of",
)

# A relative as the subject of a condition ("Father has ulcerative colitis", "mother with
# breast cancer at 45", "his brother died of an MI at 50") opens a family scope, as "family
# history of" does; so does anyone else close to the patient ("husband recently diagnosed with
# Parkinson disease", "roommate tested positive for influenza", "coworker with hepatitis C"):
# the condition is another person's (ConText's experiencer "other"), never the patient's.
# Not when the relative reports or does something for the patient ("Mother
# has noticed wheezing", "mom has been giving acetaminophen"): that is the patient's history.
_RELATIVE = (
    r"(?:(?:his|her|their|the\s+patient'?s|patient'?s|pt'?s)\s+)?(?:maternal\s+|paternal\s+)?"
    r"(?:father|mother|dad|mom|sister|brother|sibling|parent|son|daughter|grandmother|"
    r"grandfather|grandparent|grandson|granddaughter|grandchild|aunt|uncle|cousin|niece|"
    r"nephew|husband|wife|spouse|partner|boyfriend|girlfriend|fianc[ée]e?|"
    r"roommate|room-mate|housemate|flatmate|co-?worker|colleague|friend|neighbou?r|"
    r"classmate|caregiver|household\s+contact|close\s+contact)s?"
)
FAMILY_SUBJECT = (
    rf"{_RELATIVE}\s+(?:(?:also|recently|newly|just|now)\s+)?(?:(?:has|had)(?:\s+a\s+history\s+of)?(?!\s+(?:been|noticed|"
    r"seen|given|observed|reported|brought|tried|called|asked|noted|started|stopped|kept|"
    r"measured|checked|taken|done|helped|stayed|concerns?|questions?|no|not|a\s+cold)\b)|"
    r"with|(?:(?:was|is|has\s+been|were|are|have\s+been)\s+)?diagnosed\s+with|"
    r"tested\s+positive\s+for|(?:is|was)\s+(?:being\s+)?treated\s+for|"
    r"(?:died|passed\s+away)\s+(?:of|from|with)|"
    r"suffer(?:s|ed)\s+from)|"
    # Spanish: "madre con cáncer de mama", "padre fallecido por infarto", "esposo diagnosticado
    # de Parkinson".
    r"(?:su\s+)?(?:madre|padre|mam[aá]|pap[aá]|herman[oa]s?|hij[oa]s?|abuel[oa]s?|t[ií][oa]s?|"
    r"prim[oa]s?|espos[oa]|pareja|nieto|nieta)\s+(?:con|tiene|tuvo|padece|padeci[oó]|"
    r"fallecid[oa]\s+(?:de|por)|falleci[oó]\s+(?:de|por)|diagnosticad[oa]\s+(?:de|con))"
)

# Termination terms: a scope never crosses them (ConText's CONJ / termination list).
TERMINATORS = (
    "but",
    "however",
    "although",
    "though",
    "except",
    "aside from",
    "apart from",
    "which",
    "presents",
    "presenting",
    "presented",
    "complains",
    "reports",
    "endorses",
    "endorsed",
    "admits to",
    "positive for",
    "notable for",
    "significant for",
    "does have",
    "did have",
    "due to",
    "secondary to",
    "because",
    "cause of",
    "source of",
    "etiology of",
    "still",
    "now",
    "today",
    "since",
    "then",
    "while",
    "pero",
    "aunque",
    "refiere",
    "presenta",
)
