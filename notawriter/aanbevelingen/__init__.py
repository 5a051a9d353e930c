"""Import a report's recommendations (aanbevelingen) into a note file.

Three layers, each usable on its own:

* `reports.read_report(path)` turns a .txt, .md, .docx (or, with pypdf, .pdf) report into plain
  text (its own module).
* `parse_recommendations(text)` is pure: it finds the recommendations section(s), reads the
  numbered items (1, 1a, 3b-2, "Aanbeveling 4:" …) with their group and full text, merges a
  summary and a final chapter that state the same recommendations twice, and lists where it
  was unsure.
* `import_command(...)` writes a new note (-o) or adds to an existing one (--into) and prints
  a short Dutch report.

Parsing works on "paragraphs": physical lines joined back into paragraphs (hard-wrapped text,
broken lines, hyphenation at line ends), each with an optional list marker.

* `paragraphs` — lines and paragraphs, list markers, section headings;
* `tree` — the tree of one recommendations section;
* `flatten` — from the tree to numbered recommendations;
* `merge` — summary and final chapter merged into one list;
* `parser` — `parse_recommendations` and its `ImportResult`;
* `command` — the `import-aanbevelingen` command.
"""

from notawriter.aanbevelingen.command import add_to_document, import_command, import_report, new_note, report_lines
from notawriter.aanbevelingen.merge import overlap, similarity
from notawriter.aanbevelingen.paragraphs import join_broken
from notawriter.aanbevelingen.parser import ImportResult, parse_recommendations

__all__ = [
    "ImportResult",
    "add_to_document",
    "import_command",
    "import_report",
    "join_broken",
    "new_note",
    "overlap",
    "parse_recommendations",
    "report_lines",
    "similarity",
]
