"""The hostile corpus of issue 11: malformed, absurd and malicious case inputs, each with its expected outcome.

Generated here rather than stored, because some inputs are not files one can commit (a named pipe, a
symlink to /dev/zero, a folder named x.yaml) and others are large or made by rule (a null at every field
of a valid case, numbers of 5,000 digits in every numeric field). `write_corpus(folder)` makes them;
each `Hostile` says which words its one problem must carry, so a test can check the outcome: a located
error, a non-zero exit, no traceback, and a store left byte-identical.
"""
from __future__ import annotations

import json
import os
import socket
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).parent.parent
CASES = ROOT / "kb" / "cases"
PUBLISHED = CASES / "radiopaedia-connector-failure.yaml"
ROD = CASES / "example-rod-fracture.yaml"


@dataclass(frozen=True)
class Hostile:
    """One hostile input: its file name, how to make it, and words its (first) problem must carry."""

    name: str
    make: Callable[[Path], None]
    words: tuple[str, ...]
    line: bool = False  # the problem must name a line
    text: bool = True  # it can also be sent as a request body (POST /cases)

    @property
    def suffix(self) -> str:
        return Path(self.name).suffix


def _text(content: str | bytes) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return make


def _data(data: object, as_json: bool = False) -> Callable[[Path], None]:
    return _text(json.dumps(data) if as_json else yaml.safe_dump(data, sort_keys=False))


def _valid(path: Path = ROD) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _fields(data: object, path: str = "") -> list[tuple[str, list]]:
    """(field path, key path) of every field of a mapping, at any depth."""
    out: list[tuple[str, list]] = []
    if isinstance(data, dict):
        for k, v in data.items():
            p = f"{path}.{k}" if path else k
            out.append((p, [k]))
            out.extend((sub, [k, *keys]) for sub, keys in _fields(v, p))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            out.extend((sub, [i, *keys]) for sub, keys in _fields(v, f"{path}[{i}]"))
    return out


def _set(data: dict, keys: list, value: object) -> dict:
    import copy

    out = copy.deepcopy(data)
    node = out
    for k in keys[:-1]:
        node = node[k]
    node[keys[-1]] = value
    return out


def _alias_bomb(levels: int, width: int) -> str:
    lines = ["id: bomb", "a0: &a0 [" + ",".join(["x"] * width) + "]"]
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * width) + "]")
    return "\n".join(lines) + "\n"


def _big_case(findings: int, implants: int) -> dict:
    data = _valid()
    data["implants"] = [{"id": f"screw-{i}", "type": "pedicle screw", "level": "L4", "side": "left"}
                        for i in range(implants)] or data["implants"]
    data["findings"] = [{"id": f"f-{i}", "type": "lucency", "implant": data["implants"][i % len(data["implants"])]["id"],
                         "width": "2 mm"} for i in range(findings)]
    return data


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _symlink(target: str) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        path.symlink_to(target)
    return make


def _socket_file(path: Path) -> None:
    s = socket.socket(socket.AF_UNIX)
    s.bind(str(path))
    s.close()  # the socket file stays


def corpus() -> list[Hostile]:
    """Every hostile input (about 250)."""
    items: list[Hostile] = []
    names: set[str] = set()

    def add(h: Hostile) -> None:  # names made by rule may repeat: number the repeats
        name, n = h.name, 1
        while name in names:
            n += 1
            name = f"{Path(h.name).stem}-{n}{Path(h.name).suffix}"
        names.add(name)
        items.append(Hostile(name, h.make, h.words, h.line, h.text))

    # --- what the file is ---
    add(Hostile("dev-zero.yaml", _symlink("/dev/zero"), ("is a character device", "not a regular file"), text=False))
    add(Hostile("dev-urandom.json", _symlink("/dev/urandom"), ("is a character device",), text=False))
    add(Hostile("named-pipe.yaml", _fifo, ("is a named pipe", "not a regular file"), text=False))
    add(Hostile("socket.yaml", _socket_file, ("is a socket",), text=False))
    add(Hostile("folder.yaml", lambda p: p.mkdir(), ("is a",), text=False))  # a folder: named, not read
    add(Hostile("dangling.yaml", _symlink("/nonexistent/case.yaml"), ("file not found",), text=False))
    add(Hostile("too-big.yaml", _text("id: big\ndescription: " + "x" * 5_000_001 + "\n"), ("larger than the 5 MB limit",)))
    add(Hostile("utf16.yaml", _text("id: x\n".encode("utf-16")), ("is not UTF-8",)))
    add(Hostile("binary.json", _text(bytes(range(256)) * 4), ("is not UTF-8",)))
    add(Hostile("empty.yaml", _text(""), ("is empty",)))
    add(Hostile("only-comment.yaml", _text("# nothing\n"), ("is empty",)))
    add(Hostile("two-documents.yaml", _text("id: a\n---\nid: b\n"), ("several YAML documents",)))
    add(Hostile("scalar.yaml", _text("just text\n"), ("must be a mapping",)))
    add(Hostile("list.json", _text("[1, 2]"), ("must be a mapping",)))
    # --- YAML aliases: bombs and recursion ---
    for levels, width in ((9, 9), (6, 10), (4, 40), (12, 3), (20, 2)):
        add(Hostile(f"alias-bomb-{levels}x{width}.yaml", _text(_alias_bomb(levels, width)),
                    ("aliases expand to more than",), line=True))
    add(Hostile("alias-self-list.yaml", _text("id: x\na: &a [*a]\n"), ("refers to a node it is inside",), line=True))
    add(Hostile("alias-self-map.yaml", _text("id: x\na: &a\n  b: *a\n"), ("refers to a node it is inside",), line=True))
    add(Hostile("alias-deep-self.yaml", _text("id: x\na: &a {b: [{c: *a}]}\n"), ("refers to a node it is inside",),
                line=True))
    add(Hostile("alias-merge-self.yaml", _text("id: x\na: &a\n  <<: *a\n"), ("refers to a node it is inside",),
                line=True))
    add(Hostile("alias-undefined.yaml", _text("id: x\na: *nothing\n"), ("refers to no anchor",), line=True))
    add(Hostile("alias-in-findings.yaml", _text(_alias_bomb(8, 8) + "findings: *a7\n"),
                ("aliases expand to more than",), line=True))
    # --- nesting ---
    for depth in (33, 100, 2_000, 100_000):
        add(Hostile(f"json-nested-{depth}.json", _text('{"id": "x", "a": ' + "[" * depth + "]" * depth + "}"),
                    ("nests deeper than 32",), line=True))
        add(Hostile(f"json-nested-objects-{depth}.json", _text('{"id": "x", "a": ' + '{"a": ' * depth + "1" + "}" * depth + "}"),
                    ("nests deeper than 32",), line=True))
    for depth in (33, 200, 999):
        add(Hostile(f"yaml-nested-{depth}.yaml", _text("id: x\na: " + "[" * depth + "]" * depth + "\n"),
                    ("nests deeper than 32",), line=True))
    add(Hostile("yaml-nested-block.yaml", _text("id: x\n" + "".join(" " * i + f"k{i}:\n" for i in range(40)) + " " * 40 + "v\n"),
                ("nests deeper than 32",), line=True))
    add(Hostile("yaml-nested-2000.yaml", _text("id: x\na: " + "[" * 2000 + "]" * 2000 + "\n"),
                ("malformed YAML",)))  # libyaml's own limit (1,000) answers first
    # --- numbers ---
    for digits in (41, 500, 5_000, 50_000):
        big = "9" * digits
        add(Hostile(f"yaml-int-{digits}.yaml", _text(f"id: x\npatient: {{age: {big}}}\n"), ("a number of", "characters"),
                    line=True))
        add(Hostile(f"json-int-{digits}.json", _text(f'{{"id": "x", "patient": {{"age": {big}}}}}'),
                    ("a number of", "characters"), line=True))
        add(Hostile(f"json-float-{digits}.json", _text(f'{{"id": "x", "patient": {{"age": 1.{big}}}}}'),
                    ("a number of", "characters"), line=True))
    valid = _valid()
    for field_path, keys in _fields(valid):
        value = _value_at(valid, keys)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            add(Hostile(f"huge-number-{_slug(field_path)}.yaml", _text(_yaml_with(valid, keys, "9" * 5000)),
                        ("a number of 5,000 characters",), line=True))
    for value in ("NaN", "Infinity", "-Infinity"):
        add(Hostile(f"json-{value}.json", _text(f'{{"id": "x", "patient": {{"age": {value}}}}}'), ("is not a JSON number",),
                    line=True))
    add(Hostile("yaml-nan-age.yaml", _data(_set(valid, ["patient", "age"], float("nan"))), ("patient.age", "nan")))
    add(Hostile("yaml-timestamp-tag.yaml", _text("id: x\ntitle: !!timestamp 2020-13-45\n"), ("a value cannot be read",)))
    add(Hostile("yaml-python-tag.yaml", _text("id: x\ntitle: !!python/object/apply:os.system ['true']\n"),
                ("malformed YAML",)))
    add(Hostile("yaml-binary-tag.yaml", _text("id: x\ntitle: !!binary '%%%'\n"), ("title", "non-empty text")))
    # --- duplicate keys ---
    add(Hostile("json-duplicate-id.json", _text('{"id": "a",\n "id": "b"}'), ("duplicate key 'id'",), line=True))
    add(Hostile("json-duplicate-nested.json",
                _text('{"id": "a", "patient": {\n "age": 60,\n "age": 61}}'), ("duplicate key 'age'",), line=True))
    add(Hostile("yaml-duplicate-nested.yaml", _text("id: a\npatient:\n  age: 60\n  age: 61\n"), ("duplicate key 'age'",),
                line=True))
    # --- ids ---
    for bad in ("abc\n", "abc ", " abc", "abc\t", "a b", "a/b", "../etc", "a>b", "é", "a" * 129, "-abc", "", "a\u2028b",
                "abc\r\n", "a\x00b"):
        add(Hostile(f"id-{_slug(repr(bad))}.json", _text(json.dumps({**valid, "id": bad})), ("id",)))
        add(Hostile(f"implant-id-{_slug(repr(bad))}.json",
                    _text(json.dumps(_set(valid, ["implants", 0, "id"], bad))), ("implants[0]",)))
    # --- a null at every field of a valid case (a null reference is never a reference left out) ---
    for field_path, keys in _fields(valid):
        add(Hostile(f"null-{_slug(field_path)}.yaml", _data(_set(valid, keys, None)), ("has no value (null)",),
                    line=True))
    add(Hostile("null-construct-procedure.yaml",
                _data(_set(_valid(CASES / "example-radiograph-loosening.yaml"), ["constructs", 0, "procedure"], None)),
                ("constructs[0].procedure", "has no value"), line=True))
    # --- the per-case limits ---
    add(Hostile("findings-37000.yaml", _data(_big_case(37_000, 2)), ("37,000 findings", "limit is 1,000"), line=True))
    add(Hostile("findings-1001.json", _data(_big_case(1_001, 2), as_json=True), ("1,001 findings", "limit is 1,000")))
    add(Hostile("implants-501.yaml", _data(_big_case(1, 501)), ("501 implants", "limit is 500"), line=True))
    many = _valid()
    many["procedures"] = [{"type": "debridement"}] * 101
    add(Hostile("procedures-101.yaml", _data(many), ("101 procedures", "limit is 100")))
    bilateral = _valid()
    bilateral["findings"] = [{"type": "lucency", "implant_type": "pedicle screw", "level": lv, "side": "bilateral",
                              "width": "2 mm", "id": f"f{i}-{lv}"}
                             for i in range(120) for lv in ("L1", "L2", "L3", "L4", "L5", "T10", "T11", "T12", "S1")][:1000]
    bilateral["implants"] = ([{"id": f"scs-{i}", "type": "spinal cord stimulator",
                               "parts": [{"type": "lead"}] * 10} for i in range(50)]
                             + _big_case(0, 450)["implants"])
    add(Hostile("nodes-over-limit.yaml", _data(bilateral), ("the limit is 3,000 per case",)))
    # --- injection through IRIs (section 1 keeps them out) ---
    for source in ("http://x> . } } ; DROP ALL ; INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> <http://y",
                   "http://a b", "file:///etc/passwd", "http://x/\u0000", "https://x/{y}", "http://x/\"y"):
        add(Hostile(f"source-{_slug(source)[:30]}.yaml", _data({**valid, "source": source}), ("source",)))
    # --- Turtle ---
    prefix = "@prefix skg: <https://w3id.org/spinekg/> .\n@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
    case = "<https://w3id.org/spinekg/case/t>"
    add(Hostile("turtle-ill-typed-decimal.ttl",
                _text(prefix + f'{case} a skg:Case ; skg:caseId "t" ; skg:ageYears "abc"^^xsd:decimal .\n'), ("",)))
    add(Hostile("turtle-iri-with-space.ttl", _text(prefix + f'{case} a skg:Case ; skg:caseId "t" ; <http://purl.org/dc/terms/source> <http://a b> .\n'),
                ("is not a valid IRI",)))
    add(Hostile("turtle-nested-blank-nodes.ttl",
                _text(prefix + f'{case} a skg:Case ; skg:caseId "t" ; skg:p ' + "[ skg:p " * 5000 + "1" + " ]" * 5000 + " .\n"),
                ("",)))
    add(Hostile("turtle-huge-integer.ttl",
                _text(prefix + f'{case} a skg:Case ; skg:caseId "t" ; skg:ageYears {"9" * 5000} .\n'), ("",)))
    add(Hostile("turtle-two-cases.ttl", _text(prefix + f'{case} a skg:Case ; skg:caseId "t" .\n'
                                             '<https://w3id.org/spinekg/case/u> a skg:Case ; skg:caseId "u" .\n'),
                ("exactly one skg:Case",)))
    add(Hostile("turtle-binary.ttl", _text(b"\x00\x01\x02" * 100), ("",)))
    add(Hostile("turtle-owl-imports.ttl", _text(prefix + f'{case} a skg:Case ; skg:caseId "t" ; '
                                                  '<http://www.w3.org/2002/07/owl#imports> <http://x/> .\n'),
                ("owl:imports",)))
    add(Hostile("turtle-many-triples.ttl", _text(prefix + f'{case} a skg:Case ; skg:caseId "t" .\n'
                                                  + "".join(f"{case[:-1]}/n{i}> a skg:Finding .\n" for i in range(20_001))),
                ("more than the limit",)))
    add(Hostile("turtle-many-problems.ttl", _text(prefix + f'{case} a skg:Case ; skg:caseId "t" .\n'
                                                   + "".join(f"<https://w3id.org/spinekg/case/other/n{i}> a skg:Finding .\n"
                                                             for i in range(19_000))),
                ("a node of another case",), line=True))  # once quadratic: each problem's line scanned every line
    # --- syntax ---
    add(Hostile("yaml-tab-indent.yaml", _text("id: x\npatient:\n\tage: 3\n"), ("malformed YAML",), line=True))
    add(Hostile("yaml-unclosed.yaml", _text("id: x\nimplants: [\n"), ("malformed YAML",), line=True))
    add(Hostile("json-unclosed.json", _text('{"id": "x",\n'), ("malformed JSON",), line=True))
    add(Hostile("json-single-quotes.json", _text("{'id': 'x'}"), ("malformed JSON",), line=True))
    add(Hostile("json-bom.json", _text("\ufeff" + json.dumps(valid)), ("malformed JSON",), line=True))
    add(Hostile("json-escaped-quotes.json", _text('{"id": "x", "title": "' + '\\"' * 2_000_000), ("malformed JSON",),
                line=True))  # once a quadratic scan
    add(Hostile("yaml-escaped-quotes.yaml", _text('id: x\ntitle: "' + '\\"' * 2_000_000), ("malformed YAML",),
                line=True))
    add(Hostile("json-many-brackets-in-strings.json",
                _text('{"id": "x", "title": "' + "[" * 1_000_000 + '", "a": ' + "[" * 33 + "]" * 33 + "}"),
                ("nests deeper than 32",), line=True))
    add(Hostile("wrong-suffix.txt", _text("id: x\n"), ("unknown file type",)))
    return items


def _value_at(data: object, keys: list) -> object:
    for k in keys:
        data = data[k]  # type: ignore[index]
    return data


def _yaml_with(data: dict, keys: list, raw: str) -> str:
    """YAML text of `data` with the value at `keys` replaced by `raw` written as is (e.g. a 5,000-digit number)."""
    marker = "__HOSTILE_VALUE__"
    return yaml.safe_dump(_set(data, keys, marker), sort_keys=False).replace(marker, raw)


def _slug(text: str) -> str:
    out = "".join(ch if ch.isalnum() else "-" for ch in text)
    return "-".join(p for p in out.split("-") if p)[:60] or "empty"


def write_corpus(folder: Path) -> list[tuple[Hostile, Path]]:
    """Make every hostile input in `folder` (each in its own sub-folder: a file name may repeat)."""
    out = []
    for i, h in enumerate(corpus()):
        sub = folder / f"{i:03d}"
        sub.mkdir(parents=True)
        path = sub / h.name
        h.make(path)
        out.append((h, path))
    return out
