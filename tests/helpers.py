"""Reusable test helpers: the text of a .docx (all parts), its zip members, LibreOffice discovery.

Everything takes a path or the document's bytes, so in-memory renders (`render_nota`) and files on
disk are read the same way.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
#: The parts whose text a reader sees: body, headers, footers, footnotes, endnotes, comments.
TEXT_PARTS = re.compile(r"^word/(document|header\d*|footer\d*|footnotes|endnotes|comments)\.xml$")

Source = Path | bytes


def _open(source: Source) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source)


def zip_members(source: Source) -> dict[str, bytes]:
    """Every member of the package, name → raw bytes (in package order)."""
    with _open(source) as zf:
        return {info.filename: zf.read(info.filename) for info in zf.infolist()}


def paragraphs_of(xml: bytes) -> list[str]:
    """The text of each w:p in one XML part; tabs and line breaks as '\\t' and '\\n'."""
    from lxml import etree

    root = etree.fromstring(xml)
    out = []
    for para in root.iter(f"{W}p"):
        pieces = []
        for node in para.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}cr"):
            if node.tag == f"{W}t":
                pieces.append(node.text or "")
            elif node.tag == f"{W}tab":
                # w:tab is also a tab *stop* inside w:pPr/w:tabs; only a run's tab is text
                pieces.append("\t" if node.getparent().tag == f"{W}r" else "")
            else:
                pieces.append("\n")
        out.append("".join(pieces))
    return out


def docx_paragraphs(source: Source) -> dict[str, list[str]]:
    """Paragraph texts per text part (document, headers, footers, footnotes, comments)."""
    return {name: paragraphs_of(blob) for name, blob in zip_members(source).items() if TEXT_PARTS.match(name)}


def docx_text(source: Source) -> str:
    """All text a reader can see, one paragraph per line, body first, then the other parts."""
    parts = docx_paragraphs(source)
    order = sorted(parts, key=lambda n: (n != "word/document.xml", n))
    return "\n".join(p for name in order for p in parts[name])


def part_xml(source: Source, name: str) -> str:
    """One part's XML as text ('' when the package has no such part)."""
    return zip_members(source).get(name, b"").decode("utf-8")


def part_names(source: Source) -> list[str]:
    return list(zip_members(source))


def body_paragraphs(source: Source) -> list[str]:
    return paragraphs_of(zip_members(source)["word/document.xml"])


def styled_paragraphs(path: Path) -> list[tuple[str, str]]:
    """(style name, text) of each body paragraph, via python-docx."""
    from docx import Document

    return [(p.style.name if p.style is not None else "", p.text) for p in Document(str(path)).paragraphs]


def footnotes(source: Source) -> dict[int, str]:
    """Footnote number → text, without Word's separator notes."""
    from lxml import etree

    xml = zip_members(source).get("word/footnotes.xml")
    if not xml:
        return {}
    notes = {}
    for note in etree.fromstring(xml).iter(f"{W}footnote"):
        number = int(note.get(f"{W}id"))
        if number > 0:
            notes[number] = "".join(t.text or "" for t in note.iter(f"{W}t")).strip()
    return notes


def footnote_references(source: Source) -> list[int]:
    return [int(m) for m in re.findall(r'<w:footnoteReference w:id="(\d+)"', part_xml(source, "word/document.xml"))]


def normalise(text: str) -> str:
    return " ".join(text.split())


def find_in_package(source: Source, needle: str) -> list[str]:
    """Where `needle` occurs in a package: member names, raw XML (also XML-escaped) or XML text."""
    from html import escape

    hits = []
    for name, blob in zip_members(source).items():
        raw = blob.decode("utf-8", errors="replace")
        text = re.sub(r"<[^>]+>", "", raw)
        if needle in name:
            hits.append(f"{name} (naam)")
        elif needle in raw or escape(needle, quote=False) in raw or escape(needle) in raw or needle in text:
            hits.append(name)
    return hits


def is_valid_docx(data: bytes) -> bool:
    """A complete .docx: the zip opens and passes its CRC check, and python-docx can read it."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            if zf.testzip() is not None or "word/document.xml" not in zf.namelist():
                return False
        from docx import Document

        Document(io.BytesIO(data))
    except Exception:  # noqa: BLE001 - any failure means "not a usable document"
        return False
    return True


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def snapshot(folder: Path) -> dict[str, str]:
    """sha256 of every file under `folder` (relative path → digest); folders as '<dir>'."""
    out: dict[str, str] = {}
    for path in sorted(folder.rglob("*")):
        rel = str(path.relative_to(folder))
        out[rel] = "<dir>" if path.is_dir() else sha256(path.read_bytes())
    return out


# --- LibreOffice ----------------------------------------------------------------------------------


def find_soffice() -> str | None:
    """The LibreOffice binary: $SOFFICE, then soffice/libreoffice on PATH, then the usual places."""
    candidates = [os.environ.get("SOFFICE", ""), "soffice", "libreoffice"]
    candidates += [
        "/usr/bin/soffice",
        "/usr/lib/libreoffice/program/soffice",
        "/opt/libreoffice/program/soffice",
        "/Applications/LibreOffice.app/Contents/MacOS/soffice",
        r"C:\Program Files\LibreOffice\program\soffice.exe",
    ]
    for candidate in candidates:
        if not candidate:
            continue
        found = shutil.which(candidate) or (candidate if os.path.isfile(candidate) else None)
        if found:
            return found
    return None


def convert_to_pdf(files: Iterable[Path], outdir: Path, timeout: float = 900) -> tuple[dict[Path, Path | None], str]:
    """Convert documents to PDF with one LibreOffice run (start-up is slow, so batch).

    Returns each input → its PDF (None when LibreOffice produced none or an empty one) and the
    tool's output. Inputs must have distinct stems. A private profile keeps the run independent
    of a LibreOffice the user has open.
    """
    soffice = find_soffice()
    if soffice is None:
        raise FileNotFoundError("soffice")
    files = list(files)
    outdir.mkdir(parents=True, exist_ok=True)
    log = ""
    if files:
        with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
            proc = subprocess.run(
                [
                    soffice,
                    f"-env:UserInstallation={Path(profile).as_uri()}",
                    "--headless",
                    "--norestore",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    str(outdir),
                    *map(str, files),
                ],
                stdin=subprocess.DEVNULL,
                capture_output=True,
                text=True,
                timeout=timeout,
            )
            log = proc.stdout + proc.stderr
    result: dict[Path, Path | None] = {}
    for path in files:
        pdf = outdir / (path.stem + ".pdf")
        result[path] = pdf if pdf.exists() and pdf.stat().st_size > 0 else None
    return result, log


def pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)


class RecordedServer:
    """A loopback HTTP server that answers GET requests from recorded responses (no network).

    `respond(path)` gives (status, body, content type) for each request; the paths asked are kept
    in `paths`. `url` is the OData base URL to point notawriter at (tkdata.BASE_URL_ENV).
    """

    def __init__(self, respond: Callable[[str], tuple[int, bytes, str]]) -> None:
        import http.server
        import threading

        self.paths: list[str] = []
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                outer.paths.append(self.path)
                status, body, kind = respond(self.path)
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/OData/v4/2.0"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(5)
