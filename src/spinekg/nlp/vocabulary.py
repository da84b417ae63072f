"""The words of postoperative spine imaging reports: target, ConText and section rules as plain data.

Nothing here imports spaCy or medspaCy: `pipeline.py` turns these tables into medspaCy rules.
Every pattern is a Python regular expression matched case-insensitively on the report text
(medspaCy's RegexMatcher); where capitals matter (vertebral levels) the pattern says so inline.
Each target rule has a label (IMPLANT, LEVEL, SIDE, DIRECTION, MEASURE, STRUCTURE, FINDING, IGNORE)
and metadata telling the extractor what the words mean.
"""
from __future__ import annotations

import re

# --- vertebral levels -------------------------------------------------------------------------
# A level is C1-C7, T1-T12, L1-L5, S1-S5 ("C-7" and lower case are read too). "T1"/"T2" followed by
# "weighted", "signal" ... are MRI sequences, not levels.
_LV = r"(?:[CcTtLlSs]-?(?:1[0-2]|[1-9]))(?![\w])"
_NOT_MRI = r"(?!\s*-?\s*(?:weighted|w\b|wi\b|signal|hyper|hypo|images?|sequences?|flair|stir|fat|post\b|pre\b))"
_SPAN_SEP = r"\s*(?:-|–|—|/|\bto\b|\bthrough\b|\bthru\b|\buntil\b)\s*"
# (a bare number that is a measure ends no span: "L4 - 1 mm halo right", "S1 - 2 mm halo left and right")
_SPAN_END = rf"(?:{_LV}|(?:1[0-2]|[1-9])(?![\w]|\.\d)(?!\s*(?:mm|cm|%|°|deg\w*)\b)|(?:the\s+)?(?:sacrum|pelvis|ilium|ilia|iliac\s+wings?)\b)"

LEVEL_PATTERNS = [
    # "between the L3 and L4 (screws)": a segment
    (rf"\bbetween\s+(?:the\s+)?{_LV}\s+and\s+{_LV}{_NOT_MRI}", "between"),
    # a span from one part of a vertebra to another's: "from the T9 body to mid T10", "from the upper T8 endplate to T9"
    (rf"\bfrom\s+(?:the\s+)?(?:(?:mid|upper|lower|superior|inferior)\s+)?{_LV}(?:\s+(?:vertebral\s+)?(?:body|level|vertebra"
     rf"|pedicles?|(?:superior\s+|inferior\s+)?endplate))?\s+(?:to|through)\s+(?:the\s+)?(?:(?:mid|upper|lower|superior"
     rf"|inferior)\s+)?{_LV}{_NOT_MRI}", "span"),
    # spans: "C7-T9", "L4-5", "T12/L1", "from T2 through T4", "T10 to the pelvis"
    (rf"\b(?:from\s+)?{_LV}{_SPAN_SEP}{_SPAN_END}(?:\s*-\s*(?:{_LV}|(?:1[0-2]|[1-9])(?![\w]|\.\d)(?!\s*(?:mm|cm|%)\b)))*"
     rf"{_NOT_MRI}", "span"),
    # junctions named for the levels they join
    (r"\b(?:the\s+)?(?:lumbosacral|cervicothoracic|thoracolumbar|craniocervical|occipitocervical)\s+junction\b", "junction"),
    (rf"\b{_LV}{_NOT_MRI}", "single"),
    # a segment written with its two numbers run together: "C45", "L34" (consecutive numbers; T12 is a level)
    (r"\b(?:[Cc](?:12|23|34|45|56|67|78)|[Ll](?:12|23|34|45))\b", "fused"),
    # a level named by its ordinal: "the fifth lumbar vertebra", "the second cervical vertebra"
    (r"\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth)\s+(?:cervical|thoracic"
     r"|lumbar|sacral)\s+(?:vertebra|vertebrae|vertebral\s+body|segment|level)\b", "ordinal"),
]

# --- implants -----------------------------------------------------------------------------------
# kind: a spinekg implant type (ontology local name), or Hardware (unspecified), Device (an unnamed
# device: a connector when the sentence speaks of connecting rods), Wire (a stimulator lead when the
# report has a stimulator), Other (named but outside the case format: crosslinks, hooks, cerclage).
_SCREW_ADJ = (r"(?:(?:iliac|s2ai|alar[\s-]*iliac|vertebral[\s-]+body|sacral|sacroiliac|cortical|facet|"
              r"translaminar|transarticular|pars|odontoid|polyaxial|monoaxial|uniaxial|cannulated|"
              r"fenestrated|cement(?:ed)?[\s-]*augmented|bone|lag|anchor(?:ing)?|interference|cervical|"
              r"thoracic|lumbar|plate|plate[\s-]+fixation|cage|integrated|integrated[\s-]+cage)[\s-]+)")
_OTHER_CONNECTORS = r"\b(?:offset|lateral)\s+connectors?\b"  # outside the case format (`extractor._unlisted`)
CONNECTOR_OTHER = re.compile(_OTHER_CONNECTORS, re.I)
IMPLANT_PATTERNS = [
    (r"\b(?:cement(?:ed)?[\s-]*augmented\s+)?(?:trans)?pedic(?:le|ular)[\s-]+screws?\b", "PedicleScrew"),
    # the literature's abbreviations for (percutaneous) pedicle screws, only before a word about the screw: "PS loosening",
    # "PS instrumentation", "pps deviation"
    (r"\b(?:(?-i:P?PSs?)|pps)\b(?=\s+(?:loosening|instrumentation|fixation|placement|insertion|breakage|fractures?|"
     r"malposition\w*|misplacement|pull-?out|removal|displacement|deviations?|trajectory|placements?)\b)"
     # and counted or plural, which no other PPS is: "Of the 292 PPSs, only 12 were misplaced"
     r"|(?-i:\bPPSs\b|(?<=\d\s)PPS\b)", "PedicleScrew"),
    (r"\blateral[\s-]+mass[\s-]+screws?\b|(?-i:\bLMSs?\b)", "LateralMassScrew"),
    (r"\bnut[\s-]+screws?\b|\bscrew[\s-]+(?:nuts?|caps?)\b|\bcap[\s-]+screws?\b|\bset[\s-]?screws?\b|\blocking[\s-]+(?:caps?|nuts?|screws?)\b|\bnuts?\b|\bend[\s-]?caps?\b|\bclosure[\s-]+(?:caps?|tops?)\b"
     r"|\bpedicle[\s-]+caps?\b"  # ("the pedicle caps had come off")
     r"|\bblockers?\b",  # a blocker locks the rod in the screw head: a set screw
     "SetScrew"),
    (rf"\b{_SCREW_ADJ}*screws?\b", "Screw"),
    (r"\b(?-i:S2AISs?|SAISs?)\b", "Screw"),  # S2 alar-iliac screw
    (r"\b(?:iliac\s+)?bolts?\b(?![\s-]+cutters?\b)|\btulips?\b|\bscrew[\s-]+heads?\b|\btulip[\s-]+heads?\b|\bpoly-?axial\s+heads?\b", "Screw"),
    (r"\brod[\s-]*to[\s-]*rod(?:[\s-]+connectors?)?\b|\bdomino(?:e?s)?(?:[\s-]+connectors?)?\b"
     r"|\b(?:side[\s-]*to[\s-]*side|tandem|axial|in[\s-]?line|parallel|rod)[\s-]+connectors?\b"
     # (not a pump catheter's: "pump-catheter connector defects")
     r"|(?<!catheter\s)(?<!catheter-)(?<!\bpump\s)(?<!\bpump-)\bconnectors?\b|\bconnecting\s+devices?\b", "RodToRodConnector"),
    (r"\bcross[\s-]*(?:links?|linkage|connectors?|bars?)\b|\btransverse\s+connectors?\b", "TransverseConnector"),
    (r"\b(?:(?:laminar|sublaminar|supralaminar|pedicle|transverse\s+process|spinal)\s+)?hooks?\b", "Hook"),
    (r"\b(?:sublaminar|cerclage|spinous\s+process)\s+(?:wires?|cables?|bands?)\b|\bcables?\b"
     # a magnetically controlled growing rod's parts: "actuator pin fracture", "complete magnet fracture", "endcap separation"
     # a disc prosthesis's parts: "anterior luxation of the polyethylene insert", "a subluxation of the PE core"
     r"|\b(?:polyethylene|(?-i:PE))\s+(?:inlays?|inserts?|cores?|liners?)\b"
     # a vertebral body tether's cord (not a tethered spinal cord): "tether breakage", "tether rupture"
     r"|\btethers?\b(?![\s-]+cord\s+syndrome)"
     r"|\b(?:actuator|lengthening|drive)\s+pins?\b|\b(?:internal\s+)?magnets?\b(?!\s+resonance)|\bactuator\s+(?:end[\s-]?caps?|seals?)\b"
     r"|" + _OTHER_CONNECTORS +
     # an intrathecal drug pump's catheter (not a shunt's, a vein's or the bladder's): "the catheter tip had migrated
     # caudally", "a sheared intrathecal catheter" (round 33)
     r"|(?<!\bshunt\s)(?<!\bfoley\s)(?<!\burinary\s)(?<!\bvenous\s)(?<!\bcentral\s)(?<!\barterial\s)(?<!\bbladder\s)"
     r"(?<!\bureteral\s)(?<!\bdialysis\s)(?<!\bsuction\s)(?<!\bperitoneal\s)\bcatheters?\b", "Other"),
    # ("Both growing rods have broken": the growing rod's words are the rod's, not a verb between "both" and it)
    (r"\b(?:(?:spinal|longitudinal|connecting|fusion|titanium|cobalt[\s-]+chrome|outrigger|satellite|"
     r"accessory|kickstand|(?:magnetically[\s-]+controlled\s+)?growing)\s+)?rods?\b", "Rod"),
    (r"(?-i:\bMCGRs?\b)", "Rod"),  # magnetically controlled growing rod
    # (an interspinous spacer is no interbody cage: the construct's hardware, below)
    (r"(?<!\binterspinous\s)(?<!\binter-spinous\s)(?<!\bprocess\s)(?<!\bX-Stop\s)(?<!\bXStop\s)"
     r"\b(?:(?:interbody|intervertebral|intradiscal|tlif|plif|alif|xlif|olif|llif|dlif|peek|titanium|"
     r"expandable|structural|banana|lordotic)[\s-]+)*(?:cages?|spacers?)\b"
     r"|\binterbody\s+(?:devices?|grafts?|implants?|fusion\s+devices?)\b|\bcorpectomy\s+(?:cages?|devices?)\b"
     r"|\b(?-i:TMCs?)\b"  # titanium mesh cage
     # a vertebral body replacement (device) and its abbreviations (VBR, VBRD, VBDR)
     r"|\bvertebral\s+body\s+replacements?(?:\s+(?:devices?|implants?|cages?))?\b|\b(?-i:VBR(?:Ds?|s)?|VBDRs?)\b"
     # an artificial vertebral body replaces one, as a corpectomy cage does: "The 3D-printed vertebral bodies were all stable"
     r"|\b(?:3D[\s-]*printed|artificial|prosthetic)\s+vertebral\s+bod(?:y|ies)\b",
     "InterbodyCage"),
    # "the plate screw(s)" are screws of the plate, not the plate
    (r"\b(?:(?:anterior|cervical|acdf|locking|buttress|anterolateral|lateral|fixation)\s+)*plates?\b(?!\s*-?\s*(?:like|let))"
     r"(?![\s-]+screws?\b)"
     # the plate named as the system it belongs to: "the anterior cervical plating system"
     r"|\b(?:(?:anterior|cervical|locking)\s+)*plating\s+(?:systems?|constructs?|devices?)\b", "Plate"),
    (r"\b(?:spinal[\s-]+cord|dorsal[\s-]+column)[\s-]+stimulat(?:ors?|ion\s+(?:system|device))\b|\bneuro-?stimulators?\b"
     r"|\bstimulators?\b|(?-i:\bSCS\b)", "SpinalCordStimulator"),
    # (and a wireless system's receiver, round 30: "The receiver of the wireless stimulator had migrated 3 cm caudally"; not
    # a receiver operating characteristic)
    (r"\b(?:implantable\s+)?pulse[\s-]+generators?\b|(?-i:\bIPGs?\b)|\b(?:stimulator\s+)?(?:battery|generators?)\b"
     r"|\b(?:(?:wireless|implanted|rf)\s+)?receivers?\b(?!\s+operating)", "ImplantablePulseGenerator"),
    (r"\b(?:(?:(?:spinal[\s-]+cord|dorsal[\s-]+column)[\s-]+)?(?:stimulator|stimulating|stimulation|scs|paddle|percutaneous|epidural|cylindrical|octa-?polar|"
     r"quadri-?polar|octrode|surgical|cervical|thoracic)[\s-]+)*(?:leads?(?!\s+to\b)|electrodes?(?:\s+arrays?)?)\b"
     # (a brand's eight-contact lead named alone: "the octrode had migrated caudally from T8 to T10")
     r"|\bpaddles?\b|\belectrode\s+arrays?\b|\boctrodes?\b", "StimulatorLead"),
    (r"\b(?:(?:spinal[\s-]+cord|dorsal[\s-]+column)[\s-]+)?stimulator[\s-]+(?:wires?|cables?)\b", "StimulatorLead"),
    # a stimulator's lead extension, a wire too: "extension cable breakage", "distal extension cable disconnection"
    (r"\b(?:(?:lead|percutaneous)[\s-]+)?extension[\s-]+(?:cables?|wires?|leads?|connectors?)\b|\blead[\s-]+extensions?\b",
     "StimulatorLead"),
    (r"\bleads?\b", "LeadWord"),
    # ("films confirmed the array had migrated cephalad to T6": a stimulator's electrode array when the report speaks of
    # stimulation)
    (r"(?<=\bthe\s)arrays?\b", "Wire"),
    # ("The extension had fractured where it crossed the iliac crest", "a disconnection or fracture of the extension", round
    # 30: a stimulator's lead extension named alone; not a movement, a view or a fusion's: "flexion and extension", "the
    # extension of the fusion to L2")
    # ("fracture of both extensions", "the explanted extension", round 32)
    (r"(?:(?<=\bthe\s)|(?<=\bthe\sleft\s)|(?<=\bthe\sright\s)|(?<=\bboth\s)|(?<=\bthe\sexplanted\s)|(?<=\bthe\sdistal\s)"
     r"|(?<=\bthe\sproximal\s))extensions?\b"
     r"(?!\s+(?:of|to|into|from|views?|films?|radiographs?|images?|series)\b)", "Wire"),
    (r"\bwires?\b", "Wire"),
    (r"\b(?:(?:spinal|fusion|orthopedic|orthopaedic|surgical|posterior|anterior|metallic|spinal\s+fusion)\s+){0,2}"
     r"(?:hardware|instrumentation)\b|\bconstructs?\b|(?<!\bat\s)(?<!\bpost-)\bimplants?\b(?![\s-]+to[\s-]+bone)|\bfixation\s+devices?\b"
     r"|\bhw\b|\bh/w\b"  # shorthand: "Intact L4-5 hw"
     r"|\b(?:osteosynthesis|metalwork)(?:\s+material)?\b|\bfixation\s+materials?\b|\bscrew[\s-]+rod\s+(?:system|construct)s?\b"
     r"|\bmetal\b(?=\s+(?:failure|breakage|fatigue))"  # "re-reoperation due to metal failure"
     r"|\bfixation\b(?=\s+loosening\b)"  # "there was fixation loosening and interbody absorption" (round 33)
     # a disc prosthesis (the case format's hardware): "cervical disc arthroplasty failure", "the CDA had displaced"
     r"|\b(?:(?:cervical|lumbar)\s+)?(?:total\s+)?dis[ck]\s+(?:arthroplast(?:y|ies)|prosthes[ie]s|replacements?)(?:\s+devices?)?\b"
     # ("subsidence of the C6-7 arthroplasty", round 31: a segment's arthroplasty is its prosthesis)
     r"|(?<=\bthe\s[CTL]\d-\d\s)arthroplast(?:y|ies)\b|(?<=\bthe\s[CTL]\d-[CTL]\d\s)arthroplast(?:y|ies)\b"
     r"|\barthroplasty\s+devices?\b|\bartificial\s+dis[ck]s?\b|(?-i:\b(?:CDAs?|C-?TDRs?|TDRs?|ADRs?)\b)|\b(?:cervical|lumbar)\s+arthroplast(?:y|ies)\b"
     # disc prostheses by name: "the M6-C prosthesis", "two BRYAN Cervical Disc", "ProDisc-L"
     r"|\b(?:M6-?[CL]|ProDisc(?:-?[CL])?|Mobi-?C|Baguera(?:-?C)?|Secure-?C|Kineflex(?:-?C)?|Charit[eé]|activ-?L)\b"
     r"(?:\s+(?:cervical\s+)?(?:dis[ck]s?|prosthes[ie]s|devices?|implants?|arthroplast(?:y|ies)))?"
     r"|\b(?:Bryan|Prestige(?:\s+(?:ST|LP))?)\s*(?:©|®)?\s+(?:cervical\s+)?(?:dis[ck]s?|prosthes[ie]s|devices?|implants?|arthroplast(?:y|ies))\b"
     # a prosthesis named alone is the report's disc prosthesis ("two cases of prosthesis dislocation"), not a joint's
     r"|(?<!\bhip\s)(?<!\bknee\s)(?<!\bshoulder\s)(?<!\bhumeral\s)(?<!\bfemoral\s)(?<!\belbow\s)(?<!\bankle\s)(?<!\bjoint\s)"
     r"(?<!\bbreast\s)(?<!\bdental\s)(?<!\bpenile\s)(?<!\bvalve\s)(?<!\bvalvular\s)(?<!\blimb\s)(?<!\bvascular\s)"
     r"(?<!\baortic\s)(?<!\bocular\s)(?<!\bvoice\s)(?<!\bmitral\s)(?<!\bhead\s)\bprosthes[ie]s\b"
     # an interspinous spacer or device: "the interspinous spacer at L4-5 has dislodged", "the X-Stop spacer"
     r"|\binter-?spinous\s+(?:process\s+)?(?:spacers?|devices?|implants?|distraction\s+devices?)\b"
     r"|\bX-?Stop(?:\s+(?:spacers?|devices?|implants?))?\b|\bcoflex(?:\s+(?:spacers?|devices?|implants?))?\b"  # ("An X-Stop
     # that dislodged")
     # the adjective of instrumentation before a finding noun: "14 instrumental failures"
     r"|\binstrumental\b(?=\s+(?:failures?|complications?|loosening|breakage|fractures?|migration))"
     # the internal fixation as a thing (not the procedure: "open reduction and internal fixation", "internal fixation
     # surgery"): "the anterior internal fixation was detached"
     r"|(?<!reduction\sand\s)(?<!reduction\s&\s)\binternal\s+fixation\b(?!\s+(?:surgery|procedures?|operations?|techniques?|of|for|with)\b)",
     "Hardware"),
    (r"\bdevices?\b", "Device"),
]

# --- sides, directions, structures, measurements ------------------------------------------------------
# a short side's place: right before an implant's words or a level ("R S1 pedicle screw", "Lt S2AI screw", "lucency R L5")
_BEFORE_ITS_IMPLANT = (r"(?=\s+(?:(?:[\w-]+|[CTLS]\d{1,2})\s+){0,3}?(?:screws?|rods?|leads?|plates?|connectors?|dominos?|hooks?"
                       r"|cages?|spacers?|implants?|paddles?)\b"
                       r"|\s+(?-i:[CTLS]\d{1,2})\b)")
SIDE_PATTERNS = [
    # ("right greater than left", "the right more than the left", "left worse than right")
    (r"\b(?:left|right)[\s-]+(?:greater|more|worse)\s+than\s+(?:the\s+)?(?:left|right)\b", "Bilateral"),
    # not the verb: "the cage was left in place", "had been left behind"
    (r"(?<!\bwas\s)(?<!\bwere\s)(?<!\bbeen\s)(?<!\bbe\s)(?<!\bis\s)(?<!\bare\s)\bleft(?:[\s-]+sided)?\b"
     r"(?!\s+(?:in\s+(?:place|situ)|behind|alone|untouched|unchanged|as\s+it\s+was))", "Left"),
    (r"\bright(?:[\s-]+sided)?\b", "Right"),
    # (not one side or the other, in a cohort: "one or both rods broke", "either unilaterally (N = 2) or bilaterally")
    # ("The L2 screws of both side were pulled out", round 31: a writer's singular)
    (r"(?<!\bor\s)\bbi-?lateral(?:ly)?\b(?!\s+or\s+uni-?lateral)|\bon\s+both\s+sides?\b|\bboth\s+sides?\b"
     r"|\b(?:on\s+)?(?:each|either)\s+side\b", "Bilateral"),
    # (not "both right-sided set screws, at L4 and L5": the two of one side)
    (r"(?<!\bone\sor\s)\bboth\b(?!\s+[\w-]+\s+(?:and|&)\s)(?!\s+(?:left|right)(?:[\s-]+sided)?\b)"
     r"(?=\s+(?:of\s+the\s+)?(?:[\w-]+\s+){0,3}?(?:screws?|rods?|connectors?|dominos?|leads?|set\s*screws?|bolts?))",
     "Bilateral"),
    (r"(?<=\bare )both\b(?!\s+(?:the|of)\b)", "Bilateral"),
    (r"(?<!\bof\s)(?<!\bof\sthe\s)\bmidline\b", "Midline"),  # (not "to the right of midline", a place)
    # the shorthand of terse reports, right before an implant's words: "R screw fractured", "halo along the L
    # transarticular screw"
    # ("R S1 pedicle screw breaches ...")
    # ("Lt S1 screw breaches ...", "R S2AI screw", and before a level alone: "Periscrew lucency R L5 2 mm")
    (r"(?-i:\b(?:R|Rt)\b)" + _BEFORE_ITS_IMPLANT, "Right"),
    (r"(?-i:\b(?:L|Lt)\b)" + _BEFORE_ITS_IMPLANT, "Left"),
    # the shorthand side after "on", before "side" or alone in brackets: "Rod fx on L at L4-5", "Domino T12 L side",
    # "C6 plate scr (R, inferior) fractured"
    (r"(?-i:(?:(?<=\bon\s)|(?<=\())(?:R|Rt)\b)(?=\s*(?:[,.;)]|$)|\s+at\b)|(?-i:\b(?:R|Rt)\b)(?=\s+side\b)", "Right"),
    (r"(?-i:(?:(?<=\bon\s)|(?<=\())(?:L|Lt)\b)(?=\s*(?:[,.;)]|$)|\s+at\b)|(?-i:\b(?:L|Lt)\b)(?=\s+side\b)", "Left"),
    (r"(?-i:\b[R]-sided\b)", "Right"),
    (r"(?-i:\b[L]-sided\b)", "Left"),
    (r"\bbilat\b\.?|(?<![\w/])b/l(?![\w/])", "Bilateral"),  # "Bilat L4, L5, S1 pedicle screws", "Loosening of b/l S1 screws"
    # ("There was no fracture of either rod")
    (r"\beither\b(?=\s+(?:of\s+the\s+)?(?:rods?|screws?|leads?|connectors?|dominos?)\b)", "Bilateral"),
    # ("no lucency around either of the C1 lateral mass screws", round 33; not "neither rod", which the sets read as one
    # denial without a side)
    (r"\beither\b(?=\s+of\s+the\s+(?:[\w-]+\s+){1,3}?(?:rods?|screws?|leads?|connectors?|dominos?)\b)", "Bilateral"),
]

DIRECTION_WORDS = {
    "medial": "Medial", "lateral": "Lateral", "anterior": "Anterior", "posterior": "Posterior",
    "superior": "Superior", "inferior": "Inferior", "cranial": "Superior", "caudal": "Inferior",
    "cephalad": "Superior", "cephalic": "Superior", "rostral": "Superior", "dorsal": "Posterior",
    "ventral": "Anterior", "posteromedial": "Posteromedial", "posterolateral": "Posterolateral",
    "anteromedial": "Anteromedial", "anterolateral": "Anterolateral", "medialward": "Medial",
    "upward": "Superior", "downward": "Inferior", "inward": "Medial", "outward": "Lateral",
    # along the spine, proximal is cranial and distal caudal ("the rod migrated distally", "proximal migration")
    "proximal": "Superior", "distal": "Inferior", "forward": "Anterior", "backward": "Posterior",
}
DIRECTION_PATTERNS = [
    (r"\b(?:postero|antero|dorso|ventro)[\s-]?(?:medial|lateral)(?:ly)?\b", "compound"),
    # (not a procedure's approach: "after the posterior stabilization procedure"; nor the dorsal spine, the thoracic)
    (r"\b(?:medial|lateral|anterior|posterior|superior|inferior|cranial|caudal|cephalad|cephalic|rostral|dorsal|ventral)(?:ly)?\b"
     r"(?!\s+(?:(?:spinal|lumbar|cervical|thoracic|thoracolumbar|instrumented|pedicle\s+screw)\s+)?(?:stabili[sz]ation|fusion"
     r"|approach|procedure|surgery|decompression|arthrodesis|spine|fixation|instrumentation)\b)"
     # (nor a structure's name: "a dorsal root ganglion stimulator", "dorsal column stimulation", round 30)
     r"(?<!\bdorsal)(?!\s+(?:root|column|horn|ramus|rami)\b)"
     r"|\bdorsal(?!\s+(?:root|column|horn|ramus|rami)\b)(?!\s+(?:(?:spinal|lumbar|cervical|thoracic|thoracolumbar|instrumented"
     r"|pedicle\s+screw)\s+)?(?:stabili[sz]ation|fusion|approach|procedure|surgery|decompression|arthrodesis|spine|fixation"
     r"|instrumentation)\b)",
     "simple"),
    # a movement's way: adverbs, and "proximal"/"distal" only right before a word of movement ("the proximal screws" is
    # where screws are; and so is the end of a construct that pulled out: "Proximal pull-out of both T3 pedicle screws",
    # round 32)
    (r"\b(?:proximally|distally|upwards?|downwards?|forwards?|backwards?|inwards?|outwards?)\b"
     r"|\b(?:proximal|distal)\b(?=\s+(?:migration|displacement|dislodge?ment|dislocation|shift|movement|slippage|translation"
     r"|subluxation)\b)", "movement"),
]

STRUCTURE_PATTERNS = [
    # (not the pedicle of "a medial pedicle breach", which is the breach's word, nor of "the superior pedicle screw",
    # which is the implant's)
    (r"\b(?:(?:medial|lateral|inferior|superior)\s+)?pedic(?:le|ular)s?(?:\s+(?:walls?|cortex|cortices|margins?))?\b"
     r"(?!\s+(?:breach|screws?)\b)", "pedicle"),
    (r"\bvertebral\s+bod(?:y|ies)\b|\bbod(?:y|ies)\b", "vertebral body"),
    (r"\b(?:spinal|vertebral|central)\s+canal\b|(?<!hypoglossal\s)(?<!artery\s)\bcanal\b|\bepidural\s+space\b|\bthecal\s+sac\b",
     "spinal canal"),
    (r"\blamin(?:a|ae|as)\b", "lamina"),
    (r"\blateral\s+mass(?:es)?\b", "lateral mass"),
    (r"\b(?:neural\s+)?foram(?:en|ina)\b|\btransverse\s+foram(?:en|ina)\b|\blateral\s+recess(?:es)?\b", "foramen"),
    (r"\bend[\s-]?plates?\b", "endplate"),
    (r"\bcort(?:ex|ices|ical\s+(?:margin|wall|surface))\b", "cortex"),
    (r"\bdis[ck]\s+spaces?\b|\bdis[ck]s?\b|\binterspaces?\b", "disc"),
]

_NUM = r"(?:\d+(?:\.\d+)?|\.\d+)"
_UNIT = r"(?:mm|cm|millimet(?:er|re)s?|centimet(?:er|re)s?)"
_WORDNUM = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|a\s+few)"
# a count as a word of its own, in digits or letters ("18 breaks", "Eleven thoracic breaks", "and 85 patients did not")
COUNT_WORD = (r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty|thirty|forty|fifty"
              r"|several|multiple)")
MEASURE_PATTERNS = [
    # (not a span's last number: "L3-4 - 2 mm subsidence")
    (rf"(?<![\w.×-])(?:up\s+to\s+)?{_NUM}\s*(?:-|–|to)\s*{_NUM}\s*-?\s*{_UNIT}\b", "range"),
    (rf"(?<![\w.×]){_NUM}\s*-?\s*{_UNIT}\b", "value"),
    (rf"\b{_WORDNUM}\s+{_UNIT}\b", "words"),
]
WORD_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10}

# --- findings -------------------------------------------------------------------------------------
# family: what the words say; the extractor turns a family into a finding type by the implant it is
# about (a rod "subluxed" out of a connector is a rod connector finding, a cage "displaced" a migration).
_DIRW = (r"(?:(?:postero|antero)[\s-]?)?(?:medial|lateral|anterior|posterior|inferior|superior|ventral|dorsal)")


_IMPLANT_NOUNS_ABSENT = r"(?:screws?|rods?|cages?|spacers?|plates?|hooks?|leads?|electrodes?|connectors?)"


def _right_after(*words: str, comma: bool = False, hyphen: bool = False) -> str:
    """A pattern that matches right after one of the words and a space (or a comma and a space, or a hyphen): Python's
    look-behind takes fixed widths only, so one per word."""
    seps = (r"\s",) + ((r",\s",) if comma else ()) + ((r"-",) if hyphen else ())
    return "(?:" + "|".join(rf"(?<=\b{w}{sep})" for w in words for sep in seps) + ")"


# the words after which "yet" is an adverb, not a contrast that ends a clause: "the rod had not yet come out"
BEFORE_AN_ADVERB_YET = ("not", "n't", "as", "had", "has", "have", "never", "no")
# a place on a vertebra where a lead's tip lies: "at the upper border of T8", "at the superior endplate of T8", "at mid-T10"
PLACE_ON_A_VERTEBRA = (r"(?:the\s+)?(?:(?:top|middle|bottom|upper|lower|superior|inferior|cranial|caudal)\s+(?:border|margin"
                       r"|aspect|edge|third|half|part|portion|end)\s+of\s+(?:the\s+)?)?(?:(?:top|middle|bottom)\s+of\s+(?:the\s+)?)?"
                       r"(?:level\s+of\s+(?:the\s+)?)?(?:(?:mid|upper|lower|superior|inferior)[\s-]+)?(?:endplate\s+of\s+)?")
_ON_A_VERTEBRA = PLACE_ON_A_VERTEBRA + r"[CTL]\d{1,2}\b"
_AFTER_A_LEAD = _right_after("lead", "leads", "paddle", "paddles", "electrode", "electrodes", "array", "arrays", "contacts")
# Hollow organs away from the spine (an implant in or through one has left its bed), the organs no spinal implant is
# placed in (also a lung, the pleura, the mediastinum, where a screw may lie beside its vertebra), and regions of the
# body where a rod, screw, cage or plate has no place (a pulse generator and the leads' extensions do: the extractor
# keeps those out)
# the heart and the skull's cavity, where no spinal implant or lead belongs: "the wire was found in the right ventricle",
# "migration into the posterior cranial fossa"
_FAR_ORGANS = (r"(?:heart|cardiac\s+(?:chambers?|cavity)|(?:right|left)\s+(?:ventricle|atrium)|pulmonary\s+arter(?:y|ies)"
               r"|(?:posterior\s+|middle\s+|anterior\s+)?cranial\s+(?:fossa|cavity|vault)|brain(?:stem)?|cerebellum"
               r"|thoracic\s+cavity|chest\s+cavity|thorax)")
_HOLLOW_ORGANS = (r"(?:pharyn(?:x|geal)|hypopharyn(?:x|geal)|p[iy]riform\s+(?:sinus|fossa|recess)|(?:o)?esophag(?:us|eal)|stomach|gastric|bowel|intestin(?:e|al)"
                  r"|colon|colonic|sigmoid|rectum|rectal|(?:retro|intra)?peritone(?:um|al)|bladder|trachea[l]?|gastrointestinal"
                  r"|gi|aerodigestive|airways?|bronch(?:us|i|ial)|kidneys?|renal|ureters?)")
_ORGANS = rf"(?:{_HOLLOW_ORGANS}|lungs?|pleura[el]?|diaphragm(?:atic)?|mediastin(?:um|al)|{_FAR_ORGANS})"
HOLLOW_ORGAN_WORD = re.compile(_HOLLOW_ORGANS, re.I)  # ("the posterior pharyngeal wall": a side of an organ, no direction)
# the words before an organ's name: "in the wall of the hypopharynx", "through the posterior membrane of the tracheal wall"
_AN_ORGANS_WALL = (r"(?:[\w-]+\s+){0,2}?(?:(?:wall|lumen|membrane|mucosa|submucosa)\s+of\s+(?:the\s+|his\s+|her\s+)?"
                   r"(?:[\w-]+\s+)?)?")
_BODY_REGIONS = (r"(?:abdomen|abdominal\s+(?:cavity|quadrant|wall)|(?:gluteal|buttock)\s+(?:region|area|muscles?|soft\s+tissues?)"
                 r"|buttocks?|thighs?|groin|toilet|urine|stool|feces|faeces)")

# the construct as a whole after "complication of", not an operation on it: "of the spinal instrumentation" (not "of the
# fixation surgery", round 33)
_THE_HARDWARE = (r"(?:the|its|their)\s+(?:[\w-]+\s+){0,2}?(?:hardware|implants?|instrumentation|constructs?|fixation)\b"
                 r"(?!\s+(?:surgery|surgeries|procedures?|placement|insertion|removal|techniques?|fusion|operations?)\b)")

# a look-behind is of one width, so the counting words are grouped by length
_COUNTED_FAILED = "|".join(
    rf"(?<=\b(?:{'|'.join(words)})\s)(?:(?:mechanically|both)\s+)?failed\s+(?=(?:[\w-]+\s+){{0,2}}?"
    r"(?:rods?|screws?|plates?|cages?)\b(?!\s+(?:placement|insertion|fixation|trajector)))"
    # ("a failed TLIF cage", round 33)
    for words in (("the", "two", "six", "ten", "all"), ("four", "five", "nine"),
                  ("these", "those", "three", "seven", "eight"), (r"\d", "a"), ("an",)))


FINDING_PATTERNS = [
    # lucency and its synonyms
    (r"\b(?:peri[\s-]?(?:screw|implant|hardware|prosthetic|cage)\s+)?(?:radio)?lucenc(?:y|ies)\b", "lucency"),
    (r"\b(?:radio)?lucent\s+(?:zones?|rims?|halos?|lines?|bands?|areas?|regions?|margins?|collars?|tracks?)\b", "lucency"),
    # a screw's tract widened around it: "surrounded by a 2-mm widened tract", "widening of the screw tract" (round 32)
    # (not a tract a surgeon found enlarged: "rotated freely within an enlarged tract")
    (r"\bwidened\s+(?:screw\s+)?(?:tracts?|tracks?|channels?)\b|\bwidening\s+of\s+(?:the\s+)?(?:screw\s+)?"
     r"(?:tracts?|tracks?|channels?)\b", "lucency"),
    (r"\b(?:double\s+)?halo(?:s|es|ing)?(?:\s+(?:sign|artifact|phenomen(?:on|a)|appearance|formation))?\b", "lucency"),
    # lay words for a gap around an implant: "voids around the screws", "a shadow around the ends of the screws"
    (r"\b(?:voids?|(?:dark\s+)?shadows?|dark\s+(?:areas?|rims?|lines?))\s+(?=(?:around|surrounding|about)\b)", "lucency"),
    (r"\bclear\s+zones?\b|\b(?:peri[\s-]?(?:screw|implant|hardware)\s+)?osteolysis\b|\b(?:bone|bony|osseous)\s+resorption\b"
     r"|\bresorption\s+of\s+(?:the\s+)?(?:surrounding\s+|adjacent\s+)?bone\b(?!\s+grafts?)|\bosteolytic\s+(?:change|area|zone)s?\b"
     r"|\bperi[\s-]?(?:screw|implant|hardware)\s+(?:radio)?lucent\b", "lucency"),
    # loosening
    # ("At revision both S1 screws spun freely")
    (r"\bloosen(?:ing|ed|s)?\b|\bloose\b|\b(?:spun|spins?|spinning|rotated|rotates?|rotating|turned|turns?)\s+freely\b|\b(?:hyper)?mobil(?:e|ity)\b|\bmov(?:e)?able\b|\btoggl(?:e|es|ed|ing)\b|\bwobbl\w*\b(?!\s+(?:gait|walk\w*|legs?))"
     r"|\b(?:implant|screw|hardware|cage|plate|rod)s?\s+(?:motion|movement|micro-?motion)\b"
     r"|\bmotion\b(?=\s+(?:at|of|around)\s+(?:any|the|a|either|each)\s+(?:[\w-]+\s+)?screws?\b)"  # ("no motion at any screw")
     # an implant that moves against its bone: "motion between the plate and the C5 body"
     r"|\b(?:motion|movement|micro-?motion)\b(?=\s+between\s+(?:the\s+)?(?:[\w-]+\s+)?(?:plates?|cages?|spacers?|screws?|rods?|implants?"
     r"|hardware|constructs?)\s+and\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:bone|bod(?:y|ies)|vertebra\w*|endplates?|[CTLS]\d{1,2})\b)"
     r"|\b(?:implant|hardware|construct|screw|fixation)\s+instability\b"
     r"|\b(?:instability|destabili[sz]ation)\s+of\s+(?:the\s+)?(?:[\w-]+\s+)?(?:implants?|hardware|constructs?|screws?|fixation)\b"
     # a screw that no longer holds in its bone: "the screws had lost purchase", "loss of screw purchase"
     r"|\b(?:lost|loss\s+of|losing|loses)\s+(?:(?:its|their|the|screw|bony|bone|distal|proximal)\s+)*purchase\b"
     # a common misspelling: "due to loosing of pedicle screws"
     r"|\bloosing\b(?=\s+(?:of\s+)?(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:screws?|rods?|implants?|hardware|instrumentation)\b)", "loosening"),
    # position: breach, not contained, outside / lateral to the pedicle or body
    (r"\b(?:cortical\s+|pedicle\s+|pedicular\s+)?breach(?:es|ed|ing)?\b"
     r"|\b(?:cortical\s+|pedicle\s+|pedicular\s+|medial\s+|lateral\s+|anterior\s+|inferior\s+|superior\s+)breech(?:es)?\b|\bbreech(?:es)?\s+of\b"
     r"|\b(?:lateral|medial)i[sz]ed\b|\bviolat(?:e|es|ed|ing|ion)\b"
     r"|\bperforat(?:e|es|ed|ing|ion)\b|\bpenetrat(?:e|es|ed|ing|ion)\b"
     # "the tip of the left titanium rod intruded into the intracranial region" (not a cage into its endplate, a subsidence)
     r"|\bintru(?:de|des|ded|ding|sion)\s+into\b(?!\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:end-?plates?|bod(?:y|ies)|disc|vertebra\w*)\b)"
     # (not a lead's course out of its anchor or needle: "at L2 where it exits the anchor")
     # (nor a person leaving a place: "The patient exited the hospital on day 3")
     r"|(?<!where\sit\s)\bexit(?:s|ed)?\b(?!\s+(?:the\s+|its\s+|his\s+|her\s+)?(?:anchors?|needle|introducer|skin|fascia|incision"
     r"|sheath|hospital|room|building|clinic|office|ward|theat(?:re|er)|car|vehicle|door|study|trial)\b)|\bexiting\b"
     # a screw that deviated out of its course, with the way or the place it went ("The left S1 screw deviated
     # posteromedially into the first sacral foramen", round 37)
     rf"|\bdeviat(?:ed|es|ing)\b(?=\s+(?:(?:{_DIRW}|cranial|caudal)ly\s+)?(?:into|through|out\s+of|beyond)\b)"
     # "lateral cortical screw breakthrough", "the screw broke through the medial wall" (not "breakthrough pain")
     r"|\bbreak[\s-]?throughs?\b(?!\s+(?:pain|seizures?|bleeding|infections?|symptoms?|fractures?))"
     r"|\b(?:broke|breaks|breaking)\s+through\b"
     r"|\bmal-?position(?:ed|ing)?\b|\bmal-?placed\b|\bmal-?placement\b|\bmis-?placed\b|\bmis-?placement\b|\bmis-?place\b"
     r"|\bmis-?direct(?:ed|ion)\b|\bmal-?direct(?:ed|ion)\b|\bmal-?align(?:ed|ment)\b|\b(?<!standard\s)deviations?\b"
     # an errant screw has left its course: "removal of an errant intra-vascular pedicle screw in the thoracic aorta"
     r"|\berrant\b(?=\s+(?:[\w-]+\s+){0,4}?(?:screws?|rods?|hooks?|implants?|hardware|instrumentation)\b)"
     r"|\b(?:poorly|improperly|incorrectly|inaccurately|suboptimally|inappropriately|wrongly)\s+(?:placed|positioned|inserted|directed|sited)\b"
     # "58 pedicle screws (40.3%) were detected to be improper placement", "Extra-pedicle placement was found on 4 levels"
     # (and a wrong course: "no instances of wrong trajectory of the screw", "aberrant iliac screw trajectory", round 33)
     r"|\b(?:improper|incorrect|inaccurate|suboptimal|inappropriate|dangerous|unacceptable|aberrant|wrong|errant)\s+"
     r"(?:(?:iliac|pedicle|screw|s2ai|sacral)\s+){0,2}trajector(?:y|ies)\b"
     r"|\b(?:improper|incorrect|inaccurate|suboptimal|inappropriate|dangerous|unacceptable|aberrant)\s+(?:placement|positioning"
     r"|insertion)\b"
     # the same of the implant named between ("inaccurate screw placement", "horribly wrong pedicle screw insertion", round 37)
     r"|\b(?:improper|incorrect|inaccurate|suboptimal|inappropriate|unacceptable|aberrant|wrong|faulty|poor)"
     r"(?=\s+(?:pedicle\s+|lateral\s+mass\s+|iliac\s+|sacral\s+)?screws?\s+(?:placement|positioning|position|insertion)\b)"
     r"|\bextra-?pedicul(?:ar|e)\s+(?:placement|position(?:ing)?)\b"
     # an implant pressing on a structure: "the screw is putting pressure on my esophagus"
     r"|\b(?:putting|puts|put|exerting|exerts|placing|places)\s+pressure\s+(?:on|against)\b|\bpress(?:es|ing)\s+(?:on|against|into)\b"
     r"|\b(?:placed|positioned|inserted|sited)\s+(?:poorly|improperly|incorrectly|inaccurately|suboptimally|inappropriately|wrongly)\b"
     rf"|\b(?:placed|positioned|inserted|directed|angled|sited)\s+(?:too|excessively|overly)\s+{_DIRW}ly\b"
     # ("the left T7 screw also courses medially")
     r"|\bcours(?:es|ing)\s+(?:too\s+|slightly\s+)?(?:medial|lateral)ly\b"
     # a screw put off its course ("three screws were placed inferiorly", "142 were laterally misplaced, 30 medially"),
     # not a technique's course ("placed laterally to medially", "inserted medially angled"), nor where a cage or lead is put
     r"|\b(?<!cages\s)(?<!cage\s)(?<!leads\s)(?<!lead\s)(?:were|was|been)\s+(?:placed|positioned|inserted)\s+(?:slightly\s+)?"
     r"(?:medial|lateral|inferior|superior)ly\b(?!\s*(?:to|and|or|angled|directed|oriented|\d)\b)"
     # a screw worn through bone: "erosion of the left screw through the lateral mass of the atlas"
     # (not through a hollow organ's wall, which is a migration: "the screw head eroding through the posterior pharyngeal
     # wall"; nor the skin, which is no finding of the list)
     rf"|\berod(?:ed|es|ing)\s+through\b(?!\s+(?:the\s+|his\s+|her\s+)?{_AN_ORGANS_WALL}(?:{_HOLLOW_ORGANS}|skin|mucosa)\b)"
     r"|\berosion\b(?=\s+of\s+(?:the\s+|a\s+)?(?:[\w-]+\s+){0,3}?screws?\s+through\b)",
     "breach"),
    (r"\bnot\s+(?:(?:fully|entirely|completely|totally|wholly|well)\s+)?(?:contained|within|confined|seated\s+within)\b"
     r"|\b(?:in|partially|partly)\s*completely\s+contained\b|\bincompletely\s+contained\b|\bpartially\s+contained\b",
     "breach"),
    # (not a break or a line through something: "there is a fracture through the shank of the left L5 screw")
    # ("The left iliac screw projects 1.2 cm laterally beyond the outer table of the ilium", round 31: a distance first)
    (r"\b(?:extend(?:s|ed|ing)?|project(?:s|ed|ing)?|protrud(?:e|es|ed|ing)|pass(?:es|ed|ing)?|lie|lies|lying|"
     r"is|are|positioned|located|situated|seen)\s+(?:\d+(?:\.\d+)?\s*(?:mm|cm)\s+)?"
     r"(?:(?!(?:fractur\w*|break\w*|broken?|crack\w*|snapped|split|lucency|lines?|clefts?|gaps?)\b)"
     r"\w+\s+){0,2}?(?:beyond|outside(?:\s+of)?|through|past)\b"
     # (not through an implant's own hole: "screws that extend through the plates")
     r"(?!\s+(?:the\s+|its\s+|their\s+)?(?:plates?|rods?|holes?|tulips?|washers?|connectors?|cages?|slots?|sleeves?)\b)"
     # (nor what is out of reach: "conventional instrumentation ... is beyond the reach of many patients")
     r"(?!\s+(?:the\s+|its\s+|their\s+)?(?:reach|scope|means|control)\b)"
    # (nor what the study did not show: "the pulse generator is outside the field of view")
    r"(?!\s+(?:the\s+)?(?:(?:imaged\s+)?fields?\s+of\s+view|fov|imaged\s+(?:field|area|region)|scan(?:ned)?\s+(?:field|area|range))\b)"
     # (nor the surgeon's way in: "the paddle lead is implanted preferably through unilateral approach and interlaminotomy")
     r"(?!\s+(?:the\s+|an?\s+)?(?:[\w-]+\s+){0,2}?(?:approach|incision|(?:inter)?laminotomy|(?:hemi)?laminectomy|portal|needle"
     r"|cannula|introducer|retractor|(?:metal\s+)?detectors?|scanners?|security)\b)",
     "breach"),
    # a screw through a foramen: "The left S1 pedicle screw courses through the S1 neural foramen" (round 31)
    # (and a lead's, where it lies: "The upper lead courses through the right L4-5 neural foramen", `extractor`)
    (r"\bcours(?:es|ed|ing)\s+through\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?foram(?:en|ina)\b", "breach"),
    # a screw across a wall of its pedicle or body: "both L5 screws cross the medial pedicle wall by less than 2 mm"
    (r"\bcross(?:es|ed|ing)?\b(?=\s+(?:the\s+)?(?:(?:medial|lateral|inferior|superior|anterior|posterior)\s+)?(?:pedicle\s+|pedicular\s+"
     r"|vertebral\s+(?:body\s+)?)?(?:wall|cortex|border|margin)\b)", "breach"),
    # a screw in a joint it is not meant to cross: "seven cases of intra-articular screw placement"
    (r"\bintra-?articular\b(?=\s+(?:[\w-]+\s+)?(?:screws?|placement|position|penetration))", "breach"),
    # (not beside an implant: "no graft was packed outside the cages")
    (r"\boutside\s+(?:of\s+)?the\b(?!\s+(?:[\w-]+\s+)?(?:cages?|spacers?|plates?|rods?|constructs?|hardware|instrumentation"
     r"|fields?\s+of\s+view|fov|area\s+imaged|(?:scanned\s+|imaged\s+)?(?:field|area|region|range))\b)",
     "breach"),
    # a screw's tip past a cortex, with no verb: "right L4 pedicle screw tip 5 mm beyond the anterior vertebral cortex", "Left S1
    # screw tip through the anterior sacral cortex by 6 mm"
    # (and the screw itself with its distance: "the left S1 screw 1.2 cm beyond the ventral sacral cortex", round 32)
    (r"(?:(?<=\btip\s)|(?<=\btips\s))(?:\d+(?:\.\d+)?\s*-?\s*mm\s+)?(?:beyond|through|past)\b(?=\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?"
     r"(?:cortex|cortices|endplates?|walls?|margins?)\b)"
     r"|(?:(?<=\bscrew\s)|(?<=\bscrews\s))\d+(?:\.\d+)?\s*-?\s*(?:mm|cm)\s+(?:beyond|past)\b(?=\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?"
     r"(?:cortex|cortices|endplates?|walls?|margins?)\b)"
     r"|\b(?:gone|went|goes|going)\s+through\b(?=\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:cortex|endplates?|walls?|pedicles?"
     r"|facet(?:\s+joints?)?)\b)"
     # a screw across a facet joint it is not meant to cross: "Right C5 lateral mass screw crossing the C5-C6 facet joint"
     r"|\bcross(?:es|ed|ing)\b(?=\s+(?:into\s+)?(?:the\s+)?(?:[CTLS]\d{1,2}(?:\s*-\s*[CTLS]?\d{1,2})?\s+)?(?:facet|zygapophyseal)"
     r"\s+joints?\b)"
     # ("The left C5 lateral mass screw was found to have entered the facet joint"; "6 mm prominent beyond the anterior sacral
     # cortex", round 30)
     r"|\b(?:enter(?:s|ed|ing)?|violat(?:es|ed|ing))\b(?=\s+(?:into\s+)?(?:the\s+)?(?:[CTLS]\d{1,2}(?:\s*-\s*[CTLS]?\d{1,2})?\s+)?"
     r"(?:facet|zygapophyseal)\s+joints?\b)"
     r"|\bprominent\s+beyond\b(?=\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:cortex|cortices|endplates?|walls?|margins?)\b)"
     # a protrusion past a bone's front or side cortex, its length given: "CT scan revealed a protrusion of 11.4mm beyond
     # anterior cortex" (not a disc's or a bone fragment's backwards: "disc protrusion beyond the posterior vertebral margin")
     r"|\bprotrusion\s+of\s+\d+(?:\.\d+)?\s*-?\s*(?:mm|cm)\s+(?:beyond|past|through)\b(?=\s+(?:the\s+)?"
     r"(?:anterior|ventral|lateral|medial|inner|outer)\s+(?:[\w-]+\s+){0,2}?(?:cortex|cortices)\b)", "breach"),
    # (not an implant's intended course across a joint: "three triangular implants traverse the right sacroiliac joint",
    # "transarticular screws traversing the C1-C2 joint")
    # (nor the bone it is meant to cross: "an anterior odontoid lag screw traversing the C2 body into the dens")
    # (a facet joint crossed is a breach: "The lateral mass screw at left C5 traverses the facet joint")
    # (nor a hollow organ a migrated implant passed along: "then traversed the limit of the gastrointestinal tract", round 33)
    (rf"\btravers(?:e|es|ed|ing)\b(?!\s+(?:the\s+)?(?:[\w-]+\s+){{0,3}}?{_HOLLOW_ORGANS}\b)"
     r"(?!\s+(?:the\s+|both\s+)?(?:(?:left|right|bilateral|ipsilateral)\s+)?(?:sacro-?iliac\s+|SI\s+"
     r"|atlanto-?axial\s+|C1\s*-\s*C?2\s+)?(?:joints?|articulations?)\b)"
     r"(?!\s+(?:the\s+)?(?:[CTLS]\d{1,2}\s+)?(?:(?:vertebral\s+)?bod(?:y|ies)|pedicles?|dens|odontoid|lateral\s+mass(?:es)?"
     r"|fracture(?:\s+(?:line|site|gap))?|ilium|iliac\s+wing|sacral\s+ala|sacrum)\b)"
     r"|\btransgress(?:es|ed|ing|ion)?\b|\bcross(?:es|ed|ing)\s+(?:the\s+)?(?:medial|lateral|inferior|superior|anterior)\b",
     "breach"),
    # out of its place: "Scans showed the T9 screw may have been slightly out of place"
    (r"\bout\s+of\s+(?:its\s+|their\s+)?(?:proper\s+|intended\s+|correct\s+|normal\s+)?place\b"
     # (not a screw that backed or pulled out of it: "had backed out of the L4 pedicle" has migrated)
     r"|(?<!\bbacked\s)(?<!\bpulled\s)(?<!\bbacking\s)(?<!\bpulling\s)(?<!\bworked\s)(?<!\bworking\s)"
     r"\bout\s+of\s+the\s+(?:(?:left|right|[CTLS]\d{1,2})\s+)?pedicles?\b(?![\s-]+screws?\b)", "breach"),
    # a screw against a vessel, the sac or a root: "the left T6 screw abuts the aorta", "in contact with the aorta"
    # (not a lead's electrode contacts: "an eight-contact spinal cord stimulator", round 30)
    (r"\b(?:abut(?:s|ted|ting)?|(?<![\w]-)(?<!\d\s)(?:in\s+(?:direct\s+|close\s+)?)?contact(?:s|ing)?(?:\s+with)?|touch(?:es|ing)?"
     r"|imping(?:e|es|ed|ing)|indent(?:s|ed|ing)?|distort(?:s|ed|ing)?|deform(?:s|ed|ing)?)\s+(?:on\s+|upon\s+)?"
     r"(?=(?:the\s+|his\s+|her\s+)?(?:(?:left|right|thoracic|abdominal|descending|common|internal|posterior|lateral|anterior|exiting"
     # (and the wall of a vessel: "abuts the posterolateral wall of the descending aorta", round 30)
     r"|posterolateral|anterolateral|posteromedial|anteromedial)\s+)*(?:wall\s+of\s+the\s+(?:(?:left|right|thoracic|abdominal"
     r"|descending|common)\s+)*)?"
     r"(?:aort(?:a|ic\s+wall)|vena\s+cava|iliac\s+(?:artery|vein|vessels)|(?:vertebral|carotid)\s+arter(?:y|ies)|thecal\s+sac"
     r"|nerve\s+roots?"
     r"|spinal\s+cord|o?esophag(?:us|eal\s+wall))\b)"
     # inside a vessel: "a pedicle screw within the thoracic aorta lumen"
     r"|\b(?:within|inside)\s+(?=(?:the\s+|his\s+|her\s+)?(?:(?:left|right|thoracic|abdominal|descending|common)\s+)*"
     r"(?:aort(?:a|ic)|vena\s+cava|iliac\s+(?:artery|vein)|(?:vertebral|carotid)\s+arter(?:y|ies))\b)", "breach"),
    # a screw out of its right place, in words: "in an incorrect position", "not in the correct position", "outboard",
    # "protrusion of the left L4 screw", "the protruding screw"
    (r"\b(?:in|into)\s+(?:an?\s+)?(?:incorrect|improper|wrong|suboptimal|unsatisfactory|poor|unacceptable|aberrant)\s+"
     r"(?:position|location|trajectory)\b|\bnot\s+in\s+(?:the|a|its|their)\s+(?:correct|proper|right|intended|ideal|optimal"
     r"|appropriate|satisfactory|acceptable)\s+(?:position|location|place)\b|\boutboard\b"
     r"|\bprotrusion\b(?=\s+of\s+(?:the\s+|a\s+|one\s+)?(?:[\w-]+\s+){0,3}?screws?\b)"
     r"|\bprotruding\b(?=\s+(?:[\w-]+\s+){0,2}?screws?\b)", "breach"),
    # as patients say it: "one of my S1 screws is poking out the front of the sacrum by about 5mm"
    (r"\bpok(?:ing|es|ed)\s+(?:out|through)\b", "breach"),
    # a Gertzbein-Robbins grade past A, with its direction or in brackets: "Both T11 screws are grade B lateral", "the left
    # T7 screw 2 mm medial (grade B)"
    (r"(?-i:\bgrade\s+[B-E]\b)(?=\s+(?:medial|lateral|anterior|inferior|superior|caudal|cranial)\b)"
     r"|(?-i:(?<=\()\s*grade\s+[B-E]\s*(?=\)))", "breach"),
    # placed too far one way: "the left L5-S1 cage sits too far posteriorly"
    (r"\btoo\s+far\s+(?=(?:anterior|posterior|lateral|medial|ventral|dorsal)(?:ly)?\b)", "breach"),
    # a screw too long, or protruding toward a side: "The right S1 screw was too long and protruded anteriorly"
    (r"\b(?:too|excessively|overly)\s+long\b|\bprotrud(?:e|es|ed|ing)\b(?=\s+(?:\d+(?:\.\d+)?\s*mm\s+)?(?:anterior|posterior|medial"
     r"|lateral|superior|inferior|ventral|dorsal|cranial|caudal)(?:ly)?\b)"
     # (or into a great vessel beside its vertebra: "protruded 7 mm into the aortic lumen", round 32)
     r"|\bprotrud(?:e|es|ed|ing)\b(?=\s+(?:\d+(?:\.\d+)?\s*mm\s+)?into\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:aort(?:a|ic)"
     r"|vena\s+cava|iliac\s+(?:artery|vein|vessels?)|vessels?)\b)", "breach"),
    # ("enters the left L5 neural foramen", "do not enter the S1 or S2 neural foramina")
    # (and without the article, as terse lines have it: "R C6 lateral mass screw enters foramen transversarium")
    (r"\b(?:enter(?:s|ed|ing)?|into|within|in|encroach(?:es|ing)?\s+(?:on|upon))\s+(?:the\s+|(?<=enters\s)|(?<=entered\s))"
     r"(?:(?:left|right|neural|transverse|intervertebral|"
     r"vertebral\s+artery|ipsilateral|adjacent|[CTLS]\d{1,2}(?:\s*[-/]\s*[CTLS]?\d{1,2})?(?:\s+(?:or|and))?)\s+)*"
     r"(?:foram(?:en|ina)|lateral\s+recess(?:es)?|vertebral\s+artery\s+canal|hypoglossal\s+canal)\b", "breach"),
    (rf"\b{_DIRW}(?:ly)?\s+(?:to|of|relative\s+to)\s+(?:the\s+)?(?:(?:[CTLS]\d{{1,2}}|left|right|ipsilateral|"
     r"respective|corresponding|adjacent|vertebral)\s+)?(?:pedicles?|pedicular|vertebral\s+bod(?:y|ies)|bod(?:y|ies)|"
     r"lateral\s+mass(?:es)?|lamina|pedicle\s+cortex)\b", "breach"),
    # (not where a cage, a lead or a plate is meant to go: "anteriorly placed TLIF cages at L5-S1")
    (rf"\b{_DIRW}ly\s+(?:placed|positioned|directed|angled|angulated|oriented|situated|malpositioned|deviated|"
     r"trajectory|seated)\b(?!\s+(?:[\w-]+\s+){0,2}?(?:cages?|spacers?|leads?|paddles?|electrodes?|plates?|grafts?)\b)", "breach"),
    # (not cement's: "no leak into canal")
    (r"(?<!\bleak\s)(?<!\bleaks\s)(?<!\bleakage\s)(?<!\bextravasation\s)"
     r"\b(?:enter(?:s|ed|ing)?|within|in|into|inside|through|across|cross(?:es|ed|ing)?|court(?:s|ing)?|cours(?:es|ing)\s+(?:in|into|within)|"
     r"extend(?:s|ing)?\s+into|terminat(?:es|ing)\s+(?:in|within)|lies\s+(?:in|within)|lying\s+(?:in|within)|"
     r"encroach(?:es|ed|ing)?\s+(?:on|upon|into)|"
     r"positioned\s+(?:in|within)|located\s+(?:in|within)|projects?\s+(?:in|into|within|over)|protrud(?:es|ing)\s+into|"
     r"overl(?:ies|ie|ying)|sits?\s+(?:in|within)|sitting\s+(?:in|within)|rests?\s+(?:in|within)|resides?\s+(?:in|within)|"
     r"placed\s+(?:in|within|into)|situated\s+(?:in|within))\s+(?:the\s+)?"  # (terse notes drop the article: "into canal")
     r"(?:(?:dorsal|posterior|ventral|anterior)\s+)?(?:spinal\s+canal|vertebral\s+canal|canal|epidural\s+space|vertebral\s+foramen)\b"
     # (where leads go in: "Two stimulator leads enter the interlaminar space at L1-2 on the left", round 31)
     r"|\benter(?:s|ed|ing)?\s+(?:the\s+)?interlaminar\s+space\b",
     "canal"),
    # the noun, with the implant named: "encroachment of the left T11 screw on the spinal canal", "canal encroachment by the
    # right T10 screw" (not a burst fracture's "canal encroachment by bone fragments"; not a hook's, which sits in the canal
    # by design)
    (r"\bencroachment\b(?=\s+of\s+(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){0,3}?(?:screws?|rods?|cages?|wires?)\s+(?:on|upon|into)"
     r"\s+the\s+(?:spinal\s+|vertebral\s+)?canal\b)"
     r"|\b(?:spinal\s+|vertebral\s+)?canal\s+encroachment\b(?=\s+(?:by|from)\s+(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){0,3}?"
     r"(?:screws?|rods?|cages?|wires?)\b)", "canal"),
    # "foraminal encroachment from a screw tip"
    (r"\bforaminal\s+encroachment\b(?=\s+(?:by|from)\s+(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){0,3}?(?:screws?|hooks?)\b)", "breach"),
    (r"\bintra-?canal(?:icular|ar)?\b", "canal"),  # "the screw is intracanalicular", "an intracanal screw"
    # a screw in a foramen: "There were no intraforaminal screws", "19 were intraforaminal"
    (r"\bintra-?foraminal\b(?=\s+(?:[\w-]+\s+)?(?:screws?|placement|position))|(?<=\bwere\s)intra-?foraminal\b", "breach"),
    (r"\b(?:intramedullary|intradural|subdural|intrathecal|extra-?epidural|extradural|intraspinal)\b"
     r"|\b(?:in|into|within)\s+the\s+(?:spinal\s+)?cord(?:\s+itself)?\b|\b(?:in|into|within|inside)\s+the\s+dura\b", "site"),
    # where a stimulator lies on a film: "tip overlying the T9 vertebral body", "neurostimulator overlying the lower thoracic spine"
    (r"\b(?:overl(?:ying|ies|ie)|projects?\s+over|projecting\s+over)\b(?=\s+(?:the\s+)?(?:[\w-]+\s+){0,4}?(?:spine|vertebral\s+bod(?:y|ies)"
     r"|vertebrae?|[CTL]\d{1,2}\b))", "overlying"),
    # where a stimulator lies: "leads spanning T8 to T11", "lead over lumbosacral region", "in the lumbar area",
    # "lying in their final position in the mid-thoracic spine"
    (r"\bspan(?:s|ning|ned)\b(?=\s+(?:from\s+)?(?:the\s+)?[CTL]\d{1,2}\b)"
     r"|\b(?:over|in|within|at)\s+(?:the\s+)?(?:(?:mid|upper|lower|high|low)[\s-]?)?(?:thoracic|lumbar|cervical|lumbosacral"
     r"|thoracolumbar|cervicothoracic|sacral)\s+(?:spine|region|area|levels?)\b", "overlying"),
    # where a stimulator's leads were put: "leads positioned midline at T8-T9", "leads placed over the bilateral T8 and T9",
    # "a lead placed at the T9-10 level", "placed through the contralateral L1-2 epidural space"
    # ("the paddle was repositioned at T9", "repositioned to the top of T9", "DRG leads implanted at the left L4 and L5 foramina")
    # ("L lead unchanged at T8-T9", "the right lead remains at T10")
    (r"\b(?:re-?positioned|re-?sited|steered|advanced)\b(?=\s+(?:the|both|two|a|its|their)\s+(?:[\w-]+\s+){0,3}?(?:leads?|paddles?"
     r"|electrodes?)\s+(?:at|to)\s+(?:the\s+)?(?:(?:top|middle|bottom)\s+of\s+(?:the\s+)?)?[CTL]\d{1,2}\b)"
     r"|\bsteered\b(?=\s+to\s+(?:the\s+)?(?:(?:top|middle|bottom)\s+of\s+(?:the\s+)?)?[CTL]\d{1,2}\b)", "overlying"),
    # ("the SCS leads were inserted at L2-3, positioned in the epidural space at T10")
    (r"\b(?:positioned|placed|located|lying|sitting|situated|placement|re-?positioned|implanted|re-?sited|cent(?:red|ered)"
     r"|unchanged|stable|remains?|remained|still|inserted)\b(?=\s+"
     r"(?:(?:midline|centrally|paramedian|bilaterally|subcutaneously|percutaneously|epidurally|just|(?:over|on)\s+the\s+(?:physiological\s+|anatomic(?:al)?\s+|radiographic\s+)?midline"
     r"|in\s+the\s+(?:[\w-]+\s+)?epidural\s+space)\s+)?"
     r"(?:at|over|through|across|on|in|into|to|(?<=inserted\s)from)\s+(?:the\s+)?(?:(?:middle|top|bottom|upper|lower)\s+(?:part\s+|portion\s+|third\s+"
     r"|half\s+)?of\s+(?:the\s+)?)?(?:level\s+of\s+(?:the\s+)?)?(?:(?:bilateral|contralateral|ipsilateral"
     r"|left|right|mid|upper|lower)\s+)?[CTLS]\d{1,2}\b)", "overlying"),  # (sacral: "placed on the right S3 sacral foramen")
    # where an operation put the leads: "implantation of a spinal cord stimulator with a paddle lead at T8-T9"
    # ("was implanted the spinal cord stimulator with a paddle lead at T9-10 level")
    # ("underwent SCS implantation with a 16-contact paddle at T9-T10", "received a DRG lead at left L5")
    # ("confirmed correct positioning of the lead at T8-T9", round 30)
    (r"\b(?:placement|implantation|insertion|positioning)\b(?=\s+(?:of|with)\s+(?:[\w-]+\s+){0,8}?(?:leads?|paddles?|electrodes?|stimulators?)\s+at\s+(?:the\s+)?"
     r"(?:(?:left|right|bilateral)\s+)?"
     r"(?:level\s+of\s+(?:the\s+)?)?[CTL]\d{1,2}\b)"
     r"|\b(?:implanted|received)\b(?=\s+(?:with\s+)?(?:[\w-]+\s+){0,8}?(?:leads?|paddles?|electrodes?)\s+at\s+(?:the\s+)?"
     r"(?:(?:left|right|bilateral)\s+)?"
     r"(?:level\s+of\s+(?:the\s+)?)?[CTL]\d{1,2}\b)", "overlying"),
    # where leads end or enter the canal: "Termination of electrodes at T8 and T10", "The entrances of both leads were at
    # T12-L1", "the entry point of the lead at T12-L1"
    # ("leads enter the epidural space at T12-L1 and ascend to T8", "the right lead ... ends at mid-T7")
    (r"\bascend(?:s|ed|ing)?\s+to\b(?=\s+(?:the\s+)?(?:(?:top|middle|bottom)\s+of\s+(?:the\s+)?)?[CTL]\d{1,2}\b)"
     r"|\bends\s+at\b(?=\s+(?:the\s+)?(?:(?:mid|upper|lower)[\s-]?)?(?:level\s+of\s+(?:the\s+)?)?[CTL]\d{1,2}\b)",
     "overlying"),
    # a ganglion or sacral lead at its foramen: "a right-sided DRG lead at the S1 foramen" (round 30)
    # ("The DRG lead lies at the left L4 foramen", round 31)
    (_right_after("lead", "leads", "electrode", "electrodes") + r"(?:(?:lies|lie|lay|sits|is|are|was|were|placed|positioned"
     r"|located)\s+)?(?:at|in|within|through)\b(?=\s+(?:the\s+)?(?:(?:left|right|bilateral)\s+)?"
     # (and the foramina of several levels, a lead in each: "with leads at the right L4 and L5 foramina", round 32)
     r"[CTLS]\d{1,2}(?:\s*(?:[-/,]|,?\s*and)\s*[CTLS]?\d{1,2})*\s+(?:neural\s+|sacral\s+|dorsal\s+)?foram(?:en|ina)\b)", "overlying"),
    # ("Cervical SCS lead entering at T1-2 with its tip at C2")
    (_right_after("lead", "leads", "electrode", "electrodes", "paddle") + r"entering\b(?=\s+at\s+(?:the\s+)?[CTL]\d{1,2}\b)",
     "overlying"),
    (r"\b(?:termination|entrances?|entry(?:\s+(?:points?|sites?|levels?))?)\b(?=\s+(?:of\s+(?:the\s+|both\s+|each\s+|all\s+)?"
     r"(?:[\w-]+\s+){0,2}?(?:electrodes?|leads?|paddles?)\s+)?(?:(?:was|were|is|are)\s+)?(?:at|through)\s+(?:the\s+)?"
     r"(?:level\s+of\s+(?:the\s+)?)?[CTL]\d{1,2}\b)", "overlying"),
    # where a stimulator's leads end: "leads terminate at T8", "electrode tips at the level of T9"
    # ("the left lead tip remains at T8"; not "now", the word of a lead between two levels: "the tip is now at T10
    # (previously T8)")
    # ("the tips of the two percutaneous leads at the superior endplate of T8": the tips, the leads' words their own)
    (r"\btips?\b(?=\s+of\s+(?:the\s+|both\s+|each\s+|all\s+)?(?:[\w-]+\s+){0,2}?(?:electrodes?|leads?|paddles?)\s+"
     r"(?:(?:is|are|was|were|lie|lies|at|near|located|positioned|projecting|projects?|projected|over|now|still|remains?|remained)\s+){1,3}"
     + _ON_A_VERTEBRA + ")", "overlying"),
    # ("tips advanced to the top of T8"; not "now", a lead between two levels, read with the level it was at before)
    (r"\b(?:terminat(?:e|es|ed|ing)|tips?)\s+(?:(?:is|are|was|were|lie|lies|at|near|located|positioned|projecting|projects?|reached"
     r"|reaches|reaching|still|remains?|remained|sits?|rests?|ends?|advanced|ascend(?:s|ed)?|extend(?:s|ed)?|to|until|confirmed"
     r"|placed|sited|situated|left|lay)\s+){1,3}(?=" + _ON_A_VERTEBRA + ")", "overlying"),
    # a lead or paddle said to be at a level, or to cover one: "The paddle is at T9-T10", "a paddle electrode covering the
    # entire vertebral body of T9 with some coverage over the T8/T9 disc space" (not "now at", a lead that moved)
    # ("The paddle was in a satisfactory midline position at T9-T10", round 30)
    (_AFTER_A_LEAD + r"(?:is|are|was|were|lies|lie|lay)\s+in\s+(?:a|an|the)\s+(?:(?:satisfactory|good|appropriate|acceptable"
     r"|stable|unchanged|expected|midline|paramedian)\s+){0,2}position\s+at\b(?=\s+(?:the\s+)?(?:(?:top|middle|bottom)\s+of\s+"
     r"(?:the\s+)?)?(?:level\s+of\s+(?:the\s+)?)?[CTL]\d{1,2}\b)", "overlying"),
    (_AFTER_A_LEAD
     # ("her paddle lead lies over the T8-T9 interspace")
     # ("The paddle is in the midline at the top of T8")
     # ("The dorsal column stimulator lead lies off midline to the right at T10")
     # ("a paddle lead was seen at T10", round 30)
     + r"(?:is|are|was|were|lies|lie|lay|lying|sits|sit|sat|rests|rest)\s+(?:still\s+)?(?:(?:seen|noted|visuali[sz]ed|identified|located"
     r"|projected|projecting)\s+)?(?:(?:in\s+the\s+(?:dorsal\s+|posterior\s+|physiological\s+|anatomic(?:al)?\s+)?midline|midline"
     r"|paramedian|centrally"
     r"|(?:slightly\s+|just\s+)?off\s+(?:the\s+)?midline\s+to\s+the\s+(?:left|right)"
     # ("The paddle sits slightly to the left of midline at T9", round 30)
     r"|(?:slightly\s+|just\s+)?(?:to\s+the\s+)?(?:left|right)\s+of\s+(?:the\s+)?midline)"
     r"\s*,?\s+)?(?:at|over)\b(?=\s+" + _ON_A_VERTEBRA + ")"
     r"|(?<!\bto\s)\bcover(?:ing|s|ed)?\b(?=\s+(?:the\s+)?(?:(?:entire|whole|upper|lower|mid|middle)\s+)?(?:(?:vertebral\s+)?bod(?:y|ies)\s+of"
     r"\s+(?:the\s+)?)?[CTL]\d{1,2}\b)|\bcoverage\s+over\b(?=\s+(?:the\s+)?[CTL]\d{1,2}\b)", "overlying"),
    # rods and connectors
    (r"\bsubluxe?(?:d|s|ing|ations?)?\b|\bsubluxat(?:ed|ing|es)\b|\bdislodg(?:e|ed|es|ement|ing)\b|\bslipp(?:ed|ing)\s+(?:out|off|free)\b"
     # ("allowed the right rod to slip out of the screw head")
     r"|(?<=\bto\s)slip\s+(?:out|off|free)\b"
     # ("the left rod had lifted out of the L5 tulip", "the right rod had come free of the two screw heads")
     r"|\blifted\s+(?:\d+(?:\.\d+)?\s*mm\s+)?(?:out\s+of|off)\b(?=\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:tulips?|heads?|connectors?|saddles?)\b)"
     r"|\b(?:c[oa]me|comes|coming)\s+free\s+of\b"
     # ("The right rod has come adrift from the domino connector at L1")
     r"|\b(?:c[oa]me|comes|coming|gone|went)\s+adrift\b"
     r"|\bslid(?:e|es)?\s+out\b|\bdisplaced\s+(?:out|from)\b"
     # ("the rod displaced dorsally out of the tulip")
     r"|\bdisplaced\s+\w+ly\s+(?:out\s+of|from)\b(?=\s+(?:the\s+|its\s+|their\s+)?(?:[CTLS]\d{1,2}\s+)?(?:[\w-]+\s+)?(?:tulips?"
     r"|heads?|connectors?|dominos?|saddles?)\b)"
     # ("the thoracic rod has slid 6 mm caudally within its connector")
     r"|\b(?:slid|slipped)\b(?=\s+(?:\d+(?:\.\d+)?\s*mm\s+)?(?:\w+ly\s+)?within\s+(?:its|the|their)\s+(?:[\w-]+\s+)?(?:connectors?"
     r"|dominos?)\b)"
     r"|\bslipp(?:ed|ing)\s+\w+ly\s+(?:out|off|free)\b|\bc[oa]me?s?\s+(?:\w+ly\s+)?out\s+of\b|\bcoming\s+out\s+of\b"
     r"|\bmigrat(?:ed|ing|es)\s+(?:\w+ly\s+)?(?:out\s+of|off|free\s+of|away\s+from)(?=\s+(?:the\s+|its\s+|their\s+)?(?:[CTLS]\d{1,2}\s+)?(?:connectors?|dominos?|tulips?|screw\s+heads?|heads?)\b)"
     # ("the distal end of the left rod had pulled out of the S1 screw", round 30)
     r"|" + _right_after("rod", "rods", "end") + r"(?:(?:had|has|have)\s+)?pulled\s+(?:\w+ly\s+)?out\s+of(?=\s+(?:the\s+|its\s+|their\s+)?"
     r"(?:(?:left|right)\s+)?(?:(?:proximal|distal|upper|lower|uppermost|lowermost|cranial|caudal|top|bottom|end)\s+)?"
     r"(?:[CTLS]\d{1,2}\s+)?(?:(?:pedicle|polyaxial|screw|rod)\s+)?(?:connectors?|dominos?|tulips?|heads?|screws?|clamps?)\b"
     r"(?!\s+(?:holes?|tracts?|trajector)))"
     # ("the left rod was seemed to be out of S1 screw head", round 31)
     r"|" + _right_after("rod", "rods") + r"(?:is|are|was|were|lies|lay)\s+(?:\w+\s+){0,3}?out\s+of(?=\s+(?:the\s+|its\s+|their\s+)?"
     r"(?:(?:left|right)\s+)?(?:[CTLS]\d{1,2}\s+)?(?:(?:pedicle|polyaxial)\s+)?(?:screw\s+)?(?:heads?|tulips?|saddles?|connectors?"
     r"|dominos?)\b)"
     r"|\bescaped?\s+(?:out\s+)?(?:from|of)(?=\s+(?:the\s+|its\s+|their\s+)?(?:[CTLS]\d{1,2}\s+)?(?:connectors?|dominos?|tulips?"
     r"|screw\s+heads?|heads?)\b)"  # ("the left rod was escaped out from the tulip")
     r"|\bslipp(?:ed|ing)\s+(?:\w+ly\s+)?(?:from|through)(?=\s+(?:the\s+|its\s+|their\s+)?(?:[CTLS]\d{1,2}\s+)?(?:connectors?|dominos?|tulips?"
     r"|screw\s+heads?|heads?)\b)"  # ("the rod had not slipped from its connector")
     r"|\bpulled\s+(?:\w+ly\s+)?(?:out\s+of|free\s+of|away\s+from)(?=\s+(?:the\s+|its\s+|their\s+)?(?:[CTLS]\d{1,2}\s+)?(?:connectors?|dominos?|tulips?|screw\s+heads?|heads?)\b)"
     # a distance before the words (kept out of the finding, a measure of its own): "the right rod has slipped 5 mm out of the
     # T12 domino connector", "the left rod pulled 8 mm inferiorly out of the L2 rod-to-rod connector"
     r"|\b(?:slipp(?:ed|ing)|pulled|slid|backed)(?=\s+\d+(?:\.\d+)?\s*-?\s*mm\s+(?:\w+ly\s+)?(?:out|off|free)\s+(?:of|from)\s+"
     r"(?:the\s+|its\s+|their\s+)?(?:[CTLS]\d{1,2}\s+)?(?:[\w-]+\s+){0,2}?(?:connectors?|dominos?|tulips?|heads?|saddles?)\b)",
     "sublux"),
    # ("The left rod has slid 15 mm caudally and no longer engages the L2 screw head", round 31)
    (r"\bno\s+longer\s+(?:engages?|sits\s+in|seats\s+in)\b(?=\s+(?:the\s+|its\s+)?(?:[CTLS]\d{1,2}\s+)?(?:[\w-]+\s+)?(?:screw\s+)?"
     r"(?:heads?|tulips?|saddles?|connectors?|dominos?)\b)", "unsecured"),
    (r"\bnot\s+(?:(?:fully|well|properly|adequately|securely|completely|firmly)\s+)?(?:secured|seated|engaged|captured|"
     r"locked|fastened|attached|connected|coupled|held|fixed)\b|\bno\s+longer\s+(?:\w+\s+)?(?:secured|seated|engaged|"
     r"captured|locked|attached|connected|coupled|contained|held)\b|\bun(?:secured|seated|engaged|locked|coupled|captured)\b"
     r"|\bdis-?engage(?:d|ment|s)?\b|\b(?:is|are|appears?|lies|remains?)\s+empty\b|\bempty\s+(?:connectors?|dominos?)\b"
     # ("the rod sitting proud of the tulip")
     r"|\bproud\s+of\b(?=\s+(?:the\s+|its\s+|their\s+)?(?:[\w-]+\s+)?(?:tulips?|screw\s+heads?|heads?|saddles?|connectors?|dominos?)\b)",
     "unsecured"),
    (r"\bdis-?connect(?:ed|ion|s)?\b|\bdis(?:as)?so?ciat(?:e|es|ed|ing|ion)\b|\bdisassembl(?:y|ed)\b|\bseparat(?:ed|ion)\b"
     r"|\bde-?coupl(?:ed|ing)\b|\bdetach(?:ed|ment)\b|\bc[oa]me\s+apart\b|\b(?:c[oa]me|fallen|fell)\s+off\b|\bfailed\s+(?:set\s*screw|locking)\b|\bloose\s+(?:[\w-]+\s+)?connections?\b"
     # a rod come loose from or free of what holds it: "a rod that had come loose from its screw", "the rod free of the tulip"
     # (the words "of"/"from" stay out of the finding: what it came away from is no implant of the finding)
     r"|\b(?:(?:c[oa]me|coming|comes|worked|working|broken|gotten|got)\s+loose(?=\s+from)|free(?=\s+(?:of|from)))\b"
     # (and screws come loose from the rod they held: "the screws ... had come loose from the rod they had been attached to")
     # (and of several levels' heads: "the left rod lying free of the L5 and S1 screw heads")
     r"(?=\s+(?:of|from)\s+(?:the\s+|its\s+|their\s+)?(?:[CTLS]\d{1,2}(?:\s*(?:,|and|or|&)\s*[CTLS]\d{1,2})*\s+)?(?:[\w-]+\s+)?"
     r"(?:screws?|tulips?|connectors?|dominos?"
     r"|heads?|saddles?|hooks?|housings?|rods?)\b)",
     "disconnect"),
    # a lead or extension come apart from its connector or generator: "The right extension had partially disengaged from the
    # generator header", "the right lead had pulled free of the extension connector" (round 31)
    (r"\b(?:disengaged|pulled\s+free|came\s+(?:out|off|free)|slipped\s+out)\s+(?:partially\s+)?(?:from|of)\b(?=\s+(?:the\s+|its\s+)?"
     r"(?:[\w-]+\s+){0,2}?(?:generators?|ipgs?|headers?|extensions?|connectors?)\b)", "disconnect"),
    # the deformity literature's abbreviation for rod fracture: "5.4% had symptomatic RF", "Most RFs occurred within one
    # year" (not radiofrequency: "RF ablation", "pulsed RF")
    (r"(?<!pulsed\s)(?<!\ban\s)(?-i:\bRFs?\b)(?!\s*(?:-\s*)?(?:ablation|energy|lesion|lesioning|denervation|neurotomy|rhizotomy|probe"
     r"|needle|coil|treatment|therapy|current|field|pulse|receivers?|transmitters?|generators?|systems?|coupl\w+|antenna|signal"
     r"|stimulat\w+|devices?|patients|group|groups|cohort)\b)", "fracture"),
    # fracture of an implant
    # (and the clinical shorthand: "no hw fx")
    (r"\b(?:re-?)?fractur(?:e|es|ed|ing)\b|\bbroken\b|\bbreak(?:s|age|ing)?\b|\bbroke\b|\bsnapped\b|\bsheared(?:\s+off)?\b|\bcrack(?:ed|s)?\b"
     r"|\bfxs?\b"
     # a catheter or a lead cut through: "an intrathecal catheter was severed", "catheter shear" (round 33)
     r"|\bsever(?:ed|ing)\b|(?<=\bcatheter\s)shear(?:ing)?\b"
     r"|\bdiscontinuit(?:y|ies)\b|\bdiscontinuous\b"
     r"|\bruptur(?:e|ed)\b(?!\s+(?:dis[ck]|annulus|ligament|aneurysm|dura))"
     # a lucent line across a rod is its break: "Possible lucent line across the left rod at T9-T10"
     r"|\blucent\s+(?:line|cleft|gap|band)\s+(?:across|through|traversing)\b(?=\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:rods?|plates?"
     r"|screw\s+shanks?)\b)"
     # a gap in a rod, a rod's fragments apart: "a 1-cm gap in the left rod", "the left rod fragments are offset by 4 mm"
     r"|\bgaps?\s+(?:in|within)\b(?=\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:rods?|plates?)\b)"
     r"|(?:(?<=\brod\s)|(?<=\brods\s)|(?<=\bplate\s)|(?<=\bscrew\s)|(?<=\blead\s))fragments?\s+(?:are|were|is|was)\s+"
     r"(?:\w+ly\s+)?(?:offset|displaced|separated|distracted|angulated|overlapping)\b",
     "fracture"),
    # a complication or failure of the hardware as a whole
    # ("Failure of the caudal end of the ACDF construct")
    (r"\b(?:mechanical\s+)?failures?\s+(?:with|of|in)\b(?=\s+(?:the\s+|both\s+|all\s+|an?\s+)?(?:(?:caudal|cranial|cephalad"
     r"|proximal|distal|inferior|superior|upper|lower)\s+(?:end|part|portion|aspect)\s+of\s+(?:the\s+)?)?"
     r"(?:[\w()-]+\s+){0,4}?(?:hardware|implants?|instrumentation|constructs?"
     r"|prosthes[ie]s|arthroplast(?:y|ies)|CDAs?|TDRs?|devices?|fixation|stabili[sz]ation"
     r"|rods?|screws?|plates?|cages?|connectors?)\b)"
     r"|\b(?:hardware|implant|instrumentation|device)[\s-]+related\s+problems?\b"  # ("implant-related problems (24 patients)")
    r"|\b(?:hardware|hw|implant|instrumentation|construct|device|arthroplasty|prosthesis|metalwork)[\s-]+(?:related\s+)?(?:complications?|failures?"
     r"|insufficienc(?:y|ies))\b"
     # ("without internal fixation-related complications", round 33)
     r"|\b(?:internal\s+)?fixation[\s-]+related\s+(?:complications?|failures?)\b"
     # "Screw-related complications occurred with 2 of 43 screws" (the implant word before it names what they were of)
     r"|" + _right_after("screw", "screws", "rod", "rods", "cage", "cages", "plate", "plates", "lead", "leads", "electrode",
                         "stimulator", hyphen=True) + r"related\s+complications?\b"
     # a stimulator part's complication, the part named right before it: "No IPG or lead complication at 3-month review"
     r"|" + _right_after("lead", "leads", "IPG", "IPGs", "generator", "battery", "electrode", "paddle", "screw", "rod", "plate", "cage")
     + r"complications?\b"
     r"|\bcomplications?\s+(?:regarding|related\s+to|concerning|from\s+the\s+use\s+of)\b(?=\s+(?:the\s+|both\s+|all\s+|an?\s+)?(?:[\w-]+\s+){0,2}?"
     r"(?:hardware|implants?|instrumentation|constructs?|rods?|screws?|plates?|cages?|connectors?|leads?"
     r"|fixation\s+(?:materials?|devices?))\b)"
     # the hardware's own: "No complication of the spinal instrumentation" (round 33)
     r"|\bcomplications?\s+of\b(?=\s+" + _THE_HARDWARE + ")"
     # (a count's share between them: "Five constructs (7%) failed")
     # a stimulator's battery run down before its time: "Premature depletion of the battery occurred in 3 patients"
     r"|\bpremature(?:ly)?\s+(?:battery\s+)?(?:depletion|depleted|failure|end[\s-]+of[\s-]+(?:service|life))\b"
     # and at any time: "the battery of the IPG was depleted only 14 months after", "Battery depletion within 3 years"
     r"|(?:(?<=\bbattery\s)|(?<=\bbatteries\s)|(?<=\bIPG\s)|(?<=\bgenerator\s))(?:depletion|exhaustion)\b"
     r"|\bdepletion\s+of\b(?=\s+(?:the\s+|its\s+|their\s+)?(?:[\w-]+\s+){0,2}?(?:batter(?:y|ies)|generators?|(?-i:IPGs?))\b)"
     r"|\b(?:was|were|is|are|been|became|become)\s+(?:\w+ly\s+)?depleted\b"
     # as patients say it: "the IPG battery is dead", "the battery died", "a dead battery"
     r"|(?:(?<=\bbattery\s)|(?<=\bbatteries\s))(?:is|was|were|are|had|has|went)\s+(?:\w+ly\s+)?(?:dead|flat)\b"
     r"|(?:(?<=\bbattery\s)|(?<=\bbatteries\s))died\b|\bdead\s+batter(?:y|ies)\b"
     r"|\b(?:hardware|implants?|instrumentation|constructs?|fixation|battery|(?:pulse\s+)?generator|(?-i:IPG))\s+"
     r"(?:\(\s*\d+(?:\.\d+)?\s*%\s*\)\s+)?(?:\w+ly\s+)?"
     r"(?:had\s+|has\s+|have\s+|was\s+|were\s+)?(?:\w+ly\s+)?(?:failed|fails)\b"  # ("This construct has simply failed")
     r"(?!\s+to\b)"
     r"|\bfailed\s+(?=(?:[\w-]+\s+){0,2}?(?:device|implant|hardware|instrumentation|construct|osteosynthesis)s?\b)"
     # (with the levels it spans between: "revised failed L2 and L3 fusion hardware", round 37)
     r"|\bfailed\s+(?=[CTLS]\d{1,2}(?:\s*(?:-|and|to)\s*[CTLS]?\d{1,2})?\s+(?:[\w-]+\s+)?(?:hardware|instrumentation|construct)\b)"
     # problems said as such, and a metal failure: "hardware-related issues were reported in 9% of cases", "14 cases of
     # metallic failure" (round 37)
     r"|\b(?:hardware|implant|device|instrumentation)[\s-]+related\s+(?:issues|problems)\b|\bmetal(?:lic)?\s+failures?\b"
     # ("The failed prosthesis was revised to a new Charité disc", round 33)
     r"|\bfailed\s+(?=(?:[\w-]+\s+){0,2}?(?:prosthes[ie]s|arthroplast(?:y|ies))\b(?!\s+(?:surgery|procedures?)\b))"
     # counted or known failed implants: "Eight mechanically failed Harrington rods", "the failed pedicle screws" (not
     # "failed screw placement", nor a kind: "Failed TLIF cages may be extracted", "revision of failed MAGEC rods")
     r"|" + _COUNTED_FAILED +
     # "revision surgery ... for failed craniovertebral junction stabilization", "failed lumbar fixation"
     r"|\bfailed\s+(?:[\w-]+\s+){0,2}?(?:stabili[sz]ation|fixation|instrumentation)\b"
     r"|\b(?:hardware|device|implant)\s+malfunctions?\b"
     # ("Malfunction of the spinal cord stimulator requiring revision")
     r"|\bmalfunction(?:s|ing)?\b(?=\s+of\s+(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){0,3}?(?:stimulators?|generators?|(?-i:IPGs?)"
     r"|devices?|implants?|hardware|leads?|electrodes?|pumps?|batter(?:y|ies))\b)"
     # "There was no loss of fixation", "loss of screw fixation at L5" (not "loss of correction" or "loss of lordosis")
     r"|\bloss\s+of\s+(?:the\s+)?(?:(?:internal|screw|implant|distal|proximal|pedicle\s+screw)\s+)?fixation\b"
     # a stimulator's part that stopped working or tests open: "the generator stopped charging", "an open circuit on the left
     # lead"
     r"|\b(?:stopped|ceased)\s+(?:charging|working|functioning)\b|\bfailed\s+to\s+(?:charge|recharge)\b"
     r"|\b(?:open|short)[\s-]+circuits?\b(?=\s+(?:on|in|of)\s+(?:the\s+|both\s+|a\s+)?(?:[\w-]+\s+)?(?:leads?|electrodes?|extensions?"
     r"|wires?|contacts?)\b)", "complication"),
    # a failure of a named implant ("the hardware ... without evidence of failure"): needs the implant
    # (not "failure of/to ...", "failure with/in the ..." -- what failed is named after it -- but "14 instrumental
    # failures with/without revision", "implant failure in 3 cases")
    (r"\bfailures?\b(?!\s+(?:of|to)\b)(?!\s+(?:with|in)\s+(?:the|a|an|both|all|his|her|its|their)\b)", "failure"),
    # an implant said to be intact or in place "without complications": a denied complication (the words need the
    # implant: a patient who recovered without complications is no hardware finding)
    # (not a patient "clinically stable" or "neurologically intact without complications")
    (r"(?<!neurologically\s)(?<!clinically\s)(?<!hemodynamically\s)(?<!neurovascularly\s)"
     r"\b(?:intact|(?:good|satisfactory|stable|appropriate|expected|anatomic|unchanged)\s+(?:position|alignment|placement)"
     r"|unchanged|in\s+place)\s*,?\s+(?:without|with\s+no)\s+(?:any\s+)?(?:evidence\s+of\s+)?(?:complications?|complicating\s+features?)\b"
     # "Intact hardware without complication"
     r"|" + _right_after("hardware", "instrumentation", "implant", "implants", "construct", "fixation")
     + r"(?:without|w/o|with\s+no)\s+(?:any\s+)?(?:evidence\s+of\s+)?"
     r"(?:complications?|complicating\s+features?)\b",
     "uncomplicated"),
    # a rod, plate or cage that failed, the verb right after it: "These rods had failed in bending", "the rods, which
    # failed in bending" (not "failed to achieve ...", not "the patient had failed conservative care")
    # ("One S2 screw failed owing to severe local osteoporosis", round 33)
    (_right_after("rod", "rods", "plate", "plates", "cage", "cages", "screw", "screws", "stimulator", comma=True)
     + r"(?:which\s+)?(?:had\s+|has\s+|have\s+)?(?:failed|fails)\b(?!\s+to\b)"
     # a construct said to be failing: "the lumbosacral construct was felt to be failing"
     r"|" + _right_after("construct", "constructs", "hardware", "instrumentation", "fixation")
     + r"(?:is|was|are|were)\s+(?:(?:felt|thought|believed|considered|judged)\s+to\s+be\s+)?failing\b", "failure"),
    # migration
    # (a set screw or nut "had backed off by several threads", round 31, as one that backed out)
    (r"\bmigrat(?:ed|ion|ing|es|e|ory)\b|\bback(?:ed|ing|s)?[\s-]*out\b|\bback[\s-]?out\b|\bback(?:ed|ing)\s+off\b"
     r"|\bpull(?:ed|ing|s)?[\s-]*out\b"
     # ("The spinal fixation screws fell out two weeks after surgery", round 33; not a patient's fall)
     r"|" + _right_after("screw", "screws", "cage", "cages", "spacer", "spacers", "plate", "plates", "implant", "implants")
     + r"(?:(?:had|has|have)\s+)?(?:fell|fallen|falling)\s+out\b"
     r"|\b(?:back|pull)\s*[–—]\s*out\b"  # ("screw pull – out", as a page sets it)
     # a lead that pulled back by itself, not one a surgeon pulled back ("The percutaneous leads have pulled back several
     # levels")
     r"|" + _right_after("lead", "leads", "electrode", "electrodes", "paddle") + r"(?:had|has|have)\s+(?:\w+ly\s+)?pulled\s+back\b"
     r"|\bpull[\s-]?out\b|\bdisplac(?:ed|ement|ing)\b|\bretropuls(?:ed|ion)\b|\bantero-?puls(?:ed|ion)\b|\bextru(?:ded|sion|des?|ding)\b|" + _right_after("lead", "leads", "rod", "rods", "cage", "cages", "spacer", "plate", "paddle")
     + r"(?:(?:had|has|have)\s+)?slipped\b(?!\s+(?:out\s+of|off|from)\b)|\bslipp(?:ed|ing)\s+(?:(?:\w+ly\s+)?(?:in|into|through|out|off|back|away|down|up|forwards?|backwards?)\b|(?:cranially|caudally|cephalad|inferiorly|superiorly|anteriorly|posteriorly|medially|laterally|downwards?|upwards?|proximally|distally)\b)|(?<!\bleft-)(?<!\bright-)\bshift(?:ed|ing)?\b"
     # a distance from where it lay before: "approximately 2 cm caudal to its position on the immediate postoperative radiograph"
     r"|\b(?:cranial|caudal|cephalad|caudad|superior|inferior|higher|lower|more\s+(?:cranial|caudal|superior|inferior))\s+(?:to|than)"
     r"\s+(?:its|their)\s+(?:(?:prior|previous|earlier|original|initial|former)\s+)?(?:position|location)\b"
     r"|\bslid\s+(?:down|up|out|off|away|back|caudally|cranially|inferiorly|superiorly|downwards?|upwards?)\b"
     # "her pulse generator had flipped over in its pocket", "both leads had been dragged down", "had pulled back through the
     # anchors by about 3 cm"
     r"|\bflipped\s+(?:over|around)\b|\bflipped\b(?=\s+(?:in|within|inside)\s+(?:its|the|her|his)\s+pocket\b)|\bdragged\s+(?:down|up|out|back|away|caudally|cranially)\b"
     # (round 31) a generator that flipped, however said ("which had flipped within an oversized pocket", "it had flipped 180
     # degrees", "Repeated flipping of the generator", "with the generator flipped"; only a generator's, `extractor`), a lead
     # that slipped a level ("had slipped one full vertebral level")
     r"|\bflipp(?:ed|ing)\b|\bslipp(?:ed|ing)\b(?=\s+(?:one|two|three|a|\d)\s+(?:full\s+)?(?:vertebral\s+)?(?:levels?|segments?)\b)"
     r"|\bpulled\s+back\s+through\b(?=\s+(?:the\s+|its\s+|their\s+)?anchors?\b)"
     # ("the tined lead pulled 2 cm dorsally out of the right S3 foramen", round 31)
     r"|\bpulled\s+(?:\d+(?:\.\d+)?\s*(?:mm|cm)\s+)(?:\w+ly\s+)?out\s+of\b"
     # a generator turned over or round in its pocket: "Generator flipping was recorded in 2 patients", "The generator might
     # have rotated in its pocket", "The IPG has flipped" (round 30)
     r"|" + _right_after("generator", "generators", "ipg", "ipgs", "battery") + r"(?:flipping|flip|flips|rotation|inversion)\b"
     + r"|" + _right_after("generator", "generators", "ipg", "ipgs", "battery")
     + r"(?:(?:had|has|have|may\s+have|might\s+have|could\s+have)\s+)?(?:flipped|rotated|inverted|turned\s+over)\b"
     # ("the right lead had pulled back roughly 2 cm"; not a surgeon's "pulled back the lead")
     r"|(?<=\bhad\s)pulled\s+back\b(?!\s+(?:the|his|her|a|an)\b)|(?<=\bhas\s)pulled\s+back\b(?!\s+(?:the|his|her|a|an)\b)"
     # an implant no longer there: "the absence of the left superior screw of the plate", "the site of the absent spacer"
     # (not "absence of lucency", a denial; not "the screws are absent", which may close "fracture of the screws is absent")
     # (not the absence of a finding about it: "The absence of a halo around the screws argues against infection", round 30)
     r"|\babsence\b(?=\s+of\s+(?:the|a|an|one|two|both|its|their)\s+(?!(?:[\w-]+\s+){0,3}?(?:halos?|lucen\w*|clear|fractur\w*"
     r"|breakage|loosening|migration|subsidence|breach\w*|fracture)\b)(?:[\w-]+\s+){0,3}?" + _IMPLANT_NOUNS_ABSENT + r"\b)"
     r"|(?<=\bthe\s)absent\b(?=\s+(?:[\w-]+\s+){0,2}?" + _IMPLANT_NOUNS_ABSENT + r"\b)"
     # a lead's or a cage's movement is its migration: "The average movement for leads anchored with tape only was 8.72 mm",
     # "no movement of the cage" (a screw's "movement" is its toggling, read elsewhere)
     # ("the right one was found to have slipped 15 mm caudad")
     r"|\bslipp(?:ed|ing)\b(?=\s+(?:about\s+|approximately\s+|roughly\s+|some\s+)?\d+(?:\.\d+)?\s*(?:mm|cm)\b)"
     # round 30: "the plate had slid 4 mm caudally", "allowing the rod to slip 5 mm cranially", "had worked its way out of
     # the plate", "a fragment of the broken rod had travelled along the epidural space", "to displace anteriorly"
     r"|\b(?:slid|slides|slide)\b(?=\s+(?:about\s+|approximately\s+|roughly\s+|some\s+|nearly\s+)?\d+(?:\.\d+)?\s*(?:mm|cm)\b)"
     r"|(?<=\bto\s)slip\b(?=\s+(?:about\s+|approximately\s+|some\s+)?(?:\d+(?:\.\d+)?\s*(?:mm|cm)\s+)?(?:cranially|caudally|cephalad"
     r"|caudad|superiorly|inferiorly|anteriorly|posteriorly|medially|laterally|proximally|distally|forwards?|backwards?|down|up)\b)"
     r"|\bworked\s+(?:its|their)\s+way\s+(?:out|free|loose)\b"
     r"|\btravell?ed\b(?=\s+(?:\d+(?:\.\d+)?\s*(?:mm|cm)\s+)?(?:along|into|down|up|through|cranially|caudally|to\s+the)\b)"
     r"|(?<=\bto\s)displace\b(?=\s+(?:\w+ly|forwards?|backwards?)\b)"
     # a lead that moved a number of levels: "one level lower than at implant"
     r"|\b(?:one|two|three|four|\d)\s+(?:vertebral\s+)?levels?\s+(?:lower|higher|more\s+caudal|more\s+cranial)\s+than\b"
     r"|\bmovements?\b(?=\s+(?:of|for)\s+(?:the\s+|both\s+|all\s+)?(?:[\w-]+\s+){0,2}?(?:leads?|electrodes?|paddles?|cages?|spacers?)\b)"
     r"|" + _right_after("lead", "leads", "electrode", "paddle") + r"movements?\b"
     # ("The right rod has disengaged from the S1 tulip, the set screw being absent", round 30)
     r"|(?<=\bbeing\s)(?:absent|missing)\b"
     # ("The left lumbosacral rod is disconnected from the S1 screw head, and the set screw is absent", round 31)
     r"|(?:(?<=\bset\sscrew\s)|(?<=\bsetscrew\s)|(?<=\bnut\s)|(?<=\blocking\scap\s))(?:is|was)\s+(?:now\s+)?absent\b"
     # (and more than one: "The T10 set screws are absent on both sides", round 32)
     r"|(?:(?<=\bset\sscrews\s)|(?<=\bsetscrews\s)|(?<=\bnuts\s)|(?<=\blocking\scaps\s))(?:are|were)\s+(?:now\s+)?(?:absent"
     r"|missing)\b"
     # ("The battery pack has descended 4 cm within the abdominal wall pocket")
     r"|\b(?:descended|ascended)\b(?!\s+(?:aorta|colon))"
     r"|\bmoved\b|\bmissing\b|\bkick(?:ed)?[\s-]?outs?\b|\bbacking\s+of\b(?=\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:screws?|bolts?|nuts?|caps?)\b)|\bcut(?:ting)?-outs?\b|\bcutouts?\b|\bcut(?:ting|s)?\s+out\s+(?:of|through)\s+(?:the\s+)?(?:\w+\s+){0,2}?(?:bone|pedicles?|vertebral\s+bod(?:y|ies)|endplates?)\b"
     # ("The right T10 pedicle screw has ploughed cranially through the superior endplate", round 31)
     r"|\b(?:plough|plow)(?:ed|ing|s)?\s+(?:\w+ly\s+)?(?:out\s+)?(?:of|through)\s+(?:the\s+)?(?:\w+\s+){0,2}?(?:bone|pedicles?"
     r"|vertebral\s+bod(?:y|ies)|endplates?)\b"
     r"|\b(?:fractured|broke|came|pulled|torn)\s+free\b|\bluxat(?:ed|ion)\b|\bre-?dislocat(?:ed|ion)\b"
     # "proximal instrumentation resulted in lateral drift into the spinal canal" (not a curve's "coronal drift")
     r"|\bdrift(?:ed|ing|s)?\b(?=\s+(?:\w+\s+){0,2}?(?:into|toward|towards|out\s+of)\b)"
     # a way or a distance moved: "the left lead has drifted caudally by 12 mm", "both leads had been pulled caudally",
     # "the plate was lifted off the spine", "lifted 8 mm off the skull", "pulled away from the vertebral bodies"
     # ("its set screw lying free in the soft tissues"; a rod "lying free" of its screw head is the disconnection already said)
     r"|\bl(?:ying|ies|ay)\s+free\s+in\s+the\s+(?:[\w-]+\s+)?(?:soft\s+tissues?|paraspinal|subcutaneous|wound)"
     # ("An L5 set screw was later found lying in the soft tissue behind the construct", round 30)
     r"|(?<=\bfound\s)l(?:ying|ay)\s+in\s+the\s+(?:[\w-]+\s+)?(?:soft\s+tissues?|paraspinal\s+muscles?|subcutaneous\s+tissues?|wound)"
     # ("the right T12 set screw lies in the paraspinal soft tissue", round 31)
     r"|" + _right_after("screw", "screws", "nut", "nuts", "cap", "caps") + r"l(?:ies|ie|ying|ay)\s+(?:free\s+)?in\s+the\s+"
     r"(?:paraspinal\s+|subcutaneous\s+|posterior\s+)?(?:soft\s+tissues?|paraspinal\s+muscles?|muscles?|wound)\b"
     # (a second verb of its clause: "The set screw is no longer seen in the tulip and presumably lies in the paraspinal soft
     # tissues", round 32)
     r"|(?<=\band\s)(?:(?:presumably|probably|possibly|likely|now)\s+)?l(?:ies|ay)\s+(?:free\s+)?in\s+the\s+"
     r"(?:paraspinal\s+|subcutaneous\s+|posterior\s+)?(?:soft\s+tissues?|paraspinal\s+muscles?|wound)\b"
     r"|\b(?:drift(?:ed|ing|s)?|pulled|travell?(?:ed|ing)|wander(?:ed|ing))\s+(?:cranially|caudally|cephalad|caudad|superiorly|inferiorly|proximally|distally"
     r"|medially|laterally|anteriorly|posteriorly|upwards?|downwards?|forwards?|backwards?)\b"
     # ("Compared with the prior radiograph, the L3-4 cage appears 2 mm more posterior", round 31)
     r"|\b\d+(?:\.\d+)?\s*(?:mm|cm)\s+more\s+(?:posterior|anterior|cranial|caudal|cephalad|superior|inferior|lateral|medial)(?:ly)?\b"
     # ("the left lead had been pulled back to T12", "the cage had been pushed out laterally into the psoas", round 31)
     r"|(?<=\bbeen\s)(?:pulled|drawn)\s+back\b|(?<=\bbeen\s)pushed\s+out\b(?!\s+of\s+(?:the|their|its)\b)"
     r"|\blift(?:ed|ing|s)?\s+(?:anteriorly|posteriorly|away|up)\b(?!\s+(?:off|away|from|out))"
     # ("slight lift-off of the inferior edge of the plate")
     r"|\blift[\s-]?off\b(?=\s+of\b)"
     # (and with the way it lifted: "the plate had lifted anteriorly off the C7 body by 5 mm", round 32)
     r"|\blift(?:ed|ing|s)?\s+(?:(?:anteriorly|posteriorly|ventrally|dorsally|away|up)\s+)?(?:\d+(?:\.\d+)?\s*mm\s+)?(?:off|away\s+from)\b"
     r"(?!\s+(?:the\s+)?(?:[\w-]+\s+)?(?:tulips?|heads?|connectors?|saddles?)\b)"
     r"|\bpulled\s+away\s+from\b(?=\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:vertebral\s+bod(?:y|ies)|bones?|spine|skull|occiput|endplates?))"
     # an implant's subluxation (a bone's is no finding): "a subluxation of the PE core"
     r"|\bsubluxation\b(?=\s+of\s+(?:the\s+|a\s+)?(?:[\w-]+\s+){0,2}?(?:inlays?|inserts?|cores?|prosthes[ie]s|cages?|spacers?|plates?)\b)"
     r"|\bdis(?:as)?so?ciated\s+from\s+(?:the\s+|her\s+|his\s+|its\s+|their\s+)?(?:spine|spinal\s+column|bones?|vertebra\w*)\b|\bdisappear(?:ed|ance|s)?\b|\bexpuls(?:ed|ion)\b|\b(?:spat|spit|spitting)\s+(?:it\s+|them\s+)?(?:out|up)\b|\bcough(?:ed|ing)\s+(?:it\s+|them\s+)?out\b|\beject(?:ed|ion)\b|\bunscrew(?:ed|ing)\b|(?<!\bwas\s)(?<!\bwere\s)(?<!\band\s)(?<!\bbe\s)(?<!\bbeen\s)\bwithdrawn\b"
     # an implant that retracted ("the lead had retracted 2 cm"), not tissue a surgeon retracted ("the sheath was retracted",
     # "there was no retraction")
     r"|(?<!\bwas\s)(?<!\bwere\s)(?<!\bbe\s)(?<!\bbeen\s)(?<!\bis\s)(?<!\bare\s)\bretracted\b"
     # (and one that "had been retracted caudally", round 30: Twiddler's syndrome)
     r"|(?<=\bhad\sbeen\s)retracted\b(?=\s+(?:caudally|cranially|caudad|cephalad|inferiorly|superiorly|downwards?|upwards?"
     r"|out\s+of)\b)"
     r"|" + _right_after("lead", "electrode", "paddle", "catheter") + r"retraction\b"
     # (and a retraction of one: "complete retraction of the catheter out of the intrathecal space", round 37)
     r"|\bretraction\b(?=\s+of\s+(?:the\s+|an?\s+|its\s+)?(?:[\w-]+\s+){0,3}?(?:catheters?|leads?|electrodes?|paddles?)\b)"
     # an implant found in an organ it was never placed in, or passed out of the body, has migrated
     rf"|\b(?:lodged|embedded|impacted|stuck|found|seen|located|identified|visuali[sz]ed|lying|lay|lies)\s+(?:with)?in\b(?=\s+(?:the\s+|his\s+|her\s+)?"
     rf"{_AN_ORGANS_WALL}(?:{_ORGANS}|aort(?:a|ic)|vena\s+cava)\b)"
     # "a C7 vertebral body screw protruding into the esophagus" (a screw protruding into a great vessel beside its vertebra
     # is malpositioned, as one penetrating it: "protruded 7 mm into the aortic lumen", round 32)
     rf"|\bprotrud(?:ed|ing|es)\s+into\b(?=\s+(?:the\s+|his\s+|her\s+)?(?:[\w-]+\s+){{0,2}}?(?:{_ORGANS})\b)"
     # (not an erosion through the skin, which is no finding of the list: "The IPG has eroded through the skin", round 31)
     r"|\bprotrud(?:ed|ing|es)\s+(?:from|through|out\s+of)\s+(?:the\s+|his\s+|her\s+)?skin\b"
     # a change of an implant's position: "interval change in the position of the right lead" (not "no change in the
     # position of the cage", a stable implant, which the sets read as no finding)
     r"|(?<!\bno\s)(?<!\bwithout\s)(?<!\bno\sinterval\s)(?<!\bno\ssignificant\s)(?<!\bno\sfurther\s)(?<!\bany\s)"
     r"\bchanges?\s+in\s+(?:the\s+)?(?!(?:patient|patients|body|head|neck)\b)(?:\w+\s+)?position\b"
     r"|\b(?:expectorat(?:ed|ion|es?|ing)|cough(?:ed|s|ing)?\s+up|retched\s+up|vomited(?:\s+up)?|excreted|passed\s+(?:per\s+rectum|per\s+anum|"
     r"(?:in|with)\s+(?:the\s+|his\s+|her\s+)?(?:stool|feces|faeces)))\b", "migration"),
    # no longer where it was put: "a screw ... could not be found in its location in the ... control chest X-ray"
    (r"\b(?:could|can|was|were)\s*(?:not|n[o']t)\s+(?:be\s+)?(?:found|located|seen|identified|visuali[sz]ed)\s+(?:in|at)\s+"
     r"(?:its|their)\s+(?:original\s+|usual\s+|expected\s+|previous\s+|initial\s+)?(?:location|place|position|site|bed)\b"
     # "the implant was no longer in its original position"
     r"|\bno\s+longer\s+(?:in|at)\s+(?:its|their)\s+(?:original|usual|expected|previous|initial|former|intended)\s+"
     r"(?:location|place|position|site|bed)\b"
     # "There was loss of lead position", "loss of the electrode's position"
     r"|\bloss\s+of\b(?=\s+(?:the\s+)?(?:[\w-]+\s+)?(?:leads?|electrodes?|paddles?|cages?|screws?|plates?|implants?)(?:'s)?"
     r"\s+position(?:ing)?\b)"
     # a set screw gone: "The right rod has come out of the C7 screw head after loss of its set screw" (round 31)
     r"|\bloss\s+of\b(?=\s+(?:the\s+|its\s+|their\s+|a\s+)?(?:[CTLS]\d{1,2}\s+)?(?:set[\s-]*screws?|nuts?|locking\s+caps?)\b)",
     "migration"),
    # an implant inside an organ or entering one, a screw drawn back or torn out: "An intra-esophageal screw was discovered",
    # "A surgical screw entering the pharynx", "its entry into the pharyngeal lumen", "pedicle screws retraction", "screw
    # avulsion, 0.2%"
    (r"\bintra-?(?:o?esophageal|pharyngeal|gastric|colonic|bronchial|vesical|abdominal|peritoneal)\b(?=\s+(?:[\w-]+\s+)?"
     r"(?:screws?|rods?|plates?|cages?|implants?|hardware|wires?)\b)"
     # (the organ taken in, so that no shorter reading of "into the pharyngeal" as a place wins: "its entry into the
     # pharyngeal lumen", round 33)
     rf"|\bentry\s+into\s+(?:the\s+|his\s+|her\s+)?(?:[\w-]+\s+){{0,2}}?{_HOLLOW_ORGANS}\b"
     rf"|\benter(?:s|ed|ing)\b(?=\s+(?:the\s+|his\s+|her\s+)?(?:[\w-]+\s+){{0,2}}?{_HOLLOW_ORGANS}\b)"
     r"|" + _right_after("screw", "screws") + r"(?:retraction|avulsion)\b"
     rf"|\berod(?:ed|es|ing)\s+(?:through|into)\b(?=\s+(?:the\s+|his\s+|her\s+)?{_AN_ORGANS_WALL}(?:{_HOLLOW_ORGANS}|mucosa)\b)"
     # ("the head of the screw exposed through the posterior pharyngeal wall", round 32)
     # (and "the hardware visible through the posterior membrane of the tracheal wall", round 33)
     rf"|\b(?:exposed|visible|seen|visuali[sz]ed)\s+(?:through|in|into)\b(?=\s+(?:the\s+|his\s+|her\s+)?{_AN_ORGANS_WALL}"
     rf"(?:{_HOLLOW_ORGANS}|mucosa)\b)",
     "migration"),
    # a level now and a level before, the way reports compare studies: "the lead tip now projects at T10, previously at
    # T8", "previously at T8-9, the tip is now at T11" (`extractor._moved_between` reads the levels)
    (rf"\b(?:now|currently)\b(?=\s+(?:[\w-]+\s+){{0,3}}?(?:at|over|overl(?:ying|ies)|to)\s+(?:the\s+)?(?:level\s+of\s+)?"
     rf"(?:(?:mid|upper|lower)[\s-]*)?{_LV}[^.;]{{0,50}}?\b(?:previously|formerly)\b)"
     rf"|\b(?:previously|formerly)\b(?=\s+(?:[\w-]+\s+){{0,4}}?(?:(?:mid|upper|lower)[\s-]*)?{_LV}[^.;]{{0,50}}?"
     rf"\b(?:now|currently)\b)", "migration"),
    # levels away from where it was: "the lead tip at T10, two levels below its original position at T8"
    (r"\b(?:one|two|three|four|five|six|\d+)\s+(?:vertebral\s+)?(?:levels?|segments?|vertebrae)\s+(?:below|above|caudal\s+to"
     r"|cranial\s+to|cephalad\s+to|lower\s+than|higher\s+than)\s+(?:its|their|the)\s+(?:original|initial|previous|prior"
     r"|intended|index)\s+(?:position|location|level|placement|site)s?\b", "migration"),
    # out of the canal through a foramen, a lateral migration: "the leads had migrated cephalad and exited the spine via
    # the upper thoracic foramina", "the lead migrated out through the foramen"
    (r"\bexit(?:ed|s|ing)?\s+(?:the\s+(?:spine|spinal\s+canal|vertebral\s+canal|canal|epidural\s+space)\s+)?(?:via|through)\s+"
     r"(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){0,3}?foram(?:en|ina|inae)\b"
     r"|\bout\s+(?:through|via)\s+(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){0,3}?foram(?:en|ina|inae)\b", "migration"),
    # an implant named right before a place away from the spine where no spinal implant belongs ("the missed screw in
    # the right lower abdominal quadrant", "encrusted screw in bladder", "the rod in the left gluteal region"): the
    # extractor takes it only right after the implant's words (`extractor._ectopic_implant`)
    # (on an organ only where it lies: "the free screw shaft was found lying on the diaphragmatic pleura", round 31; not
    # "pressing on my oesophagus")
    (rf"(?:\b(?:in|within|inside|into)|(?<=\blying\s)on|(?<=\blies\s)on|(?<=\blay\s)on|(?<=\bfound\s)on|(?<=\bresting\s)on"
     rf"|(?<=\brests\s)on)\s+(?:the\s+|his\s+|her\s+|a\s+)?(?:[\w-]+\s+){{0,5}}?(?:{_ORGANS}|{_BODY_REGIONS})\b",
     "ectopic"),
    # an implant pressing on the cord, a root or the thecal sac: "the SCS electrode array was compressing her spinal cord",
    # "the screw compresses the L5 root" (where it lies; `extractor._resolve_finding`)
    (r"\bcompress(?:es|ed|ing)\b(?=\s+(?:on\s+)?(?:the\s+|her\s+|his\s+|its\s+)?(?:[\w-]+\s+){0,2}?(?:spinal\s+cord|cord|nerve\s+roots?"
     r"|roots?|thecal\s+sac|dural\s+sac|cauda\s+equina|conus)\b)"
     # "the pedicle screw impinged on the L5 nerve root", "the screw clearly irritated the right L4 nerve root", "cages in
     # direct contact with the contralateral nerves"
     r"|\b(?:imping(?:e|es|ed|ing)|irritat(?:es|ed|ing)|(?<![\w]-)(?<!\d\s)(?:in\s+(?:direct\s+|close\s+)?)?contact(?:s|ed|ing)?)\b"
     r"(?=\s+(?:on|upon|with)?\s*"
     r"(?:the\s+|her\s+|his\s+|its\s+|an?\s+)?(?:[\w-]+\s+){0,3}?(?:spinal\s+cord|cord|nerve\s+roots?|roots?|nerves|thecal\s+sac"
     r"|dural\s+sac|cauda\s+equina|conus)\b)"
     # the structure's compression by an implant: "cord compression from a medial T8 pedicle screw", "compression of the
     # cauda equina by the hook", "the nerve compressed laterally by screw threads"
     r"|\b(?:spinal\s+cord|cord|nerve\s+roots?|roots?|nerves?|cauda\s+equina|thecal\s+sac|dural\s+sac)\s+compression\b"
     r"(?=\s+(?:\w+\s+){0,2}?(?:from|by|due\s+to|caused\s+by)\s)"
     r"|\bcompression\s+of\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:spinal\s+cord|cord|nerve\s+roots?|roots?|cauda\s+equina|thecal\s+sac)\b"
     r"(?=\s+(?:\w+\s+){0,2}?(?:from|by|due\s+to|caused\s+by)\s)"
     r"|\bcompressed\s+(?:\w+ly\s+)?by\b", "pressing"),
    # a screw in a disc space has missed its bone ("Screws were driven into the disc space", "the left L5 screw lies
    # within the L5-S1 disc space", "intradiscal screw"); a cage there is in its bed (`extractor._resolve_finding`)
    (r"\b(?:in|into|within|inside|enter(?:s|ed|ing)?)\s+(?:the\s+|an?\s+)?(?:(?:adjacent|[CTLS]\d{1,2}(?:\s*[-/]\s*[CTLS]?\d{1,2})?"
     r"|upper|lower|cranial|caudal|superior|inferior|intervertebral|neighbou?ring)\s+)*(?:dis[ck](?:al)?\s+spaces?|intervertebral\s+spaces?)\b"
     r"|\bintra-?dis[ck]al\b(?=\s+(?:(?:pedicle|vertebral\s+body|lateral\s+mass)\s+)?screws?\b)", "disc"),
    # subsidence
    # ("The cage has sinked in to the upper endplate of L5", round 31: a writer's spelling)
    (r"\bsubsid(?:ed|ence|ing|es|e)\b|\bsettl(?:ed|ing)\s+into\b|\bsunk(?:en)?\s+into\b|\bsinking\b|\bsank\b"
     r"|\b(?:sinked|sunk|sunken)\s+in\s+to\b"
     # impacted into bone (not a cage "impacted into the disc space" or "into place" as it is inserted)
     r"|\bimpact(?:ed|ion)\s+into\b(?=\s+(?:the\s+|an?\s+)?(?:[\w-]+\s+){0,2}?(?:end-?plates?|vertebral\s+bod(?:y|ies)|bod(?:y|ies)"
     r"|bone|vertebra[e]?)\b)|\btelescop(?:ed|ing)\b"
     # ("The spacer between C5 and C6 has collapsed into the bone below it", round 30; not a vertebra "collapsed")
     r"|\bcollapsed\s+into\b(?=\s+(?:the\s+|an?\s+)?(?:[\w-]+\s+){0,2}?(?:end-?plates?|vertebral\s+bod(?:y|ies)|bod(?:y|ies)"
     r"|bone|vertebra[e]?)\b)", "subsidence"),
]

# Words that look like findings but are not about the implants: bone fractures, MRI terms ...
IGNORE_PATTERNS = [
    # an organ's perforation repaired, a bone's fracture that moved or healed: "the perforation was repaired primarily",
    # "the odontoid screw had backed out inferiorly by 5 mm and the fracture had redisplaced"
    r"\bperforations?\s+(?:was|were|is|had\s+been|has\s+been)\s+(?:\w+ly\s+)?(?:repaired|closed|sutured|patched|treated|managed)\b"
    r"|\brepair(?:ed|ing)?\s+(?:of\s+)?the\s+perforation\b"
    r"|\bthe\s+fracture\s+(?:had\s+|has\s+|was\s+)?(?:re-?displaced|healed|united|consolidated|collapsed)\b",
    # the fractures an implant was put in for: "Anterior Fixation with Kaneda Device for Unstable Fractures of the
    # Thoracolumbar Spine", "instrumentation ... has been used for fractures of the thoracolumbar spine"
    r"\bfor\s+(?:an?\s+|the\s+)?(?:(?:unstable|traumatic|osteoporotic|burst|compression|pathologic(?:al)?|acute|thoracolumbar"
    r"|cervical|lumbar|thoracic|spinal|vertebral|complex|multiple)\s+){1,3}fractures?\b"
    r"|\bfractures?\s+of\s+the\s+(?:thoracolumbar|thoracic|lumbar|cervical|sacral)\s+spine\b",
    # what artefact hides is no place of an implant: "artifact from the screws obscures the lateral recesses at L4-5"
    r"\bobscur(?:es|ing|ed|e)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:lateral\s+recess(?:es)?|(?:neural\s+)?foram(?:en|ina)|canal|"
    r"pedicles?)\b",
    # a tap is an instrument: "when the left screw hole was tapped, the 4-mm tap traversed the superior wall"
    r"\b(?:the|a|an)\s+(?:[\d.]+[\s-]*mm\s+)?taps?\b",
    # a preference or a rule violated, an operation done through surgery, not an implant's place: "this paddle placement
    # violates my preference", "the only way to change it is through surgery"
    r"\bviolat\w*\s+(?:my|our|his|her|the|a|this)\s+(?:\w+\s+)?(?:preferences?|rules?|principles?|protocols?|recommendations?|guidelines?)\b"
    r"|\b(?:(?:is|are|was|were|be)\s+)?through\s+(?:a\s+|an\s+|the\s+)?(?:(?:minor|open|further|another|revision|repeat)\s+)?"
    r"(?:surgery|surgeries|operations?|procedures?|incisions?)\b",
    # a device's labelling or a normal range, not where an implant lies: "not within the approved indicated labeling"
    r"\b(?:not\s+)?within\s+(?:the\s+)?(?:approved|indicated|labell?ed|normal|acceptable|expected|recommended|specified)\b",
    # the skull settling onto the spine (basilar invagination), not an implant's subsidence: "continued posterior cranial
    # settling"
    r"\bcranial\s+settling\b|\bbasilar\s+(?:invagination|impression)\b",
    # a joint's dislocation, not an implant's: "No screw loosening or atlantoaxial redislocation occurred", "a C5-C6 facet
    # subluxation", "sacroiliac joint dislocation"
    r"\b(?:atlanto-?axial|atlanto-?occipital|occipito-?atlantal|atlanto-?dental|facets?|sacro-?iliac|hip|shoulder|"
    r"zygapophys[ei]al)\s+(?:joints?\s+)?(?:re-?)?(?:dislocations?|dislocated|subluxations?|subluxed|luxations?|instability)\b",
    # the spine's alignment, not an implant's: "coronal malalignment", "sagittal imbalance"
    r"\b(?:coronal|sagittal|spinal|global|spinopelvic|spino-pelvic)\s+(?:mal-?alignment|imbalance)\b",
    # a surgeon loosening the construct's parts is an operative step: "We loosened the locking caps", "After loosening
    # the nuts, the rod was rotated", "The set screws were loosened and the rod was removed"
    r"\b(?:we|i|surgeons?|the\s+surgeon)\s+(?:\w+ly\s+|then\s+|first\s+)?loosened\b"
    r"|\b(?:after|before|by|while|when|for|following)\s+loosening\s+(?:the|all|both|each|these)\b"
    r"|\b(?:was|were)\s+loosened\s+and\s+(?:then\s+)?(?:re-?tightened|rotated|adjusted|manipulated|repositioned)\b"
    r"|\b(?:was|were)\s+loosened\s+and\s+the\s+rods?\s+(?:was|were)\s+(?:removed|rotated|cut|exchanged|replaced|contoured)\b",
    # a screw backed out with an instrument, a set screw loosened, a screw toggled to test it, at surgery: "all four screws were
    # backed out with the driver", "The left T7 set screw was loosened, the rod was lifted from the tulip", "well fixed on toggle
    # testing"
    r"\b(?:was|were)\s+(?:then\s+|each\s+)?backed\s+out\s+(?:with|using|under|by\s+hand|manually)\b"
    r"|\b(?:set\s+screws?|locking\s+caps?|nuts?|caps?|blockers?)\s+(?:was|were)\s+(?:then\s+|first\s+)?loosened\b"
    r"|\btoggle\s+(?:testing|tests?)\b",
    # backing a screw out to redirect it, passing a rod through its connectors: "The screw was backed out and redirected",
    # "backed out two turns to allow rod placement", "The rod was passed through the connectors"
    r"\b(?:was|were)\s+(?:\w+ly\s+)?(?:backed\s+out|withdrawn|retracted|pulled\s+back)\s+(?:\w+\s+turns?\s+|slightly\s+|partially\s+)?"
    r"(?:and\s+(?:then\s+)?(?:re-?directed|re-?inserted|re-?positioned|replaced|exchanged|re-?placed)|to\s+(?:allow|permit|facilitate"
    r"|accommodate))\b|\b(?:we|i)\s+(?:\w+ly\s+)?(?:backed\s+out|withdrew|retracted)\b"
    r"|\b(?:was|were)\s+passed\s+through\s+(?:the\s+)?(?:[\w-]+\s+)?(?:connectors?|screw\s+heads?|tulips?|dominos?|hooks?"
    r"|cross-?links?|offset\s+connectors?)\b",
    # failures that are not the hardware's
    r"\b(?:renal|kidney|heart|cardiac|respiratory|liver|hepatic|multi-?organ|organ|treatment|therapy|conservative|medical|"
    r"fusion|bony|wound|(?:proximal\s+|distal\s+)?junctional)\s+failures?\b|\bfailures?\s+(?:of|to)\s+(?:the\s+)?(?:fusion|conservative|medical|non-?operative|"
    r"achieve|heal|union|bone|wound|treatment|therapy)\b|\bfailed\s+back\b",
    # a fracture after an implant's removal, a fractured segment: the bone's ("a delayed fracture following plate removal",
    # "bridging and stabilizing the fractured segment"); and the idiom "more than just a screw loose"
    r"(?<!\brod\s)(?<!\brods\s)(?<!\bplate\s)(?<!\bscrew\s)(?<!\bcage\s)\bfractures?\b"
    r"(?:(?!\b(?:rods?|screws?|plates?|cages?|hardware|implants?|instrumentation)\b)[^.;]){0,80}?\b(?:following|after)\s+"
    r"(?:the\s+|its\s+)?(?:[\w-]+\s+){0,2}?(?:hardware|implants?|plates?|rods?|screws?|instrumentation)\s+removal\b"
    r"|\bfractured\s+(?:segments?|levels?)\b|\b(?:ha(?:ve|s|d)|got|just)\s+a\s+screw\s+loose\b",
    # fractures of bone named by type, eponym or part, and fractures that healed
    r"\b(?:type[\s-]+(?:I{1,3}|[123])[abc]?|odontoid|dens|hangman'?s?|jefferson|teardrop|tear-drop|triangle|triangular|corner|atlas|axis|arch)\s+(?:(?!screws?\b)\w+\s+)?fractures?\b",
    r"\bfractures?\s+(?:of|through|involving)\s+the\s+(?:(?:posterior|anterior|left|right)\s+)?(?:arch|ring|neural\s+arch)\b",
    r"\b(?:the\s+)?fractures?\s+(?:is|are|was|were|had|has|have)\s+(?:\w+\s+)?(?:healed|united|consolidated)\b|\bfracture\s+heal(?:ed|ing)\b",
    r"\b(?:correction|reduction|fixation|healing|union|consolidation|alignment|treatment|management|stabili[sz]ation|stability|site"
    r"|repair)\s+(?:of|at)\s+(?:the\s+|a\s+|an\s+|his\s+|her\s+)?(?:(?!(?:rods?|screws?|plates?|cages?|hardware|implants?|leads?)\b)"
    r"[\w-]+\s+(?:and\s+(?:the\s+)?)?){0,3}?fractures?\b(?!\s+(?:of|in)\s+(?:the\s+)?(?:\w+\s+)?"
    r"(?:rods?|screws?|plates?|cages?|hardware|implants?|leads?))|\bfracture\s+(?:sites?|lines?|fragments?|union|healing|fusion|fixation|reduction|repair|surgery"
    r"|morpholog(?:y|ies)|classifications?|management|treatment|care)\b",
    # displacement and subluxation of bone, joints and discs
    r"\b(?:atlanto-?axial|atlanto-?occipital|atlanto-?dental|facet|vertebral|rotatory)\s+(?:\w+\s+)?(?:subluxation|dislocation|dissociation|instability|displacement)\b",
    # a disc's extrusion by where it lies: "a superimposed right foraminal extrusion compressing the exiting root"
    r"\b(?:foraminal|extraforaminal|paracentral|subarticular|central|far\s+lateral|recess)\s+(?:dis[ck]\s+)?(?:extrusions?|herniations?|"
    r"protrusions?)\b(?:\s+with\s+(?:\w+\s+)?(?:migration|displacement|extrusion)\b)?",
    r"\b(?:(?:dis[ck]\s+)?(?:extrusions?|herniations?|protrusions?)|dis[ck]|fragments?|sequestr(?:um|a))\s+with\s+(?:\w+\s+)?"
    r"(?:migration|displacement|extrusion)\b",  # "a right paracentral disc extrusion with caudal migration"
    r"\b(?:displace(?:d|ment)|migration|subluxation|extrusion)\s+of\s+(?:the\s+)?"
    r"(?:(?!(?:rods?|screws?|plates?|cages?|leads?|wires?|hardware|implants?)\b)\w+\s+)?"  # (not "of the rod fragment")
    r"(?:elements?|fragments?|facets?|vertebra|vertebral\s+bod(?:y|ies)|graft"
    # a disc, not a disc prosthesis: "migration of the disc fragment", not "migration of the disc prosthesis"
    r"|(?<!\bartificial\s)dis[ck](?!\s+(?:prosthes[ie]s|arthroplast(?:y|ies)|replacements?)\b))\b"
    # (not a bone and an implant that moved together: "anterior displacement of the graft and plate", round 30)
    r"(?!\s+(?:and|&)\s+(?:the\s+|its\s+)?(?:[\w-]+\s+)?(?:rods?|screws?|plates?|cages?|spacers?|leads?|hardware|implants?)\b)",
    r"\bslipped\s+(?:dis[ck]|vertebra)\b|\bvertebral\s+slip\b"
    # a bone graft's own movement: "strut graft kick-out", "graft dislodgement" (not an implant of the list)
    r"|\b(?<!interbody\s)grafts?\s+(?:kick(?:ed)?[\s-]?outs?|dislodge?ment|displacement|extrusion|migration|subsidence|collapse)\b",
    r"\b(?:subluxation|dislocation)\s+of\s+(?:the\s+)?[CTLS]-?\d{1,2}\b(?!\s*(?:-|/|–)?\s*\d*\s+(?:[\w-]+\s+)?(?:screws?|rods?"
    r"|cages?|spacers?|plates?|implants?|devices?))",  # "subluxation of C-1 to C-2": bone
    r"\b(?:compression|burst|pedicle|pars|endplate|end\s+plate|vertebral(?:\s+body)?|sacral|sacrum|transverse\s+process|"
    r"spinous\s+process|lamina|laminar|odontoid|dens|facet|insufficiency|insufficient|stress|chance|avulsion|periprosthetic|"
    r"osteoporotic|wedge|pathologic(?:al)?|traumatic|osteomyelitic|iliac|rib|clavicle|hip|femoral|sternal|bony|osseous|bone|cortical"
    r"|spinal|spine|thoracolumbar"
    r"|dorsolumbar|lumbar|cervical|thoracic|(?:spinal\s+)?structure|type\s+[A-C]\d?|pelvic(?:\s+ring)?|fragility|acetabular"
    r"|iliosacral)\s+(?:\([^)]{1,20}\)\s+)?(?:fractures?|fxs?)\b",  # (and the shorthand: "w/ T10 compression fx")
    r"\b(?:fractures?|fx)\s+(?:of|through|involving|at)\s+(?:the\s+)?(?:(?:[CTLS]\d{1,2}|left|right|(?-i:[LR])|inferior|superior"
    r"|anterior|posterior)\s+)*(?:vertebral\s+bod(?:y|ies)|pedicles?|lamina|sacrum|body|transverse\s+process|spinous\s+process|"
    r"facets?|pars|endplates?|odontoid|dens|ala|ilium|iliac|rib|vertebra)\b"
    # not "fracture of the odontoid peg screw", not a rod's "fractures at the L3 pedicle subtraction osteotomy"
    r"(?![\s-]+(?:[\w-]+[\s-]+)?(?:screws?|bolts?|plates?|hooks?))(?![\s-]+subtraction\b)",
    r"\b(?:bone|screw)[\s-]+(?:screw|bone)[\s-]+interfaces?\b|\bbone[\s-]+implant\s+interfaces?\b",
    r"\b(?:[CTLS]\d{1,2}\s+)?(?:vertebral\s+body|pedicle|pars|sacral|lamina)\s+(?:is\s+|are\s+)?fractured\b",
    # (not "a fractured pedicle screw")
    r"\bfractured\s+(?:vertebral\s+bod(?:y|ies)|pedicles?|lamina|vertebra)\b(?![\s-]+screws?\b)",
    # (but a lucency of the screw's tract is the screw's: "Screw tract lucency at L4 bilaterally")
    r"\b(?:vertebral\s+)?body\s+fractures?\b|\bscrew\s+(?:holes?|tracts?|tracks?)\b"
    r"(?!\s+(?:(?:radio)?lucen(?:cy|cies|t)|halos?|osteolysis|widening|resorption)\b)",
    # a spine's injury: "for a C5-C6 fracture-dislocation" (round 32)
    r"\b(?:[CTLS]\d{1,2}(?:\s*[-/]\s*[CTLS]?\d{1,2})?\s+)?fracture[\s-]+dislocations?\b",
    r"\b(?:disc|disk)\s+(?:space\s+)?(?:narrowing|bulge|protrusion|extrusion|herniation|height\s+loss)\b",
    r"\b(?:disc|disk)\s+(?:extrusion|protrusion|herniation|migration)\b",
    # a disc's protrusion: "small right paracentral protrusion at T7-8"
    r"\b(?:paracentral|central|foraminal|subarticular|broad-?based|focal)\s+(?:disc\s+)?(?:protrusion|extrusion|herniation|bulge)s?\b",
    r"\bextruded\s+(?:disc|disk)\b|\banterolisthesis\b|\bretrolisthesis\b|\blisthesis\b",
    r"\b(?:posterior|anterior|lateral|transforaminal|extreme\s+lateral)\s+(?:lumbar\s+|cervical\s+|thoracic\s+|spinal\s+)?"
    r"(?:interbody\s+)?(?:fusion|approach|decompression|discectomy|corpectomy|elements?|column|longitudinal\s+ligament|osteophytes?)\b",
    # (not where the denial goes on to a list: "No complications were reported, such as ... fixation failure")
    r"\bno\s+(?:acute\s+)?(?:osseous\s+)?(?:abnormalit(?:y|ies)|complications?)\b(?!\s+(?:regarding|related\s+to|concerning)\b"
    # (nor the hardware's own: "No complication of the spinal instrumentation", round 33)
    r"|\s+of\s+" + _THE_HARDWARE +
    r"|(?:\s+(?:were|was)\s+(?:\w+ly\s+)?(?:reported|noted|seen|observed|encountered|recorded))?\s*,?\s+(?:such\s+as|including|like)\b)",
    r"\b(?:lateral|medial)\s+(?:recess|branch|view|projection|radiograph|images?)\b",
    # the side of an endplate is no direction of the finding (the endplate itself stays a structure a screw breaches:
    # "Breach of the superior endplate by the right L2 screw")
    r"\b(?:anterior|posterior|superior|inferior)\b(?=\s+(?:endplates?|end\s+plates?)\b)"
    r"|\b(?:anterior|posterior|superior|inferior)\s+margins?\s+of\s+the\s+dis[ck]\b",
    r"\bbone\s+(?:graft|marrow|density|mineral)\b|\bgraft\s+material\b",
    r"\bt[12][\s-]*weighted\b",
    r"\b(?:displace(?:d|ment)|distraction|separation|angulation)\s+of\s+the\s+(?:fracture\s+)?(?:fragments?|fractured?\s+ends?|fracture)\b",
    r"\bspinal\s+cord\s+(?:signal|compression|edema|contusion)\b|\bcord\s+signal\b",
    # an acute fracture is the bone's: a trauma report's "No acute fracture." (not "acute fracture of the rod")
    r"\bacute\s+(?:(?:osseous|bony|displaced|nondisplaced|compression)\s+)?fractures?\b(?!\s+(?:of|through|in)\s+(?:the\s+)?"
    r"(?:[\w-]+\s+){0,2}?(?:rods?|screws?|plates?|cages?|leads?|hardware|implants?|instrumentation)\b)",
    # the side of the sac or the cord an implant presses on is no way it moved: "retropulsed into the canal, indenting the
    # ventral thecal sac"
    r"\b(?:ventral|dorsal)\s+(?:aspect\s+of\s+the\s+)?(?:thecal\s+sac|dural\s+sac|dura|spinal\s+cord|cord)\b",
    r"\bdelayed\s+union\b|\bnon-?union\b|\bpseud(?:o)?arthrosis\b",
    # a halo orthosis is not a halo of lucency
    r"\bhalo[\s-]+(?:vests?|braces?|orthos[ie]s|rings?|crowns?|fixators?|fixation|instrumentation|traction|jackets?|immobili[sz]ation|devices?|rest"
    r"|frames?|framework"
    r"|pins?|casts?)\b",
    # "mobile" said of a slipped or unstable bone segment is not an implant's loosening: "a mobile, grade 2 spondylolisthesis"
    r"\bmobile,?\s+(?:[\w-]+,?\s+){0,3}?(?:spondylolisthesis|spondylolysis|listhesis|segments?|vertebra[el]?|dis[ck]s?|fragments?)\b"
    # a disc prosthesis's motion is no loosening: "resulting in decreased mobility of implants"; an instrument let go of
    # is no disconnection: "then became detached from the screwdriver"
    r"|\b(?:decreased|reduced|limited|preserved|restored|segmental)\s+mobility\b|\bloss\s+of\s+mobility\b"
    r"|\b(?:detached|disconnected|separated|released|disengaged)\s+from\s+(?:the\s+|its\s+)?(?:screw[\s-]*driver|inserter|instrument"
    r"|holder|driver|introducer)s?\b",
    # an implant named as what assists a procedure names the procedure or its group, not an implant of the patient:
    # "the plate-assisted fusion group", "cage assisted discectomy"
    r"\b(?:plates?|plating|cages?|screws?|rods?)[\s-]+(?:assisted|augmented)\b"
    # and so does an implant that names a study's group: "13 patients in stand-alone cage group", "the wedge cage group",
    # "single-threaded screw (STS group)", "In the dual rod group"
    r"|\b(?:plates?|cages?|screws?|rods?|leads?|implants?)\s+(?:\(\s*[\w-]+\s+)?groups?\b",
    # an instrument is no implant: "the winged tip of the screw driver sheared off"; a group named by a failure is no
    # finding: "were classified as screw failure group (SF group, n=25)"
    r"\bscrew[\s-]*drivers?\b|\b(?:screw|implant|hardware|fixation|mechanical|instrumentation|cage|rod)\s+failure\s+groups?\b",
    # a technique named for what its screw does, and a removal named for what it removes, in general: "the penetrating
    # endplate screw (PES) technique", "during difficult broken pedicle screw removal" (not "a complication of unsuccessful
    # broken pedicle screw removal" in a case study)
    r"\bpenetrating\s+end[\s-]?plate\s+screws?\b"
    r"|\b(?:during|with|for|in)\s+(?:(?:difficult|challenging)\s+)?broken\s+(?:pedicle\s+)?screws?\s+(?:removal|retrieval|extraction)\b",
    # grouping, not a disconnection: "separated by pelvic fixation type"
    r"\bseparated\s+(?:by|into|according\s+to|based\s+on|in)\b",
    # bone that moved or slipped is not an implant: "the dislocated 4th and 5th vertebrae", "the position of the bone had shifted"
    r"\b(?:dislocated|displaced|subluxed|shifted|fractured|broken)\s+(?:\d(?:st|nd|rd|th)\s+(?:and\s+\d(?:st|nd|rd|th)\s+)?)?vertebra[el]?\b"
    r"(?![\s-]+(?:body[\s-]+)?(?:screws?|plates?))"
    r"|\bposition\s+of\s+the\s+bones?\s+(?:\w+\s+){0,2}?(?:shifted|moved|changed|displaced)\b"
    # a vertebra's fracture or subluxation named by its level: "for a pathological L3 fracture", "C-1-C-2 cervical subluxation"
    r"|\b[CTLS]-?\d{1,2}(?:\s*[-–/]\s*[CTLS]?-?\d{1,2})?\s+(?:(?:vertebral|vertebra|body|burst|compression|cervical"
    r"|atlanto-?axial|rotatory)\s+){0,2}(?:fractures?|subluxations?)\b"
    r"|\b(?:atlanto-?axial|rotatory|facet)\s+subluxations?\b",
    # a nerve root leaving the canal, a bony fracture-dislocation and a displaced bone fracture are no implant findings:
    # "the exiting left L5 nerve root", "Fracture dislocation, C2", "a displaced C2 comminuted fracture"
    r"\b(?:exiting|traversing)\s+(?:(?:left|right|bilateral|ipsilateral|contralateral|[CTLS]\d{1,2}|traversing|exiting|and)\s+)*"
    r"(?:nerve\s+)?roots?\b"
    r"|\b(?:root\s+)?exit\s+(?:zones?|sites?|points?)\b|\bguide[\s-]?(?:pins?|wires?)\b"
    # a surgeon's instruments and steps: "the cannula was positioned ... past the vertebral body wall", "a blunt nerve hook
    # was passed into the canal", "palpating with pedicle probe", "a gear shift", "slightly counter sunk"
    r"|\b(?:cannulas?|cannulae|trocars?|needles?|dilators?|retractors?|rongeurs?|curettes?|osteotomes?|(?-i:K)[\s-]?wires?"
    r"|kirschner[\s-]+wires?|steinmann[\s-]+pins?)\b"  # (a K-wire is a guide or a pin of bones elsewhere: no spinal implant)
    r"|\b(?:nerve|blunt|ball[\s-]tipped|penfield|dural|woodson)\s+(?:hooks?|probes?|dissectors?)\b|\bgear\s*shift\b"
    r"|\bpedicle\s+(?:probes?|finders?|feelers?|markers?|awls?|sounders?)\b|\bcounter[\s-]?sunk\b|\bcountersink\w*"
    # an inserter and its parts, a slap hammer, a torque wrench: "the draw rod was damaged", "a slap hammer to disengage"
    r"|\b(?:cage\s+)?inserters?\b|\bdraw\s+rods?\b|\bslap\s+hammers?\b|\btorque\s+(?:wrench(?:es)?|handles?|limiters?)\b"
    r"|\b(?:postural|tracheal|gait|septal|ulnar|radial|conjugate|gaze|eye|ocular|skew)\s+deviations?\b|\bloose\s+bod(?:y|ies)\b|\bmalalignment\s+syndrome\b"
    r"|\b(?:tibial|femoral|humeral|radial|ulnar|fibular|metatarsal|metacarpal|clavicular)\s+(?:shaft|neck|head|plateau)\s+fractures?\b"
    r"|\b(?:pain|symptoms?|swelling|numbness|discomfort|spasms?|pa?ra?esthesias?|tingling|weakness|radiculopathy|sciatica"
    r"|urgency|incontinence|headaches?|complaints?)\s+"  # ("and her urgency settled", round 32)
    r"(?:(?:of|in)\s+(?:the\s+|his\s+|her\s+)?(?:left\s+|right\s+)?\w+\s+)?(?:\w+\s+)?(?:subsid(?:es|ed|ing)|disappear(?:s|ed|ing)?|settl(?:es|ed|ing))\b|\bsettl(?:ed|ing|es?)\s+(?:on|for|upon)\b|\bpull[\s-]?out\s+(?:strength|force|resistance|test(?:ing|s)?|load"
    r"|stiffness)\b|\bcement\s+(?:\w+\s+){0,2}?(?:extru\w+|leak\w*|migrat\w+|extravasat\w+|track(?:s|ed|ing)?)(?:\s+(?:[\w-]+\s+){0,6}?(?:into|in)\s+the\s+(?:spinal\s+|vertebral\s+|neural\s+)?(?:canal|foram(?:en|ina))\b)?|\b(?:transverse\s+)?fractures?\s+(?:through|of|in|within)\s+(?:the\s+)?cement\b|\badjacent[\s-]+(?:segment|level|vertebral)\s+(?:body\s+)?fractures?\b|\(\s*(?:left|right|top|bottom|upper|lower)"
    r"(?:\s+(?:panel|image|side|column))?\s*\)|\b(?:AO/OTA|AO|OTA)\s+\d{2}-?[A-C]\d(?:\.\d)?\b"
    r"|(?<!screw\s)(?<!screws\s)(?<!rod\s)(?<!rods\s)(?<!plate\s)(?<!cage\s)(?<!lead\s)\bfractures?\s+with\s+"
    r"(?:(?!(?:rods?|screws?|plates?|cages?|hardware|implants?|leads?|devices?)\b)\w+\s+){0,2}?(?:displacement|angulation|distraction)\b"
    # a bone's fracture treated or spoken of, a surgeon loosening an implant to remove it, an endplate's lucency, a vertebra
    # missing from a stitched film: "He underwent pedicle screw fixation for the fracture", "has a good effect on such
    # fractures", "in 4 directions to loosen its hold", "questionable lucency of the endplates at L2-L3", "a missing vertebra
    # in the traction radiograph"
    r"|\bfracture\s+sites?\b|\b(?:level|site)\s+of\s+(?:the\s+)?fracture\b"
    r"|\b(?:fixation|stabili[sz]ation|surgery|treatment|instrumentation|fusion)\s+(?:for|of)\s+(?:the|a|an|his|her|this|such)\s+"
    r"(?:\w+\s+)?fractures?\b(?!\s+(?:of|in)\s+(?:the\s+|an?\s+|his\s+|her\s+)?(?:[\w-]+\s+){0,2}?(?:rods?|screws?|plates?|cages?"
    r"|hardware|implants?|leads?|instrumentation|constructs?)\b)"  # (not "revision surgery for a fracture of the right rod")
    r"|\bsuch\s+fractures\b|\bto\s+loosen\b(?=\s+(?:its|their|the|a|an|his|her)\b)"
    r"|\blucenc(?:y|ies)\s+(?:of|at|in|along)\s+(?:the\s+)?(?:[\w-]+\s+)?end\s*-?plates?\b|\bmissing\s+vertebra[el]?\b"
    # vertebrae's fractures named by their levels: "pathological fractures of T12 and L1 secondary to osteodiscitis" (not
    # "fracture of the L5 screw")
    r"|(?<!screw\s)(?<!screws\s)(?<!rod\s)(?<!rods\s)(?<!plate\s)(?<!cage\s)(?<!lead\s)"
    r"\bfractures?\s+of\s+(?:the\s+)?[CTLS]\d{1,2}(?:\s*(?:,|and|-|to|through)\s*[CTLS]?\d{1,2})*\b"
    r"(?!\s*(?:-\s*)?(?:[\w-]+\s+)?(?:screws?|rods?|plates?|cages?|hooks?|implants?|hardware|instrumentation|leads?|pedicle\s+screws?)\b)"
    # an endplate's own fracture: "the cage has subsided ..., with a new fracture of that endplate"
    r"|\bfractures?\s+(?:of|through|in)\s+(?:the\s+|that\s+|this\s+|its\s+|an?\s+)?(?:[\w-]+\s+){0,2}?end\s*-?plates?\b"
    r"|\bend\s*-?plate\s+(?:fractures?|fxs?)\b"
    # a breach of a duty or a code is no screw's: "found in breach of the patients' rights code", "breached Right 4(1) of the
    # Code", "breach of the standard of care"
    r"|\bin\s+breach\s+of\b|\b(?:breach(?:ed|es|ing)?|violat(?:ed|es|ing|ions?))\s+(?:of\s+)?(?:the\s+|a\s+|his\s+|her\s+|their\s+"
    r"|its\s+)?(?:[\w'’()-]+\s+){0,3}?"
    r"(?:duty|duties|code|contract|standards?|rights|right\s+\d|obligations?|care|confidentiality|law|warranty|policy"
    # ("this violated the Administrative Procedure Act", round 33)
    r"|protocol|acts?|statutes?|regulations?|rules?)\b"
    r"|\bintrathecal\s+(?:(?:pain|drug|morphine|baclofen|opioid)\s+)?(?:pumps?|drug\s+delivery|therapy|injections?"
    r"|chemotherapy|contrast|gadolinium|baclofen|morphine|administration)\b"
    r"|\b(?:he|she|who|patients?|man|woman|boy|girl|child|they)\s+(?:had\s+|has\s+|then\s+|previously\s+|subsequently\s+)?"
    r"sustain(?:ed|s)?\s+(?:an?\s+|the\s+)?(?:(?!(?:rods?|screws?|plates?|cages?|hardware|implants?|leads?)\b)[\w./-]+,?\s+){0,5}?"
    r"fractures?\b(?!\s+of\s+(?:the\s+|an?\s+|his\s+|her\s+)?(?:\w+\s+)?(?:rods?|screws?|plates?|cages?|hardware|implants?|leads?)\b)|\bfracture[\s-]+dislocations?\b|\bas\s+well\s+as\s+of\s+the\s+fractures?\b(?!\s+(?:of|in)\b)"
    r"|\b(?:non-?|(?:minimally|significantly|severely|totally|completely|widely|markedly|mildly|slightly)\s+)?displaced\s+"
    r"(?:(?:[CTLS]\d{1,2}|left|right|and|,|[a-z]+ar|[a-z]+al|comminuted"
    r"|transverse|oblique|spiral|segmental|type\s+\w+)\s+){0,3}fractures?\b"
    # (not an implant's: "Possible nondisplaced fracture of the left rod at L5-S1")
    r"(?!\s+(?:of|in|through)\s+(?:the\s+|a\s+|an\s+|both\s+)?(?:[\w-]+\s+){0,3}?(?:rods?|screws?|plates?|cages?|leads?|hardware"
    r"|implants?|instrumentation|wires?)\b)",
    # an implant set in its place during surgery has not subsided: "the spacer was then carefully impacted into position"
    r"\bimpacted\s+into\s+(?:(?:proper|good|final|correct|its|the|appropriate)\s+)*(?:position|place)\b",
    # break-off heads and reduction tabs are broken on purpose: "heads were rotated fractured off", "the tabs were snapped off"
    r"\b(?:rotated|twisted|torqued)\s+(?:and\s+)?(?:fractured|broken|broke|sheared|snapped)\s+off\b"
    r"|\b(?:reduction\s+|extension\s+)?tabs?\s+(?:were|was)\s+(?:then\s+)?(?:broken|snapped|sheared|fractured)\s+off\b"
    r"|\bbreak[\s-]?(?:off|away)\s+(?:heads?|tabs?|nuts?|caps?)\b",
    # a halo worn or put on is the orthosis: "reluctance to wear a halo", "was placed in a halo"
    r"\b(?:wear|wears|wearing|wore|worn|placed\s+in|fitted\s+with|treated\s+with|immobili[sz]ed\s+(?:in|with))\s+(?:a\s+|the\s+)?halo\b",
    # a fractured implant's fragments apart from each other are its fracture, not a migration: "3 mm of displacement between
    # the fragments", "the right rod fracture is non-displaced"
    r"\b(?:displace(?:d|ment)|offset|separation|diastasis|distraction)\s+(?:of\s+)?between\s+(?:the\s+|its\s+|their\s+)?"
    r"(?:(?:rod|screw|plate|lead|fracture|fractured|broken)\s+)?(?:fragments?|ends|pieces|parts)\b|\bnon-?displaced\b|\bundisplaced\b",
    # a joint's separation is no disconnection: "symphysis pubis separation"; a brain stimulator's leads are not the spine's:
    # "Deep brain stimulation lead fracture with normal impedances"
    r"\b(?:symphys[ie]s(?:\s+pubis)?|pubic\s+symphysis|sacro-?iliac(?:\s+joint)?|acromioclavicular|(?-i:AC|SI)\s+joint)\s+"
    r"(?:separation|diastasis|widening|disruption|dislocation)\b"
    r"|\bdeep\s+brain\s+stimulat(?:ion|or)(?:\s+(?:\(DBS\)\s+)?(?:leads?|electrodes?|systems?|devices?|extension\s+(?:leads?|wires?)))?\b"
    r"|(?-i:\bDBS\b)(?:\s+(?:leads?|electrodes?|systems?|devices?))?",
    # the lining of an organ breached is the organ's: "at the level of the displaced screws, without mucosal perforation"
    r"\b(?:mucosal|mucosa)\s+(?:perforation|breach|injury|tear|erosion)\b|\bfree\s+perforation\b",
    # hardware of the hip and the long bones: "a right dynamic hip screw for an intertrochanteric fracture"
    r"\b(?:(?:dynamic|sliding|compression|cannulated)\s+)?hip\s+screws?\b|\b(?:femoral|tibial|intramedullary|gamma|trochanteric"
    r"|cephalomedullary)\s+nails?\b|\b(?:intertrochanteric|subtrochanteric|femoral\s+neck|neck\s+of\s+femur)\s+fractures?\b",
    # a cardiac device's lead and what happened to it, beside a stimulator: "a chest film ... showing a pacemaker lead fracture"
    r"\b(?:pacemaker|pacing|defibrillator|(?-i:ICD)|cardiac|ventricular|atrial)\s+(?:leads?|electrodes?|wires?)"
    r"(?:\s+(?:fractures?|breakage|dislodge?ment|migration|displacement|malposition|perforation))?\b",
    # the part of the body where a generator lies is no way it moved: "a pulse generator in the left posterior flank"; a finding
    # a revision has treated: "The previously fractured left rod has been replaced by a new cobalt-chrome rod"
    r"\b(?:anterior|posterior|lateral|superior|inferior)\s+(?:flank|buttock|gluteal\s+region|abdominal\s+wall|chest\s+wall)\b"
    r"|\b(?:previously|formerly|originally)\s+(?:fractured|broken|loosened|loose|migrated|displaced|malpositioned|misplaced)\b"
    r"(?=\s+(?:[\w-]+\s+){0,3}?(?:rods?|screws?|cages?|plates?|leads?)\s+(?:has|have|was|were)\s+(?:been\s+)?(?:replaced|exchanged"
    r"|removed|revised)\b)",
    # a lead passed through a needle is being placed: "Two new leads were passed through a Tuohy needle at T12-L1"
    r"\b(?:passed|introduced|inserted|advanced)\s+through\s+(?:a|the)\s+(?:[\w-]+\s+)?(?:needle|introducer|sheath|cannula)\b",
    # a generator or a lead moved by the surgeon: "the generator was moved to a smaller subfascial pocket in the flank"
    r"\b(?:was|were)\s+(?:then\s+|subsequently\s+)?(?:moved|relocated|transferred|re-?sited)\s+to\s+(?:a|an)\b",
    # bone that grows through or around an implant is fusion, not the implant's place: "Bridging bone extends through and
    # around the cage"
    r"\b(?:bridging\s+|trabecular\s+|new\s+)?(?:bone|trabeculae|fusion\s+mass|ossification)\s+(?:\w+\s+){0,2}?(?:extends?|extending"
    r"|passes|passing|grows?|growing|crosses|crossing)\s+(?:through|across|around|into)(?:\s+and\s+(?:through|across|around|into))?\b",
    # what leaves the images is not a lead leaving its place: "with leads exiting the field of view superiorly"
    r"\b(?:exit(?:s|ing|ed)?|leav(?:es|ing)|extend(?:s|ing)?\s+(?:out\s+of|beyond))\s+(?:the\s+)?(?:imaged\s+|scanned\s+)?"
    r"(?:field\s+of\s+view|fov|scan\s+(?:field|range)|images?|imaging\s+field)\b",
]

# Hollow organs away from the spine: an implant that perforates one of these ("perforated the esophagus", "through the
# bowel") has left its bed (a migration), it is not a screw out of its pedicle (the aorta, a lung or the pleura beside a
# vertebra are: "perforation of the aorta by pedicle screws at T6 and T9" is where the screws were placed).
# where a stimulator's lead or generator has no place (its pulse generator and extensions lie in the abdomen or buttock)
FAR_FROM_A_LEAD = re.compile(rf"\b{_ORGANS}\b", re.I)
ORGAN_WORDS = re.compile(rf"^(?:{_HOLLOW_ORGANS}|skin|diaphragm)$", re.I)

# --- generic statements ----------------------------------------------------------------------------
# Words that make a clause a statement about what happens in general -- in the literature, in a cohort's
# statistics, by definition, as a study's aim, as advice or as a counterfactual -- rather than a finding of
# this patient. The extractor sets aside the findings of a clause that holds one (`statements.py`: a clause
# ends at ';', at but/however/whereas/which ..., and at ', and' when a new subject or verb follows);
# history.py does not read procedures, times or symptoms in such sentences. "A rare complication of lead
# extrusion" (singular, this patient's) is not generic; "complications of ..." (plural) is; a cohort's count
# ("Cage migration was identified in 5 of 113 patients") is a finding, its comparison between groups is not.
# Another study's report, opening with its authors and a citation: "Harms and Melcher [11] reported", "Smith et al. (2010)
# described", "Hsieh et al.33 reported" (a clause's generic cue here; a whole sentence's in statements.whole_statement)
CITED_REPORT = (r"(?-i:[A-Z][a-z]+(?:\s+(?:and|&)\s+[A-Z][a-z]+|\s+et\s+al\.?|\s+and\s+(?:colleagues|coworkers|co-workers)))\s*(?:\[\d+(?:[,–-]\d+)*\]|\(\d{4}\)"
                r"|\d{1,3}(?:[,–-]\d{1,3})*)?\s+(?:\w+ly\s+)?(?:reported|described|showed|found|demonstrated|noted|presented"
                r"|published)\b")
# A case of the literature: "One case was also described", "Two similar cases have been reported"
LITERATURE_CASE = (r"(?:one|a|another|two|three|four|\d+)\s+(?:other\s+|similar\s+)?cases?\s+(?:was|were|has\s+been|have\s+been)"
                   r"\s+(?:also\s+|previously\s+)?(?:described|reported|published)\b")
# "studies" that are a report's own examinations, not papers: "Follow-up studies have shown loosening of the L5 screw"
_EXAMS_BEFORE = (r"(?<!follow-up\s)(?<!imaging\s)(?<!prior\s)(?<!previous\s)(?<!recent\s)(?<!serial\s)(?<!radiographic\s)"
                 r"(?<!ct\s)(?<!mri\s)(?<!mr\s)")

GENERIC_STATEMENTS = [
    # another patient's or paper's, shown beside the authors' own (round 32): "Rod fracture at the lumbosacral junction in a
    # comparable patient, reproduced with permission from Smith et al.", "Plate fracture in a similar case reported by Lee
    # et al.", "We read with interest the recent report of a fractured lead"
    # (not the authors' own other patient: "Sagittal CT in a different patient shows a broken rod")
    r"\bin\s+(?:a|another)\s+(?:comparable|similar)\s+(?:patient|case)\b"
    r"|\breproduced\s+(?:with\s+(?:kind\s+)?permission\s+)?from\b|\b(?:a|the)\s+similar\s+case\s+(?:reported|described|published)\s+by\b"
    r"|\bread\s+with\s+interest\b"
    # what kinds of finding make up in general: "Migration, fracture and disconnection of leads account for most reoperations"
    r"|\baccount(?:s|ed)?\s+for\s+(?:most|the\s+(?:majority|bulk)|many|much|a\s+(?:large|small|substantial)\s+(?:share|proportion|part))\b"
    # another series' report: "An earlier multicentre series reported fracture of at least one lead in 9% of its patients"
    r"|\b(?:an?|one|another)\s+(?:(?:earlier|previous|prior|large|larger|recent|retrospective|prospective|multi-?cent(?:re|er)"
    r"|single-?cent(?:re|er)|published|national)\s+)+(?:series|study|review|trial|registry|cohort|report)\s+(?:\w+\s+){0,2}?"
    r"(?:reported|described|found|showed|documented|observed)\b"
    # any implant of a kind, by what it does: "A paddle lead that migrates laterally may stimulate a dorsal root", "A set
    # screw that backs out lets the rod slide", "A rod that is not secured in its connector is easily missed"
    r"|^\W*an?\s+(?:[\w-]+\s+){0,3}?(?:leads?|paddles?|screws?|rods?|cages?|plates?|electrodes?|connectors?|hooks?)\s+that\s+"
    r"(?:is|are|(?!was\b|has\b|had\b)[a-z]+s)\b",
    # how a finding shows or is dealt with in general: "Set screw disengagement may be subtle on radiographs and is best
    # appreciated as ...", "Removal of a broken screw shank can be facilitated by a trephine", "Traditional pedicle screw
    # devices face several complications, including loose and broken screws", a search's terms
    r"\bmay\s+be\s+(?:subtle|missed|overlooked|invisible|occult|difficult\s+to\s+(?:see|detect|appreciate|identify))\b"
    r"|\b(?:is|are)\s+best\s+(?:appreciated|seen|assessed|evaluated|demonstrated|detected|shown)\b"
    r"|\bcan\s+be\s+(?:facilitated|achieved|accomplished|aided|simplified)\b"
    r"|\b(?:face|faces|pose|poses|carry|carries)\s+(?:several|many|numerous|some|a\s+number\s+of|various|potential)\s+"
    r"(?:complications|risks|problems)\b|\bsearch\s+terms?\b"
    # what a word means and what a finding may bring, for a reader: "Hardware failure means that a screw, rod or plate
    # has broken", "Symptoms of a broken rod may include new back pain", "Most broken screws do not need to be removed",
    # "Historically, Harrington rods were anchored with hooks alone and frequently dislodged"
    r"|\bmeans\s+(?:that|there|a|an|the)\b|\bcan\s+mean\b|\b(?:does|do|did)\s+not\s+mean\b|\bmay\s+include\b|^\W*historically\b"
    # the literature's cases, a differential, a threshold, statistics, a typical pattern, a definition asked, an
    # advice's "when": "Most published cases of transarticular screw malposition involve ...", "The differential
    # diagnosis of a lucent rim around a screw includes loosening", "the most widely used threshold for loosening",
    # "Kaplan-Meier curves of survival free of rod fracture", "the typical failure pattern of cement-augmented screws",
    # "What is a pedicle screw?", "When a patient's SI implants show a halo ..., we first look for infection", "Early
    # recognition of set screw disengagement ... may spare", "the leads sit ..., usually between T8 and T10",
    # "Posterior cage migration after TLIF has been associated with ..."
    r"|\b(?:most\s+)?published\s+cases\b|\bdifferential(?:\s+diagnosis)?\s+(?:of|for)\b|\bthresholds?\s+for\b"
    r"|\bsurvival\s+free\s+of\b|\bkaplan[\s-]+meier\b|\btypical\s+(?:failure\s+)?(?:patterns?|appearances?|modes?|mechanisms?)\b"
    r"|^\W*what\s+(?:is|are)\s+(?:an?\s+)?|^\W*when\s+(?:a|an)\s+patient'?s?\b|\bearly\s+recognition\s+of\b"
    r"|\busually\s+(?:between|at|in|over)\b|\b(?:has|have)\s+been\s+associated\s+with\b|\b(?:is|are)\s+not\s+always\b"
    # round 27: "Such dissociation of polyaxial screw heads has been linked to insufficient set screw torque", "Fatigue
    # failure usually begins on the concave side of the rod"
    r"|\b(?:has|have)\s+been\s+(?:\w+ly\s+)?(?:linked|tied|related|attributed)\s+to\b"
    # what a reader should look for: "7 Symptoms of Loose Screws After Spinal Fusion Surgery", "the symptoms of loose screws"
    r"|\b(?:signs?|symptoms?|causes?)\s+of\s+(?:an?\s+)?(?:loose|loosened|broken|fractured|failed|failing|migrated|misplaced)\s+"
    r"(?:[\w-]+\s+)?(?:screws?|rods?|hardware|implants?|cages?|plates?|leads?)\b"
    r"|\b(?:usually|typically|generally|commonly|often|frequently)\s+(?:begins?|starts?|occurs?|happens?|develops?|follows?|arises?"
    r"|initiates?|originates?)\b"
    # a table's title names its counts, not a finding: "Table 3 Mechanical complications in the navigated and freehand groups"
    r"|^\W*table\s+(?:\d+|[IVX]+)\b"
    r"|^\W*tips?\s+for\s+(?:residents|trainees|students)\s*:"
    # what a thing is called or may be: "which we call subsidence", "a loose screw may be a source of pain", "It is a screw
    # passed through the pedicle into the vertebral body to anchor a rod"
    r"|\bwhich\s+(?:we|is)\s+call(?:ed)?\b|\bwe\s+call\b|\b(?:is|are)\s+called\b|\bmay\s+be\s+(?:a\s+)?(?:source|cause)\s+of\b"
    r"|^\W*it\s+is\s+an?\s+(?:[\w-]+\s+)?(?:screw|rod|cage|plate|device|implant)\b"
    # a sign's name and what it stands for, a differential, advice for residents: "The 'windshield-wiper' sign refers to
    # an oval lucent track ...", "Halo sign: a radiolucent line ...", "The main differential for a peri-screw halo is ...",
    # "Signs that a stimulator lead has migrated include ...", "does not always mean the screw is loose", "Resident tip:",
    # "For residents: always check the lateral film ..."
    r"|\brefers?\s+to\b|^\W*(?:[\w'‘’-]+\s+){0,3}?sign\s*:|\b(?:main|principal|chief|usual)\s+differential\b"
    r"|(?<!\bno\s)\bsigns?\s+that\b|\b(?:does|do)\s+not\s+always\b"
    # round 27: "does not by itself mean that the screw is loose", "Lead migration is the commonest hardware problem", "the
    # other common reason for a return to theatre", "Lead fracture usually shows up as a sudden loss of stimulation"
    r"|\b(?:does|do)\s+not\s+(?:by\s+itself|by\s+themselves|necessarily)\s+mean\b|\bcommonest\b"
    r"|\b(?:common|frequent|usual|main|leading)\s+reasons?\s+(?:for|to)\b"
    r"|\b(?:usually|typically|often|commonly)\s+(?:shows?\s+up|presents?|appears?)\b"
    r"|^\W*(?:resident|radiology|clinical|surgical|teaching)\s+(?:tips?|pearls?|points?)\s*:|^\W*for\s+(?:residents|trainees|students"
    r"|readers|patients)\s*:|\balways\s+(?:check|look|assess|review|compare)\b"
    r"|^\W*most\s+(?:[\w-]+\s+){0,2}?(?:screws|rods|cages|plates|leads|implants|patients)\s+(?:do|does|will|can|are|need)\b",
    # what others went through, read or asked about in a forum: "I have read so many threads where rods have broken", "I
    # ask the same question when I read that they break", "Has anyone ever had a broken rod that has caused problems"; what
    # a thing does in general, in the present: "that movement causes the rod(s) to break", "Removal of hardware that is
    # broken ... usually helps the patient's symptoms"
    r"\b(?:read|heard|seen)\s+(?:so\s+|too\s+)?(?:many|a\s+lot\s+of|lots\s+of|several|numerous|plenty\s+of)\s+(?:threads"
    r"|posts|stories|cases|reports|accounts|people)\b|\bwhen\s+(?:I|you|we)\s+(?:read|hear)\b"
    r"|\b(?:has|have|does|did)\s+any(?:one|body)\s+(?:else\s+)?(?:ever\s+)?(?:had|have|experienced|got)\b"
    r"|^\W*any(?:one|body)\s+(?:else\s+)?(?:ever\s+)?(?:had|have|experienced|got)\b"
    r"|\bcauses\s+(?:the\s+|a\s+)?[\w()-]+\s+to\s+(?:break|fail|loosen|fracture|migrate|crack|snap)\b"
    r"|\b(?:usually|typically|generally|often)\s+(?:helps?|relieves?|improves?|resolves?|eases?)\b",
    # a generic sentence: a bare plural subject (no determiner, count or level) with a verb of what such things do in
    # general -- "Loose screws make the construct non-functional", "Magnetically controlled growing rods can undergo
    # complete magnet fracture", "Broken rods require revision"
    r"^\W*(?:(?:but|and|yet|so|however|although|though|while|whereas|which)\W+)*"
    r"(?!(?:the|a|an|this|that|these|those|his|her|their|its|our|my|both|all|each|every|one|two|three|four|five|six"
    r"|no|some|several|many|most|other|such|but|and|yet|so|however|although|though|while|whereas|which|[CTLS]-?\d{1,2})\b)"
    r"(?:(?![CTLS]-?\d)[\w-]+\s+){0,3}?"
    r"(?:screws|rods|cages|plates|leads|electrodes|implants|constructs|devices|halos|lucencies|breaches|fractures|failures)"
    # (the subject's place or time between: "Rod fractures after pedicle subtraction osteotomy occur most often at ...")
    r"\s+(?:(?:after|at|in|of|around|following|near)\s+(?:the\s+)?(?:[\w-]+\s+){1,4}?)?"
    r"(?:(?:\w+ly|often|also|can|may|might|will|usually)\s+)?(?:make|cause|lead\s+to|result\s+in|increase|reduce"
    r"|predispose|require|necessitate|jeopardi[sz]e|impair|weaken|prevent|undergo|pose|loosen|break|fail|migrate|sink|subside"
    r"|occur|reflect)\b",
    # what is not understood, what continues to be a problem, examples given, what something typically involves, a title
    # naming a topic: "Instrumentation failures continue to be problematic and are poorly understood", "examples of common
    # postoperative complications are provided", "These typically involved hardware failure", "Pedicle Screw Fracture:
    # Detection and Implications"
    r"\bpoorly\s+understood\b|\bcontinues?\s+to\s+be\s+(?:a\s+)?(?:problem|challeng|concern|controvers)\w*"
    # what keeps happening, what a thing has been put down to, what an operation often needs: "malposition of screws
    # continues to occur", "implant loosening has mainly been attributed to overload", "Revising a breached screw often
    # requires ...", "Review of the literature reveals several cases of ..."
    r"|\bcontinues?\s+to\s+(?:occur|happen|be\s+(?:reported|seen|observed))\b"
    # how rarely it is reported, the reports there have been, a search of the literature: "cases in which screws extrude
    # through the mouth are even rarer", "has been quite rare reported", "There have been a number of reports of migration",
    # "A systematic review was performed searching Embase ... for case series of screw back-out"
    r"|\b(?:is|are|was|were)\s+(?:even\s+|much\s+|far\s+)?(?:rarer|commoner)\b|\brare(?:ly)?\s+reported\b"
    r"|\bthere\s+(?:have|has)\s+been\s+(?:a\s+(?:number|few|handful)\s+of|several|many|some|few|numerous)\s+(?:\w+\s+)?reports\b"
    r"|\b(?:searching|searched)\s+(?:[\w,]+\s+){0,8}?for\s+(?:\w+\s+)?(?:studies|articles|reports|cases|case\s+(?:studies|series|reports)"
    r"|publications|papers|literature)\b"
    r"|\b(?:has|have)\s+(?:\w+ly\s+)?been\s+(?:\w+ly\s+)?attributed\s+to\b"
    r"|\b(?:often|usually|typically|generally|commonly|frequently)\s+(?:requires|necessitates|demands|needs)\b"
    r"|\breview\s+of\s+the\s+literature\s+(?:\w+\s+){0,2}?(?:reveals|revealed|shows|showed|found|finds|identified|yielded)\b"
    # what the literature on a finding holds: "The literature on sacropelvic fixation failure consists largely of small
    # retrospective series"
    r"|\b(?:the|a|this|existing|current|published)\s+(?:\w+\s+)?literature\s+(?:on|about|regarding|concerning)\b"
    # as a note says it: "Rod fx rates higher after PSO per literature", "Screw loosening more common in osteoporotic bone"
    r"|\bper\s+(?:the\s+)?literature\b|(?<!\bis\s)(?<!\bwas\s)\b(?:more|less)\s+common\s+(?:in|with|after|among)\b"
    r"|\bexamples\s+of\s+(?:the\s+)?(?:common|typical|various|different|several|such|these|those|complications|postoperative)\b"
    r"|\b(?:typically|usually|generally|commonly)\s+(?:involv|occur|happen|develop|present)\w*"
    r"|:\s*(?:detection|diagnosis|management|treatment|prevention|implications|imaging|(?:an?\s+)?(?:review|update|overview"
    r"|pictorial\s+essay))\b(?!\s+(?:\w+ly\s+)?(?:revealed|showed|demonstrated|confirmed|disclosed|found|identified)\b)",
    # what the literature has not settled or still finds hard: "Device-specific failure patterns ... remain poorly characterized
    # in the literature", "complications regarding the cage remain challenging"
    r"\b(?:is|are)\s+not\s+(?:well\s+)?known\b|\bremains?\s+(?:poorly|largely\s+un\w+|not\s+well|incompletely|unclear|unknown|(?:a\s+)?(?:challenging|challenge"
    r"|problematic|controversial))\b",
    # round 14: what is expected of a kind of implant: "Loosening of the pedicle screws in such nonfusion implants is
    # predictable"
    r"\b(?:is|are)\s+(?:\w+ly\s+)?(?:predictable|inevitable|unavoidable|to\s+be\s+expected)\b",
    # modal verbs of possibility with a verb of occurrence or consequence ("can lead to", "may occur", "can be complicated
    # by"), a technique's steps ("A pedicle finder can be inserted into the broken screw threads", "may then be used") and
    # what may be tolerated in general ("Lateral breach ... may be contained within the posterior rib", "can still be
    # present despite ...")
    r"\b(?:can|could|may|might)\s+(?:\w+ly\s+|also\s+|then\s+|still\s+)?(?:occur|happen|develop|arise|lead\s+to|cause"
    r"|result(?:\s+in)?|present|damage|injure|reach|threaten|endanger|irritate|erode|perforate|compress|be\s+(?:\w+ly\s+)?(?:required|needed|favou?red|associated|avoided|prevented|reduced"
    # (not a loose screw at surgery: "was loose and could be removed easily by hand")
    r"|seen\s+in|complicated\s+by|inserted|used|left\s+(?:alone|in\s+(?:place|situ))|(?:simply\s+)?(?:watched|monitored)"
    r"|removed(?!\s+(?:\w+ly\s+)?(?:by\s+hand|with\s+(?:ease|(?:the\s+|his\s+|my\s+)?fingers?"
    r"|minimal\s+force)|without\s+(?:any\s+)?(?:resistance|effort|tools?)))|placed|passed|advanced|introduced|retrieved|contained"
    r"|tolerated"
    r"|acceptable|present\s+despite))\b",
    # a failure as it shows in general ("This manifests most commonly as rod fracture"), a bench test ("Integrated Fixation
    # Cage Loosening Under Fatigue Loading"); round 17: a technique for removing broken screws ("A Simple Technique for
    # Removing Broken Pedicle Screws", "Removing a broken pedicle screw is not always easy"), breaches in general ("A medial
    # breach is most likely when ...", "Medial breach is a concern", "depends on"), the literature's rates ("reported between
    # 6% and 15%", "identified in previous studies", "lower than that reported"), a comparison of groups ("the downside PPS
    # had more screw malpositioning than the upside PPS"), methods ("we included", "were used to assess"; "screw misplacement
    # was classified": below), a study's outcome measure, comparisons of rates and what did not affect it
    r"\bmanifests?\s+(?:\w+\s+){0,2}?as\b|\bunder\s+(?:cyclic|fatigue|axial|compressive|torsional|dynamic)\s+load(?:ing|s)?\b"
    r"|\b(?:techniques?|methods?|tools?)\s+(?:\w+\s+){0,2}?(?:for|to|of)\s+(?:removing|remove|removal\s+of"
    r"|retriev\w+|extract\w+)\b|^\W*(?:removing|retrieving|extracting)\b"
    r"|\b(?:is|are)\s+(?:most\s+|more\s+|less\s+)?(?:likely|unlikely)\s+(?:when|if)\b|\bis\s+a\s+concern\b|\bdepends?\s+on\b"
    r"|\bprevious\s+(?:studies|reports|literature)\b|\b(?:is|are)\s+reported\s+(?:between|to\s+range|to\s+be)\b"
    r"|\b(?:lower|higher|greater|smaller)\s+than\s+(?:that|those)\s+(?:reported|described|published)\b"
    r"|\bhad\s+more\s+(?:[\w-]+\s+){1,3}?than\s+the\b|^\W*we\s+included\b"
    r"|\b(?:was|were)\s+used\s+to\s+(?:assess|evaluate|measure|determine|detect)\b"
    r"|\b(?:primary|secondary)\s+outcome\s+(?:measures?|variables?)\b|\bat\s+a\s+(?:higher|lower|greater|similar)\s+rate\s+than\b"
    r"|\bdid\s+not\s+(?:\w+ly\s+)?(?:affect|influence|predict)\b|\b(?:was|were)\s+also\s+associated\s+with\b",
    # "factors previously associated with CDA", "there is a high incidence of hardware subsidence due to ...", "studies that
    # compare different techniques to remove pedicle screws ... are missing"
    r"\b(?:factors?|previously)\s+associated\s+with\b|\bthere\s+(?:is|are)\s+a\s+high\s+(?:incidence|rate)\s+of\b"
    r"|\bstudies\s+(?:that|which)\s+(?:compare|evaluate|examine|investigate|assess|address)\b",
    r"\b(?:would|could)\s+(?:\w+ly\s+)?have\s+been\b",  # counterfactuals: "would probably have been prevented"
    # the literature and frequency words
    # (and what "is" or "are" mentioned there: "A few descriptions ... due to late screw loosening are mentioned in the
    # literature", round 32)
    r"\b(?:(?:have|has)(?:\s+not|n't)?\s+(?:\w+ly\s+)?been|being|is|are|was|were)\s+(?:\w+ly\s+)?(?:described|reported"
    r"|documented|observed|mentioned|discussed)\s+in\s+the\s+literature\b"
    # what is still missing or lacking: "Proof that long-term results of TDR implantation ... is still missing"
    r"|\b(?:proof|evidence|data|studies|knowledge|consensus|information)\b[^;]{0,120}?\b(?:is|are)\s+(?:still\s+)?(?:missing|lacking)\b",
    r"\b(?:commonly|frequently|rarely|often|seldom|usually|typically|generally)\s+(?:been\s+)?(?:reported|described|seen|used"
    r"|occurs?|causes?|leads?\s+to|results?\s+in|associated|experiences?|develops?|undergoes?|affects?|involves?|happens?"
    r"|arises?|takes\s+place)\b|\btends?\s+to\b",
    # what the literature holds, how rare a finding is, what a thing is called: "The literature encompasses diverse
    # cases of rod migration", "highlights the rarity of complications", "When the IPG shifts, it is called migration"
    r"\bthe\s+literature\s+(?:\w+ly\s+)?(?:encompasses|includes|describes|contains|reports|documents|shows|suggests)\b"
    r"|\b(?:\d+|several|many|multiple|numerous)\s+(?!(?:ct|mri|mr|imaging|radiographic|follow-up|x-ray|myelographic)\b)"
    r"(?:\w+\s+)?(?:studies|trials|series)\b|\b(?:inevitable|unavoidable)\b"
    r"|\binvolves?\s+(?:placing|inserting|implanting|the\s+(?:placement|insertion|implantation))\b"
    r"|\bthere\s+(?:are|is)\s+(?:some|several|many|various|a\s+number\s+of)\b|\breported\s+(?:[\w-]+\s+)?rates?\b"
    r"|\b(?:does|do)\s+not\s+(?:cause|lead\s+to|result\s+in|affect|increase|influence)\b"
    # how well known a finding is, what may explain it, how most cases go: "Rod fracture after long fusion is well
    # documented", "may be explained by micromotion", "are thought to be responsible for", "Most cases of lead
    # migration occur within the first months", "A literature review revealed 12 cases of cage migration"
    r"|\bwell[\s-](?:documented|described|established|recogni[sz]ed|known)\b"
    # the literature's range: "Pedicle screw malposition is reported in up to 15% of screws placed freehand"
    r"|\b(?:(?:is|are|was|were|has\s+been|have\s+been)\s+)?(?:\w+ly\s+)?reported\s+(?:in|after|with)\s+(?:up\s+to|as\s+many\s+as"
    r"|between|about|approximately|roughly|nearly|almost|\d+(?:\.\d+)?\s*(?:%|to\s+\d|-\s*\d))"
    # a teaching text's rules and thresholds: "usually regarded as significant when it is 2 mm or wider", "a screw is
    # malpositioned when its threads pass beyond the pedicle cortex", "is the usual threshold", "the main sign is"
    r"|\bregarded\s+as\s+(?:significant|abnormal|positive|pathological|loose|malpositioned)\b"
    r"|\b(?:is|are)\s+(?:\w+ly\s+)?(?:malpositioned|misplaced|loose|loosened|considered\s+loose)\s+when\b"
    r"|\bthe\s+usual\s+(?:threshold|cut-?off|definition)\b|\bthe\s+main\s+sign\b"
    # what breaches of a kind threaten, and what one checks before calling a finding: "Medial and inferior breaches threaten
    # the thecal sac", "check the lateral view before calling migration"
    r"|\b(?:breaches|screws|leads|cages|rods|plates)\s+(?:of\s+[\w-]+\s+[\w-]+\s+)?(?:threaten|endanger|jeopardi[sz]e|put\s+at\s+risk)\b"
    r"|\bbefore\s+(?:calling|diagnosing|reporting|suggesting|labell?ing)\b"
    # what a study shows less of, what is expected: "radiographs, which underestimate both lucency and backing out", "Some
    # subsidence after ACDF is expected"
    r"|\b(?:under|over)estimat\w*\b|\b(?:is|are)\s+(?:\w+ly\s+)?preferred\s+(?:to|over)\b|\b(?:is|are)\s+(?:\w+ly\s+)?expected\b"
    # what a finding often means: "Rod fracture below a long construct often signals nonunion"
    r"|\b(?:often|usually|typically|commonly|generally)\s+(?:signals?|indicates?|means?|reflects?|implies|heralds?)\b"
    r"|\b(?:may|might|can|could)\s+be\s+(?:\w+ly\s+)?(?:explained|attributed)\b"
    r"|\b(?:is|are)\s+(?:\w+ly\s+)?(?:thought|believed|presumed|hypothesi[sz]ed|postulated)\s+to\s+(?:be\s+)?(?:responsible"
    r"|caused|due|results?|arise|occur|cause|play|contribute|lead"
    # (what a kind of implant is believed to do: "Paddle leads are believed to migrate less than percutaneous leads")
    r"|migrate|loosen|break|fracture|fail|move|subside|dislodge)\b"
    # a term explained: "The so-called windshield-wiper effect means the toggling of a screw ..."
    r"|\bso-called\s+(?:[\w'-]+\s+){1,4}?(?:means|refers\s+to|describes|denotes|is\s+defined)\b"
    r"|\bmost\s+(?:cases|instances|episodes)\s+of\b|\b(?:a|the|our)\s+(?:\w+\s+)?literature\s+(?:review|search)\s+(?:\w+\s+){0,2}?(?:revealed|showed|found"
    r"|identified|yielded|retrieved)\b"
    r"|\brarity\s+of\b|\b(?:is|are)\s+(?:\w+ly\s+)?(?:called|termed|named|referred\s+to\s+as|known\s+as|feasible)\b",
    r"\b(?:is|are|remains?)\s+(?:\w+ly\s+)?(?:not\s+)?(?:a\s+|an\s+|the\s+)?(?:most\s+|more\s+|less\s+|very\s+|relatively\s+|extremely\s+|fairly\s+|quite\s+"
    r"|rather\s+|that\s+)?(?:rare|uncommon|common|frequent|well-known|well\s+known|recogni[sz]ed)\b(?!\s+to\s+the)"
    r"(?!\s+(?:(?:and|but)\s+\w+\s+)?(?:case|report|presentation)s?\s+of\b)",  # "This report is a rare case of ... dislocation"
    r"\b(?:a|the)\s+(?:\w+\s+)?(?:(?:common|frequent|typical|major|main|leading|known|recogni[sz]ed)\s+(?:and|but)\s+)?(?:common|frequent|typical|major|main|leading|known)\s+(?:[\w-]+\s+)?(?:cause|complication|reason|problem"
    r"|risk)s?\b"
    r"(?!\s+(?:in\s+(?:our|this|the\s+present)\s+(?:series|study|cohort)\s+)?(?:was|were)\b)",  # (a cohort's result: "The
    # most common complications were screw pull-out and progressive spinal deformity")
    # what a rare complication of a procedure is, in general: "An exceedingly rare complication of rod placement is loosening"
    r"\b(?:a|an)\s+(?:\w+\s+)?(?:rare|uncommon|unusual)\s+complications?\s+of\s+(?:[\w-]+\s+){1,5}?(?:is|are|includes?)\b",
    r"\bcomplications\s+(?:of|associated\s+with)\b|\bas\s+an?\s+(?:\w+\s+)?complication\s+of\b|\b(?:risks?|risk\s+factors?|factors?\s+associated\s+with)\b",
    # definitions, purposes, conditions and comparisons
    # ("Cage subsidence was defined to have occurred when a cage was observed to sink ...")
    r"\b(?:was|were|is|are)\s+defined\s+(?:to\s+have\s+occurred\s+|to\s+be\s+present\s+)?(?:as|when|by|if)\b"
    r"|\bdefinition\s+of\b|\bin\s+order\s+to\b",
    r"\bwhen\s+(?:there\s+(?:is|are)|it\s+comes)\b|\bis\s+needed\s+when\b|\bfewer\b",
    # statistics: comparisons between groups, significance, p-values
    # (also "No significant difference was identified between the two groups regarding ...")
    r"\b(?:no\s+)?(?:statistical(?:ly)?\s+)?(?:significan(?:ce|t)\s+(?:\w+\s+){0,3}?|association|correlation|relationship)\s*between\b",
    r"\b(?:not\s+)?significantly\s+(?:associated|correlated|related|higher|lower|different|more|less)\b",
    r"\(?\bp\s*[=<>≤]\s*0?\.\d+",
    # a finding named as a kind: "X is a common complication", "an undesirable effect after ACDF", "is a
    # progressive form of", "causes rod fracture, a major mechanical complication", "could be a critical complication"
    r"\b(?:is|are|remains|represents?|constitutes?|(?:can|could|may|might)\s+be)\s+(?:\w+ly\s+)?(?:a|an|one\s+of\s+the)\s+"
    r"(?:[\w-]+\s+){0,3}?(?:complications?|effects?|problems?|issues?|causes?|challenges?|phenomen(?:on|a)|concerns?|drawbacks?"
    r"|forms?|types?|entit(?:y|ies)|sequelae?|consequences?|events?|manipulation)\b",
    # (also "has been identified as a possible cause for screw loosening")
    r"\b(?:a|the)\s+(?:\w+\s+)?(?:major|serious|critical|undesirable|well-known|important|potential|possible|probable)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:cause|complication|reason|problem|risk|effect|drawback)s?\b|\bamong\s+the\s+most\b"
    # kinds of complication without an article: "Screw cut out, pseudoarthrosis, ... are all possible complications when
    # extending a spinal fusion construct to the pelvis"
    r"|\b(?:is|are)\s+(?:all\s+)?(?:possible|potential|known|recogni[sz]ed|common|rare|frequent|serious|typical)\s+"
    r"complications\b"
    # what cannot happen, in general: "A fall or impact cannot break a rod that isn't already weak"
    r"|\b(?:cannot|can\s*not|can't)\s+(?:\w+ly\s+)?(?:break|loosen|fracture|migrate|fail|crack|snap|dislodge)\b",
    # lists of kinds: "Delayed complications include loosening, ...", "issues are ... such as lead migration",
    # "Complications in the form of ...", "were sorted in early (hardware fractures) and late findings"
    r"\b(?:evaluations?|assessments?|measures|parameters|variables|outcome\s+measures|factors|outcomes)\s+(?:[\w-]+,?\s+){0,2}?included\b"
    # (not a denied list: "No complications were reported, such as ... fixation failure")
    r"|(?<!\bno\s)(?<!\bany\s)(?<!\bwithout\s)(?<!\bno\sother\s)(?<!\bno\smajor\s)(?<!\bno\sserious\s)"
    # ("No one experienced any severe complications such as ... fixation failure", round 33)
    r"(?<!\bno\ssevere\s)(?<!\bany\ssevere\s)(?<!\bany\smajor\s)(?<!\bany\sserious\s)(?<!\bany\sother\s)"
    r"\b(?:complications?|issues|problems|failures|causes|risks|findings)\s+(?:[\w-]+,?\s+){0,6}?(?:include|includes|such\s+as"
    r"|like|in\s+the\s+form\s+of)\b|\b(?<!patients\s)(?<!cases\s)(?<!subjects\s)(?:was|were|are|is)\s+(?:also\s+)?(?:sorted|grouped|classified|categori[sz]ed|divided)"
    r"\s+(?:in|into|as)\b|\b(?:do|does)\s+occur\b"
    # a study's method: "We counted the number of patients with PS loosening", "categorized into the cage subsidence
    # (CS) and non-cage subsidence (NCS) groups" (not "broken into two pieces")
    # (not a count: "Over the audit period we recorded 7 lead fractures, 11 lead migrations and 4 IPG failures")
    r"|\bwe\s+(?:\w+ly\s+)?(?:counted|recorded|tallied|calculated|collected|compared)\b(?!\s+(?:a\s+total\s+of\s+)?\d)"
    # a finding as a group's name ("in the loosening group"; the cue leaves the finding's own word to it)
    r"|" + _right_after("loosening", "subsidence", "migration", "fracture", "breakage", "failure", "malposition") + r"groups?\b"
    r"|\b(?:categori[sz]ed|classified|divided|sorted|grouped|stratified|allocated|assigned)\s+(?:\w+\s+)?into\b"
    r"(?!\s+(?:\w+\s+)?(?:pieces|fragments|parts|halves)\b)",
    # the literature and its absence: "studies have shown", "Few studies have described", "there are no reports describing",
    # "Clinical studies have shown", "Anecdotal reports suggest"; earlier papers report, describe and give rates ("Previous
    # studies report a failure rate of ..."), while earlier examinations show ("Prior studies have demonstrated fracture")
    r"\b(?:few|several|many|some|previous|other|recent|prior|no|clinical|published|anecdotal|numerous|experimental)\s+(?:\w+\s+)?"
    r"(?:studies|reports|authors|series|publications|papers)\b(?<!prior\sstudies)(?<!previous\sstudies)(?<!recent\sstudies)"
    # other surgeons' reports, the literature's evidence: "Some surgeons have reported poor outcomes ... secondary to a high
    # rate of cage subsidence", "There is evidence in the medical literature of high failure rates"
    r"|\b(?:some|several|many|other|few)\s+(?:surgeons|investigators|groups|centers|centres)\s+have\s+(?:\w+ly\s+)?(?:reported"
    r"|described|found|shown|noted|observed)\b|\bevidence\s+in\s+the\s+(?:\w+\s+)?literature\b"
    r"|\bno\s+(?:\w+\s+)?(?:report|publication|paper)\s+(?:has|had|was|exists)\b"
    r"|\b(?:has|have|had)\s+(?:\w+ly\s+)?never\s+been\s+(?:\w+ly\s+)?(?:described|reported|documented|published|seen)\b"
    rf"|{_EXAMS_BEFORE}\b(?:studies|reports|authors)\s+(?:(?:have|has)\s+(?:\w+\s+)?(?:shown|showed|demonstrated|reported|described"
    r"|suggested|found|indicated)|suggest)\b"
    r"|\b(?:prior|previous|recent|earlier)\s+(?:studies|reports)\s+(?:have\s+|has\s+)?(?:\w+ly\s+)?(?:reported|report|described"
    r"|describe|suggested|suggest|found)\b|\b(?:prior|previous|recent|earlier)\s+(?:studies|reports)\s+(?:\w+\s+){0,3}?rates?\b"
    r"|\b(?:no|few)\s+(?:previous\s+)?reports?\s+(?:of|on|about|describing|regarding)\b"
    r"|\b(?:one|another)\s+(?:\w+\s+)?study\b|\banimal\s+models?\b|\bcadaver\w*|\bbiomechanical\b|\bfinite\s+element\b"
    r"|\bin\s+vitro\b"
    # (round 31) the kinds a finding comes in ("Four patterns of cage subsidence", "Failure modes of a pedicle screw-rod
    # construct: ..."), another's series ("In the series of Smith and colleagues, 7 of 45 stand-alone cages subsided")
    # (round 31) what the literature reports, opening the sentence ("In literature the screw loosening rate ... is reported
    # up to 60%"), a group compared with another ("was less in navigation group comparing to freehand group")
    r"|\bcan\s+(?:produce|simulate|mimic|create)\b|\bmay\s+help\s+(?:to\s+)?(?:distinguish|differentiate|identify|detect)\b"
    r"|^\W*in\s+(?:the\s+)?literature\b|\b(?:did|does|do)\s+not\s+translate\s+into\b|\bdetects?\s+(?:most|many|all|few)\b"
    r"|^\W*published\s+(?:rates?|series|reports?|incidences?)\b|\b(?:twice|thrice|(?:two|three|four|five|\d+(?:\.\d+)?)\s+times)\s+as\s+(?:common|frequent"
    r"|likely)\s+as\b|\b(?:less|more|lower|higher|fewer|greater)\s+in\s+(?:the\s+)?(?:[\w-]+\s+){1,2}?"
    r"(?:group|cohort|arm)\s+(?:comparing|compared|in\s+comparison)\s+(?:to|with)\b"
    r"|\b(?:failure\s+)?(?:modes?|patterns|classes|classifications?)\s+of\b(?=\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,3}?"
    r"(?:failures?|subsidence|loosening|migrations?|fractures?|constructs?|fixation|instrumentation|breakage)\b)"
    r"|\bin\s+the\s+(?:series|cohort|study|report|experience)\s+of\s+(?-i:[A-Z][a-z]+)\s+(?:and\s+(?:colleagues|coworkers|co-workers)"
    r"|et\s+al)\b",
    # a study's aim: "We identify risk factors ...", "We evaluated the effect of DISH on ...", "To determine if ..."
    r"\b(?:we|this\s+study|the\s+(?:present|current)\s+study)\s+(?:\w+ly\s+)?(?:aim(?:ed|s)?|sought|investigate[sd]?|evaluate[sd]?"
    r"|examine[sd]?|assess(?:ed|es)?|identif(?:y|ied|ies)|determine[sd]?|compare[sd]?|analy[sz]e[sd]?|explore[sd]?)\s+(?:to\s+)?"
    r"(?:\w+\s+){0,2}?(?:effects?|impact|influence|role|risk|incidence|relationship|association|predictors?|whether|if|how"
    r"|number|rates?|proportion|frequency|prevalence"
    r"|outcomes?|factors?)\b|\bthe\s+(?:effect|impact|influence|role)\s+of\s+(?:[\w-]+\s+){1,4}?on\b"
    r"|^\W*(?:purpose|objective|aim)s?\b|^\W*the\s+(?:purpose|objective|aim)s?\s+of\s+(?:this|the\s+present|our)\s+(?:technical\s+note|study|review|article"
    r"|paper|analysis|trial)\b"
    r"|\b(?:study|studies|report|article|paper|review|note)\s+(?:was|is|were)\s+(?:\w+ly\s+)?aimed\b|^\W*to\s+(?:determine|identify|investigate|evaluate|assess|compare|examine|study"
    r"|analy[sz]e|explore|describe|document|present|quantify|characteri[sz]e"
    r"|report(?!\s+(?:a|an|one|two|three)\s+(?:[\w-]+\s+)?cases?\b))\b",  # ("To report a case of ...": its case)
    # statistics: correlations and associations with something other than an implant, diagnostic accuracy,
    # risk factors, "prone to", "did not significantly influence", "the difference in subsidence between groups"
    # (not a radiologist's stock advice: "clinical correlation advised", "correlate clinically", round 32)
    r"(?<!\bclinical\s)(?<!\bclinically\s)\bcorrelat(?:e|es|ed|ion|ions)\b(?!\s+clinically\b)"
    r"(?!\s+with\s+(?:the\s+)?(?:clinical\s+(?:findings|examination|exam|picture|history|presentation)|symptoms|examination"
    r"|exam|history|physical)\b)|\b(?:was|were|is|are)\s+(?:not\s+)?(?:found\s+to\s+be\s+)?(?:more\s+|less\s+)?(?:\w+ly\s+)?(?:related|connected|linked|associated)"
    r"\s+(?:with|to)\s+(?!(?:the\s+|its\s+|their\s+|a\s+|an\s+)?(?:[\w-]+\s+){0,3}?(?:screws?|rods?|connectors?|plates?|cages?"
    r"|heads?|tulips?|leads?|generators?|implants?|hardware|instrumentation)\b"
    r"(?!\s+(?:loosening|fractures?|breakage|migration|failures?|subsidence|back-?out|pull-?out|malposition\w*)))",
    r"\bsensitivity\b|\bspecificity\b|\bodds\s+ratio\b|\bconfidence\s+interval\b|\bstatistical(?:ly)?\b|\bregression\b"
    r"|\b(?:multi|uni)variate\b|\bpredictors?\b|\b(?:prone|susceptible)\s+to\b|\bsusceptibility\s+(?:to|for)\b|\bdifferences?\s+(?:in|between)\b"
    r"|\bsignificantly\s+(?:\w+ly\s+)?(?:influenc|affect|associat|correlat|relat|differ|higher|lower|greater|more|less|increas"
    r"|decreas|reduc|improv|worse|better)\w*|\bamong\s+patients\s+with\b|\bvariability\b",
    # definitions and methods: "Subsidence was then classified as mild if ...", "Subsidence measurements were performed"
    # (not a grade given to this patient's finding: "Subsidence of the Charite prosthesis into L5 was graded as mild",
    # round 32)
    r"\b(?:was|were|is|are)\s+(?:then\s+)?(?:defined|classified|graded|categori[sz]ed|considered|calculated)\s+(?:as|when|if|by"
    r"|according)\b(?<!\bgraded\sas)(?<!\bclassified\sas)|\b(?:graded|classified)\s+as\b(?!\s+(?:mild|moderate|severe|minor|major"
    r"|marked|slight|grade\s+\w+|type\s+\w+)\b(?![^.;]{0,40}\b(?:if|when|for)\b))|\bmeasurements?\b"
    r"|\b(?:was|were|is|are)\s+(?:then\s+)?(?:deemed|considered)\s+(?:(?:clinically|radiographically|statistically)\s+)?"
    r"(?:significant|relevant|positive|present|failed|loose)\b",
    # a finding as what something causes, prevents or resists: "Cement augmentation reduces the rate of screw
    # loosening", "Pedicle screws with larger diameters resist loosening", "has been reported for S1 screws"
    r"\b(?:reduc|prevent|increas|decreas|improv|resist|avoid|minimi[sz]|lower|predispos|contribut|influenc|affect"
    # (not a study's images: "persists on the metal artefact reduced images and indicates loosening", round 31)
    r"|determin|limit|mitigat|diminish|marginali[sz]|lessen|eliminat|counteract|resilien)\w*"
    r"(?!\s+(?:images?|reconstructions?|series|sequences?|views?|kernels?)\b)\s+(?:to\s+)?(?:the\s+(?:rate|risk|incidence"
    r"|likelihood|chance|frequency)\s+of\s+)?(?:(?-i:[A-Z])[\w-]*\s+){0,4}?(?:[\w-]+\s+){0,3}?"
    r"(?:loosening|migration|subsidence|breakage|fractures?|failures?|back-?out|pull-?out|malposition\w*|perforation|erosion"
    r"|complications?|slippage|disengagement)\b"
    r"|\b(?:has|have)\s+been\s+(?:\w+ly\s+)?(?:reported|described|published|suggested|proposed|implicated)\b"
    # a technique's lower or higher rate, with no count of this cohort: "the modified technique has a lower rate of distal
    # implant failure" (not "had a higher rate of screw fracture (16.3% vs. 0%)")
    r"|\b(?:has|have|with)\s+(?:a\s+)?(?:\w+ly\s+)?(?:higher|lower|greater|reduced|increased)\s+(?:rates?|risks?|incidences?)\s+of\b"
    r"(?![^;]*\d)"
    # what a measure is for: "CT radiodensity as a prognostic marker for pedicle screw loosening"
    r"|\b(?:markers?|parameters?|indicators?|biomarkers?)\s+(?:for|of)\b",
    # a finding as the object of an activity, with no determiner: "treatment methods for rod fractures", "the
    # risk of screw loosening", "prevention of cage migration" (not "treatment of the rod fracture")
    r"\b(?:treatment|management|prevention|diagnosis|detection|prediction|classification|grading|definition|risk|mechanisms?"
    r"|revision\s+strateg\w*|revision\s+options?)\s+(?:\w+\s+)?(?:of|for)\s+(?!the\b|this\b|his\b|her\b|their\b|its\b)"
    r"(?:[\w()-]+\s+){0,3}?(?:subsidence|loosening|migration|fractures?|breakage|lucenc\w+|halo|malposition\w*|misplacement"
    r"|failures?|back-?out|loose(?:ned)?|migrated|fractured|broken|misplaced|malpositioned|displaced|dislodged)\b",
    # advice, conditions and possibilities: "should benefit", "is needed", "In the event of", "When choosing ...",
    # "should be always kept in mind", "A potential drawback ... is the possibility of"
    r"\bshould\b(?!\s+have\b)|\bmust\b(?!\s+have\b)|\b(?:is|are)\s+(?:\w+ly\s+)?(?:needed|required|recommended|advised|advisable|necessary|essential"
    r"|crucial|mandatory)\b|\bkept\s+in\s+mind\b|\b(?:can|could)\s+be\s+(?:\w+ly\s+)?(?:detected|diagnosed|identified|assessed"
    r"|evaluated|prevented|avoided|treated|managed|reduced|minimi[sz]ed|predicted|measured|classified|visuali[sz]ed|imaged)\b"
    # what may happen after such an operation: "Following surgery many complications are possible including ... loosening",
    # "concerns about the potential for loosening or failure" (round 37)
    r"|\b(?:complications|problems|failures)\s+(?:are|is)\s+(?:\w+ly\s+)?possible\b|\bconcerns?\s+(?:about|over|regarding)\s+the\s+"
    r"(?:potential|possibility|risk)\b|\bin\s+the\s+event\s+of\b|\bwhen\s+(?:choosing|placing|inserting|using"
    r"|planning|performing)\b"
    # a finding supposed, in general: "When a lead displacement of an ONS implant is diagnosed, there are ..." (round 33)
    r"|^\W*when\s+(?:an?|the)\s+(?:[\w-]+\s+){0,6}?(?:is|are)\s+(?:diagnosed|detected|suspected|found|identified|seen)\b|\b(?:is|are)\s+the\s+possibility\s+of\b|\bdrawbacks?\b",
    # rates in general and how often a kind of finding happens: "The incidence of cage migration ranges from 1% to 5%",
    # "rods ... may fracture less often", "Hardware failure in this setting is usually a sign of pseudarthrosis"
    r"\b(?:incidences?|prevalences?|rates?|frequency)\b[^;]{0,60}?\b(?:ranges|ranging|varies|vary|varying)\b"
    r"|\b(?:incidences?|prevalences?|rates?|frequency)\s+(?:\w+\s+){0,3}?range\s+(?:from|between)\b"
    r"|\b(?:less|more)\s+(?:often|frequently|commonly)\b|\b(?:is|are)\s+(?:usually|typically|generally|commonly|often"
    r"|frequently|rarely|seldom)\b",
    # a criterion stated about any implant: "A halo around a screw indicates motion", "Lucency around a screw suggests",
    # "Lucency around a screw is compatible with loosening", "... may represent loosening"
    r"\b(?:around|about|of|surrounding|adjacent\s+to)\s+(?:an?|any)\s+(?:[\w-]+\s+){0,2}?(?:screw|rod|cage|plate|implant"
    r"|lead|connector)\b[^;]{0,40}?(?<!which\s)(?<!that\s)\b(?:indicates|suggests|signifies|implies|denotes"
    r"|is\s+(?:a\s+)?(?:sign|indicative|suggestive|diagnostic)\s+of|is\s+(?:\w+ly\s+)?(?:compatible|consistent)\s+with"
    r"|(?:may|can|could|might)\s+(?:represent|indicate|signify|suggest))\b",
    # how a finding looks or how often it happens, in the present tense: "Loosening appears as a gap between the
    # hardware and the bone", "Subsidence in ACDF with cages occurs in 21% of patients", "In general, ..."
    r"\b(?:appears?|manifests?|presents?)\s+as\s+(?:an?|the)\b|\boccurs?\s+in\s+(?:about\s+|approximately\s+|up\s+to\s+"
    r"|nearly\s+|around\s+|~\s*)?\d+(?:\.\d+)?\s*%|^\W*in\s+general\b",
    # a finding as what something has a part in, or the chance of it: "may play an important role in rod breakage",
    # "has less chance of subsidence"
    r"\b(?:plays?|playing|played|has|have)\s+(?:an?\s+)?(?:[\w-]+\s+){0,2}?role\s+in\b|\b(?:chances?|likelihood|probability)\s+of\b",
    # what imaging can show and what one looks for: "Serial films can document progressive hardware failure",
    # "the gold standard to ... evaluate for hardware migration"
    r"\b(?:can|could)\s+(?:\w+ly\s+)?(?:document|show|demonstrate|reveal|detect|depict|identify|visuali[sz]e|confirm|display)\b"
    r"|\b(?:may|might)\s+(?:\w+ly\s+)?(?:detect|identify|visuali[sz]e|depict)\b"
    # (not a request's imperative, at the start or after a colon: "MRI C-spine: evaluate for hardware complication")
    r"|(?<=[a-z]\s)\b(?:evaluat\w*|assess\w*|screen\w*|check\w*|interpret\w*|inspect\w*)\s+for\b|\bgold\s+standard\b",
    # (round 31) a rating ("rated each screw as intact, loose or broken"), an outcome measure ("The primary outcome was
    # reoperation for an implant-related complication"), when a finding was counted ("Rod fracture was recorded when a
    # discontinuity of the rod was visible"), data taken from a registry ("Data on lead migration ... were extracted")
    r"\b(?:rated|graded|classified|scored|categori[sz]ed)\s+(?:each|every|all|the)\s+(?:[\w-]+\s+){0,2}?as\b"
    r"|\b(?:primary|secondary|main)\s+(?:outcome|end[\s-]?point)s?\b"
    r"|\b(?:was|were)\s+(?:recorded|diagnosed|considered|counted|scored|defined)\s+(?:when|if|whenever)\b"
    r"|^\W*data\s+on\b|\b(?:were|was)\s+extracted\s+from\b",
    # a method: the findings a study measured ("Subsidence, ALOD, and sagittal cervical balance were analyzed using
    # lateral cervical X-rays"), not what a study showed
    r"\b(?:was|were)\s+(?:\w+ly\s+)?(?:analy[sz]ed|evaluated|assessed|measured|recorded|reviewed|examined"
    r"|investigated|quantified|classified|graded|categori[sz]ed|scored)\s+(?:using|with|by|on|via|according\s+to|in\s+terms\s+of"
    r"|(?:in|at|during|throughout|over)\s+(?:the|each|every|all)\b)\b"
    r"(?![^;]*\b(?:show|reveal|demonstrat|confirm|found|observed|detected|identified)\w*)",
    # a group defined by a finding compared on something else: "Patients with loosened screws were 5 years older",
    # "these patients were more likely to have loosened screws"
    r"\b(?:more|less)\s+likely\s+to\b|\b(?:patients|cases|subjects|those|groups?)\s+(?:with(?:out)?|showing)\s+(?:[\w-]+\s+){1,3}?"
    r"(?:was|were|had)\s+(?:an?\s+)?(?:\d+(?:\.\d+)?\s+\w+\s+|\w+ly\s+)?(?:older|younger|heavier|lighter|taller|shorter|longer|more|less"
    r"|higher|lower|greater|smaller)\b",
    # what a finding may bring about: "may have severe consequences"
    r"\b(?:can|could|may|might)\s+(?:\w+ly\s+)?have\s+(?:[\w-]+\s+){0,4}?(?:consequences|effects|impacts?|implications|outcomes"
    r"|sequelae)\b",
    # a list of kinds opened by "among": "Among late complications, they are ... screw pullout, plate failure"
    r"\bamong\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:complications|causes|risks|problems|failures)\b",
    # a cohort's timing statistic: "The median time to screw loosening was 5 months" (when, not whether, it happened)
    # (not when counted events happened: "seven refractured with a mean time of 16 months")
    r"(?<!\bwith\sa\s)(?<!\bat\sa\s)(?<!\bafter\sa\s)"
    r"\b(?:mean|median|average)\s+(?:time|duration|interval|period|latency|delay)\s+(?:to|for|until|before|of)\b",
    # what an imaging method misses (its accuracy): "radiographs fail to show every broken rod"
    r"\b(?:fails?|failed|failing)\s+to\s+(?:detect|identify|show|reveal|demonstrate|depict|visuali[sz]e|diagnose)\b",
    # a list of kinds after the complications of a procedure: "complications of stand-alone cages, such as subsidence"
    r"\bcomplications\s+(?:in|after|following|associated\s+with|related\s+to)\s+(?!\d|patients\b|cases\b|our\b)[^;]{0,120}?"
    r"\bsuch\s+as\b",
    # a condition: "In cases where the rod is not fully seated, ..."
    r"\bin\s+(?:cases|situations|instances|circumstances)\s+(?:where|in\s+which|when)\b",
    # a finding stated in the present tense as what happens: "Rod fracture occurs with delayed fusion" (a patient's
    # finding occurred; "did not occur" is the patient's)
    r"(?<!did\s)(?<!not\s)\boccurs?\s+(?:with|after|when|following|due|because|mainly|mostly|predominantly|more|less"
    r"|especially|particularly|in\s+(?:patients|cases|the\s+setting))\b",
    # round 7: what happens "many times"; subtypes and frequencies of failures in general ("The two most frequently
    # encountered subtypes of instrumentation failure are rod fracture and PJK"); a definition opening the sentence
    # ("A lucency is a halo around a screw"); another study's cohort ("In their cohort, failures were characterized as
    # broken screws"); "as reported"; a criterion ("was identified as a case of screw loosening"); what a finding
    # results in ("subsidence ... results in increased screw contact forces"); a patient-facing explanation ("If you do
    # have a loose screw", "the screw would not be loose in a solid fusion"); what an implant can get or become
    # ("The delicate wires can get broken"); a comparison not significant ("insignificantly lower in the loosened
    # screws compared to the intact screws")
    r"\bmany\s+times\b|\b(?:most\s+)?(?:frequently|commonly|often)\s+(?:encountered|seen|observed|reported)\s+(?:sub)?(?:types?|forms?|kinds?)\b"
    r"|\b(?:sub)?(?:types?|kinds?|forms?|modes?)\s+of\s+(?:[\w-]+\s+){0,2}?(?:failures?|complications?)\s+(?:are|is|include|includes)\b",
    r"^\W*an?\s+(?:[\w-]+\s+){0,2}?(?:is|are)\s+an?\s+",
    r"\bin\s+their\s+(?:cohort|series|study|studies|report|patients|experience|review)\b|\b(?:was|were|is|are)\s+(?:\w+ly\s+)?"
    r"characteri[sz]ed\s+as\b|^\W*as\s+(?:previously\s+)?reported\b|\bever[\s-]+reported\b",
    r"\b(?:was|were|is|are)\s+(?:\w+ly\s+)?(?:identified|regarded|recogni[sz]ed|taken|counted)\s+as\s+(?:an?\s+)?(?:case|sign|evidence"
    r"|indication)\s+of\b",
    r"\bresults?\s+in\s+(?:an?\s+)?(?:increased|decreased|higher|lower|greater|reduced|more|less|increasing|decreasing)\b",
    r"^\W*if\s+you\b|\bwould\s+not\s+be\b",
    r"\b(?:can|could|may|might)\s+(?:\w+ly\s+)?(?:get|become|break|loosen|migrate|fracture|fail|move|shift|dislodge|back\s+out"
    r"|pull\s+out|cease|stop|slip)\b",  # ("might unexpectedly cease to function due to battery depletion")
    r"\binsignificantly\b|\b(?:higher|lower|greater|smaller|larger)\s+in\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:screws|patients|cases"
    r"|groups?)\s+(?:compared|relative|than)\b|\b(?:was|were|is|are)\s+(?:not\s+)?(?:\w+ly\s+)?(?:higher|lower|greater|smaller"
    r"|larger)\s+(?:in|with|among)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:group|groups|cohort|arm)\b",
    # round 8: "are not necessarily malpositioned", "Initial prospective research found low incidences of lead migration",
    # "has previously been shown to reduce", "The criterion for loosening was ...", "Current literature supports ...",
    # "... complications, one of which is posterior dislodgment", a classification's line ("Type 2: bilateral cage
    # subsidence into ...", "Grade 3: ..."), a cadaver's "gross dissection"
    r"\bnot\s+necessarily\b|\b(?:research|literature|evidence|data)\s+(?:has\s+|have\s+)?(?:\w+ly\s+)?(?:found|shown|showed|suggests?"
    r"|supports?|indicates?|demonstrated)\b|\b(?:has|have)\s+(?:\w+ly\s+)?been\s+shown\s+to\b|\bcriteri(?:on|a)\s+(?:for|of)\b"
    r"|\bone\s+of\s+which\s+is\b|^\W*(?:type|grade|class|stage|category)\s+(?:\d{1,2}|[IVX]{1,4}|[A-D])[a-c]?\s*(?:\([\w\s]{1,12}\)\s*)?[:.)\-\u2013\u2014]"
    # round 10: "the rod will break", "it is unclear what the role of", "In cases of symptomatic loosening", "surgeons
    # tended not to re-operate", "may be conservatively managed", "few reported cases of", "can be technically
    # challenging", "The most morbid of which is", "could potentially explain", "results in a high incidence of",
    # "The average migration was 2.85 mm in subjects ...", "Harms and Melcher [11] reported", "Smith et al. reported"
    r"|\bwill\s+(?:\w+ly\s+)?(?:break|loosen|fail|fracture|migrate|back\s+out|subside)\b|\bit\s+is\s+(?:\w+ly\s+)?(?:unclear|unknown"
    r"|uncertain)\b|\bin\s+cases\s+of\b|\b(?:surgeons|authors|clinicians|physicians)\s+(?:tended|tend|prefer|preferred|recommend"
    r"|recommended|suggest|suggested)\b|\bmay\s+be\s+(?:\w+ly\s+)?(?:managed|treated|observed|followed|revised)\b|\breported\s+cases\b"
    r"|\bcan\s+be\s+(?:\w+ly\s+)?(?:challenging|difficult|demanding)\b|\bthe\s+most\s+\w+\s+of\s+which\b"
    r"|\b(?:could|may|might|can)\s+(?:\w+ly\s+)?explain\b|\bresults?\s+in\s+(?:an?\s+)?(?:high|low|higher|lower)\s+(?:incidence|rate"
    r"|risk)\b"
    rf"|\b{CITED_REPORT}"
    r"|\bgross\s+dissection\b|\b(?:increased|decreased|raised|lowered|reduced)\s+the\s+(?:incidence|rate|risk|likelihood)\s+of\b",
    # round 12: "One case was also described in which ...", "can be caused by", "similar implant failure rates",
    # "In the recently published PROCESS paper", "has been a known
    # issue", "can alter the success of", "adverse events, including ...", "We recorded possible adverse events",
    # "Considerable complication rates are reported"
    rf"\b{LITERATURE_CASE}|\bcan\s+(?:also\s+)?be\s+caused\s+by\b|\bsimilar\s+(?:[\w-]+\s+){{0,3}}?rates?\b"
    r"|\b(?:recently\s+)?published\s+(?:[\w-]+\s+){0,2}?(?:paper|study|series|trial|report|review)\b"
    r"|\b(?:is|are|has\s+been|have\s+been|remains?)\s+(?:a\s+|an\s+)?(?:well[\s-])?known\s+(?:issue|problem|complication|cause"
    r"|risk|phenomenon|entity)\b|\b(?:can|could|may|might)\s+(?:\w+ly\s+)?(?:alter|affect|influence|compromise|jeopardi[sz]e)\b"
    r"|\badverse\s+events?\s*,?\s+(?:such\s+as|including|like)\b|\b(?:recorded|record|will\s+record|monitored|collected)\s+"
    r"(?:\w+\s+){0,2}?(?:adverse\s+events|complications)\b|\brates?\s+(?:are|were|have\s+been|has\s+been)\s+reported\b",
    # a criterion about any implant, as a verbless line: "Migration of any lead from its placement site"
    r"^\W*(?!no\b|without\b)(?:[\w-]+\s+){1,3}?(?:of|in)\s+any\s+(?:[\w-]+\s+){0,2}?(?:screws?|rods?|cages?|plates?|implants?"
    r"|leads?|electrodes?|hardware|devices?)\b",
    # round 28: what is not yet known, what reports in general show, best practice, what kinds a list consists of, how a
    # technique goes in the present, what happens when a finding occurs, what investigators looked into, a writer's fears:
    # "The failure modes of the implanted hardware have not been well studied", "current reports show rates approaching
    # zero for ... migration", "what is currently considered best practice - placing ... leads in the epidural space",
    # "Device-related complications consist of lead migration, lead breakage, ...", "Screws are inserted at least two
    # segments above and below the dislocation", "when this malalignment occurs, significant morbidity may be inflicted",
    # "more investigation has looked into the failure of posterior cervical constructs", "my worst fears will be realised,
    # ie broken rod(s)"
    r"\b(?:has|have)\s+not\s+been\s+(?:\w+ly\s+|well\s+)?(?:studied|investigated|characteri[sz]ed|examined|explored)\b"
    r"|\b(?:current|recent|previous|prior|published|other)\s+(?:reports|studies|series|literature)\s+(?:show|suggest|indicate"
    r"|report|describe|demonstrate)\b|\bbest\s+practices?\b"
    r"|\b(?:complications?|events|failures|problems|issues)\s+(?:\w+\s+){0,2}?consists?\s+of\b"
    r"|\b(?:screws?|rods?|hooks?|implants?|cages?|leads?|electrodes?)\s+are\s+(?:then\s+|usually\s+|typically\s+)?(?:inserted|placed"
    r"|introduced|advanced)\b"
    r"|\bwhen\s+(?:this|such|the|a|an)\s+(?:[\w-]+\s+){0,2}?occurs\b"
    r"|\b(?:investigations?|studies|research|authors|investigators)\s+(?:has|have)\s+(?:also\s+)?(?:looked\s+into|focused\s+on)\b"
    r"|\bworst\s+fears?\b|\b(?:terrified|afraid|scared|worried)\s+(?:that|of|about)\b"
    # what a technique can help with: "four pelvic screws ... can help address pseudarthroses, implant breakage, and screw
    # pullout"
    r"|\b(?:can|could|may|might)\s+help\s+(?:to\s+)?(?:address|prevent|avoid|reduce|treat|manage|minimi[sz]e|limit)\b"
    # what a treatment can do, how a therapy is done, the commonest issues: "cement augmentation for the treatment of low
    # grade pedicle screw loosening can relieve pain", "is accomplished using percutaneous or implanted electrodes", "One of
    # the most common issues following pedicle screw fixation is pedicle screw loosening"
    r"|\b(?:can|could|may)\s+(?:\w+ly\s+)?(?:relieve|alleviate|restore)\b"
    # ("meticulous anchoring ... remain the best defences against lead migration and fracture")
    r"|\b(?:defen[cs]es?|protection|safeguards?)\s+against\b"
    # what the literature has described, what shows better on which study, conditions: "Cage subsidence, migration and endplate
    # fracture have all been described after lateral interbody fusion", "Loosening of pedicle screws is more readily detected
    # on CT than on plain radiographs", "We recommend CT whenever a halo exceeds 1 mm around an S1 screw"
    r"|\b(?:has|have)\s+(?:all\s+|also\s+)?been\s+(?:\w+ly\s+)?(?:described|documented)\b"
    r"|\b(?:more|less)\s+(?:readily|easily|reliably|often|frequently)\s+(?:detected|seen|visuali[sz]ed|identified|missed)\b"
    r"|\bwhenever\b|^\W*in\s+the\s+(?:\w+\s+)?literature\b"
    r"|\b(?:is|are)\s+(?:usually\s+|typically\s+|commonly\s+)?accomplished\s+(?:using|with|by|through)\b"
    # what a finding usually comes from, hypotheses, conditions, what sometimes happens, what doctors usually do:
    # "Set screw disengagement usually results from inadequate final tightening", "Hypothesis: SPECT/CT detects pedicle
    # screw loosening earlier", "implants are usually not removed unless they ... have broken", "Sometimes the screw breaks
    # off", "Doctors usually order imaging tests ... to show the location of the loose screw", "Subsidence was greater when
    # the cage was undersized"
    r"|\b(?:usually|typically|often|commonly|generally|mostly)\s+(?:results?|stems?|arises?|comes?)\s+from\b"
    r"|^\W*hypothes[ie]s\s*:|\bunless\s+(?:they|it|the|a|an|there)\b|^\W*sometimes\b"
    r"|\b(?:doctors|surgeons|physicians|radiologists)\s+(?:usually|typically|often|generally|commonly)\b"
    r"|\b(?:was|were|is|are)\s+(?:\w+ly\s+)?(?:greater|higher|lower|less|more\s+(?:common|frequent|pronounced))\s+(?:when|if)\b"
    r"|\bone\s+of\s+the\s+(?:most\s+)?(?:common|frequent|serious|important|major)\s+(?:issues|problems|complications|causes|reasons"
    r"|concerns)\b",
    # round 30: odds compared, how sensitive a study is, the sign most quoted, what remains the main problem, when most
    # failures happen in general: "Stand-alone devices carried higher odds of subsidence than plated constructs", "Plain
    # films are insensitive to screw loosening", "a peri-screw lucency wider than 1 mm is the most widely quoted sign of
    # loosening", "lead migration and fracture remain the principal hardware problems", "Most lead migrations occur within
    # the first 3 months"
    r"\b(?:higher|lower|greater|increased|reduced|decreased)\s+odds\s+of\b|\b(?:in)?sensitive\s+(?:to|for)\b"
    r"|\b(?:widely|commonly|frequently|often)\s+(?:quoted|cited|used|accepted)\s+(?:[\w-]+\s+){0,2}?(?:signs?|criteri(?:on|a)"
    r"|thresholds?|definitions?|markers?)\b"
    r"|\bremains?\s+the\s+(?:principal|main|chief|major|leading|predominant|commonest)\b"
    r"|^\W*most\s+(?:[\w-]+\s+){0,2}?(?:migrations|fractures|failures|breakages|complications|dislodgements|displacements)\s+"
    r"(?:occur|happen|develop|arise|take\s+place|are\s+seen)\b"
    # how a finding is measured or treated, in general: "Cage subsidence is measured as the loss of disc height", "Loose
    # screws may be exchanged for larger-diameter screws at revision"
    r"|\b(?:is|are)\s+(?:usually\s+|typically\s+|commonly\s+)?(?:measured|quantified|graded|classified)\s+(?:as|by|on|using)\b"
    r"|\b(?:may|can|could|should)\s+be\s+(?:exchanged|replaced|revised|salvaged|managed|treated)\s+(?:for|with|by|at|using)\b"
    # a test's accuracy: "The area under the receiver operating characteristic curve for lead migration was 0.8"
    r"|\breceiver\s+operating\s+characteristic\b|\barea\s+under\s+the\s+(?:\w+\s+)?curve\b"
    # what predicts a finding, what earlier series or no study reported, how studies defined it, a rate per procedures:
    # "age over 65 years ... independently predicted cage subsidence", "Earlier series reported cage subsidence in up to
    # 60%", "No study reported set screw disengagement", "The included studies defined screw loosening inconsistently",
    # "Annual incidence of rod fracture per 1,000 instrumented procedures"
    r"|\b(?:independently\s+|significantly\s+)?predicted\b|\bpredict(?:ive|ors?)\s+of\b"
    r"|\b(?:earlier|previous|prior|other|published)\s+(?:series|studies|reports|authors|investigators)\s+(?:have\s+)?"
    r"(?:reported|described|found|showed|observed)\b"
    r"|\bno\s+(?:other\s+)?(?:study|studies|trial|trials|series|author|authors)\s+(?:\w+ly\s+)?(?:reported|described|found|showed"
    r"|compared|examined)\b|\b(?:studies|authors|investigators)\s+(?:\w+\s+){0,2}?defined\b"
    r"|\bincidence\s+of\b[^.;]{0,60}?\bper\s+[\d,]+\b"
    # how to do something, a letter, a comparison of groups by a finding: "How to retrieve a migrated interbody cage", "Re:
    # 'Posterior cage migration after TLIF' - a reply to the authors", "patients with and without a screw halo"
    r"|^\W*how\s+to\b|^\W*re\s*:|\breply\s+to\s+the\s+authors?\b|\bletter\s+to\s+the\s+editor\b"
    r"|\bwith\s+and\s+without\b"
    # what a movement makes in general: "Screw toggling creates the typical windshield-wiper lucency"
    r"|\b(?:creates?|produces?|causes?|gives?)\s+(?:the\s+|a\s+)?(?:typical|characteristic|classic)\b",
]

# Methods and comparisons of a study's own patients: general statements about the findings (no finding is asserted),
# but the study's imaging is still its patients' (the history keeps the modality: "Radiographs were obtained at 1, 3
# and 12 months to determine the presence of cage subsidence" is a Radiograph)
METHOD_STATEMENTS = [
    # a comparison without counts: "loosening and breakage were the same between the two groups", "was similar in both"
    r"\b(?:was|were|is|are)\s+(?:\w+ly\s+)?(?:the\s+same|similar|comparable|equivalent|identical|equal)\s+(?:between|among|across"
    r"|in\s+(?:both|all|each|the\s+two))\b",
    # a method's purpose: "Radiographs were obtained ... to determine the presence of fusion and cage subsidence",
    # "to quantify the rate and degree of migration"
    r"\bto\s+(?:determine|assess|evaluate|detect|identify|quantify|investigate|examine|measure|estimate|document)\s+(?:the\s+)?"
    r"(?:presence|absence|rate|rates|degree|incidence|extent|amount|frequency|occurrence|whether|if)\b"
    # and a reader's: "may order an X-ray to check whether a screw has loosened", "let your surgeon see whether the cage has
    # settled"
    r"|\b(?:check|see|tell|find\s+out|make\s+sure|confirm|verify)\s+(?:whether|if)\b",
    # a study's selection of patients by a finding: "a database search to identify patients whose screws loosened"
    r"\bto\s+(?:identify|select|find|include|recruit)\s+(?:all\s+)?(?:patients|cases|subjects|individuals)\s+(?:who|whose|with|that)\b",
    # round 7: "We investigated screw position and loosening by CT at the final follow-up", "Cage subsidence and
    # anterior cage displacement were determined radiographically", "Fixation fracture or loosening assessed radiographically"
    r"^\W*we\s+(?:\w+ly\s+|also\s+)?(?:investigated|evaluated|assessed|examined|analy[sz]ed|measured|studied|recorded|reviewed"
    r"|compared|quantified)\b(?![^;]*\b(?:found|show|reveal|demonstrat|confirm|observ|identif|detect)\w*)",
    r"(?:\b(?:assessed|evaluated|determined|measured|investigated|examined|analy[sz]ed|graded|recorded|quantified)\s+(?:\w+ly\s+)?"
    # (not a report's advice: "Possible disconnection of the left rod ..., better assessed on CT")
    r"(?:radiographically|radiologically|clinically)|(?<!better\s)(?<!best\s)(?<!further\s)"
    r"\b(?:assessed|evaluated|measured|graded|quantified)\s+(?:on|by)\s+(?:CT|MRI"
    r"|radiographs?|X-rays?|imaging|computed|plain))\b(?![^;]*\b(?:show|reveal|demonstrat|confirm)\w*)"
    # ("Interbody fusion and implant subsidence were evaluated from follow-up CT scans")
    r"|\b(?:was|were)\s+(?:\w+ly\s+)?(?:assessed|evaluated|measured|graded|quantified)\s+(?:from|on|with|using|in)\s+(?:the\s+)?"
    r"(?:both\s+)?(?:(?:follow-up|postoperative|serial|final)\s+)?(?:CT|MRI|radiographs?|X-rays?|imaging|computed|plain|films?)\b"
    # how a study sorted or measured it ("Pedicle screw position was classified either as acceptable or misplaced", "A
    # screw malposition evaluation was made according to the Gertzbein-Robbins scale", "the patients ... were compared in
    # terms of ... screw malposition", "extent of cortical breach ... was determined by review of radiographs") (round 37)
    r"|\b(?:was|were)\s+(?:\w+ly\s+)?(?:classified|graded|categori[sz]ed|rated)\s+either\s+as\b"
    r"|\b(?:evaluation|assessment|grading|classification)\s+was\s+(?:made|performed|done|carried\s+out)\b"
    r"|\bcompared\s+in\s+terms\s+of\b"
    r"|\b(?:was|were)\s+(?:\w+ly\s+)?determined\s+(?:by|through|from)\s+(?:a\s+|the\s+)?(?:\w+\s+)?(?:review|analysis|examination|measurement)\b",
    # round 8: "CT scans ... were reviewed for screw misplacement", "radiographs were retrospectively examined for mechanical
    # failure", "The rate of ... mal-positioning ... was measured"
    r"\b(?:reviewed|examined|screened|inspected|assessed|evaluated|analy[sz]ed|checked|searched|queried)\s+(?:\w+ly\s+)?for\b",
    r"\b(?:rates?|incidences?|numbers?|frequenc(?:y|ies))\s+of\b[^;]{0,120}?\b(?:was|were)\s+(?:\w+ly\s+)?(?:measured|recorded"
    r"|calculated|assessed|determined|compared|analy[sz]ed)\b",
    # how the findings of a cohort were studied: "All broken leads were studied retrospectively using radiographs"
    r"\b(?:was|were)\s+(?:\w+ly\s+)?studied\s+(?:\w+ly\s+)?(?:using|with|by|on)\b",
    # round 14: what a study looked at, not what it found: "This retrospective study evaluated the incidence of screw
    # loosening", "Radiographic results were compared for ... screw loosening", "films were evaluated and compared to detect
    # screw loosening"
    r"^\W*(?:this|the\s+present|the\s+current|our)\s+(?:[\w-]+\s+){0,2}?(?:study|review|analysis|work|series|article|chapter)\s+"
    r"(?:\w+ly\s+)?(?:evaluated|assessed|examined|investigated|analy[sz]ed|compared|reviewed|studied|explored|describes|discusses"
    r"|summari[sz]es|illustrates|outlines|highlights)\b"
    r"(?![^;]*\b(?:found|show|reveal|demonstrat|confirm|observ)\w*)",
    r"\b(?:was|were)\s+(?:\w+ly\s+)?compared\s+for\b",
    r"^\W*(?:materials\s+and\s+)?methods?\s*:",  # an abstract's methods: "Methods: Multicenter, retrospective review of RF"
    # "Those patients sustaining rod breakages were compared with those that did not", "radiographs were reviewed to identify
    # significant cage retropulsion-related factors"
    r"\b(?:was|were)\s+compared\s+(?:with|to)\s+(?:those|the\s+(?:other|remaining))\b"
    # round 16: "The clear zones were evaluated in 399 patients", "was considered to be clear zone positive when ...", "the
    # authors evaluated the potential role of ...", interobserver studies ("observers were asked to state whether ...")
    r"|\b(?:was|were)\s+(?:\w+ly\s+)?(?:evaluated|assessed|measured|analy[sz]ed|examined)\s+in\s+\d+\s+(?:patients|cases|subjects)\b"
    r"|\b(?:was|were|is|are)\s+considered\s+(?:to\s+be\s+)?(?:[\w-]+\s+){0,4}?(?:when|if)\b"
    r"|\bthe\s+authors\s+(?:\w+ly\s+|also\s+)?(?:evaluated|assessed|examined|investigated|analy[sz]ed|compared|reviewed|studied|explored)\b"
    r"|\b(?:inter|intra)[\s-]?(?:observer|rater)\b|\bwere\s+asked\s+to\b|\binstructions?\s+to\s+use\b"
    r"|\b(?:standard|usual|conventional)\s+(?:surgical\s+)?(?:treatment|management|approach)\s+(?:involves|includes|consists)\b"
    r"|\b(?:reviewed|analy[sz]ed|examined|evaluated|assessed)\s+to\s+(?:identify|determine|assess|evaluate|investigate|find)\b",
    # what a study also looked at or how it sorted it, said at the end of the clause: "Complications related to screw
    # mal-positioning were also evaluated", "screw misplacement was classified" (not "documented" or "noted": a report's
    # finding)
    # (not a count of none: "No case of set screw loosening or rod disengagement was recorded")
    r"^(?!\W*no\s+(?:cases?\s+of\s+)?)[^;]*?\b(?:was|were)\s+(?:also\s+)?(?:\w+ly\s+)?(?:evaluated|assessed|analy[sz]ed|reviewed"
    r"|examined|investigated|compared|studied|classified|graded|recorded|collected)"
    r"\s*[.;:,]?\s*$",
    r"\bto\s+(?:detect|identify|diagnose|look\s+for|screen\s+for)\s+(?:any\s+|possible\s+|potential\s+)?(?:[\w-]+\s+){0,3}?"
    r"(?:loosening|migration|subsidence|breakage|fractures?|malposition|misplacement|lucency|halos?|failures?|displacement"
    r"|deviations?|breach(?:es)?|perforations?|penetrations?|violations?)\b",
    # a study's criteria and measures, what no study has looked at, what a finding predicts, how often implants of a kind
    # do something, what a revision is like: "Inclusion criteria comprised ... screw-related complications (screw
    # cut-out, ...)", "implant related complications ... were used as outcome measures", "There are no in-depth studies of
    # hardware-related complications", "may predict loosening", "CPSs sometimes breach the transverse foramen", "The
    # causes of cage migration ... were complicated", "Revision surgery for ... cage migration is technically demanding"
    r"\b(?:inclusion|exclusion|eligibility)\s+criteria\b|\bused\s+as\s+(?:\w+\s+)?(?:outcome\s+)?(?:measures?|end-?\s?points?"
    r"|criteria|variables|indicators?)\b"
    r"|\bno\s+(?:[\w-]+\s+){0,2}?(?:studies|reports|data|literature)\s+(?:of|on|about|regarding|concerning)\b"
    r"|\b(?:may|might|can|could|to)\s+(?:\w+ly\s+)?predict\b|\bpredict(?:s|ing|ive\s+of|ors?\s+of)?\b"
    r"|\b(?:sometimes|occasionally|often|frequently|rarely|seldom|usually|commonly|typically)\s+(?:breach|perforat|penetrat"
    r"|violat|migrat|loosen|break|fractur|fail|back\s+out|displac|move|subside|protrud)\w*"
    r"|\b(?:causes|mechanisms|reasons)\s+(?:of|for)\b|\bthe\s+(?:problem|challenge)\s+of\b"
    # what an examination was for: "The dog was evaluated at 0, 2, 6 and 9 months to determine ... implant positioning and
    # subsidence"
    r"|\b(?:was|were)\s+(?:\w+ly\s+)?(?:evaluated|assessed|examined|followed|reviewed|seen)\b[^;]{0,80}?\bto\s+(?:determine"
    r"|assess|evaluate|document)\b"
    r"|\b(?:is|are|remains?)\s+(?:\w+ly\s+)?(?:demanding|challenging|difficult|complex)\b",
    # a finding named as a kind or placed in the literature: "Paravertebral rod migration represents an unusual and potentially
    # fatal complication", "These atypical symptoms of rod migration have not been reported previously" (not "such an
    # anterior cage migration ... has not been reported": this case's), "The common site
    # of screw migration is within the gastrointestinal tract"
    r"\brepresents?\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+(?:and\s+)?){0,4}?(?:complications?|entity|entities"
    r"|challenges?)\b"
    r"|\b(?:symptoms|features|presentations|manifestations)\s+(?:[\w-]+\s+){0,4}?(?:has|have)\s+not\s+(?:yet\s+)?been\s+"
    r"(?:previously\s+)?(?:reported|described|documented)\b"
    # what imaging may show, what a finding may call for or be, what it could bring about, what imitates it, a condition:
    # "Radiography and computed tomography may demonstrate hardware loosening secondary to metallosis", "may be indicated
    # in patients with early rod fracture", "Malpositioned pedicle screws ... might be challenging", "a screw that breaches
    # the spinal canal has the potential to impinge", "preoperative curve magnitude influenced the incidence of rod
    # fractures", "Artifacts Mimicking Hardware Loosening", "the misdiagnosis of implant breakage", "Especially in the case of
    # missing or malpositioned radiopaque markers"
    r"|\b(?:radiograph\w*|radiography|x-rays?|ct|computed\s+tomography|mri|imaging|films?)\s+(?:and\s+(?:[\w-]+\s+){1,2}?)?"
    r"(?:may|might|can|could)\s+(?:\w+ly\s+)?(?:demonstrate|show|reveal)\b"
    r"|\b(?:is|are|may\s+be|might\s+be)\s+(?:\w+ly\s+)?indicated\s+(?:in|for)\b"
    r"|\b(?:may|might|can|could)\s+be\s+(?:\w+ly\s+)?(?:challenging|demanding|difficult)\b"
    r"|\b(?:has|have|had)\s+the\s+potential\s+to\b"
    r"|\binfluenc(?:ed|es|ing)\s+the\s+(?:incidence|rate|risk|occurrence)\s+of\b"
    r"|\b(?:mimick?(?:ing|s|ed)?|misdiagnos(?:is|ed|es)\s+of|false\s+impression\s+of)\b"
    # (not a comparison set aside: "was removed, as in the case of Wegener et al., after stent grafting", round 32)
    r"|(?<!\bas\s)\bin\s+the\s+case\s+of\s+(?!(?:our|this|the\s+present|patient|case)\b)"
    # one cause among others, possible complications, examples: "One potentially life-threatening cause of post-operative
    # dysphagia is hardware migration", "many complications are possible including infection, fracture, and ... mechanical
    # loosening", "if an implant related failure (e.g., a broken S1 screw) is complicating the clinical situation"
    r"|\bone\s+(?:[\w-]+\s+){0,3}?(?:cause|complication|reason|source)s?\s+of\b|\b(?:are|is)\s+possible\s*,?\s+including\b"
    r"|\be\.\s?g\.(?=[\s,])"
    # statistics and methods of cohort studies: "Iliac screw loosening appeared at 5.2 months ... on average", "limited
    # information is available regarding the incidence of", "The following variables were compared between patients",
    # "We also compared patients with and without", "a higher incidence of junctional screw loosening than", "The current
    # literature implies that", "Patients that showed screw loosening ... qualified as cases"
    r"|\bon\s+average\b|\b(?:limited|little|no|few|scarce)\s+(?:information|data|evidence)\s+(?:is|are|exists?)\s+available\b"
    r"|\b(?:was|were)\s+compared\s+(?:between|among|across)\b|\bwe\s+(?:also\s+)?compared\b"
    r"|\b(?:higher|lower|greater|smaller|increased|decreased)\s+(?:incidence|rate|risk|frequency|prevalence)\s+of\b[^;]{0,80}?\bthan\b"
    r"|\b(?:the\s+)?(?:current\s+|recent\s+|existing\s+|available\s+)?literature\s+(?:implies|suggests|shows|indicates|reports|describes)\b"
    r"|\bqualified\s+as\s+(?:cases|controls)\b"
    # what a finding brings about, in general: "Lead migration results in a loss of proper paresthesia coverage"
    r"|^\W*(?:[\w-]+\s+){0,2}?(?:migration|fracture|breakage|loosening|failure|subsidence|malposition|misplacement|breach)"
    r"\s+(?:results\s+in|leads\s+to)\b"
    r"|\bthe\s+(?:most\s+)?(?:common|usual|typical|frequent)\s+(?:sites?|locations?|places?|types?|forms?|presentations?"
    r"|manifestations?|causes?|reasons?)\s+of\b"
    r"(?=[^;.]*?\b(?:is|are)\b)",  # (in general; "The most common site of screw backout was C5" is a cohort's)
    # round 23: a rate named with no number in its clause is a quantity measured or compared, not a finding: "We reported
    # on the ... rate of screw malposition", "pedicle screw misplacement rate, operative duration", "patients with a
    # pear-shaped disc space also showed a higher rate of cage retropulsion" ("The screw malposition rate was 5.5%" is one,
    # and so is a rate judged in words: "a high prevalence of implant malfunctions", "no recorded incidence of hardware
    # failure", "The incidence of cage migration was considerable")
    r"^(?![^;]*\d)(?![^;]*\b(?:high|low|considerable|substantial|significant|increased|elevated|recorded)\s+(?:[\w-]+\s+)?(?:rates?|incidences?"
    r"|prevalences?)\b)(?![^;]*\b(?:rates?|incidences?|prevalences?)\s+of\s+(?:[\w-]+\s+){1,3}?(?:was|were|is)\s+(?:\w+ly\s+)?"
    r"(?:considerable|high|low|substantial)\b)"
    r"[^;]*?\b(?:(?:rates?|incidences?|prevalences?)\s+of|(?:malposition|misplacement|failure|loosening|breakage"
    r"|fracture|migration|subsidence|complication|retropulsion)s?\s+(?:rates?|incidences?))\b",
    # round 28: what a study collected or analysed, its measures' purpose, estimates quoted as a range, comparisons of how
    # often: "Data were collected on demographics, type of hardware, ... time to failure, and failure mode", "Variables
    # analyzed were age, ... degree of subsidence", "compared to follow-up imaging ... to measure lead migration distance",
    # "Incidence estimates for lead migration ... range from 13.2% (4) to 22.6% (5)", "Surgically implanted leads broke twice
    # as often as percutaneous leads", "Laminotomy leads tended to break and migrate sooner than percutaneous leads"
    r"\b(?:data|information)\s+(?:was|were)\s+(?:\w+ly\s+)?(?:collected|gathered|extracted|recorded|obtained)\s+(?:on|about|regarding"
    r"|for)\b|\b(?:variables|parameters|factors|measures|outcomes)\s+(?:analy[sz]ed|studied|recorded|collected|assessed|examined)"
    r"\s+(?:were|included)\b"
    r"|\bto\s+(?:measure|quantify|calculate|estimate)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:distances?|magnitudes?|amounts?|extent)\b"
    r"|\bestimates?\s+(?:[\w-]+\s+){0,10}?ranges?\s+from\b"
    r"|\b(?:twice|three\s+times|(?:\d+(?:\.\d+)?|two|three|four|five)[\s-]fold)\s+as\s+(?:often|frequently|likely)\s+as\b"
    r"|\btended\s+to\s+(?:\w+\s+){1,4}?(?:sooner|later|earlier|more|less)\s+(?:\w+\s+)?than\b"
    # a study's measures, and what a paper presents: "Implant rotation, migration, back-out, fracture ... were secondary
    # measures", "Mathematical data on ... the frequency of screw malposition ... are presented"
    r"|\b(?:were|was|are|is)\s+(?:the\s+)?(?:primary|secondary|main)\s+(?:outcome\s+)?(?:measures?|outcomes?|end\s*-?points?)\b"
    r"|\b(?:are|is)\s+presented\s*\.?\s*$"
    # a study's aim: "A retrospective study was conducted to review the complication of cage migration in PLIF"
    r"|\bto\s+(?:review|report|describe|analy[sz]e|investigate|evaluate|assess|study|examine)\s+(?:the\s+)?(?:[\w-]+\s+)?"
    r"(?:complications?|incidence|rates?|risk\s+factors?|causes?|outcomes?|management|characteristics)\s+of\b",
]

# a count of cases given after the finding: "the most often encountered type of hardware failure was lead breakage ...
# (n= 8)"
_COUNT_AFTER = (r"\(\s*n\s*=\s*\d+\s*[,;)]"
                # a count of a cohort's cases with its share: "implant related complications in 6 cases (30%)"
                r"|\bin\s+\d+\s+(?:cases|patients|subjects|screws|levels)\s*\(\s*\d+(?:[.,]\d+)?\s*%"
                # a count in brackets: "implant-related problems (twenty-four patients)"
                r"|\(\s*(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|(?:twenty|thirty|forty|fifty)"
                r"(?:-\w+)?)\s+(?:patients|cases|subjects)\s*\)")
# a cohort's rate of a finding: "The overall 2-year risk of rod fracture was 3.05%"
_RATE_OF = (r"\b(?:risk|rate|incidence|prevalence)\s+of\s+(?:[\w-]+\s+){1,3}?(?:was|were)\s+\d+(?:\.\d+)?\s*%"
            # "At 48 months, screw loosening rates were 5.3% and 15.8% for PEEK and titanium rods"
            r"|\b(?:loosening|fracture|breakage|failure|migration|subsidence|malposition|misplacement|complication)s?\s+"
            r"(?:rates?|incidences?)\s+(?:was|were)\s+\d+(?:\.\d+)?\s*%")
# A finding with no implant named in its clause is this patient's only when the clause reports an observation
# ("Subsidence was observed in 21%", "Halo sign was seen in 13 patients", "radiographs showed no migration"),
# or is a report's verbless line ("Mild subsidence."); otherwise ("subsidence did not correlate with ...",
# "a halo for 3 months", "displacement of the thecal sac") it is not a hardware fact.
OBSERVATION_WORDS = (r"\b(?:observed|seen|found|noted|identified|detected|demonstrat(?:ed|es?)|shown|show(?:s|ed)?|reveal(?:s|ed)?"
                     r"|diagnosed|confirmed|visuali[sz]ed|appreciated|evident|present|occurred|occurs|developed|indicated"
                     r"|exhibited|experienced|sustained|suffered|presented\s+with"
                     r"|there\s+(?:is|are|was|were))\b"
                     # a cohort's rate of the finding: "One-month subsidence rate was 36.3%" (not "the fusion rate was ...")
                     r"|\b(?:subsidence|loosening|migration|breakage|fracture|malposition\w*|misplacement|perforation|breach"
                     r"|lucency|failure)\s+(?:rates?|incidences?)\s+(?:was|were)\s+(?:\w+\s+){0,2}?\d+(?:\.\d+)?\s*%"
                     r"|\(\s*\d+\s*/\s*\d+\s*[,;)]"  # a count of a cohort: "The subsidence rate was 19.0% (4/21)"
                     r"|" + _RATE_OF +
                     # a count named as such: "The number of lateral and medial breaches was 2 and 3, respectively"
                     r"|\b(?:number|count)\s+of\b[^;]{0,60}?\b(?:was|were)\s+\d+"
                     r"|" + _COUNT_AFTER)
# A count of cases with a past observation makes a clause a cohort's finding even beside a generic cue: "Two cases
# of Twiddler's syndrome as a hardware complication of SCS were identified", "Subsidence was observed in 21% ...".
EPISODIC_COUNT = (r"\b(?:was|were)\s+(?:\w+ly\s+)?(?:observed|seen|found|identified|detected|noted|diagnosed|confirmed)\b"
                  r"[^;]*?(?:\b\d+(?:\.\d+)?\s*%|\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
                  r"\s+(?:of\s+\d+|patients?|cases?|screws?|levels?|rods?|cages?|leads?))"
                  r"|(?:\b\d+(?:\.\d+)?\s*%|\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
                  r"\s+(?:of\s+\d+|patients?|cases?|screws?|levels?|rods?|cages?|leads?))[^;]*?\b(?:was|were)\s+(?:\w+ly\s+)?"
                  r"(?:observed|seen|found|identified|detected|noted|diagnosed|confirmed)\b"
                  # a counted group that had or showed it: "A total of 15 patients (10.2%) had subsidence", "29 patients
                  # (39.7%) in ST group ... demonstrated a halo phenomenon"
                  r"|\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+(?:patients?|cases?|subjects?"
                  r"|dogs?|cats?|horses?|animals?)"  # ("One dog experienced a major complication (implant failure)")
                  r"(?:\s*\([^)]{0,20}\))?[^;.]{0,80}?\s(?:\w+ly\s+)?"
                  r"(?:demonstrated|showed|had|developed|exhibited|experienced|presented\s+with|sustained|suffered)\b"
                  # a group defined by a finding, with its size: "... were classified as screw failure group (SF group, n=25)"
                  r"|\bgroups?\b[^;]{0,40}?\bn\s*=\s*\d+"
                  # a counted share graded so: "4 (5.6%) were graded as hazardous (including 2 minor breaches ...)"
                  # (or counted implants: "Three screws were classified as misplaced", round 37)
                  r"|\b\d+\s*\(\s*\d+(?:\.\d+)?\s*%\s*\)\s+(?:were|was)\s+(?:graded|classified|rated|categori[sz]ed|judged)\s+as\b"
                  r"|\b" + COUNT_WORD + r"\s+(?:[\w-]+\s+)?(?:screws|rods|cages|leads|implants)\s+(?:\(\s*\d+(?:\.\d+)?\s*%\s*\)\s+)?"
                  r"(?:were|was)\s+(?:graded|classified|rated|categori[sz]ed|judged)\s+as\b"
                  # a count written as a fraction of a cohort: "more commonly seen at the superior endplates (42/119, 35.29%)"
                  r"|\(\s*\d+\s*/\s*\d+\s*[,;)]|" + _COUNT_AFTER + "|" + _RATE_OF
                  # a count of a cohort's cases, an occurrence rate, a report's own cases: "lead migration (1 of 26)",
                  # "lead migration occurred in 26% of fascial ... systems", "This article describes 2 cases of ..."
                  + r"|\(\s*\d+\s+of\s+\d+\s*[,;)]"
                  # a count of the events themselves: "battery failure (five incidents), electrode failure or migration (four
                  # incidents)"
                  r"|\(\s*" + COUNT_WORD + r"\s+(?:incidents?|events?|occurrences?)\s*\)"
                  r"|\boccurred\s+in\s+(?:\d+(?:\.\d+)?\s*%|\d+\s+(?:of|patients|cases)\b)"
                  r"|\b(?:describes?|presents?|reports?)\s+(?:\d+|two|three|four|five|six)\s+(?:cases|patients)\s+(?:of|with)\b"
                  # a count of all the study's implants with a finding: "All six loosened screws were associated with ..."
                  r"|\ball\s+(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+(?:[\w-]+\s+){0,2}?"
                  r"(?:screws|rods|cages|plates|leads|implants)\b"
                  # the report's own counted cases, presented: "Three complex revision cases with migrated cages are presented"
                  r"|\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten)\s+(?:[\w-]+\s+){0,4}?(?:cases|patients)\b[^;.]{0,120}?"
                  r"\b(?:are|were)\s+(?:\w+ly\s+)?(?:presented|described|reported)\b")
# an imaging study as the subject of its own clause, and the verbs it reports with: "radiographs demonstrated ..."
STUDY_NOUNS = ("radiographs", "radiograph", "radiography", "x-rays", "x-ray", "ct", "mri", "imaging", "films", "scans",
               "images")
STUDY_VERBS = ("showed", "shows", "demonstrated", "demonstrates", "revealed", "reveals", "confirmed", "confirms")
# words that make a clause a sentence with a verb (a clause without them is a report's verbless line)
FINITE_WORDS = frozenset({"is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "can", "could", "may",
                          "might", "should", "must", "will", "would", "do", "does", "did", "include", "includes",
                          "included", "limits", "causes", "remains", "represents"})
# Body structures and other things that are not implants, which a finding word may be about ("esophageal perforation",
# "graft migration", "sacral fracture", "the disc fragment had migrated", "cement leakage", "pain migrated"): a finding
# noun right after one of these, or a finding verb with one of these as its subject, is not an implant finding.
BODY_STRUCTURE_WORDS = re.compile(
    r"^(?:esophag\w*|oesophag\w*|pharyn\w*|hypopharyn\w*|trache\w*|laryn\w*|bowel|colon\w*|intestin\w*|gastr\w*|aort\w*"
    r"|arter\w*|vascular|vessels?|venous|dura[l]?|thecal|dis[ck]s?|discal|grafts?|bones?|bony|osseous|fragments?|vertebra[el]?"
    r"|vertebral|pedicles?|laminar?|sacral|sacrum|iliac|ilium|pelvic|odontoid|dens|facets?|joints?|ligament\w*|muscles?|skin"
    r"|wound|cord|roots?|nerves?|neural|spinous|transverse|ribs?|hip|femoral|endplates?|body|bodies|insufficiency|stress"
    r"|compression|burst|kyphotic|osteoporotic|fragility|pathologic(?:al)?|traumatic|wedge|fusion|arthrodesis|pain|symptoms?|infection|abscess|ha?ematoma|seroma|fluid|collection|cement|pmma"
    r"|catheters?|drains?|shunts?|tumou?rs?|mass|cyst|sequestr\w*|material|debris|air|gas|contrast|patients?|osteophytes?|spurs?"
    r"|elements?|processes|protrusions?|herniations?|bulges?|extrusions?"
    # bones and joints of the limbs and skull: "her great toe fracture", "the left tibia fracture"
    r"|toes?|fingers?|thumb|wrists?|ankles?|knees?|shoulders?|elbows?|tibia[l]?|fibula[r]?|femur|humer\w*|radius|ulna[r]?"
    r"|clavic\w*|metatarsal|metacarpal|calcane\w*|patella[r]?|malleol\w*|scaphoid|skull|mandib\w*|acetabul\w*|glenoid)$", re.I)

# A finding refuted after it was said: a suspicion the next clause denies ("Screw-rod dissociation at the right T12 screw was
# suspected on radiographs but not confirmed at surgery", "Rod fracture was suspected clinically ... but was not seen on CT")
# and an appearance explained away ("the apparent discontinuity of the right rod at L2 represents overlap with the
# connector"; not a reading hedged: "Possible lucency ..., favored to represent streak artifact"), round 32. A negation that
# outweighs the hedge before it (`extractor._hedge_denied`).
REFUTED = (r"\bbut\s+(?:(?:was|were|is|are|has|have|had)\s+)?(?:been\s+)?not\s+(?:\w+ly\s+)?(?:confirmed|substantiated"
           r"|corroborated|verified|seen|found|present|demonstrated|visible|evident)\b"
           r"|(?<!\bto\s)\b(?:represents?|reflects?|is\s+due\s+to|is\s+caused\s+by)\s+(?:an?\s+)?(?:[\w-]+\s+)?(?:overlap"
           r"|superimposition|artefact|artifact)\b")

# a perfect's "not seen" is the observer's ("we have not seen"), not a finding's ("the fracture is not seen")
_NOT_AN_OBSERVER = r"(?<!\bhave)(?<!\bhave\s)(?<!\bhas)(?<!\bhas\s)(?<!\bhad)(?<!\bhad\s)"

# --- ConText ------------------------------------------------------------------------------------
# (literal or regex, category, direction, max_scope[, categories that end the cue's scope]). Categories map to
# medspaCy's attributes: NEGATED_EXISTENCE -> is_negated, POSSIBLE_EXISTENCE -> is_uncertain, HISTORICAL ->
# is_historical, HYPOTHETICAL -> is_hypothetical; PSEUDO blocks a shorter cue; TERMINATE ends a cue's scope; REPORTED
# (a verb that tells what a study showed) modifies nothing and ends only the scopes that name it.
CONTEXT_RULES: list[tuple] = [
    # negation, forward
    (r"\bno\b|\bnil\b(?!\s+by\s+mouth)", "NEGATED_EXISTENCE", "FORWARD", None),  # ("nil lucency": Australian, British)
    # a table row whose every count is nought: "Lead fracture 0 0 0", "Screw breakage 0 (0%)"
    # (and a last cell with no test: "Set screw dislodgement 0 0 –")
    (r"(?<=[A-Za-z)]\s)0(?:[ \t]*\([ \t]*0(?:\.0+)?[ \t]*%[ \t]*\))?(?:[ \t]+0(?:[ \t]*\([ \t]*0(?:\.0+)?[ \t]*%[ \t]*\))?)*"
     r"(?:[ \t]+(?:–|—|-|NA|N/A|n/a|NS|ns))?(?=[ \t]*(?:\n|$))", "NEGATED_EXISTENCE", "BACKWARD", None),
    (r"\bnot\b", "NEGATED_EXISTENCE", "FORWARD", 6),
    # "the leads haven't shifted", "the screw wasn't loose"
    (r"\b(?:has|have|had|is|are|was|were|does|do|did)n't\b", "NEGATED_EXISTENCE", "FORWARD", 6),
    (r"\bnor\b|\bneither\b", "NEGATED_EXISTENCE", "FORWARD", None),
    # ("all remaining screws were checked with a ball-tipped probe and none was loose")
    (r"\bnone\s+(?:was|were|is|are|had|has)\b", "NEGATED_EXISTENCE", "FORWARD", 4),
    # ("3 breached the transverse foramen and none entered the spinal canal", "none progressed to loosening", round 31)
    (r"\bnone\b(?=\s+(?:entered|progressed\s+to|developed|showed|required|underwent|needed)\b)", "NEGATED_EXISTENCE", "FORWARD", 6),
    # none of a cohort: "None of the patients developed cage migration" (none of the implants: below; a cue that takes in
    # an implant word would be dropped where it overlaps the implant)
    (r"\bnone\s+of\s+(?:the\s+|our\s+|these\s+|their\s+|his\s+|her\s+)?(?:\w+\s+)?(?:patients|cases|subjects|children"
     r"|individuals)\b", "NEGATED_EXISTENCE", "FORWARD", None),
    (r"\bwithout\b|\bw/o\b", "NEGATED_EXISTENCE", "FORWARD", None),
    # ("there was no sign that the rods had migrated", round 31)
    (r"\bno\s+(?:(?:radiographic|ct|imaging|convincing|definite|definitive|significant|appreciable|obvious|gross|"
     r"visible|new|further|other|additional|evident|apparent|clear|interval)\s+)*(?:evidence|signs?|findings?)\s+(?:of|for|to\s+suggest"
     r"|that)\b",
     "NEGATED_EXISTENCE", "FORWARD", None),
    (r"\bwithout\s+(?:(?:radiographic|ct|definite|convincing|significant|any|obvious)\s+)*(?:evidence|signs?)\s+of\b",
     "NEGATED_EXISTENCE", "FORWARD", None),
    # ("Impedances were normal, excluding a lead fracture")
    # (and what was there and is gone: "Resolution of the left L5 screw lucency")
    (r"\bnegative\s+for\b|\bfree\s+of\b|\babsence\s+of\b|\b(?:interval\s+|complete\s+)?resolution\s+of\b|\bexcluded\b|\bexclud(?:ing|es)\s+(?:a|an|any)\b|\bruled\s+out\b(?!\s+(?:on|by|with|at|using)\b)(?!\s*(?:[.;,)]|$))"
     r"|\brules\s+out\b|\bno\s+definite\b"
     r"|\b(?:does|do|did)(?:\s+not|n[’']t)\s+(?:show|demonstrate|reveal|have)\b"
     r"|\bthere\s+(?:is|are)\s+no\b|\bnot\s+(?:demonstrate|show)\b", "NEGATED_EXISTENCE", "FORWARD", None),
    # an interpretation set against another: "endplate sclerosis reflects incorporation rather than loosening" (round 30)
    (r"\brather\s+than\b|\binstead\s+of\b", "NEGATED_EXISTENCE", "FORWARD", 4),
    # an interpretation denied: "1 mm lucency about the left L4 screw, not suggestive of loosening" (not the hedge within it)
    (r"\bnot\s+(?:\w+ly\s+)?(?:suggestive|indicative|diagnostic|characteristic|typical)\s+of\b"
     r"|\bnot\s+(?:\w+ly\s+)?(?:consistent|compatible)\s+with\b|\bnot\s+in\s+keeping\s+with\b",
     "NEGATED_EXISTENCE", "FORWARD", None),
    # negation, backward
    # (and a suspicion the next clause refutes, and an appearance explained away, round 32: `REFUTED`)
    (REFUTED, "NEGATED_EXISTENCE", "BACKWARD", None),
    # ("The questioned fracture of the right rod at L4-5 on the radiographs is not confirmed")
    (r"\b(?:is|are|was|were)\s+not\s+(?:confirmed|substantiated|corroborated|verified)\b"
     r"|\b(?:has|have)\s+not\s+been\s+(?:confirmed|substantiated|corroborated|verified)\b",
     "NEGATED_EXISTENCE", "BACKWARD", None),
    # (not the observer's own "not seen", which denies what follows: "We have not seen any rod breakage")
    # (a match that began at the space before "not" took the word before it, the finding's own, and was dropped as
    # overlapping it: "Rod breakage not seen.")
    (rf"(?:\b(?:is|are|was|were)\s+)?{_NOT_AN_OBSERVER}\b(?:not|no\s+longer)\s+(?:seen|identified|visualized|visualised|evident|"
     r"present|demonstrated|appreciated|noted|detected|apparent|observed|encountered|found)\b|\bhas\s+resolved\b|\bhave\s+resolved\b"
     rf"|\bresolved\b|\b(?:is|are|was|were)\s+absent\b|{_NOT_AN_OBSERVER}\bnot\s+(?:clearly\s+)?(?:seen|identified)\b"
     r"|\bnone\s+(?:is|are)\s+(?:seen|identified)\b",
     "NEGATED_EXISTENCE", "BACKWARD", None),
    (r"(?<!not\s)(?<!cannot\s)(?<!can't\s)\b(?:was|were|is|are|been|be)\s+(?:\w+ly\s+)?(?:ruled\s+out|excluded)\b"
     # (and the terse note's bare participle: "Lead migration ruled out on fluoroscopy")
     r"|(?<!\bwas\s)(?<!\bwere\s)(?<!\bis\s)(?<!\bare\s)(?<!\bbeen\s)(?<!\bbe\s)(?<!\bnot\s)\bruled\s+out\b"
     r"(?=\s+(?:on|by|with|at|using)\b|\s*(?:[.;,)]|$))",  # (or at the clause's end: "Screw loosening ruled out.")
     "NEGATED_EXISTENCE", "BACKWARD", None),
    # what did not happen, what proved an artefact (round 30): "Hardware failure did not occur in any patient", "Apparent rod
    # breakage on standing radiographs proved to be an overlap artefact"
    (r"\b(?:did|does|do)\s+not\s+(?:occur|develop|happen|arise|recur)\b|\bnever\s+(?:occurred|developed|happened)\b"
     r"|\b(?:proved|turned\s+out|was\s+found|were\s+found)\s+to\s+be\s+(?:an?\s+)?(?:[\w-]+\s+){0,2}?(?:artefact|artifact)s?\b",
     "NEGATED_EXISTENCE", "BACKWARD", None),
    # a structured line's answer: "Hardware complication: none.", "Screw loosening: absent"
    (r":\s*(?:none|no|negative|absent|not\s+(?:seen|present|identified))\b(?=\s*(?:[.;,]|$))", "NEGATED_EXISTENCE", "BACKWARD",
     None),  # ("Rod fracture: no.")
    # uncertainty
    # a question mark before the finding, as terse reports ask: "2. ? 2 mm post migration of L4-5 TLIF cage"
    (r"(?:^|(?<=[\s(]))\?(?=\s*[\w(])", "POSSIBLE_EXISTENCE", "FORWARD", 8),
    (r"\bpossibl[ey]\b|\bprobabl[ey]\b|\blikely\b|\bsuspect(?:ed)?\b|\bsuspicious\s+(?:for|of)\b|\bsuspicion\s+(?:for|of)\b"
     r"|\bconcern(?:ing)?\s+for\b|\bconcern\s+of\b|\bworrisome\s+for\b|\bsuggestive\s+of\b|\bsuggest(?:s|ing)?\b|\bquestionabl[ey]\b"
     r"|\bquestion\s+of\b|\bequivocal\b|\bindeterminate\b|\bmay\b|\bmight\b|\bcould\b|\bpresumabl[ey]\b|\bpresumed\b"
     r"|\bborderline\b|\bcannot\s+(?:be\s+)?(?:exclude|rule\s+out)\b|\bcan\s*not\s+(?:exclude|rule\s+out)\b"
     r"|\bcan'?t\s+(?:exclude|rule\s+out)\b|\bnot\s+(?:entirely\s+|completely\s+)?(?:exclude|rule\s+out)\b"
     r"|\bdifficult\s+to\s+exclude\b|\bpotential(?:ly)?\b|\bapparent(?:ly)?\s+(?:early|subtle|mild)?\b|\bperhaps\b"
     r"|\bwonder(?:ing|ed|s)?\s+(?:if|whether)\b|\bsubtle\s+(?:possible\s+)?(?:vs\.?|versus)\b|\b(?:a\s+)?suggestion\s+of\b|\bdifferential\s+(?:includes|diagnosis)\b|\braises?\s+the\s+possibility\b",
     "POSSIBLE_EXISTENCE", "FORWARD", None),
    (r"\bcannot\s+be\s+(?:excluded|ruled\s+out)\b|\bcan\s*not\s+be\s+(?:excluded|ruled\s+out)\b|\bcan'?t\s+be\s+(?:excluded|ruled\s+out)\b"
     r"|\bnot\s+(?:be\s+)?(?:entirely\s+|completely\s+|definitely\s+)?(?:excluded|ruled\s+out)\b"
     # (not a comparison with an earlier study: "No lead migration vs intra-op images")
     r"|\bnot\s+(?:entirely\s+)?excluded\b|(?:\bversus\b|\bvs\.?(?=\s))(?!\s+(?:the\s+)?(?:prior|previous|last|earlier|initial"
     r"|index|baseline|comparison|intra-?op\w*|post-?op\w*|immediate)\b)"
     r"|\bor\s+artifact\b|\b(?:is|are)\s+(?:of\s+)?uncertain\s+significance\b|\bis\s+not\s+certain\b|\?",
     "POSSIBLE_EXISTENCE", "BACKWARD", None),
    (r"\b(?:is|are|was|were|appears?|seems?)\s+(?:possible|suspected|likely|probable|questioned|questionable|equivocal)\b"
     # a belief about this implant: "The L5 screw is thought to be loose", "the rod is believed to be broken"
     r"|\b(?:is|are|was|were)\s+(?:thought|believed|felt|suspected|considered)\s+to\s+(?:be|have)\b",
     "POSSIBLE_EXISTENCE", "BIDIRECTIONAL", None),
    # "None of the bolts have broken"; not of the findings themselves: "None of the violations were detected
    # intraoperatively" (they were, later), "none of the complications required revision"
    (r"\bnone\s+of\s+(?:the|these|those|our|his|her|its|their)\b(?!\s+(?:[\w-]+\s+)?(?:violations|breaches|breeches|perforations"
     r"|fractures|failures|complications|migrations|malpositions|misplacements|loosenings|breakages)\b)",
     "NEGATED_EXISTENCE", "FORWARD", None),
    # history and hypotheses
    (r"\bhistory\s+of\b|\bhx\s+of\b|\bstatus\s+post\b|\bs/p\b|\bpreviously\s+(?:revised|removed|treated|repaired|replaced)\b"
     r"|\bprior\s+(?:history\s+of\s+)?(?:rod\s+|screw\s+|hardware\s+)?(?:fracture|breakage|failure|revision)\b",
     "HISTORICAL", "FORWARD", 5),
    # what was already there on an earlier study: "In retrospect, a subtle halo around that screw was already visible on the
    # 3-month radiograph" (round 32)
    (r"\b(?:was|were)\s+already\s+(?:visible|present|seen|evident|apparent|noted|shown)\s+(?:on|in)\b", "HISTORICAL", "BACKWARD",
     None),
    # what a study before this one had shown, said in the past of the past (round 32): "Compared with the prior radiograph
    # from March, which had shown 2 mm of cage subsidence", "The 2019 radiographs, reviewed in retrospect, had already shown
    # a subtle lucency", "Prior radiographs from another hospital had shown a lead migration", "the screw had already begun
    # to back out at 6 months"
    (r"\b(?:which|that)\s+had\s+(?:already\s+|previously\s+)?(?:shown|demonstrated|revealed|suggested)\b"
     r"|\bhad\s+already\s+(?:shown|demonstrated|revealed|suggested|begun|started)\b"
     r"|\b(?:prior|previous|earlier|old|outside|initial)\s+(?:[\w-]+\s+)?(?:radiographs?|films?|ct|mri|x-?rays?|images?|imaging"
     r"|studies|study|scans?)\b(?:\s+[\w-]+){0,4}?\s+had\s+(?:shown|demonstrated|revealed)\b"
     # (and one dated before the story's now: "Radiographs two years earlier had shown a broken rod", round 33)
     r"|\b(?:radiographs?|films?|ct|mri|x-?rays?|images?|imaging|studies|study|scans?)\s+(?:[\w-]+\s+){1,3}?(?:earlier|before"
     r"|previously|prior)\s+had\s+(?:already\s+)?(?:shown|demonstrated|revealed)\b", "HISTORICAL", "FORWARD", None),
    # what an earlier study had shown: "A 2 mm lucency around the right S1 screw had been noted on the prior CT in 2021"
    # (and on a study named by when it was made: "had already been described on the 6-month radiograph", round 32)
    (r"\bhad\s+(?:already\s+)?been\s+(?:noted|seen|described|reported|identified|present|demonstrated)\s+(?:on|in)\s+"
     r"(?:the\s+|an?\s+)?(?:prior|previous|earlier|preceding|outside|initial|first|(?:\d+|one|two|three|six|twelve)-(?:day|week|month"
     r"|year))\b", "HISTORICAL", "BACKWARD", None),
    # (and what had been revised before: "The rod fracture seen on the previous study at L3-L4 had been revised before the
    # stimulator trial", round 30)
    (r"\bhad\s+been\s+(?:\w+ly\s+)?(?:revised|repaired|removed|replaced|exchanged)\b", "HISTORICAL", "BACKWARD", None),
    # what an earlier study showed, named after the finding: "The loosening of the left S1 screw noted on the previous CT was
    # treated by revision" (round 33)
    (r"(?<!\bnot\s)\b(?:noted|seen|shown|described|demonstrated|identified|visible|present|reported)\s+(?:on|in)\s+"
     r"(?:the\s+|an?\s+)?(?:prior|previous|earlier|preceding|outside)\s+(?:study|studies|exam(?:ination)?|ct|mri|radiographs?|films?"
     r"|imaging|images?|scans?|x-?rays?)\b"
     # (not one still there: "The lucency ... seen on the prior CT has increased")
     r"(?![^.;]{0,40}?\b(?:increas\w*|progress\w*|persist\w*|remains?|unchanged|again|now|enlarg\w*|stable|still"
     r"|grown|worse\w*)\b)", "HISTORICAL", "BACKWARD", None),
    # a finding an operation has dealt with: "Rod fracture previously noted on the right at L2-3 was treated at revision"
    (r"\b(?:was|were|had\s+been|has\s+been|have\s+been)\s+(?:\w+ly\s+)?(?:treated|revised|repaired|addressed|corrected)\s+"
     r"(?:at|during|in)\s+(?:the\s+|a\s+)?(?:prior\s+|previous\s+|earlier\s+|last\s+)?(?:revision|surgery|operation|reoperation)\b"
     # (or by what has replaced it since: "the rod fracture seen on the earlier films has been bridged with a new rod", round
     # 32; not a story's past, "The lead migration was treated by reprogramming", which tells this patient's finding, round
     # 33: a finding treated after it was "noted on the previous CT" is history by the rule before)
     r"|\b(?:had\s+been|has\s+been|have\s+been)\s+(?:\w+ly\s+)?(?:treated|revised|repaired|addressed|corrected|bridged"
     r"|bypassed|salvaged)\s+(?:by|with)\s+(?:a\s+|an\s+)?(?:revision|new|larger|longer|satellite|additional|re-?\w+)\b",
     "HISTORICAL", "BACKWARD", None),
    # what an earlier study showed: "On the prior exam both lead tips were at the superior endplate of T8"
    # (and after a stop of a clause: "A paddle electrode spans T9-T10; on the prior study it was positioned at T8-T9")
    (r"(?:(?-i:\b(?:On|In))|(?<=;\s)(?:on|in)|(?<=,\s)(?:on|in)(?=\s+the\s+\w+\s+\w+,?\s+(?:it|they|the|both|its|their)\b))"
     # ("On the post-insertion films the upper end of the paddle was at the mid T8 level", "On the comparison study the tips
     # of both leads lay at the superior endplate of T8", round 31)
     r"\s+the\s+(?:prior|previous|earlier|preceding|comparison|post-?insertion|post-?implant(?:ation)?|initial|baseline)\s+"
     r"(?:exam(?:ination)?|study|radiographs?|films?|imaging"
     r"|images?|ct|mri|x-?rays?|scan)\b", "HISTORICAL", "FORWARD", None),
    (r"\b(?:evaluate|evaluation|eval|assess|assessment|check|look|screen)\s+(?:for|of)\b"
     r"(?![^.;]{0,80}?\b(?:revealed|showed|shown|demonstrated|identified|found|confirmed|disclosed)\b)"  # a done one
     r"|\bif\b|\bshould\b|\bmonitor(?:ing)?\s+for\b|\bconcern\s+about\b|\bin\s+case\s+of\b"
     r"|\b(?:to\s+)?(?:make\s+sure|ensure|ensuring|verify|verifying)\s+(?:that\s+)?(?:there\s+(?:was|is|were)\s+)?(?=no\b)"
     # ("to make sure the screws have not moved")
     r"|\b(?:to\s+)?(?:make\s+sure|ensure|ensuring|verify|verifying)\s+(?:that\s+)?(?=(?:the|all|its|their)\s+(?:[\w-]+\s+){0,3}?"
     r"(?:has|have|is|are|was|were)\s+not\b)",
     "HYPOTHETICAL", "FORWARD", None),
    # what a study was done to look for, up to the verb that tells what it showed: "Radiographs obtained to evaluate the
    # plate showed no migration" (the migration is denied, not asked about; `REPORTED` ends this cue's scope only)
    (r"\bto\s+(?:evaluate|assess|exclude)\b(?!\s+(?:the\s+)?(?:exact\s+)?(?:position|location|extent|degree|severity|course)\b)"
     r"|\brule\s+out\b|\br/o\b", "HYPOTHETICAL", "FORWARD", None, ("REPORTED",)),
    (r"\b(?:showed|revealed|demonstrated|disclosed|confirmed)\b", "REPORTED", "FORWARD", 1),
    (r"\b(?:to\s+)?(?:prevent|avoid)(?:s|ing|ion\s+of|ance\s+of)?\b|\blook\s+(?:specifically\s+)?for\b", "HYPOTHETICAL", "FORWARD", None),
    # the absence of a finding: "The absence of a halo around the screws argues against infection" (round 30)
    (r"\b(?:the\s+)?absence\s+of\b", "NEGATED_EXISTENCE", "FORWARD", 4),
    # what the study could not tell: "so a breach cannot be assessed", "Screw loosening cannot be assessed reliably on
    # radiographs" (round 30)
    (r"\b(?:cannot|can\s*not|can't|could\s+not)\s+be\s+(?:reliably\s+|accurately\s+|adequately\s+|fully\s+|properly\s+)?"
     r"(?:assessed|evaluated|determined|judged|characteri[sz]ed|appraised)\b", "HYPOTHETICAL", "BACKWARD", None),
    (r"\b(?:unable|impossible|not\s+possible)\s+to\s+(?:reliably\s+|accurately\s+)?(?:assess|evaluate|determine|judge)\b",
     "HYPOTHETICAL", "FORWARD", None),
    # pseudo cues: contain a negation or history word but do not negate or date the finding
    (r"\b(?:there\s+(?:is|has\s+been|was)\s+)?no\s+(?:significant\s+|interval\s+|appreciable\s+|substantial\s+)?(?:change|progression"
     r"|increase)\b"
     r"|\bno\s+(?:statistical(?:ly)?\s+)?significan(?:ce|t)\b|\bnot\s+significantly\b|\bno\s+(?:other\s+)?(?:studies|study|reports?|data)\b"
     r"|\bwithout\s+(?:significant\s+|interval\s+)?change\b|\bnot\s+only\b|\bnot\s+significantly\s+changed\b"
     r"|\bnot\s+changed\b|\bno\s+doubt\b|\bnot\s+well\s+(?:seen|visualized)\b|\bnot\s+certain\b(?!\s+significance)"
     r"|\bprevious(?:ly)?\s+(?:seen|noted|described|demonstrated|identified|reported|placed|present)\b"
     r"|\b(?:again|re-?demonstrated)\b|\b(?:from|since|on|than|to|with)\s+(?:the\s+)?(?:prior|previous)\b"
     r"|\bprior\s+(?:study|studies|exam|examination|ct|mri|radiographs?|imaging|images?|fusion|surgery|surgeries)\b"
     r"|\bnot\s+(?:fully|entirely|completely)\b"
     # a finding new since the last study: "suspicious for plate fracture, not present previously", "lucency ..., not seen
     # on the prior study", "not previously seen"
     # (with its verb, longer than the denial "was not seen": "a 2 mm lucent halo that was not seen previously")
     r"|\b(?:(?:is|are|was|were|been)\s+)?not\s+(?:(?:present|seen|visible|evident|identified|noted|apparent|demonstrated)\s+"
     r"(?:previously|before|earlier"
     r"|on\s+(?:the\s+)?(?:prior|previous|earlier|last|preceding)\b"
     # (a dated study is an earlier one: "not present on the radiographs of 04/02/2026")
     r"|on\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:of|from|dated)\s+\d(?:[\d/.-]*\d)?"
     # ("not present on the 6/4/2026 study")
     r"|on\s+(?:the\s+)?\d{1,4}[/.-]\d{1,2}(?:[/.-]\d{2,4})?\s+(?:study|exam(?:ination)?|radiographs?|ct|mri|images?|films?"
     r"|scan)"
     # ("not seen in 04/2026", "not present in March 2026")
     r"|(?:in|on)\s+(?:\d{1,2}[/.-])?\d{1,2}[/.-]\d{2,4}\b|(?:in|on)\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)"
     r"[a-z]*\.?\s+\d{4}\b"
     # ("not present on the 6-week film")
     r"|on\s+(?:the\s+)?(?:\d+|one|two|three|six)[\s-]*(?:day|week|month|year)s?\b)"
     r"|(?:previously|formerly)\s+(?:present|seen|visible|evident|identified|noted|apparent|demonstrated))\b"
     # not knowing, not being told: "I did not know the rod was broken", "nobody told me the screws had loosened"
     r"|\b(?:did|does|do)(?:\s+not|n't)\s+(?:know|realize|realise|notice|tell\s+me|mention)\b"
     r"|\bno\s+longer\b(?!\s+(?:seen|visualized|identified|present|evident))|\blikely\s+(?:intended|placed|represents?\s+(?:postsurgical|postoperative))\b",
     "PSEUDO", "BIDIRECTIONAL", None),
    # scope terminators
    (r"\bbut\b|\bhowever\b|\balthough\b|\bthough\b|\bwhereas\b|\bwhile\b|\bexcept\b|\bother\s+than\b|\baside\s+from\b"
     r"|\bdespite\b|\bin\s+spite\s+of\b"
     r"|\bapart\s+from\b|\bwhich\b|;|\band\s+(?:there\s+(?:is|are)|the|a|an)\b|,\s*(?:and|with)\b|\bnow\b"
     # (not the adverb: "the rod had not yet come out of the saddle")
     r"|" + "".join(rf"(?<!\b{w}\s)" if w.isalpha() else rf"(?<!{re.escape(w)}\s)" for w in BEFORE_AN_ADVERB_YET) + r"\byet\b"
     # a study that shows what follows: "No fever and CT demonstrated loosening of the L5 screws"
     rf"|\band\s+(?:{'|'.join(map(re.escape, STUDY_NOUNS))})\s+(?=(?:{'|'.join(STUDY_VERBS)})\b)"
     r"|\bwith\s+(?:a|an|the)\b|\bcompared\b"
     # a consequence said after a comma: "The fusion at L4-5 did not take, so the rod snapped" (round 30)
     r"|,\s*so\b"
     # a correction after a comma: "The apparent gap proved to be a skin fold, not a lead fracture" (round 31)
     r"|,(?=\s*not\s+(?:a|an|the)\b)"
     # a count after a denial begins a finding of its own: "there were no wire failures and one (17%) receiver failure"
     r"|\band\s+(?=(?:one|two|three|four|five|\d+)\s+(?:\(|of\b|[a-z]))"
     # the end of a counted item of a list: "without fixation failure in 14 cases (77.8%), hardware failure ..."
     r"|%\s*\)\s*,",
     "TERMINATE", "TERMINATE", None),
]

# A cause named after a denied consequence is presupposed ("no complications due to the screw misplacement"); a denial
# after both still covers the first ("screw loosening due to infection was ruled out"): read by the extractor.
CAUSE_WORDS = re.compile(r"\b(?:due|secondary|attributable)\s+to\b|\bcaused\s+by\b|\bresulting\s+from\b", re.I)

# --- sections ------------------------------------------------------------------------------------
# (category, header words). A header is one of the words at the start of a line followed by a colon
# (or alone on its line). Findings from `ignored` sections are kept as provenance, not as facts.
SECTIONS = [
    ("findings", ["findings", "finding", "report", "observations", "description"]),
    ("impression", ["impression", "impressions", "conclusion", "conclusions", "summary", "opinion", "assessment",
                    "interpretation", "diagnosis"]),
    ("comparison", ["comparison", "comparisons", "prior studies", "prior study", "prior exam", "previous studies", "comp", "cmp"]),
    ("technique", ["technique", "techniques", "protocol", "procedure", "exam", "examination", "study", "contrast",
                   "dose", "radiation dose"]),
    ("hardware", ["hardware", "instrumentation", "postoperative changes", "postsurgical changes", "post-operative changes",
                  "implants", "spinal hardware"]),
    ("indication", ["indication", "indications", "clinical indication", "clinical history", "history", "clinical information",
                    "clinical data", "reason for exam", "reason for examination", "reason for study", "clinical details",
                    "clinical question", "clinical notes", "clinical", "hx", "reason", "clinical info", "clinical hx"]),
    ("source", ["source", "sources", "reference", "references", "citation", "copyright", "license", "licence",
                "attribution"]),
]
IGNORED_SECTIONS = {"comparison", "technique", "indication", "source"}
# Sections that end at the first blank line (a "Source: ..." note before the report text).
PARAGRAPH_SECTIONS = {"source"}
