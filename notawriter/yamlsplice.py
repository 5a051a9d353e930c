"""Splice one changed value into YAML text, leaving every other byte as the user wrote it.

`splice` replaces or inserts the value at a location in the text itself, so comments, blank
lines, quoting, indentation and long lines around it stay as they were; it raises `SpliceError`
for a shape it does not handle. `reproduces` (with `plain`) checks that a spliced text still
loads as the intended data, and `dump_like` is the fallback: the whole round-trip document
dumped in the file's own indentation. `insert_position` places a new key after its predecessor
in the model's order, so the data and the text get it in the same place.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from notawriter.errors import NotaError
from notawriter.notefile import parse_yaml, yaml_rt

#: A location in the data: mapping keys and list indexes from the root down.
Loc = tuple[str | int, ...]
#: Per step of a `Loc`: the preferred key order of that mapping (new keys go in it), or None.
Orders = tuple[tuple[str, ...] | None, ...]

__all__ = [
    "Loc",
    "Orders",
    "SpliceError",
    "dump_like",
    "insert_position",
    "plain",
    "plain_safe",
    "read_as_text",
    "reproduces",
    "splice",
]


class SpliceError(Exception):
    """The text has a shape the splicer does not handle; the caller falls back to a full dump."""


def splice(text: str, loc: Loc, value: Any, orders: Orders) -> str:
    """The text with the value at `loc` replaced or inserted; raises `SpliceError` if it cannot."""
    try:
        return _splice(text, loc, value, orders)
    except (IndexError, AttributeError, ValueError) as exc:
        raise SpliceError(f"unexpected shape: {exc}") from exc


def insert_position(existing: list[str], key: str, order: Sequence[str] | None) -> int:
    """Position for a new key: after the last existing key that comes before it in `order`."""
    if not order:
        return len(existing)
    rank = {name: i for i, name in enumerate(order)}
    mine = rank.get(key, len(order))
    before = [i for i, name in enumerate(existing) if rank.get(name, len(order)) < mine]
    return before[-1] + 1 if before else min(1, len(existing))


def plain(value: Any) -> Any:
    """Round-trip data as plain dicts, lists and str, for comparing data regardless of YAML style."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    return value


def plain_safe(text: str) -> bool:
    """Whether `text` may be written unquoted in block YAML and still be read as this same text by
    any YAML reader: ruamel (YAML 1.2) writes it plain, and neither a YAML 1.2 nor a YAML 1.1
    reader takes it for a boolean, number, date or null — in any letter case (`Yes`, `oN`, `NULL`).
    A leading ':' or '?' is quoted too: YAML 1.1 readers disagree about it."""
    if not text or text[0] in ":?":
        return False
    stream = io.StringIO()
    _plain_dumper().dump({"k": text}, stream)
    if stream.getvalue() != f"k: {text}\n":
        return False
    return read_as_text(text)


def read_as_text(text: str) -> bool:
    """Whether both a YAML 1.2 and a YAML 1.1 reader take `text`, written plain, for text — in
    any letter case — rather than a boolean, number, date or null (1.1 reads `yes`, `off`, `12:30`)."""
    from ruamel.yaml.nodes import ScalarNode

    return all(
        str(resolver.resolve(ScalarNode, variant, (True, False))) == "tag:yaml.org,2002:str"
        for resolver in _resolvers()
        for variant in (text, text.lower())
    )


def reproduces(text: str, expected: Any, path: Path) -> bool:
    """Whether the text loads as `expected` (a `plain` value); False if it does not load at all."""
    try:
        return bool(plain(parse_yaml(text, path)) == expected)
    except NotaError:
        return False


def dump_like(data: Any, original: str) -> str:
    """Fallback: the whole document dumped with the file's own indentation and no line wrapping."""
    stream = io.StringIO()
    _dumper(original).dump(data, stream)
    text = stream.getvalue()
    return text.replace("\n", "\r\n") if "\r\n" in original else text


# --- internals ----------------------------------------------------------------------------------


def _dumper(original: str) -> Any:
    from ruamel.yaml import YAML

    yaml = yaml_rt()
    yaml.width = 1_000_000  # never re-wrap the user's long lines
    try:
        mapping, sequence, offset = _guess_indent(YAML().compose(original), original)
    except Exception:  # noqa: BLE001 - a guess only; the house style is a fine default
        mapping, sequence, offset = None, None, None
    if mapping or sequence:
        mapping = mapping or 2
        if sequence is None or offset is None:
            sequence, offset = mapping + 2, mapping  # the house style's proportions: 2/4/2
        yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    return yaml


@lru_cache(maxsize=1)
def _plain_dumper() -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    yaml.width = 1_000_000
    return yaml


@lru_cache(maxsize=1)
def _resolvers() -> tuple[Any, ...]:
    from ruamel.yaml.resolver import VersionedResolver

    return VersionedResolver(version=(1, 2)), VersionedResolver(version=(1, 1))


def _guess_indent(root: Any, text: str) -> tuple[int | None, int | None, int | None]:
    """The file's own (mapping, sequence, offset) indentation, each the most common one in the file.

    mapping: a nested mapping's keys, or a block scalar's lines ('|', '>'), relative to their key;
    sequence and offset: a block list's first item and its '-', relative to the list's key.
    None where the file has no example of it.
    """
    from collections import Counter, deque

    from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

    mappings: Counter[int] = Counter()
    sequences: Counter[tuple[int, int]] = Counter()
    queue = deque([root])  # breadth first: on a tie, the outermost example wins
    while queue:
        node = queue.popleft()
        if isinstance(node, SequenceNode):
            queue.extend(node.value)
        if not isinstance(node, MappingNode) or node.flow_style:
            continue
        for key, value in node.value:
            queue.append(value)
            column = key.start_mark.column
            if isinstance(value, MappingNode) and value.value and not value.flow_style:
                mappings[value.value[0][0].start_mark.column - column] += 1
            elif isinstance(value, ScalarNode) and value.style in ("|", ">"):
                body = _block_body_column(text, value)
                if body is not None:
                    mappings[body - column] += 1
            elif isinstance(value, SequenceNode) and value.value and not value.flow_style:
                item = value.value[0]
                if item.start_mark.line == value.start_mark.line and item.start_mark.index > value.start_mark.index:
                    sequences[(item.start_mark.column - column, value.start_mark.column - column)] += 1
    mapping = next((step for step, _ in mappings.most_common() if step > 0), None)
    sequence, offset = next(((s, o) for (s, o), _ in sequences.most_common() if o >= 0 and s >= o + 2), (None, None))
    return mapping, sequence, offset


def _block_body_column(text: str, node: Any) -> int | None:
    """The column of the first non-blank line of a block scalar ('|' or '>'), or None if it has none."""
    line_end = text.find("\n", node.start_mark.index)
    for line in text[line_end + 1 : node.end_mark.index].split("\n"):
        if line.strip():
            return len(line) - len(line.lstrip(" "))
    return None


def _splice(text: str, loc: Loc, value: Any, orders: Orders) -> str:
    from ruamel.yaml import YAML
    from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

    node = YAML().compose(text)
    newline = "\r\n" if "\r\n" in text else "\n"
    dumper = _dumper(text)
    for depth, part in enumerate(loc):
        rest = loc[depth + 1 :]
        if isinstance(node, MappingNode) and isinstance(part, str):
            pair = next(((k, v) for k, v in node.value if isinstance(k, ScalarNode) and k.value == part), None)
            if pair is None:
                return _insert_key(text, node, part, _nest(rest, value), orders[depth], dumper, newline)
            key_node, child = pair
            if not rest or isinstance(child, ScalarNode):
                return _replace_value(text, node, key_node, child, _nest(rest, value), dumper, newline)
            node = child
        elif isinstance(node, SequenceNode) and isinstance(part, int):
            child = node.value[part]
            if not rest:
                return _replace_item(text, node, child, value, dumper, newline)
            node = child
        else:
            raise SpliceError(f"unexpected node at {part!r}")
    raise SpliceError("empty location")


def _nest(rest: Loc, value: Any) -> Any:
    for part in reversed(rest):
        if isinstance(part, int):
            raise SpliceError("cannot create list items")
        value = {part: value}
    return value


def _colon_end(text: str, key_node: Any) -> int:
    """Index just after the ':' that follows a mapping key."""
    i = key_node.end_mark.index
    while i < len(text) and text[i] in " \t":
        i += 1
    if i >= len(text) or text[i] != ":":
        raise SpliceError("no ':' after key")
    return i + 1


def _content_end(text: str, node: Any, key_node: Any = None) -> int:
    """Index just after the last character of a value (not its trailing blank lines or comments)."""
    from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

    if isinstance(node, ScalarNode):
        if node.start_mark.index == node.end_mark.index:  # an empty value: its marks point elsewhere
            if key_node is None:
                raise SpliceError("empty scalar without key")
            return _colon_end(text, key_node)
        end = node.end_mark.index
        while end > node.start_mark.index and text[end - 1] in " \t\r\n":
            end -= 1
        return end
    if getattr(node, "flow_style", False):
        return node.end_mark.index
    if isinstance(node, MappingNode) and node.value:
        last_key, last_value = node.value[-1]
        return _content_end(text, last_value, last_key)
    if isinstance(node, SequenceNode) and node.value:
        return _content_end(text, node.value[-1])
    raise SpliceError("empty block collection")


def _fragment(dumper: Any, key: str, value: Any, column: int, newline: str) -> str:
    """`key: value` as block YAML, lines after the first indented to `column`, no final newline."""
    stream = io.StringIO()
    dumper.dump({key: value}, stream)
    lines = stream.getvalue().rstrip("\n").split("\n")
    return newline.join([lines[0]] + [(" " * column + line) if line else line for line in lines[1:]])


def _flow(value: Any) -> str:
    """A value written inline, for inside `{...}` or `[...]`."""
    if value is None:
        return "null"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool | int):
        return json.dumps(value)
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_flow(str(k))}: {_flow(v)}" for k, v in value.items()) + "}"
    text = str(value)
    if re.match(r"^[\w(][^,\[\]{}#:\n\"'`&*!|>%@]*(?<=\S)$", text) and _loads_as(text, text) and plain_safe(text):
        return text
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid double-quoted YAML scalar


def _loads_as(text: str, expected: Any) -> bool:
    from ruamel.yaml import YAML

    try:
        return bool(YAML(typ="safe").load(f"[{text}]") == [expected])
    except Exception:  # noqa: BLE001 - anything that does not parse back is simply not plain-safe
        return False


def _replace_value(
    text: str, mapping: Any, key_node: Any, value_node: Any, value: Any, dumper: Any, newline: str
) -> str:
    from ruamel.yaml.nodes import ScalarNode

    colon = _colon_end(text, key_node)
    end = _content_end(text, value_node, key_node)
    if mapping.flow_style or getattr(value_node, "flow_style", False):
        start = value_node.start_mark.index if end > colon else colon
        new = _flow(value) if end > colon else " " + _flow(value)
        return text[:start] + new + text[end:]
    column = key_node.start_mark.column
    fragment, end = _keep_tail(text, end, _fragment(dumper, "k", value, column, newline)[2:])  # drop 'k:'
    empty = isinstance(value_node, ScalarNode) and end == colon
    if isinstance(value_node, ScalarNode) and not empty and fragment.startswith(" "):
        return text[: value_node.start_mark.index] + fragment[1:] + text[end:]
    return text[:colon] + fragment + text[end:]


def _keep_tail(text: str, end: int, fragment: str) -> tuple[str, int]:
    """Keep an end-of-line comment after a value that becomes multi-line: move it to the first line."""
    first_break = fragment.find("\n")
    if first_break == -1:
        return fragment, end
    line_end = text.find("\n", end)
    tail = text[end : len(text) if line_end == -1 else line_end].rstrip("\r")
    if not tail.strip():
        return fragment, end
    cut = first_break - 1 if fragment[first_break - 1 : first_break] == "\r" else first_break
    return fragment[:cut] + tail + fragment[cut:], end + len(tail)


def _replace_item(text: str, sequence: Any, item: Any, value: Any, dumper: Any, newline: str) -> str:
    from ruamel.yaml.nodes import ScalarNode

    if not isinstance(item, ScalarNode) or item.start_mark.index == item.end_mark.index:
        raise SpliceError("only non-empty scalar items are replaced in place")
    end = _content_end(text, item)
    if sequence.flow_style:
        return text[: item.start_mark.index] + _flow(value) + text[end:]
    dash = text.rfind("-", 0, item.start_mark.index)
    line_start = text.rfind("\n", 0, dash) + 1
    fragment, end = _keep_tail(text, end, _fragment(dumper, "k", value, dash - line_start, newline)[2:].lstrip(" "))
    return text[: item.start_mark.index] + fragment + text[end:]


def _insert_key(
    text: str, mapping: Any, key: str, value: Any, order: Sequence[str] | None, dumper: Any, newline: str
) -> str:
    if not mapping.value:
        raise SpliceError("empty mapping")
    if mapping.flow_style:
        close = mapping.end_mark.index - 1
        if text[close] != "}":
            raise SpliceError("flow mapping without '}'")
        return text[:close] + f", {_flow(key)}: {_flow(value)}" + text[close:]
    existing = [k.value for k, _ in mapping.value]
    position = insert_position(existing, key, order)
    after_key, after_value = mapping.value[max(position, 1) - 1]
    end = _content_end(text, after_value, after_key)
    line_end = text.find("\n", end)
    column = mapping.value[0][0].start_mark.column
    fragment = " " * column + _fragment(dumper, key, value, column, newline) + newline
    if line_end == -1:
        return text + newline + fragment
    return text[: line_end + 1] + fragment + text[line_end + 1 :]
