"""Writes to evidence: reports in (ingest), claims reviewed (accept, reject, reopen)."""

from .documents import Document, documents_from_file, documents_from_records
from .ingest import IngestResult, content_hash, source_ingest
from .review import claim_accept, claim_reject, claim_reopen

__all__ = [
    "Document", "IngestResult", "claim_accept", "claim_reject", "claim_reopen", "content_hash",
    "documents_from_file", "documents_from_records", "source_ingest",
]
