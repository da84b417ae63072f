"""From a report processed by the medspaCy pipeline to facts, each with its provenance.

A report sentence is read in four steps:
  1. implant mentions: each implant word with the sides and levels written around it
     ("the right pedicle screws at the levels of T6 and T7", "bilateral L5 and S1 screws");
  2. finding cues with their ConText status (negated, uncertain; historical and hypothetical cues
     are set aside);
  3. each cue is linked to the implant mention(s) it is about: the implant after it when joined by a
     preposition ("lucency around the left S1 screw"), else the subject before it ("the T3 screws
     ... are not fully contained"), else the previous sentence's implants for "it"/"they";
  4. measurements, directions and anatomical structures are given to the nearest cue of the same
     clause; "posteromedially on the left and posteriorly on the right" pairs directions with sides;
  5. what the words are about: a clause that speaks in general (`statements.py`) has its findings set aside;
     a finding word about a body structure ("fractured odontoid process", "displacement of the thecal sac",
     "esophageal perforation") is no implant finding; a finding with no implant named must be reported as
     observed ("Subsidence was observed in 21%") or stand in a verbless line.
One fact is made per finding and implant: a screw finding on "the pedicle screws at T6 and T7" gives
two facts, "bilateral" gives a left and a right one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from itertools import pairwise
from typing import Any

from ..anatomy import Level
from . import statements
from . import vocabulary as V
from .levels import levels_in, span_name

SCREWS = {"PedicleScrew", "LateralMassScrew", "Screw"}
SIDED = SCREWS | {"SetScrew", "Rod", "RodToRodConnector", "StimulatorLead"}
STIMULATOR_PARTS = {"SpinalCordStimulator", "StimulatorLead", "ImplantablePulseGenerator"}
IMPLANT_WORDS = {
    "PedicleScrew": "pedicle screw", "LateralMassScrew": "lateral mass screw", "Screw": "screw",
    "SetScrew": "set screw", "Rod": "rod", "RodToRodConnector": "connector", "InterbodyCage": "cage",
    "Plate": "plate", "SpinalCordStimulator": "spinal cord stimulator", "StimulatorLead": "lead",
    "ImplantablePulseGenerator": "pulse generator", "Hardware": "hardware", "TransverseConnector": "crosslink",
    "Hook": "hook",
}
SIDE_WORDS = {"Left": "left", "Right": "right", "Midline": "midline", "Bilateral": "bilateral"}
STRUCTURE_LOCAL = {"pedicle": "pedicle", "vertebral body": "vertebral body", "spinal canal": "spinal canal",
                   "lamina": "lamina", "lateral mass": "lateral mass"}

_CLAUSE_BREAK = {";", "however", "but", "whereas", "although", "though", "while", "yet"}

_PRE_OK = {"the", "a", "an", "both", "all", "each", "two", "three", "four", "five", "six", "multiple", "several",
           "and", ",", "or", "&", "+", "/", "-", "sided", "of", "cervical", "thoracic", "lumbar", "sacral", "upper", "lower",
           "proximal", "distal", "most", "existing", "new", "old", "original", "native", "prior", "previous",
           "additional", "paraspinal", "spinal", "dorsal", "long", "short", "remaining", "visualized", "ipsilateral",
           "contralateral", "revision", "extension", "index", "its", "their", "his", "her", "this", "these", "those",
           "that", "level", "fixation", "posterior", "anterior", "cranial", "caudal", "cephalad", "inferiormost",
           "superiormost", "lowermost", "uppermost", "lowest", "highest", "tip", "tips", "rod", "tulip", "occipitocervical",
           "cervicothoracic", "thoracolumbar", "lumbosacral", "segmental", "bone", "cortical", "percutaneous", "hybrid",
           "side", "integrated", "locking", "anchor", "anchoring",  # "the left side of a spinal rod": the rod's left;
           # "the left C7 integrated screw of the C6/7 device"
           # kinds and materials of implants: "the C3-4 and C5-6 stand-alone cages", "the L4-5 expandable PEEK cage"
           "stand", "alone", "standalone", "expandable", "static", "peek", "titanium", "mesh", "polyaxial", "monoaxial"}
_POST_OK = {"at", "on", "the", "level", "levels", "of", "in", "from", "to", "through", "and", ",", "or", "sides", "placement",
            "placements", "insertion",
            "side", "each", "respectively", "placed", "present", "located", "positioned", "inserted", "spanning",
            "extending", "segment", "segments", "vertebra", "vertebrae", "vertebral", "(", ")", "-", "both", "sacrum",
            "tip", "tips", "heads", "head", "shank", "shanks", "seen", "noted", "also", "which", "that", "are", "is"}
_POST_STOP_AFTER = {"which", "that", "are", "is"}  # allowed only when directly followed by "on"/"at": "that are at L5"
_DETERMINERS = {"the", "a", "an", "both", "all", "each", "its", "their", "this", "these", "those", "that"}
_CONJ = {"and", ",", "or", "&", "/"}
_LINK_AFTER = {"occurred", "mainly", "mostly", "predominantly", "primarily", "of", "around", "about", "adjacent", "surrounding", "surrounds", "surround", "encircling", "encircles",
               "along", "at", "involving", "involves", "in", "within", "near", "abutting", "to", "affecting", "on",
               "encasing", "circumferential", "circumferentially", "the", "a", "an", "both", "is", "are", "seen",
               "noted", "present", "identified", "demonstrated", "there", "visualized", "evident", "appreciated",
               "again", "new", "interval", "mild", "subtle", "small", "tiny", "minimal", "thin", "partial", "was", "were",
               "been", "has", "have", "had", "be",
               "bilateral", "all", "multiple", "several", "each", "including", "margin",
               "rims", "rim", "lining", "tract", "tracts", "track", "tracks", "course", "trajectory", "measuring",
               "up", "approximately", "approx", "by", "between", "into", "over", "overlying", "next",
               "alongside", "beside", "neighbouring", "neighboring", "with", "zone", "zones", "interface", "junction",
               # what an implant is made of or for: "migration of a spinal fixation rod", "a threaded fixation screw"
               "spinal", "fixation", "fusion", "stabilization", "stabilisation", "metal", "metallic", "titanium",
               "stainless", "steel", "cobalt", "chrome", "connecting", "longitudinal", "threaded", "spine"}
_QUALIFIERS = {"cervical": "cervical", "thoracic": "thoracic", "lumbar": "lumbar", "sacral": "sacral",
               "upper": "proximal", "proximal": "proximal", "cranial": "proximal", "cephalad": "proximal",
               "superior": "proximal", "lower": "distal", "distal": "distal", "caudal": "distal", "inferior": "distal",
               "existing": "existing", "old": "existing", "original": "existing", "native": "existing",
               "prior": "existing", "previous": "existing", "index": "existing", "new": "new", "extension": "new",
               "revision": "new", "occipitocervical": "cervical", "cervicothoracic": "cervicothoracic",
               "thoracolumbar": "thoracolumbar", "lumbosacral": "lumbar"}
_PRONOUNS = {"it", "they", "them", "its", "their", "these", "those", "this", "each", "both", "which"}
_CONNECT_WORDS = re.compile(r"\b(?:connect|join|link|bridg|coupl|attach)\w*", re.I)
_STIM_WORDS = re.compile(r"\b(?:stimulat\w*|leads?\b|electrodes?|pulse\s+generator|IPG|SCS|paddle)", re.I)
_DIR_IN_TEXT = re.compile(r"(?:(?:postero|antero|dorso|ventro)[\s-]?)?(?:medial|lateral|anterior|posterior|superior|"
                          r"inferior|cranial|caudal|cephalad|cephalic|rostral|dorsal|ventral)", re.I)
# an implant named in a finding's own words ("hardware failure", "instability of the implants", "RF": rod fracture)
# (not "unscrewed": "the left L2 nut has unscrewed" names no screw)
_IMPLANT_IN_CUE = [(re.compile(r"(?<!un)screw", re.I), "Screw"), (re.compile(r"\brods?\b|^RFs?$", re.I), "Rod"),
                   (re.compile(r"cage", re.I), "InterbodyCage"), (re.compile(r"\bplates?\b", re.I), "Plate"),
                   # ("one battery failed prematurely")
                   (re.compile(r"\bbatter(?:y|ies)\b|\bgenerators?\b|(?-i:\bIPGs?\b)", re.I), "ImplantablePulseGenerator"),
                   (re.compile(r"hardware|implant|prosthetic|instrumentation|construct|fixation|stabili[sz]ation"
                               r"|device(?![\s-]+related)", re.I), "Hardware")]
_FAMILIES_WITH_DIRECTION = {"screw position", "migration", "rod connector"}
_LEAD_DETERMINERS = {"left", "right", "the", "one", "each", "other", "both"}
_NP_WORDS = {"other", "another", "same", "remaining", "one", "two", "three", "its", "their", "his", "her", "these", "those", "this",
             "any", "all", "each", "either"}  # in a noun phrase ("no lucency around any of the lateral mass screws")
_VERB_BEFORE = {"can", "may", "might", "could", "would", "will", "should", "to", "which", "that", "does", "did", "not",
                "also", "often", "usually", "it", "they", "this", "these", "and", "or"}
# the nouns a stimulator lead names before them ("lead migration", "lead tip"); "lead" the verb takes none of them
_LEAD_NOUN_AFTER = re.compile(r"(?:migration|fracture|breakage|displacement|dislodgement|malposition|erosion|extrusion|revision"
                              r"|failure|placement|position|tip)s?")
# a report whose only devices are interbody devices calls them "the device" later: "Zero-profile interbody devices at C5/6
# and C6/7 ... The C6/7 device has subsided"
_INTERBODY_DEVICE = re.compile(r"\binterbody\s+(?:fusion\s+)?devices?\b", re.I)
_OTHER_DEVICE = re.compile(r"\b(?:interspinous|interlaminar|spinous|stimulat\w*|disc|disk|arthroplasty|motion|fixation|dynamic"
                           r"|coflex|x-?stop|medical|drug|pump)\b[\s-]*(?:\w+\s+)?devices?\b|\bdevices?\s+(?:for|to)\b", re.I)
# (a heart's chamber alone is where a stimulator lead that migrated may be found: "The lead was found in the right ventricle")
_IN_THE_HEART = re.compile(r"(?:in|within|into)\s+(?:the\s+)?(?:right|left)\s+(?:atrium|ventricle|heart)\b", re.I)
_CARDIAC_DEVICE = re.compile(r"\bpacemakers?\b|\bpacing\b|\bdefibrillators?\b|\bAICD\b|\bICD\b|\bCRT-?[DP]?\b", re.I)
_STIMULATION = re.compile(r"\bstimulat|\bneuromodulat|\bIPG\b|\bpulse\s+generator|\bSCS\b|\belectrode|\bpaddle|\bimpedances?\b"
                         r"|\breceivers?\b(?!\s+operating)"
                         # ("The right extension had partially disengaged from the generator header", round 31)
                         r"|\bgenerators?\s+(?:header|pocket|casing|site)s?\b"
                         # ("The generator was found to have migrated cranially in its pocket, and the extension had
                         # fractured", round 32: a generator beside an extension is a stimulator's)
                         r"|\bgenerators?\b(?=.*\bextensions?\b)|\bextensions?\b(?=.*\bgenerators?\b)",
                         re.I)
# a brain stimulator, and words that would put a stimulator on the spine after all
_BRAIN_STIMULATOR = re.compile(r"\bdeep\s+brain\s+stimulat|(?-i:\bDBS\b)", re.I)
_SPINAL_STIMULATOR = re.compile(r"\bspinal\s+cord\s+stimulat|(?-i:\bSCS\b|\bDRG\b)|\bdorsal\s+(?:column|root\s+ganglion)"
                                r"|\bepidural\b|\bspine\b|\bspinal\b|\b[CTLS]\d{1,2}\b|\bthoracic\b|\blumbar\b", re.I)


@dataclass
class Ent:
    label: str
    start: int
    end: int
    char_start: int
    char_end: int
    text: str
    meta: dict
    negated: bool = False
    uncertain: bool = False
    historical: bool = False
    hypothetical: bool = False
    section: str | None = None
    claimed: str | None = None  # "implant", "generic", "structure", "pair"

    def span(self) -> dict:
        return {"label": self.label, "text": self.text, "start": self.char_start, "end": self.char_end}


@dataclass
class Mention:
    kind: str
    head: Ent
    start: int
    end: int
    items: list[Ent]
    qualifier: str | None = None
    plural: bool = False
    slots: list[tuple[str | None, list[Level]]] = field(default_factory=list)
    sentence: int = 0
    qualifiers: list[str] = field(default_factory=list)

    @property
    def word(self) -> str:
        return IMPLANT_WORDS.get(self.kind, self.kind)


@dataclass
class Fact:
    """One extracted finding about one implant, with where in the report it was read."""

    finding: str  # lucency, loosening, screw position, rod connector, fracture, migration, disconnection,
    #               subsidence, lead position
    implant: str | None  # the report's implant, normalised (pedicle screw, rod, connector, cage, ...)
    kind: str | None  # ontology implant type (PedicleScrew, Rod, ...) or Hardware
    level: str | None  # "T2", or a span "L4-L5" for implants that span levels
    side: str | None  # left, right, midline
    direction: str | None = None
    mm: float | None = None
    status: str = "affirmed"  # affirmed, negated, uncertain
    relative_to: str | None = None
    location: str | None = None
    subluxed: bool | None = None
    secured: bool | None = None
    double_halo: bool | None = None
    qualifier: str | None = None  # rods: cervical, thoracic, proximal, ...
    connector: dict | None = None  # rod connector findings: {"level": "C6", "side": "left"}
    historical: bool = False
    hypothetical: bool = False
    generic: str | None = None  # the words that make its clause a general statement ("studies have shown")
    section: str | None = None
    sentence: str = ""
    sentence_start: int = 0
    sentence_end: int = 0
    spans: list[dict] = field(default_factory=list)
    cue: int = field(default=-1, repr=False, compare=False)  # the finding words it was read from (token index)
    clause: int = field(default=0, repr=False, compare=False)  # its clause in the sentence (statements.clause_numbers)
    mention: int = field(default=-1, repr=False, compare=False)  # the implant words it is about (token index)

    def key(self) -> tuple:
        return (self.finding, self.implant, self.level, self.side)

    def as_eval(self) -> dict:
        return {"implant": self.implant, "level": self.level, "side": self.side, "finding": self.finding,
                "direction": self.direction, "mm": self.mm, "status": self.status}

    def provenance(self) -> dict:
        return {"sentence": self.sentence, "sentence_start": self.sentence_start, "sentence_end": self.sentence_end,
                "section": self.section, "spans": self.spans}


@dataclass
class ImplantRecord:
    """An implant the report names (with or without a finding)."""

    kind: str
    level: str | None
    levels: list[str]
    side: str | None
    qualifier: str | None = None
    joins: list[str] = field(default_factory=list)  # connectors: qualifiers of the rods joined
    sentence: str = ""


@dataclass
class Extraction:
    text: str
    facts: list[Fact]
    implants: list[ImplantRecord]
    set_aside: list[Fact]  # historical, hypothetical, or in a comparison/technique/indication section
    sentences: int = 0
    sections: list[str] = field(default_factory=list)
    history: list[dict] = field(default_factory=list)  # procedures, intervals, modalities, symptoms (history.py)


# ------------------------------------------------------------------------------------------------

def _ents(doc) -> list[Ent]:
    out = []
    spans = doc.spans.get("medspacy_spans", doc.ents)
    implants_at = {e.start for e in spans if e.label_ == "IMPLANT"}
    for e in sorted(spans, key=lambda x: (x.start, x.end)):
        rule = getattr(e._, "target_rule", None)
        meta = dict(rule.metadata or {}) if rule is not None and rule.metadata else {}
        sec = getattr(e[0]._, "section_category", None)  # the sectionizer is always present
        out.append(Ent(e.label_, e.start, e.end, e.start_char, e.end_char, e.text, meta,
                       _negated(doc, e), bool(e._.is_uncertain) and not _hedge_denied(doc, e), bool(e._.is_historical),
                       bool(e._.is_hypothetical) and not _titles_topic(doc, e)
                       and not _presupposed(doc, e, implants_at), sec))
    return out


_PRESUPPOSING = frozenset({"the", "this", "these", "those", "his", "her", "its", "their"})


def _presupposed(doc, e, implants_at: set[int]) -> bool:
    """Is the finding a participle that describes a named implant ("to evaluate the migrated lead", "to remove the
    broken screw")? What a study or a step is for does not make it hypothetical: the implant has moved or broken."""
    words = e.text.lower().split()
    if not (e.label_ == "FINDING" and len(words) == 1 and (words[0].endswith(("ed", "en")) or words[0] == "loose")
            and e.start > 0 and doc[e.start - 1].lower_ in _PRESUPPOSING and e.end in implants_at):
        return False
    # a condition's own words stay hypothetical: "the lesions are reversible if the misplaced screws are corrected"
    return not any(m.category == "HYPOTHETICAL" and doc[m.modifier_span[0]].lower_ in {"if", "when", "should", "unless"}
                   and not any(t.text in {",", ";"} for t in doc[m.modifier_span[1]:e.start]) for m in e._.modifiers)


def _titles_topic(doc, e) -> bool:
    """'Evaluation of Rod Breakage after Three-Column Osteotomy': a title's evaluation is of what its paper reports."""
    cues = [doc[m.modifier_span[0]:m.modifier_span[1]].text for m in e._.modifiers if m.category == "HYPOTHETICAL"]
    return bool(cues) and all(statements.TITLE_TOPIC.fullmatch(c) for c in cues) and statements.title(e.sent.text)


# a suspicion denied: "The suspected fracture of the left rod is not confirmed on CT" (denied, not still uncertain)
_DENIAL_OF_A_HEDGE = re.compile(r"\bnot\s+(?:been\s+)?(?:confirmed|substantiated|corroborated|verified)\b|" + V.REFUTED, re.I)


def _hedge_denied(doc, e) -> bool:
    """Is a hedged finding denied outright ("the questioned fracture ... is not confirmed")?"""
    return any(m.category == "NEGATED_EXISTENCE" and _DENIAL_OF_A_HEDGE.search(doc[m.modifier_span[0]:m.modifier_span[1]].text)
               for m in e._.modifiers)


def _negated(doc, e) -> bool:
    """ConText's negation, except of a cause named after the denied consequence ("no complications due to the screw
    misplacement": the misplacement is presupposed) and of a finding after a group defined by what it lacks ("Patients with
    no fusion had screw loosening")."""
    if not e._.is_negated:
        return False
    denials = [m for m in e._.modifiers if m.category == "NEGATED_EXISTENCE"]
    return not denials or not all(
        m.modifier_span[1] <= e.start and (V.CAUSE_WORDS.search(doc[m.modifier_span[1]:e.start].text)
                                           or _GROUP_LACKING.search(doc[max(0, m.modifier_span[0] - 3):e.start].text))
        for m in denials)


# a group named by what it lacks, then what happened to it: "patients with no posterior instrumentation, 4 of 8 cases ...
# developed cage migration", "Patients without fusion had loosened screws"
_GROUP_LACKING = re.compile(r"\b(?:patients|cases|subjects|those|individuals|children|adults|groups?|dogs|cats)\s+(?:with\s+no|without)"
                            r"\s+[\w-]+(?:\s+[\w-]+){0,3}?(?:\s*,|\s+(?:had|has|have|developed|showed|experienced|underwent|sustained"
                            r"|presented)\b)",
                            re.I)


class _Sentence:
    """The tokens and entities of one sentence, with helpers to walk them."""

    def __init__(self, doc, sent, ents: list[Ent], index: int, text: str, lowers: list[str]):
        self.doc = doc
        self.sent = sent
        self.index = index
        self.start, self.end = sent.start, sent.end
        # (the report's lower-cased words, read once for all its sentences: a spaCy token is built anew at each access)
        lowered = lowers[sent.start:sent.end]
        self.words = dict(enumerate(lowered, sent.start))
        self.ents = [e for e in ents if e.label != "IGNORE"]
        self.ignored = [e for e in ents if e.label == "IGNORE"]
        self.at: dict[int, Ent] = {}
        for e in ents:
            for i in range(e.start, e.end):
                self.at[i] = e
        clause, self.clause = 0, {}
        splices = {sent.start + i + 1 for i in statements.comma_splices(lowered)}
        for k, w in enumerate(lowered):
            i = sent.start + k
            # "No fracture is seen, the cage has subsided"; not "The cage, however, has migrated"
            if (w in _CLAUSE_BREAK and not statements.however_aside(lowered, k)
                    # (not the adverb: "the rod had not yet come out of the saddle")
                    and not (w == "yet" and k > 0 and lowered[k - 1] in V.BEFORE_AN_ADVERB_YET)) \
                    or i in splices:
                clause += 1
            self.clause[i] = clause
        self.text = text
        self.statement: dict[int, int] = {}  # token -> clause number (statements.clause_numbers), set per sentence

    def word(self, i: int) -> str:
        return self.words.get(i, "")

    def ent(self, i: int) -> Ent | None:
        return self.at.get(i)

    def of(self, label: str) -> list[Ent]:
        return [e for e in self.ents if e.label == label]


_ROD_WORDS = re.compile(r"\b(?:rods?|domino|rod-to-rod)\b", re.I)


def _resolve_kind(e: Ent, s: _Sentence, report_has_stimulator: bool, device: str = "Hardware") -> str | None:
    kind = e.meta.get("kind")
    if kind == "RodToRodConnector" and report_has_stimulator and not _ROD_WORDS.search(s.text or ""):
        return None  # a stimulator's lead connector ("the lead extension wire ..., 4 cm from the connector"), no rods'
    if kind == "Device":
        rods = any(x.meta.get("kind") == "Rod" for x in s.of("IMPLANT"))
        return "RodToRodConnector" if rods and _CONNECT_WORDS.search(s.text) else device
    if kind == "Wire":
        return "StimulatorLead" if report_has_stimulator else None
    if kind in ("LeadWord", "StimulatorLead") and re.fullmatch(r"leads?|electrodes?", e.text, re.I) \
            and _CARDIAC_DEVICE.search(s.text or "") and (not _STIMULATION.search(s.text or "") or _IN_THE_HEART.match(
                " ".join(s.word(k) for k in range(e.end, min(e.end + 5, s.end))))):
        return None  # a pacemaker's leads: "pacemaker in the left chest wall with leads in the right atrium" (also beside a
        # stimulator: "a cardiac pacemaker with leads in the right atrium and ventricle, and a spinal cord stimulator
        # generator over the left flank", round 32)
    if kind in STIMULATOR_PARTS | {"LeadWord", "Wire", "Hardware"} and _BRAIN_STIMULATOR.search(s.text or "") \
            and not _SPINAL_STIMULATOR.search(s.text or ""):
        return None  # a brain stimulator's parts: "a case of DBS hardware failure ... fractures of the extension wire"
    if kind == "LeadWord":  # "lead" is a verb too: a stimulator lead when the report speaks of stimulation
        before, after = s.word(e.start - 1), s.word(e.end)
        if before in _LEAD_DETERMINERS or re.fullmatch(r"\d+|one|two|both|each|either", before) \
                or _LEAD_NOUN_AFTER.fullmatch(after):
            return "StimulatorLead"  # a noun before a finding noun: "30 patients had lead migrations greater than 5mm"
        if before in _VERB_BEFORE or (after == "to" and not report_has_stimulator):
            return None  # "can lead to", "which leads to"
        return "StimulatorLead" if report_has_stimulator else None
    if kind == "Other":
        return None
    return kind


def _lookahead_is_new_mention(s: _Sentence, j: int) -> bool:
    """After a conjunction at j-1: do the next words open a new implant phrase ("and left L5 screw")?"""
    k = j
    after_item = False
    while k < s.end:
        e = s.ent(k)
        if e is not None:
            if e.label == "IMPLANT":
                return True
            if e.label in ("SIDE", "LEVEL", "DIRECTION"):
                k = e.end
                after_item = True
                continue
            return False
        w = s.word(k)
        if w in _DETERMINERS or w in _QUALIFIERS or w in {"-", "sided", "paraspinal", "spinal", "pedicle"} \
                or (after_item and w in {"and", "or", ","}):  # ("and the L4 and L5 screws")
            k += 1
            continue
        return False
    return False


_MODEL_TOKEN = re.compile(r"[a-z0-9][a-z0-9+]*(?:-[a-z0-9+]+)*")
_NOT_MODEL = {"side", "sided", "level", "levels", "pain", "leg", "legs", "arm", "arms", "back", "neck", "hip", "hips",
              "patient", "patients", "case", "cases", "one", "two", "three", "four", "other", "another", "same",
              "new", "old", "more", "most", "no", "nil", "not", "any", "some", "only", "also", "all", "each", "both",
              "first", "second", "third", "fourth", "last", "single", "double", "further", "additional"}


def _model_token(s: _Sentence, i: int) -> bool:
    """Could token i be a word of a brand or model name inside an implant phrase ("the right side xia ii rod")?"""
    w = s.word(i)
    return (s.ent(i) is None and bool(_MODEL_TOKEN.fullmatch(w)) and len(w) <= 12 and w not in _NOT_MODEL
            and w not in _NP_STOP and w not in _DETERMINERS and w not in _CONJ and w not in _COPULA
            and w not in _ADVERBS and w not in _VERB_BEFORE and not w.endswith(("ed", "ing", "ly")))


def _model_run_before(s: _Sentence, j: int) -> int:
    """Where a run of at most three brand or model words ending at token j starts, when a determiner, a side or a
    level opens it ("a xia ct polyaxial screw", "left Legacy rod"); j + 1 when there is none."""
    k = j
    while k >= s.start and j - k < 3 and _model_token(s, k):
        k -= 1
    if k == j or k < s.start:
        return j + 1
    x = s.ent(k)
    opener = s.word(k) in _DETERMINERS or s.word(k) in {"side", "sided"} or (x is not None and x.label in ("SIDE", "LEVEL"))
    return k + 1 if opener else j + 1


_COUNT_WORD = re.compile(r"[\d.,%/=<>]+|n|of|in|cases?|patients?|screws?|rods?|levels?|p")


# words that open a phrase before the sentence's subject: a time ("Six months after posterior instrumentation, ...")
# or an exception ("Apart from a fractured left rod, the hardware is intact")
_PATIENT_WORDS = frozenset({"patient", "patients", "boy", "girl", "man", "woman", "child", "children", "case", "adolescent",
                            "infant", "men", "women"})
_OPENING_WORDS = frozenset({"after", "following", "since", "post", "before", "apart", "except", "besides", "aside",
                            "despite", "unlike"})


def _opening_phrase(s: _Sentence, a: int) -> bool:
    """Does the sentence open with a time or exception phrase that ends at token a?"""
    words = _gap_words(s, s.start, a)
    # (or the patient the sentence opens with: "In a 7-year-old boy with traditional growing rods, the proximal screws ...")
    return "," not in words and (any(w in _OPENING_WORDS for w in words[:10])
                                 or (words[:1] == ["in"] and any(w in _PATIENT_WORDS for w in words[:8])))


def _own_qualifier(s: _Sentence, i: int) -> bool:
    """Is token i a direction word an implant phrase took as its own ("the caudal screws", "the anterior plate")?"""
    x = s.ent(i)
    return x is not None and x.label == "DIRECTION" and x.claimed == "implant"


def _coordination_gap(s: _Sentence, a: int, b: int) -> bool:
    """Do tokens a..b-1 only coordinate two implant phrases ("and the", ", as well as", "and a xia ct")? Not the
    comma after an opening phrase: "Six months after instrumentation, the rod broke" is the rod's alone."""
    gap = _gap_words(s, a, b)
    if "," in gap and not any(w in _CONJ and w != "," for w in gap) and _opening_phrase(s, a):
        return False
    if gap[:1] == ["("] and ")" in gap[:10] and all(_COUNT_WORD.fullmatch(w) for w in gap[1:gap.index(")")]):
        a += gap.index(")") + 1  # a count or rate of the first: "rod (14.1%) and screw (2.3%) fracture"
        gap = gap[gap.index(")") + 1:]
    if not gap:
        return False
    model_from = _model_run_before(s, b - 1)
    words = gap[: model_from - a] if model_from < b else gap
    while len(words) > 1 and _own_qualifier(s, a + len(words) - 1):
        words = words[:-1]  # the next implant's own qualifier: "migration of the plate and the caudal screws"
    # (and "neither ... nor": "Neither pedicle screws nor hooks showed loosening")
    # (and a preposition said again after the conjunction: "loosening of the right S1 screw and of both iliac screws")
    # (and the next implants' count: "coughing out one anterior cervical plate and two screws")
    return bool(words) and all(w in _CONJ or w in _DETERMINERS or w in {"as", "well", "nor"}
                               or (w == "of" and words[0] in _CONJ)
                               or (i == len(words) - 1 and i > 0 and bool(_NUMBER_WORD.fullmatch(w))
                                   and any(v in {"and", "or", "&"} for v in words))
                               for i, w in enumerate(words)) \
        and any(w in _CONJ or w in {"well", "nor"} for w in words)


_APPROACH = re.compile(r"(?:anterior|posterior|lateral)\s+(?:cervical\s+|lumbar\s+|thoracic\s+|spinal\s+)?(?:fusion|fixation)",
                       re.I)
_SEGMENT_AFTER = re.compile(r"(?:[a-z]\d{1,2}\s*(?:-|/)?\s*(?:[a-z]?\d{1,2})?\s+)?(?:segments?|levels?|spine|motion)\b")
_BODY_SIDE_WORDS = frozenset({"posterior", "anterior", "lateral", "upper", "lower", "superior", "inferior", "mid"})
_BODY_SIDES = frozenset({"flank", "buttock", "gluteal", "abdomen", "abdominal", "chest", "upper", "lower", "iliac", "hip",
                         "groin", "thigh", "shoulder", "axilla", "paraspinal", "subcutaneous"})


def _body_part_at(s: _Sentence, j: int, not_alone: tuple[str, ...] = ()) -> bool:
    """Does a part of the body ("flank", "posterior flank") begin at j? (`not_alone`: words that name one only with another
    after them.)"""
    return (s.word(j) in _BODY_SIDES and s.word(j) not in not_alone) or (
        s.word(j) in _BODY_SIDE_WORDS and s.word(j + 1) in _BODY_SIDES)


# an S2 alar-iliac screw, its name shortened ("the left S2AI screw", "S2AIS loosening")
_S2_ALAR_ILIAC = re.compile(r"\bs2[\s-]?ai(?:s|ss)?\b", re.I)


def _level_of_structure(s: _Sentence, x: Ent) -> bool:
    """Is a level written as a bone's, after its name and "of" ("the inferior endplate of L3")?"""
    k = x.start - 1
    while k >= s.start and s.word(k) in {"the", "of"}:
        k -= 1
    y = s.ent(k)
    return s.word(x.start - 1) in {"of", "the"} and y is not None and y.label == "STRUCTURE"


def _mention(e: Ent, kind: str, s: _Sentence) -> Mention:
    items: list[Ent] = []
    quals: list[str] = []
    # words before the implant
    j = e.start - 1
    start = e.start
    while j >= s.start:
        if s.doc[j].is_space:  # a line break inside the sentence ("The right inferior C6 / screw")
            j -= 1
            continue
        x = s.ent(j)
        if x is not None:
            if x.label == "LEVEL" and re.match(r"from\b", x.text, re.I):
                break  # a span of what comes before it, not this implant's: "after a posterior fusion from T10 to the pelvis,
                # both S1 screws had backed out"
            if x.label == "LEVEL" and items and _level_of_structure(s, x):
                break  # the level of a bone named before: "subsided into the endplate of L3 and the L4-5 cage had migrated"
            if x.label in ("SIDE", "LEVEL") and x.claimed is None and s.clause.get(j) == s.clause.get(e.start) \
                    and x.meta.get("form") != "between":
                items.insert(0, x)
                start = x.start
                j = x.start - 1
                continue
            if x.label == "IGNORE" and _APPROACH.fullmatch(x.text):
                if any(s.word(k) in _DETERMINERS for k in range(x.end, e.start)):
                    break  # an operation named before this implant's words: "After L4-5 TLIF the left L4 screw loosened"
                j = x.start - 1  # a procedure's words as the implant's modifier: "the right C6 anterior fusion screw"
                continue
            if x.label == "DIRECTION" and x.claimed is None:
                q = _QUALIFIERS.get(re.sub(r"ly$", "", x.text.lower()))
                nxt = s.ent(e.end)
                if not q and nxt is not None and nxt.label == "FINDING":
                    break  # "lateral screw misplacement": the direction of the finding the compound names
                if q:
                    quals.insert(0, q)
                x.claimed = "implant"
                j = x.start - 1
                continue
            break
        w = s.word(j)
        comma = j if w == "," else j - 1 if w in ("and", "or") and s.word(j - 1) == "," else None
        if comma is not None and (y := s.ent(comma - 1)) is not None and y.label == "LEVEL" \
                and s.word(y.start - 1) in {"at", "on", "in"} and any(x.label == "SIDE" for x in items):
            break  # a level said with the finding before, not this implant's: "Rod fx on L at L4-5, R rod intact"
        if comma is not None and any(s.word(k) in _DETERMINERS for k in range(j + 1, e.start)) \
                and (_opening_phrase(s, comma)  # ("After XLIF at L3-4 and L4-5, the L3-4 cage had subsided")
                     or not ((y := s.ent(comma - 1)) is not None and y.label in ("LEVEL", "SIDE")
                             and not ((before_y := s.ent(y.start - 1)) is not None and before_y.label == "FINDING"))):
            break  # a determiner opened this implant's words: "fractured at the L4-5 level, and the left L5 screw" (the
            # level is the rods'; and so is a side said right after a finding: "had pulled out on both sides, and the T3
            # hooks")
        if w in ("and", "or") and s.word(j + 1) in _DETERMINERS \
                and (y := s.ent(j - 1)) is not None and y.label == "LEVEL" and s.word(y.start - 1) in {"at", "on", "in"} \
                and s.word(e.end) in {"is", "are", "was", "were", "has", "have", "had", "remain", "remains", "appear", "appears"}:
            break  # likewise without the comma, the implant the subject of a clause of its own: "The rod is fractured at L3
            # and the screws are loose" (round 37; not "Lucency at L4 and the S1 screws")
        if w in ("and", "or") and (y := s.ent(j - 1)) is not None and y.label == "LEVEL" \
                and s.word(y.start - 1) in {"at", "on", "in"} and (f := s.ent(y.start - 2)) is not None \
                and f.label == "FINDING" and (g := s.ent(e.end)) is not None and g.label == "FINDING" and g.start == e.end:
            break  # a finding at a level, then another implant's own finding: "screw breakage at S1 and rod fracture at
            # L5-S1" (round 40; the S1 is the screws')
        if w in _PRE_OK:
            nxt = s.ent(e.end)
            # ("New right rod fracture at L3-L4": the fracture is new, not the rod)
            if w in _QUALIFIERS and not (w == "new" and nxt is not None and nxt.label == "FINDING" and nxt.start == e.end):
                quals.insert(0, _QUALIFIERS[w])
            j -= 1
            continue
        k = _model_run_before(s, j)
        # (not words before a comma: "left cerebellar hemorrhage, and titanium rods" names no rod's model)
        # (nor words before this implant's determiner: "After L4-5 TLIF the left L4 screw" names an operation)
        if k <= j and s.word(j + 1) not in {",", ";"} and not any(s.word(i) in _DETERMINERS for i in range(j + 1, e.start)):
            # a brand or model name: "the right side xia ii rod"
            j = k - 1
            continue
        break
    # words after the implant
    j = e.end
    end = e.end
    while j < s.end:
        if s.doc[j].is_space:
            j += 1
            continue
        x = s.ent(j)
        if x is not None:
            if x.label == "SIDE" and _body_part_at(s, x.end):
                break  # the side of the body where it lies, not the implant's: "the lead extension wire in the left flank",
                # "a pulse generator in the left posterior flank"
            if x.label in ("SIDE", "LEVEL") and x.claimed is None and x.meta.get("form") != "between":
                items.append(x)
                end = x.end
                j = x.end
                continue
            break
        w = s.word(j)
        if w in _CONJ and _lookahead_is_new_mention(s, j + 1):
            break
        if w in _POST_STOP_AFTER and s.word(j + 1) not in {"on", "at", "in"} and not (w == "are" and s.word(j + 1) == "present"):
            break
        if w in _POST_OK:
            j += 1
            continue
        break
    nxt = s.ent(j) if j < s.end else None
    if nxt is not None and nxt.label == "IMPLANT":
        # "the nut on the right L4 screw": the side and level written just before the next implant are its own
        k = j - 1
        while k >= e.end:
            x = s.ent(k)
            if x is not None and x in items:
                items.remove(x)
                k = x.start - 1
                continue
            if s.word(k) in _DETERMINERS or s.word(k) in _QUALIFIERS or s.word(k) in {"-", "sided"}:
                k -= 1
                continue
            break
        end = max([x.end for x in items if x.start >= e.end] + [e.end])
    for x in items:
        x.claimed = "generic" if kind == "Hardware" else "implant"
    head_text = e.text.lower()
    for w in re.findall(r"[a-z]+", head_text):
        if w in _QUALIFIERS and w not in {"new"}:
            quals.append(_QUALIFIERS[w])
    quals = list(dict.fromkeys(quals))
    plural = bool(re.search(r"(?:screws|rods|connectors|dominos|dominoes|cages|spacers|plates|leads|electrodes|devices|"
                            r"bolts|tulips|heads|nuts|caps|wires|stimulators|generators)\b", head_text)) \
        or any(x.meta.get("side") == "Bilateral" for x in items)
    m = Mention(kind, e, start, end, items, quals[-1] if quals else None, plural, sentence=s.index, qualifiers=quals)
    m.slots = _slots(items, kind)
    return m


def _ent_levels(x: Ent) -> list[Level]:
    return levels_in(x.text, x.meta.get("form", "single"))


def _slots(items: list[Ent], kind: str) -> list[tuple[str | None, list[Level]]]:
    """Pair the sides and levels written around an implant word."""
    sides = [x for x in items if x.label == "SIDE"]
    levels = [x for x in items if x.label == "LEVEL"]
    if not items:
        return []
    groups: list[list[Level]] = [_ent_levels(x) for x in levels]
    groups = [g for g in groups if g]
    if len(sides) <= 1:
        side = sides[0].meta["side"] if sides else None
        return [(side, g) for g in groups] or [(side, [])]
    if items[0].label == "SIDE":
        # side first: "right T6 and left T7"; a side with no level shares the next side's levels
        out: list[tuple[str | None, list[Level]]] = []
        pending: list[str] = []
        cur: str | None = None
        cur_levels: list[list[Level]] = []
        for x in items:
            if x.label == "SIDE":
                if cur is not None:
                    if cur_levels:
                        for p in [*pending, cur]:
                            out.extend((p, g) for g in cur_levels)
                        pending = []
                    else:
                        pending.append(cur)
                cur, cur_levels = x.meta["side"], []
            else:
                g = _ent_levels(x)
                if g:
                    cur_levels.append(g)
        if cur is not None:
            if cur_levels:
                for p in [*pending, cur]:
                    out.extend((p, g) for g in cur_levels)
            elif out:
                last_levels = out[-1][1]
                out.extend((p, last_levels) for p in [*pending, cur])
            else:
                out.extend((p, []) for p in [*pending, cur])
        return out
    # level first: "T6 on the right and T7 on the left"
    out = []
    cur_levels = []
    for x in items:
        if x.label == "LEVEL":
            g = _ent_levels(x)
            if g:
                cur_levels.append(g)
        else:
            if cur_levels:
                out.extend((x.meta["side"], g) for g in cur_levels)
                cur_levels = []
            elif out:
                out.extend((x.meta["side"], g) for _, g in [o for o in out if o[0] == out[-1][0]])
    if cur_levels:
        out.extend((None, g) for g in cur_levels)
    return out


@dataclass
class _Cue:
    ent: Ent
    family: str
    status: str
    clause: int
    mentions: list[Mention] = field(default_factory=list)
    implied: str | None = None
    finding: str | None = None
    mm: float | None = None
    mm_by_side: dict = field(default_factory=dict)
    direction: str | None = None
    dir_by_side: dict = field(default_factory=dict)
    relative_to: str | None = None
    location: str | None = None
    extra: list[Ent] = field(default_factory=list)
    levels: list[Level] = field(default_factory=list)
    level_ents: list[Ent] = field(default_factory=list)
    side: str | None = None
    anaphora: bool = False
    side_list: list = field(default_factory=list)
    mm_list: list = field(default_factory=list)
    pairs: list = field(default_factory=list)  # per-clause (side, levels): "right at L2-3, left at L4-5"
    statement: int = 0  # its clause in `statements.clause_numbers`
    generic: str | None = None  # the generic-statement cue of that clause


def _status(e: Ent) -> str:
    if e.uncertain:
        return "uncertain"
    if e.negated:
        return "negated"
    return "affirmed"


# the way of a migration said by where it went or ended ("exited the spine via the upper thoracic foramina"; "two levels
# below its original position")
_OUT_THROUGH_FORAMEN = re.compile(r"\b(?:exit\w*|out)\b.*\bforam", re.I)
_LEVELS_AWAY = re.compile(r"\b(?:below|caudal\s+to|lower\s+than|(?P<up>above|cranial\s+to|cephalad\s+to|higher\s+than))\s+"
                          r"(?:its|their|the)\s+(?:original|initial|previous|prior|intended|index)\b", re.I)


def _direction_word(text: str) -> str | None:
    if re.match(r"retro-?puls", text, re.I):
        return "Posterior"  # a cage's retropulsion is a posterior migration; its anteropulsion an anterior one
    if re.match(r"antero-?puls", text, re.I):
        return "Anterior"
    if _OUT_THROUGH_FORAMEN.search(text):
        return "Lateral"
    if re.search(r"\blateral\s+recess", text, re.I):
        return "Medial"  # the lateral recess is the canal's side, medial to the pedicle ("threads within the lateral recess")
    m = _LEVELS_AWAY.search(text)
    if m:
        return "Superior" if m.group("up") else "Inferior"  # levels away from where it was
    m = _DIR_IN_TEXT.search(text)
    if not m:
        from .ontology_terms import direction_words

        word = text.lower().strip()
        plain = re.sub(r"(?:ly|s)$", "", word)  # "distally", "upwards"
        return V.DIRECTION_WORDS.get(plain) or direction_words().get(word) or direction_words().get(re.sub(r"ly$", "", word))
    w = re.sub(r"[\s-]", "", m.group(0).lower())
    w = w.replace("dorso", "postero").replace("ventro", "antero")
    return V.DIRECTION_WORDS.get(w)


def _measure_mm(e: Ent) -> float | None:
    text = e.text.lower()
    unit = 10.0 if re.search(r"\bcm\b|cm$|centim", text) else 1.0
    nums = [float(x) for x in re.findall(r"\d+(?:\.\d+)?|\.\d+", text)]
    if not nums:
        words = [V.WORD_NUMBERS[w] for w in re.findall(r"[a-z]+", text) if w in V.WORD_NUMBERS]
        nums = [float(w) for w in words]
    if not nums:
        return None
    value = max(nums) * unit
    return round(value, 3)


def _gap_words(s: _Sentence, a: int, b: int) -> list[str]:
    return [s.word(i) for i in range(a, b)]


def _group_before(mentions: list[Mention], idx: int, s: _Sentence) -> list[Mention]:
    """The mention at idx and the mentions coordinated with it before it ("the screw on the right at T3 and the screw on the left")."""
    group = [mentions[idx]]
    k = idx
    while k > 0:
        prev, cur = mentions[k - 1], mentions[k]
        gap = _gap_words(s, prev.end, cur.start)
        if _coordination_gap(s, prev.end, cur.start) \
                and not ("," in gap and _after_preposition(s, prev)) \
                and s.clause.get(prev.head.start) == s.clause.get(cur.head.start) \
                and gap[-1:] not in (["its"], ["their"]) \
                and not (_after_preposition(s, prev) and any(w in _DETERMINERS for w in gap)
                         and s.word(cur.end) in _COPULA) \
                and not _object_of_a_finding(s, prev):  # (nor a part of the one before: "the right iliac screw, and its set
            # screw had disengaged"; nor after a place: "has disengaged from the tulip and the right rod has lifted out",
            # the rod alone)
            group.insert(0, prev)
            k -= 1
            continue
        break
    return group


_PLACE_PREPOSITIONS = frozenset({"around", "about", "surrounding", "of", "at", "in", "into", "within", "from", "near",
                                 "beside", "along", "adjacent", "to", "with", "between"})


def _word_before_phrase(s: _Sentence, m: Mention) -> int:
    """The index of the word before the implant phrase and its determiners ("both", "all"), below s.start if none."""
    j = m.start - 1
    while j >= s.start and (s.word(j) in _DETERMINERS or s.word(j) in {"both", "all"}):
        j -= 1
    return j


def _object_of_a_finding(s: _Sentence, m: Mention) -> bool:
    """Is the implant phrase the object of a finding said before it ("Fracture of the rod and screw loosening": the rod's
    is the fracture, not the loosening)?"""
    j = _word_before_phrase(s, m)
    return j > s.start and s.word(j) == "of" and (x := s.ent(j - 1)) is not None and x.label == "FINDING"


def _after_preposition(s: _Sentence, m: Mention) -> bool:
    """Is the implant phrase a preposition's object, and so no subject of a verb after a comma and a new subject
    ("lucency around the right C5 and C6 lateral mass screws, and the right C6 screw had backed out": the C6 screw alone
    backed out)?"""
    j = _word_before_phrase(s, m)
    while j >= s.start and (x := s.ent(j)) is not None and x.label in ("IMPLANT", "SIDE", "LEVEL"):
        j = x.start - 1  # the part named after its whole: "from the right L5 pedicle screw tulip"
        while j >= s.start and s.word(j) in _DETERMINERS:
            j -= 1
    return j >= s.start and s.word(j) in _PLACE_PREPOSITIONS


def _elliptical_gap(s: _Sentence, a: int, b: int) -> bool:
    """Is the gap a second measure of the same finding: "lucency of 2 mm around the right L3 screw and 1 mm around the
    left L3 screw"?"""
    gap = _gap_words(s, a, b)
    if len(gap) < 3 or gap[0] != "and":
        return False
    x = s.ent(a + 1)
    if x is None or x.label != "MEASURE":
        return False
    rest = gap[1 + x.end - x.start:]
    return bool(rest) and rest[0] in {"around", "about", "surrounding", "along", "at", "of"} \
        and all(w in _DETERMINERS for w in rest[1:])


def _group_after(mentions: list[Mention], idx: int, s: _Sentence) -> list[Mention]:
    group = [mentions[idx]]
    k = idx
    while k + 1 < len(mentions):
        cur, nxt = mentions[k], mentions[k + 1]
        own = s.ent(nxt.end)
        if own is not None and own.label == "FINDING" and own.start == nxt.end:
            break  # a coordinated implant with a finding of its own: "displacement of the left T4 hook and bilateral L4
            # screw lucency"
        if _own_predicate(s, nxt) or s.clause.get(nxt.head.start) != s.clause.get(cur.head.start):
            break  # a coordinated subject with a verb of its own: "no migration of the cage at L4-5 and the screws are
            # intact" (or the subject of a clause spliced on by a comma: "halos surround the L3 and L4 screws, the left
            # L5 screw is fractured", round 32)
        if _coordination_gap(s, cur.end, nxt.start) or _elliptical_gap(s, cur.end, nxt.start):
            group.append(nxt)
            k += 1
            continue
        break
    return group


_REPORTED_AS = frozenset({"seen", "noted", "identified", "present", "visualized", "visualised", "demonstrated", "evident",
                          "appreciated", "detected", "observed", "shown", "suspected", "excluded", "found"})


def _own_predicate(s: _Sentence, m: Mention) -> bool:
    """Is the implant phrase the subject of a verb of its own that says no finding of it ("and the screws are intact")?"""
    j = m.end
    if s.word(j) not in _COPULA:
        return False
    while j < s.end and (s.word(j) in _COPULA or s.word(j) in _ADVERBS):
        j += 1
    return j < s.end and s.word(j) not in _REPORTED_AS and s.ent(j) is None and s.word(j).isalpha()


_GAP_LABELS = ("MEASURE", "SIDE", "LEVEL", "IGNORE", "DIRECTION")  # ("a backed-out anterior plate screw")
_OF_GAPS = (["of", "the"], ["of"], ["of", "its"], ["on", "the"], ["in", "the"], ["from", "the"], ["at", "the"],
            ["between", "the"], ["connecting", "the"], ["joining", "the"],  # ("the cross-link between the rods at L2")
            ["of", "that"], ["of", "this"], ["of", "their"], ["of", "each"], ["of", "both"], ["of", "an"], ["of", "a"])  # ("the set screw of that
# connector was found loose")


def _side_of(s: _Sentence, a: int, b: int) -> bool:
    """Is the gap a place on a side of the next implant: "a screw tulip head on the left side of the construct"?"""
    gap = _gap_words(s, a, b)
    return bool(gap) and gap[-1] in {"of", "the"} and ("side" in gap or "sides" in gap) and all(
        w in {"on", "at", "to", "the", "side", "sides", "of"} or ((x := s.ent(i)) is not None and x.label == "SIDE")
        for i, w in zip(range(a, b), gap, strict=True))


_WHOLE_QUALIFIERS = frozenset({"cervical", "thoracic", "lumbar", "lumbosacral", "sacral", "stand-alone", "standalone", "stand",
                               "alone", "-", "locking", "dynamic", "static", "interbody", "integrated", "zero-profile"})


def _of_gap(s: _Sentence, start: int, end: int) -> bool:
    """Do the words between two implants join a part to its whole ("the set screw of the left L5 screw"), also across
    a brand name ("the locking screw of the Zero-P implant")?"""
    while end - 1 > start and (_own_qualifier(s, end - 1) or s.word(end - 1) in _WHOLE_QUALIFIERS
                               or ((x := s.ent(end - 1)) is not None and x.label in ("LEVEL", "SIDE"))
                               # (the whole's list of levels: "the locking caps of the left T5 and T6 screws", round 32)
                               or (s.word(end - 1) in {"and", ",", "or"} and (y := s.ent(end)) is not None
                                   and y.label == "LEVEL")):
        end -= 1  # the whole's own qualifier: "both S1 screws of the anterior L5-S1 plate", "the screws of an anterior
        # cervical plate", "the integrated screws of the C5-6 stand-alone spacer" (round 32)
    gap = _gap_words(s, start, end)
    if all(w in _WHOLE_QUALIFIERS for w in gap) and (x := s.ent(start - 1)) is not None and x.label == "LEVEL" \
            and s.word(x.start - 1) == "the" and s.word(x.start - 2) == "of":
        return True  # the part took the whole's level: "the integrated screws of the C5-6 stand-alone spacer"
    if gap[:1] == [")"]:  # after a name in brackets: "the set screw (locking cap) of the left L5 pedicle screw"
        gap, start = gap[1:], start + 1
    if gap in _OF_GAPS:
        return True
    return 3 <= len(gap) <= 5 and gap[:2] in (["of", "the"], ["of", "its"], ["of", "a"], ["of", "an"]) \
        and all(s.word(i) == "-" or _model_token(s, i) for i in range(start + 2, end))


_PLACE_IN_A_CONSTRUCT = frozenset({"at", "in", "within", "the", "top", "bottom", "end", "of", "upper", "lower", "cranial",
                                   "caudal", "proximal", "distal", "cephalad", "caudad", "apex", "base", "middle", "its"})


def _subject_index(mentions: list[Mention], idx: int, clause: int, s: _Sentence) -> int:
    """In "the set screw of the left L5 screw is loose" the subject is the first implant, not the nearest; in "a screw
    tulip head on the left side of the construct had disassociated" the construct only says where it is."""
    while idx > 0 and s.clause.get(mentions[idx - 1].head.start) == clause and not (
            mentions[idx - 1].kind == "Hardware" and mentions[idx].kind != "Hardware") and (  # "the distal hardware at the
            # plate itself had fractured": the plate
            _of_gap(s, mentions[idx - 1].end, mentions[idx].start)
            or _side_of(s, mentions[idx - 1].end, mentions[idx].start)
            # a second name of the same implant in brackets: "the set screw (locking cap)"
            or (mentions[idx - 1].kind == mentions[idx].kind and _gap_words(s, mentions[idx - 1].end, mentions[idx].start) == ["("]
                and s.word(mentions[idx].end) == ")")
            # the construct an implant sits in, said between commas: "The right T2 pedicle screw, uppermost in the construct,
            # has backed out"; or what the implant holds, after a participle: "The connector securing the new rod to the old
            # construct had loosened"
            or (mentions[idx].kind == "Hardware" and mentions[idx - 1].kind != "Hardware"
                and (_aside_place(s, mentions[idx - 1].end, mentions[idx])
                     # or where in the construct it sits: "The right L2 screw at the top of the construct had pulled out"
                     or (bool(gap := _gap_words(s, mentions[idx - 1].end, mentions[idx].start)) and gap[0] in {"at", "in"}
                         and all(w in _PLACE_IN_A_CONSTRUCT for w in gap))))):
        idx -= 1
    for j in range(idx - 1, -1, -1):
        if s.clause.get(mentions[j].head.start) != clause:
            break
        if s.word(mentions[j].end) in _HOLDING_PARTICIPLES:
            return j
    return idx


# (and "between": "The lateral offset connector between the left rod and the iliac screw has fractured")
_HOLDING_PARTICIPLES = frozenset({"securing", "connecting", "joining", "linking", "bridging", "holding", "attaching", "coupling",
                                  "between"})


def _aside_place(s: _Sentence, prev_end: int, m: Mention) -> bool:
    """Is the implant an aside's place between commas, right after another implant (", uppermost in the construct,")?"""
    gap = _gap_words(s, prev_end, m.start)
    return bool(gap) and gap[0] == "," and "," not in gap[1:] and any(w in {"in", "of", "within"} for w in gap[-3:]) \
        and s.word(m.end) == ","


# what a patient does with an implant that left the body: the implant is the verb's object, not its subject
_OBJECT_VERB = re.compile(r"(?:expectorated|coughed|retched|vomited|excreted|passed)\b", re.I)


def _bare_denial(s: _Sentence, i: int, cue: _Cue) -> bool:
    """Is the clause from word i only a denial or a hedge of the cue's finding ("no subsidence", "no migration is seen", "not
    backed out", "a medial breach cannot be excluded")?"""
    e = cue.ent
    before = [w for j in range(i, e.start) if (w := s.word(j)).strip()
              and not ((x := s.ent(j)) is not None and x.label in ("DIRECTION", "MEASURE"))]  # ("a medial breach")
    if before[:2] == ["there", "is"] or before[:2] == ["there", "are"]:
        before = before[2:]
    rest = [w for j in range(e.end, s.end) if s.clause.get(j) == cue.clause and (w := s.word(j)).strip()]
    if before in (["no"], ["without"], ["not"], ["no", "evidence", "of"], ["not", "yet"]):
        return all(w in _BARE_DENIAL_TAIL for w in rest)
    # or a hedge of it: "The left L3 screw is partially obscured by artefact; a medial breach cannot be excluded" (round 31)
    return before in ([], ["a"], ["an"], ["some"], ["possible"], ["probable"]) and bool(rest) \
        and all(w in _BARE_DENIAL_TAIL or w in _BARE_HEDGE_TAIL for w in rest) and any(w in _BARE_HEDGE_TAIL for w in rest)


_BARE_HEDGE_TAIL = frozenset({"cannot", "can", "not", "be", "excluded", "ruled", "out", "possible", "suspected", "likely",
                              "considered", "questioned", "entirely"})
_BARE_DENIAL_TAIL = frozenset({"is", "are", "was", "seen", "identified", "evident", "noted", "demonstrated", "present",
                               "visible", "appreciated", "detected", ".", "or"})


def _elided_subject(s: _Sentence, cue: _Cue, mentions: list[Mention]) -> Mention | None:
    """The subject a "but" clause shares with the clause before it, when it opens with its verb ("was intact but
    surrounded by a halo", "is intact but has backed out"): the first implant of that clause."""
    opener = min((i for i, c in s.clause.items() if c == cue.clause), default=None)
    if opener is None or cue.clause == 0:
        return None
    if s.word(opener) in {";", "but", "yet"} and _bare_denial(s, opener + 1, cue):
        # a denial with no implant of its own after a semicolon: "Interbody spacers at L3-4 and L4-5 are unchanged in
        # position; no subsidence"
        earlier = [m for m in mentions if s.clause.get(m.head.start) == cue.clause - 1]
        return earlier[0] if earlier else None
    if s.word(opener) not in {"but", "yet"}:
        return None
    nxt = s.word(opener + 1)
    if not (nxt.endswith(("ed", "en")) or nxt in _COPULA or nxt in {"with", "now", "shows", "demonstrates"}):
        return None
    earlier = [m for m in mentions if s.clause.get(m.head.start) == cue.clause - 1]
    return earlier[0] if earlier else None


# words that say a finding is the reading of what the sentence told: "... consistent with rod fracture"
_RESTATING = {"consistent", "compatible", "keeping", "suggesting", "suggestive", "indicating", "indicative", "representing",
              "reflecting", "likely", "probably", "presumably", "namely", "i.e.", "suspicious", "concerning", "worrisome",
              "possibly", "presumed",
              # ("... not seen previously; this may represent rod fracture", round 31)
              "represent", "represents", "reflect", "reflects", "indicate", "indicates"}
# (and the words around them, back to the implants a reading is of: ", both suggestive of loosening")
_READING_WORDS = _RESTATING | {"of", "with", "for", "in", "early", "possible", "probable", "signs", "sign", "evidence"}


_PAST_PARTICIPLE = re.compile(r"\w+ed\b|(?:broken|fallen|drawn|withdrawn|torn|worn|shaken|driven)\b", re.I)


def _each_named_before(s: _Sentence, cue: _Cue, mentions: list[Mention]) -> list[Mention]:
    """The implants a reading after ", both" is of: "the left L5 screw showed a 2-mm halo and the right L5 screw a 1-mm
    halo, both suggestive of loosening" (each of them, not the nearest)."""
    j = cue.ent.start - 1
    while j > s.start and s.word(j) in _READING_WORDS and s.ent(j) is None:
        j -= 1
    word = s.word(j)
    if word not in {"both", "all", "each"} or s.word(j - 1) != ",":
        return []
    start = max((i for i in range(s.start, j) if s.word(i) == ";"), default=s.start)
    named = [m for m in mentions if start <= m.start and m.end <= j - 1 and not _after_preposition(s, m)]
    if len(named) < 2 or (word == "both" and len(named) != 2):
        return []
    return named


_FELT = frozenset({"stimulation", "paresthesia", "paresthesias", "paraesthesia", "paraesthesiae", "paraesthesias", "coverage",
                   "sensation", "sensations", "tingling", "numbness", "pain", "symptoms"})


def _link(cue: _Cue, mentions: list[Mention], s: _Sentence) -> list[Mention]:
    e = cue.ent
    if _unlisted_subject(s, cue):
        return []  # the finding of hardware the case format does not list, not of the implant it sits in: "actuator
        # pin fracture in magnetically controlled growing rods", "cable breakage in the occipitocervical construct"
    if (each := _each_named_before(s, cue, mentions)):
        return each
    j = _subject_at(s, e)
    if _participle(e) and s.word(j) in _FELT and s.ent(j) is None:
        return []  # what the patient feels moved, not an implant: "she noticed the stimulation had moved from her back into
        # her left chest wall" (round 32)
    before_it = [m for m in mentions if m.end <= j]
    if s.word(j) in {"it", "they"} and _PAST_PARTICIPLE.match(e.text) and len({m.kind for m in before_it}) == 1:
        # the pronoun subject is the implant named before it, not the place named after the verb: "The right rod is
        # intact; however, it has disengaged from the right L5 screw tulip"
        return _group_before(mentions, mentions.index(before_it[-1]), s)
    same = [m for m in mentions if s.clause.get(m.head.start) == cue.clause]
    if not any(m.end <= e.start for m in same) and (subject := _elided_subject(s, cue, mentions)) is not None:
        same = [subject, *same]  # "The left iliac screw was intact but surrounded by a lucent halo": the screw is
    after = [m for m in same if m.start >= e.end]
    before = [m for m in same if m.end <= e.start]
    if before and s.word(e.start - 1) == "and" and re.match(r"(?:(?:presumably|probably|possibly|likely|now)\s+)?l(?:ies|ay)\b",
                                                          e.text, re.I):
        # a second verb of the clause's subject, not of a place named after it: "The left L2 nut has unscrewed and lies in
        # the soft tissues posterior to the rod" (round 32)
        return _group_before(mentions, _subject_index(mentions, mentions.index(before[0]), cue.clause, s), s)
    after_words = " ".join(s.word(i) for i in range(e.end, min(e.end + 8, s.end)))
    if before and ((cue.family == "sublux" and (_OUT_OF_ITS_HOLD.match(after_words) or (
            _ENDS_OUT_OF.search(e.text) and _OUT_OF_ITS_HOLD.match("of " + after_words))))
                   or (cue.family == "disconnect" and _LET_GO.search(e.text))
                   or (cue.family == "unsecured" and e.text.lower().startswith("proud"))):  # ("the rod sitting proud of the tulip")
        # what slipped out of a screw head or a connector is the rod named before it: "allowed the right rod to slip out
        # of the screw head", "the left rod is disengaged at L5, lying free of the screw head", "disconnected left rod at the
        # top of a T10-L2 construct, having come out of the T10 screw head" (the rod, not the construct)
        held = [m for m in before if m.kind in ("Rod", "SetScrew")]
        return _group_before(mentions, mentions.index((held or before)[-1]), s)
    if before and before[-1].end == e.start and not any(sd or g for sd, g in before[-1].slots):
        # "a rod fracture can be seen on the left rod between the L3 and L4 screws": the implant of the compound named
        # again, with its side or level, later in the clause
        again = next((m for m in after if m.kind == before[-1].kind and m.slots and any(sd or g for sd, g in m.slots)
                      and m.start - e.end <= 8 and any(w in {"on", "in", "of", "at", "involving", "affecting"}
                                                         for w in _gap_words(s, e.end, m.start))
                      and "," not in _gap_words(s, e.end, m.start)), None)  # (not another item: "Rod fx on L at L4-5, R
        # rod intact")
        if again is not None:
            return _group_after(mentions, mentions.index(again), s)
    # (and the verb of a halo's clause: "and that a 2-mm halo surrounded the left L5 screw", round 32)
    if after and cue.family == "lucency" and (gap := _gap_words(s, e.end, after[0].start))[:1] in (
            ["around"], ["about"], ["surrounding"], ["surrounded"], ["surrounds"], ["surround"], ["encircled"], ["encircles"]) \
            and len(gap) <= 5 and not any(w in _CONJ or w in _PRONOUNS or w in _NP_STOP - {"around", "about", "surrounding"}
                                          for w in gap[1:]) \
            and not any((x := s.ent(i)) is not None and x.label == "FINDING" for i in range(e.end, after[0].start)):
        return _group_after(mentions, mentions.index(after[0]), s)  # the implant a lucency is around: "Occipital plate
        # secure, with no lucency around the occipital screws"
    if before and s.word(_skip_auxiliaries(s, e.start - 1)) == "and" and _after_preposition(s, before[-1]) \
            and (subjects := [m for m in before if not _after_preposition(s, m)]):
        # a second verb of the clause's subject, not of the place named in between: "The set screw at right L3 is not
        # visualised in the tulip and lies free in the paraspinal muscle"
        return _group_before(mentions, mentions.index(subjects[0]), s)
    if before and (_predicative(s, e) or before[-1].end == e.start):
        # "... is broken", or a compound noun: "set screw fracture", "S1 screw loosening", "SCS-lead migration"
        return _group_before(mentions, _subject_index(mentions, mentions.index(before[-1]), cue.clause, s), s)
    if after:
        m = after[0]
        gap = _gap_words(s, e.end, m.start)
        gap_ents = [x for i in range(e.end, m.start) if (x := s.ent(i)) is not None]
        clean = all(w in _LINK_AFTER or w in _QUALIFIERS or w in _NP_WORDS
                    or w in _IMPLANT_PARTS  # "retropulsion of a portion of the interbody cage"
                    or ((x := s.ent(i)) is not None and x.label in _GAP_LABELS)
                    for i, w in zip(range(e.end, m.start), gap, strict=True))
        has_prep: object = any(w in {"of", "around", "about", "adjacent", "surrounding", "surrounds", "surround", "encircling",
                             "encircles", "along", "at", "involving", "involves", "in", "within", "near", "abutting",
                             "affecting", "on", "encasing", "including", "next", "alongside", "beside", "overlying",
                             "to", "between", "by", "with"} for w in gap) or not gap \
            or s.word(e.end - 1) in {"of", "in", "with", "around", "at"} \
            or _OBJECT_VERB.match(e.text)  # "failure of both rod and screw"; "expectorated his right C3 screw"
        # (or the finding word is the implant's adjective, with only its side, level or direction between: "a backed-out
        # anterior plate screw")
        adjective = bool(gap) and all((x := s.ent(i)) is not None and x.label in ("DIRECTION", "SIDE", "LEVEL")
                                      for i in range(e.end, m.start))
        has_prep = bool(has_prep) or adjective  # (the type: a match, True or None above, a bool from here)
        # a name or a word of its own before the implant in an "of" phrase: "fracture of the Harrington rod", "of the
        # growing rod", "penetration of the unit rod"
        # (a hyphenated name is one word: "retropulsion of the stand-alone cage")
        clean = clean or (gap[:1] == ["of"] and len(gap) - 2 * gap.count("-") <= 4
                          and not any(w in _CONJ or w in {";", "("} for w in gap))
        # (not an implant with a finding of its own, for a failure: "Hardware failure at L5-S1 with bilateral S1 screw
        # fractures" is the construct's failure)
        own = cue.family == "complication" and (y := s.ent(m.end)) is not None and y.label == "FINDING"
        if clean and has_prep and len(gap) <= 8 and not any(x.label == "FINDING" for x in gap_ents) and not own:
            idx = mentions.index(m)
            return _group_after(mentions, idx, s)
    if before:
        return _group_before(mentions, _subject_index(mentions, mentions.index(before[-1]), cue.clause, s), s)
    after = [m for m in after if s.statement.get(m.head.start, 0) == s.statement.get(e.start, 0)
             and not any(_TREATED.match(w) for w in _gap_words(s, e.end, m.start))
             # (nor an implant of a finding named in between: "fixation failure at T10, with loosening of both T10
             # screws" is the construct's failure)
             and not (cue.family == "complication" and any((x := s.ent(i)) is not None and x.label == "FINDING"
                                                           for i in range(e.end, m.start)))
             and not ((x := s.ent(m.end)) is not None and x.label == "FINDING" and not x.text.lower().endswith(("ed", "en")))]
    if after:  # the implant named later in the same clause ("the implant-to-bone ratio" of another clause is not;
        # nor the implant a finding was treated with: "the fracture was fixed with two lag screws"; nor the implant of
        # a compound of another finding: "no lucencies, implant subsidence, or implant fractures")
        idx = mentions.index(after[0])
        return _group_after(mentions, idx, s)
    return []


def _skip_auxiliaries(s: _Sentence, j: int) -> int:
    """The index of the word before the auxiliaries and adverbs that end at j ("and has since retracted": 'and')."""
    while j > s.start and (s.word(j) in _COPULA or s.word(j) in _ADVERBS):
        j -= 1
    return j


_RELATIVE = {"which", "that", "who"}


def _restated(cue: _Cue, cues: list[_Cue], s: _Sentence) -> _Cue | None:
    """The earlier finding a relative clause says again: in "migration of the screw from the plate ..., which had
    migrated down to the colon" the second 'migrated' is about the screw, as the first."""
    j = cue.ent.start - 1
    while j >= s.start and (s.word(j) in _ADVERBS or s.word(j) in _COPULA or s.word(j).endswith("ly")):
        j -= 1
    nxt = s.ent(cue.ent.end)
    if s.word(j) == "and" and _verb_of_subject(cue, s) and (nxt is None or nxt.label != "IMPLANT"):
        # a second verb of the same subject: in "the rod had slipped out of the screws and migrated caudally" the
        # rod migrated, not the screws named in between
        earlier = [c for c in cues if c.ent.end <= j and c.mentions and _verb_of_subject(c, s)
                   and c.mentions[-1].end <= c.ent.start]
        return earlier[-1] if earlier and earlier[-1].clause == cue.clause else None
    if s.word(j) not in _RELATIVE:
        return None
    earlier = [c for c in cues if c.ent.end <= j and c.family == cue.family and c.mentions]
    return earlier[-1] if earlier else None


def _verb_of_subject(cue: _Cue, s: _Sentence) -> bool:
    """Are the finding words a past verb after their subject ("had slipped out", "migrated")?"""
    return _participle(cue.ent) and s.word(cue.ent.start - 1) not in _DETERMINERS


_NOT_ABOUT = {"lucency", "breach", "canal", "site", "overlying", "ectopic", "disc", "pressing"}  # families whose complement is where the implant is, not what failed
_NP_SKIP = _DETERMINERS | set(_QUALIFIERS) | {"both", "all", "one", "two", "three", "four", "some", "his", "her", "its",
                                              "their", "-", "of", "and", "or", ",", "either", "each", "entire"}
_NP_STOP = {"at", "in", "on", "into", "onto", "from", "to", "by", "with", "within", "through", "toward", "towards", "after",
            "before", "during", "beside", "besides", "next", "near", "adjacent", "around", "about", "along", "alongside",
            "below", "above", "under", "over", "behind", "between", "across", "against", "without", "via", "per", "among",
            "beyond", "outside", "inside", "underneath", "beneath", "abutting", "surrounding", "including",
            "which", "that", "who", "was", "were", "is", "are", "has", "have", "had", "been", "be", ";",
            ".", ":", "(", ")", "while", "whereas", "but", "since", "because", "as", "than", "again", "twice", "later",
            "due", "secondary", "owing", "resulting"}
_IMPLANT_PARTS = {"head", "heads", "shank", "shanks", "shaft", "shafts", "tip", "tips", "thread", "threads", "tulip", "tulips", "end", "ends",
                  "post", "posts",  # "the fractured post of the screw"; "fractured post-operatively" names nothing
                  "portion", "portions", "part", "parts", "segment", "segments", "side", "sides", "aspect", "region",
                  "edge", "edges", "margin", "margins"}


# nouns of the treatment or course of a bone fracture: a finding noun right before one ("fracture reduction",
# "fracture healing") names the bone's fracture
_BONE_TREATMENT = {"reduction", "reductions", "healing", "union", "nonunion", "malunion", "consolidation", "dislocation",
                   "dislocations", "fixation", "stabilization", "stabilisation"}


def _content(w: str) -> bool:
    return w.isalpha() and len(w) > 2 and not w.endswith("ly")


def _np_theme(s: _Sentence, j: int) -> str | None:
    """What the noun phrase starting at token j names: 'implant' if an implant word is in it (or in a phrase
    coordinated with it), 'other' if it names something else ("the thecal sac", "a posterior L4-L5 arthrodesis"),
    None if there is no noun phrase."""
    seen_content = False
    for k in range(j, min(j + 10, s.end)):
        x = s.ent(k)
        if x is not None:
            if x.label == "IMPLANT":
                return "implant"
            if x.label in ("STRUCTURE", "IGNORE"):
                seen_content = True  # a body structure, an instrument, a bone: "penetration of the pedicle probe into ..."
            continue  # sides, levels, directions, measures and other finding words belong to the phrase
        w = s.word(k)
        if w in _NP_STOP:
            break
        if w in _NP_SKIP or w in _IMPLANT_PARTS or w.isdigit() or w in _PRONOUNS:
            continue  # (a pronoun says nothing of what it stands for: "there was no fracture of them")
        if _content(w):
            seen_content = True
    return "other" if seen_content else None


_NOMINAL = re.compile(r"(?:ion|ment|ure|ence|ance|age|ing|ity|ies|y|^(?:back|pull|cut)-?outs?|breaks?|shifts?|slips?)$")  # a noun


_RAISING = {"to", "noted", "found", "seen", "shown", "felt", "observed", "considered", "thought", "said"}


# participles that do not end in -ed: "One guide wire was broken"
_IRREGULAR_PARTICIPLES = {"broken", "broke", "torn", "bent", "worn", "gone", "fallen", "come", "split", "cut", "shorn",
                          "slid"}


def _participle(e: Ent) -> bool:
    """Do the finding words open with a past verb ("had slipped out", "migrated", "was broken")?"""
    first = e.text.split()[0].lower() if e.text.split() else ""
    return first.endswith("ed") or first in _IRREGULAR_PARTICIPLES


def _subject_at(s: _Sentence, e: Ent) -> int:
    """Where the subject of a finding verb ends: before the adverbs, auxiliaries and raising verbs that open the verb
    group ("the posterior elements were noted to be loosened"); s.start - 1 when the sentence opens with the verb."""
    j = e.start - 1
    while j >= s.start and (s.word(j) in _ADVERBS or s.word(j) in _COPULA or s.word(j).endswith("ly")
                            or s.word(j) in _RAISING):
        j -= 1
    return j


_TREATED_BONE = re.compile(r"\b(?:stabili[sz]\w*|fix(?:es|ed|ing|ation)?|treat(?:s|ed|ing|ment)?|reduc(?:e|es|ed|ing|tion))\s+"
                           r"(?:of\s+)?(?:(?:th(?:is|ese|e)|a|an)\s+)?(?:(?:type|types|kind|kinds)\s+of\s+)?(?:\w+\s+)?$", re.I)


def _bone_of_a_level_subject(s: _Sentence, e: Ent) -> bool:
    """Is the subject of a finding verb a bone named by its level ("the arch of C-1 fractured", "the body of L2")?"""
    j = _subject_at(s, e)
    x = s.ent(j)
    return x is not None and x.label == "LEVEL" and s.word(x.start - 1) == "of" \
        and bool(_BONE_OF_A_LEVEL.match(s.word(x.start - 2)))


_BONE_OF_A_LEVEL = re.compile(r"^(?:arch(?:es)?|body|bodies|pedicles?|laminae?|pars|dens|odontoid|facets?|process(?:es)?)$", re.I)


def _subject_is_not_an_implant(s: _Sentence, e: Ent) -> bool:
    """A finding verb whose subject is no implant: "The disc fragment had migrated", "Pain migrated"."""
    j = _subject_at(s, e)
    if j == e.start - 1 and not _participle(e):
        return False  # not a verb after its subject
    x = s.ent(j)
    if x is not None and x.label == "LEVEL":
        # a vertebra that slipped on the one below: "T2 had subluxed anteriorly on T3" (round 32)
        k = e.end
        while k < s.end and (((y := s.ent(k)) is not None and y.label == "DIRECTION") or s.word(k).endswith("ly")):
            k = y.end if y is not None else k + 1
        return s.word(k) in {"on", "over", "relative"} and (z := s.ent(k + 1)) is not None and z.label == "LEVEL"
    if x is not None:  # "The C5 vertebral body was displaced", "The bone graft was extruded"
        return x.label in ("STRUCTURE", "IGNORE")
    return bool(V.BODY_STRUCTURE_WORDS.match(s.word(j)))


_SURGEONS_VERBS = frozenset({"disengage", "loosen", "dislodge", "disconnect", "detach", "separate", "break", "displace",
                             "remove", "free", "pull", "back", "extract"})
_TRYING = frozenset({"used", "using", "attempted", "attempt", "attempting", "attempts", "tried", "trying", "order", "unable",
                     "able", "managed", "needed"})


def _np_instrument(s: _Sentence, j: int) -> bool:
    """Does the noun phrase starting at token j name an instrument or another thing the extractor ignores before any
    implant ("the pedicle probe")?"""
    for k in range(j, min(j + 6, s.end)):
        x = s.ent(k)
        if x is not None:
            return x.label == "IGNORE"
        if s.word(k) in _NP_STOP:
            return False
    return False


def _theme(s: _Sentence, cue: _Cue) -> str | None:
    """Is the finding word about an implant or about something else? 'other' for "fractured Odontoid process",
    "displacement of the thecal sac", "failure of a posterior L4-L5 arthrodesis", "graft migration",
    "esophageal perforation" (the last with no implant named); None when the words do not say."""
    e = cue.ent
    before = s.word(e.start - 1) if e.start > s.start else ""
    last = e.text.split()[-1].lower() if e.text.split() else ""
    if s.ent(e.start - 1) is None and V.BODY_STRUCTURE_WORDS.match(before) and _NOMINAL.search(last) \
            and before.lower() != "transverse" \
            and (cue.family not in _NOT_ABOUT or not (cue.mentions or cue.implied)):
        # (a transverse fracture runs across: "a transverse fracture of the plate at C6"; a transverse process is bone)
        return "other"  # a compound noun: "graft migration", "fusion failure", "esophageal perforation"
    if re.match(r"travers|cross", e.text, re.I) and s.word(_subject_at(s, e)) in {"line", "lines", "lucency", "plane"}:
        return "other"  # a line through an implant is its fracture, no movement: "A fracture line traverses the plate" (round 31)
    if _NOMINAL.search(last) and s.word(e.end) in _BONE_TREATMENT:
        return "other"  # a finding noun that modifies a treatment of bone: "indirect fracture reduction"
    if cue.family == "fracture" and _NOMINAL.search(last) and s.word(e.end) in {"vertebra", "vertebrae", "vertebral"}:
        return "other"  # a bone's: "one level below the fracture vertebra"
    if cue.family == "fracture" and _NOMINAL.search(last) and _TREATED_BONE.search("".join(
            s.word(k) + " " for k in range(max(s.start, e.start - 5), e.start))) and not cue.implied \
            and not any(m.end <= e.start and m.start >= e.start - 5 for m in cue.mentions):
        return "other"  # a bone fracture that hardware treats: "a useful method to stabilize this type of fracture",
        # "stabilization of sacral fractures"
    if cue.family == "ectopic" and _CARDIAC_DEVICE.search(s.text or "") and _IN_THE_HEART.match(e.text):
        return "other"  # a pacemaker's leads in the heart (round 32)
    if cue.family == "ectopic" and not _ectopic_implant(s, e):
        return "other"  # "pain in the buttock", "the IPG pocket in the abdomen": no implant said to lie there
    if cue.family == "breach" and _organ_after(s, e.end) and not _PRESSING.search(e.text):
        return "other"  # "perforated the esophagus", "perforated through the esophagus": the organ, not a pedicle
    if cue.family == "lucency" and not cue.mentions and not cue.implied and re.search(r"\bgrafts?\b", s.text, re.I):
        return "other"  # "graft intact, potential lucency present at top and bottom of the graft": the graft's, no implant's
    if cue.family == "breach" and not cue.mentions and e.text.split()[0].lower().endswith("ing") and _prev_structure(s, e):
        return "other"  # "a degenerated L5-S1 disc impinging on my L5 nerve root": the disc, named right before
    if not cue.mentions and not cue.implied and (x := s.ent(e.start - 1)) is not None and x.label == "IGNORE":
        return "other"  # the finding of an instrument or a bone named right before: "the tip of the guide pin violated"
    if s.word(e.start - 1) == "to" and e.text.split()[0].lower() in _SURGEONS_VERBS \
            and any(s.word(k) in _TRYING for k in range(e.start - 7, e.start - 1)):
        return "other"  # what a surgeon tried to do: "used a slap hammer to disengage the implant", "attempted to loosen"
    if cue.family == "breach" and s.word(e.end) == "of" and _np_instrument(s, e.end + 1):
        return "other"  # an instrument's: "penetration of the pedicle probe into the vertebral artery"
    if cue.family == "disc" and any((x := s.ent(k)) is not None and x.label == "FINDING"
                                    and x.meta.get("family") in ("migration", "sublux") for k in range(e.start - 3, e.start)):
        return "other"  # "the screws migrated superiorly into the disc space": where they moved to, a migration
    if cue.family == "fracture" and _participle(e) and cue.mentions \
            and all(m.start > e.end for m in cue.mentions) and (
                _subject_is_not_an_implant(s, e) or ((x := s.ent(e.end)) is not None and x.label == "LEVEL")):
        return "other"  # a bone broke, beside an implant named after it: "Bone fractured around the screw at L1", "I fell and
        # fractured T12 right under the bottom of my fusion", "one of his spinal bones broke as the surgeon ... a screw"
    if cue.family == "fracture" and _participle(e) and _bone_of_a_level_subject(s, e):
        return "other"  # "in one the arch of C-1 fractured" (beside screws named before it)
    if cue.family in _NOT_ABOUT:
        return None
    if not cue.mentions and not cue.implied and (_subject_is_not_an_implant(s, e) or _own_subject(s, cue)) \
            and not _unlisted_device(s, cue):
        return "other"  # "the disc fragment had migrated", "pain migrated to the buttock", "the sheath was retracted"
    prev = s.ent(e.start - 1)
    if prev is not None and prev.label == "IMPLANT":
        return "implant"  # "a right rod fracture of the wavy portion": the rod's
    after = s.word(e.end)
    if after == "of" and _NOMINAL.search(last):  # "displacement of the thecal sac", not "pulled out of the body"
        return _np_theme(s, e.end + 1)
    if after in {"through", "across", "involving"} and cue.family == "fracture" and _NOMINAL.search(last):
        named = next((x for k in range(e.end + 1, min(e.end + 6, s.end)) if (x := s.ent(k)) is not None
                      and x.label in ("IMPLANT", "STRUCTURE")), None)
        if named is not None and named.label == "STRUCTURE":
            return "other"  # a bone's: "a fracture through the left C3 lateral mass along the screw track" (round 32)
    if last.endswith(("ed", "ing")) and after in {"the", "a", "an", "its", "their", "his", "her"}:
        return _np_theme(s, e.end)  # a transitive verb: "a hematoma displaced the thecal sac" is about the sac
    if before in {"that", "which"} and (x := s.ent(e.start - 2)) is not None and x.label == "IMPLANT":
        return None  # the verb of a relative clause about the implant: "A lead that migrated ventrally into the anterior
        # epidural space produced motor responses" (round 32)
    attributive = (last.endswith(("ed", "en")) or last in {"loose", "broken"}) and not _predicative(s, e) \
        and (before in _DETERMINERS or before in {"of", "with", "and", "or", ",", "in", "on", "for", ""}
             or s.ent(e.start - 1) is not None)
    if attributive and after not in _NP_STOP and after not in _CONJ:  # "a fractured odontoid process"
        nxt = s.ent(e.end)
        if nxt is not None and nxt.label in ("FINDING", "STRUCTURE", "IGNORE"):
            return "other"  # "a displaced fracture", "loose bodies"
        if nxt is not None and nxt.label in ("MEASURE", "DIRECTION") and s.ent(e.start - 1) is not None:
            return None  # a participle with how far or which way it went is said of the implant before it: "the TLIF cage
            # at L3-L4 retropulsed 1.2 cm, nearly occluding the canal" (round 32)
        return _np_theme(s, e.end) if nxt is not None or _content(after) or after in _NP_SKIP else None
    return None


_PRESSING = re.compile(r"\bpress|\bimping", re.I)  # an implant pressing on an organ is where it lies, not through it


def _prev_structure(s: _Sentence, e: Ent) -> bool:
    """Is the word right before the finding words a body structure ("disc", "osteophyte", "fragment")?"""
    prev = s.ent(e.start - 1)
    if prev is not None:
        return prev.label == "STRUCTURE" and bool(V.BODY_STRUCTURE_WORDS.match(prev.text.split()[-1]))
    return bool(V.BODY_STRUCTURE_WORDS.match(s.word(e.start - 1)))


_LYING = {"found", "seen", "located", "lying", "lay", "lies", "lodged", "embedded", "impacted", "identified", "noted",
          "observed", "visualized", "visualised", "retained", "felt", "palpable", "which", "that", "now", "still", "then",
          "eventually", "stuck", "trapped", "remained", "remains"}


_PROTRUDING = frozenset({"protruding", "protrudes", "protrude", "extending", "extends", "projecting", "projects", "migrating",
                         "eroding", "erodes", "penetrating", "penetrates", "perforating", "perforates"})


def _ectopic_implant(s: _Sentence, e: Ent) -> bool:
    """Is an implant named right before the place ("the screw in the bladder", "a rod fragment was found in the
    buttock"), through a verb of lying or being found?"""
    j = e.start - 1
    while j >= s.start and (s.word(j) in _COPULA or s.word(j) in _LYING or s.word(j) in _ADVERBS
                            or s.word(j).endswith("ed") or s.word(j) == ","  # "the screw, which slipped into the bowel"
                            or s.word(j) in _PROTRUDING  # "a C7 vertebral body screw protruding into the esophagus"
                            # "a screw extending from the C4-5 level into the posterior esophagus"
                            or s.word(j) in {"from", "the", "level", "levels"}
                            # "the screw at C4 protruded into the esophagus" (round 40)
                            or (s.word(j) in {"at", "on"} and (z := s.ent(j + 1)) is not None and z.label == "LEVEL")
                            or ((y := s.ent(j)) is not None and y.label == "LEVEL")):
        j -= 1
    if j >= s.start and (s.word(j) in {"fragment", "fragments", "piece", "pieces"} or s.word(j) in _IMPLANT_PARTS):
        j -= 1  # "a rod fragment in the psoas", "the free screw shaft was found lying on the diaphragmatic pleura"
    x = s.ent(j) if j >= s.start else None
    if x is not None and x.label == "IMPLANT":
        return True
    # or the subject of that verb, named with words of its own: "A screw from a lumbar fusion done 13 years earlier was
    # found in the bladder" (round 32)
    if not (s.word(e.start - 1) in _LYING and s.word(e.start - 2) in _COPULA):
        return False
    subject = [y for y in s.ents if y.end <= e.start - 2 and s.clause.get(y.start) == s.clause.get(e.start)]
    return bool(subject) and next((y for y in subject if y.label in ("IMPLANT", "FINDING")), subject[0]).label == "IMPLANT"


_CAUSE_WORDS = frozenset({"caused", "causing", "following", "after", "due", "from", "induced", "secondary", "related"})
_EFFECT_WORDS = frozenset({"caused", "causing", "complicated", "resulting", "resulted", "leading", "led", "produced"})


def _caused_by(s: _Sentence, cue: _Cue) -> bool:
    """Do the words between a finding and its implant say the implant caused it ("esophageal perforation caused by
    screws", "a T4 pedicle screw complicated by an esophageal perforation")?"""
    after = [m for m in cue.mentions if m.start >= cue.ent.end]
    if after:
        return any(s.word(k) in _CAUSE_WORDS for k in range(cue.ent.end, min(after[0].start, cue.ent.end + 6)))
    before = [m for m in cue.mentions if m.end <= cue.ent.start]
    return bool(before) and any(s.word(k) in _EFFECT_WORDS
                                for k in range(max(before[-1].end, cue.ent.start - 6), cue.ent.start))


def _organ_after(s: _Sentence, j: int) -> bool:
    """Does an organ outside the spine follow (through a preposition and determiners) at word j?"""
    k = j
    while k < s.end and k < j + 6 and (s.word(k) in _DETERMINERS or s.word(k) in {"through", "into", "in", "of", "his",
                                                                                   "her", "patient's", "wall", "walls", "at"}):
        k += 1
    # up to two words that qualify the organ: "a perforation at the distal sigmoid colon"
    return any(k + n < s.end and s.ent(k + n) is None and bool(V.ORGAN_WORDS.match(s.word(k + n)))
               and all(s.ent(i) is None for i in range(k, k + n)) for n in range(3))


# a report's subheading for the bones, the discs or the soft tissues: what follows it is theirs ("Bones: No fracture.")
_ANATOMY_HEADING = re.compile(r"^\W*(?:bones?|osseous(?:\s+structures)?|vertebrae|vertebral\s+bodies|alignment|discs?|disks?"
                              r"|soft\s+tissues?|paraspinal(?:\s+\w+)?|spinal\s+canal|canal|cord|lungs?|other)\s*:", re.I)


def _levels_agree(s: _Sentence, cue: _Cue, group: list[Mention]) -> bool:
    """May a finding with a level of its own right before it ("The L3 lucency is new") refer back to the implants of
    the sentence before? Only if one of them is at that level."""
    x = s.ent(cue.ent.start - 1) or s.ent(cue.ent.start - 2)
    if x is None or x.label != "LEVEL":
        return True
    own = {lv.name for lv in _ent_levels(x)}
    return any(own & {lv.name for _, g in m.slots for lv in g} for m in group)


def _reported(s: _Sentence, cue: _Cue) -> bool:
    """A finding with no implant named: is it reported as observed ('Subsidence was observed in 21%'), in a verbless
    line ('Mild subsidence.'), or as the verb of its clause ('One breached the medial wall')?"""
    numbers = s.statement
    toks = [i for i in range(s.start, s.end) if numbers.get(i, 0) == cue.statement]
    words = [s.word(i) for i in toks]
    if statements.verbless(words) or statements.observed(" ".join(words)):
        return True
    before = s.word(cue.ent.start - 1)
    # (an irregular past too: "The existing catheter broke after 13 years")
    return _participle(cue.ent) and before not in _DETERMINERS and before not in {"of", "with", "for", "in"}


def _number_clauses(s: _Sentence) -> None:
    """Number the clauses of the sentence (statements.clause_numbers)."""
    idx = list(range(s.start, s.end))
    s.statement = dict(zip(idx, statements.clause_numbers([s.word(i) for i in idx]), strict=True))


def _statements(s: _Sentence, cues: list[_Cue]) -> None:
    """Give each cue the generic-statement cue of its clause, if any."""
    first: dict[int, int] = {}
    last: dict[int, int] = {}
    for i, n in s.statement.items():
        first.setdefault(n, i)
        last[n] = i
    found: dict[int, str | None] = {}
    whole = statements.whole_statement(s.text)  # a study's aim, a definition, another study's report: every clause's
    in_title = statements.title(s.text, capitalised=False)
    base = s.sent.start_char  # Doc.text is rebuilt from the tokens at every call: read the sentence's own text

    def generic(n: int) -> str | None:
        if n not in found:
            a, b = s.doc[first[n]].idx - base, s.doc[last[n]].idx + len(s.doc[last[n]]) - base
            found[n] = whole or statements.generic_cue(s.text[a:b], in_title)
            if found[n] is None and n - 1 in first and s.word(first[n]) == ";" \
                    and statements.verbless([s.word(i) for i in range(first[n], last[n] + 1)]):
                found[n] = generic(n - 1)  # a verbless item after ';' goes on with the list before it:
                # "Complications include lead migration and fracture; extension lead disconnection; ..."
        return found[n]

    for cue in cues:
        n = s.statement.get(cue.ent.start, 0)
        cue.statement = n
        cue.generic = generic(n)


_DENIED_LATER = re.compile(r"[^.;]{0,80}?(?:\bbut|,\s*which|,\s*and)\s+(?:(?:this|it|that)\s+)?(?:was|were|is|has\s+been|had\s+been)\s+"
                           r"(?:subsequently\s+|later\s+|then\s+)?not\s+(?:confirmed|substantiated|corroborated|verified|borne\s+out)\b"
                           r"|[^.;]{0,80}?(?:\bbut|,\s*which|,\s*and)\s+(?:(?:this|it|that)\s+)?(?:was|were|has\s+been|had\s+been)\s+"
                           r"(?:subsequently\s+|later\s+|then\s+)?(?:excluded|ruled\s+out|refuted)\b"
                           # ("Apparent rod breakage on standing radiographs proved to be an overlap artefact")
                           r"|[^.;]{0,80}?\b(?:proved|turned\s+out|was\s+found|were\s+found)\s+to\s+be\s+(?:an?\s+)?(?:[\w-]+\s+){0,2}?"
                           r"(?:artefact|artifact)s?\b", re.I)
# words that may stand between two findings of one list ("neither surrounding lucency nor evidence of loosening")
_LIST_WORDS = frozenset({"nor", "evidence", "signs", "sign", "of", "any"})
_READ_AS = frozenset({"for", "with", "of", "suggesting", "indicating", "suggests", "indicates", "signifying", "representing"})
_MODAL_PERFECT = re.compile(r"(?:may|might|could)\s+have\b", re.I)
_A_KIND_NAMED = re.compile(r"\b(?:is|are|was|were|remains?|remained)\s+(?:the|a|an)\s+(?:(?:second|third)\s+)?(?:most\s+)?"
                           r"(?:frequent|common|usual|serious|important|typical|rare|\w+est)(?:\s+[\w-]+)?$")
_TREATED = re.compile(r"(?:fix|fixat|treat|manag|repair|stabili[sz]|reduc|reconstruct|revis|augment|secur|perform|address"
                      r"|correct)(?:ed|ing)$")
_COPULA = {"is", "are", "was", "were", "has", "have", "had", "been", "be", "appears", "appear", "remain", "remains",
           "seems", "seem", "being", "become", "becomes", "became"}
_ADVERBS = {"not", "now", "also", "slightly", "likely", "possibly", "partially", "partly", "probably", "mildly",
            "minimally", "further", "again", "still", "clearly", "definitely", "somewhat", "apparently", "completely",
            "fully", "entirely", "focally", "newly", "subsequently", "since", "then", "both", "all", "each"}


def _predicative(s: _Sentence, e: Ent) -> bool:
    """Is the cue a predicate ("... is broken", "... has migrated") rather than a noun ("fracture of ...")?"""
    j = e.start - 1
    # (and a predicate after a verb of seeing: "the left rod is seen broken between L4 and L5 screws", round 32)
    while j >= s.start and (s.word(j) in _ADVERBS or s.word(j).endswith("ly")
                            or (s.word(j) in _REPORTED_AS and s.word(j - 1) in _COPULA)):
        j -= 1
    # (not "there was fracture of the rod": what it is of is named after it)
    return s.word(j) in _COPULA and s.word(j - 1) not in _EXISTENTIAL and s.word(j - 2) not in _EXISTENTIAL


_HOLDS = r"connectors?|dominos?|tulips?|heads?|saddles?"  # the parts that hold a rod or a set screw
# what holds a rod or a set screw, after the words that it came away: "from connection with the thoracic rods", "out of the
# tulip"
_FROM_ITS_HOLD = re.compile(r"(?:\(\s*\w+\s*\)\s+)?(?:of\s+(?:the\s+)?(?:[\w-]+\s+){0,4}?(?:rods?|set\s+screws?|caps?)\s+)?(?:from|out\s+of)\s+"
                            r"(?:the\s+|its\s+|their\s+)?(?:[\w-]+\s+){0,2}?(?:connections?|" + _HOLDS + r"|screw\s+heads?|screws?)\b",
                            re.I)  # ("dislodgement of the right rod from the T2 screw")
_ENDS_OUT_OF = re.compile(r"\b(?:of|from)$", re.I)
_LET_GO = re.compile(r"\b(?:free|loose)$", re.I)  # a disconnection said by what holds it after: "free of the tulip"
_OUT_OF_ITS_HOLD = re.compile(r"(?:of|from)\s+(?:the\s+|its\s+|their\s+)?(?:[\w-]+\s+){0,2}?(?:" + _HOLDS + r")\b", re.I)
_MISPLACED = re.compile(r"\b(?:mis|mal)-?(?:plac|position)|\b(?:poorly|improperly|incorrectly|inaccurately|suboptimally"
                        r"|inappropriately|wrongly)\b|\btoo\s+far\b", re.I)


def _resolve_finding(family: str, kinds: set[str], connector_context: bool, words: str = "") -> str | None:
    """The finding type of a family of words about implants of these kinds (`words`: the cue's own words)."""
    rodlike = bool(kinds & {"Rod", "RodToRodConnector"})
    screwlike = not kinds or bool(kinds & (SCREWS | {"Hardware"}))
    if family in ("lucency",):
        return "lucency"
    if family == "loosening":
        return "loosening"
    if family == "breach":  # a stimulator lead "misplaced" or "malpositioned" is where the lead lies (one that exits
        # a foramen has moved: a migration, below)
        if kinds & STIMULATOR_PARTS and not kinds & SCREWS and _MISPLACED.search(words):
            return "lead position"
        if kinds & STIMULATOR_PARTS and not kinds & SCREWS and re.match(r"cours", words, re.I):
            return "lead position"  # a lead coursing through a foramen lies there ("The upper lead courses through the right
            # L4-5 neural foramen"); a screw there is out of its bone
        if kinds & STIMULATOR_PARTS and not kinds & SCREWS and re.search(r"foram", words, re.I) \
                and not re.search(r"\b(?:exit\w*|out)\b", words, re.I):
            return "lead position"  # a lead that lies in a foramen (a dorsal root ganglion lead's place), not one that left
            # the canal through it
        if re.search(r"\blong\b", words, re.I) and not kinds & SCREWS:
            return None  # only a screw "too long" is out of its bone: a rod too long is prominent
        if kinds & {"InterbodyCage"} and _MISPLACED.search(words):
            return "screw position"  # a misplaced or malpositioned cage is where it was put, as a misplaced screw
        if kinds and kinds <= {"Rod"} and re.search(r"\bseated\b", words, re.I):
            return "disconnection"  # a rod not seated in its screw's head ("the left rod is not seated within the S1 tulip")
        # a rod through bone is misplaced as a screw is ("titanium rods penetrated the occipital bone"); a cage or a
        # plate through it has moved
        return "screw position" if screwlike or rodlike else "migration"
    if family in ("failure", "uncomplicated"):  # "without evidence of failure", "intact without complications": a
        # complication of the implant named, if one is
        return "complication" if kinds else None
    if family == "overlying":  # where a stimulator lies on a film; of any other implant, no finding
        return "lead position" if kinds & STIMULATOR_PARTS else None
    if family == "site":  # inside the dura or the cord: only a named implant's position; a cage, rod or plate there has
        # left its bed
        if kinds & STIMULATOR_PARTS:
            return "lead position"
        if kinds & SCREWS:
            return "screw position"
        return "migration" if kinds & {"InterbodyCage", "Rod", "Plate"} else None
    if family == "pressing":  # pressing on the cord or a root: where a lead or a screw lies
        if kinds & STIMULATOR_PARTS:
            return "lead position"
        return "screw position" if kinds & SCREWS else None
    if family == "disc":  # a screw in a disc space is out of its bone; a cage there is where it belongs
        return "screw position" if kinds & SCREWS else None
    if family == "ectopic":  # a rod, screw, cage or plate in the bowel or the buttock has left its bed; a stimulator's
        # pulse generator and lead extensions are placed in the buttock or the abdomen
        if kinds & STIMULATOR_PARTS:  # (but a lead in the gut, the airway or the heart has left its place)
            return "migration" if V.FAR_FROM_A_LEAD.search(words) else None
        return "migration" if kinds else None
    if family == "canal":  # something is in the canal: an implant must be named (not "cement leakage into the canal")
        if not kinds:
            return None
        if kinds & STIMULATOR_PARTS:
            return "lead position"
        return "screw position" if screwlike else "migration"
    if family in ("sublux", "migration"):
        if re.match(r"flip", words, re.I) and "ImplantablePulseGenerator" not in kinds:
            return None  # only a generator flips in its pocket (a flipped laminar flap or patient is none)
        if rodlike and connector_context:
            return "rod connector"
        if family == "migration" and kinds and kinds <= SCREWS and re.match(r"out\b", words, re.I):
            return "screw position"  # a screw that goes "out through the foramen" is out of its bone (a lead there has moved)
        if family == "sublux" and kinds and kinds <= {"RodToRodConnector", "TransverseConnector"} and re.search(r"\boff\b", words, re.I):
            return "disconnection"  # a cross-link that slipped off a rod came apart from it (round 31)
        if family == "sublux" and kinds & {"Rod", "SetScrew"} and not re.match(r"dislodg", words, re.I):
            # a rod or set screw subluxed or slipped out of its connector is disconnected; one dislodged has migrated
            return "disconnection"
        return "migration"
    if family in ("unsecured", "disconnect"):
        if rodlike and connector_context:
            return "rod connector"
        if re.search(r"\boff\b", words, re.I) and kinds and not kinds & (SCREWS | {"Rod", "SetScrew", "RodToRodConnector"}):
            return "migration"  # a plate or cage that came off its bone has moved; a nut or tulip that came off is disconnected
        if re.search(r"\bdetach", words, re.I) and kinds and kinds <= {"Plate", "InterbodyCage", "Hardware"}:
            return "migration"  # and so has a plate or cage detached from it ("anterior cervical plate detachment"), or a
            # whole construct ("the anterior internal fixation was detached")
        if kinds & STIMULATOR_PARTS and family == "unsecured":
            return "migration"
        return "disconnection"
    if family == "fracture":
        return "fracture"
    if family == "subsidence":
        if rodlike and not kinds & {"InterbodyCage", "Hardware"} and re.search(r"telescop", words, re.I):
            # a rod telescoping in its connector slid through it ("The rod was telescoped in the domino connector about
            # 5 mm", round 31); a cage telescopes into bone
            return "rod connector" if connector_context else "migration"
        return "subsidence"
    if family == "complication":
        return "complication"
    return family


_MERGE_INTO = {("loosening", "lucency"): "lucency"}
# a sentence about the hardware of a bone away from the spine (chest films show shoulders, clavicles and humeri), and
# the words that would make it the spine's all the same
_ELSEWHERE = re.compile(r"\b(?:clavic\w*|humer\w*|shoulders?|glenoid|scapula\w*|acromi\w*|elbows?|wrists?|radius|ulna[r]?|femor\w*"
                        r"|femur|hips?|acetabul\w*|knees?|tibia[l]?|fibula[r]?|ankles?|sternotomy|sternal|sternum|mandib\w*)\b", re.I)
_SPINAL = re.compile(r"\b(?:spin\w*|vertebr\w*|pedic\w*|lumb\w*|thorac\w*|cervic\w*|sacr\w*|lamin\w*|interbody|cages?|rods?"
                     r"|fusion|[CTLS]\d{1,2}|stimulat\w*|leads?|electrodes?|(?-i:IPGs?)|pulse\s+generators?)\b", re.I)
# an implant named for another bone: "the acetabular cage", "a femoral rod" are no spinal implant
_OTHER_BONE_IMPLANT = re.compile(rf"(?:{_ELSEWHERE.pattern})\s+(?:cages?|rods?)\b", re.I)


_HEADER_LINE = re.compile(r"[^:\n]{1,60}:[ \t]*\S[^\n]*[.?!][ \t]*(?=\n)")


# (or a line under it that asks: "Increasing LBP and right buttock pain. ?loosening ?nonunion.")
_QUESTION_LINE = re.compile(r"\n[ \t]*\?[^\n]*|\n(?![^:\n]{1,60}:)[^\n]*(?:(?<!\S)\?[A-Za-z]|\b[Qq]uery\b)[^\n]*")
_HEADER_WRAPPED = re.compile(r"[^:\n]{1,60}:[ \t]*\S[^\n]*(?:\n[ \t]*(?![^:\n]{1,60}:)[^\s?][^\n]*){1,3}?[.?!][ \t]*(?=\n)")


def _past_its_line(text: str, title_at: int, sentence_at: int) -> bool:
    """Has a one-line history, comparison or technique section ended before the sentence? "Clinical details: SCS
    implanted 2 months ago.", then the findings on the next line with no heading of their own (a heading alone on its
    line keeps the lines under it)."""
    line = _HEADER_LINE.match(text, title_at)
    if line is None:
        # its text wrapped over lines ends with its sentence: "Hx: coflex ... 1 yr ago; mild LBP. Radiograph 10/2025 /
        # was read as questionable lucency at the device-bone interface."
        line = _HEADER_WRAPPED.match(text, title_at)
        if line is None:
            return False
    end = line.end()
    # (a clinical question on the lines under it is still the history's: "... now a palpable lump. / ?metalwork failure.",
    # "... 4 months ago. / Worsening back pain. Query metalwork failure.")
    while (q := _QUESTION_LINE.match(text, end)) is not None:
        end = q.end()
    return end < sentence_at


def extract_doc(doc, text: str | None = None) -> Extraction:
    """Read every sentence of a processed report into facts."""
    text = doc.text if text is None else text
    all_ents = _ents(doc)
    lowers = [t.lower_ for t in doc]
    report_has_stimulator = bool(_STIMULATION.search(text))
    device = "InterbodyCage" if _INTERBODY_DEVICE.search(text) and not _OTHER_DEVICE.search(text) else "Hardware"
    facts: list[Fact] = []
    set_aside: list[Fact] = []
    implants: list[ImplantRecord] = []
    prev_group: list[Mention] = []
    prev_at = -2  # the sentence that named prev_group: only the next sentence refers back to it
    prev_section: str | None = None
    sections: list[str] = []
    n_sent = 0
    k = 0  # all_ents is sorted by start: walk it once alongside the sentences (linear in the report)
    for si, sent in enumerate(doc.sents):
        while k < len(all_ents) and all_ents[k].start < sent.start:
            k += 1
        j = k
        while j < len(all_ents) and all_ents[j].start < sent.end:
            j += 1
        ents = [e for e in all_ents[k:j] if e.end <= sent.end]
        sent_text = sent.text
        if not sent_text.strip():
            continue
        n_sent += 1
        section = None
        try:
            section = sent[0]._.section_category
            if section in V.PARAGRAPH_SECTIONS:
                title_start = sent[0]._.section_span.start
                if re.search(r"\n[ \t]*\n", text[doc[title_start].idx: sent.start_char]):
                    section = None
            elif section in V.IGNORED_SECTIONS and _past_its_line(text, doc[sent[0]._.section_span.start].idx,
                                                                   sent.start_char):
                section = None
        except AttributeError:  # pragma: no cover
            pass
        if section and (not sections or sections[-1] != section):
            sections.append(section)
        if section != prev_section:
            prev_group = []
            prev_section = section
        if not any(e.label in ("IMPLANT", "FINDING") for e in ents):
            if prev_at == si - 1 and any(w in _REFERRING for w in lowers[sent.start:sent.end]):
                prev_at = si  # a sentence that only measures them ("On the left it measures 2 mm.") keeps them for the next
            continue  # no implant and no finding words: nothing to read (and no implant to refer back to)
        if _ELSEWHERE.search(sent_text) and not _SPINAL.search(_OTHER_BONE_IMPLANT.sub(" ", sent_text)):
            continue  # hardware of another bone ("the lateral most screw of the clavicular fixation is fractured")
        s = _Sentence(doc, sent, ents, si, sent_text, lowers)
        # 1. implant mentions
        mentions: list[Mention] = []
        for e in s.of("IMPLANT"):
            kind = _resolve_kind(e, s, report_has_stimulator, device)
            if kind is None:
                continue
            after = s.ent(e.end + 1) if e.end < s.end and s.doc[e.end].is_space else s.ent(e.end)
            if (kind in ("Hardware", "SpinalCordStimulator") or e.meta.get("kind") == "Device") and after is not None \
                    and after.label == "IMPLANT":
                continue  # a compound's modifier: "metal implant rods" are rods, "the C5/6 device screws" screws, "the
                # stimulator extension lead" a lead
            if kind == "StimulatorLead" and after is not None and after.label == "IMPLANT" \
                    and _resolve_kind(after, s, report_has_stimulator) == "StimulatorLead":
                continue  # and "the lead wire" is one lead
            m = _mention(e, kind, s)
            mentions.append(m)
        _inherit_levels(s, mentions)
        before = prev_group if si == prev_at + 1 else []
        _demonstrative_levels(s, mentions, before)
        _definite_levels(s, mentions, before)
        _colon_heading_levels(s, mentions)
        _structure_levels(s)
        sent_facts, sent_records = _sentence_facts(s, mentions, before, section)
        if section not in V.IGNORED_SECTIONS:
            implants.extend(sent_records)
        start, end = _sentence_bounds(doc, sent, text, s.text) if sent_facts else (0, 0)
        for f in sent_facts:
            f.sentence = text[start:end]
            f.sentence_start, f.sentence_end = start, end
            f.section = section
            if f.historical or f.hypothetical or f.generic or (section in V.IGNORED_SECTIONS and not (
                    section == "indication" and _STUDY_SHOWED.search(text[start:end]))):
                set_aside.append(f)
            else:
                facts.append(f)
        # (a disc prosthesis is one implant: "C5-6 disc arthroplasty in satisfactory position. No periprosthetic lucency.")
        specific = [m for m in mentions if m.kind != "Hardware" or _PROSTHESIS_NAME.search(m.head.text)]
        if len(specific) == 1 and not specific[0].slots and not sent_facts and specific[0].kind != "Rod" \
                and (where := _where_it_is(s, specific[0])) is not None:
            specific = [replace(specific[0], slots=[(None, where)])]  # "A cage is seen at L3-L4.": the next sentence's "it"
        if specific:
            prev_group = specific[-1:] if not specific[-1].slots else [m for m in specific if m.slots] or specific[-1:]
            prev_at = si
        elif before and any(0 <= f.mention < s.start for f in sent_facts) and any(w in _REFERRING for w in s.words.values()):
            prev_at = si  # a sentence that spoke of them again by a pronoun ("It has settled 2 mm into S1.") keeps them for
            # the next ("No displacement."); a bare finding that referred back does not (a cohort's "Radiolucent zones were
            # found in 12 patients" after one sentence on screws)
    _same_level(facts, text)
    _apply_corrections(facts, text)
    from .history import history_of

    return Extraction(text, facts, implants, set_aside, n_sent, sections, history_of(doc, text))


_REFERRING = frozenset({"it", "its", "they", "their", "both", "each"})
_SAME_LEVEL = re.compile(r"\b(?:at|of|on|involving)\s+the\s+same\s+(?:vertebral\s+)?(?:level|segment|site|location)s?\b", re.I)


def _same_level(facts: list[Fact], text: str) -> None:
    """A finding 'at the same level' is at the level of the finding said before it: "a fracture of the left rod at the
    C7-T1 level ..., and possibly an incomplete fracture of the right rod at the same level"."""
    last: Fact | None = None
    for f in facts:
        m = _SAME_LEVEL.search(text, f.sentence_start, f.sentence_end) if f.level is None and last is not None else None
        if m is not None and last is not None and f.spans and min(sp["start"] for sp in f.spans) < m.start() \
                and max(sp["end"] for sp in last.spans or [{"end": last.sentence_end}]) <= m.start():
            f.level = last.level
        if f.level is not None:
            last = f


_LEVEL_TEXT = r"[CTLS]\d{1,2}(?:\s*[-/]\s*[CTLS]?\d{1,2})?"
# a statement that puts right what the report said before ("Correction: the fractured screw is the LEFT L5 screw, not the
# right as stated above", "the broken rod is at L3-4 rather than L4-5 as previously dictated")
_CORRECTING = re.compile(r"\b(?:correct(?:ion|ed|s)?|erroneous\w*|in\s+error|mistaken\w*|incorrectly|addend(?:um|a)|amend\w*)\b"
                         r"|\bas\s+(?:previously\s+|initially\s+|originally\s+)?(?:stated|reported|dictated|described|transcribed)\b",
                         re.I)
_NOT_THE = re.compile(rf"(?:,\s*|\s)(?:and\s+)?(?:not|rather\s+than|instead\s+of)\s+(?:the\s+|at\s+)?(?P<old>left|right|{_LEVEL_TEXT})"
                      r"(?![\w-])", re.I)


# an operative note's indications that tell what a study showed are findings ("INDICATIONS: ... CT showed both rods broken
# at L4-L5"), not a question the study is to answer ("Evaluate for loosening")
_STUDY_SHOWED = re.compile(rf"\b(?:{'|'.join(map(re.escape, V.STUDY_NOUNS))}|scan|film|myelogram|fluoroscopy)\b[^.;?]{{0,40}}?"
                           rf"\b(?:{'|'.join(V.STUDY_VERBS)})\b", re.I)


def _apply_corrections(facts: list[Fact], text: str) -> None:
    """A correction moves what the report said before: the earlier findings of its kind on the side or at the level it
    takes back are on the side or at the level it gives, and the correction's own finding has them too (the word that
    makes it a correction may open it: "ADDENDUM: Correction. The fractured screw is at left L5, not L4.")."""
    for f in facts:
        m = _NOT_THE.search(f.sentence)
        if m is None or not _CORRECTING.search(text, max(0, f.sentence_start - 30), f.sentence_end):
            continue
        prefix, old = f.sentence[:m.start()], m.group("old")
        if old.lower() in ("left", "right"):
            sides = re.findall(r"\b(left|right)\b", prefix, re.I)
            attr, new, was = "side", (sides[-1].lower() if sides else None), old.lower()
        else:
            found = re.findall(_LEVEL_TEXT, prefix)
            attr, was = "level", span_name(levels_in(old, "span"))
            new = span_name(levels_in(found[-1], "span")) if found else None
        if new is None or new == was:
            continue
        for g in facts:
            if g.sentence_start < f.sentence_start and g.finding == f.finding and getattr(g, attr) == was \
                    and (g.kind == f.kind or f.kind in (None, "Screw", "Hardware")):
                setattr(g, attr, new)
        if getattr(f, attr) in (None, was):
            setattr(f, attr, new)
        if attr == "side" and f.level is None and (levels := re.findall(_LEVEL_TEXT, prefix)):
            f.level = span_name(levels_in(levels[-1], "span"))


_ANAPHORIC = {"the", "these", "those"}


def _colon_heading_levels(s: _Sentence, mentions: list[Mention]) -> None:
    """The side and level a heading before a colon names are those of the implants the list after it names without
    their own: "Hardware failure at right L1: the rod has disengaged from the screw head, the set screw is displaced"."""
    colon = next((i for i in range(s.start, s.end) if s.word(i) == ":"), None)
    if colon is None or any(m.start < colon and m.kind != "Hardware" for m in mentions):
        return
    lvs = [x for x in s.of("LEVEL") if x.end <= colon]
    sds = [x for x in s.of("SIDE") if x.end <= colon]
    if len(lvs) != 1 or len(sds) > 1:
        return
    if _word_naming(s, lvs[0]) in _INTERBODY_NAMES | _FUSION_NAMES:
        return  # an operation's levels, not a finding's: "ACDF C4-C6: inferior screws backed out ~3 mm at C6"
    levels = _ent_levels(lvs[0])
    side = sds[0].meta.get("side") if sds else None
    for m in mentions:
        if m.start > colon and not any(sd or g for sd, g in m.slots) and m.kind != "Hardware":
            m.slots = [(side, levels)]


def _demonstrative_levels(s: _Sentence, mentions: list[Mention], prev_group: list[Mention]) -> None:
    """'this screw' is the one screw the sentence before named ("Intense uptake surrounds the right S1 pedicle screw. On
    the CT component there is a 2 mm lucent rim around this screw")."""
    named = [m for m in prev_group if m.kind in SCREWS and m.slots]
    for i, m in enumerate(mentions):
        det = s.word(m.start - 1) if s.word(m.start - 1) in _DEMONSTRATIVES else s.word(m.start)
        if m.kind not in SCREWS or m.slots or det not in _DEMONSTRATIVES:
            continue
        if (earlier := [x for x in mentions[:i] if x.kind in SCREWS]):
            # the screw the sentence named before: "4 mm of lucency around the left S1 screw, and at surgery that screw was
            # indeed loose"
            if len(earlier) == 1 and earlier[0].slots and not m.plural and not earlier[0].plural and det in ("this", "that"):
                m.slots = list(earlier[0].slots)
            continue
        if len(named) != 1:
            continue
        if m.plural == named[0].plural or (m.plural and det in ("these", "those")):
            m.slots = list(named[0].slots)


_DEMONSTRATIVES = {"this", "that", "these", "those"}


def _where_it_is(s: _Sentence, m: Mention) -> list[Level] | None:
    """The one level a sentence with no finding places its one implant at ("A cage is seen at L3-L4", "At L5-S1 there is a
    PEEK cage", "Expandable corpectomy cage from T12 to L2"; the caller leaves rods out, whose spans a level seen does not
    give)."""
    free = [x for x in s.of("LEVEL") if x.claimed in (None, "generic") and x.meta.get("form") != "between"]
    if len(free) != 1 or (s.word(free[0].start - 1) not in {"at", "from", "across", "spanning", "spans", "in"}
                          and not free[0].text.lower().startswith("from")):
        return None
    return _ent_levels(free[0]) or None


def _definite_levels(s: _Sentence, mentions: list[Mention], prev_group: list[Mention]) -> None:
    """'the cage', 'the bolt' (one implant, named by its kind alone) is the one of its kind the sentence before named with
    its level and side ("A cage is seen at L3-L4. The cage is displaced posteriorly by 5 mm"); and a screw named again with
    its side alone is at its pair's level ("Bilateral C2 pars screws. The left screw is broken")."""
    for i, m in enumerate(mentions):
        det = s.word(m.start - 1) if s.word(m.start - 1) in _DEFINITE else s.word(m.start)
        # (not a lead, whose level is where it lies, not where a finding of it is; nor the construct)
        if det not in _DEFINITE or m.kind in ("Hardware", "StimulatorLead") or any(_same_kind(x.kind, m.kind)
                                                                                 for x in mentions[:i]):
            continue
        named = [x for x in prev_group if _same_kind(x.kind, m.kind) and x.slots]
        if len(named) != 1 or not _BARE_NAME.fullmatch(m.head.text):
            continue  # (a screw named by its kind is another screw: "both S1 pedicle screws ... the right iliac screw")
        levels = [lv for _, g in named[0].slots for lv in g]
        # (one implant only: "the screws" after an inventory are the construct's, said without their levels)
        if not m.slots and not m.plural and not named[0].plural and len(_slot_sides(named[0])) <= 1 \
                and len({lv.name for lv in levels}) <= 1:
            m.slots = list(named[0].slots)
        elif m.kind in SCREWS and m.slots and not any(g for _, g in m.slots) and len({lv.name for lv in levels}) == 1 \
                and all(sd in ("Left", "Right") for sd, _ in m.slots) \
                and (_slot_sides(m) <= _slot_sides(named[0]) or not _slot_sides(named[0])):
            m.slots = [(sd, levels[:1]) for sd, _ in m.slots]  # "Bilateral C2 pars screws. The left screw is broken": at C2


_DEFINITE = _DEMONSTRATIVES | {"the"}
_BARE_NAME = re.compile(r"(?:screw|rod|cage|plate|spacer|connector|hook)s?", re.I)


def _same_kind(a: str | None, b: str | None) -> bool:
    return a == b or (a in SCREWS and b in SCREWS)


def _slot_sides(m: Mention) -> set[str]:
    return {sd2 for sd, _ in m.slots for sd2 in (("Left", "Right") if sd == "Bilateral" else (sd,)) if sd2}


def _inherit_levels(s: _Sentence, mentions: list[Mention]) -> None:
    """'the superior screws of the anterior plate at C4', 'the set screw at the right L3 tulip': the first
    implant, named without a level, is where the second one is."""
    for a, b in pairwise(mentions):
        gap = _gap_words(s, a.end, b.start)
        if gap[:1] == [")"]:  # "the set screw (locking cap) of the left L5 pedicle screw"
            gap = gap[1:]
        if gap == ["and"] and not b.slots and any(g for _, g in a.slots):
            b.slots = list(a.slots)  # "the C6-7 plate and screws", "the left L4 screw and rod"
            continue
        if any(g for _, g in a.slots) or not b.slots or not any(g for _, g in b.slots):
            continue
        preps = {"of", "at", "on", "in", "within", "from"}  # "the screws from the L5-S1 instrumentation"
        if gap and gap[0] in preps and all(w in _DETERMINERS or w in preps for w in gap):
            own_side = next((sd for sd, _ in a.slots if sd), None)
            a.slots = [(own_side or sd, g) for sd, g in b.slots]
    for i, b in enumerate(mentions):  # "bilateral C1 lateral mass screws with erosion of the left screw": that screw at C1
        if b.kind not in SCREWS or len(b.slots) != 1 or b.slots[0][0] not in ("Left", "Right") or b.slots[0][1] \
                or "the" not in (s.word(b.start - 1), s.word(b.start)) or b.head.text.lower() != "screw":
            continue  # (a bare "screw": "the right S2AI screw" is no screw of the T10 pair)
        pair = next((m for m in reversed(mentions[:i]) if m.kind in SCREWS), None)
        if pair is None or (pair.kind not in (b.kind, "PedicleScrew", "LateralMassScrew") and b.kind != "Screw"):
            continue
        levels = {lv.name: lv for _, g in pair.slots for lv in g}
        if len(levels) == 1 and all(sd in (None, "Bilateral") for sd, _ in pair.slots) \
                and (pair.plural or any(sd == "Bilateral" for sd, _ in pair.slots)):
            b.slots = [(b.slots[0][0], list(levels.values()))]
    for i, b in enumerate(mentions):  # "the right L3 pedicle screw ... and the screw has backed out 2 mm": that screw;
        # "lucency around the T10 pedicle screws bilaterally; ... loosening of these screws": those
        det = s.word(b.start - 1) if s.word(b.start - 1) in _ANAPHORIC else s.word(b.start)
        if b.kind not in SCREWS or b.slots or det not in _ANAPHORIC or s.word(b.end - 1) not in ("screw", "screws"):
            continue  # (not a part: "disengaged from the screw head")
        named = [m for m in mentions[:i] if m.kind in SCREWS and m.slots]
        if len(named) != 1:
            continue
        one = len(named[0].slots) == 1 and len(named[0].slots[0][1]) <= 1 and named[0].slots[0][0] != "Bilateral" \
            and not named[0].plural
        if (b.plural and det in ("these", "those")) or (not b.plural and one):
            b.slots = list(named[0].slots)
    for a, b in reversed(list(pairwise(mentions))):  # and the name before the brackets is where the one in them is
        if a.kind == b.kind and _gap_words(s, a.end, b.start) == ["("] and not any(g for _, g in a.slots) \
                and any(g for _, g in b.slots):
            a.slots = list(b.slots)


def _sentence_bounds(doc, sent, text: str, sent_text: str) -> tuple[int, int]:
    """Character offsets of a sentence without surrounding space, nor a section title that opens it
    ("FINDINGS: There is ..." gives "There is ...")."""
    start = sent.start_char + _lstrip_len(sent_text)
    end = sent.end_char - _rstrip_len(sent_text)
    try:
        title = sent[0]._.section_title
    except AttributeError:  # pragma: no cover - sectionizer always present
        title = None
    if title is not None and start <= title.start_char and title.end_char < end:
        rest = text[title.end_char:end]
        skip = len(rest) - len(rest.lstrip(" \t\r\n:-"))
        if title.end_char + skip < end:
            start = title.end_char + skip
    return start, end


def _lstrip_len(t: str) -> int:
    return len(t) - len(t.lstrip())


def _rstrip_len(t: str) -> int:
    return len(t) - len(t.rstrip())


_ANATOMY_AFTER_LEVEL = {
    "radiculopathy", "radicular", "nerve", "nerves", "root", "roots", "dermatome", "dermatomal", "myotome", "arch", "ring",
    "vertebra", "vertebrae", "vertebral", "pars", "spondylolysis", "spondylolisthesis", "listhesis", "anterolisthesis",
    "retrolisthesis", "stenosis", "fracture", "fractures", "compression", "burst", "herniation", "protrusion", "disc", "disk",
    "pseudarthrosis", "pseudoarthrosis", "nonunion", "kyphosis", "instability", "corpectomy", "laminectomy", "osteotomy",
    "spinal", "cord", "segment", "hemilaminectomy", "foraminotomy", "discectomy", "vertebrectomy", "transverse", "spinous",
    "laminotomy", "interlaminotomy", "hemilaminotomy", "microdiscectomy", "microdecompression", "decompression", "pso", "vcr"}


_FUSED = frozenset({"fusion", "fusions", "arthrodesis", "fused"})
_INTERBODY_NAMES = frozenset({"acdf", "tlif", "plif", "alif", "xlif", "olif", "llif", "dlif"})
_FUSION_NAMES = frozenset({"psf", "plf", "pcf", "fusion", "fusions", "arthrodesis", "pso", "vcr", "plating"})


def _word_naming(s: _Sentence, x: Ent) -> str:
    """The word a level is written after, past a preposition ("ACDF C4-C6", "PSF from T4"): what the level is of."""
    one = s.word(x.start - 1)
    return s.word(x.start - 2) if one in {"at", "from", "of"} else one
_INTERBODY_PROCEDURE = re.compile(r"(?:(?:-|to|[ctls]\d{1,2})\s+)*(?:(?:stand[\s-]?alone|mis|minimally\s+invasive|single[\s-]level)\s+)?"
                                  r"(?:acdf|tlif|plif|alif|xlif|olif|llif|dlif|atp"
                                  # (spelled out: "after L5-S1 transforaminal lumbar interbody fusion")
                                  r"|(?:transforaminal|posterior|anterior|lateral|oblique|extreme\s+lateral|direct\s+lateral)"
                                  r"\s+(?:lumbar\s+)?interbody\s+fusion|anterior\s+cervical\s+discectomy)\b")
# a disc arthroplasty's level: its prosthesis's when nothing else names one ("Two years after C4-C5 total disc replacement,
# imaging showed no device migration")
_ARTHROPLASTY = re.compile(r"(?:(?:-|to|[ctls]\d{1,2})\s+)*(?:(?:total|cervical|lumbar|single[\s-]level)\s+){0,2}"
                           r"(?:(?:dis[ck]\s+)?arthroplasty|dis[ck]\s+(?:replacement|prosthesis))\b")
_PROSTHESIS_NAME = re.compile(r"arthroplast|prosthes|dis[ck]\s+replacement", re.I)
_PROSTHESIS_WORD = re.compile(r"prosthes|device|arthroplast|\bdis[ck]s?\b|implant", re.I)
_DISEASE_BEFORE_LEVEL = frozenset({"pseudarthrosis", "pseudoarthrosis", "nonunion", "union", "stenosis", "spondylolisthesis",
                                   "herniation", "kyphosis", "instability"})
_AT_AN_OSTEOTOMY = re.compile(r"\bat (?:the )?(?:level of (?:the |an? )?)?[ctls]\d{1,2}(?: ?[-/] ?[ctls]?\d{1,2})? "
                              r"(?:(?:pedicle subtraction )?(?:osteotomy|pso)|dis[ck] space|interspace|dis[ck] level)\b")


def _structure_levels(s: _Sentence) -> None:
    """Levels that name a bone, a nerve or a disease rather than an implant ("the T3 vertebral body", "the
    endplate of L4", "left L5 radiculopathy", "L5 spinal nerve injury", "the C1 vertebral" arch): a
    structure's level may stand in for a screw's when nothing else names it; the others never do."""
    for x in s.of("LEVEL"):
        if x.claimed:
            continue
        follower = s.word(x.end + 1) if s.word(x.end) in {"-", "level"} else s.word(x.end)
        after = s.ent(x.end)  # a word read as no finding ("L5-S1 nonunion") is still the anatomy the level names
        if _AT_AN_OSTEOTOMY.search(" ".join(s.word(k) for k in range(max(s.start, x.start - 5), min(x.end + 3, s.end)))):
            continue  # where a rod broke: "both rods are fractured at the level of the L3 osteotomy", "at the L3 PSO", "at
            # the level of the L4-L5 disc space"
        if (after is None or after.label == "IGNORE") and follower in _ANATOMY_AFTER_LEVEL:
            before = [w for w in (s.word(k) for k in range(max(s.start, x.start - 2), x.start)) if w != "the"]
            # where a finding is: "a lateral perforation seen at C3 vertebra" (the vertebra's level may stand in)
            at = follower in {"vertebra", "vertebrae"} and before[-1:] in (["at"], ["in"])
            x.claimed = "structure" if at else "anatomy"
            continue
        after_words = " ".join(s.word(k) for k in range(x.end, min(x.end + 6, s.end)))
        if _ARTHROPLASTY.match(after_words):
            x.claimed = "arthroplasty"
            continue
        if _INTERBODY_PROCEDURE.match(after_words):
            x.claimed = "procedure"  # an interbody fusion's level: its cage's when nothing else names one ("after L3-L4 XLIF,
            continue  # the cage had migrated 5 mm"), no other implant's ("L5-S1 ALIF without evidence of hardware loosening")
        if re.match(r"(?:(?:-|to|through|[ctls]\d{1,2}|pelvis|sacrum|ilium|ilia)\s+)*(?:(?:posterior|anterior|posterolateral|interbody"
                    r"|instrumented|spinal|lumbar|cervical|thoracic|lumbosacral|thoracolumbar)\s+){0,3}"
                    # (and the plating that was the operation: "4 years after C4-C6 anterior plating", round 32)
                    r"(?:fusions?|arthrodesis|psf|plating|discectomy)\b", after_words):
            x.claimed = "anatomy"  # a procedure's levels: "status post L4-S1 posterior fusion", "s/p L4-S1 PSF"
            continue
        one, two = s.word(x.start - 1), s.word(x.start - 2)
        named_by = _word_naming(s, x)
        if named_by in _INTERBODY_NAMES:
            x.claimed = "procedure"  # written after the operation's name: "ACDF C4-C6: inferior screws backed out at C6"
            continue
        if named_by in _FUSION_NAMES:
            x.claimed = "anatomy"  # "Two years after PSF T10-pelvis with an L3 PSO, the left rod has broken at L4-L5"
            continue
        if "extended" in (s.word(x.start - 1), s.word(x.start - 2)):
            x.claimed = "anatomy"  # how far a fusion was extended: "the fusion was extended from L3 to the pelvis"
            continue
        if one in _FUSED or (one in {"of", "at", "from", "between", "to", "through"} and two in _FUSED):
            x.claimed = "anatomy"  # a fusion's levels: "spontaneous fusion between C2 and C3", "fusion of L4-5"
            continue
        before = [w for w in (s.word(k) for k in range(max(s.start, x.start - 3), x.start)) if w != "the"]
        if before[-1:] in (["at"], ["of"]) and before[-2:-1] and before[-2] in _DISEASE_BEFORE_LEVEL:
            x.claimed = "anatomy"  # a disease's level: "the left rod fractured because of the pseudarthrosis at L5-S1"
            continue
        nxt = s.ent(x.end)
        if nxt is not None and nxt.label == "STRUCTURE":
            x.claimed = "structure"
            continue
        two_before = s.ent(x.start - 2)
        if s.word(x.start - 1) == "of" and ((two_before is not None and two_before.label == "STRUCTURE")
                                            or s.word(x.start - 2) in {"endplate", "body", "pedicle", "lamina"}):
            x.claimed = "structure"


# a movement said of bone as often as of an implant ("Healed T11 burst fx with ... mild retropulsion"): an implant's only
# when the sentence names one, or refers back to it in words
_BONE_MOVEMENT = re.compile(r"retropuls|antero-?puls|subluxat|listhesis", re.I)
# the spine's movement named as a noun, even in a telegraphic line after an implant ("The rods are intact. No subluxation.")
_SPINE_MOVEMENT = re.compile(r"subluxations?\b|(?:spondylo|antero|retro)?listhesis\b|retropulsion\b", re.I)
# a joint's dislocation where no implant or part of a prosthesis is named ("no aggravation of dislocation or deformity in
# follow-up exam"; not "a posterior intraprosthetic dislocation")
_JOINT_DISLOCATION = re.compile(r"dislocations?\b", re.I)
_PROSTHESIS_PART = re.compile(r"prosthe|arthroplast|\binlays?\b|\binserts?\b|\bcores?\b|\bnucleus\b", re.I)
# a breach named for the pedicle is a screw's ("The cage is well seated. No pedicle breach.")
_PEDICLE_WORD = re.compile(r"pedic", re.I)
_REFER_BACK_ONLY_BY_WORD = {"fracture", "overlying", "canal", "site", "ectopic", "disc", "pressing"}
# words that say a finding is of an implant named before: "both are fractured", "the left one", "its tip"
_REFER_WORDS = _PRONOUNS | {"one", "ones", "both", "either", "neither", "another", "other", "others", "none", "former",
                            "latter", "remaining", "all"}


def _compound_list(s: _Sentence, cue: _Cue) -> bool:
    """Are the finding's implants a list of nouns right before it ("no evidence of plate or screw backout"), each its own?"""
    ms = sorted(cue.mentions, key=lambda m: m.start)
    return ms[-1].end == cue.ent.start and all(
        all(w in {"or", "and", ",", "/"} for w in _gap_words(s, a.end, b.start)) and b.start > a.end for a, b in pairwise(ms))


def _refers_back(s: _Sentence, cue: _Cue) -> bool:
    """Does a pronoun ("both are fractured", "the left one") say the finding is of an implant named before, or is the
    line telegraphic ("Fractured.")? Not a word that only counts the finding ("Most fractures were ...")."""
    if sum(w.isalpha() for w in s.words.values()) <= 3:
        return True
    if re.match(r"tips?\b", cue.ent.text, re.I):
        return True  # a tip is a part of what was named before: "Two leads are seen. Tips at mid T8 bilaterally." (round 32)
    return any((s.word(i) in _REFER_WORDS or _counted_subject(s, i)) and i != cue.ent.start - 1
               for i in range(s.start, s.end) if not cue.ent.start <= i < cue.ent.end)


def _counted_subject(s: _Sentence, i: int) -> bool:
    """A count standing for implants named before, as its clause's subject: "1,772 screws were acceptable, 142 were
    laterally misplaced"."""
    return s.word(i).replace(",", "").isdigit() and s.word(i + 1) in _COPULA


_EXISTENTIAL = {"there", "here"}
# a subject that may stand for implants named before: "The left one is fractured", "the arm components were separated"
_SOME = _REFER_WORDS | {"some", "most", "several", "many", "two", "three", "four", "five", "component", "components",
                        "part", "parts", "piece", "pieces", "element", "elements"}


def _own_subject(s: _Sentence, cue: _Cue) -> bool:
    """Has a finding verb a subject of its own that names no implant ("The carotid sheath was retracted laterally",
    "She was moved to her bed", "The incision was extended through skin")? Then it refers back to no implant of an
    earlier sentence; a pronoun ("It has backed out"), "there is" and a finding noun ("Surrounding lucency") may."""
    e = cue.ent
    if not _participle(e):
        return False  # a finding noun or adjective: "surrounding lucency", "loose"
    j = _subject_at(s, e)
    if j < s.start:
        return False
    w = s.word(j)
    if w in _PRONOUNS or w in _EXISTENTIAL or w in _SOME or w in _NP_STOP or w in _CONJ or not w.isalpha():
        return False
    x = s.ent(j)
    return x is None or x.label != "IMPLANT"


# a place named as a finding ("in the left lateral recess", "within the foramen"): anything's place, unless the sentence
# says whose ("Enhancing epidural fibrosis surrounds the L5 root in the left lateral recess" after "The cage is not well
# seen" is the root's)
_PLACE_PHRASE = re.compile(r"(?:in|into|within|inside|enter\w*)\b", re.I)
_CONSTRUCT_PART = re.compile(r"\b(?:at|of|in)\s+(?:the\s+)?(?:[\w-]+\s+)?(?:end|ends|part|portion|aspect|top|bottom|levels?)\s+of\b")
_FRACTURE_PARTS = {"ends", "end", "fragments", "fragment", "margins", "edges", "gap", "site", "line", "surfaces"}


def _refers_out(s: _Sentence, mentions: list[Mention]) -> bool:
    """Does a pronoun of the sentence come before any implant it names (and so refer to an earlier sentence's)? Not "The
    left C5 lateral mass screw is medially angulated and its tip approaches the thecal sac", where it is that screw."""
    first = min((m.start for m in mentions), default=s.end)
    return any(s.word(i) in _PRONOUNS for i in range(s.start, first))


def _pronoun_antecedent(s: _Sentence, cue: _Cue, mentions: list[Mention]) -> Mention | None:
    """The one implant the sentence names before a pronoun that comes right before the finding's clause ("its tip", "it
    has"), when only one was named."""
    before = [m for m in mentions if m.end <= cue.ent.start]
    if len({m.kind for m in before}) != 1:
        return None
    # ("..., while the proximal fragment has backed out 8 mm": a piece of the one implant named)
    at = [i for i in range(max(before[-1].end, cue.ent.start - 4), cue.ent.start) if (
        s.word(i) in _IT_OR_ITS_PIECE and s.word(i - 1) not in _NO_IMPLANTS_PIECE)
        # or the other of a pair: "the right rod had fractured but the other had migrated cranially"
        or (s.word(i) == "other" and s.word(i - 1) == "the" and s.ent(i + 1) is None)]
    # or right after it, as what the finding is about: "no fracture of the left S2AI screw but a lucency around it"
    # ("a thin rim of lucency along its distal third")
    # ("no gross lucency is seen about them": the words that only say it is seen may come between)
    seen = cue.ent.end
    while seen < s.end and (s.word(seen) in _COPULA or s.word(seen) in _REPORTED_AS or s.word(seen) in {"not", "visible"}):
        seen += 1
    at += [i + 1 for i in range(cue.ent.end, min(max(cue.ent.end + 2, seen + 1), s.end)) if s.word(i) in _ABOUT_IT
           and s.word(i + 1) in _IT_OR_THEM]
    if not at or s.statement.get(at[-1]) != s.statement.get(cue.ent.start):
        return None
    if s.word(at[-1]) == "other":  # the other of a pair is on the other side, if the first had one
        return replace(before[-1], slots=[(_OTHER_SIDE.get(side or ""), levels) for side, levels in before[-1].slots])
    return before[-1]


_OTHER_SIDE = {"Left": "Right", "Right": "Left"}  # (a slot's side as the mentions hold it; "Bilateral" has no other)
_SECOND_VERB = re.compile(r"\b(?:but|and)\s+(?:does|did|do|is|was|are|were|has|have|had)(?:\s+not|n't)?$", re.I)
_ABOUT_IT = frozenset({"around", "about", "surrounding", "along", "of", "in"})
_IT_OR_THEM = frozenset({"it", "its", "them", "their"})
_IT_OR_ITS_PIECE = frozenset({"it", "its", "fragment", "fragments", "piece", "pieces", "shank", "remnant"})
_NO_IMPLANTS_PIECE = frozenset({"bone", "bony", "osseous", "disc", "disk", "graft", "cement", "osteophyte", "cortical", "fracture"})


def _lucency_read(cue: _Cue, cues: list[_Cue], s: _Sentence) -> _Cue | None:
    """The lucency of an earlier clause that a loosening with no implant of its own is read from ("a thin lucency
    surrounds the right C4 screw; early loosening cannot be excluded"), unless another implant is named in between."""
    if cue.family != "loosening" or _own_subject(s, cue):
        return None
    prev = [c for c in cues if c.ent.end <= cue.ent.start and c.family == "lucency" and c.mentions]
    if not prev or prev[-1].clause == cue.clause:
        return None
    own = {id(m.head) for m in prev[-1].mentions}
    between = [x for x in s.of("IMPLANT") if prev[-1].ent.end <= x.start < cue.ent.start and id(x) not in own]
    return None if between else prev[-1]


def _sentence_facts(s: _Sentence, mentions: list[Mention], prev_group: list[Mention], section: str | None):
    records: list[ImplantRecord] = []
    # connectors: levels, sides and the rods they join
    rods = [m for m in mentions if m.kind == "Rod"]
    rod_sides = sorted({sd for m in rods for sd, _ in m.slots if sd}, key=lambda x: (x != "Left", x))
    rod_quals: list[str] = []
    for m in rods:
        for q in m.qualifiers:
            if q not in rod_quals:
                rod_quals.append(q)
    connectors: list[dict] = []
    conn_mentions = [m for m in mentions if m.kind == "RodToRodConnector"]
    known_levels = [lv for m in conn_mentions for _, g in m.slots for lv in g]
    for m in conn_mentions:
        levels = [lv for _, g in m.slots for lv in g]
        if not levels and known_levels:
            levels = known_levels
        if not levels:
            near = _nearest(s, m.head, "LEVEL", allow={None, "generic"})
            levels = _ent_levels(near) if near is not None else []
            known_levels = levels
        sides: list[str | None] = [sd for sd, _ in m.slots if sd]
        if not sides:
            sides = list(rod_sides) or (["Bilateral"] if m.plural else [None])
        expanded: list[str | None] = []
        for sd in sides:
            expanded.extend(["Left", "Right"] if sd == "Bilateral" else [sd])
        for sd in dict.fromkeys(expanded):
            c: dict[str, Any] = {"level": span_name(levels), "levels": [lv.name for lv in levels],
                                 "side": SIDE_WORDS.get(sd) if sd else None, "joins": list(rod_quals[:2])}
            if any(c2["level"] == c["level"] and c2["side"] == c["side"] for c2 in connectors):
                continue
            connectors.append(c)
            records.append(ImplantRecord("RodToRodConnector", c["level"], c["levels"], c["side"], joins=c["joins"],
                                         sentence=s.text.strip()))
    connector_context = bool(connectors) or bool(re.search(r"\bconnectors?\b|\bdomino", s.text, re.I))
    # implants named (inventory)
    for m in mentions:
        if m.kind in ("RodToRodConnector",):
            continue
        for side, levels in (m.slots or [(None, [])]):
            inventory_sides: list[str | None] = ["Left", "Right"] if side == "Bilateral" and m.kind in SIDED else [side]
            for sd in inventory_sides:
                sdw = SIDE_WORDS.get(sd) if sd else None
                if sdw == "bilateral" and m.kind not in SIDED:
                    sdw = None
                if m.kind in SCREWS or m.kind == "SetScrew":
                    each: list[Level | None] = list(levels) or [None]
                    for lv in each:
                        records.append(ImplantRecord(m.kind, lv.name if lv else None, [lv.name] if lv else [], sdw,
                                                     m.qualifier, sentence=s.text.strip()))
                else:
                    records.append(ImplantRecord(m.kind, span_name(levels), [lv.name for lv in levels], sdw, m.qualifier,
                                                 sentence=s.text.strip()))
    # 2. cues
    cues: list[_Cue] = []
    brain_only = bool(_BRAIN_STIMULATOR.search(s.text or "")) and not _SPINAL_STIMULATOR.search(s.text or "")
    for e in s.of("FINDING"):
        family = e.meta.get("family", "")
        cue = _Cue(e, family, "negated" if family == "uncomplicated" else _status(e), s.clause.get(e.start, 0))
        for rx, kind in _IMPLANT_IN_CUE:
            if rx.search(e.text):
                cue.implied = kind
                break
        if brain_only and cue.implied == "Hardware":
            continue  # a brain stimulator's: "a case of DBS hardware failure"
        if cue.status == "affirmed" and _MODAL_PERFECT.match(e.text):
            cue.status = "uncertain"  # the hedge inside the finding's words: "The generator might have rotated in its pocket"
        if cue.status in ("affirmed", "uncertain") and _DENIED_LATER.match(" ".join(s.word(i) for i in range(e.end, s.end))):
            cue.status = "negated"  # a suspicion the sentence then denies: "Cage migration was suspected on the 6-week
            # films but was not confirmed on CT", "concern for early backout of the C6 screw, which was not confirmed"
        if family == "complication" and _A_KIND_NAMED.search(" ".join(_gap_words(s, max(s.start, e.start - 6), e.start))):
            continue  # the kind another finding is counted as: "lead migration was the most frequent hardware complication"
        cues.append(cue)
    if not cues:
        return [], records
    # 3. link cues to mentions
    _number_clauses(s)
    for cue in cues:
        earlier = _restated(cue, cues, s)
        cue.mentions = list(earlier.mentions) if earlier is not None else _link(cue, mentions, s)
        if cue.mentions and all(m.kind == "Hardware" and m.start >= cue.ent.end for m in cue.mentions) \
                and _CONSTRUCT_PART.search(" ".join(_gap_words(s, cue.ent.end, cue.mentions[0].start))) \
                and cue.family == "loosening" and (rims := [c for c in cues if c.family == "lucency"
                                                       and c.ent.end <= cue.ent.start and c.mentions]):
            cue.mentions = list(rims[-1].mentions)  # the construct is where, the screws what: "lucency around the C3
            # screws, suggesting early loosening at the cranial end of the construct"
        if cue.implied not in (None, "Hardware") and cue.mentions and not any(
                m.kind == cue.implied or (cue.implied == "Screw" and m.kind in SCREWS) for m in cue.mentions):
            cue.mentions = []  # the finding's own words name its implant, and no other of that kind: "The incidence of RF
            # ... using the ST pedicle screw system", "Destabilization of Pedicle Screws and Migration of Connecting Rod"
        if not cue.mentions and cue.implied is None:
            # a finding coordinated with one that names its implant: "no hardware failure or loosening"
            prev = [c for c in cues if c.ent.end <= cue.ent.start and c.clause == cue.clause]
            if prev and (prev[-1].mentions or prev[-1].implied) and _gap_words(s, prev[-1].ent.end, cue.ent.start) \
                    and all(w in _CONJ or w in _DETERMINERS or w in _LIST_WORDS
                            for w in _gap_words(s, prev[-1].ent.end, cue.ent.start)) \
                    and any(w in _CONJ or w == "nor" for w in _gap_words(s, prev[-1].ent.end, cue.ent.start)):
                cue.mentions, cue.implied = list(prev[-1].mentions), prev[-1].implied
        if cue.mentions and (prev := [c for c in cues if c.ent.end <= cue.ent.start and c.mentions]) \
                and all(prev[-1].ent.end <= m.start and m.end <= cue.ent.start for m in cue.mentions) \
                and all(m.start > prev[-1].ent.start for m in cue.mentions) \
                and _gap_words(s, cue.ent.start - 2, cue.ent.start)[-2:] in (["and", "has"], ["and", "have"], ["and", "had"]) \
                and all(m.end <= prev[-1].ent.start for m in prev[-1].mentions):
            # a second verb of the same subject: "the set screw is not seated within the tulip and has backed out" (the
            # set screw backed out, not the tulip the first verb named)
            cue.mentions = list(prev[-1].mentions)
        if not cue.mentions and cue.implied is None and mentions and mentions[0].end <= cue.ent.start \
                and _SECOND_VERB.search(" ".join(_gap_words(s, max(s.start, cue.ent.start - 4), cue.ent.start))) \
                and s.statement.get(mentions[0].head.start) == s.statement.get(s.start) \
                and not (cue.family == "breach" and mentions[0].kind == "InterbodyCage"):  # (a cage that "does not extend
            # beyond the posterior vertebral margin" is where it lies)
            # the sentence's subject, its second verb denied: "The left T8 screw lies close to the aorta but does not breach
            # the cortex"
            cue.mentions = _group_before(mentions, 0, s)
        if cue.family == "fracture" and s.word(cue.ent.end) in _FRACTURE_PARTS and (first := next(
                (c for c in cues if c.family == "fracture" and c.ent.end <= cue.ent.start and c.mentions), None)) is not None:
            cue.mentions = list(first.mentions)  # "the left rod is fractured below the plate, with 3 mm offset of the
            # fracture ends": the same fracture's ends, not the plate's
        if not cue.mentions and cue.implied is None and (lucent := _lucency_read(cue, cues, s)) is not None:
            cue.mentions = list(lucent.mentions)
        if cue.family == "loosening" and cue.mentions and s.word(cue.ent.start - 1) in _READ_AS and (rim := next(
                (c for c in reversed(cues) if c.family == "lucency" and c.ent.end <= cue.ent.start and c.clause == cue.clause
                 and c.mentions and all(m.start > c.ent.end for m in c.mentions)), None)) is not None \
                and all(m.start > rim.ent.end for m in cue.mentions) and cue.mentions != rim.mentions:
            cue.mentions = list(rim.mentions)  # the loosening a lucency is read as is its implant's, not the one named
            # after it: "A halo around the right L5 screw of the anterior plate was suspicious for loosening"
        # (an implied prosthesis is the one the sentence before named: "C5-6 disc arthroplasty in satisfactory position. No
        # periprosthetic lucency or subsidence.")
        if not cue.mentions and ((cue.implied is None and not all(m.kind == "Hardware" for m in prev_group)) or (
                cue.implied == "Hardware" and prev_group and all(m.kind == "Hardware" and _PROSTHESIS_NAME.search(m.head.text)
                                                                 for m in prev_group))) \
                and prev_group and (_refers_out(s, mentions) or not mentions) \
                and not _own_subject(s, cue) and ((cue.family not in _REFER_BACK_ONLY_BY_WORD and not _BONE_MOVEMENT.match(cue.ent.text)
                                                   and not _PLACE_PHRASE.match(cue.ent.text))
                                      or (_refers_back(s, cue) and not _SPINE_MOVEMENT.match(cue.ent.text))) \
                and not (_PEDICLE_WORD.match(cue.ent.text) and not any(m.kind in SCREWS for m in prev_group)) \
                and not _ANATOMY_HEADING.match(s.text or "") and _levels_agree(s, cue, prev_group):
            # (a bare "fracture" is the bone's: "No disc space narrowing, spondylolisthesis, or fracture."; a place is
            # anything's: "Degenerative changes in the thoracic spine"; "the left one is fractured" and a telegraphic
            # "Right S1 screw. Fractured." refer back)
            cue.mentions = list(prev_group)
            cue.anaphora = True
        if not cue.mentions and cue.implied is None and (own := _pronoun_antecedent(s, cue, mentions)) is not None:
            cue.mentions, cue.anaphora = [own], True  # "The plate has shifted caudally; its inferior edge now projects
            # over the C6-7 disc space": the plate's
    chained: set[int] = set()
    for i in range(len(cues) - 2, -1, -1):
        cue, nxt = cues[i], cues[i + 1]
        gap = _gap_words(s, cue.ent.end, nxt.ent.start)
        if not cue.mentions and cue.implied is None and nxt.clause == cue.clause and gap \
                and all(w in _CONJ or w in _DETERMINERS or w == "nor" for w in gap) \
                and nxt.mentions and all(m.start >= nxt.ent.end for m in nxt.mentions) \
                and (i + 1 in chained or _gap_words(s, nxt.ent.end, nxt.ent.end + 1) in (["of"], ["in"], ["at"])):
            chained.add(i)
            # a finding coordinated with a later one whose implant follows it: "no subsidence, migration or fracture of
            # the corpectomy cage", "a disconnection or fracture of the extension"
            cue.mentions = list(nxt.mentions)
    for cue in cues:
        if cue.family == "overlying" and re.match(r"placement|implantation|insertion|implanted|positioning", cue.ent.text, re.I) \
                and (leads := [m for m in mentions if m.kind == "StimulatorLead" and m.start >= cue.ent.end]):
            cue.mentions = leads[:1]  # "implantation of a spinal cord stimulator with a paddle lead at T8-T9": the lead's place
        if cue.family == "subsidence" and cue.mentions and all(m.kind in SIDED for m in cue.mentions) \
                and (bed := [m for m in mentions if m.kind in ("InterbodyCage", "Plate") and m.end <= cue.ent.start
                             and s.clause.get(m.head.start) == cue.clause]):
            cue.mentions = bed[-1:]  # "the L5-S1 ALIF cage with integrated screws showed no subsidence": screws do not
            # subside, the cage they hold does
        if cue.family == "disc" and len(cue.mentions) > 1:
            nearest = max((m for m in cue.mentions if m.end <= cue.ent.start), key=lambda m: m.end, default=None)
            if nearest is not None and nearest.kind not in SCREWS:
                cue.mentions = [nearest]  # "pedicle screws and rods and a pair of interbody cages in the L4/5 disc space":
                # the place of the implant named right before it (a cage's bed)
        # (a denied loosening of implants named after it denies each one's: "no loosening of any screws or rods")
        if len(cue.mentions) > 1 and (cue.family == "lucency" or (
                cue.family == "loosening" and cue.ent.negated and not all(m.start >= cue.ent.end for m in cue.mentions))
                or re.search(r"back", cue.ent.text, re.I)) and not _compound_list(s, cue):
            # (an affirmed loosening is each named implant's: "Loosening or breaking of the plate and the screw")
            screws = [m for m in cue.mentions if m.kind in SCREWS or m.kind == "Hook"]  # (hooks loosen as screws do)
            if screws:  # "the plate and screws ... without lucency or backout": the screws
                cue.mentions = screws
        elif len(cue.mentions) > 1 and cue.family in ("disconnect", "unsecured") \
                and all(m.start >= cue.ent.end for m in cue.mentions):  # (not a verb's subject: "... from the screw head,
            # and the left rod has disconnected from the L5 screw" is the rod's)
            screws = [m for m in cue.mentions if m.kind in SCREWS]
            if screws and any(m.kind == "Rod" for m in cue.mentions):
                cue.mentions = screws  # "disassembly of the pedicle screw and rod": one screw-rod disconnection
        kinds = {m.kind for m in cue.mentions} or ({cue.implied} if cue.implied else set())
        if not kinds and cue.family == "canal" and s.text and _STIM_WORDS.search(s.text):
            kinds = {"StimulatorLead"}
        cue.finding = _resolve_finding(cue.family, kinds, connector_context, cue.ent.text)
        if cue.finding == "migration" and cue.family == "sublux" and kinds & {"Rod", "SetScrew"} \
                and _FROM_ITS_HOLD.match(" ".join(s.word(i) for i in range(cue.ent.end, min(cue.ent.end + 12, s.end)))):
            cue.finding = "disconnection"  # "dislodgement (arrow) of the bilateral cervical posterior rods from connection with"
        if cue.finding == "lead position" and kinds == {"ImplantablePulseGenerator"}:
            cue.finding = None  # where a pulse generator was placed is no lead's position
        if cue.finding == "migration" and not kinds & (SCREWS | {"Rod", "StimulatorLead", "LeadWord", "Wire"}) \
                and (_INTO_ENDPLATE.match(" ".join(s.word(i) for i in range(cue.ent.end, min(cue.ent.end + 10, s.end))))
                     or (any(m.kind == "InterbodyCage" for m in cue.mentions) and _ENDPLATE_BEFORE.search(
                         " ".join(s.word(i) for i in range(max(s.start, cue.ent.start - 8), cue.ent.start))))):
            cue.finding = "subsidence"  # "displacement of the implant into the adjacent endplate"
        if cue.family == "canal":
            cue.relative_to = "spinal canal"
            if cue.finding == "lead position":
                cue.location = "spinal canal"
    _canal_as_destination(s, cues)
    # what the words are about: a general statement, a body structure, or nothing observed
    _statements(s, cues)
    for cue in cues:
        organ_before = cue.family == "breach" and bool(V.ORGAN_WORDS.match(s.word(cue.ent.start - 1)))
        if organ_before and cue.mentions and not _organ_after(s, cue.ent.end) and _caused_by(s, cue):
            # the organ's injury an implant caused: "esophageal perforation caused by screws", "esophageal perforation
            # following pedicle screw placement" (not where the implant is: "aerodigestive perforation of a pedicle
            # screw")
            cue.finding = None
        elif cue.finding in ("screw position", "migration", "disconnection") and cue.family in ("breach", "sublux") \
                and cue.mentions and not _PRESSING.search(cue.ent.text) \
                and (_organ_after(s, cue.ent.end) or organ_before):
            # "the screw perforated the esophagus", "the rod dislodged through her skin", "aerodigestive perforation of a
            # pedicle screw": it left its bed
            cue.finding = "migration"
        elif cue.finding is not None and _theme(s, cue) == "other":
            cue.finding = None
        elif cue.family == "loosening" and re.match(r"(?:hyper)?mobil", cue.ent.text, re.I) and (
                (not cue.mentions and not cue.implied) or _SEGMENT_AFTER.match(" ".join(s.word(k) for k in range(
                    cue.ent.end, min(cue.ent.end + 5, s.end))))
                # (a disc replacement's hypermobility is its segment's motion: "Focal hypermobility observed in cervical
                # arthroplasty with Mobi-C"; a screw's is its loosening)
                or (re.match(r"hyper", cue.ent.text, re.I) and all(m.kind == "Hardware" for m in cue.mentions))):
            cue.finding = None  # a mobile segment with no implant named is the spine's: "collapsed disk space, hypermobility",
            # and so is one named: "Hypermobile L2-3 segment above the construct"
    _specified(s, cues)
    # 4. measurements, directions, structures, loose sides and levels -> nearest cue of the clause
    _assign_measures(s, cues, mentions)
    _assign_directions(s, cues)
    _assign_structures(s, cues)
    _assign_loose(s, cues, mentions)
    _share_pairs(cues)
    for cue in cues:
        if cue.mm is None and re.search(r"\d\s*-?\s*(?:mm|cm)\b", cue.ent.text, re.I):
            size = re.search(r"(\d+(?:\.\d+)?)\s*-?\s*(mm|cm)\b", cue.ent.text, re.I)
            if size:
                cue.mm = float(size.group(1)) * (10.0 if size.group(2).lower() == "cm" else 1.0)
    _borrow_levels(s, cues, mentions)
    cues.extend(_elided_verbs(s, cues, mentions))
    # 5. facts
    facts: list[Fact] = []
    moved = _moved_between(s.text or "")
    for cue in cues:
        if cue.finding is None:  # words that name a finding only about an implant, and none is named
            continue
        if _suggested_by_a_denial(s, cue):
            continue  # what a denied observation would suggest: "No abnormal focal uptake around the screws to suggest
            # loosening" (as "no lucency to suggest loosening")
        made = _facts_for(cue, s, connectors)
        _placed_by_own_words(cue, made)
        if moved is not None and cue.finding == "migration":
            for f in made:
                if f.kind is not None and f.kind not in SCREWS:  # (screws "from T10 to T12" are the screws of those
                    # levels; an unnamed implant's "now ..., previously ..." says again what a named one's words say)
                    # the span it moved over, as "the cage migrated from L4 to L5" is written; a lead's migration takes
                    # none (round 31: where a lead lies is its position, and 13 of the 16 sets that tell a lead moving
                    # "from T8 to T10" give its migration no level, as the real-text guide gives none to the place an
                    # implant went)
                    f.level = None if f.kind == "StimulatorLead" else span_name([moved[0], moved[1]])
                    f.direction = f.direction or ("inferior" if moved[1].position > moved[0].position else "superior")
        facts.extend(made)
    if moved is not None and any(f.finding == "migration" and f.kind for f in facts):
        facts = [f for f in facts if not (f.finding == "migration" and f.kind is None)]
    facts = _where_it_was_before_it_moved(facts, s)
    facts = _where_a_lead_lies_now(facts, _now_at(s.text or ""), s.text or "")
    facts = _other_leads_tip(facts, s.text or "")
    facts = _a_lead_in_each_foramen(facts, s.text or "")
    facts = _end_screws_of_a_span(facts, s.text or "")
    facts = _each_side_by(facts, s.text or "")
    facts = _ways_counted_apart(facts, s)
    facts = _gapped_clause(facts, s)
    _rod_off_its_screw(facts, mentions)
    facts = _affirmed_over_denied_lucency(facts)
    facts = _failure_told_in_parts(facts, s)
    facts = _heading_told_again(facts, s)
    facts = _proud_rod_of_a_loose_set_screw(facts)
    facts = _movement_and_its_place(facts)
    _heading_implant(facts, s)
    _the_other_sides_one(facts, s)
    _on_that_side(facts, s)
    _set_screw_of_its_holder(facts, s)
    facts = _elided_implants(facts, s)
    facts = _elided_rods(facts, s)
    if _THE_REST_DID_NOT.search(s.text or ""):  # "Seventeen patients had loosened screws, and 85 patients did not"
        facts += [replace(f, status="negated") for f in facts if f.status == "affirmed" and f.kind is not None]
    facts = _merge(facts, s)
    return facts, records


_AS_DID = [[w, aux] for w in ("as", "so") for aux in ("did", "does", "do", "was", "were", "is", "are", "had", "has", "have")]
_ELIDING_GAP = [["and"], [",", "and"], ["whereas"], [",", "whereas"], ["while"], [",", "while"]]


def _elided_verbs(s: _Sentence, cues: list[_Cue], mentions: list[Mention]) -> list[_Cue]:
    """A second implant of a finding whose verb is left out: with a distance of its own ("the right lead had migrated 18 mm
    caudally and the left lead 7 mm cranially"; each takes the distance and the way written after it), or said by "as did"
    ("..., as did the right T1 screw") (round 32)."""
    made: list[_Cue] = []
    named = {id(m) for c in cues for m in c.mentions}
    for m in mentions:
        if id(m) in named:
            continue
        k = m.start
        while k > s.start and (s.word(k - 1) in _DETERMINERS or _own_qualifier(s, k - 1)):
            k -= 1
        if [s.word(k - 2), s.word(k - 1)] in _AS_DID:
            # the same finding of another implant, its verb said by "as did": "The left C7 pedicle screw violated the medial
            # pedicle wall by 1-2 mm, as did the right T1 screw" (round 32)
            same = [c for c in cues if c.finding and c.mentions and c.ent.end <= k
                    and all(_same_kind(p.kind, m.kind) for p in c.mentions)]
            if same:
                c = same[-1]
                made.append(replace(c, mentions=[m], levels=[], level_ents=[], side=None, pairs=[], mm_by_side={},
                                    dir_by_side={}))
            continue
        j = m.end + (s.word(m.end) == "by")
        x = s.ent(j)
        if x is None or x.label != "MEASURE" or (_measure_mm(x) is None):
            continue
        after = x.end
        d = s.ent(after)
        if s.word(after if d is None or d.label != "DIRECTION" else d.end) not in {".", ";", ",", ""}:
            continue  # a verb of its own follows, or more words: not a bare remainder
        gap_end = k
        prev = [c for c in cues if c.finding in ("migration", "subsidence") and c.mentions and c.ent.end <= gap_end
                and all(p.end <= c.ent.start for p in c.mentions) and {p.kind for p in c.mentions} == {m.kind}]
        if not prev:
            continue
        c = prev[-1]
        gap_start = max([e.end for e in s.ents if c.ent.end <= e.start and e.end <= gap_end] + [c.ent.end])
        if _gap_words(s, gap_start, gap_end) not in _ELIDING_GAP:
            continue
        own = [e for e in s.of("MEASURE") if c.ent.end <= e.start and e.end <= gap_end]
        if own and (v := _measure_mm(own[-1])) is not None:
            c.mm, c.mm_list = v, [v]  # the first implant's own distance, not the one written after the second
        dx = d if d is not None and d.label == "DIRECTION" else None
        way = _direction_word(dx.text) if dx is not None else None
        own_way = [e for e in s.of("DIRECTION") if c.ent.end <= e.start and e.end <= gap_end]
        if own_way:
            c.direction = _direction_word(own_way[-1].text) or c.direction  # its own way, not the second's
        elif way and c.direction == way and not _direction_word(c.ent.text):
            c.direction = None
        made.append(replace(c, mentions=[m], mm=_measure_mm(x), mm_list=[], mm_by_side={}, dir_by_side={},
                            direction=way if way else (None if any(e.label == "DIRECTION" and c.ent.end <= e.start < gap_end
                                                                   for e in s.ents) else c.direction),
                            extra=[x] + ([dx] if dx is not None and way else []), levels=[], level_ents=[], side=None,
                            pairs=[]))
    return made


def _canal_as_destination(s: _Sentence, cues: list[_Cue]) -> None:
    """'dislocation of the central core of the implant into the spinal canal', 'lead migration into the subdural space':
    the canal (or the dura, the cord) is where a non-screw implant moved to, not a screw or lead position; the movement
    takes the implant the place words were linked to."""
    for cue in cues:
        if cue.family not in ("canal", "site") or cue.finding not in ("screw position", "lead position"):
            continue
        kinds = {m.kind for m in cue.mentions}
        if kinds & SCREWS:
            continue
        moved = [c for c in cues if c.clause == cue.clause and c.family in ("migration", "sublux") and c.ent.end <= cue.ent.start
                 and c.finding is not None]
        if not moved:
            continue
        if not moved[-1].mentions and moved[-1].implied is None:
            moved[-1].mentions = list(cue.mentions)
            moved[-1].finding = "migration"
        cue.finding = None


# an interbody implant moved into the bone it rests on has subsided: "displacement of the implant into the adjacent
# endplate", "the cage migrated into the inferior endplate of L5"
# an endplate a cage broke into, named before the verb: "The inferior endplate of C5 was violated by the cage"
_ENDPLATE_BEFORE = re.compile(r"\bend ?-?plates?\b(?: of (?:the )?[ctls]\d{1,2})?(?: (?:was|were|is|are|has been|had been))?$")
_INTO_ENDPLATE = re.compile(r"(?:[\w-]+ ){0,4}?into (?:the )?(?:(?:adjacent|superior|inferior|upper|lower|cranial|caudal"
                            r"|vertebral|neighbou?ring) )*end ?-?plates?\b")  # (through the endplate into the body it migrated)
_SPECIFYING = ("consisted of", "consisting of", "consists of", "comprised", "comprising", "in the form of", "namely",
               "manifested as", "(", "such as", "included", "include", "includes", "including", "were", ":")
_LEAD_IN = _DETERMINERS | {"either", "both", "of"}


def _specified(s: _Sentence, cues: list[_Cue]) -> None:
    """A failure the sentence goes on to specify -- "failure ... consisted of slippage of the rods", "hardware failure
    (loosening)" -- is the findings it names: they take its implant when they name none, and it gives no fact itself."""
    for i, cue in enumerate(cues):
        if cue.finding != "complication":
            continue
        for later in cues[i + 1:]:
            if later.finding == "complication":
                break  # a failure after it is the one specified
            if later.finding is None:
                continue
            k = later.ent.start - 1
            while k > cue.ent.end and (s.word(k) in _LEAD_IN - {"of"} or (
                    (y := s.ent(k)) is not None and y.label in ("IMPLANT", "LEVEL", "SIDE"))):
                k -= 1  # "... complications included screw pull-out": the implant of the finding named
            before = " ".join(s.word(j) for j in range(max(cue.ent.end, k - 3), k + 1))
            if not any(before == p or before.endswith(" " + p) for p in _SPECIFYING):
                continue
            if not later.mentions and later.implied is None:
                later.mentions, later.implied = list(cue.mentions), cue.implied
            cue.finding = None


def _nearest(s: _Sentence, anchor: Ent, label: str, allow: set) -> Ent | None:
    best, dist = None, 10 ** 6
    for x in s.of(label):
        if x.claimed not in allow:
            continue
        d = min(abs(x.start - anchor.end), abs(anchor.start - x.end))
        if d < dist:
            best, dist = x, d
    return best


def _cue_distance(cue: _Cue, x: Ent) -> int:
    if x.start >= cue.ent.end:
        return x.start - cue.ent.end
    return cue.ent.start - x.end + 1


def _nearest_cue(cues: list[_Cue], x: Ent, s: _Sentence, want=None) -> _Cue | None:
    clause = s.clause.get(x.start, 0)
    pool = [c for c in cues if c.clause == clause and (want is None or want(c))]
    if not pool:
        return None
    return min(pool, key=lambda c: (_cue_distance(c, x), c.ent.start < x.start))


def _side_after(s: _Sentence, x: Ent) -> Ent | None:
    """A side written right after x: "3 mm on the left", "posteriorly on the right"."""
    j = x.end
    steps = 0
    while j < s.end and steps < 4:
        y = s.ent(j)
        if y is not None:
            # (not the way it went: "migrated laterally to the right by 6 mm")
            return y if y.label == "SIDE" and y.claimed is None and not _toward_a_side(s, y) else None
        if s.word(j) not in {"on", "the", "at", "to", "of", ","}:
            return None
        j += 1
        steps += 1
    return None


def _assign_measures(s: _Sentence, cues: list[_Cue], mentions: list[Mention]) -> None:
    last: tuple[int, _Cue] | None = None  # where the previous measure (with its side) ended, and its cue
    for x in s.of("MEASURE"):
        nxt = s.ent(x.end) if s.ent(x.end) is not None else s.ent(x.end + 1) if s.word(x.end) in {"-"} else None
        if nxt is not None and nxt.label == "IMPLANT":
            continue  # the size of an implant: "5.5 mm rods"
        if s.word(x.start - 1) in {"diameter", "length", "long", "wide", "x"} or s.word(x.end) in {"diameter", "length", "long", "x"}:
            continue
        cue = _nearest_cue(cues, x, s)
        if cue is None:
            continue
        measuring = s.word(x.start - 1) in {"measuring", "measures", "measured", "measure"}
        if measuring:
            preceding = [c for c in cues if c.clause == cue.clause and c.ent.end <= x.start]
            if preceding:
                cue = preceding[-1]
        joined = last is not None and last[0] < x.start and all(s.word(i) in {"and", ",", "or"} for i in range(last[0], x.start))
        if joined and last is not None:
            cue = last[1]  # a measure joined to the one before is of the same finding: "3 mm on the right and 2 mm on the left"
        alone = sum(1 for c in cues if c.clause == cue.clause) == 1
        if not joined and _cue_distance(cue, x) > (40 if alone or measuring else 12):
            continue
        value = _measure_mm(x)
        if value is None:
            continue
        side = _side_after(s, x)
        last = (side.end if side is not None else x.end, cue)
        if side is not None:
            side.claimed = "pair"
            cue.mm_by_side[side.meta["side"]] = value
            cue.extra.extend([x, side])
            if cue.mm is None:
                cue.mm = value
            continue
        cue.mm_list.append(value)
        if cue.mm is None or not cue.mm_by_side:
            cue.mm = value if cue.mm is None else max(cue.mm, value)
            cue.extra.append(x)


_PARTS = frozenset({"endplate", "endplates", "end", "aspect", "portion", "part", "half", "edge", "margin", "border", "pole"})


_VESSEL_AFTER = re.compile(r"(?:the\s+)?(?:(?:left|right|thoracic|abdominal|descending|common|inferior)\s+)*(?:aorta|vena|iliac"
                           r"|vertebral\s+artery|artery|vein|o?esophagus)\b", re.I)


_OPERATION_AFTER = re.compile(r"(?:(?:cervical|lumbar|thoracic|lumbosacral|spinal|interbody|instrumented)\s+){0,2}"
                              r"(?:plating|fusions?|arthrodesis|approach|discectomy|decompression|surgery|instrumentation)\b")


def _assign_directions(s: _Sentence, cues: list[_Cue]) -> None:
    for cue in cues:
        if cue.finding in _FAMILIES_WITH_DIRECTION:
            d = _direction_word(cue.ent.text)
            if d:
                cue.direction = d
    for x in s.of("DIRECTION"):
        if x.claimed:
            continue
        near = _nearest_cue(cues, x, s, want=lambda c: c.finding in _FAMILIES_WITH_DIRECTION)
        if near is None or _cue_distance(near, x) > 14:
            continue
        if (s.word(x.end) in _PARTS and near.finding != "screw position") or s.word(x.end) in ("canal", "gutter") \
                or V.HOLLOW_ORGAN_WORD.fullmatch(s.word(x.end)) \
                or (s.word(x.end) in _PARTS and "into" in (s.word(x.start - 1), s.word(x.start - 2))):
            # (and the endplate a cage sank into: "subsided 3 mm into the superior endplate of T10")
            continue  # (and a part of the canal is a place: "breaches the medial pedicle wall, its tip in the lateral
            # canal" is a medial breach)
        if s.word(x.end) in _PARTS and near.finding != "screw position":
            continue  # an endplate's side is where something lies, not the way it moved ("the left lead tip at the
            # superior endplate of T10, indicating caudal migration", "the inferior aspect of the plate is displaced
            # anteriorly"); a screw through it breaches that way
        if s.word(x.end) == "wall" and s.word(x.end + 1) == "of" and _VESSEL_AFTER.match(
                " ".join(s.word(k) for k in range(x.end + 2, min(x.end + 6, s.end)))):
            continue  # the wall of a vessel a screw abuts: "abuts the posterolateral wall of the descending aorta"
        d = _direction_word(x.text)
        if d is None or _names_an_implant(s, x):
            continue
        if _OPERATION_AFTER.match(" ".join(s.word(k) for k in range(x.end, min(x.end + 3, s.end)))):
            continue  # the approach of an operation: "4 years after C4-C6 anterior plating" (round 32)
        side = _side_after(s, x)
        if side is not None:
            side.claimed = "pair"
            near.dir_by_side[side.meta["side"]] = d
            near.extra.extend([x, side])
            continue
        if near.direction is None:
            near.direction = d
            near.extra.append(x)
    # structures that carry a direction: "the medial pedicle wall"
    for x in s.of("STRUCTURE"):
        # (the lateral mass is a bone, no side of one: "eroded through the lateral mass")
        d = _direction_word(x.text) if re.match(r"(?:medial|lateral|inferior|superior)\s(?!mass)", x.text, re.I) else None
        if d is None:
            continue
        near = _nearest_cue(cues, x, s, want=lambda c: c.finding == "screw position")
        if near is not None and near.direction is None and _cue_distance(near, x) <= 10:
            near.direction = d
    for cue in cues:
        if cue.family in ("canal", "site") and cue.finding == "migration" and any(
                c is not cue and c.finding == "migration" and c.direction and c.clause == cue.clause
                and c.family not in ("canal", "site") and c.mentions == cue.mentions for c in cues):
            cue.direction = None  # where the implant went, after the way it went: "retropulsed 4 mm into the ventral
            # epidural space" (the part of the canal is no second direction)


def _names_an_implant(s: _Sentence, x: Ent) -> bool:
    """Is the direction word an adjective of the implant after it, which says which implant ("backing out of the inferior
    occipital screw", "the superior screws of the plate"), not which way it moved?"""
    j = x.end
    while j < s.end and j - x.end < 3 and s.ent(j) is None and s.word(j).isalpha() \
            and s.word(j) not in _DETERMINERS and s.word(j) not in {"to", "of", "by", "and", "or", "in", "into", "with", "from"}:
        j += 1
    # (but a compound's: "lateral screw misplacement" is a lateral misplacement)
    return (y := s.ent(j)) is not None and y.label == "IMPLANT" \
        and not ((z := s.ent(y.end)) is not None and z.label == "FINDING")


def _assign_structures(s: _Sentence, cues: list[_Cue]) -> None:
    for cue in cues:
        if cue.finding != "screw position" or cue.relative_to:
            continue
        m = re.search(r"pedic|vertebral\s+bod|\bbod(?:y|ies)\b|canal|epidural|lamina|lateral\s+mass", cue.ent.text, re.I)
        if m:
            cue.relative_to = _structure_name(m.group(0))
            continue
        best, dist = None, 10 ** 6
        for x in s.of("STRUCTURE"):
            if s.clause.get(x.start) != cue.clause:
                continue
            name = STRUCTURE_LOCAL.get(x.meta.get("structure", ""))
            if name is None:
                continue
            d = _cue_distance(cue, x) + (0 if x.start >= cue.ent.end else 3)
            if d < dist and d <= 12:
                best, dist = name, d
        cue.relative_to = best


def _structure_name(text: str) -> str:
    t = text.lower()
    if t.startswith("pedic"):
        return "pedicle"
    if "canal" in t or "epidural" in t:
        return "spinal canal"
    if "lamina" in t:
        return "lamina"
    if "lateral" in t:
        return "lateral mass"
    return "vertebral body"


def _loose_cue(cues: list[_Cue], x: Ent, s: _Sentence) -> _Cue | None:
    """The cue a free side or level belongs to: the finding just before it ("lucency at L4 on the right"),
    else the nearest."""
    clause = s.clause.get(x.start, 0)
    # a side or level written as the finding's own modifier: "a right-sided extraspinal migration"
    # (not across a conjunction: "placed at L2-3 and their tips positioned at T10")
    ahead = [c for c in cues if c.clause == clause and 0 <= c.ent.start - x.end <= 2
             and all(s.word(i).isalpha() and s.ent(i) is None and s.word(i) not in _CONJ
                     and s.word(i) not in {"with", "without", "where", "while"}  # ("at T12-L1 with tips at T8")
                     for i in range(x.end, c.ent.start))]
    if ahead:
        return ahead[0]
    before = [c for c in cues if c.clause == clause and c.ent.end <= x.start and x.start - c.ent.end <= 8]
    if before:
        return before[-1]
    return _nearest_cue(cues, x, s)


_SIDE_FOLLOWERS = {"side", "sides", "sided", "-", "and", "or", ",", ".", ";", ":", ")", "(", "of", "at", "in", "on", "to",
                   "than", "greater", "more", "respectively", "with", "is", "are", "was", "were", ""}


def _runs(levels: list[Level]) -> list[list[Level]]:
    """Levels cut where one does not follow the last: T8, T10 -> [T8], [T10]; T8, T9 -> [T8, T9]."""
    runs: list[list[Level]] = []
    for lv in sorted(levels, key=lambda x: x.position):
        if runs and lv.position == runs[-1][-1].position + 1:
            runs[-1].append(lv)
        else:
            runs.append([lv])
    return runs


def _beside_the_midline(s: _Sentence, x: Ent) -> bool:
    """Is the side one of the midline ("left of midline", "on either side of the midline")?"""
    j = x.end
    while s.word(j) in {"-", "sided"}:
        j += 1
    return s.word(j) == "of" and "midline" in (s.word(j + 1), s.word(j + 2))


_ASPECT_WORDS = frozenset({"aspect", "aspects", "margin", "border", "surface", "wall", "portion", "part"})
_THE_OR_WHOSE = frozenset({"the", "his", "her", "its", "their"})


def _side_of_something_else(s: _Sentence, x: Ent) -> bool:
    """A side word that names a place rather than the implant: "the right pyriform sinus", "right foraminal
    stenosis", "the right lower abdominal quadrant" (the next word is a noun or adjective no rule knows)."""
    j = x.end
    while s.word(j) in {"-", "sided"}:
        j += 1
    if s.word(j) in {"side", "sides"} and s.word(j + 1) == "of":
        k = j + 2
        while s.word(k) in _THE_OR_WHOSE:
            k += 1
        y = s.ent(k)
        if y is not None and y.label == "STRUCTURE":
            return True  # "the left side of the vertebral body": the side of a body structure, a place
    if _beside_the_midline(s, x):
        return True  # "into the posterior esophagus to the right of midline": a place beside the midline
    k = j + 1 if (y := s.ent(j)) is not None and y.label == "DIRECTION" else j
    if s.word(k) in _ASPECT_WORDS and s.word(k + 1) == "of":
        k += 2
        while s.word(k) in _THE_OR_WHOSE:
            k += 1
        if (y := s.ent(k)) is None or y.label not in ("IMPLANT", "LEVEL", "STRUCTURE"):
            return True  # a part of something else: "along the left lateral aspect of the medulla" (not of a bone an
            # implant lies in: "breaches the left lateral aspect of the pedicle" is the left screw's)
    nxt = s.ent(j)
    if nxt is not None and nxt.label == "LEVEL" and nxt.claimed == "anatomy":
        return True  # "left L5 radiculopathy"
    if _body_part_at(s, j, ("upper", "lower")):
        return True  # the part of the body a generator lies in: "in the left posterior flank", "in the right buttock"
    if nxt is not None or j >= s.end or x.text.lower().endswith("ly"):
        return False  # an adverb names no place: "lucency bilaterally around the S1 screws"
    if any((y := s.ent(k)) is not None and y.label == "FINDING" for k in range(j, min(j + 3, s.end))):
        return False  # "a right-sided extraspinal migration": the side of the finding
    return s.word(j) not in _SIDE_FOLLOWERS and s.word(j).isalpha()


def _toward_a_side(s: _Sentence, x: Ent) -> bool:
    """Is the side word the way something went ("to the right", "towards the left"), with no place after it?"""
    if s.word(x.start - 1) != "the" or s.word(x.start - 2) not in {"to", "toward", "towards"}:
        return False
    after = s.word(x.end)
    if s.ent(x.end) is None and not after.isalpha():
        return True  # "migrated to the right." / "to the right, by 6 mm"
    return after in {"by", "and", "with", "of", "since", "compared", "relative", "when", "from", "now"} \
        and s.word(x.end + 1) not in {"midline", "the"}


def _a_foramens_side(s: _Sentence, x: Ent) -> bool:
    """Does the side word name a foramen an implant went through or into ("through the right T11-T12 foramen"; not the one it
    came out of: "pulled 2 cm dorsally out of the right S3 foramen")?"""
    y = s.ent(x.end)
    j = x.start - 1
    while s.word(j) in _DETERMINERS:
        j -= 1
    return y is not None and y.label == "LEVEL" and s.word(y.end).startswith("foram") \
        and s.word(j) in {"through", "into", "via", "to", "toward", "towards"}


def _assign_loose(s: _Sentence, cues: list[_Cue], mentions: list[Mention]) -> None:
    """Sides and levels that no implant took: "the rods are fractured bilaterally at C2-C3"."""
    for cue in cues:
        _clause_pairs(s, cue, cues)
    # words that give no finding take no side or level; the side and level right before them are theirs ("a right L5
    # pedicle fracture with no evidence of implant loosening": the bone's)
    # (but a place phrase has no modifiers before its preposition: "one screw extruded from C6 vertebral body into the
    # trachea" is the screw's level)
    theirs = {x.start for c in cues if c.finding is None and not _PLACE_PHRASE.match(c.ent.text)
              for x in _words_before(s, c.ent)}
    theirs |= {x.start for x in s.ents if x.label in ("SIDE", "LEVEL") and _bone_finding_after(s, x)}
    cues = [c for c in cues if c.finding is not None]
    for x in s.of("SIDE"):
        if x.claimed or x.start in theirs:
            continue
        near = _loose_cue(cues, x, s)
        if _side_of_something_else(s, x) and not (
                near is not None and near.finding == "lead position" and _beside_the_midline(s, x)):
            continue  # (but where a lead lies beside the midline is its side: "at T9, just left of midline", "at the top of
            # T8 on either side of the midline")
        if near is not None and near.finding == "migration" and (_toward_a_side(s, x) or _a_foramens_side(s, x)):
            continue  # where it moved, not which implant: "the paddle has migrated laterally to the right by 6 mm", "had
            # migrated out of the epidural space through the right T11-T12 foramen"
        if near is not None and _cue_distance(near, x) <= 10 and near.side is None:
            near.side = x.meta["side"]
            near.extra.append(x)
            x.claimed = "finding"
    for x in s.of("LEVEL"):
        if x.claimed not in (None, "generic", "structure", "procedure", "arthroplasty") or x.start in theirs \
                or _earlier_place(s, x) \
                or _where_bone_grew(s, x):
            continue
        near = _loose_cue(cues, x, s)
        if near is None or _cue_distance(near, x) > 12:
            continue
        if near.family == "subsidence" and _SUBSIDED_INTO.search(" ".join(s.word(k) for k in range(max(s.start, x.start - 4),
                                                                                                   x.start)) + " "):
            x.claimed = "anatomy"  # the bone it sank into, not the cage's level: "subsidence of the vertebral body
            continue  # replacement cage into the L1 superior endplate", "subsided 4 mm into the superior endplate of L2"
        if x.claimed in ("procedure", "arthroplasty"):
            continue  # an operation's level: only its cage or prosthesis takes it (_operation_levels)
        if x.claimed == "structure":
            near.level_ents.append(x)  # used only when nothing better names the implant's level
            continue
        if x.claimed == "generic":
            near.level_ents.append(x)
            continue
        near.levels.extend(_ent_levels(x))
        near.extra.append(x)
        x.claimed = "finding"


def _operation_levels(s: _Sentence, operation: str) -> list[Level]:
    """The levels of the one interbody fusion ('procedure') or disc arthroplasty the sentence names, far from the finding
    ("two days after L5-S1 transforaminal lumbar interbody fusion; MRI showed that the cage had retropulsed")."""
    rx = _INTERBODY_PROCEDURE if operation == "procedure" else _ARTHROPLASTY
    before = re.compile(r"(?:" + rx.pattern + r")\s+(?:at|of|across)\s+(?:the\s+)?$")  # ("lateral interbody fusion at L4-5")
    named = [x for x in s.of("LEVEL") if x.claimed == operation or rx.match(
        " ".join(s.word(k) for k in range(x.end, min(x.end + 6, s.end))))
             or before.search(" ".join(s.word(k) for k in range(max(s.start, x.start - 8), x.start)) + " ")
             or (operation == "procedure" and _word_naming(s, x) in _INTERBODY_NAMES)
             or (operation == "arthroplasty" and _word_naming(s, x) in {"arthroplasty", "replacement", "prosthesis"})]
    return _ent_levels(named[0]) if len(named) == 1 else []


_SUBSIDED_INTO = re.compile(r"\binto\s+(?:the\s+)?(?:(?:superior|inferior|upper|lower|cranial|caudal)\s+)?(?:end\s?plate\s+of\s+"
                            r"(?:the\s+)?)?$", re.I)
_BONE_FINDING = {"fracture", "fractures", "fractured", "stenosis", "spondylolisthesis", "listhesis", "collapse", "erosion",
                 "osteolysis", "destruction", "nonunion", "pseudarthrosis"}


def _bone_finding_after(s: _Sentence, x: Ent) -> bool:
    """Do a bone's words and its own finding follow a side or level ("a right L5 pedicle fracture")?"""
    j = x.end
    while j < s.end and (y := s.ent(j)) is not None and y.label in ("SIDE", "LEVEL"):
        j = y.end
    seen_bone = False
    for k in range(j, min(j + 3, s.end)):
        y = s.ent(k)
        if y is not None and y.label == "IGNORE":  # a bone's fracture the grammar set aside: "pedicle fracture"
            return any(w.lower() in _BONE_FINDING for w in y.text.split())
        if y is not None and y.label != "STRUCTURE":
            return False
        w = s.word(k)
        if seen_bone and w in _BONE_FINDING:
            return True
        if not (y is not None or V.BODY_STRUCTURE_WORDS.match(w)):
            return False
        seen_bone = True
    return False


_EARLIER = {"previously", "formerly", "initially", "originally", "before", "prior"}


def _earlier_place(s: _Sentence, x: Ent) -> bool:
    """Is the level where an implant was before ("the right lead tip projects over T8, previously at T7")?"""
    return any(s.word(k) in _EARLIER for k in range(max(s.start, x.start - 3), x.start))


def _where_bone_grew(s: _Sentence, x: Ent) -> bool:
    """Is the level where bone grew ("solid bridging bone across L4-5 and no lucency around any screw")?"""
    return s.word(x.start - 1) in {"across", "at", "of", "between"} \
        and any(s.word(k) in _BONE_GROWTH for k in range(max(s.start, x.start - 4), x.start - 1))


_BONE_GROWTH = frozenset({"bone", "fusion", "union", "arthrodesis", "bridging", "osseous", "bony", "trabeculation"})


def _words_before(s: _Sentence, e: Ent) -> list[Ent]:
    """The sides, levels and structures right before some words ("right L5 pedicle" of "right L5 pedicle fracture")."""
    out: list[Ent] = []
    j = e.start - 1
    while j >= s.start and (x := s.ent(j)) is not None and x.label in ("SIDE", "LEVEL", "STRUCTURE"):
        out.append(x)
        j = x.start - 1
    return out


def _clause_pairs(s: _Sentence, cue: _Cue, cues: list[_Cue]) -> None:
    """Each clause after a finding with its own side and level: "fractured rods: right at L2-3, left at L4-5",
    "a rod fracture at the L4-5 level on the right side and at the L3-4 level on the left side"."""
    later = [c.ent.start for c in cues if c.ent.start > cue.ent.end and c.clause == cue.clause]
    stop = min(later) if later else s.end
    items = [x for x in s.ents if x.label in ("SIDE", "LEVEL") and x.claimed is None and cue.ent.end <= x.start < stop
             and s.clause.get(x.start) == cue.clause and x.meta.get("side") != "Bilateral"]
    segments: list[dict] = []
    for x in items:
        key = "side" if x.label == "SIDE" else "level"
        if not segments or key in segments[-1]:
            segments.append({})
        segments[-1][key] = x
    if len(segments) < 2 or not all("side" in g and "level" in g for g in segments):
        return
    for g in segments:
        cue.pairs.append((g["side"].meta["side"], _ent_levels(g["level"])))
        for x in (g["side"], g["level"]):
            x.claimed = "finding"
            cue.extra.append(x)


def _share_pairs(cues: list[_Cue]) -> None:
    """Cues about the same implants in one clause share the sides paired with directions or sizes:
    "the rods are subluxed posteromedially on the left and posteriorly on the right and are not secured"."""
    for cue in cues:
        for other in cues:
            if other is cue or other.clause != cue.clause or other.mentions != cue.mentions or not cue.mentions:
                continue
            if cue.side is None and other.side is not None:
                cue.side = other.side
            # (nor where a lead lies to its migration: "Termination of electrodes at T8 and T10 confirms the absence of
            # obvious lead migration")
            if not cue.levels and other.levels and not (cue.family == other.family == "overlying") \
                    and not (other.family == "overlying" and cue.finding != "lead position") \
                    and not (cue.family == "overlying" and cue.level_ents):  # (the tips' own place: "leads enter the
                # epidural space at T12-L1 with tips at the superior endplate of T8")
                cue.levels = list(other.levels)  # (not another place of a lead: "inserted from T12-L1 ..., tips advanced
                # until T8")
                cue.extra.extend(x for x in other.extra if x.label == "LEVEL" and x not in cue.extra)
    for cue in cues:
        if cue.dir_by_side or cue.mm_by_side or not cue.mentions:
            continue
        for other in cues:
            if other is cue or other.clause != cue.clause or other.mentions != cue.mentions:
                continue
            pairs = other.dir_by_side or other.mm_by_side
            if pairs and all(sd is None or sd == "Bilateral" for m in cue.mentions for sd, _ in (m.slots or [(None, [])])):
                cue.side_list = list(pairs)
                break


def _borrow_levels(s: _Sentence, cues: list[_Cue], mentions: list[Mention]) -> None:
    """A rod that came off screws, or off other rods, takes their levels: "the left rod has disconnected from the
    S1 screw", "dislodgement of the cervical rods from connection with the thoracic rods at the C7-T1 level"."""
    linked = {id(m) for c in cues for m in c.mentions}
    for cue in cues:
        if cue.levels:
            continue
        if cue.family == "overlying" and cue.finding == "lead position":
            # where a stimulator lies on a film is the level it overlies: "tip overlying the T9 vertebral body"
            over = [x for x in s.of("LEVEL") if x.start >= cue.ent.end and s.clause.get(x.start) == cue.clause]
            if over:
                cue.levels = _ent_levels(over[0])
                cue.extra.append(over[0])
            continue
        if not cue.mentions or any(m.slots and any(g for _, g in m.slots) for m in cue.mentions):
            continue
        later = [m for m in mentions if m.start >= cue.ent.end and s.clause.get(m.head.start) == cue.clause
                 and (m.kind in SCREWS or (m.kind in ("Rod", "RodToRodConnector")
                                           and cue.finding in ("disconnection", "rod connector")))
                 and m not in cue.mentions and any(g for _, g in m.slots)
                 and (cue.finding in ("disconnection", "rod connector") or id(m) not in linked)
                 # (not past another finding: "both S2AI screws broken, and the rod disconnected from the L5 screw")
                 and (cue.finding in ("disconnection", "rod connector")
                      or not any((x := s.ent(i)) is not None and x.label == "FINDING" for i in range(cue.ent.end, m.start)))
                 and (any(w in {"at", "from", "of", "between", "near", "to", "off"}
                          or (w in {"in", "within"} and cue.finding == "disconnection")  # "not seated within the S1 tulip"
                          for w in _gap_words(s, cue.ent.end - 1, m.start))
                      or re.search(r"\bengages?$", cue.ent.text, re.I) is not None)]  # ("no longer engages the L2 screw head")
        if later:
            cue.levels = [lv for _, g in later[0].slots for lv in g]
            cue.extra.append(later[0].head)
            sides = {sd for sd, _ in later[0].slots if sd}
            if cue.side is None and len(sides) == 1 and not any(sd for m in cue.mentions for sd, _ in m.slots):
                cue.side = sides.pop()  # "the rod has pulled out of the L4 screw head on the right"


# the levels an implant went between: "migrated from T8 to T10", "now at T10, previously at T8", "previously at T8,
# the tip is now at T11", "has retracted to T11 from T9"
_LEVEL_WORD = V.PLACE_ON_A_VERTEBRA + r"([CTLS]\d{1,2})\b"
_FROM_TO = re.compile(rf"\b(?:migrat\w*|mov\w*|retract\w*|shift\w*|displac\w*|dislodg\w*|slipp\w*)\s+(?:[\w-]+,?\s+){{0,5}}?"
                      rf"from\s+{_LEVEL_WORD}\s+(?:level\s+)?to\s+{_LEVEL_WORD}", re.I)
_TO_FROM = re.compile(rf"\b(?:migrat\w*|mov\w*|retract\w*|shift\w*|displac\w*|dislodg\w*|slipp\w*)\s+(?:\w+\s+){{0,2}}?"
                      rf"to\s+{_LEVEL_WORD}\s+(?:level\s+)?from\s+{_LEVEL_WORD}", re.I)
_NOW_THEN = re.compile(rf"\b(?:now|currently)\s+(?:[\w-]+\s+){{0,4}}?{_LEVEL_WORD}[^.;]{{0,50}}?\b(?:previously|formerly)\s+"
                       rf"(?:[\w-]+\s+){{0,4}}?{_LEVEL_WORD}", re.I)
_THEN_NOW = re.compile(rf"\b(?:previously|formerly)\s+(?:[\w-]+\s+){{0,4}}?{_LEVEL_WORD}[^.;]{{0,50}}?\b(?:now|currently)\s+"
                       rf"(?:[\w-]+\s+){{0,4}}?{_LEVEL_WORD}", re.I)


def _moved_between(text: str) -> tuple[Level, Level] | None:
    """The level an implant was at and the level it is at now, when the sentence tells both."""
    for rx, then_first in ((_FROM_TO, True), (_THEN_NOW, True), (_NOW_THEN, False), (_TO_FROM, False)):
        m = rx.search(text)
        if m:
            a, b = (levels_in(g) for g in m.groups())
            if a and b and a[0] != b[0]:
                return (a[0], b[0]) if then_first else (b[0], a[0])
    return None


# a cohort's count that did not have it, said by ellipsis at the end: "and 85 patients did not", "and 179 screws were not"
_THE_REST_DID_NOT = re.compile(rf",?\s+(?:and|while|whereas)\s+(?:the\s+(?:other|remaining)\s+)?{V.COUNT_WORD}\s+"
                               r"(?:\(\s*\d+(?:\.\d+)?\s*%\s*\)\s+)?(?:patients|screws|cases|subjects"
                               r"|rods|cages|levels)?\s*(?:did|were|was|had)\s+not\s*[.;]?\s*$", re.I)


def _placed_by_own_words(cue: _Cue, made: list[Fact]) -> None:
    """Facts a cue's own words place: the foramen a lead lies in ("in the right L5-S1 foramen" gives the level and side);
    a subsidence borrowed from a list of screw findings is no screw's, rod's or lead's, which do not subside ("screw
    loosening and/or breakage (n = 22), followed by subsidence (n = 15)")."""
    own = levels_in(cue.ent.text, "span") if cue.finding == "lead position" else []  # ("the right L4-5 foramen")
    own_side = re.search(r"\b(left|right)\b", cue.ent.text, re.I) if cue.finding == "lead position" else None
    # ("The electrode array lies in the midline at the top of T8"; not "off midline")
    midline = cue.finding == "lead position" and re.search(r"(?<!off\s)(?<!of\s)\b(?:the\s+)?midline\b", cue.ent.text, re.I)
    for f in made:
        if own and f.level is None:
            f.level = span_name(own)
        if own_side and f.side is None:
            f.side = own_side.group(1).lower()
        elif midline and f.side is None:
            f.side = "midline"
        if f.finding == "subsidence" and f.kind in SIDED:
            f.kind = f.implant = f.side = None


def _suggested_by_a_denial(s: _Sentence, cue: _Cue) -> bool:
    """Is the finding only what a denied observation before it would suggest ("no ... to suggest loosening")?"""
    e = cue.ent
    if [s.word(e.start - 2), s.word(e.start - 1)] not in (["to", "suggest"], ["to", "indicate"]):
        return False
    return any(s.word(k) in {"no", "nil", "without"} for k in range(s.start, e.start - 2) if s.clause.get(k) == cue.clause)


# a side or level whose implant is left out because the sentence has just named it: "a 3-mm lucency along the right S1
# screw and a 1-mm lucency about the left", "lucency of 2 mm around the left and 3 mm around the right T12 screws", "2 mm
# around the L4 and 3 mm around the L5 screws", "a 2-mm halo around the left S2 alar-iliac screw but no lucency around the
# right"
_ELIDED = re.compile(r"(?P<no>\b(?:no|without)\s+(?:[\w-]+\s+){0,2}?)?(?:(?P<mm>\d+(?:\.\d+)?)\s*-?\s*mm\s+(?:[\w-]+\s+){0,2}?)?"
                     r"\b(?:around|about|along|surrounding)\s+the\s+"
                     # (not a level of a list that names its implant after it: "no lucency around the L4 or L5 screws")
                     r"(?P<sd>left|right)?\s*(?P<lv>[CTLS]\d{1,2})?(?=\s+(?:and|but|or)\b(?!\s+(?:the\s+)?[CTLS]\d{1,2}\b)|\s*[.,;]|\s*$)",
                     re.I)
# and "none" said of the others: "2 mm lucency around both S1 screws and none around the L5 screws"
# (and "on" a side, and "nothing": "a 3 mm halo on the left and none on the right", "but nothing around the right")
_NONE_AROUND = re.compile(r"(?P<no>\b(?:none|nothing))\s+(?:around|about|along|surrounding|on)\s+the\s+(?P<sd>left|right)?\s*"
                          r"(?P<lv>[CTLS]\d{1,2})?"
                          r"(?:\s+(?:pedicle\s+)?screws?)?(?=\s+(?:and|but|or)\b|\s*[.,;]|\s*$)", re.I)
# and one said to be like it: "a lucency up to 3 mm about the right S1 screw, with a similar but thinner rim on the left"
_SIMILAR = re.compile(r"\b(?:similar|same|comparable)\b(?:\s+[\w-]+){0,4}?\s+(?:on|at|about|around|along|in)\s+the\s+"
                      r"(?P<sd>left|right)\b(?:\s+(?P<lv>[CTLS]\d{1,2})\b)?", re.I)


_HOLDER = r"(?:connectors?|dominos?|dominoes|rods?|screws?|tulips?|heads?)"
_SET_SCREW_OF = re.compile(r"\bset[\s-]*screws?\s+(?:of|in|on)\s+the\s+(?P<sd>left|right)\s+(?:[\w-]+\s+){0,2}?" + _HOLDER + r"\b",
                           re.I)
_ITS_SET_SCREW = re.compile(r"\b(?:its|their)\s+set[\s-]*screws?\b", re.I)
_SIDED_HOLDER = re.compile(r"\b(?P<sd>left|right)\s+(?:[\w-]+\s+){0,2}?" + _HOLDER + r"\b", re.I)


def _set_screw_of_its_holder(facts: list[Fact], s: _Sentence) -> None:
    """A set screw without a side of its own has its holder's: "the set screw of the right connector", "The left
    connector was intact, although its set screw appeared slightly backed out"."""
    text = s.text or ""
    loose = [f for f in facts if f.kind == "SetScrew" and f.side is None]
    if not loose or text != s.sent.text:
        return
    side = None
    if (m := _SET_SCREW_OF.search(text)) is not None:
        side = m.group("sd").lower()
    elif (m := _ITS_SET_SCREW.search(text)) is not None:
        holders = list(_SIDED_HOLDER.finditer(text, 0, m.start()))
        side = holders[-1].group("sd").lower() if holders else None
    if side is None or len({f.level for f in loose}) > 1:
        return
    for f in loose:
        f.side = side


_SIDES_ONE = re.compile(r"\bthe\s+(?P<sd>left|right)(?:-sided)?\s+one\b", re.I)
_ONES_PLACE = re.compile(r"^[\s,]*(?:(?:around|about|surrounding|along|of|in|at|to|the)\s+)+$", re.I)


_THAT_SIDE = re.compile(r"\b(?:on|of)\s+(?:that|the\s+same|this)\s+side\b", re.I)


def _on_that_side(facts: list[Fact], s: _Sentence) -> None:
    """An implant "on that side" or "on the same side" is on the side named before it in the sentence: "the right rod has
    slipped, and the L1 and L2 set screws on that side are loose" (round 33)."""
    text = s.text or ""
    offset = s.sent.start_char if text == s.sent.text else None
    if offset is None:
        return
    for m in _THAT_SIDE.finditer(text):
        sides = [e for e in s.of("SIDE") if e.char_end <= m.start() + offset and e.meta.get("side") in ("Left", "Right")]
        if not sides:
            continue
        for f in facts:
            implant = [sp for sp in f.spans if sp["label"] == "IMPLANT"]
            if f.side is None and implant and sides[-1].char_end <= implant[0]["start"] \
                    and implant[0]["end"] <= m.start() + offset:
                f.side = sides[-1].meta["side"].lower()


def _the_other_sides_one(facts: list[Fact], s: _Sentence) -> None:
    """A finding of "the left one" after a right implant is the left implant's, at the same level: "the right S2AI screw
    has backed out 8 mm and the left one is fractured", "the fractured right iliac screw and the halo around the left
    one"."""
    text = s.text or ""
    offset = s.sent.start_char if text == s.sent.text else None
    if offset is None:
        return
    for m in _SIDES_ONE.finditer(text):
        one_start, one_end = m.start() + offset, m.end() + offset
        for f in facts:
            implant = [sp for sp in f.spans if sp["label"] == "IMPLANT"]
            finding = [sp for sp in f.spans if sp["label"] == "FINDING"]
            if not implant or not finding or f.side in (None, m.group("sd").lower()) or implant[0]["end"] > one_start:
                continue
            cue = finding[0]
            after = cue["start"] >= one_end and not any(sp["start"] >= one_end for sp in implant)
            of_it = implant[0]["end"] <= cue["start"] and cue["end"] <= one_start \
                and bool(_ONES_PLACE.match(text[cue["end"] - offset: m.start()]))
            if after or of_it:
                f.side = m.group("sd").lower()


def _elided_implants(facts: list[Fact], s: _Sentence) -> list[Fact]:
    """A lucency said of a side or level whose implant words are left out is the same kind of implant's there."""
    text = s.text or ""
    rims = [f for f in facts if f.finding in ("lucency", "loosening") and f.kind in SCREWS]
    if not rims:
        return facts
    out = list(facts)
    # ("none around" first: its words also read as an elided item without the denial)
    for m in [*_NONE_AROUND.finditer(text), *_ELIDED.finditer(text), *_SIMILAR.finditer(text)]:
        sd, lv = (m.group("sd") or "").lower() or None, m.group("lv")
        if sd is None and lv is None:
            continue
        lv = lv.upper() if lv else None
        status = "negated" if m.groupdict().get("no") else None
        mm = float(m.group("mm")) if m.groupdict().get("mm") else None
        for f in rims:
            # (a finding like another has its own size, unsaid: "a similar but thinner rim")
            new = replace(f, side=sd or f.side, level=lv or f.level, status=status or f.status,
                          mm=mm if mm is not None and f.finding == "lucency" else None if m.re is _SIMILAR or status else f.mm)
            if (new.side, new.level) != (f.side, f.level) and not any(g.key() == new.key() and g.status == new.status
                                                                       for g in out):
                out.append(new)
        # (the implant-less finding the elided words made is that copy: "but no lucency around the right")
        out = [g for g in out if not (g.kind is None and g.finding in ("lucency", "loosening") and g.side == sd)]
        break  # (one elided item per sentence: the first names the rest)
    return out


# a rod's side whose implant word is left out: "a 3-mm gap in the right rod and a 1-mm gap in the left", "the right rod is
# fractured at L2 and the left at L4" is read elsewhere (round 32)
_ELIDED_ROD = re.compile(r"(?:(?P<mm>\d+(?:\.\d+)?)\s*-?\s*mm\s+(?:[\w-]+\s+){0,2}?)?\b(?:in|of|through)\s+the\s+(?P<sd>left|right)"
                         r"(?=\s*(?:[.,;]|$)|\s+(?:and|but)\b)", re.I)


_ROD_BREAK_NOUN = re.compile(r"\b(?:gap|fracture|break|breakage|discontinuity|defect)\b", re.I)
_OTHER_IMPLANT_NOUN = re.compile(r"\b(?:screws?|cages?|plates?|leads?|hooks?|connectors?|wires?|spacers?)\b", re.I)


def _elided_rods(facts: list[Fact], s: _Sentence) -> list[Fact]:
    """A rod finding said of the other side with the word rod left out is the other rod's."""
    rods = [f for f in facts if f.kind == "Rod" and f.side in ("left", "right") and f.finding == "fracture"]
    text = s.text or ""
    m = _ELIDED_ROD.search(text) if len(rods) == 1 else None
    if m is None or m.group("sd").lower() == rods[0].side:
        return facts
    clause = re.split(r"\b(?:and|but)\b|[,;]", text[:m.end()])[-1]
    if not _ROD_BREAK_NOUN.search(clause) or _OTHER_IMPLANT_NOUN.search(clause):
        return facts  # another finding said of the other side ("... and a screw lucency in the left")
    mm = float(m.group("mm")) if m.group("mm") else None
    return [*facts, replace(rods[0], side=m.group("sd").lower(), mm=mm, level=None)]


_HEADING_IMPLANT = re.compile(r"^\W*(?P<imp>screws|rods|cages|leads|plates)\b[^:.;]{0,30}:", re.I)
_HEADING_KINDS = {"screws": ("Screw", "screw"), "rods": ("Rod", "rod"), "cages": ("InterbodyCage", "cage"),
                  "leads": ("StimulatorLead", "lead"), "plates": ("Plate", "plate")}


def _heading_implant(facts: list[Fact], s: _Sentence) -> None:
    """A list under an implant's heading is that implant's: "Screws (per level): L3 - no halo bilaterally; L4 - 1 mm halo
    right", "Cages: L3-4 - 2 mm subsidence into the L4 superior endplate; L4-5 - no subsidence"."""
    m = _HEADING_IMPLANT.match(s.text or "")
    if m is None:
        return
    kind, word = _HEADING_KINDS[m.group("imp").lower()]
    for f in facts:
        if f.kind is None:
            f.kind, f.implant = kind, word


_FINDING_HEADING = re.compile(r"^\W*(?:[\w-]+\s+){0,3}[\w-]+\s*:")


def _heading_told_again(facts: list[Fact], s: _Sentence) -> list[Fact]:
    """A finding named as the line's heading and then told with its implant's level or side is one finding: "Cage
    migration: the L5-S1 interbody cage has displaced anteriorly by 5 mm", "Screw malposition: the left T6 pedicle screw
    is anterolateral to the vertebral body"."""
    m = _FINDING_HEADING.match(s.text or "")
    if m is None or len(facts) < 2:
        return facts
    heading_end = s.sent.start_char + m.end()  # (the facts' spans are the report's offsets, not the sentence's)

    def in_heading(f: Fact) -> bool:
        return _finding_start(f) < heading_end

    return [f for f in facts if not (
        in_heading(f) and f.level is None and f.side is None
        and any(g is not f and not in_heading(g) and g.finding == f.finding and g.status == f.status
                and (g.level is not None or g.side is not None) and (f.kind in (None, "Hardware") or _same_kind(f.kind, g.kind))
                for g in facts))]


def _finding_start(f: Fact) -> int:
    """Where in the report the words of a fact's finding begin (-1 when it has none)."""
    return min((sp["start"] for sp in f.spans if sp["label"] == "FINDING"), default=-1)


# (not a failure "with" its parts, which most sets read as the failure and its parts: "Hardware failure, with fracture of
# the left rod at L4-5", "proximal fixation failure at T10, with loosening of both T10 screws")
_IN_PARTS = re.compile(r"\b(?:hardware|construct|instrumentation|implant|fixation)\s+failure\b[^.;]{0,25}?(?::|\bconsisting\s+of\b)",
                       re.I)


def _failure_told_in_parts(facts: list[Fact], s: _Sentence) -> list[Fact]:
    """A hardware failure the same sentence tells in its parts is those parts: "Hardware failure at right L1: the rod has
    disengaged from the screw head, ... and the screw has backed out 4 mm" (a failure said on its own, or "with" its
    parts, or of a whole construct beside other findings, stays)."""
    if not _IN_PARTS.search(s.text or ""):
        return facts
    # (parts named with their side or level, as a report tells one patient's: a cohort's "Hardware failure with rod
    # breakage was seen in 12 patients" counts both)
    parts = [f for f in facts if f.status != "negated" and f.kind not in (None, "Hardware") and f.finding != "complication"
             and (f.level or f.side)]
    if not parts:
        return facts
    return [f for f in facts if not (f.finding == "complication" and f.kind == "Hardware" and f.status != "negated")]


def _proud_rod_of_a_loose_set_screw(facts: list[Fact]) -> list[Fact]:
    """A rod proud of its tulip beside that tulip's disengaged set screw is the set screw's one finding, as the guide
    reads "The left L4 set screw is disengaged, with the rod sitting proud of the tulip"."""
    loose = {(f.level, f.side) for f in facts if f.kind == "SetScrew" and f.status == "affirmed"
             and f.finding in ("disconnection", "migration")}
    if not loose:
        return facts
    return [f for f in facts if not (f.kind == "Rod" and f.finding == "disconnection" and f.status == "affirmed"
                                     and (f.level, f.side) in loose
                                     and any(sp["label"] == "FINDING" and sp["text"].lower().startswith("proud")
                                             for sp in f.spans))]


_CORPECTOMY = re.compile(r"\bcorpectom|\bvertebral\s+body\s+replacement|(?-i:\bVBR\b)", re.I)
_PLACE_WORDS = re.compile(r"(?:into|in|within)\b", re.I)


def _movement_and_its_place(facts: list[Fact]) -> list[Fact]:
    """A migration and the place it went, said of one implant mention, are one migration with the movement's direction
    and the first measure: "Retropulsion of the L4-5 cage by 5 mm into the left lateral recess"."""
    def place_only(f: Fact) -> bool:
        words = [sp["text"] for sp in f.spans if sp["label"] == "FINDING"]
        return bool(words) and all(_PLACE_WORDS.match(w) for w in words)
    moves = [f for f in facts if f.finding == "migration" and f.status == "affirmed" and f.mention >= 0 and not place_only(f)]
    out = []
    for f in facts:
        mover = next((g for g in moves if g is not f and g.mention == f.mention and g.kind == f.kind
                      and f.level in (None, g.level) and f.side in (None, g.side)), None) \
            if f.finding == "migration" and place_only(f) else None
        if mover is not None and f.status == "affirmed" and f.mention >= 0:
            if mover.mm is None:
                mover.mm = f.mm
            continue
        out.append(f)
    return out


def _where_it_was_before_it_moved(facts: list[Fact], s: _Sentence) -> list[Fact]:
    """Where the words naming a lead place it, before a verb that says it moved, is where the migration was from, no
    position of its own: "DRG lead at the left L5 foramen was dislodged" (one migration at L5)."""
    text, base = s.text or "", s.sent.start_char

    def one_clause(f: Fact, g: Fact) -> bool:  # (not "The lead tip is at T8; it has migrated from T10")
        return not re.search(r"[;,]|\band\b|\bbut\b", text[_finding_start(f) - base:_finding_start(g) - base])

    out = []
    for f in facts:
        mover = next((g for g in facts if g.finding == "migration" and g.status != "negated" and g.mention == f.mention
                      and g.kind == f.kind
                      and _finding_start(g) > _finding_start(f) and g.side in (None, f.side) and one_clause(f, g)), None) \
            if f.finding == "lead position" and f.mention >= 0 else None
        if mover is not None:
            mover.level = mover.level or f.level
            mover.side = mover.side or f.side
            continue
        out.append(f)
    return out


def _affirmed_over_denied_lucency(facts: list[Fact]) -> list[Fact]:
    """One sentence that affirms a lucency and denies one of the same implant denies a measure of it, not the lucency:
    "Faint lucency around the T10-T12 screws on the right, without a measurable halo"."""
    sure = {f.key() for f in facts if f.finding == "lucency" and f.status == "affirmed"}
    return [f for f in facts if not (f.finding == "lucency" and f.status == "negated" and f.key() in sure)]


def _rod_off_its_screw(facts: list[Fact], mentions: list[Mention]) -> None:
    """A rod come off a screw, with neither named by level, is at the one screw or set screw the sentence places: "The set
    screw at the right L3 tulip is absent and the rod has dissociated from the screw" (the right rod at L3)."""
    places = {(SIDE_WORDS.get(sd) if sd else None, lv.name) for m in mentions if m.kind in SCREWS | {"SetScrew"}
              for sd, lvs in m.slots for lv in lvs}
    sides = {sd for sd, _ in places}
    if len(sides) != 1:
        return
    side = next(iter(sides))
    # (off the screws of one side at two levels, the span: "both right-sided set screws, at L4 and L5, were backing out,
    # and the right rod had come free of the two screw heads")
    level = span_name(levels_in(" ".join(lv for _, lv in places), "single"))
    for f in facts:
        if f.kind == "Rod" and f.finding == "disconnection" and f.level is None and f.side in (None, side):
            f.level, f.side = level, side


_NOW_AT = re.compile(r"\b(?:now|currently)\s+(?:[\w-]+\s+){0,6}?(?:the\s+)?(?:level\s+of\s+)?(?:(?:mid|upper|lower)[\s-]*)?"
                     r"([CTLS]\d{1,2}(?:\s*[-/]\s*[CTLS]?\d{1,2})?)\b", re.I)  # ("tip now at T10/11", round 32)


def _now_at(text: str) -> str | None:
    """The level or span an implant lies at now, when the sentence says so ("Caudal migration of the lead, tip now at T10")."""
    m = _NOW_AT.search(text)
    found = levels_in(m.group(1), "span") if m else []
    return span_name(found) if found else None


def _where_a_lead_lies_now(facts: list[Fact], now: str | None, text: str = "") -> list[Fact]:
    """A lead that moved and where the report says it lies now are two findings: its migration, which takes no level (where
    it went is not where it was), and its position at the level it has reached ("the right lead tip now lies at T10,
    previously at T8"). Without "now" the level it went to stays the migration's ("migrated cranially to T2", issue 15's
    example; "migrated from T8 to T10" gives none, above)."""
    if now is None:
        return facts
    out: list[Fact] = []
    for f in facts:
        out.append(f)
        if f.finding == "migration" and f.kind == "StimulatorLead" and f.status in ("affirmed", "uncertain"):
            f.level = None
            if not any(g.finding == "lead position" and g.level == now and g.side == f.side for g in facts):
                out.append(replace(f, finding="lead position", level=now, direction=None, mm=None))
    # (both leads whose tips now lie at one level lie there together, one position without a side, as "two leads, at T9"
    # of the real-text guide: "both leads retracted caudally, their tips now at L1", round 32)
    now_at = [f for f in out if f.finding == "lead position" and f.level == now and f.kind == "StimulatorLead"]
    if {f.side for f in now_at} == {"left", "right"} and re.search(r"\btheir\s+tips\b", text, re.I):
        out = [f for f in out if f not in now_at[1:]]
        now_at[0].side = None
    return out


# the other side's lead, its words left out: "the left tip at the T7-T8 disc and the right at the inferior endplate of T9",
# "the left with its tip at T8 and the right at T9" (round 32)
_OTHER_LEADS_TIP = re.compile(r"(?:\band|,)\s+the\s+(?P<sd>left|right)(?:\s+(?:one|lead|tip|electrode))?\s+(?:at|to|lies\s+at"
                              r"|ends\s+at|terminates\s+at)\s+" + V.PLACE_ON_A_VERTEBRA
                              + r"(?P<lv>[CTL]\d{1,2}(?:\s*[-/]\s*[CTL]?\d{1,2})?)\b", re.I)


def _other_leads_tip(facts: list[Fact], text: str) -> list[Fact]:
    """A lead position said of one side, then of the other with the lead's words left out, is the other lead's too."""
    for m in _OTHER_LEADS_TIP.finditer(text):
        sided = [f for f in facts if f.finding == "lead position" and f.side in ("left", "right")]
        sd, found = m.group("sd").lower(), levels_in(m.group("lv"), "span")
        level = span_name(found) if found else None
        first = next((f for f in sided if f.side != sd), None)
        if level is None or first is None or any(f.side == sd and f.level == level for f in sided):
            continue
        # (a copy of the first side's level the other side took is replaced: "the left tip now at T10 and the right at T11")
        if any(f.side == sd and f.level != first.level for f in sided):
            continue
        if first.level and first.level.endswith("-" + level) and first.level.count("-") == 1:
            first.level = first.level.split("-")[0]  # the second's level the first took: "the left lead tip is at T8 and
            # the right at T9" is no T8-T9
        facts = [f for f in facts if not (f.finding == "lead position" and f.side == sd)] + [replace(first, side=sd, level=level)]
    return facts


# the screws at one end of a plate or cage named by the span of their whole: they sit at one of its levels, which the words
# do not say ("the inferior screws of the C5-C7 plate had backed out", round 32; as the "lower" screws of a plate of the
# team's sets have no level)
_END_SCREWS_OF = re.compile(r"\b(?:inferior|superior|lower|upper|caudal|cranial|caudad|cephalad|top|bottom|proximal|distal)\s+"
                            r"screws?\s+of\s+(?:the|a|an|its)\s+(?P<lv>[CTL]\d{1,2}\s*[-/]\s*[CTL]?\d{1,2})\s+(?:[\w-]+\s+)?"
                            r"(?:plates?|cages?|spacers?|constructs?)\b", re.I)


def _end_screws_of_a_span(facts: list[Fact], text: str) -> list[Fact]:
    """The screws at one end of a whole named by its span take no level of it."""
    m = _END_SCREWS_OF.search(text)
    if m is None or re.match(r"\s+(?:at|of)\s+(?:the\s+)?(?:level\s+of\s+)?[CTLS]\d", text[m.end():]):
        return facts  # (its own level written after: "the caudal screw of the C3-C5 ACDF construct at C5")
    span = {span_name([lv]) for lv in levels_in(m.group("lv"), "span")}
    out: list[Fact] = []
    for f in facts:
        if f.kind in SCREWS and f.level in span:
            f = replace(f, level=None)
            if any(g.key() == f.key() and g.status == f.status for g in out):
                continue
        out.append(f)
    return out


# both implants of a kind and how far each moved: "Both PLIF cages at L4-L5 had migrated posteriorly, the left one by 4 mm and
# the right one by 6 mm", "both percutaneous leads displaced cranially, the left by 15 mm and the right by 8 mm" (round 32)
_EACH_SIDE_BY = re.compile(r"\bboth\b.*?,\s*the\s+(?P<s1>left|right)(?:\s+one)?\s+(?:by\s+)?(?P<m1>\d+(?:\.\d+)?)\s*(?P<u1>mm|cm)\b"
                           r",?\s+and\s+the\s+(?P<s2>left|right)(?:\s+one)?\s+(?:by\s+)?(?P<m2>\d+(?:\.\d+)?)\s*(?P<u2>mm|cm)\b",
                           re.I)


def _each_side_by(facts: list[Fact], text: str) -> list[Fact]:
    """Both implants of a kind that moved, each by its own distance, are two findings, one of each side."""
    m = _EACH_SIDE_BY.search(text)
    if m is None or m.group("s1").lower() == m.group("s2").lower():
        return facts
    mm = {m.group(f"s{i}").lower(): float(m.group(f"m{i}")) * (10.0 if m.group(f"u{i}").lower() == "cm" else 1.0)
          for i in (1, 2)}
    moved = [f for f in facts if f.kind and f.kind != "Hardware" and f.finding in ("migration", "subsidence")]
    kinds = {f.kind for f in moved}
    if len(kinds) != 1:
        return facts
    out = [f for f in facts if f not in moved]
    for sd, value in mm.items():
        like = next((f for f in moved if f.side == sd), None) or next((f for f in moved if f.side is None), None) \
            or moved[0]
        way = like.direction or next((f.direction for f in moved if f.direction), None)
        out.append(replace(like, side=sd, mm=value, direction=way))
    return out


def _after_its_words(f: Fact, s: _Sentence) -> int | None:
    """Where, in the sentence's text, the fact's finding words end (None without them)."""
    ends = [sp["end"] for sp in f.spans if sp["label"] == "FINDING"]
    return max(ends) - s.sent.start_char if ends else None


def _another_finding(f: Fact, s: _Sentence, at: int, n: int, **changes: Any) -> Fact:
    """A copy of the fact said again by the words at `at` in the sentence's text, as the n-th fact of it: its own cue and
    implant mention, so that `_merge` keeps it apart from the first."""
    cue = next((t.i for t in s.sent if t.idx >= s.sent.start_char + at), f.cue)
    return replace(f, cue=cue, mention=-100 - n, **changes)


_WAY = r"(?:(?:postero|antero|infero|supero)[\s-]?)?(?:medial|lateral|anterior|posterior|inferior|superior|cranial|caudal)"
_WAY_WORD = re.compile(rf"\b{_WAY}(?:ly)?\b", re.I)
# a cohort's implants counted by the way they left their bone, the verb said once: ", 29 laterally and 8 medially, none
# anteriorly", "and 5 (2.4%) the lateral wall" (the way as an adverb, or as the wall it went through)
_COUNTED_WAY = re.compile(
    r"(?:,|;|\band\b)\s+(?:and\s+)?(?P<n>" + V.COUNT_WORD + r"|none|no\s+(?:[\w-]+\s+){0,2}?screws?)\s*"
    rf"(?:\(\s*\d+(?:\.\d+)?\s*%\s*\)\s*)?(?:(?:were|was)\s+)?(?:the\s+)?(?P<way>{_WAY})"
    r"(?:ly\b|\s+(?:pedicle\s+)?(?:walls?|cortex|cortices)\b)", re.I)

# a second clause that says the finding again of another implant with the verb left out: "The right rod is fractured at
# L2-3 and the left at L4-5", "The right L4 screw breached medially and the left L4 screw laterally", "the cranial screws
# had backed out 3 mm and the caudal screws 5 mm" (its new subject, then what it says of it, then the clause's end)
_GAPPED = re.compile(
    r"(?:,\s*(?:and|while|whereas)?|;|\band\b|\bwhile\b|\bwhereas\b)\s+(?:on\s+)?(?:the\s+)?"
    r"(?P<subject>(?P<side>left|right)?\s*(?P<level>" + _LEVEL_TEXT + r")?\s*"
    r"(?P<qual>cranial|caudal|upper|lower|proximal|distal|superior|inferior|other|contralateral)?\s*"
    r"(?P<noun>(?:pedicle\s+)?(?:rods?|screws?|cages?|plates?|leads?|ones?))?)\s+"
    r"(?:(?P<at>(?:at|from)\s+(?:the\s+)?(?:level\s+of\s+)?(?P<at_level>" + _LEVEL_TEXT + r"))|(?P<mm>\d+(?:\.\d+)?)\s*mm"
    rf"|(?P<way>{_WAY}ly))"
    r"\s*(?=[.;]|$)", re.I)


def _gapped_clause(facts: list[Fact], s: _Sentence) -> list[Fact]:
    """The finding of a second implant in a clause whose verb is left out, with that clause's own side, level, way or
    measure; the first keeps what its own clause says (round 37)."""
    text = s.text or ""
    out = list(facts)
    for f in facts:
        after = _after_its_words(f, s)
        if after is None or f.kind in (None, "Hardware") or f.kind in STIMULATOR_PARTS or f.generic:
            continue  # (where leads lie and went is read by `_where_a_lead_lies_now` and `_other_leads_tip`)
        m = _GAPPED.search(text, after)
        if m is None or not m.group("subject").strip() or not (m.group("side") or m.group("level") or m.group("qual")) \
                or (m.group("noun") and not re.match(r"ones?$|" + re.escape((f.implant or "").split()[-1]),
                                                     m.group("noun").split()[-1], re.I)):
            continue
        own = text[after:m.start()]  # what the first clause says after its finding word
        first = f
        if m.group("at_level") and (lv := levels_in(own, "span")):
            first = replace(f, level=span_name(lv))
        said = _WAY_WORD.search(own)
        if m.group("way") and said is not None and (way := _direction_word(said.group(0))) is not None:
            first = replace(first, direction=way.lower())
        out[out.index(f)] = first
        side = m.group("side").capitalize() if m.group("side") else None
        level = m.group("level") or m.group("at_level")
        way2 = _direction_word(m.group("way")) if m.group("way") else None
        second = _another_finding(first, s, m.start("subject"), len(out),
                                  side=SIDE_WORDS.get(side) if side else first.side,
                                  level=span_name(levels_in(level, "span")) if level else (None if m.group("at") else first.level),
                                  direction=way2.lower() if way2 else (None if m.group("way") else first.direction),
                                  mm=float(m.group("mm")) if m.group("mm") else (None if m.group("at") or m.group("way")
                                                                                 else first.mm))
        if second.key() != first.key() or second.mm != first.mm or second.direction != first.direction:
            out.append(second)
        return out  # (one gapped clause to a sentence)
    return out



def _ways_counted_apart(facts: list[Fact], s: _Sentence) -> list[Fact]:
    """A cohort's screws out of place counted by way after the finding, the verb said once, are a finding for each way:
    "37 (9.0%) breached the pedicle cortex, 29 laterally and 8 medially, none anteriorly" (round 37)."""
    text = s.text or ""
    out = list(facts)
    for f in facts:
        after = _after_its_words(f, s)
        if f.finding not in ("screw position", "migration") or f.status != "affirmed" or f.generic or after is None:
            continue
        items = list(_COUNTED_WAY.finditer(text, after))
        if not items:
            continue
        said = _WAY_WORD.search(text, after, items[0].start())
        if said is not None and (own := _direction_word(said.group(0))) is not None:
            # the first count's own way, said before the others: "9 (4.2%) breached the medial pedicle wall and 5 (2.4%)
            # the lateral wall"
            out[out.index(f)] = replace(f, direction=own.lower())
        for m in items:
            way = _direction_word(m.group("way"))
            if way is None:
                continue
            status = "negated" if m.group("n").lower().startswith("no") else "affirmed"
            if not any(g.kind == f.kind and g.finding == f.finding and g.direction == way.lower() and g.status == status
                       for g in out):
                out.append(_another_finding(f, s, m.start("way"), len(out), direction=way.lower(), status=status))
        return out  # (one list to a sentence)
    return out


# the foramina of several levels, a ganglion or sacral lead in each: "with leads at the right L4 and L5 foramina" (round 32)
_FORAMINA_OF = re.compile(r"\b(?P<lvs>[CTLS]\d{1,2}(?:\s*(?:,|,?\s*and)\s*[CTLS]?\d{1,2})+)\s+(?:neural\s+|sacral\s+|dorsal\s+)?"
                          r"foramina\b", re.I)


def _a_lead_in_each_foramen(facts: list[Fact], text: str) -> list[Fact]:
    """Leads in the foramina of several levels lie one in each, not over the span between them."""
    m = _FORAMINA_OF.search(text)
    if m is None:
        return facts
    names = [span_name([lv]) for lv in levels_in(m.group("lvs"))]
    span = span_name(levels_in(m.group("lvs")))
    out: list[Fact] = []
    for f in facts:
        if f.finding == "lead position" and f.level in (span, *names) and len(names) > 1:
            out.extend(replace(f, level=n) for n in names
                       if not any(g is not f and g.finding == f.finding and g.side == f.side and g.level == n for g in out))
        else:
            out.append(f)
    return out


_TO_ITS_LEVEL = frozenset({"at", "in", "the", "of", "level", "distal", "distally", "proximal", "proximally"})
# the construct named between a failure and its level: "one mechanical failure of anterior fixation at C7-T1"
_CONSTRUCT_WORDS = frozenset({"anterior", "posterior", "fixation", "instrumentation", "construct", "hardware"})


def _level_right_after(s: _Sentence, cue: _Cue) -> Ent | None:
    """The level written right after a finding ("failure at the C5-C6 level", "failure of anterior fixation at C7-T1",
    "malfunction distal at the L2 end"), unless an implant or another finding took it."""
    j = cue.ent.end
    while j < min(cue.ent.end + 6, s.end) and (s.word(j) in _TO_ITS_LEVEL or (
            s.word(j) in _CONSTRUCT_WORDS and s.word(j - 1) in {"of", "the", "anterior", "posterior"})):
        j += 1
    x = s.ent(j)
    # (a level the construct's own word took is the construct's: "malfunction distal at the L2 end of the hardware")
    return x if j > cue.ent.end and x is not None and x.label == "LEVEL" and (x.claimed in (None, "generic") or x in cue.extra) \
        else None


_PLACE_OR_MOVE = re.compile(r"(?:in|into|within|inside|past|outside|beyond|through|overl\w*|enter\w*|extend\w*|project\w*|lies"
                            r"|lying|positioned|located|situated|placed|moved|shifted|shift|passed|passes|passing|retracted"
                            r"|disappear\w*|descended|ascended|telescop\w*)\b",
                            re.I)


_EXPLAINED_BY = (("due", "to"), ("caused", "by"), ("resulting", "from"), ("secondary", "to"), ("in", "the", "form", "of"),
                 ("through",))


def _failure_explained(s: _Sentence, e: Ent) -> bool:
    """Is a failure of the hardware said to be a finding named right after it -- "implant failure due to screw
    loosening", "the most often encountered type of hardware failure was lead breakage"?"""
    def finding_within(i: int, n: int) -> bool:  # a finding of a listed implant ("due to wire breakage" keeps the failure)
        near = [x for k in range(i, min(i + n, s.end)) if (x := s.ent(k)) is not None and x is not e]
        return any(x.label == "FINDING" for x in near) and not any(_unlisted(x) for x in near)
    j = e.end + (1 if s.word(e.end) == "," else 0)
    for words in _EXPLAINED_BY:
        if tuple(s.word(k) for k in range(j, j + len(words))) == words and finding_within(j + len(words), 4):
            return True
    kind_of = s.word(e.start - 1) == "of" and s.word(e.start - 2) in {"type", "types", "kind", "kinds", "form", "forms",
                                                                       "mode", "modes"}
    return kind_of and s.word(e.end) in {"was", "were", "is", "are"} and finding_within(e.end + 1, 4)


def _unlisted(x: Ent) -> bool:
    """Is the entity hardware outside the case format's implants whose findings still count: a wire, a cable, a growing
    rod's pin or magnet (not an offset connector: a construct's part like a listed one)?"""
    return x.label == "IMPLANT" and x.meta.get("kind") in ("Other", "Wire") and not V.CONNECTOR_OTHER.search(x.text)


def _unlisted_subject(s: _Sentence, cue: _Cue) -> bool:
    """Is the finding's own implant -- the word right before it, or its verb's subject -- hardware outside the case format
    (`_unlisted`), other than a wire (a wire may be a stimulator's lead: `Wire` is read with the report)?"""
    e = cue.ent
    x = s.ent(e.start - 1)
    if (x is None or x.label != "IMPLANT") and _predicative(s, e):
        x = s.ent(_subject_at(s, e))  # "the actuator pin had fractured"
    return x is not None and _unlisted(x) and x.meta.get("kind") == "Other"


def _moved_by_itself(s: _Sentence, cue: _Cue) -> bool:
    """Is the movement verb active in a clause about a device outside the case format ("The distal catheter fragment has
    retracted cranially"), not one a surgeon moved ("the catheter was pulled back to L2")?"""
    j = cue.ent.start - 1
    while j >= s.start and (s.word(j) in _ADVERBS or s.word(j).endswith("ly")):
        j -= 1
    return s.word(j) not in _COPULA - {"has", "have", "had"} and _unlisted_device(s, cue)


_NUMBER_WORD = re.compile(V.COUNT_WORD, re.I)


def _counted_breaks(s: _Sentence, e: Ent) -> bool:
    """Are the finding words a counted number of breaks ("18 breaks", "Eleven thoracic breaks", "the 35 breaks")? Said of
    a cohort's implants; a bone "fracture" counted so is a bone's."""
    return bool(re.fullmatch(r"breaks|breakages", e.text, re.I)) and any(
        _NUMBER_WORD.fullmatch(s.word(k)) for k in range(max(s.start, e.start - 3), e.start))


def _unlisted_device(s: _Sentence, cue: _Cue) -> bool:
    """Does the finding's clause name such hardware (`_unlisted`)?"""
    return any(_unlisted(x) and s.clause.get(x.start) == cue.clause for x in s.ents)


def _facts_for(cue: _Cue, s: _Sentence, connectors: list[dict]) -> list[Fact]:
    out: list[Fact] = []
    e = cue.ent
    base_spans = [e.span()] + [x.span() for x in cue.extra]
    named = [m for m in cue.mentions if m.kind != "Hardware" and (m.start >= e.end or (
        m.end <= e.start and all(w in {"-", "related", ","} for w in _gap_words(s, m.end, e.start))))]
    if cue.finding == "complication" and cue.status == "affirmed" and _failure_explained(s, e):
        return []  # the failure is the finding named after it: "implant failure due to screw loosening", "device
        # malfunction through lead migration"
    if cue.finding == "complication" and not (cue.implied is None and named):
        # about the construct as a whole ("without hardware complication"), unless the failure is of named
        # implants ("failure of both rod and screw")
        # the construct's levels when the sentence names them ("the fusion hardware at C5-C6 ... no evidence of failure")
        spans_named = [[lv for _, g in m.slots for lv in g] for m in cue.mentions if m.kind == "Hardware"]
        level = span_name(sorted(set(spans_named[0]), key=lambda lv: lv.position)) \
            if len(spans_named) == 1 and spans_named[0] and not any(rx.search(e.text) for rx, _ in _IMPLANT_IN_CUE) else None
        after = _level_right_after(s, cue) if level is None and all(m.kind == "Hardware" for m in cue.mentions) else None
        if after is not None:  # the construct named in the finding's own words, at a level: "hardware failure at C3"
            level = span_name(_ent_levels(after))
            if after.span() not in base_spans:
                base_spans.append(after.span())
        kinds = {x.meta.get("kind") for x in s.of("IMPLANT")}
        # (a generator named in the failure's own words is what failed: "one battery failed prematurely")
        whole = "ImplantablePulseGenerator" if cue.implied == "ImplantablePulseGenerator" else "Hardware"
        if "SpinalCordStimulator" in kinds and kinds <= STIMULATOR_PARTS and _DEVICE_WORD.search(e.text):
            whole = "SpinalCordStimulator"  # the device of a sentence about a stimulator is the stimulator: "the spinal
            # cord stimulator without device complication", "spinal cord stimulators ... with device malfunction"
        return [Fact("complication", IMPLANT_WORDS[whole], whole, level, None, status=cue.status, spans=base_spans,
                     historical=e.historical, hypothetical=e.hypothetical, cue=e.start, generic=cue.generic)]
    mentions: list[Mention | None] = list(cue.mentions) or [None]
    loose_levels = cue.levels
    fallback_levels = [lv for x in cue.level_ents for lv in _ent_levels(x)]
    respectively = "respectively" in s.words.values() and len(cue.mm_list) > 1
    n_made = 0
    for m in mentions:
        kind = m.kind if m is not None else cue.implied
        if kind is None and cue.finding == "lead position":
            kind = "StimulatorLead"
        if kind is None and cue.finding == "complication":
            kind = "Hardware"
        unlisted = kind is None and _unlisted_device(s, cue)
        if kind is None and cue.finding == "screw position" and not cue.anaphora \
                and re.match(r"(?:abut|indent|contact|touch|imping|distort|deform|press)", e.text, re.I):
            continue  # pressing on the sac or a root with no implant named is a disc's or a bone's: "small right paracentral
            # protrusion at T7-8 indenting the thecal sac"
        if kind is None and cue.finding == "fracture" and not cue.anaphora and not unlisted and not _counted_breaks(s, e):
            continue  # "a crack in her back": a fracture of no implant is not a hardware finding (but "sublaminar wire
            # breakage" and "a complete magnet fracture" are fractures of hardware the case format does not list, and a
            # cohort's counted breaks are its implants': "12 patients (20.3%) had a total of 18 breaks")
        if kind is None and not cue.anaphora and cue.family == "migration" and not s.of("IMPLANT") \
                and (any(x.meta.get("family") == "fracture" for x in s.of("FINDING"))
                     or any(re.search(r"fractur", x.text, re.I) for x in s.ignored) or re.match(r"retropuls", e.text, re.I)):
            continue  # "Most fractures (n = 8) were Roy-Camille type II (anterior displacement ...)", "compression fracture
            # of the L2 superior endplate ..., no retropulsion", a trauma report's "No retropulsion.": the bone's displacement
        if kind is None and not cue.anaphora and not s.of("IMPLANT") and (
                _SPINE_MOVEMENT.match(e.text) or (_JOINT_DISLOCATION.match(e.text) and not _PROSTHESIS_PART.search(s.text))):
            continue  # "Cervical lordosis maintained. No subluxation.": the spine's alignment
        if kind is None and not cue.anaphora and not _reported(s, cue) and not (unlisted and _predicative(s, e)):
            continue  # "subsidence did not correlate with ...", "a halo for 3 months": no implant, nothing observed
        if kind is None and not cue.anaphora and _PLACE_OR_MOVE.match(e.text) and not _MISPLACED.search(e.text) \
                and not (cue.finding == "migration" and _moved_by_itself(s, cue)):
            continue  # where something lies or that it moved, with no implant named: "the root was identified in the
            # foramen", "She was moved to her bed", "removed the pedicle overlying the outside of the disc" (not a device
            # outside the case format that moved itself: "The distal catheter fragment has retracted cranially", round 33)
        slots = list(m.slots) if m is not None and m.slots else [(None, [])]
        if cue.pairs:
            slots = list(cue.pairs)
        spans = list(base_spans) + ([m.head.span()] + [x.span() for x in m.items] if m is not None else [])
        for side, levels in slots:
            # where a lead lies is the level its own words give ("the right lead tip is at T7 and the left lead tip at mid
            # T8"), not one its implant words took from another's
            if cue.family == "overlying" and loose_levels and not set(loose_levels) <= {lv for _, g in slots for lv in g}:
                levels = list(loose_levels)
            said_after = any(x.label == "LEVEL" and x.start >= cue.ent.end for x in cue.extra)
            if kind == "Rod" and said_after and levels and loose_levels \
                    and {lv.name for lv in loose_levels} < {lv.name for lv in levels}:
                levels = list(loose_levels)  # where along its span it broke: "both T7-T11 rods are broken at T9"
            if loose_levels and m is not None and m.end <= e.start and _object_of_a_finding(s, m):
                levels = list(loose_levels)  # another finding's implant, at this one's own level: "lateral migration of
                # the L4-5 cage and subsidence at L3-4"
            levels = list(levels) or list(loose_levels)
            if not levels and fallback_levels and (kind in SCREWS | {"SetScrew", "Hook", None} or (
                    cue.family == "overlying" and cue.finding == "lead position")):
                levels = fallback_levels  # (and where a lead's tips are: "their tips at the superior endplate of T8")
            if not levels and kind == "InterbodyCage":
                levels = _operation_levels(s, "procedure")  # an interbody fusion's level is its cage's, if none is named
            if not levels and kind == "Hardware" and (m is None or _PROSTHESIS_WORD.search(m.head.text)):
                levels = _operation_levels(s, "arthroplasty")  # a disc arthroplasty's its prosthesis's, likewise
            if not levels and m is not None and kind in SCREWS and _S2_ALAR_ILIAC.search(m.head.text):
                # an S2 alar-iliac screw is at S2, as the guide's "left S2 alar-iliac screw" is, even when its name is
                # shortened (a level of its name, which no other finding borrows)
                levels = levels_in("S2")
            if side is None and cue.side:
                side = cue.side
            if side is None and m is not None and s.word(m.start - 1) == "neither" and levels and kind in SIDED \
                    and not m.plural and not ((x := s.ent(m.end)) is not None and x.label == "FINDING"):
                side = "Bilateral"  # the two of a level's pair: "Neither S1 screw shows any lucency" (not "neither rod
                # fracture nor ...", a finding's name; nor "neither rod", which the sets read both ways)
            sides: list[str | None]
            pairs = cue.dir_by_side or cue.mm_by_side or dict.fromkeys(cue.side_list)
            if not pairs and side is None and cue.finding == "rod connector" and kind in ("Rod", "RodToRodConnector"):
                conn_sides = [c["side"] for c in connectors if c["side"]]
                if len(conn_sides) > 1:
                    side = "Bilateral"
                elif conn_sides:
                    side = conn_sides[0].capitalize()
            if pairs and side == "Bilateral" and (kind in SIDED or kind is None):
                # both implants, the measure or way of one of them: "lucency surrounding both S1 screws, measuring up
                # to 3 mm on the right"
                sides = ["Left", "Right", *(["Midline"] if "Midline" in pairs else [])]
            elif pairs and side in (None, "Bilateral"):  # ("5mm on both sides": a measure of each side)
                sides = [sd for sd in ("Left", "Right", "Midline") if sd in pairs
                         or (sd != "Midline" and "Bilateral" in pairs)]
            elif side == "Bilateral" and (kind in SIDED or kind is None):
                sides = ["Left", "Right"]
            else:
                sides = [side]
            distinct = list({lv.name: lv for lv in levels}.values())  # "the C2 cables have pulled out of C2": C2 once
            if kind == "InterbodyCage" and len(distinct) == 1 and _CORPECTOMY.search(s.text or ""):
                distinct = []  # a corpectomy names the vertebra it removed, not a level of its cage: "The T12 corpectomy
                # cage has subsided 5 mm into the superior endplate of L1"
            if kind in SCREWS or kind == "SetScrew":
                level_groups = [[lv] for lv in distinct] or [[]]
            elif cue.finding == "lead position" and len(distinct) > 1 and len(apart := [
                    _ent_levels(x) for x in cue.extra if x.label == "LEVEL" and len(_ent_levels(x)) > 1]) > 1 \
                    and {lv.name for g in apart for lv in g} == {lv.name for lv in distinct}:
                level_groups = apart  # spans written apart: "Paddle leads lay at T8-T10 in 19 patients and at T9-T11 in 7"
            elif cue.finding == "lead position" and len(distinct) > 1:
                level_groups = _runs(distinct)  # where leads lie, each place written apart: "lead tips at T8 and T10"
            elif kind == "InterbodyCage" and len(segments := [_ent_levels(x) for x in cue.extra if x.label == "LEVEL"
                                                              and len(_ent_levels(x)) == 2]) > 1 \
                    and {lv.name for g in segments for lv in g} == {lv.name for lv in distinct}:
                level_groups = segments  # a cage at each segment written apart: "no cage subsidence at C4-C5 or C5-C6"
            else:  # an unnamed implant over levels is one fact of their span: "All wire fractures occurred
                # between C1 and T1"
                level_groups = [distinct]
            for sd in sides:
                for lg in level_groups:
                    f = Fact(cue.finding or cue.family, IMPLANT_WORDS.get(kind) if kind else None, kind,
                             span_name(lg), SIDE_WORDS.get(sd) if sd else None, status=cue.status,
                             spans=spans, historical=e.historical, hypothetical=e.hypothetical, cue=e.start,
                             mention=m.head.start if m is not None else -1, generic=cue.generic,
                             clause=cue.statement)
                    if f.side == "bilateral":
                        f.side = None
                    f.mm = (cue.mm_by_side.get(sd, cue.mm_by_side.get("Bilateral")) if side == "Bilateral" and cue.mm_by_side
                            else cue.mm_by_side.get(sd, cue.mm) if sd else cue.mm)
                    if respectively and n_made < len(cue.mm_list):
                        f.mm = cue.mm_list[n_made]
                    n_made += 1
                    direction = cue.dir_by_side.get(sd, cue.direction) if sd else cue.direction
                    f.direction = direction.lower() if direction and f.finding in _FAMILIES_WITH_DIRECTION else None
                    f.relative_to = cue.relative_to if f.finding == "screw position" else None
                    f.location = cue.location if f.finding == "lead position" else None
                    if f.finding == "lucency" and "double" in e.text.lower():
                        f.double_halo = True
                    if m is not None and m.kind == "Rod":
                        f.qualifier = m.qualifier
                    if f.finding == "rod connector":
                        f.subluxed = True if cue.family in ("sublux", "migration") else None
                        f.secured = False if cue.family in ("unsecured", "disconnect") else None
                        conn = _connector_for(f, connectors)
                        if conn is not None:
                            f.connector = {"level": conn["level"], "side": conn["side"]}
                            if f.level is None:
                                f.level = conn["level"]
                        if kind == "RodToRodConnector":
                            f.implant, f.kind = "rod", "Rod"
                            f.qualifier = None
                    out.append(f)
    return out


def _connector_for(f: Fact, connectors: list[dict]) -> dict | None:
    same = [c for c in connectors if c["side"] == f.side] or [c for c in connectors if c["side"] is None]
    if f.level:
        exact = [c for c in same if c["level"] == f.level]
        same = exact or same
    return same[0] if same else None



def _restates(s: _Sentence | None, f: Fact) -> bool:
    """Are f's finding words an interpretation of what the sentence already said ("... consistent with rod fracture")?"""
    return s is not None and any(s.word(i) in _RESTATING for i in range(f.cue - 4, f.cue))


_DEVICE_WORD = re.compile(r"\b(?:devices?|components?|instruments?)\b", re.I)
_UMBRELLA_WORD = re.compile(r"\b(?:hardware|implants?|instrumentation|constructs?)\b", re.I)


def _denied_apart(f: Fact, lucent: list[Fact], s: _Sentence | None) -> bool:
    """Is a loosening denied in words of its own, joined to the denied lucency by "or" ("No lucency or other evidence of
    hardware loosening"), not as what the lucency would suggest ("no lucency to suggest loosening")?"""
    if s is None or f.status != "negated":
        return False
    # (or in a denial of its own after a comma: "No lucency about the screws, no evidence of loosening, fracture or
    # migration of the hardware")
    # (or "nor": "neither surrounding lucency nor evidence of loosening")
    return any(g.cue < f.cue and {"or", "no", "nil", "without", "nor"} & {s.word(i) for i in range(g.cue + 1, f.cue)}
               for g in lucent)


_DISPLACEMENT_CUE = re.compile(r"(?:displacement|offset)$", re.I)  # (not a fragment "displaced posteriorly", which moved)


def _finding_text(f: Fact) -> str:
    """The words of the fact's finding."""
    return next((sp["text"] for sp in f.spans if sp["label"] == "FINDING"), "")


def _fragments_of(f: Fact) -> bool:
    """Is the fact a fracture read from its fragments ("the rod fragments are minimally offset"), the fracture the sentence
    has named?"""
    return f.finding == "fracture" and _finding_text(f).lower().startswith("fragment")


def _merge(facts: list[Fact], s: _Sentence | None = None) -> list[Fact]:
    """One fact per finding and implant in a sentence: join "subluxed ... and not secured"; keep a loosening
    read beside a lucency about the same screw ("..., compatible with loosening") as a fact of its own,
    unless the lucency is denied ("no lucency to suggest loosening"); drop a "device" fact that says again a named
    implant's finding."""
    out: list[Fact] = []
    for f in facts:
        # in another clause, another status or direction is another finding: "three screws were placed inferiorly
        # ..., and one screw was inserted too medially", "the subsidence rate was 8.1% ..., while no subsidence was
        # detected in [the other group]"
        # and in one clause, a denied finding beside an affirmed one is another finding too: "patients with PS loosening
        # ... and the other without PS loosening"
        # (a general statement and a finding of the patient are two: "... reduced migration, with one subject showing
        # 1.9 mm migration")
        # (two finding phrases with their own directions about other implant words are two: "lateral screw misplacement was
        # observed in 59 screws and medial pedicle wall violation in 28 screws"; not "medial breach of the L4 screw into
        # the lateral recess")
        # (two movements of one implant, each with its way, are two: "had migrated cephalad and exited the spine via the
        # foramina")
        # (nor two implants that moved by distances of their own: "the cranial screws had backed out 3 mm and the caudal
        # screws 5 mm")
        twin = next((g for g in out if g.key() == f.key() and (g.generic is None) == (f.generic is None)
                     and not (g.mention != f.mention and g.mm is not None and f.mm is not None and g.mm != f.mm)
                     and not (g.cue != f.cue and (g.mention != f.mention or f.finding == "migration") and g.direction
                              and f.direction and g.direction != f.direction) and (
            (g.clause == f.clause and (g.status == f.status or "negated" not in (g.status, f.status))) or (
                g.status == f.status and (g.direction is None or f.direction is None or g.direction == f.direction)))), None)
        if twin is not None:
            for attr in ("direction", "mm", "relative_to", "location", "subluxed", "secured", "double_halo",
                         "qualifier", "connector"):
                if getattr(twin, attr) is None and getattr(f, attr) is not None:
                    setattr(twin, attr, getattr(f, attr))
            twin.spans = twin.spans + [sp for sp in f.spans if sp not in twin.spans]
            continue
        out.append(f)
    # the displacement of a fractured implant is its fracture's: "the right rod is also fractured at L1-L2, with approximately
    # 3 mm of displacement"
    # (a denied displacement beside a denied fracture is a finding of its own: "No lucency, fracture or displacement of the
    # anterior cervical hardware")
    for f in [f for f in out if f.finding == "migration" and f.status != "negated" and _DISPLACEMENT_CUE.match(_finding_text(f))]:
        broken = [g for g in out if g.finding == "fracture" and g.kind == f.kind and g.status == f.status
                  and (g.level, g.side) == (f.level, f.side) and g.cue < f.cue]
        if broken:
            if broken[0].mm is None:
                broken[0].mm = f.mm
            out.remove(f)
    # a lucent line through a rod read as its fracture is the fracture, where the line is: "a lucent line through the left
    # rod at L4, worrisome for rod fracture" (a rod has no bone around it to loosen in)
    rod_breaks = [g for g in out if g.finding == "fracture" and g.kind == "Rod"]
    for f in [f for f in out if f.finding == "lucency" and f.kind == "Rod" and rod_breaks]:
        for g in rod_breaks:
            if g.level is None and g.side is None:
                g.level, g.side = f.level, f.side
            g.spans = g.spans + [sp for sp in f.spans if sp not in g.spans]
        out.remove(f)
    specific = []
    for f in out:
        # an unplaced fact says again what a placed one of the same finding words says ("lucency about the screws,
        # most at the left L5 screw"); another finding phrase ("S2AI screw loosening and S1 pedicle screw
        # loosening") is a fact of its own
        # (a hedged interpretation of a finding the sentence described is that finding, no firmer than the hedge: "a
        # discontinuity of the plate at C5, suspicious for plate fracture")
        hedged = f.status == "uncertain" and _restates(s, f)
        if f.level is None and f.side is None and any(
                g is not f and g.finding == f.finding and (g.status == f.status or (hedged and g.status == "affirmed"))
                and (g.cue == f.cue or f.implant is None or (g.mention == f.mention and f.mention >= 0) or _restates(s, f)
                     or _fragments_of(f))
                and (g.implant == f.implant or f.implant is None or (f.kind in SCREWS and g.kind in SCREWS))
                and (g.level is not None or g.side is not None) for g in out):
            for g in out:
                if g is not f and g.finding == f.finding and (g.level is not None or g.side is not None):
                    if hedged and g.status == "affirmed" and g.cue < f.cue:
                        g.status = "uncertain"
                    g.spans = g.spans + [sp for sp in f.spans if sp not in g.spans]
                    for attr in ("direction", "mm", "relative_to", "location", "subluxed", "secured"):
                        if getattr(g, attr) is None and getattr(f, attr) is not None:
                            setattr(g, attr, getattr(f, attr))
            continue
        specific.append(f)
    # "device" (or "component") says again what a named implant's finding says: "Migration of spinal pedicle screw with
    # aerodigestive perforation and subsequent device expectoration" (not "implant" or "hardware", which in a cohort's
    # list name another count: "slippage of the cage, ..., acute implant extrusion")
    named = [g for g in specific if g.kind not in ("Hardware", "Device")]
    out = [f for f in specific if not (
        f.kind in ("Hardware", "Device") and f.level is None and f.side is None
        and any(_DEVICE_WORD.search(sp["text"]) for sp in f.spans)
        and not any(_UMBRELLA_WORD.search(sp["text"]) for sp in f.spans)
        and any(g.finding == f.finding and g.status == f.status and (g.generic is None) == (f.generic is None)
                for g in named))]
    lucent = [f for f in out if f.finding == "lucency"]
    kept: list[Fact] = []
    for f in out:
        # (a lucency about another kind of implant is not what the loosening was read from: "no loosening of the pedicle
        # screws and no lucency around the rods", round 32)
        twins = [g for g in lucent if (g.level == f.level or f.level is None) and (g.side == f.side or f.side is None)
                 and (f.kind is None or g.kind == f.kind)]
        if f.finding == "loosening" and twins:
            # the width belongs to the lucency ("loosening ... with surrounding lucency of 3 mm")
            for g in twins:
                if g.mm is None and f.mm is not None:
                    g.mm = f.mm
            f.mm = None
            if all(g.status == "negated" for g in twins) and not _denied_apart(f, twins, s):
                continue  # what a lucency would suggest, and there is none: "no lucency to suggest loosening"
            if f.status == "affirmed" and all(g.status == "uncertain" for g in twins):
                f.status = "uncertain"  # "possible lucency ..., compatible with loosening": no firmer than the lucency
            if f.implant is None and f.level is None and f.side is None:
                # "periscrew lucency at L4 on the right, suspicious for loosening": the loosening of what the lucency is about
                kept.extend(replace(f, implant=g.implant, kind=g.kind, level=g.level, side=g.side)
                            for g in twins if g.status != "negated")
                continue
        kept.append(f)
    return kept
