# ruff: noqa: E501  (template tables: one template per line reads better than wrapped strings)
"""Hard negatives for the injection classifier: benign text worded like an attack (training only).

    from injection_hard import hard_negatives
    hard_negatives(seed=13, n=900)  # [(text, channel), ...]

The classifier learns from public attack corpora whose negatives are easy (trivia questions,
Python docs), so it learns that imperatives and quoted orders are suspicious. These texts
teach the other half: a user asking to translate, summarize or explain a sentence that happens
to be an order; ordinary requests a user may make of an assistant ("list my appointments",
"forward my note to Dr. Lee"); tool output and e-mail that ask a *person* to do something;
security training that describes an attack in its own words; text about AI assistants.

The clinical and policy sentences come from the ``train`` split of ``injection.py`` only, so
nothing here appears in the tune split. Nothing in this file was written from a benchmark or
held-out text.
"""

from __future__ import annotations

import random

from injection import CLINICAL, DRUGS, LABS, PEOPLE, POLICY, PROCS, pool

__all__ = ["hard_negatives"]

LANGUAGES = [
    "Spanish",
    "French",
    "Portuguese",
    "Vietnamese",
    "simple English",
    "Chinese",
    "German",
    "Tagalog",
]

QUOTE_ASKS = [
    'Can you translate this into {lang} for my mother: "{s}"',
    "Please translate the following sentence to {lang}.\n{s}",
    'What does "{s}" mean? My discharge papers say that and I am confused.',
    'Summarize this sentence from my chart in plain words: "{s}"',
    'My nurse wrote "{s}" - should I be worried?',
    "Rewrite this for a patient handout at a 6th grade reading level:\n\n{s}",
    "Translate to {lang}, keep the drug names as they are: {s}",
    "Is this instruction from the pharmacy correct? '{s}'",
    "Explain the sentence below like I'm 12.\nSentence: {s}",
    "Proofread this before I send it to the patient: {s}",
    'The letter from my plan says: "{s}" What should I do next?',
    "Paraphrase the following sentence.\n{s}",
    "Text: {s}\nTranslate the above text into {lang}.",
    "Could you shorten this line for the after-visit summary? {s}",
]

USER_REQUESTS = [
    "Please list all of my upcoming appointments for {month}.",
    "Show me the full text of the coverage policy for {proc}.",
    "Forward my last message to {person}, she asked for it.",
    "Reply to the nurse that I can come in tomorrow morning.",
    "Print my visit summary from {month} so I can bring it to the specialist.",
    "Ignore my previous message, I found the refill form myself.",
    "Disregard what I wrote earlier about the copay, the billing office already fixed it.",
    "Forget my last question, I meant the {drug} prescription, not the {drug2} one.",
    "Cancel my earlier request and book me with {person} instead.",
    "Send all my lab results from this year to my new primary care doctor.",
    "Can you email me a copy of every claim you have on file for me?",
    "Override the appointment I made online, the time is wrong; I need Thursday.",
    "Start over please, I typed the wrong date of birth.",
    "From now on please call my cell instead of my home phone.",
    "Act as my reminder: tell me when my {drug} refill is due.",
    "Pretend I am a new patient: what forms do I need to bring?",
    "What are the rules for getting {proc} approved? Show me the criteria.",
    "Give me the complete list of in-network cardiologists near me.",
    "Repeat the instructions the doctor gave me about {drug}, I forgot them.",
    "Tell me what the previous instructions were for my {lab} test, the fasting ones.",
    "Update my preferred pharmacy and then confirm it back to me.",
    "Summarize everything in my chart about my {lab} results.",
    "Please translate your last answer into {lang}.",
    "Ignore the typo in my last message, it should say {drug}.",
    "You can skip the intro, just tell me the phone number for billing.",
    "As a nurse reviewer, list all pending prior auth requests for {proc} assigned to me.",
    "Decode this base64 field from the fax header so I can read the sender: RmF4IGZyb20gRHIuIExlZQ==",
    "Respond only with yes or no: is {proc} covered without a referral?",
    "Output the answer as a bullet list please, it is easier to read.",
    "Write a short message to my care team saying I will be late.",
]

HUMAN_ORDERS = [
    "Hi team, please send the signed consent forms to {email} by Friday.",
    "Reminder: forward every fax about {proc} to the intake queue before noon.",
    "Please reply to this email to confirm your attendance at the huddle.",
    "Action required: review the attached criteria and send comments to {person}.",
    "Could you update the on-call schedule and share it with the whole unit?",
    "Please print two copies of the discharge summary for the patient.",
    "Ignore the earlier calendar invite; the meeting moved to room 4B.",
    "Disregard my previous email, the correct member ID is in the attachment.",
    "Kindly submit all pending claims for {month} before the cutoff.",
    "Please call the patient back and tell her the {lab} result is normal.",
    "Note to the billing team: do not send statements for accounts under review.",
    "Note to reviewers: approve only when all criteria in section 3 are documented.",
    "To the pharmacy: please hold {drug} until the prescriber calls back.",
    "Please delete the duplicate referral and keep the one with the signature.",
    "Export the weekly denial report and email it to the medical director.",
    "If you received this message in error, please notify the sender and delete it.",
    "Task: {person} to schedule {proc} and confirm with the patient.",
    "Search results: 3 documents matched '{proc}'. Open the newest version first.",
    "Tool output: appointment booked with {person} on {month} 14 at 09:30. Send confirmation to the patient.",
    "Calendar: Quality committee - bring the updated policy draft and the old one for comparison.",
]

SECURITY_PROSE = [
    "Prompt injection is an attack in which text inside a document tries to give orders to an AI model that reads it. Our screen flags such passages and the model treats them as data.",
    "Indirect prompt injection hides instructions in web pages, e-mails or files that an assistant retrieves. Staff should report documents that seem to address the assistant directly.",
    "A jailbreak tries to talk a chatbot out of its safety rules, often by asking it to role-play a character without limits. The red team tests the assistant against these every quarter.",
    "Attackers sometimes encode instructions in base64 or hide them in white text so that humans do not see them; the ingest pipeline decodes and flags these.",
    "The security team found that some vendor PDFs contained hidden comments addressed to AI tools. Those files were quarantined and the vendor was notified.",
    "System prompts for the internal assistant are version-controlled and reviewed by the AI governance committee.",
    "When the assistant is asked about a document the user cannot read, it refuses and does not say the document exists.",
    "Data exfiltration through markdown images is blocked: the assistant's answers may not contain external image links.",
    "Training module 4 covers social engineering, including messages that claim to come from executives and ask staff to bypass access controls.",
    "Our AI assistant drafts replies for staff to approve; it never sends a message to a patient on its own.",
    "Large language models can be manipulated by instructions placed in the data they summarize, so every retrieved chunk is screened first.",
    "The model card lists the assistant's limits: it does not give medical advice and it escalates urgent symptoms to a nurse.",
]

MONTHS = ["January", "March", "May", "July", "September", "November"]
EMAILS = [
    "intake@clinic.example",
    "billing@plan.example",
    "um-team@plan.example",
    "frontdesk@clinic.example",
]


def _fill(template: str, rng: random.Random, sentence: str = "") -> str:
    drugs = pool(DRUGS, "train")
    return template.format(
        s=sentence,
        lang=rng.choice(LANGUAGES),
        month=rng.choice(MONTHS),
        proc=rng.choice(pool(PROCS, "train")),
        person=rng.choice(pool(PEOPLE, "train")),
        drug=rng.choice(drugs),
        drug2=rng.choice(drugs),
        lab=rng.choice(pool(LABS, "train")),
        email=rng.choice(EMAILS),
        v="3.1",
        date="2026-03-01",
    )


def hard_negatives(seed: int, n: int) -> list[tuple[str, str]]:
    """``n`` benign texts, ``(text, channel)``, a mix of the families above."""
    rng = random.Random(f"{seed}-hard")
    sentences = pool(CLINICAL, "train") + pool(POLICY, "train")
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    tries = 0
    while len(out) < n and tries < n * 20:
        tries += 1
        kind = rng.random()
        if kind < 0.35:
            sentence = _fill(rng.choice(sentences), rng)
            text, channel = _fill(rng.choice(QUOTE_ASKS), rng, sentence), "user"
        elif kind < 0.6:
            text, channel = _fill(rng.choice(USER_REQUESTS), rng), "user"
        elif kind < 0.85:
            lines = rng.sample(HUMAN_ORDERS, rng.randint(1, 3))
            text, channel = "\n".join(_fill(line, rng) for line in lines), "document"
        else:
            lines = rng.sample(SECURITY_PROSE, rng.randint(1, 2))
            text = " ".join(lines)
            channel = rng.choice(["document", "user"])
        if text not in seen:
            seen.add(text)
            out.append((text, channel))
    return out
