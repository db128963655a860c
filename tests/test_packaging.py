"""The wheel holds what dxtrack reads at run time, and runs from it alone (issue 15).

Built offline as `pip wheel --no-deps --no-build-isolation` (the backend of [build-system],
setuptools>=77, comes with the test extras), from a copy of the sources, so no build/ folder
of an earlier build leaks old files into it. `.ci/run` does the same with `python -m build` and
a fresh virtual environment.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "dxtrack"
# read at run time: the report and page templates, the .docx layout, the directive as data
NAMED = ["dxtrack/templates/report.md.j2", "dxtrack/templates/status.html.j2", "dxtrack/templates/docx_style.yaml",
         "dxtrack/catalog/requirements.yaml", "dxtrack/catalog/380-CV-DU.txt"]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    src = tmp_path_factory.mktemp("src")
    for name in ("pyproject.toml", "setup.py", "README.md"):
        shutil.copy2(ROOT / name, src / name)
    shutil.copytree(ROOT / "src", src / "src", ignore=shutil.ignore_patterns(
        "__pycache__", "*.so", "*.egg-info", "*.pyc"))
    out = tmp_path_factory.mktemp("dist")
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                           "--no-index", "-q", "-w", str(out), str(src)],
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, ("pip wheel failed (is setuptools>=77 installed? pip install -e '.[test]'):\n"
                                  + done.stdout + done.stderr)
    [built] = out.glob("dxtrack-*.whl")
    return built


def _names(wheel: Path) -> set[str]:
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


def test_wheel_holds_the_package_data(wheel):
    names = _names(wheel)
    assert set(NAMED) <= names, sorted(set(NAMED) - names)


def test_wheel_holds_every_file_of_the_package(wheel):
    """Every module and every data file under src/dxtrack, so a template or a catalog file
    added later without a package-data rule fails here (not the C source or a built module)."""
    names = _names(wheel)
    wanted = {"dxtrack/" + p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*")
              if p.is_file() and "__pycache__" not in p.parts and p.suffix not in {".so", ".pyc", ".c"}}
    assert wanted - names == set()
    assert any(n.endswith(".dist-info/entry_points.txt") for n in names)


def test_wheel_runs_on_its_own(wheel, tmp_path):
    """The wheel unpacked, imported with no site (so not the editable install of src/): its own
    catalog loads, and the report is written from its own templates and style file."""
    unpacked = tmp_path / "wheel"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(unpacked)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(unpacked), sysconfig.get_paths()["purelib"]]),
           "DXTRACK_NO_CACHE": "1"}
    env.pop("PYTHONHOME", None)

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-S", *args], cwd=tmp_path, env=env, capture_output=True,
                              text=True, timeout=120, check=False)

    where = run("-c", "import dxtrack; print(dxtrack.__file__)")
    assert where.returncode == 0, where.stderr
    assert Path(where.stdout.strip()).is_relative_to(unpacked)
    listed = run("-m", "dxtrack", "requirements", "--format", "json")
    assert listed.returncode == 0, listed.stderr
    assert '"2.1.e"' in listed.stdout
    report = run("-m", "dxtrack", "report", "--repo", str(ROOT), "--as-of", "2025-11-30", "-o",
                 str(tmp_path / "bao-cao.docx"))
    assert report.returncode == 0, report.stderr
    import docx

    text = "\n".join(p.text for p in docx.Document(str(tmp_path / "bao-cao.docx")).paragraphs)
    assert "DỮ LIỆU MINH HỌA" in text and "Kết quả thực hiện".upper() in text.upper()
