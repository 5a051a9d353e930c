"""`notawriter watch`: re-render in-process whenever the note, a used library or a template changes."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from notawriter.errors import NotaError

if TYPE_CHECKING:
    from notawriter.pdf import WarmConverter


def watched_paths(note: Path, templates: Path | None) -> list[Path]:
    """The note, the library files its items came from, and the template folder if any."""
    paths = [note.resolve()]
    if templates is not None:
        paths.append(templates.resolve())
    try:
        from notawriter.libsync import used_library_files

        paths.extend(used_library_files(note))
    except Exception:  # noqa: BLE001 - a note that does not load yet is still watched; libraries come later
        pass
    return list(dict.fromkeys(paths))


def render_once(
    note: Path,
    out_dir: Path | None,
    templates: Path | None,
    echo: Callable[[str], None],
    pdf: WarmConverter | None = None,
) -> bool:
    from notawriter.fsutil import locked
    from notawriter.limits import shown
    from notawriter.render import render_note

    try:
        with locked(note, shared=True):  # not between the reads and writes of a `set` or wizard save
            report = render_note(note, out_dir=out_dir, templates=templates)
    except NotaError as exc:
        echo(f"fout: {shown(exc.message, 10_000)}")  # keep watching: the user is probably mid-edit
        return False
    except (Exception, RecursionError, MemoryError) as exc:  # noqa: BLE001 - watch survives anything
        from notawriter.errors import name_too_long

        if too_long := name_too_long(exc):
            echo(f"fout: {shown(too_long.message, 10_000)}")
            return False
        echo(f"interne fout ({type(exc).__name__}: {shown(str(exc), 300)}); ik blijf opletten en render na de volgende wijziging")
        return False
    for line in report.lines():
        echo(shown(line, 10_000))
    from notawriter.pdf import stale_pdfs, write_pdfs

    if pdf is None:
        for warning in stale_pdfs(report.written):
            echo(f"waarschuwing: {warning}")
        return True

    told = pdf.fallback
    try:
        lines = write_pdfs(report.paths, report.written, pdf).lines()
    except NotaError as exc:
        echo(f"fout: {exc.message}")
        return False
    finally:
        if pdf.fallback and pdf.fallback != told:
            echo(f"let op: LibreOffice blijft niet klaarstaan ({pdf.fallback}); elke PDF-ronde start het opnieuw")
    for line in lines:
        echo(line)
    return True


def watch(
    note: Path,
    out_dir: Path | None = None,
    templates: Path | None = None,
    stop_event: threading.Event | None = None,
    echo: Callable[[str], None] = print,
    pdf: bool = False,
) -> int:
    """Render now, then again after every save; Ctrl-C stops. With `pdf`, every document also as
    PDF, by one LibreOffice kept running for the whole session."""
    if not note.exists():
        raise NotaError(f"{note}: notabestand bestaat niet")
    converter = None
    if pdf:
        from notawriter.pdf import WarmConverter, require_soffice

        converter = WarmConverter(require_soffice())
        converter.start()  # LibreOffice starts while the first render runs
    try:
        return _watch(note, out_dir, templates, stop_event, echo, converter)
    finally:
        if converter is not None:
            converter.close()


def _watch(
    note: Path,
    out_dir: Path | None,
    templates: Path | None,
    stop_event: threading.Event | None,
    echo: Callable[[str], None],
    converter: WarmConverter | None,
) -> int:
    from watchfiles import watch as watch_files

    failed = not render_once(note, out_dir, templates, echo, converter)
    echo(f"Ik let op wijzigingen in {note} (stoppen met Ctrl-C) …")
    paths = watched_paths(note, templates)
    folders = {p if p.is_dir() else p.parent for p in paths}
    if out_dir is not None and out_dir.is_dir():
        folders.add(out_dir.resolve())  # where the lock files of open documents come and go
    try:
        for changes in watch_files(*folders, stop_event=stop_event, debounce=150):
            changed = {Path(p).resolve() for _, p in changes}
            # A render refused because a document was open in Word is retried once it is closed.
            unlocked = failed and any(_is_lock_file(c) and not c.exists() for c in changed)
            if unlocked or any(c == p or p in c.parents for c in changed for p in paths):
                failed = not render_once(note, out_dir, templates, echo, converter)
                paths = watched_paths(note, templates)
    except KeyboardInterrupt:
        print("Gestopt.", file=sys.stderr)
    return 0


def _is_lock_file(path: Path) -> bool:
    """Word's '~$…' or LibreOffice's '.~lock.…#' beside an open document (see render.lock_file)."""
    return path.name.startswith("~$") or (path.name.startswith(".~lock.") and path.name.endswith("#"))
