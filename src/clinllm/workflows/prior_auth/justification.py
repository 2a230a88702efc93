"""Whether the document argues the clinical need (for ``missing_fields``' clinical_justification).

Only presence matters: the justification is not an output field. A labelled clinical section,
a clinician's line of clinical facts, or a paragraph of clinical prose counts; a deferral ("see
attached notes, to follow"), a payer's criteria list and a letter's own sentences do not.
"""

from __future__ import annotations

import re

from clinllm.workflows.prior_auth.dates import find_dates
from clinllm.workflows.prior_auth.layout import Layout, label_kind
from clinllm.workflows.prior_auth.obligations import criteria_removed
from clinllm.workflows.prior_auth.recognizers import Span

__all__ = ["find_justification"]

# --------------------------------------------------------------------------- justification

_JUSTIFICATION_LABEL = re.compile(
    r"\b(clinical|justification|medical necessity|reason|history|summary|indication|"
    r"suppor\w+|hpi|notes|assessment|rationale|attestation|qualifying|findings|"
    r"treatments?|therapies|tried|narrative|course)\b",
    re.I,
)
_CLINICAL_LABEL = re.compile(r"\b(clinical|justification|necessity|summary|hpi|rationale)\b", re.I)
_DEFERRED = re.compile(
    r"\b(see attached|to follow|will be (?:faxed|sent|forwarded)|under separate cover|"
    r"pending dictation|not (?:yet )?available|"
    r"will (?:send|fax|forward|follow)\b[^.\n]{0,30}\bonce|once (?:dictated|signed|transcribed))\b",
    re.I,
)
_BOILERPLATE = re.compile(
    r"\b(confidential\w*|intended (?:only )?for|intended recipient|prohibited|in error)\b", re.I
)
_AGE = re.compile(r"\b\d+\s*(?:y/?o|yo|year-old|-year-old|years? old)\b", re.I)
_CLINICAL = re.compile(
    r"\b(pain|diagnos\w*|symptom\w*|exam\w*|failed|history|hx|therapy|treated|trial|"
    r"progress\w*|worsen\w*|positive|negative|bmi|score|mg|course|visit|predicted|"
    r"evaluation|medically|indicated|persistent|chronic|acute|reports?|complain\w*|"
    r"adheren\w*|complian\w*|improv\w*|unable|limit\w*|requires?|needs?|results?|showed|"
    r"shows|revealed|findings?|ahi|spo2|a1c|mri|ct|biopsy|x-?rays?|ulcer\w*|lesions?)\b",
    re.I,
)


_DURATION = re.compile(
    r"\b(?:for|over|since)\s+(?:(?:the\s+(?:past|last)|over|more\s+than)\s+)?(?:\d+|a|an|one|"
    r"two|three|four|five|six|eight|ten|twelve|several)\s*(?:\+\s*)?"
    r"(?:days?|weeks?|wks?|months?|mos?|years?|yrs?)\b|"
    # A measurement: an abbreviation and its value ("PSA 31", "AHI 34", "A1c 9.4"), not an id.
    r"\b(?!(?:NPI|ID|DOB|MRN|MBI|DOS|CPT|HCPCS|ICD|FAX|TEL|PO|REF|NO|PIN|TIN|DEA)\b)"
    r"(?:[A-Z][A-Z0-9]{1,5}|[A-Z]\d[a-z])\s+(?:of\s+)?\d{1,3}(?:\.\d+)?(?![\d/-])(?:\s*%)?|"
    # A frequency: "on 22 days a month", "3 times per week", "twice a day".
    r"\b(?:\d+\s+(?:days?|times?|episodes?|nights?)|once|twice)\s+(?:a|per|each|every)\s+"
    r"(?:day|week|month|year|night)\b|"
    r"\btried and failed\b|\bdespite\b|\bon exam\b|\binadequate response\b|\brefractory\b|"
    r"\b(?:did not|failed to) (?:respond|improve|help)\b|"
    r"\bwithout (?:benefit|relief|improvement)\b|"
    r"\b\d+(?:\.\d+)?\s*(?:%|mg/dl|cells|mmhg|kg/m2)",
    re.I,
)
# Clinical facts a clinician states: counts, scores, diseases, what the patient cannot do.
_FINDING = re.compile(
    r"\b(?:\w+ documented|episodes?|exacerbations?|admissions?|hospitali[sz]\w+|"
    r"(?:in|over) the (?:past|last) (?:year|month|\d+ \w+)|since age \d+|smoker|pack-years?|"
    r"disease|cannot|could not|unable|epworth|ahi|bmi|hba1c|a1c|ejection fraction|nodule|"
    r"tear|stenosis|fracture|mass|weakness|numbness|sleepiness|pressure)\b",
    re.I,
)
# Letters' own sentences: who received what, what to send, thanks.
_CORRESPONDENCE = re.compile(
    r"\b(?:we received|please|thank you|sincerely|this is a routine request|would like)\b", re.I
)
_CRITERIA_HEADING = re.compile(
    r"\b(criteria|requirements?|policy|guideline|must|required|checklist)\b", re.I
)
# A line that states the request's codes ("Dx <description>, M75.122.", "ICD-10 R13.10 ...")
# is a code field written as a sentence, not the clinician's argument.
_CODE_STATEMENT = re.compile(
    r"^[\s>]*(?:dx|diagnos\w*|icd(?:-?10)?|cpt|hcpcs)\b[^\n]*\b(?:[A-Z]\d[0-9A-Z]\.[0-9A-Z]{1,4}|"
    r"\d{5}|[A-V]\d{4})\b",
    re.I,
)
_CHECKBOX = re.compile(r"^\s*(?:\[[ xX✓✔]?\]|[-*•]\s*\[)")


def _clinical_line(text: str, layout: Layout) -> Span | None:
    """A line of clinical statements written by the clinician (not a payer's criteria list).

    Why a line and not a paragraph: case summaries and SOAP notes argue the need in one or two
    dense lines ("Right knee catching for 4 months; effusion on exam; McMurray positive.")
    among form fields, with no paragraph of prose anywhere. Two clinical cues on one line (a
    duration, a failed therapy, a finding, a measurement) make it a justification; a line under
    a criteria heading, a check-box item and a deferral ("notes to follow") do not.
    """
    heading = ""
    # The plan's criteria are not the clinician's statements, and a date is not a measurement
    # ("injection (20526) done 6 Nov 2025" is a log entry, not "done 6").
    own = criteria_removed(text)
    for d in find_dates(own):
        own = own[: d.start] + " " * (d.end - d.start) + own[d.end :]
    for line in layout.lines:
        if line.heading or (line.labels and line.labels[0].value_start >= line.end - 1):
            heading = line.text
            continue
        if line.blank:
            heading = ""
            continue
        if _CRITERIA_HEADING.search(heading) or _CHECKBOX.match(line.text):
            continue
        label = line.labels[0] if line.labels else None
        body = own[label.value_start : line.end] if label else own[line.start : line.end]
        if label is not None and (
            _CRITERIA_HEADING.search(label.text)
            or not (_JUSTIFICATION_LABEL.search(label.text) or re.fullmatch(r"[SOAP]", label.text))
        ):
            continue  # a form field (frequency, diagnosis, service), not the clinician's words
        if len(body.split()) < 5 or _DEFERRED.search(body) or _BOILERPLATE.search(body):
            continue
        if _CORRESPONDENCE.search(body):
            continue
        if _CODE_STATEMENT.match(body):
            continue  # "Dx complete rotator cuff tear, M75.122.": the code field, in a sentence

        cues = len(_CLINICAL.findall(body)) + 2 * len(_DURATION.findall(body))
        cues += 2 * len(_FINDING.findall(body))
        if cues >= 2:
            start = label.value_start if label else line.start
            return Span("present", start, line.end, 0.75)
    return None


# A payer's notice about a request it already holds ("We received your request for ..."): the
# clinician's argument is in the payer's file unless the notice says the notes did not come.
_RECEIVED = re.compile(
    r"\b(?:we|our office|the plan)\s+(?:have\s+)?received\s+(?:your|the)\s+"
    r"(?:request|submission|fax|packet)\b",
    re.I,
)
_NOTES_NOT_RECEIVED = re.compile(
    r"\b(?:no|without|missing|lack\w*|did not (?:include|contain|come with)|"
    r"(?:was|were) not (?:received|included|submitted))\b[^.\n]{0,30}"
    r"\b(?:clinical|notes|records|chart|medical necessity|justification)\b|"
    r"\b(?:clinical|notes|records|chart|medical necessity|justification)\b[^.\n]{0,30}"
    r"\b(?:(?:was|were) not (?:received|included|submitted)|missing)\b",
    re.I,
)


def _payer_holds_request(text: str) -> Span | None:
    """A payer's notice about a request it received whose notes it does not say are missing.

    Why: a pend or additional-information notice answers a request the plan already holds;
    the clinician's argument went with that request. Such a notice lists what it lacks (a
    date of service, an imaging report), and only when it names the clinical notes is the
    justification a missing field.
    """
    m = _RECEIVED.search(text)
    if m is None or _NOTES_NOT_RECEIVED.search(text):
        return None
    return Span("present", m.start(), m.end(), 0.6)


def find_justification(text: str, layout: Layout) -> Span | None:
    """Where the document argues the clinical need, or None when it only says notes follow.

    A labelled clinical section needs at least a dozen words of its own; a deferral ("see
    attached notes, to follow") does not count. Failing a label, a paragraph of 25+ words with
    clinical wording counts.
    """
    lines = layout.lines
    for line in lines:
        labels = [lab for lab in line.labels if _JUSTIFICATION_LABEL.search(lab.text)]
        if not labels and not (line.heading and _JUSTIFICATION_LABEL.search(line.text)):
            continue
        start = labels[0].value_start if labels else line.end
        words: list[str] = text[start : line.end].split()
        end = line.end
        for ln in lines[line.index + 1 : line.index + 12]:
            if ln.blank and words:
                break
            if ln.labels and ln.indent <= line.indent and words:
                break
            words += ln.text.split()
            end = ln.end
        content = " ".join(words)
        # Under a bare history heading ("History:" over a log of past procedures) what follows
        # must read as clinical facts; a clinical label's own words are enough.
        cues = len(_CLINICAL.findall(content)) + len(_DURATION.findall(content))
        cues += len(_FINDING.findall(content)) + len(_AGE.findall(content))
        heading = labels[0].text if labels else line.text
        history_only = label_kind(heading) == "history" and not _CLINICAL_LABEL.search(heading)
        if (
            len(words) >= 8
            and (cues >= 2 or not history_only)
            and not (len(words) < 25 and _DEFERRED.search(content))
        ):
            return Span("present", start, end, 0.85)
    found = _clinical_line(text, layout)
    if found is not None:
        return found
    para_start = 0
    for original in re.split(r"\n\s*\n|\f", text):
        # The plan's criteria are not the clinician's argument (see ``criteria_removed``).
        para = criteria_removed(original)
        cues = len(_CLINICAL.findall(para)) + 2 * len(_AGE.findall(para))
        rows = [r for r in para.splitlines() if r.strip()]
        labelled = sum(bool(re.match(r"\s*[A-Za-z][\w /&#()-]{0,30}:", r)) for r in rows)
        prose = len(re.findall(r"[a-z0-9)%][.;]\s", para)) >= 2 and labelled * 2 <= len(rows)
        boilerplate = _BOILERPLATE.search(para)
        if (
            len(para.split()) >= 8
            and cues >= 2
            and prose
            and not boilerplate
            and not _DEFERRED.search(para[:200])
        ):
            s = text.find(original, para_start)
            return Span("present", s, s + len(original), 0.7)
        para_start += len(original)
    return _payer_holds_request(text)
