"""Clinical shorthand rewritten into the code set's own words before a phrase is coded.

Notes say "T2DM", "HFrEF", "NSTEMI", "AKI", "CAD with stable angina"; ICD-10-CM says "type 2
diabetes mellitus", "systolic heart failure", "non-ST elevation (NSTEMI) myocardial
infarction", "acute kidney failure", "atherosclerotic heart disease of native coronary artery
with other forms of angina pectoris". Each entry below is an abbreviation or a synonym with
one meaning in a clinical note, or a coding convention of the ICD-10-CM guidelines (a diabetes
documented as "poorly controlled" is coded as diabetes with hyperglycemia, I.C.4.a). The
rewritten text is only used to search the code set; evidence always points at the note's
own words. A phrase in Spanish is put in English words first (:mod:`.spanish`).
"""

from __future__ import annotations

import re
from functools import cache

from clinllm.workflows.note_summary.spanish import to_english

__all__ = ["expand"]

# (pattern, replacement): applied in order, case-insensitive, on word boundaries.
_RULES: tuple[tuple[str, str], ...] = (
    # Connectives and nouns written as abbreviations ("T2DM w/ neuropathy", "DM c/b
    # gastroparesis", "anxiety d/o", "vit D def", "asthma, mod persistent").
    (r"w/o", "without"),
    (r"w/|c/b|complicated by", "with"),
    (r"d/o", "disorder"),
    (r"h/o|hx of", "history of"),
    (r"hx", "history"),
    (r"def", "deficiency"),
    (r"mod", "moderate"),
    (r"exac|exacerb|exacerbated|flare", "exacerbation"),
    # An electrolyte or gland written by its symbol or as an adjective ("hypoNa", "hypoK",
    # "hypothyroid"): the disorder the code set names.
    (r"hypo-?na\+?", "hyponatremia"),
    (r"hyper-?na\+?", "hypernatremia"),
    (r"hypo-?k\+?", "hypokalemia"),
    (r"hyper-?k\+?", "hyperkalemia"),
    (r"(hypo|hyper)(para)?thyroid", r"\1\2thyroidism"),
    (r"p-?af|paroxysmal a-?fib|paroxysmal af", "paroxysmal atrial fibrillation"),
    (
        r"t2dm|dm2|dm ii|dm type 2|type ii diabetes(?: mellitus)?|niddm|t2d",
        "type 2 diabetes mellitus",
    ),
    (r"t1dm|dm1|dm type 1|type i diabetes(?: mellitus)?|iddm|t1d", "type 1 diabetes mellitus"),
    (r"type (?:2|ii) dm", "type 2 diabetes mellitus"),
    (r"type (?:1|i) dm", "type 1 diabetes mellitus"),
    (r"dm", "diabetes mellitus"),
    (r"htn", "hypertension"),
    (r"pre-?\s?diabet(?:es|ic)", "prediabetes"),
    # Lay words for an electrolyte or glucose disorder, as notes write them.
    (r"(?:high|elevated)\s+(?:serum\s+)?potassium", "hyperkalemia"),
    (r"low\s+(?:serum\s+)?potassium", "hypokalemia"),
    (r"(?:high|elevated)\s+(?:serum\s+)?sodium", "hypernatremia"),
    (r"low\s+(?:serum\s+)?sodium", "hyponatremia"),
    (r"low\s+blood\s+(?:sugar|glucose)", "hypoglycemia"),
    (r"high blood pressure", "hypertension"),
    (r"hld|dyslipidemia|high cholesterol", "hyperlipidemia"),
    (r"hypercholesterolemia", "pure hypercholesterolemia"),
    # "CKD 3b", "CKD IV": the stage without the word "stage".
    (
        r"(?:ckd|chronic kidney disease)\s*(?:stage\s*)?(iv|iii|ii|i|[1-5])([ab])?",
        r"chronic kidney disease stage \1\2",
    ),
    (r"ckd", "chronic kidney disease"),
    (r"esrd|end[- ]stage (?:renal|kidney) disease", "end stage renal disease"),
    (r"aki|acute kidney injury|acute renal failure|arf", "acute kidney failure"),
    (
        r"cad|coronary artery disease|coronary disease|ashd",
        "atherosclerotic heart disease of native coronary artery",
    ),
    (
        r"(?:chronic )?(?:stable|exertional)(?: exertional| stable)? angina",
        "other forms of angina pectoris",
    ),
    (r"a-?fib|af", "atrial fibrillation"),
    (r"a-?flutter", "atrial flutter"),
    (r"rvr|rapid ventricular response", ""),
    (r"hfref|heart failure with reduced ejection fraction|systolic chf", "systolic heart failure"),
    (
        r"hfpef|heart failure with preserved ejection fraction|diastolic chf",
        "diastolic heart failure",
    ),
    (r"chf", "congestive heart failure"),
    (r"acute on chronic", "acute on chronic"),
    (r"copd", "chronic obstructive pulmonary disease"),
    (r"aecopd|copd exacerbation", "chronic obstructive pulmonary disease with acute exacerbation"),
    (r"nstemi|non-st[- ]elevation mi", "non-st elevation myocardial infarction"),
    (r"stemi", "st elevation myocardial infarction"),
    (r"mi", "myocardial infarction"),
    (r"acute ischemic stroke|ischemic stroke|cva|stroke", "cerebral infarction"),
    (r"tia", "transient cerebral ischemic attack"),
    (r"mca", "middle cerebral artery"),
    (r"aca", "anterior cerebral artery"),
    (r"pca", "posterior cerebral artery"),
    # An embolic occlusion is an embolism (I63.4-), not an occlusion of unspecified kind.
    (r"embolic occlusion", "embolism"),
    (r"thrombotic occlusion", "thrombosis"),
    (r"embolic", "embolism"),
    (r"thrombotic", "thrombosis"),
    (r"pe", "pulmonary embolism"),
    # A named deep vein has its own code ("Acute embolism and thrombosis of left femoral vein").
    (
        r"(?:dvt|deep (?:vein|venous) thrombosis)\s+(?:of|in)\s+(?:the\s+)?(left|right)\s+"
        r"(femoral|popliteal|iliac|tibial|peroneal)",
        r"acute embolism and thrombosis of \1 \2",
    ),
    (r"dvt|deep (?:vein|venous) thrombosis", "acute embolism and thrombosis of deep vein"),
    (r"uti", "urinary tract infection"),
    (r"aom", "acute otitis media"),
    (r"uri", "acute upper respiratory infection"),
    (r"cap|community[- ]acquired pneumonia", "pneumonia"),
    (r"acute blood loss anemia|blood loss anemia", "acute posthemorrhagic anemia"),
    (r"ida", "iron deficiency anemia"),
    (r"gerd|gastroesophageal reflux(?: disease)?", "gastro-esophageal reflux disease"),
    (r"luts", "lower urinary tract symptoms"),
    (r"pad|pvd|peripheral arter(?:y|ial) disease", "peripheral vascular disease"),
    (r"pcos|polycystic ovary syndrome", "polycystic ovarian syndrome"),
    (r"covid(?:-19)?|sars-cov-2(?: infection)?", "covid-19"),
    # The index's default for osteoarthritis is primary, and one named side is unilateral
    # ("Osteoarthritis, knee" -> M17.1-, "Unilateral primary osteoarthritis, right knee").
    (
        r"(?<!secondary )(?<!post-traumatic )(?<!posttraumatic )osteoarthritis",
        "primary osteoarthritis",
    ),
    # A side written as a letter ("R knee OA", "L shoulder pain") is that side: the code set
    # has a code per side, and the letter alone searched as a word finds none of them.
    (
        r"(?:r|rt)\.?(?=\s+(?:knee|hip|shoulder|elbow|wrist|ankle|foot|hand|leg|arm|eye|ear|"
        r"lower|upper)\b)",
        "right",
    ),
    (
        r"(?:l|lt)\.?(?=\s+(?:knee|hip|shoulder|elbow|wrist|ankle|foot|hand|leg|arm|eye|ear|"
        r"lower|upper)\b)",
        "left",
    ),
    (r"(right|left) (knee|hip)", r"unilateral \1 \2"),
    (r"osa", "obstructive sleep apnea"),
    (r"mdd", "major depressive disorder"),
    (r"gad", "generalized anxiety disorder"),
    (r"adhd", "attention-deficit hyperactivity disorder"),
    (r"combined presentation", "combined type"),
    (r"ptsd", "post-traumatic stress disorder"),
    (r"bph", "benign prostatic hyperplasia"),
    (r"oa", "osteoarthritis"),
    (r"ra", "rheumatoid arthritis"),
    (r"h\.? ?pylori|hp\+", "helicobacter pylori"),
    (r"si|suicidal thoughts", "suicidal ideation"),
    (r"dka", "ketoacidosis"),
    (r"hhs", "hyperosmolarity"),
    (r"preeclampsia|pre eclampsia", "pre-eclampsia"),
    (r"with severe features", "severe"),
    (r"(?:acute )?hypoxic respiratory failure", "acute respiratory failure with hypoxia"),
    (r"(?:acute )?hypercapnic respiratory failure", "acute respiratory failure with hypercapnia"),
    # The limb abbreviations carry their side ("cellulitis RLE" is the right lower limb).
    (r"rle", "right lower limb"),
    (r"lle", "left lower limb"),
    (r"rue", "right upper limb"),
    (r"lue", "left upper limb"),
    (r"lower extremity", "lower limb"),
    (r"upper extremity", "upper limb"),
    (r"vit\.?(?=\s+(?:a|b\d*|c|d|e|k)\b)", "vitamin"),
    (r"hyperthyroidism", "thyrotoxicosis"),
    (r"graves'? disease", "thyrotoxicosis with diffuse goiter"),
    # DSM-5 "use disorder" (moderate or severe) is coded as dependence in ICD-10-CM.
    (
        r"(tobacco|nicotine|alcohol|opioid|cannabis|cocaine|stimulant|sedative)\s+use\s+disorder",
        r"\1 dependence",
    ),
    # ICD-10-CM indexes tobacco dependence under nicotine dependence (F17.2-).
    (r"tobacco dependence", "nicotine dependence"),
    (r"shingles", "zoster"),
    (
        r"influenza (?:a|b)(?: virus)?|flu (?:a|b)",
        "influenza due to other identified influenza virus",
    ),
    (r"strep throat", "streptococcal pharyngitis"),
    (r"plaque psoriasis", "psoriasis vulgaris"),
    (r"c\.? ?diff(?:icile)?|clostridioides difficile", "clostridium difficile"),
    (r"e\.? ?coli", "escherichia coli"),
    (r"(?:gallstone|biliary) pancreatitis", "biliary acute pancreatitis"),
    (r"sle|lupus", "systemic lupus erythematosus"),
    (r"ureteral|ureteric", "ureter"),
    # A part of the bowel is also named by the larger part the code set uses for it
    # ("Diverticulitis of large intestine", "Crohn's disease of small intestine").
    (r"(sigmoid|colonic|colon|cecal|cecum)", r"\1 large intestine"),
    (r"(ileal|ileum|jejunal|jejunum)", r"\1 small intestine"),
    (r"thyroid storm", "thyrotoxic crisis or storm"),
    # The index's default for morbid obesity is "due to excess calories" (E66.01).
    (r"morbid obesity|severe obesity", "morbid (severe) obesity due to excess calories"),
    (r"smoker|active smoking|cigarette smoking|tobacco use", "nicotine dependence cigarettes"),
    (r"postpartum|post-partum", "postpartum"),
    (r"stage (?:iv|4)", "stage 4"),
    (r"stage (?:iii|3)(a|b)?", r"stage 3\1"),
    (r"stage (?:ii|2)", "stage 2"),
    (r"stage (?:i|1)", "stage 1"),
    (r"type (?:ii)", "type 2"),
    (r"type (?:i)", "type 1"),
    (r"(\d{2})\s*w(?:ee)?ks?\s*\d*\s*d?(?:ays?)?(?:\s+gestation)?", r"\1 weeks gestation"),
)

_DIABETES = re.compile(r"diabetes", re.I)
_POORLY_CONTROLLED = re.compile(
    r"\b(?:poorly|inadequately|sub-?optimally|not well|uncontrolled|out of control)"
    r"(?:\s+controlled)?\b|\buncontrolled\b|\bout of control\b",
    re.I,
)


@cache
def _compiled() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(rf"(?<![\w-])(?:{p})(?![\w-])", re.I), r) for p, r in _RULES)


def expand(phrase: str) -> str:
    """The phrase in the code set's vocabulary (for searching only, never for evidence)."""
    text = re.sub(r"[()\[\]]", " ", to_english(phrase))
    text = re.sub(r"\s+", " ", text)
    for pattern, replacement in _compiled():
        text = pattern.sub(replacement, text)
    if _DIABETES.search(text) and _POORLY_CONTROLLED.search(text):
        text = _POORLY_CONTROLLED.sub(" with hyperglycemia ", text)
    else:
        # Outside diabetes, how well a condition is controlled is not coded ("hypertension,
        # poorly controlled" is I10): the words are dropped, not searched.
        text = _POORLY_CONTROLLED.sub(" ", text)
    # Values and ranges ("LVEF 60%", "29-60 days") are not diagnosis words; a number that
    # qualifies one (type 2, stage 3a, 34 weeks) is kept.
    text = re.sub(
        r"(?<!type )(?<!stage )(?<!grade )(?<!class )(?<!covid-)(?<![\w.])\d[\d.,/%-]*"
        r"(?![\w.]*\s+weeks)",
        " ",
        text,
        flags=re.I,
    )
    return re.sub(r"\s+", " ", text).strip()
