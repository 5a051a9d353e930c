"""word.cells.close_empty_cells: no table cell is left without a paragraph (Word repairs or refuses)."""

from __future__ import annotations

import re
from pathlib import Path

from notawriter.cli import main
from tests.helpers import zip_members

NOTE = """\
schema_version: 1
kop:
  type: TER BESLISSING
  onderwerp: Een nota zonder briefhoofd
  aan: M
  datum: 6-1-2025
ondertekenaars:
  - {afkorting: M, titel: Minister van Buitenlandse Zaken, naam: A. Bee}
aanleiding: Tekst.
beslispunten:
  - akkoord: [M]
    tekst: de Kamerbrief
kamerbrief:
  inleiding: Hierbij.
  ondertekening: [M]
"""

CELL = re.compile(rb"<w:tc>(.*?)</w:tc>|<w:tc\s[^>]*>(.*?)</w:tc>", re.S)


def test_a_letterhead_column_left_empty_still_ends_in_a_paragraph(tmp_path: Path) -> None:
    note = tmp_path / "kaal.yaml"
    note.write_text(NOTE, encoding="utf-8")
    assert main(["render", str(note)]) == 0
    members = zip_members(tmp_path / "kaal-kamerbrief.docx")
    cells = [
        body
        for name, xml in members.items()
        if re.match(r"word/(document|header\d*|footer\d*)\.xml$", name)
        for m in CELL.finditer(xml)
        for body in [m.group(1) or m.group(2)]
    ]
    assert cells, "the Kamerbrief's header column is a table"
    for body in cells:
        assert body.rstrip().endswith(b"</w:p>") or body.rstrip().endswith(b"<w:p/>"), body[-200:]
