"""The interactive wizard behind `notawriter new` and `notawriter edit`: questions → the note model.

The wizard walks the model part by part, asking `Question`s through an asker, and writes the
note with `save_note` after every answer, so stopping loses at most the question in progress.
It knows nothing of Word: at the end it calls `render_note`. Modules: `questions` (questions as
data, the questionary adapter), `engine` (steps, resuming, list menus, autosave), `points`,
`recommendations` and `parts` (the parts of a note), `flow` (their order, starting or continuing,
the review screen), `progress` (where `new` stopped, so it can continue there).
"""

from __future__ import annotations

import shlex
import sys
from pathlib import Path
from typing import Any

from notawriter.errors import Interrupted, NotaError
from notawriter.wizard.flow import SECTIONS, Wizard, overview
from notawriter.wizard.progress import Progress
from notawriter.wizard.questions import Asker, Question, TerminalAsker

__all__ = ["SECTIONS", "Asker", "Question", "TerminalAsker", "Wizard", "overview", "run_edit", "run_new"]


def run_new(
    path: Path | str,
    libraries: list[Path] | tuple[Path, ...] = (),
    templates: Path | None = None,
    *,
    asker: Asker | None = None,
    library_set: Any = None,
    source: Path | str | None = None,
) -> int:
    """`notawriter new`: ask everything (or continue a partial note), then save and render.

    With `source` (`--from VORIGE.yaml`) the note starts as a copy of that note with what belongs
    to one note only cleared (see `flow.start_from`); the new subject, the header and then the
    review follow, where any part can be changed.
    """
    path = Path(path)
    if path.is_dir():
        raise NotaError(f"{path}: is een map; geef een notabestand op, bijv. {path / 'nota.yaml'}")
    earlier = None
    if source is not None:
        from notawriter.notefile import load_note

        if path.exists():
            raise NotaError(
                f"{path} bestaat al; --from begint een nieuwe nota: kies een andere naam, "
                f"of ga verder zonder --from: notawriter new {shlex.quote(str(path))}"
            )
        earlier = load_note(Path(source))
    asker = asker or _terminal_asker("new", path)
    wizard = Wizard(path, asker, None, templates=templates)
    try:
        wizard.libs = library_set if library_set is not None else _load_libraries(libraries, path, asker)
        if earlier is not None:
            wizard.progress = Progress(path)
            wizard.start_from(earlier, Path(source or ""))
            return wizard.review()
        if path.exists() and not wizard.open_existing():
            return 0
        wizard.progress = Progress(path)  # from here on, where it is is recorded before every question
        if wizard.nota is None:
            wizard.ask_subject()
            wizard.run_steps(wizard.flow()[1:])
        else:
            wizard.resume()
        return wizard.review()
    except (Interrupted, KeyboardInterrupt, EOFError):
        return wizard.stopped("new")


def run_edit(
    path: Path | str,
    section: str | None = None,
    libraries: list[Path] | tuple[Path, ...] = (),
    templates: Path | None = None,
    *,
    asker: Asker | None = None,
    library_set: Any = None,
) -> int:
    """`notawriter edit`: the same questions with the current answers as defaults."""
    from notawriter.notefile import load_note

    path = Path(path)
    if section is not None and section not in SECTIONS:
        raise NotaError(
            f"onderdeel '{section}' bestaat niet; kies uit: {', '.join(SECTIONS)} "
            "(aanbevelingen alleen in een nota met aanbevelingen)"
        )
    nota = load_note(path)
    if section == "aanbevelingen" and not nota.aanbevelingen:
        raise NotaError(
            f"{path} heeft geen aanbevelingen; lees ze eerst in uit het rapport: "
            f"notawriter import-aanbevelingen RAPPORT --into {shlex.quote(str(path))}"
        )
    asker = asker or _terminal_asker("edit", path)
    wizard = Wizard(path, asker, nota, templates=templates, editing=True)
    try:
        wizard.libs = library_set if library_set is not None else _load_libraries(libraries, path, asker)
        if section:
            wizard.run_section(section)
        return wizard.review()
    except (Interrupted, KeyboardInterrupt, EOFError):
        return wizard.stopped("edit")


def _terminal_asker(command: str, path: Path) -> Asker:
    if not sys.stdin.isatty():
        raise NotaError(
            f"'notawriter {command}' stelt vragen en heeft een terminal nodig; zonder terminal: "
            f"'notawriter set {path} VELD=WAARDE', 'notawriter choose {path} BESLISPUNT OPTIE' of bewerk {path} zelf"
        )
    return TerminalAsker()


def _load_libraries(dirs: Any, path: Path, asker: Asker) -> Any:
    from notawriter import library

    try:
        return library.load_libraries(dirs, note_path=path)
    except NotaError as exc:
        asker.say(f"Bibliotheken niet geladen ({exc.message}); u kunt alles zelf invullen.")
        return None
