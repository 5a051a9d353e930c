"""Bounds on input, checked on the text before any parser sees it.

YAML's C loader recurses once per nesting level and overflows the C stack (a segfault, exit 139)
on a few ten thousand nested `[`; the Python loaders and pydantic run into RecursionError near a
thousand. `yaml_depth` estimates the nesting of a YAML text in one pass (block indentation,
compact `- - -` items, flow brackets outside quotes) without parsing it — it may count a level too
many for odd text, never many too few — and `check_yaml_text` refuses deep texts with a Dutch
message naming the line. Characters YAML does not allow (control characters, lone surrogates)
are refused the same way, shown escaped, instead of the parser's English "position 2616".
"""

from __future__ import annotations

import re
from typing import Any

#: Deepest nesting accepted in a note, library or JSON file (real notes stay below 10).
MAX_DEPTH = 100
#: The text estimate (`yaml_depth`) may count up to twice the real nesting; refused above this.
MAX_TEXT_DEPTH = 2 * MAX_DEPTH

# Characters YAML 1.2 does not allow in a stream (ruamel's Reader.NON_PRINTABLE, inverted).
_NOT_PRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def shown(text: str, limit: int = 60) -> str:
    """Text safe to print on a terminal: control, escape, bidi and surrogate characters escaped."""
    out = []
    for ch in text:
        code = ord(ch)
        if code < 0x20 or 0x7F <= code < 0xA0:
            out.append({"\n": "\\n", "\t": "\\t", "\r": "\\r", "\x1b": "\\e"}.get(ch, f"\\x{code:02x}"))
        elif 0xD800 <= code <= 0xDFFF or 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069 or code in (0x200E, 0x200F):
            out.append(f"\\u{code:04x}")
        else:
            out.append(ch)
    joined = "".join(out)
    return joined if len(joined) <= limit else joined[: limit - 1] + "…"


_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """Text of any length for the terminal with lines and tabs kept, every other control, escape,
    bidi or surrogate character escaped (terminal escape sequences from a note are never sent raw)."""
    return _UNSAFE.sub(lambda m: shown(m.group()), text)


def bad_character(text: str) -> tuple[int, str] | None:
    """(line, the character escaped) of the first character YAML does not allow, or None."""
    match = _NOT_PRINTABLE.search(text)
    if match is None:
        return None
    return text.count("\n", 0, match.start()) + 1, shown(match.group())


def character_message(char: str) -> str:
    return (
        f"ongeldig teken {char} (een stuurteken of losse surrogaat); YAML staat het niet toe: verwijder het "
        "(een opmaakcode uit een terminal of een kapotte kopie)"
    )


def yaml_depth(text: str, stop: int = MAX_DEPTH) -> tuple[int, int]:
    """(an upper estimate of the deepest nesting, its line) of a YAML text, without parsing it.

    Block nesting needs a deeper indentation per level, or compact items on one line
    ('- - - x'); flow nesting needs brackets, counted from every place where a flow collection
    can start (a value's first character) until they close again — brackets in quoted text and
    comments included, so the estimate can be too high for odd text, never too low.
    """
    # Along a path of block collections the column never decreases, and at most two levels share
    # one (a mapping and its indentless '- ' list); every column is a line's indentation or lies
    # just after a '- ' or '? ' at a line's start ('- a: 1' opens a mapping at column 2).
    columns = {len(lead) for lead in _INDENTS.findall(text)} | {0}
    runs: list[int] = []
    for lead, run in _LINE_HEAD.findall(text):
        width = len(lead)
        for indicator in _INDICATOR.finditer(run):
            columns.add(width + indicator.end())
        runs.append(len(run))
    block = 2 * len(columns)
    deepest, where = 0, 0
    pos = 0
    for match in _OPENER.finditer(text):
        at = match.start()
        if at < pos or not _value_start(text, at):
            continue
        depth, pos = _flow_depth(text, at, stop)
        if depth > deepest:
            deepest, where = depth, at
            if deepest > stop:
                break
    total = block + deepest
    if total <= stop:
        return total, 0
    if deepest > stop // 2 or not runs:
        line = text.count("\n", 0, where) + 1 if deepest else _deepest_indent_line(text)
    else:
        longest = max(_LINE_HEAD_AT.finditer(text), key=lambda m: m.end() - m.start())
        line = text.count("\n", 0, longest.start()) + 1
        if len(longest.group()) < max(runs):
            line = _deepest_indent_line(text)
    return total, line


def _value_start(text: str, at: int) -> bool:
    """Whether a bracket at `at` may open a flow collection in block context: first on its line,
    or after '- ', '? ', ': ' or an anchor or tag."""
    j = at - 1
    while j >= 0 and text[j] in " \t":
        j -= 1
    if j < 0 or text[j] in "\n\r":
        return True
    if j == at - 1:
        return False  # no blank before it: part of a word
    if text[j] in ":-?":
        return True
    k = j
    while k >= 0 and text[k] not in " \t\n":
        k -= 1
    return text[k + 1] in "&!"


def _flow_depth(text: str, start: int, stop: int) -> tuple[int, int]:
    """(deepest bracket nesting, end) of the brackets opened at `start`, until they close."""
    flow, peak = 0, 0
    for match in _BRACKET.finditer(text, start):
        if match.group() in "[{":
            flow += 1
            if flow > peak:
                peak = flow
                if peak > stop:
                    return peak, match.end()
        else:
            flow -= 1
            if flow <= 0:
                return peak, match.end()
    return peak, len(text)


def _deepest_indent_line(text: str) -> int:
    widest = max(_INDENT_LINE.finditer(text), key=lambda m: len(m.group(1)), default=None)
    return text.count("\n", 0, widest.start()) + 1 if widest else 1


_OPENER = re.compile(r"[\[{]")
_BRACKET = re.compile(r"[\[\]{}]")
_INDENTS = re.compile(r"\n( *)")
_INDENT_LINE = re.compile(r"^( *)[^ \n]", re.M)
_LINE_HEAD = re.compile(r"^( *)((?:[-?](?:[ \t]+|$))+)", re.M)
_LINE_HEAD_AT = re.compile(r"^ *(?:[-?](?:[ \t]+|$))+", re.M)
_INDICATOR = re.compile(r"[-?][ \t]*")


def depth_message(depth: int) -> str:
    return f"is te diep genest (lijsten in lijsten, ten hoogste {MAX_DEPTH} niveaus); vereenvoudig de structuur"


def data_depth(data: Any, stop: int = MAX_DEPTH) -> int:
    """The nesting depth of parsed data (dicts and lists), counted without recursion."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > deepest:
            deepest = depth
            if deepest > stop:
                return deepest
        if isinstance(node, dict):
            stack.extend((v, depth + 1) for v in node.values())
            stack.extend((k, depth + 1) for k in node if isinstance(k, tuple | list | dict))
        elif isinstance(node, list | tuple):
            stack.extend((v, depth + 1) for v in node)
    return deepest


def json_depth(text: str, stop: int = MAX_DEPTH) -> tuple[int, int]:
    """(deepest nesting, line) of a JSON text: brackets outside strings, no parsing."""
    depth = deepest = 0
    line = where = 1
    in_string = False
    i, n = 0, len(text)
    special = re.compile(r'[\[\]{}"\\\n]')
    while i < n:
        match = special.search(text, i)
        if match is None:
            break
        i = match.start()
        ch = text[i]
        if ch == "\n":
            line += 1
        elif in_string:
            if ch == "\\":
                i += 1
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > deepest:
                deepest, where = depth, line
                if deepest > stop:
                    break
        elif ch in "]}":
            depth -= 1
        i += 1
    return deepest, where
