"""Keeping notes and libraries in step: drift status, update with a diff, `lib add`, the `lib` command.

library.py loads libraries and makes copies with their origin; this module compares those copies
with the libraries as they are now and writes changes back, to the note or to a library file.

A copy may have changed on either side since it was made: in its library (the item's hash is no
longer `herkomst.hash`) or in the note (the copy's own hash, computed the same way, is not). Only
library changes are taken over, and edits made in the note are never lost silently: see `compare`.
"""

from __future__ import annotations

import difflib
import itertools
import os
import shlex
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from notawriter.errors import NotaError, NoteFileError, did_you_mean
from notawriter.library import (
    CONFIG_NAME,
    ID_FIELD,
    KEY_FROM_ID,
    KINDS,
    PER_NOTE,
    Libraries,
    LibraryFile,
    LibraryItem,
    content_hash,
    content_of,
    instantiate,
    item_line,
    key_line,
    kind_name,
    library_from_data,
    load_libraries,
    model_for,
    required_motions,
    search_path,
    strip_herkomst,
)
from notawriter.notefile import to_yaml_value

if TYPE_CHECKING:
    import argparse

    from pydantic import BaseModel

    from notawriter.model import Herkomst, Nota
    from notawriter.notefile import NoteDocument


# --- drift: status and update -----------------------------------------------------------------------


class Change(StrEnum):
    """How a tracked copy in a note relates to its library item now."""

    LIBRARY = "bibliotheek"  # changed in the library only: safe to update
    LOCAL = "nota"  # edited in the note only: nothing to do
    MERGE = "samenvoegen"  # both, in different fields: an update takes the library's and keeps the note's
    CONFLICT = "conflict"  # both, and the two cannot be told apart: never overwritten by default
    GONE = "verdwenen"  # not in its library any more, or that library is not on the search path


#: Beyond this many fields that differ between a copy and its library item, no base is searched for.
MAX_MERGE_FIELDS = 16
_ABSENT = object()


@dataclass(frozen=True)
class Comparison:
    """A copy in a note against its library item: who changed what since the copy was made.

    `base` is the item's content when it was copied, if it could be reconstructed; `local` and
    `library` are the content fields (never the note's own PER_NOTE fields) each side changed.
    Without a base (a conflict) `local` lists every field where note and library now differ.
    """

    library_changed: bool
    base: dict[str, Any] | None
    local: tuple[str, ...] = ()
    library: tuple[str, ...] = ()

    @property
    def change(self) -> Change | None:
        """None when the copy is as it was copied and the library item is unchanged."""
        if not self.library_changed:
            return Change.LOCAL if self.local else None
        if self.base is None:
            return Change.CONFLICT
        return Change.MERGE if self.local else Change.LIBRARY


def compare(kind: str, copy: BaseModel, item: LibraryItem, recorded: str | None = None) -> Comparison:
    """Compare a note's copy with its library item, given the hash recorded when it was copied.

    The copy is hashed exactly like the library item (`content_hash` over `content_of`), so a copy
    nobody touched hashes to `herkomst.hash`. Only that hash of the old version is kept, not its
    content; but where note and library changed different fields, every field of the old version
    equals either the note's value or the library's, so trying each combination of the fields they
    differ in and keeping the one whose hash is the recorded one gives the old version back (a false
    match needs a 48-bit hash collision). When both changed one field no combination matches, and
    nothing can be said about who changed what: a conflict.
    """
    if recorded is None:
        herkomst = getattr(copy, "herkomst", None)
        assert herkomst is not None, "compare needs the recorded hash of a copy"
        recorded = str(herkomst.hash)
    mine = content_of(copy)
    theirs = item.data
    library_changed = item.content_hash() != recorded
    base = theirs if not library_changed else _base(mine, theirs, recorded)
    own = PER_NOTE[kind_name(kind)]
    if base is None:
        return Comparison(True, None, _differing(mine, theirs, own))
    return Comparison(library_changed, base, _differing(mine, base, own), _differing(theirs, base, own))


def _base(mine: dict[str, Any], theirs: dict[str, Any], recorded: str) -> dict[str, Any] | None:
    """The item as it was copied: for each field the note's or the library's value, matching `recorded`."""
    fields = _differing(mine, theirs)
    if len(fields) > MAX_MERGE_FIELDS:
        return None
    same = {name: value for name, value in theirs.items() if name not in fields}
    for sources in itertools.product((mine, theirs), repeat=len(fields)):
        candidate = dict(same)
        for name, source in zip(fields, sources, strict=True):
            if name in source:
                candidate[name] = source[name]
        if content_hash(candidate) == recorded:
            return candidate
    return None


def _differing(a: dict[str, Any], b: dict[str, Any], skip: tuple[str, ...] = ()) -> tuple[str, ...]:
    names = [*a, *(n for n in b if n not in a)]
    return tuple(n for n in names if n not in skip and a.get(n, _ABSENT) != b.get(n, _ABSENT))


@dataclass
class Drift:
    """A copy in the note that is not as it was copied, or whose library item changed or vanished.

    `path` names the copy by keys where it has them (beslispunten[migratie].opties[overnemen]),
    `index_path` by position. `library_found` is False when no library of that name is on the
    search path at all: then the item is not known to be gone, only unchecked.
    """

    kind: str
    path: str
    loc: list[Any]
    herkomst: Herkomst
    item: LibraryItem | None
    line: int | None = None
    library_found: bool = True
    change: Change = Change.GONE
    comparison: Comparison | None = None
    index_path: str = ""

    @property
    def vanished(self) -> bool:
        return self.item is None

    @property
    def outdated(self) -> bool:
        """Whether the library side changed (or vanished): something for `lib update` to look at."""
        return self.change is not Change.LOCAL

    def matches(self, text: str) -> bool:
        return text in (self.herkomst.id, self.path, self.index_path)

    def _what(self) -> str:
        return f"{self.kind} '{self.herkomst.id}'"

    def _changed(self) -> str:
        assert self.item is not None
        return f"gewijzigd in bibliotheek '{self.herkomst.bibliotheek}' ({self.item.path})"

    def describe(self, rerun: str = "notawriter lib update NOTA") -> str:
        """One Dutch line for `lib status`; `rerun` is the `lib update` command for this note."""
        h = self.herkomst
        what = self._what()
        if self.item is None and not self.library_found:
            return (
                f"{self.path}: {what} is niet te controleren: bibliotheek '{h.bibliotheek}' is niet gevonden in "
                f"het zoekpad; voeg --library MAP toe (de map met die bibliotheek) of zet die map onder "
                f"'bibliotheken:' in {CONFIG_NAME}"
            )
        if self.item is None:
            return (
                f"{self.path}: {what} staat niet meer in bibliotheek '{h.bibliotheek}'; "
                "de kopie in de nota blijft werken (haal 'herkomst' weg om hem los te koppelen)"
            )
        assert self.comparison is not None
        if self.change is Change.LOCAL:
            return f"{self.path}: {what} is aangepast in de nota ({', '.join(self.comparison.local)}); niets te doen"
        if self.change is Change.MERGE:
            return (
                f"{self.path}: {what} is {self._changed()} én aangepast in de nota, in andere velden "
                f"(bibliotheek: {', '.join(self.comparison.library) or 'alleen velden die de nota zelf bepaalt'}; "
                f"nota: {', '.join(self.comparison.local)}); 'notawriter lib update' neemt de wijziging over "
                "en laat uw aanpassingen staan"
            )
        if self.change is Change.CONFLICT:
            return (
                f"{self.path}: {what} is {self._changed()} én aangepast in de nota "
                f"(verschilt in: {', '.join(self.comparison.local) or 'geen inhoud'}); 'notawriter lib update' laat "
                f"uw versie staan. {self._resolve(rerun)}"
            )
        return (
            f"{self.path}: {what} is {self._changed()}; in de nota niet aangepast, dus veilig bij te werken "
            "met 'notawriter lib update'"
        )

    def held(self, rerun: str) -> str:
        """One Dutch line for `lib update`: this conflict was left as it is, and what to do."""
        assert self.comparison is not None
        return (
            f"{self.path}: {self._what()} niet bijgewerkt: {self._changed()} én aangepast in de nota "
            f"(verschilt in: {', '.join(self.comparison.local) or 'geen inhoud'}); uw versie blijft staan. "
            f"{self._resolve(rerun)}"
        )

    def _resolve(self, rerun: str) -> str:
        return (
            f"Vervang uw versie door die van de bibliotheek met '{rerun} --overschrijf-aanpassingen' (toont eerst "
            "het verschil), of neem de wijziging zelf over en markeer die als gezien met dezelfde opdracht en "
            "--behoud-aanpassingen"
        )


def tracked(nota: Nota) -> list[tuple[str, list[Any], Any]]:
    """(kind, location, object) for every item in the note that carries a herkomst."""
    found: list[tuple[str, list[Any], Any]] = []
    for i, signer in enumerate(nota.ondertekenaars):
        found.append(("ondertekenaar", ["ondertekenaars", i], signer))
    for i, point in enumerate(nota.beslispunten):
        found.append(("beslispunt", ["beslispunten", i], point))
        for j, option in enumerate(point.opties):
            found.append(("optie", ["beslispunten", i, "opties", j], option))
    for i, motion in enumerate(nota.moties):
        found.append(("motie", ["moties", i], motion))
    for i, answer in enumerate(getattr(nota, "antwoorden", [])):  # genre kamervragen
        found.append(("antwoord", ["antwoorden", i], answer))
    return [entry for entry in found if entry[2].herkomst is not None]


def item_label(nota: Nota, loc: list[Any]) -> str:
    """An item path with keys where they name one item: beslispunten[migratie].opties[overnemen].

    The same form `lib add` and `notawriter set` accept; an item without a (unique) key keeps its index.
    """
    from notawriter import notepath

    parts = []
    parent: Any = nota
    for name, index in zip(loc[::2], loc[1::2], strict=True):
        items = getattr(parent, name)
        field = notepath.key_field(name)
        keys = [getattr(item, field, None) if field else None for item in items]
        key = keys[index]
        parts.append(name + notepath.selector(name, key, index, unique=keys.count(key) == 1))
        parent = items[index]
    return ".".join(parts)


def _drifts(doc: NoteDocument, libs: Libraries) -> list[Drift]:
    """Every tracked copy that is not as it was copied from an unchanged library item."""
    from notawriter.notepath import format_path

    names = {lib.name for lib in libs.files}
    drifts = []
    for kind, loc, obj in tracked(doc.nota):
        from_note = obj.herkomst.bibliotheek.startswith("nota:")  # copied from another note (kamervragen/reuse.py)
        if from_note:
            from notawriter.kamervragen.reuse import note_origin

            item = note_origin(doc.path, kind, obj.herkomst)
        else:
            item = libs.origin(kind, obj.herkomst)
        comparison = compare(kind, obj, item) if item is not None else None
        change = comparison.change if comparison is not None else Change.GONE
        if change is None:
            continue
        found = from_note or obj.herkomst.bibliotheek in names
        label = item_label(doc.nota, loc)
        line = _line_at(doc.data, loc)
        drifts.append(Drift(kind, label, loc, obj.herkomst, item, line, found, change, comparison, format_path(loc)))
    return drifts


def used_library_files(note_path: Path | str, extra_dirs: Iterable[Path | str] = ()) -> list[Path]:
    """The library files the note's tracked copies came from (resolved), e.g. for `watch`."""
    from notawriter.notefile import load_note

    nota = load_note(note_path)
    libs = load_libraries(extra_dirs, note_path)
    found = (libs.origin(kind, obj.herkomst) for kind, _, obj in tracked(nota))
    return list(dict.fromkeys(item.path.resolve() for item in found if item is not None))


def status(note_path: Path | str, libs: Libraries) -> list[Drift]:
    """Copies in the note that differ from their library item (`change` says who changed), or vanished."""
    from notawriter.notefile import load_document

    return _drifts(load_document(note_path), libs)


def rerun_command(note_path: Path | str, library_dirs: Iterable[Path | str] = (), selector: str = "") -> str:
    """The `lib update` command line for this note, as a user would type it again."""
    words = ["notawriter", "lib", "update", str(note_path), *([selector] if selector else [])]
    for folder in library_dirs:
        words += ["--library", str(folder)]
    return shlex.join(words)


def _command_selector(drift: Drift, drifts: list[Drift]) -> str:
    """What names this drift on the command line: its library id, or its path if the id is used twice."""
    same = [d for d in drifts if d.herkomst.id == drift.herkomst.id]
    return drift.herkomst.id if len(same) == 1 else drift.path


#: `lib update` modes per drift: take the library's version, merge, overwrite local edits, keep them.
_UPDATE, _MERGE, _OVERWRITE, _KEEP = "update", "merge", "overwrite", "keep"


def update(
    note_path: Path | str,
    libs: Libraries,
    id: str | None = None,  # noqa: A002 - the CLI argument's name
    yes: bool = False,
    confirm: Callable[[str], bool] | None = None,
    out: Callable[[str], None] = print,
    overwrite_edits: bool = False,
    keep_edits: bool = False,
    library_dirs: Iterable[Path | str] = (),
) -> list[Drift]:
    """Show each library change as a diff and apply the confirmed ones; returns what was applied.

    A copy changed only in the library is replaced by the library's version (the note's PER_NOTE
    fields kept). One also edited in the note, in other fields, is merged: the library's changed
    fields are taken, the note's edits stay. One where the two cannot be told apart (a conflict)
    is left exactly as it is, herkomst included, so `status` keeps reporting it; unless
    `overwrite_edits` (replace it by the library's version) or `keep_edits` (keep it and record
    the library's hash, marking the change as seen). If conflicts are all there is, a NotaError
    says so and nothing is written.

    `confirm(question)` asks per item; without it a terminal is asked, and without a terminal
    the update is refused unless `yes`. The note is re-validated and written atomically once.
    `library_dirs` (the --library folders) only go into the commands suggested in messages.
    """
    from notawriter.notefile import load_document, save_document, validate

    if overwrite_edits and keep_edits:
        raise NotaError("kies --overschrijf-aanpassingen of --behoud-aanpassingen, niet allebei")
    doc = load_document(note_path)
    every = _drifts(doc, libs)
    drifts = [d for d in every if d.outdated]
    dirs = list(library_dirs)
    if id is not None:
        at = _item_loc(doc, id)  # any spelling of the path: [0] or [sleutel] per step
        selected = [d for d in drifts if d.matches(id) or (at is not None and list(d.loc) == at)]
        if not selected:
            if any(d.matches(id) for d in every):
                raise NotaError(
                    f"{doc.path}: '{id}' is alleen in de nota aangepast; er is niets uit de bibliotheek over te nemen"
                )
            changed = ", ".join(d.herkomst.id for d in drifts) or "geen"
            raise NotaError(f"{doc.path}: '{id}' heeft geen wijziging in een bibliotheek; gewijzigd: {changed}")
        drifts = selected
    if not drifts:
        out(f"{doc.path}: alle items uit bibliotheken zijn bij")
        return []
    plans = []
    held = []
    for drift in drifts:
        if drift.item is None:
            out(drift.describe())
            continue
        current = _obj_at(doc.nota, drift.loc)
        if drift.change is Change.CONFLICT and not (overwrite_edits or keep_edits):
            held.append(drift)
            out(drift.held(rerun_command(doc.path, dirs, _command_selector(drift, drifts))))
            continue
        mode = {Change.MERGE: _MERGE, Change.CONFLICT: _OVERWRITE if overwrite_edits else _KEEP}.get(
            drift.change, _UPDATE
        )
        shown = _target(drift, current, doc.path, _UPDATE if mode == _KEEP else mode)
        plans.append((drift, current, shown, current if mode == _KEEP else shown, mode))
    if not plans:
        if held:
            raise NotaError(
                f"{doc.path}: niets bijgewerkt: {len(held)} item(s) zijn gewijzigd in de bibliotheek én aangepast "
                "in de nota (zie hierboven); voeg --overschrijf-aanpassingen toe om de versie uit de bibliotheek "
                "toch over te nemen (uw aanpassingen gaan dan verloren), of --behoud-aanpassingen om uw versie "
                "te houden"
            )
        return []
    ask = confirm  # the caller asks (cli.py, in a terminal); this module never reads input itself
    if not yes and ask is None:
        for drift, current, shown, _, mode in plans:
            out(diff_text(drift, content_of(current), content_of(shown), mode))
        raise NotaError(
            f"{doc.path}: geen terminal om te bevestigen; voeg --yes toe om {len(plans)} wijziging(en) "
            "uit de bibliotheek over te nemen"
        )
    applied = []
    for drift, current, shown, target, mode in plans:
        out(diff_text(drift, content_of(current), content_of(shown), mode))
        if yes or (ask is not None and ask(_question(drift, mode))):
            _apply(doc.data, drift, current, target)
            applied.append(drift)
    if applied:
        validate(doc.data, doc.path)
        save_document(doc)
    if applied or held:
        summary = f"{doc.path}: {len(applied)} item(s) bijgewerkt uit de bibliotheek"
        if held:
            why = "het ook in de nota is" if len(held) == 1 else "ze ook in de nota zijn"
            summary += f"; {len(held)} niet bijgewerkt omdat {why} aangepast (zie hierboven)"
        out(summary)
    return applied


def _question(drift: Drift, mode: str) -> str:
    what = f"{drift.kind} '{drift.herkomst.id}'"
    if mode == _MERGE:
        return f"Wijziging in {what} overnemen (uw aanpassingen blijven staan)?"
    if mode == _OVERWRITE:
        return f"Uw aanpassingen in {what} overschrijven met de versie uit de bibliotheek?"
    if mode == _KEEP:
        return f"Uw versie van {what} houden en de wijziging in de bibliotheek als gezien markeren?"
    return f"Wijziging in {what} overnemen?"


def _target(drift: Drift, current: BaseModel, note_path: Path, mode: str = _UPDATE) -> BaseModel:
    """What the copy becomes: the library's content with the note's own per-note fields kept,
    and for a merge also the fields edited in the note."""
    from notawriter.notefile import validate

    assert drift.item is not None
    data = dict(drift.item.data)
    mine = current.model_dump(mode="json", exclude_defaults=True)
    edited = drift.comparison.local if mode == _MERGE and drift.comparison is not None else ()
    for name in (*PER_NOTE[drift.kind], *edited):
        if name in mine:
            data[name] = mine[name]
        else:
            data.pop(name, None)
    try:
        return validate(data, note_path, model_for(drift.kind))
    except NoteFileError as exc:
        raise NotaError(
            f"{note_path}: {drift.path} kan niet worden bijgewerkt uit bibliotheek '{drift.herkomst.bibliotheek}': "
            f"{exc.message}; pas de nota of de bibliotheek aan"
        ) from None


def _apply(data: Any, drift: Drift, current: BaseModel, target: BaseModel) -> None:
    """Rewrite only the changed fields of one item in the round-trip YAML, then its herkomst.hash."""
    assert drift.item is not None
    node = _node_at(data, drift.loc)
    old_full = strip_herkomst(current.model_dump(mode="json"))
    new_full = strip_herkomst(target.model_dump(mode="json"))
    new_min = content_of(target)
    for name in type(target).model_fields:
        if name == "herkomst" or name in PER_NOTE[drift.kind] or old_full.get(name) == new_full.get(name):
            continue
        if name in new_min:
            _set_key(node, name, to_yaml_value(new_min[name]))
        elif name in node:
            del node[name]
    node["herkomst"]["hash"] = drift.item.content_hash()


def _set_key(node: Any, key: str, value: Any) -> None:
    if key in node or "herkomst" not in node:
        node[key] = value
    else:
        node.insert(list(node).index("herkomst"), key, value)


def diff_text(drift: Drift, old: dict[str, Any], new: dict[str, Any], mode: str = _UPDATE) -> str:
    """A unified diff of one item's content (the note's copy -> the library's version), with Dutch headers."""
    assert drift.item is not None
    h = drift.herkomst
    now = f"{drift.item.content_hash()}, {drift.item.path}"
    title = f"== {drift.path}: {drift.kind} '{h.id}' uit bibliotheek '{h.bibliotheek}'"
    source, target = f"in de nota (overgenomen als {h.hash})", f"in de bibliotheek nu ({now})"
    footer = []
    if mode == _MERGE and drift.comparison is not None:
        target = f"samengevoegd: de bibliotheek nu ({now}) met uw aanpassingen"
        footer = [f"(uw aanpassingen in {', '.join(drift.comparison.local)} blijven staan)"]
    elif mode in (_OVERWRITE, _KEEP):
        source = f"in de nota (overgenomen als {h.hash}, daarna aangepast)"
        title += " — uw aanpassingen worden vervangen" if mode == _OVERWRITE else " — uw versie blijft staan"
    if mode == _KEEP:
        footer = [f"(de nota blijft zoals hij is; alleen de herkomst-hash wordt {drift.item.content_hash()})"]
    lines = list(
        difflib.unified_diff(
            _yaml_text(old).splitlines(), _yaml_text(new).splitlines(), fromfile=source, tofile=target, lineterm=""
        )
    )
    if not lines:
        lines = ["(inhoud is al gelijk; alleen de herkomst-hash wordt bijgewerkt)"]
    return "\n".join([f"{title} ==", *lines, *footer])


def _obj_at(nota: Any, loc: list[Any]) -> Any:
    obj = nota
    for part in loc:
        obj = obj[part] if isinstance(part, int) else getattr(obj, part)
    return obj


def _node_at(data: Any, loc: list[Any]) -> Any:
    node = data
    for part in loc:
        node = node[part]
    return node


def _line_at(data: Any, loc: list[Any]) -> int | None:
    try:
        parent = _node_at(data, loc[:-1])
    except (KeyError, IndexError, TypeError):
        return None
    return item_line(parent, loc[-1]) if isinstance(loc[-1], int) else key_line(parent, loc[-1])


# --- YAML output ----------------------------------------------------------------------------------


def _yaml_text(value: Any) -> str:
    from notawriter.notefile import dump_yaml

    return dump_yaml(to_yaml_value(value), modeline=False)


#: kind -> (the list in a note a copy goes under, the `edit --section` that offers it)
PASTE_UNDER: dict[str, tuple[str, str]] = {
    "optie": ("onder 'opties:' van een beslispunt", "beslispunten"),
    "argument": ("onder 'argumenten_voor:' of 'argumenten_tegen:' van een optie", "beslispunten"),
    "motie": ("onder 'moties:'", "moties"),
    "beslispunt": ("onder 'beslispunten:'", "beslispunten"),
    "ondertekenaar": ("onder 'ondertekenaars:'", "ondertekenaars"),
    "antwoord": ("onder 'antwoorden:' van een nota over Kamervragen (vul vragen: [n] in)", "antwoorden"),
}


def note_yaml(item: LibraryItem) -> str:
    """The item as a copy in a note: one list item ('- key: …', with herkomst) to paste under its list."""
    import textwrap

    from notawriter.notefile import model_yaml

    copy = instantiate(item)
    return textwrap.dedent(_yaml_text([copy if isinstance(copy, str) else model_yaml(copy)]))


def paste_hint(item: LibraryItem) -> str:
    """One Dutch comment line: where the copy goes in a note, or which wizard step offers it."""
    where, section = PASTE_UNDER[item.kind]
    if item.kind == "argument" and item.data.get("soort"):
        where = f"onder 'argumenten_{item.data['soort']}:' van een optie"
    return (
        f"# In een nota: plak dit {where}, even ver ingesprongen als de andere items daar; "
        f"of kies het in 'notawriter edit NOTA.yaml --section {section}'"
    )


def _library_entry(kind: str, item_id: str, content: dict[str, Any]) -> dict[str, Any]:
    entry: dict[str, Any] = {"id": item_id}
    for key, value in content.items():
        if kind in KEY_FROM_ID and key == "key" and value == item_id:
            continue  # the key defaults to the id
        if kind == "antwoord" and key == "vragen":
            continue  # which questions it answers belongs to the note
        entry[key] = value
    return entry


# --- lib add --------------------------------------------------------------------------------------


def parse_item_path(text: str) -> tuple[str, list[Any]]:
    """'beslispunten[3].opties[0]' -> ('optie', ['beslispunten', Step(3), 'opties', Step(0)]).

    The path language of `notawriter.notepath`: [N] a position (from 0), [sleutel] or
    [veld=waarde] a key (`afkorting` for ondertekenaars); `locate_item` turns the selectors into
    indexes for one note.
    """
    from notawriter import notepath

    unknown = NotaError(
        f"pad '{text}' wordt niet herkend; gebruik bijv. beslispunten[0].opties[1], "
        "beslispunten[budget].opties[verlagen], moties[boomsma-24], beslispunten[2] of ondertekenaars[M] "
        f"({notepath.RULES})"
    )
    try:
        steps = notepath.parse(text.strip().replace(" ", ""))
    except notepath.PathError:
        raise unknown from None
    shape = "".join("n" if s.kind == "name" else "s" for s in steps)
    if shape not in ("ns", "nsns") or steps[0].value not in ITEM_LISTS or (shape == "nsns" and steps[2].value != "opties"):
        raise unknown
    top = steps[0].value
    if shape == "nsns":
        if top != "beslispunten":
            raise NotaError(f"pad '{text}': alleen beslispunten hebben opties, bijv. beslispunten[0].opties[1]")
        return "optie", [top, steps[1], "opties", steps[3]]
    return kind_name(top), [top, steps[1]]


#: The lists whose items `lib add` can save.
ITEM_LISTS = ("ondertekenaars", "moties", "beslispunten", "antwoorden")


def _item_loc(doc: NoteDocument, text: str) -> list[int | str] | None:
    """The location of the item a path names in the note, or None when it names none."""
    try:
        return locate_item(doc.nota, parse_item_path(text)[1], doc.path, text)
    except NotaError:
        return None


def locate_item(nota: Nota, loc: list[Any], note_path: Path, item_path: str) -> list[int | str]:
    """The parsed item path with every selector replaced by its index in this note (as `set` reads it)."""
    from notawriter import notepath

    found: list[int | str] = []
    parent: Any = nota
    label = ""
    for name, step in zip(loc[::2], loc[1::2], strict=True):
        items = getattr(parent, name)
        label = f"{label}.{name}" if label else name
        noun = kind_name(name)
        try:
            hit = notepath.find(items, [step], name, label)
        except notepath.PathError as exc:
            raise NotaError(f"{note_path}: '{item_path}': {exc}") from None
        keys = notepath.item_keys(items, name)
        if hit is None and step.kind == "index":
            count = (
                f"er zijn er {len(items)}: {label}[0] t/m {label}[{len(items) - 1}]" if items else f"{label} is leeg"
            )
            raise NotaError(
                f"{note_path}: '{item_path}' bestaat niet in de nota; {count} (tellen begint bij 0)"
                + notepath.position_hint(label, name, step.value, keys)
            )
        if hit is None:
            field = notepath.key_field(name) or "key"
            hint = did_you_mean(step.value, keys)
            listed = ", ".join(keys) if keys else f"geen (er zijn hier nog geen {name} met een {field})"
            raise NotaError(
                f"{note_path}: '{item_path}' bestaat niet in de nota: {noun} '{step.value}' staat niet in {label}; "
                f"{hint}kies uit: {listed}"
            )
        index = hit[0]
        found += [name, index]
        parent = items[index]
        label += step.written()
    return found


def add(
    note_path: Path | str, item_path: str, library_file: Path | str, extra_dirs: Iterable[Path | str] = ()
) -> tuple[LibraryItem, list[str]]:
    """Save one item of a note into a library file (created if needed) and track it in the note.

    Returns the new library item and hints (e.g. that the file is not on the search path).
    Nothing is written unless both the library and the note validate afterwards.
    """
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    from notawriter.fsutil import atomic_write_text
    from notawriter.notefile import load_document, note_text, parse_yaml, read_text, save_document, validate

    doc = load_document(note_path)
    kind, loc = parse_item_path(item_path)
    loc = locate_item(doc.nota, loc, doc.path, item_path)
    obj = _obj_at(doc.nota, loc)
    lib_path = Path(library_file)
    if lib_path.suffix not in (".yaml", ".yml"):
        raise NotaError(
            f"--to {lib_path}: geef een bibliotheekbestand met de extensie .yaml, bijv. --to bibliotheek/eigen.yaml"
        )
    original: str | None = None
    if lib_path.exists():
        original = read_text(lib_path, "bibliotheekbestand")
        data = parse_yaml(original, lib_path)
        existing = library_from_data(data, lib_path)
        if data is None:
            data = CommentedMap()
    else:
        data = CommentedMap()
        data.yaml_set_start_comment("notawriter-bibliotheek; zie 'notawriter lib list'")
        existing = LibraryFile(lib_path, lib_path.stem)
    item_id = getattr(obj, ID_FIELD[kind] or "", None)
    if kind == "antwoord" and not item_id:  # an answer has no key: its first words name it
        from notawriter.markup import plain_text
        from notawriter.wizard.questions import key_from_label

        item_id = key_from_label(plain_text(obj.tekst), fallback="antwoord", words=4, max_length=40)
    if not item_id:
        raise NotaError(
            f"{doc.path}: {item_path} heeft geen 'key'; geef het eerst een sleutel, bijv. met 'notawriter set'"
        )
    if any(i.kind == kind and i.id == item_id for i in existing.items):
        raise NoteFileError(
            lib_path,
            f"{kind} '{item_id}' staat al in deze bibliotheek; kies een andere sleutel in de nota "
            "of pas het bestaande item in de bibliotheek aan",
        )
    plural = KINDS[kind]
    if data.get(plural) is None:
        data[plural] = CommentedSeq()
    data[plural].append(to_yaml_value(_library_entry(kind, item_id, content_of(obj))))
    library = library_from_data(data, lib_path)
    item = next(i for i in library.items if i.kind == kind and i.id == item_id)
    node = _node_at(doc.data, loc)
    node["herkomst"] = to_yaml_value({"bibliotheek": library.name, "id": item.id, "hash": item.content_hash()})
    validate(doc.data, doc.path)
    hints = []
    try:
        folders = {p.resolve() for p in search_path(extra_dirs, doc.path)}
    except NotaError:  # e.g. --library naming the folder this add creates; only the hint depends on it
        folders = {lib_path.resolve().parent}
    if lib_path.resolve().parent not in folders and lib_path.resolve() not in folders:
        folder = lib_path.parent
        relative = Path(os.path.relpath(lib_path.resolve().parent, doc.path.resolve().parent)).as_posix()
        hints.append(
            f"let op: {folder} staat niet in het zoekpad, dus 'lib status' en 'lib update' vinden bibliotheek "
            f"'{library.name}' niet; geef de map mee, bijv. notawriter lib status {shlex.quote(str(doc.path))} "
            f"--library {shlex.quote(str(folder))}, of zet 'bibliotheken: [{relative}]' in "
            f"{doc.path.parent / CONFIG_NAME} (mappen daar tellen vanaf de map van dat bestand)"
        )
    atomic_write_text(lib_path, note_text(data, original, modeline=False))  # in the library file's own style
    save_document(doc)
    return item, hints


# --- command line ---------------------------------------------------------------------------------


def cli(args: argparse.Namespace, extra_dirs: list[Path], confirm: Callable[[str], bool] | None = None) -> int:
    """`notawriter lib list|show|status|update|add`; `confirm` asks the user (given by cli.py in a terminal)."""
    command = args.lib_command
    if command == "add":
        item, hints = add(Path(args.note), args.path, Path(args.to), extra_dirs)
        print(f"{item.kind} '{item.id}' bewaard in {item.path} (bibliotheek '{item.library}'); de nota volgt het nu")
        for hint in hints:
            print(hint, file=sys.stderr)
        return 0
    note = Path(args.note) if getattr(args, "note", None) else None
    libs = load_libraries(extra_dirs, note)
    for warning in libs.warnings:
        print(f"waarschuwing: {warning}", file=sys.stderr)
    if command == "list":
        return _cli_list(libs, args.kind)
    if command == "show":
        return _cli_show(libs, args.id)
    assert note is not None
    if command == "status":
        return _cli_status(note, libs, extra_dirs)
    update(
        note,
        libs,
        id=args.id,
        yes=args.yes,
        overwrite_edits=args.overschrijf_aanpassingen,
        keep_edits=args.behoud_aanpassingen,
        library_dirs=extra_dirs,
        confirm=confirm,
    )
    return 0


def _cli_list(libs: Libraries, kind: str | None) -> int:
    items = libs.items(kind)
    if not items:
        print("Geen items gevonden; zie 'notawriter lib --help' voor het zoekpad")
        return 0
    rows = [("SOORT", "ID", "BIBLIOTHEEK", "OMSCHRIJVING")] + [(i.kind, i.id, i.library, i.summary()) for i in items]
    widths = [max(len(row[c]) for row in rows) for c in range(3)]
    for row in rows:
        print("  ".join(cell.ljust(widths[c]) for c, cell in enumerate(row[:3])) + "  " + row[3])
    return 0


def _cli_show(libs: Libraries, text: str) -> int:
    kind, sep, item_id = text.partition(":")
    found = libs.find(kind, item_id) if sep else libs.find(None, text)
    if not found:
        libs.get(kind if sep else None, item_id if sep else text)  # raises with suggestions
    for item in found:
        print(
            f"# {item.kind} '{item.id}' uit bibliotheek '{item.library}' ({item.where()}), hash {item.content_hash()}"
        )
        print(paste_hint(item))
        if motions := required_motions(item):
            print(
                f"# Dit verwijst naar motie(s) {', '.join(motions)}: die moeten ook onder 'moties:' in de nota staan "
                f"(bijv. 'notawriter lib show motie:{motions[0]}')"
            )
        sys.stdout.write(note_yaml(item))
    return 0


def _cli_status(note: Path, libs: Libraries, extra_dirs: Iterable[Path | str] = ()) -> int:
    """One line per copy changed in its library (saying whether the note's copy was edited too); copies
    edited only in the note are just counted: that is what copies are for."""
    from notawriter.notefile import load_document

    doc = load_document(note)
    count = len(tracked(doc.nota))
    drifts = _drifts(doc, libs)
    outdated = [d for d in drifts if d.outdated]
    for drift in outdated:
        print(drift.describe(rerun_command(doc.path, extra_dirs, _command_selector(drift, outdated))))
    unchecked = sum(not d.library_found for d in outdated)
    both = sum(d.change in (Change.MERGE, Change.CONFLICT) for d in outdated)
    local = len(drifts) - len(outdated)
    summary = f"{count} item(s) uit bibliotheken gevolgd, {len(outdated) - unchecked} gewijzigd of verdwenen"
    if both:
        summary += f" ({both} daarvan ook in de nota aangepast)"
    if local:
        summary += f", {local} alleen in de nota aangepast"
    if unchecked:
        summary += f", {unchecked} niet te controleren (bibliotheek niet in het zoekpad)"
    print(summary)
    return 0
