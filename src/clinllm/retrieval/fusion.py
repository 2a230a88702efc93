"""Reciprocal rank fusion: one ranking from the full-text list and the vector list.

RRF (Cormack, Clarke and Büttcher, 2009) adds ``1 / (k + rank)`` over the lists a chunk is in.
It needs no score calibration between BM25 and cosine similarity, which live on unrelated
scales, and a chunk found by both retrievers rises above one found by either alone.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["RRF_K", "reciprocal_rank_fusion"]

#: The constant of the original paper; dampens the weight of the very first ranks.
RRF_K = 60


def reciprocal_rank_fusion(
    *rankings: Sequence[str], k: int = RRF_K
) -> list[tuple[str, float, tuple[int | None, ...]]]:
    """Fuse ranked id lists into ``(id, score, rank in each list)``, best first.

    Ties keep the order of first appearance (the first list wins), so the result is
    deterministic.
    """
    scores: dict[str, float] = {}
    ranks: dict[str, list[int | None]] = {}
    for position, ranking in enumerate(rankings):
        for rank, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + 1.0 / (k + rank)
            ranks.setdefault(item, [None] * len(rankings))[position] = rank
    order = sorted(scores, key=lambda i: -scores[i])
    return [(i, scores[i], tuple(ranks[i])) for i in order]
