"""Where sitegen was installed from (PEP 610's direct_url.json), read from real .dist-info folders, and the
pip requirement the CI file pins from it."""

from __future__ import annotations

import json
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from conftest import REPO

from sitegen.commands import provenance

COMMIT = "0123456789abcdef0123456789abcdef01234567"
REAL = "https://git.example.org/ban-tuyen-giao/sitegen"
UNSET = "https://dia-chi-kho-sitegen.invalid/sitegen"


def dist(tmp_path: Path, direct_url: dict | None, repository: str | None = REAL,
         version: str = "0.3.1") -> metadata.Distribution:
    info = tmp_path / f"sitegen-{version}.dist-info"
    info.mkdir()
    lines = ["Metadata-Version: 2.1", "Name: sitegen", f"Version: {version}"]
    if repository:
        lines.append(f"Project-URL: Repository, {repository}")
    (info / "METADATA").write_text("\n".join(lines) + "\n", encoding="utf-8")
    if direct_url is not None:
        (info / "direct_url.json").write_text(json.dumps(direct_url), encoding="utf-8")
    return metadata.PathDistribution(info)


def test_a_vcs_install_is_pinned_to_its_address_and_commit(tmp_path: Path):
    found = provenance.provenance(dist(tmp_path, {
        "url": "https://git.example.org/mirror/sitegen.git",
        "vcs_info": {"vcs": "git", "commit_id": COMMIT, "requested_revision": "v0.3.1"}}))
    assert found.requirement == f"sitegen @ git+https://git.example.org/mirror/sitegen.git@{COMMIT}"
    assert found.kind == "vcs" and found.exact and not provenance.local_only(found)


def test_a_vcs_install_from_a_folder_on_this_machine_is_pinned_but_said_to_be_local(tmp_path: Path):
    found = provenance.provenance(dist(tmp_path, {
        "url": "file:///home/bien-tap/sitegen", "vcs_info": {"vcs": "git", "commit_id": COMMIT}}))
    assert found.requirement == f"sitegen @ git+file://localhost/home/bien-tap/sitegen@{COMMIT}"
    assert provenance.local_only(found)
    assert found.release == f"sitegen @ git+{REAL}@v0.3.1"  # what init suggests instead


def test_an_archive_from_an_address_is_pinned_with_its_hash(tmp_path: Path):
    url = "https://files.example.org/sitegen-0.3.1-py3-none-any.whl"
    found = provenance.provenance(dist(tmp_path, {"url": url,
                                                  "archive_info": {"hashes": {"sha256": "ab12"}}}))
    assert found.requirement == f"sitegen @ {url}#sha256=ab12" and found.exact


@pytest.mark.parametrize("direct_url, kind, origin", [
    ({"url": "file:///work/sitegen", "dir_info": {"editable": True}}, "editable", "/work/sitegen"),
    ({"url": "file:///work/sitegen", "dir_info": {}}, "folder", "/work/sitegen"),
    ({"url": "file:///home/a/sitegen-0.3.1-py3-none-any.whl", "archive_info": {}}, "archive",
     "/home/a/sitegen-0.3.1-py3-none-any.whl"),
    (None, "index", ""),
])
def test_a_copy_the_ci_cannot_fetch_falls_back_to_the_release_tag(tmp_path: Path, direct_url, kind, origin):
    found = provenance.provenance(dist(tmp_path, direct_url))
    assert (found.kind, found.origin) == (kind, origin)
    assert found.requirement == f"sitegen @ git+{REAL}@v0.3.1"
    assert found.exact == (kind == "index")  # an index install is that version, i.e. its tag


def test_an_unset_repository_is_never_taken_for_a_real_one(tmp_path: Path):
    found = provenance.provenance(dist(tmp_path, None, repository=UNSET))
    assert found.repository is None and not found.exact
    assert found.requirement == f"sitegen @ git+{UNSET}@v0.3.1"


def test_pyproject_names_the_repository_entry_the_package_reads():
    urls = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["urls"]
    address = urls[provenance.URL_LABEL]
    assert address.startswith("https://")
    installed = provenance.provenance()
    assert installed.address == address, "reinstall (make .venv/.installed-stamp) after editing pyproject"
