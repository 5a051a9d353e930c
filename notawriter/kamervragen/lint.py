"""`check` for kamervragen notes: questions without an answer, missing facts, and the deadline."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from notawriter.model import Nota

#: Warn when this many working days or fewer are left before the deadline.
WARN_WORKING_DAYS = 5


def _easter(year: int) -> dt.date:
    """Easter Sunday (the Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 - the computus's own name
    m = (a + 11 * h + 19 * l) // 433
    month, day = divmod(h + l - 7 * m + 90, 25)
    return dt.date(year, month, (h + l - 7 * m + 33 * month + 19) % 32)


def holidays(year: int) -> set[dt.date]:
    """The Dutch public holidays the Rijksoverheid is closed on (Nieuwjaarsdag, Pasen, Koningsdag,
    Hemelvaart, Pinksteren, Kerst; Bevrijdingsdag every fifth year)."""
    easter = _easter(year)
    kingsday = dt.date(year, 4, 27)
    if kingsday.weekday() == 6:
        kingsday = dt.date(year, 4, 26)
    days = {dt.date(year, 1, 1), kingsday, dt.date(year, 12, 25), dt.date(year, 12, 26)}
    days |= {easter + dt.timedelta(days=n) for n in (0, 1, 39, 49, 50)}
    if year % 5 == 0:
        days.add(dt.date(year, 5, 5))
    return days


def working_days(start: dt.date, end: dt.date) -> int:
    """Working days (Monday to Friday, not a public holiday) after `start` up to and including `end`."""
    if end <= start:
        return 0
    off = holidays(start.year) | holidays(end.year)
    return sum(
        1
        for n in range(1, (end - start).days + 1)
        if (day := start + dt.timedelta(days=n)).weekday() < 5 and day not in off
    )


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def deadline_findings(nota: Any, today: dt.date) -> list[Any]:
    """The days left before the answers (or, after an uitstelbericht, the expected date) are due."""
    from notawriter.dates import format_date
    from notawriter.lint import Finding, is_archived, waarschuwing

    if nota.kamerbrief.datum is not None or is_archived(nota, today):
        return []  # the letter is dated (the answers have gone out), or the note is archived: nothing to chase
    if nota.uitstel is not None:
        due, field, what = nota.uitstel.verwachte_datum, "uitstel.verwachte_datum", "de verwachte datum uit het uitstelbericht"
        if due is None:
            return [waarschuwing(field, "uitstel zonder verwachte datum; vul in wanneer de antwoorden komen, bijv. verwachte_datum: 2025-05-01")]
    else:
        due = nota.termijn()
        field = "deadline" if nota.deadline is not None else "ingezonden"
        what = "de termijn" + ("" if nota.deadline is not None else " van drie weken na indiening")
        if due is None:
            return [waarschuwing("ingezonden", "datum van indiening ontbreekt, dus de termijn is onbekend; vul in bijv. ingezonden: 2025-03-20")]
    days = (due - today).days
    left = working_days(today, due)
    if days < 0:
        advice = (
            "stuur een uitstelbericht: vul uitstel: {reden: …, verwachte_datum: …} in en render"
            if nota.uitstel is None
            else "stuur de antwoorden of een nieuw uitstelbericht"
        )
        return [waarschuwing(field, f"{what} ({format_date(due)}) is {_plural(-days, 'dag', 'dagen')} verstreken; {advice}")]
    text = f"nog {_plural(days, 'dag', 'dagen')} ({_plural(left, 'werkdag', 'werkdagen')}) tot {what}: {format_date(due)}"
    if left <= WARN_WORKING_DAYS:
        hint = "" if nota.uitstel is not None else "; lukt dat niet, vraag dan uitstel (uitstel: {reden: …, verwachte_datum: …})"
        return [waarschuwing(field, text + hint)]
    return [Finding("info", field, text)]


def lint_kamervragen(nota: Nota, today: dt.date) -> list[Any]:
    from notawriter.kamervragen.model import KamervragenNota
    from notawriter.lint import fout, waarschuwing

    if not isinstance(nota, KamervragenNota):
        return []
    findings: list[Any] = []
    if not nota.vragen:
        findings.append(fout("vragen", "er zijn geen vragen; lees ze in met 'notawriter import-kamervragen' of 'notawriter kamervragen fetch'"))
    if not nota.vragenstellers:
        findings.append(fout("vragenstellers", "wie stelde de vragen? vul in bijv. vragenstellers: [{naam: Hirsch, fractie: GL-PvdA}]"))
    if not nota.kenmerk:
        findings.append(waarschuwing("kenmerk", "het kenmerk van de Kamer ontbreekt; de aanbiedingsbrief noemt het (bijv. kenmerk: 2025Z04931)"))
    if not nota.over.strip():
        findings.append(waarschuwing("over", f"waarover gaan de vragen? de documenten gebruiken nu het onderwerp '{nota.kop.onderwerp}'"))
    open_ = [str(v.nummer) for v in nota.vragen if nota.antwoord_op(v.nummer) is None]
    if open_:
        findings.append(
            waarschuwing(
                "antwoorden",
                f"{'vraag' if len(open_) == 1 else 'vragen'} {', '.join(open_)} nog zonder antwoord; "
                "vul ze in met 'notawriter edit NOTA --section antwoorden'",
            )
        )
    for i, antwoord in enumerate(nota.antwoorden):
        if not antwoord.tekst.strip():
            findings.append(waarschuwing(f"antwoorden[{i}].tekst", f"het antwoord op vraag {', '.join(map(str, antwoord.vragen))} is leeg"))
    for i, vraag in enumerate(nota.vragen):
        if not vraag.tekst.strip():
            findings.append(fout(f"vragen[{i}].tekst", f"vraag {vraag.nummer} heeft geen tekst"))
    findings.extend(deadline_findings(nota, today))
    return findings
