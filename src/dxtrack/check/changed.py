"""What git says changed: the files of a pull request."""

from __future__ import annotations

import io
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


def _git(root: Path, *args: str) -> str:
    """git's output; a failure is told in our words (git's own English is not shown)."""
    done = _run_git(root, *args)
    if done.returncode != 0:
        raise SetupError("setup.git_failed", command=" ".join(["git", *args[:1]]))
    return done.stdout


def _check_ref(root: Path, ref: str) -> None:
    """`root` is inside a git repo and `ref` names a commit there; else a setup error that
    says which of the two is wrong."""
    if _run_git(root, "rev-parse", "--is-inside-work-tree").returncode != 0:
        raise SetupError("setup.not_git_repo", path=str(root))
    if not ref or ref.startswith("-") or _run_git(
            root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}").returncode != 0:
        raise SetupError("setup.bad_ref", ref=ref)


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
    """The commit where the histories of `first` and `second` (checked by `_check_ref`) meet."""
    done = _run_git(root, "merge-base", "--end-of-options", first, second)
    if done.returncode != 0 or not done.stdout.strip():
        raise SetupError("diff.no_merge_base", first=first, second=second)
    return done.stdout.split()[0]


def changed_files(root: Path, ref: str) -> set[str]:
    """Paths (relative to `root`, POSIX) added, modified or renamed since `ref`, untracked included."""
    _check_ref(root, ref)
    top = Path(_git(root, "rev-parse", "--show-toplevel").strip()).resolve()
    prefix = root.resolve().relative_to(top).as_posix() if root.resolve() != top else ""
    names = _git(root, "diff", "--name-only", "--find-renames", "--diff-filter=ACMRT", "-z", ref, "--").split("\0")
    names += _git(root, "ls-files", "--others", "--exclude-standard", "--full-name", "-z").split("\0")
    result = set()
    for name in filter(None, names):
        if prefix and not name.startswith(prefix + "/"):
            continue
        result.add(name[len(prefix) + 1:] if prefix else name)
    return result


def materialise(root: Path, ref: str, dest: Path) -> Path | None:
    """The tracker repo at `root` as it was at git revision `ref`, extracted under `dest`;
    None when there was none there (or git cannot say)."""
    shown = _git_bytes(root, "rev-parse", "--show-prefix")
    if shown is None or ref.startswith("-"):  # never an option of git archive
        return None
    prefix = shown.decode().strip().rstrip("/")
    archive = _git_bytes(root, "archive", "--format=tar", f"{ref}:{prefix}" if prefix else ref)
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


def _quiet_git(root: Path, *args: str) -> subprocess.CompletedProcess[str] | None:
    """git's result, or None when it cannot be run at all (or hangs)."""
    try:
        return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, encoding="utf-8",
                              errors="replace", check=False, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
