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
import re
from pathlib import Path
from typing import Any

from notawriter.notepath import segments

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

    def record(self, trail: tuple[str, ...], answers: Any, chosen: Any = ()) -> None:
        from notawriter.errors import NotaError
        from notawriter.fsutil import atomic_write_text

        data = {
            "uitleg": EXPLANATION,
            "versie": VERSION,
            "nota": self.note.name,
            "antwoorden": fingerprint(answers),
            "plek": list(trail),
            "gekozen": sorted(chosen),  # optional parts chosen to answer (e.g. 'kop.via', 'moties')
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

    def chosen(self, answers: Any) -> list[str]:
        """The optional parts chosen in the stopped session (with a usable record; else none)."""
        if self.read(answers) is None:
            return []
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return []
        chosen = data.get("gekozen") if isinstance(data, dict) else None
        return [name for name in chosen if isinstance(name, str)] if isinstance(chosen, list) else []

    def clear(self) -> None:
        with contextlib.suppress(OSError):
            self.path.unlink(missing_ok=True)
        self._written = None


# --- where the wizard is, in words --------------------------------------------------------------------

#: The stages of `new`, in order: (name, title); 'aanbevelingen' only in a note with recommendations.
STAGES: tuple[tuple[str, str], ...] = (
    ("kop", "Kop"),
    ("ondertekenaars", "Ondertekenaars en Aan"),
    ("aanleiding", "Aanleiding"),
    ("beslispunten", "Beslispunten"),
    ("aanbevelingen", "Aanbevelingen"),
    ("overige", "Overige onderdelen"),
    ("kamerbrief", "Kamerbrief"),
    ("overzicht", "Overzicht"),
)
#: the parts asked in the stage 'Overige onderdelen' (one question says which ones)
OTHER_PARTS = ("moties", "secties", "communicatie", "niet_openbaar", "bijlagen")
#: a list in the note → what one item of it is called
NOUNS: dict[str, str] = {
    "beslispunten": "beslispunt",
    "opties": "optie",
    "ondertekenaars": "ondertekenaar",
    "moties": "motie",
    "indieners": "indiener",
    "secties": "sectie",
    "subsecties": "subsectie",
    "aanbevelingen": "aanbeveling",
    "argumenten_voor": "argument voor",
    "argumenten_tegen": "argument tegen",
}
#: a field (the last part of a question's name) in words
FIELDS: dict[str, str] = {
    "onderwerp": "onderwerp",
    "type": "soort nota",
    "aan": "aan",
    "van": "van",
    "via": "via",
    "kopie_aan": "kopie aan",
    "datum": "datum",
    "referentie": "referentie",
    "opgesteld_door": "opgesteld door",
    "plandatum": "plandatum",
    "kamer": "datum in de Kamer",
    "binnengekomen_op": "binnengekomen op",
    "afkorting": "afkorting",
    "titel": "titel",
    "naam": "naam",
    "akkoord": "wie akkoord geeft",
    "tekst": "tekst",
    "key": "sleutel",
    "label": "korte naam",
    "samenvatting": "samenvatting",
    "tekstsuggestie": "tekstsuggestie",
    "argumenten_voor": "argumenten voor",
    "argumenten_tegen": "argumenten tegen",
    "moties": "moties",
    "beslispunten": "beslispunten",
    "ondertekenaars": "ondertekenaars",
    "opties": "opties",
    "secties": "secties",
    "indieners": "indieners",
    "ambtelijk_advies": "ambtelijk advies",
    "advies_toelichting": "toelichting op het advies",
    "keuze": "keuze",
    "inleiding": "inleiding",
    "slot": "slot",
    "ondertekening": "ondertekening",
    "ministerie": "briefhoofd: ministerie",
    "bezoekadres": "briefhoofd: bezoekadres",
    "retouradres": "briefhoofd: retouradres",
    "verzoek": "verzoek",
    "status": "status",
    "appreciatie": "appreciatie",
    "reactie": "reactie",
    "aanleiding": "aanleiding",
    "communicatie": "communicatie",
    "niet_openbaar": "informatie die niet openbaar kan",
    "bijlagen": "bijlagen",
}
_TAGS: dict[str, str] = {
    "menu": "de lijst",
    "actie": "wat te doen met het item",
    "opties": "de vraag of er opties zijn",
    "bron": "de keuze uit de bibliotheek",
    "argumenten": "argumenten uit de bibliotheek",
    "velden": "welke kopvelden",
    "onderdelen": "welke overige onderdelen",
    "bij": "bij welke opties de motie hoort",
    "pagina": "het overzicht",
    "onderdeel": "het overzicht",
}
#: tags of a second question about the same field (a date's choice, typing it, a name's choice): named by the field
_SAME_FIELD = ("datum", "typen", "kies", "wie", "anders")


def stage_of(trail: tuple[str, ...]) -> str:
    """The stage (a name of STAGES) a trail lies in: its outermost step, past a review's own entry."""
    names = [name for name in trail if not name.startswith("#overzicht")] or ["#overzicht"]
    head = names[0].lstrip("#")
    first = re.split(r"[.\[#]", head, maxsplit=1)[0]
    if first in ("overzicht", "bestaand", "opnieuw"):
        return "overzicht"
    if first in OTHER_PARTS or first == "onderdelen":
        return "overige"
    return first if any(first == name for name, _ in STAGES) else "kop"


def progress_line(nota: Any, trail: tuple[str, ...]) -> str:
    """'Stap 4 van 7 — Beslispunten, 2 van 2 · optie 1 van 2' for the question at the end of `trail`."""
    stages = [(name, title) for name, title in STAGES if name != "aanbevelingen" or nota.aanbevelingen]
    stage = stage_of(trail)
    number = next((i for i, (name, _) in enumerate(stages, start=1) if name == stage), 1)
    line = f"Stap {number} van {len(stages)} — {dict(stages)[stage]}"
    counts = _counts(nota, trail[-1] if trail else "")
    if counts and counts[0][0] in NOUNS and stage in ("ondertekenaars", "beslispunten", "aanbevelingen"):
        _, i, n = counts.pop(0)
        line += f", {i} van {n}"
    for noun, i, n in counts:
        line += f" · {NOUNS.get(noun, noun)} {i} van {n}"
    return line


def _counts(nota: Any, name: str) -> list[tuple[str, int, int]]:
    """(list, position, length) for every list item the question `name` lies in."""
    node: Any = nota
    found: list[tuple[str, int, int]] = []
    for attr, index in segments(name):
        node = getattr(node, attr, None)
        if node is None:
            break
        if index:
            if not isinstance(node, list):
                break
            position = int(index)
            found.append((attr, position + 1, max(len(node), position + 1)))
            if position >= len(node):
                break
            node = node[position]
    return found


def describe_place(nota: Any, name: str) -> str:
    """A question's place in words: "Beslispunt 2 'Extra financiering', optie 1 'Geen extra middelen': tekstsuggestie"."""
    from notawriter.markup import plain_text

    path, _, tag = name.partition("#")
    node: Any = nota
    parts: list[str] = []
    field = ""
    for attr, index in segments(path):
        child = getattr(node, attr, None) if node is not None else None
        if not index:
            field = attr
            node = child
            continue
        field = ""
        position = int(index)
        item = child[position] if isinstance(child, list) and position < len(child) else None
        noun = NOUNS.get(attr, attr)
        label = _label(item, plain_text)
        parts.append(f"{noun} {position + 1}" + (f" '{label}'" if label else ""))
        node = item
    where = ", ".join(parts)
    if where:
        where = where[0].upper() + where[1:]
        if path.startswith("kamerbrief."):
            where = "Kamerbrief, " + where[0].lower() + where[1:]
    what = FIELDS.get(field, field.replace("_", " ")) if field else ""
    if tag == "menu" and field:
        what = f"de lijst {FIELDS.get(field, field.replace('_', ' '))}"
    elif tag and not (tag in _SAME_FIELD and what):
        what = _TAGS.get(tag, what or tag)
    if not where and path.startswith(("kamerbrief.", "kop.")):
        where = "Kamerbrief" if path.startswith("kamerbrief.") else "Kop"
    if where in ("Kamerbrief", "Kop") and what:
        return f"{where}, {what}"
    if where and what:
        return f"{where}: {what}"
    text = where or what or "het begin"
    return text[0].upper() + text[1:]


def _label(item: Any, plain_text: Any) -> str:
    """An item's short name: label, title, abbreviation, key or the start of its text."""
    if item is None:
        return ""
    if isinstance(item, str):
        text = item
    else:
        text = next(
            (
                str(value)
                for attr in ("label", "afkorting", "titel", "nummer", "naam", "tekst", "key")
                if (value := getattr(item, attr, None))
            ),
            "",
        )
    flat = " ".join(plain_text(text).split()).rstrip(";:,.")
    return flat if len(flat) <= 40 else flat[:39].rstrip() + "…"
