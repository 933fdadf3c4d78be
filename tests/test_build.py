"""A source checkout's compiled modules against their sources (clearance._build)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from clearance._build import check_checkout, stale_compiled

SO = ".cpython-311-x86_64-linux-gnu.so"


def _checkout(tmp_path: Path) -> Path:
    package = tmp_path / "src" / "clearance"
    (package / "match").mkdir(parents=True)
    (tmp_path / "setup.py").write_text("")
    for name in ("match/names.py", "match/_compiled.pyx", "cli.py"):
        (package / name).write_text("")
    for name in ("match/names", "match/_compiled"):
        (package / (name + SO)).write_bytes(b"")
    return package


def _age(path: Path, seconds: int) -> None:
    stat = path.stat()
    os.utime(path, (stat.st_atime, stat.st_mtime - seconds))


def test_modules_compiled_after_their_sources_are_fresh(tmp_path: Path) -> None:
    package = _checkout(tmp_path)
    _age(package / "match/names.py", 60)
    _age(package / "match/_compiled.pyx", 60)
    assert stale_compiled(package) == []
    check_checkout(package)


def test_a_source_edited_after_its_build_is_refused_by_name(tmp_path: Path) -> None:
    package = _checkout(tmp_path)
    _age(package / "match/_compiled.pyx", 60)
    _age(package / f"match/names{SO}", 60)
    assert stale_compiled(package) == [(package / f"match/names{SO}", package / "match/names.py")]
    with pytest.raises(ImportError, match=r"match/names\.py changed after it was compiled"):
        check_checkout(package)


def test_an_installed_package_is_not_checked(tmp_path: Path) -> None:
    package = _checkout(tmp_path)
    (tmp_path / "setup.py").unlink()
    _age(package / f"match/names{SO}", 60)
    assert stale_compiled(package)
    check_checkout(package)
