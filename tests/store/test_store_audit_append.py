"""Concurrent appends from many threads and several processes keep one complete, intact chain."""

from __future__ import annotations

import subprocess
import sys
import threading

from store_fixtures import (  # type: ignore[import-not-found]  # noqa: F401
    postgres_url_fixture,
    store_fixture,
    store_url_fixture,
)

from clearance.store import Store

THREADS = 8
PER_THREAD = 25
OTHER_PROCESS = 60


def _append_from_threads(store: Store, errors: list[BaseException]) -> None:
    def work(thread: int) -> None:
        try:
            for i in range(PER_THREAD):
                store.audit_append("match", f"thread{thread}", {"i": i})
        except BaseException as exc:  # collected and asserted on below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(t,)) for t in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def test_concurrent_appends_form_one_complete_chain(store: Store, store_url: str) -> None:
    store.audit_append("start", "test", {})
    # Another process appends at the same time, as a second API worker would.
    code = (
        f"from clearance.store import Store; s = Store({store_url!r})\n"
        f"for i in range({OTHER_PROCESS}): s.audit_append('match', 'other', {{'i': i}})"
    )
    other = subprocess.Popen([sys.executable, "-c", code], stderr=subprocess.PIPE, text=True)
    errors: list[BaseException] = []
    _append_from_threads(store, errors)
    _, stderr = other.communicate(timeout=120)
    assert other.returncode == 0, stderr
    assert errors == []
    records = store.audit_records()
    assert len(records) == 1 + THREADS * PER_THREAD + OTHER_PROCESS
    assert [r.seq for r in records] == list(range(1, len(records) + 1))
    assert sum(r.actor == "other" for r in records) == OTHER_PROCESS
    assert store.audit_verify() == []


def test_appends_under_load_are_grouped_into_fewer_commits(store: Store) -> None:
    errors: list[BaseException] = []
    _append_from_threads(store, errors)
    assert errors == []
    assert len(store.audit_records()) == THREADS * PER_THREAD
    # Group commit: waiting callers ride along in the next transaction.
    assert store._audit.batches < THREADS * PER_THREAD
