"""citations.json: the whole citation graph, every document (with or without full text) and every citation,
one record per line.

The file is joined from chunks kept between builds (serve keeps this process): each document's or stub's line
by the record's identity, and the lines of each run of one citing page's edges by the identity of the run's
edges (records and edges an edit did not touch are the same objects: pipeline/derived.py). An edit then
encodes only the changed records and runs, and joins bytes: not 74,000 lines at 10,000 documents. The kept
chunks are replaced on every call: they hold the last site's only. A new process (`sitegen build`) keeps none:
`seed` takes them from the file the last build wrote, with the last site model the disk cache holds (the
records and edges it loads are the objects the edit's site keeps), so a title or citation edit at 10,000
documents does not encode every line again (0.47-0.51 s of CPU).
"""

from __future__ import annotations

import json
from itertools import groupby
from operator import attrgetter, is_

from sitegen.pipeline.records import Document, Edge, Site

FILE = "citations.json"  # the output this module makes
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
    return b"".join((_HEAD, b",\n".join(lines), _MIDDLE, b",\n".join(chunks), _TAIL))


def seed(site: Site, data: bytes) -> bool:
    """Keep the chunks of `data`, the file `citations_json(site)` gave, when none are kept (a new process):
    the lines are cut where the file joins them (a line is one JSON object, whose strings hold no raw line
    break). Whether it took them: not when the file is not of that form or holds another number of lines."""
    global _docs, _runs
    if _docs or _runs or not (data.startswith(_HEAD) and data.endswith(_TAIL)):
        return False
    documents, middle, citations = data[len(_HEAD):-len(_TAIL)].partition(_MIDDLE)
    lines, edge_lines = _lines(documents), _lines(citations)
    records = sorted((*site.documents, *site.stubs), key=_url)
    if not middle or len(lines) != len(records) or len(edge_lines) != len(site.edges):
        return False
    docs = {id(doc): (doc, line) for doc, line in zip(records, lines, strict=True)}
    runs: dict[tuple[str, int], tuple[tuple[Edge, ...], bytes]] = {}
    start = 0
    for source, edges in groupby(site.edges, key=_source):
        run = tuple(edges)
        n = 0
        while (source, n) in runs:
            n += 1
        runs[(source, n)] = (run, b",\n".join(edge_lines[start:start + len(run)]))
        start += len(run)
    _docs, _runs = docs, runs
    return True


def _lines(part: bytes) -> list[bytes]:
    return part.split(b",\n") if part else []


def _doc_line(record: Document) -> bytes:
    return (" " + json.dumps(
        {"url": record.url, "type": record.type_label, "symbol": record.number,
         "date": record.date.iso() if record.date else None, "issuer": record.issuer or None,
         "title": record.title or None, "full_text": not record.stub}, ensure_ascii=False)).encode()


def _edge_line(record: Edge) -> bytes:
    return (" " + json.dumps(
        {"from": record.source, "to": record.target, "surface": record.surface, "sentence": record.sentence,
         "file": record.file, "line": record.line, "relation": record.relation}, ensure_ascii=False)).encode()


_HEAD, _MIDDLE, _TAIL = b'{"documents": [\n', b'\n],\n"citations": [\n', b"\n]}\n"
_url = attrgetter("url")
_source = attrgetter("source")
