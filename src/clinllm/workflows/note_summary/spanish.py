"""Spanish clinical words in the code set's English, read before a phrase is searched.

ICD-10-CM is indexed in English; a note written in Spanish ("Hipertensión arterial esencial",
"Diabetes mellitus tipo 2 con hiperglucemia", "Infección de vías urinarias") or an English
note quoting a Spanish diagnosis finds nothing there. The search is a bag of words weighted by
rarity, so a word-for-word rendering of the clinical vocabulary is enough: word order and the
function words between nouns do not matter to it. The table holds general clinical Spanish
(organs, diseases, qualifiers), multi-word terms first; a phrase is translated only when it has
a Spanish clinical word in it, so an English phrase is never touched. Accents are optional.
The translation only feeds the search; evidence always points at the note's own words.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

__all__ = ["to_english"]

# Multi-word terms: (Spanish, English). Matched before single words, accents stripped.
_TERMS: tuple[tuple[str, str], ...] = (
    ("hipertension arterial sistemica", "hypertension"),
    ("hipertension arterial", "hypertension"),
    ("mal controlada", "poorly controlled"),
    ("mal controlado", "poorly controlled"),
    ("no complicada", "uncomplicated"),
    ("no complicado", "uncomplicated"),
    ("no especificada", "unspecified"),
    ("no especificado", "unspecified"),
    ("adquirida en la comunidad", "community acquired"),
    ("vias urinarias", "urinary tract"),
    ("tracto urinario", "urinary tract"),
    ("reflujo gastroesofagico", "gastro-esophageal reflux"),
    ("por deficiencia de hierro", "iron deficiency"),
    ("deficiencia de hierro", "iron deficiency"),
    ("deficit de vitamina", "deficiency vitamin"),
    ("deficiencia de vitamina", "deficiency vitamin"),
    ("insuficiencia de vitamina", "deficiency vitamin"),
    ("hipovitaminosis d", "vitamin d deficiency"),
    ("espalda baja", "low back"),
    ("dolor lumbar", "low back pain"),
    ("dolor toracico", "chest pain"),
    ("dolor abdominal", "abdominal pain"),
    ("perdida de peso", "weight loss"),
    ("insuficiencia cardiaca", "heart failure"),
    ("insuficiencia renal cronica", "chronic kidney disease"),
    ("enfermedad renal cronica", "chronic kidney disease"),
    ("insuficiencia renal aguda", "acute kidney failure"),
    ("cardiopatia isquemica", "ischemic heart disease"),
    ("infarto agudo de miocardio", "acute myocardial infarction"),
    ("infarto de miocardio", "myocardial infarction"),
    ("accidente cerebrovascular", "cerebral infarction"),
    ("enfermedad pulmonar obstructiva cronica", "chronic obstructive pulmonary disease"),
    ("tromboembolia pulmonar", "pulmonary embolism"),
    ("tromboembolismo pulmonar", "pulmonary embolism"),
    ("embolia pulmonar", "pulmonary embolism"),
    ("trombosis venosa profunda", "deep vein thrombosis"),
    ("apnea obstructiva del sueno", "obstructive sleep apnea"),
    ("sindrome de colon irritable", "irritable bowel syndrome"),
    ("colon irritable", "irritable bowel syndrome"),
    ("hernia hiatal", "hiatal hernia"),
    ("artritis reumatoide", "rheumatoid arthritis"),
    ("litiasis renal", "kidney stone"),
    ("herpes zoster", "zoster"),
    ("cefalea migranosa", "migraine"),
    ("diabetes tipo", "diabetes mellitus type"),
)
# Single words: Spanish -> English ("" drops a word the English term does not say).
_WORDS: dict[str, str] = {
    # diseases and findings
    "hipertension": "hypertension", "hipotension": "hypotension",
    "hipotiroidismo": "hypothyroidism", "hipertiroidismo": "hyperthyroidism",
    "dislipidemia": "dyslipidemia", "hiperlipidemia": "hyperlipidemia",
    "hipercolesterolemia": "hypercholesterolemia", "hipertrigliceridemia":
    "hypertriglyceridemia", "hiperglucemia": "hyperglycemia", "hiperglicemia": "hyperglycemia",
    "hipoglucemia": "hypoglycemia", "hipoglicemia": "hypoglycemia",
    "hipopotasemia": "hypokalemia", "hipokalemia": "hypokalemia", "hipocalemia": "hypokalemia",
    "hiperpotasemia": "hyperkalemia", "hiperkalemia": "hyperkalemia",
    "hiponatremia": "hyponatremia", "hipernatremia": "hypernatremia",
    "asma": "asthma", "neumonia": "pneumonia", "bronquitis": "bronchitis",
    "bronquiolitis": "bronchiolitis", "faringitis": "pharyngitis", "amigdalitis": "tonsillitis",
    "sinusitis": "sinusitis", "rinitis": "rhinitis", "otitis": "otitis",
    "conjuntivitis": "conjunctivitis", "infeccion": "infection", "cistitis": "cystitis",
    "pielonefritis": "pyelonephritis", "lumbalgia": "low back pain", "migrana": "migraine",
    "cefalea": "headache", "ansiedad": "anxiety", "depresion": "depression",
    "depresivo": "depressive", "depresiva": "depressive", "insomnio": "insomnia",
    "trastorno": "disorder", "fibrilacion": "fibrillation", "aleteo": "flutter",
    "anemia": "anemia", "ferropenica": "iron deficiency", "ferropriva": "iron deficiency",
    "gota": "gout", "gotosa": "gouty", "artritis": "arthritis", "artrosis": "osteoarthritis",
    "osteoartritis": "osteoarthritis", "osteoporosis": "osteoporosis",
    "costocondritis": "costochondritis", "obesidad": "obesity", "sobrepeso": "overweight",
    "demencia": "dementia", "cancer": "cancer", "tumor": "tumor", "apendicitis": "appendicitis",
    "colecistitis": "cholecystitis", "colelitiasis": "cholelithiasis",
    "pancreatitis": "pancreatitis", "hepatitis": "hepatitis", "cirrosis": "cirrhosis",
    "tuberculosis": "tuberculosis", "celulitis": "cellulitis", "fractura": "fracture",
    "gastritis": "gastritis", "gastroenteritis": "gastroenteritis", "diarrea": "diarrhea",
    "estrenimiento": "constipation", "vertigo": "vertigo", "mareo": "dizziness", "tos": "cough",
    "fiebre": "fever", "disnea": "dyspnea", "sincope": "syncope",
    "palpitaciones": "palpitations", "nauseas": "nausea", "vomitos": "vomiting",
    "hematuria": "hematuria", "disuria": "dysuria", "fatiga": "fatigue",
    "cansancio": "fatigue", "ulcera": "ulcer", "fibromialgia": "fibromyalgia",
    "epilepsia": "epilepsy", "ictus": "stroke", "embarazo": "pregnancy", "reflujo": "reflux",
    "enfermedad": "disease", "sindrome": "syndrome", "dolor": "pain", "deficit": "deficiency",
    "deficiencia": "deficiency", "insuficiencia": "insufficiency", "vitamina": "vitamin",
    "hierro": "iron", "diabetes": "diabetes", "mellitus": "mellitus", "apnea": "apnea",
    # abbreviations written in Spanish notes
    "hta": "hypertension", "dm2": "type 2 diabetes mellitus", "erge": "gerd", "ivu": "uti",
    "itu": "uti", "epoc": "copd", "erc": "ckd", "irc": "ckd", "tvp": "dvt", "tep": "pe",
    "acv": "stroke", "fa": "atrial fibrillation", "iam": "myocardial infarction",
    # body parts and qualifiers
    "urinaria": "urinary", "urinario": "urinary", "renal": "renal", "pulmonar": "pulmonary",
    "cardiaca": "heart", "cardiaco": "heart", "auricular": "atrial", "atrial": "atrial",
    "bronquial": "bronchial", "alergica": "allergic", "alergico": "allergic",
    "estacional": "seasonal", "aguda": "acute", "agudo": "acute", "cronica": "chronic",
    "cronico": "chronic", "esencial": "essential", "primaria": "primary", "primario": "primary",
    "secundaria": "secondary", "adquirido": "acquired", "adquirida": "acquired",
    "comunitaria": "community acquired", "viral": "viral", "bacteriana": "bacterial",
    "mecanica": "", "comun": "", "exogena": "", "sistemica": "", "arterial": "",
    "descompensada": "poorly controlled", "descompensado": "poorly controlled",
    "descontrolada": "poorly controlled", "descontrolado": "poorly controlled",
    "complicaciones": "complications", "complicacion": "complication", "tipo": "type",
    "mama": "breast", "pulmon": "lung", "prostata": "prostate", "colon": "colon",
    "rodilla": "knee", "cadera": "hip", "hombro": "shoulder", "pierna": "leg",
    "muneca": "wrist", "tobillo": "ankle", "espalda": "back", "derecha": "right",
    "derecho": "right", "izquierda": "left", "izquierdo": "left", "bilateral": "bilateral",
    "leve": "mild", "moderada": "moderate", "moderado": "moderate", "severa": "severe",
    "grave": "severe", "estadio": "stage", "subclinico": "subclinical", "gastrica": "gastric",
    "miocardio": "myocardium", "sueno": "sleep", "peso": "weight",
    # function words (kept only inside a phrase that is Spanish)
    "con": "with", "sin": "without", "y": "and", "o": "or", "de": "", "del": "", "la": "",
    "el": "", "los": "", "las": "", "en": "", "por": "", "a": "", "al": "", "un": "", "una": "",
}  # fmt: skip
#: Words that only a Spanish phrase has: one of them makes the phrase Spanish.
_FUNCTION = frozenset("con sin y o de del la el los las en por a al un una".split())
_SHARED = frozenset(
    "anemia asthma diabetes mellitus tumor cancer colon renal viral bilateral "
    "sinusitis pancreatitis hepatitis tuberculosis gastritis gastroenteritis hematuria "
    "osteoporosis vertigo apnea atrial".split()
)


def _plain(text: str) -> str:
    return "".join(
        c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)
    ).replace("ñ", "n")


@cache
def _terms() -> re.Pattern[str]:
    alternatives = "|".join(re.escape(s) for s, _ in _TERMS)
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.I)


_TERM_MAP = dict(_TERMS)


def _spanish(words: list[str]) -> bool:
    """Whether the phrase is Spanish: a word only Spanish has (not a shared or function word)."""
    return any(
        w in _WORDS and w not in _FUNCTION and w not in _SHARED and _WORDS[w] != w for w in words
    )


def to_english(phrase: str) -> str:
    """The phrase in English clinical words when it is Spanish; otherwise unchanged."""
    if phrase.isascii() and not re.search(r"[a-z]", phrase, re.I):
        return phrase
    plain = _plain(phrase)
    words = re.findall(r"[a-z0-9]+", plain.lower())
    if not _spanish(words) and not _terms().search(plain):
        return phrase
    text = _terms().sub(lambda m: f" {_TERM_MAP[m.group(0).lower()]} ", plain.lower())
    english = re.sub(r"[a-z]+", lambda m: _WORDS.get(m.group(0), m.group(0)), text)
    return re.sub(r"\s+", " ", english).strip()
