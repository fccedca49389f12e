"""Pictures of the graph: an entity's neighbourhood, everything one article says, and the timeline.

Layout is Graphviz's (through the `graphviz` package; the `dot` program comes from the system:
Debian's graphviz). Nodes carry their label and kind; edges their property's label. A reported
claim is drawn by its certainty: solid for certain, dashed for probable, dotted for possible, with
its source in the edge label. Entities linked by owl:sameAs across articles are drawn once.
The HTML view is one self-contained file: the SVG, pan and zoom, and a click on a node shows its
evidence sentences.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import graphviz
import pyoxigraph as ox

from ...errors import InputError
from ...ontology import RDF, RDFS, shorten
from ...ontology.graphs import ONTOLOGY_GRAPH, article_graph, sparql_fact_graph_test
from ..link.resolve import same_as_representatives
from .describe import find_entity
from .readable import in_words
from .timeline import TimelineEvent

if TYPE_CHECKING:
    from ..store import Store

STYLE = {"certain": "solid", "probable": "dashed", "possible": "dotted"}
SKIP_PREDICATES = {RDF + "type", RDFS + "label", "http://www.w3.org/2004/02/skos/core#altLabel",
                   "http://xmlns.com/foaf/0.1/name", "http://xmlns.com/foaf/0.1/givenName",
                   "http://xmlns.com/foaf/0.1/familyName", "http://www.w3.org/2002/07/owl#sameAs",
                   # the statement nodes of imported pages describe evidence, not the world
                   RDF + "subject", RDF + "predicate", RDF + "object"}


@dataclass
class Picture:
    title: str
    nodes: dict[str, dict] = field(default_factory=dict)  # IRI -> {label, kind, details, evidence}
    edges: dict[tuple, dict] = field(default_factory=dict)  # (s, p, o) -> {label, certainty, source}


def _fact_triples(store: Store, subject_or_object: str | None = None, graph: str | None = None) -> list[tuple]:
    """Object-property facts (IRI to IRI) outside the evidence and ontology graphs."""
    where = f"GRAPH <{graph}> {{ ?s ?p ?o }}" if graph else f"GRAPH ?g {{ ?s ?p ?o }} FILTER{sparql_fact_graph_test()}"
    bindings = {}
    if subject_or_object:
        where += " FILTER(?s = ?focus || ?o = ?focus)"
        bindings = {"focus": ox.NamedNode(subject_or_object)}
    rows = store.query(f"SELECT DISTINCT ?focus ?s ?p ?o WHERE {{ {where} FILTER(isIRI(?o)) }}" if subject_or_object else
                       f"SELECT DISTINCT ?s ?p ?o WHERE {{ {where} FILTER(isIRI(?o)) }}", bindings)
    return [(r["s"].value, r["p"].value, r["o"].value) for r in rows if r["p"].value not in SKIP_PREDICATES]


def _describe_nodes(store: Store, picture: Picture, iris: set[str]) -> None:
    for iri in sorted(iris):
        node = picture.nodes.setdefault(iri, {"label": "", "kind": "", "details": [], "evidence": []})
        for row in store.query("""
            SELECT ?e ?label ?kind ?value ?currency ?day ?month ?year WHERE {
              OPTIONAL { ?e rdfs:label ?label }
              OPTIONAL { ?e a ?type . ?type rdfs:label ?kind }
              OPTIONAL { ?e schema:value|schema:maxValue|schema:minValue ?value }
              OPTIONAL { ?e schema:currency ?currency }
              OPTIONAL { ?e time:inXSDDate ?day } OPTIONAL { ?e time:inXSDgYearMonth ?month } OPTIONAL { ?e time:inXSDgYear ?year }
            } LIMIT 1""", {"e": ox.NamedNode(iri)}):
            node["label"] = row["label"].value if row["label"] is not None else ""
            node["kind"] = row["kind"].value if row["kind"] is not None else ""
            if row["value"] is not None:
                unit = row["currency"].value if row["currency"] is not None else "%"
                node["label"] = node["label"] or f"{_amount(row['value'].value)} {unit}"
            when = next((row[k].value for k in ("day", "month", "year") if row[k] is not None), None)
            if when:
                node["label"] = node["label"] or when
        node["label"] = node["label"] or shorten(iri)
        for row in store.query("""
            SELECT DISTINCT ?e ?sentence ?source WHERE {
              ?st rdf:subject ?e ; gaf:denotedBy ?m . ?m nif:sentence/nif:anchorOf ?sentence ;
                 grasp:wasAttributedTo/rdfs:label ?source ; nif:beginIndex ?b } ORDER BY ?b LIMIT 5""", {"e": ox.NamedNode(iri)}):
            node["evidence"].append({"sentence": row["sentence"].value, "source": row["source"].value})


def _amount(value: str) -> str:
    return in_words(float(value))


def _describe_edges(store: Store, picture: Picture, triples: list[tuple], canonical: dict[str, str]) -> None:
    labels = {row["p"].value: row["l"].value for row in store.query(
        f"SELECT ?p ?l WHERE {{ GRAPH <{ONTOLOGY_GRAPH}> {{ ?p rdfs:label ?l }} }}")}
    for s, p, o in triples:
        key = (canonical.get(s, s), p, canonical.get(o, o))
        certainty, source = "certain", ""
        for row in store.query("""
            SELECT ?s ?p ?o ?certainty ?source WHERE {
              ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; gaf:denotedBy ?m .
              ?m grasp:hasAttribution/rdf:value/rdfs:label ?certainty ; grasp:wasAttributedTo/rdfs:label ?source } LIMIT 1""",
                {"s": ox.NamedNode(s), "p": ox.NamedNode(p), "o": ox.NamedNode(o)}):
            certainty, source = row["certainty"].value, row["source"].value
        picture.edges.setdefault(key, {"label": labels.get(p, shorten(p)), "certainty": certainty, "source": source})


def entity_picture(store: Store, reference: str, depth: int = 1) -> Picture:
    if depth < 1 or depth > 3:
        raise InputError("{option} must be 1, 2 or 3", "depth")
    found = find_entity(store, reference)
    canonical = same_as_representatives(store)
    center = canonical.get(found, found)
    members = {iri for iri, root in canonical.items() if root == center} | {center}
    frontier, seen, triples = set(members), set(members), []
    for _ in range(depth):
        reached = set()
        for iri in sorted(frontier):
            for s, p, o in _fact_triples(store, iri):
                triples.append((s, p, o))
                reached |= {canonical.get(s, s), canonical.get(o, o)}
        frontier = reached - seen
        seen |= reached
    picture = Picture(f"{reference}: {depth} step{'s' if depth > 1 else ''} around it")
    _describe_nodes(store, picture, {canonical.get(x, x) for t in triples for x in (t[0], t[2])} | {center})
    _describe_edges(store, picture, triples, canonical)
    picture.nodes[center]["center"] = True
    return picture


def article_picture(store: Store, article: str) -> Picture:
    graphs = store.graph_names()
    graph = article if article in graphs else article_graph(article.rsplit("/", 1)[-1])
    if graph not in graphs:
        raise InputError(f"no article graph for {article!r}; `newsgraph stats` lists the graphs")
    canonical = same_as_representatives(store)
    triples = _fact_triples(store, graph=graph)
    picture = Picture(f"everything {article} says")
    _describe_nodes(store, picture, {canonical.get(x, x) for t in triples for x in (t[0], t[2])})
    _describe_edges(store, picture, triples, canonical)
    return picture


def to_graphviz(picture: Picture):
    dot = graphviz.Digraph("newsgraph", graph_attr={
        "rankdir": "LR", "fontname": "Helvetica", "fontsize": "11", "label": picture.title, "labelloc": "t",
        "nodesep": "0.35", "ranksep": "0.9", "overlap": "false", "splines": "true", "bgcolor": "white"},
        node_attr={"shape": "box", "style": "rounded,filled", "fillcolor": "#f3f5f9", "color": "#7a8699",
                   "fontname": "Helvetica", "fontsize": "10"},
        edge_attr={"fontname": "Helvetica", "fontsize": "8", "color": "#56627a", "fontcolor": "#3b4456"})
    ids = {iri: f"n{index}" for index, iri in enumerate(sorted(picture.nodes))}
    for iri, node in sorted(picture.nodes.items()):
        label = node["label"] if not node["kind"] else f"{node['label']}\n({node['kind']})"
        dot.node(ids[iri], label=_wrap(label), tooltip=iri, id=ids[iri], URL=f"#{ids[iri]}",
                 **({"fillcolor": "#dfe8fb", "penwidth": "2"} if node.get("center") else {}))
    for (s, p, o), edge in sorted(picture.edges.items()):
        if s not in ids or o not in ids:
            continue
        label = edge["label"] + (f"\n[{_short_source(edge['source'])}, {edge['certainty']}]" if edge["certainty"] != "certain" else "")
        dot.edge(ids[s], ids[o], label=label, style=STYLE.get(edge["certainty"], "solid"))
    return dot, ids


def _short_source(source: str) -> str:
    return source.split(":")[0].split(",")[0]


def _wrap(text: str, width: int = 28) -> str:
    words, lines, line = text.replace("\n", " \n ").split(" "), [], ""
    for word in words:
        if word == "\n":
            lines.append(line)
            line = ""
        elif len(line) + len(word) + 1 > width and line:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "\n".join(lines)


def render_picture(picture: Picture, fmt: str) -> bytes:
    """svg, png or html (self-contained: pan, zoom, click a node for its evidence)."""
    if not picture.nodes:
        raise InputError("nothing to draw")
    dot, ids = to_graphviz(picture)
    if fmt in ("svg", "png"):
        return _draw(dot, fmt)
    svg = _draw(dot, "svg").decode("utf-8")
    evidence = {ids[iri]: {"label": node["label"], "kind": node["kind"], "iri": iri, "evidence": node["evidence"]}
                for iri, node in picture.nodes.items()}
    return _HTML.replace("__TITLE__", html.escape(picture.title)).replace("__SVG__", svg[svg.index("<svg"):]).replace(
        "__DATA__", json.dumps(evidence).replace("</", "<\\/")).encode("utf-8")


_HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>__TITLE__</title>
<style>
body { margin: 0; font: 14px/1.4 system-ui, sans-serif; display: grid; grid-template-columns: 1fr 340px; height: 100vh; }
#view { overflow: hidden; cursor: grab; background: #fff; }
#view svg { transform-origin: 0 0; }
aside { border-left: 1px solid #dde1e7; padding: 12px; overflow: auto; background: #f6f7f9; }
blockquote { margin: 8px 0; padding: 6px 8px; background: #fff; border-left: 3px solid #7a8699; }
</style></head>
<body><div id="view">__SVG__</div>
<aside><h2 id="name">Click a node</h2><p id="kind"></p><div id="evidence">Its evidence sentences appear here.
Drag to pan, wheel to zoom.</div></aside>
<script>
"use strict";
const data = __DATA__;
const view = document.getElementById("view"), svg = view.querySelector("svg");
let scale = 1, x = 0, y = 0, drag = null;
function apply() { svg.style.transform = `translate(${x}px, ${y}px) scale(${scale})`; }
view.addEventListener("wheel", e => { e.preventDefault(); scale *= e.deltaY < 0 ? 1.1 : 0.9; apply(); });
view.addEventListener("mousedown", e => { drag = [e.clientX - x, e.clientY - y]; });
window.addEventListener("mouseup", () => { drag = null; });
window.addEventListener("mousemove", e => { if (drag) { x = e.clientX - drag[0]; y = e.clientY - drag[1]; apply(); } });
function show(id) {
  const node = data[id]; if (!node) return;
  document.getElementById("name").textContent = node.label;
  document.getElementById("kind").textContent = node.kind + " — " + node.iri;
  const box = document.getElementById("evidence"); box.replaceChildren();
  if (!node.evidence.length) box.textContent = "No sentence grounds this node directly.";
  for (const item of node.evidence) {
    const quote = document.createElement("blockquote"); quote.textContent = item.sentence;
    const source = document.createElement("small"); source.textContent = item.source;
    box.append(quote, source);
  }
}
for (const group of svg.querySelectorAll("g.node")) group.addEventListener("click", e => { e.preventDefault(); show(group.id); });
</script></body></html>
"""


def _draw(dot, fmt: str) -> bytes:
    """Graphviz's layout of `dot` as svg or png."""
    try:
        return dot.pipe(format=fmt)
    except Exception as error:  # graphviz.ExecutableNotFound and rendering failures
        raise InputError(f"Graphviz could not draw the picture ({error}); install the `dot` program "
                         "(Debian: apt-get install graphviz)") from None


def render_timeline(events: list[TimelineEvent], fmt: str) -> bytes:
    """A time axis left to right, as svg or png: one column per distinct date or range, events
    below it; scheduled events dashed."""
    if not events:
        raise InputError("no dated events to draw")
    dot = graphviz.Digraph("timeline", graph_attr={"rankdir": "TB", "fontname": "Helvetica", "nodesep": "0.3",
                                                   "ranksep": "0.35", "label": "timeline", "labelloc": "t"},
                           node_attr={"fontname": "Helvetica", "fontsize": "10"}, edge_attr={"arrowhead": "none"})
    slots = sorted({(e.start, e.end) for e in events})
    with dot.subgraph(name="axis") as axis:
        axis.attr(rank="same")
        for index, (start, end) in enumerate(slots):
            label = start if start == end else f"{start} to {end}"
            axis.node(f"t{index}", label=label, shape="box", style="filled", fillcolor="#1d2330", fontcolor="white")
        for index in range(len(slots) - 1):
            axis.edge(f"t{index}", f"t{index + 1}", penwidth="3", color="#1d2330")
    for number, event in enumerate(events):
        slot = slots.index((event.start, event.end))
        details = [event.kind + (f", {event.status}" if event.status else ""),
                   f"\u201c{event.when}\u201d" if event.when else "",
                   ("at " + event.place) if event.place else "",
                   ", ".join(event.participants), "source: " + "; ".join(_short_source(s) for s in event.sources)]
        label = "\n".join([_wrap(event.what, 30)] + [line for line in details if line and line != "source: "])
        style = "rounded,filled,dashed" if event.status == "event scheduled" else "rounded,filled"
        dot.node(f"e{number}", label=label, shape="box", style=style, fillcolor="#f3f5f9")
        dot.edge(f"t{slot}", f"e{number}", color="#9aa3b2")
    return _draw(dot, fmt)
