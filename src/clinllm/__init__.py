"""clinllm: put LLMs into regulated healthcare workflows safely.

The public API is re-exported here; everything else is internal and may change.
"""

from clinllm.errors import (
    AllProvidersFailed,
    ClinLLMError,
    ConfigError,
    ContentError,
    DataPolicyViolation,
    DeadlineExceeded,
    InputError,
    ProviderError,
    SchemaViolation,
)
from clinllm.gateway import CallPolicy, CallResult, Gateway, Message

__all__ = [
    "AllProvidersFailed",
    "CallPolicy",
    "CallResult",
    "ClinLLMError",
    "ConfigError",
    "ContentError",
    "DataPolicyViolation",
    "DeadlineExceeded",
    "Gateway",
    "InputError",
    "Message",
    "ProviderError",
    "SchemaViolation",
]

__version__ = "0.1.0"
