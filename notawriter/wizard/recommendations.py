"""A report's recommendations: appreciatie and reactie per aanbeveling, in as many sittings as needed.

A note made by `notawriter import-aanbevelingen` holds the recommendations, all 'nog te bepalen'.
The wizard walks them one by one: the appreciatie, then the reactie, whose starting point is the
library option for that appreciatie (its tekstsuggestie, with «…» to fill in), optional arguments,
or, while the choice is still open, a decision point with options (the option editing flow of
points.py). A menu jumps to a number or to the next unanswered one; resuming starts there.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable
from typing import Any

from notawriter.wizard.engine import Resume, Step, empty, item_index, short
from notawriter.wizard.points import PointParts
from notawriter.wizard.questions import Choice, Question, slugify, unique_key

#: appreciatie (its value) → the id of the library option with its tekstsuggestie and arguments
LIBRARY_OPTION: dict[str, str] = {
    "overnemen": "overnemen",
    "deels overnemen": "deels-overnemen",
    "niet overnemen": "niet-overnemen",
    "staand beleid": "staand-beleid",
}
#: the options of a decision point made from a recommendation (library ids), with a label if absent
SEED_OPTIONS: dict[str, str] = {"overnemen": "Aanbeveling overnemen", "niet-overnemen": "Aanbeveling niet overnemen"}
OPEN_POINT = "#beslispunt"
SHOW_CHARS = 700  # a recommendation longer than this is shortened on screen (the note keeps it whole)
SHOW_WIDTH = 100
_SHORT_NAMES = {
    "overnemen": "overnemen",
    "deels overnemen": "deels",
    "niet overnemen": "niet",
    "staand beleid": "staand beleid",
    "nog te bepalen": "nog te bepalen",
}


def answered(rec: Any) -> bool:
    """Done for now: an appreciatie with a reactie, or the open choice handed to a decision point."""
    if rec.beslispunt:
        return True
    return rec.appreciatie.value != "nog te bepalen" and not empty((rec.reactie or "").strip())


def touched(rec: Any) -> bool:
    """Anything answered at all (where `new` continues)."""
    return bool(
        rec.beslispunt
        or rec.appreciatie.value != "nog te bepalen"
        or (rec.reactie or "").strip()
        or rec.argumenten_voor
        or rec.argumenten_tegen
    )


def summary(recs: list[Any]) -> str:
    """'23 — 5 overnemen, 2 deels, 1 als beslispunt, 15 nog te bepalen · 1 zonder reactie · 3 met «…»'.

    'als beslispunt' counts open choices handed to a decision point, 'zonder reactie' those with
    an appreciatie but no reactie yet, 'met «…»' reacties with library placeholders still to fill.
    """
    counts: dict[str, int] = {}
    for rec in recs:
        name = (
            "als beslispunt" if rec.beslispunt and rec.appreciatie.value == "nog te bepalen" else rec.appreciatie.value
        )
        counts[name] = counts.get(name, 0) + 1
    order = ["overnemen", "deels overnemen", "niet overnemen", "staand beleid", "als beslispunt", "nog te bepalen"]
    parts = [f"{counts[name]} {_SHORT_NAMES.get(name, name)}" for name in order if counts.get(name)]
    text = f"{len(recs)} — {', '.join(parts)}"
    without = sum(1 for rec in recs if not answered(rec) and rec.appreciatie.value != "nog te bepalen")
    placeholders = sum(1 for rec in recs if "«" in (rec.reactie or ""))
    return (
        text
        + (f" · {without} zonder reactie" if without else "")
        + (f" · {placeholders} met «…»" if placeholders else "")
    )


def describe(rec: Any, length: int = 50) -> str:
    return f"{rec.nummer} — {short(rec.tekst, length) or '…'}"


def _normal(number: str) -> str:
    return re.sub(r"[^0-9a-z]", "", number.lower())


def find_number(recs: list[Any], typed: str) -> int | None:
    """The index of recommendation `typed` ('3B-1', '3b1' …): exact first, then ignoring punctuation."""
    typed = typed.strip().lower()
    exact = [i for i, rec in enumerate(recs) if rec.nummer.lower() == typed]
    if exact:
        return exact[0]
    loose = [i for i, rec in enumerate(recs) if _normal(rec.nummer) == _normal(typed)]
    return loose[0] if len(loose) == 1 else None


def _not_in(candidates: list[str], items: list[str]) -> Callable[[], list[str]]:
    return lambda: [text for text in candidates if text not in items]


class RecommendationParts(PointParts):
    """The recommendations of a report, one by one, with library responses as starting points."""

    def recommendation_steps(self) -> list[Step]:
        recs = self.nota.aanbevelingen
        if not recs:
            return []
        return [
            Step(
                "Aanbevelingen",
                self.recommendations,
                lambda: any(touched(r) for r in recs),
                loop=True,
                path="aanbevelingen",
            )
        ]

    def recommendations(self, resume: Resume | None = None) -> None:
        """The menu of the section; resuming walks on from where it stopped straight away.

        Without a record that is the first unanswered recommendation; with one, the recommendation
        that was on screen (also when it stopped in the decision point made for it).
        """
        if resume is not None and resume.trail is None:
            first = self._next_open(0)
            if first is not None:
                self._walk(first)
        elif resume is not None:
            self._continue_recommendation(resume.head or "")
        while True:
            answer = self._recommendation_menu()
            if answer == "done":
                return
            if answer == "next":
                start = self._next_open(0)
            elif answer == "first":
                start = 0
            else:
                start = self._ask_number()
            if start is not None:
                self._walk(start)

    # the menu -----------------------------------------------------------------------------------

    def _next_open(self, start: int, skip: int | None = None) -> int | None:
        """The first unanswered recommendation from `start` on, wrapping round; never `skip`."""
        recs = self.nota.aanbevelingen
        order = [*range(start, len(recs)), *range(0, min(start, len(recs)))]
        return next((i for i in order if i != skip and not answered(recs[i])), None)

    def _recommendation_menu(self) -> str:
        recs = self.nota.aanbevelingen
        following = self._next_open(0)
        choices = []
        if following is not None:
            choices.append(Choice(f"Volgende onbeantwoorde: {describe(recs[following])}", "next"))
        choices += [
            Choice("Naar aanbeveling … (nummer typen)", "jump"),
            Choice(f"Alles op volgorde doorlopen, vanaf {recs[0].nummer}", "first"),
            Choice("✓ Klaar", "done"),
        ]
        default = "next" if following is not None else "done"
        return str(
            self.ask(Question("aanbevelingen#menu", f"Aanbevelingen: {summary(recs)}", "select", default, choices))
        )

    def _ask_number(self) -> int | None:
        recs = self.nota.aanbevelingen
        numbers = [rec.nummer for rec in recs]
        listed = ", ".join(numbers)
        if len(listed) > 60:
            listed = f"{numbers[0]} t/m {numbers[-1]}"

        def check(value: Any) -> str | None:
            if find_number(recs, str(value)) is None:
                return f"aanbeveling '{value}' bestaat niet; nummers: {listed}"
            return None

        q = Question(
            "aanbevelingen#nummer",
            "Naar aanbeveling nummer",
            "text",
            check=check,
            instruction=f"(bijv. {numbers[-1]}; leeg = terug)",
        )
        typed = self.ask(q)
        return find_number(recs, typed) if typed else None

    # one recommendation -------------------------------------------------------------------------

    def _continue_recommendation(self, name: str) -> None:
        recs = self.nota.aanbevelingen
        i = item_index("aanbevelingen", name)
        point = item_index("beslispunten", name)
        if point is not None and point < len(self.nota.beslispunten):
            key = self.nota.beslispunten[point].key
            i = next((n for n, rec in enumerate(recs) if key and rec.beslispunt == key), None)
        if i is None or i >= len(recs):
            return
        path = f"aanbevelingen[{i}]"
        if name == f"{path}#verder" or name.startswith(f"{path}.argumenten_"):
            self.show_recommendation(i)
            self._walk(self._after(i))  # it was answered: continue at what next (arguments from there)
        else:
            self._walk(i, at_reactie=name == f"{path}.reactie")

    def _walk(self, i: int | None, at_reactie: bool = False) -> None:
        """Recommendation `i`, then on to the next (or another) until the user goes back to the menu."""
        while i is not None:
            self.recommendation(i, at_reactie)
            at_reactie = False
            i = self._after(i)

    def _after(self, i: int) -> int | None:
        """What next after recommendation `i`: its index, or None for the menu."""
        recs = self.nota.aanbevelingen
        rec, path = recs[i], f"aanbevelingen[{i}]"
        following = self._next_open(i + 1, skip=i)
        if following is None and answered(rec):
            self.say(f"Alle {len(recs)} aanbevelingen zijn beantwoord.")
        while True:
            choices = []
            if i + 1 < len(recs):
                choices.append(Choice(f"Volgende: {describe(recs[i + 1])}", "volgende"))
            if following is not None and following != i + 1:
                choices.append(Choice(f"Volgende onbeantwoorde: {describe(recs[following])}", "onbeantwoord"))
            default = choices[0].value if choices else "menu"
            counts = f"{len(rec.argumenten_voor)} voor, {len(rec.argumenten_tegen)} tegen"
            choices += [
                Choice(f"Argumenten voor en tegen ({counts})", "argumenten"),
                Choice("Terug naar het menu van de aanbevelingen", "menu"),
            ]
            q = Question(f"{path}#verder", f"Aanbeveling {rec.nummer} klaar; verder met", "select", default, choices)
            answer = self.ask(q)
            if answer == "volgende":
                return i + 1
            if answer == "onbeantwoord":
                return following
            if answer == "menu":
                return None
            self._recommendation_arguments(i)

    def show_recommendation(self, i: int) -> None:
        recs = self.nota.aanbevelingen
        rec = recs[i]
        from notawriter import markup
        from notawriter.markup import plain_text

        group = f" · {short(rec.groep, 70)}" if rec.groep else ""
        self.say("")
        self.say(f"── Aanbeveling {rec.nummer} ({i + 1} van {len(recs)}){group}")
        left, total = SHOW_CHARS, len(plain_text(rec.tekst))
        for block in markup.parse(rec.tekst):
            if left <= 0:
                break
            text = block.plain if len(block.plain) <= left else block.plain[:left].rsplit(" ", 1)[0] + " …"
            left -= len(block.plain)
            indent = "   " + "  " * block.level
            bullet = indent[:-2] + "- " if block.level else indent
            for line in textwrap.wrap(text, SHOW_WIDTH, initial_indent=bullet, subsequent_indent=indent):
                self.say(line)
        if total > SHOW_CHARS:
            self.say(f"   (ingekort; de hele tekst, {total} tekens, staat in de nota)")
        point = self._linked(rec)
        if point is not None:
            chosen = f"gekozen: {point.keuze}" if point.keuze else "nog niet gekozen"
            self.say(f"   Keuze open in beslispunt '{point.key}' ({len(point.opties)} opties, {chosen}).")

    def recommendation(self, i: int, at_reactie: bool = False) -> None:
        """Appreciatie, then the reactie (prefilled from the library), or a decision point with options.

        `at_reactie`: continue at the reactie (the appreciatie was saved before it was asked).
        """
        from notawriter.model import Appreciatie

        rec, path = self.nota.aanbevelingen[i], f"aanbevelingen[{i}]"
        self.show_recommendation(i)
        point = self._linked(rec)
        choices = [Choice(a.value, a.value) for a in Appreciatie]
        if point is not None:
            choices.insert(0, Choice(f"Nog open: beslispunt '{point.key}' met opties (wijzigen)", OPEN_POINT))
        else:
            choices.append(Choice("Nog open: maak er een beslispunt met opties van", OPEN_POINT))
        before = rec.appreciatie

        def apply(value: str) -> None:
            if value != OPEN_POINT:
                rec.appreciatie = Appreciatie(value)

        default = OPEN_POINT if point is not None else rec.appreciatie.value
        if at_reactie and point is None:
            answer = rec.appreciatie.value
        else:
            answer = self.ask(Question(f"{path}.appreciatie", "Appreciatie", "select", default, choices), apply)
        if answer == OPEN_POINT:
            self._open_point(i)
            return
        suggestion, source = self._suggestion(rec.appreciatie.value, point)
        if point is not None and self.confirm(
            f"{path}#beslispunt-weg",
            f"Beslispunt '{point.key}' weghalen? Dan komt de reactie in de Kamerbrief in plaats van de tekstsuggesties",
            True,
        ):
            self.remove_point(point)
        if rec.appreciatie == Appreciatie.OPEN and empty((rec.reactie or "").strip()):
            return  # later; 'volgende onbeantwoorde' comes back here
        current = (rec.reactie or "").strip()
        if rec.appreciatie != before and current and self._is_suggestion(current):
            current = ""  # an untouched starting point follows the new appreciatie
        default = current or suggestion
        instruction = None
        if not current and suggestion:
            instruction = f"(startpunt {source}{'; vul «…» in' if '«' in suggestion else ''})"
        q = Question(f"{path}.reactie", "Reactie van het kabinet", "multiline", default, instruction=instruction)
        self.ask(q, lambda value: setattr(rec, "reactie", value or None))
        if "«" in (rec.reactie or ""):
            self.say("Let op: de reactie bevat nog «…»; vul die plaatsen nog in (ook later kan dat).")

    def _recommendation_arguments(self, i: int) -> None:
        rec, path = self.nota.aanbevelingen[i], f"aanbevelingen[{i}]"
        option = self._library_option(rec.appreciatie.value)
        for items, soort in ((rec.argumenten_voor, "voor"), (rec.argumenten_tegen, "tegen")):
            typical = [str(t) for t in option.data.get(f"argumenten_{soort}", [])] if option is not None else []
            step = self._arguments(
                items,
                f"{path}.argumenten_{soort}",
                soort,
                subject="deze appreciatie",
                suggestions=_not_in(typical, items),
                suggestion_label=f"Bij '{rec.appreciatie.value}'",
            )
            step.run(None)

    # library texts ------------------------------------------------------------------------------

    def _library_option(self, appreciatie: str) -> Any:
        option_id = LIBRARY_OPTION.get(appreciatie)
        if option_id is None or self.libs is None:
            return None
        found = self.libs.find("optie", option_id)
        return found[0] if found else None

    def _suggestion(self, appreciatie: str, point: Any = None) -> tuple[str | None, str]:
        """A reactie's starting point and where it comes from: the decision point's chosen (or
        matching) option, else the library option for the appreciatie."""
        if point is not None:
            keys = [point.keuze, LIBRARY_OPTION.get(appreciatie)]
            for option in point.opties:
                if option.key in keys and option.tekstsuggestie and option.tekstsuggestie.strip():
                    return str(option.tekstsuggestie).strip(), "uit het beslispunt"
        option = self._library_option(appreciatie)
        text = option.data.get("tekstsuggestie") if option is not None else None
        return (str(text).strip() if text else None), "uit de bibliotheek"

    def _is_suggestion(self, text: str) -> bool:
        return any(text == self._suggestion(value)[0] for value in LIBRARY_OPTION)

    # an open choice as a decision point ---------------------------------------------------------

    def _linked(self, rec: Any) -> Any:
        return next((p for p in self.nota.beslispunten if rec.beslispunt and p.key == rec.beslispunt), None)

    def _open_point(self, i: int) -> None:
        """Make (or change) the decision point with options that holds this recommendation's open choice."""
        from notawriter.model import Appreciatie

        rec = self.nota.aanbevelingen[i]
        point = self._linked(rec)
        created = point is None
        if point is None:
            point = self._create_point(rec)
        if rec.appreciatie != Appreciatie.OPEN:
            rec.appreciatie = Appreciatie.OPEN
            self.autosave()
        j = self.nota.beslispunten.index(point)
        path = f"beslispunten[{j}]"
        self.field(point, "tekst", path, "Beslispunt (waarmee gaat de bewindspersoon akkoord?)", required=True).run(
            None
        )
        if created:  # the library's texts are starting points, as for a reactie
            for k, option in enumerate(point.opties):
                message = f"Tekstsuggestie voor de Kamerbrief bij '{option.label or option.key}'"
                self.field(option, "tekstsuggestie", f"{path}.opties[{k}]", message, "multiline").run(None)
        self.edit_list(self._options(point, path), first="done")
        if point.opties:
            self._advice(point, path)

    def _create_point(self, rec: Any) -> Any:
        from notawriter.model import Beslispunt

        points = self.nota.beslispunten
        key = unique_key(f"aanbeveling-{slugify(rec.nummer, 'x', 50)}", [p.key for p in points if p.key])
        options = [self._seed_option(option_id, label) for option_id, label in SEED_OPTIONS.items()]
        taken: list[str] = []
        for option in options:
            option.key = unique_key(option.key, taken)
            taken.append(option.key)
        point = Beslispunt(
            key=key,
            akkoord=[s.afkorting for s in self.nota.ondertekenaars],
            tekst=f"Keuze over aanbeveling {rec.nummer}: {short(rec.tekst, 90)}",
            opties=options,
        )
        points.append(point)
        rec.beslispunt = key
        self.autosave()
        where = "uit de bibliotheek" if any(o.herkomst for o in options) else "(nog zonder tekst)"
        who = (
            f"akkoord: {', '.join(point.akkoord)} (wijzigen bij Beslispunten)"
            if point.akkoord
            else "wie akkoord geeft kiest u bij Beslispunten, na de ondertekenaars"
        )
        self.say(f"Beslispunt '{key}' gemaakt met de opties {' en '.join(o.key for o in options)} {where}; {who}.")
        return point

    def _seed_option(self, option_id: str, label: str) -> Any:
        from notawriter.model import Optie

        found = self.libs.find("optie", option_id) if self.libs is not None else []
        if not found:
            return Optie(key=option_id, label=label)
        from notawriter import library

        for motion in library.required_motions(found[0]):
            self._pull_motion(motion)
        return library.instantiate(found[0])

    def remove_point(self, point: Any) -> None:
        """A decision point goes, and every reference to it (recommendations, letter sections)."""
        self.nota.beslispunten.remove(point)
        if point.key:
            self._repoint(point.key, None)
        self.autosave()
