"""Where report templates come from: the repo's own `templates/` first, then the built-in ones."""

from __future__ import annotations

from pathlib import Path

BUILTIN = Path(__file__).resolve().parent.parent / "templates"
REPO_DIR = "templates"


def template_dirs(root: Path | None) -> list[Path]:
    """Folders to look in, the repo's own first (it overrides the built-in templates)."""
    own = Path(root) / REPO_DIR if root else None
    return [own, BUILTIN] if own and own.is_dir() else [BUILTIN]


def find_template(root: Path | None, name: str) -> Path:
    """The first `name` found in `template_dirs(root)` (the built-in one always exists)."""
    for folder in template_dirs(root):
        if (folder / name).is_file():
            return folder / name
    return BUILTIN / name


def display_path(path: Path, root: Path | None) -> str:
    """`templates/x` for a repo's own file, the full path for a built-in one."""
    try:
        return path.relative_to(Path(root)).as_posix() if root else str(path)
    except ValueError:
        return str(path)
