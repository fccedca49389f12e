"""Typed errors: every user-facing failure is one of these, turned into one line by the command
line (cli.py) or into an HTTP status by the server.

A message about one of the caller's settings names it by its Python parameter name, written
``{option}`` in the message and given as `option`: the command line shows its flag there
(``--allow-service``), the server its own words, a Python caller the parameter name."""


class NewsgraphError(Exception):
    """A failure the user can act on; its message is shown as one line, with this exit code."""

    exit_code = 2

    def __init__(self, message: str, option: str | None = None):
        super().__init__(message)
        self.option = option

    def __reduce__(self):  # keeps `option` across a worker process's pipe
        return type(self), (self.args[0], self.option)

    def explain(self, names: dict[str, str] | None = None) -> str:
        """The message, with the setting it is about named as the caller knows it."""
        message = self.args[0] if self.args else ""
        if self.option is None:
            return message
        return message.replace("{option}", (names or {}).get(self.option, self.option))

    def __str__(self) -> str:
        return self.explain()


class InputError(NewsgraphError):
    """Bad input: a malformed file or query, an unknown name, a bad parameter."""


class RefusedError(InputError):
    """A request newsgraph refuses by policy: a fetch from the network, a write to a read-only endpoint."""


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
