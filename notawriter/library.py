"""Option libraries: reusable options, arguments, motions, decision points and signatories.

A library is a YAML file with optional `bibliotheek:` (name; default: the file stem) and
`beschrijving:`, and one list per kind: `opties`, `argumenten`, `moties`, `beslispunten`,
`ondertekenaars`. Each item has an `id` and the fields of its model class.

A note never links to a library: it keeps a *copy* plus its origin (`herkomst`: library, id,
content hash), so it renders on its own. `status` finds copies whose library item changed or
vanished; `update` shows the change as a diff and applies it to the round-trip YAML.

Search path, first wins: `--library` folders, $NOTAWRITER_LIBRARY, `bibliotheken:` in a
`notawriter.yaml` next to the note (or in the current folder), the libraries shipped in `options/`.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import os
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from notawriter.errors import NotaError, NoteFileError
from notawriter.notefile import to_yaml_value

if TYPE_CHECKING:
    import argparse

    from pydantic import BaseModel

    from notawriter.model import Herkomst, Nota
    from notawriter.notefile import NoteDocument

ENV_VAR = "NOTAWRITER_LIBRARY"
CONFIG_NAME = "notawriter.yaml"
HASH_LENGTH = 12

#: kind (singular, as in `lib list --kind`) -> top-level list in a library file
KINDS: dict[str, str] = {
    "optie": "opties",
    "argument": "argumenten",
    "motie": "moties",
    "beslispunt": "beslispunten",
    "ondertekenaar": "ondertekenaars",
}
#: the model field an item's id defaults to (and, for options and motions, that defaults to the id)
_ID_FIELD: dict[str, str | None] = {
    "optie": "key",
    "argument": None,
    "motie": "key",
    "beslispunt": "key",
    "ondertekenaar": "afkorting",
}
_KEY_FROM_ID = ("optie", "motie")
#: fields a note owns: `update` never changes them (keys are referenced elsewhere in the note)
PER_NOTE: dict[str, tuple[str, ...]] = {
    "optie": ("key",),
    "argument": (),
    "motie": ("key",),
    "beslispunt": ("key", "akkoord", "keuze", "ambtelijk_advies", "advies_toelichting"),
    "ondertekenaar": ("afkorting",),
}
_TOP_LEVEL = ("bibliotheek", "beschrijving", *KINDS.values())
_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_ITEM_PATH = re.compile(r"^(?:(ondertekenaars|moties|beslispunten)\[(\d+)\])(?:\.opties\[(\d+)\])?$")


class Soort(StrEnum):
    """Whether a library argument speaks for or against an option."""

    VOOR = "voor"
    TEGEN = "tegen"


# --- items ----------------------------------------------------------------------------------------


@dataclass
class LibraryItem:
    """One reusable item: `data` is its validated content (no id, no herkomst, no defaults)."""

    kind: str
    id: str
    library: str
    path: Path
    data: dict[str, Any]
    line: int | None = None

    def content_hash(self) -> str:
        return content_hash(self.data)

    def summary(self) -> str:
        """One line for lists: the label, title or first words of the text."""
        return _summary(self.kind, self.data)

    def where(self) -> str:
        return f"{self.path}" + (f", regel {self.line}" if self.line else "")


@dataclass
class LibraryFile:
    path: Path
    name: str
    beschrijving: str | None = None
    items: list[LibraryItem] = field(default_factory=list)


@dataclass
class Libraries:
    """All libraries on the search path; an id shadowed by an earlier entry is only used for drift."""

    files: list[LibraryFile]
    search_path: list[Path]
    warnings: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._winners: dict[str, dict[str, LibraryItem]] = {kind: {} for kind in KINDS}
        for lib in self.files:
            for item in lib.items:
                first = self._winners[item.kind].get(item.id)
                if first is None:
                    self._winners[item.kind][item.id] = item
                elif first.path != item.path:
                    self.warnings.append(
                        f"{item.kind} '{item.id}' staat in {_at(first)} én in {_at(item)}; "
                        f"die in {item.path.name} wordt genegeerd (eerder in het zoekpad gaat voor)"
                    )

    def items(self, kind: str | None = None) -> list[LibraryItem]:
        """The usable items of one kind ('optie' or 'opties'), or of all kinds, in search-path order."""
        kinds = [kind_name(kind)] if kind else list(KINDS)
        return [item for k in kinds for item in self._winners[k].values()]

    def find(self, kind: str | None, item_id: str) -> list[LibraryItem]:
        """Every usable item with this id (one per kind at most)."""
        kinds = [kind_name(kind)] if kind else list(KINDS)
        return [self._winners[k][item_id] for k in kinds if item_id in self._winners[k]]

    def get(self, kind: str | None, item_id: str) -> LibraryItem:
        """The item with this id; a NotaError names near matches or, without kind, the ambiguity."""
        found = self.find(kind, item_id)
        if len(found) == 1:
            return found[0]
        if found:
            options = ", ".join(f"{i.kind}:{i.id}" for i in found)
            raise NotaError(f"'{item_id}' is niet eenduidig; geef de soort mee: {options}")
        known = [i.id for i in self.items(kind)]
        close = difflib.get_close_matches(item_id, known, n=3, cutoff=0.6)
        hint = f"bedoelde u {', '.join(close)}? " if close else ""
        what = f"{kind_name(kind)} " if kind else ""
        raise NotaError(f"{what}'{item_id}' staat in geen bibliotheek; {hint}zie 'notawriter lib list'")

    def origin(self, kind: str, herkomst: Herkomst) -> LibraryItem | None:
        """The library item a note's copy came from (also when shadowed), or None if it vanished."""
        kind = kind_name(kind)
        for lib in self.files:
            if lib.name != herkomst.bibliotheek:
                continue
            for item in lib.items:
                if item.kind == kind and item.id == herkomst.id:
                    return item
        return None

    @property
    def paths(self) -> list[Path]:
        """The library files that were read (for `watch`)."""
        return [lib.path for lib in self.files]


def _at(item: LibraryItem) -> str:
    return f"{item.path}" + (f" (regel {item.line})" if item.line else "")


def kind_name(kind: str) -> str:
    """'optie' for 'optie' or 'opties'; a NotaError lists the kinds otherwise."""
    if kind in KINDS:
        return kind
    for singular, plural in KINDS.items():
        if kind == plural:
            return singular
    raise NotaError(f"soort '{kind}' bestaat niet; kies uit: {', '.join(KINDS)}")


def content_hash(content: dict[str, Any]) -> str:
    """First 12 hex digits of sha256 over canonical JSON (sorted keys, no spaces, UTF-8)."""
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:HASH_LENGTH]


def model_for(kind: str) -> type[BaseModel]:
    """The pydantic class an item of this kind validates against."""
    from notawriter import model

    classes: dict[str, type[BaseModel]] = {
        "optie": model.Optie,
        "argument": _argument_model(),
        "motie": model.Motie,
        "beslispunt": model.Beslispunt,
        "ondertekenaar": model.Ondertekenaar,
    }
    return classes[kind_name(kind)]


@lru_cache(maxsize=1)
def _argument_model() -> type[BaseModel]:
    from pydantic import ConfigDict, Field, create_model

    return create_model(
        "Argument",
        __config__=ConfigDict(extra="forbid"),
        tekst=(str, Field(min_length=1, description="Het argument; dezelfde opmaak als andere tekstvelden.")),
        soort=(Soort | None, Field(None, description="voor of tegen (leeg: beide)")),
    )


def _content(obj: BaseModel) -> dict[str, Any]:
    """The canonical content of a model object: JSON types, no defaults, no herkomst anywhere."""
    return _strip_herkomst(obj.model_dump(mode="json", exclude_defaults=True))


def _strip_herkomst(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip_herkomst(v) for k, v in value.items() if k != "herkomst"}
    if isinstance(value, list):
        return [_strip_herkomst(v) for v in value]
    return value


def herkomst_of(item: LibraryItem) -> Herkomst:
    from notawriter.model import Herkomst

    return Herkomst(bibliotheek=item.library, id=item.id, hash=item.content_hash())


def instantiate(item: LibraryItem) -> Any:
    """A copy for a note: Optie/Motie/Beslispunt/Ondertekenaar with herkomst, or the argument text."""
    if item.kind == "argument":
        return str(item.data["tekst"])
    return model_for(item.kind).model_validate({**item.data, "herkomst": herkomst_of(item)})


def required_motions(item: LibraryItem) -> list[str]:
    """Motion keys an item refers to (its `moties` and [motie:…] in its texts); copy those too."""
    from notawriter.markup import motion_refs

    keys: list[str] = []

    def walk(value: Any, name: str = "") -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, k)
        elif isinstance(value, list):
            for v in value:
                if name == "moties" and isinstance(v, str):
                    keys.append(v)
                else:
                    walk(v, name)
        elif isinstance(value, str):
            keys.extend(motion_refs(value))

    walk(item.data)
    return list(dict.fromkeys(keys))


def _summary(kind: str, data: dict[str, Any]) -> str:
    from notawriter.markup import plain_text

    if kind == "optie":
        text = data.get("label") or data.get("samenvatting") or ""
    elif kind == "argument":
        text = (f"({data['soort']}) " if data.get("soort") else "") + plain_text(data.get("tekst", ""))
    elif kind == "motie":
        names = [i.get("naam", "") for i in data.get("indieners", [])]
        cited = (
            "motie-" + (names[0] + (" c.s." if len(names) > 1 or data.get("medeindienende_fracties") else ""))
            if names
            else "motie"
        )
        text = f"{cited}: {data['titel']}" if data.get("titel") else cited
    elif kind == "beslispunt":
        text = plain_text(data.get("tekst", ""))
    else:
        text = f"{data.get('titel', '')} ({data.get('naam', '')})"
    text = " ".join(str(text).split())
    return text if len(text) <= 70 else text[:69] + "…"


# --- reading library files ------------------------------------------------------------------------


def load_library_file(path: Path) -> LibraryFile:
    """Read and validate one library file; errors name file, line, item id and field."""
    from notawriter.notefile import parse_yaml, read_text

    return library_from_data(parse_yaml(read_text(path, "bibliotheekbestand"), path), path)


def library_from_data(data: Any, path: Path) -> LibraryFile:
    if data is None:
        return LibraryFile(path, path.stem)
    if not isinstance(data, dict):
        kind = "een lijst" if isinstance(data, list) else "losse tekst"
        raise NoteFileError(path, f"bevat {kind}; een bibliotheek heeft velden als 'opties:', 'moties:'", line=1)
    for key in data:
        if key not in _TOP_LEVEL:
            close = difflib.get_close_matches(str(key), _TOP_LEVEL, n=1, cutoff=0.6)
            hint = f"bedoelde u '{close[0]}'? " if close else ""
            raise NoteFileError(
                path,
                f"onbekend veld '{key}'; {hint}toegestaan: {', '.join(_TOP_LEVEL)}",
                line=_key_line(data, key),
                field=str(key),
            )
    name = data.get("bibliotheek")
    if name is None:
        name = path.stem
    for key, value in (("bibliotheek", name), ("beschrijving", data.get("beschrijving") or "")):
        if not isinstance(value, str) or (key == "bibliotheek" and not value.strip()):
            raise NoteFileError(path, "moet een (niet-lege) tekst zijn", line=_key_line(data, key), field=key)
    library = LibraryFile(path, str(name).strip(), data.get("beschrijving"))
    for kind, plural in KINDS.items():
        seq = data.get(plural)
        if seq is None:
            continue
        if not isinstance(seq, list):
            raise NoteFileError(
                path, "moet een lijst zijn (regels die met '- ' beginnen)", line=_key_line(data, plural), field=plural
            )
        seen: dict[str, int | None] = {}
        for i, raw in enumerate(seq):
            item = _item_from_yaml(kind, raw, i, seq, path, library.name)
            if item.id in seen:
                first = f" (ook op regel {seen[item.id]})" if seen[item.id] else ""
                raise NoteFileError(
                    path,
                    f"id '{item.id}' komt twee keer voor in '{plural}'{first}; geef elk item een eigen id",
                    line=item.line,
                    field=f"{plural}[{i}].id",
                )
            seen[item.id] = item.line
            library.items.append(item)
    return library


def _item_from_yaml(kind: str, raw: Any, index: int, seq: Any, path: Path, library: str) -> LibraryItem:
    plural = KINDS[kind]
    where = f"{plural}[{index}]"
    line = _item_line(seq, index)
    if not isinstance(raw, dict):
        raise NoteFileError(path, "moet velden bevatten (id: …, …), geen losse tekst of lijst", line=line, field=where)
    id_field = _ID_FIELD[kind]
    item_id = raw.get("id", raw.get(id_field) if id_field else None)
    if item_id is None:
        also = f" (of '{id_field}')" if id_field else ""
        raise NoteFileError(
            path,
            f"item zonder id; geef elk item een 'id:'{also} met letters, cijfers, '-' of '_'",
            line=line,
            field=f"{where}.id",
        )
    if not isinstance(item_id, str) or not _ID_RE.match(item_id):
        raise NoteFileError(
            path,
            f"'{item_id}' is geen geldige id; gebruik letters, cijfers, '-' of '_' zonder spaties",
            line=_key_line(raw, "id") or line,
            field=f"{where}.id",
        )
    body = _without(raw, ("id", "herkomst"))
    if kind in _KEY_FROM_ID and "key" not in body:
        body["key"] = item_id
    obj = _validate_item(kind, body, path, where, item_id, line)
    return LibraryItem(kind, item_id, library, path, _content(obj), line)


def _validate_item(kind: str, body: Any, path: Path, where: str, item_id: str, line: int | None) -> BaseModel:
    from notawriter.notefile import validate

    try:
        return validate(body, path, model_for(kind))
    except NoteFileError as exc:
        prefix = NoteFileError(exc.path, "", exc.line, exc.field).message
        message = exc.message[len(prefix) :] if exc.message.startswith(prefix) else exc.message
        message = message.replace("'notawriter check' toont alles", "los deze eerst op")
        inner = f"{where}.{exc.field}" if exc.field else where
        raise NoteFileError(path, f"{kind} '{item_id}': {message}", line=exc.line or line, field=inner) from None


def _without(raw: Any, drop: tuple[str, ...]) -> Any:
    """A shallow copy of a round-trip mapping without some keys, keeping line numbers of the rest."""
    from ruamel.yaml.comments import CommentedMap

    copy = CommentedMap()
    lc = getattr(raw, "lc", None)
    for key, value in raw.items():
        if key in drop:
            continue
        copy[key] = value
        if lc is not None and lc.data and key in lc.data:
            copy.lc.add_kv_line_col(key, lc.data[key])
    return copy


def _key_line(mapping: Any, key: Any) -> int | None:
    try:
        return int(mapping.lc.key(key)[0]) + 1
    except (AttributeError, KeyError, TypeError):
        return None


def _item_line(seq: Any, index: int) -> int | None:
    try:
        return int(seq.lc.item(index)[0]) + 1
    except (AttributeError, KeyError, TypeError):
        return None


# --- search path ----------------------------------------------------------------------------------


def shipped_dir() -> Path:
    """The libraries that ship with notawriter (the `options/` folder of the source tree)."""
    try:
        from notawriter.resources import shipped_dir as shipped
    except ImportError:  # pragma: no cover - resources.py is the shared locator; this is its fallback
        from importlib.resources import files

        return Path(str(files("notawriter.options")))
    return shipped("options")


def find_config(note_path: Path | str | None = None) -> Path | None:
    """`notawriter.yaml` next to the note, else in the current folder."""
    candidates = [Path(note_path).parent / CONFIG_NAME] if note_path is not None else []
    candidates.append(Path.cwd() / CONFIG_NAME)
    return next((c for c in candidates if c.is_file()), None)


def search_path(extra_dirs: Iterable[Path | str] = (), note_path: Path | str | None = None) -> list[Path]:
    """Library folders (or single files) in priority order; missing configured entries are errors."""
    entries: list[Path] = []
    for entry in extra_dirs:
        path = Path(entry).expanduser()
        if not path.exists():
            raise NotaError(f"--library {entry}: map bestaat niet; controleer het pad of maak de map aan")
        entries.append(path)
    for part in os.environ.get(ENV_VAR, "").split(os.pathsep):
        if part.strip():
            path = Path(part.strip()).expanduser()
            if not path.exists():
                raise NotaError(
                    f"{ENV_VAR}: map '{part}' bestaat niet; pas de omgevingsvariabele aan "
                    f"(mappen gescheiden door '{os.pathsep}')"
                )
            entries.append(path)
    config = find_config(note_path)
    if config is not None:
        entries.extend(_config_dirs(config))
    entries.append(shipped_dir())
    unique: dict[Path, Path] = {}
    for path in entries:
        unique.setdefault(path.resolve(), path)
    return list(unique.values())


def _config_dirs(config: Path) -> list[Path]:
    from notawriter.notefile import parse_yaml, read_text

    data = parse_yaml(read_text(config, "projectbestand"), config)
    if data is None:
        return []
    if not isinstance(data, dict):
        raise NoteFileError(config, "verwacht velden, bijv. 'bibliotheken: [bibliotheek]'", line=1)
    entries = data.get("bibliotheken")
    if entries is None:
        return []
    if isinstance(entries, str):
        entries = [entries]
    if not isinstance(entries, list):
        raise NoteFileError(
            config,
            "moet een lijst van mappen zijn, bijv. [bibliotheek, ../gedeeld]",
            line=_key_line(data, "bibliotheken"),
            field="bibliotheken",
        )
    dirs = []
    for i, entry in enumerate(entries):
        line = _item_line(entries, i) or _key_line(data, "bibliotheken")
        if not isinstance(entry, str) or not entry.strip():
            raise NoteFileError(config, "moet de naam van een map zijn", line=line, field=f"bibliotheken[{i}]")
        path = config.parent / Path(entry.strip()).expanduser()
        if not path.exists():
            raise NoteFileError(
                config,
                f"map '{entry}' bestaat niet ({path}); maak de map aan of haal hem weg uit 'bibliotheken'",
                line=line,
                field=f"bibliotheken[{i}]",
            )
        dirs.append(path)
    return dirs


def _library_files(entry: Path) -> list[Path]:
    if entry.is_file():
        return [entry]
    return sorted(
        p
        for p in entry.iterdir()
        if p.suffix in (".yaml", ".yml") and p.is_file() and not p.name.startswith(".") and p.name != CONFIG_NAME
    )


def load_libraries(extra_dirs: Iterable[Path | str] = (), note_path: Path | str | None = None) -> Libraries:
    """Read every library on the search path; the first error stops with a NoteFileError."""
    path = search_path(extra_dirs, note_path)
    files = [load_library_file(f) for entry in path for f in _library_files(entry)]
    return Libraries(files, path)


# --- drift: status and update -----------------------------------------------------------------------


@dataclass
class Drift:
    """A copy in the note whose library item changed (item set) or vanished (item None)."""

    kind: str
    path: str
    loc: list[Any]
    herkomst: Herkomst
    item: LibraryItem | None
    line: int | None = None

    @property
    def vanished(self) -> bool:
        return self.item is None

    def describe(self) -> str:
        h = self.herkomst
        what = f"{self.kind} '{h.id}'"
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

    drifts = []
    for kind, loc, obj in tracked(doc.nota):
        item = libs.origin(kind, obj.herkomst)
        if item is None or item.content_hash() != obj.herkomst.hash:
            drifts.append(Drift(kind, format_path(loc), loc, obj.herkomst, item, _line_at(doc.data, loc)))
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
                out(diff_text(drift, _content(current), _content(target)))
            raise NotaError(
                f"{doc.path}: geen terminal om te bevestigen; voeg --yes toe om {len(plans)} wijziging(en) "
                "uit de bibliotheek over te nemen"
            )
        ask = _ask_terminal
    applied = []
    for drift, current, target in plans:
        out(diff_text(drift, _content(current), _content(target)))
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
    old_full = _strip_herkomst(current.model_dump(mode="json"))
    new_full = _strip_herkomst(target.model_dump(mode="json"))
    new_min = _content(target)
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
    return _item_line(parent, loc[-1]) if isinstance(loc[-1], int) else _key_line(parent, loc[-1])


# --- YAML output ----------------------------------------------------------------------------------


def _yaml_text(value: Any) -> str:
    from notawriter.notefile import dump_yaml

    return dump_yaml(to_yaml_value(value), modeline=False)


def item_yaml(item: LibraryItem) -> str:
    """The item as it could stand in a library file (id first)."""
    return _yaml_text(_library_entry(item.kind, item.id, item.data))


def _library_entry(kind: str, item_id: str, content: dict[str, Any]) -> dict[str, Any]:
    entry: dict[str, Any] = {"id": item_id}
    for key, value in content.items():
        if kind in _KEY_FROM_ID and key == "key" and value == item_id:
            continue  # the key defaults to the id
        entry[key] = value
    return entry


# --- lib add --------------------------------------------------------------------------------------


def parse_item_path(text: str) -> tuple[str, list[Any]]:
    """'beslispunten[3].opties[0]' -> ('optie', ['beslispunten', 3, 'opties', 0])."""
    match = _ITEM_PATH.match(text.strip().replace(" ", ""))
    if not match:
        raise NotaError(
            f"pad '{text}' wordt niet herkend; gebruik bijv. beslispunten[0].opties[1], moties[0], "
            "beslispunten[2] of ondertekenaars[0] (tellen begint bij 0)"
        )
    top, index, option = match.group(1), int(match.group(2)), match.group(3)
    if option is not None:
        if top != "beslispunten":
            raise NotaError(f"pad '{text}': alleen beslispunten hebben opties, bijv. beslispunten[0].opties[1]")
        return "optie", [top, index, "opties", int(option)]
    return kind_name(top), [top, index]


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
    try:
        obj = _obj_at(doc.nota, loc)
    except IndexError:
        raise NotaError(f"{doc.path}: '{item_path}' bestaat niet in de nota (tellen begint bij 0)") from None
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
    item_id = getattr(obj, _ID_FIELD[kind] or "")
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
    data[plural].append(to_yaml_value(_library_entry(kind, item_id, _content(obj))))
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
        hints.append(
            f"let op: {lib_path.parent} staat niet in het zoekpad; gebruik --library {lib_path.parent} "
            f"of zet de map onder 'bibliotheken:' in {CONFIG_NAME}, anders ziet 'lib status' geen wijzigingen"
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
        sys.stdout.write(item_yaml(item))
    return 0


def _cli_status(note: Path, libs: Libraries) -> int:
    from notawriter.notefile import load_document

    doc = load_document(note)
    count = len(tracked(doc.nota))
    drifts = _drifts(doc, libs)
    for drift in drifts:
        print(drift.describe())
    print(f"{count} item(s) uit bibliotheken gevolgd, {len(drifts)} gewijzigd of verdwenen")
    return 0
