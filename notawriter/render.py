"""Render, the use case: note × document registry → rendered documents, safely.

For each document the genre makes (documents.py): its view context, then the Word layer
(`notawriter.word`: templates, paragraphs, footnotes, packaging) fills its template; with
`--openbaar` the public variants, redacted and checked for leaks over every part; then the
overwrite rules (output.py: never clobber a document someone edited in Word), all or nothing.
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
import io
import zipfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from notawriter import documents as registry
from notawriter import output, woo
from notawriter.errors import NotaError, NoteFileError, OutputError
from notawriter.markup import mark_problems
from notawriter.model import Nota, iter_texts
from notawriter.view import Redactor
from notawriter.view.redaction import project_lakstijl
from notawriter.word.document import fill_document
from notawriter.word.package import saved_members, set_properties, zipped
from notawriter.word.template import template_path


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


# --- rendering one document ---------------------------------------------------------------------


@dataclass
class Rendered:
    name: str  # the document's name in the registry ("nota", "kamerbrief", …), "-openbaar" for a public one
    data: bytes
    warnings: list[str] = field(default_factory=list)


def render_document(template: Path, context: dict[str, Any], nota: Nota, redactor: Redactor) -> Rendered:
    """Fill one template with a view context; returns the finished, deterministic .docx bytes."""
    document, warnings = fill_document(template, context, {m.key: m for m in nota.moties}, redactor)
    set_properties(document, title=redactor.plain(nota.kop.onderwerp), when=_fixed_time(nota))
    data = _package(document, strip_private=redactor.openbaar, lakstijl=redactor.lakstijl)
    return Rendered(template.stem, data, warnings)


def _fixed_time(nota: Nota) -> dt.datetime:
    """Document timestamps come from the note, not the clock, so output is reproducible."""
    day = nota.kop.datum or dt.date(2000, 1, 1)
    return dt.datetime(day.year, day.month, day.day, 9, 0, 0)


def _package(document: Any, strip_private: bool, lakstijl: str = woo.DEFAULT_LAKSTIJL) -> bytes:
    """Save with fixed zip timestamps and record a hash of the generated content in core.xml.
    Properties are neutral; a public version is built from the allow-list of parts (woo.py)."""
    members = woo.tidy_members(saved_members(document))
    if strip_private:
        members = woo.public_members(members, lakstijl)
    members = output.stamp(members)  # the hash of the whole package, core.xml included
    return zipped(members)


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


note_needles = woo.note_needles  # (what the public versions must not contain; lives in woo.py)


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
    """Point a leak at the note's field where the value stands without its redaction mark (the
    search `check` makes, woo.unmarked_mentions, for this one value)."""
    only = woo.Needles(private_fields=woo.note_needles(nota).private_fields)
    only.needles[needle.value] = needle
    if mentions := woo.unmarked_mentions(nota, only, contacts=False):
        return UnmarkedName(mentions[0].message, mentions[0].field)
    shown = needle.value if needle.value == needle.source else f"{needle.value}' (van '{needle.source}"
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
    # Broken markup (what `check` calls fout in the marks) is refused, not warned about: the documents
    # would print raw markup, and a public one what a broken mark was meant to hide. Content that is
    # merely unfinished comes back as warnings through `unfinished`.
    if broken := next(((f, m) for f, text in iter_texts(nota) for m in mark_problems(text)), None):
        field, message = broken
        what = "openbare versie niet gemaakt" if openbaar else "documenten niet gemaakt"
        raise NoteFileError(note_path, f"{what}: {message}", field=field)
    # Personal data standing unmarked in a field (a header person, a phone number, an e-mail
    # address): refused as `check` reports it; the leak check over every part stays the backstop.
    if openbaar and (mentions := woo.unmarked_mentions(nota)):
        raise NoteFileError(note_path, mentions[0].message, field=mentions[0].field)
    if out_dir is not None and out_dir.exists() and not out_dir.is_dir():
        raise OutputError(f"{out_dir}: is een bestand, geen map; geef met -o een (nieuwe) map op")
    output.check_names([output_path(note_path, out_dir, name) for name in registry.output_names(nota)])
    try:
        documents = render_nota(nota, templates, choose, openbaar, project_lakstijl(note_path) if openbaar else woo.DEFAULT_LAKSTIJL)
    except UnmarkedName as exc:
        raise NoteFileError(note_path, exc.message, field=exc.field) from None
    report = RenderReport()
    report.warnings.extend(dict.fromkeys(w for doc in documents for w in doc.warnings))  # each warning once
    report.warnings.extend(unfinished(nota, note_path))  # (the mark problems were refused above)
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
    """What `check` calls errors in the content (unfinished: no signatory, no date, …): the documents
    are made, but should not go out like this. Broken markup, which `check` calls errors too, is
    refused before (plan_render): a document would print the raw mark."""
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
