"""RE2-proposed matching (spinekg.nlp.prefilter) gives exactly the matches of Python's `re`, only faster."""
from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from spinekg.nlp import prefilter

NLP = Path(__file__).parent / "data" / "nlp"

# patterns with what RE2 cannot say (look-arounds) or says differently (Unicode \w, \b, \s, \d; case folding)
TRICKY = [
    r"(?<![\w.])\d+(?:\.\d+)?\s*(?:x|×|by)\s*\d+(?:\.\d+)?\s*(?:mm|cm)\b",
    r"\b(?:screws?|rods?)\b(?!\s*-?\s*compatible)",
    r"(?<=\s)L[1-5](?:-[1-5])?\b",
    r"\bkelvin|\bstrasse|\bsk\b",
    r"\bimplants?\b|[a-z]+ing\b",
    r"(?m)^\s*(?:FINDINGS|IMPRESSION)\s*:",
    r"[^\W\d]+ed\b",
    r"\w+\s+\w+",
    r"\s{2,}",
    r"a.*?b",
    r"(?:ab){2,1500}",
    r"[^a-z\s]{2}",
    r"(?>lucen)cy|halo",
    r"\bloos(?:e|ening)\b(?=\s+of)",
    r"^\W*(?:and\s+)?we\s+\w+",  # the start of the text only
    r"\A\s*L\d|(?m:^)\s*S\d",
    r"(?-i:\b(?:R|Rt)\b)\s+screw|(?i:kelvin)K",  # case kept inside the group, or folded inside it only
    r"\b(?:\w+\s+){0,3}?loose(?:ning)?\s+(?:of\s+)?(?:the\s+)?(?:left|right)\s+screws?\b",  # a lazy bridge of words
    # look-aheads at the end, read as text that must follow: one inside another's group, two at one place, one before a
    # look-behind, one that is not at the end
    r"(?:(?:came|got)\s+loose(?=\s+from)|free(?=\s+(?:of|from)))\b(?=\s+(?:of|from)\s+(?:the\s+)?rods?\b)",
    r"\bloose\b(?=\s+\w+)(?=\s+of)|\bhalo(?=s?\b)(?<=o)",
    r"(?:at|in)\b(?=\s+L\d)\s+\w+|(?<=\blead\s)(?:lies\s+)?(?:at|in)\b(?=\s+(?:the\s+)?[LS]\d)",
    r"(?:screws?|rods?)[ \t]+(?=(?:there\s+(?:is|are)|the\s+(?:\w+\s+){0,2}?(?:is|are))\b)",
    # what the text's ASCII shadow stands for: negated classes that name a shadow ("s", "i", "k", "_", "0", a space),
    # characters beyond ASCII in the pattern, Unicode digits, spaces and letters beside word boundaries
    r"[^s ]+k\b|[^_0]\w|\bi[^\Wi]",
    r"\d+\s*[°×–-]\s*\d|[^×\n]{2}\b",
    r"\B[éK]\w*|\b\w+\B",
]
ALPHABET = "abcdeiklmnorstxyzABKLS0123456789 .-:\n\t×é\u212aſİı\u00a0\u2009–µ_²٣\u2028\x85É°"  # ı: "ımplant" matches \bimplant under re.I


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


def _fast_spans(f: prefilter.Finder, text: str, start: int = 0) -> list[tuple[int, int]]:
    return [m.span() for m in f.finditer(prefilter.text_of(text), start)]


@pytest.mark.parametrize("source", TRICKY)
@pytest.mark.parametrize("flags", [0, re.I])
@settings(max_examples=60, deadline=None)
@given(text=st.text(alphabet=ALPHABET, max_size=80))
def test_same_matches_as_re_on_any_text(source: str, flags: int, text: str) -> None:
    pattern = re.compile(source, flags)
    f = prefilter.finder(pattern)
    assert f is not None, source
    assert _fast_spans(f, text) == _spans(pattern, text)


@pytest.mark.parametrize("source", TRICKY)
def test_search_from_a_position_as_re(source: str) -> None:
    text = "Screws at L4-5 é× 3 x 4 mm; FINDINGS: loosening of the halo ab" * 3 + " kelvin \u212a strasse ſk"
    pattern = re.compile(source, re.I)
    fast = prefilter.fast(pattern)
    for pos in range(0, len(text), 7):
        want = pattern.search(text, pos)
        got = fast.search(text, pos)
        assert (got.span() if got else None) == (want.span() if want else None), pos
        assert [m.span() for m in fast.finditer(text, pos)] == [m.span() for m in pattern.finditer(text, pos)]


def test_untranslatable_or_empty_patterns_keep_re() -> None:
    backref = re.compile(r"(\w)\1")
    assert prefilter.finder(backref) is None
    assert prefilter.finder(re.compile(r"\s*")) is None  # can match the empty string
    fast = prefilter.fast(backref)
    assert [m.group() for m in fast.finditer("a screw loose ll")] == ["oo", "ll"]
    assert fast.search("abba").group() == "bb"


def test_the_pipelines_patterns_match_as_re_on_real_text() -> None:
    from spinekg.nlp.pipeline import get_nlp

    texts = []
    for f in [*sorted((NLP / "realtext").glob("dev*.yaml")), NLP / "eval.yaml"]:
        texts += [it["text"] for it in yaml.safe_load(f.read_text(encoding="utf-8"))]
    reports = ["\n".join(texts[i:i + 8]) for i in range(0, len(texts), 8)]
    rnd = random.Random(7)
    noisy = []
    for r in reports[:40]:
        chars = list(r)
        for _ in range(30):
            chars.insert(rnd.randrange(len(chars)), rnd.choice("–—é×° \u00a0ſ\u212aİ\u2009’“µ"))
        noisy.append("".join(chars))
    nlp = get_nlp()
    checked = 0
    for name in ("medspacy_target_matcher", "medspacy_context", "medspacy_sectionizer"):
        comp = nlp.get_pipe(name)
        for attr, value in vars(comp).items():
            if not attr.endswith("__matcher"):
                continue
            for patterns in value._MedspacyMatcher__regex_matcher._patterns.values():
                for pattern in patterns:
                    f = prefilter.finder(pattern)
                    assert f is not None, pattern.pattern[:80]  # every rule of the pipeline is proposed by RE2
                    for text in reports + noisy:
                        assert _fast_spans(f, text) == _spans(pattern, text), pattern.pattern[:80]
                    checked += 1
    assert checked > 50


def test_wide_repeats_and_unicode_classes_keep_the_automaton_small() -> None:
    """A counted repeat or a Unicode class written out in full made RE2's automaton run out of memory (a log line on
    stderr and the slow fallback): the proposal keeps them small."""
    from spinekg.nlp import statements

    for fast in (*statements._generic_rx()._groups, statements._episodic_rx(), statements._observation_rx()):
        assert fast._finder is not None
        assert fast._finder._rx.ProgramSize() < 40_000, fast.pattern[:60]
    wide = prefilter.finder(re.compile(r"\bscrews?\b[^;]{0,120}?\b(?:\w+\s+){0,40}loose", re.I))
    assert wide is not None and wide._rx.ProgramSize() < 2_000


def _tries(source: str, text: str, flags: int = re.I) -> tuple[int, list[tuple[int, int]]]:
    """How many places `re` was asked to match at, and the matches found."""
    pattern = re.compile(source, flags)
    f = prefilter.finder.__wrapped__(pattern)  # a finder of its own, not the one the pipeline shares
    assert f is not None
    places: list[int] = []

    def match(s: str, i: int) -> re.Match[str] | None:
        places.append(i)
        return pattern.match(s, i)

    f._match = match
    spans = _fast_spans(f, text)
    return len(places), spans


def test_the_pattern_is_tried_only_where_its_proposal_starts() -> None:
    """`re` is tried at the places RE2 proposes, not at every character the proposal's match covers: a start of the
    text or line stays in the proposal, a case-sensitive group keeps its case, and a negated class is not every
    character."""
    has_broken = r"\bhas\s+(?:\w+\s+){0,3}?broken\b"
    assert _tries(has_broken, "The screw has since been found broken. " * 5)[1] == [(10, 37), (49, 76), (88, 115),
                                                                                   (127, 154), (166, 193)]
    # (the word boundaries are kept, so "has ... brokenly" is not proposed at all: round 40; before, once at each "has",
    # not at each of the 27 characters up to "broken")
    assert _tries(has_broken, "The screw has since been found brokenly. " * 5) == (0, [])
    assert _tries(has_broken, "The screw has since been found brokenly. " * 5 + "It has broken.")[0] == 1
    assert _tries(r"^\W*we\s+studied", "Later we studied it; and we studied more.\n" * 20, re.I | re.M) == (0, [])
    tries, spans = _tries(r"^\W*we\s+studied", "x\n-- we studied it\n", re.I | re.M)
    assert (tries, spans) == (1, [(2, 15)])
    assert _tries(r"(?-i:\b(?:R|Rt)\b)\s+screw", "the right rod; r screw; rear screws " * 10) == (0, [])
    assert _tries(r"(?-i:\b(?:R|Rt)\b)\s+screw", "the Rt screw")[1] == [(4, 12)]
    text = "we measured and weighed " * 10 + "it; and we"
    # at the one " and we" that ends a word (not at each "and we" of "and weighed", nor at each letter)
    assert _tries(r"\W+and\s+we\b", text) == (1, [(len(text) - 8, len(text))])


def test_the_shadow_keeps_offsets_and_each_characters_kind() -> None:
    """RE2 reads one ASCII character for each character of the text: a case partner of an ASCII letter as that letter,
    a Unicode digit as "0", another word character as "_", a space as " ", anything else (a lone surrogate too) as DEL;
    ASCII text as it is."""
    text = "İı ſ\u212a é٣²\u00a0\u2028–\ud800 L4-5"
    shadow = prefilter.text_of(text).data
    assert len(shadow) == len(text)
    assert shadow == b"ii sk _0_  \x7f\x7f L4-5"
    assert prefilter.text_of("The L4 screw.").data == b"The L4 screw."
    # and a match after a surrogate is found at its offset in the text
    f = prefilter.finder.__wrapped__(re.compile(r"\bL\d\b"))
    assert f is not None and _fast_spans(f, text) == [(len(text) - 4, len(text) - 2)]


def test_a_look_ahead_at_the_end_narrows_the_proposal() -> None:
    """What a look-ahead at the end of the pattern asks for must follow a match, so RE2 proposes only places where it
    does: "in" before a level, not every "in" of the text (round 40: fewer than half the tries on the timed reports)."""
    text = "in the spine and in the canal, " * 20 + "lies in L4"
    assert _tries(r"\b(?:at|in)\b(?=\s+(?:the\s+)?L\d)", text) == (1, [(len(text) - 5, len(text) - 3)])
    # (but not a look-ahead followed by more of the pattern, both read at the same place: every "in" before a word,
    # the forty "in the" and the "in L4")
    assert _tries(r"\bin\b(?=\s+the)\s+\w+", text)[0] == 41
    # nor two at the end of nested groups: either may hold where the other is read
    nested = r"(?:loose(?=\s+from)|free)\b(?=\s+(?:of|from)\s+the\s+rod)"
    assert _tries(nested, "came loose from the rod; free of the rod; loose of the rod")[1] == [(5, 10), (25, 29)]


def test_one_automaton_serves_each_pattern() -> None:
    """RE2 builds its states as new text asks for them: two automata for one pattern would build them twice. The
    generic-statement groups that the statements and the history both search are one set of automata."""
    from spinekg.nlp import history, statements

    source = r"\bscrews?\s+(?:\w+\s+){0,2}?loose\b"
    assert prefilter.finder(re.compile(source, re.I)) is prefilter.finder(re.compile(source, re.I))
    assert prefilter.finder(re.compile(source, re.I)) is not prefilter.finder(re.compile(source))  # other flags
    ours = {id(g._finder) for g in statements._generic_rx()._groups}
    theirs = [id(g._finder) for g in history._GENERIC[0]._groups]
    assert sum(f in ours for f in theirs) >= len(theirs) - 1  # all but a last group the two lists cut differently


@pytest.mark.parametrize("size", [1, 3, 8, 100])
def test_an_alternation_searched_in_groups_finds_what_the_whole_alternation_finds(size: int) -> None:
    from spinekg.nlp import vocabulary as V
    from spinekg.nlp.statements import compile_alternation, fast_alternation

    patterns = V.GENERIC_STATEMENTS + V.METHOD_STATEMENTS
    whole = compile_alternation(patterns)
    grouped = fast_alternation(patterns, size)
    texts = []
    for f in sorted((NLP / "realtext").glob("dev*.yaml")):
        texts += [it["text"] for it in yaml.safe_load(f.read_text(encoding="utf-8"))]
    # and places where two groups match at once: the earlier pattern's match is the alternation's
    texts += ["This study evaluated loosening, which can occur with time.", "We measured it; it may occur.", ""]
    found = 0
    for text in texts:
        a, b = whole.search(text), grouped.search(text)
        assert (a.span(), a.group(0)) == (b.span(), b.group(0)) if a else b is None, text
        found += a is not None
    assert found > 200  # the sets have many general statements: the comparison is not vacuous
