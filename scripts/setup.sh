#!/usr/bin/env bash
# Install everything why401 needs to build and test, and nothing that is already there.
#
# Idempotent and fast when everything is present (~1 s). Works as root on a fresh Debian
# machine that has rustup, cargo, node 20, npm and python3. Only crates.io, PyPI, Debian apt
# and the npm registry are used: no tool is downloaded from GitHub or elsewhere.
#
#   - wasm32-unknown-unknown rustup target
#   - trunk 0.21.14                 (cargo install --locked)
#   - wasm-bindgen-cli == Cargo.lock (cargo install, NOT --locked: its lock is broken)
#   - npm devDependencies            (binaryen 132's wasm-opt, playwright-core, oauth2-mock-server,
#                                    action-validator for the GitHub workflows)
#   - chromium + chromium-driver     (apt)
#   - curl                           (apt; tests/fidelity.rs runs real curl next to the exports)
#   - .venv with httpbin + gunicorn  (pip; peer for e2e tests), requests + httpie (pip; the
#                                    exported Python and HTTPie snippets are run against httpbin)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd)

TRUNK_VERSION=0.21.14
WASM_TARGET=wasm32-unknown-unknown

say() { printf 'setup: %s\n' "$*"; }
die() { printf 'setup: ERROR: %s\n' "$*" >&2; exit 1; }

# cargo-installed binaries live here; make sure later checks (and our caller) see them.
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

command -v cargo >/dev/null || die "cargo not found (install Rust with rustup first)"
command -v rustup >/dev/null || die "rustup not found"
command -v npm >/dev/null || die "npm not found (install node 20+)"
command -v python3 >/dev/null || die "python3 not found"

# --- Versions that must agree -------------------------------------------------------------
[[ -f Cargo.lock ]] || die "Cargo.lock is missing: run 'cargo generate-lockfile' (or a cargo build) first"
WBG_LOCK=$(awk '
  /^\[\[package\]\]/ { name = "" }
  /^name = / { gsub(/"/, "", $3); name = $3 }
  /^version = / && name == "wasm-bindgen" { gsub(/"/, "", $3); print $3; exit }
' Cargo.lock)
[[ -n "$WBG_LOCK" ]] || die "no wasm-bindgen package found in Cargo.lock"

WBG_TRUNK=$(sed -n 's/^[[:space:]]*wasm_bindgen[[:space:]]*=[[:space:]]*"\([^"]*\)".*/\1/p' Trunk.toml | head -n1)
if [[ "$WBG_TRUNK" != "$WBG_LOCK" ]]; then
  die "wasm-bindgen version mismatch: Cargo.lock has $WBG_LOCK but Trunk.toml [tools] wasm_bindgen = \"$WBG_TRUNK\".
       Set wasm_bindgen = \"$WBG_LOCK\" in Trunk.toml (or pin wasm-bindgen = \"=$WBG_TRUNK\" in Cargo.toml).
       A mismatch makes Trunk try to download wasm-bindgen from GitHub, which fails offline."
fi

# --- Rust target --------------------------------------------------------------------------
if ! rustup target list --installed | grep -qx "$WASM_TARGET"; then
  say "installing rustup target $WASM_TARGET"
  rustup target add "$WASM_TARGET"
fi

# --- Trunk --------------------------------------------------------------------------------
have_trunk=$( (trunk --version 2>/dev/null || true) | awk '{print $2}')
if [[ "$have_trunk" != "$TRUNK_VERSION" ]]; then
  say "installing trunk $TRUNK_VERSION (found: ${have_trunk:-none}); takes ~10 min cold"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

# --- wasm-bindgen CLI (exactly the Cargo.lock version) ------------------------------------
have_wbg=$( (wasm-bindgen --version 2>/dev/null || true) | awk '{print $2}')
have_runner=$(command -v wasm-bindgen-test-runner || true)
if [[ "$have_wbg" != "$WBG_LOCK" || -z "$have_runner" ]]; then
  say "installing wasm-bindgen-cli $WBG_LOCK (found: ${have_wbg:-none}); takes ~3 min cold"
  # No --locked: wasm-bindgen-cli's own lock pins a webpki-roots version missing from the index.
  cargo install wasm-bindgen-cli --version "$WBG_LOCK" --force
fi

# --- npm devDependencies ------------------------------------------------------------------
if [[ ! -d node_modules ]] || { [[ -f package-lock.json ]] && [[ package-lock.json -nt node_modules ]]; }; then
  if [[ -f package-lock.json ]]; then
    say "npm ci"
    npm ci --no-audit --no-fund
  else
    say "npm install (no package-lock.json)"
    npm install --no-audit --no-fund
  fi
  touch node_modules   # `npm ci` may leave the dir older than the lock when nothing changed
fi
have_opt=$( (node_modules/.bin/wasm-opt --version 2>/dev/null || true) | awk '{print $3}')
[[ "$have_opt" == "132" ]] || die "node_modules/.bin/wasm-opt is not version 132 (got: ${have_opt:-none}); delete node_modules and re-run"

# --- Debian packages: chromium, chromedriver --------------------------------------
apt_pkgs=()
[[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]] || apt_pkgs+=(chromium chromium-driver)
command -v curl >/dev/null || apt_pkgs+=(curl)
if (( ${#apt_pkgs[@]} )); then
  command -v apt-get >/dev/null || die "need ${apt_pkgs[*]} but apt-get is not available"
  SUDO=""
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || die "need root (or sudo) to apt-get install ${apt_pkgs[*]}"
    SUDO="sudo"
  fi
  say "apt-get install ${apt_pkgs[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${apt_pkgs[@]}"
fi

# --- Python venv with the httpbin peer ----------------------------------------------------
if [[ ! -x .venv/bin/gunicorn ]]; then
  say "creating .venv with httpbin + gunicorn"
  python3 -m venv .venv
  .venv/bin/pip install --quiet --disable-pip-version-check httpbin gunicorn
fi
.venv/bin/python -c 'import requests' 2>/dev/null || { say "installing requests into .venv (tests/export_httpbin.rs runs the Python snippets)"; .venv/bin/pip install --quiet --disable-pip-version-check requests; }
[[ -x .venv/bin/http ]] || { say "installing httpie into .venv (tests/export_httpbin.rs runs the HTTPie snippets)"; .venv/bin/pip install --quiet --disable-pip-version-check httpie; }

say "ok (trunk $TRUNK_VERSION, wasm-bindgen $WBG_LOCK, wasm-opt 132, $(/usr/bin/chromium --version 2>/dev/null | head -n1))"
