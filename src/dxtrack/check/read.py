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

    What discovery saw of the file (its lstat, a linked folder above it) decides, without
    looking again; a file discovery could not stat is looked at as `read_path` does."""
    if source.stat is None:
        return read_path(root / source.rel, source.rel)
    seen = source.stat
    return _read_seen(os.path.join(root, source.rel), source.rel, seen.st_mode, seen.st_size, source.link_above,
                      (seen.st_dev, seen.st_ino))


def read_path(path: Path, rel: str) -> tuple[bytes | None, list[Finding]]:
    """Like `read`, for the file at `path` shown as `rel` (its path from the repo root, which
    also says how many folders above it are checked for links)."""
    try:
        link_above = any(folder.is_symlink() for folder in list(path.parents)[:rel.count("/")])
        seen = os.lstat(path)
    except OSError as exc:
        return None, [_refused(rel, exc)]
    return _read_seen(os.fspath(path), rel, seen.st_mode, seen.st_size, link_above, (seen.st_dev, seen.st_ino))


def _read_seen(path: str, rel: str, mode: int, size: int, link_above: bool,
               identity: tuple[int, int]) -> tuple[bytes | None, list[Finding]]:
    """The bytes of a file seen to have `mode`, `size` and `identity` (device, inode): only a
    regular file with no link on the way to it (DX114), not over the limit (DX109: not read at
    all, so a huge file is never in memory), opened without following a link, so that one put
    in its place since is not followed either, and looked at again once open (a pipe, a device
    or another file put in its place since is not read either, DX114; a file grown since is
    read to one byte past the limit, no further, which `load` refuses); what the system
    refuses is DX115."""
    if link_above or not stat.S_ISREG(mode):
        return None, [finding(rel, (1, 1), "DX114")]
    if size > MAX_BYTES:
        return None, [finding(rel, (1, 1), "DX109", size=size)]
    try:
        fd = os.open(path, _OPEN_FLAGS)
        try:
            opened = os.fstat(fd)  # what was opened: a pipe or a device put in the file's place is not read
            if not stat.S_ISREG(opened.st_mode) or (opened.st_dev, opened.st_ino) != identity:
                return None, [finding(rel, (1, 1), "DX114")]
            return _read_all(fd, opened.st_size), []
        finally:
            os.close(fd)
    except OSError as exc:  # not a YAML problem: the system refused (permissions, ...)
        return None, [_refused(rel, exc)]


def _refused(rel: str, exc: OSError) -> Finding:
    from dxtrack.fsutil import problem_params

    return finding(rel, (1, 1), "DX115", **problem_params(exc))


def _read_all(fd: int, size: int) -> bytes:
    """The file's bytes, read until its end (asking first for the size it was seen to have) or
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
