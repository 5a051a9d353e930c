"""What a user's Word template asks of notawriter, checked before rendering.

`check --templates` and `render` share these checks, so both say the same about a template:

* Jinja syntax: a broken tag is named by the paragraph it stands in, with what is probably wrong
  ("een {{ zonder }} in de alinea '…'"), found in the text as the user typed it (docxtpl's XML
  clean-up can swallow the broken tag, and Jinja then points at a later, innocent one);
* fields: every dotted path a template reads (`kop.onderwerp`, `o.naam` in a loop over
  `ondertekenaars`) is looked up in the real view context, following loops and `{% set %}`, so an
  unknown field is reported by its full path, all of them at once;
* styles: the Word styles notawriter gives its paragraphs (docxparts.ROLE_STYLES and the
  footnote and redaction styles) that the template lacks, and what they fall back to.

Messages are Dutch, one line, and do not name the file: callers put the file in front.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from notawriter.errors import NotaError, TemplateError

# --- reading a template -------------------------------------------------------------------------


@dataclass(frozen=True)
class Part:
    """One piece of a template docxtpl renders: the body, a header, a footer, the footnotes, a property."""

    where: str  # "" for the body, else " in de koptekst" …
    paragraphs: tuple[str, ...]  # the text of each paragraph, as the user typed it
    source: str  # the Jinja source as docxtpl renders it (its clean-up done, a line per paragraph)


@dataclass
class Template:
    parts: list[Part]
    style_names: set[str]  # lower-case UI names of the styles the template defines
    style_ids: set[str]  # their ids
    used_style_ids: list[str] = field(default_factory=list)  # ids the template's own text refers to


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
#: Core properties docxtpl fills with Jinja too (docxtpl's render_properties).
_PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")
_STYLE_REF = re.compile(r'<w:(?:pStyle|rStyle|tblStyle) w:val="([^"]+)"')


def read_template(data: bytes) -> Template:
    """The parts, styles and style references of a .docx template (already checked to be a .docx)."""
    from docxtpl import DocxTemplate

    from notawriter import docxparts

    try:
        tpl = DocxTemplate(io.BytesIO(data))
        tpl.init_docx()
        parts = list(_parts(tpl))
        names = docxparts.style_ids(tpl.docx)
    except NotaError:
        raise
    except Exception as exc:  # noqa: BLE001 - a damaged file is the user's to fix, not a crash
        raise TemplateError(f"sjabloon is niet te lezen ({type(exc).__name__}); is het een geldig .docx-bestand?") from None
    used = list(dict.fromkeys(sid for part in parts for sid in _STYLE_REF.findall(part.source)))
    return Template(parts, set(names), set(names.values()), used)


def _parts(tpl: Any) -> Iterator[Part]:
    from docx.oxml import parse_xml

    body = tpl.docx._element.body
    yield _part("", body, tpl.xml_to_string(body), tpl)
    for uri, where in ((tpl.HEADER_URI, " in de koptekst"), (tpl.FOOTER_URI, " in de voettekst")):
        for _, part in tpl.get_headers_footers(uri):
            yield _part(where, parse_xml(part.blob), tpl.get_part_xml(part), tpl)
    for part in tpl.docx.part.package.iter_parts():
        if part.content_type == _FOOTNOTES:
            blob = part.blob.decode("utf-8") if isinstance(part.blob, bytes) else part.blob
            yield _part(" in de voetnoten", parse_xml(part.blob), blob, tpl)
    props = tpl.docx.core_properties
    for name in _PROPERTIES:
        value = getattr(props, name) or ""
        if "{" in value:
            yield Part(" in de documenteigenschappen", (value,), value)


def _part(where: str, element: Any, xml: str, tpl: Any) -> Part:
    """As docxtpl's render_xml_part sees it: patched, with each paragraph on a line of its own."""
    source = re.sub(r"<w:p([ >])", r"\n<w:p\1", tpl.patch_xml(xml))
    return Part(where, _paragraph_texts(element), source)


def _paragraph_texts(element: Any) -> tuple[str, ...]:
    texts: dict[Any, list[str]] = {}
    for t in element.iter(f"{_W}t"):
        paragraph = next(t.iterancestors(f"{_W}p"), None)
        texts.setdefault(paragraph, []).append(t.text or "")
    return tuple("".join(parts) for parts in texts.values())


# --- Jinja syntax -------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _env() -> Any:
    """An environment as render's (sandboxed, autoescaping, strict): the same syntax and filters."""
    import jinja2
    from jinja2.sandbox import SandboxedEnvironment

    return SandboxedEnvironment(autoescape=True, undefined=jinja2.StrictUndefined)


def parse(part: Part) -> Any:
    """The Jinja syntax tree of a part; TemplateError with a Dutch, located message if it is broken."""
    import jinja2

    env = _env()
    try:
        tree = env.parse(part.source)
        env.compile(tree)  # unknown filters and tests are found here
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(syntax_message(part, exc.message or "", exc.lineno)) from None
    return tree


def syntax_error(template: Template) -> str | None:
    """The message for the first part of a template Jinja cannot read, or None when all are fine."""
    for part in template.parts:
        try:
            parse(part)
        except TemplateError as exc:
            return exc.message
    return None


SYNTAX_HINT = "controleer de {{ }}- en {% %}-codes"


def syntax_message(part: Part, message: str, lineno: int | None) -> str:
    """'Jinja-fout in het sjabloon: <what is probably wrong, and where>; <hint>'."""
    problem = tag_problem(part.paragraphs) or _translated(message, part, lineno)
    return f"Jinja-fout in het sjabloon{part.where}: {problem}; {SYNTAX_HINT}"


_DELIMITER = re.compile(r"\{\{|\{%|\{#|\}\}|%\}|#\}")
_CLOSER = {"{{": "}}", "{%": "%}", "{#": "#}"}
_TAG_NAME = re.compile(r"\{%[-+]?\s*(?:(?:p|tr|tc|r)\s+)?([A-Za-z_]\w*)")
_BLOCKS = {"if", "for", "macro", "call", "filter", "with", "block", "raw", "autoescape", "set"}
_INNER = {"elif": ("if",), "else": ("if", "for")}
_KNOWN = _BLOCKS | set(_INNER) | {"extends", "include", "import", "from"} | {f"end{b}" for b in _BLOCKS}


def tag_problem(paragraphs: tuple[str, ...]) -> str | None:
    """The first unbalanced delimiter or block tag in a part's text, described in Dutch."""
    opened: tuple[str, int, int] | None = None  # delimiter, paragraph, position
    blocks: list[tuple[str, str, int]] = []  # keyword, tag text, paragraph
    for i, text in enumerate(paragraphs):
        for m in _DELIMITER.finditer(text):
            token = m.group()
            if opened is None:
                if token in _CLOSER:
                    opened = (token, i, m.start())
                continue  # a lone }} is plain text to Jinja
            start, at, pos = opened
            if start == "{#" and token != "#}":
                continue  # anything goes inside a comment
            if token in _CLOSER:
                return f"een {start} zonder {_CLOSER[start]}{_in(paragraphs[at])}"
            if token != _CLOSER[start]:
                return f"een {start} afgesloten met {token} in plaats van {_CLOSER[start]}{_in(paragraphs[at])}"
            opened = None
            if start == "{%" and at == i and (problem := _block(text[pos : m.end()], i, blocks, paragraphs)):
                return problem
    if opened is not None:
        start, at, _ = opened
        return f"een {start} zonder {_CLOSER[start]}{_in(paragraphs[at])}"
    if blocks:
        keyword, tag, at = blocks[-1]
        return f"een {tag} zonder {{% end{keyword} %}}{_in(paragraphs[at], tag)}"
    return None


def _block(tag: str, i: int, blocks: list[tuple[str, str, int]], paragraphs: tuple[str, ...]) -> str | None:
    """Track {% if %} … {% endif %} nesting; a problem with this tag, if any."""
    m = _TAG_NAME.match(tag)
    if m is None:
        return None
    keyword = m.group(1)
    if blocks and blocks[-1][0] == "raw" and keyword != "endraw":
        return None
    if keyword not in _KNOWN:
        return f"onbekende code {tag} (bedoeld: if, for, set …?){_in(paragraphs[i], tag)}"
    if keyword in _BLOCKS:
        if keyword != "set" or "=" not in tag:
            blocks.append((keyword, tag, i))
        return None
    if keyword in _INNER:
        if not blocks or blocks[-1][0] not in _INNER[keyword]:
            return f"een {tag} zonder {{% {_INNER[keyword][0]} … %}} ervoor{_in(paragraphs[i], tag)}"
        return None
    if keyword.startswith("end") and keyword[3:] in _BLOCKS:
        if not blocks:
            return f"een {tag} zonder {{% {keyword[3:]} … %}} ervoor{_in(paragraphs[i], tag)}"
        open_keyword, open_tag, _ = blocks[-1]
        if open_keyword != keyword[3:]:
            return f"een {tag} waar {{% end{open_keyword} %}} hoort (voor {open_tag}){_in(paragraphs[i], tag)}"
        blocks.pop()
    return None


def _in(paragraph: str, tag: str = "") -> str:
    """The words " in de alinea '…'", left out when the paragraph holds nothing but the tag already named."""
    text = " ".join(paragraph.split())
    if not text or text == tag:
        return ""
    return f" in de alinea '{shorten(text)}'"


def shorten(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rstrip() + " …"


_JINJA_MESSAGES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"No filter named '([^']+)'"), "onbekend filter '|{0}'"),
    (re.compile(r"No test named '([^']+)'"), "onbekende test 'is {0}'"),
    (re.compile(r"Encountered unknown tag '([^']+)'"), "onbekende of misplaatste code {{% {0} %}}"),
    (re.compile(r"innermost block that needs to be closed is '([^']+)'"), "een {{% {0} %}} zonder {{% end{0} %}}"),
    (re.compile(r"expected token '[^']+', got '([^']+)'"), "onverwacht '{0}' in een code"),
    (re.compile(r"unexpected char (.+?) at \d+"), "onverwacht teken {0}"),
    (re.compile(r"unexpected '([^']+)'"), "onverwacht '{0}'"),
    (re.compile(r"unexpected end of template", re.I), "een code die niet is afgesloten"),
)


def _translated(message: str, part: Part, lineno: int | None) -> str:
    """Jinja's message in Dutch, placed at the text of the line it names (docxtpl's source lines)."""
    what = next((dutch.format(*m.groups()) for rx, dutch in _JINJA_MESSAGES if (m := rx.search(message))), None)
    where = ""
    if lineno is not None:
        lines = part.source.splitlines()
        if 0 < lineno <= len(lines) and (text := re.sub(r"<[^>]+>", "", lines[lineno - 1]).strip()):
            where = f" bij '{shorten(text)}'"
    return f"{what}{where}" if what else f"Jinja meldt: {message}{where}"


# --- fields -------------------------------------------------------------------------------------


class _Unknowable:
    """A value whose fields cannot be known here (a loop over an empty list, a {% set %} of an
    expression, a macro argument …): paths through it are not checked."""

    def __repr__(self) -> str:
        return "<onbekend>"


UNKNOWABLE: Any = _Unknowable()


@dataclass(frozen=True)
class Unknown:
    """A field the template reads that the context does not have."""

    path: str  # as written in the template, e.g. 'kop.dossiernummer' or 'o.functie'
    parent: str  # what it was looked up in, e.g. 'kop'; '' for a top-level name
    available: tuple[str, ...]  # what `parent` does have
    kind: str = ""  # 'tekst' or 'lijst' when `parent` is one of those, not a group of fields


@dataclass
class FieldCheck:
    """Walks a template's syntax tree with the real context, like rendering it with every branch taken."""

    context: Mapping[str, Any]
    unknown: dict[str, Unknown] = field(default_factory=dict)
    roots: set[str] = field(default_factory=set)  # top-level context names the template reads
    _lenient: set[str] = field(default_factory=set)  # paths guarded by 'is defined' around here

    def template(self, tree: Any) -> None:
        self.body(tree.body, {})

    def body(self, statements: list[Any], scope: dict[str, Any]) -> None:
        for node in statements:
            self.visit(node, scope)

    def visit(self, node: Any, scope: dict[str, Any]) -> None:
        from jinja2 import nodes

        if isinstance(node, nodes.Expr):
            self.expr(node, scope)
        elif isinstance(node, nodes.For):
            element = _element(self.expr(node.iter, scope))
            inner = dict(scope, loop=UNKNOWABLE)
            self.bind(node.target, element, inner)
            if node.test is not None:
                self.expr(node.test, inner)
            self.body(node.body, inner)
            self.body(node.else_, dict(scope))
        elif isinstance(node, nodes.If):
            before = set(self._lenient)
            self._lenient |= self._guards(node.test)  # {% if x is defined and x.y %}: x may be used
            self.expr(node.test, scope)
            self.body(node.body, scope)
            self._lenient = before
            for branch in node.elif_:
                self.visit(branch, scope)
            self.body(node.else_, scope)
        elif isinstance(node, nodes.Assign):
            self.bind(node.target, self.expr(node.node, scope), scope)
        elif isinstance(node, nodes.AssignBlock):
            self.body(node.body, dict(scope))
            if node.filter is not None:
                self.visit(node.filter, scope)
            self.bind(node.target, UNKNOWABLE, scope)
        elif isinstance(node, nodes.With):
            inner = dict(scope)
            for target, value in zip(node.targets, node.values, strict=False):
                self.bind(target, self.expr(value, scope), inner)
            self.body(node.body, inner)
        elif isinstance(node, nodes.Macro | nodes.CallBlock):
            if isinstance(node, nodes.Macro):
                scope[node.name] = UNKNOWABLE
            else:
                self.expr(node.call, scope)
            for default in node.defaults:
                self.expr(default, scope)
            inner = dict(scope, varargs=UNKNOWABLE, kwargs=UNKNOWABLE, caller=UNKNOWABLE)
            for arg in node.args:
                self.bind(arg, UNKNOWABLE, inner)
            self.body(node.body, inner)
        elif isinstance(node, nodes.Import):
            scope[node.target] = UNKNOWABLE
        elif isinstance(node, nodes.FromImport):
            for name in node.names:
                scope[name if isinstance(name, str) else name[1]] = UNKNOWABLE
        elif isinstance(node, nodes.Scope | nodes.ScopedEvalContextModifier):
            self.body(node.body, dict(scope))
        else:
            for child in node.iter_child_nodes():
                self.visit(child, scope)

    def bind(self, target: Any, value: Any, scope: dict[str, Any]) -> None:
        from jinja2 import nodes

        if isinstance(target, nodes.Name):
            scope[target.name] = value
        elif isinstance(target, nodes.Tuple):
            for item in target.items:
                self.bind(item, UNKNOWABLE, scope)
        # an NSRef ({% set ns.x = … %}) binds nothing new

    def expr(self, node: Any, scope: dict[str, Any], lenient: bool = False) -> Any:
        """The context value `node` stands for (UNKNOWABLE when not a plain path), recording
        unknown fields on the way; `lenient` for the operand of 'is defined' and '|default'."""
        from jinja2 import nodes

        if isinstance(node, nodes.Name):
            if node.name in scope:
                return scope[node.name]
            if node.name in self.context:
                self.roots.add(node.name)
                return self.context[node.name]
            if node.name not in _env().globals and not lenient and node.name not in self._lenient:
                self.unknown.setdefault(node.name, Unknown(node.name, "", tuple(sorted(self.context))))
            return UNKNOWABLE
        if isinstance(node, nodes.Getattr):
            return self.member(node, self.expr(node.node, scope), node.attr, lenient)
        if isinstance(node, nodes.Getitem):
            base = self.expr(node.node, scope)
            self.expr(node.arg, scope)
            key = node.arg.value if isinstance(node.arg, nodes.Const) else None
            return self.member(node, base, key, lenient) if isinstance(key, str | int) else UNKNOWABLE
        if isinstance(node, nodes.Filter | nodes.Test):
            return self.call(node, scope)
        for child in node.iter_child_nodes():
            self.visit(child, scope)
        return UNKNOWABLE

    def call(self, node: Any, scope: dict[str, Any]) -> Any:
        """A filter or test: its arguments are checked; a few filters keep the value's shape."""
        from jinja2 import nodes

        tolerant = node.name in ("defined", "undefined", "none") if isinstance(node, nodes.Test) else node.name in ("default", "d")
        value = self.expr(node.node, scope, lenient=tolerant) if node.node is not None else UNKNOWABLE
        for child in (*node.args, *node.kwargs, node.dyn_args, node.dyn_kwargs):
            if child is not None:
                self.visit(child, scope)
        if isinstance(node, nodes.Filter):
            if node.name in ("sort", "reverse", "list", "unique", "select", "reject", "selectattr", "rejectattr"):
                return value if isinstance(value, list) else UNKNOWABLE
            if node.name in ("first", "last", "random"):
                return _element(value)
        return UNKNOWABLE

    def member(self, node: Any, value: Any, key: str | int, lenient: bool) -> Any:
        """`value.key` / `value[key]` as Jinja looks it up; an unknown one is recorded."""
        if isinstance(value, Mapping):
            if key in value:
                return value[key]
            present, kind = tuple(sorted(str(k) for k in value)), ""
        elif isinstance(value, list | tuple):
            if isinstance(key, int):
                return _element(value)
            present, kind = (), "lijst"
        elif isinstance(value, str):
            if isinstance(key, int):
                return UNKNOWABLE
            present, kind = (), "tekst"
        else:
            return UNKNOWABLE
        if isinstance(key, str) and hasattr(value, key):
            return UNKNOWABLE  # a method or attribute of the dict, list or text itself (kop.items)
        path, parent = _path(node), _path(node.node)
        if not lenient and path not in self._lenient and path not in self.unknown:
            self.unknown[path] = Unknown(path, parent, present, kind)
        return UNKNOWABLE

    def _guards(self, test: Any) -> set[str]:
        """Paths an {% if %} tests with 'is defined' (so its body may use them)."""
        from jinja2 import nodes

        tests = [test, *test.find_all(nodes.Test)]
        return {_path(t.node) for t in tests if isinstance(t, nodes.Test) and t.name == "defined" and t.node is not None}


def _element(value: Any) -> Any:
    """What a loop over `value` yields: for a list of dicts, one dict with all their keys."""
    if not isinstance(value, list | tuple) or not value:
        return UNKNOWABLE
    if all(isinstance(v, Mapping) for v in value):
        merged: dict[str, Any] = {}
        for v in reversed(value):
            merged.update(v)
        return merged
    return value[0]


def _path(node: Any) -> str:
    """'kop.onderwerp', 'rijen[0].nummer', or '…' for what is not a plain path."""
    from jinja2 import nodes

    if isinstance(node, nodes.Name):
        return str(node.name)
    if isinstance(node, nodes.Getattr):
        return f"{_path(node.node)}.{node.attr}"
    if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
        key = node.arg.value
        return f"{_path(node.node)}.{key}" if isinstance(key, str) and key.isidentifier() else f"{_path(node.node)}[{key!r}]"
    if isinstance(node, nodes.Filter) and node.node is not None:
        return f"({_path(node.node)}|{node.name})"
    return "…"


def check_fields(template: Template, context: Mapping[str, Any]) -> FieldCheck:
    """The unknown fields and the top-level names of every part; TemplateError on a syntax error."""
    check = FieldCheck(context)
    for part in template.parts:
        check.template(parse(part))
    return check


def unknown_message(unknown: list[Unknown], context: Mapping[str, Any]) -> str:
    """'sjabloon gebruikt een onbekende variabele '{{ kop.x }}' (kop heeft: …); beschikbaar: …'."""
    shown = ", ".join(f"'{{{{ {u.path} }}}}'" for u in unknown)
    head = f"een onbekende variabele {shown}" if len(unknown) == 1 else f"onbekende variabelen {shown}"
    parents: dict[str, str] = {}
    for u in unknown:
        if u.parent and u.kind == "lijst":
            parents.setdefault(u.parent, f"{u.parent} is een lijst: gebruik {{% for x in {u.parent} %}}")
        elif u.parent and u.kind:
            parents.setdefault(u.parent, f"{u.parent} is een {u.kind} zonder velden")
        elif u.parent:
            parents.setdefault(u.parent, f"{u.parent} heeft: {', '.join(u.available) or 'geen velden'}")
    having = "; ".join(parents.values())
    return (
        f"sjabloon gebruikt {head}" + (f" ({having})" if having else "") + f"; beschikbaar: {', '.join(sorted(context))}"
    )


def render_syntax_message(data: bytes, message: str, source: str | None, lineno: int | None) -> str:
    """For render: a TemplateSyntaxError as check describes it (located in the text as typed);
    else Jinja's message translated and placed at the line of the source it came from."""
    try:
        found = syntax_error(read_template(data))
    except TemplateError:
        found = None
    return found or syntax_message(Part("", (), source or ""), message, lineno)


def undefined_message(data: bytes, context: Mapping[str, Any], jinja_message: str) -> str:
    """For render: what an UndefinedError was about, by path, from the template itself; else
    from Jinja's message ("'dict object' has no attribute 'x'", "'x' is undefined")."""
    try:
        unknown = list(check_fields(read_template(data), context).unknown.values())
    except TemplateError:
        unknown = []
    if unknown:
        return unknown_message(unknown, context)
    m = re.search(r"has no (?:attribute|element) '?([^']+?)'?$", jinja_message) or re.search(
        r"^'([^']+)' is undefined", jinja_message
    )
    name = m.group(1) if m else "?"
    return f"sjabloon gebruikt een onbekende variabele '{name}'; beschikbaar: {', '.join(sorted(context))}"


# --- styles -------------------------------------------------------------------------------------

#: What each style is for, in the words of the person styling the template.
STYLE_PURPOSE: dict[str, str] = {
    "Nota Tekst": "gewone alinea's",
    "List Bullet": "opsommingen",
    "List Bullet 2": "opsommingen op het tweede niveau",
    "Heading 1": "koppen",
    "Heading 2": "tussenkoppen",
    "Heading 3": "kopjes van opties en subsecties",
    "Nota Label": "vette kopregels in besluit en opties",
    "Nota Alternatief": "markering van de alternatieven bij een open keuze",
    "Nota Open": "plekken waar nog tekst moet komen",
    "footnote text": "tekst van voetnoten bij moties",
    "footnote reference": "voetnootnummers",
    "Gelakt": "gelakte tekst in de openbare versie",
}


def _roles() -> dict[str, tuple[str, ...]]:
    from notawriter.view import BODY, BULLET1, BULLET2, H1, H2, H3, LABEL, MARKER, PLACEHOLDER

    markup = (BODY, BULLET1, BULLET2)  # every note text may hold paragraphs and bullets
    return {
        "nota": (*markup, H1, H2, H3, LABEL),
        "kamerbrief": (*markup, H1, H2, MARKER, PLACEHOLDER),
        "bijlage": (*markup, PLACEHOLDER),
    }


#: Styles applied to runs and footnotes (any note text can cite a motion or hold a redacted name).
_RUN_STYLES = (("footnote text", "Normal"), ("footnote reference", "gewoon superscript"), ("Gelakt", "gewone tekst"))


def missing_styles(template: Template, kind: str) -> list[tuple[str, str]]:
    """(style, what it becomes) for each style notawriter gives this kind of document's text that
    the template lacks; then the styles the template's own paragraphs name but does not define."""
    from notawriter.docxparts import ROLE_STYLES

    missing: dict[str, str] = {}
    for role in _roles().get(kind, ()):
        first, *rest = ROLE_STYLES[role]
        if first.lower() not in template.style_names:
            missing[first] = next((s for s in rest if s.lower() in template.style_names), "Normal")
    for name, fallback in _RUN_STYLES:
        if name.lower() not in template.style_names:
            missing[name] = fallback
    for sid in template.used_style_ids:
        if sid not in template.style_ids:
            missing.setdefault(sid, "Normal")
    return list(missing.items())


def styles_message(missing: list[tuple[str, str]]) -> str:
    """'List Bullet (opsommingen) ontbreekt: wordt Normal; …; voeg de stijlen toe …'."""
    items = []
    for name, fallback in missing:
        purpose = STYLE_PURPOSE.get(name, "in het sjabloon zelf gebruikt")
        items.append(f"{name} ({purpose}) ontbreekt: wordt {fallback}")
    it = "de stijl toe in Word (of neem hem" if len(items) == 1 else "de stijlen toe in Word (of neem ze"
    return "; ".join(items) + f"; voeg {it} over uit het meegeleverde sjabloon)"


# --- for check ----------------------------------------------------------------------------------


def sample_contexts() -> dict[str, dict[str, Any]]:
    """Contexts of a small note with one of every list item, so the fields of a loop over a list
    that is empty in the user's note (no recommendations yet) can still be checked."""
    from notawriter import view
    from notawriter.model import Nota

    nota = Nota.model_validate(
        {
            "kop": {"onderwerp": "x"},
            "ondertekenaars": [{"afkorting": "M", "titel": "x", "naam": "x"}],
            "aanbevelingen": [{"nummer": "1"}],
            "kamerbrief": {"ondertekening": ["M"]},
        }
    )
    return {
        "nota": view.nota_context(nota),
        "kamerbrief": view.kamerbrief_context(nota),
        "bijlage": view.bijlage_context(nota),
    }


def with_sample_lists(context: Any, sample: Any) -> Any:
    """`context` with each empty list replaced by the sample's list at the same place."""
    if isinstance(context, Mapping) and isinstance(sample, Mapping):
        return {k: with_sample_lists(v, sample.get(k)) for k, v in context.items()}
    if isinstance(context, list) and not context and isinstance(sample, list):
        return sample
    return context

