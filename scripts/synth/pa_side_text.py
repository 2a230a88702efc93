"""The sentences a fourth-round side writes around its layouts, in that side's own voice.

``pa4_tune_side.py`` (``tune_pa4``) and ``pa5_tune_side.py`` (``tune_pa5``) each wrote the same
five helpers (codes, history lines, story, requirements, closing lines) with only their wording
changed. Here the helpers are written once and each side passes its :class:`Voice`; the calls
and the order of random draws are unchanged, so both sets regenerate byte for byte
(``python scripts/synth/pa4_varied.py tune --check``, ``... tune5 --check``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from pa_model import Ctx, Scenario


@dataclass(frozen=True)
class Voice:
    """One side's wording of the shared sentences (``str.format`` templates).

    Attributes:
        proc_join: Between two procedure codes.
        prior: A past procedure (``desc``, ``code``, ``when``).
        pmh: A past diagnosis (``desc``, ``code``).
        referring: The referring clinician (``first``, ``last``, ``cred``, ``npi``).
        facility: The facility (``name``, ``npi``).
        mbi: The Medicare number (``mbi``).
        deferred: The justification when it is missing.
        tried: The therapies tried (``tried``: a comma-separated list).
        deadline: The reply's deadline (``when``).
        says: The payer's requirement sentences (``r``); one is drawn per requirement.
        fast: The sentence that asks for an expedited review.
    """

    proc_join: str
    prior: str
    pmh: str
    referring: str
    facility: str
    mbi: str
    deferred: str
    tried: str
    deadline: str
    says: Sequence[str]
    fast: str


class SideText:
    """The shared helpers, bound to a voice and the side's date format."""

    def __init__(self, voice: Voice, dd: Callable[[Ctx, date], str]) -> None:
        self.voice = voice
        self.dd = dd

    def codes(self, s: Scenario) -> tuple[str, str]:
        """The procedure codes and the diagnosis codes, each joined in the side's way."""
        return self.voice.proc_join.join(p.code for p in s.procs), ", ".join(d.code for d in s.dx)

    def extras(self, s: Scenario, c: Ctx) -> list[str]:
        """Distractors: past procedures and diagnoses, other parties' NPIs, the MBI."""
        v = self.voice
        out = [
            v.prior.format(desc=p.desc, code=p.code, when=self.dd(c, c.on(p.days))) for p in s.prior
        ]
        out += [v.pmh.format(desc=d.desc, code=d.code) for d in s.pmh]
        if c.referring:
            r = c.referring
            out.append(v.referring.format(first=r.first, last=r.last, cred=r.cred, npi=r.npi))
        if c.facility:
            out.append(v.facility.format(name=c.facility.name, npi=c.facility.npi))
        if c.mbi:
            out.append(v.mbi.format(mbi=c.mbi))
        return out

    def story(self, s: Scenario, c: Ctx) -> list[str]:
        """The clinical justification, or the side's words for notes to follow."""
        if "clinical_justification" in c.missing:
            return [self.voice.deferred]
        out = list(s.story)
        if s.tried:
            out.append(self.voice.tried.format(tried=", ".join(s.tried)))
        return out

    def reqs(self, s: Scenario, c: Ctx) -> list[str]:
        """The payer's requirements in prose (one random draw per requirement)."""
        if not c.show_reqs:
            return []
        return [c.rng.choice(self.voice.says).format(r=r.prose) for r in s.reqs]

    def tail(self, c: Ctx) -> list[str]:
        """Urgency (or its decoy) and the deadline."""
        out = []
        if c.expedited:
            out.append(self.voice.fast)
        elif c.urgency_decoy:
            out.append(c.urgency_decoy)
        if c.deadline:
            out.append(self.voice.deadline.format(when=self.dd(c, c.deadline)))
        return out
