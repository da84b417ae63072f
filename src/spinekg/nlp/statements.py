"""Which clauses of a report sentence state a finding of this patient, and which speak in general.

A sentence is cut into clauses at ';', at words that open a clause of their own (but, however, whereas,
although, though, while, yet, except, which), and at ', and' / ', or' when a new subject or a verb follows
("..., and it was more frequently associated with ..."), not when they close a list ("physical and surgical
factors, and comorbidities affecting cage retropulsion").

- A clause that holds a generic-statement cue (`vocabulary.GENERIC_STATEMENTS`: the literature, a study's
  aim, statistics, definitions, advice, lists of kinds, a finding named as a kind) speaks in general: the
  extractor sets its findings aside, with the cue as the reason.
- A finding with no implant named in its clause is this patient's only when the clause reports it as observed
  (`vocabulary.OBSERVATION_WORDS`: "Subsidence was observed in 21% ...") or is a report's verbless line
  ("Mild subsidence.").

    >>> words = "subsidence was observed in 21 % , and it was associated with age".split()
    >>> clause_numbers(words)
    [0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1]
    >>> generic_cue("it was more frequently associated with higher values of bone surface area")
    'was more frequently associated with'
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from . import vocabulary as V
from .prefilter import FastAlternation, FastPattern, fast

__all__ = ["TITLE_TOPIC", "alternation", "clause_numbers", "comma_splices", "compile_alternation", "fast_alternation",
           "generic_cue", "however_aside", "observed", "title", "verbless", "whole_statement"]

_OPENERS = frozenset({";", "but", "however", "whereas", "although", "though", "while", "yet", "except", "which",
                      "whereby"})
_CONCESSIVE = frozenset({"although", "though", "while", "whereas", "if", "albeit"})
_THAT_CLAUSE = frozenset({"showing", "suggesting", "indicating", "meaning", "demonstrating", "proving"})
_COORDINATORS = frozenset({"and", "or"})
_SUBJECTS = frozenset({"it", "he", "she", "they", "there", "we", "this", "these", "those", "one"})
_LOOKAHEAD = 8  # words read after ', and' to decide whether a clause begins


def _alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a regular expression: 'a|(b|c)|d' -> ['a', '(b|c)', 'd']."""
    parts, depth, start, i = [], 0, 0, 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":  # a character class may hold '|' and parentheses
            i = pattern.index("]", i + 2) + 1
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    parts.append(pattern[start:])
    return parts


def alternation(patterns: Sequence[str]) -> str:
    """One regular expression for many, alternatives in the same order, with the word boundary that consecutive
    alternatives open with tested once for all of them (a third faster to search than the plain alternation)."""
    parts: list[str] = []
    run: list[str] = []
    for a in (a for p in patterns for a in _alternatives(p)):
        if a.startswith(r"\b"):
            run.append(a[2:])
            continue
        if run:
            parts.append(r"\b(?:" + "|".join(f"(?:{x})" for x in run) + ")")
            run = []
        parts.append(f"(?:{a})")
    if run:
        parts.append(r"\b(?:" + "|".join(f"(?:{x})" for x in run) + ")")
    return "|".join(parts)


def compile_alternation(patterns: Sequence[str]) -> re.Pattern[str]:
    """`alternation` compiled, case-insensitive and multi-line."""
    return re.compile(alternation(patterns), re.I | re.M)


def fast_alternation(patterns: Sequence[str], size: int = 8) -> FastAlternation:
    """`compile_alternation` searched in groups of `size` patterns (the same matches, found faster)."""
    return FastAlternation([fast(compile_alternation(patterns[i:i + size])) for i in range(0, len(patterns), size)])


@lru_cache(maxsize=1)
def _generic_rx() -> FastAlternation:
    return fast_alternation(V.GENERIC_STATEMENTS + V.METHOD_STATEMENTS)


@lru_cache(maxsize=1)
def _episodic_rx() -> FastPattern:
    return fast(re.compile(V.EPISODIC_COUNT, re.I))


@lru_cache(maxsize=1)
def _observation_rx() -> FastPattern:
    return fast(re.compile(V.OBSERVATION_WORDS, re.I))


def _opens_clause(words: Sequence[str], i: int) -> bool:
    """After ', and' at i-1: does a new clause start at i (a subject pronoun, or a verb before the next comma)?"""
    if i < len(words) and words[i] in _SUBJECTS:
        return True
    for k in range(i, min(i + _LOOKAHEAD, len(words))):
        w = words[k]
        if w in {",", ";", ":"}:
            return False
        if w in V.FINITE_WORDS or (_past_form(w) and (k == 0 or words[k - 1] not in _BEFORE_AN_ADJECTIVE)):
            return True
    return False


def _past_form(word: str) -> bool:
    """A word in -ed, read as a verb where nothing says otherwise ("the rod fractured")."""
    return len(word) > 4 and word.endswith("ed")


# words after which a word in -ed is an adjective, not a verb: "case series of delayed screw back-out", "symptoms
# referable to the RF, pain, and perceived disability"
_BEFORE_AN_ADJECTIVE = frozenset({"of", "the", "a", "an", "with", "for", "in", "and", "or", "to", "from", "by", "on",
                                  "at", "into", "its", "their", "his", "her"})


def _parenthetical(words: Sequence[str], i: int) -> int:
    """', although very rare,': a concessive word with no verb before the next comma; the index of that comma, or -1."""
    for k in range(i + 1, min(i + _LOOKAHEAD, len(words))):
        w = words[k]
        if w == ",":
            return k
        if w in {";", ":"} or w in V.FINITE_WORDS or _past_form(w):
            return -1
    return -1


# (a study is a clause's subject too: "though he did not have recurrence of his symptoms, radiographs demonstrated
# anterior migration of the device")
_SPLICE_SUBJECTS = frozenset({"the", "a", "an", "there", "it", "this", "these", "his", "her", "its", "their", "no", "nil",
                              *V.STUDY_NOUNS})
# (and the verbs of where a finding lies: "halos of 1-2 mm surround the L3 and L4 screws bilaterally, the left L5 screw is
# fractured", round 32)
_SPLICE_VERBS = V.FINITE_WORDS | {"remains", "appears", "appear", "surround", "surrounds", "surrounded", "lies", "lie", "lay",
                                  "abuts", "abut", "abutted", "extends", "extend", "extended", *V.STUDY_VERBS}


# a sentence's opening subordinate clause, which ends at the comma before its main clause: "Although loosening has
# been described as a rare complication, we report ...", "Because there is no connection between the neck and the
# thorax, the migration of the screw ..."
_SUBORDINATORS = frozenset({"although", "though", "while", "whereas", "because", "since", "albeit"})


_MAIN_CLAUSE_OPENERS = _SPLICE_SUBJECTS | _SUBJECTS | {"our", "in", "at", "after"}


def _closes_opening_clause(words: Sequence[str], i: int) -> bool:
    """Is the comma at i the end of the sentence's opening subordinate clause (a verb before it, a clause after it)?"""
    j = i + 1
    return j < len(words) and (words[j] in _MAIN_CLAUSE_OPENERS or _opens_clause(words, j))


def comma_splices(words: Sequence[str]) -> list[int]:
    """The commas that join two clauses, each with its own verb: 'No fracture is seen, the cage has subsided'
    (not the commas of a list: 'around the left S1 screw, the right S1 screw, or the L5 screws'), and the comma that
    closes an opening subordinate clause with a verb ('Although ... has been described, we report ...')."""
    out: list[int] = []
    verb_before = False
    opening = next((w for w in words if w.isalnum()), "") in _SUBORDINATORS
    depth = 0
    for i, w in enumerate(words):
        depth = max(0, depth + (w == "(") - (w == ")"))
        if opening and w == "," and depth == 0:
            opening = False
            if verb_before and _closes_opening_clause(words, i):
                out.append(i)
                verb_before = False
                continue
        if w in {";", ":"}:
            verb_before = False
        elif w in _SPLICE_VERBS or (opening and _past_form(w)):
            verb_before = True
        elif w == "," and verb_before and i + 1 < len(words) and words[i + 1] in _SPLICE_SUBJECTS:
            for v in words[i + 2:i + 2 + _LOOKAHEAD]:
                if v in {",", ";", ":"}:
                    break
                if v in _SPLICE_VERBS:
                    out.append(i)
                    verb_before = False
                    break
    return out


_GERUNDS = frozenset({"showing", "having", "demonstrating", "developing", "requiring", "undergoing", "experiencing",
                      "presenting", "exhibiting", "sustaining"})


def _absolute(words: Sequence[str], i: int) -> bool:
    """', with one patient showing ...': an absolute phrase with its own subject and verb opens a clause."""
    return words[i] == "with" and words[i - 1] == "," and any(w in _GERUNDS for w in words[i + 2:i + 5])


# words that say how rare, grave or known a thing is: "a known but rare phenomenon", "a rare but serious complication"
_JUDGEMENT = frozenset({"rare", "known", "uncommon", "serious", "severe", "benign", "possible", "significant", "minor",
                        "important", "common", "frequent", "infrequent", "devastating", "dangerous", "unusual",
                        "recognized", "recognised", "well-known", "potential", "real", "simple", "effective", "safe",
                        "feasible", "challenging", "exceptional", "underreported", "underrecognized", "debilitating",
                        "life-threatening", "catastrophic", "manageable", "treatable"})


def _between_adjectives(words: Sequence[str], i: int) -> bool:
    """Does 'but' at i join two words of judgement ("a known but rare phenomenon") rather than two clauses?"""
    return words[i] == "but" and words[i - 1] in _JUDGEMENT and i + 1 < len(words) and words[i + 1] in _JUDGEMENT


def however_aside(words: Sequence[str], i: int) -> bool:
    """Is the "however" at i set off by commas inside one clause ("The cage, however, has migrated", "the rod has, however,
    broken", "The failure modes of the implanted hardware, however, have not been well studied"), not joining two ("The
    rods are intact, however, the cage has migrated")?"""
    if words[i] != "however" or not 0 < i < len(words) - 2 or words[i - 1] != "," or words[i + 1] != ",":
        return False
    # (and a past verb: "The left S1 pedicle screw, however, showed a 2-mm halo", round 32)
    return words[i + 2] in V.FINITE_WORDS or words[i + 2] in V.STUDY_VERBS or words[i + 2].endswith("ed") \
        or (i > 1 and words[i - 2] in V.FINITE_WORDS)


def clause_numbers(words: Sequence[str]) -> list[int]:
    """A clause number for every word (lower case) of a sentence, counted from 0. A verbless aside (", although
    very rare,") is a clause of its own and the words after it go on with the clause before it."""
    out: list[int] = []
    n = top = 0
    resume = -1
    splices = set(comma_splices(words))
    verb = False  # has the clause so far a verb? A list of nouns before ', and' shares the verb after it: "Subsidence,
    # ALOD, and sagittal cervical balance were analyzed ..." is one clause, also with a participle in brackets
    # ("Mechanical failures (evaluated in terms of rod fractures), radiographic outcomes, and ... were compared")
    depth = 0
    for i, w in enumerate(words):
        depth = max(0, depth + (w == "(") - (w == ")"))
        if i == resume:
            n, resume = top, -1
        if i > 0 and w in _CONCESSIVE and (end := _parenthetical(words, i)) > 0:
            top, resume = n, end + 1
            n = max(out) + 1
            verb = False
        elif i > 0 and ((w in _OPENERS and not _between_adjectives(words, i) and not however_aside(words, i))
                        or (w == "that" and words[i - 1] in _THAT_CLAUSE) or i - 1 in splices
                        or _absolute(words, i)
                        or (w in _COORDINATORS and words[i - 1] == "," and (verb or (i + 1 < len(words) and words[i + 1]
                                                                                    in _SUBJECTS))
                            and _opens_clause(words, i + 1))):
            n = max(out) + 1
            verb = False
        if depth == 0 and (w in V.FINITE_WORDS or _past_form(w)):
            verb = True
        out.append(n)
    return out


# a comparison with the literature that opens a sentence about the patient: "Unlike previous reports, the rod
# fracture in our case was asymptomatic"; "Similar to other studies, ..." (what follows the comma is the statement)
_LITERATURE_ASIDE = re.compile(
    r"^\W*(?:unlike|in\s+contrast\s+(?:to|with)|similar(?:ly)?\s+to|like|as\s+in|as\s+(?:described|reported)\s+(?:in|by)"
    r"|consistent\s+with|in\s+(?:line|agreement|accordance|keeping)\s+with|contrary\s+to|compared\s+(?:to|with))\s+"
    r"(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:reports?|studies|study|authors?|literature|series|cases|publications|findings)"
    r"(?:\s+\([^)]{0,40}\))?\s*,\s*", re.I)


# a study's own result: "This study found that screw loosening ... is common", "We found that ..." (how often a finding
# was in the study's patients, not in general)
_STUDY_RESULT = re.compile(r"\b(?:this|our|the\s+present|the\s+current)\s+(?:study|series|cohort|analysis|review)\s+(?:\w+ly\s+)?"
                           r"(?:found|showed|demonstrated|revealed|confirmed)\b|\bwe\s+(?:\w+ly\s+)?(?:found|observed)\s+that\b", re.I)
# (or were not: "Complications such as settling, telescoping, migration and pseudo-arthrosis were not observed", round 37)
_OCCURRED = re.compile(r"\b(?:occurred|developed|happened|(?:were|was)\s+(?:not\s+)?(?:observed|seen|found|noted|identified|detected)"
                       r"|did\s+not\s+(?:occur|develop|happen))\b", re.I)
_FREQUENCY = re.compile(r"\b(?:rare|uncommon|common|frequent)\b", re.I)
# a sentence that states a study's aim: every clause of it is the aim ("This study aimed to investigate the incidence,
# risk factors, and outcomes associated with screw loosening ...")
_AIM = re.compile(r"\b(?:objective|aim|purpose|goal)s?\s+(?:was|were|is|are)\s+to\b(?!\s+(?:report|describe|present|share))"
                  r"|^\W*we\s+read\s+with\s+(?:great\s+)?interest\b"  # a letter on another paper
                  r"|^\W*(?:(?:this|the\s+present|the\s+current|our)\s+(?:study|work|analysis|review)|we)\s+(?:\w+ly\s+)?"
                  r"(?:aim(?:ed|s)?|sought|intend(?:ed|s)?|set\s+out|(?:was|is)\s+designed)\s+to\b(?!\s+(?:report|describe|present|share))"
                  r"|^\W*the\s+(?:aim|purpose|objective|goal)s?\s+of\s+(?:this|the\s+present|the\s+current|our)\s+"
                  r"(?:study|work|analysis|review|research|trial|paper|article)\b"
                  r"(?!\s+(?:is|was)\s+to\s+(?:report|describe|present|share))"
                  # what a study asked: "We asked whether spine-to-spine constructs could be deployed to salvage failed ..."
                  r"|^\W*we\s+(?:asked|investigated|examined|evaluated|assessed|hypothesi[sz]ed|questioned)\s+(?:whether|if|how)\b",
                  re.I)
# (a case report's aim is to describe its patient: "The purpose of this case report is to describe ... lead extrusion")


# a comparison between groups without counts, said of every item of its subject: "The screw breakage, screw pull-outs,
# and screw loosening were the same between the two groups"
_COMPARISON = re.compile(r"\b(?:was|were|is|are)\s+(?:\w+ly\s+)?(?:the\s+same|similar|comparable|equivalent|identical|equal)\s+"
                         r"(?:between|among|across|in\s+(?:both|all|each|the\s+two))\b"
                         # a mean compared between groups: "The average migration was 2.85 mm in ... compared to 3.24 mm ..."
                         r"|\b(?:average|mean|median)\s+(?:[\w-]+\s+){0,2}?(?:migration|subsidence|displacement)\s+(?:was|were)\b"
                         r"[^;]{0,120}?\bcompared\s+(?:to|with)\b", re.I)


# a sentence that defines a finding: every clause of it is the definition ("Early fixation failure was defined as fixation
# failure, such as loosening, pull-out, and breakage of the screw on CT ...")
# (and what a syndrome is: "typical of Twiddler syndrome, in which the patient rotates the generator and winds the leads
# around it", round 32)
_DEFINITION = re.compile(r"\b(?:was|were|is|are)\s+(?:\w+ly\s+)?defined\s+as\b|\bsyndromes?,?\s+in\s+which\b", re.I)


# a sentence that reports another study, opening with its authors: every clause of it is the literature's ("In 2001,
# Harms and Melcher [11] reported ...", "Smith et al. (2010) described ...")
_CITED = re.compile(rf"^\W*(?:in\s+\d{{4}},?\s*)?{V.CITED_REPORT}"
                    # a case of the literature told in a relative clause: "One case was also described in which a screw loosened"
                    rf"|^\W*{V.LITERATURE_CASE}\s+in\s+which\b"
                    # or opening with the case it was: "In the case described by Smith et al., the cage migrated ...", "In a
                    # similar case reported by Lee and colleagues" (round 32)
                    r"|^\W*in\s+(?:the|a|another|one|their|an\s+earlier)\s+(?:similar\s+|earlier\s+|previous\s+|other\s+)?"
                    r"(?:case|cases|patient|series|report)\s+(?:\w+ly\s+)?(?:described|reported|published|presented|treated)\s+by\b",
                    re.I)


# a bench test or a drawing, every clause of it: "Bench fatigue test of a 5.5-mm titanium rod, which fractured after 2.1 million cycles"
_BENCH_OR_DRAWING = re.compile(r"\bbench(?:[\s-]+top)?\s+(?:fatigue\s+)?test(?:s|ing)?\b|\bfatigue\s+test(?:s|ing)?\b"
                    # and a drawing: "Figure 3. Schematic of a fenestrated pedicle screw showing the side holes ..."
                    r"|^\W*(?:fig(?:ure)?\.?\s*\d+\w*\.?\s*)?(?:schematic|diagram|illustration|drawing)\b", re.I)


# a sentence that names one kind of a list a sentence before gave ("The most morbid of which is lead migration ...")
_OF_WHICH = re.compile(r"^\W*(?:one|the\s+most\s+\w+|the\s+commonest|the\s+(?:first|second|third|last))\s+of\s+which\s+(?:is|are|was"
                       r"|were)\b", re.I)


# a question, not a finding: a title or a patient's post that asks ("Screw breakage after spinal fusion surgery?", "What
# Happens After a Vertebral Body Tether Break?")
_QUESTION = re.compile(r"\?[\s\"'’”)\]]*$")
# unless it asks how a finding it takes as known came to be known, or what will prevent another: "How did they discover the
# rod was broken?", "What will prevent another hardware failure?"
_PRESUPPOSED = re.compile(r"\b(?:discover(?:ed)?|f(?:i|ou)nd\s+out|kn(?:ow|ew)|notic(?:e|ed)|reali[sz]ed?|tell|told)\s+(?:that\s+)?"
                          r"(?:the|my|his|her|your|their)\s+(?:[\w-]+\s+){0,3}?(?:was|were|is|are|had|has|have)\b"
                          r"|\b(?:prevent|avoid|stop)\s+another\b"
                          # or quotes the report it asks about: "it says 'possible loosening of the right S1 screw', anyone
                          # else had this?"
                          r"|\b(?:says|said|reads|states|stated|reported)\s*[:,]?\s*['\"‘“]"
                          # or tells what the asker's own film showed before asking: "my latest X-ray shows a broken screw at
                          # S1; should I worry?", "My 12-year-old's growing rod broke on the left side; is that common?"
                          r"|\bmy\s+(?:latest\s+|last\s+|recent\s+|new\s+)?(?:x-?rays?|ct|mri|scans?|reports?|films?)\s+(?:shows?|showed)\b"
                          r"|^[^?;]*\b(?:broke|fractured|snapped|came\s+loose|backed\s+out)\b[^?;]*;\s*(?:is|are|was|should|could|can|do|does"
                          r"|will)\b", re.I)


# a condition opening the sentence, said of all of it: "If, however, the broken screw was pressing on a nerve, surgery ...
# would be considered", "If symptoms are present which may indicate implant failure, ..." (not "If any, ...")
_CONDITION = re.compile(r"^\W*if\b(?!\s*,?\s*any\b)", re.I)


# a paper's keyword line: "Keywords: Rod migration; implant failure; lumbar fusion.", a teaching point
KEYWORDS = re.compile(r"^\W*(?:key\s*-?words?|teaching\s+points?|learning\s+points?|key\s+points?|pearls?|pitfalls?"
                       r"|take[\s-]home\s+(?:messages?|points?))\s*:", re.I)


# a study's way of sorting its patients: "... and patients were classified into screw loosening and non-loosening groups"
_CLASSIFIED = re.compile(r"\b(?:was|were)\s+(?:\w+ly\s+)?(?:classified|divided|categori[sz]ed|grouped|stratified|allocated)\s+"
                         r"(?:into|according\s+to|by|as)\b", re.I)


def whole_statement(text: str) -> str | None:
    """The words that make every clause of a sentence a statement of no patient's finding -- a study's aim, a comparison
    between groups without counts, a definition, another study's report, one kind of an earlier list, a question, a
    study's sorting of its patients, an opening condition, a keyword line, a bench test or a drawing -- or None. A counted group outweighs a
    comparison, a definition or a sorting ("... were defined as the failure group (F group, n=31)")."""
    for rx, unless_counted in ((_AIM, False), (_COMPARISON, True), (_DEFINITION, True), (_CITED, False), (_OF_WHICH, False),
                               (_QUESTION, False), (_CLASSIFIED, True), (_CONDITION, False), (KEYWORDS, False),
                               (_BENCH_OR_DRAWING, False)):
        m = rx.search(text)
        if m and rx is _QUESTION and _PRESUPPOSED.search(text):
            continue
        if m and not (unless_counted and _episodic_rx().search(text)):
            return m.group(0).strip()
    return None


# one implant of the patient's, named by its side or level, as the clause's subject: "The left T6 screw breaches laterally and
# may reach the aorta" (what it may do does not make its breach a general statement)
_ONE_IMPLANT_SUBJECT = re.compile(r"^\W*(?:the|this|his|her)\s+(?:(?:left|right|bilateral|[CTLS]\d{1,2}(?:\s*-\s*[CTLS]?\d{1,2})?)"
                                  r"(?:[\s-]+sided)?\s+){1,3}(?:[\w-]+\s+){0,3}?(?:screws?|rods?|cages?|plates?|leads?|connectors?"
                                  r"|hooks?)\b", re.I)
# the patient of the report named in the clause: "The rod migration in our patient may be explained by ..." is this
# patient's migration, whatever explains it; and so is the report's own group's ("The high incidence of epidural lead
# fracture in our group suggests ...")
_THIS_PATIENT = re.compile(r"\b(?:in|of|for)\s+(?:our|this|the\s+present)\s+(?:patient|case)\b", re.I)
_OUR_GROUP = re.compile(r"\b(?:in|of|for)\s+(?:our|this|the\s+present)\s+(?:patients|cases|group|series|cohort)\b",
                        re.I)
# the report's own case as the literature does not know it ("such a migration has not been reported in the literature")
_SUCH_A_CASE = re.compile(r"\bsuch\s+an?\b", re.I)
# what a study did to its group is its method, not a finding of it ("We determined the rate of cage migration in our
# series")
_STUDIED = re.compile(r"\b(?:determin|evaluat|assess|analy[sz]|investigat|stud(?:y|ied)|review|examin|measur|compar"
                      r"|record)\w*", re.I)


# a paper's title names what the paper reports ("Risk Factors for Posterior Cage Migration after Lumbar Interbody
# Fusion"): no closing full stop, and most words of four letters or more capitalised
_TITLE_WORD = re.compile(r"\b[A-Za-z][A-Za-z'’-]{3,}")
# the cues a title's own finding outweighs: its risk factors (not a risk of it), its own clinical case series, its
# being a complication of a procedure ("Late implant migration with neurologic compromise as a complication of
# scoliosis surgery")
_TITLE_VOID = re.compile(r"risk\s+factors?\b|as\s+an?\s+(?:\w+\s+)?complication\s+of\b|clinical\s+case\s+series\b",
                         re.I)
# a case report's title names the treatment of its own patient's finding ("Surgical Management of Lumbar Hardware Failure
# Due to Recurrent Postoperative Spondylodiscitis: Case Report"), not the finding's treatment in general
_CASE_REPORTED = re.compile(r"\bcase\s+(?:reports?|series)\b|\breports?\s+of\s+(?:an?|one|two|three|four|\d+)\s+cases?\b",
                           re.I)
_AN_ACTIVITY = re.compile(r"(?:treatment|management|diagnosis|detection)\b", re.I)
# a review's title speaks of the literature's findings ("... Screw Loosening after Pelvic Fixation: A Systematic
# Review"); a case series "and literature review" speaks of its own
_REVIEW = re.compile(r"\b(?:systematic\s+review|meta-?analys[ie]s)\b", re.I)
# a report's section heading opens with a label and a colon ("INDICATION: EVALUATION OF HARDWARE LOOSENING")
_HEADING = re.compile(r"^\W*(?:\S+\s+)?\S+:|^\W*[A-Z][A-Z\s]+:")
# a title's topic words, which elsewhere ask for a finding not yet found ("CT for evaluation of loosening")
TITLE_TOPIC = re.compile(r"(?:evaluation|assessment|analysis|evaluating|assessing)\s+(?:of|for)", re.I)


def title(text: str, capitalised: bool = True) -> bool:
    """Is the sentence a title ('Risk Factors for Clinically Relevant Loosening of Percutaneous Pedicle Screws')? With
    capitalised=False also a verbless one in sentence case ('Risk factors of instrumentation failure after laminectomy')."""
    text = text.rstrip()
    if not text or text[-1] in ".!?;,:" or _HEADING.match(text):
        return False
    words = _TITLE_WORD.findall(text)
    if len(words) < 4:
        return False
    return sum(w[0].isupper() for w in words) >= 0.7 * len(words) or (
        not capitalised and words[0][0].isupper() and verbless(re.findall(r"[\w'’-]+|[^\w\s]", text.lower())))


def generic_cue(text: str, in_title: bool = False) -> str | None:
    """The words that make a clause a general statement, or None: 'was associated with', 'studies have shown'.
    A count of cases reported as observed outweighs them ('Two cases of ... were identified between 2005 and 2015'),
    and so does a study's own result for how often something was ('This study found that ... is common'), and the
    report's own patient named in the clause ('the rod migration in our patient may be explained by ...');
    an opening comparison with the literature ('Unlike previous reports, ...') is an aside of the statement after it;
    the report's own group outweighs them unless the clause is what the study did to it ('... in our group suggests');
    a title's risk factors, own case series or 'as a complication of' are those of the finding its paper reports."""
    text = _LITERATURE_ASIDE.sub("", text, count=1)
    m = _generic_rx().search(text)
    if m is None or _episodic_rx().search(text) or _THIS_PATIENT.search(text) or _ONE_IMPLANT_SUBJECT.match(text):
        return None
    if _OUR_GROUP.search(text) and not _STUDIED.search(text):
        return None
    if _SUCH_A_CASE.search(text) and "literature" in m.group(0).lower():
        return None  # the report's own case, not yet in the literature: "such an anterior cage migration ... has not been
        # reported in the literature"
    if in_title and _TITLE_VOID.match(text, m.start()) and not _REVIEW.search(text):
        return None
    if in_title and _AN_ACTIVITY.match(m.group(0)) and _CASE_REPORTED.search(text) and not _REVIEW.search(text):
        return None
    if re.search(r"\b(?:such\s+as|like)\b", m.group(0), re.I) and _OCCURRED.search(text):
        return None  # the kinds of a failure that happened: "fixation failures such as loosening ... occurred mainly in"
    if _FREQUENCY.search(m.group(0)) and _STUDY_RESULT.search(text):
        return None
    return m.group(0).strip()


def observed(text: str) -> bool:
    """Does the clause report something as observed ('was seen in 13 patients', 'radiographs showed ...')?"""
    return bool(_observation_rx().search(text) or _episodic_rx().search(text))  # or a counted group that had it


_AFTER_A_VERB = frozenset({"the", "a", "an", "by", "in", "on", "at", "to", "into", "from", "with", "his", "her", "its",
                           "their", "this", "that", "these", "those", ".", ",", ";", ""})


def verbless(words: Sequence[str]) -> bool:
    """Is the clause a report's verbless line ('Mild subsidence at L4-5.', 'Delayed subsidence.')? A past form
    followed by an article or a preposition is a verb ('grading followed the scheme')."""
    if any(w in V.FINITE_WORDS or w in V.STUDY_VERBS for w in words):  # ("; it shows a 2 mm lucency ...")
        return False
    return not any(_past_form(w) and (words[i + 1] if i + 1 < len(words) else "") in _AFTER_A_VERB
                   and i > 0 for i, w in enumerate(words))
