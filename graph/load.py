"""Read RDF files of any format into quads, with errors that name the file, line and column."""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from .formats import rdf_format_for_path, syntax_error_message


def load_files(paths: list[Path]) -> list:
    """Parse every file (format from its extension) and return all quads; nothing is returned
    unless every file parses."""
    import pyoxigraph as ox

    quads = []
    for path in paths:
        fmt = rdf_format_for_path(str(path))
        try:
            with open(path, "rb") as handle:
                quads += list(ox.parse(handle, format=fmt.rdf_format(), base_iri=path.resolve().as_uri()))
        except FileNotFoundError:
            raise InputError(f"{path}: no such file") from None
        except SyntaxError as error:
            raise InputError(syntax_error_message(str(path), error)) from None
        except OSError as error:
            raise InputError(f"{path}: cannot read: {error.strerror or error}") from None
    return quads
