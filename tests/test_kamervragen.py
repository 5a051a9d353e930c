"""Genre kamervragen: the three documents of the bundled example, the uitstelbericht, the deadline
check and the model's rules. The example re-enters the public answers to 2025Z04931."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from notawriter.cli import main
from notawriter.errors import NotaError
from notawriter.kamervragen.model import KamervragenNota
from notawriter.kamervragen.view import leden, with_article
from notawriter.lint import check_note
from notawriter.model import Indiener, Nota
from notawriter.notefile import load_note
from notawriter.render import render_note
from tests.helpers import body_paragraphs, docx_text, footnote_references, footnotes, normalise

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "kamervragen-iob.yaml"


@pytest.fixture
def note(tmp_path: Path) -> Path:
    target = tmp_path / "kv.yaml"
    shutil.copy(EXAMPLE, target)
    return target


def edited(path: Path, change: Any) -> Path:
    yaml = YAML()
    data = yaml.load(path.read_text(encoding="utf-8"))
    change(data)
    with path.open("w", encoding="utf-8") as fh:
        yaml.dump(data, fh)
    return path


@pytest.fixture
def rendered(note: Path, tmp_path: Path) -> dict[str, Path]:
    out = tmp_path / "uit"
    report = render_note(note, out_dir=out)
    return {p.stem.removeprefix("kv-"): p for p in report.written}


def test_the_example_loads_as_a_kamervragen_note() -> None:
    nota = load_note(EXAMPLE)
    assert isinstance(nota, KamervragenNota)
    assert [v.nummer for v in nota.vragen] == list(range(1, 12))
    assert nota.termijn() == dt.date(2025, 4, 10)  # three weeks after 20 March


def test_the_example_renders_the_three_documents(rendered: dict[str, Path]) -> None:
    assert sorted(rendered) == ["aanbiedingsbrief", "antwoorden", "nota"]


def test_answers_document_holds_every_question_in_order_with_its_answer(rendered: dict[str, Path]) -> None:
    paragraphs = [normalise(p) for p in body_paragraphs(rendered["antwoorden"]) if p.strip()]
    labels = [p for p in paragraphs if p.startswith("Vraag ") or p == "Antwoord" or p.startswith("Antwoord op vraag")]
    expected: list[str] = []
    for n in range(1, 12):
        expected.append(f"Vraag {n}")
        if n == 5:
            continue
        expected.append("Antwoord op vraag 5 en 6" if n == 6 else "Antwoord")
    assert labels == expected
    assert paragraphs[0].startswith(
        "Antwoorden van de minister voor Buitenlandse Handel en Ontwikkelingshulp, mede namens de minister van "
        "Financiën, op vragen van de leden Hirsch en Piri (beiden GL-PvdA) over de IOB-evaluatie"
    )
    after_11 = paragraphs[paragraphs.index("Vraag 11") :]
    assert after_11[1].startswith("Wanneer verwacht u de kabinetsreactie")
    assert after_11[3] == "De kabinetsreactie is op 21 maart jl. met uw Kamer gedeeld."


def test_joint_answer_heading_appears_once(rendered: dict[str, Path]) -> None:
    text = docx_text(rendered["antwoorden"])
    assert text.count("Antwoord op vraag 5 en 6") == 1


def test_answers_footnotes_are_real_footnotes(rendered: dict[str, Path]) -> None:
    notes = footnotes(rendered["antwoorden"])
    assert list(notes.values()) == [
        "De mensenrechten due diligence van ADSB is gebaseerd op de United Nations Guiding Principles on Business and "
        "Human Rights (UNGPs).",
        "Kamerstuk 32 735 nr. 403",
        "Kamerstukken II 2021-22, 26 485 nr. 380.",
        "Voor de ekv zijn de OESO Common Approaches leidend op het terrein van standaarden voor transparantie.",
    ]
    assert footnote_references(rendered["antwoorden"]) == sorted(notes)
    assert "[voetnoot" not in docx_text(rendered["antwoorden"])


def test_covering_letter_cites_kenmerk_and_ingezonden_date(rendered: dict[str, Path]) -> None:
    text = normalise(docx_text(rendered["aanbiedingsbrief"]))
    assert (
        "Hierbij bied ik u, mede namens de minister van Financiën, de antwoorden aan op de schriftelijke vragen "
        "gesteld door de leden Hirsch en Piri (beiden GL-PvdA) over de IOB-evaluatie van het Nederlandse "
        "mensenrechtenbeleid. Deze vragen werden ingezonden op 20 maart 2025 met kenmerk 2025Z04931."
    ) in text
    assert "De Voorzitter van de Tweede Kamer" in text
    assert "Reinette Klever" in text


def test_nota_asks_the_minister_to_sign_with_contributors_and_deadline(rendered: dict[str, Path]) -> None:
    text = normalise(docx_text(rendered["nota"]))
    assert "TER ONDERTEKENING" in text
    assert "Uw akkoord (BHO) met:" in text
    assert "Ondertekening van bijgaande antwoorden op de schriftelijke vragen" in text
    assert "Ministerie van Financiën (exportkredietverzekeringen)" in text
    assert "De antwoorden moeten uiterlijk 10 april 2025 bij de Tweede Kamer zijn" in text


def test_public_version_redacts_the_officials(note: Path, tmp_path: Path) -> None:
    report = render_note(note, out_dir=tmp_path / "uit", openbaar=True)
    public = {p.name for p in report.written if "openbaar" in p.name}
    assert "kv-nota-openbaar.docx" in public
    assert "J. de Vries" in docx_text(tmp_path / "uit" / "kv-nota.docx")
    assert "J. de Vries" not in docx_text(tmp_path / "uit" / "kv-nota-openbaar.docx")


# --- uitstelbericht ---------------------------------------------------------------------------


def _with_uitstel(data: Any) -> None:
    data["uitstel"] = {"reden": "Voor de beantwoording is afstemming met het ministerie van Financiën nodig.", "verwachte_datum": "2025-05-01"}


def test_uitstel_renders_the_uitstelbericht(note: Path, tmp_path: Path) -> None:
    edited(note, _with_uitstel)
    report = render_note(note, out_dir=tmp_path / "uit")
    letter = tmp_path / "uit" / "kv-uitstelbericht.docx"
    assert letter in report.written
    text = normalise(docx_text(letter))
    assert "Uitstel beantwoording vragen van de leden Hirsch en Piri" in text
    assert "niet binnen de gebruikelijke termijn van drie weken kunnen worden beantwoord" in text
    assert "Deze vragen werden ingezonden op 20 maart 2025 met kenmerk 2025Z04931." in text
    assert "afstemming met het ministerie van Financiën nodig" in text
    assert "Ik streef ernaar de vragen uiterlijk 1 mei 2025 te beantwoorden." in text
    assert "Ondertekening van het uitstelbericht" in docx_text(tmp_path / "uit" / "kv-nota.docx")


def test_without_uitstel_an_old_uitstelbericht_is_pointed_out(note: Path, tmp_path: Path) -> None:
    edited(note, _with_uitstel)
    render_note(note, out_dir=tmp_path / "uit")
    edited(note, lambda d: d.pop("uitstel"))
    report = render_note(note, out_dir=tmp_path / "uit")
    assert not any(p.name == "kv-uitstelbericht.docx" for p in report.written)
    assert any("kv-uitstelbericht.docx: hoort niet meer bij deze nota (geen uitstel gevraagd)" in w for w in report.warnings)


# --- deadline ---------------------------------------------------------------------------------


def _deadline(note: Path, today: dt.date) -> list[tuple[str, str, str]]:
    return [(f.severity, f.path, f.message) for f in check_note(note, today=today) if f.path in ("ingezonden", "deadline", "uitstel.verwachte_datum")]


def test_check_reports_the_days_left_without_warning_when_there_is_time(note: Path) -> None:
    # ingezonden Thursday 20 March 2025: due Thursday 10 April. On 24 March: 17 days, 13 working days.
    assert _deadline(note, dt.date(2025, 3, 24)) == [
        ("info", "ingezonden", "nog 17 dagen (13 werkdagen) tot de termijn van drie weken na indiening: 10 april 2025")
    ]


@pytest.mark.parametrize(("today", "left"), [(dt.date(2025, 4, 3), 5), (dt.date(2025, 4, 9), 1), (dt.date(2025, 4, 10), 0)])
def test_check_warns_at_five_working_days_or_fewer(note: Path, today: dt.date, left: int) -> None:
    ((severity, _, message),) = _deadline(note, today)
    assert severity == "waarschuwing"
    assert f"({left} werkdag" in message and "vraag dan uitstel" in message


def test_six_working_days_is_not_yet_a_warning(note: Path) -> None:
    ((severity, _, _),) = _deadline(note, dt.date(2025, 4, 2))
    assert severity == "info"


def test_a_passed_deadline_advises_an_uitstelbericht(note: Path) -> None:
    ((severity, _, message),) = _deadline(note, dt.date(2025, 4, 14))
    assert severity == "waarschuwing"
    assert "is 4 dagen verstreken" in message and "uitstel:" in message


def test_after_uitstel_the_expected_date_counts(note: Path) -> None:
    edited(note, _with_uitstel)
    assert _deadline(note, dt.date(2025, 4, 14)) == [
        ("info", "uitstel.verwachte_datum", "nog 17 dagen (12 werkdagen) tot de verwachte datum uit het uitstelbericht: 1 mei 2025")  # Easter Monday off
    ]


def test_an_explicit_deadline_replaces_the_three_weeks(note: Path) -> None:
    edited(note, lambda d: d.insert(len(d) - 1, "deadline", dt.date(2025, 4, 4)))
    ((severity, path, message),) = _deadline(note, dt.date(2025, 4, 1))
    assert (severity, path) == ("waarschuwing", "deadline")
    assert "4 april 2025" in message


def test_a_dated_letter_has_no_deadline_findings(note: Path) -> None:
    edited(note, lambda d: d["kamerbrief"].insert(0, "datum", dt.date(2025, 4, 4)))
    assert _deadline(note, dt.date(2025, 6, 1)) == []


def test_an_archived_note_has_no_deadline_findings(note: Path) -> None:
    """The shipped example checks clean forever: a note dated over a year ago is archived, like a beslisnota."""
    assert _deadline(note, dt.date(2026, 4, 6)) == []
    assert _deadline(note, dt.date(2040, 1, 1)) == []


def test_check_exits_zero_with_only_the_days_left(note: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def current(d: Any) -> None:
        d.insert(len(d) - 1, "deadline", dt.date.today() + dt.timedelta(days=60))
        d["kop"]["datum"] = dt.date.today()

    edited(note, current)
    assert main(["check", str(note)]) == 0
    out = capsys.readouterr().out
    assert "info  deadline" in out and "nog 60 dagen" in out
    assert out.strip().endswith("0 fout(en), 0 waarschuwing(en)")


# --- model ------------------------------------------------------------------------------------


def _kv(**extra: Any) -> dict[str, Any]:
    return {"soort": "kamervragen", "kop": {"onderwerp": "x"}, "vragen": [{"nummer": 1}, {"nummer": 2}], **extra}


def test_an_answer_to_a_question_that_does_not_exist_is_refused(tmp_path: Path) -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError, match="vraag 3 bestaat niet; toegestaan: 1, 2"):
        KamervragenNota.model_validate(_kv(antwoorden=[{"vragen": [3]}]))


def test_a_question_answered_twice_is_refused() -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError, match=r"vraag 2 wordt al beantwoord in antwoorden\[0\]"):
        KamervragenNota.model_validate(_kv(antwoorden=[{"vragen": [1, 2]}, {"vragen": [2]}]))


def test_a_note_without_soort_is_a_beslisnota(tmp_path: Path) -> None:
    path = tmp_path / "n.yaml"
    path.write_text("kop:\n  onderwerp: x\n", encoding="utf-8")
    nota = load_note(path)
    assert type(nota) is Nota


def test_an_unknown_soort_names_the_one_meant(tmp_path: Path) -> None:
    path = tmp_path / "n.yaml"
    path.write_text("soort: kamervraag\nkop:\n  onderwerp: x\n", encoding="utf-8")
    with pytest.raises(NotaError, match=r"regel 1, veld 'soort': soort 'kamervraag' bestaat niet; bedoelde u 'kamervragen'\?"):
        load_note(path)


def test_a_kamervragen_note_has_no_decision_points(tmp_path: Path) -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError, match="beslispunten: hoort niet bij soort kamervragen"):
        KamervragenNota.model_validate(_kv(beslispunten=[{"tekst": "x"}]))


@pytest.mark.parametrize(
    ("members", "phrase"),
    [
        ([("Hirsch", "GL-PvdA")], "het lid Hirsch (GL-PvdA)"),
        ([("Hirsch", "GL-PvdA"), ("Piri", "GL-PvdA")], "de leden Hirsch en Piri (beiden GL-PvdA)"),
        ([("A", "X"), ("B", "X"), ("C", "X")], "de leden A, B en C (allen X)"),
        ([("Hirsch", "GL-PvdA"), ("Van der Plas", "BBB")], "de leden Hirsch (GL-PvdA) en Van der Plas (BBB)"),
    ],
)
def test_members_are_named_as_the_kamer_does(members: list[tuple[str, str]], phrase: str) -> None:
    assert leden([Indiener(naam=n, fractie=f) for n, f in members]) == phrase


def test_a_minister_in_running_text_gets_an_article_and_lower_case() -> None:
    assert with_article("Minister van Financiën") == "de minister van Financiën"
    assert with_article("de staatssecretaris van Buitenlandse Zaken") == "de staatssecretaris van Buitenlandse Zaken"


def test_diff_compares_the_answers(note: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    other = edited(Path(shutil.copy(note, tmp_path / "ander.yaml")), lambda d: d["antwoorden"][-1].update(tekst="Binnenkort."))
    assert main(["diff", str(note), str(other)]) == 0
    out = capsys.readouterr().out
    assert "-De kabinetsreactie is op 21 maart jl. met uw Kamer gedeeld." in out
    assert "+Binnenkort." in out


def test_set_knows_the_kamervragen_fields(note: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["set", str(note), "uitstel.reden=Afstemming nodig.", "uitstel.verwachte_datum=1-5-2025"]) == 0
    nota = load_note(note)
    assert isinstance(nota, KamervragenNota) and nota.uitstel is not None
    assert (nota.uitstel.reden, nota.uitstel.verwachte_datum) == ("Afstemming nodig.", dt.date(2025, 5, 1))
    assert main(["set", str(note), "kenmerk=2025X1"]) == 2
    assert "kenmerk" in capsys.readouterr().err


@pytest.mark.parametrize("value", ["5", "[kamervragen]", "{a: b}"])
def test_a_soort_that_is_no_text_is_named(tmp_path: Path, value: str, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "n.yaml"
    path.write_text(f"soort: {value}\nkop:\n  onderwerp: x\n", encoding="utf-8")
    assert main(["check", str(path)]) == 2
    assert "fout  soort (regel 1): soort moet tekst zijn" in capsys.readouterr().out


def test_mede_namens_follows_from_the_addressees_when_not_given(note: Path, tmp_path: Path) -> None:
    edited(note, lambda d: d.pop("mede_namens"))
    nota = load_note(note)
    assert isinstance(nota, KamervragenNota)
    from notawriter.kamervragen.view import mede_namens, titel

    assert mede_namens(nota) == ["minister van Financiën"]  # 'aan' minus the minister who signs
    assert titel(nota).startswith("Antwoorden van de minister voor Buitenlandse Handel en Ontwikkelingshulp, mede namens de minister van Financiën, op vragen")
    edited(note, lambda d: d.update(aan=["minister van Financiën"]))  # the signer is not addressed: nothing assumed
    assert mede_namens(load_note(note)) == []  # type: ignore[arg-type]


def test_working_days_leave_out_public_holidays() -> None:
    from notawriter.kamervragen.lint import holidays, working_days

    # Thursday 17 April 2025 → Tuesday 22 April: Friday 18 and Tuesday 22 (Easter Monday 21 is off)
    assert working_days(dt.date(2025, 4, 17), dt.date(2025, 4, 22)) == 2
    assert {dt.date(2025, 4, 21), dt.date(2025, 4, 26), dt.date(2025, 5, 29), dt.date(2025, 6, 9)} <= holidays(2025)
    assert dt.date(2026, 5, 5) not in holidays(2026)  # Bevrijdingsdag only every fifth year


def test_without_signatories_the_answers_come_from_the_addressed_minister(note: Path) -> None:
    from notawriter.kamervragen.view import titel

    def unsigned(d: Any) -> None:
        d["ondertekenaars"] = []
        d["kamerbrief"]["ondertekening"] = []
        d["mede_namens"] = []

    nota = load_note(edited(note, unsigned))
    assert isinstance(nota, KamervragenNota)
    assert titel(nota).startswith(
        "Antwoorden van de minister voor Buitenlandse Handel en Ontwikkelingshulp, mede namens de minister van Financiën, op vragen"
    )
