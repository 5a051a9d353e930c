"""Where a cold render's time goes beyond the import floor: in-process timers around each step of
`notawriter render`, in fresh processes (median per step).

Steps, in the order the command takes them: the floor's imports (not counted), the command line
(argparse), pydantic.main (left out of the floor: `import pydantic` is lazy), the model classes,
pydantic building their validator (done on first validation; forced here to time it apart),
notawriter's other modules, loading the note (YAML and validation), Babel's first Dutch date
(loads the locale data), both documents, writing them.

    python bench/bench_phases.py [--runs 11]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import EXAMPLE, FLOOR_IMPORTS, Row, print_machine, print_table, quiet_env  # noqa: E402

# Runs in the measured process; prints {step: ms} as JSON. Mirrors cmd_render/render_note.
_CHILD = f"""
import time
marks = [("start", time.perf_counter())]
def mark(name):
    marks.append((name, time.perf_counter()))
{FLOOR_IMPORTS}
mark("import floor")
import os
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")  # as the notawriter command (cli.run) does
import notawriter.cli as cli
cli.build_parser()
mark("command line")
import pydantic.main
mark("pydantic.main")
import notawriter.model
mark("model classes")
notawriter.model.Nota.model_rebuild()  # what the first validation would do (defer_build)
mark("validator build")
import notawriter.render as render, notawriter.notefile as notefile
mark("other modules")
from pathlib import Path
nota = notefile.load_note(Path({str(EXAMPLE)!r}))
mark("load: YAML + validate")
from notawriter.dates import format_date
format_date(nota.kop.datum)
mark("Babel locale")
documents = render.render_nota(nota)
mark("render 2 documents")
import tempfile
from notawriter.fsutil import atomic_write_bytes
folder = Path(tempfile.mkdtemp(prefix="notawriter-bench-phases-"))
for document in documents:
    atomic_write_bytes(folder / (document.name + ".docx"), document.data)
mark("write 2 files")
import json, shutil
shutil.rmtree(folder, ignore_errors=True)
print(json.dumps({{marks[i][0]: (marks[i][1] - marks[i - 1][1]) * 1000 for i in range(1, len(marks))}}))
"""


def run(runs: int = 11) -> list[Row]:
    print_machine("phases of a cold render (in-process timers)")
    samples = []
    for _ in range(runs + 1):  # the first run warms bytecode and template caches
        proc = subprocess.run([sys.executable, "-c", _CHILD], env=quiet_env(), capture_output=True, text=True)
        if proc.returncode != 0:
            raise RuntimeError(f"phases child failed: {proc.stderr[-800:]}")
        samples.append(json.loads(proc.stdout))
    samples = samples[1:]
    steps = {name: statistics.median(s[name] for s in samples) for name in samples[0]}
    beyond = sum(ms for name, ms in steps.items() if name != "import floor")
    print(f"runs: {runs} fresh processes (after one warm-up); medians per step")
    for name, ms in steps.items():
        print(f"  {name:20s} {ms:7.1f} ms{'  (the floor, not counted)' if name == 'import floor' else ''}")
    print(f"  {'sum beyond floor':20s} {beyond:7.1f} ms  (interpreter start and exit are not in these timers)")
    return [Row("phases", f"  {name}", f"{ms:.1f} ms") for name, ms in steps.items() if name != "import floor"] + [
        Row("phases", "sum beyond floor (in-process)", f"{beyond:.0f} ms")
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    print_table(run(parser.parse_args().runs))


if __name__ == "__main__":
    main()
