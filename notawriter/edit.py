"""Single-answer edits of a note file (`choose`, `set`) that keep the user's comments and layout.

An edit is resolved against the model (so a wrong field or key is refused with the valid ones
listed), applied to the round-trip YAML, validated as a whole note, and only then written. The
text is changed by splicing just the touched value into the file, so every other byte — comments,
blank lines, quoting, indentation, long lines — stays as the user wrote it (`notawriter.yamlsplice`).
Should a splice ever not reproduce the intended data, the whole round-trip document is dumped
instead in the file's own indentation, with the comments and key order (`notefile.write_note`).

Field paths are those of `notawriter.notepath`: `kop.onderwerp`, `beslispunten[2].keuze` (position,
from 0), `beslispunten[migratie].opties[overnemen].tekstsuggestie` (keys), `aanbevelingen[nummer=2].reactie`
(a key of digits only), and the older dotted keys `beslispunten.migratie.keuze`, `moties.boomsma-24.status`.
"""

from __future__ import annotations

import datetime as dt
import re
import types
import typing
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from notawriter import notepath
from notawriter.dates import parse_date
from notawriter.errors import NotaError, NoteFileError, did_you_mean
from notawriter.fsutil import locked
from notawriter.model import Beslispunt, Nota, Persoon
from notawriter.notefile import parse_yaml, read_text, validate, write_note
from notawriter.yamlsplice import (
    Loc,
    Orders,
    SpliceError,
    insert_position,
    plain,
    plain_safe,
    splice,
)

if TYPE_CHECKING:
    from notawriter.output import OutputPlan
    from notawriter.render import RenderReport

#: The field that addresses an item of a list by name instead of by position (by list field name).
KEY_FIELDS = notepath.KEY_FIELDS
#: Singular Dutch nouns for list fields, for messages ("beslispunt 'x' bestaat niet").
NOUNS = {
    "beslispunten": "beslispunt",
    "opties": "optie",
    "moties": "motie",
    "ondertekenaars": "ondertekenaar",
    "aanbevelingen": "aanbeveling",
    "indieners": "indiener",
    "secties": "sectie",
    "subsecties": "subsectie",
    "bijlagen": "bijlage",
}
_CLEAR = {"", "null", "~", "Null", "NULL"}


# --- public API ---------------------------------------------------------------------------------


def choose(path: Path | str, beslispunt_key: str, optie_key: str) -> list[str]:
    """Record the chosen option of a decision point; returns the confirmation line(s)."""
    with locked(Path(path)):
        loaded = _Loaded.read(Path(path))
        return _commit(loaded, [_choice(loaded, beslispunt_key, optie_key)])


def choose_and_render(
    path: Path | str, beslispunt_key: str, optie_key: str, plan: Callable[[Nota], OutputPlan]
) -> tuple[list[str], RenderReport]:
    """Record a choice and render the note with it, checking everything before changing anything:
    the note and its documents are rendered in memory and every target checked (`plan`), then the
    note and the documents are written in one all-or-nothing step."""
    with locked(Path(path)):
        loaded = _Loaded.read(Path(path))
        made: list[OutputPlan] = []

        def planned(nota: Nota) -> OutputPlan:
            made.append(plan(nota))
            return made[0]

        lines = _commit(loaded, [_choice(loaded, beslispunt_key, optie_key)], planned)
        return lines, made[0].report


def _choice(loaded: _Loaded, beslispunt_key: str, optie_key: str) -> Change:
    points = loaded.nota.beslispunten
    index = next((i for i, b in enumerate(points) if b.key == beslispunt_key), None)
    choosable = [b.key for b in points if b.key and b.opties]
    if index is None:
        listed = ", ".join(choosable) if choosable else "geen (deze nota heeft nog geen beslispunten met opties)"
        raise NoteFileError(
            loaded.path,
            f"beslispunt '{beslispunt_key}' bestaat niet; {_hint(beslispunt_key, choosable)}kies uit: {listed}",
        )
    point = points[index]
    options = [o.key for o in point.opties]
    if not options:
        listed = ", ".join(choosable) if choosable else "geen"
        raise NoteFileError(
            loaded.path,
            f"beslispunt '{beslispunt_key}' heeft geen opties, er valt niets te kiezen; beslispunten met opties: {listed}",
        )
    if optie_key not in options:
        raise NoteFileError(
            loaded.path,
            f"optie '{optie_key}' bestaat niet voor beslispunt '{beslispunt_key}'; "
            f"{_hint(optie_key, options)}kies uit: {', '.join(options)}",
        )
    loc: Loc = ("beslispunten", index, "keuze")
    change = Change(
        loc=loc,
        label=f"beslispunten.{beslispunt_key}.keuze",
        value=_styled(_get(loaded.data, loc), optie_key),
        orders=(tuple(Nota.model_fields), None, tuple(Beslispunt.model_fields)),
    )
    return change


def set_values(path: Path | str, assignments: Sequence[str]) -> list[str]:
    """Apply `FIELD.PATH=VALUE` assignments all together (or none); returns one line per assignment.

    The note is read and written under its lock (fsutil.locked): a second `set` at the same moment
    waits and then reads the file with the first one's change, so no confirmed change is lost."""
    with locked(Path(path)):
        return _set_values(_Loaded.read(Path(path)), assignments)


def _set_values(loaded: _Loaded, assignments: Sequence[str]) -> list[str]:
    changes: list[Change] = []
    for assignment in assignments:
        field_path, sep, raw = notepath.split_assignment(assignment)
        if not sep or not field_path.strip():
            raise NotaError(f"'{assignment}': gebruik VELD.PAD=WAARDE, bijv. kop.onderwerp=\"Kabinetsreactie IOB\"")
        try:
            target = resolve(loaded.data, field_path.strip())
            value = convert(target, raw)
        except EditError as exc:
            raise NoteFileError(loaded.path, str(exc)) from None
        changes.append(Change(target.loc, target.label, _styled(target.old, value), target.orders))
    return _commit(loaded, changes)


# --- resolving a field path ---------------------------------------------------------------------


class EditError(ValueError):
    """A field path or value that cannot be used; the message is Dutch and lists what is allowed."""


@dataclass(frozen=True)
class Target:
    """Where an assignment lands: the concrete location in the data and what the model expects there."""

    loc: Loc
    label: str
    annotation: Any
    nullable: bool
    default: Any
    old: Any
    orders: Orders


@dataclass(frozen=True)
class Change:
    loc: Loc
    label: str
    value: Any
    orders: Orders


def _tokens(text: str) -> list[notepath.Step]:
    try:
        return notepath.parse(text)
    except notepath.PathError as exc:
        raise EditError(str(exc)) from None


def _note_model(data: Any) -> Any:
    """The model class of the note's genre (its `soort`), so `set` knows that genre's fields."""
    from notawriter.documents import note_model
    from notawriter.errors import NotaError

    try:
        return note_model(data)
    except NotaError:
        return Nota  # an unknown soort: the load names it


def resolve(data: Any, text: str) -> Target:
    """Walk a field path through the data and the model; refuse unknown fields and keys helpfully."""
    tokens = _tokens(text)
    annotation: Any = _note_model(data)
    node: Any = data
    loc: list[str | int] = []
    orders: list[tuple[str, ...] | None] = []
    label = ""
    nullable, default, old = False, None, None
    i = 0
    while i < len(tokens):
        kind, token = tokens[i].kind, tokens[i].value
        shape, inner = _shape(annotation)
        if shape == "model":
            fields = inner.model_fields
            if kind != "name" or token not in fields:
                raise EditError(_unknown_field(token, label, list(fields)))
            info = fields[token]
            annotation, nullable = info.annotation, _is_nullable(info.annotation)
            default = None if info.is_required() else info.get_default(call_default_factory=True)
            orders.append(tuple(fields))
            loc.append(token)
            node = node.get(token) if isinstance(node, dict) else None
            label = f"{label}.{token}" if label else token
            i += 1
        elif shape == "list":
            items = node if isinstance(node, list) else []
            index, used = _find_item(items, tokens[i:], str(loc[-1]), label)
            annotation, nullable, default = inner, _is_nullable(inner), None
            orders.append(None)
            loc.append(index)
            node = items[index]
            label += "".join(t.written() for t in tokens[i : i + used])
            i += used
        else:
            raise EditError(f"{label} is een los veld en heeft geen onderdelen; gebruik {label}=WAARDE")
        old = node
    shape, inner = _shape(annotation)
    if shape == "model":
        raise EditError(
            f"{label} bestaat uit velden; wijzig er één, bijv. {label}.{next(iter(inner.model_fields))}=…; velden: {', '.join(inner.model_fields)}"
        )
    if shape == "list" and _shape(inner)[0] == "model" and inner is not Persoon:  # persons: set takes text
        raise EditError(
            f"{label} is een lijst van onderdelen; wijzig één veld, bijv. {label}[0].… (toevoegen kan met 'notawriter edit')"
        )
    return Target(tuple(loc), label, annotation, nullable, default, old, tuple(orders))


def _unknown_field(name: str, where: str, allowed: list[str]) -> str:
    place = f" in {where}" if where else ""
    return f"onbekend veld '{name}'{place}; {_hint(name, allowed)}toegestaan: {', '.join(allowed)}"


def _hint(name: str, allowed: Sequence[str]) -> str:
    starting = [a for a in allowed if a.lower().startswith(name.lower())] if name else []
    return f"bedoelde u '{starting[0]}'? " if len(starting) == 1 else did_you_mean(name, allowed)


def _find_item(items: list[Any], tokens: list[notepath.Step], list_name: str, label: str) -> tuple[int, int]:
    """Index of the list item the tokens address (see `notawriter.notepath`), and how many tokens that used."""
    noun = NOUNS.get(list_name, "onderdeel")
    try:
        found = notepath.find(items, tokens, list_name, label)
    except notepath.PathError as exc:
        raise EditError(str(exc)) from None
    if found is not None:
        return found
    keys = notepath.item_keys(items, list_name)
    step = tokens[0]
    if step.kind == "index":
        index = step.index
        if not items:
            raise EditError(f"{label} is leeg; er is geen {noun} {index} (toevoegen kan met 'notawriter edit')")
        raise EditError(
            f"{label}[{index}] bestaat niet; er {'is' if len(items) == 1 else 'zijn'} {len(items)}: {label}[0] t/m {label}[{len(items) - 1}]"
            + notepath.position_hint(label, list_name, step.value, keys)
        )
    if notepath.key_field(list_name) is None:
        size = f"0 t/m {len(items) - 1}" if items else "nog geen"
        raise EditError(f"{label}: kies een {noun} met een nummer, bijv. {label}[0] ({size})")
    where = f" in {label}" if "." in label else ""
    listed = ", ".join(keys) if keys else f"geen (er zijn nog geen {list_name})"
    raise EditError(f"{noun} '{step.value}' bestaat niet{where}; {_hint(step.value, keys)}kies uit: {listed}")


# --- model annotations --------------------------------------------------------------------------


def _strip(annotation: Any) -> Any:
    """The annotation without `| None` and `Annotated[...]` wrappers."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0] if len(args) == 1 else Any
        else:
            return annotation


def _is_nullable(annotation: Any) -> bool:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _is_nullable(typing.get_args(annotation)[0])
    return origin in (typing.Union, types.UnionType) and type(None) in typing.get_args(annotation)


def _shape(annotation: Any) -> tuple[str, Any]:
    """('model', cls), ('list', item annotation) or ('scalar', base type)."""
    base = _strip(annotation)
    if isinstance(base, type) and issubclass(base, BaseModel):
        return "model", base
    if typing.get_origin(base) is list:
        return "list", typing.get_args(base)[0]
    return "scalar", base


# --- converting a value -------------------------------------------------------------------------


def convert(target: Target, raw: str) -> Any:
    """The typed value for a raw command-line value: dates, numbers and choices checked; text stays text."""
    shape, base = _shape(target.annotation)
    if raw.strip() in _CLEAR:
        return _cleared(target, shape, base)
    if shape == "list" and base is Persoon:  # 'Sanne de Vries (DMM); Thomas Bakker' → the list form
        from notawriter.persons import to_persons

        return to_persons(raw)
    if shape == "list":
        if raw.lstrip().startswith("["):
            from ruamel.yaml import YAML
            from ruamel.yaml.error import YAMLError

            try:
                parsed = YAML(typ="base").load(raw)  # every item as the text typed: 010 stays 010
            except YAMLError:
                raise EditError(f"{target.label}: '{raw}' is geen lijst; schrijf bijv. [M, R]") from None
            if not isinstance(parsed, list):
                raise EditError(f"{target.label}: '{raw}' is geen lijst; schrijf bijv. [M, R]")
        else:
            parsed = [raw]
        item = Target(
            target.loc,
            f"{target.label}[…]",
            typing.get_args(_strip(target.annotation))[0],
            False,
            None,
            None,
            target.orders,
        )
        return [convert(item, str(v) if not isinstance(v, dt.date) else v.isoformat()) for v in parsed]
    return _scalar(target, base, raw)


def _cleared(target: Target, shape: str, base: Any) -> Any:
    if target.nullable:
        return None
    if shape == "list":
        return []
    if base is str and target.default == "":
        return ""
    if isinstance(base, type) and issubclass(base, Enum):
        raise EditError(f"{target.label} kan niet leeg zijn; kies uit: {', '.join(str(e.value) for e in base)}")
    raise EditError(f"{target.label} is verplicht en kan niet leeg zijn; geef een waarde")


def _scalar(target: Target, base: Any, raw: str) -> Any:
    value = raw.strip() if "\n" not in raw.strip() else raw.rstrip()
    if base is dt.date:
        try:
            return parse_date(value)
        except ValueError as exc:
            raise EditError(f"{target.label}: {exc}") from None
    if base is int:
        try:
            return int(value)
        except ValueError:
            raise EditError(f"{target.label}: '{value}' is geen heel getal; geef bijv. 24") from None
    if isinstance(base, type) and issubclass(base, Enum):
        allowed = [str(e.value) for e in base]
        if value not in allowed:
            raise EditError(
                f"{target.label}: '{value}' is niet toegestaan; {_hint(value, allowed)}kies uit: {', '.join(allowed)}"
            )
        return value
    if typing.get_origin(base) is typing.Literal:
        allowed_values = typing.get_args(base)
        match = next((a for a in allowed_values if str(a) == value), None)
        if match is None:
            raise EditError(
                f"{target.label}: '{value}' is niet toegestaan; kies uit: {', '.join(map(str, allowed_values))}"
            )
        return match
    return value


def _styled(old: Any, value: Any) -> Any:
    """The new value in the old value's YAML style: same quotes, same way of writing a date.

    Text that any YAML reader could take for something else unquoted (`yes`, `010`, `12:30`,
    `2025-01-06`, `- a`, `a: b`) is quoted, so it stays text; numbers and dates stay as they are.
    """
    from ruamel.yaml.scalarstring import LiteralScalarString, ScalarString

    if isinstance(value, dt.date) and isinstance(old, str):
        text = _date_like(old, value)
        return type(old)(text) if isinstance(old, ScalarString) else text
    if isinstance(value, list):
        return [_styled(None, v) for v in value]
    if isinstance(value, str):
        if "\n" in value:
            return LiteralScalarString(value)
        if isinstance(old, ScalarString) and not isinstance(old, LiteralScalarString) and "\n" not in old:
            return type(old)(value)
        return _quoted_if_needed(value)
    return value


def _quoted_if_needed(text: str) -> str:
    """Text in quotes when, unquoted, a YAML 1.1 or 1.2 reader would read something else: single
    quotes, or double ones when the text has a single quote (reads better than doubling it)."""
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString, SingleQuotedScalarString

    if plain_safe(text):
        return text
    return DoubleQuotedScalarString(text) if "'" in text else SingleQuotedScalarString(text)


def _date_like(old: str, new: dt.date) -> str:
    """A date written the way the old one was: '6 januari 2025', '6-1-2025' or ISO."""
    if re.match(r"^\s*\d{1,2}\s+[A-Za-z]", old):
        from notawriter.dates import format_date

        return format_date(new)
    if m := re.match(r"^\s*\d{1,2}([-/.])\d{1,2}\1\d{4}\s*$", old):
        sep = m.group(1)
        return f"{new.day}{sep}{new.month}{sep}{new.year}"
    return new.isoformat()


def _show(value: Any) -> str:
    if value is None or value == "" or value == []:
        return "(leeg)"
    if isinstance(value, dt.date):
        from notawriter.dates import format_date

        return format_date(value)
    if isinstance(value, list) and value and all(isinstance(v, dict) and set(v) <= set(Persoon.model_fields) for v in value):
        from notawriter.persons import persons_text

        return f"'{persons_text([Persoon.model_validate(v) for v in value], '; ')}'"  # persons as typed
    if isinstance(value, list):
        return "[" + ", ".join(str(v) for v in value) + "]"
    if isinstance(value, str):
        lines = value.strip("\n").split("\n")
        return f"'{lines[0]}…' ({len(lines)} regels)" if len(lines) > 1 else f"'{lines[0]}'"
    return str(value)


# --- applying to the round-trip data ------------------------------------------------------------


_MISSING = object()


def _get(data: Any, loc: Loc) -> Any:
    """The value at `loc`, or `_MISSING` when some part of the path is not in the data."""
    node = data
    for part in loc:
        present = (isinstance(node, list) and isinstance(part, int) and part < len(node)) or (
            isinstance(node, dict) and isinstance(part, str) and part in node
        )
        if not present:
            return _MISSING
        node = node[part]
    return node


def _apply(data: Any, change: Change) -> None:
    """Set the value in the round-trip data, creating missing mappings in model field order."""
    from ruamel.yaml.comments import CommentedMap

    node = data
    for depth, part in enumerate(change.loc):
        last = depth == len(change.loc) - 1
        if isinstance(part, int):
            if last:
                node[part] = change.value
            else:
                node = node[part]
            continue
        if last or node.get(part) is None:
            value = change.value if last else CommentedMap()
            if part in node:
                node[part] = value
            else:
                node.insert(insert_position(list(node), part, change.orders[depth]), part, value)
        node = node[part]


# --- committing: validate, splice, write --------------------------------------------------------


@dataclass
class _Loaded:
    path: Path
    text: str
    data: Any
    nota: Nota

    @classmethod
    def read(cls, path: Path) -> _Loaded:
        text = read_text(path)
        data = parse_yaml(text, path)
        nota = validate(data, path)
        return cls(path, text, data, nota)


def _commit(
    loaded: _Loaded, changes: list[Change], plan: Callable[[Nota], OutputPlan] | None = None
) -> list[str]:
    """Validate the edited note, then write only what changed; the file is untouched on any error.
    With `plan`, the documents of the edited note are planned before the note is written, and
    written together with it (all or nothing)."""
    lines: list[str] = []
    text: str | None = loaded.text
    for change in changes:
        old = _get(loaded.data, change.loc)
        if old is not _MISSING and plain(old) == plain(change.value):
            lines.append(f"{change.label}: ongewijzigd ({_show(old)})")
            continue
        lines.append(f"{change.label}: {_show(None if old is _MISSING else old)} → {_show(change.value)}")
        _apply(loaded.data, change)
        if text is not None:
            text = _try_splice(text, change)
    try:
        nota = validate(loaded.data, loaded.path)
    except NoteFileError as exc:
        one_line = exc.message.replace("\r", "").replace("\n", "\\n")
        raise NotaError(f"{one_line}; niets gewijzigd") from None
    if plan is None:
        write_note(loaded.path, loaded.data, loaded.text, spliced=text)
        return lines
    outputs = plan(nota)  # refuses (a document edited by hand, open in Word …) before any write
    write_note(loaded.path, loaded.data, loaded.text, spliced=text, commit=lambda items: outputs.commit(before=items))
    return lines


def _try_splice(text: str, change: Change) -> str | None:
    """The text with the change spliced in, or None when the splicer cannot (the caller then dumps)."""
    try:
        return splice(text, change.loc, change.value, change.orders)
    except SpliceError:
        return None
