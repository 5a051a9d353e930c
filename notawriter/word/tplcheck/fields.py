"""The fields a template reads, looked up in the real view context by walking its Jinja tree.

Every dotted path (`kop.onderwerp`, `o.naam` in a loop over `ondertekenaars`) is followed through
loops and `{% set %}`, so an unknown field is reported by its full path, all of them at once.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from notawriter.errors import TemplateError
from notawriter.word.tplcheck.parts import Template, read_template
from notawriter.word.tplcheck.syntax import _env, parse


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
    text_loops: list[str] = field(default_factory=list)  # '{% for x in moties %}' over a text part

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
            over = self.expr(node.iter, scope)
            if over is not UNKNOWABLE and not isinstance(over, str | list | tuple | Mapping | range):
                self.text_loops.append(_path(node.iter) or "?")  # a flow or a text: one block, no items
            element = _element(over)
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


def text_loop_message(names: list[str]) -> str:
    """'{% for b in moties %}': that part is text already laid out in paragraphs, not a list."""
    shown = ", ".join(f"'{n}'" for n in dict.fromkeys(names))
    return (
        f"sjabloon loopt met {{% for %}} over {shown}; dat is al opgemaakte tekst, geen lijst: "
        "zet het met {{p naam}} in een eigen alinea"
    )


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


# --- for check ----------------------------------------------------------------------------------


def sample_contexts(soort: str = "beslisnota") -> dict[str, dict[str, Any]]:
    """Contexts of a small note with one of every list item, so the fields of a loop over a list
    that is empty in the user's note (no recommendations yet) can still be checked; per template
    of the genre (see notawriter/documents.py), the context of the first document that uses it."""
    from notawriter.documents import genres

    genre = genres()[soort]
    nota = genre.sample()
    return {d.template: d.context(nota, None, None) for d in reversed(genre.documents)}


def with_sample_lists(context: Any, sample: Any) -> Any:
    """`context` with each empty list replaced by the sample's list at the same place."""
    if isinstance(context, Mapping) and isinstance(sample, Mapping):
        return {k: with_sample_lists(v, sample.get(k)) for k, v in context.items()}
    if isinstance(context, list) and not context and isinstance(sample, list):
        return sample
    return context
