"""TUNE prior-auth scenarios (open to everyone; none of them is used by the held-out set).

Each scenario is a request (codes, drugs, story) and the codes that appear but are not
requested: history, prior procedures, items already tried, relatives' diagnoses, supplies
that need no authorization, services for a separate future request.
"""

# ruff: noqa: E501  (long literal texts are the data; wrapping them would hide what they say)

from __future__ import annotations

from pa_model import Dx, Prior, Proc, Req, Scenario

H = "HCPCS"

SCENARIOS: list[Scenario] = [
    Scenario(
        key="mri_lumbar",
        kind="imaging",
        service="MRI lumbar spine without contrast",
        procs=[Proc("72148", "MRI lumbar spine without contrast")],
        dx=[Dx("M54.16", "Radiculopathy, lumbar region")],
        story=[
            "Eight weeks of left L5 radicular pain after moving furniture, with a foot-drop gait"
            " noticed by {poss} spouse; EHL strength 4-/5 on {d_exam}.",
            "Lumbar x-rays {d_xr}: disc-space narrowing at L4-L5, no fracture.",
        ],
        tried=["physical therapy for 6 weeks", "meloxicam", "a methylprednisolone dose pack"],
        pmh=[Dx("E11.9", "type 2 diabetes"), Dx("E78.5", "hyperlipidemia")],
        prior=[Prior("72100", "x-ray lumbar spine, 2-3 views", -30)],
        reqs=[
            Req("6 weeks of conservative therapy", "six weeks of conservative therapy"),
            Req("progressive neurological deficit", "a progressive neurological deficit"),
        ],
        future=Proc("64483", "transforaminal epidural steroid injection"),
        specialty="Physical Medicine and Rehabilitation",
        ages=(30, 70),
        dates={"d_exam": -4, "d_xr": -30},
    ),
    Scenario(
        key="mri_cervical",
        kind="imaging",
        service="MRI cervical spine without contrast",
        procs=[Proc("72141", "MRI cervical spine without contrast")],
        dx=[Dx("M50.121", "Cervical disc disorder at C4-C5 level with radiculopathy")],
        story=[
            "Right arm pain and numbness in the C5 distribution for 10 weeks; deltoid weakness"
            " 4/5; Spurling positive on the right.",
        ],
        tried=["home traction", "6 weeks of physical therapy", "gabapentin"],
        pmh=[Dx("I10", "hypertension")],
        reqs=[Req("6 weeks of conservative care", "six weeks of conservative care")],
        specialty="Neurology",
        ages=(30, 70),
    ),
    Scenario(
        key="mri_knee",
        kind="imaging",
        service="MRI right knee without contrast",
        procs=[Proc("73721", "MRI any joint of lower extremity without contrast")],
        dx=[
            Dx(
                "M23.221",
                "Derangement of posterior horn of medial meniscus due to old tear, right knee",
            )
        ],
        story=[
            "Right knee catching and medial pain for 4 months; effusion on exam {d_exam};"
            " McMurray positive.",
        ],
        tried=["physical therapy", "naproxen", "knee sleeve"],
        prior=[Prior("73562", "x-ray knee, 3 views", -60)],
        specialty="Orthopaedic Surgery",
        ages=(25, 65),
        dates={"d_exam": -6},
    ),
    Scenario(
        key="ct_diverticulitis",
        kind="imaging",
        service="CT abdomen and pelvis with contrast",
        procs=[Proc("74177", "CT abdomen and pelvis with contrast")],
        dx=[Dx("K57.32", "Diverticulitis of large intestine without perforation or abscess")],
        story=[
            "Third episode of left lower quadrant pain with fever in a year; WBC 14.2 on {d_lab}.",
            "CT in 2025 showed sigmoid diverticulitis; surgical consult wants current imaging.",
        ],
        pmh=[Dx("K21.9", "reflux"), Dx("M81.0", "osteoporosis")],
        prior=[Prior("45378", "colonoscopy", -700)],
        future=Proc("44204", "laparoscopic partial colectomy"),
        specialty="General Surgery",
        ages=(40, 80),
        dates={"d_lab": -3},
    ),
    Scenario(
        key="mri_brain_migraine",
        kind="imaging",
        service="MRI brain without contrast",
        procs=[Proc("70551", "MRI brain without contrast")],
        dx=[
            Dx("G43.109", "Migraine with aura, not intractable"),
            Dx("R51.9", "Headache, unspecified"),
        ],
        story=[
            "New aura pattern with left-sided numbness lasting 40 minutes, twice in a month;"
            " normal neurologic exam {d_exam}.",
        ],
        tried=["sumatriptan", "propranolol prophylaxis"],
        family=[("mother", Dx("I63.9", "stroke at 58"))],
        specialty="Neurology",
        ages=(20, 55),
        dates={"d_exam": -5},
    ),
    Scenario(
        key="ct_nodule",
        kind="imaging",
        service="CT chest without contrast (nodule follow-up)",
        procs=[Proc("71250", "CT thorax without contrast")],
        dx=[Dx("R91.1", "Solitary pulmonary nodule")],
        story=[
            "8 mm solid right lower lobe nodule on CT {d_ct}; Fleischner follow-up at 3 months"
            " recommended.",
        ],
        pmh=[Dx("Z87.891", "former smoker, 30 pack-years")],
        prior=[Prior("71250", "CT chest without contrast", -95)],
        reqs=[
            Req(
                "follow-up interval per Fleischner guidelines",
                "a follow-up interval consistent with Fleischner guidelines",
            )
        ],
        specialty="Pulmonology",
        ages=(50, 80),
        dates={"d_ct": -95},
    ),
    Scenario(
        key="pet_breast",
        kind="imaging",
        service="PET/CT skull base to mid-thigh",
        procs=[Proc("78815", "PET with concurrently acquired CT, skull base to mid-thigh")],
        dx=[Dx("C50.911", "Malignant neoplasm of unspecified site of right female breast")],
        story=[
            "Newly diagnosed right breast cancer, clinical stage IIIA, core biopsy {d_bx};"
            " staging is needed before neoadjuvant therapy.",
        ],
        prior=[Prior("77066", "diagnostic mammography, bilateral", -20)],
        reqs=[Req("clinical stage III or higher", "clinical stage III disease or higher")],
        sex="F",
        specialty="Medical Oncology",
        ages=(35, 75),
        dates={"d_bx": -12},
    ),
    Scenario(
        key="spect_cad",
        kind="imaging",
        service="myocardial perfusion imaging (SPECT), rest and stress",
        procs=[
            Proc("78452", "Myocardial perfusion imaging, tomographic (SPECT), multiple studies")
        ],
        dx=[
            Dx("I25.10", "Atherosclerotic heart disease of native coronary artery"),
            Dx("R07.9", "Chest pain, unspecified"),
        ],
        story=[
            "Known coronary disease with a stent in 2019; new exertional chest pressure; cannot"
            " exercise adequately due to knee osteoarthritis, so pharmacologic stress is planned.",
        ],
        pmh=[Dx("M17.0", "bilateral knee osteoarthritis"), Dx("E11.9", "type 2 diabetes")],
        prior=[Prior("92928", "coronary stent placement", -2500)],
        specialty="Cardiology",
        ages=(50, 85),
    ),
    Scenario(
        key="psg_narcolepsy",
        kind="sleep",
        service="polysomnography followed by multiple sleep latency test",
        procs=[
            Proc("95810", "Polysomnography, age 6 or older, 4 or more parameters"),
            Proc("95805", "Multiple sleep latency test"),
        ],
        dx=[Dx("G47.411", "Narcolepsy with cataplexy")],
        story=[
            "Excessive daytime sleepiness since age 19, Epworth 19; episodes of knee buckling when"
            " laughing; sleep diary 2 weeks with 7.5 h per night.",
        ],
        reqs=[Req("2-week sleep diary or actigraphy", "a two-week sleep diary or actigraphy")],
        specialty="Sleep Medicine",
        ages=(16, 40),
    ),
    Scenario(
        key="cpap_mask",
        kind="dme",
        service="auto-titrating CPAP with full face mask",
        procs=[
            Proc("E0601", "Continuous positive airway pressure device", H),
            Proc("A7030", "Full face mask", H),
        ],
        dx=[Dx("G47.33", "Obstructive sleep apnea")],
        story=["In-lab sleep study {d_psg}: AHI 34, oxygen nadir 79%."],
        prior=[Prior("95810", "polysomnography", -21)],
        extras=[Proc("A7035", "headgear", H)],
        reqs=[Req("AHI of 15 or more", "an AHI of 15 events per hour or more")],
        specialty="Sleep Medicine",
        ages=(30, 75),
        dates={"d_psg": -21},
    ),
    Scenario(
        key="oxygen_ipf",
        kind="dme",
        service="home oxygen concentrator and portable system",
        procs=[
            Proc("E1390", "Oxygen concentrator, single delivery port", H),
            Proc("E0431", "Portable gaseous oxygen system, rental", H),
        ],
        dx=[
            Dx("J84.10", "Pulmonary fibrosis, unspecified"),
            Dx("J96.11", "Chronic respiratory failure with hypoxia"),
        ],
        story=["Six-minute walk {d_walk}: SpO2 falls to 84% on room air; resting 90%."],
        reqs=[
            Req(
                "SpO2 of 88% or less on qualifying test",
                "an oxygen saturation of 88% or less on a qualifying test",
            )
        ],
        specialty="Pulmonology",
        ages=(55, 85),
        dates={"d_walk": -3},
        acute=True,
    ),
    Scenario(
        key="tens",
        kind="dme",
        service="TENS unit, four leads",
        procs=[
            Proc(
                "E0730", "Transcutaneous electrical nerve stimulation device, four or more leads", H
            )
        ],
        dx=[Dx("M54.50", "Low back pain, unspecified")],
        story=[
            "Chronic low back pain for 2 years; one-month rental trial showed 50% pain reduction."
        ],
        tried=["physical therapy", "NSAIDs"],
        prior=[Prior("E0720", "TENS two leads, trial rental", -40, H)],
        specialty="Family Medicine",
        ages=(30, 80),
    ),
    Scenario(
        key="acdf",
        kind="surgery",
        service="anterior cervical discectomy and fusion C5-C6",
        procs=[
            Proc("22551", "Arthrodesis, anterior interbody, cervical below C2"),
            Proc("22845", "Anterior instrumentation, 2 to 3 vertebral segments"),
        ],
        dx=[Dx("M50.122", "Cervical disc disorder at C5-C6 level with radiculopathy")],
        story=[
            "Left C6 radiculopathy for 5 months with biceps weakness 4-/5 and numbness of the"
            " thumb; MRI {d_mri}: C5-C6 disc-osteophyte complex with severe foraminal stenosis.",
        ],
        tried=["physical therapy", "two cervical epidural steroid injections", "gabapentin"],
        prior=[Prior("62321", "cervical interlaminar epidural injection", -70)],
        reqs=[Req("12 weeks of conservative care", "twelve weeks of conservative care")],
        specialty="Neurosurgery",
        ages=(35, 70),
        dates={"d_mri": -40},
    ),
    Scenario(
        key="tha_avn",
        kind="surgery",
        service="total hip arthroplasty, right",
        procs=[
            Proc("27130", "Arthroplasty, acetabular and proximal femoral prosthetic replacement")
        ],
        dx=[Dx("M87.051", "Idiopathic aseptic necrosis of right femur")],
        story=["Collapse of the right femoral head on MRI {d_mri}; pain at rest; walker."],
        pmh=[Dx("J45.909", "asthma")],
        specialty="Orthopaedic Surgery",
        ages=(30, 70),
        dates={"d_mri": -25},
    ),
    Scenario(
        key="acl",
        kind="surgery",
        service="arthroscopic ACL reconstruction, right knee",
        procs=[Proc("29888", "Arthroscopically aided anterior cruciate ligament reconstruction")],
        dx=[
            Dx("S83.511A", "Sprain of anterior cruciate ligament of right knee, initial encounter")
        ],
        story=["Pivoting injury in soccer {d_inj}; MRI shows a complete ACL tear; Lachman 3+."],
        prior=[Prior("73721", "MRI knee without contrast", -14)],
        specialty="Orthopaedic Surgery",
        ages=(16, 40),
        dates={"d_inj": -30},
    ),
    Scenario(
        key="lap_chole",
        kind="surgery",
        service="laparoscopic cholecystectomy",
        procs=[Proc("47562", "Laparoscopy, surgical; cholecystectomy")],
        dx=[Dx("K80.20", "Calculus of gallbladder without cholecystitis without obstruction")],
        story=["Recurrent biliary colic, four ED visits; ultrasound {d_us}: multiple gallstones."],
        prior=[Prior("76700", "ultrasound abdomen, complete", -20)],
        specialty="General Surgery",
        ages=(25, 75),
        dates={"d_us": -20},
    ),
    Scenario(
        key="sleeve",
        kind="surgery",
        service="laparoscopic sleeve gastrectomy",
        procs=[Proc("43775", "Laparoscopic sleeve gastrectomy")],
        dx=[
            Dx("E66.01", "Morbid obesity due to excess calories"),
            Dx("Z68.41", "BMI 40.0-44.9, adult"),
            Dx("I10", "Essential hypertension"),
        ],
        story=["BMI 42.3; completed a 6-month supervised weight program ending {d_prog}."],
        reqs=[
            Req(
                "BMI 40 or more, or 35 with comorbidity",
                "a BMI of 40 or more, or 35 or more with a comorbidity",
            ),
            Req(
                "6-month supervised weight program",
                "a six-month medically supervised weight program",
            ),
            Req("psychological evaluation", "a psychological evaluation"),
        ],
        specialty="Bariatric Surgery",
        ages=(25, 60),
        dates={"d_prog": -20},
    ),
    Scenario(
        key="adalimumab_psa",
        kind="drug",
        service="adalimumab 40 mg every other week",
        procs=[Proc("J0135", "Injection, adalimumab, 20 mg", H)],
        dx=[Dx("L40.50", "Arthropathic psoriasis, unspecified")],
        meds=["adalimumab"],
        story=["Psoriatic arthritis with dactylitis and 6 swollen joints; psoriasis BSA 8%."],
        tried=["methotrexate 20 mg weekly for 4 months", "sulfasalazine"],
        reqs=[Req("failure of a conventional DMARD", "failure of at least one conventional DMARD")],
        specialty="Rheumatology",
        ages=(25, 70),
    ),
    Scenario(
        key="infliximab_bio",
        kind="drug",
        service="infliximab-axxq 5 mg/kg at weeks 0, 2, 6 then every 8 weeks",
        procs=[Proc("Q5121", "Injection, infliximab-axxq, biosimilar, 10 mg", H)],
        dx=[Dx("K50.10", "Crohn's disease of large intestine without complications")],
        meds=["infliximab"],
        story=[
            "Crohn's colitis with 6 stools a day, CRP 28; colonoscopy {d_colo} with deep ulcers."
        ],
        tried=["budesonide", "azathioprine (pancreatitis)"],
        extras=[Proc("J1200", "diphenhydramine, up to 50 mg", H)],
        reqs=[Req("preferred biosimilar used", "use of the plan-preferred biosimilar")],
        specialty="Gastroenterology",
        ages=(18, 60),
        dates={"d_colo": -15},
    ),
    Scenario(
        key="omalizumab_csu",
        kind="drug",
        service="omalizumab 300 mg every 4 weeks",
        procs=[Proc("J2357", "Injection, omalizumab, 5 mg", H)],
        dx=[Dx("L50.1", "Idiopathic urticaria")],
        meds=["omalizumab"],
        story=["Daily hives for 9 months with angioedema twice; UAS7 32."],
        tried=["cetirizine up to 40 mg daily", "montelukast", "famotidine"],
        reqs=[
            Req(
                "failure of high-dose antihistamines",
                "failure of up-dosed second-generation antihistamines",
            )
        ],
        specialty="Allergy and Immunology",
        ages=(18, 70),
    ),
    Scenario(
        key="mepolizumab",
        kind="drug",
        service="mepolizumab 100 mg every 4 weeks",
        procs=[Proc("J2182", "Injection, mepolizumab, 1 mg", H)],
        dx=[Dx("J45.50", "Severe persistent asthma, uncomplicated")],
        meds=["mepolizumab"],
        story=["Three oral steroid bursts in 12 months; eosinophils 480 cells/uL on {d_lab}."],
        tried=["high-dose fluticasone-salmeterol", "tiotropium"],
        reqs=[
            Req("eosinophils of 150 or more", "blood eosinophils of at least 150 cells/uL"),
            Req(
                "exacerbations despite high-dose inhaled steroid",
                "exacerbations despite high-dose inhaled corticosteroid",
            ),
        ],
        specialty="Pulmonology",
        ages=(18, 75),
        dates={"d_lab": -10},
    ),
    Scenario(
        key="leuprolide",
        kind="drug",
        service="leuprolide acetate depot 22.5 mg every 3 months",
        procs=[Proc("J9217", "Leuprolide acetate (for depot suspension), 7.5 mg", H)],
        dx=[Dx("C61", "Malignant neoplasm of prostate")],
        meds=["leuprolide"],
        story=["High-risk prostate cancer, Gleason 4+4, PSA 31 on {d_lab}; starting radiation."],
        future=Proc("77385", "intensity modulated radiation treatment delivery"),
        sex="M",
        specialty="Urology",
        ages=(55, 85),
        dates={"d_lab": -30},
    ),
    Scenario(
        key="rituximab_cll",
        kind="drug",
        service="rituximab 375 mg/m2 with venetoclax",
        procs=[Proc("J9312", "Injection, rituximab, 10 mg", H)],
        dx=[
            Dx(
                "C91.10",
                "Chronic lymphocytic leukemia of B-cell type not having achieved remission",
            )
        ],
        meds=["rituximab"],
        story=["Progressive CLL with hemoglobin 9.6 and bulky nodes; del(17p) negative."],
        extras=[Proc("J2405", "ondansetron, 1 mg", H)],
        specialty="Hematology",
        ages=(50, 85),
    ),
    Scenario(
        key="pt_shoulder",
        kind="therapy",
        service="physical therapy evaluation and 12 visits",
        procs=[
            Proc("97162", "PT evaluation, moderate complexity"),
            Proc("97110", "Therapeutic exercise"),
        ],
        dx=[Dx("M75.41", "Impingement syndrome of right shoulder")],
        story=["Right shoulder pain with overhead work for 3 months; painful arc."],
        specialty="Orthopaedic Surgery",
        ages=(25, 70),
    ),
    Scenario(
        key="ot_wrist",
        kind="therapy",
        service="occupational therapy after distal radius fracture",
        procs=[
            Proc("97166", "OT evaluation, moderate complexity"),
            Proc("97535", "Self-care/home management training"),
        ],
        dx=[
            Dx(
                "S52.531D",
                "Colles' fracture of right radius, subsequent encounter, routine healing",
            )
        ],
        story=["Cast removed {d_cast}; wrist extension 20 degrees, grip 30% of the other side."],
        prior=[Prior("25600", "closed treatment distal radial fracture", -50)],
        specialty="Hand Surgery",
        ages=(40, 85),
        dates={"d_cast": -3},
    ),
    Scenario(
        key="speech_expressive",
        kind="therapy",
        service="speech-language evaluation and therapy",
        procs=[
            Proc("92523", "Evaluation of speech sound production with language comprehension"),
            Proc("92507", "Treatment of speech, language, voice disorder"),
        ],
        dx=[Dx("F80.1", "Expressive language disorder")],
        story=["Expressive vocabulary of about 20 words at age 3; hearing normal."],
        specialty="Pediatrics",
        ages=(2, 5),
    ),
    Scenario(
        key="psychotherapy",
        kind="therapy",
        service="individual psychotherapy, 60 minutes weekly",
        procs=[Proc("90837", "Psychotherapy, 60 minutes")],
        dx=[Dx("F43.10", "Post-traumatic stress disorder, unspecified")],
        story=["PTSD after a house fire; PCL-5 score 52; nightmares and avoidance."],
        specialty="Psychiatry",
        ages=(18, 70),
    ),
    Scenario(
        key="oncotype",
        kind="lab",
        service="21-gene recurrence score assay",
        procs=[Proc("81519", "Oncology (breast), mRNA, gene expression profiling of 21 genes")],
        dx=[
            Dx("C50.411", "Malignant neoplasm of upper-outer quadrant of right female breast"),
            Dx("Z17.0", "Estrogen receptor positive status"),
        ],
        story=[
            "Stage I ER-positive, HER2-negative, node-negative breast cancer after lumpectomy {d_surg}."
        ],
        prior=[Prior("19301", "partial mastectomy", -20)],
        family=[("sister", Dx("C50.912", "breast cancer at 50"))],
        reqs=[
            Req(
                "ER-positive, HER2-negative, node-negative or 1-3 nodes",
                "ER-positive, HER2-negative disease with 0 to 3 positive nodes",
            )
        ],
        sex="F",
        specialty="Medical Oncology",
        ages=(35, 75),
        dates={"d_surg": -20},
    ),
    Scenario(
        key="egd",
        kind="procedure",
        service="upper endoscopy with biopsy",
        procs=[Proc("43239", "Esophagogastroduodenoscopy with biopsy")],
        dx=[Dx("R13.10", "Dysphagia, unspecified")],
        story=["Solid-food dysphagia for 3 months with 8 lb weight loss."],
        specialty="Gastroenterology",
        ages=(40, 80),
    ),
    Scenario(
        key="facet_lumbar",
        kind="procedure",
        service="lumbar facet joint injections L4-L5 and L5-S1",
        procs=[
            Proc("64493", "Injection, paravertebral facet joint, lumbar, single level"),
            Proc("64494", "Injection, lumbar facet, second level"),
        ],
        dx=[Dx("M47.816", "Spondylosis without myelopathy or radiculopathy, lumbar region")],
        story=["Axial back pain for 8 months, worse with extension; no radicular signs."],
        tried=["physical therapy", "NSAIDs"],
        reqs=[Req("pain for at least 3 months", "pain present for at least three months")],
        specialty="Pain Medicine",
        ages=(40, 80),
    ),
    Scenario(
        key="si_fusion",
        kind="surgery",
        service="minimally invasive sacroiliac joint fusion, left",
        procs=[Proc("27279", "Arthrodesis, sacroiliac joint, percutaneous or minimally invasive")],
        dx=[Dx("M46.1", "Sacroiliitis, not elsewhere classified")],
        story=["Left SI joint pain for 14 months; two diagnostic SI injections with 80% relief."],
        prior=[Prior("27096", "sacroiliac joint injection", -60)],
        reqs=[
            Req(
                "at least 75% relief from diagnostic injection",
                "at least 75% relief from a diagnostic injection",
            )
        ],
        specialty="Orthopaedic Spine Surgery",
        ages=(35, 75),
    ),
    Scenario(
        key="cataract",
        kind="surgery",
        service="cataract extraction with intraocular lens, right eye",
        procs=[Proc("66984", "Extracapsular cataract removal with insertion of intraocular lens")],
        dx=[Dx("H25.11", "Age-related nuclear cataract, right eye")],
        story=["Best-corrected acuity 20/60 right eye; glare disables night driving."],
        specialty="Ophthalmology",
        ages=(55, 90),
    ),
    Scenario(
        key="tonsillectomy",
        kind="surgery",
        service="tonsillectomy, age 12 or over",
        procs=[Proc("42826", "Tonsillectomy, primary or secondary; age 12 or over")],
        dx=[Dx("J35.01", "Chronic tonsillitis")],
        story=["Seven documented episodes of strep tonsillitis in the past year."],
        reqs=[
            Req(
                "7 episodes in 1 year, 5 per year for 2 years or 3 per year for 3 years",
                "seven episodes in one year, five per year for two years, or three per year for three years",
            )
        ],
        specialty="Otolaryngology",
        ages=(12, 30),
    ),
    Scenario(
        key="breast_reduction",
        kind="surgery",
        service="bilateral reduction mammaplasty",
        procs=[Proc("19318", "Breast reduction")],
        dx=[Dx("N62", "Hypertrophy of breast"), Dx("M54.2", "Cervicalgia")],
        story=["Neck and shoulder pain with bra-strap grooving; planned resection 600 g per side."],
        tried=["physical therapy 3 months", "supportive bra"],
        sex="F",
        specialty="Plastic Surgery",
        ages=(20, 60),
    ),
    Scenario(
        key="breast_mri_brca",
        kind="imaging",
        service="MRI breasts without and with contrast (screening, high risk)",
        procs=[Proc("77049", "MRI breast, without and with contrast, bilateral")],
        dx=[
            Dx("Z15.01", "Genetic susceptibility to malignant neoplasm of breast"),
            Dx("Z80.3", "Family history of breast cancer"),
        ],
        story=["BRCA2 pathogenic variant; annual MRI alternating with mammography."],
        family=[("mother", Dx("C50.919", "breast cancer at 44"))],
        sex="F",
        specialty="Breast Surgery",
        ages=(25, 60),
    ),
    Scenario(
        key="mra_aneurysm",
        kind="imaging",
        service="MR angiography head without contrast",
        procs=[Proc("70544", "MR angiography, head; without contrast")],
        dx=[Dx("I67.1", "Cerebral aneurysm, nonruptured")],
        story=["4 mm left ICA aneurysm found in 2024; annual surveillance due."],
        prior=[Prior("70544", "MRA head", -370)],
        specialty="Neurosurgery",
        ages=(35, 75),
    ),
]
