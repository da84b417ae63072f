"""Turtle case files: parsed, then held to what a case may say (its own nodes, the ontology's terms).

A Turtle case file describes exactly one ``skg:Case`` and may only make statements about that case's
own nodes (the case IRI, IRIs under it, blank nodes), with the properties the case format writes and
the classes a case may assert (its patient, findings, implants, procedures, studies, measurements,
conditions, outcomes, anatomical parts). It may not state conclusions (``skg:ScrewLoosening``,
derivations ...), settings or evidence that the reasoner reads (``skg:PretestSetting``, figures),
facts about another case, ``owl:imports``, ``file:`` IRIs, or terms the ontology does not define.
Each violation is one problem naming the triple, with the line where the offending term appears.
"""
from __future__ import annotations

import logging
import re
from functools import lru_cache

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.exceptions import ParserError
from rdflib.term import Node

from ..data import ontology_graph
from ..iri import WEB_SCHEMES, iri_problem
from ..vocab import BASE, CASE_BASE, DCTERMS, OWL, RDF, RDFS, SKG, case_iri
from .errors import CaseError, Problem
from .rdf_writer import ASSERTED_PROPERTIES
from .schema import ID_RE

MAX_TRIPLES = 20_000  # a case of the format's largest sizes writes far fewer (see README, input limits)

# The roots of what a case may assert as rdf:type (with their subclasses), and the conditions the format
# records (which the ontology files under complications, as the patient's history).
_ASSERTABLE_ROOTS = ("Case", "Patient", "Finding", "Device", "Procedure", "ImagingStudy", "Measurement",
                     "Construct", "Outcome", "AnatomicalStructure", "WoundComplication")
_OTHER_PROPERTIES = frozenset({RDF.type, RDFS.label, RDFS.comment, DCTERMS.title, DCTERMS.source,
                               DCTERMS.description, RDF.subject, RDF.predicate, RDF.object})


@lru_cache(maxsize=1)
def assertable_classes() -> frozenset[URIRef]:
    """The classes a case file may assert: the roots above and their named subclasses, minus defined classes."""
    g = ontology_graph()
    defined = {s for s in g.subjects(OWL.equivalentClass, None) if isinstance(s, URIRef)}
    out: set[URIRef] = set()
    todo = [SKG[r] for r in _ASSERTABLE_ROOTS]
    while todo:
        c = todo.pop()
        if c in out or c in defined:
            continue
        out.add(c)
        todo.extend(s for s in g.subjects(RDFS.subClassOf, c) if isinstance(s, URIRef))
    out.add(RDF.Statement)  # the source record of a shared term is said on a statement (cases/rdf_writer.py)
    return frozenset(out)


@lru_cache(maxsize=1)
def case_properties() -> frozenset[URIRef]:
    """The properties a case file may use: those the case format writes."""
    return frozenset({SKG[p] for p in ASSERTED_PROPERTIES} | _OTHER_PROPERTIES)


@lru_cache(maxsize=1)
def ontology_terms() -> frozenset[URIRef]:
    """The project's terms the ontology defines (classes, properties, individuals such as skg:T2)."""
    return frozenset(s for s in ontology_graph().subjects() if isinstance(s, URIRef) and str(s).startswith(BASE))


def read_turtle_case(text: str, label: str) -> tuple[str, Graph]:
    """Parse a Turtle case file and check what it says; return (case id, graph) or raise CaseError."""
    g = Graph()
    log = logging.getLogger("rdflib")
    level = log.level
    log.setLevel(logging.CRITICAL)  # rdflib logs tracebacks for some literals; the problem is reported below
    try:
        g.parse(data=text, format="turtle")
    except (SyntaxError, ParserError, ValueError, Exception) as exc:  # rdflib raises several types
        raise CaseError([Problem(label, "", f"malformed Turtle: {_turtle_message(exc)}", _turtle_line(exc))]) from None
    finally:
        log.setLevel(level)
    if len(g) > MAX_TRIPLES:
        raise CaseError([Problem(label, "", f"holds {len(g)} triples, more than the limit of {MAX_TRIPLES} for one case")])
    cases = list(g.subjects(RDF.type, SKG.Case))
    if len(cases) != 1:
        raise CaseError([Problem(label, "", f"a Turtle case file must describe exactly one skg:Case, found {len(cases)}")])
    ids = [o for o in g.objects(cases[0], SKG.caseId) if isinstance(o, Literal)]
    if len(ids) != 1 or not ID_RE.fullmatch(str(ids[0])):
        raise CaseError([Problem(label, "skg:caseId", "the case needs exactly one valid skg:caseId")])
    case_id = str(ids[0])
    if str(cases[0]) != case_iri(case_id):
        raise CaseError([Problem(label, "skg:caseId", f"the case IRI must be <{case_iri(case_id)}>, not <{cases[0]}>")])
    problems = statement_problems(g, case_id, label, text)
    if problems:
        raise CaseError(problems)
    return case_id, g


def statement_problems(g: Graph, case_id: str, label: str, text: str = "") -> list[Problem]:
    """One problem per triple a case file may not state (see the module's docstring)."""
    own = case_iri(case_id)
    lines = _LineIndex(text)
    problems: list[Problem] = []
    seen: set[tuple[str, str]] = set()

    def flag(s: object, p: object, term: object, message: str) -> None:
        where = f"{_short(s, own)} {_short(p, own)}"
        if (where, message) in seen:
            return
        seen.add((where, message))
        problems.append(Problem(label, where, message, _line_of(term, lines)))

    classes, properties, terms = assertable_classes(), case_properties(), ontology_terms()
    for s, p, o in sorted(g, key=lambda t: (str(t[0]), str(t[1]), str(t[2]))):
        for term in (s, p, o):
            if isinstance(term, URIRef):
                why = iri_problem(str(term))
                if why:
                    flag(s, p, term, f"<{term}> {why}")
            elif isinstance(term, Literal) and term.datatype is not None and iri_problem(str(term.datatype)):
                flag(s, p, term, f"the datatype <{term.datatype}> {iri_problem(str(term.datatype))}")
        if isinstance(s, URIRef) and not _is_own(s, own):
            flag(s, p, s, _outside(s, "states facts about"))
        if p == OWL.imports:
            flag(s, p, p, "owl:imports is not allowed in a case file (a case cannot pull in other data)")
            continue
        if p not in properties:
            flag(s, p, p, f"{_short(p, own)} is not a property of the case format"
                 + ("" if p in terms else " (the ontology does not define it)"))
            continue
        if not isinstance(o, URIRef):
            continue
        if str(o).lower().startswith("file:"):
            flag(s, p, o, f"<{o}>: file: IRIs are not allowed in a case file")
        elif p == RDF.type:
            if o not in classes:
                flag(s, p, o, _class_problem(o))
        elif p == DCTERMS.source:
            why = iri_problem(str(o), schemes=WEB_SCHEMES)
            if why:
                flag(s, p, o, f"<{o}> {why}")
        elif str(o).startswith(BASE) and not str(o).startswith(CASE_BASE) and o not in terms:
            flag(s, p, o, _unknown_term(o, p))
        elif not _is_own(o, own) and o not in terms:
            flag(s, p, o, _outside(o, "refers to"))
    return problems


def _unknown_term(o: URIRef, p: Node) -> str:
    g = ontology_graph()
    hint = ""
    rng = g.value(p, RDFS.range)
    if rng is not None:
        label = g.value(rng, RDFS.label)
        hint = f": {_short(p, '')} takes {'a ' + str(label) if label else _short(rng, '')}"
        if rng == SKG.VertebralLevel:
            hint += " (C1-C7, T1-T12, L1-L5, S1-S5, Co1)"
    return f"{_short(o, '')} is not a term of the ontology{hint}"


def _class_problem(o: URIRef) -> str:
    g = ontology_graph()
    if o not in ontology_terms():
        return f"{_short(o, '')} is not a class of the ontology"
    ancestors = set(g.transitive_objects(o, RDFS.subClassOf))
    if SKG.Conclusion in ancestors or o == SKG.Derivation or (o, OWL.equivalentClass, None) in g:
        return f"{_short(o, '')} is a conclusion the reasoner draws: a case file states findings, not conclusions"
    return f"{_short(o, '')} may not be asserted by a case file (it is not part of a case)"


def _outside(term: URIRef, verb: str) -> str:
    if str(term).startswith(CASE_BASE):
        return f"{verb} <{term}>, a node of another case: a case file may only describe its own case"
    return f"{verb} <{term}>, which is neither a node of this case nor a term of the ontology"


def _is_own(term: URIRef | BNode, own: str) -> bool:
    text = str(term)
    return isinstance(term, BNode) or text == own or text.startswith(own + "/")


def _short(term: object, own: str) -> str:
    text = str(term)
    if own and text.startswith(own + "/"):
        return text[len(own) + 1:]
    if own and text == own:
        return "case"
    if text.startswith(BASE) and not text.startswith(CASE_BASE):
        return "skg:" + text[len(BASE):]
    for pfx, ns in (("rdf", RDF), ("rdfs", RDFS), ("owl", OWL), ("dcterms", DCTERMS)):
        if text.startswith(str(ns)):
            return f"{pfx}:{text[len(str(ns)):]}"
    return f"<{text}>" if isinstance(term, URIRef) else text


class _LineIndex:
    """The lines of a Turtle text, with the first line of each IRI and local name found on demand.

    A problem's line used to be found by scanning every line for the term, once per problem: time
    quadratic in the size of a file with many problems. Now each line is read at most once.
    """

    def __init__(self, text: str):
        self.lines = text.splitlines()
        self.first: dict[str, int] = {}
        self.read = 0  # lines indexed so far

    def line(self, needle: str) -> int | None:
        """The first line (not a comment) that holds `needle`, reading further lines only if needed."""
        if needle in self.first:
            return self.first[needle]
        for i in range(self.read, len(self.lines)):
            line = self.lines[i]
            self.read = i + 1
            if line.lstrip().startswith("#"):
                continue
            for token in _TOKEN.findall(line):
                self.first.setdefault(token, i + 1)
            if needle in line and needle not in self.first:  # a term written in a form the tokens miss
                self.first[needle] = i + 1
            if needle in self.first:
                return self.first[needle]
        return None


_TOKEN = re.compile(r"<[^<>\s]*>|:[^\s;,()\[\]<>\"'#]+")


def _line_of(term: object, lines: _LineIndex) -> int | None:
    """The first line where the term (its IRI, or its local name after a prefix) is written, if any."""
    text = str(term)
    local = re.split(r"[/#]", text)[-1]
    for needle in (f"<{text}>", f":{local}" if local else None):
        if not needle:
            continue
        found = lines.line(needle)
        if found is not None:
            return found
        stripped = needle.rstrip(".")
        if stripped != needle and lines.line(stripped) is not None:
            return lines.line(stripped)
    return None


_LINE_RE = re.compile(r"line (\d+)", re.I)


def _turtle_line(exc: Exception) -> int | None:
    m = _LINE_RE.search(str(exc))
    return int(m.group(1)) if m else None


def _turtle_message(exc: Exception) -> str:
    """rdflib's parser message without its dump of the surrounding bytes."""
    msg = " ".join(str(exc).split())
    m = re.search(r"Bad syntax \((.*?)\) at \^", msg)
    if m:
        return m.group(1)
    msg = re.sub(r"(?i)^at line \d+ of <[^>]*>:\s*", "", msg)
    return msg.split(" at ^ in:")[0][:200]
