"""Writing files safely: atomically, and never over an existing file unless told to."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

# what the system said, as message keys (i18n/cli.py) the user can read in their language
OS_PROBLEMS = {errno.ENOENT: "os.enoent", errno.EACCES: "os.eacces", errno.EPERM: "os.eacces",
               errno.ENOSPC: "os.enospc", errno.EROFS: "os.erofs", errno.EISDIR: "os.eisdir",
               errno.ENOTDIR: "os.enotdir", errno.EEXIST: "os.eexist", errno.ENAMETOOLONG: "os.enametoolong"}


def problem_params(exc: OSError) -> dict:
    """Message parameters naming what the system refused: {problem_key} if known, else {problem}."""
    key = OS_PROBLEMS.get(exc.errno) if exc.errno is not None else None
    return {"problem_key": key} if key else {"problem": exc.strerror or str(exc)}


def write_atomic(path: Path, data: bytes, *, force: bool = False) -> None:
    """Write `data` to `path` through a temporary file in the same folder, then rename it.

    Raises FileExistsError when `path` exists and `force` is false (nothing is changed).
    A reader never sees a half-written file; on any error the temporary file is removed.
    """
    path = Path(path)
    if path.exists() and not force:
        raise FileExistsError(str(path))
    if path.exists() and not path.is_file():  # a device or pipe (/dev/stdout): write into it, never rename over it
        with open(path, "wb") as handle:
            handle.write(data)
        return
    if path.is_symlink():  # through the link, as the shell's `>` does, not over it
        path = path.resolve()
    if path.exists() and not os.access(path, os.W_OK):  # a read-only file stays read-only
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:  # name the file the user asked for, not our temporary one
        raise OSError(exc.errno, exc.strerror, str(path)) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, _mode_for(path))
        if force:
            os.replace(tmp, path)
        else:
            _link_new(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)


def _link_new(tmp: str, path: Path) -> None:
    """Give the temporary file its name only if that name is free (atomically, where the
    file system has hard links): a file that appeared meanwhile is never replaced."""
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise FileExistsError(str(path)) from None
    except OSError:  # no hard links here (e.g. some network or FAT file systems)
        if path.exists():
            raise FileExistsError(str(path)) from None
        os.replace(tmp, path)


def _mode_for(path: Path) -> int:
    """The existing file's permissions, or what a plain open() would give (mkstemp gives 0600)."""
    if path.exists():
        return path.stat().st_mode & 0o7777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
