"""The other parts of a note: header, signatories, motions, free sections and the Kamerbrief."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from notawriter.wizard.engine import ListSpec, Resume, Step, WizardBase, empty, item_index, short
from notawriter.wizard.questions import Choice, Question, key_check, slugify, unique_key

_PLACEHOLDER_MOTIE = re.compile(r"^motie(-\d+)?$")


class NoteParts(WizardBase):
    """Header, signatories, motions, free sections and the Kamerbrief."""

    # the header ---------------------------------------------------------------------------------

    def _kop_steps(self) -> list[Step]:
        from notawriter.model import NotaType

        kop = self.nota.kop
        today = dt.date.today if not self.editing else None
        types = [Choice(t.value, t.value) for t in NotaType]
        optional = "(optioneel)"
        date_hint = "(bijv. 6-1-2025; leeg = geen)"

        def kind_step(resume: Resume | None) -> None:
            q = Question("kop.type", "Soort nota", "select", kop.type.value, types)
            self.ask(q, lambda value: setattr(kop, "type", NotaType(value)))

        return [
            self.field(kop, "onderwerp", "kop", "Onderwerp", required=True),
            Step("Soort nota", kind_step, lambda: kop.type != NotaType.TER_BESLISSING, path="kop.type"),
            self.field(kop, "aan", "kop", "Aan (bijv. 'M en R')"),
            self.field(kop, "van", "kop", "Van (naam of afdeling; persoonsgegeven)", instruction=optional),
            self.field(kop, "via", "kop", "Via (namen als [[5.1.2e:Naam]])", instruction=optional),
            self.field(kop, "kopie_aan", "kop", "Kopie aan", instruction=optional),
            self.field(
                kop, "datum", "kop", "Datum", "date", default=today, instruction="(bijv. 6-1-2025 of 6 januari 2025)"
            ),
            self.field(kop, "referentie", "kop", "Onze referentie (bijv. BZ2407961)", instruction=optional),
            self.field(
                kop, "opgesteld_door", "kop", "Opgesteld door (naam, telefoon; persoonsgegeven)", instruction=optional
            ),
            self.field(kop, "plandatum", "kop", "Plandatum/deadline", "date", instruction=date_hint),
            self.field(kop, "kamer", "kop", "Kamer (datum brief in de Kamer)", "date", instruction=date_hint),
            self.field(kop, "binnengekomen_op", "kop", "Binnengekomen op", "date", instruction=date_hint),
        ]

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
                self.field(signer, "naam", path, "Naam zoals onder de brief (bijv. C.C.J. Veldkamp)"),
            ]

        def add(path: str) -> None:
            taken = [s.afkorting for s in signers]
            signer = self.from_library(
                "ondertekenaar", path, "Nieuwe ondertekenaar", skip=lambda item: item.id in taken
            )
            if signer is not None:
                self.append(signers, signer)
                return
            question = Question(
                f"{path}.afkorting", "Afkorting (bijv. M of R)", required=True, check=key_check(taken, "afkorting")
            )
            self.ask(question, lambda value: signers.append(Ondertekenaar(afkorting=value, titel="", naam="")))
            self.run_steps(steps(len(signers) - 1)[1:])

        def remove(i: int) -> bool:
            self._resign(signers.pop(i).afkorting, None)
            return True

        def describe(s: Any) -> str:
            return f"{s.afkorting} — {s.titel or '…'}{', ' + s.naam if s.naam else ''}"

        return ListSpec(
            "ondertekenaars", signers, "Ondertekenaars", "ondertekenaar toevoegen", describe, add, steps, remove
        )

    def rename_signer(self, signer: Any, new: str) -> None:
        old, signer.afkorting = signer.afkorting, new
        self._resign(old, new)

    def _resign(self, old: str, new: str | None) -> None:
        """Approvals and signing follow a signatory's new abbreviation, or lose a deleted one."""
        for point in self.nota.beslispunten:
            point.akkoord = _rekey(point.akkoord, old, new)
        letter = self.nota.kamerbrief
        letter.ondertekening = _rekey(letter.ondertekening, old, new)

    # motions ------------------------------------------------------------------------------------

    def link_motions(self, obj: Any, path: str, resume: Resume | None = None) -> None:
        """Related motions of an option or decision point: pick existing ones or create a new one."""
        motions = self.nota.moties
        if resume is not None and item_index("moties", resume.head) is not None:
            self._link_new_motion(obj, resume)  # it stopped in the new motion made from here
            return
        if not motions:
            if self.confirm(f"{path}#nieuwe-motie", "Hoort er een motie bij (nieuwe motie invoeren)?"):
                self._link_new_motion(obj)
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
        if k is not None and k < len(motions):
            self.run_steps(spec.steps(k), resume)
        else:
            k = len(motions)
            spec.add(f"moties[{k}]")
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
            motion = self.from_library("motie", path, "Nieuwe motie", skip=lambda item: item.data.get("key") in keys)
            if motion is not None:
                self.append(motions, motion)
                return
            self.append(motions, Motie(key=unique_key("motie", keys)))
            self.run_steps(steps(len(motions) - 1))

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

        return ListSpec("moties", motions, "Moties", "motie toevoegen", self.describe_motion, add, steps, remove)

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
                choices = [Choice("Geen", "")] + [Choice(f"{p.key}: {short(p.tekst, 50)}", p.key) for p in points]
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
        )
        return [
            self.field(
                letter,
                "onderwerp",
                "kamerbrief",
                "Kamerbrief — betreft",
                default=lambda: self.nota.kop.onderwerp,
                apply=subject,
            ),
            self.field(letter, "inleiding", "kamerbrief", "Kamerbrief — inleiding", "multiline"),
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
            suggested = [] if sender is not None else self.ministry_suggestions()
            if suggested:
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
