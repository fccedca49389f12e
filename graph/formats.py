"""One table of formats, looked up by short name, file extension or media type."""

from __future__ import annotations

from typing import NamedTuple

import pyoxigraph as ox

from ..errors import InputError


class Format(NamedTuple):
    name: str  # our short name, as typed after --format
    kind: str  # "rdf" (graphs, datasets) or "results" (SELECT/ASK) or "table"
    aliases: tuple[str, ...]  # other names, extensions and media types
    datasets: bool = False  # carries named graphs

    def rdf_format(self):
        return {
            "turtle": ox.RdfFormat.TURTLE,
            "ntriples": ox.RdfFormat.N_TRIPLES,
            "nquads": ox.RdfFormat.N_QUADS,
            "trig": ox.RdfFormat.TRIG,
            "jsonld": ox.RdfFormat.JSON_LD,
            "xml": ox.RdfFormat.RDF_XML,
        }[self.name]

    def results_format(self):
        return {
            "json": ox.QueryResultsFormat.JSON,
            "xml": ox.QueryResultsFormat.XML,
            "csv": ox.QueryResultsFormat.CSV,
            "tsv": ox.QueryResultsFormat.TSV,
        }[self.name]


RDF_FORMATS = (
    Format("turtle", "rdf", ("ttl", "text/turtle")),
    Format("ntriples", "rdf", ("nt", "n-triples", "application/n-triples")),
    Format("nquads", "rdf", ("nq", "n-quads", "application/n-quads"), datasets=True),
    Format("trig", "rdf", ("application/trig",), datasets=True),
    Format("jsonld", "rdf", ("json-ld", "application/ld+json"), datasets=True),
    Format("xml", "rdf", ("rdf", "rdfxml", "rdf/xml", "owl", "application/rdf+xml")),
)
RESULT_FORMATS = (
    Format("table", "table", ("text",)),
    Format("json", "results", ("srj", "application/sparql-results+json")),
    Format("xml", "results", ("srx", "application/sparql-results+xml")),
    Format("csv", "results", ("text/csv",)),
    Format("tsv", "results", ("text/tab-separated-values",)),
)


def lookup_format(table: tuple[Format, ...], value: str, what: str) -> Format:
    key = value.strip().lower().lstrip(".")
    for fmt in table:
        if key == fmt.name or key in fmt.aliases:
            return fmt
    names = ", ".join(fmt.name for fmt in table)
    raise InputError(f"unknown {what} format {value!r}; use one of: {names} (or an extension or media type)")


def rdf_format(value: str) -> Format:
    """An RDF serialisation by name ("turtle"), extension ("ttl") or media type ("text/turtle")."""
    return lookup_format(RDF_FORMATS, value, "RDF")


def results_format(value: str) -> Format:
    """A SELECT/ASK result format by name, extension or media type."""
    return lookup_format(RESULT_FORMATS, value, "result")


def rdf_format_for_path(path: str) -> Format:
    """The RDF format a file name's extension names."""
    suffix = path.rsplit(".", 1)[-1] if "." in path else ""
    return rdf_format(suffix) if suffix else rdf_format("turtle")


def syntax_error_message(source: str, error: SyntaxError) -> str:
    """One line naming the file, line and column of a parse error from pyoxigraph."""
    message = str(error.msg if hasattr(error, "msg") and error.msg else error)
    message = message.split("\n")[0]
    if error.lineno:
        return f"{source}:{error.lineno}:{error.offset or 1}: {message}"
    return f"{source}: {message}"
