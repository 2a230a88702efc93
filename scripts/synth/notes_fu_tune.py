"""The notes_fu probe's open (tune) side: its wordings and frames.

Voice: after-visit summaries printed for the patient, home-health nurse visit notes and
on-call message logs, and scanned (OCR'd) copies of them. Written after the blind side
(``heldout_notes_fu.py``) and without reading it again.
"""

from __future__ import annotations

import random
import re
from typing import Any

#: (what the note says, the annotator's ``what``, ``when`` or None)
FOLLOW: list[tuple[str, str, str | None]] = [
    ("RTC 3 wks", "return visit", "3 weeks"),
    ("see me after the echo", "visit after echocardiogram", None),
    ("labs in 1 week", "labs", "1 week"),
    ("referred to GI", "GI referral", None),
    ("Come back to see Dr. Varga in one month", "return visit", "1 month"),
    ("BMP Friday at the outpatient lab", "BMP", "Friday"),
    ("I put in a consult to neurology, their office will reach out", "neurology consult", None),
    ("Schedule with dermatology to look at the mole on your back", "dermatology appointment", None),
    ("Recheck the thyroid blood test in 6 wk", "thyroid blood test", "6 weeks"),
    ("f/u PCP 1-2 wks", "PCP follow-up", "1-2 weeks"),
    ("We will send you for an ultrasound of the kidneys", "kidney ultrasound", None),
    (
        "Physical therapy twice a week for 6 weeks - order placed",
        "physical therapy",
        "twice a week for 6 weeks",
    ),
    ("Wound care nurse to see pt Wed", "wound care nurse visit", "Wednesday"),
    ("CBC + ferritin before next visit", "CBC and ferritin", "before next visit"),
    ("Mammogram is due - please book it", "mammogram", None),
    ("Blood cultures pending, will call with results", "blood culture results", None),
]
#: (the sentence, the gold red flag as the note words it)
FLAGS: list[tuple[str, str]] = [
    ("On-call lab phoned: K 6.9, repeat sample not hemolyzed.", "K 6.9"),
    (
        "Today's hemoglobin was 6.6 and she was sent to the infusion center for transfusion.",
        "hemoglobin was 6.6",
    ),
    ("He has been vomiting blood since this morning.", "vomiting blood"),
    ("Fingerstick glucose 41 and patient diaphoretic at visit.", "Fingerstick glucose 41"),
    (
        "Wife reports new facial droop and slurred speech starting 40 minutes ago.",
        "new facial droop and slurred speech",
    ),
    ("Na 117 on today's draw.", "Na 117"),
    ("O2 sat 85% on room air at the home visit, breathing fast.", "O2 sat 85% on room air"),
    ("Pt told the nurse he plans to shoot himself this weekend.", "plans to shoot himself"),
    ("Temperature 39.9 C with rigors, ANC pending.", "Temperature 39.9 C"),
    ("Passing maroon stools with dizziness on standing.", "maroon stools"),
]
#: Return precautions: hypothetical, never a red flag.
PRECAUTIONS = [
    "Go to the emergency department if you develop chest pain, blood in your stool, or passing out.",  # noqa: E501
    "Please call 911 for slurred speech, one-sided weakness, or vomiting blood.",
    "Seek urgent care for a temperature above 38.5 C or confusion.",
    "Warning signs to watch for: black stools, severe belly pain, fainting.",
]
DRUGS: list[tuple[str, str]] = [
    ("Keflex", "cephalexin"),
    ("Augmentin", "amoxicillin-clavulanate"),
    ("Norco", "hydrocodone-acetaminophen"),
    ("Lasix", "furosemide"),
    ("Coumadin", "warfarin"),
    ("prednisone", "prednisone"),
    ("carvedilol", "carvedilol"),
    ("sertraline", "sertraline"),
    ("Xarelto", "rivaroxaban"),
    ("amlodipino", "amlodipine"),
    ("levotiroxina", "levothyroxine"),
    ("Lipitor", "atorvastatin"),
    ("pantoprazole", "pantoprazole"),
    ("ibuprofeno", "ibuprofen"),
]
FRAMES: dict[str, list[str]] = {
    "started": [
        "New: {d} 875 mg two times daily x 10 days",
        "Started {d} today",
        "{d} 25 mg daily - new prescription",
    ],
    "stopped": [
        "hold {d} x 2 days",
        "{d}: stop",
        "D/C {d}",
        "Please stop your {d}",
    ],
    "dose_changed": [
        "{d} - increase to 20 mg",
        "taper {d} by 10 mg every 3 days",
        "{d} changed from 40 mg to 20 mg",
        "lower {d} to 12.5 mg",
    ],
    "continued": [
        "Continue {d}",
        "{d} - same dose",
        "No changes to {d}",
    ],
}
PROBLEMS: list[tuple[str, str, str]] = [
    ("cellulitis of the right leg", "L03.115", "cellulitis of right lower limb"),
    ("hypertension", "I10", "essential (primary) hypertension"),
    ("COPD", "J44.9", "chronic obstructive pulmonary disease, unspecified"),
    ("gout", "M10.9", "gout, unspecified"),
    ("hypothyroidism", "E03.9", "hypothyroidism, unspecified"),
    ("acute bronchitis", "J20.9", "acute bronchitis, unspecified"),
]
DENIED = ["abdominal pain", "dizziness", "cough", "rash", "palpitations", "dysuria"]


def _ocr(rng: random.Random, text: str) -> str:
    out = []
    for line in text.split("\n"):
        if rng.random() < 0.3:
            line = re.sub(r"(?<=[a-z])rn(?=[a-z])", "m", line)
        if len(line) > 50 and rng.random() < 0.5:
            cut = line.rfind(" ", 0, 45)
            line = line[:cut] + "\n" + line[cut + 1 :]
        out.append(line)
    return "[FAX RECEIVED - page 1]\n" + "\n".join(out)


def render(rng: random.Random, note: dict[str, Any]) -> str:
    """The note in one of this side's voices."""
    style = note["style"]
    meds = [rng.choice(FRAMES[a]).format(d=s) for s, _, a in note["drugs"]]
    follows = [said for said, _, _ in note["follows"]]
    flags = [s for s, _ in note["flags"]]
    prob = note["problem"][0]
    denied = note["denied"]
    if style == "discharge":
        parts = [
            "AFTER VISIT SUMMARY",
            f"Reason for visit: {prob}",
            *flags,
            f"No {denied[0]}. No {denied[1]}.",
            "",
            "Medication changes:",
            *meds,
            "",
            "Next steps:",
            *follows,
            "",
            note["precaution"],
        ]
    else:
        parts = [
            f"HOME HEALTH SKILLED NURSING VISIT - pt {note['age']}{note['sex']}",
            f"Primary dx: {prob}",
            "S/O: " + " ".join(flags) + f" Pt denies {denied[0]} and {denied[1]}.",
            "Orders received from MD this visit:",
            *(f"  {m}" for m in meds),
            "Coordination:",
            *(f"  {f}" for f in follows),
            "Teaching: " + note["precaution"],
        ]
    text = "\n".join(parts)
    return _ocr(rng, text) if note["ocr"] else text
