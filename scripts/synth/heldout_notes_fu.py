"""The notes_fu probe's BLIND side: its wordings and frames. Never read while tuning.

Voice: hospital discharge instructions written to the patient, nurse telephone-call notes,
and scanned (OCR'd) copies of either. Written before any tuning (s27-notes-followup).
"""

from __future__ import annotations

import random
import re
from typing import Any

#: (what the note says, the annotator's ``what``, ``when`` or None)
FOLLOW: list[tuple[str, str, str | None]] = [
    (
        "Make an appointment with your primary doctor in 5 to 7 days",
        "primary care visit",
        "5-7 days",
    ),
    ("Dr. Okafor wants to see you back in 2 weeks", "return visit", "2 weeks"),
    ("pt to RTC 10 days for wound check", "wound check", "10 days"),
    ("Have your blood drawn (kidney panel) on Monday", "kidney panel blood draw", "Monday"),
    ("The cardiology office will call you to set up a stress test", "cardiology stress test", None),
    ("Sent to GI for scope, they will call pt", "GI referral for endoscopy", None),
    ("Go to the lab in 1 wk for potassium and magnesium", "potassium and magnesium labs", "1 week"),
    ("sched w/ ortho next avail re: wrist fx", "orthopedics appointment", "next available"),
    ("You need a repeat chest x-ray in about 6 weeks", "repeat chest x-ray", "6 weeks"),
    ("Keep your sleep study appointment on the 14th", "sleep study", "the 14th"),
    ("Nurse will phone you Thursday to see how you are doing", "nurse phone call", "Thursday"),
    ("INR draw at the anticoag clinic Fri", "INR check at anticoagulation clinic", "Friday"),
    ("Pulmonary will see you after the CT scan is done", "pulmonology visit after CT", None),
    ("Podiatry referral placed for the toenail", "podiatry referral", None),
    (
        "home health RN to start visits this wk for dressing changes",
        "home health nursing visits",
        "this week",
    ),
    (
        "urine culture still pending, we will call if abx need changing",
        "urine culture result",
        None,
    ),
]
#: (the sentence, the gold red flag as the note words it)
FLAGS: list[tuple[str, str]] = [
    ("Lab called critical value: potassium 6.7 at 14:10, provider notified.", "potassium 6.7"),
    (
        "Your blood count was very low (hemoglobin 6.3), so you received 2 units of blood.",
        "hemoglobin 6.3",
    ),
    (
        "Pt states she coughed up about a cup of bright red blood this AM.",
        "coughed up about a cup of bright red blood",
    ),
    ("Daughter reports pt has been confused and his sugar read 38 on the meter.", "sugar read 38"),
    (
        "Caller says his left arm and face went numb and his words are slurred since 1 hour.",
        "words are slurred",
    ),
    ("Sodium came back at 118 this morning.", "Sodium came back at 118"),
    (
        "Pt reports pulse ox at home reading 84% and she cannot finish a sentence.",
        "pulse ox at home reading 84%",
    ),
    (
        "She says she has been thinking of ending her life and has the pills saved up.",
        "thinking of ending her life",
    ),
    ("Temp at home 104.2 F with shaking chills after chemo Tuesday.", "Temp at home 104.2 F"),
    ("Black tarry stools x3 since last night, feels faint when standing.", "Black tarry stools"),
]
#: Return precautions: hypothetical, never a red flag.
PRECAUTIONS = [
    "Call 911 or come to the Emergency Room right away if you have chest pain, trouble breathing, or fainting.",  # noqa: E501
    "If you notice black stools, vomiting blood, or a fever over 101, go to the nearest ER.",
    "Pt instructed to go to ED for any slurred speech, facial droop or weakness.",
    "Return to the ER for confusion, seizures, or if you cannot keep fluids down.",
]
#: (surface, generic, action, the frame's words around {d})
DRUGS: list[tuple[str, str]] = [
    ("Keflex", "cephalexin"),
    ("Augmentin", "amoxicillin-clavulanate"),
    ("Norco", "hydrocodone-acetaminophen"),
    ("Lasix", "furosemide"),
    ("Coumadin", "warfarin"),
    ("prednisone", "prednisone"),
    ("metoprolol", "metoprolol"),
    ("gabapentin", "gabapentin"),
    ("Eliquis", "apixaban"),
    ("lisinopril", "lisinopril"),
    ("metformina", "metformin"),
    ("losartán", "losartan"),
    ("Zoloft", "sertraline"),
    ("omeprazole", "omeprazole"),
]
FRAMES: dict[str, list[str]] = {
    "started": [
        "NEW medicine: {d} 500 mg by mouth twice a day for 7 days",
        "Rx sent for {d} 10 mg qd, pt aware",
        "Begin taking {d} tomorrow morning",
    ],
    "stopped": [
        "STOP taking {d}",
        "Hold {d} until you see your doctor",
        "d/c {d} per Dr. Okafor",
        "Do not take your {d} anymore",
    ],
    "dose_changed": [
        "Your {d} dose has changed: now take 40 mg every morning",
        "increase {d} to 50 mg bid",
        "{d} taper: 40 mg x3 days, then 20 mg x3 days, then stop",
        "Cut the {d} back to half a tablet",
    ],
    "continued": [
        "Keep taking {d} the same way as before",
        "{d} - no change",
        "cont {d} as prescribed",
    ],
}
PROBLEMS: list[tuple[str, str, str]] = [
    ("cellulitis of the left leg", "L03.116", "cellulitis of left lower limb"),
    ("urinary tract infection", "N39.0", "urinary tract infection, site not specified"),
    ("heart failure", "I50.9", "heart failure, unspecified"),
    ("pneumonia", "J18.9", "pneumonia, unspecified organism"),
    ("atrial fibrillation", "I48.91", "unspecified atrial fibrillation"),
    ("type 2 diabetes", "E11.9", "type 2 diabetes mellitus without complications"),
]
DENIED = ["chest pain", "fever", "shortness of breath", "vomiting", "headache", "leg swelling"]

_OCR = str.maketrans({"l": "1", "O": "0"})


def _ocr(rng: random.Random, text: str) -> str:
    out = []
    for line in text.split("\n"):
        if rng.random() < 0.3:
            line = re.sub(r"\bl(?=[a-z])", "1", line)
        if len(line) > 60 and rng.random() < 0.5:
            cut = line.rfind(" ", 0, 55)
            line = line[:cut] + "\n  " + line[cut + 1 :]
        out.append(line)
    return "\n".join(out) + "\n\n-- page 1 of 1 -- scanned copy --"


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
            "DISCHARGE INSTRUCTIONS - Mercy Valley Hospital",
            f"You were in the hospital for {prob}.",
            *(f"While you were here: {f}" for f in flags),
            f"You did not have {denied[0]} or {denied[1]} during your stay.",
            "",
            "YOUR MEDICINES",
            *(f"* {m}" for m in meds),
            "",
            "WHAT TO DO NEXT",
            *(f"* {f}" for f in follows),
            "",
            "WHEN TO GET HELP",
            note["precaution"],
        ]
    else:
        parts = [
            f"RN TELEPHONE ENCOUNTER   {note['age']} y/o {note['sex']}",
            f"Reason for call: {prob} follow-up call.",
            *flags,
            f"Denies {denied[0]}, denies {denied[1]}.",
            "Assessment: " + prob + ".",
            "Disposition / RN actions:",
            *(f"- {m}" for m in meds),
            *(f"- {f}" for f in follows),
            f"- {note['precaution']}",
            "Call routed to provider for co-sign.",
        ]
    text = "\n".join(parts)
    return _ocr(rng, text) if note["ocr"] else text
