"""The letterhead: the sender block (Rijkshuisstijl) on page 1 of the nota and the Kamerbrief.

Configured once in the project config (`afzender:` in the `notawriter.yaml` next to the notes) and
per note in `kamerbrief.afzender`; a field the note fills overrides the project's, field by field.
A logo path is relative to the file it is written in; `standaard` is the shipped placeholder. `render_note` resolves this before rendering
(`with_letterhead`); `letterhead_context` is what the templates see as `afzender`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from notawriter.errors import NoteFileError
from notawriter.model import Afzender, _Model
from notawriter.word.images import Logo

if TYPE_CHECKING:
    from notawriter.model import Nota
    from notawriter.view.redaction import Redactor

CONFIG_KEY = "afzender"
NOTE_FIELD = "kamerbrief.afzender"
#: The logo's height on the page; its width follows the image, up to LOGO_MAX_WIDTH_MM.
LOGO_HEIGHT_MM = 20.0
LOGO_MAX_WIDTH_MM = 80.0
LOGO_MAX_BYTES = 5 * 1024 * 1024
#: `logo: standaard` is the neutral placeholder shipped with the templates, wherever the file is.
SHIPPED_LOGO = "standaard"
SHIPPED_LOGO_FILE = "logo-plaatshouder.png"
FIELDS = tuple(Afzender.model_fields)


class _ProjectConfig(_Model):
    """The part of notawriter.yaml this module reads (validated on its own: other keys belong to others)."""

    afzender: Afzender | None = None


def project_afzender(note_path: Path | str | None) -> tuple[Afzender | None, Path | None]:
    """The `afzender:` of the project config found for this note, and that config's path."""
    from notawriter.library import config_section

    afzender, config = config_section(note_path, CONFIG_KEY, _ProjectConfig)
    return afzender, config


def merged(project: Afzender | None, note: Afzender | None) -> Afzender | None:
    """Project config < note: each field the note fills wins."""
    if project is None or note is None:
        return note if project is None else project
    values = {name: getattr(note, name) if getattr(note, name) else getattr(project, name) for name in FIELDS}
    return Afzender(**values)


def with_letterhead(nota: Nota, note_path: Path | str) -> Nota:
    """The note as rendered: its letterhead completed from the project config, the logo an absolute path."""
    note_path = Path(note_path)
    project, config = project_afzender(note_path)
    own = nota.kamerbrief.afzender
    if project is not None and project.logo and config is not None:
        project = project.model_copy(update={"logo": str(_logo_file(project.logo, config, "afzender.logo"))})
    if own is not None and own.logo:
        own = own.model_copy(update={"logo": str(_logo_file(own.logo, note_path, f"{NOTE_FIELD}.logo"))})
    sender = merged(project, own)
    if sender == nota.kamerbrief.afzender:
        return nota
    letter = nota.kamerbrief.model_copy(update={"afzender": sender})
    return nota.model_copy(update={"kamerbrief": letter})


def _logo_file(value: str, defined_in: Path, field: str) -> Path:
    """The logo as an absolute path, checked: it exists, is not huge, and Word can show it."""
    from notawriter.word.images import pixel_size

    if value.strip().casefold() == SHIPPED_LOGO:
        from notawriter.resources import shipped_dir

        return shipped_dir("templates") / SHIPPED_LOGO_FILE
    path = (defined_in.parent / Path(value).expanduser()).resolve()
    if not path.is_file():
        raise NoteFileError(
            defined_in, f"logo '{value}' bestaat niet ({path}); het pad is relatief aan dit bestand", field=field
        )
    if path.stat().st_size > LOGO_MAX_BYTES:
        raise NoteFileError(defined_in, f"logo '{value}' is groter dan 5 MB; gebruik een kleiner PNG- of JPEG-bestand", field=field)
    try:
        pixel_size(path)
    except (OSError, ValueError, IndexError):
        raise NoteFileError(defined_in, f"logo '{value}' is geen afbeelding die Word kan tonen; gebruik PNG of JPEG", field=field) from None
    return path


def logo(path: str | None) -> Logo | None:
    """The logo at its size on the page: LOGO_HEIGHT_MM high, narrower than LOGO_MAX_WIDTH_MM."""
    if not path or not Path(path).is_file():  # render_note has checked it (with_letterhead); a bare render_nota may not
        return None
    from notawriter.word.images import pixel_size

    px_width, px_height = pixel_size(path)
    ratio = px_width / max(px_height, 1)
    height = LOGO_HEIGHT_MM
    width = height * ratio
    if width > LOGO_MAX_WIDTH_MM:
        width, height = LOGO_MAX_WIDTH_MM, LOGO_MAX_WIDTH_MM / ratio
    return Logo(Path(path), round(width, 2), round(height, 2))


def lines(value: str | None) -> list[str]:
    """An address as stacked lines: its own line breaks, else the parts between commas."""
    if not value or not value.strip():
        return []
    parts = value.splitlines() if "\n" in value.strip() else re.split(r",\s*", value)
    return [p.strip() for p in parts if p.strip()]


def letterhead_context(sender: Afzender | None, red: Redactor, directie: bool) -> dict[str, Any]:
    """What the templates see as `afzender` (empty strings and lists when there is no letterhead).

    `directie` only for the nota: a letter to parliament comes from the ministry as a whole.
    """
    sender = sender or Afzender()
    contact = lines(sender.contact)
    if red.openbaar and contact:  # personal data: the whole contact becomes one redaction
        contact = [red.field("\n".join(contact), personal=True)]
    else:
        contact = [red.field(line, personal=True) for line in contact]
    return {
        "ministerie": sender.ministerie or "",
        "directie": (sender.directie or "") if directie else "",
        "bezoekadres": lines(sender.bezoekadres),
        "postadres": lines(sender.retouradres),
        "retouradres": ", ".join(lines(sender.retouradres)),
        "contact": contact,
        "logo": logo(sender.logo),
    }
