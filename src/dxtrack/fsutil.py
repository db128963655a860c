"""Writing files safely: atomically, never through a symbolic link inside a repo, and never
over an existing file unless told to."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

# what the system said, as message keys (i18n/cli.py) the user can read in their language
OS_PROBLEMS = {errno.ENOENT: "os.enoent", errno.EACCES: "os.eacces", errno.EPERM: "os.eacces",
               errno.ENOSPC: "os.enospc", errno.EROFS: "os.erofs", errno.EISDIR: "os.eisdir",
               errno.ENOTDIR: "os.enotdir", errno.EEXIST: "os.eexist", errno.ENAMETOOLONG: "os.enametoolong",
               errno.ELOOP: "os.eloop"}  # ELOOP: opened without following a link (O_NOFOLLOW), and it is one


class WriteRefused(PermissionError):
    """A write dxtrack refuses by itself (the system would allow it): `key` names why, as a
    message key of i18n/cli.py (`os.symlink`, `os.symlink_folder`, `os.outside_repo`,
    `os.not_regular`, `os.read_only`). An OSError (a PermissionError), so that every caller
    that tells what the system refused tells this too, by its file name."""

    def __init__(self, path: os.PathLike | str, key: str) -> None:
        super().__init__(errno.EPERM, key, os.fspath(path))
        self.key = key


def problem_params(exc: OSError) -> dict:
    """Message parameters naming what the system refused: {problem_key} if known, else {problem}."""
    if isinstance(exc, WriteRefused):
        return {"problem_key": exc.key}
    key = OS_PROBLEMS.get(exc.errno) if exc.errno is not None else None
    return {"problem_key": key} if key else {"problem": exc.strerror or str(exc)}


def is_inside(root: os.PathLike | str, path: os.PathLike | str) -> bool:
    """Whether the file `path` is in the repo at `root`: written under it, or reached through
    a link outside the repo that leads into it."""
    return _locate(_lexical(root), _lexical(path)) is not None


def safe_target(root: os.PathLike | str, path: os.PathLike | str, *, inside_only: bool = True) -> Path:
    """The path to write for `path`, a file of the repo at `root`: checked, before anything is
    written, to be inside the repo, with no symbolic link inside the repo on the way to it (a
    linked folder, or the file itself), and to be a regular file if it is there. A
    WriteRefused says which. A path outside the repo is refused too, unless `inside_only` is
    false (an `-o FILE` the user chose outside the repo, through the links outside it the user
    likes; a link at it that leads back into the repo is refused all the same).

    The path returned is the one checked (`.` and `..` taken away as written), so that
    writing there cannot go anywhere else. The root itself may be reached through links (a
    linked home folder): only the links that live inside the repo are refused."""
    base, target = _lexical(root), _lexical(path)
    found = _locate(base, target)
    if found is None:
        if inside_only:
            raise WriteRefused(path, "os.outside_repo")
        if os.path.islink(target) and _in_repo(os.path.realpath(base), os.path.realpath(target)):
            raise WriteRefused(path, "os.symlink")  # a link outside the repo that leads back into it
        return Path(target)
    entry, parts = found
    if not parts:
        raise WriteRefused(path, "os.not_regular")  # the repo's folder itself
    current = entry
    for index, part in enumerate(parts):
        current = os.path.join(current, part)
        try:
            seen = os.lstat(current)
        except FileNotFoundError:
            break  # nothing below it exists yet: what is made there is made by us, as folders
        except NotADirectoryError:
            raise OSError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), os.fspath(path)) from None
        last = index == len(parts) - 1
        if stat.S_ISLNK(seen.st_mode):
            raise WriteRefused(path, "os.symlink" if last else "os.symlink_folder")
        if last and not stat.S_ISREG(seen.st_mode):
            raise WriteRefused(path, "os.not_regular")
    return Path(target)


def _locate(base: str, target: str) -> tuple[str, list[str]] | None:
    """Where the path `target` enters the repo at `base` (both lexical, absolute): (the first
    folder on it that is in the repo, the names after it), or None if it never does. Written
    under `base`, that is `base` itself; else the first folder whose real place is the repo or
    in it (reached through the user's links outside the repo)."""
    if _under(base, target):
        return base, os.path.relpath(target, base).split(os.sep)
    real_base = os.path.realpath(base)
    parts = target.split(os.sep)
    for end in range(2, len(parts)):  # the folders of `target`, from the top (parts[0] is "")
        folder = os.sep.join(parts[:end])
        if _in_repo(real_base, os.path.realpath(folder)):
            return folder, parts[end:]
    return None


def _in_repo(real_base: str, real: str) -> bool:
    return real == real_base or _under(real_base, real)


def _lexical(path: os.PathLike | str) -> str:
    """`path` made absolute, `.` and `..` taken away as written (no link followed)."""
    return os.path.normpath(os.path.abspath(os.fspath(path)))


def _under(base: str, target: str) -> bool:
    return target != base and os.path.commonpath([base, target]) == base


def write_atomic(path: Path, data: bytes, *, force: bool = False, root: Path | None = None,
                 follow: bool = False) -> None:
    """Write `data` to `path` through a temporary file in the same folder, then rename it.

    With `root` (the repo `path` is a file of), `path` must be inside it with no symbolic link
    on the way (see `safe_target`); without it, a link at `path` itself is refused too, unless
    `follow` (an `-o FILE` outside the repo: written through, as the shell's `>` does). A
    read-only file is refused by its mode, even for root (who may write anything). Refusals
    are WriteRefused, an OSError.

    Raises FileExistsError when `path` exists and `force` is false (nothing is changed).
    A reader never sees a half-written file; on any error, Ctrl-C or SIGTERM (which the CLI
    turns into SystemExit) the temporary file `.<name>.XXXX.tmp` is removed.
    """
    path = Path(path)
    if root is not None:
        path = safe_target(root, path)
    elif path.is_symlink() and not follow:
        raise WriteRefused(path, "os.symlink")
    if path.exists() and not force:
        raise FileExistsError(str(path))
    if path.exists() and not path.is_file():  # a device or pipe (/dev/stdout): write into it, never rename over it
        with open(path, "wb") as handle:
            handle.write(data)
        return
    if path.is_symlink():  # `follow`: through the link, as the shell's `>` does, not over it
        path = path.resolve()
    if path.exists() and is_read_only(path):  # a read-only file stays read-only
        raise WriteRefused(path, "os.read_only")
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
    finally:  # also on KeyboardInterrupt and SystemExit (SIGTERM, see cli.main.run)
        Path(tmp).unlink(missing_ok=True)


def is_read_only(path: Path) -> bool:
    """Whether the file at `path` is not to be written: no write permission in its mode (root
    may write it anyway, and `os.access` says so; dxtrack does not), or none for this user."""
    return not (os.stat(path).st_mode & 0o222) or not os.access(path, os.W_OK)


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
