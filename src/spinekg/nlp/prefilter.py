"""Exact Python-regex matches found fast: RE2 (linear-time, DFA) proposes where a match can start, `re` confirms.

medspaCy's regex matchers scan the whole report once per rule with Python's backtracking `re`; with
case-insensitive alternations of hundreds of words that was about 40 % of the pipeline's time. Here each
pattern is translated into a looser RE2 pattern that matches wherever the original can start (assertions
but the start of the text or line dropped, character classes widened to Python's Unicode classes, case folded
outside `(?-i:...)`), RE2 finds the next such place, and the original pattern is tried only there with
`re.match` (trying every place the looser match covers had cost three times as many tries; its repeats are lazy, so
RE2's own search ends early). Every match returned is the original pattern's own match, at the same positions and in
the same order as `finditer` gives them: the looser pattern
only decides where not to look, and a position it rules out is one where the original cannot match.
A pattern that cannot be translated (back-references) or that can match the empty string keeps `finditer`.
"""
from __future__ import annotations

import _sre  # type: ignore[import-not-found]  # the case mappings `re` itself uses
import re
from bisect import bisect_right
from collections.abc import Iterator
from functools import lru_cache
from re import _casefix  # type: ignore[attr-defined]  # the case pairs `re` adds to simple folding (i and dotless ı, ...)
from re import _constants as C  # type: ignore[attr-defined]  # the parser behind `re` (Python 3.11+)
from re import _parser as P  # type: ignore[attr-defined]
from typing import Any

try:
    import re2 as _re2_module
    from re2 import _re2 as _re2_core
except ImportError:  # pragma: no cover - google-re2 is a dependency; without it every pattern keeps finditer
    _re2_module = None
    _re2_core = None

_NON_ASCII = r"\x{80}-\x{10ffff}"
# Python's Unicode classes, widened to their ASCII members plus every non-ASCII character (a superset is all the
# proposal needs, and Unicode property tables would make RE2's automaton many times larger)
# inside a negated class the class must be narrowed instead, so that its complement is wider: ASCII only
_NARROW = {C.CATEGORY_DIGIT: "0-9", C.CATEGORY_WORD: "0-9A-Za-z_", C.CATEGORY_SPACE: r"\t\n\x{b}\f\r ",
           C.CATEGORY_NOT_DIGIT: r"\x{0}-/:-\x{7f}", C.CATEGORY_NOT_WORD: r"\x{0}-/:-@\[-^`{-\x{7f}",
           C.CATEGORY_NOT_SPACE: r"\x{0}-\x{8}\x{e}-\x{1b}!-\x{7f}"}
# (a negated category is its ASCII members plus every non-ASCII character, not every character: "^\W*we" proposes
# the start of a line that begins with "we", not every line)
_WIDE = {C.CATEGORY_DIGIT: "0-9" + _NON_ASCII, C.CATEGORY_WORD: "0-9A-Za-z_" + _NON_ASCII,
         C.CATEGORY_SPACE: r"\t\n\x{b}\f\r \x{1c}-\x{1f}" + _NON_ASCII,
         **{c: _NARROW[c] + _NON_ASCII for c in (C.CATEGORY_NOT_DIGIT, C.CATEGORY_NOT_WORD, C.CATEGORY_NOT_SPACE)}}
_WIDE_REPEAT = 8


class Untranslatable(ValueError):
    """The pattern uses a construct the RE2 proposal cannot stand for (e.g. a back-reference)."""


def _char(c: int) -> str:
    return f"\\x{{{c:x}}}"


# the non-ASCII characters whose simple lowercase is an ASCII letter, which `re` takes for that letter ignoring case
# and RE2's folding may not: the dotted capital "İ" ("TRANSPEDİCULAR") is "i", the Kelvin sign "K" is "k"
_TO_ASCII = [(_sre.unicode_tolower(c), c) for c in range(0x80, 0x10000) if _sre.unicode_tolower(c) < 0x80]


def _extra_cases(lo: int, hi: int) -> str:
    """The characters `re` also takes, ignoring case, for those from lo to hi that RE2's folding does not give ("i" is
    also the dotless "ı" and the dotted "İ", "s" the long "ſ")."""
    extra = [x for c, more in _casefix._EXTRA_CASES.items() if lo <= c <= hi for x in more]
    extra += [c for low, c in _TO_ASCII if lo <= low <= hi or lo <= ord(chr(low).upper()) <= hi]
    return "".join(_char(x) for x in extra)


def _class(items: list[tuple[Any, Any]], fold: bool = True) -> str:
    negate = bool(items) and items[0][0] is C.NEGATE
    fold = fold and not negate
    body = []
    for op, av in items[1:] if negate else items:
        if op is C.LITERAL:
            body.append(_char(av) + (_extra_cases(av, av) if fold else ""))
        elif op is C.RANGE:
            body.append(_char(av[0]) + "-" + _char(av[1]) + (_extra_cases(av[0], av[1]) if fold else ""))
        elif op is C.CATEGORY:
            table = _NARROW if negate else _WIDE
            if av not in table:
                raise Untranslatable(f"category {av}")
            body.append(table[av])
        else:
            raise Untranslatable(f"class item {op}")
    if not body:
        raise Untranslatable("empty class")
    # a negated class is matched case-sensitively: it then excludes no more than Python's does, with or without IGNORECASE
    return ("(?-i:[^" + "".join(body) + "])") if negate else ("[" + "".join(body) + "]") if fold \
        else ("(?-i:[" + "".join(body) + "])")


def _seq(items: Any, flags: int) -> str:
    """The proposal for a parsed sequence under the `re` flags in force (IGNORECASE, MULTILINE). Its repeats are lazy,
    so that a proposal ends early (only where it starts counts)."""
    fold = bool(flags & re.I)
    out = []
    for op, av in items:
        if op is C.LITERAL:
            extra = _extra_cases(av, av) if fold else ""
            out.append("[" + _char(av) + extra + "]" if extra else _char(av) if fold else f"(?-i:{_char(av)})")
        elif op is C.NOT_LITERAL:
            out.append("(?-i:[^" + _char(av) + "])")
        elif op is C.ANY:
            out.append("(?s:.)")
        elif op is C.IN:
            out.append(_class(av, fold))
        elif op is C.BRANCH:
            out.append("(?:" + "|".join(_seq(alt, flags) for alt in av[1]) + ")")
        elif op is C.SUBPATTERN:
            out.append("(?:" + _seq(av[-1], (flags | av[1]) & ~av[2]) + ")")  # (?-i:...) keeps its case
        elif op is C.ATOMIC_GROUP:
            out.append("(?:" + _seq(av, flags) + ")")
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            lo, hi, sub = av
            # a wide counted repeat is written out state by state by RE2 ("[^;]{0,120}" is 120 copies); an open one
            # is wider, so still a superset, and small
            lo = lo if lo <= _WIDE_REPEAT else 0
            upper = "" if hi is C.MAXREPEAT or hi > _WIDE_REPEAT else str(hi)
            out.append("(?:" + _seq(sub, flags) + "){" + f"{lo},{upper}" + "}?")
        elif op is C.AT and av in (C.AT_BEGINNING, C.AT_BEGINNING_STRING):
            # the start of the text (or of a line, with MULTILINE), as in `re`: "^\W*we" proposes no place mid-line
            out.append("(?m:^)" if av is C.AT_BEGINNING and flags & re.M else r"\A")
        elif op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            continue  # an assertion only narrows where the original matches
        else:
            raise Untranslatable(f"operator {op}")
    return "".join(out)


def _superset(tree: Any) -> str:
    """An RE2 pattern that matches at every position where the parsed `re` pattern can start a match."""
    return "(?i)" + _seq(tree, tree.state.flags)


class _Text:
    """A report's text as RE2 reads it (UTF-8), with byte <-> character offsets."""

    __slots__ = ("_bytes_at", "_extra", "data", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.data = text.encode("utf-8", "surrogatepass")
        self._bytes_at: list[int] = []  # byte offset of each non-ASCII character
        self._extra: list[int] = []  # extra bytes before and including each of them
        if len(self.data) != len(text):
            extra = 0
            for m in re.finditer(r"[^\x00-\x7f]", text):
                self._bytes_at.append(m.start() + extra)
                extra += len(m.group().encode("utf-8", "surrogatepass")) - 1
                self._extra.append(extra)

    def byte(self, c: int) -> int:
        """The byte offset of character offset `c`."""
        if not self._bytes_at:
            return c
        lo, hi = 0, len(self._bytes_at)  # the non-ASCII characters before c: the k with char(bytes_at[k]) < c
        while lo < hi:
            mid = (lo + hi) // 2
            if self._bytes_at[mid] - (self._extra[mid - 1] if mid else 0) < c:
                lo = mid + 1
            else:
                hi = mid
        return c + (self._extra[lo - 1] if lo else 0)

    def char(self, b: int) -> int:
        """The character offset of byte offset `b` (a character boundary)."""
        k = bisect_right(self._bytes_at, b - 1)
        return b - (self._extra[k - 1] if k else 0)


class Finder:
    """`finditer` for one compiled Python pattern, with RE2 proposing where to try it."""

    __slots__ = ("_match", "_rx", "pattern")

    def __init__(self, pattern: re.Pattern[str], rx: Any) -> None:
        self.pattern = pattern
        self._match = pattern.match
        self._rx = rx

    def finditer(self, text: _Text, start: int = 0) -> Iterator[re.Match[str]]:
        """The pattern's matches in `text` from character `start`, exactly as `pattern.finditer(text.text, start)`."""
        s_text, data, match, search = text.text, text.data, self._match, self._rx.Match
        n = len(data)
        ascii_only = n == len(s_text)
        unanchored = _re2_core.RE2.Anchor.UNANCHORED
        pos = start if ascii_only else text.byte(start)  # byte offset where RE2 searches next
        while pos <= n:
            s = search(unanchored, data, pos, n)[0][0]  # the first place from pos where the pattern can start
            if s < 0:
                return
            cs = s if ascii_only else text.char(s)
            m = match(s_text, cs)
            nxt = cs + 1 if m is None else m.end()  # (the pattern cannot match the empty string)
            if m is not None:
                yield m
            pos = nxt if ascii_only else text.byte(nxt)


# (one automaton for each pattern however many rules use it: RE2 builds its DFA's states as the text asks for them, so
# a second automaton for the same pattern would build them all again on text not read before)
@lru_cache(maxsize=1024)
def finder(pattern: re.Pattern[str]) -> Finder | None:
    """A fast `finditer` for `pattern`, or None when it must keep its own (no RE2, untranslatable, empty match)."""
    if _re2_module is None:
        return None
    try:
        tree = P.parse(pattern.pattern, pattern.flags)
        if tree.getwidth()[0] == 0:
            return None
        options = _re2_module.Options()
        options.max_mem = 64 << 20
        options.log_errors = False  # a DFA over its memory budget falls back to the NFA (same matches): no log line
        rx = _re2_core.RE2(_superset(tree).encode("utf-8"), options)
    except (Untranslatable, re.error, TypeError, ValueError):
        return None
    if not rx.ok():
        return None
    return Finder(pattern, rx)


def text_of(text: str) -> _Text:
    """The text in the form `Finder.finditer` reads (encode once per report, share across patterns)."""
    return _Text(text)


class FastPattern:
    """A compiled `re` pattern whose `search` and `finditer` let RE2 propose where to try it (same results)."""

    __slots__ = ("_finder", "_re", "pattern")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self._re = pattern
        self._finder = finder(pattern)
        self.pattern = pattern.pattern

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        """As `re.Pattern.search`."""
        if self._finder is None:
            return self._re.search(text, pos)
        return next(self._finder.finditer(_Text(text), pos), None)

    def finditer(self, text: str, pos: int = 0) -> Iterator[re.Match[str]]:
        """As `re.Pattern.finditer`."""
        if self._finder is None:
            return self._re.finditer(text, pos)
        return self._finder.finditer(_Text(text), pos)

    def match(self, text: str, pos: int = 0) -> re.Match[str] | None:
        """As `re.Pattern.match`."""
        return self._re.match(text, pos)


class FastAlternation:
    """Many patterns searched as their alternation would be (the leftmost match; at one place, the first pattern in
    order), each small group of them with an RE2 proposal of its own: one automaton for all of them grows too large
    to search fast (the 66 generic-statement patterns over 1,500 sentences: 0.54 s as one, 0.17 s in groups of ten)."""

    __slots__ = ("_groups",)

    def __init__(self, groups: list[FastPattern]) -> None:
        self._groups = groups

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        """As `re.Pattern.search` of the whole alternation."""
        best = None
        for group in self._groups:  # in order: at the same place an earlier group's match is the alternation's
            m = group.search(text, pos)
            if m is not None and (best is None or m.start() < best.start()):
                best = m
        return best


def fast(pattern: re.Pattern[str]) -> FastPattern:
    """`pattern` with RE2-proposed `search` and `finditer`."""
    return FastPattern(pattern)
