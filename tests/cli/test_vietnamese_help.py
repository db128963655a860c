"""In Vietnamese (the default), nothing the command line shows is English: every command's and
subcommand's help, and the answer to the common mistakes. The same runs in English stay English.

The commands, their options and arguments are read from the typer app itself, so a command or an
option added later is covered without being named here.
"""

from __future__ import annotations

import re

import pytest
import typer.main

from dxtrack.cli.main import _value_kind, app

# English that must not reach a Vietnamese user: click's and typer's words, Python's type names,
# and common English words. Matched as whole words, case-sensitive for the first list.
FORBIDDEN = [
    "Usage", "Options", "Arguments", "Commands", "OPTIONS", "COMMAND", "ARGS", "TEXT", "INTEGER", "PATH", "DIR",
    "default", "required", "Show this message", "No such", "Did you mean", "Missing", "Got unexpected",
    "requires an argument", "requires", "Error", "Try", "is not a valid", "Invalid value", "Possible options",
    "does not take", "Choose from", "Aborted", "Input should", "unable to parse", "fatal", "env var",
]
ENGLISH_WORDS = ["the", "and", "of", "for", "with", "this", "is", "not", "are", "must", "should", "value",
                 "option", "argument", "command", "help", "message", "exit", "show", "missing", "invalid",
                 "error", "usage", "choose", "from", "unexpected", "extra", "such", "mean", "given"]
PATTERNS = ([re.compile(rf"(?<![\w-]){re.escape(w)}(?![\w-])") for w in FORBIDDEN]
            + [re.compile(rf"(?<![\w-]){w}(?![\w-])", re.IGNORECASE) for w in ENGLISH_WORDS]
            + [re.compile(p) for p in (r"<(?:str|int|float|path|text|bool)>", r"list\[", r"\[\[", r"\]\]")])
# What the user types stays as it is: option names, the program's name.
ALLOWED = re.compile(r"(?<![\w-])--?[A-Za-z][\w-]*|\bdxtrack\b")


def english_in(text: str) -> list[str]:
    text = ALLOWED.sub(" ", text)
    return sorted({m.group(0) for p in PATTERNS for m in p.finditer(text)})


def _walk(command, path):
    yield path, command
    for name, sub in getattr(command, "commands", {}).items():
        yield from _walk(sub, (*path, name))


BUILT = typer.main.get_command(app)
COMMANDS = list(_walk(BUILT, ()))
PATHS = [path for path, _ in COMMANDS]


@pytest.fixture
def built_cli(cli, monkeypatch):
    """`cli` on one app built once (typer builds it again at each run, a tenth of a second): quick
    for the many mistakes, and it shows that one process can answer in both languages in turn."""
    import typer.testing

    monkeypatch.setattr(typer.testing, "_get_command", lambda _app: BUILT)
    return cli


def _options(command, flags: bool):
    return [p for p in command.params if p.param_type_name == "option" and bool(p.is_flag) == flags
            and not getattr(p, "hidden", False)]


def _long(option) -> str:
    return next((o for o in option.opts if o.startswith("--")), option.opts[0])


def _mistakes():
    """(args, what the Vietnamese answer says): the common mistakes of every command."""
    cases = [(("statsu",), "Không có lệnh “statsu”. Có phải ý bạn là “status”?"),
             (("khong-co-lenh",), "Không có lệnh “khong-co-lenh”."),
             (("new", "evnt"), "Không có lệnh “evnt”. Có phải ý bạn là “event”?"),
             ((), None), (("new",), None)]  # nothing more: the help (as click does, exit 2)
    for path, command in COMMANDS:
        cases.append(((*path, "--khong-co"), "Không có tùy chọn --khong-co."))
        for option in _options(command, flags=False):
            cases.append(((*path, _long(option)), f"Tùy chọn {_long(option)} cần một giá trị."))
            if _value_kind(option) == "int":
                cases.append(((*path, _long(option), "abc"), f"Giá trị của {_long(option)} phải là một số nguyên."))
                cases.append(((*path, _long(option), "1,5"), f"Giá trị của {_long(option)} phải là một số nguyên."))
        for option in _options(command, flags=True):
            cases.append(((*path, f"{_long(option)}=x"), f"Tùy chọn {_long(option)} không nhận giá trị."))
        arguments = [p for p in command.params if p.param_type_name == "argument"]
        if not getattr(command, "commands", None) and all(a.nargs == 1 for a in arguments):
            extra = tuple(f"x{i}" for i in range(len(arguments) + 1))
            cases.append(((*path, *extra), f"Thừa đối số: {extra[-1]}."))
    cases += [((cmd, "--format", "xml"), 'Định dạng "xml" không có; chọn một trong:')
              for cmd in ("check", "status", "requirements", "report")]
    cases.append((("schema", "--name", "xml"), 'Định dạng "xml" không có; chọn một trong:'))
    return cases


MISTAKES = _mistakes()


def _id(args) -> str:
    return " ".join(args) or "(nothing)"


def test_every_command_is_covered():
    assert {"check", "status", "requirements", "report", "init", "fmt", "codeowners", "schema", "new"} <= {
        p[0] for p in PATHS if p}
    assert {("new", k) for k in ("event", "product", "channel", "report", "plan")} <= set(PATHS)
    assert len(MISTAKES) > 100


def test_the_checker_sees_english():
    assert english_in("Usage: dxtrack [OPTIONS] COMMAND [ARGS]...") == ["ARGS", "COMMAND", "OPTIONS", "Usage"]
    assert english_in("Error: No such command 'statsu'. Did you mean 'status'?") == [
        "Did you mean", "Error", "No such", "command", "mean", "such"]
    assert english_in("--topic <str>  [default: .]") == ["<str>", "default"]
    assert english_in("Cách dùng: dxtrack check [tùy chọn] --changed-since <phiên bản> --dry-run --help") == []


@pytest.mark.parametrize("path", PATHS, ids=_id)
@pytest.mark.parametrize("where", ["global", "command", "env"])
def test_help_is_vietnamese(cli, path, where):
    if where == "command" and not any("--lang" in p.opts for p in dict(COMMANDS)[path].params):
        pytest.skip("this command takes no --lang of its own (a group)")
    args = {"global": ["--lang", "vi", *path, "--help"], "command": [*path, "-h", "--lang", "vi"],
            "env": [*path, "--help"]}[where]
    result = cli(args, env={"DXTRACK_LANG": "vi"} if where == "env" else None)
    assert result.exit_code == 0
    text = result.output
    assert text.startswith(f"Cách dùng: {' '.join(('dxtrack', *path))} [tùy chọn]")
    assert "\nTùy chọn:\n" in text and "Hiện hướng dẫn này rồi thoát." in text
    assert english_in(text) == [], text


@pytest.mark.parametrize("path", PATHS, ids=_id)
def test_help_in_english_is_english(cli, path):
    result = cli(["--lang", "en", *path, "--help"])
    assert result.exit_code == 0
    text = result.output
    assert text.startswith(f"Usage: {' '.join(('dxtrack', *path))} [OPTIONS]")
    assert "\nOptions:\n" in text and "Show this message and exit." in text
    assert not any(w in text for w in ("Cách dùng", "Tùy chọn", "Đối số", "Lệnh:", "mặc định:", "<chữ>"))
    assert not re.search(r"<(?:str|int|path)>|list\[|\[\[", text), text


def test_usage_line_and_value_names(cli):
    init = cli(["init", "--help"]).output
    assert init.startswith("Cách dùng: dxtrack init [tùy chọn] [thư mục]\n")
    assert "[default" not in init and "[mặc định: Đảng ủy Chính" in init
    assert cli(["--lang", "en", "init", "--help"]).output.startswith("Usage: dxtrack init [OPTIONS] [DIR]\n")
    check = cli(["check", "--help"]).output
    assert check.startswith("Cách dùng: dxtrack check [tùy chọn] [đường dẫn]...\n")
    assert "--changed-since <phiên bản>" in check and "-f, --format <định dạng>" in check
    new = cli(["new", "event", "--help"]).output
    assert "--date <ngày>" in new and "--participants <số người>" in new and "--topic <nội dung>" in new
    assert cli(["new", "--help"]).output.startswith("Cách dùng: dxtrack new [tùy chọn] <lệnh> [đối số]...\n")


@pytest.mark.parametrize("args, says", MISTAKES, ids=[_id(a) for a, _ in MISTAKES])
def test_mistakes_are_told_in_vietnamese(built_cli, make_repo, args, says):
    result = built_cli(["--lang", "vi", *args] if args else [], cwd=make_repo())  # `dxtrack --lang vi` lacks a command
    assert result.exit_code == 2, result.output
    assert english_in(result.output) == [], result.output
    first = result.stderr.splitlines()[0]
    if says is None:  # no command given: the help, without "Lỗi"
        assert first.startswith("Cách dùng: dxtrack")
    else:
        assert first.startswith("Lỗi: " + says), first
    if says and not says.startswith("Định dạng"):  # the parser's mistakes say where help is
        command = " ".join(("dxtrack", *[a for a in args[:2] if a in {p[-1] for p in PATHS if p}]))
        assert result.stderr.splitlines()[-1] == f"Xem hướng dẫn: {command} -h"


@pytest.mark.parametrize("args, says", MISTAKES, ids=[_id(a) for a, _ in MISTAKES])
def test_mistakes_in_english_stay_english(built_cli, make_repo, args, says):
    result = built_cli(["--lang", "en", *args], cwd=make_repo())
    assert result.exit_code == 2, result.output
    assert "Lỗi" not in result.output and "Cách dùng" not in result.output
    assert "Error: " in result.stderr or (says is None and result.output.startswith("Usage: dxtrack"))


def test_mistakes_without_lang_are_vietnamese(cli, make_repo):
    result = cli(["statsu"], cwd=make_repo())
    assert result.stderr == "Lỗi: Không có lệnh “statsu”. Có phải ý bạn là “status”?\nXem hướng dẫn: dxtrack -h\n"
    result = cli(["status", "--as-of"], cwd=make_repo())
    assert result.stderr == "Lỗi: Tùy chọn --as-of cần một giá trị.\nXem hướng dẫn: dxtrack status -h\n"
    result = cli(["--lang", "vi"], cwd=make_repo())
    assert result.stderr == "Lỗi: Thiếu lệnh.\nXem hướng dẫn: dxtrack -h\n"
    result = cli(["report", "--fmt", "md"], cwd=make_repo())
    assert result.stderr.startswith("Lỗi: Không có tùy chọn --fmt. Có phải ý bạn là --format")


def test_parser_messages_dxtrack_does_not_meet_today_are_known():
    """Kinds of mistake no command of dxtrack can make yet (it has no required option or argument)."""
    from dxtrack.cli.main import _UsageError
    from dxtrack.i18n.usage import translate_usage, translate_usage_error

    def kind(name):
        found = [c for c in _UsageError.__subclasses__() if c.__name__ == name]
        found += [s for c in _UsageError.__subclasses__() for s in c.__subclasses__() if s.__name__ == name]
        return found[0]

    unit = next(p for p in dict(COMMANDS)[("report",)].params if "--unit" in p.opts)
    assert translate_usage_error(kind("MissingParameter")(param=unit, param_type="option")) == \
        "Thiếu tùy chọn --unit / -u."
    assert translate_usage_error(kind("MissingParameter")(param_hint="'DIR'", param_type="argument")) == \
        "Thiếu đối số 'DIR'."
    assert translate_usage("Argument 'x' takes 2 values.") == "Đối số x cần 2 giá trị."
    assert translate_usage("Option '--a' requires 2 arguments.") == "Tùy chọn --a cần 2 giá trị."
    assert translate_usage("No such command 'stat'. Did you mean 'status', 'schema'?") == \
        "Không có lệnh “stat”. Có phải ý bạn là “status”, “schema”?"
    assert translate_usage("Invalid value for '--mode': 'x' is not one of 'a', 'b'.") == \
        "“x” không phải là giá trị hợp lệ của --mode; chọn một trong: 'a', 'b'."
