"""Scaling: notes with 10, 100 and 1000 decision points (generated, see gen_notes.py).

Each size runs in fresh processes (`python bench/bench_scale.py --child NOTE`), so one size's
caches and memory never help or hurt another:

- time:  load (YAML + validation) and render of both documents to bytes, in-process timers
         (wall, and CPU of the process); median over --runs processes;
- peak:  the process's peak resident memory (VmHWM from /proc/self/status, else getrusage
         ru_maxrss; the whole interpreter included) and, in one extra process per size, tracemalloc's peak of Python allocations
         (tracemalloc slows Python down, so that run is not timed).

Goals: time(1000) ≤ 12 × time(100); peak RSS(1000) ≤ 300 MB.

    python bench/bench_scale.py [--sizes 10 100 1000] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import Row, fresh_dir, print_machine, print_table, quiet_env  # noqa: E402

GOAL_RATIO = 12.0
GOAL_PEAK_MB = 300.0


def child(note: Path, trace: bool) -> None:
    """Measure one note in this (fresh) process and print one JSON line."""
    import resource

    if trace:
        import tracemalloc

        tracemalloc.start()
    start = time.perf_counter()
    from notawriter.notefile import load_note
    from notawriter.render import render_nota

    imported, cpu_start = time.perf_counter(), time.process_time()
    nota = load_note(note)
    loaded = time.perf_counter()
    docs = render_nota(nota)
    rendered, cpu_end = time.perf_counter(), time.process_time()
    result = {
        "imports": imported - start,
        "load": loaded - imported,
        "render": rendered - loaded,
        "total": rendered - imported,
        "cpu": cpu_end - cpu_start,
        "bytes": sum(len(d.data) for d in docs),
        "maxrss_mb": peak_rss_mb(resource),
    }
    if trace:
        result["traced_peak_mb"] = tracemalloc.get_traced_memory()[1] / 1024 / 1024
    print(json.dumps(result))


def peak_rss_mb(resource: object) -> float:
    """Peak resident memory of this process. Linux: VmHWM, which starts afresh at exec;
    ru_maxrss would still count the parent that forked us (the benchmark, with its big note)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # type: ignore[attr-defined]  # kB on Linux


def measure(note: Path, trace: bool = False) -> dict[str, float]:
    argv = [sys.executable, str(Path(__file__).resolve()), "--child", str(note)] + (["--trace"] if trace else [])
    proc = subprocess.run(argv, env=quiet_env(), capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"{note.name}: {proc.stderr[-1500:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def run(sizes: list[int] = [10, 100, 1000], runs: int = 3) -> list[Row]:  # noqa: B006
    from gen_notes import write_note

    print_machine("scaling (fresh process per measurement)")
    folder = fresh_dir("scale")
    try:
        notes = {}
        for size in sizes:
            notes[size] = write_note(size, folder)
            print(f"  generated {notes[size].name}: {notes[size].stat().st_size / 1024:.0f} kB")
        results: dict[int, list[dict[str, float]]] = {size: [] for size in sizes}
        for _ in range(runs):  # round-robin over the sizes
            for size in sizes:
                results[size].append(measure(notes[size]))
        traced = {size: measure(notes[size], trace=True) for size in sizes}
    finally:
        shutil.rmtree(folder, ignore_errors=True)

    def med(size: int, key: str) -> float:
        return statistics.median(r[key] for r in results[size])

    print(f"  {'points':>6}  {'load':>9}  {'render':>9}  {'total':>9}  {'CPU':>9}  {'peak RSS':>9}  {'traced peak':>11}  {'docx':>8}")
    for size in sizes:
        print(
            f"  {size:>6}  {med(size, 'load') * 1000:7.0f}ms  {med(size, 'render') * 1000:7.0f}ms  "
            f"{med(size, 'total') * 1000:7.0f}ms  {med(size, 'cpu') * 1000:7.0f}ms  {med(size, 'maxrss_mb'):7.0f}MB  "
            f"{traced[size]['traced_peak_mb']:9.0f}MB  {med(size, 'bytes') / 1024:6.0f}kB"
        )
    rows = [
        Row("scale", f"{size} points: load + render", f"{med(size, 'total') * 1000:.0f} ms "
            f"(load {med(size, 'load') * 1000:.0f} + render {med(size, 'render') * 1000:.0f})")
        for size in sizes
    ]
    if 100 in sizes and 1000 in sizes:
        ratio = med(1000, "total") / med(100, "total")
        cpu_ratio = med(1000, "cpu") / med(100, "cpu")
        print(f"  time(1000) / time(100) = {ratio:.1f} (CPU {cpu_ratio:.1f})  (goal ≤ {GOAL_RATIO:.0f})")
        rows.append(
            Row("scale", "time(1000) / time(100)", f"{ratio:.1f}× (CPU {cpu_ratio:.1f}×)", f"≤ {GOAL_RATIO:.0f}×", ratio <= GOAL_RATIO)
        )
    biggest = max(sizes)
    peak = med(biggest, "maxrss_mb")
    rows.append(Row("scale", f"peak RSS, {biggest} points", f"{peak:.0f} MB", f"≤ {GOAL_PEAK_MB:.0f} MB", peak <= GOAL_PEAK_MB))
    rows.append(Row("scale", f"tracemalloc peak, {biggest} points", f"{traced[biggest]['traced_peak_mb']:.0f} MB"))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--trace", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.trace)
        return
    print_table(run(args.sizes, args.runs))


if __name__ == "__main__":
    main()
