"""Render: note → view context → Word templates (docxtpl) → .docx files, safely.

Word-specific work lives in small functions here and in `docxparts.py`: styled paragraphs from
view flows, real footnotes for motion citations, deterministic packaging with a generation hash,
and the overwrite rules (never clobber a document someone edited in Word).
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
import io
import zipfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from notawriter import documents as registry
from notawriter import docxparts, output, tplcache, woo
from notawriter.errors import NotaError, NoteFileError, OutputError, TemplateError
from notawriter.letterhead import place_images
from notawriter.markup import mark_problems, plain_text, redacted_spans, without_redactions
from notawriter.model import Nota, iter_texts
from notawriter.view import Redactor, map_context
from notawriter.view.redaction import project_lakstijl


def __getattr__(name: str) -> Any:
    if name == "TEMPLATE_NAMES":  # every template of every genre, as the registry (documents.py) names them
        return registry.template_names()
    raise AttributeError(name)

HASH_PREFIX = output.HASH_PREFIX


_P = ParamSpec("_P")
_R = TypeVar("_R")


def gc_paused(func: Callable[_P, _R]) -> Callable[_P, _R]:
    """Run `func` with Python's cyclic garbage collector paused (enabled again after, also on
    errors). Loading and rendering a large note build hundreds of thousands of small objects
    that all stay alive until the end; the collector kept scanning them again and again (a
    quarter of a 1000-point render), while they leave next to no cyclic garbage (measured:
    the same peak memory)."""

    @functools.wraps(func)
    def paused(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        if not gc.isenabled():
            return func(*args, **kwargs)
        gc.disable()
        try:
            return func(*args, **kwargs)
        finally:
            gc.enable()

    return paused


# --- templates ----------------------------------------------------------------------------------


def template_path(name: str, templates_dir: Path | None = None) -> Path:
    """The template file for `name`: from the user's folder if given, else the shipped one."""
    if templates_dir is not None:
        if not templates_dir.is_dir():
            raise TemplateError(f"{templates_dir}: sjabloonmap bestaat niet; geef een map met {name}.docx")
        path = templates_dir / f"{name}.docx"
        if path.exists():
            return path
        if name not in registry.required_templates():  # optional: fall back to the shipped one
            return template_path(name)
        expected = " en ".join(f"{n}.docx" for n in registry.required_templates())
        raise TemplateError(f"{templates_dir}: {name}.docx ontbreekt; verwacht: {expected}")
    from notawriter.resources import shipped_dir

    return shipped_dir("templates") / f"{name}.docx"


#: A Word template larger than this is refused (a template linked to /dev/zero, a film …).
MAX_TEMPLATE_BYTES = 50 * 1024 * 1024


@lru_cache(maxsize=16)
def _template_bytes(path: Path, mtime_ns: int, size: int) -> bytes:
    from notawriter.fsutil import InputRefused, read_limited

    try:
        data = read_limited(path, MAX_TEMPLATE_BYTES, "Word-sjabloon (.docx)")
    except InputRefused as exc:
        raise TemplateError(f"{path}: {exc.reason}") from None
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
    name: str  # the document's name in the registry ("nota", "kamerbrief", …), "-openbaar" for a public one
    data: bytes
    warnings: list[str] = field(default_factory=list)


def render_document(template: Path, context: dict[str, Any], nota: Nota, redactor: Redactor) -> Rendered:
    """Fill one template with a view context; returns the finished, deterministic .docx bytes."""
    tpl = _template_class()(io.BytesIO(template_bytes(template)))
    tpl.init_docx()
    builder = docxparts.ParagraphBuilder(
        tpl.docx, template.name, motions={m.key: m for m in nota.moties}, redactor=redactor
    )
    word_context = place_images(_to_word(context, builder), tpl)  # the letterhead's logo
    _fill(tpl, word_context, template)
    docxparts.close_empty_cells(tpl.docx)
    docxparts.add_footnotes(tpl.docx, builder.footnotes, builder)
    docxparts.set_properties(tpl.docx, title=redactor.plain(nota.kop.onderwerp), when=_fixed_time(nota))
    data = _package(tpl.docx, strip_private=redactor.openbaar, lakstijl=redactor.lakstijl)
    return Rendered(template.stem, data, builder.warnings)


def _fill(tpl: Any, context: dict[str, Any], template: Path) -> None:
    """docxtpl render in Jinja's sandbox with autoescape; template mistakes become TemplateError."""
    import jinja2

    env = _jinja_env()
    try:
        tpl.render(context, jinja_env=env)
    except jinja2.exceptions.SecurityError as exc:
        raise TemplateError(
            f"{template}: sjabloon doet iets wat niet mag ({exc}); gebruik alleen velden, lussen en voorwaarden"
        ) from None
    except jinja2.TemplateSyntaxError as exc:
        # Described as `check` does: the broken tag located in the text as typed (docxtpl's XML
        # clean-up can swallow it, and Jinja then blames a later tag), in Dutch.
        from notawriter.tplcheck import render_syntax_message

        where = render_syntax_message(template_bytes(template), exc.message or "", exc.source, exc.lineno)
        raise TemplateError(f"{template}: {where}") from None
    except jinja2.UndefinedError as exc:
        # Jinja says "'dict object' has no attribute 'x'"; the template's own paths name the field.
        from notawriter.tplcheck import undefined_message

        raise TemplateError(f"{template}: {undefined_message(template_bytes(template), context, exc.message or '')}") from None
    except jinja2.TemplateError as exc:
        raise TemplateError(f"{template}: sjabloon kon niet worden gevuld: {exc}") from None
    except TypeError as exc:
        from notawriter.tplcheck import check_fields, read_template, text_loop_message

        loops = check_fields(read_template(template_bytes(template)), context).text_loops
        if loops:
            raise TemplateError(f"{template}: {text_loop_message(loops)}") from None
        raise TemplateError(f"{template}: sjabloon kon niet worden gevuld ({type(exc).__name__}: {exc})") from None
    except (KeyError, ValueError, IndexError, ArithmeticError) as exc:
        raise TemplateError(f"{template}: sjabloon kon niet worden gevuld ({type(exc).__name__}: {exc})") from None


@lru_cache(maxsize=1)
def _jinja_env() -> Any:
    """The sandboxed, autoescaping Jinja environment, made once per process; it compiles each
    template source once (docxtpl asks for the same body, header and property sources on every
    render, and compiling them was a third of a warm render) and keeps the compiled code in
    the template cache (tplcache), so a new process skips compiling too."""
    import jinja2
    from jinja2.sandbox import SandboxedEnvironment

    compiled: dict[str, Any] = {}
    disk = tplcache.bytecode_cache()

    class CompileOnceEnvironment(SandboxedEnvironment):
        def from_string(self, source: Any, globals: Any = None, template_class: Any = None) -> Any:
            if globals is not None or template_class is not None or not isinstance(source, str):
                return super().from_string(source, globals, template_class)
            hit = compiled.get(source)
            if hit is None:  # syntax errors raise here and are not remembered
                if len(compiled) >= 128:
                    compiled.clear()
                code = tplcache.compiled_code(self, disk, source)
                hit = compiled[source] = self.template_class.from_code(self, code, self.make_globals(None))
            return hit

    return CompileOnceEnvironment(autoescape=True, undefined=jinja2.StrictUndefined, finalize=_literal_braces)


@lru_cache(maxsize=1)
def _template_class() -> Any:
    """docxtpl's DocxTemplate, remembering its XML clean-up (patch_xml, a pure function of a
    part's XML) per source: it is the same for every render of the same template. Also opens
    the template with a lazily parsed styles part and skips work that would change nothing."""
    from docxtpl import DocxTemplate

    patched: dict[str, str] = {}

    class PatchOnceTemplate(DocxTemplate):  # type: ignore[misc]
        def init_docx(self, reload: bool = True) -> None:
            # As DocxTemplate.init_docx, opening with the styles part read lazily.
            if not isinstance(self.template_file, io.BytesIO):
                return super().init_docx(reload)
            this: Any = self
            if not this.docx or (this.is_rendered and reload):
                this.docx = docxparts.open_document(self.template_file.getvalue())
                this.is_rendered = False

        def patch_xml(self, src_xml: str) -> str:
            hit = patched.get(src_xml)
            if hit is None:
                if len(patched) >= 64:
                    patched.clear()
                hit = patched[src_xml] = tplcache.patched_xml(src_xml, super().patch_xml)
            return hit

        def resolve_listing(self, xml: str) -> str:
            # docxtpl turns tabs, \a, newlines and form feeds inside text into Word elements, with
            # several regex callbacks per paragraph and run (half a large render); without any of
            # those characters it returns the XML unchanged, so skip it then.
            if "\n" in xml or "\t" in xml or "\a" in xml or "\f" in xml:
                return str(super().resolve_listing(xml))
            return xml

        def map_tree(self, tree: Any) -> None:
            # lxml moves a tree into another document in time that grows with the square of its
            # xml:space attributes (one per text run: a second for a 1000-point note). Moving the
            # body empty, then its children one by one, gives the same tree in linear time.
            children = list(tree)
            for child in children:
                tree.remove(child)
            super().map_tree(tree)
            tree.extend(children)

    return PatchOnceTemplate


def _literal_braces(value: Any) -> Any:
    """Plain text as escaped XML with braces as character references: docxtpl turns '{_{' back
    into '{{' after rendering, which would change text such as '{_{' in a note."""
    if isinstance(value, str) and not hasattr(value, "__html__"):
        from markupsafe import Markup, escape

        return Markup(str(escape(value)).replace("{", "&#123;").replace("}", "&#125;"))
    return value


def _to_word(value: Any, builder: docxparts.ParagraphBuilder) -> Any:
    """Flows become docxtpl paragraph objects; strings are cleaned of characters XML forbids."""
    return map_context(value, builder.flow, builder.clean)


def _fixed_time(nota: Nota) -> dt.datetime:
    """Document timestamps come from the note, not the clock, so output is reproducible."""
    day = nota.kop.datum or dt.date(2000, 1, 1)
    return dt.datetime(day.year, day.month, day.day, 9, 0, 0)


def _package(document: Any, strip_private: bool, lakstijl: str = woo.DEFAULT_LAKSTIJL) -> bytes:
    """Save with fixed zip timestamps and record a hash of the generated content in core.xml.
    Properties are neutral; a public version is built from the allow-list of parts (woo.py)."""
    members = woo.tidy_members(_saved_members(document))
    if strip_private:
        members = woo.public_members(members, lakstijl)
    members = output.stamp(members)  # the hash of the whole package, core.xml included
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, blob in members:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(info, blob)
    return out.getvalue()


def _saved_members(document: Any) -> list[tuple[str, bytes]]:
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


def content_hash(members: list[tuple[str, bytes]]) -> str:
    """The generation hash of a package (see output.package_hash)."""
    return output.package_hash(members)


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


@gc_paused
def render_nota(
    nota: Nota,
    templates: Path | None = None,
    choose: Mapping[str, str] | None = None,
    openbaar: bool = False,
    lakstijl: str = woo.DEFAULT_LAKSTIJL,
) -> list[Rendered]:
    """Render all documents of a note in memory, as its genre's registry entry lists them (for a
    beslisnota: nota, kamerbrief, and bijlage when there are recommendations); with `openbaar`,
    the public versions (suffix -openbaar) as well, redactions in the look `lakstijl`."""
    variants = [False, True] if openbaar else [False]
    # Every value marked [[GROND:…]] anywhere in the note and every person of a header field: no
    # public document may contain one (or its surname, or a contact detail), whichever path it took.
    needles = note_needles(nota) if openbaar else woo.Needles()
    out: list[Rendered] = []
    internal: dict[str, bytes] = {}
    for public in variants:
        for doc in registry.genre_of(nota).made(nota):
            if public and not doc.public:
                continue
            name = doc.name
            red = Redactor(public, lakstijl)
            context = doc.context(nota, choose, red)
            template = template_path(doc.template, templates)
            rendered = render_document(template, context, nota, red)
            if public:  # the one leak check, over every part of the package, normalised
                _add_redacted(needles, red)
                with zipfile.ZipFile(io.BytesIO(rendered.data)) as zf:
                    members = [(i.filename, zf.read(i.filename)) for i in zf.infolist()]
                if found := woo.find_leak(members, needles):
                    raise _where_unmarked(found[0], found[1], template.name, nota)
            if public and not doc.always_public_copy and rendered.data == internal.get(name):
                continue  # nothing redacted or stripped: the internal version is already public
            if not public:
                internal[name] = rendered.data
            rendered.name = f"{name}-openbaar" if public else name
            out.append(rendered)
    return out


def note_needles(nota: Nota) -> woo.Needles:
    """What the public versions of this note must not contain: every marked value, every person
    of a header field (name, surname, phone, e-mail) and every text field the model marks as
    personal data (e.g. the letterhead's contact), wherever the note has them."""
    from pydantic import BaseModel

    from notawriter.model import Persoon, personal_fields

    needles = woo.Needles()
    needles.public_names = _public_names(nota)
    for _, text in iter_texts(nota):
        for span in redacted_spans(text):
            needles.add_value(span.text, span.ground)

    def persons(value: object) -> None:
        if isinstance(value, Persoon):
            if value.naam:
                needles.add_value(value.naam)
            for contact in (value.telefoon, value.email):
                if contact:
                    needles.add_contact(contact)
        elif isinstance(value, list):
            for item in value:
                persons(item)
        elif isinstance(value, BaseModel):
            personal = personal_fields(type(value))
            for field_name in type(value).model_fields:
                inner = getattr(value, field_name)
                if field_name in personal and isinstance(inner, str) and inner.strip():
                    needles.add_value(without_redactions(inner))  # (a marked part is a needle already)
                persons(inner)

    persons(nota)
    return needles


def _public_names(nota: Nota) -> set[str]:
    """Names that are public by office (members of parliament, signatories): a redacted person
    sharing a surname with one does not make that surname a leak (the full name still is)."""
    names = {i.naam for m in nota.moties for i in m.indieners} | {o.naam for o in nota.ondertekenaars}
    words = {w for name in names for w in woo.normalise(name).split(" ")}
    return {n.casefold() for n in names | words if n}


def _add_redacted(needles: woo.Needles, red: Redactor) -> None:
    for value, ground in red.values.items():
        needles.add_value(value, ground)
    for person in red.redacted_persons:
        for contact in (person.telefoon, person.email):
            if contact:
                needles.add_contact(contact)


class LeakError(NotaError):
    """A redacted value (or its surname, or a contact detail) still occurs in a public document."""

    def __init__(self, message: str, value: str) -> None:
        super().__init__(message)
        self.value = value


def _where_unmarked(needle: woo.Needle, member: str, template: str, nota: Nota) -> NotaError:
    """Point a leak at the note's field where the value stands without its redaction mark."""
    from notawriter.model import Kop, personal_fields

    personal = tuple(f"kop.{name}" for name in personal_fields(Kop))
    shown = needle.value if needle.value == needle.source else f"{needle.value}' (van '{needle.source}"
    for path, text in iter_texts(nota):
        if path.startswith(personal):
            continue
        unmarked = without_redactions(text)  # as typed, and as printed (formatting marks split a name)
        if not any(needle.search(woo.normalise(form)) for form in (unmarked, plain_text(unmarked))):
            continue
        return UnmarkedName(
            f"openbare versie: '{shown}' staat hier ongemarkeerd; markeer die vermelding met "
            f"[[5.1.2e:{needle.value}]] (of een andere Woo-grond) of laat de naam weg",
            path,
        )
    return LeakError(
        f"openbare versie ({template}): '{shown}' staat nog in het document (in {member}); "
        "markeer elke vermelding met [[5.1.2e:…]] of verwijder de naam (ook uit het sjabloon)",
        needle.value,
    )


class UnmarkedName(NotaError):
    """A redacted value repeated without its mark in a field of the note."""

    def __init__(self, message: str, field: str) -> None:
        super().__init__(message)
        self.field = field


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
    return plan_render(note_path, out_dir, templates, choose, force, openbaar).commit()


def plan_render(
    note_path: Path,
    out_dir: Path | None = None,
    templates: Path | None = None,
    choose: Mapping[str, str] | None = None,
    force: bool = False,
    openbaar: bool = False,
    nota: Nota | None = None,
) -> output.OutputPlan:
    """Render a note's documents in memory and decide every write (see output.py); nothing is
    written until the plan's `commit`. `nota` stands for the file's content when given (`choose`
    renders the note it is about to save)."""
    from notawriter.letterhead import with_letterhead
    from notawriter.notefile import load_note

    if nota is None:
        nota = load_note(note_path)
    nota = with_letterhead(nota, note_path)  # the project config's letterhead, the note's fields over it
    # A broken mark would publish what it was meant to hide. (Without --openbaar, the same problems
    # come back as warnings through `unfinished`.)
    broken = openbaar and next(((f, m) for f, text in iter_texts(nota) for m in mark_problems(text)), None)
    if broken:
        field, message = broken
        raise NoteFileError(note_path, f"openbare versie niet gemaakt: {message}", field=field)
    if out_dir is not None and out_dir.exists() and not out_dir.is_dir():
        raise OutputError(f"{out_dir}: is een bestand, geen map; geef met -o een (nieuwe) map op")
    try:
        documents = render_nota(nota, templates, choose, openbaar, project_lakstijl(note_path) if openbaar else woo.DEFAULT_LAKSTIJL)
    except UnmarkedName as exc:
        raise NoteFileError(note_path, exc.message, field=exc.field) from None
    report = RenderReport()
    report.warnings.extend(dict.fromkeys(w for doc in documents for w in doc.warnings))  # each warning once
    report.warnings.extend(unfinished(nota, note_path))  # includes the mark problems
    plans = [(output_path(note_path, out_dir, doc.name), doc.data) for doc in documents]
    # Check every target before writing any, so a refusal leaves all files as they were; the
    # plan's commit then writes them all or none (fsutil.write_all).
    plan = output.plan_outputs(report, plans, force)
    absent = [(d.name, d.absent_reason) for d in registry.genre_of(nota).documents if not d.produced(nota)]
    report.warnings.extend(_leftovers(note_path, out_dir, [doc.name for doc in documents], report.written, openbaar, absent))
    return plan


def _leftovers(
    note_path: Path, out_dir: Path | None, made: list[str], written: list[Path], openbaar: bool,
    absent: Sequence[tuple[str, str]] = (),
) -> list[str]:
    """Documents beside these (`made`, by name) that an earlier render left and that no longer match the
    note; `absent` names the genre's documents this note does not make, with the reason."""

    def out(name: str) -> Path:
        return output_path(note_path, out_dir, name)

    lines = [
        f"{out(name)}: hoort niet meer bij deze nota ({reason}); verwijder het bestand"
        for document, reason in absent
        for name in (document, f"{document}-openbaar")
        if out(name).exists()
    ]
    for name in made:
        public = out(f"{name}-openbaar")
        if name.endswith("-openbaar") or not public.exists():
            continue
        if openbaar and f"{name}-openbaar" not in made:  # nothing to redact: the document itself is public
            lines.append(
                f"{public}: is van een eerdere versie; {out(name).name} is nu zelf openbaar (niets te lakken): "
                "verwijder het oude bestand"
            )
        elif not openbaar and out(name) in written:
            lines.append(f"{public}: is niet bijgewerkt; maak de openbare versie opnieuw met --openbaar")
    return lines


MAX_UNFINISHED = 5


def unfinished(nota: Nota, note_path: Path) -> list[str]:
    """What `check` calls errors: the documents are made, but should not go out like this."""
    from notawriter.lint import lint_nota

    errors = [f for f in lint_nota(nota, dt.date.today()) if f.is_error]
    lines = [f"{f.path}: {f.message}" if f.path else f.message for f in errors[:MAX_UNFINISHED]]
    if len(errors) > MAX_UNFINISHED:
        lines.append(f"en nog {len(errors) - MAX_UNFINISHED}; zie 'notawriter check {note_path}'")
    return lines


# The overwrite policy lives in output.py; these names stay importable from here.
overwrite_decision = output.overwrite_decision
lock_file = output.lock_file
generated_unchanged = output.generated_unchanged
backup = output.backup


__all__ = [
    "RenderReport",
    "Rendered",
    "render_document",
    "render_nota",
    "render_note",
    "template_path",
]
