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
from rapidfuzz.distance import OSA

from libc.math cimport INFINITY
from libc.stdint cimport uint64_t
from libc.stdlib cimport calloc, free, malloc, qsort
from libc.string cimport memset


# Held by the functions that mark a scratch array and unmark it before they return: an
# allocation on the way may run the garbage collector, and with it Python code of another
# thread, which must not find the array half marked (the HTTP API serves from threads).
_SCRATCH = threading.Lock()



# Bit-parallel optimal string alignment distance (Hyyrö 2003, as rapidfuzz computes it) of
# an ASCII pattern of at most 64 letters against any text: a query token against the
# hundred candidate tokens of its query, without rapidfuzz's cost per call and per string
# (its conversion of every string, on every call, took more than the distances).
cdef enum:
    _ASCII = 128
    _WORD = 64


cdef struct Pattern:
    uint64_t masks[_ASCII]
    Py_ssize_t length
    bint usable


cdef void _pattern(str a, Pattern* out):
    """The letters' positions in `a`, per ASCII letter; unusable for a longer or non-ASCII
    pattern (those go to rapidfuzz, pair by pair)."""
    cdef Py_ssize_t i, n = len(a)
    cdef Py_UCS4 ch
    memset(out.masks, 0, sizeof(out.masks))
    out.length = n
    out.usable = 0 < n <= _WORD
    if not out.usable:
        return
    for i in range(n):
        ch = a[i]
        if ch >= _ASCII:
            out.usable = False
            return
        out.masks[ch] |= (<uint64_t>1) << i


cdef Py_ssize_t _osa_distance(const Pattern* p, str b):
    cdef uint64_t vp = ~(<uint64_t>0), vn = 0, d0 = 0, previous = 0, current, tr, hp, hn
    cdef uint64_t last = (<uint64_t>1) << (p.length - 1)
    cdef Py_ssize_t distance = p.length
    cdef Py_UCS4 ch
    for ch in b:
        current = p.masks[ch] if ch < _ASCII else 0
        tr = (((~d0) & current) << 1) & previous
        d0 = ((((current & vp) + vp) ^ vp) | current | vn) | tr
        hp = vn | ~(d0 | vp)
        hn = d0 & vp
        if hp & last:
            distance += 1
        elif hn & last:
            distance -= 1
        hp = (hp << 1) | 1
        hn = hn << 1
        vp = hn | ~(d0 | hp)
        vn = hp & d0
        previous = current
    return distance


cdef bint _within_edits(const Pattern* p, str a, str b, int allowed) except -1:
    """Whether `a` (of pattern `p`) and `b` are at most `allowed` edits apart."""
    cdef Py_ssize_t difference = p.length - len(b)
    if difference > allowed or -difference > allowed:
        return False
    if allowed == 0:
        return a == b
    if p.usable:
        return _osa_distance(p, b) <= allowed
    return OSA.distance(a, b, score_cutoff=allowed) <= allowed


def osa_within(str a, str b, int allowed):
    """`_within_edits` for tests: the compiled distance against rapidfuzz's."""
    cdef Pattern p
    _pattern(a, &p)
    return _within_edits(&p, a, b, allowed)


def osa_distance(str a, str b):
    """The bit-parallel distance itself, for tests (None: a pattern it does not take)."""
    cdef Pattern p
    _pattern(a, &p)
    if not p.usable:
        return None
    return _osa_distance(&p, b)


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


cdef class Candidates:
    """A query's candidate names (entity after entity), their token occurrences and
    distinct tokens, gathered from the index arrays once for all the query's names; and per
    name, the most it may score against any query name bounded so far."""

    cdef Py_ssize_t n_entities, n_names, n_occurrences, width
    cdef Py_ssize_t* entity_counts
    cdef Py_ssize_t* names
    cdef Py_ssize_t* offsets
    cdef Py_ssize_t* by_occurrence
    cdef Py_ssize_t* ids
    cdef double* weights
    cdef unsigned char* distinctive
    cdef unsigned char* particles
    cdef double* best
    cdef bint any_abjad
    cdef readonly list strings
    cdef readonly list skeletons

    def __cinit__(self):
        self.entity_counts = self.names = self.offsets = NULL
        self.by_occurrence = self.ids = NULL
        self.weights = self.best = NULL
        self.distinctive = self.particles = NULL

    def __dealloc__(self):
        free(self.entity_counts)
        free(self.names)
        free(self.offsets)
        free(self.by_occurrence)
        free(self.ids)
        free(self.weights)
        free(self.best)
        free(self.distinctive)
        free(self.particles)

    @property
    def name_ids(self):
        return [self.names[k] for k in range(self.n_names)]


cdef void* _allocate(Py_ssize_t count, size_t size) except NULL:
    cdef void* memory = calloc(max(count, 1), size)
    if memory == NULL:
        raise MemoryError()
    return memory


cdef class BoundsKernel:
    """The index arrays (match/token_table.py) as the bounds of match/array_bounds.py read
    them, viewed once per index rather than once per call, and the rules' constants.

    A query's bounds take two calls per query name (`gather` once, `bound_names` per name),
    where a dozen numpy calls and as many conversions of arrays per name cost more than
    the loops themselves."""

    cdef const Py_ssize_t[:] starts
    cdef const Py_ssize_t[:] counts
    cdef const int[:] token_ids
    cdef const double[:] token_weights
    cdef const unsigned char[:] organisation
    cdef const unsigned char[:] latin
    cdef const unsigned char[:] abjad
    cdef const unsigned char[:] syllabic
    cdef const unsigned char[:] weak
    cdef const double[:] total_weights
    cdef const Py_ssize_t[:] joined_lengths
    cdef const unsigned char[:] table_particles
    cdef int[:] scratch
    cdef const int[:] lengths
    cdef const int[:] firsts
    cdef const int[:] undoubled
    cdef const int[:] syllables
    cdef const int[:] translations
    cdef const int[:] consonants
    cdef dict undoubled_ids
    cdef dict syllable_ids
    cdef dict translation_ids
    cdef dict consonant_ids
    cdef list table_tokens
    cdef list table_skeletons
    # Per name, its tokens joined (`NameForm.joined`).
    cdef list joined
    cdef const int[:] edits_by_length
    cdef int short_token
    cdef double weak_factor, align_min, whole_name_min, generic_weight, generic_only_cap
    cdef double common_only_cap, one_word_organisation_factor, one_part_person_factor
    cdef double syllable_left_factor

    def __init__(self, arrays, table, dict constants):
        self.starts = arrays.starts
        self.counts = arrays.counts
        self.token_ids = arrays.token_ids
        self.token_weights = arrays.weights
        self.organisation = arrays.organisation.view(np.uint8)
        self.latin = arrays.latin.view(np.uint8)
        self.abjad = arrays.abjad.view(np.uint8)
        self.syllabic = arrays.syllabic.view(np.uint8)
        self.weak = arrays.weak.view(np.uint8)
        self.total_weights = arrays.total_weights
        self.joined_lengths = arrays.joined_lengths
        self.joined = arrays.joined
        self.table_particles = table.particles.view(np.uint8)
        self.scratch = table.scratch
        self.lengths = table.lengths
        self.firsts = table.firsts
        self.undoubled = table.undoubled
        self.syllables = table.syllables
        self.translations = table.translations
        self.consonants = table.consonants
        self.undoubled_ids = table.undoubled_ids
        self.syllable_ids = table.syllable_ids
        self.translation_ids = table.translation_ids
        self.consonant_ids = table.consonant_ids
        self.table_tokens = table.tokens
        self.table_skeletons = table.skeletons
        self.edits_by_length = constants["edits_by_length"]
        self.short_token = constants["short_token"]
        self.weak_factor = constants["weak_factor"]
        self.align_min = constants["align_min"]
        self.whole_name_min = constants["whole_name_min"]
        self.generic_weight = constants["generic_weight"]
        self.generic_only_cap = constants["generic_only_cap"]
        self.common_only_cap = constants["common_only_cap"]
        self.one_word_organisation_factor = constants["one_word_organisation_factor"]
        self.one_part_person_factor = constants["one_part_person_factor"]
        self.syllable_left_factor = constants["syllable_left_factor"]

    def gather(self, list name_lists):
        """The candidates of `name_lists` (per entity, its names to bound)."""
        with _SCRATCH:
            return self._gather(name_lists)

    cdef Candidates _gather(self, list name_lists):
        """Per name its count and offset of occurrences; per occurrence its weight, whether
        it is distinctive (weighs more than a generic word), whether it is a particle, and
        its place among the distinct tokens; and the distinct token ids, in the order they
        first occur, with their strings and skeletons.

        The table's scratch array is -1 everywhere; it is left so."""
        cdef Candidates c = Candidates.__new__(Candidates)
        cdef Py_ssize_t e, k, t, name, start, count, at = 0, width = 0, total = 0
        cdef Py_ssize_t n_entities = len(name_lists), n_names = 0
        cdef int token, place
        cdef double w
        cdef list ids
        for e in range(n_entities):
            ids = name_lists[e]
            n_names += len(ids)
        c.n_entities = n_entities
        c.n_names = n_names
        c.entity_counts = <Py_ssize_t*>_allocate(n_entities, sizeof(Py_ssize_t))
        c.names = <Py_ssize_t*>_allocate(n_names, sizeof(Py_ssize_t))
        c.offsets = <Py_ssize_t*>_allocate(n_names, sizeof(Py_ssize_t))
        c.best = <double*>_allocate(n_names, sizeof(double))
        k = 0
        for e in range(n_entities):
            ids = name_lists[e]
            c.entity_counts[e] = len(ids)
            for name in ids:
                c.names[k] = name
                total += self.counts[name]
                k += 1
        c.n_occurrences = total
        c.weights = <double*>_allocate(total, sizeof(double))
        c.distinctive = <unsigned char*>_allocate(total, sizeof(unsigned char))
        c.particles = <unsigned char*>_allocate(total, sizeof(unsigned char))
        c.by_occurrence = <Py_ssize_t*>_allocate(total, sizeof(Py_ssize_t))
        c.ids = <Py_ssize_t*>_allocate(total, sizeof(Py_ssize_t))
        c.any_abjad = False
        for k in range(n_names):
            name = c.names[k]
            if self.abjad[name]:
                c.any_abjad = True
            start = self.starts[name]
            count = self.counts[name]
            c.offsets[k] = at
            for t in range(start, start + count):
                token = self.token_ids[t]
                w = self.token_weights[t]
                c.weights[at] = w
                c.distinctive[at] = w > self.generic_weight
                c.particles[at] = self.table_particles[token]
                place = self.scratch[token]
                if place < 0:
                    place = <int>width
                    self.scratch[token] = place
                    c.ids[width] = token
                    width += 1
                c.by_occurrence[at] = place
                at += 1
        c.width = width
        c.strings = [None] * width
        c.skeletons = [None] * width
        for k in range(width):
            self.scratch[c.ids[k]] = -1
            c.strings[k] = self.table_tokens[c.ids[k]]
            c.skeletons[k] = self.table_skeletons[c.ids[k]]
        return c

    def bound_names(
        self,
        Candidates c,
        tuple query_tokens,
        tuple query_weights,
        list query_keys,
        list tables,
        object person_similarity,
        object similarity,
        bint query_organisation,
        bint query_latin,
        bint query_abjad,
        bint query_syllabic,
        double query_total_weight,
        Py_ssize_t query_particles,
        Py_ssize_t query_words,
        double query_lightest,
        str query_joined,
        object joined_near,
    ):
        """Raises each candidate name's best bound to the most it may score against this
        query name (which has no name items), weak aliases counted as `rank_candidate`
        counts them, and fills the query name's rows (`tables`, QueryMemo's) of every
        candidate token in its comparison mode.

        `query_keys`, per query token: its skeleton, undoubled spelling, syllable,
        translation and consonant keys (None: none). `joined_near(names)`: per name of the
        list, JOINED_FACTOR × its joined similarity with the query name, asked only of names
        whose joined form is one edit or less from the query's (`query_joined`) and which
        have more than two tokens with the query's."""
        cdef Py_ssize_t n = len(query_tokens), m = c.width, n_names = c.n_names
        cdef Py_ssize_t keyspace = 16 * m
        cdef bint abjad_compared = query_abjad or c.any_abjad
        cdef Py_ssize_t* occurrence_keys = NULL
        cdef unsigned char* present = NULL
        cdef unsigned char* org = NULL
        cdef unsigned char* near = NULL
        cdef unsigned char* near_any = NULL
        cdef double* reach = NULL
        cdef double* joined = NULL
        cdef int* query_key_ids = NULL
        try:
            occurrence_keys = <Py_ssize_t*>_allocate(c.n_occurrences, sizeof(Py_ssize_t))
            present = <unsigned char*>_allocate(keyspace, sizeof(unsigned char))
            org = <unsigned char*>_allocate(n_names, sizeof(unsigned char))
            near = <unsigned char*>_allocate(n * m, sizeof(unsigned char))
            near_any = <unsigned char*>_allocate(m, sizeof(unsigned char))
            reach = <double*>_allocate(3 * keyspace, sizeof(double))
            joined = <double*>_allocate(n_names, sizeof(double))
            query_key_ids = <int*>_allocate(4 * n, sizeof(int))
            self._occurrence_keys(c, query_organisation, query_latin, query_abjad,
                                  occurrence_keys, present, org)
            self._query_key_ids(query_keys, abjad_compared, query_key_ids)
            self._near_pairs(c, query_tokens, query_keys, query_key_ids, abjad_compared,
                             near, near_any)
            self._fill_rows(c, present, near, near_any, n, tables, person_similarity,
                            similarity, query_tokens, query_weights, reach)
            self._joined(c, query_joined, n, joined_near, joined)
            self._name_bounds(
                c, occurrence_keys, reach, org, joined, query_syllabic, query_total_weight,
                n, query_particles, query_words, query_lightest,
            )
        finally:
            free(occurrence_keys)
            free(present)
            free(org)
            free(near)
            free(near_any)
            free(reach)
            free(joined)
            free(query_key_ids)

    cdef void _occurrence_keys(
        self,
        Candidates c,
        bint query_organisation,
        bint query_latin,
        bint query_abjad,
        Py_ssize_t* keys,
        unsigned char* present,
        unsigned char* org,
    ):
        """Per occurrence, its (comparison mode, distinct token) as one number, mode × width
        + token, the mode numbered as QueryMemo numbers its tables (abjad 8, organisation 4,
        skeletal 2, strict 1); which such numbers occur; and per name whether it is
        compared as an organisation's."""
        cdef Py_ssize_t k, t, at = 0, base, mode, name, width = c.width
        cdef bint is_org
        for k in range(c.n_names):
            name = c.names[k]
            is_org = query_organisation or self.organisation[name]
            org[k] = is_org
            base = (
                (8 if (self.abjad[name] or query_abjad) else 0)
                + (4 if is_org else 0)
                + (2 if (not is_org or not (self.latin[name] and query_latin)) else 0)
            )
            for t in range(self.counts[name]):
                mode = base + (1 if (is_org and c.distinctive[at]) else 0)
                keys[at] = mode * width + c.by_occurrence[at]
                present[keys[at]] = 1
                at += 1

    cdef int _query_key_ids(self, list query_keys, bint abjad_compared, int* out) except -1:
        """Per kind of key (undoubled, syllable, translation, consonants) and query token,
        the id of its key among the table's: -2 for a token without one, -3 for a key no
        listed token has (both like no candidate token's)."""
        cdef Py_ssize_t n = len(query_keys), i, kind
        cdef dict ids
        cdef tuple keys
        cdef object key, found
        cdef list tables = [
            self.undoubled_ids, self.syllable_ids, self.translation_ids, self.consonant_ids
        ]
        for i in range(n):
            keys = <tuple>query_keys[i]
            for kind in range(4 if abjad_compared else 3):
                key = keys[kind + 1]
                if key is None:
                    out[kind * n + i] = -2
                    continue
                found = (<dict>tables[kind]).get(key)
                out[kind * n + i] = -3 if found is None else <int>found
        return 0

    cdef int _near_pairs(
        self,
        Candidates c,
        tuple query_tokens,
        list query_keys,
        const int* query_key_ids,
        bint abjad_compared,
        unsigned char* near,
        unsigned char* near_any,
    ) except -1:
        """Which query tokens (rows) each distinct candidate token (columns) may be similar
        to at all, by the rules of `similarity.token_similarity`: within the edits the
        shorter one's length allows, written or by skeleton; short and starting alike (an
        initial, a short variant); or with the same key (the same letters undoubled, the
        same syllable in another romanisation, a word and its translation, in an abjad the
        same consonants). Every other pair is 0 in every comparison mode. And per column,
        whether any query token is near it."""
        cdef Py_ssize_t n = len(query_tokens), m = c.width, i, j, kind, token
        cdef Py_ssize_t n_kinds = 4 if abjad_compared else 3
        cdef int shorter, allowed, top = self.edits_by_length.shape[0] - 1, key
        cdef bint close
        cdef list query_skeletons = [keys[0] for keys in query_keys]
        cdef int* query_lengths = <int*>_allocate(n, sizeof(int))
        cdef int* query_firsts = <int*>_allocate(n, sizeof(int))
        cdef Pattern* spellings = <Pattern*>_allocate(n, sizeof(Pattern))
        cdef Pattern* skeletons = <Pattern*>_allocate(n, sizeof(Pattern))
        cdef str a, skeleton
        try:
            for i in range(n):
                a = <str>query_tokens[i]
                query_lengths[i] = len(a)
                query_firsts[i] = ord(a[0])
                _pattern(a, &spellings[i])
                _pattern(<str>query_skeletons[i], &skeletons[i])
            for j in range(m):
                token = c.ids[j]
                for i in range(n):
                    shorter = query_lengths[i]
                    if self.lengths[token] < shorter:
                        shorter = self.lengths[token]
                    allowed = self.edits_by_length[shorter if shorter < top else top]
                    close = shorter <= self.short_token and query_firsts[i] == self.firsts[token]
                    kind = 0
                    while not close and kind < n_kinds:
                        key = query_key_ids[kind * n + i]
                        if kind == 0:
                            close = key == self.undoubled[token]
                        elif kind == 1:
                            close = key == self.syllables[token]
                        elif kind == 2:
                            close = key == self.translations[token]
                        else:
                            close = key == self.consonants[token]
                        kind += 1
                    close = (
                        close
                        or _within_edits(
                            &spellings[i], <str>query_tokens[i], <str>c.strings[j], allowed
                        )
                        or _within_edits(
                            &skeletons[i], <str>query_skeletons[i], <str>c.skeletons[j],
                            allowed,
                        )
                    )
                    if close:
                        near[i * m + j] = 1
                        near_any[j] = 1
        finally:
            free(query_lengths)
            free(query_firsts)
            free(spellings)
            free(skeletons)
        return 0

    cdef int _fill_rows(
        self,
        Candidates c,
        const unsigned char* present,
        const unsigned char* near,
        const unsigned char* near_any,
        Py_ssize_t n,
        list tables,
        object person_similarity,
        object similarity,
        tuple query_tokens,
        tuple query_weights,
        double* reach,
    ) except -1:
        """The row of each (mode, token) number present into its table (`tables`, one per
        mode): empty where no query token is near the token; else the query tokens near it
        at least `align_min` alike, by `person_similarity(a, b, False)` in the modes of
        persons' names (below 4) and by `similarity(i, b, abjad, org, skeletal, strict)` in
        the others. And into `reach`, what each row may contribute (as
        `bounds.NameBound.reach`): with its query token, its best similarity, the weight of
        the heaviest query token it pairs with."""
        cdef Py_ssize_t m = c.width, keyspace = 16 * m, key, mode, j, i
        cdef double sim, with_query, best, heaviest, weight
        cdef dict table
        cdef list row
        empty = ()
        for key in range(keyspace):
            if not present[key]:
                continue
            mode = key // m
            j = key - mode * m
            b = c.strings[j]
            table = tables[mode]
            if not near_any[j]:
                table[b] = empty
                continue
            row = []
            with_query = best = heaviest = 0.0
            for i in range(n):
                if not near[i * m + j]:
                    continue
                if mode < 4:
                    sim = person_similarity(query_tokens[i], b, False)
                else:
                    sim = similarity(
                        i, b, bool(mode & 8), bool(mode & 4), bool(mode & 2), bool(mode & 1)
                    )
                if sim < self.align_min:
                    continue
                row.append((sim, i))
                weight = query_weights[i]
                with_query = max(with_query, sim * weight)
                best = max(best, sim)
                heaviest = max(heaviest, weight)
            table[b] = tuple(row)
            if row:
                reach[key] = with_query
                reach[keyspace + key] = best
                reach[2 * keyspace + key] = heaviest
        return 0

    cdef int _joined(
        self, Candidates c, str query_joined, Py_ssize_t n, object joined_near, double* joined
    ) except -1:
        """Into `joined`, `joined_near` of the names whose joined form is one edit or less
        apart from the query's, and which have more than two tokens with the query's `n`
        (`names.joined_similarity` applies); 0 for the others."""
        cdef Py_ssize_t k, apart, name, length = len(query_joined)
        cdef list maybe = []
        cdef list places = []
        cdef Pattern pattern
        _pattern(query_joined, &pattern)
        for k in range(c.n_names):
            name = c.names[k]
            apart = self.joined_lengths[name] - length
            if (
                -1 <= apart <= 1
                and self.counts[name] + n > 2
                and _within_edits(&pattern, query_joined, <str>self.joined[name], 1)
            ):
                maybe.append(name)
                places.append(k)
        if not maybe:
            return 0
        found = joined_near(maybe)
        for k in range(len(places)):
            joined[<Py_ssize_t>places[k]] = found[k]
        return 0

    cdef void _name_bounds(
        self,
        Candidates c,
        const Py_ssize_t* occurrence_keys,
        const double* reach,
        const unsigned char* org,
        const double* joined,
        bint query_syllabic,
        double query_total_weight,
        Py_ssize_t n,
        Py_ssize_t query_particles,
        Py_ssize_t query_words,
        double query_lightest,
    ):
        """Per candidate name, its bound from the reach of each of its occurrences
        (as `bounds.NameBound._bound`), raising its best so far. `query_lightest`, the least
        weight of a query token; a pair of persons' names either written in Han or Hangul
        (the query, `query_syllabic`) counts `syllable_left_factor` for one pair that leaves
        a word over (`names.syllabic_persons`)."""
        cdef Py_ssize_t keyspace = 16 * c.width
        cdef Py_ssize_t k, t, at = 0, count, words, paired, words_c, name, key
        cdef double aligned, strongest, lowest, with_query, best, query_weight, w, total, share
        cdef double cap, factor, one_pair, bound, lightest
        cdef bint whole, generic_only, common_only, several
        for k in range(c.n_names):
            name = c.names[k]
            count = self.counts[name]
            aligned = 0.0
            strongest = -INFINITY
            lowest = INFINITY
            words = count
            paired = 0
            lightest = INFINITY
            words_c = 0
            for t in range(at, at + count):
                key = occurrence_keys[t]
                with_query = reach[key]
                best = reach[keyspace + key]
                query_weight = reach[2 * keyspace + key]
                w = c.weights[t]
                aligned = aligned + (with_query + best * w)
                strongest = max(strongest, min(query_weight, w))
                if c.particles[t]:
                    words -= 1
                elif best < lowest:
                    lowest = best
                if best > 0:
                    paired += 1
                    lightest = min(lightest, w)
                if c.distinctive[t]:
                    words_c += 1
            at += count
            # As `bounds._may_pair_whole` and `NameBound._by_rows`: particles may be left
            # over.
            whole = words <= n and n - query_particles <= count and lowest >= self.whole_name_min
            total = self.total_weights[name] + query_total_weight
            if not total > 0:
                continue
            share = aligned / total
            generic_only = strongest <= self.generic_weight and not (whole and n > 1)
            common_only = not generic_only and strongest < 1.0 and not whole
            cap = INFINITY
            if generic_only:
                cap = self.generic_only_cap
            elif common_only:
                cap = self.common_only_cap
            if org[k]:
                several = count > 1 or n > 1
                factor = self.one_word_organisation_factor
            else:
                several = words_c > 1 or query_words > 1
                factor = self.one_part_person_factor
            if paired == 1:
                factor = factor if several else 1.0
                if (
                    not org[k]
                    and (query_syllabic or self.syllabic[name])
                    and words + n - query_particles > 2
                ):
                    factor = factor * self.syllable_left_factor
            if paired == 1 and factor < 1.0:
                # As bounds.one_pair_bound.
                one_pair = factor * share
                if share > self.common_only_cap and min(lightest, query_lightest) < 1.0:
                    one_pair = max(one_pair, self.common_only_cap)
                if min(lightest, query_lightest) <= self.generic_weight:
                    one_pair = max(one_pair, min(share, self.generic_only_cap))
                share = one_pair
            bound = max(min(share, cap), joined[k])
            # As `rank_candidate` counts a weak alias (× 1.0 is exact).
            if self.weak[name]:
                bound = bound * self.weak_factor
            if bound > c.best[k]:
                c.best[k] = bound

    def entity_bounds(self, Candidates c, object excluded=None):
        """Per candidate entity, the best bound of its names; the names `excluded` marks
        (bytes, 1 or 0 per candidate name in turn) count 0."""
        cdef const unsigned char[:] skip
        cdef bint skipping = excluded is not None
        if skipping:
            skip = excluded
        cdef Py_ssize_t e, k, at = 0
        cdef double best
        out = [0.0] * c.n_entities
        for e in range(c.n_entities):
            best = 0.0
            for k in range(at, at + c.entity_counts[e]):
                if skipping and skip[k]:
                    continue
                if c.best[k] > best:
                    best = c.best[k]
            at += c.entity_counts[e]
            out[e] = best
        return out


cdef class CandidateKernel:
    """Candidate generation over one index's postings, its arrays viewed once: a view of a
    numpy array costs about a microsecond, and a query asked for ten of them per call."""

    cdef const float[:] key_weights
    cdef const int[:] posting_starts
    cdef const int[:] postings
    cdef const int[:] name_entity
    cdef const Py_ssize_t[:] name_lengths
    cdef const int[:] entity_name_starts
    cdef const int[:] entity_name_counts
    cdef double[:] scratch

    def __init__(
        self,
        const float[:] key_weights,
        const int[:] posting_starts,
        const int[:] postings,
        const int[:] name_entity,
        const Py_ssize_t[:] name_lengths,
        const int[:] entity_name_starts,
        const int[:] entity_name_counts,
        double[:] scratch,
    ):
        self.key_weights = key_weights
        self.posting_starts = posting_starts
        self.postings = postings
        self.name_entity = name_entity
        self.name_lengths = name_lengths
        self.entity_name_starts = entity_name_starts
        self.entity_name_counts = entity_name_counts
        self.scratch = scratch

    def filed_under(self, list key_slots, list names):
        """Per name of `names`, whether it is in the postings of any of the keys: a binary
        search in each (a key's postings are in ascending order of name, and a common
        name's item files thousands)."""
        cdef Py_ssize_t n = len(names), k, i, slot, lo, hi, mid, end, name
        cdef list out = [False] * n
        for k in range(len(key_slots)):
            slot = <Py_ssize_t>key_slots[k]
            end = self.posting_starts[slot + 1]
            for i in range(n):
                if out[i] is True:
                    continue
                name = <Py_ssize_t>names[i]
                lo = self.posting_starts[slot]
                hi = end
                while lo < hi:
                    mid = (lo + hi) // 2
                    if self.postings[mid] < name:
                        lo = mid + 1
                    else:
                        hi = mid
                if lo < end and self.postings[lo] == name:
                    out[i] = True
        return out

    def candidate_entities(self, list key_slots, list query_weights, Py_ssize_t limit):
        """The `limit` entities whose names share the most weight of keys with the query (a
        key's weight there: the query's weight of it (as a float32) × its weight in the
        index), each with those of its names that share at least one key. Names are ranked
        by their sums, then the shorter first (`name_lengths`, in tokens: of a hundred
        affiliates that share all the query's words, the one with no other word is the
        likelier), then by id; only the best 4 × `limit` of them are looked at, and, where
        those are fewer than `limit` entities, the others whose sum is that of the last of
        them.

        `scratch` is as long as the index has names and 0 everywhere; it is left so."""
        with _SCRATCH:
            return self._candidate_entities(key_slots, query_weights, limit)

    cdef list _candidate_entities(self, list key_slots, list query_weights, Py_ssize_t limit):
        cdef Py_ssize_t k, p, slot, name, n_keys = len(key_slots), n_touched = 0, total = 0
        cdef float score, weight
        cdef const int[:] posting_starts = self.posting_starts
        cdef const int[:] postings = self.postings
        cdef double[:] scratch = self.scratch
        cdef Py_ssize_t* touched = NULL
        cdef Ranked* ranked = NULL
        cdef int* taken_entities = NULL
        cdef Py_ssize_t j, m, looked_at, end, taken = 0
        cdef int entity, first, count
        cdef bint seen, extended
        cdef list out = [], sharing
        for k in range(n_keys):
            slot = <Py_ssize_t>key_slots[k]
            total += posting_starts[slot + 1] - posting_starts[slot]
        try:
            touched = <Py_ssize_t*>_allocate(total, sizeof(Py_ssize_t))
            for k in range(n_keys):
                slot = <Py_ssize_t>key_slots[k]
                weight = <float>(<double>query_weights[k])
                score = weight * self.key_weights[slot]
                if not score > 0:
                    continue
                for p in range(posting_starts[slot], posting_starts[slot + 1]):
                    name = postings[p]
                    if scratch[name] == 0:
                        touched[n_touched] = name
                        n_touched += 1
                    scratch[name] += score
            ranked = <Ranked*>_allocate(n_touched, sizeof(Ranked))
            taken_entities = <int*>_allocate(limit, sizeof(int))
            for k in range(n_touched):
                name = touched[k]
                ranked[k].total = scratch[name]
                ranked[k].length = self.name_lengths[name]
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
                    end = _tied_to_front(
                        ranked, looked_at, n_touched, ranked[looked_at - 1].total
                    )
                    qsort(ranked + looked_at, end - looked_at, sizeof(Ranked), _better_first)
                    looked_at = end
                    continue
                entity = self.name_entity[ranked[k].name]
                k += 1
                seen = False
                for j in range(taken):
                    if taken_entities[j] == entity:
                        seen = True
                        break
                if seen:
                    continue
                first = self.entity_name_starts[entity]
                count = self.entity_name_counts[entity]
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
            if touched != NULL:
                for k in range(n_touched):
                    scratch[touched[k]] = 0
            free(touched)
        return out
