"""Template contexts: everything nota.docx, kamerbrief.docx and bijlage.docx can use, redacted as asked."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from notawriter.dates import format_date
from notawriter.model import Nota
from notawriter.view.aanbevelingen import (
    aanbevelingen_brief_flow,
    aanbevelingen_summary,
    bijlage_rows,
    kernpunten_aanbevelingen_flow,
    settled_all,
)
from notawriter.view.flows import Flow, _flow_of
from notawriter.view.kamerbrief import brief_secties_flow
from notawriter.view.nota import besluit_flow, bijlagen_flow, leeswijzer_flow, moties_flow, opties_flow, secties_flow
from notawriter.view.redaction import Redactor


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
    opties = opties_flow(nota, choose)
    kernpunten = kernpunten_aanbevelingen_flow(nota, choose)
    context: dict[str, Any] = {
        "kop": {
            "type": kop.type.value,
            "onderwerp": kop.onderwerp,
            "aan": red.field(kop.aan, personal=False),
            "van": red.field(kop.van, personal=True),
            "via": red.field(kop.via, personal=False),
            "kopie_aan": red.field(kop.kopie_aan, personal=False),
            "datum": format_date(kop.datum),
            "referentie": kop.referentie or "",
            "opgesteld_door": red.field(kop.opgesteld_door, personal=True),
            "plandatum": format_date(kop.plandatum),
            "kamer": format_date(kop.kamer),
            "binnengekomen_op": format_date(kop.binnengekomen_op),
            "bijlagen": str(len(nota.bijlagen)) if nota.bijlagen else "",
        },
        "aanleiding": _flow_of(nota.aanleiding),
        "besluit": besluit_flow(nota, choose),
        "leeswijzer": leeswijzer_flow(nota, bool(opties), bool(nota.aanbevelingen)),
        "kernpunten_aanbevelingen": kernpunten,
        "secties": secties_flow(nota),
        "opties": opties,
        "moties": moties_flow(nota),
        "communicatie": _flow_of(nota.communicatie),
        "niet_openbaar": _flow_of(nota.niet_openbaar),
        "bijlagen": bijlagen_flow(nota),
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
    signers = {o.afkorting: o for o in nota.ondertekenaars}
    context: dict[str, Any] = {
        "brief": {
            "onderwerp": brief.onderwerp or nota.kop.onderwerp,
            "datum": format_date(brief.datum),
            "referentie": brief.referentie or nota.kop.referentie or "",
            "aanhef": brief.aanhef,
            "bijlagen": str(len(brief.bijlagen)) if brief.bijlagen else "",
            "ministerie": brief.afzender.ministerie if brief.afzender else "",
            "bezoekadres": (brief.afzender.bezoekadres or "") if brief.afzender else "",
            "retouradres": (brief.afzender.retouradres or "") if brief.afzender else "",
        },
        "inleiding": _flow_of(brief.inleiding),
        "secties": brief_secties_flow(nota, choose),
        "aanbevelingen": aanbevelingen_brief_flow(nota, choose),
        "slot": _flow_of(brief.slot),
        "ondertekenaars": [
            {"titel": f"De {signers[k].titel},", "naam": signers[k].naam} for k in brief.ondertekening if k in signers
        ],
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
    return map_context(value, red.flow)
