"""Exact Python-regex matches found fast: RE2 (linear-time, DFA) proposes where a match can start, `re` confirms.

medspaCy's regex matchers scan the whole report once per rule with Python's backtracking `re`; with
case-insensitive alternations of hundreds of words that was about 40 % of the pipeline's time. Here each
pattern is translated into a looser RE2 pattern that matches wherever the original can start (look-behinds and
look-aheads dropped, except a look-ahead at the end, read as text that must follow; the start of the text or line
and word boundaries kept; case folded outside `(?-i:...)`), RE2 finds the next such place in an ASCII shadow of the
text (see `_shadow`), and the original pattern is tried only there with
`re.match` (trying every place the looser match covers had cost three times as many tries; its repeats are lazy, so
RE2's own search ends early). Every match returned is the original pattern's own match, at the same positions and in
the same order as `finditer` gives them: the looser pattern
only decides where not to look, and a position it rules out is one where the original cannot match.
A pattern that cannot be translated (back-references) or that can match the empty string keeps `finditer`.
"""
from __future__ import annotations

import _sre  # type: ignore[import-not-found]  # the case mappings `re` itself uses
import codecs
import contextlib
import re
from collections.abc import Iterator
from functools import lru_cache
from itertools import groupby
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

# RE2 reads an ASCII "shadow" of the text: each non-ASCII character (and each lone surrogate) replaced by one ASCII
# character of the same kind for `re`, so that offsets stay those of the text and the automaton stays small (bytes, no
# Unicode tables). A character `re` takes for an ASCII letter ignoring case stands for that letter ("İ" and "ı" for
# "i", "ſ" for "s", the Kelvin sign for "k"); any other is a digit ("0"), another word character ("_"), a space (" ")
# or anything else (DEL). The proposal for a pattern then accepts a shadow wherever the pattern accepts one of the
# characters it stands for (see `_class`), and word boundaries are the same in the shadow as in the text.
_FOLDS_TO_ASCII = {**{c: chr(_sre.unicode_tolower(c)) for c in range(0x80, 0x10000) if _sre.unicode_tolower(c) < 0x80},
                   **{c: chr(k) for k, more in _casefix._EXTRA_CASES.items() if k < 0x80 for c in more}}
_SHADOWS = frozenset(map(ord, "0_ \x7f" + "".join(_FOLDS_TO_ASCII.values())))


def _shadow(ch: str) -> str:
    """The ASCII character that stands for a non-ASCII one in what RE2 reads."""
    c = ord(ch)
    if c in _FOLDS_TO_ASCII:
        return _FOLDS_TO_ASCII[c]
    if ch.isdecimal():
        return "0"
    if ch.isalnum():
        return "_"
    return " " if ch.isspace() else "\x7f"


def _shadow_errors(e: UnicodeError) -> tuple[str, int]:
    if not isinstance(e, UnicodeEncodeError):  # pragma: no cover - registered for encoding only
        raise e
    return "".join(map(_shadow, e.object[e.start:e.end])), e.end


codecs.register_error("spinekg-ascii-shadow", _shadow_errors)

# the ASCII members of Python's classes (its \w, \s and \d are Unicode's; their ASCII members are these)
_CATEGORY_TEST = {C.CATEGORY_DIGIT: r"\d", C.CATEGORY_NOT_DIGIT: r"\D", C.CATEGORY_SPACE: r"\s", C.CATEGORY_NOT_SPACE: r"\S",
                  C.CATEGORY_WORD: r"\w", C.CATEGORY_NOT_WORD: r"\W"}
_ASCII_IN = {cat: frozenset(c for c in range(0x80) if re.match(rx, chr(c))) for cat, rx in _CATEGORY_TEST.items()}
_NOTHING = r"[^\x{0}-\x{ff}]"  # (no byte of the shadow)
_WIDE_REPEAT = 8


class Untranslatable(ValueError):
    """The pattern uses a construct the RE2 proposal cannot stand for (e.g. a back-reference)."""


def _char(c: int) -> str:
    return f"\\x{{{c:x}}}"


def _chars(codes: set[int]) -> str:
    """A character class's body for a set of ASCII codes, as ranges."""
    runs = ([c for _, c in run] for _, run in groupby(enumerate(sorted(codes)), key=lambda ic: ic[1] - ic[0]))
    return "".join(_char(r[0]) + ("-" + _char(r[-1]) if len(r) > 1 else "") for r in runs)


def _class(items: list[tuple[Any, Any]], fold: bool = True) -> str:
    negate = bool(items) and items[0][0] is C.NEGATE
    named: set[int] = set()  # the ASCII characters the class names, and the shadows of those it names beyond ASCII
    for op, av in items[1:] if negate else items:
        if op is C.LITERAL:
            named.add(av if av < 0x80 else ord(_shadow(chr(av))))
        elif op is C.RANGE:
            named.update(range(av[0], min(av[1], 0x7F) + 1))
            if av[1] >= 0x80:
                named |= _SHADOWS  # (any kind of character beyond ASCII)
        elif op is C.CATEGORY:
            if av not in _ASCII_IN:
                raise Untranslatable(f"category {av}")
            named |= _ASCII_IN[av]  # (its members beyond ASCII have shadows among its ASCII members)
        else:
            raise Untranslatable(f"class item {op}")
    if negate:
        # everything it does not name, and every shadow (a shadow stands for characters the class may not name); matched
        # case-sensitively, it excludes no more than Python's does with or without IGNORECASE
        kept = set(range(0x80)) - (named - _SHADOWS)
        return "(?-i:[" + _chars(kept) + "])" if kept else _NOTHING
    if not named:
        raise Untranslatable("empty class")
    return ("[" + _chars(named) + "]") if fold else ("(?-i:[" + _chars(named) + "])")


_ZERO_WIDTH = (C.AT, C.ASSERT, C.ASSERT_NOT)


def _seq(items: Any, flags: int, tail: bool = False) -> str:
    """The proposal for a parsed sequence under the `re` flags in force (IGNORECASE, MULTILINE). Its repeats are lazy,
    so that a proposal ends early (only where it starts counts). `tail`: nothing the pattern consumes follows the
    sequence, so a lookahead at its end may be read as text that must follow (see below)."""
    fold = bool(flags & re.I)
    out = []
    items = list(items)
    # the last lookahead with nothing but assertions after it, in a sequence nothing follows: what it asks for must
    # follow the match, so the proposal may require it ("overlying(?=\s+the\s+spine)" proposes "overlying the spine",
    # not every "overlying"); earlier lookaheads at the same place are dropped, as the other assertions are
    last_ahead = -1
    if tail:
        for i in range(len(items) - 1, -1, -1):
            op, av = items[i]
            if op not in _ZERO_WIDTH:
                break
            if op is C.ASSERT and av[0] == 1:
                last_ahead = i
                break
    # the last item that consumes text is at the tail too, unless a lookahead is read after it: "(?:loose(?=\s+from))
    # (?=\s+of)" may read one lookahead or the other, not both one after the other
    trailing = len(items)
    while trailing > 0 and items[trailing - 1][0] in _ZERO_WIDTH:
        trailing -= 1
    for i, (op, av) in enumerate(items):
        at_tail = tail and last_ahead < 0 and i >= trailing - 1
        if i == last_ahead:
            with contextlib.suppress(Untranslatable):  # (or dropped, as the other assertions: only wider)
                out.append("(?:" + _seq(av[1], flags, True) + ")")
            continue
        if op is C.LITERAL:
            c = _char(av if av < 0x80 else ord(_shadow(chr(av))))
            out.append(c if fold else f"(?-i:{c})")
        elif op is C.NOT_LITERAL:
            out.append("(?s:.)" if av >= 0x80 or av in _SHADOWS else "(?-i:[^" + _char(av) + "])")
        elif op is C.ANY:
            out.append("(?s:.)")
        elif op is C.IN:
            out.append(_class(av, fold))
        elif op is C.BRANCH:
            out.append("(?:" + "|".join(_seq(alt, flags, at_tail) for alt in av[1]) + ")")
        elif op is C.SUBPATTERN:
            out.append("(?:" + _seq(av[-1], (flags | av[1]) & ~av[2], at_tail) + ")")  # (?-i:...) keeps its case
        elif op is C.ATOMIC_GROUP:
            out.append("(?:" + _seq(av, flags, at_tail) + ")")
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
        elif op is C.AT and av in (C.AT_BOUNDARY, C.AT_NON_BOUNDARY):
            # (a word boundary of the text is one of its shadow, and RE2's ASCII \b finds it there)
            out.append(r"\b" if av is C.AT_BOUNDARY else r"\B")
        elif op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            continue  # an assertion only narrows where the original matches
        else:
            raise Untranslatable(f"operator {op}")
    return "".join(out)


def _superset(tree: Any) -> str:
    """An RE2 pattern that matches the shadow of a text at every position where the parsed `re` pattern can start a
    match in the text."""
    return "(?i)" + _seq(tree, tree.state.flags, tail=True)


class _Text:
    """A report's text and its ASCII shadow, which RE2 reads (same offsets)."""

    __slots__ = ("data", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.data = text.encode("ascii", "spinekg-ascii-shadow")


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
        unanchored = _re2_core.RE2.Anchor.UNANCHORED
        pos = start
        while pos <= n:
            s = search(unanchored, data, pos, n)[0][0]  # the first place from pos where the pattern can start
            if s < 0:
                return
            m = match(s_text, s)
            pos = s + 1 if m is None else m.end()  # (the pattern cannot match the empty string)
            if m is not None:
                yield m


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
        options.encoding = _re2_module.Options.Encoding.LATIN1  # (the shadow is ASCII: one byte a character)
        rx = _re2_core.RE2(_superset(tree).encode("ascii"), options)
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
