"""The one service layer that every interface (CLI, HTTP API, web) calls.

`Clearance` owns the store and the compiled match index for one configuration. It loads the
bundled lists into an empty store on first use, so a first command answers real questions
with no network.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING

from clearance.settings import Settings

if TYPE_CHECKING:
    from clearance.match import Match, Screener
    from clearance.policy import Decision, PolicyBook, TimelineEvent
    from clearance.store import Store


class Clearance:
    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings.from_env()
        # (policy book, fingerprint of its curated parties, the index built with them)
        self._screener_state: tuple[PolicyBook, str, Screener] | None = None

    @cached_property
    def store(self) -> Store:
        from clearance.store import Store
        from clearance.store.bootstrap import ensure_bundled

        store = Store(self.settings.db_url)
        ensure_bundled(store)
        return store

    @property
    def screener(self) -> Screener:
        """The index every call matches against; `use_screener` replaces it (hot swap).

        Kept while the curated parties stay the same: a listing approved from the news
        changes them, and the next call rebuilds the index with it (no manual rebuild)."""
        from clearance.match.screener import extra_fingerprint
        from clearance.policy import curated_entities

        book = self.policy_book()
        state = self._screener_state
        if state is not None and state[0] is book:
            return state[2]
        _, fingerprint = extra_fingerprint(curated_entities(book))
        if state is None or state[1] != fingerprint:
            state = (book, fingerprint, self.build_screener())
        else:
            state = (book, fingerprint, state[2])
        self._screener_state = state
        return state[2]

    def use_screener(self, screener: Screener) -> None:
        """Serve every later call (match, decide, timeline) from `screener`, e.g. one built
        from a newer snapshot; calls already running finish on the index they started with."""
        from clearance.match.screener import extra_fingerprint
        from clearance.policy import curated_entities

        book = self.policy_book()
        _, fingerprint = extra_fingerprint(curated_entities(book))
        self._screener_state = (book, fingerprint, screener)

    def build_screener(self) -> Screener:
        """A new index of the store's active data as it is now."""
        from clearance.match import Screener
        from clearance.policy import curated_entities

        # Curated designations the bundled lists lack (e.g. Xiaomi's CCMC designation), and
        # those approved from the news.
        extra = curated_entities(self.policy_book())
        return Screener.load_or_build(self.store, self.settings.cache_dir, extra=extra)

    def policy_book(self) -> PolicyBook:
        """The bundled policy data plus the records approved from the news (media_dir)."""
        from clearance.policy.approved import approved_dir, policy_book

        return policy_book(approved_dir(self.settings.media_path))

    def data_version(self) -> str:
        return self.store.data_version()

    def resolve_party(self, party: str) -> list[Match]:
        """Strong matches and the weak ones worth a human's look (review threshold)."""
        from clearance.match import Query

        found = self.screener.match(
            Query(names=(party,)), threshold=self.settings.match_threshold, limit=10
        )
        return [m for m in found if m.score >= self.settings.review_threshold]

    def decide(
        self, party: str, activity: str, on: date, facts: Mapping[str, str], actor: str = "cli"
    ) -> Decision:
        """Decide, and record the decision with its data version in the audit log."""
        from clearance.policy import decide

        decision = decide(
            party,
            activity,
            on,
            facts,
            resolve=self.resolve_party,
            data_version=self.data_version(),
            book=self.policy_book(),
        )
        payload = decision.to_dict()
        payload["settings"] = self.settings.describe()
        self.store.audit_append("decide", actor, payload)
        return decision

    def timeline(self, party_or_entity_id: str) -> list[TimelineEvent]:
        """The timeline of a listed entity by id, or of every entity a name strongly matches."""
        from clearance.errors import NotFoundError
        from clearance.policy import timeline

        try:
            entities = [self.screener.entity(party_or_entity_id)]
        except NotFoundError:
            entities = [m.entity for m in self.resolve_party(party_or_entity_id) if m.is_match]
        if not entities:
            raise NotFoundError(f"no listed entity with id or name {party_or_entity_id!r}")
        return timeline(entities, self.policy_book())
