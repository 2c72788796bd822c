//! End-to-end tests of the `maillage` binary on a real store on disk: a user's session with the
//! command line, from loading the default data to exporting it again.

mod support;

use std::path::{Path, PathBuf};

use maillage_store::oxigraph::io::{RdfFormat, RdfParser};
use maillage_store::oxigraph::model::Dataset;
use maillage_store::oxigraph::model::dataset::CanonicalizationAlgorithm;
use support::{fails_saying, load_args, maillage, path_str, stderr, succeed};

/// A store with the default data, in its own temporary directory: a copy of the store that
/// `maillage load --defaults` made once for this binary (see `support`).
struct DefaultStore {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

impl DefaultStore {
    fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("store");
        support::copy_default_store(&path);
        DefaultStore { _dir: dir, path }
    }

    fn path(&self) -> &str {
        path_str(&self.path)
    }

    /// Loads a file written next to the store, which `maillage load` must refuse, changing
    /// nothing: the file and what the refusal says.
    fn refused_load(&self, name: &str, contents: &str) -> (PathBuf, String) {
        let before = self.quads();
        let file = self.file(name, contents);
        let out = maillage(&["load", "--store", self.path(), path_str(&file)]);
        assert!(!out.status.success());
        assert_eq!(self.quads(), before, "a refused load writes nothing");
        (file, stderr(&out))
    }

    /// A file written next to the store, in its temporary directory.
    fn file(&self, name: &str, contents: &str) -> PathBuf {
        let path = self._dir.path().join(name);
        std::fs::write(&path, contents).expect("write file");
        path
    }

    /// The single integer a one-cell SELECT returns (CSV output, header skipped).
    fn count(&self, query: &str) -> u64 {
        support::count(&self.path, query)
    }

    fn quads(&self) -> u64 {
        self.count("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    }
}

const PREFIXES: &str = "PREFIX mo: <https://w3id.org/maillage/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
";

#[test]
fn the_default_data_holds_the_region_its_municipalities_and_the_zem() {
    let store = DefaultStore::new();
    let organisations = store.count(&format!(
        "{PREFIXES} SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE {{ ?o a ?c . ?c rdfs:subClassOf mo:Organization }}"
    ));
    assert!(organisations >= 200, "{organisations} organisations");
    let municipalities = store.count(&format!(
        "{PREFIXES} SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE {{ ?m a mo:Municipality }}"
    ));
    assert_eq!(municipalities, 1131);
    let zem = store.count(&format!(
        "{PREFIXES} SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE {{ ?m mo:inZone <https://w3id.org/maillage/id/zone/zem-quebec> }}"
    ));
    assert_eq!(zem, 28);
    let region_orgs = store.count(&format!(
        "{PREFIXES} SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE {{ GRAPH <https://w3id.org/maillage/graph/region> {{ ?o a ?c }} ?c rdfs:subClassOf mo:Organization }}"
    ));
    assert!(
        region_orgs >= 150,
        "{region_orgs} organisations in the region graph"
    );

    // The question of the issue: how many AI suppliers per municipality of the ZEM.
    let table = succeed(&[
        "query",
        "--store",
        store.path(),
        &format!(
            "{PREFIXES} SELECT ?municipality (COUNT(DISTINCT ?org) AS ?suppliers) WHERE {{
               ?org mo:offersExpertise ?e ; mo:locatedIn ?m .
               ?m mo:inZone <https://w3id.org/maillage/id/zone/zem-quebec> ; rdfs:label ?municipality .
               FILTER(lang(?municipality) = 'fr') }}
             GROUP BY ?municipality ORDER BY DESC(?suppliers)"
        ),
    ]);
    assert!(table.contains("Québec"), "{table}");
    assert!(table.contains("Lévis"), "{table}");
}

#[test]
fn a_malformed_turtle_file_is_rejected_with_its_position_and_changes_nothing() {
    let store = DefaultStore::new();
    let (_, message) = store.refused_load(
        "bad.ttl",
        "@prefix mo: <https://w3id.org/maillage/ontology#> .\n\
         <https://w3id.org/maillage/id/org/x> a mo:Company .\n\
         <https://w3id.org/maillage/id/org/y> a mo:Company ;; ] .\n",
    );
    assert!(message.contains("bad.ttl:3:"), "{message}");
    assert!(message.contains("syntax error"), "{message}");
}

#[test]
fn a_file_that_violates_the_shapes_is_rejected_with_the_violations_and_changes_nothing() {
    let store = DefaultStore::new();
    let (file, message) = store.refused_load(
        "no-french-label.ttl",
        "@prefix mo: <https://w3id.org/maillage/ontology#> .\n\
         @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n\
         @prefix dcterms: <http://purl.org/dc/terms/> .\n\
         <https://w3id.org/maillage/id/org/sans-nom> a mo:Company ;\n\
           rdfs:label \"Nameless Inc.\"@en ;\n\
           mo:locatedIn <https://w3id.org/maillage/id/municipality/23027> ;\n\
           dcterms:source <https://example.org/source> .\n\
         <https://w3id.org/maillage/id/org/valide> a mo:Company ;\n\
           rdfs:label \"Entreprise valide\"@fr ;\n\
           mo:locatedIn <https://w3id.org/maillage/id/municipality/23027> ;\n\
           dcterms:source <https://example.org/source> .\n",
    );
    assert!(message.contains("SHACL violation"), "{message}");
    assert!(
        message.contains("https://w3id.org/maillage/id/org/sans-nom"),
        "{message}"
    );
    assert!(message.contains("label"), "{message}");
    assert!(
        !message.contains("org/valide,"),
        "only the faulty node is reported: {message}"
    );

    // The same file through `validate`: a report and a failing exit code.
    let out = maillage(&["validate", path_str(&file)]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("sans-nom"));
}

#[test]
fn a_minimal_organisation_loads_and_is_queryable() {
    let store = DefaultStore::new();
    let file = store.file(
        "minimal.ttl",
        "<https://w3id.org/maillage/id/org/minimale> a <https://w3id.org/maillage/ontology#Company> ;\n\
           <http://www.w3.org/2000/01/rdf-schema#label> \"Organisation minimale\"@fr ;\n\
           <https://w3id.org/maillage/ontology#locatedIn> <https://w3id.org/maillage/id/municipality/25213> ;\n\
           <http://purl.org/dc/terms/source> <https://example.org/source> .\n",
    );
    succeed(&["validate", path_str(&file)]);
    let before = store.quads();
    succeed(&[
        "load",
        "--store",
        store.path(),
        "--graph",
        "https://w3id.org/maillage/graph/test",
        path_str(&file),
    ]);
    assert_eq!(store.quads(), before + 4);
    let n = store.count(
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://w3id.org/maillage/graph/test> { ?s ?p ?o } }",
    );
    assert_eq!(n, 4);
}

#[test]
fn a_query_past_its_time_budget_stops_with_a_timeout_error() {
    let store = DefaultStore::new();
    let started = std::time::Instant::now();
    let out = maillage(&[
        "query",
        "--store",
        store.path(),
        "--timeout",
        "1",
        "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?a ?d ?g",
    ]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("timeout"), "{}", stderr(&out));
    assert!(
        started.elapsed().as_secs_f64() < 15.0,
        "the CLI answered long after its budget"
    );
}

#[test]
fn export_then_load_gives_the_same_dataset() {
    let store = DefaultStore::new();
    let dir = tempfile::tempdir().expect("temp dir");
    let dump = dir.path().join("dump.nq");
    succeed(&[
        "export",
        "--store",
        store.path(),
        "--format",
        "nquads",
        "--output",
        path_str(&dump),
    ]);
    let copy = dir.path().join("copy");
    // The dump holds the system graphs (ontology, shapes, taxonomies, territory): without
    // --system the load is refused whole.
    let refused = maillage(&load_args(&copy, &["--replace"], &dump));
    fails_saying(&refused, "protected");
    succeed(&load_args(&copy, &["--replace", "--system"], &dump));
    let dump_again = dir.path().join("dump-again.nq");
    succeed(&[
        "export",
        "--store",
        path_str(&copy),
        "--format",
        "nquads",
        "--output",
        path_str(&dump_again),
    ]);
    assert_eq!(read_canonical(&dump), read_canonical(&dump_again));

    // Turtle export of one graph parses back to that graph's size.
    let turtle = succeed(&[
        "export",
        "--store",
        store.path(),
        "--format",
        "turtle",
        "--graph",
        "https://w3id.org/maillage/graph/funding",
    ]);
    let triples = RdfParser::from_format(RdfFormat::Turtle)
        .for_slice(turtle.as_bytes())
        .count();
    let in_graph = store.count(
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://w3id.org/maillage/graph/funding> { ?s ?p ?o } }",
    );
    assert_eq!(triples as u64, in_graph);
}

fn read_canonical(path: &Path) -> Dataset {
    let bytes = std::fs::read(path).expect("read dump");
    let mut dataset: Dataset = RdfParser::from_format(RdfFormat::NQuads)
        .for_slice(&bytes)
        .collect::<Result<_, _>>()
        .expect("the dump parses");
    dataset.canonicalize(CanonicalizationAlgorithm::Unstable);
    dataset
}

#[test]
fn bad_invocations_get_clear_messages() {
    let out = maillage(&["query", "--store", "/nonexistent/maillage-store", "ASK {}"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("no store at"), "{}", stderr(&out));

    let store = DefaultStore::new();
    let out = maillage(&["query", "--store", store.path(), "SELECT WHERE {"]);
    fails_saying(&out, "SPARQL syntax error");

    let out = maillage(&["load", "--store", store.path(), "/nonexistent/file.ttl"]);
    fails_saying(&out, "/nonexistent/file.ttl");
}
