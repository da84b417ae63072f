"""The case files a command is given: paths and folders expanded to the files it can read (YAML, JSON,
Turtle, and JSON Lines with one case a line, as `spinekg synth --format jsonl` writes), each checked as
`spinekg load` checks a file. A path that does not exist, or a folder with no case file, is an error.
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from .cases import SUFFIXES, CaseError, LoadedCase, Problem
from .errors import SpinekgError

JSONL = ".jsonl"
LOADABLE = SUFFIXES | {JSONL}


class CaseFilesError(SpinekgError, ValueError):
    """A path that does not exist, or a folder without a file a case can be read from."""

    def __init__(self, path: Path, reason: str):
        super().__init__(f"{path}: {reason}")
        self.problem = Problem(str(path), "", reason)


def expand(paths: Iterable[str | Path]) -> list[Path]:
    """The case files among the paths: files as given, folders as their loadable files (sorted)."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found = sorted(f for f in p.iterdir() if f.is_file() and f.suffix.lower() in LOADABLE)
            if not found:
                raise CaseFilesError(p, "is a folder with no case files in it (looked for "
                                        f"{', '.join(sorted(LOADABLE))})")
            out.extend(found)
        elif p.exists():
            out.append(p)
        elif p.is_symlink():
            raise CaseFilesError(p, f"file not found (a link to {os.readlink(p)}, which does not exist)")
        else:
            raise CaseFilesError(p, "file not found (no such file or folder)")
    return out


SMALL = 16  # fewer cases than this are checked in this process (starting workers would cost more)


def checked(files: Iterable[Path], *, workers: int | None = None) -> Iterator[LoadedCase | CaseError]:
    """Each case in the files fully checked (format, then SHACL), in order: the case, or its problems.

    A .jsonl file holds one case a line (blank lines skipped), each labelled FILE:LINE; files are read
    one at a time and a .jsonl file line by line, so memory does not grow with the input. workers:
    processes to check in (None: one per core when there are many cases; the cases then come back
    without their parsed forms).
    """
    import itertools

    units = _units(files)
    first = list(itertools.islice(units, SMALL))
    if workers is None:
        from .reasoning.drivers import default_workers

        workers = default_workers() if len(first) >= SMALL else 1
    if workers <= 1:
        yield from map(_check_unit, itertools.chain(first, units))
        return
    from .api import check_case  # noqa: F401 - imported before forking: the workers start warm
    from .parallel import batched, ordered_map

    for results in ordered_map(_check_units, batched(itertools.chain(first, units), SMALL), workers=workers):
        yield from results


def check_files(files: Iterable[Path]) -> tuple[list[LoadedCase], list[Problem]]:
    """Every case in the files, fully checked; the problems of the invalid ones (see `checked`)."""
    loaded: list[LoadedCase] = []
    problems: list[Problem] = []
    for item in checked(files):
        if isinstance(item, CaseError):
            problems.extend(item.problems)
        else:
            loaded.append(item)
    return loaded, problems


# A unit of checking: (label, text of one JSON Lines line or None, file to read or None, a problem or None).
_Unit = tuple[str, "str | None", "Path | None", "Problem | None"]


def _units(files: Iterable[Path]) -> Iterator[_Unit]:
    for f in files:
        if f.suffix.lower() != JSONL:
            yield str(f), None, f, None
            continue
        try:
            with f.open(encoding="utf-8") as fh:  # line by line: a registry's file may be large
                for n, line in enumerate(fh, 1):
                    if line.strip():
                        yield f"{f}:{n}", line, None, None
        except UnicodeDecodeError as exc:
            yield str(f), None, None, Problem(str(f), "", f"is not UTF-8 text (bad byte at offset {exc.start})")
        except OSError as exc:
            yield str(f), None, None, Problem(str(f), "", f"cannot be read: {exc.strerror or exc}")


def _check_unit(unit: _Unit) -> LoadedCase | CaseError:
    from .api import check_case, check_case_text

    label, line, path, problem = unit
    if problem is not None:
        return CaseError([problem])
    try:
        return check_case_text(line, ".json", label) if line is not None else check_case(path, label)  # type: ignore[arg-type]
    except CaseError as exc:
        return exc


def _check_units(units: list[_Unit]) -> list[LoadedCase | CaseError]:
    """The checks of a few units, the cases without their parsed forms (they travel between processes)."""
    out: list[LoadedCase | CaseError] = []
    for item in map(_check_unit, units):
        out.append(item if isinstance(item, CaseError) else LoadedCase(item.case_id, item.ntriples, item.source))
    return out


def duplicate_ids(loaded: list[LoadedCase]) -> list[Problem]:
    """A problem for each case whose id an earlier case already uses."""
    seen: dict[str, str] = {}
    out = []
    for lc in loaded:
        if lc.case_id in seen:
            out.append(Problem(lc.source, "id", f"case id '{lc.case_id}' is also used by {seen[lc.case_id]}"))
        seen.setdefault(lc.case_id, lc.source)
    return out


__all__ = ["LOADABLE", "CaseFilesError", "check_files", "checked", "duplicate_ids", "expand"]
