"""Reading a user's Word template: the text of each part docxtpl renders, and its styles.

Each part (body, headers, footers, footnotes, core properties) is kept twice: the paragraphs as the
user typed them, for locating a broken tag, and the Jinja source as docxtpl renders it.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from notawriter.errors import NotaError, TemplateError


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

    from notawriter.word.styles import style_ids

    try:
        tpl = DocxTemplate(io.BytesIO(data))
        tpl.init_docx()
        parts = list(_parts(tpl))
        names = style_ids(tpl.docx)
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
