"""Code sets: ICD-10-CM, CPT and HCPCS formats, NPI check digits, the user's code table.

ICD-10-CM is the full set, offline.
CPT descriptors are licensed by the AMA and are never shipped: CPT is checked by format here,
and by the user's own licensed table when one has been imported (``clinllm codes import``).
"""

from __future__ import annotations

from clinllm.codes import cpt, hcpcs, icd10cm, npi
from clinllm.codes.table import CodeSystem, CodeTable

__all__ = ["CodeSystem", "CodeTable", "cpt", "hcpcs", "icd10cm", "npi"]
