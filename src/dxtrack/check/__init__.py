"""The check stages: discover → read → load → validate → collect → link → a frozen Repo.

Each stage is a function from plain data to new data and findings; nothing is changed in
place and nothing is printed. `check_repo(root, today)` runs them all; `check_file(root,
source)` is the part that needs one file only: its result (a Document) pickles, so it can
be cached or computed in another process. Both live in `check.pipeline`.
"""

from __future__ import annotations

__all__ = ["check_file", "check_repo"]


def __getattr__(name: str):
    # lazily: the pipeline imports the pydantic models, and importing `check.findings` or
    # `check.discover` alone (as `fmt`, `codeowners` and the renderers do) should not
    if name in __all__:
        from dxtrack.check import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
