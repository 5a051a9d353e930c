"""Table cells docxtpl leaves without a paragraph."""

from __future__ import annotations

from typing import Any

_FILLED_PARTS = ("/word/document", "/word/header", "/word/footer")


def close_empty_cells(document: Any) -> None:
    """End every table cell in a paragraph, as the schema (and Word) require.

    A cell whose paragraphs were all conditional (`{%p if %}` … `{%p endif %}` with nothing set,
    e.g. a letterhead column without a configured sender) is left empty by docxtpl; Word then
    repairs or refuses the file. The cell gets one empty paragraph, which shows nothing.
    """
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement

    tc_tag, p_tag = qn("w:tc"), qn("w:p")
    for part in document.part.package.iter_parts():
        element = getattr(part, "_element", None)
        if element is None or not str(part.partname).startswith(_FILLED_PARTS):
            continue
        for cell in element.iter(tc_tag):
            if len(cell) == 0 or cell[-1].tag != p_tag:
                cell.append(OxmlElement("w:p"))
