"""The installed `notawriter new` in a real pseudo-terminal (pexpect): typing, stopping, continuing.

These tests need no terminal of their own (pexpect opens a pty), so they run in CI as well. Each
step waits for the question's text before typing, the way a user reads before answering.
"""

from __future__ import annotations

import contextlib
import datetime as dt
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
UP, DOWN, LEFT, ENTER, SUBMIT, CLEAR = "\x1b[A", "\x1b[B", "\x1b[D", "\r", "\x1b\r", "\x15"
TIMEOUT = 10
ROWS, COLUMNS = 24, 80


def command() -> list[str]:
    exe = shutil.which("notawriter")
    return [exe] if exe else [sys.executable, "-m", "notawriter"]


def env() -> dict[str, str]:
    drop = ("NOTAWRITER_LIBRARY", "NOTAWRITER_DEBUG", "VISUAL", "EDITOR", "PYTHONPATH")  # the installed notawriter
    # pexpect does not answer prompt_toolkit's cursor-position requests: tell it not to ask
    extra = {"TERM": "xterm", "NO_COLOR": "1", "PROMPT_TOOLKIT_NO_CPR": "1"}
    return {**{k: v for k, v in os.environ.items() if k not in drop}, **extra}


class Screen:
    """What an 80×24 terminal shows (pyte renders the program's output), when pyte is installed."""

    def __init__(self) -> None:
        import pyte

        self.screen = pyte.Screen(COLUMNS, ROWS)
        self.stream = pyte.Stream(self.screen)

    def write(self, data: str) -> None:
        self.stream.feed(data)

    def flush(self) -> None:
        pass

    def lines(self) -> list[str]:
        return [line.rstrip() for line in self.screen.display]

    def text(self) -> str:
        """The screen as one text, wrapped lines joined (a word split by the right edge stays split)."""
        return " ".join(" ".join(self.lines()).split())


class Terminal:
    """One `notawriter new` session in an 80×24 pty: `answer(question text, keys)` waits, then types."""

    def __init__(self, folder: Path, note: str = "nota.yaml", *extra: str) -> None:
        cmd = command()
        self.child = pexpect.spawn(
            cmd[0],
            [*cmd[1:], "new", note, *extra],
            cwd=str(folder),
            env=env(),
            dimensions=(ROWS, COLUMNS),
            timeout=TIMEOUT,
            encoding="utf-8",
            codec_errors="replace",
        )
        self.child.delaybeforesend = 0.01  # each answer waits for its question anyway
        self.transcript: list[str] = []
        self.screen: Screen | None = None
        try:
            self.screen = Screen()
            self.child.logfile_read = self.screen
        except ImportError:  # without pyte the screen checks are skipped, the typing still runs
            pass

    def expect(self, text: str) -> None:
        try:
            self.child.expect_exact(text)
        except (pexpect.TIMEOUT, pexpect.EOF):
            raise AssertionError(f"waited for {text!r}; the screen showed:\n{self.child.before[-1500:]}") from None
        self.transcript.append(self.child.before + text)

    def answer(self, question: str, keys: str) -> None:
        self.expect(question)
        self.child.send(keys)

    def settle(self) -> Screen:
        """The screen once the prompt is drawn completely (pyte needed)."""
        if self.screen is None:
            pytest.skip("pyte is not installed")
        import time

        time.sleep(0.4)
        with contextlib.suppress(pexpect.TIMEOUT, pexpect.EOF):
            self.child.read_nonblocking(100000, timeout=0.2)
        return self.screen

    def finish(self) -> tuple[int, str]:
        self.child.expect(pexpect.EOF)
        self.child.close()
        return self.child.exitstatus, self.child.before


FINISH = "klaar: Esc en dan Enter (of Alt+Enter)"


def type_short_note(term: Terminal, checks: list[str] | None = None) -> None:
    """Everything in fixtures/wizard/korte-nota.yaml, typed with arrow keys and text.

    `checks`: collect the screen's problems at the prompts whose hints the issue found cut off.
    """
    a = term.answer

    def fits(question: str, *visible: str) -> None:
        if checks is None:
            return
        text = term.settle().text()
        checks.extend(f"{question}: {want!r} not on the screen" for want in visible if want not in text)

    a("Onderwerp", "Reactie op de motie-Boomsma" + ENTER)
    a("Soort nota", ENTER)
    a("Van (namen", ENTER)
    a("Datum van de nota", DOWN + ENTER)  # 'Vandaag' first; then 'Andere datum typen'
    a("Datum van de nota", "6-1-2025" + ENTER)  # nothing pre-filled to erase
    term.expect("Welke kopvelden")
    fits("kopvelden", "Via — langs wie de nota gaat", "Stap 1 van 7 — Kop")
    term.child.send(DOWN * 2 + " " + ENTER)  # 'Onze referentie'
    a("Onze referentie", "BZ123" + ENTER)
    term.expect("Ondertekenaars (wie beslissen en tekenen) (0)")
    fits("ondertekenaars", "+ M — Minister van Buitenlandse Zaken (bibliotheek)")
    term.child.send(DOWN + ENTER)  # the library's function M
    term.expect("Naam van M (Minister van Buitenlandse Zaken) onder de brief")
    # the note is dated 6 January 2025: the minister in office then is offered, with the period
    fits("naam", "» C.C.J. Veldkamp (2 juli 2024 – 22 augustus 2025)", "Andere naam typen")
    term.child.send(ENTER)
    a("Ondertekenaars (wie beslissen en tekenen) (1)", DOWN * 2 + ENTER)  # from '+ …toevoegen' to 'Klaar'
    a("Aan wie gaat de nota?", ENTER)  # all signatories ticked
    term.expect("Aanleiding")
    fits("aanleiding", FINISH, "Stap 3 van 7 — Aanleiding")
    term.child.send("De Kamer nam de motie aan." + ENTER + ENTER + "U beslist over de reactie." + SUBMIT)
    a("Beslispunten (0)", ENTER)
    a("Wie moet akkoord geven?", ENTER)
    a("Beslispunt (waarmee", "uw keuze uit twee opties" + ENTER)
    term.expect("Heeft dit beslispunt opties om uit te kiezen?")
    fits("opties", "j = ja · n = nee · Enter = nee")
    term.child.send(LEFT + "j")  # an arrow key does nothing; 'j' answers
    for n, (label, summary, text, voor) in enumerate(
        [
            ("Motie uitvoeren", "de motie uitvoeren", "Het kabinet voert de motie uit.", "Er is een Kamermeerderheid."),
            ("Motie ontraden", "de motie niet uitvoeren", "Het kabinet voert de motie niet uit.", ""),
        ]
    ):
        a(f"Opties ({n})", ENTER)
        a("Korte naam van de optie", label + ENTER)
        a("Samenvatting (", summary + ENTER)
        term.expect("Tekstsuggestie voor de Kamerbrief")
        fits("tekstsuggestie", FINISH, f"Stap 4 van 7 — Beslispunten, 1 van 1 · optie {n + 1} van {n + 1}")
        term.child.send(text + SUBMIT)
        a("Argumenten uit de bibliotheek", ENTER)
        a("Argumenten voor deze optie", voor + SUBMIT)
        a("Argumenten tegen deze optie", SUBMIT)
    a("Opties (2)", "klaar" + ENTER)  # a long list: typing filters it
    a("Ambtelijk advies", UP * 3 + ENTER)  # from '(Nog) geen advies' up to the first option
    a("Toelichting op het advies", ENTER)
    a("Beslispunten (1)", UP + ENTER)  # the key, asked only on request: from the item's menu
    a("Sleutel wijzigen", DOWN + ENTER)
    a("Sleutel van dit beslispunt", CLEAR + "reactie" + ENTER)
    a("Beslispunten (1)", ENTER)  # back on 'Klaar'
    a("Welke onderdelen heeft deze nota nog?", ENTER)
    a("Kamerbrief — inleiding", "Hierbij informeer ik u over de motie." + SUBMIT)
    term.expect("Kamerbrief: sectie 'Reactie' toegevoegd")
    a("Secties van de Kamerbrief (1)", ENTER)  # the proposed section is there: 'Klaar' first
    a("Kamerbrief — slot", SUBMIT)
    a("Wie ondertekent de Kamerbrief?", ENTER)
    term.expect("Kamerbrief — briefhoofd: ministerie")
    a("voorstel uit de ondertekenaars", ENTER)  # 'Ministerie van Buitenlandse Zaken', from M's title
    term.expect("Kamerbrief — briefhoofd: bezoekadres")
    fits("bezoekadres", FINISH, "straat en postcode op eigen regels")
    term.child.send("Rijnstraat 8" + ENTER + "2515 XP Den Haag" + SUBMIT)
    a("Kamerbrief — briefhoofd: retouradres", "Postbus 20061, 2500 EB Den Haag" + ENTER)


def dump(path: Path) -> dict[str, Any]:
    """The note's answers; a signatory taken from the library carries its origin, which the fixture leaves out."""
    data = load_note(path).model_dump(mode="json", exclude_none=True)
    for signer in data.get("ondertekenaars", []):
        signer.pop("herkomst", None)
    return data


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


def test_every_hint_fits_80_columns_and_the_review_fits_24_rows(tmp_path: Path) -> None:
    term = Terminal(tmp_path)
    problems: list[str] = []
    type_short_note(term, problems)
    term.expect("Wat wilt u doen?")
    screen = term.settle()
    lines = screen.lines()
    assert problems == []
    # the whole review on one screen: the header (with Kopie aan), the parts and the menu under it
    assert any(line.startswith("── TER BESLISSING: Reactie op de motie-Boomsma") for line in lines), "\n".join(lines)
    text = screen.text()
    for part in ("Kopie aan:", "Opgesteld door:", "Plandatum:", "Ondertekenaars:", "Beslispunten: 1", "Kamerbrief:"):
        assert part in text, "\n".join(lines)
    assert "Stoppen (alles is opgeslagen, geen documenten)" in text and "Stap 7 van 7 — Overzicht" in text
    term.child.send(DOWN * 4 + ENTER)
    code, _ = term.finish()
    assert code == 0


def test_a_library_name_out_of_office_is_never_the_default(tmp_path: Path) -> None:
    """The shipped library names M's minister only with a period that has ended: Enter signs with nobody."""
    term = Terminal(tmp_path)
    term.answer("Onderwerp", "Nota" + ENTER)
    term.answer("Soort nota", ENTER)
    term.answer("Van (namen", ENTER)
    term.answer("Datum van de nota", ENTER)
    term.answer("Welke kopvelden", ENTER)
    term.answer("Ondertekenaars (wie beslissen en tekenen) (0)", DOWN + ENTER)
    term.answer("Naam van M (Minister van Buitenlandse Zaken) onder de brief", ENTER)
    term.answer("Ondertekenaars (wie beslissen en tekenen) (1)", "\x03")
    code, _ = term.finish()
    assert code == 130
    signer = load_note(tmp_path / "nota.yaml").ondertekenaars[0]
    assert (signer.afkorting, signer.titel, signer.naam) == ("M", "Minister van Buitenlandse Zaken", "")


@pytest.mark.parametrize("stop", ["\x03", "\x04"], ids=["ctrl-c", "eof"])
def test_stopping_prints_one_calm_line_and_continuing_names_the_item(tmp_path: Path, stop: str) -> None:
    term = Terminal(tmp_path)
    term.answer("Onderwerp", "Gestopte nota" + ENTER)
    term.answer("Soort nota", DOWN + ENTER)
    term.answer("Van (namen", "DMM" + ENTER)
    term.answer("Datum van de nota", ENTER)
    term.answer("Welke kopvelden", ENTER)
    term.answer("Ondertekenaars (wie beslissen en tekenen) (0)", ENTER)
    term.answer("Afkorting", "M" + ENTER)
    term.answer("Functie", "Minister" + ENTER)
    term.answer("Naam van M (Minister) onder de brief", "A. Minister" + ENTER)
    term.answer("Ondertekenaars (wie beslissen en tekenen) (1)", DOWN * 2 + ENTER)  # past R (library)
    term.answer("Aan wie gaat de nota?", ENTER)
    term.answer("Aanleiding", "Iets." + SUBMIT)
    term.answer("Beslispunten (0)", ENTER)
    term.answer("Wie moet akkoord geven?", ENTER)
    term.answer("Beslispunt (waarmee", "akkoord te gaan met extra financiering;" + ENTER)
    term.answer("Heeft dit beslispunt opties", "j")
    term.answer("Opties (0)", ENTER)
    term.answer("Korte naam van de optie", "Geen extra middelen" + ENTER)
    term.answer("Samenvatting (", "binnen het budget" + ENTER)
    term.answer("Tekstsuggestie voor de Kamerbrief", stop)  # Ctrl-D in an empty text is end-of-file
    code, screen = term.finish()
    assert code == 130
    assert "Gestopt. Uw antwoorden staan in nota.yaml; ga verder met: notawriter new nota.yaml" in screen
    assert "Traceback" not in screen and "Afgebroken" not in screen
    nota = load_note(tmp_path / "nota.yaml")
    assert (nota.kop.type.value, nota.kop.aan, nota.beslispunten[0].key) == (
        "TER INFORMATIE",
        "M",
        "extra-financiering",
    )

    again = Terminal(tmp_path)
    again.answer("nota.yaml bestaat al. Wat wilt u doen?", ENTER)
    again.expect(
        "Verder waar u gebleven was: Beslispunt 1 'akkoord te gaan met extra financiering', "
        "optie 1 'Geen extra middelen': tekstsuggestie"
    )
    again.answer("Tekstsuggestie voor de Kamerbrief", "Geen extra geld." + SUBMIT)
    again.answer("Argumenten uit de bibliotheek", "\x03")
    code, screen = again.finish()
    assert code == 130
    assert load_note(tmp_path / "nota.yaml").beslispunten[0].opties[0].tekstsuggestie == "Geen extra geld."


def test_stopping_in_a_choice_menu_with_ctrl_d_keeps_the_answers(tmp_path: Path) -> None:
    term = Terminal(tmp_path)
    term.answer("Onderwerp", "Nota" + ENTER)
    term.answer("Soort nota", "\x04")
    code, screen = term.finish()
    assert code == 130 and "Traceback" not in screen
    assert load_note(tmp_path / "nota.yaml").kop.onderwerp == "Nota"


def test_a_closed_terminal_leaves_a_valid_note(tmp_path: Path) -> None:
    term = Terminal(tmp_path)
    term.answer("Onderwerp", "Nota" + ENTER)
    term.answer("Soort nota", DOWN + ENTER)
    term.expect("Van (namen")
    term.child.close(force=True)  # hangs up, as closing the terminal window does
    assert load_note(tmp_path / "nota.yaml").kop.type.value == "TER INFORMATIE"


def test_after_a_closed_terminal_new_continues_at_the_question_that_was_open(tmp_path: Path) -> None:
    term = Terminal(tmp_path)
    term.answer("Onderwerp", "Nota" + ENTER)
    term.answer("Soort nota", ENTER)
    term.answer("Van (namen", ENTER)  # optional: left empty, which the note alone cannot tell from unasked
    term.expect("Datum van de nota")
    term.child.close(force=True)  # hangs up: no Ctrl-C handling runs
    assert (tmp_path / ".nota.yaml.wizard").is_file()  # where it was, recorded before the question

    again = Terminal(tmp_path)
    again.answer("nota.yaml bestaat al. Wat wilt u doen?", ENTER)
    again.expect("Verder waar u gebleven was: Kop, datum")
    again.answer("Datum van de nota", "\x03")
    code, screen = again.finish()
    assert code == 130
    assert "Van (namen" not in "".join(again.transcript) + screen


def test_new_from_an_earlier_note_keeps_its_frame_and_clears_the_rest(tmp_path: Path) -> None:
    earlier = tmp_path / "vorige.yaml"
    earlier.write_text((FIXTURES / "volledige-nota.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    data = load_note(earlier)
    data.beslispunten[1].keuze = "overnemen"
    from notawriter.notefile import save_note

    save_note(earlier, data)
    term = Terminal(tmp_path, "nieuw.yaml", "--from", "vorige.yaml")
    term.expect("gebaseerd op vorige.yaml")
    term.answer("Onderwerp van de nieuwe nota", "Kabinetsreactie op het volgende rapport" + ENTER)
    term.answer("Soort nota", ENTER)
    term.answer("Van (namen", ENTER)  # kept: DMM
    term.answer("Datum van de nota", ENTER)  # cleared, so 'Vandaag' comes first
    term.answer("Welke kopvelden", ENTER)  # Kopie aan kept (ticked); referentie, Kamer, binnengekomen cleared
    term.answer("Kopie aan", ENTER)
    term.answer("Wat wilt u doen?", DOWN * 4 + ENTER)  # the review: stop, no documents
    code, screen = term.finish()
    assert code == 0, screen
    new, old = load_note(tmp_path / "nieuw.yaml"), load_note(earlier)
    assert new.kop.onderwerp == "Kabinetsreactie op het volgende rapport"
    assert new.kop.datum == dt.date.today()
    assert (new.kop.referentie, new.kop.kamer, new.kop.binnengekomen_op, new.kamerbrief.onderwerp) == (None,) * 4
    assert [p.keuze for p in new.beslispunten] == [None, None]
    assert (new.kop.aan, new.kop.van, new.kop.kopie_aan) == (old.kop.aan, old.kop.van, old.kop.kopie_aan)
    assert new.ondertekenaars == old.ondertekenaars and new.kamerbrief.afzender == old.kamerbrief.afzender
    assert [s.titel for s in new.secties] == [s.titel for s in old.secties]
    assert [p.ambtelijk_advies for p in new.beslispunten] == [p.ambtelijk_advies for p in old.beslispunten]


def test_new_from_refuses_an_existing_target(tmp_path: Path) -> None:
    (tmp_path / "vorige.yaml").write_text((FIXTURES / "korte-nota.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "nieuw.yaml").write_text("kop: {onderwerp: X}\n", encoding="utf-8")
    result = subprocess.run(
        [*command(), "new", "nieuw.yaml", "--from", "vorige.yaml"],
        cwd=tmp_path,
        env=env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert "nieuw.yaml bestaat al; --from begint een nieuwe nota" in result.stderr
    assert (tmp_path / "nieuw.yaml").read_text(encoding="utf-8") == "kop: {onderwerp: X}\n"


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
