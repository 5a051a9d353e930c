"""The installed `notawriter new` in a real pseudo-terminal (pexpect): typing, stopping, continuing.

These tests need no terminal of their own (pexpect opens a pty), so they run in CI as well. Each
step waits for the question's text before typing, the way a user reads before answering.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

pexpect = pytest.importorskip("pexpect")
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pexpect needs a POSIX pty")

from notawriter.notefile import load_note  # noqa: E402

FIXTURES = Path(__file__).parent / "fixtures" / "wizard"
UP, DOWN, ENTER, SUBMIT, CLEAR = "\x1b[A", "\x1b[B", "\r", "\x1b\r", "\x15"
TIMEOUT = 10


def command() -> list[str]:
    exe = shutil.which("notawriter")
    return [exe] if exe else [sys.executable, "-m", "notawriter"]


def env() -> dict[str, str]:
    drop = ("NOTAWRITER_LIBRARY", "NOTAWRITER_DEBUG", "VISUAL", "EDITOR", "PYTHONPATH")  # the installed notawriter
    # pexpect does not answer prompt_toolkit's cursor-position requests: tell it not to ask
    extra = {"TERM": "xterm", "NO_COLOR": "1", "PROMPT_TOOLKIT_NO_CPR": "1"}
    return {**{k: v for k, v in os.environ.items() if k not in drop}, **extra}


class Terminal:
    """One `notawriter new` session: `answer(question text, keys)` waits, then types."""

    def __init__(self, folder: Path, note: str = "nota.yaml") -> None:
        cmd = command()
        self.child = pexpect.spawn(
            cmd[0],
            [*cmd[1:], "new", note],
            cwd=str(folder),
            env=env(),
            dimensions=(24, 100),
            timeout=TIMEOUT,
            encoding="utf-8",
            codec_errors="replace",
        )
        self.child.delaybeforesend = 0.01  # each answer waits for its question anyway
        self.transcript: list[str] = []

    def expect(self, text: str) -> None:
        try:
            self.child.expect_exact(text)
        except (pexpect.TIMEOUT, pexpect.EOF):
            raise AssertionError(f"waited for {text!r}; the screen showed:\n{self.child.before[-1500:]}") from None
        self.transcript.append(self.child.before + text)

    def answer(self, question: str, keys: str) -> None:
        self.expect(question)
        self.child.send(keys)

    def new_item(self, menu: str, question: str, keys: str) -> None:
        """'+ … toevoegen' in a list menu, 'Nieuw …' if a library offers items, then the first question."""
        self.answer(menu, ENTER)
        if self.child.expect_exact(["Uit een bibliotheek of nieuw?", question]) == 0:
            self.child.send(UP + ENTER)  # from the first choice, up wraps round to 'Nieuw …', the last
            self.expect(question)
        self.child.send(keys)

    def finish(self) -> tuple[int, str]:
        self.child.expect(pexpect.EOF)
        self.child.close()
        return self.child.exitstatus, self.child.before


def type_short_note(term: Terminal) -> None:
    """Everything in fixtures/wizard/korte-nota.yaml, typed with arrow keys and text."""
    a = term.answer
    a("Onderwerp van de nota", "Reactie op de motie-Boomsma" + ENTER)
    a("Soort nota", ENTER)
    a("Aan (bijv.", "M" + ENTER)
    a("Van (naam", ENTER)
    a("Via (namen", ENTER)
    a("Kopie aan", ENTER)
    a("Datum", CLEAR + "6-1-2025" + ENTER)
    a("Onze referentie", "BZ123" + ENTER)
    a("Opgesteld door", ENTER)
    a("Plandatum/deadline", ENTER)
    a("Kamer (datum", ENTER)
    a("Binnengekomen op", ENTER)
    term.new_item("Ondertekenaars (0)", "Afkorting (bijv.", "M" + ENTER)
    a("Functie (bijv.", "Minister van Buitenlandse Zaken" + ENTER)
    a("Naam zoals onder de brief", "C.C.J. Veldkamp" + ENTER)
    a("Ondertekenaars (1)", DOWN + ENTER)
    a("Aanleiding", "De Kamer nam de motie aan." + ENTER + ENTER + "U beslist over de reactie." + SUBMIT)
    term.new_item("Beslispunten (0)", "Wie moet akkoord geven?", ENTER)
    a("Beslispunt (waarmee", "uw keuze uit twee opties" + ENTER)
    a("Heeft dit beslispunt opties", "j")
    a("Korte sleutel van dit beslispunt", CLEAR + "reactie" + ENTER)
    for n, (label, key, summary, text) in enumerate(
        [
            ("Motie uitvoeren", "uitvoeren", "de motie uitvoeren", "Het kabinet voert de motie uit."),
            ("Motie ontraden", "ontraden", "de motie niet uitvoeren", "Het kabinet voert de motie niet uit."),
        ]
    ):
        term.new_item(f"Opties ({n})", "Korte naam van de optie", label + ENTER)
        a("Sleutel (uit de naam", CLEAR + key + ENTER)
        a("Samenvatting (", summary + ENTER)
        a("Tekstsuggestie voor de Kamerbrief", text + SUBMIT)
        if n == 0:
            term.new_item(
                "Argumenten voor (0)", "Argument voor deze optie", CLEAR + "Er is een Kamermeerderheid." + ENTER
            )
            a("Argumenten voor (1)", DOWN + ENTER)
        else:
            a("Argumenten voor (0)", DOWN + ENTER)
        a("Argumenten tegen (0)", DOWN + ENTER)
        a("Hoort er een motie bij", "n")
    a("Opties (2)", DOWN + ENTER)
    a("Ambtelijk advies", UP * 3 + ENTER)  # from '(Nog) geen advies' up to the first option
    a("Toelichting op het advies", ENTER)
    a("Beslispunten (1)", DOWN + ENTER)
    a("Moties (0)", DOWN + ENTER)
    a("Secties van de nota (0)", DOWN + ENTER)
    a("Communicatie en woordvoering", SUBMIT)
    a("Informatie die niet openbaar", SUBMIT)
    a("Bijlage(n)", SUBMIT)
    a("Kamerbrief — betreft", ENTER)
    a("Kamerbrief — inleiding", "Hierbij informeer ik u over de motie." + SUBMIT)
    a("Secties van de Kamerbrief (0)", DOWN + ENTER)
    a("Kamerbrief — slot", SUBMIT)
    a("Wie ondertekent de Kamerbrief?", ENTER)
    term.expect("Kamerbrief — briefhoofd: ministerie")
    a("voorstel uit de ondertekenaars", ENTER)  # 'Ministerie van Buitenlandse Zaken', from M's title
    a("Kamerbrief — briefhoofd: bezoekadres", "Rijnstraat 8" + ENTER + "2515 XP Den Haag" + SUBMIT)
    a("Kamerbrief — briefhoofd: retouradres", "Postbus 20061, 2500 EB Den Haag" + ENTER)


def dump(path: Path) -> dict[str, Any]:
    return load_note(path).model_dump(mode="json", exclude_none=True)


def test_typing_a_short_note_saves_it_and_makes_both_documents(tmp_path: Path, office_docs: Any) -> None:
    term = Terminal(tmp_path)
    type_short_note(term)
    term.answer("Wat wilt u doen?", ENTER)
    code, screen = term.finish()
    assert code == 0, screen
    assert dump(tmp_path / "nota.yaml") == dump(FIXTURES / "korte-nota.yaml")
    for name in ("nota-nota.docx", "nota-kamerbrief.docx"):
        assert (tmp_path / name).is_file(), screen
        assert f"geschreven:   {tmp_path / name}" in screen or f"geschreven:   {name}" in screen
    office_docs.add_generated(tmp_path, "wizard-pty: ")


@pytest.mark.parametrize("stop", ["\x03", "\x04"], ids=["ctrl-c", "eof"])
def test_stopping_prints_one_calm_line_and_continuing_resumes(tmp_path: Path, stop: str) -> None:
    term = Terminal(tmp_path)
    term.answer("Onderwerp van de nota", "Gestopte nota" + ENTER)
    term.answer("Soort nota", DOWN + ENTER)
    term.answer("Aan (bijv.", "M en R" + ENTER)
    term.answer("Van (naam", stop)  # an empty text prompt: Ctrl-D is end-of-file
    code, screen = term.finish()
    assert code == 130
    assert "Gestopt. Uw antwoorden staan in nota.yaml; ga verder met: notawriter new nota.yaml" in screen
    assert "Traceback" not in screen and "Afgebroken" not in screen
    kop = load_note(tmp_path / "nota.yaml").kop
    assert (kop.onderwerp, kop.type.value, kop.aan) == ("Gestopte nota", "TER INFORMATIE", "M en R")

    again = Terminal(tmp_path)
    again.answer("nota.yaml bestaat al. Wat wilt u doen?", ENTER)
    again.expect("Verder waar u gebleven was:")
    again.answer("Van (naam", "DMM" + ENTER)
    again.answer("Via (namen", "\x03")
    code, screen = again.finish()
    assert code == 130
    assert load_note(tmp_path / "nota.yaml").kop.van == "DMM"


def test_stopping_in_a_choice_menu_with_ctrl_d_keeps_the_answers(tmp_path: Path) -> None:
    term = Terminal(tmp_path)
    term.answer("Onderwerp van de nota", "Nota" + ENTER)
    term.answer("Soort nota", "\x04")
    code, screen = term.finish()
    assert code == 130 and "Traceback" not in screen
    assert load_note(tmp_path / "nota.yaml").kop.onderwerp == "Nota"


def test_a_closed_terminal_leaves_a_valid_note(tmp_path: Path) -> None:
    term = Terminal(tmp_path)
    term.answer("Onderwerp van de nota", "Nota" + ENTER)
    term.answer("Soort nota", ENTER)
    term.answer("Aan (bijv.", "M" + ENTER)
    term.expect("Van (naam")
    term.child.close(force=True)  # hangs up, as closing the terminal window does
    assert load_note(tmp_path / "nota.yaml").kop.aan == "M"


def test_after_a_closed_terminal_new_continues_at_the_question_that_was_open(tmp_path: Path) -> None:
    term = Terminal(tmp_path)
    term.answer("Onderwerp van de nota", "Nota" + ENTER)
    term.answer("Soort nota", ENTER)
    term.answer("Aan (bijv.", "M" + ENTER)
    term.answer("Van (naam", ENTER)  # optional: left empty, which the note alone cannot tell from unasked
    term.expect("Via (namen")
    term.child.close(force=True)  # hangs up: no Ctrl-C handling runs
    assert (tmp_path / ".nota.yaml.wizard").is_file()  # where it was, recorded before the question

    again = Terminal(tmp_path)
    again.answer("nota.yaml bestaat al. Wat wilt u doen?", ENTER)
    again.expect("Verder waar u gebleven was: Via (namen")
    again.answer("Via (namen", "\x03")
    code, screen = again.finish()
    assert code == 130
    assert "Van (naam" not in "".join(again.transcript) + screen


def test_the_installed_package_contains_the_wizard(tmp_path: Path) -> None:
    """`pip install '.[test]'` (as CI does) installs only the packages pyproject.toml lists."""
    result = subprocess.run(
        [sys.executable, "-c", "import notawriter.wizard"], cwd=tmp_path, env=env(), capture_output=True, text=True
    )
    assert result.returncode == 0, (
        "the installed notawriter has no wizard: add 'notawriter.wizard' to [tool.setuptools] packages "
        "in pyproject.toml\n" + result.stderr
    )


def test_without_a_terminal_new_refuses_with_one_line(tmp_path: Path) -> None:
    result = subprocess.run(
        [*command(), "new", "nota.yaml"],
        cwd=tmp_path,
        env=env(),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "heeft een terminal nodig" in result.stderr and "notawriter set" in result.stderr
    assert not (tmp_path / "nota.yaml").exists()
