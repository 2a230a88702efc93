"""Retrieval adapters for policy search: loading, chunking, embeddings, indexes, fusion.

Nothing is imported here, so a workflow can use the pure modules (loader, chunker) without
pulling in the database adapters (``sqlite_index``, ``postgres_index``).
"""
