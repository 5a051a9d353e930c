"""One template filled: the view context in Word form (paragraphs, images), docxtpl's render, then
what docxtpl does not do (empty cells closed, footnotes numbered). The caller then sets the
properties (package.set_properties) and packages it (package.saved_members, package.zipped)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from notawriter.view import map_context
from notawriter.word.cells import close_empty_cells
from notawriter.word.footnotes import add_footnotes
from notawriter.word.images import place_images
from notawriter.word.paragraphs import ParagraphBuilder
from notawriter.word.template import _template_class, fill, template_bytes


def fill_document(template: Path, context: dict[str, Any], motions: dict[str, Any], redactor: Any) -> tuple[Any, list[str]]:
    """Fill one template with a view context: the python-docx document and the warnings met on the
    way. `motions` (key → Motie) are cited in footnotes; `redactor` (view.Redactor) redacts the
    footnote texts built here."""
    tpl = _template_class()(io.BytesIO(template_bytes(template)))
    tpl.init_docx()
    builder = ParagraphBuilder(tpl.docx, template.name, motions=motions, redactor=redactor)
    word_context = place_images(_to_word(context, builder), tpl)  # the letterhead's logo
    fill(tpl, word_context, template)
    close_empty_cells(tpl.docx)
    add_footnotes(tpl.docx, builder.footnotes, builder)
    return tpl.docx, builder.warnings


def _to_word(value: Any, builder: ParagraphBuilder) -> Any:
    """Flows become docxtpl paragraph objects; strings are cleaned of characters XML forbids."""
    return map_context(value, builder.flow, builder.clean)
