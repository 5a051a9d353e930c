"""Bad input never crashes and never touches a file: the corpus in tests/corpus/ (see cases.yaml).

Each case runs `python -m notawriter …` as a subprocess (real exit code, stdin closed) in its own
folder, seeded with the outputs of an earlier render. A refusal must exit 2 with a short Dutch
message that names the file (and the line and field where that applies) and says what is allowed,
without a traceback; and every file in the folder must be byte-identical afterwards. Harmless
differences (a BOM, CRLF line endings) are "tolerated" cases that must simply render.

The cases run concurrently, once per module (LibreOffice-free, a few seconds in all); the tests
below only check their results.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import stat
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from tests.helpers import docx_text, is_valid_docx, snapshot

CORPUS = Path(__file__).parent / "corpus"
CASES: list[dict[str, Any]] = YAML(typ="safe").load((CORPUS / "cases.yaml").read_text(encoding="utf-8"))
TOLERATED = [c for c in CASES if c.get("tolerated")]
REFUSED = [c for c in CASES if not c.get("tolerated")]
# Words that betray an untranslated (English) message; paths are removed before the check.
ENGLISH = re.compile(r"\b(error|not|found|expected|invalid|cannot|unable|while|but|got|file|exception|unsafe)\b", re.I)


@dataclass
class Outcome:
    case: dict[str, Any]
    folder: Path
    args: list[str]
    before: dict[str, str] = field(default_factory=dict)
    after: dict[str, str] = field(default_factory=dict)
    returncode: int | None = None
    stdout: str = ""
    stderr: str = ""
    skipped: str = ""


# --- preparing a case folder ----------------------------------------------------------------------


def build_template(kind: str, paragraph: str, target: Path) -> None:
    """The shipped template `kind` with one extra paragraph (e.g. a broken Jinja tag)."""
    from docx import Document

    from notawriter.render import template_path

    document = Document(str(template_path(kind)))
    document.add_paragraph(paragraph)
    document.save(str(target))


def place_template(spec: str, name: str, target: Path) -> None:
    from notawriter.render import template_path

    if spec == "shipped":
        shutil.copy(template_path(Path(name).stem), target)
    elif spec.startswith("corpus:"):
        shutil.copy(CORPUS / spec.removeprefix("corpus:"), target)
    elif spec.startswith("build:"):
        build_template(Path(name).stem, spec.removeprefix("build:"), target)
    else:
        raise ValueError(f"onbekende sjabloonsoort {spec!r}")


def edited(docx: bytes) -> bytes:
    """A generated document as if someone changed a word in Word (the recorded hash no longer fits)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            blob = src.read(info.filename)
            if info.filename == "word/document.xml":
                blob = blob.replace(b"Migratie", b"Migratie en asiel", 1)
            dst.writestr(info, blob)
    return out.getvalue()


def prepare(case: dict[str, Any], folder: Path, previous: dict[str, bytes]) -> Outcome:
    """Make the case's folder: note, extra files, templates, previous outputs; and its arguments."""
    folder.mkdir(parents=True)
    setup = set(case.get("setup") or [])
    note_name = case.get("note", f"{case['id']}.yaml")
    note = folder / (note_name or "geen-nota.yaml")
    if note_name:
        shutil.copy(CORPUS / note_name, note)
    if "oversized" in setup:
        # a valid note padded with comment lines to just over the 5 MB limit
        pad = ("# " + "opvulling " * 9 + "\n") * (5 * 1024 * 1024 // 90 + 100)
        note.write_text(note.read_text(encoding="utf-8") + pad, encoding="utf-8")
    if "note-is-dir" in setup:
        (folder / "map.yaml").mkdir()
        (folder / "map.yaml" / "nota.yaml").write_text("schema_version: 1\n", encoding="utf-8")
    for name, content in (case.get("files") or {}).items():
        if content.startswith("corpus:"):
            shutil.copy(CORPUS / content.removeprefix("corpus:"), folder / name)
        else:
            (folder / name).write_text(content, encoding="utf-8")
    if case.get("templates"):
        (folder / "sjablonen").mkdir()
        for name, spec in case["templates"].items():
            place_template(spec, name, folder / "sjablonen" / name)
    if "no-previous" not in setup:
        stem = note.stem
        for kind, data in previous.items():
            (folder / f"{stem}-{kind}.docx").write_bytes(data)
    if "edited-output" in setup:
        target = folder / f"{note.stem}-kamerbrief.docx"
        target.write_bytes(edited(target.read_bytes()))
    if "output-is-dir" in setup:
        target = folder / f"{note.stem}-kamerbrief.docx"
        target.unlink()
        target.mkdir()
    skipped = ""
    if "readonly-dir" in setup:
        locked = folder / "alleen-lezen"
        locked.mkdir()
        locked.chmod(stat.S_IRUSR | stat.S_IXUSR | stat.S_IRGRP | stat.S_IXGRP | stat.S_IROTH | stat.S_IXOTH)
        probe = locked / ".probe"
        try:
            probe.write_bytes(b"")
        except OSError:
            pass
        else:  # root (as in CI containers) ignores permissions: this case cannot be made here
            probe.unlink()
            skipped = "map met alleen leesrechten is hier toch schrijfbaar (root negeert rechten)"
    values = {"note": str(note), "tmp": str(folder), "sjablonen": str(folder / "sjablonen")}
    args = [a.format(**values) for a in case.get("args") or ["render", "{note}"]]
    if case.get("debug"):
        args = ["--debug", *args]
    return Outcome(case, folder, args, skipped=skipped)


def run(outcome: Outcome) -> Outcome:
    if outcome.skipped:
        return outcome
    env = {k: v for k, v in os.environ.items() if k != "NOTAWRITER_DEBUG"}
    env["PYTHONIOENCODING"] = "utf-8"
    outcome.before = snapshot(outcome.folder)
    proc = subprocess.run(
        [sys.executable, "-m", "notawriter", *outcome.args],
        cwd=outcome.folder,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    outcome.after = snapshot(outcome.folder)
    outcome.returncode, outcome.stdout, outcome.stderr = proc.returncode, proc.stdout, proc.stderr
    return outcome


@pytest.fixture(scope="module")
def previous_outputs() -> dict[str, bytes]:
    """Outputs of an earlier render (with a choice made, so a new render would differ)."""
    from notawriter.notefile import load_note
    from notawriter.render import render_nota

    docs = render_nota(load_note(CORPUS / "geldig.yaml"), choose={"migratie": "overnemen"})
    return {doc.name: doc.data for doc in docs}


@pytest.fixture(scope="module")
def outcomes(
    tmp_path_factory: pytest.TempPathFactory, previous_outputs: dict[str, bytes]
) -> Iterator[dict[str, Outcome]]:
    root = tmp_path_factory.mktemp("corpus")
    prepared = [prepare(case, root / case["id"], previous_outputs) for case in CASES]
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        done = list(pool.map(run, prepared))
    yield {o.case["id"]: o for o in done}
    for o in done:  # let pytest clean up the read-only folder
        for path in o.folder.rglob("*"):
            if path.is_dir():
                path.chmod(0o755)


# --- the checks -----------------------------------------------------------------------------------


def test_corpus_has_at_least_forty_bad_inputs() -> None:
    assert len(REFUSED) >= 40
    assert len({c["id"] for c in CASES}) == len(CASES), "dubbele id in cases.yaml"
    listed = {c.get("note", f"{c['id']}.yaml") for c in CASES} - {None}
    for name in listed:
        assert (CORPUS / name).is_file(), name


@pytest.mark.parametrize("case", REFUSED, ids=[c["id"] for c in REFUSED])
def test_bad_input_is_refused_cleanly_and_changes_nothing(case: dict[str, Any], outcomes: dict[str, Outcome]) -> None:
    o = outcomes[case["id"]]
    if o.skipped:
        pytest.skip(o.skipped)
    where = f"\n$ notawriter {' '.join(o.args)}\nexit {o.returncode}\nstderr:\n{o.stderr}\nstdout:\n{o.stdout}"
    assert o.returncode == case.get("exit", 2), where
    for fragment in case.get("stderr", []):
        assert fragment in o.stderr, f"{fragment!r} ontbreekt{where}"
    for name in case.get("mentions") or [case.get("note", f"{case['id']}.yaml")]:
        assert name in o.stderr, f"{name!r} niet genoemd{where}"
    assert o.after == o.before, f"bestanden veranderd: {diff(o.before, o.after)}{where}"
    leftovers = [p.name for p in o.folder.rglob(".*.tmp")]
    assert not leftovers, leftovers
    if case.get("debug"):
        assert "Traceback (most recent call last)" in o.stderr, where
        return
    assert "Traceback" not in o.stderr, where
    lines = o.stderr.strip().splitlines()
    assert 1 <= len(lines) <= 3, f"te veel regels{where}"
    assert lines[0].startswith("fout: "), where
    assert "interne fout" not in o.stderr, where
    if not case.get("english"):
        text = o.stderr.replace(str(o.folder), "").replace(str(CORPUS), "")
        assert not ENGLISH.search(text), f"Engels in de melding: {ENGLISH.search(text)}{where}"


@pytest.mark.parametrize("case", TOLERATED, ids=[c["id"] for c in TOLERATED])
def test_harmless_input_is_accepted(case: dict[str, Any], outcomes: dict[str, Outcome], office_docs: Any) -> None:
    """A BOM or Windows line endings are harmless: render succeeds and the note stays as it was."""
    o = outcomes[case["id"]]
    where = f"\nexit {o.returncode}\nstderr:\n{o.stderr}\nstdout:\n{o.stdout}"
    assert o.returncode == 0, where
    assert o.stderr == "", where
    for name, digest in o.before.items():
        assert o.after.get(name) == digest, f"{name} veranderd"
    new = sorted(set(o.after) - set(o.before))
    stem = Path(case.get("note", f"{case['id']}.yaml")).stem
    assert new == [f"{stem}-kamerbrief.docx", f"{stem}-nota.docx"], new
    for name in new:
        data = (o.folder / name).read_bytes()
        assert is_valid_docx(data)
        office_docs.add(data, f"corpus {case['id']}: {name}")
    assert "Proefnota corpus" in docx_text(o.folder / f"{stem}-nota.docx")


def test_tolerated_inputs_render_the_same_documents_as_the_plain_note(outcomes: dict[str, Outcome]) -> None:
    """BOM and CRLF change nothing in the result: the documents equal those of the plain note."""
    from notawriter.notefile import load_note
    from notawriter.render import render_nota

    expected = {doc.name: doc.data for doc in render_nota(load_note(CORPUS / "geldig.yaml"))}
    for case in TOLERATED:
        o = outcomes[case["id"]]
        for kind, data in expected.items():
            assert (o.folder / f"{case['id']}-{kind}.docx").read_bytes() == data, (case["id"], kind)


def diff(before: dict[str, str], after: dict[str, str]) -> str:
    names = sorted(set(before) | set(after))
    return ", ".join(
        f"{n}: {before.get(n, '-')[:8]} → {after.get(n, '-')[:8]}" for n in names if before.get(n) != after.get(n)
    )
