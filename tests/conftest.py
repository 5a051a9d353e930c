"""Shared fixtures, and the session-wide check that a real office suite opens every document.

Office check: every .docx notawriter writes during the test session (in-process writes through
`fsutil.atomic_write_bytes`, plus documents registered explicitly with the `office_docs` fixture,
e.g. in-memory renders and the outputs of subprocesses) is copied into one session folder; at the
end of the session LibreOffice converts them all to PDF in one batched run, and the session fails
if any document did not convert. Without LibreOffice the check is skipped with a note, except
under CI=true, where a missing LibreOffice fails the session. NOTAWRITER_SKIP_OFFICE=1 skips it
for quick local runs.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import convert_to_pdf, find_soffice, sha256

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "kabinetsreactie-iob.yaml"


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def require_soffice() -> str:
    """The LibreOffice binary, or skip the test (fail under CI=true)."""
    soffice = find_soffice()
    if soffice is None:
        if in_ci():
            pytest.fail("LibreOffice (soffice) ontbreekt; onder CI=true is dat een fout")
        pytest.skip("LibreOffice (soffice) niet gevonden")
    return soffice


# --- collecting documents for the office check ---------------------------------------------------


class OfficeDocs:
    """Documents to open in LibreOffice at session end, de-duplicated by content."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="notawriter-office-"))
        self.labels: dict[str, str] = {}  # digest → where the document came from

    def add(self, data: bytes, label: str) -> None:
        """Register a generated document (bytes) under a label that says where it came from."""
        digest = sha256(data)
        if digest in self.labels:
            return
        self.labels[digest] = label
        (self.folder / f"{digest[:20]}.docx").write_bytes(data)

    def add_file(self, path: Path, label: str | None = None) -> None:
        self.add(path.read_bytes(), label or str(path))

    def add_generated(self, folder: Path, label: str = "") -> int:
        """Register every notawriter-generated, unedited .docx in `folder`; returns how many."""
        from notawriter.render import generated_unchanged

        count = 0
        for path in sorted(folder.rglob("*.docx")):
            data = path.read_bytes()
            if generated_unchanged(data):
                self.add(data, f"{label}{path.name}")
                count += 1
        return count

    def __len__(self) -> int:
        return len(self.labels)


_OFFICE_DOCS = OfficeDocs()


@pytest.fixture(scope="session")
def office_docs() -> OfficeDocs:
    """Register documents for the session-end LibreOffice check: `office_docs.add(data, label)`."""
    return _OFFICE_DOCS


@pytest.fixture(autouse=True)
def _collect_written_docx(monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> None:
    """Copy every generated .docx written through fsutil.atomic_write_bytes to the office check."""
    import notawriter.fsutil as fsutil  # light: no pydantic or docx until a document is written

    original = fsutil.atomic_write_bytes
    label = request.node.nodeid

    def collecting(path: Path, data: bytes) -> None:
        original(path, data)
        if Path(path).suffix == ".docx":
            from notawriter.render import generated_unchanged

            # Only what notawriter generated (a deliberately broken or "edited" file is not ours).
            if generated_unchanged(data):
                _OFFICE_DOCS.add(data, f"{label}: {Path(path).name}")

    collecting.__wrapped__ = original  # type: ignore[attr-defined]
    # Modules that imported the function by name hold their own reference (possibly a wrapper
    # from an earlier test, if they were first imported during one): patch those too.
    for name, module in list(sys.modules.items()):
        if name != "notawriter" and not name.startswith("notawriter."):
            continue
        current = getattr(module, "atomic_write_bytes", None)
        if current is not None and getattr(current, "__wrapped__", current) is original:
            monkeypatch.setattr(module, "atomic_write_bytes", collecting)

    # A render writes its documents together (fsutil.write_all): collect those too.
    original_all = fsutil.write_all

    def collecting_all(items: Any) -> None:
        original_all(items)
        for path, data in items:
            if Path(path).suffix == ".docx":
                from notawriter.render import generated_unchanged

                if generated_unchanged(data):
                    _OFFICE_DOCS.add(data, f"{label}: {Path(path).name}")

    collecting_all.__wrapped__ = original_all  # type: ignore[attr-defined]
    for name, module in list(sys.modules.items()):
        if name != "notawriter" and not name.startswith("notawriter."):
            continue
        current = getattr(module, "write_all", None)
        if current is not None and getattr(current, "__wrapped__", current) is original_all:
            monkeypatch.setattr(module, "write_all", collecting_all)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Open every collected document in LibreOffice (one batched conversion to PDF)."""
    docs = _OFFICE_DOCS
    reporter: Any = session.config.pluginmanager.get_plugin("terminalreporter")

    def say(line: str, **markup: bool) -> None:
        if reporter is not None:
            reporter.write_line(line, **markup)

    try:
        if not len(docs) or os.environ.get("NOTAWRITER_SKIP_OFFICE") == "1":
            return
        if find_soffice() is None:
            if in_ci():
                say(
                    f"office-check: LibreOffice (soffice) ontbreekt; {len(docs)} document(en) niet geopend (CI=true: fout)",
                    red=True,
                )
                session.exitstatus = pytest.ExitCode.TESTS_FAILED
            else:
                say(
                    f"office-check overgeslagen: LibreOffice (soffice) niet gevonden ({len(docs)} document(en))",
                    yellow=True,
                )
            return
        files = sorted(docs.folder.glob("*.docx"))
        began = time.monotonic()
        try:
            result, log = convert_to_pdf(files, docs.folder / "pdf")
        except Exception as exc:  # noqa: BLE001 - report any failure of the tool itself
            say(f"office-check: LibreOffice kon niet draaien: {exc}", red=True)
            session.exitstatus = pytest.ExitCode.TESTS_FAILED
            return
        failed = [path for path, pdf in result.items() if pdf is None]
        if failed:
            keep = Path(tempfile.mkdtemp(prefix="notawriter-office-failed-"))
            for path in failed:
                shutil.copy(path, keep / path.name)
            say(
                f"office-check: {len(failed)} van {len(files)} document(en) niet geopend door LibreOffice "
                f"(bewaard in {keep}):",
                red=True,
            )
            for path in failed:
                say(f"  {path.name}: {docs.labels.get(path.stem, '?')}", red=True)
            say(log[-2000:])
            session.exitstatus = pytest.ExitCode.TESTS_FAILED
        else:
            seconds = time.monotonic() - began
            say(
                f"office-check: LibreOffice opende alle {len(files)} gegenereerde document(en) ({seconds:.0f} s)",
                green=True,
            )
    finally:
        shutil.rmtree(docs.folder, ignore_errors=True)


# --- shared fixtures ------------------------------------------------------------------------------


@pytest.fixture
def example_note(tmp_path: Path) -> Path:
    """A copy of the bundled example note in a fresh folder."""
    note = tmp_path / "kabinetsreactie-iob.yaml"
    shutil.copy(EXAMPLE, note)
    return note


@pytest.fixture(scope="session")
def run_cli() -> Callable[..., Any]:
    """Run `python -m notawriter ARGS` as a subprocess: real exit code, stdin closed, no colour."""
    import subprocess

    def run(*args: str, cwd: Path | None = None, timeout: float = 120, env: dict[str, str] | None = None) -> Any:
        base = {k: v for k, v in os.environ.items() if k != "NOTAWRITER_DEBUG"}
        full_env = {**base, "PYTHONIOENCODING": "utf-8", "NO_COLOR": "1", **(env or {})}
        return subprocess.run(
            [sys.executable, "-m", "notawriter", *args],
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=timeout,
            env=full_env,
        )

    return run
