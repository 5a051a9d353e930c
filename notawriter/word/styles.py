"""Opening a template as a python-docx document with its styles part parsed lazily, and reading
its style ids (which Word style a paragraph role gets: paragraphs.ROLE_STYLES)."""

from __future__ import annotations

import io
from functools import lru_cache
from typing import Any

_STYLE_TYPES = {None, "paragraph", "character", "table", "numbering"}


def style_ids(document: Any) -> dict[str, str]:
    """{lower-case UI style name: style id}, as `{s.name.lower(): s.style_id for s in
    document.styles if s.name}` gives, read straight from the styles XML (ten times faster:
    the templates carry a few hundred styles, and every render asked for them); from the
    styles part's bytes when nothing parsed them yet (see `open_document`)."""
    part = document.part._styles_part  # what document.styles uses (and creates if missing)
    unparsed = getattr(part, "unparsed", None)
    if unparsed is not None:
        ids = _styles_xml(unparsed)[0]
        if ids is not None:
            return dict(ids)
    ids = _style_ids_of(part.element)
    return ids if ids is not None else {s.name.lower(): s.style_id for s in document.styles if s.name}


def _style_ids_of(styles: Any) -> dict[str, str] | None:
    """The ids of a styles element; None for a malformed style (python-docx's way then raises)."""
    from docx.oxml.ns import qn
    from docx.styles import BabelFish

    w_name, w_val, w_id, w_type = qn("w:name"), qn("w:val"), qn("w:styleId"), qn("w:type")
    ids: dict[str, str] = {}
    for style in styles.findall(qn("w:style")):
        name = style.find(w_name)
        if style.get(w_type) not in _STYLE_TYPES or (name is not None and name.get(w_val) is None):
            return None
        if name is None:
            continue
        ui_name = BabelFish.internal2ui(name.get(w_val))
        if ui_name:
            ids[ui_name.lower()] = style.get(w_id)
    return ids


@lru_cache(maxsize=8)
def _styles_xml(blob: bytes) -> tuple[dict[str, str] | None, bytes]:
    """A styles part's style ids and its bytes as python-docx writes them, from one parse."""
    from docx.opc.oxml import serialize_part_xml
    from docx.oxml.parser import parse_xml

    element = parse_xml(blob)
    return _style_ids_of(element), serialize_part_xml(element)


def open_document(data: bytes) -> Any:
    """`docx.Document(io.BytesIO(data))`, with one difference: the styles part (0.35 MB of XML
    in the shipped templates, only read while rendering) is parsed when something asks for its
    XML, not on opening. Its style ids and its saved bytes are the same, taken from one parse
    per process; a render no longer parses and writes it out again (a third of a warm render)."""
    import docx

    try:
        from docx.opc.constants import CONTENT_TYPE as CT
        from docx.opc.package import Unmarshaller
        from docx.opc.part import PartFactory
        from docx.opc.pkgreader import PackageReader
        from docx.package import Package
        from docx.parts.styles import StylesPart
    except ImportError:  # another python-docx: open it the documented way
        return docx.Document(io.BytesIO(data))
    lazy_part = _lazy_styles_part_class()

    def make_part(partname: Any, content_type: str, reltype: str, blob: bytes, package: Any) -> Any:
        if content_type == CT.WML_STYLES:  # the class PartFactory would pick, and then only StylesPart
            selector = PartFactory.part_class_selector
            chosen = selector(content_type, reltype) if selector is not None else None
            if (chosen or PartFactory._part_cls_for(content_type)) is StylesPart:
                return lazy_part(partname, content_type, blob, package)
        return PartFactory(partname, content_type, reltype, blob, package)

    package = Package()
    Unmarshaller.unmarshal(PackageReader.from_file(io.BytesIO(data)), package, make_part)
    document_part = package.main_document_part
    if document_part.content_type != CT.WML_DOCUMENT_MAIN:
        return docx.Document(io.BytesIO(data))  # raises python-docx's own error
    return document_part.document


@lru_cache(maxsize=1)
def _lazy_styles_part_class() -> Any:
    from docx.opc.oxml import serialize_part_xml
    from docx.opc.part import Part
    from docx.oxml.parser import parse_xml
    from docx.parts.styles import StylesPart

    class LazyStylesPart(StylesPart):  # type: ignore[misc]
        """A StylesPart that keeps its bytes until something asks for its XML."""

        def __init__(self, partname: Any, content_type: str, blob: bytes, package: Any) -> None:
            Part.__init__(self, partname, content_type, package=package)
            self._raw = blob
            self._parsed: Any = None

        @property
        def unparsed(self) -> bytes | None:
            return self._raw if self._parsed is None else None

        @property  # XmlPart keeps its root element in _element
        def _element(self) -> Any:
            if self._parsed is None:
                self._parsed = parse_xml(self._raw)
            return self._parsed

        @_element.setter
        def _element(self, element: Any) -> None:
            self._parsed = element

        @property
        def blob(self) -> bytes:
            return _styles_xml(self._raw)[1] if self._parsed is None else serialize_part_xml(self._parsed)

    return LazyStylesPart
