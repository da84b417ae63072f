"""The `spinekg draw` and `spinekg export` commands: a case's construct as a picture or as a graph file.

Both take CASE, the id of a case in the store (or the path of a case file, which is then validated
and reasoned in memory). Errors (unknown case, unknown file type, unwritable file) are one line on
stderr and exit status 1; never a traceback.
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

from .store_options import store_option

EXPORT_FORMATS = ("graphml", "json")


def _fail(message: str, code: int = 1) -> None:
    click.echo(f"spinekg: {message}", err=True)
    sys.exit(code)


def _case_file(case: str) -> Path | None:
    from .cases import SUFFIXES

    p = Path(case)
    return p if p.suffix.lower() in SUFFIXES and p.is_file() else None


def _load(case: str, store: str | None):
    """(asserted graph, inferred graph, case id) of a case in the store, or of a case file."""
    from .cases import CaseError

    path = _case_file(case)
    if path is not None:
        from .api import check_case
        from .reasoning import reason_case_graph

        try:
            loaded = check_case(path, str(path))
        except CaseError as exc:
            for prob in exc.problems:
                click.echo(str(prob), err=True)
            _fail(f"{case}: not a valid case file")
        return loaded.graph, reason_case_graph(loaded.graph, loaded.case_id), loaded.case_id

    from .cli import _open, store_name  # at run time: cli imports this module

    kg = _open(store)  # a store folder, or --endpoint (an external SPARQL server), as every command
    if kg.has_case(case):
        return kg.case_graph(case), kg.case_graph(case, inferred=True), case
    known = ", ".join(kg.case_ids()) or "none"
    where = store_name(kg)
    kg.close()  # release the store before exiting
    _fail(f"no case '{case}' in {where} (cases: {known}); give a case id or a case file")
    raise AssertionError  # unreachable: _fail exits


@click.command()
@click.argument("case")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="The picture to write: a .svg or .png file.")
@store_option
def draw(case: str, output: str, store: str | None) -> None:
    """Draw a case's construct (levels, rods, screws by status, failed connections) as SVG or PNG."""
    from .draw import FORMATS, draw_case

    if Path(output).suffix.lower() not in FORMATS:
        _fail(f"cannot draw to '{output}': the file name must end in .svg or .png")
    asserted, inferred, case_id = _load(case, store)
    try:
        draw_case(asserted, inferred, output, case_id)
    except OSError as exc:
        _fail(f"cannot write {output}: {exc.strerror or exc}")
    except Exception as exc:  # a clear message, never a traceback
        _fail(f"cannot draw case '{case_id}': {exc}")
    click.echo(f"wrote {output}")


@click.command()
@click.argument("case")
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), default=None,
              help="graphml, or json (node-link); default: from the -o file name, else json.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="The file to write (default: standard output).")
@store_option
def export(case: str, fmt: str | None, output: str | None, store: str | None) -> None:
    """Export a case's construct graph (levels, hardware, connections) as GraphML or node-link JSON."""
    from .construct_export import export as run
    from .construct_rdf import analyse_case

    if fmt is None:
        suffix = Path(output).suffix.lower() if output else ""
        fmt = "graphml" if suffix in {".graphml", ".xml"} else "json"
    asserted, _, case_id = _load(case, store)
    try:
        text = run(analyse_case(asserted, case_id).graph, fmt)
    except Exception as exc:  # a clear message, never a traceback
        _fail(f"cannot export case '{case_id}': {exc}")
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        Path(output).write_text(text, encoding="utf-8")
    except OSError as exc:
        _fail(f"cannot write {output}: {exc.strerror or exc}")
    click.echo(f"wrote {output}")


__all__ = ["draw", "export"]
