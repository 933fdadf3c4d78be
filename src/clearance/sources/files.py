"""Reading list files: gzip is transparent, text must be UTF-8, errors name the file and line.

Readers load a whole file at once (the largest official list is a few MiB) so that a decoding
or decompression problem anywhere fails before the first entity is yielded.
"""

from __future__ import annotations

import gzip
import zlib
from pathlib import Path

from clearance.errors import InputError

GZIP_MAGIC = b"\x1f\x8b"
# OFAC's legacy files end with a DOS end-of-file byte (0x1A, Ctrl-Z) after the last record.
DOS_EOF = "\x1a"


def logical_name(path: Path) -> str:
    """The file name without a `.gz` suffix: `sdn.csv.gz` -> `sdn.csv`."""
    name = path.name
    return name[:-3] if name.lower().endswith(".gz") else name


def logical_suffix(path: Path) -> str:
    return Path(logical_name(path)).suffix.lower()


def read_bytes(path: Path) -> bytes:
    """The file's content, decompressed when it is gzip (by magic bytes, whatever its suffix)."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError("file does not exist", file=path) from None
    except IsADirectoryError:
        raise InputError("expected a file, found a directory", file=path) from None
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror}", file=path) from None
    if raw[:2] != GZIP_MAGIC:
        return raw
    try:
        return gzip.decompress(raw)
    except (EOFError, OSError, zlib.error) as exc:
        raise InputError(f"gzip data is truncated or corrupt ({exc})", file=path) from None


def decode_utf8(data: bytes, path: Path) -> str:
    """Strict UTF-8 (a leading BOM is dropped); a bad byte is reported with its line."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        byte = data[exc.start : exc.start + 1].hex()
        raise InputError(
            f"byte 0x{byte} at column {column} is not valid UTF-8; expected UTF-8 text "
            "(re-save the file as UTF-8)",
            file=path,
            line=line,
            field="encoding",
        ) from None


def read_text(path: Path) -> str:
    """Decompressed, decoded text without OFAC's trailing DOS end-of-file byte."""
    text = decode_utf8(read_bytes(path), path)
    stripped = text.rstrip()
    if stripped.endswith(DOS_EOF):
        text = stripped[:-1]
    return text


def require_content(text: str, path: Path, expected: str) -> None:
    if not text.strip():
        raise InputError(f"the file is empty; expected {expected}", file=path, line=1)


def find_member(directory: Path, name: str) -> Path | None:
    """`name` or `name.gz` inside a directory set, matched case-insensitively."""
    wanted = {name.lower(), f"{name.lower()}.gz"}
    for candidate in sorted(directory.iterdir()):
        if candidate.name.lower() in wanted and candidate.is_file():
            return candidate
    return None
