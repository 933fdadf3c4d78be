"""Candidate sanction events: which party, what happened, from when, until when, and why.

Per sentence: every rule of `clearance.media.rules` that fires proposes an event; the event
goes to the party named as its target ("the ban from Huawei"), else to a party of the sentence
that no other trigger claimed, else to the party the paragraph or the article is about. Events of
one kind for one party are merged across sentences, keeping the best-supported sentence.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from clearance.media.citations import find_citations
from clearance.media.dates import find_dates_at, find_durations
from clearance.media.rules import (
    ANAPHOR,
    DETAIL_KINDS,
    DETAILS,
    EXPIRY,
    HEDGES,
    MEASURES,
    NEGATION,
    RULES,
    TARGET_CUE,
    TARGET_REACH,
    EventRule,
)
from clearance.media.sentences import Sentence, split_sentences
from clearance.media.types import Article, DateMention, Event, EventKind, Mention

# Confidence adjustments, added to the rule's base.
PARTY_NAMED = 0.15
MEASURE_NAMED = 0.1
DATED = 0.1
HEDGED = -0.3
CORROBORATED = 0.05
# An end date read from a sentence that does not name the licence ("It expires on August 13.")
# is the previous sentence's licence by coreference: likely, not certain.
COREFERENCE = -0.15
COREFERENT = "end date by coreference to the previous sentence"
MAX_CONFIDENCE = 0.95
MIN_CONFIDENCE = 0.05
# Kinds for which a date without a cue ("on August 19") is when the event took effect.
_ON_MEANS_START = frozenset(EventKind)


@dataclass(frozen=True)
class _Trigger:
    rule: EventRule
    start: int
    end: int


@dataclass(frozen=True)
class _Located:
    party: str
    start: int  # offset in the sentence
    end: int


def _triggers(sentence: str) -> list[_Trigger]:
    chosen: list[_Trigger] = []
    for rule in RULES:
        if rule.context is not None and not rule.context.search(sentence):
            continue
        for match in rule.trigger.finditer(sentence):
            if any(match.start() < t.end and t.start < match.end() for t in chosen):
                continue
            if rule.negatable and NEGATION.search(sentence[: match.start()]):
                continue
            chosen.append(_Trigger(rule, match.start(), match.end()))
    return _without_court_objects(sorted(chosen, key=lambda t: t.start))


# A sentence that reports a court order names the listing as what the court acted on ("an
# injunction against its designation", "court blocks US investment ban", "found the
# designation arbitrary and capricious"): the order is the news, not a new listing.
_COURT_OBJECTS = frozenset({EventKind.LISTING, EventKind.INVESTMENT_BAN})


def _without_court_objects(triggers: list[_Trigger]) -> list[_Trigger]:
    if not any(t.rule.kind is EventKind.COURT_ORDER for t in triggers):
        return triggers
    return [t for t in triggers if t.rule.kind not in _COURT_OBJECTS]


def _assign(
    triggers: list[_Trigger], located: list[_Located], fallback: str | None, sentence: str
) -> list[tuple[_Trigger, str, bool]]:
    """(trigger, party, named in the sentence) for each trigger that has a party."""
    claimed: dict[int, str] = {}
    for index, trigger in enumerate(triggers):
        for loc in located:
            near = trigger.end <= loc.start <= trigger.end + TARGET_REACH
            if near and TARGET_CUE.search(sentence[trigger.start : loc.start]):
                claimed[index] = loc.party
                break
    taken = set(claimed.values())
    out: list[tuple[_Trigger, str, bool]] = []
    for index, trigger in enumerate(triggers):
        if index in claimed:
            out.append((trigger, claimed[index], True))
            continue
        free = [loc for loc in located if loc.party not in taken] or located
        if free:
            nearest = min(
                free,
                key=lambda loc: min(abs(loc.start - trigger.end), abs(trigger.start - loc.end)),
            )
            out.append((trigger, nearest.party, True))
        elif fallback is not None:
            out.append((trigger, fallback, False))
    return out


def _measure(sentence: str) -> str | None:
    return next((name for name, pattern in MEASURES.items() if pattern.search(sentence)), None)


def _window(
    kind: EventKind, dates: Sequence[DateMention]
) -> tuple[DateMention | None, DateMention | None]:
    start = next((d for d in dates if d.role == "start" and d.value), None)
    if start is None and kind in _ON_MEANS_START:
        start = next((d for d in dates if d.role == "on" and d.value), None)
    end = next((d for d in dates if d.role == "end" and d.value), None)
    return start, end


def _event_id(article: Article, kind: EventKind, party: str) -> str:
    digest = hashlib.sha256(f"{article.id}|{kind}|{party}".encode()).hexdigest()
    return f"ev_{digest[:10]}"


def _own_dates(
    dated: list[tuple[int, DateMention]], trigger: _Trigger, triggers: list[_Trigger]
) -> tuple[DateMention, ...]:
    """The dates nearer to this trigger than to any other of the sentence."""

    def distance(t: _Trigger, at: int) -> int:
        return 0 if t.start <= at < t.end else min(abs(at - t.start), abs(at - t.end))

    return tuple(
        mention for at, mention in dated if min(triggers, key=lambda t: distance(t, at)) is trigger
    )


def _sentence_event(
    article: Article,
    sentence: Sentence,
    trigger: _Trigger,
    triggers: list[_Trigger],
    party: str,
    named: bool,
) -> Event:
    text = sentence.text
    dates = _own_dates(find_dates_at(text, article.published), trigger, triggers)
    start, end = _window(trigger.rule.kind, dates)
    measure = _measure(text)
    kind = trigger.rule.kind
    details = [
        name
        for name, pattern in DETAILS.items()
        if kind in DETAIL_KINDS[name] and pattern.search(text)
    ]
    if is_licence(kind):
        details.extend(f"duration {d}" for d in find_durations(text))
    confidence = trigger.rule.confidence
    confidence += PARTY_NAMED if named else 0.0
    confidence += MEASURE_NAMED if measure else 0.0
    confidence += DATED if (start or end) else 0.0
    confidence += HEDGED if HEDGES.search(text) else 0.0
    return Event(
        id=_event_id(article, trigger.rule.kind, party),
        kind=trigger.rule.kind,
        party=party,
        measure=measure,
        sentence=text,
        confidence=min(MAX_CONFIDENCE, max(MIN_CONFIDENCE, confidence)),
        start=start.value if start else None,
        end=end.value if end else None,
        dates=dates,
        details=tuple(details),
        citations=tuple(find_citations(text)),
    )


def _merge(events: list[Event]) -> Event:
    """One event from several sentences: the most confident leads, the others fill gaps.

    Sentences that name the event corroborate it; an end date known only by coreference
    lowers the confidence instead."""
    ranked = sorted(events, key=lambda e: -e.confidence)
    direct = [e for e in ranked if COREFERENT not in e.details] or ranked
    best = direct[0]
    details = tuple(dict.fromkeys(d for e in ranked for d in e.details))
    citations = tuple(dict.fromkeys(c for e in ranked for c in e.citations))
    dates = tuple(dict.fromkeys(d for e in ranked for d in e.dates))
    confidence = best.confidence + CORROBORATED * (len(direct) - 1)
    end = best.end or next((e.end for e in direct if e.end), None)
    if end is None and len(direct) < len(ranked):
        end = next((e.end for e in ranked if e.end), None)
        confidence += COREFERENCE if end is not None else 0.0
    else:
        details = tuple(d for d in details if d != COREFERENT)
    return replace(
        best,
        measure=best.measure or next((e.measure for e in ranked if e.measure), None),
        start=best.start or next((e.start for e in ranked if e.start), None),
        end=end,
        details=details,
        citations=citations,
        dates=dates,
        confidence=min(MAX_CONFIDENCE, max(MIN_CONFIDENCE, confidence)),
    )


def _coreferent_ends(
    article: Article, sentence: Sentence, antecedents: Sequence[Event]
) -> list[Event]:
    """The previous sentence's licence events, with the end date this sentence gives them
    when it opens with a pronoun and says when something expires."""
    text = sentence.text
    if not antecedents or not ANAPHOR.search(text) or not EXPIRY.search(text):
        return []
    dated = [mention for _, mention in find_dates_at(text, article.published) if mention.value]
    end = next((d for d in dated if d.role == "end"), None) or next(
        (d for d in dated if d.role == "on"), None
    )
    if end is None:
        return []
    return [
        replace(
            antecedent,
            sentence=text,
            start=None,
            end=end.value,
            dates=(end,),
            details=(COREFERENT,),
            citations=tuple(find_citations(text)),
            confidence=max(MIN_CONFIDENCE, antecedent.confidence + COREFERENCE),
        )
        for antecedent in antecedents
    ]


_LICENCE_KINDS = (EventKind.LICENSE_GRANTED, EventKind.LICENSE_EXTENDED, EventKind.LICENSE_ENDED)
# Licences whose end a following sentence may give.
_OPEN_LICENCES = (EventKind.LICENSE_GRANTED, EventKind.LICENSE_EXTENDED)


def _inherit_measures(events: list[Event]) -> list[Event]:
    """A licence or court order relieves the party's listing: it takes that listing's measure."""
    listed = {
        e.party: e.measure
        for e in events
        if e.kind in (EventKind.LISTING, EventKind.INVESTMENT_BAN) and e.measure
    }
    return [
        replace(e, measure=listed.get(e.party)) if e.measure is None and e.party in listed else e
        for e in events
    ]


def extract_events(
    article: Article, mentions: Sequence[Mention], party_of: dict[tuple[int, int], str]
) -> list[Event]:
    """Candidate events of `article`; `party_of` maps a mention's span to its party key."""
    by_party: dict[tuple[str, EventKind], list[Event]] = {}
    counts = Counter(party_of.values())
    main_party = counts.most_common(1)[0][0] if counts else None
    paragraph_party: dict[int, str] = {}
    # The licence events of the previous sentence of the same paragraph, for coreference.
    previous: tuple[int, list[Event]] = (-1, [])
    for sentence in split_sentences(article.text):
        end = sentence.start + len(sentence.text)
        located = [
            _Located(party_of[(m.start, m.end)], m.start - sentence.start, m.end - sentence.start)
            for m in mentions
            if sentence.start <= m.start and m.end <= end and (m.start, m.end) in party_of
        ]
        if located and sentence.paragraph not in paragraph_party:
            paragraph_party[sentence.paragraph] = located[0].party
        fallback = paragraph_party.get(sentence.paragraph, main_party)
        triggers = _triggers(sentence.text)
        found = [
            _sentence_event(article, sentence, trigger, triggers, party, named)
            for trigger, party, named in _assign(triggers, located, fallback, sentence.text)
        ]
        if not any(is_licence(t.rule.kind) for t in triggers):
            paragraph, antecedents = previous
            if paragraph == sentence.paragraph:
                found += _coreferent_ends(article, sentence, antecedents)
        for event in found:
            by_party.setdefault((event.party, event.kind), []).append(event)
        licences = [e for e in found if e.kind in _OPEN_LICENCES]
        previous = (sentence.paragraph, licences)
    merged = [_merge(group) for group in by_party.values()]
    merged = _inherit_measures(merged)
    return sorted(merged, key=lambda e: (e.party, list(EventKind).index(e.kind)))


def is_licence(kind: EventKind) -> bool:
    return kind in _LICENCE_KINDS


__all__ = ["extract_events", "is_licence"]
