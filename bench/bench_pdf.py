"""PDF times (`render --pdf`, `watch --pdf`) beside LibreOffice's own conversion of the same files.

The example is rendered once (with --openbaar: nota, Kamerbrief, public nota; the bijlage too if
the note has recommendations); then, per document and for all together:

- plain LibreOffice:  `soffice --headless --convert-to pdf --outdir TMP FILE…` with a fresh
                      temporary profile, as anyone would run it (no PDF/A, no tagging)
- cold:               notawriter's BatchConverter (what `render --pdf` runs after writing the
                      .docx): one `soffice --convert-to` with PDF/A-2 + tagged PDF, a fresh
                      profile, the checks, and the PDFs written atomically
- kept profile:       the same with a profile kept between runs (watch --pdf without uno)
- warm:               notawriter's WarmConverter (what `watch --pdf` keeps): LibreOffice already
                      running, the document converted through uno (skipped without a Python with
                      LibreOffice's uno module, e.g. Debian's python3-uno)

and the whole command: `notawriter render NOTE --openbaar --pdf` against the same without --pdf.
Cold figures run interleaved (one of each per round, after a warm-up round); medians. CPU time is
the finished child processes' (LibreOffice included); the warm converter's LibreOffice does not
finish, so its figures are wall time only.

    python bench/bench_pdf.py [--runs 3] [--warm-runs 8]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (  # noqa: E402
    EXAMPLE,
    Row,
    Series,
    fresh_dir,
    interleaved,
    notawriter_command,
    print_machine,
    print_table,
    time_process,
    wall_cpu,
)

try:
    import resource
except ImportError:  # not on Windows: wall times only
    resource = None  # type: ignore[assignment]


def _timed_children(fn: Callable[[], object]) -> tuple[float, float] | float:
    """(wall, CPU of the child processes that finished meanwhile) of one call."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN) if resource else None
    start = time.perf_counter()
    fn()
    elapsed = time.perf_counter() - start
    if before is None:
        return elapsed
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return elapsed, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _plain(soffice: str, files: Sequence[Path]) -> Callable[[], tuple[float, float] | float]:
    """LibreOffice's own conversion: plain `--convert-to pdf`, a fresh profile (so it never meets an open LibreOffice)."""

    def run() -> tuple[float, float] | float:
        with tempfile.TemporaryDirectory(prefix="notawriter-bench-plain-") as tmp:
            profile = Path(tmp) / "profile"
            argv = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                    "--convert-to", "pdf", "--outdir", str(Path(tmp) / "out"), *map(str, files)]
            timing = _timed_children(lambda: subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True, check=True))
            missing = [f.name for f in files if not (Path(tmp) / "out" / f"{f.stem}.pdf").exists()]
            if missing:
                raise RuntimeError(f"plain soffice made no PDF of {missing}")
            return timing

    return run


def _notawriter(converter: object, files: Sequence[Path]) -> Callable[[], tuple[float, float] | float]:
    """notawriter's PDF step on copies of the files (every PDF made again: the .docx count as just written)."""
    from notawriter.pdf import write_pdfs

    def run() -> tuple[float, float] | float:
        with tempfile.TemporaryDirectory(prefix="notawriter-bench-pdf-") as tmp:
            copies = []
            for f in files:
                copies.append(Path(tmp) / f.name)
                shutil.copyfile(f, copies[-1])
            timing = _timed_children(lambda: write_pdfs(copies, copies, converter))  # type: ignore[arg-type]
            assert all(c.with_suffix(".pdf").exists() for c in copies)
            return timing

    return run


def _pages(pdf_folder: Path, files: Sequence[Path]) -> dict[str, int]:
    from pypdf import PdfReader

    return {f.stem: len(PdfReader(str(pdf_folder / f"{f.stem}.pdf")).pages) for f in files}


def run(runs: int = 3, warm_runs: int = 8) -> list[Row]:
    from notawriter.pdf import BatchConverter, WarmConverter, find_soffice, find_uno_python, write_pdfs
    from notawriter.render import render_note

    print_machine("PDF (LibreOffice)")
    soffice = find_soffice()
    if soffice is None:
        print("LibreOffice (soffice) not found: PDF figures skipped")
        return [Row("pdf", "LibreOffice", "not installed, skipped")]
    version = subprocess.run([soffice, "--version"], capture_output=True, text=True).stdout.strip()
    print(f"LibreOffice: {soffice} ({version})")
    work = fresh_dir("pdf")
    note = work / EXAMPLE.name
    shutil.copy(EXAMPLE, note)
    report = render_note(note, openbaar=True)
    files = sorted(report.paths, key=lambda p: (p.stem.endswith("openbaar"), p.stem))
    write_pdfs(files, files, BatchConverter(soffice))  # for the page counts
    pages = _pages(work, files)
    short = {f: f.stem.removeprefix(note.stem + "-") for f in files}
    print("documents: " + ", ".join(f"{short[f]} ({pages[f.stem]} p.)" for f in files))

    cold = BatchConverter(soffice)
    kept = BatchConverter(soffice, keep_profile=True)
    commands: dict[str, Callable[[], tuple[float, float] | float]] = {}
    for group in [[f] for f in files] + [files]:
        label = short[group[0]] if len(group) == 1 else f"all {len(group)} documents"
        commands[f"plain|{label}"] = _plain(soffice, group)
        commands[f"cold|{label}"] = _notawriter(cold, group)
        commands[f"kept|{label}"] = _notawriter(kept, group)
    cli = notawriter_command()

    def command(*extra: str) -> Callable[[], tuple[float, float] | float]:
        # a new output folder every run: every document (and PDF) is written, none "unchanged"
        return lambda: time_process([*cli, "render", str(note), *extra, "-o", tempfile.mkdtemp(dir=work)])

    commands["cli|render --openbaar"] = command("--openbaar")
    commands["cli|render --openbaar --pdf"] = command("--openbaar", "--pdf")
    print(f"cold: {runs} runs each (interleaved, after one warm-up round) …", flush=True)
    series = interleaved(commands, runs)
    kept.close()

    warm: dict[str, Series] = {}
    uno = find_uno_python(soffice)
    if uno is None:
        print("warm: no Python with LibreOffice's uno module (Debian/Ubuntu: python3-uno); skipped")
    else:
        print(f"warm: {warm_runs} runs per document after one warm-up round (uno via {uno}) …", flush=True)
        converter = WarmConverter(soffice, uno)
        try:
            started = time.perf_counter()
            _notawriter(converter, files[:1])()
            warm["start + first"] = Series("start + first", [time.perf_counter() - started])
            for f in files:
                _notawriter(converter, [f])()
            for _ in range(warm_runs):
                for group in [[f] for f in files] + [files]:
                    label = short[group[0]] if len(group) == 1 else f"all {len(group)} documents"
                    timing = _notawriter(converter, group)()
                    warm.setdefault(label, Series(label)).add(timing[0] if isinstance(timing, tuple) else timing)
        finally:
            converter.close()
        if converter.fallback:
            print(f"warm: fell back to batch runs ({converter.fallback}); figures are not warm")

    rows: list[Row] = []
    print()
    for name, s in series.items():
        print(f"  {name:40s} {s.ms()}")
    for name, s in warm.items():
        print(f"  warm|{name:35s} {s.ms()}")
    page_of = {short[f]: pages[f.stem] for f in files}
    labels = [short[f] for f in files] + [f"all {len(files)} documents"]
    for label in labels:
        plain = series[f"plain|{label}"]
        suffix = f" ({page_of[label]} p.)" if label in page_of else ""
        rows.append(Row("pdf", f"{label}{suffix}: plain soffice", wall_cpu(plain)))
        rows.append(Row("pdf", f"{label}: cold (render --pdf)", f"{wall_cpu(series[f'cold|{label}'])}, {_ratio(series[f'cold|{label}'], plain)}"))
        rows.append(Row("pdf", f"{label}: kept profile", f"{wall_cpu(series[f'kept|{label}'])}, {_ratio(series[f'kept|{label}'], plain)}"))
        if label in warm:
            rows.append(Row("pdf", f"{label}: warm (watch --pdf)", f"{wall_cpu(warm[label])}, {_ratio(warm[label], plain)}"))
    if "start + first" in warm:
        rows.append(Row("pdf", "watch --pdf: LibreOffice start + first", wall_cpu(warm["start + first"])))
    without, with_pdf = series["cli|render --openbaar"], series["cli|render --openbaar --pdf"]
    rows.append(Row("pdf", "notawriter render --openbaar", wall_cpu(without)))
    rows.append(Row("pdf", "notawriter render --openbaar --pdf", f"{wall_cpu(with_pdf)} (+{(with_pdf.median - without.median) * 1000:.0f} ms)"))
    shutil.rmtree(work, ignore_errors=True)
    return rows


def _ratio(series: Series, plain: Series) -> str:
    return f"{series.median / plain.median:.2f}× plain"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--warm-runs", type=int, default=8)
    args = parser.parse_args()
    print_table(run(args.runs, args.warm_runs))


if __name__ == "__main__":
    main()
