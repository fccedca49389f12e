"""The newsgraph vocabulary: namespaces, the ontology file, and the prefixes used in output."""

from __future__ import annotations

from pathlib import Path

NG = "https://w3id.org/newsgraph/ontology#"
ID = "https://w3id.org/newsgraph/id/"
GRAPH = "https://w3id.org/newsgraph/graph/"
ONTOLOGY_IRI = "https://w3id.org/newsgraph/ontology"

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
OWL = "http://www.w3.org/2002/07/owl#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
TIME = "http://www.w3.org/2006/time#"
SCHEMA = "https://schema.org/"
ORG = "http://www.w3.org/ns/org#"
FOAF = "http://xmlns.com/foaf/0.1/"
SEM = "http://semanticweb.cs.vu.nl/2009/11/sem/"
GAF = "http://groundedannotationframework.org/gaf#"
GRASP = "http://groundedannotationframework.org/grasp#"
GRASPF = "http://groundedannotationframework.org/grasp/factuality#"
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
DCTERMS = "http://purl.org/dc/terms/"

# The prefixes every query gets and every export and table uses; order is output order.
PREFIXES: dict[str, str] = {
    "ng": NG,
    "ngid": ID,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "owl": OWL,
    "skos": SKOS,
    "dcterms": DCTERMS,
    "prov": PROV,
    "time": TIME,
    "schema": SCHEMA,
    "org": ORG,
    "foaf": FOAF,
    "sem": SEM,
    "gaf": GAF,
    "grasp": GRASP,
    "graspf": GRASPF,
    "nif": NIF,
    "ngsh": "https://w3id.org/newsgraph/shapes#",
}


def ontology_path() -> Path:
    """The Turtle file that is the source of truth of the ontology."""
    return Path(__file__).with_name("newsgraph.ttl")


def sparql_prologue() -> str:
    """PREFIX declarations for all project prefixes, for queries written without them."""
    return "".join(f"PREFIX {prefix}: <{iri}>\n" for prefix, iri in PREFIXES.items())


def shorten(iri: str) -> str:
    """A prefixed name for an IRI where one of our prefixes fits, else <iri>."""
    best = max((ns for ns in PREFIXES.values() if iri.startswith(ns)), key=len, default=None)
    if best is not None:
        local = iri[len(best):]
        if local and all(ch.isalnum() or ch in "-_." for ch in local) and not local.endswith("."):
            prefix = next(p for p, ns in PREFIXES.items() if ns == best)
            return f"{prefix}:{local}"
    return f"<{iri}>"


def expand(name: str) -> str:
    """The IRI of a prefixed name ("ngid:japan") or of an IRI written with or without <>."""
    name = name.strip()
    if name.startswith("<") and name.endswith(">"):
        return name[1:-1]
    prefix, sep, local = name.partition(":")
    if sep and prefix in PREFIXES and not local.startswith("//"):
        return PREFIXES[prefix] + local
    return name
