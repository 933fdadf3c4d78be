"""Scoring one name against another: weighted token alignment, with its explanation.

The score is a weighted Dice coefficient over aligned tokens: each aligned pair contributes
its similarity times the weights of both tokens, divided by the weight of all tokens on both
sides. Missing or extra name parts therefore lower the score in proportion to what they say
about identity; order does not matter ("SALEK, ABDULHAI" = "Abdulhai Salek"). The joined
form catches spacing differences ("Jean Pierre" / "Jeanpierre").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import numpy.typing as npt
from rapidfuzz import process
from rapidfuzz.distance import OSA

from clearance.match.similarity import (
    SHORT_TOKEN,
    edits_allowed,
    gender_variants,
    korean_reading_similarity,
    romanised_similarity,
    token_similarity,
)
from clearance.names import NameForm
from clearance.names.pipeline import token_words
from clearance.names.symbols import LATIN, shared_symbol
from clearance.names.tokens import consonants, skeleton, undoubled
from clearance.names.translations import translated, translation_key
from clearance.names.vocabulary import GENERIC_WEIGHT, NAME_PARTICLES, is_common_word

# Two tokens in different scripts that rigour's lexicon knows as one Wikidata name item
# (Джон / John, 阿泽里尼 / Azzellini): as alike as a transliteration variant.
SYMBOL_SIMILARITY = 0.9
# A word of a company name and its translation (Banque / Bank), or two names of one country
# (Syrie / Syria): a little below a spelling variant, since a translated word may be used a
# little otherwise.
TRANSLATION_SIMILARITY = 0.9
# Pairs at least this alike throughout make a whole-name match, exempt from the common-name cap.
WHOLE_NAME_MIN = 0.8
# A pair of tokens counts as aligned from this similarity on.
ALIGN_MIN = 0.5
# The most edits token_similarity ever tolerates (similarity.edits_allowed of a long token).
MAX_EDITS = 3
# Joined-form similarity is trusted a little less than a token-by-token match.
JOINED_FACTOR = 0.95
# Caps when what matched says nothing about identity (only generic words, only common names).
GENERIC_ONLY_CAP = 0.3
COMMON_ONLY_CAP = 0.45
GENERIC_ONLY = "only generic words match"
COMMON_ONLY = "only common names or initials match"
CAPS = {GENERIC_ONLY: GENERIC_ONLY_CAP, COMMON_ONLY: COMMON_ONLY_CAP}
# A capped pair stays at or below its cap, ordered there by its uncapped score: for "Atlas
# Holding", "ATLAS HOLDING SAL" (2 of 3 words) comes before "ATLAS SHIPPING" (1 of 2),
# though neither says more than the cap. The order takes this share of the cap at most, so
# that the cap still places capped pairs among the others; a capped score moves by less than
# CAP_ORDER_SPREAD × cap × (1 - cap) (0.005 at 0.45). Leave-one-out CSL aliases
# (bench/match_quality.py, set 3): 0.02 ranks the most true entities first; 0.01 loses
# orders to the rounding of scores (4 decimals), 0.05 and more let capped pairs fall below
# uncapped ones that they rightly outranked.
CAP_ORDER_SPREAD = 0.02
# Numbers in names identify: vessels IRAN HORMUZ 12 and 14, the 12th and the 701st research
# institutes of one group, shipyard hulls 455 and 456. Two names that both carry numbers,
# not the same ones, name two things (logic-v2's number mismatch penalty is 0.3 as well).
NUMBER_MISMATCH_FACTOR = 0.7
NUMBERS_DIFFER = f"×{NUMBER_MISMATCH_FACTOR}: the numbers differ"
# Two company names with one word in common and others apart ("Aqua Metals" / "Aqua
# Shipping"): that word is often a brand many firms share. Measured on SEC issuer names
# against the lists and on leave-one-out CSL aliases (bench/match_quality.py, sets 2b and 3):
# 0.9 lets "Astra Energy" match "Astra Group", 0.87 loses "SHA'BI FORCE" / "SHA'BI".
ONE_WORD_ORGANISATION_FACTOR = 0.88
ONE_WORD = f"×{ONE_WORD_ORGANISATION_FACTOR}: one word in common"
# Two persons' names with one part in common, where either has other parts than particles
# ("María Moreno" / "EL MORENO", "Mauro Sá" / "MAURO"): one given name or surname in common
# identifies no one. Synthetic persons against the lists (bench/match_quality.py, set 2a).
ONE_PART_PERSON_FACTOR = 0.88
ONE_PART = f"×{ONE_PART_PERSON_FACTOR}: one name part in common"
# A Chinese or Korean personal name is two or three syllables, each a part of the surname or
# of the given name: a syllable left over is another given name (磊琳 / Lei, 유진 / Jin), not a
# middle name left out, as a Western name's part left over may be. Synthetic persons against
# the lists (bench/match_quality.py, set 2a): 2 of 3 syllables in common scored 0.8 to 0.86.
SYLLABLE_LEFT_FACTOR = 0.8
SYLLABLE_LEFT = f"×{SYLLABLE_LEFT_FACTOR}: a syllable of a Chinese or Korean name left over"
# Two syllables of a Chinese or Korean given name in the other order are another given name
# (은정 Eun-jeong / Jong-un, 김은정 is not KIM Jong Un), where a surname before or after the
# given name is one name in two orders (KIM, Jong Un / Jong Un Kim).
SYLLABLES_SWAPPED_FACTOR = 0.75
SYLLABLES_SWAPPED = (
    f"×{SYLLABLES_SWAPPED_FACTOR}: syllables of a Chinese or Korean given name in another order"
)
# Scripts whose personal names are written in syllables, each a token once romanised.
SYLLABIC_SCRIPTS: frozenset[str] = frozenset({"Han", "Hangul"})


@dataclass(frozen=True)
class NameScore:
    score: float
    pairs: tuple[tuple[str, str, float], ...]
    matched: int
    total: int
    joined: bool
    capped: str | None

    # Compiled, not generated: see NameForm.__init__ (names/pipeline.py).
    def __init__(
        self,
        score: float,
        pairs: tuple[tuple[str, str, float], ...],
        matched: int,
        total: int,
        joined: bool,
        capped: str | None,
    ) -> None:
        fields = self.__dict__
        fields["score"] = score
        fields["pairs"] = pairs
        fields["matched"] = matched
        fields["total"] = total
        fields["joined"] = joined
        fields["capped"] = capped


def symbols_apply(q: NameForm, c: NameForm) -> bool:
    """Name items decide only across scripts: within one script, spelling says more (two
    Latin spellings of one Wikidata item, Jon / John, may be two different people's names)."""
    return bool(q.symbols) and bool(c.symbols) and q.scripts != c.scripts


# How a candidate token is compared with the query's tokens (`align_tokens`): as a word of a
# name written in an abjad, of a company name, with the spelling skeleton, and as a
# distinctive (strict) word.
Mode = tuple[bool, bool, bool, bool]

# What `name_score_parts` finds: the score, the aligned token pairs (indices and
# similarity), whether the joined form won, and why the score was capped.
ScoreParts = tuple[float, Sequence[tuple[int, int, float]], bool, str | None]
_NO_MATCH: ScoreParts = (0.0, (), False, None)


class QueryMemo:
    """What the screener keeps of one query name while it scores the query's candidates:
    they are dozens of listed names that share most of their tokens (Mohammed, Ali), and
    often the same name listed by several lists (a UN listing is on SDN and CSL too).

    `aligning` compares each candidate token with the query's tokens once; its rows hold only
    pairs at least ALIGN_MIN alike, so they serve comparisons without name items
    (`symbols_apply`), where lower pairs are dropped anyway. `scores` keeps the score parts of
    each distinct candidate name (tokens, kind and scripts decide them), for queries without
    name items, whose comparisons depend on nothing else."""

    __slots__ = ("_rows", "person_similarity", "query", "scores")

    def __init__(self, query: NameForm) -> None:
        self.query = query
        # How a word of the query is compared with a word of a person's name.
        self.person_similarity = person_similarity(query)
        # One table per comparison mode (abjad, company, skeletal, strict candidate token).
        self._rows: list[dict[str, tuple[tuple[float, int], ...]]] = [{} for _ in range(16)]
        self.scores: dict[tuple[tuple[str, ...], bool | None, frozenset[str]], ScoreParts] = {}

    @property
    def tables(self) -> list[dict[str, tuple[tuple[float, int], ...]]]:
        """The rows, one table per comparison mode (`row` numbers them), for filling at once."""
        return self._rows

    def aligning(
        self, c: NameForm, abjad: bool, org: bool, skeletal: bool
    ) -> list[tuple[float, int, int]]:
        """(similarity, query token, candidate token) of every pair that may align."""
        out: list[tuple[float, int, int]] = []
        for j, (b, weight) in enumerate(zip(c.tokens, c.weights, strict=True)):
            for sim, i in self.row(b, abjad, org, skeletal, org and weight > GENERIC_WEIGHT):
                out.append((sim, i, j))
        return out

    def row(
        self, b: str, abjad: bool, org: bool, skeletal: bool, strict_c: bool
    ) -> tuple[tuple[float, int], ...]:
        """(similarity, query token) of the query tokens at least ALIGN_MIN alike to the
        candidate token `b`, compared in the given mode."""
        table = self._rows[abjad * 8 + org * 4 + skeletal * 2 + strict_c]
        row = table.get(b)
        if row is None:
            row = table[b] = self._row(b, abjad, org, skeletal, strict_c)
        return row

    def prefill(self, wanted: Mapping[Mode, Iterable[str]]) -> None:
        """Fill the rows of the candidate tokens `wanted` in each mode (abjad, company,
        skeletal, strict candidate token) at once: most pairs are far apart, which one matrix
        of edit distances (of the tokens and of their skeletons) shows without a call of
        `token_similarity` per pair. A pair is similar at all only if it is within MAX_EDITS
        of each other, written or by skeleton, or is short and starts alike (an initial, a
        short transliteration variant), or differs only in doubled letters, or (in an abjad)
        has the same consonants; only those pairs are scored one by one, so the rows are
        exactly those `_row` makes."""
        rows = self._rows
        todo: list[tuple[int, list[str]]] = []
        fresh: dict[str, None] = {}
        for (abjad, org, skeletal, strict_c), tokens in wanted.items():
            mode = abjad * 8 + org * 4 + skeletal * 2 + strict_c
            table = rows[mode]
            missing = [b for b in tokens if b not in table]
            if missing:
                todo.append((mode, missing))
                fresh.update(dict.fromkeys(missing))
        if not todo:
            return
        near_by_token = self._near_pairs(list(fresh), any(mode >= 8 for mode, _ in todo))
        q_tokens = self.query.tokens
        for mode, missing in todo:
            table = rows[mode]
            if mode < 4:
                # Words of person names (the usual candidate): `similarity` without its
                # calls in between.
                similar = self.person_similarity
                for b in missing:
                    table[b] = tuple(
                        [
                            (sim, i)
                            for i in near_by_token[b]
                            if (sim := similar(q_tokens[i], b, False)) >= ALIGN_MIN
                        ]
                    )
                continue
            abjad, org, skeletal, strict_c = (bool(mode & bit) for bit in (8, 4, 2, 1))
            for b in missing:
                table[b] = tuple(
                    [
                        (sim, i)
                        for i in near_by_token[b]
                        if (sim := self.similarity(i, b, abjad, org, skeletal, strict_c))
                        >= ALIGN_MIN
                    ]
                )

    def _near_pairs(self, fresh: list[str], abjad: bool) -> dict[str, list[int]]:
        """Per candidate token, the query tokens (ascending) it may be similar to at all;
        `abjad` if it is compared as a word written in an abjad, too."""
        q_tokens = self.query.tokens
        near = process.cdist(
            q_tokens, fresh, scorer=OSA.distance, score_cutoff=MAX_EDITS, dtype=np.int32
        )
        near_skeleton = process.cdist(
            [skeleton(a) for a in q_tokens],
            [skeleton(b) for b in fresh],
            scorer=OSA.distance,
            score_cutoff=MAX_EDITS,
            dtype=np.int32,
        )
        q_len = np.fromiter((len(a) for a in q_tokens), np.int32, len(q_tokens))
        b_len = np.fromiter((len(b) for b in fresh), np.int32, len(fresh))
        q_first = np.fromiter((ord(a[0]) for a in q_tokens), np.int32, len(q_tokens))
        b_first = np.fromiter((ord(b[0]) for b in fresh), np.int32, len(fresh))
        short = np.minimum(q_len[:, None], b_len[None, :]) <= SHORT_TOKEN
        alike_start = q_first[:, None] == b_first[None, :]
        maybe = (near <= MAX_EDITS) | (near_skeleton <= MAX_EDITS) | (short & alike_start)
        _mark_same_key(maybe, q_tokens, fresh, undoubled)
        _mark_same_key(maybe, q_tokens, fresh, translation_key)
        if abjad:
            _mark_same_key(maybe, q_tokens, fresh, consonants)
        near_by_token: dict[str, list[int]] = {b: [] for b in fresh}
        for j, i in np.argwhere(maybe.T).tolist():
            near_by_token[fresh[j]].append(i)
        return near_by_token

    def similarity(
        self, i: int, b: str, abjad: bool, org: bool, skeletal: bool, strict_c: bool
    ) -> float:
        """Of query token `i` and candidate token `b`, in the given mode."""
        a = self.query.tokens[i]
        if not org:
            return self.person_similarity(a, b, abjad)
        strict = strict_c and self.query.weights[i] > GENERIC_WEIGHT
        return _company_similarity(a, b, abjad, strict, skeletal)

    def _row(
        self, b: str, abjad: bool, org: bool, skeletal: bool, strict_c: bool
    ) -> tuple[tuple[float, int], ...]:
        pairs = (
            (self.similarity(i, b, abjad, org, skeletal, strict_c), i)
            for i in range(len(self.query.tokens))
        )
        return tuple((sim, i) for sim, i in pairs if sim >= ALIGN_MIN)


def _mark_same_key(
    maybe: npt.NDArray[np.bool_],
    q_tokens: Sequence[str],
    fresh: Sequence[str],
    key: Callable[[str], str | None],
) -> None:
    """Mark the pairs whose tokens have the same `key` (undoubled letters, consonants, a
    translation): alike however far apart their spellings are. A token without a key (None)
    is like no other token."""
    by_key: dict[str, list[int]] = {}
    for i, a in enumerate(q_tokens):
        k = key(a)
        if k is not None:
            by_key.setdefault(k, []).append(i)
    for j, b in enumerate(fresh):
        k = key(b)
        for i in by_key.get(k, ()) if k is not None else ():
            maybe[i, j] = True


@lru_cache(maxsize=262144)
def _company_similarity(a: str, b: str, abjad: bool, strict: bool, skeletal: bool) -> float:
    """Two words of company names; `strict` if both are distinctive. A generic word and its
    translation, or two names of one country, are one word (Banque / Bank, Syrie / Syria:
    names/translations.py)."""
    similarity = _spelled_alike(a, b, abjad, strict, skeletal)
    if similarity < TRANSLATION_SIMILARITY and translated(a, b):
        return TRANSLATION_SIMILARITY
    return similarity


def _spelled_alike(a: str, b: str, abjad: bool, strict: bool, skeletal: bool) -> float:
    """Two everyday words a spelling apart are one word inflected (Star / Stars, Metal /
    Metals), not two brands: they keep the usual edit budget. `QueryMemo` decides alike."""
    if not strict:
        return token_similarity(a, b, abjad)
    distinctive = token_similarity(a, b, abjad, True, skeletal)
    if distinctive == 1.0:
        return distinctive
    usual = token_similarity(a, b, abjad)
    # Which the words are is asked only when it matters: the word list takes 0.4 s and 40 MB
    # to load, which most screening processes need not pay.
    if usual == distinctive or not (is_common_word(a) and is_common_word(b)):
        return distinctive
    return usual


def person_similarity(q: NameForm, c: NameForm | None = None) -> Callable[[str, str, bool], float]:
    """How the words of two names are compared as words of persons' names: by
    `romanised_similarity` if the pipeline romanised either from Han (its pinyin is exact,
    where a typed name may have typos), else by `token_similarity`. Without `c`, for every
    name the query `q` is compared with (`QueryMemo`)."""
    if q.reading_of or (c is not None and c.reading_of):
        return korean_reading_similarity
    romanised = q.transliterations or (c is not None and c.transliterations)
    return romanised_similarity if romanised else token_similarity


def comparison_mode(q: NameForm, c: NameForm) -> tuple[bool, bool]:
    """How the words of two names are compared: as words of a company name, and with the
    spelling skeleton. Two company names both written in Latin compare without it: a brand
    is spelled as registered, and a skeleton in common (Coty / Koti, Mitek / Mitec) is
    another brand."""
    org = bool(q.organisation or c.organisation)
    return org, not org or not (q.scripts <= LATIN and c.scripts <= LATIN)


def align_tokens(
    q: NameForm, c: NameForm, memo: QueryMemo | None = None
) -> list[tuple[int, int, float]]:
    """Greedy one-to-one alignment of tokens by descending similarity. `memo`, if given, is
    the query name's (`q`'s)."""
    abjad = q.abjad or c.abjad
    # Below ALIGN_MIN a pair is dropped at once, unless a shared name item may lift it.
    floor = 0.0 if q.symbols and symbols_apply(q, c) else ALIGN_MIN
    similarity = person_similarity(q, c)
    org, skeletal = comparison_mode(q, c)
    if memo is not None and floor:
        scored = memo.aligning(c, abjad, org, skeletal)
        if c.transliterations and not q.transliterations and not org:
            # The memo's rows know the query only; a listed person's name romanised from
            # Han is exact as well (never more alike than by `token_similarity`).
            scored = [
                (sim, i, j)
                for _, i, j in scored
                if (sim := similarity(q.tokens[i], c.tokens[j], abjad)) >= floor
            ]
    elif org:
        # Distinctive words of company names: one edit less (see similarity.edit_budget);
        # generic words keep the usual budget (Technology / Technologies), and so do two
        # everyday words (`_company_similarity`).
        q_strict = [w > GENERIC_WEIGHT for w in q.weights]
        c_strict = [
            (j, b, w > GENERIC_WEIGHT)
            for j, (b, w) in enumerate(zip(c.tokens, c.weights, strict=True))
        ]
        scored = [
            (sim, i, j)
            for i, (a, qs) in enumerate(zip(q.tokens, q_strict, strict=True))
            for j, b, cs in c_strict
            if (sim := _company_similarity(a, b, abjad, qs and cs, skeletal)) >= floor
        ]
    else:
        c_indexed = tuple(enumerate(c.tokens))
        scored = [
            (sim, i, j)
            for i, a in enumerate(q.tokens)
            for j, b in c_indexed
            if (sim := similarity(a, b, abjad)) >= floor
        ]
    if not floor:
        scored = [
            (SYMBOL_SIMILARITY, i, j)
            if sim < SYMBOL_SIMILARITY and shared_symbol(q.symbols[i], c.symbols[j])
            else (sim, i, j)
            for sim, i, j in scored
        ]
        scored = [item for item in scored if item[0] >= ALIGN_MIN]
    if len(scored) < 2:
        return [(i, j, sim) for sim, i, j in scored]
    scored.sort(reverse=True)
    used_q: set[int] = set()
    used_c: set[int] = set()
    pairs: list[tuple[int, int, float]] = []
    for sim, i, j in scored:
        if i in used_q or j in used_c:
            continue
        used_q.add(i)
        used_c.add(j)
        pairs.append((i, j, sim))
    return pairs


def matched_weight(q: NameForm, c: NameForm, i: int, j: int, sim: float) -> float:
    """What a matched pair says about identity: the lesser weight of the two tokens, except
    for a pair matched by name item across scripts, where only the Latin spelling's weight
    means something (a lone "s" from Hebrew אסא is not an initial; "Mohammed" stays common)."""
    if (
        sim == SYMBOL_SIMILARITY
        and symbols_apply(q, c)
        and shared_symbol(q.symbols[i], c.symbols[j])
    ):
        if q.scripts <= LATIN:
            return q.weights[i]
        if c.scripts <= LATIN:
            return c.weights[j]
    return min(q.weights[i], c.weights[j])


def absorbed_by_symbols(
    q: NameForm, c: NameForm, pairs: list[tuple[int, int, float]]
) -> tuple[float, list[float]]:
    """The weight of tokens left over on one side that are the same name item as the token
    they would pair with: one word in one script is often two in another (贾海姆 → "jia
    haimu" / Jaheim, 계범 / Kye Bom, ソンドン / Seong-dong)."""
    if not symbols_apply(q, c) or not pairs:
        return 0.0, []
    used_q = {i for i, _, _ in pairs}
    used_c = {j for _, j, _ in pairs}
    # Only into a side whose tokens are all paired (articles aside): 김정은 / "Kim Jung Jong"
    # leaves 은 over, and "Jung" beside "Jong" is then another name, not the second half of 정.
    open_q = [i for i in range(len(q.tokens)) if i not in used_q and q.weights[i] > GENERIC_WEIGHT]
    open_c = [j for j in range(len(c.tokens)) if j not in used_c and c.weights[j] > GENERIC_WEIGHT]
    extra = 0.0
    weights: list[float] = []
    if not open_c:
        extra = _credit_unpaired(q, c, used_q, pairs, extra, weights)
    if not open_q:
        swapped = [(j, i, sim) for i, j, sim in pairs]
        extra = _credit_unpaired(c, q, used_c, swapped, extra, weights)
    return extra, weights


def _credit_unpaired(
    own: NameForm,
    other: NameForm,
    used: set[int],
    pairs: Sequence[tuple[int, int, float]],
    extra: float,
    weights: list[float],
) -> float:
    """`extra` plus the credit for `own`'s unpaired tokens that share a name item with a token
    of `other` that is already paired (at that pair's similarity, capped), in one run of
    tokens with the token of `own` it is paired with: the rest of one word written as
    several (위안구이 / Yuangui). Not a token elsewhere in the name (유진 영길 류 / "YU, Jin":
    류 shares the item of Yu with 유, but is the surname at the other end, not part of 유진),
    nor, in Han or Hangul, a word of its own beside a token paired with one no longer than
    itself, which has no rest to write (유진 김 / "YU, Jin": 김 shares the item of 金, read Jin
    in Chinese, but is a surname written apart, and "Jin" is 진 already). In Hangul, whose
    syllables are each a part of the name, not even a syllable of the same written word
    (여연신 / "YU, Jin").
    Appends the weights credited. `pairs` are (own token, other token, similarity)."""
    words = None
    if not SYLLABIC_SCRIPTS.isdisjoint(own.scripts):
        words = token_words(own.original, own.organisation, own.tokens)
    hangul = "Hangul" in own.scripts
    for paired, partner, sim in pairs:
        items = other.symbols[partner]
        if len(other.tokens[partner]) <= len(own.tokens[paired]):
            if hangul:
                # A Korean name's syllables are each a part of it (names/hangul.py): one
                # paired with a token no longer than itself leaves that token no rest to
                # write (여연신 / "YU, Jin": 연 is a syllable of the given name, not of 신).
                continue
            apart = words
        else:
            apart = None
        for step in (-1, 1):
            index = paired + step
            while 0 <= index < len(own.symbols) and index not in used:
                if not shared_symbol(own.symbols[index], items):
                    break
                if apart is not None and apart[index] != apart[paired]:
                    break
                used.add(index)
                extra += min(sim, SYMBOL_SIMILARITY) * own.weights[index]
                weights.append(own.weights[index])
                index += step
    return extra


def joined_similarity(q: NameForm, c: NameForm) -> float:
    """Similarity of the names without spaces, when they are split differently ("Jeanpierre
    Bemba", "AREFULLAHA REF" / "AREFULLAH AREF"); one edit at most, since whole names are long
    and differ little by chance."""
    a, b = q.joined, c.joined
    # One edit at most, and the distance is at least the difference in length: most pairs
    # end here, without OSA.
    if abs(len(a) - len(b)) > 1 or not a or not b or q.tokens == c.tokens:
        return 0.0
    if a == b:
        return 1.0
    if q.reading_of or c.reading_of:
        # A Korean reading is exact: a letter apart is another character (Song / Jong).
        return 0.0
    if (
        (q.organisation or c.organisation)
        and len(q.tokens) == len(c.tokens)
        and all(len(x) == len(y) for x, y in zip(q.tokens, c.tokens, strict=True))
        and any(x != y and len(x) <= SHORT_TOKEN for x, y in zip(q.tokens, c.tokens, strict=True))
    ):
        # Company names split alike, apart in a short word: an abbreviation a letter apart
        # is another firm (UWM Holdings / USM Holdings), as the words' own comparison says.
        # A longer word a letter apart may be a transliteration (IRAN HORMOZ 14 / IRAN HORMUZ
        # 14), and a person's short name parts have typos (damaged UN names, set 1 of
        # bench/match_quality.py): the joined form still judges those.
        return 0.0
    if q.numbers != c.numbers:
        # Spaces between letters, not another number ("IRAN HORMOZ 14" / "IRAN HORMOZ 12").
        return 0.0
    if (q.transliterations or c.transliterations) and not (q.organisation or c.organisation):
        # A person's name romanised from Han: exact, as its words are (Jielu / Jieluo).
        return 0.0
    cutoff = min(1, edits_allowed(min(len(a), len(b))))
    distance = OSA.distance(a, b, score_cutoff=cutoff + 1)
    if distance > cutoff:
        return 0.0
    return 1.0 - distance / max(len(a), len(b))


def name_score_parts(q: NameForm, c: NameForm, memo: QueryMemo | None = None) -> ScoreParts:
    """The score of two names without its words: the screener scores dozens of name pairs
    per query and describes one (`name_score`)."""
    parts = _words_score_parts(q, c, memo)
    if q.numbers and c.numbers and q.numbers != c.numbers and parts[0] > 0.0:
        score, pairs, joined, capped = parts
        reasons = f"{capped}; {NUMBERS_DIFFER}" if capped else NUMBERS_DIFFER
        return score * NUMBER_MISMATCH_FACTOR, pairs, joined, reasons
    return parts


def capped_score(cap: float, uncapped: float) -> float:
    """The score of a pair capped at `cap` whose uncapped score is `uncapped` (above the
    cap): at most the cap, and the higher, the higher the uncapped score."""
    return cap * (1.0 - CAP_ORDER_SPREAD * (1.0 - uncapped))


def uncapped_score(cap: float, capped: float) -> float:
    """The uncapped score that `capped_score` turned into `capped`."""
    return 1.0 - (1.0 - capped / cap) / CAP_ORDER_SPREAD


def _words_score_parts(q: NameForm, c: NameForm, memo: QueryMemo | None = None) -> ScoreParts:
    """`name_score_parts` before the numbers are compared."""
    total_weight = q.total_weight + c.total_weight
    if not q.tokens or not c.tokens or total_weight <= 0:
        return _NO_MATCH
    pairs = align_tokens(q, c, memo)
    joined = JOINED_FACTOR * joined_similarity(q, c) if len(q.tokens) + len(c.tokens) > 2 else 0.0
    if not pairs:
        # Nothing aligned (most candidates of a query): the joined form decides alone, and
        # no cap applies to it.
        return (joined, pairs, True, None) if joined > 0.0 else _NO_MATCH
    q_weights, c_weights = q.weights, c.weights
    aligned = sum(sim * (q_weights[i] + c_weights[j]) for i, j, sim in pairs)
    absorbed_weights: list[float] = []
    if q.symbols and symbols_apply(q, c):
        absorbed, absorbed_weights = absorbed_by_symbols(q, c, pairs)
        aligned = (aligned + absorbed) / total_weight
        strongest = max(
            max(matched_weight(q, c, i, j, sim) for i, j, sim in pairs),
            max(absorbed_weights, default=0.0),
        )
    else:
        # Without name items, a pair says what the lesser of its two tokens says.
        aligned /= total_weight
        strongest = max(min(q_weights[i], c_weights[j]) for i, j, _ in pairs)
    score = max(aligned, joined)
    if joined > aligned:
        return score, pairs, True, None
    # Every token of both names paired, each at least as alike as a spelling variant: the
    # whole name is the same, even if all its words are common ("Omar Ali Husain" / "OMAR ALI
    # HUSSAIN", "VTB Kapital Kholding" / "VTB Capital Holdings") or generic words of two or
    # more ("China Telecom" / "CHINA TELECOM", "Bank of Russia" / "BANK OF RUSSIA").
    whole = whole_name(q, c, pairs)
    generic_only = strongest <= GENERIC_WEIGHT and not (whole and len(pairs) > 1)
    if generic_only:
        if score > GENERIC_ONLY_CAP:
            return capped_score(GENERIC_ONLY_CAP, score), pairs, False, GENERIC_ONLY
    elif strongest < 1.0 and score > COMMON_ONLY_CAP and not whole:
        return capped_score(COMMON_ONLY_CAP, score), pairs, False, COMMON_ONLY
    reasons: list[str] = []
    if (
        not generic_only
        and len(pairs) == 1
        and not absorbed_weights
        and (one_pair := one_pair_factor(q, c))
    ):
        factor, reason = one_pair
        score *= factor
        reasons.append(reason)
    if syllabic_persons(q, c):
        if syllable_left_over(q, c, len(pairs), len(absorbed_weights)):
            score *= SYLLABLE_LEFT_FACTOR
            reasons.append(SYLLABLE_LEFT)
        if syllables_swapped(q, c, pairs):
            score *= SYLLABLES_SWAPPED_FACTOR
            reasons.append(SYLLABLES_SWAPPED)
    return score, pairs, False, "; ".join(reasons) or None


def syllabic_persons(q: NameForm, c: NameForm) -> bool:
    """Persons' names, either written in Han or Hangul."""
    if q.organisation or c.organisation:
        return False
    return not (SYLLABIC_SCRIPTS.isdisjoint(q.scripts) and SYLLABIC_SCRIPTS.isdisjoint(c.scripts))


def syllables_swapped(q: NameForm, c: NameForm, pairs: Sequence[tuple[int, int, float]]) -> bool:
    """Of `syllabic_persons`' names, both of three words or more: two neighbouring words of
    one paired with neighbouring words of the other in the other order. With two words, the
    order is the surname's, before or after the given name."""
    if min(len(q.tokens), len(c.tokens)) < 3:
        return False
    partner = {i: j for i, j, _ in pairs}
    return any(partner.get(i + 1) == j - 1 for i, j in partner.items())


def syllable_left_over(q: NameForm, c: NameForm, pairs: int, absorbed: int) -> bool:
    """Of `syllabic_persons`' names: a word of either left unpaired by the `pairs` (and not
    `absorbed` by a name item), particles aside."""
    words = len(q.tokens) - particles(q.tokens) + len(c.tokens) - particles(c.tokens)
    return words - 2 * pairs - absorbed > 0


def one_pair_factor(q: NameForm, c: NameForm) -> tuple[float, str] | None:
    """What a score of one aligned pair is multiplied by, and why: one word in common between
    company names of more than one word, one part in common between persons' names of which
    either has other parts than particles; None where neither applies."""
    if (q.organisation or c.organisation) and max(len(q.tokens), len(c.tokens)) > 1:
        return ONE_WORD_ORGANISATION_FACTOR, ONE_WORD
    if max(_parts(q.weights), _parts(c.weights)) > 1:
        return ONE_PART_PERSON_FACTOR, ONE_PART
    return None


def whole_name(q: NameForm, c: NameForm, pairs: Sequence[tuple[int, int, float]]) -> bool:
    """Every word of both names paired, each pair at least as alike as a spelling variant;
    an article or conjunction may be left over ("PACIFIC SHIPPING & TRANS" / "PACIFIC
    SHIPPING AND TRANS": "&" is no word)."""
    if any(sim < WHOLE_NAME_MIN for _, _, sim in pairs):
        return False
    paired_q = {i for i, _, _ in pairs}
    paired_c = {j for _, j, _ in pairs}
    return all(i in paired_q or t in NAME_PARTICLES for i, t in enumerate(q.tokens)) and all(
        j in paired_c or t in NAME_PARTICLES for j, t in enumerate(c.tokens)
    )


def particles(tokens: Sequence[str]) -> int:
    """How many of the tokens are articles or conjunctions."""
    count = 0
    for t in tokens:
        if t in NAME_PARTICLES:
            count += 1
    return count


def _parts(weights: Sequence[float]) -> int:
    """How many words of a name are more than particles or generic words."""
    count = 0
    for w in weights:
        if w > GENERIC_WEIGHT:
            count += 1
    return count


def name_score(q: NameForm, c: NameForm, parts: ScoreParts) -> NameScore:
    """The score found by `name_score_parts`, with what `describe_name_score` needs."""
    score, pairs, joined, capped = parts
    return NameScore(
        score=score,
        pairs=tuple((q.tokens[i], c.tokens[j], sim) for i, j, sim in pairs),
        matched=len(pairs),
        total=max(len(q.tokens), len(c.tokens)),
        joined=joined,
        capped=capped,
    )


def score_names(q: NameForm, c: NameForm) -> NameScore:
    return name_score(q, c, name_score_parts(q, c))


def describe_name_score(q: NameForm, c: NameForm, result: NameScore) -> str:
    """The name feature in words: how many tokens match, after what, and where it differs."""
    if result.joined:
        text = f"'{q.joined}' ≈ '{c.joined}' when spaces are ignored"
    else:
        text = f"{result.matched} of {result.total} name tokens match"
    translit = [*q.transliterations, *c.transliterations]
    if translit:
        shown = ", ".join(f"{han} → {latin}" for han, latin in translit)
        text += f" after transliteration ({shown})"
    elif q.scripts != c.scripts and (q.scripts | c.scripts) - {"Latin"}:
        text += " after transliteration"
    readings = [f"{f.reading_of} read in Korean as {f.original}" for f in (q, c) if f.reading_of]
    if readings:
        text += f" ({', '.join(readings)})"
    same_item: list[tuple[str, str]] = []
    if symbols_apply(q, c):
        same_item = [(a, b) for a, b, sim in result.pairs if sim == SYMBOL_SIMILARITY]
        if same_item:
            text += f" (same name in Wikidata: {', '.join(f'{a} = {b}' for a, b in same_item)})"
    paired = {token for a, b, _ in result.pairs for token in (a, b)}
    compounds = [token for token in (*q.compounds, *c.compounds) if token in paired]
    if compounds and not result.joined:
        text += f" (written as one word: {', '.join(compounds)})"
    alike = [(a, b) for a, b, sim in result.pairs if sim < 1.0 and (a, b) not in same_item]
    company = bool(q.organisation or c.organisation)
    translations = [
        (a, b)
        for a, b in alike
        if company and translated(a, b) and _translation_decided(a, b, q, c)
    ]
    spelled = [(a, b) for a, b in alike if (a, b) not in translations]
    gendered = [f"{a} ~ {b}" for a, b in spelled if not company and gender_variants(a, b)]
    fuzzy = [f"{a} ~ {b}" for a, b in spelled if company or not gender_variants(a, b)]
    if gendered and not result.joined:
        text += f" (other gender: {', '.join(gendered)})"
    if translations and not result.joined:
        text += f" (translation: {', '.join(f'{a} = {b}' for a, b in translations)})"
    if fuzzy and not result.joined:
        text += f" (spelling: {', '.join(fuzzy)})"
    if result.capped:
        text += "; " + "; ".join(_describe_reasons(q, c, result.score, result.capped))
    return text


def _translation_decided(a: str, b: str, q: NameForm, c: NameForm) -> bool:
    """The pair is alike as translations, not by its spelling (Syrie / Syria are both)."""
    skeletal = comparison_mode(q, c)[1]
    return _spelled_alike(a, b, q.abjad or c.abjad, False, skeletal) < TRANSLATION_SIMILARITY


def _describe_reasons(q: NameForm, c: NameForm, score: float, reasons: str) -> list[str]:
    """Why a score is below what the aligned words give: a cap, factors, or both."""
    out: list[str] = []
    cap_reason = None
    for reason in reasons.split("; "):
        if reason in CAPS:
            cap_reason = reason
        elif reason == NUMBERS_DIFFER:
            out.append(
                f"{reason} ({', '.join(sorted(q.numbers))} / {', '.join(sorted(c.numbers))})"
            )
            score /= NUMBER_MISMATCH_FACTOR
        else:
            out.append(reason)
    if cap_reason is not None:
        cap = CAPS[cap_reason]
        uncapped = uncapped_score(cap, score)
        out.insert(
            0, f"capped at {cap:.2f}: {cap_reason} (uncapped {uncapped:.2f}, which orders it)"
        )
    return out
