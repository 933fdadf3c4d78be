"""Choosing the FtM schema of a listed party when the list only says "entity" (or nothing)."""

from __future__ import annotations

import re

from clearance.model import Schema

# Legal-form words that make a name a company's (Huawei "Co., Ltd.", "OOO", "GmbH", "S.A.").
_LEGAL_FORMS = re.compile(
    r"(?<![\w])(?:co|corp|corporation|company|companies|ltd|limited|llc|l\.l\.c|inc|incorporated"
    r"|plc|gmbh|ag|s\.?a|s\.?a\.?s|s\.?r\.?l|s\.?p\.?a|b\.?v|n\.?v|oao|ooo|zao|pao|jsc|ojsc|cjsc"
    r"|pjsc|fze|fzco|fzc|fzllc|llp|lp|pte|pty|bhd|sdn|kft|a\.?s|ab|oy|sa de cv|ltda|trading"
    r"|bank|holding|holdings|group|enterprise|enterprises|industries|industrial)(?![\w])",
    re.IGNORECASE,
)
# Remarks labels that only companies carry.
_COMPANY_FACTS = ("registrationNumber", "taxNumber", "uscCode", "leiCode", "swiftBic", "isinCode")


def organisation_schema(names: list[str], properties: dict[str, list[str]]) -> Schema:
    """Company when a name has a legal form or the entry a company identifier, else Organization."""
    if any(_LEGAL_FORMS.search(name) for name in names):
        return Schema.COMPANY
    if any(properties.get(prop) for prop in _COMPANY_FACTS):
        return Schema.COMPANY
    return Schema.ORGANIZATION


def party_schema(names: list[str], properties: dict[str, list[str]]) -> Schema:
    """For lists that do not say whether a party is a person (BIS Entity List, DPL):
    Company when the name shows it, else LegalEntity (person or organisation)."""
    schema = organisation_schema(names, properties)
    return Schema.COMPANY if schema is Schema.COMPANY else Schema.LEGAL_ENTITY


TYPE_SCHEMAS: dict[str, Schema] = {
    "individual": Schema.PERSON,
    "vessel": Schema.VESSEL,
    "aircraft": Schema.AIRCRAFT,
}
