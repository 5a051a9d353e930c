"""The view package: the document decisions, tested as plain data without Word."""

import pytest

from notawriter.errors import NotaError
from notawriter.model import Appreciatie, Motie, Nota
from notawriter.view import (
    Redactor,
    aanbevelingen_summary,
    approval_intro,
    bijlage_rows,
    kamerbrief_context,
    kamerstuk,
    motion_citation,
    nota_context,
)
from notawriter.woo import unwrap


def nota(**extra) -> Nota:
    base = {
        "kop": {"onderwerp": "X", "van": "Jan Jansen", "opgesteld_door": "Piet Pieters"},
        "ondertekenaars": [{"afkorting": "M", "titel": "Minister van BZ", "naam": "A"}, {"afkorting": "R", "titel": "Minister voor BHO", "naam": "B"}],
    }
    return Nota.model_validate({**base, **extra})


def motie(**fields) -> Motie:
    return Motie.model_validate({"key": "m", "dossier": "36600", "toevoeging": "XX", "volgnummer": 24, **fields})


@pytest.mark.parametrize(
    "indieners,fracties,expected",
    [
        ([{"naam": "Boomsma"}], [], "motie-Boomsma (Kamerstuk 36 600 XX, nr. 24)"),
        ([{"naam": "Boomsma"}, {"naam": "Van Dijk"}], [], "motie-Boomsma/Van Dijk (Kamerstuk 36 600 XX, nr. 24)"),
        ([{"naam": "Boomsma"}], ["SGP"], "motie-Boomsma c.s. (Kamerstuk 36 600 XX, nr. 24)"),
        ([{"naam": "A"}, {"naam": "B"}, {"naam": "C"}], [], "motie-A c.s. (Kamerstuk 36 600 XX, nr. 24)"),
    ],
)
def test_motion_citations_follow_parliamentary_style(indieners, fracties, expected) -> None:
    assert motion_citation(motie(indieners=indieners, medeindienende_fracties=fracties)) == expected


def test_numbered_toevoeging_is_joined_with_a_hyphen() -> None:
    assert kamerstuk(motie(dossier="21501", toevoeging="02", volgnummer=7)) == "Kamerstuk 21 501-02, nr. 7"


def test_approval_intros() -> None:
    assert approval_intro(["M"]) == "Uw akkoord (M) met:"
    assert approval_intro(["M", "R"]) == "Uw beider akkoord (M+R) met:"
    assert approval_intro(["M", "R", "S"]) == "Uw aller akkoord (M+R+S) met:"


def test_decision_points_grouped_in_first_seen_order() -> None:
    n = nota(beslispunten=[
        {"akkoord": ["M", "R"], "tekst": "een"}, {"akkoord": ["M"], "tekst": "twee"}, {"akkoord": ["M", "R"], "tekst": "drie"},
    ])
    assert nota_context(n)["besluit"].plain() == ["Uw beider akkoord (M+R) met:", "een", "drie", "Uw akkoord (M) met:", "twee"]


def test_choose_with_unknown_option_is_a_clear_error() -> None:
    n = nota(beslispunten=[{"key": "a", "akkoord": ["M"], "opties": [{"key": "x"}, {"key": "y"}]}])
    with pytest.raises(NotaError, match="optie 'z' bestaat niet; kies uit: x, y"):
        kamerbrief_context(n, {"a": "z"})
    with pytest.raises(NotaError, match="beslispunt 'b' bestaat niet"):
        kamerbrief_context(n, {"b": "x"})


def test_unplaced_decision_points_still_reach_the_letter() -> None:
    n = nota(beslispunten=[{"key": "a", "akkoord": ["M"], "tekst": "Keuze over a",
                            "opties": [{"key": "x", "tekstsuggestie": "Tekst X"}, {"key": "y", "tekstsuggestie": "Tekst Y"}]}])
    assert "Tekst X" in kamerbrief_context(n)["secties"].plain()
    assert kamerbrief_context(n, {"a": "y"})["secties"].plain() == ["Keuze over a", "Tekst Y"]


@pytest.mark.parametrize("keuze", [None, "y"])
def test_an_option_without_text_leaves_a_visible_place_in_the_letter_also_once_chosen(keuze: str | None) -> None:
    n = nota(beslispunten=[{"key": "a", "akkoord": ["M"], "tekst": "Keuze over a", "keuze": keuze,
                            "opties": [{"key": "x", "tekstsuggestie": "Tekst X"}, {"key": "y"}]}])
    assert "[Tekstsuggestie nog in te vullen]" in kamerbrief_context(n)["secties"].plain()


def test_public_redactor_replaces_personal_fields_and_marked_spans() -> None:
    n = nota(aanleiding="Besproken met [[5.1.2e:Klaas Vaak]] en [[5.1.2a:land Z]].")
    # (the black-box look shows the code; the text is wrapped for its styling until the package is made)
    red = Redactor(openbaar=True, lakstijl="zwart")
    context = nota_context(n, redactor=red)
    assert unwrap(context["kop"]["van"]) == "5.1.2e" and unwrap(context["kop"]["opgesteld_door"]) == "5.1.2e"
    assert [unwrap(p) for p in context["aanleiding"].plain()] == ["Besproken met 5.1.2e en 5.1.2a."]
    assert {"Klaas Vaak", "land Z", "Jan Jansen", "Piet Pieters"} <= set(red.values)
    internal = nota_context(n)
    assert internal["aanleiding"].plain() == ["Besproken met Klaas Vaak en land Z."]


def test_recommendation_summary_counts_each_appreciation() -> None:
    n = nota(aanbevelingen=[
        {"nummer": "1", "tekst": "a", "appreciatie": "overnemen"},
        {"nummer": "2", "tekst": "b", "appreciatie": "overnemen"},
        {"nummer": "3", "tekst": "c", "appreciatie": "deels overnemen"},
        {"nummer": "4", "tekst": "d", "appreciatie": "niet overnemen"},
        {"nummer": "5", "tekst": "e", "appreciatie": "staand beleid"},
        {"nummer": "6", "tekst": "f"},
    ])
    assert aanbevelingen_summary(n.aanbevelingen) == (
        "Van de 6 aanbevelingen neemt het kabinet er 2 over, 1 deels en 1 niet; "
        "1 sluiten aan bij staand beleid en over 1 moet nog worden besloten."
    )
    assert n.aanbevelingen[5].appreciatie == Appreciatie.OPEN


def test_recommendations_walk_through_the_letter_with_placeholders() -> None:
    n = nota(aanbevelingen=[
        {"nummer": "1a", "groep": "Beleid", "tekst": "Doe A.", "appreciatie": "overnemen", "reactie": "Het kabinet doet A."},
        {"nummer": "1b", "groep": "Beleid", "tekst": "Doe B."},
    ])
    assert kamerbrief_context(n)["aanbevelingen"].plain() == [
        "Beleid", "Aanbeveling 1a: Doe A.", "Het kabinet doet A.", "Aanbeveling 1b: Doe B.", "[Reactie van het kabinet nog in te vullen]",
    ]
    rows = bijlage_rows(n)
    assert [(r["nummer"], r["appreciatie"]) for r in rows] == [("1a", "overnemen"), ("1b", "nog te bepalen")]


def test_recommendations_keep_the_reports_order_when_only_some_have_a_theme() -> None:
    n = nota(aanbevelingen=[
        {"nummer": "1", "tekst": "Een."},
        {"nummer": "2a", "groep": "Thema", "tekst": "Twee a."},
        {"nummer": "2b", "groep": "Thema", "tekst": "Twee b."},
        {"nummer": "3", "tekst": "Drie."},
    ])
    lines = [line for line in kamerbrief_context(n)["aanbevelingen"].plain() if not line.startswith("[")]
    assert lines == ["Aanbeveling 1: Een.", "Thema", "Aanbeveling 2a: Twee a.", "Aanbeveling 2b: Twee b.", "Aanbeveling 3: Drie."]


def test_a_choose_preview_is_marked_as_a_preview_not_a_decision() -> None:
    n = nota(beslispunten=[{"key": "a", "akkoord": ["M"], "tekst": "Keuze", "opties": [{"key": "x", "label": "X"}, {"key": "y", "label": "Y"}]}])
    preview = nota_context(n, {"a": "y"})["besluit"].plain()
    assert "Optie B – Y (voorbeeld van een keuze)" in preview
    n.beslispunten[0].keuze = "y"
    assert "Optie B – Y (gekozen)" in nota_context(n)["besluit"].plain()


def _open_recommendation_with_a_decision_point(keuze: str | None) -> Nota:
    return nota(
        beslispunten=[{"key": "aanbeveling-2", "akkoord": ["M"], "tekst": "Aanbeveling 2", "keuze": keuze, "opties": [
            {"key": "overnemen", "tekstsuggestie": "Het kabinet neemt aanbeveling 2 over."},
            {"key": "niet-overnemen", "tekstsuggestie": "Het kabinet neemt aanbeveling 2 niet over."},
            {"key": "pilot", "label": "Eerst een pilot", "tekstsuggestie": "Het kabinet start een pilot."},
        ]}],
        aanbevelingen=[
            {"nummer": "1", "tekst": "Doe A.", "appreciatie": "overnemen", "reactie": "Het kabinet doet A."},
            {"nummer": "2", "tekst": "Doe B.", "beslispunt": "aanbeveling-2"},
        ],
    )


def test_a_chosen_option_settles_its_recommendation_in_the_nota_and_the_bijlage() -> None:
    from notawriter.view import bijlage_context

    n = _open_recommendation_with_a_decision_point("niet-overnemen")
    kernpunten = nota_context(n)["kernpunten_aanbevelingen"].plain()
    assert kernpunten[0] == "Van de 2 aanbevelingen neemt het kabinet er 1 over, 0 deels en 1 niet."
    assert kernpunten[2].startswith("Aanbeveling 2 (niet overnemen): ")
    rows = bijlage_context(n)["rijen"]
    assert rows[1]["appreciatie"] == "niet overnemen"
    assert rows[1]["reactie"].plain() == ["Het kabinet neemt aanbeveling 2 niet over."]


def test_an_open_or_previewed_choice_shows_in_every_document_alike() -> None:
    from notawriter.view import bijlage_context

    n = _open_recommendation_with_a_decision_point(None)
    assert "over 1 moet nog worden besloten" in nota_context(n)["kernpunten_aanbevelingen"].plain()[0]
    preview = {"aanbeveling-2": "pilot"}  # an option of the note's own: its label, counted apart
    assert "over 1 is met een eigen optie besloten" in nota_context(n, preview)["kernpunten_aanbevelingen"].plain()[0]
    assert bijlage_context(n, choose=preview)["rijen"][1]["appreciatie"] == "Eerst een pilot"


def test_generated_leeswijzer_ends_every_item_with_a_semicolon_and_the_last_with_a_full_stop() -> None:
    from notawriter.view.nota import leeswijzer_flow

    note = nota(secties=[{"titel": "Achtergrond", "tekst": "A."}, {"titel": "Termijn", "tekst": "B."}])
    assert leeswijzer_flow(note, has_options=False, has_aanbevelingen=True).plain() == [
        "Deze nota schetst:",
        "De kernpunten van de kabinetsreactie per aanbeveling;",
        "Achtergrond;",
        "Termijn.",
    ]


def test_a_recommendations_sub_points_stay_bullets_in_nota_and_kamerbrief() -> None:
    from notawriter.view.aanbevelingen import aanbevelingen_brief_flow, kernpunten_aanbevelingen_flow

    tekst = "Stuur de ambassades aan. Opties zijn onder meer:\n- een handboek;\n- heldere instructies."
    note = nota(aanbevelingen=[{"nummer": "1a", "tekst": tekst}])
    kern = kernpunten_aanbevelingen_flow(note)
    assert [(p.role, t) for p, t in zip(kern.paras, kern.plain(), strict=True)][1:] == [
        ("bullet1", "Aanbeveling 1a (nog te bepalen): Stuur de ambassades aan. Opties zijn onder meer:"),
        ("bullet2", "een handboek;"),
        ("bullet2", "heldere instructies."),
    ]
    brief = aanbevelingen_brief_flow(note, {})
    assert [(p.role, t) for p, t in zip(brief.paras, brief.plain(), strict=True)][:3] == [
        ("body", "Aanbeveling 1a: Stuur de ambassades aan. Opties zijn onder meer:"),
        ("bullet1", "een handboek;"),
        ("bullet1", "heldere instructies."),
    ]
    assert all(r.italic for p in brief.paras[1:3] for r in p.runs)
