"""Generate large notes for the scaling benchmark (never commit what this writes).

A note with N decision points: each has two options with a long tekstsuggestie, arguments for
and against, and its own motion; texts cite motions with [motie:…] (each becomes a footnote),
the Kamerbrief places every decision point in a section, and the free sections are long.
Written with `notefile.save_note`, so the file is what the wizard would write.

    python bench/gen_notes.py 10 100 1000 [--out DIR] [--aanbevelingen]
"""

from __future__ import annotations

import argparse
import itertools
import sys
import tempfile
from pathlib import Path

SENTENCES = (
    "Het kabinet deelt de analyse dat resultaten op het gebied van mensenrechten door de toegenomen "
    "internationale tegenwind steeds lastiger te behalen zijn.",
    "Daarom investeert het ministerie in kennis, onder meer met een *toolkit* en een **verplichte** cursus.",
    "De posten krijgen meer ruimte om keuzes te maken die passen bij de lokale context en de beschikbare middelen.",
    "Over de voortgang wordt de Kamer jaarlijks geïnformeerd, tijdens het mensenrechtendebat en in de jaarverslagen.",
    "Een efficiëntieslag is nodig en het ambitieniveau kan niet gelijk blijven aan dat van de afgelopen jaren.",
)


_serial = itertools.count(1)


def paragraph(seed: int, sentences: int = 5) -> str:
    """A paragraph of `sentences` sentences, wrapped like a note file's text. Each paragraph
    starts with its own number: real notes do not repeat texts (which the caches would love)."""
    words = f"Alinea {next(_serial)}. " + " ".join(SENTENCES[(seed + i) % len(SENTENCES)] for i in range(sentences))
    lines, line = [], ""
    for word in words.split():
        if len(line) + len(word) + 1 > 96:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return "\n".join(lines)


def long_text(seed: int, paragraphs: int = 3, cite: str | None = None, sentences: int = 5) -> str:
    parts = [paragraph(seed + i, sentences) for i in range(paragraphs)]
    if cite:
        parts[0] += f" Zie de motie[motie:{cite}]."
    parts.append(f"- een eerste punt bij tekst {seed};\n- een tweede punt, met *nadruk*;\n  - en een genest punt.")
    return "\n\n".join(parts) + "\n"


def make_nota(points: int, aanbevelingen: bool = False):  # -> notawriter.model.Nota
    from notawriter.model import Nota

    global _serial
    _serial = itertools.count(1)  # the same note for the same arguments

    moties = [
        {
            "key": f"motie-{i}",
            "indieners": [{"naam": f"Lid{i}", "fractie": "NSC"}, {"naam": f"Collega{i}", "fractie": "CDA"}],
            "medeindienende_fracties": ["SGP"],
            "dossier": "36600",
            "toevoeging": "XX",
            "volgnummer": i + 1,
            "status": "aangehouden",
            "titel": f"Motie over onderwerp {i}",
            "verzoek": f"verzoekt de regering om onderwerp {i} grondig te onderzoeken en de Kamer te informeren.",
        }
        for i in range(points)
    ]
    beslispunten = [
        {
            "key": f"punt-{i}",
            "akkoord": ["M", "R"] if i % 3 else ["M"],
            "tekst": f"Uw keuze over onderwerp {i} uit de twee opties hieronder (zie [motie:motie-{i}]):",
            "moties": [f"motie-{i}"],
            "ambtelijk_advies": "overnemen" if i % 2 else None,
            "advies_toelichting": None if i % 2 else "Ambtelijk is geen overeenstemming bereikt.",
            "keuze": "overnemen" if i % 4 == 0 else None,
            "opties": [
                {
                    "key": key,
                    "label": f"{label} ({i})",
                    "samenvatting": f"{label} van aanbeveling {i}, in lijn met [motie:motie-{i}].",
                    "tekstsuggestie": long_text(i + j, paragraphs=2, cite=f"motie-{i}", sentences=3),
                    "argumenten_voor": [paragraph(i + j, 2), paragraph(i + j + 1, 1)][: 2 - (i + j) % 2],
                    "argumenten_tegen": [paragraph(i + j + 2, 1)],
                    "moties": [f"motie-{i}"],
                }
                for j, (key, label) in enumerate((("overnemen", "Overnemen"), ("niet-overnemen", "Niet overnemen")))
            ],
        }
        for i in range(points)
    ]
    data = {
        "kop": {
            "onderwerp": f"Kabinetsreactie met {points} beslispunten",
            "aan": "M en R",
            "van": "Sanne de Vries, DMM/MR",
            "datum": "2025-01-06",
            "referentie": "BZ2407961",
            "opgesteld_door": "Sanne de Vries (DMM/MR)",
            "kamer": "2025-01-31",
        },
        "ondertekenaars": [
            {"afkorting": "M", "titel": "Minister van Buitenlandse Zaken", "naam": "C.C.J. Veldkamp"},
            {"afkorting": "R", "titel": "Minister voor Buitenlandse Handel en Ontwikkelingshulp", "naam": "R.J. Klever"},
        ],
        "aanleiding": long_text(0, paragraphs=2),
        "beslispunten": beslispunten,
        "secties": [
            {
                "titel": f"Kernpunt {s}",
                "tekst": long_text(s, paragraphs=3, cite=f"motie-{s % points}"),
                "subsecties": [{"titel": f"Toelichting {s}.{t}", "tekst": long_text(s + t, paragraphs=2)} for t in range(2)],
            }
            for s in range(max(3, points // 20))
        ],
        "communicatie": long_text(1, paragraphs=2),
        "moties": moties,
        "kamerbrief": {
            "inleiding": long_text(2, paragraphs=3),
            "secties": [
                {"titel": f"Onderwerp {i}", "tekst": paragraph(i, 2), "beslispunt": f"punt-{i}"} for i in range(points)
            ],
            "slot": paragraph(3, 2),
            "ondertekening": ["M", "R"],
        },
    }
    if aanbevelingen:
        data["aanbevelingen"] = [
            {
                "nummer": str(i + 1),
                "groep": f"Thema {i % 5}",
                "tekst": paragraph(i, 2),
                "appreciatie": ("overnemen", "deels overnemen", "niet overnemen", "nog te bepalen")[i % 4],
                "reactie": paragraph(i + 1, 2) if i % 4 != 3 else None,
            }
            for i in range(points)
        ]
    return Nota.model_validate(data)


def write_note(points: int, folder: Path, aanbevelingen: bool = False) -> Path:
    from notawriter.notefile import save_note

    path = folder / f"nota-{points}{'-aanbevelingen' if aanbevelingen else ''}.yaml"
    save_note(path, make_nota(points, aanbevelingen))
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[10, 100, 1000])
    parser.add_argument("--out", type=Path, help="folder (default: a new temporary folder)")
    parser.add_argument("--aanbevelingen", action="store_true", help="also one recommendation per point (bijlage)")
    args = parser.parse_args()
    folder = args.out or Path(tempfile.mkdtemp(prefix="notawriter-notes-"))
    folder.mkdir(parents=True, exist_ok=True)
    for size in args.sizes:
        path = write_note(size, folder, args.aanbevelingen)
        print(f"{path}  ({path.stat().st_size // 1024} kB)")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
