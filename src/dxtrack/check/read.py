"""Stage 2, read: a discovered file → its bytes, or the finding that says why it was not read.

Only plain files are read: a symbolic link may point anywhere (its content would leak
into findings) and a pipe never ends. Nothing here parses; see `dxtrack.check.load`.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from dxtrack.check.discover import SourceFile
from dxtrack.check.findings import Finding, finding

MAX_BYTES = 1024 * 1024


def read(root: Path, source: SourceFile) -> tuple[bytes | None, list[Finding]]:
    """(the bytes of `source` under `root`, []) or (None, [the DX114, DX109 or DX115 finding]).

    What discovery saw of the file (its lstat, a linked folder above it) decides as
    `read_path` would, without looking again; the file is opened without following a link,
    so one put in its place since is not followed either."""
    seen = source.stat
    if seen is None:
        return read_path(root / source.rel, source.rel)
    if source.link_above or not stat.S_ISREG(seen.st_mode):
        return None, [finding(source.rel, (1, 1), "DX114")]
    if seen.st_size > MAX_BYTES:
        return None, [finding(source.rel, (1, 1), "DX109", size=seen.st_size)]
    try:
        fd = os.open(os.path.join(root, source.rel), _OPEN_FLAGS)
        try:
            return _read_all(fd, seen.st_size), []
        finally:
            os.close(fd)
    except OSError as exc:
        from dxtrack.fsutil import problem_params

        return None, [finding(source.rel, (1, 1), "DX115", **problem_params(exc))]


def _read_all(fd: int, size: int) -> bytes:
    """The file's bytes, read until its end (asking first for the size discovery saw) or
    until one byte over the limit (enough for `load` to refuse it as too large)."""
    parts, total = [], 0
    while total <= MAX_BYTES and (chunk := os.read(fd, min(max(size + 1 - total, 1 << 16), MAX_BYTES + 1 - total))):
        parts.append(chunk)
        total += len(chunk)
    return parts[0] if len(parts) == 1 else b"".join(parts)


# read only, never through a link, never blocking on a pipe put in the file's place
_OPEN_FLAGS = os.O_RDONLY
for _flag in ("O_BINARY", "O_NOFOLLOW", "O_NONBLOCK", "O_CLOEXEC"):
    _OPEN_FLAGS |= getattr(os, _flag, 0)


def read_path(path: Path, rel: str) -> tuple[bytes | None, list[Finding]]:
    """Like `read`, for the file at `path` shown as `rel` (its path from the repo root, which
    also says how many folders above it are checked for links)."""
    try:
        if not is_plain_file(path, rel):
            return None, [finding(rel, (1, 1), "DX114")]
        size = path.stat().st_size
        if size > MAX_BYTES:  # not read at all: a huge file is refused before it is in memory
            return None, [finding(rel, (1, 1), "DX109", size=size)]
        return path.read_bytes(), []
    except OSError as exc:  # not a YAML problem: the system refused (permissions, ...)
        from dxtrack.fsutil import problem_params

        return None, [finding(rel, (1, 1), "DX115", **problem_params(exc))]


def is_plain_file(path: Path, rel: str) -> bool:
    """A regular file, with no symbolic link on the way from the repo root to it (a link
    above the root is not the repo's business)."""
    current = path
    for _part in rel.split("/"):
        if current.is_symlink():
            return False
        current = current.parent
    return stat.S_ISREG(os.lstat(path).st_mode)
