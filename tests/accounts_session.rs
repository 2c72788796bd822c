//! A QI officer's day with accounts, on a real server process and a real store on disk: the
//! operator creates the accounts on the command line, the officer signs in (session cookie)
//! and records a confidential prospect, a script uses an API token, the public sees nothing of
//! it, and a token revoked on the command line while the server runs stops at once.

mod support;

use reqwest::StatusCode;
use serde_json::json;
use support::{Server, client, start_with_users, succeed};

const PRIVATE: &str = "https://w3id.org/maillage/graph/private/prospects";
const PROSPECT: &str = "<https://w3id.org/maillage/id/org/prospect-confidentiel> a <https://w3id.org/maillage/ontology#Company> ;
  <http://www.w3.org/2000/01/rdf-schema#label> \"Prospect confidentiel\"@fr ;
  <https://w3id.org/maillage/ontology#locatedIn> <https://w3id.org/maillage/id/municipality/23027> ;
  <http://purl.org/dc/terms/source> <https://example.org/tests/prospect> .";

fn sparql_count(server: &Server, token: Option<&str>) -> String {
    let query = format!("SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{PRIVATE}> {{ ?s ?p ?o }} }}");
    let mut request = client()
        .get(format!("{}/sparql", server.base))
        .query(&[("query", query.as_str())])
        .header("accept", "text/csv");
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let reply = request.send().expect("sparql");
    assert_eq!(reply.status(), StatusCode::OK);
    reply
        .text()
        .expect("csv")
        .lines()
        .nth(1)
        .unwrap_or_default()
        .to_owned()
}

#[test]
fn an_officer_signs_in_records_a_confidential_prospect_and_the_public_never_sees_it() {
    let server = start_with_users(
        &[
            ("amelie", "admin", "mot-de-passe-admin"),
            ("sophie", "staff", "mot-de-passe-staff"),
        ],
        &[],
    );
    let http = client();

    // Sophie signs in from a script: 204 and a session cookie, then asks for her CSRF token.
    let signed = http
        .post(format!("{}/api/v1/session", server.base))
        .json(&json!({"name": "sophie", "password": "mot-de-passe-staff"}))
        .send()
        .expect("sign in");
    assert_eq!(signed.status(), StatusCode::NO_CONTENT);
    let cookie = signed
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .expect("a session cookie")
        .to_owned();
    let me: serde_json::Value = http
        .get(format!("{}/api/v1/session", server.base))
        .header("cookie", &cookie)
        .send()
        .expect("who am I")
        .json()
        .expect("json");
    assert_eq!(me["name"], "sophie");
    let csrf = me["csrf_token"].as_str().expect("csrf").to_owned();

    // She records a prospect in a confidential graph.
    let put = http
        .put(format!("{}/store", server.base))
        .query(&[("graph", PRIVATE)])
        .header("cookie", &cookie)
        .header("x-csrf-token", &csrf)
        .header("content-type", "text/turtle")
        .body(PROSPECT)
        .send()
        .expect("put");
    assert!(put.status().is_success(), "{:?}", put.text());

    // The public endpoint knows nothing of it; her session sees it.
    assert_eq!(sparql_count(&server, None), "0");
    let search = http
        .get(format!("{}/api/v1/organisations", server.base))
        .query(&[("q", "prospect")])
        .send()
        .expect("search")
        .text()
        .expect("text");
    assert!(!search.contains("prospect-confidentiel"), "{search}");
    let seen = http
        .get(format!(
            "{}/api/v1/organisations/prospect-confidentiel",
            server.base
        ))
        .header("cookie", &cookie)
        .send()
        .expect("detail");
    assert_eq!(seen.status(), StatusCode::OK);
    let seen: serde_json::Value = seen.json().expect("json");
    assert_eq!(seen["last_change"]["actor"], "sophie", "{seen}");

    // The operator gives a script a token, on the command line while the server runs.
    let store = server.store();
    let store = store.to_str().expect("utf-8 path");
    let created = succeed(&[
        "token", "create", "--store", store, "--user", "sophie", "--label", "script",
    ]);
    let token = created
        .lines()
        .last()
        .expect("the token, alone on the last line")
        .trim()
        .to_owned();
    assert_eq!(sparql_count(&server, Some(&token)), "4");
    // Revoked on the command line: the very next request is refused.
    let listed = succeed(&["token", "list", "--store", store, "--format", "json"]);
    let listed: serde_json::Value = serde_json::from_str(&listed).expect("json list");
    let id = listed[0]["id"].as_str().expect("token id").to_owned();
    succeed(&["token", "revoke", "--store", store, &id]);
    let refused = http
        .get(format!("{}/api/v1/session", server.base))
        .bearer_auth(&token)
        .send()
        .expect("request");
    assert_eq!(refused.status(), StatusCode::UNAUTHORIZED);

    // She signs out; her cookie no longer opens anything.
    let out = http
        .delete(format!("{}/api/v1/session", server.base))
        .header("cookie", &cookie)
        .send()
        .expect("sign out");
    assert_eq!(out.status(), StatusCode::NO_CONTENT);
    let after: serde_json::Value = http
        .get(format!("{}/api/v1/session", server.base))
        .header("cookie", &cookie)
        .send()
        .expect("who am I")
        .json()
        .expect("json");
    assert_eq!(after["signed_in"], false);
}
