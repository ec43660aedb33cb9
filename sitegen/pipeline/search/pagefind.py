"""Search: a Pagefind index of the rendered pages, made by one `add_directory` call of Pagefind's Python API.

The stage runs between render and write, over a staging folder beside the output that holds the site's HTML
pages (changed pages written, unchanged ones hard-linked from the current output). Its bundle then goes
into write's atomic swap with everything else, so a failed or killed build never leaves pages without their
index, or an index of other pages. When no HTML page changed, the current bundle is kept as it is.

Only elements marked `data-pagefind-body` are indexed (see the theme's `_search.html`); pages without one
(home, lists, taxonomy pages, the search page) stay out. Pagefind's own UI files are left out of the bundle:
the theme's `search.js` talks to `pagefind.js` directly.

Problems become diagnostics (warnings: the pages are fine, the search box finds nothing), never tracebacks.
"""

from __future__ import annotations

import asyncio
import gzip
import hashlib
import json
import secrets
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import cbor2

from sitegen.base import catalog
from sitegen.base.diagnostics import Diagnostic
from sitegen.base.files import link_or_copy

BUNDLE = "pagefind"
STAGING_MARK = "-search-"  # staging folders: ".<output name>-search-<random>" beside the output
STAGING_MARKER = ".sitegen-search"  # a staging folder holds this file, so only sitegen's are ever removed
LANGUAGE = "vi"
# The mottos and header rules repeat on every document page; the theme marks other boilerplate (recipients,
# stub notices, tag lists) with data-pagefind-ignore. These keep their markup as the page tests expect it.
EXCLUDE = (".vb-motto-main", ".vb-motto-sub", ".vb-rule")
# Files of Pagefind's ready-made UIs and the highlight script: not used by the theme, so not published.
_UNUSED = ("pagefind-ui.", "pagefind-component-ui.", "pagefind-modular-ui.", "pagefind-highlight.",
           "playground/")

Progress = Callable[[str, int, int], None]


@dataclass
class SearchIndex:
    files: dict[str, Path] = field(default_factory=dict)  # output path -> bundle file, for write's copies
    pages: int = 0  # pages indexed (0 when the bundle was kept)
    kept: bool = False  # nothing changed: the current bundle is reused
    staging: Path | None = None  # to remove once written
    diagnostics: list[Diagnostic] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)


def _warning(detail: str) -> Diagnostic:
    return Diagnostic("warning", "search-index", BUNDLE + "/", 0,
                      catalog.MSG["search_failed"].format(detail=detail))


def pagefind_version() -> str | None:
    try:
        from importlib.metadata import version

        return version("pagefind")
    except Exception:  # noqa: BLE001 - not installed or broken metadata: the caller reports it
        return None


def bundle_files(folder: Path) -> dict[str, Path]:
    """The published part of a Pagefind bundle in `folder`: output path -> file."""
    out = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.is_file() and not rel.startswith(_UNUSED):
            out[f"{BUNDLE}/{rel}"] = path
    return out


def current_bundle(out: Path) -> dict[str, Path] | None:
    """The bundle in the current output, if it was made by this Pagefind version."""
    try:
        entry = json.loads((out / BUNDLE / "pagefind-entry.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(entry, dict) or entry.get("version") != pagefind_version():
        return None
    return bundle_files(out / BUNDLE)


def staging_folders(out: Path) -> list[Path]:
    """Staging folders beside `out` (left by killed builds, or in use)."""
    return sorted(p for p in out.parent.glob(f".{out.name}{STAGING_MARK}*") if (p / STAGING_MARKER).is_file())


def remove_staging(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)


def remove_stale_staging(out: Path) -> None:
    """Staging folders left beside `out` by killed builds."""
    for stale in staging_folders(out):
        remove_staging(stale)


@contextmanager
def scratch(out: Path) -> Iterator[Path]:
    """A work folder beside `out` for an index made apart from a build (serve's background index)."""
    work = Path(tempfile.mkdtemp(prefix=f".{out.name}-index-", dir=out.parent))
    try:
        yield work
    finally:
        remove_staging(work)


def snapshot_pages(out: Path, target: Path) -> None:
    """Hard-link every HTML page of `out` under `target` (copy where links are not possible)."""
    for page in out.rglob("*.html"):
        rel = page.relative_to(out)
        if rel.parts[0] == BUNDLE:
            continue
        dest = target / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        link_or_copy(page, dest)


def _stage_pages(staging: Path, out: Path, files: dict[str, bytes], reused: Iterable[str]) -> int:
    """Write changed pages that carry an indexed body; hard-link the unchanged ones from the output."""
    count = 0
    for rel, data in files.items():
        if rel.endswith(".html") and b"data-pagefind-body" in data:
            target = staging / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            count += 1
    for rel in reused:
        target = staging / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        link_or_copy(out / rel, target)
        count += 1
    return count


async def _run_api(site: Path, bundle: Path) -> int:
    from pagefind.index import IndexConfig, PagefindIndex

    config = IndexConfig(force_language=LANGUAGE, output_path=str(bundle), exclude_selectors=list(EXCLUDE))
    async with PagefindIndex(config) as index:
        response = await index.add_directory(str(site))
    return int(response.get("page_count", 0))


def run_pagefind(site: Path, bundle: Path) -> int:
    """Index the HTML files under `site` into `bundle`; return the number of pages indexed."""
    count = asyncio.run(_run_api(site, bundle))
    _wait_until_written(bundle)
    canonicalize_filters(bundle)
    return count


def _wait_until_written(bundle: Path, limit: float = 30.0) -> None:
    """Once (in a loaded test run) a bundle was copied with an empty `pagefind-worker.js`, as if the service
    answered before its last file reached the disk. No file of a bundle is empty: wait until none is and
    sizes hold still, or fail the stage (its warning keeps the last bundle out of a broken publish). The wait
    costs nothing when the files are complete; at a load of 10 to 30 on two cores, 5 s were not enough."""
    def sizes() -> dict[Path, int]:  # of the files published: Pagefind's UI files are not (_UNUSED)
        return {p: p.stat().st_size for p in bundle_files(bundle).values()}

    deadline, last = time.monotonic() + limit, sizes()
    while True:
        time.sleep(0.05)
        now = sizes()
        if now == last and all(now.values()):
            return
        if time.monotonic() > deadline:
            raise RuntimeError("Pagefind left empty files: "
                               f"{sorted(p.name for p, n in now.items() if not n)[:5]}")
        last = now


# --- reproducible filters ----------------------------------------------------------------------------
# Pagefind 1.5.2 writes filter values, and the filter list in the language's .pf_meta, in hash-map order,
# which changes from run to run, so two builds of the same site differ. Those files are gzip +
# "pagefind_dcd" + CBOR (read and written with cbor2); they are rewritten with values and filters sorted,
# named after their new content, only if decoding and encoding give back Pagefind's exact bytes (so nothing
# is lost); otherwise they stay as they are.
_SIGNATURE = b"pagefind_dcd"


def _plain(value: Any) -> bool:
    """Only what Pagefind's filter files hold: arrays of integers, text, bytes and arrays."""
    if isinstance(value, list):
        return all(_plain(v) for v in value)
    return isinstance(value, (int, str, bytes)) and not isinstance(value, bool)


def _load(path: Path) -> Any:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(_SIGNATURE):
        raise ValueError("not a Pagefind file")
    body = data[len(_SIGNATURE):]
    try:
        value = cbor2.loads(body)
    except cbor2.CBORDecodeError as exc:
        raise ValueError("not CBOR") from exc
    if not _plain(value) or cbor2.dumps(value) != body:  # trailing bytes included
        raise ValueError("Pagefind file does not round-trip")
    return value


def _save(folder: Path, name: str, suffix: str, value: Any, hex_chars: int) -> str:
    data = gzip.compress(_SIGNATURE + cbor2.dumps(value), mtime=0)
    new = f"{name}_{hashlib.sha256(data).hexdigest()[:hex_chars]}"
    (folder / f"{new}{suffix}").write_bytes(data)
    return new


def canonicalize_filters(bundle: Path) -> None:
    entry_path = bundle / "pagefind-entry.json"
    try:
        entry = json.loads(entry_path.read_text(encoding="utf-8"))
        for language, info in entry["languages"].items():
            meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
            meta = _load(meta_path)
            filters = next((m for m in meta if isinstance(m, list) and m and all(
                isinstance(f, list) and len(f) == 2 and (bundle / "filter" / f"{f[1]}.pf_filter").is_file()
                for f in m)), None)
            if filters is None:
                continue
            for item in filters:
                old = bundle / "filter" / f"{item[1]}.pf_filter"
                value = _load(old)
                value[1].sort(key=lambda pair: pair[0])
                old.unlink()
                item[1] = _save(bundle / "filter", language, ".pf_filter", value, 7)
            filters.sort(key=lambda f: f[0])
            meta_path.unlink()
            info["hash"] = _save(bundle, f"pagefind.{language}", ".pf_meta", meta,
                                 10).removeprefix("pagefind.")
        entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return  # a format this code does not know: keep Pagefind's files as they are


def index_pages(out: Path, files: dict[str, bytes], reuse: Iterable[str], outputs: Iterable[str],
                progress: Progress | None = None) -> SearchIndex:
    """Build (or keep) the search bundle for a build whose pages are `outputs`: `files` are the pages
    rendered anew, `reuse` those whose current file in `out` stays."""
    result = SearchIndex()
    pages = [p for p in outputs if p.endswith(".html")]
    kept = set(reuse)
    if not any(p.endswith(".html") for p in files) and all(p in kept for p in pages):
        current = current_bundle(out)
        if current is not None:
            result.files, result.kept = current, True
            return result
    if pagefind_version() is None:
        result.diagnostics.append(_warning(catalog.MSG["search_not_installed"]))
        return result
    staging = out.parent / f".{out.name}{STAGING_MARK}{secrets.token_hex(4)}"
    result.staging = staging
    if progress:
        progress("search", 0, 1)
    try:
        start = time.perf_counter()
        staging.mkdir(parents=True)
        (staging / STAGING_MARKER).write_text("sitegen\n", encoding="utf-8")
        _stage_pages(staging / "site", out, {p: files[p] for p in pages if p in files},
                     [p for p in pages if p not in files and p in kept])
        result.timings["stage"] = time.perf_counter() - start
        start = time.perf_counter()
        result.pages = run_pagefind(staging / "site", staging / BUNDLE)
        result.timings["pagefind"] = time.perf_counter() - start
        result.files = bundle_files(staging / BUNDLE)
        if "pagefind/pagefind.js" not in result.files:
            result.diagnostics.append(_warning(catalog.MSG["search_no_bundle"]))
            result.files = {}
    except Exception as exc:  # noqa: BLE001 - Pagefind's service raises bare Exceptions; never a traceback
        # Readers keep the last index (stale, but search works) rather than none.
        current = current_bundle(out)
        key = "search_kept_old" if current else "search_failed"
        result.diagnostics.append(Diagnostic("warning", "search-index", BUNDLE + "/", 0,
                                             catalog.MSG[key].format(detail=_describe(exc))))
        result.files, result.kept = current or {}, bool(current)
    if progress:
        progress("search", 1, 1)
    return result


def _describe(exc: BaseException) -> str:
    text = " ".join(str(a) for a in exc.args if a) if exc.args else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
