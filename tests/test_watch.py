"""watch.py: saving the note re-renders the documents in-process."""

import shutil
import threading
import time
from pathlib import Path

from notawriter.watch import watch

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "kabinetsreactie-iob.yaml"


def wait_for(condition, timeout: float = 15.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.05)
    return False


def test_watch_renders_at_start_and_after_each_save(tmp_path: Path) -> None:
    note = tmp_path / "iob.yaml"
    shutil.copy(EXAMPLE, note)
    lines: list[str] = []
    stop = threading.Event()
    thread = threading.Thread(target=watch, args=(note,), kwargs={"stop_event": stop, "echo": lines.append}, daemon=True)
    thread.start()
    try:
        nota = tmp_path / "iob-nota.docx"
        assert wait_for(lambda: nota.exists() and any("Ik let op" in line for line in lines))
        first = nota.read_bytes()
        time.sleep(0.3)  # let the watcher settle before the edit
        note.write_text(note.read_text().replace("afgestemde kabinetsreactie", "afgestemde reactie"), encoding="utf-8")
        assert wait_for(lambda: nota.read_bytes() != first)

        note.write_text("kop: [kapot", encoding="utf-8")  # a broken save is reported, watching goes on
        assert wait_for(lambda: any(line.startswith("fout:") for line in lines))
        assert thread.is_alive()
    finally:
        stop.set()
        thread.join(timeout=10)
    assert not thread.is_alive()


def test_a_render_refused_for_an_open_document_is_redone_when_it_is_closed(tmp_path: Path) -> None:
    note = tmp_path / "iob.yaml"
    shutil.copy(EXAMPLE, note)
    nota = tmp_path / "iob-nota.docx"
    lines: list[str] = []
    stop = threading.Event()
    thread = threading.Thread(target=watch, args=(note,), kwargs={"stop_event": stop, "echo": lines.append}, daemon=True)
    thread.start()
    try:
        assert wait_for(lambda: nota.exists() and any("Ik let op" in line for line in lines))
        first = nota.read_bytes()
        lock = tmp_path / ".~lock.iob-nota.docx#"  # LibreOffice opens iob-nota.docx
        lock.write_text("gebruiker")
        time.sleep(0.3)
        note.write_text(note.read_text().replace("afgestemde kabinetsreactie", "afgestemde reactie"), encoding="utf-8")
        assert wait_for(lambda: any(line.startswith("fout:") for line in lines))
        assert nota.read_bytes() == first
        lock.unlink()  # the document is closed: no need to save the note again
        assert wait_for(lambda: nota.read_bytes() != first)
    finally:
        stop.set()
        thread.join(timeout=10)
