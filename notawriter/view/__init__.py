"""The view: model → template context. All document decisions live here, as plain data.

Templates stay dumb (fields, loops, `{{p flow}}` tags). This package decides grouping of
approvals, which text variant shows, motion citations, redaction for the public version and the
generated Leeswijzer. Its output is `Flow` objects (styled paragraphs of markup runs) and strings;
the Word layer (notawriter/word/) turns them into Word XML.

* `flows` — `Para`, `Flow`, paragraph roles and small pure helpers (citations, option titles);
* `redaction` — `Redactor`, personal data for the public version;
* `nota` — the nota's flows (besluit, opties, moties, secties, Leeswijzer);
* `kamerbrief` — the Kamerbrief's flows (sections, text suggestions);
* `aanbevelingen` — the recommendations' flows and the bijlage rows;
* `contexts` — the template contexts built from all of the above.
"""

from notawriter.view.aanbevelingen import aanbevelingen_summary, bijlage_rows
from notawriter.view.contexts import bijlage_context, check_choices, kamerbrief_context, map_context, nota_context
from notawriter.view.flows import (
    BODY,
    BULLET1,
    BULLET2,
    H1,
    H2,
    H3,
    LABEL,
    MARKER,
    PLACEHOLDER,
    Flow,
    Para,
    approval_intro,
    capitalize,
    kamerstuk,
    motion_citation,
    motion_name,
    motion_parties,
)
from notawriter.view.redaction import Redactor

__all__ = [
    "BODY",
    "BULLET1",
    "BULLET2",
    "H1",
    "H2",
    "H3",
    "LABEL",
    "MARKER",
    "PLACEHOLDER",
    "Flow",
    "Para",
    "Redactor",
    "aanbevelingen_summary",
    "approval_intro",
    "bijlage_context",
    "check_choices",
    "bijlage_rows",
    "capitalize",
    "kamerbrief_context",
    "kamerstuk",
    "map_context",
    "motion_citation",
    "motion_name",
    "motion_parties",
    "nota_context",
]
