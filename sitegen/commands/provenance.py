"""Where the running sitegen came from, so that the CI file `sitegen init` writes installs the same one.

pip records how a distribution was installed in its `direct_url.json` (PEP 610): a VCS address and the commit,
an archive's address and hash, or a local folder (editable or not). Without that file sitegen came from a
package index, and only its version is known. Releases are tagged `v<version>` on the repository named by the
`Repository` entry of `[project.urls]` in pyproject.toml; an address under `.invalid` (RFC 2606) means that
entry has not been filled in yet.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from importlib import metadata
from urllib.parse import unquote, urlsplit

NAME = "sitegen"
URL_LABEL = "Repository"
UNSET_SUFFIX = ".invalid"


@dataclass(frozen=True)
class Provenance:
    requirement: str  # what the CI installs: "sitegen @ git+https://…@<commit>"
    kind: str  # vcs | archive | editable | folder | index | unknown
    origin: str  # where this copy came from (an address, a folder, "kho gói"), for init's report
    exact: bool  # the requirement installs these very files (see local_only: maybe only on this machine)
    repository: str | None  # the canonical repository, when pyproject names a real one
    address: str  # the repository, or while it is unset the placeholder pyproject carries
    version: str

    @property
    def release(self) -> str:
        """The tagged release of this version: what the CI installs when this copy cannot be named."""
        return f"{NAME} @ git+{self.address}@v{self.version}"


def _installed() -> metadata.Distribution | None:
    """sitegen's installed distribution. Run from a checkout, a stale `sitegen.egg-info` in the working
    directory may come first on sys.path; the one pip recorded (with direct_url.json) is the real one."""
    found = list(metadata.distributions(name=NAME))
    recorded = [d for d in found if d.read_text("direct_url.json")]
    return (recorded or found)[0] if found else None


def repository(dist: metadata.Distribution | None) -> str | None:
    """The canonical repository named in the package metadata, or None while it is still unset."""
    if dist is None:
        return None
    for entry in dist.metadata.get_all("Project-URL") or []:
        label, _, url = entry.partition(",")
        host = urlsplit(url.strip()).hostname or ""
        if label.strip().lower() == URL_LABEL.lower() and host and not host.endswith(UNSET_SUFFIX):
            return str(url).strip()
    return None


def unset_repository(dist: metadata.Distribution | None) -> str:
    """The placeholder address pyproject carries while the canonical one is unknown (shown, never used)."""
    if dist is not None:
        for entry in dist.metadata.get_all("Project-URL") or []:
            label, _, url = entry.partition(",")
            if label.strip().lower() == URL_LABEL.lower():
                return str(url).strip()
    return f"https://dia-chi-kho-sitegen{UNSET_SUFFIX}/sitegen"


def _remote(url: str) -> bool:
    return urlsplit(url).scheme in ("https", "http", "ssh", "git")


def provenance(dist: metadata.Distribution | None = None) -> Provenance:
    dist = dist if dist is not None else _installed()
    repo = repository(dist)
    known = Provenance("", "unknown", "", False, repo, repo or unset_repository(dist),
                       dist.version if dist is not None else "0")

    def found(kind: str, origin: str = "", requirement: str = "", exact: bool = False) -> Provenance:
        return replace(known, kind=kind, origin=origin, requirement=requirement or known.release, exact=exact)

    raw = dist.read_text("direct_url.json") if dist is not None else None
    if dist is None:
        return found("unknown")
    if not raw:
        return found("index", exact=repo is not None)
    try:
        direct = json.loads(raw)
        url = str(direct["url"])
    except (ValueError, KeyError, TypeError):
        return found("unknown")
    vcs = direct.get("vcs_info")
    if isinstance(vcs, dict) and vcs.get("vcs") == "git" and vcs.get("commit_id"):
        # "file:///x" with the host spelled out: older pips (23.x, still in Python 3.11's venv) reject an
        # empty host in a requirement's URL.
        address = "file://localhost/" + url.removeprefix("file:///") if url.startswith("file:///") else url
        return found("vcs", url, f"{NAME} @ git+{address}@{vcs['commit_id']}", exact=True)
    archive = direct.get("archive_info")
    if isinstance(archive, dict) and _remote(url):
        hashes = archive.get("hashes") or {}
        pinned = f"#sha256={hashes['sha256']}" if "sha256" in hashes else ""
        return found("archive", url, f"{NAME} @ {url}{pinned}", exact=True)
    folder = unquote(urlsplit(url).path) if url.startswith("file:") else url
    info = direct.get("dir_info")
    if isinstance(info, dict):
        return found("editable" if info.get("editable") else "folder", folder)
    return found("archive", folder)


def local_only(found: Provenance) -> bool:
    """A VCS address on this machine (file://): right here, unreachable from a CI runner."""
    return found.kind == "vcs" and found.origin.startswith("file:")
