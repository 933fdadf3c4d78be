"""Features beyond the name, registered by name: each compares the facts of the query and
of a candidate and says in words how much it adds to or takes from the name score."""

from __future__ import annotations

from collections.abc import Callable

from clearance.match.facts import Facts
from clearance.match.types import Feature

FeatureScorer = Callable[[Facts, Facts], Feature | None]

IDENTIFIER_BONUS = 0.3
COUNTRY_BONUS = 0.05
COUNTRY_PENALTY = -0.1
BIRTH_DATE_BONUS = 0.1
BIRTH_YEAR_BONUS = 0.05
BIRTH_YEAR_PENALTY = -0.2

FEATURES: dict[str, FeatureScorer] = {}


def register(name: str) -> Callable[[FeatureScorer], FeatureScorer]:
    def decorate(scorer: FeatureScorer) -> FeatureScorer:
        FEATURES[name] = scorer
        return scorer

    return decorate


@register("identifier")
def identifier_feature(query: Facts, candidate: Facts) -> Feature | None:
    """An equal registration, passport, IMO or LEI number is strong evidence of identity."""
    common = query.identifiers & candidate.identifiers
    if not common:
        return None
    value = sorted(common)[0]
    return Feature(
        "identifier",
        IDENTIFIER_BONUS,
        1.0,
        f"'{value}' equal on both sides: +{IDENTIFIER_BONUS}",
        value,
        value,
    )


@register("country")
def country_feature(query: Facts, candidate: Facts) -> Feature | None:
    if not query.countries or not candidate.countries:
        return None
    q, c = ",".join(sorted(query.countries)), ",".join(sorted(candidate.countries))
    if query.countries & candidate.countries:
        return Feature("country", COUNTRY_BONUS, 1.0, f"{q} matches {c}: +{COUNTRY_BONUS}", q, c)
    return Feature("country", COUNTRY_PENALTY, 1.0, f"{q} ≠ {c}: {COUNTRY_PENALTY}", q, c)


@register("birth date")
def birth_date_feature(query: Facts, candidate: Facts) -> Feature | None:
    """A different birth year lowers the score; lists give only the year for many persons."""
    if not query.birth_dates or not candidate.birth_dates:
        return None
    q = query.birth_dates[0]
    listed = ", ".join(str(b) for b in candidate.birth_dates)
    if q.day and any(b.day == q.day for b in candidate.birth_dates):
        return Feature(
            "birth date", BIRTH_DATE_BONUS, 1.0, f"{q} equal: +{BIRTH_DATE_BONUS}", str(q), listed
        )
    if any(b.year == q.year for b in candidate.birth_dates):
        return Feature(
            "birth date",
            BIRTH_YEAR_BONUS,
            1.0,
            f"birth year {q.year} equal: +{BIRTH_YEAR_BONUS}",
            str(q),
            listed,
        )
    years = ", ".join(sorted({str(b.year) for b in candidate.birth_dates}))
    return Feature(
        "birth date",
        BIRTH_YEAR_PENALTY,
        1.0,
        f"birth year {q.year} ≠ {years}: {BIRTH_YEAR_PENALTY}",
        str(q),
        listed,
    )


def score_features(query: Facts, candidate: Facts) -> list[Feature]:
    if not (query.identifiers or query.countries or query.birth_dates):
        # Each feature compares a fact of the query: most queries are a name alone.
        return []
    out: list[Feature] = []
    for scorer in FEATURES.values():
        feature = scorer(query, candidate)
        if feature is not None:
            out.append(feature)
    return out
