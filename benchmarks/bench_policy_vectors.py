"""Bytes the policy store spends on dense vectors, against the same vectors as raw float32.

Ingests a dataset's ``policy_docs.jsonl`` (FORMAT.md) into a fresh SQLite store with the real
embedder (as ``clinllm policies ingest`` does), then reads back what ``policy_chunks`` holds:
chunk vectors and sentence vectors in the stored format (int8 rows with a per-row scale,
``clinllm.store.vector_codec``), beside the bytes the same rows take as raw float32, the
format before migration ``0013_compact_vectors`` (the peer). Sizes are deterministic for one
embedder and one dataset, so one run is enough; the SQLite file is measured after ``VACUUM``.

    .venv/bin/python benchmarks/bench_policy_vectors.py --data ../shared/data/dev \
        --json out/bench/vectors.json
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import tempfile
from pathlib import Path
from typing import Any

from clinllm.bootstrap.policies import build_embedder, build_policy_ingestor, build_sentence_vectors
from clinllm.evals import datasets
from clinllm.retrieval.loader import load_policy_text
from clinllm.settings import load_settings
from clinllm.store import Store, make_engine, upgrade, vector_codec

_TENANT = "bench"
_PER_100K = 100_000


def _rows(digests: str | None) -> int:
    """How many sentence rows a stored value holds (its digests are a JSON list)."""
    return len(json.loads(digests or "null") or []) or 1


def measure(data: Path, directory: Path) -> dict[str, Any]:
    """Ingest ``data``'s policies into a store under ``directory`` and size its vectors."""
    _, loaded = datasets.load_policy(data)
    path = directory / "policy.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    settings = load_settings()
    embedder = build_embedder(settings)
    ingestor = build_policy_ingestor(
        settings, Store(engine), embedder=embedder, sentences=build_sentence_vectors(embedder)
    )
    for doc in loaded.docs.values():
        text = load_policy_text(doc.input.text, title=doc.input.title)
        ingestor.ingest(doc.id, text, groups=doc.input.groups, tenant=_TENANT)
    engine.dispose()
    with sqlite3.connect(path) as db:
        rows = db.execute(
            "SELECT vector, sentence_vectors, sentence_digests FROM policy_chunks"
        ).fetchall()
        db.execute("VACUUM")
    chunks = len(rows)
    stored = {"chunk": 0, "sentence": 0}
    float32 = {"chunk": 0, "sentence": 0}
    sentence_rows = 0
    for vector, sentence_vectors, digests in rows:
        for kind, blob, count in (
            ("chunk", vector, 1),
            ("sentence", sentence_vectors, _rows(digests)),
        ):
            if blob is None:
                continue
            matrix = vector_codec.decode(bytes(blob), count)
            stored[kind] += len(blob)
            float32[kind] += int(matrix.size) * 4
            if kind == "sentence":
                sentence_rows += int(matrix.shape[0])
    if not chunks:
        raise SystemExit(f"{data}: no policy chunks were stored")
    per_chunk = (stored["chunk"] + stored["sentence"]) / chunks
    per_chunk_f32 = (float32["chunk"] + float32["sentence"]) / chunks
    return {
        "data": str(data),
        "documents": len(loaded.docs),
        "chunks": chunks,
        "sentence_rows": sentence_rows,
        "stored_bytes": stored,
        "float32_bytes": float32,
        "bytes_per_chunk": round(per_chunk),
        "float32_bytes_per_chunk": round(per_chunk_f32),
        "ratio_to_float32": round(per_chunk / per_chunk_f32, 4),
        "gb_per_100k_chunks": round(per_chunk * _PER_100K / 1e9, 3),
        "sqlite_file_bytes": path.stat().st_size,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data/dev"))
    parser.add_argument("--json", type=Path, default=None, help="Write the figures here")
    args = parser.parse_args()
    if not (args.data / "policy_docs.jsonl").is_file():
        print(f"error: {args.data} has no policy_docs.jsonl", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="clinllm-bench-vectors-") as tmp:
        figures = measure(args.data, Path(tmp))
    print(
        f"{figures['documents']} documents, {figures['chunks']} chunks, "
        f"{figures['sentence_rows']} sentence vectors\n"
        f"vector bytes per chunk: {figures['bytes_per_chunk']:,} stored, "
        f"{figures['float32_bytes_per_chunk']:,} as float32 "
        f"(ratio {figures['ratio_to_float32']}); "
        f"{figures['gb_per_100k_chunks']} GB per 100k chunks; "
        f"SQLite file {figures['sqlite_file_bytes']:,} B"
    )
    if args.json is not None:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
