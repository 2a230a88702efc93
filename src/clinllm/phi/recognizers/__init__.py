"""The recognizer registry: one small class per identifier kind.

``default_recognizers()`` builds the set the default detector uses; pass your own sequence
to :class:`clinllm.phi.PhiDetector` to add a site-specific rule (a local MRN format) or to
drop one.
"""

from __future__ import annotations

from clinllm.phi.recognizers.address import AddressRecognizer, CityRecognizer
from clinllm.phi.recognizers.address_blocks import (
    AddressBlockRecognizer,
    AddressFieldRecognizer,
    PostcodeRecognizer,
)
from clinllm.phi.recognizers.base import Candidate, Recognizer
from clinllm.phi.recognizers.contact import (
    EmailRecognizer,
    IpRecognizer,
    PhoneFaxRecognizer,
    SsnRecognizer,
    UrlRecognizer,
)
from clinllm.phi.recognizers.dates import AgeOver89Recognizer, DateRecognizer
from clinllm.phi.recognizers.hl7 import Hl7PidRecognizer
from clinllm.phi.recognizers.identifiers import (
    AccountNumberRecognizer,
    DeaRecognizer,
    GenericIdRecognizer,
    MacAddressRecognizer,
    MbiRecognizer,
    NpiRecognizer,
    PlateAfterVehicleRecognizer,
    UdiRecognizer,
    VinRecognizer,
)
from clinllm.phi.recognizers.labelled_ids import LabelledIdRecognizer
from clinllm.phi.recognizers.names import NameRecognizer
from clinllm.phi.recognizers.names_context import ContextNameRecognizer
from clinllm.phi.recognizers.names_forms import FormNameRecognizer
from clinllm.phi.recognizers.spoken import SpokenNumberRecognizer
from clinllm.phi.recognizers.tables import TableColumnRecognizer

__all__ = [
    "AccountNumberRecognizer",
    "AddressBlockRecognizer",
    "AddressFieldRecognizer",
    "AddressRecognizer",
    "AgeOver89Recognizer",
    "Candidate",
    "CityRecognizer",
    "ContextNameRecognizer",
    "DateRecognizer",
    "DeaRecognizer",
    "EmailRecognizer",
    "FormNameRecognizer",
    "GenericIdRecognizer",
    "Hl7PidRecognizer",
    "IpRecognizer",
    "LabelledIdRecognizer",
    "MacAddressRecognizer",
    "MbiRecognizer",
    "NameRecognizer",
    "NpiRecognizer",
    "PhoneFaxRecognizer",
    "PlateAfterVehicleRecognizer",
    "PostcodeRecognizer",
    "Recognizer",
    "SpokenNumberRecognizer",
    "SsnRecognizer",
    "TableColumnRecognizer",
    "UdiRecognizer",
    "UrlRecognizer",
    "VinRecognizer",
    "default_recognizers",
]


def default_recognizers() -> tuple[Recognizer, ...]:
    """Every built-in recognizer, covering all Safe Harbor categories found in text."""
    return (
        EmailRecognizer(),
        UrlRecognizer(),
        IpRecognizer(),
        MacAddressRecognizer(),
        AccountNumberRecognizer(),
        PhoneFaxRecognizer(),
        SsnRecognizer(),
        DateRecognizer(),
        AgeOver89Recognizer(),
        AddressRecognizer(),
        AddressBlockRecognizer(),
        AddressFieldRecognizer(),
        PostcodeRecognizer(),
        CityRecognizer(),
        LabelledIdRecognizer(),
        TableColumnRecognizer(),
        NpiRecognizer(),
        DeaRecognizer(),
        MbiRecognizer(),
        VinRecognizer(),
        PlateAfterVehicleRecognizer(),
        UdiRecognizer(),
        GenericIdRecognizer(),
        SpokenNumberRecognizer(),
        Hl7PidRecognizer(),
        NameRecognizer(),
        ContextNameRecognizer(),
        FormNameRecognizer(),
    )
