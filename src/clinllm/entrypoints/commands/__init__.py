"""Sub-commands of ``clinllm``, one module each, mounted by :mod:`clinllm.entrypoints.cli`."""
