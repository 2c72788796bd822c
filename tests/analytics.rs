//! End-to-end tests of the analytics commands on the demo graph (`MAILLAGE_DEMO=true`, as
//! `--demo`): what QI staff and the committee ask the command line, and the JSON contract
//! other programs rely on. Without the flag the commands read the real data only.

use std::process::{Command, Output};
use std::sync::OnceLock;

use serde_json::Value;

fn maillage(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_maillage"))
        .args(args)
        .env("MAILLAGE_DEMO", "true")
        .output()
        .expect("the maillage binary runs")
}

#[test]
fn without_demo_the_analytics_leave_the_demo_records_out() {
    let run = |demo: &str, args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_maillage"))
            .args(args)
            .env("MAILLAGE_DEMO", demo)
            .output()
            .expect("the maillage binary runs")
    };
    let args = [
        "match",
        "--store",
        store(),
        "--adopter",
        "demo-usinage-precision",
    ];
    assert!(run("true", &args).status.success());
    let without = run("false", &args);
    assert!(
        !without.status.success(),
        "a demo adopter is unknown without --demo"
    );
    let network = run("false", &["network", "--store", store()]);
    assert!(network.status.success());
    assert!(
        !String::from_utf8_lossy(&network.stdout).contains("/org/demo-"),
        "no demo organisation in the network"
    );
}

/// One store with the default data (which includes the demo graph) for every test.
fn store() -> &'static str {
    static STORE: OnceLock<(tempfile::TempDir, String)> = OnceLock::new();
    &STORE
        .get_or_init(|| {
            let dir = tempfile::tempdir().expect("temp dir");
            let path = dir.path().join("store").display().to_string();
            let out = maillage(&["load", "--store", &path, "--defaults"]);
            assert!(out.status.success());
            (dir, path)
        })
        .1
}

fn json(args: &[&str]) -> Value {
    let out = maillage(args);
    assert!(
        out.status.success(),
        "maillage {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON output")
}

const ORG: &str = "https://w3id.org/maillage/id/org/";

/// `maillage match --store … --<side> <org> <extra…>`: the JSON array of matches.
fn matches(side: &str, org: &str, extra: &[&str]) -> Vec<Value> {
    let flag = format!("--{side}");
    let mut args = vec!["match", "--store", store(), flag.as_str(), org];
    args.extend_from_slice(extra);
    match json(&args) {
        Value::Array(list) => list,
        other => panic!("not an array: {other}"),
    }
}

#[test]
fn an_adopter_gets_ranked_explained_suppliers_exact_before_broader() {
    let list = matches("adopter", "demo-usinage-precision", &["--limit", "20"]);
    assert!(!list.is_empty());
    for m in &list {
        for field in [
            "supplier",
            "adopter",
            "score",
            "eligible",
            "rules",
            "components",
            "explanation",
        ] {
            assert!(m.get(field).is_some(), "{field} missing in {m}");
        }
        let score = m["score"].as_f64().expect("score");
        assert!((0.0..=1.0).contains(&score));
        assert_eq!(m["adopter"], format!("{ORG}demo-usinage-precision"));
        for rule in m["rules"].as_array().expect("rules") {
            assert!(
                rule["rule"].is_string()
                    && rule["passed"].is_boolean()
                    && rule["reason"].is_string()
            );
        }
    }
    let scores: Vec<f64> = list
        .iter()
        .map(|m| m["score"].as_f64().expect("score"))
        .collect();
    assert!(
        scores.windows(2).all(|w| w[0] >= w[1]),
        "best first: {scores:?}"
    );
    // The supplier of exactly "object detection" ranks above the one of "computer vision".
    let rank = |slug: &str| {
        list.iter()
            .position(|m| m["supplier"] == format!("{ORG}{slug}"))
            .unwrap_or(usize::MAX)
    };
    assert_eq!(rank("demo-visiontech-capitale"), 0);
    let explanation = list[0]["explanation"].to_string();
    assert!(explanation.contains("Détection d'objets"), "{explanation}");
    let exact = list[0]["explanation"]
        .as_array()
        .expect("explanation")
        .iter()
        .find(|e| e["kind"] == "exact-need")
        .expect("an exact offer");
    assert_eq!(exact["component"], "need_coverage");
    assert!(
        exact["text"]
            .as_str()
            .is_some_and(|t| t.starts_with("Offre « ") && t.ends_with("», exactement le besoin")),
        "{exact}"
    );

    // English on request.
    let english = matches(
        "adopter",
        "demo-usinage-precision",
        &["--limit", "1", "--lang", "en"],
    );
    assert!(
        english[0]["explanation"]
            .to_string()
            .contains("Object detection")
    );
}

#[test]
fn an_out_of_zone_supplier_fails_the_location_rule_and_eligible_only_drops_it() {
    let all = matches("supplier", "demo-analytique-sherbrooke", &["--limit", "50"]);
    assert!(!all.is_empty());
    for m in &all {
        assert_eq!(m["eligible"], false);
        let location = m["rules"]
            .as_array()
            .expect("rules")
            .iter()
            .find(|r| r["rule"] == "supplier-in-zem")
            .expect("the location rule");
        assert_eq!(location["passed"], false);
        assert_eq!(location["reason_code"], "located-in");
        assert!(
            location["reason"]
                .as_str()
                .is_some_and(|r| r.ends_with("à Sherbrooke, hors de la ZEM")),
            "{location}"
        );
    }
    let eligible = matches(
        "supplier",
        "demo-analytique-sherbrooke",
        &["--eligible-only"],
    );
    assert!(eligible.is_empty(), "{eligible:?}");
}

#[test]
fn the_gap_table_lists_unmet_needs_with_the_adopters_concerned() {
    let rows = json(&["gaps", "--store", store()]);
    let rows = rows.as_array().expect("array");
    // The CSV has the JSON's columns, in the order of its header.
    let csv = maillage(&["gaps", "--store", store(), "--format", "csv"]);
    assert!(csv.status.success());
    let csv = String::from_utf8_lossy(&csv.stdout).into_owned();
    let header = csv
        .strip_prefix('\u{feff}')
        .and_then(|t| t.lines().next())
        .expect("a header after the byte-order mark");
    assert!(header.starts_with("concept,label_fr,label_en,demand,supply,unmet"));
    assert_eq!(csv.lines().count(), rows.len() + 1, "one line per row");
    for row in rows {
        for field in header.split(',') {
            assert!(row.get(field).is_some(), "{field} missing");
        }
    }
    let synthesis = rows
        .iter()
        .find(|r| r["concept"] == "https://w3id.org/maillage/id/concept/speech-synthesis")
        .expect("speech synthesis row");
    assert!(synthesis["unmet"].as_f64().expect("unmet") > 0.0);
    assert!(
        synthesis["unmet_adopters"]
            .as_array()
            .expect("adopters")
            .contains(&Value::from(format!("{ORG}demo-studio-narration")))
    );
}

#[test]
fn the_portfolio_keeps_one_project_per_adopter_within_the_budget() {
    let portfolio = json(&["portfolio", "--store", store(), "--budget", "400000"]);
    let chosen = portfolio["chosen"].as_array().expect("chosen");
    let total: f64 = chosen
        .iter()
        .map(|c| c["amount"].as_f64().expect("amount"))
        .sum();
    assert!(total <= 400_000.0, "{total}");
    let mut adopters: Vec<&str> = chosen
        .iter()
        .map(|c| c["adopter"]["iri"].as_str().expect("iri"))
        .collect();
    let n = adopters.len();
    adopters.sort();
    adopters.dedup();
    assert_eq!(adopters.len(), n, "one project per adopter");
    assert!(
        !portfolio["rejected"]
            .as_array()
            .expect("rejected")
            .is_empty()
    );
}

#[test]
fn the_network_names_brokers_communities_and_isolated_organisations() {
    let network = json(&["network", "--store", store()]);
    let brokers = network["brokers"].as_array().expect("brokers");
    assert!(
        brokers
            .iter()
            .any(|b| b["org"]["iri"] == format!("{ORG}universite-laval"))
    );
    assert!(
        !network["communities"]
            .as_array()
            .expect("communities")
            .is_empty()
    );
    assert!(!network["isolated"].as_array().expect("isolated").is_empty());
    let table = maillage(&["network", "--store", store(), "--format", "table"]);
    assert!(String::from_utf8_lossy(&table.stdout).contains("Université Laval"));
}

#[test]
fn unknown_organisations_get_a_clear_error() {
    let out = maillage(&["match", "--store", store(), "--adopter", "nobody-here"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("nobody-here"));
}
