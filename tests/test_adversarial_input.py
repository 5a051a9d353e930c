"""Adversarial suite, reading side: hostile and careless input never crashes, hangs or prints raw.

One test per crash class of issue 13 (impossible dates in every command, nesting deep enough to
overflow a parser's stack, huge numbers, `volgnummer: true`, devices and FIFOs, a template linked
to /dev/zero, `watch` after any error) and per message class (control and escape characters shown
escaped, lone surrogates, `.inf`, non-string keys, «Titel» is not a placeholder). Generated cases
(hypothesis) check that the nesting estimate never counts too low and that no typed value makes
`set` crash or echo a control character. Every refusal: exit 2, one Dutch line, no traceback.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from notawriter import limits
from notawriter.cli import main
from notawriter.lint import is_placeholder

CORPUS = Path(__file__).parent / "corpus"
VALID = (CORPUS / "geldig.yaml").read_text(encoding="utf-8")
ENGLISH = re.compile(
    r"\b(error|not|found|expected|invalid|cannot|unable|while|but|got|file|exception|unsafe|position|should)\b", re.I
)
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def write(folder: Path, text: str, name: str = "nota.yaml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    return path


def refused(capsys: pytest.CaptureFixture[str], args: list[str], *fragments: str) -> str:
    """Run the CLI in-process: exit 2, one Dutch line naming the fragments, nothing raw or English."""
    code = main(args)
    out = capsys.readouterr()
    err = out.err
    assert code == 2, (code, out.out, err)
    assert err.startswith("fout: ") and err.count("\n") == 1, err
    assert "interne fout" not in err and "Traceback" not in err
    assert not CONTROL.search(err), repr(err)
    for fragment in fragments:
        assert fragment in err, (fragment, err)
    assert not ENGLISH.search(re.sub(r"/\S+", "", err)), err
    return err


# --- dates and numbers ----------------------------------------------------------------------------

DATES = ["2025-02-30", "2025-13-01", "0000-01-01"]


@pytest.mark.parametrize("date", DATES)
@pytest.mark.parametrize("command", ["render", "set", "diff", "lib-status"])
def test_a_date_that_cannot_exist_is_a_dutch_message_with_line_and_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], date: str, command: str
) -> None:
    note = write(tmp_path, VALID.replace("datum: 2025-01-06", f"datum: {date}"))
    args = {
        "render": ["render", str(note)],
        "set": ["set", str(note), "kop.aan=M"],
        "diff": ["diff", str(note), str(note)],
        "lib-status": ["lib", "status", str(note)],
    }[command]
    before = note.read_bytes()
    refused(capsys, args, "regel 7", "kop.datum", date)
    assert note.read_bytes() == before


@pytest.mark.parametrize("date", DATES)
def test_check_reports_a_date_that_cannot_exist_as_an_error_of_the_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], date: str
) -> None:
    note = write(tmp_path, VALID.replace("datum: 2025-01-06", f"datum: {date}"))
    assert main(["check", str(note)]) == 2
    out = capsys.readouterr().out
    assert "kop.datum (regel 7)" in out and "interne fout" not in out


@pytest.mark.parametrize("date", DATES)
def test_set_refuses_a_date_that_cannot_exist(tmp_path: Path, capsys: pytest.CaptureFixture[str], date: str) -> None:
    note = write(tmp_path, VALID)
    refused(capsys, ["set", str(note), f"kop.datum={date}"], "kop.datum")
    assert note.read_text(encoding="utf-8") == VALID


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("true", "heel getal"),
        ("ja", "heel getal"),
        ("9" * 4300, "ten hoogste 999999"),
        ("9" * 4400, "te groot"),
        (".inf", "getal"),
        ("24.5", "heel getal"),
    ],
    ids=["true", "ja", "4300-cijfers", "4400-cijfers", "inf", "breuk"],
)
def test_volgnummer_is_strict(tmp_path: Path, capsys: pytest.CaptureFixture[str], value: str, fragment: str) -> None:
    note = write(tmp_path, VALID.replace("volgnummer: 24", f"volgnummer: {value}"))
    refused(capsys, ["render", str(note)], "moties[0].volgnummer", "regel 30", fragment)


def test_a_4300_digit_number_in_a_text_field_is_named_shortly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    note = write(tmp_path, VALID.replace("onderwerp: Proefnota corpus", "onderwerp: " + "7" * 4300))
    err = refused(capsys, ["render", str(note)], "kop.onderwerp", "aanhalingstekens")
    assert len(err) < 400


# --- nesting ------------------------------------------------------------------------------------


def test_eighty_kilobytes_of_nested_brackets_is_refused_not_a_segfault(tmp_path: Path) -> None:
    note = write(tmp_path, "schema_version: 1\nkop: " + "[" * 80_000 + "]" * 80_000 + "\n")
    proc = subprocess.run(
        [sys.executable, "-m", "notawriter", "render", str(note)], capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 2, (proc.returncode, proc.stderr[-500:])
    assert "te diep genest" in proc.stderr and "regel 2" in proc.stderr


@pytest.mark.parametrize(
    "text",
    [
        "schema_version: 1\nkop:\n" + "".join(" " * (2 * i) + f"  n{i}:\n" for i in range(1500)),
        "schema_version: 1\nkop:\n" + "- " * 3000 + "x\n",
        "schema_version: 1\nkop: " + "{a: " * 3000 + "1" + "}" * 3000 + "\n",
        "schema_version: 1\nkop: &a !!seq " + "[" * 3000 + "\n",
        'schema_version: 1\n"kop": ' + "[" * 3000 + "'\\', " + "]" * 3000 + "\n",
    ],
    ids=["blok", "streepjes", "accolades", "anker-en-tag", "aanhalingsteken"],
)
def test_deep_nesting_of_any_form_is_refused_before_parsing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str
) -> None:
    note = write(tmp_path, text)
    for args in (["render", str(note)], ["set", str(note), "kop.aan=M"], ["lib", "status", str(note)]):
        refused(capsys, args, "te diep genest")


def test_motie_import_of_deep_json_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "diep.json"
    data.write_text('{"value": ' + "[" * 5000 + "]" * 5000 + "}", encoding="utf-8")
    refused(capsys, ["motie", "import", str(data)], "te diep genest")


# generated: the estimate never counts too low
_SCALARS = st.one_of(st.integers(-5, 5), st.text("ab :-[]{}#'\"", max_size=6), st.booleans())
_NESTED = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text("abc", min_size=1, max_size=3), inner, max_size=3)
    ),
    max_leaves=30,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=_NESTED, flow=st.sampled_from([None, True, False]))
def test_the_nesting_estimate_is_never_lower_than_the_real_nesting(data: Any, flow: bool | None) -> None:
    import io

    from ruamel.yaml import YAML

    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = flow
    stream = io.StringIO()
    yaml.dump({"x": data}, stream)
    text = stream.getvalue()
    from ruamel.yaml.error import YAMLError

    try:  # ruamel's dumper can write flow text its own loader refuses (`{a: :-}`): not our case
        loaded = YAML(typ="safe", pure=True).load(text)
    except YAMLError:
        assume(False)
    real = limits.data_depth(loaded)
    assert limits.yaml_depth(text)[0] >= real - 1, text  # data_depth counts the leaf as a level


@settings(max_examples=200, deadline=None)
@given(text=st.text("[]{}-?:, '\"#\nab&!|>", max_size=120))
def test_the_nesting_estimate_holds_for_any_text_yaml_accepts(text: str) -> None:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    try:
        data = YAML(typ="safe", pure=True).load(text)
    except (YAMLError, ValueError, TypeError, RecursionError):
        return
    assert limits.yaml_depth(text)[0] >= limits.data_depth(data) - 1, repr(text)


# --- files that are not files ---------------------------------------------------------------------


def run_cli(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "notawriter", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="geen /dev/zero")
def test_render_of_dev_zero_is_refused_at_once() -> None:
    proc = run_cli("render", "/dev/zero")
    assert proc.returncode == 2 and "geen gewoon bestand" in proc.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="geen FIFO's")
@pytest.mark.parametrize(
    "command", [["render"], ["check"], ["set", "{note}", "kop.aan=M"]], ids=["render", "check", "set"]
)
def test_a_fifo_as_note_is_refused_not_waited_for(tmp_path: Path, command: list[str]) -> None:
    fifo = tmp_path / "nota.yaml"
    os.mkfifo(fifo)
    args = [a.format(note=fifo) for a in command] if len(command) > 1 else [*command, str(fifo)]
    proc = run_cli(*args)
    assert proc.returncode == 2 and "pipe (FIFO)" in proc.stderr + proc.stdout, proc.stderr


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="geen /dev/zero")
def test_a_template_linked_to_dev_zero_is_refused(tmp_path: Path) -> None:
    note = write(tmp_path, VALID)
    templates = tmp_path / "sjablonen"
    templates.mkdir()
    (templates / "nota.docx").symlink_to("/dev/zero")
    (templates / "kamerbrief.docx").symlink_to("/dev/zero")
    proc = run_cli("render", str(note), "--templates", str(templates))
    assert proc.returncode == 2 and "geen gewoon bestand" in proc.stderr, proc.stderr
    assert not list(tmp_path.glob("*.docx"))


# --- watch ----------------------------------------------------------------------------------------


def wait_for(condition: Any, timeout: float = 20.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.05)
    return False


def test_watch_survives_an_impossible_date_and_an_internal_error_and_renders_after_the_fix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import notawriter.render as render
    from notawriter.watch import watch

    real = render.render_note
    calls: list[int] = []

    def first_call_crashes(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("kapot")
        return real(*args, **kwargs)

    monkeypatch.setattr(render, "render_note", first_call_crashes)
    note = write(tmp_path, VALID.replace("datum: 2025-01-06", "datum: 2025-02-30"))
    lines: list[str] = []
    stop = threading.Event()
    thread = threading.Thread(
        target=watch, args=(note,), kwargs={"stop_event": stop, "echo": lines.append}, daemon=True
    )
    thread.start()
    nota = tmp_path / "nota-nota.docx"
    try:
        assert wait_for(lambda: any("bestaat niet als datum" in line or "2025-02-30" in line for line in lines)), lines
        time.sleep(0.3)
        note.write_text(VALID.replace("datum: 2025-01-06", "datum: 2025-02-28"), encoding="utf-8")
        assert wait_for(lambda: any(line.startswith("interne fout") for line in lines)), lines  # the injected crash
        assert thread.is_alive()
        time.sleep(0.3)
        note.write_text(VALID, encoding="utf-8")
        assert wait_for(nota.exists), lines
    finally:
        stop.set()
        thread.join(timeout=10)


# --- messages -------------------------------------------------------------------------------------


def test_an_escape_sequence_typed_in_a_value_is_shown_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    note = write(tmp_path, VALID)
    err = refused(capsys, ["set", str(note), "kop.datum=\x1b[2J\x1b]0;titel\x07"], "kop.datum")
    assert "\\e[2J" in err


def test_an_escape_sequence_in_a_key_of_the_note_is_shown_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    note = write(tmp_path, VALID + '"\\e[31mrood": 1\n')
    err = refused(capsys, ["render", str(note)], "onbekend veld", f"regel {VALID.count(chr(10)) + 1}")
    assert "\\e[31mrood" in err


def test_a_raw_control_character_is_named_with_its_line_not_a_position(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    note = write(tmp_path, VALID.replace("aan: M\n", "aan: M\x07\n"))
    refused(capsys, ["render", str(note)], "regel 5", "ongeldig teken \\x07")


def test_a_lone_surrogate_is_a_dutch_message_with_line_and_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    note = write(tmp_path, VALID.replace("onderwerp: Proefnota corpus", 'onderwerp: "Proef\\ud800nota"'))
    refused(capsys, ["render", str(note)], "regel 4", "kop.onderwerp", "surrogaat")


@pytest.mark.parametrize(
    ("old", "new", "fragments"),
    [
        ("aan: M\n", "aan: .inf\n", ["kop.aan", "regel 5", "aanhalingstekens"]),
        ("schema_version: 1\n", "schema_version: 1\n7: zeven\n", ["sleutel moet tekst zijn", "regel 3"]),
        ("schema_version: 1\n", "schema_version: 1\n[a, b]: lijst\n", ["sleutel moet tekst zijn"]),
    ],
    ids=["inf", "getal-als-sleutel", "lijst-als-sleutel"],
)
def test_odd_values_and_keys_get_dutch_messages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], old: str, new: str, fragments: list[str]
) -> None:
    note = write(tmp_path, VALID.replace(old, new, 1))
    refused(capsys, ["render", str(note)], *fragments)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=30))
def test_no_typed_value_makes_set_crash_or_echo_a_control_character(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], value: str
) -> None:
    note = write(tmp_path, VALID)
    for field in ("kop.onderwerp", "kop.datum"):
        code = main(["set", str(note), f"{field}={value}"])
        out = capsys.readouterr()
        assert code in (0, 2), (code, out)
        assert "interne fout" not in out.err and "Traceback" not in out.err
        assert not CONTROL.search(out.err + out.out), repr(out)
    note.write_text(VALID, encoding="utf-8")


# --- check: placeholders --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["«naam»", "«het rapport»", "«…»", "«nog niet / niet»", "«Het overige deel»", "«en scherpt haar aan op punt …»"],
)
def test_library_placeholders_are_placeholders(text: str) -> None:
    assert is_placeholder(text)


@pytest.mark.parametrize(
    "text", ["«Tussen wens en werkelijkheid»", "«Mensenrechten in de praktijk»", "«2030: de balans»"]
)
def test_a_title_quoted_in_guillemets_is_not_a_placeholder(text: str) -> None:
    assert not is_placeholder(text)


def test_check_does_not_ask_to_fill_in_a_quoted_report_title(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = VALID.replace(
        "aanleiding: Een proef met een motie[motie:proef-1].",
        "aanleiding: Het rapport «Tussen wens en werkelijkheid» vraagt om een reactie op «onderwerp»[motie:proef-1].",
    )
    note = write(tmp_path, text)
    main(["check", str(note)])
    out = capsys.readouterr().out
    assert "nog in te vullen: «onderwerp»" in out
    assert "Tussen wens" not in out


def test_json_nesting_is_measured_outside_strings() -> None:
    assert limits.json_depth(json.dumps({"a": "[[[[[[[[", "b": [[1]]}))[0] == 3


def test_check_and_diff_print_escape_sequences_from_the_note_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = VALID.replace(
        "tekstsuggestie: Het kabinet neemt de aanbeveling over.",
        'tekstsuggestie: "Het kabinet \\e[2J«naam\\e]0;x\\a» neemt de aanbeveling over."',
    )
    note = write(tmp_path, text)
    main(["check", str(note)])
    checked = capsys.readouterr().out
    assert "nog in te vullen" in checked and "\\e]0;x" in checked
    assert main(["diff", str(note), "--choose", "migratie=overnemen", "--vs", "migratie=niet-overnemen"]) == 0
    diffed = capsys.readouterr().out
    assert "\\e[2J" in diffed
    assert not CONTROL.search(checked + diffed)
