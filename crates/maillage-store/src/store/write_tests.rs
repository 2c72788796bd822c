//! The write path of issue 9: protected system graphs, the history and revert, the update
//! evaluator against oxigraph's own, and incremental against full validation.

use std::collections::BTreeSet;
use std::time::Duration;

use oxigraph::model::{GraphNameRef, Literal, NamedNode, Quad};
use oxigraph::sparql::SparqlEvaluator;
use proptest::prelude::*;

use super::tests::{add_company, base_store, cli, contents, org_iri, test_graph, valid_company};
use super::*;
use crate::change::Actor;
use crate::history::SUBJECTS_NAMED;

const MO: &str = "https://w3id.org/maillage/ontology#";
const ID: &str = "https://w3id.org/maillage/id/";

fn update(store: &MaillageStore, text: &str) -> Result<WriteReport, StoreError> {
    store.update(&cli(), text, None, Duration::from_secs(30))
}

fn protected(result: Result<WriteReport, StoreError>) -> String {
    match result {
        Err(StoreError::ProtectedGraph { graph }) => graph,
        other => panic!("expected a protected-graph refusal, got {other:?}"),
    }
}

#[test]
fn every_write_that_would_touch_a_system_graph_is_refused_whole() {
    let store = base_store();
    add_company(&store, "gardee", false);
    let before = contents(&store);
    let shapes = vocab::graph("shapes");
    let ontology = vocab::graph("ontology");
    let territory = vocab::graph("territory");
    let refused = [
        "DROP ALL".to_owned(),
        "CLEAR ALL".to_owned(),
        "DROP NAMED".to_owned(),
        format!("DROP GRAPH <{shapes}>"),
        format!("CLEAR GRAPH <{ontology}>"),
        // A DELETE WHERE that matches system triples (every municipality's label).
        format!(
            "DELETE WHERE {{ GRAPH <{territory}> {{ ?m a <{MO}Municipality> ; \
             <http://www.w3.org/2000/01/rdf-schema#label> ?l }} }}"
        ),
        // An INSERT into a system graph, even a harmless one.
        format!("INSERT DATA {{ GRAPH <{ontology}> {{ <urn:a> <urn:b> <urn:c> }} }}"),
        // The history itself.
        format!(
            "INSERT DATA {{ GRAPH <{}> {{ <urn:a> <urn:b> <urn:c> }} }}",
            history::history_graph().as_str()
        ),
    ];
    for text in &refused {
        let graph = protected(update(&store, text));
        assert!(
            graph.starts_with("https://w3id.org/maillage/graph/"),
            "{text}: {graph}"
        );
        assert_eq!(contents(&store), before, "{text} changed the store");
    }
    // The refusal names the graph.
    assert_eq!(protected(update(&store, &refused[3])), shapes);
    // A user graph is still writable, and a DELETE WHERE confined to it passes.
    let g = test_graph();
    update(
        &store,
        &format!(
            "DELETE WHERE {{ GRAPH <{}> {{ <{ID}org/gardee> <http://purl.org/dc/terms/source> ?s }} }} ;
             INSERT DATA {{ GRAPH <{}> {{ <{ID}org/gardee> <http://purl.org/dc/terms/source> <https://example.org/autre> }} }}",
            g.as_str(),
            g.as_str()
        ),
    )
    .expect("a write to a user graph");
    // A system load may change a system graph (still validated).
    let report = store
        .insert_quads(
            &cli().system(),
            &[Quad::new(
                NamedNode::new_unchecked("urn:maillage:test:note"),
                NamedNode::new_unchecked("http://www.w3.org/2000/01/rdf-schema#comment"),
                Literal::new_simple_literal("système"),
                NamedNode::new_unchecked(ontology.clone()),
            )],
            false,
        )
        .expect("a system write");
    assert_eq!(report.delta(), 1);
}

#[test]
fn history_records_each_committed_write_and_nothing_else() {
    let store = base_store();
    let start = store.history(100).expect("history");
    let first = add_company(&store, "histoire", false);
    assert_eq!(first.added, 4);
    assert_eq!(first.removed, 0);
    assert_eq!(first.actor, "cli");
    assert_eq!(first.origin, "load");
    assert_eq!(first.graphs, vec![Some(test_graph().as_str().to_owned())]);
    assert!(
        time::OffsetDateTime::parse(&first.at, &time::format_description::well_known::Rfc3339)
            .is_ok(),
        "{}",
        first.at
    );
    // A rejected write and an empty one are not recorded.
    let _ = update(
        &store,
        &format!("INSERT DATA {{ <{ID}org/sans-nom> a <{MO}Company> }}"),
    )
    .expect_err("violates the shapes");
    let noop = store
        .insert_quads(&cli(), &valid_company("histoire"), false)
        .expect("nothing new");
    assert_eq!(noop.change, None);
    let context = WriteContext::new(Actor("alice".into()), Origin::Rest);
    let second = store
        .write(&context, |tx| {
            tx.remove(valid_company("histoire")[3].as_ref())?;
            tx.insert(
                Quad::new(
                    org_iri("histoire"),
                    NamedNode::new_unchecked("http://purl.org/dc/terms/source"),
                    NamedNode::new_unchecked("https://example.org/nouvelle"),
                    test_graph(),
                )
                .as_ref(),
            )?;
            Ok(())
        })
        .expect("an edit")
        .change
        .expect("a change");
    assert_eq!(second.id, first.id + 1);
    let list = store.history(100).expect("history");
    assert_eq!(list.len(), start.len() + 2);
    assert_eq!(list[0].id, second.id, "newest first");
    assert_eq!(list[0].actor, "alice");
    assert_eq!(list[0].origin, "rest");
    assert_eq!((list[0].added, list[0].removed), (1, 1));
    assert_eq!(store.history(1).expect("history").len(), 1);
    // The record holds the quads themselves.
    let record = store.change(second.id).expect("read").expect("exists");
    assert_eq!(
        record.change.removed,
        vec![valid_company("histoire")[3].clone()]
    );
    // The history is out of the dataset's counts, names and dumps.
    assert!(
        !store
            .graph_names()
            .expect("names")
            .iter()
            .any(|g| g.contains("history"))
    );
    let mut dump = Vec::new();
    store
        .dump(crate::GraphFormat::NQuads, None, &mut dump)
        .expect("dump");
    assert!(!String::from_utf8_lossy(&dump).contains("changeNumber"));
}

#[test]
fn create_edit_revert_revert_gives_back_the_start() {
    let store = base_store();
    let start = contents_without_history(&store);
    let created = add_company(&store, "aller-retour", false);
    let org = org_iri("aller-retour").into_string();
    let g = test_graph();
    let edited = update(
        &store,
        &format!(
            "DELETE {{ GRAPH <{g}> {{ <{org}> <http://www.w3.org/2000/01/rdf-schema#label> ?l }} }}
             INSERT {{ GRAPH <{g}> {{ <{org}> <http://www.w3.org/2000/01/rdf-schema#label> \"Aller-retour inc.\"@fr }} }}
             WHERE {{ GRAPH <{g}> {{ <{org}> <http://www.w3.org/2000/01/rdf-schema#label> ?l }} }}",
            g = g.as_str()
        ),
    )
    .expect("edited")
    .change
    .expect("a change");
    assert_eq!((edited.added, edited.removed), (1, 1));
    let undo_edit = store
        .revert(edited.id, Actor::cli())
        .expect("revert the edit")
        .change
        .expect("a change");
    assert_eq!(undo_edit.origin, "revert");
    assert_eq!(undo_edit.reverts, Some(edited.id));
    store
        .revert(created.id, Actor::cli())
        .expect("revert the creation");
    assert_eq!(contents_without_history(&store), start);
}

#[test]
fn a_revert_is_refused_when_a_later_change_touched_the_same_quads() {
    let store = base_store();
    let created = add_company(&store, "conflit", false);
    let org = org_iri("conflit").into_string();
    let g = test_graph();
    let later = update(
        &store,
        &format!(
            "DELETE DATA {{ GRAPH <{g}> {{ <{org}> <http://www.w3.org/2000/01/rdf-schema#label> \"Essai IA\"@fr }} }} ;
             INSERT DATA {{ GRAPH <{g}> {{ <{org}> <http://www.w3.org/2000/01/rdf-schema#label> \"Conflit\"@fr }} }}",
            g = g.as_str()
        ),
    )
    .expect("later edit")
    .change
    .expect("a change");
    let before = contents(&store);
    match store.revert(created.id, Actor::cli()) {
        Err(StoreError::RevertConflict {
            change,
            later: by,
            quads,
        }) => {
            assert_eq!(change, created.id);
            assert_eq!(by, vec![later.id]);
            assert_eq!(quads, 1);
        }
        other => panic!("expected a conflict, got {other:?}"),
    }
    assert_eq!(contents(&store), before, "a refused revert writes nothing");
    assert!(matches!(
        store.revert(9_999, Actor::cli()),
        Err(StoreError::NoSuchChange(9_999))
    ));
}

#[test]
fn the_history_survives_a_restart() {
    let dir = tempfile::tempdir().expect("temp dir");
    let id = {
        let store = MaillageStore::open(dir.path()).expect("open");
        store.ensure_initialised().expect("base");
        let report = store
            .insert_quads(&cli(), &valid_company("durable"), false)
            .expect("valid");
        store.flush().expect("flush");
        report.change.expect("a change").id
    };
    let store = MaillageStore::open(dir.path()).expect("reopen");
    let list = store.history(10).expect("history");
    assert_eq!(list[0].id, id);
    let next = add_company(&store, "durable-2", false);
    assert_eq!(next.id, id + 1, "numbering continues after a restart");
}

fn contents_without_history(store: &MaillageStore) -> BTreeSet<String> {
    let history = history::history_graph();
    store
        .oxigraph()
        .iter()
        .map(|q| q.expect("readable"))
        .filter(|q| q.graph_name.as_ref() != GraphNameRef::NamedNode(history.as_ref()))
        .map(|q| q.to_string())
        .collect()
}

/// The store's quads (history aside) with blank nodes renamed in order of appearance, so that
/// two evaluations that minted different blank node ids compare equal.
fn canonical(quads: impl Iterator<Item = Quad>) -> Vec<String> {
    let mut lines: Vec<String> = quads
        .filter(|q| !history::is_history(q.graph_name.as_ref()))
        .map(|q| {
            let line = q.to_string();
            // Blank node labels become "_:b".
            let mut out = String::new();
            let mut rest = line.as_str();
            while let Some(i) = rest.find("_:") {
                out.push_str(&rest[..i]);
                out.push_str("_:b");
                rest = &rest[i + 2..];
                let end = rest.find(|c: char| c.is_whitespace()).unwrap_or(rest.len());
                rest = &rest[end..];
            }
            out.push_str(rest);
            out
        })
        .collect();
    lines.sort();
    lines
}

/// Updates with the SPARQL 1.1 Update features the evaluator implements; each runs on a store
/// holding [`seed`], through our path and through oxigraph's own evaluator.
const UPDATES: &[&str] = &[
    "INSERT DATA { <urn:s> <urn:p> <urn:o> . GRAPH <urn:g2> { <urn:s> <urn:p> \"x\"@fr } }",
    "DELETE DATA { GRAPH <urn:g1> { <urn:a> <urn:p> <urn:b> } }",
    "DELETE { GRAPH ?g { ?s <urn:p> ?o } } INSERT { GRAPH ?g { ?o <urn:q> ?s } } WHERE { GRAPH ?g { ?s <urn:p> ?o } }",
    "WITH <urn:g1> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o FILTER(?o = <urn:b>) }",
    "INSERT { GRAPH <urn:g3> { ?s <urn:copy> ?o } } USING <urn:g1> WHERE { ?s <urn:p> ?o }",
    "INSERT { GRAPH <urn:g3> { ?s <urn:n> ?o } } USING NAMED <urn:g1> WHERE { GRAPH ?g { ?s ?p ?o } }",
    "INSERT { ?s <urn:has> [ <urn:value> ?o ] } WHERE { GRAPH <urn:g1> { ?s <urn:p> ?o } }",
    "INSERT { ?s <urn:opt> ?missing } WHERE { GRAPH <urn:g1> { ?s <urn:p> ?o OPTIONAL { ?o <urn:nothing> ?missing } } }",
    "INSERT DATA { <urn:x> <urn:p> <urn:y> } ; DELETE { ?s <urn:p> ?o } INSERT { ?o <urn:p> ?s } WHERE { ?s <urn:p> ?o }",
    "DELETE WHERE { GRAPH <urn:g1> { ?s <urn:p> ?o } }",
    "CLEAR GRAPH <urn:g1>",
    "DROP GRAPH <urn:g1> ; CREATE GRAPH <urn:g1>",
    "CLEAR DEFAULT",
    "CLEAR NAMED",
    "DROP ALL",
    "DROP SILENT GRAPH <urn:nothing-here>",
    "CREATE SILENT GRAPH <urn:g1>",
    "INSERT { ?s <urn:label> ?l } WHERE { GRAPH ?g { ?s <urn:p> ?o } BIND(CONCAT(\"n-\", STR(?o)) AS ?l) }",
];

fn seed() -> Vec<Quad> {
    let q = |s: &str, p: &str, o: &str, g: Option<&str>| {
        Quad::new(
            NamedNode::new_unchecked(s),
            NamedNode::new_unchecked(p),
            NamedNode::new_unchecked(o),
            match g {
                Some(g) => oxigraph::model::GraphName::from(NamedNode::new_unchecked(g)),
                None => oxigraph::model::GraphName::DefaultGraph,
            },
        )
    };
    vec![
        q("urn:a", "urn:p", "urn:b", Some("urn:g1")),
        q("urn:b", "urn:p", "urn:c", Some("urn:g1")),
        q("urn:c", "urn:p", "urn:a", Some("urn:g2")),
        q("urn:d", "urn:p", "urn:e", None),
    ]
}

#[test]
fn updates_change_exactly_what_oxigraph_s_own_evaluator_changes() {
    for text in UPDATES {
        let ours = MaillageStore::in_memory().expect("store");
        ours.insert_quads(&cli(), &seed(), false).expect("seed");
        let theirs = oxigraph::store::Store::new().expect("store");
        for q in seed() {
            theirs.insert(&q).expect("seed");
        }
        let their_result = SparqlEvaluator::new()
            .parse_update(text)
            .expect("parses")
            .on_store(&theirs)
            .execute();
        let our_result = update(&ours, text);
        assert_eq!(
            our_result.is_ok(),
            their_result.is_ok(),
            "{text}: ours {our_result:?}, oxigraph {their_result:?}"
        );
        assert_eq!(
            canonical(ours.oxigraph().iter().map(|q| q.expect("readable"))),
            canonical(theirs.iter().map(|q| q.expect("readable"))),
            "{text}"
        );
        // The recorded change is exactly the difference.
        if let Ok(report) = our_result {
            let after = ours.quad_count().expect("count");
            assert_eq!(report.quads_after, after, "{text}");
        }
    }
    // Errors as oxigraph gives them.
    for text in ["DROP GRAPH <urn:nothing-here>", "CREATE GRAPH <urn:g1>"] {
        let ours = MaillageStore::in_memory().expect("store");
        ours.insert_quads(&cli(), &seed(), false).expect("seed");
        assert!(
            matches!(update(&ours, text), Err(StoreError::Evaluation(_))),
            "{text}"
        );
    }
}

/// Random small writes over the default data: add or remove a triple about a real organisation
/// or municipality, picked among properties the shapes constrain.
fn default_store() -> MaillageStore {
    static DEFAULT: std::sync::OnceLock<Vec<Quad>> = std::sync::OnceLock::new();
    let quads = DEFAULT.get_or_init(|| {
        let mut quads = Vec::new();
        for file in embedded::EMBEDDED_FILES.iter() {
            let graph = NamedNode::new_unchecked(file.graph_iri());
            let format = format_of_name(file.path).expect("an RDF file name");
            quads.extend(parse(file.content, format, file.path, Some(&graph)).expect("parses"));
        }
        quads
    });
    let store = MaillageStore::in_memory().expect("store");
    store
        .insert_quads(&cli().system(), quads, false)
        .expect("the default data conforms");
    store
}

#[derive(Clone, Debug)]
enum Edit {
    /// Remove the n-th triple (in a stable order) about the subject.
    Remove(usize),
    /// Add a triple with a constrained predicate and an object drawn from the data.
    Add { predicate: usize, object: usize },
}

const PREDICATES: &[&str] = &[
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
    "https://w3id.org/maillage/ontology#locatedIn",
    "https://w3id.org/maillage/ontology#offersExpertise",
    "https://w3id.org/maillage/ontology#hasNeed",
    "https://w3id.org/maillage/ontology#sector",
    "https://w3id.org/maillage/ontology#collaboratesWith",
    "http://www.w3.org/2000/01/rdf-schema#label",
    "https://w3id.org/maillage/ontology#capacity",
    "http://www.w3.org/2004/02/skos/core#broader",
];

fn edits() -> impl Strategy<Value = (usize, Vec<Edit>)> {
    let edit = prop_oneof![
        (0usize..40).prop_map(Edit::Remove),
        (0..PREDICATES.len(), 0usize..400)
            .prop_map(|(predicate, object)| Edit::Add { predicate, object }),
    ];
    (0usize..400, prop::collection::vec(edit, 1..4))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn incremental_and_full_validation_agree((subject, edits) in edits()) {
        static STORE: std::sync::OnceLock<MaillageStore> = std::sync::OnceLock::new();
        let store = STORE.get_or_init(default_store);
        // Subjects and objects drawn from the data: organisations, concepts, municipalities.
        let subjects: Vec<Quad> = store
            .oxigraph()
            .quads_for_pattern(None, Some(NamedNode::new_unchecked(PREDICATES[0]).as_ref()), None, None)
            .map(|q| q.expect("readable"))
            .filter(|q| !history::is_history(q.graph_name.as_ref()))
            .collect();
        let target = &subjects[subject % subjects.len()];
        let node = target.subject.clone();
        let objects: Vec<oxigraph::model::Term> = subjects
            .iter()
            .step_by(7)
            .map(|q| oxigraph::model::Term::from(q.subject.clone()))
            .chain(subjects.iter().step_by(11).map(|q| q.object.clone()))
            .chain([
                Literal::new_simple_literal("sans langue").into(),
                Literal::new_language_tagged_literal("nouveau", "fr").expect("tag").into(),
                Literal::from(-3).into(),
            ])
            .collect();
        let mut tx = store.oxigraph().start_transaction().expect("tx");
        let set = {
            let mut changes = Changes::new(&mut tx);
            for edit in &edits {
                match edit {
                    Edit::Remove(n) => {
                        let about = changes
                            .quads_for_pattern(Some(node.as_ref()), None, None, None)
                            .expect("readable");
                        if !about.is_empty() {
                            changes.remove(about[n % about.len()].as_ref()).expect("remove");
                        }
                    }
                    Edit::Add { predicate, object } => {
                        let q = Quad::new(
                            node.clone(),
                            NamedNode::new_unchecked(PREDICATES[*predicate]),
                            objects[object % objects.len()].clone(),
                            target.graph_name.clone(),
                        );
                        changes.insert(q.as_ref()).expect("insert");
                    }
                }
            }
            changes.change_set()
        };
        let validator = store.validator();
        let key = |v: &crate::Violation| (v.focus_node.clone(), v.path.clone(), v.component.clone(), v.value.clone());
        let incremental: BTreeSet<_> = validator
            .validate_change(&tx, &set)
            .expect("validates")
            .iter()
            .map(key)
            .collect();
        let full: BTreeSet<_> = validator
            .validate_transaction(&tx)
            .expect("validates")
            .iter()
            .map(key)
            .collect();
        // The transaction is dropped: the shared store is unchanged for the next case.
        drop(tx);
        prop_assert_eq!(incremental, full, "edits {:?} on {}", edits, node);
    }
}

#[test]
fn the_last_change_of_a_subject_names_who_changed_it_last_even_through_a_bulk_change() {
    let store = base_store();
    let who = |name: &str| WriteContext::new(Actor(name.into()), Origin::Rest);
    let laval = format!("{ID}org/suivie");
    assert_eq!(store.last_change_of(&laval).expect("read"), None);
    store
        .insert_quads(&who("sophie"), &valid_company("suivie"), false)
        .expect("valid");
    store
        .insert_quads(&who("marc"), &valid_company("autre"), false)
        .expect("valid");
    let last = store
        .last_change_of(&laval)
        .expect("read")
        .expect("a change");
    assert_eq!(
        last.actor, "sophie",
        "marc's change is about another subject"
    );
    // A change of more subjects than the history names one by one is read in full.
    let mut bulk = Vec::new();
    for i in 0..=SUBJECTS_NAMED {
        bulk.extend(valid_company(&format!("lot-{i}")));
    }
    bulk.extend(valid_company("suivie").into_iter().map(|mut q| {
        if q.predicate.as_str().ends_with("label") {
            q.object = Literal::new_language_tagged_literal_unchecked("Suivie (lot)", "fr").into();
        }
        q
    }));
    store
        .insert_quads(&who("chargement"), &bulk, false)
        .expect("valid bulk");
    let last = store
        .last_change_of(&laval)
        .expect("read")
        .expect("a change");
    assert_eq!(last.actor, "chargement");
    assert_eq!(
        store
            .last_change_of(&format!("{ID}org/autre"))
            .expect("read")
            .expect("a change")
            .actor,
        "marc",
        "the bulk change did not touch it"
    );
}
