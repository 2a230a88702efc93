"""Clinical vocabulary that must never be redacted, and the spans it protects.

Over-redaction is not a safe failure in a clinical pipeline: a model that sees
``[NAME_1] disease`` instead of "Parkinson disease" or ``[ID]`` instead of an ICD-10 code
extracts the wrong facts. These lists let the name rules tell an eponym from a person and
let the detector drop identifier guesses that are really codes, doses or lab values.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from clinllm.phi.lazy_pattern import LazyPattern

__all__ = [
    "CLINICAL_NOUNS",
    "EPONYMS",
    "ORG_WORDS",
    "protected_spans",
]

#: Surnames that name diseases, signs, tests, scores and devices. Lower case.
EPONYMS: Final = frozenset(
    """achilles addison adie adson alcock allen alzheimer apgar apley argyll asperger auerbach
    austin babinski baker barlow barr barre barrett bartholin bartter becker beck bell bells
    bennett berg bishop blumberg bouchard bowman braden braxton breslow broca brown brudzinski
    bruch burkitt calot charcot cheyne child chvostek clark colles cooper corti creutzfeldt
    crohn crohns cullen cushing cuzick descemet dix doppler douglas down duchenne dupuytren
    epley epstein epworth eustachian ewing fabry fallopian fick finkelstein fleischer foley
    frank gaenslen gail galeazzi gaucher gehrig geneva gilbert glasgow gleason golgi gram graves
    guillain guyon hallpike hamilton hampton hashimoto hawkins heberden heimlich henle hesselbach
    hicks hirschsprung hodgkin holter homans horner huntington hutchinson ishihara jakob janeway
    jefferson jobe jones kaposi karnofsky kawasaki kayser kegel kerley kernig kirby klebsiella
    klinefelter koplik korotkoff korsakoff kupffer kussmaul lachman langerhans lasegue leopold
    levine leydig likert lisfranc lou luschka lyme magendie mallampati mallory marfan mcburney
    mcmurray meckel meissner meniere ménière monro monteggia morison morse murphy neer niemann
    nissen norton ober oddi ortolani osgood osler paget papanicolaou parkinson peyer pfannenstiel
    phalen pick purkinje quervain ranson raynaud reiter rinne robertson rolando romberg roth
    rovsing salter scarpa schlatter schlemm schwann sertoli sjogren sjögren snellen speed spurling
    starling stensen stevens still stokes swan ganz sylvius tanner tay thessaly tinel tourette
    treitz trendelenburg trousseau turner tyrer valsalva vater virchow volkmann weber wegener
    weiss wells wernicke westermark wharton whipple willis wilms wilson wolff yergason zenker
    zinn roux rosenberg kellgren merchant judet grashey mortise waters caldwell towne""".split()
)

#: Words that, right after a capitalised word, show it is an eponym, not a person.
CLINICAL_NOUNS: Final = frozenset(
    """disease diseases syndrome palsy sign signs test tests testing maneuver maneuvers manoeuvre
    catheter catheters scale score scores procedure operation repair fundoplication esophagus
    cyst phenomenon thyroiditis lymphoma sarcoma tumor tumour dementia disorder reflex reflexes
    response stain staining stage stages criteria classification contractions respirations
    breathing bottles bottle monitor monitoring features fracture model ulcer node nodes triad
    law effect body bodies cells cell duct canal space valve equation formula method position
    incision pouch diverticulum hernia block type class grade index questionnaire rule rules
    sleepiness coma chorea ataxia aneurysm infarct area aphasia tube splint technique approach
    sheath lens traction tongs frame shunt bag mask needle forceps retractor clamp drain filter
    cardiomyopathy anomaly malformation deformity contracture neuroma neuralgia nodules rash spots
    lines line angle point phase spectrum encephalopathy ligament tendon gland glands muscle
    vein artery nerve triangle fossa fascia membrane organ organs ring circle maneuvre stockings
    hose boot brace collar walker chair bed cart pump coefficient curve chart charts units unit
    deficiency toxin bacillus virus agar medium view views projection projections
    gastric bypass anastomosis limb""".split()
)

#: Words that make a capitalised phrase an organisation or a place of care, not a person.
ORG_WORDS: Final = frozenset(
    """hospital clinic center centre medical medicine health healthcare care pharmacy insurance
    plan university college school company corporation corp inc llc group associates partners
    foundation institute laboratory laboratories lab labs department dept unit services
    service program system network regional county general memorial community family emergency
    practice physicians surgeons specialists imaging radiology cardiology oncology orthopedics
    pediatrics dental dentistry therapy rehabilitation rehab hospice home homes agency
    street avenue road lane drive boulevard suite floor building campus valley
    heartland advantage medicare medicaid cross shield aetna cigna humana anthem kaiser
    united trust fund board committee registry study trial access relations registration
    asc snf ltach
    scheduling billing admissions intake records review utilization management dept
    foods markets market stores store brothers designs planners gases orchestra appliances
    stereo architectural industries solutions systems enterprises holdings motors airlines
    airways bank bakery cafe restaurant studios productions consulting logistics supply
    supplies electric electronics furniture hardware realty properties insurance outfitters
    boutique salon gallery press publishing media records band choir club society league
    church temple mosque synagogue ministries hosp salud mutual mutua seguros seguro
    aseguradora assurance versicherung auto autos motors towing collision""".split()
)

_PROTECTED: Final = (
    # ICD-10-CM with a dot (E11.9, M54.16) and three-character categories (I10, J45); HCPCS
    # Level II (J0135); CPT category II/III/PLA (3074F, 0042T, 0001U)
    LazyPattern(
        r"(?=[A-Z0-9])(?<![\w-])(?:[A-TV-Z]\d[0-9A-Z](?:\.[0-9A-Z]{1,4})?|[A-V]\d{4}|\d{4}[FTU])"
        # "Manchester M20 5AB": a category before a digit and two letters is the outward
        # half of a British postcode, not a code (it vetoed the whole address); "Granby, QC
        # J2G 0C6": so is the first half of a Canadian postal code before its digit-letter-digit;
        r"(?![\w-])(?! \d[ABD-HJLNP-UW-Z]{2}(?![\w-]))(?! \d[A-Z]\d(?![\w-]))"
        # "Co. Dublin D13 X2Y4": an Irish Eircode's routing key before its four characters
        r"(?! (?=[\dA-Z]{0,3}\d)(?=[\dA-Z]{0,3}[A-Z])[\dAC-FHKNPRTV-Y]{4}(?![\w-]))"
    ),
    # CPT and HCPCS codes named as such, NDC drug codes
    LazyPattern(
        r"(?=[0-9A-V])(?:(?<=CPT )\d{5}|(?<=CPT: )\d{5}|(?<=HCPCS )[A-V]\d{4}"
        r"|(?<=NDC )\d{4,5}-\d{3,4}-\d{1,2}|(?<=NDC: )\d{4,5}-\d{3,4}-\d{1,2})"
    ),
    # doses, lab values and vitals with a unit (six digits at most: "7854945L" is an id);
    # blood pressure
    LazyPattern(
        r"(?=\d)(?<![\w.])\d{1,6}(?:[.,]\d++)?+\s?(?:mg|mcg|µg|ug|g|kg|mL|ml|L|units?|IU|mmol|mEq|mmHg"
        r"|bpm|cm|mm|lb|lbs|%|mg/dL|g/dL|mmol/L|mL/min|L/min)(?![^\W\d_])"
        r"|(?=B)\bBP:?\s*\d{2,3}/\d{2,3}\b"
    ),
    # the multiword clinical phrases whose words are also person names
    LazyPattern(
        r"(?=[GLDMBSWC])(?:\bGlasgow Coma Scale\b|\bLou Gehrig'?s\b|\bDr\.? Brown'?s bottles?\b"
        r"|\bMedicare Advantage\b|\bBraxton[- ]Hicks\b|\bStevens[- ]Johnson\b"
        r"|\bWolff[- ]Parkinson[- ]White\b|\bGuillain[- ]Barr[eé]\b|\bCheyne[- ]Stokes\b)"
    ),
)


def protected_spans(text: str) -> Iterator[tuple[int, int]]:
    """Yield the spans of clinical codes, doses, vitals and eponym phrases in ``text``.

    Identifier guesses (names, unlabelled numbers) overlapping one of these are dropped.
    """
    named_codes = "CPT" in text or "HCPCS" in text or "NDC" in text
    for i, pattern in enumerate(_PROTECTED):
        if i == 1 and not named_codes:
            continue  # the "CPT 72148" / "NDC ..." pattern needs its keyword
        for m in pattern.finditer(text):
            yield m.start(), m.end()
