"""Copy the browser libraries of the web app from npm into ``pukara/web/static/vendor/``.

    python scripts/vendor_js.py          # npm ci in a temporary folder, then copy
    python scripts/vendor_js.py --check  # fail if the vendored files differ from npm's

The versions are pinned in ``package.json`` / ``package-lock.json`` at the repository root
(Leaflet 1.9.4, BSD-2-Clause; Leaflet.markercluster 1.5.3, MIT; swagger-ui-dist 5.32.0,
Apache-2.0, for the API docs page). The copied files are
committed inside the package, so the wheel serves them offline and no page ever loads a
script from a CDN. ``node_modules`` is made in a temporary folder, never in the repository.
``vendor/ORIGIN.md`` records package, version, licence and the SHA-256 of each file.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENDOR = ROOT / "pukara" / "web" / "static" / "vendor"

# package -> (folder under vendor/, files to copy relative to the package root)
FILES: dict[str, tuple[str, tuple[str, ...]]] = {
    "leaflet": (
        "leaflet",
        (
            "dist/leaflet.js",
            "dist/leaflet.css",
            "dist/images/layers.png",
            "dist/images/layers-2x.png",
            "dist/images/marker-icon.png",
            "dist/images/marker-icon-2x.png",
            "dist/images/marker-shadow.png",
            "LICENSE",
        ),
    ),
    "leaflet.markercluster": (
        "markercluster",
        (
            "dist/leaflet.markercluster.js",
            "dist/MarkerCluster.css",
            "dist/MarkerCluster.Default.css",
            "MIT-LICENCE.txt",
        ),
    ),
    "swagger-ui-dist": (  # the API docs page (/api/docs), offline
        "swagger-ui",
        ("swagger-ui-bundle.js", "swagger-ui.css", "favicon-32x32.png", "LICENSE"),
    ),
}


def _install(work: Path) -> Path:
    for name in ("package.json", "package-lock.json"):
        shutil.copy2(ROOT / name, work / name)
    npm = shutil.which("npm")
    if npm is None:
        sys.exit("npm not found: install Node.js (Debian: apt-get install -y npm)")
    subprocess.run(  # noqa: S603  # fixed arguments, our own lockfile
        [npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund"], cwd=work, check=True
    )
    return work / "node_modules"


def _target(folder: str, rel: str) -> Path:
    name = rel.removeprefix("dist/")
    return VENDOR / folder / name


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _origin(modules: Path) -> str:
    lines = [
        "# Vendored browser libraries",
        "",
        "Copied from npm by `scripts/vendor_js.py` (versions pinned in `package-lock.json`);",
        "served by `pukara serve` from the package itself, never from a CDN.",
        "",
    ]
    for package, (folder, files) in FILES.items():
        meta = json.loads((modules / package / "package.json").read_text("utf-8"))
        repo = meta.get("repository")
        home = meta.get("homepage") or (repo.get("url") if isinstance(repo, dict) else repo)
        lines += [
            f"## {package} {meta['version']} ({meta.get('license', '?')})",
            "",
            f"Folder `{folder}/`. Home: {home or '?'}",
            "",
        ]
        lines += [f"- `{_target(folder, rel).name}` sha256 `{_sha256(modules / package / rel)}`"
                  for rel in files]  # fmt: skip
        lines.append("")
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="compare instead of copying")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        modules = _install(Path(tmp))
        differ = []
        for package, (folder, files) in FILES.items():
            for rel in files:
                src, dst = modules / package / rel, _target(folder, rel)
                if args.check:
                    if not dst.is_file() or _sha256(src) != _sha256(dst):
                        differ.append(str(dst.relative_to(ROOT)))
                    continue
                dst.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(src, dst)  # contents only: no npm file modes
        if args.check:
            for path in differ:
                print(f"{path}: differs from npm; run scripts/vendor_js.py")
            return 1 if differ else 0
        (VENDOR / "ORIGIN.md").write_text(_origin(modules), "utf-8")
    print(f"vendored {sum(len(f) for _, f in FILES.values())} files into {VENDOR}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
