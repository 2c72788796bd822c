//! Hostile queries, the result cache and protocol interop (issue 12): no request can crash the
//! process; repeated queries are answered from the cache, and never a stale or another
//! reader's answer; `/sparql` takes updates too; Graph Store bodies resolve relative IRIs
//! against the target graph.

use axum::http::{Method, StatusCode};

use crate::{App, TOKEN, call, metric};

fn query(text: &str) -> crate::Call {
    call(Method::POST, "/sparql")
        .header("accept", "application/sparql-results+json")
        .form(&[("query", text)])
}

/// Each of these once overflowed a thread's stack (20,000 steps; the parser and the evaluator
/// recurse on them) or holds megabytes: each is a 4xx problem now, and the server answers on.
#[tokio::test]
async fn each_hostile_query_is_a_4xx_problem_and_the_server_answers_on() {
    let app = App::shared();
    let n = 20_000;
    let p = "<http://example.org/p>";
    let hostile = [
        (
            "path chain",
            format!("SELECT * {{ ?s {} ?o }}", vec![p; n].join("/")),
        ),
        (
            "alternatives",
            format!("SELECT * {{ ?s {} ?o }}", vec![p; n].join("|")),
        ),
        (
            "inverses",
            format!("SELECT * {{ ?s {}{p} ?o }}", "^".repeat(n)),
        ),
        (
            "and chain",
            format!("ASK {{ FILTER({}) }}", vec!["true"; n].join(" && ")),
        ),
        (
            "sum",
            format!("SELECT ({} AS ?x) {{}}", vec!["1"; n].join("+")),
        ),
        (
            "union chain",
            vec![format!("{{ ?s {p} ?o }}"); n].join(" UNION "),
        ),
        (
            "binds",
            (0..n)
                .map(|i| format!("BIND({i} AS ?v{i})"))
                .collect::<Vec<_>>()
                .join(" "),
        ),
    ];
    for (what, text) in &hostile {
        let text = if text.starts_with("SELECT") || text.starts_with("ASK") {
            text.clone()
        } else {
            format!("SELECT * {{ {text} }}")
        };
        let reply = app.send(query(&text)).await;
        assert_eq!(
            reply.status,
            StatusCode::BAD_REQUEST,
            "{what}: {}",
            reply.text()
        );
        assert_eq!(
            reply.header("content-type"),
            "application/problem+json",
            "{what}"
        );
        assert!(reply.text().contains("VALUES"), "{what}: {}", reply.text());
    }
    let values = format!(
        "SELECT * {{ VALUES ?x {{ {} }} }}",
        (0..300_000)
            .map(|i| format!("\"v{i}\""))
            .collect::<Vec<_>>()
            .join(" ")
    );
    let literal = format!("SELECT * {{ BIND(\"{}\" AS ?x) }}", "a".repeat(5 << 20));
    for (what, text) in [("huge VALUES", values), ("giant literal", literal)] {
        let reply = app.send(query(&text)).await;
        assert_eq!(
            reply.status,
            StatusCode::PAYLOAD_TOO_LARGE,
            "{what}: {}",
            reply.text()
        );
        assert_eq!(reply.header("content-type"), "application/problem+json");
    }
    // An update is checked the same way.
    let update = format!(
        "DELETE {{ ?s {p} ?o }} WHERE {{ ?s {} ?o }}",
        vec![p; n].join("/")
    );
    let writable = App::writable();
    let reply = writable
        .send(
            call(Method::POST, "/update")
                .bearer(TOKEN)
                .body("application/sparql-update", update),
        )
        .await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{}", reply.text());
    // Deep but within the limits: evaluated on a thread whose stack holds it (3,000
    // alternatives overflowed a 2 MiB worker stack before).
    let deep = format!("ASK {{ ?s {} ?o }}", vec![p; 3_000].join("|"));
    let reply = app.send(query(&deep)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    assert_eq!(reply.json()["boolean"], false);
    assert_eq!(app.get("/health").await.status, StatusCode::OK);
}

fn count_of(reply: &crate::Reply) -> u64 {
    reply.json()["results"]["bindings"][0]["n"]["value"]
        .as_str()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("a count: {}", reply.text()))
}

/// The second identical query is a cache hit (the metrics say so; white space and comments do
/// not matter); a write moves the store's generation on, so the next answer is the new one.
#[tokio::test]
async fn a_repeated_query_is_a_cache_hit_and_a_write_is_seen_at_once() {
    let app = App::writable();
    let text = "SELECT (COUNT(*) AS ?n) WHERE { ?s <urn:maillage:test:cached> ?o }";
    let first = app.send(query(text)).await;
    assert_eq!(count_of(&first), 0);
    let before = app.get("/metrics").await.text();
    let again = app
        .send(query(&format!(
            "# the same\n  {}  ",
            text.replace(' ', "\n ")
        )))
        .await;
    assert_eq!(again.body, first.body);
    let after = app.get("/metrics").await.text();
    assert_eq!(
        metric(&after, "maillage_query_cache_hits_total"),
        metric(&before, "maillage_query_cache_hits_total") + 1.0
    );
    assert!(metric(&after, "maillage_query_cache_bytes") > 0.0);
    // A write through /sparql itself (one URL for queries and updates).
    let reply = app
        .send(
            call(Method::POST, "/sparql")
                .bearer(TOKEN)
                .body(
                    "application/sparql-update",
                    "INSERT DATA { GRAPH <https://w3id.org/maillage/graph/test> { <urn:a> <urn:maillage:test:cached> <urn:b> } }",
                ),
        )
        .await;
    assert_eq!(reply.status, StatusCode::NO_CONTENT, "{}", reply.text());
    assert_eq!(
        count_of(&app.send(query(text)).await),
        1,
        "never the stale answer"
    );
    // A form `update=` at /sparql too; without a token it is refused and nothing changes.
    let anonymous = app
        .send(call(Method::POST, "/sparql").form(&[(
            "update",
            "INSERT DATA { GRAPH <https://w3id.org/maillage/graph/test> { <urn:c> <urn:maillage:test:cached> <urn:d> } }",
        )]))
        .await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
    assert_eq!(count_of(&app.send(query(text)).await), 1);
}

/// An answer that changes from one evaluation to the next (`NOW()`, `RAND()`, `UUID()`) is
/// never kept: the same text asked twice is evaluated twice.
#[tokio::test]
async fn an_answer_that_changes_between_evaluations_is_not_cached() {
    let app = App::writable();
    let text = "SELECT (STRUUID() AS ?u) (RAND() AS ?r) WHERE {}";
    let before = app.get("/metrics").await.text();
    let first = app.send(query(text)).await;
    let second = app.send(query(text)).await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.text());
    assert_ne!(first.body, second.body, "two evaluations, two answers");
    let after = app.get("/metrics").await.text();
    assert_eq!(
        metric(&after, "maillage_query_cache_hits_total"),
        metric(&before, "maillage_query_cache_hits_total")
    );
}

/// A Graph Store PUT resolves the body's relative IRIs against the graph's IRI, as
/// `oxigraph serve` does (LUBM's RDF/XML has relative IRIs and no base).
#[tokio::test]
async fn a_graph_store_body_resolves_relative_iris_against_the_graph() {
    let app = App::writable();
    let graph = "https://w3id.org/maillage/graph/test/relative";
    let body = r##"<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="urn:maillage:test:">
  <rdf:Description rdf:about="#dept0"><ex:name>Dept 0</ex:name></rdf:Description>
</rdf:RDF>"##;
    let reply = app
        .send(
            call(Method::PUT, &crate::uri("/store", &[("graph", graph)]))
                .bearer(TOKEN)
                .body("application/rdf+xml", body),
        )
        .await;
    assert!(
        reply.status.is_success(),
        "{}: {}",
        reply.status,
        reply.text()
    );
    let ask = format!(
        "ASK {{ GRAPH <{graph}> {{ <{graph}#dept0> <urn:maillage:test:name> \"Dept 0\" }} }}"
    );
    let reply = app.send(query(&ask)).await;
    assert_eq!(reply.json()["boolean"], true, "{}", reply.text());
}

/// Direct graph identification: `/store/…` names the graph `{base}/store/…`, which the
/// indirect form reads too; a GET that carries an update is refused, never applied.
#[tokio::test]
async fn a_graph_named_by_its_own_address_and_no_update_by_get() {
    let app = App::writable();
    let direct = "/store/personnes/1.ttl";
    let body = "<urn:maillage:test:p1> <urn:maillage:test:name> \"Une personne\" .";
    let put = app
        .send(
            call(Method::PUT, direct)
                .bearer(TOKEN)
                .body("text/turtle", body),
        )
        .await;
    assert_eq!(put.status, StatusCode::CREATED, "{}", put.text());
    let graph = "http://127.0.0.1:8080/store/personnes/1.ttl";
    let indirect = app
        .send(
            call(Method::GET, &crate::uri("/store", &[("graph", graph)]))
                .header("accept", "application/n-triples"),
        )
        .await;
    assert_eq!(indirect.status, StatusCode::OK, "{}", indirect.text());
    assert!(indirect.text().contains("Une personne"));
    let both = app.get(&crate::uri(direct, &[("graph", graph)])).await;
    assert_eq!(both.status, StatusCode::BAD_REQUEST);
    let anonymous = app.send(call(Method::DELETE, direct)).await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
    let deleted = app.send(call(Method::DELETE, direct).bearer(TOKEN)).await;
    assert_eq!(deleted.status, StatusCode::NO_CONTENT);
    assert_eq!(app.get(direct).await.status, StatusCode::NOT_FOUND);

    let quads = app.quads();
    let by_get = app
        .send(
            call(
                Method::GET,
                &crate::uri("/sparql", &[("update", "CLEAR ALL")]),
            )
            .bearer(TOKEN),
        )
        .await;
    assert_eq!(by_get.status, StatusCode::BAD_REQUEST, "{}", by_get.text());
    assert!(
        by_get.json()["detail"]
            .as_str()
            .unwrap_or_default()
            .contains("POST")
    );
    assert_eq!(app.quads(), quads, "nothing was cleared");
}
