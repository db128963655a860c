"""The command line: a thin typer layer over `dxtrack.api`."""
