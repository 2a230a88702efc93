"""Recognizers for dates and ages over 89.

Safe Harbor removes every date element more specific than the year (birth, admission,
discharge, service dates) because a date joined with a diagnosis re-identifies people, and
ages over 89 because so few people reach them. Years alone and times stay: they carry
clinical meaning (history of stroke in 2019) without pointing at a person.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from clinllm.phi.lazy_pattern import LazyPattern
from clinllm.phi.recognizers.base import Candidate

__all__ = ["AgeOver89Recognizer", "DateRecognizer"]

_MONTH: Final = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_WEEKDAY: Final = r"(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?\s+)"
_DAY: Final = r"(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th|ST|ND|RD|TH)?"
# Title case or capitals, not lower case: "may 3" is more often a verb than a date.
_ANY_CASE_MONTH: Final = (
    rf"(?:{_MONTH}|JAN(?:UARY)?|FEB(?:RUARY)?|MAR(?:CH)?|APR(?:IL)?|MAY|JUNE?|JULY?|AUG(?:UST)?"
    rf"|SEP(?:T(?:EMBER)?)?|OCT(?:OBER)?|NOV(?:EMBER)?|DEC(?:EMBER)?)"
)
_YEAR: Final = r"(?:1[89]\d\d|20\d\d)"
# A year read out in a dictation: "nineteen thirty-one", "twenty twenty-six", "two thousand
# and four" (after a day and month it belongs to the date).
_SPOKEN_YEAR: Final = (
    r"(?i:(?:nineteen|twenty)[ -](?:hundred|oh[ -](?:one|two|three|four|five|six|seven|eight"
    r"|nine)|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
    r"|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[ -](?:one|two|three|four"
    r"|five|six|seven|eight|nine))?)|two thousand(?: and)?(?: (?:one|two|three|four|five|six"
    r"|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen"
    r"|nineteen|twenty(?:[ -](?:one|two|three|four|five|six))?))?)"
)
_ORDINAL_WORD: Final = (
    r"(?:(?:twenty|thirty)-?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)"
    r"|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth"
    r"|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth"
    r"|thirtieth)"
)
# Month names of Spanish, Portuguese, French and German (patients write dates in their
# language: "3 de marzo de 2026", "12 mars 2026", "5. März 2026").
_FOREIGN_MONTH: Final = (
    r"(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|sep?tiembre|octubre|noviembre"
    r"|diciembre|janeiro|fevereiro|mar[cç]o|maio|junho|julho|setembro|outubro|dezembro"
    r"|janvier|f[eé]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre"
    r"|d[eé]cembre|januar|februar|m[aä]rz|maerz|juni|juli|oktober|dezember)"
)
# A day of the month in Spanish or Portuguese words: "el doce de febrero", "primero de mayo".
_DIA: Final = (
    r"(?:primero|uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce|trece|catorce"
    r"|quince|diecis[eé]is|diecisiete|dieciocho|diecinueve|veinte|veinti(?:uno|d[oó]s|tr[eé]s"
    r"|cuatro|cinco|s[eé]is|siete|ocho|nueve)|treinta(?: y uno)?|um|primeiro|quatro|sete|oito"
    r"|nove|dez|onze|doze|treze|catorze|quinze|dezesseis|dezessete|dezoito|dezenove|vinte"
    r"(?: e \w+)?|trinta(?: e um)?)"
)
_FOREIGN: Final = LazyPattern(
    rf"(?i)\b(?:(?:lunes|martes|mi[eé]rcoles|jueves|viernes|s[aá]bado|domingo),?\s+)?"
    rf"(?:(?:0?[1-9]|[12]\d|3[01])(?:\.|º|°|er|ro|o\.?)?\s+(?:de\s+)?|{_DIA}\s+de\s+){_FOREIGN_MONTH}\b"
    rf"(?:,?\s+(?:de\s+|del\s+)?{_YEAR}\b)?"
    # marzo 3, 2026 / março 3 de 2026: month first, with its year
    rf"|\b{_FOREIGN_MONTH}\s+(?:0?[1-9]|[12]\d|3[01])(?:,\s*|\s+(?:de\s+|del\s+)?){_YEAR}\b"
    # 12/mar/2026, 6-ago-25, 3.ENE.2026: a month abbreviation of any of these languages
    rf"|(?<![\w/.-])(?:0?[1-9]|[12]\d|3[01])(?P<sep>[/.-])(?:ene|feb|mar|abr|may|jun|jul|ago"
    rf"|sep|set|oct|out|nov|dic|dez|jan|apr|aug|dec|f[eé]v|avr|mai|juin|juil|ao[uû]|d[eé]c"
    rf"|m[aä]r|okt)\.?(?P=sep)(?:{_YEAR}|\d\d)(?![\w/])"
)
_FOREIGN_HINT: Final = LazyPattern(
    r"(?i)(?:\d(?:[º°o]|er|ro)?|\w\s+de)(?:\.?\s+(?:de\s+)?|[/.-]|\s+)"
    r"(?:ene|feb|mar|abr|may|jun|jul|ago|sep|set|oct|out|nov|dic|dez|jan"
    r"|f[eé]v|avr|mai|juin|jui|ao[uû]|d[eé]c|m[aä]r|okt)"
    r"|(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|sep?tiembre|octubre|noviembre"
    r"|diciembre)\s+\d"
)

# Month names in any case: fax headers and forms are written in capitals ("DOB: MARCH 3").
_TEXTUAL: Final = LazyPattern(
    rf"(?=[A-Za-z0-9])\b{_WEEKDAY}?(?:"
    # March 3, 2026 / Feb. 9, 2026 / February 12th / Jan 12 2026
    rf"{_ANY_CASE_MONTH}\.?\s+(?i:the\s+)?{_DAY}\b(?:,?\s+(?:{_YEAR}|'\d\d|{_SPOKEN_YEAR})\b)?"
    # March the tenth / the first of March, 2026 (dictated letters)
    rf"|{_ANY_CASE_MONTH}\s+(?i:the\s+)?(?i:{_ORDINAL_WORD})\b(?:,?\s+(?:{_YEAR}|{_SPOKEN_YEAR})\b)?"
    rf"|(?i:the\s+)?(?i:{_ORDINAL_WORD})\s+(?i:of)\s+{_ANY_CASE_MONTH}\b"
    rf"(?:,?\s+(?:{_YEAR}|{_SPOKEN_YEAR})\b)?"
    # 11 Nov 1934 / 3rd of March / 12 March 2026 / 23. February 1965
    # (on one line: "P. 1/4" then "MAR-02-2026" on the next page is no "4 MAR")
    rf"|(?:the\s+)?{_DAY}\.?(?:[ \t]+of)?[ \t]+{_ANY_CASE_MONTH}\b\.?(?:,?\s+{_YEAR}\b)?"
    # FEB-23-2026 (fax headers)
    rf"|(?i:{_MONTH})-(?:0?[1-9]|[12]\d|3[01])-(?:{_YEAR}|\d\d)\b"
    # March 2026 / Dec. 2025: Safe Harbor removes the month too (lower confidence)
    rf"|{_ANY_CASE_MONTH}\.?,?\s+(?:{_YEAR})\b"
    # 4-Mar-26 / 7-Aug-1959
    rf"|(?:0?[1-9]|[12]\d|3[01])-{_ANY_CASE_MONTH}-(?:{_YEAR}|\d\d)\b"
    rf")",
)
# "2026年3月13日", "3月13日": Chinese and Japanese dates.
_CJK_DATE: Final = LazyPattern(
    r"(?:(?:1[89]|20)\d\d年)?(?:1[0-2]|0?[1-9])月(?:[12]\d|3[01]|0?[1-9])日"
)
# "on the 12th": a day of the month on its own.
_DAY_ONLY: Final = LazyPattern(
    # "on the 12th", "by the 3rd", "Tuesday the 9th", "discharged the 9th" (a past act's day)
    r"(?=\d)(?:(?:(?<=\b[oObB][ny] the )|(?<=day the ))(?:[12]?\d|3[01])(?:st|nd|rd|th)\b"
    # after a past act only when no noun follows ("finished the 3rd cycle" is a count)
    r"|(?<=[a-z]ed the )(?:[12]?\d|3[01])(?:st|nd|rd|th)\b"
    r"(?!\s+(?!(?:and|at|of|in|to|for|with|but|when|so|after|before)\b)[a-z]))"
)
_WEEKDAY_BEFORE: Final = LazyPattern(r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,? $")
_MONTH_SCAN: Final = LazyPattern(
    r"(?=[JFMASONDjfmasond])(?<![A-Za-z])(?:[Jj]an|[Ff]eb|[Mm]a[ry]|[Aa]pr|[Jj]u[nl]|[Aa]ug|[Ss]ep"
    r"|[Oo]ct|[Nn]ov|[Dd]ec|JAN|FEB|MA[RY]|APR|JU[NL]|AUG|SEP|OCT|NOV|DEC)"
)
# Numeric dates in one digit-led scan; the first alternative that fits wins at a position.
_NUMERIC: Final = LazyPattern(
    r"(?=\d)(?<![\d/.-])(?<![vV])(?:"
    r"(?P<iso>(?:1[89]|20)\d\d[-/.](?:0?[1-9]|1[0-2])[-/.](?:0?[1-9]|[12]\d|3[01])(?!\d))"
    r"|(?P<mdy>(?:0?[1-9]|1[0-2])(?P<s1>[/.-])(?:0?[1-9]|[12]\d|3[01])(?P=s1)"
    r"(?:\d{4}|\d\d)(?![\d/]|\.\d))"
    r"|(?P<dmy>(?:1[3-9]|2\d|3[01])(?P<s2>[/.-])(?:0?[1-9]|1[0-2])(?P=s2)"
    r"(?:\d{4}|\d\d)(?![\d/]|\.\d))"
    r"|(?P<my>(?:0?[1-9]|1[0-2])/(?:19|20)\d\d(?![\d/]|\.\d))"
    # 19580712 (HL7, claims) and "11 22 1966" (claim forms): zero-padded, four-digit year
    r"|(?P<compact>(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?!\d))"
    r"|(?P<spaced>(?:0[1-9]|1[0-2]) (?:0[1-9]|[12]\d|3[01]) (?:19|20)\d\d(?!\d))"
    r"|(?P<md>(?<![:A-Za-z])(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01])(?![\d/%]|\.\d))"
    # "seen on 14/3": day first, as most of the world writes it (a cue word is required)
    r"|(?P<dm>(?<![:A-Za-z])(?:1[3-9]|2\d|3[01])/(?:0?[1-9]|1[0-2])(?![\d/%]|\.\d))"
    # "03/III/2026": a month in Roman numerals
    r"|(?P<roman>(?:0?[1-9]|[12]\d|3[01])(?P<s3>[/.-])(?:I{1,3}|IV|VI{0,3}|IX|XI{0,2})(?P=s3)"
    r"(?:\d{4}|\d\d)(?![\d/]|\.\d))"
    r")"
)
# Words that make an undated month/day ("2/13") a date rather than a score ("pain 3/10").
_MD_CUE: Final = LazyPattern(
    r"(?:\b(?:on|by|since|until|till|through|thru|from|to|given|dated?|starting|effective|due"
    r"|before|after|of|DOS|DOB|seen|visit|admitted|discharged|collected|received|drawn|until)"
    r"|[:(])\s*$",
    re.IGNORECASE,
)
_MD_AFTER: Final = LazyPattern(r"\s*([A-Za-z]+)")
_MD_NOT: Final = frozenset(
    """tab tabs tablet tablets of strength inch inches in cm mm weeks week wks wk days day hours
    hrs motor power murmur systolic diastolic cup cups tsp tbsp dose doses pill pills
    x times""".split()
)
_MD_VETO: Final = LazyPattern(
    r"\b(?:pain|score|scale|strength|apgars?|power|reflexes|vision|acuity|murmur|grade|ratio|bp"
    r"|of|out of|take|takes|taking|gave|give|motor|sensation|pulses?|p\.|pg\.?|pages?)\s*$",
    re.IGNORECASE,
)


class DateRecognizer:
    """Dates with a day in every common written form; years and times alone are left.

    Covers ``03/04/1931``, ``3/3/26``, ``2026-01-19``, ``4-Mar-26``, ``11 Nov 1934``,
    ``Feb. 9, 2026``, ``February 12th``, ``Sunday, January 18, 2026`` and, when a word such
    as "on", "by" or "since" introduces it, an undated ``2/13``. Scores such as ``pain 3/10``
    or ``Apgars 9/9`` are not dates.
    """

    name = "date"

    def analyze(self, text: str) -> Iterator[Candidate]:
        """Yield date spans."""
        seen: set[tuple[int, int]] = set()
        # Textual dates all hold a month name: only the few characters around one are searched.
        for month in _MONTH_SCAN.finditer(text):
            # (after the month: a day and a year, which may be spoken: ", nineteen thirty-one")
            lo, hi = max(0, month.start() - 25), min(len(text), month.end() + 48)
            for m in _TEXTUAL.finditer(text, lo, hi):
                if m.start() <= month.start() < m.end() and m.span() not in seen:
                    seen.add(m.span())
                    yield Candidate(m.start(), m.end(), "DATE", 0.93, self.name, priority=70)
        if _FOREIGN_HINT.search(text):
            for m in _FOREIGN.finditer(text):
                yield Candidate(m.start(), m.end(), "DATE", 0.9, self.name, priority=70)
        for m in _CJK_DATE.finditer(text):
            yield Candidate(m.start(), m.end(), "DATE", 0.95, self.name, priority=72)
        for m in _DAY_ONLY.finditer(text):
            yield Candidate(m.start(), m.end(), "DATE", 0.7, self.name, priority=60)
        for m in _NUMERIC.finditer(text):
            if m.group("dm") is not None:
                before = text[max(0, m.start() - 24) : m.start()]
                if _MD_CUE.search(before) and not _MD_VETO.search(before):
                    yield Candidate(m.start(), m.end(), "DATE", 0.75, self.name, priority=60)
                continue
            if m.group("md") is None:
                # "Thursday 3/5/2026": the weekday belongs to the date.
                weekday = _WEEKDAY_BEFORE.search(text, max(0, m.start() - 12), m.start())
                start = weekday.start() if weekday is not None else m.start()
                yield Candidate(start, m.end(), "DATE", 0.95, self.name, priority=72)
                continue
            # "2/13" is a date after "on", "by", "for"...; not a score ("pain 3/10"), a
            # fraction ("1/2 tab") or a ratio ("5/5 strength").
            before = text[max(0, m.start() - 24) : m.start()]
            after = _MD_AFTER.match(text, m.end())
            if _MD_VETO.search(before) or (after is not None and after.group(1).lower() in _MD_NOT):
                continue
            if not _MD_CUE.search(before) and m.group().endswith("/10"):
                continue
            yield Candidate(m.start(), m.end(), "DATE", 0.75, self.name, priority=60)


_AGE_WORDS: Final = (
    r"(?:ninety(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
    r"|(?:one[- ]|a )?hundred(?:(?:[- ]and)?[- ](?:one|two|three|four|five|six|seven|eight|nine"
    r"|ten))?"
    # Spanish and Portuguese: noventa y dos, noventa e três, cien, cento e um
    r"|noventa(?: [ye] (?:uno|un|um|dos|dois|duas|tres|tr[eê]s|cuatro|quatro|cinco|seis|siete"
    r"|sete|ocho|oito|nueve|nove))?"
    r"|ciento(?: [ye])? (?:uno|un|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez)"
    r"|cien(?:to)?(?: [ye] \w+)?|cento(?: e \w+)?"
    # French (quatre-vingt-douze; Belgian and Swiss nonante-deux), German (zweiundneunzig,
    # hundertzwei), Italian (novantadue, centouno)
    r"|quatre[- ]vingt[- ](?:dix(?:[- ](?:sept|huit|neuf))?|et[- ]onze|onze|douze|treize"
    r"|quatorze|quinze|seize)|nonante(?:[- ](?:et[- ]un|deux|trois|quatre|cinq|six|sept|huit"
    r"|neuf))?"
    r"|(?:(?:ein|zwei|drei|vier|f[üu]nf|fuenf|sechs|sieben|acht|neun)und)?neunzig"
    r"|(?:ein)?hundert(?:(?:und)?(?:eins|zwei|drei|vier|f[üu]nf|sechs|sieben|acht|neun|zehn))?"
    r"|novant(?:a|uno|un|adue|atr[eé]|aquattro|acinque|asei|asette|otto|anove)"
    r"|cento(?:uno|due|tre|quattro|cinque))"
)
_AGE_NUM: Final = r"(?:9\d|1[01]\d)"
# "years (old)" in the languages of the notes: Spanish, Portuguese, French, German (with its
# dative "im Alter von 93 Jahren"), Italian, Dutch, Scandinavian, Polish, Czech, Romanian,
# Finnish, Hungarian, Greek, Turkish.
_AGE_UNITS: Final = (
    r"a[ñn]os|anos|ans|Jahren?|anni|jaar|år|aar|lat|lata|let|ani|vuotta|vuotias|éves"
    r"|ετών|yaşında|yaş"
    # the adjectives: "94-jährige", "93-årig", "93-jarige", "93-letni"
    r"|j[äa]hrige[rnm]?|årig[ea]?|jarige|letni[a-z]{0,3}|Lebensjahre?s?"
)
_AGE_PATTERNS: Final = (
    # 94-year-old, 97 yo, 96 y/o, 94 years, ninety-two-year-old, 93F, 90 M
    LazyPattern(
        rf"(?=[0-9nNoOhHcCaAqQdDeEzZsSvVfF])(?<![\w.])({_AGE_NUM}|{_AGE_WORDS})"
        # a half year ("92 1/2 years old") or an ordinal's period ("im 94. Lebensjahr")
        rf"(?=(?:(?:\s?1/2)?\s*-?\s*(?:years?|yrs?|y\.?\s?o\.?|y/o|y-o|yoa|{_AGE_UNITS})\b)"
        rf"|\.\s?Lebensjahr"
        # "95y F", "93 y M": the year's letter before the sex; "96y4m": years and months
        rf"|\s?y\s?[MF]\b|y\s?\d{{1,2}}\s?m(?:os?)?\b"
        rf"|(?:\s?(?:M|F|yo[mf]?)\b(?![-.]\w)))",
        re.IGNORECASE,
    ),
    # is ninety-four and lives alone / tiene noventa y dos / at one hundred: an age in words
    # after a verb of being or an age preposition needs no "years"
    LazyPattern(
        # (German "ist dreiundneunzig", Spanish "es", Italian "è": words only, never "BP ist 95")
        rf"\b(?:is|was|aged?|turn(?:s|ed|ing)?|tiene|ten[ií]a|cumpl(?:e|i[oó])|at|of|reached"
        rf"|ist|war|wird|wurde|es|era|è|est"
        rf"|made it to|(?:she|he)'s)\s+(?:(?:nearly|almost|just|now|already|barely|recently)\s+)?"
        rf"({_AGE_WORDS})\b(?!\s*(?:percent|%|mg|dollars|times|tablets|pills|days|minutes))",
        re.IGNORECASE,
    ),
    # age 91, aged 90, Age: 93; Edad: 95, Età 98, Alter: 93, Âge : 92, Idade 91, Anni 98
    LazyPattern(
        rf"(?=[aAeEiIÂâlLwWåÅ])\b(?:age(?:\s+at\s+(?:death|passing))?|aged|edad|et[àa]|alter|[âa]ge"
        rf"|idade|anni|a[ñn]os|leeftijd|wiek|[åa]lder)"
        rf"(?:\s*\((?:yrs?|years?|y|a[ñn]os|ans|Jahre)\)|\s+in\s+years)?\s*[:=]?\s*"
        # a dotted leader between a form's label and its value ("Age . . . . 94")
        rf"(?:\.[ \t]*(?:\.[ \t]*)+)?"
        rf"(?:[-–]\s*)?(?:(?:~|about|approx\.?|approximately|circa|ca\.)\s*)?"
        # "AGE 101Y": the year's letter glued to the number
        # "age 90+" is Safe Harbor's own aggregate, not an age ("aged 99+" is one)
        rf"({_AGE_NUM}|{_AGE_WORDS})(?:[yY](?:rs?)?)?\b(?![.,]\d|\s*(?:%|mg|kg|lb))"
        rf"(?!(?<=\b90)\s?\+)",
        re.IGNORECASE,
    ),
    # "a nonagenarian (96)", "centenarian, 104": the word says the age is over 89
    LazyPattern(
        rf"(?i:nonagenarian|centenarian|nonagenaria|centenaria|centenaire|hundertj[äa]hrige)"
        rf"[a-z]*\s*(?:\(\s*|,\s*|\s+(?:aged?|of)\s+)({_AGE_NUM})\b(?![.,]\d)"
    ),
    # alive at 96, died at 91, she is 93, turned 90, I'll turn 100, when he was 95
    LazyPattern(
        rf"\b(?:alive at|died at|death at|passed at|she is|he is|is now|turned|turns|turn"
        rf"|turning|now|age of|she was|he was|I was|I am|I'm|lived to|lived until|lived past"
        rf"|she's|he's|who is|who's|(?:wo)?man of|lady of|gentleman of|deceased at"
        rf"|passed away at|expired at|celebrated|celebrates|celebrating|died aged)\s+"
        # "he is almost 99", "she is nearly 100"
        rf"(?:(?i:almost|nearly|just|now|already|about|over|past)\s+)?"
        rf"({_AGE_NUM}|{_AGE_WORDS})\b"
        rf"(?!\s*(?:%|percent|mg|kg|lb|cm|mm|bpm|min|minutes|hours|days|feet|ft|miles|/|\.\d|,\d))",
        re.IGNORECASE,
    ),
    # "Patient, ninety-two," / "Agnes is 101."
    LazyPattern(
        rf"(?=[A-Z])(?:[A-Z][a-z]+,\s+|[A-Z][a-z]+ is\s+)({_AGE_WORDS}|{_AGE_NUM})(?=[.,;)]|\s*$)",
        re.MULTILINE,
    ),
    # "The patient, 95, presented": an age between commas after a person noun
    LazyPattern(
        rf"\b(?i:patient|pt|woman|man|lady|gentleman|female|male|widow|widower|resident"
        rf"|veteran|grandmother|grandfather|mother|father|husband|wife)\s?,\s?"
        rf"({_AGE_NUM}|{_AGE_WORDS})\s?,"
    ),
    # "(93, POA" or "(95)" right after a name or a person noun ("Elderly woman (93)")
    LazyPattern(rf"[A-Z][a-z]+ \(({_AGE_NUM}|{_AGE_WORDS})(?=[,)])"),
    LazyPattern(
        rf"\b(?i:patient|pt|woman|man|lady|gentleman|female|male|widow|widower|resident"
        rf"|veteran|grandmother|grandfather|mother|father|husband|wife)[ \t]?\((?:age[ \t])?"
        rf"({_AGE_NUM})(?=[,)])"
    ),
    # "Tiene 91.", "Ela tem 93.": Spanish and Portuguese have their age; it closes the clause
    LazyPattern(rf"\b(?i:tiene|ten[ií]a|tem|tinha)\s+({_AGE_NUM}|{_AGE_WORDS})(?=\s*[.,;)!]|\s*$)"),
    # "Age/Sex: 93/F", "93/M", "F/93": age and sex of a form's header
    LazyPattern(
        rf"(?<![\w/.])({_AGE_NUM})\s?/\s?[MF](?![\w/])|(?<![\w/])[MF]\s?/\s?({_AGE_NUM})(?![\w/.])"
    ),
    # "between 90 and 95 years old", "92-94 yo": a range of ages, both ends
    LazyPattern(
        rf"(?<![\w.])({_AGE_NUM})\s?(?:-|–|to|and|or)\s?(?:{_AGE_NUM})"
        rf"(?=\s*-?\s*(?:years?|yrs?|y\.?\s?o\.?|y/o|{_AGE_UNITS})\b)",
        re.IGNORECASE,
    ),
    # "DOB 1931 (94)": the age after a birth date or year
    LazyPattern(rf"(?i:DOB|born|date of birth)[:\s]+[\d/.-]{{4,10}}\s?\(({_AGE_NUM})\)"),
    # "Mother 97, father deceased", "grandmother: 101": a relative's age (family history)
    LazyPattern(
        rf"(?i:mother|father|mom|dad|grandmother|grandfather|grandma|grandpa|sister|brother"
        rf"|aunt|uncle|husband|wife|spouse|madre|padre|abuela|abuelo)"
        # "mother d. 93", "father deceased at 96", "aunt passed away at 91"
        rf"(?:\s+(?:is|was|aged?|died(?:\s+at|\s+aged?)?|d\.(?:\s+at)?|deceased(?:\s+at)?"
        rf"|passed(?:\s+away)?(?:\s+at)?))?(?:[,:]?\s+|\s*\(\s*)({_AGE_NUM}|{_AGE_WORDS})\b"
        rf"(?![.,]\d|\s*(?:%|mg|kg|lb))"
    ),
    # "her 100th birthday", "his ninety-fifth birthday": the birthday gives the age
    LazyPattern(
        rf"(?i:\b({_AGE_NUM})(?:st|nd|rd|th)|\b(ninety-?(?:first|second|third|fourth|fifth"
        rf"|sixth|seventh|eighth|ninth)|(?:one |a )?hundredth|(?:one )?hundred and \w+th))"
        rf"\s+(?i:birthday|bday|cumpleaños)"
    ),
    # "At 97 she walks daily": an age opening a sentence about the person
    LazyPattern(rf"\b(?:At|at)\s+({_AGE_NUM})(?=,?\s+(?:she|he|they|I|my|her|his)\b)"),
    # "DOB 2/3/1930 (95 y)": an age in brackets with its unit letter
    LazyPattern(rf"\(({_AGE_NUM})\s?(?:y|yr|yrs|a|J)\.?\)"),
    # "F, 93" / "M/93" in a header: the sex before the age
    LazyPattern(rf"(?<![\w/])[MF],\s?({_AGE_NUM})\b(?![.,]\d|\s*(?:%|mg|kg|lb))"),
    # "93.5 years old": a fractional age (the whole number with its fraction)
    LazyPattern(
        rf"(?<![\w.])({_AGE_NUM}\.5)(?=\s*-?\s*(?:years?|yrs?|y\.?\s?o\.?|y/o|yo)\b)",
        re.IGNORECASE,
    ),
    # "in her ninety-fourth year": the ordinal of the year being lived is the age
    LazyPattern(
        rf"(?i:\bin\s+(?:her|his|their|the)\s+(ninety-?(?:first|second|third|fourth|fifth|sixth"
        rf"|seventh|eighth|ninth)|(?:one\s+)?hundredth|{_AGE_NUM}(?:st|nd|rd|th))\s+year)"
    ),
    # "Sex/Age: F 96", "Gender/Age: M/93": a form's combined field, sex first
    LazyPattern(rf"(?i:sex|gender)\s?/\s?(?i:age)\s?[:=]?\s?[MF]\s?[/,]?\s?({_AGE_NUM})\b"),
    # "he will be 100 next month", "she would have been 95"
    LazyPattern(
        rf"(?i:will be|would be|would have been|going to be|to be|'ll be|’ll be)\s+"
        rf"({_AGE_NUM}|{_AGE_WORDS})\b"
        rf"(?!\s*(?:%|mg|kg|lb|cm|mm|bpm|minutes|min|hours|days|/|\.\d))"
    ),
)


_AGE_HIT: Final = LazyPattern(
    r"(?=[91nNoOhHcCqQ])(?:(?<![\w.])(?:9\d|1[01]\d)(?!\d|\.(?!5\s*y)\d)"
    r"|(?<![A-Za-z])(?i:ninety|(?:one )?hundred|noventa|cien|cento|quatre[- ]vingt|nonante"
    r"|novant|hundert)|(?i:neunzig))"
)


class AgeOver89Recognizer:
    """Ages of 90 and over: few people reach them, so the age alone narrows identity.

    Only the age token is marked (``94`` in "94-year-old"); 89 and under stay.
    """

    name = "age_over_89"

    def analyze(self, text: str) -> Iterator[Candidate]:
        """Yield the age token of every age-of-90-plus expression."""
        seen: set[tuple[int, int]] = set()
        # Only around a number from 90 to 119 or an age word can an age over 89 be written.
        for hit in _AGE_HIT.finditer(text):
            lo, hi = max(0, hit.start() - 40), min(len(text), hit.end() + 40)
            for pattern in _AGE_PATTERNS:
                for m in pattern.finditer(text, lo, hi):
                    span = m.span(m.lastindex or 1)
                    if span[0] <= hit.start() < span[1] and span not in seen:
                        seen.add(span)
                        yield Candidate(*span, "AGE_OVER_89", 0.9, self.name, priority=75)
