"""The long hypothesis run, hunting: the hostile repos of tests/property/test_fuzz_hostile.py
through the same properties, for a given time, keeping one example of each distinct failure
instead of stopping at the first (pytest stops each test at its first failure).

    python fuzz/hunt.py --minutes 15            # writes fuzz/findings/*.txt and a summary

A failure's signature is its exception type and innermost dxtrack frame (for a crash) or the
property's message up to its first colon (for a property that does not hold)."""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import os
import re
import shutil
import sys
import tempfile
import time
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests" / "property"))

for name in ("DXTRACK_LANG", "GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "FORCE_COLOR",
             "DXTRACK_NO_CACHE", "DXTRACK_CACHE_CHECK", "DXTRACK_CACHE_TRACE"):
    os.environ.pop(name, None)
os.environ.update(NO_COLOR="1", COLUMNS="100", XDG_CACHE_HOME=tempfile.mkdtemp(prefix="dxtrack-hunt-cache-"))

import test_fuzz_hostile as fz  # noqa: E402
from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from dxtrack.i18n import bind_lang  # noqa: E402

SEEN: dict[str, int] = {}
COUNT = {"examples": 0}


def signature(exc: BaseException) -> str:
    text = str(exc)
    cause = exc.__cause__
    if cause is not None and "raised:" in text.split("\n", 1)[0]:
        frames = [f for f in traceback.extract_tb(cause.__traceback__) if "/dxtrack/" in f.filename]
        where = f"{frames[-1].filename.split('src/')[-1]}:{frames[-1].name}" if frames else "?"
        return f"{type(cause).__name__} in {where} ({text.split('`')[1].split()[0]})"
    first = text.split("\n", 1)[0]
    first = re.sub(r"raw U\+([0-9A-F]{4}) at \d+.*", r"raw U+\1", first)
    first = re.sub(r"(\(std(?:out|err)\)|: \d+ columns)?: (?:row )?['\"(\[].*$", "", first)  # the value shown
    return first[:160] if first else type(exc).__name__


def keep(exc: BaseException, which: str, files: dict) -> None:
    sig = signature(exc)
    SEEN[sig] = SEEN.get(sig, 0) + 1
    if SEEN[sig] > 1:
        return
    folder = HERE / "findings"
    folder.mkdir(exist_ok=True)
    name = hashlib.sha256(sig.encode()).hexdigest()[:12]
    body = f"{sig}\nproperties: {which}\nfiles = {files!r}\n\n" + "".join(traceback.format_exception(exc))
    (folder / f"{name}.txt").write_text(body, encoding="utf-8", errors="backslashreplace")
    print(f"[{time.strftime('%H:%M:%S')}] new: {sig} → fuzz/findings/{name}.txt", flush=True)


def hunt(until: float):
    @settings(max_examples=10**9, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(files=fz.hostile_repo(), which=st.sampled_from(sorted(fz.PROPERTIES)))
    def one(files, which):
        if time.time() > until:
            raise TimeoutError
        COUNT["examples"] += 1
        root, out = Path(tempfile.mkdtemp(prefix="hunt-")), Path(tempfile.mkdtemp(prefix="hunt-out-"))
        steps = fz.Steps()
        try:
            fz.PROPERTIES[which](fz.write_repo(root, files), out, steps)
            for exc in steps.failures:
                keep(exc, which, files)
        finally:
            shutil.rmtree(root, ignore_errors=True)
            shutil.rmtree(out, ignore_errors=True)

    with contextlib.suppress(TimeoutError):
        one()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--minutes", type=float, default=15)
    args = parser.parse_args()
    bind_lang("vi")
    start = time.time()
    hunt(start + args.minutes * 60)
    print(f"\n{COUNT['examples']} examples in {time.time() - start:.0f} s; {len(SEEN)} distinct failures:")
    for sig, n in sorted(SEEN.items(), key=lambda kv: -kv[1]):
        print(f"  {n:5d}  {sig}")


if __name__ == "__main__":
    main()
