"""Query worker processes for an on-disk store: queries that can be stopped, and cheap ones never starved.

Every read request (SPARQL queries, named queries, Graph Store reads) and the parse check of updates
runs in a worker process (worker.py), not in the server. The rules:

- `workers` processes serve requests; a request waits in line for a free one (at most `queue` wait, and
  at most half of them from one client address); only when the line is full is a request refused, with
  503 and ``Retry-After``. Clients take turns (round robin over client addresses, first come, first
  served for each), so one client's burst does not hold up the others. The wait counts toward the
  request's time limit.
- A query that runs longer than `timeout` is stopped by killing its worker (its CPU and memory are freed
  at once) and answered 503; a worker whose resident memory passes `memory_mb` is killed the same way.
  A killed worker is replaced.
- Cheap queries are not starved by expensive ones: a query that has run for `long_after` seconds is
  "long": its worker's CPU priority is lowered (nice 19), and a spare worker (`max_long` are kept started) takes its place at once, so that `workers`
  processes stay for the others. At most `max_long` long queries run at once; a query that becomes long beyond that is stopped
  with 503 and ``Retry-After``. A query text that was stopped for running long is remembered: sent again,
  it goes straight to the long lane on a spare worker (refused at once while `max_long` others run), so
  repeating an expensive query does not take the workers of cheap ones. At most ``workers + 2 * max_long`` processes.

Workers read a snapshot of the store (pyoxigraph's `backup`: a RocksDB checkpoint of hard links, taken
in milliseconds), opened read-only. Writes go to the server's own store; `invalidate()` after a write
makes the next request take a fresh snapshot, so a query always sees every write answered before it.
Snapshots live in a folder beside the store and are removed once no worker reads them.
"""
from __future__ import annotations

import asyncio
import collections
import contextlib
import logging
import os
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from .execution import HttpError, Outcome

log = logging.getLogger("spinekg.server")

SNAPSHOT_PREFIX = ".spinekg-snapshots-"
_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


@dataclass(eq=False)
class Worker:
    """One worker process and the pipes to it."""

    proc: subprocess.Popen
    send: Connection
    recv: Connection
    snapshot: str | None = None
    long: bool = False
    killed: str | None = None  # why the server killed it: "timeout", "memory", "long", "cancelled"
    job_key: int | None = None  # the job it runs (a hash), remembered if the job runs long
    started: float = field(default_factory=time.monotonic)

    @property
    def alive(self) -> bool:
        """Running, and not killed or retired by the server."""
        return self.killed is None and self.proc.poll() is None

    def kill(self, reason: str) -> None:
        """Stop the process at once (SIGKILL), noting why."""
        if self.killed is None:
            self.killed = reason
        with contextlib.suppress(ProcessLookupError, OSError):
            self.proc.kill()

    def rss(self) -> int:
        """Resident memory in bytes (0 if it cannot be read)."""
        try:
            with open(f"/proc/{self.proc.pid}/statm", "rb") as f:
                return int(f.read().split()[1]) * _PAGE
        except (OSError, ValueError, IndexError):
            return 0


class WorkerPool:
    """Worker processes over snapshots of an on-disk store (see the module's docstring)."""

    def __init__(self, store: ox.Store, store_path: Path, *, workers: int = 2, max_long: int = 2,
                 long_after: float = 1.0, timeout: float = 30.0, queue: int = 256, memory_mb: int = 1024):
        self.store = store
        self.size = workers
        self.max_long = max_long
        self.long_after = long_after
        self.timeout = timeout
        self.queue_capacity = queue
        self.memory_limit = memory_mb * 1024 * 1024
        self.memory_mb = memory_mb
        self.generation = 0
        self._snapshot: tuple[int, str] | None = None
        self._snapshot_lock: asyncio.Lock | None = None
        self._snapshots: list[str] = []
        self.folder = Path(store_path).resolve().parent / f"{SNAPSHOT_PREFIX}{os.getpid()}"
        self.idle: collections.deque[Worker] = collections.deque()
        self.spares: list[Worker] = []  # started, waiting to replace workers whose queries became long
        self.known_long: collections.OrderedDict[int, float] = collections.OrderedDict()  # hash(job) -> when
        self.workers: set[Worker] = set()  # live or starting, not retired
        self.starting = 0
        # clients in turn, each with its requests in line
        self.waiters: collections.OrderedDict[str, collections.deque[asyncio.Future[Worker]]] = \
            collections.OrderedDict()
        self.counts: collections.Counter[str] = collections.Counter()  # answered, timeout, memory, long, refused
        self._closed = False
        self._monitor: threading.Thread | None = None
        self._busy: set[Worker] = set()
        remove_stale_snapshots(self.folder.parent)
        self.folder.mkdir(parents=True, exist_ok=True)

    # --- life cycle ---
    async def start(self) -> None:
        """Start the workers (called once the event loop runs)."""
        self._snapshot_lock = asyncio.Lock()
        await asyncio.gather(*(self._spawn() for _ in range(self.size + self.max_long)))
        self._monitor = threading.Thread(target=self._watch_memory, name="spinekg-memory", daemon=True)
        self._monitor.start()

    def close(self) -> None:
        """Stop every worker and remove the snapshots."""
        self._closed = True
        for w in list(self.workers) + self.spares:
            w.kill("closed")
            with contextlib.suppress(subprocess.TimeoutExpired):
                w.proc.wait(timeout=5)
        self.workers.clear()
        self.idle.clear()
        shutil.rmtree(self.folder, ignore_errors=True)

    def invalidate(self) -> None:
        """The store changed: the next request reads a new snapshot."""
        self.generation += 1

    def stats(self) -> dict[str, Any]:
        """Workers, requests waiting, and counts of answers, stops and refusals (shown by /info)."""
        return {"workers": len(self.workers), "idle": len(self.idle), "waiting": self.waiting(),
                "long": sum(1 for w in self.workers if w.long), **self.counts}

    # --- running a job ---
    def waiting(self) -> int:
        """Requests waiting in line for a worker."""
        return sum(len(line) for line in self.waiters.values())

    async def run(self, job: tuple, *, timeout: float | bool | None = True, what: str = "query",
                  client: str = "-") -> Outcome | None:
        """Run a job (worker.py) in a worker; HttpError for its errors, a timeout, or a full line."""
        limit = self.timeout if timeout is True else timeout
        loop = asyncio.get_running_loop()
        deadline = None if limit is None else loop.time() + limit
        key = hash(job)
        if key in self.known_long:  # it ran long before: it goes to the long lane at once, on a spare
            self.spares = [w for w in self.spares if w.alive]
            if self._long_running() >= self.max_long or not self.spares:
                self.counts["long"] += 1
                raise HttpError(503, f"the server is busy with long queries (at most {self.max_long} at once), "
                                     f"and this {what} ran long before: try again shortly", {"Retry-After": "5"})
            self.known_long.move_to_end(key)
            worker = self.spares.pop()
            self.workers.add(worker)
            worker.job_key = key
            self._make_long(worker)
            self._top_up()
        else:
            worker = await self._acquire(deadline, what, client)
            worker.job_key = key
        try:
            snapshot = await self._current_snapshot() if job[0] in ("query", "graph") else None
            worker.snapshot = snapshot or worker.snapshot
            reply = await self._exchange(worker, (snapshot, job), deadline, limit, what)
        finally:
            self._release(worker)
        if reply[0] == "ok":
            self.counts["answered"] += 1
            return reply[1]
        _, status, message, headers = reply
        raise HttpError(status, message, headers)

    async def _exchange(self, worker: Worker, message: tuple, deadline: float | None, limit: float | None,
                        what: str) -> tuple:
        loop = asyncio.get_running_loop()
        done: asyncio.Future[tuple] = loop.create_future()
        fd = worker.recv.fileno()

        def readable() -> None:  # the reply (or the end of a killed worker's pipe) is there
            loop.remove_reader(fd)
            try:
                reply = worker.recv.recv()
            except (EOFError, OSError):
                reply = ("died",)
            if not done.done():
                done.set_result(reply)

        try:
            worker.send.send(message)
        except (OSError, BrokenPipeError):
            done.set_result(("died",))
        else:
            loop.add_reader(fd, readable)
        self._busy.add(worker)
        long_timer = loop.call_later(self.long_after, self._became_long, worker)
        try:
            if deadline is None:
                reply = await done
            else:
                reply = await asyncio.wait_for(asyncio.shield(done), max(0.0, deadline - loop.time()))
        except TimeoutError:
            worker.kill("timeout")
            self._remember_long(worker.job_key)
            self.counts["timeout"] += 1
            raise HttpError(503, f"the {what} took longer than the {limit:g}-second limit and was stopped "
                                 "(the server's --timeout); narrow it down, e.g. with LIMIT or more specific "
                                 "patterns") from None
        except asyncio.CancelledError:  # the client went away: stop its work
            worker.kill("cancelled")
            raise
        finally:
            long_timer.cancel()
            self._busy.discard(worker)
            if not done.done():
                loop.remove_reader(fd)
        if reply[0] != "died":
            return reply
        why = worker.killed or "crashed"
        if why == "memory":
            self.counts["memory"] += 1
            return ("error", 503, f"the {what} used more than the {self.memory_mb} MB memory limit and was "
                                  "stopped (the server's --query-memory); narrow it down", {"Retry-After": "5"})
        if why == "long":
            self.counts["long"] += 1
            busy = (f"the server is busy with {self.max_long} long queries" if self.max_long
                    else "this server runs no long queries (--max-long 0)")
            return ("error", 503, f"{busy}; this {what} ran longer than {self.long_after:g} s and was stopped: "
                                  "try again shortly", {"Retry-After": "5"})
        log.warning("a query worker ended unexpectedly (exit code %s)", worker.proc.poll())
        return ("error", 503, f"the {what} failed: its worker process ended (most likely at its memory limit, "
                              "the server's --query-memory); narrow it down", {"Retry-After": "5"})

    def _long_running(self) -> int:
        return sum(1 for w in self.workers if w.long and w.alive)

    def _became_long(self, worker: Worker) -> None:
        if not worker.alive or worker.long:
            return
        self._remember_long(worker.job_key)
        if self._long_running() >= self.max_long:
            worker.kill("long")
            return
        self._make_long(worker)
        self.spares = [w for w in self.spares if w.alive]
        if self.spares:  # takes its place among the short workers at once
            spare = self.spares.pop()
            self.workers.add(spare)
            self._hand_over(spare)
        self._top_up()

    def _make_long(self, worker: Worker) -> None:
        """Mark a worker's query long and lower its CPU priority, so that short queries come first."""
        worker.long = True
        with contextlib.suppress(OSError):
            os.setpriority(os.PRIO_PROCESS, worker.proc.pid, 19)

    def _remember_long(self, key: int | None) -> None:
        if key is None:
            return
        self.known_long[key] = time.monotonic()
        self.known_long.move_to_end(key)
        while len(self.known_long) > 1024:
            self.known_long.popitem(last=False)

    # --- workers in and out ---
    async def _acquire(self, deadline: float | None, what: str, client: str) -> Worker:
        while self.idle:
            w = self.idle.popleft()
            if w.alive:
                return w
            self._forget(w)
        self._top_up()
        line = self.waiters.get(client)
        if self.waiting() >= self.queue_capacity or (line and len(line) >= max(1, self.queue_capacity // 2)):
            self.counts["refused"] += 1
            raise HttpError(503, f"the server is busy: {self.waiting()} requests are already waiting; "
                                 "try again shortly", {"Retry-After": "2"})
        loop = asyncio.get_running_loop()
        waiter: asyncio.Future[Worker] = loop.create_future()
        self.waiters.setdefault(client, collections.deque()).append(waiter)
        try:
            if deadline is None:
                return await asyncio.shield(waiter)
            return await asyncio.wait_for(asyncio.shield(waiter), max(0.0, deadline - loop.time()))
        except (TimeoutError, asyncio.CancelledError) as exc:
            if waiter.done() and not waiter.cancelled():
                self._release(waiter.result())  # a worker came just as we gave up: pass it on
            else:
                waiter.cancel()
            line = self.waiters.get(client)
            if line is not None:
                with contextlib.suppress(ValueError):
                    line.remove(waiter)
                if not line:
                    del self.waiters[client]
            if isinstance(exc, TimeoutError):
                self.counts["refused"] += 1
                raise HttpError(503, f"the server is busy: the {what} waited its whole time limit for a free "
                                     "worker; try again shortly", {"Retry-After": "5"}) from None
            raise

    def _release(self, worker: Worker) -> None:
        """A worker is done with a job: hand it to the next in line, keep it, or retire it."""
        if worker.long and worker.alive:
            worker.long = False
            try:  # back to the normal priority (a process may not raise its own without privilege)
                os.setpriority(os.PRIO_PROCESS, worker.proc.pid, 0)
            except OSError:
                self._retire(worker)
                self._top_up()
                return
        worker.long = False
        if not worker.alive:
            self._forget(worker)
            self._top_up()
            return
        short = sum(1 for w in self.workers if w.alive and not w.long)
        if self._closed:
            self._retire(worker)
        elif short <= self.size:
            self._hand_over(worker)
        elif len([w for w in self.spares if w.alive]) < self.max_long:  # one too many: a spare again
            self.workers.discard(worker)
            self.spares.append(worker)
        else:
            self._retire(worker)

    def _hand_over(self, worker: Worker) -> None:
        """Give a free worker to the next client in turn (its oldest request), else keep it idle."""
        while self.waiters:
            client, line = next(iter(self.waiters.items()))
            waiter = line.popleft()
            if line:
                self.waiters.move_to_end(client)  # the next request of this client waits for its next turn
            else:
                del self.waiters[client]
            if not waiter.done():
                waiter.set_result(worker)
                return
        self.idle.append(worker)

    def _forget(self, worker: Worker) -> None:
        self.workers.discard(worker)
        with contextlib.suppress(ValueError):
            self.idle.remove(worker)
        for conn in (worker.send, worker.recv):
            with contextlib.suppress(OSError):
                conn.close()
        with contextlib.suppress(subprocess.TimeoutExpired, OSError):
            worker.proc.wait(timeout=0)
        self._prune_snapshots()

    def _retire(self, worker: Worker) -> None:
        with contextlib.suppress(OSError, BrokenPipeError):
            worker.send.send(None)
        worker.killed = "retired"
        self._forget(worker)

    def _top_up(self) -> None:
        """Start workers until `size` short ones and `max_long` spares are alive or starting."""
        if self._closed:
            return
        have = sum(1 for w in self.workers if w.alive and not w.long) + self.starting
        have += sum(1 for w in self.spares if w.alive)
        for _ in range(self.size + self.max_long - have):
            asyncio.get_running_loop().create_task(self._spawn())

    async def _spawn(self) -> None:
        self.starting += 1
        try:
            worker = await asyncio.to_thread(self._start_process)
        except OSError as exc:
            log.error("cannot start a query worker: %s", exc)
            return
        finally:
            self.starting -= 1
        if self._closed:
            worker.kill("closed")
            return
        short = sum(1 for w in self.workers if w.alive and not w.long)
        if short >= self.size:  # the pool filled up while it started: a spare, or not needed
            if len([w for w in self.spares if w.alive]) < self.max_long:
                self.spares.append(worker)
            else:
                self._retire(worker)
            return
        self.workers.add(worker)
        self._hand_over(worker)

    def _start_process(self) -> Worker:
        to_child_r, to_child_w = os.pipe()
        to_parent_r, to_parent_w = os.pipe()
        try:
            # the address space is capped well above the resident limit watched below (a worker maps about
            # 400 MB before any query): a backstop for allocations faster than the watch
            cap = str(self.memory_mb + 2048)
            proc = subprocess.Popen([sys.executable, "-m", "spinekg.server.worker", str(to_child_r), str(to_parent_w),
                                     cap],
                                    pass_fds=(to_child_r, to_parent_w), stdin=subprocess.DEVNULL,
                                    close_fds=True)
        finally:
            os.close(to_child_r)
            os.close(to_parent_w)
        worker = Worker(proc, Connection(to_child_w, readable=False), Connection(to_parent_r, writable=False))
        worker.send.send((None, ("ping",)))  # answered once its imports are done
        if not worker.recv.poll(60):
            worker.kill("closed")
            raise OSError("the worker did not start within 60 s")
        worker.recv.recv()
        return worker

    # --- memory ---
    def _watch_memory(self) -> None:
        while not self._closed:
            for w in list(self._busy):
                if w.alive and w.rss() > self.memory_limit:
                    log.warning("a query passed the %d MB memory limit: its worker is stopped", self.memory_mb)
                    w.kill("memory")
            time.sleep(0.05)

    # --- snapshots ---
    async def _current_snapshot(self) -> str:
        generation = self.generation
        if self._snapshot is not None and self._snapshot[0] == generation:
            return self._snapshot[1]
        assert self._snapshot_lock is not None
        async with self._snapshot_lock:
            if self._snapshot is not None and self._snapshot[0] == self.generation:
                return self._snapshot[1]
            generation = self.generation
            target = self.folder / f"snapshot-{generation}-{time.monotonic_ns()}"
            try:
                await asyncio.to_thread(self.store.backup, str(target))
            except OSError as exc:
                raise HttpError(500, f"cannot take a snapshot of the store for the query: {exc}") from None
            self._snapshot = (generation, str(target))
            self._snapshots.append(str(target))
            self._prune_snapshots()
            return str(target)

    def _prune_snapshots(self) -> None:
        """Remove snapshots that are neither current nor read by a live worker."""
        current = self._snapshot[1] if self._snapshot else None
        used = {w.snapshot for w in self.workers if w.alive}
        for path in list(self._snapshots):
            if path != current and path not in used:
                self._snapshots.remove(path)
                shutil.rmtree(path, ignore_errors=True)


def remove_stale_snapshots(folder: Path) -> None:
    """Remove snapshot folders left by servers that are no longer running (e.g. after kill -9)."""
    with contextlib.suppress(OSError):
        for entry in folder.iterdir():
            if not entry.name.startswith(SNAPSHOT_PREFIX):
                continue
            try:
                pid = int(entry.name[len(SNAPSHOT_PREFIX):])
            except ValueError:
                continue
            if pid != os.getpid() and not _running(pid):
                shutil.rmtree(entry, ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
