"""The words a case file may use for a kind of thing: the case format's own table (terms.py) plus the
ontology's labels and synonyms of the same terms (rdfs:label, oboInOwl:hasExactSynonym, skos:altLabel),
so that "transpedicular screw" is a pedicle screw wherever the ontology says so; and the closest
accepted word to a word that is not one."""
from __future__ import annotations

import difflib

from . import terms as T

_CACHE: dict[int, dict[str, str]] = {}


def accepted_words(table: dict[str, str]) -> dict[str, str]:
    """Every accepted (normalised) word of a table -> the ontology local name it means; the table's own
    words win over the ontology's where both name a word."""
    key = id(table)
    if key not in _CACHE:
        from rdflib import URIRef
        from rdflib.namespace import RDFS, SKOS

        from ..data import ontology_graph
        from ..vocab import BASE, OBOINOWL

        g = ontology_graph()
        words: dict[str, str] = {}
        for local in sorted(set(table.values())):
            node = URIRef(BASE + local)
            for prop in (RDFS.label, OBOINOWL.hasExactSynonym, SKOS.altLabel):
                for lit in sorted(str(o) for o in g.objects(node, prop)):
                    words.setdefault(T.norm(lit), local)
        _CACHE[key] = {**words, **table}
    return _CACHE[key]


def lookup(value: str, table: dict[str, str]) -> str | None:
    """The local name a word means in this table (the case format's words first, then the ontology's)."""
    word = T.norm(value)
    if word in table:  # the fast path: no ontology needed
        return table[word]
    return accepted_words(table).get(word)


def closest(value: str, table: dict[str, str]) -> str | None:
    """The accepted word closest to value, if one is close enough to be a likely typing error."""
    found = difflib.get_close_matches(T.norm(value), list(accepted_words(table)), n=1, cutoff=0.75)
    return found[0] if found else None


__all__ = ["accepted_words", "closest", "lookup"]
