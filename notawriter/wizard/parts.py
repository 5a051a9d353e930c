"""The other parts of a note: header, signatories, motions, free sections and the Kamerbrief."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from notawriter.wizard.engine import ListSpec, Resume, Step, WizardBase, empty, item_index, short
from notawriter.wizard.questions import Choice, Question, key_check, slugify, unique_key

_PLACEHOLDER_MOTIE = re.compile(r"^motie(-\d+)?$")
#: Header fields asked only when chosen: (field, title, what it is)
KOP_EXTRA: tuple[tuple[str, str, str], ...] = (
    ("via", "Via", "langs wie de nota gaat vóór de bewindspersoon (bijv. de DG); meer met ';'"),
    ("kopie_aan", "Kopie aan", "wie de nota ter informatie krijgt"),
    ("referentie", "Onze referentie", "het kenmerk van de nota, bijv. BZ2407961"),
    ("opgesteld_door", "Opgesteld door", "opsteller met telefoonnummer (persoonsgegeven)"),
    ("plandatum", "Plandatum", "uiterste datum waarop de bewindspersoon beslist (deadline)"),
    ("kamer", "Kamer", "datum waarop de Kamerbrief bij de Tweede Kamer moet zijn"),
    ("binnengekomen_op", "Binnengekomen op", "datum waarop het stuk (bijv. het rapport) binnenkwam"),
)
AAN_HINT = "voor wie de nota is: meestal de bewindspersonen die beslissen"


def split_names(text: str | None) -> list[str]:
    """'M en R' or 'M, R en S' → ['M', 'R', 'S']."""
    return [part.strip() for part in re.split(r",|\ben\b|&", text or "") if part.strip()]


def join_names(names: list[str]) -> str:
    """['M', 'R', 'S'] → 'M, R en S'."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} en {names[-1]}" if names else ""


class NoteParts(WizardBase):
    """Header, signatories, motions, free sections and the Kamerbrief."""

    # the header ---------------------------------------------------------------------------------

    def _kop_steps(self) -> list[Step]:
        from notawriter.model import NotaType

        kop = self.nota.kop
        types = [Choice(t.value, t.value) for t in NotaType]

        def kind_step(resume: Resume | None) -> None:
            q = Question("kop.type", "Soort nota", "select", kop.type.value, types)
            self.ask(q, lambda value: setattr(kop, "type", NotaType(value)))

        def more(resume: Resume | None) -> None:
            choices = [
                Choice(f"{title} — {explanation}", attr, not empty(getattr(kop, attr)))
                for attr, title, explanation in KOP_EXTRA
            ]
            chosen = self.ask(
                Question(
                    "kop#velden",
                    "Welke kopvelden wilt u nog invullen?",
                    "checkbox",
                    choices=choices,
                    instruction="alleen wat deze nota nodig heeft; Enter zonder keuze = geen",
                )
            )
            for attr, _, _ in KOP_EXTRA:
                if attr in chosen:
                    self.wanted.add(f"kop.{attr}")
                elif not empty(getattr(kop, attr)):
                    setattr(kop, attr, None)  # unticked: the field goes
            self.autosave()

        extra: list[Step] = []
        for attr, title, explanation in KOP_EXTRA:
            if attr in ("plandatum", "kamer", "binnengekomen_op"):
                step = self.date_step(kop, attr, "kop", title, instruction=explanation)
            else:
                kind = "text" if attr == "referentie" else "persons"
                step = self.field(kop, attr, "kop", title, kind, instruction=f"{explanation}; leeg = geen")
            extra.append(self.when_wanted(step))
        return [
            self.field(kop, "onderwerp", "kop", "Onderwerp", required=True),
            Step("Soort nota", kind_step, lambda: kop.type != NotaType.TER_BESLISSING, path="kop.type"),
            self.field(
                kop,
                "van",
                "kop",
                "Van (namen en/of afdeling)",
                "persons",
                instruction="optioneel; bijv. 'Sanne de Vries (DMM/MR)'; meer met ';'; de openbare versie lakt namen",
            ),
            self.date_step(kop, "datum", "kop", "Datum van de nota", today=not self.editing),
            Step(
                "Meer kopvelden",
                more,
                lambda: any(not empty(getattr(kop, attr)) for attr, _, _ in KOP_EXTRA),
                path="kop#velden",
            ),
            *extra,
        ]

    def date_step(
        self, obj: Any, attr: str, path: str, message: str, *, today: bool = False, instruction: str | None = None
    ) -> Step:
        """A date as a choice: keep it, today, none, or type one (nothing to erase first)."""
        from notawriter.wizard.questions import format_date_short

        full = f"{path}.{attr}"

        def run(resume: Resume | None) -> None:
            current, now = getattr(obj, attr), dt.date.today()
            choices = [Choice(f"Houden: {format_date_short(current)}", "houden")] if current else []
            if current != now:
                choices.append(Choice(f"Vandaag ({format_date_short(now)})", "vandaag"))
            choices += [Choice("Andere datum typen", "typen"), Choice("Geen datum", "geen")]
            default = "houden" if current else "vandaag" if today else "typen"
            typing = resume is not None and resume.head == f"{full}#typen"  # it stopped while typing
            answer = (
                "typen"
                if typing
                else self.ask(Question(f"{full}#datum", message, "select", default, choices, instruction=instruction))
            )
            if answer == "typen":
                q = Question(
                    f"{full}#typen",
                    message,
                    "date",
                    current,
                    instruction="bijv. 6-1-2025 of 6 januari 2025; leeg = geen datum",
                )
                self.ask(q, lambda value: setattr(obj, attr, value))
            elif answer != "houden":
                setattr(obj, attr, now if answer == "vandaag" else None)
                self.autosave()

        return Step(message, run, lambda: getattr(obj, attr) is not None, path=full)

    def when_wanted(self, step: Step) -> Step:
        """A step asked only once chosen (e.g. an extra header field) or when it has an answer already."""
        inner = step.run
        return Step(
            step.label,
            lambda resume: inner(resume) if step.path in self.wanted or step.filled() else None,
            step.filled,
            step.loop,
            step.path,
        )

    # signatories --------------------------------------------------------------------------------

    def _signers(self) -> ListSpec:
        from notawriter.model import Ondertekenaar

        signers = self.nota.ondertekenaars

        def steps(i: int) -> list[Step]:
            signer, path = signers[i], f"ondertekenaars[{i}]"
            taken = [s.afkorting for s in signers if s is not signer]
            return [
                self.field(
                    signer,
                    "afkorting",
                    path,
                    "Afkorting (bijv. M of R)",
                    required=True,
                    check=key_check(taken, "afkorting"),
                    apply=lambda value: self.rename_signer(signer, value),
                ),
                self.field(signer, "titel", path, "Functie (bijv. Minister van Buitenlandse Zaken)"),
                self.name_step(signer, path),
            ]

        def add(path: str) -> None:
            taken = [s.afkorting for s in signers]
            question = Question(
                f"{path}.afkorting", "Afkorting (bijv. M of R)", required=True, check=key_check(taken, "afkorting")
            )
            self.ask(question, lambda value: signers.append(Ondertekenaar(afkorting=value, titel="", naam="")))
            self.run_steps(steps(len(signers) - 1)[1:])

        def take(path: str, item: Any) -> None:
            from notawriter import library

            self.append(signers, library.instantiate(item))
            self.run_steps([self.name_step(signers[-1], path, item)])

        def remove(i: int) -> bool:
            self._resign(signers.pop(i).afkorting, None)
            return True

        def describe(s: Any) -> str:
            return f"{s.afkorting} — {s.titel or '…'}{', ' + s.naam if s.naam else ''}"

        return ListSpec(
            "ondertekenaars",
            signers,
            "Ondertekenaars (wie beslissen en tekenen)",
            "ondertekenaar toevoegen",
            describe,
            add,
            steps,
            remove,
            library="ondertekenaar",
            take=take,
            skip=lambda item: item.id in [s.afkorting for s in signers],
        )

    def name_step(self, signer: Any, path: str, item: Any = None) -> Step:
        """The name under the letter: confirmed per note, from the names the library dates.

        A name is only the default while in office today; a name out of office (or undated) is
        shown with its period but never picked by Enter.
        """

        def run(resume: Resume | None) -> None:
            found = item or self._library_signer(signer)
            names = list(reversed(found.names)) if found is not None else []
            message = f"Naam van {signer.afkorting} ({signer.titel or 'ondertekenaar'}) onder de brief"
            apply = lambda value: setattr(signer, "naam", value or "")  # noqa: E731
            today = self.nota.kop.datum or dt.date.today()  # in office on the note's date
            if not any(n.current(today) for n in names):  # nobody to confirm: type the name
                former = "; ".join(f"{n.naam}: {n.describe()}" for n in names[:2])
                stale = signer.naam and any(n.naam == signer.naam for n in names)
                hint = "bijv. A.B. de Vries; leeg = later" + (f" · eerder: {former}" if former else "")
                q = Question(f"{path}.naam", message, default=None if stale else signer.naam, instruction=hint)
                self.ask(q, apply)
                return
            choices, default = [], "#typen"
            known = [n.naam for n in names]
            if signer.naam and signer.naam not in known:
                choices.append(Choice(f"{signer.naam} (staat nu in de nota)", "#nota"))
                default = "#nota"
            for n, period in enumerate(names):
                state = "" if period.current(today) else "niet meer in functie: " if period.tot else ""
                choices.append(Choice(f"{period.naam} ({state}{period.describe()})", f"naam:{n}"))
                if period.current(today) and (default == "#typen" or signer.naam == period.naam):
                    default = f"naam:{n}"
            choices.append(Choice("Andere naam typen", "#typen"))
            out = [p for p in names if p.naam == signer.naam and not p.current(today)]
            warning = f"{signer.naam} is niet (meer) in functie; kies of typ de huidige naam" if out else None
            typing = resume is not None and resume.head == f"{path}.naam#typen"  # it stopped while typing
            answer = (
                "#typen"
                if typing
                else self.ask(Question(f"{path}.naam#kies", message, "select", default, choices, instruction=warning))
            )
            if answer == "#typen":
                q = Question(f"{path}.naam#typen", message, instruction="bijv. A.B. de Vries; leeg = later")
                self.ask(q, apply)
            elif answer.startswith("naam:"):
                apply(names[int(answer.split(":", 1)[1])].naam)
                self.autosave()

        return Step("Naam", run, lambda: bool(signer.naam), path=f"{path}.naam")

    def _library_signer(self, signer: Any) -> Any:
        """The library signatory a note's signatory was taken from (same function), if any."""
        if self.libs is None:
            return None
        items = self.libs.items("ondertekenaar")
        return next(
            (i for i in items if i.data.get("titel") == signer.titel and i.id == signer.afkorting),
            next((i for i in items if signer.titel and i.data.get("titel") == signer.titel), None),
        )

    def aan_step(self) -> Step:
        """'Aan' in the header: picked from the signatories, or typed for anyone else."""
        kop = self.nota.kop

        def run(resume: Resume | None) -> None:
            signers = self.nota.ondertekenaars
            tokens = split_names(kop.aan)
            keys = [s.afkorting for s in signers]
            others = [t for t in tokens if t not in keys]
            apply = lambda value: setattr(kop, "aan", join_names(value))  # noqa: E731
            if not signers:
                self.ask(Question("kop.aan", "Aan (bijv. M en R)", "csv", tokens, instruction=AAN_HINT), apply)
                return
            choices = [
                Choice(f"{s.afkorting} — {s.titel or s.naam}", s.afkorting, not tokens or s.afkorting in tokens)
                for s in signers
            ]
            choices.append(Choice("Iemand anders (zelf typen)", "#anders", bool(others)))
            if resume is not None and resume.head == "kop.aan#anders":  # it stopped while typing the others
                answer = [t for t in tokens if t in keys] + ["#anders"]
            else:
                answer = self.ask(
                    Question("kop.aan#wie", "Aan wie gaat de nota?", "checkbox", choices=choices, instruction=AAN_HINT)
                )
            chosen = [a for a in answer if a != "#anders"]
            apply(chosen + (others if "#anders" in answer else []))
            self.autosave()
            if "#anders" in answer:
                q = Question("kop.aan#anders", "Aan (anderen, met komma's)", "csv", others, required=True)
                typed = self.ask(q)
                apply(chosen + [t for t in typed if t not in chosen])
                self.autosave()

        return Step("Aan", run, lambda: bool(kop.aan), path="kop.aan")

    def rename_signer(self, signer: Any, new: str) -> None:
        old, signer.afkorting = signer.afkorting, new
        self._resign(old, new)

    def _resign(self, old: str, new: str | None) -> None:
        """Approvals and signing follow a signatory's new abbreviation, or lose a deleted one."""
        for point in self.nota.beslispunten:
            point.akkoord = _rekey(point.akkoord, old, new)
        letter = self.nota.kamerbrief
        letter.ondertekening = _rekey(letter.ondertekening, old, new)
        kop = self.nota.kop
        if old in split_names(kop.aan):  # 'Aan' names the signatories by their abbreviation too
            kop.aan = join_names(_rekey(split_names(kop.aan), old, new))

    # motions ------------------------------------------------------------------------------------

    def link_motions(self, obj: Any, path: str, resume: Resume | None = None) -> None:
        """Related motions of an option or decision point: pick existing ones or create a new one."""
        motions = self.nota.moties
        if resume is not None and item_index("moties", resume.head) is not None:
            self._link_new_motion(obj, resume)  # it stopped in the new motion made from here
            return
        if not motions:  # nothing to link yet; a motion added later (Moties) asks where it belongs
            return
        choices = [Choice(self.describe_motion(m), m.key, m.key in obj.moties) for m in motions]
        choices.append(Choice("+ Nieuwe motie invoeren", "#nieuw"))
        answer = self.ask(
            Question(f"{path}.moties", "Gerelateerde moties", "checkbox", choices=choices),
            lambda value: setattr(obj, "moties", [k for k in value if k != "#nieuw"]),
        )
        if "#nieuw" in answer:
            self._link_new_motion(obj)

    def _link_new_motion(self, obj: Any, resume: Resume | None = None) -> None:
        """A new motion, linked once it is filled in; `resume`: continue the one that was being made."""
        motions, spec = self.nota.moties, self._motions()
        k = item_index("moties", resume.head) if resume is not None else None
        self.linking = True  # the motion belongs here: its own 'where does it belong' is not asked
        try:
            if k is not None and k < len(motions):
                self.run_steps(spec.steps(k), resume)
            else:
                k = len(motions)
                spec.add(f"moties[{k}]")
        finally:
            self.linking = False
        if k < len(motions) and motions[k].key not in obj.moties:
            obj.moties.append(motions[k].key)
            self.autosave()

    @staticmethod
    def describe_motion(m: Any) -> str:
        names = [i.naam for i in m.indieners]
        cited = (
            f"motie-{names[0]}{' c.s.' if len(names) > 1 or m.medeindienende_fracties else ''}" if names else "motie"
        )
        dossier = " ".join(part for part in (m.dossier, m.toevoeging) if part)
        number = ", ".join(part for part in (dossier, f"nr. {m.volgnummer}" if m.volgnummer else "") if part)
        return f"{m.key}: {cited}{f' ({number})' if number else ''}, {m.status.value}"

    def _motions(self) -> ListSpec:
        from notawriter.model import Motie

        motions = self.nota.moties

        def add(path: str) -> None:
            keys = [m.key for m in motions]
            self.append(motions, Motie(key=unique_key("motie", keys)))
            self.run_steps(steps(len(motions) - 1))

        def take(path: str, item: Any) -> None:
            from notawriter import library

            self.append(motions, library.instantiate(item))
            self.run_steps([steps(len(motions) - 1)[-1]])

        def steps(i: int) -> list[Step]:
            from notawriter.model import MotieStatus

            m, path = motions[i], f"moties[{i}]"
            taken = [other.key for other in motions if other is not m]
            statuses = [Choice(s.value, s.value) for s in MotieStatus]

            def key_step(resume: Resume | None) -> None:
                shown = m.key
                if _PLACEHOLDER_MOTIE.match(m.key):  # derive one from the first submitter and the number
                    name = m.indieners[0].naam if m.indieners else "motie"
                    shown = unique_key(slugify(f"{name} {m.volgnummer or ''}", "motie"), taken)
                q = Question(
                    f"{path}.key",
                    "Sleutel om naar de motie te verwijzen ([motie:sleutel])",
                    "text",
                    shown,
                    required=True,
                    check=key_check(taken),
                )
                self.ask(q, lambda value: self.rename_motion(m.key, value))

            return [
                self.list_step(self._submitters(m, path)),
                self.field(
                    m,
                    "medeindienende_fracties",
                    path,
                    "Fracties van mede-indieners (bijv. SGP, CU)",
                    "csv",
                    instruction="(optioneel, met komma's)",
                ),
                self.field(
                    m,
                    "dossier",
                    path,
                    "Kamerstuk (dossiernummer, bijv. 36600)",
                    check=_dossier_check,
                    instruction="(optioneel)",
                ),
                self.field(m, "toevoeging", path, "Toevoeging bij het dossier (bijv. XX)", instruction="(optioneel)"),
                self.field(m, "volgnummer", path, "Volgnummer (nr.)", "int", instruction="(optioneel)"),
                self.field(m, "datum", path, "Datum van indiening", "date", instruction="(optioneel)"),
                Step(
                    "Status",
                    lambda resume: self.ask(
                        Question(f"{path}.status", "Status", "select", m.status.value, statuses),
                        lambda value: setattr(m, "status", MotieStatus(value)),
                    ),
                    lambda: m.status != MotieStatus.INGEDIEND,
                    path=f"{path}.status",
                ),
                self.field(m, "titel", path, "Titel of onderwerp", instruction="(optioneel)"),
                self.field(m, "verzoek", path, "Verzoek ('verzoekt de regering …')", "multiline"),
                Step("Sleutel", key_step, lambda: not _PLACEHOLDER_MOTIE.match(m.key), path=f"{path}.key"),
                Step(
                    "Hoort bij",
                    lambda resume: None if self.linking else self._link_back(m, path),
                    lambda: self._linked(m.key),
                    path=f"{path}#bij",
                ),
            ]

        def remove(i: int) -> bool:
            key = motions[i].key
            cited = self._citations(key)
            if cited:
                self.say(f"Motie '{key}' wordt nog genoemd in: {', '.join(cited)}; haal die verwijzingen eerst weg.")
                return False
            motions.pop(i)
            for owner in self._motion_owners():
                owner.moties = _rekey(owner.moties, key, None)
            return True

        return ListSpec(
            "moties",
            motions,
            "Moties",
            "motie toevoegen",
            self.describe_motion,
            add,
            steps,
            remove,
            library="motie",
            take=take,
            skip=lambda item: item.data.get("key") in [m.key for m in motions],
        )

    def _linked(self, key: str) -> bool:
        return any(key in owner.moties for owner in self._motion_owners())

    def _link_back(self, motion: Any, path: str) -> None:
        """Which options (or decision points without options) a motion belongs to."""
        owners: list[tuple[str, Any]] = []
        for i, point in enumerate(self.nota.beslispunten, start=1):
            if point.opties:
                owners += [(f"{i}. optie '{short(o.label or o.key, 30)}'", o) for o in point.opties]
            else:
                owners.append((f"{i}. {short(point.tekst, 50)}", point))
        if not owners:
            return
        choices = [Choice(title, str(n), motion.key in owner.moties) for n, (title, owner) in enumerate(owners)]
        answer = self.ask(
            Question(f"{path}#bij", "Bij welke beslispunten of opties hoort deze motie?", "checkbox", choices=choices)
        )
        for n, (_, owner) in enumerate(owners):
            linked = motion.key in owner.moties
            if str(n) in answer and not linked:
                owner.moties.append(motion.key)
            elif str(n) not in answer and linked:
                owner.moties.remove(motion.key)
        self.autosave()

    def _submitters(self, motion: Any, path: str) -> ListSpec:
        from notawriter.model import Indiener

        people = motion.indieners

        def steps(i: int) -> list[Step]:
            person, ipath = people[i], f"{path}.indieners[{i}]"
            return [
                self.field(person, "naam", ipath, "Achternaam van de indiener (bijv. Boomsma)", required=True),
                self.field(person, "fractie", ipath, "Fractie (bijv. NSC)", instruction="(optioneel)"),
            ]

        def add(item_path: str) -> None:
            q = Question(f"{item_path}.naam", "Achternaam van de indiener (bijv. Boomsma)", required=True)
            self.ask(q, lambda value: people.append(Indiener(naam=value)))
            self.run_steps(steps(len(people) - 1)[1:])

        def describe(p: Any) -> str:
            return f"{p.naam}{f' ({p.fractie})' if p.fractie else ''}"

        return ListSpec(
            f"{path}.indieners", people, "Indieners (eerste indiener eerst)", "indiener toevoegen", describe, add, steps
        )

    def _motion_owners(self) -> list[Any]:
        return [obj for p in self.nota.beslispunten for obj in (p, *p.opties)]

    def _citations(self, key: str) -> list[str]:
        from notawriter.markup import motion_refs
        from notawriter.model import iter_texts

        return [path for path, text in iter_texts(self.nota) if key in motion_refs(text)]

    def rename_motion(self, old: str, new: str) -> None:
        if old == new:
            return
        motion = next(m for m in self.nota.moties if m.key == old)
        motion.key = new
        for owner in self._motion_owners():
            owner.moties = _rekey(owner.moties, old, new)
        _replace_texts(self.nota, f"[motie:{old}]", f"[motie:{new}]")

    # free sections and the letter ---------------------------------------------------------------

    def _sections(self, sections: list[Any], path: str, title: str, nested: bool) -> ListSpec:
        from notawriter.model import Sectie

        def steps(i: int) -> list[Step]:
            section, spath = sections[i], f"{path}[{i}]"
            result = [
                self.field(section, "titel", spath, "Titel (bijv. Kernpunten)", required=True),
                self.field(section, "tekst", spath, "Tekst", "multiline"),
            ]
            if nested:
                result.append(
                    self.list_step(self._sections(section.subsecties, f"{spath}.subsecties", "Subsecties", False))
                )
            return result

        def add(item_path: str) -> None:
            q = Question(f"{item_path}.titel", "Titel (bijv. Kernpunten)", required=True)
            self.ask(q, lambda value: sections.append(Sectie(titel=value)))
            self.run_steps(steps(len(sections) - 1)[1:])

        def describe(s: Any) -> str:
            sub = f" ({len(s.subsecties)} subsecties)" if s.subsecties else ""
            return f"{s.titel}{sub}"

        noun = "sectie toevoegen" if nested else "subsectie toevoegen"
        return ListSpec(path, sections, title, noun, describe, add, steps)

    def _letter_steps(self) -> list[Step]:
        from notawriter.model import BriefSectie

        letter = self.nota.kamerbrief
        sections = letter.secties

        def subject(value: str) -> None:
            letter.onderwerp = None if empty(value) or value == self.nota.kop.onderwerp else value

        def sign(resume: Resume | None) -> None:
            if not self.nota.ondertekenaars:
                return
            q = Question(
                "kamerbrief.ondertekening",
                "Wie ondertekent de Kamerbrief?",
                "checkbox",
                choices=self.signer_choices(letter.ondertekening),
            )
            self.ask(q, lambda value: setattr(letter, "ondertekening", value))

        def section_steps(i: int) -> list[Step]:
            section, spath = sections[i], f"kamerbrief.secties[{i}]"

            def place(resume: Resume | None) -> None:
                points = [p for p in self.nota.beslispunten if p.key and p.opties]
                if not points:
                    return
                choices = [Choice("Geen", "")] + [Choice(short(p.tekst, 60), p.key) for p in points]
                q = Question(
                    f"{spath}.beslispunt",
                    "Tekstsuggestie van een beslispunt hier plaatsen?",
                    "select",
                    section.beslispunt or "",
                    choices,
                )
                self.ask(q, lambda value: setattr(section, "beslispunt", value or None))

            return [
                self.field(section, "titel", spath, "Kop van de sectie", instruction="(optioneel)"),
                self.field(section, "tekst", spath, "Tekst", "multiline"),
                Step("Tekstsuggestie", place, lambda: bool(section.beslispunt), path=f"{spath}.beslispunt"),
            ]

        def add(item_path: str) -> None:
            self.append(sections, BriefSectie())
            self.run_steps(section_steps(len(sections) - 1))

        def describe(s: Any) -> str:
            placed = f" [+ tekstsuggestie {s.beslispunt}]" if s.beslispunt else ""
            return f"{s.titel or short(s.tekst, 50) or '(zonder kop)'}{placed}"

        spec = ListSpec(
            "kamerbrief.secties",
            sections,
            "Secties van de Kamerbrief",
            "sectie toevoegen",
            describe,
            add,
            section_steps,
            optional=True,
        )

        def propose(resume: Resume | None) -> None:
            """Each decision point with options gets a letter section for its text suggestions."""
            placed = {s.beslispunt for s in sections if s.beslispunt}
            for point in self.nota.beslispunten:
                if point.opties and point.key and point.key not in placed:
                    title = _heading(point)
                    sections.append(BriefSectie(titel=title, beslispunt=point.key))
                    self.say(
                        f"Kamerbrief: sectie '{title}' toegevoegd; daar komt de tekstsuggestie van de gekozen "
                        "optie. Tekst ervoor, verplaatsen of weghalen kan in de lijst hierna."
                    )
            self.autosave()

        betreft = self.field(
            letter,
            "onderwerp",
            "kamerbrief",
            "Kamerbrief — betreft",
            default=lambda: self.nota.kop.onderwerp,
            apply=subject,
            instruction="leeg = het onderwerp van de nota",
        )
        return [
            betreft if self.editing else self.when_wanted(betreft),
            self.field(letter, "inleiding", "kamerbrief", "Kamerbrief — inleiding", "multiline"),
            Step("Tekstsuggesties plaatsen", propose, lambda: False, path="kamerbrief#voorstel"),
            self.list_step(spec),
            self.field(letter, "slot", "kamerbrief", "Kamerbrief — slot", "multiline", instruction="(optioneel)"),
            Step("Ondertekening", sign, lambda: bool(letter.ondertekening), path="kamerbrief.ondertekening"),
            *self.letterhead_steps(),
        ]

    def letterhead_steps(self) -> list[Step]:
        """The letter's sender (kamerbrief.afzender): the ministry first; no ministry, no letterhead.

        Asked after the signing, so a new letterhead can start from the signatories' ministry.
        The addresses are only asked once there is a ministry (the model needs one).
        """
        from notawriter.model import Afzender

        letter = self.nota.kamerbrief
        path = "kamerbrief.afzender"

        def ministry(resume: Resume | None) -> None:
            sender = letter.afzender
            configured = project_ministry(self.path) if sender is None else None
            suggested = [] if sender is not None or configured else self.ministry_suggestions()
            if configured:  # the project's notawriter.yaml gives the letterhead: empty keeps it
                instruction = f"(leeg = briefhoofd uit notawriter.yaml: {configured})"
            elif suggested:
                more = f", ook: {', '.join(suggested[1:])}" if len(suggested) > 1 else ""
                instruction = f"(voorstel uit de ondertekenaars{more}; leeg = geen briefhoofd)"
            else:
                instruction = "(bijv. Ministerie van Buitenlandse Zaken; leeg = geen briefhoofd)"
            shown = sender.ministerie if sender is not None else (suggested[0] if suggested else None)
            q = Question(
                f"{path}.ministerie",
                "Kamerbrief — briefhoofd: ministerie",
                default=shown,
                instruction=instruction,
            )
            while True:
                value = self.ask(q)
                if not empty(value) or sender is None or not (sender.bezoekadres or sender.retouradres):
                    break
                if self.confirm(f"{path}#weghalen", "Het hele briefhoofd weghalen, ook bezoekadres en retouradres?"):
                    break
            if empty(value):
                letter.afzender = None
            elif sender is None:
                letter.afzender = Afzender(ministerie=value)
            else:
                sender.ministerie = value
            self.autosave()

        def address(attr: str, message: str, kind: str, instruction: str) -> Step:
            def run(resume: Resume | None) -> None:
                sender = letter.afzender
                if sender is None:
                    return
                q = Question(f"{path}.{attr}", message, kind, getattr(sender, attr), instruction=instruction)
                self.ask(q, lambda value: setattr(sender, attr, None if empty(value) else value))

            return Step(
                message,
                run,
                lambda: letter.afzender is not None and not empty(getattr(letter.afzender, attr)),
                path=f"{path}.{attr}",
            )

        return [
            Step(
                "Briefhoofd van de Kamerbrief", ministry, lambda: letter.afzender is not None, path=f"{path}.ministerie"
            ),
            address(
                "bezoekadres",
                "Kamerbrief — briefhoofd: bezoekadres",
                "block",
                "(optioneel; straat en postcode op eigen regels)",
            ),
            address(
                "retouradres",
                "Kamerbrief — briefhoofd: retouradres",
                "text",
                "(optioneel, op één regel, bijv. Postbus 20061, 2500 EB Den Haag)",
            ),
        ]

    def ministry_suggestions(self) -> list[str]:
        """Ministries in the signatories' titles: the letter's signers first, then the note's.

        Only when the note's signatories name none, the libraries' signatories are used.
        """
        signers = self.nota.ondertekenaars
        by_key = {s.afkorting: s for s in signers}
        titles = [by_key[k].titel for k in self.nota.kamerbrief.ondertekening if k in by_key]
        titles += [s.titel for s in signers]
        found = _ministries(titles)
        if not found and self.libs is not None:
            found = _ministries(str(item.data.get("titel") or "") for item in self.libs.items("ondertekenaar"))
        return found


_MINISTER_OF = re.compile(r"\b(?:minister|staatssecretaris)\s+van\s+(.+)", re.IGNORECASE)


def _heading(point: Any) -> str:
    """A letter heading for a decision point: its key's words ('inzet-extra-financiering' → 'Inzet extra financiering')."""
    words = (point.key or "beslispunt").replace("_", "-").split("-")
    text = " ".join(w for w in words if w)
    return text[:1].upper() + text[1:]


def ministry_of(title: str | None) -> str | None:
    """'Minister van Buitenlandse Zaken' → 'Ministerie van Buitenlandse Zaken'; None for 'Minister voor …'.

    A minister 'voor' (without a ministry of his own) or another title gives no ministry.
    """
    match = _MINISTER_OF.search(title or "")
    if not match:
        return None
    name = re.sub(r"\s*\(.*\)$", "", match.group(1)).strip().rstrip(",.;").strip()
    return f"Ministerie van {name}" if name else None


def _ministries(titles: Any) -> list[str]:
    found: list[str] = []
    for title in titles:
        name = ministry_of(title)
        if name and name not in found:
            found.append(name)
    return found


def _dossier_check(value: Any) -> str | None:
    return None if re.fullmatch(r"\d[\d ]*", str(value)) else "typ alleen het nummer, bijv. 36600 of 36 600"


def _replace_texts(model: Any, old: str, new: str) -> None:
    """Replace `old` by `new` in every text of a model, in place (motion references on a rename)."""
    from pydantic import BaseModel

    for name in type(model).model_fields:
        value = getattr(model, name)
        if isinstance(value, BaseModel):
            _replace_texts(value, old, new)
        elif isinstance(value, str) and old in value:
            setattr(model, name, value.replace(old, new))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    _replace_texts(item, old, new)
                elif isinstance(item, str) and old in item:
                    value[i] = item.replace(old, new)


def _rekey(keys: list[str], old: str, new: str | None) -> list[str]:
    """`keys` with `old` renamed to `new`, or left out when `new` is None."""
    if new is None:
        return [key for key in keys if key != old]
    return [new if key == old else key for key in keys]


def project_ministry(note_path: Path) -> str | None:
    """The ministry of the letterhead in the project config next to the note (notawriter.letterhead), if any."""
    from notawriter.errors import NotaError
    from notawriter.letterhead import project_afzender

    try:
        sender, _ = project_afzender(note_path)
    except NotaError:  # a broken notawriter.yaml is reported by render and check, not here
        return None
    return sender.ministerie if sender is not None else None
