"""A source checkout's compiled modules, checked against their sources.

`pip install -e .` compiles the matching path (setup.py) next to its sources, and Python
imports a compiled module before its source: a source edited, or checked out, after the last
build would otherwise be silently ignored, and its tests would pass or fail for the old code.
"""

from __future__ import annotations

import os
from pathlib import Path

# The suffixes Cython compiles from, in the order a compiled module's source is looked for.
_SOURCES = (".py", ".pyx")


def stale_compiled(package: Path) -> list[tuple[Path, Path]]:
    """Each compiled module under `package` (its subpackages one level down) whose source
    changed after it was compiled, with that source."""
    stale: list[tuple[Path, Path]] = []
    folders = [package] + [Path(e.path) for e in os.scandir(package) if e.is_dir()]
    for folder in folders:
        for entry in os.scandir(folder):
            if not entry.name.endswith(".so"):
                continue
            module = entry.name.split(".", 1)[0]
            for suffix in _SOURCES:
                source = folder / (module + suffix)
                if source.exists():
                    if source.stat().st_mtime > entry.stat().st_mtime:
                        stale.append((Path(entry.path), source))
                    break
    return stale


def check_checkout(package: Path) -> None:
    """Refuses a source checkout (src/clearance beside setup.py) with stale compiled modules;
    an installed package is left alone (a wheel's files need not keep their build order)."""
    if not (package.parent.name == "src" and (package.parent.parent / "setup.py").exists()):
        return
    stale = stale_compiled(package)
    if stale:
        compiled, source = stale[0]
        more = f" (and {len(stale) - 1} more)" if len(stale) > 1 else ""
        raise ImportError(
            f"{source} changed after it was compiled into {compiled.name}{more}: "
            "rebuild with `pip install -e .` (the compiled module would run the old code)"
        )
