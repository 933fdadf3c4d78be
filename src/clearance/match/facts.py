"""The non-name facts of a party, normalised once: identifiers, countries, birth dates."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from rigour.territories import lookup_territory

from clearance.model import IDENTIFIER_PROPERTIES, Entity

COUNTRY_PROPERTIES: tuple[str, ...] = ("country", "nationality", "citizenship", "jurisdiction")
_DATE_RE = re.compile(r"(\d{4})(?:-(\d{2})-(\d{2}))?")
_ID_CLEAN_RE = re.compile(r"[^0-9A-Z]")


@dataclass(frozen=True)
class BirthDate:
    year: int
    day: date | None = None

    def __str__(self) -> str:
        return self.day.isoformat() if self.day else str(self.year)


@dataclass(frozen=True)
class Facts:
    identifiers: frozenset[str] = frozenset()
    countries: frozenset[str] = frozenset()
    birth_dates: tuple[BirthDate, ...] = ()


# The facts of a query or an entity that has none, the usual case: one instance for all.
NO_FACTS = Facts()


def normalise_identifier(value: str) -> str | None:
    """Identifiers compare without spaces, dashes or a scheme prefix ("IMO 9123456")."""
    text = _ID_CLEAN_RE.sub("", value.upper())
    if text.startswith("IMO") and text[3:].isdigit():
        text = text[3:]
    return text if len(text) >= 4 else None


@lru_cache(maxsize=4096)
def normalise_country(value: str) -> str | None:
    """ISO 3166 code of a country name or code; rigour's territory table is used rather than
    followthemoney's registry, whose import alone costs two seconds of cold start."""
    territory = lookup_territory(value)
    return str(territory.code) if territory else None


def parse_birth_date(value: str) -> BirthDate | None:
    match = _DATE_RE.search(value)
    if match is None:
        return None
    year = int(match.group(1))
    day: date | None = None
    if match.group(2):
        try:
            day = date(year, int(match.group(2)), int(match.group(3)))
        except ValueError:
            day = None
    return BirthDate(year, day)


def _clean_all(values: Iterable[str], clean: object) -> frozenset[str]:
    out: set[str] = set()
    for value in values:
        cleaned = clean(value)  # type: ignore[operator]
        if cleaned:
            out.add(cleaned)
    return frozenset(out)


def entity_facts(entity: Entity) -> Facts:
    ids = [v for prop in dict.fromkeys(IDENTIFIER_PROPERTIES) for v in entity.get(prop)]
    countries = [v for prop in COUNTRY_PROPERTIES for v in entity.get(prop)]
    births = [parse_birth_date(v) for v in entity.get("birthDate")]
    return Facts(
        identifiers=_clean_all(ids, normalise_identifier),
        countries=_clean_all(countries, normalise_country),
        birth_dates=tuple(b for b in births if b is not None),
    )


def query_facts(
    identifiers: Iterable[str], countries: Iterable[str], birth_date: date | None
) -> Facts:
    if not identifiers and not countries and birth_date is None:
        return NO_FACTS
    return Facts(
        identifiers=_clean_all(identifiers, normalise_identifier),
        countries=_clean_all(countries, normalise_country),
        birth_dates=(BirthDate(birth_date.year, birth_date),) if birth_date else (),
    )


PackedFacts = tuple[tuple[str, ...], tuple[str, ...], tuple[tuple[int, str | None], ...]]


def pack_facts(facts: Facts) -> PackedFacts:
    births = tuple((b.year, b.day.isoformat() if b.day else None) for b in facts.birth_dates)
    return (tuple(facts.identifiers), tuple(facts.countries), births)


def unpack_facts(packed: PackedFacts) -> Facts:
    ids, countries, births = packed
    if not ids and not countries and not births:
        return NO_FACTS
    return Facts(
        frozenset(ids),
        frozenset(countries),
        tuple(BirthDate(year, date.fromisoformat(day) if day else None) for year, day in births),
    )
