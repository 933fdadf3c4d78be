"""The compiled part of the package, the loops of candidate generation and of the bounds
(everything else is in pyproject.toml)."""

from Cython.Build import cythonize
from setuptools import Extension, setup

setup(
    ext_modules=cythonize(
        [Extension("clearance.match._compiled", ["src/clearance/match/_compiled.pyx"])],
        compiler_directives={"language_level": "3"},
    )
)
