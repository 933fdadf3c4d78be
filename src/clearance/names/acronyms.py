"""Organisations known by their initials: IRGC is the Islamic Revolutionary Guard Corps,
AEOI the Atomic Energy Organization of Iran, ISGS the Islamic State in the Greater Sahara.

A list often gives the full name and not the initials, or the initials and not the full name,
and an analyst types either. `acronym_variants` writes an organisation's name as its initials,
a reading the screener compares beside the name as written (names/compounds.py), on both
sides. Initials of three letters are shared by many organisations (ANA, GIA, ARI): they are
read too, for RGB to find the Reconnaissance General Bureau, but count less (below the match
threshold, above the review threshold: scoring.initials_factor); of two letters, not at all.
"""

from __future__ import annotations

from dataclasses import replace

from clearance.names.pipeline import NameForm, written_as_company
from clearance.names.symbols import LATIN
from clearance.names.vocabulary import NAME_PARTICLES, organisation_token_weight

ACRONYM_MIN = 3
ACRONYM_MAX = 8
# Small words that initials usually leave out (Islamic State in the Greater Sahara: ISGS),
# though some keep them (Atomic Energy Organization of Iran: AEOI): both readings are made.
_SKIPPED: frozenset[str] = NAME_PARTICLES | frozenset(
    ["in", "on", "at", "to", "a", "an", "du", "des", "le", "les", "da", "do", "dos", "das", "di"]
)


def _is_organisation(form: NameForm) -> bool:
    """An organisation's name: by its kind, or, of unknown kind, by how it is written (a
    person's name read as initials would meet acronyms by chance)."""
    if form.organisation is not None:
        return form.organisation
    return written_as_company(form)


def acronym_variants(form: NameForm) -> list[NameForm]:
    """The name written as its initials, with and without its small words where that
    differs; none for a person's name, a name in another script than Latin, or a name with a
    number."""
    if form.initials_of or not _is_organisation(form) or not form.scripts <= LATIN:
        return []
    if any(not t.isalpha() for t in form.tokens):
        return []
    words = " ".join(form.tokens)
    readings = dict.fromkeys(
        [
            "".join(t[0] for t in form.tokens if t not in _SKIPPED),
            "".join(t[0] for t in form.tokens),
        ]
    )
    return [
        replace(
            form,
            tokens=(acronym,),
            weights=(organisation_token_weight(acronym),),
            symbols=(),
            compounds=(),
            initials_of=words,
        )
        for acronym in readings
        if ACRONYM_MIN <= len(acronym) <= ACRONYM_MAX
    ]
