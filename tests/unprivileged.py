"""Run `sitegen ARGS…` as the account nobody: `python unprivileged.py PACKAGE SITE_YAML DOCUMENT ARGS…`.

Tests run as root, whose writes no permission stops; the build must meet real permissions. The interpreter,
its libraries and the checkout may live where nobody cannot read (pyenv under /root, a clone in a private
temporary folder), so sitegen is imported from PACKAGE (a copy of the package that nobody can read, made by
the test), and everything a build imports or asks once per process (libraries, their versions) is taken
first, by a throwaway build of a copy of the site's site.yaml and one document, run as root in a scratch
folder.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

NOBODY = 65534


def main() -> None:
    package, site_yaml, document, *args = sys.argv[1:]
    sys.path.insert(0, package)
    from click.testing import CliRunner

    import sitegen.cli

    assert Path(sitegen.cli.__file__).is_relative_to(package), sitegen.cli.__file__
    warm = Path(tempfile.mkdtemp())
    (warm / "content/van-ban").mkdir(parents=True)
    shutil.copyfile(site_yaml, warm / "site.yaml")
    shutil.copyfile(document, warm / "content/van-ban/a.md")
    result = CliRunner().invoke(sitegen.cli.cli, ["build", "--site", str(warm), "--no-search"])
    assert result.exit_code == 0, result.output
    shutil.rmtree(warm)
    os.setgroups([])
    os.setgid(NOBODY)
    os.setuid(NOBODY)
    sys.argv = ["sitegen", *args]
    sitegen.cli.main()


if __name__ == "__main__":
    main()
