"""HELD-OUT note-summary problem modules, ED and inpatient. Engineers tuning rules must not open this file."""

# ruff: noqa: E501  (long literal texts are the data; wrapping them would hide what they say)

from __future__ import annotations

from heldout_note_model import Fu, Med, Mod

ED = {"ed"}
IN = {"inpt"}

ACUTE: list[Mod] = [
    Mod(
        key="pe",
        settings={"ed", "inpt"},
        problems=[("I26.99", "other pulmonary embolism without acute cor pulmonale")],
        dx=[
            "Acute pulmonary embolism, segmental, right lower lobe, no RV strain",
            "Segmental PE without cor pulmonale",
        ],
        dx_abbr="segmental PE, no RV strain",
        cc="shortness of breath",
        hpi=["Two days of pleuritic right chest pain and breathlessness after a 14-hour flight."],
        data=[
            "CT pulmonary angiogram: right lower lobe segmental emboli; RV/LV ratio 0.8. Troponin normal."
        ],
        red=[
            ("SpO2 89% on room air", "SpO2 89% on room air on arrival."),
            ("heart rate 118", "Heart rate 118."),
        ],
        neg=[
            ("right ventricular strain", "No right ventricular strain."),
            ("hemoptysis", "No hemoptysis."),
            ("deep vein thrombosis", "Leg duplex negative for deep vein thrombosis."),
        ],
        actions=[
            Med(
                "apixaban",
                "started",
                "10 mg",
                "Start {drug} 10 mg twice daily for 7 days, then 5 mg twice daily.",
                "{drug} 10 BID x7d then 5 BID",
                brand="Eliquis",
            ),
            Fu(
                "anticoagulation clinic",
                "1 week",
                "Anticoagulation clinic in 1 week.",
                "anticoag clinic 1 wk",
            ),
        ],
        tags={"vte", "has:chest pain", "has:shortness of breath"},
        ages=(25, 75),
    ),
    Mod(
        key="cellulitis_leg",
        settings={"ed", "clinic"},
        problems=[("L03.115", "cellulitis of right lower limb")],
        dx=["Cellulitis of the right lower leg", "Right lower extremity cellulitis, nonpurulent"],
        dx_abbr="RLE cellulitis",
        cc="red swollen leg",
        hpi=["Three days of spreading redness of the right shin after a garden scrape."],
        data=["Warm erythema 12 x 9 cm, margins marked."],
        neg=[
            ("deep vein thrombosis", "Venous duplex negative for DVT."),
            ("crepitus", "No crepitus."),
        ],
        uncertain=["A small early abscess cannot be excluded; no fluctuance today."],
        actions=[
            Med(
                "cephalexin",
                "started",
                "500 mg",
                "Start {drug} 500 mg four times daily for 7 days.",
                "{drug} 500 QID x7d",
                brand="Keflex",
            ),
            Fu("wound check", "48 hours", "Wound check in 48 hours.", "recheck 48h"),
        ],
        tags={"skin"},
    ),
    Mod(
        key="renal_colic",
        settings=ED,
        problems=[("N20.1", "calculus of ureter")],
        dx=["Right distal ureteral stone, 5 mm", "Ureterolithiasis, right, 5 mm"],
        dx_abbr="R UVJ stone 5 mm",
        cc="right flank pain",
        hpi=["Sudden colicky right flank pain radiating to the groin with vomiting."],
        data=[
            "CT: 5 mm stone at the right ureterovesical junction with mild hydronephrosis. Creatinine normal."
        ],
        neg=[
            ("urinary tract infection", "Urinalysis without signs of infection."),
            ("fever", "Afebrile."),
        ],
        actions=[
            Med(
                "tamsulosin",
                "started",
                "0.4 mg",
                "Start {drug} 0.4 mg daily for stone passage.",
                "{drug} 0.4 qd",
                brand="Flomax",
            ),
            Med(
                "ketorolac",
                "started",
                "10 mg",
                "Start {drug} 10 mg every 6 hours as needed for 5 days.",
                "ketorolac 10 q6h prn x5d",
            ),
            Fu("urology", "1 week", "Urology follow-up in 1 week.", "uro 1 wk"),
        ],
        tags={"kidney", "has:abdominal pain", "has:fever-neg"},
    ),
    Mod(
        key="syncope",
        settings=ED,
        problems=[("R55", "syncope and collapse")],
        dx=["Syncope, likely vasovagal", "Vasovagal syncope"],
        dx_abbr="syncope ?vasovagal",
        cc="passed out",
        hpi=[
            "Fainted while having blood drawn; prodrome of warmth and nausea; awake within seconds."
        ],
        data=["ECG normal, orthostatics negative, telemetry 6 hours without events."],
        neg=[
            ("arrhythmia", "No arrhythmia on telemetry."),
            ("seizure", "No seizure activity."),
            ("head injury", "No head injury."),
        ],
        actions=[
            Fu("primary care follow-up", "1 week", "Primary care follow-up in 1 week.", "PCP 1 wk")
        ],
        tags={"syncope", "has:syncope"},
        ages=(18, 45),
    ),
    Mod(
        key="asthma_exac",
        settings=ED,
        problems=[("J45.41", "moderate persistent asthma with acute exacerbation")],
        dx=[
            "Moderate persistent asthma with acute exacerbation",
            "Asthma exacerbation (moderate persistent)",
        ],
        dx_abbr="asthma exac",
        cc="wheezing",
        hpi=["Wheezing and chest tightness for a day after a cold; albuterol every 2 hours."],
        current=["fluticasone-salmeterol 250/50 one puff BID", "albuterol PRN"],
        red=[("peak flow 45% of predicted", "Peak flow 45% of predicted on arrival.")],
        neg=[
            ("pneumothorax", "Chest x-ray without pneumothorax."),
            ("pneumonia", "No pneumonia on x-ray."),
        ],
        actions=[
            Med(
                "prednisone",
                "started",
                "40 mg",
                "Start {drug} 40 mg daily for 5 days.",
                "pred 40 x5d",
            ),
            Med(
                "fluticasone-salmeterol",
                "continued",
                "250/50",
                "Continue {drug} 250/50 one puff twice daily.",
                "cont {drug} 250/50",
                brand="Advair",
            ),
            Fu("primary care", "2-3 days", "See primary care in 2-3 days.", "PCP 2-3 d"),
        ],
        tags={"asthma", "has:shortness of breath"},
        ages=(18, 60),
    ),
    Mod(
        key="hyponatremia",
        settings={"ed", "inpt"},
        problems=[("E87.1", "hypo-osmolality and hyponatremia")],
        dx=["Hyponatremia, thiazide-associated", "Symptomatic hyponatremia (thiazide)"],
        dx_abbr="hypoNa (thiazide)",
        cc="confusion",
        hpi=[
            "Family noted confusion and unsteadiness for 3 days; recently started chlorthalidone."
        ],
        current=["chlorthalidone 25 mg daily"],
        red=[("sodium 118 mmol/L", "Sodium 118 mmol/L.")],
        neg=[
            ("seizure", "No seizures."),
            ("adrenal insufficiency", "Adrenal insufficiency excluded (cortisol normal)."),
        ],
        actions=[
            Med("chlorthalidone", "stopped", None, "Discontinue {drug}.", "STOP chlorthalidone"),
            Fu("sodium level", "3 days", "Sodium recheck in 3 days.", "Na 3 d"),
        ],
        tags={"lytes"},
        ages=(65, 90),
    ),
    Mod(
        key="distal_radius",
        settings=ED,
        problems=[("S52.501A", "fracture of lower end of right radius, initial encounter, closed")],
        dx=["Closed fracture of the distal right radius", "Right distal radius fracture, closed"],
        dx_abbr="R distal radius fx, closed",
        cc="wrist injury",
        hpi=["Fell on an outstretched right hand on ice."],
        data=[
            "X-ray: dorsally angulated distal radius fracture, acceptable after closed reduction."
        ],
        neg=[
            ("open fracture", "Skin intact, not an open fracture."),
            ("median nerve injury", "No median nerve deficit."),
        ],
        actions=[
            Med(
                "acetaminophen",
                "started",
                "1000 mg",
                "Start {drug} 1000 mg every 8 hours as needed.",
                "APAP 1 g q8h prn",
                brand="Tylenol",
            ),
            Fu("orthopedics", "1 week", "Orthopedics in 1 week with repeat x-ray.", "ortho 1 wk"),
        ],
        tags={"fx"},
    ),
    Mod(
        key="migraine_ed",
        settings=ED,
        problems=[("G43.019", "migraine without aura, intractable")],
        dx=["Migraine without aura, intractable", "Intractable migraine without aura"],
        dx_abbr="intractable migraine w/o aura",
        cc="headache",
        hpi=["Typical migraine for 30 hours unresponsive to two doses of her usual triptan."],
        neg=[
            ("subarachnoid hemorrhage", "Subarachnoid hemorrhage ruled out by CT."),
            ("neck stiffness", "No neck stiffness."),
            ("focal deficit", "No focal deficit."),
        ],
        actions=[
            Med(
                "rimegepant",
                "started",
                "75 mg",
                "Start {drug} 75 mg as needed for future attacks.",
                "{drug} 75 prn",
                brand="Nurtec ODT",
            ),
            Fu("neurology", "4 weeks", "Neurology follow-up in 4 weeks.", "neuro 4 wk"),
        ],
        tags={"ha", "has:headache"},
        sex="F",
        ages=(18, 50),
    ),
    Mod(
        key="hf_exac",
        settings=IN,
        problems=[
            ("I11.0", "hypertensive heart disease with heart failure"),
            ("I50.23", "acute on chronic systolic heart failure"),
        ],
        dx=[
            "Acute on chronic systolic heart failure (EF 30%), hypertensive heart disease",
            "Acute decompensated HFrEF with hypertension",
        ],
        dx_abbr="A/C HFrEF + HTN",
        cc="swelling and breathlessness",
        hpi=["Two weeks of orthopnea and 12 lb weight gain after running out of furosemide."],
        current=["furosemide 20 mg daily", "lisinopril 10 mg daily", "carvedilol 12.5 mg BID"],
        red=[
            ("BNP 2,140 pg/mL", "BNP 2,140 pg/mL."),
            ("SpO2 88% on admission", "SpO2 88% on admission."),
        ],
        neg=[
            ("acute coronary syndrome", "Troponin flat; no acute coronary syndrome."),
            ("pneumonia", "No pneumonia."),
        ],
        actions=[
            Med(
                "furosemide",
                "dose_changed",
                "40 mg",
                "Furosemide increased to 40 mg daily.",
                "Lasix 20->40 qd",
            ),
            Med(
                "lisinopril",
                "stopped",
                None,
                "Lisinopril stopped (switched to ARNI after 36-hour washout).",
                "d/c lisinopril",
            ),
            Med(
                "sacubitril-valsartan",
                "started",
                "24-26 mg",
                "Start {drug} 24-26 mg twice daily.",
                "start {drug} 24/26 BID",
                brand="Entresto",
            ),
            Med(
                "carvedilol",
                "continued",
                "12.5 mg",
                "Continue {drug} 12.5 mg twice daily.",
                "cont {drug} 12.5 BID",
                brand="Coreg",
            ),
            Fu("basic metabolic panel", "1 week", "BMP in 1 week.", "BMP 1 wk"),
            Fu(
                "heart failure clinic",
                "2 weeks",
                "Heart failure clinic in 2 weeks.",
                "HF clinic 2 wk",
            ),
        ],
        tags={"hf", "htn", "has:shortness of breath", "has:leg swelling"},
        ages=(55, 88),
    ),
    Mod(
        key="copd_pna",
        settings=IN,
        problems=[
            ("J44.0", "COPD with acute lower respiratory infection"),
            ("J18.9", "pneumonia, unspecified organism"),
        ],
        dx=[
            "Community-acquired pneumonia, right lower lobe, in a patient with COPD",
            "CAP with underlying COPD",
        ],
        dx_abbr="RLL CAP + COPD",
        cc="cough and fever",
        hpi=["Four days of productive cough, fever to 38.9 and more breathlessness."],
        current=["tiotropium 18 mcg daily"],
        data=["Chest x-ray: right lower lobe consolidation. Procalcitonin 1.9."],
        red=[("respiratory rate 30", "Respiratory rate 30 on arrival.")],
        neg=[
            ("pulmonary embolism", "CT angiogram negative for pulmonary embolism."),
            ("pleural effusion", "No pleural effusion."),
            ("influenza", "Influenza PCR negative."),
        ],
        actions=[
            Med(
                "amoxicillin-clavulanate",
                "started",
                "875 mg",
                "Amoxicillin-clavulanate 875 mg twice daily to complete 7 days.",
                "Augmentin 875 BID to day 7",
            ),
            Med(
                "azithromycin",
                "started",
                "250 mg",
                "Azithromycin 250 mg daily through day 5.",
                "azithro 250 through d5",
            ),
            Med(
                "tiotropium",
                "continued",
                "18 mcg",
                "Continue {drug} 18 mcg daily.",
                "cont {drug}",
                brand="Spiriva",
            ),
            Fu("chest x-ray", "6 weeks", "Repeat chest x-ray in 6 weeks.", "CXR 6 wk"),
        ],
        tags={"copd", "has:fever", "has:shortness of breath"},
        ages=(55, 88),
    ),
    Mod(
        key="urosepsis",
        settings=IN,
        problems=[
            ("A41.51", "sepsis due to Escherichia coli"),
            ("N39.0", "urinary tract infection, site not specified"),
        ],
        dx=[
            "E. coli sepsis from a urinary source",
            "Sepsis due to E. coli, urinary tract infection",
        ],
        dx_abbr="E coli urosepsis",
        cc="fever and confusion",
        hpi=["Fever, rigors and confusion; blood and urine cultures grew pan-sensitive E. coli."],
        red=[
            ("lactate 3.4 mmol/L", "Lactate 3.4 mmol/L."),
            ("heart rate 124", "Heart rate 124 and temperature 39.4 C."),
        ],
        neg=[
            ("hydronephrosis", "Renal ultrasound without hydronephrosis."),
            ("kidney stone", "No stone."),
        ],
        actions=[
            Med(
                "cefpodoxime",
                "started",
                "200 mg",
                "Cefpodoxime 200 mg twice daily to complete 10 days.",
                "cefpodoxime 200 BID",
            ),
            Fu("primary care", "1 week", "PCP in 1 week.", "PCP 1 wk"),
        ],
        tags={"uti", "has:fever"},
        ages=(60, 90),
    ),
    Mod(
        key="gastric_ulcer_bleed",
        settings=IN,
        problems=[
            ("K25.0", "acute gastric ulcer with hemorrhage"),
            ("D62", "acute posthemorrhagic anemia"),
        ],
        dx=[
            "Acute gastric ulcer with hemorrhage (NSAID-related) and acute blood loss anemia",
            "Bleeding gastric ulcer with acute blood-loss anemia",
        ],
        dx_abbr="bleeding GU + ABLA",
        cc="black stools",
        hpi=["Three days of black stools while taking naproxen for back pain."],
        current=["naproxen 500 mg BID"],
        red=[("hemoglobin 6.9 g/dL", "Hemoglobin 6.9 g/dL on arrival.")],
        neg=[
            ("esophageal varices", "No varices on EGD."),
            ("malignancy", "Biopsies negative for malignancy."),
            ("Helicobacter pylori infection", "H. pylori negative."),
        ],
        actions=[
            Med("naproxen", "stopped", None, "Naproxen discontinued permanently.", "STOP naproxen"),
            Med(
                "pantoprazole",
                "started",
                "40 mg",
                "Pantoprazole 40 mg twice daily for 8 weeks.",
                "PPI 40 BID x8wk",
                brand="Protonix",
            ),
            Fu("repeat EGD", "8 weeks", "Repeat EGD in 8 weeks to confirm healing.", "EGD 8 wk"),
        ],
        tags={"gi"},
        ages=(45, 85),
    ),
    Mod(
        key="hypoglycemia_insulin",
        settings={"ed", "inpt"},
        problems=[("E11.649", "type 2 diabetes mellitus with hypoglycemia without coma")],
        dx=[
            "Type 2 diabetes with hypoglycemia, without coma",
            "Hypoglycemia on insulin and sulfonylurea (T2DM)",
        ],
        dx_abbr="T2DM w/ hypoglycemia",
        cc="found confused",
        hpi=["Found sweaty and confused by her daughter; poor intake for 3 days with a cold."],
        current=["insulin glargine 30 units nightly", "glipizide 10 mg BID"],
        red=[("glucose 38 mg/dL", "Fingerstick glucose 38 mg/dL.")],
        neg=[("seizure", "No seizure."), ("loss of consciousness", "No loss of consciousness.")],
        actions=[
            Med(
                "insulin glargine",
                "dose_changed",
                "20 units",
                "Reduce {drug} to 20 units nightly.",
                "glargine 30->20 u",
                brand="Lantus",
            ),
            Med("glipizide", "stopped", None, "Stop {drug}.", "d/c glipizide"),
            Fu("diabetes educator", "1 week", "Diabetes educator visit in 1 week.", "DM ed 1 wk"),
        ],
        tags={"dm"},
        ages=(60, 88),
    ),
    Mod(
        key="tia",
        settings={"ed", "inpt"},
        problems=[("G45.9", "transient cerebral ischemic attack, unspecified")],
        dx=["Transient ischemic attack", "TIA (left arm weakness for 20 minutes)"],
        dx_abbr="TIA",
        cc="arm weakness",
        hpi=["Twenty minutes of left arm weakness and slurred speech, fully resolved."],
        data=[
            "MRI brain without acute infarct; carotid duplex without significant stenosis. ABCD2 score 4."
        ],
        neg=[
            ("intracranial hemorrhage", "CT negative for intracranial hemorrhage."),
            ("carotid stenosis", "No carotid stenosis."),
            ("atrial fibrillation", "No atrial fibrillation on telemetry."),
        ],
        actions=[
            Med(
                "clopidogrel",
                "started",
                "75 mg",
                "Start {drug} 75 mg daily for 21 days with aspirin.",
                "{drug} 75 x21d",
                brand="Plavix",
            ),
            Med("aspirin", "started", "81 mg", "Start aspirin 81 mg daily.", "ASA 81"),
            Med(
                "atorvastatin",
                "started",
                "80 mg",
                "Start {drug} 80 mg daily.",
                "{drug} 80",
                brand="Lipitor",
            ),
            Fu("neurology clinic", "2 weeks", "Neurology clinic in 2 weeks.", "neuro 2 wk"),
            Fu(
                "30-day ambulatory heart monitor",
                None,
                "30-day ambulatory cardiac monitor.",
                "30d monitor",
            ),
        ],
        tags={"neuro", "lipid"},
        ages=(50, 85),
    ),
    Mod(
        key="diverticulitis",
        settings={"ed", "inpt"},
        problems=[
            (
                "K57.32",
                "diverticulitis of large intestine without perforation or abscess without bleeding",
            )
        ],
        dx=["Acute uncomplicated sigmoid diverticulitis", "Sigmoid diverticulitis, uncomplicated"],
        dx_abbr="uncomplicated sigmoid diverticulitis",
        cc="left lower abdominal pain",
        hpi=["Two days of left lower quadrant pain, low-grade fever, WBC 13.8."],
        data=["CT: sigmoid diverticulitis with fat stranding."],
        neg=[("abscess", "No abscess."), ("perforation", "No free air or perforation.")],
        actions=[
            Med(
                "amoxicillin-clavulanate",
                "started",
                "875 mg",
                "Start {drug} 875 mg twice daily for 7 days.",
                "{drug} 875 BID x7d",
                brand="Augmentin",
            ),
            Fu(
                "colonoscopy",
                "6-8 weeks",
                "Colonoscopy in 6-8 weeks after recovery.",
                "colo 6-8 wk",
            ),
        ],
        tags={"gi2", "has:abdominal pain", "has:fever"},
        ages=(40, 80),
    ),
    Mod(
        key="gdm",
        settings={"clinic"},
        problems=[
            ("O24.410", "gestational diabetes mellitus in pregnancy, diet controlled"),
            ("Z3A.28", "28 weeks gestation of pregnancy"),
        ],
        dx=["Gestational diabetes, diet-controlled, at 28 weeks", "GDM A1 at 28w"],
        dx_abbr="GDM A1, 28w",
        cc="glucose tolerance result",
        hpi=["G2P1 at 28 weeks; 3-hour glucose tolerance test abnormal at two values."],
        neg=[
            ("preeclampsia", "BP 118/72 and no proteinuria; no preeclampsia."),
            ("vaginal bleeding", "No vaginal bleeding."),
        ],
        actions=[
            Fu("nutrition counseling", None, "Nutrition counseling referral.", "RD referral"),
            Fu(
                "glucose log review",
                "1 week",
                "Review fasting and post-meal glucose log in 1 week.",
                "BG log 1 wk",
            ),
        ],
        tags={"ob"},
        sex="F",
        ages=(22, 40),
    ),
    Mod(
        key="otitis_peds",
        settings={"clinic"},
        problems=[
            ("H66.002", "acute suppurative otitis media without rupture of ear drum, left ear")
        ],
        dx=["Acute otitis media, left", "Left acute suppurative otitis media"],
        dx_abbr="L AOM",
        cc="ear pain and fever",
        hpi=["Toddler with two days of left ear pulling and fever to 39.2; daycare cold."],
        neg=[
            ("tympanic membrane perforation", "No perforation."),
            ("mastoiditis", "No mastoid tenderness; no mastoiditis."),
        ],
        actions=[
            Med(
                "amoxicillin",
                "started",
                "90 mg/kg/day",
                "Start {drug} 90 mg/kg/day divided twice daily for 10 days.",
                "amox 90 mg/kg/d BID x10d",
            ),
            Fu("ear recheck", "2-3 weeks", "Ear recheck in 2-3 weeks.", "ear recheck 2-3 wk"),
        ],
        tags={"peds", "has:fever"},
        ages=(1, 4),
    ),
]
