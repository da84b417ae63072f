"""The medspaCy pipeline: a blank English model with rule-based components only, built once and cached.

Components (all rule-based, nothing is downloaded):
  medspacy_tokenizer       medspaCy's clinical tokenizer ("L4-5" -> "L4", "-", "5")
  spinekg_sentences        sentence boundaries for radiology reports (see `split_sentences`)
  medspacy_target_matcher  TargetRules from `vocabulary` (implants, levels, sides, findings, ...)
  medspacy_context         ConText rules from `vocabulary` (negation, uncertainty, history, hypotheses)
  medspacy_sectionizer     radiology sections (FINDINGS, IMPRESSION, COMPARISON, TECHNIQUE, HARDWARE, ...)

medspaCy's own sentence splitter (PyRuSH) was measured at ~35 ms per report in this setting (it
formats debug messages for every token), which alone would cap throughput below the 50 reports/s
target, so sentences are split by the small rule component below.
"""
from __future__ import annotations

import bisect
import re
import threading
from itertools import pairwise
from typing import Any

from . import vocabulary as V
from .prefilter import fast

_LOCK = threading.Lock()
_NLP: Any = None

# Sentence ends: . ! ? followed by space and a capital, digit, list marker or quote; a blank line;
# a line that starts a list item or a section header; a line break after a line ending in . : ;
_ABBREV = re.compile(r"(?:\b(?:approx|e\.g|i\.e|vs|dr|fig|ca|cf|etc|al|incl|pt|pts|yo|y\.o|st|mr|mrs|ms|resp|ref|ant|post|"
                     r"lat|med|sup|inf|bil|bilat|est|max|min|ap|s/p)\.)$", re.I)
# a side written short at the end of a terse line, before the next one: "Lucency around L5 screws bilat. Cage intact."
_ENDS_A_LINE = re.compile(r"\bbil(?:at)?\.$", re.I)
_NEW_WORD = re.compile(r"\s+(?-i:[A-Z][a-z]+)\b")
_HEADER_LINE = re.compile(r"^\s*(?:[A-Z][A-Z /&-]{2,40}|[A-Z][a-z]+(?: [a-z]+){0,3}):")
_LIST_ITEM = re.compile(r"^\s*(?:\d{1,2}[.)]|[-*•]|\(\d{1,2}\)|[a-z][.)])\s+")


STARTS_KEY = "spinekg_sentence_starts"  # Doc.user_data: the sentence starts of the report as written


def join_lines(text: str, starts: list[int]) -> str:
    """The text with each line break inside a sentence read as a space (same length, same offsets)."""
    out = list(text)
    at = set(starts)
    for m in re.finditer(r"\n", text):
        j = m.end()
        while j < len(text) and text[j] in " \t\r":
            j += 1
        if j not in at and j < len(text) and text[j] != "\n" and m.start() > 0 and text[m.start() - 1] != "\n":
            out[m.start()] = " "
    return "".join(out)


# a table's row: a level, then cells set apart by runs of spaces ("  T5     lateral breach 1.5 mm (B)     contained")
_TABLE_ROW = re.compile(r"^\s*[CTLS]\d{1,2}(?:\s*[-/]\s*[CTLS]?\d{1,2})?\s{2,}\S")
_OPEN_END = re.compile(r"\b(?:the|a|an|of|at|to|and|or|from|through|with|in|on|by|around|about|left|right|bilateral|both"
                       r"|is|are|was|were)$", re.I)


def sentence_starts(text: str) -> list[int]:
    """Character offsets where sentences start (the first is 0)."""
    starts = [0]
    n = len(text)
    # blank lines and line-level starts
    lines = text.split("\n")
    pos = 0
    prev_line = ""
    for i, line in enumerate(lines):
        if i > 0:
            stripped_prev = prev_line.rstrip()
            # (a header's text or a short line that runs on in lower case is one sentence: "FINDINGS: ... artifact. No
            # / evidence of hardware loosening")
            # (and so does a line after one cut off at a word that cannot end a sentence: "Thin lucency about the right /
            # L3 and L4 screws")
            runs_on = (line.lstrip()[:1].islower() or bool(_OPEN_END.search(stripped_prev))) \
                and not stripped_prev.endswith((".", ":", ";", "!", "?"))
            new = (not stripped_prev.strip()) or bool(_LIST_ITEM.match(line)) or bool(_HEADER_LINE.match(line)) \
                or bool(_TABLE_ROW.match(line)) \
                or stripped_prev.endswith((".", ":", ";", "!", "?")) or not line.strip() \
                or ((bool(_HEADER_LINE.match(prev_line)) or len(stripped_prev.strip()) < 30) and not runs_on)
            if new and line.strip():
                starts.append(pos + len(line) - len(line.lstrip()))
        prev_line = line
        pos += len(line) + 1
    # sentence punctuation inside lines
    for m in re.finditer(r"[.!?](?=[\"')\]]?\s+[\"'(\[]?(?:[A-Z0-9]|$))", text):
        end = m.end()
        if text[m.start()] == "?" and (m.start() == 0 or text[m.start() - 1] in " \t\n("):
            continue  # a question mark that opens what it asks: "2. ? 2 mm post migration of L4-5 TLIF cage"
        head = text[max(0, m.start() - 12): m.end()]
        if _ABBREV.search(head) and not text[m.start() - 1: m.start()].isdigit() \
                and not (_ENDS_A_LINE.search(head) and _NEW_WORD.match(text, end)):
            continue
        j = end
        while j < n and text[j] in "\"')]":
            j += 1
        while j < n and text[j].isspace():
            j += 1
        if j < n:
            starts.append(j)
    # dictation run on without stops: "no lucency around the screws the left rod is fractured at L4-5"
    starts.sort()
    for m in _RUN_ON.finditer(text):
        k = bisect.bisect_right(starts, m.start())
        before = text[starts[k - 1] if k else 0: m.start()]
        if _CLAUSE_SAID.search(before) and "\n" not in text[m.start() - 1: m.end()]:
            bisect.insort(starts, m.end())
    # a section's word inside dictation run on without stops: "... coronal alignment is maintained impression bilateral
    # rod fractures at L5-S1 ..."
    for m in _INLINE_HEADER.finditer(text):
        if "." not in text[max(0, m.start() - 120): m.start()]:
            starts.append(m.start())
    # a header followed by text on the same line ("FINDINGS: There is ...") stays one sentence
    return sorted({s for s in starts if s < n})


_INLINE_HEADER = fast(re.compile(r"(?<=[a-z0-9%)] )(?<!\bthe )(?<!\bmy )(?<!\ban )(?:impression|findings|conclusion|opinion)"
                                 r"(?= (?!of\b|is\b|was\b|that\b|are\b|were\b)[a-z0-9])"))


# a word that can end a clause, then a new clause's subject and verb, with no stop between
_RUN_ON = fast(re.compile(r"\b(?:screws?|rods?|cages?|plates?|leads?|hardware|instrumentation|construct|connectors?|"
                          r"[CTLS]\d{1,2}(?:\s*-\s*[CTLS]?\d{1,2})?|intact|unchanged|position|place|alignment|seen|noted|identified"
                          r"|evident|present|loosening|lucency|fracture|fractured|broken)[ \t]+"
                          r"(?=(?:there\s+(?:is|are|was|were)|the\s+(?:[\w-]+\s+){0,4}?(?:is|are|was|were|has|have|appears?"
                          r"|remains?))\b)"
                          # a denied finding, then a new subject with no article: "there is no screw backout alignment is
                          # unchanged impression interval 3 mm subsidence ..."
                          r"|(?<=\bno\s)(?:[\w-]+\s+){0,2}?(?:back-?out|loosening|lucency|fracture|migration|subsidence"
                          r"|complication|breakage)[ \t]+(?=(?!(?:or|and|of|at|in|on|is|are|was|were)\b)[\w-]+\s+(?:is|are|remains?)\b"
                          r"|(?:impression|conclusion|opinion|findings)\b)", re.I))
# what the words before it must hold to be a clause of their own (not "At L4-5 the cage is ...")
_CLAUSE_SAID = re.compile(r"\b(?:is|are|was|were|no|without|intact|unchanged|seen|noted|identified|fractured|broken"
                          r"|demonstrated|shows?|remains?)\b", re.I)


def _sentence_component(doc):
    from bisect import bisect_left

    import numpy
    from spacy.attrs import SENT_START

    idx = [tok.idx for tok in doc]
    first = set()
    for s in doc.user_data.get(STARTS_KEY) or sentence_starts(doc.text):
        i = bisect_left(idx, s)
        while i < len(doc) and doc[i].is_space:
            i += 1
        if i < len(doc):
            first.add(i)
    # One array write: setting token.is_sent_start one token at a time re-checks the whole document's
    # annotation for every token (quadratic in the report's length).
    values = numpy.array([1 if (i == 0 or (i in first and not doc[i].is_space)) else -1 for i in range(len(doc))],
                         dtype="int64").astype("uint64").reshape(-1, 1)
    if len(doc):
        doc.from_array([SENT_START], values)
    return doc


def _quiet() -> None:
    """Silence medspaCy's and PyRuSH's loggers and warnings about overlapping rule matches."""
    import logging
    import warnings

    warnings.filterwarnings("ignore", message=r".*conflicts with a pre-existing entity.*")
    warnings.filterwarnings("ignore", category=UserWarning, module=r"medspacy.*")
    warnings.filterwarnings("ignore", category=DeprecationWarning, module=r"(spacy|thinc|medspacy|weasel).*")
    logging.getLogger("medspacy").setLevel(logging.ERROR)
    try:
        from loguru import logger

        logger.disable("PyRuSH")
        logger.disable("medspacy")
    except ImportError:  # pragma: no cover - loguru comes with medspacy
        pass


_LETTERS = re.compile(r"[A-Za-z]+")


def _words_of_letters_whole(nlp) -> None:
    """Let the tokenizer take a word of ASCII letters alone as one token without trying its affix patterns.

    spaCy tries the prefix, suffix and infix patterns (long alternations) on every piece of text it has not cached, so on
    text not read before they were about a third of the tokenizer's time. None of them matches inside a run of letters
    alone (each needs a digit, a punctuation mark or a symbol: checked on every string of one to three letters and every
    word of the evaluation sets in `tests/test_nlp_pipeline_tokens.py`), so such a piece is one token either way; special
    cases ("cannot") are looked up before the patterns and are unchanged.
    """
    tok = nlp.tokenizer
    prefix, suffix, infix = tok.prefix_search, tok.suffix_search, tok.infix_finditer
    if prefix is None or suffix is None or infix is None:  # pragma: no cover - medspaCy sets all three
        return
    letters = _LETTERS.fullmatch
    tok.prefix_search = lambda s: None if letters(s) else prefix(s)
    tok.suffix_search = lambda s: None if letters(s) else suffix(s)
    tok.infix_finditer = lambda s: iter(()) if letters(s) else infix(s)


def _one_text_regex_matchers(nlp) -> None:
    """Let medspaCy's regex matchers read the report text once per document instead of once per rule.

    medspaCy's RegexMatcher rebuilds `doc.text_with_ws` for every pattern; with ~100 rules that was
    half the pipeline's time. The subclass below computes it once, finds each pattern's matches with
    `prefilter` (RE2 proposes, `re` confirms: the same matches as `finditer`, about 6x faster) and
    otherwise matches exactly as medspaCy does (same token snapping, same callbacks). If medspaCy's internals differ from what
    is expected here, the matchers are left as they are.
    """
    try:
        from medspacy.common.regex_matcher import RegexMatcher
        from medspacy.common.util import get_token_for_char
    except ImportError:  # pragma: no cover
        return

    from . import prefilter

    def finditer(pattern, text: str, shared):
        found = prefilter.finder(pattern)
        return pattern.finditer(text) if found is None else found.finditer(shared)

    class _OneTextRegexMatcher(RegexMatcher):
        def __call__(self, doc):
            text = doc.text_with_ws
            shared = prefilter.text_of(text)
            matches = []
            for match_id, patterns in self._patterns.items():
                on_match = self._callbacks.get(match_id)
                for pattern in patterns:
                    for m in finditer(pattern, text, shared):
                        span = doc.char_span(m.start(), m.end())
                        if span is None:
                            start = get_token_for_char(doc, m.start(), resolve=self.resolve_start)
                            end = get_token_for_char(doc, m.end(), resolve=self.resolve_end)
                            span = doc[start.i: len(doc) if end is None else end.i]
                        if len(span):
                            matches.append((match_id, span.start, span.end))
                        if on_match is not None:
                            on_match(self, doc, len(matches) - 1, matches)
            return matches

    for name in ("medspacy_target_matcher", "medspacy_context", "medspacy_sectionizer"):
        comp = nlp.get_pipe(name)
        for attr, value in list(vars(comp).items()):
            if not attr.endswith("__matcher"):
                continue
            rm = getattr(value, "_MedspacyMatcher__regex_matcher", None)
            if type(rm) is RegexMatcher and all(hasattr(rm, a) for a in ("_patterns", "_callbacks", "resolve_start")):
                rm.__class__ = _OneTextRegexMatcher


def _sentence_bounds(doc) -> list[tuple[int, int]]:
    """(start, end) token indices of the sentences, from the sentence starts set by `spinekg_sentences`."""
    starts = [t.i for t in doc if t.is_sent_start] or [0]
    if starts[0] != 0:
        starts.insert(0, 0)
    return list(pairwise([*starts, len(doc)]))


def _per_sentence_context(nlp) -> None:
    """Run medspaCy's ConText one sentence at a time, so that its cost is linear in the report's length.

    medspaCy's ConText compares every modifier with every other modifier and every target of the whole
    document, and finds each modifier's sentence by walking `doc.sents`: a report with many findings cost
    time quadratic in its length (a 250 KB report took minutes). A modifier's scope never leaves its
    sentence, so grouping targets and modifiers by sentence gives the same edges; scopes are computed
    from the sentence bounds as ConTextModifier does, a terminator's excepted (its own words, so that it
    ends scopes). If medspaCy's internals differ from what is expected here, the component is left as it is.
    """
    try:
        from medspacy.context import ConText
        from medspacy.context.context_graph import ConTextGraph
        from medspacy.context.context_modifier import ConTextModifier
    except ImportError:  # pragma: no cover
        return
    comp = nlp.get_pipe("medspacy_context")
    if type(comp) is not ConText or not hasattr(comp, "_ConText__matcher"):  # pragma: no cover
        return
    from bisect import bisect_right

    def scope(rule, start: int, end: int, sent: tuple[int, int]) -> tuple[int, int]:
        s0, s1 = sent
        direction = rule.direction.lower()
        ms = rule.max_scope
        if direction == "terminate":
            # a terminator's scope is its own words: medspaCy limits a cue's scope only by a modifier whose scope overlaps
            # the cue's by its ends (`tuple_overlaps`), which a whole sentence containing that scope does not, so a
            # terminator scoped to its sentence never ended anything ("The screw is not loose; the rod is fractured")
            return start, end
        if direction == "forward":
            lo, hi = end, s1
            if ms is not None and hi - lo > ms:
                hi = end + ms
        elif direction == "backward":
            lo, hi = s0, start
            if ms is not None and hi - lo > ms:
                lo = start - ms
        else:
            lo, hi = s0, s1
            if ms is not None and start - lo > ms:
                lo = start - ms
            if ms is not None and hi - end > ms:
                hi = end + ms
        return lo, hi

    from medspacy.context import ConTextRule

    from .statements import comma_splices

    splice_rule = ConTextRule("comma splice", "TERMINATE", direction="TERMINATE")

    class _PerSentenceConText(ConText):
        def __call__(self, doc, targets=None):
            if targets:
                targets = getattr(doc._, targets)
            elif self.input_span_type == "ents":
                targets = doc.ents
            else:
                targets = doc.spans.get(self.span_group_name, [])
            bounds = _sentence_bounds(doc)
            firsts = [b[0] for b in bounds]
            matcher = self._ConText__matcher
            by_sent: dict[int, tuple[list, list]] = {}
            for match_id, start, end in matcher(doc):
                rule = matcher.rule_map[self.nlp.vocab[match_id].text]
                si = bisect_right(firsts, start) - 1
                lo, hi = scope(rule, start, end, bounds[si])
                mod = ConTextModifier(rule, start, end, None, scope_start=lo, scope_end=hi, max_scope=self.max_scope)
                by_sent.setdefault(si, ([], []))[1].append(mod)
            for t in targets:
                si = bisect_right(firsts, t.start) - 1
                by_sent.setdefault(si, ([], []))[0].append(t)
            all_edges = []
            for si in sorted(by_sent):
                sent_targets, mods = by_sent[si]
                if not mods:
                    continue
                # a comma that joins two clauses ends every cue's scope, as 'but' or ';' does
                s0, s1 = bounds[si]
                for i in comma_splices([doc[k].lower_ for k in range(s0, s1)]):
                    mods.append(ConTextModifier(splice_rule, s0 + i, s0 + i + 1, None, scope_start=s0 + i,
                                                scope_end=s0 + i + 1, max_scope=self.max_scope))
                graph = ConTextGraph(prune_on_modifier_overlap=self.prune_on_target_overlap)
                graph.targets, graph.modifiers = sent_targets, mods
                graph.update_scopes()
                graph.apply_modifiers()
                all_edges.extend(graph.edges)
            for target, modifier in all_edges:
                target._.modifiers += (modifier,)
            if self.context_attributes_mapping:
                self.set_context_attributes(all_edges)
            return doc

    comp.__class__ = _PerSentenceConText


def build_nlp():
    """Build the pipeline (about a second: imports spaCy and medspaCy and compiles the rules)."""
    _quiet()
    import medspacy
    import spacy
    from medspacy.context import ConTextRule
    from medspacy.section_detection import SectionRule
    from medspacy.target_matcher import TargetRule
    from spacy.language import Language

    if "spinekg_sentences" not in Language.factories:
        Language.component("spinekg_sentences")(_sentence_component)
    nlp = medspacy.load(
        spacy.blank("en"),
        medspacy_enable=["medspacy_tokenizer", "medspacy_target_matcher", "medspacy_context", "medspacy_sectionizer"],
        load_rules=False,
    )
    nlp.add_pipe("spinekg_sentences", before="medspacy_target_matcher")
    # Matches go to a span group rather than doc.ents (adding entities one by one is quadratic);
    # ConText and the sectionizer read the same group.
    nlp.get_pipe("medspacy_target_matcher").result_type = "group"
    nlp.get_pipe("medspacy_context").input_span_type = "group"
    nlp.get_pipe("medspacy_sectionizer").input_span_type = "group"

    from .statements import alternation  # the same alternatives, the word boundary tested once (faster to match)

    rules = []
    for pattern, kind in V.IMPLANT_PATTERNS:
        rules.append(TargetRule(f"implant:{kind}", "IMPLANT", pattern=alternation([pattern]), metadata={"kind": kind}))
    for pattern, form in V.LEVEL_PATTERNS:
        rules.append(TargetRule(f"level:{form}", "LEVEL", pattern=alternation([pattern]), metadata={"form": form}))
    for pattern, side in V.SIDE_PATTERNS:
        rules.append(TargetRule(f"side:{side}", "SIDE", pattern=alternation([pattern]), metadata={"side": side}))
    for pattern, form in V.DIRECTION_PATTERNS:
        rules.append(TargetRule(f"direction:{form}", "DIRECTION", pattern=alternation([pattern]), metadata={}))
    for pattern, name in V.STRUCTURE_PATTERNS:
        rules.append(TargetRule(f"structure:{name}", "STRUCTURE", pattern=alternation([pattern]), metadata={"structure": name}))
    for pattern, form in V.MEASURE_PATTERNS:
        rules.append(TargetRule(f"measure:{form}", "MEASURE", pattern=alternation([pattern]), metadata={"form": form}))
    rules.append(TargetRule("measure:size", "IGNORE", pattern=r"(?<![\w.])\d+(?:\.\d+)?\s*(?:x|×|by)\s*\d+(?:\.\d+)?\s*(?:mm|cm)\b",
                            metadata={}))
    from .ontology_terms import direction_words, finding_patterns

    # the grammar's patterns and the ontology's words (labels and synonyms), one alternation per family: each rule
    # is a pass of the regex matcher over the report
    by_family: dict[str, list[str]] = {}
    for pattern, family in list(V.FINDING_PATTERNS) + finding_patterns():
        by_family.setdefault(family, []).append(pattern)
    for family, patterns in by_family.items():
        rules.append(TargetRule(f"finding:{family}", "FINDING", pattern=alternation(patterns),
                                metadata={"family": family}))
    onto_dirs = sorted(w for w in direction_words() if w not in V.DIRECTION_WORDS)
    if onto_dirs:
        rules.append(TargetRule("direction:ontology", "DIRECTION", pattern=r"\b(?:" + "|".join(map(re.escape, onto_dirs)) + r")\b",
                                metadata={}))
    # one alternation: each rule is a pass of the regex matcher over the report
    rules.append(TargetRule("ignore", "IGNORE", pattern=alternation(V.IGNORE_PATTERNS), metadata={}))
    nlp.get_pipe("medspacy_target_matcher").add(rules)

    context = nlp.get_pipe("medspacy_context")
    context.prune_on_target_overlap = True
    # a REPORTED cue modifies no target (there is no "NOTHING" label) and only ends the scopes that name it
    targets = {"TERMINATE": None, "REPORTED": {"NOTHING"}}
    context.add([ConTextRule(f"{category.lower()}:{i}", category, pattern=alternation([pattern]), direction=direction,
                             max_scope=scope, terminated_by=ended_by[0] if ended_by else None,
                             allowed_types=targets.get(category, {"FINDING"}))
                 for i, (pattern, category, direction, scope, *ended_by) in enumerate(V.CONTEXT_RULES)])

    sectionizer = nlp.get_pipe("medspacy_sectionizer")
    sectionizer.assertion_attributes_mapping = None
    section_rules = []
    for category, words in V.SECTIONS:
        alternatives = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
        section_rules.append(SectionRule(f"{category} header", category,
                                         pattern=rf"(?m)^[ \t]*(?:{alternatives})[ \t]*(?::|$)"))
    sectionizer.add(section_rules)
    _words_of_letters_whole(nlp)
    _one_text_regex_matchers(nlp)
    _per_sentence_context(nlp)
    return nlp


def get_nlp():
    """The shared pipeline, built on first use."""
    global _NLP
    if _NLP is None:
        with _LOCK:
            if _NLP is None:
                _NLP = build_nlp()
    return _NLP
