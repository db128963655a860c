"""The layout keeps its promises: data flows one way, the CLI calls only dxtrack.api,
no stage before render makes words, and `dxtrack.api` is a documented surface."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "dxtrack"

# each layer may import itself and the layers listed (the shared helpers always)
HELPERS = {"text", "fsutil", "errors", "dxtrack"}
ALLOWED = {
    "models": {"models"},
    "catalog": {"catalog"},
    "check": {"check", "models"},
    "evaluate": {"evaluate", "catalog", "check", "models"},
    "i18n": {"i18n", "models"},
    "render": {"render", "evaluate", "catalog", "check", "models", "i18n", "sheets"},
    "report": {"report", "render", "evaluate", "catalog", "check", "models", "i18n"},
    "write": {"write", "check", "models", "i18n"},
    "sheets": {"sheets", "models", "check", "write", "i18n"},
    "api": {"api", "check", "evaluate", "catalog", "models", "render", "report", "write", "i18n", "sheets"},
    "cli": {"cli", "api", "i18n"},
}


def imports_of(path: Path) -> set[str]:
    """The dxtrack modules a file imports (anywhere in it, lazily or not)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("dxtrack"):
            found.add(node.module)
            if node.module == "dxtrack":
                found.update(f"dxtrack.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("dxtrack"))
    return found


def layer_of(module: str) -> str:
    parts = module.split(".")
    return parts[1].removesuffix(".py") if len(parts) > 1 else "dxtrack"


def source_files():
    return sorted(p for p in SRC.rglob("*.py") if p.name != "__main__.py")


@pytest.mark.parametrize("path", source_files(), ids=lambda p: str(p.relative_to(SRC)))
def test_imports_flow_one_way(path):
    rel = path.relative_to(SRC)
    layer = rel.parts[0].removesuffix(".py")
    if layer in HELPERS or layer == "__init__":
        return
    allowed = ALLOWED[layer] | HELPERS | {"__version__"}
    wrong = sorted(m for m in imports_of(path) if layer_of(m) not in allowed)
    assert not wrong, f"{rel} (layer {layer}) imports {wrong}"


def test_no_words_made_before_render():
    """check/ and evaluate/ never word anything: no i18n import (findings and reasons are data)."""
    for stage in ("check", "evaluate", "models", "catalog"):
        for path in (SRC / stage).rglob("*.py"):
            assert not any(m.startswith("dxtrack.i18n") for m in imports_of(path)), path


def test_the_cli_calls_only_the_api():
    for path in (SRC / "cli").glob("*.py"):
        stages = {m for m in imports_of(path) if layer_of(m) in ("check", "evaluate", "render", "report", "write",
                                                                   "models", "catalog")}
        assert not stages, f"{path.name} imports {sorted(stages)}"


def test_api_is_a_documented_surface():
    import dxtrack.api as api

    assert api.__doc__ and "load_repo" in api.__doc__
    for name in api.__all__:
        value = getattr(api, name)
        assert value is not None, name
        if callable(value) and not isinstance(value, type):
            assert value.__doc__, f"api.{name} has no docstring"
            assert name in api.__doc__, f"api.{name} is not in the module's summary"


def test_language_is_not_a_module_global():
    """Words in one language inside a call never leak into the next call."""
    from dxtrack.i18n import current_lang, language, t

    assert current_lang() == "vi"
    with language("en"):
        assert t("status.col.unit") == "Unit"
    assert t("status.col.unit") == "Đơn vị" and current_lang() == "vi"


def test_version_is_answered_before_typer_is_imported():
    """`dxtrack --version` (the console script's entry) builds no command line app."""
    import subprocess
    import sys

    code = ("import sys; sys.argv = ['dxtrack', '--version']; from dxtrack.cli.launch import run; run(); "
            "print(sorted(m for m in ('typer', 'click', 'pydantic', 'yaml', 'rich') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    from dxtrack import __version__

    assert done.stdout == f"dxtrack {__version__}\n[]\n"


def test_python_m_dxtrack_and_the_console_script_share_the_entry():
    import tomllib

    root = SRC.parents[1]
    scripts = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert scripts == {"dxtrack": "dxtrack.cli.launch:run"}
    assert "from dxtrack.cli.launch import run" in (SRC / "__main__.py").read_text(encoding="utf-8")
