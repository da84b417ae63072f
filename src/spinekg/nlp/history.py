"""The history a report states: procedures with their levels and approach, the time since surgery, the
study's modality, and symptoms ("for back pain"). The study's date and the earlier studies it was compared with are
`studies.py`'s.

Read from every section (clinical history, technique and findings alike), one sentence at a time, with
plain patterns; each entry keeps the sentence it came from. The case layer turns them into the case's
`procedures`, `studies` and `patient.symptoms`, unless `--context` gives those.

What a sentence says in general ("Transforaminal lumbar interbody fusion is a popular procedure ...",
"Implant migration after ACDF can damage ...": `vocabulary.GENERIC_STATEMENTS`) is not this patient's
history; nor is a procedure that was only planned, a time that the sentence does not tie to an operation
("7 days before", "an MRI one month earlier"), or a symptom the sentence denies or only suspects.
"""
from __future__ import annotations

import re

from .levels import ORDINALS, levels_in, span_name
from .prefilter import FastAlternation, FastPattern, fast
from .statements import KEYWORDS, fast_alternation
from .vocabulary import GENERIC_STATEMENTS

_LV = r"(?:[CTLS]-?(?:1[0-2]|[1-9]))(?![\w])"
_SPAN = rf"(?:{_LV}(?:\s*(?:-|–|—|/|to|through)\s*(?:{_LV}|(?:1[0-2]|[1-9])(?![\w])|(?:the\s+)?(?:sacrum|pelvis)))*"
_SPAN += rf"(?:\s*-\s*(?:{_LV}|(?:1[0-2]|[1-9])(?![\w])))*)"
# words that may stand between an approach and the operation: "posterior cervical C1-C2 fusion",
# "posterolateral L4-S1 instrumented fusion", "posterior spine fusion", "anterior lumbar interbody fusion"
_MOD = (r"(?:(?:spinal|spine|instrumented|lumbar|cervical|thoracic|thoracolumbar|lumbosacral|interbody|segmental|"
        r"minimally\s+invasive|percutaneous|open|multilevel|multi-level|single-level|two-level|one-level|decompression\s+and|"
        r"discectomy\s+and|surgical|internal|atlanto-?axial|occipito-?cervical|OC|polyaxial|screw-rod|[CTLS]\d{1,2}(?:\s*[-–/]\s*[CTLS]?\d{1,2})*)\s+){0,4}")
_OPERATION = r"(?:fusion|arthrodesis|spondylodesis|(?:screw\s+)?fixation|instrumentation|stabili[sz]ation|plating)"
_IMPLANT = (r"(?:hardware|instrumentation|implants?|devices?|constructs?|screws?|rods?|plates?|cages?|spacers?|crosslinks?|connectors?|hooks?"
            r"|(?:implanted\s+)?systems?|IPS|ISD|leads?|electrodes?|IPG|pulse\s+generator|"
            r"battery|(?:spinal\s+cord\s+)?stimulator|SCS(?:\s+system)?|internal\s+fixation|fixation|osteosynthesis|"
            r"segmental\s+fixation|fixator|metalwork)")
# the screws of a posterior fixation, by their kind: "transpedicular screw fixation", "C1 lateral mass screw fixation",
# "cervical pedicle screw (CPS) fixation", "sacral alar iliac screw fixation", "screws and rod fixation"
_SCREW_KIND = (r"(?:(?:percutaneous|cervical|thoracic|lumbar|lumbosacral|cement-augmented)\s+)*(?:pedicle|pedicular|transpedicul(?:ar|e)|"
               r"lateral\s+mass|transarticular|(?:trans)?laminar|(?:sacral[\s-]+alar[\s-]+)?iliac|pars|(?-i:PPS|CPS|PS|TPS|LMS|SAI|S2AI))")
_STIMULATOR = (r"(?:SCS|spinal\s+cord\s+stimulator|(?:neuro)?stimulator|dorsal\s+column\s+stimulator|(?-i:ONS|SNM)|"
               r"(?:sacral|occipital)\s+(?:nerve\s+)?(?:neuromodulation|stimulation)\s+(?:device|system))(?:\s*\(\w+\))?")
PROCEDURES = [
    # (pattern, procedure type); the first that matches a phrase wins
    (rf"\b(?:anterior|ventral)[\s-]+(?:and[\s-]+)?(?:posterior|dorsal)\s+{_MOD}{_OPERATION}(?:\s+and\s+fusion)?"
     rf"|\bcombined\s+anterior\s+and\s+posterior\s+{_MOD}{_OPERATION}|\bcircumferential\s+{_MOD}fusion\b"
     rf"|\bantero-?posterior\s+{_MOD}(?:fusion|arthrodesis|spondylodesis)\b", "anterior+posterior"),
    (rf"\b(?:ACDFP?|ALIF|anterior\s+cervical\s+(?:disc(?:ectomy)?\s+(?:and\s+)?)?fusion|anterior\s+cervical\s+"
     rf"decompression\s+and\s+fusion|anterior\s+cervical\s+discectomy(?:\s+and\s+fusion)?|anterior\s+{_MOD}(?:plate\s+)?"
     rf"(?:fusion|arthrodesis|plating|plate\s+fixation)|anterior\s+(?:[CTLS]\d{{1,2}}[-–][CTLS]?\d{{1,2}}\s+)(?:interbody\s+)?fusion"
     rf"|(?:cervical\s+(?:spine\s+)?)?stabili[sz]ation\s+with\s+(?:an?\s+)?(?:anterior\s+)?(?:cervical\s+)?plat(?:e|ing)"
     rf"|anterior\s+(?:cervical\s+|spinal\s+|spine\s+)?instrumentation(?!\s+(?:procedures?|surger(?:y|ies)|systems?|techniques?))"
     rf"|(?:plac(?:ed|ing)|insert(?:ed|ing))\s+(?:an?\s+|the\s+)?anterior\s+(?:cervical\s+)?(?:locked\s+|locking\s+)?plate)\b",
     "anterior fusion"),
    (rf"\b(?:TLIF|PLIF|transforaminal\s+(?:lumbar\s+)?interbody\s+fusion|posterior\s+lumbar\s+interbody\s+fusion|"
     rf"(?:posterior|posterolateral|dorsal)\s+{_MOD}(?:fusions?|arthrodesis|spondylodesis|(?:screw\s+)?fixation|stabili[sz]ation"
     rf"|plat(?:ing|es?)"
     rf"|(?:re-?)?instrumentation(?!\s+(?:procedures?|surger(?:y|ies)|systems?|techniques?)))"
     rf"|segmental\s+(?:spinal\s+|spine\s+)?instrumentation(?!\s+(?:procedures?|surger(?:y|ies)|systems?|techniques?))|"
     rf"(?-i:PSI?F|PLF)|{_SCREW_KIND}\s+screws?(?:[\s/-]+(?:and\s+)?rods?)?\s+(?:fixations?|instrumentation|stabili[sz]ation)"
     rf"|(?:transpedicul(?:ar|e)|pedicular|lateral\s+mass|screw[\s-]+rod|pedicle\s+screw[\s/-]+(?:and\s+)?rod|(?-i:PPS|CPS|PS|TPS))\s+"
     rf"(?:(?:lumbar|lumbosacral|thoracolumbar|cervical|spinal)\s+)?(?:fixation|instrumentation|stabili[sz]ation)"
     rf"|(?:fixation|stabili[sz]ation|instrumentation|fixated|fixed|stabili[sz]ed|instrumented)\s+(?:[\w-]+\s+){{0,6}}?(?:with|using|by)\s+"
     rf"(?:(?:[\w-]+|\d\.\d)\s+){{0,2}}?(?:pedicle|pedicular|transpedicular|lateral\s+mass)\s+screws?"
     rf"|posterior\s+screw\s+fixation|lumbosacral\s+arthrodesis|"
     rf"(?:pedicle|pedicular|transpedicular|lateral\s+mass)\s+screws?\s+(?:[\w-]+\s+){{0,4}}?(?:were|was|have\s+been|had\s+been)\s+"
     rf"(?:\w+ly\s+|then\s+)?(?:inserted|placed|implanted)|"
     # a caption's participle ("Pedicle screw inserted bilateral T7, T8"), not a statistic's ("accuracy ... for screws placed")
     rf"(?<!for\s)(?<!of\s)(?<!in\s)(?<!with\s)(?:pedicle|pedicular|transpedicular|lateral\s+mass)\s+screws?\s+(?:\w+ly\s+)?"
     rf"(?:inserted|placed|implanted)|(?:received|underwent)\s+(?:\d+\s+)?(?:[\w-]+\s+){{0,2}}?(?:pedicle|lateral\s+mass)"
     rf"\s+screws?(?!\s+removal)|(?:spino|lumbo|sacro)pelvic\s+fixation|atlanto-?axial\s+(?:transarticular\s+)?(?:screw\s+)?(?:fixation|fusion|arthrodesis"
     rf"|insertion|stabili[sz]ation)|posterior\s+(?:[CTLS]\d{{1,2}}\s*[-–]\s*[CTLS]?\d{{1,2}}\s+)"
     rf"(?:spinal\s+|instrumented\s+|vertebral\s+)?fusion)\b",
     "posterior fusion"),
    (rf"\b(?:(?:{_STIMULATOR}|lead|electrode)s?(?:\s+system)?\s+(?:implant(?:ation)?|insertion|placement|replacement)|"
     rf"implantation\s+of\s+(?:a\s+|an\s+|the\s+|one\s+|two\s+)?(?:[\w-]+\s+){{0,2}}?(?:{_STIMULATOR}|(?:spinal\s+cord\s+)?"
     rf"stimulation\s+(?:system|leads?|electrodes?)|(?:paddle\s+)?(?:leads?|electrodes?))|"
     # "percutaneous placement of a permanent SCS", "paddle placement", "proper lead positioning of both electrodes",
     # "Permanent implantation, bilateral L1-2" (not "prior to permanent implantation"), "surgery for spinal cord stimulation"
     rf"placement\s+of\s+(?:a\s+|an\s+|the\s+)?(?:permanent\s+|new\s+)?(?:{_STIMULATOR}|paddle|leads?)|paddle\s+placement|"
     rf"(?:lead|electrode)\s+(?:re)?positioning|(?<!to\s)(?<!before\s)permanent\s+implantation|"
     rf"(?:surgery|operation)\s+for\s+(?:spinal\s+cord\s+)?stimulation|"
     rf"{_STIMULATOR}(?:\s+system)?\s+(?:was\s+|were\s+|being\s+)?(?:implanted|inserted|placed)|"
     # (not "underwent implant removal")
     rf"(?:underwent|had)\s+(?:the\s+|a\s+|an\s+)?(?:{_STIMULATOR}(?:\s+system)?\s+)?implant(?:ation|ed)?"
     rf"(?!\s+(?:removal|explantation|extraction|retrieval|failure|loosening))|"
     rf"percutaneous\s+implantation|(?:re-?)?implanted\s+with\s+(?:[\w-]+\s+){{0,6}}?(?:leads?|electrodes?|stimulators?|SCS|IPGs?|DRG|stimulation|systems?)|"
     # "a fully implanted SCS", "permanently implanted spinal cord stimulators", "One lead was implanted on ...", "the leads
     # were inserted", "underwent SCS trialing"
     rf"(?:fully|permanently|surgically|bilaterally|percutaneously)\s+implanted\s+(?:[\w-]+\s+){{0,3}}?(?:{_STIMULATOR}|leads?|electrodes?)|"
     rf"(?<!monitoring\s)(?<!needle\s)(?<!recording\s)(?<!ECG\s)(?<!EMG\s)(?:leads?|electrodes?)\s+(?:was|were)\s+(?:\w+ly\s+)?"
     rf"(?:implanted|inserted|placed)|"
     rf"(?:underwent|undergoing|after|following)\s+(?:an?\s+)?(?:SCS|stimulator)\s+trial(?:ing)?|"
     rf"spinal\s+cord\s+stimulation\s+for|(?:history\s+of|underwent)\s+(?:[\w,]+\s+){{0,3}}?"
     rf"{_STIMULATOR}\s+(?:treatment|therapy))\b", "stimulator implantation"),
    (rf"\b(?:(?:removal|explantation|extraction|retrieval)\s+of\s+(?:the\s+|all\s+|both\s+)?(?:[\w-]+\s+){{0,4}}?{_IMPLANT}|"
     rf"(?:get|got|have|had|having)\s+(?:the|my|his|her|all|both)\s+(?:\w+\s+){{0,2}}?{_IMPLANT}\s+(?:\w+ly\s+)?removed|"
     rf"(?:hardware\s+)?removal\s+(?:surgery|operation|procedure)|"
     rf"{_IMPLANT}\s+(?:\w+\s+){{0,3}}?(?:was|were|had\s+been|has\s+been|have\s+been)\s+(?:\w+ly\s+)?(?:removed|explanted|extracted)|"
     rf"(?:to\s+)?remove\s+the\s+(?:\w+\s+){{0,2}}?{_IMPLANT}|(?:removed|removing|explanted|extracted)\s+(?:the|all|both|his|her)\s+"
     rf"(?:\w+\s+){{0,2}}?{_IMPLANT}|"
     rf"(?:hardware|implant|screw|instrumentation|lead|IPG|plate|rod|cage|mesh|stimulator|device|IPS|ISD|spacer)\s+(?:removal|explantation|extraction|retrieval)"
     rf"|(?:underwent|had)\s+(?:an?\s+)?explant(?:ation)?|(?:was|were|been)\s+explanted(?=\s+(?:and|,|\.|$)))\b",
     "hardware removal"),
    (r"\b(?:(?:instrumented|spinal|lumbar|cervical|thoracolumbar|thoracic|vertebral|corrective|long|interbody|"
     r"circumferential|percutaneous)\s+)*(?:fusions?|arthrodesis|spondylodesis)\b|\b(?:SA-)?(?:OLIF|XLIF|LLIF|DLIF|D-LIF)\b"
     # a fixation named by the span it holds: "s/p T11-L3 fixation", "L4-S1 instrumentation"
     r"|\b[CTLS]\d{1,2}\s*[-–]\s*(?:[CTLS]?\d{1,2}|sacrum|pelvis|ilium)\s+(?:(?:spinal|segmental|pedicle\s+screw|screw)\s+)?"
     r"(?:fixation|instrumentation|stabili[sz]ation)\b", "fusion"),
]
_PROC = [(fast(re.compile(p, re.I)), t) for p, t in PROCEDURES]
_LATERAL = re.compile(r"(?:SA-)?(?:OLIF|XLIF|LLIF|DLIF|D-LIF)", re.I)
_NOT_A_PROCEDURE = re.compile(r"\b(?:fusion\s+(?:mass|rate|range|status|level|cage|rod|area|segments?|zone|bed)|bony\s+fusion|"
                              r"bone\s+fusion|solid\s+(?:\w+\s+)?fusion|interbody\s+fusion\s+was\s+not|"
                              r"fusion\s+was\s+(?:achieved|solid|not|obtained|complete)|failure\s+of\s+(?:the\s+)?fusion|"
                              r"fusion\s+rates?|(?:fusion|arthrodesis)\s+(?:is|are|was|were)\s+(?:\w+ly\s+)?(?:noted|observed|seen|confirmed"
                              r"|assessed|evaluated|present|demonstrated)|bone?y\s+fusion|"
                              r"(?:fusion|arthrodesis)\s+(?:seemed|seems|appeared|appears|was|is|remained)\s+(?:\w+\s+)?"
                              r"(?:stable|solid|intact|complete|incomplete|partial|mature|achieved|healed|united)|"
                              r"(?:successful|poor|good|incomplete|complete|post-?operative|radiographic|osseous|mature|"
                              r"solid)\s+(?:(?:bony|osseous|interbody|posterolateral|bone)\s+)?(?:fusion|arthrodesis)|"
                              # "no bridging bone across the L5-S1 disc space to indicate fusion"
                              r"(?:indicate|indicating|suggest|suggesting|confirm|confirming)\s+(?:a\s+|solid\s+)?fusion|"
                              r"fracture\s+fusion|"
                              r"(?:achieve|achieved|achieving)\s+(?:\w+\s+)?(?:fusion|arthrodesis)|fusion\s+to\s+complete|"
                              r"space\s+fusion|fusion\s+(?:instrumentation|hardware|procedures|surgeries)|"
                              r"fusion\s+failures?|failed\s+fusions?|segmentation[\s-]+fusion|fusion\s+anomal\w*|fusion\s*\(\s*(?:segmentation|congenital)|"
                              r"(?:congenital|spontaneous|block)\s+(?:vertebral\s+)?fusion|"
                              r"fusion\s+of\s+(?:the\s+)?(?:[CTLS]\d{1,2}\s+(?:and|to|-)\s+[CTLS]\d{1,2}\s+)?(?:\w+\s+)?(?:vertebrae|vertebral\s+bodies"
                              r"|transverse\s+processes|facet\s+joints|spinous\s+processes|segments)|"
                              r"fusion\s+(?:at|of)\s+the\s+(?:\w+\s+)?site|length\s+of\s+(?:the\s+)?(?:spinal\s+)?fusion|"
                              r"fusions?\s+(?:that\s+)?(?:broke|deteriorat\w*|is\s+solidifying|is\s+healing)|"
                              r"(?:progress|solidity|solidification|status)\s+of\s+(?:my|the|his|her)\s+fusion|"
                              r"(?:lumbopelvic\s+|pelvic\s+)?fixation\s+failure(?:\s+rates?)?|\d+[\s-]+levels?\s+fusion|"
                              r"(?:evaluating|assessing|assessment\s+of|interpretation\s+of)\s+(?:\w+\s+)?fusions?|"
                              # the fusion as bone that has healed, not the operation: "evidence of fusion", "solid C5-C6
                              # interbody allograft fusion", "fusion across the graft", "Bony fusion occurred"
                              r"evidence\s+of\s+(?:(?:bony|osseous|solid|radiographic|early|successful)\s+)?(?:fusion|arthrodesis)|solid\s+(?:(?:[CTLS]\d[\w–-]*|interbody|allograft|autograft|bony|osseous|bone|graft)\s+){0,4}?(?:fusion|arthrodesis)|"
                              r"(?:fusion|arthrodesis)\s+(?:across|inside|(?:having\s+)?occurred|occurs|follows|duration)|non-?fusion|"
                              r"(?:consistent|compatible)\s+with\s+(?:(?:solid|bony|osseous|complete|successful)\s+)?(?:fusion|arthrodesis)\b"
                              r"(?!\s+(?:procedure|surgery))|"
                              r"results?\s+of\s+(?:the\s+)?fusion|"
                              # a fusion in general: "an alternative to spinal fusion", "decompression without fusion", "fusion
                              # techniques", "fusion lengths"; and images fused, not vertebrae ("an erroneous image fusion")
                              r"(?:alternatives?\s+to|without|or)\s+(?:[\w-]+\s+){0,2}?fusion|"
                              r"fusion\s+(?:techniques?|methods?|devices?|lengths?)|(?:image|erroneous)\s+(?:image\s+)?fusions?)\b", re.I)
_FUSION_HARDWARE = re.compile(r"fusion\s+(?:instrumentation|hardware)", re.I)
_PLANNED = re.compile(r"\b(?:was|were|is|are)\s+(?:\w+ly\s+)?(?:planned|scheduled|recommended|proposed|considered|offered|advised|"
                      r"suggested|indicated\s+for)\b|\bwill\s+(?:be|undergo|have\s+to\s+be)\b|\bplan(?:ned)?\s+(?:for|to)\b|"
                      r"\bto\s+undergo\b|\bindications?\s+for\b|\bcandidate\s+for\b|\b(?:would\s+)?recommend(?:s|ed)?\b"
                      r"|\bin\s+the\s+future\b", re.I)
# "An anterior lumbar interbody fusion was suggested": what was advised after the operation's name
_PLANNED_AFTER = re.compile(r"\s+(?:will\s+(?:have\s+to\s+)?be\b|(?:was|were|is|are)\s+(?:\w+ly\s+)?(?:planned|scheduled|"
                            r"recommended|proposed|suggested|considered|offered|advised|indicated)\b)", re.I)
# a method, not a patient: "We present a stepwise technique for SCS implantation"
_A_TECHNIQUE = r"an?\s+(?:[\w-]+\s+){0,2}?(?:technique|method|approach)\b"
_GENERIC: list[FastAlternation | FastPattern] = [fast_alternation(GENERIC_STATEMENTS), fast(re.compile(
    r"\b(?:is|are)\s+(?:a|an)\s+(?:[\w-]+\s+){0,2}(?:procedure|technique|method|treatment|option|approach|component|tool)\b"
    r"|\b(?:is|are|has\s+become)\s+(?:widely|commonly|frequently|often|routinely|increasingly)\s+(?:used|performed|applied)\b"
    r"|\bone\s+of\s+the\s+most\s+(?:common|frequent|popular|widely)\b|\bwith\s+increasing\s+frequency\b"
    r"|\b(?:results|leads)\s+(?:in|to)\b|\bwell-(?:established|accepted)\b|\bbec(?:ame|omes?)\s+available\b"
    r"|\b(?:primary|main|standard|conventional|usual|typical)\s+(?:treatment|method|technique|procedure|implantation|approach)\b"
    r"|\b(?:has|have)\s+(?:\w+ly\s+)?been\s+(?:\w+ly\s+)?used\b|\bin\s+patients\s+with\b"
    # a procedure's standing in general: "ACDF has been widely performed", "OLIF is becoming the preferred treatment",
    # "represents the standard therapy", "have emerged as an alternative", "The use of a cage facilitates fusion",
    # "highlights the importance of vascular evaluation before OLIF", "The objective is to describe ..."
    r"|\b(?:has|have)\s+been\s+(?:widely|commonly|frequently|routinely|increasingly)\s+(?:performed|applied|adopted)\b"
    r"|\b(?:is|are)\s+becoming\s+(?:\w+ly\s+)?(?:popular|the\s+preferred|common|more|an?)\b|\bincreasingly\s+popular\b"
    r"|\b(?:has|have)\s+emerged\b|\bpreferred\s+(?:treatment|method|approach|technique|procedure)\b"
    r"|\brepresents?\s+the\s+(?:\w+\s+)?(?:standard|treatment|therapy)\b|\bstandard\s+(?:therapy|of\s+care)\b"
    r"|\bfacilitates\b|\bimportance\s+of\b|^\W*the\s+(?:objective|purpose|aim)\s+(?:is|was)\b"
    r"|\b(?:is|are)\s+(?:\w+ly\s+)?used\s+(?:in|for|to)\b|\b(?:has|have)\s+evolved\b|\bcommonplace\b|\boffers?\s+an?\b"
    rf"|\bnot\s+established\b|^\W*the\s+goal\s+of\b|\bwe\s+(?:propose|present)\s+{_A_TECHNIQUE}"
    r"|\b(?:usually|typically|generally)\s+(?:involves|includes|consists)\b|\bnecessitates\b"
    r"|\b(?:is|are)\s+(?:a|an)\s+(?:\w+\s+){0,3}(?:procedure|technique|method|treatment|option|approach)\b", re.I))]
# a sentence about this patient: these words outweigh a generic cue ("he underwent ... a rare complication")
_PATIENT = fast(re.compile(r"\b(?:underwent|undergoing|was\s+(?:treated|operated)|were\s+(?:treated|operated)|had\s+undergone|"
                      rf"(?:the|our|this)\s+patient|he|she|we\s+(?:present|report|describe)\b(?!\s+{_A_TECHNIQUE}))\b",
                      re.I))  # not "his or her"; not "we present a stepwise technique"
_NUM = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
        "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
        "eighteen": 18, "nineteen": 19, "a": 1, "an": 1}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60}
_NUM.update(_TENS)
_NUM.update({f"{t}-{u}": n + _NUM[u] for t, n in _TENS.items() for u in ("one", "two", "three", "four", "five", "six", "seven",
                                                                         "eight", "nine")})
_UNIT = r"(days?|weeks?|wks?|months?|mos?|years?|yrs?)"
_N = rf"(\d+(?:\.\d+)?|{'|'.join(sorted(_NUM, key=len, reverse=True))})"
_GAP = r"(?:[\s\u00a0\u2009\u202f-]|\?(?=[a-z]))+"  # "5 years", "5-year", "5?years" (a thin space lost in copying)
# a time tied to an operation: "... after/following <operation>", "<n> months postoperatively", "... ago" when the
# sentence names the operation
_AFTER_OP = (r"(?:surgery|operation|(?:the\s+)?(?:index|initial|first|primary)\s+(?:procedure|operation|surgery)|implantation|"
             r"(?:the\s+|a\s+|an\s+)?(?:[\w()/–-]+\s+){0,5}?(?:fusion|arthrodesis|ACDF|TLIF|PLIF|ALIF|XLIF|OLIF|LLIF|DLIF|PSI?F|PLF"
             r"|fixation|implantation|placement|"
             r"removal|insertion|instrumentation|surgery|operation|procedure|treatment|plating|stabili[sz]ation"
             r"|laminectom(?:y|ies)|laminoplast(?:y|ies)|discectom(?:y|ies)|corpectom(?:y|ies))\b)")
_INTERVAL = [fast(rx) for rx in [
    # (a cohort's average or first weeks is no one patient's interval: "at average 57.4 months post surgery", "within the
    # first 30 days post surgery")
    # (nor a bound of a cohort's times: "within 5 years after surgery", "for up to three years post-operatively", "a maximum
    # of 8 years postoperatively", "< 2 years")
    re.compile(rf"(?<![\d–-])(?<![\d][–-])(?<!\d\.)(?<!\baverage\s)(?<!\bmean\s)(?<!\bfirst\s)(?<!\bwithin\s)(?<!\bup\sto\s)"
               rf"(?<!\bminimum\sof\s)(?<!\bmaximum\sof\s)(?<![<>≤≥]\s)(?<![<>≤≥])\b{_N}{_GAP}{_UNIT}(?:\s+and\s+{_N}{_GAP}{_UNIT})?\s+(?:post-?operatively|post[\s-]?op|"
               rf"post-?surgery|post-?implantation|after\s+{_AFTER_OP}|following\s+{_AFTER_OP}|since\s+{_AFTER_OP}|"
               rf"past\s+{_AFTER_OP}|(?:have|has)\s+passed\s+since\s+{_AFTER_OP}|(?:status\s+post|s/p|post)\s+{_AFTER_OP}|"
               # a report's history line: "10 months out from L4-S1 fusion", "done 14 months back", "10 weeks post."
               rf"out\s+from\s+{_AFTER_OP}|(?:prior|before|earlier|ago|previously|later|back(?!\s+(?:pain|ache|surgery)))\b"
               rf"|(?:after|post)(?=\s*[,;.]))", re.I),
    re.compile(rf"\bat\s+(?:the\s+)?{_N}[\s-]+{_UNIT}\s+(?:post-?operative|after\s+{_AFTER_OP}|follow[\s-]?up\b)", re.I),
    re.compile(rf"\b(?:after|following)\s+{_N}\s+{_UNIT}(?:\s+(?:(?:of|since|from)\s+(?:the\s+)?(?:(?:initial|index|first|primary)\s+)?"
               rf"(?:surgery|operation|implantation)|"
               rf"of\s+follow[\s-]?up|post-?operatively)|(?=\s*[;.]))", re.I),
    # a follow-up time that opens the sentence ("At 3 months, there is no subsidence", "After 6 months, subsidence was
    # observed"), a follow-up visit ("her one year appointment", "has completed 48-month follow-up", "on 47 months follow-up")
    # (also without the comma, "After 6 months a CT showed ...", but not a duration: "After 6 months of physiotherapy")
    re.compile(rf"^\W*(?:however\s*,\s*)?(?:at|after)\s+(?:the\s+)?{_N}{_GAP}{_UNIT}(?:\s*,|\s+(?!of\b|in\b|from\b|and\b|or\b|to\b|following\b)"
               rf"(?=[a-z]))(?!\s*\d+\s+(?:of\s+(?:the\s+)?\d+\s+)?(?:patients|cases)\b)", re.I),
    re.compile(rf"\b(?:completed|at|on|during|after|his|her|the\s+patient's|the|of)\s+(?:a\s+|the\s+)?{_N}{_GAP}{_UNIT}'?\s+"
               rf"(?:follow[\s-]?up|appointment|visit|check[\s-]?up)\b", re.I),
    # a study named with its time: "a routine postoperative X-ray at three months", "the radiographic examination after 6
    # months", "lateral radiography at seven weeks", "two-week radiographs"
    re.compile(rf"\b(?:radiographs?|radiography|radiographic\s+(?:examination|evaluation|review)|x-?rays?|CT|MRI|films?|"
               rf"(?:CT|MRI?)\s+scans?)\s+(?:at|after)\s+{_N}{_GAP}{_UNIT}\b(?!\s+(?:and|or|to)\b|\s*,\s*{_N}\b)", re.I),
    re.compile(rf"(?<![\d.,–-])(?<![\d][–-])\b{_N}[\s-]{_UNIT}\s+(?:post-?operative\s+|follow[\s-]?up\s+)?"
               rf"(?:radiographs?|x-?rays?|CT|MRI|films?)\b(?!\s+(?:and|or)\s+\d)", re.I),
    # "Postop at 3 months", "Post operative (6 months) radiographs"
    re.compile(rf"\bpost[\s-]?op(?:erative(?:ly)?)?\s*(?:at\s+|\(\s*){_N}{_GAP}{_UNIT}\b", re.I),
]]  # (RE2 proposes where a time can start: `re` alone tries every "a" and "an" of the sentence as a number)
# a report's history line, in the ways clinicians write it: "ACDF C5/6 3/12 ago" (months), "TLIF 6/52 ago" (weeks), "PLIF 3/7
# ago" (days), "implanted yesterday", "Day 1 following C5-C7 ACDF", "L5-S1 ALIF 1 yr.", "ACDF C4-C6, 8 months."
_SLASH_INTERVAL = re.compile(r"(?<![\w/.])(\d{1,2})\s*/\s*(12|52|7)(?![\d/])"
                             r"(?=\s*(?:ago|post|back|prior|earlier|previously|[.;,)]|$))", re.I)
_SLASH_UNIT = {"12": "month", "52": "week", "7": "day"}
_YESTERDAY = re.compile(r"\byesterday\b", re.I)
_NOT_THE_OPERATION = re.compile(r"\b(?:fall|fell|fallen|injury|injured|accident|trauma|lifting|twist\w*|slip\w*)\b[^.;]{0,25}$"
                                r"|\bsince\s+$", re.I)  # "a fall yesterday", "leg pain since yesterday"
_DAY_AFTER = re.compile(r"\bday\s+(\d{1,3})\s+(?:post[\s-]?op(?:erative(?:ly)?)?|post|after|following)\b", re.I)
_LINE_END_INTERVAL = fast(re.compile(rf"(?<=\s){_N}{_GAP}{_UNIT}"
                                     r"(?=\s*(?:[.;)]|,\s|$|(?:post[\s-]?op\w*|follow[\s-]?up|review)\b))", re.I))
_LINE_END_BEFORE = re.compile(r".*,$|(?:ACDF|ALIF|TLIF|PLIF|XLIF|OLIF|LLIF|DLIF|PSI?F|PLF|fusion|fixation|arthroplasty|SCS|"
                              r"[CTLS]\d{1,2}(?:\s*[-–/]\s*[CTLS]?\d{1,2})?)$", re.I)
# a study done at set times (with a list of times: an imaging schedule, no one patient's interval)
_ACQUIRED = re.compile(r"\b(?:obtained|performed|taken|acquired|scheduled|done|repeated)\b", re.I)
# "on postoperative day 17", "POD 17": days
_POSTOP_DAY = re.compile(r"\b(?:post-?op(?:erative)?\s+day|POD)\s*#?\s*(\d{1,3})\b", re.I)
# "on the second postoperative day", "on postoperative second day", "the 3rd post-operative day"
_ORDINAL = rf"({'|'.join(ORDINALS)}|\d{{1,2}})(?:st|nd|rd|th)?"
_ORDINAL_DAY = re.compile(rf"\b{_ORDINAL}\s+post-?op(?:erative)?\s+day\b|\bpost-?op(?:erative)?\s+{_ORDINAL}\s+day\b", re.I)
# a time for several patients is no one patient's history ("At the 1-year follow-up, both had remission")
_SEVERAL = re.compile(r"\bboth\s+(?:had|have|were|showed|underwent|developed|patients|cases)\b|\b(?:two|three|all(?:\s+the)?|the|these|our)\s+(?:\w+\s+)?(?:patients|cases|case\s+reports)\b", re.I)
# "before / ago / earlier / later" count only when the sentence names an operation
_OPERATION_WORD = re.compile(r"\b(?:surger(?:y|ies)|operat(?:ion|ed)|underwent|undergone|fusion|arthrodesis|spondylodesis|fixation|"
                             r"instrumentation|implantation|implanted|placed|inserted|replacement|removal|removed|ACDF|TLIF|PLIF|ALIF|XLIF|OLIF|"
                             r"procedure|stabili[sz]ation|corpectomy|laminectomy|discectomy|placement|PSI?F|PLF|LLIF|DLIF)\b", re.I)
MODALITIES = [  # the study modalities, by their words (also the exam line's: `case.detect_modality`)
    # ("CTs", "computer tomography", "computer-assisted tomogram", "computed axial tomography")
    ("CT", fast(re.compile(r"\bCTs?\b|\bcomput(?:ed|eri[sz]ed|er)(?:[\s-]+(?:assisted|axial))?\s+tomogra|\bCT-|"
                           r"\b(?-i:NECT|CECT|CTA)\b", re.I))),
    # ("MR" in capitals only: "Mr Ahmed's post-op CT" names one study; "MRI-compatible", "MR-unsafe" name none)
    ("MRI", fast(re.compile(r"(?:\bMRI|\b(?-i:MR))\b(?!\s*-?\s*(?:compatible|conditional|safe|unsafe))|\bmagnetic\s+resonance",
                            re.I))),
    # (also "roentgenogram", "radiograms", "x-rayed", "CXR", "current films", "swimmer's view"; not a lateral view alone,
    # which CT, MR and fluoroscopy have too)
    ("Radiograph", fast(re.compile(r"\bradiograph|\bx[\s-]?ray(?:s|ed)?\b|\bradiography\b|\b(?-i:C?XR)\b|\broentgeno?gra(?:ms?|phy|phs?)\b|"
                                   r"\bradiograms?\b|\b(?:plain|current|dynamic|serial|follow-?up|post-?operative)\s+films?\b|"
                                   r"\b(?:swimmer'?s|odontoid|open[\s-]mouth)\s+views?\b"
                                   # an exam line of views: "PA and lateral views of the chest", "AP chest", "2 views chest",
                                   # "Chest, 2 views", "thoracic spine series", "Lordotic film", "films of spine"
                                   r"|\b(?-i:PA|AP)\b(?:\s+and\s+(?:lateral|LAT)\b)?(?:\s+(?:views?|films?))?(?:\s+of\s+the)?\s+"
                                   r"(?:chest|(?:[a-z]+\s+)?spine)\b|\b(?:\d|two|three|four|single)\s+views?\b"
                                   r"|\bviews?\s+of\s+the\s+(?:chest|(?:[a-z]+\s+)?spine)\b|\b(?:chest|spine)\s+series\b"
                                   r"|\blordotic\s+film\b|\bfilms?\s+of\s+(?:the\s+)?(?:chest|(?:[a-z]+\s+)?spine)\b", re.I))),
]
_CROSS_SECTION = r"(?:MRI?|CT|magnetic\s+resonance(?:\s+imaging)?|computed\s+tomography)"
_STUDY_WORDS = (r"(?:(?:flexion[\s-]+(?:and\s+)?extension\s+|plain\s+|standing\s+)?(?:radiographs?|x-?rays?|films?)|"
                rf"{_CROSS_SECTION}(?:\s+(?:scans?|imaging|studies|study))?)")
_NOT_A_STUDY = re.compile(r"\bCT[\s-]+(?:based\s+)?(?:navigat\w*|guid\w*)|\bC-?arm\s+(?:x-?rays?|fluoroscopy)?|"
                          r"\bintra-?operative\s+(?:x-?rays?|radiograp?h?s?|radiograms?|films?|CT|fluoroscopy)|"
                          # a study not done: "unable to undergo MRI (pacemaker)", "MRI was not possible", "MRI contraindicated"
                          rf"\b(?:unable\s+to\s+(?:undergo|have|tolerate)|contraindications?\s+to|cannot\s+(?:undergo|have))\s+"
                          rf"(?:an?\s+)?{_CROSS_SECTION}\b|\b{_CROSS_SECTION}(?:\s+(?:was|is|being))?\s+(?:not\s+possible|"
                          r"contraindicated|not\s+performed|unavailable|not\s+available|not\s+feasible)\b|"
                          # a study advised or to come: "MRI is recommended", "recommend a CT", "X-rays will be obtained"
                          rf"\b(?:recommend(?:ed|s)?|suggest(?:ed|s)?|consider|advise[sd]?|will\s+(?:be\s+\w+\s+to|undergo|have|get))\s+"
                          rf"(?:an?\s+|further\s+|repeat\s+|follow-?up\s+|dedicated\s+)*{_STUDY_WORDS}|"
                          # (but "Axial CT images are obtained from T10 to S1" is the report's own technique)
                          rf"{_STUDY_WORDS}\s+(?:[\w-]+\s+){{0,3}}?(?:(?:is|are|(?:would|will|could|should|may)\s+be)\s+(?:\w+ly\s+)?"
                          r"(?:recommended|suggested|advised|helpful|useful)|(?:would|will|could|should|may)\s+be\s+(?:\w+ly\s+)?"
                          r"(?:obtained|performed|collected|taken))\b", re.I)
_MODALITY_ANY = re.compile(r"\b(?:CT|MRI?|radiographs?|x-?rays?|scan|myelogra\w*|imaging|fluoroscopy)\b", re.I)
# the words of a pain named with the back's: "back and right leg pain", "low back, left buttock and leg pain"
_PAIN_SITE = (r"(?:right|left|bilateral|both|lower|upper|leg|legs|buttocks?|hips?|extremity|extremities|arms?|neck|radicular|"
              r"radiating|sciatic|sided|thighs?|limbs?|gluteal|abdominal|flank|shoulder)")
SYMPTOMS = [
    # (coordinated: "back and right leg pain", "back/leg pain", "low back, left buttock and leg pain"; "lower backache")
    ("back pain", re.compile(rf"\b(?:low(?:er)?[\s-]+)?back(?:\s*/\s*\w+|,\s+(?:{_PAIN_SITE}\s+){{0,3}}?and(?:\s+{_PAIN_SITE}){{0,2}}?"
                             rf"|\s+and(?:\s+{_PAIN_SITE}){{1,3}}?)?\s+pain\b|"
                             r"\b(?:low(?:er)?[\s-]+)?back\s?aches?\b|\blumbar\s+pain\b|"
                             r"\bpain\s+(?:to|in|along)\s+(?:the\s+|her\s+|his\s+|my\s+)?(?:(?:right|left)\s+)?(?:lumbar|thoracic|low(?:er)?\s+(?:back|lumbar|spine))\b|"
                             r"\bthoracic\s+(?:\w+[\s-]+)?(?:sided\s+)?pain\b|"
                             # "pain in both his back and his leg", "pain persisted in the lower back", "25% in his back"
                             # (the words between name no other thing: not "pain and the sensation of something moving in his back")
                             r"(?:\bpain\s+(?:(?!(?:the|a|an|doctor|sensation|something|battery|generator|device|screw|implant|"
                             r"hardware|stimulator|lead)\b)[\w%-]+\s+){0,4}?|\d\s*%\s+)"
                             r"in\s+(?:both\s+)?(?:the\s+|her\s+|his\s+|my\s+)?(?:(?:low(?:er)?|mid(?:dle)?|upper)[\s-]+)?back\b(?!\s+of\b)|\bpain\s+localized\s+in\s+the\s+(?:mid-?)?(?:dorsal|lumbar)\b|\blumbago\b|\b(?-i:c?LBP)\b", re.I)),
    ("neck pain", re.compile(r"\bneck\s+(?:and(?:\s+[\w-]+){1,3}\s+)?pain\b|\bpain\s+in\s+(?:the\s+|his\s+|her\s+)?(?:right\s+|left\s+)?neck\b|"
                             r"\bcervicalgia\b|\bcervicobrachialgia\b|\bcervico-?occipital\s+pain\b|"
                             r"\bpain\s+along\s+(?:her|his|the)\s+cervical\b|\bcervical\s+pain\b", re.I)),
    # (pain down a limb or in a root's territory: "shooting pain down both legs", "pain in L5 distribution down his left leg",
    # "right leg pain in L4 nerve root area", "radicular symptoms", "radiculitis", "cervical myeloradiculopathy")
    ("radiculopathy", re.compile(r"\bradiculopath|myeloradiculopath|\bradiculitis\b|\bradicular\s+(?:symptoms?|complaints?|"
                                 r"(?:leg\s+|arm\s+)?pain|character)\b|\bsciatica\b|\bradiating\b|"
                                 r"\bcervicobrachialgia\b|\b(?:shooting|electric)\s+pain\b|"
                                 r"\bpain\s+(?:[\w-]+\s+){0,4}?down\s+(?:to\s+)?(?:the\s+|his\s+|her\s+|my\s+|both\s+)?(?:(?:right|left)\s+)?"
                                 r"(?:legs?|arms?|thighs?|foot|feet)\b|"
                                 r"\bpain\s+(?:[\w-]+\s+){0,3}?in\s+(?:the\s+)?[CLS]\d\s+(?:nerve\s+root\s+)?(?:area|distribution|dermatome)\b|"
                                 r"\bdermatomal\s+pain\b|"
                                 # "radiates to the right leg", "radiation into the right knee", "pain along S1 dermatome",
                                 # "unrelieved sciatic pain", "pain down the arm"
                                 r"\bradiat(?:es|ed|ion)\s+(?:\w+\s+){0,2}?(?:to|into|down)\s+(?:the\s+|his\s+|her\s+|my\s+|both\s+)?"
                                 r"(?:(?:right|left)\s+)?(?:legs?|arms?|thighs?|knees?|calf|calves|foot|feet|hands?|buttocks?|shoulders?)\b|"
                                 r"\bpain\s+(?:[\w-]+\s+){0,2}?along\s+(?:the\s+)?[CLS]\d\s+dermatome\b|\bsciatic\s+pain\b", re.I)),
    ("myelopathy", re.compile(r"\bmyelopath|myeloradiculopath|spondylomyelopath", re.I)),
    ("difficulty holding head erect", re.compile(r"\bdifficulty\s+holding\s+(?:her|his|the)\s+head\s+erect", re.I)),
]
# a symptom named as what a score measures, not as the patient's: "the visual analog scale for back pain (VAS-BP)",
# "VAS for neck pain intensity", "Visual Analog Scale-back pain"
_MEASURED = re.compile(r"\b(?:scales?|VAS|scores?|index|questionnaires?)(?:\s*\([^)]{1,12}\))?\s*(?:[-–]\s*|for\s+|of\s+)"
                       r"(?:the\s+)?(?:[\w-]+\s+)?$", re.I)
_HEDGE_SYMPTOM = re.compile(r"\b(?:resolution|relief|resolved|remission|improvement)\s+(?:of|in)\b", re.I)
# a symptom the sentence denies or only suspects: "no clinical sign of radiculopathy", "L5 radiculopathy was suspected"
_DENIED_BEFORE = re.compile(r"\b(?:no|without|denies|denied|negative\s+for|absence\s+of|free\s+of|(?:does|did)\s+not\s+have)\s+"
                            r"(?:[\w/-]+\s+){0,5}$", re.I)
_SUSPECTED_AFTER = re.compile(r"^\s*(?:\w+\s+){0,1}(?:was|were|is|are)\s+(?:\w+ly\s+)?(?:suspected|possible|questioned|considered)\b", re.I)
_LEVEL_NEAR = re.compile(_SPAN, re.I)
_MORE_SPAN = re.compile(rf"\s*(?:,\s*and|,|and)\s*({_SPAN})", re.I)  # the next span of a list: ", C4-C5", " and L3-4"
# (not the disease the operation was for, named after it: "posterior fusion from T11 to L3 for spinal stenosis")
_ANATOMY_NEXT = re.compile(r"^\s*(?:-?\s*level\s+)?(?!(?:for|due|because|after|following)\b)(?:\w+\s+){0,2}?(?:fractures?|stenosis|spondylolist?hesis|spondylolysis|listhesis|"
                           r"herniations?|disc|disk|radiculopathy|nerve|root|kyphosis|instability|pseudarthrosis|tumou?r|"
                           r"infection|abscess|osteomyelitis|metastas[ie]s|compression)\b", re.I)
_BEFORE_GLUE = re.compile(r"^[\s,]*(?:(?:and|&|the|a|an|level|levels|instrumented|spinal|spine|lumbar|cervical|thoracic|orthop(?:a)?edic|"
                          r"(?:postsurgical|post-?operative)\s+changes?\s+(?:with|of|from)|"
                          r"minimally|invasive|unilateral|bilateral|open|percutaneous|decompression|lateral|interbody|extreme|"
                          r"posterior|anterior|posterolateral|segmental|pedicle|screw|transforaminal|oblique|"
                          r"(?:single|one|two|three|multi)-?level)\s+)*$", re.I)
# another operation at the same levels, for the levels right before it only: "C3-7 laminectomy and fusion", "C3-C6 posterior
# cervical laminectomy and fusion", "C3-C6 laminectomy with lateral mass screw fixation", "L3-4 LLIF with percutaneous pedicle
# screw fixation" (not the C4 of "C4 corpectomy and C5-6 and C6-7 anterior cervical discectomy and fusion")
_BEFORE_GLUE_OP = re.compile(r"^\s*(?:(?:posterior|anterior|cervical|thoracic|lumbar|decompressive)\s+)*"
                             r"(?:laminectom(?:y|ies)|corpectom(?:y|ies)|discectom(?:y|ies)|decompression|(?-i:[OXLD]LIF|ALIF))"
                             rf"\s+(?:and|with|\+)\s+{_BEFORE_GLUE.pattern[1:]}", re.I)


def _number(word: str) -> float | None:
    try:
        return float(word)
    except ValueError:
        return float(_NUM[word.lower()]) if word.lower() in _NUM else None


def _unit(word: str) -> str:
    w = word.lower()
    return "day" if w.startswith("d") else "week" if w.startswith("w") else "month" if w.startswith("mo") else "year"


def _span_levels(text: str) -> list:
    levels = levels_in(text, "span" if re.search(r"[-–—/]|to|through", text) else "single")
    if "sacrum" in text.lower() or "pelvis" in text.lower():
        levels = levels_in(text, "span")
    return levels


def _procedure_levels(sentence: str, start: int, end: int) -> str | None:
    """The levels the procedure phrase names, or that stand right before it ("C2–3 and C3–4 anterior cervical
    discectomy") or right after it ("fusion at L4-5", "fusion from T2 to T10"); not the levels of a disease the
    procedure was for ("fixation for an L1 compression fracture") or of the far end of a fusion from the occiput."""
    inside = sentence[start:end]
    found = [lv for m in _LEVEL_NEAR.finditer(inside) for lv in _span_levels(m.group(0))]
    if not found:
        after = re.split(r"[;,)(]|\band\b(?!\s+(?:S1|L\d|(?:[\w-]+\s+)?(?:instrumentation|fixation|screws?|rods?)\b))",
                         sentence[end:end + 90],
                         maxsplit=1)[0]
        # "fusion with bilateral transpedicular instrumentation from T10 to S1", "instrumentation between L2 and S1"
        m = re.match(rf"\s*(?:(?:surgery|procedure|operation)\s+)?(?:(?:was|were)\s+(?:\w+ly\s+)?(?:performed|done|carried\s+out)\s+"
                     rf"(?:\w+ly\s+)?)?"
                     rf"(?:(?:with|and|using|utili[sz]ing|via)\s+(?:[\w-]+\s+){{0,3}}?(?:instrumentation|fixation|screws?(?:\s+and\s+rods?)?"
                     rf"|cages?|plates?|rods?|constructs?)\s+)?"
                     # "ACDF plate and screws at C5-C7"
                     rf"(?:(?:hardware|instrumentation|(?:plates?|cages?)(?:\s+and\s+(?:screws?|rods?))?)\s+)?"
                     # "Fusion of the spine from T11-L2", "posterior fixation state in L1-4"
                     rf"(?:of\s+the\s+(?:\w+\s+)?spine\s+|state\s+)?"
                     rf"(?:(?:at|of|from|on|in|between|involving|spanning|extending\s+from)\s+)?"
                     rf"(?:the\s+)?(?:levels?\s+(?:of\s+)?)?(?:(?:approximately|about|roughly)\s+)?({_SPAN})(?:\s+and\s+(?P<to>{_LV}))?",
                     after, re.I)
        if not (m and m.group(1)):  # its levels in brackets: "posterior correction and fusion (T10-L2)"
            m = re.match(rf"\s*\(\s*({_SPAN})\s*\)", sentence[end:end + 40])
            after = sentence[end:end + 40]
        if not (m and m.group(1)):  # an operative note's "arthrodesis, C5-C6." or "fusion, T2 to pelvis using ..."
            m = re.match(rf"\s*,\s*({_SPAN})\s*(?=[.;,]|$|(?:using|with|via|through|utilizing)\b)", sentence[end:end + 40])
            after = sentence[end:end + 40]
        if m and m.group(1) and not _ANATOMY_NEXT.match(after[m.end():]) \
                and not re.search(r"\bocciput|\bskull|\boccipital", after[:m.start(1)], re.I) \
                and not re.match(r"O(?:c|cc)?\s*[-–]", m.group(1), re.I):
            between = m.groupdict().get("to") and re.search(r"\bbetween\s+(?:the\s+)?(?:levels?\s+(?:of\s+)?)?$",
                                                             after[:m.start(1)], re.I)
            found = _span_levels(m.group(1) + (f"-{m.group('to')}" if between else ""))
            # adjacent spans listed after it are one fused span: "fusion at C3-C4, C4-C5, and C5-C6", "at L2-3 and L3-4"
            pos = end + m.end(1)
            while (more := _MORE_SPAN.match(sentence, pos)) is not None:
                nxt = _span_levels(more.group(1))
                gap = 0 if len(nxt) > 1 else 1  # disc spans join when they share a vertebra (C3-C4, C4-C5), vertebrae when next
                if not nxt or not found or min(lv.position for lv in nxt) > max(lv.position for lv in found) + gap:
                    break  # not adjacent ("C3-C4 and C5-C6"): another operation's levels
                found, pos = found + nxt, more.end()
    if not found:
        before = sentence[max(0, start - 60):start]
        spans = list(_LEVEL_NEAR.finditer(before))
        # the levels written right before the phrase, coordinated: "C2–3 and C3–4 anterior cervical discectomy"
        k = len(spans)
        tail_end = len(before)
        while k > 0 and (_BEFORE_GLUE.match(before[spans[k - 1].end():tail_end])
                         or (k == len(spans) and _BEFORE_GLUE_OP.match(before[spans[k - 1].end():tail_end]))):
            tail_end = spans[k - 1].start()
            k -= 1
        for m in spans[k:]:
            if re.search(r"\bO(?:c|cc)?\s*[-–]\s*$", before[:m.start()]):
                return None  # "O-C2 posterior fusion": from the occiput, which no level names
            found.extend(_span_levels(m.group(0)))
    if not found:
        return None
    return span_name(sorted(set(found), key=lambda lv: lv.position))


def _generic(sentence: str) -> bool:
    """A statement about what happens in general, not about this patient."""
    return not _PATIENT.search(sentence) and any(rx.search(sentence) for rx in _GENERIC)  # the cheap test first


# "a year and a half since the surgery", "two and a half years after the operation": in months
_HALF = fast(re.compile(rf"\b(?:(?:a|one)\s+(?:year|yr)\s+and\s+a\s+half|{_N}\s+and\s+a\s+half\s+years?)\s+(?:since|after|"
                        rf"following|post-?operatively|post-?op\b)(?:\s+{_AFTER_OP})?", re.I))


# the approach of a fusion the phrase does not name, from the words of its noun phrase ("Anterior cervical decompression
# with partial vertebrectomy and fusion", "C6-T6 arthrodesis, posterolateral type") or the implants right beside it
# ("fusion ... with Harrington rods and hooks", "pedicle screws ... to hold the single-level fusion")
# (the words between name the fusion, not what happened to a part: not "anterior cage migration during ... fusion")
_APPROACH_BEFORE = re.compile(r"\b(?:(?P<a>anterior|ventral)|(?P<p>posterior|postero-?lateral|posterolat\.?|dorsal))\s+"
                              r"(?:(?!(?:during|of|for|at|from|was|were|is|are)\b)[\w/-]+\s+){0,6}$", re.I)
_APPROACH_AFTER = re.compile(r"^[\s,]+(?:(?P<a>anterior|ventral)|(?P<p>posterior|posterolateral|dorsal))\s+(?:type|approach)\b", re.I)
_POSTERIOR_IMPLANTS = re.compile(r"\b(?:pedicle|pedicular|transpedicular|lateral\s+mass)\s+screws?|\bHarrington\b|\bhooks?\b", re.I)
_ANTERIOR_IMPLANTS = re.compile(r"\banterior\s+(?:cervical\s+)?(?:locking\s+)?plat(?:e|es|ing)\b", re.I)


def _approach(sentence: str, start: int, end: int) -> str | None:
    """'anterior fusion' or 'posterior fusion' when the words around a fusion of no named approach say which."""
    before = re.split(r"[;.,()]|\b(?:and|or|but|with|after|before|following)\s+(?=\w+\s+(?:fusion|arthrodesis))",
                      sentence[max(0, start - 70):start])[-1]
    for m in (_APPROACH_BEFORE.search(before), _APPROACH_AFTER.match(sentence[end:end + 30])):
        if m:
            return "anterior fusion" if m.group("a") else "posterior fusion"
    # implants the fusion was done with: "... with Harrington rods and hooks", "..., using a pedicle screw construct",
    # "pedicle screws and rods were used to hold the fusion" (not implants the sentence names for another reason)
    after = re.match(r"[^;.]{0,40}?\b(?:with|using|via|by|in\s+which|where)\b([^;.]{0,40})", sentence[end:])
    held = re.search(r"([^;.]{0,60})\b(?:used|placed|inserted)\s+to\s+(?:hold|stabili[sz]e|support|secure)\b[^;.]{0,30}$",
                     sentence[max(0, start - 120):start])
    for part in [g for g in (after.group(1) if after else None, held.group(1) if held else None) if g]:
        back, front = bool(_POSTERIOR_IMPLANTS.search(part)), bool(_ANTERIOR_IMPLANTS.search(part))
        if back != front:
            return "posterior fusion" if back else "anterior fusion"
    return None


def _report_intervals(sentence: str) -> list[str]:
    """The times since an operation a report's history line gives in its own shorthand (the sentence names an operation)."""
    out = []
    for m in _SLASH_INTERVAL.finditer(sentence):
        n = int(m.group(1))
        out.append(f"{n} {_SLASH_UNIT[m.group(2)]}{'s' if n != 1 else ''}")
    for m in _YESTERDAY.finditer(sentence):
        before = re.split(r"[.;]", sentence[:m.start()])[-1]
        if _OPERATION_WORD.search(before) and not _NOT_THE_OPERATION.search(before):
            out.append("1 day")  # "stimulator implanted yesterday", not "since a fall yesterday"
    for m in _DAY_AFTER.finditer(sentence):
        if _OPERATION_WORD.search(sentence[m.end():]):
            n = int(m.group(1))
            out.append(f"{n} day{'s' if n != 1 else ''}")
    for m in _LINE_END_INTERVAL.finditer(sentence):
        amount, before = _number(m.group(1)), sentence[:m.start()]
        word = before.split()[-1] if before.split() else ""
        if amount is not None and _LINE_END_BEFORE.fullmatch(word) and _OPERATION_WORD.search(before) \
                and not re.search(rf"{_UNIT},$", word, re.I) \
                and not re.search(r"\b(?:ages?|mean|average|median|range|follow[\s-]?up|duration)\b[^.;]{0,60}$", before, re.I):
            out.append(f"{amount:g} {_unit(m.group(2))}{'s' if amount != 1 else ''}")  # (not a list of times, an age, a mean)
    return out


def _intervals(sentence: str) -> list[str]:
    out: list[str] = []
    for m in _HALF.finditer(sentence):
        if _SEVERAL.search(sentence) or not (_OPERATION_WORD.search(m.group(0)) or re.search(r"post-?op", m.group(0), re.I)):
            continue
        n = _number(m.group(1)) if m.group(1) else 1.0
        if n is not None:
            out.append(f"{(n + 0.5) * 12:g} months")
    if re.search(r"\bwill\s+be\s+(?:\w+ed|\w+en)\b", sentence, re.I):
        return out  # a protocol's plan: "radiographs will be obtained at 6 and 12 months after surgery"
    acquired = bool(_ACQUIRED.search(sentence))
    schedule = acquired and bool(re.search(r"\bat\s+\d+\s*(?:,\s*\d+\s*)*(?:,\s*)?and\s+\d+", sentence, re.I))
    for m in [*_POSTOP_DAY.finditer(sentence), *_ORDINAL_DAY.finditer(sentence)]:
        if schedule:
            break  # an imaging schedule: "CT scans were obtained on postoperative day 2 ... and at 6 and 12 months"
        if m.re is _ORDINAL_DAY and re.search(r"\b(?:discharged|died|death)\b", sentence[max(0, m.start() - 30):m.start()], re.I):
            continue  # "discharged on the fifth postoperative day": a hospital stay
        word = next(g for g in m.groups() if g)
        n_days = int(word) if word.isdigit() else ORDINALS[word.lower()]
        value = f"{n_days} day{'s' if n_days != 1 else ''}"
        if value not in out and not _SEVERAL.search(sentence):
            out.append(value)
    if _OPERATION_WORD.search(sentence) and not _SEVERAL.search(sentence):
        for value in _report_intervals(sentence):
            if value not in out:
                out.append(value)
    for rx in _INTERVAL:
        for m in rx.finditer(sentence):
            groups = [g for g in m.groups() if g is not None]
            n, unit = _number(groups[0]), _unit(groups[1])
            if n is None:
                continue
            tail = m.group(0).lower()
            if _SEVERAL.search(sentence):
                continue
            later = tail.endswith("later")
            if re.search(r"\b(?:thereafter|every|once\s+a|annually|at\s+regular)\b", sentence[m.end():m.end() + 50], re.I) \
                    or (re.search(r"(?:\bat\s+\d+\s*(?:,|and)|\d+\s*,\s*\d+\s*(?:,|,?\s*and))\s*(?:\d+\s*(?:,|,?\s*and)\s*)*$",
                                  sentence[max(0, m.start() - 30):m.start()])
                        and acquired):
                continue  # an imaging schedule ("at 6 and 12 months postoperatively", "6 months after and once a year thereafter")
            if later and (re.search(r"\b(?:discharged|until)\b", sentence, re.I)
                          or re.search(r"\b(?:fusion|arthrodesis|surgery|operation)\s+(?:was|were)\s+performed\b", sentence, re.I)
                          or _MODALITY_ANY.search(" ".join(sentence[m.end():].split()[:4]))):
                continue  # a hospital stay, the time between operations, a study's time after the last study
            loose = re.search(r"(?:prior|before|earlier|ago|previously|back)$", tail)
            if loose and not _OPERATION_WORD.search(sentence):
                continue  # "occurred 7 days before": not tied to an operation
            if (loose or later) and _MODALITY_ANY.search(sentence[max(0, m.start() - 25):m.start()]):
                continue  # "an MRI one month earlier": the time of a study
            if len(groups) >= 4 and _number(groups[2]) is not None:  # "two years and 8 months": in months
                months = n * {"year": 12, "month": 1}.get(unit, 0) + (_number(groups[2]) or 0) * {"year": 12, "month": 1}.get(
                    _unit(groups[3]), 0)
                if months:
                    n, unit = months, "month"
            value = f"{n:g} {unit}{'s' if n != 1 else ''}"
            if value not in out:
                out.append(value)
    return out


# cheap first looks: most sentences of a report name no operation, time or symptom
_MAY_PROCEDURE = fast(re.compile(r"fusion|arthrodes|atlanto|spondylodes|fixation|instrumentation|stabili[sz]|plating|plate|ACDF|ALIF|OLIF|"
                                 r"XLIF|LLIF|TLIF|PLIF|implant|stimulat|SCS|lead|electrode|paddle|(?-i:ONS|SNM)|neuromodulat|remov|"
                                 r"explant|extract|retriev|pedicle|pedicular|lateral\s+mass|PSI?F|PLF", re.I))
_MAY_INTERVAL = fast(re.compile(r"\b(?:day|week|wk|month|mo|year|yr)s?\b|\bPOD\b|\byesterday\b|\d\s*/\s*(?:12|52|7)\b", re.I))
_MAY_SYMPTOM = fast(re.compile(r"pain|radicul|radiat(?:es|ed|ion)\b|sciatica|myelopath|lumbago|cervic|difficulty|LBP|ache|dermatom",
                               re.I))


def history_in(sentence: str) -> list[dict]:
    """The history entries one sentence states."""
    out: list[dict] = []
    may_procedure, may_interval, may_symptom = (bool(rx.search(sentence)) for rx in (_MAY_PROCEDURE, _MAY_INTERVAL, _MAY_SYMPTOM))
    # a general statement states no history: asked last (`_generic` is the costly test), only of a sentence with an entry
    taken: list[tuple[int, int]] = []
    lateral: list[dict] = []  # the fusions from the side ("L2-L5 XLIF") with their levels
    may_procedure = may_procedure and not KEYWORDS.match(sentence)  # a paper's keywords ("spinal fusion") are no operation
    for rx, kind in (_PROC if may_procedure else ()):
        for m in rx.finditer(sentence):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            lo = max(0, m.start() - 45)  # ("solid C5-C6 interbody allograft fusion")
            blocking = [n for n in _NOT_A_PROCEDURE.finditer(sentence[lo: m.end() + 20])
                        if lo + n.start() < m.end() and m.start() < lo + n.end()]  # words about the fusion itself, not
            # a cage's name beside "PLIF"; but a report's "L3-L4 posterior fusion hardware" is the fusion done there
            if blocking and all(_FUSION_HARDWARE.fullmatch(n.group(0)) for n in blocking) \
                    and _procedure_levels(sentence, m.start(), m.end()):
                blocking = []
            if (kind == "fusion" and _NOT_A_PROCEDURE.match(sentence, m.start())
                    and not _FUSION_HARDWARE.match(sentence, m.start())) or blocking:
                continue
            if re.search(r"\b(?:stability|failure|position|integrity|status|model|loosening|breakage|removal|failures?)\s+of\s+"
                         r"(?:the|an?|this)\s+(?:\w+\s+)?$", sentence[max(0, m.start() - 40):m.start()], re.I) \
                    and kind != "hardware removal":
                continue  # "stability of the spinopelvic fixation", "the FE model of the posterolateral fusion"
            if m.group(0).lower().endswith("instrumentation") and (re.match(
                    r"\s+(?:\w+\s+){0,2}?(?:was|were|had\s+been|has\s+been|have\s+been)\s+(?:\w+ly\s+)?(?:removed|explanted|extracted)\b",
                    sentence[m.end():], re.I) or re.search(r"(?:\b(?:removal|explantation|extraction|retrieval|exchange|revision|"
                                                          r"replacement)\s+of|\b(?:remove|removed|removing|explanted|extracted))\s+"
                                                          r"(?:the\s+|all\s+|his\s+|her\s+)?(?:whole\s+|entire\s+)?$",
                                                          sentence[max(0, m.start() - 30):m.start()], re.I)):
                continue  # "the posterior instrumentation was removed": a removal (read below), not a fusion
            if kind in ("posterior fusion", "anterior fusion", "fusion") and re.match(
                    r"\s+of\s+(?:an?|the)\s+(?:[\w-]+\s+){0,2}fracture", sentence[m.end():], re.I):
                continue  # "posterior fixation of a C2 fracture": a fracture's fixation, not a fusion
            if kind == "hardware removal" and (re.search(
                    r"\b(?:misplaced|migrated|malpositioned|broken|fractured|displaced|dislodged|loose(?:ned)?|extruded|"
                    r"in\s+question)\b", sentence[m.start():m.end() + 20], re.I)
                    or re.search(r"\b(?:pieces|fragments?|shafts?)\s+of\b", sentence[max(0, m.start() - 25):m.start()], re.I)
                    or re.search(r"\b(?:during|prior\s+to|before)\s+(?:the\s+)?$", sentence[max(0, m.start() - 15):m.start()], re.I)):
                continue  # taking out the faulty part is a revision, not removal of the hardware
            if (kind == "hardware removal" and _PLANNED.search(sentence[m.end():m.end() + 40] + " "
                                                              + sentence[max(0, m.start() - 20):m.start()])) \
                    or _PLANNED.search(sentence[max(0, m.start() - 45):m.start()]) or _PLANNED_AFTER.match(sentence, m.end()) \
                    or re.search(r"\b(?:was|were)\s+(?:\w+ly\s+)?(?:offered|proposed|recommended|advised|decided)\b[^;.]{0,60}$",
                                 sentence[max(0, m.start() - 90):m.start()], re.I):
                continue  # "implant removal was planned", "Corrective surgery was offered ... in the form of posterior arthrodesis"
            if re.search(r"\b(?:was|were)\s+told\b|\bwould\s+(?:have|undergo|need|require)\b", sentence[:m.start()], re.I):
                continue  # "I was told I would have decompression and TLIF": what was said would be done
            taken.append((m.start(), m.end()))
            levels = _procedure_levels(sentence, m.start(), m.end())
            if levels and len(set(levels.split("-"))) == 1 and re.search(r"screws?\b", m.group(0), re.I):
                levels = None  # "70 S1 pedicle screws were inserted", "C2 laminar screw fixation": one level is no fusion's span
            if not levels and re.search(r"atlanto-?axial", m.group(0), re.I):
                levels = "C1-C2"  # the atlas and the axis
            if kind == "fusion" and re.search(r"fusion|arthrodesis|spondylodesis|fixation|instrumentation|stabili[sz]ation",
                                              m.group(0), re.I):
                kind = _approach(sentence, m.start(), m.end()) or kind
            for kind_one in (("anterior fusion", "posterior fusion") if kind == "anterior+posterior" else (kind,)):
                entry = {"procedure": kind_one}
                if levels and (kind_one != "stimulator implantation" or re.search(r"\blevel\b", sentence[m.end():m.end() + 40])):
                    entry["levels"] = levels
                out.append(entry)
                if kind_one == "fusion" and levels and _LATERAL.fullmatch(m.group(0)):
                    lateral.append(entry)
    if may_interval:
        out.extend({"interval": v} for v in _intervals(sentence))
    named = [(name, rx) for name, rx in MODALITIES if rx.search(sentence)]
    if named:  # a study's words taken out, those that name no study of the patient's ("CT had a sensitivity of ...")
        studied = _NOT_A_STUDY.sub(" ", sentence)
        out.extend({"modality": name} for name, rx in named if rx.search(studied))
    if may_symptom and not _HEDGE_SYMPTOM.search(sentence):
        for name, symptom_rx in SYMPTOMS:
            found = symptom_rx.search(sentence)
            if found and not _DENIED_BEFORE.search(sentence[max(0, found.start() - 60):found.start()]) \
                    and not _SUSPECTED_AFTER.match(sentence[found.end():]) \
                    and not _MEASURED.search(sentence[max(0, found.start() - 40):found.start()]):
                out.append({"symptom": name})
    # one entry per procedure: a fusion without levels says less than the same fusion with them
    seen: list[dict] = []
    for e in out:
        if e in seen:
            continue
        if "procedure" in e and "levels" not in e and any(
                s.get("procedure") == e["procedure"] and s.get("levels") for s in out):
            continue
        if e.get("procedure") == "fusion" and e not in lateral and any(
                s.get("procedure") in ("anterior fusion", "posterior fusion") for s in out):
            continue  # "pedicle screw fixation and transforaminal cage for interbody fusion": one posterior fusion
        # (but "L3-4 LLIF with percutaneous pedicle screw fixation" is two: a lateral fusion and a posterior one)
        seen.append(e)
    return [] if seen and _generic(sentence) else seen


def history_of(doc, text: str) -> list[dict]:
    """Every history entry of a processed report, each with the sentence it came from."""
    out = []
    for sent in doc.sents:
        sentence = text[sent.start_char:sent.end_char]
        if not sentence.strip():
            continue
        for entry in history_in(sentence):
            out.append({**entry, "sentence": sentence.strip(), "start": sent.start_char, "end": sent.end_char})
    return out
