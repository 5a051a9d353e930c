"""The whole flow of `new` and `edit`: the parts in order, starting or continuing, the review."""

from __future__ import annotations

import shlex
import shutil
import sys
from pathlib import Path
from typing import Any

from notawriter.errors import Interrupted, NotaError
from notawriter.wizard.engine import Resume, Step, empty, resume_index, short, step_at
from notawriter.wizard.parts import NoteParts
from notawriter.wizard.progress import OTHER_PARTS, describe_place
from notawriter.wizard.questions import Choice, Question
from notawriter.wizard.recommendations import RecommendationParts, summary

SECTIONS: dict[str, str] = {
    "kop": "Kop (onderwerp, soort, van, datum, via, kopie aan …)",
    "ondertekenaars": "Ondertekenaars en Aan",
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

    def start_from(self, earlier: Any, source: Path) -> None:
        """`new --from`: the earlier note with the fields of `CLEARED` emptied, a new subject, the header."""
        from notawriter.model import Kop

        base = start_from(earlier)
        self.say(f"Nieuwe nota: {self.path}, gebaseerd op {source}. Elk antwoord wordt meteen opgeslagen.")
        self.say(
            "Overgenomen: kop (behalve onderwerp, data en referentie), ondertekenaars, briefhoofd en de opbouw; "
            "leeg: keuzes, data en de nog te geven antwoorden."
        )

        def create(value: str) -> None:
            base.kop = Kop.model_validate({**base.kop.model_dump(), "onderwerp": value})
            self.nota = base

        self.ask(Question("kop.onderwerp", "Onderwerp van de nieuwe nota", required=True), create)
        self.run_steps(self._kop_steps()[1:])

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
        if self.progress is not None:
            self.wanted.update(self.progress.chosen(self._saved))
        if trail and trail[0].startswith(REVIEW):
            self._resume_review(trail)
            return
        self.wanted.update(trail or ())  # an optional part it stopped in was chosen
        steps = self.flow()
        resume = Resume(trail)
        start = step_at(steps, resume)
        if start is None:
            resume = Resume()
            start = resume_index(steps)
        if start >= len(steps):
            self.say("Alle onderdelen zijn ingevuld.")
        else:
            place = describe_place(self.nota, trail[-1]) if trail and resume.trail else steps[start].label
            self.say(f"Verder waar u gebleven was: {place}")
        self.run_steps(steps, resume)

    def _resume_review(self, trail: tuple[str, ...]) -> None:
        """It stopped at the review, or in a part opened from it: continue there, then the review."""
        opened = trail[0][len(REVIEW) + 1 :]  # '', 'alles' or 'sectie:NAME' (see `review`)
        name = opened.split(":", 1)[1] if opened.startswith("sectie:") else None
        if len(trail) > 1 and (opened == "alles" or name in SECTIONS):
            self.wanted.update(trail)
            self.say(f"Verder waar u gebleven was: {describe_place(self.nota, trail[-1])}")
            self.run_steps(self.flow() if name is None else self.section_steps(name), Resume(trail[1:]))
        else:
            self.say("Verder waar u gebleven was: het overzicht")

    def flow(self) -> list[Step]:
        """Every part in order; the optional parts (moties, secties …) only once chosen in one question."""
        steps: list[Step] = []
        for name in SECTIONS:
            if name in SHORTCUTS:
                continue
            if name == OTHER_PARTS[0]:
                steps.append(self._other_parts_step())
            part = self.section_steps(name)
            steps += [self.when_wanted(step) for step in part] if name in OTHER_PARTS else part
        return steps

    def _other_parts_step(self) -> Step:
        def has(name: str) -> bool:
            value = getattr(self.nota, name)
            return not empty(value) and value != type(self.nota).model_fields[name].default  # 'N.v.t.' is nothing

        def run(resume: Resume | None) -> None:
            choices = [Choice(SECTIONS[name], name, has(name)) for name in OTHER_PARTS]
            chosen = self.ask(
                Question(
                    "#onderdelen",
                    "Welke onderdelen heeft deze nota nog?",
                    "checkbox",
                    choices=choices,
                    instruction="Enter zonder keuze = geen; later toevoegen kan via het overzicht",
                )
            )
            self.wanted.update(chosen)

        return Step("Overige onderdelen", run, lambda: any(has(name) for name in OTHER_PARTS), path="#onderdelen")

    def run_section(self, name: str) -> None:
        self.run_steps(self.section_steps(name))

    def section_steps(self, name: str) -> list[Step]:
        n = self.nota
        if name == "kop":
            return self._kop_steps()
        if name == "ondertekenaars":
            return [self.list_step(self._signers()), self.aan_step()]
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
            "communicatie": ("Communicatie en woordvoering", "multiline", "optioneel"),
            "niet_openbaar": ("Informatie die niet openbaar gemaakt kan worden", "multiline", None),
            "bijlagen": ("Bijlage(n), één per regel", "lines", "optioneel"),
        }
        message, kind, instruction = messages[name]
        return [self.field(n, name, "", message, kind, instruction=instruction)]

    # review -------------------------------------------------------------------------------------

    def review(self) -> int:
        """The overview (fits 80×24); open any part, page through everything, or save and make the documents."""
        while True:
            self.say("")
            for line in overview(self.nota, self.width()):
                self.say(line)
            choices = [
                Choice("Opslaan en documenten maken", "opslaan"),
                Choice("Een onderdeel wijzigen", "wijzigen"),
                Choice("Alles bekijken (per pagina)", "bekijken"),
                Choice("Alle vragen nog eens doorlopen", "alles"),
                Choice("Stoppen (alles is opgeslagen, geen documenten)", "stop"),
            ]
            answer = self.ask(Question(REVIEW, "Wat wilt u doen?", "select", "opslaan", choices))
            if answer == "wijzigen":
                answer = self._pick_section()
            if answer == "bekijken":
                self._page(full_overview(self.nota))
                continue
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
                    self.wanted.update(OTHER_PARTS)
                    self.run_section(answer.split(":", 1)[1])

    def _pick_section(self) -> str:
        choices = [
            Choice(title, f"sectie:{name}")
            for name, title in SECTIONS.items()
            if name != "aanbevelingen" or self.nota.aanbevelingen
        ]
        choices.append(Choice("Terug naar het overzicht", "terug"))
        return str(self.ask(Question(f"{REVIEW}#onderdeel", "Welk onderdeel wijzigen?", "select", choices=choices)))

    def _page(self, lines: list[str]) -> None:
        """`lines` a screenful at a time (the terminal's height less the question)."""
        import shutil

        size = max(5, shutil.get_terminal_size((80, 24)).lines - 5)
        pages = [lines[i : i + size] for i in range(0, len(lines), size)] or [[]]
        for n, page in enumerate(pages, start=1):
            self.say("")
            for line in page:
                self.say(line)
            if n == len(pages):
                break
            more = [Choice(f"Volgende pagina ({n + 1} van {len(pages)})", "verder"), Choice("Terug", "terug")]
            if (
                self.ask(Question(f"{REVIEW}#pagina", f"Pagina {n} van {len(pages)}", "select", choices=more))
                != "verder"
            ):
                break

    def width(self) -> int:
        measure = getattr(self.asker, "width", None)
        return int(measure()) if callable(measure) else 80

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


#: What `new --from` empties: what belongs to one note only (its identity, its dates, the decisions
#: taken and the answers still to be given). Everything else is kept as the new note's start.
CLEARED: tuple[str, ...] = (
    "kop.onderwerp (asked first)",
    "kop.datum, kop.plandatum, kop.kamer, kop.binnengekomen_op, kop.referentie",
    "kamerbrief.onderwerp (betreft follows the new subject), kamerbrief.datum, kamerbrief.referentie, "
    "kamerbrief.uw_referentie",
    "beslispunten[].keuze",
    "aanbevelingen[]: appreciatie back to 'nog te bepalen', reactie, argumenten, beslispunt",
)


def start_from(earlier: Any) -> Any:
    """A copy of `earlier` to start a new note from, with the fields listed in CLEARED emptied."""
    if not hasattr(earlier, "beslispunten"):
        raise NotaError("--from: de vorige nota is geen beslisnota; de wizard begint alleen een beslisnota")
    data = earlier.model_dump(mode="json", exclude_none=True)
    for name in ("datum", "plandatum", "kamer", "binnengekomen_op", "referentie"):
        data["kop"].pop(name, None)
    letter = data.get("kamerbrief") or {}
    for name in ("onderwerp", "datum", "referentie", "uw_referentie"):
        letter.pop(name, None)
    for point in data.get("beslispunten", []):
        point.pop("keuze", None)
    for rec in data.get("aanbevelingen", []):
        for name in ("reactie", "argumenten_voor", "argumenten_tegen", "beslispunt"):
            rec.pop(name, None)
        rec["appreciatie"] = "nog te bepalen"
    return type(earlier).model_validate(data)


def _backup_path(path: Path) -> Path:
    candidate = path.with_name(path.name + ".bak")
    n = 2
    while candidate.exists():
        candidate = path.with_name(f"{path.name}.bak{n}")
        n += 1
    return candidate


def _persons(value: Any) -> str:
    from notawriter.persons import persons_text

    if isinstance(value, list):
        return persons_text(value) or "—"
    return str(value or "—")


def _header_lines(nota: Any) -> list[str]:
    """Every header field, on four lines."""
    from notawriter.wizard.questions import format_date_short

    kop = nota.kop

    def date(value: Any) -> str:
        return format_date_short(value) if value else "—"

    return [
        f"── {kop.type.value}: {kop.onderwerp}",
        f"   Aan: {kop.aan or '—'} · Van: {_persons(kop.van)} · Via: {_persons(kop.via)}",
        f"   Kopie aan: {_persons(kop.kopie_aan)} · Opgesteld door: {_persons(kop.opgesteld_door)}",
        f"   Datum: {date(kop.datum)} · Ref.: {kop.referentie or '—'} · Plandatum: {date(kop.plandatum)}"
        f" · Kamer: {date(kop.kamer)} · Binnengekomen: {date(kop.binnengekomen_op)}",
    ]


def _fit_line(line: str, width: int) -> str:
    return line if len(line) <= width else line[: width - 1] + "…"


def overview(nota: Any, width: int = 80, height: int = 24) -> list[str]:
    """The whole note on one screen: every header field, then one line per part; the review's menu
    (7 lines) fits under it in a terminal of `height` rows. 'Alles bekijken' shows the details."""
    lines = _header_lines(nota)
    if len(lines[-1]) > width:  # the dates on a line of their own
        dates = lines.pop()
        first, _, rest = dates.partition(" · Plandatum")
        lines += [first, "   Plandatum" + rest]
    lines.append(
        "Ondertekenaars: "
        + (
            "; ".join(
                f"{s.afkorting} ({s.titel or '…'}, {s.naam or 'naam nog niet ingevuld'})" for s in nota.ondertekenaars
            )
            or "—"
        )
    )
    lines.append(f"Aanleiding: {short(nota.aanleiding, width) or '—'}")
    points = []
    for i, point in enumerate(nota.beslispunten, start=1):
        who = f"[{'+'.join(point.akkoord)}] " if point.akkoord else ""
        extra = ""
        if point.opties:
            missing = sum(1 for o in point.opties if not (o.tekstsuggestie or "").strip())
            advice = next((o.label or o.key for o in point.opties if o.key == point.ambtelijk_advies), None)
            chosen = next((o.label or o.key for o in point.opties if o.key == point.keuze), None)
            extra = f" — {len(point.opties)} opties" + (" (minstens twee nodig)" if len(point.opties) < 2 else "")
            extra += f", {missing} zonder tekstsuggestie" if missing else ""
            extra += f", gekozen: {chosen}" if chosen else ", nog niet gekozen"
            extra += f", advies: {advice}" if advice else ""
        points.append(f"  {i}. {who}{short(point.tekst, 30) or '…'}{extra}")
    room = height - 7 - len(lines) - 4  # the menu, and the lines below
    if len(points) > room:
        points = points[: max(room - 1, 1)] + [
            f"  … en nog {len(nota.beslispunten) - max(room - 1, 1)} (zie 'Alles bekijken')"
        ]
    lines.append(f"Beslispunten: {len(nota.beslispunten) or '—'}")
    lines += points
    if nota.aanbevelingen:
        lines.append(f"Aanbevelingen: {summary(nota.aanbevelingen)}")
    letter = nota.kamerbrief
    sender = letter.afzender
    lines += [
        f"Moties: {len(nota.moties)} · Secties: {len(nota.secties)} · Communicatie: {'ja' if nota.communicatie else '—'}"
        f" · Niet openbaar: {short(nota.niet_openbaar, 12) or '—'} · Bijlagen: {len(nota.bijlagen)}",
        f"Kamerbrief: '{short(letter.onderwerp or nota.kop.onderwerp, 20)}' · inleiding: "
        f"{'ja' if letter.inleiding else '—'} · secties: {len(letter.secties)} · tekent: {', '.join(letter.ondertekening) or '—'}",
        f"   Briefhoofd: {short(sender.ministerie, 40) if sender else '—'}"
        + (
            f" · bezoek: {'ja' if sender.bezoekadres else '—'} · retour: {'ja' if sender.retouradres else '—'}"
            if sender
            else ""
        ),
    ]
    return [_fit_line(line, width) for line in lines]


def full_overview(nota: Any) -> list[str]:
    """Everything the review can show, with the options of each decision point (paged by the review)."""
    lines = _header_lines(nota)
    lines += ["Ondertekenaars:"] + [
        f"  {s.afkorting} — {s.titel or '…'}, {s.naam or '(naam nog niet ingevuld)'}" for s in nota.ondertekenaars
    ]
    lines.append(f"Aanleiding: {short(nota.aanleiding, 70) or '—'}")
    lines.append(f"Beslispunten: {len(nota.beslispunten)}")
    for i, point in enumerate(nota.beslispunten, start=1):
        who = f"[{'+'.join(point.akkoord)}] " if point.akkoord else ""
        key = f" (sleutel {point.key})" if point.key and point.opties else ""
        lines.append(f"  {i}. {who}{short(point.tekst, 60) or '…'}{key}")
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
            args = f", {len(option.argumenten_voor)} voor, {len(option.argumenten_tegen)} tegen"
            lines.append(f"     - {option.label or option.key}{args}{' (' + ', '.join(marks) + ')' if marks else ''}")
        if point.opties:
            if len(point.opties) < 2:
                lines.append("     let op: minstens twee opties nodig")
            lines.append(f"     keuze: {point.keuze or 'nog niet gekozen'}")
    if nota.aanbevelingen:
        lines.append(f"Aanbevelingen: {summary(nota.aanbevelingen)}")
    lines.append(f"Moties: {len(nota.moties)}")
    lines += [f"  {m.key}" + (f": {short(m.titel, 60)}" if m.titel else "") for m in nota.moties]
    lines.append(f"Secties: {', '.join(s.titel for s in nota.secties) or '—'}")
    lines.append(f"Communicatie: {short(nota.communicatie, 60) or '—'}")
    lines.append(f"Niet openbaar: {short(nota.niet_openbaar, 60) or '—'}")
    lines.append(f"Bijlagen: {'; '.join(nota.bijlagen) or '—'}")
    letter, sender = nota.kamerbrief, nota.kamerbrief.afzender
    lines.append(f"Kamerbrief: betreft '{letter.onderwerp or nota.kop.onderwerp}'")
    lines.append(f"  inleiding: {short(letter.inleiding, 60) or '—'}")
    for section in letter.secties:
        placed = f" [tekstsuggestie van beslispunt {section.beslispunt}]" if section.beslispunt else ""
        lines.append(f"  sectie: {section.titel or short(section.tekst, 40) or '(zonder kop)'}{placed}")
    lines.append(f"  slot: {short(letter.slot, 60) or '—'} · tekent: {', '.join(letter.ondertekening) or '—'}")
    lines.append(f"  briefhoofd: {sender.ministerie if sender else '—'}")
    return [_fit_line(line, 80) for line in lines]
