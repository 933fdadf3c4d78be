"""Parsing list XML safely: no entity expansion, no network, no huge trees.

A document that declares entities is refused outright: the official lists never do, and
entity declarations are how "billion laughs" bombs and external-entity reads work.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from clearance.errors import InputError
from clearance.sources.files import read_bytes


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def parse_xml(path: Path) -> etree._Element:
    data = read_bytes(path)
    if not data.strip():
        raise InputError("the file is empty; expected an XML document", file=path, line=1)
    head = data[:4096]
    if b"<!ENTITY" in head:
        raise InputError(
            "the document declares XML entities, which the official lists never do; refused as a "
            "possible XML bomb or external-entity attack",
            file=path,
            line=head.count(b"\n", 0, head.find(b"<!ENTITY")) + 1,
            field="DOCTYPE",
        )
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise InputError(
            f"malformed or truncated XML ({exc.msg})",
            file=path,
            line=exc.lineno,
            field=_field_at(data, exc.lineno),
        ) from None
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise InputError(
            "the document declares XML entities; refused as a possible XML bomb",
            file=path,
            line=1,
            field="DOCTYPE",
        )
    return root


def _field_at(data: bytes, line: int | None) -> str | None:
    """The last element opened at or before `line`, to name where a parse failed."""
    if not line:
        return None
    lines = data.split(b"\n", line)[:line]
    for text in reversed(lines):
        start = text.rfind(b"<")
        while start != -1:
            tag = text[start + 1 :].split(b">", 1)[0].split(b" ", 1)[0]
            if tag and tag[:1] not in (b"/", b"?", b"!"):
                return tag.decode("utf-8", "replace")
            start = text.rfind(b"<", 0, start)
    return None


def local(tag: object) -> str:
    """An element's tag without its namespace."""
    text = str(tag)
    return text.rsplit("}", 1)[-1]


def child_text(element: etree._Element, name: str) -> str:
    for child in element:
        if local(child.tag) == name:
            return (child.text or "").strip()
    return ""


def children(element: etree._Element, name: str) -> list[etree._Element]:
    return [child for child in element if local(child.tag) == name]


def descendants(element: etree._Element, *path: str) -> list[etree._Element]:
    """Elements reached by a path of local names (`descendants(e, "akaList", "aka")`)."""
    current = [element]
    for name in path:
        current = [c for e in current for c in children(e, name)]
    return current
