//! End-to-end tests of `maillage serve` over real HTTP on 127.0.0.1: a researcher's and an
//! editor's session with the SPARQL endpoint, the Graph Store Protocol and linked data.

mod support;

use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::Value;
use support::{TOKEN, client, quads, start};

const COUNT_ORGS: &str = "PREFIX mo: <https://w3id.org/maillage/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE { ?o a ?c . ?c rdfs:subClassOf mo:Organization }";

#[test]
fn a_researcher_queries_in_every_format() {
    let server = start(&[]);
    let http = client();
    let sparql = format!("{}/sparql", server.base);

    // GET with the query in the URL, JSON by default.
    let response = http
        .get(&sparql)
        .query(&[("query", COUNT_ORGS)])
        .send()
        .expect("GET");
    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .expect("ascii")
            .starts_with("application/sparql-results+json")
    );
    let json: Value = response.json().expect("json");
    let n: u64 = json["results"]["bindings"][0]["n"]["value"]
        .as_str()
        .and_then(|v| v.parse().ok())
        .expect("a count");
    assert!(n >= 200, "{n} organisations");

    for (accept, marker) in [
        ("application/sparql-results+xml", "<sparql"),
        ("text/csv", "n\r\n"),
        ("text/tab-separated-values", "?n"),
    ] {
        let body = http
            .post(&sparql)
            .header("Content-Type", "application/sparql-query")
            .header("Accept", accept)
            .body(COUNT_ORGS)
            .send()
            .expect("POST");
        assert_eq!(body.status(), StatusCode::OK, "{accept}");
        assert!(
            body.headers()["content-type"]
                .to_str()
                .expect("ascii")
                .starts_with(accept)
        );
        assert!(body.text().expect("text").contains(marker), "{accept}");
    }

    // POST form, and the `format` parameter browsers use.
    let csv = http
        .post(&sparql)
        .form(&[("query", COUNT_ORGS), ("format", "csv")])
        .send()
        .expect("form");
    assert_eq!(csv.status(), StatusCode::OK);
    assert!(csv.text().expect("text").starts_with("n\r\n"));

    // CONSTRUCT in each RDF format.
    let construct = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <https://w3id.org/maillage/graph/funding> { ?s ?p ?o } } LIMIT 20";
    for (accept, marker) in [
        ("text/turtle", "@prefix"),
        ("application/n-triples", "<https://"),
        ("application/rdf+xml", "rdf:RDF"),
        ("application/ld+json", "@id"),
    ] {
        let response = http
            .get(&sparql)
            .query(&[("query", construct)])
            .header("Accept", accept)
            .send()
            .expect("construct");
        assert_eq!(response.status(), StatusCode::OK, "{accept}");
        assert!(response.text().expect("text").contains(marker), "{accept}");
    }

    // Nothing acceptable: 406 with a problem document.
    let refused = http
        .get(&sparql)
        .query(&[("query", COUNT_ORGS)])
        .header("Accept", "image/png")
        .send()
        .expect("406");
    assert_eq!(refused.status(), StatusCode::NOT_ACCEPTABLE);

    // The service description, and a syntax error.
    let description = http
        .get(&sparql)
        .header("Accept", "text/turtle")
        .send()
        .expect("description");
    assert_eq!(description.status(), StatusCode::OK);
    assert!(description.text().expect("text").contains("sd:Service"));
    let bad = http
        .get(&sparql)
        .query(&[("query", "SELECT WHERE {")])
        .send()
        .expect("bad");
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
    let problem: Value = bad.json().expect("problem json");
    assert!(
        problem["detail"]
            .as_str()
            .expect("detail")
            .contains("SPARQL")
    );

    // The default graph is the union of the named graphs; default-graph-uri narrows it.
    let count = |params: &[(&str, &str)]| -> u64 {
        let json: Value = http
            .get(&sparql)
            .query(params)
            .send()
            .expect("count")
            .json()
            .expect("json");
        json["results"]["bindings"][0]["n"]["value"]
            .as_str()
            .and_then(|v| v.parse().ok())
            .expect("a count")
    };
    let q = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }";
    let all = count(&[("query", q)]);
    let funding = count(&[
        ("query", q),
        (
            "default-graph-uri",
            "https://w3id.org/maillage/graph/funding",
        ),
    ]);
    assert!(funding > 0 && funding < all, "{funding} of {all}");
}

#[test]
fn writes_need_the_token_and_are_validated_and_atomic() {
    let read_only = start(&[]);
    let http = client();
    let insert = "PREFIX mo: <https://w3id.org/maillage/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
INSERT DATA { GRAPH <https://w3id.org/maillage/graph/api> {
  <https://w3id.org/maillage/id/org/essai-ia> a mo:Company ;
    rdfs:label \"Essai IA\"@fr ;
    mo:locatedIn <https://w3id.org/maillage/id/municipality/23027> ;
    dcterms:source <https://example.org/essai> } }";
    let response = http
        .post(format!("{}/update", read_only.base))
        .header("Content-Type", "application/sparql-update")
        .body(insert)
        .send()
        .expect("update");
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let problem: Value = response.json().expect("problem");
    assert!(
        problem["detail"]
            .as_str()
            .expect("detail")
            .contains("read-only")
    );
    drop(read_only);

    let server = start(&["--write-token", TOKEN]);
    let update = format!("{}/update", server.base);
    let before = quads(&server);
    let wrong = http
        .post(&update)
        .bearer_auth("not-the-token")
        .header("Content-Type", "application/sparql-update")
        .body(insert)
        .send()
        .expect("update");
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(quads(&server), before);

    let applied = http
        .post(&update)
        .bearer_auth(TOKEN)
        .header("Content-Type", "application/sparql-update")
        .body(insert)
        .send()
        .expect("update");
    assert_eq!(applied.status(), StatusCode::NO_CONTENT);
    assert_eq!(quads(&server), before + 4);

    // An organisation without a French label, a municipality or a source is rejected whole.
    let violating = "PREFIX mo: <https://w3id.org/maillage/ontology#>
INSERT DATA { GRAPH <https://w3id.org/maillage/graph/api> {
  <https://w3id.org/maillage/id/org/incomplete> a mo:Company .
  <https://w3id.org/maillage/id/org/autre> a mo:Company } }";
    let after_insert = quads(&server);
    let rejected = http
        .post(&update)
        .bearer_auth(TOKEN)
        .header("Content-Type", "application/sparql-update")
        .body(violating)
        .send()
        .expect("update");
    assert_eq!(rejected.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        rejected.headers()["content-type"],
        "application/problem+json"
    );
    let problem: Value = rejected.json().expect("problem");
    let violations = problem["violations"].as_array().expect("violations");
    assert!(
        violations
            .iter()
            .any(|v| v["focus_node"] == "https://w3id.org/maillage/id/org/incomplete")
    );
    assert_eq!(
        quads(&server),
        after_insert,
        "nothing of the rejected update was written"
    );

    // Graph Store Protocol: PUT a graph, read it back, delete it.
    let store = format!("{}/store", server.base);
    let graph = "https://w3id.org/maillage/graph/gsp-test";
    let turtle =
        "<https://w3id.org/maillage/id/org/gsp> a <https://w3id.org/maillage/ontology#College> ;
  <http://www.w3.org/2000/01/rdf-schema#label> \"Collège GSP\"@fr ;
  <https://w3id.org/maillage/ontology#locatedIn> <https://w3id.org/maillage/id/municipality/25213> ;
  <http://purl.org/dc/terms/source> <https://example.org/gsp> .";
    let created = http
        .put(&store)
        .query(&[("graph", graph)])
        .bearer_auth(TOKEN)
        .header("Content-Type", "text/turtle")
        .body(turtle)
        .send()
        .expect("PUT");
    assert_eq!(created.status(), StatusCode::CREATED);
    let read = http
        .get(&store)
        .query(&[("graph", graph)])
        .header("Accept", "application/n-triples")
        .send()
        .expect("GET");
    assert_eq!(read.status(), StatusCode::OK);
    assert_eq!(read.text().expect("text").lines().count(), 4);
    let head = http
        .head(&store)
        .query(&[("graph", graph)])
        .send()
        .expect("HEAD");
    assert_eq!(head.status(), StatusCode::OK);
    let invalid_put = http
        .put(&store)
        .query(&[("graph", graph)])
        .bearer_auth(TOKEN)
        .header("Content-Type", "text/turtle")
        .body("<https://w3id.org/maillage/id/org/gsp> a <https://w3id.org/maillage/ontology#College> .")
        .send()
        .expect("PUT");
    assert_eq!(invalid_put.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let still = http
        .get(&store)
        .query(&[("graph", graph)])
        .header("Accept", "application/n-triples")
        .send()
        .expect("GET");
    assert_eq!(
        still.text().expect("text").lines().count(),
        4,
        "the rejected PUT replaced nothing"
    );
    let deleted = http
        .delete(&store)
        .query(&[("graph", graph)])
        .bearer_auth(TOKEN)
        .send()
        .expect("DELETE");
    assert_eq!(deleted.status(), StatusCode::NO_CONTENT);
    let gone = http
        .get(&store)
        .query(&[("graph", graph)])
        .send()
        .expect("GET");
    assert_eq!(gone.status(), StatusCode::NOT_FOUND);

    let metrics = http
        .get(format!("{}/metrics", server.base))
        .send()
        .expect("metrics")
        .text()
        .expect("text");
    assert!(
        metrics.contains("maillage_rejected_writes_total 2"),
        "{metrics}"
    );
}

#[test]
fn a_runaway_query_times_out_while_others_are_served() {
    let server = start(&["--query-timeout", "2"]);
    let runaway_base = server.base.clone();
    let started = Instant::now();
    let runaway = std::thread::spawn(move || {
        let response = client()
            .get(format!("{runaway_base}/sparql"))
            .query(&[(
                "query",
                "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?a ?d ?g",
            )])
            .send()
            .expect("runaway");
        (
            response.status(),
            response.text().expect("text"),
            started.elapsed(),
        )
    });
    std::thread::sleep(Duration::from_millis(300));
    let simple = client()
        .get(format!("{}/sparql", server.base))
        .query(&[("query", "ASK { ?s ?p ?o }")])
        .send()
        .expect("simple");
    assert_eq!(simple.status(), StatusCode::OK);
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "the simple query waited"
    );
    let (status, body, elapsed) = runaway.join().expect("thread");
    assert!(
        status == StatusCode::SERVICE_UNAVAILABLE || status == StatusCode::GATEWAY_TIMEOUT,
        "{status}"
    );
    assert!(body.contains("timeout"), "{body}");
    assert!(
        elapsed < Duration::from_secs(3),
        "answered after {elapsed:?}"
    );

    let metrics = client()
        .get(format!("{}/metrics", server.base))
        .send()
        .expect("metrics")
        .text()
        .expect("text");
    assert!(
        metrics.contains("maillage_query_timeouts_total 1"),
        "{metrics}"
    );
}

#[test]
fn a_body_beyond_the_cap_gets_413() {
    let server = start(&["--write-token", TOKEN]);
    let before = quads(&server);
    let huge = "#".repeat(10 * 1024 * 1024 + 1);
    let response = client()
        .post(format!("{}/update", server.base))
        .bearer_auth(TOKEN)
        .header("Content-Type", "application/sparql-update")
        .body(huge)
        .send()
        .expect("post");
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let problem: Value = response.json().expect("problem json");
    assert_eq!(problem["status"], 413);
    assert_eq!(quads(&server), before);
}

#[test]
fn every_maillage_iri_is_served_as_linked_data() {
    let server = start(&[]);
    let http = client();
    let laval = format!("{}/id/org/universite-laval", server.base);
    let page = http
        .get(&laval)
        .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
        .send()
        .expect("html");
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().expect("text");
    assert!(html.contains("Université Laval"), "labels are shown");
    assert!(html.contains("lang=\"fr\""), "French by default");
    assert!(
        html.contains("/id/municipality/23027"),
        "links to neighbours"
    );
    let english = http
        .get(&laval)
        .header("Accept", "text/html")
        .header("Accept-Language", "en-CA,en;q=0.9")
        .send()
        .expect("html")
        .text()
        .expect("text");
    assert!(english.contains("lang=\"en\""));

    for (accept, marker) in [
        ("text/turtle", "@prefix"),
        (
            "application/n-triples",
            "<https://w3id.org/maillage/id/org/universite-laval>",
        ),
        ("application/ld+json", "\"@id\""),
    ] {
        let body = http
            .get(&laval)
            .header("Accept", accept)
            .send()
            .expect("rdf");
        assert_eq!(body.status(), StatusCode::OK, "{accept}");
        assert!(body.text().expect("text").contains(marker), "{accept}");
    }
    let unknown = http
        .get(format!("{}/id/org/does-not-exist", server.base))
        .send()
        .expect("404");
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);

    let home = http.get(&server.base).send().expect("home");
    assert_eq!(home.status(), StatusCode::OK);
    assert!(home.text().expect("text").contains("Maillage"));
}
