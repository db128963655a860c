"""Shell completion of values, through the real program as the shell runs it.

The bash script typer installs (`dxtrack --show-completion bash`) runs
`_DXTRACK_COMPLETE=complete_bash COMP_WORDS="<the words typed>" COMP_CWORD=<index of the word
being completed> dxtrack` and takes the lines it prints as the candidates (typer keeps click 7's
`complete_bash`, not click 8's `bash_complete`; one value a line, no `type,value`). zsh runs
`_DXTRACK_COMPLETE=complete_zsh _TYPER_COMPLETE_ARGS="<the words>"` and gets `"value":"help"`
pairs. Completed here: --format of every command that has one, unit ids (status's UNIT, --unit),
--phase, --lang, --profile, and the codes `new` takes (--kind by the kind of record, --topic,
--audience, --mode, --outlet, --channel); never a value that is not a slug from a hostile
units.yaml, never an error printed, and none of the heavy modules imported."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import TWO_PHASES, UNITS

UNIT_IDS = ["bo-y-te", "dai-truyen-hinh-viet-nam"]


def real_complete(words: str, cwd: Path | None = None, env: dict | None = None, *args: str) -> list[str]:
    """The candidates bash is given for the last word of `words` (the words typed, the last one
    being completed: "" after a trailing space), from the real program in a process of its own."""
    typed = words.split(" ")
    done = subprocess.run([sys.executable, "-m", "dxtrack", *args], capture_output=True, text=True, cwd=cwd,
                          env={**os.environ, "_DXTRACK_COMPLETE": "complete_bash", "COMP_WORDS": words,
                               "COMP_CWORD": str(len(typed) - 1), **(env or {})}, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""  # a completion never says a word of its own
    return [line for line in done.stdout.splitlines() if line]


@pytest.fixture
def answer(monkeypatch, capsys):
    """answer(words, cwd=None, asking="bash") → what the app prints when the shell asks, in this
    process, as `dxtrack.cli.main.run` calls it (quick; `real_complete` runs the real program)."""
    from dxtrack.cli.main import app

    def run(words: str, cwd: Path | None = None, asking: str = "bash") -> str:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        monkeypatch.setenv("_DXTRACK_COMPLETE", f"complete_{asking}")
        monkeypatch.setenv("COMP_WORDS", words)  # bash
        monkeypatch.setenv("COMP_CWORD", str(len(words.split(" ")) - 1))
        monkeypatch.setenv("_TYPER_COMPLETE_ARGS", words)  # zsh
        capsys.readouterr()
        with pytest.raises(SystemExit) as ended:
            app(args=[], prog_name="dxtrack", complete_var="_DXTRACK_COMPLETE")
        out, err = capsys.readouterr()
        assert ended.value.code == 0 and err == "", err  # a completion never says a word of its own
        return out

    return run


@pytest.fixture
def complete(answer):
    """complete(words, cwd=None) → the candidates bash is given for the last word of `words`."""

    def run(words: str, cwd: Path | None = None) -> list[str]:
        return [line for line in answer(words, cwd).splitlines() if line]

    return run


def test_the_real_program_completes_formats_and_unit_ids(make_repo):
    root = make_repo()
    assert real_complete("dxtrack status --format ") == ["table", "json", "csv", "markdown", "xlsx", "html"]
    assert real_complete("dxtrack --lang en status ", cwd=root) == UNIT_IDS
    assert real_complete(f"dxtrack due --repo {root} -u d") == ["dai-truyen-hinh-viet-nam"]


@pytest.mark.parametrize("command, what", [("check", "findings"), ("status", "status"), ("due", "due"),
                                           ("diff", "diff"), ("requirements", "requirements")])
def test_format_names_come_from_the_render_registry(complete, command, what):
    from dxtrack.render import formats

    assert complete(f"dxtrack {command} --format ") == formats(what)
    assert complete(f"dxtrack {command} -f ") == formats(what)


def test_report_formats_and_profiles_are_the_reports_own(complete):
    from dxtrack.report import FORMATS
    from dxtrack.report.style import PROFILES

    assert complete("dxtrack report --format ") == list(FORMATS)
    assert complete("dxtrack report --profile ") == list(PROFILES)


def test_what_is_typed_narrows_the_values(complete):
    assert complete("dxtrack status --format j") == ["json"]
    assert complete("dxtrack check --format g") == ["github", "gitlab"]
    assert complete("dxtrack status --format nothing") == []


def test_lang_globally_and_per_command(complete):
    assert complete("dxtrack --lang ") == ["vi", "en"]
    assert complete("dxtrack due --lang ") == ["vi", "en"]


def test_unit_ids_of_the_tracker_found_from_the_current_folder(complete, make_repo):
    root = make_repo()
    (root / "activities").mkdir()
    assert complete("dxtrack status ", cwd=root) == UNIT_IDS
    assert complete("dxtrack status d", cwd=root) == ["dai-truyen-hinh-viet-nam"]
    assert complete("dxtrack status ", cwd=root / "activities") == UNIT_IDS  # found upwards, as git does
    for words in ("dxtrack due --unit ", "dxtrack diff HEAD --unit ", "dxtrack report -u ",
                  "dxtrack new event --unit ", "dxtrack new plan --unit "):
        assert complete(words, cwd=root) == UNIT_IDS, words


def test_unit_ids_of_the_tracker_named_by_repo(complete, make_repo, tmp_path):
    root = make_repo()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    assert complete(f"dxtrack status --repo {root} ", cwd=elsewhere) == UNIT_IDS
    assert complete(f"dxtrack --repo {root} due -u ", cwd=elsewhere) == UNIT_IDS
    assert complete("dxtrack status ", cwd=elsewhere) == []  # no tracker: nothing, and no error


def test_phase_ids(complete, make_repo, tmp_path):
    assert complete("dxtrack status --phase ", cwd=make_repo(settings=TWO_PHASES)) == ["2025", "2026"]
    (tmp_path / "repo" / "dxtrack.yaml").unlink()
    assert complete("dxtrack due --phase ", cwd=make_repo()) == ["2025"]  # phase_end: 2025-12-31


def test_codes_of_new_by_the_kind_of_record(complete):
    from dxtrack.models.codes import LISTS

    def codes(name: str) -> list[str]:
        return list(LISTS[name])

    assert complete("dxtrack new event --kind ") == codes("event_kind")
    assert complete("dxtrack new product --kind ") == codes("product_kind")
    assert complete("dxtrack new channel --kind ") == codes("channel_kind")
    assert complete("dxtrack new event --mode ") == codes("mode")
    assert complete("dxtrack new product --topic ") == codes("topic")
    assert complete("dxtrack new plan --audience ") == codes("audience")
    assert complete("dxtrack new channel --outlet ") == codes("outlet")
    assert complete("dxtrack new product --channel ") == codes("outlet")
    assert complete("dxtrack new event --topic significance --topic pl") == ["plan02"]


def test_zsh_shows_each_code_with_its_label_in_the_language(answer):
    assert '"dissemination":"hội nghị quán triệt"' in answer("dxtrack new event --kind ", asking="zsh")
    assert '"dissemination":"dissemination meeting"' in answer("dxtrack --lang en new event --kind ", asking="zsh")


HOSTILE_UNITS = """\
units:
  - id: bo-y-te
    name: Đảng ủy Bộ Y tế
  - id: "bo-tai-chinh\\nrm -rf ~"
  - id: "bo-x\\u001b[31m"
  - id: "$(touch pwned)"
  - id: "bo cong an"
  - id: "Bo-Noi-Vu"
  - id: "bo-y-te\\n"
  - id: 2025
  - id: [a, b]
  - id: bo-ngoai-giao
    name: "[/] \\u001b]8;;https://x.invalid\\u0007 \\"$(x)\\":`y`"
  - just text
"""


def test_a_hostile_units_yaml_offers_only_slugs(answer, make_repo):
    root = make_repo(units=HOSTILE_UNITS)
    assert real_complete("dxtrack status ", cwd=root) == ["bo-y-te", "bo-ngoai-giao"]
    # zsh shows a unit's name beside its id, but not a name holding markup, escapes or quotes
    assert answer("dxtrack status ", root, "zsh") == (
        '_arguments \'*: :(("bo-y-te":"Đảng ủy Bộ Y tế"\n"bo-ngoai-giao"))\'\n')


@pytest.mark.parametrize("content", [
    b"units: [\n  - id: bo-y-te\n",                      # a syntax error
    b"\xff\xfe\x00b\x00o\x00",                            # not UTF-8 text
    b"base: &a [bo-y-te]\nunits: [{id: *a}]\n",            # an alias
    b"units: " + b"[" * 200 + b"]" * 200 + b"\n",           # nested past what the loader takes
    b"- bo-y-te\n",                                         # not a mapping
    b"units: {id: bo-y-te}\n",                              # units not a list
])
def test_a_units_yaml_that_does_not_load_offers_nothing(complete, make_repo, content):
    root = make_repo(units="units: []\n")
    (root / "units.yaml").write_bytes(content)
    assert complete("dxtrack status ", cwd=root) == []


def test_a_units_yaml_too_large_or_a_link_is_not_read(complete, make_repo, tmp_path):
    from dxtrack.check.read import MAX_BYTES

    root = make_repo()
    outside = tmp_path / "outside.yaml"
    outside.write_text(UNITS, encoding="utf-8")
    (root / "units.yaml").unlink()
    (root / "units.yaml").symlink_to(outside)
    assert complete("dxtrack status ", cwd=root) == []
    (root / "units.yaml").unlink()
    (root / "units.yaml").write_text(UNITS + "#" * MAX_BYTES + "\n", encoding="utf-8")
    assert complete("dxtrack status ", cwd=root) == []


def test_the_values_written_out_in_complete_py_are_the_real_ones():
    """cli/complete.py names the report's formats and profiles, check/peek.py the slug pattern,
    themselves (their modules are heavy to import): they must stay those they come from."""
    from dxtrack.check import peek
    from dxtrack.cli import complete as values
    from dxtrack.models.types import SLUG
    from dxtrack.report import FORMATS
    from dxtrack.report.style import PROFILES

    assert tuple(FORMATS) == values.REPORT_FORMATS
    assert values.REPORT_PROFILES == PROFILES
    assert SLUG.pattern == "^" + peek.SLUG.pattern + "$"


@pytest.mark.parametrize("words, expected", [("dxtrack new event --kind ", "event_kind"), ("dxtrack status ", None)])
def test_completion_imports_nothing_heavy(make_repo, words, expected):
    """Quick: nothing of the pipeline (the models, the evaluation, the report), nor jinja2, docx or
    openpyxl, whatever is completed (pydantic itself is typer's: it reads the options typed)."""
    script = ("import contextlib, io, json, sys\n"
              "from dxtrack.cli.launch import run\n"
              "out = io.StringIO()\n"
              "with contextlib.redirect_stdout(out):\n"
              "    try:\n        run()\n    except SystemExit:\n        pass\n"
              "heavy = ('jinja2', 'docx', 'openpyxl')\n"
              "ours = ('dxtrack.models', 'dxtrack.evaluate', 'dxtrack.report', 'dxtrack.check.pipeline')\n"
              "print(json.dumps({'heavy': sorted(m for m in sys.modules\n"
              "                                  if m.split('.')[0] in heavy or m.startswith(ours)),\n"
              "                  'out': out.getvalue()}))\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=make_repo(),
                          env={**os.environ, "_DXTRACK_COMPLETE": "complete_bash", "COMP_WORDS": words,
                               "COMP_CWORD": str(len(words.split(" ")) - 1)}, timeout=60)
    ran = json.loads(done.stdout)
    assert ran["heavy"] == [], ran
    if expected is None:
        assert ran["out"].split() == UNIT_IDS
    else:  # the code list read without the models package, the same as through it
        from dxtrack.models.codes import LISTS

        assert ran["out"].split() == list(LISTS[expected])


def test_the_launcher_never_replays_a_run_for_a_completion(make_repo):
    """With the cache holding a `check` of the same command line, the shell asking for values
    still gets them, not the replayed check."""
    root = make_repo()
    env = {k: v for k, v in os.environ.items() if not k.startswith("_DXTRACK")}
    for _ in range(2):
        subprocess.run([sys.executable, "-m", "dxtrack", "check"], cwd=root, env=env, capture_output=True,
                       check=True, timeout=60)
    assert real_complete("dxtrack check --format ", root, None, "check") == ["text", "json", "github", "gitlab",
                                                                             "sarif"]


def test_show_and_install_completion(tmp_path):
    """`--show-completion bash` prints the script the shell sources; `--install-completion bash`
    writes it and sources it from ~/.bashrc."""
    program = Path(sys.executable).with_name("dxtrack")  # the console script, as the user types it
    if not program.exists():
        pytest.skip("no dxtrack console script beside this Python")
    env = {**os.environ, "HOME": str(tmp_path)}
    shown = subprocess.run([program, "--show-completion", "bash"], capture_output=True, text=True, env=env,
                           timeout=60)
    assert shown.returncode == 0, shown.stderr
    assert "_DXTRACK_COMPLETE=complete_bash" in shown.stdout and "complete -o default -F" in shown.stdout
    assert "complete -o default -F _dxtrack_completion dxtrack" in shown.stdout
    installed = subprocess.run([program, "--install-completion", "bash"], capture_output=True, text=True, env=env,
                               timeout=60)
    assert installed.returncode == 0, installed.stderr
    script = tmp_path / ".bash_completions" / "dxtrack.sh"
    assert "_DXTRACK_COMPLETE=complete_bash" in script.read_text(encoding="utf-8")
    assert str(script) in (tmp_path / ".bashrc").read_text(encoding="utf-8")
