"""The baseline for start-up: a two-command hello-world app on the same typer. `query` does
the engine work of `newsgraph query` and nothing else: open the store read-only with pyoxigraph,
run the query over its default graph (the merge of its graphs, as newsgraph keeps it), print CSV."""

import typer

app = typer.Typer()


@app.command()
def hi(name: str = "world") -> None:
    """Say hello."""
    typer.echo(f"hello {name}")


@app.command()
def query(store: str, text: str) -> None:
    """Run a SPARQL query on a pyoxigraph store; print CSV."""
    import pyoxigraph as ox

    results = ox.Store.read_only(store).query(text)
    typer.echo(results.serialize(format=ox.QueryResultsFormat.CSV).decode(), nl=False)


if __name__ == "__main__":
    app()
