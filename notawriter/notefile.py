"""Note files: load YAML into the model with clear errors, save atomically, edit round-trip.

Two ways in: `load_note` gives a validated `Nota`; `load_document` also returns the ruamel
round-trip document, so single-answer edits (`set`, `choose`) keep the user's comments, key
order and formatting. Every error is a `NoteFileError` naming file, line and field path.
"""

from __future__ import annotations

import functools
import gc
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from notawriter import limits
from notawriter.errors import NoteFileError
from notawriter.fsutil import locked

if TYPE_CHECKING:
    from pydantic import BaseModel, ValidationError

    from notawriter.model import Nota

MAX_BYTES = 5 * 1024 * 1024
SCHEMA_MODELINE = "# yaml-language-server: $schema={url}"


@dataclass
class NoteDocument:
    """A loaded note: the validated model plus the round-trip YAML it came from."""

    path: Path
    data: Any
    nota: Nota
    text: str | None = None  # the file's text when loaded: a save refuses if it changed since


def yaml_rt() -> Any:
    """A round-trip ruamel YAML in the house style (quotes kept, 2/4/2 indentation, no re-wrapping:
    a line the user wrote long stays one line when notawriter saves the file)."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def read_text(path: Path, what: str = "notabestand", fmt: str = "YAML", suffix: str = ".yaml") -> str:
    """Read a UTF-8 text file, refusing what is missing, a folder, binary or too large."""
    from notawriter.fsutil import InputRefused, read_limited

    if not path.exists():
        raise NoteFileError(path, f"{what} bestaat niet; controleer de naam en de map")
    if path.is_dir():
        raise NoteFileError(path, f"is een map; geef een {what} ({suffix}) op")
    try:  # regular files only (a device or FIFO would be read forever), size checked first
        raw = read_limited(path, MAX_BYTES, what)
    except InputRefused as exc:
        raise NoteFileError(path, exc.reason) from None
    if b"\x00" in raw:
        raise NoteFileError(path, f"is geen tekstbestand (binaire inhoud); een {what} is {fmt}-tekst in UTF-8")
    try:
        text = raw.decode("utf-8-sig")  # a BOM from Windows editors is harmless
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise NoteFileError(path, "is geen geldige UTF-8-tekst; sla het bestand op als UTF-8", line=line) from None
    return text


def parse_yaml(text: str, path: Path) -> Any:
    """Parse YAML round-trip; syntax errors become one Dutch line with the line number."""
    from ruamel.yaml.constructor import DuplicateKeyError
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    check_text(text, path)
    yaml = yaml_rt()
    yaml.Constructor = _note_constructor()
    try:
        data = yaml.load(text)
    except RecursionError:
        raise NoteFileError(path, limits.depth_message(limits.MAX_DEPTH + 1)) from None
    except DuplicateKeyError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        key = re.search(r'found duplicate key "([^"]*)"', str(exc))
        name = f"'{key.group(1)}' " if key else ""
        raise NoteFileError(path, f"sleutel {name}komt twee keer voor; laat er één staan", line=line) from None
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        if (start := _unclosed_quote(text, line)) is not None:  # the real cause lies above the reported line
            raise NoteFileError(path, "aanhalingsteken niet gesloten; sluit de tekst af met hetzelfde aanhalingsteken", line=start) from None
        raise NoteFileError(path, _yaml_problem(exc, text, line), line=line) from None
    except YAMLError as exc:
        raise NoteFileError(path, f"geen geldige YAML ({limits.shown(' '.join(str(exc).split()), 120)})") from None
    _check_expansion(data, 2 * len(text) + 10_000, path)
    if limits.data_depth(data) > limits.MAX_DEPTH:
        raise NoteFileError(path, limits.depth_message(limits.MAX_DEPTH + 1))
    return data


def check_text(text: str, path: Path) -> None:
    """Refuse, before parsing, what no YAML parser should see: characters YAML does not allow
    (shown escaped, with their line) and nesting deep enough to overflow a parser's stack."""
    bad = limits.bad_character(text)
    if bad is not None:
        line, char = bad
        raise NoteFileError(path, limits.character_message(char), line=line)
    depth, line = limits.yaml_depth(text, limits.MAX_TEXT_DEPTH)
    if depth > limits.MAX_TEXT_DEPTH:
        raise NoteFileError(path, limits.depth_message(depth), line=line)


@functools.lru_cache(maxsize=1)
def _note_constructor() -> Any:
    """ruamel's round-trip constructor, but a date that cannot exist (2025-02-30, 0000-01-01) or
    a number Python will not convert (4,300 digits) stays the text it is; the model then names
    the field and line in Dutch, where the constructor raised a bare ValueError."""
    from ruamel.yaml.constructor import RoundTripConstructor
    from ruamel.yaml.nodes import ScalarNode

    class NoteConstructor(RoundTripConstructor):  # type: ignore[misc]
        def construct_yaml_timestamp(self, node: Any, values: Any = None) -> Any:
            try:
                return super().construct_yaml_timestamp(node, values)
            except (ValueError, OverflowError, TypeError):
                return self._as_text(node)

        def construct_yaml_int(self, node: Any) -> Any:
            try:
                return super().construct_yaml_int(node)
            except (ValueError, OverflowError):
                return self._as_text(node)

        def construct_yaml_float(self, node: Any) -> Any:
            try:
                return super().construct_yaml_float(node)
            except (ValueError, OverflowError):
                return self._as_text(node)

        def _as_text(self, node: Any) -> Any:
            return str(node.value) if isinstance(node, ScalarNode) else None

    NoteConstructor.add_constructor("tag:yaml.org,2002:timestamp", NoteConstructor.construct_yaml_timestamp)
    NoteConstructor.add_constructor("tag:yaml.org,2002:int", NoteConstructor.construct_yaml_int)
    NoteConstructor.add_constructor("tag:yaml.org,2002:float", NoteConstructor.construct_yaml_float)
    return NoteConstructor


def _check_expansion(data: Any, budget: int, path: Path) -> None:
    """Refuse a 'billion laughs': anchors and aliases (&naam, *naam) that repeat parts so often
    that validating and rendering would never finish. Without aliases a file cannot exceed the
    budget (each value and each character needs at least one character of the file)."""
    stack = [data]
    while stack:
        node = stack.pop()
        budget -= 1 + (len(node) if isinstance(node, str) else 0)
        if budget < 0:
            raise NoteFileError(
                path, "wordt te groot door herhaalde verwijzingen (&naam/*naam); schrijf de onderdelen uit of verwijs minder vaak"
            )
        if isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)


def _yaml_problem(exc: Any, text: str, line: int | None) -> str:
    problem = f"{exc.problem or ''} {exc.context or ''}"
    source_line = text.split("\n")[line - 1] if line and line <= text.count("\n") + 1 else ""
    if "\t" in problem or "\\t" in problem or "\t" in source_line[: len(source_line) - len(source_line.lstrip())]:
        return "tab gevonden; spring in met spaties, niet met tabs"
    if "quoted scalar" in problem:
        return "aanhalingsteken niet gesloten; sluit de tekst af met hetzelfde aanhalingsteken"
    if "mapping values are not allowed" in problem:
        previous = next((s for s in reversed(text.split("\n")[: (line or 1) - 1]) if s.strip() and not s.lstrip().startswith("#")), "")
        if _indent(source_line) > _indent(previous) and re.match(r"^\s*(- )?[\w.-]+:\s*[^\s|>]", previous):
            return "inspringing klopt niet; zet velden van hetzelfde niveau recht onder elkaar"
        return "onverwachte ':' ; zet tekst met een dubbele punt tussen aanhalingstekens of gebruik '|'"
    if "flow sequence" in problem or "flow mapping" in problem:
        opened = f" (geopend op regel {exc.context_mark.line + 1})" if exc.context_mark else ""
        return f"lijst tussen [ ] of {{ }} niet goed gesloten{opened}; scheid items met komma's en sluit af met ] of }}"
    if "block end" in problem or "indentation" in problem or "expected <block" in problem:
        return "inspringing klopt niet; zet velden van hetzelfde niveau recht onder elkaar"
    for english, dutch in _YAML_PROBLEMS:
        if english in problem:
            return dutch
    return "geen geldige YAML op deze regel; controleer inspringing, ':' en '- ', of zet de tekst tussen aanhalingstekens"


#: ruamel's English problem texts, in Dutch (the first that occurs in the problem wins).
_YAML_PROBLEMS = (
    ("undefined alias", "verwijzing (*naam) naar een anker (&naam) dat niet bestaat; definieer het anker eerst"),
    ("sequence entries are not allowed", "lijstitem ('- ') op een plek waar dat niet mag; zet het op een eigen regel onder een veld"),
    ("could not find expected ':'", "verwacht 'veld: waarde' op deze regel; controleer de dubbele punt en de inspringing"),
    ("unknown escape character", "onbekende escape-code (\\…) tussen dubbele aanhalingstekens; gebruik enkele aanhalingstekens"),
    ("unhashable key", "een lijst of blok als sleutel; een sleutel is een veldnaam"),
    ("expected alphabetic or numeric character", "ongeldige naam na & of *; gebruik letters en cijfers"),
    ("expected a comment or a line break", "onverwachte tekst na de waarde; zet de hele tekst tussen aanhalingstekens"),
    ("block scalar", "tekstblok na | of > niet goed ingesprongen; spring elke regel even ver in"),
    ("found character", "teken dat hier geen waarde mag beginnen (bijv. @ of `); zet de tekst tussen aanhalingstekens"),
    ("expected the node content", "waarde ontbreekt of begint verkeerd; zet de tekst tussen aanhalingstekens"),
)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


_QUOTE_START = re.compile(r"""^\s*(?:- +)?(?:[\w.-]+: +)?(["'])""")


def _unclosed_quote(text: str, error_line: int | None) -> int | None:
    """The line of a quoted value that never closes, or only 'closes' at the opening quote of a
    later value (YAML then reports a confusing error further down); None if there is none."""
    lines = text.split("\n")
    for i, line in enumerate(lines[: (error_line or len(lines)) - 1]):
        m = _QUOTE_START.match(line)
        if not m or _closing(line[m.end() :], m.group(1)):
            continue
        later = next((s for s in lines[i + 1 :] if m.group(1) in s), None)
        if later is None or re.match(rf"^\s*(?:- +)?[\w.-]+: +{m.group(1)}", later):
            return i + 1
    return None


def _closing(rest: str, quote: str) -> bool:
    """Whether `rest` (after an opening quote) holds the closing quote."""
    if quote == '"':
        return re.search(r'(?<!\\)(?:\\\\)*"', rest) is not None
    return re.search(r"'(?!')", rest.replace("''", "")) is not None


def load_document(path: Path | str) -> NoteDocument:
    """Load and validate a note file, keeping the round-trip YAML for later edits."""
    path = Path(path)
    text = read_text(path)
    data = parse_yaml(text, path)
    return NoteDocument(path, data, validate(data, path), text)


def load_note(path: Path | str) -> Nota:
    """The validated model of a note file, as `load_document(path).nota` gives it."""
    path = Path(path)
    text = read_text(path)
    check_text(text, path)  # before any parser: the C loader's stack overflows on deep nesting
    pause = gc.isenabled()  # as render.gc_paused: a large note is many long-lived objects
    if pause:
        gc.disable()
    try:
        nota = _quick_load(text, path)
        if nota is not None:
            return nota
        return validate(parse_yaml(text, path), path)  # the round-trip way, with its exact messages
    finally:
        if pause:
            gc.enable()


def _has_tag(text: str) -> bool:
    """Whether the text has a YAML tag (a `!` that starts a word: after a space, comma, bracket
    or at a line start), or prose that looks like one."""
    at = text.find("!")
    while at != -1:
        if at == 0 or text[at - 1] in " \t\r\n,[{":
            return True
        at = text.find("!", at + 1)
    return False


def _quick_load(text: str, path: Path) -> Nota | None:
    """Most loads need only the model, not the round-trip data: ruamel's safe loader (the C
    parser from ruamel.yaml.clib, plain dicts and strings; the model gets the same values) is ten
    times faster than the round-trip one (no comment and position bookkeeping). Any problem returns None, and the round-trip path then
    reports it with its line numbers and Dutch messages. Explicit tags (!!set, !!str …) are left
    to the round-trip path: the two loaders build different objects for those."""
    if _has_tag(text):
        return None
    try:
        from ruamel.yaml import YAML

        data = YAML(typ="safe").load(text)  # libyaml's C parser when ruamel.yaml.clib is installed
        if not isinstance(data, dict):
            return None
        _check_expansion(data, 2 * len(text) + 10_000, path)
        from notawriter.documents import note_model

        return note_model(data).model_validate(data)
    except Exception:  # noqa: BLE001 - reported properly by the round-trip path
        return None


def validate(data: Any, path: Path, model: type[BaseModel] | None = None) -> Any:
    """Validate parsed YAML against a model (default: Nota), mapping errors to lines and fields."""
    from pydantic import ValidationError

    from notawriter.model import Nota

    model = model or Nota
    if data is None:
        raise NoteFileError(path, "is leeg; begin met 'notawriter new' of kopieer examples/kabinetsreactie-iob.yaml")
    if not isinstance(data, dict):
        kind = "een lijst" if isinstance(data, list) else "losse tekst"
        raise NoteFileError(path, f"bevat {kind}; verwacht velden als 'kop:', 'beslispunten:'", line=1)
    if model is Nota:  # the default: the class the note's `soort` names (see documents.py)
        model = _note_model(data, path)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise _validation_error(exc, data, path, model) from None


def _note_model(data: Any, path: Path) -> type[BaseModel]:
    from notawriter.documents import note_model
    from notawriter.errors import NotaError

    try:
        return note_model(data)
    except NotaError as exc:
        raise NoteFileError(path, exc.message, line=line_of(data, ["soort"]), field="soort") from None


_FIELD_PATH = re.compile(r"^(?P<path>[a-z_]+(?:\[\d+\]|\.[a-z_]+)*): (?P<msg>.*)$", re.DOTALL)


def _validation_error(exc: ValidationError, data: Any, path: Path, model: type[BaseModel]) -> NoteFileError:
    errors = exc.errors(include_url=False)
    # An unknown key usually causes the 'missing' error next to it: name the typo first.
    err = next((e for e in errors if e["type"] == "extra_forbidden"), errors[0])
    loc, message, line = describe_error(err, data, model)
    more = len(exc.errors()) - 1
    if more:
        message += f" (en nog {more} fout{'en' if more > 1 else ''}; 'notawriter check' toont alles)"
    return NoteFileError(path, message, line=line, field=format_path(loc) or None)


def describe_error(err: Any, data: Any, model: type[BaseModel]) -> tuple[list[Any], str, int | None]:
    """One pydantic error as (field path, Dutch message, line in the YAML)."""
    loc = list(err["loc"])
    message = _dutch_message(dict(err), loc, data, model)
    first, *more = message.split("\n")
    if more:  # several cross-reference errors: one line names the first
        message = f"{first} (en nog {len(more)}; 'notawriter check' noemt ze allemaal)"
    match = _FIELD_PATH.match(message)
    if match:  # a cross-field error names its own (relative) field path
        loc = loc + parse_path(match.group("path"))
        message = match.group("msg")
    return loc, message, line_of(data, loc)


def format_path(loc: list[Any]) -> str:
    """A location as `check` reports it (see `notawriter.notepath`)."""
    from notawriter.notepath import format_path as formatted

    return formatted(loc)


def parse_path(text: str) -> list[Any]:
    """A path of names and positions, as `check` reports it, back into a location."""
    from notawriter.notepath import PathError, parse_loc

    try:
        return parse_loc(text)
    except PathError:
        return []


def line_of(data: Any, loc: list[Any]) -> int | None:
    """1-based line of the deepest part of `loc` that exists in the round-trip data."""
    line = None
    node = data
    for part in loc:
        try:
            lc: Any = getattr(node, "lc", None)  # ruamel's line/column info on round-trip nodes
            if isinstance(part, int) and isinstance(node, list):
                line = lc.item(part)[0] + 1
            elif isinstance(node, dict) and part in node:
                line = lc.key(part)[0] + 1
            else:
                break
            node = node[part]
        except (AttributeError, KeyError, IndexError, TypeError):
            break
    return line


def _dutch_message(err: dict[str, Any], loc: list[Any], data: Any, model: type[BaseModel]) -> str:
    kind = err["type"]
    ctx = err.get("ctx") or {}
    if kind == "missing":
        return "verplicht veld ontbreekt"
    if kind == "extra_forbidden":
        return _unknown_field(loc, model)
    if kind in ("string_type",):
        value = err.get("input")
        if value is None:
            return "moet tekst zijn; vul een waarde in (of '' voor leeg)"
        if isinstance(value, bool | int | float):  # YAML read 2407961 or true as a number or a yes/no
            shown = str(value).lower() if isinstance(value, bool) else str(value)
            return f"moet tekst zijn; zet de waarde tussen aanhalingstekens: '{limits.shown(shown, 40)}'"
        return "moet tekst zijn"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return "moet een heel getal zijn"
    if kind in ("list_type",):
        return "moet een lijst zijn (regels die met '- ' beginnen)"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return "moet velden bevatten (sleutel: waarde), geen losse tekst of lijst"
    if kind in ("date_type", "date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact"):
        return "is geen datum; gebruik bijv. 6-1-2025, 2025-01-06 of 6 januari 2025"
    if kind == "enum":
        return f"'{err.get('input')}' is niet toegestaan; kies uit: {ctx.get('expected', '')}".replace("' or '", "' of '")
    if kind == "literal_error" and loc == ["schema_version"]:
        from notawriter.model import SCHEMA_VERSION

        return f"schema_version {err.get('input')!r} wordt niet ondersteund; deze notawriter leest versie {SCHEMA_VERSION}"
    if kind == "string_pattern_mismatch":
        return f"'{err.get('input')}' is geen geldige sleutel; gebruik letters, cijfers, '-' of '_' zonder spaties"
    if kind == "string_too_short":
        return "mag niet leeg zijn"
    if kind == "greater_than_equal":
        return f"moet ten minste {ctx.get('ge')} zijn"
    if kind == "too_long" or kind == "string_too_long":
        return "is te lang"
    if kind == "value_error":
        # Lines kept apart (describe_error names the first of several); each shown escaped.
        return "\n".join(limits.shown(line, 300) for line in str(ctx.get("error", err["msg"])).split("\n"))
    if kind == "string_unicode":
        return "bevat een ongeldig teken (een losse surrogaat, bijv. \\ud800); verwijder het of typ het teken opnieuw"
    if kind in ("int_parsing_size",):
        return "getal is te groot; gebruik een gewoon (klein) heel getal"
    if kind in ("finite_number", "float_type", "float_parsing"):
        return "moet een gewoon getal zijn (geen .inf of .nan)"
    if kind in ("invalid_key",):
        return "sleutel moet tekst zijn (een veldnaam), geen getal of lijst"
    if kind in ("bool_type", "bool_parsing"):
        return "moet ja (true) of nee (false) zijn"
    if kind in ("less_than_equal", "less_than"):
        return f"moet ten hoogste {ctx.get('le', ctx.get('lt'))} zijn"
    if kind in ("greater_than",):
        return f"moet groter dan {ctx.get('gt')} zijn"
    if kind in ("too_short", "list_too_short"):
        return "te weinig items"
    return f"ongeldige waarde ({kind}); zie 'notawriter schema' voor wat hier mag"


def _unknown_field(loc: list[Any], model: type[BaseModel]) -> str:
    """'onbekend veld' with the likely intended key and the allowed ones."""
    name = str(loc[-1])
    allowed = _fields_at(model, loc[:-1])
    from notawriter.errors import did_you_mean

    return f"onbekend veld '{name}'; {did_you_mean(name, allowed)}toegestaan: {', '.join(allowed)}"


def _fields_at(model: type[BaseModel], loc: list[Any]) -> list[str]:
    """Field names of the (nested) model class that `loc` points into."""
    from notawriter.model import model_classes

    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        info = current.model_fields.get(part)
        if info is None:
            return []
        inner = model_classes(info.annotation)
        if not inner:
            return []
        current = inner[0]
    return list(current.model_fields)


# --- saving -------------------------------------------------------------------------------------


def schema_url() -> str:
    """Where editors find the schema: the copy shipped with the package (see `notawriter schema`)."""
    from importlib.resources import files

    return str(files("notawriter").joinpath("nota.schema.json"))


def to_yaml_data(nota: Nota) -> Any:
    """The note as round-trip YAML data, `schema_version` first."""
    data = model_yaml(nota)
    data.pop("schema_version", None)
    data.insert(0, "schema_version", nota.schema_version)
    return data


def model_yaml(model: BaseModel) -> Any:
    """A model (note, motion, option …) as round-trip YAML data: no empty fields, multi-line text
    as '|' blocks, dates as YAML dates."""
    return to_yaml_value(_prune(model.model_dump(mode="json", exclude_none=True)))


def _prune(value: Any) -> Any:
    """Leave out what says nothing: None, empty lists and maps, and empty text that is the default."""
    from notawriter.yamlmerge import model_defaults

    if isinstance(value, dict):
        pruned = {k: _prune(v) for k, v in value.items()}
        return {k: v for k, v in pruned.items() if v not in ([], {}, None) and not (v == "" and model_defaults().get(k) == "")}
    if isinstance(value, list):
        return [_prune(v) for v in value]
    return value


def to_yaml_value(value: Any) -> Any:
    """Plain JSON-like data as round-trip YAML: multi-line text as '|' blocks; text that a
    YAML 1.1 reader would take for something else (`yes`, `off`, `12:30`) quoted."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString, SingleQuotedScalarString

    from notawriter.yamlsplice import read_as_text

    if isinstance(value, dict):
        out = CommentedMap()
        for k, v in value.items():
            out[k] = _yaml_date(v) if k in DATE_FIELDS else to_yaml_value(v)
        return out
    if isinstance(value, list):
        return CommentedSeq(to_yaml_value(v) for v in value)
    if isinstance(value, str) and "\n" in value:
        return LiteralScalarString(value)
    if isinstance(value, str) and value and not read_as_text(value):  # ruamel quotes only for YAML 1.2
        return DoubleQuotedScalarString(value) if "'" in value else SingleQuotedScalarString(value)
    return value


#: Model fields holding dates: written as YAML dates (2025-01-06), not quoted text.
DATE_FIELDS = frozenset({"datum", "plandatum", "kamer", "binnengekomen_op", "ingezonden", "deadline", "verwachte_datum"})


def _yaml_date(value: Any) -> Any:
    import datetime as dt

    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value


def dump_yaml(data: Any, modeline: bool = True) -> str:
    stream = io.StringIO()
    yaml_rt().dump(data, stream)
    text = stream.getvalue()
    if modeline and not text.startswith("# yaml-language-server"):
        text = SCHEMA_MODELINE.format(url=schema_url()) + "\n" + text
    return text


def note_text(data: Any, original: str | None = None, modeline: bool = True) -> str:
    """A note's (or library's) round-trip data as YAML text: in the style of `original` (the
    file's text as it was: its mapping and list indentation, dash offset, line ends, long lines
    kept whole) when given, else the house style, with the schema modeline unless told not to."""
    if original is None:
        return dump_yaml(data, modeline=modeline)
    from notawriter.yamlsplice import dump_like

    return dump_like(data, original)


def write_note(
    path: Path | str,
    data: Any,
    original: str | None = None,
    *,
    spliced: str | None = None,
    since: str | None = None,
    commit: Callable[[list[tuple[Path, bytes]]], object] | None = None,
) -> bool:
    """The one writer of note files (`set`, `choose`, the wizard, `lib`, `motie import --into`,
    `import-aanbevelingen --into`, the importers); returns whether the file changed.

    The text is `spliced` (the file with only the changed values replaced) when that loads as
    `data`, else `data` dumped in the style of `original` (see `note_text`). Under the note's lock
    (fsutil.locked, re-entrant); with `since` it refuses when the file no longer holds that text
    (someone saved it meanwhile). A UTF-8 BOM the file had is kept. The write is atomic and goes
    through the real file of a symbolic link; a read-only note is refused (fsutil.write_all).
    With `commit`, the (path, bytes) to write (none when unchanged) are handed to it instead, so
    the caller writes them together with other files.
    """
    import codecs

    from notawriter.fsutil import write_all

    path = Path(path)
    with locked(path):
        if since is not None and path.exists() and read_text(path) != since:
            from notawriter.errors import OutputError

            # Someone saved the note meanwhile (a `set`, an editor): writing ours would undo that.
            raise OutputError(
                f"{path}: is gewijzigd sinds notawriter het las (door een andere opdracht of een editor); "
                "er is niets opgeslagen: voer de opdracht opnieuw uit"
            )
        text = None
        if spliced is not None:
            from notawriter.yamlsplice import plain, reproduces

            text = spliced if reproduces(spliced, plain(data), path) else None
        if text is None:
            text = note_text(data, original)
        changed = text != original
        bom = changed and _has_bom(path)
        items = [(path, (codecs.BOM_UTF8 if bom else b"") + text.encode("utf-8", "surrogateescape"))] if changed else []
        if commit is not None:
            commit(items)
        elif items:
            write_all(items)
        return changed


def _has_bom(path: Path) -> bool:
    import codecs

    try:
        with path.open("rb") as handle:
            return handle.read(3) == codecs.BOM_UTF8
    except OSError:
        return False


def save_note(path: Path | str, nota: Nota) -> None:
    """Write a note file from the model, atomically (used by the wizard and importers).

    When the file already holds a note, the new answers are merged into its round-trip YAML,
    so the user's comments, key order, quoting and indentation survive the wizard's saves.
    """
    path = Path(path)
    fresh = to_yaml_data(nota)
    with locked(path):  # the file as it is now (another writer may just have saved), then ours
        existing = _existing_yaml(path)
        if existing is None:
            write_note(path, fresh)
            return
        from notawriter.yamlmerge import merge_into

        data, text = existing
        merge_into(data, fresh)
        write_note(path, data, text)


def _existing_yaml(path: Path) -> tuple[Any, str] | None:
    """The file's round-trip mapping and its text, or None when there is no usable note there."""
    try:
        text = read_text(path)
        data = parse_yaml(text, path)
    except NoteFileError:
        return None
    return (data, text) if isinstance(data, dict) else None


def save_document(doc: NoteDocument) -> None:
    """Write back a round-trip document after an edit, in the file's own style; comments and
    order are kept. Refused when the file changed since `doc` was loaded."""
    write_note(doc.path, doc.data, doc.text, since=doc.text)
