"""The model gateway: one async interface for every structured model call.

```python
from clinllm.gateway import CallPolicy, Gateway, Message

result = await gateway.complete(
    [Message(role="system", content=INSTRUCTIONS), Message(role="user", content=text)],
    output=MyModel,
    policy=CallPolicy(deadline_s=30, chain=("openai:gpt-4o-mini", "local:qwen2.5-coder-1.5b")),
)
value = result.unwrap()  # the validated MyModel, or the typed failure raised
```
"""

from clinllm.domain.calls import Attempt, CallPolicy, CallResult
from clinllm.gateway.config import ProvidersConfig
from clinllm.gateway.gateway import Gateway
from clinllm.gateway.ports import Capabilities, ChatModel, DataPolicy, Message, Usage

__all__ = [
    "Attempt",
    "CallPolicy",
    "CallResult",
    "Capabilities",
    "ChatModel",
    "DataPolicy",
    "Gateway",
    "Message",
    "ProvidersConfig",
    "Usage",
]
