"""The Python API: one KnowledgeGraph over an embedded store."""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef

from .cases import CaseError, LoadedCase, Problem, read_case
from .cases.loader import read_case_text
from .data import literature_graph, ontology_graph, resource_digest
from .loading import Outcome
from .progress import Progress
from .results import QueryResult, term_value
from .store import EmbeddedStore, Store, StoreError
from .validate import case_problems
from .vocab import (
    GRAPH_LITERATURE,
    GRAPH_ONTOLOGY,
    GRAPH_RULES,
    SKG,
    case_graph,
    inferred_graph,
    settings_graph,
)

ENV_STORE = "SPINEKG_STORE"
GRAPH_META = str(SKG["graph/meta"])


def default_store_path() -> Path:
    """The default on-disk store: $SPINEKG_STORE, else ~/.local/share/spinekg/store."""
    env = os.environ.get(ENV_STORE)
    if env:
        return Path(env)
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "spinekg" / "store"


def check_case(path: str | Path, label: str | None = None) -> LoadedCase:
    """Read and fully validate one case file (format checks, then SHACL); raise CaseError if invalid."""
    return check_shapes(read_case(path, label))


def check_case_text(text: str, suffix: str, label: str = "<text>") -> LoadedCase:
    """Validate one case given as text, exactly as `check_case` does a file with this suffix."""
    return check_shapes(read_case_text(text, suffix, label))


def check_shapes(loaded: LoadedCase) -> LoadedCase:
    """The SHACL step of validation (after the format checks); raise CaseError if the graph violates a shape."""
    problems = case_problems(loaded)
    if problems:
        raise CaseError(problems)
    return loaded


class KnowledgeGraph:
    """A spinekg knowledge graph: the ontology, literature, rules and cases in one store."""

    def __init__(self, store: Store):
        self.store = store
        self._ensure_base()

    @classmethod
    def open(cls, path: str | Path | None = None) -> KnowledgeGraph:
        """Open (or create) an on-disk store; None means the default location."""
        return cls(EmbeddedStore(path if path is not None else default_store_path()))

    @classmethod
    def remote(cls, query_url: str, update_url: str | None = None, gsp_url: str | None = None, *,
               user: str | None = None, password: str | None = None, timeout: float = 60.0) -> KnowledgeGraph:
        """A knowledge graph on an external SPARQL 1.1 server (Protocol and Graph Store Protocol)."""
        from .store.remote import RemoteStore

        store = RemoteStore(query_url, update_url, gsp_url, user=user, password=password, timeout=timeout)
        try:
            return cls(store)
        except Exception:
            store.close()
            raise

    @classmethod
    def memory(cls) -> KnowledgeGraph:
        """A fresh in-memory knowledge graph."""
        return cls(EmbeddedStore(None))

    def close(self) -> None:
        """Flush and release the store."""
        close = getattr(self.store, "close", None)
        if close is not None:
            close()

    def __enter__(self) -> KnowledgeGraph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- base graphs ---
    def _ensure_base(self) -> None:
        from .reasoning.rules import rules_graph  # local: rules need the ontology terms only

        base = {str(GRAPH_ONTOLOGY): (ontology_graph, resource_digest("ontology")),
                str(GRAPH_LITERATURE): (literature_graph, resource_digest("kb", "literature.ttl")),
                str(GRAPH_RULES): (rules_graph, resource_digest("rules"))}
        stale: dict[str, Graph | None] = {}
        meta = Graph()
        for name, (make, digest) in base.items():
            meta.add((URIRef(name), SKG.contentDigest, Literal(digest)))
            if self._stored_digest(name) != digest:
                stale[name] = make()
        # Cases reasoned under other rules keep their old conclusions until re-reasoned: say so.
        self.rules_changed = str(GRAPH_RULES) in stale and self._stored_digest(str(GRAPH_RULES)) is not None
        if stale:
            stale[GRAPH_META] = meta
            self.store.replace_graphs(stale)

    def _stored_digest(self, name: str) -> str | None:
        res = self.sparql("SELECT ?d WHERE { GRAPH ?meta { ?g skg:contentDigest ?d } }",
                          bindings={"g": ox.NamedNode(name), "meta": ox.NamedNode(GRAPH_META)})
        return res.rows[0]["d"].value if res.rows else None  # type: ignore[attr-defined]

    # --- cases ---
    def validate(self, paths: Iterable[str | Path]) -> list[Problem]:
        """Validate case files without loading them; return every problem (empty when all are valid)."""
        problems: list[Problem] = []
        for p in paths:
            try:
                check_case(p)
            except CaseError as exc:
                problems.extend(exc.problems)
        return problems

    def load(self, paths: str | Path | Iterable[str | Path], *, reason: bool = True, workers: int | None = None,
             progress: Progress | None = None, on_problem: Callable[[Problem], None] | None = None,
             dask: object = None) -> list[str]:
        """Validate case files (folders: their case files) and load them all in one batch, or none.

        Every case is validated before anything is written (CaseError lists every problem); loading a
        case again replaces it. Memory stays bounded whatever the number of files (see spinekg.loading).
        workers: processes for validation and reasoning (default: one per core); dask: a Dask scheduler
        address or distributed.Client to reason on instead (spinekg.reasoning.dask_driver). Returns the ids.
        """
        from .case_files import CaseFilesError, expand
        from .loading import load_files

        try:
            files = expand([paths] if isinstance(paths, (str, Path)) else paths)
        except CaseFilesError as exc:
            raise CaseError([exc.problem]) from None
        return load_files(self, files, reason=reason, workers=workers, progress=progress, on_problem=on_problem,
                          dask=dask).ids

    def load_text(self, text: str, suffix: str, *, label: str = "<text>", reason: bool = True) -> str:
        """Validate one case given as text (suffix ".yaml", ".json" or ".ttl" says how to read it) and
        load it as `load` does a file: atomically, replacing a case with the same id. Returns its id.
        """
        return self.load_cases([check_case_text(text, suffix, label)], reason=reason)[0]

    def load_cases(self, loaded: list[LoadedCase], *, reason: bool = True, dask: object = None) -> list[str]:
        """Store already-validated cases in one batch (asserted graphs replaced, inferred ones rebuilt).

        A case loaded again keeps the pretest setting stored with it (see `reason`). dask: a Dask scheduler
        address (or distributed.Client) to reason on (spinekg.reasoning.dask_driver).
        """
        from .loading import load_loaded

        return load_loaded(self, loaded, reason=reason, dask=dask).ids

    def delete(self, case_id: str) -> bool:
        """Remove a case (asserted and inferred graphs); return whether it existed."""
        existed = self.store.has_graph(case_graph(case_id))
        self.store.drop_graphs([case_graph(case_id), inferred_graph(case_id), settings_graph(case_id)])
        return existed

    def case_ids(self) -> list[str]:
        res = self.sparql("SELECT ?id WHERE { ?c a skg:Case ; skg:caseId ?id } ORDER BY ?id")
        return res.values("id")

    def cases(self) -> list[dict[str, object]]:
        """One summary row per case: id, title, constructed, number of implants and findings."""
        q = """
        SELECT ?id ?title ?constructed (COUNT(DISTINCT ?im) AS ?implants) (COUNT(DISTINCT ?f) AS ?findings)
        WHERE { ?c a skg:Case ; skg:caseId ?id .
                OPTIONAL { ?c dcterms:title ?title } OPTIONAL { ?c skg:constructedExample ?constructed }
                OPTIONAL { ?c skg:hasImplant ?im } OPTIONAL { ?c skg:hasFinding ?f } }
        GROUP BY ?id ?title ?constructed ORDER BY ?id"""
        out = []
        for r in self.sparql(q).rows:
            out.append({"id": term_value(r["id"]), "title": term_value(r["title"]) if "title" in r else "",
                        "constructed": r.get("constructed") is not None and term_value(r["constructed"]) == "true",
                        "implants": int(term_value(r["implants"])), "findings": int(term_value(r["findings"]))})
        return out

    def case_graph(self, case_id: str, *, inferred: bool = False) -> Graph:
        """A case's asserted (or inferred) facts as an rdflib Graph."""
        return self.store.graph(inferred_graph(case_id) if inferred else case_graph(case_id))

    def has_case(self, case_id: str) -> bool:
        return self.store.has_graph(case_graph(case_id))

    # --- queries ---
    def sparql(self, query: str, *, bindings: Mapping[str, object] | None = None) -> QueryResult:
        """Run SPARQL over the union of all graphs; bindings are typed RDF terms (pyoxigraph terms).

        Bindings go into a VALUES block at the start of the outermost WHERE group, so FILTERs see them.
        """
        if bindings:
            from .sparql import SparqlError, insert_values

            try:
                query = insert_values(query, list(bindings), [str(t) for t in bindings.values()])
            except SparqlError as exc:
                raise StoreError(str(exc)) from None
        result = self.store.query(query)
        return result if isinstance(result, QueryResult) else QueryResult.from_oxigraph(result)

    def query(self, name: str, params: dict[str, object] | None = None) -> QueryResult:
        """Run a named query from the library with its parameters bound as typed RDF terms."""
        from .queries import get_query

        q = get_query(name)
        return self.sparql(q.bind({k: str(v) for k, v in (params or {}).items()}))

    # --- reasoning ---
    def pretests(self) -> dict[str, float]:
        """The pretest probabilities users set for cases ({case id: probability}; others use the defaults)."""
        res = self.sparql("""SELECT ?id ?p WHERE { GRAPH ?g { ?c skg:usesPretestSetting ?s . ?s skg:probability ?p }
                             ?c skg:caseId ?id }""")
        return {term_value(r["id"]): float(term_value(r["p"])) for r in res.rows}

    def pretest_bases(self) -> dict[str, str]:
        """The pretest bases users chose for cases ({case id: 'per-screw' or 'per-patient'})."""
        from .reasoning.engine import PRETEST_BASES

        names = {str(SKG[v]): k for k, v in PRETEST_BASES.items()}
        res = self.sparql("SELECT ?id ?b WHERE { GRAPH ?g { ?c skg:usesPretestBasis ?b } ?c skg:caseId ?id }")
        return {term_value(r["id"]): names[term_value(r["b"])] for r in res.rows if term_value(r["b"]) in names}

    def reason(self, case_id: str | None = None, *, pretest: float | None = None,
               pretest_basis: str | None = None, default_pretest: bool = False, workers: int | None = None,
               progress: Progress | None = None, dask: object = None) -> list[str]:
        """Re-derive the inferred graph of one case (or all, in one batch); return the ids reasoned.

        pretest: the pretest probability of screw loosening to use for these cases instead of the
        default; pretest_basis: "per-patient" to use the per-patient prevalence instead of the
        per-screw default ("per-screw"). Both are stored with each case and kept (through later
        reasoning and reloading) until changed; default_pretest goes back to the defaults.
        dask: a Dask scheduler address (or distributed.Client): the cases are reasoned on its workers.
        """
        return self.reason_outcome(case_id, pretest=pretest, pretest_basis=pretest_basis,
                                   default_pretest=default_pretest, workers=workers, progress=progress,
                                   dask=dask).ids

    def reason_outcome(self, case_id: str | None = None, *, pretest: float | None = None,
                       pretest_basis: str | None = None, default_pretest: bool = False,
                       workers: int | None = None, progress: Progress | None = None,
                       dask: object = None) -> Outcome:
        """As `reason`, with how many cases drew each kind of conclusion."""
        from .loading import reason_stored
        from .reasoning.engine import check_pretest, check_pretest_basis

        check_pretest(pretest)
        check_pretest_basis(pretest_basis)
        if default_pretest and (pretest is not None or pretest_basis is not None):
            raise ValueError("give a pretest probability or basis, or ask for the defaults, not both")
        ids = [case_id] if case_id else self.case_ids()
        for cid in ids:
            if not self.has_case(cid):
                raise StoreError(f"no case '{cid}' in the store")
        settings: Callable[[str], tuple[float | None, str | None]] | None = None
        if default_pretest:
            settings = lambda cid: (None, None)  # noqa: E731
        elif pretest is not None or pretest_basis is not None:
            pretests, bases = self.pretests(), self.pretest_bases()
            settings = lambda cid: (pretest if pretest is not None else pretests.get(cid),  # noqa: E731
                                    pretest_basis or bases.get(cid))
        return reason_stored(self, ids, workers=workers, progress=progress, settings=settings, dask=dask)

