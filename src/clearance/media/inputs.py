"""Where articles come from: a file, a folder of files, a URL, or an RSS/Atom feed of them."""

from __future__ import annotations

from datetime import date
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urljoin

import httpx
from defusedxml import ElementTree

from clearance.errors import DownloadError, InputError
from clearance.media.extract import article_from_bytes
from clearance.media.types import Article

ARTICLE_SUFFIXES = frozenset({".txt", ".html", ".htm", ".xhtml", ".md"})
_FEED_ROOTS = ("<rss", "<feed", "<rdf:RDF")
USER_AGENT = "clearance-media/0.1 (+https://github.com/clearance)"


def fetch_bytes(url: str, timeout: float) -> bytes:
    """GET a URL; any failure is a DownloadError naming the URL and the cause."""
    try:
        with httpx.Client(
            timeout=timeout, follow_redirects=True, headers={"User-Agent": USER_AGENT}
        ) as client:
            response = client.get(url)
    except httpx.HTTPError as exc:
        raise DownloadError(f"{url}: could not fetch the article ({exc})") from None
    if response.status_code != 200:
        raise DownloadError(f"{url}: HTTP {response.status_code}; expected 200")
    return response.content


def is_feed(data: bytes) -> bool:
    head = data[:1024].decode("utf-8", "ignore").lstrip("\ufeff \t\r\n")
    if head.startswith("<?xml"):
        head = head[head.find("?>") + 2 :].lstrip()
    return head.startswith(_FEED_ROOTS)


def _feed_items(data: bytes, origin: str) -> list[tuple[str, date | None]]:
    """(link, published) of each item of an RSS 2.0 or Atom feed."""
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        raise InputError(f"malformed feed: {exc}", file=origin) from None
    items: list[tuple[str, date | None]] = []
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag not in ("item", "entry"):
            continue
        link: str | None = None
        published: date | None = None
        for child in element:
            name = child.tag.rsplit("}", 1)[-1]
            if name == "link":
                link = child.get("href") or (child.text or "").strip() or link
            elif name == "pubDate" and child.text:
                published = parsedate_to_datetime(child.text.strip()).date()
            elif name in ("published", "updated", "date") and child.text and published is None:
                published = date.fromisoformat(child.text.strip()[:10])
        if not link:
            raise InputError("feed item without a link", file=origin, field=tag)
        items.append((urljoin(origin, link), published))
    return items


def _is_url(target: str) -> bool:
    return target.startswith(("http://", "https://"))


def _load(target: str, timeout: float) -> bytes:
    if _is_url(target):
        return fetch_bytes(target, timeout)
    path = Path(target)
    if not path.is_file():
        raise InputError("no such file; expected an article file, a folder or a URL", file=target)
    return path.read_bytes()


def read_articles(
    target: str, *, published: date | None = None, timeout: float = 60.0
) -> list[Article]:
    """Every article `target` names; `published` overrides the dates found in pages and feeds."""
    path = Path(target)
    if not _is_url(target) and path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix.lower() in ARTICLE_SUFFIXES)
        if not files:
            raise InputError("the folder holds no article (.txt, .html)", file=target)
        return [a for f in files for a in read_articles(str(f), published=published)]
    data = _load(target, timeout)
    if is_feed(data):
        origin = target if _is_url(target) else path.resolve().as_uri()
        articles: list[Article] = []
        for link, item_date in _feed_items(data, origin):
            location = link.removeprefix("file://") if link.startswith("file://") else link
            body = _load(location, timeout)
            articles.append(article_from_bytes(body, link, published=published or item_date))
        return articles
    return [article_from_bytes(data, target, published=published)]
