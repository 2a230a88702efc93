"""Addresses written the way the rest of the world writes them, and address blocks.

The US rule in :mod:`~clinllm.phi.recognizers.address` wants "number, words, street
suffix". Most of the world writes "Lindenstraße 67", "Via Leopardi 83", "48 rue
Descartes", "2300 Westdorp", and puts the rest of the address on the following lines or
after commas: a unit ("Apt. 290", "Flat 6", "3º B"), a postcode with its town ("5000-047
Vila Real", "Lund NX7 8XC"), the town alone, a region code, the country. Forms flattened
from two columns do the same.

A street line alone ("Room 12", "Type 2", "Chapter 3") looks like many other things, so it
counts only with evidence: an address cue before it ("address", "lives at", "sent to",
"Dirección:"), or a following part that only an address has (a unit or a postcode). Once a
street is accepted, every following part that reads as an address part is taken too,
across commas and line breaks; the state and country are skipped (they are not PHI) but
do not end the block, since a postcode often follows the country ("Estonia 17257").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from clinllm.phi.lazy_pattern import LazyPattern
from clinllm.phi.lexicons import CAR_MAKES, countries, drugs, english_words
from clinllm.phi.recognizers.base import Candidate

__all__ = ["AddressBlockRecognizer", "AddressFieldRecognizer", "PostcodeRecognizer"]

# A word of any script starting with a capital, or a street keyword written in lower case.
_KEYWORDS: Final = (
    r"(?:ul\.|ulica|al\.|rue|avenue|av\.|avda\.?|avenida|boulevard|bd|chemin|all[ée]e|impasse"
    r"|place|quai|route|via|viale|piazza|corso|calle|c/|carrer|camino|paseo|plaza|rua|travessa"
    r"|largo|strada|straße|strasse|rruga|odos|οδός)"
)
_UPPER: Final = "A-ZÀ-ÖØ-ÞĀ-ſΑ-ΩΆ-ΏА-ЯЁ"
_LOWER_PARTICLES: Final = r"(?:de la|de los|de las|del|de|des|du|della|dei|da|das|do|dos|di)"
_INNER_PARTICLES: Final = r"(?:de|del|de la|des|du|da|das|do|dos|di|dei|della|van|von|der)"
# Street types written in lower case after the name ("Tompa u. 2.", "Munkácsy Mihály út 93.").
_TYPE_AFTER: Final = (
    r"(?:u\.|utca|út|tér|krt\.|körút|str\.|st\.|ul\.|gade|vej|gata|gatan|vägen|veien)"
)
# Words of a street are one or two spaces apart; three or more is the next column of a form.
_GAP: Final = r"[ \t]{1,2}"
# A capitalised word of any script; a period only closes a short abbreviation ("Av.", "Αγ.").
_CAP: Final = rf"(?:[{_UPPER}](?:[\w'’-]{{0,2}}\.(?=[ \t])|[\w'’-]*+))"
_STREET_NUM_FIRST: Final = LazyPattern(
    # a unit over the house number: "18/354 Wattle St" (Australia)
    rf"(?=\d)(?<![\w.,/:-])((?:\d{{1,4}}[A-Za-z]?/)?\d{{1,5}}[A-Za-z]?)[ \t]+"
    rf"(?:(?i:{_KEYWORDS})[ \t]+(?:{_LOWER_PARTICLES}[ \t]+)?)?"
    rf"({_CAP}(?:{_GAP}(?:{_INNER_PARTICLES}{_GAP})?{_CAP}){{0,3}})"
)
_STREET_NUM_LAST: Final = LazyPattern(
    rf"(?<![\w'’.-])(?=[^\W\d_])(?=[{_UPPER}]|(?i:{_KEYWORDS})[ \t])"
    rf"((?:(?i:{_KEYWORDS})[ \t]+)?{_CAP}"
    rf"(?:{_GAP}(?:{_INNER_PARTICLES}{_GAP})?{_CAP}){{0,3}}(?:{_GAP}{_TYPE_AFTER})?"
    # "Hauptstr. 5", "Lindenstr. 12": the abbreviated type glued to the name
    rf"(?:(?<=[sS]tr)\.)?)"
    # "Kirchgasse 3/2/14", "Marszałkowska 10/12": house, staircase and flat after the street
    # (short groups, no leading zero: "Flowsheet 02/03/2026" is a date)
    # "Keizersgracht 221-H", "Kerkstraat 12-2": a house's letter or floor after a dash
    rf"{_GAP}((?:[1-9]\d{{0,2}}[A-Za-z]?(?:/[1-9]\d{{0,2}}[A-Za-z]?){{1,2}}"
    rf"|\d{{1,5}}[A-Za-z]?(?:-(?:[A-Z]|[1-9]|hs|huis)(?![\w-]))?)\.?)"
    rf"(?![\w/]|[.,]\d)"
)
# The number after a comma, after a street opened by its keyword ("Rua Augusta, 1500",
# "Avenida Paulista, 900"): Brazilian and Portuguese usage.
_STREET_COMMA_NUM: Final = LazyPattern(
    # "C/ Colón, 40" (Spanish "calle" abbreviated), "Carrer de Sants, 12" (Catalan)
    rf"(?<![\w'’.-])(?i:rua|avenida|av\.|travessa|alameda|estrada|rodovia|pra[çc]a|calle|avda\."
    rf"|c/|carrer|avinguda)"
    rf"[ \t]+(?:{_LOWER_PARTICLES}[ \t]+)?{_CAP}"
    rf"(?:{_GAP}(?:{_INNER_PARTICLES}{_GAP})?{_CAP}){{0,3}}"
    rf",[ \t](\d{{1,5}}[A-Za-z]?)(?![\w/]|[.,]\d)"
)
# Words that introduce an address, checked against the end of the text before a street.
_CUES: Final = (
    "address", "addr", "addr.", "street", "located at", "lives at", "live at", "living at",
    "moved to", "sent to", "send to", "ship to", "shipped to", "deliver to", "delivered to",
    "taxi to", "mail to", "mailed to", "corner of", "resides at", " at", " to", "calle",
    "dirección", "direccion", "domicilio", "vivo en", "vive en", "vivimos en", "viven en",
    "adresse", "anschrift", "morada", "endereço", "endereco", "indirizzo", "wohnhaft",
    "habite", " in", "it's in", "is in", "are:", "here they are:", "following?",
    "following:", "as follows:", "address is", "update my address to", "change my address to",
    "lives on", "living on", "live on", "moved onto",
)  # fmt: skip
_STRONG_CUES: Final = (
    "address", "addr", "addr.", "street", "dirección", "direccion", "domicilio", "adresse",
    "anschrift", "endereço", "endereco", "indirizzo",
)  # fmt: skip


#: A copula between a cue and the street: "Nuestra dirección es ...", "the address was ...".
_COPULAS: Final = frozenset("is was es era é est ist".split())


def _cue(before: str, cues: tuple[str, ...]) -> bool:
    """Whether ``before`` ends with one of ``cues`` (then optional ``:``/``#`` and spaces).

    A copula after the cue is skipped: "Nuestra dirección es Avenida Harrowgate 95".
    """
    words = before.lower().rstrip(" \t:#").split()[-4:]
    if len(words) > 1 and words[-1] in _COPULAS:
        words = words[:-1]
    tail = " " + " ".join(words[-3:])
    return tail.endswith(cues) and (len(tail) == len(tail.rstrip()) and not tail[-1:].isdigit())


#: A unit written before its street ("Flat 7, 113 Marlowe Road").
UNIT_BEFORE: Final = LazyPattern(
    r"(?<![\w-])(?i:apt\.?|apartment|suite|ste\.|unit|flat)\s?[\w-]{1,6},?[ \t]+$"
)
_UNIT: Final = LazyPattern(
    r"(?i:apt\.?|apartment|suite|ste\.?|unit|flat|room|rm\.?|floor|fl\.?|bldg\.?|building"
    r"|trlr\.?|trailer|space|piso|depto\.?|dpto\.?|puerta|wohnung|app\.?|appartement|apto\.?"
    r"|apartamento|bloco|sala|andar|#)\s?[\w-]{1,6}"
    # a trailer lot has a short number ("Lot 14"); "Lot 7H2291" is a batch
    r"|(?i:lot)\s?#?\s?\d{1,4}[A-Za-z]?"
    # "2º B", "2.º Esq." (NFKC has made the ordinal indicators the letters o and a)
    r"|\d{1,2}\.?\s?[º°ªoa]\.?(?:\s?[A-Za-z]{1,4}\.?)?"
)
# An Irish Eircode: a routing key and a four-character unique identifier ("H91 E2K3").
_EIRCODE: Final = r"(?:[AC-FHKNPRTV-Y]\d\d|D6W) ?[\dAC-FHKNPRTV-Y]{4}"
# A country's letters may lead a European postcode ("A-1010 Wien", "D-80335", "CH-8001").
_POSTCODE: Final = (
    r"(?:(?:A|B|D|F|I|L|S|CH|NL|DK|FI|N|PL|CZ|SK|H|E|P)-(?=\d))?"
    r"(?:\d{4} [A-Z]{2}(?![A-Za-z])|\d{4,6}(?:-\d{3,4})?|\d{2}-\d{3}|\d{3} \d{2}"
    r"|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}|[A-Z]\d[A-Z] ?\d[A-Z]\d|" + _EIRCODE + ")"
)
_POSTCODE_RE: Final = LazyPattern(rf"(?<![\w/.:-]){_POSTCODE}(?![\w/:-]|\.\d)")
# A following part: a comma, or a line break (with the indentation and leading comma of
# flattened layouts), then the part up to the next comma or line end.
_NEXT: Final = LazyPattern(
    # a comma; a line break; or a bar between spaces, the cell border of a form's row
    # flattened to one line ("19 Elm St. | Westbrook | OR | 97123")
    # "Rua Augusta, 1500 - apto 42": a dash between spaces before a unit
    r"[ \t]*(?:,[ \t]*(?:\n[ \t]*)?|\n[ \t]*(?:[>|?*]+[ \t]*)?,?[ \t]*|(?<=[ \t])\|[ \t]+"
    r"|[ \t][-–][ \t](?=(?i:apto|apt|apartamento|casa|bloco|sala|andar|piso|depto)\b))"
    r"([^,\n|]{1,48})"
)
# A unit on the street's own line ("Nesvegi 71 Suite 114").
_UNIT_AFTER: Final = LazyPattern(
    r"[ \t]{1,2}(?i:apt\.?|apartment|suite|ste\.|unit|flat|#)[ \t]?[\w-]{1,6}(?![\w-])"
)
# (a Spanish door, "3º izda.", "2º dcha.", is no sentence end)
_PART_END: Final = re.compile(
    r"(?:(?<=\d)|(?<=\d[A-Za-z])|(?<=\w{4})(?<!izda)(?<!dcha)(?<!izqda)(?<!dcho))\.(?:\s|$)"
    r"|[;|]|\s{3,}"
)
_YEAR_LIKE: Final = re.compile(r"19\d\d|20[0-3]\d")
_CALENDAR: Final = frozenset(
    """january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday
    saturday sunday mon tue tues wed thu thur thurs fri sat sun""".split()
)
_STATE_ONLY: Final = LazyPattern(r"[A-Z]{2,3}\.?")
#: Words of a form's field labels, never of a street's name.
_MAKES: Final = frozenset(m.lower() for m in CAR_MAKES)
_FORM_WORDS: Final = frozenset(
    """number no nr id group member policy account acct claim serial lot model ref bed page
    item order case code plan rx rxbin bin pcn mrn dob chart""".split()
)
# A lower-case word (not a particle of a town's name) starts the prose after an address.
_PROSE: Final = re.compile(
    r"[ \t]*\((?=[a-z])|[ \t]+(?!(?:de|del|la|las|los|le|les|di|da|do|dos|das|du|van|von|der"
    r"|den|am|an|im|sur|en|bei|upon|izda|izq|izqda|dcha|dcho|bajo|pta)\b)"
    # "Stratford on Avon" is a town; "46001 Valencia on Tuesdays" goes on in prose
    r"(?!on\b[ \t]+(?!(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct"
    r"|Nov|Dec)[a-z]*\b)[A-Z])[a-z][a-z'’]+\b"
)
_CONTACT_WORDS: Final = frozenset(
    """tel tel. telephone phone ph fax cell mobile email e-mail web www tél tfno teléfono
    telefono""".split()
)
# A form's label opening a part: up to four words, single-spaced, then a colon.
_FIELD_LABEL: Final = re.compile(r"[^\W\d_][\w.#/-]*(?: [\w.#/-]+){0,3}:(?:\s|$)")
_SHORT_POSTCODE: Final = LazyPattern(r"(.+?)\s+(\d{3})")
_PAREN: Final = re.compile(r"\s*\([^)]{1,20}\)")
# Two lower-case words are prose, not a town, unless one is a particle ("Freiburg im Breisgau").
_TWO_LOWER: Final = re.compile(
    r"[a-z]{2,}\s+(?!(?:im|am|an|de|del|la|le|sur|upon|on|en|di|da|am|bei)\b)[a-z]{2,}"
)


def _unknown_word(words: list[str]) -> bool:
    """Whether one of ``words`` is in no English or drug word list (a proper name)."""
    english, drug = english_words(), drugs()
    return any(
        (bare := w.strip(".,'’").lower()) and bare not in english and bare not in drug
        for w in words
    )


def _is_country(value: str) -> bool:
    return _PAREN.sub("", value).strip() in countries()


class _Part:
    """One part after a street: its span, and what it is."""

    __slots__ = ("end", "kind", "start")

    def __init__(self, start: int, end: int, kind: str) -> None:
        self.start, self.end, self.kind = start, end, kind


def _classify(text: str, start: int, end: int) -> list[_Part] | None:
    """The address spans inside one following part, or ``None`` if it is not an address part."""
    raw = text[start:end]
    label = _FIELD_LABEL.match(raw)
    if label is not None and ". " not in label.group():
        return None  # "Addr line 2: Unit 46", "Billing: ...": the next field of a form
    # A part ends at a sentence end ("OH 43229. Mother's phone"), a bar, a semicolon or a
    # gap of spaces (the next column of a form), not at an abbreviation ("Apt. 290"); the
    # block ends with it.
    cut = _PART_END.search(raw)
    if cut is not None:
        raw = raw[: cut.start()]
    # Prose after the address ends it: "10122 Torino until May", "LS6 2AB until ...".
    prose = _PROSE.search(raw)
    if prose is not None:
        raw = raw[: prose.start()]
    value = raw.rstrip(" \t.?!;:")
    end = start + len(value)
    if not value or value.split()[0].lower().rstrip(".:") in _CONTACT_WORDS:
        return None  # "Tel 336 555 0120": the next line of a letterhead is a phone
    if _UNIT.fullmatch(value):
        return [_Part(start, end, "unit")]
    if _STATE_ONLY.fullmatch(value):
        return []  # a region code: not PHI, the block goes on
    if _is_country(value):
        return []
    # "Iceland 705", "Norway 654": a three-digit postcode after the country.
    short = _SHORT_POSTCODE.fullmatch(value)
    if short is not None and _is_country(short.group(1)):
        return [_Part(start + short.start(2), start + short.end(2), "postcode")]
    # "Estonia 17257", "Cyprus (Greek) 4771": the country is kept, the postcode is not.
    for code in _POSTCODE_RE.finditer(value):
        if _YEAR_LIKE.fullmatch(code.group()) and not any(c.isalpha() for c in value):
            return None  # "2026 23:50": a year, not a postcode ("Brno NSW 2026" is one)
        head = value[: code.start()].strip()
        if head and _is_country(head):
            return [_Part(start + code.start(), start + code.end(), "postcode")]
        if len(value.split()) <= 6 and not _TWO_LOWER.search(value):
            return [_Part(start, end, "postcode")]
        return None
    words = value.split()
    if len(words) <= 4 and all(w[0].isupper() or w.lower() in ("de", "del", "la") for w in words):
        if any(c.isdigit() for c in value) or not _unknown_word(words):
            return None  # "FACSIMILE TRANSMITTAL": everyday words are not a town
        return [_Part(start, end, "town")]
    return None


# The rest of a line after a gap (a form's right-hand column), then the next line.
_RIGHT_COLUMN: Final = LazyPattern(r"[ \t]{3,}[^\n]*\n[ \t]*([^\s][^\n]{0,47})")


def _column_next(text: str, pos: int, columns: tuple[int, int]) -> re.Match[str] | None:
    """The next line's part in the address's own column, past a right-hand column.

    A form flattened from two columns prints "55 Orchard Row      Insurance: ..." and
    "Unit 12      Member ID: ..." below it: the address goes on in the column where its
    street started (or where its line's label started), and what stands to its right is
    another field.
    """
    nm = _RIGHT_COLUMN.match(text, pos)
    if nm is None:
        return None
    at = nm.start(1) - text.rfind("\n", 0, nm.start(1)) - 1
    return nm if any(abs(at - c) <= 1 for c in columns) else None


class AddressBlockRecognizer:
    """Street lines of any country with the parts that follow them (see the module docstring)."""

    name = "address_block"

    def analyze(self, text: str) -> Iterator[Candidate]:
        """Yield the street and each address part of every accepted block."""
        seen: set[tuple[int, int]] = set()
        for pattern in (_STREET_NUM_FIRST, _STREET_NUM_LAST, _STREET_COMMA_NUM):
            for m in pattern.finditer(text):
                if m.span() in seen:
                    continue
                seen.add(m.span())
                yield from self._block(text, m)

    def _block(self, text: str, m: re.Match[str]) -> Iterator[Candidate]:
        words = m.group(0).split()
        named = [w for w in words if not w[0].isdigit()]
        if len(named[0].strip(".")) < 2 or (len(named) == 1 and len(named[0]) < 3):
            return  # "19 M" (age and sex), "Apt 4": too short to be a street
        if (
            not words[0][0].isdigit()
            and not words[0][0].isupper()
            and "." not in words[0]
            and words[0].lower().rstrip(".") not in ("ul", "rue", "via", "calle", "rua", "av")
        ):
            return
        line_start = text.rfind("\n", 0, m.start()) + 1
        before = text[max(line_start, m.start() - 40) : m.start()]
        if not before.strip():
            # A street opening its line: the cue ends the line above ("address:\n\n66 Rue").
            above = text[max(0, line_start - 60) : line_start].rstrip()
            before = above[above.rfind("\n") + 1 :]
        cue = _cue(before, _CUES)
        strong = _cue(before, _STRONG_CUES)
        parts: list[_Part] = []
        street_end = m.end()
        unit_after = _UNIT_AFTER.match(text, street_end)
        if unit_after is not None:
            street_end = unit_after.end()
        pos = street_end
        evidence = closed = False
        line = text[line_start : m.start()]
        columns = (m.start() - line_start, len(line) - len(line.lstrip()))
        for _ in range(6):
            nm = _NEXT.match(text, pos)
            # only a street written as one ("55 Orchard Row"), not a table row's cells
            in_column = nm is None and "  " not in m.group(0)
            if in_column:
                nm = _column_next(text, pos, columns)
            if nm is None or (":" in nm.group(1) and "|" in text[pos : nm.start(1)]):
                break  # "| Attn: Billing |": a labelled cell of the row, not a part
            if closed and "\n" in text[pos : nm.start(1)] and not _POSTCODE_RE.match(nm.group(1)):
                break  # "Missoula MT" / "Foley catheter changed": the next line is not a part
            found = _classify(text, nm.start(1), nm.end(1))
            if found is None:
                break
            parts.extend(found)
            evidence = evidence or any(p.kind in ("unit", "postcode") for p in found)
            # A state or a postcode ends an address; only a postcode may open the next line.
            closed = any(p.kind == "postcode" for p in found) or bool(
                _STATE_END.search(nm.group(1).rstrip(" \t.,"))
            )
            if in_column:
                # the part ends at the gap before the right-hand column; go on from there
                pos = nm.start(1) + len(re.split(r"[ \t]{3,}", nm.group(1), maxsplit=1)[0])
                continue
            pos = nm.end(1)
            if _PART_END.search(nm.group(1)):
                break
        if any(w.strip(".,").lower() in _CALENDAR for w in words):
            return  # "January 18", "Sunday 12": a date
        if any(w.strip(".,:#").lower() in _FORM_WORDS for w in words):
            return  # "Group Number 07842", "RxBIN 572707": a form's field, not a street
        if any(w.strip(".,:#").lower() in _MAKES for w in words):
            return  # "a green Peugeot 308, plate ...": a car and its model, not a street
        # Short words ("PM", "Av.") say nothing about a proper name.
        name_words = [w for w in words if not w[0].isdigit() and len(w.strip(".")) > 3]
        if not (evidence or strong or (cue and _unknown_word(name_words))):
            return
        confidence = 0.85 if evidence or strong else 0.7
        start = m.start()
        unit = UNIT_BEFORE.search(text, max(line_start, start - 16), start)
        if unit is not None:
            start = unit.start()  # "Flat 7, 113 Marlowe Road"
        # The street and the parts right after it are one span (it then outranks a US rule
        # that stopped short: "94 Wattlebird Crescent, Brno NSW 2056"); parts after a
        # skipped state or country are spans of their own.
        end = street_end
        rest = iter(parts)
        for p in rest:
            if p.start - end > 3 or "\n\n" in text[end : p.start]:
                yield Candidate(p.start, p.end, "ADDRESS", confidence, self.name, priority=71)
                break
            end = p.end
        yield Candidate(start, end, "ADDRESS", confidence, self.name, priority=74)
        for p in rest:
            yield Candidate(p.start, p.end, "ADDRESS", confidence, self.name, priority=71)


_UK_CA_POSTCODE: Final = LazyPattern(
    r"(?<![\w-])(?:[A-Z]{1,2}\d[A-Z\d]? \d[ABD-HJLNP-UW-Z]{2}|[A-Z]\d[A-Z] \d[A-Z]\d"
    r"|(?:[AC-FHKNPRTV-Y]\d\d|D6W) (?=[\dA-Z]*\d)(?=[\dA-Z]*[A-Z])[\dAC-FHKNPRTV-Y]{4})(?![\w-])"
)


#: A US ZIP code named as one after its digits: "lives in the 60614 zip code".
_ZIP_BEFORE_LABEL: Final = LazyPattern(
    r"(?<![\w/.:-])(\d{5}(?:-\d{4})?)[ \t]+(?i:zip|zip\s?code|postal\s+code|postcode)\b"
    # "she lives in the 02138 area": a place's five digits after "the"
    r"|(?<=\bthe )(\d{5})[ \t]+(?i:area|neighbou?rhood|district)\b"
)


class PostcodeRecognizer:
    """British and Canadian postcodes anywhere ("SW1A 2AA", "K1A 0B6"): ADDRESS.

    Their letter-digit shape is distinctive enough to need no label, and a postcode covers
    a handful of homes. A US ZIP code, five digits like any count, is taken only when the
    words after it say what it is ("the 60614 zip code").
    """

    name = "postcode"

    def analyze(self, text: str) -> Iterator[Candidate]:
        """Yield postcode-shaped spans."""
        for m in _UK_CA_POSTCODE.finditer(text):
            yield Candidate(m.start(), m.end(), "ADDRESS", 0.8, self.name, priority=60)
        for m in _ZIP_BEFORE_LABEL.finditer(text):
            yield Candidate(*m.span(m.lastindex or 1), "ADDRESS", 0.8, self.name, priority=60)


_FIELD: Final = LazyPattern(
    r"(?im)(?<![\w-])(?:home\s+address|mailing\s+address|street\s+address"
    r"|(?:address|addr\.?)(?:\s+line)?(?:\s*#?\s*[12]|\s+(?:one|two))?"
    r"|street|city(?:\s*/\s*(?:postcode|zip|state|town))?|town|post\s?code|postal\s+code"
    # the unit line of a home address ("Apt/Suite: Apt 25"), not a ward ("Unit: 4 West")
    r"|apt\.?(?:\s*/\s*(?:suite|unit|ste\.?))?|apartment(?:\s+(?:no\.?|number))?"
    r"|(?:suite|unit)\s*/\s*apt\.?"
    # where a person comes from or lives, as a form asks it
    r"|home\s?town|place\s+of\s+birth|birth\s?place|county|town\s+of\s+residence"
    r"|lugar\s+de\s+nacimiento|zip\s?code"
    r"|zip(?:\s+code)?|ciudad|direcci[oó]n|domicilio|c[oó]digo\s+postal|adresse|ort|plz"
    r"|localidad|municipio|endere[cç]o|morada|cidade|cep)"
    # a bracketed aside before the colon: "Contact address (Spain):", "Address (summer):"
    r"(?:[ \t]*\([^()\n:]{1,24}\))?[ \t]*(?:#[ \t]*:?|:)[ \t]*"
    # (a direction's initial or a colonia, county or floor abbreviation is no sentence end:
    # "900 S. Broadway", "Col. Centro", "Co. Dublin", "Bldg. C")
    r"([^\s|;](?:[^\n|;]*?[^\s|;,.])?)(?=[ \t]{3,}|[ \t]*[|;\n]|[ \t]*$"
    # Romanian and Polish: "Str. Mihai Eminescu nr. 12, bl. A3, sc. 2, ap. 14", "ul. Długa 5 m. 12"
    r"|(?<![\s,][NSEWm])(?<![\s,](?:Co|Av|Mt|Ft|nr|bl|sc|ap|ul|al))(?<![\s,](?:Col|Fco|Str))"
    r"(?<![\s,](?:Avda|Bldg|Dpto))"
    r"[ \t]*\.(?:\s|$)"
    # two spaces, then the next field's label ("CITY: ELGIN  ZIP: 60120")
    r"|[ \t]{2}[^\W\d_][\w./#-]*(?:[ ][\w./#-]+){0,2}:)"
)
#: A part that ends in a region code ("Missoula MT", "WY") closes the address.
_STATE_END: Final = re.compile(r"(?<![\w-])[A-Z]{2}$")
#: A bracketed aside in lower case after a field's value is prose, not the address:
#: "Forwarding address: Kastanienallee 4, 10435 Berlin (until 9 Mar 2026)".
_ASIDE: Final = re.compile(r"[ \t]*\((?=[a-z])")
_INDENTED: Final = LazyPattern(r"\n([ \t]{4,})([^\s:|][^\n:|]{0,60}?)[ \t]*(?=\n|$)")


class AddressFieldRecognizer:
    """The value of an address field of a form: "Address:", "City/Postcode:", "ZIP:"...

    Forms flattened from two columns put another field three spaces further on the same
    line, so the value ends at a run of spaces, a bar or the line end. An address that goes
    on over indented lines below its label ("Address: 12 Quarry Rd" / "      Bozeman, MT
    59715") is taken line by line.
    """

    name = "address_field"

    def analyze(self, text: str) -> Iterator[Candidate]:
        """Yield the value of every address field, and its indented continuation lines."""
        for m in _FIELD.finditer(text):
            value = m.group(1)
            if _is_country(value) or _STATE_ONLY.fullmatch(value) or value.endswith(":"):
                continue  # "Home Address:    Work Address:": the next column's label
            aside = _ASIDE.search(value)
            if aside is not None:
                value = value[: aside.start()]  # "10435 Berlin (until 9 Mar 2026)"
            end = m.start(1) + len(value)
            head, _, tail = value.rpartition(", ")
            if head and _is_country(tail):
                end = m.start(1) + len(head)  # "Coimbra, Portugal": the country stays
            yield Candidate(m.start(1), end, "ADDRESS", 0.85, self.name, priority=73)
            pos = m.end(1)
            for _ in range(3):
                line_end = text.find("\n", pos)
                if line_end < 0:
                    break
                nm = _INDENTED.match(text, line_end)
                if nm is None or _is_country(nm.group(2).strip()):
                    break
                yield Candidate(nm.start(2), nm.end(2), "ADDRESS", 0.8, self.name, priority=73)
                pos = nm.end(2)
