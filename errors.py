"""Typed errors: every user-facing failure is one of these, turned into one line in cli.py."""


class NewsgraphError(Exception):
    """A failure the user can act on; its message is shown as one line, with this exit code."""

    exit_code = 2


class InputError(NewsgraphError):
    """Bad input: a malformed file or query, an unknown name, a bad parameter."""


class StoreBusyError(NewsgraphError):
    """Another process holds the store."""


class QueryTimeoutError(NewsgraphError):
    """A query ran past its time limit and was stopped."""

    exit_code = 3

    @classmethod
    def stopped(cls, what: str, seconds: float) -> "QueryTimeoutError":
        """A query or update of ours, stopped at its limit."""
        return cls(f"{what} timed out after {seconds:g} s and was stopped")


class ReasonerError(NewsgraphError):
    """The reasoner could not run (no Java, HermiT failed)."""
