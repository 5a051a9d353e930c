"""The `kamervragen` note: written parliamentary questions, their answers and the deadline.

A kamervragen note is a `Nota` (same kop, ondertekenaars, moties, kamerbrief — the covering
letter — and free sections for the nota TER ONDERTEKENING) with `soort: kamervragen` and the
fields below. Loading picks the class from `soort` (see `notawriter.documents.note_model`);
a file without `soort` is a beslisnota, so every existing note loads as before.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from notawriter.model import Datum, Herkomst, Indiener, Markup, Nota, _Model

#: Written questions must be answered within three weeks of being submitted (Reglement van Orde, art. 12.2).
TERMIJN_DAGEN = 21

Kenmerk = Annotated[
    str,
    StringConstraints(pattern=r"^\d{4}Z\d{3,6}$"),
    Field(description="Kenmerk (zaaknummer) van de Tweede Kamer, bijv. '2025Z04931'."),
]


class Vraag(_Model):
    """One question as the Kamer published it."""

    nummer: int = Field(ge=1, description="Nummer van de vraag, bijv. 1.")
    tekst: Markup = Field("", description="De vraag zoals gepubliceerd.")


class Antwoord(_Model):
    """The answer to one question, or one answer to several ('Antwoord op vraag 5 en 6')."""

    vragen: list[int] = Field(min_length=1, description="Nummer(s) van de beantwoorde vraag of vragen, bijv. [5, 6].")
    tekst: Markup = Field("", description="Het antwoord; opmaak en voetnoten als elders.")
    herkomst: Herkomst | None = Field(None, description="Waar de tekst vandaan kwam (bibliotheek of andere nota).")


class Standaardantwoord(_Model):
    """A reusable answer text in a library (`antwoorden:` there); a note's copy is an `Antwoord`
    with its own `vragen` and a herkomst, so `lib status` reports when the library text changes."""

    vragen: list[int] = Field(default_factory=list, description="In een nota: de beantwoorde vraag of vragen.")
    tekst: Markup = Field(min_length=1, description="De tekst van het antwoord.")
    herkomst: Herkomst | None = None


class Uitstel(_Model):
    """An uitstelbericht: the Kamer is told the answers will come later, and why."""

    reden: Markup = Field("", description="Waarom de beantwoording meer tijd vraagt.")
    verwachte_datum: Datum | None = Field(None, description="Wanneer de antwoorden naar verwachting komen.")
    datum: Datum | None = Field(None, description="Datum van het uitstelbericht; leeg tot verzending.")


class KamervragenNota(Nota):
    """Answers to written questions: the answers document, the covering letter and the nota TER ONDERTEKENING."""

    soort: Literal["kamervragen"] = Field(  # type: ignore[assignment]
        "kamervragen", description="Soort stuk: 'kamervragen' (beantwoording schriftelijke vragen)."
    )
    kenmerk: Kenmerk | None = None
    ingezonden: Datum | None = Field(None, description="Datum waarop de vragen zijn ingezonden.")
    vragenstellers: list[Indiener] = Field(default_factory=list, description="De leden die de vragen stelden, met fractie.")
    aan: list[str] = Field(
        default_factory=list, description="Aan wie de vragen gericht zijn, bijv. 'minister van Financiën'."
    )
    over: str = Field("", description="Waarover de vragen gaan, bijv. 'de IOB-evaluatie van …'.")
    mede_namens: list[str] = Field(
        default_factory=list, description="Mede namens wie geantwoord wordt, bijv. 'minister van Financiën'."
    )
    vragen: list[Vraag] = Field(default_factory=list, description="De vragen, in volgorde.")
    antwoorden: list[Antwoord] = Field(default_factory=list, description="De antwoorden; één antwoord kan meer vragen dekken.")
    deadline: Datum | None = Field(None, description="Uiterste datum van beantwoording; leeg = drie weken na ingezonden.")
    bijdragen: list[str] = Field(
        default_factory=list, description="Wie aan de beantwoording bijdroeg (directies, ministeries)."
    )
    uitstel: Uitstel | None = Field(None, description="Vraag om uitstel: maakt ook een uitstelbericht.")

    @model_validator(mode="after")
    def _questions_and_answers_agree(self) -> KamervragenNota:
        errors: list[str] = []
        if self.beslispunten:
            errors.append("beslispunten: hoort niet bij soort kamervragen; de nota vraagt om ondertekening van de antwoorden")
        if self.aanbevelingen:
            errors.append("aanbevelingen: hoort niet bij soort kamervragen; lees ze in in een beslisnota")
        numbers = [v.nummer for v in self.vragen]
        if dupes := sorted({n for n in numbers if numbers.count(n) > 1}):
            errors.append(f"vragen: vraagnummer dubbel gebruikt: {', '.join(map(str, dupes))}")
        known = set(numbers)
        answered: dict[int, int] = {}
        for i, antwoord in enumerate(self.antwoorden):
            for n in antwoord.vragen:
                if n not in known:
                    allowed = ", ".join(map(str, numbers)) or "geen (voeg eerst vragen toe)"
                    errors.append(f"antwoorden[{i}].vragen: vraag {n} bestaat niet; toegestaan: {allowed}")
                elif n in answered:
                    errors.append(
                        f"antwoorden[{i}].vragen: vraag {n} wordt al beantwoord in antwoorden[{answered[n]}]; "
                        "zet beide vragen in één antwoord (vragen: [5, 6])"
                    )
                else:
                    answered[n] = i
        if errors:
            raise ValueError("\n".join(errors))
        return self

    def termijn(self) -> dt.date | None:
        """The deadline: the explicit one, else three weeks after the questions were submitted."""
        if self.deadline is not None:
            return self.deadline
        return self.ingezonden + dt.timedelta(days=TERMIJN_DAGEN) if self.ingezonden else None

    def antwoord_op(self, nummer: int) -> Antwoord | None:
        return next((a for a in self.antwoorden if nummer in a.vragen), None)
