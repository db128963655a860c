"""What git says changed: the files of a pull request."""

from __future__ import annotations

import subprocess
from pathlib import Path

from dxtrack.errors import SetupError


def _git(root: Path, *args: str) -> str:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True,
                              encoding="utf-8", check=False)
    except OSError as exc:
        raise SetupError("setup.no_git", problem=str(exc)) from None
    if done.returncode != 0:
        raise SetupError("setup.no_git", problem=done.stderr.strip().splitlines()[-1:] and
                         done.stderr.strip().splitlines()[-1] or "git")
    return done.stdout


def changed_files(root: Path, ref: str) -> set[str]:
    """Paths (relative to `root`, POSIX) added, modified or renamed since `ref`, untracked included."""
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
