//! The selection pipeline over HTTP: a staff member records a candidate between two
//! organisations of the ZEM (the demo graph's fictional ones), reads its eligibility and moves
//! it along `proposed → under-review → recommended → selected → funded → completed`; illegal
//! moves and over-commitments are 409; the envelopes' accounting follows; an out-of-zone
//! supplier's project is ineligible with the failing rule named and sourced; the pipeline
//! exports as CSV; a move is one revertible change.

use axum::http::{Method, StatusCode};
use maillage_accounts::Role;
use serde_json::{Value, json};

use crate::{App, Reply, call};

/// A demo supplier in Québec (23027) with 35 employees, and a demo adopter in the ZEM.
const SUPPLIER: &str = "demo-visiontech-capitale";
const ADOPTER: &str = "demo-usinage-precision";
/// A demo supplier in Montréal, outside the ZEM.
const OUTSIDE: &str = "demo-voix-montreal";
const PRESS_RELEASE: &str = "https://www.newswire.ca/fr/news-releases/intelligence-artificielle-ia-quebec-soutiendra-des-projets-innovants-et-la-mise-en-place-d-un-comite-regional-en-ia-814134651.html";

/// A writable app serving the demo graph, with a staff member, an admin and a reader.
pub(crate) struct Team {
    pub app: App,
    pub staff: String,
    pub admin: String,
    pub reader: String,
}

pub(crate) fn team() -> Team {
    let app = App::writable_demo();
    for (name, role) in [
        ("maud", Role::Staff),
        ("amelie", Role::Admin),
        ("rene", Role::Reader),
    ] {
        app.accounts
            .add_user(name, role, "un-mot-de-passe-long")
            .expect("user");
    }
    let token = |name: &str| app.accounts.create_token(name, None).expect("token").1;
    Team {
        staff: token("maud"),
        admin: token("amelie"),
        reader: token("rene"),
        app,
    }
}

impl Team {
    pub async fn post(&self, token: &str, path: &str, body: &Value) -> Reply {
        self.app
            .send(call(Method::POST, path).bearer(token).json(body))
            .await
    }

    pub async fn get(&self, token: Option<&str>, path: &str) -> Reply {
        let mut c = call(Method::GET, path);
        if let Some(t) = token {
            c = c.bearer(t);
        }
        self.app.send(c).await
    }

    /// A candidate project, created by the staff member; its id.
    pub async fn candidate(&self, id: &str, extra: Value) -> String {
        let mut body = json!({
            "id": id,
            "name_fr": "[Démo] Inspection visuelle des soudures",
            "supplier": SUPPLIER,
            "adopter": ADOPTER,
            "axes": ["innovation-productivite"],
            "amount_requested": 200000,
            "total_cost": 600000,
            "notes": ["Note interne confidentielle zorglub"],
            "contacts": ["Jeanne Essai, jeanne@example.org"],
        });
        if let (Some(b), Some(e)) = (body.as_object_mut(), extra.as_object()) {
            for (k, v) in e {
                b.insert(k.clone(), v.clone());
            }
        }
        let reply = self.post(&self.staff, "/api/v1/projects", &body).await;
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
        assert_eq!(reply.header("location"), format!("/api/v1/projects/{id}"));
        id.to_owned()
    }

    pub async fn move_to(&self, token: &str, id: &str, body: Value) -> Reply {
        self.post(token, &format!("/api/v1/projects/{id}/status"), &body)
            .await
    }

    /// The Scale AI ZEM envelope's accounting, as `token` sees it.
    pub async fn zem(&self, token: Option<&str>) -> Value {
        let reply = self.get(token, "/api/v1/envelopes").await;
        assert_eq!(reply.status, StatusCode::OK);
        reply
            .json()
            .as_array()
            .expect("envelopes")
            .iter()
            .find(|e| e["iri"] == "https://w3id.org/maillage/id/envelope/scale-ai-zem-2025")
            .cloned()
            .expect("the ZEM envelope")
    }
}

fn rule<'a>(detail: &'a Value, name: &str) -> &'a Value {
    detail["eligibility"]["rules"]
        .as_array()
        .expect("rules")
        .iter()
        .find(|r| r["rule"] == name)
        .unwrap_or_else(|| panic!("no rule {name} in {detail}"))
}

#[tokio::test]
async fn a_candidate_reads_back_with_its_verdict_and_history() {
    let t = team();
    let id = t.candidate("soudures", json!({})).await;
    let reply = t
        .get(Some(&t.staff), &format!("/api/v1/projects/{id}"))
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    let d = reply.json();
    assert_eq!(d["id"], "soudures");
    assert_eq!(d["status"], "proposed");
    assert_eq!(
        d["supplier"]["iri"],
        format!("https://w3id.org/maillage/id/org/{SUPPLIER}")
    );
    assert_eq!(
        d["adopter"]["iri"],
        format!("https://w3id.org/maillage/id/org/{ADOPTER}")
    );
    assert_eq!(d["amount_requested"], 200000.0);
    assert_eq!(d["amount_granted"], 200000.0, "defaults to the request");
    assert_eq!(d["total_cost"], 600000.0);
    assert_eq!(
        d["axes"][0]["iri"],
        "https://w3id.org/maillage/id/axis/innovation-productivite"
    );
    assert_eq!(d["confidential"], true);
    assert_eq!(d["notes"][0], "Note interne confidentielle zorglub");
    // Every rule of the rule set, each with its verdict, reason and source.
    let rules = d["eligibility"]["rules"].as_array().expect("rules");
    assert_eq!(rules.len(), 8, "{rules:?}");
    for r in rules {
        assert!(r["passed"].is_boolean() || r["passed"].is_null(), "{r}");
        assert!(!r["reason"].as_str().unwrap_or_default().is_empty(), "{r}");
        assert!(
            r["source"]
                .as_str()
                .is_some_and(|s| s.starts_with("https://")),
            "{r}"
        );
    }
    assert_eq!(rule(&d, "supplier-in-zem")["source"], PRESS_RELEASE);
    assert_eq!(rule(&d, "sme-participant")["passed"], true);
    // 200 000 of 600 000: a third, within 40 %.
    assert_eq!(rule(&d, "programme-cost-share")["passed"], true);
    assert_eq!(d["eligibility"]["eligible"], true, "{}", d["eligibility"]);
    assert_eq!(d["eligibility"]["rule_set_version"], "1.0.0");
    let history = d["history"].as_array().expect("history");
    assert_eq!(history.len(), 1);
    assert_eq!(history[0]["status"], "proposed");
    assert_eq!(history[0]["by"], "maud");
    assert!(history[0]["at"].as_str().is_some_and(|a| a.ends_with('Z')));
    assert_eq!(history[0]["note"], Value::Null);
    assert_eq!(d["moves"], json!(["under-review", "rejected", "withdrawn"]));
    // The list has it for members.
    let list = t.get(Some(&t.reader), "/api/v1/projects").await.json();
    assert!(crate::lists(&list, "id", "soudures"), "{list}");
    // A second project with the same id is a conflict.
    let again = t
        .post(
            &t.staff,
            "/api/v1/projects",
            &json!({"id": "soudures", "name_fr": "x", "supplier": SUPPLIER, "adopter": ADOPTER}),
        )
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
}

#[tokio::test]
async fn statuses_move_only_along_the_pipeline_and_the_envelope_follows() {
    let t = team();
    let before = t.zem(Some(&t.staff)).await;
    let id = t.candidate("tournees", json!({})).await;
    let after_creation = t.zem(Some(&t.staff)).await;
    let delta = |a: &Value, b: &Value, k: &str| {
        b[k].as_f64().unwrap_or(f64::NAN) - a[k].as_f64().unwrap_or(f64::NAN)
    };
    assert_eq!(delta(&before, &after_creation, "requested"), 200000.0);
    assert_eq!(delta(&before, &after_creation, "committed"), 0.0);

    // Skipping steps, or going back, is 409 with a problem document; nothing changes.
    for (to, from) in [
        ("selected", "proposed"),
        ("funded", "proposed"),
        ("completed", "proposed"),
    ] {
        let r = t.move_to(&t.staff, &id, json!({"status": to})).await;
        assert_eq!(r.status, StatusCode::CONFLICT, "{to}: {}", r.text());
        assert_eq!(r.header("content-type"), "application/problem+json");
        assert!(r.text().contains(from), "{}", r.text());
    }
    for (to, note) in [
        ("under-review", "Dossier reçu"),
        ("recommended", "Recommandé par QI"),
    ] {
        let r = t
            .move_to(&t.staff, &id, json!({"status": to, "note": note}))
            .await;
        assert_eq!(r.status, StatusCode::OK, "{to}: {}", r.text());
        assert_eq!(r.json()["status"], to);
    }
    // Selected with a grant below the request: earmarked.
    let r = t
        .move_to(
            &t.staff,
            &id,
            json!({"status": "selected", "amount_granted": 150000}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(r.json()["amount_granted"], 150000.0);
    let selected = t.zem(Some(&t.staff)).await;
    assert_eq!(delta(&before, &selected, "in_preparation"), 150000.0);
    assert_eq!(delta(&before, &selected, "committed"), 0.0);
    // Funded: committed, remaining drops by the grant.
    let r = t.move_to(&t.staff, &id, json!({"status": "funded"})).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let funded = t.zem(Some(&t.staff)).await;
    assert_eq!(delta(&before, &funded, "committed"), 150000.0);
    assert_eq!(delta(&before, &funded, "in_preparation"), 0.0);
    assert_eq!(delta(&before, &funded, "remaining"), -150000.0);
    assert_eq!(delta(&before, &funded, "requested"), 0.0, "no longer open");
    // A funded project cannot be rejected; it can be completed.
    let r = t
        .move_to(&t.staff, &id, json!({"status": "rejected"}))
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    let r = t
        .move_to(&t.staff, &id, json!({"status": "completed"}))
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let d = r.json();
    let statuses: Vec<&str> = d["history"]
        .as_array()
        .expect("history")
        .iter()
        .filter_map(|h| h["status"].as_str())
        .collect();
    assert_eq!(
        statuses,
        [
            "proposed",
            "under-review",
            "recommended",
            "selected",
            "funded",
            "completed"
        ]
    );
    assert_eq!(d["history"][1]["note"], "Dossier reçu");
    assert_eq!(d["history"][2]["from"], "under-review");
    assert_eq!(d["moves"], json!([]));
    // A reader may not move anything; an unknown project is 404.
    let r = t
        .move_to(&t.reader, &id, json!({"status": "completed"}))
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = t
        .move_to(&t.staff, "inexistant", json!({"status": "under-review"}))
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    // An unknown status is a 422 naming the field, like every JSON body.
    let r = t
        .move_to(&t.staff, &id, json!({"status": "approved"}))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text());
}

#[tokio::test]
async fn an_over_commitment_is_refused_unless_an_admin_confirms_it_with_a_note() {
    let t = team();
    let big = t
        .candidate(
            "trop-gros",
            json!({"amount_requested": 5000000, "total_cost": 20000000}),
        )
        .await;
    for to in ["under-review", "recommended"] {
        assert_eq!(
            t.move_to(&t.staff, &big, json!({"status": to}))
                .await
                .status,
            StatusCode::OK
        );
    }
    let before = t.zem(Some(&t.staff)).await;
    let r = t
        .move_to(&t.staff, &big, json!({"status": "selected"}))
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text());
    assert!(
        r.text().contains("4 348 000") || r.text().contains("4\u{202f}348\u{202f}000"),
        "{}",
        r.text()
    );
    assert_eq!(t.zem(Some(&t.staff)).await, before, "nothing changed");
    // Staff cannot confirm; an admin must, with a note.
    let r = t
        .move_to(
            &t.staff,
            &big,
            json!({"status": "selected", "confirm_overrun": true, "note": "oui"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.text());
    let r = t
        .move_to(
            &t.admin,
            &big,
            json!({"status": "selected", "confirm_overrun": true}),
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.text());
    let r = t
        .move_to(
            &t.admin,
            &big,
            json!({"status": "selected", "confirm_overrun": true, "note": "Complément du MEIE attendu"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let d = r.json();
    let last = d["history"]
        .as_array()
        .and_then(|h| h.last())
        .cloned()
        .expect("a move");
    assert_eq!(last["overrun"], true);
    assert_eq!(last["by"], "amelie");
    // A grant that fits needs no confirmation.
    let small = t
        .candidate("petit", json!({"amount_requested": 1000}))
        .await;
    for to in ["under-review", "recommended"] {
        t.move_to(&t.staff, &small, json!({"status": to})).await;
    }
    // The envelope is now over-held: even a small selection is refused.
    let r = t
        .move_to(&t.staff, &small, json!({"status": "selected"}))
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text());
}

#[tokio::test]
async fn an_out_of_zone_supplier_s_project_is_ineligible_with_the_rule_named() {
    let t = team();
    let id = t.candidate("voix", json!({"supplier": OUTSIDE})).await;
    let d = t
        .get(Some(&t.staff), &format!("/api/v1/projects/{id}"))
        .await
        .json();
    assert_eq!(d["eligibility"]["eligible"], false);
    let located = rule(&d, "supplier-in-zem");
    assert_eq!(located["passed"], false);
    assert_eq!(located["reason_code"], "located-in");
    assert!(
        located["reason"]
            .as_str()
            .is_some_and(|r| r.contains("hors de la ZEM")),
        "{located}"
    );
    assert_eq!(located["source"], PRESS_RELEASE);
    assert_eq!(located["name"], "Fournisseur dans la ZEM");
    let failed: Vec<&Value> = d["eligibility"]["rules"]
        .as_array()
        .expect("rules")
        .iter()
        .filter(|r| r["passed"] == false)
        .collect();
    assert_eq!(failed.len(), 1, "{failed:?}");
}

#[tokio::test]
async fn an_unknown_fact_is_unknown_never_passed() {
    let t = team();
    // No total cost; an adopter whose head count is unknown with a supplier that is known.
    let id = t
        .candidate(
            "sans-cout",
            json!({"total_cost": null, "adopter": "demo-assurances-laurentides"}),
        )
        .await;
    let d = t
        .get(Some(&t.staff), &format!("/api/v1/projects/{id}"))
        .await
        .json();
    let share = rule(&d, "programme-cost-share");
    assert_eq!(share["passed"], Value::Null);
    assert_eq!(share["reason_code"], "missing");
    assert_eq!(share["missing"][0]["fact"], "total-cost");
    assert_eq!(d["eligibility"]["eligible"], Value::Null);
    // The SME rule passes on the supplier's head count alone.
    assert_eq!(rule(&d, "sme-participant")["passed"], true);
    // The draft check of the form: the same rules, before anything is saved.
    let draft = t
        .get(
            Some(&t.staff),
            &format!(
                "/api/v1/eligibility?supplier={OUTSIDE}&adopter={ADOPTER}&axes=innovation-productivite&amount_requested=100&total_cost=1000"
            ),
        )
        .await;
    assert_eq!(draft.status, StatusCode::OK, "{}", draft.text());
    let draft = draft.json();
    assert_eq!(draft["eligible"], false);
    assert_eq!(draft["rules"].as_array().map(Vec::len), Some(8));
    // Without parties yet, the pair rules are unknown, naming what is missing.
    let empty = t
        .get(
            Some(&t.staff),
            "/api/v1/eligibility?axes=innovation-productivite",
        )
        .await
        .json();
    assert_eq!(empty["eligible"], Value::Null);
    assert_eq!(empty["rules"][0]["missing"][0]["fact"], "party");
}

#[tokio::test]
async fn bad_input_is_refused_and_nothing_is_written() {
    let t = team();
    let quads = t.app.quads();
    for (body, field) in [
        (
            json!({"name_fr": "x", "supplier": "inexistant", "adopter": ADOPTER}),
            "supplier",
        ),
        (
            json!({"name_fr": "x", "supplier": SUPPLIER, "adopter": ADOPTER, "axes": ["pas-un-axe"]}),
            "axes",
        ),
        (
            json!({"name_fr": "x", "supplier": SUPPLIER, "adopter": ADOPTER, "amount_requested": -1}),
            "amount_requested",
        ),
        (
            json!({"name_fr": "x", "supplier": SUPPLIER, "adopter": ADOPTER, "start_date": "2026-13-01"}),
            "start_date",
        ),
        (
            json!({"name_fr": "x", "supplier": SUPPLIER, "adopter": ADOPTER, "start_date": "2026-05-01", "end_date": "2026-04-01"}),
            "end_date",
        ),
        (
            json!({"name_fr": "x", "supplier": SUPPLIER, "adopter": ADOPTER, "envelope": "inexistante"}),
            "envelope",
        ),
    ] {
        let r = t.post(&t.staff, "/api/v1/projects", &body).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{body}: {}", r.text());
        assert_eq!(r.json()["parameter"], field, "{}", r.text());
    }
    // Created directly as funded beyond the envelope: 409.
    let r = t
        .post(
            &t.staff,
            "/api/v1/projects",
            &json!({"name_fr": "x", "supplier": SUPPLIER, "adopter": ADOPTER, "status": "funded", "amount": 9000000}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text());
    assert_eq!(t.app.quads(), quads);
    // Anonymous writes are 401.
    let r = t
        .app
        .send(
            call(Method::POST, "/api/v1/projects")
                .json(&json!({"name_fr": "x", "supplier": SUPPLIER, "adopter": ADOPTER})),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_move_is_one_change_of_the_history_and_can_be_reverted() {
    let t = team();
    let id = t.candidate("revert", json!({})).await;
    let r = t
        .move_to(&t.staff, &id, json!({"status": "under-review"}))
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let changes = t
        .get(Some(&t.staff), "/api/v1/changes?limit=1")
        .await
        .json();
    let last = changes[0]["id"].as_u64().expect("a change");
    let r = t
        .app
        .send(call(Method::POST, &format!("/api/v1/changes/{last}/revert")).bearer(&t.staff))
        .await;
    assert!(r.status.is_success(), "{}", r.text());
    let d = t
        .get(Some(&t.staff), &format!("/api/v1/projects/{id}"))
        .await
        .json();
    assert_eq!(d["status"], "proposed");
    assert_eq!(d["history"].as_array().map(Vec::len), Some(1));
}

#[tokio::test]
async fn the_pipeline_exports_as_csv_with_confidential_columns_for_members_only() {
    let t = team();
    let id = t.candidate("export", json!({})).await;
    let member = t.get(Some(&t.reader), "/api/v1/export/pipeline.csv").await;
    assert_eq!(member.status, StatusCode::OK);
    assert!(member.header("content-type").starts_with("text/csv"));
    let text = member.text();
    let header = text
        .trim_start_matches('\u{feff}')
        .lines()
        .next()
        .unwrap_or_default()
        .to_owned();
    assert!(
        header.contains("amount_requested") && header.contains("rules_unknown"),
        "{header}"
    );
    assert!(text.contains(&id), "{text}");
    assert!(!text.contains("zorglub"), "notes are never exported");
    assert!(
        !text.contains("jeanne@example.org"),
        "contacts are never exported"
    );
    let workbook = t.get(Some(&t.reader), "/api/v1/export/pipeline.xlsx").await;
    crate::rest::assert_same_table("pipeline", &member, &workbook, "Projets");
    let anonymous = t.get(None, "/api/v1/export/pipeline.csv").await.text();
    assert!(!anonymous.contains(&id), "{anonymous}");
    assert!(!anonymous.contains("amount_requested"), "{anonymous}");
}

#[tokio::test]
async fn the_portfolio_suggests_among_the_open_candidates_within_what_remains() {
    let t = team();
    t.candidate("portefeuille", json!({})).await;
    let p = t.get(Some(&t.staff), "/api/v1/portfolio").await.json();
    let remaining = t.zem(Some(&t.staff)).await["remaining"].as_f64();
    assert_eq!(p["budget"].as_f64(), remaining);
    let all: Vec<&Value> = p["chosen"]
        .as_array()
        .into_iter()
        .flatten()
        .chain(p["rejected"].as_array().into_iter().flatten())
        .collect();
    assert!(
        all.iter()
            .any(|c| c["project"]["iri"] == "https://w3id.org/maillage/id/project/portefeuille"),
        "{p}"
    );
}
