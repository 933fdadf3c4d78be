"""The normalisation pipeline, the same for list names and for queries.

text ─ NFKC ─ Han: t2s, legal forms, generic words, pinyin ─ legal forms (rigour, any
script) ─ transliteration to ASCII (ICU via rigour) ─ casefold ─ punctuation ─ tokens ─
initials joined (A.B.C. → abc) ─ trailing English company words ─ weights
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any, Generic, TypeVar, overload
from unicodedata import combining

import icu
from rigour.text.scripts import text_scripts
from rigour.text.translit import ascii_text

from clearance.names.han import has_han, has_han_generic_word, romanise_han, to_simplified
from clearance.names.hangul import split_hangul_names
from clearance.names.legal_forms import (
    LegalForm,
    extract_han_legal_forms,
    extract_legal_forms,
    may_be_brand,
    split_glued_legal_form,
    strip_english_company_words,
)
from clearance.names.translations import with_country_words
from clearance.names.vocabulary import (
    GENERIC_WEIGHT,
    GENERIC_WORDS,
    NAME_PARTICLES,
    organisation_token_weight,
    person_token_weight,
    token_weight,
)

# Scripts that usually leave short vowels unwritten, so that a romanisation guesses them.
ABJAD_SCRIPTS: frozenset[str] = frozenset({"Arabic", "Hebrew", "Syriac", "Thaana"})

# Apostrophes and dots inside a word join its parts (O'Brien, A.B.C.); other punctuation splits.
_JOINERS_RE = re.compile(r"(?<=\w)['’`.](?=\w)")
_SPLIT_RE = re.compile(r"[^a-z0-9]+")
# A letter alone before a dot: an initial (J.F. Kennedy), apart from the letter after it.
_INITIAL_DOT_RE = re.compile(r"(?<![a-z0-9])([a-z])\.")
# The ideographic iteration mark repeats the character before it (佐々木 is 佐佐木, Sasaki):
# read as that character, not transliterated alone (to "?", and at first use in a tenth of
# a second).
_ITERATION_MARK_RE = re.compile(r"(\w)々")
# Initials as a name of unknown kind may write them: a letter and a dot, or two letters alone.
_INITIALS_RE = re.compile(r"(?<![^\W\d_])[^\W\d_](?:\.|[\s-]+[^\W\d_](?![^\W\d_]))")
_NUMBER_RE = re.compile(r"[0-9]+")


_Value = TypeVar("_Value")


class _computed_once(Generic[_Value]):
    """`functools.cached_property` without its lock: Python 3.11's takes one on every first
    access, which for a name's handful of properties cost as much as computing them (a
    query makes a new NameForm, and the screener reads each property once or twice)."""

    def __init__(self, compute: Callable[[Any], _Value]) -> None:
        self.compute = compute
        self.name = compute.__name__
        self.__doc__ = compute.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, instance: None, owner: type | None = None) -> _computed_once[_Value]: ...
    @overload
    def __get__(self, instance: object, owner: type | None = None) -> _Value: ...
    def __get__(self, instance: object, owner: type | None = None) -> Any:
        if instance is None:
            return self
        value = self.compute(instance)
        # As cached_property: into the instance's dict, which is read before this
        # descriptor (it has no __set__) from then on.
        instance.__dict__[self.name] = value
        return value


@dataclass(frozen=True)
class NameForm:
    """A name ready for comparison: its tokens, their weights, and what was set aside."""

    original: str
    tokens: tuple[str, ...]
    weights: tuple[float, ...]
    legal_forms: tuple[LegalForm, ...] = ()
    scripts: frozenset[str] = frozenset()
    transliterations: tuple[tuple[str, str], ...] = ()
    organisation: bool | None = None
    # Per token, the Wikidata name items it may be (names/symbols.py); empty until tagged.
    symbols: tuple[frozenset[str], ...] = ()
    # Words that names/compounds.py joined from parts written apart (abdul rahman → abdulrahman).
    compounds: tuple[str, ...] = ()
    # For a name written as the initials of an organisation's name (names/acronyms.py), the
    # words they are the initials of; empty for any other name.
    initials_of: str = ""
    # For a reading of a name written in another way (names/hanja.py: 김정은 for 金正恩), the
    # name as written, which explanations show; empty for any other name.
    reading_of: str = ""

    # Written out, not generated: a frozen dataclass's generated __init__ is interpreted
    # Python that sets each field through object.__setattr__ (1.7 µs a name, and a query
    # makes several); this one is compiled (setup.py) and fills the instance's dict.
    def __init__(
        self,
        original: str,
        tokens: tuple[str, ...],
        weights: tuple[float, ...],
        legal_forms: tuple[LegalForm, ...] = (),
        scripts: frozenset[str] = frozenset(),
        transliterations: tuple[tuple[str, str], ...] = (),
        organisation: bool | None = None,
        symbols: tuple[frozenset[str], ...] = (),
        compounds: tuple[str, ...] = (),
        initials_of: str = "",
        reading_of: str = "",
    ) -> None:
        fields = self.__dict__
        fields["original"] = original
        fields["tokens"] = tokens
        fields["weights"] = weights
        fields["legal_forms"] = legal_forms
        fields["scripts"] = scripts
        fields["transliterations"] = transliterations
        fields["organisation"] = organisation
        fields["symbols"] = symbols
        fields["compounds"] = compounds
        fields["initials_of"] = initials_of
        fields["reading_of"] = reading_of

    @_computed_once
    def joined(self) -> str:
        """The tokens without spaces, for spacing differences ("SiemensAG")."""
        return "".join(self.tokens)

    @_computed_once
    def abjad(self) -> bool:
        return not self.scripts.isdisjoint(ABJAD_SCRIPTS)

    @_computed_once
    def legal_classes(self) -> frozenset[str]:
        return frozenset(form.generic for form in self.legal_forms)

    @_computed_once
    def total_weight(self) -> float:
        return sum(self.weights)

    @_computed_once
    def numbers(self) -> frozenset[str]:
        """The numbers written in the name ("Iran Hormuz 14", "701st Research Institute")."""
        return frozenset(_NUMBER_RE.findall(" ".join(self.tokens)))


def _join_initials(tokens: list[str]) -> list[str]:
    """Runs of two or more single letters are one abbreviation: A-B-C → abc."""
    if 1 not in map(len, tokens):
        return tokens
    out: list[str] = []
    run: list[str] = []
    for token in [*tokens, ""]:
        if len(token) == 1:
            run.append(token)
            continue
        if len(run) >= 2:
            out.append("".join(run))
        else:
            out.extend(run)
        run = []
        if token:
            out.append(token)
    return out


# Greek writes the sounds b, d, g of foreign names with two letters (Μπαράκ Ομπάμα, Καντίροφ,
# Γκαντάφι); ICU spells them letter by letter (mparak, kantirof), far from the names' Latin
# spelling. Lower case: the text is casefolded first.
_GREEK_DIGRAPHS: tuple[tuple[str, str], ...] = (("μπ", "b"), ("ντ", "d"), ("γκ", "g"))


def greek_digraphs(text: str) -> str:
    for digraph, latin in _GREEK_DIGRAPHS:
        text = text.replace(digraph, latin)
    return text


# Arabic writes its article joined to the word (التكريتي, الرحمن); Latin spellings write it
# apart or hyphenated (AL-TIKRITI, Abdul Rahman), which the tokens split. It is split off a
# word when four letters or more follow, so that names that only start alike stay whole
# (الياس Ilyas, الهام Elham, الله Allah). Letters and vowel marks of Arabic and Persian.
_ARABIC_ARTICLE_RE = re.compile(r"(?<!\S)ال(?=[\u0620-\u065f\u0671-\u06d3]{4,})")


def split_arabic_article(text: str) -> str:
    return _ARABIC_ARTICLE_RE.sub("ال ", text)


# A word of Hangul syllables: ICU's own rules, through PyICU, spell it as rigour does (all
# 3,000 Hangul words of the benchmark's files, and random syllables in tests/names), in 3 µs
# rather than rigour's 300 for a word it has not seen: a Korean name is otherwise the
# dearest query there is.
_HANGUL_SYLLABLES_RE = re.compile(r"[\uac00-\ud7a3]+")


@lru_cache(maxsize=1)
def _hangul_transliterator() -> icu.Transliterator:
    return icu.Transliterator.createInstance("Hangul-Latin; Latin-ASCII")


@lru_cache(maxsize=131072)
def _ascii_word(word: str) -> str:
    # Latin letters with accents lose them (Franzén → franzen), as rigour spells them (all
    # 1,496 such words of the bundled lists and the benchmark's names): in a microsecond,
    # rather than rigour's hundred for a word it has not seen.
    stripped = "".join(c for c in unicodedata.normalize("NFKD", word) if not combining(c))
    if stripped.isascii():
        return stripped
    if _HANGUL_SYLLABLES_RE.fullmatch(word):
        return str(_hangul_transliterator().transliterate(word))
    return ascii_text(word)


def to_ascii(text: str) -> str:
    """The text in ASCII, word by word: rigour transliterates a new string in a hundred
    microseconds a word (Оксана, ø), and the words of names recur far more than names."""
    if text.isascii():
        # As rigour spells it (it leaves every ASCII character as it is, tests/names), but
        # without a pass through its transliterator, the dearest step of a Latin query.
        return text
    return " ".join([_ascii_word(word) for word in text.split(" ")])


@lru_cache(maxsize=200_000)
def normalise_name(text: str, organisation: bool | None = None) -> NameForm:
    """Normalise one name. `organisation` is True for companies, False for persons, None if
    unknown: it decides whether a Han name is split into surname and given name."""
    form = _normalise(text, organisation, keep_brands=False)
    if any(may_be_brand(f.text) for f in form.legal_forms) and not any(
        w > GENERIC_WEIGHT for w in form.weights
    ):
        # Letters that may be a legal form or the name: the name, when nothing but generic
        # words would be left of it ("STG GROUP", "KB INVESTMENTS LIMITED").
        return _normalise(text, organisation, keep_brands=True)
    return form


def _normalise(text: str, organisation: bool | None, keep_brands: bool) -> NameForm:
    original = text
    text = unicodedata.normalize("NFKC", text).casefold()
    scripts = frozenset(text_scripts(text))
    legal: list[LegalForm] = []
    pairs: list[tuple[str, str]] = []
    legal_forms_found = False
    if has_han(text):
        text = to_simplified(_ITERATION_MARK_RE.sub(r"\1\1", text))
        text, han_forms = extract_han_legal_forms(text)
        legal.extend(han_forms)
        person = organisation is False or (
            organisation is None and not han_forms and not has_han_generic_word(text)
        )
        if organisation is not False:
            # Before romanising: a syllable of a Chinese name is no legal form (宇 华 is Yu
            # Hua, not a company "Hua" in the form YU; 萨 is Sa, not an S.A.).
            text, forms = extract_legal_forms(text, keep_brands)
            legal.extend(forms)
            legal_forms_found = True
        text, pairs = romanise_han(text, person=person)
    if "Greek" in scripts:
        text = greek_digraphs(text)
    if "Arabic" in scripts:
        text = split_arabic_article(text)
    if "Hangul" in scripts and organisation is not True:
        text = split_hangul_names(text, person=organisation is False)
    if organisation is not False and not legal_forms_found:
        # Person names keep every part: "Ag" in "Iyad Ag Ghali" is a name, not a company.
        text, forms = extract_legal_forms(text, keep_brands)
        legal.extend(forms)
    text = to_ascii(text).lower()
    if organisation is False:
        # A person's single letters are initials, each of a name part (J.F. Kennedy, M. R.
        # Ahmadi); a company's are one abbreviation (A.B.C. Trading, A-B-C Company).
        text = _INITIAL_DOT_RE.sub(r"\1 ", text)
    text = _JOINERS_RE.sub("", text)
    tokens = [t for t in _SPLIT_RE.split(text) if t]
    if organisation is not False:
        tokens = _join_initials(tokens)
        tokens, glued = split_glued_legal_form(tokens)
        tokens, english_forms = strip_english_company_words(tokens)
        legal.extend([*glued, *english_forms])
        tokens = with_country_words(tokens)
    if organisation:
        # A company's short name repeated in brackets ("Huawei Technologies Co., Ltd.
        # (Huawei)", as the Entity List writes it) says nothing twice.
        tokens = list(dict.fromkeys(tokens))
    weigh = (
        organisation_token_weight
        if organisation
        else person_token_weight
        if organisation is False
        else token_weight
    )
    return NameForm(
        original=original,
        tokens=tuple(tokens),
        weights=tuple(weigh(t) for t in tokens),
        legal_forms=tuple(legal),
        scripts=scripts,
        transliterations=tuple(pairs),
        organisation=organisation,
    )


@lru_cache(maxsize=65536)
def token_words(
    original: str, organisation: bool | None, tokens: tuple[str, ...]
) -> tuple[int, ...] | None:
    """Per token of the name written `original` (normalised as `tokens`), which word of the
    original it comes from (words are apart by spaces: 유진 김 → yu jin | gim); None where the
    words alone do not give those tokens."""
    words: list[int] = []
    for k, word in enumerate(original.split()):
        words.extend([k] * len(normalise_name(word, organisation).tokens))
    if len(words) != len(tokens):
        return None
    return tuple(words)


def written_as_company(form: NameForm) -> bool:
    """A name with a legal form or a company's generic word (A.B.C. Trading, J.P. Holdings
    Ltd.): a company's, even where its kind is unknown."""
    return bool(form.legal_forms) or any(
        t in GENERIC_WORDS and t not in NAME_PARTICLES for t in form.tokens
    )


def initials_reading(form: NameForm) -> NameForm | None:
    """A name of unknown kind that writes initials (J.F. Kennedy, M R Ahmadi), read as a
    person's, with each initial a token of its own; None for any other name.

    As a company's, its single letters are one abbreviation (A.B.C.), and that reading is
    kept beside this one: whichever pairs better decides. A name with a legal form or a
    company's generic word (A.B.C. Trading) is a company's."""
    if form.organisation is not None or not _INITIALS_RE.search(form.original):
        return None
    if written_as_company(form):
        return None
    person = normalise_name(form.original, False)
    return replace(person, organisation=None) if person.tokens != form.tokens else None
