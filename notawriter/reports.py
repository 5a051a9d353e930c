"""Read reports as plain text: .txt/.md as is, .docx with headings and list numbers, .pdf via pypdf.

Word headings become markdown headings and Word list numbering becomes its visible label (word/reader.py), so the
recommendation parser (the aanbevelingen package) sees one text format whatever the report was written in.
"""

from __future__ import annotations

from pathlib import Path

from notawriter.errors import NotaError, os_reason

TEXT_SUFFIXES = (".txt", ".md", ".markdown")
MAX_REPORT_BYTES = 50 * 1024 * 1024


def _pypdf_available() -> bool:
    import importlib.util

    return importlib.util.find_spec("pypdf") is not None


def supported_suffixes() -> tuple[str, ...]:
    return (".txt", ".md", ".docx", *((".pdf",) if _pypdf_available() else ()))


def _formats_hint() -> str:
    return "ondersteund zijn " + ", ".join(supported_suffixes())


def read_report(path: Path) -> str:
    """The text of a report: .txt/.md as is, .docx with headings and list numbers, .pdf via pypdf."""
    path = Path(path)
    suffix = path.suffix.lower()
    if not path.exists():
        raise NotaError(f"{path}: rapport bestaat niet; controleer de naam en de map")
    if path.is_dir():
        raise NotaError(f"{path}: is een map; geef het rapportbestand op ({_formats_hint()})")
    if suffix == ".doc":
        raise NotaError(f"{path}: oud Word-formaat (.doc); sla het rapport in Word op als .docx en probeer opnieuw")
    if suffix == ".pdf" and not _pypdf_available():
        raise NotaError(
            f"{path}: pdf inlezen kan alleen met het pakket pypdf (pip install pypdf); "
            "ondersteund zijn nu .txt, .md en .docx, of sla de pdf op als tekst"
        )
    if suffix not in (*TEXT_SUFFIXES, ".docx", ".pdf"):
        raise NotaError(
            f"{path}: bestandstype '{suffix or 'zonder extensie'}' wordt niet ondersteund; {_formats_hint()}"
        )
    from notawriter.fsutil import InputRefused, read_limited

    try:
        if path.stat().st_size > MAX_REPORT_BYTES:
            raise NotaError(f"{path}: te groot om in te lezen (meer dan {MAX_REPORT_BYTES // 1024 // 1024} MB)")
        try:  # a regular file only (a FIFO or device would be read forever), within the size limit
            raw = read_limited(path, MAX_REPORT_BYTES, "rapport")
        except InputRefused as exc:
            raise NotaError(f"{path}: {exc.reason}") from None
        if suffix == ".docx":
            from notawriter.word.reader import read_docx

            return read_docx(path)
        if suffix == ".pdf":
            return read_pdf(path)
        return decode_text(raw, path)
    except PermissionError:
        raise NotaError(f"{path}: geen leesrechten; controleer de bestandsrechten") from None
    except OSError as exc:
        raise NotaError(f"{path}: kan niet lezen ({os_reason(exc)})") from None


def decode_text(raw: bytes, path: Path) -> str:
    if b"\x00" in raw[:4096]:
        raise NotaError(f"{path}: is geen tekstbestand (binaire inhoud); {_formats_hint()}")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")  # older Windows exports


def read_pdf(path: Path) -> str:
    """A PDF's text with paragraphs whole: headers, footers, page numbers and line-end hyphens
    handled (see pdftext)."""
    from pypdf.errors import PyPdfError

    from notawriter.pdftext import read_pdf_text

    try:
        text = read_pdf_text(path)
    except PermissionError:
        raise NotaError(f"{path}: de pdf is beveiligd met een wachtwoord; sla een onbeveiligde versie op") from None
    except (PyPdfError, ValueError, KeyError, OSError):
        raise NotaError(f"{path}: geen leesbare pdf; sla het rapport op als .docx of .txt") from None
    if not text.strip():
        raise NotaError(f"{path}: de pdf bevat geen tekst (gescand?); sla het rapport op als .docx of .txt")
    return text
