"""The terminal, in one place: data to stdout, diagnostics and progress to stderr, tables that fit
the terminal, JSON, files written atomically, and the time limit that ends a command.

Tables fit the terminal's width and have a bold header; in a pipe nothing is cut and no escape
code is written, and NO_COLOR turns the bold off. Progress is drawn on a terminal only, for work
that runs over a second.
"""

import os
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from .errors import InputError, NewsgraphError, QueryTimeoutError


def echo(text: str = "", nl: bool = True) -> None:
    """A line of data on stdout."""
    sys.stdout.write(text + ("\n" if nl else ""))
    sys.stdout.flush()


def note(text: str) -> None:
    """A line of diagnostics on stderr."""
    sys.stderr.write(text + "\n")
    sys.stderr.flush()


def error_line(error: NewsgraphError, option_names: dict[str, str]) -> int:
    """The one line for a library error, on stderr, with each setting named as `option_names`
    says (the command line's flags); returns the error's exit code."""
    note(f"Error: {error.explain(option_names)}")
    return error.exit_code


def print_json(value) -> None:
    import json  # here: most commands print no JSON, and json costs every command's start-up

    echo(json.dumps(value, indent=2, ensure_ascii=False))


def on_terminal() -> bool:
    return sys.stdout.isatty()


def write_data(data: bytes, path: Path | None = None) -> None:
    """`data` to standard output, or (for a path other than None or '-') to that file through a
    temporary file in the same folder and a rename, so a reader never sees half a file. The file
    gets the permissions a new file gets from the user's umask. A path that is not a regular file
    (a device such as /dev/null, a pipe) is written in place: a rename would replace it. Failures
    (no folder, no permission, a full disk) are one InputError line."""
    import stat

    if path is None or str(path) == "-":
        try:
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
        except BrokenPipeError:
            raise
        except OSError as error:
            raise InputError(f"cannot write to standard output: {error.strerror or error}") from None
        return
    try:
        if path.exists() and not stat.S_ISREG(path.stat().st_mode):
            if path.is_dir():
                raise IsADirectoryError(21, "Is a directory")
            with open(path, "wb") as out:
                out.write(data)
            return
        _write_atomically(data, path)
    except OSError as error:
        raise InputError(f"{path}: cannot write: {error.strerror or error}") from None


def _write_atomically(data: bytes, path: Path) -> None:
    import tempfile

    folder = path.parent if str(path.parent) else Path(".")
    if not path.name or path.name in (".", ".."):
        raise IsADirectoryError(21, "Is a directory")
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.fchmod(handle, 0o666 & ~umask)  # mkstemp makes the file 0600
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def table(headers: list[str], rows: list[list[str]], width: int | None = None, colour: bool | None = None) -> str:
    """A plain-text table with a header rule; cells are single-line. On a terminal the table fits
    its width (the widest columns are cut, marked "…") and the header is bold unless NO_COLOR is
    set; in a pipe nothing is cut and no escape code is written."""
    import shutil

    terminal = on_terminal()
    width = width if width is not None else (shutil.get_terminal_size().columns if terminal else None)
    colour = colour if colour is not None else (terminal and not os.environ.get("NO_COLOR"))
    rows = [[cell.replace("\n", " ") for cell in row] for row in rows]
    widths = [max([len(header)] + [len(row[i]) for row in rows]) for i, header in enumerate(headers)]
    while width and sum(widths) + 2 * (len(widths) - 1) > width and max(widths) > 8:
        widest = widths.index(max(widths))
        widths[widest] -= 1
    rows = [[cell if len(cell) <= widths[i] else cell[: widths[i] - 1] + "…" for i, cell in enumerate(row)] for row in rows]
    headers = [h if len(h) <= widths[i] else h[: widths[i] - 1] + "…" for i, h in enumerate(headers)]
    header_line = "  ".join(header.ljust(widths[i]) for i, header in enumerate(headers)).rstrip()
    lines = [f"\033[1m{header_line}\033[0m" if colour else header_line]
    lines.append("  ".join("-" * width for width in widths))
    lines += ["  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip() for row in rows]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines) + "\n"


class Progress:
    """Progress on stderr for work that runs over a second, and only on a terminal (never in pipes
    or logs, where it would be noise). Passed to the library as its `progress`."""

    def __init__(self, label: str, total: int | None = None, stream=None):
        self.label = label
        self.total = total
        self.done = 0
        self.stream = stream or sys.stderr
        self.started = time.monotonic()
        self.shown = False
        self.enabled = self.stream.isatty()

    def advance(self, step: int = 1, note: str = "") -> None:
        self.done += step
        if not self.enabled or time.monotonic() - self.started < 1.0:
            return
        amount = f"{self.done}/{self.total}" if self.total else str(self.done)
        self.stream.write(f"\r{self.label}: {amount} {note}"[:120].ljust(60))
        self.stream.flush()
        self.shown = True

    def __enter__(self) -> "Progress":
        return self

    def __exit__(self, *exc) -> None:
        if self.shown:
            self.stream.write(f"\r{self.label}: done in {time.monotonic() - self.started:.1f} s".ljust(60) + "\n")
            self.stream.flush()


@contextmanager
def time_limit(seconds: float, what: str):
    """End this process with exit code 3 if the block runs past `seconds`. pyoxigraph cannot
    cancel a query or an update, but it releases the GIL while it works, so a timer thread can end
    the process: the store's lock and any unfinished transaction end with it. Running in place
    rather than in a forked worker keeps a command's start-up short."""
    import threading

    finishing = threading.Lock()
    finished = False

    def stop() -> None:
        with finishing:  # never while the block's results are being written
            if not finished:
                os._exit(error_line(QueryTimeoutError.stopped(what, seconds), {}))

    timer = threading.Timer(seconds, stop)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with finishing:
            finished = True
        timer.cancel()
