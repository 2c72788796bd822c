//! The public view answers every anonymous query as the whole store restricted to the public
//! graphs would, after every kind of write, and a persistent view that may be behind is rebuilt.

use std::collections::BTreeSet;
use std::time::Duration;

use oxigraph::model::{GraphName, NamedNode, Quad};

use super::*;
use crate::query::{Budget, QueryRequest};
use crate::store::tests::{base_store, cli, valid_company};
use crate::{MaillageStore, WriteContext};
use crate::{ResultsFormat, scope};

/// The same graphs as the view's scope, but not the same scope: its queries run on the store
/// itself, through the dataset that lists the visible graphs.
fn restricted_scope() -> GraphScope {
    public_view_scope().hiding_graph("urn:maillage:test:absent")
}

/// The answer to `query` in `scope`, as sorted TSV lines (order-free).
fn answer(store: &MaillageStore, scope: GraphScope, query: &str) -> BTreeSet<String> {
    let request = QueryRequest::new(query).within(scope);
    let out = store
        .query(&request, &Budget::new(Duration::from_secs(30)))
        .expect("the query runs");
    let tsv = out.write_results(ResultsFormat::Tsv).expect("TSV");
    String::from_utf8(tsv)
        .expect("UTF-8")
        .lines()
        .map(str::to_owned)
        .collect()
}

const QUERIES: &[&str] = &[
    "SELECT ?s ?p ?o WHERE { ?s ?p ?o }",
    "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }",
    "SELECT ?g WHERE { GRAPH ?g { } }",
    "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    "SELECT ?s WHERE { ?s a <https://w3id.org/maillage/ontology#Company> }",
    "SELECT ?s FROM <https://w3id.org/maillage/graph/private/prospects> WHERE { ?s ?p ?o }",
    "SELECT ?g ?s FROM NAMED <https://w3id.org/maillage/graph/demo> WHERE { GRAPH ?g { ?s ?p ?o } }",
    "ASK { GRAPH <https://w3id.org/maillage/graph/private/history> { ?s ?p ?o } }",
];

/// Every query answers the same through the view and through the restricted store.
fn assert_same(store: &MaillageStore, step: &str) {
    for q in QUERIES {
        assert_eq!(
            answer(store, public_view_scope(), q),
            answer(store, restricted_scope(), q),
            "after {step}: {q}"
        );
    }
}

fn company_in(id: &str, graph: &str) -> Vec<Quad> {
    let graph = GraphName::NamedNode(NamedNode::new_unchecked(graph));
    valid_company(id)
        .into_iter()
        .map(|q| Quad::new(q.subject, q.predicate, q.object, graph.clone()))
        .collect()
}

fn update(store: &MaillageStore, text: &str) {
    store
        .update(&cli(), text, None, Duration::from_secs(30))
        .expect("the update is accepted");
}

#[test]
fn the_view_answers_as_the_store_restricted_to_the_public_graphs_after_every_write() {
    let store = base_store();
    assert!(store.public_view().is_some());
    assert_same(&store, "the base vocabulary");

    let public = maillage_model::vocab::graph("test");
    let private = format!("{}prospects", scope::private_graph_prefix());
    let demo = scope::demo_graph_iri();
    for (id, graph) in [("ouvert", &public), ("secret", &private), ("fictif", &demo)] {
        store
            .insert_quads(&cli(), &company_in(id, graph), false)
            .expect("a valid company");
        assert_same(&store, &format!("a company in {graph}"));
    }
    // The confidential and the demo companies are nowhere in an anonymous answer.
    let all = answer(&store, public_view_scope(), QUERIES[1]);
    assert!(all.iter().any(|l| l.contains("org/ouvert")));
    assert!(
        !all.iter()
            .any(|l| l.contains("org/secret") || l.contains("org/fictif"))
    );

    update(
        &store,
        "CREATE GRAPH <https://w3id.org/maillage/graph/vide>",
    );
    assert_same(&store, "an empty graph created");
    assert!(
        answer(&store, public_view_scope(), QUERIES[2])
            .iter()
            .any(|l| l.contains("graph/vide"))
    );
    update(&store, "DROP GRAPH <https://w3id.org/maillage/graph/vide>");
    assert_same(&store, "the empty graph dropped");
    update(
        &store,
        &format!(
            "DELETE WHERE {{ GRAPH <{public}> {{ <https://w3id.org/maillage/id/org/ouvert> ?p ?o }} }}"
        ),
    );
    assert_same(&store, "the public company deleted");
    let last = store
        .history(1)
        .expect("the history")
        .first()
        .map(|c| c.id)
        .expect("a change");
    store
        .revert(last, crate::Actor::cli())
        .expect("the deletion is reverted");
    assert_same(&store, "the deletion reverted");
}

#[test]
fn a_persistent_view_is_rebuilt_when_its_state_does_not_name_the_last_change() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let count =
        "SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/maillage/ontology#Company> }";
    let public = maillage_model::vocab::graph("test");
    let expected = {
        let store = MaillageStore::open(dir.path()).expect("the store opens");
        store
            .insert_quads(
                &WriteContext::cli_load().system(),
                &crate::store::tests::BASE,
                true,
            )
            .expect("the base vocabulary");
        store
            .insert_quads(&cli(), &company_in("un", &public), false)
            .expect("a valid company");
        answer(&store, public_view_scope(), count)
    };
    assert!(expected.contains("1"), "{expected:?}");
    let state = dir.path().join("public-view.state");
    assert!(
        read_state(&state).is_some(),
        "the state names the last change"
    );

    // A state that names an earlier change (a write by a process that keeps no view, or a
    // crash between the two commits): the view is rebuilt and holds the company.
    fs::write(&state, format!("{STATE_HEADER}\nlast-change 1\n")).expect("state written");
    {
        let store = MaillageStore::open(dir.path()).expect("the store opens");
        assert_eq!(answer(&store, public_view_scope(), count), expected);
        assert_same(&store, "a rebuild");
        store
            .insert_quads(&cli(), &company_in("deux", &public), false)
            .expect("a second company");
    }
    // No state at all, and a view that holds a quad the store does not: rebuilt from scratch.
    fs::remove_file(&state).expect("state removed");
    {
        let view = Store::open(dir.path().join("public-view")).expect("the view opens");
        view.insert(&company_in("fantome", &public)[0])
            .expect("a stray quad");
    }
    let store = MaillageStore::open(dir.path()).expect("the store opens");
    let two = answer(&store, public_view_scope(), count);
    assert!(two.contains("2"), "{two:?}");
    assert_same(&store, "a rebuild without state");
}
