"""Shared fixtures: tiny tracker repos in tmp_path, and the real CLI through CliRunner."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

SETTINGS = """\
directive: 380-CV/ĐU
organization: Đảng ủy Chính phủ
report_to: Ban Tuyên giáo và Dân vận Đảng ủy Chính phủ
received: 2025-08-20
phase_end: 2025-12-31
report_due: [2025-12-15]
thresholds:
  start_within_days: 15
  max_gap_days: 30
  min_product_kinds: 3
sample: false
"""

# The same settings with the two phases of Kế hoạch 02 written out (SPEC §2.1)
TWO_PHASES = SETTINGS.replace("phase_end: 2025-12-31\nreport_due: [2025-12-15]\n", """\
phases:
  - id: "2025"
    name: Giai đoạn bứt phá 2025
    to: 2025-12-31
    report_due: [2025-12-15]
  - id: "2026"
    name: Năm tăng tốc 2026
    from: 2026-01-01
    to: 2026-12-31
    report_due: [2026-06-15, 2026-12-15]
""")
assert TWO_PHASES != SETTINGS

# An event on the topic `models` (rule 2.1.d), online: what a pull request adds in the git tests
MODELS_EVENT = """\
type: event
unit: bo-y-te
kind: seminar
title: Tọa đàm mô hình hiệu quả
date: 2025-09-01
mode: online
topics: [models]
"""

GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}


def git(root, *args) -> str:
    """git in `root` (a test repo), with an author set; its output, after asserting it ran."""
    import subprocess

    done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True,
                          env={**os.environ, **GIT_ENV})
    assert done.returncode == 0, done.stderr
    return done.stdout


UNITS = """\
units:
  - id: bo-y-te
    name: Đảng ủy Bộ Y tế
    kind: ministry
    owners: ["@dang-uy/bo-y-te"]
  - id: dai-truyen-hinh-viet-nam
    name: Đảng ủy Đài Truyền hình Việt Nam
    kind: press
    owners: ["@dang-uy/vtv"]
"""


@pytest.fixture(autouse=True)
def _stable_env(monkeypatch):
    """Stable output: Vietnamese, no colour, fixed width, not inside GitHub Actions."""
    for name in ("DXTRACK_LANG", "GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")
    from dxtrack.i18n import bind_lang

    bind_lang("vi")


@pytest.fixture(autouse=True)
def _own_cache(monkeypatch, tmp_path_factory):
    """Each test its own, empty cache folder (never ~/.cache, never shared between tests),
    and none of the cache's switches set from outside."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))
    for name in ("DXTRACK_NO_CACHE", "DXTRACK_CACHE_CHECK", "DXTRACK_CACHE_TRACE"):
        monkeypatch.delenv(name, raising=False)


def write_files(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write `files` (path → text, dedented; or bytes as they are) under `root`."""
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content), encoding="utf-8")
    return root


@pytest.fixture
def make_repo(tmp_path):
    """make_repo({path: text}) → a tracker repo with default settings and two units, plus `files`."""

    def make(files: dict[str, str | bytes] | None = None, *, settings: str = SETTINGS,
             units: str = UNITS) -> Path:
        root = tmp_path / "repo"
        base = {"dxtrack.yaml": settings, "units.yaml": units}
        write_files(root, {**base, **(files or {})})
        return root

    return make


@pytest.fixture
def cli():
    """cli(args, cwd=None, input=None) → click Result of the real `dxtrack` app."""
    from dxtrack.cli.main import app

    runner = CliRunner()

    def run(args: list[str], cwd: Path | None = None, input: str | None = None, env: dict | None = None):
        old = Path.cwd()
        if cwd is not None:
            os.chdir(cwd)
        try:
            return runner.invoke(app, [str(a) for a in args], input=input, env=env, catch_exceptions=False)
        finally:
            os.chdir(old)

    return run
