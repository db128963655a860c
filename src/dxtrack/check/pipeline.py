"""The check pipeline: `check_repo` runs every stage; `check_file` the ones that need one file."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from dxtrack.check.collect import collect
from dxtrack.check.discover import SETTINGS_FILE, UNITS_FILE, SourceFile, discover, stray_finding
from dxtrack.check.document import Document, Repo
from dxtrack.check.findings import Finding, finding
from dxtrack.check.link import link
from dxtrack.check.load import load_bytes
from dxtrack.check.read import read
from dxtrack.check.validate import validate
from dxtrack.models import RecordBase

if TYPE_CHECKING:
    from dxtrack.check.cache import Run


Progress = Callable[[int, int], None]  # (files checked, files in all), told as each file is done


def check_repo(root: Path, today: date, run: Run | None = None, progress: Progress | None = None) -> Repo:
    """Check every file of the tracker repo at `root` (its resolved root folder) as of `today`.

    With a cache `run` (dxtrack.check.cache), the files it discovered are checked, and the
    Document of each file unchanged since a run stored it is reused; the per-file results
    are stored for the next run. Link and everything after it run as usual."""
    with no_cyclic_gc():
        return _check_repo(root, today, run, progress)


@contextmanager
def no_cyclic_gc() -> Iterator[None]:
    """The cyclic collector off while a stage builds many small objects (documents here;
    reasons, rows and paragraphs in evaluate and report): they hold no reference cycles for it
    to find, and each full pass walks everything loaded so far (about a tenth of a cold check,
    and units × records in evaluate). Reference counting still frees everything; the collector
    is back on (if it was) afterwards."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _check_repo(root: Path, today: date, run: Run | None = None, progress: Progress | None = None) -> Repo:
    if run is None:
        sources = discover(root)
        check = _told(_check_file, len(sources), progress)
        documents = [check(root, source, False)[0] for source in sources]
    else:
        documents = run.documents(_told(_check_file, len(run.sources), progress))
        run.save_files()
        run.note_evidence(evidence_paths(documents))  # before link looks at them
    collected = collect(documents)
    linked = link(documents, today, root, collected)
    # sorted by each finding's key, made once (comparing findings makes both keys each time)
    findings = tuple(missing_files(linked) + sorted((f for doc in linked for f in doc.findings), key=Finding.sort_key))
    return Repo(root=root, today=today, documents=linked, settings=collected.settings,
                units=collected.units, plans=collected.plans, findings=findings,
                phase_plans=collected.phase_plans)


def _told(check: Callable[..., tuple[Document, bytes | None]], total: int,
          progress: Progress | None) -> Callable[..., tuple[Document, bytes | None]]:
    """`check`, telling `progress` after each file (the files a cache reuses are not counted)."""
    if progress is None:
        return check
    done = 0

    def told(*args):
        nonlocal done
        result = check(*args)
        done += 1
        progress(done, total)
        return result

    return told


def check_file(root: Path, source: SourceFile) -> Document:
    """One discovered file → its Document: read, loaded and validated, with the findings of
    these stages. Depends on this file only (the cross-file rules come later, in link)."""
    return _check_file(root, source, hashed=False)[0]


def _check_file(root: Path, source: SourceFile, hashed: bool = True) -> tuple[Document, bytes | None]:
    """`check_file`, and the content hash of the bytes it read (None if it read none): what
    the cache verifies a recently changed file by."""
    if source.kind == "stray":
        return Document(source, findings=(stray_finding(source),)), None
    if source.kind == "unreadable":
        return Document(source, findings=(finding(source.rel, (1, 1), "DX115", **(source.problem or {})),)), None
    raw, refused = read(root, source)
    if raw is None:
        return Document(source, findings=tuple(refused)), None
    loaded = load_bytes(raw, source.rel)
    model, invalid = validate(source, loaded.data, loaded.spans)
    document = Document(source, loaded.data, loaded.spans, model, tuple(loaded.findings) + tuple(invalid),
                        raw=raw)  # a valid file keeps its bytes, not its data and spans (see Document)
    if not hashed:
        return document, None
    from dxtrack.check.cache import content_hash

    return document, content_hash(raw)


def evidence_paths(documents: Iterable[Document]) -> list[str]:
    """Every evidence file a record names, as link checks them (the fields of a valid record,
    the good entries of an invalid one): what a memo of the run must watch."""
    from dxtrack.check.link import record_facts_of_data  # the same reading of an invalid record as link

    found: list[str] = []
    for doc in documents:
        if doc.source.kind != "record":
            continue
        if isinstance(doc.model, RecordBase):
            found += [e.file for e in doc.model.evidence if e.file is not None]
        else:
            found += [file for _i, file in record_facts_of_data(doc.data).evidence_files]
        if _may_name_files(doc) and isinstance(doc.data, dict) and isinstance(doc.data.get("evidence"), list):
            # as written, too
            found += [e["file"] for e in doc.data["evidence"] if isinstance(e, dict) and isinstance(e.get("file"), str)]
    return found


def _may_name_files(doc: Document) -> bool:
    """Whether the data of `doc` may hold a key `file`: false only for the bytes a valid file
    keeps (see Document) that have neither `file` nor an escape (a backslash) written in
    them, known without loading them again."""
    raw = doc.content
    return not isinstance(raw, bytes) or b"file" in raw or b"\\" in raw


def missing_files(documents: Iterable[Document]) -> list[Finding]:
    """DX001 for dxtrack.yaml and units.yaml, each if it is not among `documents`."""
    present = {d.rel for d in documents}
    return [finding(name, (1, 1), "DX001", name=name) for name in (SETTINGS_FILE, UNITS_FILE)
            if name not in present]
