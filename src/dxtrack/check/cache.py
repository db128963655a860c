"""The cache of `dxtrack check` and `dxtrack status` (see docs/cache.md).

Two stores, both in the user's cache folder (never in the repo), one folder per repo:

- the **memo** of a whole run (`memo-<key>`): the exact stdout, stderr and exit code
  of a command, replayed when nothing it depends on changed: the file list and each file's
  stat data, the evidence paths the records named, the versions (dxtrack, its code, the
  libraries, Python), the command and its options, the language, colour, width and the
  date. Looking it up imports nothing heavy (no pydantic, no YAML, no models), and
  needs no discovery while the memo's *tree* (the stat data of every folder discovery
  walked) shows no folder changed: the files are only stat'ed (`Run._tree`);
- the **per-file** results (`files-<chunk>`, one per folder of the repo): the Document `check_file` made of each file,
  reused for a file whose stat data did not change, so that one changed file costs one
  file's check (link and everything after it run as usual).

The launcher (cli/launch.py) replays a run before typer is even imported, by a small index
keyed by the raw invocation (`invocation_key`, `read_invocation`, `write_invocation`).

A file is trusted unchanged when its stat data (mode, size, mtime, ctime, inode, device,
owner) are those seen when it was read, as git trusts its index; a file changed within
2 s of that moment ("racy", or dated in the future) is verified by a hash of its content.

Nothing here may hide an error: any cache file that cannot be read, is not ours, is
corrupt, truncated or of another format is ignored (and rewritten); a cache folder that
cannot be made or written means running uncached. Files are written atomically (a
temporary file in the same folder, then `os.replace`): two runs at once leave one of them.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import stat as stat_mod
import sys
import tempfile
import time
import zlib
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dxtrack.check.discover import ACTIVITIES_DIR, PLANS_DIR, SETTINGS_FILE, UNITS_FILE, SourceFile, discover

if TYPE_CHECKING:
    from dxtrack.check.document import Document

FORMAT = 2  # of the files below: another one is ignored
MAGIC = b"dxtrack-cache" + bytes([0, FORMAT]) + b"\n"
RACY_NS = 2_000_000_000  # a file changed this close to when it was read is verified by content
CHUNK_FILES = 256  # per-file results are pickled by folder, in chunks of about this many files
KEEP_MEMOS = 16  # memos kept per repo (one per command and options), the newest
PICKLE_PROTOCOL = 5
LIBRARIES = ("pydantic", "pydantic_core", "yaml", "typer", "click", "rich", "jinja2")

Outcome = tuple[str, str, int]  # what a command wrote to stdout, to stderr, and its exit code

# What the last run did with the cache, for the tests (not shown to users): "memo" is hit,
# miss or off; "reused" and "checked" count files; DXTRACK_CACHE_TRACE=<file> appends it as
# a JSON line to that file (for tests that run dxtrack as a process).
STATS: dict[str, Any] = {}


# ---------------------------------------------------------------- where, and whether

def disabled() -> bool:
    """Whether DXTRACK_NO_CACHE turns the cache off (any value but empty or 0)."""
    return os.environ.get("DXTRACK_NO_CACHE", "") not in ("", "0")


def check_mode() -> bool:
    """Whether DXTRACK_CACHE_CHECK asks to run cached and uncached and compare."""
    return os.environ.get("DXTRACK_CACHE_CHECK", "") not in ("", "0")


def cache_folder() -> Path | None:
    """The user's cache folder for dxtrack: $XDG_CACHE_HOME/dxtrack (an absolute path), else
    ~/.cache/dxtrack (Linux), ~/Library/Caches/dxtrack (macOS), %LOCALAPPDATA%\\dxtrack\\Cache
    (Windows); None if there is no home folder to put it in."""
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if xdg and os.path.isabs(xdg):
        return Path(xdg) / "dxtrack"
    try:
        if sys.platform == "win32":
            local = os.environ.get("LOCALAPPDATA", "")
            return (Path(local) if local and os.path.isabs(local) else Path.home() / "AppData" / "Local") / \
                "dxtrack" / "Cache"
        if sys.platform == "darwin":
            return Path.home() / "Library" / "Caches" / "dxtrack"
        return Path.home() / ".cache" / "dxtrack"
    except (RuntimeError, KeyError, OSError):  # no home folder known
        return None


def _not_ours(st: os.stat_result) -> bool:
    """A file or folder another user owns, or others may write (then its content may be anyone's)."""
    if not hasattr(os, "getuid"):
        return False
    return st.st_uid != os.getuid() or bool(st.st_mode & 0o022)


def usable_folder(root: Path, create: bool) -> Path | None:
    """The cache folder if it may be used for the repo at `root`: outside the repo, a folder
    of the current user's that no one else may write (made, mode 0700, if `create`)."""
    folder = cache_folder()
    if folder is None:
        return None
    try:
        resolved = folder.resolve()
        if resolved == root or resolved.is_relative_to(root):
            return None  # a pickle in the repo would be code anyone can commit
        if create:
            os.makedirs(folder, mode=0o700, exist_ok=True)
        st = os.stat(folder)
    except (OSError, RuntimeError):
        return None
    if not stat_mod.S_ISDIR(st.st_mode) or _not_ours(st):
        return None
    return folder


def repo_id(root: Path) -> str:
    """The name of a repo's cache files: a hash of its resolved root."""
    return hashlib.sha256(os.fsencode(str(root))).hexdigest()[:24]


# ---------------------------------------------------------------- reading and writing cache files

def read_payload(path: Path, decode: Callable[[bytes], Any] | None = None) -> Any:
    """The object stored in the cache file at `path`, or None if there is none, it is not
    ours, or it is corrupt, truncated or of another format. `decode`: how the body is read
    (a pickle unless told; the launcher's index is JSON, read before the repo is known)."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat_mod.S_ISREG(st.st_mode) or _not_ours(st):
            return None
        with os.fdopen(os.dup(fd), "rb") as handle:
            raw = handle.read()
    except OSError:
        return None
    finally:
        os.close(fd)
    head = len(MAGIC) + 16
    if len(raw) < head or not raw.startswith(MAGIC):
        return None
    body = memoryview(raw)[head:]
    if hashlib.blake2b(body, digest_size=16).digest() != raw[len(MAGIC):head]:
        return None  # truncated or changed since it was written
    try:
        if decode is not None:
            return decode(bytes(body))
        return pickle.loads(body)  # noqa: S301 - our own file: in our folder, owned by us, not writable by others
    except Exception:  # an old format or a class that moved: ignored, written again
        return None


def write_payload(folder: Path, name: str, payload: Any, encode: Callable[[Any], bytes] | None = None) -> bool:
    """Store `payload` as the cache file `name` in `folder`, atomically; False if it cannot be.
    `encode`: how it is written (a pickle unless told)."""
    try:
        body = encode(payload) if encode is not None else pickle.dumps(payload, protocol=PICKLE_PROTOCOL)
    except Exception:  # something that does not pickle: not cached
        return False
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as handle:
            handle.write(MAGIC)
            handle.write(hashlib.blake2b(body, digest_size=16).digest())
            handle.write(body)
        os.replace(tmp, folder / name)
        tmp = None
    except OSError:
        return False
    finally:
        if tmp is not None:
            with _quiet():
                os.unlink(tmp)
    return True


class _quiet:
    """Ignore an OSError (a file another run removed first)."""

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind, value, trace) -> bool:
        return kind is not None and issubclass(kind, OSError)


def _prune(folder: Path, prefix: str, keep: int | None = None) -> None:
    """Keep the newest `keep` (KEEP_MEMOS) files named `prefix`… of a folder; remove temporary
    files older than an hour (left by a run that was killed)."""
    try:
        names = os.listdir(folder)
    except OSError:
        return
    memos, now = [], time.time()
    for name in names:
        path = folder / name
        with _quiet():
            if name.startswith(prefix):
                memos.append((os.lstat(path).st_mtime, name))
            elif name.startswith(".") and name.endswith(".tmp") and now - os.lstat(path).st_mtime > 3600:
                os.unlink(path)
    for _mtime, name in sorted(memos, reverse=True)[KEEP_MEMOS if keep is None else keep:]:
        with _quiet():
            os.unlink(folder / name)


# ---------------------------------------------------------------- what a result depends on

def environment() -> tuple:
    """Everything of the program a result depends on: the cache format, dxtrack's version and
    the stat data of its own files (an edited source is a new program), the libraries that
    read, validate and write (where they are installed, and their stat data), Python's version."""
    import dxtrack

    return (FORMAT, dxtrack.__version__, sys.version, sys.implementation.cache_tag, _code(), _libraries())


_memo_env: dict[str, object] = {}


def _code() -> str:
    """A hash of the path, size and mtime of every file of the dxtrack package (about 100)."""
    if "code" not in _memo_env:
        import dxtrack

        base = os.path.dirname(os.path.abspath(dxtrack.__file__))
        seen = []
        for folder, dirs, files in os.walk(base):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in sorted(files):
                path = os.path.join(folder, name)
                with _quiet():
                    st = os.stat(path)
                    seen.append((os.path.relpath(path, base), st.st_size, st.st_mtime_ns, st.st_ino))
        _memo_env["code"] = hashlib.blake2b(repr((base, seen)).encode(), digest_size=16).hexdigest()
    return str(_memo_env["code"])


def _libraries() -> tuple:
    """Each library's module file and its stat data (a new version is new files), and the
    names of the installed distributions' metadata folders (which carry the versions)."""
    if "libraries" not in _memo_env:
        import importlib.util

        found, sites = [], set()
        for name in LIBRARIES:
            module = sys.modules.get(name)
            try:
                spec = module.__spec__ if module is not None else importlib.util.find_spec(name)
            except (ImportError, ValueError, AttributeError):
                spec = None
            origin = getattr(spec, "origin", None)
            st = None
            if origin and os.path.isabs(origin):
                with _quiet():
                    info = os.stat(origin)
                    st = (info.st_size, info.st_mtime_ns, info.st_ino)
                sites.add(os.path.dirname(os.path.dirname(origin)))
            found.append((name, origin, st))
        dists = []
        for site in sorted(sites):
            with _quiet():
                dists += sorted(n for n in os.listdir(site) if n.endswith(".dist-info"))
        _memo_env["libraries"] = (tuple(found), tuple(dists))
    return _memo_env["libraries"]  # type: ignore[return-value]


def stat_key(st: Any) -> tuple | None:
    """What of a file's stat data (an `os.stat_result` or discovery's `Stat`) says it is
    unchanged, as git's index trusts it: mode, size, mtime, ctime, inode, device (a change
    of owner or permissions changes the ctime too)."""
    if st is None:
        return None
    return (st.st_mode, st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev)


_NO_STAT = object()


def source_stat(root: Path, source: SourceFile) -> Any:
    """The lstat discovery took of `source`, or (if discovery keeps none) one taken now."""
    seen = getattr(source, "stat", _NO_STAT)
    if seen is not _NO_STAT:
        return seen
    try:
        return os.lstat(os.path.join(root, source.rel))
    except OSError:
        return None


def source_key(source: SourceFile) -> tuple:
    """Everything of a discovered file but its stat data that its Document depends on."""
    problem = tuple(sorted(source.problem.items())) if source.problem else None
    return (source.rel, source.kind, source.unit_dir, bool(getattr(source, "link_above", False)), problem)


def is_racy(key: tuple, seen_ns: int) -> bool:
    """Whether a file with stat `key`, read at `seen_ns`, may have changed since without its
    stat data showing it: modified (or its inode changed) within RACY_NS of then, or later."""
    return max(key[2], key[3]) >= seen_ns - RACY_NS


def content_hash(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


def file_hash(root: Path, rel: str) -> bytes | None:
    """The content hash of the file now, read as `check.read` reads it (no link followed, at
    most one byte over the limit), or None if it is not read (a link, too large, refused)."""
    from dxtrack.check.read import read_path

    raw, _refused = read_path(root / rel, rel)
    return None if raw is None else content_hash(raw)


def evidence_signature(root: Path, rel: str) -> tuple:
    """What the evidence check of `rel` (link.evidence_problem) sees: the file type of each
    folder on the way and of the file (a link, a folder, missing), or "static" for a path
    refused by its text alone."""
    parts = Path(rel).parts
    if os.path.isabs(rel) or rel.startswith("~") or ".." in parts:
        return ("static",)
    current, seen = os.fspath(root), []  # type: tuple[str, list[object]]
    for part in parts:
        current = os.path.join(current, part)
        try:
            seen.append(stat_mod.S_IFMT(os.lstat(current).st_mode))
        except OSError as exc:
            seen.append(("error", exc.errno))
            break
        except ValueError:  # a NUL in the path: refused by its text (link.evidence_problem)
            return ("static",)
    return tuple(seen)


def _walk_folders(base: str, rel: str, found: list[tuple[str, tuple | None]]) -> bool:
    """Add the folder `rel` of the repo at `base` and every folder under it that discovery
    enters (not those whose name starts with a dot), each with its stat key; False if one
    holds a symbolic link discovery would look at (a link to a folder is skipped, a link
    to nothing is a file: which it is may change with nothing of the repo's changing)."""
    path = os.path.join(base, rel)
    found.append((rel, stat_key(os.lstat(path))))
    with os.scandir(path) as listing:
        entries = list(listing)
    for entry in entries:
        if entry.name.startswith("."):
            continue  # never entered, never a data file
        if entry.is_symlink():
            return False
        if entry.is_dir(follow_symlinks=False) and not _walk_folders(base, f"{rel}/{entry.name}", found):
            return False
    return True


def _lstat_all(folder: str, names: list[str]) -> list[os.stat_result]:
    """The lstat of each of the files `names` of `folder` (through the folder's descriptor
    where the system allows it: a third faster than a full path each)."""
    if _BY_DIR_FD and names:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0))
        try:
            stat = os.stat
            return [stat(name, dir_fd=fd, follow_symlinks=False) for name in names]
        finally:
            os.close(fd)
    join, lstat = os.path.join, os.lstat
    return [lstat(join(folder, name)) for name in names]


_BY_DIR_FD = os.stat in os.supports_dir_fd and os.stat in os.supports_follow_symlinks and hasattr(os, "O_DIRECTORY")


# ---------------------------------------------------------------- the launcher's index

# What the launcher (cli/launch.py) replays a run by, before the command line app is even
# imported: a hash of the raw invocation — the command line as typed, the current folder, the
# environment variables that change what the CLI does or prints, whether stdout and stderr
# are terminals, the terminal's size, the program and today — names a small index file,
# `invocations/run-<key>`, that the full run of the same invocation wrote: the repo root it
# found, the command, and the options it built. The launcher then looks the memo up as the
# full run would (`Run.replay`), the root and the paths typed resolved again first.
INVOCATION_ENV = ("DXTRACK_LANG", "NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE", "TERM", "COLUMNS", "LINES",
                  "GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "CI")  # the colour ones: cli.common.use_color
QUIET_ENV = ("DXTRACK_CACHE_TRACE",)  # a DXTRACK_ variable that changes nothing the CLI prints
INVOCATIONS = "invocations"
KEEP_INVOCATIONS = 64

# The invocation the launcher looked up, for the one full run that follows it in this process
# (set and cleared by dxtrack.api.invocation): {"key", "command", "repo", "paths", "found"}.
LAUNCH: dict[str, Any] = {}


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream is not None and stream.isatty())
    except (AttributeError, ValueError, OSError):  # a closed or odd stream
        return False


def invocation_key(argv: list[str], today: date) -> str:
    """The hash of a raw invocation of dxtrack (see above); `argv` as typed after the program's name."""
    import shutil

    env = sorted((name, value) for name, value in os.environ.items()
                 if name in INVOCATION_ENV or (name.startswith("DXTRACK_") and name not in QUIET_ENV))
    raw = (environment(), list(argv), os.getcwd(), env, _isatty(sys.stdout), _isatty(sys.stderr),
           tuple(shutil.get_terminal_size((80, 24))), today.isoformat())
    return hashlib.sha256(repr(raw).encode("utf-8", "surrogateescape")).hexdigest()[:32]


def _invocations_folder(create: bool) -> Path | None:
    """The folder of the index files: in the user's cache folder, the user's, no one else may write."""
    top = cache_folder()
    if top is None:
        return None
    folder = top / INVOCATIONS
    try:
        if create:
            os.makedirs(folder, mode=0o700, exist_ok=True)
        for path in (top, folder):
            st = os.lstat(path)
            if not stat_mod.S_ISDIR(st.st_mode) or _not_ours(st):
                return None
    except OSError:
        return None
    return folder


def _from_json(body: bytes) -> Any:
    return json.loads(body.decode("utf-8"))


def _to_json(payload: Any) -> bytes:
    return json.dumps(payload, ensure_ascii=False, sort_keys=True).encode("utf-8")


def read_invocation(key: str) -> dict | None:
    """The index entry of invocation `key` (JSON: nothing in it is code), or None."""
    folder = _invocations_folder(create=False)
    entry = read_payload(folder / f"run-{key}", decode=_from_json) if folder is not None else None
    if not isinstance(entry, dict) or not isinstance(entry.get("options"), dict):
        return None
    return entry


def write_invocation(key: str, entry: dict) -> bool:
    """Store the index entry of invocation `key` (the newest KEEP_INVOCATIONS are kept). An
    entry whose options do not come back the same from JSON is not written."""
    try:
        options = entry["options"]
        if {k: repr(v) for k, v in _from_json(_to_json(options)).items()} != {k: repr(v) for k, v in options.items()}:
            return False
    except (TypeError, ValueError):
        return False
    folder = _invocations_folder(create=True)
    if folder is None or not write_payload(folder, f"run-{key}", entry, encode=_to_json):
        return False
    _prune(folder, "run-", KEEP_INVOCATIONS)
    return True


_FIELDS: dict[type, tuple[str, ...] | None] = {}


def _fields_of(cls: type) -> tuple[str, ...] | None:
    """The names of the fields of a Document class but `source`, in order; None if it is not
    a dataclass with a `source` field."""
    if cls not in _FIELDS:
        import dataclasses

        names = [f.name for f in dataclasses.fields(cls)] if dataclasses.is_dataclass(cls) else []
        _FIELDS[cls] = tuple(n for n in names if n != "source") if "source" in names else None
    return _FIELDS[cls]


def _pack(doc: Document) -> Any:
    """A Document as a chunk stores it: its class and the values of its fields but the source,
    which each run puts back as discovery saw it (unpickling a SourceFile and a frozen
    dataclass's state is a third of the time of loading a Document otherwise). One with
    attributes besides its fields is stored whole."""
    names = _fields_of(type(doc))
    if names is None or set(getattr(doc, "__dict__", ())) - {"source", *names}:
        return doc
    return (type(doc), tuple(getattr(doc, name) for name in names))


def _unpack(stored: Any, source: SourceFile) -> Document | None:
    """The Document `_pack` stored, with `source` (None if it is not one)."""
    if isinstance(stored, tuple) and len(stored) == 2:
        cls, values = stored
        names = _fields_of(cls) if isinstance(cls, type) else None
        if names is None or len(names) != len(values):
            return None
        doc = object.__new__(cls)
        object.__setattr__(doc, "source", source)
        for name, value in zip(names, values, strict=True):
            object.__setattr__(doc, name, value)
        return doc
    if stored is None or _fields_of(type(stored)) is None:
        return None
    object.__setattr__(stored, "source", source)  # our own fresh copy: what discovery saw now
    return stored


# ---------------------------------------------------------------- one run

class Run:
    """One run of `check` or `status` with the cache: the files discovered once, the memo
    looked up (`replay`), the per-file results reused (`documents`, called by check_repo),
    and both stored (`save_files`, `save_memo`).

    A repo's cache is a folder named by the hash of its root: `memo-<key>` files (one per
    command and options, the newest KEEP_MEMOS kept) and `files-<chunk>` files, each the
    per-file results of the files of one folder (or a part of a big one), so that one
    changed file rewrites one chunk."""

    def __init__(self, root: Path, command: str, options: dict, today: date, *, memo: bool = True):
        self.root = root
        self.today = today
        self.started_ns = time.time_ns()  # before any stat is taken: what "read at" means below
        self.memo = memo
        self.id = repo_id(root)
        self.folder = self._repo_folder(root)
        self.key = (environment(), str(root), command, tuple(sorted((k, repr(v)) for k, v in options.items())),
                    today.isoformat())
        self.memo_name = f"memo-{hashlib.sha256(repr(self.key).encode()).hexdigest()[:24]}"
        self._sources: list[SourceFile] | None = None  # discovered when first asked for (a replay may not need it)
        self._snapshot: list[tuple[tuple, tuple | None]] | None = None
        self._snapshot_digest: bytes | None = None
        self.memo_ok = True  # false when something was refused by the system (it may pass next time)
        self.evidence: list[tuple[str, tuple]] | None = None
        self._entries: dict[str, tuple] = {}  # rel → (source key, stat key, hash, read at), as stored next
        self._docs: dict[str, Document] = {}  # rel → Document, of the files in _entries
        self._chunk_of: dict[str, str] = {}  # rel → its chunk's name
        self._stored_chunks: dict[str, dict | None] = {}  # chunk name → what its file held (None: nothing usable)
        self._changed: set[str] = set()  # chunks to write again
        self.verdict = "none"  # what the memo's tree said (see replay)
        STATS.clear()
        STATS.update(memo="miss", reused=0, checked=0, files_written=0, memo_written=False, tree="none",
                     tree_written=False, launch=None)

    @property
    def sources(self) -> list[SourceFile]:
        """Every file of the repo (`discover`), found the first time it is asked for."""
        if self._sources is None:
            self._sources = discover(self.root)
        return self._sources

    @property
    def snapshot(self) -> list[tuple[tuple, tuple | None]]:
        """(source key, stat key) of every discovered file."""
        if self._snapshot is None:
            self._snapshot = [(source_key(s), stat_key(source_stat(self.root, s))) for s in self.sources]
        return self._snapshot

    def _repo_folder(self, root: Path) -> Path | None:
        top = usable_folder(root, create=True)
        if top is None:
            return None
        folder = top / self.id
        try:
            os.makedirs(folder, mode=0o700, exist_ok=True)
            st = os.lstat(folder)
        except OSError:
            return None
        return folder if stat_mod.S_ISDIR(st.st_mode) and not _not_ours(st) else None

    # -------- the memo

    def replay(self) -> Outcome | None:
        """The stored outcome of this command, if nothing it depends on changed.

        The file list and the files' stat data are compared without discovering the repo
        again when the memo's tree (see `_tree`) says no folder changed; else by discovering it."""
        if self.folder is None or not self.memo:
            return None
        stored = read_payload(self.folder / self.memo_name)
        if not isinstance(stored, dict) or stored.get("key") != self.key:
            return None
        verdict = self.verdict = self._tree_verdict(stored.get("tree"))
        STATS["tree"] = verdict
        if verdict == "stale" or (verdict != "same" and stored.get("files") != self._digest()):
            return None
        for rel, digest in stored["racy"]:
            if file_hash(self.root, rel) != digest:
                return None
        for rel, signature in stored["evidence"]:
            if evidence_signature(self.root, rel) != signature:
                return None
        STATS["memo"] = "hit"
        if verdict != "same":  # proved by discovering: a tree for the next run, if one can be trusted now
            tree = self._tree()
            if tree is not None and write_payload(self.folder, self.memo_name, {**stored, "tree": tree}):
                STATS["tree_written"] = True
        return stored["outcome"]

    def _tree(self) -> dict | None:
        """What lets the next run trust the file list without discovering it again: every folder
        discovery walks (the root, plans/, activities/ and the folders under them) with its stat
        data — a folder's mtime and ctime change when an entry is added, removed or renamed in
        it — and every file's path and stat data. None when it cannot be trusted: a folder
        changed within RACY_NS of the start of this run (or in the future), a symbolic link
        where discovery would look (its target may change kind), a file or folder that could
        not be read."""
        try:
            return self._make_tree()
        except Exception:  # never worth failing a run for: the next one discovers
            return None

    def _make_tree(self) -> dict | None:
        snapshot = self.snapshot
        if any(s.kind == "unreadable" or getattr(s, "link_above", False) for s in self.sources):
            return None
        if any(stkey is None or stat_mod.S_ISLNK(stkey[0]) for _skey, stkey in snapshot):
            return None
        base = os.fspath(self.root)
        folders: list[tuple[str, tuple | None]] = []
        try:
            folders.append(("", stat_key(os.lstat(base))))
            for name in (SETTINGS_FILE, UNITS_FILE, PLANS_DIR, ACTIVITIES_DIR):
                with _quiet():
                    if stat_mod.S_ISLNK(os.lstat(os.path.join(base, name)).st_mode):
                        return None
            for top in (PLANS_DIR, ACTIVITIES_DIR):
                if os.path.isdir(os.path.join(base, top)) and not _walk_folders(base, top, folders):
                    return None
        except OSError:
            return None
        if any(key is None or is_racy(key, self.started_ns) for _rel, key in folders):
            return None
        names: dict[str, list[str]] = {rel: [] for rel, _key in folders}
        stats: dict[str, list[tuple | None]] = {rel: [] for rel, _key in folders}
        for skey, stkey in snapshot:
            folder, _, name = skey[0].rpartition("/")
            if folder not in names:
                return None  # not in a folder walked: discovery and this walk disagree (a change since)
            names[folder].append(name)
            stats[folder].append(stkey)
        return {"folders": [(rel, key, names[rel]) for rel, key in folders],
                "stats": [st for rel, _key in folders for st in stats[rel]]}

    def _tree_verdict(self, tree: Any) -> str:
        """What the memo's tree says of the repo now: "same" (no folder changed and every file
        has the stat data it had), "stale" (a file's stat data changed, or it is gone: the memo
        is of another content), "changed" (a folder changed: discovery must tell whether the
        file list did), "none" (no tree to tell by)."""
        if not isinstance(tree, dict):
            return "none"
        try:
            base = os.fspath(self.root)
            expected = iter(tree["stats"])
            folder_changed = False
            for rel, key, names in tree["folders"]:
                path = os.path.join(base, rel) if rel else base
                try:
                    folder_changed = folder_changed or stat_key(os.lstat(path)) != key
                except OSError:
                    return "changed"  # a folder gone: discovery tells whether a file went with it
                try:
                    found = _lstat_all(path, names)
                except OSError:
                    return "stale"  # a file of the memo is gone, or cannot be seen
                for st in found:
                    if stat_key(st) != next(expected):
                        return "stale"  # a file of the memo has other stat data: a miss, whatever else changed
            if next(expected, None) is not None:
                return "none"
        except Exception:  # a tree not as this version writes it: discovery tells
            return "none"
        return "changed" if folder_changed else "same"

    def _digest(self) -> bytes:
        """A hash of the file list and every file's stat data (a pickle of the same values is
        the same bytes; if it ever were not, the memo would miss, never hit wrongly)."""
        if self._snapshot_digest is None:
            self._snapshot_digest = hashlib.blake2b(pickle.dumps(self.snapshot, protocol=PICKLE_PROTOCOL),
                                                    digest_size=32).digest()
        return self._snapshot_digest

    def note_evidence(self, paths: Iterable[str]) -> None:
        """The evidence paths the records name, seen before link checks them (a file added
        after this is a change the next run sees)."""
        self.evidence = [(rel, evidence_signature(self.root, rel)) for rel in sorted(set(paths))]

    def save_memo(self, outcome: Outcome) -> None:
        """Store `outcome` of a run that completed (exit 0 or 1) and was not refused anything."""
        if self.folder is None or not self.memo or not self.memo_ok or self.evidence is None:
            return
        if outcome[2] not in (0, 1):  # a setup error: told again, never replayed
            return
        racy = []
        for skey, stkey in self.snapshot:
            entry = self._entries.get(skey[0])
            if stkey is not None and entry is not None and is_racy(stkey, entry[3]):
                racy.append((skey[0], entry[2]))
        payload = {"key": self.key, "files": self._digest(), "racy": racy, "evidence": self.evidence,
                   "outcome": (str(outcome[0]), str(outcome[1]), int(outcome[2])), "tree": self._tree()}
        if write_payload(self.folder, self.memo_name, payload):
            STATS["memo_written"] = True
            _prune(self.folder, "memo-")

    # -------- per-file results

    def _chunk_names(self) -> list[str]:
        """The chunk of each discovered file: its folder, split by a hash of the name into
        parts of about CHUNK_FILES files."""
        folders = [s.rel.rsplit("/", 1)[0] if "/" in s.rel else "" for s in self.sources]
        counts: dict[str, int] = {}
        for folder in folders:
            counts[folder] = counts.get(folder, 0) + 1
        names = []
        for source, folder in zip(self.sources, folders, strict=True):
            buckets = 1 + counts[folder] // CHUNK_FILES
            part = zlib.crc32(source.rel.encode("utf-8", "surrogateescape")) % buckets if buckets > 1 else 0
            names.append(f"{folder}#{part}")
        return names

    @staticmethod
    def _file_name(chunk: str) -> str:
        return "files-" + hashlib.sha256(chunk.encode("utf-8", "surrogateescape")).hexdigest()[:24]

    def _chunk(self, name: str) -> dict | None:
        """What the file of chunk `name` holds: {"entries": {rel: entry}, "docs": {rel: Document, packed}}."""
        if name not in self._stored_chunks:
            stored = read_payload(self.folder / self._file_name(name)) if self.folder is not None else None
            ok = isinstance(stored, dict) and stored.get("key") == self.key[:2] and stored.get("chunk") == name
            self._stored_chunks[name] = stored if ok else None
        return self._stored_chunks[name]

    def documents(self, check: Callable[[Path, SourceFile], tuple[Document, bytes | None]]) -> list[Document]:
        """The Document of every discovered file: the stored one where the file is unchanged,
        else `check(root, source)` → (Document, content hash or None if not read)."""
        found = []
        for source, (skey, stkey), chunk_name in zip(self.sources, self.snapshot, self._chunk_names(), strict=True):
            rel = source.rel
            self._chunk_of[rel] = chunk_name
            chunk = self._chunk(chunk_name) if stkey is not None else None
            entry = chunk["entries"].get(rel) if chunk else None
            doc = None
            if chunk and stkey is not None and entry is not None and entry[0] == skey and entry[1] == stkey:
                seen_ns = entry[3]
                if is_racy(stkey, seen_ns):  # verified by content; then it was read just now
                    seen_ns = self.started_ns if file_hash(self.root, rel) == entry[2] else None
                    self._changed.add(chunk_name)
                if seen_ns is not None:
                    doc = _unpack(chunk["docs"].get(rel), source)  # with what discovery saw now
                if doc is not None:
                    self._entries[rel] = (skey, stkey, entry[2], seen_ns)
                    STATS["reused"] += 1
            if doc is None:
                doc, digest = check(self.root, source)
                STATS["checked"] += 1
                self._changed.add(chunk_name)
                if any(f.code == "DX115" for f in doc.findings):
                    self.memo_ok = False  # the system refused a read: it may not next time
                elif digest is not None and stkey is not None:
                    self._entries[rel] = (skey, stkey, digest, self.started_ns)
            if rel in self._entries:
                self._docs[rel] = doc
            found.append(doc)
        return found

    def save_files(self) -> None:
        """Store the per-file results of the chunks that changed (a file checked again, added
        or gone, a recent one verified), and remove the files of chunks no longer there."""
        if self.folder is None:
            return
        members: dict[str, list[str]] = {}
        for rel, name in self._chunk_of.items():
            members.setdefault(name, [])
            if rel in self._entries:
                members[name].append(rel)
        for name, rels in members.items():
            stored = self._stored_chunks.get(name)
            if name not in self._changed and stored is not None and set(stored["entries"]) == set(rels):
                continue
            payload = {"key": self.key[:2], "chunk": name, "entries": {r: self._entries[r] for r in rels},
                       "docs": {r: _pack(self._docs[r]) for r in rels}}
            if write_payload(self.folder, self._file_name(name), payload):
                STATS["files_written"] += 1
        wanted = {self._file_name(name) for name in members}
        with _quiet():
            for name in os.listdir(self.folder):
                if name.startswith("files-") and name not in wanted:
                    os.unlink(self.folder / name)

    def trace(self) -> None:
        """Append STATS to the file DXTRACK_CACHE_TRACE names (for the tests), if any."""
        path = os.environ.get("DXTRACK_CACHE_TRACE")
        if path:
            loaded = [name for name in ("typer", "click", "pydantic", "yaml", "rich") if name in sys.modules]
            with _quiet(), open(path, "a", encoding="utf-8") as handle:
                handle.write(json.dumps({**STATS, "loaded": loaded}) + "\n")
