"""Adversarial suite, writing side: kills at random moments, concurrent writers, failures midway.

Promises under test (fsutil.write_all, output.py, edit.py):
- a render writes all its documents or none: after SIGKILL at any moment every document is the
  old or the new one, complete, and nota and Kamerbrief come from the same run; the next run
  leaves no temp file;
- `set` after SIGKILL: the note is the old or the new text, never a mix; no temp file after the next run;
- two `set`s at the same moment never lose a confirmed change (the note lock, re-read under it);
- an error midway (full disk, a failing rename) leaves the earlier set untouched and no temp file;
- a read-only note is refused, a symlinked note is written through the link, `choose` changes
  nothing when it refuses, `schema -o` never replaces a note, a hand edit in the document
  properties alone is recognised.

Processes are forked from the test process (notawriter already imported), so a kill or a race
costs milliseconds, not an interpreter start. Counts (tried / clean) are printed with -s.
"""

from __future__ import annotations

import io
import multiprocessing
import os
import random
import signal
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest

from notawriter import fsutil
from notawriter.cli import main
from notawriter.errors import OutputError
from notawriter.notefile import load_note
from notawriter.render import generated_unchanged, render_nota
from tests.conftest import EXAMPLE
from tests.helpers import is_valid_docx

SMALL = Path(__file__).parent / "corpus" / "geldig.yaml"

posix_only = pytest.mark.skipif(
    not hasattr(signal, "SIGKILL") or not hasattr(os, "fork"), reason="POSIX (fork, SIGKILL)"
)
CTX = multiprocessing.get_context("fork") if hasattr(os, "fork") else None


def temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def _run_main(args: list[str], quiet: bool = True) -> None:
    if quiet:  # the child's own output is not interesting; its exit code is
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
    os._exit(main(args))


def start(args: list[str]) -> Any:
    assert CTX is not None
    proc = CTX.Process(target=_run_main, args=(args,))
    proc.start()
    return proc


@pytest.fixture
def note(tmp_path: Path) -> Path:
    path = tmp_path / "nota.yaml"
    path.write_bytes(EXAMPLE.read_bytes())
    return path


@pytest.fixture
def small_note(tmp_path: Path) -> Path:
    """A short note: `set` on it takes a fraction of a second, so many rounds stay cheap."""
    path = tmp_path / "klein.yaml"
    path.write_bytes(SMALL.read_bytes())
    return path


def outputs(folder: Path, stem: str) -> dict[str, Path]:
    return {name: folder / f"{stem}-{name}.docx" for name in ("nota", "kamerbrief", "bijlage")}


# --- kill at random moments -----------------------------------------------------------------------


@posix_only
def test_sigkill_during_render_leaves_one_complete_set_and_the_next_run_no_temp_file(note: Path) -> None:
    nota = load_note(note)
    old = {d.name: d.data for d in render_nota(nota, choose={"migratie": "overnemen"})}
    new = {d.name: d.data for d in render_nota(nota)}
    paths = {name: note.parent / f"{note.stem}-{name}.docx" for name in old}

    def reset() -> None:
        for name, path in paths.items():
            path.write_bytes(old[name])

    reset()
    began = time.monotonic()
    proc = start(["render", str(note)])
    proc.join(120)
    duration = time.monotonic() - began
    assert proc.exitcode == 0
    assert {n: p.read_bytes() for n, p in paths.items()} == new

    rng = random.Random(20260106)
    delays = sorted(rng.uniform(0.0, duration * 1.1) for _ in range(12))
    tried = clean = 0
    states = []
    for delay in delays:
        reset()
        proc = start(["render", str(note)])
        time.sleep(delay)
        os.kill(proc.pid, signal.SIGKILL)
        proc.join(30)
        tried += 1
        state = set()
        for name, path in paths.items():
            data = path.read_bytes()
            assert data in (old[name], new[name]), f"{path.name}: half geschreven na SIGKILL na {delay:.3f}s"
            assert is_valid_docx(data)
            state.add("nieuw" if data == new[name] else "oud")
        assert len(state) == 1, f"na SIGKILL na {delay:.3f}s: documenten uit verschillende runs {state}"
        assert note.read_bytes() == EXAMPLE.read_bytes()
        others = [p.name for p in note.parent.iterdir() if p not in paths.values() and p != note]
        assert all(fsutil._TEMP_NAME.match(n) for n in others), others  # only our own temp names
        clean += 1
        states.append(state.pop())
    # The next ordinary run repairs everything and removes the killed runs' temp files.
    proc = start(["render", str(note)])
    proc.join(120)
    assert proc.exitcode == 0
    assert {n: p.read_bytes() for n, p in paths.items()} == new
    assert temp_files(note.parent) == []
    print(
        f"render SIGKILL: {tried} geprobeerd, {clean} schoon ({states.count('oud')} oud, {states.count('nieuw')} nieuw)"
    )


@posix_only
def test_sigkill_during_set_leaves_the_old_or_the_new_note(small_note: Path) -> None:
    original = small_note.read_bytes()
    proc = start(["set", str(small_note), "kop.onderwerp=Gewijzigd onderwerp"])
    began = time.monotonic()
    proc.join(60)
    duration = time.monotonic() - began
    assert proc.exitcode == 0
    changed = small_note.read_bytes()
    assert changed != original
    rng = random.Random(424242)
    tried = clean = 0
    for delay in sorted(rng.uniform(0.0, duration * 1.1) for _ in range(12)):
        small_note.write_bytes(original)
        proc = start(["set", str(small_note), "kop.onderwerp=Gewijzigd onderwerp"])
        time.sleep(delay)
        os.kill(proc.pid, signal.SIGKILL)
        proc.join(30)
        tried += 1
        assert small_note.read_bytes() in (original, changed), f"nota half geschreven na SIGKILL na {delay:.3f}s"
        load_note(small_note)
        clean += 1
    assert main(["set", str(small_note), "kop.aan=M"]) == 0
    assert temp_files(small_note.parent) == []
    print(f"set SIGKILL: {tried} geprobeerd, {clean} schoon")


# --- concurrency ----------------------------------------------------------------------------------


def _set_when(go: Any, note: str, assignment: str) -> None:
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    go.wait(10)
    os._exit(main(["set", note, assignment]))


@posix_only
def test_two_sets_at_the_same_moment_never_lose_a_confirmed_change(small_note: Path) -> None:
    assert CTX is not None
    rounds = 12
    for round_ in range(rounds):
        go = CTX.Event()
        first = CTX.Process(target=_set_when, args=(go, str(small_note), f"kop.onderwerp=Onderwerp ronde {round_}"))
        second = CTX.Process(target=_set_when, args=(go, str(small_note), f"kop.aan=Minister ronde {round_}"))
        first.start()
        second.start()
        time.sleep(0.05)
        go.set()
        first.join(60)
        second.join(60)
        assert (first.exitcode, second.exitcode) == (0, 0), round_  # both confirmed their change
        kop = load_note(small_note).kop
        assert kop.onderwerp == f"Onderwerp ronde {round_}", f"ronde {round_}: wijziging van de eerste set kwijt"
        assert kop.aan == f"Minister ronde {round_}", f"ronde {round_}: wijziging van de tweede set kwijt"
    assert temp_files(small_note.parent) == []
    print(f"gelijktijdige sets: {rounds} rondes, {rounds} zonder verloren wijziging")


def _hold_lock(note: str, ready: Any, release: Any) -> None:
    with fsutil.locked(Path(note)):
        ready.set()
        release.wait(30)
    os._exit(0)


@posix_only
def test_a_writer_that_cannot_get_the_lock_in_time_is_refused_and_changes_nothing(
    small_note: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert CTX is not None
    ready, release = CTX.Event(), CTX.Event()
    holder = CTX.Process(target=_hold_lock, args=(str(small_note), ready, release))
    holder.start()
    try:
        assert ready.wait(10)
        monkeypatch.setenv("NOTAWRITER_LOCK_TIMEOUT", "0.3")
        before = small_note.read_bytes()
        assert main(["set", str(small_note), "kop.onderwerp=Te laat"]) == 2
        assert "wordt op dit moment door een ander notawriter-proces gewijzigd" in capsys.readouterr().err
        assert small_note.read_bytes() == before
    finally:
        release.set()
        holder.join(10)


# --- failures midway ------------------------------------------------------------------------------


@pytest.fixture
def rendered(note: Path) -> dict[str, bytes]:
    """The folder holds the documents of an earlier run (with another choice)."""
    docs = {d.name: d.data for d in render_nota(load_note(note), choose={"migratie": "overnemen"})}
    for name, data in docs.items():
        (note.parent / f"{note.stem}-{name}.docx").write_bytes(data)
    return docs


def test_a_full_disk_at_the_second_document_leaves_the_earlier_set(
    note: Path, rendered: dict[str, bytes], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    real = fsutil._write_temp
    calls = []

    def full(target: Path, data: bytes) -> Path:
        calls.append(target)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return real(target, data)

    monkeypatch.setattr(fsutil, "_write_temp", full)
    assert main(["render", str(note)]) == 2
    err = capsys.readouterr().err
    assert "de schijf is vol" in err and "er is niets gewijzigd" in err
    for name, data in rendered.items():
        assert (note.parent / f"{note.stem}-{name}.docx").read_bytes() == data
    assert temp_files(note.parent) == []


def test_a_rename_that_fails_midway_puts_the_renamed_documents_back(
    note: Path, rendered: dict[str, bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    real = os.replace
    calls = []

    def flaky(src: Any, dst: Any) -> None:
        calls.append(dst)
        if len(calls) == 2:
            raise OSError(16, "Device or resource busy")
        real(src, dst)

    monkeypatch.setattr(fsutil.os, "replace", flaky)
    assert main(["render", str(note)]) == 2
    for name, data in rendered.items():
        assert (note.parent / f"{note.stem}-{name}.docx").read_bytes() == data, name
    assert temp_files(note.parent) == []


def test_stale_temp_files_of_a_dead_process_are_removed_but_not_those_of_a_live_one(tmp_path: Path) -> None:
    dead = tmp_path / ".nw-3fffff-0001.tmp"  # pid 0x3fffff: above Linux's default pid_max
    live = tmp_path / f".nw-{os.getppid():x}-0002.tmp"
    legacy = tmp_path / ".x-nota.docx.a1b2c3d4.tmp"
    foreign = tmp_path / ".iets-anders.tmp"
    for path in (dead, live, legacy, foreign):
        path.write_bytes(b"oud")
    removed = fsutil.clean_stale_temps(tmp_path, ["x-nota.docx"])
    assert sorted(p.name for p in removed) == sorted([dead.name, legacy.name])
    assert live.exists() and foreign.exists()


def test_temp_names_are_short_so_a_long_document_name_still_fits(tmp_path: Path) -> None:
    name = "n" * 250 + ".docx"  # 255 bytes: the longest a name can be
    fsutil.atomic_write_bytes(tmp_path / name, b"inhoud")
    assert (tmp_path / name).read_bytes() == b"inhoud"
    assert temp_files(tmp_path) == []


def test_a_note_name_too_long_for_its_documents_is_refused_before_anything_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    note = tmp_path / ("n" * 245 + ".yaml")
    note.write_bytes(EXAMPLE.read_bytes())
    assert main(["render", str(note)]) == 2
    err = capsys.readouterr().err
    assert "bestandsnaam te lang" in err and "kortere naam" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == [note.name]


def _longest_fitting_stem() -> int:
    """The longest name (without .yaml) of the note SMALL whose every possible file fits in 255 bytes:
    the longest document name of its genre, public, with a backup's addition, as .docx."""
    from notawriter.documents import output_names
    from notawriter.output import BACKUP_RESERVE

    names = output_names(load_note(SMALL))
    return 255 - max(len(f"-{name}-openbaar") for name in names) - BACKUP_RESERVE - len(".docx")


@pytest.mark.parametrize("extra", [1, 10, 29, 31, 32, 36])
@pytest.mark.parametrize("openbaar", [False, True])
def test_a_note_name_too_long_for_any_file_of_a_run_is_the_one_line_message_before_anything_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: int, openbaar: bool
) -> None:
    # (a name that fits the documents made now, but not a public version, a PDF or a backup of one)
    note = tmp_path / ("n" * (_longest_fitting_stem() + extra) + ".yaml")
    note.write_bytes(SMALL.read_bytes())
    code = main(["render", str(note), "-o", str(tmp_path / "o"), *(["--openbaar"] if openbaar else [])])
    err = capsys.readouterr().err
    assert code == 2, err
    assert "bestandsnaam te lang" in err and "kortere naam" in err and "interne fout" not in err
    assert len(err.strip().splitlines()) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == [note.name]


def test_the_longest_accepted_note_name_makes_public_versions_and_backups(tmp_path: Path) -> None:
    note = tmp_path / ("n" * _longest_fitting_stem() + ".yaml")
    note.write_bytes(SMALL.read_bytes())
    assert main(["render", str(note), "--openbaar"]) == 0
    nota = tmp_path / f"{note.stem}-nota.docx"
    nota.write_bytes(b"in Word bewerkt")
    assert main(["render", str(note), "--openbaar", "--force"]) == 0
    assert [p for p in tmp_path.iterdir() if ".backup-" in p.name]


def test_a_name_too_long_met_past_the_checks_is_the_one_line_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from notawriter import render

    def too_long(*args: Any, **kwargs: Any) -> Any:
        raise OSError(errno.ENAMETOOLONG, "File name too long", str(tmp_path / ("x" * 300 + ".docx")))

    monkeypatch.setattr(render, "render_note", too_long)
    assert main(["render", str(SMALL)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("fout: ") and "bestandsnaam te lang (305 bytes" in err and "interne fout" not in err


def test_an_output_folder_name_too_long_is_the_one_line_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["render", str(SMALL), "-o", str(tmp_path / ("d" * 300))]) == 2
    err = capsys.readouterr().err
    assert "bestandsnaam te lang" in err and "interne fout" not in err
    assert list(tmp_path.iterdir()) == []


# --- the hand-edit guard --------------------------------------------------------------------------


def with_core_edit(data: bytes, old: bytes, new: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            blob = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                assert old in blob
                blob = blob.replace(old, new, 1)
            dst.writestr(info, blob)
    return out.getvalue()


@pytest.mark.parametrize(
    "edit",
    [
        (b"<dc:title>", b"<dc:title>Met de hand: "),
        (b"</cp:coreProperties>", b"<dc:subject>Ander onderwerp</dc:subject></cp:coreProperties>"),
    ],
    ids=["titel", "onderwerp"],
)
def test_a_document_whose_only_hand_edit_is_in_its_properties_is_not_overwritten(
    note: Path, rendered: dict[str, bytes], edit: tuple[bytes, bytes], capsys: pytest.CaptureFixture[str]
) -> None:
    brief = note.parent / f"{note.stem}-kamerbrief.docx"
    edited = with_core_edit(rendered["kamerbrief"], *edit)
    brief.write_bytes(edited)
    assert not generated_unchanged(edited)
    assert main(["render", str(note)]) == 2
    assert "is na het genereren gewijzigd" in capsys.readouterr().err
    assert brief.read_bytes() == edited
    assert (note.parent / f"{note.stem}-nota.docx").read_bytes() == rendered["nota"]  # nothing of the set changed
    assert main(["render", str(note), "--force"]) == 0
    backups = list(note.parent.glob(f"{note.stem}-kamerbrief.backup-*.docx"))
    assert [b.read_bytes() for b in backups] == [edited]


def test_an_untouched_generated_document_carries_a_hash_of_its_whole_package(rendered: dict[str, bytes]) -> None:
    for data in rendered.values():
        assert generated_unchanged(data)
        assert b"notawriter:pakket-sha256:" in zipfile.ZipFile(io.BytesIO(data)).read("docProps/core.xml")


# --- note writes ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["set", "{note}", "kop.onderwerp=Nieuw"],
        ["choose", "{note}", "migratie", "overnemen", "--no-render"],
        ["choose", "{note}", "migratie", "overnemen"],
    ],
    ids=["set", "choose-no-render", "choose"],
)
def test_a_read_only_note_is_refused_and_stays_as_it_is(
    note: Path, args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    before = note.read_bytes()
    note.chmod(0o444)
    try:
        assert main([a.format(note=note) for a in args]) == 2
        err = capsys.readouterr().err
        assert "alleen-lezen" in err and err.count("\n") == 1
        assert note.read_bytes() == before
        assert not list(note.parent.glob("*.docx"))  # choose wrote no documents either
    finally:
        note.chmod(0o644)


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="symbolische koppelingen")
def test_set_on_a_symlinked_note_writes_the_real_file_and_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "echt" / "nota.yaml"
    real.parent.mkdir()
    real.write_bytes(EXAMPLE.read_bytes())
    link = tmp_path / "koppeling.yaml"
    link.symlink_to(real)
    assert main(["set", str(link), "kop.onderwerp=Via de koppeling"]) == 0
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert load_note(real).kop.onderwerp == "Via de koppeling"
    assert temp_files(tmp_path) == [] and temp_files(real.parent) == []


def test_choose_refused_by_an_edited_document_has_not_changed_the_note(
    note: Path, rendered: dict[str, bytes], capsys: pytest.CaptureFixture[str]
) -> None:
    brief = note.parent / f"{note.stem}-kamerbrief.docx"
    brief.write_bytes(with_core_edit(rendered["kamerbrief"], b"<dc:title>", b"<dc:title>Eigen "))
    before = note.read_bytes()
    assert main(["choose", str(note), "migratie", "niet-overnemen"]) == 2
    err = capsys.readouterr().err
    assert "is na het genereren gewijzigd" in err and "Keuze vastgelegd" not in err
    assert note.read_bytes() == before
    assert (note.parent / f"{note.stem}-nota.docx").read_bytes() == rendered["nota"]


def test_choose_writes_the_note_and_its_documents_together(note: Path, rendered: dict[str, bytes]) -> None:
    assert main(["choose", str(note), "migratie", "niet-overnemen"]) == 0
    assert next(b for b in load_note(note).beslispunten if b.key == "migratie").keuze == "niet-overnemen"
    fresh = {d.name: d.data for d in render_nota(load_note(note))}
    for name, data in fresh.items():
        assert (note.parent / f"{note.stem}-{name}.docx").read_bytes() == data


def test_schema_output_never_replaces_a_note_but_does_replace_its_own_schema(
    note: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = note.read_bytes()
    assert main(["schema", "-o", str(note)]) == 2
    assert "geen JSON Schema" in capsys.readouterr().err
    assert note.read_bytes() == before
    schema = note.parent / "nota.schema.json"
    assert main(["schema", "-o", str(schema)]) == 0
    assert main(["schema", "-o", str(schema)]) == 0


def test_write_all_refuses_a_read_only_target_before_writing_any(tmp_path: Path) -> None:
    first, second = tmp_path / "a.docx", tmp_path / "b.docx"
    first.write_bytes(b"oud a")
    second.write_bytes(b"oud b")
    second.chmod(0o444)
    try:
        with pytest.raises(OutputError, match="alleen-lezen"):
            fsutil.write_all([(first, b"nieuw a"), (second, b"nieuw b")])
        assert first.read_bytes() == b"oud a"
    finally:
        second.chmod(0o644)


def test_a_load_then_save_does_not_undo_a_change_saved_in_between(small_note: Path) -> None:
    from notawriter.notefile import load_document, save_document

    doc = load_document(small_note)  # e.g. `lib update` or `motie --into` between reading and writing
    doc.data["kop"]["aan"] = "SG"
    assert main(["set", str(small_note), "kop.onderwerp=Tussendoor gewijzigd"]) == 0
    with pytest.raises(OutputError, match="is gewijzigd sinds notawriter het las"):
        save_document(doc)
    assert load_note(small_note).kop.onderwerp == "Tussendoor gewijzigd"
