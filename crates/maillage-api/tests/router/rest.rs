//! The REST API as QI staff's applications use it — search organisations, open one, follow the
//! envelope, export — and as an editor does: write, then see the write everywhere at once.
//! Hostile inputs never change or leak data; the spec documents every route.

use axum::http::{Method, StatusCode};
use serde_json::json;

use crate::{App, Reply, TOKEN, call, lists, uri};

const API: &str = "/api/v1";

#[tokio::test]
async fn staff_search_open_follow_the_envelope_and_export() {
    let app = App::shared();

    // "vision" finds organisations through their names and through the taxonomy
    // (object detection is narrower than computer vision).
    let page = app
        .get_json(&format!("{API}/organisations?q=vision&limit=100"))
        .await;
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
    let accents = app
        .get_json(&format!("{API}/organisations?q=LEVIS&limit=5"))
        .await;
    let plain = app
        .get_json(&uri(
            &format!("{API}/organisations"),
            &[("q", "lévis"), ("limit", "5")],
        ))
        .await;
    assert_eq!(accents["total"], plain["total"]);

    // Filters: suppliers in the ZEM offering computer vision or something narrower.
    let vision = app
        .get_json(&format!(
            "{API}/organisations?role=supplier&in_zem=true&expertise=computer-vision&limit=500"
        ))
        .await;
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
    let first = app
        .get_json(&format!("{API}/organisations?limit=10&offset=0"))
        .await;
    let second = app
        .get_json(&format!("{API}/organisations?limit=10&offset=10"))
        .await;
    assert_eq!(first["total"], second["total"]);
    assert_ne!(first["items"][0]["iri"], second["items"][0]["iri"]);

    // One organisation, in French by default and in English on request.
    let laval = app
        .get_json(&format!("{API}/organisations/universite-laval"))
        .await;
    assert_eq!(laval["name"], "Université Laval");
    assert_eq!(laval["kind"], "university");
    assert!(!laval["sources"].as_array().expect("sources").is_empty());
    assert!(
        laval["linked_data"]
            .as_str()
            .expect("link")
            .ends_with("/id/org/universite-laval")
    );
    let english = app
        .send(
            call(
                Method::GET,
                &format!("{API}/organisations/universite-laval"),
            )
            .header("accept-language", "en"),
        )
        .await;
    assert_eq!(english.status, StatusCode::OK);
    assert_eq!(english.json()["kind_label"], "University");

    // The envelope: $4,348,000, fictional demo projects never counted against it (and, without
    // --demo, not there at all).
    let envelopes = app.get_json(&format!("{API}/envelopes")).await;
    let scale = envelopes
        .as_array()
        .expect("envelopes")
        .iter()
        .find(|e| e["iri"] == "https://w3id.org/maillage/id/envelope/scale-ai-zem-2025")
        .expect("the Scale AI envelope");
    assert_eq!(scale["amount"], 4_348_000.0);
    assert_eq!(scale["remaining"], 4_348_000.0);
    assert_eq!(scale["illustrative_committed"], 0.0);
    let demo_envelopes = App::demo().get_json(&format!("{API}/envelopes")).await;
    let demo_scale = demo_envelopes
        .as_array()
        .expect("envelopes")
        .iter()
        .find(|e| e["iri"] == scale["iri"])
        .expect("the Scale AI envelope");
    assert_eq!(demo_scale["remaining"], 4_348_000.0);
    assert!(demo_scale["illustrative_committed"].as_f64().expect("demo") > 0.0);
    let programmes = app.get_json(&format!("{API}/programmes")).await;
    let scale_programme = &programmes[0];
    assert_eq!(
        scale_programme["operator"]["iri"],
        "https://w3id.org/maillage/id/org/scale-ai"
    );
    assert_eq!(scale_programme["envelopes"][0]["amount"], 4_348_000.0);
    // Projects: the demo's eight fictional ones only with the demo.
    let projects = app.get_json(&format!("{API}/projects")).await;
    assert!(
        projects
            .as_array()
            .expect("projects")
            .iter()
            .all(|p| p["illustrative"] == false)
    );
    let demo_projects = App::demo().get_json(&format!("{API}/projects")).await;
    assert!(demo_projects.as_array().expect("projects").len() >= 8);

    let stats = app.get_json(&format!("{API}/stats")).await;
    assert!(stats["organisations"].as_u64().expect("n") >= 200);
    assert!(!stats["by_expertise"].as_array().expect("list").is_empty());
}

#[tokio::test]
async fn exports_open_in_spreadsheets_and_gis() {
    let app = App::shared();
    let csv = app.get(&format!("{API}/export/organisations.csv")).await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(
        csv.body.starts_with("\u{feff}iri,name_fr".as_bytes()),
        "UTF-8 BOM then the header"
    );
    let geojson = app
        .get_json(&format!("{API}/export/organisations.geojson"))
        .await;
    assert_eq!(geojson["type"], "FeatureCollection");
    assert!(geojson["features"].as_array().expect("features").len() >= 100);
    let dump = app
        .get(&format!(
            "{API}/export/dataset?format=nquads&graph=https://w3id.org/maillage/graph/funding"
        ))
        .await;
    assert_eq!(dump.status, StatusCode::OK);
    assert!(dump.text().lines().count() > 50);
}

/// The rows of a CSV body (BOM dropped), header first.
fn csv_rows(reply: &Reply) -> Vec<Vec<String>> {
    let text = reply.text();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    reader
        .records()
        .map(|r| r.expect("a CSV record").iter().map(str::to_owned).collect())
        .collect()
}

/// Does the XLSX workbook of `xlsx` hold the CSV's table cell for cell (numbers as numbers, so
/// `1.50` in the CSV is the number 1.5)?
pub(crate) fn assert_same_table(what: &str, csv: &Reply, xlsx: &Reply, sheet: &str) {
    assert_eq!(xlsx.status, StatusCode::OK, "{what}");
    assert!(xlsx.is_xlsx(), "{what}: {:?}", xlsx.headers);
    assert!(
        xlsx.header("content-disposition").ends_with(".xlsx\""),
        "{what}: {:?}",
        xlsx.headers
    );
    let sheets = xlsx.sheets();
    assert_eq!(sheets.len(), 1, "{what}: one sheet");
    let (name, cells) = &sheets[0];
    assert_eq!(name, sheet, "{what}");
    let rows = csv_rows(csv);
    assert_eq!(cells.len(), rows.len(), "{what}: as many rows as the CSV");
    for (i, (x_row, c_row)) in cells.iter().zip(&rows).enumerate() {
        assert_eq!(x_row.len(), c_row.len(), "{what}: row {i}");
        for (x, c) in x_row.iter().zip(c_row) {
            let same = x == c
                || matches!((x.parse::<f64>(), c.parse::<f64>()), (Ok(a), Ok(b)) if (a - b).abs() < 0.005);
            assert!(same, "{what}: row {i}: XLSX {x:?}, CSV {c:?}");
        }
    }
}

#[tokio::test]
async fn xlsx_exports_hold_the_csv_tables_with_typed_cells() {
    let app = App::shared();
    for lang in ["fr", "en"] {
        let csv = app
            .get(&format!("{API}/export/organisations.csv?lang={lang}"))
            .await;
        let xlsx = app
            .get(&format!("{API}/export/organisations.xlsx?lang={lang}"))
            .await;
        assert_same_table("organisations", &csv, &xlsx, "Organisations");
        let csv = app.get(&format!("{API}/export/gaps.csv?lang={lang}")).await;
        let xlsx = app
            .get(&format!("{API}/export/gaps.xlsx?lang={lang}"))
            .await;
        assert_same_table("gaps", &csv, &xlsx, "Lacunes-Gaps");
    }
    // Typed cells: a truth value and numbers a spreadsheet sums, accents kept.
    use calamine::{Data, Reader, Xlsx};
    let body = app
        .get(&format!("{API}/export/organisations.xlsx"))
        .await
        .body;
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(body)).expect("XLSX");
    let sheet = book.worksheet_range("Organisations").expect("the sheet");
    let header: Vec<String> = sheet
        .rows()
        .next()
        .expect("header")
        .iter()
        .map(ToString::to_string)
        .collect();
    let col = |name: &str| header.iter().position(|h| h == name).expect(name);
    let laval = sheet
        .rows()
        .find(|r| r[0] == Data::String("https://w3id.org/maillage/id/org/universite-laval".into()))
        .expect("Université Laval's row");
    assert_eq!(
        laval[col("name_fr")],
        Data::String("Université Laval".into())
    );
    assert_eq!(laval[col("in_zem")], Data::Bool(true));
    let body = app.get(&format!("{API}/export/gaps.xlsx")).await.body;
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(body)).expect("XLSX");
    let sheet = book.worksheet_range("Lacunes-Gaps").expect("the sheet");
    let first = sheet.rows().nth(1).expect("a gap");
    assert!(
        matches!(first[3], Data::Float(x) if x > 0.0),
        "demand is a number: {:?}",
        first[3]
    );
    assert_eq!(first[11], Data::Float(1.0), "the first gap is ranked 1");
    // The gap table's parameters hold for the workbook too.
    let refused = app
        .get(&format!("{API}/export/gaps.xlsx?threshold=2"))
        .await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn the_spec_documents_every_route_of_the_router() {
    let app = App::shared();
    let spec = app.get_json("/api-docs/openapi.json").await;
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
        "/api/v1/export/organisations.xlsx",
        "/api/v1/export/organisations.geojson",
        "/api/v1/export/gaps.xlsx",
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
            let reply = app.get(path).await;
            let status = reply.status.as_u16().to_string();
            assert!(
                operation["responses"].get(&status).is_some(),
                "{path}: {status} is not documented"
            );
            assert!(!reply.status.is_server_error(), "{path}: {status}");
        }
    }
    let ui = app.get("/docs/").await;
    assert_eq!(ui.status, StatusCode::OK);
}

#[tokio::test]
async fn hostile_inputs_get_4xx_and_change_nothing() {
    let app = App::writable();
    let organisations = format!("{API}/organisations");
    let before = app.quads();
    let long = "x".repeat(5000);
    let hostile = [
        "\"",
        "}",
        "#",
        "a\nb",
        "\"> . } ; DROP ALL",
        "' OR 1=1 --",
        long.as_str(),
        "<script>alert(1)</script>",
    ];
    for input in hostile {
        for param in ["expertise", "sector", "municipality", "kind", "role"] {
            let reply = app.get(&uri(&organisations, &[(param, input)])).await;
            assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{param}={input:?}");
            assert_eq!(reply.header("content-type"), "application/problem+json");
        }
        let search = app.get(&uri(&organisations, &[("q", input)])).await;
        assert!(
            search.status == StatusCode::OK || search.status == StatusCode::BAD_REQUEST,
            "q={input:?}: {}",
            search.status
        );
        let one = app
            .get(&format!("{organisations}/{}", percent_encode(input)))
            .await;
        assert!(one.status.is_client_error(), "id={input:?}: {}", one.status);
        let write = app
            .write_json(
                Method::POST,
                &organisations,
                &json!({
                    "id": input, "name_fr": input, "kind": "company", "municipality": input,
                    "sources": [input]
                }),
            )
            .await;
        assert!(
            write.status.is_client_error(),
            "write {input:?}: {}",
            write.status
        );
    }
    for limit in ["-1", "0", "501", "99999999999999999999", "abc"] {
        let reply = app.get(&format!("{organisations}?limit={limit}")).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "limit={limit}");
    }
    let bad_json = app
        .write(
            Method::POST,
            &organisations,
            "application/json",
            "{not json",
        )
        .await;
    assert!(bad_json.status.is_client_error());
    assert_eq!(bad_json.header("content-type"), "application/problem+json");
    assert_eq!(app.quads(), before, "no hostile input changed the store");
}

/// Percent-encodes everything but unreserved characters (for a path segment).
fn percent_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[tokio::test]
async fn a_write_is_visible_at_once_and_an_invalid_one_changes_nothing() {
    let app = App::writable();
    let organisations = format!("{API}/organisations");
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
    let unauthorised = app
        .send(call(Method::POST, &organisations).json(&new_org))
        .await;
    assert_eq!(unauthorised.status, StatusCode::UNAUTHORIZED);

    let created = app.write_json(Method::POST, &organisations, &new_org).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text());
    assert_eq!(
        created.header("location"),
        "/api/v1/organisations/atelier-vision-essai"
    );

    // Visible at once: search (through the taxonomy), detail, SPARQL.
    let found = app
        .get_json(&format!("{organisations}?q=vision&in_zem=true&limit=500"))
        .await;
    assert!(lists(&found["items"], "id", "atelier-vision-essai"));
    let detail = app
        .get_json(&format!("{organisations}/atelier-vision-essai"))
        .await;
    assert_eq!(detail["roles"], json!(["supplier"]));
    let ask = app
        .get_json(&uri("/sparql", &[("query", "ASK { GRAPH <https://w3id.org/maillage/graph/api> { <https://w3id.org/maillage/id/org/atelier-vision-essai> ?p ?o } }")]))
        .await;
    assert_eq!(ask["boolean"], true);

    let duplicate = app.write_json(Method::POST, &organisations, &new_org).await;
    assert_eq!(duplicate.status, StatusCode::CONFLICT);

    // Invalid writes: unknown concept (a shape violation), unknown municipality.
    let before = app.quads();
    let mut invalid = new_org.clone();
    invalid["id"] = json!("autre-essai");
    invalid["expertise"] = json!(["telepathy"]);
    let rejected = app.write_json(Method::POST, &organisations, &invalid).await;
    assert_eq!(rejected.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        !rejected.json()["violations"]
            .as_array()
            .expect("violations")
            .is_empty()
    );
    assert_eq!(app.quads(), before);

    // Replace, then delete.
    let mut renamed = new_org.clone();
    renamed["name_fr"] = json!("Atelier Vision Renommé");
    let replaced = app
        .send(
            call(
                Method::PUT,
                &format!("{organisations}/atelier-vision-essai"),
            )
            .bearer(TOKEN)
            .json(&renamed),
        )
        .await;
    assert_eq!(replaced.status, StatusCode::NO_CONTENT);
    assert_eq!(
        app.get_json(&format!("{organisations}/atelier-vision-essai"))
            .await["name"],
        "Atelier Vision Renommé"
    );
    let deleted = app
        .send(
            call(
                Method::DELETE,
                &format!("{organisations}/atelier-vision-essai"),
            )
            .bearer(TOKEN),
        )
        .await;
    assert_eq!(deleted.status, StatusCode::NO_CONTENT);
    let gone = app
        .get(&format!("{organisations}/atelier-vision-essai"))
        .await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND);

    // Deleting an organisation others point to is refused whole.
    let before = app.quads();
    let refused = app
        .send(call(Method::DELETE, &format!("{organisations}/universite-laval")).bearer(TOKEN))
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.quads(), before);
}

#[tokio::test]
async fn analytics_answer_and_sparql_writes_reach_them_at_once() {
    // The demo graph's adopters and suppliers are the examples here: serve it.
    let app = App::writable_demo();
    let matches = app
        .get_json(&format!(
            "{API}/organisations/demo-usinage-precision/matches?limit=5"
        ))
        .await;
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

    let pair = app
        .get_json(&format!(
            "{API}/eligibility?supplier=demo-analytique-sherbrooke&adopter=demo-usinage-precision"
        ))
        .await;
    assert_eq!(pair["eligible"], false);
    let project = app
        .get_json(&format!(
            "{API}/eligibility?project=demo-inspection-usinage"
        ))
        .await;
    assert!(lists(&project["rules"], "rule", "project-addresses-axis"));

    let gaps = app.get_json(&format!("{API}/gaps")).await;
    assert!(
        gaps.as_array()
            .expect("rows")
            .iter()
            .any(|r| r["unmet"].as_f64().unwrap_or(0.0) > 0.0)
    );
    let csv = app.get(&format!("{API}/export/gaps.csv")).await;
    assert_eq!(csv.status, StatusCode::OK);
    let network = app.get_json(&format!("{API}/network")).await;
    assert!(!network["nodes"].as_array().expect("nodes").is_empty());
    let path = app
        .get_json(&format!(
            "{API}/path?from=demo-visiontech-capitale&to=universite-laval"
        ))
        .await;
    assert_eq!(path["found"], true);
    let portfolio = app.get_json(&format!("{API}/portfolio")).await;
    assert_eq!(portfolio["budget"], 4_348_000.0);
    let graphml = app
        .get(&format!("{API}/export/ecosystem.graphml"))
        .await
        .text();
    assert!(graphml.contains("<graphml") && graphml.contains("universite-laval"));

    // A SPARQL update gives a demo adopter a new need: its profile changes at once.
    let update = "PREFIX mo: <https://w3id.org/maillage/ontology#>
INSERT DATA { GRAPH <https://w3id.org/maillage/graph/api> {
  <https://w3id.org/maillage/id/org/demo-usinage-precision> mo:hasNeed <https://w3id.org/maillage/id/concept/speech-synthesis> } }";
    let response = app.update(update).await;
    assert_eq!(response.status, StatusCode::NO_CONTENT);
    let after = app
        .get_json(&format!("{API}/organisations/demo-usinage-precision"))
        .await;
    assert!(lists(
        &after["needs"],
        "iri",
        "https://w3id.org/maillage/id/concept/speech-synthesis"
    ));
    let unknown = app
        .get(&format!("{API}/organisations/nobody/matches"))
        .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
}
