"""Scoring one name against another: weighted token alignment, with its explanation.

The score is a weighted Dice coefficient over aligned tokens: each aligned pair contributes
its similarity times the weights of both tokens, divided by the weight of all tokens on both
sides. Missing or extra name parts therefore lower the score in proportion to what they say
about identity; order does not matter ("SALEK, ABDULHAI" = "Abdulhai Salek"). The joined
form catches spacing differences ("Jean Pierre" / "Jeanpierre").
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz.distance import OSA

from clearance.match.similarity import edits_allowed, token_similarity
from clearance.names import NameForm
from clearance.names.symbols import LATIN, shared_symbol
from clearance.names.vocabulary import GENERIC_WEIGHT

# Two tokens in different scripts that rigour's lexicon knows as one Wikidata name item
# (Джон / John, 阿泽里尼 / Azzellini): as alike as a transliteration variant.
SYMBOL_SIMILARITY = 0.9
# Pairs at least this alike throughout make a whole-name match, exempt from the common-name cap.
WHOLE_NAME_MIN = 0.8
# A pair of tokens counts as aligned from this similarity on.
ALIGN_MIN = 0.5
# Joined-form similarity is trusted a little less than a token-by-token match.
JOINED_FACTOR = 0.95
# Caps when what matched says nothing about identity (only generic words, only common names).
GENERIC_ONLY_CAP = 0.3
COMMON_ONLY_CAP = 0.45
# Two company names with one word in common and others apart ("Aqua Metals" / "Aqua
# Shipping"): that word is often a brand many firms share. Measured on SEC issuer names
# against the lists and on leave-one-out CSL aliases (bench/match_quality.py, sets 2b and 3):
# 0.9 lets "Astra Energy" match "Astra Group", 0.87 loses "SHA'BI FORCE" / "SHA'BI".
ONE_WORD_ORGANISATION_FACTOR = 0.88


@dataclass(frozen=True)
class NameScore:
    score: float
    pairs: tuple[tuple[str, str, float], ...]
    matched: int
    total: int
    joined: bool
    capped: str | None


def symbols_apply(q: NameForm, c: NameForm) -> bool:
    """Name items decide only across scripts: within one script, spelling says more (two
    Latin spellings of one Wikidata item, Jon / John, may be two different people's names)."""
    return bool(q.symbols) and bool(c.symbols) and q.scripts != c.scripts


def align_tokens(q: NameForm, c: NameForm) -> list[tuple[int, int, float]]:
    """Greedy one-to-one alignment of tokens by descending similarity."""
    abjad = q.abjad or c.abjad
    # Distinctive words of company names: one edit less (see similarity.edit_budget); generic
    # words keep the usual budget (Technology / Technologies).
    org = bool(q.organisation or c.organisation)
    similarity = token_similarity
    if org:
        # Two company names both written in Latin: a brand is spelled as registered, and a
        # spelling skeleton in common (Coty / Koti, Mitek / Mitec) is another brand.
        skeletal = not (q.scripts <= LATIN and c.scripts <= LATIN)
        q_strict = [w > GENERIC_WEIGHT for w in q.weights]
        c_strict = [
            (j, b, w > GENERIC_WEIGHT)
            for j, (b, w) in enumerate(zip(c.tokens, c.weights, strict=True))
        ]
        scored = [
            (similarity(a, b, abjad, qs and cs, skeletal or not (qs and cs)), i, j)
            for i, (a, qs) in enumerate(zip(q.tokens, q_strict, strict=True))
            for j, b, cs in c_strict
        ]
    else:
        c_indexed = tuple(enumerate(c.tokens))
        scored = [
            (similarity(a, b, abjad), i, j) for i, a in enumerate(q.tokens) for j, b in c_indexed
        ]
    if symbols_apply(q, c):
        scored = [
            (SYMBOL_SIMILARITY, i, j)
            if sim < SYMBOL_SIMILARITY and shared_symbol(q.symbols[i], c.symbols[j])
            else (sim, i, j)
            for sim, i, j in scored
        ]
    scored = [item for item in scored if item[0] >= ALIGN_MIN]
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
    if sim == SYMBOL_SIMILARITY and symbols_apply(q, c):
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
    extra = 0.0
    weights: list[float] = []
    used_q = {i for i, _, _ in pairs}
    used_c = {j for _, j, _ in pairs}
    # Only into a side whose tokens are all paired (articles aside): 김정은 / "Kim Jung Jong"
    # leaves 은 over, and "Jung" beside "Jong" is then another name, not the second half of 정.
    open_q = [i for i in range(len(q.tokens)) if i not in used_q and q.weights[i] > GENERIC_WEIGHT]
    open_c = [j for j in range(len(c.tokens)) if j not in used_c and c.weights[j] > GENERIC_WEIGHT]
    for i in range(len(q.tokens)) if not open_c else ():
        if i in used_q:
            continue
        for _, j, sim in pairs:
            if shared_symbol(q.symbols[i], c.symbols[j]):
                extra += min(sim, SYMBOL_SIMILARITY) * q.weights[i]
                weights.append(q.weights[i])
                break
    for j in range(len(c.tokens)) if not open_q else ():
        if j in used_c:
            continue
        for i, _, sim in pairs:
            if shared_symbol(q.symbols[i], c.symbols[j]):
                extra += min(sim, SYMBOL_SIMILARITY) * c.weights[j]
                weights.append(c.weights[j])
                break
    return extra, weights


def joined_similarity(q: NameForm, c: NameForm) -> float:
    """Similarity of the names without spaces, when they are split differently ("Jeanpierre
    Bemba", "AREFULLAHA REF" / "AREFULLAH AREF"); one edit at most, since whole names are long
    and differ little by chance."""
    a, b = q.joined, c.joined
    if not a or not b or q.tokens == c.tokens:
        return 0.0
    if a == b:
        return 1.0
    cutoff = min(1, edits_allowed(min(len(a), len(b))))
    distance = OSA.distance(a, b, score_cutoff=cutoff + 1)
    if distance > cutoff:
        return 0.0
    return 1.0 - distance / max(len(a), len(b))


def score_names(q: NameForm, c: NameForm) -> NameScore:
    total_weight = q.total_weight + c.total_weight
    if not q.tokens or not c.tokens or total_weight <= 0:
        return NameScore(0.0, (), 0, max(len(q.tokens), len(c.tokens)), False, None)
    pairs = align_tokens(q, c)
    absorbed, absorbed_weights = absorbed_by_symbols(q, c, pairs)
    aligned = sum(sim * (q.weights[i] + c.weights[j]) for i, j, sim in pairs)
    aligned = (aligned + absorbed) / total_weight
    joined = JOINED_FACTOR * joined_similarity(q, c) if len(q.tokens) + len(c.tokens) > 2 else 0.0
    score = max(aligned, joined)
    capped: str | None = None
    # Every token of both names paired, each at least as alike as a spelling variant: the
    # whole name is the same, even if all its words are common ("Omar Ali Husain" / "OMAR ALI
    # HUSSAIN", "VTB Kapital Kholding" / "VTB Capital Holdings").
    whole_name = len(pairs) == len(q.tokens) == len(c.tokens) and all(
        p[2] >= WHOLE_NAME_MIN for p in pairs
    )
    matched_weights = [matched_weight(q, c, i, j, sim) for i, j, sim in pairs]
    matched_weights += absorbed_weights
    if joined <= aligned and matched_weights and max(matched_weights) <= GENERIC_WEIGHT:
        if score > GENERIC_ONLY_CAP:
            score, capped = GENERIC_ONLY_CAP, "only generic words match"
    elif (
        joined <= aligned
        and not whole_name
        and max(matched_weights, default=0.0) < 1.0
        and score > COMMON_ONLY_CAP
    ):
        score, capped = COMMON_ONLY_CAP, "only common names or initials match"
    elif (
        (q.organisation or c.organisation)
        and joined <= aligned
        and len(pairs) == 1
        and max(len(q.tokens), len(c.tokens)) > 1
    ):
        score *= ONE_WORD_ORGANISATION_FACTOR
        capped = f"×{ONE_WORD_ORGANISATION_FACTOR}: one word in common"
    return NameScore(
        score=score,
        pairs=tuple((q.tokens[i], c.tokens[j], sim) for i, j, sim in pairs),
        matched=len(pairs),
        total=max(len(q.tokens), len(c.tokens)),
        joined=joined > aligned,
        capped=capped,
    )


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
    if symbols_apply(q, c):
        same = [f"{a} = {b}" for a, b, sim in result.pairs if sim == SYMBOL_SIMILARITY]
        if same:
            text += f" (same name in Wikidata: {', '.join(same)})"
    fuzzy = [f"{a} ~ {b}" for a, b, sim in result.pairs if sim < 1.0 and sim != SYMBOL_SIMILARITY]
    if fuzzy and not result.joined:
        text += f" (spelling: {', '.join(fuzzy)})"
    if result.capped and result.capped.startswith("×"):
        text += f"; {result.capped}"
    elif result.capped:
        text += f"; capped at {result.score:.2f}: {result.capped}"
    return text
