"""Approved records: policy data that reviewers approved from the news, beside the bundled data.

`clearance media approve` writes each approved record as one YAML file of the policy data's
format into `<media_dir>/approved/` (`CLEARANCE_MEDIA_DIR`, default `<cache_dir>/media`). The
book that `decide` and `timeline` use is the bundled data plus every file of that folder,
validated exactly like the bundled files (schema, then references), each problem naming the
file and the field. A drafted, unapproved record lives elsewhere and is never read here.

An approved record adds to policy; it never defines a measure (a news article cannot say what
a list means) and it must cite its article (`news: …`), so every reason and timeline entry it
produces names the article it came from.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from clearance.errors import PolicyError
from clearance.policy.book import PolicyBook, check_references, default_book, load_policy_file
from clearance.policy.schema import (
    Authorization,
    CuratedParty,
    LegalAction,
    PolicyFile,
    Record,
)

APPROVED_FOLDER = "approved"
NEWS_CITATION = "news: "
# The record families a news article may add; measures and listing rules stay curated data.
_FAMILIES = ("authorizations", "legal_actions", "curated_parties")

Signature = tuple[tuple[str, int, int], ...]


def approved_dir(media_dir: Path) -> Path:
    return media_dir / APPROVED_FOLDER


def policy_book(approved: Path | None) -> PolicyBook:
    """The bundled book plus the approved records of `approved` (a folder, maybe absent).

    Cached by the folder's listing (names, sizes, modification times), so a record approved
    by another process takes effect on the next decision without a restart."""
    if approved is None:
        return default_book()
    return _book_for(approved.resolve(), _signature(approved))


def _signature(folder: Path) -> Signature:
    if not folder.is_dir():
        return ()
    return tuple(
        (path.name, stat.st_mtime_ns, stat.st_size)
        for path in sorted(folder.glob("*.yaml"))
        for stat in [path.stat()]
    )


@lru_cache(maxsize=8)
def _book_for(folder: Path, signature: Signature) -> PolicyBook:
    bundled = default_book()
    if not signature:
        return bundled
    book = bundled
    parts = []
    for name, _, _ in signature:
        part = load_approved_file(folder / name, bundled)
        parts.append((name, part))
        book = book.extended(f"{APPROVED_FOLDER}/{name}", part)
    _check_unique_ids(book, parts)
    return book


def load_approved_file(path: Path, bundled: PolicyBook | None = None) -> PolicyFile:
    """One approved file, validated like the bundled data and against it."""
    label = f"{APPROVED_FOLDER}/{path.name}"
    document = load_policy_file(path, label=label)
    curated_only = ("measures", "listing_rules", "stated_fact_rules")
    family = next((name for name in curated_only if getattr(document, name)), None)
    if family is not None:
        raise PolicyError(
            f"{label}, field {family!r}: an approved record may only add "
            f"{', '.join(_FAMILIES)}; measures, listing rules and stated-fact rules are "
            "curated data"
        )
    for family in _FAMILIES:
        records: Iterable[Record] = getattr(document, family)
        for number, record in enumerate(records):
            if not any(c.startswith(NEWS_CITATION) for c in _citations(record)):
                raise PolicyError(
                    f"{label}, field '{family}.{number}.citations': an approved record must "
                    f"cite its article as {NEWS_CITATION!r}<source>"
                )
    base = bundled or default_book()
    try:
        check_references(base.extended(label, document))
    except PolicyError as exc:
        raise PolicyError(f"{label}: {exc.message}") from None
    return document


def _citations(record: Record) -> list[str]:
    """Every citation of a record and of its windows, orders and listings."""
    found = list(getattr(record, "citations", ()))
    for nested in ("windows", "orders", "listings"):
        for item in getattr(record, nested, ()):
            found.extend(item.citations)
    return found


def _check_unique_ids(book: PolicyBook, parts: list[tuple[str, PolicyFile]]) -> None:
    """An approved record must not shadow a curated one (or another approved one)."""
    everything: tuple[CuratedParty | Authorization | LegalAction, ...] = (
        *book.curated_parties,
        *book.authorizations,
        *book.legal_actions,
    )
    seen: dict[str, int] = {}
    for known in everything:
        seen[known.id] = seen.get(known.id, 0) + 1
    for name, document in parts:
        for family in _FAMILIES:
            records: tuple[CuratedParty | Authorization | LegalAction, ...] = getattr(
                document, family
            )
            for number, record in enumerate(records):
                if seen[record.id] > 1:
                    raise PolicyError(
                        f"{APPROVED_FOLDER}/{name}, field '{family}.{number}.id': "
                        f"{record.id!r} is already the id of another policy record"
                    )
