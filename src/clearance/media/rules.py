"""The vocabulary of sanction events in news text: triggers, measures, details, hedges.

Registries, in English and Chinese: a new wording is one new pattern. Event kinds follow the
record types of the policy data (listing, authorization windows, legal actions); measures are
named by the policy data's list ids (clearance/policy/data/measures_*.yaml).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from clearance.media.types import EventKind


@dataclass(frozen=True)
class EventRule:
    kind: EventKind
    trigger: re.Pattern[str]
    confidence: float
    context: re.Pattern[str] | None = None  # must also occur in the sentence
    negatable: bool = False  # "no investment ban" reports no ban


def _re(*alternatives: str) -> re.Pattern[str]:
    """One case-insensitive pattern from its alternatives, one wording per argument."""
    return re.compile("|".join(alternatives), re.IGNORECASE)


_LICENCE_CONTEXT = _re(r"licen[cs]e|relief|reprieve|waiver|exemption|trial period|许可|豁免|宽限")

# In priority order: where two triggers overlap, the earlier rule wins ("lifts the ban" is
# relief, not a ban).
RULES: tuple[EventRule, ...] = (
    EventRule(
        EventKind.COURT_ORDER,
        _re(
            r"\bpreliminary injunction\b",
            r"\binjunction\b",
            r"\benjoin(?:ed|s)?\b",
            r"\bvacat(?:ed|es|ur|ing)\b",
            r"\b(?:federal |district |appeals? )?(?:court|judge)\b[^.;]{0,80}?\b(?:stop|block|halt|suspend|rul|grant|order)\w*",  # noqa: E501
            r"\bwon\b[^.;]{0,60}\b(?:court|trial|lawsuit|case)\b|\barbitrary and capricious\b|"
            r"法院[^。]{0,20}(?:裁定|叫停|暂停|阻止|禁令)|初步禁令|临时禁令",
        ),
        0.6,
    ),
    EventRule(
        EventKind.LICENSE_ENDED,
        _re(
            r"\b(?:has |have |had )?(?:expired|lapsed|ended)\b",
            r"\bwas (?:revoked|terminated|not (?:extended|renewed))\b",
            r"已(?:经)?(?:到期|终止|失效)",
        ),
        0.5,
        context=_LICENCE_CONTEXT,
    ),
    EventRule(
        EventKind.LICENSE_EXTENDED,
        _re(r"\bextend(?:s|ed|ing)?\b|\bextension\b|\brenew(?:ed|s|al)?\b|延长|延期|续期"),
        0.55,
        context=_LICENCE_CONTEXT,
    ),
    EventRule(
        EventKind.LICENSE_GRANTED,
        _re(
            r"\btemporary (?:general )?licen[cs]e\b|\bgeneral licen[cs]e\b|"
            r"\btemporar(?:il)?y (?:eas|lift|reliev|relax)\w*(?: (?:trade )?restrictions)?",
            r"\btemporary relief\b",
            r"\blift(?:s|ed|ing)? (?:the |its |some of (?:the |its )?)?(?:ban|restrictions)\b",
            r"\beased? (?:trade )?restrictions\b",
            r"\bwill allow\b|\ballow(?:s|ed)? \w+ to (?:purchase|buy|continue|keep|maintain)\b|"
            r"临时(?:通用)?许可|通用许可|暂缓(?:实施)?|放宽|允许",
        ),
        0.6,
    ),
    # "The licence will expire on August 19": the window's end, told in its own sentence.
    EventRule(
        EventKind.LICENSE_GRANTED,
        _re(
            r"\b(?:will|to|would) (?:expire|end|lapse|run out)\b|\bexpires\b",
            r"将于[^。]{0,12}到期",
        ),
        0.5,
        context=_LICENCE_CONTEXT,
    ),
    EventRule(
        EventKind.DELISTING,
        _re(
            r"\b(?:remov(?:ed|es|ing)|delist(?:ed|ing)?|taken off|struck off)\b[^.;]{0,50}\b(?:list|blacklist)\b",  # noqa: E501
            r"从[^。]{0,12}(?:清单|名单)中?(?:移除|删除)",
            r"移出",
        ),
        0.6,
    ),
    EventRule(
        EventKind.INVESTMENT_BAN,
        _re(
            r"\binvestment ban\b",
            r"\bban on (?:investing|investments?|(?:buying|purchas\w+) (?:its )?(?:shares|securities|stocks?))\b",  # noqa: E501
            r"\bCommunist Chinese military compan\w*|\bCCMC\b|\bNS-CMIC\b|投资禁令|中国军方企业|涉军企业",  # noqa: E501
        ),
        0.55,
        negatable=True,
    ),
    EventRule(
        EventKind.LISTING,
        _re(
            r"\b(?:add(?:ed|s|ing)?|plac(?:ed|es|ing)|put)\b[^.;]{0,60}?\b(?:entity list|blacklist|list)\b",  # noqa: E501
            r"\btrade blacklist\b|\bblacklist(?:ed|ing)?\b|\bentity list\b|\bbann?(?:ed|s|ing)?\b|"
            r"\bsanctions?\b[^.;]{0,20}\b(?:against|imposed|in force)\b|\brestrictions imposed\b|"
            r"\bprohibited from\b|\bdesignat(?:ed|ion)\b|"
            r"列入[^。]{0,10}(?:实体清单|黑名单|清单)|实体清单|黑名单|制裁",
        ),
        0.5,
        negatable=True,
    ),
)

# Which list or measure a sentence speaks of; names are the policy data's list ids.
MEASURES: dict[str, re.Pattern[str]] = {
    "us_bis_entity_list": _re(
        r"\bentity list\b",
        r"\btrade blacklist\b",
        r"\bblacklist\b",
        r"\bCommerce Department\b",
        r"\bBIS\b",
        r"实体清单",
        r"黑名单",
        r"商务部",
    ),
    "us_dod_ccmc": _re(
        r"\binvestment ban\b",
        r"\bCommunist Chinese military compan\w*",
        r"\bCCMC\b",
        r"\bDepartment of Defen[cs]e\b",
        r"\bPentagon\b",
        r"中国军方企业",
        r"投资禁令",
    ),
    "us_ofac_ns_cmic": _re(r"\bNS-CMIC\b|\bnon-SDN Chinese military\b"),
    "us_ofac_sdn": _re(
        r"\bSDN\b",
        r"\bSpecially Designated Nationals\b",
        r"\bassets? (?:freeze|frozen)\b",
        r"\bblocked persons?\b",
    ),
    "eu_sanctions": _re(
        r"\bEU sanctions\b|\bEuropean Union sanctions\b|\bOfficial Journal\b|欧盟制裁"
    ),
}

# What the article says of a measure's scope, in the policy data's words.
DETAILS: dict[str, re.Pattern[str]] = {
    "maintain existing networks": _re(
        r"maintain\w* (?:its |their )?existing networks|existing networks|维护现有网络"
    ),
    "software updates to existing handsets": _re(
        r"software update\w*[^.]{0,40}handsets?|existing[^.]{0,20}handsets|软件更新"
    ),
    "serve existing customers": _re(r"existing customers|现有客户"),
    "presumption of denial": _re(
        r"presumption of denial",
        r"licen[cs]e approval[^.]{0,60}\bdenied\b",
        r"licen[cs]e[^.]{0,60}will (?:surely |likely )?be denied",
        r"推定拒绝",
    ),
    "no licence for new products": _re(r"new products without licen[cs]e"),
    "arbitrary and capricious": _re(r"arbitrary and capricious"),
    "irreparable harm": _re(r"irreparable (?:damage|harm)|不可弥补"),
    "national security": _re(r"national security|国家安全"),
}

_LICENCES = frozenset(
    {EventKind.LICENSE_GRANTED, EventKind.LICENSE_EXTENDED, EventKind.LICENSE_ENDED}
)
_LISTINGS = frozenset({EventKind.LISTING, EventKind.INVESTMENT_BAN})
# Which events each detail describes: networks are the licence's scope, not the listing's.
DETAIL_KINDS: dict[str, frozenset[EventKind]] = {
    "maintain existing networks": _LICENCES,
    "software updates to existing handsets": _LICENCES,
    "serve existing customers": _LICENCES,
    "presumption of denial": _LISTINGS,
    "no licence for new products": _LISTINGS,
    "arbitrary and capricious": frozenset({EventKind.COURT_ORDER}),
    "irreparable harm": frozenset({EventKind.COURT_ORDER}),
    "national security": _LISTINGS | {EventKind.COURT_ORDER},
}

# "It expires on August 13.": a sentence that tells when something ends without naming it
# opens with a pronoun or a bare reference; it speaks of the previous sentence's licence.
ANAPHOR = _re(
    r"^(?:it|this|that|the (?:measure|reprieve|waiver|exemption|relief|permit|authori[sz]ation))\b",
    r"^(?:它|该|此|这)",
)
EXPIRY = _re(
    r"\b(?:expires?|(?:will|would|is to|to) (?:expire|end|lapse|run out)|ends|lapses|runs out)\b",
    r"\b(?:is |remains |will (?:be|remain) )?valid (?:until|through|till)\b",
    r"\blasts? (?:until|through|till)\b",
    r"到期|截止|失效",
)

HEDGES = _re(
    r"\b(?:whether|consider\w*|may|might|could|reportedly|rumou?r\w*|plans? to|expected to|"
    r"discuss\w*|would|if)\b|可能|考虑|或将|据悉|传闻"
)
NEGATION = _re(r"(?:\b(?:no|not|never|without)\b|没有|无|未)[^.;,]{0,12}$")
# Words after a trigger that introduce its target: "the ban from Huawei", "sanctions against".
TARGET_CUE = _re(r"\b(?:against|on|from|for|to|targeting|allow)\s+(?:the\s+)?$")
TARGET_REACH = 25  # characters between a trigger and the party it names as its target
