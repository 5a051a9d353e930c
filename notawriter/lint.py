"""`notawriter check`: what is unfinished or inconsistent in a note and its templates, as findings.

The model (model.py) rejects what is *wrong*; this module reports what is *unfinished*, so a
half-answered note can be saved and still be checked before it goes to the minister. Every check
is a small pure function over the validated `Nota`; a note that does not load or validate becomes
'fout' findings itself, never an exception. Template checks (fields, tags, styles) live in
the word.tplcheck package; this module turns their results into findings.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from notawriter.errors import NotaError, NoteFileError

if TYPE_CHECKING:
    from pydantic import ValidationError

    from notawriter.model import Nota
    from notawriter.word import tplcheck

Severity = Literal["fout", "waarschuwing", "info"]  # info: e.g. the days left to answer Kamervragen



@dataclass(frozen=True)
class Finding:
    """One problem: 'fout' blocks finishing the note (exit 2), 'waarschuwing' is advice."""

    severity: Severity
    path: str
    message: str
    regel: int | None = None

    @property
    def is_error(self) -> bool:
        return self.severity == "fout"

    def line(self) -> str:
        where = self.path + (f" (regel {self.regel})" if self.regel else "")
        return f"{self.severity}  {where}: {self.message}" if where else f"{self.severity}  {self.message}"


def fout(path: str, message: str) -> Finding:
    return Finding("fout", path, message)


def waarschuwing(path: str, message: str) -> Finding:
    return Finding("waarschuwing", path, message)


# --- entry point --------------------------------------------------------------------------------


def check_note(path: Path | str, templates: Path | None = None, today: dt.date | None = None) -> list[Finding]:
    """All findings for a note file: load/validation errors, or the note lints plus template lints."""
    from notawriter.letterhead import with_letterhead
    from notawriter.notefile import parse_yaml, read_text

    path = Path(path)
    try:
        data = parse_yaml(read_text(path), path)
    except NoteFileError as exc:
        return [fout("", exc.message)]
    nota, findings = _validate(data, path)
    if nota is None:
        return findings
    try:
        nota = with_letterhead(nota, path)  # the letterhead as rendered: notawriter.yaml's, the note's over it
    except NoteFileError as exc:
        return [fout(exc.field or "", exc.message)]
    findings = lint_nota(nota, today or dt.date.today())
    findings.extend(template_findings(nota, templates))
    return [_with_line(f, data) for f in findings]


def _validate(data: Any, path: Path) -> tuple[Nota | None, list[Finding]]:
    """The validated note, or every validation error as a 'fout' finding (not only the first)."""
    from pydantic import ValidationError

    from notawriter.documents import note_model
    from notawriter.notefile import validate

    if not isinstance(data, dict):
        try:
            validate(data, path)  # its message explains an empty file, a list or loose text
        except NoteFileError as exc:
            return None, [fout("", exc.message)]
    try:
        model = note_model(data)  # by the note's `soort`
    except NotaError as exc:
        from notawriter.notefile import line_of

        return None, [Finding("fout", "soort", exc.message, line_of(data, ["soort"]))]
    try:
        return model.model_validate(data), []
    except ValidationError as err:
        return None, validation_findings(err, data, model)


def validation_findings(exc: ValidationError, data: Any, model: type[Nota] | None = None) -> list[Finding]:
    """Each pydantic error as a finding with its field path, Dutch message and line."""
    from notawriter.model import Nota
    from notawriter.notefile import describe_error
    from notawriter.notepath import format_path

    findings = []
    for err in exc.errors(include_url=False):
        for single in _one_per_message(err):
            loc, message, line = describe_error(single, data, model or Nota)
            findings.append(Finding("fout", format_path(loc), message, line))
    return findings


def _one_per_message(err: Any) -> list[Any]:
    """The model's cross-reference check raises all its messages at once, one per line."""
    text = str((err.get("ctx") or {}).get("error", ""))
    if err["type"] != "value_error" or "\n" not in text:
        return [err]
    return [{**err, "ctx": {**err["ctx"], "error": part}} for part in text.split("\n")]


def _with_line(finding: Finding, data: Any) -> Finding:
    from notawriter.notefile import line_of, parse_path  # notepath.parse_loc, tolerant

    if finding.regel is not None or not finding.path or finding.path.endswith(".docx"):
        return finding
    line = line_of(data, parse_path(finding.path))
    return Finding(finding.severity, finding.path, finding.message, line)


# --- note lints ---------------------------------------------------------------------------------


def lint_nota(nota: Nota, today: dt.date) -> list[Finding]:
    """Every note lint, in the order of the note file."""
    findings: list[Finding] = []
    for check in (
        _kop,
        _deadlines,
        _signatories,
        _beslispunten,
        _placements,
        _letter_skeleton,
        _moties,
        _aanbevelingen,
        _marks,
        _unmarked_personal_data,
        _placeholders,
        _repeated_paragraphs,
    ):
        findings.extend(check(nota, today))
    from notawriter.documents import genre_of

    genre = genre_of(nota)
    if genre.lint is not None:  # what only this genre has (e.g. the days left to answer Kamervragen)
        findings.extend(genre.lint(nota, today))
    return findings


#: A paragraph this long that a document prints twice is a repetition, not a formula ('Zie …').
REPEAT_MIN_CHARS = 60


def _repeated_paragraphs(nota: Nota, today: dt.date) -> Iterator[Finding]:
    """A paragraph or list item of REPEAT_MIN_CHARS or more that one document (the nota, the
    Kamerbrief …) prints twice: say it once (one field, or `[opties:KEY]` / `[argumenten:KEY]`)."""
    from notawriter.documents import genre_of
    from notawriter.markup import parse
    from notawriter.model import iter_texts

    sources: dict[str, list[str]] = {}
    for path, text in iter_texts(nota):
        for block in parse(text):
            sources.setdefault(" ".join(block.plain.split()), []).append(path)
    for document in genre_of(nota).made(nota):
        try:
            context = document.context(nota, None, None)
        except NotaError:
            continue
        seen: dict[str, int] = {}
        for flow in _flows(context):
            for para in flow.plain():
                text = " ".join(para.split())
                if len(text) >= REPEAT_MIN_CHARS:
                    seen[text] = seen.get(text, 0) + 1
        by_path: dict[str, list[str]] = {}
        for text in (t for t, count in seen.items() if count > 1):
            paths = list(dict.fromkeys(sources.get(text, [])))
            by_path.setdefault(paths[0] if paths else "", []).append(text)
        for path, texts in by_path.items():
            first = texts[0][:70].rsplit(" ", 1)[0] + " …"
            more = f" (en nog {_count(len(texts) - 1, 'alinea')})" if len(texts) > 1 else ""
            others = [p for p in dict.fromkeys(sources.get(texts[0], [])) if p != path]
            also = f"; ook in {', '.join(others[:3])}" if others else ""
            yield waarschuwing(
                path,
                f"deze tekst staat twee keer in de {document.label}: '{first}'{more}{also}; zeg het één keer "
                "(laat één van beide weg, of plaats opties en argumenten met [opties:sleutel] en [argumenten:sleutel])",
            )


def _flows(value: Any) -> Iterator[Any]:
    from notawriter.view import Flow

    if isinstance(value, Flow):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _flows(item)
    elif isinstance(value, list):
        for item in value:
            yield from _flows(item)


def _placements(nota: Nota, today: dt.date) -> Iterator[Finding]:
    """`[opties:KEY]` / `[argumenten:KEY]` where they cannot work, for a point without options, or twice."""
    from notawriter.markup import placements
    from notawriter.model import iter_texts
    from notawriter.view.kamerbrief import brief_texts
    from notawriter.view.nota import nota_texts

    nota_ids = {id(text) for _, text in nota_texts(nota) if text}
    brief_ids = {id(text) for text in brief_texts(nota) if text}
    with_options = {bp.key for bp in nota.beslispunten if bp.key and bp.opties}
    seen: set[tuple[str, str, str]] = set()
    for path, text in iter_texts(nota):
        if _in_footnote(text):
            yield waarschuwing(path, "[opties:…] of [argumenten:…] werkt niet in een voetnoot; zet het in de tekst zelf")
        marks = placements(text)
        if not marks:
            continue
        document = "nota" if id(text) in nota_ids else "Kamerbrief" if id(text) in brief_ids else None
        for mark in marks:
            shown = f"[{mark.kind}:{mark.key}]"
            if document is None:
                yield waarschuwing(
                    path,
                    f"{shown} werkt hier niet en komt niet in het document; zet het in de aanleiding, een sectie, "
                    "de communicatie of een tekst van de Kamerbrief",
                )
            elif mark.kind == "opties" and mark.key not in with_options:
                yield waarschuwing(path, f"{shown}: beslispunt '{mark.key}' heeft geen opties; hier komt niets")
            elif document == "Kamerbrief" and mark.kind == "argumenten":
                yield waarschuwing(
                    path, f"{shown} komt niet in de Kamerbrief (argumenten zijn voor de bewindspersoon); haal het weg"
                )
            elif (document, mark.kind, mark.key) in seen:
                yield waarschuwing(
                    path, f"{shown} staat al eerder in de {document}; hier komt alleen een verwijzing naar die plek"
                )
            seen.add((document or "", mark.kind, mark.key))


def _letter_skeleton(nota: Nota, today: dt.date) -> Iterator[Finding]:
    """A cabinet response to a report whose letter still shows the skeleton's placeholders."""
    if not nota.aanbevelingen:
        return
    brief = nota.kamerbrief
    for field, what in (("inleiding", "opening (dank, appreciatie, overgang)"), ("slot", "slot")):
        if not (getattr(brief, field) or "").strip():
            yield waarschuwing(
                f"kamerbrief.{field}",
                f"de Kamerbrief heeft nog geen {what}; het concept toont er een plaatsaanduiding "
                f"(vul kamerbrief.{field} in)",
            )


def _in_footnote(text: str) -> bool:
    """Whether a free footnote in the text holds a placement mark (it would print nothing there)."""
    from notawriter.markup import Placement, parse

    if "[opties:" not in text and "[argumenten:" not in text:
        return False
    return any(
        isinstance(inner, Placement)
        for block in parse(text)
        for run in block.runs
        for inner in getattr(run, "runs", ())
    )


def _marks(nota: Nota, today: dt.date) -> Iterator[Finding]:
    from notawriter.markup import mark_problems, unpaired_formats
    from notawriter.model import iter_texts

    for path, text in iter_texts(nota):
        for message in mark_problems(text):
            yield fout(path, message)
        for message in unpaired_formats(text):
            yield waarschuwing(path, message)


def _unmarked_personal_data(nota: Nota, today: dt.date) -> Iterator[Finding]:
    """A person of the header, a marked value, a phone number or a person's e-mail address standing
    unmarked in a field: what `render --openbaar` refuses (the same search, woo.unmarked_mentions)."""
    from notawriter.woo import unmarked_mentions

    for mention in unmarked_mentions(nota):
        yield fout(mention.field, mention.message)


_PLACEHOLDER = re.compile(r"«[^«»]{0,200}»")  # library texts wrap long ones over two lines


def is_placeholder(quoted: str) -> bool:
    """Whether «…» is a place to fill in, not a title quoted the Dutch way («Tussen wens en werkelijkheid»).

    Placeholders are what the option libraries write: a lower-case description («naam», «het
    rapport»), an ellipsis or alternatives («…», «nog niet / niet»), or one of the libraries' own
    («Het overige deel»). A capitalised text that no library uses is a quoted title.
    """
    inner = quoted.strip("«» ")
    if not inner or "…" in inner or "..." in inner or "/" in inner:
        return True
    if inner[0].islower():
        return True
    return quoted in _library_placeholders()


@functools.lru_cache(maxsize=1)
def _library_placeholders() -> frozenset[str]:
    """The «…» texts of the shipped option libraries."""
    from notawriter.resources import shipped_dir

    found: set[str] = set()
    try:
        for path in shipped_dir("options").glob("*.yaml"):
            found.update(" ".join(p.split()) for p in _PLACEHOLDER.findall(path.read_text(encoding="utf-8")))
    except OSError:
        pass
    return frozenset(found)


def _placeholders(nota: Nota, today: dt.date) -> Iterator[Finding]:
    """Library texts come with «…» where the note must say something of its own."""
    from notawriter.model import iter_texts

    for path, text in iter_texts(nota):
        candidates = (" ".join(p.split()) for p in _PLACEHOLDER.findall(text))
        if found := list(dict.fromkeys(p for p in candidates if is_placeholder(p))):
            shown = ", ".join(found[:3]) + (f" en nog {len(found) - 3}" if len(found) > 3 else "")
            yield waarschuwing(path, f"nog in te vullen: {shown}; vervang de tekst tussen « » door die van deze nota")


def _kop(nota: Nota, today: dt.date) -> Iterator[Finding]:
    from notawriter.model import NotaType

    missing = _missing(nota)
    if nota.kop.type is NotaType.TER_BESLISSING and not nota.beslispunten:
        yield missing(
            "beslispunten",
            "een nota TER BESLISSING zonder beslispunt: voeg toe waarmee akkoord wordt gevraagd (beslispunten:) "
            "of kies een ander type, bijv. type: TER INFORMATIE",
        )
    if not nota.kop.aan.strip():
        yield missing("kop.aan", "geadresseerde ontbreekt; vul in aan wie de nota gaat, bijv. aan: M en R")
    if nota.kop.datum is None:
        yield waarschuwing(
            "kop.datum",
            "datum van de nota ontbreekt, dus het is nog een concept; vul in bijv. datum: 6-1-2025 "
            "(dan is wat nog ontbreekt een fout)",
        )


def _missing(nota: Nota) -> Callable[[str, str], Finding]:
    """An undated note is a draft (e.g. fresh from an import): what it still lacks is unfinished, a
    'waarschuwing'; once it has a date it is meant to go out, and what it lacks is a 'fout'."""
    return waarschuwing if nota.kop.datum is None else fout


def _deadlines(nota: Nota, today: dt.date) -> Iterator[Finding]:
    from notawriter.dates import format_date

    kop = nota.kop
    out_of_order: set[str] = set()
    if kop.datum is not None:
        for field, label in (("plandatum", "de plandatum"), ("kamer", "de Kamerdatum")):
            value = getattr(kop, field)
            if value is not None and value < kop.datum:
                out_of_order.add(field)
                yield fout(
                    f"kop.{field}",
                    f"{label} ({format_date(value)}) ligt vóór de datum van de nota ({format_date(kop.datum)}); "
                    "corrigeer een van beide",
                )
        if kop.binnengekomen_op is not None and kop.binnengekomen_op > kop.datum:
            yield fout(
                "kop.binnengekomen_op",
                f"binnengekomen op {format_date(kop.binnengekomen_op)}, dus na de datum van de nota "
                f"({format_date(kop.datum)}); corrigeer een van beide",
            )
    open_points = [b.key or "" for b in nota.beslispunten if b.opties and b.keuze is None]
    if not open_points or is_archived(nota, today):
        return  # nothing open, or a note of long ago (an archived or published one): no deadline to chase
    for field, label in (("plandatum", "de plandatum"), ("kamer", "de Kamerdatum")):
        value = getattr(kop, field)
        if value is not None and value < today and field not in out_of_order:
            yield waarschuwing(
                f"kop.{field}",
                f"{label} ({format_date(value)}) is verstreken en er is nog geen keuze voor "
                f"{_listing(open_points)}; kies met 'notawriter choose' of pas de datum aan",
            )


#: A note dated this long before today is an archived (or published) one: its deadlines are history.
ARCHIVED_AFTER_DAYS = 365


def is_archived(nota: Nota, today: dt.date) -> bool:
    """Whether the note is dated more than ARCHIVED_AFTER_DAYS before today: no deadline of it is to chase."""
    return nota.kop.datum is not None and (today - nota.kop.datum).days > ARCHIVED_AFTER_DAYS


def _signatories(nota: Nota, today: dt.date) -> Iterator[Finding]:
    missing = _missing(nota)
    if not nota.ondertekenaars:
        yield missing(
            "ondertekenaars", "er zijn geen ondertekenaars; voeg de bewindspersonen toe (afkorting, titel, naam)"
        )
    if not nota.kamerbrief.ondertekening:
        signers = ", ".join(o.afkorting for o in nota.ondertekenaars) or "eerst ondertekenaars toevoegen"
        yield missing(
            "kamerbrief.ondertekening",
            f"niemand ondertekent de Kamerbrief; vul in bijv. ondertekening: [M] (toegestaan: {signers})",
        )
    if nota.kamerbrief.afzender is None or not nota.kamerbrief.afzender.ministerie:
        yield waarschuwing(
            "kamerbrief.afzender",
            "het briefhoofd noemt geen ministerie; vul het eenmaal in voor alle nota's in de map, in "
            "notawriter.yaml naast de nota: afzender: {ministerie: …, bezoekadres: …, retouradres: …}, "
            "of voor deze nota met notawriter edit NOTA --section briefhoofd "
            "of notawriter set NOTA kamerbrief.afzender.ministerie='Ministerie van …'",
        )


def _beslispunten(nota: Nota, today: dt.date) -> Iterator[Finding]:
    from notawriter.view.kamerbrief import placed_in_letter

    placed = placed_in_letter(nota)
    via_aanbevelingen = {a.beslispunt for a in nota.aanbevelingen if a.beslispunt}
    signers = ", ".join(o.afkorting for o in nota.ondertekenaars) or "eerst ondertekenaars toevoegen"
    for i, bp in enumerate(nota.beslispunten):
        here = f"beslispunten[{i}]"
        name = f"beslispunt '{bp.key}'" if bp.key else f"beslispunt {i + 1}"
        if not bp.tekst.strip():
            yield fout(f"{here}.tekst", f"{name} heeft geen tekst; beschrijf waarmee akkoord wordt gevraagd")
        if not bp.akkoord:
            yield _missing(nota)(
                f"{here}.akkoord", f"{name}: niemand geeft akkoord; vul in bijv. akkoord: [M] (toegestaan: {signers})"
            )
        if len(bp.opties) == 1:
            yield fout(
                f"{here}.opties",
                "een beslispunt heeft geen of ten minste twee opties; voeg een tweede optie toe of haal de optie weg",
            )
        for j, optie in enumerate(bp.opties):
            if not (optie.tekstsuggestie or "").strip():
                yield waarschuwing(
                    f"{here}.opties[{j}].tekstsuggestie",
                    f"optie '{optie.key}' heeft geen tekstsuggestie; de Kamerbrief krijgt daar een invulplek",
                )
        if bp.opties and bp.key not in placed and bp.key not in via_aanbevelingen:
            yield waarschuwing(
                f"{here}.key",
                f"geen sectie van de Kamerbrief plaatst {name}; het komt achteraan in de Kamerbrief "
                f"(zet beslispunt: {bp.key} bij een sectie in kamerbrief.secties)",
            )
        if bp.keuze and bp.ambtelijk_advies and bp.keuze != bp.ambtelijk_advies:
            yield waarschuwing(
                f"{here}.keuze",
                f"keuze '{bp.keuze}' wijkt af van het ambtelijk advies '{bp.ambtelijk_advies}'; "
                "controleer of dit de bedoeling is",
            )


def cited_motions(nota: Nota) -> set[str]:
    """Keys of the motions the note refers to, by list or by [motie:sleutel] in a text."""
    from notawriter.markup import motion_refs
    from notawriter.model import iter_texts

    cited: set[str] = set()
    for bp in nota.beslispunten:
        cited.update(bp.moties)
        for optie in bp.opties:
            cited.update(optie.moties)
    for _, text in iter_texts(nota):
        cited.update(motion_refs(text))
    return cited


def _moties(nota: Nota, today: dt.date) -> Iterator[Finding]:
    from notawriter.markup import motion_refs
    from notawriter.model import iter_texts

    cited = cited_motions(nota)
    # A footnote ([motie:KEY]) needs the full citation; a motion only listed under Relevante moties
    # (and linked to a decision point) is named there as the reference note does, by its submitters.
    footnoted = {key for _, text in iter_texts(nota) for key in motion_refs(text)}
    for i, motie in enumerate(nota.moties):
        missing = [
            label
            for label, present in (
                ("indieners", bool(motie.indieners)),
                ("dossier", bool(motie.dossier)),
                ("volgnummer", motie.volgnummer is not None),
            )
            if not present and (label == "indieners" or motie.key in footnoted)
        ]
        if missing:
            yield fout(
                f"moties[{i}]",
                f"motie '{motie.key}' is niet volledig te citeren; vul aan: {', '.join(missing)} "
                "(of haal hem op met 'notawriter motie fetch')",
            )
        if motie.key not in cited:
            yield waarschuwing(
                f"moties[{i}]",
                f"motie '{motie.key}' wordt nergens genoemd; verwijs ernaar met [motie:{motie.key}] of "
                "moties: bij een beslispunt, of haal hem weg",
            )


def _aanbevelingen(nota: Nota, today: dt.date) -> Iterator[Finding]:
    from notawriter.model import Appreciatie

    # A recommendation handed to a decision point is answered by that point's keuze.
    items = [a for a in nota.aanbevelingen if not a.beslispunt]
    open_ = [a.nummer for a in items if a.appreciatie == Appreciatie.OPEN]
    if open_:
        yield waarschuwing(
            "aanbevelingen",
            f"{_count(len(open_), 'aanbeveling')} met appreciatie 'nog te bepalen' ({_listing(open_)}); "
            "kies overnemen, deels overnemen, niet overnemen of staand beleid",
        )
    without = [a.nummer for a in items if not (a.reactie or "").strip()]
    if without:
        yield waarschuwing(
            "aanbevelingen",
            f"{_count(len(without), 'aanbeveling')} zonder reactie ({_listing(without)}); vul per aanbeveling reactie: in",
        )


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}en"


def _listing(items: list[str], limit: int = 6) -> str:
    shown = ", ".join(items[:limit])
    return shown + (f" en nog {len(items) - limit}" if len(items) > limit else "")


# --- template lints -----------------------------------------------------------------------------


def template_findings(nota: Nota, templates: Path | None) -> list[Finding]:
    """Per template (see tplcheck): broken Jinja tags and fields the view lacks (fout), main
    sections it leaves out and notawriter's Word styles it lacks (waarschuwing).

    A shipped template that is missing is skipped; a missing one in the user's own folder is a 'fout'.
    """
    from notawriter.documents import genre_of
    from notawriter.word import tplcheck
    from notawriter.word.template import template_bytes, template_path

    genre = genre_of(nota)
    samples: dict[str, dict[str, Any]] | None = None
    findings: list[Finding] = []
    checked: set[str] = set()
    for document in genre.documents:  # each template once, with the context of its first document
        name = document.template
        if name in checked:
            continue
        checked.add(name)
        try:
            path = template_path(name, templates)
        except NotaError as exc:
            findings.append(fout(f"{name}.docx", exc.message))
            continue
        if not path.exists():
            continue
        try:
            context = document.context(nota, None, None)
            template = tplcheck.read_template(template_bytes(path))
        except NotaError as exc:
            findings.append(fout(path.name, exc.message.removeprefix(f"{path}: ")))
            continue
        if samples is None:  # a small note of this genre with one of every list item
            sample = genre.sample()
            samples = {d.template: d.context(sample, None, None) for d in reversed(genre.documents)}
        try:  # fields of lists empty in this note are checked against a sample note's
            fields = tplcheck.check_fields(template, tplcheck.with_sample_lists(context, samples[name]))
        except NotaError as exc:
            findings.append(fout(path.name, exc.message))
        else:
            findings.extend(compare_variables(path, fields, context, document.main_sections))
        if missing := tplcheck.missing_styles(template, name):
            findings.append(waarschuwing(path.name, tplcheck.styles_message(missing)))
    return findings


def compare_variables(
    path: Path, fields: tplcheck.FieldCheck, context: dict[str, Any], main_sections: Iterable[str]
) -> list[Finding]:
    """Every unknown field in one 'fout'; a main section with content the template never shows."""
    from notawriter.word.tplcheck import text_loop_message, unknown_message

    findings = []
    if fields.unknown:
        findings.append(fout(path.name, unknown_message(list(fields.unknown.values()), context)))
    if fields.text_loops:
        findings.append(fout(path.name, text_loop_message(fields.text_loops)))
    for name in main_sections:
        if name in context and name not in fields.roots and _has_content(context[name]):
            findings.append(
                waarschuwing(
                    path.name,
                    f"sjabloon toont '{name}' niet, terwijl de nota daar inhoud voor heeft; voeg {{{{p {name} }}}} of {{{{ {name} }}}} toe",
                )
            )
    return findings


def _has_content(value: Any) -> bool:
    if isinstance(value, dict):
        return any(_has_content(v) for v in value.values())
    return bool(value)
