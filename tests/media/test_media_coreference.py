"""An end date told in a sentence that does not name the licence ("It expires on August 13.")
belongs to the previous sentence's licence, within the paragraph, with lower confidence."""

from __future__ import annotations

from datetime import date

from clearance.media.events import COREFERENT
from clearance.media.extract import article_from_bytes
from clearance.media.reader import MediaReader
from clearance.media.types import Event, EventKind, Reading

PUBLISHED = date(2020, 5, 18)
GRANTED = "The Commerce Department granted Huawei a Temporary General License on Friday."


def read(reader: MediaReader, text: str) -> Reading:
    return reader.read(article_from_bytes(text.encode(), "inline", published=PUBLISHED))


def licence(reading: Reading) -> Event:
    return next(e for e in reading.events_for("huawei") if e.kind is EventKind.LICENSE_GRANTED)


def test_pronoun_sentence_gives_the_licence_its_end_date(reader: MediaReader) -> None:
    event = licence(read(reader, f"{GRANTED} It expires on August 13."))
    assert event.end == date(2020, 8, 13)
    assert COREFERENT in event.details
    assert event.sentence.startswith("The Commerce Department granted")


def test_coreference_is_less_certain_than_naming_the_licence(reader: MediaReader) -> None:
    by_pronoun = licence(read(reader, f"{GRANTED} It expires on August 13."))
    named = licence(read(reader, f"{GRANTED} The licence expires on August 13."))
    alone = licence(read(reader, GRANTED))
    assert named.end == by_pronoun.end == date(2020, 8, 13)
    assert COREFERENT not in named.details
    assert by_pronoun.confidence < named.confidence
    assert by_pronoun.confidence < alone.confidence


def test_no_coreference_across_paragraphs_or_without_a_licence(reader: MediaReader) -> None:
    apart = licence(read(reader, f"{GRANTED}\nIt expires on August 13."))
    assert apart.end is None and COREFERENT not in apart.details
    unrelated = read(reader, "Huawei opened a new office in Berlin. It expires on August 13.")
    assert not [e for e in unrelated.events if e.end == date(2020, 8, 13)]


def test_an_end_the_licence_sentence_gives_itself_wins(reader: MediaReader) -> None:
    text = (
        "The Commerce Department granted Huawei a Temporary General License that will expire "
        "on August 13. It expires on September 30."
    )
    event = licence(read(reader, text))
    assert event.end == date(2020, 8, 13)
    assert COREFERENT not in event.details
