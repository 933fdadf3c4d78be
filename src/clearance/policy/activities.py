"""The activity vocabulary: what a user may ask about, and the facts each activity uses.

A new activity is one `register(Activity(...))` line. Facts are typed so that a date is
compared as a date; an unknown activity or fact is a `PolicyError` naming the valid ones.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from clearance.errors import InputError, PolicyError


class FactType(StrEnum):
    TEXT = "text"
    DATE = "date"
    BOOL = "bool"


FactValue = str | date | bool


@dataclass(frozen=True)
class FactSpec:
    name: str
    type: FactType
    description: str

    def parse(self, raw: str) -> FactValue:
        if self.type is FactType.DATE:
            try:
                return date.fromisoformat(raw.strip())
            except ValueError:
                raise InputError(
                    f"expected a date YYYY-MM-DD, got {raw!r}", field=f"fact {self.name}"
                ) from None
        if self.type is FactType.BOOL:
            value = raw.strip().lower()
            if value in _TRUE:
                return True
            if value in _FALSE:
                return False
            raise InputError(f"expected true or false, got {raw!r}", field=f"fact {self.name}")
        text = raw.strip()
        if not text:
            raise InputError("expected a value, got an empty string", field=f"fact {self.name}")
        return text


_TRUE = frozenset({"true", "yes", "1", "y"})
_FALSE = frozenset({"false", "no", "0", "n"})

FACTS: dict[str, FactSpec] = {
    spec.name: spec
    for spec in (
        FactSpec("eccn", FactType.TEXT, "export classification: an ECCN such as 5A002, or EAR99"),
        FactSpec("item_is_technology", FactType.BOOL, "the item released is technology"),
        FactSpec(
            "at_only", FactType.BOOL, "the ECCN is controlled for anti-terrorism reasons only"
        ),
        FactSpec("contract_date", FactType.DATE, "date the legally binding contract was signed"),
        FactSpec(
            "device_public_release_date",
            FactType.DATE,
            "date the device was first available to the public",
        ),
        FactSpec(
            "owned_50pct_by_listed",
            FactType.BOOL,
            "the party is owned 50% or more, directly or indirectly, in the aggregate by "
            "Entity List or MEU List parties (BIS Affiliates Rule)",
        ),
        FactSpec(
            "covered_equipment",
            FactType.BOOL,
            "the equipment is covered equipment as described in the party's FCC Covered List entry",
        ),
    )
}


class Domain(StrEnum):
    """Which body of rules an activity falls under; measures are written per domain."""

    EAR_ITEMS = "ear_items"
    SECURITIES = "securities"
    FINANCIAL = "financial"
    COMMUNICATIONS = "communications"


@dataclass(frozen=True)
class Activity:
    name: str
    description: str
    domains: tuple[Domain, ...]
    facts: tuple[str, ...] = ()


_ACTIVITIES: dict[str, Activity] = {}


def register(activity: Activity) -> Activity:
    unknown = [fact for fact in activity.facts if fact not in FACTS]
    if unknown:
        raise PolicyError(f"activity {activity.name!r} uses undeclared facts {unknown}")
    _ACTIVITIES[activity.name] = activity
    return activity


def get_activity(name: str) -> Activity:
    try:
        return _ACTIVITIES[name]
    except KeyError:
        valid = ", ".join(sorted(_ACTIVITIES))
        raise PolicyError(f"unknown activity {name!r}; valid activities: {valid}") from None


def all_activities() -> list[Activity]:
    return [_ACTIVITIES[name] for name in sorted(_ACTIVITIES)]


def parse_facts(activity: Activity, raw: Mapping[str, str]) -> dict[str, FactValue]:
    """Type the user's facts; a fact the activity does not use is an error, not ignored."""
    parsed: dict[str, FactValue] = {}
    for name, value in raw.items():
        if name not in activity.facts:
            valid = ", ".join(activity.facts) or "none"
            raise PolicyError(
                f"fact {name!r} is not used by activity {activity.name!r}; valid facts: {valid}"
            )
        parsed[name] = FACTS[name].parse(value)
    return parsed


_EAR = (Domain.EAR_ITEMS,)
_ITEM_FACTS = ("eccn", "item_is_technology", "at_only", "owned_50pct_by_listed")

register(Activity("export", "export of an item subject to the EAR", _EAR, _ITEM_FACTS))
register(Activity("reexport", "reexport of an item subject to the EAR", _EAR, _ITEM_FACTS))
register(
    Activity("transfer", "in-country transfer of an item subject to the EAR", _EAR, _ITEM_FACTS)
)
register(
    Activity(
        "device_support",
        "software updates and support for an existing consumer device or handset",
        _EAR,
        ("device_public_release_date", *_ITEM_FACTS),
    )
)
register(
    Activity(
        "network_maintenance",
        "continued operation of existing networks and equipment, incl. updates and patches",
        _EAR,
        ("contract_date", *_ITEM_FACTS),
    )
)
register(
    Activity(
        "vulnerability_disclosure",
        "cybersecurity research and vulnerability disclosure",
        _EAR,
        _ITEM_FACTS,
    )
)
register(
    Activity(
        "standards_contribution",
        "release of technology to a standards organization to develop a standard",
        _EAR,
        _ITEM_FACTS,
    )
)
register(
    Activity("securities_purchase", "purchase of publicly traded securities", (Domain.SECURITIES,))
)
register(Activity("securities_sale", "sale of publicly traded securities", (Domain.SECURITIES,)))
register(Activity("payment", "a payment to or from the party", (Domain.FINANCIAL,)))
_FCC = (Domain.COMMUNICATIONS,)
register(
    Activity(
        "usf_funded_purchase",
        "use of Universal Service Fund support to purchase, obtain, maintain or support the "
        "party's equipment or services",
        _FCC,
    )
)
register(
    Activity(
        "equipment_authorization",
        "FCC equipment authorization of the party's equipment",
        _FCC,
        ("covered_equipment",),
    )
)
register(
    Activity(
        "any_dealing",
        "any transaction or dealing of any kind",
        (Domain.EAR_ITEMS, Domain.SECURITIES, Domain.FINANCIAL),
        _ITEM_FACTS,
    )
)
