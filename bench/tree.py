"""The tree a bench script belongs to comes first, in its own process and in every build it starts.

`.venv`'s sitegen is an editable install of the worktree the venv was made in. A bench script run from
another copy of the tree (a `git archive` of main, for an A/B) would import and run that worktree's sitegen,
and measure the wrong code. `own()` puts this tree first on `sys.path` and on `PYTHONPATH` (which a
subprocess's `.venv/bin/sitegen` honours before the editable finder).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def own() -> Path:
    """Make this tree's `sitegen` the one imported here and in child processes; returns the tree's root."""
    root = str(ROOT)
    if sys.path[:1] != [root]:
        sys.path.insert(0, root)
    paths = [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p and p != root]
    os.environ["PYTHONPATH"] = os.pathsep.join([root, *paths])
    return ROOT
