//! Writes: they need the token, are validated against the shapes and atomic (a rejected write
//! changes nothing), through SPARQL Update and the Graph Store Protocol; bodies beyond the cap
//! are refused.

use axum::http::{Method, StatusCode};

use crate::{App, TOKEN, call, uri};

/// One valid company (4 triples), shared with the end-to-end tests of the root crate.
const INSERT: &str = include_str!("../../../../tests/fixtures/insert-essai-ia.ru");

#[tokio::test]
async fn an_anonymous_write_is_refused_and_says_how_to_sign_in() {
    let app = App::shared();
    let before = app.quads();
    // The problem document says why, in French by default and in English on request.
    for (language, why) in [
        (None, "demandent un compte"),
        (Some("en"), "need an account"),
    ] {
        let mut request = call(Method::POST, "/update").body("application/sparql-update", INSERT);
        if let Some(language) = language {
            request = request.header("accept-language", language);
        }
        let refused = app.send(request).await;
        assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
        assert!(refused.header("www-authenticate").starts_with("Bearer"));
        let problem = refused.json();
        assert!(
            problem["detail"].as_str().expect("detail").contains(why),
            "{problem}"
        );
    }
    assert_eq!(app.quads(), before);
}

#[tokio::test]
async fn updates_need_the_token_and_are_validated_and_atomic_and_so_are_graph_store_writes() {
    let app = App::writable();
    let before = app.quads();
    let wrong = app
        .send(
            call(Method::POST, "/update")
                .bearer("not-the-token")
                .body("application/sparql-update", INSERT),
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert_eq!(app.quads(), before);

    let applied = app.update(INSERT).await;
    assert_eq!(applied.status, StatusCode::NO_CONTENT, "{}", applied.text());
    assert_eq!(app.quads(), before + 4);

    // An organisation without a French label, a municipality or a source is rejected whole.
    let violating = "PREFIX mo: <https://w3id.org/maillage/ontology#>
INSERT DATA { GRAPH <https://w3id.org/maillage/graph/api> {
  <https://w3id.org/maillage/id/org/incomplete> a mo:Company .
  <https://w3id.org/maillage/id/org/autre> a mo:Company } }";
    let after_insert = app.quads();
    let rejected = app.update(violating).await;
    assert_eq!(rejected.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(rejected.header("content-type"), "application/problem+json");
    let problem = rejected.json();
    let violations = problem["violations"].as_array().expect("violations");
    assert!(
        violations
            .iter()
            .any(|v| v["focus_node"] == "https://w3id.org/maillage/id/org/incomplete"),
        "{problem}"
    );
    assert_eq!(
        app.quads(),
        after_insert,
        "nothing of the rejected update was written"
    );

    // Graph Store Protocol: PUT a graph, read it back, a rejected PUT replaces nothing, delete.
    let graph = "https://w3id.org/maillage/graph/gsp-test";
    let at = uri("/store", &[("graph", graph)]);
    let turtle =
        "<https://w3id.org/maillage/id/org/gsp> a <https://w3id.org/maillage/ontology#College> ;
  <http://www.w3.org/2000/01/rdf-schema#label> \"Collège GSP\"@fr ;
  <https://w3id.org/maillage/ontology#locatedIn> <https://w3id.org/maillage/id/municipality/25213> ;
  <http://purl.org/dc/terms/source> <https://example.org/gsp> .";
    let created = app.write(Method::PUT, &at, "text/turtle", turtle).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text());
    let read_back = async || {
        let read = app
            .send(call(Method::GET, &at).header("accept", "application/n-triples"))
            .await;
        assert_eq!(read.status, StatusCode::OK);
        read.text().lines().count()
    };
    assert_eq!(read_back().await, 4);
    let head = app.send(call(Method::HEAD, &at)).await;
    assert_eq!(head.status, StatusCode::OK);
    let invalid_put = app
        .send(call(Method::PUT, &at).bearer(TOKEN).body(
            "text/turtle",
            "<https://w3id.org/maillage/id/org/gsp> a <https://w3id.org/maillage/ontology#College> .",
        ))
        .await;
    assert_eq!(invalid_put.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(read_back().await, 4, "the rejected PUT replaced nothing");
    let deleted = app.send(call(Method::DELETE, &at).bearer(TOKEN)).await;
    assert_eq!(deleted.status, StatusCode::NO_CONTENT);
    let gone = app.get(&at).await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND);

    let metrics = app.get("/metrics").await.text();
    assert!(
        metrics.contains("maillage_rejected_writes_total 2"),
        "{metrics}"
    );
}

#[tokio::test]
async fn a_body_beyond_the_cap_gets_413_and_changes_nothing() {
    let app = App::writable();
    let before = app.quads();
    let huge = "#".repeat(10 * 1024 * 1024 + 1);
    let reply = app.update(huge).await;
    assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(reply.json()["status"], 413);
    assert_eq!(app.quads(), before);
}
