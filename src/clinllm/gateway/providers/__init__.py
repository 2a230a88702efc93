"""Provider adapters, one module per technology.

Each vendor SDK is imported only inside its own module, and each module is imported only when a
provider string names it (see :mod:`clinllm.gateway.registry`).
"""
