"""The pure domain core: value objects shared by every workflow, with no I/O.

Nothing here imports the gateway, a store, a web framework or a vendor SDK (an import-linter
contract keeps it that way), so the rules that decide what a document says can be tested and
reused without a model or a database.
"""

from __future__ import annotations

from clinllm.domain.evidence import Evidence, page_at
from clinllm.domain.findings import Finding, Severity

__all__ = ["Evidence", "Finding", "Severity", "page_at"]
