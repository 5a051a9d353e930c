"""A place in the note: the one path language that `check`, `set`, `lib` and the wizard share.

A path names fields from the top of the note down, separated by dots, with a selector in square
brackets after a list:

- `kop.datum`, `kamerbrief.slot` — fields by name;
- `beslispunten[0].keuze` — `[N]` (digits only) is always the *position* in the list, counted
  from 0, exactly as `check` and error messages report it;
- `beslispunten[migratie].opties[overnemen].label`, `ondertekenaars[M].naam`,
  `aanbevelingen[1a].reactie` — `[sleutel]` (not only digits) selects the item by its key
  field (`KEY_FIELDS`: `key`, `afkorting` for signatories, `nummer` for recommendations, …);
- `aanbevelingen[nummer=2].reactie` — `[veld=waarde]` selects by a named key field; this is how
  a key that is only digits is written (recommendation *number* 2, not the third item);
- `beslispunten.migratie.keuze` — a key after a dot also selects (the older form, still read);
  a key that is only digits is ambiguous there and refused with both readings named.

`parse` turns text into `Step`s; `format_path`/`parse_loc` write and read a location of names and
positions the way `check` reports it; `selector` writes an item's selector (`lib status` labels);
`find` resolves a selector against a list (for `set` and `lib add`); `segments`/`position_in` read
the wizard's question names (paths with a `#tag`). Errors are `PathError` with a Dutch message.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

#: The field that names an item of a list, by the list's field name; other lists are by position only.
KEY_FIELDS: dict[str, str] = {
    "beslispunten": "key",
    "opties": "key",
    "moties": "key",
    "ondertekenaars": "afkorting",
    "aanbevelingen": "nummer",
    "indieners": "naam",
}

EXAMPLES = "bijv. kop.onderwerp, beslispunten[0].keuze, beslispunten[migratie].keuze of aanbevelingen[nummer=2].reactie"
RULES = (
    "[N] is de positie (tellen vanaf 0, zoals 'notawriter check' ze noemt), [sleutel] of [veld=waarde] kiest op sleutel"
)


class PathError(ValueError):
    """A path that cannot be read or does not fit the note; the message is Dutch."""


@dataclass(frozen=True)
class Step:
    """One step of a path: a field name, a position, or a key (with the key field when named)."""

    kind: str  # "name" | "index" | "key"
    value: str
    field: str | None = None  # for "key": the field named in [veld=waarde]
    dotted: bool = False  # for "name": written after a dot (may be a key after a list)

    @property
    def index(self) -> int:
        return int(self.value)

    def written(self) -> str:
        """The step as it appears in a path after what comes before it."""
        if self.kind == "name":
            return f".{self.value}"
        return f"[{self.field}={self.value}]" if self.field else f"[{self.value}]"


_PATH = re.compile(r"^[^.\[\]]+(?:\.[^.\[\]]+|\[[^\[\]]+\])*$")
_TOKEN = re.compile(r"\[(?P<sel>[^\[\]]+)\]|(?P<name>[^.\[\]]+)")
_FIELD_IS = re.compile(r"^\s*(?P<field>[a-z_]+)\s*=\s*(?P<value>.+?)\s*$")


def parse(text: str) -> list[Step]:
    """The steps of a path; raises `PathError` for text that is not a path."""
    if not _PATH.match(text):
        raise PathError(f"'{text}' is geen geldig veldpad; {EXAMPLES}")
    steps = []
    for m in _TOKEN.finditer(text):
        if m["name"] is not None:
            steps.append(Step("name", m["name"].strip(), dotted=m.start() > 0))
            continue
        sel = m["sel"].strip()
        if sel.isdigit():
            steps.append(Step("index", sel))
        elif (named := _FIELD_IS.match(sel)) is not None:
            steps.append(Step("key", named["value"], field=named["field"]))
        else:
            steps.append(Step("key", sel))
    return steps


def segments(text: str) -> list[tuple[str, str]]:
    """(field, position or '') per field of a path of names and positions, tolerant: a wizard
    question name (`beslispunten[1].opties[0].label#menu`; the tag is left out) or '' for what is
    no path. 'moties[2].indieners' → [('moties', '2'), ('indieners', '')]."""
    try:
        steps = parse(text.split("#", 1)[0])
    except PathError:
        return []
    out: list[tuple[str, str]] = []
    for step in steps:
        if step.kind == "name":
            out.append((step.value, ""))
        elif step.kind == "index" and out and not out[-1][1]:
            out[-1] = (out[-1][0], step.value)
    return out


def position_in(list_path: str, text: str | None) -> int | None:
    """The position of the item of list `list_path` that path `text` lies in ('moties[2].key' → 2), or None."""
    if not text:
        return None
    try:
        outer, steps = parse(list_path), parse(text.split("#", 1)[0])
    except PathError:
        return None
    if steps[: len(outer)] != outer or len(steps) <= len(outer) or steps[len(outer)].kind != "index":
        return None
    return steps[len(outer)].index


def split_assignment(text: str) -> tuple[str, str, str]:
    """`PAD=WAARDE` split at the first '=' outside square brackets (`x[nummer=2].y=z`), as str.partition."""
    depth = 0
    for i, char in enumerate(text):
        if char == "[":
            depth += 1
        elif char == "]":
            depth = max(0, depth - 1)
        elif char == "=" and depth == 0:
            return text[:i], "=", text[i + 1 :]
    return text, "", ""


def format_path(loc: Sequence[Any]) -> str:
    """A location of names and positions as text: ['beslispunten', 0, 'keuze'] → beslispunten[0].keuze."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def parse_loc(text: str) -> list[str | int]:
    """A path of names and positions only (as `format_path` writes it) back into a location."""
    loc: list[str | int] = []
    for step in parse(text) if text else []:
        loc.append(step.index if step.kind == "index" else step.value)
    return loc


def key_field(list_name: str) -> str | None:
    """The field that names an item of the list field `list_name`, or None (by position only)."""
    return KEY_FIELDS.get(list_name)


def selector(list_name: str, key: Any, index: int, unique: bool = True) -> str:
    """The selector for an item: `[key]`, `[nummer=2]` for a key of digits only, `[index]` without a (unique) key."""
    if key in (None, "") or not unique or key_field(list_name) is None:
        return f"[{index}]"
    text = str(key)
    if text.isdigit() or "=" in text or any(c in text for c in "[]."):
        return f"[{key_field(list_name)}={text}]"
    return f"[{text}]"


def find(
    items: Sequence[Any], steps: Sequence[Step], list_name: str, label: str, get: Any = None
) -> tuple[int, int] | None:
    """The position of the item that `steps` (starting at a selector) address in `items` and how
    many steps that used, or None when no item fits (the caller names what there is).
    `get(item, field)` reads a field (default: dict or attribute access).

    [N] is a position; [sleutel] or [veld=waarde] a key; a dotted name after a list a key (the
    longest run of dotted names that is a key wins: keys may contain dots). A dotted key of digits
    only and a wrong key field are refused with a `PathError` naming what is allowed."""
    read = get or _get_field
    step = steps[0]
    field = key_field(list_name)
    if step.kind == "key" and step.field is not None and step.field != field:
        allowed = f"schrijf {label}[{field}={step.value}]" if field else f"kies met een positie, bijv. {label}[0]"
        raise PathError(
            f"{label}[{step.field}=…]: items van {list_name} worden niet op '{step.field}' gekozen; {allowed}"
        )
    keys = item_keys(items, list_name, read)
    if step.kind == "index":
        return (step.index, 1) if step.index < len(items) else None
    if step.kind == "name":
        names = []
        for s in steps:
            if s.kind != "name":
                break
            names.append(s.value)
        for used in range(len(names), 0, -1):
            candidate = ".".join(names[:used])
            if candidate in keys and not candidate.isdigit():
                return keys_index(items, list_name, candidate, read), used
        if step.value.isdigit():
            raise PathError(ambiguous(label, list_name, step.value))
        return None
    if step.value in keys:
        return keys_index(items, list_name, step.value, read), 1
    return None


def item_keys(items: Sequence[Any], list_name: str, get: Any = None) -> list[str]:
    """The keys of the items that have one, as text, in list order."""
    read = get or _get_field
    field = key_field(list_name)
    if field is None:
        return []
    return [str(read(item, field)) for item in items if read(item, field) not in (None, "")]


def position_hint(label: str, list_name: str, value: str, keys: Sequence[str]) -> str:
    """For [N] out of range while an item has key N: '; bedoelde u x[nummer=N]? …'."""
    field = key_field(list_name)
    if field and value in keys:
        return f"; bedoelde u {label}[{field}={value}]? ([{value}] is een positie, tellen vanaf 0)"
    return ""


def ambiguous(label: str, list_name: str, digits: str) -> str:
    """The message for `x.2` after a list: position or key?"""
    field = key_field(list_name)
    key = f" of {label}[{field}={digits}] voor de sleutel {digits}" if field else ""
    return f"'{label}.{digits}' is dubbelzinnig; schrijf {label}[{digits}] voor de positie (tellen vanaf 0){key}"


def keys_index(items: Sequence[Any], list_name: str, key: str, get: Any = None) -> int:
    """The position of the (first) item whose key is `key`."""
    read = get or _get_field
    field = key_field(list_name)
    return next(i for i, item in enumerate(items) if field and str(read(item, field)) == key)


def _get_field(item: Any, field: str) -> Any:
    if isinstance(item, dict):
        return item.get(field)
    return getattr(item, field, None)
