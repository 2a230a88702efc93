"""The pure domain core: values and rules shared by every workflow, with no I/O.

Nothing here imports the pipeline, the gateway, a store, a web framework or a vendor SDK (an
import-linter contract keeps it that way), so the rules that decide what a document says can be
tested and reused without a model or a database. What lives here:

- :mod:`.evidence`, :mod:`.findings`: the one span type and what validation says about values;
- :mod:`.records`, :mod:`.review`, :mod:`.audit`: what is stored, the human queue, the audit log;
- :mod:`.outcome`: the result of one workflow run; :mod:`.calls`: the values of a model call;
- :mod:`.ports`: the Protocols the pipeline needs (model, PHI guard, screen, stores, jobs);
- :mod:`.dates`, :mod:`.hashing`, :mod:`.labels`, :mod:`.screening`: shared primitives.
"""

from __future__ import annotations

from clinllm.domain.evidence import Evidence, page_at
from clinllm.domain.findings import Finding, Severity

__all__ = ["Evidence", "Finding", "Severity", "page_at"]
