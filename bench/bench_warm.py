"""Warm re-render, in one process: what `notawriter watch` does after "change one option".

Three figures, each a median over many cycles (after warm-up), each cycle changing the note:

- render:               the loaded model is changed (keuze of `migratie` toggles between its options
                        and the open state, and a tekstsuggestie gets a new sentence), then
                        `render_nota` makes both documents as bytes.            Goal: ≤ 50 ms.
- load + render:        the note file is edited on disk (same changes), then `load_note` +
                        `render_nota` (the YAML parse and validation included).
- load + render + write: `render_note` as `watch` calls it: load, render, check the existing
                        files (overwrite rules) and write both atomically (fsync included).

    python bench/bench_warm.py [--runs 40]
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import EXAMPLE, Row, Series, fresh_dir, print_machine, print_table, wall_cpu  # noqa: E402

GOAL_MS = 50.0
CHOICES = ("overnemen", "niet-overnemen", "")
_KEUZE = re.compile(r"^(    keuze:).*$", re.MULTILINE)
_SUGGESTION = "        tekstsuggestie: |\n"


def edited_text(original: str, cycle: int) -> str:
    """The example with keuze of `migratie` set to the cycle's option and a tekstsuggestie changed."""
    choice = CHOICES[cycle % len(CHOICES)]
    text, found = _KEUZE.subn(lambda m: f"{m.group(1)} {choice}".rstrip(), original, count=1)
    if not found or _SUGGESTION not in text:
        raise SystemExit(f"{EXAMPLE.name}: no '    keuze:' line or '{_SUGGESTION.strip()}' block to change; update bench_warm.py")
    at = text.index(_SUGGESTION) + len(_SUGGESTION)
    return text[:at] + f"          Versie {cycle} van deze tekst.\n" + text[at:]


def run(runs: int = 40, warmup: int = 5) -> list[Row]:
    from notawriter.notefile import load_note
    from notawriter.render import render_nota, render_note

    print_machine("warm re-render (in-process)")
    work = fresh_dir("warm")
    note = work / EXAMPLE.name
    original = EXAMPLE.read_text(encoding="utf-8")
    note.write_text(original, encoding="utf-8")
    out = work / "out"

    nota = load_note(note)
    point = nota.beslispunt("migratie")
    base_suggestion = point.opties[0].tekstsuggestie or ""

    def render_only(cycle: int) -> tuple[float, float]:
        point.keuze = CHOICES[cycle % len(CHOICES)] or None
        point.opties[0].tekstsuggestie = f"Versie {cycle} van deze tekst. {base_suggestion}"
        start, cpu = time.perf_counter(), time.process_time()
        docs = render_nota(nota)
        elapsed = time.perf_counter() - start, time.process_time() - cpu
        assert docs and all(d.data for d in docs)
        return elapsed

    def load_and_render(cycle: int) -> tuple[float, float]:
        note.write_text(edited_text(original, cycle), encoding="utf-8")
        start, cpu = time.perf_counter(), time.process_time()
        render_nota(load_note(note))
        return time.perf_counter() - start, time.process_time() - cpu

    def load_render_write(cycle: int) -> tuple[float, float]:
        note.write_text(edited_text(original, cycle), encoding="utf-8")
        start, cpu = time.perf_counter(), time.process_time()
        report = render_note(note, out_dir=out)
        elapsed = time.perf_counter() - start, time.process_time() - cpu
        assert report.paths
        return elapsed

    parts = {"render": render_only, "load + render": load_and_render, "load + render + write": load_render_write}
    series = {name: Series(name) for name in parts}
    cycle = 0
    for i in range(warmup + runs):
        for name, fn in parts.items():  # interleaved, a new change every call
            cycle += 1
            timing = fn(cycle)
            if i >= warmup:
                series[name].add(timing)
    shutil.rmtree(work, ignore_errors=True)

    print(f"runs: {runs} per figure (after {warmup} warm-up rounds), both documents each time")
    for s in series.values():
        print(f"  {s.name:24s} {s.ms()}")
    render = series["render"].median * 1000
    print(f"  goal: render ≤ {GOAL_MS:.0f} ms")
    return [
        Row("warm", "render (2 docs, bytes)", wall_cpu(series["render"]), f"≤ {GOAL_MS:.0f} ms", render <= GOAL_MS),
        Row("warm", "load + render", wall_cpu(series["load + render"])),
        Row("warm", "load + render + write", wall_cpu(series["load + render + write"]), seconds=series["load + render + write"].median),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=40)
    print_table(run(parser.parse_args().runs))


if __name__ == "__main__":
    main()
