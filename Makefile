# why401 — build, serve and test.
#
#   make test    setup, then host tests, wasm tests in headless Chromium, end-to-end tests
#   make serve   setup, then the release build served on http://127.0.0.1:8080/
#
# Everything runs offline once scripts/setup.sh has installed the tools.

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:

ROOT := $(CURDIR)
CARGO_BIN := $(or $(CARGO_HOME),$(HOME)/.cargo)/bin

# node_modules/.bin first: Trunk must pick binaryen 132's wasm-opt, never Debian's 108.
export PATH := $(ROOT)/node_modules/.bin:$(CARGO_BIN):$(PATH)
export TRUNK_SKIP_VERSION_CHECK := true

# wasm-bindgen-test in headless Chromium.
WASM_TEST_ENV := \
	CHROMEDRIVER=/usr/bin/chromedriver \
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
	WASM_BINDGEN_TEST_WEBDRIVER_JSON=$(ROOT)/webdriver.json \
	CARGO_PROFILE_DEV_DEBUG=0

.PHONY: help setup serve build pages test test-host test-wasm test-e2e test-size test-workflows size bench clean

help:
	@echo "targets: setup serve build pages test test-host test-wasm test-e2e test-size test-workflows size bench clean"

setup:
	bash scripts/setup.sh

# The release build, the page users get (wasm-opt runs on every rebuild: about a minute).
serve: setup
	cargo fetch
	trunk serve --release --offline

build: setup
	cargo fetch
	trunk build --release --offline

# What GitHub Pages serves: the release build plus 404.html and .nojekyll. BASE is the site's
# path on its host: /why401 for a project site, empty (make pages BASE=) for a user site.
BASE ?= /why401
pages: setup
	bash scripts/pages-build.sh "$(BASE)"

test-host:
	cargo test

test-wasm:
	$(WASM_TEST_ENV) cargo test --target wasm32-unknown-unknown --tests

test-e2e: build
	node --test --test-timeout=600000 tests/e2e/

# The workflows against GitHub's schema, and the Pages build served as Pages serves it.
test-workflows: build
	node --test --test-timeout=1200000 tests/workflows/

# What a first visit downloads (wasm, JS, CSS, HTML, manifest, icon) against tests/size/budget.json.
test-size: build
	node --test tests/size/

# `make test` is the single CI command. Sequential on purpose: host, then wasm, then e2e.
test: setup
	$(MAKE) --no-print-directory test-host
	$(MAKE) --no-print-directory test-wasm
	$(MAKE) --no-print-directory test-e2e
	$(MAKE) --no-print-directory test-size
	$(MAKE) --no-print-directory test-workflows

# Raw, gzip -9 and brotli 11 sizes of what a first visit downloads.
size:
	node scripts/size.mjs

# Every performance figure (size, load, keystroke, 1 MB paste, decode and verify against jose and
# jwt-decode) from one headless-Chromium run. The bench build adds src/bench.rs (cargo feature
# `bench`): never shipped, built beside dist/ in target/bench-dist/.
bench: build
	trunk build --release --offline --features bench --dist target/bench-dist
	node scripts/bench.mjs

clean:
	cargo clean
	rm -rf dist tests/e2e/screenshots test-results
