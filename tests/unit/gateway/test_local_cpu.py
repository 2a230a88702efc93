"""The CPU check that keeps a llama.cpp build off a CPU lacking its instructions."""

from __future__ import annotations

import pytest

from clinllm.errors import ConfigError
from clinllm.gateway.providers.local_cpu import (
    DEFAULT_REQUIRED,
    check_cpu_features,
    cpu_flags,
    installed_build_config,
    required_cpu_features,
)

PORTABLE = """
set(GGML_NATIVE "OFF")
set(GGML_SSE42 "ON")
set(GGML_AVX "ON")
set(GGML_AVX2 "ON")
set(GGML_BMI2 "ON")
set(GGML_FMA "ON")
set(GGML_F16C "ON")
set(GGML_AVX512 "OFF")
set(GGML_AMX_TILE "OFF")
"""

CPUINFO = """processor\t: 0
vendor_id\t: GenuineIntel
flags\t\t: fpu sse4_2 avx f16c fma bmi2 {extra}
processor\t: 1
flags\t\t: fpu
"""


def test_the_required_flags_come_from_the_options_that_are_on() -> None:
    expected = frozenset({"sse4_2", "avx", "avx2", "bmi2", "fma", "f16c"})
    assert required_cpu_features(PORTABLE) == expected


def test_avx512_and_amx_builds_require_their_flags() -> None:
    config = PORTABLE.replace('AVX512 "OFF"', 'AVX512 "ON"').replace('TILE "OFF"', 'TILE "ON"')
    required = required_cpu_features(config)
    assert required is not None
    assert {"avx512f", "avx512bw", "amx_tile"} <= required


def test_a_native_build_cannot_be_checked_and_a_missing_config_means_the_default() -> None:
    assert required_cpu_features('set(GGML_NATIVE "ON")\nset(GGML_AVX2 "ON")') is None
    assert required_cpu_features(None) == DEFAULT_REQUIRED


def test_cpu_flags_reads_the_first_processor() -> None:
    assert "avx2" in cpu_flags(CPUINFO.format(extra="avx2"))
    assert cpu_flags("no flags here") == frozenset()


def test_a_cpu_without_avx2_is_refused_with_what_is_missing_and_the_setting() -> None:
    with pytest.raises(ConfigError, match="lacks avx2") as caught:
        check_cpu_features(
            cmake_config=PORTABLE, cpuinfo=CPUINFO.format(extra=""), machine="x86_64"
        )
    assert caught.value.setting == "CLINLLM_DEFAULT_CHAIN"
    assert "--provider rules" in str(caught.value)


def test_a_cpu_with_every_flag_passes_and_other_machines_are_not_checked() -> None:
    check_cpu_features(
        cmake_config=PORTABLE, cpuinfo=CPUINFO.format(extra="avx2"), machine="x86_64"
    )
    check_cpu_features(cmake_config=PORTABLE, cpuinfo="", machine="aarch64")


def test_the_installed_build_is_portable_avx2_without_avx512_or_amx() -> None:
    """The set-up's flags (scripts/dev.py) reach the wheel: a build that would need AVX-512 or
    AMX, or a native one, would crash on other CPUs of the same kind."""
    required = required_cpu_features(installed_build_config())
    assert required is not None, "llama-cpp-python was built with GGML_NATIVE=ON"
    assert {"avx", "avx2", "fma", "f16c"} <= required
    assert not {f for f in required if f.startswith(("avx512", "amx"))}
