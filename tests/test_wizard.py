"""The wizard in-process: questions through real questionary prompts on a pipe, or as plain data.

Two askers drive `run_new`/`run_edit`:
- `PipeAsker` turns each answer into keystrokes and runs the real questionary prompt on a
  prompt_toolkit pipe (arrow keys, space, Esc+Enter, Ctrl-C, EOF), so the adapter is covered;
- `DataAsker` hands the answer straight back (copier style) where keystrokes are not the point.
Answers come from a script (question name → answer, checked in order) or from `Autopilot`,
which answers any question from a target note, so a run can be stopped and continued anywhere.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from notawriter.errors import Interrupted, NotaError
from notawriter.model import Nota
from notawriter.notefile import load_note
from notawriter.wizard import SECTIONS, overview, run_edit, run_new
from notawriter.wizard.questions import MULTILINE_KINDS, TEXT_KINDS, Question, TerminalAsker, slugify

FIXTURES = Path(__file__).parent / "fixtures" / "wizard"
TARGET = FIXTURES / "volledige-nota.yaml"
SHORT = FIXTURES / "korte-nota.yaml"

DOWN, UP, ENTER, SUBMIT, CTRL_C = "\x1b[B", "\x1b[A", "\r", "\x1b\r", "\x03"
PAUSE = "\0"  # in Keys: wait before typing the rest


class Keys(str):
    """Raw keystrokes for one prompt, typed as they are."""


CTRL_C_STOP = Keys(CTRL_C)
EOF_STOP = object()  # close the input: the prompt sees end-of-file
KEEP = object()  # accept what the prompt shows (Enter)
#: The header questions in the order the wizard asks them.
KOP_FIELDS = (
    "onderwerp",
    "type",
    "van",
    "datum#datum",
    "#velden",
    "kopie_aan",
    "referentie",
    "kamer#datum",
    "binnengekomen_op#datum",
)


def kop_question(name: str) -> str:
    return f"kop{name}" if name.startswith("#") else f"kop.{name}"


#: The letterhead's questions, the last of the Kamerbrief part (the addresses only with a ministry).
LETTERHEAD = ("kamerbrief.afzender.ministerie", "kamerbrief.afzender.bezoekadres", "kamerbrief.afzender.retouradres")
LETTERHEAD_KEPT = tuple((name, KEEP) for name in LETTERHEAD)


def keys_for(q: Question, answer: Any) -> str:
    """The keystrokes a user types to give `answer` to `q` (a value, or the text to type)."""
    if isinstance(answer, Keys):
        return str(answer)
    if q.kind in TEXT_KINDS:
        submit = SUBMIT if q.kind in MULTILINE_KINDS else ENTER
        if answer is KEEP:
            return submit
        shown = q.to_text(q.default)
        clear = ("\x15\x7f" * (shown.count("\n") + 1)) if shown else ""
        text = answer if isinstance(answer, str) else q.to_text(answer)
        return clear + text.replace("\n", "\r") + submit
    if q.kind == "confirm":
        return "j" if answer else "n"
    values = q.values()
    if q.kind == "select":
        start = values.index(q.default) if q.default in values else 0
        target = start if answer is KEEP else values.index(answer)
        delta = target - start
        return (DOWN * delta if delta >= 0 else UP * -delta) + ENTER
    if q.kind == "checkbox":
        if answer is KEEP:
            return ENTER
        wanted = set(answer)
        out = ""
        for i, choice in enumerate(q.choices):
            if choice.checked != (choice.value in wanted):
                out += DOWN * i + " " + UP * i
        return out + ENTER
    raise AssertionError(f"unknown kind {q.kind}")


def value_for(q: Question, answer: Any) -> Any:
    """What the real prompt would return for `answer` (DataAsker); invalid text fails the test."""
    if isinstance(answer, Keys):
        raise AssertionError(f"{q.name}: raw keys need the PipeAsker")
    if q.kind in TEXT_KINDS:
        text = q.to_text(q.default) if answer is KEEP else answer if isinstance(answer, str) else q.to_text(answer)
        error = q.error(text)
        assert error is None, f"{q.name}: {text!r} rejected: {error}"
        return q.from_text(text)
    if q.kind == "confirm":
        return bool(answer)
    if q.kind == "select":
        answer = q.default if answer is KEEP else answer
        assert answer in q.values(), f"{q.name}: {answer!r} not in {q.values()}"
        return answer
    if answer is KEEP:
        return [c.value for c in q.choices if c.checked]
    return [c.value for c in q.choices if c.value in set(answer)]


class Recorder:
    """Shared by both askers: which questions were asked, what was said."""

    def __init__(self, answer: Callable[[Question], Any]) -> None:
        self.answer = answer
        self.asked: list[str] = []
        self.questions: list[Question] = []
        self.said: list[str] = []

    def say(self, text: str) -> None:
        self.said.append(text)

    @property
    def text(self) -> str:
        return "\n".join(self.said)


class DataAsker(Recorder):
    def ask(self, q: Question) -> Any:
        self.asked.append(q.name)
        self.questions.append(q)
        answer = self.answer(q)
        if answer is EOF_STOP or answer == CTRL_C_STOP:
            # the stop itself goes through a real prompt, so Ctrl-C/EOF handling is the adapter's
            return PipeAsker(lambda _: answer).ask(q)
        return value_for(q, answer)


class PipeAsker(Recorder):
    """Every question through the real questionary prompt, on a pipe; `screen` keeps the output."""

    def __init__(self, answer: Callable[[Question], Any], screen: bool = False) -> None:
        super().__init__(answer)
        self.screen = io.StringIO() if screen else None

    def ask(self, q: Question) -> Any:
        self.asked.append(q.name)
        self.questions.append(q)
        answer = self.answer(q)
        with create_pipe_input() as pipe:
            output = _vt100(self.screen) if self.screen is not None else DummyOutput()
            if answer is EOF_STOP:
                pipe.close()
            else:
                first, *later = keys_for(q, answer).split(PAUSE)
                pipe.send_text(first)
                for chunk in later:  # typed after the prompt has shown what it made of the first part
                    threading.Timer(0.3, pipe.send_text, [chunk]).start()
            return TerminalAsker(pipe, output, stream=io.StringIO()).ask(q)


def plain(screen: str) -> str:
    """Terminal output without its escape sequences."""
    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", screen)


def _vt100(stream: io.StringIO) -> Any:
    from prompt_toolkit.data_structures import Size
    from prompt_toolkit.output.vt100 import Vt100_Output

    return Vt100_Output(stream, lambda: Size(rows=40, columns=120), term="xterm")


class Script:
    """Answers in order; each entry is (name or regex, answer); a mismatch fails with the history."""

    def __init__(self, *entries: tuple[str, Any]) -> None:
        self.entries = list(entries)
        self.history: list[str] = []

    def __call__(self, q: Question) -> Any:
        assert self.entries, f"no answer left for {q.name}; asked so far: {self.history}"
        pattern, answer = self.entries.pop(0)
        assert re.fullmatch(pattern, q.name), f"expected {pattern}, asked {q.name}; so far: {self.history}"
        self.history.append(q.name)
        return answer

    @property
    def done(self) -> bool:
        return not self.entries


_MISSING = object()


def resolve(root: Any, path: str) -> Any:
    node = root
    for name, index in re.findall(r"([a-z_]+)|\[(\d+)\]", path):
        if node is None:  # e.g. kamerbrief.afzender.ministerie in a note without a letterhead
            return None
        if name:
            node = getattr(node, name)
        else:
            if int(index) >= len(node):
                return _MISSING
            node = node[int(index)]
    return node


class Autopilot:
    """Answers any wizard question so that the note becomes `target` (then saves and renders).

    With `note` (set by `new`/`edit` below) it also reads the note as saved so far: an item the
    wizard made differently (a key derived from a label, a letter section it proposed) is opened
    from its list and changed to the target's, as a user would.
    """

    def __init__(self, target: Nota, stop_at: int | None = None, stop: Any = CTRL_C_STOP) -> None:
        self.target = target
        self.count = 0
        self.stop_at = stop_at
        self.stop = stop
        self.history: list[tuple[str, Any]] = []
        self.note: Path | None = None
        self.fixed: set[tuple[str, int, str]] = set()
        self.action = "back"

    def _fix(self, base: str, want: list[Any]) -> str | None:
        """'item:i' for the first item that differs from the target (its key, or anything), once."""
        note = self.note or (NOTE[-1] if NOTE else None)
        if note is None or not note.exists():
            return None
        have = resolve(load_note(note), base)
        if len(have) > len(want):  # e.g. a letter section the wizard proposed that the target has not
            self.action = "delete"
            return f"item:{len(want)}"
        for i, (cur, tgt) in enumerate(zip(have, want, strict=False)):
            if getattr(cur, "key", None) != getattr(tgt, "key", None) and (base, i, "key") not in self.fixed:
                self.fixed.add((base, i, "key"))
                self.action = "key"
                return f"item:{i}"
            if hasattr(cur, "model_dump") and dump(cur) != dump(tgt) and (base, i, "edit") not in self.fixed:
                self.fixed.add((base, i, "edit"))
                self.action = "edit"
                return f"item:{i}"
        return None

    def __call__(self, q: Question) -> Any:
        if self.stop_at is not None and self.count == self.stop_at:
            self.count += 1
            return self.stop
        self.count += 1
        answer = self.decide(q)
        self.history.append((q.name, answer))
        return answer

    def decide(self, q: Question) -> Any:
        base, _, tag = q.name.partition("#")
        if q.name == "#overzicht":
            return "opslaan"
        if q.name == "#bestaand":
            return "verder"
        if tag == "menu":
            have = sum(1 for v in q.values() if v.startswith("item:"))
            want = resolve(self.target, base)
            if have < len(want):
                herkomst = getattr(want[have], "herkomst", None)
                return f"lib:{herkomst.id}" if herkomst and f"lib:{herkomst.id}" in q.values() else "add"
            return self._fix(base, want) or "done"
        if tag == "actie":
            action, self.action = self.action, "back"
            return action
        if tag == "opties":
            return bool(resolve(self.target, base).opties)
        if tag in ("een-optie", "opnieuw", "verwijderen"):
            return True
        if tag in ("aanpassen",):
            return False
        if tag == "datum":
            value, now = resolve(self.target, base), dt.date.today()
            if value is None:
                return "geen"
            return (
                "houden"
                if "houden" in q.values() and q.choices[0].title.endswith(_short_date(value))
                else ("vandaag" if value == now else "typen")
            )
        if tag == "velden":
            return [v for v in q.values() if resolve(self.target, f"kop.{v}") not in (None, "", [])]
        if tag == "onderdelen":
            return [v for v in q.values() if dump(self.target).get(v) not in (None, "", [], "N.v.t.")]
        if tag == "wie":  # kop.aan from the signatories, '#anders' for the rest
            from notawriter.wizard.parts import split_names

            tokens = split_names(self.target.kop.aan)
            return [v for v in q.values() if v in tokens] + (["#anders"] if set(tokens) - set(q.values()) else [])
        if tag == "anders":
            from notawriter.wizard.parts import split_names

            return [
                t
                for t in split_names(self.target.kop.aan)
                if t not in {s.afkorting for s in self.target.ondertekenaars}
            ]
        if tag == "kies":  # a signatory's name from the library's, or typed
            value = resolve(self.target, base)
            return next((c.value for c in q.choices if c.title.startswith(f"{value} (")), "#typen")
        if tag in ("typen",):
            value = resolve(self.target, base)
            return "" if value is None else value
        if tag == "argumenten":
            return []
        if tag == "bij":  # the options (or points without options) that cite this motion in the target
            key = resolve(self.target, base).key
            owners = [o for p in self.target.beslispunten for o in (p.opties or [p])]
            return [str(n) for n, owner in enumerate(owners) if key in owner.moties and str(n) in q.values()]
        assert not tag, f"autopilot has no answer for {q.name}"
        value = resolve(self.target, q.name)
        if q.name.endswith(".ambtelijk_advies"):
            point = resolve(self.target, q.name.rsplit(".", 1)[0])
            return value or ("#geen-overeenstemming" if point.advies_toelichting else "")
        if q.name.endswith(".moties") and q.kind == "checkbox":
            present = set(q.values())
            return [k for k in value if k in present] + (["#nieuw"] if set(value) - present else [])
        if q.kind == "select":
            return getattr(value, "value", value) or ""
        if q.kind == "checkbox":
            return list(value)
        if value is None:
            return ""
        return value


def _short_date(value: dt.date) -> str:
    from notawriter.wizard.questions import format_date_short

    return format_date_short(value)


def target(path: Path = TARGET) -> Nota:
    return load_note(path)


def dump(nota: Nota) -> dict[str, Any]:
    return nota.model_dump(mode="json", exclude_none=True)


from notawriter.render import render_note as REAL_RENDER  # noqa: E402, N812 - kept before the fixture patches it


@pytest.fixture(autouse=True)
def _no_render(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Documents are not the point here; one test below uses the real renderer."""
    rendered: list[Path] = []

    class Report:
        def lines(self) -> list[str]:
            return ["geschreven:   (test)"]

    def fake_render(path: Path, templates: Path | None = None, **_: Any) -> Report:
        load_note(path)  # what is rendered must load
        rendered.append(Path(path))
        return Report()

    import notawriter.render as render

    monkeypatch.setattr(render, "render_note", fake_render)
    return rendered


@pytest.fixture(autouse=True, scope="session")
def _fast_prompts() -> Any:
    """Speed only: build prompt_toolkit's default key bindings once instead of for every prompt."""
    import functools

    import prompt_toolkit.application.application as application

    original = application.load_key_bindings
    application.load_key_bindings = functools.lru_cache(maxsize=None)(original)
    yield
    application.load_key_bindings = original


@pytest.fixture
def empty_libs() -> Any:
    from notawriter.library import Libraries

    return Libraries([], [])


NOTE: list[Path] = []  # the note the last `new`/`edit` below works on (for an Autopilot wrapped in a lambda)


def new(path: Path, answer: Callable[[Question], Any], libs: Any, pipe: bool = True, **kw: Any) -> tuple[int, Any]:
    NOTE.append(path)
    if isinstance(answer, Autopilot):
        answer.note = path
    asker = PipeAsker(answer, **kw) if pipe else DataAsker(answer)
    return run_new(path, asker=asker, library_set=libs), asker


def edit(path: Path, answer: Callable[[Question], Any], libs: Any, section: str | None = None) -> tuple[int, Any]:
    NOTE.append(path)
    if isinstance(answer, Autopilot):
        answer.note = path
    asker = PipeAsker(answer)
    return run_edit(path, section=section, asker=asker, library_set=libs), asker


# --- the whole flow -------------------------------------------------------------------------------


def test_new_through_real_prompts_builds_the_target_note(
    tmp_path: Path, empty_libs: Any, _no_render: list[Path]
) -> None:
    path = tmp_path / "nota.yaml"
    code, asker = new(path, Autopilot(target()), empty_libs)
    assert code == 0
    assert dump(load_note(path)) == dump(target())
    assert _no_render == [path]
    assert asker.asked[0] == "kop.onderwerp"


def test_new_with_plain_data_answers_gives_the_same_note(tmp_path: Path, empty_libs: Any) -> None:
    path = tmp_path / "nota.yaml"
    code, _ = new(path, Autopilot(target()), empty_libs, pipe=False)
    assert code == 0
    assert dump(load_note(path)) == dump(target())


def test_first_question_is_the_subject_and_stopping_there_saves_nothing(
    tmp_path: Path, empty_libs: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "nota.yaml"
    code, asker = new(path, Script(("kop.onderwerp", CTRL_C_STOP)), empty_libs)
    assert (code, asker.asked) == (130, ["kop.onderwerp"])
    assert not path.exists()
    assert capsys.readouterr().err == "Gestopt. Er is nog niets opgeslagen.\n"


def test_ctrl_c_prints_one_calm_line_and_keeps_the_answers(
    tmp_path: Path, empty_libs: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "nota.yaml"
    script = Script(
        ("kop.onderwerp", "Mijn nota"),
        ("kop.type", "TER INFORMATIE"),
        ("kop.van", "DMM"),
        ("kop.datum#datum", CTRL_C_STOP),
    )
    code, _ = new(path, script, empty_libs)
    assert code == 130
    err = capsys.readouterr().err
    assert err == f"Gestopt. Uw antwoorden staan in {path}; ga verder met: notawriter new {path}\n"
    kop = load_note(path).kop
    assert (kop.onderwerp, kop.type.value, [p.eenheid for p in kop.van]) == ("Mijn nota", "TER INFORMATIE", ["DMM"])


def test_eof_stops_like_ctrl_c(tmp_path: Path, empty_libs: Any, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "nota.yaml"
    code, _ = new(path, Script(("kop.onderwerp", "Mijn nota"), ("kop.type", EOF_STOP)), empty_libs)
    assert code == 130
    assert capsys.readouterr().err.startswith("Gestopt. Uw antwoorden staan in")
    assert load_note(path).kop.onderwerp == "Mijn nota"


def test_an_impossible_date_is_asked_again_with_the_hint(tmp_path: Path, empty_libs: Any) -> None:
    path = tmp_path / "nota.yaml"
    script = Script(
        ("kop.onderwerp", "Mijn nota"),
        ("kop.type", KEEP),
        ("kop.van", KEEP),
        ("kop.datum#datum", "typen"),
        ("kop.datum#typen", Keys("31-2-2025\r" + PAUSE + "\x156 januari 2025\r")),
        ("kop#velden", CTRL_C_STOP),
    )
    code, asker = new(path, script, empty_libs, screen=True)
    assert code == 130
    assert load_note(path).kop.datum == dt.date(2025, 1, 6)
    assert "'31-2-2025' bestaat niet als datum; gebruik bijv. 6-1-2025" in asker.screen.getvalue()


def test_the_date_is_a_choice_with_today_first_in_a_new_note(tmp_path: Path, empty_libs: Any) -> None:
    path = tmp_path / "nota.yaml"
    script = Script(
        ("kop.onderwerp", "Mijn nota"),
        *[(name, KEEP) for name in ("kop.type", "kop.van", "kop.datum#datum")],
        ("kop#velden", CTRL_C_STOP),
    )
    _, asker = new(path, script, empty_libs)
    assert load_note(path).kop.datum == dt.date.today()
    date = next(q for q in asker.questions if q.name == "kop.datum#datum")
    assert (date.kind, date.default) == ("select", "vandaag")  # nothing pre-filled to erase
    assert [c.value for c in date.choices] == ["vandaag", "typen", "geen"]


def test_extra_header_fields_are_asked_only_when_ticked(tmp_path: Path, empty_libs: Any) -> None:
    path = tmp_path / "nota.yaml"
    script = Script(
        ("kop.onderwerp", "Mijn nota"),
        *[(name, KEEP) for name in ("kop.type", "kop.van", "kop.datum#datum")],
        ("kop#velden", ["kopie_aan", "plandatum"]),
        ("kop.kopie_aan", "A&M; OCW"),
        ("kop.plandatum#datum", "typen"),
        ("kop.plandatum#typen", "31-1-2025"),
        ("ondertekenaars#menu", CTRL_C_STOP),
    )
    new(path, script, empty_libs)
    kop = load_note(path).kop
    assert [p.eenheid for p in kop.kopie_aan] == ["A&M", "OCW"]
    assert (kop.plandatum, kop.via, kop.referentie) == (dt.date(2025, 1, 31), [], None)


# --- loops, edits, deletes, reorders --------------------------------------------------------------


def copy_of(tmp_path: Path, source: Path = TARGET) -> Path:
    path = tmp_path / "nota.yaml"
    path.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    return path


def done(*entries: tuple[str, Any]) -> Script:
    """A script that ends on the review screen with 'stop' (no documents)."""
    return Script(*entries, ("#overzicht", "stop"))


def test_signatories_move_down_and_up(tmp_path: Path, empty_libs: Any) -> None:
    path = copy_of(tmp_path)
    script = done(
        ("ondertekenaars#menu", "item:0"),
        (r"ondertekenaars\[0\]#actie", "down"),
        ("ondertekenaars#menu", "item:1"),
        (r"ondertekenaars\[1\]#actie", "up"),
        ("ondertekenaars#menu", "item:1"),
        (r"ondertekenaars\[1\]#actie", "up"),
        ("ondertekenaars#menu", "done"),
        ("kop.aan#wie", KEEP),
    )
    code, _ = edit(path, script, empty_libs, section="ondertekenaars")
    assert code == 0 and script.done
    assert [s.afkorting for s in load_note(path).ondertekenaars] == ["R", "M"]


def test_deleting_a_signatory_removes_it_from_approvals_and_signing(tmp_path: Path, empty_libs: Any) -> None:
    path = copy_of(tmp_path)
    script = done(
        ("ondertekenaars#menu", "item:1"),
        (r"ondertekenaars\[1\]#actie", "delete"),
        (r"ondertekenaars\[1\]#verwijderen", True),
        ("ondertekenaars#menu", "done"),
        ("kop.aan#wie", KEEP),
    )
    edit(path, script, empty_libs, section="ondertekenaars")
    nota = load_note(path)
    assert [s.afkorting for s in nota.ondertekenaars] == ["M"]
    assert nota.beslispunten[0].akkoord == ["M"]
    assert nota.kamerbrief.ondertekening == ["M"]


def test_renaming_a_signatory_follows_through_the_note(tmp_path: Path, empty_libs: Any) -> None:
    path = copy_of(tmp_path)
    script = done(
        ("ondertekenaars#menu", "item:0"),
        (r"ondertekenaars\[0\]#actie", "edit"),
        (r"ondertekenaars\[0\]\.afkorting", "BZ"),
        (r"ondertekenaars\[0\]\.titel", KEEP),
        (r"ondertekenaars\[0\]\.naam", KEEP),
        ("ondertekenaars#menu", "done"),
        ("kop.aan#wie", KEEP),
    )
    edit(path, script, empty_libs, section="ondertekenaars")
    nota = load_note(path)
    assert [p.akkoord for p in nota.beslispunten] == [["BZ", "R"], ["BZ"]]
    assert nota.kamerbrief.ondertekening == ["BZ", "R"]


def test_a_taken_abbreviation_is_refused(tmp_path: Path, empty_libs: Any) -> None:
    path = copy_of(tmp_path)
    script = done(
        ("ondertekenaars#menu", "add"),
        (r"ondertekenaars\[2\]\.afkorting", Keys("R\r\x15S\r")),
        (r"ondertekenaars\[2\]\.titel", "Staatssecretaris"),
        (r"ondertekenaars\[2\]\.naam", ""),
        ("ondertekenaars#menu", "done"),
        ("kop.aan#wie", KEEP),
    )
    edit(path, script, empty_libs, section="ondertekenaars")
    assert [s.afkorting for s in load_note(path).ondertekenaars] == ["M", "R", "S"]


def test_decision_points_reorder_and_delete(tmp_path: Path, empty_libs: Any) -> None:
    path = copy_of(tmp_path)
    script = done(
        ("beslispunten#menu", "item:1"),
        (r"beslispunten\[1\]#actie", "up"),
        ("beslispunten#menu", "item:1"),
        (r"beslispunten\[1\]#actie", "delete"),
        (r"beslispunten\[1\]#verwijderen", True),
        ("beslispunten#menu", "done"),
    )
    edit(path, script, empty_libs, section="beslispunten")
    nota = load_note(path)
    assert [p.key for p in nota.beslispunten] == ["migratie"]
    assert nota.kamerbrief.secties[0].beslispunt == "migratie"


def test_deleting_a_decision_point_clears_where_the_letter_places_it(tmp_path: Path, empty_libs: Any) -> None:
    path = copy_of(tmp_path)
    script = done(
        ("beslispunten#menu", "item:1"),
        (r"beslispunten\[1\]#actie", "delete"),
        (r"beslispunten\[1\]#verwijderen", True),
        ("beslispunten#menu", "done"),
    )
    edit(path, script, empty_libs, section="beslispunten")
    assert load_note(path).kamerbrief.secties[0].beslispunt is None


def option_editing(*option_entries: tuple[str, Any], advice: Any = KEEP, toelichting: Any = KEEP) -> Script:
    """Edit decision point 2 (migratie) and, inside it, its options menu."""
    entries: list[tuple[str, Any]] = [
        ("beslispunten#menu", "item:1"),
        (r"beslispunten\[1\]#actie", "edit"),
        (r"beslispunten\[1\]\.akkoord", KEEP),
        (r"beslispunten\[1\]\.tekst", KEEP),
        (r"beslispunten\[1\]#opties", True),
        *option_entries,
        (r"beslispunten\[1\]\.ambtelijk_advies", advice),
    ]
    if toelichting is not None:
        entries.append((r"beslispunten\[1\]\.advies_toelichting", toelichting))
    entries += [(r"beslispunten\[1\]\.keuze", KEEP), ("beslispunten#menu", "done")]
    return done(*entries)


def test_an_option_key_is_derived_from_its_label_and_asked_only_on_request(tmp_path: Path, empty_libs: Any) -> None:
    path = copy_of(tmp_path)
    opts = r"beslispunten\[1\]\.opties"
    new_option = [
        (rf"{opts}\[2\]\.samenvatting", "deels"),
        (rf"{opts}\[2\]\.tekstsuggestie", "Deels.\n\nTweede alinea."),
        (rf"{opts}\[2\]\.argumenten_voor", ""),
        (rf"{opts}\[2\]\.argumenten_tegen", ""),
        (rf"{opts}\[2\]\.moties", []),
    ]
    script = option_editing(
        (f"{opts}#menu", "add"),
        (rf"{opts}\[2\]\.label", "Aanbeveling déels overnemen"),
        *new_option,
        (f"{opts}#menu", "add"),
        (rf"{opts}\[3\]\.label", "Aanbeveling deels overnemen"),
        *[(pattern.replace(r"\[2\]", r"\[3\]"), answer) for pattern, answer in new_option],
        (f"{opts}#menu", "item:3"),
        (rf"{opts}\[3\]#actie", "key"),
        (rf"{opts}\[3\]\.key", "anders"),
        (f"{opts}#menu", "done"),
    )
    code, asker = edit(path, script, empty_libs, section="beslispunten")
    assert script.done
    options = load_note(path).beslispunten[1].opties
    assert [o.key for o in options] == ["overnemen", "niet-overnemen", "aanbeveling-deels", "anders"]
    assert options[2].tekstsuggestie == "Deels.\n\nTweede alinea."
    assert not [name for name in asker.asked if re.fullmatch(rf"{opts}\[2\]\.key", name)]


@pytest.mark.parametrize(
    ("label", "key"),
    [
        ("akkoord te gaan met de inzet op extra financiering voor Oekraïne", "inzet-extra-financiering"),
        ("Niet overnemen", "niet-overnemen"),
        ("Geen extra middelen", "geen-extra-middelen"),
        ("de Kamerbrief (waarin op hoofdlijnen wordt gereageerd);", "kamerbrief-hoofdlijnen"),
        ("**Akkoord** met de *verzending*", "verzending"),
        ("", "optie"),
    ],
)
def test_keys_are_the_first_significant_words_of_the_label(label: str, key: str) -> None:
    from notawriter.wizard.questions import key_from_label

    assert key_from_label(label, "optie") == key


def test_renaming_an_option_keeps_the_advice_pointing_at_it(tmp_path: Path, empty_libs: Any) -> None:
    path = copy_of(tmp_path)
    o = r"beslispunten\[1\]\.opties\[0\]"
    script = option_editing(
        (r"beslispunten\[1\]\.opties#menu", "item:0"),
        (rf"{o}#actie", "key"),
        (rf"{o}\.key", "wel"),
        (r"beslispunten\[1\]\.opties#menu", "done"),
    )
    edit(path, script, empty_libs, section="beslispunten")
    point = load_note(path).beslispunten[1]
    assert point.ambtelijk_advies == "wel"
    assert point.opties[0].moties == ["boomsma-24"]


def test_arguments_are_one_per_line_and_can_be_rewritten(tmp_path: Path, empty_libs: Any) -> None:
    path = copy_of(tmp_path)
    o = r"beslispunten\[1\]\.opties\[0\]"
    script = option_editing(
        (r"beslispunten\[1\]\.opties#menu", "item:0"),
        (rf"{o}#actie", "edit"),
        (rf"{o}\.label", KEEP),
        (rf"{o}\.samenvatting", KEEP),
        (rf"{o}\.tekstsuggestie", KEEP),
        (rf"{o}\.argumenten_voor", "Derde argument.\nEerste, herschreven.\n"),
        (rf"{o}\.argumenten_tegen", KEEP),
        (rf"{o}\.moties", KEEP),
        (r"beslispunten\[1\]\.opties#menu", "done"),
    )
    edit(path, script, empty_libs, section="beslispunten")
    option = load_note(path).beslispunten[1].opties[0]
    assert option.argumenten_voor == ["Derde argument.", "Eerste, herschreven."]
    assert option.argumenten_tegen == ["Kost capaciteit."]


def test_deleting_an_option_clears_the_advice_and_one_option_is_questioned(tmp_path: Path, empty_libs: Any) -> None:
    path = copy_of(tmp_path)
    opts = r"beslispunten\[1\]\.opties"
    script = option_editing(
        (f"{opts}#menu", "item:0"),
        (rf"{opts}\[0\]#actie", "delete"),
        (rf"{opts}\[0\]#verwijderen", True),
        (f"{opts}#menu", "done"),
        (f"{opts}#een-optie", False),  # stay and think again
        (f"{opts}#menu", "done"),
        (f"{opts}#een-optie", True),
        advice="#geen-overeenstemming",
        toelichting="Ambtelijk geen overeenstemming: BZ wil wel, JenV niet.",
    )
    code, asker = edit(path, script, empty_libs, section="beslispunten")
    assert script.done
    point = load_note(path).beslispunten[1]
    assert [o.key for o in point.opties] == ["niet-overnemen"]
    assert point.ambtelijk_advies is None
    assert point.advies_toelichting == "Ambtelijk geen overeenstemming: BZ wil wel, JenV niet."
    assert "minstens twee" in asker.text


def test_the_choice_is_asked_when_editing(tmp_path: Path, empty_libs: Any) -> None:
    path = copy_of(tmp_path)
    script = done(
        ("beslispunten#menu", "item:1"),
        (r"beslispunten\[1\]#actie", "edit"),
        (r"beslispunten\[1\]\.akkoord", ["M", "R"]),
        (r"beslispunten\[1\]\.tekst", KEEP),
        (r"beslispunten\[1\]#opties", True),
        (r"beslispunten\[1\]\.opties#menu", "done"),
        (r"beslispunten\[1\]\.ambtelijk_advies", KEEP),
        (r"beslispunten\[1\]\.advies_toelichting", KEEP),
        (r"beslispunten\[1\]\.keuze", "niet-overnemen"),
        ("beslispunten#menu", "done"),
    )
    edit(path, script, empty_libs, section="beslispunten")
    point = load_note(path).beslispunten[1]
    assert (point.keuze, point.akkoord) == ("niet-overnemen", ["M", "R"])


def test_motions_are_added_in_their_section_and_renamed_everywhere(tmp_path: Path, empty_libs: Any) -> None:
    path = copy_of(tmp_path)
    m0, m1 = r"moties\[0\]", r"moties\[1\]"
    script = done(
        ("moties#menu", "item:0"),
        (rf"{m0}#actie", "edit"),
        (rf"{m0}\.indieners#menu", "done"),
        *[
            (rf"{m0}\.{f}", KEEP)
            for f in (
                "medeindienende_fracties",
                "dossier",
                "toevoeging",
                "volgnummer",
                "datum",
                "status",
                "titel",
                "verzoek",
            )
        ],
        (rf"{m0}\.key", "boomsma"),
        (rf"{m0}#bij", KEEP),
        ("moties#menu", "add"),
        (rf"{m1}\.indieners#menu", "add"),
        (rf"{m1}\.indieners\[0\]\.naam", "Van Dijk"),
        (rf"{m1}\.indieners\[0\]\.fractie", "SGP"),
        (rf"{m1}\.indieners#menu", "add"),
        (rf"{m1}\.indieners\[1\]\.naam", "Ceder"),
        (rf"{m1}\.indieners\[1\]\.fractie", ""),
        (rf"{m1}\.indieners#menu", "done"),
        (rf"{m1}\.medeindienende_fracties", "CU, CDA"),
        (rf"{m1}\.dossier", Keys("36 600 XX\r\x1536 600\r")),
        (rf"{m1}\.toevoeging", "XX"),
        (rf"{m1}\.volgnummer", Keys("nr. 7\r\x157\r")),
        (rf"{m1}\.datum", "3-12-2024"),
        (rf"{m1}\.status", "aangenomen"),
        (rf"{m1}\.titel", ""),
        (rf"{m1}\.verzoek", "verzoekt de regering iets"),
        (rf"{m1}\.key", KEEP),
        (rf"{m1}#bij", ["0"]),  # the first decision point (it has no options)
        ("moties#menu", "done"),
    )
    code, _ = edit(path, script, empty_libs, section="moties")
    assert code == 0 and script.done
    nota = load_note(path)
    assert nota.beslispunten[1].opties[0].moties == ["boomsma"]
    assert nota.beslispunten[0].moties == ["van-dijk-7"]  # linked from the motion itself
    added = nota.moties[1]
    assert added.key == "van-dijk-7"
    assert [(i.naam, i.fractie) for i in added.indieners] == [("Van Dijk", "SGP"), ("Ceder", None)]
    assert (added.dossier, added.volgnummer, added.datum, added.status.value) == (
        "36 600",
        7,
        dt.date(2024, 12, 3),
        "aangenomen",
    )
    assert added.medeindienende_fracties == ["CU", "CDA"]


def test_a_motion_cited_in_a_text_is_not_deleted(tmp_path: Path, empty_libs: Any) -> None:
    path = copy_of(tmp_path)
    edit(path, done(("aanleiding", "Zie [motie:boomsma-24].")), empty_libs, section="aanleiding")
    script = done(
        ("moties#menu", "item:0"),
        (r"moties\[0\]#actie", "delete"),
        (r"moties\[0\]#verwijderen", True),
        ("moties#menu", "done"),
    )
    code, asker = edit(path, script, empty_libs, section="moties")
    assert [m.key for m in load_note(path).moties] == ["boomsma-24"]
    assert "wordt nog genoemd in: aanleiding" in asker.text


def test_deleting_an_uncited_motion_unlinks_it_from_options(tmp_path: Path, empty_libs: Any) -> None:
    path = copy_of(tmp_path)
    script = done(
        ("moties#menu", "item:0"),
        (r"moties\[0\]#actie", "delete"),
        (r"moties\[0\]#verwijderen", True),
        ("moties#menu", "done"),
    )
    edit(path, script, empty_libs, section="moties")
    nota = load_note(path)
    assert nota.moties == [] and nota.beslispunten[1].opties[0].moties == []


def test_citing_an_unknown_motion_creates_it_so_the_file_stays_valid(tmp_path: Path, empty_libs: Any) -> None:
    path = copy_of(tmp_path)
    code, asker = edit(path, done(("aanleiding", "Zie [motie:klaver-12].")), empty_libs, section="aanleiding")
    assert [m.key for m in load_note(path).moties] == ["boomsma-24", "klaver-12"]
    assert "Motie 'klaver-12' aangemaakt" in asker.text


def test_sections_with_subsections_and_letter_sections(tmp_path: Path, empty_libs: Any) -> None:
    path = copy_of(tmp_path)
    sub = r"secties\[1\]\.subsecties"
    script = done(
        ("secties#menu", "add"),
        (r"secties\[1\]\.titel", "Toelichting"),
        (r"secties\[1\]\.tekst", "- een\n- twee"),
        (f"{sub}#menu", "add"),
        (rf"{sub}\[0\]\.titel", "Handel"),
        (rf"{sub}\[0\]\.tekst", "Gevoelig."),
        (f"{sub}#menu", "done"),
        ("secties#menu", "item:1"),
        (r"secties\[1\]#actie", "up"),
        ("secties#menu", "done"),
        ("#overzicht", "wijzigen"),
        ("#overzicht#onderdeel", "sectie:kamerbrief"),
        ("kamerbrief.onderwerp", KEEP),
        ("kamerbrief.inleiding", KEEP),
        ("kamerbrief.secties#menu", "add"),
        (r"kamerbrief\.secties\[1\]\.titel", ""),
        (r"kamerbrief\.secties\[1\]\.tekst", "Tot slot."),
        (r"kamerbrief\.secties\[1\]\.beslispunt", ""),
        ("kamerbrief.secties#menu", "done"),
        ("kamerbrief.slot", KEEP),
        ("kamerbrief.ondertekening", ["M"]),
        *LETTERHEAD_KEPT,
    )
    edit(path, script, empty_libs, section="secties")
    nota = load_note(path)
    assert [s.titel for s in nota.secties] == ["Toelichting", "Kernpunten"]
    assert nota.secties[0].subsecties[0].titel == "Handel"
    assert [(s.titel, s.tekst, s.beslispunt) for s in nota.kamerbrief.secties][1] == (None, "Tot slot.", None)
    assert nota.kamerbrief.ondertekening == ["M"]
    assert nota.kamerbrief.onderwerp is None  # follows the note's subject


# --- the Kamerbrief's letterhead ------------------------------------------------------------------

MINISTRY, VISIT, RETURN = LETTERHEAD
BZ = "Ministerie van Buitenlandse Zaken"


def without_letterhead(tmp_path: Path, source: Path = SHORT) -> Path:
    from notawriter.notefile import save_note

    path = copy_of(tmp_path, source)
    nota = load_note(path)
    nota.kamerbrief.afzender = None
    save_note(path, nota)
    return path


def letterhead(path: Path) -> tuple[str, str | None, str | None] | None:
    sender = load_note(path).kamerbrief.afzender
    return None if sender is None else (sender.ministerie, sender.bezoekadres, sender.retouradres)


def test_new_asks_the_letterhead_at_the_end_of_the_letter_and_saves_it(tmp_path: Path, empty_libs: Any) -> None:
    path = tmp_path / "nota.yaml"
    code, asker = new(path, Autopilot(target(SHORT)), empty_libs)
    assert code == 0
    at = asker.asked.index("kamerbrief.ondertekening")
    assert asker.asked[at + 1 : at + 5] == [*LETTERHEAD, "#overzicht"]
    assert all(asker.asked.count(name) == 1 for name in LETTERHEAD)  # the 'briefhoofd' part is not asked twice
    assert letterhead(path) == (BZ, "Rijnstraat 8\n2515 XP Den Haag", "Postbus 20061, 2500 EB Den Haag")
    assert f"  afzender:\n    ministerie: {BZ}\n" in path.read_text(encoding="utf-8")
    ministry = asker.questions[at + 1]
    assert ministry.default == BZ  # suggested by signatory M's title
    assert "voorstel uit de ondertekenaars" in (ministry.instruction or "")
    assert asker.questions[at + 2].kind == "block"  # the visiting address may take two lines
    assert "   Briefhoofd: Ministerie van Buitenlandse Zaken · bezoek: ja · retour: ja" in asker.said


def test_check_stops_warning_once_the_wizard_asked_the_letterhead(tmp_path: Path, empty_libs: Any) -> None:
    from notawriter.lint import check_note

    path = without_letterhead(tmp_path)
    warned = [f for f in check_note(path) if f.path == "kamerbrief.afzender"]
    assert len(warned) == 1 and "notawriter edit NOTA --section briefhoofd" in warned[0].message
    assert "briefhoofd" in SECTIONS  # what the warning suggests exists
    script = Script(
        ("#overzicht", "wijzigen"),
        ("#overzicht#onderdeel", "sectie:briefhoofd"),
        (MINISTRY, KEEP),
        (VISIT, ""),
        (RETURN, "Postbus 20061, 2500 EB Den Haag"),
        ("#overzicht", "stop"),
    )
    code, asker = edit(path, script, empty_libs)
    assert code == 0 and script.done
    assert letterhead(path) == (BZ, None, "Postbus 20061, 2500 EB Den Haag")
    assert not [f for f in check_note(path) if f.path.startswith("kamerbrief.afzender")]
    assert "   Briefhoofd: —" in asker.said  # the review before
    assert "   Briefhoofd: Ministerie van Buitenlandse Zaken · bezoek: — · retour: ja" in asker.said


def test_editing_offers_the_existing_letterhead_as_the_default(tmp_path: Path, empty_libs: Any) -> None:
    path = copy_of(tmp_path)  # a ministry and a return address; the signatories suggest BZ
    jenv = (
        "Ministerie van Justitie en Veiligheid",
        "Turfmarkt 147\n2511 DP Den Haag",
        "Postbus 20301, 2500 EH Den Haag",
    )
    code, _ = edit(path, done(*zip(LETTERHEAD, jenv, strict=True)), empty_libs, section="briefhoofd")
    assert code == 0 and letterhead(path) == jenv
    before = path.read_bytes()
    code, asker = edit(path, done(*LETTERHEAD_KEPT), empty_libs, section="briefhoofd")
    assert code == 0 and path.read_bytes() == before
    assert [q.default for q in asker.questions[:3]] == list(jenv)  # the note's answers, not the suggestion
    assert "voorstel" not in (asker.questions[0].instruction or "")


def test_the_whole_letter_reaches_the_letterhead_too(tmp_path: Path, empty_libs: Any) -> None:
    path = without_letterhead(tmp_path)
    script = done(
        ("kamerbrief.onderwerp", KEEP),
        ("kamerbrief.inleiding", KEEP),
        ("kamerbrief.secties#menu", "done"),
        ("kamerbrief.slot", KEEP),
        ("kamerbrief.ondertekening", KEEP),
        (MINISTRY, "Ministerie van Defensie"),
        (VISIT, KEEP),
        (RETURN, KEEP),
    )
    code, _ = edit(path, script, empty_libs, section="kamerbrief")
    assert code == 0 and script.done
    assert letterhead(path) == ("Ministerie van Defensie", None, None)


def test_without_a_ministry_there_is_no_letterhead_and_removing_one_is_asked(tmp_path: Path, empty_libs: Any) -> None:
    path = without_letterhead(tmp_path)
    code, _ = edit(path, done((MINISTRY, "")), empty_libs, section="briefhoofd")  # no addresses asked
    assert code == 0 and letterhead(path) is None
    path = copy_of(tmp_path)
    script = done(
        (MINISTRY, ""),
        ("kamerbrief.afzender#weghalen", False),
        (MINISTRY, ""),
        ("kamerbrief.afzender#weghalen", True),
    )
    code, asker = edit(path, script, empty_libs, section="briefhoofd")
    assert code == 0 and script.done
    assert asker.questions[2].default == BZ  # asked again as it was
    assert letterhead(path) is None


def test_ctrl_c_in_the_letterhead_keeps_the_answers_and_new_continues_there(
    tmp_path: Path, empty_libs: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    path = without_letterhead(tmp_path)  # a finished note from before the letterhead was asked
    script = Script(("#bestaand", "verder"), (MINISTRY, KEEP), (VISIT, CTRL_C_STOP))
    code, asker = new(path, script, empty_libs)
    assert code == 130 and script.done
    assert "Verder waar u gebleven was: Briefhoofd van de Kamerbrief" in asker.said
    assert capsys.readouterr().err.startswith("Gestopt. Uw antwoorden staan in")
    assert letterhead(path) == (BZ, None, None)
    script = Script(("#bestaand", "verder"), (VISIT, "Rijnstraat 8\n2515 XP Den Haag"), (RETURN, EOF_STOP))
    code, asker = new(path, script, empty_libs)
    assert code == 130 and script.done
    assert "Verder waar u gebleven was: Kamerbrief, briefhoofd: bezoekadres" in asker.said
    assert letterhead(path) == (BZ, "Rijnstraat 8\n2515 XP Den Haag", None)


@pytest.mark.parametrize(
    ("title", "ministry"),
    [
        ("Minister van Buitenlandse Zaken", BZ),
        ("Minister-president, Minister van Algemene Zaken", "Ministerie van Algemene Zaken"),
        ("staatssecretaris van Justitie en Veiligheid", "Ministerie van Justitie en Veiligheid"),
        ("Minister van Onderwijs, Cultuur en Wetenschap", "Ministerie van Onderwijs, Cultuur en Wetenschap"),
        ("Staatssecretaris van Financiën (Fiscaliteit)", "Ministerie van Financiën"),
        ("Minister voor Buitenlandse Handel en Ontwikkelingshulp", None),  # no ministry of his own
        ("Directeur-generaal", None),
        ("", None),
    ],
)
def test_a_ministry_from_a_signatory_title(title: str, ministry: str | None) -> None:
    from notawriter.wizard.parts import ministry_of

    assert ministry_of(title) == ministry


def test_the_ministry_is_suggested_by_the_letters_signers_then_the_libraries(
    tmp_path: Path, empty_libs: Any, test_libs: Any
) -> None:
    from notawriter.model import Kop, Ondertekenaar
    from notawriter.notefile import save_note

    path = tmp_path / "nota.yaml"
    nota = Nota(kop=Kop(onderwerp="X"))
    save_note(path, nota)

    def first_question(libs: Any) -> Question:
        code, asker = edit(path, Script((MINISTRY, CTRL_C_STOP)), libs, section="briefhoofd")
        assert code == 130
        return asker.questions[0]

    assert first_question(test_libs).default == BZ  # no signatories in the note: the library's M
    plain_question = first_question(empty_libs)
    assert plain_question.default is None and "bijv. Ministerie van" in (plain_question.instruction or "")
    nota.ondertekenaars = [
        Ondertekenaar(afkorting="M", titel="Minister van Buitenlandse Zaken", naam="C.C.J. Veldkamp"),
        Ondertekenaar(afkorting="J", titel="Minister van Justitie en Veiligheid", naam="D.M. van Weel"),
    ]
    nota.kamerbrief.ondertekening = ["J"]
    save_note(path, nota)
    q = first_question(test_libs)
    assert q.default == "Ministerie van Justitie en Veiligheid"
    assert "ook: Ministerie van Buitenlandse Zaken" in (q.instruction or "")


# --- review, edit, existing files -----------------------------------------------------------------


def test_the_review_jumps_back_to_a_part_then_saves_and_renders(
    tmp_path: Path, empty_libs: Any, _no_render: list[Path]
) -> None:
    path = tmp_path / "nota.yaml"
    pilot = Autopilot(target(SHORT))
    jumped: list[str] = []

    def answer(q: Question) -> Any:
        if q.name == "#overzicht" and not jumped:
            jumped.append(q.name)
            return "wijzigen"
        if q.name == "#overzicht#onderdeel":
            return "sectie:kop"
        if jumped and q.name == "kop.van":
            return "DMM/MR"
        if jumped and q.name.startswith("kop"):
            return KEEP
        return pilot(q)

    code, asker = new(path, answer, empty_libs)
    assert code == 0
    assert [p.eenheid for p in load_note(path).kop.van] == ["DMM/MR"]
    assert asker.asked.count("#overzicht") == 2
    assert _no_render == [path]
    assert any(line.startswith("  1. [M] uw keuze uit twee opties — 2 opties, nog niet gekozen") for line in asker.said)
    assert "geschreven:   (test)" in asker.said


def test_the_review_points_out_an_option_without_a_tekstsuggestie() -> None:
    from notawriter.wizard.flow import full_overview

    nota = target()
    nota.beslispunten[1].opties[1].tekstsuggestie = None  # e.g. an option left half-way
    assert any("1 zonder tekstsuggestie" in line for line in overview(nota))
    lines = full_overview(nota)
    assert "     - Aanbeveling overnemen, 2 voor, 1 tegen (advies)" in lines
    assert "     - Niet overnemen, 1 voor, 0 tegen (nog geen tekstsuggestie)" in lines


def test_overview_fits_80_by_24_and_shows_every_header_field() -> None:
    lines = overview(target())
    assert lines[0] == "── TER BESLISSING: Kabinetsreactie evaluatie mensenrechtenbeleid"
    assert lines[1:4] == [
        "   Aan: M en R · Van: DMM · Via: —",
        "   Kopie aan: A&M, OCW · Opgesteld door: —",
        "   Datum: 6 januari 2025 · Ref.: BZ2407961",
    ]
    assert lines[4] == "   Plandatum: — · Kamer: 31 januari 2025 · Binnengekomen: 11 november 2024"
    assert any(line.startswith("Moties: 1 · Secties: 1") for line in lines)
    assert lines[-2].startswith("Kamerbrief: 'Kabinetsreactie") and lines[-2].endswith("secties: 1 · tekent: M, R")
    assert lines[-1] == "   Briefhoofd: Ministerie van Buitenlandse Zaken · bezoek: — · retour: ja"
    assert len(lines) + 7 <= 24 and max(len(line) for line in lines) <= 80  # with the menu under it


def test_many_decision_points_fold_in_the_review() -> None:
    nota = target()
    nota.beslispunten = [nota.beslispunten[0].model_copy() for _ in range(30)]
    lines = overview(nota)
    assert len(lines) + 7 <= 24
    assert any("(zie 'Alles bekijken')" in line for line in lines)


def test_edit_with_every_answer_kept_leaves_the_file_untouched(tmp_path: Path, empty_libs: Any) -> None:
    path = copy_of(tmp_path)
    before = path.read_bytes()
    code, asker = edit(path, done(*[(kop_question(name), KEEP) for name in KOP_FIELDS]), empty_libs, section="kop")
    assert code == 0
    assert path.read_bytes() == before


def test_edit_changing_an_answer_keeps_the_users_comments(tmp_path: Path, empty_libs: Any) -> None:
    path = copy_of(tmp_path)
    before = path.read_text(encoding="utf-8")
    answers = [("kop.onderwerp", "Een nieuw onderwerp")] + [(kop_question(name), KEEP) for name in KOP_FIELDS[1:]]
    code, _ = edit(path, done(*answers), empty_libs, section="kop")
    assert code == 0
    after = path.read_text(encoding="utf-8")
    assert after.splitlines()[0] == before.splitlines()[0] and after.splitlines()[0].startswith("#")
    changed = [line for line in after.splitlines() if line not in before.splitlines()]
    assert changed == ["  onderwerp: Een nieuw onderwerp"]


def test_edit_without_a_section_opens_the_review(tmp_path: Path, empty_libs: Any) -> None:
    path = copy_of(tmp_path)
    script = Script(
        ("#overzicht", "wijzigen"),
        ("#overzicht#onderdeel", "sectie:niet_openbaar"),
        ("niet_openbaar", "Zie bijlage [[5.1.2e:naam]]."),
        ("#overzicht", "stop"),
    )
    code, _ = edit(path, script, empty_libs)
    assert code == 0 and script.done
    assert load_note(path).niet_openbaar == "Zie bijlage [[5.1.2e:naam]]."


def test_edit_refuses_an_unknown_section_and_lists_the_valid_ones(tmp_path: Path) -> None:
    with pytest.raises(NotaError) as exc:
        run_edit(copy_of(tmp_path), section="besluit", asker=DataAsker(Script()))
    assert exc.value.message == (
        f"onderdeel 'besluit' bestaat niet; kies uit: {', '.join(SECTIONS)} "
        "(aanbevelingen alleen in een nota met aanbevelingen)"
    )
    assert "aanbevelingen" in SECTIONS


def test_edit_stopped_says_how_to_go_on(tmp_path: Path, empty_libs: Any, capsys: pytest.CaptureFixture[str]) -> None:
    path = copy_of(tmp_path)
    code, _ = edit(path, Script(("kop.onderwerp", "Anders"), ("kop.type", CTRL_C_STOP)), empty_libs, section="kop")
    assert code == 130
    assert (
        capsys.readouterr().err == f"Gestopt. Uw wijzigingen staan in {path}; ga verder met: notawriter edit {path}\n"
    )
    assert load_note(path).kop.onderwerp == "Anders"


@pytest.mark.parametrize("command", [run_new, run_edit])
def test_without_a_terminal_new_and_edit_point_to_the_other_commands(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: Callable[..., int]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    with pytest.raises(NotaError) as exc:
        command(copy_of(tmp_path))
    assert exc.value.exit_code == 2
    assert "heeft een terminal nodig" in exc.value.message
    assert "notawriter set" in exc.value.message and "notawriter choose" in exc.value.message
    assert "\n" not in exc.value.message


def test_new_on_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(NotaError, match="is een map"):
        run_new(tmp_path, asker=DataAsker(Script()))


def test_new_on_an_existing_note_can_stop_without_touching_it(tmp_path: Path, empty_libs: Any) -> None:
    path = copy_of(tmp_path)
    before = path.read_bytes()
    code, _ = new(path, Script(("#bestaand", "stop")), empty_libs)
    assert code == 0 and path.read_bytes() == before


def test_starting_over_keeps_a_backup(tmp_path: Path, empty_libs: Any) -> None:
    path = copy_of(tmp_path)
    before = path.read_bytes()
    script = Script(
        ("#bestaand", "opnieuw"),
        ("#opnieuw", False),
        ("#bestaand", "opnieuw"),
        ("#opnieuw", True),
        ("kop.onderwerp", "Een nieuwe nota"),
        ("kop.type", CTRL_C_STOP),
    )
    code, asker = new(path, script, empty_libs)
    assert code == 130
    assert (tmp_path / "nota.yaml.bak").read_bytes() == before
    assert dump(load_note(path)) == dump(Nota.model_validate({"kop": {"onderwerp": "Een nieuwe nota"}}))
    assert f"Reservekopie: {tmp_path / 'nota.yaml.bak'}" in asker.said


def test_an_invalid_existing_file_can_only_be_started_over(tmp_path: Path, empty_libs: Any) -> None:
    path = tmp_path / "nota.yaml"
    path.write_text("kop: [\n", encoding="utf-8")
    script = Script(("#bestaand", "stop"))
    code, asker = new(path, script, empty_libs)
    assert code == 0
    assert "verder" not in asker.questions[0].values()
    assert "geen geldige nota" in asker.text


def test_continuing_resumes_inside_the_list_it_stopped_in(tmp_path: Path, empty_libs: Any) -> None:
    path = tmp_path / "nota.yaml"
    goal = target()
    first = Autopilot(goal)
    stop_name = r"beslispunten[1].opties[1].argumenten_voor"

    def until_stop(q: Question) -> Any:
        return CTRL_C_STOP if q.name == stop_name else first(q)

    assert new(path, until_stop, empty_libs, pipe=False)[0] == 130
    assert load_note(path).beslispunten[1].opties[0].argumenten_voor == goal.beslispunten[1].opties[0].argumenten_voor
    code, asker = new(path, Autopilot(goal), empty_libs, pipe=False)
    assert code == 0
    assert asker.asked[:2] == ["#bestaand", stop_name]  # the option's arguments that were being typed
    assert (
        "Verder waar u gebleven was: Beslispunt 2 'V.w.b. migratiebeleid uw keuze uit één…', "
        "optie 2 'Niet overnemen': argumenten voor"
    ) in asker.said
    assert dump(load_note(path)) == dump(goal)


def progress_file(path: Path) -> Path:
    return path.with_name(f".{path.name}.wizard")


def test_continuing_after_a_skipped_optional_question_starts_at_the_question_it_stopped_at(
    tmp_path: Path, empty_libs: Any
) -> None:
    path = tmp_path / "nota.yaml"
    script = Script(("kop.onderwerp", "X"), ("kop.type", KEEP), ("kop.van", ""), ("kop.datum#datum", CTRL_C_STOP))
    new(path, script, empty_libs, pipe=False)
    code, asker = new(path, Script(("#bestaand", "verder"), ("kop.datum#datum", CTRL_C_STOP)), empty_libs, pipe=False)
    assert code == 130  # the empty 'van' was answered: it is not asked again
    assert "Verder waar u gebleven was: Kop, datum" in asker.said
    progress_file(path).unlink()  # as for a note written by hand: the place follows from the content
    code, asker = new(path, Script(("#bestaand", "verder"), ("kop.type", CTRL_C_STOP)), empty_libs, pipe=False)
    assert code == 130  # the default type and the empty 'van' cannot be told from unanswered ones


def test_a_stop_in_a_second_option_continues_there_and_names_it(tmp_path: Path, empty_libs: Any) -> None:
    """The stop came at the second option's tekstsuggestie; continuing starts there and says so."""
    goal = target()
    reference = tmp_path / "zonder-onderbreking.yaml"
    assert new(reference, Autopilot(goal), empty_libs, pipe=False)[0] == 0
    path = tmp_path / "nota.yaml"
    stop = "beslispunten[1].opties[1].tekstsuggestie"
    first = Autopilot(goal)
    code, asker = new(path, lambda q: CTRL_C_STOP if q.name == stop else first(q), empty_libs)
    assert code == 130 and asker.asked[-1] == stop
    assert progress_file(path).exists()
    code, asker = new(path, Autopilot(goal), empty_libs)
    assert code == 0
    option = "beslispunten[1].opties[1]"
    assert asker.asked[:4] == ["#bestaand", stop, f"{option}.argumenten_voor", f"{option}.argumenten_tegen"]
    assert (
        "Verder waar u gebleven was: Beslispunt 2 'V.w.b. migratiebeleid uw keuze uit één…', "
        "optie 2 'Niet overnemen': tekstsuggestie"
    ) in asker.said
    assert "beslispunten[1].keuze" not in asker.asked  # no 'keuze' in a new note: nobody has chosen yet
    assert path.read_text(encoding="utf-8") == reference.read_text(encoding="utf-8")
    assert not progress_file(path).exists() and not progress_file(reference).exists()  # gone once done


def test_a_stop_in_a_motion_continues_it_and_then_asks_where_it_belongs(tmp_path: Path, empty_libs: Any) -> None:
    goal = target()
    path = tmp_path / "nota.yaml"
    first = Autopilot(goal)
    stop = "moties[0].verzoek"
    code, asker = new(path, lambda q: CTRL_C_STOP if q.name == stop else first(q), empty_libs, pipe=False)
    assert code == 130
    assert load_note(path).beslispunten[1].opties[0].moties == []  # linked once it is filled in
    code, asker = new(path, Autopilot(goal), empty_libs, pipe=False)
    assert code == 0
    assert asker.asked[:4] == ["#bestaand", stop, "moties[0].key", "moties[0]#bij"]
    assert "Verder waar u gebleven was: Motie 1 'Protocollen voor migratiepartnerschappen': verzoek" in asker.said
    assert dump(load_note(path)) == dump(goal)


@pytest.mark.parametrize("spoil", ["edited", "corrupt", "unknown place", "other note", "folder"])
def test_a_stale_or_broken_progress_file_is_ignored(tmp_path: Path, empty_libs: Any, spoil: str) -> None:
    """Without a usable record the place follows from the content, as for a note written by hand."""
    import json

    from notawriter.notefile import save_note

    path = tmp_path / "nota.yaml"
    script = Script(("kop.onderwerp", "X"), ("kop.type", KEEP), ("kop.van", ""), ("kop.datum#datum", CTRL_C_STOP))
    new(path, script, empty_libs, pipe=False)
    record = progress_file(path)
    assert json.loads(record.read_text(encoding="utf-8"))["plek"] == ["kop.datum", "kop.datum#datum"]
    if spoil == "edited":  # answers changed since the stop, e.g. with 'notawriter set'
        nota = load_note(path)
        nota.kop.onderwerp = "Y"
        save_note(path, nota)
    elif spoil == "corrupt":
        record.write_bytes(b'{"plek": ["kop.datum"\xff')
    elif spoil == "unknown place":
        data = json.loads(record.read_text(encoding="utf-8"))
        record.write_text(json.dumps({**data, "plek": ["kop.bestaat-niet"]}), encoding="utf-8")
    elif spoil == "other note":
        data = json.loads(record.read_text(encoding="utf-8"))
        record.write_text(json.dumps({**data, "nota": "andere.yaml"}), encoding="utf-8")
    else:
        record.unlink()
        record.mkdir()
    code, asker = new(path, Script(("#bestaand", "verder"), ("kop.type", CTRL_C_STOP)), empty_libs, pipe=False)
    assert code == 130 and asker.asked == ["#bestaand", "kop.type"]


def test_a_stop_in_a_part_opened_from_the_review_continues_there_then_the_review(
    tmp_path: Path, empty_libs: Any
) -> None:
    path = copy_of(tmp_path, SHORT)
    script = Script(
        ("#bestaand", "verder"),
        ("#overzicht", "wijzigen"),
        ("#overzicht#onderdeel", "sectie:beslispunten"),
        ("beslispunten#menu", "item:0"),
        (r"beslispunten\[0\]#actie", "edit"),
        (r"beslispunten\[0\]\.akkoord", KEEP),
        (r"beslispunten\[0\]\.tekst", "uw keuze uit de twee opties"),
        (r"beslispunten\[0\]#opties", CTRL_C_STOP),
    )
    code, asker = new(path, script, empty_libs, pipe=False)
    assert code == 130 and script.done
    script = Script(
        ("#bestaand", "verder"),
        (r"beslispunten\[0\]#opties", True),  # where it stopped, in the part it was changing
        (r"beslispunten\[0\]\.opties#menu", "done"),
        (r"beslispunten\[0\]\.ambtelijk_advies", KEEP),
        (r"beslispunten\[0\]\.advies_toelichting", KEEP),
        ("beslispunten#menu", "done"),
        ("#overzicht", CTRL_C_STOP),  # then back to the review, not on through the other parts
    )
    code, asker = new(path, script, empty_libs, pipe=False)
    assert code == 130 and script.done
    assert (
        "Verder waar u gebleven was: Beslispunt 1 'uw keuze uit de twee opties': de vraag of er opties zijn"
        in asker.said
    )
    code, asker = new(path, Script(("#bestaand", "verder"), ("#overzicht", "stop")), empty_libs, pipe=False)
    assert code == 0 and "Verder waar u gebleven was: het overzicht" in asker.said
    assert load_note(path).beslispunten[0].tekst == "uw keuze uit de twee opties"
    assert not progress_file(path).exists()


def test_every_question_of_the_full_note_is_where_new_continues(
    tmp_path: Path, empty_libs: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a stop leaves (the note and the record) is copied before each question; `new` on each
    copy must ask that question first. (The short note below is stopped for real and completed.)"""
    import os

    monkeypatch.setattr(os, "fsync", lambda fd: None)  # speed only: the rename stays atomic
    goal = target()
    reference = tmp_path / "referentie" / "nota.yaml"  # the record names the note: the same name
    reference.parent.mkdir()
    left: list[tuple[bytes, bytes] | None] = []

    class Snapshots(DataAsker):
        def ask(self, q: Question) -> Any:
            record = progress_file(reference)
            left.append((reference.read_bytes(), record.read_bytes()) if reference.exists() else None)
            return super().ask(q)

    NOTE.append(reference)
    pilot = Snapshots(Autopilot(goal))
    assert run_new(reference, asker=pilot, library_set=empty_libs) == 0
    path = tmp_path / "nota.yaml"
    first: list[str] = []

    def first_question(q: Question) -> Any:
        if q.name == "#bestaand":
            return "verder"
        first.append(q.name)
        raise Interrupted("gestopt")

    for k, files in enumerate(left):
        if files is None:
            continue
        NOTE.append(path)
        path.write_bytes(files[0])
        progress_file(path).write_bytes(files[1])
        assert run_new(path, asker=DataAsker(first_question), library_set=empty_libs) == 130
        assert first[-1] == pilot.asked[k], f"stopped at {pilot.asked[k]} (question {k})"
    assert len(first) == len(pilot.asked) - 1 > 90  # all but the subject, asked before there is a note


def test_stopping_at_any_question_keeps_every_answer_and_continuing_completes_the_note(
    tmp_path: Path, empty_libs: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    monkeypatch.setattr(os, "fsync", lambda fd: None)  # speed only: the rename stays atomic
    goal = target(SHORT)
    reference = tmp_path / "referentie.yaml"
    states: list[dict[str, Any] | None] = []

    class Snapshots(DataAsker):
        def ask(self, q: Question) -> Any:
            states.append(dump(load_note(reference)) if reference.exists() else None)
            return super().ask(q)

    NOTE.append(reference)
    assert run_new(reference, asker=Snapshots(Autopilot(goal)), library_set=empty_libs) == 0
    assert dump(load_note(reference)) == dump(goal)
    stopped: list[str] = []
    for k, state in enumerate(states):
        for stop in (CTRL_C_STOP, EOF_STOP):
            path = tmp_path / f"stop-{k}-{'ctrl-c' if stop is CTRL_C_STOP else 'eof'}.yaml"
            NOTE.append(path)
            asker = DataAsker(Autopilot(goal, stop_at=k, stop=stop))
            assert run_new(path, asker=asker, library_set=empty_libs) == 130, asker.asked[-1]
            if state is None:
                assert not path.exists()
            else:
                assert dump(load_note(path)) == state, f"stopped at {asker.asked[-1]}"
        # both stops left the same file, so continuing the last one shows that both complete
        resumed = DataAsker(Autopilot(goal))
        assert run_new(path, asker=resumed, library_set=empty_libs) == 0
        assert dump(load_note(path)) == dump(goal), f"continued after a stop at {asker.asked[-1]}"
        if state is not None:  # continued at the question it stopped at, not later (nor earlier)
            assert resumed.asked[:2] == ["#bestaand", asker.asked[-1]]
        stopped.append(asker.asked[-1])
    assert len(states) > 40  # every question of the short note was a stop point
    assert set(LETTERHEAD) <= set(stopped)  # the letterhead's questions too


# --- libraries ------------------------------------------------------------------------------------


@pytest.fixture
def test_libs() -> Any:
    from notawriter.library import Libraries, load_library_file

    return Libraries([load_library_file(FIXTURES / "bibliotheek" / "standaard.yaml")], [])


def test_a_signatory_and_a_decision_point_from_a_library(tmp_path: Path, test_libs: Any) -> None:
    path = copy_of(tmp_path, SHORT)
    path.write_text(path.read_text().replace("afkorting: M", "afkorting: X").replace("[M]", "[X]"), encoding="utf-8")
    script = done(
        ("ondertekenaars#menu", "lib:M"),  # the library's items are in the list's own menu
        (r"ondertekenaars\[1\]\.naam#kies", KEEP),  # the name in office on the note's date is the default
        ("ondertekenaars#menu", "done"),
        ("kop.aan#wie", KEEP),
        ("#overzicht", "wijzigen"),
        ("#overzicht#onderdeel", "sectie:beslispunten"),
        ("beslispunten#menu", "lib:akkoord-kamerbrief"),
        (r"beslispunten\[1\]\.akkoord", ["M"]),
        (r"beslispunten\[1\]\.tekst", "de Kamerbrief over de motie;"),
        ("beslispunten#menu", "done"),
    )
    edit(path, script, test_libs, section="ondertekenaars")
    nota = load_note(path)
    assert nota.ondertekenaars[1].herkomst is not None and nota.ondertekenaars[1].herkomst.id == "M"
    assert nota.ondertekenaars[1].naam == "C.C.J. Veldkamp"  # in office on the note's date, 6 January 2025
    point = nota.beslispunten[1]
    assert (point.tekst, point.akkoord, point.herkomst.id) == (
        "de Kamerbrief over de motie;",
        ["M"],
        "akkoord-kamerbrief",
    )


def test_an_option_from_a_library_brings_its_motion(tmp_path: Path, test_libs: Any) -> None:
    path = copy_of(tmp_path, SHORT)
    opts = r"beslispunten\[0\]\.opties"
    script = done(
        ("beslispunten#menu", "item:0"),
        (r"beslispunten\[0\]#actie", "edit"),
        (r"beslispunten\[0\]\.akkoord", KEEP),
        (r"beslispunten\[0\]\.tekst", KEEP),
        (r"beslispunten\[0\]#opties", True),
        (f"{opts}#menu", "lib:overnemen-met-motie"),
        (rf"{opts}\[2\]#aanpassen", False),
        (f"{opts}#menu", "item:0"),
        (rf"{opts}\[0\]#actie", "edit"),
        (rf"{opts}\[0\]\.label", KEEP),
        (rf"{opts}\[0\]\.samenvatting", KEEP),
        (rf"{opts}\[0\]\.tekstsuggestie", KEEP),
        (rf"{opts}\[0\]#argumenten", ["meerderheid", "kosten"]),
        (rf"{opts}\[0\]\.argumenten_voor", KEEP),  # the library's text is there to finish («…»)
        (rf"{opts}\[0\]\.argumenten_tegen", KEEP),
        (rf"{opts}\[0\]\.moties", ["boomsma-24"]),
        (f"{opts}#menu", "done"),
        (r"beslispunten\[0\]\.ambtelijk_advies", KEEP),
        (r"beslispunten\[0\]\.advies_toelichting", KEEP),
        (r"beslispunten\[0\]\.keuze", KEEP),
        ("beslispunten#menu", "done"),
    )
    code, asker = edit(path, script, test_libs, section="beslispunten")
    assert script.done
    nota = load_note(path)
    added = nota.beslispunten[0].opties[2]
    assert (added.key, added.herkomst.id) == ("overnemen", "overnemen-met-motie")
    assert [m.key for m in nota.moties] == ["boomsma-24"] and nota.moties[0].herkomst is not None
    first = nota.beslispunten[0].opties[0]
    assert first.argumenten_voor[0] == "Er is een Kamermeerderheid."
    assert len(first.argumenten_voor) == 2 and first.argumenten_tegen == ["Kost capaciteit."]
    assert first.moties == ["boomsma-24"]
    menu = next(q for q in asker.questions if q.name == f"{opts.replace(chr(92), '')}#menu")
    assert "lib:overnemen-met-motie" in menu.values() and menu.values()[-1] == "done"


def test_when_the_libraries_do_not_load_nothing_is_offered(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NOTAWRITER_LIBRARY", str(tmp_path / "bestaat-niet"))  # a configured folder that is missing
    path = tmp_path / "nota.yaml"
    code, asker = new(path, Autopilot(target(SHORT)), None, pipe=False)
    assert code == 0
    assert not [name for name in asker.asked if name.endswith("#bron")]
    assert "Bibliotheken niet geladen" in asker.text


def test_the_shipped_libraries_are_offered_by_default(tmp_path: Path) -> None:
    path = tmp_path / "nota.yaml"
    script = Script(
        ("kop.onderwerp", "X"),
        *[(kop_question(f), KEEP) for f in KOP_FIELDS[1:5]],
        ("ondertekenaars#menu", CTRL_C_STOP),
    )
    code, asker = new(path, script, None, pipe=False)
    assert code == 130 and script.done
    assert asker.questions[-1].values() == ["add", "lib:M", "lib:R", "done"]  # new first, then the library


# --- the question adapter -------------------------------------------------------------------------


def ask(q: Question, keys: str | None, **kw: Any) -> Any:
    with create_pipe_input() as pipe:
        if keys is None:
            pipe.close()
        else:
            pipe.send_text(keys)
        return TerminalAsker(pipe, DummyOutput(), stream=io.StringIO(), **kw).ask(q)


def test_question_conversions() -> None:
    date = Question("d", "Datum", "date")
    assert date.from_text(" 6 jan 2025 ") == dt.date(2025, 1, 6) and date.from_text("") is None
    assert date.to_text(dt.date(2025, 1, 6)) == "6 januari 2025"
    assert "bestaat niet als datum" in (date.error("29-2-2025") or "")
    number = Question("n", "Nr", "int")
    assert number.from_text("24") == 24 and "geen volgnummer" in (number.error("0") or "")
    assert Question("c", "F", "csv").from_text("SGP, CU,") == ["SGP", "CU"]
    assert Question("l", "B", "lines").from_text("a\n\n b \n") == ["a", "b"]
    assert Question("m", "T", "multiline").from_text("\nalinea  \n\nnog een\n\n") == "alinea\n\nnog een"
    assert (
        Question("b", "A", "block").from_text(" Rijnstraat 8 \n\n2515 XP Den Haag\n")
        == "Rijnstraat 8\n2515 XP Den Haag"
    )
    assert Question("t", "T", required=True).error("  ") == "dit antwoord is verplicht"
    assert slugify("Aanbeveling níet overnemen!") == "aanbeveling-niet-overnemen"
    assert slugify("???", "optie") == "optie"


@pytest.mark.parametrize("kind", ["text", "multiline", "block", "select", "checkbox", "confirm"])
@pytest.mark.parametrize("keys", [CTRL_C, None], ids=["ctrl-c", "eof"])
def test_every_prompt_kind_turns_ctrl_c_and_eof_into_interrupted(kind: str, keys: str | None) -> None:
    q = Question("x", "Vraag", kind, choices=[] if kind in (*TEXT_KINDS, "confirm") else _choices())
    with pytest.raises(Interrupted):
        ask(q, keys)


def _choices() -> list[Any]:
    from notawriter.wizard.questions import Choice

    return [Choice("Een", "een"), Choice("Twee", "twee", checked=True)]


def test_ctrl_d_stops_a_choice_prompt_too() -> None:
    with pytest.raises(Interrupted):
        ask(Question("x", "Vraag", "select", choices=_choices()), "\x04")


def test_confirm_takes_j_and_n_and_prints_a_dutch_answer() -> None:
    screen = io.StringIO()
    with create_pipe_input() as pipe:
        pipe.send_text("j")
        assert TerminalAsker(pipe, _vt100(screen)).ask(Question("x", "Doorgaan?", "confirm")) is True
    assert "Doorgaan? Ja" in plain(screen.getvalue())
    assert ask(Question("x", "Doorgaan?", "confirm", default=True), "n") is False
    assert ask(Question("x", "Doorgaan?", "confirm", default=True), ENTER) is True


def test_checkbox_answers_in_the_order_shown_with_a_dutch_summary() -> None:
    screen = io.StringIO()
    with create_pipe_input() as pipe:
        pipe.send_text(" " + ENTER)  # tick 'Een'; 'Twee' was ticked already
        answer = TerminalAsker(pipe, _vt100(screen)).ask(Question("x", "Wie?", "checkbox", choices=_choices()))
    assert answer == ["een", "twee"]
    assert "Wie? Een, Twee" in plain(screen.getvalue()) and "selections" not in screen.getvalue()


def test_multiline_text_says_how_to_finish(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    screen = io.StringIO()
    with create_pipe_input() as pipe:
        pipe.send_text("een\r\rtwee" + SUBMIT)
        answer = TerminalAsker(pipe, _vt100(screen)).ask(Question("x", "Tekst", "multiline"))
    assert answer == "een\n\ntwee"
    assert "klaar: Esc en dan Enter (of Alt+Enter)" in plain(screen.getvalue()) and "Ctrl-O" not in screen.getvalue()


def _editor(tmp_path: Path, body: str) -> str:
    script = tmp_path / "editor.py"
    script.write_text(body, encoding="utf-8")
    return f"{sys.executable} {script}"


def test_ctrl_o_opens_the_editor_and_returns_to_the_prompt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv(
        "EDITOR",
        _editor(
            tmp_path,
            "import sys\np = sys.argv[1]\nt = open(p).read()\nopen(p, 'w').write(t + '\\n\\nuit de editor\\n')\n",
        ),
    )
    assert ask(Question("x", "Tekst", "multiline"), "begin\x0f" + SUBMIT) == "begin\n\nuit de editor"


def test_a_failing_editor_keeps_the_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", _editor(tmp_path, "import sys\nopen(sys.argv[1], 'w').write('kapot')\nsys.exit(1)\n"))
    said = io.StringIO()
    with create_pipe_input() as pipe:
        pipe.send_text("begin\x0f" + SUBMIT)
        answer = TerminalAsker(pipe, DummyOutput(), stream=said).ask(Question("x", "Tekst", "multiline"))
    assert answer == "begin"
    assert "gaf een fout" in said.getvalue()


def test_the_markup_hint_is_shown_once(tmp_path: Path, empty_libs: Any) -> None:
    code, asker = new(tmp_path / "nota.yaml", Autopilot(target()), empty_libs, pipe=False)
    assert sum("Opmaak:" in line for line in asker.said) == 1


# --- documents ------------------------------------------------------------------------------------


def test_save_and_render_makes_both_documents(tmp_path: Path, empty_libs: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    import notawriter.render as render

    monkeypatch.setattr(render, "render_note", REAL_RENDER)
    path = tmp_path / "nota.yaml"
    code, asker = new(path, Autopilot(target(SHORT)), empty_libs, pipe=False)
    assert code == 0
    assert (tmp_path / "nota-nota.docx").is_file() and (tmp_path / "nota-kamerbrief.docx").is_file()
    assert any(line.startswith("geschreven:") and line.endswith("nota-kamerbrief.docx") for line in asker.said)


def test_a_render_error_returns_to_the_review(tmp_path: Path, empty_libs: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    import notawriter.render as render

    def refuse(path: Path, templates: Path | None = None, **_: Any) -> Any:
        raise NotaError("nota-nota.docx is in Word gewijzigd; gebruik --force")

    monkeypatch.setattr(render, "render_note", refuse)
    path = copy_of(tmp_path)
    code, asker = edit(path, Script(("#overzicht", "opslaan"), ("#overzicht", "stop")), empty_libs)
    assert code == 0
    assert "Documenten maken lukte niet: nota-nota.docx is in Word gewijzigd; gebruik --force" in asker.said


# --- recommendations ------------------------------------------------------------------------------

RECS = FIXTURES / "aanbevelingen-nota.yaml"


@pytest.fixture
def appreciaties() -> Any:
    """The shipped appreciation options (overnemen, deels-overnemen, …) as the only library."""
    from notawriter.library import Libraries, load_library_file, shipped_dir

    return Libraries([load_library_file(shipped_dir() / "appreciaties.yaml")], [])


def suggestion(libs: Any, option_id: str) -> str:
    return str(libs.get("optie", option_id).data["tekstsuggestie"]).strip()


def recs_note(tmp_path: Path, change: Callable[[Nota], None] | None = None) -> Path:
    from notawriter.notefile import save_note

    path = copy_of(tmp_path, RECS)
    if change is not None:
        nota = load_note(path)
        change(nota)
        save_note(path, nota)
    return path


def test_walking_two_recommendations_starts_each_reactie_from_the_library(tmp_path: Path, appreciaties: Any) -> None:
    path = recs_note(tmp_path)
    script = Script(
        ("#overzicht", "wijzigen"),
        ("#overzicht#onderdeel", "sectie:aanbevelingen"),
        ("aanbevelingen#menu", "next"),
        (r"aanbevelingen\[0\]\.appreciatie", "overnemen"),
        (r"aanbevelingen\[0\]\.reactie", Keys(" Het handboek verschijnt in 2025." + SUBMIT)),  # after the text shown
        (r"aanbevelingen\[0\]#verder", "volgende"),
        (r"aanbevelingen\[1\]\.appreciatie", "deels overnemen"),
        (r"aanbevelingen\[1\]\.reactie", KEEP),
        (r"aanbevelingen\[1\]#verder", "menu"),
        ("aanbevelingen#menu", "done"),
        ("#overzicht", "stop"),
    )
    code, asker = edit(path, script, appreciaties)
    assert code == 0 and script.done
    first, second, third, _ = load_note(path).aanbevelingen
    overnemen = suggestion(appreciaties, "overnemen")
    assert (first.appreciatie.value, first.reactie) == ("overnemen", overnemen + " Het handboek verschijnt in 2025.")
    assert (second.appreciatie.value, second.reactie) == (
        "deels overnemen",
        suggestion(appreciaties, "deels-overnemen"),
    )
    assert (third.appreciatie.value, third.reactie) == ("nog te bepalen", None)
    reactie = next(q for q in asker.questions if q.name == "aanbevelingen[0].reactie")
    assert reactie.default == overnemen and "«" in overnemen
    assert "startpunt uit de bibliotheek" in (reactie.instruction or "")
    # number, place and group; a very long text is shortened on screen
    assert (
        "── Aanbeveling 1a (1 van 4) · Bevorder de uitvoering van internationale mensenrechtenafspraken" in asker.said
    )
    assert any(line.startswith("   (ingekort; de hele tekst") for line in asker.said)
    assert any("bevat nog «…»" in line for line in asker.said)
    # the review lists the section with a compact summary, before and after
    assert "Aanbevelingen: 4 — 4 nog te bepalen" in asker.said
    assert "Aanbevelingen: 4 — 1 overnemen, 1 deels, 2 nog te bepalen · 2 met «…»" in asker.said
    onderdeel = next(q for q in asker.questions if q.name == "#overzicht#onderdeel")
    assert "sectie:aanbevelingen" in onderdeel.values()


def test_jumping_to_a_number_and_adding_typical_arguments(tmp_path: Path, appreciaties: Any) -> None:
    path = recs_note(tmp_path)
    voor = r"aanbevelingen\[3\]\.argumenten_voor"
    script = Script(
        ("aanbevelingen#menu", "jump"),
        ("aanbevelingen#nummer", Keys("9z\r" + PAUSE + "\x153B1\r")),  # unknown, then loosely typed
        (r"aanbevelingen\[3\]\.appreciatie", "niet overnemen"),
        (r"aanbevelingen\[3\]\.reactie", "Het kabinet neemt deze aanbeveling niet over."),
        (r"aanbevelingen\[3\]#verder", "argumenten"),
        (f"{voor}#menu", "add"),
        (rf"{voor}\[0\]#bron", "extra:0"),
        (rf"{voor}\[0\]", KEEP),
        (f"{voor}#menu", "done"),
        (r"aanbevelingen\[3\]\.argumenten_tegen#menu", "done"),
        (r"aanbevelingen\[3\]#verder", KEEP),  # the last one: on to the first unanswered, 1a
        (r"aanbevelingen\[0\]\.appreciatie", CTRL_C_STOP),
    )
    asker = PipeAsker(script, screen=True)
    code = run_edit(path, section="aanbevelingen", asker=asker, library_set=appreciaties)
    assert code == 130 and script.done
    assert "aanbeveling '9z' bestaat niet; nummers: 1a, 1b, 2a, 3b-1" in plain(asker.screen.getvalue())
    rec = load_note(path).aanbevelingen[3]
    typical = appreciaties.get("optie", "niet-overnemen").data["argumenten_voor"]
    assert (rec.appreciatie.value, rec.argumenten_voor, rec.argumenten_tegen) == ("niet overnemen", typical[:1], [])
    bron = next(q for q in asker.questions if q.name.endswith("argumenten_voor[0]#bron"))
    assert bron.choices[0].title.startswith("Bij 'niet overnemen': ")
    assert bron.values()[-1] == "new"
    assert next(q for q in asker.questions if q.name.endswith("[3]#verder")).default == "onbeantwoord"


def test_new_continues_at_the_first_unanswered_recommendation(tmp_path: Path, appreciaties: Any) -> None:
    from notawriter.model import Appreciatie

    def half_done(nota: Nota) -> None:
        nota.aanbevelingen[0].appreciatie = Appreciatie.OVERNEMEN
        nota.aanbevelingen[0].reactie = "Het kabinet neemt deze aanbeveling over."
        nota.aanbevelingen[1].appreciatie = Appreciatie.NIET  # no reactie yet: unanswered

    path = recs_note(tmp_path, half_done)
    script = Script(
        ("#bestaand", "verder"),
        (r"aanbevelingen\[1\]\.appreciatie", KEEP),
        (r"aanbevelingen\[1\]\.reactie", KEEP),
        (r"aanbevelingen\[1\]#verder", "volgende"),
        (r"aanbevelingen\[2\]\.appreciatie", CTRL_C_STOP),
    )
    code, asker = new(path, script, appreciaties)
    assert code == 130 and script.done
    assert "Verder waar u gebleven was: Aanbevelingen" in asker.said
    second = load_note(path).aanbevelingen[1]
    assert (second.appreciatie.value, second.reactie) == ("niet overnemen", suggestion(appreciaties, "niet-overnemen"))
    # another sitting: the menu's default is the next unanswered one, now 2a
    script = Script(("aanbevelingen#menu", KEEP), (r"aanbevelingen\[2\]\.appreciatie", CTRL_C_STOP))
    code, asker = edit(path, script, appreciaties, section="aanbevelingen")
    assert code == 130 and script.done
    menu = asker.questions[0]
    assert menu.default == "next" and menu.choices[0].title.startswith("Volgende onbeantwoorde: 2a — Breng")
    assert menu.message == "Aanbevelingen: 4 — 1 overnemen, 1 niet, 2 nog te bepalen · 1 met «…»"


def test_new_continues_a_recommendation_at_the_question_it_stopped_at(tmp_path: Path, appreciaties: Any) -> None:
    from notawriter.model import Appreciatie

    def half_done(nota: Nota) -> None:
        nota.aanbevelingen[0].appreciatie = Appreciatie.OVERNEMEN
        nota.aanbevelingen[0].reactie = "Het kabinet neemt deze aanbeveling over."

    path = recs_note(tmp_path, half_done)
    script = Script(
        ("#bestaand", "verder"),
        (r"aanbevelingen\[1\]\.appreciatie", "niet overnemen"),
        (r"aanbevelingen\[1\]\.reactie", CTRL_C_STOP),
    )
    code, asker = new(path, script, appreciaties)
    assert code == 130 and script.done
    script = Script(
        ("#bestaand", "verder"),
        (r"aanbevelingen\[1\]\.reactie", KEEP),  # the appreciatie was answered: not asked again
        (r"aanbevelingen\[1\]#verder", CTRL_C_STOP),
    )
    code, asker = new(path, script, appreciaties)
    assert code == 130 and script.done
    assert asker.questions[1].default == suggestion(appreciaties, "niet-overnemen")
    script = Script(
        ("#bestaand", "verder"),
        (r"aanbevelingen\[1\]#verder", "argumenten"),  # answered, so content alone would go on to 2a
        (r"aanbevelingen\[1\]\.argumenten_voor#menu", CTRL_C_STOP),
    )
    code, asker = new(path, script, appreciaties)
    assert code == 130 and script.done
    assert "── Aanbeveling 1b (2 van 4)" in " ".join(asker.said)  # shown again before going on


def test_new_on_an_imported_note_reaches_the_recommendations_after_the_decision_points(
    tmp_path: Path, appreciaties: Any
) -> None:
    from notawriter.model import Kop
    from notawriter.notefile import save_note

    path = tmp_path / "nota.yaml"
    imported = Nota(kop=Kop(onderwerp="Kabinetsreactie"), aanbevelingen=load_note(RECS).aanbevelingen)
    save_note(path, imported)

    def answer(q: Question) -> Any:
        if q.name == "#bestaand":
            return "verder"
        if q.name == "aanbevelingen#menu":
            return CTRL_C_STOP
        return "done" if q.name.endswith("#menu") else KEEP

    code, asker = new(path, answer, appreciaties, pipe=False)
    assert code == 130
    assert asker.asked[1] == "kop.type"  # nothing answered yet: from the start
    assert asker.asked[-2:] == ["beslispunten#menu", "aanbevelingen#menu"]


def test_an_open_choice_becomes_a_decision_point_with_the_library_options(tmp_path: Path, appreciaties: Any) -> None:
    from notawriter.view import kamerbrief_context

    path = recs_note(tmp_path)
    bp = r"beslispunten\[0\]"
    script = done(
        ("aanbevelingen#menu", "jump"),
        ("aanbevelingen#nummer", "3b-1"),
        (r"aanbevelingen\[3\]\.appreciatie", "#beslispunt"),
        (rf"{bp}\.tekst", KEEP),
        (
            rf"{bp}\.opties\[0\]\.tekstsuggestie",
            "Het kabinet neemt de aanbeveling over; elke nieuwe afspraak krijgt een paragraaf over mensenrechten.",
        ),
        (rf"{bp}\.opties\[1\]\.tekstsuggestie", KEEP),
        (rf"{bp}\.opties#menu", KEEP),  # done
        (rf"{bp}\.ambtelijk_advies", "overnemen"),
        (rf"{bp}\.advies_toelichting", ""),
        (r"aanbevelingen\[3\]#verder", "menu"),
        ("aanbevelingen#menu", "done"),
    )
    code, asker = edit(path, script, appreciaties, section="aanbevelingen")
    assert code == 0 and script.done
    nota = load_note(path)  # validates, references included
    point, rec = nota.beslispunten[0], nota.aanbevelingen[3]
    assert (point.key, point.akkoord, point.ambtelijk_advies) == ("aanbeveling-3b-1", ["M", "R"], "overnemen")
    assert point.tekst == (
        "Keuze over aanbeveling 3b-1: Zorg dat mensenrechten een vast onderdeel zijn van migratieafspraken met "
        "derde landen."
    )
    assert [(o.key, o.herkomst.id if o.herkomst else None) for o in point.opties] == [
        ("overnemen", "overnemen"),
        ("niet-overnemen", "niet-overnemen"),
    ]
    assert (rec.beslispunt, rec.appreciatie.value) == ("aanbeveling-3b-1", "nog te bepalen")
    assert "Aanbevelingen: 4 — 1 als beslispunt, 3 nog te bepalen" in asker.said
    # the Kamerbrief shows both options' texts at this recommendation
    letter = kamerbrief_context(nota)["aanbevelingen"].plain()
    at = letter.index("Aanbeveling 3b-1: " + load_note(RECS).aanbevelingen[3].tekst)
    assert letter[at + 1] == "[Optie A – Aanbeveling overnemen]"
    assert letter[at + 2] == point.opties[0].tekstsuggestie
    assert point.opties[0].tekstsuggestie.endswith("een paragraaf over mensenrechten.")
    assert letter[at + 3] == "[Optie B – Aanbeveling niet overnemen]"
    assert letter[at + 4].startswith("Het kabinet heeft begrip voor de gedachte achter deze aanbeveling")


def test_deciding_a_recommendation_with_a_decision_point_can_remove_the_point(
    tmp_path: Path, appreciaties: Any
) -> None:
    path = recs_note(tmp_path)
    make = done(
        ("aanbevelingen#menu", "jump"),
        ("aanbevelingen#nummer", "2a"),
        (r"aanbevelingen\[2\]\.appreciatie", "#beslispunt"),
        (r"beslispunten\[0\]\.tekst", KEEP),
        (r"beslispunten\[0\]\.opties\[0\]\.tekstsuggestie", "Eigen tekst bij overnemen."),
        (r"beslispunten\[0\]\.opties\[1\]\.tekstsuggestie", KEEP),
        (r"beslispunten\[0\]\.opties#menu", "done"),
        (r"beslispunten\[0\]\.ambtelijk_advies", KEEP),
        (r"aanbevelingen\[2\]#verder", "menu"),
        ("aanbevelingen#menu", "done"),
    )
    assert edit(path, make, appreciaties, section="aanbevelingen")[0] == 0 and make.done
    decide = done(
        ("aanbevelingen#menu", "jump"),
        ("aanbevelingen#nummer", "2a"),
        (r"aanbevelingen\[2\]\.appreciatie", "overnemen"),
        (r"aanbevelingen\[2\]#beslispunt-weg", True),
        (r"aanbevelingen\[2\]\.reactie", KEEP),
        (r"aanbevelingen\[2\]#verder", "menu"),
        ("aanbevelingen#menu", "done"),
    )
    code, asker = edit(path, decide, appreciaties, section="aanbevelingen")
    assert code == 0 and decide.done
    assert asker.questions[2].default == "#beslispunt"  # the linked point is where the choice stood
    nota = load_note(path)
    rec = nota.aanbevelingen[2]
    assert (nota.beslispunten, rec.beslispunt, rec.appreciatie.value) == ([], None, "overnemen")
    assert rec.reactie == "Eigen tekst bij overnemen."  # the point's option text was the starting point
    reactie = next(q for q in asker.questions if q.name == "aanbevelingen[2].reactie")
    assert reactie.instruction == "(startpunt uit het beslispunt)"


def test_section_aanbevelingen_needs_recommendations(tmp_path: Path, empty_libs: Any) -> None:
    path = copy_of(tmp_path, SHORT)
    with pytest.raises(NotaError) as exc:
        run_edit(path, section="aanbevelingen", asker=DataAsker(Script()), library_set=empty_libs)
    assert exc.value.message == (
        f"{path} heeft geen aanbevelingen; lees ze eerst in uit het rapport: "
        f"notawriter import-aanbevelingen RAPPORT --into {path}"
    )
    script = Script(("#overzicht", "wijzigen"), ("#overzicht#onderdeel", "terug"), ("#overzicht", "stop"))
    code, asker = edit(path, script, empty_libs)
    assert "sectie:beslispunten" in asker.questions[1].values()
    assert "sectie:aanbevelingen" not in asker.questions[1].values()
    assert not any(line.startswith("Aanbevelingen:") for line in asker.said)


def test_stopping_in_the_recommendations_keeps_every_answer(
    tmp_path: Path, appreciaties: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    path = recs_note(tmp_path)
    script = Script(
        ("aanbevelingen#menu", "next"),
        (r"aanbevelingen\[0\]\.appreciatie", "staand beleid"),
        (r"aanbevelingen\[0\]\.reactie", CTRL_C_STOP),
    )
    code, _ = edit(path, script, appreciaties, section="aanbevelingen")
    assert code == 130 and script.done
    assert capsys.readouterr().err.startswith(f"Gestopt. Uw wijzigingen staan in {path}")
    assert load_note(path).aanbevelingen[0].appreciatie.value == "staand beleid"
    script = Script(
        ("aanbevelingen#menu", "next"),  # 1a has no reactie yet: still the next unanswered
        (r"aanbevelingen\[0\]\.appreciatie", KEEP),
        (r"aanbevelingen\[0\]\.reactie", "Dit past in het bestaande beleid."),
        (r"aanbevelingen\[0\]#verder", EOF_STOP),
    )
    code, _ = edit(path, script, appreciaties, section="aanbevelingen")
    assert code == 130 and script.done
    first = load_note(path).aanbevelingen[0]
    assert (first.appreciatie.value, first.reactie) == ("staand beleid", "Dit past in het bestaande beleid.")


def test_recommendation_summary_and_numbers() -> None:
    from notawriter.model import Aanbeveling, Appreciatie
    from notawriter.wizard.recommendations import find_number, summary

    recs = [
        Aanbeveling(nummer="1a", appreciatie=Appreciatie.OVERNEMEN, reactie="Ja."),
        Aanbeveling(nummer="1b", appreciatie=Appreciatie.OVERNEMEN),
        Aanbeveling(nummer="3b-1", appreciatie=Appreciatie.DEELS, reactie="Deels, namelijk «welk deel»."),
        Aanbeveling(nummer="3b-2", beslispunt="aanbeveling-3b-2"),
        Aanbeveling(nummer="4"),
    ]
    assert (
        summary(recs) == "5 — 2 overnemen, 1 deels, 1 als beslispunt, 1 nog te bepalen · 1 zonder reactie · 1 met «…»"
    )
    assert [find_number(recs, typed) for typed in ("1A", "3b1", " 4 ", "3b", "")] == [0, 2, 4, None, None]


# --- fitting the terminal, starting from an earlier note ------------------------------------------


@pytest.mark.parametrize("columns", [80, 40])
def test_hints_and_messages_are_wrapped_to_the_terminal_not_cut(columns: int) -> None:
    from prompt_toolkit.data_structures import Size
    from prompt_toolkit.output.vt100 import Vt100_Output

    output = Vt100_Output(io.StringIO(), lambda: Size(rows=24, columns=columns), term="xterm")
    asker = TerminalAsker(None, output)
    q = Question(
        "kamerbrief.afzender.bezoekadres",
        "Kamerbrief — briefhoofd: bezoekadres van het ministerie dat de brief verstuurt",
        "block",
        instruction="optioneel; straat en postcode op eigen regels, bijv. Rijnstraat 8 en 2515 XP Den Haag",
        progress="Stap 6 van 7 — Kamerbrief",
    )
    hints = asker._hints(q, "Enter = nieuwe regel · klaar: Esc en dan Enter (of Alt+Enter)")().split("\n")
    message = asker._message(q).split("\n")
    assert all(len(line) < columns for line in hints) and all(len(line) + 2 <= columns for line in message)
    assert " ".join(hints).split() == (
        f"{q.instruction} · Enter = nieuwe regel · klaar: Esc en dan Enter (of Alt+Enter) {q.progress}".split()
    )
    assert " ".join(line.strip() for line in message) == q.message


def test_a_yes_no_question_takes_one_key_and_ignores_arrows() -> None:
    q = Question("x", "Heeft dit beslispunt opties om uit te kiezen?", "confirm", default=False)
    assert ask(q, "\x1b[D\x1b[Cj") is True  # ← and → do not answer; 'j' does, at once
    assert ask(q, "\x1b[D\r") is False  # Enter takes the default shown as (j/N)
    assert ask(Question("x", "Verder?", "confirm", default=True), "n") is False


def test_start_from_clears_what_belongs_to_one_note_and_keeps_the_rest() -> None:
    from notawriter.wizard.flow import start_from

    earlier = target()
    earlier.beslispunten[1].keuze = "overnemen"
    earlier.kamerbrief.onderwerp = "Oud onderwerp"
    fresh = start_from(earlier)
    assert (fresh.kop.datum, fresh.kop.referentie, fresh.kop.kamer, fresh.kop.binnengekomen_op) == (None,) * 4
    assert fresh.kamerbrief.onderwerp is None and [p.keuze for p in fresh.beslispunten] == [None, None]
    assert fresh.kop.onderwerp == earlier.kop.onderwerp  # replaced by the wizard's first question
    kept = dump(fresh)
    for name in ("ondertekenaars", "moties", "secties", "communicatie", "bijlagen"):
        assert kept[name] == dump(earlier)[name]
    assert kept["kamerbrief"]["afzender"] == dump(earlier)["kamerbrief"]["afzender"]
    assert earlier.beslispunten[1].keuze == "overnemen"  # the earlier note itself is untouched


def test_start_from_resets_the_answers_to_recommendations(tmp_path: Path) -> None:
    from notawriter.wizard.flow import start_from

    earlier = load_note(FIXTURES / "aanbevelingen-nota.yaml")
    earlier.aanbevelingen[0].appreciatie = type(earlier.aanbevelingen[0].appreciatie)("overnemen")
    earlier.aanbevelingen[0].reactie = "Het kabinet neemt dit over."
    fresh = start_from(earlier)
    assert [(r.appreciatie.value, r.reactie) for r in fresh.aanbevelingen] == [
        ("nog te bepalen", None) for _ in earlier.aanbevelingen
    ]
    assert [r.tekst for r in fresh.aanbevelingen] == [r.tekst for r in earlier.aanbevelingen]


def test_the_signatory_name_offered_is_the_one_in_office_on_the_notes_date(tmp_path: Path, test_libs: Any) -> None:
    path = copy_of(tmp_path, SHORT)
    from notawriter.notefile import save_note

    nota = load_note(path)
    nota.kop.datum = dt.date(2025, 9, 1)  # after Veldkamp's period: 'A. Nu' (since 23 August 2025)
    nota.ondertekenaars[0].afkorting = "X"
    nota.beslispunten[0].akkoord = ["X"]
    nota.kamerbrief.ondertekening = ["X"]
    save_note(path, nota)
    script = done(
        ("ondertekenaars#menu", "lib:M"),
        (r"ondertekenaars\[1\]\.naam#kies", KEEP),
        ("ondertekenaars#menu", "done"),
        ("kop.aan#wie", KEEP),
    )
    code, asker = edit(path, script, test_libs, section="ondertekenaars")
    assert code == 0 and script.done
    assert load_note(path).ondertekenaars[1].naam == "A. Nu"
    names = next(q for q in asker.questions if q.name.endswith("naam#kies"))
    assert [c.title for c in names.choices][:2] == [
        "A. Nu (in functie sinds 23 augustus 2025)",
        "C.C.J. Veldkamp (niet meer in functie: 2 juli 2024 – 22 augustus 2025)",
    ]
