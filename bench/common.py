"""Shared helpers for the benchmark scripts: paths, machine line, timers, medians, tables.

Only the standard library: the scripts must run anywhere `notawriter` is installed.
"""

from __future__ import annotations

import atexit
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

try:
    import resource
except ImportError:  # not on Windows: wall times only
    resource = None  # type: ignore[assignment]

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "kabinetsreactie-iob.yaml"
DEFAULT_REFERENCE = REPO.parent / "shared" / "reference" / "beslisnota-kabinetsreactie-iob.md"
FLOOR_IMPORTS = "import docxtpl, pydantic, ruamel.yaml, babel.dates"
# `import pydantic` is lazy: it leaves out pydantic.main (BaseModel), which any model needs.
FLOOR_WITH_MODELS = "import docxtpl, pydantic.main, ruamel.yaml, babel.dates"


def machine() -> str:
    """One line naming the machine, so figures are never read without it."""
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return (
        f"{platform.system()} {platform.release()} ({platform.machine()}), {cpu}, "
        f"{os.cpu_count()} CPU(s), Python {platform.python_version()} ({platform.python_implementation()})"
    )


def load_average() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except (AttributeError, OSError):
        return "unknown"


def print_machine(title: str) -> None:
    print(f"== {title}")
    print(f"machine: {machine()}")
    print(f"load average now: {load_average()} (other work on the machine inflates wall times; CPU times much less)")


def notawriter_command() -> list[str]:
    """The console script beside this Python (what users run), else `python -m notawriter`."""
    beside = Path(sys.executable).parent / "notawriter"
    if beside.exists():
        return [str(beside)]
    script = shutil.which("notawriter")
    return [script] if script else [sys.executable, "-m", "notawriter"]


_PYCACHE: list[str] = []


def quiet_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment for measured child processes. Bytecode caching is on, as for an installed
    notawriter, in a private cache folder (the work tree stays clean): an environment with
    PYTHONDONTWRITEBYTECODE=1 would otherwise compile notawriter's modules in every cold start
    (30-50 ms here)."""
    env = dict(os.environ)
    for name in ("PYTHONPROFILEIMPORTTIME", "NOTAWRITER_DEBUG", "PYTHONDONTWRITEBYTECODE"):
        env.pop(name, None)
    if not _PYCACHE:
        _PYCACHE.append(tempfile.mkdtemp(prefix="notawriter-bench-pycache-"))
        atexit.register(shutil.rmtree, _PYCACHE[0], True)
    env["PYTHONPYCACHEPREFIX"] = _PYCACHE[0]
    env.update(extra or {})
    return env


def time_process(
    argv: Sequence[str], cwd: Path | None = None, env: dict[str, str] | None = None
) -> tuple[float, float] | float:
    """(wall, CPU) seconds of one cold process (wall only where `resource` is missing); raises
    if it fails. CPU time (user + system, the kernel's account of the finished child) hardly
    changes when other work competes for the cores, so it is shown beside the wall time. `env`:
    variables set on top of `quiet_env()`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN) if resource else None
    start = time.perf_counter()
    proc = subprocess.run(list(argv), cwd=cwd, env=quiet_env(env), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, argv))} failed ({proc.returncode}): {proc.stderr.decode(errors='replace')[-800:]}")
    if before is None:
        return elapsed
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return elapsed, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


@dataclass
class Series:
    """Timings of one measured thing: wall seconds, and CPU seconds where known."""

    name: str
    samples: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)

    def add(self, timing: float | tuple[float, float]) -> None:
        if isinstance(timing, tuple):
            self.samples.append(timing[0])
            self.cpu.append(timing[1])
        else:
            self.samples.append(timing)

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def cpu_median(self) -> float | None:
        return statistics.median(self.cpu) if self.cpu else None

    def ms(self) -> str:
        cpu = f", CPU {self.cpu_median * 1000:.1f}" if self.cpu_median is not None else ""
        return (
            f"{self.median * 1000:8.1f} ms  (min {min(self.samples) * 1000:.1f}, max {max(self.samples) * 1000:.1f}"
            f"{cpu}, n={len(self.samples)})"
        )


def wall_cpu(series: Series) -> str:
    """'412 ms (CPU 380)' for a table cell."""
    cpu = f" (CPU {series.cpu_median * 1000:.0f})" if series.cpu_median is not None else ""
    return f"{series.median * 1000:.0f} ms{cpu}"


def interleaved(
    commands: dict[str, Callable[[], float | tuple[float, float]]], runs: int, warmup: int = 1
) -> dict[str, Series]:
    """Run every command once per round, `runs` rounds, so drift and noise hit all of them alike."""
    for _ in range(warmup):
        for fn in commands.values():
            fn()
    series = {name: Series(name) for name in commands}
    for _ in range(runs):
        for name, fn in commands.items():
            series[name].add(fn())
    return series


def timed(fn: Callable[[], object]) -> Callable[[], tuple[float, float]]:
    """A function that runs `fn` and returns its (wall, CPU) seconds in this process."""

    def run() -> tuple[float, float]:
        start, cpu = time.perf_counter(), time.process_time()
        fn()
        return time.perf_counter() - start, time.process_time() - cpu

    return run


def fresh_dir(prefix: str) -> Path:
    return Path(tempfile.mkdtemp(prefix=f"notawriter-bench-{prefix}-"))


@dataclass
class Row:
    """One line of the summary table: a figure, its goal and whether it is met."""

    part: str
    figure: str
    value: str
    goal: str = ""
    ok: bool | None = None
    seconds: float | None = None  # the median behind `value`, for ratios across parts

    def cells(self) -> list[str]:
        verdict = "" if self.ok is None else ("ok" if self.ok else "MISSED")
        return [self.part, self.figure, self.value, self.goal, verdict]


def print_table(rows: list[Row]) -> None:
    header = ["part", "figure", "value", "goal", ""]
    table = [header] + [r.cells() for r in rows]
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    for i, row in enumerate(table):
        print("  ".join(cell.ljust(widths[j]) for j, cell in enumerate(row)).rstrip())
        if i == 0:
            print("  ".join("-" * w for w in widths))
