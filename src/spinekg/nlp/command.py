"""`spinekg ingest`: a free-text imaging report to a case file (and, with --load, into the store).

Register it in the CLI with:

    from .nlp.command import ingest
    main.add_command(ingest)

Importing this module imports click only; spaCy and medspaCy are imported when the command runs.
"""
from __future__ import annotations

import sys
from typing import NoReturn

import click

from ..store_options import store_option


def _fail(message: str, code: int = 1) -> NoReturn:
    click.echo(f"spinekg: {message}", err=True)
    sys.exit(code)


@click.command("ingest")
@click.argument("report", type=click.Path(dir_okay=True, allow_dash=False))
@click.option("--case-id", "case_id", default=None, metavar="ID",
              help="Case id (default: the context's id, else the report file name).")
@click.option("--context", "context", type=click.Path(dir_okay=False), default=None, metavar="FILE",
              help="Clinical history in the case format (YAML/JSON): patient, procedures, studies, outcomes.")
@click.option("--out", "out", type=click.Path(dir_okay=False, writable=True), default=None, metavar="CASE.yaml",
              help="Write the case here (default: print it). Provenance is written as comments.")
@click.option("--format", "fmt", type=click.Choice(["yaml", "json"]), default="yaml",
              help="yaml: the case with provenance comments; json: {case, provenance, notes}.")
@click.option("--load", "load", is_flag=True, help="Also validate, load and reason the case in the store.")
@store_option
def ingest(report: str, case_id: str | None, context: str | None, out: str | None, fmt: str, load: bool,
           store: str | None) -> None:
    """Extract hardware findings from a free-text spine imaging REPORT into a case.

    The report must be UTF-8 text of at most 256 KiB (one report per file). Every finding keeps its
    provenance: its `text` is the report sentence, and the comment above it gives the character
    offsets and the matched words. Runs offline (medspaCy rules, no models).
    """
    from pathlib import Path

    from . import NLPUnavailable, ingest_file
    from .case import IngestError
    from .report import ReportError

    try:
        result = ingest_file(Path(report), case_id=case_id, context=context)
    except ReportError as exc:
        _fail(str(exc))
    except IngestError as exc:
        for prob in exc.problems:
            click.echo(str(prob), err=True)
        _fail("no case was written: fix the problems above")
    except NLPUnavailable as exc:
        _fail(str(exc))
    text = result.to_json() + "\n" if fmt == "json" else result.to_yaml()
    n_imp = len(result.case.get("implants") or [])
    n_find = len(result.provenance)
    if not result.has_hardware:
        click.echo(f"spinekg: {report}: no spinal hardware was found in the report; the case has no implants "
                   f"or findings", err=True)
    if out:
        try:
            Path(out).write_text(text, encoding="utf-8")
        except OSError as exc:
            _fail(f"{out}: cannot write the case ({exc.strerror or exc})")
        click.echo(f"wrote {out}: case '{result.case_id}', {n_imp} implant(s), {n_find} finding(s) from the report"
                   + (f", {len(result.notes)} note(s) on facts not in the case (see the comments)" if result.notes else ""),
                   err=True)
    else:
        click.echo(text, nl=False)
    if load:
        from ..cases import CaseError
        from ..store import StoreError
        from ..validate import shacl_problems
        from ..vocab import case_iri

        loaded = result.loaded
        if loaded is None:  # pragma: no cover - build_case always loads the case it returns
            _fail("the case was not loaded: it could not be built")
        shapes = shacl_problems(loaded.graph, loaded.source, case_iri(result.case_id))
        if shapes:
            for prob in shapes:
                click.echo(str(prob), err=True)
            _fail("the case was not loaded: it does not conform to the shapes (see above)")
        from ..cli import _open  # the store folder or --endpoint, as every command

        kg = _open(store)
        try:
            ids = kg.load_cases([loaded])
        except (StoreError, CaseError, OSError) as exc:
            problems = getattr(exc, "problems", None)
            for prob in problems or []:
                click.echo(str(prob), err=True)
            _fail(f"the case was not loaded: {exc if not problems else 'see the problems above'}")
        from ..cli import store_name

        click.echo(f"loaded case {', '.join(ids)} into {store_name(kg)}", err=True)


if __name__ == "__main__":  # pragma: no cover - `python -m spinekg.nlp.command REPORT ...`
    ingest()
