"""The linked graph of a programme: edition, parts, themes, commissions, dossiers, requests, actors, topics.

Edges carry a `type`: contains (edition → part → theme → dossier/request),
handled_by (theme/dossier → commission), mentions (dossier/request/intro →
actor, with count and first evidence), about (→ topic) and refers_to
(dossier/theme → dossier/theme/part).
"""
from __future__ import annotations

import io

import networkx as nx
import numpy  # noqa: F401 (GraphMLWriter imports it when first made: imported with this module instead)
from networkx.readwrite.graphml import GraphMLWriter

from pipeline.programme import Annotations, Programme


def add_annotations(graph: nx.MultiDiGraph, source: str, annotations: Annotations | None) -> None:
    if annotations is None:
        return
    for mention in annotations.actors:
        graph.add_edge(source, mention.actor, key="mentions", type="mentions", count=mention.count,
                       evidence=mention.evidence.sentence, page=mention.evidence.page or 0)
    for topic in annotations.topics:
        graph.add_edge(source, f"topic/{topic}", key="about", type="about")
    for commission in annotations.commissions:
        graph.add_edge(source, commission, key="handled_by", type="handled_by", source="text")
    for reference in annotations.references:
        if reference.target:
            graph.add_edge(source, reference.target, key=f"refers_to:{reference.phrase}", type="refers_to",
                           phrase=reference.phrase)


def build_graph(programme: Programme) -> nx.MultiDiGraph:
    """A directed multigraph of the programme (every node has id, type and label)."""
    graph = nx.MultiDiGraph()
    edition = f"edition/{programme.edition.year or programme.edition.source.file}"
    graph.add_node(edition, type="edition", label=programme.edition.title, year=programme.edition.year or 0,
                   file=programme.edition.source.file)
    for actor in programme.actors:
        graph.add_node(actor.id, type="actor", label=actor.name, kind=actor.kind, known=actor.known,
                       mentions=actor.mentions, aliases=list(actor.aliases))
    for commission in programme.commissions:
        graph.add_node(commission.id, type="commission", label=commission.name, assumed=commission.assumed)
    for topic in programme.topics:
        graph.add_node(f"topic/{topic.id}", type="topic", label=topic.label)
    for part in programme.parts:
        graph.add_node(part.id, type="part", label=part.title, number=part.number)
        graph.add_edge(edition, part.id, key="contains", type="contains")
        add_annotations(graph, part.id, part.nlp)
        for theme in part.themes:
            graph.add_node(theme.id, type="theme", label=theme.title, page=theme.pages[0] if theme.pages else 0)
            graph.add_edge(part.id, theme.id, key="contains", type="contains")
            if theme.commission:
                graph.add_edge(theme.id, theme.commission, key="handled_by", type="handled_by", source="theme")
            add_annotations(graph, theme.id, theme.nlp)
            for dossier in theme.dossiers:
                graph.add_node(dossier.id, type="dossier", label=dossier.title, spearhead=dossier.spearhead,
                               page=dossier.pages[0] if dossier.pages else 0, number=dossier.number or 0)
                graph.add_edge(theme.id, dossier.id, key="contains", type="contains")
                if theme.commission:
                    graph.add_edge(dossier.id, theme.commission, key="handled_by", type="handled_by",
                                   source="theme")
                add_annotations(graph, dossier.id, dossier.nlp)
            for request in theme.advisory_requests:
                graph.add_node(request.id, type="advisory_request", label=request.text,
                               instrument=request.instrument or "", page=request.pages[0] if request.pages else 0)
                graph.add_edge(theme.id, request.id, key="contains", type="contains")
                add_annotations(graph, request.id, request.nlp)
    for node, data in graph.nodes(data=True):
        data["id"] = node
    return graph


def graph_json(graph: nx.MultiDiGraph) -> dict:
    """Node-link JSON with the edges under an explicit `edges` key."""
    return nx.node_link_data(graph, edges="edges")


GRAPHML_LIST_SEPARATOR = "; "


def graphml_text(graph: nx.MultiDiGraph) -> str:
    """GraphML (opens in Gephi). GraphML attributes hold no lists: list attributes (an actor's aliases)
    are joined by "; " here, and only here."""
    flat = graph.copy()
    for _, data in flat.nodes(data=True):
        for key, value in data.items():
            if isinstance(value, list):
                data[key] = GRAPHML_LIST_SEPARATOR.join(map(str, value))
    writer = GraphMLWriter(encoding="utf-8", prettyprint=True)  # the standard library's XML: the same bytes
    writer.add_graph_element(flat)                                # wherever it runs, lxml installed or not
    buffer = io.BytesIO()
    writer.dump(buffer)
    return buffer.getvalue().decode("utf-8")
