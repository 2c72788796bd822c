//! The write invariant of [`MaillageStore`], on in-memory stores holding the base vocabulary
//! (ontology, shapes, taxonomies, territory): a rejected write — SHACL violation, syntax error,
//! failure half-way through — leaves every quad as it was; an accepted one is visible at once.

use std::collections::BTreeSet;
use std::error::Error as _;
use std::sync::LazyLock;
use std::time::Duration;

use oxigraph::model::{GraphNameRef, Literal, NamedNode, Quad};

use super::*;
use crate::query::{Budget, QueryOutput, QueryRequest};

const MO: &str = "https://w3id.org/maillage/ontology#";
const ID: &str = "https://w3id.org/maillage/id/";
const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
const RDFS_LABEL: &str = "http://www.w3.org/2000/01/rdf-schema#label";
const SOURCE: &str = "http://purl.org/dc/terms/source";

/// The base vocabulary, parsed once per test binary; each test gets its own store holding it.
pub(crate) static BASE: LazyLock<Vec<Quad>> = LazyLock::new(|| {
    let mut quads = Vec::new();
    for file in embedded::EMBEDDED_FILES.iter().filter(|f| f.is_base()) {
        let graph = NamedNode::new_unchecked(file.graph_iri());
        let format = format_of_name(file.path).expect("an RDF file name");
        quads.extend(parse(file.content, format, file.path, Some(&graph)).expect("it parses"));
    }
    quads
});

/// The command line's own (non-system) writes.
pub(crate) fn cli() -> WriteContext {
    WriteContext::cli_load()
}

/// A fresh in-memory store with the base vocabulary.
pub(crate) fn base_store() -> MaillageStore {
    let store = MaillageStore::in_memory().expect("an in-memory store");
    store
        .insert_quads(&WriteContext::cli_load().system(), &BASE, true)
        .expect("the base vocabulary conforms to the shapes");
    store
}

/// Every quad of the store, as N-Quads lines (order-free).
pub(crate) fn contents(store: &MaillageStore) -> BTreeSet<String> {
    store
        .oxigraph()
        .iter()
        .map(|q| q.expect("readable").to_string())
        .collect()
}

fn iri(s: &str) -> NamedNode {
    NamedNode::new(s).expect("a valid IRI")
}

pub(crate) fn test_graph() -> NamedNode {
    iri(&vocab::graph("test"))
}

/// Writes [`valid_company`] `id` into the test graph (replacing the graph when `replace`):
/// the change recorded for it.
pub(crate) fn add_company(store: &MaillageStore, id: &str, replace: bool) -> ChangeSummary {
    store
        .insert_quads(&cli(), &valid_company(id), replace)
        .expect("a valid company")
        .change
        .expect("a change")
}

/// The IRI of organisation `id`.
pub(crate) fn org_iri(id: &str) -> NamedNode {
    iri(&format!("{ID}org/{id}"))
}

/// A company that satisfies the shapes: type, French label, municipality, source.
pub(crate) fn valid_company(id: &str) -> Vec<Quad> {
    let org = org_iri(id);
    let g = test_graph();
    vec![
        Quad::new(
            org.clone(),
            iri(RDF_TYPE),
            iri(&format!("{MO}Company")),
            g.clone(),
        ),
        Quad::new(
            org.clone(),
            iri(RDFS_LABEL),
            Literal::new_language_tagged_literal("Essai IA", "fr").expect("a language tag"),
            g.clone(),
        ),
        Quad::new(
            org.clone(),
            iri(&format!("{MO}locatedIn")),
            iri(&format!("{ID}municipality/23027")),
            g.clone(),
        ),
        Quad::new(org, iri(SOURCE), iri("https://example.org/essai"), g),
    ]
}

fn violations(result: Result<WriteReport, StoreError>) -> Vec<crate::Violation> {
    match result {
        Err(StoreError::ShapeViolations(v)) => v,
        other => panic!("expected SHACL violations, got {other:?}"),
    }
}

#[test]
fn an_accepted_write_is_visible_at_once() {
    let store = base_store();
    let before = store.quad_count().expect("count");
    let quads = valid_company("essai-ia");
    let report = store
        .insert_quads(&cli(), &quads, false)
        .expect("a valid company");
    assert_eq!(report.quads_before, before);
    assert_eq!(report.quads_after, before + 4);
    assert_eq!(report.delta(), 4);
    assert_eq!(store.quad_count().expect("count"), before + 4);
    for q in &quads {
        assert!(store.contains(q.as_ref()).expect("contains"), "{q}");
    }
    assert!(store.contains_graph(&test_graph()).expect("graph"));
    assert_eq!(store.graph_len(&test_graph()).expect("len"), 4);
    let ask = store
        .query(
            &QueryRequest::new(format!(
                "ASK {{ <{ID}org/essai-ia> <{RDFS_LABEL}> \"Essai IA\"@fr }}"
            )),
            &Budget::new(Duration::from_secs(30)),
        )
        .expect("ASK");
    assert_eq!(ask, QueryOutput::Boolean(true));
}

#[test]
fn a_write_that_violates_the_shapes_changes_nothing() {
    let store = base_store();
    let before = contents(&store);
    // A valid company and an incomplete one in the same write: all or nothing.
    let mut quads = valid_company("complete");
    let incomplete = org_iri("incomplete");
    quads.push(Quad::new(
        incomplete.clone(),
        iri(RDF_TYPE),
        iri(&format!("{MO}Company")),
        test_graph(),
    ));
    let found = violations(store.insert_quads(&cli(), &quads, false));
    assert!(
        found
            .iter()
            .any(|v| v.focus_node.contains("org/incomplete")),
        "{found:?}"
    );
    assert!(
        found.iter().all(|v| !v.focus_node.contains("org/complete")),
        "{found:?}"
    );
    assert_eq!(contents(&store), before, "nothing of the rejected write");
    assert!(!store.contains_graph(&test_graph()).expect("graph"));
}

#[test]
fn a_rejected_replacement_keeps_the_graph_it_would_have_replaced() {
    let store = base_store();
    add_company(&store, "first", true);
    let before = contents(&store);
    // Replacing the graph with a company that has no label, municipality or source.
    let bad = vec![Quad::new(
        org_iri("second"),
        iri(RDF_TYPE),
        iri(&format!("{MO}Company")),
        test_graph(),
    )];
    violations(store.insert_quads(&cli(), &bad, true));
    assert_eq!(contents(&store), before);
    assert_eq!(store.graph_len(&test_graph()).expect("len"), 4);
}

#[test]
fn a_drop_that_would_break_references_is_refused_whole() {
    let store = base_store();
    add_company(&store, "in-levis", false);
    let before = contents(&store);
    // The territory is a system graph: an ordinary write may not drop it at all.
    let territory = iri(&vocab::graph("territory"));
    let refused = store.drop_graph(&cli(), GraphNameRef::NamedNode(territory.as_ref()));
    assert!(
        matches!(&refused, Err(StoreError::ProtectedGraph { graph }) if *graph == territory.as_str()),
        "{refused:?}"
    );
    assert_eq!(contents(&store), before);
    // Even a system write may not: the company's municipality would no longer be a
    // mo:Municipality.
    let found =
        violations(store.drop_graph(&cli().system(), GraphNameRef::NamedNode(territory.as_ref())));
    assert!(
        found.iter().any(|v| v.focus_node.contains("org/in-levis")),
        "{found:?}"
    );
    assert_eq!(contents(&store), before);
    // Dropping the company's own graph is fine.
    let report = store
        .drop_graph(&cli(), GraphNameRef::NamedNode(test_graph().as_ref()))
        .expect("drop");
    assert_eq!(report.delta(), -4);
    assert!(!store.contains_graph(&test_graph()).expect("graph"));
}

#[test]
fn a_document_with_a_syntax_error_writes_nothing_not_even_its_valid_start() {
    let store = base_store();
    let before = contents(&store);
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("half.ttl");
    let valid_start = "@prefix mo: <https://w3id.org/maillage/ontology#> .\n\
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n\
        <https://w3id.org/maillage/id/org/start> rdfs:comment \"parsed before the error\" .\n\
        <https://w3id.org/maillage/id/org/y> a mo:Company ;; ] .\n";
    std::fs::write(&file, valid_start).expect("write");
    let error = store
        .load_files(&cli(), &[&file], Some(&test_graph()), false)
        .expect_err("a syntax error");
    let StoreError::Syntax(syntax) = &error else {
        panic!("expected a syntax error, got {error:?}");
    };
    assert_eq!(syntax.line, Some(4));
    assert!(syntax.column.is_some());
    // The parser's own message is kept as the source and shown by `detail`.
    assert!(error.source().is_some());
    let detail = error.detail();
    assert!(detail.contains("half.ttl:4:"), "{detail}");
    assert!(detail.contains("syntax error: "), "{detail}");
    assert_eq!(contents(&store), before);
}

#[test]
fn a_sparql_update_is_all_or_nothing() {
    let store = base_store();
    let before = contents(&store);
    let g = test_graph();
    // The first operation alone would conform; the second adds an incomplete organisation.
    let update = format!(
        "PREFIX mo: <{MO}>
         INSERT DATA {{ GRAPH <{g}> {{ <{ID}org/a> <{RDFS_LABEL}> \"A\"@fr }} }} ;
         INSERT DATA {{ GRAPH <{g}> {{ <{ID}org/b> a mo:Company }} }}",
        g = g.as_str()
    );
    violations(store.update(&cli(), &update, None, Duration::from_secs(30)));
    assert_eq!(contents(&store), before);

    let syntax = store
        .update(
            &cli(),
            "INSERT DATA { <urn:a> <urn:b> ",
            None,
            Duration::from_secs(30),
        )
        .expect_err("a syntax error");
    assert!(matches!(syntax, StoreError::QuerySyntax(_)), "{syntax:?}");
    assert!(syntax.source().is_some(), "the parser error is kept");
    assert_eq!(contents(&store), before);
}

#[test]
fn a_change_that_fails_half_way_is_rolled_back() {
    let store = base_store();
    let before = contents(&store);
    let quads = valid_company("half-way");
    let result = store.write(&cli(), |tx| {
        for q in &quads[..2] {
            tx.insert(q.as_ref())?;
        }
        Err(StoreError::DatasetConflict("stop here".into()))
    });
    assert!(
        matches!(result, Err(StoreError::DatasetConflict(_))),
        "{result:?}"
    );
    assert_eq!(contents(&store), before);
}

#[test]
fn an_update_over_its_budget_times_out_and_writes_nothing() {
    let store = MaillageStore::in_memory().expect("store");
    store
        .insert_quads(&cli(), &crate::query::tests::chain(20_000), false)
        .expect("an untyped chain conforms");
    let before = contents(&store);
    let update = format!(
        "INSERT {{ <urn:maillage:test:count> <urn:maillage:test:is> ?n }} WHERE {{ {} }}",
        crate::query::tests::RUNAWAY_PATTERN
    );
    let error = store
        .update(&cli(), &update, None, Duration::from_millis(200))
        .expect_err("over budget");
    assert!(matches!(error, StoreError::Timeout(_)), "{error:?}");
    assert_eq!(contents(&store), before);
}

#[test]
fn errors_keep_their_source() {
    let missing = MaillageStore::in_memory()
        .expect("store")
        .load_files(&cli(), &["/nonexistent/maillage/file.ttl"], None, false)
        .expect_err("no such file");
    assert!(matches!(missing, StoreError::Io { .. }), "{missing:?}");
    assert!(missing.source().is_some());
    assert!(
        missing
            .detail()
            .starts_with("cannot read /nonexistent/maillage/file.ttl: "),
        "{}",
        missing.detail()
    );

    let bad_iri = MaillageStore::in_memory()
        .expect("store")
        .query(
            &QueryRequest {
                default_graphs: vec!["not an iri".into()],
                ..QueryRequest::new("ASK {}")
            },
            &Budget::new(Duration::from_secs(5)),
        )
        .expect_err("an invalid IRI");
    assert!(
        matches!(bad_iri, StoreError::InvalidIri { .. }),
        "{bad_iri:?}"
    );
    assert!(bad_iri.source().is_some());
}
