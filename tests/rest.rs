//! End-to-end tests of the REST API over real HTTP: what QI staff's applications do — search
//! organisations, open one, follow the envelope, export — and what an editor does: write,
//! then see the write everywhere at once. Hostile inputs never change or leak data.

mod support;

use reqwest::StatusCode;
use serde_json::{Value, json};
use support::{TOKEN, client, quads, start};

fn get_json(url: &str) -> Value {
    let response = client().get(url).send().expect("GET");
    assert_eq!(response.status(), StatusCode::OK, "{url}");
    response.json().expect("json")
}

#[test]
fn staff_search_open_follow_the_envelope_and_export() {
    let server = start(&[]);
    let api = format!("{}/api/v1", server.base);

    // "vision" finds organisations through their names and through the taxonomy
    // (object detection is narrower than computer vision).
    let page = get_json(&format!("{api}/organisations?q=vision&limit=100"));
    let names: Vec<&str> = page["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|i| i["name"].as_str())
        .collect();
    assert!(page["total"].as_u64().expect("total") >= 5, "{names:?}");
    assert!(
        names.iter().any(|n| n.contains("LeddarTech")),
        "found through object detection: {names:?}"
    );

    // Accents and case do not matter.
    let accents = get_json(&format!("{api}/organisations?q=LEVIS&limit=5"));
    let plain = get_json(&format!("{api}/organisations?q=lévis&limit=5"));
    assert_eq!(accents["total"], plain["total"]);

    // Filters: suppliers in the ZEM offering computer vision or something narrower.
    let vision = get_json(&format!(
        "{api}/organisations?role=supplier&in_zem=true&expertise=computer-vision&limit=500"
    ));
    for item in vision["items"].as_array().expect("items") {
        assert_eq!(item["in_zem"], true);
        assert!(
            item["roles"]
                .as_array()
                .expect("roles")
                .contains(&json!("supplier"))
        );
    }
    assert!(vision["total"].as_u64().expect("total") >= 3);

    // Pagination keeps the total.
    let first = get_json(&format!("{api}/organisations?limit=10&offset=0"));
    let second = get_json(&format!("{api}/organisations?limit=10&offset=10"));
    assert_eq!(first["total"], second["total"]);
    assert_ne!(first["items"][0]["iri"], second["items"][0]["iri"]);

    // One organisation, in French by default and in English on request.
    let laval = get_json(&format!("{api}/organisations/universite-laval"));
    assert_eq!(laval["name"], "Université Laval");
    assert_eq!(laval["kind"], "university");
    assert!(!laval["sources"].as_array().expect("sources").is_empty());
    assert!(
        laval["linked_data"]
            .as_str()
            .expect("link")
            .ends_with("/id/org/universite-laval")
    );
    let english = client()
        .get(format!("{api}/organisations/universite-laval"))
        .header("Accept-Language", "en")
        .send()
        .expect("GET")
        .json::<Value>()
        .expect("json");
    assert_eq!(english["kind_label"], "University");

    // The envelope: $4,348,000, fictional demo projects never counted against it.
    let envelopes = get_json(&format!("{api}/envelopes"));
    let scale = envelopes
        .as_array()
        .expect("envelopes")
        .iter()
        .find(|e| e["iri"] == "https://w3id.org/maillage/id/envelope/scale-ai-zem-2025")
        .expect("the Scale AI envelope");
    assert_eq!(scale["amount"], 4_348_000.0);
    assert_eq!(scale["remaining"], 4_348_000.0);
    assert!(scale["illustrative_committed"].as_f64().expect("demo") > 0.0);
    let programmes = get_json(&format!("{api}/programmes"));
    let scale_programme = &programmes[0];
    assert_eq!(
        scale_programme["operator"]["iri"],
        "https://w3id.org/maillage/id/org/scale-ai"
    );
    assert_eq!(scale_programme["envelopes"][0]["amount"], 4_348_000.0);
    let projects = get_json(&format!("{api}/projects"));
    assert!(projects.as_array().expect("projects").len() >= 8);

    let stats = get_json(&format!("{api}/stats"));
    assert!(stats["organisations"].as_u64().expect("n") >= 200);
    assert!(!stats["by_expertise"].as_array().expect("list").is_empty());

    // Exports open in spreadsheets and GIS.
    let csv = client()
        .get(format!("{api}/export/organisations.csv"))
        .send()
        .expect("csv");
    assert_eq!(csv.status(), StatusCode::OK);
    let bytes = csv.bytes().expect("bytes");
    assert!(
        bytes.starts_with("\u{feff}iri,name_fr".as_bytes()),
        "UTF-8 BOM then the header"
    );
    let geojson = get_json(&format!("{api}/export/organisations.geojson"));
    assert_eq!(geojson["type"], "FeatureCollection");
    assert!(geojson["features"].as_array().expect("features").len() >= 100);
    let dump = client()
        .get(format!(
            "{api}/export/dataset?format=nquads&graph=https://w3id.org/maillage/graph/funding"
        ))
        .send()
        .expect("dump");
    assert_eq!(dump.status(), StatusCode::OK);
    assert!(dump.text().expect("text").lines().count() > 50);
}

#[test]
fn the_spec_documents_every_route_of_the_router() {
    let server = start(&[]);
    let spec = get_json(&format!("{}/api-docs/openapi.json", server.base));
    assert!(
        spec["openapi"]
            .as_str()
            .expect("version")
            .starts_with("3.1")
    );
    let paths = spec["paths"].as_object().expect("paths");
    for route in [
        "/api/v1/organisations",
        "/api/v1/organisations/{id}",
        "/api/v1/envelopes",
        "/api/v1/programmes",
        "/api/v1/projects",
        "/api/v1/stats",
        "/api/v1/export/organisations.csv",
        "/api/v1/export/organisations.geojson",
        "/api/v1/export/dataset",
    ] {
        assert!(
            paths.contains_key(route),
            "{route} is missing from the spec"
        );
    }
    // Every documented operation has a handler, and answers with a status its documentation
    // lists (routes with required parameters answer their documented 400).
    for (path, item) in paths {
        if path.contains('{') {
            continue;
        }
        if let Some(operation) = item.get("get") {
            let response = client()
                .get(format!("{}{path}", server.base))
                .send()
                .expect("GET");
            let status = response.status().as_u16().to_string();
            assert!(
                operation["responses"].get(&status).is_some(),
                "{path}: {status} is not documented"
            );
            assert!(!response.status().is_server_error(), "{path}: {status}");
        }
    }
    let ui = client()
        .get(format!("{}/docs/", server.base))
        .send()
        .expect("ui");
    assert_eq!(ui.status(), StatusCode::OK);
}

#[test]
fn hostile_inputs_get_4xx_and_change_nothing() {
    let server = start(&["--write-token", TOKEN]);
    let api = format!("{}/api/v1", server.base);
    let before = quads(&server);
    let hostile = [
        "\"",
        "}",
        "#",
        "a\nb",
        "\"> . } ; DROP ALL",
        "' OR 1=1 --",
        &"x".repeat(5000),
        "<script>alert(1)</script>",
    ];
    for input in hostile {
        for param in ["expertise", "sector", "municipality", "kind", "role"] {
            let response = client()
                .get(format!("{api}/organisations"))
                .query(&[(param, input)])
                .send()
                .expect("GET");
            assert_eq!(
                response.status(),
                StatusCode::BAD_REQUEST,
                "{param}={input:?}"
            );
            assert_eq!(
                response.headers()["content-type"],
                "application/problem+json"
            );
        }
        let search = client()
            .get(format!("{api}/organisations"))
            .query(&[("q", input)])
            .send()
            .expect("GET");
        assert!(
            search.status() == StatusCode::OK || search.status() == StatusCode::BAD_REQUEST,
            "q={input:?}: {}",
            search.status()
        );
        let one = client()
            .get(format!("{api}/organisations/{}", urlencode(input)))
            .send()
            .expect("GET");
        assert!(
            one.status().is_client_error(),
            "id={input:?}: {}",
            one.status()
        );
        let write = client()
            .post(format!("{api}/organisations"))
            .bearer_auth(TOKEN)
            .json(&json!({
                "id": input, "name_fr": input, "kind": "company", "municipality": input,
                "sources": [input]
            }))
            .send()
            .expect("POST");
        assert!(
            write.status().is_client_error(),
            "write {input:?}: {}",
            write.status()
        );
    }
    for limit in ["-1", "0", "501", "99999999999999999999", "abc"] {
        let response = client()
            .get(format!("{api}/organisations?limit={limit}"))
            .send()
            .expect("GET");
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "limit={limit}");
    }
    let bad_json = client()
        .post(format!("{api}/organisations"))
        .bearer_auth(TOKEN)
        .header("Content-Type", "application/json")
        .body("{not json")
        .send()
        .expect("POST");
    assert!(bad_json.status().is_client_error());
    assert_eq!(
        bad_json.headers()["content-type"],
        "application/problem+json"
    );
    assert_eq!(quads(&server), before, "no hostile input changed the store");
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[test]
fn a_write_is_visible_at_once_and_an_invalid_one_changes_nothing() {
    let server = start(&["--write-token", TOKEN]);
    let api = format!("{}/api/v1", server.base);
    let sparql = format!("{}/sparql", server.base);
    let new_org = json!({
        "id": "atelier-vision-essai",
        "name_fr": "Atelier Vision Essai",
        "name_en": "Vision Test Workshop",
        "kind": "company",
        "municipality": "25213",
        "sources": ["https://example.org/atelier"],
        "expertise": ["object-detection"],
        "sectors": ["541514"]
    });
    let unauthorised = client()
        .post(format!("{api}/organisations"))
        .json(&new_org)
        .send()
        .expect("POST");
    assert_eq!(unauthorised.status(), StatusCode::UNAUTHORIZED);

    let created = client()
        .post(format!("{api}/organisations"))
        .bearer_auth(TOKEN)
        .json(&new_org)
        .send()
        .expect("POST");
    assert_eq!(created.status(), StatusCode::CREATED);
    assert_eq!(
        created.headers()["location"],
        "/api/v1/organisations/atelier-vision-essai"
    );

    // Visible at once: search (through the taxonomy), detail, SPARQL.
    let found = get_json(&format!(
        "{api}/organisations?q=vision&in_zem=true&limit=500"
    ));
    assert!(
        found["items"]
            .as_array()
            .expect("items")
            .iter()
            .any(|i| i["id"] == "atelier-vision-essai")
    );
    let detail = get_json(&format!("{api}/organisations/atelier-vision-essai"));
    assert_eq!(detail["roles"], json!(["supplier"]));
    let ask = client()
        .get(&sparql)
        .query(&[("query", "ASK { GRAPH <https://w3id.org/maillage/graph/api> { <https://w3id.org/maillage/id/org/atelier-vision-essai> ?p ?o } }")])
        .send()
        .expect("ASK")
        .json::<Value>()
        .expect("json");
    assert_eq!(ask["boolean"], true);

    let duplicate = client()
        .post(format!("{api}/organisations"))
        .bearer_auth(TOKEN)
        .json(&new_org)
        .send()
        .expect("POST");
    assert_eq!(duplicate.status(), StatusCode::CONFLICT);

    // Invalid writes: unknown concept (a shape violation), unknown municipality.
    let before = quads(&server);
    let mut invalid = new_org.clone();
    invalid["id"] = json!("autre-essai");
    invalid["expertise"] = json!(["telepathy"]);
    let rejected = client()
        .post(format!("{api}/organisations"))
        .bearer_auth(TOKEN)
        .json(&invalid)
        .send()
        .expect("POST");
    assert_eq!(rejected.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let problem: Value = rejected.json().expect("problem");
    assert!(
        !problem["violations"]
            .as_array()
            .expect("violations")
            .is_empty()
    );
    assert_eq!(quads(&server), before);

    // Replace, then delete.
    let mut renamed = new_org.clone();
    renamed["name_fr"] = json!("Atelier Vision Renommé");
    let replaced = client()
        .put(format!("{api}/organisations/atelier-vision-essai"))
        .bearer_auth(TOKEN)
        .json(&renamed)
        .send()
        .expect("PUT");
    assert_eq!(replaced.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        get_json(&format!("{api}/organisations/atelier-vision-essai"))["name"],
        "Atelier Vision Renommé"
    );
    let deleted = client()
        .delete(format!("{api}/organisations/atelier-vision-essai"))
        .bearer_auth(TOKEN)
        .send()
        .expect("DELETE");
    assert_eq!(deleted.status(), StatusCode::NO_CONTENT);
    let gone = client()
        .get(format!("{api}/organisations/atelier-vision-essai"))
        .send()
        .expect("GET");
    assert_eq!(gone.status(), StatusCode::NOT_FOUND);

    // Deleting an organisation others point to is refused whole.
    let before = quads(&server);
    let refused = client()
        .delete(format!("{api}/organisations/universite-laval"))
        .bearer_auth(TOKEN)
        .send()
        .expect("DELETE");
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(quads(&server), before);
}

#[test]
fn analytics_over_http_and_sparql_writes_reach_them_at_once() {
    let server = start(&["--write-token", TOKEN]);
    let api = format!("{}/api/v1", server.base);
    let matches = get_json(&format!(
        "{api}/organisations/demo-usinage-precision/matches?limit=5"
    ));
    let first = &matches[0];
    assert_eq!(
        first["supplier"],
        "https://w3id.org/maillage/id/org/demo-visiontech-capitale"
    );
    assert_eq!(first["eligible"], true);
    assert!(
        first["components"]["need_coverage"]
            .as_f64()
            .expect("component")
            > 0.0
    );
    assert!(
        !first["explanation"]
            .as_array()
            .expect("explanation")
            .is_empty()
    );

    let pair = get_json(&format!(
        "{api}/eligibility?supplier=demo-analytique-sherbrooke&adopter=demo-usinage-precision"
    ));
    assert_eq!(pair["eligible"], false);
    let project = get_json(&format!(
        "{api}/eligibility?project=demo-inspection-usinage"
    ));
    assert!(
        project["rules"]
            .as_array()
            .expect("rules")
            .iter()
            .any(|r| r["rule"] == "project-addresses-axis")
    );

    let gaps = get_json(&format!("{api}/gaps"));
    assert!(
        gaps.as_array()
            .expect("rows")
            .iter()
            .any(|r| r["unmet"].as_f64().unwrap_or(0.0) > 0.0)
    );
    let csv = client()
        .get(format!("{api}/export/gaps.csv"))
        .send()
        .expect("csv");
    assert_eq!(csv.status(), StatusCode::OK);
    let network = get_json(&format!("{api}/network"));
    assert!(!network["nodes"].as_array().expect("nodes").is_empty());
    let path = get_json(&format!(
        "{api}/path?from=demo-visiontech-capitale&to=universite-laval"
    ));
    assert_eq!(path["found"], true);
    let portfolio = get_json(&format!("{api}/portfolio"));
    assert_eq!(portfolio["budget"], 4_348_000.0);
    let graphml = client()
        .get(format!("{api}/export/ecosystem.graphml"))
        .send()
        .expect("graphml")
        .text()
        .expect("text");
    assert!(graphml.contains("<graphml") && graphml.contains("universite-laval"));

    // A SPARQL update gives a demo adopter a new need: its matches change at once.
    let update = "PREFIX mo: <https://w3id.org/maillage/ontology#>
INSERT DATA { GRAPH <https://w3id.org/maillage/graph/api> {
  <https://w3id.org/maillage/id/org/demo-usinage-precision> mo:hasNeed <https://w3id.org/maillage/id/concept/speech-synthesis> } }";
    let response = client()
        .post(format!("{}/update", server.base))
        .bearer_auth(TOKEN)
        .header("Content-Type", "application/sparql-update")
        .body(update)
        .send()
        .expect("update");
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let after = get_json(&format!("{api}/organisations/demo-usinage-precision"));
    assert!(
        after["needs"]
            .as_array()
            .expect("needs")
            .iter()
            .any(|n| n["iri"] == "https://w3id.org/maillage/id/concept/speech-synthesis")
    );
    let unknown = client()
        .get(format!("{api}/organisations/nobody/matches"))
        .send()
        .expect("404");
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
}
