"""Reading case files (YAML, JSON) into plain data, remembering the line of every field."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from .errors import CaseError, Problem
from ..errors import SpinekgError

MAX_BYTES = 5_000_000


class LineMap(dict):
    """Maps a field path such as 'findings[2].level' to its 1-based line in the file."""

    def line(self, path: str) -> int | None:
        while path:
            if path in self:
                return self[path]
            cut = max(path.rfind("."), path.rfind("["))
            path = path[:cut] if cut > 0 else ""
        return None


class _SafeLineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml when PyYAML has it
    """A safe loader; keys stay plain strings and timestamps stay strings."""


class LazyLineMap(LineMap):
    """A line map worked out only when a problem needs a line (JSON parses far faster without it)."""

    def __init__(self, text: str, label: str):
        super().__init__()
        self._source: tuple[str, str] | None = (text, label)

    def line(self, path: str) -> int | None:
        if self._source is not None:
            text, label = self._source
            self._source = None
            try:
                self.update(load_yaml(text, label)[1])
            except CaseError:
                pass
        return super().line(path)


# Dates stay strings so the schema can check them with a clear message.
_SafeLineLoader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class DuplicateKey(SpinekgError, ValueError):
    """A mapping names the same key twice (YAML would silently keep the last)."""

    def __init__(self, path: str, line: int):
        super().__init__(path)
        self.path, self.line = path, line


def _walk(node: yaml.Node, path: str, lines: LineMap) -> None:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            k = key.value if isinstance(key, yaml.ScalarNode) else str(key)
            if k in seen:
                raise DuplicateKey(f"{path}.{k}" if path else str(k), key.start_mark.line + 1)
            seen.add(k)
            child = f"{path}.{k}" if path else str(k)
            lines[child] = key.start_mark.line + 1
            _walk(value, child, lines)
            lines[child] = key.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _walk(item, f"{path}[{i}]", lines)


def read_text(path: Path, label: str) -> str:
    """Read a file as UTF-8 text, or raise CaseError with one clear problem."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise CaseError([Problem(label, "", "file not found")]) from None
    except IsADirectoryError:
        raise CaseError([Problem(label, "", "is a directory, not a case file")]) from None
    except OSError as exc:
        raise CaseError([Problem(label, "", f"cannot be read: {exc.strerror}")]) from None
    if len(data) > MAX_BYTES:
        raise CaseError([Problem(label, "", f"file is larger than the {MAX_BYTES // 1_000_000} MB limit")])
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CaseError([Problem(label, "", f"is not UTF-8 text (bad byte at offset {exc.start})")]) from None


def load_yaml(text: str, label: str) -> tuple[Any, LineMap]:
    """Parse YAML text into data and a line map, or raise CaseError naming the line."""
    loader = _SafeLineLoader(text)
    try:
        docs = []
        while loader.check_node():
            docs.append(loader.get_node())
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        line = mark.line + 1 if mark else None
        raise CaseError([Problem(label, "", f"malformed YAML: {problem}", line)]) from None
    docs = [d for d in docs if d is not None]
    if not docs:
        raise CaseError([Problem(label, "", "is empty: a case file needs at least an 'id'")])
    if len(docs) > 1:
        raise CaseError([Problem(label, "", "holds several YAML documents: write one case per file")])
    lines = LineMap()
    try:
        _walk(docs[0], "", lines)
    except DuplicateKey as dup:
        key = dup.path.rsplit(".", 1)[-1]
        raise CaseError([Problem(label, dup.path, f"duplicate key '{key}' in the same mapping (keep one)", dup.line)]) from None
    try:
        data = loader.construct_document(docs[0])  # from the nodes already composed: no second parse
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise CaseError([Problem(label, "", f"malformed YAML: {getattr(exc, 'problem', None) or exc}",
                                 mark.line + 1 if mark else None)]) from None
    finally:
        loader.dispose()
    return data, lines


def load_json(text: str, label: str) -> tuple[Any, LineMap]:
    """Parse JSON text, or raise CaseError naming the line and column."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CaseError([Problem(label, "", f"malformed JSON: {exc.msg} at column {exc.colno}", exc.lineno)]) from None
    # JSON is YAML: composed again to learn the lines of fields, but only if a problem needs one.
    return data, LazyLineMap(text, label)
