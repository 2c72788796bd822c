//! The SPARQL 1.1 Protocol as a researcher uses it: every results format, CONSTRUCT in every RDF
//! format, content negotiation, the service description, syntax errors, and the dataset.

use axum::http::{Method, StatusCode};
use serde_json::Value;

use crate::{App, call, uri};

const COUNT_ORGS: &str = "PREFIX mo: <https://w3id.org/maillage/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE { ?o a ?c . ?c rdfs:subClassOf mo:Organization }";

fn count_of(json: &Value) -> u64 {
    json["results"]["bindings"][0]["n"]["value"]
        .as_str()
        .and_then(|v| v.parse().ok())
        .expect("a count")
}

#[tokio::test]
async fn a_get_with_the_query_in_the_url_answers_json_by_default() {
    let app = App::shared();
    let reply = app.get(&uri("/sparql", &[("query", COUNT_ORGS)])).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(
        reply
            .header("content-type")
            .starts_with("application/sparql-results+json")
    );
    let n = count_of(&reply.json());
    assert!(n >= 200, "{n} organisations");
}

#[tokio::test]
async fn every_results_format_by_accept_and_by_the_format_parameter() {
    let app = App::shared();
    for (accept, marker) in [
        ("application/sparql-results+xml", "<sparql"),
        ("text/csv", "n\r\n"),
        ("text/tab-separated-values", "?n"),
    ] {
        let reply = app
            .send(
                call(Method::POST, "/sparql")
                    .header("accept", accept)
                    .body("application/sparql-query", COUNT_ORGS),
            )
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{accept}");
        assert!(reply.header("content-type").starts_with(accept), "{accept}");
        assert!(reply.text().contains(marker), "{accept}");
    }

    // POST form, and the `format` parameter browsers use.
    let csv = app
        .send(call(Method::POST, "/sparql").form(&[("query", COUNT_ORGS), ("format", "csv")]))
        .await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.text().starts_with("n\r\n"));
}

#[tokio::test]
async fn construct_in_every_rdf_format() {
    let app = App::shared();
    let construct = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <https://w3id.org/maillage/graph/funding> { ?s ?p ?o } } LIMIT 20";
    for (accept, marker) in [
        ("text/turtle", "@prefix"),
        ("application/n-triples", "<https://"),
        ("application/rdf+xml", "rdf:RDF"),
        ("application/ld+json", "@id"),
    ] {
        let reply = app
            .send(
                call(Method::GET, &uri("/sparql", &[("query", construct)]))
                    .header("accept", accept),
            )
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{accept}");
        assert!(reply.text().contains(marker), "{accept}");
    }
}

#[tokio::test]
async fn nothing_acceptable_is_406_and_a_syntax_error_is_400_with_a_problem() {
    let app = App::shared();
    let refused = app
        .send(
            call(Method::GET, &uri("/sparql", &[("query", COUNT_ORGS)]))
                .header("accept", "image/png"),
        )
        .await;
    assert_eq!(refused.status, StatusCode::NOT_ACCEPTABLE);

    let bad = app
        .get(&uri("/sparql", &[("query", "SELECT WHERE {")]))
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    let problem = bad.json();
    assert!(
        problem["title"].as_str().expect("title").contains("SPARQL"),
        "{problem}"
    );
    assert_eq!(problem["line"], 1, "{problem}");
}

#[tokio::test]
async fn a_get_without_a_query_is_the_service_description() {
    let app = App::shared();
    let description = app
        .send(call(Method::GET, "/sparql").header("accept", "text/turtle"))
        .await;
    assert_eq!(description.status, StatusCode::OK);
    assert!(description.text().contains("sd:Service"));
}

#[tokio::test]
async fn the_default_graph_is_the_union_and_default_graph_uri_narrows_it() {
    let app = App::shared();
    let q = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }";
    let all = count_of(&app.get_json(&uri("/sparql", &[("query", q)])).await);
    let funding = count_of(
        &app.get_json(&uri(
            "/sparql",
            &[
                ("query", q),
                (
                    "default-graph-uri",
                    "https://w3id.org/maillage/graph/funding",
                ),
            ],
        ))
        .await,
    );
    assert!(funding > 0 && funding < all, "{funding} of {all}");
}

/// A query nested 2,000 groups deep once killed the server (a stack overflow in the parser):
/// it is a 400 problem now, for a query and an update alike, and the server answers on.
#[tokio::test]
async fn a_deeply_nested_query_or_update_is_a_400_and_the_server_lives_on() {
    let app = crate::App::writable();
    let deep = format!(
        "SELECT * WHERE {}?s ?p ?o{}",
        "{ ".repeat(2_000),
        " }".repeat(2_000)
    );
    let reply = app
        .get(&crate::uri("/sparql", &[("query", deep.as_str())]))
        .await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert!(reply.text().contains("2000"), "{}", reply.text());
    let update = format!(
        "INSERT {{ <urn:a> <urn:b> <urn:c> }} WHERE {}{}",
        "{ ".repeat(2_000),
        " }".repeat(2_000)
    );
    let reply = app
        .send(
            crate::call(Method::POST, "/update")
                .bearer(crate::TOKEN)
                .body("application/sparql-update", update),
        )
        .await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(app.get("/health").await.status, StatusCode::OK);
}
