//! The W3C SPARQL 1.1 Protocol, Graph Store Protocol and Service Description test suites,
//! run against the real server on 127.0.0.1.
//!
//! Fifty HTTP exchanges, each on a fresh server: plain `cargo test` skips them (`#[ignore]`, with
//! the reason) to stay fast; `make test` runs them with `-- --include-ignored`, as does
//! `cargo test -p maillage-testsuite -- --include-ignored --nocapture` (which prints the report).

use maillage_testsuite::{MANIFESTS, SKIPPED, manifest, run_manifest, suite_dir};

#[test]
#[ignore = "W3C conformance suite: run by `make test` (-- --include-ignored)"]
fn w3c_protocol_graph_store_and_service_description_manifests() {
    let mut problems = Vec::new();
    let mut seen = Vec::new();
    for relative in MANIFESTS {
        let report = run_manifest(relative).expect("the manifest is readable");
        println!("{report}");
        assert!(!report.results.is_empty(), "{relative} has no tests");
        for r in report.problems() {
            problems.push(format!("{relative}: {}", r.local_name));
        }
        seen.extend(report.results.iter().map(|r| r.local_name.clone()));
    }
    for (name, _) in SKIPPED {
        assert!(
            seen.iter().any(|s| s == name),
            "SKIPPED lists {name}, which no manifest has"
        );
    }
    assert!(
        problems.is_empty(),
        "unexpected failures or skipped tests that now pass: {problems:#?}"
    );
}

/// Always run, and quick: the W3C data is in this repository (nothing is read from outside it),
/// every manifest reads, and every file a test loads is there.
#[test]
fn the_w3c_manifests_and_their_data_are_in_the_repository() {
    let repository = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("the repository");
    let dir = suite_dir().canonicalize().expect("the W3C folder exists");
    assert!(
        dir.starts_with(&repository),
        "{} is outside the repository",
        dir.display()
    );
    let mut tests = 0;
    for relative in MANIFESTS {
        let manifest =
            manifest::load(&dir.join(relative)).unwrap_or_else(|e| panic!("{relative}: {e}"));
        assert!(!manifest.tests.is_empty(), "{relative} has no tests");
        for test in &manifest.tests {
            for (file, _) in &test.graph_data {
                assert!(
                    file.is_file(),
                    "{}: {} is missing",
                    test.iri,
                    file.display()
                );
                assert!(file.starts_with(&dir), "{} is outside", file.display());
            }
        }
        println!("{relative}: {} tests", manifest.tests.len());
        tests += manifest.tests.len();
    }
    // Protocol 34, Graph Store Protocol 13 (direct and indirect), Service Description 3.
    assert_eq!(tests, 50, "the copy of the W3C suites is incomplete");
}
