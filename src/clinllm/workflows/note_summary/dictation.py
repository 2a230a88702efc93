"""Spoken punctuation in a transcribed dictation, read as the punctuation it stands for.

Speech recognition and transcription services leave the dictating clinician's commands in the
text when nobody cleans the transcript: "he denies fever comma chills period new paragraph
assessment and plan colon number one comma hypertension period". Every later stage finds its
boundaries by punctuation (sections by a header's colon, clauses by periods and semicolons,
negation scopes by commas and sentence ends), so a transcript read as it stands is one
sentence: a negation runs over the whole assessment, and no header is seen.

:func:`unspoken` rewrites the commands into their marks **without changing the text's
length** (the mark, then spaces; a paragraph break's newlines come last so the next line
starts at the next word), so every offset the recognizers report still points at the same
words of the stored note. It acts only on a note that is a transcript: one with at least two
unambiguous commands ("comma", "colon", "full stop", "new paragraph"...). "period" is a
command there too, except where it is a noun ("a period of", "menstrual period").
"""

from __future__ import annotations

import re

__all__ = ["unspoken"]

# Command -> the mark it stands for. "comma" is never a clinical word ("coma" is).
_COMMANDS: tuple[tuple[str, str], ...] = (
    (r"new\s+paragraph|next\s+paragraph|paragraph\s+break", "\n\n"),
    (r"new\s+line|next\s+line", "\n"),
    (r"full\s+stop", "."),
    (r"comma", ","),
    (r"semi-?colon", ";"),
    (r"colon", ":"),
    (r"question\s+mark", "?"),
    (r"open\s+paren(?:thesis)?", "("),
    (r"close\s+paren(?:thesis)?", ")"),
)
_UNAMBIGUOUS = re.compile(r"(?i)\b(?:" + "|".join(p for p, _ in _COMMANDS if p != "colon") + r")\b")
_COMMAND = re.compile(
    r"(?i)[ \t]*\b(?P<cmd>" + "|".join(f"(?:{p})" for p, _ in _COMMANDS) + r"|period)\b"
)
# "colon" after a word that makes it the organ ("sigmoid colon", "the colon", "colon cancer").
_ORGAN_BEFORE = re.compile(
    r"(?i)\b(?:the|a|sigmoid|ascending|descending|transverse|right|left|distal|proximal|"
    r"entire|of|in)\s*$"
)
_ORGAN_AFTER = re.compile(r"(?i)\s*(?:cancer|polyps?|mass|resection|wall|mucosa)\b")
# "period" as a noun: an article or a kind of period before it, or "of" after it.
_NOUN_BEFORE = re.compile(
    r"(?i)\b(?:a|the|this|that|each|one|last|menstrual|postoperative|post-operative|grace|"
    r"refractory|washout|trial|waiting|observation|incubation|latent|neonatal|perinatal|"
    r"symptom-free|asymptomatic|same|short|long|brief|prolonged|given)\s*$"
)
_NOUN_AFTER = re.compile(r"(?i)\s*(?:of|when|during|in\s+which)\b")
#: A note is a transcript when it has at least this many unambiguous commands.
_MIN_COMMANDS = 2


def _mark(cmd: str) -> str:
    low = re.sub(r"\s+", " ", cmd.lower())
    if low == "period":
        return "."
    for pattern, mark in _COMMANDS:
        if re.fullmatch(pattern, low):
            return mark
    return ""


def unspoken(text: str) -> str:
    """``text`` with spoken punctuation written as marks, at the same length."""
    if len(_UNAMBIGUOUS.findall(text)) < _MIN_COMMANDS:
        return text
    out: list[str] = []
    pos = 0
    for m in _COMMAND.finditer(text):
        cmd = m.group("cmd")
        before, after = text[max(0, m.start() - 30) : m.start()], text[m.end() : m.end() + 20]
        low = cmd.lower()
        if low == "period" and (_NOUN_BEFORE.search(before) or _NOUN_AFTER.match(after)):
            continue
        if low == "colon" and (_ORGAN_BEFORE.search(before) or _ORGAN_AFTER.match(after)):
            continue
        mark = _mark(cmd)
        width = m.end() - m.start()
        if mark.startswith("\n"):
            replacement = " " * (width - len(mark)) + mark
        else:
            replacement = mark + " " * (width - len(mark))
        out.append(text[pos : m.start()])
        out.append(replacement)
        pos = m.end()
    out.append(text[pos:])
    return "".join(out)
