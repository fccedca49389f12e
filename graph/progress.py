"""How the library reports progress. A function that does long work takes `progress`, called as
`progress(label, total)`; it returns a context manager whose `advance(step, note)` is called as
the work goes on. The command line passes one that draws on a terminal (console.Progress); the
default, `silent`, draws nothing."""

from __future__ import annotations


class silent:  # noqa: N801 - used like a function: progress=silent
    """Progress that shows nothing."""

    def __init__(self, label: str, total: int | None = None):
        pass

    def advance(self, step: int = 1, note: str = "") -> None:
        pass

    def __enter__(self) -> silent:
        return self

    def __exit__(self, *exc) -> None:
        pass
