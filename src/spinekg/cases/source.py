"""Reading case files (YAML, JSON) into plain data, remembering the line of every field."""
from __future__ import annotations

import contextlib
import gc
import json
import os
import re
import stat
from pathlib import Path
from typing import Any

import yaml

from ..errors import SpinekgError
from .errors import CaseError, Problem

# Input limits (README, "Input limits"): what one case file may make the reader do.
MAX_BYTES = 5_000_000  # bytes in one case file (or one POST /cases body)
MAX_DEPTH = 32  # nesting of mappings and lists (the format needs 5)
MAX_ALIAS_NODES = 100_000  # values aliases may add to one YAML file, each use counted (alias bombs)
MAX_NUMBER_CHARS = 40  # characters in one number (a 5,000-digit integer is refused, not converted)


class LineMap(dict):
    """Maps a field path such as 'findings[2].level' to its 1-based line in the file."""

    def line(self, path: str) -> int | None:
        while path:
            if path in self:
                return self[path]
            cut = max(path.rfind("."), path.rfind("["))
            path = path[:cut] if cut > 0 else ""
        return None


try:  # libyaml when PyYAML has it
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]


class _SafeLineLoader(_BaseLoader):
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
            with contextlib.suppress(CaseError):
                self.update(load_yaml(text, label)[1])
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


def read_bytes(path: Path, label: str, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file (at most `limit`), or CaseError with one clear problem.

    Only regular files are read (a symlink is followed to one): a directory, a named pipe, a device such as
    /dev/zero or a socket is refused before anything is read, so reading never hangs nor runs unbounded.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise CaseError([Problem(label, "", "file not found")]) from None
    except IsADirectoryError:
        raise CaseError([Problem(label, "", "is a directory, not a case file")]) from None
    except OSError as exc:
        try:  # a socket, say, cannot be opened at all: name what it is
            mode = os.stat(path).st_mode
        except OSError:
            mode = stat.S_IFREG
        if not stat.S_ISREG(mode):
            raise CaseError([Problem(label, "", f"is {_file_kind(mode)}, not a regular file: a case file "
                                                "must be a regular file")]) from None
        raise CaseError([Problem(label, "", f"cannot be read: {exc.strerror or exc}")]) from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise CaseError([Problem(label, "", f"is {_file_kind(mode)}, not a regular file: a case file "
                                                "must be a regular file")])
        os.set_blocking(fd, True)
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise CaseError([Problem(label, "", f"cannot be read: {exc.strerror or exc}")]) from None
    finally:
        os.close(fd)
    if size > limit:
        raise CaseError([Problem(label, "", f"file is larger than the {limit // 1_000_000} MB limit")])
    return b"".join(chunks)


def _file_kind(mode: int) -> str:
    for test, name in ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a named pipe"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return name
    return "not a regular file"


def read_text(path: Path, label: str) -> str:
    """Read a regular file as UTF-8 text (at most MAX_BYTES), or raise CaseError with one clear problem."""
    return decode(read_bytes(Path(path), label), label)


def decode(data: bytes, label: str) -> str:
    """UTF-8 text, or CaseError naming the offset of the first bad byte."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CaseError([Problem(label, "", f"is not UTF-8 text (bad byte at offset {exc.start})")]) from None


class _Refused(Exception):
    """A limit of the input reader was passed; carries the message and the (1-based) line."""

    def __init__(self, message: str, line: int | None):
        super().__init__(message)
        self.message, self.line = message, line


_NUMBER_TAGS = {"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}


def _compose(loader: Any) -> list[yaml.Node]:
    """The documents of a YAML stream as nodes, composed from the parser's events without recursion.

    Unlike PyYAML's composer this bounds what a file can make the reader do: nesting deeper than
    MAX_DEPTH, an alias that refers to a node it is inside (a recursive structure), aliases that add more
    than MAX_ALIAS_NODES values (alias bombs), and numbers longer than MAX_NUMBER_CHARS are refused
    with the line where they happen. The work is linear in the number of events.
    """
    anchors: dict[str, tuple[yaml.Node, int]] = {}
    aliased = [0]  # values added by aliases
    resolved: dict[tuple[str, Any], str] = {}  # implicit tags of plain values already seen (keys repeat)
    open_anchors: set[str] = set()
    docs: list[yaml.Node] = []
    # frames: [node, expanded size so far, pending mapping key]
    stack: list[list[Any]] = []

    def attach(node: yaml.Node, size: int) -> None:
        if not stack:
            docs.append(node)
            return
        frame = stack[-1]
        frame[1] += size
        if isinstance(frame[0], yaml.MappingNode):
            if frame[2] is None:
                frame[2] = node
            else:
                frame[0].value.append((frame[2], node))
                frame[2] = None
        else:
            frame[0].value.append(node)

    while not loader.check_event(yaml.StreamEndEvent):
        event = loader.get_event()
        line = event.start_mark.line + 1 if event.start_mark else None
        if isinstance(event, (yaml.StreamStartEvent, yaml.DocumentStartEvent, yaml.DocumentEndEvent)):
            continue
        if isinstance(event, yaml.AliasEvent):
            if event.anchor in open_anchors:
                raise _Refused(f"the alias '*{event.anchor}' refers to a node it is inside (a recursive "
                               "structure)", line)
            if event.anchor not in anchors:
                raise _Refused(f"the alias '*{event.anchor}' refers to no anchor before it", line)
            node, size = anchors[event.anchor]
            aliased[0] += size
            if aliased[0] > MAX_ALIAS_NODES:
                raise _Refused(f"aliases expand to more than {MAX_ALIAS_NODES:,} values (each use counted): "
                               "a case file needs far fewer", line)
            attach(node, size)
        elif isinstance(event, yaml.ScalarEvent):
            tag = event.tag
            if tag is None or tag == "!":
                key = (event.value, event.implicit)
                tag = resolved.get(key)
                if tag is None:
                    tag = loader.resolve(yaml.ScalarNode, event.value, event.implicit)
                    if len(resolved) < 10_000:
                        resolved[key] = tag
            if tag in _NUMBER_TAGS and len(event.value) > MAX_NUMBER_CHARS:
                raise _Refused(f"a number of {len(event.value):,} characters: numbers are limited to "
                               f"{MAX_NUMBER_CHARS} characters", line)
            # types-PyYAML: libyaml's Mark is not yaml.error.Mark, though nodes take either
            node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark,  # type: ignore[arg-type]
                                   style=event.style)
            if event.anchor is not None:
                anchors[event.anchor] = (node, 1)
            attach(node, 1)
        elif isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            if len(stack) >= MAX_DEPTH:
                raise _Refused(f"nests deeper than {MAX_DEPTH} levels", line)
            kind = yaml.SequenceNode if isinstance(event, yaml.SequenceStartEvent) else yaml.MappingNode
            tag = event.tag
            if tag is None or tag == "!":
                tag = loader.resolve(kind, None, event.implicit)
            node = kind(tag, [], event.start_mark, None, flow_style=event.flow_style)  # type: ignore[arg-type]
            if event.anchor is not None:
                open_anchors.add(event.anchor)
            stack.append([node, 1, None, event.anchor])
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            node, size, _, anchor = stack.pop()
            node.end_mark = event.end_mark
            if anchor is not None:
                open_anchors.discard(anchor)
                anchors[anchor] = (node, size)
            attach(node, size)
    return docs


def _walk(root: yaml.Node, lines: LineMap) -> None:
    """Record the line of every field path (aliases expanded: bounded by MAX_ALIAS_NODES); reject duplicate keys."""
    todo: list[tuple[yaml.Node, str]] = [(root, "")]
    while todo:
        node, path = todo.pop()
        lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            seen: set[str] = set()
            for key, value in node.value:
                k = key.value if isinstance(key, yaml.ScalarNode) else str(key)
                if k in seen:
                    raise DuplicateKey(f"{path}.{k}" if path else str(k), key.start_mark.line + 1)
                seen.add(k)
                child = f"{path}.{k}" if path else str(k)
                lines[child] = key.start_mark.line + 1
                todo.append((value, child))
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                todo.append((item, f"{path}[{i}]"))


def load_yaml(text: str, label: str) -> tuple[Any, LineMap]:
    """Parse YAML text into data and a line map, or raise CaseError naming the line (see `_compose`)."""
    loader = _SafeLineLoader(text)
    collecting = gc.isenabled()
    gc.disable()  # the parse allocates many objects and no cycles (recursive aliases are refused): 2x faster
    try:
        try:
            docs = _compose(loader)
        except _Refused as exc:
            raise CaseError([Problem(label, "", f"refused YAML: {exc.message}", exc.line)]) from None
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
            line = mark.line + 1 if mark else None
            raise CaseError([Problem(label, "", f"malformed YAML: {problem}", line)]) from None
        docs = [d for d in docs if not (isinstance(d, yaml.ScalarNode) and d.tag == "tag:yaml.org,2002:null")]
        if not docs:
            raise CaseError([Problem(label, "", "is empty: a case file needs at least an 'id'")])
        if len(docs) > 1:
            raise CaseError([Problem(label, "", "holds several YAML documents: write one case per file")])
        lines = LineMap()
        try:
            _walk(docs[0], lines)
        except DuplicateKey as dup:
            key = dup.path.rsplit(".", 1)[-1]
            raise CaseError([Problem(label, dup.path, f"duplicate key '{key}' in the same mapping (keep one)",
                                     dup.line)]) from None
        try:
            data = loader.construct_document(docs[0])  # from the nodes already composed: no second parse
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            raise CaseError([Problem(label, "", f"malformed YAML: {getattr(exc, 'problem', None) or exc}",
                                     mark.line + 1 if mark else None)]) from None
        except (ValueError, TypeError, OverflowError, ArithmeticError) as exc:  # e.g. '!!timestamp 2020-13-45'
            raise CaseError([Problem(label, "", f"malformed YAML: a value cannot be read ({_one_line(exc)})")]) \
                from None
    finally:
        loader.dispose()
        if collecting:
            gc.enable()
    return data, lines


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text if len(text) <= 120 else text[:117] + "..."


_JSON_SPECIAL = re.compile(r'[\[\]{}"\\]')


class _DuplicateJsonKey(ValueError):
    def __init__(self, key: str):
        super().__init__(key)
        self.key = key


def _json_depth_problem(text: str) -> tuple[str, int] | None:
    """(message, line) if JSON text nests deeper than MAX_DEPTH.

    One pass over the characters that matter (brackets, quotes, backslashes), so it is linear whatever
    the text: a pattern for whole strings re-scanned the rest of the text from every quote of an
    unterminated string (40 KB of escaped quotes took 5 s).
    """
    depth = 0
    in_string = False
    escaped_at = -1
    for m in _JSON_SPECIAL.finditer(text):
        i = m.start()
        if i == escaped_at:  # the character after a backslash in a string
            continue
        ch = text[i]
        if in_string:
            if ch == "\\":
                escaped_at = i + 1
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return f"nests deeper than {MAX_DEPTH} levels", text.count("\n", 0, i) + 1
        elif ch in "]}":
            depth -= 1
    return None


def _json_number(kind: type) -> Any:
    def convert(literal: str) -> Any:
        if len(literal) > MAX_NUMBER_CHARS:
            raise _Refused(f"a number of {len(literal):,} characters: numbers are limited to "
                           f"{MAX_NUMBER_CHARS} characters", None)
        return kind(literal)
    return convert


def _json_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _DuplicateJsonKey(key)
        out[key] = value
    return out


def _json_constant(name: str) -> Any:
    raise _Refused(f"'{name}' is not a JSON number", None)


def load_json(text: str, label: str) -> tuple[Any, LineMap]:
    """Parse JSON text, or raise CaseError naming the line and column (limits as for YAML)."""
    deep = _json_depth_problem(text)
    if deep:
        raise CaseError([Problem(label, "", f"refused JSON: {deep[0]}", deep[1])])
    try:
        data = json.loads(text, parse_int=_json_number(int), parse_float=_json_number(float),
                          parse_constant=_json_constant, object_pairs_hook=_json_pairs)
    except json.JSONDecodeError as exc:
        raise CaseError([Problem(label, "", f"malformed JSON: {exc.msg} at column {exc.colno}", exc.lineno)]) from None
    except _Refused as exc:
        raise CaseError([Problem(label, "", f"refused JSON: {exc.message}", _json_line(text, exc))]) from None
    except _DuplicateJsonKey as exc:
        try:  # YAML reads JSON too, and names the path and line of a duplicate key
            load_yaml(text, label)
        except CaseError as located:
            if any("duplicate key" in p.message for p in located.problems):
                raise located from None
        raise CaseError([Problem(label, "", f"duplicate key '{exc.key}' in the same object (keep one)")]) from None
    except (ValueError, RecursionError) as exc:
        raise CaseError([Problem(label, "", f"malformed JSON: {_one_line(exc)}")]) from None
    # JSON is YAML: composed again to learn the lines of fields, but only if a problem needs one.
    return data, LazyLineMap(text, label)


def _json_line(text: str, exc: _Refused) -> int | None:
    m = re.search(rf"[-+0-9.eE]{{{MAX_NUMBER_CHARS + 1},}}", text) if "number" in exc.message else None
    if m is None and "JSON number" in exc.message:
        m = re.search(r"\b(NaN|Infinity)\b", text)
    return text.count("\n", 0, m.start()) + 1 if m else None
