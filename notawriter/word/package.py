"""The saved package: neutral document properties, the generation hash's identifier in core.xml,
the parts as python-docx would save them, and a zip with fixed timestamps (deterministic output)."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from typing import Any

from notawriter.word.ooxml import XML_FORBIDDEN


def set_properties(document: Any, title: str, when: dt.datetime) -> None:
    """Fixed, neutral document properties: no author names, timestamps from the note."""
    props = document.core_properties
    title = XML_FORBIDDEN.sub("", title)
    props.title = title if len(title) <= 255 else title[:254] + "…"  # Word's limit for a property
    props.author = ""
    props.last_modified_by = ""
    props.comments = ""
    props.subject = ""
    props.keywords = ""
    props.category = ""
    props.language = "nl-NL"  # as the templates' default text language (a PDF's /Lang comes from that)
    props.created = when
    props.modified = when
    props.revision = 1


def with_identifier(core_xml: bytes, identifier: str) -> bytes:
    from lxml import etree

    root = etree.fromstring(core_xml)
    dc = "http://purl.org/dc/elements/1.1/"
    node = root.find(f"{{{dc}}}identifier")
    if node is None:
        node = etree.SubElement(root, f"{{{dc}}}identifier")
    node.text = identifier
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def read_identifier(core_xml: bytes) -> str | None:
    match = re.search(rb"<dc:identifier>([^<]*)</dc:identifier>", core_xml)
    return match.group(1).decode() if match else None



def saved_members(document: Any) -> list[tuple[str, bytes]]:
    """What `document.save` would put in the zip, as (name, bytes) in the same order — without
    compressing it into a zip and reading it back (that round trip was a fifth of a render)."""
    try:
        from docx.opc.pkgwriter import PackageWriter

        write_content_types = PackageWriter._write_content_types_stream
        write_pkg_rels = PackageWriter._write_pkg_rels
        write_parts = PackageWriter._write_parts
    except (ImportError, AttributeError):  # another python-docx: take the documented way
        raw = io.BytesIO()
        document.save(raw)
        with zipfile.ZipFile(raw) as src:
            return [(info.filename, src.read(info.filename)) for info in src.infolist()]

    class Collector:  # stands in for python-docx's zip writer (PhysPkgWriter)
        def __init__(self) -> None:
            self.members: list[tuple[str, bytes]] = []

        def write(self, pack_uri: Any, blob: bytes | str) -> None:
            self.members.append((pack_uri.membername, blob.encode("utf-8") if isinstance(blob, str) else bytes(blob)))

    package = document.part.package
    parts = package.parts
    for part in parts:  # as OpcPackage.save does
        part.before_marshal()
    collector: Any = Collector()
    write_content_types(collector, parts)
    write_pkg_rels(collector, package.rels)
    write_parts(collector, parts)
    return collector.members


def zipped(members: list[tuple[str, bytes]]) -> bytes:
    """The members as a .docx: in this order, deflated, every timestamp 1980-01-01."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, blob in members:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(info, blob)
    return out.getvalue()
