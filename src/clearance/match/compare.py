"""`compare(name1, name2)`: why do these two names match, or not — the screener's scoring."""

from __future__ import annotations

from clearance.errors import InputError
from clearance.match.facts import Facts
from clearance.match.scoring import CandidateName, score_candidate
from clearance.match.types import Comparison
from clearance.model import Schema
from clearance.names import normalise_name
from clearance.names.compounds import with_compound_variants
from clearance.names.symbols import needs_symbols, with_symbols


def parse_schema(value: str | Schema | None) -> Schema | None:
    if value is None or isinstance(value, Schema):
        return value
    for schema in Schema:
        if schema.value.lower() == value.strip().lower():
            return schema
    known = ", ".join(s.value for s in Schema)
    raise InputError(f"unknown schema {value!r}; expected one of {known}", field="schema")


def is_organisation(schema: Schema | None) -> bool | None:
    """True for companies and organisations, False for persons, None when unknown."""
    if schema is None or schema is Schema.LEGAL_ENTITY:
        return None
    return schema is not Schema.PERSON


def compare(name1: str, name2: str, schema: str | Schema = "Person") -> Comparison:
    """Score two names as the screener would score a query name against a listed name."""
    kind = is_organisation(parse_schema(schema))
    for position, name in (("name1", name1), ("name2", name2)):
        if not name.strip():
            raise InputError("a name is required, got an empty string", field=position)
    form1, form2 = normalise_name(name1, kind), normalise_name(name2, kind)
    tagged = form1.scripts != form2.scripts and (needs_symbols(form1) or needs_symbols(form2))
    if tagged:
        form1, form2 = with_symbols(form1), with_symbols(form2)
    # Each side as written and with its compound parts joined, as the screener compares them;
    # a Korean reading (names/hanja.py) tagged as the screener tags it (김 is Kim).
    variants1, variants2 = (
        [with_symbols(f) if tagged and f.reading_of else f for f in with_compound_variants([form])]
        for form in (form1, form2)
    )
    candidates = [CandidateName(form) for form in variants2]
    return score_candidate(variants1, Facts(), candidates, Facts())
