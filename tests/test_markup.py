"""markup.py: the free-text markup parses into the blocks and runs the documents show."""

from notawriter.markup import Block, MotieRef, Redacted, Text, motion_refs, parse, plain_text


def test_blank_lines_separate_paragraphs_and_single_breaks_are_spaces() -> None:
    blocks = parse("Eerste regel\nloopt door.\n\nTweede alinea.")
    assert [b.plain for b in blocks] == ["Eerste regel loopt door.", "Tweede alinea."]
    assert all(b.level == 0 for b in blocks)


def test_bullets_with_one_nested_level() -> None:
    blocks = parse("Inleiding:\n- een\n  - genest\n  dat doorloopt\n- twee")
    assert [(b.level, b.plain) for b in blocks] == [(0, "Inleiding:"), (1, "een"), (2, "genest dat doorloopt"), (1, "twee")]


def test_bold_italic_and_nesting() -> None:
    (block,) = parse("**vet** en *cursief* en **vet met *cursief* erin**")
    assert block.runs == (
        Text("vet", bold=True),
        Text(" en "),
        Text("cursief", italic=True),
        Text(" en "),
        Text("vet met ", bold=True),
        Text("cursief", bold=True, italic=True),
        Text(" erin", bold=True),
    )


def test_motion_reference_and_redaction() -> None:
    (block,) = parse("Zie [motie:boomsma-24], opgesteld door [[5.1.2e:Jan Jansen]].")
    assert MotieRef("boomsma-24") in block.runs
    assert Redacted("5.1.2e", "Jan Jansen") in block.runs
    assert motion_refs("a [motie:x] b [motie:y]") == ["x", "y"]


def test_unpaired_markers_and_escapes_stay_literal() -> None:
    assert plain_text("3 * 4 = 12 en een [haakje") == "3 * 4 = 12 en een [haakje"
    assert plain_text(r"\*geen cursief\* en \[motie:x]") == "*geen cursief* en [motie:x]"
    assert motion_refs(r"\[motie:x]") == []


def test_template_syntax_is_plain_text() -> None:
    text = "{{ kop.onderwerp }} {% for x in y %} <w:p> &amp;"
    assert plain_text(text) == text


def test_empty_text_has_no_blocks() -> None:
    assert parse("") == () and parse(None) == () and parse("\n\n  \n") == ()
    assert isinstance(parse("x")[0], Block)


def test_a_footnote_mark_attaches_to_the_word_before_it() -> None:
    (block,) = parse("de motie [motie:m] over migratie")
    assert block.runs == (Text("de motie"), MotieRef("m"), Text(" over migratie"))


def test_any_double_bracket_mark_withholds_its_text_even_with_a_mistyped_ground() -> None:
    from notawriter.markup import unknown_grounds, without_redactions

    text = "Met [[51.2e:Jan Jansen]], [[ 5.1.2e : Piet Klaas ]] en [[5.1.2:Ans Smit]]."
    assert redacted(text) == [("51.2e", "Jan Jansen"), ("5.1.2e", "Piet Klaas"), ("5.1.2", "Ans Smit")]
    assert unknown_grounds(text) == ["51.2e", "5.1.2"]
    assert without_redactions(text) == "Met ,  en ."
    # not a mark: no ground, nothing after the colon, or escaped
    assert redacted("[[Jan Jansen]] [[:x]] \\[[5.1.2e:y]]") == []


def test_known_woo_grounds_are_not_reported() -> None:
    from notawriter.markup import WOO_GROUNDS, unknown_grounds

    assert unknown_grounds(" ".join(f"[[{ground}:x]]" for ground in WOO_GROUNDS)) == []


def redacted(text: str) -> list[tuple[str, str]]:
    return [(r.ground, r.text) for block in parse(text) for r in block.runs if isinstance(r, Redacted)]


def test_a_name_inside_a_mark_is_recorded_without_its_format() -> None:
    assert redacted("[[5.1.2e:**Jan Jansen**]]") == [("5.1.2e", "Jan Jansen")]
