"""Hyphens, spaces and apostrophes typed as other characters ("L4‐S1" with U+2010, "C5‑C6" with U+2011, "5 mm" with a
no-break or thin space, "hangman’s" with U+2019), read as '-', ' ' and "'"; thoracic levels written as dorsal ones ("a
lateral breach at D10", "D11-L2"), read as T levels.

Each is one character for one character, so every offset into the text read is an offset into the report as written;
`requote` puts the report's own characters back into the quotes of an extraction.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .extractor import Extraction

# hyphen, non-breaking hyphen, figure dash, minus sign, small and full-width hyphen-minus; no-break, thin, narrow
# no-break and figure spaces; typographic apostrophes ("hangman’s fracture", "the leads haven’t shifted")
_PLAIN = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2212": "-", "\ufe63": "-", "\uff0d": "-",
                        "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2007": " ",
                        "\u2019": "'", "\u2018": "'", "\u02bc": "'"})


# "D" for a dorsal (thoracic) vertebra, as many reports write it; not vitamin D3 nor a D2 receptor
_DORSAL = re.compile(r"(?<![\w.])(?<![Vv]itamin\s)D(?=-?(?:1[0-2]|[1-9])(?!\w|\.\d)(?!\s+receptors?\b))")


def plain(text: str) -> str:
    """The text with every hyphen-like character read as '-', every space-like one as ' ', every apostrophe-like one as
    "'" and a dorsal level as a thoracic one ('D10' as 'T10'): same length, same offsets."""
    return _DORSAL.sub("T", text.translate(_PLAIN))


def requote(ex: Extraction, written: str) -> None:
    """Quote the report as written in an extraction made from its `plain` reading."""
    ex.text = written
    for f in ex.facts + ex.set_aside:
        f.sentence = written[f.sentence_start:f.sentence_end]
        for span in f.spans:
            span["text"] = written[span["start"]:span["end"]]
    for h in ex.history:
        if "sentence" in h:
            h["sentence"] = written[h["start"]:h["end"]].strip()
