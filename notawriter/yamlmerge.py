"""Merge new answers into a user's round-trip YAML: only what differs changes.

Unchanged values keep their formatting and comments; list items are aligned by key (or content)
so moved items keep theirs; new keys go in the model's order; defaults the file does not spell
out are not written into it. Used by `notefile.save_note`, so the wizard never erases comments.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from notawriter.yamlsplice import insert_position, plain


def merge_into(old: Any, new: Any) -> None:
    """Make round-trip mapping `old` hold the data of `new`, touching only what differs.

    Unchanged values keep their formatting and comments; new keys go in the model's order;
    keys the new data lacks are removed unless they were explicitly empty in the file.
    """
    for key, value in new.items():
        if key in old and _same_shape(old[key], value):
            if isinstance(value, dict):
                merge_into(old[key], value)
            else:
                _merge_list(old[key], value)
        elif key not in old:
            value = _without_defaults(key, value)
            if value is not _DEFAULT and value not in ([], {}):
                old.insert(insert_position(list(old), key, list(new)), key, value)
        elif _plain_scalar(old[key]) != _plain_scalar(value) and not _same_persons(old[key], value):
            old[key] = _unstyled(value)
    for key in [k for k in old if k not in new]:
        if old[key] not in (None, "", [], {}):
            del old[key]


def _same_persons(old: Any, new: Any) -> bool:
    """A persons field written as text ('DMM; Sanne de Vries') that reads as the new list: keep the text."""
    if not isinstance(old, str) or not isinstance(new, list) or not all(isinstance(p, dict) for p in new):
        return False
    from notawriter.persons import to_persons

    def clean(items: Any) -> list[dict[str, Any]]:
        return [{k: v for k, v in dict(p).items() if v not in (None, "")} for p in items]

    try:
        return clean(to_persons(old)) == clean(new)
    except (TypeError, ValueError):
        return False


IDENTITY_KEYS = ("key", "afkorting", "nummer", "id")
IDENTITY_PREFIXES = tuple(f"{name}=" for name in IDENTITY_KEYS)


def _without_defaults(key: str, value: Any) -> Any:
    """A new value as the user would write it: fields left at the model's default are left out."""
    defaults = model_defaults()
    if isinstance(value, dict):
        pruned = {k: _without_defaults(k, v) for k, v in value.items()}
        kept = {k: v for k, v in pruned.items() if v is not _DEFAULT and v not in ([], {})}
        return type(value)(kept) if kept else {}
    if key in defaults and _plain_scalar(value) == defaults[key]:
        return _DEFAULT
    return value


_DEFAULT = object()  # marks a value equal to the model's default (left out of the user's file)


@lru_cache(maxsize=1)
def model_defaults() -> dict[str, Any]:
    """{field name: default} of the note model (computed once)."""
    from notawriter.model import scalar_defaults

    return scalar_defaults()


def _merge_list(old: list[Any], new: list[Any]) -> None:
    """Align old and new items (by key, else by content) so unchanged and moved items keep their
    formatting and comments; changed items are merged, new ones inserted, removed ones dropped."""
    from difflib import SequenceMatcher

    old_sig, new_sig = [_signature(x) for x in old], [_signature(x) for x in new]
    moved = {sig: item for sig, item in zip(old_sig, old, strict=True) if sig.startswith(IDENTITY_PREFIXES)}
    result: list[Any] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old_sig, new_sig, autojunk=False).get_opcodes():
        if tag == "insert":
            result.extend(
                _merged(moved[sig], n) if sig in moved else _new_item(n)
                for sig, n in zip(new_sig[j1:j2], new[j1:j2], strict=True)
            )
        elif tag in ("equal", "replace"):
            pairs = list(zip(old[i1:i2], new[j1:j2], strict=False))
            result.extend(_merged(o, n) for o, n in pairs)
            result.extend(_new_item(n) for n in new[j1 + len(pairs) : j2])
    if [id(x) for x in result] != [id(x) for x in old]:
        old[:] = result


def _new_item(value: Any) -> Any:
    return _without_defaults("", value) if isinstance(value, dict) else value  # a dict is never _DEFAULT


def _merged(old: Any, new: Any) -> Any:
    """The old item updated to `new`, or `new` itself where the shapes differ."""
    if isinstance(old, dict) and isinstance(new, dict):
        merge_into(old, new)
        return old
    if isinstance(old, list) and isinstance(new, list):
        _merge_list(old, new)
        return old
    return old if _plain_scalar(old) == _plain_scalar(new) else _unstyled(new)


def _signature(item: Any) -> str:
    """What identifies a list item: its key if it has one, else its whole content."""
    import json

    if isinstance(item, dict):
        for name in IDENTITY_KEYS:
            if item.get(name):
                return f"{name}={item[name]}"
    return json.dumps(plain(item), sort_keys=True, default=str)  # dates as ISO text, as dumped


def _unstyled(value: Any) -> Any:
    """A replacing text written plainly where YAML allows it: it must not inherit the quotes of
    the value it replaces (an empty '' first, then a name)."""
    from ruamel.yaml.scalarstring import PlainScalarString, ScalarString

    if isinstance(value, str) and not isinstance(value, ScalarString):
        return PlainScalarString(value)
    return value


def _same_shape(a: Any, b: Any) -> bool:
    return (isinstance(a, dict) and isinstance(b, dict)) or (isinstance(a, list) and isinstance(b, list))


def _plain_scalar(value: Any) -> Any:
    """A YAML scalar as the model dumps it (dates as ISO text), for comparison."""
    import datetime as dt

    if isinstance(value, dt.date):
        return value.isoformat()
    return value
