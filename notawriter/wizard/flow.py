"""The whole flow of `new` and `edit`: the parts in order, starting or continuing, the review."""

from __future__ import annotations

import shlex
import shutil
import sys
from pathlib import Path
from typing import Any

from notawriter.errors import Interrupted, NotaError
from notawriter.wizard.engine import Resume, Step, resume_index, short, step_at
from notawriter.wizard.parts import NoteParts
from notawriter.wizard.questions import Choice, Question
from notawriter.wizard.recommendations import RecommendationParts, summary

SECTIONS: dict[str, str] = {
    "kop": "Kop (soort, aan, van, datum …)",
    "ondertekenaars": "Ondertekenaars",
    "aanleiding": "Aanleiding",
    "beslispunten": "Beslispunten en opties",
    "aanbevelingen": "Aanbevelingen (appreciatie en reactie per aanbeveling)",
    "moties": "Moties",
    "secties": "Secties (kernpunten, toelichting …)",
    "communicatie": "Communicatie",
    "niet_openbaar": "Informatie die niet openbaar kan",
    "bijlagen": "Bijlagen",
    "kamerbrief": "Kamerbrief",
    "briefhoofd": "Briefhoofd van de Kamerbrief (ministerie, adressen)",
}
#: Parts that are also the end of a bigger part: reachable on their own (`edit --section`, the
#: review), but not asked a second time when the whole flow runs.
SHORTCUTS: dict[str, str] = {"briefhoofd": "kamerbrief"}
REVIEW = "#overzicht"


class Wizard(RecommendationParts, NoteParts):
    """The beslisnota wizard: every part of the note, in the order of the note."""

    def stopped(self, command: str) -> int:
        """Ctrl-C or EOF: one calm line on stderr, exit code 130."""
        target = shlex.quote(str(self.path))
        if command == "edit":
            line = f"Gestopt. Uw wijzigingen staan in {self.path}; ga verder met: notawriter edit {target}"
        elif self.path.exists():
            line = f"Gestopt. Uw antwoorden staan in {self.path}; ga verder met: notawriter new {target}"
        else:
            line = "Gestopt. Er is nog niets opgeslagen."
        print(line, file=sys.stderr, flush=True)
        return Interrupted.exit_code

    # starting ---------------------------------------------------------------------------------

    def ask_subject(self) -> None:
        from notawriter.model import Kop, Nota

        def create(value: str) -> None:
            self.nota = Nota(kop=Kop(onderwerp=value))

        self.say(f"Nieuwe nota: {self.path}. Elk antwoord wordt meteen opgeslagen; stoppen kan met Ctrl-C.")
        self.ask(Question("kop.onderwerp", "Onderwerp van de nota", required=True), create)

    def open_existing(self) -> bool:
        """`new` on an existing file: continue, start over (with a backup) or stop."""
        from notawriter.notefile import load_note

        try:
            nota = load_note(self.path)
            problem = None
        except NotaError as exc:
            nota, problem = None, exc.message
        if problem:
            self.say(f"{self.path} bestaat al maar is geen geldige nota: {problem}")
        choices = [] if problem else [Choice("Verdergaan waar ik gebleven was", "verder")]
        choices += [Choice("Opnieuw beginnen (met reservekopie)", "opnieuw"), Choice("Stoppen", "stop")]
        while True:
            answer = self.ask(
                Question("#bestaand", f"{self.path} bestaat al. Wat wilt u doen?", "select", choices=choices)
            )
            if answer == "verder" and nota is not None:
                self.nota, self._saved = nota, nota.model_dump(mode="json")
                return True
            if answer == "stop":
                return False
            if self.confirm("#opnieuw", "Alle antwoorden wissen en opnieuw beginnen?"):
                backup = _backup_path(self.path)
                shutil.copy2(self.path, backup)
                self.say(f"Reservekopie: {backup}")
                return True

    # running ------------------------------------------------------------------------------------

    def resume(self) -> None:
        """Continue where `new` stopped: the recorded place (progress.py), else derived from the content."""
        trail = self.progress.read(self._saved) if self.progress is not None else None
        if trail and trail[0].startswith(REVIEW):
            self._resume_review(trail)
            return
        steps = self.flow()
        resume = Resume(trail)
        start = step_at(steps, resume)
        if start is None:
            resume = Resume()
            start = resume_index(steps)
        self.say(
            f"Verder waar u gebleven was: {steps[start].label}"
            if start < len(steps)
            else "Alle onderdelen zijn ingevuld."
        )
        self.run_steps(steps, resume)

    def _resume_review(self, trail: tuple[str, ...]) -> None:
        """It stopped at the review, or in a part opened from it: continue there, then the review."""
        opened = trail[0][len(REVIEW) + 1 :]  # '', 'alles' or 'sectie:NAME' (see `review`)
        name = opened.split(":", 1)[1] if opened.startswith("sectie:") else None
        if len(trail) > 1 and (opened == "alles" or name in SECTIONS):
            self.say(f"Verder waar u gebleven was: {SECTIONS[name] if name else 'alle vragen'}")
            self.run_steps(self.flow() if name is None else self.section_steps(name), Resume(trail[1:]))
        else:
            self.say("Verder waar u gebleven was: het overzicht")

    def flow(self) -> list[Step]:
        return [step for name in SECTIONS if name not in SHORTCUTS for step in self.section_steps(name)]

    def run_section(self, name: str) -> None:
        self.run_steps(self.section_steps(name))

    def section_steps(self, name: str) -> list[Step]:
        n = self.nota
        if name == "kop":
            return self._kop_steps()
        if name == "ondertekenaars":
            return [self.list_step(self._signers())]
        if name == "beslispunten":
            return [self.list_step(self._points())]
        if name == "aanbevelingen":
            return self.recommendation_steps()  # none when the note has no recommendations
        if name == "moties":
            return [self.list_step(self._motions())]
        if name == "secties":
            return [self.list_step(self._sections(n.secties, "secties", "Secties van de nota", nested=True))]
        if name == "kamerbrief":
            return self._letter_steps()
        if name == "briefhoofd":
            return self.letterhead_steps()
        messages = {
            "aanleiding": ("Aanleiding", "multiline", None),
            "communicatie": ("Communicatie en woordvoering", "multiline", "(optioneel)"),
            "niet_openbaar": ("Informatie die niet openbaar gemaakt kan worden", "multiline", None),
            "bijlagen": ("Bijlage(n), één per regel", "lines", "(optioneel)"),
        }
        message, kind, instruction = messages[name]
        return [self.field(n, name, "", message, kind, instruction=instruction)]

    # review -------------------------------------------------------------------------------------

    def review(self) -> int:
        """The overview; jump to any part, or save and make the documents."""
        while True:
            self.say("")
            for line in overview(self.nota):
                self.say(line)
            choices = [Choice("Opslaan en documenten maken", "opslaan")]
            choices += [
                Choice(f"Wijzigen: {title}", f"sectie:{name}")
                for name, title in SECTIONS.items()
                if name != "aanbevelingen" or self.nota.aanbevelingen
            ]
            choices += [
                Choice("Alle vragen nog eens doorlopen", "alles"),
                Choice("Stoppen (alles is opgeslagen, geen documenten)", "stop"),
            ]
            answer = self.ask(Question(REVIEW, "Wat wilt u doen?", "select", "opslaan", choices))
            if answer == "opslaan" and self.save_and_render():
                self.finish()
                return 0
            if answer == "stop":
                self.say(
                    f"Opgeslagen in {self.path}. Documenten maken: notawriter render {shlex.quote(str(self.path))}"
                )
                self.finish()
                return 0
            with self.inside(f"{REVIEW}:{answer}"):  # a stop in there continues there, then the review
                if answer == "alles":
                    self.run_steps(self.flow())
                elif answer.startswith("sectie:"):
                    self.run_section(answer.split(":", 1)[1])

    def save_and_render(self) -> bool:
        from notawriter.render import render_note

        self.autosave()
        try:
            report = render_note(self.path, templates=self.templates)
        except NotaError as exc:
            self.say(f"Documenten maken lukte niet: {exc.message}")
            return False
        self.say(f"Opgeslagen: {self.path}")
        for line in report.lines():
            self.say(line)
        return True


def _backup_path(path: Path) -> Path:
    candidate = path.with_name(path.name + ".bak")
    n = 2
    while candidate.exists():
        candidate = path.with_name(f"{path.name}.bak{n}")
        n += 1
    return candidate


def overview(nota: Any) -> list[str]:
    """A compact overview of the whole note for the review screen."""
    from notawriter.wizard.questions import format_date_short

    kop = nota.kop

    def date(value: Any) -> str:
        return format_date_short(value) if value else "—"

    lines = [
        f"── {kop.type.value}: {kop.onderwerp}",
        f"   Aan: {kop.aan or '—'} · Van: {kop.van or '—'} · Datum: {date(kop.datum)} · Ref.: {kop.referentie or '—'}",
        f"   Plandatum: {date(kop.plandatum)} · Kamer: {date(kop.kamer)} · Binnengekomen: {date(kop.binnengekomen_op)}",
        "Ondertekenaars: "
        + ("; ".join(f"{s.afkorting} ({s.titel or s.naam or '…'})" for s in nota.ondertekenaars) or "—"),
        f"Aanleiding: {short(nota.aanleiding, 70) or '—'}",
        f"Beslispunten: {len(nota.beslispunten)}",
    ]
    for i, point in enumerate(nota.beslispunten, start=1):
        who = f"[{'+'.join(point.akkoord)}] " if point.akkoord else ""
        key = f"{point.key}: " if point.key else ""
        lines.append(f"  {i}. {who}{key}{short(point.tekst, 70) or '…'}")
        for option in point.opties:
            marks = [
                m
                for m, on in (
                    ("advies", point.ambtelijk_advies == option.key),
                    ("gekozen", point.keuze == option.key),
                    # e.g. an option left half-way: the Kamerbrief would get a placeholder there
                    ("nog geen tekstsuggestie", not (option.tekstsuggestie or "").strip()),
                )
                if on
            ]
            lines.append(f"     - {option.key}: {option.label or '…'}{' (' + ', '.join(marks) + ')' if marks else ''}")
        if point.opties:
            if len(point.opties) < 2:
                lines.append("     let op: minstens twee opties nodig")
            lines.append(f"     keuze: {point.keuze or 'nog niet gekozen'}")
    if nota.aanbevelingen:
        lines.append(f"Aanbevelingen: {summary(nota.aanbevelingen)}")
    letter = nota.kamerbrief
    sender = letter.afzender
    lines += [
        f"Moties: {len(nota.moties)} · Secties: {len(nota.secties)} · Communicatie: {'ja' if nota.communicatie else '—'}"
        f" · Niet openbaar: {short(nota.niet_openbaar, 20)} · Bijlagen: {len(nota.bijlagen)}",
        f"Kamerbrief: betreft '{letter.onderwerp or kop.onderwerp}' · inleiding: {'ja' if letter.inleiding else '—'}"
        f" · {len(letter.secties)} secties · ondertekening: {', '.join(letter.ondertekening) or '—'}",
        f"   Briefhoofd: {sender.ministerie if sender else '—'}"
        + (
            f" · bezoekadres: {'ja' if sender.bezoekadres else '—'} · retouradres: {'ja' if sender.retouradres else '—'}"
            if sender
            else ""
        ),
    ]
    return lines
