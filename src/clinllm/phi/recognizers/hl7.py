"""HL7 v2 PID segments flattened into documents (``PID|1||MRN^^^HOSP||DOE^JANE||19600101|F``).

Interfaces print patient identification segments into faxes and PDFs. The components of a
field are joined by ``^``, which defeats every rule written for prose, but the field
positions are fixed by the standard, so each identifying field is taken whole.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from clinllm.phi.lazy_pattern import LazyPattern
from clinllm.phi.recognizers.base import Candidate

__all__ = ["Hl7PidRecognizer"]

_PID: Final = LazyPattern(r"(?m)^[ \t]*PID\|[^\n]*")
#: PID field number -> type. 2-4 patient ids, 5 name, 6 mother's maiden name, 7 birth date,
#: 9 alias, 11 address, 13-14 phones, 18 account, 19 SSN, 20 driver's licence, 21 mother's id.
_FIELDS: Final[dict[int, str]] = {
    2: "MRN",
    3: "MRN",
    4: "MRN",
    5: "NAME",
    6: "NAME",
    7: "DATE",
    9: "NAME",
    11: "ADDRESS",
    13: "PHONE",
    14: "PHONE",
    18: "ACCOUNT",
    19: "SSN",
    20: "LICENSE",
    21: "OTHER_ID",
}


_ID_KINDS: Final = frozenset({"MRN", "ACCOUNT", "SSN", "LICENSE", "OTHER_ID"})


class Hl7PidRecognizer:
    """The identifying fields of HL7 v2 PID segments, each as one span."""

    name = "hl7_pid"

    def analyze(self, text: str) -> Iterator[Candidate]:
        """Yield one candidate per non-empty identifying PID field."""
        if "PID|" not in text:
            return
        for m in _PID.finditer(text):
            segment = m.group()
            pos = m.start()
            for number, field in enumerate(segment.split("|")):
                start = pos
                pos += len(field) + 1
                kind = _FIELDS.get(number)
                value = field.rstrip("^ ")
                lead = len(value) - len(value.lstrip("^ "))
                if kind is None or not value.strip("^ "):
                    continue
                if kind in _ID_KINDS:
                    # "MRN44817263^^^LKH": the id, not its assigning authority.
                    value = value[: lead + len(value[lead:].split("^", 1)[0])]
                if kind == "DATE":
                    # 19600101 or 196001011230: keep the date part only.
                    value = value[: 8 + lead]
                yield Candidate(start + lead, start + len(value), kind, 0.9, self.name, priority=86)
