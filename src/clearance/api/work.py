"""Where CPU-bound request work runs: a small, bounded pool of threads beside the event loop.

Matching is pure Python and holds the GIL, so more threads add no throughput; they only make
every request share the interpreter and finish late together. A few threads are enough to
overlap one request's audit commit (which waits on the database, GIL released) with the next
request's matching, and let concurrent audit records share one commit. Requests beyond the
bound wait their turn in order, which keeps tail latency close to the median.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import anyio.to_thread
from anyio import CapacityLimiter

T = TypeVar("T")


class Compute:
    def __init__(self, threads: int) -> None:
        self.threads = threads
        self._limiter: CapacityLimiter | None = None

    async def run(self, work: Callable[[], T]) -> T:
        if self._limiter is None:  # created on the event loop that uses it
            self._limiter = CapacityLimiter(self.threads)
        return await anyio.to_thread.run_sync(work, limiter=self._limiter)
