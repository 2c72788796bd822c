//! The budget invariants of [`MaillageStore::query`], on small in-memory stores: a query over
//! its budget answers [`StoreError::Timeout`] when the budget ends and is cancelled; the
//! [`Evaluator`] refuses evaluations beyond its bound (counting cancelled ones until they stop);
//! a result is complete or an error, never cut short.

use std::thread;
use std::time::{Duration, Instant};

use oxigraph::model::{GraphName, NamedNode, Quad};

use super::*;
use crate::GraphScope;
use crate::store::tests::cli;

/// `N` links of a chain `urn:maillage:test:node/0 → 1 → … → N` (no class, so no shape applies).
pub(crate) fn chain(n: usize) -> Vec<Quad> {
    let node = |i: usize| NamedNode::new_unchecked(format!("urn:maillage:test:node/{i}"));
    let next = NamedNode::new_unchecked("urn:maillage:test:next");
    (0..n)
        .map(|i| Quad::new(node(i), next.clone(), node(i + 1), GraphName::DefaultGraph))
        .collect()
}

/// Every pair of nodes of the chain, both ways: N² steps, each a read of the store, so the
/// evaluation notices its cancellation within milliseconds and holds little memory.
pub(crate) const RUNAWAY_PATTERN: &str = "{ SELECT (COUNT(*) AS ?n) WHERE { \
    ?x (<urn:maillage:test:next>|^<urn:maillage:test:next>)* ?y } }";

fn runaway() -> QueryRequest {
    QueryRequest::new(format!("SELECT ?n WHERE {RUNAWAY_PATTERN}"))
}

/// A store holding a chain long enough that counting its pairs takes far longer than a test.
fn chain_store(evaluator: Evaluator) -> MaillageStore {
    let store = MaillageStore::in_memory()
        .expect("an in-memory store")
        .with_evaluator(evaluator);
    store
        .insert_quads(&cli(), &chain(20_000), false)
        .expect("an untyped chain conforms");
    store
}

/// Waits (at most `limit`) for a condition on another thread's progress.
fn eventually(limit: Duration, what: &str, condition: impl Fn() -> bool) {
    let deadline = Instant::now() + limit;
    while !condition() {
        assert!(Instant::now() < deadline, "{what} after {limit:?}");
        thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn a_query_over_its_budget_answers_timeout_when_the_budget_ends_and_is_cancelled() {
    let store = chain_store(Evaluator::default());
    let budget = Duration::from_millis(200);
    let started = Instant::now();
    let result = store.query(&runaway(), &Budget::new(budget));
    let waited = started.elapsed();
    match result {
        Err(StoreError::Timeout(seconds)) => assert!((seconds - 0.2).abs() < 1e-9, "{seconds}"),
        other => panic!("expected a timeout, got {other:?}"),
    }
    assert!(
        waited >= budget,
        "answered before the budget ended: {waited:?}"
    );
    // The caller is answered when the budget ends, not when the evaluation stops (generous bound:
    // this checks the mechanism, not the machine's speed).
    assert!(
        waited < Duration::from_secs(5),
        "the caller waited {waited:?}"
    );
    // The cancelled evaluation really stops, and frees its slot.
    eventually(
        Duration::from_secs(30),
        "the evaluation is still running",
        || store.evaluator().in_flight() == 0,
    );
}

#[test]
fn the_evaluator_refuses_evaluations_beyond_its_bound_until_one_stops() {
    let store = chain_store(Evaluator::new(1, 1_000_000).with_queue(0, Duration::ZERO));
    assert_eq!(store.evaluator().max_in_flight(), 1);
    let budget = Budget::new(Duration::from_secs(120));
    let cancel = budget.cancel.clone();
    let running = {
        let store = store.clone();
        thread::spawn(move || store.query(&runaway(), &budget))
    };
    eventually(Duration::from_secs(30), "the runaway never started", || {
        store.evaluator().in_flight() == 1
    });

    let quick = QueryRequest::new("ASK { ?s ?p ?o }");
    let short = Budget::new(Duration::from_secs(30));
    match store.query(&quick, &short) {
        Err(StoreError::Busy(1)) => {}
        other => panic!("expected Busy(1) while the runaway runs, got {other:?}"),
    }

    // The client goes away: the evaluation is cancelled, and says so (not a timeout).
    cancel.cancel();
    match running.join().expect("the query thread") {
        Err(StoreError::Cancelled) => {}
        other => panic!("expected Cancelled, got {other:?}"),
    }
    eventually(Duration::from_secs(30), "the slot was never freed", || {
        store.evaluator().in_flight() == 0
    });
    assert_eq!(
        store.query(&quick, &short).expect("served again"),
        QueryOutput::Boolean(true)
    );
}

#[test]
fn beyond_its_bound_an_evaluation_waits_its_turn_then_is_busy_when_the_wait_runs_out() {
    let evaluator = Evaluator::new(1, 10).with_queue(1, Duration::from_millis(300));
    let held = evaluator.acquire(Some("a")).expect("a free slot");
    let started = Instant::now();
    match evaluator.acquire(Some("b")) {
        Err(StoreError::Busy(1)) => {}
        other => panic!(
            "expected Busy(1) after the wait, got {:?}",
            other.map(|_| ())
        ),
    }
    assert!(
        started.elapsed() >= Duration::from_millis(300),
        "did not wait"
    );
    assert_eq!(evaluator.waiting(), 0, "the waiter left the queue");
    // A waiter is served as soon as the slot is given back.
    let waiter = {
        let evaluator = evaluator.clone();
        thread::spawn(move || evaluator.acquire(Some("b")).map(|_| ()))
    };
    eventually(Duration::from_secs(5), "the waiter never queued", || {
        evaluator.waiting() == 1
    });
    // The queue holds one: a third is refused at once.
    let refused = Instant::now();
    assert!(matches!(
        evaluator.acquire(Some("c")),
        Err(StoreError::Busy(_))
    ));
    assert!(refused.elapsed() < Duration::from_millis(300));
    drop(held);
    waiter
        .join()
        .expect("thread")
        .expect("served when the slot was freed");
}

#[test]
fn the_next_slot_goes_to_the_client_served_least_recently() {
    let evaluator = Evaluator::new(1, 10).with_queue(8, Duration::from_secs(30));
    let held = evaluator.acquire(Some("a")).expect("a free slot");
    let order = Arc::new(Mutex::new(Vec::new()));
    let mut waiters = Vec::new();
    for (i, client) in ["a", "a", "b"].into_iter().enumerate() {
        let queue = evaluator.clone();
        let order = order.clone();
        waiters.push(thread::spawn(move || {
            let _slot = queue.acquire(Some(client)).expect("served");
            order
                .lock()
                .expect("order")
                .push(format!("{client}{}", i + 2));
        }));
        eventually(Duration::from_secs(5), "a waiter never queued", || {
            evaluator.waiting() == i + 1
        });
    }
    drop(held);
    for waiter in waiters {
        waiter.join().expect("thread");
    }
    // `a` was just served: `b`, though it came last, goes first; then `a` in arrival order.
    assert_eq!(*order.lock().expect("order"), ["b4", "a2", "a3"]);
}

#[test]
fn a_result_beyond_the_row_limit_is_an_error_not_a_short_success() {
    let store = MaillageStore::in_memory()
        .expect("store")
        .with_evaluator(Evaluator::new(4, 10));
    store
        .insert_quads(&cli(), &chain(50), false)
        .expect("conforms");
    let budget = Budget::new(Duration::from_secs(30));
    match store.query(&QueryRequest::new("SELECT * WHERE { ?s ?p ?o }"), &budget) {
        Err(StoreError::ResultTooLarge(10)) => {}
        other => panic!("expected ResultTooLarge(10), got {other:?}"),
    }
    match store.query(
        &QueryRequest::new("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"),
        &budget,
    ) {
        Err(StoreError::ResultTooLarge(10)) => {}
        other => panic!("expected ResultTooLarge(10), got {other:?}"),
    }
    let within = store
        .query(
            &QueryRequest::new("SELECT * WHERE { ?s ?p ?o } LIMIT 10"),
            &budget,
        )
        .expect("ten rows fit");
    let QueryOutput::Solutions { rows, .. } = within else {
        panic!("solutions expected");
    };
    assert_eq!(rows.len(), 10);
    // Each evaluation thread gives its slot back as it ends (just after it answers).
    eventually(Duration::from_secs(10), "a slot was never freed", || {
        store.evaluator().in_flight() == 0
    });
}

#[test]
fn a_syntax_error_keeps_the_parser_message_as_its_source() {
    let store = MaillageStore::in_memory().expect("store");
    let error = store
        .query(
            &QueryRequest::new("SELECT WHERE {"),
            &Budget::new(Duration::from_secs(5)),
        )
        .expect_err("a syntax error");
    assert!(matches!(error, StoreError::QuerySyntax(_)), "{error:?}");
    let source = std::error::Error::source(&error).expect("the parser's error");
    let detail = error.detail();
    assert!(detail.starts_with("SPARQL syntax error: "), "{detail}");
    assert!(detail.ends_with(&source.to_string()), "{detail}");
    eventually(
        Duration::from_secs(10),
        "the parsing thread kept its slot",
        || store.evaluator().in_flight() == 0,
    );
}

/// A store with one untyped triple in a visible graph and one in a hidden graph (the demo's).
fn scoped_store() -> (MaillageStore, GraphScope) {
    let store = MaillageStore::in_memory().expect("an in-memory store");
    let p = NamedNode::new_unchecked("urn:maillage:test:p");
    let quad = |s: &str, g: String| {
        Quad::new(
            NamedNode::new_unchecked(s),
            p.clone(),
            NamedNode::new_unchecked("urn:maillage:test:o"),
            NamedNode::new_unchecked(g),
        )
    };
    store
        .insert_quads(
            &cli(),
            &[
                quad(
                    "urn:maillage:test:real",
                    maillage_model::vocab::graph("region"),
                ),
                quad("urn:maillage:test:fictional", crate::demo_graph_iri()),
            ],
            false,
        )
        .expect("untyped triples conform");
    (store, GraphScope::public(false))
}

/// The subjects a query finds, sorted.
fn subjects(store: &MaillageStore, request: QueryRequest) -> Vec<String> {
    let output = store
        .query(&request, &Budget::new(Duration::from_secs(10)))
        .expect("the query runs");
    let QueryOutput::Solutions { rows, .. } = output else {
        panic!("solutions expected")
    };
    let mut out: Vec<String> = rows
        .into_iter()
        .filter_map(|r| r.into_iter().next().flatten())
        .map(|t| t.to_string())
        .collect();
    out.sort();
    out
}

#[test]
fn a_hidden_graph_is_out_of_every_dataset_a_query_can_name() {
    let (store, scope) = scoped_store();
    let demo = crate::demo_graph_iri();
    let region = maillage_model::vocab::graph("region");
    let real = vec!["<urn:maillage:test:real>".to_owned()];
    let both = vec![
        "<urn:maillage:test:fictional>".to_owned(),
        "<urn:maillage:test:real>".to_owned(),
    ];
    let query = |q: &str| QueryRequest::new(q).within(scope.clone());
    // Without a scope, everything is there.
    assert_eq!(
        subjects(&store, QueryRequest::new("SELECT ?s WHERE { ?s ?p ?o }")),
        both
    );
    // The union default graph, GRAPH ?g, and the list of graphs.
    assert_eq!(
        subjects(&store, query("SELECT ?s WHERE { ?s ?p ?o }")),
        real
    );
    assert_eq!(
        subjects(&store, query("SELECT ?s WHERE { GRAPH ?g { ?s ?p ?o } }")),
        real
    );
    assert_eq!(
        subjects(&store, query("SELECT ?g WHERE { GRAPH ?g { } }")),
        vec![format!("<{region}>")]
    );
    // FROM and FROM NAMED naming the hidden graph: as if it did not exist.
    assert!(
        subjects(
            &store,
            query(&format!("SELECT ?s FROM <{demo}> WHERE {{ ?s ?p ?o }}"))
        )
        .is_empty()
    );
    assert!(
        subjects(
            &store,
            query(&format!(
                "SELECT ?s FROM NAMED <{demo}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"
            ))
        )
        .is_empty()
    );
    assert!(
        subjects(
            &store,
            query(&format!(
                "SELECT ?s WHERE {{ GRAPH <{demo}> {{ ?s ?p ?o }} }}"
            ))
        )
        .is_empty()
    );
    assert_eq!(
        subjects(
            &store,
            query(&format!(
                "SELECT ?s FROM <{demo}> FROM <{region}> WHERE {{ ?s ?p ?o }}"
            ))
        ),
        real
    );
    // The protocol's default-graph-uri and named-graph-uri.
    let mut protocol = query("SELECT ?s WHERE { ?s ?p ?o }");
    protocol.default_graphs = vec![demo.clone()];
    assert!(subjects(&store, protocol).is_empty());
    let mut protocol = query("SELECT ?s WHERE { GRAPH ?g { ?s ?p ?o } }");
    protocol.named_graphs = vec![demo.clone(), region.clone()];
    assert_eq!(subjects(&store, protocol), real);
    // With the demo shown, it is all there again.
    assert_eq!(
        subjects(
            &store,
            QueryRequest::new("SELECT ?s WHERE { GRAPH ?g { ?s ?p ?o } }")
                .within(GraphScope::public(true))
        ),
        both
    );
}

#[test]
fn counts_dumps_and_descriptions_leave_a_hidden_graph_out_and_keep_its_data() {
    let (store, scope) = scoped_store();
    assert_eq!(store.quad_count().expect("count"), 2);
    assert_eq!(store.visible_quad_count(&scope).expect("count"), 1);
    assert_eq!(
        store.visible_graph_names(&scope).expect("names"),
        vec![maillage_model::vocab::graph("region")]
    );
    let demo = NamedNode::new_unchecked(crate::demo_graph_iri());
    assert!(store.contains_graph(&demo).expect("contains"));
    assert!(
        !store
            .contains_visible_graph(&demo, &scope)
            .expect("contains")
    );
    for format in [crate::GraphFormat::NQuads, crate::GraphFormat::Turtle] {
        let mut out = Vec::new();
        store
            .dump_visible(format, None, &scope, &mut out)
            .expect("dump");
        let text = String::from_utf8(out).expect("UTF-8");
        assert!(text.contains("urn:maillage:test:real"), "{text}");
        assert!(!text.contains("fictional"), "{text}");
        let mut out = Vec::new();
        store
            .dump_visible(format, Some(&demo), &scope, &mut out)
            .expect("dump");
        assert!(!String::from_utf8_lossy(&out).contains("fictional"));
    }
    let fictional = NamedNode::new_unchecked("urn:maillage:test:fictional");
    assert!(
        store
            .describe_visible(&fictional, &scope)
            .expect("describe")
            .is_empty()
    );
    assert_eq!(store.describe(&fictional).expect("describe").len(), 1);
    let object = NamedNode::new_unchecked("urn:maillage:test:o");
    assert_eq!(
        store
            .incoming_visible(&object, &scope)
            .expect("incoming")
            .len(),
        1
    );
}

#[test]
fn a_query_nested_deeper_than_the_limit_is_refused_before_parsing_and_a_deep_legal_one_runs() {
    let deep = |n: usize| {
        format!(
            "SELECT * WHERE {}?s ?p ?o{}",
            "{ ".repeat(n),
            " }".repeat(n)
        )
    };
    assert!(check_text(&deep(MAX_NESTING - 1)).is_ok());
    match check_text(&deep(5_000)) {
        Err(StoreError::TooDeep { depth, max }) => {
            assert_eq!(depth, 5_000);
            assert_eq!(max, MAX_NESTING);
        }
        other => panic!("expected TooDeep, got {other:?}"),
    }
    // Brackets inside a string still count: a crafted string cannot hide nesting.
    let hidden = format!("SELECT * WHERE {{ ?s ?p \"{}\" }}", "(".repeat(200));
    assert!(matches!(
        check_text(&hidden),
        Err(StoreError::TooDeep { .. })
    ));
}
