"""The `import-aanbevelingen` command: read a report, write a new note or add to one, print a report."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from notawriter.aanbevelingen.parser import ImportResult, parse_recommendations
from notawriter.errors import NotaError, OutputError
from notawriter.reports import TEXT_SUFFIXES, read_report

if TYPE_CHECKING:
    from notawriter.model import Aanbeveling


def import_report(report: Path) -> ImportResult:
    """Read and parse a report; a NotaError when it has no recommendations we can find."""
    text = read_report(report)
    unit = "regel" if report.suffix.lower() in TEXT_SUFFIXES else None
    result = parse_recommendations(text, unit=unit)
    if not result.aanbevelingen:
        raise NotaError(
            f"{report}: geen aanbevelingen gevonden; verwacht een kop 'Aanbevelingen' met genummerde punten "
            "(1., 2. of a), b)) of kopjes als 'Aanbeveling 1:'; zet zo'n kop boven de lijst en probeer opnieuw"
        )
    return result


#: The subject's report title when the report does not show one.
UNKNOWN_TITLE = "«titel van het rapport»"


def new_note(result: ImportResult, report: Path) -> Any:
    """A minimal valid note holding the imported recommendations."""
    from notawriter.model import Kop, Nota, NotaType

    # no title found: a visible placeholder ('check' asks for it), not the file's name
    subject = f"Kabinetsreactie op {result.titel or UNKNOWN_TITLE}"
    return Nota(kop=Kop(type=NotaType.TER_BESLISSING, onderwerp=subject), aanbevelingen=result.aanbevelingen)


def add_to_document(doc: Any, recs: Iterable[Aanbeveling]) -> int:
    """Append recommendations to a loaded round-trip note; refuses numbers already present."""
    from ruamel.yaml.comments import CommentedSeq

    from notawriter.model import Kop, Nota
    from notawriter.notefile import to_yaml_data, validate

    recs = list(recs)
    existing = doc.data.get("aanbevelingen")
    present = {str(item.get("nummer")) for item in existing or [] if hasattr(item, "get")}
    if dupes := [r.nummer for r in recs if r.nummer in present]:
        raise NotaError(
            f"{doc.path}: aanbeveling(en) {', '.join(dupes)} staan al in de nota; niets toegevoegd. "
            "Haal ze eerst weg uit de nota of lees in als nieuwe nota met -o"
        )
    items = to_yaml_data(Nota(kop=Kop(onderwerp="-"), aanbevelingen=recs))["aanbevelingen"]
    if not existing:
        doc.data["aanbevelingen"] = CommentedSeq()
    for item in items:
        doc.data["aanbevelingen"].append(item)
    doc.nota = validate(doc.data, doc.path)
    return len(doc.data["aanbevelingen"])


def report_lines(result: ImportResult, report: Path) -> list[str]:
    """The short Dutch summary printed after an import."""
    n = len(result.aanbevelingen)
    lines = [f"{n} aanbeveling{'en' if n != 1 else ''} gevonden in {report.name}"]
    if result.vindplaatsen:
        lines[0] += f" (bij {' en '.join(result.vindplaatsen)})"
    lines.append("Per groep:")
    for group, numbers in result.per_groep().items():
        span = numbers[0] if len(numbers) == 1 else f"{numbers[0]} t/m {numbers[-1]}"
        name = group if len(group) <= 70 else group[:69] + "…"
        lines.append(f"  {len(numbers):>3}  {name} ({span})")
    if result.onzeker:
        lines.append("Controleer in het rapport:")
        lines.extend(f"  - {note}" for note in result.onzeker)
    return lines


def import_command(report: Path, output: Path | None, into: Path | None) -> int:
    """`notawriter import-aanbevelingen RAPPORT (-o NIEUW.yaml | --into NOTA.yaml)`."""
    from notawriter.notefile import load_document, save_document, save_note

    if (output is None) == (into is None):
        raise NotaError("geef precies één doel op: -o NIEUW.yaml (nieuwe nota) of --into NOTA.yaml (aanvullen)")
    if output is not None and output.exists():
        raise OutputError(
            f"{output}: bestaat al en wordt niet overschreven; kies een andere naam of vul aan met --into {output}"
        )
    doc = load_document(into) if into is not None else None
    result = import_report(report)
    if doc is not None:
        total = add_to_document(doc, result.aanbevelingen)
        save_document(doc)
        done = f"Toegevoegd aan {into}: de nota heeft nu {total} aanbeveling{'en' if total != 1 else ''}."
    else:
        save_note(output, new_note(result, report))  # type: ignore[arg-type]
        done = f"Nieuwe nota geschreven: {output}"
    for line in report_lines(result, report):
        print(line)
    print(done)
    return 0
