//! End-to-end sessions with a real `maillage serve` process over HTTP on 127.0.0.1, on a real
//! RocksDB store: a researcher queries, an editor writes and reads back (across a restart), a
//! runaway query times out while another client is served, and the demo graph is served only
//! with `--demo`.
//!
//! The HTTP behaviour in detail (every format, status, header, problem document, the REST API
//! and its spec, hostile inputs) is tested in process, without a server:
//! `crates/maillage-api/tests/router/`.

mod support;

use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::json;
use support::{TOKEN, client, get_json, get_text, quads, start, update};

const COUNT_ORGS: &str = "PREFIX mo: <https://w3id.org/maillage/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE { ?o a ?c . ?c rdfs:subClassOf mo:Organization }";

#[test]
fn a_researcher_queries_the_server_and_follows_a_link() {
    let server = start(&[]);
    let http = client();
    let sparql = format!("{}/sparql", server.base);

    let json = get_json(&server, "/sparql", &[("query", COUNT_ORGS)]);
    let n: u64 = json["results"]["bindings"][0]["n"]["value"]
        .as_str()
        .and_then(|v| v.parse().ok())
        .expect("a count");
    assert!(n >= 200, "{n} organisations");

    // The same question as CSV for a spreadsheet.
    let csv = http
        .post(&sparql)
        .header("Content-Type", "application/sparql-query")
        .header("Accept", "text/csv")
        .body(COUNT_ORGS)
        .send()
        .expect("POST");
    assert_eq!(csv.status(), StatusCode::OK);
    assert!(csv.text().expect("text").starts_with("n\r\n"));

    // An IRI of the results opens as a page, and as Turtle for a program.
    let laval = format!("{}/id/org/universite-laval", server.base);
    for (accept, expected) in [
        ("text/html", "Université Laval"),
        ("text/turtle", "@prefix"),
    ] {
        let answer = http
            .get(&laval)
            .header("Accept", accept)
            .send()
            .expect(accept);
        assert_eq!(answer.status(), StatusCode::OK, "{accept}");
        let text = answer.text().expect("text");
        assert!(text.contains(expected), "{accept}: {text}");
    }
}

#[test]
fn an_editor_writes_reads_back_everywhere_and_the_write_survives_a_restart() {
    let settings = ["--write-token", TOKEN];
    let server = start(&settings);
    let http = client();
    let before = quads(&server);

    // A SPARQL update adds a company.
    let insert = include_str!("fixtures/insert-essai-ia.ru");
    let applied = update(&server, insert);
    assert_eq!(applied.status(), StatusCode::NO_CONTENT);
    assert_eq!(quads(&server), before + 4);

    // A rejected one (no label, municipality or source) changes nothing.
    let rejected = update(
        &server,
        "INSERT DATA { GRAPH <https://w3id.org/maillage/graph/api> { <https://w3id.org/maillage/id/org/incomplete> a <https://w3id.org/maillage/ontology#Company> } }",
    );
    assert_eq!(rejected.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(quads(&server), before + 4);

    // The REST API adds another.
    let created = http
        .post(format!("{}/api/v1/organisations", server.base))
        .bearer_auth(TOKEN)
        .json(&json!({
            "id": "atelier-vision-essai",
            "name_fr": "Atelier Vision Essai",
            "kind": "company",
            "municipality": "25213",
            "sources": ["https://example.org/atelier"],
            "expertise": ["object-detection"]
        }))
        .send()
        .expect("POST");
    assert_eq!(created.status(), StatusCode::CREATED);

    let read_back = |server: &support::Server| {
        let essai = get_json(server, "/api/v1/organisations/essai-ia", &[]);
        assert_eq!(essai["name"], "Essai IA", "the SPARQL write, through REST");
        let ask = get_json(
            server,
            "/sparql",
            &[(
                "query",
                "ASK { <https://w3id.org/maillage/id/org/atelier-vision-essai> ?p ?o }",
            )],
        );
        assert_eq!(ask["boolean"], true, "the REST write, through SPARQL");
    };
    read_back(&server);
    let after = quads(&server);

    // Stopped and started again, the server still has both writes.
    let server = server.restart(&settings);
    assert_eq!(quads(&server), after);
    read_back(&server);
}

#[test]
fn a_runaway_query_times_out_while_others_are_served() {
    let server = start(&["--query-timeout", "2"]);
    let runaway_base = server.base.clone();
    let started = Instant::now();
    let runaway = std::thread::spawn(move || {
        let response = client()
            .get(format!("{runaway_base}/sparql"))
            .header("Accept-Language", "en")
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

    let metrics = get_text(&server, "/metrics");
    assert!(
        metrics.contains("maillage_query_timeouts_total 1"),
        "{metrics}"
    );
}

/// How many organisations the server shows, and how many of them are illustrative.
fn organisation_counts(server: &support::Server) -> (u64, u64) {
    let stats = get_json(server, "/api/v1/stats", &[]);
    (
        stats["organisations"].as_u64().expect("organisations"),
        stats["illustrative"]["organisations"]
            .as_u64()
            .expect("illustrative organisations"),
    )
}

#[test]
fn the_demo_graph_is_served_only_with_demo_and_stays_in_the_store_without_it() {
    let illustrative = "PREFIX mo: <https://w3id.org/maillage/ontology#>
ASK { ?s mo:illustrative true }";
    let ask = |server: &support::Server| -> bool {
        get_json(server, "/sparql", &[("query", illustrative)])["boolean"]
            .as_bool()
            .expect("a boolean")
    };
    // By default: the real organisations only, though the store holds the demo graph too.
    let server = start(&[]);
    assert!(!ask(&server), "no illustrative record by default");
    let (real, none) = organisation_counts(&server);
    assert_eq!(none, 0);
    assert!(real >= 200, "{real} real organisations");
    let home = get_text(&server, "/");
    assert!(!home.contains("demo-banner") && !home.contains("[Démo]"));

    // The same store with --demo: the demo records are back, counted apart, with a banner.
    let server = server.restart(&["--demo"]);
    assert!(ask(&server), "the demo graph is served with --demo");
    let (all, demo) = organisation_counts(&server);
    assert!(demo > 0, "illustrative organisations are counted apart");
    assert_eq!(all, real + demo);
    let home = get_text(&server, "/");
    assert!(home.contains("id=\"demo-banner\""), "the banner: {home}");
    assert!(home.contains("[Démo]") || home.contains("de démonstration"));
}
