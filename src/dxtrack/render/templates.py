"""Templates: where each comes from, how it is read, the sandbox it runs in, and the words
for what goes wrong. Serves the report's Markdown (`report.md.j2`), the status page
(`status.html.j2`) and the report's style file (`docx_style.yaml`, read by `read_repo_file`).

A tracker repo may put its own templates in its `templates/` folder; the built-in ones in
`dxtrack/templates` (trusted: they ship with dxtrack) serve every name it does not have. A
repo's files are untrusted (a pull request from any unit may change them), so a repo's
template or style file is read only as a regular file inside `<root>/templates`: never
through a symbolic link or a linked folder, never by a name that leaves that folder
(`../../etc/passwd`, `/etc/passwd`), never a device, a pipe or a folder, at most
MAX_TEMPLATE_BYTES, and UTF-8. Each refusal is a SetupError naming the file (exit 2).

Every template runs in `dxtrack.render.sandbox.Sandbox` (Jinja2's immutable sandbox, with
StrictUndefined and budgets). A template that reaches inside Python (`x.__class__`,
`cycler.__init__.__globals__`), changes its data or runs out of a budget is refused with
`TemplateRefused`: exit 1, as bad input is (SPEC §5), with words saying what it tried.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import Any

from dxtrack.errors import SetupError
from dxtrack.i18n import t

BUILTIN = Path(__file__).resolve().parent.parent / "templates"
REPO_DIR = "templates"
MAX_TEMPLATE_BYTES = 256 * 1024   # a template is a few kilobytes
_UNSAFE = re.compile(r"access to attribute '(?P<name>.*)' of '(?P<type>.*)' object is unsafe")
_NAME_PART = re.compile(r"^[\w.\- ]+$")  # letters (Vietnamese too), digits, _ . - and spaces


class TemplateRefused(SetupError):
    """A template that tried what no template may (reach inside Python, change its data,
    spend more than its budget): exit 1."""

    exit_code = 1


class RepoFileRefused(Exception):
    """A file of the repo dxtrack will not read: `rel` its path in the repo, `reason` a
    message key of i18n/templates.py, `params` that message's parameters."""

    def __init__(self, rel: str, reason: str, **params: Any):
        super().__init__(rel, reason)
        self.rel = rel
        self.reason = reason
        self.params = params

    def words(self) -> str:
        return t(self.reason, **self.params)


def read_repo_file(root: Path, rel: str, limit: int) -> str | None:
    """The text of the repo's file `rel` (`templates/x.j2`), None when there is none.
    RepoFileRefused when it, or a folder on its way, is a symbolic link, when it is not a
    regular file, is over `limit` bytes or is not UTF-8."""
    parts = rel.split("/")
    path = Path(root)
    for index, part in enumerate(parts):
        path = path / part
        last = index == len(parts) - 1
        try:
            info = os.lstat(path)
        except (FileNotFoundError, NotADirectoryError):
            return None
        except OSError as exc:
            raise RepoFileRefused(rel, "template.unreadable", problem=exc.strerror or str(exc)) from None
        if stat.S_ISLNK(info.st_mode):
            raise RepoFileRefused(rel, "template.symlink" if last else "template.symlink_folder",
                                  folder="/".join(parts[:index + 1]))
        if not last and not stat.S_ISDIR(info.st_mode):
            return None
    if not stat.S_ISREG(info.st_mode):
        raise RepoFileRefused(rel, "template.not_file")
    return _read_regular(path, rel, limit)


def _read_regular(path: Path, rel: str, limit: int) -> str:
    """The file at `path`, opened without following a link and without waiting on a pipe
    (either may have been put there since it was looked at)."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise RepoFileRefused(rel, "template.unreadable", problem=exc.strerror or str(exc)) from None
    with os.fdopen(fd, "rb") as file:
        info = os.fstat(file.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise RepoFileRefused(rel, "template.not_file")
        if info.st_size > limit:
            raise RepoFileRefused(rel, "template.too_big", limit=limit // 1024)
        data = file.read(limit + 1)
    if len(data) > limit:
        raise RepoFileRefused(rel, "template.too_big", limit=limit // 1024)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise RepoFileRefused(rel, "template.not_utf8") from None


def template_env(root: Path | None, *, autoescape: bool, error_key: str, **options: Any) -> Any:
    """The sandboxed environment for one render: the repo's `templates/` first (read as
    `read_repo_file` reads), then the built-in ones; StrictUndefined; `autoescape` for HTML
    or XML output. `error_key` is the message of a broken template (its {file} and {problem}).
    Render with `render_template`."""
    from jinja2 import StrictUndefined

    from dxtrack.render.sandbox import RepoLoader, Sandbox

    seen: set[str] = set()

    def find(name: str) -> tuple[str, str] | None:
        rel = f"{REPO_DIR}/{_checked_name(name)}"
        text = read_repo_file(Path(root), rel, MAX_TEMPLATE_BYTES) if root is not None else None
        if text is not None:
            found = (text, str(Path(root) / rel))  # type: ignore[arg-type]
        elif (BUILTIN / name).is_file():
            found = ((BUILTIN / name).read_text(encoding="utf-8"), str(BUILTIN / name))
        else:
            return None
        seen.add(found[1])
        return found

    env: Any = Sandbox(loader=RepoLoader(find), autoescape=autoescape, undefined=StrictUndefined, **options)
    env.dx_root, env.dx_error_key, env.dx_files = root, error_key, seen
    return env


def _checked_name(name: str) -> str:
    """`name` if it names a file inside the templates folder (`part.j2`, `parts/row.j2`): no
    `..`, no absolute path or drive, no backslash, and nothing but letters, digits, `_ . -`
    and spaces in each part (a quote or a brace has no place in a file name a template uses)."""
    parts = name.split("/")
    if any(part in ("", ".", "..") or not _NAME_PART.match(part) for part in parts):
        raise RepoFileRefused(name, "template.outside")
    return name


def render_template(env: Any, name: str, **context: Any) -> str:
    """The template `name` rendered with `context` in `env` (from `template_env`), its budget
    started anew. A broken template is a SetupError (`env.dx_error_key`, exit 2), one that
    tried what no template may a TemplateRefused (exit 1); each names the file and line."""
    import jinja2
    from jinja2.sandbox import SecurityError

    from dxtrack.render.sandbox import TooCostly

    env.reset()
    try:
        return env.get_template(name).render(**context)
    except RepoFileRefused as exc:
        where = _where(env, exc)
        problem = exc.words() if where is None else t("template.in_include", file=exc.rel, problem=exc.words())
        raise SetupError(env.dx_error_key, file=where or exc.rel, problem=problem) from None
    except TooCostly as exc:
        raise TemplateRefused("template.too_costly", file=_where(env, exc) or name,
                              problem=_budget_words(exc.what, exc.limit)) from None
    except RecursionError as exc:
        raise TemplateRefused("template.too_costly", file=_where(env, exc) or name,
                              problem=t("template.budget.depth")) from None
    except MemoryError as exc:
        raise TemplateRefused("template.too_costly", file=_where(env, exc) or name,
                              problem=t("template.budget.memory")) from None
    except SecurityError as exc:
        raise TemplateRefused("template.unsafe", file=_where(env, exc) or name, problem=_unsafe_words(exc)) from None
    except jinja2.TemplateError as exc:  # a syntax error, an undefined name, a missing include
        raise SetupError(env.dx_error_key, file=_where(env, exc) or name, problem=str(exc)) from None
    except (ArithmeticError, LookupError, TypeError, ValueError, AttributeError) as exc:
        where = _where(env, exc)
        if where is None or where.startswith(str(BUILTIN)):
            raise  # in a built-in template: dxtrack's own bug, shown as one
        raise SetupError(env.dx_error_key, file=where, problem=f"{type(exc).__name__}: {exc}") from None


def _where(env: Any, exc: BaseException) -> str | None:
    """`templates/x.j2:12`: the template and line the error happened at (a syntax error
    knows them; a runtime one has them in its traceback, as Jinja2 rewrites it), or None."""
    filename, line = getattr(exc, "filename", None), getattr(exc, "lineno", None)
    if filename is None:
        tb = exc.__traceback__
        while tb is not None:
            if tb.tb_frame.f_code.co_filename in env.dx_files:
                filename, line = tb.tb_frame.f_code.co_filename, tb.tb_lineno
            tb = tb.tb_next
    if filename is None:
        return None
    shown = _shown(Path(filename), env.dx_root)
    return f"{shown}:{line}" if line else shown


def _shown(path: Path, root: Path | None) -> str:
    """`templates/x` for a repo's own file, the full path for a built-in one."""
    try:
        return path.relative_to(Path(root)).as_posix() if root is not None else str(path)
    except ValueError:
        return str(path)


def _unsafe_words(exc: Exception) -> str:
    found = _UNSAFE.search(str(exc))
    if found is None:
        return str(exc)
    return t("template.unsafe_attribute", name=found["name"], type=found["type"])


def _budget_words(what: str, limit: float) -> str:
    if what == "output":
        return t("template.budget.output", limit=int(limit) // (1024 * 1024))
    return t(f"template.budget.{what}", limit=int(limit))
