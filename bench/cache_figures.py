"""The disk cache of a built site, in one process at one load: its files, the time to load its index and
heavy part, to save it as a build after an edit does (the rows made anew: here the root; and the index), and
to dump the whole heavy part as one pickle (what every build wrote before the base and its rows).

    .venv/bin/python bench/cache_figures.py /tmp/sitegen-bench/site-10000

Run it after a build of the site with the same sitegen (the cache is tagged with its code's digest).
"""

from __future__ import annotations

import os
import pickle
import sys
import time
from pathlib import Path

import tree  # this tree's sitegen first: bench/tree.py

tree.own()

from sitegen.pipeline import cache  # noqa: E402


def main() -> None:
    site = Path(sys.argv[1])
    folder = site / ".sitegen-cache"
    print({p.name: f"{p.stat().st_size / 1e6:.1f} MB" for p in sorted(folder.iterdir())})
    print("load average before", os.getloadavg())
    start = time.perf_counter()
    kept = cache.load_cache(site, "public")
    indexed = time.perf_counter()
    kept.loaded()
    loaded = time.perf_counter()
    print(f"index load {indexed - start:.2f} s, heavy load (base + rows since) {loaded - indexed:.2f} s, "
          f"rows {len(kept.rows)}")
    cache.save_cache(site, kept, "public")
    saved = time.perf_counter()
    print(f"save after a build (rows made anew: root; index) {saved - loaded:.2f} s")
    data = pickle.dumps(cache._rows(kept), protocol=pickle.HIGHEST_PROTOCOL)
    dumped = time.perf_counter()
    scratch = folder / "compare.tmp"
    with scratch.open("wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    written = time.perf_counter()
    scratch.unlink()
    print(f"whole heavy part as one pickle ({len(data) / 1e6:.0f} MB, the former save): dump "
          f"{dumped - saved:.2f} s + write {written - dumped:.2f} s")
    print("load average after", os.getloadavg())


if __name__ == "__main__":
    main()
