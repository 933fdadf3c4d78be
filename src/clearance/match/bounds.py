"""Upper bounds of name scores, from the similarity rows alone.

The screener asks for the best few of two dozen candidate entities, which have some forty
names between them; most of those names score far below the best. A bound that never
undershoots the score lets the screener score in detail only the candidates that may still
enter the results, best bound first, and return exactly what scoring all of them would.

The bound of a name pair follows `names.name_score_parts`: every aligned pair contributes
its similarity times the weights of its two tokens, and each candidate token is in one pair
at most, so the aligned part is at most the sum over the candidate's tokens of the best
contribution each could make with any query token. The caps apply when no pair could be
strong enough to lift them; the joined form is scored as it is (one edit at most, and
rarely near enough to need one).
"""

from __future__ import annotations

from collections.abc import Sequence

from clearance.match.names import (
    COMMON_ONLY_CAP,
    GENERIC_ONLY_CAP,
    JOINED_FACTOR,
    SYLLABLE_LEFT_FACTOR,
    SYMBOL_SIMILARITY,
    WHOLE_NAME_MIN,
    QueryMemo,
    comparison_mode,
    joined_similarity,
    one_pair_factor,
    particles,
    syllabic_persons,
    syllable_left_over,
    symbols_apply,
)
from clearance.names import NameForm
from clearance.names.symbols import shared_symbol
from clearance.names.vocabulary import GENERIC_WEIGHT, NAME_PARTICLES

# What one candidate token may contribute, from its similarity row: the most of similarity ×
# query token weight, the highest similarity, and the highest query token weight it pairs with.
TokenReach = tuple[float, float, float]
_NO_REACH: TokenReach = (0.0, 0.0, 0.0)
# What the aligned words of a name pair may weigh at most: the weighted sum, the weight of
# the strongest pair, whether every word may pair as a whole-name match, how many pairs
# there may be at most, and the least weight a pair may have (of its two tokens' weights).
Overlap = tuple[float, float, bool, int, float]


class NameBound:
    """Bounds of one query name's scores against candidate names; the rows come from (and
    stay in) the query's memo, where the detailed scoring finds them again."""

    __slots__ = ("_items", "_reach", "_scores", "memo")

    def __init__(self, memo: QueryMemo) -> None:
        self.memo = memo
        # Every name item of the query's tokens.
        self._items: frozenset[str] = frozenset().union(*memo.query.symbols)
        # One table per comparison mode, as the memo's rows.
        self._reach: list[dict[str, TokenReach]] = [{} for _ in range(16)]
        # A name listed by several lists is bounded once per query.
        self._scores: dict[tuple[object, ...], float] = {}

    def reach(self, b: str, abjad: bool, org: bool, skeletal: bool, strict_c: bool) -> TokenReach:
        table = self._reach[abjad * 8 + org * 4 + skeletal * 2 + strict_c]
        found = table.get(b)
        if found is None:
            row = self.memo.row(b, abjad, org, skeletal, strict_c)
            if not row:
                found = _NO_REACH
            else:
                weights = self.memo.query.weights
                with_query = best = heaviest = 0.0
                # Loops, not generators: compiled (setup.py), a generator costs more than
                # the few pairs of a row.
                for sim, i in row:
                    with_query = max(with_query, sim * weights[i])
                    best = max(best, sim)
                    heaviest = max(heaviest, weights[i])
                found = (with_query, best, heaviest)
            table[b] = found
        return found

    def score(self, c: NameForm) -> float:
        """At least `name_score_parts(query, c, memo)[0]`, where `c` is compared as
        `scoring.comparable_form` makes it."""
        items = self._items
        # Listed names in another script are tagged with name items of their own original
        # text, not only of their tokens: no sharing by tokens. Without a name item in common
        # the pair scores as by its words alone (`names.align_tokens`, `names.matched_weight`,
        # `names.absorbed_by_symbols`): the rows bound it.
        across = False
        if items and symbols_apply(self.memo.query, c):
            for listed in c.symbols:
                if not listed.isdisjoint(items):
                    across = True
                    break
        key = (c.tokens, c.organisation, c.scripts, c.symbols if across else None)
        found = self._scores.get(key)
        if found is None:
            overlap = self._across_scripts(c) if across else self._by_rows(c)
            found = self._scores[key] = self._bound(c, overlap)
        return found

    def _bound(self, c: NameForm, overlap: Overlap) -> float:
        """The bound from the most the aligned words may weigh, with the caps that apply
        when no pair may lift them, and the joined form as it is."""
        q = self.memo.query
        total_weight = q.total_weight + c.total_weight
        if not q.tokens or not c.tokens or total_weight <= 0:
            return 0.0
        joined = (
            JOINED_FACTOR * joined_similarity(q, c) if len(q.tokens) + len(c.tokens) > 2 else 0.0
        )
        aligned, strongest, whole, paired, lightest = overlap
        if not aligned:
            return joined
        aligned /= total_weight
        one_pair = one_pair_factor(q, c) if paired == 1 else None
        factor = 1.0 if one_pair is None else one_pair[0]
        if paired == 1 and syllabic_persons(q, c) and syllable_left_over(q, c, 1, 0):
            # One pair of Chinese or Korean persons' names that leaves a word over.
            factor *= SYLLABLE_LEFT_FACTOR
        if factor < 1.0:
            # One pair: its factors, unless a cap applies instead (names._words_score_parts),
            # which this bound cannot rule out: the common names' cap, to a score above it;
            # the generic words', to a pair that may weigh as little as a generic word.
            aligned = one_pair_bound(aligned, factor, lightest)
        if strongest <= GENERIC_WEIGHT and not (whole and len(q.tokens) > 1):
            aligned = min(aligned, GENERIC_ONLY_CAP)
        elif strongest < 1.0 and not whole:
            aligned = min(aligned, COMMON_ONLY_CAP)
        return max(aligned, joined)

    def _by_rows(self, c: NameForm) -> Overlap:
        """Each candidate token pairs once: at most the best contribution its row allows."""
        q = self.memo.query
        abjad = q.abjad or c.abjad
        org, skeletal = comparison_mode(q, c)
        aligned = 0.0
        strongest = 0.0
        whole = _may_pair_whole(q.tokens, c.tokens)
        paired = 0
        lightest = min(q.weights, default=0.0)
        for b, weight in zip(c.tokens, c.weights, strict=True):
            with_query, best_sim, query_weight = self.reach(
                b, abjad, org, skeletal, org and weight > GENERIC_WEIGHT
            )
            if best_sim < WHOLE_NAME_MIN:
                whole = whole and b in NAME_PARTICLES
                if not best_sim:
                    continue
            paired += 1
            aligned += with_query + best_sim * weight
            strongest = max(strongest, min(query_weight, weight))
            lightest = min(lightest, weight)
        return aligned, strongest, whole, paired, lightest

    def _across_scripts(self, c: NameForm) -> Overlap:
        """Across scripts a shared name item lifts a pair to SYMBOL_SIMILARITY and a token
        left over may be credited for the item it shares (`names.absorbed_by_symbols`):
        each token on either side counts at most once, at the best similarity it has with
        any token of the other side, its name item included. A pair matched by name item
        says what its Latin token says, not the lesser of the two (`names.matched_weight`):
        any token that takes part may be the strongest."""
        q = self.memo.query
        abjad = q.abjad or c.abjad
        query_best = [0.0] * len(q.tokens)
        candidate_best = [0.0] * len(c.tokens)
        query_items = self._items
        for j, b in enumerate(c.tokens):
            for sim, i in self.memo.row(b, abjad, False, True, False):
                candidate_best[j] = max(candidate_best[j], sim)
                query_best[i] = max(query_best[i], sim)
            listed = c.symbols[j]
            if listed.isdisjoint(query_items):
                continue
            for i, items in enumerate(q.symbols):
                if shared_symbol(items, listed):
                    candidate_best[j] = max(candidate_best[j], SYMBOL_SIMILARITY)
                    query_best[i] = max(query_best[i], SYMBOL_SIMILARITY)
        aligned = strongest = 0.0
        least_word = 1.0
        for sims, weights, tokens in (
            (query_best, q.weights, q.tokens),
            (candidate_best, c.weights, c.tokens),
        ):
            for sim, weight, token in zip(sims, weights, tokens, strict=True):
                aligned += sim * weight
                if sim and weight > strongest:
                    strongest = weight
                if sim < least_word and token not in NAME_PARTICLES:
                    least_word = sim
        whole = _may_pair_whole(q.tokens, c.tokens) and least_word >= WHOLE_NAME_MIN
        # Tokens left over may be credited for a name item (`names.absorbed_by_symbols`),
        # which no factor of one pair follows. Such a token shares an item with a token of
        # the other side, and so has a best above 0: with at most one token of each side
        # that may pair at all, there is one pair at most, and nothing to credit.
        query_pairable = [i for i, sim in enumerate(query_best) if sim]
        candidate_pairable = [j for j, sim in enumerate(candidate_best) if sim]
        if len(query_pairable) > 1 or len(candidate_pairable) > 1:
            return aligned, strongest, whole, len(q.tokens) + len(c.tokens), 0.0
        lightest = min(
            [q.weights[i] for i in query_pairable] + [c.weights[j] for j in candidate_pairable],
            default=0.0,
        )
        paired = min(len(query_pairable), len(candidate_pairable))
        return aligned, strongest, whole, paired, lightest


def one_pair_bound(share: float, factor: float, lightest: float) -> float:
    """The most a name pair of one aligned pair may score, its share of the weight at most
    `share` and the lighter of its tokens at least `lightest`: × `factor`; or capped instead
    of multiplied (`names._words_score_parts`), which only a score above the common names'
    cap is, of a pair lighter than a full word, or a pair as light as a generic word."""
    bound = factor * share
    if share > COMMON_ONLY_CAP and lightest < 1.0:
        bound = max(bound, COMMON_ONLY_CAP)
    if lightest <= GENERIC_WEIGHT:
        bound = max(bound, min(share, GENERIC_ONLY_CAP))
    return bound


def _may_pair_whole(q_tokens: Sequence[str], c_tokens: Sequence[str]) -> bool:
    """Whether the names have few enough words beside their particles to pair every word
    (`names.whole_name`): each side's words other than particles pair one-to-one."""
    return len(q_tokens) - particles(q_tokens) <= len(c_tokens) and len(c_tokens) - particles(
        c_tokens
    ) <= len(q_tokens)
