"""Read one article: mentions, parties, events, citations, compared with the policy data."""

from __future__ import annotations

from dataclasses import replace

from clearance.media.citations import find_citations
from clearance.media.compare import KnownRecords
from clearance.media.events import extract_events
from clearance.media.gazetteer import Gazetteer
from clearance.media.linking import Linker, NameMatcher, party_key
from clearance.media.mentions import AUTHORITY, heuristic_mentions
from clearance.media.types import Article, Mention, Party, Reading


class MediaReader:
    """Everything needed to read articles, built once and reused for a batch."""

    def __init__(
        self,
        gazetteer: Gazetteer,
        matcher: NameMatcher | None = None,
        known: KnownRecords | None = None,
        threshold: float = 0.7,
    ) -> None:
        self.gazetteer = gazetteer
        self.linker = Linker(gazetteer, matcher, threshold)
        self.known = known or KnownRecords(())

    def read(self, article: Article) -> Reading:
        mentions = self.gazetteer.find(article.text)
        mentions = sorted(
            [*mentions, *heuristic_mentions(article.text, mentions)], key=lambda m: m.start
        )
        parties = self.linker.parties(mentions)
        party_of = self._party_of(mentions, parties)
        events = extract_events(article, mentions, party_of)
        by_key = {p.key: p for p in parties}
        events = [replace(e, policy=self.known.compare(e, by_key.get(e.party))) for e in events]
        return Reading(article, tuple(parties), tuple(events), tuple(find_citations(article.text)))

    @staticmethod
    def _party_of(mentions: list[Mention], parties: list[Party]) -> dict[tuple[int, int], str]:
        """The party of each mention that can be an event's target (not an authority)."""
        keys = {surface: p.key for p in parties for surface in p.mentions}
        return {
            (m.start, m.end): keys.get(m.text, party_key(m))
            for m in mentions
            if m.method != AUTHORITY
        }
