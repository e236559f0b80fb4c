"""A backup taken while people keep writing is one consistent snapshot: it restores (no dangling reference)."""

from __future__ import annotations

import gzip
import json
import threading
import time

import pytest
from django.db import connection, transaction

from sitroom.evidence.models import Claim, Source
from sitroom.exchange.backup import database_backup


@pytest.mark.django_db(transaction=True)
def test_a_backup_taken_during_writes_has_no_claim_without_its_source(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL here (the SQLite backup holds the write lock, so writers wait)")
    stop = threading.Event()
    written = []

    def writer() -> None:
        from django.db import connection as own

        number = 0
        while not stop.is_set():
            with transaction.atomic():
                source = Source.objects.create(content_hash=f"{number:064x}", original=b"x", text="text of a report")
                Claim.objects.create(source=source, kind="figure", start=0, end=4, text="text")
            written.append(number)
            number += 1
        own.close()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        while len(written) < 20:
            time.sleep(0.01)
        path = tmp_path / "during-writes.jsonl.gz"
        database_backup(path)
        written_during = len(written)
    finally:
        stop.set()
        thread.join()
    sources, claim_sources = set(), []
    with gzip.open(path, "rt") as lines:
        next(lines)  # header
        for line in lines:
            obj = json.loads(line)
            if obj.get("model") == "evidence.source":
                sources.add(obj["pk"])
            elif obj.get("model") == "evidence.claim":
                claim_sources.append(obj["fields"]["source"])
    assert claim_sources, "the backup holds the claims written before it started"
    assert all(source in sources for source in claim_sources), "a claim in the backup points at a source it lacks"
    assert len(written) >= written_during  # the writer kept writing while the backup ran
