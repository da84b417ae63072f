"""Batches: many named graphs written chunk by chunk and committed in one step (or not at all).

`Store.batch()` gives one. A batch gathers the graphs it is given while they are few; past `spill`
triples an on-disk embedded store stages them on disk for a new database (see generations.py) that
readers do not see until `commit` makes it current, so memory stays bounded whatever the batch size. `abort`, an exception in the
`with` block, or a killed process leaves the store as it was.
"""
from __future__ import annotations

import gc
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from . import generations
from .errors import StoreError

if TYPE_CHECKING:  # pragma: no cover
    from .embedded import EmbeddedStore

Graphs = Mapping[str, str | None]

# Triples gathered in memory before an on-disk batch is staged on disk (below it, one transaction).
SPILL = 100_000


class BatchError(StoreError):
    """A batch was used after it ended."""


class Batch:
    """Graphs gathered in memory and written with one `replace_graphs` at commit (any store)."""

    def __init__(self, store: object):
        self.store = store
        self.graphs: dict[str, str | None] = {}
        self.open = True

    def write(self, graphs: Graphs) -> None:
        """Add these graphs to the batch (N-Triples text; None drops the graph); a later write wins."""
        self._check()
        self.graphs.update(graphs)

    def commit(self) -> None:
        """Make every graph of the batch visible, in one step."""
        self._check()
        self.open = False
        if self.graphs:
            self.store.replace_graphs(self.graphs)  # type: ignore[attr-defined]
        self.graphs = {}

    def abort(self) -> None:
        """Forget the batch; the store stays as it was."""
        self.open = False
        self.graphs = {}

    def _check(self) -> None:
        if not self.open:
            raise BatchError("this batch was already committed or aborted")

    def __enter__(self) -> Batch:
        return self

    def __exit__(self, kind: object, *rest: object) -> None:
        if not self.open:
            return
        if kind is None:
            self.commit()
        else:
            self.abort()


class EmbeddedBatch(Batch):
    """A batch on an embedded store: in memory while small, then (on disk) in a staged database.

    Staged, the batch writes into a copy of the store (hard links) that nobody reads: each graph it
    replaces is removed there and its triples, parsed strictly, are added with pyoxigraph's bulk
    loader (no transaction, so memory stays flat); the commit makes that database current.
    """

    def __init__(self, store: EmbeddedStore, spill: int = SPILL):
        super().__init__(store)
        self.embedded = store
        self.spill = spill
        self.gathered = 0
        self.staged: ox.Store | None = None
        self.staged_path: Path | None = None

    def write(self, graphs: Graphs) -> None:
        self._check()
        if self.staged is None:
            self.graphs.update(graphs)
            self.gathered += sum(text.count("\n") for text in graphs.values() if text)
            if self.gathered > self.spill and self.embedded.path is not None:
                self._stage()
            return
        self._write_staged(graphs)

    def commit(self) -> None:
        if self.staged is None:
            super().commit()
            return
        self._check()
        self.open = False
        path = self.staged_path
        assert path is not None
        try:
            self.staged.flush()
        except BaseException:
            self.abort()
            raise
        self.staged = None
        gc.collect()  # closes the staged database (its lock goes with the last reference)
        self.embedded.switch_to(path)

    def abort(self) -> None:
        super().abort()
        if self.staged is not None:
            self.staged = None
            gc.collect()
        if self.staged_path is not None:
            generations.remove((self.staged_path,))
            self.staged_path = None

    def _stage(self) -> None:
        """Copy the store into a new database (hard links) and move the gathered graphs into it."""
        self.staged_path = self.embedded.new_generation()
        self.staged = ox.Store(str(self.staged_path))
        gathered, self.graphs = self.graphs, {}
        self._write_staged(gathered)

    def _write_staged(self, graphs: Graphs) -> None:
        from .embedded import graph_node, one_line

        staged = self.staged
        assert staged is not None
        targets = [(graph_node(name), name, text) for name, text in graphs.items()]
        for target, _, _ in targets:
            if staged.contains_named_graph(target):
                staged.remove_graph(target)

        def quads() -> Iterator[ox.Quad]:
            for target, name, text in targets:
                if text:
                    try:
                        for q in ox.parse(text.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES):
                            yield ox.Quad(q.subject, q.predicate, q.object, target)
                    except SyntaxError as exc:  # the staged database is dropped with the batch
                        raise StoreError(f"refused to write graph <{name}>: invalid RDF ({one_line(exc)})") from None

        try:
            staged.bulk_extend(quads())
        except BaseException:
            staged = None  # the traceback must not keep the staged database open: abort removes it
            raise
