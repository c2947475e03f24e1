#!/usr/bin/env python3
"""Trunk post_build hook: write the service worker with this build's file list.

Reads every file Trunk staged (index.html, the hashed JS, wasm and CSS, the manifest and the
icon), and writes `sw.js` beside them from the template assets/sw.js, with

  * __WHY401_FILES__   the staged files' paths, relative to the page, as a JSON array;
  * __WHY401_VERSION__ a digest of every path and every byte: a new deployment is a new sw.js,
                       which is how browsers notice it (they compare the worker's bytes).

Runs after scripts/csp.py, because that one rewrites index.html. Fails loudly when the
template lacks a placeholder or the build has no index.html.

Usage outside Trunk: `python3 scripts/precache.py DIR` (the tests use it to make a second
deployment from a changed copy of dist/).
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parent.parent / "assets" / "sw.js"
OUTPUT = "sw.js"
# Not the app: the worker itself, and what scripts/pages-build.sh adds for GitHub Pages.
LEFT_OUT = {OUTPUT, "404.html", ".nojekyll"}


def die(msg: str) -> None:
    print(f"precache.py: ERROR: {msg}", file=sys.stderr)
    sys.exit(1)


def app_files(root: Path) -> list[str]:
    files = [
        p.relative_to(root).as_posix()
        for p in root.rglob("*")
        if p.is_file() and p.relative_to(root).as_posix() not in LEFT_OUT
    ]
    return sorted(files)


def version(root: Path, files: list[str]) -> str:
    digest = hashlib.sha256()
    for name in files:
        digest.update(name.encode() + b"\0")
        digest.update((root / name).read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()[:20]


def main(argv: list[str]) -> None:
    if len(argv) > 1:
        root = Path(argv[1])
    else:
        staging = os.environ.get("TRUNK_STAGING_DIR")
        if not staging:
            die("TRUNK_STAGING_DIR is not set (run me as a Trunk post_build hook, or pass the directory)")
        root = Path(staging)
    if not (root / "index.html").is_file():
        die(f"{root} has no index.html")
    template = TEMPLATE.read_text(encoding="utf-8")
    for placeholder in ("__WHY401_FILES__", "__WHY401_VERSION__"):
        if template.count(placeholder) != 1:
            die(f"{TEMPLATE} must hold {placeholder} exactly once")

    files = app_files(root)
    v = version(root, files)
    worker = template.replace("__WHY401_FILES__", json.dumps(files)).replace("__WHY401_VERSION__", v)
    (root / OUTPUT).write_text(worker, encoding="utf-8")
    print(f"precache.py: {root / OUTPUT}: version {v}, {len(files)} files: {' '.join(files)}")


if __name__ == "__main__":
    main(sys.argv)
