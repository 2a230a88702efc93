"""Deterministic recognizers: candidates for every prior-auth field, each with its span.

Each recognizer reads the masked text (prompt-injection sentences blanked out) and the
:class:`~clinllm.workflows.prior_auth.layout.Layout`, and returns :class:`Span` candidates that
point at the characters they came from. They are deliberately general: they know how forms,
letters and faxes are written, not any particular payer's form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from clinllm.codes import cpt, hcpcs, icd10cm, npi
from clinllm.workflows.prior_auth.layout import CODE_LED, Layout, Line

__all__ = [
    "NPI_LABEL",
    "CodeHit",
    "Span",
    "find_codes",
    "find_member_id",
    "find_npis",
    "npi_blank_after",
]

CodeSystemName = Literal["CPT", "HCPCS", "ICD-10-CM"]


@dataclass(frozen=True, slots=True)
class Span:
    """A candidate value and where it was read (``text[start:end]``).

    Attributes:
        value: The normalized value.
        start: Offset of the first supporting character.
        end: Offset one past the last.
        confidence: How sure the recognizer is, 0..1.
    """

    value: str
    start: int
    end: int
    confidence: float

    def __repr__(self) -> str:
        # The value may be PHI (a member id, a name): keep it out of reprs and logs.
        return f"Span(start={self.start}, end={self.end}, confidence={self.confidence})"


@dataclass(frozen=True, slots=True)
class CodeHit:
    """A code mention and whether its context makes it part of the request.

    Attributes:
        code: Normalized code (ICD-10-CM dotted).
        system: Code system by format and context.
        start: Offset of the raw token.
        end: Offset one past it.
        requested: The layout and wording say it is requested or the reason for the request.
        history: An explicit history/prior/example cue says it is not.
        settled: The layout or an explicit cue decided it (a request or history field, a
            code-led row, a negated request); False when only the words of a narrative
            sentence were read, which is a guess worth a question to the model.
    """

    code: str
    system: CodeSystemName
    start: int
    end: int
    requested: bool
    history: bool
    settled: bool = True


# --------------------------------------------------------------------------- codes

_CODE_TOKEN = re.compile(
    r"(?<![\w/.$#-])(?P<tok>[0-9OIl]{4}[0-9FTU]|[A-Z][0-9OIl]{4}|[A-Z][0-9O][0-9A-Z](?:\.[0-9A-Za-z]{1,4})?"
    # ICD-10-CM written without its dot ("M50122", "F801"): kept only in a diagnosis context.
    r"|[A-Z][0-9][0-9A-Z]{2,5})"
    # A modifier may follow ("27447-RT", "E0601-RR"); other hyphenated tokens are not codes.
    r"(?![\w/]|-(?![A-Z0-9]{2}\b)|\.\d|,\d{3})"
)
_STATES = frozenset(
    "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM "
    "NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC".split()
)
_LEFT_HISTORY = re.compile(
    r"\b(s/p|status post|hx|history|pmh|psh|prior|previous|previously|past|remote|"
    r"e\.?g\.?|for example|example|such as|sample|family|mother|father|sister|brother|"
    r"underwent|had an?|was|were|demo|trial)\b",
    re.I,
)
_RIGHT_HISTORY = re.compile(
    r"^\)?,?\s*(?:(?:in|on|from|dated)\s+(?:\d{1,2}/)?(?:19|20)\d\d\b|"
    r"(?:was|were|is|reported|showed|revealed)\s+(?:as\s+)?(?:normal|negative|unremarkable)\b)",
    re.I,
)
_SENT_REQUEST = re.compile(
    r"\b(request\w*|authoriz\w*|approv\w*|seeking|propose\w*|plan(?:ned)? to|will perform)\b",
    re.I,
)
_SENT_HISTORY = re.compile(
    r"\b(s/p|status post|hx|history|pmh|prior|previous|previously|past|in (?:19|20)\d\d|"
    r"was|were|had|underwent|family|mother|father|normal|negative|reported)\b",
    re.I,
)
_NOT_REQUESTED = re.compile(
    r"\b(?:no|not|without|does not need|do not need|doesn't need)\b[^.:;\n]{0,24}"
    r"\b(?:authoriz\w*|request\w*|required|needed|part of th\w+|covered|included)\b",
    re.I,
)
# A request the document itself closes or sets aside: already decided, withdrawn, or not to be
# acted on ("Request A - already authorized, do not process: ..."). Its codes are not asked for.
_CLOSED_REQUEST = re.compile(
    r"\b(?:already\s+(?:authoriz\w*|approved|decided|done|completed)|"
    r"do\s+not\s+(?:process|submit|review|act)|for\s+(?:your\s+)?records\s+only|"
    r"withdrawn|cancell?ed|voided|superseded)\b",
    re.I,
)
_LATER = re.compile(
    r"\b(?:(?:may|will|would|could) be (?:requested|submitted|sought)\s+(?:later|separately|"
    r"in the future|at a later date)|separate (?:request|authorization)|future request)\b",
    re.I,
)
_PA_WORDS = re.compile(r"\bprior[ -]?auth\w*", re.I)
_HISTORY_CODE = re.compile(r"^Z(?:8\d|9[0-2])")
_HISTORY_WORDS = re.compile(
    r"\b(?:personal|family|history|hx|of|mother|father|sister|brother|maternal|paternal)\b", re.I
)
# A number glued to a unit ("72148 units", "10000/uL"); " / " between two codes is a list.
_UNIT_AFTER = re.compile(r"^\s*(?:mg|mcg|ml|units?|lbs?|kg|%|ng|iu|cells)|^/", re.I)


def _classify_code(tok: str, context: str) -> tuple[str, CodeSystemName] | None:
    if tok[0].isdigit():
        norm = cpt.normalize(tok)
        return (norm, "CPT") if norm and sum(c.isdigit() for c in tok) >= 4 else None
    if len(tok) == 3 and not tok[1:].isdigit() and not tok[1:2].isdigit():
        return None
    if len(tok) == 3 and "O" in tok[1:]:
        return None  # "H2O" is water, not an ICD-10-CM category
    if "." in tok or len(tok) == 3:
        code = icd10cm.normalize(tok)
        return (code, "ICD-10-CM") if code else None
    if len(tok) != 5:
        # Undotted ICD-10-CM of 4, 6 or 7 characters: only where diagnoses are written.
        code = icd10cm.normalize(tok) if context == "diagnosis" else None
        return (code, "ICD-10-CM") if code else None
    # Letter + four digits: HCPCS, or an ICD-10-CM code written without its dot.
    if context == "diagnosis":
        code = icd10cm.normalize(tok)
        if code:
            return code, "ICD-10-CM"
    norm = hcpcs.normalize(tok)
    return (norm, "HCPCS") if norm else None


def _sentence(text: str, start: int, end: int, layout: Layout | None = None) -> str:
    floor = -1
    if layout is not None:
        # A sentence does not run back into form fields or headings above it.
        line = layout.line_at(start)
        i = line.index
        while i > 0:
            prev = layout.lines[i - 1]
            if prev.blank or prev.labels or prev.heading or prev.text.rstrip().endswith((".", ":")):
                break
            i -= 1
        floor = layout.lines[i].start - 1
    left = max(
        floor,
        text.rfind(". ", 0, start),
        text.rfind("\n\n", 0, start),
        text.rfind("\f", 0, start),
    )
    right_candidates = [i for i in (text.find(". ", end), text.find("\n\n", end)) if i != -1]
    right = min(right_candidates) if right_candidates else len(text)
    return text[left + 1 : right]


# Where one clause of a sentence ends and the next begins: "; he has had pain for weeks".
_CLAUSE_BREAK = re.compile(
    r";|,\s+(?:and\s+|but\s+)?(?=(?:he|she|they|we|it|the patient|who|which)\b)|"
    r"\s(?:but|although|though|whereas|despite|after)\s",
    re.I,
)


def _clause(sentence: str, at: int) -> str:
    """The clause of ``sentence`` around offset ``at``."""
    left = 0
    right = len(sentence)
    for m in _CLAUSE_BREAK.finditer(sentence):
        if m.end() <= at:
            left = m.end()
        elif m.start() >= at:
            right = m.start()
            break
    return sentence[left:right]


def _requested(
    text: str, layout: Layout, line: Line, start: int, end: int, code: str = ""
) -> tuple[bool, bool, bool]:
    label = line.label_before(start)
    seg_start = label.value_start if label else line.start
    # "request prior authorization of an MRI (72148)": the request's own name is no history cue.
    left = _PA_WORDS.sub(" ", text[max(seg_start, start - 60) : start])
    right = text[end : min(line.end, end + 25)]
    if _HISTORY_CODE.match(code):
        # "Personal history of malignant neoplasm of breast (Z85.3)": the words describe the
        # code itself (Z80-Z92 are history codes), they do not make it history.
        left = _HISTORY_WORDS.sub(" ", left)
    history = bool(_LEFT_HISTORY.search(left) or _RIGHT_HISTORY.search(right))
    if _UNIT_AFTER.match(right):
        return False, False, True
    nxt = layout.lines[line.index + 1] if line.index + 1 < len(layout.lines) else None
    wrapped = nxt is not None and not nxt.labels and not nxt.blank and not nxt.heading
    window = text[line.start : nxt.end if nxt is not None and wrapped else line.end]
    closed = _CLOSED_REQUEST.search(text[line.start : start])
    if _NOT_REQUESTED.search(text[line.start : start]) or _LATER.search(window) or closed:
        # "No authorization needed for: A7035", "Not part of this request: ... (44204) may be
        # requested later", "Request 1 - already authorized, do not process: ... (97161)": the
        # request is negated, put off or closed, whatever the label says.
        return False, False, True
    kind = _kind_at(text, line, start)
    if kind == "history":
        return False, True, True
    if kind in ("request", "diagnosis"):
        return not history, history, True
    if CODE_LED.match(line.text):
        if line.section == "history":
            return False, True, True
        return not history, history, True
    raw = _sentence(text, start, end, layout)
    sentence = _PA_WORDS.sub(" ", raw)
    if kind == "named" or (line.section != "history" and _SENT_REQUEST.search(sentence)):
        # Named a procedure code by the words before it, or in a sentence that asks for it.
        # A history cue right before the code ("e.g. 99213") outweighs the sentence's request;
        # one in another clause ("...; he has had pain for weeks") says nothing of the code.
        at = start - (text.rfind(raw, 0, start + len(raw)) if raw else start)
        clause = _PA_WORDS.sub(" ", _clause(raw, at)) if 0 <= at <= len(raw) else sentence
        hist = history or bool(_SENT_HISTORY.search(clause))
        if kind == "named":
            # "... injections (CPT 64483) on\n 07/2025": a date after it on the wrapped line.
            hist = hist or bool(_RIGHT_HISTORY.search(re.sub(r"\s+", " ", text[end : end + 30])))
        return not hist, hist, history
    history = history or bool(_SENT_HISTORY.search(sentence))
    if not history and _ICD_SHAPE.fullmatch(code) and diagnosis_near_request(layout, line):
        # "Wants carpal tunnel release, billing 64721." / "For carpal tunnel syndrome, G56.01.":
        # the request's diagnosis by its shape and its neighbour; a guess the model is asked.
        return True, False, False
    if not history and not _ICD_SHAPE.fullmatch(code) and _asks_on_line(line):
        # "Dr X asks for a rotator cuff repair, code 29827": a procedure code on the line
        # that asks for the service, in no aside; a guess the model is asked, never settled.
        return True, False, False
    return False, history, history  # an explicit history word settles it; silence does not


_ICD_SHAPE = re.compile(r"[A-Z]\d[0-9A-Z]\.[0-9A-Z]{1,4}")
# Words of a line that asks for the service: "Wants ...", "asks the plan to cover ...". Verbs,
# not the noun ("Reason for request:", "Not an urgent request." ask for nothing).
_ASKS = re.compile(
    r"\b(?:wants?|asks?|request(?:s|ed|ing)|cover|authori[sz]e|approve|order(?:s|ed)|needs?|"
    r"billing|billed|booked|scheduled)\b",
    re.IGNORECASE,
)
_ASIDE = re.compile(r"\b(?:also|other|additional|known|chronic|background|comorbid\w*)\b", re.I)


def diagnosis_near_request(layout: Layout, line: Line) -> bool:
    """Whether a diagnosis code on ``line`` is written on or next to the line that asks.

    Why: a phone memo or a plan writes the request's diagnosis on the line after the request
    without calling it a code; an ICD-10 code's shape says what it is, its neighbour whose it
    is. The conditions the clinician also follows come with the story, and a line that says
    so ("also followed for ...") is not the request's. Another party's words are not looked
    for: "pathological fracture" names no pathologist.
    """
    if _ASIDE.search(line.text):
        return False
    near = layout.lines[max(0, line.index - 1) : line.index + 2]
    return any(_ASKS.search(ln.text) for ln in near if not ln.blank)


def _asks_on_line(line: Line) -> bool:
    """Whether ``line`` itself asks for the service (its own verb, not an aside's)."""
    return bool(_ASKS.search(line.text)) and not _ASIDE.search(line.text)


_LOCAL_DIAGNOSIS = re.compile(
    r"\b(?:diagnos\w*|dx|icd(?:-?10(?:-cm)?)?)\b[^;|\n]{0,40}$"
    # "The diagnosis is unilateral primary osteoarthritis, right knee (M17.11)": a code in
    # brackets right after its description; the description is the diagnosis's, however long.
    r"|\b(?:diagnos\w*|dx)\b(?:\s+(?:is|was|of|:))?(?:[^;|\n.()]|\([^()\n]{0,30}\)){0,90}\($",
    re.I,
)
# The words right before a code name it a procedure code: "The procedure codes are 27447",
# "CPT/HCPCS 95810", "billing codes quoted: J9312", "billed as J0897". A label without its
# colon, in a sentence.
_LOCAL_PROCEDURE = re.compile(
    r"\b(?:cpt|hcpcs|(?:procedure|billing|service|request(?:ed)?)\s+codes?|"
    r"bill(?:ed|ing)(?:\s+(?:as|under|with))?)\b"
    r"(?:\s*/\s*(?:cpt|hcpcs))?[^;|\n.(]{0,16}$",
    re.I,
)


def _kind_at(text: str, line: Line, start: int) -> str:
    """What the words and layout around ``start`` say the values there are.

    Its own label first; a "diagnoses ..." phrase earlier in the same clause ("codes 19318;
    diagnoses N62, M542"); then the line's block, then the section heading it sits under (a
    "Dx codes" heading over code-led rows).
    """
    label = line.label_before(start)
    # After the clause's ";" or the label's value start, whichever is later (the value's first
    # character belongs to the clause: "Administration: CPT 20610" is named a procedure code).
    clause_start = max(text.rfind(";", line.start, start), label.value_start if label else -1)
    clause = text[max(line.start, clause_start + 1) : start]
    if _LOCAL_DIAGNOSIS.search(clause):
        return "diagnosis"
    if label and label.kind != "neutral":
        return label.kind
    if line.context != "neutral":
        return line.context
    if _LOCAL_PROCEDURE.search(clause) and line.section != "history":
        return "named"
    # A heading's kind reaches the rows of a table under it, not running narrative.
    tabular = bool(CODE_LED.match(line.text) or re.search(r"\S {3,}\S", line.text))
    return line.section if tabular else "neutral"


def find_codes(text: str, layout: Layout) -> list[CodeHit]:
    """Every CPT, HCPCS and ICD-10-CM code mention, with whether it is requested.

    A mention counts as requested when it sits in a request or diagnosis field (its own label,
    the block it is indented under), in a code-led row outside a history section, or in a
    sentence that asks for authorization without history words. ZIP codes, doses and numbers
    glued to units are never codes.
    """
    hits: list[CodeHit] = []
    for m in _CODE_TOKEN.finditer(text):
        tok = m.group("tok")
        start, end = m.span("tok")
        before = text[max(0, start - 3) : start]
        if tok[0].isdigit() and before[-3:-1] in _STATES and before.endswith(" "):
            continue
        line = layout.line_at(start)
        kind = _kind_at(text, line, start)
        classified = _classify_code(tok, kind)
        if classified is None:
            continue
        code, system = classified
        requested, history, settled = _requested(text, layout, line, start, end, code)
        hits.append(CodeHit(code, system, start, end, requested, history, settled))
    return hits


# --------------------------------------------------------------------------- NPI

_NPI = re.compile(r"(?<![\d-])(\d{10})(?![\d-])")
NPI_LABEL = re.compile(r"\bNPI\b(?:\s*(?:#|no\.?|number))?[\s:#.]*", re.I)


def find_npis(text: str) -> list[Span]:
    """Ten-digit numbers labelled NPI (check digit not required here; validation flags it)."""
    out: list[Span] = []
    for m in NPI_LABEL.finditer(text):
        tail = text[m.end() : m.end() + 14]
        n = _NPI.match(tail)
        if n:
            s = m.end() + n.start(1)
            value = n.group(1)
            out.append(Span(value, s, s + 10, 0.95 if npi.is_valid(value) else 0.4))
    return out


def npi_blank_after(text: str, pos: int) -> bool:
    """Whether an NPI label at ``pos`` is left blank ("NPI: ____", "NPI: (not provided)")."""
    tail = text[pos : pos + 40]
    return bool(
        re.match(
            r"\s*[:#]?\s*(?:_{2,}|-{2,}|\?+|[\[(]?(?:not provided|n/?a|none|pending|unknown|blank|"
            r"illegible|not legible|see attached|to follow)[\])]?)",
            tail,
            re.I,
        )
    )


# --------------------------------------------------------------------------- member id

_MEMBER_LABEL = re.compile(
    r"\b(?P<who>member|subscriber|beneficiary|patient|insured|enrollee|medicaid|medicare|"
    r"plan member|mbr|policy|health plan|plan)\s*(?:/\s*member\s*)?(?:/\s*)?"
    r"(?:id|[l1]d|identification|number|no\.?|#)"
    r"(?:\s*(?:#|no\.?|number))?(?:\s*[:#]|\s*\.{2,})?\s*"
    r"|(?<=\s)ID\s*:\s*"
    r"|\bmember\s*#\s*:?\s*"
    # "Member: NPM13807171" (a name after "Member:" has no digits and is skipped below).
    r"|\b(?P<member>member)\s*:\s*(?=[A-Z0-9][A-Z0-9 -]*\d)"
    # "Ins: Copper Canyon Health #CCH 627 113 486": the number after the plan's name.
    r"|\b(?P<ins>ins|insurance|coverage|plan)\s*:[^\n#:]{2,60}?#\s*(?=[A-Z0-9])"
    # "Member Ravi Falkner (01/11/2005), ID LCA9440769B": an id after a comma or bracket.
    r"|(?P<bare>(?<=[,;(])\s*|^\s*)ID\s*[:#]?\s+(?=[A-Z0-9][A-Z0-9 -]*\d)",
    re.I | re.M,
)
_MEMBER_VALUE = re.compile(r"[A-Z0-9][A-Z0-9-]{2,}(?: [A-Z0-9]{2,6}(?=[\s,;)]|$)){0,4}")


def _member_line(text: str, pos: int) -> bool:
    """Whether the line holding ``pos`` is about the member (a bare "ID" belongs to them)."""
    line_start = text.rfind("\n", 0, pos) + 1
    return bool(
        re.search(
            r"\b(?:member|patient|subscriber|enrollee|insured|pt)\b", text[line_start:pos], re.I
        )
    )


def find_member_id(text: str) -> list[Span]:
    """Member ids after a member-id label; blanks and placeholders yield nothing."""
    out: list[Span] = []
    for m in _MEMBER_LABEL.finditer(text):
        line_end = text.find("\n", m.end())
        line_end = len(text) if line_end == -1 else line_end
        segment = re.split(r"\s{2,}", text[m.end() : line_end], maxsplit=1)[0]
        v = _MEMBER_VALUE.match(segment)
        if not v:
            continue
        value = v.group(0).strip()
        # Drop a trailing word that is a label ("SHC0091827745 Group").
        if not re.search(r"\d", value) or len(re.sub(r"\D", "", value)) < 4:
            continue
        if re.fullmatch(r"[\d/-]+", value) and re.search(r"\d{1,2}/\d{1,2}/\d{2,4}", value):
            continue
        start = m.end() + v.start()
        # A patient id is often the clinic's MRN; a member/subscriber/policy label is surer.
        groups = m.groupdict()
        who = (groups.get("who") or "").lower()
        confidence = 0.9 if who and who not in ("patient", "plan", "health plan") else 0.75
        if groups.get("member") or groups.get("ins"):
            confidence = 0.85
        elif groups.get("bare") is not None and not _member_line(text, m.start()):
            continue  # "ID" alone on a line about someone else (a case, an order)
        out.append(Span(value, start, start + len(value), confidence))
    out.sort(key=lambda s: (-s.confidence, s.start))
    return out
