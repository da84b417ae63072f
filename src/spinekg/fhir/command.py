"""`spinekg fhir import|export`: FHIR R4 Bundles to cases, and a case's conclusions to FHIR resources.

Register it in the CLI with `main.add_command(fhir)`. Importing this module imports click only.
"""
from __future__ import annotations

import sys

import click

STORE_HELP = "Store folder (default: $SPINEKG_STORE, else ~/.local/share/spinekg/store)."


def _fail(message: str, code: int = 1) -> None:
    click.echo(f"spinekg: {message}", err=True)
    sys.exit(code)


def _open(store: str | None):
    from ..api import KnowledgeGraph
    from ..store import StoreError

    try:
        return KnowledgeGraph.open(store)
    except StoreError as exc:
        _fail(str(exc))
    except OSError as exc:
        _fail(f"cannot open the store: {exc}")


@click.group("fhir", context_settings={"help_option_names": ["-h", "--help"]})
def fhir() -> None:
    """HL7 FHIR R4: import a Bundle as a case, export a case's conclusions as FHIR resources."""


@fhir.command("import")
@click.argument("bundle", type=click.Path(dir_okay=False))
@click.option("--case-id", default=None, metavar="ID", help="Case id (default: fhir-<Patient id>).")
@click.option("--out", type=click.Path(dir_okay=False, writable=True), default=None, metavar="CASE.yaml",
              help="Write the case here (default: print it).")
@click.option("--format", "fmt", type=click.Choice(["yaml", "json"]), default="yaml")
@click.option("--load", is_flag=True, help="Also load and reason the case in the store.")
@click.option("--store", type=click.Path(file_okay=False), default=None, help=STORE_HELP)
@click.option("--no-text", is_flag=True, help="Do not read report text (DiagnosticReport.presentedForm).")
def import_(bundle: str, case_id: str | None, out: str | None, fmt: str, load: bool, store: str | None,
            no_text: bool) -> None:
    """Build a case from a FHIR R4 BUNDLE (JSON) for one patient; every fact keeps its source resource.

    The case is validated as a case file is; problems are located in the Bundle and nothing is loaded.
    """
    import json
    from pathlib import Path

    import yaml

    from ..cases import CaseError
    from ..cases.source import read_text
    from .to_case import bundle_text_to_case

    try:
        fc = bundle_text_to_case(read_text(Path(bundle), bundle), label=bundle, case_id=case_id, nlp=not no_text)
    except CaseError as exc:
        for prob in exc.problems:
            click.echo(str(prob))
        _fail("no case was built: fix the problems above")
    for note in fc.notes:
        click.echo(f"spinekg: note: {note}", err=True)
    text = json.dumps(fc.case, indent=1, ensure_ascii=False) + "\n" if fmt == "json" else \
        yaml.safe_dump(fc.case, sort_keys=False, allow_unicode=True, width=110)
    if out:
        try:
            Path(out).write_text(text, encoding="utf-8")
        except OSError as exc:
            _fail(f"{out}: cannot write the case ({exc.strerror or exc})")
        click.echo(f"wrote {out}: case '{fc.case_id}'", err=True)
    elif not load:
        click.echo(text, nl=False)
    if load:
        from ..cases import CaseError as _CaseError
        from ..store import StoreError

        kg = _open(store)
        try:
            ids = kg.load_cases([fc.loaded])
        except (StoreError, _CaseError) as exc:
            _fail(f"the case was not loaded: {exc}")
        from ..report import conclusions_summary

        click.echo(f"loaded case {', '.join(ids)}")
        click.echo(conclusions_summary(kg, fc.case_id))


@fhir.command("export")
@click.argument("case_id")
@click.option("--store", type=click.Path(file_okay=False), default=None, help=STORE_HELP)
@click.option("--out", type=click.Path(dir_okay=False, writable=True), default=None, metavar="BUNDLE.json",
              help="Write the Bundle here (default: print it).")
def export(case_id: str, store: str | None, out: str | None) -> None:
    """A stored case's conclusions as a FHIR R4 Bundle: DetectedIssue, RiskAssessment and Provenance."""
    import json
    from pathlib import Path

    from .export import case_bundle

    kg = _open(store)
    if not kg.has_case(case_id):
        _fail(f"no case '{case_id}' in the store (cases: {', '.join(kg.case_ids()) or 'none'})")
    text = json.dumps(case_bundle(kg, case_id), indent=1, ensure_ascii=False) + "\n"
    if out:
        try:
            Path(out).write_text(text, encoding="utf-8")
        except OSError as exc:
            _fail(f"{out}: cannot write the Bundle ({exc.strerror or exc})")
        click.echo(f"wrote {out}", err=True)
    else:
        click.echo(text, nl=False)


__all__ = ["fhir"]
