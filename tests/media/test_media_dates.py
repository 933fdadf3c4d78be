"""Relative dates take the tense of their own clause, not of the whole sentence."""

from __future__ import annotations

from datetime import date

from clearance.media.dates import find_dates

THURSDAY = date(2020, 8, 20)


def test_past_weekday_in_a_sentence_that_also_looks_forward() -> None:
    sentence = "Commerce on Monday granted a licence that runs until December 31, 2020."
    monday, december = find_dates(sentence, THURSDAY)
    assert monday.value == date(2020, 8, 17)
    assert december.value == date(2020, 12, 31) and december.role == "end"


def test_future_weekday_keeps_its_tense() -> None:
    (monday,) = find_dates("The rule will take effect on Monday.", THURSDAY)
    assert monday.value == date(2020, 8, 24)
