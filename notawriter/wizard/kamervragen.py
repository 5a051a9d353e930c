"""The wizard's part for genre kamervragen: `new --soort kamervragen` and `edit --section antwoorden`.

It walks through the (imported) questions, shows each one and asks its answer, or lets it be
answered together with the question before ('Antwoord op vraag 5 en 6'). A new note starts
from the published questions (a .txt/.docx/.pdf file or a kenmerk fetched from the Kamer's open
data). The note is saved after every answer, so stopping loses at most the answer being typed.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from notawriter.errors import Interrupted, NotaError
from notawriter.wizard.questions import Asker, Choice, Question

ANSWER = "beantwoorden"
LIBRARY = "bibliotheek"
WITH_PREVIOUS = "samen"
SKIP = "overslaan"


def run(path: Path, asker: Asker, *, source: str | None = None, new: bool = True, libs: Any = None) -> int:
    """Ask the answers of a kamervragen note (importing the questions first for a new note)."""
    from notawriter.kamervragen.model import KamervragenNota
    from notawriter.notefile import load_note, save_note

    try:
        if path.exists():
            nota = load_note(path)
            if not isinstance(nota, KamervragenNota):
                raise NotaError(
                    f"{path} is een beslisnota, geen kamervragen; begin een nieuwe nota met een andere naam"
                )
        else:
            if not new:
                raise NotaError(f"{path}: notabestand bestaat niet")
            nota = _start(path, asker, source)
            save_note(path, nota)
            asker.say(f"Opgeslagen: {path} ({len(nota.vragen)} vragen)")
        nota = answer_questions(path, nota, asker, libs)
    except Interrupted:
        asker.say(
            f"Gestopt. De antwoorden tot nu toe staan in {path}; ga verder met: notawriter edit {path} --section antwoorden"
        )
        return 130
    open_ = [str(v.nummer) for v in nota.vragen if nota.antwoord_op(v.nummer) is None]
    asker.say(
        f"Klaar: {len(nota.vragen) - len(open_)} van de {len(nota.vragen)} vragen beantwoord"
        + (f" (open: {', '.join(open_)})" if open_ else "")
        + f". Maak de documenten met: notawriter render {path}"
    )
    return 0


def _start(path: Path, asker: Asker, source: str | None) -> Any:
    """A new note from the questions as published: a file, or a kenmerk from the open data."""
    from notawriter.kamervragen import importer

    where = source or asker.ask(
        Question(
            "#bron",
            "Waar staan de vragen? Een bestand (.txt, .docx, .pdf) of het kenmerk van de Kamer (bijv. 2025Z04931)",
            required=True,
        )
    )
    where = str(where).strip()
    if re.fullmatch(r"\d{4}[zZ]\d{3,6}", where):
        from notawriter.tkdata import fetch_zaak, normalise_zaaknummer

        nummer = normalise_zaaknummer(where)
        label = f"Tweede Kamer, zaak {nummer}"
        payload = fetch_zaak(nummer)
        document = importer.questions_document(payload, label)
        text = None
        if document is not None and document.get("Id"):
            try:
                text = importer.fetch_document_text(str(document["Id"]), str(document.get("ContentType") or ""))
            except NotaError as exc:
                asker.say(f"Tekst van de vragen niet opgehaald ({exc.message}).")
        parsed = importer.parse_zaak(payload, label, text)
    else:
        from notawriter.reports import TEXT_SUFFIXES, read_report

        file = Path(where).expanduser()
        parsed = importer.parse_questions(
            read_report(file), unit="regel" if file.suffix.lower() in TEXT_SUFFIXES else None
        )
        label = file.name
    if not parsed.vragen:
        raise NotaError(
            f"{where}: geen vragen gevonden; lees ze in met 'notawriter import-kamervragen' of vul ze zelf in"
        )
    for line in importer.report_lines(parsed, label):
        asker.say(line)
    return importer.to_note(parsed, label)


def answer_questions(path: Path, nota: Any, asker: Asker, libs: Any = None) -> Any:
    """One answer per question, in order; saved after each. A standard answer from a library is
    copied with its herkomst, so `lib status` reports when the library text changes."""
    from notawriter.kamervragen.model import Antwoord
    from notawriter.notefile import save_note

    total = len(nota.vragen)
    order = {v.nummer: k for k, v in enumerate(nota.vragen)}
    for i, vraag in enumerate(nota.vragen):
        current = nota.antwoord_op(vraag.nummer)
        asker.say(f"\nVraag {vraag.nummer} ({i + 1} van {total})\n{vraag.tekst}")
        previous = nota.vragen[i - 1].nummer if i else None
        # joined to an earlier question ('Antwoord op vraag 5 en 6', now at 6)
        shared = (
            current is not None
            and len(current.vragen) > 1
            and order[vraag.nummer] != min(order.get(n, 0) for n in current.vragen)
        )
        choices = [Choice("Beantwoorden", ANSWER)]
        if previous is not None:
            choices.append(Choice(f"Samen met vraag {previous} beantwoorden", WITH_PREVIOUS))
        standard = libs.items("antwoord") if libs is not None else []
        if standard:
            choices.append(Choice("Standaardantwoord uit de bibliotheek", LIBRARY))
        choices.append(Choice("Later (overslaan)", SKIP))
        how = asker.ask(
            Question(
                f"antwoorden#{vraag.nummer}",
                f"Vraag {vraag.nummer}",
                kind="select",
                choices=choices,
                default=WITH_PREVIOUS if shared else ANSWER,
                progress=f"Antwoorden — vraag {i + 1} van {total}",
            )
        )
        if how == SKIP:
            continue
        others = [a for a in nota.antwoorden if vraag.nummer not in a.vragen]
        rest = [n for n in current.vragen if n != vraag.nummer] if current is not None else []
        if how == WITH_PREVIOUS and previous is not None:
            earlier = nota.antwoord_op(previous)
            if earlier is not None and earlier is not current:
                others = [a for a in others if a is not earlier]
                if rest:  # this question leaves the joint answer it was in
                    others.append(current.model_copy(update={"vragen": rest}))  # type: ignore[union-attr]
            numbers = sorted(
                {*(earlier.vragen if earlier else [previous]), vraag.nummer}, key=lambda n: order.get(n, 0)
            )
            base = earlier or current
        elif how == LIBRARY:
            from notawriter.library import instantiate

            chosen = asker.ask(
                Question(
                    f"antwoorden#{vraag.nummer}.bibliotheek",
                    "Welk standaardantwoord?",
                    kind="select",
                    choices=[Choice(f"{item.id}: {item.summary()}", item.id) for item in standard],
                )
            )
            item = next(i for i in standard if i.id == chosen)
            if shared and current is not None:
                others.append(current.model_copy(update={"vragen": rest}))
            numbers = list(current.vragen) if current is not None and not shared else [vraag.nummer]
            base = Antwoord(vragen=numbers, tekst=item.data["tekst"], herkomst=instantiate(item).herkomst)
        elif shared and current is not None:  # answered on its own from now on
            others.append(current.model_copy(update={"vragen": rest}))
            numbers, base = [vraag.nummer], None
        else:
            numbers, base = (list(current.vragen) if current else [vraag.nummer]), current
        label = "Antwoord" if len(numbers) == 1 else f"Antwoord op vraag {' en '.join(map(str, numbers))}"
        tekst = asker.ask(
            Question(
                f"antwoorden#{vraag.nummer}.tekst",
                label,
                kind="multiline",
                default=base.tekst if base is not None else "",
                instruction="opmaak: *cursief*, **vet**, - opsomming, [voetnoot: …], [motie:sleutel]",
            )
        )
        if not (tekst or "").strip() and base is None and len(numbers) == 1:
            continue  # nothing typed: the question stays open
        others.append(Antwoord(vragen=numbers, tekst=tekst or "", herkomst=base.herkomst if base else None))
        others.sort(key=lambda a: min(order.get(n, 0) for n in a.vragen))
        nota = type(nota).model_validate({**nota.model_dump(), "antwoorden": [a.model_dump() for a in others]})
        save_note(path, nota)
    return nota
