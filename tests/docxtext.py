"""Read generated .docx files the way a reviewer would: text per part, styles, footnotes."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def part_xml(path: Path | bytes, name: str) -> str:
    source = path if isinstance(path, Path) else __import__("io").BytesIO(path)
    with zipfile.ZipFile(source) as zf:
        return zf.read(name).decode("utf-8") if name in zf.namelist() else ""


def part_names(path: Path | bytes) -> list[str]:
    source = path if isinstance(path, Path) else __import__("io").BytesIO(path)
    with zipfile.ZipFile(source) as zf:
        return zf.namelist()


def paragraphs_of(xml: str) -> list[str]:
    """Text of each w:p in an XML part, in order."""
    from lxml import etree

    if not xml:
        return []
    root = etree.fromstring(xml.encode())
    return ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in root.iter(f"{W}p")]


def body_paragraphs(path: Path | bytes) -> list[str]:
    return paragraphs_of(part_xml(path, "word/document.xml"))


def all_text(path: Path | bytes) -> str:
    """Every paragraph of body, headers, footers and footnotes, one per line."""
    names = [n for n in part_names(path) if re.match(r"word/(document|header\d*|footer\d*|footnotes)\.xml$", n)]
    return "\n".join(p for n in names for p in paragraphs_of(part_xml(path, n)))


def styled_paragraphs(path: Path) -> list[tuple[str, str]]:
    """(style name, text) of each body paragraph, via python-docx."""
    from docx import Document

    return [(p.style.name if p.style is not None else "", p.text) for p in Document(str(path)).paragraphs]


def footnotes(path: Path | bytes) -> dict[int, str]:
    from lxml import etree

    xml = part_xml(path, "word/footnotes.xml")
    if not xml:
        return {}
    root = etree.fromstring(xml.encode())
    notes = {}
    for note in root.iter(f"{W}footnote"):
        number = int(note.get(f"{W}id"))
        if number > 0:
            notes[number] = "".join(t.text or "" for t in note.iter(f"{W}t")).strip()
    return notes


def footnote_references(path: Path | bytes) -> list[int]:
    return [int(m) for m in re.findall(r'<w:footnoteReference w:id="(\d+)"', part_xml(path, "word/document.xml"))]


def normalise(text: str) -> str:
    return " ".join(text.split())
