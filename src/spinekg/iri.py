"""IRIs that come from input (case files, reports, requests), checked before anything is written.

An IRI is accepted when it is an absolute IRI under RFC 3987 (checked by Oxigraph's parser, the one the
store itself uses) and holds none of the characters RFC 3987 excludes even in lenient parsers: spaces
and other whitespace, control characters, and ``<>"{}|\\^``` ``. Case files may point outside the
knowledge graph only with web addresses (``http``/``https``): a ``file:`` IRI or any other scheme in a
place that names a document is refused.
"""
from __future__ import annotations

import re

import pyoxigraph as ox

WEB_SCHEMES = ("http", "https")
_FORBIDDEN = re.compile(r'[\x00-\x20\x7f-\x9f<>"{}|\\^`]')
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


def names_a_document(text: str) -> bool:
    """Whether a free-text field (such as a case's ``source``) is meant as an address, so must be one.

    >>> names_a_document("https://radiopaedia.org/cases/1"), names_a_document("Radiopaedia case 1")
    (True, False)
    """
    low = text.lstrip().lower()
    return low.startswith(("http:", "https:", "file:", "www.")) or "://" in low


def iri_problem(text: str, *, schemes: tuple[str, ...] | None = None) -> str | None:
    """Why `text` is not an acceptable absolute IRI (None when it is).

    >>> iri_problem("https://example.org/case/1") is None
    True
    >>> iri_problem("http://x> . } } ; DROP ALL")
    "is not a valid IRI: it contains ' '"
    >>> iri_problem("file:///etc/passwd", schemes=WEB_SCHEMES)
    "is not a web address: the scheme 'file' is not allowed here (use http or https)"
    """
    bad = _FORBIDDEN.search(text)
    if bad:
        return f"is not a valid IRI: it contains {_show_char(bad.group(0))}"
    m = _SCHEME.match(text)
    if m is None:
        return "is not an absolute IRI (it needs a scheme such as https:)"
    scheme = m.group(0)[:-1].lower()
    if schemes is not None and scheme not in schemes:
        return (f"is not a web address: the scheme '{scheme}' is not allowed here "
                f"(use {' or '.join(schemes)})")
    try:
        ox.NamedNode(text)
    except ValueError as exc:
        return f"is not a valid IRI ({exc})"
    return None


def _show_char(ch: str) -> str:
    if ch == " ":
        return "' '"
    if ch.isprintable():
        return f"'{ch}'"
    return f"the control character U+{ord(ch):04X}"
