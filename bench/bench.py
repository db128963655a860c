"""Benchmark of issue 10: whole commands against the parse floor, growth, warm runs, start-up.

    python bench/bench.py [--sizes 10000,20000,30000] [--units 50] [--many-units 500] [--runs 3]
    python bench/bench.py --quick          # a 2,000-record smoke run
    PYTHONPATH=<another checkout>/src python bench/bench.py   # the same against another tree

For each size it generates a repo (bench/generate.py: N records over --units unit folders) in a
temporary folder, and one more at the first size over --many-units folders; then times, as
whole processes, the median of --runs runs of each of:

  floor     the parse floor: one Python process that `yaml.load`s every .yaml file of the repo
            with PyYAML's CSafeLoader (reading included);
  cat       the I/O floor: `find ROOT -name '*.yaml' -exec cat {} + > /dev/null` (a shell);
  check     `dxtrack check --format json --no-cache` (cold: no cache read or written);
  status    `dxtrack status --format json --no-cache` (cold);
  check-w   `dxtrack check --format json` warm: run once to fill the cache, then timed;
  check-w1  warm after one record changed (a comment line appended to one file before each run);
  status-w  `dxtrack status --format json` warm;
  docx      `dxtrack report --format docx -o FILE`;

each with the peak RSS of that process alone (`os.wait4` on the child, not RUSAGE_CHILDREN).
Every process gets its own XDG_CACHE_HOME, so no run sees another's cache; when `check` has no
--no-cache option (an older tree) the cold runs use DXTRACK_NO_CACHE=1 alone. `status`,
`report` are evaluated --as-of 2025-12-31, so a run does not depend on today's date.

Then: each command's time as a ratio of the floor, the growth 20k/10k and 30k/10k (linear is 2
and 3), many units over the same records against --units, and start-up: the median of
--startup-runs runs of `python -c "import typer"`, `dxtrack --version`, `--help`, `check --help`
(as `python -m dxtrack` and as the console script) as ratios of `import typer`.

Children compile dxtrack's modules once and keep the bytecode in a temporary
PYTHONPYCACHEPREFIX (as an installed package has its .pyc files), even when the environment sets
PYTHONDONTWRITEBYTECODE; --no-bytecode leaves the environment as it is.

Not a test: the machines are shared and noisy, so nothing asserts a time; quote the ratios,
which are measured side by side in the same run.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate  # the generator next to this file

AS_OF = "2025-12-31"
FLOOR_SCRIPT = ("import sys, yaml, pathlib\n"
                "for p in sorted(pathlib.Path(sys.argv[1]).rglob('*.yaml')):\n"
                "    yaml.load(p.read_bytes(), Loader=yaml.CSafeLoader)\n")
ROWS = ["floor", "cat", "check", "status", "check-w", "check-w1", "status-w", "docx"]
LABELS = {"floor": "parse floor (CSafeLoader, 1 process)", "cat": "cat of all files (I/O floor)",
          "check": "check --format json, cold", "status": "status --format json, cold",
          "check-w": "check --format json, warm", "check-w1": "check, warm, 1 file changed",
          "status-w": "status --format json, warm", "docx": "report --format docx"}


class Runner:
    """Runs processes with one environment and measures each: (seconds, peak RSS in MB, exit code)."""

    def __init__(self, env: dict[str, str], scratch: Path) -> None:
        self.env = env
        self.scratch = scratch
        self.count = 0

    def fresh_cache(self) -> Path:
        self.count += 1
        folder = self.scratch / f"xdg-{self.count}"
        folder.mkdir()
        return folder

    def run(self, argv: list[str], *, cache: Path | None = None, extra: dict[str, str] | None = None,
            shell: bool = False) -> tuple[float, float, int]:
        env = dict(self.env, XDG_CACHE_HOME=str(cache or self.fresh_cache()), **(extra or {}))
        start = time.perf_counter()
        child = subprocess.Popen(argv if not shell else ["/bin/sh", "-c", argv[0]], env=env,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        stderr = child.stderr.read() if child.stderr else b""
        _, status, usage = os.wait4(child.pid, 0)
        taken = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.stderr:
            child.stderr.close()
        code = child.returncode
        if code not in (0, 1):
            print(f"  ! {' '.join(argv)[:120]} exited {code}: {stderr.decode(errors='replace')[-400:]}",
                  file=sys.stderr)
        return taken, usage.ru_maxrss / 1024, code

    def median(self, runs: int, make, before=None) -> tuple[float, float]:
        """Median seconds and the largest peak RSS of `runs` runs of make() → run arguments."""
        times, rss = [], []
        for i in range(runs):
            if before:
                before(i)
            args, kwargs = make()
            taken, peak, _ = self.run(args, **kwargs)
            times.append(taken)
            rss.append(peak)
        return statistics.median(times), max(rss)


def dxtrack_argv() -> list[str]:
    return [sys.executable, "-m", "dxtrack"]


def has_no_cache(runner: Runner) -> bool:
    done = subprocess.run([*dxtrack_argv(), "check", "--help"], env=runner.env, capture_output=True, text=True,
                          check=False)
    return "--no-cache" in done.stdout


def measure(runner: Runner, root: Path, runs: int, no_cache_option: bool) -> dict[str, tuple[float, float]]:
    dx = [*dxtrack_argv(), "--repo", str(root)]
    cold = ["--no-cache"] if no_cache_option else []
    off = {"DXTRACK_NO_CACHE": "1"}
    results: dict[str, tuple[float, float]] = {}
    results["floor"] = runner.median(runs, lambda: ([sys.executable, "-c", FLOOR_SCRIPT, str(root)], {}))
    results["cat"] = runner.median(
        runs, lambda: ([f"find '{root}' -name '*.yaml' -exec cat {{}} + > /dev/null"], {"shell": True}))
    results["check"] = runner.median(runs, lambda: ([*dx, "check", "--format", "json", *cold], {"extra": off}))
    results["status"] = runner.median(
        runs, lambda: ([*dx, "status", "--format", "json", "--as-of", AS_OF, *cold], {"extra": off}))

    warm = runner.fresh_cache()
    trace = {"DXTRACK_CACHE_TRACE": str(warm / "trace.jsonl")}  # what each run did with the cache
    check = [*dx, "check", "--format", "json"]
    runner.run(check, cache=warm, extra=trace)  # fills the cache
    results["check-w"] = runner.median(runs, lambda: (check, {"cache": warm, "extra": trace}))
    victim = sorted((root / "activities").rglob("*.yaml"))[0]

    def change(i: int) -> None:
        with victim.open("a", encoding="utf-8") as f:
            f.write(f"# sửa lần {i}\n")

    results["check-w1"] = runner.median(runs, lambda: (check, {"cache": warm, "extra": trace}), before=change)
    status = [*dx, "status", "--format", "json", "--as-of", AS_OF]
    runner.run(status, cache=warm, extra=trace)
    results["status-w"] = runner.median(runs, lambda: (status, {"cache": warm, "extra": trace}))
    traced = warm / "trace.jsonl"
    if traced.exists():  # fill, warm ×runs, changed ×runs, fill, warm ×runs
        memo = [json.loads(line).get("memo", "?") for line in traced.read_text(encoding="utf-8").splitlines()]
        results["memo"] = " ".join(memo)  # type: ignore[assignment]

    results["docx"] = runner.median(runs, lambda: (
        [*dx, "report", "--format", "docx", "--as-of", AS_OF, "-o", str(runner.fresh_cache() / "report.docx")], {}))
    return results


def warm_up(runner: Runner, seed: int) -> None:
    """One run of every command on a small repo: the bytecode is written and the files are in the
    page cache before anything is timed."""
    root = runner.scratch / "warm-up"
    generate(root, 60, 3, seed)
    measure(runner, root, 1, has_no_cache(runner))
    shutil.rmtree(root)


def startup(runner: Runner, runs: int) -> dict[str, float]:
    script = Path(sys.executable).with_name("dxtrack")
    cases = {"import typer": [sys.executable, "-c", "import typer"],
             "--version": [*dxtrack_argv(), "--version"],
             "--help": [*dxtrack_argv(), "--help"],
             "check --help": [*dxtrack_argv(), "check", "--help"],
             "status --help": [*dxtrack_argv(), "status", "--help"]}
    if script.exists():
        cases.update({"script --version": [str(script), "--version"], "script --help": [str(script), "--help"],
                      "script check --help": [str(script), "check", "--help"]})
    cache = runner.fresh_cache()
    times: dict[str, list[float]] = {name: [] for name in cases}
    for argv in cases.values():  # once each first: bytecode written, files in the page cache
        runner.run(argv, cache=cache)
    for _ in range(runs):  # interleaved, so that a slow moment of the machine hits every case alike
        for name, argv in cases.items():
            times[name].append(runner.run(argv, cache=cache)[0])
    return {name: statistics.median(taken) for name, taken in times.items()}


def table(title: str, columns: list[str], results: dict[str, dict[str, tuple[float, float]]]) -> None:
    print(f"\n{title}")
    head = f"{'':38}" + "".join(f"{c:>26}" for c in columns)
    print(head)
    print(f"{'':38}" + "".join(f"{'s   ×floor   RSS MB':>26}" for _ in columns))
    for row in ROWS:
        cells = []
        for column in columns:
            seconds, rss = results[column][row]
            floor = results[column]["floor"][0]
            cells.append(f"{seconds:8.2f} {seconds / floor:7.2f} {rss:9.0f}")
        print(f"{LABELS[row]:38}" + "".join(f"{c:>26}" for c in cells))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,20000,30000", help="record counts, comma-separated")
    parser.add_argument("--units", type=int, default=50)
    parser.add_argument("--many-units", type=int, default=500, help="units of the variant at the first size (0: none)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--startup-runs", type=int, default=15)
    parser.add_argument("--quick", action="store_true", help="smoke run: 2,000 records, 1 run, 5 start-up runs")
    parser.add_argument("--no-bytecode", action="store_true", help="keep PYTHONDONTWRITEBYTECODE as it is")
    parser.add_argument("--seed", type=int, default=380)
    args = parser.parse_args()
    if args.quick:
        args.sizes, args.runs, args.startup_runs, args.many_units = "2000", 1, 5, 100
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]

    with tempfile.TemporaryDirectory(prefix="dxtrack-bench-") as tmp:
        scratch = Path(tmp)
        env = dict(os.environ)
        env.pop("DXTRACK_NO_CACHE", None)
        env.pop("GITHUB_ACTIONS", None)
        env.pop("GITHUB_STEP_SUMMARY", None)
        env["DXTRACK_LANG"] = "vi"
        if not args.no_bytecode:
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            env["PYTHONPYCACHEPREFIX"] = str(scratch / "pycache")
        runner = Runner(env, scratch)
        no_cache_option = has_no_cache(runner)
        import dxtrack

        print(f"dxtrack {dxtrack.__version__} from {Path(dxtrack.__file__).parent}; Python {sys.version.split()[0]}; "
              f"{os.cpu_count()} CPUs; median of {args.runs} runs; cold runs: "
              f"{'--no-cache' if no_cache_option else 'DXTRACK_NO_CACHE=1 (no --no-cache option)'}; "
              f"bytecode {'as the environment says' if args.no_bytecode else 'cached (PYTHONPYCACHEPREFIX)'}")

        warm_up(runner, args.seed)
        variants = [(n, args.units) for n in sizes]
        if args.many_units:
            variants.append((sizes[0], args.many_units))
        results: dict[str, dict[str, tuple[float, float]]] = {}
        for records, units in variants:
            root = scratch / f"repo-{records}-{units}"
            generate(root, records, units, args.seed)
            name = f"{records // 1000}k×{units}u" if records >= 1000 else f"{records}×{units}u"
            started = time.perf_counter()
            results[name] = measure(runner, root, args.runs, no_cache_option)
            print(f"  measured {name} in {time.perf_counter() - started:.0f} s", file=sys.stderr)
            shutil.rmtree(root)
        names = list(results)
        for name in names:
            memo = results[name].pop("memo", None)
            if memo:
                print(f"  cache of the warm runs at {name} (fill, check warm, check after a change, fill, status "
                      f"warm): {memo}", file=sys.stderr)
        table("Seconds (median), ratio to the parse floor, peak RSS of the process", names, results)

        base = names[0]
        growth = names[1:len(sizes)]
        if growth or args.many_units:
            print(f"\nGrowth against {base} (time ratio; linear in records is the size ratio)")
            cols = growth + ([names[-1]] if args.many_units else [])
            print(f"{'':38}" + "".join(f"{c + ' / ' + base:>22}" for c in cols))
            for row in ["floor", "check", "status", "check-w", "docx"]:
                print(f"{LABELS[row]:38}" + "".join(
                    f"{results[c][row][0] / results[base][row][0]:22.2f}" for c in cols))

        times = startup(runner, args.startup_runs)
        typer = times["import typer"]
        print(f"\nStart-up, median of {args.startup_runs} runs, ratio to `python -c \"import typer\"`")
        for name, taken in times.items():
            print(f"{name:38}{taken * 1000:8.1f} ms {taken / typer:7.2f}")


if __name__ == "__main__":
    main()
