"""Ingest into the store: one record per distinct file, refused files recorded as failed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from clinllm.pipeline.ingest import CorruptDocument, EmptyDocument, IngestError, ingest
from clinllm.samples import sample_paths
from clinllm.samples.render import text_pdf
from clinllm.store import Store
from clinllm.store.testing import migrated_sqlite

MB = 1 << 20


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with migrated_sqlite(tmp_path) as engine:
        yield Store(engine)


def test_same_file_twice_is_one_document(store: Store) -> None:
    (path,) = [p for p in sample_paths() if p.name.endswith("fax.pdf")]
    first, created = store.documents.add_ingested(ingest(path, max_bytes=MB))
    again, created_again = store.documents.add_ingested(ingest(path.read_bytes(), max_bytes=MB))
    assert created
    assert not created_again
    assert again.id == first.id
    assert first.pages == 2
    assert first.media_type == "application/pdf"
    assert "\f" in store.documents.text(first.id)


@pytest.mark.parametrize(
    ("data", "error_type"),
    [(text_pdf(["x"])[:150], CorruptDocument), (b"", EmptyDocument)],
)
def test_refused_file_is_recorded_as_failed(
    store: Store, data: bytes, error_type: type[IngestError]
) -> None:
    with pytest.raises(error_type) as info:
        ingest(data, max_bytes=MB, source_name="fax-0042.pdf")
    record = store.documents.add_ingest_error(info.value, data=data)
    assert record.status == "failed"
    assert record.error_type == error_type.__name__
    assert record.source_name == "fax-0042.pdf"
    assert record.sha256 is not None
    (event,) = store.audit.entries(action="document.failed")
    assert event.decision["error_type"] == error_type.__name__
