"""The gazetteer: every distinctive listed name, found in article text with one Aho-Corasick pass.

Keys are built from the names of the active snapshots' entities (and the policy data's curated
entities), normalised by `clearance.media.textnorm`:

- `name`: the full name ("huawei technologies co ltd"; persons also surname last);
- `short`: the name without its legal form ("huawei technologies");
- `brand`: the first token of an organisation's short name when it is rare in English
  ("huawei"), which is how the press writes company names;
- `han`: Han names as written (华为技术有限公司) and without legal form and generic words (华为).

Chinese text is also matched through pinyin: a run of Han characters whose pinyin is a brand key
(华为 → huawei) names that brand, so 华为 and Huawei resolve to the same entities.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

import ahocorasick

from clearance.media.distinctive import is_brand_token, is_distinctive_phrase
from clearance.media.textnorm import normalise_key, normalise_text
from clearance.media.types import Mention
from clearance.model import Entity, Schema
from clearance.names import normalise_name
from clearance.names.han import HAN_GENERIC_WORDS, HAN_RE, pinyin, to_simplified
from clearance.names.legal_forms import extract_han_legal_forms

# Vessel and aircraft names ("ARMAN", "SEA STAR") read as ordinary words in news text.
SEARCHED_SCHEMAS = frozenset(
    {Schema.PERSON, Schema.COMPANY, Schema.ORGANIZATION, Schema.LEGAL_ENTITY}
)
MIN_HAN_ORG = 2
MIN_HAN_PERSON = 3
MAX_HAN_WINDOW = 4


class KeyKind(StrEnum):
    NAME = "name"
    SHORT = "short"
    HAN = "han"
    BRAND = "brand"


_STRENGTH = {KeyKind.NAME: 0, KeyKind.HAN: 0, KeyKind.SHORT: 1, KeyKind.BRAND: 2}


@dataclass(frozen=True)
class EntityInfo:
    """What linking needs to know of a gazetteer entity without loading it again."""

    id: str
    caption: str
    schema: Schema
    lists: tuple[str, ...]
    curated: bool
    citations: tuple[str, ...] = ()


@dataclass
class KeyEntry:
    kind: KeyKind
    entity_ids: set[str]
    organisation: bool


def _name_keys(name: str, organisation: bool) -> Iterable[tuple[str, KeyKind]]:
    if HAN_RE.search(name):
        yield from _han_keys(name, organisation)
        return
    full = normalise_key(name)
    tokens = tuple(full.split())
    if tokens and is_distinctive_phrase(tokens, person=not organisation):
        yield full, KeyKind.NAME
    if not organisation:
        if "," in name:
            surname, _, given = name.partition(",")
            swapped = normalise_key(f"{given} {surname}")
            if is_distinctive_phrase(tuple(swapped.split()), person=True):
                yield swapped, KeyKind.NAME
        return
    short_tokens = normalise_name(name, True).tokens
    if short_tokens and is_distinctive_phrase(short_tokens, person=False):
        yield " ".join(short_tokens), KeyKind.SHORT
    if short_tokens and is_brand_token(short_tokens[0]):
        yield short_tokens[0], KeyKind.BRAND


def _han_keys(name: str, organisation: bool) -> Iterable[tuple[str, KeyKind]]:
    han = "".join(HAN_RE.findall(to_simplified(name)))
    if len(han) >= (MIN_HAN_ORG if organisation else MIN_HAN_PERSON):
        yield han, KeyKind.HAN
    if not organisation:
        return
    core, _forms = extract_han_legal_forms(han)
    core = "".join(HAN_RE.findall(core))
    while True:
        generic = next((w for w in HAN_GENERIC_WORDS if core.endswith(w)), None)
        if generic is None:
            break
        core = core[: -len(generic)]
    if len(core) >= MIN_HAN_ORG and core != han and core not in HAN_GENERIC_WORDS:
        yield core, KeyKind.HAN


class Gazetteer:
    """Distinctive listed names compiled into one automaton."""

    def __init__(self, keys: dict[str, KeyEntry], entities: dict[str, EntityInfo]) -> None:
        self.keys = keys
        self.entities = entities
        self.brands: set[str] = set()
        self._automaton = ahocorasick.Automaton()
        self._compile()

    def _compile(self) -> None:
        # Single-token organisation names are brands too, whatever kind of key they came from.
        self.brands = {
            k
            for k, entry in self.keys.items()
            if entry.organisation and " " not in k and not HAN_RE.search(k) and is_brand_token(k)
        }
        self._automaton = ahocorasick.Automaton()
        for key in self.keys:
            # Latin keys are matched between spaces so that "xiaomi" never hits "xiaoming".
            padded = key if HAN_RE.fullmatch(key) else f" {key} "
            self._automaton.add_word(padded, key)
        if self.keys:
            self._automaton.make_automaton()

    @classmethod
    def build(cls, entities: Iterable[Entity], *, curated: bool = False) -> Gazetteer:
        gazetteer = cls({}, {})
        gazetteer.extend(entities, curated=curated)
        return gazetteer

    def extend(self, entities: Iterable[Entity], *, curated: bool = False) -> None:
        """Add entities (e.g. the policy data's curated ones) and recompile."""
        for entity in entities:
            if entity.schema not in SEARCHED_SCHEMAS:
                continue
            organisation = entity.schema.is_organisation
            lists = tuple(sorted({listing.list_id for listing in entity.listings}))
            citations = tuple(
                sorted({" ".join(c.split()) for item in entity.listings for c in item.citations})
            )
            self.entities[entity.id] = EntityInfo(
                entity.id, entity.caption, entity.schema, lists, curated, citations
            )
            for name in entity.names:
                for key, kind in _name_keys(name, organisation):
                    entry = self.keys.get(key)
                    if entry is None:
                        self.keys[key] = KeyEntry(kind, {entity.id}, organisation)
                        continue
                    entry.entity_ids.add(entity.id)
                    if _STRENGTH[kind] < _STRENGTH[entry.kind]:
                        entry.kind = kind
        self._compile()

    def __len__(self) -> int:
        return len(self.keys)

    def find(self, text: str) -> list[Mention]:
        """Every gazetteer name in `text`, longest first where spans overlap."""
        if not self.keys:
            return []
        normalised = normalise_text(text)
        hits: list[tuple[int, int, str, str]] = []
        for end_index, key in self._automaton.iter(normalised.text):
            # The automaton reports the last character: the key's own or its trailing space.
            end = end_index + 1 if HAN_RE.fullmatch(key) else end_index
            start = end - len(key)
            begin, finish = normalised.span(start, end)
            hits.append((begin, finish, key, "gazetteer"))
        hits.extend(self._pinyin_hits(text))
        return [self._mention(text, hit) for hit in _longest_first(hits)]

    def _pinyin_hits(self, text: str) -> list[tuple[int, int, str, str]]:
        hits: list[tuple[int, int, str, str]] = []
        for run in HAN_RE.finditer(text):
            chars = to_simplified(run.group())
            for size in range(MAX_HAN_WINDOW, 1, -1):
                for offset in range(len(chars) - size + 1):
                    latin = pinyin(chars[offset : offset + size])
                    if latin in self.brands:
                        begin = run.start() + offset
                        hits.append((begin, begin + size, latin, "gazetteer-pinyin"))
        return hits

    def _mention(self, text: str, hit: tuple[int, int, str, str]) -> Mention:
        begin, finish, key, method = hit
        entry = self.keys[key]
        return Mention(
            text=text[begin:finish],
            start=begin,
            end=finish,
            method=method,
            entity_ids=tuple(sorted(entry.entity_ids)),
            organisation=entry.organisation,
            key=key,
        )


def _longest_first(hits: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """Non-overlapping hits, preferring the longest span at each position."""
    chosen: list[tuple[int, int, str, str]] = []
    taken: list[tuple[int, int]] = []
    for hit in sorted(hits, key=lambda h: (-(h[1] - h[0]), h[0])):
        if any(hit[0] < end and start < hit[1] for start, end in taken):
            continue
        chosen.append(hit)
        taken.append((hit[0], hit[1]))
    return sorted(chosen)
