"""Output policy of a render: the generation hash, the overwrite rules, backups, and one write.

A run's documents (internal and public versions, backups of hand-edited ones) are decided first —
every target checked before any is written — and then written together by `fsutil.write_all`:
all or nothing. A document notawriter wrote carries a hash of its whole package (every part,
docProps/core.xml included, only the hash itself blanked) in its dc:identifier, so any change
made afterwards — also to the title or subject in the document's properties — is recognised as
a hand edit, and such a document is only replaced with --force, after a backup.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from notawriter.errors import OutputError
from notawriter.fsutil import read_limited, write_all

if TYPE_CHECKING:
    from notawriter.render import RenderReport

#: Identifier of documents written before the whole package was hashed (core.xml was left out).
LEGACY_PREFIX = "notawriter:sha256:"
#: Identifier of the whole-package hash.
HASH_PREFIX = "notawriter:pakket-sha256:"
CORE = "docProps/core.xml"
_PLACEHOLDER = HASH_PREFIX + "0" * 64
_IDENTIFIER = re.compile(rb"(<dc:identifier>)([^<]*)(</dc:identifier>)")
#: A generated document is read back (to compare) only up to this size.
MAX_DOCX_BYTES = 200 * 1024 * 1024


# --- the generation hash ------------------------------------------------------------------------


def stamp(members: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
    """The package members with the hash of the whole package recorded in core.xml."""
    from notawriter.word.package import with_identifier

    members = [(n, with_identifier(b, _PLACEHOLDER) if n == CORE else b) for n, b in members]
    digest = package_hash(members)
    return [(n, b.replace(_PLACEHOLDER.encode(), (HASH_PREFIX + digest).encode()) if n == CORE else b) for n, b in members]


def package_hash(members: Sequence[tuple[str, bytes]]) -> str:
    """sha256 over every part (name and content); core.xml with its identifier blanked."""
    digest = hashlib.sha256()
    for name, blob in sorted(members):
        if name == CORE:
            blob = _IDENTIFIER.sub(rb"\g<1>" + _PLACEHOLDER.encode() + rb"\g<3>", blob, count=1)
        digest.update(name.encode() + b"\0" + hashlib.sha256(blob).digest())
    return digest.hexdigest()


def legacy_hash(members: Sequence[tuple[str, bytes]]) -> str:
    """The hash of documents from before: every part except core.xml."""
    digest = hashlib.sha256()
    for name, blob in sorted(members):
        if name != CORE:
            digest.update(name.encode() + b"\0" + hashlib.sha256(blob).digest())
    return digest.hexdigest()


def generated_unchanged(data: bytes) -> bool:
    """True if `data` is a document notawriter generated and nobody changed since."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            members = [(i.filename, zf.read(i.filename)) for i in zf.infolist()]
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError):
        return False
    from notawriter.word.package import read_identifier

    recorded = read_identifier(dict(members).get(CORE, b"")) or ""
    if recorded.startswith(HASH_PREFIX):
        return recorded == HASH_PREFIX + package_hash(members)
    # Written by an earlier notawriter: core.xml was not hashed then.
    return recorded.startswith(LEGACY_PREFIX) and recorded == LEGACY_PREFIX + legacy_hash(members)


# --- overwrite rules ----------------------------------------------------------------------------


def overwrite_decision(path: Path, data: bytes, force: bool) -> str:
    """'new', 'unchanged', 'overwrite' (ours, untouched) or 'backup' (edited, --force); else refuse."""
    if path.is_dir():
        raise OutputError(f"{path}: is een map; verwijder of hernoem die, of kies met -o een andere map")
    if not path.exists() and not path.is_symlink():
        return "new"
    existing = read_existing(path)
    if existing == data:
        return "unchanged"
    if lock := lock_file(path):
        raise OutputError(
            f"{path}: is geopend in Word of LibreOffice (vergrendeld door {lock.name}); "
            "sluit het document en render opnieuw"
        )
    if generated_unchanged(existing):
        return "overwrite"
    if force:
        return "backup"
    raise OutputError(
        f"{path}: is na het genereren gewijzigd (bijv. in Word, ook alleen de titel of het onderwerp in de "
        "eigenschappen) en wordt niet overschreven; bewaar uw wijzigingen in de nota, of gebruik --force "
        "(maakt eerst een reservekopie)"
    )


def read_existing(path: Path) -> bytes:
    """An existing output file, read safely (a device or FIFO in its place is refused, not read)."""
    from notawriter.fsutil import InputRefused

    try:
        return read_limited(path, MAX_DOCX_BYTES, "Word-document")
    except InputRefused as exc:
        raise OutputError(f"{path}: {exc.reason}; verwijder of hernoem het, of kies met -o een andere map") from None


def lock_file(path: Path) -> Path | None:
    """The lock file Word ('~$…') or LibreOffice ('.~lock.…#') keeps beside an open document."""
    name = path.name
    candidates = [f".~lock.{name}#", f"~${name}", f"~${name[1:]}", f"~${name[2:]}"]
    return next((path.with_name(c) for c in candidates if path.with_name(c).exists()), None)


def backup_path(path: Path) -> Path:
    """A free name '<name>.backup-YYYYmmdd-HHMMSS.docx' beside `path`."""
    stamp_ = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.backup-{stamp_}{path.suffix}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.stem}.backup-{stamp_}-{n}{path.suffix}")
    return target


def backup(path: Path) -> Path:
    """Copy `path` to a backup beside it (atomic); returns the backup's path."""
    target = backup_path(path)
    write_all([(target, read_existing(path))])
    return target


#: What a backup adds to a document's name at most: '.backup-YYYYmmdd-HHMMSS-NN' (backup_path).
BACKUP_RESERVE = len(".backup-20260101-120000-99")
#: The kinds of file a document has: the Word document and its PDF (render --pdf, watch --pdf).
DOCUMENT_SUFFIXES = (".docx", ".pdf")


def touched_names(documents: Sequence[Path]) -> list[Path]:
    """Every file name a run may touch for these documents (NOTE-<name>.docx of each document of the
    genre, made this time or not): the document, its public version, the PDF of each, and the
    longest name a backup of any of them can get."""
    names: list[Path] = []
    for document in documents:
        for base in (document.stem, f"{document.stem}-openbaar"):
            for suffix in DOCUMENT_SUFFIXES:
                names.append(document.with_name(base + suffix))
                names.append(document.with_name(base + "x" * BACKUP_RESERVE + suffix))
    return names


def check_names(documents: Sequence[Path]) -> None:
    """Refuse a note name too long for any file a run may touch, before anything is rendered or
    written — the same limit whether this run makes a public version, a PDF or a backup or not."""
    from notawriter.fsutil import name_max

    def size(path: Path) -> int:
        return len(path.name.encode("utf-8", "surrogateescape"))

    names = touched_names(documents)
    if not names:
        return
    longest = max(names, key=size)
    limit = name_max(longest.parent if str(longest.parent) else Path("."))
    if size(longest) > limit:
        shortest = min(documents, key=size)
        raise OutputError(
            f"{shortest.name[:40]}…: bestandsnaam te lang (met openbare versie, pdf of reservekopie tot "
            f"{size(longest)} bytes, ten hoogste {limit}); geef het notabestand een kortere naam "
            f"(minstens {size(longest) - limit} bytes korter)"
        )


# --- one run's writes ---------------------------------------------------------------------------


@dataclass
class OutputPlan:
    """What a render will write, decided and checked; nothing is on disk until `commit`."""

    report: RenderReport
    writes: list[tuple[Path, bytes]] = field(default_factory=list)
    targets: list[Path] = field(default_factory=list)  # every document of the run, written or not

    def commit(self, before: Sequence[tuple[Path, bytes]] = ()) -> RenderReport:
        """Write everything (with `before`, e.g. the note of a `choose`) in one all-or-nothing step;
        temp files that killed runs left beside the documents are removed, also when nothing changed."""
        from notawriter.fsutil import clean_stale_temps

        write_all([*before, *self.writes])
        folders: dict[Path, list[str]] = {}
        for target in self.targets:
            folders.setdefault(target.parent, []).append(target.name)
        for folder, names in folders.items():
            clean_stale_temps(folder, names)
        return self.report


def plan_outputs(report: RenderReport, plans: Sequence[tuple[Path, bytes]], force: bool) -> OutputPlan:
    """Decide every target before writing any, so a refusal leaves all files as they were."""
    from notawriter.fsutil import check_name

    for path, _ in plans:  # a name too long for the file system (a long note name): said first
        check_name(path)
    names = [p.name for p, _ in plans]
    plan = OutputPlan(report, targets=[p for p, _ in plans])
    for path, data in plans:
        decision = overwrite_decision(path, data, force)
        if decision == "unchanged":
            report.unchanged.append(path)
            continue
        if decision == "backup":
            target = backup_path(path)
            while target.name in names or target in report.backups:
                target = target.with_name(target.stem + "-1" + target.suffix)
            plan.writes.append((target, read_existing(path)))
            report.backups.append(target)
        plan.writes.append((path, data))
        report.written.append(path)
    return plan
