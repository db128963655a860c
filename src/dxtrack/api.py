"""dxtrack as a library: the one surface the CLI, the tests of whole commands and Python
users call. Data goes one way (see docs/architecture.md); words are made only by the
functions that take `lang=` ("vi" or "en"; None keeps the language the caller bound).

Load and check
    load_repo(root=None, today=None) -> Repo        discover → read → load → validate → link
    check(repo, paths=None, changed_since=None)     the findings, filtered to paths / a git diff
    has_errors(findings)                            whether any is an error (exit code 1)
    run_command(command, root, options, make)       make(repo) → (stdout, stderr, exit code), cached
    invocation(argv, command, repo, paths)          (the launcher) a whole run replayed before the app loads

Evaluate (data, no words)
    evaluate(repo, as_of=None, phase=None) -> Status  every unit × requirement in a phase, reasons as data
    default_as_of(repo, phase=None)                 today, but inside the (current) phase
    find_unit(repo, query) -> Unit                  by id, id prefix or name
    unit_detail(repo, status, query)                one unit: status, plan tasks, months, recent records
    diff(repo, rev1, rev2=None, phase, as_of, unit) -> Delta   the status at two git revisions, compared
    due(repo, days=30, unit=None, phase=None, as_of=None) -> DueList
                                                    what is overdue or falls due within `days`, per unit
    status_page(repo, status, unit=None, output=None)   what the HTML page shows beside the status: every
                                                    unit in detail, what falls due, the git commit
    git_revision(root, ignore=None)                 {commit, dirty} of the git work tree, None without git
    requirements(ids=None), thresholds(root)        the catalog, this repo's thresholds

Words (renderers, the report)
    formats(what), render(what, fmt, *data, lang=)  what: findings | status | unit | requirements | due
    default_check_format()                          github inside GitHub Actions, else text
    report(repo, ReportOptions(...), fmt, lang=)    the result report, Markdown, .docx or .pdf bytes
    report_output(repo, options, fmt, lang=) -> ReportOutput   the same bytes, what is left blank, the profile
    report_format(fmt, output), report_profile(name)   the format and the layout profile asked for, checked
                                                    before any work (a suffix it cannot write, no LibreOffice)
    codeowners(repo, lang=), job_summary(...)       CODEOWNERS text; the Actions job summary
    status_delta(repo, ref) -> Delta                the status at a git revision against the working tree

Write into a repo
    draft_record(repo, kind, values)                what `new` would write (nothing written)
    check_field(repo, kind, name, value, unit=None) what `check` finds in one field's value (a prompt's answer)
    fields(kind), field_spec(kind, name), missing_fields(kind, values), code_labels(list, lang)
    format_files(root, paths), init_repo(folder, organization, force, ci=, source=)
    export_xlsx(repo, template=False, lang=) -> Exported   the workbook of `export xlsx` (or its blank template)
    plan_import(repo, path, lang=) -> ImportPlan   what `import FILE.xlsx` would write, skip, and find wrong
    write_import(repo, plan) -> list[str]          write the files of an ImportPlan (nothing over a file)
    schemas(), write_schemas(out), write_file(path, data, force)

Small helpers of the commands
    repo_root(root), repo_relative(root, path), is_under(rel, wanted)   paths typed by a user
    completion_ids(root, what), completion_codes(list)   what shell completion offers: unit or phase
                                                    ids read quickly (slugs only), the codes of a list
    read_date(text), date_problem(text)             a typed date; why it names no day
    system_problem(os_error)                        what the system refused, as message params

Errors: problems in the user's files are findings (values); a problem of setup (no repo,
a bad option) raises SetupError(key, **params), which the CLI words and exits 2 on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from dxtrack.check.discover import SETTINGS_FILE, find_root
from dxtrack.errors import SetupError

if TYPE_CHECKING:  # the types of the results; imported by the functions that make them, when called
    from dxtrack.catalog import Requirement
    from dxtrack.check.cache import Run
    from dxtrack.check.document import Repo  # at run time, __getattr__ below gives them
    from dxtrack.check.findings import Finding
    from dxtrack.evaluate.delta import Delta
    from dxtrack.evaluate.detail import UnitDetail
    from dxtrack.evaluate.due import DueList
    from dxtrack.evaluate.status import Status
    from dxtrack.models import Thresholds, Unit
    from dxtrack.models.fields import FieldSpec
    from dxtrack.render.codeowners import Codeowners
    from dxtrack.report import ReportOutput
    from dxtrack.report.build import ReportOptions  # at run time, __getattr__ below gives it
    from dxtrack.sheets.export import Exported
    from dxtrack.sheets.rows import ImportPlan
    from dxtrack.write.fmt import Formatted
    from dxtrack.write.record import Draft
    from dxtrack.write.scaffold import Created

__all__ = [
    "Repo", "Finding", "SetupError", "ReportOptions",
    "load_repo", "run_command", "invocation", "check", "has_errors", "evaluate", "default_as_of", "find_unit",
    "unit_detail", "due", "status_page", "git_revision",
    "requirements", "thresholds", "formats", "default_check_format", "render", "report",
    "report_output", "report_format", "report_profile", "codeowners",
    "job_summary", "status_delta", "diff", "format_files", "init_repo", "schemas", "write_schemas", "write_file",
    "system_problem", "read_date", "date_problem", "check_field",
    "repo_root", "repo_relative", "is_under", "completion_ids", "completion_codes",
    "export_xlsx", "plan_import", "write_import",
]


if not TYPE_CHECKING:  # hidden from the type checker, which would take any `api.name` for it

    def __getattr__(name: str):
        # ReportOptions lives with the report, Repo and Finding with the check; imported only
        # when asked for (a cached run answers without the models: see run_command)
        if name == "ReportOptions":
            from dxtrack.report.build import ReportOptions

            return ReportOptions
        if name == "Repo":
            from dxtrack.check.document import Repo

            return Repo
        if name == "Finding":
            from dxtrack.check.findings import Finding

            return Finding
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def load_repo(root: Path | None = None, today: date | None = None, *, run: Run | None = None,
              progress: Callable[[int, int], None] | None = None) -> Repo:
    """Load, validate and link every file of the repo at `root` (found from cwd if None);
    `run`, a cache run (see run_command), reuses the results of unchanged files; `progress`
    is told (files checked, files in all) as each file is read."""
    from dxtrack.check import check_repo

    return check_repo(repo_root(root), today or _today(), run, progress)


def _today() -> date:
    """Today: the date a check and a status depend on (one place, for the tests)."""
    return date.today()


Outcome = tuple[str, str, int]  # (stdout, stderr, exit code) of a command


def run_command(command: str, root: Path | None, options: dict, make: Callable[[Repo], Outcome],
                cache: bool = True, memo: bool = True, lang: str | None = None,
                progress: Callable[[int, int], None] | None = None) -> Outcome:
    """(stdout, stderr, exit code) of `command` on the repo at `root`: `make(repo)` on the
    loaded repo, through the cache (docs/cache.md) unless `cache` is false or DXTRACK_NO_CACHE
    is set. The whole outcome is replayed when nothing it depends on changed (the files and
    their stat data, the evidence named, the versions, `options` — which must hold everything
    else the output depends on —, the date); else unchanged files' results are reused, and
    with `memo` false only those. DXTRACK_CACHE_CHECK=1 runs it both cached and uncached and,
    if they differ, says so on stderr (in `lang`) with exit code 3. `progress` is told as
    each file is read (see load_repo)."""
    from dxtrack.check import cache as store

    root = repo_root(root)
    today = _today()
    if not cache or store.disabled():
        store.STATS.clear()
        store.STATS.update(memo="off", reused=0, checked=0, files_written=False, memo_written=False)
        return make(load_repo(root, today, progress=progress))
    cached = _run_cached(command, root, options, make, today, memo, progress)
    if not store.check_mode():
        return cached
    plain = make(load_repo(root, today))
    if plain == cached:
        return plain
    from dxtrack.i18n import language, t

    parts = [name for name, a, b in zip(("stdout", "stderr", "exit code"), cached, plain, strict=True) if a != b]
    with language(lang):
        message = t("cache.mismatch", command=command, parts=", ".join(parts), cached=cached[2], plain=plain[2])
    return plain[0], plain[1] + message + "\n", 3


def _run_cached(command: str, root: Path, options: dict, make: Callable[[Repo], Outcome], today: date,
                memo: bool, progress: Callable[[int, int], None] | None) -> Outcome:
    from dxtrack.check import cache as store

    launch = dict(store.LAUNCH)  # the invocation the launcher looked up, if it did: for this one run
    store.LAUNCH.clear()
    run = store.Run(root, command, options, today, memo=memo)
    store.STATS["launch"] = "miss" if launch else None
    looked = launch.get("run")
    if isinstance(looked, store.Run) and (looked.key, looked.memo, looked.folder) == (run.key, run.memo, run.folder):
        run = looked  # the launcher's look-up of this very run missed: its discovery is this run's
        store.STATS["tree"] = run.verdict
    try:
        replayed = run.replay() if run is not looked else None
        if replayed is not None:
            _note_invocation(launch, run, command, root, options)
            return replayed
        outcome = make(load_repo(root, today, run=run, progress=progress))
        run.save_memo(outcome)
        if store.STATS.get("memo_written"):
            _note_invocation(launch, run, command, root, options)
        return outcome
    finally:
        run.trace()


@contextmanager
def invocation(argv: list[str], command: str, repo: str | None, paths: list[str]) -> Iterator[Outcome | None]:
    """For the launcher (`cli/launch.py`), before the command line app is imported: the
    outcome of an earlier run of exactly this invocation of `command` (`argv` as typed after
    the program's name, with the current folder, the environment, the terminals and today:
    see docs/cache.md), if nothing it depends on changed; else None, and the `run_command`
    of the full run made inside the block records the invocation for the next time. `repo`
    and `paths` are the --repo and PATH arguments as typed (resolved again here: a repo found
    from another folder, a path gone, is no replay). Imports nothing heavy; never raises (a
    cache that cannot tell is None)."""
    from dxtrack.check import cache as store

    try:
        outcome = _replay_invocation(argv, command, repo, paths)
    except Exception:  # the shortcut is never worth a crash: the full run tells
        outcome = None
    try:
        yield outcome
    finally:
        store.LAUNCH.clear()


def _replay_invocation(argv: list[str], command: str, repo: str | None, paths: list[str]) -> Outcome | None:
    from dxtrack.check import cache as store

    store.LAUNCH.clear()
    store.STATS.clear()  # what this run did, told by the Run made below, if any
    if store.disabled() or store.check_mode():
        return None
    today = _today()
    key = store.invocation_key(argv, today)
    store.LAUNCH.update(key=key, command=command, repo=repo, paths=list(paths), found=None)
    entry = store.read_invocation(key)
    if entry is None:
        return None
    store.LAUNCH["found"] = entry
    if (entry.get("command"), entry.get("repo"), entry.get("paths")) != (command, repo, list(paths)):
        return None
    root = repo_root(Path(repo) if repo is not None else None)
    if entry.get("root") != str(root) or entry.get("resolved") != [repo_relative(root, Path(p)) for p in paths]:
        return None
    run = store.Run(root, command, entry["options"], today)
    replayed = run.replay()
    if replayed is None:
        store.LAUNCH["run"] = run  # the full run that follows need not look again, nor discover again
        return None
    store.STATS["launch"] = "hit"
    run.trace()
    return replayed


def _note_invocation(launch: dict, run: Run, command: str, root: Path, options: dict) -> None:
    """Record where the invocation the launcher looked up led (the root, the command, its
    options), so that its next run is replayed by the launcher; nothing if the launcher's
    reading of the command line is not what the command made of it."""
    from dxtrack.check import cache as store

    if not launch or launch.get("command") != command or run.folder is None or not run.memo:
        return
    typed = launch["repo"]
    try:
        if repo_root(Path(typed) if typed is not None else None) != root:
            return
        resolved = [repo_relative(root, Path(p)) for p in launch["paths"]]
    except (SetupError, OSError):
        return
    if options.get("paths", []) != resolved:
        return
    entry = {"command": command, "root": str(root), "repo": typed, "paths": launch["paths"], "resolved": resolved,
             "options": options}
    if entry != launch.get("found"):
        store.write_invocation(launch["key"], entry)


def check(repo: Repo, paths: list[Path] | None = None, changed_since: str | None = None) -> list[Finding]:
    """The findings of the repo, or only those in files under `paths` and changed since
    the git revision `changed_since` (cross-file rules still apply to the whole repo)."""
    found = list(repo.findings)
    if paths:
        wanted = [repo_relative(repo.root, p) for p in paths]
        found = [f for f in found if is_under(f.file, wanted)]
    if changed_since:
        from dxtrack.check.changed import changed_files

        changed = changed_files(repo.root, changed_since)
        found = [f for f in found if f.file in changed]
    return found


def repo_root(root: Path | None) -> Path:
    """The repo at `root`, or the first one above it (or above the current folder if None)."""
    if root is not None and (Path(root) / SETTINGS_FILE).is_file():
        return Path(root).resolve()
    return find_root(root)


def is_under(rel: str, wanted: list[str]) -> bool:
    """Whether the repo path `rel` is one of `wanted` or inside one (all of it if none)."""
    return not wanted or any(w in ("", ".") or rel == w or rel.startswith(w + "/") for w in wanted)


def repo_relative(root: Path, path: Path) -> str:
    """`path` (as typed, from the current folder) relative to the repo root, POSIX."""
    from dxtrack.errors import SetupError

    full = (Path.cwd() / path).resolve() if not Path(path).is_absolute() else Path(path).resolve()
    if not full.exists() or not full.is_relative_to(root):
        raise SetupError("setup.bad_path", value=str(path))
    return full.relative_to(root).as_posix()


def default_as_of(repo: Repo, phase: str | None = None) -> date:
    """Today, but inside the phase (by default the current one): after it ends, its end."""
    from dxtrack.evaluate import default_as_of as as_of

    return as_of(repo, phase)


def evaluate(repo: Repo, as_of: date | None = None, phase: str | None = None) -> Status:
    """The Status of every unit in a phase at `as_of` (see dxtrack.evaluate and
    dxtrack.evaluate.window: `phase` an id, else the phase `as_of` or today picks)."""
    from dxtrack.evaluate import evaluate as run

    return run(repo, as_of, phase)


def find_unit(repo: Repo, query: str) -> Unit:
    """The unit of `repo` that `query` names: its id, a unique id prefix, or (part of) its
    name; else a SetupError (with the closest id as a hint)."""
    from dxtrack.models.lookup import find_unit as find

    return find(repo.units, query)


def unit_detail(repo: Repo, status: Status, query: str) -> UnitDetail:
    """One unit in detail at the status's date: its status, plan tasks, months, recent records."""
    from dxtrack.evaluate.detail import unit_detail as detail

    return detail(repo, status, find_unit(repo, query))


def due(repo: Repo, days: int = 30, unit: str | None = None, phase: str | None = None,
        as_of: date | None = None) -> DueList:
    """What is open in a phase (`phase` an id, else the one `as_of` or today picks; see
    dxtrack.evaluate.window) at `as_of` (default today, inside the phase): overdue, or due
    within `days` days ahead, of every unit or of the one `unit` names (as `find_unit`
    reads it); see dxtrack.evaluate.due. A bad phase, day, unit or a negative `days` is a
    SetupError."""
    from dxtrack.evaluate import require_loaded
    from dxtrack.evaluate.due import due_items
    from dxtrack.evaluate.window import window

    require_loaded(repo)
    unit_id = find_unit(repo, unit).id if unit is not None else None
    return due_items(repo, window(repo, phase, as_of), days, unit_id)  # a unit not in the phase: SetupError


def status_page(repo: Repo, status: Status, unit: str | None = None, output: Path | None = None,
                days: int = 30) -> dict:
    """The keyword arguments of the HTML page (`render("status", "html", status, **these)`,
    or `render("unit", "html", detail, status, **these)` with `unit`) beyond the status:
    `details` (the UnitDetail of every unit the status lists, or of the one `unit` names),
    `due` (the DueList of the status's phase at its `as_of`, `days` ahead: what falls due),
    `revision` (`git_revision` of the repo, leaving out `output`, the page being written) and
    `templates` (the repo's root, whose `templates/status.html.j2` would win)."""
    from dxtrack.evaluate import records_by_unit
    from dxtrack.evaluate.detail import unit_detail as detail

    chosen = [find_unit(repo, unit)] if unit is not None else [u.unit for u in status.units]
    phase = status.phase.id if status.phase is not None else None
    records = records_by_unit(repo)  # once, not once a unit
    return {"details": [detail(repo, status, u, recent=8, records=records) for u in chosen],
            "due": due(repo, days, unit, phase, status.as_of),
            "revision": git_revision(repo.root, output), "templates": repo.root}


def git_revision(root: Path, ignore: Path | None = None) -> dict | None:
    """`{commit, dirty}` of the git work tree holding the tracker at `root`: the short hash of
    HEAD and whether the tracker's files differ from it (`ignore`, a file, left out); None
    when there is no git to ask (not installed, not a work tree, no commit). Never raises."""
    from dxtrack.check.changed import work_tree_revision

    return work_tree_revision(Path(root), ignore)


# ---------------------------------------------------------------- words and files, for the commands
# Everything below makes words (in the `lang` given; None keeps the language bound by the
# caller, Vietnamese by default) or writes files. The CLI calls only these.

def has_errors(findings: list[Finding]) -> bool:
    """Whether any finding is an error (warnings leave the exit code 0)."""
    from dxtrack.check.findings import has_errors as errors

    return errors(findings)


def formats(what: str) -> list[str]:
    """The --format names of an output: findings, status, unit, requirements, due."""
    from dxtrack.render import formats as names

    return names(what)


def work_tree_prefix(root: Path) -> str:
    """The tracker's folder from the top of the git work tree holding it ("" at the top, or
    when it is in none, or git cannot tell): what the CI formats name files from."""
    from dxtrack.check.changed import work_tree_prefix as prefix

    return prefix(root)


def default_check_format() -> str:
    """`github` inside GitHub Actions, else `text`."""
    from dxtrack.render.findings import default_format

    return default_format()


def render(what: str, fmt: str, *data: object, lang: str | None = None, **options: object) -> str:
    """Output `what` of `data` in format `fmt` (one of `formats(what)`, else a SetupError):
    `render("status", "json", status)`, `render("findings", "text", findings, files)`. Text, but
    for a format that makes a file (`status`/`unit` in xlsx: the workbook's bytes)."""
    from dxtrack.errors import SetupError
    from dxtrack.render import renderer

    if fmt not in formats(what):
        raise SetupError("setup.bad_format", value=fmt, choices=", ".join(formats(what)))
    return renderer(what, fmt)(*data, lang=lang, **options)


def requirements(ids: list[str] | None = None) -> list[Requirement]:
    """The catalog's requirements (only `ids`, in catalog order, when given; an unknown id is a
    SetupError)."""
    from dxtrack.catalog import load_catalog
    from dxtrack.errors import SetupError

    catalog = list(load_catalog())
    known = [r.id for r in catalog]
    for wanted in ids or []:
        if wanted not in known:
            raise SetupError("requirements.unknown", value=wanted, choices=", ".join(known))
    return [r for r in catalog if not ids or r.id in ids]


def thresholds(root: Path | None = None) -> Thresholds:
    """The thresholds of the repo at (or above) `root` if its dxtrack.yaml reads, else the defaults:
    the catalog still shows where there is no repo, or a broken one."""
    from dxtrack.errors import SetupError
    from dxtrack.models import Thresholds

    try:
        repo = load_repo(root)
    except (SetupError, OSError):
        return Thresholds()
    return repo.settings.thresholds if repo.settings else Thresholds()


def report(repo: Repo, options: ReportOptions, fmt: str = "md", lang: str | None = None) -> bytes:
    """The result report of `repo` (`options`: a ReportOptions) as Markdown, .docx or .pdf bytes."""
    return report_output(repo, options, fmt, lang).data


def report_output(repo: Repo, options: ReportOptions, fmt: str = "md", lang: str | None = None) -> ReportOutput:
    """The result report of `repo` as a ReportOutput: its bytes, the settings it leaves
    blank ("number", "signer", "signer_title": a visible blank to fill by hand) and the
    layout profile of a .docx or .pdf (hd36, hd05)."""
    from dxtrack.i18n import language
    from dxtrack.report import FORMATS, render_report, report_period, report_profile

    if fmt not in FORMATS:
        raise SetupError("setup.bad_format", value=fmt, choices=", ".join(FORMATS))
    report_profile(options.profile)
    if repo.settings is None:
        raise SetupError("setup.broken_repo", file="dxtrack.yaml")
    start, end = report_period(repo, options)
    status = evaluate(repo, end, options.phase)
    with language(lang):
        return render_report(repo, status, options, start, fmt)


def report_format(fmt: str | None, output: Path | None) -> str:
    """The format of a report: `fmt`, else the suffix of the file `output`, else md; a
    SetupError for a format or suffix it cannot write (.pdf without LibreOffice), the two at
    odds, or .docx/.pdf with no file. Cheap: call it before any work."""
    from dxtrack.report import report_format as pick

    return pick(fmt, output)


def report_profile(name: str | None) -> str | None:
    """`name` if it names a layout profile of the .docx (hd36, hd05), or None; else a SetupError."""
    from dxtrack.report import report_profile as check

    return check(name)


def codeowners(repo: Repo, lang: str | None = None) -> Codeowners:
    """CODEOWNERS of `repo` (text, and the units without owners); a SetupError if the settings
    or units do not load."""
    from dxtrack.errors import SetupError
    from dxtrack.i18n import language
    from dxtrack.render.codeowners import build

    broken = [d.rel for d in repo.documents if d.source.kind in ("settings", "units") and not d.ok]
    if broken or repo.settings is None:
        raise SetupError("setup.broken_repo", file=(broken or ["dxtrack.yaml"])[0])
    with language(lang):
        return build(repo.settings, list(repo.units))


def job_summary(path: str, repo: Repo, findings: list[Finding], changed_since: str | None = None,
                lang: str | None = None, base: str = "") -> bool:
    """Append the Markdown job summary of a check to the file `path` (GitHub Actions):
    the findings (their files named from the work tree's top: `base`, see `work_tree_prefix`)
    and, with `changed_since`, what the change does to the status. False if the file cannot
    be written."""
    from dxtrack.render.summary import job_summary as summary

    delta = status_delta(repo, changed_since) if changed_since else None
    text = summary(findings, len(repo.documents), changed_since, delta, base=base, lang=lang)
    try:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(text + "\n")
    except OSError:
        return False
    return True


def status_delta(repo: Repo, ref: str) -> Delta | None:
    """What the working tree `repo` does to the status since git revision `ref` (already
    checked, as `check --changed-since` does): both sides evaluated in the current phase at
    the same day and compared (`evaluate.delta.compare`, as `diff` does); a tracker missing or
    broken at `ref` is compared as none there. None when the working tree cannot be evaluated."""
    from dataclasses import replace

    from dxtrack.evaluate.delta import compare

    if _broken_file(repo):
        return None  # a broken units.yaml entry would show its unit as "no longer tracked": say why instead
    try:
        before, after, missing = _statuses(repo, ref, repo, None, None)
    except SetupError:
        return None
    return replace(compare(before, after), from_rev=ref, phase_missing_before=missing == "phase")


def diff(repo: Repo | Path | None, rev1: str, rev2: str | None = None, phase: str | None = None,
         as_of: date | None = None, unit: str | None = None) -> Delta:
    """What the status does from git revision `rev1` to `rev2` (None: the working tree, which
    is `repo`, or the repo loaded from that folder), as an `evaluate.delta.Delta`. `rev1` may be
    a range `A..B`, or `A...B` (from where A and B meet). Both sides are evaluated in one phase
    (`phase`, else the one `as_of` or today picks on the `rev2` side) at one day; a phase missing
    at `rev1` is said in the Delta, and a tracker missing there makes every unit new. `unit`
    (an id or part of a name) keeps only that unit. SetupError: not a git repo, a revision
    that is not there (or that looks like an option), an empty side of a range, a tracker
    missing at `rev2` or broken at either."""
    import tempfile
    from dataclasses import replace

    from dxtrack.check.changed import split_range
    from dxtrack.evaluate.delta import compare

    loaded = load_repo(repo) if repo is None or isinstance(repo, Path) else repo
    if rev2 is None:
        rev1, rev2, meet = split_range(rev1)
    else:
        meet = False
    base = _diff_base(loaded.root, rev1, rev2, meet)
    with tempfile.TemporaryDirectory(prefix="dxtrack-diff-") as tmp:
        after_repo = loaded if rev2 is None else _repo_at(loaded, rev2, Path(tmp))
        before, after, missing = _statuses(loaded, base, after_repo, phase, as_of)
        if missing == "broken":
            raise SetupError("diff.broken_at", rev=rev1)
        shown = base[:12] if meet else rev1  # A...B: from the commit where they meet
        delta = replace(compare(before, after), from_rev=shown, to_rev=rev2, phase_missing_before=missing == "phase")
        return _only_unit(delta, after_repo, unit) if unit else delta


def _broken_file(repo: Repo) -> str | None:
    """dxtrack.yaml or units.yaml when it has an error (its status would mislead), else None."""
    return next((d.rel for d in repo.documents if d.source.kind in ("settings", "units") and not d.ok), None)


@contextmanager
def _diff_words() -> Iterator[None]:
    """git's setup errors in the words of `diff` (the same checks serve `--changed-since`,
    whose words name that option)."""
    try:
        yield
    except SetupError as exc:
        if exc.key in ("setup.not_git_repo", "setup.bad_ref", "setup.git_missing", "setup.git_failed"):
            raise SetupError("diff." + exc.key.removeprefix("setup."), **exc.params) from None
        raise


def _diff_base(root: Path, rev1: str, rev2: str | None, meet: bool) -> str:
    """The revision the before side is read at: `rev1`, or where it meets `rev2` (or HEAD);
    both checked (a name starting with "-" never reaches git as an option)."""
    from dxtrack.check.changed import _check_ref, merge_base

    with _diff_words():
        _check_ref(root, rev1)
        if rev2 is not None:
            _check_ref(root, rev2)
        return merge_base(root, rev1, rev2 or "HEAD") if meet else rev1


def _repo_at(repo: Repo, rev: str, tmp: Path) -> Repo:
    """The tracker at `repo`'s place as it was at git revision `rev` (checked), loaded."""
    from dxtrack.check.changed import materialise

    found = materialise(repo.root, rev, tmp / "after")
    if found is None:
        raise SetupError("diff.no_tracker", rev=rev)
    loaded = load_repo(found, today=repo.today)
    if _broken_file(loaded):
        raise SetupError("diff.broken_at", rev=rev)
    return loaded


def _statuses(repo: Repo, ref: str, after_repo: Repo, phase: str | None,
              as_of: date | None) -> tuple[Status | None, Status, str | None]:
    """(status at git revision `ref` of the tracker at `repo`'s place, or None; status of
    `after_repo`; what was missing at `ref`: None, "phase", "tracker" or "broken"). The after
    side picks the phase and the day (`phase`, `as_of`; see evaluate.window); the before side
    is evaluated in its phase of that id at that day (`evaluate.delta.before_window`)."""
    import tempfile

    from dxtrack.check.changed import materialise
    from dxtrack.evaluate import evaluate_window, require_loaded
    from dxtrack.evaluate.delta import before_window
    from dxtrack.evaluate.window import window

    if _broken_file(after_repo):
        raise SetupError("setup.broken_repo", file=_broken_file(after_repo))
    require_loaded(after_repo)
    win = window(after_repo, phase, as_of)
    after = evaluate_window(after_repo, win)
    with tempfile.TemporaryDirectory(prefix="dxtrack-base-") as tmp:
        base = materialise(repo.root, ref, Path(tmp))
        if base is None:
            return None, after, "tracker"
        before_repo = load_repo(base, today=after_repo.today)
        try:
            if _broken_file(before_repo):
                raise SetupError("setup.broken_repo")
            require_loaded(before_repo)
        except SetupError:
            return None, after, "broken"
        before_win, phase_missing = before_window(before_repo, win.phase.id, win.as_of)
        return evaluate_window(before_repo, before_win), after, "phase" if phase_missing else None


def _only_unit(delta: Delta, repo: Repo, query: str) -> Delta:
    """`delta` with only the unit `query` names (in `repo`, or by its id among the units gone)."""
    from dataclasses import replace

    try:
        wanted = find_unit(repo, query).id
    except SetupError:
        if not any(u.id == query for u in delta.units):
            raise
        wanted = query
    return replace(delta, units=tuple(u for u in delta.units if u.id == wanted))


def format_files(root: Path | None, paths: list[Path] | None = None) -> tuple[list[Formatted], Path]:
    """`dxtrack fmt` in memory: every data file of the repo under `paths`, formatted (nothing written)."""
    from dxtrack.check.discover import discover
    from dxtrack.write.fmt import format_source

    root = repo_root(root)
    wanted = [repo_relative(root, p) for p in paths or []]
    results = [format_source(root, source)  # read as check reads: regular files in the repo, at most 1 MiB
               for source in discover(root)
               if source.kind != "stray" and is_under(source.rel, wanted)]
    return results, root


def init_repo(folder: Path, organization: str, force: bool = False, *, ci: str = "github",
              source: str | None = None) -> Created:
    """A new tracker repo in `folder` (which must be empty unless `force`), with the CI file of
    `ci` (github | gitlab); its README, CI file and pre-commit hook install dxtrack from `source`
    (a pip requirement, git URL or path; default this version, `dxtrack==X.Y.Z`)."""
    from dxtrack.errors import SetupError
    from dxtrack.write import scaffold

    if folder.exists() and not folder.is_dir():
        raise SetupError("init.not_dir", dir=str(folder))
    if not force and not scaffold.is_empty(folder):
        raise SetupError("init.not_empty", dir=str(folder))
    return scaffold.create(folder, organization, ci, scaffold.DEFAULT_SOURCE if source is None else source)


def schemas() -> dict[str, str]:
    """The JSON Schemas of every file kind: {file name: JSON text}."""
    from dxtrack.models.schema import export_schemas

    return export_schemas()


def write_schemas(out: Path) -> list[Path]:
    """Write the JSON Schemas into the folder `out`; the paths written."""
    from dxtrack.models.schema import write_schemas as write

    return write(out)


def write_file(path: Path, data: bytes, force: bool = False, *, root: Path | None = None,
               follow: bool = False) -> None:
    """Write `data` to `path` atomically, never through a symlink (with `root`, the repo: none
    on the way from it either, and never outside it; `follow`: through a link at an `-o FILE`
    outside the repo, the user's choice), never over a file unless `force`, never over a
    read-only file (fsutil.write_atomic; a refusal is fsutil.WriteRefused, an OSError)."""
    from dxtrack.fsutil import write_atomic

    write_atomic(path, data, force=force, root=root, follow=follow)


def read_date(value: object) -> date | None:
    """A date written as YYYY-MM-DD (as in the files), or None."""
    from dxtrack.models.types import read_date as read

    return read(value)


def date_problem(value: object) -> tuple[str, dict[str, int]] | None:
    """Why a typed date names no day (a message key and its parameters: "tháng 9 chỉ có 30
    ngày"), or None: the same words as the DX205 finding."""
    from dxtrack.models.types import date_problem as problem

    return problem(value)


def system_problem(exc: OSError) -> dict:
    """What the system said when it refused a file, as message parameters."""
    from dxtrack.fsutil import problem_params

    return problem_params(exc)


# ---------------------------------------------------------------- new records (`dxtrack new`)

def fields(kind: str) -> list[FieldSpec]:
    """The fields of a file kind (event, product, channel, report, plan), in file order,
    as the models describe them (`models.fields.FieldSpec`)."""
    from dxtrack.models.fields import FIELDS

    return list(FIELDS[kind])


def field_spec(kind: str, name: str) -> FieldSpec | None:
    """The FieldSpec of field `name` of a `kind` file, or None."""
    from dxtrack.models.fields import field_spec as spec

    return spec(kind, name)


def completion_ids(root: Path | None, what: str) -> list[tuple[str, str | None]]:
    """(id, name or None) of the units ("units") or the phases ("phases") of the repo at or above
    `root` (the current folder if None), read quickly for shell completion: no pipeline, only ids
    that are slugs (`check.peek`); a SetupError if there is no repo."""
    from dxtrack.check.peek import ids

    return ids(repo_root(root), what)


def completion_codes(list_name: str) -> list[tuple[str, str, str]]:
    """(code, Vietnamese label, English label) of a code list, without importing the models."""
    from dxtrack.check.peek import codes

    return codes(list_name)


def code_labels(list_name: str, lang: str | None = None) -> list[tuple[str, str]]:
    """(code, label) of every code of a code list, labels in `lang`."""
    from dxtrack.i18n import resolve_lang
    from dxtrack.models import codes

    chosen = resolve_lang(lang)
    return [(c, codes.label(list_name, c, chosen)) for c in codes.choices(list_name)]


def missing_fields(kind: str, values: dict) -> list[str]:
    """The required fields of a new `kind` file that `values` leaves empty."""
    from dxtrack.write import record

    return record.missing_fields(kind, values)


def draft_record(repo: Repo, kind: str, values: dict) -> Draft:
    """The new file `dxtrack new` would write (path, text, findings; nothing written)."""
    from dxtrack.write import record

    return record.draft(repo, kind, values)


def check_field(repo: Repo, kind: str, name: str, value: object, unit: str | None = None) -> list[Finding]:
    """The findings `dxtrack check` gives field `name` (nested: `resources.budget_vnd`) of a
    new `kind` file holding `value`, checked by itself with the same stages (the field's
    type, the date rules); `unit` is the file's unit (for a plan task). [] if it passes."""
    from dxtrack.write import record

    return record.check_field(repo, kind, name, value, unit)


# ---------------------------------------------------------------- workbooks (`export xlsx`, `import`)

def export_xlsx(repo: Repo, template: bool = False, lang: str | None = None) -> Exported:
    """The workbook of `dxtrack export xlsx` in `lang`: every valid record on a sheet of its
    type, the units, plans and plan tasks, the notes and the dropdowns' lists (its bytes and
    counts, with the records left out for their errors); with `template`, the blank sheets."""
    from dxtrack.i18n import language
    from dxtrack.sheets.export import export_workbook

    with language(lang):
        return export_workbook(repo, template)


def plan_import(repo: Repo, path: Path, lang: str | None = None) -> ImportPlan:
    """What `dxtrack import` would do with the workbook at `path` (nothing written): the files,
    as `new` drafts them, the rows skipped as already in `repo`, every bad cell. A SetupError
    when the file is missing, too large, not a readable .xlsx, or has no record sheet."""
    from dxtrack.i18n import language
    from dxtrack.sheets.reader import read_workbook
    from dxtrack.sheets.rows import plan_import as plan

    with language(lang):
        try:
            return plan(repo, read_workbook(Path(path)))
        except SetupError as exc:  # the sheets know no file name: the message names it
            exc.params.setdefault("path", str(path))
            raise


def write_import(repo: Repo, plan: ImportPlan) -> list[str]:
    """Write the files of `plan` into `repo`, atomically and never over a file; the paths
    written (relative to the repo). A file that cannot be written is a problem of its row."""
    from dxtrack.sheets.rows import write_planned

    return write_planned(repo.root, plan)
