# Quick start: `make run` serves the whole region on http://127.0.0.1:8080; `make test` runs
# every test. Both install what a fresh Debian machine lacks first (scripts/bootstrap.sh).

SHELL := /bin/bash
export RUSTC_WRAPPER := $(shell command -v sccache 2>/dev/null)

.PHONY: bootstrap run test lint
bootstrap:
	@scripts/bootstrap.sh --browser

run: bootstrap
	cargo run --release -- serve

test: bootstrap
	cargo test --workspace
	scripts/schemathesis.sh

lint: bootstrap
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets -- -D warnings
