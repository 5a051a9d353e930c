"""Where `notawriter new` stopped: a small hidden file next to the note, `.NOTA.yaml.wizard`.

The note alone cannot say where to continue: an optional question left empty looks like one not
asked yet, a list's half-finished last item like a finished one, and other parts fill up on the
way (a motion made for an option, one cited in a text). So before every question the wizard
records where it is: the trail of steps down to the question on screen (e.g. 'beslispunten',
'beslispunten[0].opties', 'beslispunten[0].opties[1].tekstsuggestie', and the question's name)
with a fingerprint of the note's answers at that moment. Written before the question, not on
Ctrl-C, so a closed terminal leaves it too. `new` continues there only while the note still holds
exactly those answers; a record that is missing, unreadable, for other answers (the note was
edited since) or that fits no step is ignored, and the place is derived from the content as before.

A side file rather than a comment in the note: the note is the user's document (versioned,
diffed, edited by hand with its comments kept) and this is throw-away session state. It is
written atomically and removed when the wizard ends at the review; deleting it is harmless.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from pathlib import Path
from typing import Any

VERSION = 1
EXPLANATION = "Waar 'notawriter new' stopte; verdwijnt als de wizard klaar is. Weggooien mag."


def progress_path(note: Path) -> Path:
    return note.with_name(f".{note.name}.wizard")


def fingerprint(answers: Any) -> str:
    """The note's answers (its model as JSON data) as a short, order-independent hash."""
    text = json.dumps(answers, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Progress:
    """The record next to one note: `record` before each question, `read` to continue, `clear`."""

    def __init__(self, note: Path) -> None:
        self.note = note
        self.path = progress_path(note)
        self._written: str | None = None

    def record(self, trail: tuple[str, ...], answers: Any) -> None:
        from notawriter.errors import NotaError
        from notawriter.fsutil import atomic_write_text

        data = {
            "uitleg": EXPLANATION,
            "versie": VERSION,
            "nota": self.note.name,
            "antwoorden": fingerprint(answers),
            "plek": list(trail),
        }
        text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
        if text == self._written:
            return
        try:
            atomic_write_text(self.path, text)
        except (OSError, NotaError):
            return  # without the record, `new` derives the place from the content: never a reason to stop
        self._written = text

    def read(self, answers: Any) -> tuple[str, ...] | None:
        """The recorded trail, if it was recorded for exactly these answers; None otherwise."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):  # missing, unreadable, not JSON (UnicodeDecodeError is a ValueError)
            return None
        if not isinstance(data, dict):
            return None
        trail = data.get("plek")
        if (
            data.get("versie") != VERSION
            or data.get("nota") != self.note.name
            or data.get("antwoorden") != fingerprint(answers)
            or not isinstance(trail, list)
            or not trail
            or not all(isinstance(name, str) and name for name in trail)
        ):
            return None
        return tuple(trail)

    def clear(self) -> None:
        with contextlib.suppress(OSError):
            self.path.unlink(missing_ok=True)
        self._written = None
