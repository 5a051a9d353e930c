"""The compiled-template cache (Jinja's bytecode cache): a new process reuses what an earlier one
compiled, and the cache can never change, break or block a render."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from docx import Document

from notawriter import render
from notawriter.notefile import load_note
from notawriter.word import cache as tplcache
from notawriter.word import template as word_template
from tests.helpers import docx_text

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "kabinetsreactie-iob.yaml"


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private temp directory for Jinja's cache folder, and a fresh environment (as in a new process)."""
    home = tmp_path / "tmp"
    home.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(home))
    monkeypatch.delenv(tplcache.CACHE_ENV, raising=False)
    _new_process()
    yield home
    _new_process()


def _new_process() -> None:
    """Forget what this process compiled and cleaned up, as a new process would not have it."""
    word_template._jinja_env.cache_clear()
    word_template._template_class.cache_clear()


def _cache_files(home: Path) -> list[Path]:
    return sorted(home.glob("*/notawriter-*"))


def _documents() -> list[bytes]:
    _new_process()
    return [doc.data for doc in render.render_nota(load_note(EXAMPLE))]


def test_a_render_stores_the_compiled_templates_and_a_new_process_reuses_them(cache_home: Path) -> None:
    first = _documents()
    files = _cache_files(cache_home)
    assert files, "the first render should fill the cache"
    stamps = {f: f.stat().st_mtime_ns for f in files}

    assert _documents() == first  # same documents from cached code
    assert {f: f.stat().st_mtime_ns for f in _cache_files(cache_home)} == stamps  # read, not rewritten


def test_damaged_cache_files_are_compiled_again(cache_home: Path) -> None:
    first = _documents()
    files = _cache_files(cache_home)
    assert {f.suffix for f in files} == {".cache", ".txt"}  # compiled code and cleaned-up XML
    for f in files:
        if f.suffix == ".cache":
            f.write_bytes(b"j2\x00not bytecode at all")
        else:  # a cleaned-up part with its checksum line kept but the text changed
            checksum, text = f.read_text(encoding="utf-8").split("\n", 1)
            f.write_text(checksum + "\n" + text.replace("<w:p", "<w:p w:rsidR=\"00BADBAD\"", 1), encoding="utf-8")
    assert _documents() == first


def test_truncated_cache_files_are_compiled_again_and_replaced(cache_home: Path) -> None:
    first = _documents()
    for f in _cache_files(cache_home):
        f.write_bytes(f.read_bytes()[:30])  # cut off mid-header: Jinja's own loader raises here
    assert _documents() == first
    assert _documents() == first  # and the entries were rewritten whole
    assert all(f.stat().st_size > 30 for f in _cache_files(cache_home))


def test_a_changed_template_source_does_not_reuse_old_code(cache_home: Path, tmp_path: Path) -> None:
    _documents()
    before = set(_cache_files(cache_home))
    templates = tmp_path / "sjablonen"
    templates.mkdir()
    for name in ("nota", "kamerbrief"):
        (templates / f"{name}.docx").write_bytes(render.template_path(name).read_bytes())
    _new_process()
    same = render.render_nota(load_note(EXAMPLE), templates)
    assert set(_cache_files(cache_home)) == before  # same sources, same entries

    doc = Document(str(templates / "nota.docx"))  # the user restyles: one paragraph more
    doc.add_paragraph("Huisstijl van het eigen ministerie")
    doc.save(str(templates / "nota.docx"))
    _new_process()
    changed = render.render_nota(load_note(EXAMPLE), templates)
    assert "Huisstijl van het eigen ministerie" in docx_text(changed[0].data)
    assert docx_text(changed[0].data) != docx_text(same[0].data)
    assert len(set(_cache_files(cache_home)) - before) >= 1


def test_switched_off_by_environment(cache_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(tplcache.CACHE_ENV, "1")
    _new_process()
    _documents()
    assert _cache_files(cache_home) == []


def test_an_unusable_cache_folder_does_not_stop_a_render(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "geen-map"
    blocked.write_text("een bestand waar de tijdelijke map zou staan")
    monkeypatch.setattr(tempfile, "tempdir", str(blocked))
    monkeypatch.delenv(tplcache.CACHE_ENV, raising=False)
    try:
        assert all(_documents())
    finally:
        _new_process()


def test_the_command_renders_and_reports_errors_through_its_console_entry(tmp_path: Path) -> None:
    # `python -m notawriter` runs the same `run()` as the installed command (quick exit included).
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    ok = subprocess.run(
        [sys.executable, "-m", "notawriter", "render", str(EXAMPLE), "-o", str(tmp_path / "uit")],
        capture_output=True, text=True, env=env,
    )
    assert ok.returncode == 0, ok.stderr
    assert sorted(p.name for p in (tmp_path / "uit").iterdir()) == [
        "kabinetsreactie-iob-kamerbrief.docx",
        "kabinetsreactie-iob-nota.docx",
    ]
    assert "geschreven:" in ok.stdout

    missing = subprocess.run(
        [sys.executable, "-m", "notawriter", "render", str(tmp_path / "weg.yaml")], capture_output=True, text=True, env=env
    )
    assert missing.returncode == 2
    assert missing.stderr.startswith("fout: ") and len(missing.stderr.strip().splitlines()) == 1
