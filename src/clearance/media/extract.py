"""From bytes to the readable text of an article: decoding, HTML extraction, furniture removal."""

from __future__ import annotations

import re
from datetime import date

import trafilatura
from charset_normalizer import from_bytes

from clearance.errors import InputError
from clearance.media.furniture import strip_furniture
from clearance.media.types import Article

_HTML_START = re.compile(rb"^\s*(<!doctype html|<html|<head|<body|<\?xml[^>]*>\s*<html)", re.I)
# Control characters other than tab, newline and carriage return mean a binary file.
_BINARY = re.compile(r"[\x00-\x08\x0e-\x1f]")
# Below this share of letters, a "text" is not prose in any language.
MIN_LETTER_SHARE = 0.5


def looks_like_html(data: bytes) -> bool:
    return bool(_HTML_START.match(data[:512])) or b"<p>" in data[:4096].lower()


def decode_text(data: bytes, source: str) -> str:
    """Decode article bytes: UTF-8 (with or without BOM), else a confidently detected encoding."""
    if not data.strip():
        raise InputError("the article is empty; expected text or an HTML page", file=source)
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError("binary content; expected text or an HTML page", file=source)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise InputError(
            "unknown text encoding; expected UTF-8 or a detectable encoding", file=source
        )
    return str(best)


def _require_prose(text: str, source: str) -> None:
    if not text.strip():
        raise InputError("no article text found after removing site furniture", file=source)
    sample = text[:20000]
    if _BINARY.search(sample):
        raise InputError("binary content; expected text or an HTML page", file=source)
    letters = sum(ch.isalpha() for ch in sample)
    visible = sum(not ch.isspace() for ch in sample)
    if visible and letters / visible < MIN_LETTER_SHARE:
        raise InputError("content is not prose; expected text or an HTML page", file=source)


def _html_article(html: str, source: str) -> tuple[str, str | None, date | None]:
    text = trafilatura.extract(
        html, include_comments=False, include_tables=False, favor_precision=True
    )
    meta = trafilatura.extract_metadata(html)
    title = meta.title if meta is not None else None
    published: date | None = None
    if meta is not None and meta.date:
        try:
            published = date.fromisoformat(meta.date[:10])
        except ValueError:
            published = None
    if not text:
        raise InputError("no article text found in the HTML page", file=source)
    return text, title, published


def article_from_bytes(
    data: bytes, source: str, *, published: date | None = None, html: bool | None = None
) -> Article:
    """Read an article from raw bytes; `published` overrides any date found in the page."""
    if html is None:
        html = looks_like_html(data)
    text = decode_text(data, source)
    title: str | None = None
    page_date: date | None = None
    if html:
        text, title, page_date = _html_article(text, source)
    text = strip_furniture(text)
    _require_prose(text, source)
    if title is None:
        title = next((line.strip() for line in text.splitlines() if line.strip()), None)
    return Article(source=source, text=text, title=title, published=published or page_date)
