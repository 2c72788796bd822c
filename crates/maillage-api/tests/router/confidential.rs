//! Confidential graphs (under `https://w3id.org/maillage/graph/private/`) do not exist for an
//! anonymous request, on every route; a signed-in user of any role sees them. One fictional
//! company is written into a confidential graph by a staff account, then every read route is
//! asked for it anonymously (and the SPARQL endpoint in every way a dataset can be named).

use axum::http::{Method, StatusCode};
use maillage_accounts::Role;

use crate::{App, Reply, XLSX, call, uri};

const PRIVATE: &str = "https://w3id.org/maillage/graph/private/prospects";
const SECRET_IRI: &str = "https://w3id.org/maillage/id/org/zeta-confidentielle";
/// What no anonymous answer may contain: the IRI's slug, the name, the graph.
const MARKERS: [&str; 3] = [
    "zeta-confidentielle",
    "Zeta Confidentielle",
    "private/prospects",
];

const COMPANY: &str = "@prefix mo: <https://w3id.org/maillage/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
<https://w3id.org/maillage/id/org/zeta-confidentielle> a mo:Company ;
  rdfs:label \"Zeta Confidentielle\"@fr ;
  rdfs:comment \"Entreprise fictive des tests de confidentialité.\"@fr ;
  mo:locatedIn <https://w3id.org/maillage/id/municipality/23027> ;
  mo:offersExpertise <https://w3id.org/maillage/id/concept/object-detection> ;
  dcterms:source <https://example.org/tests/confidentialite> .
";

/// An app holding the confidential company, with a staff writer and a reader.
struct Setup {
    app: App,
    reader: String,
    quads_before: u64,
}

async fn setup() -> Setup {
    let app = App::writable();
    let quads_before = app.get_json("/health").await["quads"]
        .as_u64()
        .expect("quads");
    app.accounts
        .add_user("sophie", Role::Staff, "mot-de-passe-staff")
        .expect("staff");
    app.accounts
        .add_user("rene", Role::Reader, "mot-de-passe-lecteur")
        .expect("reader");
    let (_, staff) = app.accounts.create_token("sophie", None).expect("token");
    let (_, reader) = app.accounts.create_token("rene", None).expect("token");
    let put = app
        .send(
            call(Method::PUT, &uri("/store", &[("graph", PRIVATE)]))
                .bearer(&staff)
                .body("text/turtle", COMPANY),
        )
        .await;
    assert!(put.status.is_success(), "{}: {}", put.status, put.text());
    Setup {
        app,
        reader,
        quads_before,
    }
}

fn assert_clean(what: &str, reply: &Reply) {
    let text = reply.text();
    for marker in MARKERS {
        assert!(
            !text.contains(marker),
            "{what} ({}) shows {marker}: {text}",
            reply.status
        );
    }
}

#[tokio::test]
async fn no_anonymous_sparql_query_reaches_a_confidential_graph() {
    let s = setup().await;
    let queries = [
        // The union default graph.
        format!("SELECT * WHERE {{ <{SECRET_IRI}> ?p ?o }}"),
        "SELECT ?s ?l WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l FILTER(CONTAINS(STR(?l), \"Zeta\")) }".to_owned(),
        // Named graphs, by variable and by name.
        "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }".to_owned(),
        format!("SELECT * WHERE {{ GRAPH <{PRIVATE}> {{ ?s ?p ?o }} }}"),
        format!("SELECT * FROM <{PRIVATE}> WHERE {{ ?s ?p ?o }}"),
        format!("SELECT * FROM NAMED <{PRIVATE}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"),
        // Graph-shaped answers.
        format!("DESCRIBE <{SECRET_IRI}>"),
        format!("CONSTRUCT {{ <{SECRET_IRI}> ?p ?o }} WHERE {{ <{SECRET_IRI}> ?p ?o }}"),
        // Property paths and aggregates over the union.
        "SELECT ?s WHERE { ?s <https://w3id.org/maillage/ontology#offersExpertise>/^<https://w3id.org/maillage/ontology#offersExpertise>* ?x FILTER(CONTAINS(STR(?s), \"zeta\")) }".to_owned(),
        format!("SELECT (COUNT(*) AS ?n) WHERE {{ <{SECRET_IRI}> ?p ?o }}"),
        format!("ASK {{ <{SECRET_IRI}> ?p ?o }}"),
        // A SERVICE call back to this endpoint is not followed.
        format!("SELECT * WHERE {{ SERVICE <http://127.0.0.1:8080/sparql> {{ <{SECRET_IRI}> ?p ?o }} }}"),
    ];
    for query in &queries {
        for accept in ["application/sparql-results+json", "application/n-triples"] {
            let reply = s
                .app
                .send(
                    call(Method::GET, &uri("/sparql", &[("query", query)]))
                        .header("accept", accept),
                )
                .await;
            assert_clean(query, &reply);
            if query.starts_with("SELECT (COUNT") && reply.status == StatusCode::OK {
                assert!(reply.text().contains("\"0\""), "{query}: {}", reply.text());
            }
            if query.starts_with("ASK") && reply.status == StatusCode::OK {
                assert!(reply.text().contains("false"), "{query}: {}", reply.text());
            }
        }
    }
    // The protocol's dataset parameters, in GET and in a POST form.
    let mut named = uri(
        "/sparql",
        &[
            (
                "query",
                "SELECT * WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }",
            ),
            ("default-graph-uri", PRIVATE),
        ],
    );
    named.push_str("&named-graph-uri=");
    named.push_str(PRIVATE);
    assert_clean("dataset parameters", &s.app.get(&named).await);
    let posted = s
        .app
        .send(call(Method::POST, "/sparql").form(&[
            ("query", "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }"),
            ("named-graph-uri", PRIVATE),
        ]))
        .await;
    assert_clean("POST form with named-graph-uri", &posted);

    // A signed-in reader sees the graph and the company.
    let seen = s
        .app
        .send(
            call(
                Method::GET,
                &uri(
                    "/sparql",
                    &[(
                        "query",
                        &format!("SELECT * WHERE {{ GRAPH <{PRIVATE}> {{ ?s ?p ?o }} }}"),
                    )],
                ),
            )
            .bearer(&s.reader)
            .header("accept", "application/sparql-results+json"),
        )
        .await;
    assert_eq!(seen.status, StatusCode::OK);
    assert!(
        seen.text().contains("zeta-confidentielle"),
        "{}",
        seen.text()
    );
}

/// The result cache never hands a member's answer to an anonymous caller: the same text, just
/// answered (and kept) for a signed-in reader, is evaluated again for the anonymous one.
#[tokio::test]
async fn a_cached_member_answer_is_never_served_anonymously() {
    let s = setup().await;
    let text = format!("SELECT * WHERE {{ GRAPH <{PRIVATE}> {{ ?s ?p ?o }} }}");
    let ask = |token: Option<&str>| {
        let mut request = call(Method::GET, &uri("/sparql", &[("query", &text)]))
            .header("accept", "application/sparql-results+json");
        if let Some(token) = token {
            request = request.bearer(token);
        }
        request
    };
    for _ in 0..2 {
        let member = s.app.send(ask(Some(&s.reader))).await;
        assert!(
            member.text().contains("zeta-confidentielle"),
            "{}",
            member.text()
        );
    }
    let anonymous = s.app.send(ask(None)).await;
    assert_eq!(anonymous.status, StatusCode::OK);
    assert_clean("the cached member query, anonymously", &anonymous);
    assert_eq!(
        anonymous.json()["results"]["bindings"],
        serde_json::json!([])
    );
}

#[tokio::test]
async fn no_anonymous_read_route_shows_a_confidential_record_and_members_see_it() {
    let s = setup().await;
    let api = "/api/v1";
    // Graph Store Protocol and linked data: the graph and the company do not exist.
    // Each answer is the very answer for something that never existed (the address it echoes
    // aside): nothing tells the confidential record apart from nothing.
    let unknown_graph = "https://w3id.org/maillage/graph/private/inexistant";
    for (path, accept, unknown) in [
        (
            uri("/store", &[("graph", PRIVATE)]),
            "text/turtle",
            uri("/store", &[("graph", unknown_graph)]),
        ),
        (
            "/id/org/zeta-confidentielle".into(),
            "text/html",
            "/id/org/zeta-inexistante0".into(),
        ),
        (
            "/id/org/zeta-confidentielle".into(),
            "text/turtle",
            "/id/org/zeta-inexistante0".into(),
        ),
        (
            format!("{api}/organisations/zeta-confidentielle"),
            "application/json",
            format!("{api}/organisations/zeta-inexistante0"),
        ),
        (
            "/organisations/zeta-confidentielle".into(),
            "text/html",
            "/organisations/zeta-inexistante0".into(),
        ),
    ] {
        let asked = s
            .app
            .send(call(Method::GET, &path).header("accept", accept))
            .await;
        let never = s
            .app
            .send(call(Method::GET, &unknown).header("accept", accept))
            .await;
        assert_eq!(asked.status, StatusCode::NOT_FOUND, "{path} as {accept}");
        assert_eq!(asked.status, never.status, "{path} as {accept}");
        let echoed = never
            .text()
            .replace("zeta-inexistante0", "zeta-confidentielle")
            .replace(
                &form_urlencoded::byte_serialize(unknown_graph.as_bytes()).collect::<String>(),
                &form_urlencoded::byte_serialize(PRIVATE.as_bytes()).collect::<String>(),
            )
            .replace("private/inexistant", "private/prospects");
        assert_eq!(
            asked.text(),
            echoed,
            "{path} as {accept}: told apart from nothing"
        );
    }

    // Every listing, analytics answer, export and page, read anonymously.
    let reads: Vec<(String, &str)> = vec![
        ("/store".into(), "application/n-quads"),
        ("/store?default".into(), "text/turtle"),
        ("/store/private/prospects".into(), "text/turtle"),
        (format!("{api}/export/dataset"), "application/n-quads"),
        (format!("{api}/export/dataset"), "application/trig"),
        (format!("{api}/export/organisations.csv"), "text/csv"),
        (format!("{api}/export/organisations.xlsx"), XLSX),
        (
            format!("{api}/export/organisations.geojson"),
            "application/geo+json",
        ),
        (
            format!("{api}/export/ecosystem.graphml"),
            "application/graphml+xml",
        ),
        (format!("{api}/export/gaps.csv"), "text/csv"),
        (format!("{api}/export/gaps.xlsx"), XLSX),
        (
            format!("{api}/organisations?limit=1000"),
            "application/json",
        ),
        (format!("{api}/organisations?q=zeta"), "application/json"),
        (
            format!("{api}/organisations?q=confidentielle"),
            "application/json",
        ),
        (
            format!("{api}/organisations/universite-laval/matches"),
            "application/json",
        ),
        (format!("{api}/stats"), "application/json"),
        (format!("{api}/gaps"), "application/json"),
        (format!("{api}/network"), "application/json"),
        (format!("{api}/portfolio"), "application/json"),
        (format!("{api}/projects"), "application/json"),
        (format!("{api}/envelopes"), "application/json"),
        ("/".into(), "text/html"),
        ("/recherche?q=zeta".into(), "text/html"),
        ("/recherche?q=confidentielle".into(), "text/html"),
        ("/reseau".into(), "text/html"),
        ("/lacunes".into(), "text/html"),
        ("/metrics".into(), "*/*"),
        ("/health".into(), "application/json"),
        (format!("{api}/session"), "application/json"),
    ];
    for (path, accept) in &reads {
        let reply = s
            .app
            .send(call(Method::GET, path).header("accept", accept))
            .await;
        assert_clean(&format!("{path} as {accept}"), &reply);
    }
    // /health counts only what an anonymous reader may see: the write changed nothing there.
    let health = s.app.get_json("/health").await;
    assert_eq!(health["quads"].as_u64(), Some(s.quads_before), "{health}");

    // A signed-in reader (bearer token) sees the company in the REST API, the search, the
    // linked data and the dump.
    let as_reader = |path: &str| call(Method::GET, path).bearer(&s.reader);
    let detail = s
        .app
        .send(as_reader(&format!(
            "{api}/organisations/zeta-confidentielle"
        )))
        .await;
    assert_eq!(detail.status, StatusCode::OK, "{}", detail.text());
    let found = s
        .app
        .send(as_reader(&format!("{api}/organisations?q=zeta")))
        .await;
    assert!(
        found.text().contains("zeta-confidentielle"),
        "{}",
        found.text()
    );
    // The workbook export holds it for a member (so the anonymous check above reads cells).
    let workbook = s
        .app
        .send(as_reader(&format!("{api}/export/organisations.xlsx")))
        .await;
    assert!(workbook.is_xlsx(), "{:?}", workbook.headers);
    assert!(workbook.text().contains("Zeta Confidentielle"));
    let page = s
        .app
        .send(as_reader("/id/org/zeta-confidentielle").header("accept", "text/turtle"))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    let dump = s
        .app
        .send(as_reader("/store").header("accept", "application/n-quads"))
        .await;
    assert!(dump.text().contains("private/prospects"));
    assert!(
        !dump.text().contains("private/history"),
        "the history is in no dump, even for members"
    );
    // What a member reads is never kept by a shared cache.
    assert_eq!(detail.header("cache-control"), "private, no-store");

    // The members read every view (their answers hold the company); read anonymously again,
    // each is still clean: the server's own caches never hand a member's answer on.
    for (path, accept) in &reads {
        s.app.send(as_reader(path).header("accept", accept)).await;
        let reply = s
            .app
            .send(call(Method::GET, path).header("accept", accept))
            .await;
        assert_clean(&format!("{path} as {accept}, after a member"), &reply);
    }
}

/// A candidate project of the selection pipeline is invisible to anonymous readers on every
/// route — pages, REST, SPARQL, exports, linked data, the committee dossier — until it is
/// funded; then they see its public facts (title, organisations, amount, axes, dates) and
/// never its notes, contacts, description, request, total cost or history.
#[tokio::test]
async fn a_candidate_project_is_invisible_until_funded_then_only_its_public_facts_show() {
    let t = crate::pipeline::team();
    let id = t
        .candidate(
            "projet-secret-zeta",
            serde_json::json!({
                "name_fr": "Projet Secret Zeta",
                "description_fr": "Description confidentielle quuxbaz",
                "start_date": "2026-04-01",
                "end_date": "2027-03-31",
                "total_cost": 617193,
            }),
        )
        .await;
    let title_markers = ["projet-secret-zeta", "Projet Secret Zeta"];
    let private_markers = [
        "zorglub",
        "jeanne@example.org",
        "Jeanne Essai",
        "quuxbaz",
        "617193",
        "private/pipeline",
    ];
    let api = "/api/v1";
    let project = "https://w3id.org/maillage/id/project/projet-secret-zeta";
    let sparql = |q: &str| crate::uri("/sparql", &[("query", q)]);
    let reads: Vec<(String, &str)> = vec![
        (format!("{api}/projects"), "application/json"),
        (format!("{api}/envelopes"), "application/json"),
        (format!("{api}/programmes"), "application/json"),
        (format!("{api}/portfolio"), "application/json"),
        (format!("{api}/stats"), "application/json"),
        (format!("{api}/network"), "application/json"),
        (format!("{api}/export/pipeline.csv"), "text/csv"),
        (format!("{api}/export/pipeline.xlsx"), XLSX),
        (format!("{api}/export/dataset"), "application/n-quads"),
        (
            format!("{api}/export/ecosystem.graphml"),
            "application/graphml+xml",
        ),
        (
            format!("{api}/organisations/demo-visiontech-capitale"),
            "application/json",
        ),
        ("/store".into(), "application/n-quads"),
        ("/projets".into(), "text/html"),
        ("/enveloppe".into(), "text/html"),
        ("/comite".into(), "text/html"),
        (
            "/organisations/demo-visiontech-capitale".into(),
            "text/html",
        ),
        ("/reseau".into(), "text/html"),
        (
            sparql(&format!("SELECT * WHERE {{ <{project}> ?p ?o }}")),
            "application/sparql-results+json",
        ),
        (
            sparql("SELECT ?s ?o WHERE { ?s <https://w3id.org/maillage/ontology#note> ?o }"),
            "application/sparql-results+json",
        ),
        (
            sparql("SELECT ?s ?o WHERE { ?s <https://w3id.org/maillage/ontology#contact> ?o }"),
            "application/sparql-results+json",
        ),
        (
            sparql("SELECT ?c WHERE { ?c a <https://w3id.org/maillage/ontology#StatusChange> }"),
            "application/sparql-results+json",
        ),
        (
            sparql(&format!("DESCRIBE <{project}>")),
            "application/n-triples",
        ),
    ];
    let anonymous = |path: &str, accept: &str| call(Method::GET, path).header("accept", accept);
    for (path, accept) in &reads {
        let reply = t.app.send(anonymous(path, accept)).await;
        let text = reply.text();
        for m in title_markers.iter().chain(&private_markers) {
            assert!(
                !text.contains(m),
                "before funding, {path} ({accept}) shows {m}: {text}"
            );
        }
    }
    // Asked by its id, the candidate is the very 404 of a project that never existed.
    let by_id: Vec<(String, &str)> = vec![
        (format!("{api}/projects/{id}"), "application/json"),
        (
            format!("{api}/eligibility?project={id}"),
            "application/json",
        ),
        (format!("/projets/{id}"), "text/html"),
        (format!("/id/project/{id}"), "text/turtle"),
        (format!("/id/project/{id}"), "text/html"),
        (format!("/id/project/{id}/status/1"), "text/turtle"),
    ];
    for (path, accept) in &by_id {
        let asked = t.app.send(anonymous(path, accept)).await;
        let never = t
            .app
            .send(anonymous(&path.replace(&id, "projet-inexistant-0"), accept))
            .await;
        assert_eq!(asked.status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(
            asked.text(),
            never.text().replace("projet-inexistant-0", &id),
            "{path}: told apart from nothing"
        );
    }
    // Members see it.
    let seen = t
        .get(Some(&t.reader), &format!("{api}/projects/{id}"))
        .await;
    assert_eq!(seen.status, StatusCode::OK);
    assert!(seen.text().contains("zorglub"));

    // Funded: the public facts are published.
    for to in ["under-review", "recommended", "selected", "funded"] {
        let r = t
            .move_to(
                &t.staff,
                &id,
                serde_json::json!({"status": to, "note": "étape zorglub"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{to}: {}", r.text());
    }
    for (path, accept) in reads.iter().chain(&by_id) {
        let reply = t.app.send(anonymous(path, accept)).await;
        let text = reply.text();
        for m in &private_markers {
            assert!(
                !text.contains(m),
                "after funding, {path} ({accept}) shows {m}: {text}"
            );
        }
    }
    let detail = t.get(None, &format!("{api}/projects/{id}")).await;
    assert_eq!(detail.status, StatusCode::OK, "{}", detail.text());
    let d = detail.json();
    assert_eq!(d["name"], "Projet Secret Zeta");
    assert_eq!(d["status"], "funded");
    assert_eq!(d["amount_granted"], 200000.0);
    assert_eq!(d["start_date"], "2026-04-01");
    assert_eq!(
        d["supplier"]["iri"],
        "https://w3id.org/maillage/id/org/demo-visiontech-capitale"
    );
    assert_eq!(
        d["axes"][0]["iri"],
        "https://w3id.org/maillage/id/axis/innovation-productivite"
    );
    assert_eq!(d["history"], serde_json::json!([]));
    assert_eq!(d["notes"], serde_json::json!([]));
    assert_eq!(d["total_cost"], serde_json::Value::Null);
    assert_eq!(d["confidential"], false);
    let turtle = t
        .app
        .send(anonymous(&format!("/id/project/{id}"), "text/turtle"))
        .await;
    assert_eq!(turtle.status, StatusCode::OK);
    assert!(
        turtle.text().contains("Projet Secret Zeta"),
        "{}",
        turtle.text()
    );
    let csv = t
        .get(None, &format!("{api}/export/pipeline.csv"))
        .await
        .text();
    assert!(csv.contains("Projet Secret Zeta"), "{csv}");
    let board = t.app.send(anonymous("/projets", "text/html")).await.text();
    assert!(board.contains("Projet Secret Zeta"));
    let anonymous_envelope = t.zem(None).await;
    assert_eq!(anonymous_envelope["committed"], 200000.0);
    assert_eq!(anonymous_envelope["in_preparation"], 0.0);
}
