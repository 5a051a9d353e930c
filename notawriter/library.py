"""Option libraries: reusable options, arguments, motions, decision points and signatories.

A library is a YAML file with optional `bibliotheek:` (name; default: the file stem) and
`beschrijving:`, and one list per kind: `opties`, `argumenten`, `moties`, `beslispunten`,
`ondertekenaars`. Each item has an `id` and the fields of its model class.

A note never links to a library: it keeps a *copy* plus its origin (`herkomst`: library, id,
content hash), so it renders on its own. `status` finds copies whose library item changed or
vanished, and tells copies edited in the note apart (their content hashes differently);
`update` shows the change as a diff and applies it to the round-trip YAML, never over edits
made in the note unless asked (both in libsync.py, with `lib add` and the `lib` command).

Search path, first wins: `--library` folders, $NOTAWRITER_LIBRARY, `bibliotheken:` in a
`notawriter.yaml` next to the note (or in the current folder), the libraries shipped in `options/`.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from notawriter.errors import NotaError, NoteFileError, did_you_mean

if TYPE_CHECKING:

    from pydantic import BaseModel

    from notawriter.model import Herkomst

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
    "antwoord": "antwoorden",  # standard answers to Kamervragen (genre kamervragen)
}
#: the model field an item's id defaults to (and, for options and motions, that defaults to the id)
ID_FIELD: dict[str, str | None] = {
    "optie": "key",
    "argument": None,
    "motie": "key",
    "beslispunt": "key",
    "ondertekenaar": "afkorting",
    "antwoord": None,
}
KEY_FROM_ID = ("optie", "motie")
#: fields a note owns: `update` never changes them (keys are referenced elsewhere in the note)
PER_NOTE: dict[str, tuple[str, ...]] = {
    "optie": ("key",),
    "argument": (),
    "motie": ("key",),
    "beslispunt": ("key", "akkoord", "keuze", "ambtelijk_advies", "advies_toelichting"),
    "ondertekenaar": ("afkorting",),
    "antwoord": ("vragen",),
}
_TOP_LEVEL = ("bibliotheek", "beschrijving", *KINDS.values())
_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
#: top-level keys that only a note has: a YAML file with one of them in a library folder is a note
NOTE_KEYS = ("schema_version", "kop")


class Soort(StrEnum):
    """Whether a library argument speaks for or against an option."""

    VOOR = "voor"
    TEGEN = "tegen"


# --- items ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NamePeriod:
    """A signatory's name with the period it held the function (`tot` included; None: open)."""

    naam: str
    sinds: date | None = None
    tot: date | None = None

    def current(self, today: date) -> bool:
        """In office on `today`: dated, started, not ended. An undated name is never current."""
        return self.sinds is not None and self.sinds <= today and (self.tot is None or today <= self.tot)

    def describe(self) -> str:
        from notawriter.wizard.questions import format_date_short

        if self.sinds is None:
            return "zonder datum: controleer of dit nog klopt"
        if self.tot is None:
            return f"in functie sinds {format_date_short(self.sinds)}"
        return f"{format_date_short(self.sinds)} – {format_date_short(self.tot)}"


@dataclass
class LibraryItem:
    """One reusable item: `data` is its validated content (no id, no herkomst, no defaults)."""

    kind: str
    id: str
    library: str
    path: Path
    data: dict[str, Any]
    line: int | None = None
    #: a signatory's names with their period of office, oldest first (see `signatory_names`)
    names: list[NamePeriod] = field(default_factory=list)

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
            shadowed: dict[Path, list[LibraryItem]] = {}  # winning file -> the items of `lib` it hides
            for item in lib.items:
                first = self._winners[item.kind].get(item.id)
                if first is None:
                    self._winners[item.kind][item.id] = item
                elif first.path != item.path:
                    shadowed.setdefault(first.path, []).append(item)
            if shadowed:
                self.warnings.append(_shadow_warning(lib, shadowed))

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


def _shadow_warning(lib: LibraryFile, shadowed: dict[Path, list[LibraryItem]]) -> str:
    """One line for a library file whose ids are (partly) taken by files earlier in the search path.

    Full paths: a user library often has the same file name as the shipped one it replaces.
    """
    winners = " en ".join(str(path.resolve()) for path in shadowed)
    hidden = [item for items in shadowed.values() for item in items]
    where = f"{lib.path.resolve()}: "
    if len(hidden) == len(lib.items):
        return (
            f"{where}wordt niet gebruikt: {winners} staat eerder in het zoekpad en heeft alle {len(hidden)} item(s) "
            "met dezelfde id (eerder in het zoekpad gaat voor)"
        )
    names = [f"{item.kind} '{item.id}'" for item in hidden]
    listed = ", ".join(names[:5]) + (f" en {len(names) - 5} meer" if len(names) > 5 else "")
    return (
        f"{where}{len(hidden)} van de {len(lib.items)} item(s) worden niet gebruikt ({listed}): {winners} staat "
        "eerder in het zoekpad en heeft items met dezelfde id (eerder in het zoekpad gaat voor)"
    )


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
    from notawriter.kamervragen.model import Standaardantwoord

    classes: dict[str, type[BaseModel]] = {
        "antwoord": Standaardantwoord,
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


def content_of(obj: BaseModel) -> dict[str, Any]:
    """The canonical content of a model object: JSON types, no defaults, no herkomst anywhere."""
    return strip_herkomst(obj.model_dump(mode="json", exclude_defaults=True))


def strip_herkomst(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: strip_herkomst(v) for k, v in value.items() if k != "herkomst"}
    if isinstance(value, list):
        return [strip_herkomst(v) for v in value]
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
    elif kind in ("beslispunt", "antwoord"):
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
            hint = did_you_mean(str(key), _TOP_LEVEL)
            raise NoteFileError(
                path,
                f"onbekend veld '{key}'; {hint}toegestaan: {', '.join(_TOP_LEVEL)}",
                line=key_line(data, key),
                field=str(key),
            )
    name = data.get("bibliotheek")
    if name is None:
        name = path.stem
    for key, value in (("bibliotheek", name), ("beschrijving", data.get("beschrijving") or "")):
        if not isinstance(value, str) or (key == "bibliotheek" and not value.strip()):
            raise NoteFileError(path, "moet een (niet-lege) tekst zijn", line=key_line(data, key), field=key)
    library = LibraryFile(path, str(name).strip(), data.get("beschrijving"))
    for kind, plural in KINDS.items():
        seq = data.get(plural)
        if seq is None:
            continue
        if not isinstance(seq, list):
            raise NoteFileError(
                path, "moet een lijst zijn (regels die met '- ' beginnen)", line=key_line(data, plural), field=plural
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
    line = item_line(seq, index)
    if not isinstance(raw, dict):
        raise NoteFileError(path, "moet velden bevatten (id: …, …), geen losse tekst of lijst", line=line, field=where)
    id_field = ID_FIELD[kind]
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
            line=key_line(raw, "id") or line,
            field=f"{where}.id",
        )
    body = _without(raw, ("id", "herkomst"))
    if kind in KEY_FROM_ID and "key" not in body:
        body["key"] = item_id
    names: list[NamePeriod] = []
    if kind == "ondertekenaar":
        names = signatory_names(body, path, where, line)
        body = _without(body, ("namen", "sinds", "tot"))
        current = [n for n in names if n.current(date.today())]
        undated = [n for n in names if n.sinds is None]
        # the copy a note gets names only who is in office today (or an undated name, to be confirmed)
        body["naam"] = (current or undated or [NamePeriod("")])[-1].naam
    obj = _validate_item(kind, body, path, where, item_id, line)
    return LibraryItem(kind, item_id, library, path, content_of(obj), line, names)


def signatory_names(raw: Any, path: Path, where: str, line: int | None) -> list[NamePeriod]:
    """A library signatory's names: `naam` (with optional `sinds`/`tot`) and/or a list `namen:` of those."""
    entries: list[tuple[Any, str]] = []
    if raw.get("naam") not in (None, ""):
        entries.append(({k: raw.get(k) for k in ("naam", "sinds", "tot")}, where))
    elif raw.get("sinds") is not None or raw.get("tot") is not None:
        raise NoteFileError(path, "'sinds'/'tot' zonder 'naam'", line=line, field=f"{where}.naam")
    more = raw.get("namen")
    if more is not None and not isinstance(more, list):
        raise NoteFileError(path, "moet een lijst zijn (- naam: …, sinds: …, tot: …)", line=line, field=f"{where}.namen")
    entries += [(entry, f"{where}.namen[{i}]") for i, entry in enumerate(more or [])]
    names: list[NamePeriod] = []
    for entry, at in entries:
        if not isinstance(entry, dict) or not isinstance(entry.get("naam"), str) or not entry["naam"].strip():
            raise NoteFileError(path, "elke naam heeft 'naam:' (tekst), en 'sinds:'/'tot:' als datum", line=line, field=at)
        unknown = sorted(set(entry) - {"naam", "sinds", "tot"})
        if unknown:
            raise NoteFileError(path, f"onbekend veld '{unknown[0]}'; toegestaan: naam, sinds, tot", line=line, field=at)
        period: dict[str, date | None] = {}
        for key in ("sinds", "tot"):
            value = entry.get(key)
            if value is not None and not isinstance(value, date):
                raise NoteFileError(path, "moet een datum zijn, bijv. 2024-07-02", line=line, field=f"{at}.{key}")
            period[key] = value
        if period["sinds"] and period["tot"] and period["tot"] < period["sinds"]:
            raise NoteFileError(path, "'tot' ligt vóór 'sinds'", line=line, field=f"{at}.tot")
        names.append(NamePeriod(entry["naam"].strip(), period["sinds"], period["tot"]))
    return sorted(names, key=lambda n: (n.sinds is not None, n.sinds or date.min))


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


def key_line(mapping: Any, key: Any) -> int | None:
    try:
        return int(mapping.lc.key(key)[0]) + 1
    except (AttributeError, KeyError, TypeError):
        return None


def item_line(seq: Any, index: int) -> int | None:
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


def config_section(note_path: Path | str | None, key: str, model: type[Any]) -> tuple[Any, Path | None]:
    """One key of the project config (`notawriter.yaml`) found for this note, validated on its own
    with `model` (a model whose one field is that key: the other keys belong to other parts), and
    the config's path. (None, None) without a config; (None, path) when it does not set the key."""
    config = find_config(note_path)
    if config is None:
        return None, None
    from notawriter.notefile import parse_yaml, read_text, validate

    data = parse_yaml(read_text(config, "projectbestand"), config)
    if not isinstance(data, dict) or data.get(key) is None:
        return None, config
    return getattr(validate({key: data[key]}, config, model=model), key), config


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
            line=key_line(data, "bibliotheken"),
            field="bibliotheken",
        )
    dirs = []
    for i, entry in enumerate(entries):
        line = item_line(entries, i) or key_line(data, "bibliotheken")
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


def is_library_data(data: Any) -> bool:
    """Whether parsed YAML found in a library *folder* is meant as a library (else it is skipped).

    Notes (a top-level `schema_version` or `kop`) and files with none of the library keys are not;
    a file whose only keys look like misspelt library keys ('optie:') still counts, so it fails loudly.
    Empty files, lists and loose text count too, and so get the strict error of `library_from_data`.
    """
    if not isinstance(data, dict):
        return True
    keys = [str(key) for key in data]
    if any(key in NOTE_KEYS for key in keys):
        return False
    if any(key in _TOP_LEVEL for key in keys):
        return True
    return any(difflib.get_close_matches(key, _TOP_LEVEL, n=1, cutoff=0.8) for key in keys)


def _load_entry(entry: Path) -> list[LibraryFile]:
    """The libraries of one search-path entry: a file named on its own is always read strictly."""
    from notawriter.notefile import parse_yaml, read_text

    if entry.is_file():
        return [load_library_file(entry)]
    found = []
    for path in _library_files(entry):
        data = parse_yaml(read_text(path, "bibliotheekbestand"), path)
        if is_library_data(data):
            found.append(library_from_data(data, path))
    return found


def load_libraries(extra_dirs: Iterable[Path | str] = (), note_path: Path | str | None = None) -> Libraries:
    """Read every library on the search path; the first error stops with a NoteFileError.

    YAML files in a library folder that are clearly not libraries (notes kept next to them) are skipped.
    """
    path = search_path(extra_dirs, note_path)
    files = [lib for entry in path for lib in _load_entry(entry)]
    return Libraries(files, path)
