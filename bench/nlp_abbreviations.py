"""Abbreviations defined in another sentence: the development parts read document by document.

    .venv/bin/python bench/nlp_abbreviations.py [SET.yaml ...]

The evaluation sets are scored sentence by sentence, so an abbreviation a paper defines in one sentence and counts
in another ("rod fracture (RF)" ... "Incidence rates of RF were ...") cannot be read there. This reads each
document's sentences of a set together, in order, and scores (whole facts: implant type, finding, negation) only the
sentences that use an abbreviation defined in an earlier sentence of their document, beside the same sentences read
alone. Development parts only: the test part is not read.
"""
from __future__ import annotations

import re
import sys
from collections import defaultdict
from pathlib import Path

import yaml

from spinekg.nlp import extract
from spinekg.nlp.abbreviations import definitions
from spinekg.nlp.evaluation import _match, fact_key

REAL = Path(__file__).resolve().parent.parent / "tests" / "data" / "nlp" / "realtext"


def main(argv: list[str]) -> int:
    sets = [Path(a) for a in argv] or sorted(REAL.glob("dev*.yaml"))
    together, alone = [0, 0, 0], [0, 0, 0]
    for path in sets:
        docs: dict[str, list[dict]] = defaultdict(list)
        for it in yaml.safe_load(path.read_text(encoding="utf-8")):
            docs[it["doc"]].append(it)
        for its in docs.values():
            text = "\n".join(it["text"] for it in its)
            defined = definitions(text)
            if not defined:
                continue
            ex = extract(text)
            pos = 0
            for it in its:
                start = text.index(it["text"], pos)
                end = pos = start + len(it["text"])
                used = [a for a, (_, at) in defined.items() if at <= start and re.search(rf"(?<![\w-]){a}s?(?![\w-])", it["text"])]
                if not used:
                    continue
                gold = [fact_key(f, False) for f in it["facts"]]
                doc_pred = [fact_key(f.as_eval(), False) for f in ex.facts if start <= f.sentence_start < end]
                one_pred = [fact_key(f.as_eval(), False) for f in extract(it["text"]).facts]
                a, b = _match(gold, doc_pred)[:3], _match(gold, one_pred)[:3]
                print(f"{path.name} {it['id']} {used}: together tp/fp/fn {a}, alone {b}")
                together = [x + y for x, y in zip(together, a, strict=True)]
                alone = [x + y for x, y in zip(alone, b, strict=True)]
    print(f"sentences using an abbreviation defined earlier in their document: read together tp/fp/fn {together}, "
          f"read alone {alone}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
