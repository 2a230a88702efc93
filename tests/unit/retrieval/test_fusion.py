from __future__ import annotations

import pytest

from clinllm.retrieval.fusion import RRF_K, reciprocal_rank_fusion
from clinllm.retrieval.postgres_index import tsquery
from clinllm.retrieval.sqlite_index import fts_query


def test_a_chunk_in_both_lists_outranks_one_in_a_single_list() -> None:
    fused = reciprocal_rank_fusion(["a", "b", "c"], ["c", "d"])
    # b and d tie (both rank 2): the first list wins ties
    assert [item for item, _, _ in fused] == ["c", "a", "b", "d"]
    c = fused[0]
    assert c[1] == pytest.approx(1 / (RRF_K + 3) + 1 / (RRF_K + 1))
    assert c[2] == (3, 1)
    assert dict((i, r) for i, _, r in fused)["b"] == (2, None)


def test_empty_lists_fuse_to_nothing() -> None:
    assert reciprocal_rank_fusion([], []) == []


def test_full_text_queries_carry_only_quoted_words() -> None:
    question = 'title:"Policy" OR NEAR(a b) wheelchair* ) -- ; DROP TABLE x'
    assert (
        fts_query(question) == '"title" OR "policy" OR "near" OR "wheelchair" OR "drop" OR "table"'
    )
    assert tsquery(question) == "title | policy | near | wheelchair | drop | table"
    assert fts_query("how is it?") is None
    assert tsquery("") is None
