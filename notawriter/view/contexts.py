"""Template contexts: everything nota.docx, kamerbrief.docx and bijlage.docx can use, redacted as asked."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from notawriter.dates import format_date
from notawriter.letterhead import letterhead_context
from notawriter.model import Nota
from notawriter.view.aanbevelingen import (
    aanbevelingen_brief_flow,
    aanbevelingen_summary,
    bijlage_rows,
    kernpunten_aanbevelingen_flow,
    settled_all,
)
from notawriter.view.flows import Flow
from notawriter.view.kamerbrief import brief_secties_flow, inleiding_flow, signatories, slot_flow
from notawriter.view.nota import (
    Placer,
    besluit_flow,
    bijlagen_flow,
    leeswijzer_flow,
    moties_flow,
    opties_flow,
    secties_flow,
    text_flow,
)
from notawriter.view.redaction import Redactor


def letter_attachments(nota: Nota) -> str:
    """Bijlage(n) in the letter's reference column: the letter's own list, else the generated
    recommendations table (bijlage.docx) when there is one; '' when the letter has none."""
    count = len(nota.kamerbrief.bijlagen) or (1 if nota.aanbevelingen else 0)
    return str(count) if count else ""


def check_choices(nota: Nota, choose: Mapping[str, str], flag: str = "--choose") -> None:
    """Refuse a choice of a decision point or option the note does not have, naming the `flag` it came from."""
    from notawriter.errors import NotaError

    points = {b.key: b for b in nota.beslispunten if b.key and b.opties}
    for key, choice in choose.items():
        if key not in points:
            raise NotaError(
                f"{flag} {key}={choice}: beslispunt '{key}' bestaat niet of heeft geen opties; "
                f"kies uit: {', '.join(points) or 'geen'}"
            )
        options = [o.key for o in points[key].opties]
        if choice not in options:
            raise NotaError(f"{flag} {key}={choice}: optie '{choice}' bestaat niet; kies uit: {', '.join(options)}")


def nota_context(nota: Nota, choose: Mapping[str, str] | None = None, redactor: Redactor | None = None) -> dict[str, Any]:
    """Everything templates/nota.docx can use."""
    choose = dict(choose or {})
    check_choices(nota, choose)
    red = redactor or Redactor(openbaar=False)
    kop = nota.kop
    placer = Placer(nota, choose)  # texts in document order: a mirror or a second marker points back
    aanleiding = text_flow(placer, nota.aanleiding, "Aanleiding")
    leeswijzer = leeswijzer_flow(nota, bool(placer.unplaced()), bool(nota.aanbevelingen), placer)
    kernpunten = kernpunten_aanbevelingen_flow(nota, choose)
    secties = secties_flow(nota, placer)
    opties = opties_flow(nota, choose, placer)
    context: dict[str, Any] = {
        "kop": {
            "type": kop.type.value,
            "onderwerp": kop.onderwerp,
            "aan": red.field(kop.aan, personal=False),
            "van": red.persons(kop.van),
            "via": red.persons(kop.via),
            "kopie_aan": red.persons(kop.kopie_aan),
            "datum": format_date(kop.datum),
            "referentie": kop.referentie or "",
            "opgesteld_door": red.persons(kop.opgesteld_door),
            "plandatum": format_date(kop.plandatum),
            "kamer": format_date(kop.kamer),
            "binnengekomen_op": format_date(kop.binnengekomen_op),
            "bijlagen": str(len(nota.bijlagen)) if nota.bijlagen else "",
        },
        "afzender": letterhead_context(nota.kamerbrief.afzender, red, directie=True),
        "aanleiding": aanleiding,
        "besluit": besluit_flow(nota, choose),
        "leeswijzer": leeswijzer,
        "kernpunten_aanbevelingen": kernpunten,
        "secties": secties,
        "opties": opties,
        "moties": moties_flow(nota),
        "communicatie": text_flow(placer, nota.communicatie, "Communicatie en woordvoering"),
        "niet_openbaar": text_flow(placer, nota.niet_openbaar, "Informatie die niet openbaar gemaakt kan worden"),
        "bijlagen": bijlagen_flow(nota, placer),
    }
    return _redact_flows(context, red)


def kamerbrief_context(
    nota: Nota, choose: Mapping[str, str] | None = None, redactor: Redactor | None = None
) -> dict[str, Any]:
    """Everything templates/kamerbrief.docx can use."""
    choose = dict(choose or {})
    check_choices(nota, choose)
    red = redactor or Redactor(openbaar=False)
    brief = nota.kamerbrief
    done: set[str] = set()  # decision points whose text suggestion is placed (each once)
    inleiding = inleiding_flow(nota, choose, done)
    secties = brief_secties_flow(nota, choose, done)
    context: dict[str, Any] = {
        "brief": {
            "onderwerp": brief.onderwerp or nota.kop.onderwerp,
            "datum": format_date(brief.datum),
            "referentie": brief.referentie or nota.kop.referentie or "",
            "aanhef": brief.aanhef,
            "uw_referentie": brief.uw_referentie or "",
            "bijlagen": letter_attachments(nota),
            # the letterhead as one text each, for templates made before `afzender` (see letterhead.py)
            "ministerie": (brief.afzender.ministerie or "") if brief.afzender else "",
            "bezoekadres": (brief.afzender.bezoekadres or "") if brief.afzender else "",
            "retouradres": (brief.afzender.retouradres or "") if brief.afzender else "",
        },
        "afzender": letterhead_context(brief.afzender, red, directie=False),
        "inleiding": inleiding,
        "secties": secties,
        "aanbevelingen": aanbevelingen_brief_flow(nota, choose),
        "slot": slot_flow(nota, choose, done),
        "ondertekenaars": signatories(nota),
    }
    return _redact_flows(context, red)


def bijlage_context(
    nota: Nota, redactor: Redactor | None = None, choose: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """Everything templates/bijlage.docx can use: the recommendations table."""
    choose = dict(choose or {})
    check_choices(nota, choose)
    red = redactor or Redactor(openbaar=False)
    states = settled_all(nota, choose)
    context = {
        "onderwerp": nota.kamerbrief.onderwerp or nota.kop.onderwerp,
        "samenvatting": aanbevelingen_summary(nota.aanbevelingen, states) if nota.aanbevelingen else "",
        "rijen": bijlage_rows(nota, choose),
    }
    return _redact_flows(context, red)


def map_context(value: Any, on_flow: Callable[[Flow], Any], on_text: Callable[[str], Any] = str) -> Any:
    """A context with every Flow and string passed through a function (nested dicts and lists)."""
    if isinstance(value, Flow):
        return on_flow(value)
    if isinstance(value, Mapping):
        return {k: map_context(v, on_flow, on_text) for k, v in value.items()}
    if isinstance(value, list):
        return [map_context(v, on_flow, on_text) for v in value]
    if isinstance(value, str):
        return on_text(value)
    return value


def _redact_flows(value: Any, red: Redactor) -> Any:
    """Every flow and every plain string of a context redacted: a mark works in any field."""
    return map_context(value, red.flow, red.text)
