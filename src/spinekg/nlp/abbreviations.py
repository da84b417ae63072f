"""Abbreviations a report defines for a finding or an implant ("rod fracture (RF)", "lateral mass screws (LMS)"), read
as their long form where they recur; and the shorthand of terse notes ("L5 scr lucency R>L, c/w loosening"), read as
its words.

Cohort abstracts define a finding once and then count it by its abbreviation ("Fifteen of these patients presented
with RFs"). The report is read with each later use written out ("rod fractures"); every offset the extractor gives
back (sentences, spans, history) is mapped to the report as written, so provenance quotes the report's own words.
A definition counts only when the abbreviation's letters are the initials of the words before it (the usual test of
Schwartz and Hearst, 2003) and those words name a finding or an implant; an abbreviation defined twice with different
long forms is left alone.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from . import vocabulary as V
from .prefilter import fast
from .statements import alternation

if TYPE_CHECKING:
    from .extractor import Extraction

_DEFINITION = fast(re.compile(r"(?P<long>\b[A-Za-z][\w'-]*(?:[ \t]+[A-Za-z][\w'-]*){0,6})[ \t]*\([ \t]*(?P<short>[A-Z][A-Za-z]{1,7})"
                              r"[ \t]*[),;]"))
_WORD = re.compile(r"[A-Za-z][A-Za-z']*")


@lru_cache(maxsize=1)
def _words_read() -> re.Pattern[str]:
    """Finding and implant words: an abbreviation for one of them is worth writing out."""
    return re.compile(alternation([p for p, _ in V.FINDING_PATTERNS] + [p for p, _ in V.IMPLANT_PATTERNS]), re.I)


def definitions(text: str) -> dict[str, tuple[str, int]]:
    """Abbreviation -> (long form, where its definition ends), for the abbreviations the text defines for a finding or an
    implant."""
    found: dict[str, tuple[str, int]] = {}
    clashes: set[str] = set()
    for m in _DEFINITION.finditer(text):
        short = m.group("short")
        if short.endswith("s") and short[:-1].isupper() and len(short) > 2:
            short = short[:-1]  # "(RFs)"
        if not short.isupper() or len(short) < 2:
            continue
        words = list(_WORD.finditer(m.group("long")))  # hyphens split words: "pull-out" gives p and o
        k = len(short)
        if len(words) < k or [w.group()[0].lower() for w in words[-k:]] != list(short.lower()):
            continue
        long = m.group("long")[words[-k].start():]
        if not _words_read().search(long):
            continue
        if short in found and found[short][0].lower() != long.lower():
            clashes.add(short)
        found.setdefault(short, (long, m.end()))
    return {k: v for k, v in found.items() if k not in clashes}


@dataclass
class Expanded:
    """A report with its defined abbreviations written out, and the way back to the report's offsets."""

    text: str
    original: str
    # (start in the expanded text, end in it, start in the original, end in it) of each written-out use
    pieces: list[tuple[int, int, int, int]] = field(default_factory=list)
    _starts: list[int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._starts = [p[0] for p in self.pieces]

    def original_offset(self, pos: int, end: bool = False) -> int:
        """The report's offset for an offset of the expanded text (a piece maps to the abbreviation it replaced)."""
        i = bisect_right(self._starts, pos) - 1
        if i < 0:
            return pos
        new_start, new_end, old_start, old_end = self.pieces[i]
        if pos < new_end or (end and pos == new_end):
            return old_end if (end and pos > new_start) else old_start
        return pos - new_end + old_end


# the shorthand of terse notes, written out wherever it stands: "L5 scr lucency", "R T6 + T7 scr medial", "scr tips ~2mm past
# ant cortex", "Inf C6 scr backed out", "no e/o loosening", "lucency c/w loosening", "lucency R>L"
_SHORTHAND_WORDS = [  # (the shorthand and what may follow it, its words); each stands alone, not inside a word or a
    # slash-joined term
    (r"scr(?=s?(?![\w/-]))", "screw"),
    (r"[Pp]ed(?=\s+(?:scr|screw)s?\b)", "pedicle"),
    (r"lat(?=\s+(?:mass|breach|cortex|wall|migration)\b)", "lateral"),
    (r"med(?=\s+(?:breach|cortex|wall|migration)\b)", "medial"),
    (r"ant(?=\s+(?:sacral\s+|vertebral\s+|VB\s+)?cort(?:ex|ical)\b)", "anterior"),
    (r"[Ii]nf(?=\s+(?:[CTLS]\d{1,2}\s+)?(?:scr|screw|endplate)s?\b)", "inferior"),
    (r"[Ss]up(?=\s+(?:[CTLS]\d{1,2}\s+)?(?:scr|screw|endplate)s?\b)", "superior"),
    (r"thru(?![\w/-])", "through"),
    (r"jxn(?![\w/-])", "junction"),
    (r"e/o(?![\w/-])", "evidence of"),
    (r"c/w(?![\w/-])", "consistent with"),
    (r"R\s*>\s*L(?![\w/-])", "right more than left"),
    (r"L\s*>\s*R(?![\w/-])", "left more than right"),
]
_SHORTHAND = [(fast(re.compile(r"(?<![\w/-])" + short)), long) for short, long in _SHORTHAND_WORDS]


def expand(text: str) -> Expanded | None:
    """The text with every later use of a defined abbreviation, and the shorthand of terse notes, written out; None when
    there is none."""
    swaps: list[tuple[int, int, str]] = []  # (start, end, the words written out)
    defined = definitions(text)
    if defined:
        uses = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, sorted(defined, key=len, reverse=True))) + r")(s?)(?![\w-])")
        for m in uses.finditer(text):
            long, defined_at = defined[m.group(1)]
            if m.start() < defined_at:
                continue  # the definition itself, and anything before it
            word = long + ("s" if m.group(2) and not long.endswith("s") else "")
            if re.search(r"(?:^|[.!?:]\s*|\n\s*)$", text[max(0, m.start() - 3):m.start()]) or m.start() == 0:
                word = word[0].upper() + word[1:]  # a sentence that opens with the abbreviation opens with its long form
            swaps.append((m.start(), m.end(), word))
    for pattern, word in _SHORTHAND:
        swaps.extend((m.start(), m.end(), word) for m in pattern.finditer(text))
    if not swaps:
        return None
    out: list[str] = []
    pieces: list[tuple[int, int, int, int]] = []
    last = 0
    length = 0
    for start, end, word in sorted(swaps):
        if start < last:
            continue  # (a shorthand inside a written-out abbreviation)
        out.append(text[last:start])
        length += start - last
        pieces.append((length, length + len(word), start, end))
        out.append(word)
        length += len(word)
        last = end
    out.append(text[last:])
    expanded = "".join(out)
    if len(expanded) > 2 * len(text) + 1000:
        return None  # a text of little else than abbreviations is read as written: the report's size bounds the work
    return Expanded(expanded, text, pieces)


def restore(ex: Extraction, expanded: Expanded) -> None:
    """Point every offset and quoted sentence of an extraction back at the report as written."""
    text, at = expanded.original, expanded.original_offset
    ex.text = text
    for f in ex.facts + ex.set_aside:
        f.sentence_start, f.sentence_end = at(f.sentence_start), at(f.sentence_end, True)
        f.sentence = text[f.sentence_start:f.sentence_end]
        spans: list[dict] = []
        for span in f.spans:
            span["start"], span["end"] = at(span["start"]), at(span["end"], True)
            span["text"] = text[span["start"]:span["end"]]
            if not any(o["start"] == span["start"] and o["end"] == span["end"] for o in spans):
                spans.append(span)  # the implant and finding words of one written-out use are one abbreviation
        f.spans = spans
    for h in ex.history:
        h["start"], h["end"] = at(h["start"]), at(h["end"], True)
        h["sentence"] = text[h["start"]:h["end"]].strip()
