"""The case files a command is given: paths and folders expanded to the files it can read (YAML, JSON,
Turtle, and JSON Lines with one case a line, as `spinekg synth --format jsonl` writes), each checked as
`spinekg load` checks a file. A path that does not exist, or a folder with no case file, is an error.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path

from .cases import SUFFIXES, CaseError, LoadedCase, Problem

JSONL = ".jsonl"
LOADABLE = SUFFIXES | {JSONL}


class CaseFilesError(ValueError):
    """A path that does not exist, or a folder without a file a case can be read from."""


def expand(paths: Iterable[str | Path]) -> list[Path]:
    """The case files among the paths: files as given, folders as their loadable files (sorted)."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found = sorted(f for f in p.iterdir() if f.is_file() and f.suffix.lower() in LOADABLE)
            if not found:
                raise CaseFilesError(f"{p}: is a folder with no case files in it (looked for "
                                     f"{', '.join(sorted(LOADABLE))})")
            out.extend(found)
        elif p.exists():
            out.append(p)
        elif p.is_symlink():
            raise CaseFilesError(f"{p}: file not found (a link to {os.readlink(p)}, which does not exist)")
        else:
            raise CaseFilesError(f"{p}: file not found (no such file or folder)")
    return out


def check_files(files: Iterable[Path]) -> tuple[list[LoadedCase], list[Problem]]:
    """Every case in the files, fully checked (format, then SHACL); the problems of the invalid ones.

    A .jsonl file holds one case a line (blank lines skipped), each labelled FILE:LINE.
    """
    from .api import check_case, check_case_text

    loaded: list[LoadedCase] = []
    problems: list[Problem] = []
    for f in files:
        try:
            if f.suffix.lower() == JSONL:
                loaded.extend(_check_jsonl(f, check_case_text, problems))
            else:
                loaded.append(check_case(f, str(f)))
        except CaseError as exc:
            problems.extend(exc.problems)
    return loaded, problems


def _check_jsonl(f: Path, check: Callable[[str, str, str], LoadedCase], problems: list[Problem]) -> list[LoadedCase]:
    out = []
    try:
        with f.open(encoding="utf-8") as fh:  # line by line: a registry's file may be large
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    out.append(check(line, ".json", f"{f}:{n}"))
                except CaseError as exc:
                    problems.extend(exc.problems)
    except UnicodeDecodeError as exc:
        problems.append(Problem(str(f), "", f"is not UTF-8 text (bad byte at offset {exc.start})"))
    except OSError as exc:
        problems.append(Problem(str(f), "", f"cannot be read: {exc.strerror or exc}"))
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


__all__ = ["CaseFilesError", "LOADABLE", "check_files", "duplicate_ids", "expand"]
