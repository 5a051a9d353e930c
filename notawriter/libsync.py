"""Keeping notes and libraries in step: drift status, update with a diff, `lib add`, the `lib` command.

library.py loads libraries and makes copies with their origin; this module compares those copies
with the libraries as they are now and writes changes back, to the note or to a library file.
"""

from __future__ import annotations

import difflib
import os
import shlex
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from notawriter.errors import NotaError, NoteFileError
from notawriter.library import (
    CONFIG_NAME,
    ID_FIELD,
    ITEM_PATH,
    KEY_FROM_ID,
    KINDS,
    PER_NOTE,
    Libraries,
    LibraryFile,
    LibraryItem,
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


@dataclass
class Drift:
    """A copy in the note whose library item changed (item set) or vanished (item None).

    `library_found` is False when no library of that name is on the search path at all: then the
    item is not known to be gone, only unchecked.
    """

    kind: str
    path: str
    loc: list[Any]
    herkomst: Herkomst
    item: LibraryItem | None
    line: int | None = None
    library_found: bool = True

    @property
    def vanished(self) -> bool:
        return self.item is None

    def describe(self) -> str:
        h = self.herkomst
        what = f"{self.kind} '{h.id}'"
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
        return (
            f"{self.path}: {what} is gewijzigd in bibliotheek '{h.bibliotheek}' "
            f"({h.hash} → {self.item.content_hash()}); bekijk en neem over met 'notawriter lib update'"
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
    return [entry for entry in found if entry[2].herkomst is not None]


def _drifts(doc: NoteDocument, libs: Libraries) -> list[Drift]:
    from notawriter.notefile import format_path

    names = {lib.name for lib in libs.files}
    drifts = []
    for kind, loc, obj in tracked(doc.nota):
        item = libs.origin(kind, obj.herkomst)
        if item is None or item.content_hash() != obj.herkomst.hash:
            found = obj.herkomst.bibliotheek in names
            drifts.append(Drift(kind, format_path(loc), loc, obj.herkomst, item, _line_at(doc.data, loc), found))
    return drifts


def used_library_files(note_path: Path | str, extra_dirs: Iterable[Path | str] = ()) -> list[Path]:
    """The library files the note's tracked copies came from (resolved), e.g. for `watch`."""
    from notawriter.notefile import load_note

    nota = load_note(note_path)
    libs = load_libraries(extra_dirs, note_path)
    found = (libs.origin(kind, obj.herkomst) for kind, _, obj in tracked(nota))
    return list(dict.fromkeys(item.path.resolve() for item in found if item is not None))


def status(note_path: Path | str, libs: Libraries) -> list[Drift]:
    """Copies in the note that differ from their library item, or whose item vanished."""
    from notawriter.notefile import load_document

    return _drifts(load_document(note_path), libs)


def update(
    note_path: Path | str,
    libs: Libraries,
    id: str | None = None,  # noqa: A002 - the CLI argument's name
    yes: bool = False,
    confirm: Callable[[str], bool] | None = None,
    out: Callable[[str], None] = print,
) -> list[Drift]:
    """Show each library change as a diff and apply the confirmed ones; returns what was applied.

    `confirm(question)` asks per item; without it a terminal is asked, and without a terminal
    the update is refused unless `yes`. The note is re-validated and written atomically once.
    """
    from notawriter.notefile import load_document, save_document, validate

    doc = load_document(note_path)
    drifts = _drifts(doc, libs)
    if id is not None:
        selected = [d for d in drifts if id in (d.herkomst.id, d.path)]
        if not selected:
            changed = ", ".join(d.herkomst.id for d in drifts) or "geen"
            raise NotaError(f"{doc.path}: '{id}' heeft geen wijziging in een bibliotheek; gewijzigd: {changed}")
        drifts = selected
    if not drifts:
        out(f"{doc.path}: alle items uit bibliotheken zijn bij")
        return []
    plans = []
    for drift in drifts:
        if drift.item is None:
            out(drift.describe())
            continue
        current = _obj_at(doc.nota, drift.loc)
        plans.append((drift, current, _target(drift, current, doc.path)))
    ask = confirm
    if plans and not yes and ask is None:
        if not sys.stdin.isatty():
            for drift, current, target in plans:
                out(diff_text(drift, content_of(current), content_of(target)))
            raise NotaError(
                f"{doc.path}: geen terminal om te bevestigen; voeg --yes toe om {len(plans)} wijziging(en) "
                "uit de bibliotheek over te nemen"
            )
        ask = _ask_terminal
    applied = []
    for drift, current, target in plans:
        out(diff_text(drift, content_of(current), content_of(target)))
        if yes or (ask is not None and ask(f"Wijziging in {drift.kind} '{drift.herkomst.id}' overnemen?")):
            _apply(doc.data, drift, current, target)
            applied.append(drift)
    if applied:
        validate(doc.data, doc.path)
        save_document(doc)
        out(f"{doc.path}: {len(applied)} item(s) bijgewerkt uit de bibliotheek")
    return applied


def _target(drift: Drift, current: BaseModel, note_path: Path) -> BaseModel:
    """The library's content with the note's own per-note fields kept."""
    from notawriter.notefile import validate

    assert drift.item is not None
    data = dict(drift.item.data)
    mine = current.model_dump(mode="json", exclude_defaults=True)
    for name in PER_NOTE[drift.kind]:
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


def diff_text(drift: Drift, old: dict[str, Any], new: dict[str, Any]) -> str:
    """A unified diff of one item's content, with Dutch header lines."""
    assert drift.item is not None
    h = drift.herkomst
    title = f"== {drift.path}: {drift.kind} '{h.id}' uit bibliotheek '{h.bibliotheek}' =="
    lines = list(
        difflib.unified_diff(
            _yaml_text(old).splitlines(),
            _yaml_text(new).splitlines(),
            fromfile=f"in de nota (overgenomen als {h.hash})",
            tofile=f"in de bibliotheek nu ({drift.item.content_hash()}, {drift.item.path})",
            lineterm="",
        )
    )
    if not lines:
        lines = ["(inhoud is al gelijk; alleen de herkomst-hash wordt bijgewerkt)"]
    return "\n".join([title, *lines])


def _ask_terminal(question: str) -> bool:
    try:
        answer = input(f"{question} [j/N] ")
    except EOFError:
        return False
    return answer.strip().lower() in ("j", "ja", "y", "yes")


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
        entry[key] = value
    return entry


# --- lib add --------------------------------------------------------------------------------------


def parse_item_path(text: str) -> tuple[str, list[Any]]:
    """'beslispunten[3].opties[0]' -> ('optie', ['beslispunten', 3, 'opties', 0]).

    A selector may also be a key (`afkorting` for ondertekenaars), kept as text:
    'beslispunten[budget].opties[verlagen]' -> ('optie', ['beslispunten', 'budget', 'opties', 'verlagen']);
    `locate_item` turns it into indexes for one note.
    """
    match = ITEM_PATH.match(text.strip().replace(" ", ""))
    if not match:
        raise NotaError(
            f"pad '{text}' wordt niet herkend; gebruik bijv. beslispunten[0].opties[1], "
            "beslispunten[budget].opties[verlagen], moties[boomsma-24], beslispunten[2] of ondertekenaars[M] "
            "(nummers tellen vanaf 0; sleutels zoals bij 'notawriter set')"
        )
    top, point, option = match.group(1), _selector(match.group(2)), match.group(3)
    if option is not None:
        if top != "beslispunten":
            raise NotaError(f"pad '{text}': alleen beslispunten hebben opties, bijv. beslispunten[0].opties[1]")
        return "optie", [top, point, "opties", _selector(option)]
    return kind_name(top), [top, point]


def _selector(text: str) -> int | str:
    return int(text) if text.isdigit() else text


def locate_item(nota: Nota, loc: list[Any], note_path: Path, item_path: str) -> list[int | str]:
    """The parsed item path with every key replaced by its index in this note.

    As in `notawriter set`, a selector that equals a key wins over the same number as an index.
    """
    found: list[int | str] = []
    parent: Any = nota
    label = ""
    for name, selector in zip(loc[::2], loc[1::2], strict=True):
        items = getattr(parent, name)
        key_field = "afkorting" if name == "ondertekenaars" else "key"
        keys = [str(getattr(item, key_field)) for item in items if getattr(item, key_field, None)]
        label = f"{label}.{name}" if label else name
        noun = kind_name(name)
        if str(selector) in keys:
            index = next(i for i, item in enumerate(items) if str(getattr(item, key_field, None)) == str(selector))
        elif isinstance(selector, int) and selector < len(items):
            index = selector
        elif isinstance(selector, int):
            count = (
                f"er zijn er {len(items)}: {label}[0] t/m {label}[{len(items) - 1}]" if items else f"{label} is leeg"
            )
            raise NotaError(f"{note_path}: '{item_path}' bestaat niet in de nota; {count} (tellen begint bij 0)")
        else:
            close = difflib.get_close_matches(str(selector), keys, n=1, cutoff=0.6)
            hint = f"bedoelde u '{close[0]}'? " if close else ""
            listed = ", ".join(keys) if keys else f"geen (er zijn hier nog geen {name} met een {key_field})"
            raise NotaError(
                f"{note_path}: '{item_path}' bestaat niet in de nota: {noun} '{selector}' staat niet in {label}; "
                f"{hint}kies uit: {listed}"
            )
        found += [name, index]
        parent = items[index]
        label += f"[{selector}]"
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
    from notawriter.notefile import dump_yaml, load_document, parse_yaml, read_text, save_document, validate

    doc = load_document(note_path)
    kind, loc = parse_item_path(item_path)
    loc = locate_item(doc.nota, loc, doc.path, item_path)
    obj = _obj_at(doc.nota, loc)
    lib_path = Path(library_file)
    if lib_path.suffix not in (".yaml", ".yml"):
        raise NotaError(
            f"--to {lib_path}: geef een bibliotheekbestand met de extensie .yaml, bijv. --to bibliotheek/eigen.yaml"
        )
    if lib_path.exists():
        data = parse_yaml(read_text(lib_path, "bibliotheekbestand"), lib_path)
        existing = library_from_data(data, lib_path)
        if data is None:
            data = CommentedMap()
    else:
        data = CommentedMap()
        data.yaml_set_start_comment("notawriter-bibliotheek; zie 'notawriter lib list'")
        existing = LibraryFile(lib_path, lib_path.stem)
    item_id = getattr(obj, ID_FIELD[kind] or "")
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
    atomic_write_text(lib_path, dump_yaml(data, modeline=False))
    save_document(doc)
    return item, hints


# --- command line ---------------------------------------------------------------------------------


def cli(args: argparse.Namespace, extra_dirs: list[Path]) -> int:
    """`notawriter lib list|show|status|update|add`."""
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
        return _cli_status(note, libs)
    update(note, libs, id=args.id, yes=args.yes)
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


def _cli_status(note: Path, libs: Libraries) -> int:
    from notawriter.notefile import load_document

    doc = load_document(note)
    count = len(tracked(doc.nota))
    drifts = _drifts(doc, libs)
    for drift in drifts:
        print(drift.describe())
    unchecked = sum(not d.library_found for d in drifts)
    extra = f", {unchecked} niet te controleren (bibliotheek niet in het zoekpad)" if unchecked else ""
    print(f"{count} item(s) uit bibliotheken gevolgd, {len(drifts) - unchecked} gewijzigd of verdwenen{extra}")
    return 0
