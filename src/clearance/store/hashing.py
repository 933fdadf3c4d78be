"""Content hashes: of a source file or file set, and of one entity's canonical document."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import orjson

from clearance.errors import InputError

CHUNK = 1 << 20


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def source_sha256(path: Path) -> str:
    """The hash of a file, or of a directory's file set (names and contents, in name order).

    Multi-file publications (the OFAC legacy CSV set) are one snapshot, so their identity is
    the set, not any single file.
    """
    if path.is_file():
        return file_sha256(path)
    if path.is_dir():
        digest = hashlib.sha256()
        for member in sorted(p for p in path.rglob("*") if p.is_file()):
            digest.update(member.relative_to(path).as_posix().encode())
            digest.update(b"\0")
            digest.update(file_sha256(member).encode())
            digest.update(b"\n")
        return digest.hexdigest()
    raise InputError("no such file or directory", file=path)


def canonical_json(document: Any) -> bytes:
    """One byte string per value: sorted keys, no whitespace (the input of every hash here)."""
    return orjson.dumps(document, option=orjson.OPT_SORT_KEYS)


def document_sha256(document: Any) -> str:
    return hashlib.sha256(canonical_json(document)).hexdigest()
