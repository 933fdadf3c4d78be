# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""The loops of candidate generation (match/index.py) and of the bounds (match/array_bounds.py),
compiled.

A query's candidates are a few hundred token occurrences, found among some thousands of
postings: over arrays that small, numpy's cost is that of its calls (some sixty per query
name) and of its sorts, not of the arithmetic. Each function here does in one pass what took
a dozen calls; the rules, constants and Python-side rows stay in those modules, which pass
them in.
"""

import threading

import numpy as np

from libc.math cimport INFINITY
from libc.stdlib cimport free, malloc, qsort


# Held by the functions that mark a scratch array and unmark it before they return: an
# allocation on the way may run the garbage collector, and with it Python code of another
# thread, which must not find the array half marked (the HTTP API serves from threads).
_SCRATCH = threading.Lock()


cdef struct Ranked:
    double total
    Py_ssize_t length
    Py_ssize_t name


cdef int _better_first(const void* a, const void* b) noexcept nogil:
    """The higher total first, then the shorter name, then the lower id."""
    cdef const Ranked* x = <const Ranked*>a
    cdef const Ranked* y = <const Ranked*>b
    if x.total != y.total:
        return -1 if x.total > y.total else 1
    if x.length != y.length:
        return -1 if x.length < y.length else 1
    return -1 if x.name < y.name else (1 if x.name > y.name else 0)


cdef void _best_to_front(Ranked* items, Py_ssize_t n, Py_ssize_t k) noexcept nogil:
    """Moves the `k` first items in the order of `_better_first` to the front, in no order.
    Quickselect, in time linear in `n`: a query's keys may touch thousands of names, of
    which a hundred are looked at. No two items are equal in that order (their names
    differ), so ties of totals (every name of a common word's key has the same) cost
    nothing more."""
    if n <= k or k <= 0:
        return
    cdef Py_ssize_t lo = 0, hi = n - 1, i, j
    cdef Ranked pivot, swap
    while lo < hi:
        pivot = items[lo + (hi - lo) // 2]
        i, j = lo, hi
        while i <= j:
            while _better_first(&items[i], &pivot) < 0:
                i += 1
            while _better_first(&items[j], &pivot) > 0:
                j -= 1
            if i <= j:
                swap = items[i]
                items[i] = items[j]
                items[j] = swap
                i += 1
                j -= 1
        # items[lo:j + 1] come before the pivot or are it, items[i:hi + 1] after or it.
        if k - 1 <= j:
            hi = j
        elif k - 1 >= i:
            lo = i
        else:
            break


cdef Py_ssize_t _tied_to_front(
    Ranked* items, Py_ssize_t start, Py_ssize_t n, double total
) noexcept nogil:
    """Moves the items from `start` on whose total is `total` to `start` onward; returns
    where they end."""
    cdef Py_ssize_t i, front = start
    cdef Ranked swap
    for i in range(start, n):
        if items[i].total == total:
            swap = items[front]
            items[front] = items[i]
            items[i] = swap
            front += 1
    return front


def gather_tokens(*args):
    with _SCRATCH:
        return _gather_tokens(*args)


def _gather_tokens(
    const Py_ssize_t[:] names,
    const Py_ssize_t[:] starts,
    const Py_ssize_t[:] counts,
    const int[:] token_ids,
    const double[:] weights,
    const unsigned char[:] particles,
    int[:] scratch,
    double generic_weight,
    list table_tokens,
    list table_skeletons,
):
    """The token occurrences of the candidate names, name after name: per name its count
    and offset; per occurrence its weight, whether it is distinctive (weighs more than a
    generic word), whether it is a particle, and its place among the distinct tokens; and
    the distinct token ids, in the order they first occur, with their strings and skeletons.

    `scratch` is as long as the token table and -1 everywhere; it is left so."""
    cdef Py_ssize_t n_names = names.shape[0]
    cdef Py_ssize_t k, t, name, start, count, total = 0
    for k in range(n_names):
        total += counts[names[k]]
    name_counts = np.empty(n_names, dtype=np.intp)
    offsets = np.empty(n_names, dtype=np.intp)
    occurrence_weights = np.empty(total, dtype=np.float64)
    distinctive = np.empty(total, dtype=np.uint8)
    occurrence_particles = np.empty(total, dtype=np.uint8)
    by_occurrence = np.empty(total, dtype=np.intp)
    distinct = np.empty(total, dtype=np.intp)
    cdef Py_ssize_t[:] c_counts = name_counts
    cdef Py_ssize_t[:] c_offsets = offsets
    cdef double[:] c_weights = occurrence_weights
    cdef unsigned char[:] c_distinctive = distinctive
    cdef unsigned char[:] c_particles = occurrence_particles
    cdef Py_ssize_t[:] c_by = by_occurrence
    cdef Py_ssize_t[:] c_distinct = distinct
    cdef Py_ssize_t at = 0, width = 0
    cdef int token, place
    cdef double w
    for k in range(n_names):
        name = names[k]
        start = starts[name]
        count = counts[name]
        c_counts[k] = count
        c_offsets[k] = at
        for t in range(start, start + count):
            token = token_ids[t]
            w = weights[t]
            c_weights[at] = w
            c_distinctive[at] = w > generic_weight
            c_particles[at] = particles[token]
            place = scratch[token]
            if place < 0:
                place = <int>width
                scratch[token] = place
                c_distinct[width] = token
                width += 1
            c_by[at] = place
            at += 1
    strings = [None] * width
    skeletons = [None] * width
    for k in range(width):
        scratch[c_distinct[k]] = -1
        strings[k] = table_tokens[c_distinct[k]]
        skeletons[k] = table_skeletons[c_distinct[k]]
    return (
        name_counts,
        offsets,
        occurrence_weights,
        distinctive,
        occurrence_particles,
        by_occurrence,
        distinct[:width].copy(),
        strings,
        skeletons,
    )


def occurrence_keys(
    const Py_ssize_t[:] counts,
    const unsigned char[:] organisation,
    const unsigned char[:] latin,
    const unsigned char[:] abjad,
    const unsigned char[:] distinctive,
    const Py_ssize_t[:] by_occurrence,
    Py_ssize_t width,
    bint query_organisation,
    bint query_latin,
    bint query_abjad,
):
    """Per occurrence, its (comparison mode, distinct token) as one number, mode × width +
    token, the mode numbered as QueryMemo numbers its tables (abjad 8, organisation 4,
    skeletal 2, strict 1); the distinct such numbers, in order; and per name whether it is
    compared as an organisation's."""
    cdef Py_ssize_t n_names = counts.shape[0]
    cdef Py_ssize_t total = by_occurrence.shape[0]
    keys = np.empty(total, dtype=np.intp)
    present = np.zeros(16 * width, dtype=np.uint8)
    org = np.empty(n_names, dtype=np.uint8)
    cdef Py_ssize_t[:] c_keys = keys
    cdef unsigned char[:] c_present = present
    cdef unsigned char[:] c_org = org
    cdef Py_ssize_t k, t, at = 0, base, mode, distinct = 0
    cdef bint is_org
    for k in range(n_names):
        is_org = query_organisation or organisation[k]
        c_org[k] = is_org
        base = (
            (8 if (abjad[k] or query_abjad) else 0)
            + (4 if is_org else 0)
            + (2 if (not is_org or not (latin[k] and query_latin)) else 0)
        )
        for t in range(counts[k]):
            mode = base + (1 if (is_org and distinctive[at]) else 0)
            c_keys[at] = mode * width + by_occurrence[at]
            if not c_present[c_keys[at]]:
                c_present[c_keys[at]] = 1
                distinct += 1
            at += 1
    found = np.empty(distinct, dtype=np.intp)
    cdef Py_ssize_t[:] c_found = found
    at = 0
    for k in range(16 * width):
        if c_present[k]:
            c_found[at] = k
            at += 1
    return keys, found, org


def near_pairs(
    const int[:, :] distances,
    const int[:, :] skeleton_distances,
    const int[:] query_lengths,
    const int[:] query_firsts,
    const int[:, :] query_keys,
    const Py_ssize_t[:] ids,
    const int[:] lengths,
    const int[:] firsts,
    list table_keys,
    const int[:] edits_by_length,
    int short_token,
):
    """Which query tokens (rows) each candidate token (columns, `ids` in the token table)
    may be similar to at all: within the edits the shorter one's length allows, written or
    by skeleton; short and starting alike; or with the same key (query_keys[k] against
    table_keys[k]). And per column, whether any row is near."""
    cdef Py_ssize_t n = distances.shape[0], m = ids.shape[0], n_keys = query_keys.shape[0]
    near = np.zeros((n, m), dtype=np.bool_)
    near_any = np.zeros(m, dtype=np.bool_)
    cdef unsigned char[:, :] c_near = near.view(np.uint8)
    cdef unsigned char[:] c_any = near_any.view(np.uint8)
    cdef const int[:] keys_of
    cdef Py_ssize_t i, j, k, token
    cdef int shorter, allowed, top = edits_by_length.shape[0] - 1
    cdef bint close
    candidate_keys = np.empty((n_keys, m), dtype=np.int32)
    cdef int[:, :] c_keys = candidate_keys
    for k in range(n_keys):
        keys_of = table_keys[k]
        for j in range(m):
            c_keys[k, j] = keys_of[ids[j]]
    for j in range(m):
        token = ids[j]
        for i in range(n):
            shorter = query_lengths[i] if query_lengths[i] < lengths[token] else lengths[token]
            allowed = edits_by_length[shorter if shorter < top else top]
            close = (
                distances[i, j] <= allowed
                or skeleton_distances[i, j] <= allowed
                or (shorter <= short_token and query_firsts[i] == firsts[token])
            )
            k = 0
            while not close and k < n_keys:
                close = query_keys[k, i] == c_keys[k, j]
                k += 1
            if close:
                c_near[i, j] = 1
                c_any[j] = 1
    return near, near_any


def fill_rows(
    const Py_ssize_t[:] keys,
    Py_ssize_t width,
    const unsigned char[:, :] near,
    const unsigned char[:] near_any,
    list strings,
    list tables,
    object person_similarity,
    object similarity,
    tuple query_tokens,
    tuple query_weights,
    double align_min,
    double[:, :] reach,
):
    """The memo's row of each (mode, token) number of `keys` into its table (`tables`, one
    per mode): empty where no query token is near the token; else the query tokens near it
    at least `align_min` alike, by `person_similarity(a, b, False)` in the modes of persons'
    names (below 4) and by `similarity(i, b, abjad, org, skeletal, strict)` in the others.
    And into `reach`, what each row may contribute (as `bounds.NameBound.reach`)."""
    cdef Py_ssize_t n = near.shape[0], k, key, mode, j, i
    cdef double sim, with_query, best, heaviest, weight
    cdef dict table
    cdef list row
    empty = ()
    for k in range(keys.shape[0]):
        key = keys[k]
        mode = key // width
        j = key - mode * width
        b = strings[j]
        table = tables[mode]
        if not near_any[j]:
            table[b] = empty
            continue
        row = []
        with_query = best = heaviest = 0.0
        for i in range(n):
            if not near[i, j]:
                continue
            if mode < 4:
                sim = person_similarity(query_tokens[i], b, False)
            else:
                sim = similarity(
                    i, b, bool(mode & 8), bool(mode & 4), bool(mode & 2), bool(mode & 1)
                )
            if sim < align_min:
                continue
            row.append((sim, i))
            weight = query_weights[i]
            with_query = max(with_query, sim * weight)
            best = max(best, sim)
            heaviest = max(heaviest, weight)
        table[b] = tuple(row)
        if row:
            reach[0, key] = with_query
            reach[1, key] = best
            reach[2, key] = heaviest


def maybe_joined(
    const Py_ssize_t[:] joined_lengths, const Py_ssize_t[:] counts, Py_ssize_t length, Py_ssize_t n
):
    """The names whose joined form is one letter long or less apart from the query's
    (`length`), and which have more than two tokens with the query's `n`
    (`names.joined_similarity` applies)."""
    cdef Py_ssize_t k, apart
    found = []
    for k in range(counts.shape[0]):
        apart = joined_lengths[k] - length
        if -1 <= apart <= 1 and counts[k] + n > 2:
            found.append(k)
    return found


def name_bounds(
    const Py_ssize_t[:] occurrence_keys,
    const double[:, :] reach,
    const double[:] weights,
    const unsigned char[:] particles,
    const unsigned char[:] distinctive,
    const Py_ssize_t[:] counts,
    const unsigned char[:] org,
    const double[:] total_weights,
    const double[:] joined,
    const double[:] factors,
    const unsigned char[:] syllabic,
    bint query_syllabic,
    double query_total_weight,
    Py_ssize_t query_tokens,
    Py_ssize_t query_particles,
    Py_ssize_t query_words,
    double query_lightest,
    double whole_name_min,
    double generic_weight,
    double generic_only_cap,
    double common_only_cap,
    double one_word_organisation_factor,
    double one_part_person_factor,
    double syllable_left_factor,
):
    """Per candidate name, the bound of array_bounds.name_bounds from the reach of each of
    its occurrences (reach[0]: the most it may add with its query token, reach[1]: its best
    similarity, reach[2]: the weight of the query token it may pair with); `query_lightest`,
    the least weight of a query token; `syllabic`, per name, whether it is written in Han or
    Hangul: a pair of persons' names either written so (the query, `query_syllabic`) counts
    `syllable_left_factor` for one pair that leaves a word over (`names.syllabic_persons`)."""
    cdef Py_ssize_t n_names = counts.shape[0]
    out = np.empty(n_names, dtype=np.float64)
    cdef double[:] c_out = out
    cdef Py_ssize_t k, t, at = 0, count, words, paired, words_c, n = query_tokens
    cdef double aligned, strongest, lowest, with_query, best, query_weight, w, total, share
    cdef double cap, factor, one_pair, bound, lightest
    cdef Py_ssize_t key
    cdef bint whole, generic_only, common_only, several
    for k in range(n_names):
        count = counts[k]
        aligned = 0.0
        strongest = -INFINITY
        lowest = INFINITY
        words = count
        paired = 0
        lightest = INFINITY
        words_c = 0
        for t in range(at, at + count):
            key = occurrence_keys[t]
            with_query = reach[0, key]
            best = reach[1, key]
            query_weight = reach[2, key]
            w = weights[t]
            aligned = aligned + (with_query + best * w)
            strongest = max(strongest, min(query_weight, w))
            if particles[t]:
                words -= 1
            elif best < lowest:
                lowest = best
            if best > 0:
                paired += 1
                lightest = min(lightest, w)
            if distinctive[t]:
                words_c += 1
        at += count
        # As `bounds._may_pair_whole` and `NameBound._by_rows`: particles may be left over.
        whole = words <= n and n - query_particles <= count and lowest >= whole_name_min
        total = total_weights[k] + query_total_weight
        if not total > 0:
            c_out[k] = 0.0
            continue
        share = aligned / total
        generic_only = strongest <= generic_weight and not (whole and n > 1)
        common_only = not generic_only and strongest < 1.0 and not whole
        cap = INFINITY
        if generic_only:
            cap = generic_only_cap
        elif common_only:
            cap = common_only_cap
        if org[k]:
            several = count > 1 or n > 1
            factor = one_word_organisation_factor
        else:
            several = words_c > 1 or query_words > 1
            factor = one_part_person_factor
        if paired == 1:
            factor = factor if several else 1.0
            if (
                not org[k]
                and (query_syllabic or syllabic[k])
                and words + n - query_particles > 2
            ):
                factor = factor * syllable_left_factor
        if paired == 1 and factor < 1.0:
            # As bounds.one_pair_bound.
            one_pair = factor * share
            if share > common_only_cap and min(lightest, query_lightest) < 1.0:
                one_pair = max(one_pair, common_only_cap)
            if min(lightest, query_lightest) <= generic_weight:
                one_pair = max(one_pair, min(share, generic_only_cap))
            share = one_pair
        bound = max(min(share, cap), joined[k])
        c_out[k] = bound * factors[k]
    return out


def candidate_entities(*args):
    with _SCRATCH:
        return _candidate_entities(*args)


def _candidate_entities(
    const Py_ssize_t[:] key_slots,
    const float[:] query_weights,
    const float[:] key_weights,
    const int[:] posting_starts,
    const int[:] postings,
    const int[:] name_entity,
    const Py_ssize_t[:] name_lengths,
    const int[:] entity_name_starts,
    const int[:] entity_name_counts,
    double[:] scratch,
    Py_ssize_t limit,
):
    """The `limit` entities whose names share the most weight of keys with the query (a
    key's weight there: the query's weight of it × its weight in the index), each with those
    of its names that share at least one key. Names are ranked by their sums, then the
    shorter first (`name_lengths`, in tokens: of a hundred affiliates that share all the
    query's words, the one with no other word is the likelier), then by id; only the best
    4 × `limit` of them are looked at, and, where those are fewer than `limit` entities, the
    others whose sum is that of the last of them.

    `scratch` is as long as the index has names and 0 everywhere; it is left so."""
    cdef Py_ssize_t k, p, slot, name, n_keys = key_slots.shape[0], n_touched = 0, total = 0
    cdef float score
    for k in range(n_keys):
        slot = key_slots[k]
        total += posting_starts[slot + 1] - posting_starts[slot]
    touched_ids = np.empty(total, dtype=np.intp)
    cdef Py_ssize_t[:] touched = touched_ids
    for k in range(n_keys):
        slot = key_slots[k]
        score = query_weights[k] * key_weights[slot]
        if not score > 0:
            continue
        for p in range(posting_starts[slot], posting_starts[slot + 1]):
            name = postings[p]
            if scratch[name] == 0:
                touched[n_touched] = name
                n_touched += 1
            scratch[name] += score
    cdef Ranked* ranked = NULL
    cdef int* taken_entities = NULL
    cdef Py_ssize_t j, m, looked_at, end, taken = 0
    cdef int entity, first, count
    cdef bint seen, extended
    out = []
    try:
        ranked = <Ranked*>malloc(max(n_touched, 1) * sizeof(Ranked))
        taken_entities = <int*>malloc(max(limit, 1) * sizeof(int))
        if ranked == NULL or taken_entities == NULL:
            raise MemoryError()
        for k in range(n_touched):
            name = touched[k]
            ranked[k].total = scratch[name]
            ranked[k].length = name_lengths[name]
            ranked[k].name = name
        # The best 4 × limit names in order; then, only if they are fewer entities than
        # `limit`, the others tied with the last of them, in order.
        looked_at = min(n_touched, limit * 4)
        _best_to_front(ranked, n_touched, looked_at)
        qsort(ranked, looked_at, sizeof(Ranked), _better_first)
        extended = False
        k = 0
        while True:
            if k == looked_at:
                if extended or looked_at == 0 or looked_at >= n_touched:
                    break
                extended = True
                end = _tied_to_front(ranked, looked_at, n_touched, ranked[looked_at - 1].total)
                qsort(ranked + looked_at, end - looked_at, sizeof(Ranked), _better_first)
                looked_at = end
                continue
            entity = name_entity[ranked[k].name]
            k += 1
            seen = False
            for j in range(taken):
                if taken_entities[j] == entity:
                    seen = True
                    break
            if seen:
                continue
            first = entity_name_starts[entity]
            count = entity_name_counts[entity]
            if count == 1:
                sharing = [first]
            else:
                sharing = []
                for m in range(first, first + count):
                    if scratch[m] > 0:
                        sharing.append(m)
            out.append((entity, sharing))
            taken_entities[taken] = entity
            taken += 1
            if taken >= limit:
                break
    finally:
        free(ranked)
        free(taken_entities)
        for k in range(n_touched):
            scratch[touched[k]] = 0
    return out
