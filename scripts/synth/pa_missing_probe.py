#!/usr/bin/env python3
"""Build the ninth prior-auth round's probe sets: how a field is absent or present but empty.

    python scripts/synth/pa_missing_probe.py tune       # evals/data/tune_pa_missing/ (open)
    python scripts/synth/pa_missing_probe.py heldout    # evals/data/own_heldout_pa_missing/
    python scripts/synth/pa_missing_probe.py tune --check

The earlier probe sets scored missing fields near 1.0 while the blind sets stayed at 0.47-0.64.
This set writes the ways a field can be left out or left empty, and the ways a present field
hides: a label with a blank after it (underscores, nothing then a new line, a blank *word*),
a dotted leader that runs into nothing, a field written only on the fax cover or the clinic's
letterhead, a table whose header row and value row are split by a page break, a field given in
a sentence of a letter, a section heading with nothing under it, and documents in which every
field is present (for precision). The payer's requirements come in prose (pend letters,
"documentation must show", "we will need ... before review").

The layouts here are mechanism; each side's *voice* (``pa_missing_tune_voice.py`` open,
``heldout_pa_missing_voice.py`` written before any tuning and never read while tuning) holds
its scenarios, names, payers, labels, blank words and sentences. The context builder is the
fourth round's (``pa4_varied.context_maker``); cases are checked against their gold by
``pa2_common.build_rows``. Deterministic; standard library only.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pa2_common import build_rows, write_or_check
from pa4_varied import context_maker
from pa6_probe import dd, form_values, reqs
from pa_model import MISSING_ORDER, Ctx, Scenario

ROOT = Path(__file__).resolve().parents[2]
N = 48
FORM_FIELDS = [f for f in MISSING_ORDER if f != "clinical_justification"]

Layout = Callable[[Scenario, Ctx], str]


def pron(c: Ctx) -> dict[str, str]:
    f = c.patient.sex == "F"
    her, she = ("her", "she") if f else ("his", "he")
    return {"her": her, "she": she, "Her": her.title(), "She": she.title()}


def story(s: Scenario, c: Ctx, v: Any) -> list[str]:
    if "clinical_justification" in c.missing:
        return [c.rng.choice(v.DEFER)] if c.rng.random() < 0.6 else []
    out = list(s.story)
    if s.tried:
        out.append(v.TRIED.format(tried=", ".join(s.tried)))
    return out


def extras(s: Scenario, c: Ctx, v: Any) -> list[str]:
    """Distractors: past procedures and diagnoses, the referring clinician, the MBI."""
    out = [v.PRIOR.format(desc=p.desc, code=p.code, when=dd(c, c.on(p.days))) for p in s.prior]
    out += [v.PMH.format(desc=d.desc, code=d.code) for d in s.pmh]
    if c.referring:
        r = c.referring
        out.append(v.REFERRING.format(first=r.first, last=r.last, cred=r.cred, npi=r.npi))
    if c.mbi:
        out.append(v.MBI.format(mbi=c.mbi))
    return out


def tail(c: Ctx, v: Any) -> list[str]:
    out = []
    if c.expedited:
        out.append(v.FAST)
    elif c.urgency_decoy:
        out.append(c.urgency_decoy)
    if c.deadline:
        out.append(v.DEADLINE.format(when=dd(c, c.deadline)))
    return out


def blank(c: Ctx, v: Any) -> str | None:
    """How a missing field is written: ``None`` drops the line, ``""`` leaves the label bare."""
    if c.rng.random() < 0.2:
        return None
    mark: str = c.rng.choice(v.BLANKS)
    return mark


def cover(s: Scenario, c: Ctx, v: Any, moved: set[str]) -> list[str]:
    """A fax cover page; the fields in ``moved`` are written here and nowhere else."""
    title, to_w, from_w, pages_w, note = v.COVER
    p = c.prov
    head = [c.clinic.name, c.clinic.city]
    if "requesting_provider_npi" in moved:
        named = "requesting_provider_name" not in c.missing
        form = v.LETTERHEAD_NPI if named else v.LETTERHEAD_NPI_ONLY
        head.append(form.format(first=p.first, last=p.last, cred=p.cred, npi=p.npi))
    out = [*head, "", title, f"{to_w} {v.UM_DEPT}"]
    if "payer" in moved:
        out[-1] = f"{to_w} {c.payer.name} {v.UM_DEPT}"
    sender = (
        v.OFFICE if "requesting_provider_name" not in moved else f"{p.first} {p.last}, {p.cred}"
    )
    out += [f"{from_w} {sender}", f"{pages_w} 2", dd(c, c.letter), "", note]
    return out


def form_lines(
    s: Scenario, c: Ctx, v: Any, sep: Callable[[str, str], str], skip: set[str]
) -> list[str]:
    vals = form_values(s, c)
    out = []
    for f in FORM_FIELDS:
        if f in skip:
            continue
        label = v.LABELS[f]
        if f in c.missing:
            mark = blank(c, v)
            if mark is None:
                continue
            out.append(sep(label, mark).rstrip() if mark == "" else sep(label, mark))
        else:
            out.append(sep(label, vals[f]))
    return out


def make_layouts(v: Any) -> dict[str, Layout]:
    def faxed(s: Scenario, c: Ctx) -> str:
        """A fax cover, then a labelled form; some present fields live only on the cover."""
        present = [
            f
            for f in ("payer", "requesting_provider_npi", "requesting_provider_name")
            if f not in c.missing
        ]
        moved = {f for f in present if c.rng.random() < 0.5}
        body = form_lines(s, c, v, lambda k, x: f"{k}: {x}", moved)
        just = [f"{v.SEC_JUST}:", *story(s, c, v)]
        rest = [*just, *extras(s, c, v), "", *reqs(s, c, v), *tail(c, v)]
        page2 = [v.FORM_TITLE, "", *body, f"{v.SERVICE_WORD}: {s.service}", "", *rest]
        return "\n".join(cover(s, c, v, moved)) + "\n\f" + "\n".join(page2)

    def leaders(s: Scenario, c: Ctx) -> str:
        """Dotted leaders; a missing field's leader runs into nothing (or a blank word)."""
        width = 34

        def sep(k: str, x: str) -> str:
            return f"{k} {'.' * max(3, width - len(k))} {x}".rstrip()

        body = form_lines(s, c, v, sep, set())
        out = [v.FORM_TITLE.upper(), dd(c, c.letter), "", *body, sep(v.SERVICE_WORD, s.service)]
        out += ["", f"{v.SEC_JUST.upper()}", *story(s, c, v), *extras(s, c, v)]
        return "\n".join([*out, "", *reqs(s, c, v), *tail(c, v)])

    def split_table(s: Scenario, c: Ctx) -> str:
        """A grid whose header row and value row are split by a page break and page header."""
        vals = form_values(s, c)
        fields = [f for f in FORM_FIELDS if not (f in c.missing and c.rng.random() < 0.3)]
        half = len(fields) // 2
        out = [v.FORM_TITLE, dd(c, c.letter), ""]
        for i, group in enumerate((fields[:half], fields[half:])):
            cells = []
            for f in group:
                mark = c.rng.choice(v.TABLE_BLANKS) if f in c.missing else vals[f]
                cells.append(mark)
            out.append("| " + " | ".join(v.LABELS[f] for f in group) + " |")
            if i == 0:
                out += ["", v.PAGE_FOOT.format(n=1), "\f" + v.PAGE_HEAD, ""]
            out.append("| " + " | ".join(cells) + " |")
            out.append("")
        out += [f"{v.SERVICE_WORD}: {s.service}", "", f"{v.SEC_JUST}:", *story(s, c, v)]
        return "\n".join([*out, *extras(s, c, v), "", *reqs(s, c, v), *tail(c, v)])

    def letter(s: Scenario, c: Ctx) -> str:
        """A letter naming each field in a sentence; a missing field is unsaid or said absent."""
        m = c.missing
        p = c.prov
        t = v.PROSE
        pr = pron(c)
        out = [c.clinic.name, c.clinic.city, "", dd(c, c.letter), "", t["hello"]]
        pt = c.patient.full if "patient_name" not in m else t["nameless"]
        first = t["intro"].format(pt=pt, svc=s.service, **pr)
        if "patient_dob" not in m:
            first += " " + t["dob"].format(dob=dd(c, c.patient.dob), **pr)
        out.append(first)
        cover_bits = []
        for f in ("payer", "member_id"):
            if f not in m:
                cover_bits.append(t[f].format(payer=c.payer.name, id=c.payer.member_id, **pr))
            elif c.rng.random() < 0.6:
                cover_bits.append(t[f + "_none"].format(**pr))
        out.append(" ".join(cover_bits))
        codes = []
        if "procedure_code" not in m:
            codes.append(t["proc"].format(proc=form_values(s, c)["procedure_code"]))
        if "diagnosis_code" not in m:
            codes.append(t["dx"].format(desc=s.dx[0].desc, dxc=form_values(s, c)["diagnosis_code"]))
        if "service_date" not in m:
            codes.append(t["when"].format(when=dd(c, c.service)))
        elif c.rng.random() < 0.6:
            codes.append(t["when_none"])
        out += [" ".join(codes), "", *story(s, c, v), *extras(s, c, v), "", *reqs(s, c, v)]
        out += [*tail(c, v), "", t["bye"]]
        if "requesting_provider_name" not in m:
            out.append(f"{p.first} {p.last}, {p.cred}")
        if "requesting_provider_npi" not in m:
            out.append(t["npi"].format(npi=p.npi))
        elif c.rng.random() < 0.5:
            out.append(t["npi_none"])
        return "\n".join(out)

    def sections(s: Scenario, c: Ctx) -> str:
        """Headed sections; a missing field's section is there with nothing in it."""
        vals = form_values(s, c)
        m = c.missing
        out = [v.FORM_TITLE, dd(c, c.letter), ""]
        for head, fields in v.SECTIONS:
            out.append(head)
            lines = []
            for f in fields:
                if f == "clinical_justification":
                    lines += story(s, c, v)
                elif f not in m:
                    lines.append(f"  {v.LABELS[f]}: {vals[f]}")
                elif len(fields) > 1 and c.rng.random() < 0.5:
                    lines.append(f"  {v.LABELS[f]}:")
            if not lines and c.rng.random() < 0.5:
                lines.append(f"  {c.rng.choice(v.EMPTY_SECTION)}")
            out += [*lines, ""]
        out += [f"{v.SERVICE_WORD}: {s.service}", *extras(s, c, v)]
        return "\n".join([*out, "", *reqs(s, c, v), *tail(c, v)])

    def pend(s: Scenario, c: Ctx) -> str:
        """The payer's pend letter about the request; it restates what the request gave."""
        vals = form_values(s, c)
        m = c.missing
        t = v.PEND
        head = [c.payer.name if "payer" not in m else v.UM_DEPT.strip("() "), dd(c, c.letter)]
        out = [*head, "", t["re"]]
        for f in FORM_FIELDS:
            if f == "payer":
                continue
            if f not in m:
                out.append(f"  {v.LABELS[f]}: {vals[f]}")
            elif c.rng.random() < 0.7:
                out.append(f"  {v.LABELS[f]}: {c.rng.choice(v.PEND_BLANKS)}")
        out += ["", t["got"].format(svc=s.service)]
        out += [*story(s, c, v), *extras(s, c, v), "", t["need"], *reqs(s, c, v)]
        return "\n".join([*out, *tail(c, v), "", t["bye"]])

    return {
        "faxed": faxed,
        "leaders": leaders,
        "split_table": split_table,
        "letter": letter,
        "sections": sections,
        "pend": pend,
    }


SIDES = {
    "tune": ("pa_missing_tune_voice", 90_113, "tune_pa_missing", "tum-pa-"),
    "heldout": ("heldout_pa_missing_voice", 91_781, "own_heldout_pa_missing", "ohm-pa-"),
}


def main() -> int:
    which = sys.argv[1] if len(sys.argv) > 1 and not sys.argv[1].startswith("-") else "tune"
    if which not in SIDES:
        raise SystemExit(f"side must be one of {sorted(SIDES)}")
    del sys.argv[1:2]
    module, seed, folder, prefix = SIDES[which]
    voice = __import__(module)
    rows = build_rows(
        seed=seed,
        n=N,
        scenarios=voice.SCEN,
        layouts=make_layouts(voice),
        make_ctx=context_maker(voice, f"pam{which}"),
        tag=which,
        id_prefix=prefix,
    )
    out = ROOT / "evals" / "data" / folder / "prior_auth.jsonl"
    return write_or_check(__doc__ or "", out, ROOT, rows)


if __name__ == "__main__":
    sys.exit(main())
