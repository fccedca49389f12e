"""docs/ontology.html, the ontology's pyLODE page: complete, and what pyLODE writes from the ontology now."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest
from rdflib import OWL, RDF, Graph, URIRef

REPO = Path(__file__).resolve().parent.parent
PAGE = REPO / "docs" / "ontology.html"
ONTOLOGY = REPO / "ontology" / "newsgraph.ttl"
KINDS = {OWL.Class: "class", OWL.ObjectProperty: "object property", OWL.DatatypeProperty: "datatype property",
         OWL.AnnotationProperty: "annotation property"}


def _script():
    spec = importlib.util.spec_from_file_location("ontology_docs", REPO / "scripts" / "ontology_docs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_page_documents_every_class_and_property():
    ontology = Graph().parse(ONTOLOGY, format="turtle")
    page = PAGE.read_text(encoding="utf-8")
    # pyLODE gives each term a section whose first row is its IRI
    documented = set(re.findall(r"<th>IRI</th>\s*<td>\s*<code>([^<]+)</code>", page))
    terms = {term: name for kind, name in KINDS.items() for term in ontology.subjects(RDF.type, kind)
             if isinstance(term, URIRef)}
    assert len(terms) >= 200
    missing = sorted(f"{name} {term}" for term, name in terms.items() if str(term) not in documented)
    assert missing == []
    # and the header: version, prior version, namespace
    header = next(ontology.subjects(RDF.type, OWL.Ontology))
    for prop in (OWL.versionIRI, OWL.priorVersion):
        iri = ontology.value(header, prop)
        assert f'<a href="{iri}">{iri}</a>' in page
    assert '<a href="https://w3id.org/newsgraph/ontology#">ng:</a>' in page


def test_the_committed_page_is_what_pylode_writes_now():
    docs = _script()
    found = docs.pylode_version()
    if found != docs.PYLODE_VERSION:
        pytest.skip(f"pyLODE {docs.PYLODE_VERSION} is not installed (found: {found}); "
                    "pip install -e '.[docs]' to compare docs/ontology.html with a fresh page (.ci/run does)")
    assert docs.generate() == PAGE.read_text(encoding="utf-8"), \
        "docs/ontology.html is stale: run .venv/bin/python scripts/ontology_docs.py and commit it"
