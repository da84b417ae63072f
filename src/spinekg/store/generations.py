"""The folders of an on-disk store: which pyoxigraph database is current, and how a batch replaces it.

A store folder holds a note, ``spinekg-store.json``, naming the current database (a subfolder such as
``g000003``). A large batch is written into a new database that starts as a copy of the current one
(pyoxigraph's ``backup``: a RocksDB checkpoint of hard links, taken in milliseconds) and is invisible to
every reader until one atomic step, the replacement of the note, makes it current. A process killed at
any moment leaves the note naming either the old database or the complete new one; what is left over
(an unfinished database, the one replaced) is removed the next time the store is opened.

A folder without the note is a store written before this layout (the pyoxigraph files directly in the
folder): it is opened as it is, and its first batch moves it into the layout.
"""
from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

NOTE = "spinekg-store.json"
OPEN_NOTE = "spinekg-open.json"  # present while a process has the store open; left behind by a kill
LOCK = "spinekg.lock"  # held (flock) by the process that has the store open; the system frees it on exit
_GENERATION = re.compile(r"g\d{6}")
# Our own files in a store folder, which are not part of a database written before this layout.
_OURS = {NOTE, OPEN_NOTE, LOCK, "spinekg-server.json"}


@dataclass(frozen=True)
class Leftover:
    """What an unclean stop left in the store folder, found when the store is opened."""

    folders: tuple[Path, ...]  # unfinished or replaced databases
    size: int  # their bytes
    stopped_pid: int | None  # the process that had the store open and did not close it


def current(folder: Path) -> Path:
    """The database folder that is current (the store folder itself for a store without the note)."""
    try:
        name = json.loads((folder / NOTE).read_text(encoding="utf-8"))["current"]
    except FileNotFoundError:
        return folder
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise OSError(f"{folder / NOTE} cannot be read ({exc}): the store's note of its current database "
                      "is damaged") from None
    if not isinstance(name, str) or not _GENERATION.fullmatch(name):
        raise OSError(f"{folder / NOTE} names no database ({name!r}): the note is damaged")
    return folder / name


def next_generation(folder: Path) -> Path:
    """A new, unused database folder name inside the store folder."""
    numbers = [int(p.name[1:]) for p in folder.iterdir() if _GENERATION.fullmatch(p.name)]
    return folder / f"g{max(numbers, default=0) + 1:06d}"


def make_current(folder: Path, generation: Path) -> None:
    """Name `generation` as the current database, atomically and durably (the commit of a batch)."""
    note = folder / NOTE
    tmp = folder / f".{NOTE}.tmp"
    with tmp.open("w", encoding="utf-8") as fh:
        json.dump({"current": generation.name}, fh)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, note)
    _fsync_dir(folder)


def leftovers(folder: Path) -> Leftover:
    """Databases in the folder that are not current, and the process that did not close the store."""
    live = current(folder)
    found = [p for p in folder.iterdir() if p.is_dir() and _GENERATION.fullmatch(p.name) and p != live]
    if live != folder:  # the files of a database written before the layout, replaced by its first batch
        found += [p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".") and p.name not in _OURS]
    size = sum(_size(p) for p in found)
    return Leftover(tuple(sorted(found)), size, _stopped_pid(folder))


def remove(paths: tuple[Path, ...]) -> None:
    """Delete leftover databases (folders) and the files of a database replaced by the layout."""
    for p in paths:
        if p.is_dir():
            shutil.rmtree(p, ignore_errors=True)
        else:
            with contextlib.suppress(FileNotFoundError):
                p.unlink()


# Lock descriptors this process holds. A forked worker closes its copies at once, so that a killed
# parent's lock goes with the parent and not with workers still finishing their task.
_HELD: set[int] = set()


def _close_inherited() -> None:
    for fd in _HELD:
        with contextlib.suppress(OSError):
            os.close(fd)
    _HELD.clear()


os.register_at_fork(after_in_child=_close_inherited)


def lock(folder: Path) -> int | None:
    """Take the store folder's lock for this process: its file descriptor, or None when another holds it."""
    import fcntl

    fd = os.open(folder / LOCK, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return None
    _HELD.add(fd)
    return fd


def unlock(fd: int) -> None:
    """Release the lock taken by `lock`."""
    _HELD.discard(fd)
    os.close(fd)  # closing the descriptor releases the lock


def mark_open(folder: Path) -> None:
    """Note that this process has the store open (removed by `mark_closed`; a kill leaves it)."""
    (folder / OPEN_NOTE).write_text(json.dumps({"pid": os.getpid()}), encoding="utf-8")


def mark_closed(folder: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        (folder / OPEN_NOTE).unlink()


def log_size(database: Path) -> int:
    """Bytes of write-ahead log the database replays when it opens."""
    try:
        return sum(p.stat().st_size for p in database.iterdir() if p.suffix == ".log" and p.name[0].isdigit())
    except OSError:
        return 0


def _stopped_pid(folder: Path) -> int | None:
    try:
        pid = int(json.loads((folder / OPEN_NOTE).read_text(encoding="utf-8"))["pid"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return pid  # called with the folder's lock held: whoever wrote the note did not close the store


def _size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
