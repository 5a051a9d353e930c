"""The decision points of a note: who approves, the text, options with arguments, the advice."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from notawriter.wizard.engine import ListSpec, Resume, Step, WizardBase, short, within
from notawriter.wizard.questions import Choice, Question, key_check, key_from_label, unique_key


class PointParts(WizardBase):
    """Decision points and their options."""

    def _points(self) -> ListSpec:
        from notawriter.model import Beslispunt

        points = self.nota.beslispunten

        def add(path: str) -> None:
            self.append(points, Beslispunt())
            self.run_steps(self.point_steps(len(points) - 1))

        def take(path: str, item: Any) -> None:
            from notawriter import library

            point = library.instantiate(item)
            if point.key:
                point.key = unique_key(point.key, [p.key for p in points if p.key])
            self.append(points, point)
            self.run_steps(self.point_steps(len(points) - 1)[:2])  # who approves is per note; «…» in the text

        def rekey(i: int) -> None:
            self.ask_point_key(points[i], f"beslispunten[{i}]")

        def remove(i: int) -> bool:
            gone = points.pop(i).key
            if gone:
                self._repoint(gone, None)
            return True

        def describe(p: Any) -> str:
            who = f"[{'+'.join(p.akkoord)}] " if p.akkoord else ""
            options = f" ({len(p.opties)} opties)" if p.opties else ""
            return f"{who}{short(p.tekst, 55) or '…'}{options}"

        return ListSpec(
            "beslispunten",
            points,
            "Beslispunten",
            "beslispunt toevoegen",
            describe,
            add,
            self.point_steps,
            remove,
            library="beslispunt",
            take=take,
            rekey=rekey,
        )

    def ask_point_key(self, point: Any, path: str) -> None:
        """The key `notawriter choose` and the letter use; derived from the text, asked only on request."""
        taken = [p.key for p in self.nota.beslispunten if p.key and p is not point]
        q = Question(
            f"{path}.key",
            "Sleutel van dit beslispunt (voor 'notawriter choose BESLISPUNT OPTIE')",
            "text",
            point.key or unique_key(key_from_label(point.tekst, "beslispunt"), taken),
            required=True,
            check=key_check(taken),
        )
        self.ask(q, lambda value: self.rename_point(point, value))

    def point_steps(self, i: int) -> list[Step]:
        point, path = self.nota.beslispunten[i], f"beslispunten[{i}]"

        def approve(resume: Resume | None) -> None:
            if not self.nota.ondertekenaars:
                self.say("Nog geen ondertekenaars; wie akkoord geeft kiest u later (onderdeel Ondertekenaars).")
                return
            q = Question(
                f"{path}.akkoord", "Wie moet akkoord geven?", "checkbox", choices=self.signer_choices(point.akkoord)
            )
            self.ask(q, lambda value: setattr(point, "akkoord", value))

        def options(resume: Resume | None) -> None:
            had = bool(point.opties)
            # continuing in the list of options skips the question whether there are options (and the
            # key); without a record that is whenever there are options already
            in_list = resume is not None and (had if resume.trail is None else within(resume.head, f"{path}.opties"))
            if not in_list:
                if not self.confirm(f"{path}#opties", "Heeft dit beslispunt opties om uit te kiezen?", had):
                    if had and self.confirm(f"{path}#opties-weg", f"De {len(point.opties)} opties verwijderen?"):
                        point.opties.clear()
                        point.keuze = point.ambtelijk_advies = point.advies_toelichting = None
                        self.autosave()
                    return
                if not point.key:  # derived from the text; 'Sleutel wijzigen' in the list changes it
                    taken = [p.key for p in self.nota.beslispunten if p.key and p is not point]
                    point.key = unique_key(key_from_label(point.tekst, "beslispunt"), taken)
                    self.autosave()
            self.edit_list(self._options(point, path), resume if in_list else None, "done" if had else "add")

        def advice(resume: Resume | None) -> None:
            if point.opties:
                self._advice(point, path, resume is not None and resume.head == f"{path}.advies_toelichting")

        def choice(resume: Resume | None) -> None:
            if point.opties and self.editing:  # in a new note nobody has chosen yet
                choices = [Choice("Nog niet gekozen", "")] + [Choice(o.label or o.key, o.key) for o in point.opties]
                q = Question(f"{path}.keuze", "Keuze van de bewindspersoon", "select", point.keuze or "", choices)
                self.ask(q, lambda value: setattr(point, "keuze", value or None))

        def motions(resume: Resume | None) -> None:
            if not point.opties:  # with options, the options carry the motions
                self.link_motions(point, path, resume)

        return [
            Step("Wie akkoord geeft", approve, lambda: bool(point.akkoord), path=f"{path}.akkoord"),
            self.field(point, "tekst", path, "Beslispunt (waarmee gaat de bewindspersoon akkoord?)", required=True),
            Step("Opties", options, lambda: bool(point.opties), loop=True, path=f"{path}.opties"),
            Step(
                "Ambtelijk advies",
                advice,
                lambda: bool(point.ambtelijk_advies or point.advies_toelichting),
                path=f"{path}.ambtelijk_advies",
            ),
            Step("Keuze", choice, lambda: point.keuze is not None, path=f"{path}.keuze"),
            Step("Moties", motions, lambda: bool(point.moties), path=f"{path}.moties"),
        ]

    def rename_point(self, point: Any, new: str) -> None:
        old, point.key = point.key, new
        if old:
            self._repoint(old, new)

    def _repoint(self, old: str, new: str | None) -> None:
        """References to decision point `old` follow a rename, or go (None) with a deletion."""
        for holder in (*self.nota.kamerbrief.secties, *self.nota.aanbevelingen):
            if holder.beslispunt == old:
                holder.beslispunt = new

    def _advice(self, point: Any, path: str, at_comment: bool = False) -> None:
        """The advised option (or none, or no agreement), then a comment; `at_comment`: continue there."""
        none, disagree = "", "#geen-overeenstemming"
        choices = [Choice(o.label or o.key, o.key) for o in point.opties]
        choices += [Choice("Ambtelijk geen overeenstemming", disagree), Choice("(Nog) geen advies", none)]
        current = point.ambtelijk_advies or (disagree if point.advies_toelichting else none)
        if at_comment and current != none:
            answer = current  # the advice was saved before the comment was asked
        else:
            # saved at once, so stopping at the comment keeps the advice
            answer = self.ask(
                Question(f"{path}.ambtelijk_advies", "Ambtelijk advies", "select", current, choices),
                lambda value: setattr(point, "ambtelijk_advies", value if value not in (none, disagree) else None),
            )

        def set_advice(value: Any) -> None:
            point.ambtelijk_advies = answer if answer not in (none, disagree) else None
            point.advies_toelichting = value or None

        if answer == none:
            set_advice(None)
            self.autosave()
            return
        default = point.advies_toelichting or (
            "Ambtelijk is geen overeenstemming bereikt over het advies." if answer == disagree else None
        )
        message = (
            "Toelichting (waarover verschillen de meningen?)" if answer == disagree else "Toelichting op het advies"
        )
        q = Question(
            f"{path}.advies_toelichting",
            message,
            "text",
            default,
            required=answer == disagree,
            instruction=None if answer == disagree else "(optioneel)",
        )
        self.ask(q, set_advice)

    # options ------------------------------------------------------------------------------------

    def _options(self, point: Any, point_path: str) -> ListSpec:
        from notawriter.model import Optie

        options = point.opties
        path = f"{point_path}.opties"

        def add(item_path: str) -> None:
            keys = [o.key for o in options]
            q = Question(f"{item_path}.label", "Korte naam van de optie (bijv. 'Aanbeveling overnemen')", required=True)
            self.ask(
                q,
                lambda value: options.append(Optie(key=unique_key(key_from_label(value, "optie"), keys), label=value)),
            )
            self.run_steps(steps(len(options) - 1)[1:])

        def take(item_path: str, item: Any) -> None:
            from notawriter import library

            option = library.instantiate(item)
            option.key = unique_key(option.key, [o.key for o in options])
            self.append(options, option)
            if self.confirm(f"{item_path}#aanpassen", "Deze optie nu aanpassen?", "«" in option.model_dump_json()):
                self.run_steps(steps(len(options) - 1))

        def rekey(i: int) -> None:
            option = options[i]
            taken = [o.key for o in options if o is not option]

            def apply(value: str) -> None:
                _repoint_option(point, option.key, value)
                option.key = value

            q = Question(
                f"{path}[{i}].key", "Sleutel van de optie", "text", option.key, required=True, check=key_check(taken)
            )
            self.ask(q, apply)

        def steps(i: int) -> list[Step]:
            option, opath = options[i], f"{path}[{i}]"
            return [
                self.field(option, "label", opath, "Korte naam van de optie", required=True),
                self.field(
                    option,
                    "samenvatting",
                    opath,
                    "Samenvatting (één regel in het geadviseerd besluit)",
                    instruction="bijv. 'de aanbeveling over te nemen'",
                ),
                self.field(
                    option,
                    "tekstsuggestie",
                    opath,
                    "Tekstsuggestie voor de Kamerbrief",
                    "multiline",
                    instruction="komt in de Kamerbrief als de bewindspersoon deze optie kiest",
                ),
                self._library_arguments(option, opath),
                self._argument_lines(option, opath, "voor"),
                self._argument_lines(option, opath, "tegen"),
                Step(
                    "Moties",
                    lambda resume: self.link_motions(option, opath, resume),
                    lambda: bool(option.moties),
                    path=f"{opath}.moties",
                ),
            ]

        def remove(i: int) -> bool:
            _repoint_option(point, options.pop(i).key, None)
            return True

        def ready() -> bool:
            if len(options) != 1:
                return True
            self.say("Een beslispunt met opties heeft er minstens twee nodig.")
            return self.confirm(f"{path}#een-optie", "Toch verder met één optie (aanvullen kan later)?")

        def describe(o: Any) -> str:
            advice = " (ambtelijk advies)" if point.ambtelijk_advies == o.key else ""
            return f"{o.key}: {o.label or short(o.samenvatting, 50)}{advice}"

        return ListSpec(
            path,
            options,
            "Opties",
            "optie toevoegen",
            describe,
            add,
            steps,
            remove,
            ready,
            library="optie",
            take=take,
            rekey=rekey,
        )

    def _library_arguments(self, option: Any, opath: str) -> Step:
        """Arguments from the library, ticked for this option; they land in the lists asked next."""

        def run(resume: Resume | None) -> None:
            items = self.libs.items("argument") if self.libs is not None else []
            have = [*option.argumenten_voor, *option.argumenten_tegen]
            items = [item for item in items if item.data["tekst"] not in have]
            if not items:
                return
            choices = [
                Choice(f"{item.data.get('soort') or 'voor/tegen'}: {short(item.data['tekst'], 70)}", item.id)
                for item in items
            ]
            chosen = self.ask(
                Question(
                    f"{opath}#argumenten",
                    "Argumenten uit de bibliotheek voor deze optie?",
                    "checkbox",
                    choices=choices,
                    instruction="Enter zonder keuze = geen; «…» vult u zo in",
                )
            )
            for item in items:
                if item.id in chosen:
                    side = option.argumenten_tegen if item.data.get("soort") == "tegen" else option.argumenten_voor
                    side.append(item.data["tekst"])
            self.autosave()

        return Step("Argumenten uit de bibliotheek", run, lambda: False, path=f"{opath}#argumenten")

    def _argument_lines(self, option: Any, opath: str, soort: str) -> Step:
        """All arguments for (or against) an option in one text: one argument a line."""
        attr = f"argumenten_{soort}"
        return self.field(
            option,
            attr,
            opath,
            f"Argumenten {soort} deze optie (één per regel)",
            "lines",
            instruction="leeg = geen",
        )

    def _arguments(
        self,
        items: list[str],
        path: str,
        soort: str,
        subject: str = "deze optie",
        suggestions: Callable[[], list[str]] | None = None,
        suggestion_label: str = "Suggestie",
    ) -> Step:
        """Arguments for or against an option (or another `subject`): each one a line of text.

        Library arguments come first, preceded by any `suggestions` (e.g. a library option's
        typical arguments), each offered as '<suggestion_label>: <text>'.
        """
        noun = f"argument {soort}"
        message = f"{noun.capitalize()} {subject}"

        def edit_item(i: int) -> list[Step]:
            def run(resume: Resume | None) -> None:
                q = Question(f"{path}[{i}]", message, "text", items[i], required=True)
                self.ask(q, lambda value: items.__setitem__(i, value))

            return [Step(noun, run, lambda: True, path=f"{path}[{i}]")]

        def add(item_path: str) -> None:
            extra = [(f"{suggestion_label}: {short(t, 70)}", t) for t in (suggestions() if suggestions else [])]
            text = self.from_library(
                "argument",
                item_path,
                f"Nieuw {noun}",
                skip=lambda item: item.data.get("soort") not in (None, soort) or item.data["tekst"] in items,
                extra=extra,
            )
            # a library text often has «…» to fill in, so it is shown for editing too
            text = self.ask(Question(item_path, message, "text", text, required=True))
            self.append(items, text)

        spec = ListSpec(
            path, items, f"Argumenten {soort}", f"{noun} toevoegen", lambda text: short(text, 70), add, edit_item
        )
        return self.list_step(spec)


def _repoint_option(point: Any, old: str, new: str | None) -> None:
    """The choice and the advice follow an option's rename, or go (None) with its deletion."""
    if point.keuze == old:
        point.keuze = new
    if point.ambtelijk_advies == old:
        point.ambtelijk_advies = new
