"""Jinja syntax in a template: a broken {{ }} or {% %} tag found and described in Dutch.

A broken tag is named by the paragraph it stands in, with what is probably wrong ("een {{ zonder }}
in de alinea '…'"), found in the text as the user typed it (docxtpl's XML clean-up can swallow the
broken tag, and Jinja then points at a later, innocent one); else Jinja's own message, translated.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from notawriter.errors import TemplateError
from notawriter.word.tplcheck.parts import Part, Template, read_template


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


def render_syntax_message(data: bytes, message: str, source: str | None, lineno: int | None) -> str:
    """For render: a TemplateSyntaxError as check describes it (located in the text as typed);
    else Jinja's message translated and placed at the line of the source it came from."""
    try:
        found = syntax_error(read_template(data))
    except TemplateError:
        found = None
    return found or syntax_message(Part("", (), source or ""), message, lineno)
