"""The repository's sample site builds to exactly the bytes recorded in tests/golden/sample-output.json.

A refactoring changes no byte of the output. When a change of output is intended, record the new bytes with
`.venv/bin/python tests/test_sample_output.py` and say so in the commit.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, tree_digest

pytestmark = pytest.mark.pagefind

RECORD = Path(__file__).parent / "golden" / "sample-output.json"
AUDIENCES = ("public", "internal")


def build_sample(root: Path, audience: str) -> tuple[Path, str]:
    """A cold build (no cache) of a copy of the sample site, through the CLI: its output and messages."""
    site = root / f"site-{audience}"
    for name in ("content", "static", "templates"):
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, site / name)
    shutil.copy(REPO / "site.yaml", site / "site.yaml")
    out = site / "out"
    result = subprocess.run([sys.executable, "-m", "sitegen", "build", "--site", str(site), "--out", str(out),
                             "--audience", audience], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return out, result.stderr


@pytest.mark.parametrize("audience", AUDIENCES)
def test_sample_site_builds_to_the_recorded_bytes(tmp_path: Path, audience: str):
    recorded = json.loads(RECORD.read_text(encoding="utf-8"))[audience]
    out, messages = build_sample(tmp_path, audience)
    built = tree_digest(out)
    missing = sorted(recorded.keys() - built.keys())
    extra = sorted(built.keys() - recorded.keys())
    changed = sorted(p for p in recorded.keys() & built.keys() if recorded[p] != built[p])
    assert not (missing or extra or changed), f"missing {missing}, new {extra}, changed {changed}\n{messages}"


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        record = {a: tree_digest(build_sample(Path(tmp), a)[0]) for a in AUDIENCES}
    RECORD.write_text(json.dumps(record, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"recorded {sum(map(len, record.values()))} files in {RECORD}")
