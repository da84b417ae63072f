"""Read whole clinical notes (a CSV whose first column is the note text, as MTSamples ships it) and print every fact
`spinekg ingest` would take from the notes that name spinal hardware, one line each with its sentence.

The notes carry no annotation: the output is for reading by hand (precision on whole notes, where a finding word may
refer back to an implant of an earlier sentence), not a score.
"""
from __future__ import annotations

import argparse
import csv
import re
import sys

_HARDWARE = re.compile(r"\b(?:screws?|rods?|cages?|hardware|instrumentation|stimulators?|pedicle)\b", re.I)
_SPINE = re.compile(r"spine|lumbar|cervical|thoracic|\b[LCT]\d{1,2}\b")
_MAX_NOTE = 256 * 1024  # the ingest limit of one report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv", help="a CSV file; the first column of each row after the header is a note")
    parser.add_argument("--all", action="store_true", help="read every note, not only those naming spinal hardware")
    args = parser.parse_args(argv)
    from spinekg.nlp import extract
    from spinekg.nlp.report import ReportError

    csv.field_size_limit(_MAX_NOTE)
    try:
        with open(args.csv, encoding="utf-8", errors="replace", newline="") as fh:
            notes = [row[0] for row in list(csv.reader(fh))[1:] if row]
    except OSError as exc:
        parser.error(f"{args.csv}: cannot be read ({exc.strerror})")
    except csv.Error as exc:
        parser.error(f"{args.csv}: not a CSV of notes of at most {_MAX_NOTE // 1024} KiB each ({exc})")
    chosen = notes if args.all else [t for t in notes if _HARDWARE.search(t) and _SPINE.search(t)]
    n_facts, refused = 0, 0
    for i, note in enumerate(chosen):
        try:
            facts = extract(note, f"note {i}").facts
        except ReportError as exc:  # a note ingest would refuse (a sentence over its limit, too many findings): say so
            refused += 1
            print(f"{args.csv}: {exc}", file=sys.stderr)
            continue
        for f in facts:
            e = f.as_eval()
            n_facts += 1
            print(f"note {i}\t{e['implant']} | {e['finding']} | {e['status']} | {e['level']} | {e['side']}\t"
                  f"{' '.join(f.sentence.split())[:200]}")
    print(f"{len(chosen)} notes of {len(notes)}, {n_facts} facts" + (f", {refused} notes refused (see above)" if refused else ""))
    return 1 if refused else 0


if __name__ == "__main__":
    sys.exit(main())
