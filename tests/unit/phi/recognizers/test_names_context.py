"""Names found from context, without a title or label (issue 16)."""

from __future__ import annotations

import pytest

from clinllm.phi import detect


def _names(text: str) -> list[str]:
    return [f.text for f in detect(text) if f.type == "NAME"]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Tomomi Nishiyama lives at the end of the road.", ["Tomomi Nishiyama"]),
        ("Djevad shouted at Marziyet: stop!", ["Djevad", "Marziyet"]),
        (
            "They had 6: Sylejman, Pernille, Keiko, Ljudevit and Gabrjel.",
            ["Sylejman", "Pernille", "Keiko", "Ljudevit", "Gabrjel"],
        ),
        ("Connie, can I please speak to you?", ["Connie"]),
        ("Maybe it's under Nusa B Weöres", ["Nusa B Weöres"]),
        ("Follow up with Astrid M. Björgvinsdóttir in a month.", ["Astrid M. Björgvinsdóttir"]),
        ("Have you been to a Veronica van der Voet concert?", ["Veronica van der Voet"]),
        ("As promised, here's Mederico's address:", ["Mederico"]),
        ("She named him rayan", ["rayan"]),
        ("La doctora Marchetti dijo que el dolor sigue.", ["Marchetti"]),
        ("near Tahlequah. Passenger Nasrin had a seat-belt sign.", ["Nasrin"]),
        # second round (issue 16, public set): initials, lower case, lists, predicates
        ("Patrick L. Kluge of Quality Realty is the CEO.", ["Patrick L. Kluge"]),
        ("Alexandra J Wade listed his top 20 songs", ["Alexandra J Wade"]),
        ("Bot: What's the name? User: leonor rodrigues", ["leonor rodrigues"]),
        ("I'd like to join accounts with ms. kosara reišl", ["kosara reišl"]),
        ("Jesse had given luke his address", ["Jesse", "luke"]),
        (
            "the brainchild of our 3 founders: Abelsen, Gottschalk and Ćosić.",
            ["Abelsen", "Gottschalk", "Ćosić"],
        ),
        ("Silvestar is very reliable. You can always count on him.", ["Silvestar"]),
        ("Hi, this is Verity Esterhazy. My mother's pump broke.", ["Verity Esterhazy"]),
        ("Member: ZEBEDEE CIENFUEGOS\nIns ID: W818413125", ["ZEBEDEE CIENFUEGOS"]),
        ("Tarquinio:\"I'm Teake's daughter\".", ["Tarquinio", "Teake"]),
        ("Trooper Wetherby took the report.", ["Wetherby"]),
        ("Officer Gorostiaga, Specimen ID 0698-22", ["Gorostiaga"]),
    ],
)
def test_names_from_context(text: str, names: list[str]) -> None:
    assert _names(text) == names


@pytest.mark.parametrize(
    "text",
    [
        "Troponin was elevated. Metoprolol was held; Xarelto restarted.",
        "Necesito hacer una cita para mi mamá; una receta nueva, por favor.",
        "MR enterography showed 12 cm of active disease.",
        "Huyler's is a design agency based in town.",
        "Jacob Reed and Sons opened a store.",
        "Zoolander is a 1966 action comedy.",
        "Lisinopril and Metoprolol were continued.",
        "ENDOCRINOLOGY FOLLOW-UP\nPOLST on file; GINA step 3; CHA2DS2-VASc 4; Tdap given.",
        "Ashkenazi Jewish ancestry; Roux-en-Y gastric bypass; Rosenberg views obtained.",
        "Handoff given to day RN. Fisher Foods delivered lunch.",
        "Called pt's niece about the plan; this is urgent and I am worried.",
        "Parkinson disease, Foley catheter, Hodgkin lymphoma, Crohn's disease, Apgar 8.",
    ],
)
def test_clinical_text_has_no_context_names(text: str) -> None:
    assert _names(text) == []


def test_a_drug_that_is_also_a_relatives_name_is_left_where_it_is_dosed() -> None:
    text = "His daughter Allegra Pacheco manages his medicines, including Allegra 180 mg daily."
    found = [(f.start, f.text) for f in detect(text) if f.type == "NAME"]
    assert found == [(text.index("Allegra Pacheco"), "Allegra Pacheco")]
