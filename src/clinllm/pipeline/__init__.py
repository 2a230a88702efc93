"""The stages a document passes through, one module per stage in run order (ingest first)."""
