//! End-to-end test of `maillage generate synthetic`: the file for scale runs is shape-valid,
//! deterministic for a seed, and loads into the synthetic graph.

mod support;

use support::{load_args, path_str, succeed};

const GRAPH: &str = "https://w3id.org/maillage/graph/synthetic";

#[test]
fn synthetic_organisations_are_valid_deterministic_and_load_into_their_graph() {
    let dir = tempfile::tempdir().expect("temp dir");
    let generate = |seed: &str, name: &str| {
        let file = dir.path().join(name);
        succeed(&[
            "generate",
            "synthetic",
            "--orgs",
            "200",
            "--seed",
            seed,
            "-o",
            path_str(&file),
        ]);
        std::fs::read(&file).expect("the file was written")
    };
    let first = generate("7", "a.ttl");
    assert_eq!(first, generate("7", "b.ttl"), "same seed, same bytes");
    assert_ne!(first, generate("8", "c.ttl"), "another seed, another file");

    // Valid against the shapes, with the built-in vocabulary as context.
    let out = succeed(&["validate", path_str(&dir.path().join("a.ttl"))]);
    assert!(out.starts_with("valid"), "{out}");
    let text = String::from_utf8(first).expect("utf-8");
    assert_eq!(
        text.matches("<https://example.org/synthetic/org/synth-")
            .count(),
        200,
        "one example.org source per organisation"
    );

    // Into the synthetic graph of a store holding the default data: 200 organisations there,
    // in real municipalities (every one of them has a MAMH code in the territory graph).
    let store = dir.path().join("store");
    support::copy_default_store(&store);
    let file = dir.path().join("a.ttl");
    succeed(&load_args(&store, &["--graph", GRAPH], &file));
    let count = |query: &str| support::count(&store, query);
    let prefixes = "PREFIX mo: <https://w3id.org/maillage/ontology#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>";
    assert_eq!(
        count(&format!(
            "{prefixes} SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE {{
               GRAPH <{GRAPH}> {{ ?o a ?c ; mo:locatedIn ?m }} ?c rdfs:subClassOf* mo:Organization .
               GRAPH <https://w3id.org/maillage/graph/territory> {{ ?m a mo:Municipality }} }}"
        )),
        200
    );
    // Some in the ZEM, some outside, some suppliers, some adopters.
    let in_zem = count(&format!(
        "{prefixes} SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE {{
           GRAPH <{GRAPH}> {{ ?o mo:locatedIn ?m }}
           ?m mo:inZone <https://w3id.org/maillage/id/zone/zem-quebec> }}"
    ));
    assert!((80..=160).contains(&in_zem), "{in_zem} in the ZEM");
    for property in ["offersExpertise", "hasNeed", "sector"] {
        let n = count(&format!(
            "{prefixes} SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE {{
               GRAPH <{GRAPH}> {{ ?o mo:{property} ?x }} }}"
        ));
        assert!(n >= 20, "{n} organisations with mo:{property}");
    }
}
