"""The ontology axioms rules and queries need, applied to N-Triples terms: subclass, subproperty,
inverse and transitive properties.

``Axioms.closure(s, p, o)`` gives what one triple entails on its own (supertypes, superproperties,
inverses, closed over each other); ``Axioms.close(triples)`` adds the transitive closure of the
transitive properties among a set of triples (one case's: no case links to another's nodes).
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache

from ..hierarchy import schema
from ..ntriples import RDF_TYPE

Triple = tuple[str, str, str]


@dataclass(frozen=True)
class Axioms:
    """The ontology's axioms as lookup tables over N-Triples terms."""

    supers: dict[str, tuple[str, ...]]                 # "<C>" -> ("<D>", ...), all named superclasses
    props: dict[str, tuple[tuple[str, bool], ...]]     # "<p>" -> (("<q>", inverted), ...)
    transitive: frozenset[str]                         # "<p>" declared transitive

    def closure(self, s: str, p: str, o: str) -> list[Triple]:
        """The triples one triple entails on its own (all but transitive chains)."""
        out: list[Triple] = []
        if p == RDF_TYPE:
            sup = self.supers.get(o)
            if sup:
                out += [(s, RDF_TYPE, d) for d in sup]
        extra = self.props.get(p)
        if extra:
            literal = o[:1] == '"'
            for q, inverted in extra:
                if not inverted:
                    out.append((s, q, o))
                elif not literal:
                    out.append((o, q, s))
        return out

    @cached_property
    def one_step(self) -> bool:
        """Whether `closure` is complete in one step: what a triple it gives entails, it gives too (the
        superclasses of a superclass are superclasses; the superproperties and inverses of one it gives
        are among those it gives, or the triple itself). Then the triples it gives need no closure."""
        for sup in self.supers.values():
            if any(not set(self.supers.get(d, ())) <= set(sup) for d in sup):
                return False
        for p, extra in self.props.items():
            own = set(extra) | {(p, False)}
            for q, inverted in extra:
                if any((q2, inverted != inv2) not in own for q2, inv2 in self.props.get(q, ())):
                    return False
        return True

    def close(self, triples: Iterable[Triple]) -> set[Triple]:
        """The triples the transitive properties add to these (each new one closed by `closure` too)."""
        known = set(triples)
        pairs: dict[str, set[tuple[str, str]]] = defaultdict(set)
        for s, p, o in known:
            if p in self.transitive:
                pairs[p].add((s, o))
        new: set[Triple] = set()
        for p, edges in pairs.items():
            succ: dict[str, set[str]] = defaultdict(set)
            for s, o in edges:
                succ[s].add(o)
            for start in list(succ):
                seen: set[str] = set()
                todo = list(succ[start])
                while todo:
                    x = todo.pop()
                    if x in seen:
                        continue
                    seen.add(x)
                    todo.extend(succ.get(x, ()))
                for o in seen:
                    t = (start, p, o)
                    if t not in known:
                        new.add(t)
        todo2 = list(new)
        while todo2:
            t = todo2.pop()
            for d in self.closure(*t):
                if d not in known and d not in new:
                    new.add(d)
                    todo2.append(d)
        return new


@lru_cache(maxsize=1)
def axioms() -> Axioms:
    """The ontology's axioms (computed once per process)."""
    sc = schema()
    supers = {f"<{c}>": tuple(sorted(f"<{d}>" for d in ds)) for c, ds in sc.supers.items() if ds}
    props: dict[str, tuple[tuple[str, bool], ...]] = {}
    for p in set(sc.superprops) | set(sc.inverses) | set(sc.transitive):
        seen: set[tuple[str, bool]] = set()
        todo = [(p, False)]
        while todo:
            q, inverted = todo.pop()
            for q2 in sc.superprops.get(q, ()):
                if (q2, inverted) not in seen:
                    seen.add((q2, inverted))
                    todo.append((q2, inverted))
            for q2 in sc.inverses.get(q, ()):
                if (q2, not inverted) not in seen:
                    seen.add((q2, not inverted))
                    todo.append((q2, not inverted))
        seen.discard((p, False))
        if seen:
            props[f"<{p}>"] = tuple(sorted((f"<{q}>", inv) for q, inv in seen))
    transitive = frozenset(f"<{p}>" for p in sc.transitive)
    return Axioms(supers, props, transitive)
