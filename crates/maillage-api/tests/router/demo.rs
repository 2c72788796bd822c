//! The demo graph (fictional organisations and projects) is off by default: it stays in the
//! store, but no page, list, search, match, gap, network, export, SPARQL answer, graph read or
//! linked-data page shows any of it. With `--demo` (`ApiConfig::demo`) all of it is there, and
//! every page says so.

use axum::http::{Method, StatusCode};

use crate::{App, Reply, call, uri};

const API: &str = "/api/v1";
const DEMO_GRAPH: &str = "https://w3id.org/maillage/graph/demo";

/// Does a response show a demo record: a demo IRI (`…/org/demo-…`, `…/project/demo-…`, the
/// demo data set) or a demo label (« [Démo] », "[Demo]")?
fn shows_demo(text: &str) -> bool {
    text.contains("/demo-")
        || text.contains("%2Fdemo-")
        || text.contains("dataset/demo")
        || text.contains("[Démo]")
        || text.contains("[Demo]")
}

/// Every read route family, with a request that would show demo records if they were there.
fn reads() -> Vec<(String, Vec<(&'static str, &'static str)>)> {
    let select = |q: &str| uri("/sparql", &[("query", q)]);
    let plain = |path: &str| (path.to_owned(), vec![]);
    let api = |path: &str| plain(&format!("{API}{path}"));
    let sparql = |q: &str| (select(q), vec![]);
    let accept = |path: String, media: &'static str| (path, vec![("accept", media)]);
    vec![
        // Pages.
        plain("/"),
        plain("/recherche"),
        plain("/recherche?q=vision"),
        plain("/recherche?role=adopter"),
        plain("/lacunes"),
        plain("/reseau"),
        plain("/organisations/coveo"),
        plain("/organisations/universite-laval"),
        plain("/projets"),
        plain("/enveloppe"),
        plain("/comite"),
        // REST lists, search, details, matches, gaps, network, funding, portfolio, stats.
        api("/organisations?limit=500"),
        api("/organisations?q=vision&limit=500"),
        api("/organisations?role=supplier&limit=500"),
        api("/organisations/coveo/matches?limit=100"),
        api("/organisations/coveo/matches?limit=100&direction=adopters"),
        api("/organisations/beneva/matches?limit=100"),
        plain("/organisations/beneva"),
        api("/gaps"),
        api("/network"),
        api("/projects"),
        api("/envelopes"),
        api("/programmes"),
        api("/portfolio"),
        api("/stats"),
        // Exports.
        api("/export/organisations.csv"),
        api("/export/organisations.xlsx"),
        api("/export/organisations.geojson"),
        api("/export/gaps.csv"),
        api("/export/gaps.xlsx"),
        api("/export/pipeline.csv"),
        api("/export/pipeline.xlsx"),
        api("/export/ecosystem.graphml"),
        api("/export/dataset"),
        api("/export/dataset?format=turtle"),
        // SPARQL: the union default graph, GRAPH ?g, FROM, FROM NAMED, the protocol's graphs.
        sparql("SELECT ?s ?label WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label }"),
        sparql("SELECT ?g ?s WHERE { GRAPH ?g { ?s ?p ?o } }"),
        sparql(&format!(
            "SELECT ?s FROM <{DEMO_GRAPH}> WHERE {{ ?s ?p ?o }}"
        )),
        sparql(&format!(
            "SELECT ?g ?s FROM NAMED <{DEMO_GRAPH}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"
        )),
        sparql(&format!(
            "SELECT ?s WHERE {{ GRAPH <{DEMO_GRAPH}> {{ ?s ?p ?o }} }}"
        )),
        (
            uri(
                "/sparql",
                &[
                    ("query", "SELECT ?s WHERE { ?s ?p ?o }"),
                    ("default-graph-uri", DEMO_GRAPH),
                ],
            ),
            vec![],
        ),
        (
            uri(
                "/sparql",
                &[
                    ("query", "SELECT ?g ?s WHERE { GRAPH ?g { ?s ?p ?o } }"),
                    ("named-graph-uri", DEMO_GRAPH),
                ],
            ),
            vec![],
        ),
        accept(
            select("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"),
            "application/n-triples",
        ),
        // Graph Store Protocol: the whole dataset, and the demo graph itself.
        accept("/store".to_owned(), "application/n-quads"),
        accept(
            uri("/store", &[("graph", DEMO_GRAPH)]),
            "application/n-triples",
        ),
        // Linked data of a real organisation (no demo neighbour) and of demo resources.
        plain("/id/org/coveo"),
        accept("/id/org/coveo".to_owned(), "text/turtle"),
        plain("/id/org/demo-usinage-precision"),
        plain("/id/dataset/demo"),
    ]
}

async fn read(app: &App, path: &str, headers: &[(&str, &str)]) -> Reply {
    let mut request = call(Method::GET, path);
    for (name, value) in headers {
        request = request.header(name, value);
    }
    app.send(request).await
}

#[tokio::test]
async fn by_default_no_route_shows_a_demo_record_and_the_demo_graph_stays_in_the_store() {
    let app = App::shared();
    let demo_graph =
        maillage_store::oxigraph::model::NamedNode::new(DEMO_GRAPH).expect("the demo graph IRI");
    assert!(
        app.store.graph_len(&demo_graph).expect("the demo graph") > 0,
        "the demo graph is in the store, only hidden"
    );
    for (path, headers) in reads() {
        let reply = read(app, &path, &headers).await;
        assert!(
            reply.status == StatusCode::OK || reply.status == StatusCode::NOT_FOUND,
            "{path}: {}",
            reply.status
        );
        // (A 404's problem document names the address asked for: only answers count.)
        let text = reply.text();
        if reply.status == StatusCode::OK {
            assert!(!shows_demo(&text), "{path} shows a demo record: {text}");
        }
        assert!(!text.contains("demo-banner"), "{path} has the demo banner");
    }
    // A demo organisation, its matches, a path from it and its linked data are unknown.
    for path in [
        "/organisations/demo-usinage-precision".to_owned(),
        format!("{API}/organisations/demo-usinage-precision"),
        format!("{API}/organisations/demo-usinage-precision/matches"),
        format!("{API}/path?from=demo-visiontech-capitale&to=universite-laval"),
        format!("{API}/eligibility?project=demo-inspection-usinage"),
        "/id/org/demo-usinage-precision".to_owned(),
        uri("/store", &[("graph", DEMO_GRAPH)]),
    ] {
        let reply = read(app, &path, &[("accept", "text/turtle, text/html")]).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{path}");
    }
    // The counts are of real records only.
    let stats = app.get_json(&format!("{API}/stats")).await;
    assert_eq!(stats["illustrative"]["organisations"], 0, "{stats}");
    let counted = app
        .get_json(&uri(
            "/sparql",
            &[(
                "query",
                "SELECT (COUNT(*) AS ?n) WHERE { ?s <https://w3id.org/maillage/ontology#illustrative> true }",
            )],
        ))
        .await;
    assert_eq!(
        counted["results"]["bindings"][0]["n"]["value"], "0",
        "{counted}"
    );
}

#[tokio::test]
async fn with_the_demo_every_family_shows_demo_records_and_every_page_says_so() {
    let app = App::demo();
    let mut showing = Vec::new();
    for (path, headers) in reads() {
        let reply = read(app, &path, &headers).await;
        if reply.status == StatusCode::OK && shows_demo(&reply.text()) {
            showing.push(path.clone());
        }
        if reply.status == StatusCode::OK
            && reply
                .headers
                .get("content-type")
                .and_then(|v| v.to_str().ok())
                .is_some_and(|t| t.starts_with("text/html"))
            && !path.starts_with("/id/")
        {
            assert!(
                reply.text().contains("id=\"demo-banner\""),
                "{path} has no demo banner"
            );
        }
    }
    for family in [
        "/recherche?q=vision",
        "/lacunes",
        "/reseau",
        "/api/v1/organisations?limit=500",
        "/api/v1/organisations/coveo/matches?limit=100",
        "/api/v1/organisations/beneva/matches?limit=100",
        "/organisations/beneva",
        "/api/v1/network",
        "/api/v1/projects",
        "/api/v1/export/organisations.csv",
        "/api/v1/export/organisations.xlsx",
        "/api/v1/export/organisations.geojson",
        "/api/v1/export/ecosystem.graphml",
        "/api/v1/export/dataset",
        "/store",
        "/id/org/demo-usinage-precision",
    ] {
        assert!(
            showing.iter().any(|p| p == family),
            "{family} shows no demo record with the demo on: {showing:?}"
        );
    }
    for sparql in ["GRAPH", "FROM", "default-graph-uri", "named-graph-uri"] {
        assert!(
            showing
                .iter()
                .any(|p| p.starts_with("/sparql") && p.contains(sparql)),
            "SPARQL with {sparql} shows no demo record: {showing:?}"
        );
    }
    // Counts say how many of theirs are illustrative.
    let stats = app.get_json(&format!("{API}/stats")).await;
    let demo_orgs = stats["illustrative"]["organisations"].as_u64().expect("n");
    assert!(demo_orgs > 0, "{stats}");
    assert!(stats["illustrative"]["suppliers"].as_u64().expect("n") > 0);
    let home = app.get("/").await.text();
    assert!(
        home.contains(&format!("dont {demo_orgs} de démonstration")),
        "the home page's count of organisations: {home}"
    );
    let search = app.get("/recherche?q=vision").await.text();
    assert!(search.contains("de démonstration"), "{search}");
    let gaps = app.get("/lacunes?lang=en").await.text();
    assert!(gaps.contains("id=\"demo-page-note\""), "{gaps}");
    assert!(gaps.contains("fictional"), "{gaps}");
}
