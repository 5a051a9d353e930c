"""The wizard's engine: steps, resuming, list menus, autosave — nothing about beslisnota's yet.

A flow is a list of `Step`s; each asks one question (or edits one list), has a stable path
(the field it fills, e.g. 'beslispunten[0].opties') and knows whether the note already holds its
answer. `new` continues a note where it stopped: at the place recorded before every question
(`Resume.trail`, see progress.py), or, without a usable record (a note written by hand or
imported), after the *last* step with content, or inside it when that step is a list (more may
follow), where the list's last item is continued the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from notawriter.wizard.progress import Progress, progress_line
from notawriter.wizard.questions import Asker, Choice, Question

MARKUP_HINT = (
    "Opmaak: witregel = nieuwe alinea, '- ' = opsomming, *cursief*, **vet**,\n"
    "[motie:sleutel] of [voetnoot: tekst] = voetnoot, [tekst](https://…) = link."
)


@dataclass(frozen=True)
class Resume:
    """How a step continues a stopped `new`: at a recorded place, or derived from the content.

    `trail` is the recorded place: the paths of the steps that were running, outermost first,
    ending with the name of the question on screen. None: there is no usable record, so the
    step continues after its last part with content (`resume_index`).
    """

    trail: tuple[str, ...] | None = None

    @property
    def head(self) -> str | None:
        return self.trail[0] if self.trail else None

    def inner(self) -> Resume | None:
        """What the step named by `head` continues with (None: it runs from its start)."""
        if self.trail is None:
            return self
        return Resume(self.trail[1:]) if len(self.trail) > 1 else None


@dataclass
class Step:
    """One question (or one list) of the flow; `filled` says whether the note holds its answer."""

    label: str
    run: Callable[[Resume | None], None]  # run(resume); None: from the start
    filled: Callable[[], bool]
    loop: bool = False
    path: str = ""  # where in the note: the field it asks, or the list it edits


def resume_index(steps: list[Step]) -> int:
    """Continue after the last step with content; inside it if it is a list (more may follow)."""
    last = max((i for i, step in enumerate(steps) if step.filled()), default=-1)
    return last if last >= 0 and steps[last].loop else last + 1


def step_at(steps: list[Step], resume: Resume) -> int | None:
    """The step the recorded trail names, if it is one of `steps`."""
    return next((i for i, step in enumerate(steps) if resume.trail and step.path == resume.head), None)


def within(name: str | None, path: str) -> bool:
    """Whether question or step `name` is `path` itself or lies inside it ('x.y', 'x[0]', 'x#menu')."""
    return name is not None and name.startswith(path) and name[len(path) : len(path) + 1] in ("", ".", "[", "#")


def item_index(list_path: str, name: str | None) -> int | None:
    """The index of the item of list `list_path` that `name` lies in ('moties[2].key' → 2)."""
    from notawriter.notepath import position_in

    return position_in(list_path, name)


@dataclass
class ListSpec:
    """A list in the note the user edits through a menu: add, change, move, delete, done."""

    path: str
    items: list[Any]
    title: str
    noun: str  # 'ondertekenaar toevoegen' → '+ Ondertekenaar toevoegen'
    describe: Callable[[Any], str]
    add: Callable[[str], None]
    steps: Callable[[int], list[Step]]
    remove: Callable[[int], bool] | None = None
    ready: Callable[[], bool] | None = None
    library: str | None = None  # library kind whose items the menu offers next to 'new'
    take: Callable[[str, Any], None] | None = None  # take(item path, library item): add a copy of it
    skip: Callable[[Any], bool] | None = None  # library items not to offer (e.g. already in the note)
    rekey: Callable[[int], None] | None = None  # ask item i's key (only on request, from its menu)
    optional: bool = False  # a filled list's menu starts on 'Klaar' (e.g. sections the wizard proposed)


def _library_title(item: Any) -> str:
    """A library item in a list menu: a signatory with its abbreviation, the rest by their summary."""
    if item.kind == "ondertekenaar":
        return f"{item.id} — {item.data.get('titel') or ''} (bibliotheek)"
    return f"{item.summary()} (bibliotheek)"


def empty(text: Any) -> bool:
    return text in (None, "", [])


def short(text: str | None, length: int = 60) -> str:
    from notawriter.markup import plain_text

    flat = " ".join(plain_text(text or "").split())
    return flat if len(flat) <= length else flat[: length - 1] + "…"


class WizardBase:
    """Asking, autosaving and the generic building blocks; the note's parts build on these."""

    def __init__(
        self, path: Path, asker: Asker, nota: Any, templates: Path | None = None, editing: bool = False
    ) -> None:
        self.path = path
        self.asker = asker
        self.nota = nota
        self.templates = templates
        self.editing = editing
        self.libs: Any = None
        self._hinted = False
        self._saved = nota.model_dump(mode="json") if nota is not None else None
        self.progress: Progress | None = None  # set by `new`: where it is, recorded before every question
        self._trail: list[str] = []  # the paths of the steps running now, outermost first
        self.wanted: set[str] = set()
        self.linking = False  # a motion is being made for an option or decision point (parts.py)  # optional steps the user chose to answer (e.g. 'kop.via', 'moties')

    def say(self, text: str) -> None:
        self.asker.say(text)

    def ask(self, question: Question, apply: Callable[[Any], None] | None = None) -> Any:
        trail = self._trail if self._trail[-1:] == [question.name] else [*self._trail, question.name]
        if self.progress is not None and self._saved is not None:
            self.progress.record(tuple(trail), self._saved, self.wanted)
        if self.nota is not None and question.progress is None:
            question.progress = progress_line(self.nota, tuple(trail))
        if question.kind == "multiline" and not self._hinted:
            self.say(MARKUP_HINT)
            self._hinted = True
        value = self.asker.ask(question)
        if apply is not None:
            apply(value)
            self.autosave()
        return value

    def confirm(self, name: str, message: str, default: bool = False) -> bool:
        return bool(self.ask(Question(name, message, "confirm", default=default)))

    def autosave(self) -> None:
        """Write the note if it changed; it is checked first, so the file always loads."""
        from notawriter.model import Nota
        from notawriter.notefile import save_note

        if self.nota is None:
            return
        self._stub_cited_motions()
        data = self.nota.model_dump(mode="json")
        if data == self._saved:
            return
        Nota.model_validate(data)  # a failure here is a wizard bug; the file on disk stays as it was
        save_note(self.path, self.nota)
        self._saved = data

    def _stub_cited_motions(self) -> None:
        """A text citing [motie:x] before motion x exists gets an empty motion x to fill in later."""
        from notawriter.markup import motion_refs
        from notawriter.model import Motie, iter_texts

        known = {m.key for m in self.nota.moties}
        for _, text in iter_texts(self.nota):
            for key in motion_refs(text):
                if key not in known:
                    known.add(key)
                    self.nota.moties.append(Motie(key=key))
                    self.say(f"Motie '{key}' aangemaakt (nog leeg); vul haar aan bij Moties.")

    def run_steps(self, steps: list[Step], resume: Resume | None = None) -> None:
        start, inner = 0, None
        if resume is not None:
            at = step_at(steps, resume)
            if at is None:  # no record, or one that fits none of these steps: derive it from the content
                start, inner = resume_index(steps), Resume()
            else:
                start, inner = at, resume.inner()
        for i in range(start, len(steps)):
            with self.inside(steps[i].path):
                steps[i].run(inner if i == start else None)

    @contextmanager
    def inside(self, path: str) -> Iterator[None]:
        """Questions asked meanwhile are recorded as lying inside step (or context) `path`."""
        self._trail.append(path)
        try:
            yield
        finally:
            self._trail.pop()

    def finish(self) -> None:
        """The wizard ended at the review: nothing left to continue."""
        (self.progress or Progress(self.path)).clear()

    # generic building blocks --------------------------------------------------------------------

    def field(
        self,
        obj: Any,
        attr: str,
        path: str,
        message: str,
        kind: str = "text",
        *,
        required: bool = False,
        check: Callable[[Any], str | None] | None = None,
        default: Callable[[], Any] | None = None,
        instruction: str | None = None,
        apply: Callable[[Any], None] | None = None,
        filled: Callable[[], bool] | None = None,
    ) -> Step:
        """A step that asks one field of `obj`, with its current value (or `default`) prefilled."""
        info = type(obj).model_fields[attr]
        model_default = info.default if not info.is_required() else None
        if info.default_factory is not None:
            cleared: Any = info.default_factory()  # type: ignore[call-arg]
        else:
            cleared = None if model_default is None and not info.is_required() else ""

        def run(resume: Resume | None) -> None:
            current = getattr(obj, attr)
            shown = default() if default is not None and empty(current) else current
            q = Question(
                f"{path}.{attr}" if path else attr,
                message,
                kind,
                shown,
                required=required,
                check=check,
                instruction=instruction,
            )
            self.ask(q, apply or (lambda value: setattr(obj, attr, cleared if empty(value) else value)))

        def has_content() -> bool:
            value = getattr(obj, attr)
            return not empty(value) and value != model_default

        return Step(message, run, filled or has_content, path=f"{path}.{attr}" if path else attr)

    def list_step(self, spec: ListSpec) -> Step:
        def run(resume: Resume | None) -> None:
            self.edit_list(spec, resume, "done" if spec.items and (self.editing or spec.optional) else "add")

        return Step(spec.title, run, lambda: bool(spec.items), True, spec.path)

    def edit_list(self, spec: ListSpec, resume: Resume | None = None, first: str = "add") -> None:
        """The list's menu; `first` is its first default ('add', or 'done' for a list already filled)."""
        items = spec.items
        if resume is not None and resume.trail is None:
            if items:  # continue the last item if it has a step without content after its last answer
                steps = spec.steps(len(items) - 1)
                if resume_index(steps) < len(steps):
                    self.run_steps(steps, resume)
        elif resume is not None:
            self._continue_item(spec, resume)
        last = first
        while True:
            offered = self.library_items(spec)
            choices = [Choice(f"{i + 1}. {spec.describe(item)}", f"item:{i}") for i, item in enumerate(items)]
            new = f"+ {spec.noun[0].upper()}{spec.noun[1:]}" + (" (zelf typen)" if offered else "")
            choices.append(Choice(new, "add"))
            choices += [Choice(f"+ {_library_title(item)}", f"lib:{item.id}") for item in offered]
            choices.append(Choice("✓ Klaar", "done"))
            default = "add" if last == "add" else "done"
            answer = self.ask(
                Question(
                    f"{spec.path}#menu",
                    f"{spec.title} ({len(items)})",
                    "select",
                    default,
                    choices,
                    instruction="'+ …' voegt toe; een nummer wijzigt, verplaatst of verwijdert" if items else None,
                )
            )
            last = "add" if answer.startswith("lib:") else answer
            if answer == "done":
                if spec.ready is None or spec.ready():
                    return
            elif answer == "add":
                spec.add(f"{spec.path}[{len(items)}]")
            elif answer.startswith("lib:") and spec.take is not None:
                item = next(item for item in offered if f"lib:{item.id}" == answer)
                self._pull_motions(item)
                spec.take(f"{spec.path}[{len(items)}]", item)
            else:
                self._item_menu(spec, int(answer.split(":")[1]))

    def library_items(self, spec: ListSpec) -> list[Any]:
        """The library items a list's menu offers next to 'new'."""
        if spec.library is None or spec.take is None or self.libs is None:
            return []
        return [item for item in self.libs.items(spec.library) if not (spec.skip and spec.skip(item))]

    def _pull_motions(self, item: Any) -> None:
        from notawriter import library

        for key in library.required_motions(item):
            self._pull_motion(key)

    def _continue_item(self, spec: ListSpec, resume: Resume) -> None:
        """The recorded place in the list: an item's step or menu, its key, or the adding of an item.

        Anything else (the list's menu) continues at the list's menu.
        """
        i = item_index(spec.path, resume.head)
        if i is None or i > len(spec.items):
            return
        if i == len(spec.items):
            spec.add(f"{spec.path}[{i}]")
            return
        item_path = f"{spec.path}[{i}]"
        if resume.head == f"{item_path}#actie":  # it stopped in the item's own menu: open it again
            self._item_menu(spec, i)
            return
        if resume.head == f"{item_path}.key" and spec.rekey is not None:  # changing the key, on request
            spec.rekey(i)
            return
        steps = spec.steps(i)
        if step_at(steps, resume) is not None:
            self.run_steps(steps, resume)

    def _item_menu(self, spec: ListSpec, i: int) -> None:
        items = spec.items
        choices = [Choice("Wijzigen", "edit")]
        if spec.rekey is not None:
            choices.append(Choice(f"Sleutel wijzigen (nu: {getattr(items[i], 'key', None) or '—'})", "key"))
        if i > 0:
            choices.append(Choice("Omhoog", "up"))
        if i < len(items) - 1:
            choices.append(Choice("Omlaag", "down"))
        choices += [Choice("Verwijderen", "delete"), Choice("Terug", "back")]
        item_path = f"{spec.path}[{i}]"
        answer = self.ask(
            Question(f"{item_path}#actie", f"{i + 1}. {spec.describe(items[i])}", "select", choices=choices)
        )
        if answer == "edit":
            self.run_steps(spec.steps(i))
        elif answer == "key" and spec.rekey is not None:
            spec.rekey(i)
        elif answer in ("up", "down"):
            j = i - 1 if answer == "up" else i + 1
            items[i], items[j] = items[j], items[i]
            self.autosave()
        elif answer == "delete" and self.confirm(f"{item_path}#verwijderen", f"{spec.describe(items[i])} verwijderen?"):
            if spec.remove is None:
                items.pop(i)
            elif not spec.remove(i):
                return
            self.autosave()

    def append(self, items: list[Any], item: Any) -> None:
        items.append(item)
        self.autosave()

    def from_library(
        self,
        kind: str,
        path: str,
        new_label: str,
        skip: Callable[[Any], bool] | None = None,
        extra: list[tuple[str, Any]] | None = None,
    ) -> Any:
        """Offer library items of `kind` before 'new'; return the instantiated copy, or None for new.

        `extra` (title, value) pairs are offered first; picking one returns its value as it is.
        """
        from_libs = self.libs.items(kind) if self.libs is not None else []
        items = [item for item in from_libs if not (skip and skip(item))]
        if not items and not extra:
            return None
        named = kind == "ondertekenaar"  # a signatory's id is its abbreviation, worth showing
        choices = [Choice(title, f"extra:{n}") for n, (title, _) in enumerate(extra or [])]
        choices += [
            Choice(f"Uit bibliotheek: {item.id + ' — ' if named else ''}{item.summary()}", f"lib:{item.id}")
            for item in items
        ]
        choices.append(Choice(new_label, "new"))
        answer = self.ask(Question(f"{path}#bron", "Uit een bibliotheek of nieuw?", "select", choices=choices))
        if answer == "new":
            return None
        if answer.startswith("extra:"):
            return (extra or [])[int(answer.split(":", 1)[1])][1]
        from notawriter import library

        item = next(item for item in items if f"lib:{item.id}" == answer)
        for key in library.required_motions(item):
            self._pull_motion(key)
        return library.instantiate(item)

    def _pull_motion(self, key: str) -> None:
        """A motion a library item refers to: copy it from the library, or cite it as an empty one."""
        from notawriter import library
        from notawriter.model import Motie

        if any(m.key == key for m in self.nota.moties):
            return
        items = self.libs.items("motie") if self.libs is not None else []
        found = [item for item in items if item.data.get("key") == key]
        self.nota.moties.append(library.instantiate(found[0]) if found else Motie(key=key))
        self.say(f"Motie '{key}' {'uit de bibliotheek ' if found else ''}toegevoegd aan de moties.")

    def signer_choices(self, chosen: list[str]) -> list[Choice]:
        """The note's signatories to tick; all ticked when none is chosen yet."""
        return [
            Choice(f"{s.afkorting} — {s.titel or s.naam}", s.afkorting, not chosen or s.afkorting in chosen)
            for s in self.nota.ondertekenaars
        ]

    def link_motions(self, obj: Any, path: str, resume: Resume | None = None) -> None:
        """Related motions of an option or decision point (see NoteParts)."""
        raise NotImplementedError
