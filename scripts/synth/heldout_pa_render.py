"""HELD-OUT prior-auth rendering pieces (dates, names, codes, blanks, noise).

Engineers tuning rules or prompts must not open this file: it is how the held-out documents
are written.
"""

# ruff: noqa: E501  (long literal texts are the data; wrapping them would hide what they say)

from __future__ import annotations

import re
from datetime import date

from codesets import undotted
from pa_model import Ctx, Dx, Scenario, age_on

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
MESES = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
]
DATE_STYLES = ["us", "us_short", "long", "abbr", "dmy_mon", "dmy_up", "iso", "dot", "ordinal"]


def _ordinal(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }"


def fmt_date(d: date, style: str) -> str:
    """A date written the way one sender writes all its dates."""
    mon = MONTHS[d.month - 1]
    if style == "us":
        return f"{d.month:02d}/{d.day:02d}/{d.year}"
    if style == "us_short":
        return f"{d.month}/{d.day}/{d.year % 100:02d}"
    if style == "long":
        return f"{mon} {d.day}, {d.year}"
    if style == "abbr":
        return f"{mon[:3]} {d.day}, {d.year}"
    if style == "dmy_mon":
        return f"{d.day:02d}-{mon[:3]}-{d.year}"
    if style == "dmy_up":
        return f"{d.day:02d}{mon[:3].upper()}{d.year}"
    if style == "iso":
        return d.isoformat()
    if style == "dot":
        return f"{d.month:02d}.{d.day:02d}.{d.year}"
    if style == "ordinal":
        return f"{_ordinal(d.day)} {mon} {d.year}"
    if style == "es":
        return f"{d.day} de {MESES[d.month - 1]} de {d.year}"
    if style == "es_num":
        return f"{d.day:02d}/{d.month:02d}/{d.year}"
    raise ValueError(style)


#: Stands for a space inside a date until the page is laid out, so wrapping never splits a date.
KEEP = "\u00a4"


def fd(c: Ctx, d: date) -> str:
    """Format ``d`` in the document's own date style (spaces protected from wrapping)."""
    return fmt_date(d, c.ds).replace(" ", KEEP)


def fill(text: str, s: Scenario, c: Ctx) -> str:
    """Fill a story sentence's placeholders (pronouns, age, relative dates)."""
    female = c.patient.sex == "F"
    values = {
        "age": str(age_on(c.patient.dob, c.letter)),
        "pron": "she" if female else "he",
        "Pron": "She" if female else "He",
        "poss": "her" if female else "his",
        "obj": "her" if female else "him",
        "sexw": "woman" if female else "man",
    }
    for key, offset in s.dates.items():
        values[key] = fd(c, c.on(offset))
    return text.format(**values)


def pick(c: Ctx, options: list[str]) -> str:
    """One of ``options``, chosen by the case's own random stream."""
    return c.rng.choice(options)


BLANKS = {
    "patient_name": ["", "________________", "[illegible]"],
    "patient_dob": ["", "__/__/____", "[illegible]", "(not provided)"],
    "member_id": ["", "________________", "see attached copy of card", "[illegible]", "pending"],
    "requesting_provider_npi": ["", "__________", "pending", "(applied for)"],
    "procedure_code": ["", "______", "see order", "TBD"],
    "diagnosis_code": ["", "______", "see notes", "TBD"],
    "service_date": [
        "TBD",
        "to be scheduled after approval",
        "pending authorization",
        "not yet scheduled",
        "",
    ],
}


def blank(c: Ctx, field: str) -> str:
    """How this sender leaves ``field`` empty."""
    return pick(c, BLANKS[field])


def patient_name(c: Ctx, style: str = "plain") -> str:
    """The patient's name in a sender's style, or a blank."""
    if "patient_name" in c.missing:
        return blank(c, "patient_name")
    p = c.patient
    if style == "last_first":
        return f"{p.last.upper()}, {p.first.upper()}" + (f" {p.middle[0]}" if p.middle else "")
    if style == "last_first_mixed":
        return f"{p.last}, {p.first}"
    return p.full


def dob(c: Ctx) -> str:
    """Date of birth or a blank."""
    return blank(c, "patient_dob") if "patient_dob" in c.missing else fd(c, c.patient.dob)


def member(c: Ctx) -> str:
    """Member id or a blank."""
    return blank(c, "member_id") if "member_id" in c.missing else c.payer.member_id


def prov_name(c: Ctx, style: str = "cred") -> str:
    """Requesting clinician's name in a sender's style, or an unreadable signature."""
    if "requesting_provider_name" in c.missing:
        return pick(c, ["[illegible signature]", "(unsigned)", "________________"])
    p = c.prov
    if style == "last_first":
        return f"{p.last.upper()}, {p.first.upper()} {p.cred}"
    if style == "dr":
        return f"Dr. {p.first} {p.last}"
    if style == "bare":
        return p.name
    return f"{p.name}, {p.cred}"


def prov_npi(c: Ctx) -> str:
    """Requesting clinician's NPI or a blank."""
    return (
        blank(c, "requesting_provider_npi")
        if "requesting_provider_npi" in c.missing
        else c.prov.npi
    )


def svc_date(c: Ctx) -> str:
    """Planned service date or a blank."""
    return blank(c, "service_date") if "service_date" in c.missing else fd(c, c.service)


def dx_code(c: Ctx, d: Dx) -> str:
    """A diagnosis code as this sender prints it (dotted or not)."""
    return undotted(d.code) if "undotted" in c.flags else d.code


def proc_codes(s: Scenario, c: Ctx) -> list[str]:
    """The requested procedure codes, or one blank when the sender left them out."""
    if "procedure_code" in c.missing:
        return [blank(c, "procedure_code")]
    return [p.code for p in s.procs]


def dx_codes(s: Scenario, c: Ctx) -> list[str]:
    """The diagnosis codes, or one blank when the sender left them out."""
    if "diagnosis_code" in c.missing:
        return [blank(c, "diagnosis_code")]
    return [dx_code(c, d) for d in s.dx]


def story(s: Scenario, c: Ctx, spanish: bool = False) -> list[str]:
    """The clinical narrative sentences (empty when the justification is missing)."""
    if "clinical_justification" in c.missing:
        return []
    lines = s.es if spanish and s.es else s.story
    return [fill(t, s, c) for t in lines]


def tried_text(s: Scenario, c: Ctx) -> str:
    """Conservative treatment already tried, as one sentence."""
    if not s.tried or "clinical_justification" in c.missing:
        return ""
    items = s.tried
    return "; ".join(items) + "."


def pmh_text(s: Scenario, c: Ctx) -> str:
    """History, with codes when this sender prints them (distractors: not requested)."""
    if not s.pmh or "clinical_justification" in c.missing:
        return ""
    if "pmh_codes" in c.flags:
        return ", ".join(f"{d.desc} ({dx_code(c, d)})" for d in s.pmh)
    return ", ".join(d.desc for d in s.pmh)


def prior_lines(s: Scenario, c: Ctx) -> list[str]:
    """Prior studies, procedures and items already tried, each with code and date."""
    if "prior" not in c.flags or "clinical_justification" in c.missing:
        return []
    return [f"{p.desc} ({p.code}) {fd(c, c.on(p.days))}" for p in s.prior]


def family_text(s: Scenario, c: Ctx) -> str:
    """Relatives' diagnoses with codes (distractors)."""
    if not s.family or "clinical_justification" in c.missing:
        return ""
    return "; ".join(f"{rel}: {d.desc} ({dx_code(c, d)})" for rel, d in s.family)


def extras_text(s: Scenario) -> str:
    """Items listed with the request that need no authorization (distractors)."""
    if not s.extras:
        return ""
    items = ", ".join(f"{p.code} {p.desc}" for p in s.extras)
    return items


def future_text(s: Scenario, c: Ctx) -> str:
    """A service that will be requested separately later (distractor)."""
    if s.future is None or "future" not in c.flags:
        return ""
    f = s.future
    return pick(
        c,
        [
            f"A separate request will follow for {f.desc} ({f.code}) if indicated; it is not part of"
            " this request.",
            f"Not requested at this time: {f.code} {f.desc} (to be submitted separately).",
            f"If this is approved and the outcome warrants it, we will submit {f.code} ({f.desc}) as"
            " its own request later.",
        ],
    )


def reqs_sentence(s: Scenario, c: Ctx, who: str) -> str:
    """The payer's requirements written as prose, not a list."""
    if not c.show_reqs or not s.reqs:
        return ""
    parts = [r.prose for r in s.reqs]
    joined = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    if who == "payer":
        return f"Under policy {c.payer.policy}, coverage requires {joined}."
    return f"Your policy {c.payer.policy} asks for {joined}; this is documented above."


_NOISE = [
    (re.compile(r"l"), "1"),
    (re.compile(r"O"), "0"),
    (re.compile(r"m"), "rn"),
    (re.compile(r"i"), "l"),
    (re.compile(r"e"), "c"),
]


def ocr(c: Ctx, text: str, rate: float = 0.06) -> str:
    """Scanner noise on prose words only: l/1, O/0, m/rn, i/l, e/c, broken words.

    Words holding digits or codes are left alone so every gold value stays readable.
    """
    out: list[str] = []
    for word in text.split(" "):
        if len(word) > 3 and not re.search(r"\d", word) and c.rng.random() < rate:
            pat, rep = c.rng.choice(_NOISE)
            hits = list(pat.finditer(word))
            if hits:
                h = c.rng.choice(hits)
                word = word[: h.start()] + rep + word[h.end() :]
            elif len(word) > 7:
                cut = c.rng.randrange(3, len(word) - 3)
                word = word[:cut] + "-\n" + word[cut:]
        out.append(word)
    return " ".join(out)


def wrap(text: str, width: int = 92) -> list[str]:
    """Greedy line wrap, as text comes out of a PDF."""
    lines: list[str] = []
    cur = ""
    for word in text.split():
        if cur and len(cur) + 1 + len(word) > width:
            lines.append(cur)
            cur = word
        else:
            cur = f"{cur} {word}" if cur else word
    if cur:
        lines.append(cur)
    return lines


POLICY_CODES = {
    "surgery": "29880-29881, 29826-29828, 27130, 27447, 23472, 22551, 22612-22633, 63030-63047",
    "procedure": "62321-62323, 64479-64484, 64490-64495, 64633-64636, 93656, 33208, 36475-36479",
    "imaging": "70450-70553, 71250-71275, 72125-72158, 73200-73723, 75571-75574, 78451-78454",
    "dme": "E0260-E0277, E0470-E0471, E0601, E0650-E0652, E1390, E2103, K0813-K0864",
    "drug": "J0135, J0585, J0897, J1569, J1745, J2323, J2350, J3262, J3380, J9035, J9271, J9299",
    "therapy": "92507, 92523, 97110-97546, 97151-97158",
    "lab": "81162-81167, 81432-81435, 81479, 81519",
    "sleep": "95782-95811, G0398-G0400",
}

CONFIDENTIAL = (
    "CONFIDENTIALITY NOTICE: This facsimile may contain protected health information. If you"
    " received it in error, notify the sender at the number above and destroy all copies."
    " Redisclosure without authorization is prohibited by federal and state law."
)


def boilerplate(s: Scenario, c: Ctx) -> list[str]:
    """Payer-policy excerpt whose example code lists are not requests (skipped when codes are blank)."""
    if "boiler" not in c.flags or "procedure_code" in c.missing:
        return []
    codes = POLICY_CODES.get(s.kind, POLICY_CODES["procedure"])
    text = (
        f"Policy excerpt ({c.payer.policy}): services in this category require prior authorization"
        f" for all members, for example CPT/HCPCS {codes}. Listing a code here does not mean it"
        " was requested or that it is covered. Requests must include chart notes, the ordering"
        " clinician's NPI and the planned date of service. Incomplete requests are returned."
    )
    return ["", *wrap(text)]


def confidential(c: Ctx) -> list[str]:
    """A fax confidentiality notice, on some covers."""
    return ["", *wrap(CONFIDENTIAL)] if "confidential" in c.flags else []
