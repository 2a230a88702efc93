"""HELD-OUT note-summary building blocks. Engineers tuning rules or prompts must not open this file.

A note is assembled from *problem modules* (one clinical problem each: its ICD-10-CM codes,
history sentences, data, negations, red flags and plan actions) plus distractors (history-only
conditions, uncertain findings). The gold answer is the union of the modules' gold parts.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from codesets import require_billable


@dataclass(frozen=True)
class Med:
    """A medication change. ``full``/``abbr`` texts use ``{drug}`` for the name as written."""

    name: str
    action: str
    dose: str | None
    full: str
    abbr: str
    brand: str | None = None

    def __post_init__(self) -> None:
        if self.action not in ("started", "stopped", "dose_changed", "continued"):
            raise ValueError(self.action)


@dataclass(frozen=True)
class Fu:
    """A follow-up item."""

    what: str
    when: str | None
    full: str
    abbr: str


@dataclass
class Mod:
    """One problem addressed in the encounter."""

    key: str
    settings: set[str]
    problems: list[tuple[str, str]]
    dx: list[str]
    dx_abbr: str
    actions: list[Med | Fu]
    hpi: list[str] = field(default_factory=list)
    current: list[str] = field(default_factory=list)
    data: list[str] = field(default_factory=list)
    neg: list[tuple[str, str]] = field(default_factory=list)
    red: list[tuple[str, str]] = field(default_factory=list)
    uncertain: list[str] = field(default_factory=list)
    tags: set[str] = field(default_factory=set)
    cc: str = ""
    sex: str | None = None
    ages: tuple[int, int] = (25, 85)

    def __post_init__(self) -> None:
        for code, _ in self.problems:
            require_billable(code)


#: Conditions written in a past history that the encounter does not address (never gold).
HISTORY_ONLY = [
    "remote appendectomy",
    "cholecystectomy in 2015",
    "childhood asthma, resolved",
    "kidney stones in 2019",
    "hepatitis C, treated and cured in 2018",
    "provoked DVT in 2012 after knee surgery, anticoagulation completed",
    "tonsillectomy as a child",
    "benign breast biopsy in 2010",
    "C-section x2",
    "right wrist fracture in 2004",
    "melanoma in situ excised in 2016, no recurrence",
    "H. pylori treated in 2020",
]

#: Findings stated with uncertainty: they belong in neither problems nor negated.
UNCERTAIN = [
    "Possible mild obstructive sleep apnea; not evaluated further today.",
    "Early Dupuytren contracture cannot be excluded on exam.",
    "Questionable mild carpal tunnel symptoms, likely positional.",
    "Possible seborrheic keratosis on the back; will look again next time.",
    "A benign-appearing thyroid nodule cannot be excluded on palpation.",
]

#: Review-of-systems negatives usable when no module claims the symptom.
ROS = {
    "fever": "fever",
    "chest pain": "chest pain",
    "shortness of breath": "shortness of breath",
    "abdominal pain": "abdominal pain",
    "headache": "headache",
    "weight loss": "weight loss",
    "blood in the stool": "blood in stool",
    "syncope": "syncope",
    "palpitations": "palpitations",
    "leg swelling": "leg swelling",
}
