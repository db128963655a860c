"""`dxtrack new event|product|channel|report|plan`: write a new valid file.

Every field is an option named after it; missing required fields are asked for when
stdin is a terminal (numbered menus with Vietnamese labels), otherwise exit 2.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from dxtrack.cli.common import LangOpt, RepoOpt, completes, err, setup, setup_errors
from dxtrack.i18n import t

new_app = typer.Typer(help="Tạo bản ghi hay kế hoạch mới, hợp lệ: event | product | channel | report | plan.",
                      no_args_is_help=True, rich_markup_mode=None)


def _opt(name: str, text: str, metavar: str | None = None, values: tuple[str, ...] = ()):
    """An option; `values`: what shell completion offers for it (`common.completes`)."""
    return typer.Option(name, help=text, show_default=False, metavar=metavar,
                        autocompletion=completes(*values) if values else None)


Str = str | None
Many = list[str] | None
Int = str | None  # read by parse_number, so that 1.000 is refused, never taken as 1
UnitOpt = Annotated[Str, _opt("--unit", "Mã đơn vị (id trong units.yaml), ví dụ bo-y-te.", values=("units",))]
TitleOpt = Annotated[Str, _opt("--title", "Tiêu đề.")]
KindOpt = Annotated[Str, _opt("--kind", "Loại (mã hoặc nhãn tiếng Việt).", values=("codes", "kind"))]
DateOpt = Annotated[Str, _opt("--date", "Ngày (YYYY-MM-DD hoặc dd/mm/yyyy).")]
TopicOpt = Annotated[Many, _opt("--topic", "Nội dung tuyên truyền (lặp lại được): significance, plan02, ...",
                                "<str>...", values=("codes", "topic"))]
AudienceOpt = Annotated[Many, _opt("--audience", "Đối tượng (lặp lại được): party_members, citizens, ...", "<str>...",
                                   values=("codes", "audience"))]
TaskOpt = Annotated[Str, _opt("--plan-task", "Mã nhiệm vụ trong kế hoạch của đơn vị, ví dụ t1.")]
UrlOpt = Annotated[Str, _opt("--url", "Đường dẫn (http/https).")]
EvidenceOpt = Annotated[Many, _opt("--evidence", "Minh chứng (lặp lại được): https://... hoặc evidence/tệp.",
                                   "<str>...")]
NoteOpt = Annotated[Str, _opt("--note", "Ghi chú.")]
NumberOpt = Annotated[Str, _opt("--number", "Số ký hiệu, ví dụ 12-BC/ĐU.")]
DryOpt = Annotated[bool, typer.Option("--dry-run", help="In nội dung tệp ra màn hình, không ghi.")]


def is_interactive() -> bool:
    """Ask for missing fields only when a person is typing (tests replace this)."""
    return sys.stdin.isatty()


def _evidence(url: str | None, evidence: list[str] | None) -> list[dict]:
    """--url is a link; an --evidence value is a link when it names a scheme (https:,
    javascript:...), so a wrong one is told as a wrong link, else a file in the repo."""
    import re

    links = [{"url": url}] if url else []
    return links + [{"url": e} if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", e) else {"file": e}
                    for e in evidence or []]


@new_app.command("event")
def new_event(unit: UnitOpt = None, kind: KindOpt = None, title: TitleOpt = None, date: DateOpt = None,
              mode: Annotated[Str, _opt("--mode", "Hình thức: in_person | online | hybrid.",
                                            values=("codes", "mode"))] = None,
              topic: TopicOpt = None, audience: AudienceOpt = None,
              participants: Annotated[Int, _opt("--participants", "Số người tham dự.")] = None,
              leader: Annotated[Many, _opt("--leader", "Lãnh đạo tham dự (lặp lại được).", "<str>...")] = None,
              partner: Annotated[Many, _opt("--partner", "Cơ quan phối hợp (lặp lại được).", "<str>...")] = None,
              plan_task: TaskOpt = None, url: UrlOpt = None, evidence: EvidenceOpt = None,
              note: NoteOpt = None, dry_run: DryOpt = False, repo: RepoOpt = None, lang: LangOpt = None) -> None:
    """Một hội nghị, buổi sinh hoạt, chương trình đã tổ chức."""
    _run("event", dict(unit=unit, kind=kind, title=title, date=date, mode=mode, topics=topic,
                       audiences=audience, participants=participants, leaders=leader, partners=partner,
                       plan_task=plan_task, evidence=_evidence(url, evidence), note=note), repo, lang, dry_run)


@new_app.command("product")
def new_product(unit: UnitOpt = None, kind: KindOpt = None, title: TitleOpt = None,
                published: Annotated[Str, _opt("--published", "Ngày đăng, phát (YYYY-MM-DD).")] = None,
                channel: Annotated[Many, _opt("--channel", "Kênh (lặp lại được): television, website, ...",
                                              "<str>...", values=("codes", "outlet"))] = None,
                topic: TopicOpt = None, audience: AudienceOpt = None, url: UrlOpt = None,
                views: Annotated[Int, _opt("--views", "Số lượt xem.")] = None,
                plan_task: TaskOpt = None, evidence: EvidenceOpt = None, note: NoteOpt = None,
                dry_run: DryOpt = False, repo: RepoOpt = None, lang: LangOpt = None) -> None:
    """Một sản phẩm truyền thông đã đăng, phát."""
    _run("product", dict(unit=unit, kind=kind, title=title, published=published, channels=channel,
                         topics=topic, audiences=audience, url=url,
                         metrics={"views": views} if views is not None else None, plan_task=plan_task,
                         evidence=_evidence(None, evidence), note=note), repo, lang, dry_run)


@new_app.command("channel")
def new_channel(unit: UnitOpt = None, kind: KindOpt = None, title: TitleOpt = None,
                outlet: Annotated[Str, _opt("--outlet", "Loại hình: print | online_press | radio | "
                                                       "television | website | social | internal.",
                                                  values=("codes", "outlet"))] = None,
                started: Annotated[Str, _opt("--started", "Ngày bắt đầu (YYYY-MM-DD).")] = None,
                cadence_days: Annotated[Int, _opt("--cadence-days", "Chu kỳ cập nhật đã cam kết (ngày).")] = None,
                update: Annotated[Many, _opt("--update", "Ngày cập nhật (lặp lại được).", "<str>...")] = None,
                topic: TopicOpt = None, audience: AudienceOpt = None, url: UrlOpt = None,
                plan_task: TaskOpt = None, evidence: EvidenceOpt = None, note: NoteOpt = None,
                dry_run: DryOpt = False, repo: RepoOpt = None, lang: LangOpt = None) -> None:
    """Một chuyên trang, chuyên mục, loạt bài hay bản tin định kỳ được duy trì."""
    _run("channel", dict(unit=unit, kind=kind, title=title, outlet=outlet, started=started,
                         cadence_days=cadence_days, updates=update, url=url, topics=topic, audiences=audience,
                         plan_task=plan_task, evidence=_evidence(None, evidence), note=note), repo, lang, dry_run)


@new_app.command("report")
def new_report(unit: UnitOpt = None, number: NumberOpt = None, title: TitleOpt = None, date: DateOpt = None,
               period_from: Annotated[Str, _opt("--period-from", "Kỳ báo cáo: từ ngày.")] = None,
               period_to: Annotated[Str, _opt("--period-to", "Kỳ báo cáo: đến ngày.")] = None,
               url: UrlOpt = None, evidence: EvidenceOpt = None, note: NoteOpt = None,
               dry_run: DryOpt = False, repo: RepoOpt = None, lang: LangOpt = None) -> None:
    """Một báo cáo kết quả đã gửi lên cấp trên."""
    period = {"from": period_from, "to": period_to} if period_from or period_to else None
    _run("report", dict(unit=unit, number=number, title=title, date=date, period=period,
                        evidence=_evidence(url, evidence), note=note), repo, lang, dry_run)


@new_app.command("plan")
def new_plan(unit: UnitOpt = None, number: Annotated[Str, _opt("--number", "Số ký hiệu, ví dụ 45-KH/ĐU.")] = None,
             issued: Annotated[Str, _opt("--issued", "Ngày ban hành (YYYY-MM-DD).")] = None,
             title: TitleOpt = None, audience: AudienceOpt = None,
             staff: Annotated[Str, _opt("--staff", "Nhân sự thực hiện.")] = None,
             means: Annotated[Str, _opt("--means", "Phương tiện.")] = None,
             budget_vnd: Annotated[Int, _opt("--budget-vnd", "Kinh phí (đồng).")] = None,
             platform: Annotated[Many, _opt("--platform", "Nền tảng (lặp lại được): website, zalo, ...",
                                            "<str>...")] = None,
             dry_run: DryOpt = False, repo: RepoOpt = None, lang: LangOpt = None) -> None:
    """Kế hoạch truyền thông của một đơn vị (plans/<đơn vị>.yaml)."""
    resources = {"staff": staff, "means": means, "budget_vnd": budget_vnd}
    _run("plan", dict(unit=unit, number=number, issued=issued, title=title, audiences=audience,
                      resources=resources, platforms=platform), repo, lang, dry_run)


def _option(spec) -> str:
    """The option that sets field `spec` (a FieldSpec): named after it, in the singular
    when it can be given more than once (`topics` → --topic)."""
    name = spec.name.removesuffix("s") if spec.many else spec.name
    return "--" + name.replace("_", "-")


NUMBER_OPTIONS = {"participants": "--participants", "cadence_days": "--cadence-days",
                  "budget_vnd": "--budget-vnd", "views": "--views"}


def _parse_numbers(values: dict) -> dict:
    """`values` with every number option read by `parse_number` (also inside a mapping:
    --views in metrics, --budget-vnd in resources); a bad one is a setup error."""
    from dxtrack.cli.common import parse_number

    out = dict(values)
    for name, value in values.items():
        if name in NUMBER_OPTIONS:
            out[name] = parse_number(value, NUMBER_OPTIONS[name])
        elif isinstance(value, dict):
            out[name] = {k: parse_number(v, NUMBER_OPTIONS[k]) if k in NUMBER_OPTIONS else v
                         for k, v in value.items()}
    return out


def _parse_dates(kind: str, values: dict) -> dict:
    """`values` with the text of every date field of a `kind` file read as a date, also in a
    list (--update) and in a nested mapping (--period-from); a bad one is a setup error."""
    from dxtrack import api
    from dxtrack.cli.common import parse_date

    out = dict(values)
    for spec in api.fields(kind):
        value, option = values.get(spec.name), _option(spec)
        if spec.is_date and spec.many:
            out[spec.name] = [parse_date(v, option) for v in value] if value else value
        elif spec.is_date:
            out[spec.name] = parse_date(value, option)
        elif spec.fields and isinstance(value, dict):
            dated = {sub.name for sub in spec.fields if sub.is_date}
            out[spec.name] = {k: parse_date(v, f"{option}-{k}") if k in dated else v for k, v in value.items()}
    return out


def _run(kind: str, values: dict, repo: Path | None, lang: str | None, dry_run: bool) -> None:
    from dxtrack import api

    root = setup(repo, lang)
    with setup_errors():
        _refuse_bytes(kind, values)
        values = _parse_numbers(_parse_dates(kind, values))
        loaded = api.load_repo(root)
        values["unit"] = _unit_id(loaded, values.get("unit"))
        values = _complete(kind, values, loaded)
        result = api.draft_record(loaded, kind, values)
    if dry_run:
        typer.echo(result.text, nl=False)
        raise typer.Exit(0 if result.ok else 1)
    _write(loaded.root, result)


def _refuse_bytes(kind: str, values: dict) -> None:
    """An option value holding bytes that are not UTF-8 (the shell passed them as they were
    typed, Python keeps them as lone surrogates) cannot be written into a UTF-8 record: say
    which option, before anything else is asked or checked."""
    from dxtrack.errors import SetupError
    from dxtrack.text import holds_bytes, quote_safe

    for name, value in values.items():
        texts = value.values() if isinstance(value, dict) else value if isinstance(value, list) else [value]
        for text in texts:
            if isinstance(text, str) and holds_bytes(text):
                raise SetupError("option.not_utf8", option=_option_of(kind, name), value=quote_safe(text))


def _unit_id(loaded, given: str | None) -> str | None:
    """The unit's id for what was typed: its id, or a unique id prefix or name ("Bộ Tài chính").
    Anything else is kept as typed, so that validation says what is wrong with it."""
    from dxtrack import api
    from dxtrack.errors import SetupError

    if not given or any(u.id == given for u in loaded.units):
        return given
    try:
        return api.find_unit(loaded, given).id
    except SetupError:
        return given


# optional fields asked for in a terminal (Enter skips them): for a plan, all that rule 1.3 scores
OPTIONAL_ASKED = {"plan": ("number", "issued", "audiences", "resources.staff", "resources.means",
                           "resources.budget_vnd", "platforms")}
RECORD_OPTIONAL_ASKED = ("topics", "audiences", "url", "plan_task")


def _askable(kind: str) -> list[str]:
    """The fields of a `kind` file a person is asked for, in file order; a nested one by a
    dotted name (`resources.staff`)."""
    from dxtrack import api

    optional = OPTIONAL_ASKED.get(kind, RECORD_OPTIONAL_ASKED)
    names = []
    for spec in api.fields(kind):
        if spec.const is not None:
            continue
        for name in [spec.name] + [f"{spec.name}.{sub.name}" for sub in spec.fields]:
            if (name == spec.name and spec.required and not spec.fields) or name in optional:
                names.append(name)
    return names


def _get(values: dict, name: str):
    head, _, rest = name.partition(".")
    value = values.get(head)
    if rest:
        return value.get(rest) if isinstance(value, dict) else None
    return value


def _set(values: dict, name: str, value) -> None:
    head, _, rest = name.partition(".")
    if rest:
        values[head] = {**(values.get(head) or {}), rest: value}
    else:
        values[head] = value


def _complete(kind: str, values: dict, loaded) -> dict:
    """Ask for what is missing (in a terminal), or refuse naming it. In a terminal, an
    option's value that `check` would refuse is told at once and asked for again."""
    from dxtrack import api
    from dxtrack.cli.prompts import ask_field, can_ask, problems
    from dxtrack.errors import SetupError

    missing = api.missing_fields(kind, values)
    if is_interactive():
        required = set(api.missing_fields(kind, {}))
        try:
            for name in _askable(kind):
                given, unit = _get(values, name), values.get("unit")
                refused = problems(loaded, kind, name, given, unit) \
                    if given not in (None, "", [], ()) and can_ask(name, loaded, unit) else []
                if refused:
                    err(t("prompt.option_refused", option=_option_of(kind, name), message=" ".join(refused)))
                if refused or given in (None, "", [], ()):
                    _set(values, name, ask_field(kind, name, loaded, required=name in required, unit=unit))
                if name == "unit" and kind == "plan":
                    _refuse_second_plan(loaded, values)
        except typer.Abort:  # Ctrl-C or end of input while asking
            err("\n" + t("new.aborted"))
            raise typer.Exit(130) from None  # as a shell reports a command stopped by Ctrl-C
        missing = api.missing_fields(kind, values)
    if missing:
        options = ", ".join(_option(api.field_spec(kind, n)) for n in missing)
        raise SetupError("new.missing", fields=", ".join(missing), options=options)
    return values


def _refuse_second_plan(loaded, values: dict) -> None:
    """A unit has one plan: told as soon as the unit is known, before the rest is typed."""
    from dxtrack import api

    rel = api.draft_record(loaded, "plan", {"unit": values.get("unit"), "title": "-"}).rel
    if (loaded.root / rel).exists():
        err(t("new.exists", rel=rel))
        raise typer.Exit(1)


def _option_of(kind: str, name: str) -> str:
    """The option that sets field `name` (`resources.budget_vnd` → --budget-vnd)."""
    from dxtrack.cli.prompts import field_spec

    spec = field_spec(kind, name)
    return _option(spec) if spec is not None else "--" + name


def _write(root: Path, result) -> None:
    from dxtrack import api
    from dxtrack.i18n import finding_text

    if not result.ok:
        err(t("new.refused", rel=result.rel))
        for f in result.findings:
            if api.has_errors([f]):
                err(f"  - {finding_text(f)}")
        _keep(result)
        raise typer.Exit(1)
    from dxtrack.fsutil import WriteRefused, safe_target

    try:
        target = safe_target(root, root / result.rel)  # before a folder is made: no link, not outside the repo
        target.parent.mkdir(parents=True, exist_ok=True)
        api.write_file(target, result.text.encode("utf-8"), root=root)
    except FileExistsError:
        err(t("new.exists", rel=result.rel))
        _keep(result)
        raise typer.Exit(1) from None
    except WriteRefused as exc:  # a link at the file's name or at its unit's folder
        err(t("new.not_written", rel=result.rel, problem_key=exc.key))
        _keep(result)
        raise typer.Exit(1) from None
    for f in result.findings:
        err(t("new.warning", message=finding_text(f)))
    typer.echo(t("new.written", rel=result.rel))


def _keep(result) -> None:
    """What was typed at the prompts is not lost when the file is refused: its text is shown
    (on stdout, the note on stderr), to type again from or to save. Shown, not saved as a
    draft file: a clerk sees it at once under the reasons, and no stray file is left in the
    repo (where `check` would warn of it, a `git add .` would commit it, and a refused
    duplicate would be written a second time)."""
    if is_interactive():
        err(t("new.kept", rel=result.rel))
        typer.echo(result.text, nl=False)


def register(app: typer.Typer) -> None:
    app.add_typer(new_app, name="new", help=t("new.help"))
