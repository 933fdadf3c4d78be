"""Date expressions of an article, resolved against its publication date.

News gives dates without a year ("August 19") or relative to the day it was written ("last
week", "on Friday", 上周五). A year is inferred from the publication date and the tense: what
"will end on August 19" is after publication, what happened "on August 19" is before it.
Without a publication date, relative and yearless dates stay unresolved (value None) rather
than guessed from today's date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import dateparser

from clearance.media.types import DateMention

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_HAN_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}

_ABSOLUTE = re.compile(
    rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?\b|"
    rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}(?:\s+\d{{4}})?\b|"
    r"\b\d{4}-\d{2}-\d{2}\b|"
    r"(?:\d{4}年)?\d{1,2}月\d{1,2}日"
)
_YEAR = re.compile(rf"\b(?:in|since|from|until)\s+(?:{_MONTH}\s+)?(\d{{4}})\b|(\d{{4}})年(?!\d)")
_RELATIVE = re.compile(
    rf"\b(?:last|next|this)\s+(?:week|month|year|{_WEEKDAY})\b|\bon\s+{_WEEKDAY}\b|"
    r"\b(?:yesterday|today|tomorrow)\b|上周[一二三四五六日天]?|上星期[一二三四五六日天]?|昨天|今天|明天|下周",
    re.IGNORECASE,
)
_END_CUES = re.compile(
    r"(?:\bend|\bexpir\w*|\buntil|\bthrough|\btill|\bno later than|\bbeyond|截至|至)"
    r"\W*(?:\w+\W+){0,3}$",
    re.IGNORECASE,
)
_START_CUES = re.compile(
    r"(?:\bfrom|\bsince|\beffective|\bstarting|\bbeginning|起|自)\W*(?:\w+\W+){0,2}$", re.IGNORECASE
)
_FUTURE = re.compile(
    r"\b(?:will|shall|is to|are to|would|going to|until|through|expires?)\b|将|到期"
)
TENSE_REACH = 30  # characters either side of a relative date that decide its tense
_DURATION = re.compile(
    r"\b(\d{1,4})[- ](day|week|month|year)s?\b|(?<![年月\d])(\d{1,4})\s*(天|个月)", re.I
)
_HAN_DATE = re.compile(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日")
# Chinese puts the cue after the date: 8月19日到期 ("expires on August 19"), 5月16日起 ("from").
_HAN_END_AFTER = re.compile(r"^\s*(?:前|之前)?(?:到期|为止|截止|结束|失效)")
_HAN_START_AFTER = re.compile(r"^\s*(?:起|开始|生效)")


@dataclass(frozen=True)
class Resolution:
    value: date | None
    precision: str


def _role(sentence: str, start: int, end: int | None = None) -> str:
    if end is not None:
        after = sentence[end : end + 6]
        if _HAN_END_AFTER.search(after):
            return "end"
        if _HAN_START_AFTER.search(after):
            return "start"
    before = sentence[max(0, start - 40) : start]
    if _END_CUES.search(before):
        return "end"
    if _START_CUES.search(before):
        return "start"
    return "on"


def _yearless(month: int, day: int, published: date, future: bool) -> date:
    value = date(published.year, month, day)
    if future and value < published - timedelta(days=7):
        return value.replace(year=published.year + 1)
    if not future and value > published + timedelta(days=7):
        return value.replace(year=published.year - 1)
    return value


def _han_absolute(match: re.Match[str], published: date | None, future: bool) -> date | None:
    year, month, day = match.groups()
    try:
        if year:
            return date(int(year), int(month), int(day))
        return _yearless(int(month), int(day), published, future) if published else None
    except ValueError:
        return None


def _absolute(text: str, published: date | None, future: bool) -> date | None:
    han = _HAN_DATE.fullmatch(text)
    if han:
        return _han_absolute(han, published, future)
    has_year = bool(re.search(r"\d{4}", text))
    if not has_year and published is None:
        return None
    base = datetime.combine(published or date(2000, 1, 1), datetime.min.time())
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text)
    parsed = dateparser.parse(
        cleaned,
        languages=["en", "zh"],
        settings={
            "RELATIVE_BASE": base,
            "PREFER_DAY_OF_MONTH": "first",
            "REQUIRE_PARTS": ["day", "month"],
        },
    )
    if parsed is None:
        return None
    value: date = parsed.date()
    if not has_year and published is not None:
        value = _yearless(value.month, value.day, published, future)
    return value


def _weekday_before(published: date, weekday: int) -> date:
    delta = (published.weekday() - weekday) % 7 or 7
    return published - timedelta(days=delta)


def _weekday_after(published: date, weekday: int) -> date:
    delta = (weekday - published.weekday()) % 7 or 7
    return published + timedelta(days=delta)


def _relative(text: str, published: date | None, future: bool) -> Resolution:
    if published is None:
        return Resolution(None, "day")
    lowered = text.lower()
    week_start = published - timedelta(days=published.weekday())
    for index, name in enumerate(_DAY_NAMES):
        if name in lowered:
            after = lowered.startswith("next") or (lowered.startswith("on") and future)
            pick = _weekday_after if after else _weekday_before
            return Resolution(pick(published, index), "day")
    han_day = re.fullmatch(r"上(?:周|星期)([一二三四五六日天])", text)
    if han_day:
        return Resolution(week_start - timedelta(days=7 - _HAN_WEEKDAYS[han_day.group(1)]), "day")
    table = {
        "yesterday": Resolution(published - timedelta(days=1), "day"),
        "昨天": Resolution(published - timedelta(days=1), "day"),
        "today": Resolution(published, "day"),
        "今天": Resolution(published, "day"),
        "tomorrow": Resolution(published + timedelta(days=1), "day"),
        "明天": Resolution(published + timedelta(days=1), "day"),
        "last week": Resolution(week_start - timedelta(days=7), "week"),
        "上周": Resolution(week_start - timedelta(days=7), "week"),
        "上星期": Resolution(week_start - timedelta(days=7), "week"),
        "this week": Resolution(week_start, "week"),
        "next week": Resolution(week_start + timedelta(days=7), "week"),
        "下周": Resolution(week_start + timedelta(days=7), "week"),
        "last month": Resolution(
            (published.replace(day=1) - timedelta(days=1)).replace(day=1), "month"
        ),
        "this month": Resolution(published.replace(day=1), "month"),
        "last year": Resolution(date(published.year - 1, 1, 1), "year"),
        "this year": Resolution(date(published.year, 1, 1), "year"),
    }
    return table.get(lowered, Resolution(None, "day"))


def find_dates(sentence: str, published: date | None) -> list[DateMention]:
    """Every date expression of one sentence, resolved and given a role (start, end, on)."""
    return [mention for _, mention in find_dates_at(sentence, published)]


def find_dates_at(sentence: str, published: date | None) -> list[tuple[int, DateMention]]:
    """`find_dates` with the offset of each expression in the sentence."""
    future = bool(_FUTURE.search(sentence))
    found: list[tuple[int, DateMention]] = []
    taken: list[tuple[int, int]] = []
    for match in _ABSOLUTE.finditer(sentence):
        value = _absolute(match.group(), published, future)
        role = _role(sentence, match.start(), match.end())
        found.append((match.start(), DateMention(match.group(), value, role, "day")))
        taken.append(match.span())
    for match in _RELATIVE.finditer(sentence):
        # The tense of the clause around "on Monday", not of the whole sentence: in "on Monday
        # granted a licence until December 31" the Monday is past, the December future.
        near = sentence[max(0, match.start() - TENSE_REACH) : match.end() + TENSE_REACH]
        resolution = _relative(match.group().strip(), published, bool(_FUTURE.search(near)))
        role = _role(sentence, match.start(), match.end())
        mention = DateMention(match.group(), resolution.value, role, resolution.precision)
        found.append((match.start(), mention))
        taken.append(match.span())
    for match in _YEAR.finditer(sentence):
        if any(match.start() < end and start < match.end() for start, end in taken):
            continue
        year = int(match.group(1) or match.group(2))
        cue = match.group().split()[0].lower()
        role = {"since": "start", "from": "start", "until": "end"}.get(cue) or _role(
            sentence, match.start(), match.end()
        )
        mention = DateMention(match.group(), date(year, 1, 1), role, "year")
        found.append((match.start(), mention))
    return sorted(found, key=lambda item: item[0])


def find_durations(sentence: str) -> list[str]:
    """Durations such as "90 days" or 90天, as the article writes them."""
    return [m.group().strip() for m in _DURATION.finditer(sentence)]
