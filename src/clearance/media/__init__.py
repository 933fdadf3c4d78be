"""Adverse media: a news article turned into the parties it names and the events it reports.

bytes/URL/feed ─ extract (trafilatura, furniture filters) ─ Article
Article ─ gazetteer (Aho-Corasick over listed names) + rules ─ mentions ─ Linker ─ parties
sentences ─ event rules ─ dates (resolved against publication) ─ events ─ policy comparison
"""

from clearance.media.extract import article_from_bytes
from clearance.media.gazetteer import Gazetteer
from clearance.media.reader import MediaReader
from clearance.media.types import Article, Event, EventKind, Party, PartyStatus, Reading

__all__ = [
    "Article",
    "Event",
    "EventKind",
    "Gazetteer",
    "MediaReader",
    "Party",
    "PartyStatus",
    "Reading",
    "article_from_bytes",
]
