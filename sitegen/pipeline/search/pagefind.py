"""Pagefind: its command line run over a folder of pages, the bundle it writes, reproducible filter files.

The search stage (stage.py) runs it once per shard over a staging folder beside the output. The CLI, not the
Python API: it returns once every file is written (the API's service answered, under load, before its last
file reached the disk) and, at 10,000 pages, took 27 s where the API took 30 s (bench/README.md).

Only elements marked `data-pagefind-body` are indexed (see the theme's `_search.html`); pages without one
(home, lists, taxonomy pages, the search page) stay out. Pagefind's own UI files are left out of the bundle:
the theme's `search.js` talks to `pagefind.js` directly.

Problems become diagnostics (warnings: the pages are fine, the search box finds nothing), never tracebacks.
"""

from __future__ import annotations

import gzip
import hashlib
import importlib
import json
import os
import re
import shutil
import subprocess
import tempfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import cbor2

from sitegen.base import catalog, children, oserrors
from sitegen.base.diagnostics import Diagnostic

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


def warning(detail: str) -> Diagnostic:
    return Diagnostic("warning", "search-index", BUNDLE + "/", 0,
                      catalog.MSG["search_failed"].format(detail=detail))


def pagefind_version() -> str | None:
    try:
        from importlib.metadata import version

        return version("pagefind")
    except Exception:  # noqa: BLE001 - not installed or broken metadata: the caller reports it
        return None


def bundle_files(folder: Path, prefix: str = BUNDLE + "/") -> dict[str, Path]:
    """The published part of a Pagefind bundle in `folder`: output path (under `prefix`) -> file."""
    found: list[tuple[list[str], Path]] = []
    todo = [(folder, "")]
    while todo:  # a listing a folder (os.scandir), not a stat a file: ~640 files a shard
        at, under = todo.pop()
        with os.scandir(at) as entries:
            for entry in entries:
                rel = under + entry.name
                if entry.is_dir(follow_symlinks=False):
                    todo.append((Path(entry.path), rel + "/"))
                if entry.is_file() and not rel.startswith(_UNUSED):
                    found.append((rel.split("/"), Path(entry.path)))
    return {f"{prefix}{'/'.join(parts)}": path for parts, path in sorted(found)}  # in the order of Path's


def current_bundle(out: Path) -> dict[str, Path] | None:
    """Every file of the search bundle in the current output (all its shards), if this Pagefind version
    made it."""
    try:
        manifest = json.loads((out / BUNDLE / "shards.json").read_text(encoding="utf-8"))
        for folder in manifest["shards"]:
            entry = json.loads((out / BUNDLE / folder / "pagefind-entry.json").read_text(encoding="utf-8"))
            if not isinstance(entry, dict) or entry.get("version") != pagefind_version():
                return None
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return bundle_files(out / BUNDLE)


def page_url(path: str) -> str:
    """Output path -> the URL Pagefind records for it: "van-ban/a/index.html" -> "/van-ban/a/"."""
    return "/" + path.removesuffix("index.html")


def indexed_urls(folder: Path) -> set[str]:
    """The URL of every page an index holds: one per fragment file (gzip of "pagefind_dcd" and the page's
    JSON), in every bundle (shard) under `folder`. Raises ValueError if a fragment cannot be read."""
    urls = set()
    for fragment in folder.rglob("*.pf_fragment"):
        try:
            url = json.loads(gzip.decompress(fragment.read_bytes()).removeprefix(SIGNATURE))["url"]
        except (OSError, EOFError, KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"{fragment.name}: {exc}") from exc
        if not isinstance(url, str):
            raise ValueError(f"{fragment.name}: no URL")
        urls.add(url)
    return urls


# A fragment's JSON starts with its URL (Pagefind writes `url` first): the gzip stream's first bytes hold it.
_URL_HEAD = re.compile(rb'\{"url":("(?:[^"\\]|\\.)*")[,}]')


def fragment_url(data: bytes) -> str:
    """The URL of the page a fragment file (`data`: gzip of "pagefind_dcd" and the page's JSON) holds, from
    the stream's first bytes; from the whole record when those do not hold it (its errors then)."""
    try:
        head = zlib.decompressobj(wbits=31).decompress(data, 4096)  # wbits 31: a gzip stream
    except zlib.error:
        head = b""
    found = _URL_HEAD.match(head, len(SIGNATURE)) if head.startswith(SIGNATURE) else None
    if found:
        url: Any = json.loads(found.group(1))
    else:
        url = json.loads(gzip.decompress(data).removeprefix(SIGNATURE)).get("url", "")
    return url if isinstance(url, str) else ""


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


class PagefindError(RuntimeError):
    """Pagefind could not make a bundle: not installed, it failed (its own words), or it left a broken one."""


# What a Pagefind run can fail with that is not a bug of sitegen's: its own failure, the process that cannot
# be started or waited for, the disk. The search stage turns these into a warning; anything else propagates.
FAILURES = (PagefindError, OSError, subprocess.SubprocessError)


def executable() -> Path | None:
    """Pagefind's binary, looked for in the order of its Python package's `get_executable` (the variable
    PAGEFIND_BINARY_PATH, then the `pagefind_bin_extended` and `pagefind_bin` packages, then PATH), without
    importing `pagefind.service` (asyncio and the API's client: 35-70 ms of a one-shard build)."""
    named = os.environ.get("PAGEFIND_BINARY_PATH")
    if named is not None:
        return Path(named)
    for package in ("pagefind_bin_extended", "pagefind_bin"):
        try:
            found: Path = importlib.import_module(package).get_executable()
        except ImportError:
            continue
        return found
    from pagefind.service import get_executable

    return get_executable()


def run_pagefind(site: Path, bundle: Path) -> int:
    """Index the HTML files under `site` into `bundle` with Pagefind's CLI; return the number of pages
    indexed. Raises PagefindError (with Pagefind's own words) when it fails."""
    binary = executable()
    if binary is None:
        raise PagefindError(catalog.MSG["search_not_installed"])
    selectors = [arg for selector in EXCLUDE for arg in ("--exclude-selectors", selector)]
    command = [str(binary), "--site", str(site), "--output-path", str(bundle), "--force-language", LANGUAGE,
               "--quiet", *selectors]
    done = subprocess.run(command, capture_output=True, text=True, check=False,  # noqa: S603 - our arguments
                          preexec_fn=children.preexec())  # it dies with a killed build, holding no memory
    if done.returncode != 0 or not (bundle / "pagefind-entry.json").is_file():
        raise PagefindError(f"Pagefind {done.returncode}: {(done.stderr or done.stdout).strip()[-500:]}")
    check_written(bundle)
    canonicalize_filters(bundle)
    return sum(1 for _ in (bundle / "fragment").glob("*.pf_fragment"))


def check_written(bundle: Path) -> None:
    """No file of a bundle is empty: one that is was cut short, and publishing it breaks search (seen once,
    under load, with Pagefind's Python API). Raises PagefindError naming the empty files."""
    empty = sorted(rel for rel, path in bundle_files(bundle).items() if path.stat().st_size == 0)
    if empty:
        raise PagefindError(f"Pagefind left empty files: {[rel.rsplit('/', 1)[-1] for rel in empty][:5]}")


# --- reproducible filters ----------------------------------------------------------------------------
# Pagefind 1.5.2 writes filter values, and the filter list in the language's .pf_meta, in hash-map order,
# which changes from run to run, so two builds of the same site differ. Those files are gzip +
# "pagefind_dcd" + CBOR (read and written with cbor2); they are rewritten with values and filters sorted,
# named after their new content, only if decoding and encoding give back Pagefind's exact bytes (so nothing
# is lost); otherwise they stay as they are.
SIGNATURE = b"pagefind_dcd"


def _plain(value: Any) -> bool:
    """Only what Pagefind's filter files hold: arrays of integers, text, bytes and arrays."""
    if isinstance(value, list):
        return all(_plain(v) for v in value)
    return isinstance(value, (int, str, bytes)) and not isinstance(value, bool)


def _load(path: Path) -> Any:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise ValueError("not a Pagefind file")
    body = data[len(SIGNATURE):]
    try:
        value = cbor2.loads(body)
    except cbor2.CBORDecodeError as exc:
        raise ValueError("not CBOR") from exc
    if not _plain(value) or cbor2.dumps(value) != body:  # trailing bytes included
        raise ValueError("Pagefind file does not round-trip")
    return value


def _save(folder: Path, name: str, suffix: str, value: Any, hex_chars: int) -> str:
    data = gzip.compress(SIGNATURE + cbor2.dumps(value), mtime=0)
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


def describe(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.errno:  # a full disk, a folder without permission: in Vietnamese
        return oserrors.describe(exc)
    text = " ".join(str(a) for a in exc.args if a) if exc.args else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
