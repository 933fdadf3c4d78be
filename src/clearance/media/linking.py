"""From mentions to parties: group the surface forms of one party, link it to listed entities.

The gazetteer proposes candidates by exact normalised name; the matching engine (a `NameMatcher`,
i.e. `clearance.match.Screener`) scores them and explains the score. A mention found only by the
rules is linked when the engine calls it a match *and* every distinctive token of the mention is
in the candidate's name and the schemas agree — so "Xiaomi" is never forced onto
"ZHANG, Xiaoming", whose score may be high on characters but shares no token.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Protocol

from clearance.match.types import Match, Query
from clearance.media.distinctive import is_brand_token, is_ordinary
from clearance.media.gazetteer import EntityInfo, Gazetteer
from clearance.media.types import LinkedEntity, Mention, Party, PartyStatus
from clearance.model import Schema
from clearance.names import normalise_name

# A rule-found mention needs a near-certain engine score to be linked at all.
HEURISTIC_MIN_SCORE = 0.9
# Scores of gazetteer links when no engine is available, by the kind of key that hit.
GAZETTEER_SCORES = {"name": 1.0, "han": 1.0, "short": 0.95, "brand": 0.85}
ENGINE_LIMIT = 10


class NameMatcher(Protocol):
    def match(self, query: Query, threshold: float, limit: int) -> list[Match]: ...


def party_key(mention: Mention) -> str:
    """The key that groups one party's surface forms: its brand token, or its name's tokens."""
    if mention.method == "gazetteer-pinyin":
        return mention.key
    tokens = normalise_name(mention.text, mention.organisation).tokens
    if not tokens:
        return mention.text.casefold()
    if mention.organisation is not False and is_brand_token(tokens[0]):
        return tokens[0]
    return " ".join(tokens)


def _group(mentions: Sequence[Mention]) -> dict[str, list[Mention]]:
    """Union of party keys that share an entity, so "Huawei Technologies" joins "Huawei"."""
    parent: dict[str, str] = {}

    def find(key: str) -> str:
        while parent.setdefault(key, key) != key:
            key = parent[key]
        return key

    owner: dict[str, str] = {}
    keyed = [(party_key(m), m) for m in mentions]
    for key, mention in keyed:
        find(key)
        for entity_id in mention.entity_ids:
            if entity_id in owner:
                a, b = sorted((find(owner[entity_id]), find(key)), key=len)
                parent[b] = a
            else:
                owner[entity_id] = key
    groups: dict[str, list[Mention]] = defaultdict(list)
    for key, mention in keyed:
        groups[find(key)].append(mention)
    return groups


def _shares_tokens(mention: str, candidate: str, organisation: bool | None) -> bool:
    wanted = {t for t in normalise_name(mention, organisation).tokens if not is_ordinary(t)}
    have = set(normalise_name(candidate, organisation).tokens)
    return bool(wanted) and wanted <= have


def _schema_agrees(schema: Schema, organisation: bool | None) -> bool:
    if organisation is None:
        return True
    return schema.is_organisation if organisation else schema is Schema.PERSON


class Linker:
    """Turns the mentions of one article into parties linked to the gazetteer's entities."""

    def __init__(
        self, gazetteer: Gazetteer, matcher: NameMatcher | None = None, threshold: float = 0.7
    ) -> None:
        self.gazetteer = gazetteer
        self.matcher = matcher
        self.threshold = threshold

    def parties(self, mentions: Sequence[Mention]) -> list[Party]:
        parties = [self._party(key, group) for key, group in _group(mentions).items()]
        return sorted(parties, key=lambda p: (-p.mention_count, p.key))

    def _party(self, key: str, group: list[Mention]) -> Party:
        surfaces = Counter(m.text for m in group)
        latin = [s for s in surfaces if s.isascii()] or list(surfaces)
        name = max(latin, key=lambda s: (surfaces[s], -len(s)))
        organisation = next((m.organisation for m in group if m.organisation is not None), None)
        linked = self._linked(group, organisation)
        listed = [e for e in linked if not self.gazetteer.entities[e.entity_id].curated]
        curated = [e for e in linked if self.gazetteer.entities[e.entity_id].curated]
        status = (
            PartyStatus.LISTED
            if listed
            else PartyStatus.CURATED
            if curated
            else PartyStatus.UNLISTED
        )
        return Party(
            key=key,
            name=name,
            status=status,
            mentions=tuple(sorted(surfaces, key=lambda s: -surfaces[s])),
            mention_count=len(group),
            organisation=organisation,
            entities=tuple(sorted(linked, key=lambda e: (-e.score, e.entity_id))),
            curated_id=curated[0].entity_id if curated else None,
        )

    def _linked(self, group: list[Mention], organisation: bool | None) -> list[LinkedEntity]:
        found: dict[str, LinkedEntity] = {}
        for mention in group:
            entry = self.gazetteer.keys.get(mention.key)
            for entity_id in mention.entity_ids:
                if entity_id in found:
                    continue
                info = self.gazetteer.entities[entity_id]
                kind = str(entry.kind) if entry else "name"
                found[entity_id] = _link(info, GAZETTEER_SCORES[kind], f"gazetteer {kind} key")
        for linked in self._engine_links(group, organisation):
            found.setdefault(linked.entity_id, linked)
        return list(found.values())

    def _engine_links(self, group: list[Mention], organisation: bool | None) -> list[LinkedEntity]:
        """Rule-found mentions, confirmed by the matching engine or left unlinked."""
        if self.matcher is None:
            return []
        names = tuple(sorted({m.text for m in group if not m.entity_ids}))
        if not names:
            return []
        schema = None if organisation is None else Schema.COMPANY if organisation else Schema.PERSON
        out: list[LinkedEntity] = []
        for match in self.matcher.match(
            Query(names=names, schema=schema), self.threshold, ENGINE_LIMIT
        ):
            candidate = match.comparison.candidate_name
            if not (match.is_match and match.score >= HEURISTIC_MIN_SCORE):
                continue
            if not _schema_agrees(match.entity.schema, organisation):
                continue
            if not _shares_tokens(match.comparison.query_name, candidate, organisation):
                continue
            lists = tuple(sorted({listing.list_id for listing in match.entity.listings}))
            info = EntityInfo(
                match.entity.id, match.entity.caption, match.entity.schema, lists, False
            )
            self.gazetteer.entities.setdefault(info.id, info)
            out.append(_link(info, match.score, match.comparison.explanation()))
        return out


def _link(info: EntityInfo, score: float, explanation: str) -> LinkedEntity:
    return LinkedEntity(info.id, info.caption, score, info.lists, explanation, info.citations)
