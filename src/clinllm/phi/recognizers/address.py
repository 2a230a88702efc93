"""Recognizers for addresses: street addresses, PO boxes, "City, ST 12345" and a bare city.

Safe Harbor removes every geographic subdivision smaller than a state: a street address
locates the patient's home, and a small town with a diagnosis can identify a person. A
state alone is not PHI and is left.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Final

from clinllm.phi.clinical import ORG_WORDS
from clinllm.phi.lazy_pattern import LazyPattern
from clinllm.phi.lexicons import clinical_words, common_words, countries, first_names, known_words
from clinllm.phi.recognizers.address_blocks import UNIT_BEFORE
from clinllm.phi.recognizers.base import Candidate

__all__ = ["AddressRecognizer", "CityRecognizer"]

_STATES: Final = (
    "AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ"
    "|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|PR|GU|VI"
)
# Canadian provinces with their postal code ("Red Deer, AB T4N 1X5") and Australian states
# with their four-digit postcode ("Ballarat VIC 3350"): the same tail as a state and ZIP.
_PROVINCES: Final = "AB|BC|MB|NB|NL|NS|NT|NU|ON|PE|QC|SK|YT"
_AU_STATES: Final = "NSW|VIC|QLD|WA|SA|TAS|ACT|NT"
_REGION_TAIL: Final = (
    rf"(?:(?:{_PROVINCES})\b(?:\s[A-Z]\d[A-Z] ?\d[A-Z]\d\b)?"
    rf"|(?:{_AU_STATES})\s\d{{4}}\b(?![-/.]\d))"
)
STATE_NAMES: Final = frozenset(
    """alabama alaska arizona arkansas california colorado connecticut delaware florida georgia
    hawaii idaho illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts
    michigan minnesota mississippi missouri montana nebraska nevada ohio oklahoma oregon
    pennsylvania tennessee texas utah vermont virginia washington wisconsin wyoming
    ontario quebec québec alberta manitoba saskatchewan yukon nunavut""".split()
)  # (and the one-word Canadian provinces: "with Ontario plates" is no person)
_SUFFIX_WORDS: Final = (
    "Street|St|Avenue|Ave|Road|Rd|Lane|Ln|Drive|Dr|Court|Ct|Way|Boulevard|Blvd|Place|Pl"
    "|Terrace|Ter|Circle|Cir|Parkway|Pkwy|Highway|Hwy|Trail|Trl|Square|Sq|Pike|Row|Loop|Path"
    "|Alley|Crescent|Cres|Close|Plaza|Commons|Run|Ridge|Point|Pt|Crossing|Xing|Walk|Grove"
    # more USPS street types (not Park, Green or View: "1 Green Park tablet")
    "|Hill|Hills|Heights|Hts|Mews|Turnpike|Tpke|Gardens|Gdns|Manor|Bend|Cove|Glen|Hollow|Knoll"
    "|Landing|Meadows?|Pass|Trace|Crest|Chase|Expressway|Expy|Freeway|Fwy|Causeway|Estates"
)
# Title case, or all capitals as a form or a label printer writes it ("4400 NE HALSEY ST").
_SUFFIX: Final = f"(?:{_SUFFIX_WORDS}|{_SUFFIX_WORDS.upper()})"
# A street's word: capitalised, or an ordinal ("West 18th Street", "2nd Ave").
_WORD: Final = r"(?:[A-Z][A-Za-z'’.-]*|\d{1,3}(?:st|nd|rd|th|ST|ND|RD|TH)\b)"
# A town's words; a period only inside an abbreviation ("St. Louis"), not at a sentence end
# ("Guadalajara. Mi celular").
_CITY_WORD: Final = (
    r"(?:[A-ZÀ-ÖØ-Þ][a-z]{0,2}\.(?=\s[A-Z])"
    r"|[A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĘĚĞĢĪĮİĶĹĻĽŁŃŅŇŌŐŒŔŘŚŞŠȘȚŢŤŪŮŰŲŹŻŽ](?:[^\W\d_]|['’-])+(?![\w]))"
)
# A town's words stay on one line: "Cheyenne WY\nRX# 0499536" is a town, its state and
# the next line of a label.
_CITY: Final = rf"{_CITY_WORD}(?:[ \t]{_CITY_WORD}){{0,2}}"
_UNIT: Final = (
    # a Canadian box's post office: "Station Main", "STN A", "Succ. Centre-Ville"
    r"(?:(?:Station|Stn\.?|STN|Succ\.?|Succursale)[ \t][\w-]+"
    r"|(?:Apt\.?|Apartment|Suite|Ste\.?|Unit|Room|Rm\.?|Floor|Fl\.?|Bldg\.?|Building|#"
    r"|APT\.?|SUITE|STE\.?|UNIT|BLDG\.?)\s?[\w-]+)"
)
# A street stays on its line: "1995\nDear Dr. Ferreira" is a year and a salutation.
_STREET: Final = (
    # the house number, or a range of them ("12-14 King Street")
    # a unit over the number: "18/354 Wattle St" (Australia)
    rf"(?<![\d.,/-])(?:\d{{1,4}}[A-Z]?/)?\d{{1,6}}+(?:[-–]\d{{1,6}})?[A-Z]?[ \t](?=[A-Z])"
    rf"(?:[NSEW]\.?[ \t]|(?:North|South|East|West)[ \t])?"
    rf"(?:{_WORD}[ \t]){{0,3}}{_WORD}[ \t]{_SUFFIX}\b\.?"
    # a county road's number: "4410 County Road 12"
    rf"(?:(?<=County[ \t]Road)[ \t]\d{{1,4}}\b)?"
    rf"(?:[ \t](?:[NSEW]{{1,2}}|North|South|East|West)\b)?"
    rf"|P\.?[ \t]?O\.?[ \t]Box[ \t]\d+"
    # Canada in French: "C.P. 456", "Case postale 12"
    rf"|(?:C\.P\.|Case[ \t]postale)[ \t]\d+"
    # a numbered road: "4410 State Route 9", "12 US Highway 61", "880 Rte 22"
    rf"|(?<![\d.,])\d{{1,6}}[ \t](?:(?:State|County|US|U\.S\.|Old)[ \t])?"
    rf"(?:Route|Rte\.?|Highway|Hwy\.?)[ \t]\d{{1,4}}\b"
    # rural delivery: "Rural Route 2 Box 14", "RR 2 Box 88", "HC 61 Box 12"
    rf"|(?:Rural[ \t]Route|R\.?R\.?|HCR?|Highway[ \t]Contract|Star[ \t]Route)[ \t]?\d{{1,3}}"
    rf",?[ \t]+"
    rf"Box[ \t]\d+"
    rf"|Box[ \t]\d+,?[ \t](?:Rt\.?|Rte\.?|Route|RR)[ \t]?\d{{1,3}}"
)
# Parts join with a space, or a comma and any space: a bare line break ends the address
# (the next line is the address block rules' business, see ``address_blocks``).
_JOIN: Final = r"(?:,\s|[ \t])"
# A town before its region: no word of it is a state, province or territory code
# ("Ballarat VIC 3350": the town is "Ballarat").
_REGION_CODE: Final = rf"(?:{_STATES}|{_PROVINCES}|{_AU_STATES})\b"
_TOWN: Final = rf"(?!{_REGION_CODE}){_CITY_WORD}(?:[ \t](?!{_REGION_CODE}){_CITY_WORD}){{0,2}}"
_ADDRESS: Final = LazyPattern(
    rf"(?=[\dPRHSBC])(?:{_STREET})"
    rf"(?:{_JOIN}{_UNIT})?"
    rf"(?:{_JOIN}{_TOWN})?"
    rf"(?:{_JOIN}(?:(?:{_STATES})\b|{_REGION_TAIL}))?"
    rf"(?:\s\d{{5}}(?:-\d{{4}})?)?"
)
# An address typed in lower case ("lives at 470 tamarack street, apt 018, keene, nh 87631"):
# the same grammar, any case; the town is taken only with the state and ZIP that close it.
_ADDRESS_ANY_CASE: Final = LazyPattern(
    rf"(?=[\dprhPRH])(?:{_STREET})(?:{_JOIN}{_UNIT})?"
    rf"(?P<tail>{_JOIN}{_CITY}{_JOIN}(?:{_STATES})\s\d{{5}}(?:-\d{{4}})?\b)?",
    re.IGNORECASE,
)
# Only a text with a street type or a box in lower case can hold one (a cheap first test).
_LOWER_HINT: Final = LazyPattern(rf"[ \t](?:{_SUFFIX_WORDS.lower()}|box|route)(?![a-z])")
_LOWER_LABEL: Final = LazyPattern(
    r"(?i:address|addr\.?|street|residence|lives\s+at|living\s+at|live\s+at|resides\s+at"
    r"|home\s+is|home\s+address(?:\s+is)?|mail(?:ed)?\s+to|send\s+to|moved\s+to|located\s+at"
    r"|ship\s+to|staying\s+at)\W*\Z"
)
# State codes that are also credentials or words ("Okafor, MD", "Plan, ID") need a ZIP.
_AMBIGUOUS: Final = "MD|PA|MS|MA|ME|DE|OR|IN|OK|CO|ID|HI|DC|OH|AL|LA|MT|PR|VI|GU"
_STATE_AFTER: Final = LazyPattern(rf",[ \t](?:{_STATES})\b(?![ \t]*\d|[-'’])")
_CITY_STATE: Final = LazyPattern(
    rf"(?=[A-Z])\b({_CITY}),\s(?:(?!(?:{_AMBIGUOUS})\b)(?:{_STATES})\b(?:\s\d{{5}}(?:-\d{{4}})?)?"
    rf"|(?:{_STATES})\s\d{{5}}(?:-\d{{4}})?\b)"
    # "Bangor ME 04401": no comma, but the ZIP makes it an address
    rf"|(?=[A-Z])\b{_CITY}[ \t](?:{_STATES})[ \t]\d{{5}}(?:-\d{{4}})?\b"
    # "Sudbury ON P3E 2C6", "Fremantle WA 6160": a province or an Australian state with its
    # postcode
    rf"|(?=[A-Z])\b{_TOWN},?[ \t](?:{_PROVINCES})[ \t][A-Z]\d[A-Z] ?\d[A-Z]\d\b"
    rf"|(?=[A-Z])\b{_TOWN},?[ \t](?:{_AU_STATES})[ \t]\d{{4}}\b(?![-/.]\d)"
)
# Units written before the street: "Bldg C, 2nd floor, 77 Research Way", "Ste 200, 455 Main
# St", or alone on the line above it ("Apt 4B" / "220 West 18th Street").
_UNIT_PART: Final = (
    r"(?:(?i:apt\.?|apartment|suite|ste\.?|unit|flat|bldg\.?|building|floor|fl\.?"
    r"|lot|space|trailer)\s?#?\s?[A-Za-z0-9-]{1,6}|#\s?[A-Za-z0-9-]{1,6}"
    r"|\d{1,2}(?i:st|nd|rd|th)\s(?i:floor|fl\.?))"
)
_UNITS_BEFORE: Final = LazyPattern(
    rf"(?<![\w-]){_UNIT_PART}(?:,\s?{_UNIT_PART}){{0,2}}(?:,?[ \t]+|[ \t]*\n[ \t]*)\Z"
)
_FACILITY_BEFORE: Final = LazyPattern(
    rf"\b(?:at|in|from)\s((?:The\s)?{_WORD}(?:\s{_WORD}){{0,3}}),\s$"
)


# What confirms a street in capitals: a label before it on its line, a state and ZIP after.
_CAPS_LABEL: Final = LazyPattern(
    r"(?i:address|addr\.?|street|residence|home|mail(?:ing)?|ship\s+to|lives\s+at)\W*\Z"
)
_CAPS_STATE_ZIP: Final = LazyPattern(rf"[^\n]*\n?[^\n]*\b(?:{_STATES})\s+\d{{5}}\b")


def _caps_confirmed(text: str, start: int, end: int) -> bool:
    """Whether an all-capitals street has an address label before it or a ZIP after it.

    Orders and sigs are written in capitals too ("TAKE 2 TABS PO DAILY", "20 UNITS ST NOW");
    what tells a street apart is the form's label or the state and ZIP that close it.
    """
    line_start = text.rfind("\n", 0, start) + 1
    if _CAPS_LABEL.search(text, max(line_start, start - 30), start):
        return True
    return _CAPS_STATE_ZIP.match(text, end, min(len(text), end + 80)) is not None


class AddressRecognizer:
    """Street addresses and PO boxes, with unit, city, state and ZIP when they follow.

    One contiguous span from the number to the ZIP, so a pseudonym replaces the whole
    address and no fragment (a ZIP, a street) survives next to the diagnosis. A named
    residence just before the street ("at The Willows, 400 Orchard Ave") is included.
    """

    name = "address"

    def analyze(self, text: str) -> Iterator[Candidate]:
        """Yield address spans and ``City, ST`` spans."""
        for m in _ADDRESS.finditer(text):
            start = m.start()
            if m.group().isupper() and not _caps_confirmed(text, m.start(), m.end()):
                continue  # "GIVE 20 UNITS ST NOW": capitals need a label or a state and ZIP
            fac = _FACILITY_BEFORE.search(text, max(0, start - 60), start)
            # A named residence is part of the home address; a hospital or clinic is not
            # (its name locates no patient): "from Saint Mary Hospital, 400 W Elm Blvd".
            if fac is not None and not any(
                w.lower().strip(".'’") in ORG_WORDS for w in fac.group(1).split()
            ):
                start = fac.start(1)
            unit = UNIT_BEFORE.search(text, max(0, start - 16), start)
            if unit is not None and "\n" not in text[unit.start() : start]:
                start = unit.start()
            else:
                units = _UNITS_BEFORE.search(text, max(0, start - 40), start)
                if units is not None and _unit_line_ok(text, units.start(), start):
                    start = units.start()
            yield Candidate(start, m.end(), "ADDRESS", 0.9, self.name, priority=74)
        for m in _CITY_STATE.finditer(text):
            if _PLATE_AFTER.match(text, m.end()):
                continue  # "a blue Prius, CA plate 8XYZ123": the plate's state, no town
            yield Candidate(m.start(), m.end(), "ADDRESS", 0.8, self.name, priority=73)
        yield from _lower_case(text)


#: A plate word after a state: the state is the plate's ("CA plate", "TX tags").
_PLATE_AFTER: Final = LazyPattern(r"[ \t]+(?i:plates?|tags?|registration|reg\.?|lic\.?)\b")


def _care_word(word: str) -> bool:
    """A clinical word, an organisation's word or an acronym: no part of a town's name."""
    low = word.lower()
    return low in clinical_words() or low in ORG_WORDS or (word.isupper() and len(word) <= 4)


def _unit_line_ok(text: str, unit_start: int, street_start: int) -> bool:
    """A unit before a street on its line, or alone on the line above it."""
    if "\n" not in text[unit_start:street_start]:
        return True
    line_start = text.rfind("\n", 0, unit_start) + 1
    return not text[line_start:unit_start].strip()


def _lower_case(text: str) -> Iterator[Candidate]:
    """Addresses typed in lower case: with a state and ZIP after them or a label before them.

    "walked 2 blocks down the street" has the grammar of a street too; what confirms one is
    the state and ZIP that close it or an address cue right before it.
    """
    if _LOWER_HINT.search(text) is None:
        return
    for m in _ADDRESS_ANY_CASE.finditer(text):
        value = m.group()
        if not any(w[:1].islower() for w in value.split()):
            continue  # title case and capitals are the rules above
        line_start = text.rfind("\n", 0, m.start()) + 1
        if m.group("tail") is None and not _LOWER_LABEL.search(
            text, max(line_start, m.start() - 30), m.start()
        ):
            continue
        yield Candidate(m.start(), m.end(), "ADDRESS", 0.8, "address", priority=72)


_GEO_WORDS: Final = frozenset(
    """north south east west new old saint st mount mt fort lake river park hill hills valley
    spring springs field fields wood woods city falls beach harbor bay port heights grove haven
    point rock creek island glen""".split()
)
_LIVES_IN: Final = LazyPattern(
    r"(?=[lLrRmMsSbBgG])\b(?i:lives?|living|resides?|residing|moved|relocated|stays?|staying|located|born"
    r"|grew up)\b(?:\s+[a-z][\w'-]*|\s+[A-Z][a-z]+){0,6}?\s+(?:in|to|at)\s+"
    rf"((?!The\b){_CITY})"
)


# Where a relative or a home is: "her daughter in Phoenix", "back home in Tulsa". The
# preposition is found first, then the word before it is looked up (cheaper than an
# alternation tried at every word).
_IN_PLACE: Final = LazyPattern(rf"(?<=[ \t])(?:in|from|near)[ \t]+((?!The\b){_CITY})")
_RELATIVE_WORDS: Final = frozenset(
    """daughter daughters son sons sister sisters brother brothers mother father mom dad parents
    family relatives friends grandson granddaughter grandkids grandchildren niece nephew aunt
    uncle cousin cousins home house""".split()
)
_WORD_BEFORE: Final = LazyPattern(r"([A-Za-z]+)[ \t]+\Z")
# Cues that name a place by themselves: "near Tahlequah", "flew to Loulé", "originally from".
_PLACE_CUE: Final = LazyPattern(
    r"(?=[nofbrtvhcduwmaNOFBRTVHCDUWMA])\b(?i:near|outside(?:\s+of)?|originally\s+from|came\s+from"
    r"|downtown|uptown|visiting\s+from|desde"
    r"|moved\s+(?:here\s+)?from|flew\s+(?:in\s+)?(?:to|from)|returned\s+to|based\s+in"
    r"|born\s+in|raised\s+in|trip\s+to|travel(?:l?ed)?\s+to|headed\s+to|drove\s+to"
    r"|vivo\s+en|vive\s+en|vivimos\s+en|viven\s+en|resido\s+en|cerca\s+de"
    # "a resident of Millbury", "her hometown is Bixby", "rents in Dunmore", "reside en",
    # "habite à", "mora em", "wohnt in": where a person lives, in five languages
    r"|residents?\s+of|residente\s+de|home\s?town(?:\s+(?:is|was|of))?|rent(?:s|ing)?\s+in"
    # "in the village of Denholme", "the town of Ely": the place noun names a place
    r"|(?:village|town|township|hamlet|city|borough|parish)\s+of"
    r"|resides?\s+en|reside\s+em|habite\s+[àa]|habitent\s+[àa]|mora\s+em|moram\s+em"
    r"|moro\s+em|wohnt\s+in|wohnen\s+in|wohne\s+in|abita\s+a"
    r"|(?:drives?|drove|driving|comes?|came|flies|flew|travels?|commutes?)\s+(?:in|up|down|over)"
    r"\s+from)\s+"
    rf"((?!The\b){_CITY})"
)


# A street named without its number ("lives on Sycamore Lane", "the corner of Baker Street").
_NAMED_STREET: Final = LazyPattern(
    rf"(?=[oOaAdDuUcC])\b(?i:on|of|along|off|onto|down|up|at|crossing)\s+"
    # (an ordinal is a street's name too: "on 4th Street")
    rf"((?:(?:[A-ZÀ-ÖØ-Þ][\w'’-]+|\d{{1,3}}(?:st|nd|rd|th))\s){{1,3}}{_SUFFIX})\b\.?"
)
# A block of a street ("the 2200 block of Cherry St", EMS usage) and a numbered road where
# someone lives ("lives on Route 9", "a farm off Highway 12"): a place without a house number.
_BLOCK_OF: Final = LazyPattern(
    rf"(?=\d)(?<![\w.,])(\d{{2,5}}[ \t]block[ \t]of[ \t](?:[NSEW]\.?[ \t])?(?:{_WORD}[ \t]){{0,3}}"
    rf"(?:{_WORD}|{_SUFFIX}))\b"
)
_ROAD_NUMBER: Final = LazyPattern(
    r"(?=[SCUORH])(?<![\w.])((?:(?:State|County|US|U\.S\.|Old)[ \t])?"
    r"(?:Route|Rte\.?|Highway|Hwy\.?|County[ \t]Road)[ \t]?\d{1,4}\b)"
)
_RESIDENCE_ON: Final = LazyPattern(
    r"\b(?i:lives?|living|resides?|residing|house|home|farm|trailer|cabin|located|moved)"
    r"[ \t]+(?i:on|off|along|onto|out[ \t]on)[ \t]+\Z"
)
# A unit someone lives in, named before its street or alone ("resides in Apt 4B at ...").
_UNIT_WORD: Final = LazyPattern(
    r"(?=[aAuUsSfF])\b((?i:apt\.?|apartment|unit|suite|flat)[ \t]?#?[ \t]?"
    r"(?=[A-Za-z0-9-]{0,5}\d)[A-Za-z0-9-]{1,6})\b"
)
_LIVED_IN: Final = LazyPattern(
    r"\b(?i:lives?|living|resides?|residing|stays?|staying|moved)[ \t]+(?i:in|into|at)[ \t]+\Z"
)
#: Each rule, the words before its match, and lower-case substrings without which it cannot
#: match.
_NUMBERED_PLACES: Final = (
    (_BLOCK_OF, None, (" block of ",)),
    (_ROAD_NUMBER, _RESIDENCE_ON, ("route", "rte", "highway", "hwy", "county road")),
    (_UNIT_WORD, _LIVED_IN, ("live", "resid", "stay", "moved")),
)
# Two streets that cross, named without numbers: "the corner of Fifth and Main", "the
# intersection of Orchard Street and Delmar Avenue", "junction of Cass & 14th". The cue
# names both as streets; each is one or two words in capitals, or an ordinal (a third word
# is more often the next phrase's: measured on the public set, it cost precision).
_CROSS_STREET: Final = r"(?!The\b)(?:[A-Z][\w'’.-]*|\d{1,3}(?:st|nd|rd|th))"
_CROSSING: Final = LazyPattern(
    rf"(?=[cCiIjJ])\b(?i:corner|intersection|junction|crossroads|crossing)\s+of\s+(?:the\s+)?"
    rf"({_CROSS_STREET}(?:[ \t]{_CROSS_STREET})?)\s+(?:and|&|/|at)\s+(?:the\s+)?"
    rf"({_CROSS_STREET}(?:[ \t]{_CROSS_STREET})?)"
)
# A town after a bare preposition, at the end of its clause: "I'm in Bergamo, at the ...",
# "returned to STAVANGER by helicopter". Only words in no list count (see ``_weak_places``).
_WEAK_PLACE: Final = LazyPattern(
    rf"(?=[iItTfFaA])\b(?:in|to|from|at|In|To|From|At)\s+({_CITY})"
    r"(?=\s*(?:[,.!?;:)]|$|\n|\s(?:for|this|by|on|last|next|with|and|to|in|at|bridge|is|since"
    r"|until|till|desde|hasta|con|y"
    # "camping in Moab when ...", "back home in Tulsa she ...": a clause goes on
    r"|when|while|where|she|he|they|we|but|so|after|before|during|because|who|every|over"
    r"|today|tomorrow|yesterday|now)\b))"
)


def _town_words(words: list[str]) -> bool:
    """Whether everyday words read as a town's name ("outside Grand Forks").

    Two or more in title case, none clinical or an organisation's word ("near Emergency
    Department" is no town).
    """
    clinical = clinical_words()
    return len(words) >= 2 and all(
        w[:1].isupper()
        and w[1:].islower()
        and (bare := w.strip(".,'’").lower()) not in clinical
        and bare not in ORG_WORDS
        and bare not in _CLINICAL_PLACES
        for w in words
    )


_CLINICAL_PLACES: Final = frozenset(
    """emergency department room unit ward floor wing hall clinic office center centre
    hospital bay station""".split()
)


class CityRecognizer:
    """A town named on its own after "lives in", "moved to", "resides at"...: ADDRESS.

    A small town next to a rare condition can identify a patient. States are excluded:
    they are coarse enough to keep.
    """

    name = "city"

    def analyze(self, text: str) -> Iterator[Candidate]:
        """Yield the place name after a residence verb."""
        common = common_words()
        known = known_words()
        for pattern, strict in ((_LIVES_IN, False), (_PLACE_CUE, True)):
            yield from self._places(text, pattern.finditer(text), strict, common, known)
        after_relative = (
            m
            for m in _IN_PLACE.finditer(text)
            if (w := _WORD_BEFORE.search(text, max(0, m.start() - 20), m.start())) is not None
            and w.group(1).lower() in _RELATIVE_WORDS
        )
        for c in self._places(text, after_relative, False, common, known):
            # the place's words and the word after it: "her son in ICU", "son in Surgery
            # Center" name a unit of care, not a place
            words = text[c.start : c.end].split()
            words += text[c.end : c.end + 24].split()[:1]
            if not any(_care_word(w.strip(".,'’")) for w in words):
                yield c
        for m in _NAMED_STREET.finditer(text):
            nxt = re.match(r"\s+(?:[A-Z]\w+\s+)?([A-Z]\w+)", text[m.end(1) : m.end(1) + 40])
            if nxt is not None and nxt.group(1).lower() in ORG_WORDS:
                continue  # "at Juniper Ridge Family Clinic": a facility's name
            yield Candidate(m.start(1), m.end(1), "ADDRESS", 0.7, self.name, priority=58)
        yield from self._crossings(text)
        low = text.lower()
        for pattern, before, needles in _NUMBERED_PLACES:
            if not any(n in low for n in needles):
                continue  # none of the rule's words: skip the scan
            for m in pattern.finditer(text):
                if before is None or before.search(text, max(0, m.start() - 30), m.start()):
                    yield Candidate(*m.span(1), "ADDRESS", 0.7, self.name, priority=58)
        yield from self._weak_places(text, known)

    def _crossings(self, text: str) -> Iterator[Candidate]:
        """Both streets of "the corner of X and Y" (see ``_CROSSING``).

        Acronyms and clinical words are not streets ("junction of ICA and ECA").
        """
        low = text.lower()
        if not any(
            n in low for n in ("corner", "intersection", "junction", "crossing", "crossroad")
        ):
            return
        clinical = clinical_words()
        for m in _CROSSING.finditer(text):
            sides = [m.span(1), m.span(2)]
            words = [w.strip(".,").lower() for s, e in sides for w in text[s:e].split()]
            if any(w in clinical for w in words):
                continue
            if any(all(w.isupper() and len(w) <= 4 for w in text[s:e].split()) for s, e in sides):
                continue
            for start, end in sides:
                end = start + len(text[start:end].rstrip("."))
                yield Candidate(start, end, "ADDRESS", 0.7, self.name, priority=58)

    def _weak_places(self, text: str, known: frozenset[str]) -> Iterator[Candidate]:
        """Towns after a bare "in", "to", "from", "at": every word in no word list.

        "in Bergamo", "to STAVANGER": a word no list knows, capitalised after a preposition
        and closing its clause, is a place or a person far more often than anything else;
        either is PHI. Known words, acronyms, countries and states are left ("in Epic",
        "to ICU", "from Texas").
        """
        firsts = first_names()
        for m in _WEAK_PLACE.finditer(text):
            value = m.group(1).rstrip(".,")
            words = value.split()
            if value in countries() or any(w.lower() in STATE_NAMES for w in words):
                continue
            ok = True
            for w in words:
                bare = w.strip(".,'’")
                low = bare.lower()
                mixed = not bare.isupper() and sum(c.isupper() for c in bare) > 1  # "MRADLs"
                if low in known or len(bare) < 4 or (bare.isupper() and len(bare) < 5) or mixed:
                    ok = False
                    break
                if bare.isupper() and bare.title() in firsts:
                    ok = False  # "to DAVID": a name in capitals, found by the name rules
                    break
            if ok:
                yield Candidate(
                    m.start(1), m.start(1) + len(value), "ADDRESS", 0.6, self.name, priority=45
                )  # below a name found with a person context ("shouted at Marziyet:")

    def _places(
        self,
        text: str,
        matches: Iterable[re.Match[str]],
        strict: bool,
        common: frozenset[str],
        known: frozenset[str],
    ) -> Iterator[Candidate]:
        for m in matches:
            words = m.group(1).split()
            # Stop at the first common word ("in Ann Arbor Michigan" keeps "Ann Arbor").
            kept: list[str] = []
            for word in words:
                bare = word.strip(".,'’").lower()
                if bare in STATE_NAMES or (bare in common and bare not in _GEO_WORDS):
                    break
                kept.append(word)
                if word.endswith(".") and len(word) > 4:
                    break  # "near Tahlequah. Passenger ...": the sentence ended
            if not kept or " ".join(kept).rstrip(".,") in countries():
                continue
            if (
                strict
                and all(
                    w.strip(".,'’").lower() in known or (w.isupper() and len(w) <= 4) for w in kept
                )
                and not _town_words(kept)
            ):
                continue  # "near Complete", "from SIU": a word or an acronym, not a place
            value = " ".join(kept).rstrip(".,")
            end = m.start(1) + len(value)
            state = _STATE_AFTER.match(text, end)
            if state is not None:
                end = state.end()  # "lives alone in Hattiesburg, MS": town and state, one span
            yield Candidate(m.start(1), end, "ADDRESS", 0.7, self.name, priority=58)
