"""What a user's Word template asks of notawriter, checked before rendering.

`check --templates` and `render` share these checks, so both say the same about a template:

* `parts` — the template read: each part's text as the user typed it and as docxtpl renders it;
* `syntax` — Jinja syntax: a broken tag is named by the paragraph it stands in, with what is
  probably wrong ("een {{ zonder }} in de alinea '…'"), found in the text as the user typed it
  (docxtpl's XML clean-up can swallow the broken tag, and Jinja then points at a later, innocent one);
* `fields` — every dotted path a template reads (`kop.onderwerp`, `o.naam` in a loop over
  `ondertekenaars`) is looked up in the real view context, following loops and `{% set %}`, so an
  unknown field is reported by its full path, all of them at once;
* `styles` — the Word styles notawriter gives its paragraphs (paragraphs.ROLE_STYLES and the
  footnote and redaction styles) that the template lacks, and what they fall back to.

Messages are Dutch, one line, and do not name the file: callers put the file in front.
"""

from notawriter.word.tplcheck.fields import (
    FieldCheck,
    check_fields,
    sample_contexts,
    text_loop_message,
    undefined_message,
    unknown_message,
    with_sample_lists,
)
from notawriter.word.tplcheck.parts import read_template
from notawriter.word.tplcheck.styles import missing_styles, styles_message
from notawriter.word.tplcheck.syntax import render_syntax_message, tag_problem

__all__ = [
    "FieldCheck",
    "check_fields",
    "missing_styles",
    "read_template",
    "render_syntax_message",
    "sample_contexts",
    "styles_message",
    "tag_problem",
    "text_loop_message",
    "undefined_message",
    "unknown_message",
    "with_sample_lists",
]
