"""HELD-OUT prior-auth scenarios. Engineers tuning rules or prompts must not open this file.

Each scenario is a request (codes, drugs, story) with the codes that appear but are not
requested: history, prior procedures, items already tried, relatives' diagnoses, supplies
that need no authorization, services for a separate future request.
"""

# ruff: noqa: E501  (long literal texts are the data; wrapping them would hide what they say)

from __future__ import annotations

from pa_model import Dx, Prior, Proc, Req, Scenario

H = "HCPCS"

SCENARIOS: list[Scenario] = [
    Scenario(
        key="knee_meniscus",
        kind="surgery",
        service="arthroscopic partial medial meniscectomy, right knee",
        procs=[Proc("29881", "Arthroscopy, knee, surgical; with meniscectomy, medial")],
        dx=[Dx("S83.241A", "Other tear of medial meniscus, current injury, right knee")],
        story=[
            "Twisted the right knee stepping off a loading dock on {d_inj}; since then the knee"
            " locks about twice a week, gives way on stairs and has swollen three times.",
            "MRI of the right knee on {d_mri} shows a displaced flap tear of the posterior horn of"
            " the medial meniscus with a fragment in the intercondylar notch.",
            "Exam: medial joint-line tenderness, positive McMurray, small effusion, lacks"
            " 8 degrees of full extension.",
        ],
        tried=[
            "supervised physical therapy, 10 visits",
            "naproxen 500 mg twice daily for 5 weeks",
            "aspiration and corticosteroid injection of the knee",
        ],
        pmh=[Dx("E78.5", "hyperlipidemia"), Dx("K21.9", "reflux")],
        prior=[
            Prior("73721", "MRI right knee without contrast", -20),
            Prior("20610", "arthrocentesis/injection, major joint", -45),
        ],
        reqs=[
            Req("MRI-confirmed meniscal tear", "an MRI report that confirms the meniscal tear"),
            Req(
                "mechanical symptoms such as locking, catching or giving way",
                "documented mechanical symptoms (locking, catching or giving way)",
            ),
            Req(
                "at least 4 weeks of failed conservative treatment",
                "failure of at least 4 weeks of conservative treatment",
            ),
        ],
        specialty="Orthopaedic Surgery",
        ages=(28, 62),
        dates={"d_inj": -78, "d_mri": -20},
        es=[
            "Paciente sufrió torcedura de la rodilla derecha el {d_inj}; desde entonces la rodilla"
            " se bloquea y cede al bajar escaleras.",
            "Resonancia magnética del {d_mri}: desgarro desplazado del cuerno posterior del menisco"
            " medial.",
        ],
    ),
    Scenario(
        key="rotator_cuff",
        kind="surgery",
        service="arthroscopic rotator cuff repair with biceps tenodesis, left shoulder",
        procs=[
            Proc("29827", "Arthroscopy, shoulder, surgical; with rotator cuff repair"),
            Proc("29828", "Arthroscopy, shoulder, surgical; biceps tenodesis"),
        ],
        dx=[
            Dx("M75.122", "Complete rotator cuff tear, left shoulder, not specified as traumatic"),
            Dx("M75.22", "Bicipital tendinitis, left shoulder"),
        ],
        story=[
            "Seven months of progressive left shoulder pain and weakness; {pron} can no longer"
            " lift a gallon of milk to a shelf and wakes nightly.",
            "MRI on {d_mri}: full-thickness supraspinatus tear with 1.8 cm retraction, no fatty"
            " atrophy, long head biceps tendinopathy with medial subluxation.",
            "Exam: positive drop-arm test, external rotation lag sign, elevation strength 3+/5.",
        ],
        tried=[
            "two courses of physical therapy (16 visits)",
            "two subacromial corticosteroid injections",
            "celecoxib 200 mg daily",
        ],
        pmh=[Dx("I10", "hypertension"), Dx("E11.9", "type 2 diabetes, diet controlled")],
        prior=[
            Prior("73221", "MRI left shoulder without contrast", -31),
            Prior("20610", "subacromial injection", -130),
        ],
        reqs=[
            Req("full-thickness tear on imaging", "imaging that shows a full-thickness tear"),
            Req(
                "3 months of conservative care unless the tear is acute and traumatic",
                "three months of conservative care, unless the tear is acute and traumatic",
            ),
        ],
        future=Proc("97110", "post-operative therapeutic exercise"),
        specialty="Orthopaedic Surgery",
        ages=(45, 72),
        dates={"d_mri": -31},
    ),
    Scenario(
        key="tka_left",
        kind="surgery",
        service="total knee arthroplasty, left",
        procs=[Proc("27447", "Arthroplasty, knee, condyle and plateau (total knee arthroplasty)")],
        dx=[Dx("M17.12", "Unilateral primary osteoarthritis, left knee")],
        story=[
            "Severe left knee pain for four years, now at rest and at night; walks one block with"
            " a cane and has stopped driving.",
            "Standing radiographs on {d_xr}: bone-on-bone medial compartment, 9 degrees of varus,"
            " large osteophytes. KOOS JR 41.",
            "BMI 34.2; HbA1c 6.8% on {d_lab}.",
        ],
        tried=[
            "physical therapy, 12 visits",
            "meloxicam and topical diclofenac",
            "three intra-articular steroid injections",
            "a series of hyaluronic acid injections",
            "medial unloader brace",
            "22 lb weight loss",
        ],
        pmh=[
            Dx("E11.9", "type 2 diabetes"),
            Dx("I10", "hypertension"),
            Dx("G47.33", "obstructive sleep apnea on CPAP"),
        ],
        prior=[
            Prior("29881", "left knee arthroscopy with meniscectomy", -2400),
            Prior("73562", "radiographs, knee, 3 views", -14),
        ],
        reqs=[
            Req("BMI below 40", "a body mass index below 40"),
            Req("HbA1c below 8%", "hemoglobin A1c below 8% within 90 days"),
            Req(
                "3 months of non-operative treatment",
                "at least three months of non-operative treatment",
            ),
            Req(
                "radiographic evidence of severe osteoarthritis",
                "radiographs showing severe (Kellgren-Lawrence grade 4) osteoarthritis",
            ),
        ],
        future=Proc("E0935", "continuous passive motion device", H),
        specialty="Orthopaedic Surgery",
        ages=(56, 80),
        dates={"d_xr": -14, "d_lab": -40},
    ),
    Scenario(
        key="tfesi",
        kind="procedure",
        service="right L5-S1 and S1 transforaminal epidural steroid injection",
        procs=[
            Proc("64483", "Injection, transforaminal epidural, lumbar or sacral, single level"),
            Proc("64484", "Injection, transforaminal epidural, each additional level"),
        ],
        dx=[Dx("M51.17", "Intervertebral disc disorder with radiculopathy, lumbosacral region")],
        story=[
            "Right S1 radicular pain for 9 weeks after lifting a water heater; numbness of the"
            " lateral foot and an absent right ankle jerk.",
            "MRI lumbar spine {d_mri}: right paracentral L5-S1 extrusion contacting the traversing"
            " S1 nerve root.",
            "Pain 7/10, sitting tolerance 15 minutes, off work since {d_off}.",
        ],
        tried=[
            "6 weeks of physical therapy",
            "gabapentin 300 mg three times daily",
            "oral steroid taper",
        ],
        pmh=[Dx("F41.1", "generalized anxiety"), Dx("E03.9", "hypothyroidism")],
        prior=[Prior("72148", "MRI lumbar spine without contrast", -18)],
        reqs=[
            Req("radicular pain for at least 4 weeks", "radicular pain of at least four weeks"),
            Req("imaging guidance", "fluoroscopic or CT guidance"),
            Req("no more than 2 levels per session", "no more than two levels in one session"),
        ],
        future=Proc("63030", "lumbar laminotomy with discectomy"),
        specialty="Pain Medicine",
        ages=(30, 66),
        dates={"d_mri": -18, "d_off": -40},
        es=[
            "Dolor radicular derecho S1 de 9 semanas de evolución, con entumecimiento del borde"
            " lateral del pie y reflejo aquiliano derecho ausente.",
            "Resonancia lumbar del {d_mri}: extrusión paracentral derecha L5-S1 que contacta la raíz S1.",
        ],
    ),
    Scenario(
        key="lumbar_rfa",
        kind="procedure",
        service="radiofrequency ablation of the right L3-L4 and L4-L5 medial branches",
        procs=[
            Proc("64635", "Destruction by neurolytic agent, paravertebral facet, lumbar, single"),
            Proc("64636", "Destruction by neurolytic agent, facet, lumbar, each additional"),
        ],
        dx=[Dx("M47.816", "Spondylosis without myelopathy or radiculopathy, lumbar region")],
        story=[
            "Axial low back pain for three years, worse with extension and rotation, no leg pain.",
            "Diagnostic medial branch blocks at the same levels: {d_mbb1} with 90% relief for"
            " 6 hours (lidocaine) and {d_mbb2} with 85% relief for 10 hours (bupivacaine).",
        ],
        tried=["8 weeks of core-strengthening physical therapy", "NSAIDs", "chiropractic care"],
        pmh=[Dx("E78.5", "hyperlipidemia"), Dx("I10", "hypertension")],
        prior=[
            Prior("64493", "medial branch block, lumbar, first level", -41),
            Prior("64494", "medial branch block, lumbar, second level", -41),
            Prior("64493", "medial branch block, lumbar, first level (confirmatory)", -26),
        ],
        reqs=[
            Req(
                "two diagnostic medial branch blocks with at least 80% relief",
                "two separate diagnostic medial branch blocks, each with at least 80% pain relief",
            ),
            Req(
                "no radiofrequency ablation at the same level within 6 months",
                "no radiofrequency ablation at the same level in the prior six months",
            ),
        ],
        specialty="Pain Medicine",
        ages=(45, 82),
        dates={"d_mbb1": -41, "d_mbb2": -26},
    ),
    Scenario(
        key="scs_trial",
        kind="procedure",
        service="spinal cord stimulator trial (two percutaneous leads)",
        procs=[
            Proc("63650", "Percutaneous implantation of neurostimulator electrode array, epidural")
        ],
        dx=[
            Dx("M96.1", "Postlaminectomy syndrome, not elsewhere classified"),
            Dx("M54.16", "Radiculopathy, lumbar region"),
        ],
        story=[
            "Bilateral leg-predominant pain since an L4-S1 laminectomy and fusion; pain 8/10,"
            " on 30 MME of opioids daily, unable to work.",
            "Psychological evaluation on {d_psych} found no contraindication to a trial.",
            "MRI shows stable fusion without a surgically correctable lesion.",
        ],
        tried=[
            "gabapentin, then duloxetine",
            "two epidural steroid injections",
            "aquatic and land physical therapy",
            "cognitive behavioral therapy for pain",
        ],
        pmh=[Dx("F32.A", "depression")],
        prior=[
            Prior("22612", "posterior lumbar arthrodesis L4-S1", -1700),
            Prior("63047", "lumbar laminectomy", -1700),
            Prior("62323", "interlaminar epidural injection, lumbar", -200),
        ],
        reqs=[
            Req(
                "psychological evaluation clearing the patient for implantation",
                "a psychological evaluation that clears the member for implantation",
            ),
            Req(
                "failure of 6 months of conservative treatment",
                "failure of at least six months of conservative treatment",
            ),
            Req(
                "successful trial before a permanent implant",
                "a successful trial before any permanent implant",
            ),
        ],
        future=Proc("63685", "insertion of spinal neurostimulator pulse generator"),
        specialty="Pain Medicine",
        ages=(40, 75),
        dates={"d_psych": -30},
    ),
    Scenario(
        key="optic_neuritis",
        kind="imaging",
        service="MRI brain and cervical spine without and with contrast",
        procs=[
            Proc("70553", "MRI brain without contrast, followed by contrast and further sequences"),
            Proc("72156", "MRI spinal canal, cervical, without and with contrast"),
        ],
        dx=[
            Dx("H46.11", "Retrobulbar neuritis, right eye"),
            Dx("R20.2", "Paresthesia of skin"),
        ],
        story=[
            "Painful loss of vision in the right eye over five days starting {d_onset}, with red"
            " desaturation and a relative afferent pupillary defect; ophthalmology confirmed"
            " retrobulbar optic neuritis.",
            "Eight months ago {pron} had three weeks of numbness of both legs that resolved"
            " without treatment.",
        ],
        family=[("sister", Dx("M32.9", "systemic lupus erythematosus"))],
        reqs=[
            Req(
                "neurological examination documenting the deficit",
                "a neurological examination documenting the deficit",
            )
        ],
        sex="F",
        specialty="Neurology",
        ages=(20, 45),
        dates={"d_onset": -9},
        acute=True,
    ),
    Scenario(
        key="coronary_cta",
        kind="imaging",
        service="coronary CT angiography",
        procs=[Proc("75574", "CT angiography, heart, coronary arteries and bypass grafts")],
        dx=[
            Dx("R07.89", "Other chest pain"),
            Dx("Z82.49", "Family history of ischemic heart disease"),
        ],
        story=[
            "Intermittent exertional chest tightness for six weeks, once at rest after a meal.",
            "Exercise treadmill test on {d_ett}: 1 mm upsloping ST depression at peak, 9 METs,"
            " equivocal.",
        ],
        pmh=[Dx("E78.00", "pure hypercholesterolemia"), Dx("F17.210", "current smoker")],
        prior=[Prior("93015", "cardiovascular stress test", -12)],
        family=[("father", Dx("I21.4", "non-ST elevation MI at 49"))],
        reqs=[
            Req(
                "intermediate pretest probability of coronary artery disease",
                "an intermediate pretest probability of coronary artery disease",
            ),
            Req(
                "equivocal or non-diagnostic stress test",
                "an equivocal or non-diagnostic stress test",
            ),
        ],
        specialty="Cardiology",
        ages=(40, 66),
        dates={"d_ett": -12},
    ),
    Scenario(
        key="af_ablation",
        kind="procedure",
        service="catheter ablation of persistent atrial fibrillation",
        procs=[
            Proc("93656", "Comprehensive EP evaluation with ablation of atrial fibrillation"),
            Proc("93662", "Intracardiac echocardiography during intervention"),
        ],
        dx=[Dx("I48.19", "Other persistent atrial fibrillation")],
        story=[
            "Symptomatic persistent atrial fibrillation since {d_af}, EHRA class III; two"
            " electrical cardioversions, each followed by recurrence within six weeks.",
            "Transthoracic echo {d_echo}: LVEF 45%, left atrium 4.6 cm.",
            "Anticoagulated with apixaban without interruption for more than 3 weeks.",
        ],
        tried=[
            "flecainide (recurrence)",
            "amiodarone (stopped for thyrotoxicosis)",
            "metoprolol succinate",
        ],
        pmh=[
            Dx("G47.33", "obstructive sleep apnea, adherent to CPAP"),
            Dx("E05.90", "amiodarone-related thyrotoxicosis, resolved"),
        ],
        prior=[
            Prior("92960", "external electrical cardioversion", -95),
            Prior("92960", "external electrical cardioversion", -210),
            Prior("93306", "transthoracic echocardiogram", -40),
        ],
        reqs=[
            Req(
                "symptomatic AF despite at least one antiarrhythmic drug",
                "symptomatic atrial fibrillation despite at least one antiarrhythmic drug",
            ),
            Req(
                "anticoagulation for at least 3 weeks before the procedure",
                "therapeutic anticoagulation for at least three weeks before the procedure",
            ),
        ],
        specialty="Cardiac Electrophysiology",
        ages=(50, 78),
        dates={"d_af": -400, "d_echo": -40},
    ),
    Scenario(
        key="pacemaker",
        kind="procedure",
        service="dual-chamber permanent pacemaker implantation",
        procs=[
            Proc("33208", "Insertion of new permanent pacemaker with atrial and ventricular leads")
        ],
        dx=[Dx("I44.2", "Atrioventricular block, complete")],
        story=[
            "Admitted through the ED on {d_ed} after syncope; telemetry shows complete heart block"
            " with a junctional escape rhythm of 34 bpm.",
            "No reversible cause: TSH and potassium normal, no AV-nodal blocking drugs, no"
            " ischemia. Temporary transvenous pacing wire in place.",
        ],
        pmh=[Dx("I10", "hypertension"), Dx("N18.31", "chronic kidney disease stage 3a")],
        prior=[Prior("93000", "electrocardiogram, 12 leads", -2)],
        specialty="Cardiology",
        ages=(66, 91),
        dates={"d_ed": -2},
        acute=True,
    ),
    Scenario(
        key="cpap",
        kind="dme",
        service="CPAP device with heated humidifier and nasal interface",
        procs=[
            Proc("E0601", "Continuous positive airway pressure (CPAP) device", H),
            Proc("E0562", "Humidifier, heated, used with positive airway pressure device", H),
            Proc("A7034", "Nasal interface (mask or cannula type), with or without head strap", H),
        ],
        dx=[Dx("G47.33", "Obstructive sleep apnea (adult)")],
        story=[
            "Loud snoring, witnessed apneas and Epworth score 15; falls asleep at red lights.",
            "Home sleep apnea test on {d_hst}: AHI 27 events/h, oxygen nadir 81%.",
            "Face-to-face sleep evaluation on {d_f2f}.",
        ],
        pmh=[Dx("I10", "hypertension"), Dx("E66.9", "obesity")],
        prior=[Prior("G0399", "home sleep apnea test", -16, H)],
        extras=[
            Proc("A7038", "filter, disposable", H),
            Proc("A7037", "tubing", H),
        ],
        reqs=[
            Req(
                "AHI of 15 or more, or 5 to 14 with symptoms",
                "an AHI of 15 or more, or of 5 to 14 with documented symptoms",
            ),
            Req(
                "face-to-face evaluation before the sleep test",
                "a face-to-face clinical evaluation before the sleep test",
            ),
            Req(
                "adherence of 4 hours per night on 70% of nights in the first 90 days",
                "use of at least 4 hours per night on 70% of nights during a consecutive 30-day"
                " period in the first 90 days",
            ),
        ],
        specialty="Sleep Medicine",
        ages=(35, 72),
        dates={"d_hst": -16, "d_f2f": -35},
        es=[
            "Ronquidos intensos, apneas presenciadas y somnolencia diurna (Epworth 15).",
            "Estudio de sueño en el hogar del {d_hst}: IAH 27 eventos por hora, saturación mínima 81%.",
        ],
    ),
    Scenario(
        key="bipap_als",
        kind="dme",
        service="bilevel respiratory assist device with backup rate",
        procs=[Proc("E0471", "Respiratory assist device, bi-level, with backup rate", H)],
        dx=[
            Dx("G12.21", "Amyotrophic lateral sclerosis"),
            Dx("J96.12", "Chronic respiratory failure with hypercapnia"),
        ],
        story=[
            "ALS diagnosed {d_dx}; progressive orthopnea and morning headaches.",
            "Spirometry on {d_pft}: FVC 46% predicted, MIP -48 cmH2O; ABG PaCO2 52 mmHg.",
        ],
        prior=[Prior("94010", "spirometry", -9)],
        extras=[Proc("A7030", "full face mask", H), Proc("A7037", "tubing", H)],
        reqs=[
            Req(
                "FVC below 50% predicted, MIP weaker than -60 cmH2O or PaCO2 of 45 or more",
                "FVC below 50% of predicted, maximal inspiratory pressure weaker than -60 cmH2O, or"
                " PaCO2 of 45 mmHg or more",
            ),
            Req("COPD not the main cause", "COPD not contributing significantly to the limitation"),
        ],
        specialty="Pulmonology",
        ages=(45, 76),
        dates={"d_dx": -420, "d_pft": -9},
        acute=True,
    ),
    Scenario(
        key="power_wheelchair",
        kind="dme",
        service="group 3 power wheelchair",
        procs=[Proc("K0856", "Power wheelchair, group 3 standard, single power option", H)],
        dx=[Dx("G35.C0", "Secondary progressive multiple sclerosis")],
        story=[
            "Secondary progressive multiple sclerosis, EDSS 7.0; cannot self-propel a manual"
            " wheelchair more than 20 feet because of upper-limb weakness and fatigue.",
            "Three falls in two months. Home assessment {d_home}: 34-inch doorways, ramp at the"
            " entrance, room to turn in the kitchen and bathroom.",
            "Face-to-face mobility examination on {d_f2f}.",
        ],
        tried=["standard manual wheelchair since 2023", "rollator walker"],
        prior=[
            Prior("K0001", "standard manual wheelchair", -900, H),
            Prior("E0143", "folding wheeled walker", -1500, H),
        ],
        reqs=[
            Req(
                "face-to-face mobility examination within 6 months",
                "a face-to-face mobility examination within the last six months",
            ),
            Req("home accessibility assessment", "an on-site home accessibility assessment"),
            Req(
                "cannot use a cane, walker or manual wheelchair safely",
                "documentation that a cane, walker or manual wheelchair cannot meet the need",
            ),
        ],
        specialty="Physical Medicine and Rehabilitation",
        ages=(40, 70),
        dates={"d_home": -12, "d_f2f": -25},
    ),
    Scenario(
        key="hospital_bed",
        kind="dme",
        service="semi-electric hospital bed with powered air mattress",
        procs=[
            Proc(
                "E0260", "Hospital bed, semi-electric, with any type side rails, with mattress", H
            ),
            Proc("E0277", "Powered pressure-reducing air mattress", H),
        ],
        dx=[
            Dx("L89.154", "Pressure ulcer of sacral region, stage 4"),
            Dx("G20.A1", "Parkinson disease without dyskinesia"),
        ],
        story=[
            "Advanced Parkinson disease, bedbound since this admission; stage 4 sacral pressure"
            " injury 6 x 4 cm with bone visible, measured {d_wound}.",
            "Needs repositioning every 2 hours and the head of bed above 30 degrees because of"
            " aspiration risk.",
        ],
        reqs=[
            Req(
                "positioning that an ordinary bed cannot provide",
                "a positioning need that an ordinary bed cannot meet",
            ),
            Req(
                "stage 3 or 4 pressure ulcer on the trunk or pelvis for a group 2 surface",
                "for a group 2 support surface, a stage 3 or 4 pressure ulcer on the trunk or pelvis",
            ),
        ],
        specialty="Hospital Medicine",
        ages=(70, 92),
        dates={"d_wound": -1},
        acute=True,
    ),
    Scenario(
        key="cgm",
        kind="dme",
        service="continuous glucose monitor receiver and monthly sensor supply",
        procs=[
            Proc("E2103", "Non-adjunctive, non-implanted continuous glucose monitor receiver", H),
            Proc("A4239", "Supply allowance for non-adjunctive non-implanted CGM, 1 month", H),
        ],
        dx=[Dx("E10.65", "Type 1 diabetes mellitus with hyperglycemia")],
        story=[
            "Type 1 diabetes since age 11 on multiple daily injections (glargine and lispro);"
            " HbA1c 9.4% on {d_lab}.",
            "Two episodes of nocturnal hypoglycemia needing help from a family member.",
            "Seen in person on {d_visit}.",
        ],
        prior=[Prior("E0607", "home blood glucose monitor", -1200, H)],
        extras=[Proc("A4253", "blood glucose test strips, per 50", H), Proc("A4259", "lancets", H)],
        reqs=[
            Req("insulin-treated diabetes", "treatment with insulin"),
            Req(
                "in-person visit within 6 months before the order",
                "an in-person visit within six months before the order",
            ),
        ],
        specialty="Endocrinology",
        ages=(14, 60),
        dates={"d_lab": -21, "d_visit": -21},
        es=[
            "Diabetes tipo 1 desde los 11 años, con múltiples inyecciones diarias de insulina;"
            " HbA1c 9.4% el {d_lab}.",
            "Dos episodios de hipoglucemia nocturna que requirieron ayuda de un familiar.",
        ],
    ),
    Scenario(
        key="lymphedema_pump",
        kind="dme",
        service="segmental pneumatic compression device with calibrated gradient pressure",
        procs=[
            Proc("E0652", "Pneumatic compressor, segmental, with calibrated gradient pressure", H)
        ],
        dx=[Dx("I97.2", "Postmastectomy lymphedema syndrome")],
        story=[
            "Left arm lymphedema since mastectomy and axillary dissection; forearm circumference"
            " 5.5 cm larger than the right; two episodes of cellulitis this year.",
            "Completed complete decongestive therapy ending {d_cdt}.",
        ],
        tried=[
            "custom compression sleeve and gauntlet for 6 months",
            "complete decongestive therapy for 4 weeks",
            "a non-segmental pump, without benefit",
        ],
        pmh=[Dx("Z85.3", "history of left breast cancer"), Dx("Z92.3", "history of radiation")],
        prior=[
            Prior("E0650", "pneumatic compressor, non-segmental", -120, H),
            Prior("97140", "manual lymphatic drainage", -60),
        ],
        reqs=[
            Req(
                "4-week trial of compression garments and exercise",
                "a four-week trial of compression garments, exercise and elevation",
            ),
            Req(
                "failure of a segmental pump without calibrated gradient pressure",
                "documented failure of a segmental pump without calibrated gradient pressure (E0651)",
            ),
        ],
        sex="F",
        specialty="Physical Medicine and Rehabilitation",
        ages=(45, 80),
        dates={"d_cdt": -35},
    ),
    Scenario(
        key="denosumab",
        kind="drug",
        service="denosumab 60 mg subcutaneously every 6 months",
        procs=[Proc("J0897", "Injection, denosumab, 1 mg (60 units)", H)],
        dx=[Dx("M81.0", "Age-related osteoporosis without current pathological fracture")],
        meds=["denosumab"],
        story=[
            "DXA on {d_dxa}: femoral neck T-score -3.1, lumbar spine -2.9.",
            "Healed T12 compression fracture in 2024. eGFR 31, so zoledronic acid is not advised.",
        ],
        tried=[
            "alendronate 70 mg weekly 2023-2024, stopped for erosive esophagitis",
            "risedronate, not tolerated",
        ],
        pmh=[Dx("N18.32", "chronic kidney disease stage 3b"), Dx("K21.00", "reflux esophagitis")],
        prior=[Prior("77080", "DXA bone density, axial skeleton", -40)],
        extras=[Proc("96372", "therapeutic injection, subcutaneous (administration)")],
        reqs=[
            Req(
                "T-score of -2.5 or lower or a fragility fracture",
                "a T-score of -2.5 or lower, or a fragility fracture",
            ),
            Req(
                "failure, intolerance or contraindication to a bisphosphonate",
                "failure of, intolerance to, or a contraindication to a bisphosphonate",
            ),
        ],
        sex="F",
        specialty="Endocrinology",
        ages=(60, 88),
        dates={"d_dxa": -40},
    ),
    Scenario(
        key="vedolizumab",
        kind="drug",
        service="vedolizumab 300 mg IV at weeks 0, 2 and 6, then every 8 weeks",
        procs=[Proc("J3380", "Injection, vedolizumab, intravenous, 1 mg", H)],
        dx=[Dx("K51.511", "Left sided colitis with rectal bleeding")],
        meds=["vedolizumab"],
        story=[
            "Left-sided ulcerative colitis, 8 bloody stools a day, Mayo endoscopic score 3 on"
            " colonoscopy {d_colo}; fecal calprotectin 1,480.",
            "QuantiFERON negative on {d_tb}.",
        ],
        tried=[
            "mesalamine 4.8 g daily and mesalamine enemas",
            "two prednisone courses",
            "infliximab 2023-2025 with secondary loss of response and antibodies",
            "adalimumab, primary non-response",
        ],
        prior=[
            Prior("J1745", "infliximab 10 mg", -400, H),
            Prior("J0135", "adalimumab 20 mg", -800, H),
            Prior("45380", "colonoscopy with biopsy", -25),
        ],
        reqs=[
            Req(
                "inadequate response or intolerance to a TNF inhibitor",
                "inadequate response to, or intolerance of, a TNF inhibitor",
            ),
            Req(
                "tuberculosis screening within 12 months", "tuberculosis screening within 12 months"
            ),
        ],
        specialty="Gastroenterology",
        ages=(20, 62),
        dates={"d_colo": -25, "d_tb": -30},
    ),
    Scenario(
        key="lung_chemoio",
        kind="drug",
        service="carboplatin, pemetrexed and pembrolizumab every 21 days",
        procs=[
            Proc("J9271", "Injection, pembrolizumab, 1 mg", H),
            Proc("J9305", "Injection, pemetrexed, not otherwise specified, 10 mg", H),
            Proc("J9045", "Injection, carboplatin, 50 mg", H),
        ],
        dx=[Dx("C34.12", "Malignant neoplasm of upper lobe, left bronchus or lung")],
        meds=["pembrolizumab", "pemetrexed", "carboplatin"],
        story=[
            "Stage IVA nonsquamous adenocarcinoma of the left upper lobe, biopsy {d_bx}, with"
            " contralateral lung and adrenal metastases on PET/CT.",
            "PD-L1 TPS 20%; EGFR, ALK, ROS1, KRAS G12C, BRAF, RET, MET and NTRK negative on NGS."
            " ECOG 1.",
        ],
        pmh=[Dx("Z87.891", "former smoker"), Dx("I10", "hypertension")],
        prior=[
            Prior("78815", "PET/CT skull base to mid-thigh", -30),
            Prior("81445", "targeted genomic sequence analysis panel, solid tumor", -18),
        ],
        extras=[
            Proc("J1100", "dexamethasone sodium phosphate, 1 mg", H),
            Proc("J2405", "ondansetron, 1 mg", H),
            Proc("J3420", "vitamin B-12 (cyanocobalamin), up to 1,000 mcg", H),
        ],
        reqs=[
            Req("NCCN category 1 or 2A regimen", "a regimen supported by NCCN category 1 or 2A"),
            Req("biomarker test results", "results of biomarker testing"),
        ],
        specialty="Medical Oncology",
        ages=(50, 82),
        dates={"d_bx": -24},
        acute=True,
    ),
    Scenario(
        key="ivig_cidp",
        kind="drug",
        service="immune globulin 2 g/kg loading, then 1 g/kg every 3 weeks",
        procs=[Proc("J1569", "Injection, immune globulin (Gammagard Liquid), 500 mg", H)],
        dx=[Dx("G61.81", "Chronic inflammatory demyelinating polyneuritis")],
        meds=["immune globulin"],
        story=[
            "Five months of progressive symmetric proximal and distal weakness with sensory loss;"
            " INCAT disability score 5.",
            "EMG/NCS on {d_emg}: conduction block and prolonged distal latencies meeting EAN/PNS"
            " criteria; CSF protein 98 mg/dL.",
        ],
        tried=["prednisone 60 mg daily for 8 weeks, partial response, steroid hyperglycemia"],
        pmh=[Dx("R73.9", "hyperglycemia")],
        prior=[
            Prior("95886", "needle EMG, complete, with nerve conduction", -28),
            Prior("95913", "nerve conduction studies, 13 or more", -28),
        ],
        reqs=[
            Req(
                "electrodiagnostic evidence of demyelination",
                "electrodiagnostic evidence of demyelination",
            ),
            Req("baseline disability score", "a baseline disability score (INCAT or similar)"),
            Req(
                "reassessment after 3 months to continue",
                "reassessment after three months for continuation",
            ),
        ],
        specialty="Neurology",
        ages=(35, 76),
        dates={"d_emg": -28},
    ),
    Scenario(
        key="natalizumab",
        kind="drug",
        service="natalizumab 300 mg IV every 4 weeks",
        procs=[Proc("J2323", "Injection, natalizumab, 1 mg", H)],
        dx=[Dx("G35.A", "Relapsing-remitting multiple sclerosis")],
        meds=["natalizumab"],
        story=[
            "Highly active relapsing-remitting MS: two relapses in 12 months despite dimethyl"
            " fumarate.",
            "MRI {d_mri}: four new T2 lesions and two gadolinium-enhancing lesions.",
            "JCV antibody negative (index 0.14) on {d_jcv}.",
        ],
        tried=["dimethyl fumarate for 2 years", "glatiramer acetate"],
        prior=[Prior("70553", "MRI brain without and with contrast", -20)],
        reqs=[
            Req(
                "JCV antibody status within 6 months",
                "JCV antibody status within the last six months",
            ),
            Req(
                "enrollment in the TOUCH prescribing program",
                "enrollment in the TOUCH prescribing program",
            ),
            Req(
                "no concurrent disease-modifying therapy", "no concurrent disease-modifying therapy"
            ),
        ],
        specialty="Neurology",
        ages=(20, 50),
        dates={"d_mri": -20, "d_jcv": -15},
    ),
    Scenario(
        key="tocilizumab",
        kind="drug",
        service="tocilizumab 8 mg/kg IV every 4 weeks",
        procs=[Proc("J3262", "Injection, tocilizumab, 1 mg", H)],
        dx=[Dx("M06.09", "Rheumatoid arthritis without rheumatoid factor, multiple sites")],
        meds=["tocilizumab"],
        story=[
            "Seronegative rheumatoid arthritis with 11 swollen and 14 tender joints; CDAI 38;"
            " CRP 41 mg/L on {d_lab}.",
            "Negative interferon-gamma release assay {d_tb}.",
        ],
        tried=[
            "methotrexate 20 mg weekly with folic acid",
            "hydroxychloroquine",
            "adalimumab 2022-2024, secondary failure",
            "etanercept, stopped for injection-site reactions",
        ],
        pmh=[Dx("K21.9", "GERD")],
        prior=[Prior("J0135", "adalimumab 20 mg", -500, H)],
        reqs=[
            Req("inadequate response to methotrexate", "an inadequate response to methotrexate"),
            Req("failure of at least one TNF inhibitor", "failure of at least one TNF inhibitor"),
            Req("negative tuberculosis test", "a negative tuberculosis test"),
        ],
        specialty="Rheumatology",
        ages=(35, 76),
        dates={"d_lab": -14, "d_tb": -50},
    ),
    Scenario(
        key="botox_spasticity",
        kind="drug",
        service="onabotulinumtoxinA 300 units to right arm flexors with EMG guidance",
        procs=[
            Proc("J0585", "Injection, onabotulinumtoxinA, 1 unit", H),
            Proc("64642", "Chemodenervation of one extremity; 1-4 muscles"),
        ],
        dx=[
            Dx("I69.331", "Monoplegia of upper limb following cerebral infarction, right dominant")
        ],
        meds=["onabotulinumtoxina"],
        story=[
            "Left MCA ischemic stroke {d_stroke}; right elbow, wrist and finger flexor spasticity,"
            " Modified Ashworth 3, preventing hand hygiene and splint wear.",
        ],
        tried=[
            "baclofen 20 mg three times daily (sedation)",
            "tizanidine",
            "serial casting",
            "daily stretching",
        ],
        pmh=[Dx("I48.91", "atrial fibrillation"), Dx("I10", "hypertension")],
        reqs=[
            Req(
                "spasticity that interferes with function or care",
                "spasticity that interferes with function, hygiene or care",
            ),
            Req("no more than 400 units every 12 weeks", "no more than 400 units in 12 weeks"),
        ],
        specialty="Physical Medicine and Rehabilitation",
        ages=(45, 82),
        dates={"d_stroke": -300},
    ),
    Scenario(
        key="iv_iron",
        kind="drug",
        service="ferric carboxymaltose 750 mg IV, two doses 7 days apart",
        procs=[Proc("J1439", "Injection, ferric carboxymaltose, 1 mg", H)],
        dx=[
            Dx("D50.0", "Iron deficiency anemia secondary to blood loss (chronic)"),
            Dx("N92.0", "Excessive and frequent menstruation with regular cycle"),
        ],
        meds=["ferric carboxymaltose"],
        story=[
            "Hemoglobin 8.9 g/dL, ferritin 6 ng/mL, transferrin saturation 4% on {d_lab}.",
            "Heavy menstrual bleeding from uterine fibroids.",
        ],
        tried=[
            "ferrous sulfate",
            "ferrous gluconate",
            "polysaccharide iron complex (all stopped for GI effects)",
        ],
        extras=[Proc("96365", "IV infusion, initial hour (administration)")],
        reqs=[
            Req(
                "intolerance or inadequate response to oral iron",
                "intolerance of, or an inadequate response to, oral iron",
            ),
            Req(
                "ferritin and transferrin saturation within 30 days",
                "ferritin and transferrin saturation drawn within 30 days",
            ),
        ],
        future=Proc("58571", "laparoscopic total hysterectomy"),
        sex="F",
        specialty="Hematology",
        ages=(25, 50),
        dates={"d_lab": -10},
        es=[
            "Hemoglobina 8.9 g/dL, ferritina 6 ng/mL y saturación de transferrina 4% el {d_lab}.",
            "Sangrado menstrual abundante por miomas uterinos; no toleró hierro oral.",
        ],
    ),
    Scenario(
        key="aba",
        kind="therapy",
        service="applied behavior analysis, 25 hours per week for 6 months",
        procs=[
            Proc("97153", "Adaptive behavior treatment by protocol, technician, each 15 minutes"),
            Proc(
                "97155", "Adaptive behavior treatment with protocol modification, each 15 minutes"
            ),
            Proc("97156", "Family adaptive behavior treatment guidance, each 15 minutes"),
        ],
        dx=[Dx("F84.0", "Autistic disorder")],
        story=[
            "Autism spectrum disorder diagnosed {d_dx} by developmental pediatrics (ADOS-2,"
            " level 3 support); nonverbal, elopes from home, self-injury several times a day.",
            "Vineland-3 adaptive composite 58.",
        ],
        prior=[
            Prior("97151", "behavior identification assessment", -20),
            Prior("96112", "developmental test administration", -130),
        ],
        reqs=[
            Req(
                "diagnosis by a qualified specialist with standardized testing",
                "a diagnosis by a qualified specialist supported by standardized testing",
            ),
            Req("treatment plan with measurable goals", "a treatment plan with measurable goals"),
            Req(
                "parent or caregiver participation",
                "parent or caregiver participation in treatment",
            ),
        ],
        specialty="Applied Behavior Analysis",
        ages=(2, 8),
        dates={"d_dx": -130},
    ),
    Scenario(
        key="speech_peds",
        kind="therapy",
        service="speech-language therapy twice weekly for 24 weeks",
        procs=[Proc("92507", "Treatment of speech, language, voice, communication disorder")],
        dx=[Dx("F80.2", "Mixed receptive-expressive language disorder")],
        story=[
            "PLS-5 on {d_eval}: auditory comprehension standard score 68, expressive"
            " communication 61; hearing screen normal.",
            "Speaks in two-word phrases; preschool teacher reports frustration and tantrums.",
        ],
        prior=[
            Prior("92523", "evaluation of speech sound production and language", -14),
            Prior("92552", "pure tone audiometry", -60),
        ],
        reqs=[
            Req(
                "standard scores at least 1.5 standard deviations below the mean",
                "standardized scores at least 1.5 standard deviations below the mean",
            ),
            Req("plan of care signed by a physician", "a plan of care signed by the physician"),
        ],
        specialty="Pediatrics",
        ages=(3, 7),
        dates={"d_eval": -14},
    ),
    Scenario(
        key="postop_pt_knee",
        kind="therapy",
        service="outpatient physical therapy after left total knee replacement, 12 visits",
        procs=[
            Proc("97110", "Therapeutic exercise, each 15 minutes"),
            Proc("97140", "Manual therapy techniques, each 15 minutes"),
            Proc("97116", "Gait training, each 15 minutes"),
        ],
        dx=[
            Dx("Z47.1", "Aftercare following joint replacement surgery"),
            Dx("Z96.652", "Presence of left artificial knee joint"),
        ],
        story=[
            "Left total knee arthroplasty on {d_surg}; range of motion 8 to 92 degrees, Timed Up"
            " and Go 19 seconds, walking with a front-wheeled walker.",
        ],
        prior=[Prior("27447", "total knee arthroplasty, left", -16)],
        reqs=[
            Req(
                "measurable functional goals with progress notes every 10 visits",
                "measurable functional goals, with a progress note every 10 visits",
            )
        ],
        specialty="Physical Therapy",
        ages=(55, 85),
        dates={"d_surg": -16},
    ),
    Scenario(
        key="lynch_panel",
        kind="lab",
        service="hereditary colon cancer multigene panel",
        procs=[Proc("81435", "Hereditary colon cancer syndromes genomic sequence analysis panel")],
        dx=[
            Dx("Z85.038", "Personal history of other malignant neoplasm of large intestine"),
            Dx("Z80.0", "Family history of malignant neoplasm of digestive organs"),
        ],
        story=[
            "Right colon adenocarcinoma treated at age 41; tumor immunohistochemistry showed loss"
            " of MLH1 and PMS2 with no MLH1 promoter hypermethylation.",
            "Pre-test genetic counseling completed {d_gc}.",
        ],
        prior=[Prior("88342", "immunohistochemistry, first antibody", -700)],
        family=[
            ("mother", Dx("C54.1", "endometrial cancer at 48")),
            ("maternal uncle", Dx("C18.7", "sigmoid colon cancer at 51")),
        ],
        reqs=[
            Req(
                "meets NCCN criteria for hereditary cancer testing",
                "NCCN criteria for hereditary testing",
            ),
            Req(
                "pre-test genetic counseling", "pre-test genetic counseling by a qualified provider"
            ),
        ],
        specialty="Medical Genetics",
        ages=(30, 60),
        dates={"d_gc": -8},
    ),
    Scenario(
        key="peds_psg",
        kind="sleep",
        service="attended polysomnography, child under 6",
        procs=[Proc("95782", "Polysomnography; younger than 6 years, attended")],
        dx=[
            Dx("G47.33", "Obstructive sleep apnea"),
            Dx("J35.3", "Hypertrophy of tonsils with hypertrophy of adenoids"),
        ],
        story=[
            "Nightly snoring with witnessed pauses, restless sleep, new bedwetting and daytime"
            " hyperactivity; tonsils 3+ on exam {d_exam}.",
        ],
        future=Proc("42820", "tonsillectomy and adenoidectomy, under age 12"),
        specialty="Pediatric Otolaryngology",
        ages=(3, 5),
        dates={"d_exam": -10},
    ),
    Scenario(
        key="panniculectomy",
        kind="surgery",
        service="panniculectomy",
        procs=[
            Proc(
                "15830", "Excision, excessive skin and subcutaneous tissue; abdomen, panniculectomy"
            )
        ],
        dx=[
            Dx("E65", "Localized adiposity"),
            Dx("L30.4", "Erythema intertrigo"),
            Dx("Z98.84", "Bariatric surgery status"),
        ],
        story=[
            "Lost 118 lb after gastric bypass; weight stable at BMI 29 for 14 months.",
            "Pannus hangs 8 cm below the pubic symphysis; recurrent intertrigo with candidal"
            " infection despite 6 months of topical nystatin, barrier cream and hygiene.",
            "Photographs taken {d_photo}.",
        ],
        prior=[Prior("43644", "laparoscopic gastric bypass, Roux-en-Y", -1100)],
        future=Proc("15847", "abdominoplasty (cosmetic, member informed it is not covered)"),
        reqs=[
            Req("weight stable for 6 months", "weight stable for at least six months"),
            Req(
                "panniculus at or below the pubic symphysis",
                "a panniculus at or below the pubic symphysis",
            ),
            Req(
                "rash or ulceration despite 3 months of treatment",
                "rash or ulceration that has not responded to three months of treatment",
            ),
            Req("pre-operative photographs", "pre-operative photographs"),
        ],
        specialty="Plastic Surgery",
        ages=(30, 62),
        dates={"d_photo": -9},
    ),
    Scenario(
        key="blepharoplasty",
        kind="surgery",
        service="bilateral upper eyelid blepharoplasty",
        procs=[
            Proc("15823", "Blepharoplasty, upper eyelid; with excessive skin weighting down lid")
        ],
        dx=[
            Dx("H02.831", "Dermatochalasis of right upper eyelid"),
            Dx("H02.834", "Dermatochalasis of left upper eyelid"),
        ],
        story=[
            "Upper lid skin rests on the lashes; trouble reading and driving, tilts head back.",
            "Visual fields {d_vf}: superior field 22 degrees untaped, 48 degrees taped.",
        ],
        prior=[Prior("92083", "visual field examination, extended", -21)],
        reqs=[
            Req(
                "visual field loss of at least 12 degrees or 30% that improves with taping",
                "superior field loss of at least 12 degrees or 30% that improves with taping",
            ),
            Req("external photographs", "external photographs in primary gaze"),
        ],
        specialty="Ophthalmology",
        ages=(55, 86),
        dates={"d_vf": -21},
    ),
    Scenario(
        key="septoplasty",
        kind="surgery",
        service="septoplasty with submucous resection of inferior turbinates",
        procs=[
            Proc("30520", "Septoplasty or submucous resection"),
            Proc("30140", "Submucous resection inferior turbinate"),
        ],
        dx=[
            Dx("J34.2", "Deviated nasal septum"),
            Dx("J34.3", "Hypertrophy of nasal turbinates"),
        ],
        story=[
            "Constant right-sided nasal obstruction for years, mouth breathing at night.",
            "CT sinus {d_ct}: leftward septal deviation with a right spur, bilateral inferior"
            " turbinate hypertrophy, clear sinuses.",
        ],
        tried=["fluticasone nasal spray for 8 weeks", "saline irrigation", "cetirizine"],
        pmh=[Dx("J45.909", "asthma")],
        prior=[Prior("70486", "CT maxillofacial without contrast", -40)],
        reqs=[
            Req("4 weeks of medical therapy", "at least four weeks of medical therapy"),
            Req(
                "obstruction documented on exam or CT",
                "obstruction documented on examination or CT",
            ),
        ],
        specialty="Otolaryngology",
        ages=(20, 62),
        dates={"d_ct": -40},
    ),
    Scenario(
        key="carpal_tunnel",
        kind="surgery",
        service="left carpal tunnel release",
        procs=[Proc("64721", "Neuroplasty and/or transposition; median nerve at carpal tunnel")],
        dx=[Dx("G56.02", "Carpal tunnel syndrome, left upper limb")],
        story=[
            "Numbness of the left thumb, index and middle fingers that wakes {obj} nightly,"
            " dropping objects; thenar atrophy on exam.",
            "Nerve conduction study {d_ncs}: severe median neuropathy at the wrist.",
        ],
        tried=["night splints for 3 months", "carpal tunnel steroid injection"],
        prior=[
            Prior("95909", "nerve conduction studies, 5-6 studies", -30),
            Prior("20526", "injection, carpal tunnel", -90),
        ],
        reqs=[
            Req("electrodiagnostic confirmation", "electrodiagnostic confirmation"),
            Req("failure of splinting", "failure of splinting"),
        ],
        specialty="Hand Surgery",
        ages=(35, 76),
        dates={"d_ncs": -30},
        es=[
            "Entumecimiento de pulgar, índice y medio izquierdos que le despierta por la noche;"
            " atrofia tenar.",
            "Estudio de conducción nerviosa del {d_ncs}: neuropatía mediana severa en la muñeca.",
        ],
    ),
    Scenario(
        key="lap_hysterectomy",
        kind="surgery",
        service="total laparoscopic hysterectomy with bilateral salpingectomy",
        procs=[Proc("58571", "Laparoscopy, total hysterectomy, uterus 250 g or less, with tubes")],
        dx=[
            Dx("D25.1", "Intramural leiomyoma of uterus"),
            Dx("N92.0", "Excessive and frequent menstruation with regular cycle"),
        ],
        story=[
            "Heavy menses soaking a pad hourly for 2 days each cycle; hemoglobin 9.8 on {d_lab}.",
            "Pelvic ultrasound {d_us}: 4.2 cm intramural fibroid, uterus 11 cm. Endometrial biopsy"
            " benign.",
        ],
        tried=[
            "levonorgestrel IUD (expelled)",
            "tranexamic acid",
            "medroxyprogesterone",
        ],
        prior=[
            Prior("58558", "hysteroscopy with biopsy and polypectomy", -200),
            Prior("76830", "transvaginal ultrasound", -60),
        ],
        reqs=[
            Req("failure of medical management", "failure of medical management"),
            Req(
                "endometrial sampling for abnormal bleeding over age 45",
                "endometrial sampling when abnormal bleeding occurs after age 45",
            ),
        ],
        sex="F",
        specialty="Gynecology",
        ages=(38, 52),
        dates={"d_lab": -30, "d_us": -60},
    ),
    Scenario(
        key="vein_ablation",
        kind="procedure",
        service="endovenous radiofrequency ablation, right great and accessory saphenous veins",
        procs=[
            Proc("36475", "Endovenous ablation, radiofrequency, first vein treated"),
            Proc("36476", "Endovenous ablation, radiofrequency, subsequent vein"),
        ],
        dx=[
            Dx("I83.811", "Varicose veins of right lower extremity with pain"),
            Dx("I87.2", "Venous insufficiency (chronic) (peripheral)"),
        ],
        story=[
            "Aching, heaviness and ankle swelling of the right leg by evening; CEAP C3.",
            "Venous duplex {d_dup}: great saphenous reflux 2.8 s, diameter 7.1 mm; accessory"
            " saphenous reflux 1.2 s.",
        ],
        tried=[
            "prescription compression stockings 20-30 mmHg for 3 months",
            "leg elevation",
            "ibuprofen",
        ],
        prior=[Prior("93971", "duplex scan of extremity veins, unilateral", -30)],
        reqs=[
            Req("reflux over 500 ms in the vein treated", "reflux of more than 500 milliseconds"),
            Req("3 months of compression therapy", "three months of compression therapy"),
        ],
        specialty="Vascular Surgery",
        ages=(35, 72),
        dates={"d_dup": -30},
    ),
    Scenario(
        key="hbo",
        kind="procedure",
        service="hyperbaric oxygen therapy, 30 sessions",
        procs=[
            Proc("G0277", "Hyperbaric oxygen under pressure, full body chamber, per 30 minutes", H),
            Proc("99183", "Physician attendance and supervision of hyperbaric oxygen therapy"),
        ],
        dx=[
            Dx("E11.621", "Type 2 diabetes mellitus with foot ulcer"),
            Dx(
                "L97.414", "Non-pressure chronic ulcer of right heel and midfoot with bone necrosis"
            ),
        ],
        story=[
            "Wagner grade 3 right heel ulcer with osteomyelitis on MRI {d_mri}; 6 weeks of IV"
            " ertapenem completed.",
            "34 days of standard wound care with offloading and weekly debridement, area reduced"
            " only 18%.",
        ],
        pmh=[Dx("I10", "hypertension"), Dx("E78.5", "hyperlipidemia")],
        prior=[
            Prior("11043", "debridement, muscle and/or fascia", -7),
            Prior("73720", "MRI lower extremity without and with contrast", -44),
        ],
        reqs=[
            Req("Wagner grade 3 or higher", "a Wagner grade 3 or higher lesion"),
            Req(
                "no measurable improvement after 30 days of standard wound care",
                "no measurable improvement after 30 days of standard wound care",
            ),
        ],
        specialty="Wound Care",
        ages=(45, 80),
        dates={"d_mri": -44},
    ),
    Scenario(
        key="tms",
        kind="procedure",
        service="transcranial magnetic stimulation, 36 sessions",
        procs=[
            Proc("90867", "Therapeutic TMS treatment; initial, including cortical mapping"),
            Proc("90868", "Therapeutic TMS treatment; subsequent delivery and management"),
        ],
        dx=[Dx("F33.2", "Major depressive disorder, recurrent severe without psychotic features")],
        story=[
            "Recurrent major depression, current episode 14 months; PHQ-9 22 on {d_phq}.",
            "Adequate trials of sertraline 200 mg, venlafaxine 225 mg, bupropion augmentation,"
            " mirtazapine and aripiprazole augmentation; 16 sessions of weekly CBT.",
            "No seizure history, no implanted metal.",
        ],
        reqs=[
            Req(
                "failure of at least 4 antidepressant trials from 2 classes",
                "failure of at least four antidepressant trials from at least two classes",
            ),
            Req("trial of evidence-based psychotherapy", "a trial of evidence-based psychotherapy"),
        ],
        specialty="Psychiatry",
        ages=(20, 70),
        dates={"d_phq": -6},
    ),
    Scenario(
        key="tavr",
        kind="procedure",
        service="transcatheter aortic valve replacement, transfemoral",
        procs=[Proc("33361", "Transcatheter aortic valve replacement, percutaneous femoral")],
        dx=[Dx("I35.0", "Nonrheumatic aortic (valve) stenosis")],
        story=[
            "Severe symptomatic aortic stenosis: valve area 0.7 cm2, mean gradient 48 mmHg on"
            " echo {d_echo}; NYHA class III; STS predicted mortality 6.2%.",
            "Heart team (cardiac surgery and interventional cardiology) agreed on transfemoral"
            " TAVR on {d_team}.",
        ],
        pmh=[Dx("N18.31", "CKD stage 3a"), Dx("J44.9", "COPD")],
        prior=[
            Prior("93306", "transthoracic echocardiogram", -30),
            Prior("93458", "left heart catheterization with coronary angiography", -14),
        ],
        reqs=[
            Req(
                "heart team evaluation by a cardiac surgeon and an interventional cardiologist",
                "evaluation by a heart team that includes a cardiac surgeon and an interventional"
                " cardiologist",
            )
        ],
        specialty="Interventional Cardiology",
        ages=(70, 90),
        dates={"d_echo": -30, "d_team": -5},
    ),
    Scenario(
        key="capsule",
        kind="procedure",
        service="small bowel capsule endoscopy",
        procs=[
            Proc(
                "91110",
                "Gastrointestinal tract imaging, intraluminal (capsule), esophagus through ileum",
            )
        ],
        dx=[
            Dx("D50.0", "Iron deficiency anemia secondary to chronic blood loss"),
            Dx("K92.1", "Melena"),
        ],
        story=[
            "Recurrent iron deficiency anemia with two episodes of melena; hemoglobin 8.1 on {d_lab}.",
            "Upper endoscopy and colonoscopy on {d_endo} did not find a source.",
        ],
        prior=[
            Prior("43239", "EGD with biopsy", -21),
            Prior("45378", "diagnostic colonoscopy", -21),
        ],
        reqs=[
            Req(
                "non-diagnostic upper and lower endoscopy",
                "non-diagnostic upper and lower endoscopy",
            )
        ],
        specialty="Gastroenterology",
        ages=(40, 82),
        dates={"d_lab": -7, "d_endo": -21},
    ),
    Scenario(
        key="cochlear",
        kind="surgery",
        service="right cochlear implantation",
        procs=[
            Proc("69930", "Cochlear device implantation, with or without mastoidectomy"),
            Proc("L8614", "Cochlear device, includes all internal and external components", H),
        ],
        dx=[Dx("H90.3", "Sensorineural hearing loss, bilateral")],
        story=[
            "Bilateral severe-to-profound sensorineural hearing loss; AzBio sentence score 32% in"
            " the best-aided condition on {d_test}.",
            "Consistent use of bilateral hearing aids for five years. MRI internal auditory canals"
            " normal.",
        ],
        prior=[
            Prior("92557", "comprehensive audiometry", -30),
            Prior("70553", "MRI brain/internal auditory canals", -45),
        ],
        reqs=[
            Req(
                "sentence recognition of 40% or less in the best-aided condition",
                "sentence recognition of 40% or less in the best-aided condition",
            ),
            Req("imaging of the temporal bones or inner ear", "CT or MRI of the temporal bones"),
        ],
        specialty="Otolaryngology",
        ages=(30, 85),
        dates={"d_test": -30},
    ),
]
