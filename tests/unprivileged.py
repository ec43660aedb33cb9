"""Run `sitegen ARGS…` as the account nobody: `python unprivileged.py SITE_YAML DOCUMENT ARGS…`.

Tests run as root, whose writes no permission stops; the build must meet real permissions. The interpreter
may live where nobody cannot read (pyenv under /root), so everything a build imports is imported first, by
a throwaway build of a copy of the site's site.yaml and one document, run as root in a scratch folder.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

from click.testing import CliRunner

import sitegen.cli

NOBODY = 65534


def main() -> None:
    site_yaml, document, *args = sys.argv[1:]
    warm = Path(tempfile.mkdtemp())
    (warm / "content/van-ban").mkdir(parents=True)
    shutil.copyfile(site_yaml, warm / "site.yaml")
    shutil.copyfile(document, warm / "content/van-ban/a.md")
    result = CliRunner().invoke(sitegen.cli.cli, ["build", "--site", str(warm)])
    assert result.exit_code == 0, result.output
    shutil.rmtree(warm)
    os.setgroups([])
    os.setgid(NOBODY)
    os.setuid(NOBODY)
    sys.argv = ["sitegen", *args]
    sitegen.cli.main()


if __name__ == "__main__":
    main()
