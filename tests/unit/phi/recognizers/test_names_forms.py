"""Third round of issue 16: names in roster, list and family shapes; places, dates, MACs."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from clinllm.phi import PhiDetector, detect
from clinllm.phi.recognizers import default_recognizers
from clinllm.phi.recognizers.ner import NerNameRecognizer
from clinllm.testing.phi import covered


def _found(text: str, kind: str) -> list[str]:
    return [f.text for f in detect(text) if f.type == kind]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("CARE TEAM\nDIMITRIOU, AGATHE - primary nurse\n", "DIMITRIOU, AGATHE"),
        ("Roster\nUnderhill, Hyacinth K. - social work\n", "Underhill, Hyacinth K."),
        ("INTAKE      INGLETHORPE, HYACINTH B.\nAddress: 12 Elm St", "INGLETHORPE, HYACINTH B."),
        ("Team\nHIERONYMUS HUXTABLE - chaplain, ext 4417\n", "HIERONYMUS HUXTABLE"),
        ("Llámeme o a mi tío Hyacinth. Gracias.", "Hyacinth"),
        ("Granddaughter Keppra brought the bag. Keppra will return Friday.", "Keppra"),
        ("0800 Pt Seraphina Horner resting.", "Seraphina Horner"),
        ("Hello, Hyacinth Quayle and I came in on Monday.", "Hyacinth Quayle"),
        ("Family: Ottoline and Yardley to call back.", "Ottoline"),
        ("Family: Ottoline and Yardley to call back.", "Yardley"),
        ("Thanks for the help.\n- Hyacinth Eggleston", "Hyacinth Eggleston"),
        ("Hello, this is Hyacinth again about the refill.", "Hyacinth"),
        ("FAX TO: 555-010-8614   FROM: EFUA BAKHTIARI\nRE: lab results", "EFUA BAKHTIARI"),
        ("Buenas tardes, mi nombre es Hyacinth Laframboise. Mi abuela tose.", "Laframboise"),
    ],
)
def test_names_in_list_and_family_shapes(text: str, name: str) -> None:
    assert covered(text, name), name


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # a drug after a relative keeps its dose; the eponym phrase stays clinical
        ("Granddaughter Keppra brought Keppra 500 mg.", "500 mg"),
        ("0800 Pt Seraphina Horner resting. Horner syndrome on the left.", "syndrome"),
        ("Daughter Called about the results.", "Called"),
        ("Family: Supportive and present at bedside.", "Supportive"),
        ("DIAGNOSES\nACUTE KIDNEY INJURY - resolved\n", "KIDNEY"),
        ("She left a hatchback with Texas plates KFE-1889 in the bay.", "Texas"),
        ("RE: PRIOR AUTHORIZATION REQUEST", "AUTHORIZATION"),
        ("Her son is visiting; mother Superior 2 mg daily was stopped.", "2 mg"),
    ],
)
def test_clinical_and_everyday_words_stay(text: str, kept: str) -> None:
    start = text.index(kept)
    assert not any(f.start < start + len(kept) and start < f.end for f in detect(text))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("We are staying at Via Garibaldi 22, 10122 Torino until May tenth.", "10122 Torino"),
        ("Staying at Kirchgasse 5, 8001 Zürich until 16 Apr 2026.", "8001 Zürich"),
        ("Family at Unit 2, 8 Quay Street, Galway H91 E2K3 until April.", "H91 E2K3"),
        ("Crash near mile marker 41 outside Grand Forks. Trooper on scene.", "Grand Forks"),
        ("Her daughter drives in from Presque Isle on weekends.", "Presque Isle"),
        ("She grew up in Brașov and moved later.", "Brașov"),
        ("Now lives alone in Hattiesburg, MS. Her daughter visits.", "Hattiesburg, MS"),
        ("It's in Þverbraut 66, Blönduós, Iceland", "Þverbraut 66"),
        ("Josip's address:\n\n66 Rue Shakespeare\nEl Gouedria", "66 Rue Shakespeare"),
    ],
)
def test_places(text: str, value: str) -> None:
    assert covered(text, value), value


def test_prose_and_phone_lines_do_not_join_an_address() -> None:
    text = "Flat 4, 19 Abbotsford Road, Leeds LS6 2AB until 14-SEP-2026; the number"
    assert "until" not in " ".join(_found(text, "ADDRESS"))
    letterhead = "Clinic\n507 Birchwood Rd\nPresque Isle, ME 57509\nTel 568 555 0100 | Fax 1"
    assert not any("Tel" in a for a in _found(letterhead, "ADDRESS"))
    assert _found(letterhead, "PHONE") == ["568 555 0100"]
    dog = "1133 Mulberry Avenue, Dayton, OH 45406 (neighbor's dog). PMH: Graves disease"
    assert not any("neighbor" in a for a in _found(dog, "ADDRESS"))


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("My grandmother fell 12/mar/2026 at home.", "DATE", "12/mar/2026"),
        ("Se cayó el 6-ago-25 en casa.", "DATE", "6-ago-25"),
        ("Mi abuela tiene ciento dos años.", "AGE_OVER_89", "ciento dos"),
        ("The modem shows 00:00:5E:00:53:29. Model Z9.", "DEVICE_ID", "00:00:5E:00:53:29"),
        ("Bluetooth ID 0000.5e00.5329.", "DEVICE_ID", "0000.5e00.5329"),
    ],
)
def test_dates_ages_and_macs(text: str, kind: str, value: str) -> None:
    assert value in _found(text, kind)


def test_version_numbers_and_scores_are_not_macs_or_dates() -> None:
    assert _found("Firmware 4.2.1. Pain 3/10, BRCA1/2 negative.", "DEVICE_ID") == []
    assert _found("Firmware 4.2.1. Pain 3/10, BRCA1/2 negative.", "DATE") == []


def _stub_nlp(ents: list[tuple[str, str]]) -> object:
    """A stand-in for a spaCy pipeline: finds each (text, label) in the input."""

    def nlp(text: str) -> object:
        found = []
        for value, label in ents:
            start = text.find(value)
            if start >= 0:
                found.append(
                    SimpleNamespace(
                        text=value, label_=label, start_char=start, end_char=start + len(value)
                    )
                )
        return SimpleNamespace(ents=found)

    return nlp


def test_ner_spans_are_gated_by_the_word_lists() -> None:
    text = "Troponin was normal. Hodgkin lymphoma in remission. I met Veindorfer at the fair."
    ents = [("Troponin", "GPE"), ("Hodgkin", "PERSON"), ("Veindorfer", "PERSON")]
    detector = PhiDetector([*default_recognizers(), NerNameRecognizer(_stub_nlp(ents))])
    names = [f.text for f in detector.detect(text) if f.type == "NAME"]
    assert names == ["Veindorfer"]


def test_ner_rejects_labels_and_foreign_words_at_a_sentence_start() -> None:
    text = "Paciente: Rosa Quintero\nVivimos en la calle. Met Prummel's brother."
    ents = [("Paciente", "PERSON"), ("Vivimos", "PERSON"), ("Prummel's", "PERSON")]
    found = list(NerNameRecognizer(_stub_nlp(ents)).analyze(text))
    assert [text[c.start : c.end] for c in found] == ["Prummel"]
