"""PDF output (`render --pdf`, `watch --pdf`): each written .docx also as PDF, through LibreOffice.

Called after the documents are written, with their paths; it never touches a .docx.

- Every PDF is PDF/A-2b and tagged (LibreOffice's writer_pdf_Export with SelectPdfVersion 2 and
  UseTaggedPDF), so whichever document is published — the public version, or a Kamerbrief that
  has nothing to redact and is its own public version — is ready for it. The document language
  (nl-NL) and the title come from the .docx: its default text language and its core properties
  (a user's template without a text language gets nl-NL from the profile LibreOffice runs with).
- One LibreOffice for all documents of a run: `render --pdf` starts one `soffice --headless
  --convert-to` with every file (BatchConverter); `watch --pdf` keeps one LibreOffice running,
  driven through its `uno` bindings by a small worker script (WarmConverter, pdf_worker.py), and
  falls back to one batch run per render, with a kept profile, when no Python with `uno` exists.
- LibreOffice always runs with its own temporary profile (-env:UserInstallation), so it never
  meets a LibreOffice the user has open, and within a bounded time (NOTAWRITER_PDF_TIMEOUT).
- Nothing half-written: all PDFs of a run are made in a temporary folder and checked (a complete
  PDF that declares PDF/A-2) before any is put in place, all together (fsutil.write_all). A
  failure leaves every existing PDF as it was.
- Overwrite rule: a PDF is derived, never edited by hand, so it is replaced whenever its .docx
  was written in this run. For a .docx that was left unchanged, an existing PDF is kept when it is
  newer than the .docx and is a complete PDF/A-2 (otherwise it is made again).
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from notawriter import fsutil
from notawriter.errors import OutputError, os_reason

SOFFICE_ENV = "NOTAWRITER_SOFFICE"
TIMEOUT_ENV = "NOTAWRITER_PDF_TIMEOUT"
UNO_PYTHON_ENV = "NOTAWRITER_UNO_PYTHON"

FILTER = "writer_pdf_Export"
#: writer_pdf_Export's options: PDF/A-2b (which implies embedded fonts and XMP metadata), tagged.
FILTER_OPTIONS: dict[str, int | bool | str] = {"SelectPdfVersion": 2, "UseTaggedPDF": True}
PDFA_MARK = b"<pdfaid:part>2</pdfaid:part>"

INSTALL_HINT = (
    "installeer LibreOffice (Debian/Ubuntu: sudo apt-get install libreoffice-writer-nogui; "
    f"anders via libreoffice.org) of wijs het programma aan met {SOFFICE_ENV}=/pad/naar/soffice"
)
# Where LibreOffice lives when it is not on PATH (PATH itself is searched first).
_USUAL_PLACES = (
    "/opt/libreoffice/program/soffice",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    r"C:\Program Files\LibreOffice\program\soffice.exe",
)


class PdfError(OutputError):
    """LibreOffice is missing, failed or took too long; no PDF of the run was written."""


# --- finding LibreOffice --------------------------------------------------------------------------


def find_soffice() -> str | None:
    """The LibreOffice program: $NOTAWRITER_SOFFICE if set (and only that), else soffice or
    libreoffice on PATH, else the usual install places on macOS and Windows."""
    chosen = os.environ.get(SOFFICE_ENV, "").strip()
    candidates = [chosen] if chosen else ["soffice", "libreoffice", *_USUAL_PLACES]
    for candidate in candidates:
        found = shutil.which(candidate)
        if found:
            return found
    return None


def require_soffice() -> str:
    """The LibreOffice program, or a one-line PdfError saying what to install."""
    found = find_soffice()
    if found is not None:
        return found
    chosen = os.environ.get(SOFFICE_ENV, "").strip()
    if chosen:
        raise PdfError(f"{SOFFICE_ENV}={chosen}: dat programma bestaat niet of is niet uitvoerbaar; {INSTALL_HINT}")
    raise PdfError(f"--pdf: LibreOffice (soffice) niet gevonden; {INSTALL_HINT}")


def pdf_path(docx: Path) -> Path:
    """Where a document's PDF goes: beside it, same name, .pdf."""
    return docx.with_suffix(".pdf")


def convert_to_argument() -> str:
    """`--convert-to` value with the filter options in LibreOffice's JSON syntax (7.4 and later)."""
    typed: dict[str, dict[str, str]] = {}
    for name, value in FILTER_OPTIONS.items():
        if isinstance(value, bool):
            typed[name] = {"type": "boolean", "value": "true" if value else "false"}
        elif isinstance(value, int):
            typed[name] = {"type": "long", "value": str(value)}
        else:
            typed[name] = {"type": "string", "value": value}
    return f"pdf:{FILTER}:{json.dumps(typed, separators=(',', ':'))}"


def _timeout(documents: int) -> float:
    """Seconds one LibreOffice run may take: $NOTAWRITER_PDF_TIMEOUT per run, else a minute to
    start plus half a minute per document."""
    value = os.environ.get(TIMEOUT_ENV, "").strip()
    if value:
        try:
            seconds = float(value)
        except ValueError:
            raise PdfError(f"{TIMEOUT_ENV}={value}: geen getal; geef het aantal seconden, bijv. 120") from None
        if seconds > 0:
            return seconds
        raise PdfError(f"{TIMEOUT_ENV}={value}: moet groter dan 0 zijn (seconden)")
    return 60.0 + 30.0 * documents


# The profile's default document language: text a template leaves without a language (a user's
# own template) is Dutch too, so the PDF still declares /Lang nl-NL.
_PROFILE_SETTINGS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" \
xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Linguistic/General"><prop oor:name="DefaultLocale" oor:op="fuse">\
<value>nl-NL</value></prop></item>
</oor:items>
"""


def _profile_dir() -> Path:
    """A new, private LibreOffice profile folder (removed by whoever made it), Dutch by default."""
    folder = Path(tempfile.mkdtemp(prefix="notawriter-lo-profile-"))
    (folder / "user").mkdir()
    (folder / "user" / "registrymodifications.xcu").write_text(_PROFILE_SETTINGS, encoding="utf-8")
    return folder


def _soffice_base(soffice: str, profile: Path) -> list[str]:
    return [
        soffice,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--invisible",
        "--nologo",
        "--nodefault",
        "--norestore",
        "--nolockcheck",
    ]


def _start(argv: list[str], **kwargs: Any) -> subprocess.Popen[bytes]:
    """Start a process in its own process group, so it and its children can be stopped together
    (soffice is a script that starts oosplash, which starts soffice.bin)."""
    if os.name == "posix":
        kwargs["start_new_session"] = True
    try:
        return subprocess.Popen(argv, **kwargs)
    except OSError as exc:
        raise PdfError(f"{argv[0]}: LibreOffice kon niet worden gestart ({os_reason(exc)}); {INSTALL_HINT}") from None


def _stop(proc: subprocess.Popen[bytes] | None, grace: float = 5.0) -> None:
    """Stop a process this module started, with its process group (what is left of it)."""
    if proc is None:
        return
    if os.name != "posix":
        if proc.poll() is None:
            proc.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=grace)
        return
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGTERM)
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=grace)
    # soffice.bin may outlive the script that started it, or ignore the request
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=grace)


# --- converters ---------------------------------------------------------------------------------


@dataclass
class Job:
    docx: Path  # the user's document (for messages)
    src: Path  # its copy in the temporary folder
    dst: Path  # where the converter puts the PDF


class Converter(Protocol):
    def convert(self, jobs: Sequence[Job]) -> None:
        """Make every job's PDF at job.dst; raise PdfError when that cannot be done."""

    def close(self) -> None:
        """Stop what the converter started."""


class BatchConverter:
    """One `soffice --convert-to` run for all documents. With `keep_profile`, the profile is made
    once and used for every run until close() (later runs start faster); else a new one per run."""

    def __init__(self, soffice: str, keep_profile: bool = False) -> None:
        self.soffice = soffice
        self._profile: Path | None = _profile_dir() if keep_profile else None

    def convert(self, jobs: Sequence[Job]) -> None:
        if not jobs:
            return
        outdir = jobs[0].dst.parent
        if any(job.dst.parent != outdir or job.dst.stem != job.src.stem for job in jobs):
            raise ValueError("BatchConverter: every job's PDF must be <outdir>/<src stem>.pdf")
        profile = self._profile or _profile_dir()
        try:
            argv = [*_soffice_base(self.soffice, profile), "--convert-to", convert_to_argument(), "--outdir", str(outdir)]
            argv += [str(job.src) for job in jobs]
            log = self._run(argv, _timeout(len(jobs)))
        finally:
            if self._profile is None:
                shutil.rmtree(profile, ignore_errors=True)
        for job in jobs:
            problem = pdf_problem(job.dst)
            if problem:
                said = next((line.strip() for line in reversed(log.splitlines()) if "error" in line.lower()), "")
                detail = f"{problem}; LibreOffice meldde: {said[:200]}" if said else problem
                raise PdfError(f"{job.docx}: LibreOffice kon dit document niet als PDF/A opslaan ({detail}); geen PDF geschreven")

    def _run(self, argv: list[str], timeout: float) -> str:
        proc = _start(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        try:
            out, _ = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _stop(proc)
            raise PdfError(
                f"--pdf: LibreOffice was na {timeout:.0f} s niet klaar en is gestopt; geen PDF geschreven "
                f"(de .docx-bestanden wel); probeer opnieuw of geef meer tijd met {TIMEOUT_ENV}=SECONDEN"
            ) from None
        finally:
            if proc.poll() is None:
                _stop(proc)
        return out.decode("utf-8", errors="replace")

    def close(self) -> None:
        if self._profile is not None:
            shutil.rmtree(self._profile, ignore_errors=True)
            self._profile = None


def find_uno_python(soffice: str) -> str | None:
    """A Python that can `import uno`: $NOTAWRITER_UNO_PYTHON, LibreOffice's own (Windows, macOS),
    the system python3 (Debian/Ubuntu: python3-uno), this one."""
    program = Path(soffice).resolve().parent
    candidates = [
        os.environ.get(UNO_PYTHON_ENV, "").strip(),
        str(program / "python"),
        str(program / "python.exe"),
        str(program.parent / "Resources" / "python"),
        "/usr/bin/python3",
        sys.executable,
    ]
    for candidate in dict.fromkeys(c for c in candidates if c):
        path = shutil.which(candidate)
        if path is None:
            continue
        try:
            probe = subprocess.run([path, "-c", "import uno"], stdin=subprocess.DEVNULL, capture_output=True, timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            continue
        if probe.returncode == 0:
            return path
    return None


class WarmConverter:
    """A LibreOffice kept running between renders (for `watch --pdf`), converting through its
    `uno` bindings: only the first conversion pays LibreOffice's start. Without a Python that has
    `uno` (or when the connection fails), each render is one batch run with a kept profile;
    `fallback` then says why. After a failure or time-out LibreOffice is stopped and started
    again, with a new profile, on the next conversion."""

    def __init__(self, soffice: str, uno_python: str | None = None) -> None:
        self.soffice = soffice
        self._uno_python = uno_python
        self._profile = _profile_dir()
        self._profile_used = False
        self._office: subprocess.Popen[bytes] | None = None
        self._worker: subprocess.Popen[bytes] | None = None
        self._connected = False
        self._buffer = b""
        self._batch: BatchConverter | None = None
        self.fallback: str | None = None  # why conversions are not warm, once known

    @property
    def warm(self) -> bool:
        """LibreOffice and the worker are running (and connected, once a conversion asked)."""
        return self._worker is not None and self._worker.poll() is None

    @property
    def process_id(self) -> int | None:
        """The process id of the LibreOffice kept running (None when there is none)."""
        office = self._office
        return office.pid if office is not None and office.poll() is None else None

    def start(self) -> None:
        """Start LibreOffice and the worker; returns at once (the worker connects meanwhile)."""
        if self._batch is not None or self.warm:
            return
        self._stop_office()  # what is left of one that stopped
        python = self._uno_python or find_uno_python(self.soffice)
        if python is None:
            self._use_batch("geen Python met de uno-module van LibreOffice gevonden (Debian/Ubuntu: python3-uno)")
            return
        self._uno_python = python
        if self._profile_used:  # a stopped LibreOffice may have left its profile locked
            shutil.rmtree(self._profile, ignore_errors=True)
            self._profile = _profile_dir()
        self._profile_used = True
        pipe = f"notawriter-{os.getpid()}-{secrets.token_hex(6)}"
        self._office = _start(
            [*_soffice_base(self.soffice, self._profile), f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self._worker = _start(
            [python, str(Path(__file__).with_name("pdf_worker.py")), pipe, str(_timeout(0))],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            bufsize=0,
        )
        self._connected = False
        self._buffer = b""

    def convert(self, jobs: Sequence[Job]) -> None:
        if not jobs:
            return
        self.start()
        if self._batch is None and not self._connected:
            ready = self._answer(_timeout(0) + 5)
            if ready is None or not ready.get("ready"):
                self._stop_office()
                why = "LibreOffice antwoordde niet" if ready is None else str(ready.get("error", "?"))
                self._use_batch(f"de koppeling met LibreOffice mislukte ({why})")
            self._connected = True
        if self._batch is not None:
            self._batch.convert(jobs)
            return
        for job in jobs:
            request = {"src": str(job.src), "dst": str(job.dst), "filter": FILTER, "options": FILTER_OPTIONS}
            answer = self._ask(request, _timeout(1), job)
            problem = pdf_problem(job.dst) if answer.get("ok") else str(answer.get("error", "?"))
            if problem:
                raise PdfError(f"{job.docx}: LibreOffice kon dit document niet als PDF/A opslaan ({problem}); geen PDF geschreven")

    def _use_batch(self, why: str) -> None:
        self.fallback = why
        if self._profile_used:
            shutil.rmtree(self._profile, ignore_errors=True)
            self._profile = _profile_dir()
        self._batch = BatchConverter(self.soffice)
        self._batch._profile = self._profile  # one profile for all runs: later runs start faster

    def _ask(self, request: dict[str, Any], timeout: float, job: Job) -> dict[str, Any]:
        worker = self._worker
        assert worker is not None and worker.stdin is not None
        try:
            worker.stdin.write((json.dumps(request) + "\n").encode("utf-8"))
            worker.stdin.flush()
            answer = self._answer(timeout)
        except OSError:
            answer = None
        if answer is None:
            self._stop_office()
            raise PdfError(
                f"{job.docx}: LibreOffice was na {timeout:.0f} s niet klaar of stopte; geen PDF geschreven "
                f"(bij de volgende wijziging start het opnieuw; meer tijd: {TIMEOUT_ENV}=SECONDEN)"
            )
        return answer

    def _answer(self, timeout: float) -> dict[str, Any] | None:
        """The worker's next line as JSON; None when it ends or stays silent for `timeout` s."""
        import selectors

        worker = self._worker
        assert worker is not None and worker.stdout is not None
        deadline = time.monotonic() + timeout
        with selectors.DefaultSelector() as selector:
            selector.register(worker.stdout, selectors.EVENT_READ)
            while b"\n" not in self._buffer:
                left = deadline - time.monotonic()
                if left <= 0 or not selector.select(left):
                    return None
                chunk = os.read(worker.stdout.fileno(), 65536)
                if not chunk:
                    return None
                self._buffer += chunk
        line, _, self._buffer = self._buffer.partition(b"\n")
        try:
            value = json.loads(line)
        except ValueError:
            return {"ok": False, "error": line.decode("utf-8", errors="replace")[:200]}
        return value if isinstance(value, dict) else {"ok": False, "error": str(value)[:200]}

    def _stop_office(self) -> None:
        worker, self._worker = self._worker, None
        if worker is not None:
            if worker.stdin is not None:
                with contextlib.suppress(OSError):
                    worker.stdin.close()
            with contextlib.suppress(subprocess.TimeoutExpired):
                worker.wait(timeout=2)  # at the end of its input the worker stops by itself
            _stop(worker, grace=2.0)
            if worker.stdout is not None:
                worker.stdout.close()
        office, self._office = self._office, None
        _stop(office)
        self._connected = False
        self._buffer = b""

    def close(self) -> None:
        self._stop_office()
        self._batch = None
        shutil.rmtree(self._profile, ignore_errors=True)


# --- checking and writing -----------------------------------------------------------------------


def pdf_problem(path: Path) -> str | None:
    """What is wrong with a PDF LibreOffice was to make (None: a complete PDF/A-2)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return "er kwam geen PDF"
    except OSError as exc:
        return f"PDF onleesbaar: {os_reason(exc)}"
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-1024:]:
        return "de PDF is onvolledig"
    if PDFA_MARK not in data:
        return "de PDF is geen PDF/A-2; notawriter heeft LibreOffice 7.4 of nieuwer nodig"
    return None


def up_to_date(docx: Path, pdf: Path) -> bool:
    """An existing PDF that needs no new conversion: newer than its .docx, complete, PDF/A-2."""
    try:
        if not pdf.is_file() or pdf.stat().st_mtime_ns < docx.stat().st_mtime_ns:
            return False
    except OSError:
        return False
    return pdf_problem(pdf) is None


def stale_pdfs(written: Sequence[Path]) -> list[str]:
    """Warnings for PDFs beside documents written again without --pdf: they show the old text."""
    return [
        f"{pdf_path(docx)}: is niet bijgewerkt (het document wel); maak de PDF opnieuw met render --pdf"
        for docx in written
        if pdf_path(docx).is_file()
    ]


@dataclass
class PdfReport:
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)

    def lines(self) -> list[str]:
        return [f"geschreven:   {p}" for p in self.written] + [f"ongewijzigd:  {p}" for p in self.unchanged]


def write_pdfs(documents: Sequence[Path], fresh: Collection[Path], converter: Converter) -> PdfReport:
    """Each .docx in `documents` as PDF beside it; `fresh` are those written in this run (their
    PDFs are always made again). All conversions first, then the PDFs put in place."""
    report = PdfReport()
    fresh_set = {Path(p) for p in fresh}
    todo: list[Path] = []
    for docx in dict.fromkeys(Path(p) for p in documents):
        target = pdf_path(docx)
        if target.is_dir():
            raise PdfError(f"{target}: is een map; verwijder of hernoem die, dan kan de PDF er komen")
        if docx not in fresh_set and up_to_date(docx, target):
            report.unchanged.append(target)
        else:
            todo.append(docx)
    if not todo:
        return report
    with tempfile.TemporaryDirectory(prefix="notawriter-pdf-") as tmp:
        inbox, outbox = Path(tmp) / "in", Path(tmp) / "out"
        inbox.mkdir()
        outbox.mkdir()
        jobs = []
        for number, docx in enumerate(todo, start=1):
            # Copies with plain names: LibreOffice never sees (or locks) the user's file, and odd
            # characters in a name cannot confuse its command line.
            src = inbox / f"document{number}.docx"
            try:
                shutil.copyfile(docx, src)
            except OSError as exc:
                raise PdfError(f"{docx}: kan het document niet lezen voor de PDF ({os_reason(exc)})") from None
            jobs.append(Job(docx, src, outbox / f"document{number}.pdf"))
        converter.convert(jobs)
        made = [(pdf_path(job.docx), job.dst.read_bytes()) for job in jobs]
        fsutil.write_all(made)  # all of them or none
        report.written.extend(target for target, _ in made)
    return report


__all__ = [
    "BatchConverter",
    "PdfError",
    "PdfReport",
    "WarmConverter",
    "find_soffice",
    "find_uno_python",
    "pdf_path",
    "require_soffice",
    "stale_pdfs",
    "write_pdfs",
]
