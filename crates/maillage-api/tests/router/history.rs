//! The write path over HTTP: system graphs refused whole on every write route, the history of
//! changes (write access only) and revert, and concurrent writes all visible afterwards.

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use crate::{App, TOKEN, call};

const API: &str = "/api/v1";

fn organisation(id: &str, name: &str) -> Value {
    json!({
        "id": id,
        "name_fr": name,
        "kind": "company",
        "municipality": "23027",
        "sources": ["https://example.org/historique"],
        "expertise": ["object-detection"]
    })
}

/// Creates [`organisation`] `id` through the REST API, which must accept it.
async fn create(app: &App, id: &str, name: &str) {
    let created = app
        .write_json(
            Method::POST,
            &format!("{API}/organisations"),
            &organisation(id, name),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text());
}

/// Every quad of the store, history included, as sorted N-Quads lines.
fn everything(app: &App) -> Vec<String> {
    let mut out = Vec::new();
    app.store
        .dump(maillage_store::GraphFormat::NQuads, None, &mut out)
        .expect("dump");
    let mut lines: Vec<String> = String::from_utf8(out)
        .expect("UTF-8")
        .lines()
        .map(str::to_owned)
        .collect();
    lines.sort();
    lines.push(format!(
        "history: {:?}",
        app.store.history(1000).expect("history")
    ));
    lines
}

#[tokio::test]
async fn writes_that_touch_a_system_graph_are_refused_whole_with_403_naming_the_graph() {
    let app = App::writable();
    let before = everything(&app);
    let shapes = "https://w3id.org/maillage/graph/shapes";
    let territory = "https://w3id.org/maillage/graph/territory";
    let updates = [
        "DROP ALL".to_owned(),
        "CLEAR ALL".to_owned(),
        format!("DROP GRAPH <{shapes}>"),
        format!(
            "DELETE WHERE {{ GRAPH <{territory}> {{ ?m <http://www.w3.org/2000/01/rdf-schema#label> ?l }} }}"
        ),
    ];
    for update in &updates {
        let reply = app.update(update.clone()).await;
        assert_eq!(
            reply.status,
            StatusCode::FORBIDDEN,
            "{update}: {}",
            reply.text()
        );
        assert_eq!(reply.header("content-type"), "application/problem+json");
        let detail = reply.json()["detail"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        assert!(
            detail.contains("https://w3id.org/maillage/graph/"),
            "{update}: the problem names the graph: {detail}"
        );
        assert_eq!(everything(&app), before, "{update} changed the store");
    }
    // The Graph Store Protocol: DELETE and PUT of a system graph.
    let delete = app
        .send(call(Method::DELETE, &format!("/store?graph={shapes}")).bearer(TOKEN))
        .await;
    assert_eq!(delete.status, StatusCode::FORBIDDEN, "{}", delete.text());
    let put = app
        .write(
            Method::PUT,
            &format!("/store?graph={territory}"),
            "text/turtle",
            "<urn:a> <urn:b> <urn:c> .",
        )
        .await;
    assert_eq!(put.status, StatusCode::FORBIDDEN, "{}", put.text());
    assert!(
        put.json()["detail"]
            .as_str()
            .unwrap_or_default()
            .contains(territory)
    );
    // In English on request.
    let english = app
        .send(
            call(Method::POST, "/update")
                .bearer(TOKEN)
                .header("accept-language", "en")
                .body("application/sparql-update", "DROP ALL"),
        )
        .await;
    assert_eq!(english.status, StatusCode::FORBIDDEN);
    assert!(
        english.json()["detail"]
            .as_str()
            .unwrap_or_default()
            .contains("system graph")
    );
    assert_eq!(everything(&app), before);
}

#[tokio::test]
async fn the_history_lists_writes_for_writers_only_and_a_revert_undoes_one() {
    let app = App::writable();
    let changes = format!("{API}/changes");
    // Never to anonymous users.
    let anonymous = app.get(&changes).await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
    let with_a_wrong_token = app
        .send(call(Method::GET, &changes).bearer("mlg_x_y"))
        .await;
    assert_eq!(with_a_wrong_token.status, StatusCode::UNAUTHORIZED);

    create(&app, "histoire-essai", "Histoire Essai").await;
    let listed = app.send(call(Method::GET, &changes).bearer(TOKEN)).await;
    assert_eq!(listed.status, StatusCode::OK, "{}", listed.text());
    let list = listed.json();
    let newest = &list[0];
    assert_eq!(newest["actor"], "write-token");
    assert_eq!(newest["origin"], "rest");
    assert!(newest["added"].as_u64().expect("added") >= 4, "{newest}");
    assert_eq!(newest["removed"], 0);
    assert!(
        newest["at"].as_str().expect("at").ends_with('Z'),
        "RFC 3339 in UTC: {newest}"
    );
    assert_eq!(newest["graphs"].as_array().expect("graphs").len(), 1);
    let id = newest["id"].as_u64().expect("id");

    // Revert it: the organisation is gone from the analytics at once.
    let reverted = app
        .send(call(Method::POST, &format!("{changes}/{id}/revert")).bearer(TOKEN))
        .await;
    assert_eq!(reverted.status, StatusCode::CREATED, "{}", reverted.text());
    let revert = reverted.json();
    assert_eq!(revert["origin"], "revert");
    assert_eq!(revert["reverts"], id);
    assert_eq!(revert["removed"], newest["added"]);
    let gone = app
        .get(&format!("{API}/organisations/histoire-essai"))
        .await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND);
    // Reverting the same change again is refused: the store no longer holds what it left.
    let again = app
        .send(call(Method::POST, &format!("{changes}/{id}/revert")).bearer(TOKEN))
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT, "{}", again.text());
    let unknown = app
        .send(call(Method::POST, &format!("{changes}/999999/revert")).bearer(TOKEN))
        .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    // Anonymous reverts are refused.
    let anonymous = app
        .send(call(Method::POST, &format!("{changes}/{id}/revert")))
        .await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_writes_are_all_visible_in_the_analytics_afterwards() {
    let app = App::writable();
    let ids: Vec<String> = (0..6).map(|i| format!("ensemble-{i}")).collect();
    let mut writes = tokio::task::JoinSet::new();
    for id in &ids {
        let router = app.router.clone();
        let body =
            serde_json::to_vec(&organisation(id, &format!("Ensemble {id}"))).expect("serialisable");
        writes.spawn(async move {
            let request = axum::http::Request::builder()
                .method(Method::POST)
                .uri(format!("{API}/organisations"))
                .header("authorization", format!("Bearer {TOKEN}"))
                .header("content-type", "application/json")
                .body(axum::body::Body::from(body))
                .expect("a request");
            tower::ServiceExt::oneshot(router, request)
                .await
                .expect("the router never fails")
                .status()
        });
    }
    while let Some(status) = writes.join_next().await {
        assert_eq!(status.expect("the task ran"), StatusCode::CREATED);
    }
    for id in &ids {
        let detail = app.get(&format!("{API}/organisations/{id}")).await;
        assert_eq!(
            detail.status,
            StatusCode::OK,
            "{id} is missing from the analytics"
        );
    }
    let history = app.store.history(100).expect("history");
    let numbers: Vec<u64> = history.iter().map(|c| c.id).collect();
    let mut sorted = numbers.clone();
    sorted.sort_unstable_by(|a, b| b.cmp(a));
    sorted.dedup();
    assert_eq!(numbers, sorted, "distinct change numbers, newest first");
    assert!(history.len() >= ids.len());
}

/// The history lives in the confidential graph `…/graph/private/history`: after a write, no
/// anonymous read route shows it or any of its quads.
#[tokio::test]
async fn the_history_graph_is_out_of_every_anonymous_read() {
    let app = App::writable();
    create(&app, "fuite-essai", "Fuite Essai").await;
    let history = "https://w3id.org/maillage/graph/private/history";
    let sparql = |q: &str| crate::uri("/sparql", &[("query", q)]);
    for query in [
        "SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } }".to_owned(),
        "SELECT ?s WHERE { ?s a <https://w3id.org/maillage/ontology#Change> }".to_owned(),
        format!("SELECT * FROM NAMED <{history}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"),
        format!("SELECT * FROM <{history}> WHERE {{ ?s ?p ?o }}"),
        "CONSTRUCT { ?s ?p ?o } WHERE { ?s <https://w3id.org/maillage/ontology#changeNumber> ?n ; ?p ?o }".to_owned(),
        "DESCRIBE <https://w3id.org/maillage/id/change/1>".to_owned(),
    ] {
        let reply = app
            .send(call(Method::GET, &sparql(&query)).header("accept", "application/n-triples, application/sparql-results+json"))
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{query}: {}", reply.text());
        let text = reply.text();
        assert!(!text.contains("private/history"), "{query}: {text}");
        assert!(!text.contains("changeNumber") && !text.contains("id/change/"), "{query}: {text}");
    }
    let mut protocol = crate::uri(
        "/sparql",
        &[
            ("query", "SELECT * WHERE { ?s ?p ?o }"),
            ("default-graph-uri", history),
        ],
    );
    protocol.push_str("&named-graph-uri=");
    protocol.push_str(history);
    let reply = app.get(&protocol).await;
    assert!(!reply.text().contains("changeNumber"), "{}", reply.text());
    // Graph Store Protocol, linked data, the dump, /health.
    let gsp = app.get(&crate::uri("/store", &[("graph", history)])).await;
    assert_eq!(gsp.status, StatusCode::NOT_FOUND);
    let entity = app.get("/id/change/1").await;
    assert_eq!(entity.status, StatusCode::NOT_FOUND);
    for dump in ["/store", &format!("{API}/export/dataset")] {
        let reply = app
            .send(call(Method::GET, dump).header("accept", "application/n-quads"))
            .await;
        assert!(!reply.text().contains("private/history"), "{dump}");
        assert!(!reply.text().contains("changeNumber"), "{dump}");
    }
    // /health counts the visible data, the history's quads not among them.
    let health = app.get_json("/health").await;
    let visible = app
        .store
        .visible_quad_count(&maillage_store::GraphScope::public(false))
        .expect("count");
    assert_eq!(health["quads"].as_u64(), Some(visible as u64), "{health}");
}
