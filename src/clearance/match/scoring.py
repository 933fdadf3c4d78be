"""One scoring for `compare` and the screener: the best name pair, then the other features.

score = clamp(best over name pairs of [name score × alias factor + legal-form term]
              + identifier / country / birth-date terms, 0, 1)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from clearance.match.facts import Facts
from clearance.match.features import score_features
from clearance.match.names import (
    NameScore,
    QueryMemo,
    ScoreParts,
    describe_name_score,
    name_score,
    name_score_parts,
)
from clearance.match.types import Comparison, Feature
from clearance.names import NameForm
from clearance.names.hangul import romanised_korean
from clearance.names.symbols import LATIN, with_symbols

# A weak alias (OFAC "weak a.k.a.", FtM weakAlias) is a short or generic nickname: it counts
# less than a full name.
WEAK_ALIAS_FACTOR = 0.8
# Two different legal forms (AG vs LLC) hint at two different legal persons of one group.
LEGAL_FORM_PENALTY = -0.05
# A name met by its initials (IRGC / Islamic Revolutionary Guard Corps, names/acronyms.py):
# the initials of four words or more are seldom another organisation's, but may be; those of
# three (RGB, the Reconnaissance General Bureau) often are, and count for a review, not a match.
ACRONYM_FACTOR = 0.8
SHORT_ACRONYM_FACTOR = 0.6
SHORT_ACRONYM = 3
# A name in Chinese characters met through its Korean reading (names/hanja.py): it may as
# well be a Chinese person's, whose name the same characters also write.
KOREAN_READING_FACTOR = 0.9


@dataclass(frozen=True)
class CandidateName:
    form: NameForm
    weak: bool = False

    # Compiled, not generated: see NameForm.__init__ (names/pipeline.py).
    def __init__(self, form: NameForm, weak: bool = False) -> None:
        fields = self.__dict__
        fields["form"] = form
        fields["weak"] = weak


def _legal_form_feature(q: NameForm, c: NameForm) -> Feature | None:
    if not q.legal_forms or not c.legal_forms:
        return None
    qt = " ".join(f.text for f in q.legal_forms)
    ct = " ".join(f.text for f in c.legal_forms)
    if q.legal_classes & c.legal_classes:
        return Feature("legal form", 0.0, 0.0, f"'{qt}' ≡ '{ct}' (ignored)", qt, ct)
    return Feature(
        "legal form", LEGAL_FORM_PENALTY, 1.0, f"'{qt}' ≠ '{ct}': {LEGAL_FORM_PENALTY}", qt, ct
    )


def _legal_form_term(q: NameForm, c: NameForm) -> float:
    if not q.legal_forms or not c.legal_forms or q.legal_classes & c.legal_classes:
        return 0.0
    return LEGAL_FORM_PENALTY


def comparable_form(q: NameForm, c: NameForm) -> NameForm:
    """The listed name, tagged with name items when the query was (names/symbols.py)."""
    if q.symbols and not c.symbols and q.scripts != c.scripts:
        return with_symbols(c)
    return c


def _initials_factor(q: NameForm, c: NameForm) -> float:
    """ACRONYM_FACTOR where either name is read as initials and the other writes them as
    they are; 0 where they are spelled otherwise (initials a letter apart are another
    organisation's: LEAT / Leatt), or where both are read as initials, since two
    organisations' initials say nothing of whether they are one."""
    if not q.initials_of and not c.initials_of:
        return 1.0
    if q.initials_of and c.initials_of:
        return 0.0
    initials, other = (q, c) if q.initials_of else (c, q)
    return initials_factor(initials) if initials.tokens[0] in other.tokens else 0.0


def initials_factor(initials: NameForm) -> float:
    """What a name read as its initials counts, met by the same initials as written."""
    return SHORT_ACRONYM_FACTOR if len(initials.tokens[0]) <= SHORT_ACRONYM else ACRONYM_FACTOR


def _reading_compares(q: NameForm, c: NameForm) -> bool:
    """A name read in Korean (names/hanja.py) is compared with names that may be Korean: in
    another script than Latin, or in Latin words that may each be romanised Korean (KIM Jong
    Un; not Hong Wei Xian, whom the name's Chinese reading meets already, as written)."""
    other = c if q.reading_of else q
    return not other.scripts <= LATIN or romanised_korean(other.tokens)


def describe_name_pair(q: NameForm, c: CandidateName, result: NameScore) -> list[Feature]:
    features = [
        Feature(
            "name",
            result.score,
            1.0,
            describe_name_score(q, comparable_form(q, c.form), result),
            q.original,
            c.form.original,
        )
    ]
    if c.weak:
        features.append(
            Feature("weak alias", WEAK_ALIAS_FACTOR, 1.0, f"counts ×{WEAK_ALIAS_FACTOR}")
        )
    read = q if q.initials_of else c.form if c.form.initials_of else None
    if read is not None:
        factor = initials_factor(read)
        features.append(
            Feature("initials", factor, 1.0, f"of '{read.initials_of}', counts ×{factor}")
        )
    reading = q.reading_of or c.form.reading_of
    if reading:
        features.append(
            Feature(
                "Korean reading",
                KOREAN_READING_FACTOR,
                1.0,
                f"{reading} met through its Korean reading, counts ×{KOREAN_READING_FACTOR}",
            )
        )
    legal = _legal_form_feature(q, c.form)
    if legal is not None:
        features.append(legal)
    return features


class RankedCandidate(NamedTuple):
    """The number first: words (`explain`) are made only for the results returned. A named
    tuple, not a dataclass: the screener makes two dozen per query."""

    score: float
    query: NameForm | None
    candidate: CandidateName | None
    # The candidate's name as compared (tagged with name items when the query is) and what
    # `name_score_parts` found for it.
    compared: NameForm | None
    parts: ScoreParts | None
    extra: tuple[Feature, ...]
    fallback_query: str = ""

    @property
    def result(self) -> NameScore | None:
        if self.query is None or self.compared is None or self.parts is None:
            return None
        return name_score(self.query, self.compared, self.parts)


def rank_candidate(
    query_names: Sequence[NameForm],
    query_facts: Facts,
    candidate_names: Sequence[CandidateName],
    candidate_facts: Facts,
    memos: Sequence[QueryMemo] | None = None,
) -> RankedCandidate:
    """The candidate's best name pair and its score. `memos` (one per query name) keep what
    was found from one candidate to the next of the same query."""
    # The hot loop of the screener: numbers only, words (`NameScore`) for the best pair.
    best: tuple[float, NameForm, CandidateName, NameForm, ScoreParts] | None = None
    for position, q in enumerate(query_names):
        memo = memos[position] if memos is not None else None
        for c in candidate_names:
            if q.symbols:
                form = comparable_form(q, c.form)
                parts = name_score_parts(q, form, memo)
            elif memo is not None:
                form = c.form
                key = (form.tokens, form.organisation, form.scripts)
                found = memo.scores.get(key)
                if found is None:
                    found = memo.scores[key] = name_score_parts(q, form, memo)
                parts = found
            else:
                form = c.form
                parts = name_score_parts(q, form)
            score = parts[0] * WEAK_ALIAS_FACTOR if c.weak else parts[0]
            if q.initials_of or form.initials_of:
                score *= _initials_factor(q, form)
            if q.reading_of or form.reading_of:
                if not _reading_compares(q, form):
                    continue
                score *= KOREAN_READING_FACTOR
            if q.legal_forms and form.legal_forms:
                score += _legal_form_term(q, form)
            if best is None or score > best[0]:
                best = (score, q, c, form, parts)
    if best is None:
        fallback = query_names[0].original if query_names else ""
        return RankedCandidate(0.0, None, None, None, None, (), fallback)
    score, q, c, form, parts = best
    extra = tuple(score_features(query_facts, candidate_facts))
    if extra:
        score += sum(f.score for f in extra)
    return RankedCandidate(round(min(1.0, max(0.0, score)), 4), q, c, form, parts, extra)


def explain(ranked: RankedCandidate) -> Comparison:
    q, c, result = ranked.query, ranked.candidate, ranked.result
    if q is None or c is None or result is None:
        return Comparison(0.0, ranked.fallback_query, "", ())
    features = describe_name_pair(q, c, result)
    return Comparison(
        score=ranked.score,
        query_name=q.reading_of or q.original,
        candidate_name=c.form.reading_of or c.form.original,
        features=(*features, *ranked.extra),
    )


def score_candidate(
    query_names: Sequence[NameForm],
    query_facts: Facts,
    candidate_names: Sequence[CandidateName],
    candidate_facts: Facts,
) -> Comparison:
    return explain(rank_candidate(query_names, query_facts, candidate_names, candidate_facts))
