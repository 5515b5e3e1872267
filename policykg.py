"""policykg: the composition root and command-line interface.

Every command is a thin skin over the library: it parses options, opens a store, calls
`loaders`, `graph` or `queries`, and prints in the requested `--format`. Errors reach the
user as one line naming the file or query and the reason, never as a traceback.
"""

from __future__ import annotations

import click


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="policykg")
def cli() -> None:
    """Build and query a knowledge graph of Chinese policy documents and their agencies."""


def main() -> None:
    """Console-script entry point."""
    cli()


if __name__ == "__main__":
    main()
