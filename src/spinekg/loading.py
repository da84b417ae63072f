"""Loading and reasoning many cases in bounded memory, all or nothing.

Loading: every case is validated first, in worker processes, file by file (a .jsonl file line by
line); problems are reported as they are found and nothing is written if there is any. The valid
cases wait in a spool file on disk, not in memory. Then they are reasoned chunk by chunk (the engine's
drivers) and written into one store batch (store/batch.py), which readers do not see until it is
committed in one step; a stop at any moment leaves the store as it was.

Memory: the spool, the chunks and the staged database are on disk; what stays in memory is one chunk
per process (`CHUNK` cases, each with its graphs), the ids of the batch's cases (to find duplicates:
about 150 bytes a case) and the problems found.
"""
from __future__ import annotations

import json
import os
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING

from .cases import CaseError, LoadedCase, Problem
from .progress import Progress, Silent
from .vocab import case_graph, inferred_graph, settings_graph

if TYPE_CHECKING:  # pragma: no cover
    from .api import KnowledgeGraph

CHUNK = 250  # cases reasoned and written together (a worker reasoning 250 cases holds about 320 MB)
Setting = Callable[[str], "tuple[float | None, str | None]"]  # case id -> (pretest, pretest basis)
VALIDATED, REASONED, WRITTEN = "validated", "reasoned", "written"


@dataclass
class Outcome:
    """What a load or a reasoning run did: the case ids, and how many conclusions of each kind it drew."""

    ids: list[str] = field(default_factory=list)
    conclusions: Counter[str] = field(default_factory=Counter)


class Spool:
    """Valid cases waiting on disk to be reasoned and written: one JSON line per case."""

    def __init__(self, folder: Path | None = None):
        self._file: IO[str] = tempfile.TemporaryFile("w+", encoding="utf-8", dir=folder,  # noqa: SIM115
                                                     prefix=".spinekg-spool-")
        self.count = 0

    def add(self, case_id: str, ntriples: str) -> None:
        self._file.write(json.dumps([case_id, ntriples]) + "\n")
        self.count += 1

    def chunks(self, size: int = CHUNK) -> Iterator[list[tuple[str, str]]]:
        """The spooled cases, in order, `size` at a time as (case id, asserted N-Triples)."""
        self._file.seek(0)
        chunk: list[tuple[str, str]] = []
        for line in self._file:
            case_id, nt = json.loads(line)
            chunk.append((case_id, nt))
            if len(chunk) >= size:
                yield chunk
                chunk = []
        if chunk:
            yield chunk

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> Spool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def validate_into(spool: Spool, files: Iterable[Path], *, workers: int | None = None,
                  progress: Progress | None = None,
                  on_problem: Callable[[Problem], None] | None = None) -> list[Problem]:
    """Validate every case in the files into the spool; return the problems (duplicate ids too)."""
    from .case_files import checked

    progress = progress or Silent()
    seen: dict[str, str] = {}
    problems: list[Problem] = []

    def problem(p: Problem) -> None:
        problems.append(p)
        if on_problem is not None:
            on_problem(p)

    progress.start(VALIDATED, None)
    for item in checked(files, workers=workers):
        progress.advance(VALIDATED)
        if isinstance(item, CaseError):
            for p in item.problems:
                problem(p)
        elif item.case_id in seen:
            problem(Problem(item.source, "id", f"case id '{item.case_id}' is also used by {seen[item.case_id]}"))
        else:
            seen[item.case_id] = item.source
            if not problems:  # once one case is invalid nothing is loaded: stop spooling
                spool.add(item.case_id, item.ntriples)
    progress.finish(VALIDATED)
    return problems


def load_files(kg: KnowledgeGraph, files: Iterable[Path], *, reason: bool = True, workers: int | None = None,
               progress: Progress | None = None, on_problem: Callable[[Problem], None] | None = None,
               dask: object = None) -> Outcome:
    """Validate the files' cases, then reason and store them all in one batch (see the module's text).

    Raises CaseError with every problem, and writes nothing, if any case is invalid.
    """
    with Spool(_spool_folder(kg)) as spool:
        problems = validate_into(spool, files, workers=workers, progress=progress, on_problem=on_problem)
        if problems:
            raise CaseError(problems)
        return store_cases(kg, spool.chunks(), reason=reason, workers=workers, progress=progress,
                           total=spool.count, dask=dask)


def load_loaded(kg: KnowledgeGraph, loaded: list[LoadedCase], *, reason: bool = True,
                progress: Progress | None = None, dask: object = None) -> Outcome:
    """Store already-validated cases in one batch (reasoned unless told not to)."""
    chunks = (_slice(loaded, i) for i in range(0, len(loaded), CHUNK))
    return store_cases(kg, chunks, reason=reason, progress=progress, total=len(loaded), dask=dask)


def reason_stored(kg: KnowledgeGraph, ids: list[str], *, workers: int | None = None,
                  progress: Progress | None = None, settings: Setting | None = None, dask: object = None) -> Outcome:
    """Reason again the stored cases with these ids, in one batch.

    settings: the (pretest, basis) each case is to use from now on, stored with it (None: keep what is
    stored).
    """
    def chunks() -> Iterator[list[tuple[str, str]]]:
        for start in range(0, len(ids), CHUNK):
            yield [(cid, kg.store.graph_nt(case_graph(cid))) for cid in ids[start:start + CHUNK]]

    return store_cases(kg, chunks(), workers=workers, progress=progress, total=len(ids), asserted=False,
                       settings=settings, dask=dask)


def store_cases(kg: KnowledgeGraph, chunks: Iterable[list[tuple[str, str]]], *, reason: bool = True,
                workers: int | None = None, progress: Progress | None = None, total: int | None = None,
                asserted: bool = True, settings: Setting | None = None, dask: object = None) -> Outcome:
    """Reason chunks of (case id, asserted N-Triples) and write them in one batch.

    asserted: write the asserted graphs too (a load) or only the inferred ones (reasoning again);
    settings: the (pretest, basis) each case is to use, stored with it (None: what is stored);
    dask: a Dask scheduler address or distributed.Client to reason on (chunks come back in any order).
    """
    from .report import conclusion_kinds

    progress = progress or Silent()
    outcome = Outcome()
    chunks = _regrouped(chunks)
    with kg.store.batch() as batch:
        if reason:
            progress.start(REASONED, total)
        progress.start(WRITTEN, total)
        results: Iterable[tuple[list[tuple[str, str]], dict[str, str] | None]] = (
            _reasoned(kg, chunks, workers, settings, dask) if reason else ((chunk, None) for chunk in chunks))
        for chunk, inferred in results:
            graphs: dict[str, str | None] = {}
            for case_id, nt in chunk:
                if asserted:
                    graphs[case_graph(case_id)] = nt
                graphs[inferred_graph(case_id)] = inferred.get(case_id) if inferred is not None else None
                if settings is not None:
                    graphs[settings_graph(case_id)] = _settings_text(case_id, *settings(case_id))
                outcome.ids.append(case_id)
            if inferred is not None:
                progress.advance(REASONED, len(chunk))
                for text in inferred.values():
                    outcome.conclusions.update(conclusion_kinds(text))
            batch.write(graphs)
            progress.advance(WRITTEN, len(chunk))
        if reason:
            progress.finish(REASONED)
    progress.finish(WRITTEN)
    return outcome


def _reasoned(kg: KnowledgeGraph, chunks: Iterable[list[tuple[str, str]]], workers: int | None,
              settings: Setting | None, dask: object = None
              ) -> Iterator[tuple[list[tuple[str, str]], dict[str, str]]]:
    """Each chunk with its cases' inferred graphs, reasoned in worker processes when there are many
    (in order), or on a Dask cluster (in the order the chunks come back)."""
    from .reasoning import CaseInput
    from .reasoning.drivers import reason_chunks

    if settings is None:
        pretests, bases = kg.pretests(), kg.pretest_bases()

        def settings(cid: str) -> tuple[float | None, str | None]:
            return pretests.get(cid), bases.get(cid)

    if dask is not None:
        from .reasoning.dask_driver import reason_chunk_lists

        lists = ([CaseInput(cid, nt, *settings(cid)) for cid, nt in chunk] for chunk in chunks)
        for inputs, result in reason_chunk_lists(lists, dask=dask, with_inputs=True):
            yield [(c.case_id, c.ntriples) for c in inputs], result  # type: ignore[misc]
        return
    held: list[list[tuple[str, str]]] = []

    def inputs() -> Iterator[CaseInput]:
        for chunk in chunks:
            held.append(chunk)
            for cid, nt in chunk:
                yield CaseInput(cid, nt, *settings(cid))

    for result in reason_chunks(inputs(), workers=workers, chunk_size=CHUNK):
        yield held.pop(0), result  # type: ignore[misc]


def _settings_text(case_id: str, pretest: float | None, basis: str | None) -> str | None:
    from .reasoning.engine import setting_triples

    triples = setting_triples(case_id, pretest, basis)
    return "".join(f"{s} {p} {o} .\n" for s, p, o in triples) or None


def _regrouped(chunks: Iterable[list[tuple[str, str]]]) -> Iterator[list[tuple[str, str]]]:
    """The same cases in chunks of exactly CHUNK (the last may be smaller), as the drivers chunk them."""
    out: list[tuple[str, str]] = []
    for chunk in chunks:
        for case in chunk:
            out.append(case)
            if len(out) == CHUNK:
                yield out
                out = []
    if out:
        yield out


def _slice(loaded: list[LoadedCase], start: int) -> list[tuple[str, str]]:
    return [(lc.case_id, lc.ntriples) for lc in loaded[start:start + CHUNK]]


def _spool_folder(kg: KnowledgeGraph) -> Path | None:
    """Beside an on-disk store (the same disk), else the system's temporary folder."""
    path = getattr(kg.store, "path", None)
    return Path(path) if path is not None and os.access(path, os.W_OK) else None
