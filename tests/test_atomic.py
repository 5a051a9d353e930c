"""Nothing half-written: a failed or killed write leaves the old file or a complete new one.

`fsutil.atomic_write_bytes` writes a hidden temp file (`.nw-<pid>-<4 hex>.tmp`) in the same folder,
fsyncs it and renames it over the target. A failure at any step removes the temp file and leaves the
old file untouched. A SIGKILL cannot be cleaned up after: a hidden temp file may then remain until
the next write in that folder removes it (its process is gone); never a damaged or partial document
under the real name. See also tests/test_adversarial_io.py.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from notawriter import fsutil
from notawriter.errors import OutputError
from notawriter.notefile import load_note, save_note
from notawriter.render import render_nota
from tests.conftest import EXAMPLE
from tests.helpers import is_valid_docx

OLD = b"oude inhoud die heel moet blijven\n" * 100
NEW = b"nieuwe inhoud\n" * 1000

posix_only = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL bestaat alleen op POSIX")


def temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.fixture
def target(tmp_path: Path) -> Path:
    path = tmp_path / "nota.docx"
    path.write_bytes(OLD)
    return path


# --- atomic_write_bytes ---------------------------------------------------------------------------


def test_write_replaces_the_file_and_leaves_no_temp_file(target: Path) -> None:
    fsutil.atomic_write_bytes(target, NEW)
    assert target.read_bytes() == NEW
    assert temp_files(target.parent) == []


@pytest.mark.parametrize("step", ["write", "fsync", "chmod", "replace"])
def test_failure_at_any_step_keeps_the_old_file(target: Path, monkeypatch: pytest.MonkeyPatch, step: str) -> None:
    def fail(*args: Any, **kwargs: Any) -> None:
        raise OSError(28, "No space left on device")

    if step == "write":  # the disk fills up halfway through the temp file
        real_fdopen = os.fdopen

        class HalfFull:
            def __init__(self, fd: int, mode: str) -> None:
                self.handle = real_fdopen(fd, mode)

            def __enter__(self) -> HalfFull:
                return self

            def __exit__(self, *exc: object) -> None:
                self.handle.close()

            def write(self, data: bytes) -> None:
                self.handle.write(data[: len(data) // 2])
                fail()

        monkeypatch.setattr(fsutil.os, "fdopen", HalfFull)
    else:
        monkeypatch.setattr(fsutil.os, step, fail)
    with pytest.raises(OutputError, match="kan niet schrijven"):
        fsutil.atomic_write_bytes(target, NEW)
    assert target.read_bytes() == OLD
    assert temp_files(target.parent) == []


def test_interrupt_during_write_keeps_the_old_file_and_is_passed_on(
    target: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupt(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(fsutil.os, "fsync", interrupt)
    with pytest.raises(KeyboardInterrupt):
        fsutil.atomic_write_bytes(target, NEW)
    assert target.read_bytes() == OLD
    assert temp_files(target.parent) == []


def test_a_bug_during_write_keeps_the_old_file(target: Path) -> None:
    with pytest.raises(TypeError):
        fsutil.atomic_write_bytes(target, "geen bytes")  # type: ignore[arg-type]
    assert target.read_bytes() == OLD
    assert temp_files(target.parent) == []


def test_folder_that_is_a_file_is_refused(tmp_path: Path) -> None:
    blocker = tmp_path / "bestand"
    blocker.write_bytes(OLD)
    with pytest.raises(OutputError, match="is een bestand, geen map"):
        fsutil.atomic_write_bytes(blocker / "nota.docx", NEW)
    assert blocker.read_bytes() == OLD


def test_target_that_is_a_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "nota.docx").mkdir()
    with pytest.raises(OutputError, match="is een map"):
        fsutil.atomic_write_bytes(tmp_path / "nota.docx", NEW)
    assert temp_files(tmp_path) == []


@pytest.mark.skipif(os.name != "posix", reason="POSIX-rechten")
def test_permissions_of_the_replaced_file_are_kept(target: Path) -> None:
    target.chmod(0o640)
    fsutil.atomic_write_bytes(target, NEW)
    assert target.stat().st_mode & 0o777 == 0o640


@pytest.mark.skipif(os.name != "posix", reason="POSIX-rechten")
def test_new_file_follows_the_umask_not_the_private_temp_mode(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        fsutil.atomic_write_bytes(tmp_path / "nieuw.docx", NEW)
    finally:
        os.umask(old)
    assert (tmp_path / "nieuw.docx").stat().st_mode & 0o777 == 0o644


# --- real processes -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def big_note(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example with its sections repeated 40 times (about 1 MB), so a render takes a while."""
    nota = load_note(EXAMPLE)
    extra = [s.model_copy(update={"titel": f"{s.titel} ({i})"}) for i in range(40) for s in nota.secties]
    path = tmp_path_factory.mktemp("groot") / "groot.yaml"
    save_note(path, nota.model_copy(update={"secties": nota.secties + extra}))
    return path


def start_render(note: Path, *extra: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "notawriter", "render", str(note), *extra],
        cwd=note.parent,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


@posix_only
def test_sigkill_at_any_moment_leaves_old_or_complete_new_documents(
    big_note: Path, tmp_path: Path, office_docs: Any
) -> None:
    note = tmp_path / big_note.name
    note.write_bytes(big_note.read_bytes())
    nota = load_note(note)
    old = {d.name: d.data for d in render_nota(nota, choose={"migratie": "overnemen"})}
    new = {d.name: d.data for d in render_nota(nota)}
    paths = {name: tmp_path / f"{note.stem}-{name}.docx" for name in old}
    assert all(old[n] != new[n] for n in old)

    def reset() -> None:
        for name, path in paths.items():
            path.write_bytes(old[name])

    # A timing run: when does the first document change, when does the process end?
    reset()
    began = time.monotonic()
    proc = start_render(note)
    first_write = None
    while proc.poll() is None:
        if first_write is None and paths["nota"].read_bytes() != old["nota"]:
            first_write = time.monotonic() - began
        time.sleep(0.002)
    end = time.monotonic() - began
    assert proc.returncode == 0, proc.stderr.read().decode() if proc.stderr else ""
    first_write = first_write or end
    assert {n: p.read_bytes() for n, p in paths.items()} == new

    # Seeded kill moments: a few while rendering, most around the writes (the risky part).
    rng = random.Random(20250106)
    delays = [rng.uniform(0.05, first_write) for _ in range(2)]
    delays += [rng.uniform(max(0.05, first_write - 0.05), end + 0.02) for _ in range(6)]
    outcomes = []
    for delay in sorted(delays):
        reset()
        proc = start_render(note)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=60)
        state = []
        for name, path in paths.items():
            data = path.read_bytes()
            assert data in (old[name], new[name]), f"{path.name} na SIGKILL na {delay:.2f}s: half geschreven"
            assert is_valid_docx(data)
            state.append("nieuw" if data == new[name] else "oud")
        # Only hidden temp files may remain; never anything else next to the documents.
        others = sorted(p.name for p in tmp_path.iterdir() if p not in paths.values() and p != note)
        assert all(fsutil._TEMP_NAME.match(name) for name in others), others
        outcomes.append((round(delay, 2), proc.returncode, tuple(state), len(others)))
        for leftover in others:
            (tmp_path / leftover).unlink()
    print("SIGKILL-uitkomsten (vertraging, exitcode, staat, tijdelijke restbestanden):", outcomes)
    # the next ordinary render repairs everything
    proc = start_render(note)
    assert proc.wait(timeout=120) == 0
    for name, path in paths.items():
        assert path.read_bytes() == new[name]
    office_docs.add_generated(tmp_path, "sigkill: ")


@posix_only
def test_two_renders_of_the_same_note_at_once_leave_valid_files(tmp_path: Path, office_docs: Any) -> None:
    note = tmp_path / "tegelijk.yaml"
    note.write_bytes(EXAMPLE.read_bytes())
    expected = {d.name: d.data for d in render_nota(load_note(note))}
    for round_ in range(2):
        procs = [start_render(note), start_render(note)]
        results = [p.communicate(timeout=120) + (p.returncode,) for p in procs]
        for _out, err, code in results:
            assert code == 0, (round_, err.decode())
        for name, data in expected.items():
            assert (tmp_path / f"tegelijk-{name}.docx").read_bytes() == data
        assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
    office_docs.add_generated(tmp_path, "tegelijk: ")
