"""The report's own study date and the earlier studies it was compared with ("COMPARISON: Radiographs 05/20/2026 and
CT 3/1/2026"), each with its modality and, where the report's dates can be read without guessing, its date.

A numeric date is read day first or month first as the report itself writes its dates: "14/03/2026" can only be day
first, "10/21/2026" only month first; when the report has no such date, "02/09/2026" could be either, and it is left
undated (with a note) rather than guessed. A month and year alone ("06/2026") is no day, so no date either.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .history import MODALITIES

_MONTHS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
_NUMERIC = re.compile(r"(?<![\w/.-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\w/-]|\.\d)")
_ISO = re.compile(r"(?<![\w/-])(\d{4})-(\d{2})-(\d{2})(?![\w/-])")
_MONTH_NAMES = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_NAMED = re.compile(rf"\b(?:(\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH_NAMES},?\s+(\d{{4}})|{_MONTH_NAMES}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}}))\b",
                    re.I)
# the report's own date: "DATE: 11/24/2026", "Date of service: ...", "EXAM DATE: ...", "... were obtained on 12/01/2026"
_DATE_LINE = re.compile(r"^[ \t]*(?:(?:exam(?:ination)?|study|service)\s+)?date(?:\s+of\s+(?:service|exam(?:ination)?|study))?"
                        r"[ \t]*:[ \t]*(?P<rest>.*)$", re.I | re.M)
# the exam line or the title ("LUMBAR SPINE, FLEXION AND EXTENSION VIEWS, 12/01/2026", "EXAM: CT L-SPINE 03/02/2026")
_EXAM_LINE = re.compile(r"^[ \t]*(?:exam(?:ination)?|study)[ \t]*:(?P<rest>.*)$", re.I | re.M)
_OBTAINED_ON = re.compile(r"\b(?:were|was)\s+(?:obtained|performed|acquired|taken)\s+on\s+(?P<rest>.{6,30})", re.I)
# the comparison: "COMPARISON: ...", "COMP: ...", "CMP: ...", "Cf: ...", "Compared with ...", "Comparison is made with ..."
_COMPARISON = re.compile(r"(?:^|(?<=[.\n]))[ \t]*(?:(?:comparison|comp|cmp|cf\.?)[ \t]*:|comparison\s+(?:is\s+)?(?:made\s+)?(?:with|to)\b"
                         r"|compared\s+(?:with|to)\b)[ \t]*(?P<rest>[^\n]*)", re.I)


def is_comparison(sentence: str) -> bool:
    """Whether the sentence is the report's comparison line (whose modalities are the earlier studies')."""
    return bool(_COMPARISON.match(sentence))
_NONE = re.compile(r"^\W*(?:none|no\s+(?:prior|previous|comparison)|not\s+available|n/?a)\b", re.I)
_PIECE_SPLIT = re.compile(r";|\band\b|\.\s+|,(?=\s*(?:and\s+)?(?:[A-Za-z]|\d{1,2}[/.-]\d))", re.I)
_SENTENCE_END = re.compile(r"(?<=[a-z)])\.\s+(?=[A-Z])")


@dataclass
class StudyDate:
    """A date as the report writes it, read (`date`, ISO) or not (`why`)."""

    text: str
    date: str | None
    why: str | None = None


def _year(y: str) -> int:
    n = int(y)
    return n if len(y) == 4 else 2000 + n if n < 70 else 1900 + n


def day_first(text: str) -> bool | None:
    """Whether the report writes its numeric dates day first (True), month first (False) or cannot be told (None)."""
    day, month = False, False
    for m in _NUMERIC.finditer(text):
        a, b = int(m.group(1)), int(m.group(3))
        day |= 12 < a <= 31 and 1 <= b <= 12
        month |= 12 < b <= 31 and 1 <= a <= 12
    return None if day == month else day


def dates_in(text: str, order: bool | None) -> list[StudyDate]:
    """The full dates written in `text`, in order, read with the report's day order (`day_first`)."""
    found: list[tuple[int, StudyDate]] = []
    for m in _ISO.finditer(text):
        found.append((m.start(), _checked(m.group(0), int(m.group(1)), int(m.group(2)), int(m.group(3)))))
    for m in _NUMERIC.finditer(text):
        a, b, y = int(m.group(1)), int(m.group(3)), _year(m.group(4))
        if a > 12 or b > 12 or a == b:
            day, month = (a, b) if a > 12 or (a == b) else (b, a)
        elif order is None:
            found.append((m.start(), StudyDate(m.group(0), None, "day and month cannot be told apart in this report")))
            continue
        else:
            day, month = (a, b) if order else (b, a)
        found.append((m.start(), _checked(m.group(0), y, month, day)))
    for m in _NAMED.finditer(text):
        if m.group(1):
            day, month, year = int(m.group(1)), _MONTHS[m.group(2).lower()[:3]], int(m.group(3))
        else:
            day, month, year = int(m.group(5)), _MONTHS[m.group(4).lower()[:3]], int(m.group(6))
        found.append((m.start(), _checked(m.group(0), year, month, day)))
    return [d for _, d in sorted(found, key=lambda p: p[0])]


def _checked(text: str, year: int, month: int, day: int) -> StudyDate:
    try:
        return StudyDate(text, dt.date(year, month, day).isoformat())
    except ValueError:
        return StudyDate(text, None, "not a calendar date")


def _modality(text: str) -> str | None:
    return next((name for name, rx in MODALITIES if rx.search(text)), None)


def study_date(text: str) -> StudyDate | None:
    """The date of the report's own study: its date line, its exam line or title, or "... were obtained on <date>"."""
    order = day_first(text)
    head = text[:3000]
    title = next((line for line in head.splitlines() if line.strip()), "")
    candidates = [m.group("rest") for rx in (_DATE_LINE, _EXAM_LINE, _OBTAINED_ON) for m in rx.finditer(head)]
    for rest in [*candidates[:1], *([title] if len(title) <= 120 else []), *candidates[1:]]:
        dates = dates_in(rest, order)
        if dates:
            return dates[0]
    return None


@dataclass
class Comparison:
    """An earlier study the report was compared with: its modality (None when the line names none) and date."""

    text: str
    modality: str | None
    date: StudyDate | None


def comparisons(text: str) -> list[Comparison]:
    """The earlier studies the report's comparison line names, one for each date (or each modality named undated)."""
    order = day_first(text)
    out: list[Comparison] = []
    for m in _COMPARISON.finditer(text[:4000]):
        rest = _SENTENCE_END.split(m.group("rest"), maxsplit=1)[0].strip()
        if not rest or _NONE.match(rest):
            continue
        modality = None
        for piece in _PIECE_SPLIT.split(rest):
            piece = piece.strip(" .")
            if not piece:
                continue
            named = _modality(piece)
            modality = named or (modality if not re.search(r"[A-Za-z]{3}", _strip_dates(piece)) else None)
            dates = dates_in(piece, order)
            if dates:
                out.extend(Comparison(piece, modality, d) for d in dates)
            elif named is not None:  # (a piece with a modality of the one before and no date names no other study)
                out.append(Comparison(piece, named, None))
        break  # one comparison line
    return out


def _strip_dates(piece: str) -> str:
    for rx in (_ISO, _NUMERIC, _NAMED):
        piece = rx.sub(" ", piece)
    return re.sub(r"\b(?:dated|from|of|on|the|study|studies|prior|previous)\b", " ", piece, flags=re.I)
