"""The index a worker serves from, and how it follows new snapshots without a restart.

Each worker loads the screener in a background thread (`/readyz` answers 503 until then), then
checks `store.data_version()` every `refresh_seconds`. When another process has ingested a new
snapshot, the worker builds a new screener beside the one in service and swaps it in with one
assignment, in the runtime and in the service (so /decide and /timeline follow it too):
requests in flight finish on the old index, the next ones use the new one, none fails. The
screener and the data version it was built from travel together, so every answer
(and its audit record) names the version it was really computed from.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from clearance.api.changes import EntityHistory, entity_histories
from clearance.api.errors import NotReadyError

if TYPE_CHECKING:
    from clearance.match import Screener
    from clearance.service import Clearance

log = logging.getLogger("clearance.api.runtime")


@dataclass(frozen=True)
class Loaded:
    screener: Screener
    data_version: str
    # first seen / last change of each entity, for yente's `changed_since` and entity fields
    histories: Mapping[str, EntityHistory] = field(default_factory=dict)


class Runtime:
    def __init__(self, service: Clearance, refresh_seconds: float) -> None:
        self.service = service
        self.refresh_seconds = refresh_seconds
        self._loaded: Loaded | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.swaps = 0
        self.load_error: str | None = None

    @property
    def loaded(self) -> Loaded | None:
        """The index in service, or None while loading."""
        return self._loaded

    @property
    def ready(self) -> bool:
        return self._loaded is not None

    def current(self) -> Loaded:
        loaded = self._loaded
        if loaded is None:
            raise NotReadyError("the match index is still loading; retry in a few seconds")
        return loaded

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="clearance-index", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)

    def _run(self) -> None:
        while not self._stop.is_set() and self._loaded is None:
            try:
                version = self.service.data_version()
                screener = self.service.screener
                self._loaded = Loaded(screener, version, self._histories(version))
                self.load_error = None
                log.info("index loaded", extra={"data_version": version})
            except Exception as exc:  # keep trying: the store may come up later
                self.load_error = str(exc)
                log.exception("index load failed; retrying")
                self._stop.wait(self.refresh_seconds)
        while not self._stop.wait(self.refresh_seconds):
            self.refresh()

    def _histories(self, version: str) -> Mapping[str, EntityHistory]:
        return entity_histories(self.service.store.engine, version)

    def refresh(self) -> bool:
        """Swap in a new screener if the store's data version or the curated parties (a
        listing approved from the news) changed; True if swapped."""
        try:
            version = self.service.data_version()
            loaded = self._loaded
            if loaded is not None and version == loaded.data_version:
                # The service rebuilds its index itself when the curated parties change.
                screener = self.service.screener
                if screener is loaded.screener:
                    return False
                histories = loaded.histories
            else:
                screener = self.service.build_screener()
                # Built from the store as it is now; read the version again so that a
                # snapshot landing during the build is picked up by the next check.
                histories = self._histories(version)
            self.service.use_screener(screener)
            self._loaded = Loaded(screener, version, histories)
            self.swaps += 1
            log.info("index swapped", extra={"data_version": version})
            return True
        except Exception:
            log.exception("index refresh failed; still serving the previous index")
            return False
