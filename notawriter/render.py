"""Render: note → view context → Word templates (docxtpl) → .docx files, safely.

Word-specific work lives in small functions here and in `docxparts.py`: styled paragraphs from
view flows, real footnotes for motion citations, deterministic packaging with a generation hash,
and the overwrite rules (never clobber a document someone edited in Word).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from notawriter import docxparts
from notawriter.errors import NotaError, OutputError, TemplateError
from notawriter.fsutil import atomic_write_bytes
from notawriter.model import Nota
from notawriter.view import Flow, Redactor, bijlage_context, kamerbrief_context, nota_context

TEMPLATE_NAMES = ("nota", "kamerbrief", "bijlage")
HASH_PREFIX = "notawriter:sha256:"
# Parts that change when Word merely opens and saves, or that carry the hash itself.
_UNHASHED = {"docProps/core.xml"}


# --- templates ----------------------------------------------------------------------------------


def template_path(name: str, templates_dir: Path | None = None) -> Path:
    """The template file for `name`: from the user's folder if given, else the shipped one."""
    if templates_dir is not None:
        if not templates_dir.is_dir():
            raise TemplateError(f"{templates_dir}: sjabloonmap bestaat niet; geef een map met {name}.docx")
        path = templates_dir / f"{name}.docx"
        if path.exists():
            return path
        if name == "bijlage":  # optional: fall back to the shipped one
            return template_path(name)
        raise TemplateError(f"{templates_dir}: {name}.docx ontbreekt; verwacht: nota.docx en kamerbrief.docx")
    from notawriter.resources import shipped_dir

    return shipped_dir("templates") / f"{name}.docx"


@lru_cache(maxsize=16)
def _template_bytes(path: Path, mtime_ns: int, size: int) -> bytes:
    data = path.read_bytes()
    docxparts.check_docx(data, path)
    return data


def template_bytes(path: Path) -> bytes:
    """A template's bytes, read and checked once per process (re-read when the file changes)."""
    try:
        stat = path.stat()
    except OSError:
        raise TemplateError(f"{path}: sjabloon niet gevonden") from None
    if path.is_dir():
        raise TemplateError(f"{path}: is een map, geen Word-sjabloon (.docx)")
    return _template_bytes(path, stat.st_mtime_ns, stat.st_size)


# --- rendering one document ---------------------------------------------------------------------


@dataclass
class Rendered:
    name: str  # "nota", "kamerbrief", "bijlage"
    data: bytes
    warnings: list[str] = field(default_factory=list)


def render_document(template: Path, context: dict[str, Any], nota: Nota, redactor: Redactor) -> Rendered:
    """Fill one template with a view context; returns the finished, deterministic .docx bytes."""
    from docxtpl import DocxTemplate

    tpl = DocxTemplate(io.BytesIO(template_bytes(template)))
    tpl.init_docx()
    builder = docxparts.ParagraphBuilder(
        tpl.docx, template.name, motions={m.key: m for m in nota.moties}, redactor=redactor
    )
    word_context = _to_word(context, builder)
    _fill(tpl, word_context, template)
    docxparts.add_footnotes(tpl.docx, builder.footnotes, builder)
    docxparts.set_properties(tpl.docx, title=nota.kop.onderwerp, when=_fixed_time(nota))
    data = _package(tpl.docx, strip_private=redactor.openbaar)
    if redactor.openbaar and redactor.values:
        docxparts.assert_no_leak(data, redactor.values, template.name)
    return Rendered(template.stem, data, builder.warnings)


def _fill(tpl: Any, context: dict[str, Any], template: Path) -> None:
    """docxtpl render in Jinja's sandbox with autoescape; template mistakes become TemplateError."""
    import jinja2
    from jinja2.sandbox import SandboxedEnvironment

    env = SandboxedEnvironment(autoescape=True, undefined=jinja2.StrictUndefined)
    try:
        tpl.render(context, jinja_env=env)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"{template}: Jinja-fout in het sjabloon: {exc.message}; controleer de {{{{ }}}}- en {{% %}}-codes") from None
    except jinja2.UndefinedError as exc:
        names = ", ".join(sorted(context))
        raise TemplateError(f"{template}: sjabloon gebruikt een onbekende variabele ({exc.message}); beschikbaar: {names}") from None
    except jinja2.TemplateError as exc:
        raise TemplateError(f"{template}: sjabloon kon niet worden gevuld: {exc}") from None
    except (KeyError, ValueError, IndexError) as exc:
        raise TemplateError(f"{template}: sjabloon kon niet worden gevuld ({type(exc).__name__}: {exc})") from None


def _to_word(value: Any, builder: docxparts.ParagraphBuilder) -> Any:
    """Flows become docxtpl paragraph objects; strings are cleaned of characters XML forbids."""
    if isinstance(value, Flow):
        return builder.flow(value)
    if isinstance(value, Mapping):
        return {k: _to_word(v, builder) for k, v in value.items()}
    if isinstance(value, list):
        return [_to_word(v, builder) for v in value]
    if isinstance(value, str):
        return builder.clean(value)
    return value


def _fixed_time(nota: Nota) -> dt.datetime:
    """Document timestamps come from the note, not the clock, so output is reproducible."""
    day = nota.kop.datum or dt.date(2000, 1, 1)
    return dt.datetime(day.year, day.month, day.day, 9, 0, 0)


def _package(document: Any, strip_private: bool) -> bytes:
    """Save with fixed zip timestamps and record a hash of the generated content in core.xml."""
    raw = io.BytesIO()
    document.save(raw)
    members: list[tuple[str, bytes]] = []
    with zipfile.ZipFile(raw) as src:
        for info in src.infolist():
            if strip_private and docxparts.is_private_part(info.filename):
                continue
            members.append((info.filename, src.read(info.filename)))
    if strip_private:
        members = docxparts.drop_private_relationships(members)
    digest = content_hash(members)
    members = [(n, docxparts.with_identifier(b, HASH_PREFIX + digest) if n == "docProps/core.xml" else b) for n, b in members]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, blob in members:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(info, blob)
    return out.getvalue()


def content_hash(members: list[tuple[str, bytes]]) -> str:
    digest = hashlib.sha256()
    for name, blob in sorted(members):
        if name in _UNHASHED:
            continue
        digest.update(name.encode() + b"\0" + hashlib.sha256(blob).digest())
    return digest.hexdigest()


# --- the whole note -----------------------------------------------------------------------------


@dataclass
class RenderReport:
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    backups: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def paths(self) -> list[Path]:
        return self.written + self.unchanged

    def lines(self) -> list[str]:
        out = [f"waarschuwing: {w}" for w in self.warnings]
        out += [f"reservekopie: {p}" for p in self.backups]
        out += [f"geschreven:   {p}" for p in self.written]
        out += [f"ongewijzigd:  {p}" for p in self.unchanged]
        return out


def render_nota(
    nota: Nota,
    templates: Path | None = None,
    choose: Mapping[str, str] | None = None,
    openbaar: bool = False,
) -> list[Rendered]:
    """Render all documents of a note in memory (nota, kamerbrief, and bijlage when there are
    recommendations); with `openbaar`, the public versions (suffix -openbaar) as well."""
    variants = [False, True] if openbaar else [False]
    out: list[Rendered] = []
    for public in variants:
        builders: list[tuple[str, Callable[[Redactor], dict[str, Any]]]] = [
            ("nota", lambda red: nota_context(nota, choose, red)),
            ("kamerbrief", lambda red: kamerbrief_context(nota, choose, red)),
        ]
        if nota.aanbevelingen:
            builders.append(("bijlage", lambda red: bijlage_context(nota, red)))
        for name, make in builders:
            red = Redactor(public)  # one per document: each public file is checked for its own values
            context = make(red)
            if public and name != "nota" and not red.values:
                continue  # nothing redacted in this document: the internal version is already public
            rendered = render_document(template_path(name, templates), context, nota, red)
            rendered.name = f"{name}-openbaar" if public else name
            out.append(rendered)
    return out


def output_path(note_path: Path, out_dir: Path | None, name: str) -> Path:
    folder = out_dir if out_dir is not None else note_path.parent
    return folder / f"{note_path.stem}-{name}.docx"


def render_note(
    note_path: Path,
    out_dir: Path | None = None,
    templates: Path | None = None,
    choose: Mapping[str, str] | None = None,
    force: bool = False,
    openbaar: bool = False,
) -> RenderReport:
    """Load a note file, render its documents and write them — all or nothing."""
    from notawriter.notefile import load_note

    nota = load_note(note_path)
    if out_dir is not None and out_dir.exists() and not out_dir.is_dir():
        raise OutputError(f"{out_dir}: is een bestand, geen map; geef met -o een (nieuwe) map op")
    documents = render_nota(nota, templates, choose, openbaar)
    report = RenderReport()
    for doc in documents:
        report.warnings.extend(dict.fromkeys(doc.warnings))
    plans = [(output_path(note_path, out_dir, doc.name), doc.data) for doc in documents]
    # Check every target before writing any, so a refusal leaves all files as they were.
    decisions = [(path, data, overwrite_decision(path, data, force)) for path, data in plans]
    for path, data, decision in decisions:
        if decision == "unchanged":
            report.unchanged.append(path)
            continue
        if decision == "backup":
            report.backups.append(backup(path))
        atomic_write_bytes(path, data)
        report.written.append(path)
    return report


def overwrite_decision(path: Path, data: bytes, force: bool) -> str:
    """'new', 'unchanged', 'overwrite' (ours, untouched) or 'backup' (edited, --force); else refuse."""
    if path.is_dir():
        raise OutputError(f"{path}: is een map; verwijder of hernoem die, of kies met -o een andere map")
    if not path.exists():
        return "new"
    existing = path.read_bytes()
    if existing == data:
        return "unchanged"
    if generated_unchanged(existing):
        return "overwrite"
    if force:
        return "backup"
    raise OutputError(
        f"{path}: is na het genereren gewijzigd (bijv. in Word) en wordt niet overschreven; "
        "bewaar uw wijzigingen in de nota, of gebruik --force (maakt eerst een reservekopie)"
    )


def generated_unchanged(data: bytes) -> bool:
    """True if `data` is a document notawriter generated and nobody changed since."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            members = [(i.filename, zf.read(i.filename)) for i in zf.infolist()]
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    core = dict(members).get("docProps/core.xml", b"")
    recorded = docxparts.read_identifier(core)
    return recorded == HASH_PREFIX + content_hash(members)


def backup(path: Path) -> Path:
    """Copy `path` to '<name>.backup-YYYYmmdd-HHMMSS.docx' beside it (atomic)."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.backup-{stamp}{path.suffix}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.stem}.backup-{stamp}-{n}{path.suffix}")
    atomic_write_bytes(target, path.read_bytes())
    return target


def render_to_memory(note_path: Path, **kwargs: Any) -> list[Rendered]:
    """Render without writing (used by diff and tests)."""
    from notawriter.notefile import load_note

    return render_nota(load_note(note_path), **kwargs)


__all__ = [
    "NotaError",
    "RenderReport",
    "Rendered",
    "render_document",
    "render_nota",
    "render_note",
    "template_path",
]
