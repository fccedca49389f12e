"""The baseline for start-up: a two-command hello-world app on the same typer."""

import typer

app = typer.Typer()


@app.command()
def hi(name: str = "world") -> None:
    """Say hello."""
    typer.echo(f"hello {name}")


@app.command()
def bye() -> None:
    """Say goodbye."""
    typer.echo("bye")


if __name__ == "__main__":
    app()
