"""citations.json: the whole citation graph, every document (with or without full text) and every citation,
one record per line.

The file is joined from chunks kept between builds (serve keeps this process): each document's or stub's line
by the record's identity, and the lines of each run of one citing page's edges by the identity of the run's
edges (records and edges an edit did not touch are the same objects: pipeline/derived.py). An edit then
encodes only the changed records and runs, and joins bytes: not 74,000 lines at 10,000 documents. The kept
chunks are replaced on every call: they hold the last site's only.
"""

from __future__ import annotations

import json
from itertools import groupby
from operator import attrgetter, is_

from sitegen.pipeline.records import Document, Edge, Site

_docs: dict[int, tuple[Document, bytes]] = {}  # id(record) -> (record, its line)
_runs: dict[tuple[str, int], tuple[tuple[Edge, ...], bytes]] = {}  # (citing URL, n-th run) -> (edges, lines)


def citations_json(site: Site) -> bytes:
    """The file's bytes; each line through json's C encoder (indent= takes the pure-Python one: 10x
    slower)."""
    global _docs, _runs
    docs: dict[int, tuple[Document, bytes]] = {}
    lines = []
    for doc in sorted((*site.documents, *site.stubs), key=_url):
        last = _docs.get(id(doc))
        line = last[1] if last is not None and last[0] is doc else _doc_line(doc)
        docs[id(doc)] = (doc, line)
        lines.append(line)
    runs: dict[tuple[str, int], tuple[tuple[Edge, ...], bytes]] = {}
    chunks = []
    for source, edges in groupby(site.edges, key=_source):
        run = tuple(edges)
        n = 0
        while (source, n) in runs:  # a page's front-matter relations come after every body's citations
            n += 1
        kept = _runs.get((source, n))
        if kept is not None and len(kept[0]) == len(run) and all(map(is_, kept[0], run)):
            chunk = kept[1]
        else:
            chunk = b",\n".join(_edge_line(edge) for edge in run)
        runs[(source, n)] = (run, chunk)
        chunks.append(chunk)
    _docs, _runs = docs, runs
    return b"".join((b'{"documents": [\n', b",\n".join(lines), b'\n],\n"citations": [\n', b",\n".join(chunks),
                     b"\n]}\n"))


def _doc_line(record: Document) -> bytes:
    return (" " + json.dumps(
        {"url": record.url, "type": record.type_label, "symbol": record.number,
         "date": record.date.iso() if record.date else None, "issuer": record.issuer or None,
         "title": record.title or None, "full_text": not record.stub}, ensure_ascii=False)).encode()


def _edge_line(record: Edge) -> bytes:
    return (" " + json.dumps(
        {"from": record.source, "to": record.target, "surface": record.surface, "sentence": record.sentence,
         "file": record.file, "line": record.line, "relation": record.relation}, ensure_ascii=False)).encode()


_url = attrgetter("url")
_source = attrgetter("source")
