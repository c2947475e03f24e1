#!/usr/bin/env python3
"""Trunk post_build hook: pin every inline <script> of the staged index.html in the CSP.

Trunk injects an inline `<script type="module">` that imports the wasm-bindgen glue and
starts the wasm. The page's Content-Security-Policy (a <meta http-equiv>) forbids inline
scripts unless their hash is listed, so after every build this hook:

  1. reads $TRUNK_STAGING_DIR/index.html (the HTML Trunk just wrote, after minification),
  2. finds every <script> element without a `src` attribute,
  3. computes base64(sha256(exact text between the opening and the closing tag)),
  4. replaces the `'sha256-PLACEHOLDER'` token -- or the hash list a previous run wrote --
     in the CSP's script-src with those hashes.

It fails loudly (non-zero exit, which makes Trunk fail the build) when the CSP meta tag,
its script-src directive or the placeholder/hash list is missing. Python 3.11 stdlib only.

Usage outside Trunk: `python3 scripts/csp.py path/to/index.html`.
"""

from __future__ import annotations

import base64
import hashlib
import html
import os
import re
import sys
from pathlib import Path

PLACEHOLDER = "'sha256-PLACEHOLDER'"

# <script ...>body</script>; DOTALL so bodies may span lines. Attributes may contain '>'
# only inside quotes, which the attribute pattern allows for.
SCRIPT_RE = re.compile(
    r"<script\b(?P<attrs>(?:[^>\"']|\"[^\"]*\"|'[^']*')*)>(?P<body>.*?)</script\s*>",
    re.IGNORECASE | re.DOTALL,
)
SRC_ATTR_RE = re.compile(r"(?:^|\s)src\s*=", re.IGNORECASE)
# The CSP meta element; its content attribute is captured with its quote character.
CSP_META_RE = re.compile(
    r"<meta\b(?=[^>]*\bhttp-equiv\s*=\s*[\"']?Content-Security-Policy[\"']?)[^>]*>",
    re.IGNORECASE,
)
CONTENT_ATTR_RE = re.compile(
    r"(?P<pre>\bcontent\s*=\s*)(?P<q>[\"'])(?P<value>.*?)(?P=q)", re.IGNORECASE | re.DOTALL
)
# A run of one or more hash sources ('sha256-…', 'sha384-…', 'sha512-…' or the placeholder).
HASH_RUN_RE = re.compile(r"'sha(?:256|384|512)-[A-Za-z0-9+/=_-]+'(?:\s+'sha(?:256|384|512)-[A-Za-z0-9+/=_-]+')*")


def die(msg: str) -> "None":
    print(f"csp.py: ERROR: {msg}", file=sys.stderr)
    sys.exit(1)


def inline_script_hashes(doc: str) -> list[str]:
    hashes: list[str] = []
    for m in SCRIPT_RE.finditer(doc):
        if SRC_ATTR_RE.search(m.group("attrs")):
            continue
        body = m.group("body")
        digest = hashlib.sha256(body.encode("utf-8")).digest()
        token = "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"
        if token not in hashes:
            hashes.append(token)
    return hashes


def rewrite_policy(policy: str, hashes: list[str]) -> str:
    directives = policy.split(";")
    found_script_src = False
    for i, directive in enumerate(directives):
        parts = directive.strip().split(None, 1)
        if not parts or parts[0].lower() != "script-src":
            continue
        found_script_src = True
        sources = parts[1] if len(parts) > 1 else ""
        m = HASH_RUN_RE.search(sources)
        if m is None:
            die(
                f"the CSP script-src has neither {PLACEHOLDER} nor a sha256 list to replace: "
                f"{directive.strip()!r}"
            )
        replacement = " ".join(hashes)
        new_sources = (sources[: m.start()] + replacement + sources[m.end():]).strip()
        new_sources = re.sub(r"\s+", " ", new_sources)
        lead = directive[: len(directive) - len(directive.lstrip())]
        directives[i] = f"{lead}script-src {new_sources}"
    if not found_script_src:
        die("the Content-Security-Policy meta tag has no script-src directive")
    return ";".join(directives)


def process(path: Path) -> None:
    try:
        doc = path.read_text(encoding="utf-8")
    except OSError as exc:
        die(f"cannot read {path}: {exc}")

    metas = list(CSP_META_RE.finditer(doc))
    if not metas:
        die(f'{path} has no <meta http-equiv="Content-Security-Policy"> tag')
    if len(metas) > 1:
        die(f"{path} has {len(metas)} Content-Security-Policy meta tags; expected exactly one")
    meta = metas[0]
    content = CONTENT_ATTR_RE.search(meta.group(0))
    if content is None:
        die(f"the Content-Security-Policy meta tag in {path} has no content attribute")

    hashes = inline_script_hashes(doc)
    if not hashes:
        # Keep the directive well-formed and still strict: a hash that matches nothing.
        print("csp.py: warning: no inline <script> found; script-src keeps no inline hash",
              file=sys.stderr)
        hashes = ["'sha256-" + base64.b64encode(hashlib.sha256(b"").digest()).decode() + "'"]

    raw_value = content.group("value")
    policy = html.unescape(raw_value)
    new_policy = rewrite_policy(policy, hashes)
    # Hash sources only add [A-Za-z0-9+/=' -]; the quote character of the attribute must
    # not appear unescaped in the new value.
    q = content.group("q")
    new_value = new_policy.replace("&", "&amp;").replace(q, "&quot;" if q == '"' else "&#39;")

    new_meta = (
        meta.group(0)[: content.start()]
        + content.group("pre") + q + new_value + q
        + meta.group(0)[content.end():]
    )
    new_doc = doc[: meta.start()] + new_meta + doc[meta.end():]
    path.write_text(new_doc, encoding="utf-8")
    print(f"csp.py: {path}: script-src now pins {len(hashes)} inline script(s): {' '.join(hashes)}")


def main(argv: list[str]) -> None:
    if len(argv) > 1:
        target = Path(argv[1])
    else:
        staging = os.environ.get("TRUNK_STAGING_DIR")
        if not staging:
            die("TRUNK_STAGING_DIR is not set (run me as a Trunk post_build hook, "
                "or pass the HTML file as an argument)")
        # Trunk writes the page as `index.html` (its `html_output` default, not changed here).
        target = Path(staging) / "index.html"
    if not target.is_file():
        die(f"{target} does not exist")
    process(target)


if __name__ == "__main__":
    main(sys.argv)
