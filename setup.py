"""The optional C accelerator `dxtrack.check._yamlc`; all other metadata is in pyproject.toml.

It needs a C compiler and the libyaml headers (Debian: `apt-get install libyaml-dev`). Without
them the build prints a warning and goes on (`optional=True`): dxtrack then loads files with
the pure-Python fast path in `dxtrack.check.fastload`, with the same results.
"""

from setuptools import Extension, setup

setup(ext_modules=[Extension("dxtrack.check._yamlc", ["src/dxtrack/check/_yamlc.c"],
                             libraries=["yaml"], optional=True)])
