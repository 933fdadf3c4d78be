"""Person-name symbols: which Wikidata given-name or family-name item a name part is.

rigour's person-name tagger knows each name item of Wikidata in every script it is written
in (Джон, John, ジョン → NAME:Q4925477). Two tokens that carry the same item are the same
name even when no transliteration brings them together: a Japanese or Chinese transcription
of a Western name (阿泽里尼 / Azzellini), an Arabic spelling without vowels, a Russian
rendering of a Western name (Джон / John).

Building the tagger takes several seconds, so it is built on first use only: `compare`
tags two names of different scripts, and the screener tags a query written in another
script than Latin (and the listed names it is compared with). Latin queries never need it,
which keeps the cold start of the screener short.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from functools import lru_cache

from clearance.names.hangul import split_hangul_names
from clearance.names.pipeline import NameForm, normalise_name

LATIN = frozenset({"Latin"})


def needs_symbols(form: NameForm) -> bool:
    """A name of a person (or of an unknown kind) written in a script other than Latin."""
    return form.organisation is not True and bool(form.scripts - LATIN)


@lru_cache(maxsize=65536)
def _symbols_of_parts(text: str) -> tuple[tuple[str, frozenset[str]], ...]:
    """rigour's parts of `text` (words of the original script), each with its name items."""
    from rigour.names import NameTypeTag, SymbolCategory, analyze_names

    names = analyze_names(
        NameTypeTag.PER, [text], phonetics=False, numerics=False, consolidate=False
    )
    if len(names) != 1:
        return ()
    name = next(iter(names))
    items: dict[str, set[str]] = {part.form: set() for part in name.parts}
    for span in name.spans:
        if span.symbol.category == SymbolCategory.NAME:
            for part in span.parts:
                items[part.form].add(span.symbol.id)
    return tuple((part.form, frozenset(items[part.form])) for part in name.parts)


def token_symbols(form: NameForm) -> tuple[frozenset[str], ...]:
    """The name items of each token of a name.

    rigour's parts are words of the original script; our tokens are their transliterations,
    sometimes split (a Han name into surname and given name) and sometimes not (rigour drops
    Arabic vowel marks before the lookup, so the part transliterates otherwise than our token
    does). A token takes the items of the part whose transliteration gives it; failing that,
    of the part at the same position, or of the only part, or of all parts when we made one
    token of several."""
    texts = [form.original]
    if "Hangul" in form.scripts:
        # As the pipeline does: 김정은 is not in the lexicon, 김 is. A Hangul word that is
        # not a Korean name (이샤오, Chinese Yixiao) is looked up whole as well.
        texts.append(split_hangul_names(form.original, person=form.organisation is False))
    parts = tuple(part for text in dict.fromkeys(texts) for part in _symbols_of_parts(text))
    if not parts:
        return tuple(frozenset() for _ in form.tokens)
    by_token: defaultdict[str, set[str]] = defaultdict(set)
    for part, items in parts:
        for token in normalise_name(part, False).tokens:
            by_token[token] |= items
    # The parts of the text written as the pipeline splits it, for the positional fallbacks.
    words = _symbols_of_parts(texts[-1])
    everything = frozenset().union(*(items for _, items in parts))
    out: list[frozenset[str]] = []
    for position, token in enumerate(form.tokens):
        found = by_token.get(token)
        if found:
            out.append(frozenset(found))
        elif len(words) == len(form.tokens):
            out.append(words[position][1])
        elif len(words) == 1 or len(form.tokens) == 1:
            out.append(everything)
        else:
            out.append(frozenset())
    return tuple(out)


def with_symbols(form: NameForm) -> NameForm:
    """The name with the name items of each of its tokens (empty sets where none is known)."""
    if form.symbols or form.organisation is True or not form.tokens:
        return form
    return _tagged(form)


# A query in another script is compared with dozens of listed names, and the next query
# with many of the same: each is tagged once.
@lru_cache(maxsize=65536)
def _tagged(form: NameForm) -> NameForm:
    symbols = token_symbols(form)
    if not any(symbols):
        return form
    return replace(form, symbols=symbols)


def shared_symbol(a: frozenset[str], b: frozenset[str]) -> bool:
    return not a.isdisjoint(b)
