"""The check pipeline: `check_repo` runs every stage; `check_file` the ones that need one file."""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from dxtrack.check.collect import collect
from dxtrack.check.discover import SETTINGS_FILE, UNITS_FILE, SourceFile, discover
from dxtrack.check.document import Document, Repo
from dxtrack.check.findings import Finding, finding
from dxtrack.check.link import link
from dxtrack.check.load import load_bytes
from dxtrack.check.read import read
from dxtrack.check.validate import validate


def check_repo(root: Path, today: date) -> Repo:
    """Check every file of the tracker repo at `root` (its resolved root folder) as of `today`."""
    with _no_cyclic_gc():
        return _check_repo(root, today)


@contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """The cyclic collector off while thousands of small documents are built: they hold no
    reference cycles for it to find, and its passes cost about a tenth of a cold check.
    Reference counting still frees everything; the collector is back on afterwards."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _check_repo(root: Path, today: date) -> Repo:
    documents = [check_file(root, source) for source in discover(root)]
    collected = collect(documents)
    linked = link(documents, today, root, collected)
    findings = tuple(missing_files(linked) + sorted(f for doc in linked for f in doc.findings))
    return Repo(root=root, today=today, documents=linked, settings=collected.settings,
                units=collected.units, plans=collected.plans, findings=findings)


def check_file(root: Path, source: SourceFile) -> Document:
    """One discovered file → its Document: read, loaded and validated, with the findings of
    these stages. Depends on this file only (the cross-file rules come later, in link)."""
    if source.kind == "stray":
        return Document(source, findings=(finding(source.rel, (1, 1), "DX002"),))
    if source.kind == "unreadable":
        return Document(source, findings=(finding(source.rel, (1, 1), "DX115", **(source.problem or {})),))
    raw, refused = read(root, source)
    if raw is None:
        return Document(source, findings=tuple(refused))
    loaded = load_bytes(raw, source.rel)
    model, invalid = validate(source, loaded.data, loaded.spans)
    return Document(source, loaded.data, loaded.spans, model, tuple(loaded.findings) + tuple(invalid))


def missing_files(documents: Iterable[Document]) -> list[Finding]:
    """DX001 for dxtrack.yaml and units.yaml, each if it is not among `documents`."""
    present = {d.rel for d in documents}
    return [finding(name, (1, 1), "DX001", name=name) for name in (SETTINGS_FILE, UNITS_FILE)
            if name not in present]
