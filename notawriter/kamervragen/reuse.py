"""Reuse across notes: an answer takes the chosen option's tekstsuggestie of a decision point in
another note (the position the cabinet took there), or a motion is copied from another note.

The copy carries a herkomst whose `bibliotheek` is `nota:PATH` (relative to this note's folder)
and whose `id` names the item there, with the content hash as for library items; `lib status`
resolves such an origin by reading that note (see `note_origin`), so a later change there shows
up as drift, and `lib update` takes it over.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from notawriter.errors import NotaError, did_you_mean

PREFIX = "nota:"


def _relative(target: Path, note_path: Path) -> str:
    return Path(os.path.relpath(target.resolve(), note_path.resolve().parent)).as_posix()


def _chosen_text(other: Any, key: str, other_path: Path) -> str:
    points = {b.key: b for b in getattr(other, "beslispunten", []) if b.key}
    if key not in points:
        raise NotaError(
            f"{other_path}: beslispunt '{key}' bestaat niet; {did_you_mean(key, points)}kies uit: {', '.join(points) or 'geen'}"
        )
    point = points[key]
    if point.keuze is None:
        raise NotaError(f"{other_path}: beslispunt '{key}' heeft nog geen keuze; kies eerst met 'notawriter choose'")
    text = point.optie(point.keuze).tekstsuggestie or ""
    if not text.strip():
        raise NotaError(f"{other_path}: de gekozen optie '{point.keuze}' van '{key}' heeft geen tekstsuggestie")
    return text


def note_origin(note_path: Path, kind: str, herkomst: Any) -> Any:
    """The item a `nota:` herkomst points to, as a LibraryItem (None when it is gone)."""
    from notawriter.library import LibraryItem, content_of
    from notawriter.notefile import load_note

    other_path = (note_path.resolve().parent / herkomst.bibliotheek.removeprefix(PREFIX)).resolve()
    if not other_path.exists():
        return None
    try:
        other = load_note(other_path)
        if kind == "antwoord" and herkomst.id.startswith("beslispunten[") and herkomst.id.endswith("]"):
            data: dict[str, Any] = {"tekst": _chosen_text(other, herkomst.id[len("beslispunten[") : -1], other_path)}
        elif kind == "motie" and herkomst.id.startswith("moties[") and herkomst.id.endswith("]"):
            key = herkomst.id[len("moties[") : -1]
            motion = next((m for m in other.moties if m.key == key), None)
            if motion is None:
                return None
            data = content_of(motion)
        else:
            return None
    except NotaError:
        return None
    return LibraryItem(kind, herkomst.id, herkomst.bibliotheek, other_path, data)


def take_answer(note_path: Path, vraag: int, other_path: Path, beslispunt: str) -> str:
    """Put the chosen option's tekstsuggestie of `beslispunt` in `other_path` into the answer to `vraag`."""
    from notawriter.kamervragen.model import KamervragenNota
    from notawriter.library import content_hash
    from notawriter.notefile import load_document, save_document, to_yaml_value, validate

    doc = load_document(note_path)
    if not isinstance(doc.nota, KamervragenNota):
        raise NotaError(f"{note_path} is geen nota over Kamervragen (soort: kamervragen)")
    numbers = [v.nummer for v in doc.nota.vragen]
    if vraag not in numbers:
        raise NotaError(f"vraag {vraag} bestaat niet in {note_path}; kies uit: {', '.join(map(str, numbers)) or 'geen'}")
    from notawriter.notefile import load_note

    text = _chosen_text(load_note(other_path), beslispunt, other_path)
    herkomst = {"bibliotheek": PREFIX + _relative(other_path, note_path), "id": f"beslispunten[{beslispunt}]", "hash": content_hash({"tekst": text})}
    current = doc.nota.antwoord_op(vraag)
    from ruamel.yaml.comments import CommentedSeq

    if doc.data.get("antwoorden") is None:
        doc.data["antwoorden"] = CommentedSeq()
    seq = doc.data["antwoorden"]
    if current is not None:
        node = seq[doc.nota.antwoorden.index(current)]
        node["tekst"] = to_yaml_value(text)
        node["herkomst"] = to_yaml_value(herkomst)
    else:
        order = {n: i for i, n in enumerate(numbers)}
        at = sum(1 for a in doc.nota.antwoorden if min(order[n] for n in a.vragen) < order[vraag])
        seq.insert(at, to_yaml_value({"vragen": [vraag], "tekst": text, "herkomst": herkomst}))
    doc.nota = validate(doc.data, doc.path)
    save_document(doc)
    return f"Antwoord op vraag {vraag} overgenomen uit {other_path} (beslispunt '{beslispunt}'); 'lib status' meldt latere wijzigingen daar"


def take_motion(note_path: Path, other_path: Path, key: str) -> str:
    """Copy a motion from another note into this one (to cite it with [motie:key] in an answer)."""
    from notawriter.library import content_hash, content_of
    from notawriter.notefile import load_document, load_note, save_document, to_yaml_value, validate
    from notawriter.tkdata import motie_yaml

    other = load_note(other_path)
    motion = next((m for m in other.moties if m.key == key), None)
    if motion is None:
        keys = [m.key for m in other.moties]
        raise NotaError(f"{other_path}: motie '{key}' bestaat niet; {did_you_mean(key, keys)}kies uit: {', '.join(keys) or 'geen'}")
    doc = load_document(note_path)
    if any(m.key == key for m in doc.nota.moties):
        raise NotaError(f"{note_path}: motie '{key}' staat al in de nota")
    copy = motie_yaml(motion.model_copy(update={"herkomst": None}))
    copy["herkomst"] = to_yaml_value(
        {"bibliotheek": PREFIX + _relative(other_path, note_path), "id": f"moties[{key}]", "hash": content_hash(content_of(motion))}
    )
    from ruamel.yaml.comments import CommentedSeq

    if doc.data.get("moties") is None:
        doc.data["moties"] = CommentedSeq()
    doc.data["moties"].append(copy)
    doc.nota = validate(doc.data, doc.path)
    save_document(doc)
    return f"Motie {key} overgenomen uit {other_path}; verwijs ernaar met [motie:{key}]"
