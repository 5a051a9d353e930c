"""`render --pdf` / `watch --pdf`: PDFs through LibreOffice, the public one PDF/A-2, nothing half-written.

Tests that need LibreOffice skip without it (fail under CI=true, as the office check does); the
error paths run against a stand-in `soffice` script (NOTAWRITER_SOFFICE) and need no LibreOffice.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from notawriter.cli import main
from notawriter.notefile import load_note
from notawriter.pdf import WarmConverter, find_uno_python, pdf_path, write_pdfs
from tests.conftest import require_soffice
from tests.helpers import docx_text, normalise, pdf_text, zip_members

POSIX_ONLY = pytest.mark.skipif(os.name != "posix", reason="the stand-in soffice is a shell script")

# A stand-in for soffice: logs its arguments, then writes per input a PDF named in FAKE_PDF_MODES
# ("good": a small complete PDF that declares PDF/A-2; "broken": a cut-off one; "none": nothing),
# or sleeps (FAKE_SLEEP) after writing its process id to FAKE_PIDFILE.
FAKE = r'''
import json, os, sys, time
from pathlib import Path
args = sys.argv[1:]
with open(os.environ["FAKE_LOG"], "a", encoding="utf-8") as log:
    log.write(json.dumps(args) + "\n")
if os.environ.get("FAKE_PIDFILE"):
    Path(os.environ["FAKE_PIDFILE"]).write_text(str(os.getpid()))
if os.environ.get("FAKE_SLEEP"):
    time.sleep(float(os.environ["FAKE_SLEEP"]))
outdir = Path(args[args.index("--outdir") + 1])
modes = os.environ.get("FAKE_PDF_MODES", "").split(",")
for number, source in enumerate(a for a in args if a.endswith(".docx")):
    mode = modes[number] if number < len(modes) and modes[number] else "good"
    target = outdir / (Path(source).stem + ".pdf")
    if mode == "good":
        target.write_bytes(b"%PDF-1.7\n<pdfaid:part>2</pdfaid:part>\n%%EOF\n")
    elif mode == "broken":
        target.write_bytes(b"%PDF-1.7\n<pdfaid:part>2</pdfaid:part>\n1 0 obj <<")
'''


@pytest.fixture
def fake_soffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point notawriter at the stand-in soffice; returns the file its invocations are logged in."""
    folder = tmp_path / "fake"
    folder.mkdir()
    script = folder / "fake_soffice.py"
    script.write_text(FAKE, encoding="utf-8")
    program = folder / "soffice"
    # `exec` keeps the process id: the pid file names the process notawriter started.
    program.write_text(f'#!/bin/sh\nexec "{sys.executable}" "{script}" "$@"\n', encoding="utf-8")
    program.chmod(0o755)
    log = folder / "calls.jsonl"
    monkeypatch.setenv("NOTAWRITER_SOFFICE", str(program))
    monkeypatch.setenv("FAKE_LOG", str(log))
    return log


def calls(log: Path) -> list[list[str]]:
    import json

    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()] if log.exists() else []


def files_in(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def pdftotext(path: Path) -> str:
    """The PDF's text by poppler's pdftotext (what a reader's tools see); by pypdf where poppler-utils is missing."""
    found = shutil.which("pdftotext")
    if found is None:
        return normalise(pdf_text(path))
    out = subprocess.run([found, "-layout", str(path), "-"], capture_output=True, text=True, check=True)
    return normalise(out.stdout)


# --- with LibreOffice ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def rendered_with_pdf(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The example rendered once with --openbaar --pdf (one real LibreOffice run for the module)."""
    require_soffice()
    from tests.conftest import EXAMPLE

    folder = tmp_path_factory.mktemp("pdf")
    note = folder / "iob.yaml"
    shutil.copy(EXAMPLE, note)
    code = main(["render", str(note), "--openbaar", "--pdf"])
    assert code == 0
    return {"folder": folder, "note": note, "onderwerp": load_note(note).kop.onderwerp}


def test_render_pdf_writes_a_readable_pdf_beside_every_document(rendered_with_pdf: dict[str, Any]) -> None:
    folder: Path = rendered_with_pdf["folder"]
    documents = sorted(folder.glob("*.docx"))
    assert {d.name for d in documents} >= {"iob-nota.docx", "iob-kamerbrief.docx", "iob-nota-openbaar.docx"}
    for docx in documents:
        text = pdftotext(pdf_path(docx))
        # the PDF is this document: (nearly) every longer word of the .docx is in it
        words = set(re.findall(r"\w{6,}", docx_text(docx)))
        assert len(words) > 50 and len(words - set(re.findall(r"\w{6,}", text))) < len(words) / 20, docx.name
    for name in ("iob-nota.pdf", "iob-nota-openbaar.pdf"):
        assert normalise(rendered_with_pdf["onderwerp"]) in pdftotext(folder / name)


def test_public_pdf_declares_pdfa2_tagged_dutch_with_its_title(rendered_with_pdf: dict[str, Any]) -> None:
    from pypdf import PdfReader

    reader = PdfReader(str(rendered_with_pdf["folder"] / "iob-nota-openbaar.pdf"))
    root = reader.trailer["/Root"]
    xmp = etree.fromstring(root["/Metadata"].get_object().get_data())
    ns = {"pdfaid": "http://www.aiim.org/pdfa/ns/id/", "dc": "http://purl.org/dc/elements/1.1/"}
    assert xmp.xpath("string(//pdfaid:part)", namespaces=ns).strip() == "2"
    assert xmp.xpath("string(//dc:title//*[local-name()='li'])", namespaces=ns) == rendered_with_pdf["onderwerp"]
    assert root["/Lang"] == "nl-NL"
    assert bool(root["/MarkInfo"]["/Marked"]) is True  # a pypdf BooleanObject
    assert "/StructTreeRoot" in root
    assert reader.metadata is not None and reader.metadata.title == rendered_with_pdf["onderwerp"]


def test_public_pdf_does_not_contain_the_redacted_name(rendered_with_pdf: dict[str, Any]) -> None:
    from notawriter.markup import redacted_spans
    from notawriter.model import Kop, iter_texts, personal_fields

    nota = load_note(rendered_with_pdf["note"])
    names = {s.text for _, text in iter_texts(nota) for s in redacted_spans(text)}
    names |= {p.naam for f in personal_fields(Kop) for p in getattr(nota.kop, f) or [] if getattr(p, "naam", None)}
    assert names, "the example marks names for the public version"
    public = pdftotext(rendered_with_pdf["folder"] / "iob-nota-openbaar.pdf")
    internal = pdftotext(rendered_with_pdf["folder"] / "iob-nota.pdf")
    assert [n for n in names if normalise(n) in public] == []
    assert any(normalise(n) in internal for n in names)


def test_docx_carries_dutch_language_and_title_for_the_pdf(rendered_with_pdf: dict[str, Any]) -> None:
    members = zip_members(rendered_with_pdf["folder"] / "iob-kamerbrief.docx")
    core = etree.fromstring(members["docProps/core.xml"])
    dc = "{http://purl.org/dc/elements/1.1/}"
    assert core.findtext(f"{dc}language") == "nl-NL"
    assert core.findtext(f"{dc}title") == rendered_with_pdf["onderwerp"]
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    lang = etree.fromstring(members["word/styles.xml"]).find(f"{w}docDefaults/{w}rPrDefault/{w}rPr/{w}lang")
    assert lang is not None and lang.get(f"{w}val") == "nl-NL"


def test_warm_converter_serves_every_render_from_one_libreoffice(tmp_path: Path, example_note: Path) -> None:
    soffice = require_soffice()
    if find_uno_python(soffice) is None:
        pytest.skip("geen Python met de uno-module van LibreOffice (python3-uno): watch --pdf valt terug op één run per render")
    assert main(["render", str(example_note)]) == 0
    documents = sorted(tmp_path.glob("*.docx"))
    converter = WarmConverter(soffice)
    try:
        first = write_pdfs(documents, documents, converter)
        office = converter.process_id
        second = write_pdfs(documents, documents, converter)
        assert office is not None and converter.process_id == office
        assert converter.fallback is None
    finally:
        converter.close()
    assert first.written == second.written == [pdf_path(d) for d in documents]
    assert converter.process_id is None
    for docx in documents:
        assert pdf_path(docx).read_bytes().startswith(b"%PDF-")


ORPHAN = """
import os, sys
from pathlib import Path
from notawriter.pdf import WarmConverter, find_soffice, write_pdfs
converter = WarmConverter(find_soffice())
document = Path(sys.argv[1])
write_pdfs([document], [document], converter)
print(converter.process_id, converter._profile, flush=True)
os._exit(0)  # as if killed: nothing is closed
"""


def test_libreoffice_kept_warm_quits_when_notawriter_dies(tmp_path: Path, example_note: Path) -> None:
    soffice = require_soffice()
    if find_uno_python(soffice) is None:
        pytest.skip("geen Python met de uno-module van LibreOffice (python3-uno)")
    assert main(["render", str(example_note)]) == 0
    document = example_note.with_name(example_note.stem + "-kamerbrief.docx")
    result = subprocess.run([sys.executable, "-c", ORPHAN, str(document)], capture_output=True, text=True, timeout=300)
    pid, profile = result.stdout.split(maxsplit=1)
    office = int(pid)

    def gone() -> bool:
        try:
            os.kill(office, 0)
        except ProcessLookupError:
            return True
        return False

    assert _wait_for(gone, 60)
    shutil.rmtree(profile.strip(), ignore_errors=True)  # what a killed notawriter leaves (a temporary folder)


def test_watch_pdf_writes_pdfs_again_after_a_save(tmp_path: Path, example_note: Path) -> None:
    require_soffice()
    from notawriter.watch import watch

    lines: list[str] = []
    stop = threading.Event()
    thread = threading.Thread(
        target=watch, args=(example_note,), kwargs={"stop_event": stop, "echo": lines.append, "pdf": True}, daemon=True
    )
    thread.start()
    nota_pdf = example_note.with_name(example_note.stem + "-nota.pdf")
    try:
        assert _wait_for(lambda: any("Ik let op" in line for line in lines), 180)
        assert nota_pdf.exists(), lines
        time.sleep(1)  # the watcher starts after its "Ik let op" line
        onderwerp = load_note(example_note).kop.onderwerp
        example_note.write_text(
            example_note.read_text(encoding="utf-8").replace(onderwerp, "Gewijzigd onderwerp voor de PDF"), encoding="utf-8"
        )
        assert _wait_for(lambda: "Gewijzigd onderwerp voor de PDF" in pdftotext(nota_pdf), 180), lines
    finally:
        stop.set()
        thread.join(timeout=60)
    assert not thread.is_alive()
    assert not [line for line in lines if line.startswith("fout:")]


def _wait_for(condition: Any, timeout: float) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.2)
    return False


# --- without LibreOffice ---------------------------------------------------------------------------


def test_missing_libreoffice_is_one_dutch_line_exit_2_and_nothing_is_written(
    tmp_path: Path, example_note: Path, run_cli: Any
) -> None:
    empty = tmp_path / "leeg"
    empty.mkdir()
    if any(Path(p).exists() for p in ("/opt/libreoffice/program/soffice", "/Applications/LibreOffice.app")):
        pytest.skip("LibreOffice staat op een vaste plek buiten PATH")
    before = files_in(tmp_path)
    result = run_cli("render", str(example_note), "--pdf", env={"PATH": str(empty), "NOTAWRITER_SOFFICE": ""})
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("fout: ")
    assert "LibreOffice" in lines[0] and "apt-get install libreoffice" in lines[0]
    assert "Traceback" not in result.stderr
    assert files_in(tmp_path) == before  # not even the .docx: LibreOffice is looked for first


def test_a_named_libreoffice_that_does_not_exist_is_refused(tmp_path: Path, example_note: Path, run_cli: Any) -> None:
    result = run_cli("render", str(example_note), "--pdf", env={"NOTAWRITER_SOFFICE": str(tmp_path / "geen-soffice")})
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "NOTAWRITER_SOFFICE" in result.stderr
    assert not list(tmp_path.glob("*.docx"))


@POSIX_ONLY
def test_all_documents_go_to_one_libreoffice_run_with_its_own_profile(
    tmp_path: Path, example_note: Path, fake_soffice: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["render", str(example_note), "--openbaar", "--pdf"]) == 0
    runs = calls(fake_soffice)
    assert len(runs) == 1
    args = runs[0]
    docx = sorted(tmp_path.glob("*.docx"))
    assert len([a for a in args if a.endswith(".docx")]) == len(docx) == 3
    profile = next(a for a in args if a.startswith("-env:UserInstallation=file://"))
    assert not Path(profile.split("file://", 1)[1]).exists()  # temporary: removed after the run
    assert "--headless" in args
    convert = args[args.index("--convert-to") + 1]
    assert convert.startswith("pdf:writer_pdf_Export:") and '"SelectPdfVersion":{"type":"long","value":"2"}' in convert
    assert '"UseTaggedPDF":{"type":"boolean","value":"true"}' in convert
    out = capsys.readouterr().out
    for document in docx:
        assert f"geschreven:   {pdf_path(document)}" in out


@POSIX_ONLY
def test_a_failed_conversion_writes_no_pdf_at_all(
    tmp_path: Path, example_note: Path, fake_soffice: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    old_pdf = example_note.with_name(example_note.stem + "-nota.pdf")
    old_pdf.write_bytes(b"%PDF- an earlier PDF\n%%EOF\n")
    monkeypatch.setenv("FAKE_PDF_MODES", "good,broken")  # the first converts, the second is cut off
    assert main(["render", str(example_note), "--pdf"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "kon dit document niet als PDF/A opslaan" in err[0] and "kamerbrief.docx" in err[0]
    assert sorted(p.name for p in tmp_path.glob("*.pdf")) == [old_pdf.name]
    assert old_pdf.read_bytes() == b"%PDF- an earlier PDF\n%%EOF\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temp files left


@POSIX_ONLY
def test_a_conversion_that_hangs_is_stopped_after_the_time_limit(
    tmp_path: Path, example_note: Path, fake_soffice: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    pidfile = tmp_path / "fake" / "pid"
    monkeypatch.setenv("FAKE_PIDFILE", str(pidfile))
    monkeypatch.setenv("FAKE_SLEEP", "120")
    monkeypatch.setenv("NOTAWRITER_PDF_TIMEOUT", "2")
    assert main(["render", str(example_note), "--pdf"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "niet klaar" in err and "NOTAWRITER_PDF_TIMEOUT" in err
    assert not list(tmp_path.glob("*.pdf"))
    pid = int(pidfile.read_text())
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # the stand-in was stopped (and reaped), not left running


@POSIX_ONLY
def test_a_folder_where_the_pdf_goes_is_refused_before_converting(
    tmp_path: Path, example_note: Path, fake_soffice: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / (example_note.stem + "-nota.pdf")).mkdir()
    assert main(["render", str(example_note), "--pdf"]) == 2
    assert "is een map" in capsys.readouterr().err
    assert calls(fake_soffice) == []
    assert not [p for p in tmp_path.glob("*.pdf") if p.is_file()]


@POSIX_ONLY
def test_an_unchanged_document_keeps_its_pdf_and_a_missing_one_is_made_again(
    tmp_path: Path, example_note: Path, fake_soffice: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["render", str(example_note), "--pdf"]) == 0
    nota_pdf = example_note.with_name(example_note.stem + "-nota.pdf")
    brief_pdf = example_note.with_name(example_note.stem + "-kamerbrief.pdf")
    kept = nota_pdf.stat().st_mtime_ns
    brief_pdf.unlink()
    capsys.readouterr()
    assert main(["render", str(example_note), "--pdf"]) == 0
    runs = calls(fake_soffice)
    assert len(runs) == 2 and len([a for a in runs[1] if a.endswith(".docx")]) == 1  # only the missing one
    assert nota_pdf.stat().st_mtime_ns == kept and brief_pdf.is_file()
    out = capsys.readouterr().out
    assert f"ongewijzigd:  {nota_pdf}" in out and f"geschreven:   {brief_pdf}" in out
    assert main(["render", str(example_note), "--pdf"]) == 0
    assert len(calls(fake_soffice)) == 2  # everything up to date: LibreOffice not started at all


@POSIX_ONLY
def test_a_document_written_again_without_pdf_warns_that_its_pdf_is_old(
    tmp_path: Path, example_note: Path, fake_soffice: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["render", str(example_note), "--pdf"]) == 0
    onderwerp = load_note(example_note).kop.onderwerp
    example_note.write_text(example_note.read_text(encoding="utf-8").replace(onderwerp, "Ander onderwerp"), encoding="utf-8")
    capsys.readouterr()
    assert main(["render", str(example_note)]) == 0
    out = capsys.readouterr().out
    nota_pdf = example_note.with_name(example_note.stem + "-nota.pdf")
    assert f"waarschuwing: {nota_pdf}: is niet bijgewerkt" in out


@POSIX_ONLY
def test_without_uno_the_warm_converter_runs_once_per_render_with_one_kept_profile(
    tmp_path: Path, example_note: Path, fake_soffice: Path
) -> None:
    import importlib.util

    if importlib.util.find_spec("uno") is not None:
        pytest.skip("this Python has uno")
    assert main(["render", str(example_note)]) == 0
    documents = sorted(tmp_path.glob("*.docx"))
    converter = WarmConverter(os.environ["NOTAWRITER_SOFFICE"], uno_python=sys.executable)  # a Python without uno
    try:
        first = write_pdfs(documents, documents, converter)
        second = write_pdfs(documents, documents, converter)
    finally:
        converter.close()
    assert converter.fallback is not None and "uno" in converter.fallback
    assert first.written == second.written == [pdf_path(d) for d in documents]
    runs = [args for args in calls(fake_soffice) if "--convert-to" in args]
    assert len(runs) == 2
    profiles = {next(a for a in args if a.startswith("-env:UserInstallation=")) for args in runs}
    assert len(profiles) == 1
    assert not Path(profiles.pop().split("file://", 1)[1]).exists()  # removed by close()


def test_a_document_without_a_language_still_gets_a_dutch_pdf(tmp_path: Path, example_note: Path) -> None:
    """A user's own template may set no text language; LibreOffice's profile makes nl-NL the default."""
    import re as regex
    import zipfile

    from pypdf import PdfReader

    from notawriter.pdf import BatchConverter

    soffice = require_soffice()
    assert main(["render", str(example_note)]) == 0
    rendered = example_note.with_name(example_note.stem + "-kamerbrief.docx")
    members = zip_members(rendered)
    members["word/styles.xml"] = regex.sub(rb"<w:lang [^>]*/>", b"", members["word/styles.xml"])
    assert b"w:lang" not in members["word/styles.xml"] + members["word/document.xml"]
    bare = tmp_path / "zonder-taal.docx"
    with zipfile.ZipFile(bare, "w", zipfile.ZIP_DEFLATED) as package:
        for name, blob in members.items():
            package.writestr(name, blob)
    write_pdfs([bare], [bare], BatchConverter(soffice))
    assert PdfReader(str(pdf_path(bare))).trailer["/Root"]["/Lang"] == "nl-NL"
