"""The kamervragen documents as view contexts: the answers document, the covering letter, the
nota TER ONDERTEKENING and the uitstelbericht.

The answers document has its own template (antwoorden.docx). The two letters fill the Kamerbrief
template and the nota the nota template: each is built by handing the beslisnota's own context
builders a note made from this one, so letterhead, reference column and redaction work the same.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from notawriter.dates import format_date
from notawriter.kamervragen.model import KamervragenNota, Uitstel
from notawriter.model import Beslispunt, Indiener, Nota, NotaType, Sectie
from notawriter.view import LABEL, PLACEHOLDER, Flow, Redactor, kamerbrief_context, nota_context


def joined(items: list[str]) -> str:
    """'a', 'a en b', 'a, b en c'."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " en " + items[-1]


def with_article(function: str) -> str:
    """'minister van Financiën' → 'de minister van Financiën' (kept when it already has one)."""
    text = function.strip()
    if not text:
        return text
    if re.match(r"^(de|het)\s", text, re.IGNORECASE):
        return text[0].lower() + text[1:]
    first, _, rest = text.partition(" ")
    if first.lower() in ("minister", "staatssecretaris", "minister-president", "premier"):
        first = first.lower()
    return f"de {first}{' ' + rest if rest else ''}"


def leden(vragenstellers: list[Indiener]) -> str:
    """'het lid Hirsch (GL-PvdA)', 'de leden Hirsch en Piri (beiden GL-PvdA)',
    'de leden Hirsch (GL-PvdA) en Van der Plas (BBB)'."""
    if not vragenstellers:
        return "de leden [namen nog in te vullen]"
    parties = {i.fractie for i in vragenstellers}
    if len(vragenstellers) == 1:
        lid = vragenstellers[0]
        return f"het lid {lid.naam}" + (f" ({lid.fractie})" if lid.fractie else "")
    if len(parties) == 1 and None not in parties:
        together = "beiden" if len(vragenstellers) == 2 else "allen"
        return f"de leden {joined([i.naam for i in vragenstellers])} ({together} {vragenstellers[0].fractie})"
    return "de leden " + joined([i.naam + (f" ({i.fractie})" if i.fractie else "") for i in vragenstellers])


def leden_kort(vragenstellers: list[Indiener]) -> str:
    """Without parties, for a subject line: 'de leden Hirsch en Piri'."""
    if len(vragenstellers) == 1:
        return f"het lid {vragenstellers[0].naam}"
    return "de leden " + joined([i.naam for i in vragenstellers]) if vragenstellers else "de leden"


def escape(text: str) -> str:
    """Plain text placed into generated markup: '*', '[' and '\\' stay literal."""
    return re.sub(r"([\\*\[\]])", r"\\\1", text)


def _signers(nota: Nota) -> list[str]:
    return list(nota.kamerbrief.ondertekening) or [o.afkorting for o in nota.ondertekenaars[:1]]


def _answering(nota: Nota) -> list[str]:
    """The functions of who answers: the signatories, or before they are known the first minister
    the questions were addressed to (`aan`)."""
    signers = {o.afkorting: o for o in nota.ondertekenaars}
    titles = [signers[k].titel for k in _signers(nota) if k in signers]
    addressed = [a for a in getattr(nota, "aan", []) if a.strip()]
    return titles or addressed[:1]


def bewindspersoon(nota: Nota) -> str:
    """Who answers, in running text: 'de minister voor Buitenlandse Handel en Ontwikkelingshulp'."""
    titles = _answering(nota)
    return with_article(titles[0]) if titles else "de minister [nog in te vullen]"


def mede_namens(nota: KamervragenNota) -> list[str]:
    """On whose behalf as well the answers are given: `mede_namens`, or else the other addressees
    of the questions (`aan`) when the one who signs is among them."""
    if nota.mede_namens:
        return list(nota.mede_namens)
    titles = {_bare(t) for t in _answering(nota)}
    addressed = [a for a in nota.aan if a.strip()]
    if not titles or not titles & {_bare(a) for a in addressed}:
        return []
    return [a for a in addressed if _bare(a) not in titles]


def _bare(function: str) -> str:
    return re.sub(r"^(de|het)\s+", "", " ".join(function.split()), flags=re.IGNORECASE).casefold()


def _mede_namens(nota: KamervragenNota) -> str:
    return joined([with_article(m) for m in mede_namens(nota)])


def _over(nota: KamervragenNota) -> str:
    return nota.over.strip() or nota.kop.onderwerp


def titel(nota: KamervragenNota) -> str:
    """'Antwoorden van de minister …, mede namens …, op vragen van de leden … over …'."""
    mede = _mede_namens(nota)
    who = bewindspersoon(nota) + (f", mede namens {mede}," if mede else "")
    return f"Antwoorden van {who} op vragen van {leden(nota.vragenstellers)} over {_over(nota)}"


def _numbers(numbers: list[int]) -> str:
    return joined([str(n) for n in numbers])


def antwoorden_flow(nota: KamervragenNota) -> Flow:
    """Each question in order, 'Vraag n' with its text and 'Antwoord' below it; an answer to
    several questions once, after the last of them, as 'Antwoord op vraag 5 en 6'."""
    flow = Flow()
    position = {v.nummer: i for i, v in enumerate(nota.vragen)}
    for i, vraag in enumerate(nota.vragen):
        flow.text(LABEL, f"Vraag {vraag.nummer}", bold=True)
        if vraag.tekst.strip():
            flow.markup(vraag.tekst)
        else:
            flow.text(PLACEHOLDER, "[Tekst van de vraag nog in te vullen]")
        antwoord = nota.antwoord_op(vraag.nummer)
        if antwoord is None:
            flow.text(LABEL, "Antwoord", bold=True)
            flow.text(PLACEHOLDER, "[Antwoord nog in te vullen]")
            continue
        if max(position[n] for n in antwoord.vragen) != i:
            continue  # a joint answer comes after the last question it answers
        heading = "Antwoord" if len(antwoord.vragen) == 1 else f"Antwoord op vraag {_numbers(sorted(antwoord.vragen))}"
        flow.text(LABEL, heading, bold=True)
        if antwoord.tekst.strip():
            flow.markup(antwoord.tekst)
        else:
            flow.text(PLACEHOLDER, "[Antwoord nog in te vullen]")
    return flow


def antwoorden_context(
    nota: Nota, choose: Mapping[str, str] | None = None, redactor: Redactor | None = None
) -> dict[str, Any]:
    """Everything templates/antwoorden.docx can use."""
    kv = _as_kamervragen(nota)
    red = redactor or Redactor(openbaar=False)
    context: dict[str, Any] = {
        "titel": titel(kv),
        "kenmerk": kv.kenmerk or "",
        "ingezonden": format_date(kv.ingezonden),
        "referentie": kv.kamerbrief.referentie or kv.kop.referentie or "",
        "vragen": antwoorden_flow(kv),
    }
    return dict(red.context(context))  # flows and plain strings: a [[…]] mark works in every field


# --- the documents made with the beslisnota's templates -------------------------------------------


def _as_nota(nota: KamervragenNota, **update: Any) -> Nota:
    """This note as a plain beslisnota (the fields they share), with `update` applied."""
    fields = {name: getattr(nota, name) for name in Nota.model_fields}
    fields.update(soort=None, **update)
    return Nota.model_construct(**fields)


def _vragen_zin(nota: KamervragenNota) -> str:
    return f"de schriftelijke vragen gesteld door {escape(leden(nota.vragenstellers))} over {escape(_over(nota))}"


def _ingezonden_zin(nota: KamervragenNota) -> str:
    when = format_date(nota.ingezonden) or "[datum nog in te vullen]"
    kenmerk = f" met kenmerk {nota.kenmerk}" if nota.kenmerk else ""
    return f"Deze vragen werden ingezonden op {when}{kenmerk}."


def aanbiedingsbrief_context(
    nota: Nota, choose: Mapping[str, str] | None = None, redactor: Redactor | None = None
) -> dict[str, Any]:
    """The covering letter to the Voorzitter: 'Hierbij bied ik u, mede namens …, de antwoorden aan …'."""
    kv = _as_kamervragen(nota)
    mede = _mede_namens(kv)
    intro = (
        f"Hierbij bied ik u{', mede namens ' + escape(mede) + ',' if mede else ''} de antwoorden aan op "
        f"{_vragen_zin(kv)}. {_ingezonden_zin(kv)}"
    )
    brief = kv.kamerbrief
    letter = brief.model_copy(
        update={
            "onderwerp": brief.onderwerp or f"Beantwoording vragen van {leden_kort(kv.vragenstellers)} over {_over(kv)}",
            "inleiding": intro + (f"\n\n{brief.inleiding}" if brief.inleiding else ""),
            "bijlagen": brief.bijlagen or ["Antwoorden op de schriftelijke vragen"],
            "ondertekening": _signers(kv),
        }
    )
    return kamerbrief_context(_as_nota(kv, kamerbrief=letter), {}, redactor)


def uitstel_context(
    nota: Nota, choose: Mapping[str, str] | None = None, redactor: Redactor | None = None
) -> dict[str, Any]:
    """The uitstelbericht: the answers come later, with the reason and the expected date."""
    kv = _as_kamervragen(nota)
    uitstel = kv.uitstel or Uitstel()
    mede = _mede_namens(kv)
    parts = [
        f"Hierbij deel ik u{', mede namens ' + escape(mede) + ',' if mede else ''} mee dat {_vragen_zin(kv)} "
        f"niet binnen de gebruikelijke termijn van drie weken kunnen worden beantwoord. {_ingezonden_zin(kv)}"
    ]
    if uitstel.reden.strip():
        parts.append(uitstel.reden)
    if uitstel.verwachte_datum:
        parts.append(f"Ik streef ernaar de vragen uiterlijk {format_date(uitstel.verwachte_datum)} te beantwoorden.")
    else:
        parts.append("Ik streef ernaar de vragen zo spoedig mogelijk te beantwoorden.")
    brief = kv.kamerbrief
    letter = brief.model_copy(
        update={
            "onderwerp": f"Uitstel beantwoording vragen van {leden_kort(kv.vragenstellers)} over {_over(kv)}",
            "datum": uitstel.datum,
            "inleiding": "\n\n".join(parts),
            "secties": [],
            "slot": None,
            "bijlagen": [],
            "ondertekening": _signers(kv),
        }
    )
    return kamerbrief_context(_as_nota(kv, kamerbrief=letter), {}, redactor)


def ondertekening_nota(kv: KamervragenNota) -> Nota:
    """The nota TER ONDERTEKENING as a beslisnota: one decision point (sign the answers), who
    contributed, the deadline, and the documents as attachments."""
    termijn = kv.termijn()
    kop = kv.kop.model_copy(
        update={
            "type": NotaType.TER_ONDERTEKENING if kv.kop.type == NotaType.TER_BESLISSING else kv.kop.type,
            "plandatum": kv.kop.plandatum or termijn,
            "binnengekomen_op": kv.kop.binnengekomen_op or kv.ingezonden,
        }
    )
    kenmerk = f" (kenmerk {kv.kenmerk})" if kv.kenmerk else ""
    wie = escape(leden(kv.vragenstellers))
    aanleiding = kv.aanleiding or (
        f"{wie[:1].upper()}{wie[1:]} "
        f"{'heeft' if len(kv.vragenstellers) == 1 else 'hebben'} "
        f"{'op ' + format_date(kv.ingezonden) + ' ' if kv.ingezonden else ''}schriftelijke vragen gesteld over "
        f"{escape(_over(kv))}{kenmerk}."
    )
    signers = _signers(kv)
    points = [
        Beslispunt(
            akkoord=signers,
            tekst=f"Ondertekening van bijgaande antwoorden op {_vragen_zin(kv)}{kenmerk} en van de aanbiedingsbrief "
            "aan de Voorzitter van de Tweede Kamer.",
        )
    ]
    if kv.uitstel is not None:
        verwacht = f" (beantwoording verwacht uiterlijk {format_date(kv.uitstel.verwachte_datum)})" if kv.uitstel.verwachte_datum else ""
        points.append(Beslispunt(akkoord=signers, tekst=f"Ondertekening van het uitstelbericht aan de Tweede Kamer{verwacht}."))
    secties: list[Sectie] = []
    if kv.bijdragen:
        secties.append(
            Sectie(titel="Totstandkoming", tekst="Aan de beantwoording droegen bij:\n\n" + "\n".join(f"- {b}" for b in kv.bijdragen))
        )
    if termijn is not None:
        text = f"De antwoorden moeten uiterlijk {format_date(termijn)} bij de Tweede Kamer zijn"
        text += f" (drie weken na indiening op {format_date(kv.ingezonden)})." if kv.deadline is None and kv.ingezonden else "."
        if kv.uitstel is not None:
            text += " Omdat dat niet haalbaar is, gaat er een uitstelbericht naar de Kamer."
        secties.append(Sectie(titel="Termijn", tekst=text))
    bijlagen = [f"Antwoorden op de schriftelijke vragen{kenmerk}", "Aanbiedingsbrief aan de Voorzitter van de Tweede Kamer"]
    if kv.uitstel is not None:
        bijlagen.append("Uitstelbericht aan de Voorzitter van de Tweede Kamer")
    return _as_nota(
        kv,
        kop=kop,
        aanleiding=aanleiding,
        beslispunten=points,
        secties=secties + list(kv.secties),
        bijlagen=bijlagen + list(kv.bijlagen),
    )


def ondertekening_context(
    nota: Nota, choose: Mapping[str, str] | None = None, redactor: Redactor | None = None
) -> dict[str, Any]:
    """The nota TER ONDERTEKENING, in templates/nota.docx."""
    return nota_context(ondertekening_nota(_as_kamervragen(nota)), choose, redactor)


def _as_kamervragen(nota: Nota) -> KamervragenNota:
    if not isinstance(nota, KamervragenNota):
        from notawriter.errors import NotaError

        raise NotaError("dit document hoort bij soort kamervragen; zet 'soort: kamervragen' bovenaan de nota")
    return nota


def antwoorden_paragraphs(nota: Nota, choose: Mapping[str, str] | None = None) -> list[str]:
    """The answers document's text as paragraphs (for diff)."""
    kv = _as_kamervragen(nota)
    return [titel(kv), *antwoorden_flow(kv).plain()]
