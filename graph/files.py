"""The user's files, read with one line for everything that can go wrong: a missing file, a
folder, no permission, text that is not UTF-8."""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError


def read_bytes(path: Path, what: str = "file") -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise unreadable(path, error, what) from None


def read_text(path: Path, what: str = "file") -> str:
    """The file as UTF-8 text."""
    data = read_bytes(path, what)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(f"{path}: the {what} is not UTF-8 text ({error.reason} at byte {error.start})") from None


def size(path: Path, what: str = "file") -> int:
    """The size of a file that can be read, in bytes."""
    try:
        if path.is_dir():
            raise IsADirectoryError(21, "Is a directory")
        return path.stat().st_size
    except OSError as error:
        raise unreadable(path, error, what) from None


def unreadable(path: Path | str, error: OSError, what: str = "file") -> InputError:
    if isinstance(error, FileNotFoundError):
        return InputError(f"{path}: no such {what}")
    return InputError(f"{path}: cannot read: {error.strerror or error}")
