"""The kamervragen part of the wizard: one answer per imported question, joint answers, resuming."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from notawriter.cli import main
from notawriter.errors import Interrupted
from notawriter.kamervragen.model import KamervragenNota
from notawriter.notefile import load_note
from notawriter.wizard import kamervragen as wizard
from notawriter.wizard.questions import Question

FIXTURES = Path(__file__).parent / "fixtures" / "kamervragen"


class Scripted:
    """Answers by question name; records what was asked, with its default, and what was said."""

    def __init__(self, answers: dict[str, Any]) -> None:
        self.answers = answers
        self.asked: list[tuple[str, Any]] = []
        self.said: list[str] = []

    def ask(self, question: Question) -> Any:
        self.asked.append((question.name, question.default))
        answer = self.answers.get(question.name, question.default)
        if answer is Interrupted:
            raise Interrupted("gestopt")
        if question.kind == "select":
            assert answer in [c.value for c in question.choices], (question.name, answer)
        return answer(question) if isinstance(answer, Callable) else answer  # type: ignore[arg-type]

    def say(self, text: str) -> None:
        self.said.append(text)


def test_new_imports_the_questions_and_asks_one_answer_each(tmp_path: Path) -> None:
    note = tmp_path / "kv.yaml"
    asker = Scripted(
        {
            "antwoorden#1.tekst": "Ja.",
            "antwoorden#2": wizard.WITH_PREVIOUS,
            "antwoorden#2.tekst": "Ja, zie hierboven; samen beantwoord.",
            "antwoorden#3": wizard.SKIP,
        }
    )
    assert wizard.run(note, asker, source=str(FIXTURES / "layout-kaal.txt")) == 0
    nota = load_note(note)
    assert isinstance(nota, KamervragenNota)
    assert [(a.vragen, a.tekst) for a in nota.antwoorden] == [([1, 2], "Ja, zie hierboven; samen beantwoord.")]
    assert [name for name, _ in asker.asked] == ["antwoorden#1", "antwoorden#1.tekst", "antwoorden#2", "antwoorden#2.tekst", "antwoorden#3"]
    assert ("antwoorden#2.tekst", "Ja.") in asker.asked  # the joint answer starts from the answer to 1
    assert any("Vraag 3 (3 van 3)" in s and "Wanneer verwacht u" in s for s in asker.said)
    assert "Klaar: 2 van de 3 vragen beantwoord (open: 3)" in asker.said[-1]


def test_edit_offers_the_joint_answer_and_can_split_it(tmp_path: Path) -> None:
    note = tmp_path / "kv.yaml"
    wizard.run(note, Scripted({"antwoorden#1.tekst": "Samen.", "antwoorden#2": wizard.WITH_PREVIOUS}), source=str(FIXTURES / "layout-kaal.txt"))
    asker = Scripted({"antwoorden#2": wizard.ANSWER, "antwoorden#2.tekst": "Apart.", "antwoorden#3.tekst": "Drie."})
    assert wizard.run(note, asker, new=False) == 0
    assert ("antwoorden#2", wizard.WITH_PREVIOUS) in asker.asked  # the current state is the default
    nota = load_note(note)
    assert isinstance(nota, KamervragenNota)
    assert [(a.vragen, a.tekst) for a in nota.antwoorden] == [([1], "Samen."), ([2], "Apart."), ([3], "Drie.")]


def test_stopping_keeps_the_answers_given(tmp_path: Path) -> None:
    note = tmp_path / "kv.yaml"
    asker = Scripted({"antwoorden#1.tekst": "Eerste.", "antwoorden#2.tekst": Interrupted})
    assert wizard.run(note, asker, source=str(FIXTURES / "layout-vraag.txt")) == 130
    nota = load_note(note)
    assert isinstance(nota, KamervragenNota)
    assert [(a.vragen, a.tekst) for a in nota.antwoorden] == [([1], "Eerste.")]
    assert "notawriter edit" in asker.said[-1] and "--section antwoorden" in asker.said[-1]


def test_edit_of_another_section_of_a_kamervragen_note_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    note = tmp_path / "kv.yaml"
    wizard.run(note, Scripted({}), source=str(FIXTURES / "layout-vraag.txt"))
    assert main(["edit", str(note), "--section", "kop"]) == 2
    assert "alleen het onderdeel 'antwoorden'" in capsys.readouterr().err


def test_new_with_an_unknown_soort_names_the_one_meant(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", str(tmp_path / "x.yaml"), "--soort", "kamervraag"]) == 2
    assert "bedoelde u 'kamervragen'?" in capsys.readouterr().err


def test_new_on_an_existing_kamervragen_note_continues_its_answers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    note = tmp_path / "kv.yaml"
    wizard.run(note, Scripted({"antwoorden#1": wizard.SKIP, "antwoorden#2": wizard.SKIP, "antwoorden#3": wizard.SKIP}), source=str(FIXTURES / "layout-vraag.txt"))
    asker = Scripted({"antwoorden#1.tekst": "Ja.", "antwoorden#2": wizard.SKIP, "antwoorden#3": wizard.SKIP})
    monkeypatch.setattr("notawriter.wizard._terminal_asker", lambda command, path: asker)
    assert main(["new", str(note)]) == 0  # no --soort: the file says it is kamervragen
    nota = load_note(note)
    assert isinstance(nota, KamervragenNota)
    assert [(a.vragen, a.tekst) for a in nota.antwoorden] == [([1], "Ja.")]
