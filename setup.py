"""The compiled part of the package (everything else is in pyproject.toml): the loops of
candidate generation and of the bounds, written for Cython (`_compiled.pyx`), and the
modules of the matching path, compiled as they are written.

Compiled, the matching path's Python runs in an eighth less time (bench/match_speed.py, the
same names before and after): its time is spread over many small functions, which the
compiled calls and attribute lookups make cheaper, each a little. The sources stay plain
typed Python, read by mypy and ruff; `clearance._build` refuses to run a checkout whose
compiled modules are older than their sources.
"""

import os

from Cython.Build import cythonize
from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

# The modules of a query's path through the screener: normalisation, candidates, bounds,
# scoring. Not the interfaces, whose introspection (FastAPI, Typer) needs plain functions.
PLAIN_PYTHON = [
    "match/array_bounds",
    "match/bounds",
    "match/compare",
    "match/facts",
    "match/features",
    "match/index",
    "match/names",
    "match/scoring",
    "match/screener",
    "match/similarity",
    "match/token_table",
    "names/acronyms",
    "names/compounds",
    "names/han",
    "names/hangul",
    "names/hanja",
    "names/legal_forms",
    "names/pipeline",
    "names/syllables",
    "names/symbols",
    "names/tokens",
    "names/translations",
    "names/vocabulary",
]


class ParallelBuildExt(build_ext):
    """Compiles the extensions on every CPU (two dozen modules: a minute on one)."""

    def finalize_options(self) -> None:
        super().finalize_options()
        if not self.parallel:
            self.parallel = os.cpu_count() or 1


def _extension(path: str, suffix: str) -> Extension:
    return Extension("clearance." + path.replace("/", "."), [f"src/clearance/{path}{suffix}"])


setup(
    cmdclass={"build_ext": ParallelBuildExt},
    ext_modules=cythonize(
        [_extension("match/_compiled", ".pyx")],
        compiler_directives={"language_level": "3"},
    )
    + cythonize(
        [_extension(path, ".py") for path in PLAIN_PYTHON],
        # Annotations stay what they are in Python: an `int` is not made a C long.
        compiler_directives={"language_level": "3", "annotation_typing": False},
        nthreads=os.cpu_count() or 1,
        quiet=True,
    ),
)
