# Quick start: `make run` serves the whole region on http://127.0.0.1:8080; `make test` runs
# every test. Both install what a fresh Debian machine lacks first (scripts/bootstrap.sh), and
# both use the one dev profile of Cargo.toml (dependencies optimised), so the long first build
# (RocksDB's C++) happens once for the two of them.

SHELL := /bin/bash
export RUSTC_WRAPPER := $(shell command -v sccache 2>/dev/null)
TARGET_DIR := $(or $(CARGO_TARGET_DIR),target)

.PHONY: bootstrap run test screenshots lint
bootstrap:
	@scripts/bootstrap.sh --browser

run: bootstrap
	cargo run -- serve

# Everything: the fast tests, the browser and W3C suites (#[ignore]d in a plain `cargo test`),
# then schemathesis and the npm W3C runner (rdf-test-suite) against a running server.
test: bootstrap
	cargo test --workspace -- --include-ignored
	scripts/schemathesis.sh
	scripts/w3c-npm-serve.sh

# Takes the README's screenshots again: the browser tests write them under target/screenshots/,
# and only this target copies them into docs/screenshots/.
screenshots: bootstrap
	cargo test --test browser -- --include-ignored
	mkdir -p docs/screenshots
	cp $(TARGET_DIR)/screenshots/*.png docs/screenshots/

lint: bootstrap
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets -- -D warnings
