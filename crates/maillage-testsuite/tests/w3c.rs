//! The W3C SPARQL 1.1 Protocol, Graph Store Protocol and Service Description test suites,
//! run against the real server on 127.0.0.1 (`cargo test -p maillage-testsuite -- --nocapture`
//! prints the report).

use maillage_testsuite::{MANIFESTS, SKIPPED, run_manifest};

#[test]
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
