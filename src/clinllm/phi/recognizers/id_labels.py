"""Identifier labels: the words that say what the value after them, or under them, is.

Record, plan, account, licence, vehicle and device numbers come in endless formats; what
tells them apart from a dose or a code is their label: "MRN", "Mbr ID", "S/N", "lic plate",
"Número de afiliado", or a table's column header ("PumpSerial", "Tag No."). This module
holds the label vocabulary (English and Spanish, with "number / no. / # / ID" suffixes and
"número de / N.º de" prefixes) for two readers: :mod:`~clinllm.phi.recognizers.labelled_ids`
(a label before its value in running text and in key: value forms) and
:mod:`~clinllm.phi.recognizers.tables` (a label as a column header).

It also names what is *not* PHI though it looks like an identifier: lot, model, catalogue
(REF) and part numbers, firmware versions, NDC / CPT / HCPCS / ICD codes, pharmacy routing
numbers (RxBIN, PCN), rooms and beds. A lot number names a batch of thousands of products,
a model number a product line: redacting them strips what a recall notice or a clinician
needs and protects no one. Their values become ``NOT_PHI`` spans that veto identifier guesses.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

from clinllm.phi.lazy_pattern import LazyPattern

__all__ = [
    "LABEL_FIRST_WORDS",
    "LABEL_RES",
    "NOT_PHI",
    "NOT_PHI_LABEL",
    "header_kind",
]

#: Type of a span known not to be PHI (a lot or model number): it vetoes identifier guesses.
NOT_PHI: Final = "NOT_PHI"

_NUM: Final = r"(?:\s*(?:number|num\.?|no\.?|nbr\.?|#|ID|identifier|code)\b\.?)?"
# "policy" or "group" alone names a document or a cohort; only "policy number" is an id.
_NUM_REQUIRED: Final = r"\s*(?:number|num\.?|no\.?|nbr\.?|#|ID|identifier)(?:\b\.?|(?=\s|:))"
# Spanish and Portuguese: "número de", "núm.", "N.º de", "No. de" before the label word.
_ES: Final = r"(?:(?:n[uú]mero|n[uú]m\.?|n\.?\s?[º°o]\.?|no\.)\s*(?:de(?:l|\s+la)?\s+)?)?"
# (type, label pattern, priority). Longer, more specific labels get the higher priority.
_LABELS: Final[tuple[tuple[str, str, int], ...]] = (
    (
        "MRN",
        rf"MRN|M\.?\s?R\.?\s?N\.?|MR\s?#|MR\s?no\.?|medical\s+record{_NUM}|med\.?\s*rec(?:ord)?\.?{_NUM}"
        rf"|chart{_NUM}|hosp(?:ital)?\.?\s*(?:number|no\.?|#|ID)|unit\s+(?:number|no\.?|#)"
        rf"|patient\s+(?:ID|#|no\.?|number)|pt\.?\s*(?:ID|#|no\.?)|health\s+record{_NUM}"
        rf"|record\s*(?:#|no\.?|number)|E[MH]R\s*(?:#|ID|no\.?|number)"
        rf"|{_ES}(?:expediente|historia(?:\s+cl[ií]nica)?|registro\s+m[eé]dico|prontu[aá]rio)"
        rf"|NHC",
        68,
    ),
    (
        "HEALTH_PLAN_ID",
        rf"member(?:ship)?{_NUM}|mbr\.?{_NUM}|subscriber{_NUM}|insured'?s?\s+ID{_NUM}"
        rf"|policy{_NUM_REQUIRED}|policy(?=\s+[A-Z]*\d{{4}})|group{_NUM_REQUIRED}|enrollee{_NUM}|cardholder{_NUM}"
        rf"|recipient\s+(?:ID|#|no\.?|number)|ins\.?\s*(?:ID|#|no\.?)"
        rf"|insurance(?:\s+card|\s+ID|\s+number|\s+no\.?)?|(?:health\s+|dental\s+|vision\s+)?plan\s+ID"
        rf"|medicare{_NUM}|MBI|HICN|medicaid{_NUM}|beneficiary{_NUM}|payer\s+ID|CIN"
        rf"|health\s+card{_NUM}|(?:primary|secondary|tertiary)(?=\s*:)"
        rf"|{_ES}(?:p[oó]liza|afiliad[oa]|afiliaci[oó]n|asegurado|socio|beneficiario)"
        rf"|ID\s+de\s+(?:miembro|afiliado)|tarjeta\s+sanitaria",
        66,
    ),
    (
        "ACCOUNT",
        rf"(?:bank\s+|patient\s+|billing\s+|guarantor\s+)?account{_NUM}"
        rf"|(?:billing\s+|guarantor\s+)?acct\.?{_NUM}"
        rf"|claim{_NUM}|invoice{_NUM}|routing{_NUM}|statement{_NUM}(?=\s*[:#])"
        rf"|{_ES}(?:cuenta|factura|reclamaci[oó]n)",
        66,
    ),
    (
        "LICENSE",
        rf"drivers?'?\s+lic(?:en[cs]e)?\.?{_NUM}|licen[cs]e{_NUM}|lic\.?\s*#|lic\.|lic(?=\s*:)|DL{_NUM}|CDL{_NUM}"
        rf"|DEA{_NUM}"
        rf"|registry{_NUM}|NRCME{_NUM}|certificate{_NUM}|certification{_NUM}|permit{_NUM}"
        rf"|{_ES}(?:licencia|carn[eé]t?|permiso)(?:\s+de\s+conduc(?:ir|tor))?",
        66,
    ),
    (
        "VEHICLE",
        rf"(?:lic(?:en[cs]e)?\.?[\s-]+|registration\s+|reg\.?\s+)?plates?{_NUM}"
        rf"|tags?{_NUM}(?=[^\n]{{0,40}}\d)|VIN{_NUM}|V\.I\.N\.?"
        rf"|vehicle\s+identification{_NUM}|vehicle{_NUM}|reg(?:istration)?\.?\s+(?:number|no\.?|mark)"
        # "UK reg. AB12 CDE", "rego 1ABC234": a registration by its own shape
        rf"|(?:reg\.?|rego)(?=\s*:?\s*(?:[A-Z]{{2}}\d{{2}}\s?[A-Z]{{3}}|\d[A-Z]{{3}}\d{{3}})\b)"
        rf"|{_ES}(?:placa|matr[ií]cula|patente|chapa|chasis|bastidor)s?|plaque|immatricul(?:ation|[ée]e?s?)"
        # boats and aircraft are vehicles too: "HIN: ABC12345D606", "boat registration FL 1234
        # AB", "tail number N4471K"
        rf"|HIN|hull\s+(?:ID|identification|serial){_NUM}|(?:boat|vessel)\s+(?:reg(?:istration)?\.?"
        rf"|plate|decal|tag|number|no\.?|#|ID)|tail\s+(?:number|no\.?|#)|N-number"
        # "LP: 7ABC123", "L/P 8XYZ221": a form's licence-plate abbreviation
        rf"|(?-i:LP|L/P)(?=\s*[:#]?\s*[A-Z0-9]*\d)"
        rf"|(?:kennzeichen|nummernschild|targa|kenteken|d'immatriculation)"
        # "Plate/State: 7LMN882 / CA": a form's combined plate and state field
        rf"|plates?\s*/\s*(?:state|st)\b|tags?\s*/\s*plates?{_NUM}"
        # British forms: vehicle registration number / mark
        rf"|(?-i:VRN|VRM)(?=\s*[:#]?\s*[A-Z0-9]*\d)"
        # "the car reg is KP19 HFD", "her car's registration is WX63 LMP", "truck tag ...":
        # after a vehicle noun, a registration, plate or tag word names the plate
        rf"|(?:car|vehicle|truck|van|pickup|suv|motorbike|motorcycle|scooter|moped)(?:'s|’s)?"
        rf"\s+(?:reg(?:istration)?|rego|plates?|tags?)\b(?:\s+(?:is|was|reads?|shows?))?",
        67,
    ),
    (
        "DEVICE_ID",
        rf"serial{_NUM}|ser\.?\s*(?:no\.?|#|num)|S/N|SN|UDI|device{_NUM}|transmitter{_NUM}"
        rf"|modem{_NUM}|scanner{_NUM}|IMEI|ESN|MEID|ICCID|MAC\s+address|implant{_NUM}"
        rf"|pump{_NUM}|(?:generator|sensor|receiver|hub|meter|concentrator){_NUM_REQUIRED}"
        rf"|asset\s+tag|equipment{_NUM}"
        rf"|monitor{_NUM}(?=\s*[:#]?\s*[A-Z0-9-]*\d)"
        rf"|{_ES}serie(?:\s+del\s+(?:equipo|dispositivo))?|ID\s+del\s+dispositivo",
        66,
    ),
    (
        "OTHER_ID",
        rf"employee{_NUM}|student{_NUM}|badge{_NUM}|case{_NUM}|accession{_NUM}"
        rf"|specimen{_NUM}|prescription{_NUM}|Rx{_NUM}|participant{_NUM}|waitlist{_NUM}"
        rf"|activation\s+code|confirmation{_NUM}|reference{_NUM}|ref\.?\s*(?:#|no\.?)"
        rf"|ticket{_NUM}|encounter{_NUM}|visit\s+(?:ID|number|no\.?|#)|FIN|CSN|requisition{_NUM}"
        rf"|order{_NUM}(?=\s*[:#]?\s*[A-Z0-9-]*\d)|(?:prior\s+)?auth(?:orization)?{_NUM}"
        rf"|study{_NUM}(?=\s*[:#]?\s*[A-Z0-9-]*\d)|subject{_NUM}|NPI|TIN|EIN|tax\s+ID"
        rf"|registration{_NUM}|passport{_NUM}|certificate\s+of\s+birth|incident{_NUM}"
        rf"|report{_NUM_REQUIRED}|crash\s+report|police\s+report|voucher{_NUM}|locker{_NUM}"
        rf"|wristband{_NUM}|{_ES}(?:caso|folio|pasaporte|c[eé]dula)|DNI|NIE|CURP",
        64,
    ),
    (
        "BIOMETRIC",
        rf"fingerprint{_NUM}|biometric(?:\s+(?:template|record|enrollment))?{_NUM}"
        rf"|voice\s?print{_NUM}|retina(?:l)?\s+scan{_NUM}|iris\s+(?:scan|template){_NUM}"
        rf"|face\s?(?:print|template){_NUM}|palm\s?print{_NUM}",
        67,
    ),
    # A postcode alone locates a handful of homes ("ZIP only on the old form: 88196").
    ("ADDRESS", r"zip(?:\s+code)?|post\s?code|postal\s+code|c[oó]digo\s+postal|PLZ|CEP", 63),
    # Any other "... ID", "... #", "... code" label: an identifier of an unknown kind.
    ("OTHER_ID", r"ID|#|no\.|nbr\.?|number|identifier|code", 55),
)
#: The compiled label patterns: (type, pattern, priority), tried at a word's start. A label
#: ending in "#", "." or ":" may touch its value ("MR#00412", "Acct#9921", "#WC-118").
LABEL_RES: Final = tuple(
    (
        kind,
        LazyPattern(rf"(?<![\w-])(?:{pattern})(?:(?<=[#.:])|(?![\w-]))", re.IGNORECASE),
        prio,
    )
    for kind, pattern, prio in _LABELS
)
#: Words a label can start with: only there are the label patterns tried (a fast prefilter).
LABEL_FIRST_WORDS: Final = frozenset(
    """mrn m mr medical med chart hospital hosp unit patient pt health member membership mbr
    subscriber policy insured insured's group enrollee cardholder recipient ins insurance
    dental vision plan medicare mbi hicn medicaid beneficiary payer cin primary secondary
    tertiary bank billing guarantor account acct claim invoice routing statement driver's
    drivers driver’s driver license licence lic dl cdl dea registry nrcme certificate
    certification permit plate plates tag tags vin v.i.n vehicle reg registration serial
    ser s/n sn udi device transmitter modem scanner imei esn meid iccid mac implant pump
    generator sensor receiver hub meter concentrator asset equipment monitor employee student
    badge case accession specimen prescription rx participant waitlist activation
    confirmation reference ref ticket encounter visit fin csn requisition order prior auth
    authorization study subject npi tin ein tax passport incident report crash police voucher
    locker wristband id # no number nbr identifier code fingerprint biometric voiceprint voice
    retina retinal iris face faceprint palm palmprint zip postcode post postal código codigo
    plz cep record emr ehr expediente historia registro prontuario prontuário nhc póliza
    poliza afiliado afiliada afiliación afiliacion asegurado socio beneficiario tarjeta
    cuenta factura reclamación reclamacion licencia carné carnet carne permiso placa
    matrícula matricula patente chapa chasis bastidor plaque immatriculation kennzeichen
    nummernschild d'immatriculation d’immatriculation rego lp l/p immatriculé immatriculée
    immatriculee hin hull boat vessel tail n
    placas matrículas matriculas patentes targa kenteken car vehicle's car's truck truck's van
    pickup suv motorbike motorcycle scooter moped plate/state plates/state plate/st car’s
    vehicle’s truck’s tag/plate tags/plates vrn vrm
    serie caso folio pasaporte cédula cedula dni nie curp n nº núm num número numero""".split()
)

# "code" after one of these is a clinical or postal code, not an identifier.
_CODE_OWNERS: Final = frozenset(
    """cpt icd hcpcs dx diagnosis diagnostic procedure billing revenue rev ndc modifier zip
    area pos service reason status color colour drg loinc snomed rxnorm country postal post
    qr bar billing discount promo dress door lock entry access icd-10 icd-10-cm sensor
    calibration gate alarm""".split()
)

#: Labels whose value is not PHI: lot, model, catalogue, part, version, codes, rooms.
NOT_PHI_LABEL: Final = LazyPattern(
    r"(?=[lLbBmMRrcCpPfFsSvVNnHhIiDd])(?<![\w-])(?:lot(?:e)?(?:\s*(?:#|no\.?|number|num\.?))?|LOT#?|batch(?:\s*(?:#|no\.?))?"
    r"|model(?:o)?(?:\s*(?:#|no\.?|number|num\.?))?|(?-i:REF)|cat(?:alog(?:ue)?)?\.?\s*(?:#|no\.?)"
    r"|part\s*(?:#|no\.?|number)|firmware(?:\s+version)?|software(?:\s+version)?|version"
    r"|ver\.|rev\.|Rx\s?BIN|(?-i:BIN)|Rx\s?PCN|PCN|Rx\s?Gr(?:ou)?p|NDC|CPT|HCPCS|ICD(?:-?10)?(?:-CM)?"
    r"|DRG|LOINC|SNOMED|room|rm\.?|bed|cama|habitaci[oó]n)(?![\w-])[ \t:#=.|]*",
    re.IGNORECASE,
)
# Header words of columns whose cells are not identifiers of a person.
_NOT_PHI_HEADERS: Final = frozenset(
    """lot lote batch model modelo ref catalog catalogue cat part firmware software version
    ver rev bin pcn ndc cpt hcpcs icd drg loinc snomed room rm bed cama dx diagnosis code
    codes units unit qty quantity dose make manufacturer brand state type size rate status
    result value range reference""".split()
)
_NAME_HEADERS: Final = frozenset(
    {"name", "patient", "patient name", "member name", "subscriber name", "insured name",
     "full name", "nombre", "paciente", "driver", "owner", "guarantor", "last, first"}
)  # fmt: skip
_CAMEL: Final = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|_")


@lru_cache(maxsize=1024)
def header_kind(cell: str) -> str | None:
    """What a column header says its cells are: a PHI type, ``NOT_PHI`` or ``None``.

    Headers are often compounds ("PumpSerial", "MedRecNo", "FIN_Acct"): they are split into
    words first. The label that ends the header names the column ("Pump Serial" is a
    serial, "Lic Plate" a plate, "FIN Acct" an account); a header naming a lot, model, code
    or unit column gives ``NOT_PHI``.
    """
    words = _CAMEL.sub(" ", cell.strip().strip(":")).strip()
    if not words or len(words) > 40:
        return None
    low = words.lower()
    if low in _NAME_HEADERS:
        return "NAME"
    # A header has its values below it: a stand-in "# 1" after it lets labels that need a
    # number word or a value ("Policy", "Tag") match. The label must reach the header's end.
    probe = words.rstrip(".#: ") + " # 1"
    size = len(words.rstrip(".#: "))
    best: tuple[int, str] | None = None
    for kind, pattern, prio in LABEL_RES:
        for m in pattern.finditer(probe):
            if m.start() >= size or (prio == 55 and m.group().lower() == "code"):
                continue
            if m.end() >= size and (best is None or m.start() < best[0]):
                best = (m.start(), kind)
    if best is not None:
        return best[1]
    if any(w in _NOT_PHI_HEADERS for w in re.findall(r"[a-z]+", low)):
        return NOT_PHI
    return None


def code_label_ok(text: str, code_start: int) -> bool:
    """Whether a "code" label at ``code_start`` may name an identifier (not "CPT code")."""
    before = text[max(0, code_start - 24) : code_start].split()
    return not before or before[-1].lower().strip(":#.") not in _CODE_OWNERS
