# Factdesk: `make run` opens the app on the default desk; `make test` runs every test.
# Each step installs what is missing and is quick when everything is present.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

CARGO ?= cargo
TAURI_DRIVER_VERSION := 2.1.0
# The Tauri system libraries, the e2e tools, the browser for UI tests, pandoc for export tests and
# PostgreSQL 15 for the team-desk tests (each test binary, and e2e/team.test.ts, starts its own
# cluster with scripts/pg-cluster.sh).
APT_BUILD := build-essential pkg-config curl file libwebkit2gtk-4.1-dev libsoup-3.0-dev \
             librsvg2-dev libayatana-appindicator3-dev libxdo-dev libssl-dev
APT_TEST  := xvfb xauth xdotool webkit2gtk-driver chromium pandoc sqlite3 time \
             postgresql

.PHONY: help run test deps deps-test ui app app-release lint rust-test bindings-check ui-test \
        e2e e2e-run bench bench-team measure measure-desk bundle tauri-cli package-test package-test-run

help:
	@echo "make run     build and open Factdesk on the default desk"
	@echo "make test    every test: fmt, clippy, Rust, bindings drift, UI (Chromium), e2e (Xvfb)"
	@echo "make bench   criterion benchmarks of the core (desk sizes: FACTDESK_BENCH_SIZES=1000,100000,1000000)"
	@echo "make bench-team  the desk-size figures on a team desk (PostgreSQL) beside SQLite's, same sizes"
	@echo "make e2e     only the end-to-end suite"
	@echo "make measure release binary size, first frame and draft editable (median of RUNS=5), idle memory (on CLAIMS=N generated claims)"
	@echo "make measure-desk  CLI time and peak memory per command at CLAIMS=\"1000 100000\""
	@echo "make bundle  the .deb and .rpm packages of the release app (target/release/bundle)"
	@echo "make package-test  install the debug .deb with dpkg (root), start it under Xvfb, remove it"

# --- installing what is missing ------------------------------------------------------------
define apt_install
	missing=$$(for p in $(1); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null \
	  | grep -q '^install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing system packages: $$missing"; \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq; \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi
endef

deps:
	@$(call apt_install,$(APT_BUILD))
	@if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then \
	  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund; fi

deps-test: deps
	@$(call apt_install,$(APT_TEST))
	@if ! tauri-driver --help >/dev/null 2>&1; then \
	  $(CARGO) install tauri-driver --version $(TAURI_DRIVER_VERSION) --locked; fi

# --- building ---------------------------------------------------------------------------------
ui: deps
	npm --workspace ui run build

app: ui
	$(CARGO) build -p factdesk-app -p factdesk-cli

app-release: ui
	$(CARGO) build --release -p factdesk-app -p factdesk-cli

# WebKitGTK's compositing mode costs memory and frame time without a GPU; Factdesk draws text.
run: app-release
	WEBKIT_DISABLE_COMPOSITING_MODE=1 ./target/release/factdesk-app

# --- testing (in the order CI wants: cheapest and most telling first) -----------------------
# e2e-run drives the binaries `cargo test --workspace` just built; `make e2e` builds them itself.
# package-test-run packs that same debug app into the .deb it installs (about 25 s warm).
test: deps-test ui lint rust-test bindings-check ui-test e2e-run package-test-run
	@echo "make test: all green"

lint:
	$(CARGO) fmt --all --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings

rust-test:
	$(CARGO) test --workspace

# ts-rs rewrites ui/src/lib/bindings during `cargo test`; committed bindings must match.
bindings-check:
	@git diff --exit-code --stat -- ui/src/lib/bindings || \
	  { echo "TS bindings drifted from the Rust types: commit ui/src/lib/bindings"; exit 1; }
	@untracked=$$(git ls-files --others --exclude-standard -- ui/src/lib/bindings); \
	  if [ -n "$$untracked" ]; then echo "Uncommitted new bindings: $$untracked"; exit 1; fi

ui-test: deps
	PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm --workspace ui run test

e2e: deps-test app e2e-run

e2e-run:
	WEBKIT_DISABLE_COMPOSITING_MODE=1 xvfb-run -a -s "-screen 0 1280x800x24" npm --workspace tests run e2e

# Generated desks are cached under target/bench-desks; 1M claims is opt-in (see benches/sizes.rs).
bench:
	$(CARGO) bench -p factdesk-core

# Starts its own cluster per size; the loaded data is cached under target/bench-desks/pg-claims-*.
bench-team: deps-test
	$(CARGO) bench -p factdesk-core --bench team_sizes

CLAIMS ?=
RUNS ?= 5
measure: deps-test app-release
	CLAIMS=$(CLAIMS) RUNS=$(RUNS) tests/measure.sh

measure-desk: deps-test
	$(CARGO) build --release -p factdesk-cli
	tests/measure-desk.sh $(or $(CLAIMS),1000 100000)

# --- packages ---------------------------------------------------------------------------------
# The Tauri CLI stays out of package-lock.json: the registry here lacks its other platforms'
# optional packages, so a lock file with it would break `npm ci` (shared/PLATFORM.md).
tauri-cli: deps
	@npx --no-install tauri --version >/dev/null 2>&1 || \
	  npm install --no-save --no-audit --no-fund @tauri-apps/cli@2.12

# Tauri writes both packages itself (no dpkg-buildpackage, no rpmbuild). No AppImage: its tool
# downloads helper binaries while it builds, which cannot work offline (README, "Packages").
bundle: ui tauri-cli
	npx tauri build --bundles deb,rpm

# The package test bundles the debug app already built (by `cargo test --workspace` in `make
# test`, by `make app` here): `tauri bundle` packs that binary without compiling, about 6 s,
# where `tauri build --debug` would compile the Tauri stack again in cargo-build's feature shape
# and a release build takes minutes. Otherwise it is the package `make bundle` makes.
package-test: deps-test app package-test-run

package-test-run: tauri-cli
	@$(call apt_install,rpm)
	npx tauri bundle --debug --bundles deb,rpm
	@# dpkg -i needs root, as apt does above: CI is root, a developer gets asked by sudo.
	$$([ "$$(id -u)" = 0 ] || echo sudo) tests/package.sh debug
