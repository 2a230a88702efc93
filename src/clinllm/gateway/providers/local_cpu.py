"""Does this CPU have the instructions the installed llama.cpp build was compiled for?

A llama.cpp library compiled for instructions the CPU lacks dies with SIGILL (or worse, a
segfault) on the first token. clinllm's set-up compiles llama-cpp-python with fixed, portable
flags (AVX2, FMA, F16C, no AVX-512 or AMX), but a wheel built elsewhere can carry other flags,
so the flags are read from the build itself: the wheel ships ggml's CMake package
configuration (``lib/cmake/ggml/ggml-config.cmake``), which records every ``GGML_<ISA>``
option. Each option that is on must be in the CPU flags of ``/proc/cpuinfo``; otherwise
clinllm refuses to load the model with a :class:`ConfigError` naming what is missing, instead
of crashing.

A native build (``GGML_NATIVE=ON``) targets whatever CPU compiled it, which cannot be known
afterwards: nothing is checked then (the child process still contains a crash).
"""

from __future__ import annotations

import importlib.metadata
import platform
import re
from pathlib import Path

from clinllm.errors import ConfigError

__all__ = [
    "DEFAULT_REQUIRED",
    "GGML_OPTION_FLAGS",
    "check_cpu_features",
    "cpu_flags",
    "installed_build_config",
    "required_cpu_features",
]

#: ``/proc/cpuinfo`` flags each ggml build option compiles in (ggml-cpu's CMake file).
GGML_OPTION_FLAGS: dict[str, tuple[str, ...]] = {
    "GGML_SSE42": ("sse4_2",),
    "GGML_AVX": ("avx",),
    "GGML_AVX2": ("avx2",),
    "GGML_BMI2": ("bmi2",),
    "GGML_FMA": ("fma",),
    "GGML_F16C": ("f16c",),
    "GGML_AVX_VNNI": ("avx_vnni",),
    "GGML_AVX512": ("avx512f", "avx512cd", "avx512vl", "avx512dq", "avx512bw"),
    "GGML_AVX512_VBMI": ("avx512vbmi",),
    "GGML_AVX512_VNNI": ("avx512_vnni",),
    "GGML_AVX512_BF16": ("avx512_bf16",),
    "GGML_AMX_TILE": ("amx_tile",),
    "GGML_AMX_INT8": ("amx_int8",),
    "GGML_AMX_BF16": ("amx_bf16",),
}

#: What clinllm's portable build needs, assumed when the build does not say.
DEFAULT_REQUIRED = frozenset({"avx", "avx2", "fma", "f16c"})

_SET = re.compile(r'^\s*set\((GGML_[A-Z0-9_]+)\s+"?(ON|OFF)"?\)', re.MULTILINE)
_DISTRIBUTION = "llama-cpp-python"
_CONFIG = "lib/cmake/ggml/ggml-config.cmake"


def required_cpu_features(cmake_config: str | None) -> frozenset[str] | None:
    """CPU flags a build needs, from its ``ggml-config.cmake`` text.

    Returns:
        The flags; :data:`DEFAULT_REQUIRED` when there is no config; None for a native build.
    """
    if cmake_config is None:
        return DEFAULT_REQUIRED
    options = dict(_SET.findall(cmake_config))
    if options.get("GGML_NATIVE") == "ON":
        return None
    return frozenset(
        flag
        for option, flags in GGML_OPTION_FLAGS.items()
        if options.get(option) == "ON"
        for flag in flags
    )


def cpu_flags(cpuinfo: str) -> frozenset[str]:
    """The flags of the first processor in ``/proc/cpuinfo`` text."""
    for line in cpuinfo.splitlines():
        key, _, value = line.partition(":")
        if key.strip() == "flags":
            return frozenset(value.split())
    return frozenset()


def installed_build_config() -> str | None:
    """The ``ggml-config.cmake`` text of the installed llama-cpp-python, if it ships one."""
    try:
        dist = importlib.metadata.distribution(_DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError:
        return None
    path = Path(str(dist.locate_file(_CONFIG)))
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return None


def check_cpu_features(
    *,
    cmake_config: str | None = None,
    cpuinfo: str | None = None,
    machine: str | None = None,
    setting: str = "CLINLLM_DEFAULT_CHAIN",
) -> None:
    """Refuse to run a llama.cpp build on a CPU that lacks its instructions (Linux x86-64).

    Args:
        cmake_config: The build's ``ggml-config.cmake`` text; read from the installed
            ``llama-cpp-python`` when None.
        cpuinfo: ``/proc/cpuinfo`` text; read when None.
        machine: ``platform.machine()`` when None. Other machines than x86-64 are not checked.
        setting: The setting to name in the error.

    Raises:
        ConfigError: Naming the missing CPU flags and what to do.
    """
    if (machine or platform.machine()).lower() not in {"x86_64", "amd64"}:
        return
    if cpuinfo is None:
        try:
            cpuinfo = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return  # not Linux: nothing to read the flags from
    required = required_cpu_features(
        cmake_config if cmake_config is not None else installed_build_config()
    )
    if required is None:
        return
    missing = sorted(required - cpu_flags(cpuinfo))
    if missing:
        raise ConfigError(
            f"this CPU lacks {', '.join(missing)}, which the installed llama-cpp-python build "
            "was compiled for: the embedded model would crash. Rebuild llama-cpp-python on this "
            "machine (scripts/dev.py) or use another provider in the chain "
            f"({setting}, or --provider rules)",
            setting=setting,
        )
