"""What git says changed: the files of a pull request."""

from __future__ import annotations

import io
import os
import re
import subprocess
import tarfile
from pathlib import Path

from dxtrack.check.discover import SETTINGS_FILE
from dxtrack.errors import SetupError


def _run_git(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """git, run in `root`; git missing from this computer is a setup error of its own."""
    try:
        return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True,
                              encoding="utf-8", errors="replace", check=False)
    except OSError:
        raise SetupError("setup.git_missing") from None


# A commit id as `git rev-parse` prints it: SHA-1 (40) or SHA-256 (64) hex digits, nothing else
_COMMIT_ID = re.compile(r"[0-9a-f]{40}(?:[0-9a-f]{24})?")
# No revision a person types is longer; git's own limit on a ref name is about 4096 bytes
MAX_REVISION = 1000
# Control characters (a newline, ESC, NUL, DEL, C1): never in a ref name git accepts
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _plausible(ref: str) -> bool:
    """Whether `ref` may be asked of git at all: not empty, not an option, not too long, no
    control character (a NUL would not even reach git)."""
    return bool(ref) and not ref.startswith("-") and len(ref) <= MAX_REVISION and not _CONTROL.search(ref)


def _resolve(root: Path, ref: str) -> str | None:
    """The full commit id `ref` names in the git repo at `root`, or None: asked as
    `git rev-parse --verify --end-of-options REF^{commit}`, so `ref` is never an option and
    names exactly one commit (not a tree, a file, a range or `^REF`)."""
    if not _plausible(ref):
        return None
    done = _run_git(root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}")
    found = done.stdout.strip() if done.returncode == 0 else ""
    return found if _COMMIT_ID.fullmatch(found) else None


def resolve_commit(root: Path, ref: str) -> str:
    """The full commit id `ref` names, if `root` is inside a git repo and `ref` names a commit
    there; else a setup error that says which of the two is wrong. Every later git command
    is given this id, never `ref` itself."""
    if _run_git(root, "rev-parse", "--is-inside-work-tree").returncode != 0:
        raise SetupError("setup.not_git_repo", path=str(root))
    found = _resolve(root, ref)
    if found is None:
        raise SetupError("setup.bad_ref", ref=ref if len(ref) <= 80 else ref[:80] + "…")
    return found


def _check_ref(root: Path, ref: str) -> str:
    """`resolve_commit` (the name the diff command used)."""
    return resolve_commit(root, ref)


def split_range(text: str) -> tuple[str, str | None, bool]:
    """A revision or a range as `dxtrack diff` takes it: `A` → (A, None, False); `A..B` →
    (A, B, False); `A...B` → (A, B, True), compared from where A and B meet (`merge_base`).
    A side left empty (`A..`, `..B`) is a setup error: git would read it as HEAD, silently."""
    for sep, meet in (("...", True), ("..", False)):
        if sep in text:
            first, _, second = text.partition(sep)
            if not first or not second:
                raise SetupError("diff.bad_range", value=text)
            return first, second, meet
    return text, None, False


def merge_base(root: Path, first: str, second: str) -> str:
    """The commit where the histories of `first` and `second` meet (both checked and
    resolved first: git sees only commit ids)."""
    done = _run_git(root, "merge-base", "--end-of-options", resolve_commit(root, first), resolve_commit(root, second))
    found = done.stdout.split()[0] if done.returncode == 0 and done.stdout.strip() else ""
    if not _COMMIT_ID.fullmatch(found):
        raise SetupError("diff.no_merge_base", first=first, second=second)
    return found


def changed_files(root: Path, ref: str) -> set[str]:
    """Paths (relative to `root`, POSIX) added, modified or renamed since `ref`, untracked
    included. `ref` is checked and resolved to its commit id first (`resolve_commit`); git
    is given that id and `--` before any path. A name that is not UTF-8 is read as Python
    reads file names (`os.fsdecode`), so it matches the file `check` found."""
    commit = resolve_commit(root, ref)
    place = _place(root)
    if place is None:
        raise SetupError("setup.git_failed", command="git rev-parse")
    prefix = place[1]
    names = _git_out(root, "diff", "--no-ext-diff", "--no-textconv", "--name-only", "--find-renames",
                     "--diff-filter=ACMRT", "-z", commit, "--").split(b"\0")
    names += _git_out(root, "ls-files", "--others", "--exclude-standard", "--full-name", "-z", "--").split(b"\0")
    result = set()
    for name in map(os.fsdecode, filter(None, names)):
        if prefix and not name.startswith(prefix + "/"):
            continue
        result.add(name[len(prefix) + 1:] if prefix else name)
    return result


def _git_out(root: Path, *args: str) -> bytes:
    """git's output as bytes (file names need not be UTF-8); a failure is told in our words."""
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=False)
    except OSError:
        raise SetupError("setup.git_missing") from None
    if done.returncode != 0:
        raise SetupError("setup.git_failed", command=" ".join(["git", *args[:1]]))
    return done.stdout


def materialise(root: Path, ref: str, dest: Path) -> Path | None:
    """The tracker repo at `root` as it was at git revision `ref`, extracted under `dest`;
    None when there was none there (or git cannot say). git archive is given the commit id
    `ref` resolves to, never `ref` itself, and runs at the top of the work tree (in a
    subfolder it would keep only the part of the tree under that subfolder's name)."""
    place = _place(root)
    commit = _resolve(root, ref) if place is not None else None
    if place is None or commit is None:
        return None
    top, prefix = place
    tree = f"{commit}:{prefix}" if prefix else commit
    archive = _git_bytes(top, "archive", "--format=tar", "--end-of-options", tree)
    if archive is None:
        return None
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        if hasattr(tarfile, "data_filter"):
            tar.extractall(dest, filter="data")
        else:  # pragma: no cover - Python before 3.11.4
            tar.extractall(dest)  # noqa: S202 - no filters there; git's own archive of this repo
    return dest if (dest / SETTINGS_FILE).is_file() else None


def _git_bytes(root: Path, *args: str) -> bytes | None:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=False)
    except OSError:
        return None
    return done.stdout if done.returncode == 0 else None


def work_tree_revision(root: Path, ignore: Path | None = None) -> dict | None:
    """`{commit, dirty}` of the git work tree holding `root`: the short hash of HEAD, and
    whether the files under `root` differ from it (changed, staged or untracked; `ignore`, a
    file such as the page being written, left out). None when git cannot tell: no git on this
    computer, not a work tree, no commit yet, a repo git refuses to read. Never raises."""
    head = _quiet_git(root, "rev-parse", "--short", "HEAD")
    if head is None or head.returncode != 0 or not head.stdout.strip():
        return None
    spec = ["--", "."]
    if ignore is not None:
        try:
            rel = ignore.resolve().relative_to(root.resolve()).as_posix()
        except (OSError, ValueError):
            rel = None
        if rel:
            spec.append(f":(exclude,literal){rel}")
    changes = _quiet_git(root, "status", "--porcelain", "--untracked-files=normal", *spec)
    dirty = changes is None or changes.returncode != 0 or bool(changes.stdout.strip())
    return {"commit": head.stdout.split()[0], "dirty": dirty}


def work_tree_prefix(root: Path) -> str:
    """Where the tracker at `root` sits in the git work tree that holds it: its path from the
    work tree's top (POSIX; "" at the top), so that the CI formats name each file as the
    repository does (`check --format github|gitlab|sarif`, the job summary). "" when git cannot
    tell (no git on this computer, not a work tree, a repo git refuses to read): the files are
    then named from `root`. Asked as `git rev-parse --show-cdup` (only `../` steps, whatever the
    folders are named) and taken from our own path of `root`, so a folder name that is not
    UTF-8 is kept exactly. Never raises."""
    place = _place(root)
    return place[1] if place is not None else ""


def _place(root: Path) -> tuple[Path, str] | None:
    """(the top of the git work tree holding `root`, `root`'s path from it: POSIX, "" at the
    top), or None when git cannot tell. The one way the tracker's place is found, for
    `work_tree_prefix`, `changed_files` and `materialise`."""
    done = _quiet_git(root, "rev-parse", "--show-cdup")
    if done is None or done.returncode != 0:
        return None
    up = done.stdout.removesuffix("\n")
    if up.strip("./") or "\n" in up:
        return None  # not what --show-cdup prints
    try:
        here = root.resolve()
        top = (here / up).resolve() if up else here
        inside = here.relative_to(top)
    except (OSError, ValueError):
        return None
    return top, "" if inside == Path() else inside.as_posix()


def _quiet_git(root: Path, *args: str) -> subprocess.CompletedProcess[str] | None:
    """git's result, or None when it cannot be run at all (or hangs)."""
    try:
        return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, encoding="utf-8",
                              errors="replace", check=False, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
