"""Payer requirements stated in prose, read by the shape of the sentence.

Why: payers write their requirements as sentences as often as lists ("Approval cannot be
granted without proof of a negative TB screen.", "Please include the EMG results with this
request.", "Coverage depends on a BMI under 40."). A list of known phrasings does not carry to
the next payer's letter; the shape does: an *obligation* (requires, must include, cannot be
approved without, depends on, please submit...) whose object names a piece of *evidence*
(documentation, records, a report, results, proof, a test, an evaluation, a trial of a
therapy...). The object, without its trailing "with this request" or "so that...", is the
requirement. The same holds with the object first ("Documentation of X is required", "X must be
submitted", a pend letter's "X was not received"); a document's own word (records, notes,
results...) makes it the payer's evidence in any voice.
"""

from __future__ import annotations

import re

from clinllm.workflows.prior_auth.recognizers import Span

__all__ = ["criteria_removed", "find_conditions", "find_obligations", "opens_list"]

# An obligation, and where its object starts.
_OBLIGATION = re.compile(
    r"\b(?:requires?|required|(?:must|should|shall|needs? to|has to|have to) "
    r"(?:include|show|document|demonstrate|have|contain|reflect|confirm|support)|"
    r"(?:will |would )?needs?(?: to (?:see|receive|review))?|depends on|hinges on|"
    r"contingent (?:on|upon)|"
    # A review the plan holds back until it has something: "will only review this once we
    # send X", "considers it only after you provide X".
    r"only (?:review|consider|approve|decide|process)\w* (?:this |it |the request )?"
    r"(?:once|after|when|if) (?:we|you|the office) (?:send|submit|provide|include|fax)\w*|"
    # Spanish: "el plan exige X", "la poliza requiere X".
    r"exige|requiere|"
    r"conditional (?:on|upon)|asks? for|calls? for|looks? for|"
    r"(?:cannot|can ?not|will not|won't) be (?:approved|granted|authori[sz]ed|reviewed|"
    r"considered|processed|covered)(?: \w+){0,2} without|"
    r"(?:is|are) (?:only )?(?:covered|approved|authori[sz]ed) (?:only )?(?:if|when)|"
    r"(?:please |kindly )?(?:submit|include|send|provide|attach|forward|fax)(?: us)?)\s+"
    r"(?:(?:that|with|us)\s+)?",
    re.I,
)
# The sentence is the payer's (or the clinician answering the payer's criteria).
_PAYER_VOICE = re.compile(
    r"\b(?:polic(?:y|ies)|plan|payer|payor|carrier|insurer|criteria|coverage|covered|guidelines?|"
    r"aseguradora|poliza|"
    r"reviewer|review|"
    r"approv\w+|authori[sz]\w+|determination|medical necessity|file|request)\b"
    r"|^\s*(?:please|kindly)\b",
    re.I,
)
# A document as the subject of an obligation ("Documentation must show X", "Records submitted
# should include X", "Chart notes need to document X"): a record is told what it must hold only
# by whoever will review it, so the sentence is the payer's whatever other words it has.
_DOCUMENT_SUBJECT = re.compile(
    r"^\s*(?:(?:the|all|any|your)\s+)?(?:\w+\s+)?(?:documentation|records?|notes|chart|file|"
    r"submission|paperwork)\b(?:\s+\w+){0,2}?\s+(?:must|should|shall|needs? to|has to|have to)\s",
    re.I,
)
# What a requirement asks for: a kind of evidence, or a clinical threshold or trial.
_EVIDENCE = re.compile(
    r"\b(?:documentation|documented|records?|notes?|reports?|results?|proof|evidence|confirmation|"
    r"confirming|letter|logs?|tests?|testing|screen\w*|evaluation|assessment|exam\w*|study|"
    r"imaging|radiographs?|x-?rays?|ultrasounds?|mri|ct|ecg|ekg|echocardiograms?|goals?|"
    r"trials?|tried|failures?|failed|history|level|visit|consult\w*|findings?|"
    r"scores?|bmi|a1c|ahi|diagnosis|pathology|clearance|attestation|measurements?|"
    r"cessation|completion|weeks?|months?|days?|intoleran\w*|contraindicat\w*|allerg\w*)\b",
    re.I,
)
_TAIL = re.compile(
    r"(?:[;,]\s*(?:it|they|these|this|which)\s+(?:is|are|was|were)\s+(?:enclosed|attached|included)"
    r"|\s+(?:with|to) (?:this|the|your) (?:request|submission|fax|packet)"
    r"|\s+so (?:that )?(?:the|a|our|we)\b|\s+(?:before|so) we can\b|\s+to (?:review|process|"
    r"approve|complete|apply)\b|\s+for (?:this|the) (?:request|review|service|procedure|item)\b"
    r"|\s+(?:is|are) enclosed\b|\s+before (?:the |a |any )?(?:review|determination|decision)\b"
    r"|\s+(?:is|are) attached\b|\s+as (?:the|your) \w+ requires?"
    r"|\s+(?:in|on) (?:the|your|our) (?:chart|record|file)\b).*$",
    re.I,
)
_LEADING = re.compile(r"^(?:the following|following|that|us|a copy of)\s+", re.I)
_NOT_OBJECT = re.compile(
    r"^(?:to|you|your|it|this|these|the patient|patient|him|her|them|an? (?:expedited|urgent))\b"
    # A pointer to a list ("documentation for each item below") is not itself a requirement.
    r"|\b(?:each item|the following|following items|below(?!\s+\d)|listed)\b"
    # Where to send things (a number, "to <addressee>") is logistics, not evidence.
    r"|\d{3}[-.) ]+\d{3}[-. ]\d{4}|\bto (?:(?-i:[A-Z])|fax|the (?:fax|number|address))",
    re.I,
)


# The same obligation with its object first: "Documentation of X is required", "X must be
# submitted", "X was not received" (a pend letter naming what it still lacks).
_OBLIGED = re.compile(
    r"\s+(?:is|are|will be|would be|remains?|must be|should be|needs? to be|has to be|have to be)"
    r"\s+(?:still\s+)?(?:required|needed|necessary|mandatory|expected|outstanding|missing|"
    r"submitted|included|attached|provided|documented|enclosed|sent|on file)\b"
    r"|\s+(?:must|should|needs? to|has to|have to)\s+accompany\b"
    r"|\s+(?:is|are|was|were|has|have)\s+(?:not|never)\s+(?:been\s+)?"
    r"(?:received|included|attached|provided|submitted|enclosed|documented|found)\b",
    re.I,
)
# Documents: their own word says they are evidence a payer asks for, whoever writes the sentence.
_DOCUMENT = re.compile(
    r"\b(?:documentation|records?|notes?|reports?|results?|proof|evidence|confirmation|letter|"
    r"logs?|attestation)\b",
    re.I,
)
# Where the object of a passive obligation starts: after the clause's opening phrase.
_CLAUSE_OPENING = re.compile(
    r"^.*(?:[,:]\s+|\b(?:also|additionally|furthermore|however|that|ensure|make sure|"
    r"confirm)\s+)",
    re.I | re.S,
)


def _passive(sentence: str, s: int, voice: bool) -> Span | None:
    """``<object> is required / must be submitted / was not received``: the object before it."""
    m = _OBLIGED.search(sentence)
    if m is None:
        return None
    head = sentence[: m.start()]
    opening = _CLAUSE_OPENING.match(head)
    start = opening.end() if opening else 0
    lead = _LEADING.match(head[start:])
    start += lead.end() if lead else 0
    body = head[start:].replace("\n", " ").strip().rstrip(" .,;:")
    start += len(head[start:]) - len(head[start:].lstrip())
    if len(body.split()) < 2 or _NOT_OBJECT.search(body) or not _EVIDENCE.search(body):
        return None
    if not (voice or _DOCUMENT.search(body)):
        return None
    return Span(body[:160], s + start, s + start + len(body), 0.65)


def _sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans: a period, semicolon-free line end or blank line closes a sentence."""
    out: list[tuple[int, int]] = []
    start = 0
    for m in re.finditer(r"(?<=[a-z0-9)%\]])[.!?](?=\s)|\n", text):
        end = m.end()
        if text[m.start()] == "\n":
            nxt = text[end : end + 1]
            prev = text[start : m.start()].rstrip()
            # A wrapped line continues its sentence; a line that ends a clause does not.
            if prev and not prev.endswith((".", ":", "!", "?")) and nxt.islower():
                continue
        out.append((start, end))
        start = end
    out.append((start, len(text)))
    return out


# "X and at least 3 months of Y": a second criterion joined by "and", starting a noun phrase
# of its own (a quantity or an article).
_AND_CRITERION = re.compile(
    r",?\s+and\s+(?=(?:at\s+least|no\s+(?:fewer|less)\s+than|\d+|an?|one|two|three|four|five|six|"
    r"eight|ten|twelve|documented|documentation|evidence|proof)\s)",
    re.I,
)


def _split(body: str, offset: int, confidence: float) -> list[Span]:
    """One criterion phrase, or two when "and" joins two that each name evidence or a threshold.

    Why: "failure of an intra-articular injection and at least 3 months of conservative
    therapy" is two requirements a reviewer checks one by one; a phrase with "and" inside one
    criterion ("pain and swelling for 6 weeks") has no noun phrase of its own after it.
    """
    m = _AND_CRITERION.search(body)
    if m is not None:
        left, right = body[: m.start()], body[m.end() :]
        parts = (left, right)
        if all(
            len(p.split()) >= 2 and (_EVIDENCE.search(p) or _THRESHOLD.search(p)) for p in parts
        ):
            return [
                Span(left[:160], offset, offset + len(left), confidence),
                Span(right[:160], offset + m.end(), offset + len(body), confidence),
            ]
    return [Span(body[:160], offset, offset + len(body), confidence)]


def find_obligations(text: str) -> list[Span]:
    """Requirement phrases from sentences shaped as obligation + evidence (see module doc)."""
    out: list[Span] = []
    for s, e in _sentences(text):
        sentence = text[s:e]
        if len(sentence.split()) < 4:
            continue
        voice = bool(_PAYER_VOICE.search(sentence) or _DOCUMENT_SUBJECT.match(sentence))
        passive = _passive(sentence, s, voice)
        if passive is not None:
            out.append(passive)
            continue
        if not voice:
            continue
        for m in _OBLIGATION.finditer(sentence):
            body = sentence[m.end() :].replace("\n", " ")
            body = _TAIL.sub("", body)
            body = re.split(r"[.;]\s|[.;]$", body, maxsplit=1)[0]
            lead = _LEADING.match(body)
            offset = s + m.end() + (lead.end() if lead else 0)
            body = body[lead.end() :] if lead else body
            body = body.strip().rstrip(" .,;:")
            if len(body.split()) < 2 or _NOT_OBJECT.search(body) or not _EVIDENCE.search(body):
                continue
            out += _split(body, offset, 0.65)
            break
    return out


# A criterion stated as the plan's condition without an obligation verb the readers above know
# ("Members qualify only with X", "Your policy lists X as a condition of coverage"): the voice
# is the plan's, and what follows the first noun phrase after it is the criterion.
_CONDITION_VOICE = re.compile(
    r"\b(?:polic(?:y|ies)|plan's|payer|payor|carrier|insurer|criteria|criterion|coverage|"
    r"guidelines?|reviewer|approv\w+|authori[sz]ation|qualif\w*|eligib\w*|checklists?|"
    # The plan as the subject of a verb of its own ("the plan lists X", "plan wants X").
    r"plan(?=\s+(?!(?:is|was|has|does|plus|as|this|its)\s)[a-z]+s\s))\b",
    re.I,
)
# Where a noun phrase starts: an article, a number or a quantity word.
_OPENER = re.compile(
    r"\b(?:a|an|the|at least|no (?:fewer|less) than|\d+|one|two|three|four|five|six|eight|"
    r"ten|twelve|documented|documentation|evidence|proof)\s+",
    re.I,
)
# A clinical threshold: "20% or more", "15 or more", "below 40", "20/50 or worse".
_THRESHOLD = re.compile(
    r"\d+(?:\.\d+)?\s*%|\b\d+(?:/\d+)?\s+or\s+(?:more|less|fewer|greater|higher|lower|worse|"
    r"better)\b|\b(?:below|above|under|over|at least)\s+\d",
    re.I,
)
_SUBJECT_WORDS = re.compile(
    r"^(?:the\s+)?(?:plan|payer|reviewer|policy|criteria|carrier|insurer|we|you|our|your)\b",
    re.I,
)
# "the chart should show X", "rules expect X": what stands between the plan's word and the
# criterion is a subject and its verb, not the criterion.
_VERB_FIRST = re.compile(
    r"^(?:(?:the|a|your|our)\s+)?(?:\w+\s+)?(?:should|must|will|shall|would|can)\b|"
    r"^(?:(?:the|a|your|our)\s+)?(?:\w+\s+)?(?:expect|show|list|want|look)(?:s|ed)?\b",
    re.I,
)
_CONDITION_TAIL = re.compile(
    r"\s+(?:in|on) (?:the|your|our) (?:chart|record|file|notes)\b.*$|"
    r"\s+(?:as (?:a|the|one) (?:condition|requirement|prerequisite|criterion)\b"
    r"|before (?:approv\w+|coverage|authori[sz]\w+)\b).*$",
    re.I,
)


def find_conditions(text: str, taken: list[tuple[int, int]]) -> list[Span]:
    """Criteria in the plan's voice that no obligation reader took (see ``_CONDITION_VOICE``).

    A sentence whose words before the criterion are the plan's (policy, coverage, criteria,
    qualify, eligible...) and whose criterion names evidence or a clinical threshold gives
    the noun phrase after the plan's words, without a trailing "as a condition of coverage".
    Sentences that already gave a requirement (``taken`` spans) are left alone.
    """
    out: list[Span] = []
    for s, e in _sentences(text):
        if any(a < e and s < b for a, b in taken):
            continue
        sentence = text[s:e]
        voice = _CONDITION_VOICE.search(sentence)
        if voice is None or len(sentence.split()) < 5:
            continue
        if _ASKED_FOR.search(sentence[: voice.start()]):
            continue  # "I am requesting authorization of <service>": the request, not a criterion
        # The object starts after the plan's word and its verb ("policy lists | X"), or at
        # the first noun phrase after them.
        verb = re.match(r"\S*\s+\S+\s+", sentence[voice.end() :])
        starts = [voice.end() + verb.end()] if verb else []
        starts += [m.start() for m in _OPENER.finditer(sentence, voice.end())]
        for start in starts:
            lead = _FUNCTION_WORDS.match(sentence, start)
            start = lead.end() if lead else start
            if _SUBJECT_WORDS.match(sentence[start:]) or _VERB_FIRST.match(sentence[start:]):
                continue  # the sentence's subject or its verb: the criterion comes after
            body = sentence[start:].replace("\n", " ")
            body = _CONDITION_TAIL.sub("", _TAIL.sub("", body))
            body = re.split(r"[.;]\s|[.;]$", body, maxsplit=1)[0].strip().rstrip(" .,;:")
            if len(body.split()) < 2 or _NOT_OBJECT.search(body):
                continue
            if _EVIDENCE.search(body) or _THRESHOLD.search(body):
                out += _split(body, s + start, 0.6)
                break
    return out


# The plan's word as what the writer asks for ("requesting authorization of", "we seek
# approval for"): the sentence names the request itself.
_ASKED_FOR = re.compile(
    r"\b(?:request(?:s|ed|ing)?|ask(?:s|ed|ing)?(?:\s+for)?|seek(?:s|ing)?|apply(?:ing)?\s+for)"
    r"\s+(?:(?:an?|the|prior|your)\s+)*$",
    re.I,
)
_FUNCTION_WORDS = re.compile(
    r"(?:(?:only|with|on|upon|for|to|that|of|if|when|who|have|has)\s+)+", re.I
)


def criteria_removed(text: str) -> str:
    """``text`` with every sentence that states a payer requirement blanked (offsets kept).

    Why: a paragraph of the plan's criteria ("the reviewer needs a documented BMI below 40";
    "members qualify only with six weeks of conservative treatment") is written in clinical
    words, so a reader looking for the clinician's argument finds one there even when the
    clinician's own section only says that notes will follow. What the payer asks for is not
    what the clinician argued.
    """
    spans = find_obligations(text)
    spans += find_conditions(text, [(sp.start, sp.end) for sp in spans])
    out = list(text)
    for s, e in _sentences(text):
        if any(s <= sp.start < e for sp in spans):
            for i in range(s, e):
                if out[i] not in "\n\f":
                    out[i] = " "
    return "".join(out)


def opens_list(line: str) -> bool:
    """Whether a line ending in a colon is an obligation in the payer's voice that a list ends.

    Why: "To complete the review we need:" or "The following was not received:" open a list of
    requirements by the same sentence shape as a requirement in prose; the list's items are the
    obligation's objects, whatever words the heading uses.
    """
    head = line.rstrip()
    if not head.endswith(":"):
        return False
    clause = head[:-1] + " "
    if _OBLIGED.search(clause):
        return True  # "... is required:", "... was not received:": the receiver's own voice
    voiced = bool(_PAYER_VOICE.search(clause) or _DOCUMENT_SUBJECT.match(clause))
    return voiced and bool(_OBLIGATION.search(clause))
