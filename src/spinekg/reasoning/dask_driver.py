"""The Dask driver: chunks of cases reasoned on the workers of a dask.distributed cluster.

Cases reason independently (a case's inferred graph never depends on the others of its chunk), so
the batch engine scales out by sending chunks to Dask workers: each worker process keeps its
``Engine`` (one per thread reasoning at once; built when the worker plugin is set up, so the static
graphs are parsed and the rules compiled once per worker, not per chunk), reasons each chunk it is
given and sends back ``{case id: inferred N-Triples}``. The client keeps at most ``in_flight`` chunks submitted at a time,
pulling the next chunk from its input only when one comes back, so memory stays bounded whatever
the number of cases; results are yielded as they complete (not in input order).

A worker that dies mid-chunk loses nothing: its chunk is still held by the scheduler, which runs it
again on another worker (``distributed``'s own rescheduling); a chunk whose workers die
``distributed.scheduler.allowed-failures`` times (default 3) is given up with a ``WorkerFailed``
naming its cases. A case the engine cannot reason fails its chunk with ``WorkerFailed`` naming that
case (the worker tries the chunk's cases one by one to find it); such errors are not retried.

Every worker must run the same spinekg (code, ontology, rules) as the client: each result carries
the worker's package fingerprint and a different one stops the run (``WorkerMismatch``).

The ways in:

* ``reason_chunks(cases, dask=ADDRESS)``: the same shape as ``drivers.reason_chunks`` (cases in,
  one ``{case id: N-Triples}`` per chunk out), to plug into a loader; ``driver(ADDRESS)`` gives it
  with the address bound. ``reason_cases(cases, dask=ADDRESS)`` collects them in a dict.
* ``reason_chunk_lists(chunks, dask=ADDRESS, with_inputs=True)``: each chunk back with its result,
  in completion order: ``spinekg.loading`` writes them into one store batch, so that
  ``KnowledgeGraph.load/reason(..., dask=ADDRESS)`` and ``spinekg load/reason --dask ADDRESS`` stay
  all or nothing and in bounded memory.
* ``NQuadsSink(folder)`` as the ``sink``: the workers write each chunk's graphs as N-Quads files for a
  bulk loader, the hand-off past what one store writer takes (bench/README.md, "Beyond one machine").

``dask`` is a scheduler address (``tcp://host:8786``, or ``host:8786``) or a connected
``distributed.Client``. The ``dask`` extra installs what this needs: ``pip install 'spinekg[dask]'``.
"""
from __future__ import annotations

import hashlib
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import CancelledError
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import SpinekgError
from ..parallel import batched
from .engine import CaseInput, Engine, Stats

if TYPE_CHECKING:  # pragma: no cover
    from ..api import KnowledgeGraph

try:  # an optional dependency: without it, the driver says which extra to install when used
    from distributed import WorkerPlugin as _PluginBase
except ImportError:  # pragma: no cover - exercised through _import_distributed's test
    _PluginBase = object  # type: ignore[assignment,misc]

DASK_CHUNK = 250          # cases a task: ~1 s of work; the per-chunk workspace costs ~20 ms
DEFAULT_TIMEOUT = 10.0    # seconds to reach the scheduler, and for it to have a worker
PLUGIN_NAME = "spinekg-engine"
INSTALL_HINT = "install the 'dask' extra: pip install 'spinekg[dask]'"


class DaskError(SpinekgError):
    """The Dask driver could not reason the cases (base class of the errors below)."""


class DaskNotInstalled(DaskError, ImportError):
    """dask.distributed is not installed in this environment."""


class SchedulerUnreachable(DaskError):
    """The Dask scheduler cannot be reached, has no workers, or was lost mid-run."""


class WorkerFailed(DaskError, RuntimeError):
    """A chunk failed on a worker: a case the engine cannot reason, or workers that kept dying."""

    def __init__(self, message: str, case_id: str | None = None):
        super().__init__(message)
        self.case_id = case_id

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (str(self), self.case_id))


class WorkerMismatch(DaskError):
    """A worker runs another spinekg (code, ontology or rules) than the client."""


# ----------------------------------------------------------------------------------------------
# On the workers
# ----------------------------------------------------------------------------------------------
_free: list[Engine] = []   # this worker process's engines not in use (one per thread that reasons)
_free_lock = threading.Lock()


@contextmanager
def _engine() -> Iterator[Engine]:
    """An engine of this worker process for one chunk (built when none is free; kept for the worker's life)."""
    with _free_lock:
        engine = _free.pop() if _free else None
    if engine is None:
        engine = Engine()
    try:
        yield engine
    finally:
        with _free_lock:
            _free.append(engine)


_fingerprint_cache: list[str] = []


def package_fingerprint() -> str:
    """A digest of the installed spinekg package (code, ontology, rules, kb): equal on client and workers."""
    if not _fingerprint_cache:
        import spinekg

        root = Path(spinekg.__file__).parent
        h = hashlib.sha256()
        for f in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts
                        and p.suffix not in (".pyc", ".pyo")):
            h.update(str(f.relative_to(root)).encode() + b"\0" + f.read_bytes() + b"\0")
        _fingerprint_cache.append(f"spinekg {spinekg.__version__} {h.hexdigest()[:16]}")
    return _fingerprint_cache[0]


class EnginePlugin(_PluginBase):
    """A Dask worker plugin: builds the worker's engine when the worker starts (or when registered)."""

    name = PLUGIN_NAME
    idempotent = True  # registering again (every run) does not set the workers up again

    def setup(self, worker: Any = None) -> None:
        package_fingerprint()
        with _engine():
            pass


def _run_chunk(chunk: list[CaseInput], sink: Callable[[dict[str, str]], object] | None
               ) -> tuple[str, str, Any, Any]:
    """Reason one chunk on a worker: ("ok", fingerprint, result, stats) or ("error", fingerprint, case
    id or None, message). A failing chunk is reasoned case by case to name the case that fails."""
    fp = package_fingerprint()
    st = Stats()
    with _engine() as engine:
        try:
            result = engine.reason(chunk, stats=st)
        except Exception as exc:
            for case in chunk:
                try:
                    engine.reason([case])
                except Exception as one:
                    return "error", fp, case.case_id, f"{type(one).__name__}: {one}"
            return "error", fp, None, f"{type(exc).__name__}: {exc}"
    if sink is not None:
        try:
            return "ok", fp, sink(result), st
        except Exception as exc:
            return "error", fp, None, f"the sink failed: {type(exc).__name__}: {exc}"
    return "ok", fp, result, st


class NQuadsSink:
    """A sink (for reason_chunks) that writes each chunk's inferred graphs as one N-Quads file into a folder
    the workers share, for a bulk loader (Virtuoso's ld_dir + rdf_loader_run, pyoxigraph's bulk_load),
    and sends back only {case id: inferred triples written}.

    The file is named after the chunk's case ids and written under a temporary name, then renamed: a
    chunk run again (its worker died) replaces its own file, never adds a second copy.
    """

    def __init__(self, folder: str | Path):
        self.folder = str(folder)

    def __call__(self, result: dict[str, str]) -> dict[str, int]:
        import os

        from ..vocab import inferred_graph

        name = hashlib.sha256("\n".join(sorted(result)).encode("utf-8")).hexdigest()[:24]
        final = Path(self.folder) / f"inferred-{name}.nq"
        part = final.with_name(f"{final.name}.{os.getpid()}.{threading.get_ident()}.part")
        with open(part, "w", encoding="utf-8") as fh:
            for cid, nt in result.items():  # N-Triples lines end in " .\n" and nowhere else
                fh.write(nt.replace(" .\n", f" <{inferred_graph(cid)}> .\n"))
        os.replace(part, final)
        return {cid: nt.count("\n") for cid, nt in result.items()}


# ----------------------------------------------------------------------------------------------
# On the client
# ----------------------------------------------------------------------------------------------
def _import_distributed() -> Any:
    try:
        import distributed
    except ImportError as exc:
        raise DaskNotInstalled(f"the Dask driver needs dask.distributed, which is not installed ({exc}); "
                               f"{INSTALL_HINT}") from None
    return distributed


def _address(dask: Any) -> str:
    return dask if isinstance(dask, str) else str(getattr(getattr(dask, "scheduler", None), "address", dask))


def connect(address: str, timeout: float = DEFAULT_TIMEOUT) -> Any:
    """A distributed.Client on the scheduler at address, with at least one worker; SchedulerUnreachable if not."""
    distributed = _import_distributed()
    try:
        client = distributed.Client(address, timeout=timeout, set_as_default=False)
    except ValueError as exc:
        raise SchedulerUnreachable(f"'{address}' is not a Dask scheduler address ({exc}); "
                                   "give one like tcp://host:8786") from None
    except (OSError, TimeoutError) as exc:
        raise SchedulerUnreachable(f"cannot reach the Dask scheduler at {address} within {timeout:g} s ({exc})") from None
    try:
        client.wait_for_workers(1, timeout=timeout)
    except (OSError, TimeoutError):
        client.close()
        raise SchedulerUnreachable(f"the Dask scheduler at {address} has no workers (waited {timeout:g} s)") from None
    return client


def _prepare(client: Any, address: str) -> None:
    """Set every worker's engine up (now, and on workers that join later)."""
    try:
        client.register_plugin(EnginePlugin(), name=PLUGIN_NAME)
    except Exception as exc:
        raise DaskError(f"the workers of the Dask scheduler at {address} cannot run spinekg ({type(exc).__name__}: "
                        f"{exc}); every worker needs the same spinekg as this client, with the 'dask' extra") from None


def _span(chunk: Sequence[CaseInput]) -> str:
    ids = [c.case_id for c in chunk]
    return f"case {ids[0]}" if len(ids) == 1 else f"{len(ids)} cases, {ids[0]} to {ids[-1]}"


def reason_chunk_lists(chunks: Iterable[Sequence[CaseInput]], *, dask: Any, timeout: float = DEFAULT_TIMEOUT,
                       in_flight: int | None = None, sink: Callable[[dict[str, str]], object] | None = None,
                       stats: Stats | None = None, with_inputs: bool = False) -> Iterator[object]:
    """Reason chunks on the Dask cluster; yield each chunk's {case id: inferred N-Triples} as it completes
    (with_inputs: as (the chunk's CaseInputs, result)).

    At most `in_flight` chunks (default: twice the workers' threads when the run starts) are submitted at
    a time; the next chunk is taken from `chunks` only when one comes back. With `sink`, it runs on the
    worker and its return value is yielded instead. Raises DaskError subclasses (see the module's docstring).
    """
    distributed = _import_distributed()
    address = _address(dask)
    own = isinstance(dask, str)
    client = connect(dask, timeout) if own else dask
    expected = package_fingerprint()
    pending: dict[str, list[CaseInput]] = {}
    futures: Any = None
    try:
        _prepare(client, address)
        if in_flight is None:
            in_flight = max(2, 2 * sum(client.nthreads().values()))
        source = iter(chunks)
        run = uuid.uuid4().hex[:8]
        futures = distributed.as_completed(loop=client.loop)
        count = 0

        def submit_next() -> bool:
            nonlocal count
            for chunk in source:
                chunk = list(chunk)
                if not chunk:
                    continue
                count += 1
                fut = client.submit(_run_chunk, chunk, sink, key=f"spinekg-reason-{run}-{count}", pure=False)
                pending[fut.key] = chunk
                futures.add(fut)
                return True
            return False

        for _ in range(in_flight):
            if not submit_next():
                break
        for fut in futures:
            chunk = pending.pop(fut.key)
            try:
                status, fp, value, detail = fut.result()
            except distributed.KilledWorker:
                raise WorkerFailed(f"the workers running {_span(chunk)} died each time it was tried (as many times "
                                   "as distributed.scheduler.allowed-failures allows); look at the workers' logs "
                                   "(memory?)") from None
            except (OSError, TimeoutError, CancelledError) as exc:
                raise SchedulerUnreachable(f"lost the Dask scheduler at {address} while reasoning ({exc})") from None
            except Exception as exc:
                raise WorkerFailed(f"{_span(chunk)} failed on a worker: {type(exc).__name__}: {exc}") from None
            finally:
                fut.release()
            if fp != expected:
                raise WorkerMismatch(f"a worker of the Dask scheduler at {address} runs {fp}, this client {expected}: "
                                     "install the same spinekg on every worker")
            if status == "error":
                where = f"case {value}" if value is not None else _span(chunk)
                raise WorkerFailed(f"{where} failed on a Dask worker: {detail}", value)
            if stats is not None:
                stats.add(detail)
            yield (chunk, value) if with_inputs else value
            submit_next()
    finally:
        if futures is not None:
            for fut in list(futures.futures):
                fut.cancel()
        if own:
            client.close()


def reason_chunks(cases: Iterable[CaseInput], *, dask: Any, chunk_size: int = DASK_CHUNK,
                  sink: Callable[[dict[str, str]], object] | None = None, stats: Stats | None = None,
                  timeout: float = DEFAULT_TIMEOUT, in_flight: int | None = None,
                  workers: int | None = None) -> Iterator[object]:
    """drivers.reason_chunks on a Dask cluster: cases in, each chunk's {case id: N-Triples} out as it completes.

    `workers` is accepted for the same signature and ignored (the cluster has its own).
    """
    return reason_chunk_lists(batched(cases, chunk_size), dask=dask, timeout=timeout, in_flight=in_flight,
                              sink=sink, stats=stats)


def driver(dask: Any, *, timeout: float = DEFAULT_TIMEOUT, in_flight: int | None = None
           ) -> Callable[..., Iterator[object]]:
    """reason_chunks with the cluster bound: a drop-in for drivers.reason_chunks (results in completion order)."""

    def run(cases: Iterable[CaseInput], **kwargs: Any) -> Iterator[object]:
        kwargs.setdefault("timeout", timeout)
        kwargs.setdefault("in_flight", in_flight)
        return reason_chunks(cases, dask=dask, **kwargs)

    return run


def reason_cases(cases: Iterable[CaseInput], *, dask: Any, **kwargs: Any) -> dict[str, str]:
    """{case id: inferred N-Triples} for cases, reasoned on the Dask cluster (options as for reason_chunks)."""
    out: dict[str, str] = {}
    for res in reason_chunks(cases, dask=dask, **kwargs):
        out.update(res)  # type: ignore[call-overload]
    return out


__all__ = ["DASK_CHUNK", "DEFAULT_TIMEOUT", "DaskError", "DaskNotInstalled", "EnginePlugin", "NQuadsSink",
           "SchedulerUnreachable",
           "WorkerFailed", "WorkerMismatch", "connect", "driver", "package_fingerprint", "reason_cases",
           "reason_chunk_lists", "reason_chunks"]
