"""The `spinekg` command line: thin commands over the Python API (exit 0 ok, 1 invalid or failed, 2 usage)."""
from __future__ import annotations

import sys
from pathlib import Path

import click

FORMATS = click.Choice(["table", "json", "csv"])


def _width_option(f):
    return click.option("--width", type=click.IntRange(min=2), default=60, show_default=True,
                        help="Table cells longer than this are cut, ending in '…'.")(f)


def _fail(message: str, code: int = 1) -> None:
    click.echo(f"spinekg: {message}", err=True)
    sys.exit(code)


def _open(store: str | None):
    from .api import KnowledgeGraph
    from .store import StoreError

    meta = click.get_current_context().meta
    endpoint = meta.get("spinekg.endpoint")
    if endpoint and store:
        _fail("give either --store or --endpoint, not both", 2)
    try:
        if endpoint:
            kg = KnowledgeGraph.remote(endpoint, meta.get("spinekg.update_endpoint"), meta.get("spinekg.graph_store"),
                                       user=meta.get("spinekg.user"), password=meta.get("spinekg.password"))
        else:
            kg = KnowledgeGraph.open(store)
    except StoreError as exc:
        _fail(str(exc))
    except OSError as exc:
        _fail(f"cannot open the store: {exc}")
    if kg.rules_changed and kg.case_ids():
        click.echo("spinekg: note: the rules changed since these cases were reasoned; "
                   "run `spinekg reason` to update their conclusions", err=True)
    return kg


from .store_options import REMOTE_OPTIONS, STORE_HELP, _remember, store_option as _store_option  # noqa: E402,F401


def store_name(kg: object) -> str:
    """The store a command opened, in words: 'the store at PATH', 'the SPARQL server at URL' or 'memory'."""
    store = getattr(kg, "store", None)
    url = getattr(store, "query_url", None) or getattr(store, "url", None)
    if url:
        return f"the SPARQL server at {url}"
    path = getattr(store, "path", None)
    return f"the store at {path}" if path else "the in-memory store"


def _dask_options(f):
    f = click.option("--dask-timeout", type=click.FloatRange(min=0, min_open=True), default=10.0, show_default=True,
                     metavar="SECONDS", help="How long to wait for the Dask scheduler and a worker.")(f)
    return click.option("--dask", "dask_address", default=None, metavar="ADDRESS",
                        help="Reason on the workers of this Dask scheduler (tcp://host:8786); needs the 'dask' "
                             "extra here and on every worker.")(f)


def _dask_client(address: str | None, timeout: float):
    """A connected distributed.Client for --dask (None without it); one line and exit 1 if it cannot connect."""
    if address is None:
        return None
    from .reasoning.dask_driver import DaskError, connect

    try:
        return connect(address, timeout)
    except DaskError as exc:
        _fail(str(exc))


class _Main(click.Group):
    """The command group; store and network errors become one clear line, never a traceback."""

    def invoke(self, ctx: click.Context) -> object:
        from .store import StoreError

        try:
            return super().invoke(ctx)
        except StoreError as exc:
            _fail(str(exc))


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="spinekg")
def main() -> None:
    """spinekg: a knowledge graph and rules engine for postoperative spinal instrumentation."""


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
def validate(files: tuple[str, ...]) -> None:
    """Check case files (YAML, JSON, Turtle, JSON Lines); print one line per problem."""
    from .case_files import CaseFilesError, checked, expand
    from .cases import CaseError
    from .progress import Bars

    try:
        paths = expand(files)
    except CaseFilesError as exc:  # a problem like any other: the line starts with the path
        click.echo(str(exc))
        click.echo("1 problem(s) in 1 file(s)", err=True)
        sys.exit(1)
    bars = Bars()
    bars.start("validated", None)
    valid = problems = 0
    for item in checked(paths):
        bars.advance("validated")
        if isinstance(item, CaseError):
            for prob in item.problems:
                click.echo(str(prob))
            problems += len(item.problems)
        else:
            valid += 1
    bars.finish("validated")
    if problems:
        click.echo(f"{problems} problem(s) in {len(paths)} file(s)", err=True)
        sys.exit(1)
    click.echo(f"{valid} case(s) in {len(paths)} file(s) valid")


_workers_option = click.option("--workers", type=click.IntRange(1), default=None,
                               help="Processes for validation and reasoning (default: one per core).")
_quiet_option = click.option("--quiet", "-q", is_flag=True, help="No progress bars and no summary.")
_verbose_option = click.option("--verbose", "-v", is_flag=True, help="Every case's id (load) or conclusions (reason).")


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
@_store_option
@click.option("--no-reason", is_flag=True, help="Load without reasoning.")
@_workers_option
@_quiet_option
@_verbose_option
@_dask_options
def load(files: tuple[str, ...], store: str | None, no_reason: bool, workers: int | None, quiet: bool,
         verbose: bool, dask_address: str | None, dask_timeout: float) -> None:
    """Validate case files (and folders of them), then load them all in one batch, or none.

    Every case is validated before anything is written; a case loaded again is replaced. Memory stays
    bounded whatever the number of cases (README: "Loading a registry"). With --dask the cases are
    reasoned on a Dask cluster's workers.
    """
    from .case_files import CaseFilesError, expand
    from .cases import CaseError
    from .errors import SpinekgError
    from .loading import load_files
    from .progress import Bars
    from .report import counts_summary

    try:
        paths = expand(files)
    except CaseFilesError as exc:
        click.echo(str(exc))
        _fail("nothing was loaded: fix the problem above")
    kg = _open(store)
    bars = Bars(quiet=quiet)
    client = _dask_client(dask_address, dask_timeout) if not no_reason else None
    try:
        outcome = load_files(kg, paths, reason=not no_reason, workers=workers, progress=bars,
                             on_problem=lambda p: click.echo(str(p)), dask=client)
    except CaseError as exc:
        _fail(f"nothing was loaded: fix the {len(exc.problems)} problem(s) above")
    except SpinekgError as exc:  # StoreError, DaskError, ...: the batch was not committed
        _fail(f"{exc}; nothing was loaded")
    finally:
        if client is not None:
            client.close()
    ids = outcome.ids
    shown = ids if verbose or len(ids) <= 20 else ids[:20]
    click.echo(f"loaded {len(ids)} case(s): {', '.join(shown)}{' ...' if len(shown) < len(ids) else ''}")
    if not quiet:
        click.echo(bars.summary(), err=True)
        if not no_reason and len(ids) > 1:
            click.echo(counts_summary(len(ids), outcome.conclusions, verb="loaded and reasoned"))


@main.command()
@_store_option
@click.option("--format", "fmt", type=FORMATS, default="table")
def cases(store: str | None, fmt: str) -> None:
    """List the cases in the store."""
    import json

    rows = _open(store).cases()
    if fmt == "json":
        click.echo(json.dumps(rows, indent=1))
        return
    if fmt == "csv":
        import csv
        import io

        buf = io.StringIO()
        writer = csv.DictWriter(buf, ["id", "title", "constructed", "implants", "findings"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        click.echo(buf.getvalue(), nl=False)
        return
    for r in rows:
        tag = " (constructed)" if r["constructed"] else ""
        click.echo(f"{r['id']}{tag}: {r['implants']} implants, {r['findings']} findings - {r['title']}")
    click.echo(f"({len(rows)} case(s))")


@main.command()
@click.argument("query")
@_store_option
@click.option("--format", "fmt", type=FORMATS, default="table",
              help="table, json (SPARQL results JSON; JSON-LD for CONSTRUCT and DESCRIBE) or csv.")
@_width_option
def sparql(query: str, store: str | None, fmt: str, width: int) -> None:
    """Run a SPARQL query (text, or a .rq file) over the union of all graphs."""
    from .store import StoreError

    text = query
    p = Path(query)
    if query.endswith((".rq", ".sparql")) or (len(query) < 256 and "\n" not in query and p.is_file()):
        try:
            text = p.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            _fail(f"{query}: cannot read the query file: {exc}", 1)
    kg = _open(store)
    try:
        res = kg.sparql(text)
    except StoreError as exc:
        _fail(str(exc))
    click.echo(res.render(fmt, width=width))


@main.command()
@click.argument("name", required=False)
@click.option("--param", "-p", "params", multiple=True, metavar="KEY=VALUE", help="A query parameter (repeatable).")
@_store_option
@click.option("--format", "fmt", type=FORMATS, default="table")
@click.option("--list", "list_", is_flag=True, help="List the named queries and their parameters.")
@_width_option
def query(name: str | None, params: tuple[str, ...], store: str | None, fmt: str, list_: bool, width: int) -> None:
    """Run a named query from the library (see --list)."""
    from .queries import QueryError, get_query, load_queries, parse_param_args
    from .store import StoreError

    if list_ or not name:
        for q in load_queries().values():
            click.echo(f"{q.name}: {q.description}")
            for p in q.params:
                default = f" (default {p.default})" if p.default is not None else " (required)" if p.required else ""
                click.echo(f"    --param {p.name}=<{p.type}>{default}: {p.description}")
        if not name and not list_:
            sys.exit(2)
        return
    try:
        q = get_query(name)
        text = q.bind(parse_param_args(params))
    except QueryError as exc:
        _fail(str(exc), 2)
    kg = _open(store)
    try:
        res = kg.sparql(text)
    except StoreError as exc:
        _fail(f"{q.file}: {exc}")
    click.echo(res.render(fmt, width=width))


@main.command()
@_store_option
@click.option("--case", "case_id", default=None, help="Reason over one case only.")
@click.option("--pretest", type=click.FloatRange(0, 1, min_open=True, max_open=True), default=None,
              help="Pretest probability of screw loosening for these cases, instead of the default; kept with "
                   "each case until changed.")
@click.option("--pretest-basis", type=click.Choice(["per-screw", "per-patient"]), default=None,
              help="Take the default pretest per screw (the default: Ginat 2017) or per patient (Marie-Hardy 2020, "
                   "Rometsch 2020 with osteoporosis); kept with each case until changed.")
@click.option("--default-pretest", is_flag=True, help="Go back to the default pretest probabilities.")
@_workers_option
@_quiet_option
@_verbose_option
@_dask_options
def reason(store: str | None, case_id: str | None, pretest: float | None, pretest_basis: str | None,
           default_pretest: bool, workers: int | None, quiet: bool, verbose: bool, dask_address: str | None,
           dask_timeout: float) -> None:
    """Re-derive conclusions (with derivations) for one case or all cases, in one batch.

    One case: its conclusions. All cases: a summary (how many cases drew each kind of conclusion);
    --verbose adds every case's conclusions. With --dask the cases are reasoned on a Dask cluster.
    """
    from .errors import SpinekgError
    from .progress import Bars
    from .report import conclusions_summary, counts_summary

    if (pretest is not None or pretest_basis is not None) and default_pretest:
        _fail("give --pretest or --pretest-basis, or --default-pretest, not both", 2)
    kg = _open(store)
    if case_id and not kg.has_case(case_id):
        _fail(f"no case '{case_id}' in {store_name(kg)} (cases: {', '.join(kg.case_ids()) or 'none'})")
    bars = Bars(quiet=quiet)
    client = _dask_client(dask_address, dask_timeout)
    try:
        outcome = kg.reason_outcome(case_id, pretest=pretest, pretest_basis=pretest_basis,
                                    default_pretest=default_pretest, workers=workers, progress=bars,
                                    dask=client)
    except SpinekgError as exc:  # StoreError, DaskError, ...
        _fail(str(exc))
    finally:
        if client is not None:
            client.close()
    if case_id or verbose:
        for cid in outcome.ids:
            click.echo(conclusions_summary(kg, cid))
    if not quiet:
        click.echo(bars.summary(), err=True)
        if not case_id:
            click.echo(counts_summary(len(outcome.ids), outcome.conclusions))


@main.command()
@click.argument("case_id")
@_store_option
@click.option("--conclusion", default=None, help="Only conclusions matching this (IRI ending, class name or words).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def explain(case_id: str, store: str | None, conclusion: str | None, fmt: str) -> None:
    """Explain a case's conclusions down to the reported facts and the evidence."""
    from .reasoning.explain import ExplainError
    from .reasoning.explain import explain as run

    kg = _open(store)
    if not kg.has_case(case_id):
        _fail(f"no case '{case_id}' in {store_name(kg)} (cases: {', '.join(kg.case_ids()) or 'none'})")
    try:
        click.echo(run(kg.case_graph(case_id), kg.case_graph(case_id, inferred=True), conclusion, fmt), nl=False)
    except ExplainError as exc:
        _fail(str(exc))


@main.command()
@_store_option
def demo(store: str | None) -> None:
    """Load the bundled cases, validate, reason, and print each case's summary and conclusions."""
    from .report import run_demo

    run_demo(_open(store))


from .construct_command import draw, export  # noqa: E402
from .fhir.command import fhir  # noqa: E402
from .nlp.command import ingest  # noqa: E402
from .server.command import serve  # noqa: E402
from .synth_command import synth  # noqa: E402

main.add_command(draw)
main.add_command(export)
main.add_command(fhir)
main.add_command(ingest)
main.add_command(serve)
main.add_command(synth)

if __name__ == "__main__":  # pragma: no cover
    main()
