"""`spinekg synth`: write a synthetic case registry (registered in cli.py)."""
from __future__ import annotations

import sys

import click


@click.command()
@click.option("--cases", "n", type=click.IntRange(min=1), required=True, help="How many cases to write.")
@click.option("--seed", type=int, default=0, show_default=True, help="Random seed (same seed, same cases).")
@click.option("--out", "out", type=click.Path(file_okay=False), required=True, help="Folder to write the cases to.")
@click.option("--format", "fmt", type=click.Choice(["yaml", "jsonl"]), default="yaml", show_default=True,
              help="One YAML file per case, or JSON Lines (one case a line; faster to load).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def synth(n: int, seed: int, out: str, fmt: str, quiet: bool) -> None:
    """Write N realistic synthetic cases (valid case files, deterministic by seed) to a folder."""
    from .synth import write_registry

    try:
        if quiet or n < 200:
            files = write_registry(out, n, seed, fmt)
        else:
            with click.progressbar(length=n, label=f"writing {n} cases", file=sys.stderr) as bar:
                files = write_registry(out, n, seed, fmt, progress=bar.update)
    except OSError as exc:
        click.echo(f"spinekg: cannot write to {out}: {exc}", err=True)
        sys.exit(1)
    click.echo(f"wrote {n} synthetic case(s) (seed {seed}) to {out} in {len(files)} file(s)")
